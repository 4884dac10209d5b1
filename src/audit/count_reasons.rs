//! Reasons for counts (`x of N`, `x/N`, `n =`) outside every row. [`clause_reason`] reads the
//! count's clause and its sentence's opening words before the sentence's general reasons are
//! tried (a list of reasons for not taking part, a subgroup named by its members, people before
//! randomization); [`count_reason`] reads the count's own bracket, clause and sentence after them
//! (thirteenth session): the size of a group the text defines by a
//! measurement or an outcome, not by allocation (a subgroup); people in a run-in before
//! randomization; a characteristic before treatment; the number behind a correlation; a group's
//! size already a row; a count of days or events, not of participants (eighteenth session: the
//! `n =` of kinds of adverse events, `n = 4 farms`); the cases of an agreement (`diagnostic`).
//!
//! Each reason holds only for the shape it names: the GUIDE makes the `n =` of an arm,
//! analysed or not, an arm size, so a count keeps no reason when its words name a group of the
//! randomized comparison.

use std::sync::OnceLock;

use regex::Regex;

use crate::model::{Kind, Row};
use crate::normalise::floor_boundary;

struct CountPatterns {
    /// Groups made of quantiles of a measurement: `infants within the 4th quartile`.
    quantile: Regex,
    /// Participants sorted into groups by their outcome: `were classified as responders (n = 15)`.
    classified: Regex,
    /// A part of a group already counted: `found in 59 children among which 22% (n = 13)`.
    among_which: Regex,
    /// A count of those who failed or responded: `5 of 6 clinical failures involved migration`.
    of_responders: Regex,
    /// Things, not people, as the sentence's subject: `The sample rejection rate was 0.8% (n = 60)`.
    things_subject: Regex,
    /// A share of things after an `x of N`: `30 out of 54 (56%) of baseline plus serial data models`.
    share_of_things: Regex,
    /// A threshold that defines a group, inside the count's bracket (`(>90 min/week; n = 18`,
    /// `(>=10% WL at Year 1; n=132`) or right before it (`a PTV of <= 1302 ml (n=41)`).
    threshold_in_bracket: Regex,
    threshold_before_bracket: Regex,
    /// A dose after a threshold: `(>=10 mg/kg; n = 40)` may be an arm.
    dose_unit: Regex,
    /// A sentence that opens with a subgroup: `In the participants with MCI (n = 14 vs 15), ...`.
    opening_subgroup: Regex,
    /// People left out of the randomized groups: `69 patients were not randomised because of ...`.
    excluded: Regex,
    /// What brings people back into the groups after an exclusion: `leaving 40 analysed`.
    kept: Regex,
    /// Where in the body one procedure was done: `The location of harvest was thigh (n = 3)`
    /// (GUIDE: the number who received one procedure is no arm size).
    procedure_sites: Regex,
    /// A list of reasons for not taking part: `Reasons for noneligibility … were refusal (n = 16)`.
    reasons_for_exclusion: Regex,
    /// Counts of a subgroup (`Among subjects with endothelial dysfunction (RHI <= 1.67; n = 14)`):
    /// no arm and no trial total.
    subgroup: Regex,
    /// Counts of people before randomization: screened, approached, willing to take part (GUIDE:
    /// people screened or approached are no arm sizes), unless the clause enrols or randomizes them.
    recruitment: Regex,
    enrolment: Regex,
    /// A run-in before randomization (GUIDE: people screened or approached are no arm sizes).
    run_in: Regex,
    /// What makes a run-in or a sorting of participants the allocation after all.
    allocation: Regex,
    /// Groups compared before treatment: `… than the placebo group (39/51) before the treatment`.
    before_treatment: Regex,
    /// A list of characteristics: `Patients were predominantly female (65.8%, n=102/155) and …`,
    /// `The main indication for endoscopy was bleeding (n=80)`, `Sites of treatment included`.
    characteristics: Regex,
    /// A correlation in the count's bracket: `(r = 0.81, P = 0.023, n = 7`.
    correlation: Regex,
    /// Things counted right before the count's bracket: `diarrhea days (n = 13)`.
    things_before: Regex,
    /// A noun of adverse events, a few words naming no group, then the bracket of an `n =` with no
    /// share in it: `18 targeted SAEs (diabetic ketoacidosis, n = 12`, `reported more adverse
    /// events in the app than in the questionnaire (supervised: n=1033 vs n=656`: counts of
    /// events (GUIDE: arm sizes count no events; a share, `(n=6, 20%)`, counts people). The noun
    /// may carry its abbreviation, and the list the `n =` of its items: `5 adverse events (AEs):
    /// flu (n = 1), cough (n = 2)`.
    events_before: Regex,
    names_group: Regex,
    /// The agreement of two measurements right before a count: `an agreement of data in 46 %
    /// (84/184) of cases` (GUIDE: agreement is no effect and its cases no participants' events).
    agreement_before: Regex,
    /// A noun of things right after the digits of an `n =`: `(n = 4 farms)`, `(n = 510 assessments)`.
    things_after_n: Regex,
    /// The digits of an `n =`.
    n_value: Regex,
    /// The bracket an `n =` opens, with a group word before it: `ND (`, `LD group (`.
    bracket_then_n: Regex,
    /// What may come right before a group's whole name: a stop, a bracket, a list word.
    arm_starts: Regex,
    /// A new clause joined to the one before: `…, and`, `…, whereas`, `…, but`.
    joined_clause: Regex,
    /// After `eligible`, the people it describes: `potentially eligible physicians responded`.
    people_after: Regex,
}

fn count_patterns() -> &'static CountPatterns {
    static PATTERNS: OnceLock<CountPatterns> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let re = |p: &str| Regex::new(p).expect("audit count patterns are valid");
        CountPatterns {
            quantile: re(r"(?i)\b(?:quartiles?|tertiles?|quintiles?|deciles?)\b"),
            classified: re(r"(?i)\b(?:classified|categori[sz]ed)\b[^.;]{0,80}\b(?:as|into)\b"),
            threshold_in_bracket: re(r"[(\[](?:[^()\[\]]*?[^pP=<>\s\d.]\s*|\s*)(?:[<>≤≥]=?|=>|=<)\s*\d[^()\[\]]*$"),
            threshold_before_bracket: re(r"(?i)\bof\s*(?:[<>≤≥]=?|=>|=<)\s*[\d.]+\s*[a-z/%]*\s*[(\[]\s*$"),
            dose_unit: re(r"(?i)(?:[<>≤≥]=?)\s*[\d.]+\s*(?:mg|g|µg|μg|mcg|IU|ml|mL|mmol)\b"),
            among_which: re(r"(?i)\bamong\s+(?:which|whom)\b"),
            of_responders: re(r"(?i)^\s+(?:clinical\s+|treatment\s+)?(?:failures|non-?responders|responders|relapses)\b"),
            things_subject: re(r"(?i)^\W*(?:[A-Z][\w.]*:\s*)?(?:the\s+)?(?:[\w-]+\s+)?(?:samples?|specimens?)\s+(?:rejection|contamination|loss)\b"),
            share_of_things: re(r"(?i)^\s*\(\s*\d+(?:\.\d+)?\s*%\s*\)\s+of\s+(?:[\w-]+\s+){0,4}?(?:models|analyses)\b"),
            reasons_for_exclusion: re(r"(?i)^\s*(?:[A-Z.]+\s*:+\s*)?(?:the\s+)?(?:main\s+)?reasons?\s+for\s+(?:non-?eligibility|ineligibility|exclusion|non-?participation|not\s+participating)\b"),
            subgroup: re(r"(?i)\b(?:among|for)\s+(?:the\s+)?(?:participants|patients|subjects|women|men|children|those|infants|adults)\s+(?:with|without|whose|aged)\b|\bsubgroups?\s+of\b"),
            opening_subgroup: re(r"(?i)^\W*(?:[A-Z.]+\s*:+\s*)?in\s+(?:the\s+)?(?:participants|patients|subjects|women|men|children|those|infants|adults)\s+(?:with|without|whose|aged)\b"),
            excluded: re(r"(?i)\b(?:not\s+(?:been\s+)?randomi[sz]ed|excluded|withdr[ae]wn|withdrew|dropped\s+out|lost\s+to\s+follow-?up|ineligible)\b"),
            kept: re(r"(?i)\b(?:leaving|remain\w*|analy[sz]\w*|complet\w*|included)\b"),
            procedure_sites: re(r"(?i)\b(?:locations?|sites?)\s+of\s+(?:the\s+)?(?:harvest|injection|incision|implantation|puncture)\b"),
            recruitment: re(r"(?i)\b(?:screened|approached|invited|recruitment\s+rates?|(?:willing|agreed|declined|refused)\s+to\s+participate)\b"),
            enrolment: re(r"(?i)\b(?:randomi[sz]\w*|enrolled|allocated|assigned)\b"),
            run_in: re(r"(?i)\brun-?in\b"),
            allocation: re(r"(?i)\b(?:randomi[sz]\w*|allocated|assigned)\b"),
            before_treatment: re(r"(?i)\b(?:before|prior\s+to)\s+(?:the\s+)?(?:treatment|intervention|randomi[sz]ation)\b"),
            characteristics: re(r"(?i)\b(?:were|was)\s+(?:predominantly|mostly|largely)\s+(?:female|male|women|men)\b|\b(?:main\s+)?indications?\s+(?:for|of)\b|\bsites?\s+of\s+(?:treatment|metastas[ie]s)\b"),
            correlation: re(r"[(\[][^()\[\]]*\b(?:r|rs|rho|ρ)\s*=\s*[-−]?\s*[\d.]+[^()\[\]]*$"),
            things_before: re(r"(?i)\b(?:days|episodes|attacks|visits|sessions|specimens|samples)\s*[(\[](?:\s*|(?:[^()\[\]]|\[[^()\[\]]*\])*[;,]\s*)$"),
            events_before: re(r"(?i)\b(?:adverse\s+(?:events|effects|reactions)|(?-i:T?S?AEs)|complications|side[- ]effects|symptoms|toxicities)\b(?:\s*[(\[][^()\[\]]{1,12}[)\]])?((?:[^;()\[\]]|[(\[]\s*[nN]\s*=\s*\d+\s*[)\]]){0,80}?)[(\[][^()\[\]%]*$"),
            names_group: re(r"(?i)\b(?:groups?|arms?|placebo|controls?|randomi[sz]ed|assigned|allocated)\b"),
            agreement_before: re(r"(?i)\bagreement\b[^;()\[\]]{0,40}[(\[]?\s*$"),
            things_after_n: re(r"(?i)^\d*\s+(?:farms|herds|assessments|visits|samples|specimens|sessions|sites|procedures|cycles|episodes|events)\b"),
            n_value: re(r"^\s*[nN]\s*[=:]\s*(\d+)"),
            bracket_then_n: re(r"(?i)(?:\s+(?:group|arm))?\s*[(\[]\s*$"),
            arm_starts: re(r"(?i)(?:^|[(,;:]\s*|\b(?:and|or|into|to|in|the|vs\.?|versus)\s+)$"),
            joined_clause: re(r"(?i),\s+(?:and|but|whereas|while)\s+"),
            people_after: re(r"(?i)^\s+(?:[\w-]+\s+)?(?:patients|participants|subjects|women|men|children|people|persons|adults|infants|individuals|physicians|clinicians|nurses|students|volunteers)\b"),
        }
    })
}

/// The reason of a count read in its `clause`, its words around (`local`) or its sentence's
/// opening words, or `None`: a list of reasons for not taking part (`design`), a subgroup's size
/// (`n =` only), people left out of the randomized groups (`exclusion`), where one procedure was
/// done (`procedure`), people before randomization (`recruitment`).
pub(super) fn clause_reason(
    kind: &str,
    sentence_text: &str,
    (upto, clause): (&str, &str),
    local: &str,
) -> Option<&'static str> {
    let p = count_patterns();
    if p.reasons_for_exclusion.is_match(sentence_text) {
        return Some("design");
    }
    let opens_subgroup =
        p.subgroup.find(sentence_text).is_some_and(|m| m.start() == 0) || p.opening_subgroup.is_match(sentence_text);
    if kind == "n_equals" && (p.subgroup.is_match(clause) || opens_subgroup) {
        return Some("subgroup");
    }
    // An `n =` after the words that leave people out, with no allocation between (an `x/N`
    // there still holds its group's size: `5/24 withdrew in the curcumin group`).
    if kind == "n_equals"
        && p.excluded.find_iter(upto).last().is_some_and(|m| {
            let after = &upto[m.end()..];
            !p.enrolment.is_match(after) && !p.kept.is_match(after)
        })
    {
        return Some("exclusion");
    }
    if p.procedure_sites.is_match(upto) {
        return Some("procedure");
    }
    (p.recruitment.is_match(local) && !p.enrolment.is_match(local)).then_some("recruitment")
}

/// The words of a count's clause from the last clause joined before it (`…, and`, `…, whereas`)
/// on, `count_at` being the count's offset in `local`: `the original estimated sample size was
/// recruited, and a response rate of 90.9% (130/143) was achieved` reads from `a response rate`.
pub(super) fn own_part(local: &str, count_at: usize) -> &str {
    let count_at = floor_boundary(local, count_at.min(local.len()));
    joined_clause_end(&local[..count_at]).map_or(local, |from| &local[from..])
}

fn joined_clause_end(before: &str) -> Option<usize> {
    count_patterns().joined_clause.find_iter(before).last().map(|m| m.end())
}

/// Whether a design word of a count's clause is `eligible` describing the people counted
/// (`1214 out of 8477 potentially eligible physicians responded`): the people are the trial's,
/// the count a result, no design.
pub(super) fn describes_people(local: &str, design_word: regex::Match<'_>) -> bool {
    design_word.as_str().eq_ignore_ascii_case("eligible")
        && count_patterns().people_after.is_match(&local[design_word.end()..])
}

/// The reason of a count outside every row read from its bracket, clause and sentence, or
/// `None`: `subgroup`, `recruitment`, `baseline`, `predictor`, `repeated`, `not_participants`,
/// `diagnostic`.
pub(super) fn count_reason(
    kind: &str,
    s: &str,
    sentence: (usize, usize),
    (at, end): (usize, usize),
    rows: &[Row],
) -> Option<&'static str> {
    let p = count_patterns();
    let sentence_text = &s[sentence.0..sentence.1];
    let before = &s[floor_boundary(s, at.saturating_sub(120).max(sentence.0))..at];
    if is_subgroup(p, kind, sentence_text, &s[sentence.0..at], &s[end..sentence.1]) {
        return Some("subgroup");
    }
    if p.things_subject.is_match(sentence_text) || kind == "x_of_n" && p.share_of_things.is_match(&s[end..sentence.1]) {
        return Some("not_participants");
    }
    if p.run_in.is_match(sentence_text) && !p.allocation.is_match(sentence_text) {
        return Some("recruitment");
    }
    let compared_before_treatment =
        p.before_treatment.find(&s[end..sentence.1]).is_some_and(|m| !is_against(&s[end..end + m.start()]));
    if compared_before_treatment || p.characteristics.is_match(&s[sentence.0..at]) {
        return Some("baseline");
    }
    if kind != "n_equals" {
        return p.agreement_before.is_match(before).then_some("diagnostic");
    }
    if p.correlation.is_match(before) {
        return Some("predictor");
    }
    if counts_events(p, before, &s[end..sentence.1]) || p.things_after_n.is_match(&s[end..sentence.1]) {
        return Some("not_participants");
    }
    if p.things_before.is_match(before) {
        return Some("not_participants");
    }
    repeats_arm_size(p, s, sentence, (at, end), rows).then_some("repeated")
}

/// Whether an `n =` counts events: it stands in a bracket right after a noun of adverse events,
/// no group named between, and neither its bracket before it nor after it holds a share.
fn counts_events(p: &CountPatterns, before: &str, after: &str) -> bool {
    let close = after.find([')', ']']).unwrap_or(after.len());
    p.events_before.captures(before).is_some_and(|c| {
        !c.get(1).is_some_and(|between| p.names_group.is_match(between.as_str())) && !after[..close].contains('%')
    })
}

/// Whether a count is the size of a group defined by a measurement or an outcome: quantiles of
/// a measurement (any count), those who failed or responded (`x of N`), participants classified
/// by their response, a part of a group counted before (`among which`), or a threshold in or
/// right before the bracket of an `n =` that is no dose.
fn is_subgroup(p: &CountPatterns, kind: &str, sentence_text: &str, before_in_sentence: &str, after: &str) -> bool {
    let before =
        &before_in_sentence[floor_boundary(before_in_sentence, before_in_sentence.len().saturating_sub(120))..];
    if p.quantile.is_match(sentence_text) {
        return true;
    }
    if kind == "x_of_n" && p.of_responders.is_match(after) {
        return true;
    }
    if kind != "n_equals" {
        return false;
    }
    let classified = p.classified.is_match(sentence_text) && !p.allocation.is_match(sentence_text);
    let nested = p.among_which.is_match(before_in_sentence);
    let threshold = (p.threshold_in_bracket.is_match(before) || p.threshold_before_bracket.is_match(before))
        && !p.dose_unit.is_match(&before[before.rfind(['(', '[']).unwrap_or(0)..]);
    classified || nested || threshold
}

/// Whether the words between a count and `before treatment` set it against that time (`than
/// before treatment`, `compared with before the intervention`): a change, not a baseline.
fn is_against(between: &str) -> bool {
    let tail = between.trim_end().to_ascii_lowercase();
    tail.ends_with("than") || tail.ends_with("with") || tail.ends_with("to") || tail.ends_with("from")
}

/// Whether an `n = N` gives again the size of a group already a row (GUIDE: the same arm and
/// size once per abstract): it opens a bracket right after that row's arm, named whole (`into
/// ND (n = 5)`, not `Long infusion of peptide (n = 6)` for an arm `peptide`), or right after
/// a test (`P=.02 (N=124)`) when it is the trial's total.
fn repeats_arm_size(
    p: &CountPatterns,
    s: &str,
    sentence: (usize, usize),
    (at, end): (usize, usize),
    rows: &[Row],
) -> bool {
    let Some(n) = p.n_value.captures(&s[at..floor_boundary(s, (end + 8).min(s.len()))]) else { return false };
    let n = &n[1];
    let near = &s[floor_boundary(s, at.saturating_sub(80).max(sentence.0))..at];
    let Some(open) = p.bracket_then_n.find(near) else { return false };
    // The group's name without and with its `group` word: `ND`, `experimental group`.
    let bracket = near.rfind(['(', '[']).unwrap_or(near.len());
    let names = [&near[..open.start()], near[..bracket].trim_end()];
    rows.iter().filter(|r| r.kind == Kind::ArmSize && r.n.as_ref().is_some_and(|v| v.text == n)).any(|r| {
        match r.arm.as_deref() {
            None | Some("total") => open.as_str().trim_start().len() == 1,
            Some(arm) => {
                names.iter().any(|named| named.strip_suffix(arm).is_some_and(|head| p.arm_starts.is_match(head)))
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(kind: &str, text: &str, expression: &str) -> Option<&'static str> {
        let at = text.find(expression).unwrap();
        count_reason(kind, text, (0, text.len()), (at, at + expression.len()), &[])
    }

    #[test]
    fn groups_by_measurement_or_outcome_are_subgroups() {
        let t = "Pups in the top quartile of exposure versus the rest were more often ill (9/30 versus 8/90).";
        assert_eq!(reason("x_slash_n", t, "9/30"), Some("subgroup"));
        let t = "Knees were classified as responders (n = 12) or non-responders (n = 30).";
        assert_eq!(reason("n_equals", t, "n = 3"), Some("subgroup"));
        let t = "Gain was larger in keepers (>=5% loss at year 2; n = 88) than in others.";
        assert_eq!(reason("n_equals", t, "n = 8"), Some("subgroup"));
        let t = "With a tumour volume of <= 40 ml (n = 21) the rate was 12%.";
        assert_eq!(reason("n_equals", t, "n = 2"), Some("subgroup"));
    }

    #[test]
    fn parts_of_a_counted_group_and_counts_of_things_have_reasons() {
        let t = "Scars were seen in 40 knees (50%) among which 30% (n = 12) were wide.";
        assert_eq!(reason("n_equals", t, "n = 1"), Some("subgroup"));
        let t = "In all, 4 of 7 treatment failures involved a loose screw.";
        assert_eq!(reason("x_of_n", t, "4 of 7"), Some("subgroup"));
        let t = "The specimen loss rate was 2.1% (n = 17) at site A.";
        assert_eq!(reason("n_equals", t, "n = 1"), Some("not_participants"));
        let t = "Recall was good in 12 out of 20 (60%) of the tested risk models.";
        assert_eq!(reason("x_of_n", t, "12 out of 20"), Some("not_participants"));
        let t = "In all, 4 of 7 treatment-naive patients relapsed.";
        assert_eq!(reason("x_of_n", t, "4 of 7"), None);
    }

    #[test]
    fn arms_p_values_and_doses_are_no_thresholds() {
        let t = "Weight fell by 2.1 kg (P < 0.05; n = 140) in the diet arm.";
        assert_eq!(reason("n_equals", t, "n = 1"), None);
        let t = "The high-dose arm (>=10 mg/kg; n = 40) had fewer relapses.";
        assert_eq!(reason("n_equals", t, "n = 4"), None);
    }

    #[test]
    fn run_ins_characteristics_and_correlations_have_reasons() {
        let t = "Of 700 people completing the run-in, 60% (n = 420) reached the goal.";
        assert_eq!(reason("n_equals", t, "n = 4"), Some("recruitment"));
        let t = "The yoga group had more severe cases (30/41) than the control group (28/44) before the treatment.";
        assert_eq!(reason("x_slash_n", t, "28/44"), Some("baseline"));
        let t = "Scores were better than before the intervention (30/41 improved).";
        assert_eq!(reason("x_slash_n", t, "30/41"), None);
        let t = "Members were mostly male (70%, n=60/86) and retired (55%, n=47/86).";
        assert_eq!(reason("x_slash_n", t, "47/86"), Some("baseline"));
        let t = "Dose was linked to the marker (r = 0.7, P = 0.02, n = 9).";
        assert_eq!(reason("n_equals", t, "n = 9"), Some("predictor"));
        let t = "One child had many wheezy days (n = 14) and was excluded.";
        assert_eq!(reason("n_equals", t, "n = 1"), Some("not_participants"));
    }

    #[test]
    fn a_count_of_eligible_people_or_after_a_design_clause_keeps_no_design_reason() {
        let local = "Of 2400 screened, 310 of 2400 were eligible for the trial";
        let design = regex::Regex::new("eligible").unwrap().find(local).unwrap();
        assert!(!describes_people(local, design));
        let local = "In all, 310 of 2400 potentially eligible physicians answered";
        let design = regex::Regex::new("eligible").unwrap().find(local).unwrap();
        assert!(describes_people(local, design));
        let local = "the planned sample size was reached, and a follow-up rate of 88% (44/50) was seen";
        assert_eq!(own_part(local, local.find("44/50").unwrap()), "a follow-up rate of 88% (44/50) was seen");
    }

    #[test]
    fn exclusions_procedure_sites_and_opening_subgroups_have_reasons() {
        let clause = |t: &'static str, e: &str| {
            let at = t.find(e).unwrap();
            clause_reason("n_equals", t, (&t[..at], &t[at.saturating_sub(60)..at]), &t[at.saturating_sub(60)..])
        };
        let t = "The sample was complete after 7 months, and the recruitment rate was 45% (27/60).";
        let at = t.find("27/60").unwrap();
        assert_eq!(clause_reason("x_slash_n", t, (&t[..at], &t[at - 40..at]), &t[at - 40..]), Some("recruitment"));
        let t = "40 people were not randomised because of anaemia (n = 12) or travel (n = 28).";
        assert_eq!(clause(t, "n = 28"), Some("exclusion"));
        let t = "Ten were excluded, leaving the analysed sample (n = 90).";
        assert_eq!(clause(t, "n = 90"), None);
        let t = "The site of injection was the arm (n = 20) or the thigh (n = 11).";
        assert_eq!(clause(t, "n = 11"), Some("procedure"));
        let t = "In the participants with diabetes (n = 30 vs 31), scores fell.";
        assert_eq!(clause(t, "n = 30"), Some("subgroup"));
        let t = "Levels were higher in severe attacks (310 [90-1000] mg/l; n = 29) than in mild ones.";
        assert_eq!(reason("n_equals", t, "n = 29"), Some("not_participants"));
    }

    #[test]
    fn counts_of_adverse_events_and_agreements_have_reasons() {
        let t = "There were 9 serious adverse events (pneumonia, n = 6; fracture, n = 3) overall.";
        assert_eq!(reason("n_equals", t, "n = 3"), Some("not_participants"));
        let t = "Two patients reported 3 adverse events (AEs): cough (n = 1) and rash (n = 2).";
        assert_eq!(reason("n_equals", t, "n = 1"), Some("not_participants"));
        assert_eq!(reason("n_equals", t, "n = 2"), Some("not_participants"));
        let t = "Users logged more side effects in the diary than on paper (diary: n=410 vs n=220).";
        assert_eq!(reason("n_equals", t, "n=220"), Some("not_participants"));
        // A share with the count, or a group named before the bracket, counts people.
        let t = "Complications were wound infection (n=4, 10%) and seroma (n=2, 5%).";
        assert_eq!(reason("n_equals", t, "n=4"), None);
        let t = "Adverse events were as frequent in the placebo group (n = 40) as with the drug.";
        assert_eq!(reason("n_equals", t, "n = 40"), None);
        let t = "Charts and interviews showed an agreement in 71% (50/70) of cases (kappa 0.6).";
        assert_eq!(reason("x_slash_n", t, "50/70"), Some("diagnostic"));
        let t = "Herds were visited weekly (n = 14 farms) or monthly (n = 25 farms).";
        assert_eq!(reason("n_equals", t, "n = 1"), Some("not_participants"));
        let t = "Nausea was reported in 71% (50/70) of cases in the drug arm.";
        assert_eq!(reason("x_slash_n", t, "50/70"), None);
    }

    #[test]
    fn a_group_size_already_a_row_is_repeated() {
        let text = "Rats were fed a low diet (LD, n = 8) and then randomized into LD (n = 8) or HD (n = 9).";
        let at = text.rfind("n = 8").unwrap();
        let mut row = Row::new("t", Kind::ArmSize);
        (row.arm, row.n) = (Some("LD".into()), crate::model::Num::parse("8"));
        let reason = count_reason("n_equals", text, (0, text.len()), (at, at + 5), std::slice::from_ref(&row));
        assert_eq!(reason, Some("repeated"));
        let at = text.find("n = 9").unwrap();
        assert_eq!(count_reason("n_equals", text, (0, text.len()), (at, at + 5), &[row]), None);
    }
}
