//! Task commands for scripts: `tcui add …`, `tcui list [FILTER]`, `tcui ID done|modify|
//! annotate|delete …`. They run the application core and the replica's owner that the
//! interface runs on, so the parsers, views and edits are exactly the interface's.

use std::io::IsTerminal;

use anyhow::{Result, anyhow, bail};
use chrono::{Local, Utc};
use uuid::Uuid;

use super::args::Cli;
use crate::app::report::{self, RowKind};
use crate::app::{Command, Core, Effect, edits, lang, session};
use crate::task::{Operation, Status, Transition};
use crate::text::{fit, visible, width};

/// The core and the replica's owner, driven one step at a time.
struct Session {
    app: Core,
    session: session::Session,
}

impl Session {
    /// Open the replica and load every task. With `renumber`, working-set IDs are renumbered
    /// first, as `task` does before a report.
    fn open(cli: &Cli, renumber: bool) -> Result<Session> {
        let mut replica = cli.open_replica()?;
        if renumber {
            replica.rebuild_working_set(true)?;
        }
        let (app, effects) = Core::new(cli.options(), Utc::now(), *Local::now().offset());
        // A context that cannot be put in force stops the command, as in Taskwarrior: a list
        // of every task, or a task added without the context's attributes, would mislead.
        let active = app.options().contexts.active.as_deref();
        if active.is_some_and(|n| n != "none") && app.context().is_none() {
            let why = app.message().map_or("", |m| m.text.as_str());
            bail!("{why} (`tcui context none` takes the context away)");
        }
        let mut session = Session {
            app,
            session: session::Session::new(replica),
        };
        session.run(effects)?;
        Ok(session)
    }

    /// Carry out effects; a failure reported by the replica's owner is an error.
    fn run(&mut self, effects: Vec<Effect>) -> Result<()> {
        let failures = self
            .session
            .run(&mut self.app, effects, &mut |_, _| Vec::new());
        match failures.into_iter().next() {
            Some(message) => bail!("{message}"),
            None => Ok(()),
        }
    }
}

/// `tcui add <Taskwarrior add syntax>`.
pub(super) fn add(cli: &Cli, words: &[String]) -> Result<()> {
    let mut s = Session::open(cli, false)?;
    let text = words.join(" ");
    let result = edits::add(&mut s.app, &text);
    let effects = result.map_err(|e| anyhow!(e))?;
    // The task created, which need not be the one under the cursor (a waiting task is in
    // no row of the next view).
    let uuid = effects.iter().find_map(|e| match e {
        Effect::Replica(Command::Commit { ops, .. }) => ops.iter().find_map(|op| match op {
            Operation::Create { uuid } => Some(*uuid),
            _ => None,
        }),
        _ => None,
    });
    s.run(effects)?;
    let id = uuid.and_then(|u| s.app.ids().get(&u).copied());
    let description = uuid
        .and_then(|u| s.app.tasks().get(&u))
        .map(|t| visible(t.description()).into_owned())
        .unwrap_or_default();
    match id {
        Some(id) => println!("created task {id}: {description}"),
        None => println!("created task: {description}"),
    }
    Ok(())
}

/// `tcui list [FILTER]`: the next report as a plain table.
pub(super) fn list(cli: &Cli, filter: &[String]) -> Result<()> {
    let mut s = Session::open(cli, true)?;
    // As `task` does, a note on stderr that a context narrows the list.
    if let Some(c) = s.app.context() {
        eprintln!(
            "Context '{}' set. Use 'tcui context none' to remove.",
            visible(c.name())
        );
    }
    let text = filter.join(" ");
    if text.trim().is_empty() {
        s.app.set_view("next").map_err(|e| anyhow!("{e}"))?;
    } else {
        s.app.filter_next(text).map_err(|e| anyhow!("{e}"))?;
    }
    let colour = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    print!("{}", table(&s.app, colour));
    Ok(())
}

/// `tcui ID… done|modify|annotate|delete|start|stop …`, IDs as `3`, `3,5`, `1-4` or UUIDs.
pub(super) fn act(cli: &Cli, args: &[String]) -> Result<()> {
    let Some(verb_at) = args.iter().position(|a| !looks_like_ids(a)) else {
        bail!("say what to do with the tasks: done, modify, annotate, delete, start or stop");
    };
    if verb_at == 0 {
        bail!(
            "{:?} is not a command or a task ID; try `tcui --help`",
            args[0]
        );
    }
    let mut s = Session::open(cli, false)?;
    let mut uuids: Vec<Uuid> = Vec::new();
    for word in &args[..verb_at] {
        for part in word.split(',').filter(|p| !p.is_empty()) {
            uuids.extend(targets(&s.app, part)?);
        }
    }
    // A task named twice (`1,1`, `1-3,2`) is changed once.
    let mut seen = std::collections::HashSet::new();
    uuids.retain(|u| seen.insert(*u));
    let verb = args[verb_at].as_str();
    let rest = args[verb_at + 1..].join(" ");
    // As `task done` and `task delete` do: the tasks that cannot take the change are named
    // and left alone, the others changed, and the exit status says not all went well.
    let transition = match verb {
        "done" => Some(Transition::Done),
        "delete" => Some(Transition::Delete),
        _ => None,
    };
    let mut refused = Vec::new();
    if let Some(transition) = transition {
        uuids.retain(
            |u| match s.app.tasks().get(u).map(|t| t.allows(transition)) {
                Some(Err(why)) => {
                    refused.push(format!("{} {why}", s.app.describe(*u)));
                    false
                }
                _ => true,
            },
        );
        if uuids.is_empty() {
            bail!("{}", refused.join("; "));
        }
    }
    let app = &mut s.app;
    let result = match verb {
        // The tasks that refuse were taken out above: these change all the others.
        "done" => edits::done(app, &uuids),
        "delete" => edits::delete(app, &uuids),
        "start" => edits::edit(app, &uuids, "start", |e| {
            e.start();
            Ok(())
        }),
        "stop" => edits::edit(app, &uuids, "stop", |e| {
            e.stop();
            Ok(())
        }),
        "modify" => edits::modify(app, &uuids, &rest),
        "annotate" => edits::annotate(app, &uuids, &rest),
        other => bail!(
            "{other:?} is not something tcui does to a task: use done, modify, annotate, \
             delete, start or stop"
        ),
    };
    let effects = result.map_err(|e| anyhow!(e))?;
    let nothing = effects.is_empty();
    s.run(effects)?;
    if nothing {
        println!("{verb}: nothing to change");
    } else {
        for uuid in &uuids {
            println!("{verb} {}", s.app.describe(*uuid));
        }
    }
    if !refused.is_empty() {
        bail!("{}", refused.join("; "));
    }
    Ok(())
}

/// Whether `word` reads as task IDs or UUIDs (`3`, `3,5`, `1-4`, a UUID or its first 8).
fn looks_like_ids(word: &str) -> bool {
    !word.is_empty()
        && word.split(',').all(|part| {
            let range = part
                .split_once('-')
                .is_some_and(|(a, b)| is_number(a) && is_number(b));
            is_number(part) || range || crate::lang::DepRef::parse(part).is_some()
        })
}

fn is_number(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// The tasks one part names.
fn targets(app: &Core, part: &str) -> Result<Vec<Uuid>> {
    if let Some((a, b)) = part.split_once('-')
        && is_number(a)
        && is_number(b)
    {
        let number = |s: &str| {
            s.parse::<u32>()
                .map_err(|_| anyhow!("{s} is too large for a task ID"))
        };
        let (a, b) = (number(a)?, number(b)?);
        let (lo, hi) = (a.min(b), a.max(b));
        // The working set decides, not the width of the range: a range far beyond it costs
        // no more than the tasks there are. As in Taskwarrior, whose IDs are renumbered
        // before every command, a closed task still in the working set has no ID here.
        let mut found: Vec<(u32, Uuid)> =
            app.ids()
                .iter()
                .filter(|(u, id)| {
                    (lo..=hi).contains(*id)
                        && app.tasks().get(u).is_some_and(|t| {
                            t.get("status").is_none_or(Status::keeps_in_working_set)
                        })
                })
                .map(|(u, id)| (*id, *u))
                .collect();
        if found.is_empty() {
            bail!("there is no task with an ID from {lo} to {hi}");
        }
        found.sort_unstable();
        return Ok(found.into_iter().map(|(_, u)| u).collect());
    }
    lang::resolve_task(app, part)
        .map(|u| vec![u])
        .map_err(|e| anyhow!("{e}"))
}

/// The rows as a plain table, with colours only when asked.
pub(super) fn table(app: &Core, colour: bool) -> String {
    let rows: Vec<([String; 7], &'static str)> = report::rows(app, app.list().rows())
        .map(|row| (row.cells, ansi(row.kind)))
        .collect();
    let headers = ["ID", "Age", "Project", "Tags", "Due", "Urg", "Description"];
    let widths: Vec<usize> = (0..headers.len())
        .map(|i| {
            rows.iter()
                .map(|(c, _)| width(&c[i]))
                .chain([width(headers[i])])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &[String]| -> String {
        let mut out = String::new();
        for (i, cell) in cells.iter().enumerate() {
            let w = widths[i];
            let pad = w.saturating_sub(width(cell));
            if i + 1 == cells.len() {
                out.push_str(cell);
            } else if matches!(i, 0 | 4 | 5) {
                out.push_str(&format!("{:pad$}{cell} ", ""));
            } else {
                out.push_str(&format!("{cell}{:pad$} ", ""));
            }
        }
        out.trim_end().to_string()
    };
    let mut out = line(&headers.map(String::from)) + "\n";
    for (cells, code) in &rows {
        let text = line(cells);
        if colour && !code.is_empty() {
            out.push_str(&format!("\x1b[{code}m{text}\x1b[0m\n"));
        } else {
            out.push_str(&text);
            out.push('\n');
        }
    }
    // As `task` says it: "12 tasks", or "12 tasks, 5 shown" under a limit.
    let matched = app.list().matched().max(rows.len());
    let shown = if matched > rows.len() {
        format!(", {} shown", rows.len())
    } else {
        String::new()
    };
    out.push_str(&fit(
        &format!(
            "{matched} {}{shown}\n",
            if matched == 1 { "task" } else { "tasks" }
        ),
        80,
    ));
    out
}

/// The row's colour as an ANSI code, by the interface's precedence.
fn ansi(kind: RowKind) -> &'static str {
    match kind {
        RowKind::Completed | RowKind::Deleted | RowKind::Blocked => "2",
        RowKind::Active => "1;32",
        RowKind::Overdue => "1;31",
        RowKind::DueToday => "33",
        RowKind::Blocking | RowKind::DueSoon | RowKind::Plain => "",
    }
}
