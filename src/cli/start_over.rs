//! Starting over from the server's data: a server that holds nothing is refused, and a
//! complete copy of the replica and its unsynced changes are saved (private files, new
//! names) before anything is replaced.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use chrono::Utc;
use uuid::Uuid;

use super::sync::{configured_server, describe};
use crate::config::taskrc::Places;
use crate::replica::Replica;
use crate::sync::Syncer;
use crate::task::{Operation, Task};
use crate::transfer::json::{self, UdaTypes};

/// Rebuild the replica from the server's data, after saving a complete copy of it and its
/// unsynced changes. A server that holds nothing is refused before anything is saved or
/// changed.
pub(super) fn start_over(replica: &mut Replica, places: &Places, data_dir: &Path) -> Result<()> {
    let mut server = configured_server(places)?;
    let start = Syncer::fetch_start(server.as_mut())?;
    let copy = save_replica_copy(replica)?;
    let tasks = replica.all_task_uuids()?.len();
    let go_back = format!(
        "to go back to it, quit every tcui and move {} to {}",
        copy.display(),
        replica.path().display()
    );
    println!(
        "saved a copy of this replica as it was ({tasks} {}) to {}; {go_back}",
        if tasks == 1 { "task" } else { "tasks" },
        copy.display()
    );
    let ops: Vec<Operation> = replica
        .unsynced_operations()?
        .into_iter()
        .filter(|op| op.uuid().is_some())
        .collect();
    if !ops.is_empty() {
        let uda_types = super::transfer::uda_types(super::transfer::read_taskrc(places)?.as_ref());
        let saved = save_unsynced(replica, &ops, data_dir, &uda_types)?;
        let tasks = if saved.tasks == 1 { "task" } else { "tasks" };
        println!(
            "saved {} unsynced changes to {} {tasks} in {}",
            ops.len(),
            saved.tasks,
            saved.changes.display()
        );
        if let Some((export, n)) = &saved.export {
            let those = if *n == 1 {
                "that task back as it was"
            } else {
                "those tasks back as they were"
            };
            println!("`tcui import {}` brings {those} here", export.display());
        }
    }
    let report = Syncer::new(false)
        .start_over_from(replica, server.as_mut(), start)
        .with_context(|| {
            format!("starting over did not finish; run `tcui sync` to complete it, or, {go_back}")
        })?;
    println!("started over: {}", describe(&report));
    Ok(())
}

/// A new file only this user can read, at a name nothing else holds (never following a link
/// planted there).
fn create_private(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// Copy the replica file, as it is, to a new private file beside it, flushed to disk.
/// Nothing writes to the replica meanwhile: this process holds it, and its lock keeps others
/// out. Returns the copy's path.
fn save_replica_copy(replica: &Replica) -> Result<PathBuf> {
    let original = replica.path();
    let dir = original.parent().unwrap_or(Path::new("."));
    let stem = original
        .file_stem()
        .map_or_else(|| "replica".into(), |s| s.to_string_lossy());
    let stamp = Utc::now().format("%Y%m%dT%H%M%SZ");
    let copy = |path: &Path| -> std::io::Result<()> {
        use std::io::Write;
        let mut from = std::fs::File::open(original)?;
        let mut to = create_private(path)?;
        std::io::copy(&mut from, &mut to)?;
        to.flush()?;
        to.sync_all()?;
        // The new name itself must survive a crash too.
        std::fs::File::open(dir)?.sync_all()
    };
    for n in 1..100 {
        let suffix = if n == 1 {
            String::new()
        } else {
            format!("-{n}")
        };
        let path = dir.join(format!("{stem}-before-start-over-{stamp}{suffix}.redb"));
        match copy(&path) {
            Ok(()) => return Ok(path),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => {
                let _ = std::fs::remove_file(&path);
                return Err(e).with_context(|| {
                    format!(
                        "cannot save a copy of the replica to {}; nothing was changed",
                        path.display()
                    )
                });
            }
        }
    }
    bail!(
        "cannot find a free name for a copy of the replica in {}; nothing was changed",
        dir.display()
    )
}

/// Where the unsynced changes went.
struct Saved {
    /// The operations and the tasks they touch, as stored.
    changes: PathBuf,
    /// The tasks still here that the changes touch, as `task export` writes them, and how
    /// many (none if the changes only removed tasks).
    export: Option<(PathBuf, usize)>,
    /// How many tasks the changes touch.
    tasks: usize,
}

/// Write `ops` and the tasks they touch, as they are here, to a new JSON file in `dir`, and the
/// tasks alone as export JSON `tcui import` reads back.
fn save_unsynced(
    replica: &Replica,
    ops: &[Operation],
    dir: &Path,
    uda_types: &UdaTypes,
) -> Result<Saved> {
    let mut uuids: Vec<Uuid> = ops.iter().filter_map(Operation::uuid).collect();
    uuids.sort_unstable();
    uuids.dedup();
    let mut tasks = Vec::new();
    let mut exported = Vec::new();
    for uuid in &uuids {
        if let Some(task) = replica.get_task_data(*uuid)? {
            let mut object = serde_json::Map::new();
            object.insert("uuid".into(), uuid.to_string().into());
            for (k, v) in task.iter() {
                object.insert(k.into(), v.into());
            }
            tasks.push(serde_json::Value::Object(object));
            exported.push(json::export_task(&Task::new(task), 0, 0.0, uda_types));
        }
    }
    let now = Utc::now();
    let stamp = now.format("%Y%m%dT%H%M%SZ");
    let doc = serde_json::json!({
        "saved_at": now.to_rfc3339(),
        "replica": replica.path().display().to_string(),
        "why": "the sync server no longer had this replica's history; these changes had not reached it",
        "tasks": tasks,
        "operations": ops,
    });
    let changes = dir.join(format!("unsynced-{stamp}.json"));
    write_private(
        &changes,
        &serde_json::to_string_pretty(&doc)?,
        "the unsynced changes",
    )?;
    let export = if exported.is_empty() {
        None
    } else {
        let path = dir.join(format!("unsynced-tasks-{stamp}.json"));
        let n = exported.len();
        let text = json::export_document(exported);
        write_private(&path, &text, "the unsynced tasks")?;
        Some((path, n))
    };
    Ok(Saved {
        changes,
        export,
        tasks: uuids.len(),
    })
}

/// Write `text` to a new private file at `path`, flushed to disk; `what` names it in an error.
fn write_private(path: &Path, text: &str, what: &str) -> Result<()> {
    let write = || -> std::io::Result<()> {
        use std::io::Write;
        let mut file = create_private(path)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()
    };
    write().with_context(|| {
        format!(
            "cannot save {what} to {}; nothing was changed",
            path.display()
        )
    })
}
