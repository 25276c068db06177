//! Reading a screen as text (from tmux or drawn without a terminal): what is inside the box
//! drawn over the list.

/// The text inside the box drawn over the list, its lines joined, one space between words,
/// so that text wrapped over lines still matches.
pub fn in_box(screen: &str) -> String {
    let inside: Vec<&str> = screen
        .lines()
        .filter_map(|l| {
            let (start, end) = (l.find('│')?, l.rfind('│')?);
            (end > start).then(|| &l[start + '│'.len_utf8()..end])
        })
        .collect();
    inside
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
