//! Random concurrent edits on several replicas, tcui's and the real `taskchampion` crate's,
//! syncing in random order through one shared folder, or through one HTTP sync server (with
//! encryption and snapshots): once everyone has synced twice, all hold the same tasks.
//!
//! Edits touch only tasks the replica has, and new tasks get new UUIDs: TaskChampion's
//! transform does not converge when one UUID is deleted and created again (replicas of
//! `taskchampion` alone diverge there too), and real replicas never reuse a UUID.

use std::collections::BTreeMap;

mod support;

use proptest::prelude::*;
use support::http_server::TestServer;
use tcui::replica::Replica;
use tcui::sync::{HttpServer, LocalServer, Server, sync};
use tcui::task::{Operation, TaskData};
use tempfile::TempDir;
use uuid::Uuid;

type Tasks = BTreeMap<Uuid, BTreeMap<String, String>>;

const POOL: u128 = 4;

#[derive(Debug, Clone)]
enum Edit {
    Set(u128, &'static str, Option<&'static str>),
    Delete(u128),
    /// A new task with a fresh UUID and this description.
    Create(&'static str),
}

#[derive(Debug, Clone)]
enum Step {
    Edit(usize, Vec<Edit>),
    Sync(usize),
}

fn arb_edit() -> impl Strategy<Value = Edit> {
    let prop = prop::sample::select(vec!["status", "description", "project", "tag_x"]);
    let value = proptest::option::of(prop::sample::select(vec!["pending", "a", "b", "completed"]));
    prop_oneof![
        6 => (0..POOL, prop, value).prop_map(|(u, p, v)| Edit::Set(u, p, v)),
        1 => (0..POOL).prop_map(Edit::Delete),
        1 => prop::sample::select(vec!["new", "another"]).prop_map(Edit::Create),
    ]
}

fn arb_steps(actors: usize) -> impl Strategy<Value = Vec<Step>> {
    prop::collection::vec(
        prop_oneof![
            3 => (0..actors, prop::collection::vec(arb_edit(), 1..4)).prop_map(|(a, e)| Step::Edit(a, e)),
            1 => (0..actors).prop_map(Step::Sync),
        ],
        1..25,
    )
}

enum Actor {
    Tcui {
        rep: Replica,
        server: Box<dyn Server>,
    },
    Tc {
        rep: taskchampion::Replica<taskchampion::storage::inmemory::InMemoryStorage>,
        server: Box<dyn taskchampion::Server>,
    },
}

fn uuid(n: u128) -> Uuid {
    Uuid::from_u128(0x1000 + n)
}

impl Actor {
    fn edit(&mut self, rt: &tokio::runtime::Runtime, edits: &[Edit]) {
        match self {
            Actor::Tcui { rep, .. } => {
                let mut ops = vec![Operation::UndoPoint];
                let mut held: BTreeMap<Uuid, Option<TaskData>> = BTreeMap::new();
                for e in edits {
                    let n = match e {
                        Edit::Create(d) => {
                            let mut t = TaskData::create(Uuid::new_v4(), &mut ops);
                            t.update("description", Some(d.to_string()), &mut ops);
                            continue;
                        }
                        Edit::Set(n, ..) | Edit::Delete(n) => *n,
                    };
                    let u = uuid(n);
                    let slot = held
                        .entry(u)
                        .or_insert_with(|| rep.get_task_data(u).unwrap());
                    let Some(t) = slot else { continue };
                    match e {
                        Edit::Set(_, p, v) => t.update(*p, v.map(str::to_owned), &mut ops),
                        _ => {
                            t.delete(&mut ops);
                            *slot = None;
                        }
                    }
                }
                rep.commit_operations(ops).unwrap();
            }
            Actor::Tc { rep, .. } => rt.block_on(async {
                let mut ops = taskchampion::Operations::new();
                let mut held: BTreeMap<Uuid, Option<taskchampion::TaskData>> = BTreeMap::new();
                for e in edits {
                    let n = match e {
                        Edit::Create(d) => {
                            let mut t = taskchampion::TaskData::create(Uuid::new_v4(), &mut ops);
                            t.update("description", Some(d.to_string()), &mut ops);
                            continue;
                        }
                        Edit::Set(n, ..) | Edit::Delete(n) => *n,
                    };
                    let u = uuid(n);
                    if let std::collections::btree_map::Entry::Vacant(slot) = held.entry(u) {
                        slot.insert(rep.get_task_data(u).await.unwrap());
                    }
                    let Some(Some(t)) = held.get_mut(&u) else {
                        continue;
                    };
                    match e {
                        Edit::Set(_, p, v) => t.update(*p, v.map(str::to_owned), &mut ops),
                        _ => {
                            t.delete(&mut ops);
                            held.insert(u, None);
                        }
                    }
                }
                rep.commit_operations(ops).await.unwrap();
            }),
        }
    }

    /// Create the pool's tasks.
    fn seed(&mut self, rt: &tokio::runtime::Runtime) {
        let Actor::Tcui { rep, .. } = self else {
            return rt.block_on(async {
                let Actor::Tc { rep, .. } = self else { return };
                let mut ops = taskchampion::Operations::new();
                for n in 0..POOL {
                    let mut t = taskchampion::TaskData::create(uuid(n), &mut ops);
                    t.update("status", Some("pending".into()), &mut ops);
                }
                rep.commit_operations(ops).await.unwrap();
            });
        };
        let mut ops = vec![Operation::UndoPoint];
        for n in 0..POOL {
            let mut t = TaskData::create(uuid(n), &mut ops);
            t.update("status", Some("pending".into()), &mut ops);
        }
        rep.commit_operations(ops).unwrap();
    }

    fn sync(&mut self, rt: &tokio::runtime::Runtime) {
        match self {
            Actor::Tcui { rep, server } => {
                sync(rep, server.as_mut(), false).unwrap();
            }
            Actor::Tc { rep, server } => rt.block_on(rep.sync(server, false)).unwrap(),
        }
    }

    fn tasks(&mut self, rt: &tokio::runtime::Runtime) -> Tasks {
        match self {
            Actor::Tcui { rep, .. } => rep
                .all_task_data()
                .unwrap()
                .into_iter()
                .map(|(u, t)| (u, t.into_map()))
                .collect(),
            Actor::Tc { rep, .. } => rt
                .block_on(rep.all_task_data())
                .unwrap()
                .into_iter()
                .map(|(u, t)| (u, t.iter().map(|(k, v)| (k.clone(), v.clone())).collect()))
                .collect(),
        }
    }
}

/// Where the replicas meet.
enum Meeting<'a> {
    Folder(std::path::PathBuf),
    Http(&'a TestServer, Uuid),
}

const SECRET: &[u8] = b"converge";

/// Three replicas, the first `tcui_count` of them tcui's, the rest taskchampion's.
fn actors(
    dir: &TempDir,
    rt: &tokio::runtime::Runtime,
    tcui_count: usize,
    meeting: &Meeting<'_>,
) -> Vec<Actor> {
    (0..3)
        .map(|i| {
            if i < tcui_count {
                let server: Box<dyn Server> = match meeting {
                    Meeting::Folder(folder) => Box::new(LocalServer::open(folder).unwrap()),
                    Meeting::Http(srv, client) => {
                        Box::new(HttpServer::new(&srv.url(), *client, SECRET).unwrap())
                    }
                };
                Actor::Tcui {
                    rep: Replica::open(dir.path().join(format!("tcui-{i}.redb"))).unwrap(),
                    server,
                }
            } else {
                let config = match meeting {
                    Meeting::Folder(folder) => taskchampion::ServerConfig::Local {
                        server_dir: folder.clone(),
                    },
                    Meeting::Http(srv, client) => taskchampion::ServerConfig::Remote {
                        url: srv.url(),
                        client_id: *client,
                        encryption_secret: SECRET.to_vec(),
                    },
                };
                Actor::Tc {
                    rep: taskchampion::Replica::new(
                        taskchampion::storage::inmemory::InMemoryStorage::new(),
                    ),
                    server: rt.block_on(config.into_server()).unwrap(),
                }
            }
        })
        .collect()
}

/// Seed, edit and sync as `steps` say, then sync everyone twice: all must agree.
fn converge(
    tcui_count: usize,
    steps: &[Step],
    meeting: impl FnOnce(&TempDir) -> Meeting<'static>,
) -> Result<(), TestCaseError> {
    let dir = TempDir::new().unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let meeting = meeting(&dir);
    let mut actors = actors(&dir, &rt, tcui_count, &meeting);
    // Everyone starts from the same tasks, made by the last replica (taskchampion's unless
    // all are tcui's): over HTTP the others start from its snapshot.
    actors[2].seed(&rt);
    for a in actors.iter_mut().rev() {
        a.sync(&rt);
    }
    for step in steps {
        match step {
            Step::Edit(a, edits) => actors[*a].edit(&rt, edits),
            Step::Sync(a) => actors[*a].sync(&rt),
        }
    }
    for _ in 0..2 {
        for a in actors.iter_mut() {
            a.sync(&rt);
        }
    }
    let first = actors[0].tasks(&rt);
    for (i, a) in actors.iter_mut().enumerate().skip(1) {
        prop_assert_eq!(&a.tasks(&rt), &first, "replica {} differs", i);
    }
    Ok(())
}

/// One server for every HTTP case: each case uses its own client id.
fn http_server() -> &'static TestServer {
    static SERVER: std::sync::OnceLock<TestServer> = std::sync::OnceLock::new();
    SERVER.get_or_init(TestServer::start)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn replicas_converge_through_a_folder(tcui_count in 1usize..=3, steps in arb_steps(3)) {
        converge(tcui_count, &steps, |dir| {
            let folder = dir.path().join("sync");
            std::fs::create_dir_all(&folder).unwrap();
            Meeting::Folder(folder)
        })?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn replicas_converge_through_an_http_server(tcui_count in 1usize..=3, steps in arb_steps(3)) {
        converge(tcui_count, &steps, |_| Meeting::Http(http_server(), Uuid::new_v4()))?;
    }
}
