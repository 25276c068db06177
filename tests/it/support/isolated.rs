//! The real binary, run on its own data folder under `dir`, with `dir` as its home, its taskrc
//! `dir/taskrc` and no settings file: nothing from the machine's own setup reaches it.

use std::path::Path;
use std::process::Command;

pub fn tcui_command(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tcui"));
    command
        .arg("--data-dir")
        .arg(dir.join("data"))
        .args(args)
        .env("HOME", dir)
        .env("TASKRC", dir.join("taskrc"))
        .env("TCUI_CONFIG", dir.join("none.rc"))
        .env_remove("TCUI_DATA")
        .env_remove("NO_COLOR");
    // The object stores' own variables, which would lead the cloud sync elsewhere.
    for name in [
        "AWS_ENDPOINT_URL",
        "AWS_ENDPOINT_URL_S3",
        "AWS_SHARED_CREDENTIALS_FILE",
        "GOOGLE_APPLICATION_CREDENTIALS",
        "STORAGE_EMULATOR_HOST",
    ] {
        command.env_remove(name);
    }
    command
}
