//! What the clients of real object stores share: a runtime of their own to wait on (as the
//! HTTP sync has), a deadline for each request, and the words a failure is said in, naming
//! the bucket and the settings to check.

use std::time::Duration;

use tokio::runtime::Runtime;

use super::bucket::{BucketError, ObjectInfo};
pub(super) use crate::sync::transport::with_causes;

/// How long one request may take before the sync gives up on it.
const DEADLINE: Duration = Duration::from_secs(60);

/// How a request ended, when it did not succeed.
pub(super) enum Outcome {
    /// No such object.
    Missing,
    /// A conditional write found the object changed (or made) meanwhile.
    Raced,
    Failed(BucketError),
}

/// One bucket's connection: where requests wait, and how failures are named.
pub(super) struct Remote {
    runtime: Runtime,
    /// How messages name the bucket: "the S3 bucket tasks".
    pub(super) named: String,
    /// What to check when the store refuses: the settings that give the credentials.
    credentials: String,
    /// What to check when it cannot be reached: the settings that say where it is.
    reach: String,
}

impl Remote {
    pub(super) fn new(named: &str, credentials: &str, reach: &str) -> Result<Remote, BucketError> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| BucketError(format!("cannot start the network runtime: {e}")))?;
        Ok(Remote {
            runtime,
            named: named.to_string(),
            credentials: credentials.to_string(),
            reach: reach.to_string(),
        })
    }

    /// Wait for `work` (described as `what`: "reading latest"), its error read by `read`.
    pub(super) fn wait<T, E>(
        &self,
        what: &str,
        work: impl Future<Output = Result<T, E>>,
        read: impl FnOnce(&Remote, &str, E) -> Outcome,
    ) -> Result<T, Outcome> {
        match self
            .runtime
            .block_on(async { tokio::time::timeout(DEADLINE, work).await })
        {
            Ok(Ok(v)) => Ok(v),
            Ok(Err(e)) => Err(read(self, what, e)),
            Err(_) => Err(Outcome::Failed(BucketError(format!(
                "{} did not answer within {} s while {what}; check {}",
                self.named,
                DEADLINE.as_secs(),
                self.reach
            )))),
        }
    }

    /// The store turned tcui away (`detail` its words): the credentials, their rights, or
    /// the clock.
    pub(super) fn refused(&self, what: &str, detail: &str) -> Outcome {
        let skewed = is_clock_skew(detail);
        let detail = store_words(detail);
        let check = if skewed {
            "this computer's clock is too far from the store's; set the clock right (turn on \
             network time)"
                .to_string()
        } else {
            format!(
                "check {}, and that they may read and write the bucket",
                self.credentials
            )
        };
        Outcome::Failed(BucketError(format!(
            "{} refused tcui while {what} ({detail}); {check}",
            self.named
        )))
    }

    /// The credentials could not be read or exchanged for a token (`detail` says why).
    pub(super) fn cannot_sign_in(&self, detail: &str) -> Outcome {
        Outcome::Failed(BucketError(format!(
            "cannot sign in to {} ({}); check {}",
            self.named,
            one_line(detail),
            self.credentials
        )))
    }

    /// Any other failure, in the store's or the network's words.
    pub(super) fn failed(&self, what: &str, detail: &str) -> Outcome {
        Outcome::Failed(BucketError(format!(
            "{} failed while {what}: {}; check {}",
            self.named,
            store_words(detail),
            self.reach
        )))
    }

    /// The error `outcome` is, where the caller expected success.
    pub(super) fn error(&self, what: &str, outcome: Outcome) -> BucketError {
        match outcome {
            Outcome::Failed(e) => e,
            Outcome::Missing => BucketError(format!(
                "{} answered \"not found\" while {what}; check that the bucket exists",
                self.named
            )),
            Outcome::Raced => BucketError(format!(
                "{} refused an overwrite while {what}; try again",
                self.named
            )),
        }
    }
}

/// The objects of a listing whose names start with `prefix` (a store may return more), in
/// name order.
pub(super) fn listed(mut objects: Vec<ObjectInfo>, prefix: &str) -> Vec<ObjectInfo> {
    objects.retain(|o| o.name.starts_with(prefix));
    objects.sort_by(|a, b| a.name.cmp(&b.name));
    objects
}

/// Whether a refusal says the request's time was too far from the store's (S3's
/// `RequestTimeTooSkewed`, a signed token not yet or no longer valid).
fn is_clock_skew(detail: &str) -> bool {
    ["RequestTimeTooSkewed", "too skewed", "Token used too early"]
        .iter()
        .any(|w| detail.contains(w))
}

/// What the store said: the code and message of an S3 error document (`InvalidAccessKeyId:
/// The AWS Access Key Id you provided does not exist in our records.`), else the whole text,
/// on one line.
fn store_words(detail: &str) -> String {
    let detail = detail.strip_prefix("Generic S3 error: ").unwrap_or(detail);
    let element = |name: &str| {
        let (open, close) = (format!("<{name}>"), format!("</{name}>"));
        let start = detail.find(&open)? + open.len();
        let end = start + detail.get(start..)?.find(&close)?;
        detail.get(start..end)
    };
    // A web page where the store's answer should be: a wrong address, or a service that
    // wants another addressing style.
    let lower = detail.to_ascii_lowercase();
    if let Some(at) = lower.find("<!doctype html").or_else(|| lower.find("<html")) {
        let before = one_line(detail.get(..at).unwrap_or(detail));
        return format!(
            "{} (a web page, not a bucket's answer)",
            before.trim_end_matches(':')
        );
    }
    match (element("Code"), element("Message")) {
        (Some(code), Some(message)) => one_line(&format!("{code}: {message}")),
        (Some(code), None) => code.to_string(),
        _ => one_line(detail),
    }
}

/// A store's long message on one line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_for_the_clock_says_to_set_the_clock() {
        let r = Remote::new(
            "the S3 bucket tasks",
            "sync.aws.access_key_id",
            "the network",
        )
        .unwrap();
        let Outcome::Failed(e) = r.refused(
            "reading latest",
            "<Code>RequestTimeTooSkewed</Code>\n<Message>The difference between the request \
             time and the current time is too large.</Message>",
        ) else {
            panic!("not a failure");
        };
        assert!(e.0.contains("clock"), "{e}");
        assert!(!e.0.contains('\n'), "{e}");
        assert!(
            e.0.contains("(RequestTimeTooSkewed: The difference between the request time"),
            "{e}"
        );
        assert!(!e.0.contains("<Code>"), "{e}");
        let Outcome::Failed(e) = r.refused("reading latest", "Access Denied") else {
            panic!("not a failure");
        };
        assert!(e.0.contains("check sync.aws.access_key_id"), "{e}");
    }

    #[test]
    fn a_web_page_for_an_answer_is_named_not_quoted() {
        let r = Remote::new("the S3 bucket tasks", "keys", "sync.aws.force_path_style").unwrap();
        let Outcome::Failed(e) = r.failed(
            "reading salt",
            "Generic S3 error: Error performing PUT http://127.0.0.1:5301/salt - Server \
             returned non-2xx status code: 500 Internal Server Error: <!doctype html>\n<html \
             lang=en><title>500</title>",
        ) else {
            panic!("not a failure");
        };
        assert_eq!(
            e.0,
            "the S3 bucket tasks failed while reading salt: Error performing PUT \
             http://127.0.0.1:5301/salt - Server returned non-2xx status code: 500 Internal \
             Server Error (a web page, not a bucket's answer); check sync.aws.force_path_style"
        );
    }
}
