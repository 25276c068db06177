//! The taskrc under arbitrary bytes: reading never panics (invalid UTF-8, NULs, carriage
//! returns, huge lines, includes that loop or nest), and a write of the sync settings either
//! fails leaving the file as it was, or keeps every byte outside the keys it changes and makes
//! the given values the ones in force.

use std::collections::BTreeMap;
use std::fs;

use chrono::DateTime;
use proptest::prelude::*;
use tcui::config::{SyncChange, Taskrc, WriteMode, write_sync};
use tempfile::TempDir;

/// One line of a taskrc: anything, or something close to what a taskrc holds.
fn line() -> impl Strategy<Value = Vec<u8>> {
    let key = prop_oneof![
        Just("sync.server.url"),
        Just("sync.server.origin"),
        Just("sync.encryption_secret"),
        Just("sync.encryption.secret"),
        Just("sync.server.client_id"),
        Just("sync.local.server_dir"),
        Just("sync.aws.bucket"),
        Just("color"),
        Just("report.next.labels"),
        Just(" sync.server.url "),
        Just("syncx"),
    ];
    let bytes = proptest::collection::vec(any::<u8>(), 0..40);
    prop_oneof![
        4 => bytes.clone(),
        4 => (key, bytes.clone(), any::<bool>()).prop_map(|(k, v, comment)| {
            let mut l = format!("{k}=").into_bytes();
            l.extend(v.into_iter().filter(|b| *b != b'\n'));
            if comment {
                l.extend_from_slice(b" # caf\xe9");
            }
            l
        }),
        2 => prop_oneof![Just("a"), Just("b"), Just("./a"), Just("../d/b"), Just("missing")]
            .prop_map(|t| format!("include {t}").into_bytes()),
        1 => (0usize..200_000, any::<u8>()).prop_map(|(n, b)| vec![b; n]),
        1 => Just(b"\0\0=\0".to_vec()),
        1 => Just(b"# r\xe9glages\r".to_vec()),
    ]
}

/// A file of such lines, with or without a final newline, `\n` or `\r\n`.
fn file() -> impl Strategy<Value = Vec<u8>> {
    (
        proptest::collection::vec(line(), 0..12),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(lines, crlf, last)| {
            let end: &[u8] = if crlf { b"\r\n" } else { b"\n" };
            let mut out = Vec::new();
            for (i, l) in lines.iter().enumerate() {
                out.extend_from_slice(l);
                if i + 1 < lines.len() || last {
                    out.extend_from_slice(end);
                }
            }
            out
        })
}

fn change() -> impl Strategy<Value = SyncChange> {
    let value = prop_oneof![
        Just(None),
        Just(Some(String::new())),
        Just(Some("https://tasks.example".to_string())),
        "[a-zA-Z0-9/:._-]{1,20}".prop_map(Some),
    ];
    let key = prop_oneof![
        Just("sync.server.url"),
        Just("sync.server.origin"),
        Just("sync.encryption_secret"),
        Just("sync.encryption.secret"),
        Just("sync.local.server_dir"),
        Just("sync.aws.bucket"),
    ];
    (
        any::<bool>(),
        proptest::collection::btree_map(key.prop_map(String::from), value, 0..4),
    )
        .prop_map(|(replace, values)| SyncChange {
            mode: if replace {
                WriteMode::Replace
            } else {
                WriteMode::Merge
            },
            values,
        })
}

/// The key a line sets, read the way Taskwarrior reads it.
fn key_of(line: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(line);
    let setting = text.split('#').next().unwrap_or("");
    setting.split_once('=').map(|(k, _)| k.trim().to_string())
}

/// The lines of `bytes` whose key `keep` accepts, or that set nothing, byte for byte.
fn lines_kept(bytes: &[u8], keep: impl Fn(&str) -> bool) -> Vec<u8> {
    bytes
        .split_inclusive(|b| *b == b'\n')
        .filter(|l| key_of(l).is_none_or(|k| keep(&k)))
        .flatten()
        .copied()
        .collect()
}

/// The keys naming the same setting as `key`.
fn same_setting(key: &str) -> Vec<&str> {
    match key {
        "sync.server.url" | "sync.server.origin" => vec!["sync.server.url", "sync.server.origin"],
        "sync.encryption_secret" | "sync.encryption.secret" => {
            vec!["sync.encryption_secret", "sync.encryption.secret"]
        }
        other => vec![other],
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_read_without_panic_and_a_write_keeps_the_other_bytes(
        taskrc in file(),
        a in file(),
        b in file(),
        change in change(),
    ) {
        let dir = TempDir::new().unwrap();
        fs::create_dir(dir.path().join("d")).unwrap();
        fs::write(dir.path().join("a"), &a).unwrap();
        fs::write(dir.path().join("d").join("b"), &b).unwrap();
        fs::write(dir.path().join("b"), &b).unwrap();
        let path = dir.path().join("taskrc");
        fs::write(&path, &taskrc).unwrap();

        let read = Taskrc::read(&path, None);
        let now = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        match write_sync(&path, None, &change, now) {
            Err(_) => prop_assert_eq!(fs::read(&path).unwrap(), taskrc),
            Ok(written) => {
                prop_assert!(read.is_ok(), "a write after a failed read");
                let after = fs::read(&path).unwrap();
                prop_assert_eq!(written.written, after != taskrc);
                // Every byte outside the changed keys stays, with a final newline added.
                let touched: Vec<&str> =
                    change.values.keys().flat_map(|k| same_setting(k)).collect();
                let outside = |k: &str| match change.mode {
                    WriteMode::Replace => !k.starts_with("sync."),
                    WriteMode::Merge => !touched.contains(&k),
                };
                let mut before = lines_kept(&taskrc, outside);
                if !before.is_empty() && !before.ends_with(b"\n") {
                    before.push(b'\n');
                }
                prop_assert_eq!(lines_kept(&after, outside), before);
                if written.written {
                    prop_assert!(after.is_empty() || after.ends_with(b"\n"));
                }
                // The given values are the ones in force.
                let rc = Taskrc::read(&path, None).unwrap();
                for (key, value) in &change.values {
                    let wanted = value.as_deref().filter(|v| !v.is_empty());
                    let in_force = same_setting(key).into_iter().find_map(|k| rc.get(k));
                    prop_assert_eq!(in_force, wanted, "{}", key);
                }
                let kept: BTreeMap<_, _> = rc.values.iter().filter(|(k, _)| outside(k)).collect();
                let was = read.unwrap();
                let kept_before: BTreeMap<_, _> =
                    was.values.iter().filter(|(k, _)| outside(k)).collect();
                prop_assert_eq!(kept, kept_before);
            }
        }
    }
}
