//! The dependency map: which working-set task waits on which pending task. The replica
//! builds it; virtual tags and urgency read it.
//!
//! Pure data: no I/O.

use std::collections::HashMap;

use uuid::Uuid;

use super::{Status, TaskData, keys};

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

    /// The map of `members` (the working set's tasks) and what they depend on, a dependency
    /// counting while `pending(uuid)` says it is pending. Dependencies that are not UUIDs are
    /// passed over.
    pub fn build<'a, E>(
        members: impl IntoIterator<Item = &'a TaskData>,
        mut pending: impl FnMut(Uuid) -> Result<bool, E>,
    ) -> Result<DependencyMap, E> {
        let mut map = DependencyMap::new();
        for task in members {
            let deps = task
                .properties()
                .filter_map(|k| k.strip_prefix(keys::DEP_PREFIX));
            for dep in deps {
                if let Ok(dep) = Uuid::parse_str(dep)
                    && pending(dep)?
                {
                    map.add_dependency(task.uuid(), dep);
                }
            }
        }
        Ok(map)
    }

    /// [`DependencyMap::build`] from tasks read together: `all` of them, `members` those of
    /// the working set.
    pub fn of_tasks<'a>(
        all: impl IntoIterator<Item = &'a TaskData>,
        members: impl IntoIterator<Item = &'a TaskData> + Clone,
    ) -> DependencyMap {
        // The tasks depended on, then their statuses in one pass over the rest.
        let mut wanted: HashMap<Uuid, bool> = HashMap::new();
        let _ = Self::build(members.clone(), |dep| {
            wanted.insert(dep, false);
            Ok::<_, std::convert::Infallible>(false)
        });
        if wanted.is_empty() {
            return DependencyMap::new();
        }
        for task in all {
            if let Some(pending) = wanted.get_mut(&task.uuid()) {
                *pending = task.get(keys::STATUS) == Some(Status::Pending.as_stored());
            }
        }
        let built = Self::build(members, |dep| {
            Ok::<_, std::convert::Infallible>(wanted.get(&dep) == Some(&true))
        });
        built.unwrap_or_else(|never| match never {})
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

#[cfg(test)]
mod tests {
    use super::*;

    fn task(n: u128, status: &str, deps: &[u128]) -> TaskData {
        let mut map: crate::task::TaskMap = [("status".to_string(), status.to_string())].into();
        for d in deps {
            map.insert(format!("dep_{}", Uuid::from_u128(*d)), "x".into());
        }
        map.insert("dep_not-a-uuid".into(), "x".into());
        TaskData::new(Uuid::from_u128(n), map)
    }

    #[test]
    fn only_members_depend_and_only_on_pending_tasks() {
        let all = [
            task(1, "pending", &[2, 3, 9]),
            task(2, "pending", &[]),
            task(3, "completed", &[]),
            task(4, "completed", &[2]),
            task(5, "pending", &[1]),
        ];
        // 4 is out of the working set; 9 is no task at all.
        let members = all.iter().filter(|t| t.uuid() != Uuid::from_u128(4));
        let map = DependencyMap::of_tasks(&all, members.clone());
        let u = Uuid::from_u128;
        assert_eq!(map.edges(), vec![(u(1), u(2)), (u(5), u(1))]);
        assert!(map.is_blocked(u(1)) && map.is_blocking(u(1)));
        assert!(!map.is_blocked(u(4)) && !map.is_blocking(u(3)));
        let looked_up = DependencyMap::build(members, |d| Ok::<_, ()>(d == u(2) || d == u(1)));
        assert_eq!(looked_up, Ok(map));
        assert_eq!(
            DependencyMap::build(&all, |_| Err("unreadable")),
            Err("unreadable")
        );
        assert_eq!(
            DependencyMap::of_tasks(&all[1..2], &all[1..2]),
            DependencyMap::new()
        );
    }
}
