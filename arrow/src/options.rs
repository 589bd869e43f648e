//! The settings of an evaluation or a comparison.

use crate::input::Floats;
use crate::pool::Threads;

/// How to evaluate or compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Whether [`evaluate`](crate::evaluate) returns every result column
    /// (status, provenance, situation, in-kind credit, explanation codes)
    /// or the amounts alone (faster). A comparison always has them all.
    pub details: bool,
    /// How float columns of money are read.
    pub floats: Floats,
    /// At most how many threads work on the call. The default is the
    /// parallelism available to the process; a program that lets
    /// `COOPETITION_THREADS` set it (as the Python package does) sets this
    /// field from [`Threads::configured`].
    pub threads: Threads,
}

impl Default for Options {
    /// Every result column, floats refused, the parallelism available to the process.
    fn default() -> Options {
        Options { details: true, floats: Floats::Refuse, threads: Threads::default() }
    }
}
