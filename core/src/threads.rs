//! How many threads the engine may use: one setting for every parallel path,
//! the core's (state checks, snapshot reading, journal replay, compliance)
//! and the Arrow front end's.
//!
//! The core reads no file; it reads one environment variable,
//! [`THREADS_VARIABLE`], and asks the operating system which CPUs the
//! process may use.

use crate::Error;
use std::num::NonZeroUsize;

/// The environment variable that sets a process's default thread count
/// ([`Threads::configured`]): a whole number of at least 1.
pub const THREADS_VARIABLE: &str = "COOPETITION_THREADS";

/// How many threads may work on one call, the calling thread included.
///
/// The default is the parallelism available to the process (one thread where
/// it cannot be known); [`Threads::configured`] lets [`THREADS_VARIABLE`]
/// override it. Every parallel path of the crate honours it; `1` runs
/// everything on the calling thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Threads(NonZeroUsize);

impl Threads {
    /// One thread: the calling one.
    pub const ONE: Threads = Threads(NonZeroUsize::MIN);

    /// At most `count` threads.
    ///
    /// # Errors
    /// `input.parse.invalid` for zero.
    pub fn new(count: usize) -> Result<Threads, Error> {
        NonZeroUsize::new(count)
            .map(Threads)
            .ok_or_else(|| Error::Parse { value: count.to_string(), expected: "a thread count of at least 1" })
    }

    /// At most `count` threads, from a signed count (a binding's integer).
    ///
    /// # Errors
    /// `input.parse.invalid` for zero or a negative count.
    pub fn from_signed(count: i64) -> Result<Threads, Error> {
        usize::try_from(count)
            .ok()
            .and_then(NonZeroUsize::new)
            .map(Threads)
            .ok_or_else(|| Error::Parse { value: count.to_string(), expected: "a thread count of at least 1" })
    }

    /// The parallelism available to the process: on Linux, the CPUs of its
    /// affinity mask, bounded by its cgroup's CPU quota (what
    /// `std::thread::available_parallelism` reads), not the machine's count.
    pub fn available() -> Threads {
        Threads(std::thread::available_parallelism().unwrap_or(NonZeroUsize::MIN))
    }

    /// The process's default: [`THREADS_VARIABLE`] when it is set, otherwise
    /// [`Threads::available`].
    ///
    /// # Errors
    /// `input.parse.invalid`, naming the variable, when it is set to
    /// anything but a whole number of at least 1 (a setting is never ignored).
    pub fn configured() -> Result<Threads, Error> {
        let refused = |value: String| Error::Parse {
            value: format!("{THREADS_VARIABLE}={value}"),
            expected: "a thread count of at least 1 in the environment",
        };
        match std::env::var(THREADS_VARIABLE) {
            Ok(value) => value
                .trim()
                .parse::<usize>()
                .ok()
                .and_then(NonZeroUsize::new)
                .map(Threads)
                .ok_or_else(|| refused(value)),
            Err(std::env::VarError::NotPresent) => Ok(Threads::available()),
            Err(std::env::VarError::NotUnicode(raw)) => Err(refused(raw.to_string_lossy().into_owned())),
        }
    }

    /// The number of threads.
    pub fn get(self) -> usize {
        self.0.get()
    }

    /// The count for the engine's own parallel paths, which cannot fail:
    /// [`Threads::configured`], or [`Threads::available`] when the variable
    /// is not a valid count (every call that takes a thread count refuses
    /// that value with its error instead).
    pub fn for_engine() -> Threads {
        Threads::configured().unwrap_or_else(|_| Threads::available())
    }
}

impl Default for Threads {
    fn default() -> Threads {
        Threads::available()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_threads_is_refused() {
        assert_eq!(Threads::new(0).unwrap_err().code(), "input.parse.invalid");
        assert_eq!(Threads::from_signed(-1).unwrap_err().code(), "input.parse.invalid");
        assert_eq!(Threads::new(3).unwrap().get(), 3);
        assert!(Threads::default().get() >= 1);
        assert!(Threads::for_engine().get() >= 1);
    }
}
