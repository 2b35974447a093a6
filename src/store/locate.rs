//! Finds where a validation problem sits in the file text, so that it can be
//! reported with a line and column like a parse error.
//!
//! The text is indexed once (line starts, `id:` keys), so locating thousands
//! of problems in a large file stays linear.

use crate::model::Problem;

pub struct Locator<'t> {
    text: &'t str,
    /// Byte offset where each line starts.
    line_starts: Vec<usize>,
    /// Byte offset of every `id:` key, in file order. Every item has one, so
    /// the n-th key after a list's own key starts the n-th item of that list.
    id_keys: Vec<usize>,
    /// Keys of the map itself (`title:`, `stages:`...), which also occur
    /// inside items (a stage's `tactics:`), so they are told apart by depth.
    top_level_keys: Vec<(&'t str, usize)>,
}

impl<'t> Locator<'t> {
    pub fn new(text: &'t str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        let mut id_keys = Vec::new();
        let mut top_level_keys = Vec::new();
        for (key, at, depth) in keys(text) {
            if key == "id" {
                id_keys.push(at);
            }
            if depth == 1 {
                top_level_keys.push((key, at));
            }
        }
        Self {
            text,
            line_starts,
            id_keys,
            top_level_keys,
        }
    }

    fn top_level(&self, key: &str) -> Option<usize> {
        self.top_level_keys.iter().find(|(k, _)| *k == key).map(|&(_, at)| at)
    }

    /// `(line, column)`, 1-based, of the problem's spot.
    pub fn locate(&self, problem: &Problem) -> Option<(usize, usize)> {
        let text = self.text;
        let offset = match &problem.item {
            None => self.top_level(problem.field)?,
            Some((kind, _, position)) => {
                let list = self.top_level(kind.list_field())?;
                let first = self.id_keys.partition_point(|&at| at < list);
                let item = *self.id_keys.get(first + position)?;
                // Search only within this item: up to the next item's `id:`.
                let end = self.id_keys.get(first + position + 1).copied().unwrap_or(text.len());
                match problem.field {
                    "id" => item,
                    field => {
                        let field_at = find_key(text, item, end, field).unwrap_or(item);
                        match &problem.value {
                            Some(value) if field != "name" => {
                                find_quoted(text, field_at, end, value).unwrap_or(field_at)
                            }
                            _ => field_at,
                        }
                    }
                }
            }
        };
        Some(self.line_column(offset))
    }

    /// The text of a 1-based line, without its line break.
    pub fn line_text(&self, line: usize) -> Option<&'t str> {
        let start = *self.line_starts.get(line.checked_sub(1)?)?;
        let end = self.line_starts.get(line).map_or(self.text.len(), |&next| next - 1);
        self.text.get(start..end)
    }

    fn line_column(&self, offset: usize) -> (usize, usize) {
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self.line_starts[line - 1];
        let column = 1 + self.text[start..offset].chars().count();
        (line, column)
    }
}

/// Every `key:` outside strings and comments: the key, its byte offset and
/// its bracket depth (1 = a field of the map itself).
fn keys(text: &str) -> Vec<(&str, usize, usize)> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'r' if matches!(bytes.get(i + 1), Some(b'"' | b'#')) => {
                let hashes = bytes[i + 1..].iter().take_while(|&&c| c == b'#').count();
                let closing: Vec<u8> = std::iter::once(b'"').chain(std::iter::repeat_n(b'#', hashes)).collect();
                i += 2 + hashes;
                while i < bytes.len() && !bytes[i..].starts_with(&closing) {
                    i += 1;
                }
                i += closing.len().saturating_sub(1);
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                while i + 1 < bytes.len() && !(bytes[i] == b'*' && bytes[i + 1] == b'/') {
                    i += 1;
                }
                i += 1;
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let start = i;
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                let mut after = i;
                while after < bytes.len() && bytes[after].is_ascii_whitespace() {
                    after += 1;
                }
                if bytes.get(after) == Some(&b':') {
                    found.push((&text[start..i], start, depth));
                }
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    found
}

/// Offset of `key` followed by `:` in `from..end`, as a whole word.
fn find_key(text: &str, from: usize, end: usize, key: &str) -> Option<usize> {
    let haystack = text.get(..end)?;
    let mut start = from;
    while let Some(rel) = haystack.get(start..)?.find(key) {
        let at = start + rel;
        let before_ok = !haystack[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_');
        let after_ok = haystack[at + key.len()..].trim_start().starts_with(':');
        if before_ok && after_ok {
            return Some(at);
        }
        start = at + key.len();
    }
    None
}

/// Offset of the string literal `"value"` in `from..end`.
fn find_quoted(text: &str, from: usize, end: usize, value: &str) -> Option<usize> {
    let needle = format!("\"{value}\"");
    text.get(from..end)?.find(&needle).map(|rel| from + rel)
}
