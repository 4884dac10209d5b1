//! The outcome a value belongs to, read from the words around it when no lexicon endpoint is
//! there: `the hazard ratio for death`, `the risk of falls (HR …)`, `Mortality was lower (HR …)`.
//! One reading shared by the finders, so every kind names its endpoint the same way.

/// Words that end an outcome phrase read backwards or forwards: verbs, comparisons,
/// prepositions that start a group or a time, and articles.
const BOUNDARIES: &[&str] = &[
    "occurred",
    "was",
    "were",
    "is",
    "are",
    "be",
    "been",
    "being",
    "had",
    "has",
    "have",
    "with",
    "in",
    "by",
    "than",
    "vs",
    "vs.",
    "versus",
    "compared",
    "comparing",
    "compare",
    "against",
    "between",
    "among",
    "on",
    "at",
    "after",
    "during",
    "within",
    "from",
    "over",
    "reduced",
    "increased",
    "decreased",
    "improved",
    "lower",
    "higher",
    "greater",
    "less",
    "more",
    "fewer",
    "significantly",
    "significant",
    "statistically",
    "no",
    "not",
    "there",
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "which",
    "who",
    "showed",
    "shown",
    "associated",
    "resulted",
    "similar",
    "did",
    "does",
    "differ",
    "differed",
    "different",
    "favoured",
    "favored",
    "favouring",
    "favoring",
    "reduce",
    "reduces",
    "increase",
    "increases",
    "and",
    "or",
    "but",
    "while",
    "whereas",
    "when",
    "as",
    "to",
    "for",
    "per",
    "each",
    "both",
    "all",
    "patients",
    "participants",
    "group",
    "groups",
    "arm",
    "arms",
    "overall",
    "also",
    "however",
    "although",
    "we",
    "it",
    "its",
    "their",
    "our",
    "found",
    "observed",
    "reported",
    "seen",
    "yielded",
    "gave",
    "achieved",
    "reached",
    "remained",
    "became",
    "using",
    "use",
    "ratio",
    "ratios",
    "hazard",
    "odds",
    "difference",
    "differences",
    "relative",
    "adjusted",
    "estimate",
    "estimates",
    "effect",
    "effects",
    "result",
    "results",
    "analysis",
    "analyses",
    "model",
    "models",
    "value",
    "values",
];

/// Words an outcome phrase may hold inside, though they end one at its edge: `risk of death`,
/// `death or stroke`.
const JOINERS: &[&str] = &["of", "or", "and", "to", "from", "for"];

/// The words of `text` with their byte ranges.
fn words(text: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                found.push((s, i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        found.push((s, text.len()));
    }
    found
}

fn is_boundary(word: &str) -> bool {
    let lower = word.to_lowercase();
    // `grade 3/4`, `≥3`, `FEV1`: a short token with digits names a grade or a measure.
    // `2-year`, `12-month`: a number joined to a word is an adjective of the outcome.
    let joined = word.split_once('-').is_some_and(|(number, rest)| {
        !number.is_empty()
            && number.chars().all(|c| c.is_ascii_digit())
            && rest.chars().all(char::is_alphabetic)
            && !rest.is_empty()
    });
    let numeric = word.chars().any(|c| c.is_ascii_digit())
        && !joined
        && !(word.chars().count() <= 4
            && (word.contains(['/', '–', '-', '≥']) || word.starts_with(char::is_alphabetic)));
    BOUNDARIES.contains(&lower.as_str()) || numeric || word.contains(['=', '<', '>', '%'])
}

/// The phrase of up to six words ending right before `at` in `text`, stopping at a boundary
/// word or at punctuation that closes a clause; joiners are kept inside, dropped at the edges.
pub fn phrase_before(text: &str, at: usize) -> Option<String> {
    let head = text.get(..at)?.trim_end().trim_end_matches(['(', '[', ',', ':', ';']).trim_end();
    let head = without_time_point(head);
    let all = words(head);
    let mut taken: Vec<&str> = Vec::new();
    for &(from, to) in all.iter().rev() {
        let raw = &head[from..to];
        // A clause ends at a comma, a semicolon, a colon or a closing bracket before the phrase.
        if !taken.is_empty() && raw.ends_with([',', ';', ':', ')', ']', '.']) {
            break;
        }
        // The word right before the value may be an abbreviation in brackets: `overall survival (OS)`.
        let Some(word) = phrase_word(raw, taken.is_empty()) else { break };
        taken.insert(0, word);
        if taken.len() >= 6 {
            break;
        }
    }
    tidy(taken)
}

/// The phrase of up to six words starting at `from` in `text` (after `for` or `of`).
pub fn phrase_after(text: &str, from: usize) -> Option<String> {
    phrase_forward(text.get(from..)?, &[], true)
}

/// The phrase of up to six words at the start of `text`, after any `skip` words; when
/// `clause_ends` is set, a word ending in a comma, colon or bracket is its last.
fn phrase_forward(text: &str, skip: &[&str], clause_ends: bool) -> Option<String> {
    let mut taken: Vec<&str> = Vec::new();
    for (start, end) in words(text) {
        let raw = &text[start..end];
        if taken.is_empty() && skip.contains(&raw.to_lowercase().as_str()) {
            continue;
        }
        let Some(word) = phrase_word(raw, false) else { break };
        taken.push(word);
        if taken.len() >= 6 || clause_ends && raw.ends_with([',', ';', ':', ')', ']', '.']) {
            break;
        }
    }
    tidy(taken)
}

/// The word of `raw` an outcome phrase holds, or `None` where the phrase ends: at a boundary
/// word that is no joiner, and at an opening bracket unless `bracket_allowed`.
fn phrase_word(raw: &str, bracket_allowed: bool) -> Option<&str> {
    let word = raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '/');
    let ends = word.is_empty()
        || raw.starts_with(['(', '[']) && !bracket_allowed
        || is_boundary(word) && !JOINERS.contains(&word.to_lowercase().as_str());
    (!ends).then_some(word)
}

/// Whether a phrase ending in `word` names a statistical test or analysis, which is no
/// outcome (`Fisher's exact test`, `per-protocol analysis`).
pub fn names_a_test(word: &str) -> bool {
    let word = word.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    matches!(word.as_str(), "test" | "tests" | "analysis" | "model")
}

/// The phrase without joiners at its edges; `None` when nothing is left.
fn tidy(mut taken: Vec<&str>) -> Option<String> {
    while taken.first().is_some_and(|w| JOINERS.contains(&w.to_lowercase().as_str())) {
        taken.remove(0);
    }
    while taken.last().is_some_and(|w| JOINERS.contains(&w.to_lowercase().as_str())) {
        taken.pop();
    }
    if taken.last().is_some_and(|w| names_a_test(w)) {
        return None;
    }
    // A lone adverb, ordinal or word of reference names no outcome (`subsequently`, `same`).
    if let [word] = taken.as_slice() {
        let lower = word.to_lowercase();
        if lower.ends_with("ly") || NOT_OUTCOMES.contains(&lower.as_str()) {
            return None;
        }
    }
    (!taken.is_empty()).then(|| taken.join(" "))
}

/// Single words that are never an outcome by themselves. Unlike `find::NOT_AN_ENDPOINT`, which
/// empties a finished row's endpoint, these make a reading give nothing, so the next reading
/// (the previous value's, the clause's subject) is tried.
const NOT_OUTCOMES: &[&str] = &[
    "same",
    "on-treatment",
    "second",
    "first",
    "third",
    "other",
    "example",
    "past",
    "grade",
    "cox",
    "following",
    "recorded",
    "occurring",
    "occurrence",
    "frequency",
    "women",
    "men",
    "courses",
    "proportion",
    "proportions",
    "number",
    "total",
    "rates",
    "incidence",
    "percentage",
    "trial",
    "study",
    "treatment",
    "intervention",
    "control",
    "placebo",
    "whom",
    "which",
    "who",
    "rate",
    "better",
    "worse",
    "comparable",
    "similar",
    "different",
    "significance",
    "significant",
    "higher",
    "lower",
    "greater",
    "regimen",
    "regimens",
    "results",
    "conclusions",
    "children",
    "patients",
    "participants",
    "subjects",
    "group",
    "groups",
    "arm",
    "arms",
];

/// Verbs after a count of people whose object is the outcome: `12 patients developed a rash`.
const COUNT_VERBS: &[&str] = &[
    "developed",
    "experienced",
    "required",
    "needed",
    "achieved",
    "suffered",
    "underwent",
    "reported",
    "showed",
    "presented",
];

/// Verbs after a count of people that are the outcome themselves: `Four patients withdrew`.
const OUTCOME_VERBS: &[&str] = &[
    "died",
    "withdrew",
    "relapsed",
    "responded",
    "recovered",
    "discontinued",
    "dropped",
    "declined",
    "failed",
    "improved",
    "survived",
    "deteriorated",
    "conceived",
    "quit",
    "healed",
];

/// Words after a noun phrase that make it an outcome that happened: `One deep vein
/// thrombosis was observed`, `three infections occurred`.
const OCCURRED: &[&str] = &["occurred", "observed", "seen", "reported", "noted", "recorded", "found", "detected"];

/// The outcome named right after a count that starts at `from` in `text`: `One deep vein
/// thrombosis was observed`, `Four patients withdrew`, `12 patients (36%) developed a rash`,
/// `three cases of infection occurred`. `is_participant` tells the nouns of people.
pub fn counted_outcome(text: &str, from: usize, is_participant: impl Fn(&str) -> bool) -> Option<String> {
    let rest = text.get(from..)?;
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.').trim_start().trim_start_matches('%');
    let all: Vec<&str> = words(rest).into_iter().map(|(a, b)| &rest[a..b]).collect();
    let mut at = 0;
    // `of 60`, `/60`, `(36%)`, `[9%]`, `out of 60`: the count's denominator and asides.
    while let Some(word) = all.get(at) {
        let lower = word.to_lowercase();
        let numeric = word.chars().any(|c| c.is_ascii_digit());
        if numeric
            || word.starts_with(['(', '[', '/'])
            || matches!(lower.as_str(), "of" | "out")
                && at + 1 < all.len()
                && all[at + 1].chars().next().is_some_and(|c| c.is_ascii_digit() || c == '(')
        {
            at += 1;
            continue;
        }
        break;
    }
    let mut people = false;
    while let Some(word) = all.get(at) {
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
        let of_people =
            matches!(bare, "of" | "the") && all.get(at + 1).is_some_and(|w| is_participant(w) || *w == "the");
        if of_people {
            at += 1;
            continue;
        }
        if is_participant(bare)
            || matches!(bare.to_lowercase().as_str(), "cases" | "case" | "episodes" | "episode")
                && all.get(at + 1).is_some_and(|w| *w == "of")
        {
            people |= is_participant(bare);
            at += if is_participant(bare) { 1 } else { 2 };
            if word.ends_with([',', ';', ')']) {
                return None;
            }
            continue;
        }
        break;
    }
    // `patients (36%)`: an aside after the people.
    while all.get(at).is_some_and(|w| w.starts_with(['(', '['])) {
        let closes = all[at..].iter().position(|w| w.ends_with([')', ']']))?;
        at += closes + 1;
    }
    let first = all.get(at)?.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    let tail = all[at..].join(" ");
    if people && matches!(first.as_str(), "had" | "has" | "have") || COUNT_VERBS.contains(&first.as_str()) {
        let object = tail.split_once(' ')?.1;
        return phrase_forward(object, &["a", "an", "the", "at", "least", "one", "some"], true);
    }
    // `Four patients withdrew`, `three withdrew`: the verb right after the count or its people.
    if OUTCOME_VERBS.contains(&first.as_str()) {
        let out = all.get(at + 1).is_some_and(|w| w.trim_end_matches([',', '.', ';']) == "out");
        return Some(if out { format!("{first} out") } else { first });
    }
    if people {
        return None;
    }
    let happened = |w: &&str| OCCURRED.contains(&w.trim_matches(|c: char| !c.is_alphanumeric()));
    // `three infections occurred`: the phrase ends at the verb.
    let until_verb = all[at..].iter().position(happened).map_or(all.len(), |p| at + p);
    let phrase = phrase_forward(&all[at..until_verb].join(" "), &[], true)?;
    let after = phrase.split_whitespace().count() + at;
    let occurred = all.iter().skip(after).take(2).any(happened);
    occurred.then_some(phrase)
}

/// Words that end the words before a value when its clause says only that the outcome was
/// seen: `Headache relief was noted in 73%`, `Remission was achieved by 61%`, `was rare (2.3%`.
const SEEN: &[&str] = &[
    "noted",
    "achieved",
    "observed",
    "seen",
    "reported",
    "found",
    "recorded",
    "documented",
    "obtained",
    "detected",
    "present",
    "rare",
    "common",
    "frequent",
    "higher",
    "lower",
    "similar",
    "comparable",
    "greater",
    "increased",
    "decreased",
    "reduced",
    "significant",
    "different",
];

/// Whether the words before a value, up to its clause start, say only that an outcome was
/// seen (`was noted in`, `was higher`): the outcome is then the subject before `was`.
pub fn only_says_seen(words_before: &[&str]) -> bool {
    let mut words = words_before.iter().rev().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase());
    let mut last = words.next();
    if last.as_deref().is_some_and(|w| matches!(w, "in" | "by" | "among" | "for" | "with" | "of")) {
        last = words.next();
    }
    last.is_some_and(|w| SEEN.contains(&w.as_str()))
}

/// The subject of the last `was` or `were` before `at` in `sentence`, without a time point or
/// an aside at its end: `The maintenance of clinical remission at 1 year was achieved by`
/// gives `maintenance of clinical remission`.
pub fn subject_of_copula(sentence: &str, at: usize) -> Option<String> {
    let head = sentence.get(..at)?;
    let copula = [" was ", " were "].iter().filter_map(|c| head.rfind(c)).max()?;
    let mut subject = head[..copula].trim_end();
    loop {
        let before = subject.len();
        if subject.ends_with(')') {
            if let Some(open) = subject.rfind('(') {
                subject = subject[..open].trim_end();
            }
        }
        subject = without_time_point(subject);
        if subject.len() == before {
            break;
        }
    }
    phrase_before(subject, subject.len())
}

/// `text` without the time point that ends it: `cardiac index at 6 h`, `inotropic support in
/// the first 12 h`, `remission at week 12` lose `at 6 h`, `in the first 12 h`, `at week 12`.
pub fn without_time_point(text: &str) -> &str {
    let all = words(text);
    // The lead word is one of the last five; the words after it hold a number and a time unit.
    for lead_at in (all.len().saturating_sub(5)..all.len().saturating_sub(1)).rev() {
        let (start, end) = all[lead_at];
        let time_words = all[lead_at + 1..].iter().map(|&(a, b)| &text[a..b]);
        let has_number = time_words.clone().any(|w| w.chars().any(|c| c.is_ascii_digit()));
        let has_unit = time_words.clone().any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
            crate::grammar::time_unit(&w).is_ok_and(|(rest, _)| rest.is_empty())
        });
        let lead = text[start..end].to_lowercase();
        if has_number
            && has_unit
            && matches!(lead.as_str(), "at" | "by" | "after" | "within" | "over" | "during" | "in" | "for")
        {
            return text[..start].trim_end();
        }
    }
    text
}

/// The subject of the clause holding `at`: the words from the clause start up to its first
/// boundary word (`Mortality was lower (HR …)`, `the odds of remission were higher`).
pub fn clause_subject(text: &str, clause_start: usize, at: usize) -> Option<String> {
    let clause = text.get(clause_start..at)?;
    let from = clause.rfind([',', ';', ':']).map_or(0, |p| p + 1);
    phrase_forward(&clause[from..], &["the", "a", "an", "in", "overall", "also"], false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_around_a_value() {
        let s = "Patients in the CT group had a lower risk of falls (HR 0.7, 95% CI 0.5-0.9).";
        assert_eq!(phrase_before(s, s.find("(HR").unwrap()).as_deref(), Some("risk of falls"));
        let s = "The hazard ratio for death or stroke was 0.8.";
        assert_eq!(phrase_after(s, s.find("death").unwrap()).as_deref(), Some("death or stroke"));
        let s = "At 12 months, depression remission was more frequent (OR 2.1).";
        assert_eq!(clause_subject(s, 0, s.find("(OR").unwrap()).as_deref(), Some("depression remission"));
        assert_eq!(phrase_before("Mortality was lower (", 21), None);
        let s = "the odds ratio for the 2-year reversion of the MetS was 2.8";
        assert_eq!(phrase_after(s, s.find("2-year").unwrap()).as_deref(), Some("2-year reversion"));
    }

    #[test]
    fn subjects_of_a_clause_that_says_an_outcome_was_seen() {
        let s = "Two-hour headache relief, was noted in 73% in rizatriptan";
        assert!(only_says_seen(&["was", "noted", "in"]));
        assert_eq!(subject_of_copula(s, s.find("73").unwrap()).as_deref(), Some("Two-hour headache relief"));
        let s = "The maintenance of clinical remission at 1 year was achieved by 61.4%";
        assert_eq!(subject_of_copula(s, s.find("61").unwrap()).as_deref(), Some("maintenance of clinical remission"));
        let s = "Severe hypoglycaemia at any time (24 h) was rare (Gla-300: 2.3%";
        assert_eq!(subject_of_copula(s, s.find("2.3").unwrap()).as_deref(), Some("any time"));
        assert!(!only_says_seen(&["patients", "with", "diarrhoea"]));
        let s = "a reduction in the cardiac index at 6 h [difference";
        assert_eq!(phrase_before(s, s.find('[').unwrap()).as_deref(), Some("cardiac index"));
        let s = "an increase in inotropic support in the first 12 h (OR";
        assert_eq!(phrase_before(s, s.find('(').unwrap()).as_deref(), Some("inotropic support"));
        assert_eq!(without_time_point("death in 12 patients"), "death in 12 patients");
    }

    #[test]
    fn outcomes_named_after_a_count() {
        let people = |w: &str| matches!(w, "patients" | "participants");
        let read = |s: &str| counted_outcome(s, 0, people);
        assert_eq!(read("1 deep vein thrombosis was observed in each group").as_deref(), Some("deep vein thrombosis"));
        assert_eq!(read("4 patients withdrew because of nausea").as_deref(), Some("withdrew"));
        assert_eq!(read("12 patients (36%) developed a rash in the X group").as_deref(), Some("rash"));
        assert_eq!(read("3 cases of implant-related infection occurred").as_deref(), Some("implant-related infection"));
        assert_eq!(read("39 of 60 (65%) patients had died").as_deref(), Some("died"));
        assert_eq!(read("8 patients dropped out").as_deref(), Some("dropped out"));
        assert_eq!(read("60 patients in the X group"), None);
        assert_eq!(read("45% of the patients developed febrile neutropenia").as_deref(), Some("febrile neutropenia"));
        assert_eq!(read("12 weeks of treatment"), None);
    }
}
