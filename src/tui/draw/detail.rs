//! The detail pane: every attribute of the task under the cursor, its UDAs, annotations,
//! dependencies with their descriptions, and its change history.

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::task::keys::DATE_ATTRIBUTES;
use crate::task::{Operation, Task};
use crate::text::{self, visible};
use crate::time::{format_age, format_relative, parse_timestamp};
use crate::tui::app::App;

pub(super) fn render(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let block = Block::default().borders(Borders::ALL).title(" detail ");
    let Some(task) = app.current() else {
        frame.render_widget(Paragraph::new("no task").block(block), area);
        return;
    };
    let lines = lines(app, task);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}

/// The pane's text, line by line.
pub(super) fn lines(app: &App, task: &Task) -> Vec<Line<'static>> {
    let label = Style::default().add_modifier(Modifier::BOLD);
    let mut out: Vec<Line<'static>> = Vec::new();
    // Names and values are shown escaped, whoever wrote them (a UDA's name is any key).
    let mut field = |name: &str, value: &str| {
        out.push(Line::from(vec![
            Span::styled(text::label(&visible(name), 12), label),
            Span::raw(visible(value).into_owned()),
        ]));
    };
    if let Some(id) = app.core.ids().get(&task.uuid()) {
        field("ID", &id.to_string());
    }
    field("UUID", &task.uuid().to_string());
    field("Status", &task.status().to_string());
    field("Description", task.description());
    if let Some(p) = task.project() {
        field("Project", p);
    }
    if let Some(p) = task.priority() {
        field("Priority", p);
    }
    let tags: Vec<&str> = task.tag_names().collect();
    if !tags.is_empty() {
        field("Tags", &tags.join(" "));
    }
    let ctx = app.core.tag_context();
    let id = app.core.ids().get(&task.uuid()).copied();
    let virtual_tags: Vec<&str> = task
        .virtual_tags(id, &ctx)
        .iter()
        .map(|t| t.name())
        .collect();
    field("Virtual", &virtual_tags.join(" "));
    for name in DATE_ATTRIBUTES {
        if let Some(t) = task.timestamp(name) {
            field(&capitalise(name), &when(app, t));
        }
    }
    if let Some(u) = app.core.urgency().get(&task.uuid()) {
        field("Urgency", &format!("{u:.2}"));
    }
    if let Some(r) = task.get("recur") {
        field("Recur", r);
    }
    series(app, task, &mut field);
    for dep in task.dependencies() {
        field("Depends on", &related(app, dep));
    }
    for dependent in app.core.depmap().dependents(task.uuid()) {
        field("Blocking", &related(app, dependent));
    }
    let settings = &app.core.options().settings;
    for (k, v) in task.udas() {
        // A UDA under its label (`uda.NAME.label`), as `task info` shows it.
        let label = settings.get(&format!("uda.{k}.label")).map(str::trim);
        field(label.filter(|l| !l.is_empty()).unwrap_or(k), v);
    }
    for a in task.annotations() {
        field(
            "Annotation",
            &format!(
                "{} {}",
                stamp(app, a.entry, Stamp::Annotation),
                a.description
            ),
        );
    }
    if let Some((uuid, ops)) = app.core.history()
        && *uuid == task.uuid()
    {
        out.push(Line::from(""));
        out.push(Line::from(Span::styled("History", label)));
        for op in ops {
            if let Some(text) = history_line(app, op) {
                out.push(Line::from(visible(&text).into_owned()));
            }
        }
    }
    out
}

fn capitalise(name: &str) -> String {
    let mut c = name.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Which of the taskrc's date formats a time in the pane is written in.
#[derive(Clone, Copy, PartialEq)]
enum Stamp {
    /// An attribute or a change: `dateformat.info`, else `dateformat`.
    Info,
    /// An annotation's: `dateformat.annotation`, else as [`Stamp::Info`].
    Annotation,
}

/// `t` in local time, in the date format the taskrc gives the `task info` report
/// (`dateformat.info`; `dateformat` if that is set empty; `dateformat.annotation` first for
/// annotations), or as tcui writes it when the taskrc gives none. As in Taskwarrior, whose
/// `dateformat.info` has a value of its own, `dateformat` alone does not change it.
fn stamp(app: &App, t: DateTime<Utc>, which: Stamp) -> String {
    let settings = &app.core.options().settings;
    let set = |key: &str| settings.get(key).map(str::trim).filter(|f| !f.is_empty());
    let annotation = set("dateformat.annotation").filter(|_| which == Stamp::Annotation);
    let info = match settings.get("dateformat.info").map(str::trim) {
        Some("") => set("dateformat"),
        Some(f) => Some(f),
        None => None,
    };
    let local = t.with_timezone(&app.core.tz());
    match annotation.or(info) {
        Some(fmt) => crate::time::dateformat::format(&local.fixed_offset(), fmt),
        None => local.format("%Y-%m-%d %H:%M").to_string(),
    }
}

/// An absolute local time and how far from now.
fn when(app: &App, t: DateTime<Utc>) -> String {
    let local = stamp(app, t, Stamp::Info);
    if t <= app.core.now() {
        format!("{local} ({} ago)", format_age(t, app.core.now()))
    } else {
        format!("{local} (in {})", format_relative(t, app.core.now()))
    }
}

/// A recurring task's series: of a template, its type, what became of its instances (from
/// its mask) and those in the working set; of an instance, its template and its pending
/// siblings.
fn series(app: &App, task: &Task, field: &mut impl FnMut(&str, &str)) {
    use crate::app::series::kin;
    let template = task.status() == crate::task::Status::Recurring;
    if template {
        field("Type", task.get("rtype").unwrap_or("periodic"));
        let counts = crate::task::recurrence::MaskCounts::of(task.get("mask").unwrap_or(""));
        field("Instances", &format!("{} made: {counts}", counts.made));
    }
    let Some(kin) = kin(&app.core, task.uuid(), true) else {
        return;
    };
    if let Some(parent) = kin.template {
        field("Template", &related(app, parent));
    }
    let name = if template { "Instance" } else { "Sibling" };
    let mut instances: Vec<_> = kin
        .instances
        .into_iter()
        .map(|u| (app.core.tasks().get(&u).and_then(Task::due), u))
        .collect();
    instances.sort_unstable();
    for (due, other) in instances {
        let line = match due {
            Some(due) => format!("{} due {}", related(app, other), when(app, due)),
            None => related(app, other),
        };
        field(name, &line);
    }
}

/// A related task: its ID, description and status.
fn related(app: &App, uuid: uuid::Uuid) -> String {
    match app.core.tasks().get(&uuid) {
        Some(t) => format!(
            "{} {} ({})",
            app.core.ids().get(&uuid).map_or_else(
                || uuid.simple().to_string()[..8].to_string(),
                u32::to_string
            ),
            visible(t.description()),
            t.status()
        ),
        None => format!("{uuid} (not loaded)"),
    }
}

/// One change, readably: `2026-11-20 10:15  project: home → work`.
fn history_line(app: &App, op: &Operation) -> Option<String> {
    match op {
        Operation::Create { .. } => Some("created".into()),
        Operation::Delete { .. } => Some("removed".into()),
        Operation::UndoPoint => None,
        Operation::Update {
            property,
            old_value,
            value,
            timestamp,
            ..
        } => {
            if property == "modified" {
                return None;
            }
            let is_date = DATE_ATTRIBUTES.contains(&property.as_str());
            let show = |v: &Option<String>| match v.as_deref() {
                None => "∅".to_string(),
                Some(v) => match parse_timestamp(v).filter(|_| is_date) {
                    Some(t) => stamp(app, t, Stamp::Info),
                    None => visible(v).into_owned(),
                },
            };
            Some(format!(
                "{}  {property}: {} → {}",
                stamp(app, *timestamp, Stamp::Info),
                show(old_value),
                show(value)
            ))
        }
    }
}
