//! An S3 server on 127.0.0.1 for the tests: moto's, from PyPI, installed by
//! `scripts/test.sh` into `target/moto` (or named by `TCUI_MOTO_SERVER`), one per test, with
//! one bucket.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use object_store::aws::AmazonS3Builder;
use tcui::sync::cloud::{CloudServer, ObjectBucket, Store};

use super::children::InTurn;

/// A running moto server.
pub struct Moto {
    child: Child,
    pub port: u16,
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn program() -> PathBuf {
    if let Some(p) = std::env::var_os("TCUI_MOTO_SERVER") {
        return PathBuf::from(p);
    }
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/moto/bin/moto_server");
    assert!(
        p.exists(),
        "no S3 test server at {}: run scripts/test.sh, which installs moto from PyPI there, \
         or set TCUI_MOTO_SERVER",
        p.display()
    );
    p
}

/// Send one unsigned request; the status code.
fn request(port: u16, line: &str) -> u16 {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "{line} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    answer
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0)
}

impl Moto {
    /// A server on a free port, with the bucket `bucket` made.
    pub fn start(bucket: &str) -> Moto {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(program())
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn_in_turn()
            .unwrap();
        let moto = Moto { child, port };
        let began = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                began.elapsed() < Duration::from_secs(30),
                "moto did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        if !bucket.is_empty() {
            assert_eq!(request(port, &format!("PUT /{bucket}")), 200);
        }
        moto
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The bucket `bucket`, as tcui's S3 client reaches it.
    pub fn store(&self, bucket: &str) -> Arc<dyn Store> {
        Arc::new(
            AmazonS3Builder::new()
                .with_endpoint(self.url())
                .with_allow_http(true)
                .with_virtual_hosted_style_request(false)
                .with_region("us-east-1")
                .with_bucket_name(bucket)
                .with_access_key_id("test")
                .with_secret_access_key("test")
                .build()
                .unwrap(),
        )
    }

    /// The bucket `name`, as tcui's cloud sync uses it.
    pub fn bucket(&self, name: &str) -> ObjectBucket {
        ObjectBucket::new(
            self.store(name),
            &format!("the S3 bucket {name}"),
            "sync.aws.access_key_id and sync.aws.secret_access_key",
        )
        .unwrap()
    }

    /// tcui's sync server in the bucket `name`, sealing with `secret`.
    pub fn server(&self, name: &str, secret: &[u8]) -> CloudServer<ObjectBucket> {
        CloudServer::new(self.bucket(name), secret).unwrap()
    }
}
