//! A secret (the sync encryption secret) that never shows itself: `Debug` and `Display` print a
//! mask, and the value comes out only through [`Secret::expose`], so a log line, an error or a
//! `{:?}` of a settings struct cannot leak it.

use std::fmt;

/// Shown wherever a secret would be.
pub const MASK: &str = "********";

/// A secret value; compare and clone it freely, read it only with [`Secret::expose`].
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The value itself, for the one place that needs it (deriving the key, writing the taskrc).
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret({MASK})")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(MASK)
    }
}

/// Whether a taskrc key holds a secret (`sync.encryption_secret`, `sync.aws.secret_access_key`,
/// …): its value is masked when shown and makes the file private when written.
pub fn is_secret_key(key: &str) -> bool {
    key.contains("secret")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_shows_only_a_mask() {
        let s = Secret::new("hunter2");
        #[derive(Debug)]
        #[allow(dead_code)]
        struct Holder {
            secret: Option<Secret>,
        }
        let shown = format!(
            "{s} {s:?} {:?} {:#?}",
            Holder {
                secret: Some(s.clone())
            },
            Holder {
                secret: Some(s.clone())
            }
        );
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains(MASK), "{shown}");
        assert_eq!(s.expose(), "hunter2");
    }
}
