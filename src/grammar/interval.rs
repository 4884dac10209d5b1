//! Confidence intervals, parsed in this one place for every finder: the label (`95% CI`), the
//! bounds (`0.38 to 0.88`), and the whole interval as written after an estimate
//! ([`ci_after_estimate`], for effects) or after a value of a series ([`ci_after_value`], for
//! survival rates and medians).
//!
//! The two entry points accept different neighbourhoods on purpose. After an effect estimate
//! the CI may be opened by `,`, `;` or `:` as well as a bracket, may follow its p-value, and
//! carries the p-value written inside its bracket; a bare comma between bounds is read only
//! when the interval is labelled or its bracket closes right after. After a series value
//! (`56.9% (95% CI …)`), a CI is a bracket or a comma with a label, and whatever else the
//! bracket holds (`; p=0.004`) is skipped to its end. Both read labels with [`ci_label`] and
//! bounds with [`interval`].
//!
//! Labels read since issue 13: the level after the name (`CI 95%, 1.2–3.4`) and `Cl` for `CI`
//! after a level (`95% Cl`); not read yet: `per cent c.i.`.

use nom::branch::alt;
use nom::bytes::complete::{tag, tag_no_case, take_while};
use nom::character::complete::{char, one_of};
use nom::combinator::{map, map_opt, not, opt, peek, recognize, value};
use nom::sequence::{delimited, pair, preceded, terminated, tuple};

use super::number::{decimal, unsigned_decimal, ws, ws1};
use super::pvalue::{p_value, PValue};
use super::{consumed, PResult};
use crate::model::Num;

/// The two bounds of a confidence interval.
#[derive(Debug, Clone, PartialEq)]
pub struct Interval {
    /// The lower bound as written.
    pub lower: Num,
    /// The upper bound as written.
    pub upper: Num,
}

/// A confidence interval as written after a value: its bounds and what came with them.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfidenceInterval {
    /// The two bounds.
    pub bounds: Interval,
    /// The level its label gives (`95% CI` → 95), when the label has one.
    pub level: Option<Num>,
    /// Whether a label (`CI`, `95% CI`) was written with the bounds.
    pub labelled: bool,
    /// What opened it: `(`, `[`, `,`, `;` or `:` (none for a label without punctuation).
    pub opener: Option<char>,
    /// The p-value written with it (before the bounds or inside its bracket).
    pub p: Option<PValue>,
}

/// The name of an interval: `CI`, `C.I.` (or `C.I`), `confidence interval`, `credible interval`, `CrI`,
/// `confidence limits`, `uncertainty interval`, `UI`.
fn interval_name(input: &str) -> PResult<'_, &str> {
    terminated(
        alt((
            recognize(tuple((
                alt((
                    tag_no_case("confidence"),
                    tag_no_case("credible"),
                    tag_no_case("credibility"),
                    tag_no_case("uncertainty"),
                )),
                ws1,
                alt((tag_no_case("intervals"), tag_no_case("interval"), tag_no_case("limits"), tag_no_case("limit"))),
            ))),
            tag_no_case("C.I."),
            tag_no_case("C.I"),
            tag("CIs"),
            tag("CI"),
            tag("CrI"),
            tag("UI"),
            tag("CL"),
        )),
        not(peek(nom::character::complete::satisfy(|c| c.is_ascii_alphanumeric()))),
    )(input)
}

/// An abbreviation in brackets after the name: ` [CI]`, ` (CI)`.
fn bracketed_abbreviation(input: &str) -> PResult<'_, &str> {
    preceded(ws, alt((delimited(char('['), interval_name, char(']')), delimited(char('('), interval_name, char(')')))))(
        input,
    )
}

/// A level before an interval's name: `95% `, `95 %`, `95 percent `.
fn level_before_name(input: &str) -> PResult<'_, Num> {
    let level = terminated(decimal, tuple((ws, char('%'), ws)));
    let level_word = terminated(decimal, tuple((ws, alt((tag("percent"), tag("per cent"))), ws1)));
    alt((level, level_word))(input)
}

/// A level written after the name, before the bounds: ` 95%` of `CI 95% 0.13 to 0.83`. Only
/// 90, 95 or 99 not joined to a second bound is a level (`CI 95%-99%` is bounds).
fn level_after_name(input: &str) -> PResult<'_, Num> {
    let (rest, level) = preceded(ws1, terminated(decimal, pair(ws, char('%'))))(input)?;
    let bound_follows = rest.starts_with(['-', '–', '−']) || rest.trim_start().starts_with("to ");
    if !matches!(level.value, 90.0 | 95.0 | 99.0) || bound_follows {
        return Err(nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Verify)));
    }
    Ok((rest, level))
}

/// `Cl` (a letter l) for `CI` after a level: `95% Cl 0.37-0.84`, and `IC` (intervalle de
/// confiance, intervalo de confianza): `95% IC: 0.76–1.46`; without a level they are chlorine
/// and an inspiratory capacity.
fn cl_with_level(input: &str) -> PResult<'_, (Option<Num>, &str)> {
    pair(
        map(level_before_name, Some),
        terminated(
            alt((tag("Cl"), tag("IC"))),
            not(peek(nom::character::complete::satisfy(|c| c.is_ascii_alphanumeric()))),
        ),
    )(input)
}

/// A confidence-interval label with its level: `95% CI`, `95 % confidence interval [CI]`,
/// `95%CI`, `95 percent CI`, `95% Cl`, `CI 95%`, `CI` (no level); returns the level when written.
pub fn ci_label(input: &str) -> PResult<'_, Option<Num>> {
    if !may_start_label(input.as_bytes()) {
        return Err(nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Tag)));
    }
    // `2-sided 90% CI`, `one-sided 95% CI` (number words are digits after normalising).
    let sided = tuple((one_of("12"), one_of("- "), tag_no_case("sided"), ws1));
    let labelled = alt((pair(opt(level_before_name), interval_name), cl_with_level));
    let (rest, (level, _)) = terminated(preceded(opt(sided), labelled), opt(bracketed_abbreviation))(input)?;
    // A level after the name starts with a 9 (90, 95 or 99): a cheap test before the parse.
    if !rest.trim_start().starts_with('9') {
        return Ok((rest, level));
    }
    match (&level, level_after_name(rest)) {
        (None, Ok((after, level))) => return Ok((after, Some(level))),
        // `95% CI 95% 0.76 to 1.66`: the level written twice.
        (Some(first), Ok((after, again))) if again.value == first.value => return Ok((after, level)),
        _ => {}
    }
    Ok((rest, level))
}

/// Whether a CI label can start at `input`, read byte by byte before the costlier parse (most
/// calls are at percentages): after an optional `1-sided ` and an optional level (digits, then
/// `%`, `percent` or `per cent`), a name's first letter (`C`, `c`, `U`, `u`, or the `I` of
/// `IC`). It may say yes where [`ci_label`] then fails, never no where it would succeed.
fn may_start_label(input: &[u8]) -> bool {
    let spaces = |bytes: &[u8]| bytes.iter().take_while(|&&b| b == b' ').count();
    let mut rest = input;
    if let [b'1' | b'2', b'-' | b' ', after @ ..] = rest {
        if after.len() >= 5 && after[..5].eq_ignore_ascii_case(b"sided") {
            rest = &after[5..];
            rest = &rest[spaces(rest)..];
        }
    }
    let number = rest.iter().take_while(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-')).count();
    if number > 0 {
        rest = &rest[number..];
        rest = &rest[spaces(rest)..];
        let Some(after) = [&b"%"[..], b"percent", b"per cent"].iter().find_map(|unit| rest.strip_prefix(*unit)) else {
            return false;
        };
        rest = &after[spaces(after)..];
    }
    matches!(rest.first(), Some(b'C' | b'c' | b'U' | b'u' | b'I'))
}

/// A CI label at the start of `s`, with its level and its length in bytes.
pub fn ci_label_at(s: &str) -> Option<(Option<Num>, usize)> {
    ci_label(s).ok().map(|(rest, level)| (level, consumed(s, rest)))
}

/// Every CI label of `s` that gives a level (`95% CI`, `90 % confidence interval`), with the
/// byte offset where its level starts.
///
/// An interval written without a label takes the level of the label written last before it.
pub fn levelled_ci_labels(s: &str) -> Vec<(usize, Num)> {
    let mut found = Vec::new();
    for (at, _) in s.match_indices('%') {
        let head = s[..at].trim_end();
        let begin = head.len() - head.bytes().rev().take_while(|b| b.is_ascii_digit() || *b == b'.').count();
        if let Ok((_, Some(level))) = ci_label(&s[begin..]) {
            found.push((begin, level));
        } else if let Some(label) = name_before_level(s, begin) {
            // `CI 95% 0.13 to 0.83`: the label starts at its name.
            found.push(label);
        }
    }
    found
}

/// The label whose level is written after its name (`CI 95%`), the level's digits starting at
/// byte `level_at`: where the name starts, and the level.
fn name_before_level(s: &str, level_at: usize) -> Option<(usize, Num)> {
    let head = s[..level_at].trim_end();
    let name_at = ["CI", "C.I.", "confidence interval"]
        .iter()
        .filter(|name| head.len() >= name.len() && head.is_char_boundary(head.len() - name.len()))
        .find(|name| head[head.len() - name.len()..].eq_ignore_ascii_case(name))
        .map(|name| head.len() - name.len())?;
    let starts_word = name_at == 0 || !s.as_bytes()[name_at - 1].is_ascii_alphanumeric();
    let level = ci_label(&s[name_at..]).ok()?.1?;
    starts_word.then_some((name_at, level))
}

/// What separates two bounds: `-`, `to`, `and`, and (when `allow_comma`) `,` or `;`; never `/`,
/// which writes a count of a total (`13/43`).
pub fn interval_separator(allow_comma: bool) -> impl Fn(&str) -> PResult<'_, ()> {
    move |input| {
        let words = delimited(ws, value((), alt((tag("to"), tag("and"), tag("-")))), ws);
        let dash_without_space = value((), pair(ws, char('-')));
        if allow_comma {
            alt((words, dash_without_space, value((), delimited(ws, one_of(",;"), ws))))(input)
        } else {
            alt((words, dash_without_space))(input)
        }
    }
}

/// A unit or percent sign written after a bound: `%`, ` months`, ` mL`, ` mmHg`.
fn bound_suffix(input: &str) -> PResult<'_, ()> {
    value(
        (),
        opt(alt((
            value((), pair(ws, char('%'))),
            bound_unit,
            value(
                (),
                pair(
                    ws1,
                    alt((
                        tag("months"),
                        tag("month"),
                        tag("mo"),
                        tag("weeks"),
                        tag("wk"),
                        tag("years"),
                        tag("yr"),
                        tag("days"),
                        tag("d "),
                    )),
                ),
            ),
        ))),
    )(input)
}

/// Units of measurement a difference's bounds may carry: ` mmHg`, ` kg`, ` euro`, ` mg/dL`.
const BOUND_UNITS: &[&str] = &[
    "mmHg", "mm Hg", "kg", "g", "cm", "mm", "ms", "points", "point", "euros", "euro", "EUR", "min", "kcal", "mg", "mL",
    "ml", "L", "bpm", "steps",
];

/// A unit word after a bound (` mmHg`, ` mg/dL`, ` μmol/L`), ending at a word's end.
fn bound_unit(input: &str) -> PResult<'_, ()> {
    let (rest, _) = ws1(input)?;
    let slashed = rest.find(|c: char| !(c.is_alphanumeric() || c == '/')).unwrap_or(rest.len());
    let word = &rest[..slashed];
    let is_slashed_unit = word.split_once('/').is_some_and(|(a, b)| {
        (1..=5).contains(&a.chars().count())
            && (1..=6).contains(&b.chars().count())
            && a.chars().chain(b.chars()).all(char::is_alphabetic)
    });
    let length = if is_slashed_unit {
        slashed
    } else {
        let words = BOUND_UNITS.iter().filter(|unit| rest.starts_with(**unit));
        let ends_word = |unit: &&&str| !rest[unit.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '/');
        match words.filter(ends_word).map(|unit| unit.len()).max() {
            Some(length) => length,
            None => return Err(nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Tag))),
        }
    };
    Ok((&rest[length..], ()))
}

/// A bound's value in another unit, in brackets after it: ` [−US$184]` (`−£125 [−US$184] to £501
/// [US$738]`), or the whole interval's after the upper bound: ` [−9.6 to −3.7 mmol/mol]`. Only a
/// currency or a unit of HbA1c or glucose makes it one.
fn converted_bound(input: &str) -> PResult<'_, ()> {
    let currency = || alt((tag("US$"), tag("USD"), tag("EUR"), tag("€"), tag("£"), tag("$")));
    let amount = || tuple((opt(char('-')), currency(), ws, decimal));
    let unit = alt((tag_no_case("mmol/mol"), tag_no_case("mmol/l"), tag_no_case("mg/dl")));
    let numbers = tuple((decimal, opt(tuple((ws, alt((tag("to"), tag("-"), tag("–"), tag(","))), ws, decimal)))));
    let converted = alt((
        value((), tuple((amount(), opt(tuple((ws1, tag("to"), ws1, amount())))))),
        value((), tuple((numbers, ws1, unit))),
    ));
    value((), tuple((ws, one_of("[("), ws, converted, ws, one_of("])"))))(input)
}

/// A bound: a decimal, or an amount with its currency sign (`£56`, `-£125`, `$1,2`).
fn bound(input: &str) -> PResult<'_, Num> {
    let money = map_opt(tuple((opt(char('-')), one_of("£$€¥"), unsigned_decimal)), |(minus, _, amount)| {
        Num::parse(&format!("{}{}", if minus.is_some() { "-" } else { "" }, amount.text))
    });
    // `+2.6 to +9.7`: a plus sign says the bound is above zero.
    alt((preceded(opt(char('+')), decimal), money))(input)
}

/// Two bounds: `0.38 to 0.88`, `0.38-0.88`, `-4.1--0.5`, `43.3% to 68.5%`,
/// `from 1.2 to 3.4`, `between 1.2 and 3.4`, and `1.2, 3.4` when `allow_comma`.
pub fn interval(allow_comma: bool) -> impl Fn(&str) -> PResult<'_, Interval> {
    move |input| {
        let (input, _) = opt(pair(alt((tag("from"), tag("between"))), ws1))(input)?;
        let (input, lower) = terminated(bound, pair(bound_suffix, opt(converted_bound)))(input)?;
        let (input, _) = interval_separator(allow_comma)(input)?;
        let (input, upper) = terminated(bound, pair(bound_suffix, opt(converted_bound)))(input)?;
        Ok((input, Interval { lower, upper }))
    }
}

/// What opens a CI after an estimate: ` (`, ` [`, `, `, `; `, `: `; a bracket after a comma or
/// semicolon (`; (95% CI …)`) is the opener. Nothing is an opener too (`0.58 95% CI …`).
fn ci_opener(input: &str) -> PResult<'_, Option<char>> {
    let (input, _) = ws(input)?;
    let (input, open) = opt(one_of("([,;:"))(input)?;
    let (input, _) = ws(input)?;
    // `; (95% CI …)`, `[(95% CI …); p = …]`: the inner bracket opens the CI.
    let (input, inner) = match open {
        Some(',' | ';') => opt(one_of("(["))(input)?,
        Some('[') => opt(char('('))(input)?,
        _ => (input, None),
    };
    let (input, _) = ws(input)?;
    Ok((input, inner.or(open)))
}

/// A p-value written before the bounds, with what separates it from them: `P = .002; `.
fn p_before_bounds(input: &str) -> PResult<'_, PValue> {
    map(tuple((p_value, ws, one_of(",;"), ws)), |(p, _, _, _)| p)(input)
}

/// A label alone in its bracket, the bounds after it: `95% CI) ` of `(95% CI) 1.7, 8.7`.
fn label_closing_bracket(input: &str) -> PResult<'_, Option<Num>> {
    map(tuple((ci_label, ws, char(')'), ws)), |(level, _, _, _)| level)(input)
}

/// A label and what separates it from the bounds: `95% CI: `, `95% CI = `, `CI, `, `95% CI; `,
/// `95% CI `, `95% CI of `, `95% CI from `.
fn label_then_separator(input: &str) -> PResult<'_, Option<Num>> {
    // `95% CI (26.9% to 62.7%)`: the bounds may open a bracket of their own.
    let own_bracket = opt(terminated(one_of("(["), ws));
    let word = opt(terminated(alt((tag("of"), tag("from"))), ws1));
    // `95% CI (95% CI −0.37 to 0.37)`: the label written again in the bounds' bracket.
    let again = opt(tuple((ci_label, ws, opt(one_of(":=,;")), ws)));
    map(tuple((ci_label, ws, opt(one_of(":=,;")), ws, word, own_bracket, again)), |(level, ..)| level)(input)
}

/// The label after the opener, if any (`Some(level)`); only a round bracket may hold the
/// label alone.
fn label_after_opener(open: Option<char>) -> impl Fn(&str) -> PResult<'_, Option<Option<Num>>> {
    move |input| {
        if open == Some('(') {
            opt(alt((label_closing_bracket, label_then_separator)))(input)
        } else {
            opt(label_then_separator)(input)
        }
    }
}

/// Bounds split by a comma with the bracket closing right after them: `1.2, 3.4)` (the bracket
/// is left unread). Unlabelled, this is the only way a comma splits bounds, so that
/// `(1.29, 0.78-2.14)` stays an estimate and its interval.
fn comma_bounds_then_bracket(input: &str) -> PResult<'_, Interval> {
    terminated(interval(true), peek(preceded(ws, one_of(")]"))))(input)
}

/// The bounds of a CI after an estimate: with a label (here or before the estimate) split by
/// any separator; unlabelled in a bracket, by a comma only when the bracket closes after them
/// ([`comma_bounds_then_bracket`]); else never by a comma.
fn estimate_bounds(open: Option<char>, labelled: bool) -> impl Fn(&str) -> PResult<'_, Interval> {
    move |input| {
        if labelled {
            interval(true)(input)
        } else if matches!(open, Some('(' | '[')) {
            alt((interval(false), comma_bounds_then_bracket))(input)
        } else {
            interval(false)(input)
        }
    }
}

/// A p-value after the bounds, inside their bracket: `, p = 0.01`, `; P<.001`.
fn p_after_bounds(input: &str) -> PResult<'_, PValue> {
    preceded(tuple((ws, one_of(",;"), ws)), p_value)(input)
}

/// The bracket that closes what `open` opened, when it is written: `)` for `(`, `]` for `[`.
fn closing_bracket(open: Option<char>) -> impl Fn(&str) -> PResult<'_, ()> {
    move |input| {
        let (input, _) = ws(input)?;
        let input = match open {
            Some('(') => opt(char(')'))(input)?.0,
            Some('[') => opt(char(']'))(input)?.0,
            _ => input,
        };
        Ok((input, ()))
    }
}

/// The CI after an estimate, in any of the written shapes: ` (95% CI 0.38-0.88)`,
/// `, 95% CI: 0.38, 0.88`, ` [0.38-0.88]`, `; 95% CI, 0.38 to 0.88; P = .01`, `, 0.34-0.92`,
/// `; P = .002; 95% CI, 0.64-0.91`, ` (95% CI) 1.7, 8.7`. `labelled_before` when a label was
/// written before the estimate (`(95% CI) 0.66 (0.45-0.97)`), so its bounds may be split by a
/// comma. Neither a label nor an opener: no CI.
pub fn ci_after_estimate(labelled_before: bool) -> impl Fn(&str) -> PResult<'_, ConfidenceInterval> {
    move |input| {
        let (input, opener) = ci_opener(input)?;
        let (input, p_first) = opt(p_before_bounds)(input)?;
        let before_label = input;
        let (input, label) = label_after_opener(opener)(input)?;
        let labelled = label.is_some();
        if !labelled && opener.is_none() {
            return Err(nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Tag)));
        }
        // `95% CI (26.9% to 62.7%)`, `95% CI (95% CI −0.37 to 0.37)`: the bracket the bounds
        // opened after the label, left open.
        let consumed = &before_label[..before_label.len() - input.len()];
        let own_bracket = consumed
            .rfind(['(', '['])
            .filter(|&at| !consumed[at..].contains([')', ']']))
            .and_then(|at| consumed[at..].chars().next());
        let (input, bounds) = estimate_bounds(opener, labelled || labelled_before)(input)?;
        let (input, _) = closing_bracket(own_bracket)(input)?;
        let (input, p_inside) = opt(p_after_bounds)(input)?;
        let (input, _) = closing_bracket(opener)(input)?;
        let p = p_first.or(p_inside);
        Ok((input, ConfidenceInterval { bounds, level: label.flatten(), labelled, opener, p }))
    }
}

/// What follows a label before the bounds of a series value's CI: ` = `, `: `, `, `, and a
/// bracket of the bounds' own (`(95% CI (9.0 to 14.0 days))`).
fn label_filler(input: &str) -> PResult<'_, &str> {
    take_while(|c| matches!(c, ' ' | ',' | ':' | '=' | '('))(input)
}

/// What a bracket holds after the bounds, up to and with its end: `; p=0.004)`, `)`; at most
/// 60 bytes, and no bracket opened inside.
fn rest_of_bracket(input: &str) -> PResult<'_, &str> {
    match input.find([')', ']']).filter(|&close| close < 60 && !input[..close].contains('(')) {
        Some(close) => Ok((&input[close + 1..], &input[..close + 1])),
        None => Err(nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::TakeUntil))),
    }
}

/// A bracketed CI after a series value: ` (95% CI = 43.3% to 68.5%)`, ` (54.2-73.2)`,
/// ` [95% CI, 1.2, 3.4]`, ` (95% CI (9.0 to 14.0 days))`, ` (54.2-73.2; p=0.004)`. Its bounds
/// are split by a comma only after a label; the bracket is read to its end.
fn bracketed_ci_after_value(input: &str) -> PResult<'_, ConfidenceInterval> {
    let (input, _) = ws(input)?;
    let (input, open) = one_of("([")(input)?;
    let (input, _) = ws(input)?;
    let (input, label) = opt(terminated(ci_label, label_filler))(input)?;
    let labelled = label.is_some();
    let (input, bounds) = interval(labelled)(input)?;
    let (input, _) = rest_of_bracket(input)?;
    Ok((input, ConfidenceInterval { bounds, level: label.flatten(), labelled, opener: Some(open), p: None }))
}

/// A labelled CI after a comma: `, 95% CI 3.2-4.2`, `, 95% CI: 1.2, 3.4`.
fn comma_ci_after_value(input: &str) -> PResult<'_, ConfidenceInterval> {
    let (input, _) = tuple((ws, char(','), ws))(input)?;
    let (input, level) = ci_label(input)?;
    let (input, _) = take_while(|c| matches!(c, ' ' | ',' | ':' | '='))(input)?;
    let (input, bounds) = interval(true)(input)?;
    Ok((input, ConfidenceInterval { bounds, level, labelled: true, opener: Some(','), p: None }))
}

/// The CI after a value of a series (a survival rate, a median): in brackets
/// ([`bracketed_ci_after_value`]) or after a comma with its label ([`comma_ci_after_value`]).
pub fn ci_after_value(input: &str) -> PResult<'_, ConfidenceInterval> {
    alt((bracketed_ci_after_value, comma_ci_after_value))(input)
}

/// A bare bracketed range written between a duration and its unit: ` (3.8–14.0)` in `5.5
/// (3.8–14.0) months`, ` [1–8]` in `4 [1–8] wk`. Its kind (a CI, an IQR, a range) is named, if
/// at all, before the value, so it is read only to be stepped over.
pub fn bracketed_range_before_unit(input: &str) -> PResult<'_, Interval> {
    let (input, _) = ws(input)?;
    alt((
        delimited(pair(char('('), ws), interval(false), pair(ws, char(')'))),
        delimited(pair(char('['), ws), interval(false), pair(ws, char(']'))),
    ))(input)
}

/// The length of a bracketed spread after a value, which is no CI: ` (range 1–84)`,
/// ` [IQR 4–8]`, ` (interquartile range, 3.1–9.0)`. `None` when none starts `input`.
pub fn spread_aside(input: &str) -> Option<usize> {
    let trimmed = input.trim_start();
    let open = trimmed.chars().next().filter(|c| matches!(c, '(' | '['))?;
    let inside = trimmed[1..].trim_start().to_ascii_lowercase();
    if !["range", "iqr", "interquartile range", "min-max", "minimum-maximum"].iter().any(|w| inside.starts_with(w)) {
        return None;
    }
    let close = if open == '(' { ')' } else { ']' };
    let body = &trimmed[1..];
    let end = body.find(close)?;
    if body[..end].contains(['(', '[']) {
        return None;
    }
    Some(input.len() - trimmed.len() + 1 + end + 1)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_cheap_label_test_lets_every_label_through() {
        let labels = [
            "95% CI 0.6-0.9",
            "95 % confidence interval [CI] 1-2",
            "95%CI: 1-2",
            "95 percent CI 1-2",
            "95 per cent CI 1-2",
            "95% Cl 0.37-0.84",
            "95% IC: 0.76-1.46",
            "CI 95% 0.1-0.8",
            "CI, 1-2",
            "C.I. 1-2",
            "2-sided 90% CI 1-2",
            "credible interval 1-2",
            "UI 3-4",
            "95% CrI 1-2",
            "uncertainty interval 1-2",
        ];
        for label in labels {
            let parsed = super::ci_label(label);
            assert!(parsed.is_ok(), "{label}: {parsed:?}");
            assert!(super::may_start_label(label.as_bytes()), "{label}");
        }
        for not_label in ["45% of patients", "0.76 to 1.2", "12 patients", "(95% CI", "p = 0.02"] {
            assert!(!super::may_start_label(not_label.as_bytes()), "{not_label}");
        }
    }

    #[test]
    fn a_bracketed_range_before_a_unit() {
        let (rest, range) = super::bracketed_range_before_unit(" (3.8-14.0) months vs").unwrap();
        assert_eq!((range.lower.value, range.upper.value, rest), (3.8, 14.0, " months vs"));
        let (rest, _) = super::bracketed_range_before_unit(" [1-8] wk, n = 21").unwrap();
        assert_eq!(rest, " wk, n = 21");
        assert!(super::bracketed_range_before_unit(" (95% CI 1-2) months").is_err());
        assert!(super::bracketed_range_before_unit(" (n = 21)").is_err());
    }

    #[test]
    fn spreads_are_no_intervals() {
        assert_eq!(super::spread_aside(" (range 1–84) in cases"), Some(" (range 1–84)".len()));
        assert_eq!(super::spread_aside(" [IQR 4-8] wk"), Some(" [IQR 4-8]".len()));
        assert_eq!(super::spread_aside(" (95% CI 1-2)"), None);
    }

    use super::*;

    fn level(s: &str) -> Option<(String, Option<f64>)> {
        ci_label(s).ok().map(|(rest, level)| (rest.to_string(), level.map(|l| l.value)))
    }

    /// A CI as `rest | lower upper level labelled opener p`, or `None`.
    fn shown(read: PResult<'_, ConfidenceInterval>) -> Option<String> {
        let (rest, ci) = read.ok()?;
        Some(format!(
            "{rest}|{} {} {} {} {} {}",
            ci.bounds.lower.text,
            ci.bounds.upper.text,
            ci.level.map_or("-".to_string(), |l| l.text),
            ci.labelled,
            ci.opener.map_or('-', |c| c),
            ci.p.map_or("-".to_string(), |p| format!("{}{}", p.op, p.value.text))
        ))
    }

    #[test]
    fn labels_with_and_without_level() {
        assert_eq!(level("95% CI 0.3"), Some((" 0.3".into(), Some(95.0))));
        assert_eq!(level("95 % confidence interval [CI] = 0.38"), Some((" = 0.38".into(), Some(95.0))));
        assert_eq!(level("95%CI: 1.2"), Some((": 1.2".into(), Some(95.0))));
        assert_eq!(level("95% C.I 2.1 to 6.0"), Some((" 2.1 to 6.0".into(), Some(95.0))));
        assert_eq!(level("95 per cent CI 1.2"), Some((" 1.2".into(), Some(95.0))));
        assert_eq!(level("CI 0.28"), Some((" 0.28".into(), None)));
        assert_eq!(level("90% confidence limits, 1"), Some((", 1".into(), Some(90.0))));
        assert_eq!(level("CIRCLE"), None);
        assert_eq!(level("CI 95% -0.6 to 1.1"), Some((" -0.6 to 1.1".into(), Some(95.0))));
        assert_eq!(level("CI 93%-99%"), Some((" 93%-99%".into(), None)));
        assert_eq!(level("95% Cl 0.4"), Some((" 0.4".into(), Some(95.0))));
        assert_eq!(level("Cl 104 mmol"), None);
        assert_eq!(level("95% IC: 0.76"), Some((": 0.76".into(), Some(95.0))));
        assert_eq!(level("IC 2.1 L"), None);
        assert_eq!(level("95% CI 95% 0.76 to 1.66"), Some((" 0.76 to 1.66".into(), Some(95.0))));
    }

    #[test]
    fn label_positions_and_lengths() {
        assert_eq!(ci_label_at("95% CI, 1").map(|(l, len)| (l.map(|l| l.value), len)), Some((Some(95.0), 6)));
        assert_eq!(ci_label_at("CI 1").map(|(l, len)| (l.map(|l| l.value), len)), Some((None, 2)));
        let at: Vec<(usize, f64)> = levelled_ci_labels("HR 0.5 (95% CI 0.3-0.8); 90 % CI 1-2; 5% of")
            .iter()
            .map(|(a, l)| (*a, l.value))
            .collect();
        assert_eq!(at, vec![(8, 95.0), (25, 90.0)]);
        let after_name: Vec<(usize, f64)> =
            levelled_ci_labels("RR 0.7 (CI 95%: 0.4 to 1.1)").iter().map(|(a, l)| (*a, l.value)).collect();
        assert_eq!(after_name, vec![(8, 95.0)]);
    }

    #[test]
    fn bounds_in_every_written_shape() {
        let read = |s: &str, comma: bool| {
            interval(comma)(s).ok().map(|(rest, i)| (rest.to_string(), i.lower.value, i.upper.value))
        };
        assert_eq!(read("0.38 to 0.88)", false), Some((")".into(), 0.38, 0.88)));
        assert_eq!(read("0.38-0.88]", false), Some(("]".into(), 0.38, 0.88)));
        assert_eq!(read("-4.1--0.5)", false), Some((")".into(), -4.1, -0.5)));
        assert_eq!(read("-4.1 to -0.5", false), Some(("".into(), -4.1, -0.5)));
        assert_eq!(read("43.3% to 68.5%)", false), Some((")".into(), 43.3, 68.5)));
        assert_eq!(read("30.3 to 67.8 months)", false), Some((")".into(), 30.3, 67.8)));
        assert_eq!(read("1.2, 3.4)", true), Some((")".into(), 1.2, 3.4)));
        assert_eq!(read("1.2, 3.4)", false), None);
        assert_eq!(read("-£1039 to £2388)", false), Some((")".into(), -1039.0, 2388.0)));
        assert_eq!(read("between 1.2 and 3.4.", false), Some((".".into(), 1.2, 3.4)));
        assert_eq!(read("13/43", true), None);
        assert_eq!(read("-2.3 mmHg to 4.1 mmHg)", false), Some((")".into(), -2.3, 4.1)));
        assert_eq!(read("140 to 260 euro;", false), Some((";".into(), 140.0, 260.0)));
        assert_eq!(read("1.2 mg/dL to 3.4 mg/dL", false), Some(("".into(), 1.2, 3.4)));
        assert_eq!(read("1.2 mgs to 3.4", false), None);
        // Each bound's value in another currency, or the interval's in other units, is skipped.
        assert_eq!(read("-£125 [-US$184] to £501 [US$738])", false), Some((")".into(), -125.0, 501.0)));
        assert_eq!(read("-0.88 to -0.34% [-9.6 to -3.7 mmol/mol]; P", false), Some(("; P".into(), -0.88, -0.34)));
        assert_eq!(read("1.2 to 3.4 [12])", false), Some((" [12])".into(), 1.2, 3.4)));
        assert_eq!(read("1.2 to 3.4 (6 patients)", false), Some((" (6 patients)".into(), 1.2, 3.4)));
    }

    #[test]
    fn openers_and_labels_before_bounds() {
        assert_eq!(ci_opener(" (95% CI"), Ok(("95% CI", Some('('))));
        assert_eq!(ci_opener("; (95% CI"), Ok(("95% CI", Some('('))));
        assert_eq!(ci_opener(", 95% CI"), Ok(("95% CI", Some(','))));
        assert_eq!(ci_opener(" 95% CI"), Ok(("95% CI", None)));
        assert_eq!(ci_opener(" [(95% CI"), Ok(("95% CI", Some('('))));
        assert_eq!(
            p_before_bounds("P = .002; 95% CI").map(|(rest, p)| (rest, p.value.text)),
            Ok(("95% CI", "0.002".into()))
        );
        assert_eq!(label_closing_bracket("95% CI) 1.7").map(|(rest, _)| rest), Ok("1.7"));
        assert_eq!(label_then_separator("95% CI: 1.7").map(|(rest, _)| rest), Ok("1.7"));
        assert_eq!(label_after_opener(Some('['))("95% CI) 1.7").map(|(rest, _)| rest), Ok(") 1.7"));
        assert_eq!(label_after_opener(Some('('))("95% CI) 1.7").map(|(rest, _)| rest), Ok("1.7"));
        assert_eq!(comma_bounds_then_bracket("1.2, 3.4)").map(|(rest, _)| rest), Ok(")"));
        assert!(comma_bounds_then_bracket("1.29, 0.78-2.14)").is_err());
        assert_eq!(p_after_bounds("; P<.001)").map(|(rest, p)| (rest, p.op)), Ok((")", "<")));
        assert_eq!(closing_bracket(Some('['))(" ], p").map(|(rest, _)| rest), Ok(", p"));
        assert_eq!(closing_bracket(Some(','))(" ), p").map(|(rest, _)| rest), Ok("), p"));
    }

    #[test]
    fn cis_after_an_estimate() {
        let read = |s: &str| shown(ci_after_estimate(false)(s));
        assert_eq!(read(", 95% CI = 0.38 to 0.88, P = .01)").as_deref(), Some(")|0.38 0.88 95 true , =0.01"));
        assert_eq!(read(" (95% CI 0.38-0.88) in").as_deref(), Some(" in|0.38 0.88 95 true ( -"));
        assert_eq!(read(" [0.38-0.88]").as_deref(), Some("|0.38 0.88 - false [ -"));
        assert_eq!(read(" (0.38, 0.88), then").as_deref(), Some(", then|0.38 0.88 - false ( -"));
        assert_eq!(read(" (1.29, 0.78-2.14)"), None);
        assert_eq!(read("; P = .002; 95% CI, 0.64-0.91)").as_deref(), Some(")|0.64 0.91 95 true ; =0.002"));
        assert_eq!(read(" (95% CI) 1.7, 8.7;").as_deref(), Some(";|1.7 8.7 95 true ( -"));
        assert_eq!(read(" (0.45-0.97; p=0.041)").as_deref(), Some("|0.45 0.97 - false ( =0.041"));
        assert_eq!(read(" 95% CI 0.3-0.8").as_deref(), Some("|0.3 0.8 95 true - -"));
        assert_eq!(read(" 0.3-0.8"), None);
        assert_eq!(read(", 0.34-0.92").as_deref(), Some("|0.34 0.92 - false , -"));
        assert_eq!(read(", 0.34, 0.92"), None);
        assert_eq!(read(", 95% CI; 1.2 - 4.7)").as_deref(), Some(")|1.2 4.7 95 true , -"));
        assert_eq!(read(" with a 95% CI of -6.6 to 3.2 (").as_deref(), None);
        assert_eq!(read("; 95% CI from -3.1 to 4.2;").as_deref(), Some(";|-3.1 4.2 95 true ; -"));
        assert_eq!(read(" [(95% CI 0.42-0.96); p = 0.03]").as_deref(), Some("; p = 0.03]|0.42 0.96 95 true ( -"));
        assert_eq!(read(" (95% CI of difference 8-11)"), None);
        assert_eq!(read(", 95% CI (95% CI -0.37 to 0.37))").as_deref(), Some(")|-0.37 0.37 95 true , -"));
        assert_eq!(read(", 95% confidence interval CI = 1.24-2.67, p").as_deref(), Some(", p|1.24 2.67 95 true , -"));
        assert_eq!(shown(ci_after_estimate(true)(" (1.2, 3.4) and")).as_deref(), Some(" and|1.2 3.4 - false ( -"));
    }

    #[test]
    fn cis_after_a_series_value() {
        let read = |s: &str| shown(ci_after_value(s));
        assert_eq!(read(" (95% CI = 43.3% to 68.5%) in").as_deref(), Some(" in|43.3 68.5 95 true ( -"));
        assert_eq!(read(" (54.2-73.2; p=0.004) vs").as_deref(), Some(" vs|54.2 73.2 - false ( -"));
        assert_eq!(read(" (95% CI (9.0 to 14.0 days)) and").as_deref(), Some(") and|9.0 14.0 95 true ( -"));
        assert_eq!(read(", 95% CI 3.2-4.2 months").as_deref(), Some("|3.2 4.2 95 true , -"));
        assert_eq!(read(" [95% CI, 1.2, 3.4]").as_deref(), Some("|1.2 3.4 95 true [ -"));
        assert_eq!(read(" (1.2, 3.4)"), None);
        assert_eq!(read(", 3.2-4.2"), None);
        assert_eq!(read(" (54.2-73.2 (range)"), None);
    }
}
