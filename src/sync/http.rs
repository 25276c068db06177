//! The taskchampion-sync-server protocol over HTTP(S): four endpoints under
//! `{url}/v1/client/`, the client id in `X-Client-Id`, every payload sealed with the
//! encryption secret. Every failure is an error naming what to check, never a panic.

use std::io::Read;
use std::time::Duration;

use reqwest::StatusCode;
use reqwest::blocking::{Client, Response};
use reqwest::header::{CONTENT_TYPE, HeaderMap};
use uuid::Uuid;

use super::encryption::Cryptor;
use super::engine::{Server, ServerError};
use super::server::{AddVersionResult, GetVersionResult, SnapshotUrgency};

const HISTORY_SEGMENT: &str = "application/vnd.taskchampion.history-segment";
const SNAPSHOT: &str = "application/vnd.taskchampion.snapshot";
/// The largest body accepted from a server (its own upload limit is 100 MiB).
const MAX_BODY: u64 = 100 * 1024 * 1024;

/// A sync server reached over HTTP.
pub struct HttpServer {
    base: reqwest::Url,
    client_id: Uuid,
    cryptor: Cryptor,
    http: Client,
}

impl std::fmt::Debug for HttpServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpServer")
            .field("base", &self.base.as_str())
            .field("client_id", &self.client_id)
            .finish()
    }
}

fn err(msg: impl Into<String>) -> ServerError {
    ServerError(msg.into())
}

impl HttpServer {
    /// Connect to `url` as `client_id`, sealing with a key derived from `secret` (slow: about
    /// a second; keep the server).
    pub fn new(url: &str, client_id: Uuid, secret: &[u8]) -> Result<HttpServer, ServerError> {
        HttpServer::with_cryptor(
            url,
            client_id,
            Cryptor::cached(client_id.as_bytes(), secret),
        )
    }

    /// Connect with a key already derived for this client id.
    pub fn with_cryptor(
        url: &str,
        client_id: Uuid,
        cryptor: Cryptor,
    ) -> Result<HttpServer, ServerError> {
        let mut base = reqwest::Url::parse(url).map_err(|e| {
            err(format!(
                "sync.server.url {url:?} is not a URL ({e}); write it like https://host:port"
            ))
        })?;
        if !matches!(base.scheme(), "http" | "https") {
            return Err(err(format!(
                "sync.server.url {url:?} must start with http:// or https://"
            )));
        }
        if !base.path().ends_with('/') {
            let path = format!("{}/", base.path());
            base.set_path(&path);
        }
        let http = Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(60))
            .user_agent(concat!("tcui/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| {
                err(format!(
                    "cannot set up HTTP ({e}); check HTTP_PROXY / HTTPS_PROXY"
                ))
            })?;
        Ok(HttpServer {
            base,
            client_id,
            cryptor,
            http,
        })
    }

    fn url(&self, path: &str) -> Result<reqwest::Url, ServerError> {
        self.base.join(path).map_err(|e| {
            err(format!(
                "cannot form the address {path} under {}: {e}",
                self.base
            ))
        })
    }

    fn send(
        &self,
        request: reqwest::blocking::RequestBuilder,
        what: &str,
    ) -> Result<Response, ServerError> {
        request
            .header("X-Client-Id", self.client_id.to_string())
            .send()
            .map_err(|e| {
                let cause = if e.is_timeout() {
                    "did not answer in time".to_string()
                } else if e.is_connect() {
                    "cannot be reached".to_string()
                } else {
                    e.to_string()
                };
                err(format!(
                    "{what} failed: the sync server at {} {cause}; check sync.server.url and the network",
                    self.base
                ))
            })
    }

    /// An error for a status the protocol does not expect here.
    fn status_error(&self, status: StatusCode, what: &str) -> ServerError {
        let hint = match status.as_u16() {
            400 => "the server refused the request; check that sync.server.client_id is a UUID",
            403 => "the server does not accept this client id; check sync.server.client_id",
            404 => "the server does not know this address; check sync.server.url",
            410 => {
                "the server no longer has the version this replica builds on; its history was reset"
            }
            413 => "the change is larger than the server accepts",
            500..=599 => "the server failed; try again later, or ask its operator",
            _ => "unexpected answer; check sync.server.url points at a taskchampion-sync-server",
        };
        err(format!("{what}: the sync server answered {status}; {hint}"))
    }

    fn uuid_header(
        &self,
        headers: &HeaderMap,
        name: &str,
        what: &str,
    ) -> Result<Uuid, ServerError> {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| Uuid::parse_str(v).ok())
            .ok_or_else(|| err(format!("{what}: the server's answer lacks a valid {name} header; it does not speak the sync protocol")))
    }

    fn expect_type(
        &self,
        headers: &HeaderMap,
        expected: &str,
        what: &str,
    ) -> Result<(), ServerError> {
        let got = headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        if got == expected {
            Ok(())
        } else {
            Err(err(format!(
                "{what}: the server sent {got:?} where {expected} was expected; check sync.server.url"
            )))
        }
    }

    fn body(&self, response: Response, what: &str) -> Result<Vec<u8>, ServerError> {
        let mut body = Vec::new();
        response
            .take(MAX_BODY + 1)
            .read_to_end(&mut body)
            .map_err(|e| err(format!("{what}: the answer broke off ({e}); try again")))?;
        if body.len() as u64 > MAX_BODY {
            return Err(err(format!(
                "{what}: the answer is larger than {MAX_BODY} bytes; refusing it"
            )));
        }
        Ok(body)
    }

    fn unseal(&self, version: Uuid, sealed: &[u8], what: &str) -> Result<Vec<u8>, ServerError> {
        self.cryptor
            .unseal(version, sealed)
            .map_err(|e| err(format!("{what}: {e}")))
    }
}

impl Server for HttpServer {
    fn add_version(
        &mut self,
        parent: Uuid,
        segment: Vec<u8>,
    ) -> Result<(AddVersionResult, SnapshotUrgency), ServerError> {
        let what = "sending changes";
        let sealed = self
            .cryptor
            .seal(parent, &segment)
            .map_err(|e| err(format!("{what}: {e}")))?;
        let url = self.url(&format!("v1/client/add-version/{parent}"))?;
        let response = self.send(
            self.http
                .post(url)
                .header(CONTENT_TYPE, HISTORY_SEGMENT)
                .body(sealed),
            what,
        )?;
        let status = response.status();
        let headers = response.headers().clone();
        if status == StatusCode::CONFLICT {
            let latest = self.uuid_header(&headers, "X-Parent-Version-Id", what)?;
            return Ok((
                AddVersionResult::ExpectedParentVersion(latest),
                SnapshotUrgency::None,
            ));
        }
        if !status.is_success() {
            return Err(self.status_error(status, what));
        }
        let version = self.uuid_header(&headers, "X-Version-Id", what)?;
        let urgency = match headers
            .get("X-Snapshot-Request")
            .and_then(|v| v.to_str().ok())
        {
            Some("urgency=low") => SnapshotUrgency::Low,
            Some("urgency=high") => SnapshotUrgency::High,
            _ => SnapshotUrgency::None,
        };
        Ok((AddVersionResult::Ok(version), urgency))
    }

    fn get_child_version(&mut self, parent: Uuid) -> Result<GetVersionResult, ServerError> {
        let what = "fetching changes";
        let url = self.url(&format!("v1/client/get-child-version/{parent}"))?;
        let response = self.send(self.http.get(url), what)?;
        let status = response.status();
        if status == StatusCode::NOT_FOUND {
            return Ok(GetVersionResult::NoSuchVersion);
        }
        if status == StatusCode::GONE {
            return Ok(GetVersionResult::Gone);
        }
        if !status.is_success() {
            return Err(self.status_error(status, what));
        }
        let headers = response.headers().clone();
        let version_id = self.uuid_header(&headers, "X-Version-Id", what)?;
        let parent_version_id = self.uuid_header(&headers, "X-Parent-Version-Id", what)?;
        self.expect_type(&headers, HISTORY_SEGMENT, what)?;
        let sealed = self.body(response, what)?;
        let history_segment = self.unseal(parent_version_id, &sealed, what)?;
        Ok(GetVersionResult::Version {
            version_id,
            parent_version_id,
            history_segment,
        })
    }

    fn add_snapshot(&mut self, version: Uuid, snapshot: Vec<u8>) -> Result<(), ServerError> {
        let what = "sending a snapshot";
        let sealed = self
            .cryptor
            .seal(version, &snapshot)
            .map_err(|e| err(format!("{what}: {e}")))?;
        let url = self.url(&format!("v1/client/add-snapshot/{version}"))?;
        let response = self.send(
            self.http
                .post(url)
                .header(CONTENT_TYPE, SNAPSHOT)
                .body(sealed),
            what,
        )?;
        if response.status().is_success() {
            Ok(())
        } else {
            Err(self.status_error(response.status(), what))
        }
    }

    fn get_snapshot(&mut self) -> Result<Option<(Uuid, Vec<u8>)>, ServerError> {
        let what = "fetching a snapshot";
        let url = self.url("v1/client/snapshot")?;
        let response = self.send(self.http.get(url), what)?;
        let status = response.status();
        if status == StatusCode::NOT_FOUND {
            return Ok(None);
        }
        if !status.is_success() {
            return Err(self.status_error(status, what));
        }
        let headers = response.headers().clone();
        let version = self.uuid_header(&headers, "X-Version-Id", what)?;
        self.expect_type(&headers, SNAPSHOT, what)?;
        let sealed = self.body(response, what)?;
        Ok(Some((version, self.unseal(version, &sealed, what)?)))
    }
}
