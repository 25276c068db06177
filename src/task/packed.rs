//! Task properties as read from storage: sorted keys and values as offsets into one text
//! buffer, shared by the tasks loaded together, so that loading thousands of tasks costs
//! two allocations per task rather than two per property.
//!
//! Pure data: no I/O.

use std::sync::Arc;

use super::keys;

/// Properties sorted by key, as offsets into a text buffer that may be shared with other
/// tasks loaded together. Entry `i` is `ends[from + i] = (key_end, value_end)`, relative to
/// `base`; its key starts where the previous entry's value ends (at `base` for the first).
#[derive(Clone)]
pub(crate) struct Packed {
    text: Arc<String>,
    ends: Arc<Vec<(u32, u32)>>,
    base: usize,
    from: usize,
    to: usize,
    /// Where each of [`HOT`] is, noted while the keys are checked: filters and views read
    /// these of every task on every keystroke. [`ABSENT`] if the task has none.
    hot: [u8; HOT.len()],
    /// Where the first annotation is (a search word looks in every annotation), or
    /// [`ABSENT`].
    annotations: u8,
}

/// The properties read most often, found without a search.
const HOT: [&str; 4] = [keys::DESCRIPTION, keys::DUE, keys::PROJECT, keys::STATUS];
const ABSENT: u8 = u8::MAX;

/// Where `key` is in [`HOT`], if it is there: by length first, the cheapest test.
#[inline]
fn hot_slot(key: &str) -> Option<usize> {
    let slot = match key.len() {
        11 => 0,
        3 => 1,
        7 => 2,
        6 => 3,
        _ => return None,
    };
    (HOT[slot] == key).then_some(slot)
}

impl Packed {
    /// Check and wrap one task's slice of shared buffers; `None` if the offsets are out of
    /// range or order, off a character boundary, or the keys are not strictly increasing.
    pub(crate) fn new(
        text: Arc<String>,
        base: usize,
        ends: Arc<Vec<(u32, u32)>>,
        from: usize,
        to: usize,
    ) -> Option<Packed> {
        if from > to || to > ends.len() {
            return None;
        }
        let mut start = base;
        let mut prev_key: Option<&str> = None;
        let mut hot = [ABSENT; HOT.len()];
        let mut annotations = ABSENT;
        for (i, &(k, v)) in ends[from..to].iter().enumerate() {
            let (k, v) = (base + k as usize, base + v as usize);
            if k < start
                || v < k
                || v > text.len()
                || !text.is_char_boundary(k)
                || !text.is_char_boundary(v)
            {
                return None;
            }
            let key = text.get(start..k)?;
            if prev_key.is_some_and(|p| p >= key) {
                return None;
            }
            if let Some(h) = hot_slot(key)
                && let Ok(i) = u8::try_from(i)
            {
                hot[h] = i;
            }
            if annotations == ABSENT
                && key.starts_with(keys::ANNOTATION_PREFIX)
                && let Ok(i) = u8::try_from(i)
            {
                annotations = i;
            }
            prev_key = Some(key);
            start = v;
        }
        Some(Packed {
            text,
            ends,
            base,
            from,
            to,
            hot,
            annotations,
        })
    }

    /// A task with buffers of its own.
    #[cfg(test)]
    pub(crate) fn single(text: String, ends: Vec<(u32, u32)>) -> Option<Packed> {
        let n = ends.len();
        Packed::new(Arc::new(text), 0, Arc::new(ends), 0, n)
    }

    pub(super) fn len(&self) -> usize {
        self.to - self.from
    }

    #[cfg(test)]
    pub(super) fn entry(&self, i: usize) -> (&str, &str) {
        let at = self.from + i;
        let start = if i == 0 {
            0
        } else {
            self.ends[at - 1].1 as usize
        };
        let (k, v) = self.ends[at];
        let (start, k, v) = (
            self.base + start,
            self.base + k as usize,
            self.base + v as usize,
        );
        (&self.text[start..k], &self.text[k..v])
    }

    /// Value `i` alone.
    pub(super) fn value(&self, i: usize) -> &str {
        let (k, v) = self.ends[self.from + i];
        &self.text[self.base + k as usize..self.base + v as usize]
    }

    /// The properties from index `i` on, in order: each key starts where the value before it
    /// ends, so walking them reads each offset once.
    pub(super) fn entries_from(&self, i: usize) -> Entries<'_> {
        let at = (self.from + i).min(self.to);
        let start = if at == self.from {
            0
        } else {
            self.ends[at - 1].1 as usize
        };
        Entries {
            text: &self.text,
            ends: &self.ends[at..self.to],
            base: self.base,
            start: self.base + start,
        }
    }

    /// Key `i` as bytes: searching compares bytes (UTF-8 sorts the same as its text), which
    /// spares the character-boundary checks of slicing text on every step.
    fn key_bytes(&self, i: usize) -> &[u8] {
        let at = self.from + i;
        let start = if i == 0 {
            0
        } else {
            self.ends[at - 1].1 as usize
        };
        let k = self.ends[at].0 as usize;
        &self.text.as_bytes()[self.base + start..self.base + k]
    }

    /// The index of the first key that starts with `prefix`, or of the first after where
    /// one would be (the length, when none could follow).
    pub(super) fn prefix_start(&self, prefix: &str) -> usize {
        if prefix == keys::ANNOTATION_PREFIX {
            // Noted when the task was read; a task with over 255 properties searches.
            match self.annotations {
                ABSENT if self.len() < usize::from(ABSENT) => return self.len(),
                ABSENT => {}
                i => return usize::from(i),
            }
        }
        self.lower_bound(prefix)
    }

    /// The index of the first key not less than `key`.
    pub(super) fn lower_bound(&self, key: &str) -> usize {
        let key = key.as_bytes();
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if compare_keys(self.key_bytes(mid), key).is_lt() {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    pub(super) fn find(&self, key: &str) -> Option<usize> {
        if let Some(h) = hot_slot(key) {
            // Noted when the task was read; a task with over 255 properties searches.
            match self.hot[h] {
                ABSENT if self.len() < usize::from(ABSENT) => return None,
                ABSENT => {}
                i => return Some(usize::from(i)),
            }
        }
        let bytes = key.as_bytes();
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            match compare_keys(self.key_bytes(mid), bytes) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }
}

/// A walk over a task's properties in order, see [`Packed::entries_from`].
#[derive(Clone)]
pub(crate) struct Entries<'a> {
    text: &'a str,
    ends: &'a [(u32, u32)],
    base: usize,
    /// Where the next key starts in `text`.
    start: usize,
}

impl<'a> Iterator for Entries<'a> {
    type Item = (&'a str, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let (&(k, v), rest) = self.ends.split_first()?;
        self.ends = rest;
        let (k, v) = (self.base + k as usize, self.base + v as usize);
        // Offsets and boundaries were checked when the task was read.
        let entry = (self.text.get(self.start..k)?, self.text.get(k..v)?);
        self.start = v;
        Some(entry)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, Some(self.ends.len()))
    }
}

/// Byte order of two property names. Names are short and usually differ in their first
/// byte, so a plain loop beats a call to `memcmp` on this hot path.
#[inline]
fn compare_keys(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
    for (x, y) in a.iter().zip(b) {
        if x != y {
            return x.cmp(y);
        }
    }
    a.len().cmp(&b.len())
}

#[cfg(test)]
impl Packed {
    /// A task with buffers of its own holding `pairs`, which must be sorted by key.
    pub(crate) fn from_pairs(pairs: &[(&str, &str)]) -> Option<Packed> {
        let mut text = String::new();
        let mut ends = Vec::new();
        for (k, v) in pairs {
            text.push_str(k);
            let k_end = text.len() as u32;
            text.push_str(v);
            ends.push((k_end, text.len() as u32));
        }
        Packed::single(text, ends)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn packed(pairs: &[(&str, &str)]) -> Option<Packed> {
        Packed::from_pairs(pairs)
    }

    #[test]
    fn hot_keys_are_found_by_their_slot_and_no_other_key_is() {
        for (i, key) in HOT.iter().enumerate() {
            assert_eq!(hot_slot(key), Some(i), "{key}");
        }
        for other in [
            "dues",
            "end",
            "priority",
            "statuz",
            "descriptioN",
            "",
            "tag_due",
        ] {
            assert_eq!(hot_slot(other), None, "{other}");
        }
    }

    #[test]
    fn keys_compare_as_bytes_do() {
        let keys = [
            "",
            "a",
            "ab",
            "b",
            "due",
            "description",
            "é",
            "tag_",
            "tags",
            "z",
        ];
        for a in keys {
            for b in keys {
                assert_eq!(
                    compare_keys(a.as_bytes(), b.as_bytes()),
                    a.as_bytes().cmp(b.as_bytes()),
                    "{a:?} {b:?}"
                );
            }
        }
    }

    #[test]
    fn annotations_start_where_the_first_one_is_however_many_properties() {
        let with = |extra: usize, annotated: bool| {
            let names: Vec<String> = (0..extra).map(|i| format!("a{i:04}")).collect();
            let mut pairs: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), "x")).collect();
            if annotated {
                pairs.push(("annotation_1", "first"));
                pairs.push(("annotation_2", "second"));
            }
            pairs.push(("description", "d"));
            pairs.push(("zz", "last"));
            packed(&pairs).unwrap()
        };
        for extra in [0, 3, 254, 300] {
            let p = with(extra, true);
            assert_eq!(p.prefix_start(keys::ANNOTATION_PREFIX), extra, "{extra}");
            assert_eq!(p.entry(extra).1, "first");
            let p = with(extra, false);
            let at = p.prefix_start(keys::ANNOTATION_PREFIX);
            assert!(
                at == p.len() || !p.entry(at).0.starts_with(keys::ANNOTATION_PREFIX),
                "{extra}: {at}"
            );
            assert_eq!(p.prefix_start("z"), p.len() - 1);
        }
    }

    #[test]
    fn bad_offsets_and_unsorted_keys_are_refused() {
        assert!(packed(&[("b", "1"), ("a", "2")]).is_none());
        assert!(packed(&[("a", "1"), ("a", "2")]).is_none());
        assert!(Packed::single("abc".into(), vec![(2, 1)]).is_none());
        assert!(Packed::single("abc".into(), vec![(1, 9)]).is_none());
        assert!(Packed::single("é".into(), vec![(1, 2)]).is_none());
        let text = Arc::new("ab".to_string());
        assert!(Packed::new(text, 0, Arc::new(vec![(1, 2)]), 0, 2).is_none());
        assert!(packed(&[]).is_some());
    }
}
