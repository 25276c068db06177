//! `tcui [FILTER] COMMAND [WORDS]`: a Taskwarrior command line, read as `task` reads it
//! (see `grammar`), and handed to the command it names.

use anyhow::{Result, bail};

use super::args::Cli;
use super::grammar::{DEFAULT_ALIASES, Known, Line};
use crate::app::Options;

/// Run the Taskwarrior command line `args`.
pub(super) fn run(cli: &Cli, args: &[String]) -> Result<()> {
    // tcui's own, whole word only (it would make Taskwarrior's `comp` ambiguous).
    if let [first, rest @ ..] = args
        && first == "completion"
    {
        return super::about::completion(rest);
    }
    let mut options = cli.options();
    let line = known(&options).read(args);
    // The hook scripts are told the command.
    if cli.invoked.set(line.command.clone()).is_ok() && options.hooks.is_some() {
        options.hooks = cli
            .hooks(&options.settings, options.hook_timeout)
            .map(|h| std::sync::Arc::new(h.showing_errors()));
    }
    let Some(hooks) = options.hooks.clone() else {
        return dispatch(cli, options, line);
    };
    // As `task` runs them: `on-launch` before the command (which it may stop), `on-exit`
    // after it with the tasks changed; what they say follows the command's output.
    use crate::app::hooks::Event;
    let said = |lines: Vec<String>| lines.iter().for_each(|l| eprintln!("{l}"));
    said(launch_or_exit(hooks.notify(Event::Launch, &[]))?);
    let result = dispatch(cli, options, line);
    let ended = hooks.notify(Event::Exit, &super::session::changed_tasks());
    said(launch_or_exit(ended)?);
    result
}

/// What an `on-launch` or `on-exit` script said, or its refusal (said, and exit 4).
pub(super) fn launch_or_exit(
    result: Result<Vec<String>, crate::app::hooks::HookError>,
) -> Result<Vec<String>> {
    use crate::app::hooks::HookError;
    match result {
        Ok(lines) => Ok(lines),
        Err(HookError::Refused(lines)) => {
            lines.iter().for_each(|l| eprintln!("{l}"));
            Err(super::HookRefusal.into())
        }
        Err(e) => Err(e.into()),
    }
}

/// What the settings add to the command line's grammar: the reports, the aliases,
/// `abbreviation.minimum` and `default.command`.
pub(super) fn known(options: &Options) -> Known<'_> {
    let settings = &options.settings;
    let mut aliases: Vec<(String, String)> = DEFAULT_ALIASES
        .iter()
        .map(|(name, value)| (name.to_string(), value.to_string()))
        .collect();
    for (key, value) in settings.iter() {
        if let Some(name) = key.strip_prefix("alias.") {
            aliases.retain(|(n, _)| n != name);
            if !value.trim().is_empty() {
                aliases.push((name.to_string(), value.trim().to_string()));
            }
        }
    }
    Known {
        reports: options.reports.all().map(|r| r.name.as_str()).collect(),
        aliases,
        minimum: settings
            .get("abbreviation.minimum")
            .and_then(|m| m.trim().parse().ok())
            .unwrap_or(2),
        default_command: settings
            .get("default.command")
            .unwrap_or("next")
            .split_whitespace()
            .map(str::to_string)
            .collect(),
    }
}

/// `export REPORT`: as in Taskwarrior, a lone plain word among export's filter that names a
/// report (or the start of one's name) adds that report's filter. Any other lone word stays a
/// word of the filter (Taskwarrior refuses it).
fn report_filter(options: &Options, words: &[String]) -> Result<Vec<String>> {
    let plain = |w: &String| {
        !w.contains([':', '~', '=', '<', '>', '/', '(', ')'])
            && !w.starts_with(['+', '-'])
            && !super::targets::looks_like_ids(w)
            && !["and", "or", "xor", "not"].contains(&w.as_str())
    };
    let lone: Vec<&String> = words.iter().filter(|w| plain(w)).collect();
    let [word] = lone.as_slice() else {
        return Ok(words.to_vec());
    };
    let report = options.reports.get(word).or_else(|| {
        options
            .reports
            .all()
            .find(|r| r.name.starts_with(word.as_str()))
    });
    let Some(report) = report else {
        return Ok(words.to_vec());
    };
    let mut filter: Vec<String> = words.iter().filter(|w| w != word).cloned().collect();
    if !report.filter.trim().is_empty() {
        filter.insert(0, format!("( {} )", report.filter));
    }
    Ok(filter)
}

fn dispatch(cli: &Cli, options: Options, line: Line) -> Result<()> {
    let command = line.command.as_str();
    if super::change::is_change(command) {
        return super::change::run(cli, options, &line);
    }
    if let Some(helper) = super::helpers::Helper::named(command) {
        return super::helpers::run(cli, helper, &line.filter);
    }
    // Commands that may read every task share the work out between cores.
    let chart = super::charts::Chart::named(command);
    if options.reports.get(command).is_some()
        || chart.is_some()
        || ["export", "summary", "stats"].contains(&command)
    {
        crate::parallel::start_workers();
    }
    if options.reports.get(command).is_some() {
        return super::report::run_with(cli, options, command, &line.filter);
    }
    let words = &line.words;
    match command {
        "add" => super::tasks::add(cli, words),
        "log" => super::tasks::log(cli, words),
        "undo" => super::undo::run(cli),
        "information" => super::info::run(cli, &line.filter),
        "_unique" => {
            let mut all = line.words.clone();
            all.extend(line.filter.iter().cloned());
            super::helpers::unique(cli, &all)
        }
        "_get" => super::info::get(cli, words),
        "edit" => super::edit::run(cli, &line.filter),
        "calendar" => super::overview::calendar(cli, words),
        _ if let Some(chart) = chart => super::charts::run(cli, chart, &line.filter),
        "summary" => super::overview::summary(cli, &line.filter),
        "stats" => super::overview::stats(cli, &line.filter),
        "context" => super::context::run(cli, words),
        "export" => {
            let filter = report_filter(&options, &line.filter)?;
            let mut replica = cli.open_renumbered()?;
            super::transfer::export(cli, &mut replica, &filter)
        }
        "import" => {
            let [path] = words.as_slice() else {
                bail!("say which file to import: `tcui import FILE` (- for standard input)");
            };
            let mut replica = cli.open_replica()?;
            let path = Some(std::path::PathBuf::from(path));
            super::transfer::import(&mut replica, false, path, &cli.places())
        }
        "synchronize" => {
            let mut replica = cli.open_replica()?;
            super::sync::sync_once(&mut replica, &cli.places(), &options)
        }
        "diagnostics" => {
            let replica = cli.open_replica()?;
            print!("{}", super::about::summary(&replica)?);
            Ok(())
        }
        "version" | "_version" => super::about::version(command),
        "help" => super::about::help(),
        "_commands" | "_zshcommands" => super::about::commands(&options, command),
        "_aliases" => super::about::aliases(&known(&options)),
        "_context" => super::about::contexts(&options),
        other => bail!(
            "tcui does not have Taskwarrior's {other:?} command; `tcui help` lists what it has"
        ),
    }
}
