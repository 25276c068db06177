//! Demo tasks: a realistic mix (projects, tags, due dates, priorities, annotations,
//! dependencies; some active, waiting, completed, deleted) for trying tcui, for screenshots
//! and for benchmarks. The same seed and clock always give the same tasks.

use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeDelta, Utc};
use uuid::Uuid;

use crate::task::{Operation, Operations, Status, Tag, Task, TaskData};

/// The most tasks a demo holds: as many as the benchmarks exercise, which fit in memory
/// comfortably. (Four billion asked for once ran the machine out of memory.)
pub const MAX_TASKS: usize = 100_000;

/// A private throwaway folder for a demo replica. It is removed when dropped, so also when
/// the demo fails or panics.
#[derive(Debug)]
pub struct DemoFolder(PathBuf);

impl DemoFolder {
    /// A new folder `tcui-demo-<random>` under `parent`, readable by its owner only.
    pub fn create(parent: &Path) -> std::io::Result<DemoFolder> {
        let path = parent.join(format!("tcui-demo-{}", Uuid::new_v4().simple()));
        let mut builder = std::fs::DirBuilder::new();
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(&path)?;
        Ok(DemoFolder(path))
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for DemoFolder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const PROJECTS: &[&str] = &[
    "home",
    "home.garden",
    "work.reports",
    "work.meetings",
    "work.hiring",
    "errands",
    "health",
    "finance",
    "learning.rust",
    "travel",
];
const TAGS: &[&str] = &[
    "next",
    "errand",
    "phone",
    "email",
    "waiting_on",
    "someday",
    "urgent",
    "review",
];
const DESCRIPTIONS: &[&str] = &[
    "Call the dentist about the crown",
    "Finish the quarterly report",
    "Pump up the bike tyres",
    "Fix the dripping kitchen tap",
    "Plan the team offsite",
    "Write a blog post on sync",
    "Review pull request 482",
    "Book train tickets to Lyon",
    "Clear out the garage",
    "Order printer ink",
    "File the tax return",
    "Read chapter 7 of the Rust book",
    "Cancel the gym membership",
    "Renew the passport",
    "Prepare the 1:1 with Sam",
    "Compare insurance quotes",
    "Replace the garden hose",
    "Send interview feedback",
    "Back up the laptop",
    "Buy a birthday present for Alex",
    "Update the project roadmap",
    "Reply to the landlord",
    "Water the tomatoes",
    "Pay the electricity bill",
    "Draft the hiring plan",
    "Sort the photos from the trip",
    "Get the car serviced",
    "Return the library books",
    "Try the new ratatui release",
    "Write release notes",
];
const NOTES: &[&str] = &[
    "asked for a quote",
    "see the email from Tuesday",
    "needs the receipt",
    "call back after 3pm",
    "draft is in the shared folder",
];

/// A small, fast, seeded generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }

    fn uuid(&mut self) -> Uuid {
        uuid::Builder::from_random_bytes(
            [self.next().to_le_bytes(), self.next().to_le_bytes()]
                .concat()
                .try_into()
                .unwrap_or([0; 16]),
        )
        .into_uuid()
    }
}

/// The operations that create `total` tasks, `pending` of them pending (the rest mostly
/// completed, a few deleted), as of `now`. One undo step per 1,000 tasks.
pub fn demo_operations(total: usize, pending: usize, now: DateTime<Utc>, seed: u64) -> Operations {
    let mut rng = Rng(seed | 1);
    let mut ops = Vec::new();
    let mut open: Vec<Uuid> = Vec::new();
    for i in 0..total {
        if i % 1000 == 0 {
            ops.push(Operation::UndoPoint);
        }
        let uuid = rng.uuid();
        let data = TaskData::create(uuid, &mut ops);
        let mut task = Task::new(data);
        let age = TimeDelta::minutes(rng.below(60 * 24 * 200) as i64 + 5);
        let entry = now - age;
        let is_pending = i < pending;
        {
            let mut edit = task.edit(&mut ops, entry);
            edit.set_entry(Some(entry));
            edit.set_description(rng.pick(DESCRIPTIONS));
            edit.set_status(Status::Pending);
            if rng.chance(80) {
                edit.set_project(Some(rng.pick(PROJECTS)));
            }
            for _ in 0..rng.below(3) {
                if let Ok(tag) = Tag::new(rng.pick(TAGS)) {
                    edit.add_tag(&tag);
                }
            }
            if rng.chance(30) {
                edit.set_priority(Some(["H", "M", "L"][rng.below(3)]));
            }
            if rng.chance(40) {
                let days = rng.below(45) as i64 - 10;
                let hour = 9 + rng.below(9) as i64;
                let due = now
                    .date_naive()
                    .and_hms_opt(0, 0, 0)
                    .map(|d| d.and_utc())
                    .unwrap_or(now)
                    + TimeDelta::days(days)
                    + TimeDelta::hours(hour);
                edit.set_due(Some(due));
            }
            if rng.chance(8) {
                edit.set_scheduled(Some(now + TimeDelta::days(rng.below(10) as i64 - 3)));
            }
            if rng.chance(20) {
                let n = 1 + rng.below(2);
                for _ in 0..n {
                    edit.add_annotation(rng.pick(NOTES));
                }
            }
            if is_pending {
                if rng.chance(5) {
                    edit.set_timestamp(
                        "start",
                        Some(now - TimeDelta::minutes(rng.below(300) as i64)),
                    );
                } else if rng.chance(6) {
                    edit.set_wait(Some(now + TimeDelta::days(1 + rng.below(20) as i64)));
                }
                if !open.is_empty() && rng.chance(6) {
                    let dep = open[rng.below(open.len())];
                    let _ = edit.add_dependency(dep);
                }
            } else if rng.chance(90) {
                edit.done();
                edit.set_timestamp("end", Some(entry + (now - entry) / 2));
            } else {
                edit.delete();
            }
        }
        if is_pending {
            open.push(uuid);
        }
    }
    ops
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_folder_is_private_and_removed_even_on_a_panic() {
        let parent = tempfile::TempDir::new().unwrap();
        let folder = DemoFolder::create(parent.path()).unwrap();
        let path = folder.path().to_path_buf();
        std::fs::write(path.join("replica.redb"), b"x").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o700);
        }
        let unwound = std::panic::catch_unwind(move || {
            let _folder = folder;
            panic!("the demo failed");
        });
        assert!(unwound.is_err());
        assert!(!path.exists());
    }

    #[test]
    fn demo_tasks_are_the_same_for_a_seed_and_have_the_mix_asked_for() {
        let now = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let a = demo_operations(300, 200, now, 7);
        assert_eq!(a, demo_operations(300, 200, now, 7));
        assert_ne!(a, demo_operations(300, 200, now, 8));
        let mut tasks = crate::task::TaskMap::new();
        let mut statuses = std::collections::BTreeMap::<String, usize>::new();
        let mut by_uuid = std::collections::HashMap::<Uuid, TaskData>::new();
        for op in &a {
            if let Operation::Update {
                uuid,
                property,
                value,
                timestamp,
                ..
            } = op
            {
                let t = by_uuid
                    .entry(*uuid)
                    .or_insert_with(|| TaskData::new(*uuid, crate::task::TaskMap::new()));
                let mut scratch = Vec::new();
                t.update(property, value.clone(), *timestamp, &mut scratch);
            }
        }
        for t in by_uuid.values() {
            *statuses
                .entry(t.get("status").unwrap_or("").to_string())
                .or_default() += 1;
            tasks.insert(t.uuid().to_string(), String::new());
        }
        assert_eq!(tasks.len(), 300);
        assert_eq!(statuses["pending"], 200);
        assert_eq!(
            statuses["completed"] + statuses.get("deleted").unwrap_or(&0),
            100
        );
        assert!(
            by_uuid
                .values()
                .any(|t| t.properties().any(|k| k.starts_with("dep_")))
        );
        assert!(by_uuid.values().any(|t| t.has("start")));
        assert!(
            by_uuid
                .values()
                .any(|t| t.properties().any(|k| k.starts_with("annotation_")))
        );
    }
}
