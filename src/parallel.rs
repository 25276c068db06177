//! Work shared out between threads: two halves of a job run at once on the worker threads,
//! once the process has started them, and one after the other before that.
//!
//! Starting is left to the process's entry points (a command that reads many tasks, the
//! interface), ahead of the work: a thread just started may wait milliseconds for a core,
//! while one already waiting is woken in microseconds. Code that shares work out never
//! pays that wait on its own path; without workers it runs as if on one core.
//!
//! Pure: no I/O.

use std::sync::atomic::{AtomicBool, Ordering};

static STARTED: AtomicBool = AtomicBool::new(false);

/// Start the worker threads (one per core), if not started yet, and return at once.
pub fn start_workers() {
    if !STARTED.swap(true, Ordering::AcqRel) {
        rayon::spawn(|| {});
    }
}

/// `(a(), b())`: at once on two threads if the workers are started, else in turn. A panic
/// in either is passed on.
pub fn join<A, B, RA, RB>(a: A, b: B) -> (RA, RB)
where
    A: FnOnce() -> RA + Send,
    B: FnOnce() -> RB + Send,
    RA: Send,
    RB: Send,
{
    if STARTED.load(Ordering::Acquire) {
        rayon::join(a, b)
    } else {
        (a(), b())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_halves_run_and_come_back_in_order_before_and_after_starting() {
        let data: Vec<u64> = (1..=1000).collect();
        let (left, right) = data.split_at(400);
        let sum = |part: &[u64]| part.iter().sum::<u64>();
        assert_eq!(join(|| sum(left), || sum(right)), (80_200, 420_300));
        start_workers();
        start_workers();
        assert_eq!(join(|| sum(left), || sum(right)), (80_200, 420_300));
        let on_two = join(
            || std::thread::current().id(),
            || std::thread::current().id(),
        );
        assert_ne!(on_two.0, std::thread::current().id(), "ran on the caller");
    }

    #[test]
    fn a_panic_in_a_half_reaches_the_caller() {
        start_workers();
        let caught = std::panic::catch_unwind(|| join(|| 1, || -> i32 { panic!("half") }));
        assert!(caught.is_err());
    }
}
