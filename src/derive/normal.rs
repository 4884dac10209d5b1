//! The standard normal distribution in double precision: `erfc`, tail probabilities, quantiles.
//!
//! Written here rather than taken from a crate because the pipeline needs only three functions.
//! `erfc` sums the positive series of `erf` below 2.5 and evaluates the continued fraction of
//! `erfc` (Lentz's method) above, so the upper tail keeps its relative precision far out
//! (p-values of 1e-12 are common in large trials). Quantiles start from Acklam's rational
//! approximation (relative error 1.15e-9) and are polished by Halley steps on that `erfc`.

use std::f64::consts::{FRAC_1_SQRT_2, PI, SQRT_2};

/// Where `erfc` switches from `1 − erf` (series) to the continued fraction.
const SERIES_LIMIT: f64 = 2.5;

/// Beyond this `erfc(x)` underflows to 0 in double precision.
const UNDERFLOW_LIMIT: f64 = 27.3;

/// The complementary error function, `erfc(x) = 1 − erf(x)`, for any `x` (NaN gives NaN).
pub fn erfc(x: f64) -> f64 {
    if x.is_nan() {
        return f64::NAN;
    }
    if x < 0.0 {
        return 2.0 - erfc(-x);
    }
    if x < SERIES_LIMIT {
        1.0 - erf_series(x)
    } else if x > UNDERFLOW_LIMIT {
        0.0
    } else {
        erfc_continued_fraction(x)
    }
}

/// `erf(x)` for `0 ≤ x < 2.5` from `erf(x) = 2/√π · e^(−x²) · Σ (2x²)ⁿ x / (1·3·…·(2n+1))`.
///
/// Every term is positive, so the sum has no cancellation.
fn erf_series(x: f64) -> f64 {
    let two_x_squared = 2.0 * x * x;
    let mut term = x;
    let mut sum = x;
    for n in 1..200 {
        term *= two_x_squared / f64::from(2 * n + 1);
        sum += term;
        if term <= sum * 1e-17 {
            break;
        }
    }
    2.0 / PI.sqrt() * (-x * x).exp() * sum
}

/// `erfc(x)` for `x ≥ 2.5` from `erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …))))`.
fn erfc_continued_fraction(x: f64) -> f64 {
    // Lentz's method on f = b0 + a1/(b1 + a2/(b2 + …)) with every b = x and a_n = n/2.
    const TINY: f64 = 1e-300;
    let mut f = x;
    let mut c = f;
    let mut d = 0.0;
    for n in 1..5000 {
        let a = f64::from(n) / 2.0;
        d = x + a * d;
        if d == 0.0 {
            d = TINY;
        }
        c = x + a / c;
        if c == 0.0 {
            c = TINY;
        }
        d = 1.0 / d;
        let delta = c * d;
        f *= delta;
        if (delta - 1.0).abs() < 1e-16 {
            break;
        }
    }
    (-x * x).exp() / PI.sqrt() / f
}

/// The upper tail `P(Z > z)` of the standard normal.
pub fn upper_tail(z: f64) -> f64 {
    0.5 * erfc(z * FRAC_1_SQRT_2)
}

/// The two-sided p-value `P(|Z| ≥ |z|)` of a normal test statistic.
pub fn two_sided_p(z: f64) -> f64 {
    erfc(z.abs() * FRAC_1_SQRT_2).min(1.0)
}

/// The quantile `Φ⁻¹(p)` of the standard normal for `0 < p < 1`; `None` outside.
pub fn quantile(p: f64) -> Option<f64> {
    if !(p > 0.0 && p < 1.0) {
        return None;
    }
    if p > 0.5 {
        // Solve in the lower tail, where p is represented without loss.
        return quantile(1.0 - p).map(|x| -x);
    }
    Some(refine_lower_quantile(acklam_lower_quantile(p), p))
}

/// The `z` with `P(Z > z) = tail` for `0 < tail < 1`, computed without forming `1 − tail`.
///
/// This is the critical value of a two-sided interval (`tail = (1 − level)/2`) or of a
/// two-sided p-value (`tail = p/2`).
pub fn upper_quantile(tail: f64) -> Option<f64> {
    quantile(tail).map(|x| -x)
}

/// Acklam's rational approximation of `Φ⁻¹(p)` for `0 < p ≤ 0.5`.
fn acklam_lower_quantile(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] =
        [7.784_695_709_041_462e-3, 3.224_671_290_700_398e-1, 2.445_134_137_142_996, 3.754_408_661_907_416];
    const P_LOW: f64 = 0.024_25;
    if p < P_LOW {
        let q = (-2.0 * p.ln()).sqrt();
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    } else {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    }
}

/// Halley steps on `Φ(x) − p = 0`, with `Φ(x) = erfc(−x/√2)/2` accurate in the lower tail.
fn refine_lower_quantile(mut x: f64, p: f64) -> f64 {
    let sqrt_two_pi = (2.0 * PI).sqrt();
    // One step suffices from Acklam's start; a second costs nothing and guards the far tail.
    for _ in 0..2 {
        let error = 0.5 * erfc(-x / SQRT_2) - p;
        let u = error * sqrt_two_pi * (x * x / 2.0).exp();
        let step = u / (1.0 + x * u / 2.0);
        if !step.is_finite() {
            break;
        }
        x -= step;
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(actual: f64, expected: f64, relative: f64) -> bool {
        (actual - expected).abs() <= relative * expected.abs()
    }

    #[test]
    fn erfc_matches_reference_values() {
        // Reference values to 16 significant digits.
        let cases = [
            (0.0, 1.0),
            (0.5, 0.479_500_122_186_953_5),
            (1.0, 0.157_299_207_050_285_1),
            (2.0, 4.677_734_981_047_266e-3),
            (2.5, 4.069_520_174_449_59e-4),
            (3.0, 2.209_049_699_858_544e-5),
            (5.0, 1.537_459_794_428_035e-12),
            (10.0, 2.088_487_583_762_545e-45),
            (-1.0, 1.842_700_792_949_715),
        ];
        for (x, expected) in cases {
            assert!(close(erfc(x), expected, 1e-13), "erfc({x}) = {} not {expected}", erfc(x));
        }
        assert_eq!(erfc(40.0), 0.0);
        assert_eq!(erfc(-40.0), 2.0);
        assert!(erfc(f64::NAN).is_nan());
    }

    #[test]
    fn erfc_is_continuous_where_methods_meet() {
        let below = erfc(SERIES_LIMIT - 1e-12);
        let above = erfc(SERIES_LIMIT);
        assert!(close(below, above, 1e-11));
    }

    #[test]
    fn quantiles_match_reference_values() {
        let cases = [
            (0.975, 1.959_963_984_540_054),
            (0.95, 1.644_853_626_951_472),
            (0.995, 2.575_829_303_548_901),
            (0.9, 1.281_551_565_544_601),
            (0.5, 0.0),
            (1e-10, -6.361_340_902_404_056),
            (0.02, -2.053_748_910_631_823),
        ];
        for (p, expected) in cases {
            let x = quantile(p).unwrap();
            assert!((x - expected).abs() < 1e-13, "quantile({p}) = {x} not {expected}");
        }
        assert_eq!(quantile(0.0), None);
        assert_eq!(quantile(1.0), None);
        assert_eq!(quantile(f64::NAN), None);
    }

    #[test]
    fn quantile_and_tail_round_trip() {
        for tail in [0.4, 0.1, 0.025, 0.005, 1e-4, 1e-8, 1e-15, 1e-100] {
            let z = upper_quantile(tail).unwrap();
            assert!(close(upper_tail(z), tail, 1e-12), "tail {tail}: z {z}, back {}", upper_tail(z));
            assert!(close(two_sided_p(z), 2.0 * tail, 1e-12));
        }
    }
}
