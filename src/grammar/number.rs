//! Numbers: decimals, counts with thousands separators, percentages.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while1};
use nom::character::complete::{char, digit1};
use nom::combinator::{map_opt, not, opt, peek, recognize};
use nom::multi::many1;
use nom::sequence::{pair, preceded, terminated, tuple};

use super::PResult;
use crate::model::Num;

/// Optional spaces: `   `.
pub fn ws(input: &str) -> PResult<'_, &str> {
    take_while(|c| c == ' ')(input)
}

/// At least one space.
pub fn ws1(input: &str) -> PResult<'_, &str> {
    take_while1(|c| c == ' ')(input)
}

/// An unsigned decimal: `0.58`, `12`, `.01`; not followed by another digit or a decimal point
/// and a digit (so `1.2.3` is refused).
pub fn unsigned_decimal(input: &str) -> PResult<'_, Num> {
    map_opt(
        terminated(
            recognize(alt((
                recognize(tuple((digit1, opt(pair(char('.'), digit1))))),
                recognize(pair(char('.'), digit1)),
            ))),
            not(peek(alt((digit1, recognize(pair(char('.'), digit1)))))),
        ),
        Num::parse,
    )(input)
}

/// A signed decimal: `-2.3`, `- 2.3` is not one (a minus must touch its digits), `0.58`.
pub fn decimal(input: &str) -> PResult<'_, Num> {
    map_opt(recognize(pair(opt(char('-')), unsigned_decimal)), Num::parse)(input)
}

/// A whole count: `119`, `10,372`, `20 170` (space-separated thousands), not `1.5`.
pub fn count(input: &str) -> PResult<'_, Num> {
    let grouped =
        recognize(pair(take_while_m_n_digits, many1(preceded(alt((tag(","), tag(" "))), three_digits_then_boundary))));
    map_opt(
        terminated(alt((grouped, digit1)), not(peek(alt((digit1, recognize(pair(char('.'), digit1))))))),
        |s: &str| {
            let digits: String = s.chars().filter(char::is_ascii_digit).collect();
            let value: u64 = digits.parse().ok()?;
            Some(Num { value: value as f64, text: digits })
        },
    )(input)
}

fn take_while_m_n_digits(input: &str) -> PResult<'_, &str> {
    nom::bytes::complete::take_while_m_n(1, 3, |c: char| c.is_ascii_digit())(input)
}

/// Exactly three digits not followed by another digit: the `372` of `10,372`.
fn three_digits_then_boundary(input: &str) -> PResult<'_, &str> {
    terminated(
        nom::bytes::complete::take_while_m_n(3, 3, |c: char| c.is_ascii_digit()),
        not(peek(take_while1(|c: char| c.is_ascii_digit()))),
    )(input)
}

/// A percentage: `65.0%`, `65 %`, `-3.2%`.
pub fn percent(input: &str) -> PResult<'_, Num> {
    terminated(decimal, pair(ws, char('%')))(input)
}

/// A standard error written after a value: ` ± 5.2`, `+/- 5.2` (of `21.4 ± 5.2%`).
pub fn plus_minus(input: &str) -> PResult<'_, Num> {
    preceded(tuple((ws, alt((tag("±"), tag("+/-"))), ws)), unsigned_decimal)(input)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_leave_the_rest() {
        assert_eq!(decimal("0.58 (").map(|(r, n)| (r, n.text)), Ok((" (", "0.58".to_string())));
        assert_eq!(decimal(".01)").map(|(r, n)| (r, n.value)), Ok((")", 0.01)));
        assert_eq!(decimal("-4.1--0.5").map(|(r, n)| (r, n.value)), Ok(("--0.5", -4.1)));
        assert!(decimal("1.2.3").is_err());
        assert!(decimal("x1").is_err());
    }

    #[test]
    fn counts_take_thousands_separators() {
        assert_eq!(count("10,372 patients").map(|(r, n)| (r, n.value)), Ok((" patients", 10372.0)));
        assert_eq!(count("20 170 women").map(|(r, n)| (r, n.value)), Ok((" women", 20170.0)));
        assert_eq!(count("119 patients").map(|(r, n)| (r, n.value)), Ok((" patients", 119.0)));
        assert_eq!(count("60 and").map(|(r, n)| (r, n.value)), Ok((" and", 60.0)));
        assert!(count("1.5").is_err());
    }

    #[test]
    fn percentages() {
        assert_eq!(percent("65.0%)").map(|(r, n)| (r, n.text)), Ok((")", "65.0".to_string())));
        assert_eq!(percent("65 % of").map(|(r, n)| (r, n.value)), Ok((" of", 65.0)));
        assert!(percent("65 patients").is_err());
    }

    #[test]
    fn standard_errors() {
        assert_eq!(plus_minus(" ± 5.2%").map(|(r, n)| (r, n.value)), Ok(("%", 5.2)));
        assert_eq!(plus_minus("+/-5.2 and").map(|(r, n)| (r, n.value)), Ok((" and", 5.2)));
        assert!(plus_minus(" + 5.2").is_err());
    }
}
