//! Text as it leaves tcui: control characters made visible (they are stored as typed), widths
//! measured in terminal cells one grapheme cluster at a time (the way the terminal interface's
//! buffer measures them, checked in its tests), and text cut or padded only between clusters.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Whether `c` is shown escaped: control characters (C0, DEL, C1), which could send commands
/// to the terminal or break the layout, and the invisible bidirectional embeddings, overrides
/// and isolates, which reorder the rest of a line and so can disguise what it says.
fn hidden(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with control characters shown escaped (`\n`, `\t`, `\u{1b}`), so that they can
/// neither break the layout nor send commands to the terminal. Everything else (emoji, ZWJ
/// sequences, variation selectors, combining marks) is left as it is. Every place that puts
/// stored or received text on the screen or on standard output goes through this.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if hidden(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `text` in double quotes, as messages name what the user typed: escaped like [`visible`],
/// and otherwise shown as it is (unlike `{:?}`, which escapes ordinary emoji sequences).
pub fn quoted(text: &str) -> String {
    format!("\"{}\"", visible(text))
}

/// Cells one grapheme cluster takes; none for a cluster holding a control character, which
/// the screen leaves out. A lone ASCII character takes one; otherwise the cluster's Unicode
/// width, plus one for each halfwidth katakana sound mark (U+FF9E, U+FF9F), which terminals
/// draw in a cell of its own although Unicode gives it no width.
pub fn cluster_width(cluster: &str) -> usize {
    if cluster.contains(char::is_control) {
        0
    } else if cluster.len() == 1 {
        1
    } else {
        let marks = cluster
            .chars()
            .filter(|c| matches!(c, '\u{ff9e}' | '\u{ff9f}'))
            .count();
        cluster.width() + marks
    }
}

/// Cells `text` takes on the screen.
pub fn width(text: &str) -> usize {
    if text.is_ascii() {
        return text.bytes().filter(|b| !b.is_ascii_control()).count();
    }
    text.graphemes(true).map(cluster_width).sum()
}

/// Cells `text` takes, counted no further than `limit`: enough to size a column cheaply.
pub fn width_up_to(text: &str, limit: usize) -> usize {
    if text.is_ascii() {
        return width(text).min(limit);
    }
    let mut used = 0;
    for cluster in text.graphemes(true) {
        used += cluster_width(cluster);
        if used >= limit {
            return limit;
        }
    }
    used
}

/// Cut `text` to at most `width` cells, ending in `…` when cut. A grapheme cluster (a flag,
/// a family emoji, a letter with its accents) is kept whole or left out whole.
pub fn fit(text: &str, width: usize) -> String {
    if self::width(text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for cluster in text.graphemes(true) {
        let w = cluster_width(cluster);
        if used + w + 1 > width {
            break;
        }
        out.push_str(cluster);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// `text` fitted to `width` cells and padded with spaces after it to fill them.
pub fn pad(text: &str, width: usize) -> String {
    let text = fit(text, width);
    let gap = width.saturating_sub(self::width(&text));
    format!("{text}{:gap$}", "")
}

/// `text` fitted to `width` cells and padded with spaces before it (right-aligned).
pub fn pad_left(text: &str, width: usize) -> String {
    let text = fit(text, width);
    let gap = width.saturating_sub(self::width(&text));
    format!("{:gap$}{text}", "")
}

/// A label before a value: `text` padded to `width` cells, or whole and followed by one space
/// when it is that wide or wider, so that the value never runs into it.
pub fn label(text: &str, width: usize) -> String {
    if self::width(text) < width {
        pad(text, width)
    } else {
        format!("{text} ")
    }
}

/// `text` in at most `lines` lines of at most `width` cells, broken between words (a word
/// wider than a line is cut); when it does not all fit, the last line ends in `…`.
pub fn wrap(text: &str, width: usize, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && self::width(&line) + 1 + self::width(word) > width {
            out.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        out.push(line);
    }
    let lines = lines.max(1);
    if out.len() > lines {
        let rest = out.split_off(lines - 1).join(" ");
        out.push(rest);
    }
    out.into_iter().map(|l| fit(&l, width)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const FLAG: &str = "🇫🇷";
    const FAMILY: &str = "👨\u{200d}👩\u{200d}👧";

    #[test]
    fn control_characters_are_shown_escaped() {
        assert_eq!(visible("plain"), "plain");
        assert_eq!(visible("a\nb\tc\u{1b}[31m"), "a\\nb\\tc\\u{1b}[31m");
        assert_eq!(visible("\u{1b}]0;title\u{7}"), "\\u{1b}]0;title\\u{7}");
        assert_eq!(
            visible("c1 \u{9b}2J del \u{7f}"),
            "c1 \\u{9b}2J del \\u{7f}"
        );
        assert_eq!(visible("abc\u{202e}fed"), "abc\\u{202e}fed");
    }

    #[test]
    fn ordinary_text_is_shown_as_it_is() {
        for text in [
            FLAG,
            FAMILY,
            "❤\u{fe0f}",
            "e\u{301}te\u{301}",
            "日本語",
            "👍🏽",
        ] {
            assert_eq!(visible(text), text);
            assert_eq!(quoted(text), format!("\"{text}\""));
        }
        assert_eq!(quoted("a\nb"), "\"a\\nb\"");
    }

    #[test]
    fn widths_count_clusters() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width(FLAG), 2);
        assert_eq!(width(FAMILY), 2);
        assert_eq!(width("e\u{301}"), 1);
        assert_eq!(width("日本"), 4);
        assert_eq!(
            width("a\u{1b}b"),
            2,
            "the screen does not draw control characters"
        );
        assert_eq!(width_up_to("a long description", 5), 5);
        assert_eq!(width_up_to(&FLAG.repeat(10), 5), 5);
        assert_eq!(width_up_to(FLAG, 5), 2);
    }

    #[test]
    fn fitting_counts_cells_and_never_splits_a_cluster() {
        assert_eq!(fit("short", 10), "short");
        assert_eq!(fit("a longer text", 6), "a lon…");
        assert_eq!(fit("日本語のテキスト", 7), "日本語…");
        assert_eq!(fit("abc", 0), "");
        let flags = FLAG.repeat(3);
        assert_eq!(fit(&flags, 6), flags);
        assert_eq!(fit(&flags, 5), format!("{FLAG}{FLAG}…"));
        assert_eq!(fit(&flags, 4), format!("{FLAG}…"));
        assert_eq!(fit(&format!("{FAMILY}{FAMILY}"), 3), format!("{FAMILY}…"));
        assert_eq!(fit("ae\u{301}e\u{301}", 3), "ae\u{301}e\u{301}");
        assert_eq!(fit("ae\u{301}e\u{301}x", 3), "ae\u{301}…");
    }

    #[test]
    fn padding_counts_cells() {
        assert_eq!(pad(FLAG, 4), format!("{FLAG}  "));
        assert_eq!(pad_left("7", 3), "  7");
        assert_eq!(pad("toolong", 4), "too…");
        assert_eq!(width(&pad(FAMILY, 5)), 5);
        assert_eq!(label("ID", 4), "ID  ");
        assert_eq!(label("estimate_hours", 4), "estimate_hours ");
    }

    #[test]
    fn wrapping_breaks_between_words_and_marks_what_is_left_out() {
        assert_eq!(
            wrap("the folder does not exist", 12, 3),
            ["the folder", "does not", "exist"]
        );
        assert_eq!(wrap("short", 12, 3), ["short"]);
        assert_eq!(wrap("", 12, 3), Vec::<String>::new());
        assert_eq!(wrap("a verylongword b", 6, 3), ["a", "veryl…", "b"]);
        assert_eq!(wrap("one two three four", 9, 2), ["one two", "three fo…"]);
        assert_eq!(wrap("日本 語の テキスト", 6, 3), ["日本", "語の", "テキ…"]);
    }
}
