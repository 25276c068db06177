//! Fuzzy search across a task's fields: the query as a subsequence, scored like fzf's first
//! algorithm (runs of consecutive characters and word starts score higher, gaps cost), the
//! best field winning and the description weighing most.
//!
//! Pure: no I/O. Scoring a task allocates nothing.

use crate::task::keys::{self, ANNOTATION_PREFIX, TAG_PREFIX, is_uda_key};
use crate::task::{Tag, Task};

/// Points for each matched character.
const MATCH: i32 = 16;
/// Extra points when the previous character matched too.
const CONSECUTIVE: i32 = 8;
/// Extra points for a character that starts a word.
const WORD_START: i32 = 10;
/// Extra points when the match begins the field.
const FIELD_START: i32 = 8;
/// Points lost for each character skipped inside the match.
const GAP: i32 = 1;

/// How much each field counts, in quarters.
const DESCRIPTION: u32 = 4;
const PROJECT: u32 = 3;
const TAG: u32 = 3;
const ANNOTATION: u32 = 2;
const UDA: u32 = 2;

/// A fuzzy query, folded to lowercase once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FuzzyQuery {
    chars: Vec<char>,
}

fn fold(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

fn starts_word(prev: Option<char>, c: char) -> bool {
    match prev {
        None => true,
        Some(p) => !p.is_alphanumeric() || (p.is_lowercase() && c.is_uppercase()),
    }
}

impl FuzzyQuery {
    /// A query from typed text; whitespace is ignored, case never matters.
    pub fn new(text: &str) -> FuzzyQuery {
        FuzzyQuery {
            chars: text
                .chars()
                .filter(|c| !c.is_whitespace())
                .map(fold)
                .collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// Whether every task this query matches, `wider` matches too: its characters come in
    /// this query's order, so any text holding this query holds them.
    pub fn narrows(&self, wider: &FuzzyQuery) -> bool {
        let mut mine = self.chars.iter();
        wider.chars.iter().all(|c| mine.any(|m| m == c))
    }

    /// How well `task` matches: `None` if no field holds the query as a subsequence,
    /// higher is better. The empty query matches every task with 0.
    pub fn score(&self, task: &Task) -> Option<u32> {
        if self.chars.is_empty() {
            return Some(0);
        }
        let mut best: Option<u32> = None;
        let mut consider = |text: &str, weight: u32| {
            if let Some(s) = self.score_text(text) {
                let s = s * weight / 4;
                best = Some(best.map_or(s, |b| b.max(s)));
            }
        };
        for (key, value) in task.data().iter() {
            if key == keys::DESCRIPTION {
                consider(value, DESCRIPTION);
            } else if key == keys::PROJECT {
                consider(value, PROJECT);
            } else if let Some(tag) = key.strip_prefix(TAG_PREFIX) {
                if Tag::is_valid(tag) {
                    consider(tag, TAG);
                }
            } else if key.starts_with(ANNOTATION_PREFIX) {
                consider(value, ANNOTATION);
            } else if is_uda_key(key) {
                consider(value, UDA);
            }
        }
        best
    }

    /// The score of the query in one text, if it is a subsequence of it.
    fn score_text(&self, text: &str) -> Option<u32> {
        let q = &self.chars;
        // Forward: where the leftmost complete match ends.
        let mut qi = 0;
        let mut end = None;
        for (i, c) in text.char_indices() {
            if fold(c) == q[qi] {
                qi += 1;
                if qi == q.len() {
                    end = Some(i + c.len_utf8());
                    break;
                }
            }
        }
        let end = end?;
        // Backward: the latest start that still holds the whole query before `end`.
        let mut qi = q.len();
        let mut start = 0;
        for (i, c) in text[..end].char_indices().rev() {
            if fold(c) == q[qi - 1] {
                qi -= 1;
                if qi == 0 {
                    start = i;
                    break;
                }
            }
        }
        // Score the window [start, end) greedily.
        let mut prev = text[..start].chars().next_back();
        let mut qi = 0;
        let mut score = 0;
        let mut last_matched = false;
        for (i, c) in text[start..end].char_indices() {
            if qi < q.len() && fold(c) == q[qi] {
                score += MATCH;
                if last_matched {
                    score += CONSECUTIVE;
                }
                if starts_word(prev, c) {
                    score += WORD_START;
                }
                if start + i == 0 && qi == 0 {
                    score += FIELD_START;
                }
                qi += 1;
                last_matched = true;
            } else {
                score -= GAP;
                last_matched = false;
            }
            prev = Some(c);
        }
        Some(score.max(1).unsigned_abs())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::task::{TaskData, TaskMap};
    use uuid::Uuid;

    fn task(pairs: &[(&str, &str)]) -> Task {
        let map: TaskMap = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Task::new(TaskData::new(Uuid::from_u128(1), map))
    }

    fn score(query: &str, pairs: &[(&str, &str)]) -> Option<u32> {
        FuzzyQuery::new(query).score(&task(pairs))
    }

    fn desc(query: &str, description: &str) -> Option<u32> {
        score(query, &[("description", description)])
    }

    #[test]
    fn exact_scores() {
        // a: 16 + word start 10 + field start 8; b: 16 + consecutive 8.
        assert_eq!(desc("ab", "ab"), Some(58));
        // a: 16 + 10 + 8; gap of one space: -1; b: 16 + word start 10.
        assert_eq!(desc("ab", "a b"), Some(59));
        // b at a word start, c mid-word and consecutive: 26 + 24.
        assert_eq!(desc("bc", "a bcd"), Some(50));
        // A project counts three quarters: 58 * 3 / 4.
        assert_eq!(score("ab", &[("project", "ab")]), Some(43));
    }

    #[test]
    fn a_query_narrows_the_queries_it_holds_in_order() {
        let narrows = |a: &str, b: &str| FuzzyQuery::new(a).narrows(&FuzzyQuery::new(b));
        assert!(narrows("hmgrd", "hmg"));
        assert!(narrows("hmgrd", "hgd"));
        assert!(narrows("HMG", "hm"));
        assert!(narrows("h m", "hm"));
        assert!(narrows("abc", ""));
        assert!(!narrows("hmg", "hmgrd"));
        assert!(!narrows("hmg", "mh"));
        assert!(!narrows("hm", "hmm"));
    }

    #[test]
    fn subsequences_match_and_others_do_not() {
        assert!(desc("bml", "buy milk").is_some());
        assert!(desc("BUY", "buy milk").is_some());
        assert!(desc("buy milk", "Buy Milk").is_some());
        assert!(desc("écl", "L'ÉCOLE").is_some());
        assert_eq!(desc("xyz", "buy milk"), None);
        assert_eq!(desc("mb", "buy milk"), None);
        assert_eq!(desc("x", ""), None);
    }

    #[test]
    fn runs_and_word_starts_score_higher() {
        assert!(desc("milk", "milk") > desc("milk", "make it look keen"));
        assert!(desc("gar", "garden") > desc("gar", "cigar"));
        assert!(desc("ts", "task sync") < desc("ts", "tsunami"));
        assert!(desc("sync", "sync now") > desc("sync", "saying no cake"));
        assert!(desc("tc", "TaskChampion") > desc("tc", "watch"));
    }

    #[test]
    fn every_field_is_searched_and_the_best_wins() {
        assert!(score("grdn", &[("project", "home.garden")]).is_some());
        assert!(score("urg", &[("tag_urgent", "")]).is_some());
        assert!(score("plmb", &[("annotation_5", "call the plumber")]).is_some());
        assert!(score("low", &[("brainpower", "low")]).is_some());
        assert_eq!(score("urg", &[("tag_1urgent", "")]), None);
        assert_eq!(score("pending", &[("status", "pending")]), None);
        // The description weighs most.
        assert!(desc("report", "report") > score("report", &[("project", "report")]));
        assert!(
            score("report", &[("project", "report")])
                > score("report", &[("annotation_5", "report")])
        );
        // A weak description match loses to a strong project match.
        let both = score("home", &[("description", "xhxoxmxe"), ("project", "home")]);
        assert_eq!(both, score("home", &[("project", "home")]));
    }

    #[test]
    fn the_empty_query_matches_everything() {
        let q = FuzzyQuery::new("  ");
        assert!(q.is_empty());
        assert_eq!(q.score(&task(&[])), Some(0));
    }
}
