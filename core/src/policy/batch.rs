//! Columnar batch evaluation (see issue 3 §6).
