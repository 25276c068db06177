//! The order in which the two sides of a comparison run: alternated, so that drifts in machine
//! load and disk latency fall on both alike.

/// Run both sides' step of run number `run`: tcui first in even runs, the other side first in
/// odd ones. Returns (tcui's result, the other side's).
pub fn alternate<A, B>(run: usize, ours: impl FnOnce() -> A, theirs: impl FnOnce() -> B) -> (A, B) {
    if run.is_multiple_of(2) {
        let a = ours();
        (a, theirs())
    } else {
        let b = theirs();
        (ours(), b)
    }
}
