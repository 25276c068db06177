//! Reading a secret from the terminal without showing it: the terminal is put in raw mode (no
//! echo) for the one line and restored after, whatever happens.

use std::io::{IsTerminal, Write};

use anyhow::{Context, Result, bail};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::config::Secret;

/// Ask for the secret `key` holds, twice, unseen. Refused when standard input is not a
/// terminal: then the secret comes from `--from -`.
pub(super) fn ask_secret(key: &str) -> Result<Secret> {
    if !std::io::stdin().is_terminal() {
        bail!(
            "--ask-secret reads the secret from a terminal, and standard input is not one; \
             pipe a JSON object to `tcui config sync --from -` instead, e.g. \
             {{\"{key}\": \"…\", \"sync.server.url\": \"https://…\"}}"
        );
    }
    let first = read_hidden(&format!("{key} (typing is not shown): "))?;
    if first.expose().is_empty() {
        bail!("no secret was typed; nothing was written");
    }
    let second = read_hidden("the same again, to be sure: ")?;
    if first != second {
        bail!("the two secrets typed differ; nothing was written");
    }
    Ok(first)
}

/// Show `prompt` on standard error and read one line with echo off. Echo goes off before the
/// prompt shows, so nothing typed as soon as it appears is echoed.
fn read_hidden(prompt: &str) -> Result<Secret> {
    let mut err = std::io::stderr();
    crossterm::terminal::enable_raw_mode()
        .context("cannot switch the terminal off echo to read the secret unseen")?;
    let line = write!(err, "{prompt}")
        .and_then(|()| err.flush())
        .map_err(anyhow::Error::from)
        .and_then(|()| read_line());
    let restored = crossterm::terminal::disable_raw_mode();
    writeln!(err)?;
    restored.context("cannot restore the terminal; `reset` does")?;
    line
}

fn read_line() -> Result<Secret> {
    let mut line = String::new();
    loop {
        match crossterm::event::read().context("cannot read from the terminal")? {
            Event::Key(key) if key.kind != KeyEventKind::Release => match edit(&mut line, key) {
                Step::More => {}
                Step::Done => return Ok(Secret::new(line)),
                Step::Cancel => bail!("cancelled; nothing was written"),
            },
            Event::Paste(text) => line.push_str(&text),
            _ => {}
        }
    }
}

/// What a key does to the line being typed.
#[derive(Debug, PartialEq, Eq)]
enum Step {
    More,
    Done,
    Cancel,
}

fn edit(line: &mut String, key: KeyEvent) -> Step {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Enter => Step::Done,
        KeyCode::Esc => Step::Cancel,
        KeyCode::Char('c' | 'd') if ctrl => Step::Cancel,
        KeyCode::Char('u') if ctrl => {
            line.clear();
            Step::More
        }
        KeyCode::Backspace => {
            line.pop();
            Step::More
        }
        KeyCode::Char(c) if !ctrl => {
            line.push(c);
            Step::More
        }
        _ => Step::More,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(keys: &[KeyEvent]) -> (String, Step) {
        let mut line = String::new();
        for key in keys {
            let step = edit(&mut line, *key);
            if step != Step::More {
                return (line, step);
            }
        }
        (line, Step::More)
    }

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    #[test]
    fn typing_editing_and_cancelling_a_secret() {
        let word = |w: &str| w.chars().map(|c| key(KeyCode::Char(c))).collect::<Vec<_>>();
        let mut keys = word("hunter3");
        keys.push(key(KeyCode::Backspace));
        keys.extend(word("2 X"));
        keys.push(key(KeyCode::Enter));
        assert_eq!(typed(&keys), ("hunter2 X".into(), Step::Done));
        let mut keys = word("oops");
        keys.push(ctrl('u'));
        keys.extend(word("ok"));
        keys.push(key(KeyCode::Enter));
        assert_eq!(typed(&keys), ("ok".into(), Step::Done));
        assert_eq!(typed(&[key(KeyCode::Char('a')), ctrl('c')]).1, Step::Cancel);
        assert_eq!(typed(&[key(KeyCode::Esc)]).1, Step::Cancel);
        let shifted = KeyEvent::new(KeyCode::Char('A'), KeyModifiers::SHIFT);
        assert_eq!(typed(&[shifted, key(KeyCode::Enter)]).0, "A");
    }
}
