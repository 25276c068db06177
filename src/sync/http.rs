//! The taskchampion-sync-server protocol over HTTP(S): four endpoints under
//! `{url}/v1/client/`, the client id in `X-Client-Id`, every payload sealed with the
//! encryption secret. Every failure is an error naming what to check, never a panic.
//!
//! A version is opened as the child of the version asked for: a server that names another
//! parent (an old version replayed) gets nothing opened, and the engine refuses the answer.

use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, HeaderMap};
use uuid::Uuid;

use super::encryption::Cryptor;
use super::server::{AddVersionResult, GetVersionResult, SnapshotUrgency};
use super::server::{Server, ServerError};
use super::transport::{Answer, HttpOptions, Transport};

const HISTORY_SEGMENT: &str = "application/vnd.taskchampion.history-segment";
const SNAPSHOT: &str = "application/vnd.taskchampion.snapshot";

/// A sync server reached over HTTP.
pub struct HttpServer {
    transport: Transport,
    client_id: Uuid,
    cryptor: Cryptor,
}

impl std::fmt::Debug for HttpServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpServer")
            .field("base", &self.transport.shown)
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
        HttpServer::with_options(url, client_id, cryptor, HttpOptions::default())
    }

    /// Connect with other limits, or naming the address's setting differently in messages.
    pub fn with_options(
        url: &str,
        client_id: Uuid,
        cryptor: Cryptor,
        options: HttpOptions,
    ) -> Result<HttpServer, ServerError> {
        Ok(HttpServer {
            transport: Transport::new(url, options)?,
            client_id,
            cryptor,
        })
    }

    fn key(&self) -> &str {
        &self.transport.options.url_key
    }

    /// Send a request with the client id, within the deadline for versions (or snapshots).
    fn send(
        &self,
        request: reqwest::RequestBuilder,
        snapshot: bool,
        what: &str,
    ) -> Result<Answer, ServerError> {
        let options = &self.transport.options;
        let deadline = if snapshot {
            options.snapshot_deadline
        } else {
            options.deadline
        };
        self.transport.exchange(
            request.header("X-Client-Id", self.client_id.to_string()),
            deadline,
            what,
        )
    }

    /// An error for a status the protocol does not expect here.
    fn status_error(&self, status: StatusCode, what: &str) -> ServerError {
        let key = self.key();
        let hint = match status.as_u16() {
            400 => "the server refused the request; check that sync.server.client_id is a UUID"
                .to_string(),
            403 => {
                "the server does not accept this client id; check sync.server.client_id".to_string()
            }
            404 => format!("the server does not know this address; check {key}"),
            410 => {
                "the server no longer has the version this replica builds on; its history was reset"
                    .to_string()
            }
            413 => "the change is larger than the server accepts".to_string(),
            500..=599 => "the server failed; try again later, or ask its operator".to_string(),
            _ => format!("unexpected answer; check {key} points at a taskchampion-sync-server"),
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
                "{what}: the server sent {got:?} where {expected} was expected; check {}",
                self.key()
            )))
        }
    }

    fn unseal(&self, version: Uuid, sealed: &[u8], what: &str) -> Result<Vec<u8>, ServerError> {
        self.cryptor.unseal(version, sealed).map_err(|e| {
            err(format!(
                "{what}: {}",
                e.naming(&self.transport.options.secret_key)
            ))
        })
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
        let url = self
            .transport
            .url(&format!("v1/client/add-version/{parent}"))?;
        let Answer {
            status, headers, ..
        } = self.send(
            self.transport
                .client()
                .post(url)
                .header(CONTENT_TYPE, HISTORY_SEGMENT)
                .body(sealed),
            false,
            what,
        )?;
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
        let url = self
            .transport
            .url(&format!("v1/client/get-child-version/{parent}"))?;
        let Answer {
            status,
            headers,
            body,
        } = self.send(self.transport.client().get(url), false, what)?;
        if status == StatusCode::NOT_FOUND {
            return Ok(GetVersionResult::NoSuchVersion);
        }
        if status == StatusCode::GONE {
            return Ok(GetVersionResult::Gone);
        }
        if !status.is_success() {
            return Err(self.status_error(status, what));
        }
        let version_id = self.uuid_header(&headers, "X-Version-Id", what)?;
        let parent_version_id = self.uuid_header(&headers, "X-Parent-Version-Id", what)?;
        if parent_version_id != parent {
            // Not the child asked for: left unopened, for the engine to refuse.
            return Ok(GetVersionResult::Version {
                version_id,
                parent_version_id,
                history_segment: Vec::new(),
            });
        }
        self.expect_type(&headers, HISTORY_SEGMENT, what)?;
        // Opened as the child of the version asked for, never of one the server names.
        let history_segment = self.unseal(parent, &body, what)?;
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
        let url = self
            .transport
            .url(&format!("v1/client/add-snapshot/{version}"))?;
        let answer = self.send(
            self.transport
                .client()
                .post(url)
                .header(CONTENT_TYPE, SNAPSHOT)
                .body(sealed),
            true,
            what,
        )?;
        if answer.status.is_success() {
            Ok(())
        } else {
            Err(self.status_error(answer.status, what))
        }
    }

    fn get_snapshot(&mut self) -> Result<Option<(Uuid, Vec<u8>)>, ServerError> {
        let what = "fetching a snapshot";
        let url = self.transport.url("v1/client/snapshot")?;
        let Answer {
            status,
            headers,
            body,
        } = self.send(self.transport.client().get(url), true, what)?;
        if status == StatusCode::NOT_FOUND {
            return Ok(None);
        }
        if !status.is_success() {
            return Err(self.status_error(status, what));
        }
        let version = self.uuid_header(&headers, "X-Version-Id", what)?;
        self.expect_type(&headers, SNAPSHOT, what)?;
        Ok(Some((version, self.unseal(version, &body, what)?)))
    }
}
