//! The sync settings screen: the taskrc's server or folder settings (the secret masked),
//! changed or cleared, tested against the server and written back to the taskrc the way
//! `tcui config sync` writes them. The file and network work happen outside the app. Nothing
//! here shows the secret in `Debug` output.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use uuid::Uuid;

use ratatui::Frame;
use ratatui::layout::Position;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::ctx::{Ctx, Request};
use super::form::Field;
use crate::app::Effect;
use crate::app::setup::{MASK, SetupRequest, masked};
use crate::config::Secret;
use crate::text::{fit, visible, width, wrap};
use crate::tui::draw::boxes::{centred, clear};
use crate::tui::input::LineInput;

/// Shown for each character of a secret being typed.
const DOT: char = '•';

/// The form's fields: taskrc key and label.
pub const FIELDS: [(&str, &str); 4] = [
    ("sync.server.url", "server url"),
    ("sync.server.client_id", "client id"),
    ("sync.encryption_secret", "secret"),
    ("sync.local.server_dir", "or a folder"),
];

/// The open screen.
#[derive(Clone)]
pub struct SyncForm {
    pub fields: Vec<Field>,
    pub focus: usize,
    /// The last check or save: passed, and what was said.
    pub status: Option<(bool, String)>,
    pub busy: bool,
    /// The secret as stored, used when the masked field is left alone.
    secret: Secret,
    /// The client id a server without one gets.
    client_id: Uuid,
}

impl std::fmt::Debug for SyncForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let fields: Vec<(String, String)> = self
            .fields
            .iter()
            .map(|field| (field.name.clone(), field.input.text().to_string()))
            .collect();
        f.debug_struct("SyncForm")
            .field("fields", &masked(&fields))
            .field("focus", &self.focus)
            .field("status", &self.status)
            .field("busy", &self.busy)
            .finish_non_exhaustive()
    }
}

impl SyncForm {
    /// The screen over the settings in force; `client_id` is offered to a server that has
    /// none yet.
    pub fn new(current: &[(String, String)], client_id: Uuid) -> SyncForm {
        let value = |key: &str| {
            current
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        let secret = Secret::new(value("sync.encryption_secret"));
        let fields = FIELDS
            .iter()
            .map(|(key, _)| {
                let shown = if *key == "sync.encryption_secret" && !secret.expose().is_empty() {
                    MASK.to_string()
                } else {
                    value(key)
                };
                Field {
                    name: key.to_string(),
                    input: LineInput::new(&shown),
                    original: shown,
                    error: None,
                }
            })
            .collect();
        SyncForm {
            fields,
            client_id,
            focus: 0,
            status: None,
            busy: false,
            secret,
        }
    }

    /// Field `i` as the screen shows it, and where its cursor is in that text (in bytes):
    /// a secret being typed as one dot per character, a password in the server's address
    /// masked. What is saved is what was typed.
    pub fn shown(&self, i: usize) -> (String, usize) {
        let Some(field) = self.fields.get(i) else {
            return (String::new(), 0);
        };
        let (text, before) = (field.input.text(), field.input.before_cursor());
        match field.name.as_str() {
            "sync.encryption_secret" if text != MASK => {
                let dots: String = text.chars().map(|_| DOT).collect();
                (dots, before.chars().count() * DOT.len_utf8())
            }
            "sync.server.url" => {
                let masked = crate::sync::redact_url(text);
                let cursor = cursor_in(text, &masked, before.len());
                (masked, cursor)
            }
            _ => (text.to_string(), before.len()),
        }
    }

    /// The settings as typed; a server without a client id gets a new one.
    fn settings(&mut self) -> Vec<(String, String)> {
        let url_set = !self.fields[0].input.text().trim().is_empty();
        if url_set && self.fields[1].input.text().trim().is_empty() {
            self.fields[1].input.set(&self.client_id.to_string());
        }
        self.fields
            .iter()
            .map(|f| {
                let text = f.input.text().trim();
                let value = if f.name == "sync.encryption_secret" && text == MASK {
                    self.secret.expose().to_string()
                } else {
                    text.to_string()
                };
                (f.name.clone(), value)
            })
            .collect()
    }
}

/// Where the cursor at byte `at` of `text` is in `masked`, which is `text` with one stretch
/// replaced: before the stretch it stays, within it it goes to the end of the replacement,
/// after it it moves with the difference in length.
fn cursor_in(text: &str, masked: &str, at: usize) -> usize {
    let prefix = text
        .char_indices()
        .zip(masked.chars())
        .find(|((_, a), b)| a != b)
        .map_or(text.len().min(masked.len()), |((i, _), _)| i);
    let suffix = text[prefix..]
        .chars()
        .rev()
        .zip(masked[prefix..].chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum::<usize>();
    let (text_end, masked_end) = (text.len() - suffix, masked.len() - suffix);
    if at <= prefix {
        at
    } else if at < text_end {
        masked_end
    } else {
        at - text_end + masked_end
    }
}

impl SyncForm {
    /// The answer to a test: passed or not, and what was said.
    pub fn checked(&mut self, result: Result<String, String>) {
        self.busy = false;
        self.status = Some(match result {
            Ok(said) => (true, said),
            Err(e) => (false, e),
        });
    }

    /// Saving failed: nothing was written.
    pub fn not_saved(&mut self, error: String) {
        self.busy = false;
        self.status = Some((false, format!("{error}; nothing was written")));
    }

    /// A key; the screen stays open unless `None` comes back.
    pub fn key(mut self, key: &KeyEvent) -> (Option<SyncForm>, Request) {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let mut request = Request::Nothing;
        match key.code {
            KeyCode::Esc => {
                return (None, Request::Say("sync settings left as they were".into()));
            }
            KeyCode::Tab | KeyCode::Down if !key.modifiers.contains(KeyModifiers::SHIFT) => {
                self.focus = (self.focus + 1) % self.fields.len();
            }
            KeyCode::BackTab | KeyCode::Tab | KeyCode::Up => {
                self.focus = (self.focus + self.fields.len() - 1) % self.fields.len();
            }
            KeyCode::Char('t') if ctrl => {
                self.busy = true;
                self.status = Some((true, "testing the connection…".into()));
                let settings = self.settings();
                request = Request::Effects(vec![Effect::Setup(SetupRequest::Check(settings))]);
            }
            KeyCode::Enter => {
                self.busy = true;
                self.status = Some((true, "testing, then saving…".into()));
                let settings = self.settings();
                request = Request::Effects(vec![Effect::Setup(SetupRequest::Save(settings))]);
            }
            _ => {
                if let Some(field) = self.fields.get_mut(self.focus) {
                    // A masked secret is replaced, not edited.
                    if field.name == "sync.encryption_secret" && field.input.text() == MASK {
                        field.input.set("");
                    }
                    field.input.key(key);
                }
            }
        }
        (Some(self), request)
    }

    pub fn draw(&self, frame: &mut Frame<'_>, ctx: &Ctx<'_>) {
        // The answer to a test gets three lines: why a server or folder is refused, and what
        // to do about it, is long.
        const SAID: usize = 3;
        let area = centred(frame, 80, FIELDS.len() as u16 + 6 + SAID as u16);
        let label_w = 13usize;
        let value_w = area.width.saturating_sub(2 + label_w as u16) as usize;
        let mut lines = vec![Line::from(
            "A taskchampion-sync-server (url, client id, secret) or a shared folder:",
        )];
        let mut cursor = None;
        for (i, (_, label)) in FIELDS.iter().enumerate().take(self.fields.len()) {
            let style = if i == self.focus {
                Style::default().add_modifier(Modifier::BOLD)
            } else {
                Style::default()
            };
            // Secrets are masked on screen; the form keeps what was typed.
            let (shown, at) = self.shown(i);
            let value = visible(&shown).into_owned();
            lines.push(Line::from(vec![
                Span::styled(format!("{label:<label_w$}"), style),
                Span::raw(fit(&value, value_w)),
            ]));
            if i == self.focus {
                let x = width(&visible(shown.get(..at).unwrap_or(&shown))).min(value_w);
                cursor = Some((x as u16, lines.len() as u16 - 1));
            }
        }
        lines.push(Line::from(""));
        let said_at = lines.len();
        if let Some((ok, said)) = &self.status {
            let style = if *ok {
                ctx.theme.message
            } else {
                ctx.theme.error
            };
            let width = area.width.saturating_sub(2) as usize;
            for line in wrap(&visible(said), width, SAID) {
                lines.push(Line::styled(line, style));
            }
        } else {
            lines.push(Line::from("all empty turns sync off"));
        }
        lines.resize(said_at + SAID, Line::from(""));
        lines.push(Line::from(
            "tab moves · ctrl-t tests · enter tests and saves to the taskrc · esc cancels",
        ));
        clear(frame, area);
        frame.render_widget(
            Paragraph::new(lines).block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(" sync settings "),
            ),
            area,
        );
        if let Some((x, y)) = cursor {
            frame.set_cursor_position(Position::new(
                area.x + 1 + label_w as u16 + x,
                area.y + 1 + y,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::setup::SetupEvent;

    fn current() -> Vec<(String, String)> {
        vec![
            ("sync.server.url".into(), "https://tasks.example.com".into()),
            ("sync.encryption_secret".into(), "hunter2".into()),
        ]
    }

    #[test]
    fn the_secret_is_masked_kept_unless_retyped_and_a_client_id_is_made() {
        let mut form = SyncForm::new(&current(), Uuid::from_u128(7));
        assert_eq!(form.fields[2].input.text(), MASK);
        let settings = form.settings();
        assert_eq!(settings[2].1, "hunter2");
        assert_eq!(
            settings[1].1,
            Uuid::from_u128(7).to_string(),
            "{settings:?}"
        );
        form.fields[2].input.set("new secret");
        assert_eq!(form.settings()[2].1, "new secret");
        let shown = format!(
            "{form:?} {:?} {:?}",
            SetupRequest::Save(form.settings()),
            SetupEvent::Loaded(current())
        );
        assert!(
            !shown.contains("hunter2") && !shown.contains("new secret"),
            "{shown}"
        );
        form.fields[0].input.set("");
        form.fields[1].input.set("");
        assert_eq!(form.settings()[1].1, "", "no server, no client id");
    }

    #[test]
    fn the_cursor_moves_over_the_masked_text() {
        let (text, masked) = ("https://me:pw@h/x", "https://me:****@h/x");
        assert_eq!(cursor_in(text, masked, 0), 0);
        assert_eq!(cursor_in(text, masked, 11), 11, "before the password");
        assert_eq!(cursor_in(text, masked, 12), 15, "within it: after the mask");
        assert_eq!(cursor_in(text, masked, 13), 15, "at its end");
        assert_eq!(cursor_in(text, masked, text.len()), masked.len());
        assert_eq!(cursor_in("plain", "plain", 3), 3);
        assert_eq!(cursor_in("", "", 0), 0);
    }
}
