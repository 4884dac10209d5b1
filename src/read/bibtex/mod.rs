//! BibTeX and BibLaTeX: `@article{key, field = {value}, ...}` entries with `abstract` fields.
//!
//! The whole input is read (BibTeX has no record separator a stream could trust: an entry may
//! span any number of lines), then entries are parsed one by one. Text outside entries is a
//! comment; `@comment` and `@preamble` are skipped; `@string` macros and `#` concatenation are
//! resolved; values are turned from LaTeX into plain text ([`latex::to_text`]). A broken entry
//! is an error located at its `@`, and reading goes on at the next line starting with `@`.

mod latex;

use std::collections::HashMap;
use std::io::Read;

use super::common::{clean_doi, is_pmid, non_empty, year_in};
use super::{decode_lossy, Input, Records};
use crate::error::{Error, ErrorKind, Location, Result};
use crate::record::{Origin, Record};

/// The largest BibTeX input read.
const MAX_BIBTEX_BYTES: u64 = 256 * 1024 * 1024;

/// Records of a BibTeX input.
pub(super) fn records(mut input: Input, file: String) -> Records {
    let mut bytes = Vec::new();
    if let Err(err) = (&mut input).take(MAX_BIBTEX_BYTES + 1).read_to_end(&mut bytes) {
        return Box::new(std::iter::once(Err(Error::io(&file, &err))));
    }
    if bytes.len() as u64 > MAX_BIBTEX_BYTES {
        let message = format!("BibTeX input larger than {MAX_BIBTEX_BYTES} bytes");
        return Box::new(std::iter::once(Err(Error::new(ErrorKind::Limit, message).at(Location::file(file)))));
    }
    let (text, bad_at) = decode_lossy(&bytes);
    let invalid_line = bad_at.map(|offset| 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count());
    let line_starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
    Box::new(BibtexRecords { text, line_starts, invalid_line, pos: 0, file, record: 0, macros: month_macros() })
}

struct BibtexRecords {
    text: String,
    /// Byte offsets where lines start, to turn a position into a line number.
    line_starts: Vec<usize>,
    /// The first line with invalid UTF-8, reported on the record holding it.
    invalid_line: Option<usize>,
    pos: usize,
    file: String,
    record: usize,
    macros: HashMap<String, String>,
}

/// A parse failure at a byte position.
struct Broken {
    at: usize,
    message: String,
}

/// One entry as written: key and (lower-cased name, raw value) fields.
struct RawEntry {
    key: String,
    fields: Vec<(String, String)>,
}

impl Iterator for BibtexRecords {
    type Item = Result<Record>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let at = self.pos + self.text.get(self.pos..)?.find('@')?;
            self.pos = at + 1;
            let Some((entry_type, open)) = entry_head(&self.text, at + 1) else { continue };
            let line = self.line_of(at);
            match entry_type.to_ascii_lowercase().as_str() {
                "comment" | "preamble" => {
                    self.pos = skip_balanced(&self.text, open).unwrap_or(open + 1);
                    continue;
                }
                "string" => match self.parse_fields(open + 1) {
                    Ok((fields, end)) => {
                        self.pos = end;
                        self.macros.extend(fields);
                        continue;
                    }
                    Err(broken) => {
                        self.resume_after(at);
                        let location = Location { file: self.file.clone(), record: None, line: Some(line) };
                        return Some(Err(Error::new(ErrorKind::Parse, self.describe(&broken)).at(location)));
                    }
                },
                _ => {}
            }
            self.record += 1;
            let result = self.parse_entry(open + 1).map(|(entry, end)| {
                self.pos = end;
                entry
            });
            return Some(match result {
                Ok(entry) => Ok(self.build(entry, at, line)),
                Err(broken) => {
                    self.resume_after(at);
                    let message = self.describe(&broken);
                    Err(Error::new(ErrorKind::Parse, message).at(Location::at(self.file.clone(), self.record, line)))
                }
            });
        }
    }
}

impl BibtexRecords {
    /// The 1-based line of byte `pos`.
    fn line_of(&self, pos: usize) -> usize {
        match self.line_starts.binary_search(&pos) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }

    /// After a broken entry, goes on at the next line that starts with `@`.
    fn resume_after(&mut self, at: usize) {
        self.pos = match self.text.get(at + 1..).and_then(|rest| rest.find("\n@")) {
            Some(offset) => at + 1 + offset + 1,
            None => self.text.len(),
        };
    }

    fn describe(&self, broken: &Broken) -> String {
        format!("{} (line {})", broken.message, self.line_of(broken.at))
    }

    /// Reads an entry after its opening delimiter: `key, name = value, ... }`.
    fn parse_entry(&self, pos: usize) -> std::result::Result<(RawEntry, usize), Broken> {
        let text = &self.text;
        let pos = skip_space(text, pos);
        let key_end = text[pos..].find(|c: char| c == ',' || c == '}' || c == ')' || c.is_whitespace());
        let Some(key_end) = key_end.map(|e| pos + e) else {
            return Err(Broken { at: pos, message: "the file ends inside the entry's key".into() });
        };
        let key = text[pos..key_end].to_string();
        let after_key = skip_space(text, key_end);
        if matches!(text[after_key..].chars().next(), Some('}') | Some(')')) {
            return Ok((RawEntry { key, fields: Vec::new() }, after_key + 1));
        }
        let (fields, end) = self.parse_fields(after_key)?;
        Ok((RawEntry { key, fields }, end))
    }

    /// Reads fields up to the closing delimiter: `, name = value # macro, name = {v} }`.
    fn parse_fields(&self, pos: usize) -> std::result::Result<(Vec<(String, String)>, usize), Broken> {
        let text = &self.text;
        let mut pos = pos;
        let mut fields = Vec::new();
        loop {
            pos = skip_space(text, pos);
            match text[pos..].chars().next() {
                None => return Err(Broken { at: pos, message: "the file ends inside this entry".into() }),
                Some('}') | Some(')') => return Ok((fields, pos + 1)),
                Some(',') => {
                    pos += 1;
                    continue;
                }
                Some(_) => {}
            }
            // Names may hold spaces (Scopus writes `funding_text 1={...}`).
            let name_end =
                pos + text[pos..].find(|c: char| c == '=' || "{}(),\"#\n".contains(c)).unwrap_or(text.len() - pos);
            let name = text[pos..name_end].trim().to_ascii_lowercase();
            if name.is_empty() {
                let found = text[pos..].chars().next().unwrap_or(' ');
                return Err(Broken { at: pos, message: format!("expected a field name, found {found:?}") });
            }
            pos = skip_space(text, name_end);
            if !text[pos..].starts_with('=') {
                return Err(Broken { at: pos, message: format!("expected '=' after field name {name:?}") });
            }
            let (value, end) = self.parse_value(pos + 1)?;
            fields.push((name, value));
            pos = skip_space(text, end);
            match text[pos..].chars().next() {
                Some(',') => pos += 1,
                Some('}') | Some(')') => return Ok((fields, pos + 1)),
                None => return Err(Broken { at: pos, message: "the file ends inside this entry".into() }),
                Some(other) => {
                    return Err(Broken {
                        at: pos,
                        message: format!("expected ',' or '}}' after a value, found {other:?}"),
                    })
                }
            }
        }
    }

    /// Reads a value: parts joined by `#`: `{braced}`, `"quoted"`, `2017`, `macro`.
    fn parse_value(&self, pos: usize) -> std::result::Result<(String, usize), Broken> {
        let text = &self.text;
        let mut value = String::new();
        let mut pos = pos;
        loop {
            pos = skip_space(text, pos);
            let part_end = match text[pos..].chars().next() {
                Some('{') => {
                    let end = skip_balanced(text, pos)
                        .ok_or(Broken { at: pos, message: "unbalanced braces: the value never closes".into() })?;
                    value.push_str(&text[pos + 1..end - 1]);
                    end
                }
                Some('"') => {
                    let end = quoted_end(text, pos + 1)
                        .ok_or(Broken { at: pos, message: "unterminated quoted value".into() })?;
                    value.push_str(&text[pos + 1..end - 1]);
                    end
                }
                Some(c) if c.is_alphanumeric() || c == '_' => {
                    let end = pos
                        + text[pos..]
                            .find(|c: char| !(c.is_alphanumeric() || "_-:.+/'".contains(c)))
                            .unwrap_or(text.len() - pos);
                    let word = &text[pos..end];
                    if word.bytes().all(|b| b.is_ascii_digit()) {
                        value.push_str(word);
                    } else {
                        match self.macros.get(&word.to_ascii_lowercase()) {
                            Some(expansion) => value.push_str(expansion),
                            None => value.push_str(word),
                        }
                    }
                    end
                }
                _ => return Err(Broken { at: pos, message: "expected a value after '='".into() }),
            };
            pos = skip_space(text, part_end);
            if text[pos..].starts_with('#') {
                pos += 1;
            } else {
                return Ok((value, part_end));
            }
        }
    }

    /// Turns one entry into a [`Record`].
    fn build(&self, entry: RawEntry, at: usize, line: usize) -> Record {
        let raw = |name: &str| entry.fields.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
        let text = |name: &str| raw(name).map(latex::to_text).and_then(|v| non_empty(&v));
        let pubmed_eprint =
            raw("eprinttype").filter(|t| t.trim().eq_ignore_ascii_case("pubmed")).and_then(|_| text("eprint"));
        let pmid = text("pmid").or(pubmed_eprint).filter(|p| is_pmid(p));
        let authors = raw("author").map(split_names).unwrap_or_default();
        let year = text("year").and_then(|y| year_in(&y)).or_else(|| text("date").and_then(|d| year_in(&d)));
        let end_line = self.line_of(self.pos.max(at));
        let mut warnings = Vec::new();
        if let Some(bad) = self.invalid_line.filter(|&l| l >= line && l <= end_line) {
            warnings.push(format!("invalid UTF-8 at line {bad}, replaced with U+FFFD"));
        }
        Record {
            pmid,
            doi: raw("doi").and_then(clean_doi),
            native_id: non_empty(&entry.key),
            title: text("title").unwrap_or_default(),
            abstract_text: text("abstract").unwrap_or_default(),
            authors,
            year,
            journal: text("journal").or_else(|| text("journaltitle")),
            origin: Origin { file: self.file.clone(), record: self.record, line },
            warnings,
        }
    }
}

/// The head of an entry right after `@`: `article{` or ` string (` → (type, index of the
/// opening delimiter); `None` when this `@` does not start an entry (an e-mail address...).
fn entry_head(text: &str, pos: usize) -> Option<(String, usize)> {
    let pos = skip_space(text, pos);
    let rest = text.get(pos..)?;
    let name_len = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-')).unwrap_or(rest.len());
    if name_len == 0 || !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let open = skip_space(text, pos + name_len);
    matches!(text[open..].chars().next(), Some('{') | Some('(')).then(|| (rest[..name_len].to_string(), open))
}

/// The index after the whitespace (and `%` comments) starting at `pos`.
fn skip_space(text: &str, pos: usize) -> usize {
    let mut pos = pos.min(text.len());
    loop {
        let rest = &text[pos..];
        let trimmed = rest.trim_start();
        pos += rest.len() - trimmed.len();
        if trimmed.starts_with('%') {
            pos += trimmed.find('\n').unwrap_or(trimmed.len());
        } else {
            return pos;
        }
    }
}

/// Whether a line starting at `i` begins a new entry (`@article{`): a group still open there is
/// taken as broken, so one unclosed brace costs one entry and scanning stays linear.
fn entry_starts_at_line(text: &str, newline: usize) -> bool {
    text.as_bytes().get(newline + 1) == Some(&b'@') && entry_head(text, newline + 2).is_some()
}

/// The index after the brace (or parenthesis) group opening at `pos`: `{a {b} c}`; `None` when
/// it never closes (or a line starting a new entry comes first).
fn skip_balanced(text: &str, pos: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let (open, close) = if bytes.get(pos) == Some(&b'(') { (b'(', b')') } else { (b'{', b'}') };
    let mut depth = 0usize;
    let mut i = pos;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'\n' if entry_starts_at_line(text, i) => return None,
            b if b == open => depth += 1,
            b if b == close => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The index after the closing quote of a value starting after `"` at `pos`: `a {"} b"`;
/// quotes inside braces do not close it; `None` when it never closes.
fn quoted_end(text: &str, pos: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = pos;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'\n' if entry_starts_at_line(text, i) => return None,
            b'{' => depth += 1,
            b'}' => depth = depth.saturating_sub(1),
            b'"' if depth == 0 => return Some(i + 1),
            _ => {}
        }
        i += 1;
    }
    None
}

/// Names split on ` and ` outside braces: `Doe, J and {Smith and Sons}` → 2 names.
fn split_names(raw: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    let bytes = raw.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => depth += 1,
            b'}' => depth = depth.saturating_sub(1),
            b if b.is_ascii_whitespace() && depth == 0 => {
                let rest = &raw[i + 1..];
                let word_end = rest.find(|c: char| c.is_whitespace()).unwrap_or(rest.len());
                if rest[..word_end].eq_ignore_ascii_case("and") && word_end < rest.len() {
                    names.push(raw[start..i].to_string());
                    start = i + 1 + word_end;
                    i = start;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    names.push(raw[start..].to_string());
    names.iter().map(|n| latex::to_text(n)).filter(|n| !n.is_empty()).collect()
}

/// The month macros every BibTeX style defines: `jan` → `January`...
fn month_macros() -> HashMap<String, String> {
    let months = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    months.iter().map(|m| (m[..3].to_ascii_lowercase(), m.to_string())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &'static str) -> Vec<Result<Record>> {
        records(Box::new(text.as_bytes()), "t.bib".into()).collect()
    }

    #[test]
    fn entry_head_reads_type_and_delimiter() {
        assert_eq!(entry_head("article{k,", 0), Some(("article".into(), 7)));
        assert_eq!(entry_head(" STRING (x", 0), Some(("STRING".into(), 8)));
        assert_eq!(entry_head("example.com is", 0), None);
    }

    #[test]
    fn skip_balanced_and_quoted_end_respect_nesting() {
        assert_eq!(skip_balanced("{a {b} c} d", 0), Some(9));
        assert_eq!(skip_balanced("{a {b c", 0), None);
        assert_eq!(quoted_end(r#"a {"} b" rest"#, 0), Some(8));
    }

    #[test]
    fn names_split_on_and_outside_braces() {
        assert_eq!(
            split_names("Doe, J. and {Smith and Sons}\n and M{\\\"u}ller, K"),
            ["Doe, J.", "Smith and Sons", "Müller, K"]
        );
    }

    #[test]
    fn entries_macros_and_comments() {
        let got = read(
            "% comment\n@string{jnci = \"J Natl\" # { Cancer Inst}}\n@comment{ignored @article{x, title={no}} }\n\
             @preamble{\"\\newcommand\"}\n\n@Article{Ruers2017,\n  author = {Ruers, Theo and Punt, C. J. A.},\n  \
             title = {Local {T}reatment},\n  journal = jnci,\n  year = 2017,\n  doi = {10.1093/jnci/djx015},\n  \
             pmid = {28376151},\n  abstract = {Overall survival\n  (HR = 0.58, 95\\% CI 0.38--0.88).},\n}\n",
        );
        assert_eq!(got.len(), 1);
        let record = got[0].as_ref().unwrap();
        assert_eq!(record.native_id.as_deref(), Some("Ruers2017"));
        assert_eq!(record.authors, ["Ruers, Theo", "Punt, C. J. A."]);
        assert_eq!(record.title, "Local Treatment");
        assert_eq!(record.journal.as_deref(), Some("J Natl Cancer Inst"));
        assert_eq!((record.year.as_deref(), record.pmid.as_deref()), (Some("2017"), Some("28376151")));
        assert_eq!(record.abstract_text, "Overall survival (HR = 0.58, 95% CI 0.38–0.88).");
        assert_eq!(record.origin.line, 6);
    }

    #[test]
    fn broken_entry_is_located_and_the_next_one_is_read() {
        let got = read("@article{a, title = {Open\n@article{b, title = {Fine}}\n@book{c, title = }\n@misc{d}\n");
        assert_eq!(got.len(), 4);
        let err = got[0].as_ref().unwrap_err();
        assert_eq!(err.location().unwrap(), &Location::at("t.bib", 1, 1));
        assert_eq!(got[1].as_ref().unwrap().title, "Fine");
        assert_eq!(got[2].as_ref().unwrap_err().location().unwrap().line, Some(3));
        assert_eq!(got[3].as_ref().unwrap().native_id.as_deref(), Some("d"));
    }
}
