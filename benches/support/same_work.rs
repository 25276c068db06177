//! Proof that tcui and taskchampion did the same work in a benchmark: task data, working sets
//! and operations reduced to forms both sides share, compared, and the benchmark aborted at
//! the first difference (a figure that compares unequal work is worse than none).

use std::collections::BTreeMap;
use std::fmt::Debug;
use std::hash::{DefaultHasher, Hash, Hasher};

use uuid::Uuid;

/// Every task of a replica (or of a list of tasks): its UUID and a hash of its properties.
#[derive(Debug, PartialEq, Eq)]
pub struct TaskDigest {
    tasks: Vec<(Uuid, u64)>,
    pending: usize,
}

impl TaskDigest {
    /// The digest of `tasks`, each a UUID and its properties in any order.
    pub fn of<'a, P>(tasks: impl IntoIterator<Item = (Uuid, P)>) -> TaskDigest
    where
        P: IntoIterator<Item = (&'a str, &'a str)>,
    {
        let mut pending = 0;
        let mut out: Vec<(Uuid, u64)> = tasks
            .into_iter()
            .map(|(uuid, props)| {
                let mut props: Vec<(&str, &str)> = props.into_iter().collect();
                props.sort_unstable();
                pending += usize::from(props.contains(&("status", "pending")));
                // SipHash with fixed keys: the same properties give the same hash on both sides.
                let mut h = DefaultHasher::new();
                props.hash(&mut h);
                (uuid, h.finish())
            })
            .collect();
        out.sort_unstable();
        TaskDigest {
            tasks: out,
            pending,
        }
    }

    pub fn len(&self) -> usize {
        self.tasks.len()
    }

    /// Tasks whose status is pending.
    pub fn pending(&self) -> usize {
        self.pending
    }

    /// The first task held by only one side, or held by both with different data.
    pub fn first_difference(&self, other: &TaskDigest) -> Option<Uuid> {
        let ours: BTreeMap<Uuid, u64> = self.tasks.iter().copied().collect();
        let theirs: BTreeMap<Uuid, u64> = other.tasks.iter().copied().collect();
        let only_or_changed = |a: &BTreeMap<Uuid, u64>, b: &BTreeMap<Uuid, u64>| {
            a.iter()
                .find(|(uuid, hash)| b.get(uuid) != Some(hash))
                .map(|(uuid, _)| *uuid)
        };
        only_or_changed(&ours, &theirs).or_else(|| only_or_changed(&theirs, &ours))
    }
}

/// A task's properties, sorted, for a message.
pub fn sorted_props<'a>(
    props: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = props
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    out.sort_unstable();
    out
}

/// An operation as both sides record it, without its timestamp (each side reads its own
/// clock when it builds an update, so timestamps never match).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SameOp {
    Create(Uuid),
    Delete(Uuid, Vec<(String, String)>),
    Update {
        uuid: Uuid,
        property: String,
        old_value: Option<String>,
        value: Option<String>,
    },
    UndoPoint,
}

impl SameOp {
    pub fn of_tcui(op: &tcui::task::Operation) -> SameOp {
        use tcui::task::Operation as Op;
        match op {
            Op::Create { uuid } => SameOp::Create(*uuid),
            Op::Delete { uuid, old_task } => SameOp::Delete(
                *uuid,
                sorted_props(old_task.iter().map(|(k, v)| (k.as_str(), v.as_str()))),
            ),
            Op::Update {
                uuid,
                property,
                old_value,
                value,
                ..
            } => SameOp::Update {
                uuid: *uuid,
                property: property.clone(),
                old_value: old_value.clone(),
                value: value.clone(),
            },
            Op::UndoPoint => SameOp::UndoPoint,
        }
    }

    pub fn of_taskchampion(op: &taskchampion::Operation) -> SameOp {
        use taskchampion::Operation as Op;
        match op {
            Op::Create { uuid } => SameOp::Create(*uuid),
            Op::Delete { uuid, old_task } => SameOp::Delete(
                *uuid,
                sorted_props(old_task.iter().map(|(k, v)| (k.as_str(), v.as_str()))),
            ),
            Op::Update {
                uuid,
                property,
                old_value,
                value,
                ..
            } => SameOp::Update {
                uuid: *uuid,
                property: property.clone(),
                old_value: old_value.clone(),
                value: value.clone(),
            },
            Op::UndoPoint => SameOp::UndoPoint,
        }
    }
}

impl SameOp {
    /// An operation as it travels to the server (which carries no old values).
    pub fn of_wire(op: &tcui::sync::SyncOp) -> SameOp {
        use tcui::sync::SyncOp as Op;
        match op {
            Op::Create { uuid } => SameOp::Create(*uuid),
            Op::Delete { uuid } => SameOp::Delete(*uuid, Vec::new()),
            Op::Update {
                uuid,
                property,
                value,
                ..
            } => SameOp::Update {
                uuid: *uuid,
                property: property.clone(),
                old_value: None,
                value: value.clone(),
            },
        }
    }
}

/// Stop the benchmark: after `phase`, the two sides differ in `what`.
pub fn mismatch(phase: &str, what: &str, detail: impl Debug) -> ! {
    panic!(
        "benchmark aborted: tcui and taskchampion did not do the same work.\n  after: {phase}\n  differs: {what}\n  {detail:?}"
    )
}

/// Stop the benchmark unless both sides hold the same `what` after `phase`.
pub fn same<T: PartialEq + Debug>(phase: &str, what: &str, ours: T, theirs: T) {
    if ours != theirs {
        mismatch(phase, what, Sides { ours, theirs });
    }
}

/// Stop the benchmark unless a value both sides already agree on is the one the workload
/// asked for.
pub fn expect<T: PartialEq + Debug>(phase: &str, what: &str, both: T, workload: T) {
    if both != workload {
        mismatch(
            phase,
            what,
            format_args!("both sides: {both:?}, the workload: {workload:?}"),
        );
    }
}

/// Both sides' values, printed under their names.
struct Sides<T> {
    ours: T,
    theirs: T,
}

impl<T: Debug> Debug for Sides<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "tcui: {:?}\n  taskchampion: {:?}",
            self.ours, self.theirs
        )
    }
}

/// Stop the benchmark unless both digests hold the same tasks; `props` gives each side's
/// properties of a task, for the message.
pub fn same_tasks(
    phase: &str,
    ours: &TaskDigest,
    theirs: &TaskDigest,
    props: impl FnOnce(Uuid) -> (Option<Vec<(String, String)>>, Option<Vec<(String, String)>>),
) {
    same(phase, "number of tasks", ours.len(), theirs.len());
    same(
        phase,
        "number of pending tasks",
        ours.pending(),
        theirs.pending(),
    );
    if let Some(uuid) = ours.first_difference(theirs) {
        let (a, b) = props(uuid);
        mismatch(
            phase,
            &format!("the data of task {uuid}"),
            Sides { ours: a, theirs: b },
        );
    }
}
