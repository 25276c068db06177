//! A taskchampion-sync-server for tests: the real protocol logic of
//! `taskchampion-sync-server-core` behind a small HTTP/1.1 front on 127.0.0.1, with faults
//! that a test can switch on.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use taskchampion_sync_server_core as core;
use uuid::Uuid;

/// What the server does with the next requests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// Answer as the real server would.
    Pass,
    /// Answer with this status and no body.
    Status(u16),
    /// Answer 200 with a body that is not what the protocol sends.
    Garbage,
    /// Close the connection without answering.
    Hangup,
    /// Answer 409, asking for this version as the parent.
    Conflict(Uuid),
    /// Announce a history segment, send part of it, and close.
    Truncated,
    /// Stop: close this connection unanswered and stop listening, so later requests are
    /// refused, until [`TestServer::restart`].
    Stop,
    /// Answer a request for the child of any version with the real child of `from` (a
    /// segment sealed for `from`), under a new version id: an old version replayed. The
    /// parent header says `from`, or, with `claim_asked`, the version that was asked for.
    Replay { from: Uuid, claim_asked: bool },
    /// Answer a request for the child of `at` with its real child, but under the id `claim`
    /// (an earlier version, so the history leads back); other requests pass.
    Cycle { at: Uuid, claim: Uuid },
    /// Answer 200 with the head of a history segment, then one byte of its body every
    /// `every`, for as long as the client listens.
    Drip { every: Duration },
    /// Send even the status line and headers one byte every `every`.
    DripHead { every: Duration },
    /// Answer with a redirect (301, 302, 307, …) to `location` a request whose path contains
    /// `on` (every request, if empty); others pass.
    Redirect {
        status: u16,
        location: String,
        on: &'static str,
    },
    /// Answer 200 with a history segment body of `length` bytes of garbage (the first byte
    /// is the envelope version 1), its length declared or, if not, the body ending only when
    /// the connection closes.
    Huge { length: u64, declare: bool },
    /// Answer with exactly this status, these headers (a Content-Length is added unless
    /// given) and this body.
    Raw {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// Refuse every new version with 409, naming a new parent each time (that has nothing
    /// to pull); other requests pass.
    RefusePushes,
}

pub struct TestServer {
    pub addr: SocketAddr,
    server: Arc<core::Server>,
    pub faults: Arc<Mutex<Vec<Fault>>>,
    /// Applied to every request while no one-off fault is queued.
    pub sticky: Arc<Mutex<Option<Fault>>>,
    /// `METHOD /path` of every request, in order.
    pub requests: Arc<Mutex<Vec<String>>>,
}

impl TestServer {
    /// Start on a free port; runs until the test process ends.
    pub fn start() -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let server = TestServer {
            addr: listener.local_addr().unwrap(),
            server: Arc::new(core::Server::new(
                core::ServerConfig::default(),
                core::InMemoryStorage::new(),
            )),
            faults: Arc::default(),
            sticky: Arc::default(),
            requests: Arc::default(),
        };
        server.serve(listener, server.faults.clone());
        server
    }

    /// Apply `fault` to every request from now on (`None`: answer faithfully again).
    pub fn always(&self, fault: Option<Fault>) {
        *self.sticky.lock().unwrap() = fault;
    }

    /// Listen again on the same address after a [`Fault::Stop`], with the same data.
    pub fn restart(&self) {
        self.serve(TcpListener::bind(self.addr).unwrap(), self.faults.clone());
    }

    /// Stop listening now, not at some client's next request: later requests are refused
    /// until [`TestServer::restart`]. A request being answered is answered first.
    pub fn stop(&self) {
        let stops = |r: &[String]| r.iter().filter(|l| *l == "(stopped)").count();
        let before = stops(&self.requests.lock().unwrap());
        self.fail_next([Fault::Stop]);
        // The listener only looks at its faults when a connection comes in: bring one.
        let _ = TcpStream::connect(self.addr);
        let start = Instant::now();
        while stops(&self.requests.lock().unwrap()) == before {
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "the test server did not stop"
            );
            thread::sleep(Duration::from_millis(5));
        }
    }

    /// Listen on a second free port as well, with the same data and never a fault, for a
    /// client that must get through while the first address is stopped. Returns its URL.
    pub fn second_door(&self) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let sticky = std::mem::take(&mut *self.sticky.lock().unwrap());
        self.serve(listener, Arc::default());
        *self.sticky.lock().unwrap() = sticky;
        url
    }

    fn serve(&self, listener: TcpListener, f: Arc<Mutex<Vec<Fault>>>) {
        let (r, server) = (self.requests.clone(), self.server.clone());
        let sticky = self.sticky.clone();
        thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .build()
                .unwrap();
            loop {
                let Ok((stream, _)) = listener.accept() else {
                    continue;
                };
                let fault = {
                    let mut f = f.lock().unwrap();
                    if f.is_empty() {
                        sticky.lock().unwrap().clone()
                    } else {
                        Some(f.remove(0))
                    }
                };
                if fault == Some(Fault::Stop) {
                    // Stop listening before this connection closes, so that a client that
                    // tries again as soon as it is dropped is refused, not half let in.
                    drop(listener);
                    r.lock().unwrap().push("(stopped)".into());
                    drop(stream);
                    return;
                }
                let _ = handle(stream, &server, &rt, fault, &r);
            }
        });
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn fail_next(&self, faults: impl IntoIterator<Item = Fault>) {
        self.faults.lock().unwrap().extend(faults);
    }
}

struct Request {
    method: String,
    path: String,
    client: Option<Uuid>,
    content_type: String,
    body: Vec<u8>,
}

fn read_request(stream: &mut BufReader<TcpStream>) -> std::io::Result<Request> {
    let mut line = String::new();
    stream.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or("").to_string();
    let path = parts.next().unwrap_or("").to_string();
    let (mut len, mut client, mut content_type) = (0usize, None, String::new());
    loop {
        let mut h = String::new();
        stream.read_line(&mut h)?;
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        let Some((name, value)) = h.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match name.to_ascii_lowercase().as_str() {
            "content-length" => len = value.parse().unwrap_or(0),
            "x-client-id" => client = Uuid::parse_str(value).ok(),
            "content-type" => content_type = value.to_string(),
            _ => {}
        }
    }
    let mut body = vec![0u8; len];
    stream.read_exact(&mut body)?;
    Ok(Request {
        method,
        path,
        client,
        content_type,
        body,
    })
}

fn respond(
    stream: &mut TcpStream,
    status: u16,
    headers: &[(&str, String)],
    body: &[u8],
) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)?;
    stream.flush()
}

fn handle(
    stream: TcpStream,
    server: &core::Server,
    rt: &tokio::runtime::Runtime,
    fault: Option<Fault>,
    log: &Mutex<Vec<String>>,
) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let req = read_request(&mut reader)?;
    let mut stream = stream;
    log.lock()
        .unwrap()
        .push(format!("{} {}", req.method, req.path));
    match fault {
        Some(Fault::Status(code)) => return respond(&mut stream, code, &[], b""),
        Some(Fault::Garbage) => {
            return respond(
                &mut stream,
                200,
                &[
                    (
                        "Content-Type",
                        "application/vnd.taskchampion.history-segment".into(),
                    ),
                    ("X-Version-Id", Uuid::new_v4().to_string()),
                    ("X-Parent-Version-Id", Uuid::nil().to_string()),
                ],
                b"\x01garbage that is not a sealed value at all",
            );
        }
        Some(Fault::Hangup) => return Ok(()),
        Some(Fault::Conflict(parent)) => {
            return respond(
                &mut stream,
                409,
                &[("X-Parent-Version-Id", parent.to_string())],
                b"",
            );
        }
        Some(Fault::Truncated) => {
            let head = format!(
                "HTTP/1.1 200 X\r\nContent-Length: 400\r\nConnection: close\r\n\
                 Content-Type: application/vnd.taskchampion.history-segment\r\n\
                 X-Version-Id: {}\r\nX-Parent-Version-Id: {}\r\n\r\n",
                Uuid::new_v4(),
                Uuid::nil()
            );
            stream.write_all(head.as_bytes())?;
            return stream.write_all(&[1u8; 40]);
        }
        Some(Fault::Drip { every }) => {
            let head = format!(
                "HTTP/1.1 200 X\r\nContent-Length: 400\r\nConnection: close\r\n\
                 Content-Type: application/vnd.taskchampion.history-segment\r\n\
                 X-Version-Id: {}\r\nX-Parent-Version-Id: {}\r\n\r\n",
                Uuid::new_v4(),
                parent_in(&req.path).unwrap_or_default()
            );
            stream.write_all(head.as_bytes())?;
            thread::spawn(move || drip(stream, &[1u8; 400], every));
            return Ok(());
        }
        Some(Fault::DripHead { every }) => {
            let head = "HTTP/1.1 404 X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
            thread::spawn(move || drip(stream, head.as_bytes(), every));
            return Ok(());
        }
        Some(Fault::Redirect {
            status,
            location,
            on,
        }) if req.path.contains(on) => {
            return respond(&mut stream, status, &[("Location", location)], b"");
        }
        Some(Fault::Huge { length, declare }) => {
            let mut head = format!(
                "HTTP/1.1 200 X\r\nConnection: close\r\n\
                 Content-Type: application/vnd.taskchampion.history-segment\r\n\
                 X-Version-Id: {}\r\nX-Parent-Version-Id: {}\r\n",
                Uuid::new_v4(),
                parent_in(&req.path).unwrap_or_default()
            );
            if declare {
                head.push_str(&format!("Content-Length: {length}\r\n"));
            }
            head.push_str("\r\n");
            stream.write_all(head.as_bytes())?;
            thread::spawn(move || {
                let mut chunk = vec![0xabu8; 1 << 16];
                chunk[0] = 1;
                let mut left = length;
                while left > 0 {
                    let n = left.min(chunk.len() as u64) as usize;
                    if stream.write_all(&chunk[..n]).is_err() {
                        return;
                    }
                    chunk[0] = 0xab;
                    left -= n as u64;
                }
            });
            return Ok(());
        }
        Some(Fault::Raw {
            status,
            headers,
            body,
        }) => {
            let mut head = format!("HTTP/1.1 {status} X\r\nConnection: close\r\n");
            if !headers
                .iter()
                .any(|(k, _)| k.eq_ignore_ascii_case("content-length"))
            {
                head.push_str(&format!("Content-Length: {}\r\n", body.len()));
            }
            for (k, v) in headers {
                head.push_str(&format!("{k}: {v}\r\n"));
            }
            head.push_str("\r\n");
            stream.write_all(head.as_bytes())?;
            let _ = stream.write_all(&body);
            return stream.flush();
        }
        Some(Fault::RefusePushes) if req.path.contains("/add-version/") => {
            return respond(
                &mut stream,
                409,
                &[("X-Parent-Version-Id", Uuid::new_v4().to_string())],
                b"",
            );
        }
        Some(
            Fault::Pass
            | Fault::Stop
            | Fault::Replay { .. }
            | Fault::Cycle { .. }
            | Fault::RefusePushes
            | Fault::Redirect { .. },
        )
        | None => {}
    }
    let Some(client) = req.client else {
        return respond(&mut stream, 400, &[], b"bad x-client-id");
    };
    let segments: Vec<&str> = req.path.trim_start_matches('/').split('/').collect();
    rt.block_on(async {
        match (req.method.as_str(), segments.as_slice()) {
            ("GET", ["v1", "client", "get-child-version", parent]) => {
                let Ok(parent) = Uuid::parse_str(parent) else {
                    return respond(&mut stream, 400, &[], b"");
                };
                let asked = parent;
                let (parent, claim_version, claim_parent) = match &fault {
                    Some(Fault::Replay { from, claim_asked }) => (
                        *from,
                        Some(Uuid::new_v4()),
                        Some(if *claim_asked { asked } else { *from }),
                    ),
                    Some(Fault::Cycle { at, claim }) if *at == asked => (asked, Some(*claim), None),
                    _ => (asked, None, None),
                };
                match server.get_child_version(client, parent).await {
                    Ok(core::GetVersionResult::Success {
                        version_id,
                        parent_version_id,
                        history_segment,
                    }) => respond(
                        &mut stream,
                        200,
                        &[
                            (
                                "Content-Type",
                                "application/vnd.taskchampion.history-segment".into(),
                            ),
                            (
                                "X-Version-Id",
                                claim_version.unwrap_or(version_id).to_string(),
                            ),
                            (
                                "X-Parent-Version-Id",
                                claim_parent.unwrap_or(parent_version_id).to_string(),
                            ),
                        ],
                        &history_segment,
                    ),
                    Ok(core::GetVersionResult::Gone) => respond(&mut stream, 410, &[], b""),
                    Ok(core::GetVersionResult::NotFound) | Err(core::ServerError::NoSuchClient) => {
                        respond(&mut stream, 404, &[], b"")
                    }
                    Err(_) => respond(&mut stream, 500, &[], b""),
                }
            }
            ("POST", ["v1", "client", "add-version", parent]) => {
                let Ok(parent) = Uuid::parse_str(parent) else {
                    return respond(&mut stream, 400, &[], b"");
                };
                if req.content_type != "application/vnd.taskchampion.history-segment"
                    || req.body.is_empty()
                {
                    return respond(&mut stream, 400, &[], b"");
                }
                let mut result = server.add_version(client, parent, req.body.clone()).await;
                if let Err(core::ServerError::NoSuchClient) = result {
                    // As the real server does with client creation on: make it, then retry.
                    {
                        let mut txn = server.txn(client).await.unwrap();
                        txn.new_client(Uuid::nil()).await.unwrap();
                        txn.commit().await.unwrap();
                    }
                    result = server.add_version(client, parent, req.body.clone()).await;
                }
                match result {
                    Ok((core::AddVersionResult::Ok(v), urgency)) => {
                        let mut headers = vec![("X-Version-Id", v.to_string())];
                        match urgency {
                            core::SnapshotUrgency::Low => {
                                headers.push(("X-Snapshot-Request", "urgency=low".into()))
                            }
                            core::SnapshotUrgency::High => {
                                headers.push(("X-Snapshot-Request", "urgency=high".into()))
                            }
                            core::SnapshotUrgency::None => {}
                        }
                        respond(&mut stream, 200, &headers, b"")
                    }
                    Ok((core::AddVersionResult::ExpectedParentVersion(p), _)) => respond(
                        &mut stream,
                        409,
                        &[("X-Parent-Version-Id", p.to_string())],
                        b"",
                    ),
                    Err(_) => respond(&mut stream, 500, &[], b""),
                }
            }
            ("POST", ["v1", "client", "add-snapshot", version]) => {
                let Ok(version) = Uuid::parse_str(version) else {
                    return respond(&mut stream, 400, &[], b"");
                };
                match server.add_snapshot(client, version, req.body.clone()).await {
                    Ok(()) => respond(&mut stream, 200, &[], b""),
                    Err(core::ServerError::NoSuchClient) => respond(&mut stream, 404, &[], b""),
                    Err(_) => respond(&mut stream, 500, &[], b""),
                }
            }
            ("GET", ["v1", "client", "snapshot"]) => match server.get_snapshot(client).await {
                Ok(Some((version, data))) => respond(
                    &mut stream,
                    200,
                    &[
                        (
                            "Content-Type",
                            "application/vnd.taskchampion.snapshot".into(),
                        ),
                        ("X-Version-Id", version.to_string()),
                    ],
                    &data,
                ),
                Ok(None) | Err(core::ServerError::NoSuchClient) => {
                    respond(&mut stream, 404, &[], b"")
                }
                Err(_) => respond(&mut stream, 500, &[], b""),
            },
            _ => respond(&mut stream, 404, &[], b""),
        }
    })
}

/// The version id at the end of a get-child-version path.
fn parent_in(path: &str) -> Option<Uuid> {
    path.rsplit('/')
        .next()
        .and_then(|p| Uuid::parse_str(p).ok())
}

/// Write `bytes` one at a time, `every` apart, until done or the client has gone.
fn drip(mut stream: TcpStream, bytes: &[u8], every: Duration) {
    for b in bytes {
        if stream
            .write_all(&[*b])
            .and_then(|()| stream.flush())
            .is_err()
        {
            return;
        }
        thread::sleep(every);
    }
}
