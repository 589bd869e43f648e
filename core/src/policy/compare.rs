//! Comparing policies over many missions (see issue 3 §5).
