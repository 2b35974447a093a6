//! Finds where a validation problem sits in the file text, so that it can be
//! reported with a line and column like a parse error.

use crate::model::Problem;

/// `(line, column)`, 1-based, of the problem's spot in `text`.
pub fn locate_problem(text: &str, problem: &Problem) -> Option<(usize, usize)> {
    let offset = match &problem.item {
        None => find_key(text, 0, problem.field)?,
        Some((kind, _, position)) => {
            let item = item_offset(text, kind.list_field(), *position)?;
            match problem.field {
                "id" => item,
                field => {
                    let field_at = find_key(text, item, field).unwrap_or(item);
                    match &problem.value {
                        Some(value) if field != "name" => find_quoted(text, field_at, value).unwrap_or(field_at),
                        _ => field_at,
                    }
                }
            }
        }
    };
    Some(line_column(text, offset))
}

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = 1 + before.matches('\n').count();
    let column = 1 + before.rsplit('\n').next().map_or(0, |l| l.chars().count());
    (line, column)
}

/// Offset of the `id:` key of the item at `position` in `list`: the
/// position-th `id:` after the list's key, since every item has one.
fn item_offset(text: &str, list: &str, position: usize) -> Option<usize> {
    let mut at = find_key(text, 0, list)?;
    for _ in 0..=position {
        at = find_key(text, at + 1, "id")?;
    }
    Some(at)
}

/// Offset of `key` followed by `:` at or after `from`, as a whole word.
fn find_key(text: &str, from: usize, key: &str) -> Option<usize> {
    let mut start = from;
    while let Some(rel) = text.get(start..)?.find(key) {
        let at = start + rel;
        let before_ok = at == 0
            || !text[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_');
        let after = text[at + key.len()..].trim_start();
        if before_ok && after.starts_with(':') {
            return Some(at);
        }
        start = at + key.len();
    }
    None
}

/// Offset of the string literal `"value"` at or after `from`.
fn find_quoted(text: &str, from: usize, value: &str) -> Option<usize> {
    let needle = format!("\"{value}\"");
    text.get(from..)?.find(&needle).map(|rel| from + rel)
}
