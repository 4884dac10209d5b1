//! The CSV, JSON Lines and table writers of [`Row`]s, in contract order.
//!
//! The fields and their order are a contract (`docs/output.md`, from `CONTRACT.md`): statistics
//! tools and pipelines read them. Fields may only be added at the end. CSV and JSON Lines carry
//! the same fields in the same order; an empty CSV cell is `null` in JSON.

pub mod escalc;
pub mod report;

use std::borrow::Cow;
use std::io::{self, Write};

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::model::{Num, Row};

/// The contract's column names, in order.
pub const HEADER: [&str; COLUMNS] = [
    "record_id",
    "kind",
    "measure",
    "endpoint",
    "arm",
    "comparison",
    "time",
    "value",
    "lower",
    "upper",
    "ci_level",
    "p_op",
    "p_value",
    "events",
    "n",
    "percent",
    "unit",
    "adjusted",
    "yi",
    "sei",
    "status",
    "checks",
    "start",
    "end",
    "evidence",
    "rule",
    "sei_source",
    "study",
    "source",
    "primary",
];

/// How many fields a row has.
pub const COLUMNS: usize = 30;

/// A count as JSON writes it: an integer when it is whole (`119`, not `119.0`).
struct Count<'a>(&'a Num);

impl Serialize for Count<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let value = self.0.value;
        if value.fract() == 0.0 && value.abs() < 9.0e15 {
            serializer.serialize_i64(value as i64)
        } else {
            serializer.serialize_f64(value)
        }
    }
}

impl Serialize for Row {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let checks = self.checks_text();
        let mut row = serializer.serialize_struct("Row", COLUMNS)?;
        row.serialize_field("record_id", &self.record_id)?;
        row.serialize_field("kind", &self.kind)?;
        row.serialize_field("measure", &self.measure)?;
        row.serialize_field("endpoint", &self.endpoint)?;
        row.serialize_field("arm", &self.arm)?;
        row.serialize_field("comparison", &self.comparison)?;
        row.serialize_field("time", &self.time)?;
        row.serialize_field("value", &self.value)?;
        row.serialize_field("lower", &self.lower)?;
        row.serialize_field("upper", &self.upper)?;
        row.serialize_field("ci_level", &self.ci_level)?;
        row.serialize_field("p_op", &self.p_op)?;
        row.serialize_field("p_value", &self.p_value)?;
        row.serialize_field("events", &self.events.as_ref().map(Count))?;
        row.serialize_field("n", &self.n.as_ref().map(Count))?;
        row.serialize_field("percent", &self.percent)?;
        row.serialize_field("unit", &self.unit)?;
        row.serialize_field("adjusted", &self.adjusted)?;
        row.serialize_field("yi", &self.yi)?;
        row.serialize_field("sei", &self.sei)?;
        row.serialize_field("status", &self.status)?;
        row.serialize_field("checks", &(!checks.is_empty()).then_some(checks.as_ref()))?;
        row.serialize_field("start", &self.start)?;
        row.serialize_field("end", &self.end)?;
        row.serialize_field("evidence", &self.evidence)?;
        row.serialize_field("rule", &self.rule)?;
        row.serialize_field("sei_source", &self.sei_source)?;
        row.serialize_field("study", &self.study)?;
        row.serialize_field("source", &self.source)?;
        row.serialize_field("primary", &self.primary)?;
        row.end()
    }
}

impl Row {
    /// The row's cells as CSV writes them, in [`HEADER`] order (borrowed where the row holds
    /// the text already, so writing a row allocates only for numbers it formats).
    pub fn cells(&self) -> [Cow<'_, str>; COLUMNS] {
        fn text(value: &Option<String>) -> Cow<'_, str> {
            Cow::Borrowed(value.as_deref().unwrap_or_default())
        }
        fn num(value: &Option<Num>) -> Cow<'_, str> {
            Cow::Borrowed(value.as_ref().map_or("", |n| n.text.as_str()))
        }
        fn float(value: Option<f64>) -> Cow<'static, str> {
            value.map_or(Cow::Borrowed(""), |v| Cow::Owned(v.to_string()))
        }
        fn word(value: Option<&'static str>) -> Cow<'static, str> {
            Cow::Borrowed(value.unwrap_or_default())
        }
        [
            Cow::Borrowed(self.record_id.as_str()),
            Cow::Borrowed(self.kind.name()),
            word(self.measure),
            text(&self.endpoint),
            text(&self.arm),
            text(&self.comparison),
            text(&self.time),
            num(&self.value),
            num(&self.lower),
            num(&self.upper),
            num(&self.ci_level),
            word(self.p_op),
            num(&self.p_value),
            num(&self.events),
            num(&self.n),
            num(&self.percent),
            word(self.unit),
            word(self.adjusted.map(truth)),
            float(self.yi),
            float(self.sei),
            Cow::Borrowed(self.status.name()),
            self.checks_text(),
            Cow::Owned(self.start.to_string()),
            Cow::Owned(self.end.to_string()),
            Cow::Borrowed(self.evidence.as_str()),
            Cow::Borrowed(self.rule.as_str()),
            word(self.sei_source),
            Cow::Borrowed(self.study.as_str()),
            Cow::Borrowed(self.source.as_str()),
            word(self.primary.filter(|p| *p).map(truth)),
        ]
    }
}

/// `TRUE` or `FALSE`, as R's `read.csv` reads a logical column that has empty cells.
fn truth(value: bool) -> &'static str {
    if value {
        "TRUE"
    } else {
        "FALSE"
    }
}

/// Indexes of the free-text columns that spreadsheets could read as formulas: record_id,
/// endpoint, arm, comparison, time, evidence, rule, study, source.
const TEXT_COLUMNS: [usize; 9] = [0, 3, 4, 5, 6, 24, 25, 27, 28];

/// Makes a text cell safe to open in a spreadsheet: a leading `=`, `+`, `-`, `@`, tab or
/// carriage return would start a formula, so such a cell gets a leading `'`. A cell that is a
/// number (`-0.5`) is left as it is: a spreadsheet reads it as the number it is.
pub fn spreadsheet_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') if Num::parse(cell).is_none() => {
            std::borrow::Cow::Owned(format!("'{cell}"))
        }
        _ => std::borrow::Cow::Borrowed(cell),
    }
}

/// The output formats of `extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// RFC 4180 CSV with a header line.
    Csv,
    /// One JSON object per line.
    Jsonl,
    /// An aligned table for people at a terminal.
    Table,
    /// CSV of paired arms with events, the columns metafor's `escalc()` takes.
    Escalc,
}

/// How a [`RowWriter`] writes, beside its format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteOptions {
    /// Put a `'` before CSV text cells a spreadsheet would read as a formula.
    pub formula_guard: bool,
    /// The table's columns, by index into [`HEADER`]; `None` for the default ones.
    pub columns: Option<Vec<usize>>,
}

impl Default for WriteOptions {
    fn default() -> Self {
        WriteOptions { formula_guard: true, columns: None }
    }
}

/// The indexes into [`HEADER`] of a comma-separated list of contract names (`checks,yi,sei`).
pub fn parse_columns(list: &str) -> Result<Vec<usize>, String> {
    list.split(',')
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(|name| {
            HEADER
                .iter()
                .position(|field| *field == name)
                .ok_or_else(|| format!("unknown column `{name}` (the columns are: {})", HEADER.join(", ")))
        })
        .collect()
}

/// Writes rows in one of the output formats.
pub struct RowWriter<W: Write> {
    inner: Sink<W>,
    options: WriteOptions,
    /// Escalc: pairs written and pairs left out because an arm lacked a count.
    pairs: escalc::Tally,
}

enum Sink<W: Write> {
    Csv(Box<csv::Writer<W>>),
    Jsonl(W),
    Table { out: W, rows: Vec<[String; COLUMNS]> },
    Escalc(Box<csv::Writer<W>>),
}

impl<W: Write> RowWriter<W> {
    /// A writer of `format` over `out` with the default options; CSV writes its header at once.
    pub fn new(out: W, format: OutputFormat) -> io::Result<Self> {
        RowWriter::with_options(out, format, WriteOptions::default())
    }

    /// A writer of `format` over `out`; CSV writes its header at once.
    pub fn with_options(out: W, format: OutputFormat, options: WriteOptions) -> io::Result<Self> {
        let inner = match format {
            OutputFormat::Csv => {
                let mut writer = csv::WriterBuilder::new().from_writer(out);
                writer.write_record(HEADER).map_err(csv_to_io)?;
                Sink::Csv(Box::new(writer))
            }
            OutputFormat::Jsonl => Sink::Jsonl(out),
            OutputFormat::Table => Sink::Table { out, rows: Vec::new() },
            OutputFormat::Escalc => {
                let mut writer = csv::WriterBuilder::new().from_writer(out);
                writer.write_record(escalc::HEADER).map_err(csv_to_io)?;
                Sink::Escalc(Box::new(writer))
            }
        };
        Ok(RowWriter { inner, options, pairs: escalc::Tally::default() })
    }

    /// Writes the rows of one record and returns how many lines that made (rows, or pairs for
    /// escalc, which pairs the arms of the record's events rows).
    pub fn write_record(&mut self, rows: &[Row]) -> io::Result<usize> {
        if let Sink::Escalc(writer) = &mut self.inner {
            let pairing = escalc::pair_record(rows);
            self.pairs.add(&pairing);
            for pair in &pairing.pairs {
                let mut cells = pair.cells();
                if self.options.formula_guard {
                    guard(&mut cells, &escalc::TEXT_COLUMNS);
                }
                writer.write_record(cells.iter().map(|c| c.as_bytes())).map_err(csv_to_io)?;
            }
            return Ok(pairing.pairs.len());
        }
        for row in rows {
            self.write(row)?;
        }
        Ok(rows.len())
    }

    /// Escalc: how many pairs were written and how many were left out as incomplete.
    pub fn pairs(&self) -> escalc::Tally {
        self.pairs
    }

    /// Writes one row (escalc, which needs a record's rows together, pairs it alone).
    pub fn write(&mut self, row: &Row) -> io::Result<()> {
        match &mut self.inner {
            Sink::Csv(writer) => {
                let mut cells = row.cells();
                if self.options.formula_guard {
                    guard(&mut cells, &TEXT_COLUMNS);
                }
                writer.write_record(cells.iter().map(|c| c.as_bytes())).map_err(csv_to_io)
            }
            Sink::Jsonl(out) => {
                serde_json::to_writer(&mut *out, row).map_err(io::Error::other)?;
                out.write_all(b"\n")
            }
            Sink::Table { rows, .. } => {
                rows.push(row.cells().map(Cow::into_owned));
                Ok(())
            }
            Sink::Escalc(_) => self.write_record(std::slice::from_ref(row)).map(|_| ()),
        }
    }

    /// Flushes everything (the table is written here) and returns the inner writer.
    pub fn finish(self) -> io::Result<W> {
        match self.inner {
            Sink::Csv(writer) | Sink::Escalc(writer) => writer.into_inner().map_err(|e| e.into_error()),
            Sink::Jsonl(mut out) => {
                out.flush()?;
                Ok(out)
            }
            Sink::Table { mut out, rows } => {
                let columns = self.options.columns.as_deref().unwrap_or(&TABLE_COLUMNS);
                write_table(&mut out, &rows, columns)?;
                out.flush()?;
                Ok(out)
            }
        }
    }
}

/// Applies [`spreadsheet_safe`] to the cells at `columns`.
fn guard(cells: &mut [Cow<'_, str>], columns: &[usize]) {
    for &index in columns {
        if let Some(cell) = cells.get_mut(index) {
            if let Cow::Owned(safe) = spreadsheet_safe(cell) {
                *cell = Cow::Owned(safe);
            }
        }
    }
}

fn csv_to_io(err: csv::Error) -> io::Error {
    match err.into_kind() {
        csv::ErrorKind::Io(err) => err,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// The columns a person reads in the table view, by index into [`HEADER`].
const TABLE_COLUMNS: [usize; 16] = [0, 1, 2, 3, 4, 6, 7, 8, 9, 12, 13, 14, 15, 16, 20, 24];

/// Widest a table cell may be before it is cut with `…`.
const TABLE_CELL_WIDTH: usize = 48;

fn write_table<W: Write>(out: &mut W, rows: &[[String; COLUMNS]], columns: &[usize]) -> io::Result<()> {
    let clip = |cell: &str| -> String {
        let cell = cell.replace(['\n', '\r', '\t'], " ");
        if cell.chars().count() > TABLE_CELL_WIDTH {
            let cut: String = cell.chars().take(TABLE_CELL_WIDTH - 1).collect();
            format!("{cut}…")
        } else {
            cell
        }
    };
    let columns: Vec<usize> = columns.iter().copied().filter(|&i| i < COLUMNS).collect();
    let header: Vec<String> = columns.iter().map(|&i| HEADER[i].to_string()).collect();
    let body: Vec<Vec<String>> = rows.iter().map(|row| columns.iter().map(|&i| clip(&row[i])).collect()).collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for line in &body {
        for (width, cell) in widths.iter_mut().zip(line) {
            *width = (*width).max(cell.chars().count());
        }
    }
    for line in std::iter::once(&header).chain(body.iter()) {
        let mut text = String::new();
        for (i, (cell, width)) in line.iter().zip(&widths).enumerate() {
            if i > 0 {
                text.push_str("  ");
            }
            text.push_str(cell);
            if i + 1 < line.len() {
                text.extend(std::iter::repeat_n(' ', width - cell.chars().count()));
            }
        }
        writeln!(out, "{text}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;

    #[test]
    fn json_keys_follow_the_csv_header() {
        let row = Row::new("r1", Kind::Effect);
        let json = serde_json::to_string(&row).unwrap();
        let mut last = 0;
        for name in HEADER {
            let at = json.find(&format!("\"{name}\":")).unwrap_or_else(|| panic!("{name} missing"));
            assert!(at >= last, "{name} out of order");
            last = at;
        }
    }

    #[test]
    fn formula_cells_are_defused_and_numbers_are_not() {
        let mut row = Row::new("=cmd", Kind::Effect);
        row.evidence = "-2.3 (95% CI -4.1 to -0.5)".into();
        row.value = Num::parse("-2.3");
        let mut writer = RowWriter::new(Vec::new(), OutputFormat::Csv).unwrap();
        writer.write(&row).unwrap();
        let text = String::from_utf8(writer.finish().unwrap()).unwrap();
        let line = text.lines().nth(1).unwrap();
        assert!(line.starts_with("'=cmd,effect,"));
        assert!(line.contains(",-2.3,"));
        assert!(line.contains("'-2.3 (95% CI -4.1 to -0.5)"));
    }
}
