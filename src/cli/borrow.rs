//! Beside a running interface: the command line borrows the replica through the interface's
//! socket (see `app::socket`), or asks it for the status, instead of being refused.

use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

use anyhow::{Result, bail};

use crate::app::socket::{SOCKET_FILE, same_user};

/// How long to wait for the interface to lend the replica (it first finishes what it is
/// doing, a hook script perhaps).
const LENDING: Duration = Duration::from_secs(30);

/// The replica borrowed from the interface, until the process ends.
static BORROWED: Mutex<Option<Borrowed>> = Mutex::new(None);

/// A borrowed replica: given back when dropped.
struct Borrowed {
    stream: UnixStream,
}

impl Drop for Borrowed {
    fn drop(&mut self) {
        if writeln!(self.stream, "back").is_ok() {
            // Wait (a little) for the interface to have it again, so that what runs next
            // finds it there.
            let _ = self.stream.set_read_timeout(Some(Duration::from_secs(10)));
            let mut line = String::new();
            let _ = BufReader::new(&self.stream).read_line(&mut line);
        }
    }
}

/// Whether this process has borrowed the replica.
pub fn borrowed() -> bool {
    BORROWED.lock().is_ok_and(|b| b.is_some())
}

/// Give the borrowed replica back (its file must be closed by now).
pub fn give_back() {
    if let Ok(mut b) = BORROWED.lock() {
        b.take();
    }
}

/// Connect to the interface serving the replica in `dir`: `None` when none does. A socket
/// left by an interface that is gone is removed; one that is not this user's alone is
/// refused.
fn connect(dir: &Path) -> Result<Option<UnixStream>> {
    let path = dir.join(SOCKET_FILE);
    let Ok(meta) = std::fs::symlink_metadata(&path) else {
        return Ok(None);
    };
    check_owner(&path, &meta)?;
    match UnixStream::connect(&path) {
        Ok(stream) => {
            if !same_user(&stream) {
                bail!(
                    "{} is served by another user's process; tcui will not use it",
                    path.display()
                );
            }
            Ok(Some(stream))
        }
        Err(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => {
            // Its interface is gone (killed, or crashed).
            let _ = std::fs::remove_file(&path);
            Ok(None)
        }
        Err(_) => Ok(None),
    }
}

/// A socket file must be this user's and reachable by no one else.
fn check_owner(path: &Path, meta: &std::fs::Metadata) -> Result<()> {
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    let mine = meta.uid() == rustix::process::getuid().as_raw();
    if !meta.file_type().is_socket() || !mine || meta.mode() & 0o077 != 0 {
        bail!(
            "{} is not a socket of yours that only you can reach, so tcui will not use it; \
             remove it if no tcui of yours is running",
            path.display()
        );
    }
    Ok(())
}

/// Borrow the replica in `dir` from the interface that holds it: false when no interface
/// answers (the caller then says why the replica could not be opened).
pub fn borrow(dir: &Path, label: &str, synced: bool) -> Result<bool> {
    let Some(mut stream) = connect(dir)? else {
        return Ok(false);
    };
    // One line: the label may not break it.
    let label: String = label
        .chars()
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    writeln!(stream, "lend {} {label}", u8::from(synced))?;
    stream.set_read_timeout(Some(LENDING))?;
    let mut line = String::new();
    let answered = BufReader::new(&stream).read_line(&mut line);
    match (answered, line.trim_end()) {
        (Ok(_), "lent") => {}
        (Ok(_), answer) if answer.starts_with("no ") => {
            bail!(
                "the running tcui did not lend the replica: {}",
                &answer[3..]
            )
        }
        _ => bail!(
            "the running tcui did not lend the replica within {} s; try again, or quit it",
            LENDING.as_secs()
        ),
    }
    if let Ok(mut b) = BORROWED.lock() {
        *b = Some(Borrowed { stream });
    }
    Ok(true)
}

/// The status from the interface serving the replica in `dir`, as JSON; `None` when none
/// does.
pub fn status(dir: &Path) -> Result<Option<String>> {
    let Some(mut stream) = connect(dir)? else {
        return Ok(None);
    };
    writeln!(stream, "status")?;
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut line = String::new();
    BufReader::new(&stream).read_line(&mut line)?;
    let line = line.trim_end();
    if let Some(why) = line.strip_prefix("no ") {
        bail!("the running tcui did not tell its status: {why}");
    }
    Ok(Some(line.to_string()))
}
