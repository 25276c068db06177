//! The tests' own layout: one test binary, `tests/it`, whose `main.rs` reaches every file
//! under it by `mod` declarations (a file left out would never run, silently), nothing else
//! under `tests/` that Cargo would build as a second binary; and, since every test shares the
//! one process, children started and replicas opened only through `support/children.rs`.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

fn tests_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests")
}

/// Every `.rs` file under `dir`, recursively.
fn rust_files(dir: &Path) -> BTreeSet<PathBuf> {
    let mut found = BTreeSet::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.insert(path);
        }
    }
    found
}

/// The names of the file modules `source` declares (`mod name;`, `pub mod name;`), and
/// whether it picks a module's file by a `#[path]` attribute instead.
fn declared_modules(source: &str) -> (Vec<String>, bool) {
    let mut names = Vec::new();
    let mut by_path = false;
    for line in source.lines().map(str::trim) {
        by_path |= line.starts_with("#[path");
        let mut line = line;
        // Attributes on the same line: `#[cfg(unix)] mod x;`.
        while let Some(rest) = line.strip_prefix("#[").and_then(|l| l.split_once(']')) {
            line = rest.1.trim_start();
        }
        let line = line.strip_prefix("pub ").unwrap_or(line);
        if let Some(name) = line.strip_prefix("mod ").and_then(|l| l.strip_suffix(';')) {
            names.push(name.trim().to_string());
        }
    }
    (names, by_path)
}

/// The files reachable from `main` by `mod` declarations, as rustc finds them: a module
/// declared in `main.rs` or `mod.rs` sits beside it, one declared in `name.rs` in `name/`.
fn reachable(main: &Path) -> BTreeSet<PathBuf> {
    let mut seen = BTreeSet::new();
    let mut todo = vec![main.to_path_buf()];
    while let Some(file) = todo.pop() {
        let source = fs::read_to_string(&file).unwrap();
        let (modules, by_path) = declared_modules(&source);
        assert!(
            !by_path,
            "{} picks a module's file with #[path]: declare it with `mod` where it lies",
            file.display()
        );
        let parent = file.parent().unwrap();
        let dir = match file.file_stem().unwrap().to_str().unwrap() {
            "main" | "mod" => parent.to_path_buf(),
            stem => parent.join(stem),
        };
        for name in modules {
            let candidates = [
                dir.join(format!("{name}.rs")),
                dir.join(&name).join("mod.rs"),
            ];
            let found = candidates.iter().find(|c| c.is_file()).unwrap_or_else(|| {
                panic!(
                    "{} declares `mod {name};` but has no file for it",
                    file.display()
                )
            });
            if seen.insert(found.clone()) {
                todo.push(found.clone());
            }
        }
    }
    seen.insert(main.to_path_buf());
    seen
}

/// What is wrong with the layout under `tests`, one line per problem.
fn layout_problems(tests: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    for entry in fs::read_dir(tests).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rs") {
            problems.push(format!(
                "{} is a test binary of its own: move it to tests/it/ and declare it in main.rs",
                path.display()
            ));
        }
        if path.is_dir() && path.join("main.rs").is_file() && !path.ends_with("it") {
            problems.push(format!(
                "{} is a test binary of its own: move its files to tests/it/",
                path.display()
            ));
        }
    }
    let it = tests.join("it");
    let reached = reachable(&it.join("main.rs"));
    for file in rust_files(&it).difference(&reached) {
        problems.push(format!(
            "{} never runs: declare it with `mod` in main.rs (or in the module it belongs to)",
            file.display()
        ));
    }
    problems
}

#[test]
fn every_test_file_is_a_module_of_the_one_test_binary() {
    let problems = layout_problems(&tests_dir());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let cargo = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"));
    assert!(
        !cargo.unwrap().contains("[[test]]"),
        "Cargo.toml declares a test target: tests/it/main.rs is the only one"
    );
}

#[test]
fn the_layout_check_finds_a_file_left_out_and_a_second_binary() {
    let tests = tempfile::TempDir::new().unwrap();
    let it = tests.path().join("it");
    fs::create_dir_all(it.join("support")).unwrap();
    fs::write(it.join("main.rs"), "//! main\nmod a;\nmod support;\n").unwrap();
    fs::write(it.join("a.rs"), "//! a\n#[test]\nfn t() {}\n").unwrap();
    fs::write(it.join("support").join("mod.rs"), "pub mod s;\n").unwrap();
    fs::write(it.join("support").join("s.rs"), "").unwrap();
    assert_eq!(layout_problems(tests.path()), Vec::<String>::new());

    fs::write(it.join("b.rs"), "").unwrap();
    fs::write(it.join("support").join("t.rs"), "").unwrap();
    fs::write(tests.path().join("c.rs"), "").unwrap();
    let problems = layout_problems(tests.path()).join("\n");
    for left_out in [
        "it/b.rs never runs",
        "support/t.rs never runs",
        "c.rs is a test binary",
    ] {
        assert!(problems.contains(left_out), "{left_out}: {problems}");
    }
}

/// The lines of `source` (comments aside) that start a child or open a replica directly.
fn direct_starts(source: &str) -> Vec<String> {
    let names_a_command = source.contains("ommand");
    source
        .lines()
        .map(str::trim)
        .filter(|l| !l.starts_with("//"))
        .filter(|l| {
            l.contains("Replica::open(")
                || l.contains(".spawn()")
                || l.contains(".output()")
                || (names_a_command && l.contains(".status()"))
        })
        .map(String::from)
        .collect()
}

#[test]
fn tests_start_children_and_open_replicas_in_turn() {
    let it = tests_dir().join("it");
    let mut problems = Vec::new();
    for file in rust_files(&it) {
        let name = file.strip_prefix(&it).unwrap();
        if name == Path::new("support/children.rs") || name == Path::new("layout.rs") {
            continue;
        }
        for line in direct_starts(&fs::read_to_string(&file).unwrap()) {
            problems.push(format!("{}: {line}", name.display()));
        }
    }
    assert!(
        problems.is_empty(),
        "start children with support::children::InTurn (`.output_in_turn()`, ...) and open \
         replicas with `Replica::open_in_turn` (support/children.rs says why):\n{}",
        problems.join("\n")
    );
}
