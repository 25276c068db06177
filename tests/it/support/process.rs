//! The tcui processes a test started, found in /proc by the data folder they were given.

use super::children::InTurn;

use std::path::Path;
use std::time::{Duration, Instant};

/// The pid of the tcui process running on `data` (not the shell around it), from /proc.
pub fn tcui_pid(data: &Path) -> Option<u32> {
    let data = data.to_string_lossy().into_owned();
    std::fs::read_dir("/proc").ok()?.find_map(|entry| {
        let entry = entry.ok()?;
        let pid: u32 = entry.file_name().to_str()?.parse().ok()?;
        let cmdline = std::fs::read(entry.path().join("cmdline")).ok()?;
        let args: Vec<String> = cmdline
            .split(|b| *b == 0)
            .map(|a| String::from_utf8_lossy(a).into_owned())
            .collect();
        let is_tcui = args.first().is_some_and(|a| a.ends_with("/tcui"));
        (is_tcui && args.contains(&data)).then_some(pid)
    })
}

/// Poll until process `pid` has ended; after `limit`, kill it (so that no test leaves one
/// behind) and panic saying `what` it did not do.
pub fn wait_until_gone(pid: u32, limit: Duration, what: &str) {
    let start = Instant::now();
    let proc = format!("/proc/{pid}");
    // A process that has ended but not been reaped yet is a zombie: gone, for this purpose.
    let alive = || {
        std::fs::read_to_string(format!("{proc}/stat")).is_ok_and(|stat| {
            stat.rsplit(')')
                .next()
                .is_some_and(|s| !s.trim_start().starts_with('Z'))
        })
    };
    while alive() {
        if start.elapsed() > limit {
            let _ = std::process::Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status_in_turn();
            panic!("tcui (pid {pid}) was still running after {limit:?}: it did not {what}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}
