//! p-values: `P = .01`, `p<0.001`, `P-value 0.03`, `P = 1.2 x 10^-5`, `p = 1.2e-5`, and the
//! p-value written right after a value or its CI (`, log-rank P = .02`).

use nom::branch::alt;
use nom::bytes::complete::{tag, tag_no_case};
use nom::character::complete::{char, digit1, one_of};
use nom::combinator::{map_opt, not, opt, peek, recognize, value};
use nom::multi::many0;
use nom::sequence::{pair, preceded, terminated, tuple};

use super::number::{decimal, unsigned_decimal, ws};
use super::PResult;
use crate::model::Num;

/// A p-value: its operator and number.
#[derive(Debug, Clone, PartialEq)]
pub struct PValue {
    /// `=`, `<`, `>`, `<=` or `>=`.
    pub op: &'static str,
    /// The number, in `[0, 1]`.
    pub value: Num,
}

/// The label: `P`, `p`, `P value`, `p-value`, `Pvalue`, `P-val`, `p adj` (not the start of a word).
fn p_label(input: &str) -> PResult<'_, &str> {
    terminated(
        recognize(pair(
            one_of("pP"),
            opt(pair(
                opt(alt((char('-'), char(' ')))),
                alt((tag_no_case("value"), tag_no_case("val"), tag_no_case("adj"))),
            )),
        )),
        not(peek(nom::character::complete::satisfy(|c| c.is_ascii_alphanumeric()))),
    )(input)
}

/// The operator: `=`, `<`, `>`, `<=`, `>=`, `=<`, `:`, `of`, `was`, `is`, or nothing.
fn p_operator(input: &str) -> PResult<'_, &'static str> {
    alt((
        value("<=", alt((tag("<="), tag("=<")))),
        value(">=", alt((tag(">="), tag("=>")))),
        value("<", tag("<")),
        value(">", tag(">")),
        value("=", alt((tag("="), tag(":"), tag("of"), tag("was"), tag("is")))),
    ))(input)
}

/// A number in scientific notation or plain: `1.2 x 10^-5`, `1.2x10-5`, `1.2e-5`, `10^-4`, `.01`.
fn p_number(input: &str) -> PResult<'_, Num> {
    let times_ten =
        tuple((ws, one_of("x*"), ws, tag("10"), opt(char('^')), opt(char(' ')), recognize(pair(char('-'), digit1))));
    let e_notation = pair(one_of("eE"), recognize(pair(opt(one_of("-+")), digit1)));
    let power_of_ten = preceded(pair(tag("10"), char('^')), recognize(pair(char('-'), digit1)));
    alt((
        map_opt(power_of_ten, |exp: &str| {
            Num::parse(&format!("1e{exp}")).map(|n| Num { text: format!("1e{exp}"), ..n })
        }),
        map_opt(pair(unsigned_decimal, times_ten), |(mantissa, (_, _, _, _, _, _, exp))| {
            let text = format!("{}e{}", mantissa.text, exp);
            Num::parse(&text)
        }),
        map_opt(pair(unsigned_decimal, e_notation), |(mantissa, (_, exp))| {
            let text = format!("{}e{}", mantissa.text, exp);
            Num::parse(&text)
        }),
        unsigned_decimal,
    ))(input)
}

/// A p-value: `P = .01`, `p<0.001`, `P-value 0.03`, `P = 1.2 x 10^-5`; the number must lie
/// in `[0, 1]`.
pub fn p_value(input: &str) -> PResult<'_, PValue> {
    let (rest, _) = p_label(input)?;
    let (rest, op) = preceded(ws, opt(p_operator))(rest)?;
    let (rest, _) = ws(rest)?;
    let (rest, number) = p_number(rest)?;
    if !(0.0..=1.0).contains(&number.value) {
        return Err(nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Verify)));
    }
    // "P 0.03" with no operator only for the spelled-out label.
    if op.is_none() && consumed_label_len(input) < 2 {
        return Err(nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Verify)));
    }
    Ok((rest, PValue { op: op.unwrap_or("="), value: number }))
}

fn consumed_label_len(input: &str) -> usize {
    p_label(input).map(|(rest, _)| input.len() - rest.len()).unwrap_or(0)
}

/// A test statistic between an estimate and its p-value: `chi 2 = 7.36, `, `d.f. = 1, `, `z = 2.1; `.
fn test_statistic(input: &str) -> PResult<'_, ()> {
    let name = alt((
        tag("chi 2"),
        tag("chi2"),
        tag("chi^2"),
        tag("χ2"),
        tag("d.f."),
        tag("df"),
        tag("z"),
        tag("Z"),
        tag("t"),
        tag("F"),
    ));
    let (input, _) = tuple((name, ws, one_of("=:"), ws, decimal, ws, one_of(",;"), ws))(input)?;
    Ok((input, ()))
}

/// A p-value right after a value or its CI: `, P = .01`, ` (p = 0.0013)`, `; P<0.001`,
/// `, log-rank P = .02`, ` (chi 2 = 7.36, d.f. = 1, P = .007)`.
pub fn p_value_after(input: &str) -> PResult<'_, PValue> {
    let (input, _) = tuple((ws, opt(one_of(",;")), ws))(input)?;
    let (input, open) = opt(char('('))(input)?;
    let (input, _) = ws(input)?;
    let (input, _) = many0(test_statistic)(input)?;
    // `two-sided`, `stratified one-sided`, `log-rank`: words saying which p-value it is.
    let qualifier = alt((
        tag("log-rank"),
        tag("log rank"),
        tag("two-sided"),
        tag("2-sided"),
        tag("one-sided"),
        tag("1-sided"),
        tag("stratified"),
        tag("Wald"),
    ));
    let (input, _) = many0(pair(qualifier, ws))(input)?;
    let (input, p) = p_value(input)?;
    let input = if open.is_some() { opt(preceded(ws, char(')')))(input)?.0 } else { input };
    Ok((input, p))
}

/// A p-value that ends right before byte `at` of `s`, within the 30 bytes before it, followed
/// only by `,`, `;` or `(` and spaces: the `P = .62; ` of `P = .62; hazard ratio 0.86`.
pub fn p_value_before(s: &str, at: usize) -> Option<PValue> {
    let from = at.saturating_sub(30);
    let window = s.get(from..at)?;
    let start = window.rfind(['P', 'p'])?;
    let (rest, p) = p_value(&window[start..]).ok()?;
    let (between, _) = tuple((ws, one_of(",;("), ws))(rest).ok()?;
    between.is_empty().then_some(p)
}

/// A p-value in brackets that closes the comparison an estimate opens, within the 150 bytes
/// after byte `at` (up to `limit`): the `(p = 0.02)` of `(0.21 mm, 95% CI 0.03–0.40) than
/// femoral stems in the broaching group at 5 years (p = 0.02)`. Nothing between may be another
/// value: no bracket, `%`, `±`, `=`, `;` or interval label.
pub fn p_value_closing_comparison(s: &str, at: usize, limit: usize) -> Option<PValue> {
    let window = s.get(at..crate::normalise::floor_boundary(s, limit.min(at + 150).min(s.len())))?;
    // The estimate's own bracket may close first.
    let window = window.trim_start().strip_prefix([')', ']']).unwrap_or(window);
    let open = window.find(['(', '['])?;
    let between = &window[..open];
    let other_value = between.contains(['%', '±', '=', ';', '(', ')', '[', ']']) || between.contains("CI");
    if other_value || between.trim().is_empty() {
        return None;
    }
    let (rest, p) = p_value(window[open + 1..].trim_start()).ok()?;
    rest.trim_start().starts_with([')', ']']).then_some(p)
}

/// A p-value later in the bracket an estimate is written in, after its other statistics:
/// the `p < 0.001` of `(mean difference = 15 %, standard error 3 %, p < 0.001)`. Between the
/// estimate (ending at byte `at`) and the p-value there may be no bracket, interval label or
/// name of another estimate.
pub fn p_value_later_in_bracket(s: &str, at: usize) -> Option<PValue> {
    let window = s.get(at..crate::normalise::floor_boundary(s, (at + 120).min(s.len())))?;
    let close = window.find([')', ']'])?;
    let inside = &window[..close];
    let p_at = inside.rfind([',', ';']).map(|sep| sep + 1)?;
    let between = inside[..p_at].to_ascii_lowercase();
    let other = ["(", "[", "ci", "interval", "ratio", "difference", " or ", " hr ", " rr ", "δ"];
    if other.iter().any(|w| between.contains(w)) || !between.trim_start().starts_with(',') || has_p_label(&between) {
        return None;
    }
    let (rest, p) = p_value(inside[p_at..].trim_start()).ok()?;
    rest.trim().is_empty().then_some(p)
}

/// Whether `text` (lower-cased) holds a p-value's label with its sign (`p = ns`, `p ≤`): the
/// estimate before it has its own p-value, read or not.
fn has_p_label(text: &str) -> bool {
    text.match_indices('p').any(|(i, _)| {
        let word_start = i == 0 || !text[..i].ends_with(|c: char| c.is_alphanumeric());
        word_start && text[i + 1..].trim_start().starts_with(['=', '<', '>', '≤', '≥'])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Option<(&'static str, String, String)> {
        p_value(s).ok().map(|(rest, p)| (p.op, p.value.text, rest.to_string()))
    }

    #[test]
    fn every_written_shape() {
        assert_eq!(read("P = .01)"), Some(("=", "0.01".into(), ")".into())));
        assert_eq!(read("p<0.001;"), Some(("<", "0.001".into(), ";".into())));
        assert_eq!(read("P-value 0.03"), Some(("=", "0.03".into(), "".into())));
        assert_eq!(read("p value of 0.03"), Some(("=", "0.03".into(), "".into())));
        assert_eq!(read("p adj = 0.024,"), Some(("=", "0.024".into(), ",".into())));
        assert_eq!(read("P = 1.2 x 10^-5"), Some(("=", "1.2e-5".into(), "".into())));
        assert_eq!(read("P = 1.2 x 10-5"), Some(("=", "1.2e-5".into(), "".into())));
        assert_eq!(read("p = 2.1e-06,"), Some(("=", "2.1e-06".into(), ",".into())));
        assert_eq!(read("P <= 0.05"), Some(("<=", "0.05".into(), "".into())));
        assert_eq!(read("P < 10^-4"), Some(("<", "1e-4".into(), "".into())));
    }

    #[test]
    fn refuses_what_is_not_a_p_value() {
        assert_eq!(read("P 0.03"), None);
        assert_eq!(read("P = 3"), None);
        assert_eq!(read("PFS 0.5"), None);
        assert_eq!(read("p = NS"), None);
    }

    #[test]
    fn p_values_after_a_value() {
        let after = |s: &str| p_value_after(s).ok().map(|(rest, p)| (p.op, p.value.text, rest.to_string()));
        assert_eq!(after(", P = .01)"), Some(("=", "0.01".into(), ")".into())));
        assert_eq!(after(" (p = 0.0013) in"), Some(("=", "0.0013".into(), " in".into())));
        assert_eq!(after("; log-rank P<0.001."), Some(("<", "0.001".into(), ".".into())));
        assert_eq!(after("; stratified one-sided P = 0.0401)"), Some(("=", "0.0401".into(), ")".into())));
        assert_eq!(after("; 2-sided P = 0.002)"), Some(("=", "0.002".into(), ")".into())));
        assert_eq!(after(" (chi 2 = 7.36, d.f. = 1, P = .007)"), Some(("=", "0.007".into(), "".into())));
        assert_eq!(after(", 95% CI"), None);
    }

    #[test]
    fn a_p_value_closing_a_comparison() {
        let after = |s: &str| p_value_closing_comparison(s, s.find(')').map_or(0, |at| at + 1), s.len());
        let text = "(0.21 mm, 95% CI: 0.03–0.40) than stems in the broaching group at 5 years (p = 0.02).";
        assert_eq!(after(text).map(|p| p.value.text), Some("0.02".into()));
        assert!(after("(0.21, 95% CI 0.03–0.40) and diastolic (3.95 [0.78 to 7.11], p = 0.015)").is_none());
        assert!(after("(0.21, 95% CI 0.03–0.40) (p = 0.02)").is_none());
        assert!(after("(0.21, 95% CI 0.03–0.40) than controls (p = 0.02, 12%)").is_none());
    }

    #[test]
    fn a_p_value_later_in_the_estimates_bracket() {
        let later = |s: &str| p_value_later_in_bracket(s, s.find(" %").map_or(0, |at| at + 2)).map(|p| p.value.text);
        assert_eq!(later("(mean difference = 15 %, standard error 3 %, p < 0.001)"), Some("0.001".into()));
        assert_eq!(later("(mean difference = 15 %; OR 1.2, p = 0.04)"), None);
        assert_eq!(later("(difference 15 %, 95% CI 2 to 28, p = 0.04)"), None);
        assert_eq!(later("(difference 15 %) and p = 0.04"), None);
        // The estimate's own p-value, even unread, keeps a later one from it.
        let s = "(5 mg, Δ -0.24, p = NS; 10 mg, n = 445, Δ -1.68, p = .001)";
        assert!(p_value_later_in_bracket(s, s.find("0.24").unwrap() + 4).is_none());
    }

    #[test]
    fn p_values_before_a_mention() {
        let before = |s: &str| p_value_before(s, s.find("hazard").unwrap_or(s.len())).map(|p| p.value.text);
        assert_eq!(before("(P = .62; hazard ratio 0.86)"), Some("0.62".into()));
        assert_eq!(before("P = .62 and the hazard ratio"), None);
        assert_eq!(before("p<0.001 (hazard ratio"), Some("0.001".into()));
    }
}
