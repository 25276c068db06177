//! Recurrence across replicas: two tcui replicas and two replicas of the real `taskchampion`
//! crate that make instances as Taskwarrior makes them (random UUIDs, the template's mask
//! extended), each making instances, completing or deleting them, editing the template and
//! syncing in random order through
//! one shared folder. A tcui replica does after each sync what `tcui sync` does: it joins
//! the twins the sync brought and sends the result. Once everyone has synced three times,
//! every replica holds the same tasks, each due date of the series has one instance, and
//! the template's mask says what became of each.

use std::collections::BTreeMap;

use crate::support;
use crate::support::children::OpenInTurn;

use chrono::{DateTime, Utc};
use proptest::prelude::*;
use support::peer::{Peer, Tasks, tcui_tasks};
use tcui::app::owner::recurrence_step;
use tcui::replica::Replica;
use tcui::sync::{LocalServer, Server, sync};
use tcui::task::{Operation, Task, TaskData, recurrence};
use tempfile::TempDir;
use uuid::Uuid;

const TEMPLATE: Uuid = Uuid::from_u128(0x8839fa23_e79d_4e70_82cd_2e47149a33e9);

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_796_126_400, 0).unwrap()
}

#[derive(Debug, Clone)]
enum Step {
    /// A replica makes the instances owed with `recurrence.limit` this high.
    Make(usize, i64),
    /// A replica completes (or, when set, deletes) the instance of this index, if it has
    /// one pending.
    Complete(usize, usize),
    Delete(usize, usize),
    /// A replica changes the template's priority (future instances copy it).
    EditTemplate(usize, &'static str),
    Sync(usize),
}

fn arb_step() -> impl Strategy<Value = Step> {
    prop_oneof![
        2 => (0..4usize, 1..4i64).prop_map(|(a, l)| Step::Make(a, l)),
        2 => (0..4usize, 0..12usize).prop_map(|(a, i)| Step::Complete(a, i)),
        1 => (0..4usize, 0..12usize).prop_map(|(a, i)| Step::Delete(a, i)),
        1 => (0..4usize, prop::sample::select(vec!["H", "M", "L"]))
            .prop_map(|(a, p)| Step::EditTemplate(a, p)),
        3 => (0..4usize).prop_map(Step::Sync),
    ]
}

enum Actor {
    Tcui {
        rep: Replica,
        server: Box<dyn Server>,
    },
    /// Taskwarrior's way, on a `taskchampion` replica.
    Tw(Peer),
}

fn tasks(actor: &mut Actor) -> Tasks {
    match actor {
        Actor::Tcui { rep, .. } => tcui_tasks(rep),
        Actor::Tw(peer) => peer.tasks(),
    }
}

/// The template and the pending instance of `index` with the smallest UUID, as `tasks`
/// holds them.
fn pending_instance(tasks: &Tasks, index: usize) -> Option<Uuid> {
    let parent = TEMPLATE.to_string();
    let imask = index.to_string();
    tasks
        .iter()
        .filter(|(_, t)| {
            t.get("parent") == Some(&parent)
                && t.get("imask") == Some(&imask)
                && t.get("status").map(String::as_str) == Some("pending")
        })
        .map(|(u, _)| *u)
        .min()
}

fn as_task(uuid: Uuid, map: &BTreeMap<String, String>) -> Task {
    Task::new(TaskData::new(uuid, map.clone()))
}

fn run(actors: &mut [Actor], step: &Step, fresh: &mut u128) {
    match step {
        Step::Make(a, limit) => match &mut actors[*a] {
            Actor::Tcui { rep, .. } => {
                if let Some((ops, _)) = recurrence_step(rep, now(), Some(*limit), &[]).unwrap() {
                    rep.commit_operations(ops).unwrap();
                }
            }
            Actor::Tw(peer) => {
                let all = peer.tasks();
                let Some(template) = all.get(&TEMPLATE) else {
                    return;
                };
                let template = as_task(TEMPLATE, template);
                let Some(owed) = tcui::task::owed(&template, now(), *limit, &Utc, None).unwrap()
                else {
                    return;
                };
                // Random UUIDs, as Taskwarrior gives them.
                for (_, map) in owed.instances {
                    *fresh += 1;
                    let uuid = Uuid::from_u128(0xf000_0000_0000_4000_8000_0000_0000_0000 + *fresh);
                    for (k, v) in &map {
                        peer.set(uuid, k, Some(v));
                    }
                }
                if let Some(mask) = owed.mask {
                    peer.set(TEMPLATE, "mask", Some(&mask));
                }
            }
        },
        Step::EditTemplate(a, priority) => match &mut actors[*a] {
            Actor::Tcui { rep, .. } => {
                let all = tcui_tasks(rep);
                let mut ops = vec![Operation::UndoPoint];
                let mut template = TaskData::new(TEMPLATE, all[&TEMPLATE].clone());
                template.update("priority", Some(priority.to_string()), now(), &mut ops);
                rep.commit_operations(ops).unwrap();
            }
            Actor::Tw(peer) => peer.set(TEMPLATE, "priority", Some(priority)),
        },
        Step::Complete(a, index) | Step::Delete(a, index) => {
            let (status, mark) = match step {
                Step::Delete(..) => ("deleted", 'X'),
                _ => ("completed", '+'),
            };
            let all = tasks(&mut actors[*a]);
            let Some(uuid) = pending_instance(&all, *index) else {
                return;
            };
            let mask = all
                .get(&TEMPLATE)
                .and_then(|t| t.get("mask").cloned())
                .unwrap_or_default();
            let mask = recurrence::marked_mask(&mask, *index, mark);
            let end = now().timestamp().to_string();
            match &mut actors[*a] {
                Actor::Tcui { rep, .. } => {
                    let mut ops = vec![Operation::UndoPoint];
                    let mut task = TaskData::new(uuid, all[&uuid].clone());
                    task.update("status", Some(status.into()), now(), &mut ops);
                    task.update("end", Some(end), now(), &mut ops);
                    if let Some(mask) = mask {
                        let mut template = TaskData::new(TEMPLATE, all[&TEMPLATE].clone());
                        template.update("mask", Some(mask), now(), &mut ops);
                    }
                    rep.commit_operations(ops).unwrap();
                }
                Actor::Tw(peer) => {
                    peer.set(uuid, "status", Some(status));
                    peer.set(uuid, "end", Some(&end));
                    if let Some(mask) = mask {
                        peer.set(TEMPLATE, "mask", Some(&mask));
                    }
                }
            }
        }
        Step::Sync(a) => sync_actor(&mut actors[*a]),
    }
}

/// Sync; a tcui replica then joins the twins the sync brought and sends that, as
/// `tcui sync` does.
fn sync_actor(actor: &mut Actor) {
    match actor {
        Actor::Tcui { rep, server } => {
            let report = sync(rep, server.as_mut(), false).unwrap();
            if let Some((ops, _)) = recurrence_step(rep, now(), Some(1), &report.changed).unwrap() {
                rep.commit_operations(ops).unwrap();
                sync(rep, server.as_mut(), false).unwrap();
            }
        }
        Actor::Tw(peer) => peer.sync(),
    }
}

/// Two tcui replicas, then `n - 2` Taskwarriors, syncing through one folder in `dir`.
fn actors(dir: &TempDir, n: usize) -> Vec<Actor> {
    let folder = dir.path().join("server");
    std::fs::create_dir_all(&folder).unwrap();
    (0..n)
        .map(|i| {
            if i < 2 {
                Actor::Tcui {
                    rep: Replica::open_in_turn(dir.path().join(format!("r{i}.redb"))).unwrap(),
                    server: Box::new(LocalServer::open(&folder).unwrap()),
                }
            } else {
                Actor::Tw(Peer::new(taskchampion::ServerConfig::Local {
                    server_dir: folder.clone(),
                }))
            }
        })
        .collect()
}

fn check(steps: &[Step]) -> Result<(), TestCaseError> {
    let dir = TempDir::new().unwrap();
    let mut actors = actors(&dir, 4);
    // Taskwarrior adds a daily template, due ten days ago, and everyone has it.
    if let Actor::Tw(peer) = &mut actors[2] {
        let due = (now() - chrono::Duration::days(10)).timestamp().to_string();
        for (k, v) in [
            ("description", "Take out trash"),
            ("status", "recurring"),
            ("recur", "daily"),
            ("rtype", "periodic"),
            ("due", due.as_str()),
            ("entry", due.as_str()),
        ] {
            peer.set(TEMPLATE, k, Some(v));
        }
    }
    for actor in [2, 0, 1, 3] {
        sync_actor(&mut actors[actor]);
    }
    let mut fresh = 0;
    for step in steps {
        run(&mut actors, step, &mut fresh);
    }
    for _ in 0..3 {
        for actor in &mut actors {
            sync_actor(actor);
        }
    }
    let all: Vec<Tasks> = actors.iter_mut().map(tasks).collect();
    for (i, other) in all.iter().enumerate().skip(1) {
        prop_assert_eq!(&all[0], other, "replica {} differs from replica 0", i);
    }
    let mut per_index: BTreeMap<String, Vec<Uuid>> = BTreeMap::new();
    for (uuid, task) in &all[0] {
        if let Some(imask) = task.get("imask") {
            per_index.entry(imask.clone()).or_default().push(*uuid);
        }
    }
    for (imask, uuids) in &per_index {
        prop_assert_eq!(uuids.len(), 1, "index {} has {:?}", imask, uuids);
    }
    // The mask says what became of each instance.
    let mask: Vec<char> = all[0]
        .get(&TEMPLATE)
        .and_then(|t| t.get("mask"))
        .map(|m| m.chars().collect())
        .unwrap_or_default();
    for (imask, uuids) in &per_index {
        let index: usize = imask.parse().unwrap();
        let want = match all[0][&uuids[0]]["status"].as_str() {
            "completed" => '+',
            "deleted" => 'X',
            _ => '-',
        };
        prop_assert_eq!(
            mask.get(index),
            Some(&want),
            "index {} in {:?}",
            index,
            mask
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn replicas_agree_and_each_due_date_has_one_instance(
        steps in proptest::collection::vec(arb_step(), 0..24)
    ) {
        check(&steps)?;
    }
}

/// tcui made the instances and Taskwarrior completed the first; another Taskwarrior, not
/// synced since, made them all again: the twin of the completed one (which has left tcui's
/// working set) is found and joined too.
#[test]
fn a_twin_of_an_instance_finished_elsewhere_is_joined_to_it() {
    check(&[Step::Complete(3, 0), Step::Sync(3), Step::Make(2, 1)]).unwrap();
}

#[test]
fn taskwarrior_and_tcui_making_the_same_instances_end_with_one_each() {
    let steps = [
        Step::Make(2, 2),
        Step::Make(0, 2),
        Step::Complete(2, 10),
        Step::Sync(2),
        Step::Sync(0),
        Step::Make(3, 3),
        Step::Make(1, 3),
        Step::Sync(1),
        Step::Sync(3),
    ];
    check(&steps).unwrap();
}

/// A chained series finished on two tcui replicas and on Taskwarrior before they synced:
/// each tcui makes the next instance itself, with the same UUID, so every replica ends with
/// one pending next instance and the mask `+-`.
#[test]
fn a_chained_instance_finished_on_several_replicas_is_followed_once() {
    let dir = TempDir::new().unwrap();
    let mut actors = actors(&dir, 3);
    if let Actor::Tcui { rep, .. } = &mut actors[0] {
        let due = (now() - chrono::Duration::days(3)).timestamp().to_string();
        let mut ops = vec![Operation::UndoPoint];
        let mut t = TaskData::create(TEMPLATE, &mut ops);
        for (k, v) in [
            ("description", "Mow the lawn"),
            ("status", "recurring"),
            ("recur", "weekly"),
            ("rtype", "chained"),
            ("due", due.as_str()),
            ("entry", due.as_str()),
        ] {
            t.update(k, Some(v.to_string()), now(), &mut ops);
        }
        rep.commit_operations(ops).unwrap();
    }
    for a in [0, 1, 2] {
        sync_actor(&mut actors[a]);
    }
    for a in [0, 1, 2] {
        run(&mut actors, &Step::Complete(a, 0), &mut 0);
        run(&mut actors, &Step::Make(a, 1), &mut 0);
    }
    for _ in 0..3 {
        for actor in &mut actors {
            sync_actor(actor);
        }
    }
    let all: Vec<Tasks> = actors.iter_mut().map(tasks).collect();
    for other in &all[1..] {
        assert_eq!(&all[0], other);
    }
    let parent = TEMPLATE.to_string();
    let instances: Vec<(&String, &String)> = all[0]
        .values()
        .filter(|t| t.get("parent") == Some(&parent))
        .map(|t| (&t["imask"], &t["status"]))
        .collect();
    assert_eq!(instances.len(), 2, "{instances:?}");
    assert!(instances.contains(&(&"1".to_string(), &"pending".to_string())));
    assert_eq!(all[0][&TEMPLATE]["mask"], "+-");
}
