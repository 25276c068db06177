//! The sync settings screen: the taskrc's settings for a server, a folder, an S3 bucket or a
//! Google Cloud Storage bucket (secrets masked), changed or cleared, tested against the store
//! and written back to the taskrc the way `tcui config sync` writes them. The file and network work happen outside the app. Nothing
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
use crate::config::secret::is_secret_key;
use crate::text::{fit, visible, width, wrap};
use crate::tui::draw::boxes::{centred, clear};
use crate::tui::input::LineInput;

/// Shown for each character of a secret being typed.
const DOT: char = '•';

/// Every key the screen writes, with its label, in the order settings are handed on.
pub const FIELDS: [(&str, &str); 14] = [
    ("sync.server.url", "server url"),
    ("sync.server.client_id", "client id"),
    ("sync.encryption_secret", "secret"),
    ("sync.local.server_dir", "folder"),
    ("sync.aws.bucket", "bucket"),
    ("sync.aws.region", "region"),
    ("sync.aws.endpoint_url", "endpoint url"),
    ("sync.aws.force_path_style", "path style"),
    ("sync.aws.access_key_id", "access key"),
    ("sync.aws.secret_access_key", "secret key"),
    ("sync.aws.profile", "or profile"),
    ("sync.aws.default_credentials", "or default"),
    ("sync.gcp.bucket", "bucket"),
    ("sync.gcp.credential_path", "key file"),
];

/// The ways to sync: what the screen calls each, and the keys (indices into [`FIELDS`]) it
/// shows for it. The encryption secret is shown for each.
pub const KINDS: [(&str, &[usize]); 4] = [
    ("a taskchampion-sync-server", &[0, 1, 2]),
    ("a shared folder", &[3, 2]),
    (
        "an S3 bucket (or S3-compatible)",
        &[4, 5, 6, 7, 8, 9, 10, 11, 2],
    ),
    ("a Google Cloud Storage bucket", &[12, 13, 2]),
];

/// The open screen.
#[derive(Clone)]
pub struct SyncForm {
    /// One per key of [`FIELDS`], in its order.
    pub fields: Vec<Field>,
    /// Which of [`KINDS`] is shown.
    pub kind: usize,
    /// The row with the focus: 0 is the choice of kind, then the kind's fields.
    pub focus: usize,
    /// The last check or save: passed, and what was said.
    pub status: Option<(bool, String)>,
    pub busy: bool,
    /// The secrets as stored, used when their masked fields are left alone.
    secrets: Vec<(String, Secret)>,
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
            .field("kind", &self.kind)
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
        let secrets: Vec<(String, Secret)> = FIELDS
            .iter()
            .filter(|(key, _)| is_secret_key(key))
            .map(|(key, _)| (key.to_string(), Secret::new(value(key))))
            .filter(|(_, s)| !s.expose().is_empty())
            .collect();
        let fields = FIELDS
            .iter()
            .map(|(key, _)| {
                let shown = if secrets.iter().any(|(k, _)| k == key) {
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
        // The kind whose own keys are set (the secret is everyone's), its first field in
        // focus; with none, a server, and the focus on the choice of kind.
        let set = KINDS.iter().position(|(_, keys)| {
            keys.iter()
                .any(|&i| i != 2 && !value(FIELDS[i].0).trim().is_empty())
        });
        SyncForm {
            fields,
            kind: set.unwrap_or(0),
            client_id,
            focus: usize::from(set.is_some()),
            status: None,
            busy: false,
            secrets,
        }
    }

    /// The fields shown for the kind chosen, by index into [`FIELDS`].
    pub fn rows(&self) -> &'static [usize] {
        KINDS.get(self.kind).map_or(&[], |(_, rows)| rows)
    }

    /// The field with the focus, if the focus is not on the choice of kind.
    fn focused(&self) -> Option<usize> {
        self.focus
            .checked_sub(1)
            .and_then(|row| self.rows().get(row).copied())
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
            name if is_secret_key(name) && text != MASK => {
                let dots: String = text.chars().map(|_| DOT).collect();
                (dots, before.chars().count() * DOT.len_utf8())
            }
            "sync.server.url" | "sync.aws.endpoint_url" => {
                let masked = crate::sync::redact_url(text);
                let cursor = cursor_in(text, &masked, before.len());
                (masked, cursor)
            }
            _ => (text.to_string(), before.len()),
        }
    }

    /// The settings as typed, every key of [`FIELDS`]: the chosen kind's as typed, the
    /// others' empty (so that saving removes them); a server without a client id gets a new
    /// one.
    fn settings(&mut self) -> Vec<(String, String)> {
        let rows = self.rows();
        if self.kind == 0
            && !self.fields[0].input.text().trim().is_empty()
            && self.fields[1].input.text().trim().is_empty()
        {
            self.fields[1].input.set(&self.client_id.to_string());
        }
        self.fields
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let text = f.input.text().trim();
                let value = if !rows.contains(&i) {
                    String::new()
                } else if text == MASK {
                    self.secrets
                        .iter()
                        .find(|(k, _)| *k == f.name)
                        .map(|(_, s)| s.expose().to_string())
                        .unwrap_or_default()
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
                self.focus = (self.focus + 1) % (self.rows().len() + 1);
            }
            KeyCode::BackTab | KeyCode::Tab | KeyCode::Up => {
                let n = self.rows().len() + 1;
                self.focus = (self.focus + n - 1) % n;
            }
            // On the first row, the arrows and space choose the kind.
            KeyCode::Left | KeyCode::Right | KeyCode::Char(' ') if self.focus == 0 => {
                let n = KINDS.len();
                self.kind = match key.code {
                    KeyCode::Left => (self.kind + n - 1) % n,
                    _ => (self.kind + 1) % n,
                };
                self.status = None;
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
                if let Some(field) = self.focused().and_then(|i| self.fields.get_mut(i)) {
                    // A masked secret is replaced, not edited.
                    if is_secret_key(&field.name) && field.input.text() == MASK {
                        field.input.set("");
                    }
                    field.input.key(key);
                }
            }
        }
        (Some(self), request)
    }

    pub fn draw(&self, frame: &mut Frame<'_>, ctx: &Ctx<'_>) {
        // The answer to a test gets five lines: why a store is refused, and what to do about
        // it, is long.
        const SAID: usize = 5;
        let rows = self.rows();
        let area = centred(frame, 80, rows.len() as u16 + 7 + SAID as u16);
        let label_w = 13usize;
        let value_w = area.width.saturating_sub(2 + label_w as u16) as usize;
        let bold = |on: bool| {
            if on {
                Style::default().add_modifier(Modifier::BOLD)
            } else {
                Style::default()
            }
        };
        let kind = KINDS.get(self.kind).map_or("", |(name, _)| name);
        let mut lines = vec![
            Line::from(vec![
                Span::styled(format!("{:<label_w$}", "sync with"), bold(self.focus == 0)),
                Span::raw(fit(&format!("◂ {kind} ▸"), value_w)),
            ]),
            Line::from(""),
        ];
        let mut cursor = (self.focus == 0).then_some((2u16, 0u16));
        for (row, &i) in rows.iter().enumerate() {
            let label = FIELDS.get(i).map_or("", |(_, label)| label);
            // Secrets are masked on screen; the form keeps what was typed.
            let (shown, at) = self.shown(i);
            let value = visible(&shown).into_owned();
            lines.push(Line::from(vec![
                Span::styled(format!("{label:<label_w$}"), bold(self.focus == row + 1)),
                Span::raw(fit(&value, value_w)),
            ]));
            if self.focus == row + 1 {
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
            lines.push(Line::from(
                "all empty turns sync off · ←/→ on the first line chooses what to sync with",
            ));
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
    fn the_kind_set_is_shown_and_saving_another_clears_the_first() {
        let current = vec![
            ("sync.aws.bucket".to_string(), "tasks".to_string()),
            ("sync.aws.secret_access_key".to_string(), "k3y".to_string()),
            ("sync.encryption_secret".to_string(), "hunter2".to_string()),
        ];
        let mut form = SyncForm::new(&current, Uuid::from_u128(7));
        assert_eq!(form.kind, 2, "an S3 bucket");
        assert_eq!(form.focused(), Some(4), "its bucket has the focus");
        assert_eq!(form.shown(9).0, MASK, "the secret key is masked");
        let settings = form.settings();
        let value = |s: &[(String, String)], k: &str| {
            s.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone())
        };
        assert_eq!(
            value(&settings, "sync.aws.secret_access_key").as_deref(),
            Some("k3y")
        );
        assert!(!format!("{form:?}").contains("k3y"));

        // To Google Cloud Storage: the S3 keys go, the secret stays.
        let key = |code| KeyEvent::new(code, KeyModifiers::NONE);
        let (f, _) = form.key(&key(KeyCode::Up));
        let (f, _) = f.unwrap().key(&key(KeyCode::Right));
        let (f, _) = f.unwrap().key(&key(KeyCode::Down));
        let (f, _) = f.unwrap().key(&key(KeyCode::Char('g')));
        let mut form = f.unwrap();
        assert_eq!(form.kind, 3);
        let settings = form.settings();
        assert_eq!(value(&settings, "sync.gcp.bucket").as_deref(), Some("g"));
        assert_eq!(value(&settings, "sync.aws.bucket").as_deref(), Some(""));
        assert_eq!(
            value(&settings, "sync.aws.secret_access_key").as_deref(),
            Some("")
        );
        assert_eq!(
            value(&settings, "sync.encryption_secret").as_deref(),
            Some("hunter2")
        );
        // Left goes back round.
        form.focus = 0;
        let (f, _) = form.key(&key(KeyCode::Left));
        assert_eq!(f.unwrap().kind, 2);
    }

    #[test]
    fn with_nothing_set_the_choice_of_kind_has_the_focus() {
        let form = SyncForm::new(&[], Uuid::from_u128(7));
        assert_eq!((form.kind, form.focus), (0, 0));
        let (f, _) = form.key(&KeyEvent::new(KeyCode::Right, KeyModifiers::NONE));
        assert_eq!(f.unwrap().kind, 1, "a folder");
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
