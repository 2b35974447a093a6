//! Checks made on the raw text before the RON parser sees it: things the
//! parser would report confusingly (git conflict markers) or that would make
//! it work too hard (absurd nesting).

/// Deepest bracket nesting accepted. A map nests four levels deep; the limit
/// leaves room for hand-written oddities while stopping hostile files.
pub const MAX_NESTING: usize = 32;

#[derive(Debug, PartialEq, Eq)]
pub enum PrescanIssue {
    ConflictMarker { line: usize, marker: &'static str },
    TooDeep { line: usize, column: usize },
}

/// Finds git conflict markers and nesting deeper than [`MAX_NESTING`],
/// skipping strings and comments.
pub fn prescan(text: &str) -> Option<PrescanIssue> {
    let bytes = text.as_bytes();
    let (mut start, mut line) = (0, 1);
    while start < bytes.len() {
        let end = find_either(bytes, start, b'\n', b'\n');
        // Every marker starts with one of these; most lines start with a space.
        if matches!(bytes[start], b'<' | b'=' | b'>' | b'|') {
            // As `str::lines` gives it: without the `\r` of a `\r\n`.
            let text_line = &text[start..end];
            let text_line = match text_line.strip_suffix('\r') {
                Some(stripped) if end < bytes.len() => stripped,
                _ => text_line,
            };
            if let Some(marker) = conflict_marker(text_line) {
                return Some(PrescanIssue::ConflictMarker { line, marker });
            }
        }
        start = end + 1;
        line += 1;
    }
    nesting(text)
}

/// The git conflict marker `line` starts with, if any: seven `<`, `|`,
/// `=` or `>` at the very start, then the end of the line, a space (before
/// a label) or more `=`.
pub fn conflict_marker(line: &str) -> Option<&'static str> {
    ["<<<<<<<", "=======", ">>>>>>>", "|||||||"].into_iter().find(|marker| {
        line.starts_with(marker) && line[marker.len()..].chars().next().is_none_or(|c| c == ' ' || c == '=')
    })
}

fn nesting(text: &str) -> Option<PrescanIssue> {
    #[derive(Clone, Copy)]
    enum State {
        Code,
        Str { escaped: bool },
        RawStr { hashes: usize },
        LineComment,
        BlockComment { depth: usize },
    }
    let bytes = text.as_bytes();
    let mut state = State::Code;
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        if let State::Code = state {
            // Indentation, keys and punctuation need nothing: skip them.
            i = skip_to(bytes, i, |c| {
                matches!(c, b'"' | b'r' | b'/' | b'(' | b'[' | b'{' | b')' | b']' | b'}')
            });
            if i == bytes.len() {
                break;
            }
        }
        let b = bytes[i];
        state = match state {
            State::Code => match b {
                b'"' => State::Str { escaped: false },
                b'r' if matches!(bytes.get(i + 1), Some(b'"' | b'#'))
                    && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric()) =>
                {
                    let hashes = bytes[i + 1..].iter().take_while(|&&c| c == b'#').count();
                    if bytes.get(i + 1 + hashes) == Some(&b'"') {
                        i += 1 + hashes;
                        State::RawStr { hashes }
                    } else {
                        State::Code
                    }
                }
                b'/' if bytes.get(i + 1) == Some(&b'/') => State::LineComment,
                b'/' if bytes.get(i + 1) == Some(&b'*') => {
                    i += 1;
                    State::BlockComment { depth: 1 }
                }
                b'(' | b'[' | b'{' => {
                    depth += 1;
                    if depth > MAX_NESTING {
                        return Some(too_deep(text, i));
                    }
                    State::Code
                }
                b')' | b']' | b'}' => {
                    depth = depth.saturating_sub(1);
                    State::Code
                }
                _ => State::Code,
            },
            State::Str { escaped: true } => State::Str { escaped: false },
            State::Str { escaped: false } => {
                // Strings are most of a map: skip to the quote or backslash.
                i = find_either(bytes, i, b'"', b'\\');
                match bytes.get(i) {
                    Some(b'\\') => State::Str { escaped: true },
                    Some(_) => State::Code,
                    None => State::Str { escaped: false },
                }
            }
            State::RawStr { hashes } => {
                if b == b'"' && bytes[i + 1..].iter().take(hashes).filter(|&&c| c == b'#').count() == hashes {
                    i += hashes;
                    State::Code
                } else {
                    State::RawStr { hashes }
                }
            }
            State::LineComment => {
                i = find_either(bytes, i, b'\n', b'\n');
                State::Code
            }
            State::BlockComment { depth: d } => {
                if b == b'*' && bytes.get(i + 1) == Some(&b'/') {
                    i += 1;
                    if d == 1 {
                        State::Code
                    } else {
                        State::BlockComment { depth: d - 1 }
                    }
                } else if b == b'/' && bytes.get(i + 1) == Some(&b'*') {
                    i += 1;
                    State::BlockComment { depth: d + 1 }
                } else {
                    State::BlockComment { depth: d }
                }
            }
        };
        i += 1;
    }
    None
}

/// Position of the next byte from `from` on that is `wanted` (the end if none).
fn skip_to(bytes: &[u8], from: usize, wanted: impl Fn(u8) -> bool) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| wanted(b))
        .map_or(bytes.len(), |k| from + k)
}

/// Position of the next `a` or `b` from `from` on (the end if none). Looks
/// at eight bytes at a time, since strings and lines are long.
fn find_either(bytes: &[u8], from: usize, a: u8, b: u8) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // Whether any byte of `word` is zero (exact, no false positives).
    let has_zero = |word: u64| word.wrapping_sub(ONES) & !word & HIGHS != 0;
    let mut at = from;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_le_bytes(word);
        if has_zero(word ^ (ONES * u64::from(a))) || has_zero(word ^ (ONES * u64::from(b))) {
            break;
        }
        at += 8;
    }
    skip_to(bytes, at, |c| c == a || c == b)
}

/// The 1-based line and column (in characters) of the bracket at `offset`.
fn too_deep(text: &str, offset: usize) -> PrescanIssue {
    let before = &text.as_bytes()[..offset];
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |n| n + 1);
    PrescanIssue::TooDeep {
        line: 1 + before.iter().filter(|&&b| b == b'\n').count(),
        column: text[line_start..=offset].chars().count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_conflict_markers() {
        let text = "JourneyMap(\n<<<<<<< HEAD\n    title: \"a\",\n=======\n    title: \"b\",\n>>>>>>> branch\n)";
        assert_eq!(
            prescan(text),
            Some(PrescanIssue::ConflictMarker {
                line: 2,
                marker: "<<<<<<<"
            })
        );
        assert_eq!(prescan("JourneyMap(title: \"<<<<<<< not a marker\")"), None);
    }

    #[test]
    fn finds_deep_nesting_outside_strings_and_comments() {
        let deep = format!("JourneyMap(title: {}{})", "[".repeat(40), "]".repeat(40));
        assert!(matches!(
            prescan(&deep),
            Some(PrescanIssue::TooDeep { line: 1, column: 50 })
        ));
        let quoted = format!(
            "JourneyMap(title: \"{}\", /* {} */ description: r#\"{}\"#)",
            "[".repeat(40),
            "(".repeat(40),
            "{".repeat(40)
        );
        assert_eq!(prescan(&quoted), None);
    }

    #[test]
    fn finds_bytes_eight_at_a_time_or_one_by_one() {
        let text = b"0123456789abcdef\"0123456789\\";
        for from in 0..text.len() {
            let slow = skip_to(text, from, |c| c == b'"' || c == b'\\');
            assert_eq!(find_either(text, from, b'"', b'\\'), slow, "from {from}");
        }
        assert_eq!(find_either(b"no such byte here", 0, b'"', b'"'), 17);
        assert_eq!(
            find_either(b"\x80\xff\x7f\x01\x00\x80\x80\x80\x80\x22", 0, b'"', b'"'),
            9
        );
    }

    #[test]
    fn conflict_markers_at_any_line() {
        let at = |text: &str| match prescan(text) {
            Some(PrescanIssue::ConflictMarker { line, marker }) => Some((line, marker)),
            _ => None,
        };
        assert_eq!(at("=======\n"), Some((1, "=======")));
        assert_eq!(at("a\r\n=======\r\nb"), Some((2, "=======")));
        assert_eq!(at("a\n\n|||||||=\n"), Some((3, "|||||||")));
        assert_eq!(at("a\n=======\r"), None);
        assert_eq!(at("a\n ======="), None);
        assert_eq!(at("a\n>>>>>>>x"), None);
    }

    #[test]
    fn skips_only_what_cannot_nest() {
        let deep = |prefix: &str| format!("{prefix}{}", "(".repeat(MAX_NESTING + 1));
        let too_deep = |text: &str| matches!(prescan(text), Some(PrescanIssue::TooDeep { .. }));
        // Brackets after an escaped quote, a comment's end or a word ending in r still count.
        assert!(too_deep(&deep(r#"a: "say \"(\" [", "#)));
        assert!(too_deep(&deep("/* (( /* [[ */ {{ */ // (((\n")));
        assert!(too_deep(&deep("for")));
        assert!(too_deep(&deep("r#\"(\"# ")));
        // Inside a string, a comment or a raw string that never ends, they do not.
        assert!(!too_deep(&deep("\"open ")));
        assert!(!too_deep(&deep("// ")));
        assert!(!too_deep(&deep("/* ")));
        assert!(!too_deep(&deep("r##\" \"# ")));
        // A raw string after a space, holding a quote: read as a plain
        // string, the quote would end it and let the brackets count.
        assert!(!too_deep(&deep("a: r#\"say \"")));
        assert!(!too_deep(&deep("a: r\"say ")));
        // A comment inside a comment: the first end leaves the outer one open.
        assert!(!too_deep(&deep("/* a /* b */ c ")));
        assert_eq!(
            prescan(&format!("x\n  é {}", "[".repeat(MAX_NESTING + 1))),
            Some(PrescanIssue::TooDeep {
                line: 2,
                column: 5 + MAX_NESTING
            })
        );
    }
}
