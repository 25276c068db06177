//! `tcui status`: asked of a running interface when there is one (from its memory), else
//! read from the replica.

use anyhow::{Context, Result, bail};
use chrono::{Local, Utc};

use super::args::Cli;
use crate::app::status::{COUNTED_KEYS, Counter, DEFAULT_FORMAT, LAST_SYNC_FILE, LastSync, Status};

pub(super) fn status(cli: &Cli, json: bool, format: Option<&str>) -> Result<()> {
    let dir = cli.data_dir()?;
    let now = Utc::now();
    #[cfg(unix)]
    let told = super::borrow::status(&dir)?;
    #[cfg(not(unix))]
    let told: Option<String> = None;
    let status = match told {
        Some(text) => serde_json::from_str(&text)
            .with_context(|| format!("the running tcui told its status oddly: {text}"))?,
        None => alone(cli, &dir)?,
    };
    if json {
        println!("{}", status.to_json());
        return Ok(());
    }
    match status.format(format.unwrap_or(DEFAULT_FORMAT), now) {
        Ok(line) => println!("{line}"),
        Err(why) => bail!("{why}"),
    }
    Ok(())
}

/// The status read from the replica (only the tasks with IDs are read).
fn alone(cli: &Cli, dir: &std::path::Path) -> Result<Status> {
    let replica = cli.open_replica()?;
    let mut counter = Counter::new(Utc::now(), *Local::now().offset());
    replica.visit_pending(COUNTED_KEYS, |values| counter.add_values(values))?;
    let unsynced = replica.num_local_operations()?;
    drop(replica);
    let status = counter
        .status
        .with_sync(unsynced, LastSync::read(&dir.join(LAST_SYNC_FILE)));
    Ok(status)
}
