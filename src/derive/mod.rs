//! Derived fields: `yi` and `sei` for meta-analysis.
//!
//! An effect row's estimate goes on its analysis scale (`yi`: the natural log for HR, OR, RR and
//! IRR, the value itself for RD, MD and SMD) with its standard error (`sei`), in metafor's
//! naming, following Parmar et al. (1998) and Tierney et al. (2007):
//!
//! - from the confidence interval at its written level (95 when a CI has no level):
//!   `sei = (f(upper) − f(lower)) / (2 z)`, `z = Φ⁻¹(1 − (1 − level/100)/2)`, with `f` the
//!   scale's transform (`ln` or identity);
//! - else, from an exact p-value (`p_op` `=`): `sei = |yi| / Φ⁻¹(1 − p/2)`.
//!
//! `sei_source` says which (`ci` or `p`). Nothing is derived from what cannot carry it: a ratio
//! at or below zero, a reversed or empty interval, a level outside 50–99.99, a p of 0 or of 1 and
//! above, or an estimate at the null with only a p. `docs/checks.md` lists the formulas too.

pub mod normal;

use crate::model::{Kind, Num, Row};

/// The CI level assumed when a row has an interval but no written level.
pub const DEFAULT_CI_LEVEL: f64 = 95.0;

/// The lowest CI level (percent) taken as written rather than as a misreading.
pub const MIN_CI_LEVEL: f64 = 50.0;

/// The highest CI level (percent) taken as written rather than as a misreading.
pub const MAX_CI_LEVEL: f64 = 99.99;

/// The scale on which an effect measure is pooled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// Ratio measures (HR, OR, RR, IRR): analysed as natural logs; only positive values exist.
    Log,
    /// Difference measures (RD, MD, SMD): analysed as written.
    Raw,
}

impl Scale {
    /// The analysis scale of a contract measure name; `None` for an unknown measure.
    pub fn of_measure(measure: &str) -> Option<Scale> {
        match measure {
            "HR" | "OR" | "RR" | "IRR" => Some(Scale::Log),
            "RD" | "MD" | "SMD" => Some(Scale::Raw),
            _ => None,
        }
    }

    /// A value on the analysis scale; `None` for a ratio at or below zero.
    pub fn transform(self, value: f64) -> Option<f64> {
        let out = match self {
            Scale::Log if value > 0.0 => value.ln(),
            Scale::Log => return None,
            Scale::Raw => value,
        };
        out.is_finite().then_some(out)
    }

    /// The value of "no difference" on the analysis scale (ln 1 = 0, or 0).
    pub const NULL: f64 = 0.0;
}

/// Whether a CI level (percent) is one the checks and derivation accept (50 to 99.99).
pub fn ci_level_is_plausible(level: f64) -> bool {
    (MIN_CI_LEVEL..=MAX_CI_LEVEL).contains(&level)
}

/// The critical value `z` of a two-sided interval at `level` percent; `None` when implausible.
pub fn z_for_level(level: f64) -> Option<f64> {
    if !ci_level_is_plausible(level) {
        return None;
    }
    normal::upper_quantile((1.0 - level / 100.0) / 2.0)
}

/// The row's CI level: as written, else [`DEFAULT_CI_LEVEL`].
pub fn ci_level_of(row: &Row) -> f64 {
    row.ci_level.as_ref().map_or(DEFAULT_CI_LEVEL, |level| level.value)
}

/// The standard error on `scale` of an estimate whose `level`% CI is `lower` to `upper`.
pub fn sei_from_ci(scale: Scale, lower: f64, upper: f64, level: f64) -> Option<f64> {
    let z = z_for_level(level)?;
    let width = scale.transform(upper)? - scale.transform(lower)?;
    let sei = width / (2.0 * z);
    (sei.is_finite() && sei > 0.0).then_some(sei)
}

/// The standard error of `yi` from its exact two-sided p-value: `|yi| / Φ⁻¹(1 − p/2)`.
pub fn sei_from_p(yi: f64, p: f64) -> Option<f64> {
    if yi == 0.0 || !(p > 0.0 && p < 1.0) {
        return None;
    }
    let z = normal::upper_quantile(p / 2.0)?;
    let sei = yi.abs() / z;
    (sei.is_finite() && sei > 0.0).then_some(sei)
}

/// Fills `yi`, `sei` and `sei_source` on effect rows where they can be derived.
///
/// Any earlier values are replaced, so deriving twice gives the same row.
pub fn derive_row(row: &mut Row) {
    row.yi = None;
    row.sei = None;
    row.sei_source = None;
    if row.kind != Kind::Effect {
        return;
    }
    let Some(scale) = row.measure.and_then(Scale::of_measure) else { return };
    let Some(yi) = row.value.as_ref().and_then(|value| scale.transform(value.value)) else { return };
    row.yi = Some(yi);
    let from_ci = match (&row.lower, &row.upper) {
        (Some(lower), Some(upper)) => sei_from_ci(scale, lower.value, upper.value, ci_level_of(row)),
        _ => None,
    };
    if let Some(sei) = from_ci {
        row.sei = Some(sei);
        row.sei_source = Some("ci");
        return;
    }
    // An exact p stands in when the interval is missing or cannot give a standard error.
    if row.p_op == Some("=") {
        if let Some(sei) = row.p_value.as_ref().and_then(|p: &Num| sei_from_p(yi, p.value)) {
            row.sei = Some(sei);
            row.sei_source = Some("p");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn effect(measure: &'static str, value: &str, lower: Option<&str>, upper: Option<&str>) -> Row {
        let mut row = Row::new("r", Kind::Effect);
        row.measure = Some(measure);
        row.value = Num::parse(value);
        row.lower = lower.and_then(Num::parse);
        row.upper = upper.and_then(Num::parse);
        row
    }

    #[test]
    fn seed_hazard_ratio_gives_parmar_values() {
        let mut row = effect("HR", "0.58", Some("0.38"), Some("0.88"));
        row.ci_level = Num::parse("95");
        derive_row(&mut row);
        assert_eq!(format!("{:.4}", row.yi.unwrap()), "-0.5447");
        assert_eq!(format!("{:.4}", row.sei.unwrap()), "0.2142");
        assert_eq!(row.sei_source, Some("ci"));
    }

    #[test]
    fn missing_level_means_95() {
        let mut with_level = effect("OR", "1.5", Some("1.1"), Some("2.2"));
        with_level.ci_level = Num::parse("95");
        let mut without = with_level.clone();
        without.ci_level = None;
        derive_row(&mut with_level);
        derive_row(&mut without);
        assert_eq!(with_level.sei, without.sei);
    }

    #[test]
    fn a_90_percent_interval_uses_its_own_z() {
        let mut row = effect("MD", "-2.3", Some("-4.1"), Some("-0.5"));
        row.ci_level = Num::parse("90");
        derive_row(&mut row);
        assert_eq!(row.yi, Some(-2.3));
        let expected = 3.6 / (2.0 * 1.644_853_626_951_472);
        assert!((row.sei.unwrap() - expected).abs() < 1e-12);
    }

    #[test]
    fn exact_p_gives_sei_without_interval() {
        let mut row = effect("HR", "0.75", None, None);
        row.p_op = Some("=");
        row.p_value = Num::parse("0.007");
        derive_row(&mut row);
        let expected = 0.75f64.ln().abs() / 2.696_844_260_878_131;
        assert!((row.sei.unwrap() - expected).abs() < 1e-9, "{:?}", row.sei);
        assert_eq!(row.sei_source, Some("p"));
    }

    #[test]
    fn inexact_p_gives_no_sei() {
        let mut row = effect("HR", "0.75", None, None);
        row.p_op = Some("<");
        row.p_value = Num::parse("0.001");
        derive_row(&mut row);
        assert!(row.yi.is_some());
        assert_eq!(row.sei, None);
        assert_eq!(row.sei_source, None);
    }

    #[test]
    fn nothing_from_non_positive_ratio_or_null_estimate() {
        let mut row = effect("RR", "0", Some("0.1"), Some("2"));
        derive_row(&mut row);
        assert_eq!((row.yi, row.sei), (None, None));

        let mut row = effect("RR", "1.00", None, None);
        row.p_op = Some("=");
        row.p_value = Num::parse("0.99");
        derive_row(&mut row);
        assert_eq!(row.yi, Some(0.0));
        assert_eq!(row.sei, None);

        let mut row = effect("RD", "3", None, None);
        row.p_op = Some("=");
        row.p_value = Num::parse("1");
        derive_row(&mut row);
        assert_eq!(row.sei, None);
    }

    #[test]
    fn reversed_interval_or_bad_level_falls_back_to_p() {
        let mut row = effect("HR", "0.58", Some("0.88"), Some("0.38"));
        derive_row(&mut row);
        assert_eq!(row.sei, None);
        row.ci_level = Num::parse("120");
        row.lower = Num::parse("0.38");
        row.upper = Num::parse("0.88");
        row.p_op = Some("=");
        row.p_value = Num::parse("0.01");
        derive_row(&mut row);
        assert_eq!(row.sei_source, Some("p"));
    }

    #[test]
    fn other_kinds_get_nothing() {
        let mut row = Row::new("r", Kind::Survival);
        row.value = Num::parse("56.9");
        row.yi = Some(1.0);
        derive_row(&mut row);
        assert_eq!(row.yi, None);
    }
}
