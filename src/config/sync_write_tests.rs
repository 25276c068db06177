//! Tests of writing the sync settings: merge and replace, spellings, backups, modes, bytes kept.

use super::*;
use crate::config::secret::Secret;
use crate::config::taskrc::SyncSettings;

const ID: &str = "0666d464-418a-4a08-ad53-6f15c78270cd";

fn change(mode: WriteMode, values: &[(&str, Option<&str>)]) -> SyncChange {
    SyncChange {
        mode,
        values: values
            .iter()
            .map(|(k, v)| (k.to_string(), v.map(str::to_string)))
            .collect(),
    }
}

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_800_000_000, 0).unwrap()
}

#[test]
fn replacing_the_sync_section_keeps_everything_else() {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("taskrc");
    fs::write(
        dir.path().join("sync.rc"),
        format!("sync.server.client_id={ID}\nsync.local.server_dir=/old\n"),
    )
    .unwrap();
    let original = "# mine\r\ninclude sync.rc\nsync.server.url=https://old # the old one\ncolor=on\n  sync.encryption_secret = x\nnews.version=3.1";
    fs::write(&path, original).unwrap();
    let new = change(
        WriteMode::Replace,
        &[
            ("sync.server.url", Some("https://new.example")),
            ("sync.encryption_secret", Some("s3cret")),
            ("sync.server.client_id", Some(ID)),
            ("sync.gcp.bucket", None),
        ],
    );
    let written = write_sync(&path, None, &new, now()).unwrap();
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        format!(
            "# mine\r\ninclude sync.rc\ncolor=on\nnews.version=3.1\n\
             sync.encryption_secret=s3cret\n\
             sync.server.client_id={ID}\n\
             sync.server.url=https://new.example\n\
             sync.local.server_dir=\n"
        )
    );
    assert_eq!(written.removed, ["sync.local.server_dir"]);
    assert_eq!(
        written.changed,
        ["sync.encryption_secret", "sync.server.url"]
    );
    let rc = Taskrc::read(&path, None).unwrap();
    assert_eq!(
        rc.sync(None),
        SyncSettings::Server {
            url: "https://new.example".into(),
            client_id: Some(ID.into()),
            secret: Some(Secret::new("s3cret")),
        }
    );
    // The included file is not touched.
    assert!(
        fs::read_to_string(dir.path().join("sync.rc"))
            .unwrap()
            .contains("/old")
    );
    // Nothing given: every sync key is gone or blanked.
    write_sync(&path, None, &change(WriteMode::Replace, &[]), now()).unwrap();
    assert_eq!(
        Taskrc::read(&path, None).unwrap().sync(None),
        SyncSettings::NotConfigured
    );
}

#[test]
fn merging_changes_only_the_given_keys_and_their_other_spelling() {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("taskrc");
    fs::write(
        dir.path().join("sync.rc"),
        "sync.server.origin=https://inc\n",
    )
    .unwrap();
    let original = format!(
        "sync.server.origin=https://old\ninclude sync.rc\n# keep me\nsync.encryption.secret=s\n\
         sync.server.client_id={ID} # mine\ncolor=on"
    );
    fs::write(&path, &original).unwrap();
    let new = change(
        WriteMode::Merge,
        &[("sync.server.url", Some("https://new"))],
    );
    let written = write_sync(&path, None, &new, now()).unwrap();
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        format!(
            "include sync.rc\n# keep me\nsync.encryption.secret=s\nsync.server.client_id={ID} # mine\n\
             color=on\nsync.server.url=https://new\nsync.server.origin=\n"
        )
    );
    assert_eq!(written.set, ["sync.server.url"]);
    assert_eq!(written.removed, ["sync.server.origin"]);
    assert!(written.changed.is_empty());
    let backup = written.backup.unwrap();
    assert_eq!(backup, dir.path().join("taskrc.sync-20270115T080000Z.json"));
    let saved: BTreeMap<String, String> =
        serde_json::from_slice(&fs::read(&backup).unwrap()).unwrap();
    assert_eq!(saved["sync.server.origin"], "https://inc");
    assert_eq!(saved["sync.encryption.secret"], "s");
    // The same again writes nothing, and keeps no backup.
    let again = write_sync(&path, None, &new, now()).unwrap();
    assert!(!again.written && again.backup.is_none(), "{again:?}");
    // A second backup in the same second gets a name of its own.
    let other = change(
        WriteMode::Merge,
        &[("sync.server.url", Some("https://other"))],
    );
    let written = write_sync(&path, None, &other, now()).unwrap();
    assert_eq!(
        written.backup.unwrap(),
        dir.path().join("taskrc.sync-20270115T080000Z-2.json")
    );
    assert_eq!(written.changed, ["sync.server.url"]);
}

#[test]
fn bad_sync_settings_are_refused_and_nothing_is_written() {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("taskrc");
    fs::write(&path, "sync.server.url=https://h\n").unwrap();
    for (key, value, says) in [
        ("sync.server.uri", "https://x", "not a sync setting"),
        ("sync.server.client_id", "abc", "must be a UUID"),
        ("sync.server.url", "h.example", "must start with http"),
        ("sync.encryption_secret", "a#b", "contains '#'"),
        ("sync.encryption_secret", "a\0b", "control character"),
        (
            "sync.encryption_secret",
            " ab",
            "starts or ends with a space",
        ),
    ] {
        for mode in [WriteMode::Merge, WriteMode::Replace] {
            let err =
                write_sync(&path, None, &change(mode, &[(key, Some(value))]), now()).unwrap_err();
            assert!(err.to_string().contains(says), "{err}");
            assert!(!err.to_string().contains("a#b"), "{err}");
            assert_eq!(
                fs::read_to_string(&path).unwrap(),
                "sync.server.url=https://h\n"
            );
        }
    }
    let names: Vec<_> = fs::read_dir(dir.path()).unwrap().flatten().collect();
    assert_eq!(names.len(), 1, "no backup or temporary file: {names:?}");
}

#[cfg(unix)]
#[test]
fn a_new_taskrc_is_private_and_a_linked_one_stays_a_link() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("new-taskrc");
    let folder = change(WriteMode::Merge, &[("sync.local.server_dir", Some("/s"))]);
    write_sync(&path, None, &folder, now()).unwrap();
    assert_eq!(mode(&path), 0o600);
    let real = dir.path().join("dotfiles-taskrc");
    fs::write(&real, "color=on\n").unwrap();
    fs::set_permissions(&real, fs::Permissions::from_mode(0o644)).unwrap();
    let link = dir.path().join("linked");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    write_sync(&link, None, &folder, now()).unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        fs::read_to_string(&real).unwrap(),
        "color=on\nsync.local.server_dir=/s\n"
    );
    assert_eq!(mode(&real), 0o644, "no secret: the mode is kept");
    let secret = change(WriteMode::Merge, &[("sync.encryption_secret", Some("x"))]);
    write_sync(&link, None, &secret, now()).unwrap();
    assert_eq!(mode(&real), 0o600, "a secret: private");
}

#[test]
fn the_last_line_always_ends_and_other_bytes_stay() {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("taskrc");
    let original = b"sync.server.url=https://h\n# caf\xe9\r\n\0x=1\ncolor=on".to_vec();
    fs::write(&path, &original).unwrap();
    let written = write_sync(
        &path,
        None,
        &change(WriteMode::Merge, &[("sync.server.url", None)]),
        now(),
    )
    .unwrap();
    assert_eq!(written.removed, ["sync.server.url"]);
    assert_eq!(fs::read(&path).unwrap(), b"# caf\xe9\r\n\0x=1\ncolor=on\n");
}

#[test]
fn a_refused_address_never_shows_its_password() {
    let err = check_sync_setting("sync.server.url", "ftp://me:s3cret@h.example").unwrap_err();
    let said = err.to_string();
    assert!(said.contains("must start with http"), "{said}");
    assert!(said.contains("ftp://me:****@h.example"), "{said}");
    assert!(!said.contains("s3cret"), "{said}");
}
