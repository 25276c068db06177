//! Reading `task export` JSON for an import: tcui's reader (every record checked and turned
//! into task properties, with its line number kept for messages) against `serde_json` reading
//! the same text into plain values, the least any reader of it costs. Two sizes, 10,000 and
//! 100,000 tasks, show that the cost grows in proportion to the file.
//!
//! Runs alternate between the sides; medians are printed, then `ratio <metric> <tcui / serde_json>`
//! lines and the growth from 10,000 to 100,000 tasks for each side.
//!
//! Run with `cargo bench --bench import`.

// A benchmark that cannot unwrap what it set up stops, which is what it should do.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/stats.rs"]
#[allow(dead_code)]
mod stats;

use std::time::Instant;

use chrono::{TimeZone, Utc};
use stats::{Stat, ms};
use tcui::transfer::json::{UdaTypes, export_document, parse_export};
use uuid::Uuid;

const RUNS: usize = 5;

/// `n` tasks as `task export` writes them, one per line.
fn export_of(n: usize) -> String {
    export_document((0..n).map(|i| {
        format!(
            "{{\"id\":{},\"description\":\"Task number {i} with some words\",\
             \"entry\":\"20240501T080000Z\",\"modified\":\"20240501T080000Z\",\
             \"due\":\"20250101T170000Z\",\"project\":\"work.reports\",\"status\":\"pending\",\
             \"tags\":[\"next\",\"work\"],\"annotations\":[{{\"entry\":\"20240502T090000Z\",\
             \"description\":\"a note\"}}],\"uuid\":\"{}\",\"urgency\":4.5}}",
            i + 1,
            Uuid::from_u128(i as u128 + 1)
        )
    }))
}

fn main() {
    let now = Utc.with_ymd_and_hms(2026, 11, 30, 12, 0, 0).unwrap();
    let udas = UdaTypes::default();
    let mut medians = Vec::new();
    for n in [10_000, 100_000] {
        let text = export_of(n);
        let (mut ours, mut floor) = (Vec::new(), Vec::new());
        for _ in 0..RUNS {
            let start = Instant::now();
            let read = parse_export(&text, &udas, now, &mut Uuid::new_v4).unwrap();
            ours.push(start.elapsed());
            assert_eq!(read.len(), n);

            let start = Instant::now();
            let values: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
            floor.push(start.elapsed());
            assert_eq!(values.len(), n);
        }
        let (t, r) = (Stat::of(ours), Stat::of(floor));
        println!(
            "read_{n} ({} MB): tcui median {:8.1} ms  p90 {:8.1} ms | serde_json values median {:8.1} ms  p90 {:8.1} ms",
            text.len() / 1_000_000,
            ms(t.median),
            ms(t.p90),
            ms(r.median),
            ms(r.p90)
        );
        medians.push((n, t.median, r.median));
    }
    for (n, t, r) in &medians {
        println!("ratio read_{n} {:.2}", t.as_secs_f64() / r.as_secs_f64());
    }
    if let [(_, t10, r10), (_, t100, r100)] = medians[..] {
        println!(
            "growth 10k->100k: tcui {:.1}x, serde_json {:.1}x (10x is linear)",
            t100.as_secs_f64() / t10.as_secs_f64(),
            r100.as_secs_f64() / r10.as_secs_f64()
        );
    }
}
