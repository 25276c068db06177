//! Sync speed, tcui against `taskchampion` 3.1, through the same in-process
//! taskchampion-sync-server (its core, on 127.0.0.1), in one run:
//!
//! - `push_10k`: a replica with 10,000 local operations (2,000 new tasks) syncs to an empty
//!   server: one segment up, a snapshot up (the server asks for one at once);
//! - `pull_10k`: a fresh replica joins a server holding 10,000 tasks (a snapshot and the
//!   versions after it) and syncs.
//!
//! Key derivation happens before timing on both sides. Runs alternate between the sides;
//! medians are printed, then `ratio <metric> <taskchampion time / tcui time>` lines.
//!
//! Run with `cargo bench --bench sync`.

#[path = "support/stats.rs"]
#[allow(dead_code)]
mod stats;

#[path = "../tests/support/http_server.rs"]
#[allow(dead_code)]
mod http_server;

use std::time::{Duration, Instant};

use http_server::TestServer;
use stats::{Stat, ms};
use tcui::replica::Replica;
use tcui::sync::{Cryptor, HttpServer, sync};
use tcui::task::{Operation, TaskData};
use tempfile::TempDir;
use uuid::Uuid;

const SECRET: &[u8] = b"benchmark secret";
const RUNS: usize = 5;

/// The properties of task `i`: five operations with the Create.
fn props(i: usize) -> [(&'static str, String); 4] {
    [
        ("status", "pending".into()),
        (
            "description",
            format!("benchmark task number {i} with some words"),
        ),
        ("entry", "1795265923".into()),
        ("project", format!("p{}", i % 9)),
    ]
}

fn fill_tcui(rep: &mut Replica, tasks: usize) {
    let mut ops = vec![Operation::UndoPoint];
    for i in 0..tasks {
        let mut t = TaskData::create(Uuid::new_v4(), &mut ops);
        for (k, v) in props(i) {
            t.update(k, Some(v), &mut ops);
        }
    }
    rep.commit_operations(ops).unwrap();
}

struct Tc {
    rep: taskchampion::Replica<taskchampion::SqliteStorage>,
    server: Box<dyn taskchampion::Server>,
    rt: tokio::runtime::Runtime,
    _dir: TempDir,
}

impl Tc {
    fn new(url: &str, client: Uuid) -> Tc {
        let dir = TempDir::new().unwrap();
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let storage = rt
            .block_on(taskchampion::SqliteStorage::new(
                dir.path(),
                taskchampion::storage::AccessMode::ReadWrite,
                true,
            ))
            .unwrap();
        let server = rt
            .block_on(
                taskchampion::ServerConfig::Remote {
                    url: url.into(),
                    client_id: client,
                    encryption_secret: SECRET.to_vec(),
                }
                .into_server(),
            )
            .unwrap();
        Tc {
            rep: taskchampion::Replica::new(storage),
            server,
            rt,
            _dir: dir,
        }
    }

    fn fill(&mut self, tasks: usize) {
        self.rt.block_on(async {
            let mut ops = taskchampion::Operations::new();
            for i in 0..tasks {
                let mut t = taskchampion::TaskData::create(Uuid::new_v4(), &mut ops);
                for (k, v) in props(i) {
                    t.update(k, Some(v), &mut ops);
                }
            }
            self.rep.commit_operations(ops).await.unwrap();
        });
    }

    fn sync(&mut self) -> Duration {
        let start = Instant::now();
        self.rt
            .block_on(self.rep.sync(&mut self.server, false))
            .unwrap();
        start.elapsed()
    }

    fn task_count(&mut self) -> usize {
        self.rt.block_on(self.rep.all_task_uuids()).unwrap().len()
    }
}

/// A tcui server handle, its key derived before any timing starts.
fn tcui_server(url: &str, client: Uuid) -> HttpServer {
    HttpServer::with_cryptor(url, client, Cryptor::new(client.as_bytes(), SECRET)).unwrap()
}

fn main() {
    let srv = TestServer::start();
    let url = srv.url();
    let (mut push_ours, mut push_theirs) = (Vec::new(), Vec::new());
    for run in 0..RUNS {
        eprintln!("push_10k run {}", run + 1);
        // tcui
        let dir = TempDir::new().unwrap();
        let mut rep = Replica::open(dir.path().join("r.redb")).unwrap();
        fill_tcui(&mut rep, 2_000);
        assert_eq!(rep.num_local_operations().unwrap(), 10_000);
        let mut server = tcui_server(&url, Uuid::new_v4());
        let start = Instant::now();
        let report = sync(&mut rep, &mut server, false).unwrap();
        push_ours.push(start.elapsed());
        assert_eq!(report.operations_pushed, 10_000);
        // taskchampion
        let mut tc = Tc::new(&url, Uuid::new_v4());
        tc.fill(2_000);
        push_theirs.push(tc.sync());
    }

    // One client whose server holds 10,000 tasks: a snapshot of 8,000, then 2,000 more.
    let client = Uuid::new_v4();
    {
        let dir = TempDir::new().unwrap();
        let mut rep = Replica::open(dir.path().join("seed.redb")).unwrap();
        let mut server = tcui_server(&url, client);
        fill_tcui(&mut rep, 8_000);
        sync(&mut rep, &mut server, false).unwrap();
        fill_tcui(&mut rep, 2_000);
        sync(&mut rep, &mut server, false).unwrap();
    }
    let (mut pull_ours, mut pull_theirs) = (Vec::new(), Vec::new());
    for run in 0..RUNS {
        eprintln!("pull_10k run {}", run + 1);
        let dir = TempDir::new().unwrap();
        let mut rep = Replica::open(dir.path().join("fresh.redb")).unwrap();
        let mut server = tcui_server(&url, client);
        let start = Instant::now();
        sync(&mut rep, &mut server, false).unwrap();
        pull_ours.push(start.elapsed());
        assert_eq!(rep.all_task_uuids().unwrap().len(), 10_000);
        let mut tc = Tc::new(&url, client);
        pull_theirs.push(tc.sync());
        assert_eq!(tc.task_count(), 10_000);
    }

    let rows = [
        (
            "push_10k",
            Stat::of(push_ours).median,
            Stat::of(push_theirs).median,
        ),
        (
            "pull_10k",
            Stat::of(pull_ours).median,
            Stat::of(pull_theirs).median,
        ),
    ];
    println!("sync benchmark: one in-process server on 127.0.0.1; medians of {RUNS} runs");
    for (name, ours, theirs) in rows {
        println!(
            "{name:<10} tcui {:>9.1} ms   taskchampion {:>9.1} ms",
            ms(ours),
            ms(theirs)
        );
    }
    for (name, ours, theirs) in rows {
        println!(
            "ratio {name} {:.3}",
            theirs.as_secs_f64() / ours.as_secs_f64()
        );
    }
}
