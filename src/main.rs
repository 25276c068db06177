//! The `tcui` binary: parse the command line and hand over to the library.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = tcui::cli::Cli::parse();
    match tcui::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("tcui: {err:#}");
            ExitCode::FAILURE
        }
    }
}
