//! Splitting filter text into tokens: parentheses, a leading `!`, and words separated by
//! whitespace, where quotes keep spaces and parentheses inside one word.
//!
//! Pure: no I/O.

use super::error::FilterError;
use super::limit::Limit;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TokenKind {
    Open,
    Close,
    Bang,
    Word,
}

/// One token, with the quotes of a word removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Token {
    pub kind: TokenKind,
    /// 1-based character column where the token starts.
    pub column: usize,
    /// The word without its quotes (empty for parentheses and `!`).
    pub text: String,
    /// The token as typed, for messages.
    pub raw: String,
    /// The word began with a quote: it is a plain search word, whatever it holds.
    pub quoted: bool,
    /// Byte offset in `text` of the first `:` that was outside quotes.
    pub colon: Option<usize>,
    /// `/pattern/`: `text` is the regular expression between the slashes.
    pub pattern: bool,
}

fn is_quote(c: char) -> bool {
    c == '"' || c == '\''
}

/// Split `input` into tokens.
///
/// A quote opens a quoted run only at the start of a word or right after its first `:`
/// (`project:"my project"`), so apostrophes inside words (`don't`) stay literal.
pub(super) fn lex(input: &str) -> Result<Vec<Token>, FilterError> {
    let mut tokens = Vec::new();
    let mut chars = input.char_indices().enumerate().peekable();
    let simple = |kind, column| Token {
        kind,
        column,
        text: String::new(),
        raw: String::new(),
        quoted: false,
        colon: None,
        pattern: false,
    };
    while let Some(&(n, (start, c))) = chars.peek() {
        let column = n + 1;
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        match c {
            '(' | ')' => {
                chars.next();
                let kind = if c == '(' {
                    TokenKind::Open
                } else {
                    TokenKind::Close
                };
                tokens.push(Token {
                    raw: c.to_string(),
                    ..simple(kind, column)
                });
                continue;
            }
            '!' => {
                // `!+tag` and `! term` negate; `!=` and `!~` stay words (comparisons).
                let mut ahead = chars.clone();
                ahead.next();
                if ahead
                    .peek()
                    .is_none_or(|&(_, (_, next))| next != '=' && next != '~')
                {
                    chars.next();
                    tokens.push(Token {
                        raw: "!".into(),
                        ..simple(TokenKind::Bang, column)
                    });
                    continue;
                }
            }
            _ => {}
        }
        // `/pattern/`, spaces included, up to the next `/` not escaped with `\`.
        if c == '/'
            && let Some(len) = pattern_len(&input[start..])
        {
            let raw = &input[start..start + len];
            tokens.push(Token {
                text: raw[1..len - 1].replace("\\/", "/"),
                raw: raw.to_string(),
                pattern: true,
                ..simple(TokenKind::Word, column)
            });
            for _ in 0..raw.chars().count() {
                chars.next();
            }
            continue;
        }
        let mut text = String::new();
        let mut colon = None;
        let mut quoted = false;
        let mut end = start;
        while let Some(&(qn, (i, c))) = chars.peek() {
            if c.is_whitespace() || c == '(' || c == ')' {
                break;
            }
            chars.next();
            end = i + c.len_utf8();
            let at_quote_spot = i == start || colon.is_some_and(|k| k + 1 == text.len());
            if is_quote(c) && at_quote_spot {
                if i == start {
                    quoted = true;
                }
                let mut closed = false;
                for (_, (j, inner)) in chars.by_ref() {
                    end = j + inner.len_utf8();
                    if inner == c {
                        closed = true;
                        break;
                    }
                    text.push(inner);
                }
                if !closed {
                    return Err(FilterError::UnclosedQuote {
                        column: qn + 1,
                        quote: c,
                    });
                }
                continue;
            }
            if c == ':' && colon.is_none() {
                colon = Some(text.len());
            }
            text.push(c);
        }
        tokens.push(Token {
            kind: TokenKind::Word,
            column,
            raw: input[start..end].to_string(),
            text,
            quoted,
            colon: if quoted { None } else { colon },
            pattern: false,
        });
    }
    Ok(tokens)
}

/// The length in bytes of the `/pattern/` `text` starts with, if it closes with something
/// between the slashes and ends there (at the end, a space or a parenthesis).
fn pattern_len(text: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in text.char_indices().skip(1) {
        match c {
            '\\' if !escaped => escaped = true,
            '/' if !escaped => {
                let end = i + 1;
                let after = text[end..].chars().next();
                return (i > 1 && after.is_none_or(|a| a.is_whitespace() || a == '(' || a == ')'))
                    .then_some(end);
            }
            _ => escaped = false,
        }
    }
    None
}

/// Taskwarrior's algebraic comparisons, longest first, and the modifier each stands for
/// (`>=` has no modifier name: it is spelled `.from` inside).
const COMPARISONS: &[(&str, &str)] = &[
    ("==", "is"),
    ("!=", "not"),
    ("<=", "by"),
    (">=", "from"),
    ("!~", "hasnt"),
    ("<", "before"),
    (">", "after"),
    ("=", ""),
    ("~", "has"),
];

/// Whether `s` can be an attribute's name: a letter, then letters, digits or `_`.
pub(super) fn is_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The comparison `word` starts with (all of it, for a separate operator token).
fn comparison(word: &str) -> Option<(&'static str, &'static str)> {
    COMPARISONS
        .iter()
        .copied()
        .find(|(op, _)| word.starts_with(op))
}

/// `due < eow`, `urgency>5`, `description~tax`: an attribute, a comparison and a value,
/// apart or in one word, become the attribute term they mean (`due.before:eow`), so the
/// rest of the parser sees only `name.modifier:value`.
pub(super) fn desugar(tokens: Vec<Token>) -> Result<Vec<Token>, FilterError> {
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    let mut rest = tokens.into_iter().peekable();
    while let Some(tok) = rest.next() {
        let plain =
            tok.kind == TokenKind::Word && !tok.quoted && !tok.pattern && tok.colon.is_none();
        // One word: `name<op>value`.
        if plain
            && let Some(at) = tok.text.find(['<', '>', '=', '!', '~'])
            && is_name(&tok.text[..at])
            && let Some((op, modifier)) = comparison(&tok.text[at..])
            && tok.text.len() > at + op.len()
        {
            let (name, value) = (&tok.text[..at], &tok.text[at + op.len()..]);
            out.push(attribute_token(
                &tok,
                name,
                modifier,
                value,
                tok.raw.clone(),
            ));
            continue;
        }
        // Three words: `name op value`.
        if plain && is_name(&tok.text) {
            let op = rest.peek().and_then(|next| {
                (next.kind == TokenKind::Word && !next.quoted)
                    .then(|| comparison(&next.text).filter(|(op, _)| *op == next.text))
                    .flatten()
            });
            if let Some((_, modifier)) = op
                && let Some(op_tok) = rest.next()
            {
                match rest.next_if(|v| v.kind == TokenKind::Word) {
                    Some(value) => {
                        let raw = format!("{} {} {}", tok.raw, op_tok.raw, value.raw);
                        out.push(attribute_token(&tok, &tok.text, modifier, &value.text, raw));
                    }
                    None => {
                        return Err(FilterError::MissingValue {
                            column: tok.column,
                            term: format!("{} {}", tok.raw, op_tok.raw),
                        });
                    }
                }
                continue;
            }
        }
        out.push(tok);
    }
    Ok(out)
}

fn attribute_token(first: &Token, name: &str, modifier: &str, value: &str, raw: String) -> Token {
    let head = if modifier.is_empty() {
        name.to_string()
    } else {
        format!("{name}.{modifier}")
    };
    Token {
        kind: TokenKind::Word,
        column: first.column,
        colon: Some(head.len()),
        text: format!("{head}:{value}"),
        raw,
        quoted: false,
        pattern: false,
    }
}

/// Take `limit:N` out of the tokens (Taskwarrior takes it anywhere in a filter); the last
/// one counts.
pub(super) fn take_limit(tokens: &mut Vec<Token>) -> Result<Option<Limit>, FilterError> {
    let mut limit = None;
    let mut error = None;
    tokens.retain(|tok| {
        let Some(value) = (tok.kind == TokenKind::Word && !tok.quoted && !tok.pattern)
            .then(|| tok.text.strip_prefix("limit:"))
            .flatten()
        else {
            return true;
        };
        match value.parse::<usize>() {
            Ok(n) => limit = Some(Limit::Rows(n)),
            Err(_) if value == "page" => limit = Some(Limit::Page),
            Err(_) => {
                error.get_or_insert(FilterError::BadNumber {
                    column: tok.column,
                    term: tok.raw.clone(),
                    reason: "limit takes a number of rows, such as limit:10, or page",
                });
            }
        }
        false
    });
    match error {
        Some(e) => Err(e),
        None => Ok(limit),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(input: &str) -> Vec<(TokenKind, String)> {
        lex(input)
            .unwrap()
            .into_iter()
            .map(|t| (t.kind, t.text))
            .collect()
    }

    #[test]
    fn splits_on_whitespace_and_parentheses() {
        use TokenKind::*;
        assert_eq!(
            words("(+home or\tpro:x)"),
            [
                (Open, "".into()),
                (Word, "+home".into()),
                (Word, "or".into()),
                (Word, "pro:x".into()),
                (Close, "".into()),
            ]
        );
    }

    #[test]
    fn quotes_group_words_and_are_removed() {
        let tokens = lex(r#""buy milk" project:"my (big) project" 'x y'"#).unwrap();
        assert_eq!(tokens.len(), 3);
        assert_eq!(tokens[0].text, "buy milk");
        assert!(tokens[0].quoted);
        assert_eq!(tokens[0].colon, None);
        assert_eq!(tokens[1].text, "project:my (big) project");
        assert_eq!(tokens[1].colon, Some(7));
        assert_eq!(tokens[1].raw, r#"project:"my (big) project""#);
        assert!(!tokens[1].quoted);
        assert_eq!(tokens[2].text, "x y");
        assert_eq!(tokens[2].column, 39);
    }

    #[test]
    fn apostrophes_inside_words_are_literal() {
        assert_eq!(
            words("don't desc:it's"),
            [
                (TokenKind::Word, "don't".into()),
                (TokenKind::Word, "desc:it's".into())
            ]
        );
    }

    #[test]
    fn a_quoted_word_with_a_colon_is_not_a_pair() {
        let tokens = lex(r#""due:tomorrow""#).unwrap();
        assert_eq!(tokens[0].text, "due:tomorrow");
        assert_eq!(tokens[0].colon, None);
    }

    #[test]
    fn bang_negates_what_follows() {
        use TokenKind::*;
        assert_eq!(
            words("!+home ! x"),
            [
                (Bang, "".into()),
                (Word, "+home".into()),
                (Bang, "".into()),
                (Word, "x".into())
            ]
        );
    }

    #[test]
    fn an_unclosed_quote_is_an_error_at_the_quote() {
        assert_eq!(
            lex(r#"+a desc:"half"#),
            Err(FilterError::UnclosedQuote {
                column: 9,
                quote: '"'
            })
        );
    }

    #[test]
    fn columns_count_characters() {
        let tokens = lex("été +x").unwrap();
        assert_eq!(tokens[1].column, 5);
    }
}
