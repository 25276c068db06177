//! The task catalog: the tasks in memory, a list in the order they were loaded, with an index by UUID.
//!
//! Views scan every task on each keystroke of a filter. Walking them in load order walks
//! the shared buffers they were read into front to back, which the processor's prefetching
//! rewards; a hash map's order would jump around memory for every task.

use std::ops::Index;

use uuid::Uuid;

use crate::replica::UuidMap;
use crate::task::Task;

#[derive(Debug, Clone, Default)]
pub struct Catalog {
    list: Vec<Task>,
    index: UuidMap<usize>,
}

impl Catalog {
    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub fn get(&self, uuid: &Uuid) -> Option<&Task> {
        self.index.get(uuid).map(|i| &self.list[*i])
    }

    /// The task at load-order position `i`.
    pub fn at(&self, i: usize) -> Option<&Task> {
        self.list.get(i)
    }

    /// Where `uuid` is in load order.
    pub fn position(&self, uuid: &Uuid) -> Option<usize> {
        self.index.get(uuid).copied()
    }

    pub fn contains_key(&self, uuid: &Uuid) -> bool {
        self.index.contains_key(uuid)
    }

    /// Add or replace a task (a replaced one keeps its place).
    pub fn insert(&mut self, task: Task) {
        let uuid = task.uuid();
        match self.index.get(&uuid) {
            Some(i) => self.list[*i] = task,
            None => {
                self.index.insert(uuid, self.list.len());
                self.list.push(task);
            }
        }
    }

    pub fn remove(&mut self, uuid: &Uuid) -> Option<Task> {
        let i = self.index.remove(uuid)?;
        let task = self.list.swap_remove(i);
        if let Some(moved) = self.list.get(i) {
            self.index.insert(moved.uuid(), i);
        }
        Some(task)
    }

    /// Every task, in load order.
    pub fn values(&self) -> std::slice::Iter<'_, Task> {
        self.list.iter()
    }

    /// Every task, in load order, as a slice (to split between threads).
    pub fn as_slice(&self) -> &[Task] {
        &self.list
    }

    pub fn keys(&self) -> impl Iterator<Item = &Uuid> {
        self.index.keys()
    }
}

impl Index<&Uuid> for Catalog {
    type Output = Task;

    /// Panics if there is no such task: for tests and for rows known to be in the store.
    fn index(&self, uuid: &Uuid) -> &Task {
        &self.list[self.index[uuid]]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::task::{TaskData, TaskMap};

    fn task(n: u128, description: &str) -> Task {
        let mut map = TaskMap::new();
        map.insert("description".into(), description.into());
        Task::new(TaskData::new(Uuid::from_u128(n), map))
    }

    #[test]
    fn insert_replace_remove_keep_the_index_right() {
        let mut s = Catalog::default();
        for n in 1..=4 {
            s.insert(task(n, "x"));
        }
        s.insert(task(2, "replaced"));
        assert_eq!(s.len(), 4);
        assert_eq!(s[&Uuid::from_u128(2)].description(), "replaced");
        assert!(s.remove(&Uuid::from_u128(1)).is_some());
        assert!(s.remove(&Uuid::from_u128(1)).is_none());
        for n in 2..=4 {
            assert_eq!(
                s.get(&Uuid::from_u128(n)).map(Task::uuid),
                Some(Uuid::from_u128(n))
            );
        }
        let order: Vec<u128> = s.values().map(|t| t.uuid().as_u128()).collect();
        assert_eq!(order, [4, 2, 3]);
    }
}
