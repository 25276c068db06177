//! Where a date picked on a calendar goes in an add, modify or filter line: the value of
//! the date attribute under (or just before) the cursor, `due:fri`, `sched:`,
//! `due.before:eow`, with Taskwarrior's abbreviations; else a new word after the word under
//! the cursor, or before a `--` when the cursor is in the description text after one.
//!
//! Pure: no I/O.

use std::ops::Range;

use super::modify::names::{DATE_ATTRIBUTES, Lookup, lookup};
use super::words::{Word, split_words_lenient};

/// Where a picked date goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateSlot {
    /// The date attribute the word under the cursor names (`scheduled` for `sched:`), whose
    /// value is at `range`; `None`: no word there names one, and the date goes in a new
    /// word at `range`, which is empty.
    pub attribute: Option<&'static str>,
    /// The byte range to replace: the value after the `:` or `=`, quotes included.
    pub range: Range<usize>,
    /// The value as typed, without its quotes (empty for a new word).
    pub value: String,
}

/// Where a date picked for the word under `cursor` (a byte offset into `input`) goes.
/// `udas` take part in abbreviations, as they do when the line is read.
pub fn date_slot(input: &str, cursor: usize, udas: &[String]) -> DateSlot {
    let mut cursor = cursor.min(input.len());
    while !input.is_char_boundary(cursor) {
        cursor -= 1;
    }
    let new_word = |at: usize| DateSlot {
        attribute: None,
        range: at..at,
        value: String::new(),
    };
    let words = split_words_lenient(input);
    let dashes = words.iter().position(|w| !w.quoted && w.text == "--");
    // A date attribute a word names, and where its value starts.
    let named = |word: &Word| {
        let raw = &input[word.span.clone()];
        raw.find([':', '='])
            .filter(|_| !word.quoted)
            .and_then(|sep| {
                let name = raw[..sep].split('.').next().unwrap_or("");
                match lookup(name, udas) {
                    Lookup::Settable(a) if DATE_ATTRIBUTES.contains(&a) => Some((a, sep)),
                    _ => None,
                }
            })
    };
    let slot = |word: &Word, attribute: &'static str, sep: usize| DateSlot {
        attribute: Some(attribute),
        range: word.span.start + sep + 1..word.span.end,
        value: word
            .text
            .split_once([':', '='])
            .map_or("", |(_, v)| v)
            .to_string(),
    };
    // Elsewhere, a `due:` the line has already takes the date rather than a second one.
    let or_due = |fallback: DateSlot| {
        words[..dashes.unwrap_or(words.len())]
            .iter()
            .find_map(|w| match named(w) {
                Some((a, sep)) if a == crate::task::keys::DUE && !w.text.contains('.') => {
                    Some(slot(w, a, sep))
                }
                _ => None,
            })
            .unwrap_or(fallback)
    };
    // After `--` everything is description: a new attribute goes before it.
    if let Some(dashes) = dashes.map(|i| &words[i])
        && cursor > dashes.span.start
    {
        return or_due(new_word(dashes.span.start));
    }
    let Some(word) = words
        .iter()
        .find(|w| w.span.start <= cursor && cursor <= w.span.end)
    else {
        return or_due(new_word(cursor));
    };
    match named(word) {
        Some((attribute, sep)) => slot(word, attribute, sep),
        None => or_due(new_word(word.span.end)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(
        input: &str,
        cursor: usize,
        attribute: Option<&str>,
        range: Range<usize>,
        value: &str,
    ) {
        let udas = ["estimate".to_string()];
        let slot = date_slot(input, cursor, &udas);
        assert_eq!(
            (slot.attribute, slot.range, slot.value.as_str()),
            (attribute, range, value),
            "{input:?} at {cursor}"
        );
    }

    #[test]
    fn the_value_of_a_date_attribute() {
        check("Buy milk due:", 13, Some("due"), 13..13, "");
        check("Buy milk due:fr", 15, Some("due"), 13..15, "fr");
        // The cursor anywhere in the word, its name included.
        check("due:eow +home", 1, Some("due"), 4..7, "eow");
        check("x sched:fri", 11, Some("scheduled"), 8..11, "fri");
        check("wa=2d", 5, Some("wait"), 3..5, "2d");
        check("due.before:eow", 14, Some("due"), 11..14, "eow");
        check(
            "until:\"2026-12-24\"",
            18,
            Some("until"),
            6..18,
            "2026-12-24",
        );
        check("ent:today end:", 14, Some("end"), 14..14, "");
    }

    #[test]
    fn elsewhere_a_new_word() {
        check("Buy milk", 8, None, 8..8, "");
        // In a word: after it.
        check("Buy milk", 5, None, 8..8, "");
        check("Buy  milk", 4, None, 4..4, "");
        check("", 0, None, 0..0, "");
        // Not a date attribute, or not one only.
        check("project:home", 12, None, 12..12, "");
        check("en:x", 4, None, 4..4, "");
        check("estimate:3", 10, None, 10..10, "");
        // Quoted text is description.
        check("\"due:x\"", 7, None, 7..7, "");
        // After `--`: before it.
        check("Call -- due:x", 13, None, 5..5, "");
        check("Call -- x", 2, None, 4..4, "");
    }

    #[test]
    fn a_due_already_in_the_line_takes_the_date() {
        // The cursor on another word: the `due:` there, not a second one.
        check(
            "Pay due:2027-01-01 +bills",
            25,
            Some("due"),
            8..18,
            "2027-01-01",
        );
        check("due: /old/new/", 14, Some("due"), 4..4, "");
        // A filter's `due.before:` is not the task's due date.
        check("due.before:eow x", 16, None, 16..16, "");
    }
}
