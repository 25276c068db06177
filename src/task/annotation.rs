//! Annotations: timestamped notes stored as `annotation_<epoch seconds>` keys.
//!
//! Pure data; no I/O.

use chrono::{DateTime, Utc};

/// The prefix of an annotation's property key.
pub(crate) const ANNOTATION_PREFIX: &str = "annotation_";

/// One note on a task; `entry` is both its time and its key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annotation {
    pub entry: DateTime<Utc>,
    pub description: String,
}

impl Annotation {
    /// The task property that holds this annotation: `annotation_<epoch seconds>`.
    pub fn key(&self) -> String {
        annotation_key(self.entry.timestamp())
    }
}

/// The key for an annotation made at `secs` since the epoch.
pub(crate) fn annotation_key(secs: i64) -> String {
    format!("{ANNOTATION_PREFIX}{secs}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_is_epoch_seconds() {
        let a = Annotation {
            entry: DateTime::from_timestamp(1_795_265_923, 999).unwrap(),
            description: "note".into(),
        };
        assert_eq!(a.key(), "annotation_1795265923");
    }
}
