//! The envelope that keeps task data private on a sync server: a key stretched from the
//! encryption secret with PBKDF2-HMAC-SHA256, and ChaCha20-Poly1305 with a fresh nonce per
//! value, bound to the version it belongs to.
//!
//! Layout of a sealed value: `[1][nonce: 12][ciphertext][tag: 16]`. The additional data is
//! `[1][version id: 16]` (1 is the application id for task data).

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::{Mutex, OnceLock};

use ring::aead::{Aad, CHACHA20_POLY1305, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};
use ring::rand::{SecureRandom, SystemRandom};
use uuid::Uuid;

/// PBKDF2 rounds, as TaskChampion uses.
pub const PBKDF2_ITERATIONS: u32 = 600_000;
/// The only envelope version there is.
const ENVELOPE_VERSION: u8 = 1;
/// The application id for task data.
const TASK_APP_ID: u8 = 1;
const TAG_LEN: usize = 16;

/// Why a value could not be sealed or opened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CryptoError {
    #[error("the encrypted value is too short ({0} bytes) to be a sealed value")]
    TooShort(usize),
    #[error("the encrypted value uses envelope version {0}; this tcui reads version 1")]
    UnknownEnvelope(u8),
    #[error("the encrypted value belongs to application {0}, not to task data (1)")]
    OtherApplication(u8),
    #[error("{}", cannot_open("sync.encryption_secret", true))]
    CannotOpen,
    #[error("the system random number generator failed")]
    Random,
}

impl CryptoError {
    /// The message, naming the secret's setting as `secret_key` (the caller knows which spelling
    /// the user's settings use, e.g. the older `sync.encryption.secret`).
    pub fn naming(&self, secret_key: &str) -> String {
        match self {
            CryptoError::CannotOpen => cannot_open(secret_key, true),
            other => other.to_string(),
        }
    }

    /// The error's words for data sealed with a key from the secret alone (no client id):
    /// an object store's, whose key comes from the secret and the bucket's salt.
    pub fn naming_secret_only(&self, secret_key: &str) -> String {
        match self {
            CryptoError::CannotOpen => cannot_open(secret_key, false),
            other => other.to_string(),
        }
    }
}

/// Why sealed data cannot be opened: the secret (`secret_key`), or with `client_id` the
/// client id too, differs from the sealer's.
fn cannot_open(secret_key: &str, client_id: bool) -> String {
    let (differs, same) = if client_id {
        (
            format!(
                "the encryption secret ({secret_key}) or the client id (sync.server.client_id) \
                 differs"
            ),
            "values",
        )
    } else {
        (
            format!("the encryption secret ({secret_key}) differs"),
            "secret",
        )
    };
    format!(
        "the data cannot be opened: {differs} from the one it was sealed with, or it was \
         tampered with; set the same {same} as on your other replicas"
    )
}

/// PBKDF2-HMAC-SHA256 of `secret` with `salt`, TaskChampion's rounds.
fn derive(salt: &[u8], secret: &[u8]) -> [u8; 32] {
    let mut key = [0u8; 32];
    let rounds = NonZeroU32::new(PBKDF2_ITERATIONS).unwrap_or(NonZeroU32::MIN);
    ring::pbkdf2::derive(
        ring::pbkdf2::PBKDF2_HMAC_SHA256,
        rounds,
        salt,
        secret,
        &mut key,
    );
    key
}

/// Seals and opens values with one derived key. Deriving the key is slow on purpose (about a
/// second): make one per server and keep it.
pub struct Cryptor {
    key: LessSafeKey,
    /// The same key, for telling which application a value that fails to open belongs to.
    raw_key: [u8; 32],
    rng: SystemRandom,
}

impl std::fmt::Debug for Cryptor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Cryptor { .. }")
    }
}

impl Cryptor {
    /// Derive the key from `secret` with `salt` (for a sync server: the client id's 16 bytes).
    pub fn new(salt: &[u8], secret: &[u8]) -> Cryptor {
        Cryptor::from_key(&derive(salt, secret))
    }

    /// Like [`Cryptor::new`], but each (salt, secret) pair is derived once per process: later
    /// calls reuse the key, so a new connection to the same server costs nothing.
    pub fn cached(salt: &[u8], secret: &[u8]) -> Cryptor {
        static KEYS: OnceLock<Mutex<HashMap<[u8; 32], [u8; 32]>>> = OnceLock::new();
        let mut ctx = ring::digest::Context::new(&ring::digest::SHA256);
        ctx.update(&(salt.len() as u64).to_le_bytes());
        ctx.update(salt);
        ctx.update(secret);
        let mut id = [0u8; 32];
        id.copy_from_slice(ctx.finish().as_ref());
        let keys = KEYS.get_or_init(Mutex::default);
        if let Some(key) = keys.lock().ok().and_then(|k| k.get(&id).copied()) {
            return Cryptor::from_key(&key);
        }
        let key = derive(salt, secret);
        if let Ok(mut k) = keys.lock() {
            k.insert(id, key);
        }
        Cryptor::from_key(&key)
    }

    /// Use an already derived 32-byte key.
    pub fn from_key(key: &[u8; 32]) -> Cryptor {
        // A 32-byte key is always valid for ChaCha20-Poly1305.
        let unbound = UnboundKey::new(&CHACHA20_POLY1305, key)
            .unwrap_or_else(|_| unreachable!("ChaCha20-Poly1305 takes 32-byte keys"));
        Cryptor {
            key: LessSafeKey::new(unbound),
            raw_key: *key,
            rng: SystemRandom::new(),
        }
    }

    /// Seal `plaintext` for `version_id`.
    pub fn seal(&self, version_id: Uuid, plaintext: &[u8]) -> Result<Vec<u8>, CryptoError> {
        self.seal_for(TASK_APP_ID, version_id, plaintext)
    }

    fn seal_for(
        &self,
        app: u8,
        version_id: Uuid,
        plaintext: &[u8],
    ) -> Result<Vec<u8>, CryptoError> {
        let mut nonce = [0u8; NONCE_LEN];
        self.rng.fill(&mut nonce).map_err(|_| CryptoError::Random)?;
        let mut body = plaintext.to_vec();
        let tag = self
            .key
            .seal_in_place_separate_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(aad(app, version_id)),
                &mut body,
            )
            .map_err(|_| CryptoError::Random)?;
        let mut out = Vec::with_capacity(1 + NONCE_LEN + body.len() + TAG_LEN);
        out.push(ENVELOPE_VERSION);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&body);
        out.extend_from_slice(tag.as_ref());
        Ok(out)
    }

    /// Open a value sealed for `version_id`.
    pub fn unseal(&self, version_id: Uuid, sealed: &[u8]) -> Result<Vec<u8>, CryptoError> {
        if sealed.len() < 1 + NONCE_LEN + TAG_LEN {
            return Err(CryptoError::TooShort(sealed.len()));
        }
        if sealed[0] != ENVELOPE_VERSION {
            return Err(CryptoError::UnknownEnvelope(sealed[0]));
        }
        if let Some(plain) = self.open_with(TASK_APP_ID, version_id, sealed) {
            return Ok(plain);
        }
        // Tell a value meant for another application apart from a wrong key: only the
        // application byte of the additional data differs, and the tag says which byte fits
        // without decrypting again.
        let mut nonce = [0u8; NONCE_LEN];
        nonce.copy_from_slice(&sealed[1..1 + NONCE_LEN]);
        let (ciphertext, tag) =
            sealed[1 + NONCE_LEN..].split_at(sealed.len() - 1 - NONCE_LEN - TAG_LEN);
        let mut tag_bytes = [0u8; TAG_LEN];
        tag_bytes.copy_from_slice(tag);
        match super::app_id::find_application(
            &self.raw_key,
            &nonce,
            version_id.as_bytes(),
            ciphertext,
            &tag_bytes,
        ) {
            Some(app) if app != TASK_APP_ID => Err(CryptoError::OtherApplication(app)),
            _ => Err(CryptoError::CannotOpen),
        }
    }

    fn open_with(&self, app: u8, version_id: Uuid, sealed: &[u8]) -> Option<Vec<u8>> {
        let mut nonce = [0u8; NONCE_LEN];
        nonce.copy_from_slice(&sealed[1..1 + NONCE_LEN]);
        let mut body = sealed[1 + NONCE_LEN..].to_vec();
        let plain = self
            .key
            .open_in_place(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(aad(app, version_id)),
                &mut body,
            )
            .ok()?;
        Some(plain.to_vec())
    }
}

fn aad(app: u8, version_id: Uuid) -> [u8; 17] {
    let mut aad = [0u8; 17];
    aad[0] = app;
    aad[1..].copy_from_slice(version_id.as_bytes());
    aad
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fast() -> Cryptor {
        Cryptor::from_key(&[7u8; 32])
    }

    #[test]
    fn seal_then_unseal_round_trips_and_binds_the_version() {
        let c = fast();
        let v = Uuid::new_v4();
        let sealed = c.seal(v, b"{\"operations\":[]}").unwrap();
        assert_eq!(sealed[0], 1);
        assert_eq!(sealed.len(), 29 + 17);
        assert_eq!(c.unseal(v, &sealed).unwrap(), b"{\"operations\":[]}");
        assert_eq!(
            c.unseal(Uuid::new_v4(), &sealed),
            Err(CryptoError::CannotOpen)
        );
        // Fresh nonces: sealing twice never gives the same bytes.
        assert_ne!(c.seal(v, b"x").unwrap(), c.seal(v, b"x").unwrap());
    }

    #[test]
    fn cached_keys_are_the_derived_keys_per_salt_and_secret() {
        let v = Uuid::new_v4();
        let sealed = Cryptor::cached(b"salt", b"secret").seal(v, b"x").unwrap();
        assert_eq!(
            Cryptor::new(b"salt", b"secret").unseal(v, &sealed).unwrap(),
            b"x"
        );
        assert_eq!(
            Cryptor::cached(b"salt", b"secret")
                .unseal(v, &sealed)
                .unwrap(),
            b"x"
        );
        for (salt, secret) in [(&b"salt"[..], &b"other"[..]), (b"sal", b"tsecret")] {
            assert_eq!(
                Cryptor::cached(salt, secret).unseal(v, &sealed),
                Err(CryptoError::CannotOpen)
            );
        }
    }

    #[test]
    fn damage_is_reported_not_panicked() {
        let c = fast();
        let v = Uuid::new_v4();
        let sealed = c.seal(v, b"hello").unwrap();
        for cut in 0..sealed.len() {
            assert!(c.unseal(v, &sealed[..cut]).is_err());
        }
        let mut flipped = sealed.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        assert_eq!(c.unseal(v, &flipped), Err(CryptoError::CannotOpen));
        assert_eq!(c.unseal(v, &[]), Err(CryptoError::TooShort(0)));
    }

    #[test]
    fn every_other_application_is_named() {
        let c = fast();
        let v = Uuid::new_v4();
        for len in [0usize, 1, 15, 16, 17, 33, 1000] {
            let plain = vec![0x5a; len];
            for app in (0..=u8::MAX).filter(|a| *a != TASK_APP_ID) {
                let sealed = c.seal_for(app, v, &plain).unwrap();
                assert_eq!(
                    c.unseal(v, &sealed),
                    Err(CryptoError::OtherApplication(app)),
                    "app {app}, {len} bytes"
                );
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        #[test]
        fn the_application_is_found_for_any_key_and_value(
            key: [u8; 32],
            version: [u8; 16],
            app: u8,
            plain in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300),
        ) {
            let c = Cryptor::from_key(&key);
            let v = Uuid::from_bytes(version);
            let sealed = c.seal_for(app, v, &plain).unwrap();
            let expected = if app == TASK_APP_ID {
                Ok(plain.clone())
            } else {
                Err(CryptoError::OtherApplication(app))
            };
            proptest::prop_assert_eq!(c.unseal(v, &sealed), expected);
            // Damage anywhere after the envelope version leaves nothing that opens.
            for at in 1..sealed.len() {
                let mut damaged = sealed.clone();
                damaged[at] ^= 0x80;
                proptest::prop_assert_eq!(c.unseal(v, &damaged), Err(CryptoError::CannotOpen));
            }
        }

        #[test]
        fn arbitrary_bytes_are_an_error(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..200),
        ) {
            proptest::prop_assert!(fast().unseal(Uuid::nil(), &bytes).is_err());
        }
    }

    #[test]
    fn another_key_cannot_open() {
        let sealed = fast().seal(Uuid::nil(), b"secret").unwrap();
        let other = Cryptor::from_key(&[8u8; 32]);
        assert_eq!(
            other.unseal(Uuid::nil(), &sealed),
            Err(CryptoError::CannotOpen)
        );
    }
}
