//! Which values this replica set itself and has sent, and since when others could have seen
//! them: a short record, kept in `meta`, of the last syncs that sent local changes (the range
//! of operations each sent, and when it began).
//!
//! A sync uses it to tell that a change pulled from elsewhere replaced one of this replica's
//! own values without having seen it: a change made before the sync that sent the value began
//! cannot have seen it, so that value was lost, not knowingly replaced.

use chrono::{DateTime, Utc};
use redb::{ReadableTable, Table};
use uuid::Uuid;

use super::Replica;
use super::codec::{self, Malformed};
use super::error::Result;
use super::store::{self, Counters, SResult};
use super::sync_point::PushedChange;
use crate::task::Operation;

/// The `meta` key of the record.
const KEY: &str = "push_marks";
/// How many syncs that sent changes are remembered. Older values are no longer recognised
/// as this replica's own, so a loss is only missed, never made up.
const KEEP: usize = 64;
const MARK_LEN: usize = 8 + 8 + 8 + 4;

/// One sync that sent local changes: the operations it sent and when it began.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mark {
    pub first: u64,
    pub last: u64,
    pub began: DateTime<Utc>,
}

/// The remembered syncs, oldest first. A damaged record counts as empty: it only ever
/// makes the replica recognise fewer losses.
pub(crate) fn load(meta: &impl ReadableTable<&'static str, &'static [u8]>) -> SResult<Vec<Mark>> {
    let Some(raw) = meta.get(KEY)? else {
        return Ok(Vec::new());
    };
    Ok(decode(raw.value()).unwrap_or_default())
}

fn decode(raw: &[u8]) -> std::result::Result<Vec<Mark>, Malformed> {
    if !raw.len().is_multiple_of(MARK_LEN) {
        return Err(Malformed("push marks"));
    }
    raw.chunks_exact(MARK_LEN)
        .map(|c| {
            let word = |i: usize| {
                let mut b = [0u8; 8];
                b.copy_from_slice(&c[i..i + 8]);
                b
            };
            let mut nanos = [0u8; 4];
            nanos.copy_from_slice(&c[24..28]);
            let began =
                DateTime::from_timestamp(i64::from_le_bytes(word(16)), u32::from_le_bytes(nanos))
                    .ok_or(Malformed("push marks"))?;
            Ok(Mark {
                first: u64::from_le_bytes(word(0)),
                last: u64::from_le_bytes(word(8)),
                began,
            })
        })
        .collect()
}

/// Remember one more sync that sent the operations `first..=last`, forgetting the oldest
/// beyond [`KEEP`].
pub(crate) fn record(meta: &mut Table<&'static str, &'static [u8]>, mark: Mark) -> SResult<()> {
    let mut marks = load(meta)?;
    marks.push(mark);
    let skip = marks.len().saturating_sub(KEEP);
    let mut raw = Vec::with_capacity(MARK_LEN * (marks.len() - skip));
    for m in &marks[skip..] {
        raw.extend_from_slice(&m.first.to_le_bytes());
        raw.extend_from_slice(&m.last.to_le_bytes());
        raw.extend_from_slice(&m.began.timestamp().to_le_bytes());
        raw.extend_from_slice(&m.began.timestamp_subsec_nanos().to_le_bytes());
    }
    meta.insert(KEY, raw.as_slice())?;
    Ok(())
}

/// Forget every remembered sync (the history they point into is gone).
pub(crate) fn clear(meta: &mut Table<&'static str, &'static [u8]>) -> SResult<()> {
    meta.remove(KEY)?;
    Ok(())
}

impl Replica {
    /// For each `(task, property)`: the value this replica set itself and sent, if it is
    /// still the last change of that property here (and of a sync still remembered), with
    /// the time that sync began.
    pub fn pushed_changes(&self, keys: &[(Uuid, String)]) -> Result<Vec<Option<PushedChange>>> {
        self.read(|txn| {
            let meta = txn.open_table(store::META)?;
            let marks = load(&meta)?;
            let synced_through = Counters::load(&meta)?.synced_through;
            let index = txn.open_table(store::OPS_BY_TASK)?;
            let ops = txn.open_table(store::OPS)?;
            let mut out = Vec::with_capacity(keys.len());
            for (uuid, property) in keys {
                let mut found = None;
                if !marks.is_empty() {
                    let key = uuid.as_u128();
                    for entry in index.range((key, 0)..=(key, u64::MAX))?.rev() {
                        let (_, seq) = entry?.0.value();
                        let Some(raw) = ops.get(seq)? else { continue };
                        let op = codec::decode_op(raw.value())?;
                        match &op {
                            Operation::Update { property: p, .. } if p == property => {
                                let mark = marks.iter().find(|m| (m.first..=m.last).contains(&seq));
                                if let Some(mark) = mark.filter(|_| seq <= synced_through) {
                                    found = Some(PushedChange {
                                        update: op,
                                        since: mark.began,
                                    });
                                }
                                break;
                            }
                            Operation::Update { .. } | Operation::UndoPoint => {}
                            Operation::Create { .. } | Operation::Delete { .. } => break,
                        }
                    }
                }
                out.push(found);
            }
            Ok(out)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_round_trip_and_damage_reads_as_none() {
        let mark = Mark {
            first: 3,
            last: 9,
            began: DateTime::from_timestamp(1_795_262_400, 123).unwrap(),
        };
        let mut raw = Vec::new();
        raw.extend_from_slice(&3u64.to_le_bytes());
        raw.extend_from_slice(&9u64.to_le_bytes());
        raw.extend_from_slice(&1_795_262_400i64.to_le_bytes());
        raw.extend_from_slice(&123u32.to_le_bytes());
        assert_eq!(decode(&raw).unwrap(), vec![mark]);
        assert!(decode(&raw[..5]).is_err());
        let mut bad = raw.clone();
        bad[24..28].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(decode(&bad).is_err());
    }
}
