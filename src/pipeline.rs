//! The pipeline over files: read → extract → write, counting records, rows and errors.

use std::io::Write;

use crate::error::{Error, ErrorKind, Location};
use crate::read::{self, Format};
use crate::record::Record;
use crate::write::{Row, RowWriter, Status};
use crate::Extractor;

/// What a run read, wrote and failed on; the CLI prints it as its last stderr line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Records read, including those that failed or had no abstract.
    pub records: usize,
    /// Rows written.
    pub rows: usize,
    /// Records or files that could not be read, or were read with problems.
    pub errors: usize,
    /// Files that could not be opened at all.
    pub io_errors: usize,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} records, {} rows, {} errors", self.records, self.rows, self.errors)
    }
}

/// Options of one extraction run.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// The input format, when the user forced one.
    pub input_format: Option<Format>,
    /// Leave out rows whose status is `invalid`.
    pub strict: bool,
}

/// Calls `each` on every record of every file, in order; reports problems through `report`.
///
/// Returns the summary with `rows` left at 0 (the caller counts what it writes).
pub fn for_each_record(
    files: &[String],
    input_format: Option<Format>,
    report: &mut dyn FnMut(&Error),
    each: &mut dyn FnMut(&Record) -> std::io::Result<()>,
) -> std::io::Result<Summary> {
    let mut summary = Summary::default();
    for file in files {
        let records = match read::open(file, input_format) {
            Ok(records) => records,
            Err(err) => {
                report(&err);
                summary.errors += 1;
                if err.kind() == ErrorKind::Io {
                    summary.io_errors += 1;
                }
                continue;
            }
        };
        for result in records {
            summary.records += 1;
            match result {
                Ok(record) => {
                    let location = Location::at(file.clone(), record.origin.record, record.origin.line);
                    if !record.warnings.is_empty() {
                        summary.errors += 1;
                        for warning in &record.warnings {
                            report(&Error::new(ErrorKind::Parse, warning.clone()).at(location.clone()));
                        }
                    }
                    if !record.has_abstract() {
                        report(
                            &Error::new(ErrorKind::NoAbstract, format!("record {} has no abstract", record.id()))
                                .at(location),
                        );
                    }
                    each(&record)?;
                }
                Err(err) => {
                    report(&err);
                    summary.errors += 1;
                    if err.kind() == ErrorKind::Io && err.location().is_none_or(|l| l.record.is_none()) {
                        // The stream itself failed; counting it as a record would be wrong.
                        summary.records -= 1;
                    }
                }
            }
        }
    }
    Ok(summary)
}

/// Extracts rows from every record of `files` and writes them with `writer`.
pub fn extract_files<W: Write>(
    extractor: &Extractor,
    files: &[String],
    options: &RunOptions,
    writer: &mut RowWriter<W>,
    report: &mut dyn FnMut(&Error),
) -> std::io::Result<Summary> {
    let mut rows_written = 0;
    let mut summary = for_each_record(files, options.input_format, report, &mut |record| {
        let rows: Vec<Row> = extractor.extract(record);
        for row in rows.iter().filter(|row| !(options.strict && row.status == Status::Invalid)) {
            writer.write(row)?;
            rows_written += 1;
        }
        Ok(())
    })?;
    summary.rows = rows_written;
    Ok(summary)
}
