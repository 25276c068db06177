//! Random concurrent edits on several replicas, tcui's and the real `taskchampion` crate's,
//! syncing in random order through one shared folder, or through one HTTP sync server (with
//! encryption and snapshots): once everyone has synced twice, all hold the same tasks.
//!
//! Every schedule is also replayed, in lockstep, on replicas of `taskchampion` alone meeting
//! through a server of their own (the same edits, the same new UUIDs, the same timestamps):
//! after every step, each replica must hold the same tasks and the same working set as its
//! counterpart there, so agreeing on a wrong winner, or on a wrong working set, fails.
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

use crate::support;
use crate::support::children::OpenInTurn;

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
    /// A new task with one property set.
    Create(Uuid, &'static str, String),
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
        rep: taskchampion::Replica<taskchampion::SqliteStorage>,
        server: Box<dyn taskchampion::Server>,
    },
}

fn uuid(n: u128) -> Uuid {
    Uuid::from_u128(0x1000 + n)
}

impl Actor {
    /// Apply `edits` as one commit; returns those that applied (edits of tasks this replica
    /// does not have are skipped) and the timestamps of its updates. With `stamps`, the
    /// updates get those timestamps instead of the clock's.
    fn edit(
        &mut self,
        rt: &tokio::runtime::Runtime,
        edits: &[Concrete],
        stamps: Option<&[DateTime<Utc>]>,
    ) -> (Vec<Made>, Vec<DateTime<Utc>>) {
        let mut made = Vec::new();
        let times = match self {
            Actor::Tcui { rep, .. } => {
                let mut ops = vec![Operation::UndoPoint];
                let mut held: BTreeMap<Uuid, Option<TaskData>> = BTreeMap::new();
                let stamp = |ops: &[Operation]| match ops.last() {
                    Some(Operation::Update { timestamp, .. }) => Some(*timestamp),
                    _ => None,
                };
                for e in edits {
                    let u = match e {
                        Concrete::Create(u, p, v) => {
                            let mut t = TaskData::create(*u, &mut ops);
                            t.update(*p, Some(v.clone()), Utc::now(), &mut ops);
                            made.push(Made {
                                uuid: *u,
                                property: Some(p.to_string()),
                                value: Some(v.clone()),
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
                            t.update(*p, v.clone(), Utc::now(), &mut ops);
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
                let times = restamp(
                    ops.iter_mut().filter_map(|op| match op {
                        Operation::Update { timestamp, .. } => Some(timestamp),
                        _ => None,
                    }),
                    stamps,
                );
                rep.commit_operations(ops).unwrap();
                times
            }
            Actor::Tc { rep, .. } => rt.block_on(async {
                let mut ops = taskchampion::Operations::new();
                let mut held: BTreeMap<Uuid, Option<taskchampion::TaskData>> = BTreeMap::new();
                for e in edits {
                    let u = match e {
                        Concrete::Create(u, p, v) => {
                            let mut t = taskchampion::TaskData::create(*u, &mut ops);
                            t.update(*p, Some(v.clone()), &mut ops);
                            made.push(Made {
                                uuid: *u,
                                property: Some(p.to_string()),
                                value: Some(v.clone()),
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
                let times = restamp(
                    ops.iter_mut().filter_map(|op| match op {
                        taskchampion::Operation::Update { timestamp, .. } => Some(timestamp),
                        _ => None,
                    }),
                    stamps,
                );
                rep.commit_operations(ops).await.unwrap();
                times
            }),
        };
        (made, times)
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

    /// The working set, slot by slot.
    fn working_set(&mut self, rt: &tokio::runtime::Runtime) -> Vec<Option<Uuid>> {
        match self {
            Actor::Tcui { rep, .. } => rep.working_set().as_slice().to_vec(),
            Actor::Tc { rep, .. } => {
                let ws = rt.block_on(rep.working_set()).unwrap();
                (0..=ws.largest_index()).map(|i| ws.by_index(i)).collect()
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

/// Give the updates of one commit the timestamps in `stamps`, in order (all of them: the
/// replayed commit must make as many updates as the first); returns the timestamps used.
fn restamp<'a>(
    updates: impl Iterator<Item = &'a mut DateTime<Utc>>,
    stamps: Option<&[DateTime<Utc>]>,
) -> Vec<DateTime<Utc>> {
    let mut used = Vec::new();
    for (i, t) in updates.enumerate() {
        if let Some(stamps) = stamps {
            *t = *stamps
                .get(i)
                .expect("a replayed commit makes more updates than the first");
        }
        used.push(*t);
    }
    if let Some(stamps) = stamps {
        assert_eq!(
            used.len(),
            stamps.len(),
            "a replayed commit made fewer updates"
        );
    }
    used
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
    name: &str,
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
                    rep: Replica::open_in_turn(dir.path().join(format!("{name}-{i}.redb")))
                        .unwrap(),
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
                // SQLite, not memory: a rebuild appends newcomers in storage order, which
                // in memory is a hash map's.
                let storage = dir.path().join(format!("{name}-{i}"));
                let storage = rt
                    .block_on(taskchampion::SqliteStorage::new(
                        storage,
                        taskchampion::storage::AccessMode::ReadWrite,
                        true,
                    ))
                    .unwrap();
                Actor::Tc {
                    rep: taskchampion::Replica::new(storage),
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

/// The replicas of one schedule, and their counterparts of `taskchampion` alone.
struct Run {
    rt: tokio::runtime::Runtime,
    mixed: Vec<Actor>,
    oracle: Vec<Actor>,
    model: Model,
    /// Whether replica `a`'s working set must match its counterpart's ID for ID. A replica
    /// that started from a snapshot took its first tasks in an order `taskchampion` leaves to
    /// a hash map (and holes, and so the length, fall where that order put them), so there
    /// only the tasks in the set must match.
    exact_ids: [bool; 3],
}

impl Run {
    /// Replica `a` of both sets must hold the same tasks and working set.
    fn compare(&mut self, a: usize, ctx: &str) -> Result<(), TestCaseError> {
        let (ours, theirs) = (
            self.mixed[a].tasks(&self.rt),
            self.oracle[a].tasks(&self.rt),
        );
        prop_assert_eq!(
            ours,
            theirs,
            "replica {} {}: tasks differ from the oracle's",
            a,
            ctx
        );
        let ours = self.mixed[a].working_set(&self.rt);
        let theirs = self.oracle[a].working_set(&self.rt);
        if self.exact_ids[a] {
            prop_assert_eq!(
                ours,
                theirs,
                "replica {} {}: working set differs from the oracle's",
                a,
                ctx
            );
        } else {
            let members =
                |ws: &[Option<Uuid>]| ws.iter().flatten().copied().collect::<BTreeSet<_>>();
            prop_assert_eq!(
                members(&ours),
                members(&theirs),
                "replica {} {}: working-set tasks differ from the oracle's",
                a,
                ctx
            );
        }
        Ok(())
    }

    fn edit(&mut self, a: usize, edits: &[Concrete]) -> Result<(), TestCaseError> {
        let (made, times) = self.mixed[a].edit(&self.rt, edits, None);
        self.model.made(a, made);
        self.oracle[a].edit(&self.rt, edits, Some(&times));
        self.compare(a, &format!("after editing {edits:?}"))
    }

    fn sync(&mut self, a: usize) -> Result<(), TestCaseError> {
        let before = self.mixed[a].tasks(&self.rt);
        let lost = self.mixed[a].sync(&self.rt);
        let after = self.mixed[a].tasks(&self.rt);
        self.model.synced(a, lost, &before, &after)?;
        self.oracle[a].sync(&self.rt);
        self.compare(a, "after its sync")
    }
}

/// Seed, edit and sync as `steps` say, then sync everyone twice: all must agree, each with
/// its counterpart of `taskchampion` alone at every step, and every tcui sync's lost edits
/// must be what happened. `meeting` makes a meeting place of the given name.
fn converge(
    tcui_count: usize,
    steps: &[Step],
    meeting: impl Fn(&TempDir, &str) -> Meeting<'static>,
) -> Result<(), TestCaseError> {
    let dir = TempDir::new().unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let place = meeting(&dir, "sync");
    let snapshots = matches!(place, Meeting::Http(..));
    let mixed = actors(&dir, &rt, tcui_count, &place, "mixed");
    let oracle = actors(&dir, &rt, 0, &meeting(&dir, "oracle"), "oracle");
    let mut run = Run {
        rt,
        mixed,
        oracle,
        model: Model::default(),
        exact_ids: [!snapshots, !snapshots, true],
    };
    // Everyone starts from the same tasks, made by the last replica (taskchampion's unless
    // all are tcui's): over HTTP the others start from its snapshot.
    let seed: Vec<Concrete> = (0..POOL)
        .map(|n| Concrete::Create(uuid(n), "status", "pending".into()))
        .collect();
    run.edit(2, &seed)?;
    for a in (0..3).rev() {
        run.sync(a)?;
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
                            Edit::Create(d) => {
                                Concrete::Create(Uuid::new_v4(), "description", d.to_string())
                            }
                        }
                    })
                    .collect();
                run.edit(*a, &concrete)?;
            }
            Step::Sync(a) => run.sync(*a)?,
        }
    }
    for _ in 0..2 {
        for a in 0..3 {
            run.sync(a)?;
        }
    }
    let first = run.mixed[0].tasks(&run.rt);
    for (i, a) in run.mixed.iter_mut().enumerate().skip(1) {
        prop_assert_eq!(&a.tasks(&run.rt), &first, "replica {} differs", i);
    }
    Ok(())
}

/// `n` cases, times `TCUI_CASE_FACTOR` (for longer runs than CI's).
fn cases(n: u32) -> u32 {
    let factor = std::env::var("TCUI_CASE_FACTOR")
        .ok()
        .and_then(|f| f.parse().ok());
    n * factor.unwrap_or(1)
}

/// One server for every HTTP case: each case uses its own client id.
fn http_server() -> &'static TestServer {
    static SERVER: std::sync::OnceLock<TestServer> = std::sync::OnceLock::new();
    SERVER.get_or_init(TestServer::start)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(48), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn replicas_converge_through_a_folder(tcui_count in 1usize..=3, steps in arb_steps(3)) {
        converge(tcui_count, &steps, |dir, name| {
            let folder = dir.path().join(name);
            std::fs::create_dir_all(&folder).unwrap();
            Meeting::Folder(folder)
        })?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(16), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn replicas_converge_through_an_http_server(tcui_count in 1usize..=3, steps in arb_steps(3)) {
        converge(tcui_count, &steps, |_, _| Meeting::Http(http_server(), Uuid::new_v4()))?;
    }
}
