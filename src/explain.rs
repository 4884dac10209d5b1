//! `trialrex explain`: a record's abstract with each extracted span marked, and its rows below.
//!
//! For people checking what the rules found. Row `i`'s evidence (`start..end`, code points of
//! the abstract) is written between `⟦ᵢ` and `⟧ᵢ`, with `i` as subscript digits, so the span of
//! every row can be read back even when spans nest or cross: `⟦₁a ⟦₂b⟧₁ c⟧₂` marks `a b` as
//! row 1 and `b c` as row 2. At a terminal the marked text is also coloured by kind (the
//! innermost span's colour wins). Below the abstract, the rows are numbered with their kind,
//! measure, endpoint, arm, numbers, status, checks and rule id.
//!
//! ```
//! use trialrex::explain::mark_spans;
//! use trialrex::model::{Kind, Row};
//!
//! let mut row = Row::new("r", Kind::Effect);
//! (row.start, row.end) = (4, 12);
//! assert_eq!(mark_spans("OS: HR = 0.5 overall", &[row], false), "OS: ⟦₁HR = 0.5⟧₁ overall");
//! ```

use std::io::{self, Write};

use crate::model::{Kind, Num, Row};
use crate::record::Record;

/// Opens a marked span; the row number follows in subscript digits.
pub const OPEN: char = '⟦';
/// Closes a marked span; the row number follows in subscript digits.
pub const CLOSE: char = '⟧';

/// The row number `n` in subscript digits (`12` → `₁₂`).
pub fn subscript(n: usize) -> String {
    n.to_string().chars().map(|d| char::from_u32(0x2080 + d.to_digit(10).unwrap_or(0)).unwrap_or('?')).collect()
}

/// The opening marker of row `n` (1-based): `⟦ₙ`.
pub fn open_marker(n: usize) -> String {
    format!("{OPEN}{}", subscript(n))
}

/// The closing marker of row `n` (1-based): `⟧ₙ`.
pub fn close_marker(n: usize) -> String {
    format!("{CLOSE}{}", subscript(n))
}

/// The ANSI colour (SGR code) of a kind.
fn colour(kind: Kind) -> &'static str {
    match kind {
        Kind::Effect => "35",
        Kind::ArmSize => "36",
        Kind::Events => "33",
        Kind::Survival => "32",
        Kind::Median => "34",
        Kind::Followup => "94",
    }
}

/// The abstract with every row's span marked (see the module docs); with `colour`, ANSI
/// colours by kind as well. Offsets past the end of the text are clamped to it.
pub fn mark_spans(abstract_text: &str, rows: &[Row], colour_on: bool) -> String {
    // Byte offset of every code point, and of the end.
    let mut bytes: Vec<usize> = abstract_text.char_indices().map(|(at, _)| at).collect();
    bytes.push(abstract_text.len());
    let chars = bytes.len() - 1;
    let spans: Vec<(usize, usize)> = rows
        .iter()
        .map(|row| {
            let end = row.end.min(chars);
            (row.start.min(end), end)
        })
        .collect();
    let mut boundaries: Vec<usize> = spans.iter().flat_map(|&(s, e)| [s, e]).chain([chars]).collect();
    boundaries.sort_unstable();
    boundaries.dedup();

    let paint = |out: &mut String, text: &str, kind: Option<Kind>, bold: bool| match (colour_on, kind) {
        _ if text.is_empty() => {}
        (true, Some(kind)) => {
            let weight = if bold { "1;" } else { "" };
            out.push_str(&format!("\x1b[{weight}{}m{text}\x1b[0m", colour(kind)));
        }
        _ => out.push_str(text),
    };
    let mut out = String::with_capacity(abstract_text.len() + rows.len() * 8);
    // Open spans, in the order they were opened: the last one is the innermost.
    let mut open: Vec<usize> = Vec::new();
    let mut at = 0;
    for &boundary in &boundaries {
        let top = open.last().map(|&i| rows[i].kind);
        paint(&mut out, &abstract_text[bytes[at]..bytes[boundary]], top, false);
        at = boundary;
        // Close what ends here, innermost first.
        while let Some(position) = open.iter().rposition(|&i| spans[i].1 == boundary) {
            let i = open.remove(position);
            paint(&mut out, &close_marker(i + 1), Some(rows[i].kind), true);
        }
        // Open what starts here, longest first so that shorter spans nest inside.
        let mut starting: Vec<usize> = (0..rows.len()).filter(|&i| spans[i].0 == boundary).collect();
        starting.sort_by_key(|&i| (std::cmp::Reverse(spans[i].1), i));
        for i in starting {
            paint(&mut out, &open_marker(i + 1), Some(rows[i].kind), true);
            if spans[i].1 == boundary {
                paint(&mut out, &close_marker(i + 1), Some(rows[i].kind), true);
            } else {
                open.push(i);
            }
        }
    }
    out
}

/// A row's numbers as a person reads them: `0.58 [0.38, 0.88] 95% CI, p = 0.01`,
/// `39/60 (65.0%)`, `56.9% at 3 years [43.3, 68.5]`, `45.6 months`, `n = 119`.
pub fn numbers(row: &Row) -> String {
    fn text(n: &Option<Num>) -> Option<&str> {
        n.as_ref().map(|n| n.text.as_str())
    }
    let mut parts: Vec<String> = Vec::new();
    match (text(&row.events), text(&row.n)) {
        (Some(events), Some(n)) => parts.push(format!("{events}/{n}")),
        (Some(events), None) => parts.push(format!("{events} events")),
        (None, Some(n)) => parts.push(format!("n = {n}")),
        (None, None) => {}
    }
    if let Some(percent) = text(&row.percent) {
        parts.push(format!("({percent}%)"));
    }
    if let Some(value) = text(&row.value) {
        let mut value = value.to_string();
        if row.kind == Kind::Survival {
            value.push('%');
        }
        if let Some(unit) = row.unit {
            value.push(' ');
            value.push_str(unit);
        }
        parts.push(value);
    }
    if let Some(time) = &row.time {
        parts.push(format!("at {time}"));
    }
    if let (Some(lower), Some(upper)) = (text(&row.lower), text(&row.upper)) {
        let level = text(&row.ci_level).map(|l| format!(" {l}% CI")).unwrap_or_default();
        parts.push(format!("[{lower}, {upper}]{level}"));
    }
    let mut joined = parts.join(" ");
    if let (Some(op), Some(p)) = (row.p_op, text(&row.p_value)) {
        if !joined.is_empty() {
            joined.push_str(", ");
        }
        joined.push_str(&format!("p {op} {p}"));
    }
    if row.adjusted == Some(true) {
        joined.push_str(" (adjusted)");
    }
    joined
}

/// The column names of the rows table.
const TABLE_HEADER: [&str; 9] = ["#", "kind", "measure", "endpoint", "arm", "numbers", "status", "checks", "rule"];

/// The rows as an aligned, numbered table (row `i` is the span marked `ᵢ`).
pub fn rows_table(rows: &[Row]) -> String {
    let cell = |value: Option<&str>| value.filter(|v| !v.is_empty()).unwrap_or("-").replace(['\n', '\r', '\t'], " ");
    let mut lines: Vec<[String; 9]> = vec![TABLE_HEADER.map(str::to_string)];
    for (i, row) in rows.iter().enumerate() {
        let checks = row.checks.join(";");
        lines.push([
            (i + 1).to_string(),
            row.kind.name().to_string(),
            cell(row.measure),
            cell(row.endpoint.as_deref()),
            cell(row.arm.as_deref()),
            cell(Some(&numbers(row))),
            row.status.name().to_string(),
            cell(Some(&checks)),
            cell(Some(&row.rule)),
        ]);
    }
    let mut widths = [0; 9];
    for line in &lines {
        for (width, cell) in widths.iter_mut().zip(line) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for line in &lines {
        let mut text = String::from("  ");
        for (column, (cell, width)) in line.iter().zip(widths).enumerate() {
            if column > 0 {
                text.push_str("  ");
            }
            if column == 0 {
                // Row numbers align right.
                text.extend(std::iter::repeat_n(' ', width - cell.chars().count()));
                text.push_str(cell);
            } else {
                text.push_str(cell);
                if column + 1 < line.len() {
                    text.extend(std::iter::repeat_n(' ', width - cell.chars().count()));
                }
            }
        }
        out.push_str(text.trim_end());
        out.push('\n');
    }
    out
}

/// Writes one record's explanation: a header line, the marked abstract, and the rows table.
pub fn write_record(out: &mut dyn Write, record: &Record, rows: &[Row], colour_on: bool) -> io::Result<()> {
    let origin = &record.origin;
    writeln!(out, "record {} ({}, record {}, line {})", record.id(), origin.file, origin.record, origin.line)?;
    if !record.title.trim().is_empty() {
        writeln!(out, "title: {}", record.title.trim())?;
    }
    if !record.has_abstract() {
        writeln!(out, "no abstract")?;
        return writeln!(out);
    }
    writeln!(out)?;
    writeln!(out, "{}", mark_spans(&record.abstract_text, rows, colour_on))?;
    writeln!(out)?;
    if rows.is_empty() {
        writeln!(out, "  no rows")?;
    } else {
        write!(out, "{}", rows_table(rows))?;
    }
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(kind: Kind, start: usize, end: usize) -> Row {
        let mut row = Row::new("r", kind);
        row.start = start;
        row.end = end;
        row
    }

    #[test]
    fn nested_and_crossing_spans_keep_their_numbers() {
        let text = "abcdefghij";
        let rows = [row(Kind::Effect, 0, 6), row(Kind::Median, 2, 4), row(Kind::Events, 5, 8)];
        assert_eq!(mark_spans(text, &rows, false), "⟦₁ab⟦₂cd⟧₂e⟦₃f⟧₁gh⟧₃ij");
    }

    #[test]
    fn spans_count_code_points_and_are_clamped() {
        let rows = [row(Kind::Survival, 1, 3), row(Kind::Effect, 3, 99), row(Kind::Effect, 2, 2)];
        assert_eq!(mark_spans("α·βγ", &rows, false), "α⟦₁·⟦₃⟧₃β⟧₁⟦₂γ⟧₂");
    }

    #[test]
    fn colour_wraps_text_in_the_innermost_kind() {
        let marked = mark_spans("ab", &[row(Kind::Effect, 0, 2)], true);
        assert_eq!(marked, "\x1b[1;35m⟦₁\x1b[0m\x1b[35mab\x1b[0m\x1b[1;35m⟧₁\x1b[0m");
    }

    #[test]
    fn numbers_read_like_the_text() {
        let mut effect = row(Kind::Effect, 0, 1);
        effect.value = Num::parse("0.58");
        effect.lower = Num::parse("0.38");
        effect.upper = Num::parse("0.88");
        effect.ci_level = Num::parse("95");
        effect.p_op = Some("=");
        effect.p_value = Num::parse(".01");
        assert_eq!(numbers(&effect), "0.58 [0.38, 0.88] 95% CI, p = 0.01");
        let mut events = row(Kind::Events, 0, 1);
        events.events = Num::parse("39");
        events.n = Num::parse("60");
        events.percent = Num::parse("65.0");
        assert_eq!(numbers(&events), "39/60 (65.0%)");
        let mut survival = row(Kind::Survival, 0, 1);
        survival.value = Num::parse("56.9");
        survival.time = Some("3 years".into());
        assert_eq!(numbers(&survival), "56.9% at 3 years");
    }
}
