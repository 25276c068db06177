//! Wide clusters made of several characters (flags, ZWJ sequences, emoji with a modifier)
//! take one cell in ratatui's buffer but may take several in a terminal: tmux keeps the two
//! letters of a flag in two cells. When such a cluster is no longer drawn where it was, the
//! cells it covered are written again, so that no half of it stays on the screen.

use ratatui::buffer::{Buffer, CellDiffOption};

use crate::text::width;

/// Where the last frame drew wide clusters of several characters.
#[derive(Debug, Default)]
pub struct WideTrail {
    last: Vec<(u16, u16, u16)>,
}

impl WideTrail {
    /// Call on each frame's buffer once it is drawn, before it goes to the terminal: the cells
    /// covered by clusters of the last frame that this one does not draw again are marked to
    /// be written out, and this frame's clusters are remembered.
    pub fn mark(&mut self, buffer: &mut Buffer) {
        for (x, y, w) in std::mem::take(&mut self.last) {
            let kept = buffer
                .cell((x, y))
                .is_some_and(|c| width(c.symbol()) == usize::from(w));
            if kept {
                continue;
            }
            for covered in x + 1..x + w {
                if let Some(cell) = buffer.cell_mut((covered, y)) {
                    cell.diff_option = CellDiffOption::AlwaysUpdate;
                }
            }
        }
        let area = buffer.area;
        for y in area.top()..area.bottom() {
            for x in area.left()..area.right() {
                let Some(cell) = buffer.cell((x, y)) else {
                    continue;
                };
                let symbol = cell.symbol();
                // A wide cluster of several characters takes more than four bytes: the
                // length rules out plain text at once.
                if symbol.len() > 4 && symbol.chars().nth(1).is_some() {
                    let w = width(symbol);
                    if w > 1 {
                        self.last.push((x, y, w as u16));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    fn line(text: &str) -> Buffer {
        let mut b = Buffer::empty(Rect::new(0, 0, 20, 1));
        b.set_string(0, 0, text, Style::default());
        b
    }

    /// The cells ratatui writes to go from `before` to `after`.
    fn written(trail: &mut WideTrail, before: &str, after: &str) -> Vec<u16> {
        let mut old = line(before);
        trail.mark(&mut old);
        let mut new = line(after);
        trail.mark(&mut new);
        old.diff(&new).into_iter().map(|(x, _, _)| x).collect()
    }

    #[test]
    fn the_cells_of_a_flag_that_goes_are_written_again() {
        let mut trail = WideTrail::default();
        // The flag covered cells 2 and 3; cell 3 is blank before and after, yet written.
        assert_eq!(written(&mut trail, "ab🇫🇷 cd", "abx  cd"), [2, 3]);
        let family = "👨\u{200d}👩\u{200d}👧";
        assert_eq!(written(&mut trail, &format!("{family} x"), "   x"), [0, 1]);
    }

    #[test]
    fn a_flag_that_stays_costs_nothing_and_plain_text_is_left_alone() {
        let mut trail = WideTrail::default();
        assert_eq!(written(&mut trail, "ab🇫🇷 cd", "ab🇫🇷 ce"), [6]);
        // A wide character of one code point is one cell to terminals too.
        assert_eq!(written(&mut trail, "日本 x", "a    x"), [0, 2]);
    }
}
