//! Taskwarrior's hooks: the user's scripts in the hooks folder (`hooks.location`, else
//! `data.location/hooks`), run as `task` runs them. A script runs for an event when its
//! file name starts with the event's (`on-add`, `on-modify`, `on-launch`, `on-exit`) and it
//! is executable; scripts run in the order of their names, with Taskwarrior's arguments
//! (`api:2 args:… command:… rc:… data:… version:…`). Tasks go to a script's standard input
//! and come back on its output as JSON objects, one per line, as `task export` writes
//! them; other lines are feedback. A script that exits non-zero refuses the change, with
//! its feedback as the reason; one that runs past the time allowed is stopped, and the
//! change is refused too.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use thiserror::Error;
use uuid::Uuid;

use crate::task::{Operations, TaskData, TaskMap};

/// The events a script can run for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    Launch,
    Add,
    Modify,
    Exit,
}

impl Event {
    /// How a script's name starts for this event.
    pub fn prefix(self) -> &'static str {
        match self {
            Event::Launch => "on-launch",
            Event::Add => "on-add",
            Event::Modify => "on-modify",
            Event::Exit => "on-exit",
        }
    }
}

/// Why a hook stopped a change, in Taskwarrior's words where it has them.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum HookError {
    /// The script refused (exited non-zero); its feedback lines.
    #[error("{}", .0.join("\n"))]
    Refused(Vec<String>),
    #[error("Hook Error: Expected feedback from failing hook script: {0}")]
    NoFeedback(String),
    #[error("Hook Error: Expected {want} JSON task(s), found {found}, in hook script: {script}")]
    Count {
        want: usize,
        found: usize,
        script: String,
    },
    #[error("Hook Error: JSON syntax error in: {0}")]
    Syntax(String),
    #[error("Hook Error: JSON Object missing 'description' attribute from hook script: {0}")]
    NoDescription(String),
    #[error("Hook Error: JSON Object missing 'uuid' attribute from hook script: {0}")]
    NoUuid(String),
    #[error(
        "Hook Error: JSON must be for the same task: {want} != {found}, in hook script: {script}"
    )]
    OtherTask {
        want: String,
        found: String,
        script: String,
    },
    #[error(
        "the hook script {script} did not finish within {secs} s and was stopped; nothing was \
         changed (make it faster, or move it out of the hooks folder)"
    )]
    TimedOut { script: String, secs: u64 },
    #[error("the hook script {script} could not be run: {why}")]
    Start { script: String, why: String },
}

/// What a run of the scripts for an event said besides the tasks: feedback lines, shown
/// to the user as Taskwarrior shows them (after the command's own output).
pub type Feedback = Vec<String>;

/// The hook scripts found, and what they are called with.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hooks {
    scripts: Vec<PathBuf>,
    args: Vec<String>,
    timeout: Duration,
    /// Whether what scripts write on standard error reaches the user's (as with `task`);
    /// not while the interface owns the terminal.
    show_errors: bool,
    /// The scripts (by file name) that also run on changes that come by sync.
    synced: Vec<String>,
}

/// What Taskwarrior tells its scripts about the command that runs them.
#[derive(Debug, Clone, Default)]
pub struct Invocation {
    /// The command line, as typed (`task` first, as Taskwarrior passes it).
    pub args: String,
    /// The command's name (`add`, `modify`, …).
    pub command: String,
    /// The taskrc read.
    pub rc: String,
    /// The data folder.
    pub data: String,
}

/// The version scripts are told, as `task --version` says it.
const VERSION: &str = "3.1.0";

impl Hooks {
    /// The executable scripts in `folder`, by name; none when the folder cannot be read.
    pub fn find(folder: &Path, invocation: &Invocation, timeout: Duration) -> Hooks {
        let mut scripts: Vec<PathBuf> = std::fs::read_dir(folder)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| is_executable(p))
                    .collect()
            })
            .unwrap_or_default();
        scripts.sort();
        Hooks {
            scripts,
            args: vec![
                "api:2".to_string(),
                format!("args:{}", invocation.args),
                format!("command:{}", invocation.command),
                format!("rc:{}", invocation.rc),
                format!("data:{}", invocation.data),
                format!("version:{VERSION}"),
            ],
            timeout,
            show_errors: false,
            synced: Vec::new(),
        }
    }

    /// Let the scripts named (by file name) also run on changes that come by sync.
    pub fn with_synced(mut self, names: Vec<String>) -> Hooks {
        self.synced = names;
        self
    }

    /// The names given to [`Hooks::with_synced`] that name no script found here.
    pub fn synced_missing(&self) -> Vec<String> {
        self.synced
            .iter()
            .filter(|n| !self.scripts.iter().any(|p| name(p) == **n))
            .cloned()
            .collect()
    }

    /// The scripts that run on changes that come by sync, told that the command is `sync`;
    /// `None` when there are none.
    pub fn for_sync(&self) -> Option<Hooks> {
        let scripts: Vec<PathBuf> = self
            .scripts
            .iter()
            .filter(|p| self.synced.contains(&name(p)))
            .cloned()
            .collect();
        if scripts.is_empty() {
            return None;
        }
        let args = self
            .args
            .iter()
            .map(|a| {
                if a.starts_with("command:") {
                    "command:sync".to_string()
                } else {
                    a.clone()
                }
            })
            .collect();
        Some(Hooks {
            scripts,
            args,
            synced: Vec::new(),
            ..self.clone()
        })
    }

    /// Run the `on-add` and `on-modify` scripts on changes that came by sync: each task as
    /// it was before (`None`: it is new) and as it is now. Such a change was made elsewhere
    /// and stays: a script that refuses it, or fails, is reported, not obeyed. What the
    /// scripts change in a task comes back as updates stamped `now`.
    pub fn on_synced(
        &self,
        changes: &[(Uuid, Option<TaskMap>, TaskMap)],
        now: DateTime<Utc>,
    ) -> Synced {
        let mut run = Synced::default();
        for (uuid, before, after) in changes {
            let before = before.as_ref().map(|b| map_as_json(*uuid, b));
            let after_json = map_as_json(*uuid, after);
            let result = self
                .change(before.as_deref(), after_json.clone(), &uuid.to_string())
                .and_then(|(returned, said)| {
                    changes_made(*uuid, after, &after_json, &returned, now, &mut run.ops)?;
                    Ok(said)
                });
            match result {
                Ok(said) => run.said.extend(said),
                Err(e) => run.failures.push(format!(
                    "a change that came by sync to {}: {e}",
                    description(after)
                )),
            }
        }
        run
    }

    /// What scripts write on standard error goes to the user's, as with `task`.
    pub fn showing_errors(mut self) -> Hooks {
        self.show_errors = true;
        self
    }

    /// Whether any script was found.
    pub fn found(&self) -> bool {
        !self.scripts.is_empty()
    }

    /// Whether any script runs for `event`.
    pub fn any(&self, event: Event) -> bool {
        self.of(event).next().is_some()
    }

    fn of(&self, event: Event) -> impl Iterator<Item = &PathBuf> {
        self.scripts.iter().filter(move |p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(event.prefix()))
        })
    }

    /// `on-launch`, or `on-exit` with the tasks changed (JSON lines): the scripts' feedback.
    pub fn notify(&self, event: Event, tasks: &[String]) -> Result<Feedback, HookError> {
        let mut feedback = Vec::new();
        for script in self.of(event) {
            let (json, lines) = self.call(script, tasks)?;
            if !json.is_empty() {
                return Err(HookError::Count {
                    want: 0,
                    found: json.len(),
                    script: name(script),
                });
            }
            feedback.extend(lines);
        }
        Ok(feedback)
    }

    /// `on-add` with the new task, or `on-modify` with the task before and after the
    /// change (JSON lines): the task as the scripts leave it, each script given what the
    /// one before returned, and their feedback.
    pub fn change(
        &self,
        before: Option<&str>,
        after: String,
        uuid: &str,
    ) -> Result<(String, Feedback), HookError> {
        let event = if before.is_some() {
            Event::Modify
        } else {
            Event::Add
        };
        let mut task = after;
        let mut feedback = Vec::new();
        for script in self.of(event) {
            let input: Vec<String> = before
                .iter()
                .map(|b| b.to_string())
                .chain([task.clone()])
                .collect();
            let (json, lines) = self.call(script, &input)?;
            let [one] = json.as_slice() else {
                return Err(HookError::Count {
                    want: 1,
                    found: json.len(),
                    script: name(script),
                });
            };
            check_task(one, uuid, script)?;
            task = one.clone();
            feedback.extend(lines);
        }
        Ok((task, feedback))
    }

    /// Run `script` with `input` on its standard input: its JSON lines and its feedback,
    /// or why it refused.
    fn call(&self, script: &Path, input: &[String]) -> Result<(Vec<String>, Feedback), HookError> {
        let start_error = |why: String| HookError::Start {
            script: name(script),
            why,
        };
        let mut command = Command::new(script);
        // A group of its own, so that what it started is stopped with it.
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        command
            .args(&self.args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(if self.show_errors {
                Stdio::inherit()
            } else {
                Stdio::null()
            });
        // A script still open for writing somewhere (just saved, or inherited for an
        // instant by a process another thread is starting) cannot be run yet: tried again
        // for a moment.
        let began = Instant::now();
        let mut child = loop {
            match command.spawn() {
                Err(e)
                    if e.kind() == std::io::ErrorKind::ExecutableFileBusy
                        && began.elapsed() < Duration::from_secs(1) =>
                {
                    std::thread::sleep(Duration::from_millis(10));
                }
                spawned => break spawned.map_err(|e| start_error(e.to_string()))?,
            }
        };
        let mut text = String::new();
        for line in input {
            text.push_str(line);
            text.push('\n');
        }
        // Written and read on threads of their own, so that a script that neither reads
        // nor finishes is still stopped on time.
        let mut stdin = child.stdin.take();
        let writer = std::thread::spawn(move || {
            if let Some(stdin) = stdin.as_mut() {
                let _ = stdin.write_all(text.as_bytes());
            }
        });
        let mut stdout = child.stdout.take();
        let reader = std::thread::spawn(move || {
            let mut out = Vec::new();
            if let Some(stdout) = stdout.as_mut() {
                let _ = stdout.read_to_end(&mut out);
            }
            out
        });
        let began = Instant::now();
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) if began.elapsed() >= self.timeout => {
                    stop_group(child.id());
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(HookError::TimedOut {
                        script: name(script),
                        secs: self.timeout.as_secs().max(1),
                    });
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(5)),
                Err(e) => return Err(start_error(e.to_string())),
            }
        };
        let _ = writer.join();
        let out = reader.join().unwrap_or_default();
        let out = String::from_utf8_lossy(&out);
        let (mut json, mut feedback) = (Vec::new(), Vec::new());
        for line in out.lines() {
            // As Taskwarrior tells them apart: a line that starts with `{` and ends with `}`.
            if line.len() > 2 && line.starts_with('{') && line.ends_with('}') {
                json.push(line.to_string());
            } else if !line.is_empty() {
                feedback.push(line.to_string());
            }
        }
        if status.success() {
            return Ok((json, feedback));
        }
        if feedback.iter().all(|l| l.trim().is_empty()) {
            return Err(HookError::NoFeedback(name(script)));
        }
        Err(HookError::Refused(feedback))
    }
}

/// Run the scripts that see synced changes on what the sync of `report` changed (a
/// syncer that remembered how the tasks were before), reading each task as it is now from
/// `replica`; a task the sync left as it was, or removed, is not run on.
pub fn after_sync(
    hooks: &Hooks,
    report: &crate::sync::SyncReport,
    replica: &mut dyn crate::sync::SyncTarget,
    now: DateTime<Utc>,
) -> Result<Synced, crate::sync::SyncError> {
    if report.before.is_empty() {
        return Ok(Synced::default());
    }
    let uuids: Vec<Uuid> = report.before.iter().map(|(u, _)| *u).collect();
    let changes: Vec<(Uuid, Option<TaskMap>, TaskMap)> = report
        .before
        .iter()
        .zip(replica.task_data(&uuids)?)
        .filter_map(|((uuid, before), after)| {
            let after = after?.to_map();
            (before.as_ref() != Some(&after)).then(|| (*uuid, before.clone(), after))
        })
        .collect();
    Ok(hooks.on_synced(&changes, now))
}

/// What the scripts made of changes that came by sync.
#[derive(Debug, Default)]
pub struct Synced {
    /// Their changes to the tasks, to be committed.
    pub ops: Operations,
    /// Their feedback.
    pub said: Vec<String>,
    /// Scripts that refused or failed, with the task (the change stays).
    pub failures: Vec<String>,
}

impl Synced {
    /// The scripts' changes as a step of their own, an undo point first; `None` when they
    /// changed nothing.
    pub fn step(&mut self) -> Option<Operations> {
        if self.ops.is_empty() {
            return None;
        }
        let mut ops = vec![crate::task::Operation::UndoPoint];
        ops.append(&mut self.ops);
        Some(ops)
    }
}

/// A syncer for scripts that see synced changes (`hooks`): one that remembers how the
/// tasks it changes were before; a plain one without such scripts.
pub fn syncer_for(hooks: Option<&Hooks>) -> crate::sync::Syncer {
    let syncer = crate::sync::Syncer::new(false);
    match hooks {
        Some(_) => syncer.remembering(),
        None => syncer,
    }
}

/// What scripts said, on one line for a status line: lines joined by `; `, the spaces that
/// lined up columns in each squeezed to one.
pub fn one_line(lines: &[String]) -> String {
    lines
        .iter()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

/// `'description'` of a task, for messages.
fn description(task: &TaskMap) -> String {
    format!("'{}'", task.get("description").map_or("", String::as_str))
}

/// Add to `ops` the updates that make the task `uuid`, sent to the scripts as `after` (in
/// JSON, `after_json`), what they `returned`: each property they changed, read as an
/// import reads it, stamped `now`.
pub fn changes_made(
    uuid: Uuid,
    after: &TaskMap,
    after_json: &str,
    returned: &str,
    now: DateTime<Utc>,
    ops: &mut Operations,
) -> Result<(), HookError> {
    use crate::transfer::json::{UdaTypes, parse_export};
    if returned == after_json {
        return Ok(());
    }
    let udas = UdaTypes::default();
    let read = |text: &str| {
        parse_export(text, &udas, now, &mut Uuid::new_v4)
            .ok()
            .and_then(|mut v| v.pop())
            .map(|i| i.map)
    };
    // Compared with the task read the same way, so that only what a script changed is
    // written.
    let (Some(sent), Some(back)) = (read(after_json), read(returned)) else {
        return Err(HookError::Syntax(returned.to_string()));
    };
    let mut task = TaskData::new(uuid, after.clone());
    let keys: std::collections::BTreeSet<&String> = sent.keys().chain(back.keys()).collect();
    for key in keys {
        if sent.get(key) != back.get(key) {
            task.update(key.clone(), back.get(key).cloned(), now, ops);
        }
    }
    Ok(())
}

/// The task `uuid` with the properties `map`, as scripts read it (see [`as_json`]).
pub fn map_as_json(uuid: Uuid, map: &TaskMap) -> String {
    as_json(TaskData::new(uuid, map.clone()))
}

/// A task as scripts read it: one line of JSON, as `task export` writes it.
pub fn as_json(task: TaskData) -> String {
    let udas = crate::transfer::json::UdaTypes::default();
    crate::transfer::json::export_task(&crate::task::Task::new(task), 0, 0.0, &udas)
}

/// Stop the process group `id` leads: a script and whatever it started (a `sleep` that
/// would hold its output open).
fn stop_group(id: u32) {
    #[cfg(unix)]
    let _ = Command::new("kill")
        .args(["-KILL", "--", &format!("-{id}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    #[cfg(not(unix))]
    let _ = id;
}

/// A script's task: a JSON object with a description and the same UUID.
fn check_task(line: &str, uuid: &str, script: &Path) -> Result<(), HookError> {
    let value: serde_json::Value =
        serde_json::from_str(line).map_err(|_| HookError::Syntax(line.to_string()))?;
    let Some(object) = value.as_object() else {
        return Err(HookError::Syntax(line.to_string()));
    };
    if !object.contains_key("description") {
        return Err(HookError::NoDescription(name(script)));
    }
    let Some(found) = object.get("uuid") else {
        return Err(HookError::NoUuid(name(script)));
    };
    let found = found.as_str().unwrap_or_default();
    if found != uuid {
        return Err(HookError::OtherTask {
            want: uuid.to_string(),
            found: found.to_string(),
            script: name(script),
        });
    }
    Ok(())
}

fn name(script: &Path) -> String {
    script.file_name().map_or_else(
        || script.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    path.is_file()
}

#[cfg(test)]
mod tests {
    use super::*;

    const UUID: &str = "8839fa23-e79d-4e70-82cd-2e47149a33e9";

    fn task(extra: &str) -> String {
        format!(r#"{{"description":"Buy milk","status":"pending","uuid":"{UUID}"{extra}}}"#)
    }

    /// A hooks folder with these scripts (name, text), each executable.
    fn folder(scripts: &[(&str, &str)]) -> (tempfile::TempDir, Hooks) {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::TempDir::new().unwrap();
        for (name, text) in scripts {
            let path = dir.path().join(name);
            std::fs::write(&path, text).unwrap();
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        let invocation = Invocation {
            args: "task add Buy milk".into(),
            command: "add".into(),
            rc: "/home/me/.taskrc".into(),
            data: "/home/me/.task".into(),
        };
        let hooks = Hooks::find(dir.path(), &invocation, Duration::from_secs(2));
        (dir, hooks)
    }

    #[test]
    fn scripts_run_in_name_order_each_given_what_the_one_before_returned() {
        // Each appends its name to the description, in a way that shows the order.
        let tag = |n: &str| {
            format!(
                "#!/usr/bin/env python3\nimport sys, json\nt = json.loads(sys.stdin.read().splitlines()[-1])\n\
                 t['description'] += ' {n}'\nprint(json.dumps(t))\nprint('added {n}')\n"
            )
        };
        let (_dir, hooks) = folder(&[
            ("on-add.b", &tag("b")),
            ("on-add.a", &tag("a")),
            ("on-modify.x", &tag("x")),
        ]);
        let (out, feedback) = hooks.change(None, task(""), UUID).unwrap();
        let out: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(out["description"], "Buy milk a b");
        assert_eq!(feedback, ["added a", "added b"]);
        // on-modify gets the task before and after, and returns the one after.
        let (out, _) = hooks
            .change(Some(&task("")), task(r#","priority":"H""#), UUID)
            .unwrap();
        let out: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(
            (out["description"].as_str(), out["priority"].as_str()),
            (Some("Buy milk x"), Some("H"))
        );
    }

    #[test]
    fn the_arguments_are_taskwarriors() {
        let (_dir, hooks) = folder(&[(
            "on-launch-args",
            "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n",
        )]);
        let said = hooks.notify(Event::Launch, &[]).unwrap();
        assert_eq!(
            said,
            [
                "api:2",
                "args:task add Buy milk",
                "command:add",
                "rc:/home/me/.taskrc",
                "data:/home/me/.task",
                "version:3.1.0"
            ]
        );
    }

    #[test]
    fn a_refusal_a_hang_garbage_and_silence_each_stop_the_change_with_a_reason() {
        let cases: [(&str, &str, HookError); 6] = [
            (
                "on-add-refuse",
                "#!/bin/sh\necho 'no tasks on Sundays'\nexit 1\n",
                HookError::Refused(vec!["no tasks on Sundays".into()]),
            ),
            (
                "on-add-mute",
                "#!/bin/sh\nexit 3\n",
                HookError::NoFeedback("on-add-mute".into()),
            ),
            (
                "on-add-garbage",
                "#!/bin/sh\ncat >/dev/null\necho '{not json}'\n",
                HookError::Syntax("{not json}".into()),
            ),
            (
                "on-add-none",
                "#!/bin/sh\ncat >/dev/null\necho 'fine'\n",
                HookError::Count {
                    want: 1,
                    found: 0,
                    script: "on-add-none".into(),
                },
            ),
            (
                "on-add-other",
                "#!/bin/sh\ncat >/dev/null\necho '{\"description\":\"x\",\"uuid\":\"other\"}'\n",
                HookError::OtherTask {
                    want: UUID.into(),
                    found: "other".into(),
                    script: "on-add-other".into(),
                },
            ),
            (
                "on-add-hang",
                "#!/bin/sh\nsleep 30\n",
                HookError::TimedOut {
                    script: "on-add-hang".into(),
                    secs: 2,
                },
            ),
        ];
        for (name, text, want) in cases {
            let (_dir, hooks) = folder(&[(name, text)]);
            let began = Instant::now();
            assert_eq!(hooks.change(None, task(""), UUID), Err(want), "{name}");
            assert!(began.elapsed() < Duration::from_secs(10), "{name}");
        }
    }

    #[test]
    fn a_script_that_changes_nothing_passes_the_task_on_and_others_are_left_alone() {
        let (_dir, _) = folder(&[
            ("on-add-same", "#!/bin/sh\ncat\n"),
            // Not executable, or not named for an event: not run.
            ("README", "#!/bin/sh\nexit 1\n"),
        ]);
        std::fs::write(_dir.path().join("on-add-off"), "#!/bin/sh\nexit 1\n").unwrap();
        let hooks = Hooks::find(_dir.path(), &Invocation::default(), Duration::from_secs(2));
        let (out, feedback) = hooks.change(None, task(""), UUID).unwrap();
        assert_eq!((out, feedback), (task(""), Vec::<String>::new()));
        assert!(!hooks.any(Event::Modify));
        // An on-exit script gets the changed tasks and may say something; tasks back are
        // an error.
        let (_dir, hooks) = folder(&[("on-exit-count", "#!/bin/sh\necho \"$(wc -l) changed\"\n")]);
        assert_eq!(
            hooks.notify(Event::Exit, &[task(""), task("")]).unwrap(),
            ["2 changed"]
        );
        let (_dir, hooks) = folder(&[("on-exit-echo", "#!/bin/sh\ncat\n")]);
        assert!(matches!(
            hooks.notify(Event::Exit, &[task("")]),
            Err(HookError::Count {
                want: 0,
                found: 1,
                ..
            })
        ));
    }

    #[test]
    fn only_the_scripts_named_run_on_synced_changes_told_the_command_is_sync() {
        let echo = "#!/bin/sh\nread before\nread after\necho \"$after\"\necho \"$0 $3\"\n";
        let (_dir, hooks) = folder(&[("on-modify.named", echo), ("on-modify.other", echo)]);
        assert!(hooks.for_sync().is_none(), "none named");
        let hooks = hooks.with_synced(vec!["on-modify.named".into(), "on-add.gone".into()]);
        assert_eq!(hooks.synced_missing(), ["on-add.gone"]);
        let synced = hooks.for_sync().unwrap();
        let uuid: Uuid = UUID.parse().unwrap();
        let map = |d: &str| -> TaskMap {
            [("description", d), ("status", "pending")]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        let run = synced.on_synced(&[(uuid, Some(map("old")), map("new"))], Utc::now());
        assert!(run.ops.is_empty(), "it changed nothing: {:?}", run.ops);
        assert!(run.failures.is_empty(), "{:?}", run.failures);
        let [said] = run.said.as_slice() else {
            panic!("{:?}", run.said)
        };
        assert!(said.ends_with("on-modify.named command:sync"), "{said}");
    }
}
