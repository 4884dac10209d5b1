//! nom grammars for the numeric fragments of abstracts, over normalised text.
//!
//! One small function per fragment, named after what it reads, each with the shape it reads in
//! its comment: numbers, counts, percentages, confidence intervals, p-values, durations and the
//! joints of value lists. Each typed statement is parsed here and nowhere else: the finders
//! call these parsers rather than reading numbers, intervals or p-values of their own.
//! Every parser takes the normalised text (see [`crate::normalise`]) and returns what is left.

mod duration;
mod interval;
mod list;
mod number;
mod pvalue;

pub use duration::{duration, duration_list, time_unit, unit_first_time_point, Duration};
pub use interval::{
    bracketed_range_before_unit, ci_after_estimate, ci_after_value, ci_label, ci_label_at, interval,
    interval_separator, levelled_ci_labels, spread_aside, ConfidenceInterval, Interval,
};
pub use list::{estimate_list_joint, is_comparison_joint, value_joint};
pub use number::{count, decimal, percent, plus_minus, unsigned_decimal, ws, ws1};
pub use pvalue::{
    p_value, p_value_after, p_value_before, p_value_closing_comparison, p_value_later_in_bracket, PValue,
};

/// The result type of every grammar function.
pub type PResult<'a, T> = nom::IResult<&'a str, T>;

/// How many bytes of `input` a parser consumed, given what it left.
pub fn consumed(input: &str, rest: &str) -> usize {
    input.len() - rest.len()
}
