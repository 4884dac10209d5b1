//! Confidence intervals: the label (`95% CI`) and the bounds (`0.38 to 0.88`).

use nom::branch::alt;
use nom::bytes::complete::{tag, tag_no_case};
use nom::character::complete::{char, one_of};
use nom::combinator::{map, map_opt, not, opt, peek, recognize, value};
use nom::sequence::{delimited, pair, preceded, terminated, tuple};

use super::number::{decimal, unsigned_decimal, ws, ws1};
use super::PResult;
use crate::model::Num;

/// The two bounds of a confidence interval.
#[derive(Debug, Clone, PartialEq)]
pub struct Interval {
    /// The lower bound as written.
    pub lower: Num,
    /// The upper bound as written.
    pub upper: Num,
}

/// The name of an interval: `CI`, `C.I.`, `confidence interval`, `credible interval`, `CrI`,
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

/// A confidence-interval label with its level: `95% CI`, `95 % confidence interval [CI]`,
/// `95%CI`, `CI` (no level); returns the level when written.
pub fn ci_label(input: &str) -> PResult<'_, Option<Num>> {
    let level = terminated(decimal, tuple((ws, char('%'), ws)));
    let level_word = map(terminated(decimal, tuple((ws, alt((tag("percent"), tag("per cent"))), ws1))), |n| n);
    terminated(pair(opt(alt((level, level_word))), interval_name), opt(bracketed_abbreviation))(input)
        .map(|(rest, (level, _))| (rest, level))
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

/// A unit or percent sign written after a bound: `%`, ` months`, ` mL`.
fn bound_suffix(input: &str) -> PResult<'_, ()> {
    value(
        (),
        opt(alt((
            value((), pair(ws, char('%'))),
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

/// A bound: a decimal, or an amount with its currency sign (`£56`, `-£125`, `$1,2`).
fn bound(input: &str) -> PResult<'_, Num> {
    let money = map_opt(tuple((opt(char('-')), one_of("£$€¥"), unsigned_decimal)), |(minus, _, amount)| {
        Num::parse(&format!("{}{}", if minus.is_some() { "-" } else { "" }, amount.text))
    });
    alt((decimal, money))(input)
}

/// Two bounds: `0.38 to 0.88`, `0.38-0.88`, `-4.1--0.5`, `43.3% to 68.5%`,
/// `from 1.2 to 3.4`, `between 1.2 and 3.4`, and `1.2, 3.4` when `allow_comma`.
pub fn interval(allow_comma: bool) -> impl Fn(&str) -> PResult<'_, Interval> {
    move |input| {
        let (input, _) = opt(pair(alt((tag("from"), tag("between"))), ws1))(input)?;
        let (input, lower) = terminated(bound, bound_suffix)(input)?;
        let (input, _) = interval_separator(allow_comma)(input)?;
        let (input, upper) = terminated(bound, bound_suffix)(input)?;
        Ok((input, Interval { lower, upper }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn level(s: &str) -> Option<(String, Option<f64>)> {
        ci_label(s).ok().map(|(rest, level)| (rest.to_string(), level.map(|l| l.value)))
    }

    #[test]
    fn labels_with_and_without_level() {
        assert_eq!(level("95% CI 0.3"), Some((" 0.3".into(), Some(95.0))));
        assert_eq!(level("95 % confidence interval [CI] = 0.38"), Some((" = 0.38".into(), Some(95.0))));
        assert_eq!(level("95%CI: 1.2"), Some((": 1.2".into(), Some(95.0))));
        assert_eq!(level("CI 0.28"), Some((" 0.28".into(), None)));
        assert_eq!(level("90% confidence limits, 1"), Some((", 1".into(), Some(90.0))));
        assert_eq!(level("CIRCLE"), None);
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
    }
}
