//! Task status: the full lowercase words stored on disk.

use std::fmt;

/// A task's stored status. `waiting` is not a status: a waiting task is `pending` with a
/// future `wait` date.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Status {
    Pending,
    Completed,
    Deleted,
    Recurring,
    /// Any other stored word, kept as it is.
    Unknown(String),
}

impl Status {
    /// Read a stored status word. Matching is exact, as TaskChampion's.
    pub fn from_stored(s: &str) -> Status {
        match s {
            "pending" => Status::Pending,
            "completed" => Status::Completed,
            "deleted" => Status::Deleted,
            "recurring" => Status::Recurring,
            other => Status::Unknown(other.to_string()),
        }
    }

    /// The word written to disk.
    pub fn as_stored(&self) -> &str {
        match self {
            Status::Pending => "pending",
            Status::Completed => "completed",
            Status::Deleted => "deleted",
            Status::Recurring => "recurring",
            Status::Unknown(s) => s,
        }
    }

    /// Whether a stored status word keeps a task in the working set.
    pub fn keeps_in_working_set(stored: &str) -> bool {
        stored == "pending" || stored == "recurring"
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_stored())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_keeps_unknown_words() {
        for w in [
            "pending",
            "completed",
            "deleted",
            "recurring",
            "P",
            "Pending",
        ] {
            assert_eq!(Status::from_stored(w).as_stored(), w);
        }
        assert_eq!(Status::from_stored("P"), Status::Unknown("P".into()));
        assert!(Status::keeps_in_working_set("recurring"));
        assert!(!Status::keeps_in_working_set("Pending"));
    }
}
