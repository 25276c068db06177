//! The byte layout of stored task maps and operations.
//!
//! A compact length-prefixed form, faster to read than JSON; everything is little-endian.
//! Decoding never panics: a malformed record is reported as corrupt.

use std::sync::Arc;

use chrono::DateTime;
use uuid::Uuid;

use crate::task::{Operation, Packed, TaskData, TaskMap};

/// A stored record that cannot be read back.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("malformed {0} record")]
pub(super) struct Malformed(pub &'static str);

fn put_str(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u32).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

fn put_opt_str(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        None => out.push(0),
        Some(s) => {
            out.push(1);
            put_str(out, s);
        }
    }
}

fn put_map(out: &mut Vec<u8>, map: &TaskMap) {
    out.extend_from_slice(&(map.len() as u32).to_le_bytes());
    for (k, v) in map {
        put_str(out, k);
        put_str(out, v);
    }
}

/// Encode a task's properties: the count, then `(key_end, value_end)` offsets, then the
/// text of all keys and values in key order.
pub(super) fn encode_task(map: &TaskMap) -> Vec<u8> {
    let text_len: usize = map.iter().map(|(k, v)| k.len() + v.len()).sum();
    let mut out = Vec::with_capacity(4 + 8 * map.len() + text_len);
    out.extend_from_slice(&(map.len() as u32).to_le_bytes());
    let mut at = 0u32;
    for (k, v) in map {
        at += k.len() as u32;
        out.extend_from_slice(&at.to_le_bytes());
        at += v.len() as u32;
        out.extend_from_slice(&at.to_le_bytes());
    }
    for (k, v) in map {
        out.extend_from_slice(k.as_bytes());
        out.extend_from_slice(v.as_bytes());
    }
    out
}

/// Decode a task's properties into their packed form, ready to read.
pub(super) fn decode_task_data(uuid: Uuid, bytes: &[u8]) -> Result<TaskData, Malformed> {
    let mut batch = TaskBatch::default();
    batch.push(uuid, bytes)?;
    let mut out = Vec::with_capacity(1);
    batch.finish(&mut out)?;
    out.pop().ok_or(Malformed("task"))
}

/// Tasks decoded together into one shared text buffer and one list of offsets (see
/// [`Packed`]): reading thousands of tasks then costs two allocations per batch, not four
/// per task.
#[derive(Default)]
pub(super) struct TaskBatch {
    text: String,
    ends: Vec<(u32, u32)>,
    /// Each task's UUID, where its text starts, and its range of `ends`.
    heads: Vec<(Uuid, usize, usize, usize)>,
}

impl TaskBatch {
    /// How many tasks a batch holds before it is finished, when reading many.
    pub(super) const SIZE: usize = 256;

    pub(super) fn len(&self) -> usize {
        self.heads.len()
    }

    /// Add one stored task (see [`encode_task`]), checking its layout and text.
    pub(super) fn push(&mut self, uuid: Uuid, bytes: &[u8]) -> Result<(), Malformed> {
        let bad = || Malformed("task");
        let (count, rest) = bytes.split_first_chunk::<4>().ok_or_else(bad)?;
        let n = u32::from_le_bytes(*count) as usize;
        let ends_len = n
            .checked_mul(8)
            .filter(|&l| l <= rest.len())
            .ok_or_else(bad)?;
        let (raw_ends, text) = rest.split_at(ends_len);
        let text = std::str::from_utf8(text).map_err(|_| bad())?;
        let from = self.ends.len();
        self.ends.extend(raw_ends.chunks_exact(8).map(|c| {
            let word = |at: usize| u32::from_le_bytes([c[at], c[at + 1], c[at + 2], c[at + 3]]);
            (word(0), word(4))
        }));
        if self.ends[from..].last().map_or(0, |e| e.1 as usize) != text.len() {
            self.ends.truncate(from);
            return Err(bad());
        }
        self.heads
            .push((uuid, self.text.len(), from, self.ends.len()));
        self.text.push_str(text);
        Ok(())
    }

    /// The tasks added, in order, onto `out`; the batch is left empty.
    pub(super) fn finish(&mut self, out: &mut Vec<TaskData>) -> Result<(), Malformed> {
        // The next batch is likely the size of this one: room for it is made at once.
        let room = (self.text.len() * 5 / 4, self.ends.len() * 5 / 4);
        let text = std::mem::replace(&mut self.text, String::with_capacity(room.0));
        let ends = std::mem::replace(&mut self.ends, Vec::with_capacity(room.1));
        let (text, ends) = (Arc::new(text), Arc::new(ends));
        out.reserve(self.heads.len());
        for (uuid, base, from, to) in self.heads.drain(..) {
            let packed =
                Packed::new(text.clone(), base, ends.clone(), from, to).ok_or(Malformed("task"))?;
            out.push(TaskData::from_packed(uuid, packed));
        }
        Ok(())
    }
}

/// Decode a task's properties into a map, for changing them.
pub(super) fn decode_task(bytes: &[u8]) -> Result<TaskMap, Malformed> {
    Ok(decode_task_data(Uuid::nil(), bytes)?.into_map())
}

const UNDO_POINT: u8 = 0;
const CREATE: u8 = 1;
const DELETE: u8 = 2;
const UPDATE: u8 = 3;

/// Encode one operation for the log.
pub(super) fn encode_op(op: &Operation) -> Vec<u8> {
    let mut out = Vec::with_capacity(64);
    match op {
        Operation::UndoPoint => out.push(UNDO_POINT),
        Operation::Create { uuid } => {
            out.push(CREATE);
            out.extend_from_slice(uuid.as_bytes());
        }
        Operation::Delete { uuid, old_task } => {
            out.push(DELETE);
            out.extend_from_slice(uuid.as_bytes());
            put_map(&mut out, old_task);
        }
        Operation::Update {
            uuid,
            property,
            old_value,
            value,
            timestamp,
        } => {
            out.push(UPDATE);
            out.extend_from_slice(uuid.as_bytes());
            put_str(&mut out, property);
            put_opt_str(&mut out, old_value.as_deref());
            put_opt_str(&mut out, value.as_deref());
            out.extend_from_slice(&timestamp.timestamp().to_le_bytes());
            out.extend_from_slice(&timestamp.timestamp_subsec_nanos().to_le_bytes());
        }
    }
    out
}

/// Decode one operation from the log.
pub(super) fn decode_op(bytes: &[u8]) -> Result<Operation, Malformed> {
    let mut r = Reader {
        bytes,
        what: "operation",
    };
    let op = match r.u8()? {
        UNDO_POINT => Operation::UndoPoint,
        CREATE => Operation::Create { uuid: r.uuid()? },
        DELETE => Operation::Delete {
            uuid: r.uuid()?,
            old_task: r.map()?,
        },
        UPDATE => {
            let uuid = r.uuid()?;
            let property = r.string()?;
            let old_value = r.opt_string()?;
            let value = r.opt_string()?;
            let secs = i64::from_le_bytes(r.array()?);
            let nanos = u32::from_le_bytes(r.array()?);
            let timestamp = DateTime::from_timestamp(secs, nanos).ok_or(Malformed("operation"))?;
            Operation::Update {
                uuid,
                property,
                old_value,
                value,
                timestamp,
            }
        }
        _ => return Err(Malformed("operation")),
    };
    r.end()?;
    Ok(op)
}

/// One logged operation read in place: what the charts of progress need, without copying
/// its strings (a deleted task's old properties are skipped).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoggedOp<'a> {
    UndoPoint,
    Create(Uuid),
    Delete(Uuid),
    Update {
        uuid: Uuid,
        property: &'a str,
        value: Option<&'a str>,
        /// Seconds since the epoch.
        at: i64,
    },
    /// An update of a property not asked for.
    Other,
}

/// Read one operation from the log in place (see [`LoggedOp`]); an update of a property
/// not in `wanted` is [`LoggedOp::Other`], its values not even read.
pub(super) fn peek_op<'a>(bytes: &'a [u8], wanted: &[&'a str]) -> Result<LoggedOp<'a>, Malformed> {
    let mut r = Reader {
        bytes,
        what: "operation",
    };
    Ok(match r.u8()? {
        UNDO_POINT => LoggedOp::UndoPoint,
        CREATE => LoggedOp::Create(r.uuid()?),
        DELETE => LoggedOp::Delete(r.uuid()?),
        UPDATE => {
            let uuid = r.uuid()?;
            let len = u32::from_le_bytes(r.array()?) as usize;
            let raw = r.take(len)?;
            let Some(property) = wanted.iter().find(|w| w.as_bytes() == raw) else {
                return Ok(LoggedOp::Other);
            };
            r.skip_opt_str()?;
            let value = match r.u8()? {
                0 => None,
                1 => Some(r.str()?),
                _ => return Err(Malformed("operation")),
            };
            let at = i64::from_le_bytes(r.array()?);
            LoggedOp::Update {
                uuid,
                property,
                value,
                at,
            }
        }
        _ => return Err(Malformed("operation")),
    })
}

struct Reader<'a> {
    bytes: &'a [u8],
    what: &'static str,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], Malformed> {
        if self.bytes.len() < n {
            return Err(Malformed(self.what));
        }
        let (head, tail) = self.bytes.split_at(n);
        self.bytes = tail;
        Ok(head)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], Malformed> {
        let what = self.what;
        self.take(N)?.try_into().map_err(|_| Malformed(what))
    }

    fn u8(&mut self) -> Result<u8, Malformed> {
        Ok(self.array::<1>()?[0])
    }

    fn uuid(&mut self) -> Result<Uuid, Malformed> {
        Ok(Uuid::from_bytes(self.array()?))
    }

    fn string(&mut self) -> Result<String, Malformed> {
        let len = u32::from_le_bytes(self.array()?) as usize;
        let what = self.what;
        let raw = self.take(len)?;
        std::str::from_utf8(raw)
            .map(str::to_owned)
            .map_err(|_| Malformed(what))
    }

    fn str(&mut self) -> Result<&'a str, Malformed> {
        let len = u32::from_le_bytes(self.array()?) as usize;
        let what = self.what;
        std::str::from_utf8(self.take(len)?).map_err(|_| Malformed(what))
    }

    fn skip_opt_str(&mut self) -> Result<(), Malformed> {
        if self.u8()? == 1 {
            let len = u32::from_le_bytes(self.array()?) as usize;
            self.take(len)?;
        }
        Ok(())
    }

    fn opt_string(&mut self) -> Result<Option<String>, Malformed> {
        match self.u8()? {
            0 => Ok(None),
            1 => self.string().map(Some),
            _ => Err(Malformed(self.what)),
        }
    }

    fn map(&mut self) -> Result<TaskMap, Malformed> {
        let n = u32::from_le_bytes(self.array()?) as usize;
        let mut map = TaskMap::new();
        for _ in 0..n {
            let k = self.string()?;
            let v = self.string()?;
            map.insert(k, v);
        }
        Ok(map)
    }

    fn end(&self) -> Result<(), Malformed> {
        if self.bytes.is_empty() {
            Ok(())
        } else {
            Err(Malformed(self.what))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn arb_map() -> impl Strategy<Value = TaskMap> {
        proptest::collection::btree_map(".{0,12}", ".{0,20}", 0..8)
    }

    fn arb_op() -> impl Strategy<Value = Operation> {
        let uuid = any::<u128>().prop_map(Uuid::from_u128);
        prop_oneof![
            Just(Operation::UndoPoint),
            uuid.clone().prop_map(|uuid| Operation::Create { uuid }),
            (uuid.clone(), arb_map())
                .prop_map(|(uuid, old_task)| Operation::Delete { uuid, old_task }),
            (
                uuid,
                ".{0,10}",
                proptest::option::of(".{0,10}"),
                proptest::option::of(".{0,10}"),
                -100_000_000_000i64..100_000_000_000,
                0u32..1_000_000_000
            )
                .prop_map(|(uuid, property, old_value, value, s, n)| {
                    Operation::Update {
                        uuid,
                        property,
                        old_value,
                        value,
                        timestamp: DateTime::from_timestamp(s, n).unwrap(),
                    }
                }),
        ]
    }

    proptest! {
        #[test]
        fn task_round_trips(map in arb_map()) {
            prop_assert_eq!(decode_task(&encode_task(&map)).unwrap(), map);
        }

        #[test]
        fn tasks_decoded_together_read_as_each_alone(
            maps in proptest::collection::vec(arb_map(), 0..12)
        ) {
            let mut batch = TaskBatch::default();
            for (i, map) in maps.iter().enumerate() {
                batch.push(Uuid::from_u128(i as u128), &encode_task(map)).unwrap();
            }
            let mut out = Vec::new();
            batch.finish(&mut out).unwrap();
            prop_assert_eq!(batch.len(), 0);
            prop_assert_eq!(out.len(), maps.len());
            for (i, (task, map)) in out.into_iter().zip(&maps).enumerate() {
                prop_assert_eq!(task.uuid(), Uuid::from_u128(i as u128));
                prop_assert_eq!(&task.into_map(), map);
            }
        }

        #[test]
        fn op_round_trips(op in arb_op()) {
            prop_assert_eq!(decode_op(&encode_op(&op)).unwrap(), op);
        }

        #[test]
        fn an_op_read_in_place_says_what_the_decoded_one_says(op in arb_op()) {
            let bytes = encode_op(&op);
            let (expected, property) = match &op {
                Operation::UndoPoint => (LoggedOp::UndoPoint, ""),
                Operation::Create { uuid } => (LoggedOp::Create(*uuid), ""),
                Operation::Delete { uuid, .. } => (LoggedOp::Delete(*uuid), ""),
                Operation::Update { uuid, property, value, timestamp, .. } => (
                    LoggedOp::Update {
                        uuid: *uuid,
                        property,
                        value: value.as_deref(),
                        at: timestamp.timestamp(),
                    },
                    property.as_str(),
                ),
            };
            prop_assert_eq!(peek_op(&bytes, &["x", property]).unwrap(), expected);
            if matches!(op, Operation::Update { .. }) {
                prop_assert_eq!(peek_op(&bytes, &[]).unwrap(), LoggedOp::Other);
            }
        }

        #[test]
        fn garbage_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            let _ = decode_op(&bytes);
            let _ = peek_op(&bytes, &["", "status"]);
            let _ = decode_task(&bytes);
            let mut batch = TaskBatch::default();
            let _ = batch.push(Uuid::nil(), &bytes);
            let _ = batch.push(Uuid::nil(), &bytes);
            let _ = batch.finish(&mut Vec::new());
        }

        #[test]
        fn truncation_is_detected(op in arb_op(), cut in 1usize..8) {
            let bytes = encode_op(&op);
            let keep = bytes.len().saturating_sub(cut);
            prop_assert!(decode_op(&bytes[..keep]).is_err());
        }
    }
}
