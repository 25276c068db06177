//! Tab completion for the add/modify command line: attribute names, projects, tags, date
//! names and priorities for the word under the cursor.
//!
//! Pure: no I/O; what can be offered (projects, tags, UDAs) is passed in.

use std::ops::Range;

use super::modify::names::{DATE_ATTRIBUTES, Lookup, SETTABLE, abbreviates, lookup};
use super::words::split_words_lenient;
use crate::task::keys;
use crate::time::DATE_SYNONYMS;

/// What completion may offer besides the fixed names.
#[derive(Debug, Clone, Copy, Default)]
pub struct CompletionSource<'a> {
    pub projects: &'a [String],
    pub tags: &'a [String],
    pub udas: &'a [String],
    /// The values a UDA takes (`uda.NAME.values`), by name.
    pub uda_values: &'a [(String, Vec<String>)],
}

/// Replacements for the word at `range`, sorted; empty when nothing fits.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Completion {
    /// The byte range of the whole word under the cursor (empty at the cursor when the
    /// cursor is between words).
    pub range: Range<usize>,
    /// Each one a full replacement for the word: `project:`, `project:Home`, `+errand`,
    /// `due:eow`.
    pub candidates: Vec<String>,
}

/// Complete the word under `cursor` (a byte offset into `input`) from the part of it
/// before the cursor:
/// - a start of an attribute or UDA name: `pro` → `project:`;
/// - `project:` values from `source.projects`, `priority:` values H, L, M, periods after
///   `recur:`, `periodic` and `chained` after `rtype:`, date names
///   after a date attribute (`due:eo` → `due:eod`, `due:eom`, ...), with or without a
///   filter's modifier (`due.before:eo`);
/// - `+`/`-` tags from `source.tags`.
///
/// Abbreviated names count (`pro:Ho` → `pro:Home`). Quoted words and words after `--` are
/// description text and get nothing.
pub fn complete(input: &str, cursor: usize, source: &CompletionSource<'_>) -> Completion {
    let mut cursor = cursor.min(input.len());
    while !input.is_char_boundary(cursor) {
        cursor -= 1;
    }
    let words = split_words_lenient(input);
    let Some(index) = words
        .iter()
        .position(|w| w.span.start <= cursor && cursor <= w.span.end)
    else {
        return Completion {
            range: cursor..cursor,
            candidates: Vec::new(),
        };
    };
    let word = &words[index];
    let text_only = word.quoted || words[..index].iter().any(|w| !w.quoted && w.text == "--");
    let candidates = if text_only {
        Vec::new()
    } else {
        candidates(&input[word.span.start..cursor], source)
    };
    Completion {
        range: word.span.clone(),
        candidates,
    }
}

/// The periods offered after `recur:`: the named ones Taskwarrior repeats by most.
const PERIODS: &[&str] = &[
    "daily",
    "weekdays",
    "weekly",
    "biweekly",
    "monthly",
    "bimonthly",
    "quarterly",
    "semiannual",
    "yearly",
];

fn candidates(partial: &str, source: &CompletionSource<'_>) -> Vec<String> {
    let mut out: Vec<String> = if let Some(rest) = partial.strip_prefix(['+', '-']) {
        let sign = &partial[..1];
        source
            .tags
            .iter()
            .filter(|t| abbreviates(rest, t))
            .map(|t| format!("{sign}{t}"))
            .collect()
    } else if let Some(sep) = partial.find([':', '=']) {
        let (head, value) = (&partial[..=sep], &partial[sep + 1..]);
        // A filter names an attribute with a modifier: `due.before:eow`, `project.not:Home`.
        let name = partial[..sep].split('.').next().unwrap_or("");
        let values: Vec<&str> = match lookup(name, source.udas) {
            Lookup::Settable(keys::PROJECT) => source.projects.iter().map(String::as_str).collect(),
            Lookup::Settable(keys::PRIORITY) => vec!["H", "M", "L"],
            Lookup::Settable(keys::RECUR) => PERIODS.to_vec(),
            Lookup::Settable(keys::RTYPE) => vec!["chained", "periodic"],
            Lookup::Settable(a) if DATE_ATTRIBUTES.contains(&a) => DATE_SYNONYMS.to_vec(),
            Lookup::Uda(uda) => source
                .uda_values
                .iter()
                .filter(|(n, _)| n == uda)
                .flat_map(|(_, vs)| vs.iter().map(String::as_str))
                .filter(|v| !v.is_empty())
                .collect(),
            _ => Vec::new(),
        };
        values
            .into_iter()
            .filter(|v| abbreviates(value, v))
            .map(|v| format!("{head}{v}"))
            .collect()
    } else if partial.is_empty() {
        Vec::new()
    } else {
        SETTABLE
            .iter()
            .copied()
            .chain(source.udas.iter().map(String::as_str))
            .filter(|a| abbreviates(partial, a))
            .map(|a| format!("{a}:"))
            .collect()
    };
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[track_caller]
    fn check(input: &str, cursor: usize, range: Range<usize>, want: &[&str]) {
        let projects = strings(&["Home", "Home.Garden", "Work"]);
        let tags = strings(&["errand", "email", "next"]);
        let udas = strings(&["estimate", "size"]);
        let values = vec![("size".to_string(), strings(&["S", "M", "L", ""]))];
        let source = CompletionSource {
            uda_values: &values,
            projects: &projects,
            tags: &tags,
            udas: &udas,
        };
        assert_eq!(
            complete(input, cursor, &source),
            Completion {
                range,
                candidates: strings(want)
            },
            "{input:?} at {cursor}"
        );
    }

    #[test]
    fn attribute_names() {
        check("pro", 3, 0..3, &["project:"]);
        check("buy pr", 6, 4..6, &["priority:", "project:"]);
        check("d", 1, 0..1, &["depends:", "description:", "due:"]);
        check("es", 2, 0..2, &["estimate:"]);
        check("xyz", 3, 0..3, &[]);
    }

    #[test]
    fn uda_values_from_the_settings() {
        check("size:", 5, 0..5, &["size:L", "size:M", "size:S"]);
        check("x si", 4, 2..4, &["size:"]);
        check("estimate:", 9, 0..9, &[]);
    }

    #[test]
    fn projects_priorities_and_dates() {
        check(
            "project:Ho",
            10,
            0..10,
            &["project:Home", "project:Home.Garden"],
        );
        check("pro:W", 5, 0..5, &["pro:Work"]);
        check("pri:", 4, 0..4, &["pri:H", "pri:L", "pri:M"]);
        check(
            "due:eo",
            6,
            0..6,
            &[
                "due:eod",
                "due:eom",
                "due:eond",
                "due:eonm",
                "due:eonq",
                "due:eonw",
                "due:eonww",
                "due:eony",
                "due:eopd",
                "due:eopm",
                "due:eopq",
                "due:eopw",
                "due:eopww",
                "due:eopy",
                "due:eoq",
                "due:eow",
                "due:eoww",
                "due:eoy",
            ],
        );
        check("wait:tom", 8, 0..8, &["wait:tomorrow"]);
        check("due.before:tom", 14, 0..14, &["due.before:tomorrow"]);
        check("pro.not:W", 9, 0..9, &["pro.not:Work"]);
        check(
            "sched:mid",
            9,
            0..9,
            &["sched:midsommar", "sched:midsommarafton"],
        );
        check("recur:w", 7, 0..7, &["recur:weekdays", "recur:weekly"]);
        check(
            "rec:",
            4,
            0..4,
            &[
                "rec:bimonthly",
                "rec:biweekly",
                "rec:daily",
                "rec:monthly",
                "rec:quarterly",
                "rec:semiannual",
                "rec:weekdays",
                "rec:weekly",
                "rec:yearly",
            ],
        );
        check("rtype:c", 7, 0..7, &["rtype:chained"]);
        check("dep:", 4, 0..4, &[]);
        check("estimate:", 9, 0..9, &[]);
    }

    #[test]
    fn tags() {
        check("+e", 2, 0..2, &["+email", "+errand"]);
        check("a -n", 4, 2..4, &["-next"]);
        check("+", 1, 0..1, &["+email", "+errand", "+next"]);
    }

    #[test]
    fn the_word_under_the_cursor() {
        // The cursor inside a word completes from the part before it, replacing it all.
        check("proxx due:x", 3, 0..5, &["project:"]);
        check("a  b", 2, 2..2, &[]);
        check("a b", 99, 2..3, &[]);
        check("é", 1, 0..2, &[]);
        check("", 0, 0..0, &[]);
    }

    #[test]
    fn quoted_text_gets_nothing() {
        check("\"pro", 4, 0..4, &[]);
        check("-- pro", 6, 3..6, &[]);
        check("project:\"Ho", 11, 0..11, &[]);
    }
}
