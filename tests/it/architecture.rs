//! The layering rule: `task/`, `replica/`, `sync/` and `transfer/` know nothing of terminals,
//! home directories or configuration files; every file opens with a `//!` line.

use std::fs;
use std::path::Path;

const PURE: &[&str] = &["src/task", "src/replica", "src/sync", "src/transfer"];
const FORBIDDEN: &[&str] = &[
    "ratatui",
    "crossterm",
    "directories",
    "home_dir",
    "\"HOME\"",
    "taskrc",
    "crate::cli",
    "crate::tui",
    "crate::ui",
    "crate::config",
];

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn pure_layers_use_no_terminal_home_or_config() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    for layer in PURE {
        let mut files = Vec::new();
        rust_files(&root.join(layer), &mut files);
        for f in files {
            let text = fs::read_to_string(&f).unwrap();
            for word in FORBIDDEN {
                assert!(!text.contains(word), "{} mentions {word}", f.display());
            }
            checked += 1;
        }
    }
    assert!(
        checked >= 5,
        "expected to check the layer files, found {checked}"
    );
}

#[test]
fn every_source_file_says_what_it_owns() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    assert!(!files.is_empty());
    for f in files {
        let text = fs::read_to_string(&f).unwrap();
        assert!(
            text.starts_with("//!"),
            "{} does not open with a //! line",
            f.display()
        );
    }
}
