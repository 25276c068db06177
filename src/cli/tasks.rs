//! Task commands for scripts: `tcui add …`, `tcui list [FILTER]`, `tcui ID done|modify|
//! annotate|delete …`. They run the application core and the replica's owner that the
//! interface runs on, so the parsers, views and edits are exactly the interface's.

use anyhow::{Result, anyhow, bail};
use uuid::Uuid;

use super::args::Cli;
use super::session::Session;
use crate::app::{Command, Core, Effect, edits, lang};
use crate::task::{Operation, Status, Task, Transition};
use crate::text::quoted;

/// `tcui add <Taskwarrior add syntax>`.
pub(super) fn add(cli: &Cli, words: &[String]) -> Result<()> {
    // Renumbered first, as `task` does before every command: a task completed since gives
    // up its ID, and the new task takes the next free one.
    let mut s = Session::open(cli, true)?;
    let text = words.join(" ");
    let result = edits::add(&mut s.app, &text);
    let effects = result.map_err(|e| anyhow!(e))?;
    // The task created, which need not be the one under the cursor (a waiting task is in
    // no row of the next view).
    let uuid = created(&effects);
    s.run(effects)?;
    let Some(uuid) = uuid else {
        return Ok(());
    };
    let verbose = super::report::Verbose::of(s.app.options().settings.get("verbose"));
    let status = s.app.tasks().get(&uuid).map(Task::status);
    let id = s.app.ids().get(&uuid).copied();
    let template = " (recurrence template)";
    let recurring = status == Some(Status::Recurring);
    // As `task add` says it: the UUID when asked for, or for a task that has no ID.
    match (status, id) {
        (_, _) if verbose.new_uuid && recurring => println!("Created task {uuid}{template}."),
        (Some(Status::Pending | Status::Recurring), Some(id))
            if verbose.new_id && !verbose.new_uuid =>
        {
            let note = if recurring { template } else { "" };
            println!("Created task {id}{note}.");
        }
        _ if verbose.new_uuid || verbose.new_id => println!("Created task {uuid}."),
        _ => {}
    }
    Ok(())
}

/// `tcui log <add syntax>`: a task done already, as `task log` records one; a task that
/// would wait or recur is refused, as there.
fn log(cli: &Cli, words: &[String]) -> Result<()> {
    let mut s = Session::open(cli, true)?;
    let text = words.join(" ");
    let (task, _) = crate::app::lang::new_task(&s.app, &text).map_err(|e| anyhow!(e))?;
    if task.get("recur").is_some() {
        bail!("You cannot log recurring tasks.");
    }
    if task.get("wait").is_some() {
        bail!("You cannot log waiting tasks.");
    }
    let effects =
        edits::add(&mut s.app, &format!("status:completed {text}")).map_err(|e| anyhow!(e))?;
    let uuid = created(&effects);
    s.run(effects)?;
    let verbose = super::report::Verbose::of(s.app.options().settings.get("verbose"));
    if let (true, Some(uuid)) = (verbose.new_uuid, uuid) {
        println!("Logged task {uuid}.");
    }
    Ok(())
}

/// The task a commit creates, if it creates one.
fn created(effects: &[Effect]) -> Option<Uuid> {
    effects.iter().find_map(|e| match e {
        Effect::Replica(Command::Commit { ops, .. }) => ops.iter().find_map(|op| match op {
            Operation::Create { uuid } => Some(*uuid),
            _ => None,
        }),
        _ => None,
    })
}

/// What a command-line word asks to do to tasks.
const VERBS: [&str; 10] = [
    "done",
    "modify",
    "annotate",
    "delete",
    "start",
    "stop",
    "append",
    "prepend",
    "denotate",
    "duplicate",
];

/// `tcui ID… done|modify|annotate|delete|start|stop …`, IDs as `3`, `3,5`, `1-4` or UUIDs;
/// or a report with a filter around it, `tcui REPORT [FILTER]` or `tcui [FILTER] REPORT`,
/// as `task` reads its command line: the first word, before any change, that names one.
pub(super) fn act(cli: &Cli, args: &[String]) -> Result<()> {
    if args.len() == 1 && args[0] == "undo" {
        return super::undo::run(cli);
    }
    if args.first().is_some_and(|a| a == "log") {
        return log(cli, &args[1..]);
    }
    // Taskwarrior's reading commands, with the filter around them.
    let helper = args
        .iter()
        .take_while(|a| !VERBS.contains(&a.as_str()))
        .enumerate()
        .find_map(|(at, a)| Some((at, super::helpers::Helper::named(a)?)));
    if let Some((at, helper)) = helper {
        let mut filter = args.to_vec();
        filter.remove(at);
        return super::helpers::run(cli, helper, &filter);
    }
    let options = cli.options();
    let report = args
        .iter()
        .take_while(|a| !VERBS.contains(&a.as_str()))
        .position(|a| options.reports.get(a).is_some());
    if let Some(at) = report {
        let mut filter = args.to_vec();
        let name = filter.remove(at);
        return super::report::run_with(cli, options, &name, &filter);
    }
    let Some(verb_at) = args.iter().position(|a| !looks_like_ids(a)) else {
        bail!(
            "say what to do with the tasks: done, modify, append, prepend, annotate, denotate, \
             duplicate, delete, start or stop"
        );
    };
    if verb_at == 0 {
        bail!(
            "{:?} is not a command, a report or a task ID; try `tcui --help`",
            args[0]
        );
    }
    let mut s = Session::open_with(cli, options, false)?;
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
        "append" => edits::append(app, &uuids, &rest, false),
        "prepend" => edits::append(app, &uuids, &rest, true),
        "annotate" => edits::annotate(app, &uuids, &rest),
        "denotate" => denotate(app, &uuids, &rest),
        "duplicate" if rest.trim().is_empty() => edits::duplicate(app, uuids.clone()),
        "duplicate" => {
            bail!("tcui duplicate takes no changes yet: duplicate, then modify the copy")
        }
        other => bail!(
            "{other:?} is not something tcui does to a task: use done, modify, append, \
             prepend, annotate, denotate, duplicate, delete, start or stop"
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

/// `denotate TEXT`: from each task, the annotation whose text is TEXT, else the first that
/// holds it, as `task denotate` finds it; a task with no such annotation is named.
fn denotate(core: &mut Core, uuids: &[Uuid], text: &str) -> Result<Vec<Effect>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("say which annotation to remove: its text, or part of it".into());
    }
    let mut effects = Vec::new();
    for uuid in uuids {
        let notes = core
            .tasks()
            .get(uuid)
            .map(|t| t.annotations())
            .unwrap_or_default();
        let found = notes
            .iter()
            .find(|a| a.description == text)
            .or_else(|| notes.iter().find(|a| a.description.contains(text)));
        let Some(note) = found else {
            return Err(format!(
                "{} has no annotation {}",
                core.describe(*uuid),
                quoted(text)
            ));
        };
        effects.extend(edits::denotate(core, *uuid, note.entry.timestamp()));
    }
    Ok(effects)
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
