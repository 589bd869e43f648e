//! The one scheduler of the crate: tasks taken in turn by the calling thread
//! and helper threads, at most [`Threads`] of them in all.

use coopetition::Error;
use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Rows below which one thread evaluates everything: starting threads costs
/// more than it saves.
pub const PARALLEL_ROWS: usize = 65_536;

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
}

impl Default for Threads {
    fn default() -> Threads {
        Threads::available()
    }
}

/// Runs `work` on tasks `0..tasks` with at most `threads` threads and
/// returns the results in task order, or the error of the first task (in
/// task order) that failed.
///
/// Tasks are taken in increasing order, one at a time, so a busy core's
/// share goes to the others instead of being waited for. Once a task fails,
/// no later task starts; every earlier one has started and runs to its end,
/// so the error returned is the one a single thread would have met first.
/// `lost` is the error for a task whose thread ended without a result.
pub(crate) fn run<T: Send, E: Send>(
    threads: Threads,
    tasks: usize,
    work: impl Fn(usize) -> Result<T, E> + Sync,
    lost: impl Fn() -> E,
) -> Result<Vec<T>, E> {
    let workers = threads.get().min(tasks);
    if workers <= 1 {
        return (0..tasks).map(&work).collect();
    }
    let next = AtomicUsize::new(0);
    let failed = AtomicUsize::new(usize::MAX);
    let take = || {
        let mut done = Vec::new();
        loop {
            let task = next.fetch_add(1, Ordering::Relaxed);
            if task >= tasks || task > failed.load(Ordering::Relaxed) {
                return done;
            }
            let result = work(task);
            let stop = result.is_err();
            done.push((task, result));
            if stop {
                failed.fetch_min(task, Ordering::Relaxed);
                return done;
            }
        }
    };
    let mut done: Vec<(usize, Result<T, E>)> = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..workers).map(|_| scope.spawn(take)).collect();
        let mut done = take();
        for h in helpers {
            done.extend(h.join().unwrap_or_default());
        }
        done
    });
    done.sort_unstable_by_key(|(task, _)| *task);
    let mut results = Vec::with_capacity(tasks);
    for (expected, (task, result)) in done.into_iter().enumerate() {
        if task != expected {
            // A thread ended without the result of `expected`.
            return Err(lost());
        }
        results.push(result?);
    }
    if results.len() == tasks {
        Ok(results)
    } else {
        Err(lost())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_task_order_whatever_the_thread_count() {
        for n in 1..=5 {
            let threads = Threads::new(n).unwrap();
            let squares = run(threads, 100, |t| Ok::<_, ()>(t * t), || ()).unwrap();
            assert_eq!(squares, (0..100).map(|t| t * t).collect::<Vec<_>>());
        }
    }

    #[test]
    fn the_first_failing_task_in_order_is_reported() {
        for n in 1..=4 {
            let threads = Threads::new(n).unwrap();
            let r = run(threads, 50, |t| if t % 7 == 6 { Err(t) } else { Ok(t) }, || usize::MAX);
            assert_eq!(r, Err(6));
        }
    }

    #[test]
    fn zero_threads_is_refused() {
        assert_eq!(Threads::new(0).unwrap_err().code(), "input.parse.invalid");
        assert_eq!(Threads::new(3).unwrap().get(), 3);
        assert!(Threads::default().get() >= 1);
    }
}
