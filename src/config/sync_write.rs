//! Writing the taskrc's `sync.*` settings: merged into what is there or replacing the whole
//! section, every other byte of the file kept, the file replaced in one rename (a private
//! temporary file beside it, created with O_EXCL), and a private backup of the settings a write
//! removes or changes.
//!
//! A key and its older spelling (`sync.server.url` / `sync.server.origin`,
//! `sync.encryption_secret` / `sync.encryption.secret`) are one setting: writing either removes
//! the other, so the value written is the one in force.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::secret::{MASK, is_secret_key};
use super::taskrc::{SYNC_KEYS, Taskrc, TaskrcError};

/// The keys that name one setting, the newer spelling first.
pub const SPELLINGS: [[&str; 2]; 2] = [
    ["sync.server.url", "sync.server.origin"],
    ["sync.encryption_secret", "sync.encryption.secret"],
];

/// How the given settings meet the ones already in the taskrc.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteMode {
    /// The given keys change; every other `sync.` key stays.
    Merge,
    /// The given keys become the whole `sync.` section; every other one is removed.
    Replace,
}

/// A change to the sync settings: each key's new value, `None` (or empty) to remove it. Its
/// `Debug` masks secret values.
#[derive(Clone)]
pub struct SyncChange {
    pub mode: WriteMode,
    pub values: BTreeMap<String, Option<String>>,
}

impl std::fmt::Debug for SyncChange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let values: BTreeMap<&str, Option<&str>> = self
            .values
            .iter()
            .map(|(k, v)| {
                let v = v.as_deref();
                let shown = if is_secret_key(k) && v.is_some_and(|v| !v.is_empty()) {
                    Some(MASK)
                } else {
                    v
                };
                (k.as_str(), shown)
            })
            .collect();
        f.debug_struct("SyncChange")
            .field("mode", &self.mode)
            .field("values", &values)
            .finish()
    }
}

/// What a write did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncWritten {
    /// The file written (a linked taskrc's target).
    pub path: PathBuf,
    /// False when the file already said all of it: nothing was written.
    pub written: bool,
    /// Keys given a value.
    pub set: Vec<String>,
    /// Keys that had a value and have none now, spelled as the taskrc spelled them.
    pub removed: Vec<String>,
    /// Keys whose value changed.
    pub changed: Vec<String>,
    /// Where the settings before the write were saved, when it removed or changed any.
    pub backup: Option<PathBuf>,
}

/// Check a `sync.*` setting before it is written: a known key, a value the taskrc can hold
/// (no `#`, which starts a comment, no line break or other control character, no space at
/// either end, which reading would drop), and the right shape for ids and URLs.
pub fn check_sync_setting(key: &str, value: &str) -> Result<(), TaskrcError> {
    let bad = |why: String| Err(TaskrcError::BadSetting(why));
    if !SYNC_KEYS.contains(&key) {
        return bad(format!(
            "{key} is not a sync setting; the known ones are {}",
            SYNC_KEYS.join(", ")
        ));
    }
    if value.contains(['#', '\n', '\r']) {
        return bad(format!(
            "the value of {key} contains '#' or a line break, which a taskrc cannot hold"
        ));
    }
    if value.contains(char::is_control) {
        return bad(format!(
            "the value of {key} contains a control character, which a taskrc cannot hold"
        ));
    }
    if value.trim() != value {
        return bad(format!(
            "the value of {key} starts or ends with a space, which reading the taskrc would drop"
        ));
    }
    if key == "sync.server.client_id" && !value.is_empty() && Uuid::parse_str(value).is_err() {
        return bad(format!(
            "sync.server.client_id must be a UUID (like {}), not {value:?}",
            Uuid::nil()
        ));
    }
    let is_url = |v: &str| v.starts_with("http://") || v.starts_with("https://");
    if matches!(key, "sync.server.url" | "sync.server.origin")
        && !value.is_empty()
        && !is_url(value)
    {
        return bad(format!(
            "{key} must start with http:// or https://, not {:?}",
            crate::sync::redact_url(value)
        ));
    }
    Ok(())
}

/// The other spelling of `key`'s setting (`sync.server.origin` for `sync.server.url`, …).
pub fn other_spelling(key: &str) -> Option<&'static str> {
    SPELLINGS
        .iter()
        .find(|s| s.contains(&key))
        .and_then(|s| s.iter().find(|k| **k != key))
        .copied()
}

/// The keys that mean the same setting as `key`, itself included.
fn spellings(key: &str) -> Vec<&str> {
    SPELLINGS
        .iter()
        .find(|s| s.contains(&key))
        .map_or_else(|| vec![key], |s| s.to_vec())
}

/// Write `change` into the taskrc at `path` (created if missing). The taskrc is read first,
/// includes and all; if that fails nothing is written. `now` names the backup.
pub fn write_sync(
    path: &Path,
    home: Option<&Path>,
    change: &SyncChange,
    now: DateTime<Utc>,
) -> Result<SyncWritten, TaskrcError> {
    for (key, value) in &change.values {
        check_sync_setting(key, value.as_deref().unwrap_or(""))?;
    }
    let target = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let io = |source| TaskrcError::Replace {
        path: target.clone(),
        source,
    };
    let original = match fs::read(&target) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => {
            return Err(TaskrcError::Read {
                path: target.clone(),
                source: e,
            });
        }
    };
    let before = Taskrc::parse_bytes(path, &original, home)?;
    let given = |key: &str| change.values.get(key).map(|v| v.as_deref().unwrap_or(""));
    let touched: Vec<&str> = change.values.keys().flat_map(|k| spellings(k)).collect();
    let drops = |key: &str| match change.mode {
        WriteMode::Replace => key.starts_with("sync."),
        WriteMode::Merge => touched.contains(&key),
    };

    let mut bytes = without_settings(&original, drops);
    let rest = Taskrc::parse_bytes(path, &bytes, home)?;
    let mut added = String::new();
    for (key, value) in &change.values {
        if let Some(value) = value.as_deref().filter(|v| !v.is_empty()) {
            added.push_str(&format!("{key}={value}\n"));
        }
    }
    // A key an included file still sets, and that is not being given a value, is blanked.
    for key in rest.values.keys().filter(|k| drops(k)) {
        if rest.get(key).is_some() && given(key).is_none_or(str::is_empty) {
            added.push_str(&format!("{key}=\n"));
        }
    }
    if !bytes.is_empty() && !bytes.ends_with(b"\n") {
        bytes.push(b'\n');
    }
    bytes.extend_from_slice(added.as_bytes());

    let after = Taskrc::parse_bytes(path, &bytes, home)?;
    for (key, value) in &change.values {
        let wanted = value.as_deref().filter(|v| !v.is_empty());
        let in_force = spellings(key).into_iter().find_map(|k| after.get(k));
        if in_force != wanted {
            return Err(TaskrcError::BadSetting(format!(
                "{key} would not take effect in {}; it was left as it was",
                target.display()
            )));
        }
    }
    let values = |rc: &Taskrc| -> BTreeMap<String, String> {
        rc.values
            .iter()
            .filter(|(k, v)| k.starts_with("sync.") && !v.is_empty())
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    };
    let (old, new) = (values(&before), values(&after));
    let mut written = SyncWritten {
        path: target.clone(),
        written: bytes != original,
        set: change
            .values
            .iter()
            .filter(|(_, v)| v.as_deref().is_some_and(|v| !v.is_empty()))
            .map(|(k, _)| k.clone())
            .collect(),
        removed: old
            .keys()
            .filter(|k| !new.contains_key(*k))
            .cloned()
            .collect(),
        changed: old
            .iter()
            .filter(|(k, v)| new.get(*k).is_some_and(|n| n != *v))
            .map(|(k, _)| k.clone())
            .collect(),
        backup: None,
    };
    if !written.written {
        return Ok(written);
    }
    if !written.removed.is_empty() || !written.changed.is_empty() {
        written.backup = Some(backup(&target, &old, now).map_err(io)?);
    }
    let private = holds_secret(&bytes);
    write_replacing(&target, &bytes, private).map_err(io)?;
    Ok(written)
}

/// `bytes` without the setting lines whose key `drops` names; every other byte as it was.
fn without_settings(bytes: &[u8], drops: impl Fn(&str) -> bool) -> Vec<u8> {
    let mut kept = Vec::with_capacity(bytes.len());
    for line in bytes.split_inclusive(|b| *b == b'\n') {
        let is_dropped = setting_key(line).is_some_and(|k| drops(&k));
        if !is_dropped {
            kept.extend_from_slice(line);
        }
    }
    kept
}

/// The key a taskrc line sets, if it sets one (as reading takes it).
pub(super) fn setting_key(line: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(line);
    let setting = text.split('#').next().unwrap_or("");
    let (key, _) = setting.split_once('=')?;
    Some(key.trim().to_string())
}

/// Whether these taskrc bytes set a secret themselves.
pub(super) fn holds_secret(bytes: &[u8]) -> bool {
    bytes.split(|b| *b == b'\n').any(|line| {
        let text = String::from_utf8_lossy(line);
        let setting = text.split('#').next().unwrap_or("");
        setting
            .split_once('=')
            .is_some_and(|(k, v)| is_secret_key(k.trim()) && !v.trim().is_empty())
    })
}

/// Save `values` as a JSON object (what `tcui config sync --from` reads) in a new private file
/// beside the taskrc: `<name>.sync-<time>.json`.
fn backup(
    taskrc: &Path,
    values: &BTreeMap<String, String>,
    now: DateTime<Utc>,
) -> std::io::Result<PathBuf> {
    let dir = folder_of(taskrc);
    let name = file_name(taskrc);
    let stamp = now.format("%Y%m%dT%H%M%SZ");
    let text = serde_json::to_string_pretty(values).map_err(std::io::Error::other)?;
    for n in 1..100 {
        let suffix = if n == 1 {
            String::new()
        } else {
            format!("-{n}")
        };
        let path = dir.join(format!("{name}.sync-{stamp}{suffix}.json"));
        let mut options = fs::OpenOptions::new();
        options.write(true).create_new(true);
        private(&mut options);
        let mut file = match options.open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        };
        file.write_all(text.as_bytes())?;
        file.write_all(b"\n")?;
        file.sync_all()?;
        return Ok(path);
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::AlreadyExists,
        "too many backups of the sync settings made this second",
    ))
}

/// Write `bytes` to a new private file beside `path` (a random name, created exclusively, so a
/// planted link is never followed), give it `path`'s permissions, then rename it over `path`.
/// `secret`: the contents hold a secret, so the group and others lose their access.
pub(super) fn write_replacing(path: &Path, bytes: &[u8], secret: bool) -> std::io::Result<()> {
    let dir = folder_of(path);
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{}.", file_name(path)))
        .suffix(".tcui-new")
        .tempfile_in(dir)?;
    if let Ok(meta) = fs::metadata(path) {
        let mut permissions = meta.permissions();
        if secret {
            permissions = owner_only(permissions);
        }
        temp.as_file().set_permissions(permissions)?;
    }
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    if let Ok(d) = fs::File::open(dir) {
        // Make the rename itself durable where the platform allows it.
        let _ = d.sync_all();
    }
    Ok(())
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or("taskrc".into(), |n| n.to_string_lossy().into_owned())
}

#[cfg(unix)]
fn owner_only(permissions: fs::Permissions) -> fs::Permissions {
    use std::os::unix::fs::PermissionsExt;
    fs::Permissions::from_mode(permissions.mode() & 0o7700)
}

#[cfg(not(unix))]
fn owner_only(permissions: fs::Permissions) -> fs::Permissions {
    permissions
}

/// A file `options` creates is readable by its owner only.
#[cfg(unix)]
fn private(options: &mut fs::OpenOptions) {
    use std::os::unix::fs::OpenOptionsExt;
    options.mode(0o600);
}

#[cfg(not(unix))]
fn private(_options: &mut fs::OpenOptions) {}

#[cfg(test)]
#[path = "sync_write_tests.rs"]
mod tests;
