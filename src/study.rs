//! Which study a record is: its label (`Ruers 2017`), whether it repeats an earlier record,
//! and which endpoint its abstract calls primary.
//!
//! A review counts studies, not records: two copies of one abstract (the same PubMed record
//! exported twice, or found in two databases) must count once, and a forest plot needs one
//! readable label per study. This module is the one home of those decisions; the pipeline
//! feeds it every record in input order ([`Catalogue::admit`]) and puts what it says on rows.
//!
//! A label gets its `a`/`b` suffix only once every record that shares it is known, so the
//! pipeline reads the files once ahead ([`Catalogue::from_records`]) when it can (not standard
//! input). That costs a second read of the input (reading runs about ten times as fast as
//! extraction) and eight bytes per record: what reading ahead decided, which the main pass
//! follows instead of identifying every record again.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::model::Row;
use crate::record::Record;

/// The check code a later copy of a record carries on its rows (a warning).
pub const DUPLICATE_CHECK: &str = crate::validate::RECORD_DUPLICATE.code;

/// What the catalogue says about one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The study label, with its suffix when other records share it.
    pub study: String,
    /// The id of the first copy, when this record repeats an earlier one.
    pub duplicate_of: Option<String>,
}

/// The record's first author's surname and its year (`Ruers 2017`), or `None` when the record
/// has no author or no year.
pub fn base_label(record: &Record) -> Option<String> {
    let surname = record.authors.iter().find_map(|author| surname(author))?;
    let year = record.year.as_deref().and_then(four_digit_year)?;
    Some(format!("{surname} {year}"))
}

/// The label of a record seen alone: [`base_label`], else the record id.
pub fn lone_label(record: &Record) -> String {
    base_label(record).unwrap_or_else(|| record.id())
}

/// The surname in an author as exports write it: `Ruers, Theo`, `Ruers T`, `Liu R.`,
/// `S. Hochreiter`, `Neeltje van Doremalen`, `'Trenton Bushmaker'`.
fn surname(author: &str) -> Option<String> {
    let author = author.trim().trim_matches(|c: char| c == '\'' || c == '"' || c.is_whitespace());
    let (name, had_comma) = match author.split_once(',') {
        Some((before, _)) => (before, true),
        None => (author, false),
    };
    let words: Vec<&str> = name.split_whitespace().collect();
    let kept: Vec<&str> = words.iter().copied().filter(|word| !is_initials(word)).collect();
    let chosen: Vec<&str> = if had_comma || kept.len() < words.len() || kept.len() <= 1 {
        kept
    } else {
        // "Given Surname": the last word, with the lowercase particles before it (van, de, da).
        let mut from = kept.len() - 1;
        while from > 1 && kept[from - 1].chars().next().is_some_and(char::is_lowercase) {
            from -= 1;
        }
        kept[from..].to_vec()
    };
    let surname = chosen.join(" ");
    (surname.chars().any(char::is_alphabetic)).then_some(surname)
}

/// Whether a word is initials: `T`, `TJ`, `R.`, `D.G.`, `J.-P.`.
fn is_initials(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    (1..=3).contains(&letters) && word.chars().all(|c| c.is_uppercase() || c == '.' || c == '-')
}

/// The first four-digit year (1800–2099) in a year field such as `2017`, `2017 Mar` or `2017///`.
fn four_digit_year(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(3)).find_map(|i| {
        let digits = bytes.get(i..i + 4)?;
        let before_ok = i == 0 || !bytes[i - 1].is_ascii_digit();
        let after_ok = bytes.get(i + 4).is_none_or(|b| !b.is_ascii_digit());
        (digits.iter().all(u8::is_ascii_digit)
            && before_ok
            && after_ok
            && (digits[..2] == *b"18" || digits[..2] == *b"19" || digits[..2] == *b"20"))
            .then(|| &text[i..i + 4])
    })
}

/// The suffix of the `n`-th (0-based) record sharing a label: `a`, `b`, ... `z`, `aa`, `ab`...
fn suffix(mut n: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'a' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// What identifies a record across exports: PMID, DOI, normalised title with year, and
/// normalised title with the abstract (for exports that carry no year, such as JSON Lines).
#[derive(Debug, Clone, Default)]
pub struct Identity {
    pmid: Option<String>,
    doi: Option<String>,
    title_year: Option<String>,
    title_abstract: Option<String>,
}

/// The shortest normalised abstract that identifies a record with its title: shorter texts
/// ("Abstract not available") are shared by unrelated records.
const MIN_IDENTIFYING_ABSTRACT: usize = 100;

impl Identity {
    /// The identity of a record; it hashes the abstract, so reading ahead computes it on
    /// every core ([`Catalogue::from_identified`]).
    pub fn of(record: &Record) -> Identity {
        let clean =
            |value: &Option<String>| value.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_string);
        let doi = clean(&record.doi).map(|doi| {
            let doi = doi.to_lowercase();
            let doi = doi.trim_start_matches("https://").trim_start_matches("http://");
            let doi = doi.trim_start_matches("dx.doi.org/").trim_start_matches("doi.org/").trim_start_matches("doi:");
            doi.trim().to_string()
        });
        let title = normalised_title(&record.title);
        let year = record.year.as_deref().and_then(four_digit_year);
        let title_year = match (title.is_empty(), year) {
            (false, Some(year)) => Some(format!("{title}|{year}")),
            _ => None,
        };
        let (body_len, body_hash) = normalised_hash(&record.abstract_text);
        let title_abstract = (body_len >= MIN_IDENTIFYING_ABSTRACT).then(|| format!("{title}|{body_hash:016x}"));
        Identity { pmid: clean(&record.pmid), doi, title_year, title_abstract }
    }

    /// Whether two identities can be the same record: different PMIDs (or DOIs) never are.
    fn compatible(&self, other: &Identity) -> bool {
        let differ = |a: &Option<String>, b: &Option<String>| matches!((a, b), (Some(a), Some(b)) if a != b);
        !differ(&self.pmid, &other.pmid) && !differ(&self.doi, &other.doi)
    }
}

/// A title in lowercase letters and digits, words separated by one space, so that case,
/// punctuation and a trailing full stop do not hide a copy.
fn normalised_title(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    for word in title.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        if word.is_ascii() {
            let from = out.len();
            out.push_str(word);
            out[from..].make_ascii_lowercase();
        } else {
            out.extend(word.chars().flat_map(char::to_lowercase));
        }
    }
    out
}

/// The length and a 64-bit hash of `normalised_title(text)`, computed without building it: an
/// abstract is hashed twice per record (read ahead, then admitted), so this runs over every
/// byte of the input twice and must cost little beside extraction. The hash only tells copies
/// apart and is never written out.
fn normalised_hash(text: &str) -> (usize, u64) {
    let mut stream = WordHash::default();
    let mut in_word = false;
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        // Eight ASCII bytes at a time, most of every abstract; anything else one at a time.
        if let Some(chunk) = bytes.get(at..at + 8).and_then(|chunk| <[u8; 8]>::try_from(chunk).ok()) {
            let chunk = u64::from_le_bytes(chunk);
            if chunk & HIGH_BITS == 0 {
                hash_ascii_chunk(chunk, &mut stream, &mut in_word);
                at += 8;
                continue;
            }
        }
        at = hash_character(text, at, &mut stream, &mut in_word);
    }
    stream.finish()
}

/// The high bit of every byte of a word.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// Hashes eight ASCII bytes as [`normalised_hash`] does one by one: the runs of letters and
/// digits in lower case, a space before a run that starts a new word.
fn hash_ascii_chunk(chunk: u64, stream: &mut WordHash, in_word: &mut bool) {
    // Per byte, the high bit set when the byte is in `low..=high` (exact for ASCII bytes).
    let between = |low: u8, high: u8| {
        let ones = 0x0101_0101_0101_0101_u64;
        let above = chunk.wrapping_add(ones * u64::from(0x7f - high));
        let from_low = chunk.wrapping_add(ones * u64::from(0x80 - low));
        from_low & !above & HIGH_BITS
    };
    let upper = between(b'A', b'Z');
    let alphanumeric = between(b'0', b'9') | upper | between(b'a', b'z');
    let lower = chunk | (upper >> 2);
    // One step per run of letters and digits: a run that starts the chunk goes on the word
    // before it when the chunk before ended in one; every other run starts a word.
    let mut runs = alphanumeric;
    let mut goes_on = *in_word;
    while runs != 0 {
        let start = runs.trailing_zeros() / 8;
        let run = (!(alphanumeric >> (8 * start)) & HIGH_BITS).trailing_zeros() / 8;
        if !(goes_on && start == 0) && stream.len > 0 {
            stream.push(b' ');
        }
        goes_on = false;
        let mask = if run == 8 { u64::MAX } else { (1 << (8 * run)) - 1 };
        stream.push_bytes((lower >> (8 * start)) & mask, run);
        let end = start + run;
        runs = if end >= 8 { 0 } else { runs & (u64::MAX << (8 * end)) };
    }
    *in_word = alphanumeric >> 63 != 0;
}

/// Hashes the character at byte `at` as [`normalised_hash`] does; returns where the next starts.
fn hash_character(text: &str, at: usize, stream: &mut WordHash, in_word: &mut bool) -> usize {
    let Some(c) = text[at..].chars().next() else { return text.len() };
    if !c.is_alphanumeric() {
        *in_word = false;
        return at + c.len_utf8();
    }
    if !*in_word && stream.len > 0 {
        stream.push(b' ');
    }
    *in_word = true;
    let mut buffer = [0u8; 4];
    for lower in c.to_lowercase() {
        for &byte in lower.encode_utf8(&mut buffer).as_bytes() {
            stream.push(byte);
        }
    }
    at + c.len_utf8()
}

/// A hash of a byte stream fed a few bytes at a time but mixed eight bytes at a time (FNV-1a,
/// byte by byte, was a chain of multiplications as long as the abstract).
#[derive(Default)]
struct WordHash {
    hash: u64,
    word: u64,
    filled: u32,
    len: usize,
}

impl WordHash {
    const MULTIPLIER: u64 = 0x9e37_79b9_7f4a_7c15;

    fn push(&mut self, byte: u8) {
        self.word |= u64::from(byte) << (8 * self.filled);
        self.filled += 1;
        self.len += 1;
        if self.filled == 8 {
            self.mix();
        }
    }

    /// Feeds the `count` (1 to 8) low bytes of `bytes`, the others being zero, as `count`
    /// calls of [`WordHash::push`] would.
    fn push_bytes(&mut self, bytes: u64, count: u32) {
        let taken = 8 - self.filled;
        self.word |= bytes << (8 * self.filled);
        self.len += count as usize;
        if count < taken {
            self.filled += count;
            return;
        }
        self.mix();
        if count > taken {
            self.word = bytes >> (8 * taken);
            self.filled = count - taken;
        }
    }

    fn mix(&mut self) {
        let hash = (self.hash ^ self.word).wrapping_mul(Self::MULTIPLIER);
        self.hash = hash ^ (hash >> 29);
        self.word = 0;
        self.filled = 0;
    }

    /// The length fed and the hash, finished with MurmurHash3's 64-bit mixer.
    fn finish(mut self) -> (usize, u64) {
        if self.filled > 0 {
            self.mix();
        }
        let mut hash = self.hash ^ self.len as u64;
        hash ^= hash >> 33;
        hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
        hash ^= hash >> 33;
        hash = hash.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        (self.len, hash ^ (hash >> 33))
    }
}

/// Every record of a run in input order: labels, suffixes and duplicates.
#[derive(Debug, Default)]
pub struct Catalogue {
    /// Per first copy: its id and study label.
    firsts: Vec<(String, String)>,
    /// The identities of the first copies, when the catalogue learns them as records come.
    known: Identities,
    /// How many distinct (non-duplicate) records carry each base label.
    label_counts: HashMap<String, usize>,
    /// How many of them were admitted so far.
    label_seen: HashMap<String, usize>,
    /// Whether the label counts are final (the input was read ahead).
    counts_final: bool,
    /// What reading ahead found, record by record; `None` when learning as records come.
    plan: Option<Plan>,
    /// Duplicates admitted.
    duplicates: usize,
}

/// The identities of first copies, looked up by each of their keys.
#[derive(Debug, Default)]
struct Identities {
    /// Per first copy learnt: its index among the catalogue's first copies, and its identity.
    firsts: Vec<(usize, Identity)>,
    by_pmid: HashMap<String, usize>,
    by_doi: HashMap<String, usize>,
    by_title: HashMap<String, usize>,
    by_text: HashMap<String, usize>,
}

impl Identities {
    /// The first copy (its index among the catalogue's) that `identity` repeats, if any.
    fn first_copy(&self, identity: &Identity) -> Option<usize> {
        let lookups = [
            (&identity.pmid, &self.by_pmid),
            (&identity.doi, &self.by_doi),
            (&identity.title_year, &self.by_title),
            (&identity.title_abstract, &self.by_text),
        ];
        lookups.into_iter().find_map(|(key, map)| {
            let (first, known) = &self.firsts[*map.get(key.as_ref()?)?];
            identity.compatible(known).then_some(*first)
        })
    }

    /// Learns the identity of the catalogue's first copy number `first`.
    fn learn(&mut self, first: usize, identity: Identity) {
        let index = self.firsts.len();
        let keys = [
            (identity.pmid.clone(), &mut self.by_pmid),
            (identity.doi.clone(), &mut self.by_doi),
            (identity.title_year.clone(), &mut self.by_title),
            (identity.title_abstract.clone(), &mut self.by_text),
        ];
        for (key, map) in keys {
            if let Some(key) = key {
                map.entry(key).or_insert(index);
            }
        }
        self.firsts.push((first, identity));
    }
}

/// What reading ahead decided, per record in input order: a fingerprint of the record and the
/// first copy it repeats (`u32::MAX` for a first copy), so the main pass neither hashes an
/// abstract again nor keeps every identity.
#[derive(Debug, Default)]
struct Plan {
    records: Vec<(u32, u32)>,
    next: usize,
}

impl Plan {
    const FIRST_COPY: u32 = u32::MAX;

    /// What the plan says of the next record: `Some(first copy or None)`, or `None` when the
    /// record is not the one read ahead (the input changed between the passes).
    fn next(&mut self, record: &Record) -> Option<Option<usize>> {
        let &(fingerprint, first) = self.records.get(self.next)?;
        if fingerprint != self::fingerprint(record) {
            return None;
        }
        self.next += 1;
        Some((first != Self::FIRST_COPY).then_some(first as usize))
    }
}

/// A short fingerprint of a record (its id and the lengths of its title and abstract) that
/// tells the main pass it is reading the record read ahead.
fn fingerprint(record: &Record) -> u32 {
    let mut stream = WordHash::default();
    record.id().bytes().for_each(|byte| stream.push(byte));
    for length in [record.title.len(), record.abstract_text.len()] {
        length.to_le_bytes().into_iter().for_each(|byte| stream.push(byte));
    }
    stream.finish().1 as u32
}

impl Catalogue {
    /// A catalogue that learns records as they come (for standard input, read only once): a
    /// label gets its suffix from the second record that shares it on (`b`, `c`...).
    pub fn streaming() -> Catalogue {
        Catalogue::default()
    }

    /// A catalogue that knows every record ahead (the same records, in the same order, that
    /// [`Catalogue::admit`] will then be given), so every label shared gets `a`, `b`...
    ///
    /// Should the records admitted then differ from these (a file changed in between), the
    /// catalogue learns the rest as they come, finding copies among those only.
    pub fn from_records<R: Borrow<Record>>(records: impl IntoIterator<Item = R>) -> Catalogue {
        Catalogue::from_identified(records.into_iter().map(|record| {
            let identity = Identity::of(record.borrow());
            (record, identity)
        }))
    }

    /// [`Catalogue::from_records`] over records whose identities were computed ahead.
    pub fn from_identified<R: Borrow<Record>>(records: impl IntoIterator<Item = (R, Identity)>) -> Catalogue {
        let mut ahead = Catalogue::default();
        let mut plan = Plan::default();
        for (record, identity) in records {
            let record = record.borrow();
            let (_, first) = ahead.place(record, Some(identity));
            let first = first.and_then(|first| u32::try_from(first).ok()).unwrap_or(Plan::FIRST_COPY);
            plan.records.push((fingerprint(record), first));
        }
        Catalogue { label_counts: ahead.label_seen, counts_final: true, plan: Some(plan), ..Catalogue::default() }
    }

    /// Admits the next record in input order and says what it is.
    pub fn admit(&mut self, record: &Record) -> Entry {
        self.place(record, None).0
    }

    /// Admits the next record, of the identity given or computed here unless the plan says
    /// what it is; also says which first copy (by index) it repeats, if any.
    fn place(&mut self, record: &Record, identity: Option<Identity>) -> (Entry, Option<usize>) {
        let planned = self.plan.as_mut().and_then(|plan| plan.next(record));
        let (first, identity) = match planned {
            Some(first) => (first, None),
            None => {
                self.plan = None;
                let identity = identity.unwrap_or_else(|| Identity::of(record));
                (self.known.first_copy(&identity), Some(identity))
            }
        };
        if let Some((id, study)) = first.and_then(|first| self.firsts.get(first)) {
            self.duplicates += 1;
            return (Entry { study: study.clone(), duplicate_of: Some(id.clone()) }, first);
        }
        let base = lone_label(record);
        let seen = self.label_seen.entry(base.clone()).or_insert(0);
        *seen += 1;
        let ordinal = *seen - 1;
        let shared =
            if self.counts_final { self.label_counts.get(&base).copied().unwrap_or(1) > 1 } else { ordinal > 0 };
        let study = if shared { format!("{base}{}", suffix(ordinal)) } else { base };
        if let Some(identity) = identity {
            self.known.learn(self.firsts.len(), identity);
        }
        self.firsts.push((record.id(), study.clone()));
        (Entry { study, duplicate_of: None }, None)
    }

    /// How many records admitted so far repeat an earlier one.
    pub fn duplicates(&self) -> usize {
        self.duplicates
    }
}

/// Puts a catalogue entry on the rows of its record: the study label, and for a later copy the
/// duplicate check (a warning) naming the first copy.
pub fn label_rows(rows: &mut [Row], entry: &Entry) {
    for row in rows {
        row.study.clone_from(&entry.study);
        if let Some(first) = &entry.duplicate_of {
            if !row.checks.contains(&DUPLICATE_CHECK) {
                row.checks.push(DUPLICATE_CHECK);
            }
            row.duplicate_of = Some(first.clone());
            row.status = row.status.max(crate::model::Status::Warning);
        }
    }
}

/// Sentences that name a primary endpoint: `The primary end point was OS`, `the primary
/// outcome (30-day mortality)`, `PFS was the primary endpoint`.
static PRIMARY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bprimary\s+(?:efficacy\s+|study\s+|composite\s+)?(?:end[\s-]?points?|outcomes?|objectives?)\b")
        .expect("the primary-endpoint pattern is a valid regex")
});

/// The word every match of [`PRIMARY`] holds.
static PRIMARY_WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new("(?i)primary").expect("a valid regex"));

/// Words that start the part of a sentence about secondary endpoints.
static SECONDARY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:secondary|other|exploratory)\b").expect("a valid regex"));

/// What the abstract says the primary endpoint is: the words of each sentence that names one,
/// up to where it turns to secondary endpoints. Empty when the abstract names none.
pub fn primary_statements(abstract_text: &str) -> Vec<&str> {
    let mut statements = Vec::new();
    // Every match holds the word (same flags, so the same case folding), which a literal search
    // finds fast; the whole pattern's Unicode word boundaries cost a slow search of the text.
    if !PRIMARY_WORD.is_match(abstract_text) {
        return statements;
    }
    for found in PRIMARY.find_iter(abstract_text) {
        let start = abstract_text[..found.start()].rfind(". ").map_or(0, |at| at + 2);
        let rest = &abstract_text[found.start()..];
        let mut end = found.start() + sentence_end(rest);
        if let Some(secondary) = SECONDARY.find(&abstract_text[found.end()..end]) {
            end = found.end() + secondary.start();
        }
        let before = &abstract_text[start..found.start()];
        let before = match SECONDARY.find_iter(before).last() {
            Some(secondary) => &before[secondary.end()..],
            None => before,
        };
        let from = found.start() - before.len();
        statements.push(&abstract_text[from..end]);
    }
    statements
}

/// Where the sentence that starts `text` ends: at `. ` followed by an uppercase letter, or `;`.
fn sentence_end(text: &str) -> usize {
    for (at, c) in text.char_indices() {
        if c == ';' {
            return at;
        }
        if c == '.' && text[at + 1..].starts_with(' ') && text[at + 1..].trim_start().starts_with(char::is_uppercase) {
            return at;
        }
    }
    text.len()
}

/// Words left out when an endpoint is matched against a primary-endpoint statement.
const ENDPOINT_STOP_WORDS: [&str; 12] = ["the", "of", "in", "a", "an", "and", "with", "to", "for", "at", "on", "rate"];

/// Whether an endpoint as a row names it is what a primary-endpoint statement names: every
/// word of the endpoint (but small words) is a word of the statement (`OS` in `overall survival
/// [OS]`, `overall survival` in `30-month overall survival`).
pub fn is_primary(endpoint: &str, statements: &[&str]) -> bool {
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
    };
    let wanted: Vec<String> =
        words(endpoint).into_iter().filter(|w| !ENDPOINT_STOP_WORDS.contains(&w.as_str())).collect();
    if wanted.is_empty() {
        return false;
    }
    statements.iter().any(|statement| {
        let have = words(statement);
        wanted.iter().all(|w| have.contains(w))
    })
}

/// Sets `primary` on the rows whose endpoint the abstract calls primary.
pub fn mark_primary(abstract_text: &str, rows: &mut [Row]) {
    // Most records have no row with an endpoint, and most abstracts do not say `primary`.
    if rows.iter().all(|row| row.endpoint.is_none()) {
        return;
    }
    let statements = primary_statements(abstract_text);
    if statements.is_empty() {
        return;
    }
    for row in rows {
        if let Some(endpoint) = &row.endpoint {
            if is_primary(endpoint, &statements) {
                row.primary = Some(true);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: &str, authors: &[&str], year: Option<&str>, title: &str) -> Record {
        Record {
            native_id: Some(id.into()),
            authors: authors.iter().map(|a| a.to_string()).collect(),
            year: year.map(str::to_string),
            title: title.into(),
            ..Record::default()
        }
    }

    #[test]
    fn the_abstract_hash_is_the_hash_of_its_normalised_form() {
        let text = "Überprüfung: Patients (n = 40), RANDOMISED; ß-blockers.";
        let byte_by_byte = |text: &str| {
            let mut stream = WordHash::default();
            normalised_title(text).bytes().for_each(|byte| stream.push(byte));
            stream.finish()
        };
        assert_eq!(normalised_hash(text), byte_by_byte(text));
        // Texts of every length and mix, so that runs start and end anywhere in a chunk.
        let pieces =
            ["a", "Bc", "DEFGHIJ", "0", "12345678901", " ", ", ", "-", "é", "ß", "\u{212A}", "İ", "\u{2013}", "x.y"];
        let mut state = 12345_u64;
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..state % 24 {
                state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                text.push_str(pieces[(state >> 33) as usize % pieces.len()]);
            }
            assert_eq!(normalised_hash(&text), byte_by_byte(&text), "{text:?}");
        }
        assert_eq!(normalised_hash("uberprufung patients n 40"), normalised_hash("Uberprufung: PATIENTS (n=40)."));
    }

    #[test]
    fn surnames_come_out_of_every_written_form() {
        for (author, expected) in [
            ("Ruers, Theo", "Ruers"),
            ("Ruers T", "Ruers"),
            ("Liu R., Adler D.G.", "Liu"),
            ("S. Hochreiter", "Hochreiter"),
            ("Jean César", "César"),
            ("'Neeltje van Doremalen'", "van Doremalen"),
            ("de Hoon, M J L", "de Hoon"),
            ("J. -P. Nominé", "Nominé"),
        ] {
            assert_eq!(surname(author).as_deref(), Some(expected), "{author}");
        }
        assert_eq!(surname("  "), None);
    }

    #[test]
    fn labels_fall_back_to_the_id_and_take_suffixes_when_shared() {
        let records = [
            record("1", &["Smith, A"], Some("2017 Mar"), "One trial"),
            record("2", &["Smith J"], Some("2017"), "Another trial"),
            record("3", &[], Some("2017"), "A third"),
            record("4", &["Jones, B"], None, "A fourth"),
        ];
        let mut catalogue = Catalogue::from_records(&records);
        let labels: Vec<String> = records.iter().map(|r| catalogue.admit(r).study).collect();
        assert_eq!(labels, ["Smith 2017a", "Smith 2017b", "3", "4"]);
        let mut streaming = Catalogue::streaming();
        let labels: Vec<String> = records.iter().map(|r| streaming.admit(r).study).collect();
        assert_eq!(labels, ["Smith 2017", "Smith 2017b", "3", "4"]);
    }

    #[test]
    fn copies_match_by_pmid_doi_or_title_and_year() {
        let mut first = record("a", &["Ruers, T"], Some("2017"), "Local Treatment of Liver Metastases.");
        first.doi = Some("10.1093/JNCI/DJX015".into());
        let mut by_doi = record("b", &["Ruers T"], Some("2017"), "Other title");
        by_doi.doi = Some("https://doi.org/10.1093/jnci/djx015".into());
        let by_title = record("c", &["Ruers T"], Some("2017"), "local treatment of liver metastases");
        let other_year = record("d", &["Ruers T"], Some("2016"), "local treatment of liver metastases");
        let mut other_pmid = record("e", &[], Some("2017"), "Local treatment of liver metastases");
        other_pmid.pmid = Some("1".into());
        first.pmid = Some("2".into());
        let records = [first, by_doi, by_title, other_year, other_pmid];
        let mut catalogue = Catalogue::from_records(&records);
        let entries: Vec<Entry> = records.iter().map(|r| catalogue.admit(r)).collect();
        assert_eq!(entries[0], Entry { study: "Ruers 2017".into(), duplicate_of: None });
        assert_eq!(entries[1].duplicate_of.as_deref(), Some("2"));
        assert_eq!(entries[1].study, "Ruers 2017");
        assert_eq!(entries[2].duplicate_of.as_deref(), Some("2"));
        assert_eq!(entries[3], Entry { study: "Ruers 2016".into(), duplicate_of: None });
        assert_eq!(entries[4].duplicate_of, None, "a different PMID is a different record");
        assert_eq!(catalogue.duplicates(), 2);
    }

    #[test]
    fn records_without_a_year_match_by_title_and_abstract() {
        let text = "Background: 119 patients were randomised to systemic treatment alone or with local treatment; overall survival was longer with local treatment.";
        let mut first = record("PMC1", &[], None, "Local treatment of liver metastases");
        first.abstract_text = text.into();
        let mut copy = record("PMC1", &[], None, "Local Treatment of Liver Metastases.");
        copy.abstract_text = text.replace("Background:", "BACKGROUND:");
        let mut other = record("PMC2", &[], None, "Local treatment of liver metastases");
        other.abstract_text = format!("{text} Median follow-up was 9.7 years.");
        let records = [first, copy, other];
        let mut catalogue = Catalogue::from_records(&records);
        let copies: Vec<Option<String>> = records.iter().map(|r| catalogue.admit(r).duplicate_of).collect();
        assert_eq!(copies, [None, Some("PMC1".to_string()), None]);
    }

    #[test]
    fn a_catalogue_read_ahead_learns_records_it_did_not_see() {
        let text = "Background: 119 patients were randomised to systemic treatment alone or with local treatment; overall survival was longer.";
        let with_text = |id: &str, title: &str| {
            let mut r = record(id, &[], None, title);
            r.abstract_text = text.into();
            r
        };
        let (first, second) = (with_text("A1", "One trial"), with_text("A2", "Another trial"));
        let mut catalogue = Catalogue::from_records([&first, &second]);
        assert_eq!(catalogue.admit(&first).duplicate_of, None);
        // The input changed after it was read ahead: the plan is left, copies are still found.
        let (other, copy) = (with_text("B1", "A third trial"), with_text("B1", "A third trial."));
        assert_eq!(catalogue.admit(&other).duplicate_of, None);
        assert_eq!(catalogue.admit(&copy).duplicate_of.as_deref(), Some("B1"));
        assert_eq!(catalogue.duplicates(), 1);
    }

    #[test]
    fn the_abstract_hash_tells_word_boundaries_apart() {
        assert_ne!(normalised_hash("ab cd efgh ijkl"), normalised_hash("abc d efgh ijkl"));
        assert_ne!(normalised_hash("twelve letters").1, normalised_hash("twelve letter s").1);
    }

    #[test]
    fn suffixes_run_past_z() {
        assert_eq!(suffix(0), "a");
        assert_eq!(suffix(25), "z");
        assert_eq!(suffix(26), "aa");
        assert_eq!(suffix(27), "ab");
    }

    #[test]
    fn primary_endpoint_statements_stop_at_secondary_ones() {
        let seed = "Previously, we reported that the primary end point (30-month overall survival [OS] > 38%) was met. We now report on long-term OS results.";
        let statements = primary_statements(seed);
        assert_eq!(
            statements,
            ["Previously, we reported that the primary end point (30-month overall survival [OS] > 38%) was met"]
        );
        assert!(is_primary("OS", &statements));
        assert!(is_primary("overall survival", &statements));
        assert!(!is_primary("death", &statements));
        let text =
            "The primary endpoint was progression-free survival (PFS); secondary endpoints included OS and toxicity.";
        let statements = primary_statements(text);
        assert!(is_primary("PFS", &statements));
        assert!(!is_primary("OS", &statements));
        let text = "Mortality at 30 days was the primary outcome. Secondary outcomes were infections.";
        assert!(is_primary("mortality", &primary_statements(text)));
        assert!(!is_primary("infections", &primary_statements(text)));
        assert!(primary_statements("No such words here.").is_empty());
    }
}
