//! Setting one taskrc variable as `task config NAME VALUE` and `task context NAME` do: every
//! line that sets it gets the new value (its comment kept), or one line is added at the end;
//! unsetting removes those lines. Every other byte of the file stays as it was, and the file
//! is replaced in one rename.

use std::fs;
use std::path::Path;

use super::sync_write::{holds_secret, setting_key, write_replacing};
use super::taskrc::{Taskrc, TaskrcError};

/// What writing a variable did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// Lines that set it were changed or removed.
    Changed,
    /// A line was added at the end.
    Added,
    /// Nothing set it, and it was to be unset.
    NotFound,
}

/// Set `name` to `value` in the taskrc at `path` (`None`: remove the lines that set it).
/// The taskrc read afterwards (with its includes) must give the value asked for; if an
/// included file would still override it, a line at the end settles it.
pub fn set_variable(
    path: &Path,
    home: Option<&Path>,
    name: &str,
    value: Option<&str>,
) -> Result<Written, TaskrcError> {
    if let Some(v) = value
        && (v.contains(['\n', '\r', '#']) || v.trim() != v)
    {
        return Err(TaskrcError::BadSetting(format!(
            "{name}: a value with a line break, a '#' or spaces at either end cannot be \
             written to the taskrc"
        )));
    }
    let target = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let original = match fs::read(&target) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(source) => {
            return Err(TaskrcError::Read {
                path: target,
                source,
            });
        }
    };
    let mut found = false;
    let mut bytes = Vec::with_capacity(original.len() + name.len() + 16);
    for line in original.split_inclusive(|b| *b == b'\n') {
        if setting_key(line).as_deref() != Some(name) {
            bytes.extend_from_slice(line);
            continue;
        }
        found = true;
        if let Some(value) = value {
            bytes.extend_from_slice(&replaced(line, name, value));
        }
    }
    let mut written = match (found, value) {
        (true, _) => Written::Changed,
        (false, Some(_)) => Written::Added,
        (false, None) => Written::NotFound,
    };
    if written == Written::Added {
        append(&mut bytes, name, value.unwrap_or(""));
    }
    // An include read after these lines may still set it.
    let after = Taskrc::parse_bytes(path, &bytes, home)?;
    if after.get(name) != value.filter(|v| !v.is_empty()) {
        append(&mut bytes, name, value.unwrap_or(""));
        if written == Written::NotFound {
            written = Written::Added;
        }
    }
    if bytes != original {
        write_replacing(&target, &bytes, holds_secret(&bytes)).map_err(|source| {
            TaskrcError::Replace {
                path: target.clone(),
                source,
            }
        })?;
    }
    Ok(written)
}

/// `line` (which sets `name`) with `value` instead: its indent, comment and line end kept.
fn replaced(line: &[u8], name: &str, value: &str) -> Vec<u8> {
    let text = String::from_utf8_lossy(line);
    let (body, end) = match text.strip_suffix("\r\n") {
        Some(body) => (body, "\r\n"),
        None => match text.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (text.as_ref(), ""),
        },
    };
    let indent = &body[..body.len() - body.trim_start().len()];
    let mut out = format!("{indent}{name}={value}");
    if let Some(at) = body.find('#') {
        out.push_str("  ");
        out.push_str(&body[at..]);
    }
    out.push_str(end);
    out.into_bytes()
}

fn append(bytes: &mut Vec<u8>, name: &str, value: &str) {
    if !bytes.is_empty() && !bytes.ends_with(b"\n") {
        bytes.push(b'\n');
    }
    bytes.extend_from_slice(format!("{name}={value}\n").as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("taskrc");
        fs::write(&path, text).unwrap();
        (dir, path)
    }

    #[test]
    fn a_set_variable_keeps_its_comment_and_every_other_byte() {
        // What `task context work` wrote, seen with Taskwarrior 3.1.0.
        let (_dir, path) = write(
            "# my rc\ncontext.work.read=project:work\ncontext=home   # current\r\n\tverbose=nothing",
        );
        let w = set_variable(&path, None, "context", Some("work")).unwrap();
        assert_eq!(w, Written::Changed);
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            "# my rc\ncontext.work.read=project:work\ncontext=work  # current\r\n\tverbose=nothing"
        );
        let w = set_variable(&path, None, "context", None).unwrap();
        assert_eq!(w, Written::Changed);
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            "# my rc\ncontext.work.read=project:work\n\tverbose=nothing"
        );
        assert_eq!(
            set_variable(&path, None, "context", None).unwrap(),
            Written::NotFound
        );
        let w = set_variable(&path, None, "context", Some("home")).unwrap();
        assert_eq!(w, Written::Added);
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            "# my rc\ncontext.work.read=project:work\n\tverbose=nothing\ncontext=home\n"
        );
    }

    #[test]
    fn an_indented_or_spaced_line_is_rewritten_whole() {
        let (_dir, path) = write("  context = home\n# context=old\n");
        set_variable(&path, None, "context", Some("work")).unwrap();
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            "  context=work\n# context=old\n"
        );
    }

    #[test]
    fn an_include_that_would_override_is_outvoted_at_the_end() {
        let (dir, path) = write("context=home\ninclude more.rc\n");
        fs::write(dir.path().join("more.rc"), "context=garden\n").unwrap();
        set_variable(&path, None, "context", Some("work")).unwrap();
        let rc = Taskrc::read(&path, None).unwrap();
        assert_eq!(rc.get("context"), Some("work"));
        set_variable(&path, None, "context", None).unwrap();
        let rc = Taskrc::read(&path, None).unwrap();
        assert_eq!(rc.get("context"), None);
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            "include more.rc\ncontext=\n"
        );
    }

    #[test]
    fn a_value_that_cannot_be_written_is_refused_and_the_file_kept() {
        let (_dir, path) = write("context=home\n");
        for bad in ["a\nb", "a # b", " a"] {
            let err = set_variable(&path, None, "context", Some(bad)).unwrap_err();
            assert!(err.to_string().contains("cannot be written"), "{err}");
        }
        assert_eq!(fs::read_to_string(&path).unwrap(), "context=home\n");
    }

    #[test]
    fn a_missing_taskrc_is_created() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("taskrc");
        set_variable(&path, None, "context", Some("work")).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "context=work\n");
    }
}
