//! Unicode and number normalisation with an offset map back to the original.
