//! Regression checks: extract record files and compare with the expected rows beside them.
//!
//! A record file `NAME.<ext>` (any input format) has its expected rows in
//! `NAME.expected.csv` beside it: exactly what `trialrex extract NAME.<ext>` writes. [`discover`]
//! finds the record files under some folders, [`check_file`] extracts one, compares its rows
//! with the expected file and (with `bless`) rewrites that file atomically. The comparison is
//! on cells, by column name, so it reads as a list of rows missing, rows added and fields
//! changed rather than a line diff.
//!
//! Rows are paired first by `(record_id, kind, start, end)`, which survives rows appearing
//! or disappearing elsewhere in the abstract, then, for what is left, by `(record_id, kind,
//! rule)` in order, which pairs a row whose evidence moved with its old self.
//!
//! ```no_run
//! use std::path::PathBuf;
//! use trialrex::check::{self, CheckOptions};
//! use trialrex::Extractor;
//!
//! let extractor = Extractor::with_default_rules().unwrap();
//! let options = CheckOptions::default();
//! let excluded: [PathBuf; 0] = [];
//! for case in check::discover(&[PathBuf::from("fixtures")], &excluded).unwrap() {
//!     let outcome = check::check_file(&extractor, &case, &options).unwrap();
//!     print!("{outcome}");
//! }
//! ```

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, ErrorKind, Location, Result};
use crate::pipeline::{self, RunOptions};
use crate::read::Format;
use crate::write::{OutputFormat, RowWriter, HEADER};
use crate::Extractor;

/// The suffix that names an expected file: `NAME.expected.csv` beside `NAME.<ext>`.
pub const EXPECTED_SUFFIX: &str = ".expected.csv";

/// One record file and where its expected rows are (or would be).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    /// The record file (any input format).
    pub record_file: PathBuf,
    /// `NAME.expected.csv` beside it.
    pub expected_file: PathBuf,
}

/// What a check run does besides comparing.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Indexes into [`HEADER`] of the fields left out of the comparison.
    pub ignore: Vec<usize>,
    /// Rewrite the expected files from the current output.
    pub bless: bool,
    /// Read every record file as this format instead of sniffing it.
    pub input_format: Option<Format>,
}

/// The expected file of a record file: `NAME.expected.csv` beside `NAME.<ext>` (a `.gz` after
/// the extension is part of it: `a.xml.gz` → `a.expected.csv`).
pub fn expected_path(record_file: &Path) -> PathBuf {
    let name = record_file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let stem = match name.rfind('.') {
        Some(dot) if dot > 0 => &name[..dot],
        _ => name,
    };
    record_file.with_file_name(format!("{stem}{EXPECTED_SUFFIX}"))
}

/// Whether a file found in a folder is a record file: not hidden, not an expected file, not
/// Markdown (`README.md`, `SOURCES.md`).
pub fn is_record_file(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    !(name.starts_with('.') || name.ends_with(EXPECTED_SUFFIX) || name.ends_with(".md"))
}

/// The record files under `paths` (folders walked recursively in name order; a file named
/// directly is taken as it is) and not under `excluded`, each with its expected file.
///
/// Two record files that would share an expected file (`a.ris` and `a.nbib`) are a usage
/// error, as is a path that does not exist or a folder with no record files.
pub fn discover(paths: &[PathBuf], excluded: &[PathBuf]) -> Result<Vec<Case>> {
    let mut files = Vec::new();
    for path in paths {
        let shown = path.display().to_string();
        let metadata = std::fs::metadata(path).map_err(|e| Error::io(&shown, &e))?;
        if metadata.is_dir() {
            let before = files.len();
            walk(path, &mut files)?;
            if files.len() == before {
                return Err(Error::new(ErrorKind::Usage, "no record files in this folder").at(Location::file(shown)));
            }
        } else if is_record_file(path) {
            files.push(path.clone());
        } else {
            return Err(Error::new(
                ErrorKind::Usage,
                "not a record file (expected files, *.md and hidden files are not)",
            )
            .at(Location::file(shown)));
        }
    }
    files.retain(|file| !excluded.iter().any(|prefix| file.starts_with(prefix)));
    let mut owners: HashMap<PathBuf, PathBuf> = HashMap::new();
    let mut cases = Vec::with_capacity(files.len());
    for record_file in files {
        let expected_file = expected_path(&record_file);
        if let Some(other) = owners.insert(expected_file.clone(), record_file.clone()) {
            if other == record_file {
                continue;
            }
            return Err(Error::new(
                ErrorKind::Usage,
                format!(
                    "{} and {} would share the expected file {}; rename one",
                    other.display(),
                    record_file.display(),
                    expected_file.display()
                ),
            ));
        }
        cases.push(Case { record_file, expected_file });
    }
    Ok(cases)
}

/// Adds the record files under `folder` to `files`, in name order, depth first.
fn walk(folder: &Path, files: &mut Vec<PathBuf>) -> Result<()> {
    let shown = folder.display().to_string();
    let mut entries: Vec<_> = std::fs::read_dir(folder)
        .map_err(|e| Error::io(&shown, &e))?
        .collect::<std::io::Result<_>>()
        .map_err(|e| Error::io(&shown, &e))?;
    entries.sort_by_key(|entry| entry.file_name());
    for entry in entries {
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        let file_type = entry.file_type().map_err(|e| Error::io(&path.display().to_string(), &e))?;
        // Symbolic links to folders are not followed, so a link cycle cannot loop the walk.
        if file_type.is_dir() {
            if !hidden {
                walk(&path, files)?;
            }
        } else if is_record_file(&path) && std::fs::metadata(&path).is_ok_and(|m| m.is_file()) {
            files.push(path);
        }
    }
    Ok(())
}

/// Parses a comma-separated list of contract field names (`rule,checks`) into indexes into
/// [`HEADER`]; an unknown name is a usage error that lists the known ones.
pub fn parse_fields(list: &str) -> Result<Vec<usize>> {
    let mut indexes = Vec::new();
    for name in list.split(',').map(str::trim).filter(|name| !name.is_empty()) {
        match HEADER.iter().position(|field| *field == name) {
            Some(index) => indexes.push(index),
            None => {
                return Err(Error::new(
                    ErrorKind::Usage,
                    format!("unknown field `{name}` (the fields are: {})", HEADER.join(", ")),
                ))
            }
        }
    }
    Ok(indexes)
}

/// A CSV file of rows as cells: its header and its records.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// The column names.
    pub header: Vec<String>,
    /// The rows' cells, as many as the header has columns.
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// Reads CSV bytes as written by `trialrex extract`; `file` names them in errors.
    pub fn from_csv(bytes: &[u8], file: &str) -> Result<Table> {
        let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(bytes);
        let located = |err: csv::Error| {
            let line = err.position().map_or(0, |p| p.line() as usize);
            let record = err.position().map_or(0, |p| p.record() as usize);
            Error::new(ErrorKind::Parse, format!("not a CSV of rows: {err}")).at(Location::at(file, record, line))
        };
        let header: Vec<String> = reader.headers().map_err(located)?.iter().map(str::to_string).collect();
        if !header.iter().any(|name| name == "record_id") || !header.iter().any(|name| name == "kind") {
            return Err(
                Error::new(ErrorKind::Parse, "not a CSV of rows: no record_id or kind column").at(Location::file(file))
            );
        }
        let mut rows = Vec::new();
        for record in reader.records() {
            rows.push(record.map_err(located)?.iter().map(str::to_string).collect());
        }
        Ok(Table { header, rows })
    }

    /// The index of column `name`.
    fn column(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|field| field == name)
    }
}

/// One field that differs between an expected row and the row extracted now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    /// The field's name.
    pub field: String,
    /// The expected cell.
    pub expected: String,
    /// The cell extracted now.
    pub got: String,
}

/// A row's part of the comparison: its identity and what differs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowDiff {
    /// The row as shown: `kind`, `start..end`, `rule`, evidence and the other non-empty cells.
    pub row: ShownRow,
    /// What differs.
    pub change: RowChange,
}

/// How a row differs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowChange {
    /// Expected, not extracted now.
    Missing,
    /// Extracted now, not expected.
    Added,
    /// Both, with fields that differ.
    Changed(Vec<FieldChange>),
}

/// The cells of a row that a diff shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownRow {
    /// The row's kind.
    pub kind: String,
    /// `start..end` as written.
    pub span: String,
    /// The rule id.
    pub rule: String,
    /// The evidence text.
    pub evidence: String,
    /// The other non-empty cells, `(field, cell)`, in column order.
    pub cells: Vec<(String, String)>,
}

/// The differences of one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordDiff {
    /// The record's id.
    pub record_id: String,
    /// Its rows that differ, in order of evidence.
    pub rows: Vec<RowDiff>,
}

/// The result of comparing an expected table with the current one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Comparison {
    /// Columns the expected file has that the output does not, and the other way round
    /// (ignored fields left out).
    pub columns: Option<(Vec<String>, Vec<String>)>,
    /// Records with differing rows, in order of first appearance.
    pub records: Vec<RecordDiff>,
}

impl Comparison {
    /// How many differences: one per row missing, added or changed, one for the columns.
    pub fn differences(&self) -> usize {
        usize::from(self.columns.is_some()) + self.records.iter().map(|r| r.rows.len()).sum::<usize>()
    }
}

/// The pairing key of the first pass: `(record_id, kind, start, end)`.
type SpanKey = (String, String, String, String);
/// The pairing key of the second pass: `(record_id, kind, rule)`.
type RuleKey = (String, String, String);

/// Compares expected rows with the rows extracted now, leaving out the fields at `ignore`
/// (indexes into [`HEADER`]).
pub fn compare(expected: &Table, got: &Table, ignore: &[usize]) -> Comparison {
    let ignored = |name: &str| ignore.iter().any(|&i| HEADER[i] == name);
    let only_expected: Vec<String> =
        expected.header.iter().filter(|n| got.column(n).is_none() && !ignored(n)).cloned().collect();
    let only_got: Vec<String> =
        got.header.iter().filter(|n| expected.column(n).is_none() && !ignored(n)).cloned().collect();
    let columns = (!only_expected.is_empty() || !only_got.is_empty()).then_some((only_expected, only_got));
    // The compared fields: in both headers, not ignored, as (name, expected index, got index).
    let fields: Vec<(&str, usize, usize)> = got
        .header
        .iter()
        .enumerate()
        .filter(|(_, name)| !ignored(name))
        .filter_map(|(g, name)| expected.column(name).map(|e| (name.as_str(), e, g)))
        .collect();
    let pairing = Pairing::of(expected, got);
    let found = row_diffs(expected, got, &pairing, &fields);
    Comparison { columns, records: by_record(expected, got, found) }
}

/// The cell `name` of `row` in `table`; empty when the table has no such column.
fn cell(table: &Table, row: &[String], name: &str) -> String {
    table.column(name).and_then(|i| row.get(i)).cloned().unwrap_or_default()
}

/// Where a row's evidence starts, for ordering (0 when unreadable).
fn start_of(table: &Table, row: &[String]) -> usize {
    cell(table, row, "start").parse().unwrap_or(0)
}

/// Which extracted row each expected row is paired with.
struct Pairing {
    /// By expected row: the index of its extracted row.
    of_expected: Vec<Option<usize>>,
    /// By extracted row: whether an expected row took it.
    got_paired: Vec<bool>,
}

impl Pairing {
    /// Pairs rows in two passes: first same record, kind and span; then, of what is left,
    /// same record, kind and rule, in order.
    fn of(expected: &Table, got: &Table) -> Pairing {
        let span_key = |table: &Table, row: &[String]| -> SpanKey {
            (
                cell(table, row, "record_id"),
                cell(table, row, "kind"),
                cell(table, row, "start"),
                cell(table, row, "end"),
            )
        };
        let rule_key = |table: &Table, row: &[String]| -> RuleKey {
            (cell(table, row, "record_id"), cell(table, row, "kind"), cell(table, row, "rule"))
        };
        let mut pairing =
            Pairing { of_expected: vec![None; expected.rows.len()], got_paired: vec![false; got.rows.len()] };
        let mut by_span: HashMap<SpanKey, VecDeque<usize>> = HashMap::new();
        for (g, row) in got.rows.iter().enumerate() {
            by_span.entry(span_key(got, row)).or_default().push_back(g);
        }
        for (e, row) in expected.rows.iter().enumerate() {
            if let Some(g) = by_span.get_mut(&span_key(expected, row)).and_then(VecDeque::pop_front) {
                pairing.pair(e, g);
            }
        }
        let mut by_rule: HashMap<RuleKey, VecDeque<usize>> = HashMap::new();
        for (g, row) in got.rows.iter().enumerate().filter(|(g, _)| !pairing.got_paired[*g]) {
            by_rule.entry(rule_key(got, row)).or_default().push_back(g);
        }
        for (e, row) in expected.rows.iter().enumerate() {
            if pairing.of_expected[e].is_some() {
                continue;
            }
            if let Some(g) = by_rule.get_mut(&rule_key(expected, row)).and_then(VecDeque::pop_front) {
                pairing.pair(e, g);
            }
        }
        pairing
    }

    fn pair(&mut self, expected: usize, got: usize) {
        self.of_expected[expected] = Some(got);
        self.got_paired[got] = true;
    }
}

/// A row as a diff shows it: kind, span, rule, evidence and its other non-empty cells.
fn shown(table: &Table, row: &[String]) -> ShownRow {
    let hidden = ["record_id", "kind", "start", "end", "rule", "evidence"];
    ShownRow {
        kind: cell(table, row, "kind"),
        span: format!("{}..{}", cell(table, row, "start"), cell(table, row, "end")),
        rule: cell(table, row, "rule"),
        evidence: cell(table, row, "evidence"),
        cells: table
            .header
            .iter()
            .zip(row)
            .filter(|(name, value)| !value.is_empty() && !hidden.contains(&name.as_str()))
            .map(|(name, value)| (name.clone(), value.clone()))
            .collect(),
    }
}

/// Every difference with its record and where its evidence starts: expected rows missing or
/// changed (in the `fields` compared), then extracted rows no expected row took.
fn row_diffs(
    expected: &Table,
    got: &Table,
    pairing: &Pairing,
    fields: &[(&str, usize, usize)],
) -> Vec<(String, usize, RowDiff)> {
    let mut found = Vec::new();
    for (e, row) in expected.rows.iter().enumerate() {
        let record_id = cell(expected, row, "record_id");
        match pairing.of_expected[e] {
            None => found.push((
                record_id,
                start_of(expected, row),
                RowDiff { row: shown(expected, row), change: RowChange::Missing },
            )),
            Some(g) => {
                let now = &got.rows[g];
                let changes: Vec<FieldChange> = fields
                    .iter()
                    .filter_map(|&(name, ei, gi)| {
                        let (old, new) =
                            (row.get(ei).cloned().unwrap_or_default(), now.get(gi).cloned().unwrap_or_default());
                        (old != new).then(|| FieldChange { field: name.to_string(), expected: old, got: new })
                    })
                    .collect();
                if !changes.is_empty() {
                    found.push((
                        record_id,
                        start_of(got, now),
                        RowDiff { row: shown(got, now), change: RowChange::Changed(changes) },
                    ));
                }
            }
        }
    }
    for (_, row) in got.rows.iter().enumerate().filter(|(g, _)| !pairing.got_paired[*g]) {
        found.push((
            cell(got, row, "record_id"),
            start_of(got, row),
            RowDiff { row: shown(got, row), change: RowChange::Added },
        ));
    }
    found
}

/// The differences grouped by record, records in order of first appearance (the expected
/// file's, then new ones), rows by where their evidence starts.
fn by_record(expected: &Table, got: &Table, mut found: Vec<(String, usize, RowDiff)>) -> Vec<RecordDiff> {
    let mut order: Vec<String> = Vec::new();
    for (table, rows) in [(expected, &expected.rows), (got, &got.rows)] {
        for row in rows {
            let id = cell(table, row, "record_id");
            if !order.contains(&id) {
                order.push(id);
            }
        }
    }
    let rank = |id: &str| order.iter().position(|o| o == id).unwrap_or(usize::MAX);
    found.sort_by_key(|(id, start, _)| (rank(id), *start));
    let mut records: Vec<RecordDiff> = Vec::new();
    for (record_id, _, diff) in found {
        match records.last_mut() {
            Some(last) if last.record_id == record_id => last.rows.push(diff),
            _ => records.push(RecordDiff { record_id, rows: vec![diff] }),
        }
    }
    records
}

/// What `trialrex extract FILE` writes as CSV, with the run's summary and problems.
#[derive(Debug)]
pub struct Extracted {
    /// The CSV bytes.
    pub csv: Vec<u8>,
    /// Records read, rows written, errors.
    pub summary: pipeline::Summary,
    /// Records that could not be read, each located.
    pub problems: Vec<Error>,
}

/// Extracts `file` exactly as `trialrex extract FILE` does (CSV, no `--strict`).
pub fn extract_csv(extractor: &Extractor, file: &Path, input_format: Option<Format>) -> Result<Extracted> {
    let shown = file.display().to_string();
    let options = RunOptions { input_format, threads: Some(1), ..RunOptions::default() };
    let mut problems = Vec::new();
    let mut report = |err: &Error| {
        if err.kind() != ErrorKind::NoAbstract {
            problems.push(err.clone());
        }
    };
    let mut writer = RowWriter::new(Vec::new(), OutputFormat::Csv).map_err(|e| Error::io(&shown, &e))?;
    let summary = pipeline::extract_files(extractor, std::slice::from_ref(&shown), &options, &mut writer, &mut report)
        .map_err(|e| Error::io(&shown, &e))?;
    let csv = writer.finish().map_err(|e| Error::io(&shown, &e))?;
    if summary.io_errors > 0 {
        let unreadable = problems.iter().position(|e| e.kind().is_fatal_for_file());
        return Err(match unreadable {
            Some(index) => problems.swap_remove(index),
            None => Error::new(ErrorKind::Io, "could not be read").at(Location::file(shown)),
        });
    }
    Ok(Extracted { csv, summary, problems })
}

/// What checking one record file found.
#[derive(Debug)]
pub struct FileOutcome {
    /// The record file and its expected file.
    pub case: Case,
    /// Records read from the record file.
    pub records: usize,
    /// Records that could not be read (not differences: the expected file reflects them).
    pub problems: Vec<Error>,
    /// The expected file did not exist.
    pub new: bool,
    /// The comparison (empty for a new file).
    pub comparison: Comparison,
    /// With `bless`: the expected file was (re)written.
    pub written: bool,
}

impl FileOutcome {
    /// Whether the run should fail for this file: differences, or no expected file, unblessed.
    pub fn fails(&self) -> bool {
        !self.written && (self.new || self.comparison.differences() > 0)
    }
}

/// Extracts one record file, compares it with its expected file and, with `bless`, rewrites
/// the expected file (atomically) when its bytes differ from the current output.
pub fn check_file(extractor: &Extractor, case: &Case, options: &CheckOptions) -> Result<FileOutcome> {
    let extracted = extract_csv(extractor, &case.record_file, options.input_format)?;
    let expected_shown = case.expected_file.display().to_string();
    let (new, comparison, same_bytes) = match std::fs::read(&case.expected_file) {
        Ok(bytes) => {
            let expected = Table::from_csv(&bytes, &expected_shown)?;
            let got = Table::from_csv(&extracted.csv, &case.record_file.display().to_string())?;
            (false, compare(&expected, &got, &options.ignore), bytes == extracted.csv)
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => (true, Comparison::default(), false),
        Err(err) => return Err(Error::io(&expected_shown, &err)),
    };
    let written = options.bless && !same_bytes;
    if written {
        write_atomically(&case.expected_file, &extracted.csv)?;
    }
    Ok(FileOutcome {
        case: case.clone(),
        records: extracted.summary.records,
        problems: extracted.problems,
        new,
        comparison,
        written,
    })
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let shown = path.display().to_string();
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".trialrex-")
        .tempfile_in(folder)
        .map_err(|e| Error::io(&folder.display().to_string(), &e))?;
    temp.write_all(bytes).map_err(|e| Error::io(&shown, &e))?;
    // A rewritten file keeps its permissions (the temporary file is created private).
    if let Ok(metadata) = std::fs::metadata(path) {
        temp.as_file().set_permissions(metadata.permissions()).map_err(|e| Error::io(&shown, &e))?;
    }
    temp.as_file().sync_all().map_err(|e| Error::io(&shown, &e))?;
    temp.persist(path).map_err(|e| Error::io(&shown, &e.error))?;
    Ok(())
}

/// Shows an empty cell so that it cannot be mistaken for a missing one.
fn shown_cell(cell: &str) -> &str {
    if cell.is_empty() {
        "(empty)"
    } else {
        cell
    }
}

impl fmt::Display for FileOutcome {
    /// The readable report of one file: nothing when it matches, else its differences
    /// per record, the `new:` line, or the `wrote:` line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let record_file = self.case.record_file.display();
        let expected_file = self.case.expected_file.display();
        if self.new {
            if self.written {
                return writeln!(f, "wrote: {expected_file} (new, {} records)", self.records);
            }
            return writeln!(f, "new: {record_file} (no expected file; run with --bless to create it)");
        }
        let differences = self.comparison.differences();
        if differences > 0 {
            let plural = if differences == 1 { "" } else { "s" };
            writeln!(f, "{record_file}: {differences} difference{plural} from {expected_file}")?;
            if let Some((only_expected, only_got)) = &self.comparison.columns {
                if !only_expected.is_empty() {
                    writeln!(f, "  columns missing: {}", only_expected.join(", "))?;
                }
                if !only_got.is_empty() {
                    writeln!(f, "  columns added: {}", only_got.join(", "))?;
                }
            }
            for record in &self.comparison.records {
                writeln!(f, "  record {}", record.record_id)?;
                for diff in &record.rows {
                    let label = match diff.change {
                        RowChange::Missing => "missing",
                        RowChange::Added => "added  ",
                        RowChange::Changed(_) => "changed",
                    };
                    let row = &diff.row;
                    writeln!(f, "    {label} {} {} {}: \"{}\"", row.kind, row.span, row.rule, row.evidence)?;
                    match &diff.change {
                        RowChange::Changed(fields) => {
                            for change in fields {
                                writeln!(
                                    f,
                                    "      {}: {} → {}",
                                    change.field,
                                    shown_cell(&change.expected),
                                    shown_cell(&change.got)
                                )?;
                            }
                        }
                        RowChange::Missing | RowChange::Added => {
                            let cells: Vec<String> = row.cells.iter().map(|(k, v)| format!("{k}={v}")).collect();
                            if !cells.is_empty() {
                                writeln!(f, "      {}", cells.join(" "))?;
                            }
                        }
                    }
                }
            }
        }
        if self.written {
            writeln!(f, "wrote: {expected_file}")?;
        }
        Ok(())
    }
}

/// The totals of a check run; `Display` is its last line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CheckSummary {
    /// Record files checked.
    pub files: usize,
    /// Records read from them.
    pub records: usize,
    /// Rows missing, added or changed (and column changes).
    pub differences: usize,
    /// Record files with no expected file.
    pub new: usize,
    /// Expected files written by `--bless`.
    pub written: usize,
    /// Record files that could not be checked (unreadable, bad expected file).
    pub errors: usize,
}

impl CheckSummary {
    /// Adds one file's outcome.
    pub fn add(&mut self, outcome: &FileOutcome) {
        self.files += 1;
        self.records += outcome.records;
        self.differences += outcome.comparison.differences();
        self.new += usize::from(outcome.new);
        self.written += usize::from(outcome.written);
    }
}

impl fmt::Display for CheckSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} files, {} records, {} differences", self.files, self.records, self.differences)?;
        if self.new > 0 {
            write!(f, ", {} new", self.new)?;
        }
        if self.written > 0 {
            write!(f, ", {} written", self.written)?;
        }
        if self.errors > 0 {
            write!(f, ", {} errors", self.errors)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &[&str]) -> Table {
        let mut text = HEADER.join(",");
        text.push('\n');
        for row in rows {
            text.push_str(row);
            text.push('\n');
        }
        Table::from_csv(text.as_bytes(), "t.csv").unwrap()
    }

    /// A row with the given record, kind, value, start, end and rule; other cells empty.
    fn row(record: &str, kind: &str, value: &str, start: usize, end: usize, rule: &str) -> String {
        let mut cells = vec![String::new(); HEADER.len()];
        cells[0] = record.into();
        cells[1] = kind.into();
        cells[7] = value.into();
        cells[22] = start.to_string();
        cells[23] = end.to_string();
        cells[24] = "evidence".into();
        cells[25] = rule.into();
        cells.join(",")
    }

    #[test]
    fn expected_path_replaces_the_extension_and_gz() {
        assert_eq!(expected_path(Path::new("f/a.ris")), PathBuf::from("f/a.expected.csv"));
        assert_eq!(expected_path(Path::new("f/a.b.xml.gz")), PathBuf::from("f/a.b.expected.csv"));
        assert_eq!(expected_path(Path::new("noext")), PathBuf::from("noext.expected.csv"));
        assert!(!is_record_file(Path::new("f/a.expected.csv")));
        assert!(!is_record_file(Path::new("f/SOURCES.md")));
        assert!(is_record_file(Path::new("f/a.ris")));
    }

    #[test]
    fn unknown_ignored_field_is_a_usage_error() {
        assert_eq!(parse_fields("rule, checks").unwrap(), vec![25, 21]);
        assert_eq!(parse_fields("rule,nope").unwrap_err().kind(), ErrorKind::Usage);
    }

    #[test]
    fn rows_pair_by_span_then_by_rule() {
        let expected = table(&[&row("r", "effect", "0.5", 10, 20, "a"), &row("r", "effect", "0.7", 30, 40, "b")]);
        // The second row moved (same rule), the first changed its value.
        let got = table(&[&row("r", "effect", "0.6", 10, 20, "a"), &row("r", "effect", "0.7", 31, 41, "b")]);
        let comparison = compare(&expected, &got, &[]);
        assert_eq!(comparison.differences(), 2);
        let rows = &comparison.records[0].rows;
        assert_eq!(
            rows[0].change,
            RowChange::Changed(vec![FieldChange { field: "value".into(), expected: "0.5".into(), got: "0.6".into() }])
        );
        let RowChange::Changed(moved) = &rows[1].change else { panic!("not paired: {rows:?}") };
        assert_eq!(moved.iter().map(|c| c.field.as_str()).collect::<Vec<_>>(), ["start", "end"]);
        let ignoring = compare(&expected, &got, &parse_fields("value,start,end").unwrap());
        assert_eq!(ignoring.differences(), 0);
    }

    #[test]
    fn unpaired_rows_are_missing_or_added() {
        let expected = table(&[&row("r", "effect", "0.5", 10, 20, "a")]);
        let got = table(&[&row("r", "median", "5", 10, 20, "m")]);
        let comparison = compare(&expected, &got, &[]);
        let changes: Vec<_> = comparison.records[0].rows.iter().map(|r| r.change.clone()).collect();
        assert_eq!(changes, [RowChange::Missing, RowChange::Added]);
    }

    #[test]
    fn a_changed_header_is_one_difference() {
        let expected = Table::from_csv(b"record_id,kind,old\nr,effect,1\n", "e.csv").unwrap();
        let got = Table::from_csv(b"record_id,kind,new\nr,effect,1\n", "g.csv").unwrap();
        let comparison = compare(&expected, &got, &[]);
        assert_eq!(comparison.columns, Some((vec!["old".to_string()], vec!["new".to_string()])));
        assert_eq!(comparison.differences(), 1);
    }
}
