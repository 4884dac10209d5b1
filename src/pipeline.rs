//! The pipeline over files: read → extract → write, counting records, rows and errors.
//!
//! Extraction streams: a reader thread reads records in batches into a bounded channel, the
//! batches are extracted in parallel (rayon) and written in input order, so memory stays flat
//! however large the input and the output is byte-identical to a single-threaded run.

use std::io::Write;
use std::sync::atomic::AtomicU64;
use std::sync::mpsc::sync_channel;
use std::sync::Arc;

use rayon::prelude::*;

use crate::decisions::Decisions;
use crate::error::{Error, ErrorKind, Location};
use crate::model::{Row, Status};
use crate::read::{self, Format};
use crate::record::Record;
use crate::study::{self, Catalogue, Entry, Identity};
use crate::write::RowWriter;
use crate::Extractor;

/// The longest abstract extracted; a longer one is cut here, with a warning.
pub const MAX_ABSTRACT_BYTES: usize = 1024 * 1024;

/// Records per batch handed to the parallel extractors.
const BATCH_RECORDS: usize = 512;

/// Bytes of abstracts per batch, whichever limit comes first.
const BATCH_BYTES: usize = 4 * 1024 * 1024;

/// What a run read, wrote and failed on; the CLI prints it as its last stderr line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Records read, including those that failed or had no abstract.
    pub records: usize,
    /// Rows written.
    pub rows: usize,
    /// Records or files that could not be read.
    pub errors: usize,
    /// Files that could not be read at all (missing, unreadable, empty, not text, unknown format).
    pub io_errors: usize,
    /// Problems that did not stop a record: abstracts cut, bytes decoded as Windows-1252,
    /// lines cut, shifted CSV rows.
    pub warnings: usize,
    /// Records that repeat an earlier record of the run (see [`crate::study`]).
    pub duplicates: usize,
}

impl Summary {
    /// The exit code this outcome gives: 2 when some input could not be read at all (whether
    /// or not other inputs were read), 1 when some record failed or a forced format read
    /// nothing, 0 otherwise. Warnings alone never change it.
    pub fn exit_code(&self) -> u8 {
        if self.io_errors > 0 {
            2
        } else if self.errors > 0 {
            1
        } else {
            0
        }
    }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} records, {} rows, {} errors, {} warnings", self.records, self.rows, self.errors, self.warnings)?;
        if self.duplicates > 0 {
            write!(f, ", {} duplicates", self.duplicates)?;
        }
        Ok(())
    }
}

/// Options of one extraction run.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// The input format, when the user forced one.
    pub input_format: Option<Format>,
    /// Leave out rows whose status is `invalid`.
    pub strict: bool,
    /// Worker threads for extraction; `None` for one per core.
    pub threads: Option<usize>,
    /// Counts input bytes read, for a progress display.
    pub progress: Option<Arc<AtomicU64>>,
    /// Leave out the rows of records that repeat an earlier record.
    pub dedupe: bool,
    /// A reviewer's decisions on rows: rejected rows go, corrected ones are marked.
    pub decisions: Option<Arc<Decisions>>,
}

/// One thing the reader thread passes on, in input order.
enum Event {
    /// A record read (possibly with warnings).
    Record(Record),
    /// A record or file that could not be read.
    Failed(Error),
    /// A problem that did not stop its record (an abstract cut to the size limit), or a
    /// file that yielded no record.
    Note(Error),
}

/// Reports an event's problems, counts it, and returns the record to extract, if any.
fn account(event: Event, summary: &mut Summary, report: &mut dyn FnMut(&Error)) -> Option<Record> {
    match event {
        Event::Record(record) => {
            summary.records += 1;
            let location = Location::at(record.origin.file.clone(), record.origin.record, record.origin.line);
            for warning in &record.warnings {
                summary.warnings += 1;
                report(&Error::new(ErrorKind::Warning, warning.clone()).at(location.clone()));
            }
            if !record.has_abstract() {
                report(
                    &Error::new(ErrorKind::NoAbstract, format!("record {} has no abstract", record.id())).at(location),
                );
            }
            Some(record)
        }
        Event::Failed(err) => {
            report(&err);
            summary.errors += 1;
            let names_record = err.location().is_some_and(|l| l.record.is_some());
            if names_record {
                summary.records += 1;
            } else if err.kind().is_fatal_for_file() {
                summary.io_errors += 1;
            }
            None
        }
        Event::Note(note) => {
            report(&note);
            if note.kind() == ErrorKind::Warning {
                summary.warnings += 1;
            }
            None
        }
    }
}

/// Reads every file in order and sends its events to `send`; stops when `send` says so.
fn read_all(files: &[String], options: &RunOptions, send: &mut dyn FnMut(Event) -> bool) {
    for file in files {
        let records = match read::open_counted(file, options.input_format, options.progress.clone()) {
            Ok(records) => records,
            Err(err) => {
                if !send(Event::Failed(err)) {
                    return;
                }
                continue;
            }
        };
        let mut read_any = false;
        for result in records {
            // A file-level warning (bytes read as Windows-1252) is not a record read.
            read_any |= !matches!(&result, Err(err) if err.kind() == ErrorKind::Warning);
            let event = match result {
                Ok(mut record) => {
                    if let Some(note) = cut_to_limit(&mut record) {
                        if !send(Event::Note(note)) {
                            return;
                        }
                    }
                    Event::Record(record)
                }
                Err(err) if err.kind() == ErrorKind::Warning => Event::Note(err),
                Err(err) => Event::Failed(err),
            };
            if !send(event) {
                return;
            }
        }
        if !read_any && !send(nothing_read(file, options.input_format)) {
            return;
        }
    }
}

/// What a file that yielded no record at all means: under a forced format, an error naming the
/// format (the format was most likely wrong); under a sniffed one, a warning.
fn nothing_read(file: &str, forced: Option<Format>) -> Event {
    let location = Location::file(file);
    match forced {
        Some(format) => Event::Failed(
            Error::new(
                ErrorKind::Parse,
                format!("no record read as --input-format {} (is that the format of this file?)", format.name()),
            )
            .at(location),
        ),
        None => Event::Note(Error::new(ErrorKind::Warning, "no record found in this file").at(location)),
    }
}

/// Cuts an abstract longer than [`MAX_ABSTRACT_BYTES`] at a character boundary.
fn cut_to_limit(record: &mut Record) -> Option<Error> {
    if record.abstract_text.len() <= MAX_ABSTRACT_BYTES {
        return None;
    }
    let mut at = MAX_ABSTRACT_BYTES;
    while !record.abstract_text.is_char_boundary(at) {
        at -= 1;
    }
    let length = record.abstract_text.len();
    record.abstract_text.truncate(at);
    let location = Location::at(record.origin.file.clone(), record.origin.record, record.origin.line);
    Some(
        Error::new(ErrorKind::Warning, format!("abstract of {length} bytes cut to {at} bytes (the limit is 1 MiB)"))
            .at(location),
    )
}

/// Calls `each` on every record of every file, in order; reports problems through `report`.
/// Records are read on a thread of their own, so reading overlaps with what `each` does.
///
/// Returns the summary with `rows` left at 0 (the caller counts what it writes).
pub fn for_each_record(
    files: &[String],
    input_format: Option<Format>,
    report: &mut dyn FnMut(&Error),
    each: &mut dyn FnMut(&Record) -> std::io::Result<()>,
) -> std::io::Result<Summary> {
    let mut summary = Summary::default();
    let options = RunOptions { input_format, ..RunOptions::default() };
    std::thread::scope(|scope| -> std::io::Result<()> {
        for batch in read_in_batches(scope, files, &options) {
            for event in batch {
                if let Some(record) = account(event, &mut summary, report) {
                    each(&record)?;
                }
            }
        }
        Ok(())
    })?;
    Ok(summary)
}

/// Reads every file on a thread of `scope` and hands over the events in bounded batches (at
/// most [`BATCH_RECORDS`] records or [`BATCH_BYTES`] of abstracts each, two batches queued),
/// so memory stays flat however large the input. Dropping the receiver stops the reader.
fn read_in_batches<'scope>(
    scope: &'scope std::thread::Scope<'scope, '_>,
    files: &'scope [String],
    options: &'scope RunOptions,
) -> std::sync::mpsc::Receiver<Vec<Event>> {
    let (sender, receiver) = sync_channel::<Vec<Event>>(2);
    scope.spawn(move || {
        let mut batch = Vec::with_capacity(BATCH_RECORDS);
        let mut bytes = 0;
        let mut open = true;
        read_all(files, options, &mut |event| {
            if let Event::Record(record) = &event {
                bytes += record.abstract_text.len();
            }
            batch.push(event);
            if batch.len() >= BATCH_RECORDS || bytes >= BATCH_BYTES {
                bytes = 0;
                open = sender.send(std::mem::take(&mut batch)).is_ok();
            }
            open
        });
        if open && !batch.is_empty() {
            let _ = sender.send(batch);
        }
    });
    receiver
}

/// What extraction made of one batch: per event, the rows of its record (`None` for events
/// that are not records).
type BatchRows = Vec<Option<std::result::Result<Vec<Row>, Error>>>;

/// Extracts rows from every record of `files` and writes them with `writer`, in input order.
pub fn extract_files<W: Write>(
    extractor: &Extractor,
    files: &[String],
    options: &RunOptions,
    writer: &mut RowWriter<W>,
    report: &mut dyn FnMut(&Error),
) -> std::io::Result<Summary> {
    extract_each(extractor, files, options, report, &mut |_, _, rows| writer.write_record(rows))
}

/// The catalogue of a run: read ahead over the files when none is standard input, so shared
/// study labels all get suffixes; learnt as records come otherwise.
///
/// The records are read on a thread of their own, as the main pass reads them (the same
/// records, cut to the same limit), and each batch's identities are computed on `pool`.
pub fn catalogue(files: &[String], input_format: Option<Format>, pool: &rayon::ThreadPool) -> Catalogue {
    if files.iter().any(|file| file == "-") {
        return Catalogue::streaming();
    }
    let options = RunOptions { input_format, ..RunOptions::default() };
    std::thread::scope(|scope| {
        let identified = read_in_batches(scope, files, &options).into_iter().flat_map(|batch| {
            let records: Vec<Record> = batch
                .into_iter()
                .filter_map(|event| match event {
                    Event::Record(record) => Some(record),
                    Event::Failed(_) | Event::Note(_) => None,
                })
                .collect();
            let identities: Vec<Identity> = pool.install(|| records.par_iter().map(Identity::of).collect());
            records.into_iter().zip(identities)
        });
        Catalogue::from_identified(identified)
    })
}

/// Extracts rows from every record of `files` and hands each record with what the catalogue
/// says of it and its rows (labelled, decided, filtered) to `each`, in input order; `each`
/// returns how many lines it wrote.
///
/// While the workers extract one batch, this thread reports and writes the one before it, so
/// the cores never wait for the writer.
pub fn extract_each(
    extractor: &Extractor,
    files: &[String],
    options: &RunOptions,
    report: &mut dyn FnMut(&Error),
    each: &mut EachRecord<'_>,
) -> std::io::Result<Summary> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.threads.unwrap_or(0))
        .build()
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    let mut summary = Summary::default();
    let mut catalogue = catalogue(files, options.input_format, &pool);
    let mut sink = RecordSink { options, catalogue: &mut catalogue, summary: &mut summary, report, each };
    std::thread::scope(|scope| -> std::io::Result<()> {
        let mut done: Option<(Vec<Event>, BatchRows)> = None;
        for batch in read_in_batches(scope, files, options) {
            let mut rows = BatchRows::new();
            let written = pool.in_place_scope(|workers| {
                workers.spawn(|_| {
                    rows = batch
                        .par_iter()
                        .map(|event| match event {
                            Event::Record(record) => Some(extract_guarded(extractor, record)),
                            _ => None,
                        })
                        .collect();
                });
                match done.take() {
                    Some((events, rows)) => sink.write_batch(events, rows),
                    None => Ok(()),
                }
            });
            written?;
            done = Some((batch, rows));
        }
        match done {
            Some((events, rows)) => sink.write_batch(events, rows),
            None => Ok(()),
        }
    })?;
    Ok(summary)
}

/// What [`extract_each`] hands each record to: the record, what the catalogue says of it, and
/// its rows; it returns how many lines it wrote.
pub type EachRecord<'a> = dyn FnMut(&Record, &Entry, &[Row]) -> std::io::Result<usize> + 'a;

/// Where extracted batches go: labelled by the catalogue, decided, filtered, then handed on.
struct RecordSink<'a> {
    options: &'a RunOptions,
    catalogue: &'a mut Catalogue,
    summary: &'a mut Summary,
    report: &'a mut dyn FnMut(&Error),
    each: &'a mut EachRecord<'a>,
}

impl RecordSink<'_> {
    /// Reports and counts one extracted batch and writes its rows: the reading problems of all
    /// its events first, then its extraction errors, then its rows, record by record.
    fn write_batch(&mut self, events: Vec<Event>, rows: BatchRows) -> std::io::Result<()> {
        let records: Vec<Option<Record>> =
            events.into_iter().map(|event| account(event, self.summary, self.report)).collect();
        for result in rows.iter().flatten() {
            if let Err(err) = result {
                (self.report)(err);
                self.summary.errors += 1;
            }
        }
        for (record, result) in records.iter().zip(rows) {
            let Some(record) = record else { continue };
            let entry = self.catalogue.admit(record);
            let mut rows = match result {
                Some(Ok(rows)) => rows,
                _ => Vec::new(),
            };
            if entry.duplicate_of.is_some() {
                self.summary.duplicates += 1;
                if self.options.dedupe {
                    continue;
                }
            }
            study::label_rows(&mut rows, &entry);
            if let Some(decisions) = &self.options.decisions {
                decisions.apply(&mut rows);
            }
            if self.options.strict {
                rows.retain(|row| row.status != Status::Invalid);
            }
            self.summary.rows += (self.each)(record, &entry, &rows)?;
        }
        Ok(())
    }
}

/// Extracts one record; a bug that panics on it becomes a located error instead of ending
/// the run, so one record never costs the others.
fn extract_guarded(extractor: &Extractor, record: &Record) -> std::result::Result<Vec<Row>, Error> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| extractor.extract(record))).map_err(|_| {
        Error::new(
            ErrorKind::Parse,
            format!("internal error while extracting record {} (please report it)", record.id()),
        )
        .at(Location::at(record.origin.file.clone(), record.origin.record, record.origin.line))
    })
}

/// Total size in bytes of the named files (standard input counts as 0).
pub fn input_bytes(files: &[String]) -> u64 {
    files.iter().filter(|f| f.as_str() != "-").filter_map(|f| std::fs::metadata(f).ok()).map(|m| m.len()).sum()
}
