//! The cost of a sealed value that is not task data: a server (or an attacker) can send up to
//! 100 MiB that starts like a sealed value but was sealed for another application id. tcui
//! opens it once, fails, then names the application from the tag. The reference is one
//! ChaCha20-Poly1305 open attempt of the same bytes with `ring`: the least any check costs.
//!
//! Runs alternate between the sides; medians are printed, then `ratio <tcui / one open>`.
//!
//! Run with `cargo bench --bench envelope`.

// A benchmark that cannot unwrap what it set up stops, which is what it should do.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/stats.rs"]
#[allow(dead_code)]
mod stats;

use std::time::{Duration, Instant};

use ring::aead::{Aad, CHACHA20_POLY1305, LessSafeKey, Nonce, UnboundKey};
use stats::{Stat, ms};
use tcui::sync::{CryptoError, Cryptor};
use uuid::Uuid;

const SIZE: usize = 100 * 1024 * 1024;
const RUNS: usize = 5;
const KEY: [u8; 32] = [7; 32];

fn main() {
    let version = Uuid::new_v4();
    // Sealed for application 99, as `ring` would seal it: [1][nonce][ciphertext][tag].
    let nonce = [3u8; 12];
    let mut aad = [0u8; 17];
    aad[0] = 99;
    aad[1..].copy_from_slice(version.as_bytes());
    let key = LessSafeKey::new(UnboundKey::new(&CHACHA20_POLY1305, &KEY).unwrap());
    let mut body = vec![0x42u8; SIZE];
    let tag = key
        .seal_in_place_separate_tag(
            Nonce::assume_unique_for_key(nonce),
            Aad::from(aad),
            &mut body,
        )
        .unwrap();
    let mut sealed = Vec::with_capacity(SIZE + 29);
    sealed.push(1);
    sealed.extend_from_slice(&nonce);
    sealed.extend_from_slice(&body);
    sealed.extend_from_slice(tag.as_ref());
    drop(body);

    let cryptor = Cryptor::from_key(&KEY);
    let mut task_aad = aad;
    task_aad[0] = 1;
    let (mut tcui, mut one_open) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let start = Instant::now();
        let result = cryptor.unseal(version, &sealed);
        tcui.push(start.elapsed());
        assert_eq!(result, Err(CryptoError::OtherApplication(99)));

        let start = Instant::now();
        let mut copy = sealed[13..].to_vec();
        let opened = key
            .open_in_place(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(task_aad),
                &mut copy,
            )
            .is_ok();
        one_open.push(start.elapsed());
        assert!(!opened);
    }
    let (t, r) = (Stat::of(tcui), Stat::of(one_open));
    let show = |name: &str, s: Stat| {
        println!(
            "unseal_foreign_100mib {name:<9} median {:9.1} ms  p90 {:9.1} ms  ({} runs)",
            ms(s.median),
            ms(s.p90),
            s.runs
        );
    };
    show("tcui", t);
    show("one open", r);
    println!(
        "ratio unseal_foreign_100mib {:.2}",
        t.median.as_secs_f64()
            / r.median
                .as_secs_f64()
                .max(Duration::from_nanos(1).as_secs_f64())
    );
}
