//! The architecture's rules, read from the source: `time/`, `task/`, `lang/`, `replica/`,
//! `sync/` and `transfer/` know nothing of terminals, home directories or configuration
//! files; `time/`, `task/` and `lang/` read no clock and draw no random numbers; `app/`
//! knows no terminal; each layer imports only the layers below it; no two library files
//! import each other, however indirectly; every file opens with a `//!` line.

use crate::support::imports;

use std::fs;
use std::path::Path;

use imports::Graph;

const PURE: &[&str] = &[
    "src/text.rs",
    "src/time",
    "src/task",
    "src/lang",
    "src/replica",
    "src/sync",
    "src/transfer",
];
/// The model and its languages: output depends only on what is passed in.
const NO_CLOCK: &[&str] = &["src/time", "src/task", "src/lang"];
const CLOCK_OR_CHANCE: &[&str] = &[
    "Utc::now",
    "Local::now",
    "SystemTime::now",
    "Instant::now",
    "new_v4",
];
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

/// The application core: no terminal, no home folder.
const HEADLESS: &[&str] = &["src/app"];
const TERMINAL: &[&str] = &[
    "ratatui",
    "crossterm",
    "directories",
    "home_dir",
    "\"HOME\"",
];

/// What each layer may import (besides itself). A layer not listed may import anything.
const LAYERS: &[(&str, &[&str])] = &[
    ("text", &[]),
    ("parallel", &[]),
    ("time", &[]),
    ("task", &["time"]),
    ("lang", &["task", "time"]),
    ("replica", &["task", "time", "parallel"]),
    ("sync", &["replica", "task", "time"]),
    ("transfer", &["replica", "task", "time", "lang", "parallel"]),
    (
        "app",
        &[
            "task", "time", "lang", "replica", "sync", "transfer", "config", "text", "parallel",
        ],
    ),
];

fn library() -> Graph {
    Graph::read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"))
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    if dir.is_file() {
        out.push(dir.to_path_buf());
        return;
    }
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

/// Check that no file under `layers` holds any of `words` (in its code without tests when
/// `code_only`); returns how many files were read.
fn no_file_mentions(layers: &[&str], words: &[&str], code_only: bool) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    for layer in layers {
        let mut files = Vec::new();
        rust_files(&root.join(layer), &mut files);
        for f in files {
            let text = fs::read_to_string(&f).unwrap();
            let text = if code_only {
                imports::without_tests(&text)
            } else {
                text
            };
            for word in words {
                assert!(!text.contains(word), "{} mentions {word}", f.display());
            }
            checked += 1;
        }
    }
    checked
}

#[test]
fn pure_layers_use_no_terminal_home_or_config() {
    let checked = no_file_mentions(PURE, FORBIDDEN, false);
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

#[test]
fn the_model_reads_no_clock_and_draws_no_random_numbers() {
    let checked = no_file_mentions(NO_CLOCK, CLOCK_OR_CHANCE, true);
    assert!(
        checked >= 20,
        "expected to check the model's files, found {checked}"
    );
}

#[test]
fn the_application_core_uses_no_terminal() {
    let checked = no_file_mentions(HEADLESS, TERMINAL, false);
    assert!(
        checked >= 3,
        "expected to check app/, found {checked} files"
    );
}

/// Every import that crosses layers against [`LAYERS`], as "from -> to".
fn layer_breaches(graph: &Graph) -> Vec<String> {
    let mut out = Vec::new();
    for (from, targets) in &graph.edges {
        let Some((_, allowed)) = LAYERS.iter().find(|(l, _)| *l == Graph::top(from)) else {
            continue;
        };
        for to in targets {
            let layer = Graph::top(to);
            if layer != Graph::top(from) && !allowed.contains(&layer) {
                out.push(format!("{from} -> {to}"));
            }
        }
    }
    out
}

#[test]
fn each_layer_imports_only_the_layers_below_it() {
    let graph = library();
    assert!(graph.edges.len() > 50, "the library's files were not read");
    let breaches = layer_breaches(&graph);
    assert!(
        breaches.is_empty(),
        "imports against the layering:\n{}",
        breaches.join("\n")
    );
}

/// The import cycles, each shown by one loop through it.
fn cycles(graph: &Graph) -> Vec<String> {
    graph
        .cycles()
        .into_iter()
        .map(|group| {
            format!(
                "{} files: {}\n  e.g. {}",
                group.len(),
                group.join(", "),
                graph.loop_through(&group[0]).join(" -> ")
            )
        })
        .collect()
}

#[test]
fn no_library_files_import_each_other() {
    let graph = library();
    let cycles = cycles(&graph);
    assert!(
        cycles.is_empty(),
        "import cycles between library files:\n{}",
        cycles.join("\n")
    );
}

/// A small library written to a temporary folder, for checking the checks.
fn sample(files: &[(&str, &str)]) -> (tempfile::TempDir, Graph) {
    let dir = tempfile::TempDir::new().unwrap();
    for (path, text) in files {
        let path = dir.path().join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    let graph = Graph::read(dir.path());
    (dir, graph)
}

#[test]
fn the_import_reader_sees_cycles_through_uses_re_exports_and_written_paths() {
    // a uses b's item through b's folder re-export; b calls a by a path written in code.
    let (_dir, graph) = sample(&[
        ("lib.rs", "//! root\npub mod a;\npub mod b;\n"),
        ("a.rs", "//! a\nuse crate::b::Thing;\npub fn f() {}\n"),
        ("b/mod.rs", "//! b\nmod inner;\npub use inner::Thing;\n"),
        (
            "b/inner.rs",
            "//! inner\npub struct Thing;\nfn g() { crate::a::f(); }\n",
        ),
    ]);
    assert_eq!(
        graph.cycles(),
        [vec!["a".to_string(), "b::inner".to_string()]]
    );
    assert_eq!(graph.loop_through("a"), ["a", "b::inner", "a"]);
    assert_eq!(cycles(&graph).len(), 1);

    // Braces, renames, `super` and `self` are followed; tests, comments and strings are not.
    let (_dir, graph) = sample(&[
        ("lib.rs", "//! root\npub mod x;\n"),
        ("x/mod.rs", "//! x\npub mod p;\npub mod q;\n"),
        (
            "x/p.rs",
            "//! p\nuse super::{q::{self as other}};\nfn f() { other::h(); }\n\
             // crate::x::q::never\n",
        ),
        (
            "x/q.rs",
            "//! q\npub fn h() {}\nconst S: &str = \"super::p::f\";\n\
             #[cfg(test)]\nmod tests {\n    use super::super::p;\n}\n",
        ),
    ]);
    assert!(graph.cycles().is_empty(), "{:?}", graph.cycles());
    assert!(graph.edges["x::p"].contains("x::q"), "{:?}", graph.edges);
    assert!(graph.edges["x::q"].is_empty(), "{:?}", graph.edges);
}

#[test]
fn the_layer_check_names_an_upward_import() {
    let (_dir, graph) = sample(&[
        ("lib.rs", "//! root\npub mod task;\npub mod tui;\n"),
        ("task.rs", "//! task\nuse crate::tui::Screen;\n"),
        ("tui.rs", "//! tui\npub struct Screen;\n"),
    ]);
    assert_eq!(layer_breaches(&graph), ["task -> tui"]);
}

/// What the command line may use of the terminal interface: starting it, with its settings.
/// Everything else it does runs on the application core.
const CLI_USES_OF_TUI: &[&str] = &["tui::run", "tui::config"];

/// Imports from the command line into the interface other than [`CLI_USES_OF_TUI`].
fn cli_reaches_into_the_interface(graph: &Graph) -> Vec<String> {
    let mut out = Vec::new();
    for (from, targets) in &graph.edges {
        if Graph::top(from) != "cli" {
            continue;
        }
        for to in targets {
            if Graph::top(to) == "tui" && !CLI_USES_OF_TUI.contains(&to.as_str()) {
                out.push(format!("{from} -> {to}"));
            }
        }
    }
    out
}

#[test]
fn the_command_line_runs_on_the_core_not_the_interface() {
    let graph = library();
    assert!(
        graph.edges.keys().any(|f| Graph::top(f) == "cli"),
        "the command line's files were not read"
    );
    let found = cli_reaches_into_the_interface(&graph);
    assert!(
        found.is_empty(),
        "the command line uses the interface:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_command_line_check_names_a_use_of_the_interfaces_state() {
    let (_dir, graph) = sample(&[
        ("lib.rs", "//! root\npub mod cli;\npub mod tui;\n"),
        (
            "cli.rs",
            "//! cli\nuse crate::tui::app::App;\nuse crate::tui::run;\n",
        ),
        ("tui/mod.rs", "//! tui\npub mod app;\npub mod run;\n"),
        ("tui/app.rs", "//! app\npub struct App;\n"),
        ("tui/run.rs", "//! run\npub fn run() {}\n"),
    ]);
    assert_eq!(cli_reaches_into_the_interface(&graph), ["cli -> tui::app"]);
}
