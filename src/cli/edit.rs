//! `tcui [FILTER] edit`: each task the filter picks as text in `$VISUAL`/`$EDITOR` (else
//! `vi`), in the same `name: value` form the interface's editor uses, taken back as one undo
//! step when it changed.

use anyhow::{Result, anyhow};

use super::args::Cli;
use super::report::Shortfall;
use super::session::Session;
use super::targets;

/// `edit` with the filter `words`.
pub(super) fn run(cli: &Cli, words: &[String]) -> Result<()> {
    let mut s = Session::open_scoped(cli, cli.options(), false, targets::scope(words))?;
    let picked = targets::pick(&s.app, words, true)?;
    if picked.is_empty() {
        eprintln!("No tasks specified.");
        return Err(Shortfall.into());
    }
    for uuid in picked {
        let Some(task) = s.app.tasks().get(&uuid) else {
            continue;
        };
        let before = crate::app::editor::to_text(&s.app, task);
        let after = crate::tui::run::run_editor(uuid, &before).map_err(|e| anyhow!(e))?;
        if after == before {
            println!("No edits were detected.");
            continue;
        }
        let effects = crate::app::editor::take_back(&mut s.app, uuid, &after);
        if effects.is_empty() {
            // The edit was refused: the core says why, and nothing changed.
            let why = s.app.message().map_or("", |m| m.text.as_str());
            return Err(anyhow!("{why}"));
        }
        s.run(effects)?;
        println!("Edits were detected.");
    }
    Ok(())
}
