//! The object-store sync servers the taskrc names: an S3 bucket (`sync.aws.*`, an
//! S3-compatible service through `sync.aws.endpoint_url` or the AWS SDK's own
//! `AWS_ENDPOINT_URL_S3`/`AWS_ENDPOINT_URL`), or a Google Cloud Storage bucket
//! (`sync.gcp.*`, or the emulator `STORAGE_EMULATOR_HOST` names, as Google's own clients
//! read it), each as [`CloudServer`].

use std::path::Path;
use std::sync::Arc;

use anyhow::{Result, anyhow, bail};
use object_store::aws::AmazonS3Builder;

use crate::config::{AwsCredentials, AwsSettings, Secret};
use crate::sync::Server;
use crate::sync::cloud::{Bucket, CloudServer, GcsAccess, GcsBucket, ObjectBucket};

/// The encryption secret, which the object-store sync needs as every other.
fn secret_of(secret: Option<Secret>, taskrc: &Path) -> Result<Secret> {
    secret.ok_or_else(|| {
        anyhow!(
            "sync.encryption_secret is not set in {}; set it to the secret your other replicas \
             use",
            taskrc.display()
        )
    })
}

fn env_value(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// The S3-compatible service to use instead of AWS: `sync.aws.endpoint_url` (`configured`),
/// else the AWS SDK's `AWS_ENDPOINT_URL_S3`, else `AWS_ENDPOINT_URL`.
pub(super) fn aws_endpoint(configured: Option<&str>) -> Option<String> {
    configured
        .map(str::to_string)
        .or_else(|| env_value("AWS_ENDPOINT_URL_S3"))
        .or_else(|| env_value("AWS_ENDPOINT_URL"))
}

/// The Google Cloud Storage emulator `STORAGE_EMULATOR_HOST` names (`127.0.0.1:4443`, or a
/// URL), as a URL.
pub(super) fn gcs_emulator() -> Option<String> {
    env_value("STORAGE_EMULATOR_HOST").map(|host| {
        if host.contains("://") {
            host
        } else {
            format!("http://{host}")
        }
    })
}

/// The key pair of `profile` in the AWS credentials file (`AWS_SHARED_CREDENTIALS_FILE`, else
/// `~/.aws/credentials`).
fn profile_keys(profile: &str, home: Option<&Path>) -> Result<(String, String, Option<String>)> {
    let file = match std::env::var_os("AWS_SHARED_CREDENTIALS_FILE") {
        Some(f) => std::path::PathBuf::from(f),
        None => home.map(|h| h.join(".aws/credentials")).ok_or_else(|| {
            anyhow!("sync.aws.profile: no home folder to find ~/.aws/credentials in")
        })?,
    };
    let text = std::fs::read_to_string(&file).map_err(|e| {
        anyhow!(
            "sync.aws.profile is {profile:?}, but {} cannot be read ({e}); create it, or sign \
             in with sync.aws.access_key_id and sync.aws.secret_access_key",
            file.display()
        )
    })?;
    let mut section = String::new();
    let (mut id, mut key, mut token) = (None, None, None);
    for line in text.lines().map(str::trim) {
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name.trim().to_string();
        } else if section == profile
            && let Some((k, v)) = line.split_once('=')
        {
            let v = v.trim().to_string();
            match k.trim() {
                "aws_access_key_id" => id = Some(v),
                "aws_secret_access_key" => key = Some(v),
                "aws_session_token" => token = Some(v),
                _ => {}
            }
        }
    }
    match (id, key) {
        (Some(id), Some(key)) => Ok((id, key, token)),
        _ => bail!(
            "sync.aws.profile is {profile:?}, but {} has no aws_access_key_id and \
             aws_secret_access_key under [{profile}]",
            file.display()
        ),
    }
}

/// The S3 bucket `settings` name.
pub(super) fn aws_server(
    settings: AwsSettings,
    home: Option<&Path>,
    taskrc: &Path,
) -> Result<Box<dyn Server + Send>> {
    let secret = secret_of(settings.secret, taskrc)?;
    let (mut builder, check) = match settings.credentials {
        AwsCredentials::Unclear(what) => bail!("sync.aws.* in {}: {what}", taskrc.display()),
        AwsCredentials::AccessKey { id, secret } => (
            AmazonS3Builder::new()
                .with_access_key_id(id)
                .with_secret_access_key(secret.expose()),
            "sync.aws.access_key_id and sync.aws.secret_access_key",
        ),
        AwsCredentials::Profile(name) => {
            let (id, key, token) = profile_keys(&name, home)?;
            let mut b = AmazonS3Builder::new()
                .with_access_key_id(id)
                .with_secret_access_key(key);
            if let Some(token) = token {
                b = b.with_token(token);
            }
            (b, "the keys of sync.aws.profile in ~/.aws/credentials")
        }
        AwsCredentials::Default => (
            AmazonS3Builder::from_env(),
            "the AWS credentials of the environment (AWS_ACCESS_KEY_ID, …)",
        ),
    };
    let endpoint = aws_endpoint(settings.endpoint_url.as_deref());
    let region = settings
        .region
        .or_else(|| env_value("AWS_REGION"))
        .or_else(|| env_value("AWS_DEFAULT_REGION"))
        .unwrap_or_else(|| "us-east-1".to_string());
    builder = builder
        .with_bucket_name(&settings.bucket)
        .with_region(region)
        .with_virtual_hosted_style_request(!settings.force_path_style);
    let reach = match (&endpoint, settings.force_path_style) {
        (Some(_), false) => {
            "sync.aws.endpoint_url, sync.aws.force_path_style (most S3-compatible services \
             need it true) and the network"
        }
        (Some(_), true) => "sync.aws.endpoint_url and the network",
        (None, _) => "sync.aws.region and the network",
    };
    if let Some(url) = endpoint {
        builder = builder
            .with_allow_http(url.starts_with("http://"))
            .with_endpoint(url);
    }
    // A few quick retries: the sync tries again later by itself, and a user waits on this.
    builder = builder.with_retry(object_store::RetryConfig {
        max_retries: 3,
        retry_timeout: std::time::Duration::from_secs(20),
        ..object_store::RetryConfig::default()
    });
    let store = builder
        .build()
        .map_err(|e| anyhow!("sync.aws.* in {}: {e}", taskrc.display()))?;
    let bucket = ObjectBucket::new(
        Arc::new(store),
        &format!("the S3 bucket {}", settings.bucket),
        check,
        reach,
    )?;
    serve(bucket, &secret)
}

/// The sync server in `bucket`.
fn serve<B: Bucket + Send + 'static>(bucket: B, secret: &Secret) -> Result<Box<dyn Server + Send>> {
    Ok(Box::new(CloudServer::new(
        bucket,
        secret.expose().as_bytes(),
    )?))
}

/// The Google Cloud Storage bucket `bucket`, signed in with the service account file
/// `credential_path` (else the environment's application default credentials), or on the
/// emulator `STORAGE_EMULATOR_HOST` names (`127.0.0.1:4443`, `http://…`), unsigned.
pub(super) fn gcp_server(
    bucket: &str,
    credential_path: Option<&Path>,
    secret: Option<Secret>,
    taskrc: &Path,
) -> Result<Box<dyn Server + Send>> {
    let secret = secret_of(secret, taskrc)?;
    let emulator = gcs_emulator();
    let (access, check) = match (&emulator, credential_path) {
        (Some(url), _) => (GcsAccess::Emulator(url), "STORAGE_EMULATOR_HOST"),
        (None, Some(path)) => (
            GcsAccess::KeyFile(path),
            "sync.gcp.credential_path (a service account's key file)",
        ),
        (None, None) => (
            GcsAccess::Default,
            "the application default credentials (GOOGLE_APPLICATION_CREDENTIALS, or \
             `gcloud auth application-default login`), or set sync.gcp.credential_path",
        ),
    };
    serve(GcsBucket::new(bucket, access, check)?, &secret)
}
