//! Splitting a command line into words: whitespace separates, `"..."` and `'...'` group.
//!
//! Pure: no I/O.

use std::ops::Range;

/// One word of a command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word {
    /// The word with its grouping quotes removed.
    pub text: String,
    /// Where it is in the input, quotes included.
    pub span: Range<usize>,
    /// Whether it began with a quote: such a word is always description text.
    pub quoted: bool,
}

/// Split `input` into words. A quote groups up to the matching quote when it starts a word
/// or follows `:` or `=` (`project:"my home"`); elsewhere it is an ordinary character, so
/// `Bob's` stays one word. An unclosed quote is an error: the quote and its byte offset.
pub(crate) fn split_words(input: &str) -> Result<Vec<Word>, (char, usize)> {
    scan(input, false)
}

/// As [`split_words`], but an unclosed quote runs to the end of the input (for completing
/// a line still being typed).
pub(crate) fn split_words_lenient(input: &str) -> Vec<Word> {
    scan(input, true).unwrap_or_default()
}

fn scan(input: &str, lenient: bool) -> Result<Vec<Word>, (char, usize)> {
    let mut words = Vec::new();
    let mut chars = input.char_indices().peekable();
    while let Some(&(start, _)) = chars.peek() {
        if chars.next_if(|(_, c)| c.is_whitespace()).is_some() {
            continue;
        }
        let mut word = Word {
            text: String::new(),
            span: start..input.len(),
            quoted: false,
        };
        let mut prev: Option<char> = None;
        while let Some((i, c)) = chars.next_if(|(_, c)| !c.is_whitespace()) {
            let opens = matches!(c, '"' | '\'') && matches!(prev, None | Some(':' | '='));
            if !opens {
                word.text.push(c);
                prev = Some(c);
                continue;
            }
            word.quoted |= prev.is_none();
            match input[i + 1..].find(c) {
                Some(len) => {
                    word.text.push_str(&input[i + 1..i + 1 + len]);
                    // Skip the quoted text and the closing quote.
                    while chars.next_if(|(j, _)| *j <= i + 1 + len).is_some() {}
                }
                None if lenient => {
                    word.text.push_str(&input[i + 1..]);
                    while chars.next().is_some() {}
                }
                None => return Err((c, i)),
            }
            prev = Some(c);
        }
        word.span.end = chars.peek().map_or(input.len(), |(i, _)| *i);
        words.push(word);
    }
    Ok(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(input: &str) -> Vec<(String, bool)> {
        split_words(input)
            .unwrap()
            .into_iter()
            .map(|w| (w.text, w.quoted))
            .collect()
    }

    fn w(text: &str, quoted: bool) -> (String, bool) {
        (text.to_string(), quoted)
    }

    #[test]
    fn whitespace_separates() {
        assert_eq!(
            texts("  a\tbb \n c  "),
            [w("a", false), w("bb", false), w("c", false)]
        );
        assert!(texts("   ").is_empty());
    }

    #[test]
    fn quotes_group_and_mark_words() {
        assert_eq!(
            texts(r#"say "due:fri now" 'x y'z"#),
            [w("say", false), w("due:fri now", true), w("x yz", true)]
        );
        assert_eq!(
            texts(r#"project:"my home" pri='H'"#),
            [w("project:my home", false), w("pri=H", false)]
        );
        assert_eq!(texts("Bob's cat"), [w("Bob's", false), w("cat", false)]);
        assert_eq!(texts(r#""""#), [w("", true)]);
    }

    #[test]
    fn spans_cover_the_typed_word() {
        let words = split_words(r#"ab "c d" é"#).unwrap();
        let spans: Vec<_> = words.iter().map(|w| w.span.clone()).collect();
        assert_eq!(spans, [0..2, 3..8, 9..11]);
    }

    #[test]
    fn unclosed_quotes() {
        assert_eq!(split_words(r#"a "b c"#), Err(('"', 2)));
        let words = split_words_lenient(r#"a "b c"#);
        assert_eq!(words[1].text, "b c");
        assert_eq!(words[1].span, 2..6);
    }
}
