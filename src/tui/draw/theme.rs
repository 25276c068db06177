//! Colours and text styles for each role on screen, from `color.<role>=` settings
//! (`bold red on gray`, `color208`, `bright_yellow`), and the taskrc's colour rules for rows.

use ratatui::style::{Color, Modifier, Style};

use crate::app::colour_rules::{Colour, ColourRules, Paint};
use crate::text::quoted;

/// The styles in use.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Theme {
    pub header: Style,
    pub selected: Style,
    pub marked: Style,
    pub overdue: Style,
    pub due_today: Style,
    pub due_soon: Style,
    pub active: Style,
    pub blocked: Style,
    pub blocking: Style,
    pub completed: Style,
    pub deleted: Style,
    pub error: Style,
    pub message: Style,
    pub status_bar: Style,
    /// The taskrc's colour rules (`color.tag.X`, `color.due`, …): a row a rule colours
    /// takes that colour instead of its role's.
    pub rules: ColourRules,
    /// The taskrc's `color.label` and `color.label.sort`, when it sets either (and colour is
    /// on): the list's labels, and those of the columns the report sorts by, over `header`.
    pub labels: Option<(Style, Style)>,
}

impl Theme {
    /// From settings; bad values are reported and leave that role plain.
    pub fn from_settings<'a>(
        settings: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> (Theme, Vec<String>) {
        let mut theme = Theme::default();
        let mut warnings = Vec::new();
        for (key, value) in settings {
            let Some(role) = key.strip_prefix("color.") else {
                continue;
            };
            let slot = match role {
                "header" => &mut theme.header,
                "selected" => &mut theme.selected,
                "marked" => &mut theme.marked,
                "overdue" => &mut theme.overdue,
                "due_today" => &mut theme.due_today,
                "due_soon" => &mut theme.due_soon,
                "active" => &mut theme.active,
                "blocked" => &mut theme.blocked,
                "blocking" => &mut theme.blocking,
                "completed" => &mut theme.completed,
                "deleted" => &mut theme.deleted,
                "error" => &mut theme.error,
                "message" => &mut theme.message,
                "status_bar" => &mut theme.status_bar,
                _ => {
                    warnings.push(format!("{key}: there is no colour role {}", quoted(role)));
                    continue;
                }
            };
            match parse_style(value) {
                Ok(style) => *slot = style,
                Err(word) => {
                    warnings.push(format!("{key}: {} is not a colour or style", quoted(&word)))
                }
            }
        }
        (theme, warnings)
    }
}

/// `[bold] [underline] [italic] [reversed] [dim] [<fg>] [on <bg>]`; the unknown word on error.
pub fn parse_style(text: &str) -> Result<Style, String> {
    let mut style = Style::default();
    let mut words = text.split_whitespace();
    while let Some(word) = words.next() {
        style = match word {
            "bold" => style.add_modifier(Modifier::BOLD),
            "underline" => style.add_modifier(Modifier::UNDERLINED),
            "italic" => style.add_modifier(Modifier::ITALIC),
            "reversed" | "inverse" => style.add_modifier(Modifier::REVERSED),
            "dim" => style.add_modifier(Modifier::DIM),
            "on" => {
                let bg = words.next().unwrap_or("");
                style.bg(parse_color(bg).ok_or_else(|| bg.to_string())?)
            }
            fg => style.fg(parse_color(fg).ok_or_else(|| fg.to_string())?),
        };
    }
    Ok(style)
}

fn parse_color(word: &str) -> Option<Color> {
    if let Some(n) = word.strip_prefix("color") {
        return n.parse().ok().map(Color::Indexed);
    }
    Some(match word {
        "black" => Color::Black,
        "red" => Color::Red,
        "green" => Color::Green,
        "yellow" => Color::Yellow,
        "blue" => Color::Blue,
        "magenta" => Color::Magenta,
        "cyan" => Color::Cyan,
        "white" => Color::Gray,
        "gray" | "grey" => Color::DarkGray,
        "bright_black" => Color::DarkGray,
        "bright_red" => Color::LightRed,
        "bright_green" => Color::LightGreen,
        "bright_yellow" => Color::LightYellow,
        "bright_blue" => Color::LightBlue,
        "bright_magenta" => Color::LightMagenta,
        "bright_cyan" => Color::LightCyan,
        "bright_white" => Color::White,
        _ => return None,
    })
}

/// A Taskwarrior colour as a terminal style: the 16 colours by their palette index (bold
/// text, and a bright background, as Taskwarrior shows them), the 256 as they are.
pub fn style_of(colour: &Colour) -> Style {
    let paint = |p: &Paint, bright: bool| match p {
        Paint::Basic(b) => Color::Indexed(b.index() + if bright { 8 } else { 0 }),
        Paint::Palette(n) => Color::Indexed(*n),
    };
    let mut style = Style::default();
    if let Some(fg) = &colour.fg {
        style = style.fg(paint(fg, false));
    }
    if let Some(bg) = &colour.bg {
        style = style.bg(paint(bg, colour.bright));
    }
    for (on, modifier) in [
        (colour.bold, Modifier::BOLD),
        (colour.underline, Modifier::UNDERLINED),
        (colour.inverse, Modifier::REVERSED),
    ] {
        if on {
            style = style.add_modifier(modifier);
        }
    }
    style
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_parse_in_taskwarriors_words() {
        assert_eq!(
            parse_style("bold red on gray"),
            Ok(Style::default()
                .add_modifier(Modifier::BOLD)
                .fg(Color::Red)
                .bg(Color::DarkGray))
        );
        assert_eq!(
            parse_style("color208"),
            Ok(Style::default().fg(Color::Indexed(208)))
        );
        assert_eq!(parse_style("bold puce"), Err("puce".into()));
        assert_eq!(parse_style("red on"), Err(String::new()));
    }

    #[test]
    fn the_default_settings_give_a_theme_without_warnings() {
        let settings = crate::config::Settings::defaults();
        let (theme, warnings) = Theme::from_settings(settings.iter());
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(theme.overdue, parse_style("bold red").unwrap());
        let (_, warnings) = Theme::from_settings([("color.nope", "red")]);
        assert_eq!(warnings, ["color.nope: there is no colour role \"nope\""]);
    }
}
