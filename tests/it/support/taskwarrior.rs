//! Taskwarrior 3 data for import tests: a realistic set of tasks as Taskwarrior stores them,
//! written in the older SQLite layout by plain SQL (as Taskwarrior 3.0-3.2 leave it) or in
//! the current one by the `taskchampion` crate.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use uuid::Uuid;

pub type Map = BTreeMap<String, String>;

/// The schema of TaskChampion 0.x, which Taskwarrior 3.0-3.2 ship.
pub const OLDER_SCHEMA: &str = "
CREATE TABLE operations (id INTEGER PRIMARY KEY AUTOINCREMENT, data STRING);
CREATE TABLE sync_meta (key STRING PRIMARY KEY, value STRING);
CREATE TABLE tasks (uuid STRING PRIMARY KEY, data STRING);
CREATE TABLE working_set (id INTEGER PRIMARY KEY, uuid STRING);
";

pub fn uuid(n: u8) -> Uuid {
    Uuid::parse_str(&format!("7a3e1c2d-0b4f-4c8e-9d1a-0000000000{n:02x}")).unwrap()
}

fn map(pairs: &[(&str, &str)]) -> Map {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// Tasks with tags, annotations, a dependency, UDAs, a waiting one, a completed and a
/// deleted one, and a recurring template with its child; the first five have IDs 1-5.
pub fn sample() -> Vec<(Uuid, Map)> {
    let dep = format!("dep_{}", uuid(2));
    vec![
        (
            uuid(1),
            map(&[
                ("description", "Plant the tomatoes"),
                ("status", "pending"),
                ("entry", "1714550400"),
                ("modified", "1714640400"),
                ("due", "1716224400"),
                ("project", "Home.Garden"),
                ("priority", "H"),
                ("tag_garden", "x"),
                ("tag_next", "x"),
                ("tags", "garden,next"),
                ("annotation_1714550700", "buy soil first"),
                (&dep, "x"),
                ("depends", &uuid(2).to_string()),
            ]),
        ),
        (
            uuid(2),
            map(&[
                ("description", "Buy soil"),
                ("status", "pending"),
                ("entry", "1714550500"),
                ("modified", "1714550500"),
                ("project", "Home.Garden"),
                ("estimate", "2"),
            ]),
        ),
        (
            uuid(3),
            map(&[
                ("description", "Renew the passport"),
                ("status", "pending"),
                ("entry", "1714550600"),
                ("modified", "1714550600"),
                ("wait", "4102444800"),
                ("due", "4105123200"),
                ("size", "L"),
                ("tag_admin", "x"),
                ("tags", "admin"),
            ]),
        ),
        (
            uuid(4),
            map(&[
                ("description", "Water the plants"),
                ("status", "recurring"),
                ("entry", "1714550700"),
                ("modified", "1714550700"),
                ("due", "1714636800"),
                ("recur", "weekly"),
                ("rtype", "periodic"),
                ("mask", "-"),
            ]),
        ),
        (
            uuid(5),
            map(&[
                ("description", "Water the plants"),
                ("status", "pending"),
                ("entry", "1714550701"),
                ("modified", "1714550701"),
                ("due", "1714636800"),
                ("recur", "weekly"),
                ("rtype", "periodic"),
                ("parent", &uuid(4).to_string()),
                ("imask", "0"),
            ]),
        ),
        (
            uuid(6),
            map(&[
                ("description", "File the taxes"),
                ("status", "completed"),
                ("entry", "1711929600"),
                ("modified", "1713000000"),
                ("end", "1713000000"),
                ("annotation_1712000000", "sent by post"),
                ("annotation_1712000001", "receipt in the drawer"),
            ]),
        ),
        (
            uuid(7),
            map(&[
                ("description", "Call the plumber"),
                ("status", "deleted"),
                ("entry", "1711929700"),
                ("modified", "1712100000"),
                ("end", "1712100000"),
            ]),
        ),
    ]
}

/// `dir/taskchampion.sqlite3` in the older layout, as Taskwarrior 3.1.0 writes it, with
/// the given working set (index 1 first) and a synced base version.
pub fn write_older_layout(dir: &Path, tasks: &[(Uuid, Map)], working_set: &[Uuid]) -> PathBuf {
    let path = dir.join("taskchampion.sqlite3");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(OLDER_SCHEMA).unwrap();
    for (uuid, map) in tasks {
        conn.execute(
            "INSERT INTO tasks (uuid, data) VALUES (?1, ?2)",
            (uuid.to_string(), serde_json::to_string(map).unwrap()),
        )
        .unwrap();
        conn.execute(
            "INSERT INTO operations (data) VALUES (?1)",
            (format!("{{\"Create\":{{\"uuid\":\"{uuid}\"}}}}"),),
        )
        .unwrap();
    }
    for (i, uuid) in working_set.iter().enumerate() {
        conn.execute(
            "INSERT INTO working_set (id, uuid) VALUES (?1, ?2)",
            (i as i64 + 1, uuid.to_string()),
        )
        .unwrap();
    }
    conn.execute(
        "INSERT INTO sync_meta (key, value) VALUES ('base_version', ?1)",
        (Uuid::nil().to_string(),),
    )
    .unwrap();
    drop(conn);
    path
}

/// `dir/taskchampion.sqlite3` in the current layout, written by the `taskchampion` crate;
/// tasks join its working set in the order given. Closed before returning.
pub fn write_current_layout(dir: &Path, tasks: &[(Uuid, Map)]) -> PathBuf {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let storage = rt
        .block_on(taskchampion::SqliteStorage::new(
            dir,
            taskchampion::storage::AccessMode::ReadWrite,
            true,
        ))
        .unwrap();
    let mut rep = taskchampion::Replica::new(storage);
    fill(&rt, &mut rep, tasks);
    drop(rep);
    dir.join("taskchampion.sqlite3")
}

/// Write `tasks` into a `taskchampion` replica, one commit, properties then status.
pub fn fill<S: taskchampion::storage::Storage>(
    rt: &tokio::runtime::Runtime,
    rep: &mut taskchampion::Replica<S>,
    tasks: &[(Uuid, Map)],
) {
    let mut ops = taskchampion::Operations::new();
    ops.push(taskchampion::Operation::UndoPoint);
    for (uuid, map) in tasks {
        let mut t = taskchampion::TaskData::create(*uuid, &mut ops);
        for (k, v) in map.iter().filter(|(k, _)| *k != "status") {
            t.update(k, Some(v.clone()), &mut ops);
        }
        t.update("status", map.get("status").cloned(), &mut ops);
    }
    rt.block_on(rep.commit_operations(ops)).unwrap();
}

/// Every file in `dir` with its bytes and modification time.
pub fn snapshot(dir: &Path) -> BTreeMap<String, (Vec<u8>, std::time::SystemTime)> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let meta = e.metadata().unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                (std::fs::read(e.path()).unwrap(), meta.modified().unwrap()),
            )
        })
        .collect()
}
