//! The published TaskChampion test vectors: the good one opens, each bad one is refused.

use std::path::PathBuf;

use tcui::sync::{CryptoError, Cryptor};
use uuid::Uuid;

const CLIENT_ID: &str = "0666d464-418a-4a08-ad53-6f15c78270cd";
const SECRET: &[u8] = b"b4a4e6b7b811eda1dc1a2693ded";
const VERSION_ID: &str = "b0517957-f912-4d49-8330-f612e73030c4";

fn vector(name: &str) -> Vec<u8> {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "tests",
        "data",
        "encryption",
        name,
    ]
    .iter()
    .collect();
    std::fs::read(path).unwrap()
}

#[test]
fn the_published_vectors() {
    let client: Uuid = CLIENT_ID.parse().unwrap();
    let version: Uuid = VERSION_ID.parse().unwrap();
    let cryptor = Cryptor::new(client.as_bytes(), SECRET);

    assert_eq!(
        cryptor.unseal(version, &vector("test-good.data")).unwrap(),
        b"SUCCESS"
    );

    let bad = |name: &str| cryptor.unseal(version, &vector(name)).unwrap_err();
    assert_eq!(
        bad("test-bad-version.data"),
        CryptoError::UnknownEnvelope(99)
    );
    assert_eq!(
        bad("test-bad-app-id.data"),
        CryptoError::OtherApplication(99)
    );
    // A wrong secret, a wrong client id (the salt) and a wrong version id all leave the
    // authentication tag unverifiable; the message names the settings to check.
    for name in [
        "test-bad-secret.data",
        "test-bad-client-id.data",
        "test-bad-version-id.data",
    ] {
        let err = bad(name);
        assert_eq!(err, CryptoError::CannotOpen, "{name}");
        assert!(err.to_string().contains("sync.encryption_secret"));
    }

    // What tcui seals, the same key opens, and a different secret cannot.
    let sealed = cryptor.seal(version, b"round trip").unwrap();
    assert_eq!(cryptor.unseal(version, &sealed).unwrap(), b"round trip");
    let other = Cryptor::new(client.as_bytes(), b"another secret");
    assert_eq!(other.unseal(version, &sealed), Err(CryptoError::CannotOpen));
}
