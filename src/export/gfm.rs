//! GitHub-flavoured Markdown's building blocks, shared by every Markdown
//! output: map text escaped so it always reads as text (in a line, a
//! paragraph or a table cell) and tables whose rows all have the header's
//! number of columns.

use std::fmt::Write;

use crate::text::{sanitize, sanitize_multiline};

/// One line of text, safe in any Markdown context: controls replaced, line
/// breaks turned into spaces, punctuation that means something escaped.
pub fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    push_inline(&mut out, text);
    out
}

/// [`inline`], appended to `out`.
pub(crate) fn push_inline(out: &mut String, text: &str) {
    let clean = sanitize(text);
    // Every character escaped is ASCII, and ASCII bytes occur in UTF-8 only
    // as themselves: scanning bytes is scanning characters.
    let bytes = clean.as_bytes();
    let mut copied = 0;
    for (i, &b) in bytes.iter().enumerate() {
        // `&` matters only where it could start an entity such as `&lt;`;
        // `!` needs no escape since `[` always gets one.
        let escape = match b {
            b'\\' | b'`' | b'*' | b'_' | b'[' | b']' | b'<' | b'>' | b'|' | b'#' | b'~' => true,
            b'&' => bytes
                .get(i + 1)
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == b'#'),
            _ => false,
        };
        if escape {
            out.push_str(&clean[copied..i]);
            out.push('\\');
            copied = i;
        }
    }
    out.push_str(&clean[copied..]);
}

/// Multi-line text as a paragraph: line breaks kept as hard breaks, and a
/// line that would start a list or a heading escaped.
pub fn paragraph(text: &str) -> String {
    let clean = sanitize_multiline(text);
    let lines: Vec<String> = clean
        .lines()
        .map(|line| {
            let escaped = inline(line.trim_start());
            if escaped.starts_with(['-', '+', '=']) {
                return format!("\\{escaped}");
            }
            // A backslash escapes punctuation, not digits: "1\." is no list.
            match ordered_list_marker(&escaped) {
                Some(digits) => format!("{}\\{}", &escaped[..digits], &escaped[digits..]),
                None => escaped,
            }
        })
        .collect();
    lines.join("\\\n")
}

/// "1." or "12)" at the start of a line would begin an ordered list: the
/// number of digits before the `.` or `)`.
fn ordered_list_marker(line: &str) -> Option<usize> {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    (digits > 0 && line[digits..].starts_with(['.', ')'])).then_some(digits)
}

/// Text for a table cell: escaped, with line breaks as `<br>`.
pub fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    push_cell(&mut out, text);
    out
}

/// [`cell`], appended to `out`.
pub(crate) fn push_cell(out: &mut String, text: &str) {
    for (n, line) in sanitize_multiline(text).lines().enumerate() {
        if n > 0 {
            out.push_str("<br>");
        }
        push_inline(out, line);
    }
}

/// A GFM table. Cells are already escaped; rows are padded or cut to the
/// header's length so every row has the same number of columns.
pub fn table(headers: &[&str], align: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "| {} |", headers.join(" | "));
    let rule: Vec<&str> = (0..headers.len())
        .map(|c| align.get(c).copied().unwrap_or("---"))
        .collect();
    let _ = writeln!(out, "| {} |", rule.join(" | "));
    for row in rows {
        let cells: Vec<&str> = (0..headers.len())
            .map(|c| row.get(c).map_or("", String::as_str))
            .collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out
}
