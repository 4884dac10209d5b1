//! Lists of values: what joins two values written as one list (`93.4 and 66.0 %`,
//! `13.0 vs 11.0 months`, `56.9%, 43.1%`), and two estimates of one measure (`0.58 (…) and
//! 0.71 (…)`, `…; 0.71 (…)`).

use nom::branch::alt;
use nom::bytes::complete::tag;
use nom::character::complete::char;
use nom::combinator::{opt, recognize, verify};
use nom::sequence::{terminated, tuple};

use super::number::ws;
use super::PResult;

/// What joins two values of a list: `, `, ` and `, `, and `, ` vs `, ` vs. `, ` versus `,
/// ` or `, ` compared with `, ` to `, or spaces alone; returns the joint as written (never empty).
pub fn value_joint(input: &str) -> PResult<'_, &str> {
    let word =
        alt((tag("and "), tag("vs. "), tag("vs "), tag("versus "), tag("or "), tag("compared with "), tag("to ")));
    verify(recognize(tuple((ws, opt(char(',')), ws, opt(terminated(word, ws))))), |joint: &str| !joint.is_empty())(
        input,
    )
}

/// What joins two effect estimates of a list, each with its CI: `, `, ` and `, `, and `,
/// `; `, `; and `, ` vs `, ` versus `, ` or `. Unlike [`value_joint`], a semicolon joins
/// (estimates are written `HR 0.58 (…); 0.71 (…)`) and spaces alone do not.
pub fn estimate_list_joint(input: &str) -> PResult<'_, &str> {
    recognize(tuple((
        ws,
        alt((
            tag(", and"),
            tag(",and"),
            tag("; and"),
            tag("and"),
            tag(","),
            tag(";"),
            tag("vs."),
            tag("vs"),
            tag("versus"),
            tag("or"),
        )),
        ws,
    )))(input)
}

/// Whether the words joining two values compare them: ` vs `, ` versus `, `compared`.
pub fn is_comparison_joint(joint: &str) -> bool {
    let lower = joint.to_ascii_lowercase();
    [" vs", "versus", "compared"].iter().any(|w| lower.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joints_between_values() {
        assert_eq!(value_joint(", 43.1%"), Ok(("43.1%", ", ")));
        assert_eq!(value_joint(" and 66.0 %"), Ok(("66.0 %", " and ")));
        assert_eq!(value_joint(", and 5"), Ok(("5", ", and ")));
        assert_eq!(value_joint(" vs. 11.0"), Ok(("11.0", " vs. ")));
        assert_eq!(value_joint(" compared with 8"), Ok(("8", " compared with ")));
        assert_eq!(value_joint(" 5"), Ok(("5", " ")));
        assert_eq!(value_joint(" andes"), Ok(("andes", " ")));
        assert!(value_joint("and 5").is_ok());
        assert!(value_joint("; 5").is_err());
        assert!(value_joint("5").is_err());
    }

    #[test]
    fn joints_between_estimates() {
        assert_eq!(estimate_list_joint(", and 0.71"), Ok(("0.71", ", and ")));
        assert_eq!(estimate_list_joint("; 0.71"), Ok(("0.71", "; ")));
        assert_eq!(estimate_list_joint(" vs. 0.71"), Ok(("0.71", " vs. ")));
        assert_eq!(estimate_list_joint(" or 0.71"), Ok(("0.71", " or ")));
        assert!(estimate_list_joint(" 0.71").is_err());
    }

    #[test]
    fn comparing_joints() {
        assert!(is_comparison_joint(" vs "));
        assert!(is_comparison_joint(" compared with "));
        assert!(!is_comparison_joint(", and "));
    }
}
