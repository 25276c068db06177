//! The tasks a command line's filter picks for a change: IDs (`3`, `3,5`, `1-4`) and UUIDs
//! looked up at once, any other filter tried on every task, as `task` tries it (completed and
//! deleted tasks too, unless the filter says otherwise).

use anyhow::{Result, anyhow};
use uuid::Uuid;

use super::session::Scope;
use crate::app::Core;
use crate::app::query::Query;

/// The tasks `words` pick, in ID order, then the tasks with no ID in UUID order. With
/// `context`, the context in force narrows a filter that names no task by ID or UUID.
pub(super) fn pick(core: &Core, words: &[String], context: bool) -> Result<Vec<Uuid>> {
    let mut picked: Vec<Uuid> = Vec::new();
    if !words.is_empty() && words.iter().all(|w| looks_like_ids(w)) {
        for word in words {
            for part in word.split(',').filter(|p| !p.is_empty()) {
                picked.extend(named(core, part)?);
            }
        }
        // A task named twice (`1,1`, `1-3,2`) is changed once; tasks go in ID order.
        let mut seen = std::collections::HashSet::new();
        picked.retain(|u| seen.insert(*u));
        picked.sort_by_key(|u| (id_of(core, *u).is_none(), id_of(core, *u)));
        return Ok(picked);
    }
    let text = super::transfer::filter_text(words);
    let query = match text.trim() {
        "" => None,
        given => Some(
            Query::parse(given, &core.query_context()).map_err(|e| anyhow!("the filter {e}"))?,
        ),
    };
    let by_id = words.iter().any(|w| looks_like_ids(w));
    let tags = core.tag_context();
    let urgency = |t: &crate::task::Task| core.urgency().get(&t.uuid()).copied();
    let mut found: Vec<(Option<u32>, Uuid)> = core
        .tasks()
        .values()
        .map(|task| (task.uuid(), task))
        .filter(|(uuid, task)| {
            let id = id_of(core, *uuid);
            query
                .as_ref()
                .is_none_or(|q| q.score(task, id, &tags, &urgency).is_some())
                && (!context || by_id || core.in_context(task))
        })
        .map(|(uuid, _)| (id_of(core, uuid), uuid))
        .collect();
    // Tasks with IDs first, by ID.
    found.sort_unstable_by_key(|(id, uuid)| (id.is_none(), *id, *uuid));
    Ok(found.into_iter().map(|(_, u)| u).collect())
}

/// Which tasks a command on `words` needs loaded: the working set's when the words are IDs
/// only (`3`, `1-4,7`), which name tasks there; every task otherwise.
pub(super) fn scope(words: &[String]) -> Scope {
    let ids = |word: &String| {
        word.split(',')
            .all(|p| matches!(part(p), Some(Part::Id | Part::Range)))
    };
    if !words.is_empty() && words.iter().all(ids) {
        Scope::WorkingSet
    } else {
        Scope::All
    }
}

/// A task's ID, if it has one: its place in the working set. As in Taskwarrior, a task
/// done keeps it until a report renumbers.
pub(super) fn id_of(core: &Core, uuid: Uuid) -> Option<u32> {
    core.ids().get(&uuid).copied()
}

/// A task as Taskwarrior names it: by ID, or by UUID when it has none.
pub(super) fn identifier(core: &Core, uuid: Uuid) -> String {
    id_of(core, uuid).map_or_else(|| uuid.to_string(), |id| id.to_string())
}

/// A task as Taskwarrior names it in what a change says: by ID, or by the first 8
/// characters of its UUID when it has none (`Modifying task 1069c040 'Gamma'.`).
pub(super) fn short_identifier(core: &Core, uuid: Uuid) -> String {
    id_of(core, uuid).map_or_else(
        || uuid.simple().to_string().chars().take(8).collect(),
        |id| id.to_string(),
    )
}

/// Whether `word` reads as task IDs or UUIDs (`3`, `3,5`, `1-4`, a UUID or its first 8).
pub(super) fn looks_like_ids(word: &str) -> bool {
    !word.is_empty() && word.split(',').all(|p| part(p).is_some())
}

/// Whether `word` is one task ID or a UUID (or the start of one), as Taskwarrior's lexer
/// tells a number or a UUID; `1-3` and `1,3` are not: with no command they are a filter.
pub(super) fn is_id_or_uuid(word: &str) -> bool {
    matches!(part(word), Some(Part::Id | Part::Uuid))
}

/// What one part of an ID list names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// A working-set ID: a number of fewer than eight digits.
    Id,
    /// `first-last`.
    Range,
    /// A UUID or its first eight or more characters (eight digits or more are one, never
    /// an ID, as Taskwarrior reads them).
    Uuid,
}

fn part(text: &str) -> Option<Part> {
    if text
        .split_once('-')
        .is_some_and(|(a, b)| is_number(a) && is_number(b))
    {
        return Some(Part::Range);
    }
    if is_number(text) && text.len() < 8 {
        return Some(Part::Id);
    }
    crate::lang::DepRef::parse(text).map(|_| Part::Uuid)
}

fn is_number(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// The tasks one part of an ID list names: none when there is no such task, as `task`
/// finds none.
fn named(core: &Core, part: &str) -> Result<Vec<Uuid>> {
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
        // no more than the tasks there are.
        let mut found: Vec<(u32, Uuid)> = core
            .ids()
            .iter()
            .filter(|(_, id)| (lo..=hi).contains(*id))
            .map(|(u, id)| (*id, *u))
            .collect();
        found.sort_unstable();
        return Ok(found.into_iter().map(|(_, u)| u).collect());
    }
    // Eight digits or more are the start of a UUID, never an ID, as Taskwarrior reads them.
    if is_number(part) && part.len() < 8 {
        let id: u64 = part.parse().unwrap_or(u64::MAX);
        let found = core.ids().iter().find(|(_, i)| u64::from(**i) == id);
        return Ok(found.map(|(uuid, _)| vec![*uuid]).unwrap_or_default());
    }
    match crate::app::lang::resolve_task(core, part) {
        Ok(uuid) => Ok(vec![uuid]),
        Err(_) if crate::lang::DepRef::parse(part).is_some() => {
            // Ambiguous prefixes are an error; a UUID that names nothing picks nothing.
            let prefix = part.to_ascii_lowercase();
            let mut buf = Uuid::encode_buffer();
            let sharing = core
                .tasks()
                .keys()
                .filter(|u| u.hyphenated().encode_lower(&mut buf).starts_with(&prefix))
                .count();
            if sharing > 1 {
                return Err(anyhow!(
                    "{part:?} starts the UUIDs of {sharing} tasks; give more of the UUID to name one"
                ));
            }
            Ok(Vec::new())
        }
        Err(e) => Err(anyhow!(e)),
    }
}
