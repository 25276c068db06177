//! What the cloud sync needs of an object store: a map from short names to bytes, listed by
//! prefix, with one compare-and-swap. S3, S3-compatible stores and Google Cloud Storage each
//! provide it; a map in memory provides it for tests.

use std::collections::BTreeMap;

/// An object as a listing names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectInfo {
    pub name: String,
    /// When it was made, in seconds since the epoch.
    pub creation: u64,
}

/// A failure of the store, in words that say what to fix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct BucketError(pub String);

/// An object store, as the cloud sync uses it. Names are ASCII letters, digits and `-`, at
/// most 100 characters.
pub trait Bucket {
    /// Write `name`, replacing what it held.
    fn put(&mut self, name: &str, value: &[u8]) -> Result<(), BucketError>;
    /// What `name` holds, `None` if there is no such object.
    fn get(&mut self, name: &str) -> Result<Option<Vec<u8>>, BucketError>;
    /// Remove `name`; nothing happens if there is no such object.
    fn del(&mut self, name: &str) -> Result<(), BucketError>;
    /// Every object whose name starts with `prefix`, in name order.
    fn list(&mut self, prefix: &str) -> Result<Vec<ObjectInfo>, BucketError>;
    /// Write `new` to `name` only if it holds `existing` now (`None`: only if there is no
    /// such object); whether it was written.
    fn compare_and_swap(
        &mut self,
        name: &str,
        existing: Option<&[u8]>,
        new: &[u8],
    ) -> Result<bool, BucketError>;
}

impl<B: Bucket + ?Sized> Bucket for &mut B {
    fn put(&mut self, name: &str, value: &[u8]) -> Result<(), BucketError> {
        (**self).put(name, value)
    }
    fn get(&mut self, name: &str) -> Result<Option<Vec<u8>>, BucketError> {
        (**self).get(name)
    }
    fn del(&mut self, name: &str) -> Result<(), BucketError> {
        (**self).del(name)
    }
    fn list(&mut self, prefix: &str) -> Result<Vec<ObjectInfo>, BucketError> {
        (**self).list(prefix)
    }
    fn compare_and_swap(
        &mut self,
        name: &str,
        existing: Option<&[u8]>,
        new: &[u8],
    ) -> Result<bool, BucketError> {
        (**self).compare_and_swap(name, existing, new)
    }
}

/// A bucket in memory, each object with the time it was made.
#[derive(Debug, Clone, Default)]
pub struct MemoryBucket {
    pub objects: BTreeMap<String, (Vec<u8>, u64)>,
    /// The creation time given to objects written from now on.
    pub clock: u64,
}

impl Bucket for MemoryBucket {
    fn put(&mut self, name: &str, value: &[u8]) -> Result<(), BucketError> {
        self.objects
            .insert(name.to_string(), (value.to_vec(), self.clock));
        Ok(())
    }

    fn get(&mut self, name: &str) -> Result<Option<Vec<u8>>, BucketError> {
        Ok(self.objects.get(name).map(|(v, _)| v.clone()))
    }

    fn del(&mut self, name: &str) -> Result<(), BucketError> {
        self.objects.remove(name);
        Ok(())
    }

    fn list(&mut self, prefix: &str) -> Result<Vec<ObjectInfo>, BucketError> {
        Ok(self
            .objects
            .range(prefix.to_string()..)
            .take_while(|(name, _)| name.starts_with(prefix))
            .map(|(name, (_, creation))| ObjectInfo {
                name: name.clone(),
                creation: *creation,
            })
            .collect())
    }

    fn compare_and_swap(
        &mut self,
        name: &str,
        existing: Option<&[u8]>,
        new: &[u8],
    ) -> Result<bool, BucketError> {
        if self.objects.get(name).map(|(v, _)| v.as_slice()) != existing {
            return Ok(false);
        }
        self.put(name, new)?;
        Ok(true)
    }
}
