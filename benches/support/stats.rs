//! What the benchmarks report of their samples: median, 90th and 99th percentile.

use std::time::Duration;

/// Median and percentiles of some samples.
#[derive(Clone, Copy)]
pub struct Stat {
    pub median: Duration,
    pub p90: Duration,
    /// The smallest sample at or above 99% of them: the maximum below 100 samples.
    pub p99: Duration,
    pub runs: usize,
}

impl Stat {
    pub fn of(mut samples: Vec<Duration>) -> Stat {
        assert!(!samples.is_empty());
        samples.sort_unstable();
        let n = samples.len();
        let median = if n % 2 == 1 {
            samples[n / 2]
        } else {
            (samples[n / 2 - 1] + samples[n / 2]) / 2
        };
        let at = |per_cent: usize| samples[(n * per_cent).div_ceil(100).clamp(1, n) - 1];
        Stat {
            median,
            p90: at(90),
            p99: at(99),
            runs: n,
        }
    }
}

/// Milliseconds, for printing.
pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
