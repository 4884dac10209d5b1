//! The `Row` type in contract order, and the CSV, JSON Lines and table writers.
//!
//! The fields and their order are a contract (`docs/output.md`, from `CONTRACT.md`): statistics
//! tools and pipelines read them. Fields may only be added at the end. CSV and JSON Lines carry
//! the same fields in the same order; an empty CSV cell is `null` in JSON.

use std::borrow::Cow;
use std::fmt;
use std::io::{self, Write};

use serde::{Serialize, Serializer};

/// The contract's column names, in order.
pub const HEADER: [&str; 27] = [
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
];

/// A number as the text wrote it: its value, and its written digits normalised
/// (`0·58` → `0.58`, `−0.5` → `-0.5`, `.01` → `0.01`, `20 170` → `20170`).
#[derive(Debug, Clone, PartialEq)]
pub struct Num {
    /// The value.
    pub value: f64,
    /// The written digits, normalised; CSV writes these so `65.0` stays `65.0`.
    pub text: String,
}

impl Num {
    /// A number from normalised digits such as `-0.58` or `.01`; `None` when not a number.
    pub fn parse(text: &str) -> Option<Num> {
        let value: f64 = text.parse().ok()?;
        if !value.is_finite() {
            return None;
        }
        let text = if let Some(rest) = text.strip_prefix("-.") {
            format!("-0.{rest}")
        } else if let Some(rest) = text.strip_prefix('.') {
            format!("0.{rest}")
        } else {
            text.to_string()
        };
        Some(Num { value, text })
    }

    /// A whole number written as `n`.
    pub fn whole(n: u64) -> Num {
        Num { value: n as f64, text: n.to_string() }
    }

    /// How many digits follow the decimal point as written (0 for whole numbers).
    pub fn decimals(&self) -> usize {
        self.text.split_once('.').map_or(0, |(_, frac)| frac.chars().take_while(char::is_ascii_digit).count())
    }
}

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.value)
    }
}

/// What a row reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A comparative effect estimate (HR, OR, RR, IRR, RD, MD, SMD).
    Effect,
    /// How many participants a group (or the whole trial) has.
    ArmSize,
    /// How many in a group had an outcome.
    Events,
    /// A landmark rate: a group's percentage at a time point.
    Survival,
    /// A median time to an event.
    Median,
    /// A median (or other) follow-up duration.
    Followup,
}

impl Kind {
    /// The contract's name for the kind.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Effect => "effect",
            Kind::ArmSize => "arm_size",
            Kind::Events => "events",
            Kind::Survival => "survival",
            Kind::Median => "median",
            Kind::Followup => "followup",
        }
    }

    /// The kind named `name` in the contract.
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|kind| kind.name() == name)
    }

    /// Every kind, in contract order.
    pub const ALL: [Kind; 6] =
        [Kind::Effect, Kind::ArmSize, Kind::Events, Kind::Survival, Kind::Median, Kind::Followup];
}

/// The outcome of the validation checks on a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Every check passed.
    #[default]
    Valid,
    /// A soft check failed: inconsistent beyond rounding.
    Warning,
    /// A hard check failed: an impossible value.
    Invalid,
}

impl Status {
    /// The contract's name for the status.
    pub fn name(self) -> &'static str {
        match self {
            Status::Valid => "valid",
            Status::Warning => "warning",
            Status::Invalid => "invalid",
        }
    }
}

/// One extracted quantity, with its evidence; fields in contract order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// The record's id (see [`crate::record::Record::id`]).
    pub record_id: String,
    /// What the row reports.
    pub kind: Kind,
    /// Effects: `HR`, `OR`, `RR`, `IRR`, `RD`, `MD` or `SMD`.
    pub measure: Option<&'static str>,
    /// The outcome as the text names it.
    pub endpoint: Option<String>,
    /// The group as the text names it; `total` for the whole trial.
    pub arm: Option<String>,
    /// Effects: the compared groups as the text names them.
    pub comparison: Option<String>,
    /// Survival: the landmark time as `<number> <unit>`.
    pub time: Option<String>,
    /// Effect estimate, survival percentage, or median/follow-up duration.
    pub value: Option<Num>,
    /// Lower bound of the confidence interval of `value`.
    pub lower: Option<Num>,
    /// Upper bound of the confidence interval of `value`.
    pub upper: Option<Num>,
    /// The interval's level as written (95, 90, 99).
    pub ci_level: Option<Num>,
    /// The p-value's operator: `=`, `<`, `>`, `<=`, `>=`.
    pub p_op: Option<&'static str>,
    /// The p-value's number.
    pub p_value: Option<Num>,
    /// Events: how many had the outcome.
    pub events: Option<Num>,
    /// Arm size: the count; events: the denominator.
    pub n: Option<Num>,
    /// Events: the percentage as written.
    pub percent: Option<Num>,
    /// Median and follow-up: `days`, `weeks`, `months` or `years`.
    pub unit: Option<&'static str>,
    /// Effects: whether the text calls the estimate adjusted or multivariable.
    pub adjusted: Option<bool>,
    /// Derived: the estimate on the analysis scale (log for ratio measures).
    pub yi: Option<f64>,
    /// Derived: the standard error of `yi`.
    pub sei: Option<f64>,
    /// The validation outcome.
    pub status: Status,
    /// Codes of the checks that did not pass, `;`-separated.
    #[serde(serialize_with = "serialize_checks")]
    pub checks: Vec<&'static str>,
    /// Code-point offset where the evidence starts in the abstract.
    pub start: usize,
    /// Code-point offset where the evidence ends (exclusive).
    pub end: usize,
    /// The exact text of the abstract between `start` and `end`.
    pub evidence: String,
    /// The id of the rule that produced the row.
    pub rule: String,
    /// Derived: where `sei` came from: `ci`, `p`, or empty.
    pub sei_source: Option<&'static str>,
}

fn serialize_checks<S: Serializer>(checks: &[&'static str], serializer: S) -> Result<S::Ok, S::Error> {
    if checks.is_empty() {
        serializer.serialize_none()
    } else {
        serializer.serialize_str(&checks.join(";"))
    }
}

impl Row {
    /// An empty row of `kind` for `record_id`, to be filled by a finder.
    pub fn new(record_id: &str, kind: Kind) -> Row {
        Row {
            record_id: record_id.to_string(),
            kind,
            measure: None,
            endpoint: None,
            arm: None,
            comparison: None,
            time: None,
            value: None,
            lower: None,
            upper: None,
            ci_level: None,
            p_op: None,
            p_value: None,
            events: None,
            n: None,
            percent: None,
            unit: None,
            adjusted: None,
            yi: None,
            sei: None,
            status: Status::Valid,
            checks: Vec::new(),
            start: 0,
            end: 0,
            evidence: String::new(),
            rule: String::new(),
            sei_source: None,
        }
    }

    /// The row's cells as CSV writes them, in [`HEADER`] order (borrowed where the row holds
    /// the text already, so writing a row allocates only for numbers it formats).
    pub fn cells(&self) -> [Cow<'_, str>; 27] {
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
            word(self.adjusted.map(|a| if a { "true" } else { "false" })),
            float(self.yi),
            float(self.sei),
            Cow::Borrowed(self.status.name()),
            if self.checks.len() == 1 { Cow::Borrowed(self.checks[0]) } else { Cow::Owned(self.checks.join(";")) },
            Cow::Owned(self.start.to_string()),
            Cow::Owned(self.end.to_string()),
            Cow::Borrowed(self.evidence.as_str()),
            Cow::Borrowed(self.rule.as_str()),
            word(self.sei_source),
        ]
    }
}

/// Indexes of the free-text columns that spreadsheets could read as formulas.
const TEXT_COLUMNS: [usize; 6] = [0, 3, 4, 5, 24, 25];

/// Makes a text cell safe to open in a spreadsheet: a leading `=`, `+`, `-`, `@`, tab or
/// carriage return would start a formula, so such a cell gets a leading `'`.
pub fn spreadsheet_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => std::borrow::Cow::Owned(format!("'{cell}")),
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
}

/// Writes rows in one of the output formats.
pub struct RowWriter<W: Write> {
    inner: Sink<W>,
}

enum Sink<W: Write> {
    Csv(Box<csv::Writer<W>>),
    Jsonl(W),
    Table { out: W, rows: Vec<[String; 27]> },
}

impl<W: Write> RowWriter<W> {
    /// A writer of `format` over `out`; CSV writes its header at once.
    pub fn new(out: W, format: OutputFormat) -> io::Result<Self> {
        let inner = match format {
            OutputFormat::Csv => {
                let mut writer = csv::WriterBuilder::new().from_writer(out);
                writer.write_record(HEADER).map_err(csv_to_io)?;
                Sink::Csv(Box::new(writer))
            }
            OutputFormat::Jsonl => Sink::Jsonl(out),
            OutputFormat::Table => Sink::Table { out, rows: Vec::new() },
        };
        Ok(RowWriter { inner })
    }

    /// Writes one row.
    pub fn write(&mut self, row: &Row) -> io::Result<()> {
        match &mut self.inner {
            Sink::Csv(writer) => {
                let mut cells = row.cells();
                for index in TEXT_COLUMNS {
                    if let Cow::Owned(safe) = spreadsheet_safe(&cells[index]) {
                        cells[index] = Cow::Owned(safe);
                    }
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
        }
    }

    /// Flushes everything (the table is written here) and returns the inner writer.
    pub fn finish(self) -> io::Result<W> {
        match self.inner {
            Sink::Csv(writer) => writer.into_inner().map_err(|e| e.into_error()),
            Sink::Jsonl(mut out) => {
                out.flush()?;
                Ok(out)
            }
            Sink::Table { mut out, rows } => {
                write_table(&mut out, &rows)?;
                out.flush()?;
                Ok(out)
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

fn write_table<W: Write>(out: &mut W, rows: &[[String; 27]]) -> io::Result<()> {
    let clip = |cell: &str| -> String {
        let cell = cell.replace(['\n', '\r', '\t'], " ");
        if cell.chars().count() > TABLE_CELL_WIDTH {
            let cut: String = cell.chars().take(TABLE_CELL_WIDTH - 1).collect();
            format!("{cut}…")
        } else {
            cell
        }
    };
    let header: Vec<String> = TABLE_COLUMNS.iter().map(|&i| HEADER[i].to_string()).collect();
    let body: Vec<Vec<String>> =
        rows.iter().map(|row| TABLE_COLUMNS.iter().map(|&i| clip(&row[i])).collect()).collect();
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

    #[test]
    fn num_keeps_written_digits() {
        let n = Num::parse(".010").unwrap();
        assert_eq!(n.text, "0.010");
        assert_eq!(n.decimals(), 3);
        assert!(Num::parse("abc").is_none());
        assert!(Num::parse("inf").is_none());
    }
}
