//! Which status changes a task takes, as Taskwarrior 3 allows them: `done` only from pending
//! (waiting included), `delete` from anything but deleted. `start` reopens a completed or
//! deleted task and `status:pending` makes one pending again (see [`TaskEdit`]).
//!
//! Pure: no I/O.
//!
//! [`TaskEdit`]: super::TaskEdit

use thiserror::Error;

use super::status::Status;
use super::task::Task;

/// A change of status a user asks for by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transition {
    Done,
    Delete,
}

/// Why a task does not take a transition. The messages follow the task's name.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TransitionError {
    #[error("is already completed (modify it with status:pending to make it pending again)")]
    AlreadyCompleted,
    #[error("is already deleted (modify it with status:pending to make it pending again)")]
    AlreadyDeleted,
    #[error("is a recurring template, which is never done: complete its instances instead")]
    Template,
}

impl Task {
    /// Whether the task takes `transition`, as Taskwarrior's `done` and `delete` decide.
    /// A status tcui does not know is let through, so that such a task can be closed.
    pub fn allows(&self, transition: Transition) -> Result<(), TransitionError> {
        match (transition, self.status()) {
            (Transition::Done, Status::Completed) => Err(TransitionError::AlreadyCompleted),
            (Transition::Done, Status::Recurring) => Err(TransitionError::Template),
            (_, Status::Deleted) => Err(TransitionError::AlreadyDeleted),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::task::data::{TaskData, TaskMap};
    use uuid::Uuid;

    fn with_status(status: &str) -> Task {
        let map: TaskMap = [("status".to_string(), status.to_string())].into();
        Task::new(TaskData::new(Uuid::from_u128(1), map))
    }

    #[test]
    fn done_and_delete_follow_taskwarrior() {
        use Transition::{Delete, Done};
        use TransitionError::*;
        let cases = [
            ("pending", Done, Ok(())),
            ("pending", Delete, Ok(())),
            ("completed", Done, Err(AlreadyCompleted)),
            ("completed", Delete, Ok(())),
            ("deleted", Done, Err(AlreadyDeleted)),
            ("deleted", Delete, Err(AlreadyDeleted)),
            ("recurring", Done, Err(Template)),
            ("recurring", Delete, Ok(())),
            ("odd", Done, Ok(())),
        ];
        for (status, transition, want) in cases {
            assert_eq!(
                with_status(status).allows(transition),
                want,
                "{transition:?} on {status}"
            );
        }
        let empty = Task::new(TaskData::new(Uuid::from_u128(1), TaskMap::new()));
        assert_eq!(empty.allows(Done), Ok(()), "no status reads as pending");
    }

    #[test]
    fn refusals_say_how_to_reopen() {
        assert!(
            TransitionError::AlreadyDeleted
                .to_string()
                .contains("status:pending")
        );
    }
}
