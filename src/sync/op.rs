//! Operations as they travel between replicas, and the transform that reconciles two
//! concurrent ones.
//!
//! The JSON form is TaskChampion's: `{"Create":{"uuid":…}}`, `{"Delete":{"uuid":…}}`,
//! `{"Update":{"uuid":…,"property":…,"value":…|null,"timestamp":…}}`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::task::{Operation, TaskMap};

/// One change as sent to the server: like [`Operation`] without the old values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SyncOp {
    Create {
        uuid: Uuid,
    },
    Delete {
        uuid: Uuid,
    },
    Update {
        uuid: Uuid,
        property: String,
        #[serde(default)]
        value: Option<String>,
        timestamp: DateTime<Utc>,
    },
}

impl SyncOp {
    /// The wire form of a logged operation; undo points do not travel.
    pub fn from_operation(op: &Operation) -> Option<SyncOp> {
        match op {
            Operation::Create { uuid } => Some(SyncOp::Create { uuid: *uuid }),
            Operation::Delete { uuid, .. } => Some(SyncOp::Delete { uuid: *uuid }),
            Operation::Update {
                uuid,
                property,
                value,
                timestamp,
                ..
            } => Some(SyncOp::Update {
                uuid: *uuid,
                property: property.clone(),
                value: value.clone(),
                timestamp: *timestamp,
            }),
            Operation::UndoPoint => None,
        }
    }

    /// A pulled change as it is logged: no old values.
    pub fn into_operation(self) -> Operation {
        match self {
            SyncOp::Create { uuid } => Operation::Create { uuid },
            SyncOp::Delete { uuid } => Operation::Delete {
                uuid,
                old_task: TaskMap::new(),
            },
            SyncOp::Update {
                uuid,
                property,
                value,
                timestamp,
            } => Operation::Update {
                uuid,
                property,
                old_value: None,
                value,
                timestamp,
            },
        }
    }

    pub fn uuid(&self) -> Uuid {
        match self {
            SyncOp::Create { uuid } | SyncOp::Delete { uuid } | SyncOp::Update { uuid, .. } => {
                *uuid
            }
        }
    }

    /// Reconcile `server` (already on the server) with `local` (made here concurrently):
    /// returns `(server', local')`, where `server'` is to be applied after `local` and
    /// `local'` after `server`, so both orders end in the same state. `None` means the
    /// operation has no effect any more.
    ///
    /// Creates and deletes win over updates; of two updates to one property the later
    /// timestamp wins, and on a tie the one already on the server.
    pub fn transform(server: SyncOp, local: SyncOp) -> (Option<SyncOp>, Option<SyncOp>) {
        use SyncOp::*;
        if server.uuid() != local.uuid() {
            return (Some(server), Some(local));
        }
        match (&server, &local) {
            (Create { .. }, Create { .. }) | (Delete { .. }, Delete { .. }) => (None, None),
            (Create { .. }, Delete { .. }) => (Some(server), None),
            (Delete { .. }, Create { .. }) => (None, Some(local)),
            (Update { .. }, Create { .. }) => (Some(server), None),
            (Create { .. }, Update { .. }) => (None, Some(local)),
            (Update { .. }, Delete { .. }) => (None, Some(local)),
            (Delete { .. }, Update { .. }) => (Some(server), None),
            (
                Update {
                    property: p1,
                    value: v1,
                    timestamp: t1,
                    ..
                },
                Update {
                    property: p2,
                    value: v2,
                    timestamp: t2,
                    ..
                },
            ) => {
                if p1 != p2 {
                    (Some(server), Some(local))
                } else if v1 == v2 {
                    (None, None)
                } else if t1 < t2 {
                    (None, Some(local))
                } else {
                    (Some(server), None)
                }
            }
        }
    }
}

/// A history segment's plaintext: `{"operations":[…]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistorySegment {
    pub operations: Vec<SyncOp>,
}

impl HistorySegment {
    pub fn to_json(&self) -> Vec<u8> {
        // Serialising strings, UUIDs and timestamps into memory cannot fail.
        serde_json::to_vec(self).unwrap_or_default()
    }

    pub fn from_json(bytes: &[u8]) -> Result<HistorySegment, serde_json::Error> {
        serde_json::from_slice(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const U: Uuid = Uuid::from_u128(0x56e0be07_c61f_494c_a54c_bdcfdd52d2a7);

    fn upd(prop: &str, value: Option<&str>, secs: i64) -> SyncOp {
        SyncOp::Update {
            uuid: U,
            property: prop.into(),
            value: value.map(Into::into),
            timestamp: DateTime::from_timestamp(secs, 0).unwrap(),
        }
    }

    #[test]
    fn json_matches_the_wire_form() {
        let json = serde_json::to_string(&upd("tag_home", None, 1_795_265_923)).unwrap();
        assert_eq!(
            json,
            r#"{"Update":{"uuid":"56e0be07-c61f-494c-a54c-bdcfdd52d2a7","property":"tag_home","value":null,"timestamp":"2026-11-21T12:58:43Z"}}"#
        );
        let missing_value: SyncOp = serde_json::from_str(
            r#"{"Update":{"uuid":"56e0be07-c61f-494c-a54c-bdcfdd52d2a7","property":"p","timestamp":"2026-11-21T12:58:43.5+01:00","extra":1}}"#,
        )
        .unwrap();
        assert!(matches!(missing_value, SyncOp::Update { value: None, .. }));
        assert_eq!(
            serde_json::to_string(&SyncOp::Create { uuid: U }).unwrap(),
            r#"{"Create":{"uuid":"56e0be07-c61f-494c-a54c-bdcfdd52d2a7"}}"#
        );
    }

    #[test]
    fn the_transform_table() {
        let (c, d) = (SyncOp::Create { uuid: U }, SyncOp::Delete { uuid: U });
        let u = upd("p", Some("a"), 10);
        let t = SyncOp::transform;
        assert_eq!(t(c.clone(), c.clone()), (None, None));
        assert_eq!(t(d.clone(), d.clone()), (None, None));
        assert_eq!(t(c.clone(), d.clone()), (Some(c.clone()), None));
        assert_eq!(t(d.clone(), c.clone()), (None, Some(c.clone())));
        assert_eq!(t(u.clone(), c.clone()), (Some(u.clone()), None));
        assert_eq!(t(c.clone(), u.clone()), (None, Some(u.clone())));
        assert_eq!(t(u.clone(), d.clone()), (None, Some(d.clone())));
        assert_eq!(t(d.clone(), u.clone()), (Some(d.clone()), None));
        // Same property: equal values cancel, the later wins, a tie goes to the server.
        assert_eq!(t(u.clone(), upd("p", Some("a"), 99)), (None, None));
        let later = upd("p", Some("b"), 11);
        assert_eq!(t(u.clone(), later.clone()), (None, Some(later.clone())));
        assert_eq!(t(later.clone(), u.clone()), (Some(later.clone()), None));
        let tie = upd("p", Some("b"), 10);
        assert_eq!(t(u.clone(), tie.clone()), (Some(u.clone()), None));
        // Different property or task: both stand.
        let other = upd("q", Some("b"), 5);
        assert_eq!(t(u.clone(), other.clone()), (Some(u.clone()), Some(other)));
        let elsewhere = SyncOp::Create { uuid: Uuid::nil() };
        assert_eq!(t(u.clone(), elsewhere.clone()), (Some(u), Some(elsewhere)));
    }

    /// An operation that makes sense where `U` exists (`exists`) or not: create only what is
    /// not there, update or delete only what is; sometimes the creation of another task.
    fn valid_op(exists: bool) -> BoxedStrategy<SyncOp> {
        let other = Just(SyncOp::Create { uuid: Uuid::nil() });
        if !exists {
            return prop_oneof![Just(SyncOp::Create { uuid: U }), other].boxed();
        }
        let update = (
            prop_oneof![Just("a"), Just("b")],
            proptest::option::of(prop_oneof![Just("x"), Just("y")]),
            0i64..3,
        )
            .prop_map(|(p, v, s)| upd(p, v, s));
        prop_oneof![Just(SyncOp::Delete { uuid: U }), update, other].boxed()
    }

    fn apply(
        state: &mut std::collections::BTreeMap<Uuid, std::collections::BTreeMap<String, String>>,
        op: &SyncOp,
    ) {
        match op {
            SyncOp::Create { uuid } => {
                state.entry(*uuid).or_default();
            }
            SyncOp::Delete { uuid } => {
                state.remove(uuid);
            }
            SyncOp::Update {
                uuid,
                property,
                value,
                ..
            } => {
                if let Some(t) = state.get_mut(uuid) {
                    match value {
                        Some(v) => t.insert(property.clone(), v.clone()),
                        None => t.remove(property),
                    };
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// Arbitrary bytes are an error or a segment, never a panic; bytes that are not even
        /// UTF-8 JSON are always an error.
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
            let parsed = HistorySegment::from_json(&bytes);
            if serde_json::from_slice::<serde_json::Value>(&bytes).is_err() {
                prop_assert!(parsed.is_err());
            }
        }

        /// A valid segment with a slice cut out or a byte changed parses or is an error.
        #[test]
        fn damaged_segments_never_panic(start in 0usize..300, len in 0usize..40, at in 0usize..300, to in any::<u8>()) {
            let mut bytes = HistorySegment {
                operations: vec![
                    SyncOp::Create { uuid: U },
                    upd("description", Some("héllo \"wörld\""), 1_795_265_923),
                    upd("tag_x", None, 5),
                    SyncOp::Delete { uuid: U },
                ],
            }
            .to_json();
            if let Some(b) = bytes.get_mut(at) {
                *b = to;
            }
            let start = start.min(bytes.len());
            let end = (start + len).min(bytes.len());
            bytes.drain(start..end);
            let _ = HistorySegment::from_json(&bytes);
        }

        /// Any JSON shape is an error or a segment, never a panic.
        #[test]
        fn arbitrary_json_never_panics(text in r#"\{("operations"|"x"): ?(\[|\{|"|null|1|-|\])*(\{"(Create|Update|Delete)":\{"uuid":"[0-9a-f-]{0,40}"(,"property":".{0,4}")?(,"value":(null|".{0,3}"|1))?(,"timestamp":"[0-9TZ:.+-]{0,30}")?\}\})?\]?\}?"#) {
            let _ = HistorySegment::from_json(text.as_bytes());
        }

        /// Both orders of application converge (server then local', local then server') for
        /// operations that are valid where both sides started.
        #[test]
        fn transformed_pairs_converge(
            (start, server, local) in proptest::bool::ANY
                .prop_flat_map(|start| (Just(start), valid_op(start), valid_op(start))),
        ) {
            let mut base = std::collections::BTreeMap::new();
            if start {
                base.insert(U, std::collections::BTreeMap::new());
            }
            let (s2, l2) = SyncOp::transform(server.clone(), local.clone());
            let mut a = base.clone();
            apply(&mut a, &server);
            if let Some(l2) = &l2 { apply(&mut a, l2); }
            let mut b = base;
            apply(&mut b, &local);
            if let Some(s2) = &s2 { apply(&mut b, s2); }
            prop_assert_eq!(a, b);
        }
    }
}
