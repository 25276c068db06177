//! Sync through an object store (S3, an S3-compatible service, Google Cloud Storage), in
//! TaskChampion 3.1's layout: [`server::CloudServer`] keeps the chain of versions in any
//! [`bucket::Bucket`].

pub mod bucket;
pub mod gcs;
mod remote;
pub mod server;
pub mod store;

pub use bucket::{Bucket, BucketError, MemoryBucket, ObjectInfo};
pub use gcs::{GcsAccess, GcsBucket};
pub use server::CloudServer;
pub use store::{ObjectBucket, Store};
