//! Where each record of a JSON text starts, so that an error can name its line.
//!
//! A light scan that only tracks strings and nesting; the JSON itself is checked by
//! `serde_json`. Pure.

/// Byte offsets where the records start: the elements of a lone top-level array, or else
/// the top-level values (one object per line, as older `task export` wrote).
pub(super) fn record_starts(text: &str) -> Vec<usize> {
    let mut top = Vec::new();
    let mut elements = Vec::new();
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut in_scalar = false;
    // Inside the first top-level array, waiting for an element to begin.
    let mut want_element = false;
    let mut first_is_array = false;
    for (i, b) in text.bytes().enumerate() {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            continue;
        }
        let space = b.is_ascii_whitespace();
        if in_scalar && (space || b",]}[{:\"".contains(&b)) {
            in_scalar = false;
        }
        if space {
            continue;
        }
        if depth == 0 && !in_scalar {
            top.push(i);
            if top.len() == 1 {
                first_is_array = b == b'[';
            }
        }
        if depth == 1 && want_element && b != b']' {
            elements.push(i);
            want_element = false;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth == 1 && b == b'[' && top.len() == 1 {
                    want_element = true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b',' if depth == 1 && top.len() == 1 => want_element = true,
            b',' | b':' => {}
            _ => in_scalar = true,
        }
    }
    if first_is_array && top.len() == 1 {
        elements
    } else {
        top
    }
}

/// The 1-based lines of byte offsets given in ascending order, counted in one pass over the
/// text (counting from the start for each offset made a large import quadratic).
pub(super) fn lines_of(text: &str, offsets: &[usize]) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut lines = Vec::with_capacity(offsets.len());
    let (mut at, mut line) = (0, 1);
    for &offset in offsets {
        let offset = offset.clamp(at, bytes.len());
        line += bytes[at..offset].iter().filter(|&&b| b == b'\n').count();
        at = offset;
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<usize> {
        lines_of(text, &record_starts(text))
    }

    #[test]
    fn array_elements_on_their_lines() {
        let text = "[\n{\"a\":\"[,]\"},\n{\"b\":[1,2]},\n  \"x\"\n]\n";
        assert_eq!(lines(text), vec![2, 3, 4]);
    }

    #[test]
    fn one_object_per_line() {
        let text = "{\"a\":\"}\\\"\"}\n{\"b\":1}\n\n{}\n";
        assert_eq!(lines(text), vec![1, 2, 4]);
    }

    #[test]
    fn lines_of_offsets_past_the_end_stay_on_the_last_line() {
        assert_eq!(lines_of("a\nb\n", &[0, 2, 3, 4, 99]), vec![1, 2, 2, 3, 3]);
        assert!(lines_of("", &[]).is_empty());
    }

    #[test]
    fn scalars_and_an_empty_array() {
        assert_eq!(lines("12 true\n\"s\""), vec![1, 1, 2]);
        assert!(lines("[ ]").is_empty());
        assert_eq!(lines("[1,\n2]"), vec![1, 2]);
    }
}
