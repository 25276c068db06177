//! An S3 server on 127.0.0.1 for the tests: moto's, from PyPI, installed by
//! `scripts/test.sh` into `target/moto` (or named by `TCUI_MOTO_SERVER`), one per test, with
//! one bucket.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::sync::Arc;

use object_store::aws::AmazonS3Builder;
use tcui::sync::cloud::{CloudServer, ObjectBucket, Store};

use super::served::Served;

/// A running moto server.
pub struct Moto {
    server: Served,
    pub port: u16,
}

/// Where moto's server is, if it is installed.
pub fn installed() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("TCUI_MOTO_SERVER") {
        return Some(PathBuf::from(p));
    }
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/moto/bin/moto_server");
    p.exists().then_some(p)
}

fn program() -> PathBuf {
    installed().unwrap_or_else(|| {
        panic!(
            "no S3 test server in target/moto: run scripts/test.sh, which installs moto from \
             PyPI there, or set TCUI_MOTO_SERVER"
        )
    })
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
        Moto::start_with(bucket, &[])
    }

    /// A server that checks every request's signature after the bucket is made: the keys
    /// the tests sign with are not its users', so it refuses them (403).
    pub fn start_guarded(bucket: &str) -> Moto {
        Moto::start_with(bucket, &[("INITIAL_NO_AUTH_ACTION_COUNT", "1")])
    }

    fn start_with(bucket: &str, env: &[(&str, &str)]) -> Moto {
        let server = Served::start(
            &program(),
            |port| {
                vec![
                    "-H".into(),
                    "127.0.0.1".into(),
                    "-p".into(),
                    port.to_string(),
                ]
            },
            env,
        );
        let port = server.port;
        let moto = Moto { server, port };
        if !bucket.is_empty() {
            moto.make_bucket(bucket);
        }
        moto
    }

    pub fn url(&self) -> String {
        self.server.url()
    }

    /// The bucket `bucket` as the `taskchampion` crate reaches it, configured as Taskwarrior
    /// is by `sync.aws.endpoint_url` and `sync.aws.force_path_style`.
    pub fn taskchampion_config(&self, bucket: &str, secret: &[u8]) -> taskchampion::ServerConfig {
        taskchampion::ServerConfig::Aws {
            region: Some("us-east-1".into()),
            bucket: bucket.into(),
            credentials: taskchampion::server::AwsCredentials::AccessKey {
                access_key_id: "test".into(),
                secret_access_key: "test".into(),
            },
            endpoint_url: Some(self.url()),
            force_path_style: true,
            encryption_secret: secret.to_vec(),
        }
    }

    /// Make another bucket.
    pub fn make_bucket(&self, name: &str) {
        assert_eq!(request(self.port, &format!("PUT /{name}")), 200);
    }

    /// The bucket `bucket`, as tcui's S3 client reaches it.
    pub fn store(&self, bucket: &str) -> Arc<dyn Store> {
        Arc::new(client(&self.url(), bucket).build().unwrap())
    }

    /// The bucket `name`, as tcui's cloud sync uses it.
    pub fn bucket(&self, name: &str) -> ObjectBucket {
        as_bucket(self.store(name), name)
    }

    /// tcui's sync server in the bucket `name`, sealing with `secret`.
    pub fn server(&self, name: &str, secret: &[u8]) -> CloudServer<ObjectBucket> {
        CloudServer::new(self.bucket(name), secret).unwrap()
    }
}

/// tcui's S3 client for the bucket `bucket` of the service at `url`, path-style, signed with
/// the keys moto takes.
pub fn client(url: &str, bucket: &str) -> AmazonS3Builder {
    AmazonS3Builder::new()
        .with_endpoint(url)
        .with_allow_http(true)
        .with_virtual_hosted_style_request(false)
        .with_region("us-east-1")
        .with_bucket_name(bucket)
        .with_access_key_id("test")
        .with_secret_access_key("test")
}

/// `store` as tcui's cloud sync uses it, named as the bucket `name`.
pub fn as_bucket(store: Arc<dyn Store>, name: &str) -> ObjectBucket {
    ObjectBucket::new(
        store,
        &format!("the S3 bucket {name}"),
        "sync.aws.access_key_id and sync.aws.secret_access_key",
        "sync.aws.endpoint_url and the network",
    )
    .unwrap()
}
