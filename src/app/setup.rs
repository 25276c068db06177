//! Reading, checking and writing the sync settings, asked for as effects and answered as
//! events, so that the application itself does no file or network work. Nothing here shows
//! the secret in `Debug` output.

use crate::config::secret::is_secret_key;

/// Shown in place of a secret that is set and has not been retyped.
pub const MASK: &str = "********";

/// Reading, checking and writing the sync settings: given by the caller, so that the app
/// itself does no I/O.
pub trait SyncSetup: Send + Sync {
    /// The settings in force, by taskrc key (secret included).
    fn current(&self) -> Vec<(String, String)>;
    /// Ask the server or folder these settings name; what it answered.
    fn check(&self, settings: &[(String, String)]) -> Result<String, String>;
    /// Write the settings to the taskrc (empty values remove keys).
    fn save(&self, settings: &[(String, String)]) -> Result<String, String>;
}

/// What the app asks of the [`SyncSetup`].
#[derive(Clone, PartialEq, Eq)]
pub enum SetupRequest {
    Load,
    Check(Vec<(String, String)>),
    /// Check, and write only if the check passes.
    Save(Vec<(String, String)>),
}

/// The answer.
#[derive(Clone, PartialEq, Eq)]
pub enum SetupEvent {
    Loaded(Vec<(String, String)>),
    Checked(Result<String, String>),
    Saved(Result<String, String>),
}

/// Settings for `Debug` output, secret values masked.
pub fn masked(settings: &[(String, String)]) -> Vec<(&str, &str)> {
    settings
        .iter()
        .map(|(k, v)| {
            let v = if is_secret_key(k) && !v.is_empty() {
                MASK
            } else {
                v.as_str()
            };
            (k.as_str(), v)
        })
        .collect()
}

impl std::fmt::Debug for SetupRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SetupRequest::Load => f.write_str("Load"),
            SetupRequest::Check(s) => f.debug_tuple("Check").field(&masked(s)).finish(),
            SetupRequest::Save(s) => f.debug_tuple("Save").field(&masked(s)).finish(),
        }
    }
}

impl std::fmt::Debug for SetupEvent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SetupEvent::Loaded(s) => f.debug_tuple("Loaded").field(&masked(s)).finish(),
            SetupEvent::Checked(r) => f.debug_tuple("Checked").field(r).finish(),
            SetupEvent::Saved(r) => f.debug_tuple("Saved").field(r).finish(),
        }
    }
}

/// Carry out `request` with `setup` (this is the file and network work: off the interface's
/// thread).
pub fn answer(setup: &dyn SyncSetup, request: SetupRequest) -> SetupEvent {
    match request {
        SetupRequest::Load => SetupEvent::Loaded(setup.current()),
        SetupRequest::Check(s) => SetupEvent::Checked(setup.check(&s)),
        SetupRequest::Save(s) => SetupEvent::Saved(setup.check(&s).and_then(|_| setup.save(&s))),
    }
}
