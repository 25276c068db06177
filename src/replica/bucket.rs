//! How the working set and its tasks are laid out in the file.
//!
//! Tasks in the working set live in a fixed number of buckets chosen by UUID. A bucket is one
//! value: a header per task, then all property offsets, then all property text, so loading
//! the working set reads a few large values and makes one shared text buffer per bucket.
//! The working set itself is stored in chunks of consecutive IDs. Both layouts are read
//! defensively: a malformed value is reported, never trusted.

use std::sync::Arc;

use uuid::Uuid;

use super::codec::Malformed;
use crate::task::{Packed, TaskData};

/// How many buckets hold the working set's tasks.
const BUCKETS: u128 = 128;

/// The bucket a working-set task is kept in.
pub(crate) fn bucket_of(uuid: &Uuid) -> u32 {
    (uuid.as_u128() % BUCKETS) as u32
}

const BAD_BUCKET: Malformed = Malformed("working-set bucket");

/// A bucket split into its three parts.
struct Layout<'a> {
    /// `(uuid, property count, text length)` per task.
    heads: Vec<(Uuid, usize, usize)>,
    ends: &'a [u8],
    text: &'a [u8],
}

fn u32_at(bytes: &[u8], at: usize) -> Result<u32, Malformed> {
    let raw = bytes.get(at..at + 4).ok_or(BAD_BUCKET)?;
    let mut b = [0u8; 4];
    b.copy_from_slice(raw);
    Ok(u32::from_le_bytes(b))
}

fn parse(blob: &[u8]) -> Result<Layout<'_>, Malformed> {
    let n = u32_at(blob, 0)? as usize;
    let heads_end = n
        .checked_mul(24)
        .and_then(|h| h.checked_add(4))
        .filter(|&e| e <= blob.len())
        .ok_or(BAD_BUCKET)?;
    let mut heads = Vec::with_capacity(n);
    let (mut props, mut text_len) = (0usize, 0usize);
    for i in 0..n {
        let at = 4 + i * 24;
        let mut uuid = [0u8; 16];
        uuid.copy_from_slice(&blob[at..at + 16]);
        let count = u32_at(blob, at + 16)? as usize;
        let len = u32_at(blob, at + 20)? as usize;
        heads.push((Uuid::from_bytes(uuid), count, len));
        props = props.checked_add(count).ok_or(BAD_BUCKET)?;
        text_len = text_len.checked_add(len).ok_or(BAD_BUCKET)?;
    }
    let ends_end = props
        .checked_mul(8)
        .and_then(|e| e.checked_add(heads_end))
        .ok_or(BAD_BUCKET)?;
    if ends_end.checked_add(text_len) != Some(blob.len()) {
        return Err(BAD_BUCKET);
    }
    Ok(Layout {
        heads,
        ends: &blob[heads_end..ends_end],
        text: &blob[ends_end..],
    })
}

fn read_ends(raw: &[u8]) -> Vec<(u32, u32)> {
    raw.chunks_exact(8)
        .map(|c| {
            let mut k = [0u8; 4];
            let mut v = [0u8; 4];
            k.copy_from_slice(&c[..4]);
            v.copy_from_slice(&c[4..]);
            (u32::from_le_bytes(k), u32::from_le_bytes(v))
        })
        .collect()
}

/// Decode every task of a bucket, sharing one text buffer among them.
pub(crate) fn decode(blob: &[u8], out: &mut Vec<TaskData>) -> Result<(), Malformed> {
    let layout = parse(blob)?;
    let text = Arc::new(
        std::str::from_utf8(layout.text)
            .map_err(|_| BAD_BUCKET)?
            .to_owned(),
    );
    let ends = Arc::new(read_ends(layout.ends));
    let (mut base, mut from) = (0, 0);
    for (uuid, count, len) in layout.heads {
        let to = from + count;
        let last = if count == 0 {
            0
        } else {
            ends[to - 1].1 as usize
        };
        if last != len {
            return Err(BAD_BUCKET);
        }
        let packed = Packed::new(text.clone(), base, ends.clone(), from, to).ok_or(BAD_BUCKET)?;
        out.push(TaskData::from_packed(uuid, packed));
        base += len;
        from = to;
    }
    Ok(())
}

/// Each task of a bucket as the values of `keys` (`None` where it has none), read in
/// place: nothing is copied, for counting over every task quickly.
pub(crate) fn visit<const N: usize>(
    blob: &[u8],
    keys: [&str; N],
    f: &mut dyn FnMut([Option<&str>; N]),
) -> Result<(), Malformed> {
    let layout = parse(blob)?;
    let text = std::str::from_utf8(layout.text).map_err(|_| BAD_BUCKET)?;
    let ends = read_ends(layout.ends);
    let (mut base, mut from) = (0usize, 0usize);
    for (_, count, len) in layout.heads {
        let to = from
            .checked_add(count)
            .filter(|&t| t <= ends.len())
            .ok_or(BAD_BUCKET)?;
        let mut values = [None; N];
        let mut start = base;
        for &(k, v) in &ends[from..to] {
            let (k, v) = (base + k as usize, base + v as usize);
            let key = text.get(start..k).ok_or(BAD_BUCKET)?;
            if let Some(slot) = keys.iter().position(|want| *want == key) {
                values[slot] = Some(text.get(k..v).ok_or(BAD_BUCKET)?);
            }
            start = v;
        }
        f(values);
        base = base.checked_add(len).ok_or(BAD_BUCKET)?;
        from = to;
    }
    Ok(())
}

/// The UUIDs of a bucket's tasks, read from its headers alone.
pub(crate) fn uuids(blob: &[u8]) -> Result<Vec<Uuid>, Malformed> {
    Ok(parse(blob)?.heads.into_iter().map(|(u, _, _)| u).collect())
}

/// Split a bucket into one record per task, each in the single-task encoding, for editing.
pub(crate) fn split(blob: &[u8]) -> Result<Vec<(Uuid, Vec<u8>)>, Malformed> {
    let layout = parse(blob)?;
    let (mut text_at, mut ends_at) = (0, 0);
    let mut out = Vec::with_capacity(layout.heads.len());
    for (uuid, count, len) in layout.heads {
        let mut record = Vec::with_capacity(4 + count * 8 + len);
        record.extend_from_slice(&(count as u32).to_le_bytes());
        record.extend_from_slice(&layout.ends[ends_at..ends_at + count * 8]);
        record.extend_from_slice(&layout.text[text_at..text_at + len]);
        out.push((uuid, record));
        ends_at += count * 8;
        text_at += len;
    }
    Ok(out)
}

/// Join single-task records back into one bucket.
pub(crate) fn join(records: &[(Uuid, Vec<u8>)]) -> Result<Vec<u8>, Malformed> {
    let mut heads = Vec::with_capacity(4 + records.len() * 24);
    let mut ends = Vec::new();
    let mut text = Vec::new();
    heads.extend_from_slice(&(records.len() as u32).to_le_bytes());
    for (uuid, record) in records {
        let count = u32_at(record, 0)? as usize;
        let ends_raw = record.get(4..4 + count * 8).ok_or(BAD_BUCKET)?;
        let text_raw = &record[4 + count * 8..];
        heads.extend_from_slice(uuid.as_bytes());
        heads.extend_from_slice(&(count as u32).to_le_bytes());
        heads.extend_from_slice(&(text_raw.len() as u32).to_le_bytes());
        ends.extend_from_slice(ends_raw);
        text.extend_from_slice(text_raw);
    }
    heads.extend_from_slice(&ends);
    heads.extend_from_slice(&text);
    Ok(heads)
}

/// Find one task in a bucket.
pub(crate) fn find(blob: &[u8], uuid: Uuid) -> Result<Option<TaskData>, Malformed> {
    for (u, record) in split(blob)? {
        if u == uuid {
            return super::codec::decode_task_data(uuid, &record).map(Some);
        }
    }
    Ok(None)
}

/// How many consecutive working-set IDs one stored chunk holds (one slot is 17 bytes, so a
/// chunk fits a 4 KiB page).
pub(crate) const CHUNK: usize = 240;

/// Encode IDs `k * CHUNK ..` of the working set: a presence byte and 16 UUID bytes per slot.
pub(crate) fn encode_chunk(slots: &[Option<Uuid>]) -> Vec<u8> {
    let mut out = Vec::with_capacity(slots.len() * 17);
    for slot in slots {
        match slot {
            Some(u) => {
                out.push(1);
                out.extend_from_slice(u.as_bytes());
            }
            None => out.extend_from_slice(&[0u8; 17]),
        }
    }
    out
}

/// Decode one chunk of the working set.
pub(crate) fn decode_chunk(blob: &[u8]) -> Result<Vec<Option<Uuid>>, Malformed> {
    if !blob.len().is_multiple_of(17) || blob.len() > CHUNK * 17 {
        return Err(Malformed("working-set chunk"));
    }
    blob.chunks_exact(17)
        .map(|slot| match slot[0] {
            0 => Ok(None),
            1 => {
                let mut u = [0u8; 16];
                u.copy_from_slice(&slot[1..]);
                Ok(Some(Uuid::from_bytes(u)))
            }
            _ => Err(Malformed("working-set chunk")),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::replica::codec::encode_task;
    use crate::task::TaskMap;

    fn map(pairs: &[(&str, &str)]) -> TaskMap {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn buckets_round_trip_through_split_and_decode() {
        let tasks = [
            (
                Uuid::from_u128(1),
                map(&[("description", "thé"), ("status", "pending")]),
            ),
            (Uuid::from_u128(2), map(&[])),
            (Uuid::from_u128(3), map(&[("a", ""), ("b", "x")])),
        ];
        let records: Vec<_> = tasks.iter().map(|(u, m)| (*u, encode_task(m))).collect();
        let blob = join(&records).unwrap();
        assert_eq!(split(&blob).unwrap(), records);
        let mut out = Vec::new();
        decode(&blob, &mut out).unwrap();
        let back: Vec<_> = out.into_iter().map(|t| (t.uuid(), t.into_map())).collect();
        assert_eq!(back, tasks.to_vec());
        assert_eq!(
            find(&blob, Uuid::from_u128(3)).unwrap().unwrap().get("b"),
            Some("x")
        );
        assert!(find(&blob, Uuid::from_u128(4)).unwrap().is_none());
        let all: Vec<Uuid> = tasks.iter().map(|(u, _)| *u).collect();
        assert_eq!(uuids(&blob).unwrap(), all);
    }

    #[test]
    fn damaged_buckets_are_reported() {
        let records = vec![(Uuid::from_u128(1), encode_task(&map(&[("k", "v")])))];
        let blob = join(&records).unwrap();
        for cut in 1..blob.len() {
            assert!(
                decode(&blob[..cut], &mut Vec::new()).is_err(),
                "cut at {cut}"
            );
        }
        let mut bad_utf8 = blob.clone();
        let last = bad_utf8.len() - 1;
        bad_utf8[last] = 0xff;
        assert!(decode(&bad_utf8, &mut Vec::new()).is_err());
        assert!(decode(&u32::MAX.to_le_bytes(), &mut Vec::new()).is_err());
    }

    #[test]
    fn chunks_round_trip_and_reject_garbage() {
        let slots = vec![None, Some(Uuid::from_u128(5)), None, Some(Uuid::nil())];
        assert_eq!(decode_chunk(&encode_chunk(&slots)).unwrap(), slots);
        assert!(decode_chunk(&[2u8; 17]).is_err());
        assert!(decode_chunk(&[0u8; 16]).is_err());
    }
}
