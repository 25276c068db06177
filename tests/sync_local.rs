//! A sync folder shared with the real `taskchampion` crate: what it pushes tcui reads, and
//! what tcui adds it pulls, through the very SQLite file Taskwarrior uses.

use chrono::{DateTime, Utc};
use tcui::sync::{AddVersionResult, GetVersionResult, HistorySegment, LocalServer, SyncOp};
use tcui::task::{Operations, TaskData};
use tempfile::TempDir;
use uuid::Uuid;

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
}

async fn tc_replica() -> taskchampion::Replica<taskchampion::storage::inmemory::InMemoryStorage> {
    taskchampion::Replica::new(taskchampion::storage::inmemory::InMemoryStorage::new())
}

#[test]
fn tcui_reads_what_taskchampion_pushed() {
    let dir = TempDir::new().unwrap();
    let rt = rt();
    let uuid = Uuid::new_v4();
    rt.block_on(async {
        let mut rep = tc_replica().await;
        let mut ops = taskchampion::Operations::new();
        let mut t = taskchampion::TaskData::create(uuid, &mut ops);
        t.update("status", Some("pending".into()), &mut ops);
        t.update("description", Some("from taskchampion".into()), &mut ops);
        rep.commit_operations(ops).await.unwrap();
        let mut server = taskchampion::ServerConfig::Local {
            server_dir: dir.path().to_path_buf(),
        }
        .into_server()
        .await
        .unwrap();
        rep.sync(&mut server, false).await.unwrap();
    });

    let mut ours = LocalServer::open(dir.path()).unwrap();
    let GetVersionResult::Version {
        history_segment, ..
    } = ours.get_child_version(Uuid::nil()).unwrap()
    else {
        panic!("taskchampion's version is missing");
    };
    let segment = HistorySegment::from_json(&history_segment).unwrap();
    assert_eq!(segment.operations[0], SyncOp::Create { uuid });
    let description = segment.operations.iter().find_map(|op| match op {
        SyncOp::Update {
            property, value, ..
        } if property == "description" => value.clone(),
        _ => None,
    });
    assert_eq!(description.as_deref(), Some("from taskchampion"));
}

#[test]
fn taskchampion_pulls_what_tcui_added() {
    let dir = TempDir::new().unwrap();
    let uuid = Uuid::new_v4();
    let ts: DateTime<Utc> = DateTime::from_timestamp(1_800_000_000, 123_456_789).unwrap();
    let mut ops = Operations::new();
    let mut t = TaskData::create(uuid, &mut ops);
    t.update_at("status", Some("pending".into()), ts, &mut ops);
    t.update_at("description", Some("from tcui".into()), ts, &mut ops);
    t.update_at("tag_home", Some("x".into()), ts, &mut ops);
    let segment = HistorySegment {
        operations: ops.iter().filter_map(SyncOp::from_operation).collect(),
    };
    let mut ours = LocalServer::open(dir.path()).unwrap();
    let (AddVersionResult::Ok(_), _) = ours.add_version(Uuid::nil(), &segment.to_json()).unwrap()
    else {
        panic!("the empty folder refused the first version");
    };

    let theirs = rt().block_on(async {
        let mut rep = tc_replica().await;
        let mut server = taskchampion::ServerConfig::Local {
            server_dir: dir.path().to_path_buf(),
        }
        .into_server()
        .await
        .unwrap();
        rep.sync(&mut server, false).await.unwrap();
        rep.get_task_data(uuid).await.unwrap().unwrap()
    });
    let theirs: std::collections::BTreeMap<String, String> =
        theirs.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    assert_eq!(theirs, t.to_map());
}
