//! A [`Bucket`] in Google Cloud Storage, through the `google-cloud-storage` crate (the client
//! TaskChampion itself uses) over the JSON API: signed in by the crate from a service
//! account's key file or the application default credentials, its compare-and-swap an upload
//! conditioned on the object's generation (`ifGenerationMatch`, 0 to make an object).

use std::path::Path;

use google_cloud_storage::client::google_cloud_auth::credentials::CredentialsFile;
use google_cloud_storage::client::{Client, ClientConfig};
use google_cloud_storage::http::Error as GcsError;
use google_cloud_storage::http::objects::Object;
use google_cloud_storage::http::objects::delete::DeleteObjectRequest;
use google_cloud_storage::http::objects::download::Range;
use google_cloud_storage::http::objects::get::GetObjectRequest;
use google_cloud_storage::http::objects::list::ListObjectsRequest;
use google_cloud_storage::http::objects::upload::{UploadObjectRequest, UploadType};

use super::bucket::{Bucket, BucketError, ObjectInfo};
use super::remote::{Outcome, Remote, listed, with_causes};

/// How the bucket is reached and signed in to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GcsAccess<'a> {
    /// Google's service, signed in with a service account's key file.
    KeyFile(&'a Path),
    /// Google's service, signed in with the application default credentials.
    Default,
    /// A server at this address (an emulator: `http://127.0.0.1:4443`), unsigned.
    Emulator(&'a str),
}

/// A Google Cloud Storage bucket.
pub struct GcsBucket {
    client: Client,
    bucket: String,
    remote: Remote,
}

impl std::fmt::Debug for GcsBucket {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GcsBucket")
            .field("bucket", &self.bucket)
            .finish()
    }
}

/// What an error from the store means here.
fn outcome(remote: &Remote, what: &str, e: GcsError) -> Outcome {
    let status = match &e {
        GcsError::Response(r) => Some(r.code),
        GcsError::HttpClient(e) | GcsError::RawResponse(e, _) => e.status().map(|s| s.as_u16()),
        _ => None,
    };
    match (status, &e) {
        (Some(404), _) => Outcome::Missing,
        (Some(412), _) => Outcome::Raced,
        (Some(401 | 403), _) | (_, GcsError::TokenSource(_)) => {
            remote.refused(what, &with_causes(&e))
        }
        _ => remote.failed(what, &with_causes(&e)),
    }
}

impl GcsBucket {
    /// The bucket `bucket`, reached by `access`; `credentials` names the settings to check
    /// when the store refuses them.
    pub fn new(
        bucket: &str,
        access: GcsAccess<'_>,
        credentials: &str,
    ) -> Result<GcsBucket, BucketError> {
        let reach = match access {
            GcsAccess::Emulator(_) => "STORAGE_EMULATOR_HOST, and that the emulator runs",
            _ => "the network",
        };
        let remote = Remote::new(
            &format!("the Google Cloud Storage bucket {bucket}"),
            credentials,
            reach,
        )?;
        let what = "signing in";
        let config = match access {
            GcsAccess::Emulator(url) => Ok(ClientConfig {
                storage_endpoint: url.trim_end_matches('/').to_string(),
                ..ClientConfig::default()
            }
            .anonymous()),
            GcsAccess::KeyFile(path) => {
                let shown = path.display().to_string();
                match std::fs::read_to_string(path) {
                    Err(e) => Err(remote.cannot_sign_in(&format!("cannot read {shown}: {e}"))),
                    Ok(text) => remote.wait(
                        what,
                        async move {
                            let file = CredentialsFile::new_from_str(&text).await?;
                            ClientConfig::default().with_credentials(file).await
                        },
                        |r, _, e| r.cannot_sign_in(&format!("{shown}: {}", with_causes(&e))),
                    ),
                }
            }
            GcsAccess::Default => {
                remote.wait(what, ClientConfig::default().with_auth(), |r, _, e| {
                    r.cannot_sign_in(&with_causes(&e))
                })
            }
        }
        .map_err(|o| remote.error(what, o))?;
        Ok(GcsBucket {
            client: Client::new(config),
            bucket: bucket.to_string(),
            remote,
        })
    }

    fn wait<T>(
        &self,
        what: &str,
        work: impl Future<Output = Result<T, GcsError>>,
    ) -> Result<T, Outcome> {
        self.remote.wait(what, work, outcome)
    }

    fn request(&self, name: &str) -> GetObjectRequest {
        GetObjectRequest {
            bucket: self.bucket.clone(),
            object: name.to_string(),
            ..GetObjectRequest::default()
        }
    }

    /// Write `value` to `name`; with `generation`, only if that is the object's generation
    /// now (0: only if there is no such object). A multipart upload, so that the condition
    /// holds on every server that speaks the JSON API.
    fn upload(
        &self,
        what: &str,
        name: &str,
        value: &[u8],
        generation: Option<i64>,
    ) -> Result<(), Outcome> {
        let request = UploadObjectRequest {
            bucket: self.bucket.clone(),
            if_generation_match: generation,
            ..UploadObjectRequest::default()
        };
        let meta = Object {
            name: name.to_string(),
            content_type: Some("application/octet-stream".into()),
            ..Object::default()
        };
        let kind = UploadType::Multipart(Box::new(meta));
        self.wait(
            what,
            self.client.upload_object(&request, value.to_vec(), &kind),
        )
        .map(|_| ())
    }
}

impl Bucket for GcsBucket {
    fn put(&mut self, name: &str, value: &[u8]) -> Result<(), BucketError> {
        let what = format!("writing {name}");
        self.upload(&what, name, value, None)
            .map_err(|o| self.remote.error(&what, o))
    }

    fn get(&mut self, name: &str) -> Result<Option<Vec<u8>>, BucketError> {
        let what = format!("reading {name}");
        let request = self.request(name);
        match self.wait(
            &what,
            self.client.download_object(&request, &Range::default()),
        ) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(Outcome::Missing) => Ok(None),
            Err(o) => Err(self.remote.error(&what, o)),
        }
    }

    fn del(&mut self, name: &str) -> Result<(), BucketError> {
        let what = format!("deleting {name}");
        let request = DeleteObjectRequest {
            bucket: self.bucket.clone(),
            object: name.to_string(),
            ..DeleteObjectRequest::default()
        };
        match self.wait(&what, self.client.delete_object(&request)) {
            Ok(()) | Err(Outcome::Missing) => Ok(()),
            Err(o) => Err(self.remote.error(&what, o)),
        }
    }

    fn list(&mut self, prefix: &str) -> Result<Vec<ObjectInfo>, BucketError> {
        let what = format!("listing {prefix}…");
        let mut out = Vec::new();
        let mut page_token = None;
        loop {
            let request = ListObjectsRequest {
                bucket: self.bucket.clone(),
                prefix: Some(prefix.to_string()),
                page_token: page_token.take(),
                ..ListObjectsRequest::default()
            };
            let page = self
                .wait(&what, self.client.list_objects(&request))
                .map_err(|o| self.remote.error(&what, o))?;
            out.extend(page.items.into_iter().flatten().map(|o| {
                ObjectInfo {
                    creation: o
                        .time_created
                        .and_then(|t| u64::try_from(t.unix_timestamp()).ok())
                        .unwrap_or(0),
                    name: o.name,
                }
            }));
            match page.next_page_token {
                Some(token) if !token.is_empty() => page_token = Some(token),
                _ => break,
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
        let request = self.request(name);
        // The generation now (0: none), and what that generation holds.
        let generation = match self.wait(&what, self.client.get_object(&request)) {
            Ok(o) => o.generation,
            Err(Outcome::Missing) => 0,
            Err(o) => return Err(self.remote.error(&what, o)),
        };
        let held = if generation == 0 {
            None
        } else {
            let exact = GetObjectRequest {
                generation: Some(generation),
                ..request
            };
            match self.wait(
                &what,
                self.client.download_object(&exact, &Range::default()),
            ) {
                Ok(bytes) => Some(bytes),
                // Replaced or removed since: another replica won.
                Err(Outcome::Missing) => return Ok(false),
                Err(o) => return Err(self.remote.error(&what, o)),
            }
        };
        if held.as_deref() != existing {
            return Ok(false);
        }
        match self.upload(&what, name, new, Some(generation)) {
            Ok(()) => Ok(true),
            Err(Outcome::Raced) => Ok(false),
            Err(o) => Err(self.remote.error(&what, o)),
        }
    }
}
