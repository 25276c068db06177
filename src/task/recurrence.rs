//! A recurring template's `mask`: one character per instance generated, at the instance's
//! `imask`, telling what became of it: `-` pending, `+` completed, `X` deleted, `W` waiting,
//! `?` anything else. Taskwarrior rewrites the character whenever an instance changes
//! (`updateRecurrenceMask`), so that it never generates a finished instance again; tcui
//! does the same in the step that changes the instance. Generating instances is elsewhere.
//!
//! Pure: the time and the tasks are passed in.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::data::{Operations, TaskData};
use super::edit::TaskEdit;
use super::keys;
use super::status::Status;
use super::task::Task;

/// The longest mask tcui writes. An `imask` beyond it (daily for 270 years) is taken for
/// damage, and the template is left alone rather than padded to that length.
pub const MAX_MASK: usize = 100_000;

/// The character the mask holds for an instance in this state.
pub fn mask_char(task: &Task, now: DateTime<Utc>) -> char {
    match task.status() {
        Status::Pending if task.is_waiting(now) => 'W',
        Status::Pending => '-',
        Status::Completed => '+',
        Status::Deleted => 'X',
        Status::Recurring | Status::Unknown(_) => '?',
    }
}

/// The template and the mask position of an instance: its `parent` and `imask`, when both
/// read (`imask` as Taskwarrior writes it, a whole number, perhaps as `3.000000`).
pub fn instance_of(task: &Task) -> Option<(Uuid, usize)> {
    let parent = Uuid::parse_str(task.get(keys::PARENT)?.trim()).ok()?;
    let imask = task.get(keys::IMASK)?.trim();
    let index = match imask.parse::<usize>() {
        Ok(i) => i,
        Err(_) => {
            let f: f64 = imask.parse().ok()?;
            if !(f.is_finite() && f >= 0.0 && f.fract() == 0.0 && f <= MAX_MASK as f64) {
                return None;
            }
            f as usize
        }
    };
    Some((parent, index))
}

/// Whether a copy of `task` leaves out `key`, as `task duplicate` does: a copy of an
/// instance is a plain task (no `parent`, `imask`, `recur` or `until`), and a copy of a
/// template starts a series of its own (no `mask`). Otherwise its mark would land on the
/// original's place in the template's mask.
pub fn copy_leaves_out(task: &Task, key: &str) -> bool {
    if task.get(keys::PARENT).is_some() {
        matches!(key, keys::PARENT | keys::IMASK | keys::RECUR | keys::UNTIL)
    } else {
        key == keys::MASK
    }
}

/// Whether `data` belongs to a recurring series: an instance (it has a `parent`) or a
/// template (status `recurring`).
pub fn in_series(data: &TaskData) -> bool {
    data.get(keys::PARENT).is_some()
        || data.get(keys::STATUS) == Some(Status::Recurring.as_stored())
}

/// What a template's mask says became of its instances: made, pending (waiting ones too),
/// done, deleted. Shown as `2 pending, 5 done, 1 deleted`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MaskCounts {
    pub made: usize,
    pub pending: usize,
    pub done: usize,
    pub deleted: usize,
}

impl MaskCounts {
    pub fn of(mask: &str) -> MaskCounts {
        let count = |marks: &[char]| mask.chars().filter(|c| marks.contains(c)).count();
        MaskCounts {
            made: mask.chars().count(),
            pending: count(&['-', 'W']),
            done: count(&['+']),
            deleted: count(&['X']),
        }
    }
}

impl std::fmt::Display for MaskCounts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} pending, {} done, {} deleted",
            self.pending, self.done, self.deleted
        )
    }
}

/// Whether `task` has expired, as Taskwarrior's `handleUntil` decides: pending (and not
/// waiting) with its `until` past.
pub fn expired(task: &Task, now: DateTime<Utc>) -> bool {
    task.status() == Status::Pending
        && !task.is_waiting(now)
        && task.until().is_some_and(|until| until < now)
}

/// Why a task with `recur` cannot be stored: Taskwarrior's own words.
pub const NEEDS_DUE: &str = "a recurring task must also have a 'due' date: add due:…";

/// Why a change to a recurring task is refused, as Taskwarrior refuses it.
pub const KEEPS_DUE: &str = "You cannot remove the due date from a recurring task.";
pub const KEEPS_RECUR: &str = "You cannot remove the recurrence from a recurring task.";
pub const TYPE_NEEDS_RECUR: &str =
    "rtype: only a recurring task has a recurrence type: add recur:… and due:…";

/// Whether a task had a period and a due date before a change: see [`settle`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Before {
    recur: bool,
    due: bool,
}

impl Before {
    /// What `data` has now, before it is changed.
    pub fn of(data: &TaskData) -> Before {
        Before {
            recur: present(data, keys::RECUR),
            due: present(data, keys::DUE),
        }
    }
}

fn present(data: &TaskData, key: &str) -> bool {
    data.get(key).is_some_and(|v| !v.trim().is_empty())
}

/// What Taskwarrior makes of a task that has `recur` once it is added or changed (it was
/// as `before` says): without a due date it is refused ([`NEEDS_DUE`]); a pending one
/// with a due date that is no instance becomes a template (status `recurring`, `rtype`
/// periodic), which is owed its instances from then on. A recurring task keeps its
/// period and due date ([`KEEPS_RECUR`], [`KEEPS_DUE`]).
pub fn settle(edit: &mut TaskEdit<'_>, before: Before) -> Result<(), &'static str> {
    let data = edit.data();
    let present = |key: &str| present(data, key);
    if before.recur && !present(keys::RECUR) {
        return Err(KEEPS_RECUR);
    }
    if !present(keys::RECUR) {
        if present(keys::RTYPE) && data.get(keys::STATUS) != Some(Status::Recurring.as_stored()) {
            return Err(TYPE_NEEDS_RECUR);
        }
        return Ok(());
    }
    if before.recur && before.due && !present(keys::DUE) {
        return Err(KEEPS_DUE);
    }
    if !present(keys::DUE) {
        return Err(NEEDS_DUE);
    }
    let pending = data
        .get(keys::STATUS)
        .is_none_or(|s| s == Status::Pending.as_stored());
    if pending && !present(keys::PARENT) {
        let typed = present(keys::RTYPE);
        edit.set_status(Status::Recurring);
        if !typed {
            edit.set_value(keys::RTYPE, Some("periodic".to_string()));
        }
    }
    Ok(())
}

/// `mask` with `mark` at `index`; a shorter mask is first padded with `?`, the mark for an
/// instance whose fate is unknown. `None` when nothing would change or `index` is past
/// [`MAX_MASK`].
///
/// Taskwarrior 3.1 means to pad too, but a shadowed variable in its `updateRecurrenceMask`
/// leaves a short mask as it was, so that it generates that instance again.
pub fn marked_mask(mask: &str, index: usize, mark: char) -> Option<String> {
    if index >= MAX_MASK {
        return None;
    }
    let mut chars: Vec<char> = mask.chars().collect();
    if chars.get(index) == Some(&mark) {
        return None;
    }
    if chars.len() <= index {
        chars.resize(index + 1, '?');
    }
    chars[index] = mark;
    Some(chars.into_iter().collect())
}

/// Record on their templates what became of the instances in `changed`, whose state before
/// the change `stored` gives: each template whose mark for an instance must change is
/// edited (found in `changed` first, else through `stored`) and, if it was not there
/// already, added to `changed`. The operations go to `ops`, in the caller's step.
pub fn mark_templates<'a>(
    changed: &mut Vec<Task>,
    stored: impl Fn(&Uuid) -> Option<&'a Task>,
    ops: &mut Operations,
    now: DateTime<Utc>,
) {
    let mut templates: HashMap<Uuid, usize> = changed
        .iter()
        .enumerate()
        .map(|(i, t)| (t.uuid(), i))
        .collect();
    for i in 0..changed.len() {
        let Some((parent, index)) = instance_of(&changed[i]) else {
            continue;
        };
        let mark = mask_char(&changed[i], now);
        let before = stored(&changed[i].uuid()).map(|t| mask_char(t, now));
        if before == Some(mark) {
            continue;
        }
        let at = match templates.get(&parent) {
            Some(at) => *at,
            None => {
                let Some(template) = stored(&parent) else {
                    continue;
                };
                changed.push(template.clone());
                templates.insert(parent, changed.len() - 1);
                changed.len() - 1
            }
        };
        let template = &mut changed[at];
        let mask = template.get(keys::MASK).unwrap_or("");
        if let Some(mask) = marked_mask(mask, index, mark) {
            template.edit(ops, now).set_value(keys::MASK, Some(mask));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::task::data::{Operation, TaskMap};

    const NOW: i64 = 1_795_262_400;

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(NOW, 0).unwrap()
    }

    fn task(n: u128, pairs: &[(&str, &str)]) -> Task {
        let map: TaskMap = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Task::new(TaskData::new(Uuid::from_u128(n), map))
    }

    fn instance(n: u128, imask: &str, status: &str) -> Task {
        let parent = Uuid::from_u128(1).to_string();
        task(
            n,
            &[("parent", &parent), ("imask", imask), ("status", status)],
        )
    }

    #[test]
    fn the_mark_follows_the_status_as_taskwarrior_writes_it() {
        let later = (NOW + 60).to_string();
        let cases = [
            (task(2, &[("status", "pending")]), '-'),
            (task(2, &[]), '-'),
            (task(2, &[("status", "pending"), ("wait", &later)]), 'W'),
            (task(2, &[("status", "pending"), ("wait", "5")]), '-'),
            (task(2, &[("status", "completed")]), '+'),
            (task(2, &[("status", "deleted")]), 'X'),
            (task(2, &[("status", "recurring")]), '?'),
        ];
        for (t, want) in cases {
            assert_eq!(mask_char(&t, now()), want, "{t:?}");
        }
    }

    #[test]
    fn imask_is_read_as_taskwarrior_writes_it() {
        let parent = Uuid::from_u128(1);
        for (imask, want) in [
            ("0", Some(0)),
            ("3", Some(3)),
            (" 4 ", Some(4)),
            ("3.000000", Some(3)),
            ("3.5", None),
            ("-1", None),
            ("x", None),
            ("1e300", None),
            ("NaN", None),
        ] {
            let t = instance(2, imask, "pending");
            assert_eq!(instance_of(&t), want.map(|i| (parent, i)), "{imask:?}");
        }
        assert_eq!(instance_of(&task(2, &[("imask", "1")])), None, "no parent");
        let bad = task(2, &[("parent", "nope"), ("imask", "1")]);
        assert_eq!(instance_of(&bad), None);
    }

    /// What `task` 3.1.0 stored for `add x due:tomorrow recur:weekly`, for
    /// `1 modify recur:weekly` of a pending task with a due date, and what it refused.
    #[test]
    fn a_pending_task_with_a_period_and_a_due_date_becomes_a_template() {
        let settled = |pairs: &[(&str, &str)]| {
            let mut t = task(1, pairs);
            let mut ops = Vec::new();
            let result = settle(&mut t.edit(&mut ops, now()), Before::default());
            (result, t)
        };
        let (ok, t) = settled(&[
            ("status", "pending"),
            ("due", "1795000000"),
            ("recur", "weekly"),
        ]);
        assert_eq!(ok, Ok(()));
        assert_eq!(t.get("status"), Some("recurring"));
        assert_eq!(t.get("rtype"), Some("periodic"));
        // An instance stays one; a template keeps its type.
        let parent = "00000000-0000-0000-0000-000000000009";
        let (_, t) = settled(&[
            ("status", "pending"),
            ("due", "1795000000"),
            ("recur", "weekly"),
            ("parent", parent),
        ]);
        assert_eq!((t.get("status"), t.get("rtype")), (Some("pending"), None));
        let (_, t) = settled(&[
            ("status", "recurring"),
            ("due", "1795000000"),
            ("recur", "weekly"),
            ("rtype", "chained"),
        ]);
        assert_eq!(
            (t.get("status"), t.get("rtype")),
            (Some("recurring"), Some("chained"))
        );
        // No period: nothing to do; a period without a due date: refused.
        let (ok, t) = settled(&[("status", "pending"), ("due", "1795000000")]);
        assert_eq!((ok, t.get("status")), (Ok(()), Some("pending")));
        let (refused, _) = settled(&[("status", "pending"), ("recur", "weekly")]);
        assert_eq!(refused, Err(NEEDS_DUE));
    }

    /// `task` 3.1.0 on a template or instance: `modify recur:` and `modify due:` refused
    /// with these words; another period or due date taken.
    #[test]
    fn a_recurring_task_keeps_its_period_and_its_due_date() {
        let template = [
            ("status", "recurring"),
            ("due", "1795000000"),
            ("recur", "weekly"),
        ];
        let changed = |key: &str, value: Option<&str>| {
            let mut t = task(1, &template);
            let before = Before::of(t.data());
            let mut ops = Vec::new();
            let mut edit = t.edit(&mut ops, now());
            edit.set_value(key, value.map(str::to_string));
            settle(&mut edit, before)
        };
        assert_eq!(changed("recur", None), Err(KEEPS_RECUR));
        assert_eq!(changed("recur", Some(" ")), Err(KEEPS_RECUR));
        assert_eq!(changed("due", None), Err(KEEPS_DUE));
        assert_eq!(changed("recur", Some("daily")), Ok(()));
        assert_eq!(changed("due", Some("1796000000")), Ok(()));
        // A period added to a task with no due date is the other refusal.
        let mut t = task(1, &[("status", "pending")]);
        let before = Before::of(t.data());
        let mut ops = Vec::new();
        let mut edit = t.edit(&mut ops, now());
        edit.set_value("recur", Some("weekly".into()));
        assert_eq!(settle(&mut edit, before), Err(NEEDS_DUE));
        // A type without a period.
        let mut t = task(1, &[("status", "pending")]);
        let mut ops = Vec::new();
        let mut edit = t.edit(&mut ops, now());
        edit.set_value("rtype", Some("chained".into()));
        assert_eq!(settle(&mut edit, Before::default()), Err(TYPE_NEEDS_RECUR));
    }

    #[test]
    fn marking_replaces_one_character_or_pads_with_unknowns() {
        assert_eq!(marked_mask("---", 1, '+').as_deref(), Some("-+-"));
        assert_eq!(marked_mask("-+-", 1, '+'), None, "already so");
        assert_eq!(marked_mask("+-", 4, 'X').as_deref(), Some("+-??X"));
        assert_eq!(marked_mask("", 0, '+').as_deref(), Some("+"));
        assert_eq!(marked_mask("-", MAX_MASK, '+'), None);
        assert_eq!(marked_mask("-é-", 2, '+').as_deref(), Some("-é+"));
    }

    #[test]
    fn templates_are_marked_once_per_instance_changed_and_in_the_callers_step() {
        let template = task(1, &[("status", "recurring"), ("mask", "---")]);
        let stored = [
            template.clone(),
            instance(2, "0", "pending"),
            instance(3, "2", "pending"),
            instance(4, "1", "completed"),
        ];
        let by: HashMap<Uuid, &Task> = stored.iter().map(|t| (t.uuid(), t)).collect();
        let mut changed = vec![
            instance(2, "0", "completed"),
            instance(3, "2", "deleted"),
            // Unchanged in what the mask records: the template is not touched for it.
            instance(4, "1", "completed"),
        ];
        let mut ops = vec![Operation::UndoPoint];
        mark_templates(&mut changed, |u| by.get(u).copied(), &mut ops, now());
        assert_eq!(changed.len(), 4, "the template joins the changed tasks");
        assert_eq!(changed[3].get("mask"), Some("+-X"));
        assert_eq!(changed[3].modified(), Some(now()));
        let masks: Vec<_> = ops
            .iter()
            .filter_map(|op| match op {
                Operation::Update {
                    property, value, ..
                } if property == "mask" => value.clone(),
                _ => None,
            })
            .collect();
        assert_eq!(masks, ["+--", "+-X"]);
    }

    #[test]
    fn copies_of_instances_are_plain_and_copies_of_templates_start_afresh() {
        let instance = instance(2, "0", "pending");
        let template = task(1, &[("status", "recurring"), ("mask", "-")]);
        for key in ["parent", "imask", "recur", "until"] {
            assert!(copy_leaves_out(&instance, key), "{key}");
            assert!(!copy_leaves_out(&template, key), "{key}");
        }
        assert!(copy_leaves_out(&template, "mask"));
        assert!(!copy_leaves_out(&instance, "description"));
    }

    #[test]
    fn a_missing_template_or_a_plain_task_is_left_alone() {
        let mut changed = vec![instance(2, "0", "completed"), task(5, &[])];
        let mut ops = Operations::new();
        mark_templates(&mut changed, |_| None, &mut ops, now());
        assert_eq!(changed.len(), 2);
        assert!(ops.is_empty());
    }
}
