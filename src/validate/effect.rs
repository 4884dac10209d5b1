//! Checks on effect rows: the interval, positivity of ratios, the centre, and the p-value.

use super::{
    check_interval, clearly_less, epsilon, flag, rounding_half_unit, Span, EFFECT_CI_EXCLUDES_ESTIMATE,
    EFFECT_ESTIMATE_OFF_CENTRE, EFFECT_P_FLIPS_SIGNIFICANCE, EFFECT_P_INCONSISTENT, EFFECT_RATIO_BOUND_ZERO,
    EFFECT_RATIO_NOT_POSITIVE,
};
use crate::derive::{ci_level_of, normal, z_for_level, Scale};
use crate::model::{Num, Row};

/// How far (as a share of the CI's half-width, on the analysis scale) the estimate may sit from
/// the interval's centre beyond rounding before it is flagged.
///
/// Wald intervals put the estimate at the centre exactly; profile-likelihood, exact and
/// bootstrap intervals move it a little. A tenth of the half-width lets those pass and still
/// catches a bound that was misread or mistyped.
pub const OFF_CENTRE_SHARE: f64 = 0.1;

/// The significance level whose crossing makes a p inconsistency gross.
pub const ALPHA: f64 = 0.05;

/// Runs the single-row checks of an effect row.
pub(super) fn check(row: &mut Row) {
    let usable = check_interval(row, EFFECT_CI_EXCLUDES_ESTIMATE);
    let Some(scale) = row.measure.and_then(Scale::of_measure) else { return };
    if scale == Scale::Log && !ratio_is_positive(row) {
        return;
    }
    if !usable {
        return;
    }
    let (Some(value), Some(lower), Some(upper)) = (row.value.clone(), row.lower.clone(), row.upper.clone()) else {
        return;
    };
    let box_ = EstimateBox { scale, value: Span::of(&value), lower: Span::of(&lower), upper: Span::of(&upper) };
    let written_width = scale.transform(upper.value).zip(scale.transform(lower.value)).map(|(u, l)| u - l);
    if written_width.is_some_and(|width| box_.is_off_centre(width)) {
        flag(row, EFFECT_ESTIMATE_OFF_CENTRE);
    }
    if let Some(verdict) = check_p(row, &box_) {
        flag(row, verdict);
    }
}

/// Flags a ratio at or below zero; returns whether the log-scale checks can run.
fn ratio_is_positive(row: &mut Row) -> bool {
    let value_bad = row.value.as_ref().is_some_and(|value| value.value <= 0.0);
    let bounds = [&row.lower, &row.upper];
    let bound_negative = bounds.iter().any(|bound| bound.as_ref().is_some_and(|b| b.value < 0.0));
    let bound_zero = bounds.iter().any(|bound| bound.as_ref().is_some_and(|b| b.value == 0.0));
    if value_bad || bound_negative {
        flag(row, EFFECT_RATIO_NOT_POSITIVE);
        return false;
    }
    if bound_zero {
        // "0.00" is a positive bound rounded down: possible, but it has no logarithm.
        flag(row, EFFECT_RATIO_BOUND_ZERO);
        return false;
    }
    true
}

/// An estimate and its interval as the spans their written digits allow.
struct EstimateBox {
    scale: Scale,
    value: Span,
    lower: Span,
    upper: Span,
}

impl EstimateBox {
    /// A span moved onto the analysis scale; `None` when a ratio's span reaches zero.
    fn on_scale(&self, span: Span) -> Option<(f64, f64)> {
        Some((self.scale.transform(span.low)?, self.scale.transform(span.high)?))
    }

    /// Whether the estimate is off the interval's centre by more than rounding and
    /// [`OFF_CENTRE_SHARE`] of the half-width; `written_width` is upper − lower on the scale.
    fn is_off_centre(&self, written_width: f64) -> bool {
        let (Some(value), Some(low), Some(high)) =
            (self.on_scale(self.value), self.on_scale(self.lower), self.on_scale(self.upper))
        else {
            return false;
        };
        // The centre is increasing in both bounds, so its range comes from the span ends.
        let centre = ((low.0 + high.0) / 2.0, (low.1 + high.1) / 2.0);
        let gap = (centre.0 - value.1).max(value.0 - centre.1).max(0.0);
        let allowed = OFF_CENTRE_SHARE * written_width / 2.0;
        gap > allowed + epsilon(gap, allowed)
    }

    /// The lowest and highest two-sided p that any values within the spans give, with the
    /// interval read at `level` percent: `p = 2·(1 − Φ(|yi| / sei))`, `sei = width / (2 z)`.
    fn p_range(&self, level: f64) -> Option<(f64, f64)> {
        let z_level = z_for_level(level)?;
        let value = self.on_scale(self.value)?;
        let lower = self.on_scale(self.lower)?;
        let upper = self.on_scale(self.upper)?;
        let widest = upper.1 - lower.0;
        let narrowest = upper.0 - lower.1;
        if widest <= 0.0 {
            return None;
        }
        let nearest_null =
            if value.0 <= Scale::NULL && Scale::NULL <= value.1 { 0.0 } else { value.0.abs().min(value.1.abs()) };
        let farthest_null = value.0.abs().max(value.1.abs());
        let z_smallest = nearest_null * 2.0 * z_level / widest;
        let z_largest = if narrowest > 0.0 { farthest_null * 2.0 * z_level / narrowest } else { f64::INFINITY };
        Some((normal::two_sided_p(z_largest), normal::two_sided_p(z_smallest)))
    }
}

/// What a written p claims about significance at [`ALPHA`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Claim {
    Significant,
    NotSignificant,
    Unclear,
}

/// The statcheck-style p check: `None` when consistent or not checkable, else the failed check.
fn check_p(row: &Row, box_: &EstimateBox) -> Option<super::Check> {
    let (op, p) = (row.p_op?, row.p_value.as_ref()?);
    if !(0.0..=1.0).contains(&p.value) {
        return None;
    }
    let (recomputed_low, recomputed_high) = box_.p_range(ci_level_of(row))?;
    let (consistent, claim) = compare_p(op, p, recomputed_low, recomputed_high)?;
    if consistent {
        return None;
    }
    let recomputed = if recomputed_high < ALPHA {
        Claim::Significant
    } else if recomputed_low > ALPHA {
        Claim::NotSignificant
    } else {
        Claim::Unclear
    };
    let gross = matches!(
        (claim, recomputed),
        (Claim::Significant, Claim::NotSignificant) | (Claim::NotSignificant, Claim::Significant)
    );
    Some(if gross { EFFECT_P_FLIPS_SIGNIFICANCE } else { EFFECT_P_INCONSISTENT })
}

/// Whether a written p (operator and digits) admits a recomputed p in `[low, high]`, and what it
/// claims about significance; `None` for an unknown operator.
fn compare_p(op: &str, p: &Num, low: f64, high: f64) -> Option<(bool, Claim)> {
    let written = p.value;
    let claim = |significant: bool, not_significant: bool| {
        if significant {
            Claim::Significant
        } else if not_significant {
            Claim::NotSignificant
        } else {
            Claim::Unclear
        }
    };
    Some(match op {
        "=" => {
            let half = rounding_half_unit(p);
            let (from, to) = ((written - half).max(0.0), (written + half).min(1.0));
            let consistent = !clearly_less(to, low) && !clearly_less(high, from);
            (consistent, claim(to <= ALPHA, from > ALPHA))
        }
        // A bound written with `<` or `>` is a threshold, not a rounded number.
        "<" => (low < written + epsilon(low, written), claim(written <= ALPHA, false)),
        "<=" => (low <= written + epsilon(low, written), claim(written <= ALPHA, false)),
        ">" => (high > written - epsilon(high, written), claim(false, written >= ALPHA)),
        ">=" => (high >= written - epsilon(high, written), claim(false, written >= ALPHA)),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str) -> Span {
        Span::of(&Num::parse(text).unwrap())
    }

    #[test]
    fn seed_p_range_brackets_its_written_p() {
        let box_ = EstimateBox { scale: Scale::Log, value: span("0.58"), lower: span("0.38"), upper: span("0.88") };
        let (low, high) = box_.p_range(95.0).unwrap();
        assert!(low > 0.008 && low < 0.0085, "{low}");
        assert!(high > 0.014 && high < 0.0145, "{high}");
    }

    #[test]
    fn estimate_at_null_gives_p_up_to_one() {
        let box_ = EstimateBox { scale: Scale::Raw, value: span("0.0"), lower: span("-1.0"), upper: span("1.0") };
        let (_, high) = box_.p_range(95.0).unwrap();
        assert_eq!(high, 1.0);
    }

    #[test]
    fn operators_compare_as_bounds() {
        let p = Num::parse("0.001").unwrap();
        assert_eq!(compare_p("<", &p, 0.0005, 0.002), Some((true, Claim::Significant)));
        assert_eq!(compare_p("<", &p, 0.002, 0.003).map(|c| c.0), Some(false));
        let p = Num::parse("0.05").unwrap();
        assert_eq!(compare_p(">", &p, 0.01, 0.2), Some((true, Claim::NotSignificant)));
        assert_eq!(compare_p(">", &p, 0.01, 0.03).map(|c| c.0), Some(false));
        assert_eq!(compare_p("~", &p, 0.01, 0.03), None);
    }

    #[test]
    fn p_of_zero_written_with_digits_means_below_half_a_unit() {
        let p = Num::parse("0.000").unwrap();
        assert_eq!(compare_p("=", &p, 1e-6, 1e-5).map(|c| c.0), Some(true));
        assert_eq!(compare_p("=", &p, 0.001, 0.002).map(|c| c.0), Some(false));
    }
}
