//! The sync commands: one sync, and showing, checking and replacing the taskrc's sync
//! settings (starting over is in `start_over`).

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use chrono::Utc;
use uuid::Uuid;

use crate::config::secret::{MASK, is_secret_key};
use crate::config::sync_write::{SPELLINGS, check_sync_setting, other_spelling};
use crate::config::taskrc::Places;
use crate::config::{SyncChange, SyncSettings, SyncWritten, Taskrc, WriteMode, write_sync};
use crate::replica::Replica;
use crate::sync::{
    AddVersionResult, Cryptor, GetVersionResult, HttpOptions, HttpServer, LocalServer, Server,
    ServerError, SnapshotUrgency, SyncError, SyncReport, redact_url,
};

/// Sync once and say what happened.
///
/// With recurrence on (`options.recurrence`), what the sync brought is seen to as the
/// interface sees to it: twins of instances it brought are joined and the templates given
/// what they are owed, in one step. The hook scripts named in `hooks.sync` run on the
/// changes it brought, and what they change is a step of its own. Such steps are sent at
/// once by a second sync.
pub(super) fn sync_once(
    replica: &mut Replica,
    places: &Places,
    options: &crate::app::Options,
) -> Result<()> {
    // A server that cannot even be opened is a failed sync too.
    let result = configured_server(places)
        .and_then(|mut server| sync_with(replica, server.as_mut(), options));
    // Where the sync stands, for `tcui status`.
    if let Some(dir) = replica.path().parent() {
        use crate::app::status::{LAST_SYNC_FILE, LastSync};
        let path = dir.join(LAST_SYNC_FILE);
        let last = match &result {
            Ok(()) => LastSync {
                at: Some(Utc::now()),
                error: None,
            },
            Err(e) => LastSync {
                at: LastSync::read(&path).at,
                error: Some(format!("{e:#}")),
            },
        };
        let _ = last.write(&path);
    }
    result
}

/// [`sync_once`] with the server.
fn sync_with(
    replica: &mut Replica,
    server: &mut dyn Server,
    options: &crate::app::Options,
) -> Result<()> {
    let hooks = options.hooks.as_ref().and_then(|h| h.for_sync());
    for warning in options
        .warnings
        .iter()
        .filter(|w| w.starts_with("hooks.sync"))
    {
        eprintln!("{warning}");
    }
    let syncer = || crate::app::hooks::syncer_for(hooks.as_ref());
    match syncer().sync(replica, server) {
        Ok(report) => {
            println!("{}", describe(&report));
            let mut again = false;
            if let Some(hooks) = &hooks {
                again |= run_hooks(replica, hooks, &report)?;
            }
            if let Some(label) =
                super::transfer::see_to_recurrence(replica, options.recurrence, &report.changed)?
            {
                println!("{label}");
                again = true;
            }
            if again {
                let report = syncer().sync(replica, server)?;
                println!("{}", describe(&report));
                // What came meanwhile is run on too; what the scripts change of it goes out
                // with the next sync.
                if let Some(hooks) = &hooks {
                    run_hooks(replica, hooks, &report)?;
                }
            }
            Ok(())
        }
        Err(e @ SyncError::Gone { .. }) => {
            let n = replica.num_local_operations()?;
            bail!(
                "{e}. Run `tcui sync --start-over`: it saves a copy of this replica and the {n} \
                 changes not yet synced, then rebuilds this replica from the server's data"
            )
        }
        Err(e) => Err(e.into()),
    }
}

/// Run the hook scripts that see synced changes on what `report`'s sync brought, print
/// what they said (on standard error, as hook feedback is printed) and commit what they
/// changed: whether they changed anything.
fn run_hooks(
    replica: &mut Replica,
    hooks: &crate::app::hooks::Hooks,
    report: &SyncReport,
) -> Result<bool> {
    let mut synced = crate::app::hooks::after_sync(hooks, report, replica, Utc::now())?;
    synced.said.iter().for_each(|l| eprintln!("{l}"));
    synced.failures.iter().for_each(|l| eprintln!("{l}"));
    let Some(ops) = synced.step() else {
        return Ok(false);
    };
    replica.commit_operations(ops)?;
    println!("{}", crate::app::sync_task::SYNCED_HOOKS);
    Ok(true)
}

/// What `tcui config sync` was asked (no `Debug`: the settings may hold the secret).
#[derive(Default)]
pub(super) struct ConfigSync {
    pub check: bool,
    pub json: bool,
    /// Replace the section with a JSON object from this file (`-`: standard input).
    pub from: Option<PathBuf>,
    /// `KEY=VALUE` replaces the section instead of merging into it.
    pub replace: bool,
    /// Read the encryption secret from the terminal, unseen.
    pub ask_secret: bool,
    pub settings: Vec<String>,
}

/// `tcui config sync`: show (as text or JSON), check, or change the sync settings.
pub(super) fn config_sync(places: &Places, args: ConfigSync) -> Result<()> {
    let mut change = match &args.from {
        Some(file) => Some(SyncChange {
            mode: WriteMode::Replace,
            values: settings_from_json(file)?,
        }),
        None if !args.settings.is_empty() => Some(SyncChange {
            mode: if args.replace {
                WriteMode::Replace
            } else {
                WriteMode::Merge
            },
            values: settings_from_args(&args.settings)?,
        }),
        None => None,
    };
    let home = places.home.as_deref();
    let path = places
        .find()
        .or_else(|| places.home.as_ref().map(|h| h.join(".taskrc")));
    if args.ask_secret {
        // Everything else is checked first, so a secret is never typed for nothing.
        for (key, value) in change.iter().flat_map(|c| &c.values) {
            check_sync_setting(key, value.as_deref().unwrap_or(""))?;
        }
        if let Some(path) = path.as_ref().filter(|p| p.exists()) {
            Taskrc::read(path, home)?;
        }
        let secret = super::prompt::ask_secret("sync.encryption_secret")?;
        change
            .get_or_insert_with(|| SyncChange {
                mode: WriteMode::Merge,
                values: BTreeMap::new(),
            })
            .values
            .insert(
                "sync.encryption_secret".into(),
                Some(secret.expose().to_string()),
            );
    }
    if let Some(change) = change {
        let path = path.ok_or_else(|| anyhow!("cannot tell where the taskrc goes; set TASKRC"))?;
        let written = write_sync(&path, home, &change, Utc::now())?;
        print!("{}", describe_written(&written));
    }
    if args.json {
        let values = match places.find() {
            Some(path) => masked_sync_values(&places.read(&path)?),
            None => Vec::new(),
        };
        let object: serde_json::Map<String, serde_json::Value> =
            values.into_iter().map(|(k, v)| (k, v.into())).collect();
        println!("{}", serde_json::to_string_pretty(&object)?);
    } else {
        print!("{}", show_sync_settings(places)?);
    }
    if args.check {
        let mut server = configured_server(places)?;
        println!("{}", check_server(server.as_mut())?);
    }
    Ok(())
}

/// What a write did, in a few lines: keys by name only, never a value.
fn describe_written(written: &SyncWritten) -> String {
    let path = written.path.display();
    if !written.written {
        return format!("{path} already says that; nothing was written\n");
    }
    let mut out = format!("wrote the sync settings to {path}\n");
    if !written.set.is_empty() {
        out.push_str(&format!("set {}\n", written.set.join(", ")));
    }
    let removed: Vec<String> = written
        .removed
        .iter()
        .map(|key| match other_spelling(key) {
            Some(other) if written.set.iter().any(|k| k == other) => {
                format!("{key} ({other} replaces it)")
            }
            _ => key.clone(),
        })
        .collect();
    if removed.is_empty() {
        out.push_str("removed nothing\n");
    } else {
        out.push_str(&format!("removed {}\n", removed.join(", ")));
    }
    if let Some(backup) = &written.backup {
        let backup = backup.display();
        out.push_str(&format!(
            "the settings before are saved in {backup} (`tcui config sync --from {backup}` \
             puts them back)\n"
        ));
    }
    out
}

/// `KEY=VALUE` arguments; `sync.` may be left out; an empty value removes the key.
fn settings_from_args(args: &[String]) -> Result<BTreeMap<String, Option<String>>> {
    let mut out = BTreeMap::new();
    for arg in args {
        let Some((key, value)) = arg.split_once('=') else {
            bail!(
                "{arg:?} is not KEY=VALUE (for example sync.server.url=https://tasks.example.com)"
            );
        };
        let value = Some(value.trim().to_string()).filter(|v| !v.is_empty());
        out.insert(full_key(key.trim()), value);
    }
    Ok(out)
}

/// A JSON object of settings; a null value removes the key.
fn settings_from_json(file: &Path) -> Result<BTreeMap<String, Option<String>>> {
    let mut text = String::new();
    if file == Path::new("-") {
        std::io::stdin()
            .read_to_string(&mut text)
            .context("cannot read the settings from standard input")?;
    } else {
        text = std::fs::read_to_string(file)
            .with_context(|| format!("cannot read the settings from {}", file.display()))?;
    }
    let object: BTreeMap<String, Option<String>> = serde_json::from_str(&text).map_err(|e| {
        anyhow!(
            "the settings are not a JSON object of strings or nulls ({e}); for example \
             {{\"sync.server.url\": \"https://tasks.example.com\", \"sync.local.server_dir\": null}}"
        )
    })?;
    Ok(object.into_iter().map(|(k, v)| (full_key(&k), v)).collect())
}

fn full_key(key: &str) -> String {
    if key.starts_with("sync.") {
        key.to_string()
    } else {
        format!("sync.{key}")
    }
}

/// The taskrc's `sync.*` values, secrets and any password in an address masked.
fn masked_sync_values(rc: &Taskrc) -> Vec<(String, String)> {
    rc.values
        .iter()
        .filter(|(k, _)| k.starts_with("sync."))
        .map(|(key, value)| {
            let shown = if is_secret_key(key) && !value.is_empty() {
                MASK.to_string()
            } else {
                redact_url(value)
            };
            (key.clone(), shown)
        })
        .collect()
}

/// The taskrc's sync settings as they are now (`None` if it cannot be read).
pub(super) fn sync_values(places: &Places) -> Option<Vec<(String, String)>> {
    let rc = places.read(&places.find()?).ok()?;
    let mut values: Vec<(String, String)> = rc
        .values
        .into_iter()
        .filter(|(k, _)| k.starts_with("sync."))
        .collect();
    values.sort();
    Some(values)
}

/// A server made from the taskrc's sync settings `settings`, which knows when they change.
struct FromSettings {
    server: Box<dyn Server + Send>,
    places: Places,
    settings: Option<Vec<(String, String)>>,
}

/// `server`, made from `settings`, outdated once the taskrc's sync settings differ.
pub(super) fn from_settings(
    server: Box<dyn Server + Send>,
    places: Places,
    settings: Option<Vec<(String, String)>>,
) -> Box<dyn Server + Send> {
    Box::new(FromSettings {
        server,
        places,
        settings,
    })
}

impl Server for FromSettings {
    fn add_version(
        &mut self,
        parent: Uuid,
        segment: Vec<u8>,
    ) -> Result<(AddVersionResult, SnapshotUrgency), ServerError> {
        self.server.add_version(parent, segment)
    }
    fn get_child_version(&mut self, parent: Uuid) -> Result<GetVersionResult, ServerError> {
        self.server.get_child_version(parent)
    }
    fn add_snapshot(&mut self, version: Uuid, snapshot: Vec<u8>) -> Result<(), ServerError> {
        self.server.add_snapshot(version, snapshot)
    }
    fn get_snapshot(&mut self) -> Result<Option<(Uuid, Vec<u8>)>, ServerError> {
        self.server.get_snapshot()
    }
    fn folder(&self) -> Option<&Path> {
        self.server.folder()
    }
    fn is_empty(&mut self) -> Result<bool, ServerError> {
        self.server.is_empty()
    }
    fn outdated(&mut self) -> bool {
        // A taskrc that cannot be read now changes nothing until it can.
        match sync_values(&self.places) {
            Some(now) => self.settings.as_ref() != Some(&now),
            None => false,
        }
    }
}

/// The sync settings screen's reading, checking and writing, on the taskrc.
pub(super) struct TaskrcSetup {
    places: Places,
}

impl TaskrcSetup {
    /// The taskrc `places` names.
    pub(super) fn new(places: Places) -> TaskrcSetup {
        TaskrcSetup { places }
    }

    fn taskrc_path(&self) -> Option<PathBuf> {
        let places = &self.places;
        places
            .find()
            .or_else(|| places.home.as_ref().map(|h| h.join(".taskrc")))
    }
}

impl crate::app::setup::SyncSetup for TaskrcSetup {
    /// The sync keys in force; a value under an older spelling is shown under the newer one,
    /// which is what the screen's fields are named.
    fn current(&self) -> Vec<(String, String)> {
        let places = &self.places;
        let mut values: BTreeMap<String, String> = places
            .find()
            .and_then(|p| places.read(&p).ok())
            .map(|rc| {
                rc.values
                    .into_iter()
                    .filter(|(k, v)| k.starts_with("sync.") && !v.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        for [newer, older] in SPELLINGS {
            if let Some(value) = values.get(older).filter(|_| !values.contains_key(newer)) {
                values.insert(newer.to_string(), value.clone());
            }
        }
        values.into_iter().collect()
    }

    /// Check the settings as they will be once saved: the screen's fields merged into the rest.
    fn check(&self, settings: &[(String, String)]) -> Result<String, String> {
        let home = self.places.home.as_deref();
        let mut values: BTreeMap<String, String> = self.current().into_iter().collect();
        for (key, value) in settings {
            values.remove(key);
            if let Some(other) = other_spelling(key) {
                values.remove(other);
            }
            if !value.is_empty() {
                values.insert(key.clone(), value.clone());
            }
        }
        let mut rc = Taskrc {
            path: self.taskrc_path().unwrap_or_default(),
            values,
            missing_includes: Vec::new(),
        };
        if rc.sync(home) == SyncSettings::NotConfigured {
            return Ok("sync will be off".into());
        }
        let mut server = server_for(&mut rc, home, &mut |_| {}).map_err(|e| format!("{e:#}"))?;
        check_server(server.as_mut())
            .map(|said| said.trim_start_matches("check: ").to_string())
            .map_err(|e| format!("{e:#}"))
    }

    /// Merge the screen's fields into the taskrc (an empty field removes its key); say what
    /// was removed and where the settings before are kept.
    fn save(&self, settings: &[(String, String)]) -> Result<String, String> {
        let path = self
            .taskrc_path()
            .ok_or("cannot tell where the taskrc goes; set TASKRC")?;
        let change = SyncChange {
            mode: WriteMode::Merge,
            values: settings
                .iter()
                .map(|(k, v)| (k.clone(), Some(v.clone()).filter(|v| !v.is_empty())))
                .collect(),
        };
        let written = write_sync(&path, self.places.home.as_deref(), &change, Utc::now())
            .map_err(|e| e.to_string())?;
        Ok(describe_written(&written)
            .lines()
            .filter(|l| !l.starts_with("set ") && *l != "removed nothing")
            .collect::<Vec<_>>()
            .join("; "))
    }
}

/// The taskrc's `sync.*` keys, the secret masked, and which kind of sync they select.
pub fn show_sync_settings(places: &Places) -> Result<String> {
    let Some(path) = places.find() else {
        return Ok("no taskrc found (looked at $TASKRC, ~/.taskrc and ~/.config/task/taskrc): sync is not configured\n".into());
    };
    let home = places.home.as_deref();
    let rc = places.read(&path)?;
    let mut out = format!("taskrc    {}\n", path.display());
    for (key, shown) in masked_sync_values(&rc) {
        out.push_str(&format!("{key}={shown}\n"));
    }
    let mode = match rc.sync(home) {
        SyncSettings::NotConfigured => "sync is not configured".to_string(),
        SyncSettings::Folder(dir) => format!("syncs with the folder {}", dir.display()),
        SyncSettings::Server { url, .. } => {
            format!("syncs with the server {}", redact_url(&url))
        }
        SyncSettings::Aws(aws) => match super::cloud::aws_endpoint(aws.endpoint_url.as_deref()) {
            Some(url) => format!(
                "syncs with the bucket {} at {}",
                aws.bucket,
                redact_url(&url)
            ),
            None => format!("syncs with the S3 bucket {}", aws.bucket),
        },
        SyncSettings::Gcp {
            bucket,
            credential_path,
            ..
        } => match super::cloud::gcs_emulator() {
            Some(url) => format!(
                "syncs with the bucket {bucket} on the emulator at {} (STORAGE_EMULATOR_HOST){}",
                redact_url(&url),
                if credential_path.is_some() {
                    ", unsigned: sync.gcp.credential_path is not used"
                } else {
                    ""
                }
            ),
            None => format!("syncs with the Google Cloud Storage bucket {bucket}"),
        },
        SyncSettings::Unsupported(kind) => {
            format!("asks for {kind}, which tcui does not support yet")
        }
    };
    out.push_str(&format!("=> {mode}\n"));
    Ok(out)
}

/// Ask the server for something that changes nothing, and open it if there is data.
pub fn check_server(server: &mut dyn Server) -> Result<String> {
    if server.get_snapshot()?.is_some() {
        return Ok("check: the server answers, and its snapshot opens with this secret".into());
    }
    match server.get_child_version(Uuid::nil())? {
        crate::sync::GetVersionResult::Version { .. } => {
            Ok("check: reachable, and its data can be read".into())
        }
        crate::sync::GetVersionResult::NoSuchVersion => {
            Ok("check: reachable; it holds no data yet".into())
        }
        crate::sync::GetVersionResult::Gone => Ok(
            "check: reachable, but its history cannot be followed from the start and it has \
             no snapshot, so no replica can join it; ask its operator"
                .into(),
        ),
    }
}

/// The sync server the taskrc names, ready to use.
pub fn configured_server(places: &Places) -> Result<Box<dyn Server + Send>> {
    configured_server_with(places, &mut |notice| eprintln!("tcui: {notice}"))
}

/// Whether the taskrc sets up sync at all; if not, what to do about it.
pub(super) fn sync_setup_missing(places: &Places) -> Option<String> {
    let Some(path) = places.find() else {
        return Some(
            "sync is not configured: no taskrc found; `tcui config sync` sets it up".into(),
        );
    };
    if !path.exists() {
        return Some(format!(
            "sync is not configured: TASKRC names {}, which does not exist; `tcui config \
             sync` creates it",
            path.display()
        ));
    }
    match places.read(&path).map(|rc| rc.sync(places.home.as_deref())) {
        Ok(SyncSettings::NotConfigured) => Some(format!(
            "sync is not configured in {}; `tcui config sync` sets it up",
            path.display()
        )),
        _ => None,
    }
}

/// The server the taskrc names; notices (a client id written back) go to `notice`.
pub(super) fn configured_server_with(
    places: &Places,
    notice: &mut dyn FnMut(String),
) -> Result<Box<dyn Server + Send>> {
    let Some(path) = places.find() else {
        bail!(
            "sync is not configured: no taskrc found (looked at $TASKRC, ~/.taskrc and \
             ~/.config/task/taskrc); set sync.server.url, sync.server.client_id and \
             sync.encryption_secret, or sync.local.server_dir, there"
        );
    };
    let home = places.home.as_deref();
    let mut rc = places.read(&path)?;
    server_for(&mut rc, home, notice)
}

/// The server `rc`'s sync settings name. A missing client id is generated and written back
/// to `rc`'s file; `notice` hears of it.
pub(super) fn server_for(
    rc: &mut Taskrc,
    home: Option<&std::path::Path>,
    notice: &mut dyn FnMut(String),
) -> Result<Box<dyn Server + Send>> {
    let path = rc.path.clone();
    match rc.sync(home) {
        SyncSettings::NotConfigured => bail!(
            "sync is not configured in {}: set sync.server.url, sync.server.client_id and \
             sync.encryption_secret, or sync.local.server_dir",
            path.display()
        ),
        SyncSettings::Unsupported(kind) => bail!(
            "{} asks for sync with {kind}, which tcui does not support yet; use a \
             taskchampion-sync-server (sync.server.url) or a shared folder \
             (sync.local.server_dir)",
            path.display()
        ),
        SyncSettings::Folder(dir) => Ok(Box::new(LocalServer::open(&dir)?)),
        SyncSettings::Aws(aws) => super::cloud::aws_server(aws, home, &path),
        SyncSettings::Gcp {
            bucket,
            credential_path,
            secret,
        } => super::cloud::gcp_server(&bucket, credential_path.as_deref(), secret, &path),
        SyncSettings::Server {
            url,
            client_id,
            secret,
        } => {
            let Some(secret) = secret else {
                bail!(
                    "sync.encryption_secret is not set in {}; set it to the secret your other replicas use",
                    path.display()
                );
            };
            let client_id = match client_id {
                Some(text) => Uuid::parse_str(&text).map_err(|_| {
                    anyhow!("sync.server.client_id in {} is {text:?}, not a UUID; set it to the client id your other replicas use", path.display())
                })?,
                None => {
                    let id = Uuid::new_v4();
                    rc.write_client_id(id)?;
                    notice(format!("no sync.server.client_id was set; wrote a new one ({id}) to {}", path.display()));
                    id
                }
            };
            // Messages name the setting the user wrote (the older name is still read).
            let url_key = if rc.get("sync.server.url").is_some() {
                "sync.server.url"
            } else {
                "sync.server.origin"
            };
            let secret_key = if rc.get("sync.encryption_secret").is_some() {
                "sync.encryption_secret"
            } else {
                "sync.encryption.secret"
            };
            let options = HttpOptions {
                url_key: url_key.into(),
                secret_key: secret_key.into(),
                ..HttpOptions::default()
            };
            let cryptor = Cryptor::cached(client_id.as_bytes(), secret.expose().as_bytes());
            Ok(Box::new(HttpServer::with_options(
                &url, client_id, cryptor, options,
            )?))
        }
    }
}

/// One line on what a sync did.
pub fn describe(report: &SyncReport) -> String {
    let mut parts = Vec::new();
    if let Some(n) = report.seeded_tasks {
        parts.push(format!(
            "the server was new and empty, so all {n} tasks were sent to it"
        ));
    }
    if report.started_from_snapshot {
        parts.push("started from the server's snapshot".to_string());
    }
    let counted = |n: usize, thing: &str| format!("{n} {thing}{}", if n == 1 { "" } else { "s" });
    parts.push(format!(
        "pulled {} in {}",
        counted(report.operations_pulled, "change"),
        counted(report.versions_pulled, "version")
    ));
    parts.push(format!(
        "pushed {} in {}",
        counted(report.operations_pushed, "change"),
        counted(report.versions_pushed, "version")
    ));
    if report.snapshot_sent {
        parts.push("sent a snapshot".into());
    }
    if let Some(e) = &report.snapshot_error {
        parts.push(format!(
            "could not send the snapshot the server asked for ({e})"
        ));
    }
    format!("synced: {}", parts.join("; "))
}

#[cfg(test)]
#[path = "sync_setup_tests.rs"]
mod setup_tests;
