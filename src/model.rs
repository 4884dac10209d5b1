//! The types every stage shares: a row ([`Row`]) of one [`Kind`], its numbers ([`Num`]) and
//! its validation [`Status`].
//!
//! Finders fill rows, validation and derivation amend them, writers write them; none of them
//! owns these types, so they live here rather than in the writer.

use std::borrow::Cow;
use std::fmt;

use serde::{Serialize, Serializer};

/// A number as the text wrote it: its value, and its written digits normalised
/// (`0·58` → `0.58`, `−0.5` → `-0.5`, `.01` → `0.01`, `20 170` → `20170`).
#[derive(Debug, Clone, PartialEq)]
pub struct Num {
    /// The value.
    pub value: f64,
    /// The written digits, normalised; CSV writes these so `65.0` stays `65.0`.
    pub text: String,
}

/// The value of a short plain decimal (`12`, `0.58`, `-3.25`, `.01`: at most 15 digits), exactly
/// as `str::parse` gives it but without the general parser, which most numbers of a text do not
/// need: the digits as a whole number below 2^53 and a power of ten up to 10^15 are both exact
/// in an `f64`, so their quotient is the correctly rounded value. `None` for anything else.
fn exact_short_decimal(text: &str) -> Option<f64> {
    const POWERS_OF_TEN: [f64; 16] =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mut whole, mut count, mut decimals, mut point) = (0u64, 0usize, 0usize, false);
    for byte in digits.bytes() {
        match byte {
            b'0'..=b'9' => {
                whole = whole * 10 + u64::from(byte - b'0');
                count += 1;
                decimals += usize::from(point);
                if count > 15 {
                    return None;
                }
            }
            b'.' if !point => point = true,
            _ => return None,
        }
    }
    if count == 0 {
        return None;
    }
    let value = whole as f64 / POWERS_OF_TEN[decimals];
    Some(if negative { -value } else { value })
}

impl Num {
    /// A number from normalised digits such as `-0.58` or `.01`; `None` when not a number.
    pub fn parse(text: &str) -> Option<Num> {
        let value = match exact_short_decimal(text) {
            Some(value) => value,
            None => text.parse().ok()?,
        };
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
#[derive(Debug, Clone, PartialEq)]
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
    /// The study label (`Ruers 2017`, `Smith 2017a`), else the record id.
    pub study: String,
    /// The name of the input file the record came from.
    pub source: String,
    /// `Some(true)` when the row's endpoint is the one the abstract calls primary.
    pub primary: Option<bool>,
    /// Not a field of its own: the id of the record this one repeats, written after the
    /// `record.duplicate` code in `checks` (`record.duplicate:12345`).
    pub duplicate_of: Option<String>,
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
            study: String::new(),
            source: String::new(),
            primary: None,
            duplicate_of: None,
        }
    }

    /// The `checks` cell: codes joined by `;`, the duplicate check followed by `:` and the
    /// id of the first copy.
    pub fn checks_text(&self) -> Cow<'_, str> {
        let duplicate = crate::validate::RECORD_DUPLICATE.code;
        match (&self.checks[..], &self.duplicate_of) {
            ([], _) => Cow::Borrowed(""),
            ([one], None) => Cow::Borrowed(one),
            (codes, first) => {
                let mut text = String::new();
                for code in codes {
                    if !text.is_empty() {
                        text.push(';');
                    }
                    text.push_str(code);
                    if let (true, Some(first)) = (*code == duplicate, first) {
                        text.push(':');
                        text.push_str(first);
                    }
                }
                Cow::Owned(text)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_decimals_read_as_the_general_parser_reads_them() {
        let written = [
            "0",
            "-0",
            "12",
            "0.58",
            "-3.25",
            ".01",
            "-.5",
            "1.",
            "0.1",
            "0.3",
            "2.675",
            "1.005",
            "123456789012345",
            "0.00000000000001",
            "99.99",
            "4.35",
            "-0.07",
        ];
        for text in written {
            let general: f64 = text.parse().unwrap();
            assert_eq!(exact_short_decimal(text).map(f64::to_bits), Some(general.to_bits()), "{text}");
        }
        for longer in ["1234567890123456", "1e5", "1.2.3", "", ".", "-", "1,5", "+1"] {
            assert_eq!(exact_short_decimal(longer), None, "{longer}");
        }
        // Every short decimal up to four digits after the point agrees bit for bit.
        for whole in 0..200u32 {
            for fraction in 0..10_000u32 {
                let text = format!("{whole}.{fraction:04}");
                assert_eq!(exact_short_decimal(&text), text.parse().ok(), "{text}");
            }
        }
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
