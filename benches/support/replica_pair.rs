//! The two replicas of the replica benchmark side by side: opened, changed and undone
//! together, and checked after each step to hold the same tasks.

use std::path::Path;
use std::time::Duration;

use uuid::Uuid;

use crate::order::alternate;
use crate::replica_sides::{Access, Side, Tc, Tcui, timed};
use crate::same_work::{expect, same, same_tasks};
use crate::workload::{BASE_EPOCH, Rng};

/// Both sides' replicas, in their directories.
pub struct Pair {
    ours: Option<Tcui>,
    theirs: Option<Tc>,
    pub ours_dir: tempfile::TempDir,
    pub theirs_dir: tempfile::TempDir,
}

impl Pair {
    pub fn new() -> Pair {
        let (ours_dir, theirs_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        Pair {
            ours: Some(Tcui::open(ours_dir.path(), Access::Write)),
            theirs: Some(Tc::open(theirs_dir.path(), Access::Write)),
            ours_dir,
            theirs_dir,
        }
    }

    /// Both open replicas.
    pub fn sides(&mut self) -> (&mut Tcui, &mut Tc) {
        (self.ours.as_mut().unwrap(), self.theirs.as_mut().unwrap())
    }

    pub fn ours(&mut self) -> &mut Tcui {
        self.sides().0
    }

    /// Stop the benchmark unless both replicas hold the same tasks, pending tasks, working
    /// set and number of unsynced operations.
    pub fn check(&mut self, phase: &str) {
        let (ours, theirs) = self.sides();
        let (a, b) = (ours.digest(), theirs.digest());
        same_tasks(phase, &a, &b, |u| {
            (ours.task_props(u), theirs.task_props(u))
        });
        self.check_working_set(phase);
        let (ours, theirs) = self.sides();
        same(
            phase,
            "unsynced operations (num_local_operations)",
            ours.local_ops(),
            theirs.local_ops(),
        );
    }

    pub fn check_working_set(&mut self, phase: &str) {
        let (ours, theirs) = self.sides();
        let (a, b) = (ours.working_set(), theirs.working_set());
        same(phase, "working-set length", a.len(), b.len());
        if let Some(i) = (0..a.len()).find(|&i| a[i] != b[i]) {
            same(phase, "working set (index, task)", a[i], b[i]);
        }
    }

    /// Stop the benchmark unless both sides hold the same data for `uuid`.
    pub fn check_task(&mut self, phase: &str, uuid: Uuid) {
        let (ours, theirs) = self.sides();
        let what = format!("the data of task {uuid}");
        same(phase, &what, ours.task_props(uuid), theirs.task_props(uuid));
    }

    /// Close both replicas.
    pub fn close(&mut self) {
        self.ours = None;
        self.theirs = None;
    }

    /// Close both replicas and reopen them with `access`; how long each side took to open and
    /// load its pending tasks, of which each must find `pending`.
    pub fn reopen_and_load(
        &mut self,
        run: usize,
        access: Access,
        pending: usize,
    ) -> (Duration, Duration) {
        // Both closed before either opens, so neither competes with the other's closing.
        self.close();
        let (ours_dir, theirs_dir) = (self.ours_dir.path(), self.theirs_dir.path());
        let ((ours, d_ours), (theirs, d_theirs)) = alternate(
            run,
            || timed(|| open_and_load::<Tcui>(ours_dir, access)),
            || timed(|| open_and_load::<Tc>(theirs_dir, access)),
        );
        let phase = "opening the 100k replica";
        same(phase, "pending tasks loaded", ours.1, theirs.1);
        expect(phase, "pending tasks loaded", ours.1, pending);
        self.ours = Some(ours.0);
        self.theirs = Some(theirs.0);
        (d_ours, d_theirs)
    }
}

/// The replica in `dir`, opened with `access`, its pending tasks loaded; and how many.
fn open_and_load<S: Side>(dir: &Path, access: Access) -> (S, usize) {
    let mut side = S::open(dir, access);
    let loaded = side.load_pending();
    (side, loaded)
}

/// A small change, then an undo on both sides, checked to revert the same operations from
/// logs of the same length to the same result.
pub fn undo_both(
    pair: &mut Pair,
    phase: &str,
    run: usize,
    change: &Change,
) -> (Duration, Duration) {
    let (ours, theirs) = pair.sides();
    let uuid = change.uuid;
    let before = ours.task_props(uuid);
    let log_before = ours.local_ops();
    change.apply(ours);
    change.apply(theirs);
    let log = ours.local_ops();
    same(
        phase,
        "unsynced operations before the undo",
        log,
        theirs.local_ops(),
    );
    expect(
        phase,
        "unsynced operations the change added",
        log,
        log_before + 2,
    );
    let (a, b) = alternate(run, || ours.undo(), || theirs.undo());
    same(
        phase,
        "whether undo reverted anything",
        a.reverted,
        b.reverted,
    );
    expect(phase, "whether undo reverted anything", a.reverted, true);
    same(phase, "operations undo reverted", &a.ops, &b.ops);
    expect(phase, "number of operations undo reverted", a.ops.len(), 3);
    let log = ours.local_ops();
    same(
        phase,
        "unsynced operations after the undo",
        log,
        theirs.local_ops(),
    );
    expect(phase, "unsynced operations after the undo", log, log_before);
    pair.check_task(phase, uuid);
    let (ours, theirs) = pair.sides();
    expect(
        phase,
        "the task after the undo",
        ours.task_props(uuid),
        before,
    );
    ours.refresh(uuid);
    theirs.refresh(uuid);
    (a.time, b.time)
}

/// One change to a pending task: its description and `modified`, in one commit.
pub struct Change {
    pub uuid: Uuid,
    description: String,
    modified: String,
}

impl Change {
    /// The next change of a series starting at `modified_base`.
    pub fn next(rng: &mut Rng, pending: &[Uuid], modified_base: u64, run: usize) -> Change {
        Change {
            uuid: pending[rng.below(pending.len())],
            description: rng.description(),
            modified: (BASE_EPOCH + modified_base + run as u64).to_string(),
        }
    }

    pub fn apply(&self, side: &mut impl Side) {
        side.change(self.uuid, self.description.clone(), self.modified.clone());
    }

    /// The change on both sides, timed.
    pub fn timed_on_both(&self, pair: &mut Pair, run: usize) -> (Duration, Duration) {
        let (ours, theirs) = pair.sides();
        alternate(
            run,
            || timed(|| self.apply(ours)).1,
            || timed(|| self.apply(theirs)).1,
        )
    }
}
