//! Whether one filter keeps only tasks another keeps too. Typing a filter mostly lengthens
//! a word or adds a term; the list then looks again only at the rows the shorter filter
//! left, not at every task. The answer is sure when it is yes; no means "cannot tell".
//!
//! Pure: no I/O.

use super::Filter;
use super::ast::{Field, Node, TagRef, Term, TextOp};

impl Filter {
    /// Whether every task this filter matches, `wider` matches too, whenever each was
    /// matched. A `limit:` on either side answers no (it keeps rows, not tasks), and so does
    /// a filter that reads the clock: the wider one may have been matched a moment before.
    pub fn narrows(&self, wider: &Filter) -> bool {
        if self.limit.is_some() || wider.limit.is_some() {
            return false;
        }
        // Looking at every task, this filter may keep one outside the working set.
        if wider.working_set && !self.working_set {
            return false;
        }
        if self.root.as_ref().is_some_and(reads_clock) {
            return false;
        }
        match (&self.root, &wider.root) {
            (_, None) => true,
            (None, Some(_)) => false,
            (Some(a), Some(b)) => implies(a, b),
        }
    }
}

/// Whether a task that `a` matches always matches `b`.
fn implies(a: &Node, b: &Node) -> bool {
    if a == b {
        return true;
    }
    match (a, b) {
        (_, Node::And(bs)) => bs.iter().all(|b| implies(a, b)),
        (Node::Or(alternatives), _) => alternatives.iter().all(|a| implies(a, b)),
        (Node::And(parts), _) => parts.iter().any(|a| implies(a, b)),
        (_, Node::Or(bs)) => bs.iter().any(|b| implies(a, b)),
        (Node::Term(x), Node::Term(y)) => term_implies(x, y),
        _ => false,
    }
}

fn term_implies(a: &Term, b: &Term) -> bool {
    match (a, b) {
        (Term::Word(x), Term::Word(y)) => x.implies_contains(y),
        (
            Term::Text {
                field: fa,
                op: oa,
                needle: x,
                ..
            },
            Term::Text {
                field: fb,
                op: ob,
                needle: y,
                ..
            },
        ) if fa == fb && oa == ob => match oa {
            // An empty value matches only a missing attribute; status matches whole.
            TextOp::Partial => {
                *fa != Field::Status && !y.is_empty() && !x.is_empty() && x.implies_starts(y)
            }
            TextOp::Has => x.implies_contains(y),
            TextOp::StartsWith => x.implies_starts(y),
            TextOp::EndsWith => x.implies_ends(y),
            _ => false,
        },
        _ => false,
    }
}

/// Whether what `node` matches can change as time passes: virtual tags (`+OVERDUE`,
/// `+WAITING`, …) and the status (a waiting task reads as `waiting` until its date).
/// Dates in terms were fixed when the filter was read.
fn reads_clock(node: &Node) -> bool {
    match node {
        Node::Term(term) => match term {
            Term::Tag {
                tag: TagRef::Virtual(_),
                ..
            } => true,
            Term::Text { field, .. } | Term::TextPattern { field, .. } => *field == Field::Status,
            _ => false,
        },
        Node::Not(inner) => reads_clock(inner),
        Node::And(parts) | Node::Or(parts) | Node::Xor(parts) => parts.iter().any(reads_clock),
    }
}
