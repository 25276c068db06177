//! Taskwarrior's taskrc: where it is, what it says about sync, and writing back a generated
//! client id without disturbing a byte of the rest.
//!
//! Lines are `key=value`; `#` starts a comment; `include <file>` reads another file (relative
//! to the including one, `~` for the home folder). Later values win, as in Taskwarrior. The
//! file is read as bytes, as Taskwarrior reads it: a byte that is not UTF-8 (a Latin-1 comment)
//! never fails the read; such a value is taken with U+FFFD in its place.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use uuid::Uuid;

use super::secret::{MASK, Secret, is_secret_key};

/// How deep `include` lines may nest: far beyond any real setup, short of a stack overflow.
const MAX_INCLUDE_DEPTH: usize = 32;

/// Where the taskrc may be, in Taskwarrior's order.
#[derive(Debug, Clone, Default)]
pub struct Places {
    /// `$TASKRC`.
    pub taskrc: Option<PathBuf>,
    pub home: Option<PathBuf>,
    /// `$XDG_CONFIG_HOME`.
    pub xdg_config_home: Option<PathBuf>,
    /// `$TASKDATA`.
    pub taskdata: Option<PathBuf>,
    /// `rc.NAME=VALUE` given on the command line: they win over the file when it is read
    /// (and are never written to it).
    pub overrides: Vec<(String, String)>,
}

impl Places {
    /// From the process environment.
    pub fn from_env() -> Places {
        Places {
            taskrc: std::env::var_os("TASKRC").map(PathBuf::from),
            home: directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf()),
            xdg_config_home: std::env::var_os("XDG_CONFIG_HOME").map(PathBuf::from),
            taskdata: std::env::var_os("TASKDATA")
                .filter(|d| !d.is_empty())
                .map(PathBuf::from),
            overrides: Vec::new(),
        }
    }

    /// Taskwarrior's data folder: `$TASKDATA`, else `data_location` (the taskrc's
    /// `data.location`, `~` expanded), else `~/.task`.
    pub fn taskwarrior_data(&self, data_location: Option<&str>) -> Option<PathBuf> {
        let home = self.home.as_deref();
        self.taskdata
            .clone()
            .or_else(|| data_location.map(|dir| expand(dir, home)))
            .or_else(|| home.map(|h| h.join(".task")))
    }

    /// Read the taskrc at `path` (with its includes), then the command line's overrides.
    pub fn read(&self, path: &Path) -> Result<Taskrc, TaskrcError> {
        let mut rc = Taskrc::read(path, self.home.as_deref())?;
        for (key, value) in &self.overrides {
            rc.values.insert(key.clone(), value.clone());
        }
        Ok(rc)
    }

    /// The taskrc, read as [`Places::read`] does, if there is one; with no file, the
    /// overrides alone.
    pub fn taskrc(&self) -> Result<Option<Taskrc>, TaskrcError> {
        match self.find().filter(|p| p.exists()) {
            Some(path) => self.read(&path).map(Some),
            None if self.overrides.is_empty() => Ok(None),
            None => Ok(Some(Taskrc {
                values: self.overrides.iter().cloned().collect(),
                ..Taskrc::default()
            })),
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
    #[error("{path}: include lines nest more than {MAX_INCLUDE_DEPTH} files deep; flatten them")]
    IncludeDepth { path: PathBuf },
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
    "sync.aws.endpoint_url",
    "sync.aws.force_path_style",
    "sync.gcp.bucket",
    "sync.gcp.credential_path",
];

/// A taskrc, read with its includes. Its `Debug` masks secret values.
#[derive(Clone, Default)]
pub struct Taskrc {
    /// The file that was asked for (where a client id is written back).
    pub path: PathBuf,
    pub values: BTreeMap<String, String>,
    /// Included files that do not exist (Taskwarrior's theme names, often): skipped.
    pub missing_includes: Vec<PathBuf>,
}

impl std::fmt::Debug for Taskrc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let values: BTreeMap<&str, &str> = self
            .values
            .iter()
            .map(|(k, v)| {
                let shown = if is_secret_key(k) && !v.is_empty() {
                    MASK
                } else {
                    v.as_str()
                };
                (k.as_str(), shown)
            })
            .collect();
        f.debug_struct("Taskrc")
            .field("path", &self.path)
            .field("values", &values)
            .field("missing_includes", &self.missing_includes)
            .finish()
    }
}

/// A setting's value as a yes or no, as Taskwarrior reads one: `1`, `y`, `yes`, `on` and
/// `true` (in any case) are yes, anything else no.
pub fn is_true(value: &str) -> bool {
    matches!(
        value.trim().to_ascii_lowercase().as_str(),
        "1" | "y" | "yes" | "on" | "true"
    )
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
        secret: Option<Secret>,
    },
    /// `sync.aws.*`: an S3 bucket, or one of an S3-compatible service.
    Aws(AwsSettings),
    /// `sync.gcp.*`: a Google Cloud Storage bucket.
    Gcp {
        bucket: String,
        credential_path: Option<PathBuf>,
        secret: Option<Secret>,
    },
    /// Git: named so the message can say what is not supported yet.
    Unsupported(&'static str),
}

/// `sync.aws.*`, as Taskwarrior reads them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwsSettings {
    pub bucket: String,
    pub region: Option<String>,
    pub credentials: AwsCredentials,
    /// `sync.aws.endpoint_url`: an S3-compatible service.
    pub endpoint_url: Option<String>,
    pub force_path_style: bool,
    pub secret: Option<Secret>,
}

/// How the S3 requests are signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AwsCredentials {
    /// `sync.aws.access_key_id` and `sync.aws.secret_access_key`.
    AccessKey { id: String, secret: Secret },
    /// `sync.aws.profile`: a profile of the AWS credentials file.
    Profile(String),
    /// `sync.aws.default_credentials`: the environment's (`AWS_ACCESS_KEY_ID`, …).
    Default,
    /// None, or more than one way: what to fix.
    Unclear(String),
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
        Taskrc::parse_bytes(path, text.as_bytes(), home)
    }

    /// Read bytes as if they were the file at `path` (includes are still read from disk).
    pub fn parse_bytes(
        path: &Path,
        bytes: &[u8],
        home: Option<&Path>,
    ) -> Result<Taskrc, TaskrcError> {
        let mut rc = Taskrc {
            path: path.to_path_buf(),
            ..Taskrc::default()
        };
        rc.read_bytes(path, bytes, home, &mut vec![identity(path)])?;
        Ok(rc)
    }

    fn read_file(
        &mut self,
        path: &Path,
        home: Option<&Path>,
        stack: &mut Vec<PathBuf>,
    ) -> Result<(), TaskrcError> {
        let id = identity(path);
        if let Some(via) = stack.last().filter(|_| stack.contains(&id)) {
            return Err(TaskrcError::IncludeLoop {
                path: path.to_path_buf(),
                via: via.clone(),
            });
        }
        if stack.len() >= MAX_INCLUDE_DEPTH {
            return Err(TaskrcError::IncludeDepth {
                path: path.to_path_buf(),
            });
        }
        let bytes = fs::read(path).map_err(|source| TaskrcError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        stack.push(id);
        let result = self.read_bytes(path, &bytes, home, stack);
        stack.pop();
        result
    }

    fn read_bytes(
        &mut self,
        path: &Path,
        bytes: &[u8],
        home: Option<&Path>,
        stack: &mut Vec<PathBuf>,
    ) -> Result<(), TaskrcError> {
        for raw in bytes.split(|b| *b == b'\n') {
            let raw = String::from_utf8_lossy(raw);
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

    /// Which way `sync.aws.*` says to sign: exactly one of the three, as Taskwarrior asks.
    fn aws_credentials(&self) -> AwsCredentials {
        let key = match (
            self.get("sync.aws.access_key_id"),
            self.get("sync.aws.secret_access_key"),
        ) {
            (Some(id), Some(secret)) => Some(AwsCredentials::AccessKey {
                id: id.to_string(),
                secret: Secret::new(secret),
            }),
            (None, None) => None,
            _ => {
                return AwsCredentials::Unclear(
                    "set both sync.aws.access_key_id and sync.aws.secret_access_key".into(),
                );
            }
        };
        let profile = self
            .get("sync.aws.profile")
            .map(|p| AwsCredentials::Profile(p.to_string()));
        let default = self
            .get("sync.aws.default_credentials")
            .filter(|v| is_true(v))
            .map(|_| AwsCredentials::Default);
        let mut ways: Vec<AwsCredentials> = [key, profile, default].into_iter().flatten().collect();
        match ways.len() {
            1 => ways.remove(0),
            0 => AwsCredentials::Unclear(
                "say how to sign in: sync.aws.access_key_id and sync.aws.secret_access_key, \
                 or sync.aws.profile, or sync.aws.default_credentials=true"
                    .into(),
            ),
            _ => AwsCredentials::Unclear(
                "set only one of sync.aws.access_key_id (with sync.aws.secret_access_key), \
                 sync.aws.profile and sync.aws.default_credentials"
                    .into(),
            ),
        }
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
        let secret = || {
            self.get("sync.encryption_secret")
                .or_else(|| self.get("sync.encryption.secret"))
                .map(Secret::new)
        };
        if let Some(bucket) = self.get("sync.aws.bucket") {
            return SyncSettings::Aws(AwsSettings {
                bucket: bucket.to_string(),
                region: self.get("sync.aws.region").map(str::to_owned),
                credentials: self.aws_credentials(),
                endpoint_url: self.get("sync.aws.endpoint_url").map(str::to_owned),
                force_path_style: self.get("sync.aws.force_path_style").is_some_and(is_true),
                secret: secret(),
            });
        }
        if let Some(bucket) = self.get("sync.gcp.bucket") {
            return SyncSettings::Gcp {
                bucket: bucket.to_string(),
                credential_path: self
                    .get("sync.gcp.credential_path")
                    .map(|p| expand(p, home)),
                secret: secret(),
            };
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
                    .map(Secret::new),
            },
            None => SyncSettings::NotConfigured,
        }
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

/// The same file however it is named (`a`, `./a`, `../d/a`, a link to it), for loop checks.
fn identity(path: &Path) -> PathBuf {
    fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// A path given by the user, `~/` read as the home folder.
pub fn expand_home(path: &Path, home: Option<&Path>) -> PathBuf {
    match path.to_str() {
        Some(text) => expand(text, home),
        None => path.to_path_buf(),
    }
}

/// `~/x` to the home folder.
pub(super) fn expand(path: &str, home: Option<&Path>) -> PathBuf {
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
                secret: Some(Secret::new("s3cret")),
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
        assert!(matches!(rc.sync(None), SyncSettings::Aws(_)));
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
            taskdata: None,
            overrides: Vec::new(),
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
    fn bytes_that_are_not_utf8_never_fail_the_read() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("taskrc");
        fs::write(
            &path,
            b"# r\xe9glages\nreport.x.label=caf\xe9\r\nsync.local.server_dir=/s\n\0=nul\n",
        )
        .unwrap();
        let rc = Taskrc::read(&path, None).unwrap();
        assert_eq!(rc.get("report.x.label"), Some("caf\u{fffd}"));
        assert_eq!(rc.sync(None), SyncSettings::Folder("/s".into()));
    }

    #[test]
    fn a_loop_through_another_spelling_of_a_path_is_named_and_depth_is_bounded() {
        let dir = tempfile::TempDir::new().unwrap();
        fs::create_dir(dir.path().join("d")).unwrap();
        fs::write(dir.path().join("d/a"), "include ../d/a\n").unwrap();
        let err = Taskrc::read(&dir.path().join("d/a"), None).unwrap_err();
        assert!(matches!(err, TaskrcError::IncludeLoop { .. }), "{err}");
        // A chain longer than any real setup: refused, not a stack overflow.
        for n in 0..40 {
            fs::write(
                dir.path().join(format!("f{n}")),
                format!("include f{}\n", n + 1),
            )
            .unwrap();
        }
        let err = Taskrc::read(&dir.path().join("f0"), None).unwrap_err();
        assert!(matches!(err, TaskrcError::IncludeDepth { .. }), "{err}");
    }

    #[test]
    fn debug_output_masks_the_secret() {
        let rc = Taskrc::parse(
            Path::new("/x"),
            "sync.server.url=https://h\nsync.encryption_secret=hunter2\n",
            None,
        )
        .unwrap();
        let shown = format!("{rc:?} {:?}", rc.sync(None));
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("https://h"), "{shown}");
    }
}
