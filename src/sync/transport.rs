//! One HTTP exchange with a sync server, bounded whatever the server does: one deadline from
//! connecting to the last byte of the answer, no redirect followed, a cap on the body, and a
//! password in the server's address never shown.
//!
//! The requests run on a small runtime of their own, so a server that drips its answer a
//! byte at a time is cut off at the deadline rather than at a timeout per read.

use std::time::Duration;

use reqwest::header::{HeaderMap, LOCATION};
use reqwest::{Client, RequestBuilder, StatusCode, Url};
use tokio::runtime::Runtime;

use super::server::ServerError;

/// The largest body accepted from a server (its own upload limit is 100 MiB).
pub const MAX_BODY: u64 = 100 * 1024 * 1024;

/// Limits on the exchanges with one server, and the name of the setting that gave its
/// address (for messages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpOptions {
    /// Connecting must succeed within this.
    pub connect_timeout: Duration,
    /// Each request, from connecting to the last byte of the answer, must end within this.
    pub deadline: Duration,
    /// The same for sending or fetching a snapshot, which may be large.
    pub snapshot_deadline: Duration,
    /// The setting that holds the server's address, as the user wrote it.
    pub url_key: String,
    /// The setting that holds the encryption secret, as the user wrote it.
    pub secret_key: String,
}

impl Default for HttpOptions {
    fn default() -> Self {
        HttpOptions {
            connect_timeout: Duration::from_secs(10),
            deadline: Duration::from_secs(60),
            // 100 MiB in five minutes needs some 350 kB/s.
            snapshot_deadline: Duration::from_secs(300),
            url_key: "sync.server.url".into(),
            secret_key: "sync.encryption_secret".into(),
        }
    }
}

/// A server's answer: its status and headers, and the body of a success.
pub(crate) struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

/// The HTTP side of one server.
pub(crate) struct Transport {
    pub base: Url,
    /// The address as messages show it: any password masked.
    pub shown: String,
    pub options: HttpOptions,
    client: Client,
    runtime: Runtime,
}

fn err(msg: impl Into<String>) -> ServerError {
    ServerError(msg.into())
}

impl Transport {
    pub(crate) fn new(url: &str, options: HttpOptions) -> Result<Transport, ServerError> {
        let key = &options.url_key;
        let shown = redact_url(url);
        let mut base = Url::parse(url).map_err(|e| {
            err(format!(
                "{key} {shown:?} is not a URL ({e}); write it like https://host:port"
            ))
        })?;
        if !matches!(base.scheme(), "http" | "https") {
            return Err(err(format!(
                "{key} {shown:?} must start with http:// or https://"
            )));
        }
        if !base.path().ends_with('/') {
            let path = format!("{}/", base.path());
            base.set_path(&path);
        }
        let client = Client::builder()
            .connect_timeout(options.connect_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("tcui/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| {
                err(format!(
                    "cannot set up HTTP ({}); check HTTP_PROXY / HTTPS_PROXY",
                    describe(e)
                ))
            })?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| err(format!("cannot set up HTTP ({e})")))?;
        Ok(Transport {
            shown: redact_url(base.as_str()),
            base,
            options,
            client,
            runtime,
        })
    }

    pub(crate) fn client(&self) -> &Client {
        &self.client
    }

    pub(crate) fn url(&self, path: &str) -> Result<Url, ServerError> {
        self.base.join(path).map_err(|e| {
            err(format!(
                "cannot form the address {path} under {}: {e}",
                self.shown
            ))
        })
    }

    /// Send `request` and read the answer, all within `deadline`; the body is read only for
    /// a success. A redirect is an error naming where it pointed.
    pub(crate) fn exchange(
        &self,
        request: RequestBuilder,
        deadline: Duration,
        what: &str,
    ) -> Result<Answer, ServerError> {
        let work = async {
            let response = request.send().await.map_err(|e| self.send_error(e, what))?;
            let status = response.status();
            let headers = response.headers().clone();
            if status.is_redirection() {
                return Err(self.redirect_error(status, &headers, what));
            }
            let mut body = Vec::new();
            if status.is_success() {
                body = read_body(response, &self.shown, what).await?;
            }
            Ok(Answer {
                status,
                headers,
                body,
            })
        };
        self.runtime
            .block_on(async { tokio::time::timeout(deadline, work).await })
            .unwrap_or_else(|_| {
                Err(err(format!(
                    "{what} failed: the sync server at {} did not finish answering within {} s; \
                     it may be overloaded, or the network too slow. Try again later, and check \
                     {} and the network",
                    self.shown,
                    deadline.as_secs(),
                    self.options.url_key
                )))
            })
    }

    fn send_error(&self, e: reqwest::Error, what: &str) -> ServerError {
        let cause = if e.is_timeout() {
            "did not answer in time".to_string()
        } else if e.is_connect() {
            "cannot be reached".to_string()
        } else {
            format!("broke off ({})", describe(e))
        };
        err(format!(
            "{what} failed: the sync server at {} {cause}; check {} and the network",
            self.shown, self.options.url_key
        ))
    }

    fn redirect_error(&self, status: StatusCode, headers: &HeaderMap, what: &str) -> ServerError {
        let location = headers
            .get(LOCATION)
            .map(|v| redact_url(&String::from_utf8_lossy(v.as_bytes())))
            .unwrap_or_else(|| "nowhere".into());
        err(format!(
            "{what}: the sync server answered {status} and points to {location}; tcui follows \
             no redirects, so nothing was sent there. If the server has moved, check the new \
             address and set {} to it",
            self.options.url_key
        ))
    }
}

/// Read a body of at most [`MAX_BODY`] bytes.
async fn read_body(
    mut response: reqwest::Response,
    shown: &str,
    what: &str,
) -> Result<Vec<u8>, ServerError> {
    let too_large = || {
        err(format!(
            "{what}: the answer from the sync server at {shown} is larger than {MAX_BODY} \
             bytes; refusing it"
        ))
    };
    if response.content_length().is_some_and(|n| n > MAX_BODY) {
        return Err(too_large());
    }
    let mut body = Vec::new();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                if (body.len() + chunk.len()) as u64 > MAX_BODY {
                    return Err(too_large());
                }
                body.extend_from_slice(&chunk);
            }
            Ok(None) => return Ok(body),
            Err(e) => {
                return Err(err(format!(
                    "{what}: the answer from the sync server at {shown} broke off ({}); try again",
                    describe(e)
                )));
            }
        }
    }
}

/// A reqwest error and its causes, without the address (which may hold a password).
fn describe(e: reqwest::Error) -> String {
    with_causes(&e.without_url())
}

/// An error with its causes, as one line: "error sending request: connection refused".
pub(crate) fn with_causes(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let more = s.to_string();
        if !text.contains(&more) {
            text.push_str(": ");
            text.push_str(&more);
        }
        source = s.source();
    }
    text
}

/// `text` with the password of any `scheme://user:password@host` address in it masked, so it
/// can be shown: `user:****@host`. Text that is not such an address comes back as it was.
pub fn redact_url(text: &str) -> String {
    let Some(start) = text.find("://").map(|i| i + 3) else {
        return text.to_string();
    };
    let rest = &text[start..];
    let authority_len = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..authority_len];
    let Some(at) = authority.rfind('@') else {
        return text.to_string();
    };
    let Some(colon) = authority[..at].find(':') else {
        return text.to_string();
    };
    format!(
        "{}{}:****{}",
        &text[..start],
        &authority[..colon],
        &text[start + at..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn causes_are_joined_once_each() {
        #[derive(Debug)]
        struct Outer(std::io::Error);
        impl std::fmt::Display for Outer {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "error sending request")
            }
        }
        impl std::error::Error for Outer {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                Some(&self.0)
            }
        }
        let e = Outer(std::io::Error::new(
            std::io::ErrorKind::ConnectionRefused,
            "connection refused",
        ));
        assert_eq!(with_causes(&e), "error sending request: connection refused");
    }

    #[test]
    fn passwords_in_addresses_are_masked() {
        assert_eq!(
            redact_url("https://me:hunter2@tasks.example.com:8080/sync?x=1"),
            "https://me:****@tasks.example.com:8080/sync?x=1"
        );
        assert_eq!(
            redact_url("http://me:p@ss:w@rd@host/"),
            "http://me:****@host/"
        );
        for kept in [
            "https://tasks.example.com/",
            "https://me@tasks.example.com/",
            "https://host/path@with:colon",
            "not a url: a:b@c",
            "",
        ] {
            assert_eq!(redact_url(kept), kept);
        }
    }
}
