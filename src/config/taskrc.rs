//! Taskwarrior's taskrc: where it is, what it says about sync, and writing back a generated
//! client id without disturbing a byte of the rest.
//!
//! Lines are `key=value`; `#` starts a comment; `include <file>` reads another file (relative
//! to the including one, `~` for the home folder). Later values win, as in Taskwarrior.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use uuid::Uuid;

/// Where the taskrc may be, in Taskwarrior's order.
#[derive(Debug, Clone, Default)]
pub struct Places {
    /// `$TASKRC`.
    pub taskrc: Option<PathBuf>,
    pub home: Option<PathBuf>,
    /// `$XDG_CONFIG_HOME`.
    pub xdg_config_home: Option<PathBuf>,
}

impl Places {
    /// From the process environment.
    pub fn from_env() -> Places {
        Places {
            taskrc: std::env::var_os("TASKRC").map(PathBuf::from),
            home: directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf()),
            xdg_config_home: std::env::var_os("XDG_CONFIG_HOME").map(PathBuf::from),
        }
    }

    /// The taskrc to read: `$TASKRC`, else `~/.taskrc`, else `$XDG_CONFIG_HOME/task/taskrc`
    /// (`~/.config/task/taskrc`). `None` if none exists.
    pub fn find(&self) -> Option<PathBuf> {
        if let Some(p) = &self.taskrc {
            return Some(p.clone());
        }
        let home_rc = self.home.as_ref().map(|h| h.join(".taskrc"));
        if let Some(p) = home_rc.filter(|p| p.is_file()) {
            return Some(p);
        }
        let xdg = self
            .xdg_config_home
            .clone()
            .or_else(|| self.home.as_ref().map(|h| h.join(".config")))?;
        Some(xdg.join("task").join("taskrc")).filter(|p| p.is_file())
    }
}

/// Why the taskrc could not be used.
#[derive(Debug, thiserror::Error)]
pub enum TaskrcError {
    #[error("cannot read the taskrc {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "cannot write the client id into {path}: {source}; add `sync.server.client_id={id}` there yourself"
    )]
    Write {
        path: PathBuf,
        id: Uuid,
        #[source]
        source: std::io::Error,
    },
    #[error("{path} includes itself (through {via}); remove the loop")]
    IncludeLoop { path: PathBuf, via: PathBuf },
    #[error("cannot write {path}: {source}; it was left as it was")]
    Replace {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    BadSetting(String),
}

/// The `sync.*` keys Taskwarrior 3 reads (and the older names tcui also reads).
pub const SYNC_KEYS: &[&str] = &[
    "sync.server.url",
    "sync.server.origin",
    "sync.server.client_id",
    "sync.encryption_secret",
    "sync.encryption.secret",
    "sync.local.server_dir",
    "sync.aws.region",
    "sync.aws.bucket",
    "sync.aws.access_key_id",
    "sync.aws.secret_access_key",
    "sync.aws.profile",
    "sync.aws.default_credentials",
    "sync.gcp.bucket",
    "sync.gcp.credential_path",
];

/// A taskrc, read with its includes.
#[derive(Debug, Clone, Default)]
pub struct Taskrc {
    /// The file that was asked for (where a client id is written back).
    pub path: PathBuf,
    pub values: BTreeMap<String, String>,
    /// Included files that do not exist (Taskwarrior's theme names, often): skipped.
    pub missing_includes: Vec<PathBuf>,
}

/// What the taskrc says about sync, by Taskwarrior's precedence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncSettings {
    NotConfigured,
    /// `sync.local.server_dir`.
    Folder(PathBuf),
    /// `sync.server.url` (or `sync.server.origin`) with its client id and secret.
    Server {
        url: String,
        client_id: Option<String>,
        secret: Option<String>,
    },
    /// AWS, GCP or git: named so the message can say what is not supported yet.
    Unsupported(&'static str),
}

impl Taskrc {
    /// Read `path` and everything it includes.
    pub fn read(path: &Path, home: Option<&Path>) -> Result<Taskrc, TaskrcError> {
        let mut rc = Taskrc {
            path: path.to_path_buf(),
            ..Taskrc::default()
        };
        rc.read_file(path, home, &mut Vec::new())?;
        Ok(rc)
    }

    /// Read text as if it were the file at `path` (includes are still read from disk).
    pub fn parse(path: &Path, text: &str, home: Option<&Path>) -> Result<Taskrc, TaskrcError> {
        let mut rc = Taskrc {
            path: path.to_path_buf(),
            ..Taskrc::default()
        };
        rc.read_text(path, text, home, &mut vec![path.to_path_buf()])?;
        Ok(rc)
    }

    fn read_file(
        &mut self,
        path: &Path,
        home: Option<&Path>,
        stack: &mut Vec<PathBuf>,
    ) -> Result<(), TaskrcError> {
        if let Some(via) = stack.last().filter(|_| stack.iter().any(|p| p == path)) {
            return Err(TaskrcError::IncludeLoop {
                path: path.to_path_buf(),
                via: via.clone(),
            });
        }
        let text = fs::read_to_string(path).map_err(|source| TaskrcError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        stack.push(path.to_path_buf());
        let result = self.read_text(path, &text, home, stack);
        stack.pop();
        result
    }

    fn read_text(
        &mut self,
        path: &Path,
        text: &str,
        home: Option<&Path>,
        stack: &mut Vec<PathBuf>,
    ) -> Result<(), TaskrcError> {
        for raw in text.lines() {
            let line = raw.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            if let Some(target) = line
                .strip_prefix("include")
                .filter(|r| r.starts_with(char::is_whitespace))
            {
                let target = expand(target.trim(), home);
                let target = if target.is_absolute() {
                    target
                } else {
                    path.parent().unwrap_or(Path::new(".")).join(target)
                };
                if target.is_file() {
                    self.read_file(&target, home, stack)?;
                } else {
                    self.missing_includes.push(target);
                }
                continue;
            }
            if let Some((key, value)) = line.split_once('=') {
                self.values
                    .insert(key.trim().to_string(), value.trim().to_string());
            }
        }
        Ok(())
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.values
            .get(key)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// The sync settings: a local folder first, then AWS, GCP, git, then a server.
    pub fn sync(&self, home: Option<&Path>) -> SyncSettings {
        if let Some(dir) = self.get("sync.local.server_dir") {
            return SyncSettings::Folder(expand(dir, home));
        }
        if self.get("sync.aws.bucket").is_some() {
            return SyncSettings::Unsupported("AWS S3 (sync.aws.*)");
        }
        if self.get("sync.gcp.bucket").is_some() {
            return SyncSettings::Unsupported("Google Cloud Storage (sync.gcp.*)");
        }
        if self.get("sync.git.local_path").is_some() {
            return SyncSettings::Unsupported("git (sync.git.*)");
        }
        match self
            .get("sync.server.url")
            .or_else(|| self.get("sync.server.origin"))
        {
            Some(url) => SyncSettings::Server {
                url: url.to_string(),
                client_id: self.get("sync.server.client_id").map(str::to_owned),
                secret: self
                    .get("sync.encryption_secret")
                    .or_else(|| self.get("sync.encryption.secret"))
                    .map(str::to_owned),
            },
            None => SyncSettings::NotConfigured,
        }
    }

    /// Taskwarrior's data folder as the taskrc sets it (`data.location`, `~` expanded).
    pub fn data_location(&self, home: Option<&Path>) -> Option<PathBuf> {
        self.get("data.location").map(|dir| expand(dir, home))
    }

    /// Append `sync.server.client_id=<id>` to the taskrc, keeping every existing byte.
    pub fn write_client_id(&mut self, id: Uuid) -> Result<(), TaskrcError> {
        let err = |source| TaskrcError::Write {
            path: self.path.clone(),
            id,
            source,
        };
        let existing = fs::read(&self.path).unwrap_or_default();
        let mut file = fs::OpenOptions::new()
            .append(true)
            .create(true)
            .open(&self.path)
            .map_err(err)?;
        let mut line = String::new();
        if !existing.is_empty() && !existing.ends_with(b"\n") {
            line.push('\n');
        }
        line.push_str(&format!("sync.server.client_id={id}\n"));
        file.write_all(line.as_bytes()).map_err(err)?;
        file.sync_all().map_err(err)?;
        self.values
            .insert("sync.server.client_id".into(), id.to_string());
        Ok(())
    }
}

/// Check a `sync.*` setting before it is written: a known key, a value the taskrc can hold
/// (no `#`, which starts a comment, and no line break), and the right shape for ids and URLs.
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
            "{key} must start with http:// or https://, not {value:?}"
        ));
    }
    Ok(())
}

/// Replace the whole `sync.*` section of the taskrc at `path`: every `sync.` line of that file
/// goes, `settings` with a value are appended, and a key still set by an included file is
/// blanked (`key=`) unless given. All other bytes stay as they were; the file is replaced in
/// one rename, so a failure leaves it untouched. A missing file is created.
pub fn replace_sync(
    path: &Path,
    home: Option<&Path>,
    settings: &BTreeMap<String, Option<String>>,
) -> Result<(), TaskrcError> {
    for (key, value) in settings {
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
        Err(e) => return Err(io(e)),
    };
    let mut kept: Vec<u8> = Vec::with_capacity(original.len());
    for line in original.split_inclusive(|b| *b == b'\n') {
        let text = String::from_utf8_lossy(line);
        let setting = text.split('#').next().unwrap_or("");
        let is_sync = setting
            .split_once('=')
            .is_some_and(|(k, _)| k.trim().starts_with("sync."));
        if !is_sync {
            kept.extend_from_slice(line);
        }
    }
    let rest = Taskrc::parse(path, &String::from_utf8_lossy(&kept), home)?;
    let mut added = String::new();
    for (key, value) in settings {
        if let Some(value) = value.as_deref().filter(|v| !v.is_empty()) {
            added.push_str(&format!("{key}={value}\n"));
        }
    }
    for key in rest.values.keys().filter(|k| k.starts_with("sync.")) {
        let given = settings
            .get(key)
            .is_some_and(|v| v.as_deref().is_some_and(|v| !v.is_empty()));
        if rest.get(key).is_some() && !given {
            added.push_str(&format!("{key}=\n"));
        }
    }
    if !added.is_empty() && !kept.is_empty() && !kept.ends_with(b"\n") {
        kept.push(b'\n');
    }
    kept.extend_from_slice(added.as_bytes());
    write_replacing(&target, &kept).map_err(io)
}

/// Write `bytes` to a new file beside `path`, with its permissions, then rename it over `path`.
fn write_replacing(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or("taskrc".into(), |n| n.to_string_lossy().into_owned());
    let temp = dir.join(format!(".{name}.tcui-new"));
    let result = (|| {
        let mut file = fs::File::create(&temp)?;
        match fs::metadata(path) {
            Ok(meta) => file.set_permissions(meta.permissions())?,
            Err(_) => restrict(&file)?,
        }
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temp, path)?;
        if let Ok(d) = fs::File::open(dir) {
            // Make the rename itself durable where the platform allows it.
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// A new taskrc may hold a secret: readable by its owner only.
#[cfg(unix)]
fn restrict(file: &fs::File) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(fs::Permissions::from_mode(0o600))
}

#[cfg(not(unix))]
fn restrict(_file: &fs::File) -> std::io::Result<()> {
    Ok(())
}

/// `~/x` to the home folder.
fn expand(path: &str, home: Option<&Path>) -> PathBuf {
    match (path.strip_prefix("~/"), home) {
        (Some(rest), Some(home)) => home.join(rest),
        _ => PathBuf::from(path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precedence_names_and_includes() {
        let dir = tempfile::TempDir::new().unwrap();
        fs::write(
            dir.path().join("sync.rc"),
            "sync.server.origin=https://old\nsync.encryption.secret=s3cret\n",
        )
        .unwrap();
        let rc = Taskrc::parse(
            &dir.path().join("taskrc"),
            "# comment\ninclude sync.rc\ninclude dark-256.theme\nsync.server.client_id = 0666d464-418a-4a08-ad53-6f15c78270cd # mine\n",
            None,
        )
        .unwrap();
        assert_eq!(
            rc.sync(None),
            SyncSettings::Server {
                url: "https://old".into(),
                client_id: Some("0666d464-418a-4a08-ad53-6f15c78270cd".into()),
                secret: Some("s3cret".into()),
            }
        );
        assert_eq!(rc.missing_includes, vec![dir.path().join("dark-256.theme")]);
        let rc = Taskrc::parse(
            Path::new("/x/taskrc"),
            "sync.server.url=https://new\nsync.local.server_dir=~/sync\n",
            Some(Path::new("/home/me")),
        )
        .unwrap();
        assert_eq!(
            rc.sync(Some(Path::new("/home/me"))),
            SyncSettings::Folder("/home/me/sync".into())
        );
        let rc = Taskrc::parse(
            Path::new("/x"),
            "sync.aws.bucket=b\nsync.server.url=u\n",
            None,
        )
        .unwrap();
        assert!(matches!(rc.sync(None), SyncSettings::Unsupported(_)));
        assert_eq!(
            Taskrc::parse(Path::new("/x"), "", None).unwrap().sync(None),
            SyncSettings::NotConfigured
        );
    }

    #[test]
    fn an_include_loop_is_named() {
        let dir = tempfile::TempDir::new().unwrap();
        fs::write(dir.path().join("a"), "include b\n").unwrap();
        fs::write(dir.path().join("b"), "include a\n").unwrap();
        let err = Taskrc::read(&dir.path().join("a"), None).unwrap_err();
        assert!(matches!(err, TaskrcError::IncludeLoop { .. }), "{err}");
    }

    #[test]
    fn writing_the_client_id_keeps_every_byte() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("taskrc");
        let original = "# my settings\r\nweird = spacing  \nsync.server.url=https://h\n\tindent=1";
        fs::write(&path, original).unwrap();
        let mut rc = Taskrc::read(&path, None).unwrap();
        let id = Uuid::from_u128(7);
        rc.write_client_id(id).unwrap();
        let after = fs::read_to_string(&path).unwrap();
        assert_eq!(after, format!("{original}\nsync.server.client_id={id}\n"));
        assert_eq!(
            Taskrc::read(&path, None)
                .unwrap()
                .get("sync.server.client_id"),
            Some(id.to_string().as_str())
        );
    }

    #[test]
    fn the_taskrc_is_found_where_taskwarrior_looks() {
        let dir = tempfile::TempDir::new().unwrap();
        let home = dir.path().join("home");
        fs::create_dir_all(home.join(".config/task")).unwrap();
        let places = Places {
            taskrc: None,
            home: Some(home.clone()),
            xdg_config_home: None,
        };
        assert_eq!(places.find(), None);
        fs::write(home.join(".config/task/taskrc"), "").unwrap();
        assert_eq!(places.find(), Some(home.join(".config/task/taskrc")));
        fs::write(home.join(".taskrc"), "").unwrap();
        assert_eq!(places.find(), Some(home.join(".taskrc")));
        let explicit = Places {
            taskrc: Some("/elsewhere/rc".into()),
            ..places
        };
        assert_eq!(explicit.find(), Some(PathBuf::from("/elsewhere/rc")));
    }

    #[test]
    fn replacing_the_sync_section_keeps_everything_else() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("taskrc");
        fs::write(
            dir.path().join("sync.rc"),
            "sync.server.client_id=0666d464-418a-4a08-ad53-6f15c78270cd\nsync.local.server_dir=/old\n",
        )
        .unwrap();
        let original = "# mine\r\ninclude sync.rc\nsync.server.url=https://old # the old one\ncolor=on\n  sync.encryption_secret = x\nnews.version=3.1";
        fs::write(&path, original).unwrap();
        let settings: BTreeMap<String, Option<String>> = [
            ("sync.server.url", Some("https://new.example")),
            ("sync.encryption_secret", Some("s3cret")),
            (
                "sync.server.client_id",
                Some("0666d464-418a-4a08-ad53-6f15c78270cd"),
            ),
            ("sync.gcp.bucket", None),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.map(str::to_string)))
        .collect();
        replace_sync(&path, None, &settings).unwrap();
        let after = fs::read_to_string(&path).unwrap();
        assert_eq!(
            after,
            "# mine\r\ninclude sync.rc\ncolor=on\nnews.version=3.1\n\
             sync.encryption_secret=s3cret\n\
             sync.server.client_id=0666d464-418a-4a08-ad53-6f15c78270cd\n\
             sync.server.url=https://new.example\n\
             sync.local.server_dir=\n"
        );
        let rc = Taskrc::read(&path, None).unwrap();
        assert_eq!(
            rc.sync(None),
            SyncSettings::Server {
                url: "https://new.example".into(),
                client_id: Some("0666d464-418a-4a08-ad53-6f15c78270cd".into()),
                secret: Some("s3cret".into()),
            }
        );
        // The included file is not touched.
        assert!(
            fs::read_to_string(dir.path().join("sync.rc"))
                .unwrap()
                .contains("/old")
        );
        // Nothing given: every sync key is gone or blanked.
        replace_sync(&path, None, &BTreeMap::new()).unwrap();
        assert_eq!(
            Taskrc::read(&path, None).unwrap().sync(None),
            SyncSettings::NotConfigured
        );
    }

    #[test]
    fn bad_sync_settings_are_refused_and_nothing_is_written() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("taskrc");
        fs::write(&path, "sync.server.url=https://h\n").unwrap();
        for (key, value, says) in [
            ("sync.server.uri", "https://x", "not a sync setting"),
            ("sync.server.client_id", "abc", "must be a UUID"),
            ("sync.server.url", "h.example", "must start with http"),
            ("sync.encryption_secret", "a#b", "contains '#'"),
        ] {
            let settings = BTreeMap::from([(key.to_string(), Some(value.to_string()))]);
            let err = replace_sync(&path, None, &settings).unwrap_err();
            assert!(err.to_string().contains(says), "{err}");
            assert_eq!(
                fs::read_to_string(&path).unwrap(),
                "sync.server.url=https://h\n"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_new_taskrc_is_private_and_a_linked_one_stays_a_link() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("new-taskrc");
        let settings =
            BTreeMap::from([("sync.local.server_dir".to_string(), Some("/s".to_string()))]);
        replace_sync(&path, None, &settings).unwrap();
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
        let real = dir.path().join("dotfiles-taskrc");
        fs::write(&real, "color=on\n").unwrap();
        let link = dir.path().join("linked");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        replace_sync(&link, None, &settings).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(
            fs::read_to_string(&real).unwrap(),
            "color=on\nsync.local.server_dir=/s\n"
        );
    }
}
