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
    let mut json = Vec::new();
    ZlibDecoder::new(bytes)
        .take(MAX_INFLATED + 1)
        .read_to_end(&mut json)
        .map_err(SnapshotError::Inflate)?;
    if json.len() as u64 > MAX_INFLATED {
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
