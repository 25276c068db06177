//! `tcui REPORT [FILTER]` and `tcui [FILTER] REPORT`: a report printed as `task` prints it,
//! for scripts and for eyes: its columns and labels, the rows its filter (and the context)
//! leave in its order, columns nobody has a value for left out, descriptions wrapped to the
//! width, and the count at the end; in Taskwarrior's colours when it would use them.

use std::io::IsTerminal;

use anyhow::{Result, anyhow};

use super::args::Cli;
use super::report_colours::{ReportColours, no_colour_env, wanted};
use super::session::{Scope, Session};
use crate::app::cells::{ColumnKind, ColumnSpec};
use crate::app::query::Query;
use crate::app::table::{Layout, TableColumn, TableRows, Wrap, render};
use crate::app::table_colour::paint;
use crate::lang::Limit;
use crate::text::visible;

/// Which of Taskwarrior's `verbose` messages are on.
#[derive(Debug, Clone, Copy)]
pub(super) struct Verbose {
    pub blank: bool,
    pub label: bool,
    pub affected: bool,
    pub footnote: bool,
    pub overrides: bool,
    pub new_id: bool,
    pub new_uuid: bool,
}

/// Taskwarrior 3.1.0's `verbose` when the taskrc does not set it.
const DEFAULT_VERBOSE: &str =
    "affected,blank,context,edit,footnote,label,new-id,news,project,special,sync,override,recur";

/// The words `verbose` may list, as Taskwarrior knows them.
const VERBOSE_WORDS: &[&str] = &[
    "nothing", "affected", "blank", "context", "default", "edit", "filter", "footnote", "header",
    "label", "new-id", "new-uuid", "news", "override", "project", "recur", "special", "sync",
];

impl Verbose {
    /// As Taskwarrior reads `verbose`: unset, its default list (everything but `new-uuid`,
    /// `filter` and `header`); a yes, everything; else the words listed, `nothing` alone
    /// being none. A list whose first word in sorted order is none of
    /// Taskwarrior's (a `no`, an `off`) is its old "off": blank, label, new-id and edit.
    /// Some words bring footnotes with them (affected, new-id, new-uuid, project, override,
    /// recur).
    pub(super) fn of(setting: Option<&str>) -> Verbose {
        let text = setting.unwrap_or(DEFAULT_VERBOSE).trim();
        if crate::config::is_true(text) {
            return Verbose {
                blank: true,
                label: true,
                affected: true,
                footnote: true,
                overrides: true,
                new_id: true,
                new_uuid: true,
            };
        }
        let mut words: std::collections::BTreeSet<&str> =
            text.split(',').filter(|w| !w.is_empty()).collect();
        if words.first().is_some_and(|w| !VERBOSE_WORDS.contains(w)) {
            words = ["blank", "label", "new-id", "edit"].into();
        }
        let implied = [
            "affected", "new-id", "new-uuid", "project", "override", "recur",
        ];
        if implied.iter().any(|w| words.contains(w)) {
            words.insert("footnote");
        }
        let nothing = words.len() == 1 && words.contains("nothing");
        let has = |word: &str| !nothing && words.contains(word);
        Verbose {
            blank: has("blank"),
            label: has("label"),
            affected: has("affected"),
            footnote: has("footnote"),
            overrides: has("override"),
            new_id: has("new-id"),
            new_uuid: has("new-uuid"),
        }
    }
}

/// A command that did not do all it was asked (nothing matched, a task was left as it was)
/// and has said so: the exit status is 1, as `task`'s is.
#[derive(Debug)]
pub struct Shortfall;

impl std::fmt::Display for Shortfall {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not everything asked for was done")
    }
}

impl std::error::Error for Shortfall {}

/// Print the report `name` with `filter` on top, with the settings already read.
pub(super) fn run_with(
    cli: &Cli,
    options: crate::app::Options,
    name: &str,
    filter: &[String],
) -> Result<()> {
    let text = filter.join(" ");
    // A report of pending tasks (its filter's or the one given) reads the working set only.
    let pending = {
        let query_context =
            options.query_context(chrono::Utc::now(), *chrono::Local::now().offset());
        let view = options.reports.get(name).and_then(|def| {
            crate::app::view::View::new(def, &query_context, &options.settings).ok()
        });
        view.is_some_and(|v| v.pending_only())
            || Query::parse(&text, &query_context).is_ok_and(|q| q.requires_pending())
    };
    let scope = if pending {
        Scope::WorkingSet
    } else {
        Scope::All
    };
    // The interface's list computes the rows: the report's filter and order, the context
    // (unless the report opts out), and the filter given; chosen before the tasks are
    // loaded, so that the rows are worked out once.
    let s = Session::open_prepared(cli, options, true, scope, |core| {
        let query = match text.trim() {
            "" => None,
            given => Some(
                Query::parse(given, &core.query_context())
                    .map_err(|e| anyhow!("the filter {e}"))?,
            ),
        };
        core.set_view_and_query(name, text.clone(), query)
            .map_err(|e| anyhow!("{e}"))
    })?;
    let core = &s.app;
    let settings = &core.options().settings;
    let view = core.list().view();
    let def = &view.def;
    let verbose = Verbose::of(settings.get("verbose"));
    // As `task` notes each `rc.NAME=VALUE` of its command line, first.
    let mut footnotes: Vec<String> = cli
        .rc
        .typed
        .iter()
        .filter(|_| verbose.overrides)
        .map(|word| format!("Configuration override {}", visible(word)))
        .collect();
    let mut errors = Vec::new();
    if def.context
        && let Some(c) = core.context()
    {
        footnotes.push(format!(
            "Context '{}' set. Use 'tcui context none' to remove.",
            visible(c.name())
        ));
    }

    let report = &view.columns;
    let hyphenate = settings.get("hyphenate").is_none_or(crate::config::is_true);
    let date_room =
        report.annotation_indent + crate::time::dateformat::length(&report.annotation_dateformat);
    let columns: Vec<TableColumn> = report
        .specs
        .iter()
        .zip(&report.labels)
        .zip(&report.right)
        .map(|((spec, label), right)| TableColumn {
            label: label.clone(),
            right_aligned: *right,
            wrap: wrap(spec, hyphenate),
        })
        .collect();

    let terminal = std::io::stdout().is_terminal();
    let colours = wanted(settings, terminal, no_colour_env()).then(|| {
        let (colours, warnings) = ReportColours::from_settings(settings);
        for warning in warnings {
            eprintln!("tcui: {warning}");
        }
        colours
    });
    let underline = colours.as_ref().is_some_and(ReportColours::underline);
    let tags = core.tag_context();
    let mut rule_colours = Vec::new();

    // Asked only of a terminal: elsewhere the answer would cost a child process (`tput`).
    let (term_width, term_height) = terminal
        .then(crossterm::terminal::size)
        .and_then(Result::ok)
        .map_or((None, None), |(w, h)| (Some(w as usize), Some(h as usize)));
    let number = |key: &str, default: usize| {
        settings
            .get(key)
            .and_then(|v| v.trim().parse::<usize>().ok())
            .unwrap_or(default)
    };
    let width = term_width.unwrap_or_else(|| number("defaultwidth", 80));
    // Underlined labels take one line; labels over dashes two.
    let header_lines = match (verbose.label, underline) {
        (false, _) => 0,
        (true, true) => 1,
        (true, false) => 2,
    };
    // `limit:page`: the height less the lines around the table, as Taskwarrior counts them
    // (the labels once there, and once more among the table's own lines).
    // A `defaultheight` of 0 is no limit, as in Taskwarrior.
    let page = match core.list().limit() {
        Some(Limit::Page) if term_height.is_none() && number("defaultheight", 24) == 0 => None,
        Some(Limit::Page) => {
            let height = term_height.unwrap_or_else(|| number("defaultheight", 24));
            let fluff = header_lines
                + usize::from(verbose.blank)
                + if verbose.footnote { footnotes.len() } else { 0 }
                + usize::from(verbose.affected)
                + number("reserved.lines", 1);
            Some(height.saturating_sub(fluff).max(header_lines + 1))
        }
        _ => None,
    };
    let matched = core.list().matched();
    let uuids: Vec<_> = core.list().rows().iter().map(|r| r.uuid).collect();
    let mut rows = TableRows::default();
    let breaks: Vec<&str> = def.breaks().collect();
    let mut previous: Option<Vec<Option<String>>> = None;
    // As in Taskwarrior, only the rows that can fit on the page are measured, so only their
    // cells are worked out; each row's cells and their widths, half the rows on each core.
    let measured = &uuids[..page.map_or(uuids.len(), |p| p.min(uuids.len()))];
    let cells_of = |part: &[uuid::Uuid]| -> Vec<LaidOut> {
        part.iter()
            .filter_map(|uuid| {
                let task = core.tasks().get(uuid)?;
                let row = core.row_context(uuid, core.urgency().get(uuid).copied().unwrap_or(0.0));
                let cells = report.cells(task, &row, false);
                let measures = report
                    .specs
                    .iter()
                    .zip(&cells)
                    .map(|(spec, text)| measure(spec, task, text, date_room))
                    .collect();
                Some((cells, measures))
            })
            .collect()
    };
    let (earlier, later) = measured.split_at(measured.len() / 2);
    let (mut laid_out, second) = crate::parallel::join(|| cells_of(earlier), || cells_of(later));
    laid_out.extend(second);
    let mut laid_out = laid_out.into_iter();
    for uuid in measured {
        let Some(task) = core.tasks().get(uuid) else {
            continue;
        };
        let Some((cells, measures)) = laid_out.next() else {
            break;
        };
        if let Some(colours) = &colours {
            rule_colours.push(colours.rule(task, &tags));
        }
        rows.measures.push(measures);
        rows.cells.push(cells);
        let values: Vec<Option<String>> = breaks
            .iter()
            .map(|b| task.get(b).map(str::to_owned))
            .collect();
        rows.breaks
            .push(previous.as_ref().is_some_and(|p| *p != values));
        previous = Some(values);
    }
    if rows.cells.is_empty() {
        footnotes.push("No matches.".to_string());
        say_footnotes(&footnotes, &[], verbose.footnote, colours.as_ref());
        return Err(Shortfall.into());
    }

    let max_lines = page.map_or(0, |p| p - header_lines);
    let table = render(
        &columns,
        &rows,
        Layout {
            width,
            empty_columns: settings
                .get("print.empty.columns")
                .is_some_and(crate::config::is_true),
            dashes: !underline,
            max_lines,
        },
    );
    let painted = colours.as_ref().map(|colours| {
        let sorted = report
            .specs
            .iter()
            .map(|spec| def.sort.iter().any(|key| key.attr == spec.attr))
            .collect();
        paint(&table, &colours.table(&rule_colours, sorted))
    });
    let (header, lines) = match &painted {
        Some(painted) => (&painted.header, &painted.lines),
        None => (&table.header, &table.lines),
    };
    let mut out = String::new();
    if verbose.blank {
        out.push('\n');
    }
    if verbose.label {
        for line in header {
            out.push_str(line);
            out.push('\n');
        }
    }
    for line in lines {
        out.push_str(line);
        out.push('\n');
    }
    if verbose.blank {
        out.push('\n');
    }
    if verbose.affected {
        out.push_str(&if matched == 1 {
            "1 task".to_string()
        } else {
            format!("{matched} tasks")
        });
        if uuids.len() < matched {
            out.push_str(&format!(", {} shown", uuids.len()));
        }
        if let Some(page) = page.filter(|p| *p < matched) {
            out.push_str(&format!(", truncated to {} lines", page - header_lines));
        }
        out.push('\n');
    }
    print!("{out}");
    if let Some(least) = table.too_narrow {
        errors.push(format!(
            "The report has a minimum width of {least} and does not fit in the available \
             width of {width}."
        ));
    }
    say_footnotes(&footnotes, &errors, verbose.footnote, colours.as_ref());
    Ok(())
}

/// A row's cells, and each cell's least and best width.
type LaidOut = (Vec<String>, Vec<(usize, usize)>);

/// As `task` prints them on stderr: the footnotes if the verbosity asks for them, then the
/// errors always, in their colours when colour is on.
fn say_footnotes(
    footnotes: &[String],
    errors: &[String],
    wanted: bool,
    colours: Option<&ReportColours>,
) {
    // Each once, as `task` keeps them.
    let (mut said_notes, mut said_errors) = (Vec::new(), Vec::new());
    let notes = footnotes.iter().filter(|_| wanted).map(|n| (n, false));
    for (note, error) in notes.chain(errors.iter().map(|e| (e, true))) {
        let said = if error {
            &mut said_errors
        } else {
            &mut said_notes
        };
        if said.contains(&note) {
            continue;
        }
        said.push(note);
        match colours {
            Some(colours) => eprintln!("{}", colours.footnote(note, error)),
            None => eprintln!("{note}"),
        }
    }
}

/// How a column's text is broken over lines to fit, as Taskwarrior breaks each: a word of
/// a description, a project or a text UDA cut with a hyphen (`hyphenate`, on unless the
/// taskrc says no; always for a UDA), a tag or dependency list only between its items.
fn wrap(spec: &ColumnSpec, hyphenate: bool) -> Wrap {
    let hyphen = if hyphenate {
        Wrap::Hyphenated
    } else {
        Wrap::Words
    };
    match (&spec.kind, spec.style()) {
        (ColumnKind::Description, style) if !style.starts_with("truncated") => hyphen,
        (ColumnKind::Project, _) => hyphen,
        (ColumnKind::UdaString, "" | "default") => Wrap::Hyphenated,
        (ColumnKind::Tags | ColumnKind::Depends, "list") => Wrap::Words,
        _ => Wrap::Never,
    }
}

/// The least and the best width of a cell, as Taskwarrior measures the column: a
/// description needs its longest word (and room for an annotation's date), a count style
/// reserves ` [N]` even when there is no annotation, a truncated one needs 4 cells, a tag
/// list its longest tag.
fn measure(
    spec: &ColumnSpec,
    task: &crate::task::Task,
    text: &str,
    date_room: usize,
) -> (usize, usize) {
    use crate::text::width;
    let longest = |t: &str| t.split_whitespace().map(width).max().unwrap_or(0);
    let first = text.split('\n').next().unwrap_or("");
    let full = text.split('\n').map(width).max().unwrap_or(0);
    match (spec.attr.as_str(), spec.style()) {
        ("description", style @ ("count" | "truncated_count")) => {
            let notes = task.annotation_count();
            let description = visible(task.description());
            let best = width(&description) + 3 + notes.to_string().len();
            let least = if style == "count" {
                longest(&description)
            } else {
                4
            };
            (least, best)
        }
        ("description", "truncated") => (4, full),
        ("description", "combined") => {
            let notes = task.annotation_count() > 0;
            (longest(first).max(if notes { date_room } else { 0 }), full)
        }
        ("description", _) | ("tags" | "depends", "list") | ("project", _) => (longest(text), full),
        _ if matches!(spec.kind, ColumnKind::UdaString) && spec.style() == "default" => {
            (longest(text), full)
        }
        _ => (full, full),
    }
}
