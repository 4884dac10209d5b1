//! nom grammars for numbers, intervals and p-values.
