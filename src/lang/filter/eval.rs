//! Matching a parsed filter against one task: the hot path, run per task on every
//! keystroke, so nothing here allocates (but the list of a task's dependencies, for a
//! filter on `depends` or `tags`).
//!
//! Pure: no I/O; the clock and working-set ID come in the [`MatchContext`].

use std::cmp::Ordering;

use super::ast::{DateOp, Field, FloatOp, IdSet, Node, NumOp, TagRef, Term, TextOp};
use super::context::{MatchContext, ValueOrder};
use super::text::Needle;
use crate::task::Task;
use crate::task::keys;

impl Node {
    pub(super) fn matches(&self, task: &Task, ctx: &MatchContext<'_>) -> bool {
        match self {
            Node::Term(term) => term.matches(task, ctx),
            Node::Not(inner) => !inner.matches(task, ctx),
            Node::And(parts) => parts.iter().all(|p| p.matches(task, ctx)),
            Node::Or(parts) => parts.iter().any(|p| p.matches(task, ctx)),
            Node::Xor(parts) => parts.iter().filter(|p| p.matches(task, ctx)).count() % 2 == 1,
        }
    }
}

impl TagRef {
    fn on(&self, task: &Task, ctx: &MatchContext<'_>) -> bool {
        match self {
            TagRef::Virtual(tag) => task.has_virtual_tag_as(*tag, ctx.id, ctx.tags),
            TagRef::Key(key) => task.data().has(key),
        }
    }
}

impl Term {
    fn matches(&self, task: &Task, ctx: &MatchContext<'_>) -> bool {
        match self {
            Term::Word(needle) => in_description_or_annotations(task, |s| needle.contained_in(s)),
            Term::Pattern(p) => in_description_or_annotations(task, |s| p.0.is_match(s)),
            Term::TextPattern {
                field,
                pattern,
                present,
            } => {
                let test = |s: &str| pattern.0.is_match(s);
                let found = match field {
                    Field::Description => in_description_or_annotations(task, test),
                    Field::Status => test(task.get(keys::STATUS).unwrap_or("pending")),
                    Field::Uuid => test(&task.uuid().to_string()),
                    Field::Depends => test(&depends(task)),
                    Field::Tags => test(&task.tag_names().collect::<Vec<_>>().join(",")),
                    Field::Key(key) => task.get(key).is_some_and(test),
                };
                found == *present
            }
            Term::Tag { tag, present } => tag.on(task, ctx) == *present,
            Term::Ids(set) => set.matches(task, ctx.id),
            Term::Text {
                field,
                op,
                needle,
                value,
                order,
            } => text_matches(task, field, (*op, needle, value, order.as_deref()), ctx),
            Term::Date { key, op } => date_matches(task.timestamp(key), *op),
            Term::Id(op) => id_matches(ctx.id, *op),
            Term::Urgency(op) => {
                let u = (ctx.urgency)(task).unwrap_or(0.0);
                match *op {
                    FloatOp::Eq(n) => u == n,
                    FloatOp::Ne(n) => u != n,
                    FloatOp::Lt(n) => u < n,
                    FloatOp::Gt(n) => u > n,
                    FloatOp::Le(n) => u <= n,
                    FloatOp::Ge(n) => u >= n,
                }
            }
        }
    }
}

/// The task's dependencies as Taskwarrior 3 gives `depends` to a filter: UUIDs joined by
/// commas (empty, and no allocation, without any).
fn depends(task: &Task) -> String {
    let mut out = String::new();
    for (i, dep) in task.dependencies().into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(
            dep.hyphenated()
                .encode_lower(&mut uuid::Uuid::encode_buffer()),
        );
    }
    out
}

fn in_description_or_annotations(task: &Task, test: impl Fn(&str) -> bool) -> bool {
    test(task.description()) || task.annotation_texts().any(test)
}

impl IdSet {
    fn matches(&self, task: &Task, id: Option<u32>) -> bool {
        if let Some(id) = id
            && self.ranges.iter().any(|(lo, hi)| (*lo..=*hi).contains(&id))
        {
            return true;
        }
        if self.uuids.is_empty() {
            return false;
        }
        let mut buf = uuid::Uuid::encode_buffer();
        let text = task.uuid().hyphenated().encode_lower(&mut buf);
        self.uuids.iter().any(|u| text.starts_with(u.as_str()))
    }
}

/// A text term's comparison: the operator, the folded needle, the value as written, and
/// how values are ordered.
type TextTest<'a> = (TextOp, &'a Needle, &'a str, Option<&'a ValueOrder>);

fn text_matches(task: &Task, field: &Field, test: TextTest<'_>, ctx: &MatchContext<'_>) -> bool {
    let (op, needle, value, order) = test;
    let mut buf = uuid::Uuid::encode_buffer();
    let listed;
    let actual: &str = match field {
        Field::Description => task.description(),
        // As in Taskwarrior 3, a pending task waiting for a later date reads as `waiting`:
        // `status:pending` leaves it out, `status.not:pending` takes it in.
        Field::Status if task.is_waiting(ctx.tags.now) => "waiting",
        Field::Status => task.get(keys::STATUS).unwrap_or("pending"),
        Field::Uuid => task.uuid().hyphenated().encode_lower(&mut buf),
        Field::Depends => {
            listed = depends(task);
            &listed
        }
        Field::Tags => {
            listed = task.tag_names().collect::<Vec<_>>().join(",");
            &listed
        }
        Field::Key(key) => task.get(key).unwrap_or(""),
    };
    // Description searches also look in annotations, as Taskwarrior's `~` does.
    let search = |test: &dyn Fn(&str) -> bool| match field {
        Field::Description => in_description_or_annotations(task, test),
        _ => test(actual),
    };
    match op {
        TextOp::Partial => partial(field, needle, actual),
        TextOp::NotPartial => !partial(field, needle, actual),
        TextOp::Equal => needle.equals(actual),
        TextOp::NotEqual => !needle.equals(actual),
        TextOp::Missing => actual.is_empty(),
        TextOp::Present => !actual.is_empty(),
        TextOp::Has => search(&|s| needle.contained_in(s)),
        TextOp::Hasnt => !search(&|s| needle.contained_in(s)),
        TextOp::StartsWith => search(&|s| needle.starts(s)),
        TextOp::EndsWith => search(&|s| needle.ends(s)),
        TextOp::Word => search(&|s| needle.word_in(s)),
        TextOp::NoWord => !search(&|s| needle.word_in(s)),
        TextOp::Before => ordered(actual, value, order).is_some_and(Ordering::is_lt),
        TextOp::After => ordered(actual, value, order).is_some_and(Ordering::is_gt),
        TextOp::By => ordered(actual, value, order).is_some_and(Ordering::is_le),
        TextOp::From => ordered(actual, value, order).is_some_and(Ordering::is_ge),
    }
}

/// Taskwarrior's `attr:value`: a left match, where an empty value matches only an empty
/// or missing attribute and status must match whole.
fn partial(field: &Field, needle: &Needle, actual: &str) -> bool {
    if needle.is_empty() || actual.is_empty() {
        return needle.is_empty() && actual.is_empty();
    }
    match field {
        Field::Status => needle.equals(actual),
        _ => needle.starts(actual),
    }
}

/// Order two values as Taskwarrior does: by a UDA's list of values; a missing number below
/// every number; else as numbers when both are numbers, else as text, a missing value
/// being neither before nor after anything.
fn ordered(actual: &str, value: &str, order: Option<&ValueOrder>) -> Option<Ordering> {
    match order {
        Some(ValueOrder::Listed(values)) => {
            let rank = |v: &str| {
                values
                    .iter()
                    .rev()
                    .position(|listed| listed == v)
                    .unwrap_or(values.len())
            };
            return Some(rank(actual).cmp(&rank(value)));
        }
        Some(ValueOrder::Numeric) if actual.is_empty() => return Some(Ordering::Less),
        _ => {}
    }
    if actual.is_empty() {
        return None;
    }
    match (actual.trim().parse::<f64>(), value.trim().parse::<f64>()) {
        (Ok(a), Ok(b)) => a.partial_cmp(&b),
        _ => Some(actual.cmp(value)),
    }
}

fn date_matches(actual: Option<chrono::DateTime<chrono::Utc>>, op: DateOp) -> bool {
    let Some(t) = actual else {
        // A missing date is not on, before or after any date.
        return matches!(
            op,
            DateOp::Missing | DateOp::NotWithin(..) | DateOp::NotEqual(_)
        );
    };
    match op {
        DateOp::Within(start, end) => start <= t && t < end,
        DateOp::NotWithin(start, end) => !(start <= t && t < end),
        DateOp::Equal(d) => t == d,
        DateOp::NotEqual(d) => t != d,
        DateOp::Before(d) => t < d,
        DateOp::After(d) => t > d,
        DateOp::By(d) => t <= d,
        DateOp::From(d) => t >= d,
        DateOp::Missing => false,
        DateOp::Present => true,
    }
}

/// A task without an ID has ID 0, as in Taskwarrior: `id.before:3` takes it in, and no
/// task is without an ID to `id.none:` / `id.any:`.
fn id_matches(id: Option<u32>, op: NumOp) -> bool {
    let id = id.unwrap_or(0);
    match op {
        NumOp::Eq(n) => id == n,
        NumOp::Ne(n) => id != n,
        NumOp::Lt(n) => id < n,
        NumOp::Gt(n) => id > n,
        NumOp::Le(n) => id <= n,
        NumOp::Ge(n) => id >= n,
        NumOp::Missing => false,
        NumOp::Present => true,
    }
}
