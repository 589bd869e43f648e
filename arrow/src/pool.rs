//! The one scheduler of the crate: tasks taken in turn by the calling thread
//! and helper threads, at most [`Threads`] of them in all.

pub use coopetition::threads::{Threads, THREADS_VARIABLE};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Rows below which one thread evaluates everything: starting threads costs
/// more than it saves.
pub const PARALLEL_ROWS: usize = 65_536;

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
}
