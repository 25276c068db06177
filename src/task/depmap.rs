//! The dependency map: which working-set task waits on which pending task. The replica
//! builds it; virtual tags and urgency read it.
//!
//! Pure data: no I/O.

use std::collections::HashMap;

use uuid::Uuid;

/// Edges `(task, dependency)` among working-set tasks, with lookups both ways.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DependencyMap {
    deps: HashMap<Uuid, Vec<Uuid>>,
    dependents: HashMap<Uuid, Vec<Uuid>>,
}

impl DependencyMap {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add_dependency(&mut self, task: Uuid, depends_on: Uuid) {
        self.deps.entry(task).or_default().push(depends_on);
        self.dependents.entry(depends_on).or_default().push(task);
    }

    /// The tasks `task` waits on.
    pub fn dependencies(&self, task: Uuid) -> impl Iterator<Item = Uuid> + '_ {
        self.deps.get(&task).into_iter().flatten().copied()
    }

    /// The tasks waiting on `task`.
    pub fn dependents(&self, task: Uuid) -> impl Iterator<Item = Uuid> + '_ {
        self.dependents.get(&task).into_iter().flatten().copied()
    }

    /// Whether `task` waits on a pending task (Taskwarrior's BLOCKED).
    pub fn is_blocked(&self, task: Uuid) -> bool {
        self.deps.contains_key(&task)
    }

    /// Whether a pending task waits on `task` (BLOCKING).
    pub fn is_blocking(&self, task: Uuid) -> bool {
        self.dependents.contains_key(&task)
    }

    /// Every edge, sorted, for comparisons.
    pub fn edges(&self) -> Vec<(Uuid, Uuid)> {
        let mut e: Vec<_> = self
            .deps
            .iter()
            .flat_map(|(t, ds)| ds.iter().map(move |d| (*t, *d)))
            .collect();
        e.sort();
        e
    }
}
