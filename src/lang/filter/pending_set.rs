//! Which tasks Taskwarrior looks at for a filter. Before matching, `task` decides from the
//! filter's words whether only the working set (pending, waiting and recurring tasks) can
//! be meant, and then reads nothing else: `status.not:pending` finds the waiting tasks but
//! not the completed ones, and `id.before:3` reaches completed tasks (whose ID is 0) only
//! when nothing narrows the search so. tcui follows the same rule, so that filters find
//! what they find in Taskwarrior 3.1.0.
//!
//! Pure: no I/O.

use super::ast::{Node, Term};
use super::lex::{Token, TokenKind};

/// Whether a filter of `tokens` (after `desugar`), parsed to `root`, looks only at the
/// working set, as Taskwarrior's `Filter::pendingOnly` decides: never with a UUID or an
/// `or`, `xor` or `not`; with a status term only if some value is `pending`, `waiting` or
/// `recurring`; else only with bare IDs.
pub(super) fn working_set_only(tokens: &[Token], root: Option<&Node>) -> bool {
    let operator = |t: &Token| {
        t.kind == TokenKind::Word && !t.quoted && matches!(t.text.as_str(), "or" | "xor" | "not")
    };
    if tokens.iter().any(operator) {
        return false;
    }
    let (mut uuids, mut ids) = (false, false);
    if let Some(root) = root {
        visit_ids(root, &mut |has_uuids, has_ids| {
            uuids |= has_uuids;
            ids |= has_ids;
        });
    }
    if uuids {
        return false;
    }
    let mut status = false;
    let mut open = false;
    // As Taskwarrior counts them: any word, or any attribute's value, that is one of the
    // working set's statuses.
    for t in tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word && !t.quoted)
    {
        let value = match t.colon {
            Some(colon) => {
                let name = t.text[..colon].split('.').next().unwrap_or("");
                status |= super::attr::is_status(name);
                &t.text[colon + 1..]
            }
            None => t.text.as_str(),
        };
        open |= matches!(value, "pending" | "waiting" | "recurring");
    }
    if status {
        return open;
    }
    ids
}

/// Call `found` with whether each bare ID list holds UUIDs and IDs.
fn visit_ids(node: &Node, found: &mut impl FnMut(bool, bool)) {
    match node {
        Node::Term(Term::Ids(set)) => found(!set.uuids.is_empty(), !set.ranges.is_empty()),
        Node::Term(_) => {}
        Node::Not(inner) => visit_ids(inner, found),
        Node::And(parts) | Node::Or(parts) | Node::Xor(parts) => {
            for p in parts {
                visit_ids(p, found);
            }
        }
    }
}
