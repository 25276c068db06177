//! Children of the test process, and replicas opened in it, one at a time.
//!
//! Every test runs in this one process, on parallel threads. A child holds a copy of every
//! file the process has open from the moment it is forked until it runs its program; a
//! replica's lock held that way outlives the `Replica` a test has just dropped, and opening
//! that replica again, here or in the tcui the test starts next, finds it "already open by
//! another tcui process". So children are started one at a time, each until its copies are
//! closed, and a replica is opened only once no child is being started: whatever a test
//! closed before is then closed everywhere.
//!
//! `layout.rs` checks that tests start children and open replicas only through here.

use std::io;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use tcui::replica::{Replica, ReplicaError};

static STARTING: Mutex<()> = Mutex::new(());

/// This thread's turn to start a child; no other starts one until it is dropped.
fn my_turn() -> MutexGuard<'static, ()> {
    STARTING.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Wait until `child` has closed its copies of this process's files. `spawn` returns as soon
/// as the child's program is loaded, a moment before the kernel closes them; after that it
/// names the process after its program: until the name changes, the child is still the
/// spawning thread's copy and bears its name. (Bounded, for a program named as the thread.)
fn until_copies_are_closed(child: &Child) {
    let Ok(copy) = std::fs::read_to_string("/proc/thread-self/comm") else {
        return;
    };
    let name = format!("/proc/{}/comm", child.id());
    let start = Instant::now();
    while std::fs::read_to_string(&name).is_ok_and(|now| now == copy)
        && start.elapsed() < Duration::from_secs(1)
    {
        std::thread::sleep(Duration::from_micros(100));
    }
}

/// `Command`'s ways of running a child, each taking its turn.
pub trait InTurn {
    /// As `Command::spawn`.
    fn spawn_in_turn(&mut self) -> io::Result<Child>;
    /// As `Command::status`: standard streams inherited, waits for the end.
    fn status_in_turn(&mut self) -> io::Result<ExitStatus>;
    /// As `Command::output`: no input, output and errors collected, waits for the end. The
    /// three streams are set here, replacing what was set before.
    fn output_in_turn(&mut self) -> io::Result<Output>;
}

impl InTurn for Command {
    fn spawn_in_turn(&mut self) -> io::Result<Child> {
        let _turn = my_turn();
        let child = self.spawn()?;
        until_copies_are_closed(&child);
        Ok(child)
    }

    fn status_in_turn(&mut self) -> io::Result<ExitStatus> {
        self.spawn_in_turn()?.wait()
    }

    fn output_in_turn(&mut self) -> io::Result<Output> {
        self.stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn_in_turn()?
            .wait_with_output()
    }
}

/// How long a refusal may come from a child's copy of a lock: the kernel lets the lock go
/// only when the child, its copies closed, returns to its program, which a loaded machine
/// can hold back for milliseconds. A replica really held elsewhere is refused after this.
const STRAGGLER: Duration = Duration::from_secs(1);

/// `Replica::open`, once no child is being started.
pub trait OpenInTurn: Sized {
    fn open_in_turn(path: impl AsRef<Path>) -> Result<Self, ReplicaError>;
}

impl OpenInTurn for Replica {
    fn open_in_turn(path: impl AsRef<Path>) -> Result<Replica, ReplicaError> {
        let start = Instant::now();
        loop {
            drop(my_turn());
            match Replica::open(path.as_ref()) {
                Err(ReplicaError::AlreadyOpen { .. }) if start.elapsed() < STRAGGLER => {
                    std::thread::sleep(Duration::from_millis(1));
                }
                opened => return opened,
            }
        }
    }
}
