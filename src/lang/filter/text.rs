//! Text needles for the filter: a value folded once at parse time and compared against
//! task text with smart case (or always or never case-sensitive, as the settings say),
//! without allocating.
//!
//! Pure: no I/O.

/// A value to look for. Lowercase values match any case; a value with an uppercase letter
/// matches case-sensitively ("smart case").
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Needle {
    text: String,
    sensitive: bool,
}

/// The one-character lowercase used on both sides of a caseless comparison. A character
/// outside ASCII stays outside it (the Kelvin sign `K` is no `k`, `İ` no `i`): ASCII needles
/// are compared byte by byte, and every needle must see the same text the same way.
fn fold(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    match c.to_lowercase().next() {
        Some(lower) if !lower.is_ascii() => lower,
        _ => c,
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

impl Needle {
    /// Smart case: case-sensitive only if `value` has an uppercase letter.
    pub(super) fn smart(value: &str) -> Needle {
        if value.chars().any(char::is_uppercase) {
            Needle {
                text: value.to_string(),
                sensitive: true,
            }
        } else {
            Needle::caseless(value)
        }
    }

    /// As `case` says.
    pub(super) fn with_case(value: &str, case: super::Case) -> Needle {
        match case {
            super::Case::Smart => Needle::smart(value),
            super::Case::Insensitive => Needle::caseless(value),
            super::Case::Sensitive => Needle::exact(value),
        }
    }

    /// Always case-sensitive.
    pub(super) fn exact(value: &str) -> Needle {
        Needle {
            text: value.to_string(),
            sensitive: true,
        }
    }

    /// Always caseless.
    pub(super) fn caseless(value: &str) -> Needle {
        Needle {
            text: value.chars().map(fold).collect(),
            sensitive: false,
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Where a match starting at byte `start` of `hay` ends, if there is one there.
    fn match_at(&self, hay: &str, start: usize) -> Option<usize> {
        let rest = hay.get(start..)?;
        if self.sensitive {
            return rest
                .starts_with(self.text.as_str())
                .then_some(start + self.text.len());
        }
        if self.text.is_ascii() {
            let n = self.text.len();
            let window = rest.as_bytes().get(..n)?;
            return window
                .eq_ignore_ascii_case(self.text.as_bytes())
                .then_some(start + n);
        }
        let mut hay_chars = rest.char_indices();
        for want in self.text.chars() {
            let (_, got) = hay_chars.next()?;
            if fold(got) != want {
                return None;
            }
        }
        Some(hay_chars.next().map_or(hay.len(), |(i, _)| start + i))
    }

    /// Whether some occurrence `[start, end)` of the needle in `hay` satisfies `accept`.
    fn any_occurrence(&self, hay: &str, accept: impl Fn(usize, usize) -> bool) -> bool {
        if self.sensitive {
            return hay
                .match_indices(self.text.as_str())
                .any(|(s, m)| accept(s, s + m.len()));
        }
        if self.text.is_ascii() {
            // An ASCII needle can only match where an ASCII byte starts, which is always a
            // character boundary, so every byte offset may be tried.
            let Some(&first) = self.text.as_bytes().first() else {
                return accept(0, 0);
            };
            return memchr::memchr2_iter(first, first.to_ascii_uppercase(), hay.as_bytes())
                .any(|s| self.match_at(hay, s).is_some_and(|e| accept(s, e)));
        }
        hay.char_indices()
            .any(|(s, _)| self.match_at(hay, s).is_some_and(|e| accept(s, e)))
    }

    /// This needle's text as `other` compares it: folded if `other` ignores case; `None` if
    /// `other` minds case and this needle does not (its matches may differ in case).
    fn seen_by(&self, other: &Needle) -> Option<std::borrow::Cow<'_, str>> {
        match (other.sensitive, self.sensitive) {
            (true, false) => None,
            (false, true) => Some(self.text.chars().map(fold).collect::<String>().into()),
            _ => Some(self.text.as_str().into()),
        }
    }

    /// Whether every text this needle is found in holds `other` too.
    pub(super) fn implies_contains(&self, other: &Needle) -> bool {
        self.seen_by(other)
            .is_some_and(|t| t.contains(other.text.as_str()))
    }

    /// Whether every text this needle starts holds `other` at its start too.
    pub(super) fn implies_starts(&self, other: &Needle) -> bool {
        self.seen_by(other)
            .is_some_and(|t| t.starts_with(other.text.as_str()))
    }

    /// Whether every text this needle ends holds `other` at its end too.
    pub(super) fn implies_ends(&self, other: &Needle) -> bool {
        self.seen_by(other)
            .is_some_and(|t| t.ends_with(other.text.as_str()))
    }

    pub(super) fn contained_in(&self, hay: &str) -> bool {
        self.any_occurrence(hay, |_, _| true)
    }

    pub(super) fn starts(&self, hay: &str) -> bool {
        self.match_at(hay, 0).is_some()
    }

    pub(super) fn ends(&self, hay: &str) -> bool {
        self.any_occurrence(hay, |_, e| e == hay.len())
    }

    pub(super) fn equals(&self, hay: &str) -> bool {
        self.match_at(hay, 0) == Some(hay.len())
    }

    /// Whether the needle occurs as a whole word: no letter, digit or `_` on either side.
    pub(super) fn word_in(&self, hay: &str) -> bool {
        self.any_occurrence(hay, |s, e| {
            !hay[..s].chars().next_back().is_some_and(is_word_char)
                && !hay[e..].chars().next().is_some_and(is_word_char)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercase_needles_ignore_case() {
        let n = Needle::smart("milk");
        assert!(n.contained_in("Buy MILK today"));
        assert!(n.contained_in("milk"));
        assert!(!n.contained_in("mil k"));
        assert!(n.starts("Milkshake"));
        assert!(!n.starts("a milk"));
        assert!(n.ends("oat Milk"));
        assert!(!n.ends("milky"));
        assert!(n.equals("MILK"));
        assert!(!n.equals("milks"));
    }

    #[test]
    fn an_uppercase_letter_makes_it_case_sensitive() {
        let n = Needle::smart("Bob");
        assert!(n.contained_in("call Bob"));
        assert!(!n.contained_in("call bob"));
        assert!(!n.equals("BOB"));
        assert!(Needle::caseless("Bob").contained_in("call bob"));
    }

    #[test]
    fn non_ascii_text_folds_per_character() {
        let n = Needle::smart("école");
        assert!(n.contained_in("Aller à l'ÉCOLE"));
        assert!(n.ends("l'École"));
        assert!(!n.contained_in("ecole"));
        // An ASCII needle skips over multi-byte characters safely.
        assert!(Needle::smart("le").contained_in("ÉCOLE"));
        assert!(Needle::smart("x").contained_in("ééx"));
    }

    #[test]
    fn words_need_non_word_characters_around_them() {
        let n = Needle::smart("cat");
        assert!(n.word_in("the cat sat"));
        assert!(n.word_in("Cat"));
        assert!(n.word_in("(cat)"));
        assert!(!n.word_in("concatenate"));
        assert!(!n.word_in("cats"));
        assert!(n.word_in("cats and cat"));
        assert!(!n.word_in("cat_1"));
    }

    #[test]
    fn empty_needles() {
        let n = Needle::smart("");
        assert!(n.is_empty());
        assert!(n.contained_in("x"));
        assert!(n.equals(""));
        assert!(!n.equals("x"));
    }
}
