//! Circular dependencies: Taskwarrior refuses a change that makes a task depend, through any
//! number of others, on itself ("Circular dependency detected and disallowed."); so does tcui.
//!
//! Pure: the tasks are looked up through the caller.

use std::collections::{HashMap, HashSet, VecDeque};

use uuid::Uuid;

use super::task::Task;

/// The first dependency cycle that `changed` would create, as the chain of tasks from a
/// changed task back to itself (`[a, b, c, a]`: a depends on b, b on c, c on a), shortest
/// first. Tasks not in `changed` are read with `stored`; a dependency on a task that cannot
/// be found leads nowhere. Only cycles through a dependency that `changed` adds are looked
/// for, so one that is already stored does not block unrelated edits.
pub fn find_cycle<'a>(
    changed: &[Task],
    stored: impl Fn(&Uuid) -> Option<&'a Task>,
) -> Option<Vec<Uuid>> {
    let by_uuid: HashMap<Uuid, &Task> = changed.iter().map(|t| (t.uuid(), t)).collect();
    let lookup = |u: &Uuid| by_uuid.get(u).copied().or_else(|| stored(u));
    for task in changed {
        let before = stored(&task.uuid()).map(Task::dependencies);
        let added = task
            .dependencies()
            .into_iter()
            .any(|d| !before.as_ref().is_some_and(|b| b.contains(&d)));
        if added && let Some(cycle) = path_back(task.uuid(), &lookup) {
            return Some(cycle);
        }
    }
    None
}

/// The shortest chain of dependencies from `start` back to `start`, breadth first.
fn path_back<'a>(start: Uuid, lookup: &impl Fn(&Uuid) -> Option<&'a Task>) -> Option<Vec<Uuid>> {
    // Each task reached, with the task that depends on it on the way from `start`.
    let mut came_from: HashMap<Uuid, Uuid> = HashMap::new();
    let mut seen: HashSet<Uuid> = HashSet::from([start]);
    let mut queue = VecDeque::from([start]);
    while let Some(at) = queue.pop_front() {
        let Some(task) = lookup(&at) else {
            continue;
        };
        for dep in task.dependencies() {
            if dep == start {
                let mut chain = vec![at];
                let mut step = at;
                while let Some(prev) = came_from.get(&step) {
                    chain.push(*prev);
                    step = *prev;
                }
                chain.reverse();
                chain.push(start);
                return Some(chain);
            }
            if seen.insert(dep) {
                came_from.insert(dep, at);
                queue.push_back(dep);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::task::data::{TaskData, TaskMap};

    fn u(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    /// Task `n` depending on `deps`.
    fn task(n: u128, deps: &[u128]) -> Task {
        let map: TaskMap = deps
            .iter()
            .map(|d| (format!("dep_{}", u(*d)), "x".to_string()))
            .collect();
        Task::new(TaskData::new(u(n), map))
    }

    fn cycle(stored: &[Task], changed: &[Task]) -> Option<Vec<u128>> {
        let by: HashMap<Uuid, &Task> = stored.iter().map(|t| (t.uuid(), t)).collect();
        find_cycle(changed, |x| by.get(x).copied()).map(|c| c.iter().map(Uuid::as_u128).collect())
    }

    #[test]
    fn a_task_cannot_come_to_depend_on_itself_through_others() {
        let stored = [task(1, &[]), task(2, &[1]), task(3, &[2]), task(4, &[])];
        assert_eq!(cycle(&stored, &[task(1, &[2])]), Some(vec![1, 2, 1]));
        assert_eq!(cycle(&stored, &[task(1, &[4, 3])]), Some(vec![1, 3, 2, 1]));
        assert_eq!(cycle(&stored, &[task(1, &[4])]), None);
        assert_eq!(cycle(&stored, &[task(4, &[3])]), None);
    }

    #[test]
    fn changes_made_together_are_seen_together() {
        let stored = [task(1, &[]), task(2, &[]), task(3, &[])];
        // 1 → 3 and 3 → 1 in one bulk edit.
        assert_eq!(
            cycle(&stored, &[task(1, &[3]), task(3, &[1])]),
            Some(vec![1, 3, 1])
        );
        assert_eq!(cycle(&stored, &[task(1, &[3]), task(2, &[3])]), None);
    }

    #[test]
    fn a_cycle_already_stored_does_not_block_other_edits() {
        let stored = [task(1, &[2]), task(2, &[1]), task(3, &[])];
        assert_eq!(cycle(&stored, &[task(1, &[2])]), None, "nothing added");
        assert_eq!(cycle(&stored, &[task(3, &[1])]), None, "3 is not on it");
        assert_eq!(cycle(&stored, &[task(1, &[2, 1])]), Some(vec![1, 1]));
    }

    #[test]
    fn missing_tasks_lead_nowhere_and_long_chains_are_fine() {
        let mut stored: Vec<Task> = (2..5000).map(|n| task(n, &[n - 1])).collect();
        stored.push(task(1, &[]));
        assert_eq!(cycle(&stored, &[task(9999, &[77_777])]), None);
        let found = cycle(&stored, &[task(1, &[4999])]).unwrap();
        assert_eq!(found.len(), 5000);
        assert_eq!((found[0], found[1], found[4999]), (1, 4999, 1));
    }
}
