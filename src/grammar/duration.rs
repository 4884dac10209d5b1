//! Durations: `45.6 months`, `3-year`, `5 yr`, `24 wk`, `30-month`, `1 year`, and lists of
//! time points sharing one unit (`3-, 5-, and 8-year`, `2- and 5-year`).

use nom::branch::alt;
use nom::bytes::complete::{tag, tag_no_case};
use nom::character::complete::{char, satisfy};
use nom::combinator::{map, not, opt, peek, value};
use nom::multi::many0;
use nom::sequence::{pair, preceded, terminated, tuple};

use super::number::{unsigned_decimal, ws, ws1};
use super::PResult;
use crate::model::Num;

/// A number of time units.
#[derive(Debug, Clone, PartialEq)]
pub struct Duration {
    /// The number as written.
    pub value: Num,
    /// The unit, normalised: `minutes`, `hours`, `days`, `weeks`, `months` or `years`.
    pub unit: &'static str,
}

impl Duration {
    /// The contract's form: `<number> <unit>` (`3 years`).
    pub fn normalised(&self) -> String {
        format!("{} {}", self.value.text, self.unit)
    }
}

/// A time unit, normalised to its plural: `years`, `year`, `yrs`, `yr`, `y` → `years`;
/// `months`, `mo`, `mos` → `months`; `weeks`, `wk`, `wks` → `weeks`; `days`, `d` → `days`;
/// `hours`, `hrs`, `h` → `hours`; `minutes`, `mins`, `min` → `minutes`.
/// The unit must end its word (`yearly` and `dose` are not units).
pub fn time_unit(input: &str) -> PResult<'_, &'static str> {
    terminated(
        alt((
            value("years", alt((tag("years"), tag("year"), tag("yrs"), tag("yr"), tag("y")))),
            value("months", alt((tag("months"), tag("month"), tag("mos"), tag("mo")))),
            value("weeks", alt((tag("weeks"), tag("week"), tag("wks"), tag("wk")))),
            value("days", alt((tag("days"), tag("day"), tag("d")))),
            value("hours", alt((tag("hours"), tag("hour"), tag("hrs"), tag("hr"), tag("h")))),
            value("minutes", alt((tag("minutes"), tag("minute"), tag("mins"), tag("min")))),
        )),
        not(peek(satisfy(|c: char| c.is_alphanumeric()))),
    )(input)
}

/// What joins a number to its unit: a hyphen (`3-year`) or spaces (`3 years`, `3 -year`).
fn number_unit_joint(input: &str) -> PResult<'_, ()> {
    alt((value((), tuple((ws, char('-'), ws))), value((), ws1)))(input)
}

/// One duration: `45.6 months`, `3-year`, `5 yr`, `24 wk`, `30-month`, `1 year`.
pub fn duration(input: &str) -> PResult<'_, Duration> {
    map(pair(terminated(unsigned_decimal, number_unit_joint), time_unit), |(value, unit)| Duration { value, unit })(
        input,
    )
}

/// A separator between listed time points: `-, `, `, `, `- and `, ` and `, `-, and `, ` or `.
fn list_separator(input: &str) -> PResult<'_, ()> {
    value(
        (),
        tuple((
            opt(char('-')),
            ws,
            alt((
                value((), tuple((char(','), ws, opt(pair(alt((tag("and"), tag("or"))), ws1))))),
                value((), pair(alt((tag("and"), tag("or"))), ws1)),
            )),
        )),
    )(input)
}

/// Time points: sharing a unit (`3-, 5-, and 8-year` → 3, 5, 8 years; `2- and 5-year`), or
/// each with its own (`2-year, 3-year and 5-year`, `6-month and 1-year`); `3-year` alone is a
/// list of one.
pub fn duration_list(input: &str) -> PResult<'_, Vec<Duration>> {
    alt((durations_each_with_unit, durations_sharing_a_unit))(input)
}

/// `2-year, 3-year and 5-year`, `6-month and 1-year`: at least two time points, each with its
/// unit.
fn durations_each_with_unit(input: &str) -> PResult<'_, Vec<Duration>> {
    let (rest, first) = duration(input)?;
    let (rest, others) = nom::multi::many1(preceded(list_separator, duration))(rest)?;
    Ok((rest, std::iter::once(first).chain(others).collect()))
}

/// `3-, 5-, and 8-year`, `2- and 5-year`, `3-year`: time points sharing the unit after the last.
fn durations_sharing_a_unit(input: &str) -> PResult<'_, Vec<Duration>> {
    let (rest, first) = unsigned_decimal(input)?;
    let (rest, others) = many0(preceded(list_separator, unsigned_decimal))(rest)?;
    let (rest, unit) = preceded(number_unit_joint, time_unit)(rest)?;
    let durations = std::iter::once(first).chain(others).map(|value| Duration { value, unit }).collect();
    Ok((rest, durations))
}

/// A time point written unit first: `week 28`, `day 7`, `month 6`, `Week 24`.
pub fn unit_first_time_point(input: &str) -> PResult<'_, Duration> {
    let unit = alt((
        value("weeks", tag_no_case("week")),
        value("days", tag_no_case("day")),
        value("months", tag_no_case("month")),
        value("years", tag_no_case("year")),
    ));
    map(pair(terminated(unit, ws1), unsigned_decimal), |(unit, value)| Duration { value, unit })(input)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Option<(String, String)> {
        duration(s).ok().map(|(rest, d)| (d.normalised(), rest.to_string()))
    }

    #[test]
    fn time_points_each_with_its_unit() {
        let read =
            |s| duration_list(s).ok().map(|(rest, d)| (d.iter().map(Duration::normalised).collect::<Vec<_>>(), rest));
        assert_eq!(
            read("2-year, 3-year and 5-year OS"),
            Some((vec!["2 years".into(), "3 years".into(), "5 years".into()], " OS"))
        );
        assert_eq!(read("6-month and 1-year rates"), Some((vec!["6 months".into(), "1 years".into()], " rates")));
        assert_eq!(
            read("3-, 5-, and 8-year OS"),
            Some((vec!["3 years".into(), "5 years".into(), "8 years".into()], " OS"))
        );
        assert_eq!(read("3-year OS"), Some((vec!["3 years".into()], " OS")));
    }

    #[test]
    fn every_written_shape() {
        assert_eq!(read("45.6 months (95%"), Some(("45.6 months".into(), " (95%".into())));
        assert_eq!(read("3-year OS"), Some(("3 years".into(), " OS".into())));
        assert_eq!(read("5 yr,"), Some(("5 years".into(), ",".into())));
        assert_eq!(read("24 wk"), Some(("24 weeks".into(), "".into())));
        assert_eq!(read("30-month overall"), Some(("30 months".into(), " overall".into())));
        assert_eq!(read("1 year"), Some(("1 years".into(), "".into())));
        assert_eq!(read("8 y, based"), Some(("8 years".into(), ", based".into())));
        assert_eq!(read("106 days"), Some(("106 days".into(), "".into())));
    }

    #[test]
    fn refuses_what_is_not_a_duration() {
        assert_eq!(read("5 mg"), None);
        assert_eq!(read("3 yearly"), None);
        assert_eq!(read("20 doses"), None);
        assert_eq!(read("months"), None);
    }

    #[test]
    fn lists_of_time_points() {
        let list = |s: &str| {
            duration_list(s)
                .ok()
                .map(|(rest, ds)| (ds.iter().map(Duration::normalised).collect::<Vec<_>>().join("|"), rest.to_string()))
        };
        assert_eq!(list("3-, 5-, and 8-year OS"), Some(("3 years|5 years|8 years".into(), " OS".into())));
        assert_eq!(list("2- and 5-year recurrence"), Some(("2 years|5 years".into(), " recurrence".into())));
        assert_eq!(list("3 and 6 months"), Some(("3 months|6 months".into(), "".into())));
        assert_eq!(list("3-year"), Some(("3 years".into(), "".into())));
        assert_eq!(list("3 and 6 patients"), None);
    }

    #[test]
    fn unit_first() {
        let (rest, d) = unit_first_time_point("week 28 endpoint").unwrap();
        assert_eq!((d.normalised().as_str(), rest), ("28 weeks", " endpoint"));
        let (_, d) = unit_first_time_point("Month 12,").unwrap();
        assert_eq!(d.normalised(), "12 months");
    }
}
