//! User tags: the names allowed after `+` and stored as `tag_<name>` keys.
//!
//! Pure validation; no I/O. Virtual (all-uppercase) tags live in `virtual_tags.rs`.

use std::fmt;
use std::str::FromStr;

use thiserror::Error;

use super::keys::tag_key;

/// Characters a tag may not start with, as in TaskChampion and Taskwarrior.
pub const INVALID_FIRST_CHARS: &str = "+-*/()<>^!%=~";

/// Why a name cannot be a user tag.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TagError {
    #[error("a tag cannot be empty")]
    Empty,
    #[error(
        "tag {tag:?} cannot start with {ch:?}: the first character must not be whitespace, \
         a digit or one of {INVALID_FIRST_CHARS}"
    )]
    BadFirstChar { tag: String, ch: char },
    #[error("tag {tag:?} contains {ch:?}: tags cannot contain whitespace or ':'")]
    BadChar { tag: String, ch: char },
    #[error(
        "tag {tag:?} is all uppercase, which is reserved for virtual tags such as READY; \
         use a name with a lowercase letter"
    )]
    Reserved { tag: String },
}

/// A valid user tag name (without the `+`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Tag(String);

impl Tag {
    /// Check `name` against TaskChampion's rules and wrap it.
    pub fn new(name: &str) -> Result<Tag, TagError> {
        match problem(name) {
            None => Ok(Tag(name.to_string())),
            Some(Problem::Empty) => Err(TagError::Empty),
            Some(Problem::Reserved) => Err(TagError::Reserved { tag: name.into() }),
            Some(Problem::BadFirstChar(ch)) => Err(TagError::BadFirstChar {
                tag: name.into(),
                ch,
            }),
            Some(Problem::BadChar(ch)) => Err(TagError::BadChar {
                tag: name.into(),
                ch,
            }),
        }
    }

    /// Whether `name` is a valid user tag, checked without allocating.
    pub fn is_valid(name: &str) -> bool {
        problem(name).is_none()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The task property that holds this tag: `tag_<name>`.
    pub fn key(&self) -> String {
        tag_key(&self.0)
    }
}

/// What makes a name unfit to be a tag; kept apart from [`TagError`] so that checking
/// allocates nothing.
enum Problem {
    Empty,
    Reserved,
    BadFirstChar(char),
    BadChar(char),
}

fn problem(name: &str) -> Option<Problem> {
    let mut chars = name.chars();
    let Some(first) = chars.next() else {
        return Some(Problem::Empty);
    };
    if name.chars().all(|c| c.is_ascii_uppercase()) {
        return Some(Problem::Reserved);
    }
    if first.is_whitespace() || first.is_ascii_digit() || INVALID_FIRST_CHARS.contains(first) {
        return Some(Problem::BadFirstChar(first));
    }
    chars
        .find(|c| c.is_whitespace() || *c == ':')
        .map(Problem::BadChar)
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Tag {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl FromStr for Tag {
    type Err = TagError;

    fn from_str(s: &str) -> Result<Tag, TagError> {
        Tag::new(s)
    }
}

impl TryFrom<&str> for Tag {
    type Error = TagError;

    fn try_from(s: &str) -> Result<Tag, TagError> {
        Tag::new(s)
    }
}

impl TryFrom<String> for Tag {
    type Error = TagError;

    fn try_from(s: String) -> Result<Tag, TagError> {
        Tag::new(&s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_names() {
        for ok in [
            "home", "next", "a", "Home", "aBC", "ABc", "A1", "x-y", "é", "a+b", "_x",
        ] {
            let tag = Tag::new(ok).unwrap();
            assert_eq!(tag.as_str(), ok);
            assert_eq!(tag.to_string(), ok);
            assert_eq!(tag.key(), format!("tag_{ok}"));
        }
    }

    #[test]
    fn refuses_empty() {
        assert_eq!(Tag::new(""), Err(TagError::Empty));
    }

    #[test]
    fn is_valid_agrees_with_new() {
        for name in ["home", "", "READY", "1x", "a b", "a:b", "é", "+x", "x+"] {
            assert_eq!(Tag::is_valid(name), Tag::new(name).is_ok(), "{name:?}");
        }
    }

    #[test]
    fn refuses_bad_first_chars() {
        for c in INVALID_FIRST_CHARS.chars().chain([' ', '\t', '0', '9']) {
            let name = format!("{c}abc");
            assert_eq!(
                Tag::new(&name),
                Err(TagError::BadFirstChar {
                    tag: name.clone(),
                    ch: c
                }),
                "{name:?}"
            );
        }
    }

    #[test]
    fn refuses_whitespace_and_colon_later() {
        for (name, ch) in [
            ("a b", ' '),
            ("ab\n", '\n'),
            ("due:x", ':'),
            ("a\u{a0}", '\u{a0}'),
        ] {
            assert_eq!(
                Tag::new(name),
                Err(TagError::BadChar {
                    tag: name.into(),
                    ch
                })
            );
        }
        // Characters refused only in first position are fine later on.
        assert!(Tag::new("a-b+c=d~").is_ok());
    }

    #[test]
    fn refuses_all_uppercase_names() {
        for name in ["READY", "NOTAVIRTUALTAG", "A"] {
            assert_eq!(Tag::new(name), Err(TagError::Reserved { tag: name.into() }));
        }
    }

    #[test]
    fn conversions_agree() {
        assert_eq!("home".parse::<Tag>(), Tag::new("home"));
        assert_eq!(Tag::try_from("home"), Tag::new("home"));
        assert_eq!(Tag::try_from(String::from("1x")), Tag::new("1x"));
        assert!(Tag::try_from("1x").is_err());
    }

    #[test]
    fn messages_say_what_is_wrong() {
        let msg = Tag::new("a b").unwrap_err().to_string();
        assert!(msg.contains("whitespace"), "{msg}");
        let msg = Tag::new("READY").unwrap_err().to_string();
        assert!(msg.contains("virtual"), "{msg}");
        let msg = Tag::new("+x").unwrap_err().to_string();
        assert!(msg.contains("cannot start with '+'"), "{msg}");
    }
}
