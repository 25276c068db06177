//! Regular expressions typed by users (`/pattern/` in filters, `/from/to/` in modify):
//! compiled with a size limit, and a refusal said in one line.
//!
//! Pure: no I/O.

use regex::{Regex, RegexBuilder};

/// The largest compiled program a pattern may make: a filter is read again on every key,
/// and must not build a huge automaton.
const SIZE_LIMIT: usize = 1 << 20;

/// Compile `text`, ignoring case if asked; the error says what is wrong with it.
pub(crate) fn compile(text: &str, ignore_case: bool) -> Result<Regex, String> {
    RegexBuilder::new(text)
        .case_insensitive(ignore_case)
        .size_limit(SIZE_LIMIT)
        .build()
        .map_err(|e| match e {
            regex::Error::Syntax(message) => {
                let last = message.lines().last().unwrap_or("").trim();
                let last = last.strip_prefix("error: ").unwrap_or(last);
                format!("'{text}' is not a regular expression: {last}")
            }
            _ => format!("'{text}' is too large a pattern; write a shorter one"),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiles_or_says_why_not() {
        assert!(compile("ta[xX]", false).unwrap().is_match("tax"));
        assert!(compile("TAX", true).unwrap().is_match("tax"));
        assert_eq!(
            compile("re(", false).unwrap_err(),
            "'re(' is not a regular expression: unclosed group"
        );
        assert!(
            compile("(a{1000}){1000}", false)
                .unwrap_err()
                .contains("too large")
        );
    }
}
