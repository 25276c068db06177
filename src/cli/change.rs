//! Taskwarrior's commands that change the tasks a filter picks: `modify`, `done`, `delete`,
//! `start`, `stop`, `annotate`, `denotate`, `append`, `prepend` and `duplicate`. Each asks
//! what `task` asks (`confirmation`, `bulk`), says what `task` says, changes the tasks agreed
//! to in one undo step, and exits 1 when a task was left as it was.

use anyhow::{Result, anyhow, bail};
use uuid::Uuid;

use super::args::Cli;
use super::confirm::{self, Answer};
use super::grammar::Line;
use super::report::Shortfall;
use super::report::Verbose;
use super::session::Session;
use super::targets;
use crate::app::series::{self, Kin, Spread};
use crate::app::{Core, Effect, Options, edits, lang};
use crate::task::{Status, Task, TaskEdit};

/// A command that changes tasks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verb {
    Modify,
    Done,
    Delete,
    Start,
    Stop,
    Annotate,
    Denotate,
    Append,
    Prepend,
    Duplicate,
}

impl Verb {
    fn named(name: &str) -> Option<Verb> {
        Some(match name {
            "modify" => Verb::Modify,
            "done" => Verb::Done,
            "delete" => Verb::Delete,
            "start" => Verb::Start,
            "stop" => Verb::Stop,
            "annotate" => Verb::Annotate,
            "denotate" => Verb::Denotate,
            "append" => Verb::Append,
            "prepend" => Verb::Prepend,
            "duplicate" => Verb::Duplicate,
            _ => return None,
        })
    }

    /// Whether the context in force narrows the filter, as it does for these in Taskwarrior.
    fn uses_context(self) -> bool {
        matches!(
            self,
            Verb::Done
                | Verb::Delete
                | Verb::Start
                | Verb::Stop
                | Verb::Denotate
                | Verb::Prepend
                | Verb::Duplicate
        )
    }

    /// Taskwarrior's words: the question, what is said of each task changed, of a task left
    /// alone, and of how many changed (one, many).
    fn words(self) -> (&'static str, &'static str, &'static str, [&'static str; 2]) {
        match self {
            Verb::Modify => (
                "Modify task",
                "Modifying task",
                "Task not modified.",
                ["Modified", "task"],
            ),
            Verb::Done => (
                "Complete task",
                "Completed task",
                "Task not completed.",
                ["Completed", "task"],
            ),
            Verb::Delete => (
                "Delete task",
                "Deleting task",
                "Task not deleted.",
                ["Deleted", "task"],
            ),
            Verb::Start => (
                "Start task",
                "Starting task",
                "Task not started.",
                ["Started", "task"],
            ),
            Verb::Stop => (
                "Stop task",
                "Stopping task",
                "Task not stopped.",
                ["Stopped", "task"],
            ),
            Verb::Annotate => (
                "Annotate task",
                "Annotating task",
                "Task not annotated.",
                ["Annotated", "task"],
            ),
            Verb::Denotate => (
                "Denotate task",
                "",
                "Task not denotated.",
                ["Denotated", "task"],
            ),
            Verb::Append => (
                "Append to task",
                "Appending to task",
                "Task not appended.",
                ["Appended", "task"],
            ),
            Verb::Prepend => (
                "Prepend to task",
                "Prepending to task",
                "Task not prepended.",
                ["Prepended", "task"],
            ),
            Verb::Duplicate => (
                "Duplicate task",
                "Duplicated task",
                "Task not duplicated.",
                ["Duplicated", "task"],
            ),
        }
    }
}

impl Verb {
    /// For a change Taskwarrior carries to the other tasks of a recurring series: how its
    /// question names the change, what is said of each of them, and whether a change to
    /// a template is carried to its instances too (else only one to an instance is, to
    /// its siblings and template).
    fn spreads(self) -> Option<(&'static str, &'static str, bool)> {
        Some(match self {
            Verb::Modify => ("modify", "Modifying recurring task", true),
            Verb::Delete => ("delete", "Deleting recurring task", true),
            Verb::Annotate => ("annotate", "Annotating recurring task", false),
            Verb::Append => ("append to", "Appending to recurring task", false),
            Verb::Prepend => ("prepend to", "Prepending to recurring task", false),
            _ => return None,
        })
    }
}

/// Whether `name` is a command that changes tasks.
pub(super) fn is_change(name: &str) -> bool {
    Verb::named(name).is_some()
}

/// Run the change `line` asks for.
pub(super) fn run(cli: &Cli, options: Options, line: &Line) -> Result<()> {
    let verb =
        Verb::named(&line.command).ok_or_else(|| anyhow!("{} changes no task", line.command))?;
    let mut s = Session::open_scoped(cli, options, false, targets::scope(&line.filter))?;
    let settings = &s.app.options().settings;
    let verbose = Verbose::of(settings.get("verbose"));
    let confirmation = settings
        .get("confirmation")
        .is_none_or(crate::config::is_true);
    let bulk: usize = settings
        .get("bulk")
        .and_then(|b| b.trim().parse().ok())
        .unwrap_or(3);
    let empty_filter_allowed = settings
        .get("allow.empty.filter")
        .is_none_or(crate::config::is_true);
    // An annotation is the words as typed; other changes are read in the modify syntax.
    let text = match verb {
        Verb::Annotate | Verb::Denotate => line.words.join(" "),
        _ => super::transfer::joined(&line.words),
    };
    if line.filter.is_empty() {
        // As `task` guards a change to every task there is.
        if !empty_filter_allowed {
            bail!(
                "You did not specify a filter, and with the 'allow.empty.filter' value, no \
                 action is taken."
            );
        }
        let question = "This command has no filter, and will modify all (including completed \
                        and deleted) tasks.  Are you sure?";
        if !confirmation || !confirm::yes_no(question)? {
            bail!("Command prevented from running.");
        }
    }
    let spread = Spread::of(&s.app);
    let picked = targets::pick(&s.app, &line.filter, verb.uses_context())?;
    if picked.is_empty() {
        if verbose.footnote {
            eprintln!("No tasks specified.");
        }
        return Err(Shortfall.into());
    }
    let change = Change::read(&s.app, verb, &text)?;
    let (question, doing, refused_word, [done_word, noun]) = verb.words();
    if picked.len() > 1 && verbose.affected {
        println!("This command will alter {} tasks.", picked.len());
    }
    let mut short = false;
    let mut agreed = Vec::new();
    // Templates a change is carried to: changed, not counted.
    let mut templates = Vec::new();
    let mut asker = Asker::new(confirmation, bulk, verb == Verb::Delete, picked.len());
    asker.blank = verbose.blank;
    // What is said of each task as it is agreed to, as `task` says it between questions: the
    // ID it has now, the description it will have.
    let say = |line: String| {
        if verbose.affected {
            println!("{line}");
        }
    };
    for uuid in &picked {
        let name = named(&s.app, *uuid);
        if let Some(why) = change.refusal(&s.app, *uuid, &name)? {
            println!("{why}");
            short = true;
            continue;
        }
        let (ops, after) =
            edits::prepare(&s.app, &[*uuid], |e| change.apply(e)).map_err(|e| anyhow!(e))?;
        if verb == Verb::Modify && ops.len() <= 1 {
            continue;
        }
        let shown = if matches!(verb, Verb::Delete | Verb::Duplicate) {
            String::new()
        } else {
            super::undo::change_lines(&ops)
        };
        if !asker.ask(&format!("{shown}{question} {name}?"))? {
            println!("{refused_word}");
            short = true;
            if asker.quit {
                break;
            }
            continue;
        }
        agreed.push(*uuid);
        let description = after
            .iter()
            .find(|t| t.uuid() == *uuid)
            .and_then(|t| t.get("description"))
            .unwrap_or("");
        let id = targets::short_identifier(&s.app, *uuid);
        match verb {
            Verb::Duplicate => {}
            Verb::Denotate => {
                let note = s.app.tasks().get(uuid).and_then(|t| change.annotation(t));
                let text = note.map(|n| n.description).unwrap_or_default();
                say(format!(
                    "Found annotation '{}' and deleted it.",
                    crate::text::visible(&text)
                ));
            }
            _ => say(format!(
                "{doing} {id} '{}'.",
                crate::text::visible(description)
            )),
        }
        let Some((spread_word, spread_doing, to_instances)) = verb.spreads() else {
            continue;
        };
        let Some(Kin {
            instances,
            template,
        }) = series::kin(&s.app, *uuid, to_instances)
        else {
            continue;
        };
        let agree = match spread {
            Spread::Never => false,
            Spread::Always => true,
            Spread::Ask => confirm::yes_no(&format!(
                "This is a recurring task.  Do you want to {spread_word} all pending \
                 recurrences of this same task?"
            ))?,
        };
        if !agree {
            continue;
        }
        for other in instances {
            if picked.contains(&other) || agreed.contains(&other) {
                continue;
            }
            let (_, after) =
                edits::prepare(&s.app, &[other], |e| change.apply(e)).map_err(|e| anyhow!(e))?;
            let description = after.first().and_then(|t| t.get("description"));
            say(format!(
                "{spread_doing} {} '{}'.",
                targets::short_identifier(&s.app, other),
                crate::text::visible(description.unwrap_or(""))
            ));
            agreed.push(other);
        }
        templates.extend(template.filter(|t| !picked.contains(t) && !templates.contains(t)));
    }
    if !agreed.is_empty() {
        let all: Vec<Uuid> = agreed.iter().chain(&templates).copied().collect();
        let effects = change.effects(&mut s.app, &all).map_err(|e| anyhow!(e))?;
        let created = super::tasks::all_created(&effects);
        s.run(effects)?;
        // A copy's ID is known once it is made.
        for (uuid, copy) in agreed
            .iter()
            .zip(&created)
            .filter(|_| verb == Verb::Duplicate)
        {
            say(format!("{doing} {}.", named(&s.app, *uuid)));
            match s.app.ids().get(copy) {
                Some(id) if verbose.new_id => println!("Created task {id}."),
                _ if verbose.new_uuid => println!("Created task {copy}."),
                _ => {}
            }
        }
    }
    let n = agreed.len();
    let plural = if n == 1 { "" } else { "s" };
    say(format!("{done_word} {n} {noun}{plural}."));
    if short {
        return Err(Shortfall.into());
    }
    Ok(())
}

/// A task as Taskwarrior names it in messages: `ID 'description'`, the UUID for a task with
/// no ID.
fn named(core: &Core, uuid: Uuid) -> String {
    let description = core.tasks().get(&uuid).map_or("", Task::description);
    format!(
        "{} '{}'",
        targets::short_identifier(core, uuid),
        crate::text::visible(description)
    )
}

/// Asks before each task as Taskwarrior's `permission` does: one task only when it is to be
/// deleted; several without asking when fewer than `bulk` and nothing is deleted; else each,
/// with yes/no/all/quit.
struct Asker {
    confirmation: bool,
    bulk: usize,
    deleting: bool,
    quantity: usize,
    all: bool,
    quit: bool,
    /// Whether a blank line goes before each question after the first (`verbose=blank`).
    blank: bool,
    asked: bool,
}

impl Asker {
    fn new(confirmation: bool, bulk: usize, deleting: bool, quantity: usize) -> Asker {
        Asker {
            confirmation,
            bulk,
            deleting,
            quantity,
            all: false,
            quit: false,
            blank: false,
            asked: false,
        }
    }

    fn ask(&mut self, question: &str) -> Result<bool> {
        if self.all {
            return Ok(true);
        }
        if self.quit {
            return Ok(false);
        }
        let asks_anyway = self.deleting && self.confirmation;
        if self.quantity == 1 {
            return if asks_anyway {
                confirm::yes_no(question)
            } else {
                Ok(true)
            };
        }
        if (self.bulk == 0 || self.quantity < self.bulk) && !asks_anyway {
            return Ok(true);
        }
        if self.blank && self.asked {
            println!();
        }
        self.asked = true;
        Ok(match confirm::per_task(question)? {
            Answer::Yes => true,
            Answer::No => false,
            Answer::All => {
                self.all = true;
                true
            }
            Answer::Quit => {
                self.quit = true;
                false
            }
        })
    }
}

/// A change read from the command line's words, made to one task or many.
struct Change {
    verb: Verb,
    text: String,
    /// The changes to make besides the command's own (`done +x`, `duplicate due:fri`).
    modification: Option<lang::Modification>,
    /// A command's own text: an annotation, or what `append`/`prepend` add.
    words: Option<String>,
}

impl Change {
    fn read(core: &Core, verb: Verb, text: &str) -> Result<Change> {
        let mut change = Change {
            verb,
            text: text.trim().to_string(),
            modification: None,
            words: None,
        };
        match verb {
            // With no text, `denotate` takes the first annotation, as in Taskwarrior.
            Verb::Annotate if change.text.is_empty() => {
                bail!("Additional text must be provided.")
            }
            Verb::Annotate | Verb::Denotate => return Ok(change),
            _ => {}
        }
        if change.text.is_empty() {
            if matches!(verb, Verb::Append | Verb::Prepend) {
                bail!("Additional text must be provided.");
            }
            return Ok(change);
        }
        let mut modification = lang::Modification::parse(core, text).map_err(|e| anyhow!(e))?;
        if verb != Verb::Modify {
            change.words = modification
                .take_description()
                .filter(|w| !w.trim().is_empty());
            if matches!(verb, Verb::Append | Verb::Prepend) && change.words.is_none() {
                bail!("Additional text must be provided.");
            }
        }
        change.modification = Some(modification);
        Ok(change)
    }

    /// Why task `uuid` (named `name`) cannot take this change, as Taskwarrior says it.
    fn refusal(&self, core: &Core, uuid: Uuid, name: &str) -> Result<Option<String>> {
        let Some(task) = core.tasks().get(&uuid) else {
            return Ok(Some(format!("Task {name} is gone.")));
        };
        let status = task.status();
        Ok(match self.verb {
            Verb::Done if status != Status::Pending => {
                Some(format!("Task {name} is neither pending nor waiting."))
            }
            Verb::Delete if status == Status::Deleted => {
                Some(format!("Task {name} is not deletable."))
            }
            Verb::Start if task.data().has("start") => {
                Some(format!("Task {name} already started."))
            }
            Verb::Stop if !task.data().has("start") => Some(format!("Task {name} not started.")),
            Verb::Denotate if task.annotations().is_empty() => {
                bail!("The specified task has no annotations that can be deleted.")
            }
            Verb::Denotate if self.annotation(task).is_none() => Some(format!(
                "Did not find any matching annotation to be deleted for '{}'.",
                crate::text::visible(&self.text)
            )),
            _ => None,
        })
    }

    /// `denotate`: the annotation whose text is the words, else the first that holds them.
    fn annotation(&self, task: &Task) -> Option<crate::task::Annotation> {
        let notes = task.annotations();
        let found = notes
            .iter()
            .find(|a| a.description == self.text)
            .or_else(|| notes.iter().find(|a| a.description.contains(&self.text)));
        found.cloned()
    }

    /// Make the change to one task's edit.
    fn apply(&self, e: &mut TaskEdit<'_>) -> Result<(), String> {
        match self.verb {
            Verb::Annotate => {
                e.add_annotation(&self.text);
                return Ok(());
            }
            Verb::Denotate => {
                let task = Task::new(e.data().clone());
                if let Some(note) = self.annotation(&task) {
                    e.remove_annotation(note.entry);
                }
                return Ok(());
            }
            _ => {}
        }
        if let Some(words) = &self.words {
            let old = e.data().get("description").unwrap_or("").to_string();
            match self.verb {
                Verb::Append if !old.is_empty() => e.set_description(&format!("{old} {words}")),
                Verb::Prepend if !old.is_empty() => e.set_description(&format!("{words} {old}")),
                Verb::Append | Verb::Prepend => e.set_description(words),
                // As Taskwarrior's other commands take plain words: as an annotation.
                _ => {
                    e.add_annotation(words);
                    &mut *e
                }
            };
        }
        if let Some(modification) = &self.modification {
            modification.apply(e)?;
        }
        match self.verb {
            Verb::Done => {
                e.done();
            }
            Verb::Delete => {
                e.delete();
            }
            Verb::Start => {
                e.start();
            }
            Verb::Stop => {
                e.stop();
            }
            _ => {}
        }
        Ok(())
    }

    /// The effects of the change to `uuids`, in one step.
    fn effects(&self, core: &mut Core, uuids: &[Uuid]) -> Result<Vec<Effect>, String> {
        if self.verb != Verb::Duplicate {
            let verb = format!("{:?}", self.verb).to_lowercase();
            return edits::edit(core, uuids, &verb, |e| self.apply(e));
        }
        let copies = edits::duplicate(core, uuids.to_vec())?;
        let created = super::tasks::all_created(&copies);
        let Some(modification) = &self.modification else {
            return Ok(copies);
        };
        let words = self.words.clone();
        let changes = edits::edit(core, &created, "duplicate", |e| {
            if let Some(words) = &words {
                e.add_annotation(words);
            }
            modification.apply(e)
        })?;
        Ok(edits::joined(copies, changes))
    }
}
