//! A colour as Taskwarrior reads one from its settings (`bold white on rgb410`, `color208`,
//! `on grey5`), how two of them merge, and the escape sequence Taskwarrior prints for it.
//!
//! Pure: no I/O and no terminal crate; the terminal turns a [`Colour`] into its own style.

use std::fmt;
use std::str::FromStr;

use thiserror::Error;

use crate::text::quoted;

/// The escape sequence that ends any coloured text.
pub const RESET: &str = "\x1b[0m";

/// One of the eight basic terminal colours, in escape-code order (black is 30 and 40).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Basic {
    Black,
    Red,
    Green,
    Yellow,
    Blue,
    Magenta,
    Cyan,
    White,
}

impl Basic {
    pub const ALL: [Basic; 8] = [
        Basic::Black,
        Basic::Red,
        Basic::Green,
        Basic::Yellow,
        Basic::Blue,
        Basic::Magenta,
        Basic::Cyan,
        Basic::White,
    ];

    /// The lowercase name a spec uses.
    pub fn name(self) -> &'static str {
        match self {
            Basic::Black => "black",
            Basic::Red => "red",
            Basic::Green => "green",
            Basic::Yellow => "yellow",
            Basic::Blue => "blue",
            Basic::Magenta => "magenta",
            Basic::Cyan => "cyan",
            Basic::White => "white",
        }
    }

    /// 0 for black up to 7 for white; also the colour's place in the 256-colour palette.
    pub fn index(self) -> u8 {
        self as u8
    }
}

/// A foreground or background colour.
///
/// A colour is in one of two modes, as in Taskwarrior: the 16-colour mode, where every
/// paint is [`Paint::Basic`] and brightness comes from [`Colour::bold`] (foreground) and
/// [`Colour::bright`] (background), or the 256-colour mode, where every paint is
/// [`Paint::Palette`]. Merging a basic colour into a palette one turns it into its palette
/// index: 0-7, or 8-15 when bold (foreground) or bright (background).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Paint {
    Basic(Basic),
    /// An index into the 256-colour palette: `colorN`, `rgbRGB` (16-231), `grayN` (232-255).
    Palette(u8),
}

impl Paint {
    /// The palette paint for this one; `brighter` lifts a basic colour to 8-15.
    fn in_palette(self, brighter: bool) -> Paint {
        match self {
            Paint::Basic(b) => Paint::Palette(b.index() + if brighter { 8 } else { 0 }),
            palette => palette,
        }
    }
}

/// A colour and text attributes, as one of Taskwarrior's colour specs gives them.
///
/// The default value is "no colour", what an empty spec gives. Build one with
/// [`Colour::parse`] (or `str::parse`); combine two with [`Colour::blend`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Colour {
    pub fg: Option<Paint>,
    pub bg: Option<Paint>,
    /// Bold text: SGR 1 in the 16-colour mode; a bold basic foreground becomes palette
    /// colour 8-15 when merged into the 256-colour mode. Always false in that mode.
    pub bold: bool,
    /// A bright basic background (SGR 100-107). Kept even without a background, as
    /// Taskwarrior does, so that a background merged in later is brightened. Always false in
    /// the 256-colour mode.
    pub bright: bool,
    pub underline: bool,
    pub inverse: bool,
}

/// A spec with a word that is not a colour.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ColourError {
    #[error(
        "{} is not a colour: use black, red, green, yellow, blue, magenta, cyan or white, \
         colorN (0-255), rgbRGB (each digit 0-5) or grayN (0-23), optionally after \"on\" \
         for the background, with bold, underline, inverse or bright",
        quoted(.0)
    )]
    UnknownWord(String),
}

/// The characters Taskwarrior trims from each word of a spec.
const SPACES: &[char] = &[' ', '\t', '\n', '\x0c', '\r'];

impl Colour {
    /// Read a spec as Taskwarrior does: words separated by spaces, in any case; `on` makes
    /// the colours after it backgrounds; `none` is no colour. An empty spec is no colour.
    ///
    /// Numbers are read as C's `strtol` reads them, so Taskwarrior's leniency is kept:
    /// `color` alone is `color0`, `gray5x` is `gray5`. One difference: when a spec names two
    /// colours for the same side (`red blue`), the last one is taken, where Taskwarrior mixes
    /// their bits into a third colour.
    pub fn parse(spec: &str) -> Result<Colour, ColourError> {
        let mut front = Colour::default();
        let mut back = Colour::default();
        let mut on = false;
        for raw in spec.split(' ') {
            let raw = raw.trim_matches(SPACES);
            let word = raw.to_ascii_lowercase();
            let paint = match word.as_str() {
                "" | "none" => None,
                "bold" => {
                    front.bold = true;
                    None
                }
                "underline" => {
                    front.underline = true;
                    None
                }
                "inverse" => {
                    front.inverse = true;
                    None
                }
                "bright" => {
                    back.bright = true;
                    None
                }
                "on" => {
                    on = true;
                    None
                }
                w => Some(paint_word(w).ok_or_else(|| ColourError::UnknownWord(raw.into()))?),
            };
            match (paint, on) {
                (Some(p), false) => front.fg = Some(p),
                (Some(p), true) => back.bg = Some(p),
                (None, _) => {}
            }
        }
        front.blend(&back);
        Ok(front)
    }

    /// Whether this is no colour at all (Taskwarrior skips such rules).
    pub fn is_empty(&self) -> bool {
        *self == Colour::default()
    }

    /// Merge `other` over this colour, as Taskwarrior does when `rule.color.merge` is on:
    /// underline and inverse add up; `other`'s foreground and background replace these when
    /// it has them. Two 16-colour colours also add up bold and bright; when either is a
    /// palette colour, both move to the palette first (see [`Paint`]).
    pub fn blend(&mut self, other: &Colour) {
        if other.is_empty() || self == other {
            return;
        }
        self.underline |= other.underline;
        self.inverse |= other.inverse;
        let other = if self.is_palette() || other.is_palette() {
            *self = self.in_palette();
            other.in_palette()
        } else {
            self.bold |= other.bold;
            self.bright |= other.bright;
            *other
        };
        if other.fg.is_some() {
            self.fg = other.fg;
        }
        if other.bg.is_some() {
            self.bg = other.bg;
        }
    }

    /// The escape sequence Taskwarrior prints before text in this colour; empty for no
    /// colour. [`Colour::reset`] gives what follows the text.
    pub fn ansi(&self) -> String {
        if self.is_empty() {
            return String::new();
        }
        if self.is_palette() {
            let c = self.in_palette();
            let mut out = String::new();
            if c.underline {
                out.push_str("\x1b[4m");
            }
            if c.inverse {
                out.push_str("\x1b[7m");
            }
            if let Some(n) = c.fg.and_then(palette_index) {
                out.push_str(&format!("\x1b[38;5;{n}m"));
            }
            if let Some(n) = c.bg.and_then(palette_index) {
                out.push_str(&format!("\x1b[48;5;{n}m"));
            }
            return out;
        }
        let mut codes: Vec<String> = Vec::new();
        for (on, code) in [(self.bold, 1), (self.underline, 4), (self.inverse, 7)] {
            if on {
                codes.push(code.to_string());
            }
        }
        if let Some(Paint::Basic(b)) = self.fg {
            codes.push((30 + b.index()).to_string());
        }
        if let Some(Paint::Basic(b)) = self.bg {
            let base = if self.bright { 100 } else { 40 };
            codes.push((base + b.index()).to_string());
        }
        format!("\x1b[{}m", codes.join(";"))
    }

    /// What ends text in this colour: [`RESET`], or nothing for no colour.
    pub fn reset(&self) -> &'static str {
        if self.is_empty() { "" } else { RESET }
    }

    /// `text` between [`Colour::ansi`] and [`Colour::reset`], as Taskwarrior colours it.
    pub fn paint(&self, text: &str) -> String {
        format!("{}{text}{}", self.ansi(), self.reset())
    }

    /// Whether the colour is in the 256-colour mode.
    fn is_palette(&self) -> bool {
        matches!(self.fg, Some(Paint::Palette(_))) || matches!(self.bg, Some(Paint::Palette(_)))
    }

    /// The same colour in the 256-colour mode.
    fn in_palette(&self) -> Colour {
        Colour {
            fg: self.fg.map(|p| p.in_palette(self.bold)),
            bg: self.bg.map(|p| p.in_palette(self.bright)),
            bold: false,
            bright: false,
            ..*self
        }
    }
}

impl FromStr for Colour {
    type Err = ColourError;

    fn from_str(spec: &str) -> Result<Colour, ColourError> {
        Colour::parse(spec)
    }
}

/// A spec that reads back as this colour.
impl fmt::Display for Colour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut words: Vec<String> = Vec::new();
        for (on, word) in [
            (self.bold, "bold"),
            (self.underline, "underline"),
            (self.inverse, "inverse"),
        ] {
            if on {
                words.push(word.into());
            }
        }
        if let Some(p) = self.fg {
            words.push(paint_name(p));
        }
        if self.bright && self.bg.is_none() {
            words.push("bright".into());
        }
        if let Some(p) = self.bg {
            words.push("on".into());
            if self.bright {
                words.push("bright".into());
            }
            words.push(paint_name(p));
        }
        f.write_str(&words.join(" "))
    }
}

fn paint_name(p: Paint) -> String {
    match p {
        Paint::Basic(b) => b.name().into(),
        Paint::Palette(n) => format!("color{n}"),
    }
}

fn palette_index(p: Paint) -> Option<u8> {
    match p {
        Paint::Palette(n) => Some(n),
        Paint::Basic(_) => None,
    }
}

/// A lowercase word naming a colour: a basic name, `grayN`/`greyN`, `rgbRGB` or `colorN`.
fn paint_word(word: &str) -> Option<Paint> {
    if let Some(b) = Basic::ALL.into_iter().find(|b| b.name() == word) {
        return Some(Paint::Basic(b));
    }
    if let Some(n) = word
        .strip_prefix("grey")
        .or_else(|| word.strip_prefix("gray"))
    {
        let n = u8::try_from(strtol(n)).ok().filter(|n| *n <= 23)?;
        return Some(Paint::Palette(232 + n));
    }
    if let Some(digits) = word.strip_prefix("rgb") {
        if word.len() != 6 || !(0..=555).contains(&strtol(digits)) {
            return None;
        }
        let mut index = 16;
        for (b, scale) in digits.bytes().zip([36, 6, 1]) {
            let d = if b.is_ascii_digit() { b - b'0' } else { 0 };
            if d > 5 {
                return None;
            }
            index += d * scale;
        }
        return Some(Paint::Palette(index));
    }
    if let Some(n) = word.strip_prefix("color") {
        return u8::try_from(strtol(n)).ok().map(Paint::Palette);
    }
    None
}

/// A number read as C's `strtol` reads one: leading spaces, a sign, then as many digits as
/// there are (none reads as 0); anything after them is ignored.
fn strtol(text: &str) -> i64 {
    let text = text.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '\x0b');
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let mut n: i64 = 0;
    for b in rest.bytes().take_while(u8::is_ascii_digit) {
        n = n.saturating_mul(10).saturating_add(i64::from(b - b'0'));
    }
    if negative { -n } else { n }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(spec: &str) -> Colour {
        Colour::parse(spec).unwrap()
    }

    /// Each spec with the sequence Taskwarrior 3.1.0 started a row with, from
    /// `task rc._forcecolor=on rc.color.tag.x='<spec>' t` on one task tagged `x`, where the
    /// taskrc blanks every default `color.*` and defines `report.t.columns=id,description`.
    const PRINTED: &[(&str, &str)] = &[
        ("", ""),
        ("none", ""),
        ("on none", ""),
        ("bold", "\x1b[1m"),
        ("underline", "\x1b[4m"),
        ("inverse", "\x1b[7m"),
        ("black", "\x1b[30m"),
        ("white", "\x1b[37m"),
        ("bold red", "\x1b[1;31m"),
        ("on blue", "\x1b[44m"),
        ("bright", "\x1b[m"),
        ("bright red", "\x1b[31m"),
        ("on bright black", "\x1b[100m"),
        ("bold on bright white", "\x1b[1;107m"),
        ("underline inverse bold blue on green", "\x1b[1;4;7;34;42m"),
        ("color0", "\x1b[38;5;0m"),
        ("color7", "\x1b[38;5;7m"),
        ("color8", "\x1b[38;5;8m"),
        ("color255", "\x1b[38;5;255m"),
        ("color", "\x1b[38;5;0m"),
        ("colorx", "\x1b[38;5;0m"),
        ("color012", "\x1b[38;5;12m"),
        ("Color3", "\x1b[38;5;3m"),
        ("RGB500", "\x1b[38;5;196m"),
        ("rgb000", "\x1b[38;5;16m"),
        ("rgb555", "\x1b[38;5;231m"),
        ("rgbabc", "\x1b[38;5;16m"),
        ("rgb5a5", "\x1b[38;5;201m"),
        ("rgb+12", "\x1b[38;5;24m"),
        ("gray0", "\x1b[38;5;232m"),
        ("grey23", "\x1b[38;5;255m"),
        ("gray", "\x1b[38;5;232m"),
        ("grayfoo", "\x1b[38;5;232m"),
        ("gray5x", "\x1b[38;5;237m"),
        ("on gray10", "\x1b[48;5;242m"),
        ("bold color1", "\x1b[38;5;1m"),
        ("bold on color1", "\x1b[48;5;1m"),
        ("underline color1", "\x1b[4m\x1b[38;5;1m"),
        ("inverse on rgb123", "\x1b[7m\x1b[48;5;67m"),
        ("color1 on red", "\x1b[38;5;1m\x1b[48;5;1m"),
        ("bold red on color4", "\x1b[38;5;9m\x1b[48;5;4m"),
        ("red on bright color4", "\x1b[38;5;1m\x1b[48;5;4m"),
        ("bold white on rgb410", "\x1b[38;5;15m\x1b[48;5;166m"),
        ("  bold   red  ", "\x1b[1;31m"),
        ("white on  red", "\x1b[37;41m"),
    ];

    #[test]
    fn escape_sequences_match_taskwarrior() {
        for (spec, printed) in PRINTED {
            let colour = parse(spec);
            assert_eq!(colour.ansi(), *printed, "{spec:?}");
            assert_eq!(colour.reset(), if printed.is_empty() { "" } else { RESET });
        }
    }

    /// Words Taskwarrior 3.1.0 refused ("The color '<word>' is not recognized.").
    #[test]
    fn unreadable_words_are_named() {
        for (spec, word) in [
            ("purple", "purple"),
            ("color256", "color256"),
            ("color-1", "color-1"),
            ("gray24", "gray24"),
            ("rgb600", "rgb600"),
            ("rgb160", "rgb160"),
            ("rgb12", "rgb12"),
            ("bold Purple", "Purple"),
            ("red\tblue", "red\tblue"),
        ] {
            let err = Colour::parse(spec).unwrap_err();
            assert_eq!(err, ColourError::UnknownWord(word.into()), "{spec:?}");
        }
        let message = Colour::parse("bold puce").unwrap_err().to_string();
        assert!(message.starts_with("\"puce\" is not a colour"), "{message}");
    }

    #[test]
    fn specs_read_into_fields() {
        assert_eq!(
            parse("bold white on rgb410"),
            Colour {
                fg: Some(Paint::Palette(15)),
                bg: Some(Paint::Palette(166)),
                ..Colour::default()
            }
        );
        assert_eq!(
            parse("underline yellow on bright blue"),
            Colour {
                fg: Some(Paint::Basic(Basic::Yellow)),
                bg: Some(Paint::Basic(Basic::Blue)),
                bright: true,
                underline: true,
                ..Colour::default()
            }
        );
        assert!(parse("").is_empty());
        assert!(parse("none").is_empty());
        assert!(!parse("bright").is_empty(), "kept for a later background");
        assert_eq!("on grey0".parse::<Colour>(), Ok(parse("on gray0")));
    }

    #[test]
    fn the_last_colour_of_a_side_is_taken() {
        assert_eq!(parse("red blue"), parse("blue"));
        assert_eq!(parse("on red on blue"), parse("on blue"));
    }

    /// Blends seen in Taskwarrior 3.1.0 rows with `rule.color.merge=on`: with
    /// `rc.color.project.Home='<first>' rc.color.tag.x='<second>'
    /// rc.rule.precedence.color=tag.,project.` on a task in project Home tagged `x` (the
    /// lower rule, the project, is applied first), and from the default precedence.
    #[test]
    fn blends_match_taskwarrior() {
        let blend = |specs: &[&str]| {
            let mut c = Colour::default();
            for s in specs {
                c.blend(&parse(s));
            }
            c.ansi()
        };
        assert_eq!(
            blend(&["bold red on bright green", "underline on color200"]),
            "\x1b[4m\x1b[38;5;9m\x1b[48;5;200m"
        );
        assert_eq!(
            blend(&["color33", "bold inverse on bright cyan"]),
            "\x1b[7m\x1b[38;5;33m\x1b[48;5;14m"
        );
        assert_eq!(blend(&["bright", "on red"]), "\x1b[101m");
        // due "on blue", due.today "underline", overdue "red", applied in that order.
        assert_eq!(blend(&["on blue", "underline", "red"]), "\x1b[4;31;44m");
        // project "on green" under tag "bold".
        assert_eq!(blend(&["on green", "bold"]), "\x1b[1;42m");
        // recurring rgb013 under due "on blue": blue moves to the palette.
        assert_eq!(blend(&["rgb013", "on blue"]), "\x1b[38;5;25m\x1b[48;5;4m");
    }

    #[test]
    fn blending_into_the_palette_drops_bold_and_bright() {
        let mut c = parse("bold red on bright green");
        c.blend(&parse("underline on color200"));
        assert_eq!(
            c,
            Colour {
                fg: Some(Paint::Palette(9)),
                bg: Some(Paint::Palette(200)),
                underline: true,
                ..Colour::default()
            }
        );
        let mut c = parse("blue");
        c.blend(&Colour::default());
        assert_eq!(c, parse("blue"));
    }

    #[test]
    fn paint_wraps_text() {
        assert_eq!(parse("red").paint("x"), "\x1b[31mx\x1b[0m");
        assert_eq!(parse("").paint("x"), "x");
    }

    #[test]
    fn a_colour_prints_as_a_spec_that_reads_back() {
        for (spec, _) in PRINTED {
            let c = parse(spec);
            assert_eq!(parse(&c.to_string()), c, "{spec:?} -> {c}");
        }
        assert_eq!(
            parse("inverse bold red on bright blue").to_string(),
            "bold inverse red on bright blue"
        );
        assert_eq!(parse("on rgb410").to_string(), "on color166");
    }

    #[test]
    fn strtol_reads_leading_numbers() {
        assert_eq!(strtol(""), 0);
        assert_eq!(strtol("12x"), 12);
        assert_eq!(strtol("+7"), 7);
        assert_eq!(strtol("-3"), -3);
        assert_eq!(strtol("x1"), 0);
        assert_eq!(strtol("99999999999999999999999"), i64::MAX);
    }
}
