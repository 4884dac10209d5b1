//! The error type: what went wrong and where (file, record, line).
//!
//! Errors about one record never stop the others: readers yield one `Result` per record, and
//! the caller prints, counts and moves on. A failed consistency check is not an error but a
//! code on the row (see [`crate::validate`]).

use std::fmt;

/// Where in the input something happened: the file, the 1-based record number and line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Location {
    /// The file as the user named it (`-` for standard input).
    pub file: String,
    /// 1-based position of the record in its file, when known.
    pub record: Option<usize>,
    /// 1-based line where the record (or the fault) starts, when known.
    pub line: Option<usize>,
}

impl Location {
    /// A location naming only a file.
    pub fn file(file: impl Into<String>) -> Self {
        Location { file: file.into(), record: None, line: None }
    }

    /// A location naming a file, a record and a line.
    pub fn at(file: impl Into<String>, record: usize, line: usize) -> Self {
        Location { file: file.into(), record: Some(record), line: Some(line) }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(record) = self.record {
            write!(f, ": record {record}")?;
        }
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        }
        Ok(())
    }
}

/// What kind of failure an [`Error`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The file could not be opened, read or written.
    Io,
    /// The input's format could not be recognised.
    UnknownFormat,
    /// A record is malformed (truncated, bad syntax, bad encoding).
    Parse,
    /// A record was read but has no abstract; it is counted and gives no rows.
    NoAbstract,
    /// A rule file is invalid.
    Rules,
    /// The command line or its arguments are unusable.
    Usage,
    /// An input exceeded a safety limit (entity expansion, nesting, size).
    Limit,
    /// The input holds nothing but whitespace.
    Empty,
    /// The input is not text (binary data such as an executable or an image).
    NotText,
    /// A problem that did not stop the record (an abstract cut to the size limit, bytes
    /// decoded as Windows-1252, a shifted CSV row): counted as a warning, not an error.
    Warning,
}

impl ErrorKind {
    /// Whether this kind means a whole input could not be read at all (exit code 2).
    pub fn is_fatal_for_file(self) -> bool {
        matches!(self, ErrorKind::Io | ErrorKind::UnknownFormat | ErrorKind::Empty | ErrorKind::NotText)
    }
}

/// An error with its kind, a message and where it happened.
#[derive(Debug, Clone)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    location: Option<Location>,
}

impl Error {
    /// A new error of `kind` with a message.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error { kind, message: message.into(), location: None }
    }

    /// The same error, located.
    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    /// An I/O error met while reading `file`: located at the record being read and its first
    /// line when there is one (`within`), else at the file.
    pub fn reading(file: &str, within: Option<(usize, usize)>, err: &std::io::Error) -> Self {
        let location = match within {
            Some((record, line)) => Location::at(file, record, line),
            None => Location::file(file),
        };
        Error::new(ErrorKind::Io, err.to_string()).at(location)
    }

    /// An I/O error on a file.
    pub fn io(file: &str, err: &std::io::Error) -> Self {
        Error::new(ErrorKind::Io, err.to_string()).at(Location::file(file))
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The message without the location.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Where it happened, when known.
    pub fn location(&self) -> Option<&Location> {
        self.location.as_ref()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.location {
            Some(location) => write!(f, "{location}: {}", self.message),
            None => write!(f, "{}", self.message),
        }
    }
}

impl std::error::Error for Error {}

/// The crate's result type.
pub type Result<T> = std::result::Result<T, Error>;
