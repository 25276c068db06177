//! Snapshots: every task of a replica as zlib-compressed JSON, `{uuid: {property: value}}`,
//! which a server keeps so new replicas need not replay the whole history.

use std::collections::BTreeMap;
use std::io::{Read, Write};

use flate2::Compression;
use flate2::read::ZlibDecoder;
use flate2::write::ZlibEncoder;
use uuid::Uuid;

use crate::task::{TaskData, TaskMap};

/// The largest snapshot accepted after inflating: a guard against a hostile or broken server.
pub const MAX_INFLATED: u64 = 1 << 30;

/// Why a snapshot could not be read.
#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    #[error("the snapshot is not valid zlib data: {0}")]
    Inflate(std::io::Error),
    #[error("the snapshot inflates to more than {MAX_INFLATED} bytes; refusing it")]
    TooLarge,
    #[error("the snapshot is not a map of tasks: {0}")]
    Json(#[from] serde_json::Error),
}

/// Encode tasks as a snapshot.
pub fn encode<'a>(tasks: impl IntoIterator<Item = &'a TaskData>) -> Vec<u8> {
    let map: BTreeMap<String, BTreeMap<&str, &str>> = tasks
        .into_iter()
        .map(|t| (t.uuid().to_string(), t.iter().collect()))
        .collect();
    // Writing JSON of strings into memory cannot fail.
    let json = serde_json::to_vec(&map).unwrap_or_default();
    let mut z = ZlibEncoder::new(Vec::new(), Compression::default());
    let _ = z.write_all(&json);
    z.finish().unwrap_or_default()
}

/// Decode a snapshot into tasks.
pub fn decode(bytes: &[u8]) -> Result<Vec<TaskData>, SnapshotError> {
    decode_within(bytes, MAX_INFLATED)
}

/// Decode a snapshot that inflates to at most `limit` bytes (a bomb stops there).
fn decode_within(bytes: &[u8], limit: u64) -> Result<Vec<TaskData>, SnapshotError> {
    let mut json = Vec::new();
    ZlibDecoder::new(bytes)
        .take(limit.saturating_add(1))
        .read_to_end(&mut json)
        .map_err(SnapshotError::Inflate)?;
    if json.len() as u64 > limit {
        return Err(SnapshotError::TooLarge);
    }
    let map: BTreeMap<Uuid, TaskMap> = serde_json::from_slice(&json)?;
    Ok(map.into_iter().map(|(u, m)| TaskData::new(u, m)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_starts_with_the_zlib_header() {
        let mut map = TaskMap::new();
        map.insert("status".into(), "pending".into());
        map.insert("description".into(), "snap".into());
        let tasks = vec![
            TaskData::new(Uuid::from_u128(1), map),
            TaskData::new(Uuid::from_u128(2), TaskMap::new()),
        ];
        let bytes = encode(&tasks);
        assert_eq!(&bytes[..2], &[0x78, 0x9c]);
        assert_eq!(decode(&bytes).unwrap(), tasks);
        assert!(decode(&encode(std::iter::empty())).unwrap().is_empty());
    }

    /// A zlib stream of `n` spaces (valid JSON whitespace), written a block at a time.
    fn spaces(n: usize) -> Vec<u8> {
        let mut z = ZlibEncoder::new(Vec::new(), Compression::best());
        let block = [b' '; 1 << 16];
        let mut left = n;
        while left > 0 {
            let k = left.min(block.len());
            z.write_all(&block[..k]).unwrap();
            left -= k;
        }
        z.finish().unwrap()
    }

    #[test]
    fn a_bomb_stops_at_the_cap() {
        // 8 MiB of spaces in some 8 KiB, against a cap of 1 MiB.
        let bomb = spaces(8 << 20);
        assert!(bomb.len() < 64 << 10, "{}", bomb.len());
        assert!(matches!(
            decode_within(&bomb, 1 << 20),
            Err(SnapshotError::TooLarge)
        ));
        // Just under the cap it is read (and found not to be a map of tasks).
        assert!(matches!(
            decode_within(&spaces(1 << 20), 1 << 20),
            Err(SnapshotError::Json(_))
        ));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        /// Arbitrary bytes, raw or inflated from a valid zlib stream, are an error or a map
        /// of tasks, never a panic.
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..512)) {
            let _ = decode(&bytes);
            let mut z = ZlibEncoder::new(Vec::new(), Compression::default());
            z.write_all(&bytes).unwrap();
            let object = bytes.trim_ascii_start().first() == Some(&b'{');
            proptest::prop_assert!(
                decode(&z.finish().unwrap()).is_err() || object,
                "decoded {:?}",
                bytes
            );
        }

        /// A real snapshot cut short or with one byte changed is an error or decodes; it never
        /// panics.
        #[test]
        fn damaged_snapshots_never_panic(cut in 0usize..200, at in 0usize..200, flip in 1u8..=255) {
            let mut map = TaskMap::new();
            map.insert("description".into(), "a task".into());
            let mut bytes = encode(&[TaskData::new(Uuid::from_u128(7), map)]);
            if let Some(b) = bytes.get_mut(at) {
                *b ^= flip;
            }
            bytes.truncate(cut);
            let _ = decode(&bytes);
        }
    }

    #[test]
    fn garbage_is_an_error() {
        assert!(matches!(
            decode(b"not zlib"),
            Err(SnapshotError::Inflate(_))
        ));
        let mut z = ZlibEncoder::new(Vec::new(), Compression::default());
        z.write_all(br#"{"not-a-uuid":{}}"#).unwrap();
        assert!(matches!(
            decode(&z.finish().unwrap()),
            Err(SnapshotError::Json(_))
        ));
        let mut z = ZlibEncoder::new(Vec::new(), Compression::default());
        z.write_all(br#"{"00000000-0000-0000-0000-000000000001":{"a":1}}"#)
            .unwrap();
        assert!(
            decode(&z.finish().unwrap()).is_err(),
            "values must be strings"
        );
    }
}
