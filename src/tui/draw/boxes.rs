//! Boxes drawn over the list: where one goes in the middle of the screen, and clearing the
//! room for it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Clear;

use crate::text::width;

/// A box of at most `w`×`h` in the middle of the screen.
pub fn centred(frame: &Frame<'_>, w: u16, h: u16) -> Rect {
    let area = frame.area();
    let (w, h) = (w.min(area.width), h.min(area.height));
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// Clear `area` for a box drawn over the list. A wide character just left of the box, whose
/// right half the box covers, is blanked as well: left in place it would be drawn over the
/// box's left border.
pub fn clear(frame: &mut Frame<'_>, area: Rect) {
    frame.render_widget(Clear, area);
    let buffer = frame.buffer_mut();
    for y in area.top()..area.bottom() {
        for back in 1..=2u16 {
            let Some(x) = area.x.checked_sub(back) else {
                break;
            };
            if let Some(cell) = buffer.cell_mut((x, y))
                && width(cell.symbol()) > usize::from(back)
            {
                cell.reset();
            }
        }
    }
}
