//! tcui in a real terminal: a tmux server of its own per test (never the user's), keys sent
//! with `send-keys`, the screen read with `capture-pane`, waits by polling the screen; and
//! the place (replica, home, taskrc) each test runs tcui in.

use super::children::{InTurn, OpenInTurn};

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use tcui::replica::Replica;
use tempfile::TempDir;

/// How long a step may take before the test gives up; generous for a loaded 2-core machine.
pub const TIMEOUT: Duration = Duration::from_secs(15);
/// How often the screen is read while waiting.
pub const POLL: Duration = Duration::from_millis(50);

/// A tmux server of its own running one session with one pane.
pub struct Tmux {
    socket: String,
    target: String,
    /// The socket file, removed on drop (tmux leaves it behind).
    socket_path: PathBuf,
}

impl Tmux {
    /// Start a detached `width`×`height` session running `command` (program and arguments).
    /// The pane stays after the program ends, so its last state can still be read.
    pub fn start(width: u16, height: u16, command: &[String]) -> Tmux {
        require_tmux();
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let mut tmux = Tmux {
            socket: format!(
                "tcui-e2e-{}-{}-{nanos}",
                std::process::id(),
                NEXT.fetch_add(1, Ordering::Relaxed)
            ),
            target: "tcui".into(),
            socket_path: PathBuf::new(),
        };
        let (w, h) = (width.to_string(), height.to_string());
        let mut args = vec![
            "set-option",
            "-g",
            "remain-on-exit",
            "on",
            ";",
            "new-session",
            "-d",
            "-s",
            &tmux.target,
            "-x",
            &w,
            "-y",
            &h,
        ];
        args.extend(command.iter().map(String::as_str));
        tmux.run(&args);
        tmux.socket_path = tmux.format("#{socket_path}").into();
        tmux
    }

    /// Run a tmux command on this server; panics with tmux's message if it fails.
    pub fn run(&self, args: &[&str]) -> Output {
        let out = Command::new("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .env_remove("TMUX")
            .output_in_turn()
            .expect("tmux was found a moment ago");
        assert!(
            out.status.success(),
            "tmux {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// Press keys by tmux's names: `a`, `Enter`, `Escape`, `C-r`.
    pub fn send_keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", &self.target];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    /// Type `text` as it is, no key names.
    pub fn send_text(&self, text: &str) {
        self.run(&["send-keys", "-t", &self.target, "-l", "--", text]);
    }

    /// The screen as text, one line per row.
    pub fn capture(&self) -> String {
        let out = self.run(&["capture-pane", "-p", "-t", &self.target]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The row drawn in reverse video (tcui's cursor), as plain text.
    pub fn cursor_row(&self) -> Option<String> {
        let out = self.run(&["capture-pane", "-p", "-e", "-t", &self.target]);
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .find(|l| turns_on_reverse(l))
            .map(strip_escapes)
    }

    /// A tmux format for the pane, e.g. `#{pane_dead}`.
    pub fn format(&self, format: &str) -> String {
        let out = self.run(&["display-message", "-p", "-t", &self.target, format]);
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    pub fn resize(&self, width: u16, height: u16) {
        let (w, h) = (width.to_string(), height.to_string());
        self.run(&["resize-window", "-t", &self.target, "-x", &w, "-y", &h]);
    }

    /// Poll the screen until `ok` holds; panics naming `what` and showing the last screen.
    pub fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        self.wait_within(TIMEOUT, what, ok)
    }

    /// [`Tmux::wait_for`] with a time limit of its own, for a step that takes several
    /// timer intervals of the program under test.
    pub fn wait_within(&self, limit: Duration, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.capture();
            if ok(&screen) {
                return screen;
            }
            if start.elapsed() > limit {
                panic!(
                    "waited {limit:?} for {what}; the screen was:\n{}",
                    framed(&screen)
                );
            }
            std::thread::sleep(POLL);
        }
    }

    /// Move tcui's cursor onto the list row showing `description` with `j`/`k`.
    pub fn select(&self, description: &str) {
        for _ in 0..10 {
            let screen = self.capture();
            let Some(cursor) = self.cursor_row() else {
                panic!("no cursor row on the screen:\n{}", framed(&screen));
            };
            if shows_description(&cursor, description) {
                return;
            }
            let rows: Vec<&str> = screen.lines().collect();
            let at = |pred: &dyn Fn(&str) -> bool| rows.iter().position(|l| pred(l));
            let target = at(&|l| shows_description(l, description))
                .unwrap_or_else(|| panic!("no row {description:?} on\n{}", framed(&screen)));
            let here = at(&|l| l.trim_end() == cursor.trim_end()).unwrap_or(target);
            self.send_keys(&[if target > here { "j" } else { "k" }]);
            let start = Instant::now();
            while self.cursor_row().as_deref() == Some(cursor.as_str()) {
                assert!(start.elapsed() < TIMEOUT, "the cursor does not move");
                std::thread::sleep(POLL);
            }
        }
        panic!("could not move the cursor to {description:?}");
    }

    /// Poll until the program in the pane has ended.
    pub fn wait_for_pane_dead(&self) {
        let start = Instant::now();
        while self.format("#{pane_dead}") != "1" {
            if start.elapsed() > TIMEOUT {
                panic!(
                    "the shell around tcui did not end within {TIMEOUT:?}; the screen was:\n{}",
                    framed(&self.capture())
                );
            }
            std::thread::sleep(POLL);
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        // Ends tcui too if a test failed half-way; an error only means it is gone already.
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .env_remove("TMUX")
            .output_in_turn();
        if !self.socket_path.as_os_str().is_empty() {
            let _ = std::fs::remove_file(&self.socket_path);
        }
    }
}

/// Where one test keeps its replica, home folder and what the shell around tcui records.
pub struct Place {
    dir: TempDir,
}

impl Place {
    pub fn new() -> Place {
        let place = Place {
            dir: TempDir::new().unwrap(),
        };
        std::fs::create_dir(place.home()).unwrap();
        // An empty taskrc of its own: no sync configured, and the user's taskrc never read.
        std::fs::write(place.file("taskrc"), "").unwrap();
        place
    }

    pub fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn home(&self) -> PathBuf {
        self.dir.path().join("home")
    }

    pub fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// tcui on this replica, with no settings of the user's (an empty taskrc, a settings file
    /// that does not exist), inside a shell that records the
    /// terminal settings before and after and tcui's exit status, then waits for a line, so
    /// that the terminal can be looked at after tcui and before tmux marks the pane dead
    /// (which hides the cursor).
    pub fn tcui_command(&self) -> Vec<String> {
        self.tcui_command_with(&[])
    }

    /// [`Place::tcui_command`] with more variables in tcui's environment.
    pub fn tcui_command_with(&self, env: &[(&str, &str)]) -> Vec<String> {
        let q = |p: PathBuf| shell_quote(&p.to_string_lossy());
        let more: String = env
            .iter()
            .map(|(k, v)| format!("{k}={} ", shell_quote(v)))
            .collect();
        let script = format!(
            "stty -g > {before}; \
             env -u TCUI_DATA TCUI_CONFIG={none} TASKRC={taskrc} HOME={home} \
             TERM=xterm-256color {more}{bin} --data-dir {data}; \
             status=$?; stty -g > {after}; echo $status > {status}.new; mv {status}.new {status}; \
             read line; exit $status",
            before = q(self.file("stty.before")),
            none = q(self.file("no-config.rc")),
            taskrc = q(self.file("taskrc")),
            home = q(self.home()),
            bin = shell_quote(env!("CARGO_BIN_EXE_tcui")),
            data = q(self.data()),
            after = q(self.file("stty.after")),
            status = q(self.file("status")),
        );
        vec!["sh".into(), "-c".into(), script]
    }

    /// Poll until tcui has ended, and return its exit status.
    pub fn wait_for_exit_status(&self, tmux: &Tmux) -> String {
        let start = Instant::now();
        loop {
            if let Ok(status) = std::fs::read_to_string(self.file("status")) {
                return status.trim().to_string();
            }
            if start.elapsed() > TIMEOUT {
                panic!(
                    "tcui did not end within {TIMEOUT:?}; the screen was:\n{}",
                    framed(&tmux.capture())
                );
            }
            std::thread::sleep(POLL);
        }
    }

    /// After tcui has ended in `tmux`: the terminal's modes are as before it started, the
    /// alternate screen is left and mouse capture is off.
    pub fn assert_terminal_restored(&self, tmux: &Tmux) {
        assert_eq!(
            self.read("stty.after"),
            self.read("stty.before"),
            "terminal modes"
        );
        assert_eq!(
            tmux.format("#{alternate_on}"),
            "0",
            "still on the alternate screen"
        );
        assert_eq!(
            tmux.format("#{mouse_any_flag}"),
            "0",
            "mouse capture left on"
        );
    }

    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.file(name))
            .unwrap_or_else(|e| panic!("cannot read {name}: {e}"))
    }

    /// The replica, to fill before tcui starts.
    pub fn replica(&self) -> Replica {
        std::fs::create_dir_all(self.data()).unwrap();
        Replica::open_in_turn(self.data().join("replica.redb")).unwrap()
    }

    /// tcui's summary of the replica, without a terminal.
    pub fn summary(&self) -> String {
        self.ok(&["diagnostics"])
    }

    /// `tcui ARGS` on this place's replica and taskrc, outside the terminal, with more
    /// variables in its environment; it may fail.
    pub fn run_with(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        self.command(args)
            .envs(env.iter().copied())
            .output_in_turn()
            .unwrap()
    }

    /// `tcui ARGS` on this place's replica and taskrc, to be started.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_tcui"));
        command
            .arg("--data-dir")
            .arg(self.data())
            .args(args)
            .env_remove("TCUI_DATA")
            .env("HOME", self.home())
            .env("TASKRC", self.file("taskrc"))
            .env("TCUI_CONFIG", self.file("no-config.rc"));
        command
    }

    /// [`Place::run_with`] with nothing more in the environment.
    pub fn run(&self, args: &[&str]) -> Output {
        self.run_with(args, &[])
    }

    /// `tcui ARGS` on this place's replica and taskrc, outside the terminal; its output,
    /// after checking it succeeded.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

pub fn require_tmux() {
    match Command::new("tmux").arg("-V").output_in_turn() {
        Ok(out) if out.status.success() => {}
        Ok(out) => panic!(
            "`tmux -V` failed ({}): these tests drive tcui in tmux; install a working tmux",
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(e) => panic!(
            "cannot run tmux ({e}): these tests drive tcui in tmux; install it \
             (`apt-get install tmux`, `brew install tmux`); `.ci/run` installs it"
        ),
    }
}

pub fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

pub fn title(screen: &str) -> &str {
    screen.lines().next().unwrap_or("")
}

/// The bottom line: a message, the key hints or a prompt.
pub fn status(screen: &str) -> &str {
    screen.lines().last().unwrap_or("").trim()
}

/// The list row showing `description` (a whole cell: the urgency may follow it).
pub fn row<'a>(screen: &'a str, description: &str) -> Option<&'a str> {
    screen
        .lines()
        .skip(2)
        .find(|l| shows_description(l, description))
}

/// Whether a list row shows `description` as its own cell.
pub fn shows_description(line: &str, description: &str) -> bool {
    let line = line.trim_end();
    line.ends_with(description) || line.contains(&format!(" {description}  "))
}

/// The screen's words as one line, so that text wrapped over lines still matches.
pub fn flat(screen: &str) -> String {
    screen.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn framed(screen: &str) -> String {
    screen
        .lines()
        .map(|l| format!("|{l}|\n"))
        .collect::<String>()
}

/// Whether a line captured with escapes (`capture-pane -e`) switches reverse video on.
pub fn turns_on_reverse(line: &str) -> bool {
    let mut rest = line;
    while let Some(start) = rest.find("\x1b[") {
        rest = &rest[start + 2..];
        let Some(end) = rest.find(|c: char| !(c.is_ascii_digit() || c == ';')) else {
            return false;
        };
        if rest[end..].starts_with('m') {
            let mut params = rest[..end].split(';');
            while let Some(p) = params.next() {
                match p {
                    // Extended colours: skip their arguments, which may contain a 7.
                    "38" | "48" | "58" => match params.next() {
                        Some("5") => drop(params.next()),
                        Some("2") => drop(params.by_ref().take(3).count()),
                        _ => {}
                    },
                    "7" => return true,
                    _ => {}
                }
            }
        }
        rest = &rest[end..];
    }
    false
}

pub fn strip_escapes(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            // CSI: ESC [ parameters final-byte
            if chars.next() == Some('[') {
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() {
                        break;
                    }
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}
