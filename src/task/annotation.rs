//! Annotations: timestamped notes stored as `annotation_<epoch seconds>` keys.
//!
//! Pure data; no I/O.

use chrono::{DateTime, Utc};

use super::keys::annotation_key;

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
