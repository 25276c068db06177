//! `tcui context …`: Taskwarrior's contexts from the command line, with `task context`'s
//! words and messages; and how the interface writes the active context to the taskrc.

use anyhow::{Result, anyhow, bail};

use super::args::Cli;
use crate::app::context::{Active, Contexts, SaveContext};
use crate::config::taskrc::Places;
use crate::config::{Written, set_variable};
use crate::text::{pad, visible};

/// `tcui context [NAME|none|list|show]`.
pub(super) fn run(cli: &Cli, words: &[String]) -> Result<()> {
    let options = crate::app::Options::from_settings(&cli.settings());
    let contexts = &options.contexts;
    match words.first().map(String::as_str) {
        None | Some("show") => {
            print!("{}", show(contexts));
            Ok(())
        }
        Some("list") => {
            print!("{}", list(contexts)?);
            Ok(())
        }
        Some("none") => {
            if save(&cli.places(), None)? == Written::NotFound {
                bail!("no context is in force; nothing to take away");
            }
            println!("Context unset.");
            Ok(())
        }
        Some(verb @ ("define" | "delete")) => {
            let name = words.get(1).map_or("NAME", String::as_str);
            bail!(
                "tcui does not {verb} contexts on the command line: a context is lines in the \
                 taskrc, context.{name}.read=FILTER and context.{name}.write=ATTRIBUTES, which \
                 tcui and Taskwarrior both read"
            )
        }
        Some(name) => {
            if words.len() > 1 {
                bail!(
                    "say one context: `tcui context {name}` (defining one is a line in the \
                     taskrc: context.{name}.read=FILTER)"
                );
            }
            if contexts.get(name).is_none() {
                bail!("{}", contexts.not_found(name));
            }
            let ctx = options.query_context(chrono::Utc::now(), *chrono::Local::now().offset());
            Active::new(contexts, name, &ctx)
                .map_err(|e| anyhow!("{e}; the context was not set"))?;
            save(&cli.places(), Some(name))?;
            println!("Context '{name}' set. Use 'tcui context none' to remove.");
            Ok(())
        }
    }
}

/// How the interface writes the active context: into the taskrc Taskwarrior reads.
pub(super) fn saver(places: Places) -> SaveContext {
    std::sync::Arc::new(move |name: Option<&str>| {
        save(&places, name)
            .map(|_| ())
            .map_err(|e| format!("{e:#}"))
    })
}

fn save(places: &Places, name: Option<&str>) -> Result<Written> {
    let path = places
        .find()
        .or_else(|| places.home.as_ref().map(|h| h.join(".taskrc")))
        .ok_or_else(|| anyhow!("cannot tell where the taskrc is; set TASKRC"))?;
    set_variable(&path, places.home.as_deref(), "context", name)
        .map_err(|e| anyhow!("cannot set the context: {e}"))
}

/// `task context show`'s words.
fn show(contexts: &Contexts) -> String {
    let Some(name) = contexts.in_force() else {
        return "No context is currently applied.\n".into();
    };
    let (read, write) = contexts
        .get(name)
        .map_or(("", ""), |c| (c.read.as_str(), c.write.as_str()));
    format!(
        "Context '{name}' with \n\n* read filter: '{}'\n* write filter: '{}'\n\nis currently \
         applied.\n",
        visible(read),
        visible(write)
    )
}

/// `task context list`'s table.
fn list(contexts: &Contexts) -> Result<String> {
    if contexts.defined.is_empty() {
        bail!("No contexts defined.");
    }
    let active = contexts.active.as_deref();
    let mut rows: Vec<[String; 4]> = Vec::new();
    for c in &contexts.defined {
        let on = if active == Some(c.name.as_str()) {
            "yes"
        } else {
            "no"
        };
        rows.push([
            c.name.clone(),
            "read".into(),
            visible(&c.read).into(),
            on.into(),
        ]);
        rows.push([
            String::new(),
            "write".into(),
            visible(&c.write).into(),
            on.into(),
        ]);
    }
    let headers = ["Name", "Type", "Definition", "Active"];
    let widths: Vec<usize> = (0..4)
        .map(|i| {
            rows.iter()
                .map(|r| crate::text::width(&r[i]))
                .chain([headers[i].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: [&str; 4]| -> String {
        let text: Vec<String> = cells.iter().zip(&widths).map(|(c, w)| pad(c, *w)).collect();
        text.join(" ").trim_end().to_string() + "\n"
    };
    let mut out = line(headers);
    let rules: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    out.push_str(&line([&rules[0], &rules[1], &rules[2], &rules[3]]));
    for r in &rows {
        out.push_str(&line([&r[0], &r[1], &r[2], &r[3]]));
    }
    Ok(out)
}
