//! The `tcui` binary: parse the command line and hand over to the library.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let (rc, args) = match tcui::cli::RcWords::take(std::env::args_os().collect()) {
        Ok(taken) => taken,
        Err(err) => return fail(&err),
    };
    let mut cli = tcui::cli::Cli::parse_from(args);
    cli.rc = rc;
    let result = tcui::cli::run(cli);
    // A replica borrowed from a running interface goes back to it now.
    #[cfg(unix)]
    tcui::cli::borrow::give_back();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // Said already, as `task` says it.
        Err(err) if err.is::<tcui::cli::Shortfall>() => ExitCode::FAILURE,
        // Said already, in the hook script's words; 4 as `task` exits then.
        Err(err) if err.is::<tcui::cli::HookRefusal>() => ExitCode::from(4),
        Err(err) => fail(&err),
    }
}

/// Say why on stderr, and exit with 2, as `task` does on an error.
fn fail(err: &anyhow::Error) -> ExitCode {
    // Each cause once: many messages already quote the error underneath them.
    let mut text = String::new();
    for cause in err.chain().map(ToString::to_string) {
        if !text.contains(&cause) {
            if !text.is_empty() {
                text.push_str(": ");
            }
            text.push_str(&cause);
        }
    }
    // Errors quote what the user or a file said: shown escaped, as on screen. A stderr that
    // has gone away (a closed terminal) cannot be told.
    let _ = writeln!(std::io::stderr(), "tcui: {}", tcui::text::visible(&text));
    ExitCode::from(2)
}
