//! Random concurrent edits on several replicas, tcui's and the real `taskchampion` crate's,
//! syncing in random order through one shared folder, or through one HTTP sync server (with
//! encryption and snapshots): once everyone has synced twice, all hold the same tasks.
//!
//! Each tcui sync's list of lost edits is checked against what really happened, kept in a
//! model of who knew of which edit when: every edit reported lost is that replica's latest
//! of the property, is not in effect, and was replaced by an edit made elsewhere without
//! knowing it; and every such replacement by edits all made before the lost one was sent
//! is reported. (Values get a unique suffix half the time, so where a value came from can
//! be told.)
//!
//! Edits touch only tasks the replica has, and new tasks get new UUIDs: TaskChampion's
//! transform does not converge when one UUID is deleted and created again (replicas of
//! `taskchampion` alone diverge there too), and real replicas never reuse a UUID.

use std::collections::{BTreeMap, BTreeSet};

mod support;

use chrono::{DateTime, Utc};

use proptest::prelude::*;
use support::http_server::TestServer;
use tcui::replica::Replica;
use tcui::sync::{HttpServer, LocalServer, Server, SyncOp, sync};
use tcui::task::{Operation, TaskData};
use tempfile::TempDir;
use uuid::Uuid;

type Tasks = BTreeMap<Uuid, BTreeMap<String, String>>;

const POOL: u128 = 4;

#[derive(Debug, Clone)]
enum Edit {
    /// Set a property of a task of the pool; with `true`, the value gets a unique suffix.
    Set(u128, &'static str, Option<&'static str>, bool),
    Delete(u128),
    /// A new task with a fresh UUID and this description.
    Create(&'static str),
}

/// An edit with its values made concrete, as every replica applies it.
#[derive(Debug, Clone)]
enum Concrete {
    Set(Uuid, &'static str, Option<String>),
    Delete(Uuid),
    Create(Uuid, String),
}

/// An edit a replica made: the property (`None` for a deletion), the value, and the
/// timestamp of its operation (for tcui's).
#[derive(Debug, Clone)]
struct Made {
    uuid: Uuid,
    property: Option<String>,
    value: Option<String>,
    timestamp: Option<DateTime<Utc>>,
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
        6 => (0..POOL, prop, value, any::<bool>()).prop_map(|(u, p, v, q)| Edit::Set(u, p, v, q)),
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
    /// Apply `edits` as one commit; returns those that applied (edits of tasks this replica
    /// does not have are skipped).
    fn edit(&mut self, rt: &tokio::runtime::Runtime, edits: &[Concrete]) -> Vec<Made> {
        let mut made = Vec::new();
        match self {
            Actor::Tcui { rep, .. } => {
                let mut ops = vec![Operation::UndoPoint];
                let mut held: BTreeMap<Uuid, Option<TaskData>> = BTreeMap::new();
                let stamp = |ops: &[Operation]| match ops.last() {
                    Some(Operation::Update { timestamp, .. }) => Some(*timestamp),
                    _ => None,
                };
                for e in edits {
                    let u = match e {
                        Concrete::Create(u, d) => {
                            let mut t = TaskData::create(*u, &mut ops);
                            t.update("description", Some(d.clone()), &mut ops);
                            made.push(Made {
                                uuid: *u,
                                property: Some("description".into()),
                                value: Some(d.clone()),
                                timestamp: stamp(&ops),
                            });
                            continue;
                        }
                        Concrete::Set(u, ..) | Concrete::Delete(u) => *u,
                    };
                    let slot = held
                        .entry(u)
                        .or_insert_with(|| rep.get_task_data(u).unwrap());
                    let Some(t) = slot else { continue };
                    match e {
                        Concrete::Set(_, p, v) => {
                            t.update(*p, v.clone(), &mut ops);
                            made.push(Made {
                                uuid: u,
                                property: Some(p.to_string()),
                                value: v.clone(),
                                timestamp: stamp(&ops),
                            });
                        }
                        _ => {
                            t.delete(&mut ops);
                            *slot = None;
                            made.push(Made {
                                uuid: u,
                                property: None,
                                value: None,
                                timestamp: None,
                            });
                        }
                    }
                }
                rep.commit_operations(ops).unwrap();
            }
            Actor::Tc { rep, .. } => rt.block_on(async {
                let mut ops = taskchampion::Operations::new();
                let mut held: BTreeMap<Uuid, Option<taskchampion::TaskData>> = BTreeMap::new();
                for e in edits {
                    let u = match e {
                        Concrete::Create(u, d) => {
                            let mut t = taskchampion::TaskData::create(*u, &mut ops);
                            t.update("description", Some(d.clone()), &mut ops);
                            made.push(Made {
                                uuid: *u,
                                property: Some("description".into()),
                                value: Some(d.clone()),
                                timestamp: None,
                            });
                            continue;
                        }
                        Concrete::Set(u, ..) | Concrete::Delete(u) => *u,
                    };
                    if let std::collections::btree_map::Entry::Vacant(slot) = held.entry(u) {
                        slot.insert(rep.get_task_data(u).await.unwrap());
                    }
                    let Some(Some(t)) = held.get_mut(&u) else {
                        continue;
                    };
                    match e {
                        Concrete::Set(_, p, v) => {
                            t.update(*p, v.clone(), &mut ops);
                            made.push(Made {
                                uuid: u,
                                property: Some(p.to_string()),
                                value: v.clone(),
                                timestamp: None,
                            });
                        }
                        _ => {
                            t.delete(&mut ops);
                            held.insert(u, None);
                            made.push(Made {
                                uuid: u,
                                property: None,
                                value: None,
                                timestamp: None,
                            });
                        }
                    }
                }
                rep.commit_operations(ops).await.unwrap();
            }),
        }
        made
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

    /// Sync; tcui's report what they lost.
    fn sync(&mut self, rt: &tokio::runtime::Runtime) -> Option<Vec<SyncOp>> {
        match self {
            Actor::Tcui { rep, server } => Some(sync(rep, server.as_mut(), false).unwrap().lost),
            Actor::Tc { rep, server } => {
                rt.block_on(rep.sync(server, false)).unwrap();
                None
            }
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

/// An edit in the model: who made it, when (in the order of events), what it knew of.
struct Record {
    actor: usize,
    made: Made,
    at: usize,
    knew: BTreeSet<usize>,
    /// When its replica's next sync sent it.
    sent_at: Option<usize>,
}

/// Who knew of which edit when: a replica knows its own edits and, after a sync, everything
/// the server knew; the server then knows everything that replica knew.
#[derive(Default)]
struct Model {
    records: Vec<Record>,
    known: [BTreeSet<usize>; 3],
    server: BTreeSet<usize>,
    clock: usize,
}

impl Model {
    fn made(&mut self, actor: usize, made: Vec<Made>) {
        self.clock += 1;
        for m in made {
            let id = self.records.len();
            self.records.push(Record {
                actor,
                made: m,
                at: self.clock,
                knew: self.known[actor].clone(),
                sent_at: None,
            });
            self.known[actor].insert(id);
        }
    }

    /// `actor`'s latest edit of `uuid`'s `property`.
    fn latest_own(&self, actor: usize, uuid: Uuid, property: &str) -> Option<usize> {
        (0..self.records.len()).rev().find(|&i| {
            let r = &self.records[i];
            r.actor == actor && r.made.uuid == uuid && r.made.property.as_deref() == Some(property)
        })
    }

    /// Check what one sync of `actor` reported lost, given the tasks before and after, then
    /// take the sync into the model.
    fn synced(
        &mut self,
        actor: usize,
        lost: Option<Vec<SyncOp>>,
        before: &Tasks,
        after: &Tasks,
    ) -> Result<(), TestCaseError> {
        self.clock += 1;
        let newly: Vec<usize> = self
            .server
            .difference(&self.known[actor])
            .copied()
            .collect();
        if let Some(lost) = lost {
            self.check_lost(actor, &lost, &newly, before, after)?;
        }
        let union: BTreeSet<usize> = self.server.union(&self.known[actor]).copied().collect();
        self.known[actor] = union.clone();
        self.server = union;
        for r in self.records.iter_mut() {
            if r.actor == actor && r.sent_at.is_none() {
                r.sent_at = Some(self.clock);
            }
        }
        Ok(())
    }

    fn check_lost(
        &self,
        actor: usize,
        lost: &[SyncOp],
        newly: &[usize],
        before: &Tasks,
        after: &Tasks,
    ) -> Result<(), TestCaseError> {
        let unique = |v: &Option<String>| v.as_deref().is_some_and(|v| v.contains('#'));
        let value_in = |tasks: &Tasks, u: Uuid, p: &str| tasks.get(&u).map(|t| t.get(p).cloned());
        // Edits learned in this sync that touched `uuid`'s `property` (or deleted the task).
        let replacing = |uuid: Uuid, property: &str| -> Vec<&Record> {
            newly
                .iter()
                .map(|&i| &self.records[i])
                .filter(|s| {
                    s.actor != actor
                        && s.made.uuid == uuid
                        && s.made.property.as_deref().is_none_or(|p| p == property)
                })
                .collect()
        };
        // Every reported loss happened.
        for op in lost {
            let SyncOp::Update {
                uuid,
                property,
                value,
                timestamp,
            } = op
            else {
                continue;
            };
            let own = self.latest_own(actor, *uuid, property);
            let Some(own) = own.filter(|&i| {
                let m = &self.records[i].made;
                m.value == *value && m.timestamp == Some(*timestamp)
            }) else {
                return Err(TestCaseError::fail(format!(
                    "replica {actor} reported {op:?} lost, which is not its latest edit of {property}"
                )));
            };
            if unique(value) {
                prop_assert_ne!(
                    value_in(after, *uuid, property),
                    Some(value.clone()),
                    "replica {} reported {:?} lost, but it is in effect",
                    actor,
                    op
                );
            }
            prop_assert!(
                replacing(*uuid, property)
                    .iter()
                    .any(|s| !s.knew.contains(&own)),
                "replica {} reported {:?} lost, but no edit learned in this sync replaced it unseen",
                actor,
                op
            );
        }
        // Every edit of its own replaced by edits that were all made unseen, before it was
        // sent, is reported.
        for (uuid, task) in before {
            for property in task.keys() {
                let Some(own) = self.latest_own(actor, *uuid, property) else {
                    continue;
                };
                let r = &self.records[own];
                let gone = value_in(after, *uuid, property).is_some_and(|now| now != r.made.value);
                if !unique(&r.made.value)
                    || value_in(before, *uuid, property) != Some(r.made.value.clone())
                    || !gone
                {
                    continue;
                }
                let by = replacing(*uuid, property);
                let unseen = !by.is_empty()
                    && by.iter().all(|s| {
                        !s.knew.contains(&own) && r.sent_at.is_none_or(|sent| s.at < sent)
                    });
                if unseen {
                    prop_assert!(
                        lost.iter().any(
                            |op| matches!(op, SyncOp::Update { uuid: u, property: p, value: v, .. }
                            if u == uuid && p == property && *v == r.made.value)
                        ),
                        "replica {} did not report its {} {:?} of {} lost: {:?}",
                        actor,
                        property,
                        r.made.value,
                        uuid,
                        lost
                    );
                }
            }
        }
        Ok(())
    }
}

/// Seed, edit and sync as `steps` say, then sync everyone twice: all must agree, and every
/// tcui sync's lost edits must be what happened.
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
    let mut model = Model::default();
    let sync_one = |actors: &mut Vec<Actor>, model: &mut Model, a: usize| {
        let before = actors[a].tasks(&rt);
        let lost = actors[a].sync(&rt);
        let after = actors[a].tasks(&rt);
        model.synced(a, lost, &before, &after)
    };
    // Everyone starts from the same tasks, made by the last replica (taskchampion's unless
    // all are tcui's): over HTTP the others start from its snapshot.
    let seed: Vec<Concrete> = (0..POOL)
        .map(|n| Concrete::Set(uuid(n), "status", Some("pending".into())))
        .collect();
    actors[2].seed(&rt);
    model.made(
        2,
        seed.iter()
            .map(|c| match c {
                Concrete::Set(u, p, v) => Made {
                    uuid: *u,
                    property: Some(p.to_string()),
                    value: v.clone(),
                    timestamp: None,
                },
                _ => unreachable!(),
            })
            .collect(),
    );
    for a in (0..actors.len()).rev() {
        sync_one(&mut actors, &mut model, a)?;
    }
    let mut next_id = 0;
    for step in steps {
        match step {
            Step::Edit(a, edits) => {
                let concrete: Vec<Concrete> = edits
                    .iter()
                    .map(|e| {
                        next_id += 1;
                        match e {
                            Edit::Set(n, p, v, unique) => Concrete::Set(
                                uuid(*n),
                                p,
                                v.map(|v| {
                                    if *unique {
                                        format!("{v}#{next_id}")
                                    } else {
                                        v.to_string()
                                    }
                                }),
                            ),
                            Edit::Delete(n) => Concrete::Delete(uuid(*n)),
                            Edit::Create(d) => Concrete::Create(Uuid::new_v4(), d.to_string()),
                        }
                    })
                    .collect();
                let made = actors[*a].edit(&rt, &concrete);
                model.made(*a, made);
            }
            Step::Sync(a) => sync_one(&mut actors, &mut model, *a)?,
        }
    }
    for _ in 0..2 {
        for a in 0..actors.len() {
            sync_one(&mut actors, &mut model, a)?;
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
