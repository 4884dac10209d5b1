//! JSON Lines: one `{"id", "title", "abstract", ...}` object per line.

use std::borrow::Cow;
use std::io::BufRead;

use serde::Deserialize;

use super::{decode_lossy, Input, Records};
use crate::error::{Error, ErrorKind, Location, Result};
use crate::record::{Origin, Record};

/// One JSONL object; unknown keys are ignored, known ones may be absent or null.
#[derive(Deserialize)]
struct JsonRecord {
    #[serde(default, deserialize_with = "string_or_number")]
    id: Option<String>,
    #[serde(default, deserialize_with = "string_or_number")]
    pmid: Option<String>,
    #[serde(default)]
    doi: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default, alias = "abstract_text", alias = "Abstract")]
    r#abstract: Option<String>,
    #[serde(default, deserialize_with = "list_or_string")]
    authors: Option<Vec<String>>,
    #[serde(default, deserialize_with = "string_or_number")]
    year: Option<String>,
    #[serde(default)]
    journal: Option<String>,
}

fn string_or_number<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Option<String>, D::Error> {
    Ok(match Option::<serde_json::Value>::deserialize(d)? {
        Some(serde_json::Value::String(s)) => Some(s),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        _ => None,
    })
}

/// A list of strings, written as an array or as one `"; "`-separated string (as `trialrex
/// records --format jsonl` and CSV-minded tools write authors).
fn list_or_string<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Option<Vec<String>>, D::Error> {
    let text = |value: serde_json::Value| match value {
        serde_json::Value::String(s) => Some(s),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    Ok(match Option::<serde_json::Value>::deserialize(d)? {
        Some(serde_json::Value::Array(items)) => Some(items.into_iter().filter_map(text).collect()),
        Some(serde_json::Value::String(s)) => {
            Some(s.split(';').map(str::trim).filter(|a| !a.is_empty()).map(str::to_string).collect())
        }
        _ => None,
    })
}

/// Records of a JSON Lines input; blank lines are skipped.
pub(super) fn records(input: Input, file: String) -> Records {
    Box::new(JsonlRecords { input, file, line: 0, record: 0, buf: Vec::new(), done: false })
}

struct JsonlRecords {
    input: Input,
    file: String,
    line: usize,
    record: usize,
    buf: Vec<u8>,
    done: bool,
}

impl Iterator for JsonlRecords {
    type Item = Result<Record>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.buf.clear();
            match self.input.read_until(b'\n', &mut self.buf) {
                Ok(0) => self.done = true,
                Ok(_) => {
                    self.line += 1;
                    if self.buf.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    self.record += 1;
                    return Some(self.parse_line());
                }
                Err(err) => {
                    self.done = true;
                    return Some(Err(Error::io(&self.file, &err)));
                }
            }
        }
        None
    }
}

impl JsonlRecords {
    fn parse_line(&self) -> Result<Record> {
        let location = Location::at(self.file.clone(), self.record, self.line);
        // A valid line is parsed where it lies; only an invalid one is copied, with U+FFFD.
        let (text, bad_at) = match std::str::from_utf8(&self.buf) {
            Ok(text) => (Cow::Borrowed(text), None),
            Err(_) => {
                let (text, bad_at) = decode_lossy(&self.buf);
                (Cow::Owned(text), bad_at)
            }
        };
        let warnings = bad_at
            .map(|offset| vec![format!("invalid UTF-8 at byte {} of the line, replaced with U+FFFD", offset + 1)])
            .unwrap_or_default();
        let text = text.trim_start_matches('\u{feff}');
        let parsed: JsonRecord = serde_json::from_str(text)
            .map_err(|e| Error::new(ErrorKind::Parse, format!("invalid JSON: {e}")).at(location))?;
        Ok(Record {
            pmid: parsed.pmid,
            doi: parsed.doi,
            native_id: parsed.id,
            title: parsed.title.unwrap_or_default(),
            abstract_text: parsed.r#abstract.unwrap_or_default(),
            authors: parsed.authors.unwrap_or_default(),
            year: parsed.year,
            journal: parsed.journal,
            origin: Origin { file: self.file.clone(), record: self.record, line: self.line },
            warnings,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn authors(line: &'static str) -> Vec<String> {
        let mut records = records(Box::new(line.as_bytes()), "t.jsonl".into());
        records.next().expect("a record").expect("read").authors
    }

    #[test]
    fn authors_are_an_array_or_a_semicolon_separated_string() {
        assert_eq!(authors(r#"{"authors": ["Doe, J", "Roe, K"]}"#), ["Doe, J", "Roe, K"]);
        assert_eq!(authors(r#"{"authors": "Doe, J; Roe, K;"}"#), ["Doe, J", "Roe, K"]);
        assert_eq!(authors(r#"{"authors": ["Doe, J", null, 7]}"#), ["Doe, J", "7"]);
        assert!(authors(r#"{"authors": null}"#).is_empty());
        assert!(authors(r#"{"authors": {"first": "x"}}"#).is_empty());
    }
}
