//! Sentence and clause segmentation.
