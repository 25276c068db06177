//! The running interface's local socket (`tcui.sock` beside the replica, readable by its
//! owner only, never a network listener): other tcui processes of the same user reach the
//! replica through it while the interface holds it.
//!
//! The protocol is one line of text each way to begin with:
//! - `status` is answered with one line of JSON ([`super::status::Status`]), from the
//!   interface's memory.
//! - `lend SYNC LABEL` (`SYNC`: 1 for a sync, else 0; `LABEL`: the command line) asks for
//!   the replica. The owner finishes what it was doing, closes the file and answers `lent`;
//!   the client opens the file itself, carries out its command as it would alone (its own
//!   prompts, editor, terminal and hook scripts), closes it and says `back` (or goes away).
//!   The owner opens the file again, takes what the command changed in as an undo step of
//!   its own and shows it, and answers `taken`. A refusal is `no REASON`.

use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use super::actor::ReplicaClient;
use super::owner::ReplicaEvent;

/// The socket's file name, in the replica's folder.
pub const SOCKET_FILE: &str = "tcui.sock";

/// How long a client may take to say what it wants.
const ASKING: Duration = Duration::from_secs(5);

/// What the socket does for its clients.
pub struct Handlers {
    /// The replica's owner.
    pub owner: ReplicaClient,
    /// Where the owner's news of a lent replica taken back goes (the interface).
    pub events: Arc<dyn Fn(ReplicaEvent) + Send + Sync>,
    /// The status as JSON, from the interface; `None` if it did not answer.
    pub status: Arc<dyn Fn() -> Option<String> + Send + Sync>,
}

/// The socket, served on a thread of its own while this lives; the file goes with it.
pub struct Door {
    path: PathBuf,
    stop: Arc<AtomicBool>,
    /// The command line the replica is lent to now, if any.
    lent: Arc<std::sync::Mutex<Option<String>>>,
}

impl Door {
    /// Serve `dir/tcui.sock`. A socket file left by a process that is gone is replaced.
    pub fn open(dir: &Path, handlers: Handlers) -> std::io::Result<Door> {
        let path = dir.join(SOCKET_FILE);
        let listener = match UnixListener::bind(&path) {
            Ok(l) => l,
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => {
                if UnixStream::connect(&path).is_ok() {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::AddrInUse,
                        format!("another tcui already serves {}", path.display()),
                    ));
                }
                std::fs::remove_file(&path)?;
                UnixListener::bind(&path)?
            }
            Err(e) => return Err(e),
        };
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))?;
        }
        let stop = Arc::new(AtomicBool::new(false));
        let lent = Arc::new(std::sync::Mutex::new(None));
        let handlers = Arc::new(handlers);
        {
            let (stop, lent) = (stop.clone(), lent.clone());
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    if !same_user(&stream) {
                        continue;
                    }
                    let (handlers, lent) = (handlers.clone(), lent.clone());
                    std::thread::spawn(move || serve(stream, &handlers, &lent));
                }
            });
        }
        Ok(Door { path, stop, lent })
    }

    /// The command line the replica is lent to now, if any.
    pub fn lent_to(&self) -> Option<String> {
        self.lent.lock().ok().and_then(|l| l.clone())
    }
}

impl Drop for Door {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        let _ = std::fs::remove_file(&self.path);
        // Wake the thread waiting for a client, so that it sees it is to stop.
        let _ = UnixStream::connect(&self.path);
    }
}

/// Whether the process at the other end is this user's.
pub fn same_user(stream: &UnixStream) -> bool {
    #[cfg(target_os = "linux")]
    {
        rustix::net::sockopt::socket_peercred(stream)
            .is_ok_and(|cred| cred.uid == rustix::process::getuid())
    }
    #[cfg(not(target_os = "linux"))]
    {
        // Elsewhere the socket's mode (0600, in a folder of the user's) keeps others out.
        let _ = stream;
        true
    }
}

fn serve(stream: UnixStream, handlers: &Handlers, lent: &std::sync::Mutex<Option<String>>) {
    let _ = stream.set_read_timeout(Some(ASKING));
    let Ok(reader) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(reader);
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let mut writer = stream;
    let line = line.trim_end_matches('\n');
    if line == "status" {
        let answer =
            (handlers.status)().unwrap_or_else(|| "no the interface did not answer".into());
        let _ = writeln!(writer, "{answer}");
        return;
    }
    let Some(rest) = line.strip_prefix("lend ") else {
        let _ = writeln!(writer, "no unknown request");
        return;
    };
    let (synced, label) = rest.split_once(' ').unwrap_or((rest, ""));
    let synced = synced == "1";
    let label = label.to_string();
    if let Ok(mut l) = lent.lock() {
        // Another may be waiting for the owner too; the latest asked is named.
        *l = Some(label.clone());
    }
    let events = handlers.events.clone();
    let mut back = writer.try_clone().ok();
    let asked = handlers.owner.ask(move |owner| {
        let borrowed = || {
            let Some(to) = back.as_mut() else { return };
            if writeln!(to, "lent").is_err() {
                return;
            }
            // Until the borrower says it is done, or goes away (however it ends).
            let _ = reader.get_ref().set_read_timeout(None);
            let mut done = String::new();
            let _ = reader.read_line(&mut done);
        };
        for event in owner.lend(borrowed, &label, synced) {
            events(event);
        }
    });
    if let Ok(mut l) = lent.lock() {
        *l = None;
    }
    let _ = match asked {
        Ok(()) => writeln!(writer, "taken"),
        Err(_) => writeln!(writer, "no the interface is closing"),
    };
}
