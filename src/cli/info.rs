//! `tcui [FILTER] information` (`info`, or IDs alone): every attribute of each task picked,
//! in `task info`'s Name/Value table, and how its urgency adds up.

use anyhow::Result;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::args::Cli;
use super::report::Shortfall;
use super::report::Verbose;
use super::session::Session;
use super::targets;
use crate::app::Core;
use crate::task::{Task, urgency_terms};
use crate::text::visible;

/// `information` with the filter `words`.
pub(super) fn run(cli: &Cli, words: &[String]) -> Result<()> {
    let s = Session::open_scoped(cli, cli.options(), false, targets::scope(words))?;
    let core = &s.app;
    let verbose = Verbose::of(core.options().settings.get("verbose"));
    let picked = targets::pick(core, words, false)?;
    if picked.is_empty() {
        if verbose.footnote {
            eprintln!("No matches.");
        }
        return Err(Shortfall.into());
    }
    let mut out = String::new();
    for uuid in picked {
        if verbose.blank {
            out.push('\n');
        }
        out.push_str(&table(core, uuid, verbose.label));
        out.push('\n');
        if let Some(terms) = breakdown(core, uuid) {
            out.push_str(&terms);
            out.push('\n');
        }
    }
    print!("{out}");
    Ok(())
}

/// `_get REFERENCE…`: the values the DOM references name, on one line with spaces between,
/// as `task _get` prints them: `rc.NAME`, or
/// `ID.ATTRIBUTE` / `UUID.ATTRIBUTE` (`tags`, dates as local ISO times, `annotations.N.
/// description`/`entry`, counting from 1). A task that is not there gives an empty line.
pub(super) fn get(cli: &Cli, words: &[String]) -> Result<()> {
    if words.is_empty() {
        anyhow::bail!("No DOM reference specified.");
    }
    // A status bar's `_get 1.description` needs only the working set read.
    let tasks: Vec<String> = words
        .iter()
        .filter(|w| !w.starts_with("rc.") && !w.starts_with("system."))
        .map(|w| w.split('.').next().unwrap_or("").to_string())
        .collect();
    let scope = match tasks.is_empty() {
        true => super::session::Scope::WorkingSet,
        false => targets::scope(&tasks),
    };
    let s = Session::open_scoped(cli, cli.options(), false, scope)?;
    let core = &s.app;
    let values = words
        .iter()
        .map(|word| Ok(visible(&dom(core, word)?).into_owned()))
        .collect::<Result<Vec<String>>>()?;
    println!("{}", values.join(" "));
    Ok(())
}

fn dom(core: &Core, reference: &str) -> Result<String> {
    let bad = || anyhow::anyhow!("'{reference}' is not a DOM reference.");
    match reference {
        "system.version" => return Ok(env!("CARGO_PKG_VERSION").to_string()),
        "system.os" => return Ok(std::env::consts::OS.to_string()),
        _ => {}
    }
    if let Some(name) = reference.strip_prefix("rc.") {
        return Ok(core.options().settings.get(name).unwrap_or("").to_string());
    }
    let (task, attribute) = reference.split_once('.').ok_or_else(bad)?;
    if !targets::looks_like_ids(task) || task.contains([',', '-']) && task.len() < 36 {
        return Err(bad());
    }
    let picked = targets::pick(core, &[task.to_string()], false)?;
    let found = picked.first().and_then(|u| core.tasks().get(u));
    let iso = |t: DateTime<Utc>| {
        t.with_timezone(&core.tz())
            .format("%Y-%m-%dT%H:%M:%S")
            .to_string()
    };
    let known_date = crate::task::keys::DATE_ATTRIBUTES.contains(&attribute);
    let Some(t) = found else {
        return Ok(String::new());
    };
    Ok(match attribute {
        "id" => targets::id_of(core, t.uuid()).map_or("0".to_string(), |i| i.to_string()),
        "uuid" => t.uuid().to_string(),
        "urgency" => crate::transfer::json::format_urgency(urgency_of(core, t)),
        "tags" => t.tag_names().collect::<Vec<_>>().join(","),
        "depends" => t
            .dependencies()
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(","),
        "status" => t.status().to_string(),
        _ if known_date => t.timestamp(attribute).map(iso).unwrap_or_default(),
        _ => {
            if let Some(rest) = attribute.strip_prefix("annotations.") {
                let (n, field) = rest.split_once('.').ok_or_else(bad)?;
                let n: usize = n.parse().map_err(|_| bad())?;
                let notes = t.annotations();
                let note = n.checked_sub(1).and_then(|i| notes.get(i));
                return Ok(match (note, field) {
                    (Some(a), "description") => a.description.clone(),
                    (Some(a), "entry") => iso(a.entry),
                    (None, "description" | "entry") => String::new(),
                    _ => return Err(bad()),
                });
            }
            let known = [
                "description",
                "project",
                "priority",
                "recur",
                "parent",
                "mask",
            ]
            .contains(&attribute)
                || core.options().udas.iter().any(|u| u == attribute);
            match t.get(attribute) {
                Some(v) => v.to_string(),
                None if known => String::new(),
                None => return Err(bad()),
            }
        }
    })
}

/// The taskrc's date format for `task info` (`dateformat.info`, then `dateformat`).
fn date_format(core: &Core, key: &str) -> String {
    let settings = &core.options().settings;
    let set = |k: &str| {
        settings
            .get(k)
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .map(str::to_string)
    };
    let info = set("dateformat.info")
        .or_else(|| set("dateformat"))
        .unwrap_or_else(|| "Y-M-D H:N:S".to_string());
    if key == "annotation" {
        return set("dateformat.annotation").unwrap_or(info);
    }
    info
}

fn when(core: &Core, t: DateTime<Utc>, format: &str) -> String {
    crate::time::dateformat::format(&t.with_timezone(&core.tz()).fixed_offset(), format)
}

/// The Name/Value table of one task.
fn table(core: &Core, uuid: Uuid, label: bool) -> String {
    let Some(task) = core.tasks().get(&uuid) else {
        return String::new();
    };
    let format = date_format(core, "info");
    let now = core.now();
    let mut rows: Vec<(String, String)> = Vec::new();
    let mut row = |name: &str, value: String| rows.push((name.to_string(), value));
    let id = targets::id_of(core, uuid);
    row("ID", id.map_or_else(|| "-".to_string(), |i| i.to_string()));
    let mut description = task.description().to_string();
    let indent = core
        .options()
        .settings
        .get("indent.annotation")
        .and_then(|i| i.trim().parse().ok())
        .unwrap_or(2);
    let note_format = date_format(core, "annotation");
    for note in task.annotations() {
        description.push_str(&format!(
            "\n{}{} {}",
            " ".repeat(indent),
            when(core, note.entry, &note_format),
            note.description
        ));
    }
    row("Description", description);
    let status = match task.is_waiting(now) {
        true => "waiting".to_string(),
        false => task.status().to_string(),
    };
    row("Status", capitalised(&status));
    if let Some(project) = task.project() {
        row("Project", project.to_string());
    }
    let others = |list: Vec<Uuid>| -> String {
        list.into_iter()
            .map(|u| {
                let name = core.tasks().get(&u).map_or("", Task::description);
                format!("{} {}", targets::identifier(core, u), name)
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let blocked_by: Vec<Uuid> = task
        .dependencies()
        .into_iter()
        .filter(|d| core.depmap().is_blocked(uuid) && core.tasks().get(d).is_some())
        .collect();
    if !blocked_by.is_empty() {
        row("This task blocked by", others(blocked_by));
    }
    let blocking: Vec<Uuid> = core.depmap().dependents(uuid).collect();
    if !blocking.is_empty() {
        row("This task is blocking", others(blocking));
    }
    for (key, name) in [
        ("recur", "Recurrence"),
        ("parent", "Parent task"),
        ("mask", "Mask"),
        ("imask", "Mask Index"),
        ("template", "Template task"),
        ("last", "Last instance"),
        ("rtype", "Recurrence type"),
    ] {
        if let Some(value) = task.get(key) {
            row(name, value.to_string());
        }
    }
    // How long ago, in Taskwarrior's vague form; nothing under a second.
    let aged = |t: DateTime<Utc>| {
        let age = super::overview::vague(now.timestamp() - t.timestamp());
        format!("{} ({age})", when(core, t, &format))
    };
    if let Some(entry) = task.entry() {
        row("Entered", aged(entry));
    }
    for (key, name) in [
        ("wait", "Waiting until"),
        ("scheduled", "Scheduled"),
        ("start", "Start"),
        ("due", "Due"),
        ("end", "End"),
        ("until", "Until"),
    ] {
        if let Some(t) = task.timestamp(key) {
            row(name, when(core, t, &format));
        }
    }
    if let Some(modified) = task.modified() {
        row("Last modified", aged(modified));
    }
    let tags: Vec<&str> = task.tag_names().collect();
    if !tags.is_empty() {
        row("Tags", tags.join(" "));
    }
    let ctx = core.tag_context();
    let mut virtual_tags: Vec<&str> = task
        .virtual_tags(id, &ctx)
        .iter()
        .map(|t| t.name())
        .collect();
    // Taskwarrior's older names, which its `info` lists beside the new ones.
    for (new, old) in [
        ("INSTANCE", "CHILD"),
        ("TEMPLATE", "PARENT"),
        ("TODAY", "DUETODAY"),
    ] {
        if virtual_tags.contains(&new) {
            virtual_tags.push(old);
        }
    }
    virtual_tags.sort_unstable();
    row("Virtual tags", virtual_tags.join(" "));
    row("UUID", uuid.to_string());
    row("Urgency", significant(urgency_of(core, task), 4));
    let settings = &core.options().settings;
    // Priority is one of Taskwarrior 3's UDAs, listed with them.
    if let Some(priority) = task.priority() {
        row("Priority", priority.to_string());
    }
    for (key, value) in task.udas() {
        let label = settings.get(&format!("uda.{key}.label")).map(str::trim);
        row(
            label.filter(|l| !l.is_empty()).unwrap_or(key),
            value.to_string(),
        );
    }
    // Shown escaped, line by line: a value's own lines (annotations) stay lines.
    let rows: Vec<(String, String)> = rows
        .into_iter()
        .map(|(n, v)| {
            let lines: Vec<String> = v.split('\n').map(|l| visible(l).into_owned()).collect();
            (visible(&n).into_owned(), lines.join("\n"))
        })
        .collect();
    let width = |s: &str| unicode_width::UnicodeWidthStr::width(s);
    let names = rows
        .iter()
        .map(|(n, _)| width(n))
        .chain([4])
        .max()
        .unwrap_or(4);
    let values = rows
        .iter()
        .flat_map(|(_, v)| v.lines().map(width))
        .chain([5])
        .max()
        .unwrap_or(5);
    let mut out = String::new();
    if label {
        out.push_str(&format!("{:<names$} Value\n", "Name"));
        out.push_str(&format!("{} {}\n", "-".repeat(names), "-".repeat(values)));
    }
    for (name, value) in rows {
        let mut lines = value.lines();
        let first = lines.next().unwrap_or("");
        out.push_str(&pad(&name, names, first));
        for more in lines {
            out.push_str(&pad("", names, more));
        }
    }
    out
}

fn pad(name: &str, width: usize, value: &str) -> String {
    let fill = width.saturating_sub(unicode_width::UnicodeWidthStr::width(name));
    format!("{name}{} {value}", " ".repeat(fill))
        .trim_end()
        .to_string()
        + "\n"
}

/// A task's urgency: the one the list shows, else (a task closed) worked out afresh, as
/// `task info` shows one for every task.
fn urgency_of(core: &Core, task: &Task) -> f64 {
    core.urgency()
        .get(&task.uuid())
        .copied()
        .unwrap_or_else(|| {
            let terms = urgency_terms(task, &core.options().coefficients, &core.tag_context());
            terms.iter().map(|(_, c, t)| c * t).sum()
        })
}

/// How urgency adds up, term by term, as `task info` shows it; none for a task whose
/// urgency is 0.
fn breakdown(core: &Core, uuid: Uuid) -> Option<String> {
    let task = core.tasks().get(&uuid)?;
    let ctx = core.tag_context();
    let terms = urgency_terms(task, &core.options().coefficients, &ctx);
    let total: f64 = terms.iter().map(|(_, c, t)| c * t).sum();
    if total == 0.0 {
        return None;
    }
    let rows: Vec<[String; 4]> = terms
        .iter()
        .map(|(name, c, t)| {
            [
                format!("    {}", visible(name)),
                significant(*t, 3),
                significant(*c, 3),
                significant(c * t, 3),
            ]
        })
        .collect();
    let w = |i: usize, least: usize| {
        rows.iter()
            .map(|r| r[i].chars().count())
            .chain([least])
            .max()
            .unwrap_or(least)
    };
    let (a, b, c, d) = (w(0, 4), w(1, 1), w(2, 1), w(3, 6));
    let mut out = format!(
        "{} {} - {} - {}\n",
        "-".repeat(a),
        "-".repeat(b),
        "-".repeat(c),
        "-".repeat(d)
    );
    for [name, term, coefficient, product] in &rows {
        out.push_str(&format!(
            "{name:<a$} {term:>b$} * {coefficient:>c$} = {product:>d$}\n"
        ));
    }
    let lead = a + b + c + 6;
    out.push_str(&format!("{} {}\n", " ".repeat(lead), "-".repeat(d)));
    out.push_str(&format!(
        "{} {:>d$}\n",
        " ".repeat(lead),
        significant(total, 4)
    ));
    Some(out)
}

/// A number to `digits` significant digits, as `task info` writes them: `10.34`, `0.712`.
fn significant(value: f64, digits: usize) -> String {
    crate::transfer::json::format_significant(value, digits)
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|f| f.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_show_four_significant_digits_as_task_info_does() {
        for (value, shown) in [
            (10.3424, "10.34"),
            (7.5863, "7.586"),
            (0.71234, "0.7123"),
            (1.8, "1.8"),
            (1.0, "1"),
            (12.0, "12"),
            (8.544, "8.544"),
            (-5.0, "-5"),
            (0.0, "0"),
        ] {
            assert_eq!(significant(value, 4), shown, "{value}");
        }
        assert_eq!(significant(0.4074, 3), "0.407");
        assert_eq!(significant(4.889, 3), "4.89");
    }
}
