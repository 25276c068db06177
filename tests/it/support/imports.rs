//! The library's import graph, read from its source: which file uses which. Paths are
//! followed through `use` lines (braces, renames and globs), `pub use` re-exports (to the
//! file that defines the item) and paths written out in code; `#[cfg(test)]` items and
//! comments are left out. Its graph is what `architecture.rs` checks for cycles and layers.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

/// A path as written, with the name it is known by (`None` for a glob).
type Named = (Vec<String>, Option<String>);

/// One library file: its module path (`""` for the crate root) and what it says.
struct File {
    /// The code, without comments, strings and `#[cfg(test)]` items.
    code: String,
    /// `use` lines, each path with the name it is known by (`None` for a glob).
    uses: Vec<Named>,
    /// Paths written in code (two segments or more).
    paths: Vec<Vec<String>>,
    /// Names re-exported with `pub use`, and globs re-exported.
    exports: Vec<Named>,
}

/// The library's files by module path, and the edges between them.
pub struct Graph {
    files: BTreeMap<String, File>,
    pub edges: BTreeMap<String, BTreeSet<String>>,
}

impl Graph {
    /// Read every library file under `src` (the binary's `main.rs` and files only compiled
    /// for tests excluded).
    pub fn read(src: &Path) -> Graph {
        let mut found = Vec::new();
        walk(src, &mut found);
        let mut texts = BTreeMap::new();
        for path in found {
            let rel = path.strip_prefix(src).unwrap().with_extension("");
            let rel = rel.to_string_lossy().replace('\\', "/");
            if rel == "main" {
                continue;
            }
            let module = match rel.as_str() {
                "lib" => String::new(),
                r => r.strip_suffix("/mod").unwrap_or(r).replace('/', "::"),
            };
            let text = strip(&fs::read_to_string(&path).unwrap());
            texts.insert(module, text);
        }
        // Files declared with `#[cfg(test)] mod name;` are tests.
        let mut test_only = BTreeSet::new();
        for (module, text) in &texts {
            for name in cfg_test_modules(text) {
                test_only.insert(join(module, &name));
            }
        }
        let files: BTreeMap<String, File> = texts
            .into_iter()
            .filter(|(m, _)| !test_only.contains(m))
            .map(|(module, text)| {
                let code = drop_cfg_test(&text);
                let (uses, exports) = use_lines(&code);
                let paths = code_paths(&code);
                let file = File {
                    code,
                    uses,
                    paths,
                    exports,
                };
                (module, file)
            })
            .collect();
        let mut graph = Graph {
            files,
            edges: BTreeMap::new(),
        };
        let modules: Vec<String> = graph.files.keys().cloned().collect();
        for module in modules {
            let mut targets = BTreeSet::new();
            let file = &graph.files[&module];
            let written = file
                .uses
                .iter()
                .map(|(p, _)| p.clone())
                .chain(file.paths.iter().cloned())
                .chain(file.exports.iter().map(|(p, _)| p.clone()));
            for path in written.collect::<Vec<_>>() {
                if let Some(target) = graph.resolve(&module, &path, 0)
                    && target != module
                {
                    targets.insert(target);
                }
            }
            graph.edges.insert(module, targets);
        }
        graph
    }

    /// The file a path written in `module` leads to, if it is in the library.
    fn resolve(&self, module: &str, path: &[String], depth: usize) -> Option<String> {
        if depth > 16 || path.is_empty() {
            return None;
        }
        let (mut at, rest): (String, &[String]) = match path[0].as_str() {
            "crate" => (String::new(), &path[1..]),
            "self" => (module.to_string(), &path[1..]),
            "super" => {
                let mut at = module.to_string();
                let mut i = 0;
                while path.get(i).is_some_and(|s| s == "super") {
                    at = parent(&at);
                    i += 1;
                }
                (at, &path[i..])
            }
            first => {
                let child = join(module, first);
                if self.files.contains_key(&child) {
                    (child, &path[1..])
                } else if let Some(full) = self.imported(module, first) {
                    let mut whole = full;
                    whole.extend_from_slice(&path[1..]);
                    return self.resolve(module, &whole, depth + 1);
                } else {
                    return None;
                }
            }
        };
        for (i, segment) in rest.iter().enumerate() {
            let child = join(&at, segment);
            if self.files.contains_key(&child) {
                at = child;
                continue;
            }
            // An item of `at`: defined there, or re-exported from elsewhere.
            return Some(
                self.exported(&at, segment, &rest[i + 1..], depth)
                    .unwrap_or(at),
            );
        }
        Some(at)
    }

    /// Where `name`, re-exported by `module`, comes from.
    fn exported(&self, module: &str, name: &str, rest: &[String], depth: usize) -> Option<String> {
        let file = self.files.get(module)?;
        for (path, known_as) in &file.exports {
            let mut whole = path.clone();
            match known_as {
                Some(n) if n == name => {}
                None => whole.push(name.to_string()),
                Some(_) => continue,
            }
            whole.extend_from_slice(rest);
            if let Some(target) = self.resolve(module, &whole, depth + 1)
                && (known_as.is_some() || self.defines(&target, name))
            {
                return Some(target);
            }
        }
        None
    }

    /// The full path a `use` line of `module` gives the name `name`.
    fn imported(&self, module: &str, name: &str) -> Option<Vec<String>> {
        let file = self.files.get(module)?;
        file.uses
            .iter()
            .chain(&file.exports)
            .find(|(_, known_as)| known_as.as_deref() == Some(name))
            .map(|(p, _)| p.clone())
    }

    /// Whether `module`'s file defines an item called `name` (for globs).
    fn defines(&self, module: &str, name: &str) -> bool {
        let Some(file) = self.files.get(module) else {
            return false;
        };
        [
            "fn", "struct", "enum", "trait", "type", "const", "static", "mod",
        ]
        .iter()
        .any(|kw| file.code.contains(&format!("{kw} {name}")))
    }

    /// The import cycles: groups of two or more files that reach each other.
    pub fn cycles(&self) -> Vec<Vec<String>> {
        let mut tarjan = Tarjan {
            graph: &self.edges,
            index: HashMap::new(),
            low: HashMap::new(),
            stack: Vec::new(),
            on_stack: BTreeSet::new(),
            next: 0,
            out: Vec::new(),
        };
        for v in self.edges.keys() {
            if !tarjan.index.contains_key(v.as_str()) {
                tarjan.visit(v);
            }
        }
        tarjan.out
    }

    /// A shortest way from `from` back to itself through the edges, to show a cycle.
    pub fn loop_through(&self, from: &str) -> Vec<String> {
        let mut previous: HashMap<&str, &str> = HashMap::new();
        let mut queue = std::collections::VecDeque::from([from]);
        while let Some(v) = queue.pop_front() {
            for w in self.edges.get(v).into_iter().flatten() {
                if w == from {
                    let mut way = vec![from.to_string(), v.to_string()];
                    let mut at = v;
                    while at != from {
                        at = previous[at];
                        way.push(at.to_string());
                    }
                    way.reverse();
                    return way;
                }
                if w != from && !previous.contains_key(w.as_str()) {
                    previous.insert(w, v);
                    queue.push_back(w);
                }
            }
        }
        Vec::new()
    }

    /// The top-level module (`task`, `sync`, …) a module belongs to.
    pub fn top(module: &str) -> &str {
        module.split("::").next().unwrap_or("")
    }
}

struct Tarjan<'a> {
    graph: &'a BTreeMap<String, BTreeSet<String>>,
    index: HashMap<&'a str, usize>,
    low: HashMap<&'a str, usize>,
    stack: Vec<&'a str>,
    on_stack: BTreeSet<&'a str>,
    next: usize,
    out: Vec<Vec<String>>,
}

impl<'a> Tarjan<'a> {
    fn visit(&mut self, v: &'a str) {
        self.index.insert(v, self.next);
        self.low.insert(v, self.next);
        self.next += 1;
        self.stack.push(v);
        self.on_stack.insert(v);
        for w in self.graph.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !self.index.contains_key(w) {
                if self.graph.contains_key(w) {
                    self.visit(w);
                    self.low.insert(v, self.low[v].min(self.low[w]));
                }
            } else if self.on_stack.contains(w) {
                self.low.insert(v, self.low[v].min(self.index[w]));
            }
        }
        if self.low[v] == self.index[v] {
            let mut group = Vec::new();
            while let Some(w) = self.stack.pop() {
                self.on_stack.remove(w);
                group.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if group.len() > 1 {
                group.sort();
                self.out.push(group);
            }
        }
    }
}

/// A file's code without comments, strings and `#[cfg(test)]` items.
pub fn without_tests(text: &str) -> String {
    drop_cfg_test(&strip(text))
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

fn join(module: &str, name: &str) -> String {
    if module.is_empty() {
        name.to_string()
    } else {
        format!("{module}::{name}")
    }
}

fn parent(module: &str) -> String {
    module
        .rsplit_once("::")
        .map_or(String::new(), |(p, _)| p.to_string())
}

/// The text without comments, string and character literals (lifetimes kept).
fn strip(text: &str) -> String {
    let b: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < b.len() && b[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < b.len() {
                if b[i] == '/' && b.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if b[i] == '*' && b.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if c == 'r' && (next == Some('"') || next == Some('#')) && !ident_before(&b, i) {
            // A raw string: r"…", r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while b.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if b.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                if j >= b.len() {
                    break;
                }
                if b[j] == '"' && (0..hashes).all(|k| b.get(j + 1 + k) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            out.push_str("\"\"");
            i = j;
        } else if c == '"' {
            i += 1;
            while i < b.len() && b[i] != '"' {
                if b[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' {
            // A character literal ('x', '\n', '\u{..}'), else a lifetime.
            let close = if next == Some('\\') {
                (i + 2..b.len().min(i + 12)).find(|&k| b[k] == '\'')
            } else {
                (b.get(i + 2) == Some(&'\'')).then_some(i + 2)
            };
            match close {
                Some(k) => {
                    out.push_str("' '");
                    i = k + 1;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn ident_before(b: &[char], i: usize) -> bool {
    i > 0 && (b[i - 1].is_alphanumeric() || b[i - 1] == '_')
}

/// Names of modules declared `#[cfg(test)] mod name;` (in their own files).
fn cfg_test_modules(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("#[cfg(test)]") {
        rest = &rest[at + 12..];
        let after = rest.trim_start();
        let after = after.strip_prefix("pub(crate) ").unwrap_or(after);
        if let Some(decl) = after.strip_prefix("mod ") {
            let name: String = decl
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if decl[name.len()..].trim_start().starts_with(';') {
                out.push(name);
            }
        }
    }
    out
}

/// The text without items marked `#[cfg(test)]` (up to the end of their braces or `;`).
fn drop_cfg_test(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let mut depth = 0usize;
        let mut end = after.len();
        for (k, ch) in after.char_indices() {
            match ch {
                '{' => depth += 1,
                '}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        end = k + 1;
                        break;
                    }
                }
                ';' if depth == 0 => {
                    end = k + 1;
                    break;
                }
                _ => {}
            }
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// The `use` lines: (path, name) pairs for plain uses, and the same for `pub use` lines
/// (any `pub(…)` counts: the name is reachable through this module).
fn use_lines(text: &str) -> (Vec<Named>, Vec<Named>) {
    let tokens = tokens(text);
    let (mut uses, mut exports) = (Vec::new(), Vec::new());
    let mut i = 0;
    while i < tokens.len() {
        if tokens[i] == "use" && (i == 0 || !matches!(tokens[i - 1].as_str(), "::" | ".")) {
            let public = i > 0 && (tokens[i - 1] == "pub" || tokens[i - 1] == ")");
            let mut j = i + 1;
            let mut found = Vec::new();
            tree(&tokens, &mut j, Vec::new(), &mut found);
            if public {
                exports.extend(found);
            } else {
                uses.extend(found);
            }
            i = j;
        } else {
            i += 1;
        }
    }
    (uses, exports)
}

/// One use tree starting at `tokens[*i]`, under `prefix`.
fn tree(tokens: &[String], i: &mut usize, prefix: Vec<String>, out: &mut Vec<Named>) {
    let mut path = prefix;
    loop {
        let Some(t) = tokens.get(*i) else { return };
        match t.as_str() {
            "{" => {
                *i += 1;
                loop {
                    match tokens.get(*i).map(String::as_str) {
                        Some("}") => {
                            *i += 1;
                            return;
                        }
                        Some(",") => *i += 1,
                        None => return,
                        _ => tree(tokens, i, path.clone(), out),
                    }
                }
            }
            "*" => {
                *i += 1;
                out.push((path, None));
                return;
            }
            "::" => *i += 1,
            ";" | "," | "}" => {
                if let Some(last) = path.last().cloned() {
                    let name = if last == "self" {
                        path.pop();
                        path.last().cloned()
                    } else {
                        Some(last)
                    };
                    out.push((path, name));
                }
                return;
            }
            "as" => {
                let alias = tokens.get(*i + 1).cloned();
                *i += 2;
                if path.last().is_some_and(|l| l == "self") {
                    path.pop();
                }
                out.push((path, alias));
                return;
            }
            word => {
                path.push(word.to_string());
                *i += 1;
            }
        }
    }
}

/// Paths of two segments or more written in code (not in `use` lines).
fn code_paths(text: &str) -> Vec<Vec<String>> {
    let tokens = tokens(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if tokens[i] == "use" {
            while i < tokens.len() && tokens[i] != ";" {
                i += 1;
            }
            continue;
        }
        let starts = is_ident(&tokens[i])
            && tokens.get(i + 1).is_some_and(|t| t == "::")
            && (i == 0 || tokens[i - 1] != "::");
        if starts {
            let mut path = vec![tokens[i].clone()];
            let mut j = i + 1;
            while tokens.get(j).is_some_and(|t| t == "::")
                && tokens.get(j + 1).is_some_and(|t| is_ident(t))
            {
                path.push(tokens[j + 1].clone());
                j += 2;
            }
            out.push(path);
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

fn is_ident(t: &str) -> bool {
    t.chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
}

/// Words, `::`, and single punctuation characters.
fn tokens(text: &str) -> Vec<String> {
    let b: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < b.len() && (b[i].is_alphanumeric() || b[i] == '_') {
                i += 1;
            }
            let word: String = b[start..i].iter().collect();
            // Raw identifiers are the name itself.
            out.push(word.strip_prefix("r#").map(str::to_string).unwrap_or(word));
        } else if c == ':' && b.get(i + 1) == Some(&':') {
            out.push("::".into());
            i += 2;
        } else if c.is_whitespace() {
            i += 1;
        } else {
            out.push(c.to_string());
            i += 1;
        }
    }
    out
}
