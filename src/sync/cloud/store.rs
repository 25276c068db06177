//! A [`Bucket`] in S3 or an S3-compatible service, through the `object_store` crate: its
//! requests signed by the crate, its compare-and-swap a conditional write (`If-Match`, or
//! `If-None-Match: *` to make an object), its listing by raw name prefix.

use std::sync::Arc;

use object_store::list::{PaginatedListOptions, PaginatedListStore};
use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt, PutMode, PutOptions, PutPayload, UpdateVersion};

use super::bucket::{Bucket, BucketError, ObjectInfo};
use super::remote::{Outcome, Remote, listed, with_causes};

/// What the object store client offers that the bucket needs.
pub trait Store: ObjectStore + PaginatedListStore {}
impl<S: ObjectStore + PaginatedListStore> Store for S {}

/// A bucket of a real object store.
pub struct ObjectBucket {
    store: Arc<dyn Store>,
    remote: Remote,
}

impl std::fmt::Debug for ObjectBucket {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ObjectBucket")
            .field("named", &self.remote.named)
            .finish()
    }
}

impl ObjectBucket {
    /// `store`, named `named` in messages; `credentials` names the settings to check when
    /// the store refuses them, `reach` what to check when it cannot be reached.
    pub fn new(
        store: Arc<dyn Store>,
        named: &str,
        credentials: &str,
        reach: &str,
    ) -> Result<ObjectBucket, BucketError> {
        Ok(ObjectBucket {
            store,
            remote: Remote::new(named, credentials, reach)?,
        })
    }

    fn wait<T>(
        &self,
        what: &str,
        work: impl Future<Output = object_store::Result<T>>,
    ) -> Result<T, Outcome> {
        self.remote.wait(what, work, outcome)
    }
}

/// What an error from the store means here.
fn outcome(remote: &Remote, what: &str, e: object_store::Error) -> Outcome {
    use object_store::Error as E;
    match e {
        E::NotFound { .. } => Outcome::Missing,
        E::AlreadyExists { .. } | E::Precondition { .. } => Outcome::Raced,
        E::Unauthenticated { source, .. } | E::PermissionDenied { source, .. } => {
            remote.refused(what, &with_causes(source.as_ref()))
        }
        // No keys in the environment, so the client asked the instance metadata service,
        // which is only there on a cloud machine.
        other if with_causes(&other).contains("169.254.169.254") => remote.cannot_sign_in(
            "no AWS credentials in the environment (AWS_ACCESS_KEY_ID and \
             AWS_SECRET_ACCESS_KEY, or AWS_WEB_IDENTITY_TOKEN_FILE), and no instance metadata \
             service to ask",
        ),
        other => remote.failed(what, &with_causes(&other)),
    }
}

impl Bucket for ObjectBucket {
    fn put(&mut self, name: &str, value: &[u8]) -> Result<(), BucketError> {
        let what = format!("writing {name}");
        let path = Path::from(name);
        let payload = PutPayload::from(value.to_vec());
        self.wait(&what, self.store.put(&path, payload))
            .map(|_| ())
            .map_err(|o| self.remote.error(&what, o))
    }

    fn get(&mut self, name: &str) -> Result<Option<Vec<u8>>, BucketError> {
        let what = format!("reading {name}");
        let path = Path::from(name);
        let store = self.store.clone();
        match self.wait(&what, async move { store.get(&path).await?.bytes().await }) {
            Ok(bytes) => Ok(Some(bytes.to_vec())),
            Err(Outcome::Missing) => Ok(None),
            Err(o) => Err(self.remote.error(&what, o)),
        }
    }

    fn del(&mut self, name: &str) -> Result<(), BucketError> {
        let what = format!("deleting {name}");
        let path = Path::from(name);
        match self.wait(&what, self.store.delete(&path)) {
            Ok(()) | Err(Outcome::Missing) => Ok(()),
            Err(o) => Err(self.remote.error(&what, o)),
        }
    }

    fn list(&mut self, prefix: &str) -> Result<Vec<ObjectInfo>, BucketError> {
        let what = format!("listing {prefix}…");
        let mut out = Vec::new();
        let mut page_token = None;
        loop {
            let options = PaginatedListOptions {
                page_token: page_token.take(),
                ..PaginatedListOptions::default()
            };
            let page = self
                .wait(&what, self.store.list_paginated(Some(prefix), options))
                .map_err(|o| self.remote.error(&what, o))?;
            out.extend(page.result.objects.into_iter().map(|meta| ObjectInfo {
                name: meta.location.to_string(),
                creation: u64::try_from(meta.last_modified.timestamp()).unwrap_or(0),
            }));
            match page.page_token {
                Some(token) => page_token = Some(token),
                None => break,
            }
        }
        Ok(listed(out, prefix))
    }

    fn compare_and_swap(
        &mut self,
        name: &str,
        existing: Option<&[u8]>,
        new: &[u8],
    ) -> Result<bool, BucketError> {
        let what = format!("updating {name}");
        let path = Path::from(name);
        let store = self.store.clone();
        let read = {
            let path = path.clone();
            self.wait(&what, async move {
                let got = store.get(&path).await?;
                let version = UpdateVersion {
                    e_tag: got.meta.e_tag.clone(),
                    version: got.meta.version.clone(),
                };
                Ok((got.bytes().await?, version))
            })
        };
        let mode = match (read, existing) {
            (Ok((bytes, version)), Some(expected)) if bytes.as_ref() == expected => {
                PutMode::Update(version)
            }
            (Ok(_), _) => return Ok(false),
            (Err(Outcome::Missing), None) => PutMode::Create,
            (Err(Outcome::Missing), Some(_)) => return Ok(false),
            (Err(o), _) => return Err(self.remote.error(&what, o)),
        };
        let options = PutOptions {
            mode,
            ..PutOptions::default()
        };
        let creating = matches!(options.mode, PutMode::Create);
        let payload = PutPayload::from(new.to_vec());
        match self.wait(&what, self.store.put_opts(&path, payload, options)) {
            Ok(_) => Ok(true),
            // Changed, made or removed since it was read: another replica won.
            Err(Outcome::Raced) => Ok(false),
            Err(Outcome::Missing) if !creating => Ok(false),
            // Nowhere to make it: the bucket itself is missing.
            Err(o) => Err(self.remote.error(&what, o)),
        }
    }
}
