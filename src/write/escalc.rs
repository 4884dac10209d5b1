//! Pairs of arms for `metafor::escalc()`: `--format escalc`.
//!
//! A 2×2 table needs, for two arms of one comparison, events and participants in each:
//! `ai`/`n1i` for the first arm and `ci`/`n2i` for the second. The events rows of a record give
//! them arm by arm; this module pairs the arms that report the same endpoint at the same time
//! point (never across endpoints or time points), and fills a missing denominator from the
//! arm's `arm_size` row. Within one endpoint and time point, a comparison runs from an events
//! row until an arm comes again, so two statements about the same arms in a row make two pairs.
//! A pair that still lacks a count, has more events than participants, or an arm with events and
//! no partner, is left out and counted as incomplete.

use std::borrow::Cow;

use crate::model::{Kind, Num, Row, Status};

/// The escalc columns, in order; the names metafor's `escalc()` takes.
pub const HEADER: [&str; 11] =
    ["study", "record_id", "endpoint", "time", "arm1", "arm2", "ai", "n1i", "ci", "n2i", "primary"];

/// The free-text columns (by index into [`HEADER`]) the formula guard applies to.
pub const TEXT_COLUMNS: [usize; 6] = [0, 1, 2, 3, 4, 5];

/// Two arms of one comparison, with events and participants in each.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    /// The study label of the record.
    pub study: String,
    /// The record's id.
    pub record_id: String,
    /// The endpoint both events rows report, as the first one names it.
    pub endpoint: String,
    /// The time point both report, or empty.
    pub time: String,
    /// The first arm (as the abstract names it first).
    pub arm1: String,
    /// The second arm.
    pub arm2: String,
    /// Events in the first arm.
    pub ai: Num,
    /// Participants in the first arm.
    pub n1i: Num,
    /// Events in the second arm.
    pub ci: Num,
    /// Participants in the second arm.
    pub n2i: Num,
    /// Whether the endpoint is the one the abstract calls primary.
    pub primary: bool,
}

impl Pair {
    /// The pair's cells as CSV writes them, in [`HEADER`] order.
    pub fn cells(&self) -> [Cow<'_, str>; 11] {
        [
            Cow::Borrowed(self.study.as_str()),
            Cow::Borrowed(self.record_id.as_str()),
            Cow::Borrowed(self.endpoint.as_str()),
            Cow::Borrowed(self.time.as_str()),
            Cow::Borrowed(self.arm1.as_str()),
            Cow::Borrowed(self.arm2.as_str()),
            Cow::Borrowed(self.ai.text.as_str()),
            Cow::Borrowed(self.n1i.text.as_str()),
            Cow::Borrowed(self.ci.text.as_str()),
            Cow::Borrowed(self.n2i.text.as_str()),
            Cow::Borrowed(if self.primary { "TRUE" } else { "" }),
        ]
    }
}

/// What pairing one record gave.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Pairing {
    /// The complete pairs.
    pub pairs: Vec<Pair>,
    /// Pairs left out: an arm with events but no partner, or no denominator for an arm.
    pub incomplete: usize,
}

/// Pairs made and left out over a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Complete pairs written.
    pub pairs: usize,
    /// Incomplete pairs left out.
    pub incomplete: usize,
}

impl Tally {
    /// Adds one record's pairing.
    pub fn add(&mut self, pairing: &Pairing) {
        self.pairs += pairing.pairs.len();
        self.incomplete += pairing.incomplete;
    }
}

/// One arm of a comparison: the first events row of the arm in it.
struct ArmEvents<'a> {
    key: String,
    row: &'a Row,
}

/// Pairs the arms of one record's events rows (see the module docs). Rows of other records
/// are not expected; `invalid` rows and whole-trial counts (`total`) are left out.
pub fn pair_record(rows: &[Row]) -> Pairing {
    let arm_sizes: Vec<(String, &Num)> = rows
        .iter()
        .filter(|row| row.kind == Kind::ArmSize && row.status != Status::Invalid)
        .filter_map(|row| Some((crate::validate::arm_key(row.arm.as_deref()?), row.n.as_ref()?)))
        .collect();
    let size_of = |key: &str| arm_sizes.iter().find(|(arm, _)| arm == key).map(|(_, n)| (*n).clone());

    // Comparisons: events rows of one (endpoint, time), in order, until an arm comes again
    // ("39 of 60 in A and 53 of 59 in B ... 35 in A, 49 in B" is two comparisons, not one).
    let mut open: Vec<(String, String, Vec<ArmEvents>)> = Vec::new();
    let mut groups: Vec<(String, Vec<ArmEvents>)> = Vec::new();
    for row in rows {
        if row.kind != Kind::Events || row.status == Status::Invalid || row.events.is_none() {
            continue;
        }
        let Some(arm) = row.arm.as_deref() else { continue };
        let key = crate::validate::arm_key(arm);
        if key.is_empty() || key == "total" {
            continue;
        }
        let endpoint = row.endpoint.as_deref().map(|e| e.trim().to_lowercase()).unwrap_or_default();
        let time = row.time.clone().unwrap_or_default();
        let at = match open.iter().position(|(e, t, _)| *e == endpoint && *t == time) {
            Some(at) if open[at].2.iter().any(|a| a.key == key) => {
                let (_, time, arms) = open.remove(at);
                groups.push((time, arms));
                open.push((endpoint, row.time.clone().unwrap_or_default(), Vec::new()));
                open.len() - 1
            }
            Some(at) => at,
            None => {
                open.push((endpoint, time, Vec::new()));
                open.len() - 1
            }
        };
        open[at].2.push(ArmEvents { key, row });
    }
    groups.extend(open.into_iter().map(|(_, time, arms)| (time, arms)));

    let mut pairing = Pairing::default();
    for (time, arms) in &groups {
        if arms.len() < 2 {
            pairing.incomplete += arms.len();
            continue;
        }
        for (i, first) in arms.iter().enumerate() {
            for second in &arms[i + 1..] {
                let n1 = first.row.n.clone().or_else(|| size_of(&first.key));
                let n2 = second.row.n.clone().or_else(|| size_of(&second.key));
                let (Some(ai), Some(ci), Some(n1i), Some(n2i)) =
                    (first.row.events.clone(), second.row.events.clone(), n1, n2)
                else {
                    pairing.incomplete += 1;
                    continue;
                };
                if ai.value > n1i.value || ci.value > n2i.value {
                    // More events than participants is no 2×2 table (events counted, not people).
                    pairing.incomplete += 1;
                    continue;
                }
                pairing.pairs.push(Pair {
                    study: first.row.study.clone(),
                    record_id: first.row.record_id.clone(),
                    endpoint: first.row.endpoint.clone().unwrap_or_default(),
                    time: time.clone(),
                    arm1: first.row.arm.clone().unwrap_or_default(),
                    arm2: second.row.arm.clone().unwrap_or_default(),
                    ai,
                    n1i,
                    ci,
                    n2i,
                    primary: first.row.primary == Some(true),
                });
            }
        }
    }
    pairing
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(arm: &str, endpoint: Option<&str>, time: Option<&str>, events: u64, n: Option<u64>) -> Row {
        let mut row = Row::new("r1", Kind::Events);
        row.arm = Some(arm.into());
        row.endpoint = endpoint.map(str::to_string);
        row.time = time.map(str::to_string);
        row.events = Some(Num::whole(events));
        row.n = n.map(Num::whole);
        row.study = "Ruers 2017".into();
        row
    }

    fn arm_size(arm: &str, n: u64) -> Row {
        let mut row = Row::new("r1", Kind::ArmSize);
        row.arm = Some(arm.into());
        row.n = Some(Num::whole(n));
        row
    }

    #[test]
    fn the_seed_deaths_pair_into_one_two_by_two_table() {
        let rows = [
            arm_size("combined modality arm", 60),
            events("total", Some("died"), None, 92, Some(119)),
            events("combined modality arm", Some("died"), None, 39, Some(60)),
            events("systemic treatment arm", Some("died"), None, 53, Some(59)),
        ];
        let pairing = pair_record(&rows);
        assert_eq!(pairing.incomplete, 0);
        let cells: Vec<String> = pairing.pairs[0].cells().iter().map(|c| c.to_string()).collect();
        assert_eq!(
            cells,
            [
                "Ruers 2017",
                "r1",
                "died",
                "",
                "combined modality arm",
                "systemic treatment arm",
                "39",
                "60",
                "53",
                "59",
                ""
            ]
        );
    }

    #[test]
    fn arm_sizes_fill_missing_denominators_and_nothing_pairs_across_endpoints() {
        let rows = [
            arm_size("placebo", 100),
            arm_size("drug", 98),
            events("drug", Some("death"), None, 10, None),
            events("placebo", Some("death"), None, 20, None),
            events("drug", Some("relapse"), None, 5, None),
            events("drug", Some("death"), Some("1 year"), 3, None),
            events("placebo", Some("nausea"), None, 7, None),
            events("unknown arm", Some("nausea"), None, 7, None),
        ];
        let pairing = pair_record(&rows);
        assert_eq!(pairing.pairs.len(), 1);
        let pair = &pairing.pairs[0];
        assert_eq!((pair.ai.value, pair.n1i.value, pair.ci.value, pair.n2i.value), (10.0, 98.0, 20.0, 100.0));
        // relapse and the 1-year deaths have one arm each; nausea's second arm has no size.
        assert_eq!(pairing.incomplete, 3);
    }

    #[test]
    fn a_repeated_arm_starts_a_new_comparison() {
        let rows = [
            events("A", None, None, 39, Some(60)),
            events("B", None, None, 53, Some(59)),
            events("A", None, None, 35, Some(60)),
            events("B", None, None, 49, Some(59)),
            events("B", None, None, 70, Some(59)),
        ];
        let pairing = pair_record(&rows);
        let counts: Vec<(f64, f64)> = pairing.pairs.iter().map(|p| (p.ai.value, p.ci.value)).collect();
        assert_eq!(counts, [(39.0, 53.0), (35.0, 49.0)]);
        assert_eq!(pairing.incomplete, 1, "the last B stands alone");
    }
}
