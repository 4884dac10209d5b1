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
    "except",
    "including",
    "excluding",
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
    "statistical",
    "significance",
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
    "used",
    "logistic",
    "linear",
    "poisson",
    "ratio",
    "ratios",
    // Measures' abbreviations (`The HR was significant for men (HR = 2.75`).
    "hr",
    "hrs",
    "rr",
    "rrs",
    "irr",
    "ahr",
    "aor",
    "arr",
    "md",
    "smd",
    "wmd",
    "es",
    // Verbs that report a result, and comparatives of time (`giving an effect of`,
    // `recovered significantly faster (HR`).
    "giving",
    "yielding",
    "resulting",
    "indicating",
    "indicated",
    "suggesting",
    "suggested",
    "showing",
    "demonstrated",
    "demonstrating",
    "allocated",
    "assigned",
    "randomized",
    "randomised",
    "could",
    "can",
    "may",
    "might",
    "would",
    "should",
    "will",
    "lowered",
    "raised",
    "lowering",
    "reducing",
    "increasing",
    "decreasing",
    "improving",
    "further",
    "faster",
    "quicker",
    "slower",
    "longer",
    "shorter",
    "earlier",
    "sooner",
    "e.g",
    "i.e",
    "hazard",
    "odds",
    "difference",
    "differences",
    "relative",
    "adjusted",
    "unadjusted",
    "multivariable",
    "multivariate",
    "univariable",
    "univariate",
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

/// Nouns of a change or a difference, whose outcome follows `in` or `of`: `reduction in pain`,
/// `difference in the risk of falls`.
const CHANGES: &[&str] = &[
    "reduction",
    "reductions",
    "improvement",
    "improvements",
    "increase",
    "increases",
    "decrease",
    "decreases",
    "change",
    "changes",
    "difference",
    "differences",
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

/// The last `n` words of `text` (as [`words`] reads them), in order: read from the end, so a
/// reader that looks only at the words before a value does not read the whole sentence.
fn last_words(text: &str, n: usize) -> Vec<(usize, usize)> {
    let mut found = Vec::with_capacity(n);
    let mut end = None;
    for (i, c) in text.char_indices().rev() {
        if c.is_whitespace() {
            if let Some(e) = end.take() {
                found.push((i + c.len_utf8(), e));
                if found.len() == n {
                    break;
                }
            }
        } else if end.is_none() {
            end = Some(i + c.len_utf8());
        }
    }
    if let Some(e) = end.filter(|_| found.len() < n) {
        found.push((0, e));
    }
    found.reverse();
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
    // `HbA1c`, `PFDI-20`, `SF-36`, `EQ-5D`: a name of letters holding a short number.
    let named = word.starts_with(char::is_alphabetic)
        && word.chars().filter(char::is_ascii_alphabetic).count() >= 2
        && word.chars().filter(char::is_ascii_digit).count() <= 3
        && !word.contains(['.', ',', ':', ';']);
    let numeric = word.chars().any(|c| c.is_ascii_digit())
        && !joined
        && !named
        && !(word.chars().count() <= 4
            && (word.contains(['/', '–', '-', '≥']) || word.starts_with(char::is_alphabetic)));
    BOUNDARIES.contains(&lower.as_str()) || numeric || word.contains(['=', '<', '>', '%'])
}

/// The phrase of up to six words ending right before `at` in `text`, stopping at a boundary
/// word or at punctuation that closes a clause; joiners are kept inside, dropped at the edges.
pub fn phrase_before(text: &str, at: usize) -> Option<String> {
    let head = text.get(..at)?.trim_end().trim_end_matches(['(', '[', ',', ':', ';']).trim_end();
    let head = without_time_point(head);
    // The loop below takes at most six words.
    let all = last_words(head, 6);
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
    let all = words(text);
    let mut at = 0;
    while let Some(&(start, end)) = all.get(at) {
        at += 1;
        let raw = &text[start..end];
        let lower = raw.to_lowercase();
        if taken.is_empty() && skip.contains(&lower.as_str()) {
            continue;
        }
        // `Reductions in BDI-II scores`, `difference in the risk of falls`: a change is `in` its
        // outcome; a difference is only the measure, so its words go.
        if taken.is_empty() && CHANGES.contains(&lower.as_str()) {
            let next = all.get(at).map(|&(a, b)| text[a..b].to_lowercase());
            if matches!(next.as_deref(), Some("in" | "of")) {
                if !lower.starts_with("difference") {
                    taken.push(raw);
                    taken.push(&text[all[at].0..all[at].1]);
                }
                at += 1;
                while all.get(at).is_some_and(|&(a, b)| matches!(&text[a..b], "the" | "a" | "an")) {
                    at += 1;
                }
                continue;
            }
        }
        // `incidence rate of a low cardiac output episode`: an article after `of` is inside.
        if taken.last().is_some_and(|w| w.eq_ignore_ascii_case("of")) && matches!(lower.as_str(), "the" | "a" | "an") {
            continue;
        }
        let Some(word) = phrase_word(raw, false).or_else(|| side_effects(taken.last(), raw)) else { break };
        taken.push(word);
        if taken.len() >= 6 || clause_ends && raw.ends_with([',', ';', ':', ')', ']', '.']) {
            break;
        }
    }
    tidy(taken)
}

/// `effects` after `side` or `adverse`, which name an outcome (`developed side effects`), though
/// `effects` alone ends a phrase (`the effects of X`).
fn side_effects<'a>(previous: Option<&&str>, raw: &'a str) -> Option<&'a str> {
    let word = raw.trim_matches(|c: char| !c.is_alphanumeric());
    let named = previous.is_some_and(|p| p.eq_ignore_ascii_case("side") || p.eq_ignore_ascii_case("adverse"));
    (named && (word.eq_ignore_ascii_case("effects") || word.eq_ignore_ascii_case("effect"))).then_some(word)
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
    // A lone adverb, ordinal or word of reference names no outcome (`subsequently`, `same`),
    // nor does a change without what changed (`improvement`), nor such words joined
    // (`intention to treat`).
    if let [word] = taken.as_slice() {
        if word.to_lowercase().ends_with("ly") {
            return None;
        }
    }
    let not_outcome = |w: &&str| {
        let lower = w.to_lowercase();
        NOT_OUTCOMES.contains(&lower.as_str()) || JOINERS.contains(&lower.as_str()) || CHANGES.contains(&lower.as_str())
    };
    if taken.iter().all(not_outcome) {
        return None;
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
    // Words of reference to an estimate or its size (`the corresponding OR`, `a medium
    // effect (d = 0.63)`, `effect sizes of d = 0.42`), and of the analysis set.
    "corresponding",
    "respective",
    "small",
    "medium",
    "large",
    "size",
    "sizes",
    "estimated",
    "average",
    "intention-to-treat",
    "per-protocol",
    "intention",
    "treat",
    "protocol",
    "controls",
    "vehicle",
    "sham",
    "interventions",
    "treatments",
    "means",
    "medians",
    "follow-up",
    "followup",
    "recipients",
    "population",
    // Units of a dose or an amount (`20 mg (n = 144/447; OR 1.6`).
    "mg",
    "μg",
    "g",
    "kg",
    "ml",
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

/// Words that lead the phrase naming a count's group: `in the SG group`, `who received X`.
const GROUP_PHRASE_LEADS: &[&str] =
    &["in", "among", "from", "on", "receiving", "treated", "allocated", "assigned", "randomized", "randomised", "who"];

/// Words that end the stretch read for a group's verb: a comparison, another clause.
const GROUP_PHRASE_ENDS: &[&str] = &[
    "than",
    "vs",
    "vs.",
    "versus",
    "compared",
    "whereas",
    "while",
    "but",
    "respectively",
    "was",
    "were",
    "is",
    "are",
    "if",
    "when",
    "because",
    "that",
    "which",
    "said",
];

/// Where the verb of a count stands after the phrase naming its group, `words` opening with a
/// group's lead (`in the SG group and 23 (85%) in the RYGB group achieved`): the first verb of
/// [`COUNT_VERBS`], [`OUTCOME_VERBS`] or `had` within twelve words, with no clause end before
/// it. A verb right after `who` is the group's own (`who received`, `who had surgery`).
fn verb_after_group(words: &[&str]) -> Option<usize> {
    let listed = |word: &str, list: &[&str]| list.iter().any(|w| word.eq_ignore_ascii_case(w));
    if !listed(words.first()?, GROUP_PHRASE_LEADS) {
        return None;
    }
    for (i, raw) in words.iter().enumerate().take(12).skip(1) {
        let word = raw.trim_matches(|c: char| !c.is_alphanumeric());
        let after_who = words[i - 1].eq_ignore_ascii_case("who");
        let verb = listed(word, &["had", "has", "have"]) || listed(word, COUNT_VERBS) || listed(word, OUTCOME_VERBS);
        if verb && !after_who {
            return Some(i);
        }
        if listed(word, GROUP_PHRASE_ENDS) || raw.ends_with([',', ';', ':', '.']) {
            return None;
        }
    }
    None
}

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
    // `22 patients (79%) in the SG group and 23 (85%) in the RYGB group achieved remission`,
    // `65% of women who received X had`: the group's words stand between the count and its verb.
    if let Some(verb_at) = verb_after_group(&all[at..]) {
        at += verb_at;
        people = true;
    }
    let first = all.get(at)?.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    let tail = all[at..].join(" ");
    if people && matches!(first.as_str(), "had" | "has" | "have") || COUNT_VERBS.contains(&first.as_str()) {
        let object = tail.split_once(' ')?.1;
        return phrase_forward(object, &["a", "an", "the", "at", "least", "one", "some", "having"], true);
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
    subject_before(sentence, at, &[" was ", " were "])
}

/// The subject of the last copula or verb of change before `at` in `sentence` ([`subject_of_copula`]
/// with `to be`, `increased`, `decreased`, …): `moderate physical activity level increased
/// significantly by 269.4 minutes (mean between-group difference, 254.6`, `showed the rate of
/// diagnosis to be higher in cases (31%) than controls (3%; difference, 28%`.
/// After `was` or `had` (`was significantly increased`, `had declined`) the verb has no subject
/// of its own, so the copula's is read.
/// A verb of change with an object after it (`Riociguat decreased pulmonary vascular resistance
/// (PVR) in … (n=72; −131`) has the treatment as its subject: the object is the outcome.
pub fn subject_of_change(sentence: &str, at: usize) -> Option<String> {
    let verbs = [" was ", " were ", " to be ", " increased ", " decreased ", " improved ", " declined "];
    let head = sentence.get(..at)?;
    let active = [" increased ", " decreased ", " improved ", " reduced ", " lowered "];
    let last_verb = verbs.iter().filter_map(|v| head.rfind(v)).max();
    let transitive = active.iter().filter_map(|v| head.rfind(v).map(|i| i + v.len())).max();
    if let Some(object_at) = transitive.filter(|&end| last_verb.is_none_or(|v| end > v)) {
        let preceded = head[..object_at].trim_end().rsplit(' ').nth(1).map(str::to_lowercase);
        let passive =
            preceded.is_some_and(|w| matches!(w.as_str(), "was" | "were" | "be" | "been" | "had" | "has" | "have"));
        let next = head[object_at..].split_whitespace().next().unwrap_or("");
        let lower = next.to_lowercase();
        let object = phrase_word(next, false).is_some() && !JOINERS.contains(&lower.as_str()) && !lower.ends_with("ly");
        if !passive && object {
            return phrase_after(head, object_at);
        }
    }
    subject_before(sentence, at, &verbs).or_else(|| subject_of_copula(sentence, at))
}

/// The outcome after `likely to` before `at` in `sentence`, with no number between (`were 5.45
/// times more likely to respond to intervention than those with … (OR`): up to a comparison,
/// a group or a bracket.
pub fn likely_outcome(sentence: &str, at: usize) -> Option<String> {
    let head = sentence.get(..at)?;
    let from = head.rfind("likely to ")? + "likely to ".len();
    let rest = &head[from..];
    // After a colon the outcomes are listed one by one (`more likely to support all policies:
    // providing naloxone … (OR`).
    if rest.contains(|c: char| c.is_ascii_digit() || matches!(c, ';' | ':' | ')' | ']')) {
        return None;
    }
    let mut taken: Vec<&str> = Vec::new();
    for raw in rest.split_whitespace() {
        let word = raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '/');
        let lower = word.to_lowercase();
        if taken.is_empty() && lower == "be" {
            continue;
        }
        if word.is_empty() || raw.starts_with(['(', '[']) || LIKELY_ENDS.contains(&lower.as_str()) || taken.len() == 8 {
            break;
        }
        taken.push(word);
        if raw.ends_with([',', ':']) {
            break;
        }
    }
    tidy(taken)
}

/// Words that end the outcome after `likely to`: a comparison, a group, a time.
const LIKELY_ENDS: &[&str] = &[
    "than", "compared", "versus", "vs", "as", "among", "with", "in", "at", "during", "after", "within", "when", "if",
    "relative", "for", "by",
];

/// The subject of the last of `verbs` (with their spaces) before `at` in `sentence`.
fn subject_before(sentence: &str, at: usize, verbs: &[&str]) -> Option<String> {
    let head = sentence.get(..at)?;
    let copula = verbs.iter().filter_map(|c| head.rfind(c)).max()?;
    let mut subject = head[..copula].trim_end();
    loop {
        let before = subject.len();
        if subject.ends_with(')') {
            if let Some(open) = subject.rfind('(') {
                subject = subject[..open].trim_end();
            }
        }
        // `The early discontinuation rates, mainly from serious infections, were`: an aside
        // between commas.
        if let Some(aside) = subject.strip_suffix(',') {
            subject = aside.rfind(',').map_or(aside, |comma| &aside[..comma]).trim_end();
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
    let all = last_words(text, 5);
    // The lead word is one of the last five; the words after it hold a number and a time unit.
    for lead_at in (all.len().saturating_sub(5)..all.len().saturating_sub(1)).rev() {
        let (start, end) = all[lead_at];
        let lead = text[start..end].to_lowercase();
        // Only these words lead a time point: after any other, neither test below holds.
        let leads = ["at", "by", "after", "within", "over", "during", "in", "for", "throughout", "until"];
        if !leads.contains(&lead.as_str()) {
            continue;
        }
        let time_words = all[lead_at + 1..].iter().map(|&(a, b)| &text[a..b]);
        let has_number = time_words.clone().any(|w| w.chars().any(|c| c.is_ascii_digit()));
        let has_unit = time_words.clone().any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
            crate::grammar::time_unit(&w).is_ok_and(|(rest, _)| rest.is_empty())
        });
        if has_number
            && has_unit
            && matches!(lead.as_str(), "at" | "by" | "after" | "within" | "over" | "during" | "in" | "for")
        {
            return text[..start].trim_end();
        }
        // `at postintervention`, `over the monitoring period`, `at the end of treatment`.
        let has_time_noun = time_words.clone().any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-').to_lowercase();
            TIME_NOUNS.contains(&w.as_str())
        });
        // `at sixth month`: a unit with an ordinal.
        if (has_time_noun || has_unit)
            && matches!(lead.as_str(), "at" | "after" | "over" | "during" | "throughout" | "until")
        {
            return text[..start].trim_end();
        }
        // `in the past year`, `within the previous month`: a unit counted back from now.
        let counted_back = time_words
            .clone()
            .any(|w| matches!(w.to_lowercase().as_str(), "past" | "last" | "previous" | "preceding" | "prior"));
        if has_unit && counted_back && matches!(lead.as_str(), "in" | "within" | "during" | "over") {
            return text[..start].trim_end();
        }
    }
    text
}

/// Nouns of a moment or a period of a trial, which a time point names without a number.
const TIME_NOUNS: &[&str] = &[
    "postintervention",
    "post-intervention",
    "posttreatment",
    "post-treatment",
    "posttest",
    "post-test",
    "follow-up",
    "followup",
    "baseline",
    "period",
    "end",
    "discharge",
    "visit",
    "term",
];

/// The phrase before `at` that can be an estimate's outcome: not one after `with`, `than`,
/// `versus`, `among`, `between`, `received`, … which names a group or a modifier (`than with
/// vehicle [69.5% vs. 34.6%; OR`, `an association was seen with non-βb therapy (OR`).
pub fn outcome_before(text: &str, at: usize) -> Option<String> {
    phrase_not_led_by(text, at, GROUP_LEADS)
}

/// The phrase before `at` ([`phrase_before`]) unless the word right before it is one of
/// `leads` (lower case), words after which the phrase names a group, not an outcome.
/// A determiner between a group's lead and its name (`with their partners`, `in the RA+ group`)
/// is skipped, except after `associated with`, whose phrase is the outcome. A phrase right after
/// a value, or after a value and `in`, `with`, `for` or `on`, names that value's group (`26/182
/// [14%] without enema; RR`, `66% in DEF, OR`, `£135 for lay-trainers (mean difference`).
pub fn phrase_not_led_by(text: &str, at: usize, leads: &[&str]) -> Option<String> {
    let head = text.get(..at)?.trim_end().trim_end_matches(['(', '[', ',', ':', ';']).trim_end();
    let head = without_time_point(head);
    let phrase = phrase_before(head, head.len())?;
    let mut before = head.strip_suffix(phrase.as_str()).unwrap_or("").split_whitespace().rev().map(str::to_lowercase);
    let mut lead = before.next();
    if lead.as_deref().is_some_and(|w| DETERMINERS.contains(&w)) {
        lead = before.next();
    }
    let associated = lead.as_deref() == Some("with") && before.clone().next().is_some_and(|w| w == "associated");
    let of_a_group = lead.as_deref().is_some_and(|w| leads.contains(&w)) && !associated;
    // After a value, only a group's preposition makes the phrase a group's (`[14%] without
    // enema`): a phrase right after a value may be the next item of a list (`2.0%), strength (`).
    let group_word = |w: &str| matches!(w, "in" | "with" | "without" | "for" | "on");
    let after_value = match lead.as_deref() {
        Some(w) if group_word(w) => before.next().is_some_and(|w| is_value(&w)),
        Some(w) => {
            is_value(w) && phrase.split_whitespace().next().is_some_and(|first| group_word(&first.to_lowercase()))
        }
        None => false,
    };
    (!of_a_group && !after_value).then_some(phrase)
}

/// Words between a group's lead and its name.
const DETERMINERS: &[&str] = &["the", "their", "its", "his", "her", "a", "an"];

/// Whether a word is a value one group had: a percentage, a count (`26/182`) or a sum (`£135`),
/// maybe in brackets or with a comma after it (`[14%]`, `66%,`); a plain number may be an
/// earlier estimate's bound (`0.73 to 2.86, TIMI major HR`).
fn is_value(word: &str) -> bool {
    let bare = word.trim_matches(|c: char| matches!(c, '(' | ')' | '[' | ']' | ',' | ';'));
    let digits = bare.chars().filter(char::is_ascii_digit).count();
    digits > 0
        && bare.contains(['%', '/', '£', '$', '€'])
        && bare.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | '·' | '/' | '%' | '£' | '$' | '€' | ','))
}

/// The outcome a difference changes `by` the estimate: `lowered blood pressure by 1.93 mmHg`,
/// `increased their physical activity by 918 steps/day`.
pub fn changed_by(sentence: &str, at: usize) -> Option<String> {
    let head = sentence.get(..at)?.trim_end();
    let head = head.strip_suffix(" by").or_else(|| head.strip_suffix(" by an average of"))?;
    // `increased by 17.7 points (…) at sixth month and by 31.0`: the words right before `by`
    // must be the outcome's own, not a list's joiner or a time.
    let last = head.split_whitespace().next_back()?;
    let phrase = outcome_before(head, head.len())?;
    phrase.ends_with(last.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')).then_some(phrase)
}

/// The outcome of the bracket holding `at` in `sentence`: the label that opens the bracket or
/// the stretch of it before `at` (`(ORR: 64.3 vs. 33.3%; OR = 5.31`, `(mean blood loss, 513 vs.
/// 478 g; MD = 35.2`), else the phrase right before the bracket (`sleep duration (difference =
/// 7.5%`, `fewer complications occurred: 44 vs. 92 (IRR 0.41`).
pub fn bracket_phrase(sentence: &str, at: usize) -> Option<String> {
    let head = sentence.get(..at)?;
    let mut depth = 0usize;
    let mut open = None;
    for (i, c) in head.char_indices().rev() {
        match c {
            ')' | ']' => depth += 1,
            '(' | '[' if depth > 0 => depth -= 1,
            '(' | '[' => {
                open = Some(i);
                break;
            }
            _ => {}
        }
    }
    let open = open?;
    let inside = &head[open + 1..];
    // The stretches of the bracket, nearest `at` first: a label ends at a colon, or at a comma
    // when it opens the bracket, with no number before it; what follows it is the estimate or
    // the groups' values compared (`vs`), not one group's value (`Gla-300: 2.3%; Gla-100: 2.6%`).
    let stretches: Vec<&str> = inside.split(';').collect();
    let label = stretches.iter().enumerate().rev().find_map(|(index, stretch)| {
        let end = stretch.find(':').or_else(|| (index == 0).then(|| stretch.find(',')).flatten())?;
        let label = stretch[..end].trim();
        let rest = stretch[end + 1..].trim();
        let compared = rest.is_empty() || rest.contains(" vs") || rest.contains(" versus ");
        let plain = !label.is_empty() && !label.contains(|c: char| c.is_ascii_digit() || "([=<>".contains(c));
        (plain && compared).then(|| phrase_before(label, label.len())).flatten()
    });
    // `treated with AL after 28 d (1.9% versus 8.9%; RD`, `those who received X (21% vs 3%`:
    // after a group's lead the phrase names a group.
    label.or_else(|| outcome_before(head, open))
}

/// The outcome of the last change named before `at` in `sentence` with no number between
/// them but the estimate's own bracket: `was associated with a reduction in the hospital stay,
/// as compared with placebo (difference, -6.7 days`.
pub fn change_phrase(sentence: &str, at: usize) -> Option<String> {
    let head = sentence.get(..at)?;
    let all = words(head);
    let cue = all.windows(2).rposition(|pair| {
        let noun = head[pair[0].0..pair[0].1].to_lowercase();
        CHANGES.contains(&noun.as_str()) && matches!(&head[pair[1].0..pair[1].1], "in" | "of")
    })?;
    let from = all[cue].0;
    let bracket = head.rfind(['(', '[']).filter(|&open| open > from).unwrap_or(head.len());
    if head[from..bracket].contains(|c: char| c.is_ascii_digit()) {
        return None;
    }
    phrase_forward(&head[from..bracket], &[], true)
}

/// Whether a phrase names a group, a comparison or only a unit rather than an outcome: it ends
/// in a group noun (`usual care group`) or a kind of control (`attention control`), opens with a
/// comparative (`superior to NRT`), or is all units (`mm Hg`).
pub fn names_no_outcome(phrase: &str) -> bool {
    let words: Vec<String> = phrase
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '/').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    let (Some(first), Some(last)) = (words.first(), words.last()) else { return false };
    // `adjusting for baseline covariates`: what an estimate is adjusted for.
    let adjustment = matches!(first.as_str(), "adjusting" | "adjusted" | "controlling") && words.len() > 1;
    let before_last = words.len().checked_sub(2).map(|i| words[i].as_str());
    let a_control =
        matches!(last.as_str(), "control" | "controls") && before_last.is_some_and(|w| CONTROL_KINDS.contains(&w));
    // `ITT`, `other approaches to missing data`, `fat T1`: an analysis or a time point's label.
    let analysis = ANALYSIS_ENDS.contains(&last.as_str()) || names_a_test(last);
    let time_label =
        (2..=3).contains(&last.len()) && last.starts_with('t') && last[1..].chars().all(|c| c.is_ascii_digit());
    let only_time = words.iter().all(|w| TIME_NOUNS.contains(&w.as_str()) || w.starts_with("post"));
    GROUP_ENDS.contains(&last.as_str())
        || analysis
        || time_label
        || only_time
        || adjustment
        || words.iter().all(|w| QUALIFIERS.contains(&w.as_str()))
        || a_control
        || COMPARATIVES.contains(&first.as_str()) && words.get(1).is_some_and(|w| w == "to")
        || words.iter().all(|w| UNITS.contains(&w.as_str()))
}

/// Words that qualify an estimate, not its outcome: `estimated`, `clinically relevant`, `trend`.
const QUALIFIERS: &[&str] = &[
    "estimated",
    "adjusted",
    "clinically",
    "relevant",
    "important",
    "meaningful",
    "significant",
    "statistically",
    "trend",
    "time",
    "overall",
    "observed",
    "areas",
    "mean",
    "difference",
    "effect",
    "treatment",
];

/// Last words of the name of an analysis or a data set.
const ANALYSIS_ENDS: &[&str] = &[
    "analyses",
    "data",
    "imputation",
    "approach",
    "approaches",
    "method",
    "methods",
    "ancova",
    "itt",
    "intent-to-treat",
    "intention-to-treat",
    "population",
];

/// Nouns that end the name of a group.
const GROUP_ENDS: &[&str] = &[
    "group",
    "groups",
    "subgroup",
    "subgroups",
    "arm",
    "arms",
    "cohort",
    "cohorts",
    "areas",
    "communities",
    "clusters",
    "villages",
    "districts",
    "wards",
];

/// Words that make the `control` after them a group: `attention control`, `wait-list control`.
const CONTROL_KINDS: &[&str] =
    &["attention", "waitlist", "wait-list", "usual", "sham", "placebo", "active", "no-treatment", "untreated"];

/// Comparatives that with `to` compare groups: `superior to NRT`, `similar to placebo`.
const COMPARATIVES: &[&str] =
    &["superior", "inferior", "non-inferior", "noninferior", "similar", "equivalent", "comparable", "compared"];

/// Units a value is written in, which alone name no outcome.
const UNITS: &[&str] = &[
    "mm", "hg", "mmhg", "cm", "kg", "g", "mg", "mg/dl", "mmol/l", "ml", "l", "ml/min", "bpm", "points", "point",
    "units", "min", "s",
];

/// Words after which the phrase before a bracket names a group, not an outcome.
const GROUP_LEADS: &[&str] = &[
    "with",
    "than",
    "versus",
    "vs",
    "vs.",
    "among",
    "between",
    "received",
    "receiving",
    "given",
    "allocated",
    "assigned",
    "randomized",
    "randomised",
];

/// The subject of the clause holding `at`: the words from the clause start up to its first
/// boundary word (`Mortality was lower (HR …)`, `the odds of remission were higher`).
pub fn clause_subject(text: &str, clause_start: usize, at: usize) -> Option<String> {
    let clause = text.get(clause_start..at)?;
    let from = clause.rfind([',', ';', ':']).map_or(0, |p| p + 1);
    phrase_forward(&clause[from..], &["the", "a", "an", "in", "overall", "also"], false)
}

/// Whether `between`, the text between an outcome's name and an estimate, holds a closed
/// bracket with a number: an earlier value, to which that name belongs (`the risk of death [RR
/// 0.69 (0.35 to 1.39)] and the risk of unfavourable outcome [RR 0.76`).
pub fn holds_a_value(between: &str) -> bool {
    let mut open: Vec<usize> = Vec::new();
    for (i, c) in between.char_indices() {
        match c {
            '(' | '[' => open.push(i),
            ')' | ']' => {
                if let Some(from) = open.pop() {
                    if between[from..i].contains(|c: char| c.is_ascii_digit()) {
                        return true;
                    }
                }
            }
            _ => {}
        }
    }
    false
}

/// Small words a name may hold that its abbreviation leaves out (`quality of life (QL)`).
const UNABBREVIATED: &[&str] = &["of", "and", "the", "to", "in", "for", "on", "at"];

/// An endpoint that is only an abbreviation, spelled out as the abstract defines it:
/// `PWV` becomes `pulse wave velocity (PWV)` where the text writes `pulse wave velocity (PWV)`.
/// The name is the words right before the bracketed abbreviation whose initials (each part of a
/// hyphenated word counting) spell its letters in order; `None` when the text defines it
/// nowhere so.
pub fn spelled_out(text: &str, endpoint: &str) -> Option<String> {
    let is_abbreviation = endpoint.chars().all(|c| c.is_alphanumeric() || c == '-')
        && endpoint.chars().filter(|c| c.is_uppercase()).count() >= 2;
    if !is_abbreviation {
        return None;
    }
    let letters: Vec<char> = endpoint.chars().filter(|c| c.is_alphabetic()).flat_map(char::to_lowercase).collect();
    for open in ['(', '['] {
        let needle = format!("{open}{endpoint}");
        for (at, _) in text.match_indices(&needle) {
            let closes = text[at + needle.len()..].starts_with([')', ']', ';', ',']);
            if let Some(start) = closes.then(|| name_start(&text[..at], &letters)).flatten() {
                return Some(format!("{} ({endpoint})", text[start..at].trim_end()));
            }
        }
    }
    None
}

/// Where the name whose initials spell `letters` starts, in the words ending `head`.
fn name_start(head: &str, letters: &[char]) -> Option<usize> {
    let mut pending = letters.len();
    for (from, to) in last_words(head, letters.len() * 2).into_iter().rev() {
        let word = &head[from..to];
        if word.ends_with([',', ';', ':', '.', ')', ']']) && to != head.trim_end().len() {
            return None;
        }
        for part in word.split('-').rev() {
            let initial = part.chars().next().and_then(|c| c.to_lowercase().next());
            if pending > 0 && initial == Some(letters[pending - 1]) {
                pending -= 1;
                if pending == 0 {
                    // `out-of-hospital cardiac arrest (OHCA)`: the whole first word is the name's.
                    return Some(from);
                }
            } else if !UNABBREVIATED.contains(&part.to_lowercase().as_str()) {
                return None;
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_abbreviation_is_spelled_out_as_the_text_defines_it() {
        let text = "We measured arterial stiffness as pulse wave velocity (PWV) and the event-free time [EFT].";
        assert_eq!(spelled_out(text, "PWV").as_deref(), Some("pulse wave velocity (PWV)"));
        assert_eq!(spelled_out(text, "EFT").as_deref(), Some("event-free time (EFT)"));
        assert_eq!(
            spelled_out("an out-of-hospital cardiac arrest (OHCA)", "OHCA").as_deref(),
            Some("out-of-hospital cardiac arrest (OHCA)")
        );
        assert_eq!(
            spelled_out("health-related quality of life (HRQoL)", "HRQoL").as_deref(),
            Some("health-related quality of life (HRQoL)")
        );
        assert_eq!(spelled_out("the total score (TS) was", "PWV"), None);
        assert_eq!(spelled_out("was measured with a new tool (PWV)", "PWV"), None);
        assert_eq!(spelled_out(text, "velocity"), None);
    }

    #[test]
    fn last_words_are_the_tail_of_words() {
        for text in ["", " ", "one", " one  two\tthree ", "a b c d e f g h", "  μ-x  ±2 é ", "x\u{2009}y z"] {
            let all = words(text);
            for n in 1..10 {
                assert_eq!(last_words(text, n), all[all.len().saturating_sub(n)..], "{text:?} {n}");
            }
        }
    }

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
        assert_eq!(phrase_after(s, s.find("2-year").unwrap()).as_deref(), Some("2-year reversion of MetS"));
        // Names of letters holding a short number are words of the outcome.
        let s = "a greater fall in HbA1c (MD";
        assert_eq!(phrase_before(s, s.find("(MD").unwrap()).as_deref(), Some("HbA1c"));
        let s = "scores on the EQ-5D and SF-36 (MD";
        assert_eq!(phrase_before(s, s.find("(MD").unwrap()).as_deref(), Some("EQ-5D and SF-36"));
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
        assert_eq!(without_time_point("had flu vaccinations in the past year"), "had flu vaccinations");
        assert_eq!(without_time_point("falls within the previous 6 months"), "falls");
    }

    #[test]
    fn subjects_of_a_verb_of_change_or_of_to_be() {
        let s = "The analysis showed that mean grip strength increased by 3.1 kg in A (difference, 2.2";
        assert_eq!(subject_of_change(s, s.find("2.2").unwrap()).as_deref(), Some("mean grip strength"));
        let s = "We found the rate of healing to be higher in A (40%) than in B (20%; difference, 20%";
        assert_eq!(subject_of_change(s, s.find("20%;").unwrap()).as_deref(), Some("rate of healing"));
        // After `was` or `had` the verb has no subject of its own: the copula's is read.
        let s = "Serum ferritin levels were decreased in A as compared to B (difference -12";
        assert_eq!(subject_of_change(s, s.find("-12").unwrap()).as_deref(), Some("Serum ferritin levels"));
        let s = "The pain score was stable in A and had declined in B; the difference was 1.4";
        assert_eq!(subject_of_change(s, s.find("1.4").unwrap()), None);
        let s = "The pain score was stable in A and had declined in B, with a difference of 1.4";
        assert_eq!(subject_of_change(s, s.find("1.4").unwrap()).as_deref(), Some("pain score"));
        // A verb of change with an object: the subject is the treatment, the object the outcome.
        let s = "Drug X decreased airway resistance (AR) in older (n=50; -131";
        assert_eq!(subject_of_change(s, s.find("-131").unwrap()).as_deref(), Some("airway resistance"));
        let s = "Mean blood flow increased from 0.2 units with A to 0.5 units with B, a difference of 0.3";
        assert_eq!(subject_of_change(s, s.find("0.3").unwrap()).as_deref(), Some("Mean blood flow"));
    }

    #[test]
    fn outcomes_after_likely_to() {
        let s = "Treated patients were 3.1 times more likely to regain walking than those with sham (OR";
        assert_eq!(likely_outcome(s, s.len()).as_deref(), Some("regain walking"));
        let s = "Pupils were more likely to be regular swimmers compared with controls (OR";
        assert_eq!(likely_outcome(s, s.len()).as_deref(), Some("regular swimmers"));
        // A number or a colon between: the estimate is of a later item of a list.
        let s = "were more likely to walk (OR 2.1), cycle (OR";
        assert_eq!(likely_outcome(s, s.len()), None);
        let s = "were more likely to endorse both items: wearing helmets (OR";
        assert_eq!(likely_outcome(s, s.len()), None);
    }

    #[test]
    fn an_earlier_bracketed_value_takes_the_name_before_it() {
        assert!(holds_a_value(" of falls [RR 0.71 (0.5 to 0.9)] and the risk of fractures ["));
        assert!(!holds_a_value(" (FS) was longer ("));
        assert!(!holds_a_value(" was 12 months in A and 9 months in B ("));
    }

    #[test]
    fn outcomes_of_the_bracket_holding_an_estimate() {
        let read = |s: &str, at: &str| bracket_phrase(s, s.find(at).unwrap());
        let s = "trends favouring the valerian group for sleep duration (difference = 7.5%, 95% CI -1.0 to 16.1)";
        assert_eq!(read(s, "7.5").as_deref(), Some("sleep duration"));
        let s = "better outcomes (PFR: 71.0 vs. 40.2%; OR = 3.1, 95% CI 1.2-8.0; NRS: 12 vs. 9%; OR = 1.4)";
        assert_eq!(read(s, "OR = 3.1").as_deref(), Some("PFR"));
        assert_eq!(read(s, "OR = 1.4").as_deref(), Some("NRS"));
        let s = "was not reduced (mean blood loss, 513.3 vs. 478.1 g, respectively; MD = 35.2 g)";
        assert_eq!(read(s, "MD").as_deref(), Some("mean blood loss"));
        let s = "and gait speed at 6 months (12 mo: difference -1.0, 95% CI -4.9 to 3.0)";
        assert_eq!(read(s, "-1.0").as_deref(), Some("gait speed"));
        // A group's own value is no label; a group after `with` or `than` is no outcome.
        let s = "lower with drug B (Drug A: 2.3%; Drug B: 2.6%; OR 0.9)";
        assert_eq!(read(s, "OR"), None);
        let s = "was more frequent than with vehicle [69.5% vs. 34.6%; OR 4.9]";
        assert_eq!(read(s, "OR"), None);
        assert_eq!(bracket_phrase("no bracket HR 0.5", 11), None);
    }

    #[test]
    fn outcomes_of_a_change() {
        let s =
            "X was associated with a reduction in the hospital stay, as compared with placebo (difference, -6.7 days";
        assert_eq!(change_phrase(s, s.find("-6.7").unwrap()).as_deref(), Some("reduction in hospital stay"));
        let s = "The difference in the risk of falls was not significant (RR 1.28";
        assert_eq!(clause_subject(s, 0, s.find("(RR").unwrap()).as_deref(), Some("risk of falls"));
        let s = "Reductions in BDI-II scores were greater in the CBT group (difference 3.6 points";
        assert_eq!(clause_subject(s, 0, s.find("(diff").unwrap()).as_deref(), Some("Reductions in BDI-II scores"));
        // A number between the change and the estimate: the change is another estimate's.
        let s = "a reduction in pain of 12 points and in the PT group 3 points (difference 9";
        assert_eq!(change_phrase(s, s.find("9").unwrap()), None);
    }

    #[test]
    fn words_of_reference_and_analysis_sets_are_no_outcome() {
        assert_eq!(clause_subject("medium effect (d = 0.63)", 0, 14), None);
        assert_eq!(phrase_before("while the corresponding OR was", 26), None);
        assert_eq!(phrase_before("in the intention to treat analysis (", 34), None);
        assert_eq!(phrase_before("no difference in improvement (", 28), None);
        assert_eq!(phrase_before("HCV RNA (difference of means =", 29), None);
        let s = "the incidence rate of a low cardiac output episode in the X arm was";
        assert_eq!(clause_subject(s, 0, s.len()).as_deref(), Some("incidence rate of low cardiac output"));
        let s = "The early discontinuation rates, mainly from infections, were higher (RD 16.9";
        assert_eq!(subject_of_copula(s, s.find("16.9").unwrap()).as_deref(), Some("early discontinuation rates"));
    }

    #[test]
    fn outcomes_changed_by_a_difference() {
        let read = |s: &str, at: &str| changed_by(s, s.find(at).unwrap());
        let s = "the care model effectively lowered blood pressure by 1.93 mmHg (95% CI 0.06-3.8)";
        assert_eq!(read(s, "1.93").as_deref(), Some("blood pressure"));
        let s = "The intervention group increased their physical activity by 918 steps/day";
        assert_eq!(read(s, "918").as_deref(), Some("physical activity"));
        // The second of a list: the words before `by` are a time and a joiner.
        let s = "use was increased by 17.7 points (95% CI 9.7-25.6) at sixth month and by 31.0 points";
        assert_eq!(read(s, "31.0"), None);
        assert_eq!(read("pain fell (difference 3.3", "3.3"), None);
    }

    #[test]
    fn phrases_of_a_group_or_a_time_are_no_outcome() {
        let read = |s: &str| outcome_before(s, s.len());
        assert_eq!(read("an association was seen with non-steroidal therapy ("), None);
        assert_eq!(read("was reduced if allocated buprenorphine ("), None);
        assert_eq!(
            read("the odds of remission of suicidal ideation at postintervention (").as_deref(),
            Some("remission of suicidal ideation")
        );
        assert_eq!(
            read("no difference in mean adherence over the monitoring period (").as_deref(),
            Some("mean adherence")
        );
        assert_eq!(read("recovered from shock significantly faster ("), None);
        assert_eq!(read("The HR was significant for men ("), None);
        // The group after a value, or after a determiner.
        assert_eq!(read("12/80 [15%] with splint v 20/81 [25%] without splint; "), None);
        assert_eq!(read("(30% in ABC vs. 45% in DEF, "), None);
        assert_eq!(read("£120 for volunteers ("), None);
        assert_eq!(read("were more able to discuss it with their doctors ("), None);
        assert_eq!(read("was associated with the composite outcome (").as_deref(), Some("composite outcome"));
        // A list's next item after a value is an outcome.
        assert_eq!(read("speed (A = 3.1%; B = 2.0%), grip strength (").as_deref(), Some("grip strength"));
        assert_eq!(read("risk 0.73 to 2.86, TIMI major ").as_deref(), Some("TIMI major"));
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
        // The group's words between the count and its verb.
        let two = "14 patients (30%) in arm A and 20 patients (41%) in arm B developed severe nausea";
        assert_eq!(read(two).as_deref(), Some("severe nausea"));
        assert_eq!(
            read("65% of participants who received the gel had a local reaction").as_deref(),
            Some("local reaction")
        );
        assert_eq!(read("3 patients in the X group died").as_deref(), Some("died"));
        assert_eq!(read("5 patients in the X group developed side effects").as_deref(), Some("side effects"));
        assert_eq!(read("9% in the X group said that their parents had talked"), None);
        assert_eq!(read("11 patients in the X group were lost to follow-up"), None);
    }

    #[test]
    fn groups_comparisons_and_units_name_no_outcome() {
        assert!(names_no_outcome("attention control"));
        assert!(names_no_outcome("the usual care group"));
        assert!(names_no_outcome("superior to nicotine patch"));
        assert!(names_no_outcome("mm Hg"));
        assert!(names_no_outcome("other approaches to missing data"));
        assert!(names_no_outcome("fat T1"));
        assert!(names_no_outcome("postassessment"));
        assert!(names_no_outcome("adjusting for baseline covariates"));
        assert!(names_no_outcome("clinically relevant"));
        assert!(names_no_outcome("estimated mean"));
        assert!(!names_no_outcome("time to relapse"));
        assert!(!names_no_outcome("T2 lesions"));
        assert!(!names_no_outcome("glycaemic control"));
        assert!(!names_no_outcome("time to tracheal extubation"));
        assert!(!names_no_outcome("systolic blood pressure mm Hg"));
        assert!(!names_no_outcome(""));
        assert!(names_no_outcome("the control villages"));
    }
}
