//! Finds where a validation problem sits in the file text, so that it can be
//! reported with a line and column like a parse error.
//!
//! The text is scanned once into an index of the map's lists, their items and
//! the keys of each item, skipping strings and comments, so that a file with
//! thousands of problems is located in linear time and a `tactics:` field of a
//! stage is never mistaken for the map's list of tactics.

use std::collections::HashMap;

use crate::model::{Problem, ProblemKind};

/// One item of a top-level list: where it starts and ends, and its keys.
struct Item<'t> {
    start: usize,
    end: usize,
    keys: Vec<(&'t str, usize)>,
}

/// Where things are in the text of a map that parsed.
pub struct Locator<'t> {
    text: &'t str,
    /// Keys of the map itself (`title`, `stages`, ...), first occurrence.
    top_keys: HashMap<&'t str, usize>,
    /// Items of each top-level list, in file order.
    lists: HashMap<&'t str, Vec<Item<'t>>>,
    /// Byte offset of the start of every line.
    line_starts: Vec<usize>,
}

impl<'t> Locator<'t> {
    pub fn new(text: &'t str) -> Self {
        let mut locator = Self {
            text,
            top_keys: HashMap::new(),
            lists: HashMap::new(),
            line_starts: std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
        };
        locator.scan();
        locator
    }

    fn scan(&mut self) {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut depth = 0usize;
        let mut list: Option<&'t str> = None;
        let mut item: Option<Item<'t>> = None;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            match b {
                b'"' => i = skip_string(bytes, i + 1, None),
                b'r' if is_raw_string_start(bytes, i) => {
                    let hashes = bytes[i + 1..].iter().take_while(|&&c| c == b'#').count();
                    i = skip_string(bytes, i + 2 + hashes, Some(hashes));
                }
                b'/' if bytes.get(i + 1) == Some(&b'/') => {
                    i = text[i..].find('\n').map_or(bytes.len(), |n| i + n);
                }
                b'/' if bytes.get(i + 1) == Some(&b'*') => i = skip_block_comment(bytes, i + 2),
                b'(' | b'[' | b'{' => {
                    if depth == 2 && b == b'(' && list.is_some() {
                        item = Some(Item {
                            start: i,
                            end: bytes.len(),
                            keys: Vec::new(),
                        });
                    }
                    depth += 1;
                    i += 1;
                }
                b')' | b']' | b'}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 2
                        && let (Some(name), Some(mut done)) = (list, item.take())
                    {
                        done.end = i + 1;
                        self.lists.entry(name).or_default().push(done);
                    }
                    if depth <= 1 {
                        list = None;
                    }
                    i += 1;
                }
                c if c.is_ascii_alphabetic() || c == b'_' => {
                    let start = i;
                    while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                        i += 1;
                    }
                    if !text[i..].trim_start().starts_with(':') {
                        continue;
                    }
                    let key = &text[start..i];
                    match depth {
                        1 => {
                            self.top_keys.entry(key).or_insert(start);
                            list = Some(key);
                        }
                        3 => {
                            if let Some(current) = item.as_mut() {
                                current.keys.push((key, start));
                            }
                        }
                        _ => {}
                    }
                }
                _ => i += 1,
            }
        }
    }

    /// `(line, column)`, 1-based, of the problem's spot.
    pub fn locate(&self, problem: &Problem) -> Option<(usize, usize)> {
        let offset = match &problem.item {
            None => *self.top_keys.get(problem.field)?,
            Some((kind, _, position)) => {
                let item = self.lists.get(kind.list_field())?.get(*position)?;
                let key = |name: &str| item.keys.iter().find(|(k, _)| *k == name).map(|&(_, at)| at);
                let id_at = key("id").unwrap_or(item.start);
                match problem.field {
                    "id" => id_at,
                    field => {
                        let field_at = key(field).unwrap_or(id_at);
                        let within = &self.text[..item.end];
                        match &problem.value {
                            Some(value) if field != "name" => {
                                let first = find_quoted(within, field_at, value);
                                // A repeated entry is the second one.
                                let repeat = first
                                    .filter(|_| problem.kind == ProblemKind::DuplicateReference)
                                    .and_then(|at| find_quoted(within, at + 1, value));
                                repeat.or(first).unwrap_or(field_at)
                            }
                            _ => field_at,
                        }
                    }
                }
            }
        };
        Some(self.line_column(offset))
    }

    fn line_column(&self, offset: usize) -> (usize, usize) {
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self.line_starts[line - 1];
        (line, 1 + self.text[start..offset].chars().count())
    }

    /// The text of 1-based `line`, without its line break.
    pub fn line_text(&self, line: usize) -> Option<&'t str> {
        let start = *self.line_starts.get(line.checked_sub(1)?)?;
        let end = self.line_starts.get(line).map_or(self.text.len(), |&next| next - 1);
        Some(&self.text[start..end])
    }
}

/// Whether `r` at `i` starts a raw string (`r"`, `r#"`), not an identifier.
pub(super) fn is_raw_string_start(bytes: &[u8], i: usize) -> bool {
    let after_ident = i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_');
    let hashes = bytes[i + 1..].iter().take_while(|&&c| c == b'#').count();
    !after_ident && bytes.get(i + 1 + hashes) == Some(&b'"')
}

/// The offset after a string whose content starts at `i`. A raw string
/// (`raw` = its number of `#`) has no escapes and ends with `"` and the `#`s.
pub(super) fn skip_string(bytes: &[u8], mut i: usize, raw: Option<usize>) -> usize {
    let hashes = raw.unwrap_or(0);
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if raw.is_none() => i += 2,
            b'"' if bytes[i + 1..].iter().take(hashes).filter(|&&c| c == b'#').count() == hashes => {
                return i + 1 + hashes;
            }
            _ => i += 1,
        }
    }
    bytes.len()
}

/// The offset after a (nested) block comment whose content starts at `i`.
pub(super) fn skip_block_comment(bytes: &[u8], mut i: usize) -> usize {
    let mut depth = 1;
    while i < bytes.len() {
        if bytes[i] == b'*' && bytes.get(i + 1) == Some(&b'/') {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else if bytes[i] == b'/' && bytes.get(i + 1) == Some(&b'*') {
            depth += 1;
            i += 2;
        } else {
            i += 1;
        }
    }
    bytes.len()
}

/// Offset of the string literal `"value"` at or after `from`.
fn find_quoted(text: &str, from: usize, value: &str) -> Option<usize> {
    let needle = format!("\"{value}\"");
    text.get(from..)?.find(&needle).map(|rel| from + rel)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::validate;
    use crate::store::parse_unvalidated;

    fn spots(text: &str) -> Vec<(String, (usize, usize))> {
        let map = parse_unvalidated(text, "t").unwrap_or_default();
        let locator = Locator::new(text);
        validate(&map)
            .iter()
            .map(|p| (p.message.clone(), locator.locate(p).unwrap_or((0, 0))))
            .collect()
    }

    #[test]
    fn a_stage_tactics_field_is_not_the_list_of_tactics() {
        let text = "JourneyMap(\n    title: \"T\",\n    stages: [\n        Stage(id: \"a\", name: \"A\", tactics: [\"ads\"]),\n        Stage(id: \"b\", name: \"B\"),\n    ],\n    tactics: [\n        Tactic(id: \"ads\", name: \"Ads\u{1b}\"),\n    ],\n)\n";
        let found = spots(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].1, (8, 27), "{found:?}");
    }

    #[test]
    fn keys_inside_strings_and_comments_are_skipped() {
        let text = "JourneyMap(\n    title: \"stages: [(id: \\\"x\\\")]\", // tactics: [(id: \"y\")]\n    /* touchpoints: [ */ stages: [(id: \"a\", name: \"A\"), (id: r#\"b\"#, notes: \"id: \\\"q\\\"\", name: \"\")],\n)";
        let found = spots(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].0.contains("empty name"), "{found:?}");
        assert_eq!(found[0].1, (3, 90), "{found:?}");
    }

    #[test]
    fn references_point_at_the_value() {
        let text = "JourneyMap(title: \"T\", stages: [(id: \"a\", name: \"A\")],\n touchpoints: [(id: \"t\", name: \"T\", stage: \"a\", tactics: [\"x\"])])";
        assert_eq!(
            spots(text),
            vec![(
                "touchpoint `t` refers to tactic `x` in `tactics`, but there is no such tactic".to_string(),
                (2, 59)
            )]
        );
    }

    #[test]
    fn a_repeated_reference_points_at_the_repeat() {
        let text = "JourneyMap(title: \"T\", stages: [(id: \"a\", name: \"A\")], tactics: [(id: \"x\", name: \"X\")],\n touchpoints: [(id: \"t\", name: \"T\", stage: \"a\", tactics: [\"x\", \"x\"])])";
        let found = spots(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].1, (2, 64), "{found:?}");
    }

    #[test]
    fn a_key_inside_a_raw_string_that_starts_with_a_hash_is_skipped() {
        let text = r##"JourneyMap(title: "T", stages: [(id: "a", notes: r#"#name: "#, name: "")])"##;
        let real_name = text.find(", name: \"\"").map_or(0, |at| at + 2);
        let found = spots(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].1, (1, real_name + 1), "{found:?}");
    }

    #[test]
    fn keys_before_a_nested_list_stay_with_their_item() {
        let text = "JourneyMap(title: \"T\", stages: [(id: \"a\", name: \"\", tactics: [], create: [\"x\"])])";
        let name = text.find("name:").map_or(0, |at| at + 1);
        let found = spots(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].1, (1, name), "{found:?}");
    }

    #[test]
    fn a_raw_string_starts_at_r_and_quote_but_not_inside_a_name() {
        let starts = |text: &str, at: usize| is_raw_string_start(text.as_bytes(), at);
        assert!(starts(r#"r"x""#, 0));
        assert!(starts(r##"(r#"x"#)"##, 1));
        assert!(!starts(r#"(r#x)"#, 1), "no quote after the hashes");
        assert!(!starts(r#"bar"x""#, 2), "the end of a name");
        assert!(!starts(r#"_r"x""#, 1), "the end of a name");
    }

    #[test]
    fn a_raw_string_ends_at_a_quote_followed_by_its_hashes() {
        // Content starts after `r#"`; the quote inside is not followed by `#`.
        let text = br##"r#"say "hi" now"#, rest"##;
        assert_eq!(skip_string(text, 3, Some(1)), text.len() - ", rest".len());
        let text = br#""a \" b", rest"#;
        assert_eq!(skip_string(text, 1, None), text.len() - ", rest".len());
    }

    #[test]
    fn block_comments_nest_and_an_open_one_runs_to_the_end() {
        let text = b"/* a /* b */ c */ rest";
        assert_eq!(skip_block_comment(text, 2), text.len() - " rest".len());
        assert_eq!(skip_block_comment(b"/* open", 2), 7);
        assert_eq!(skip_block_comment(b"/* open *", 2), 9);
    }

    #[test]
    fn map_level_problems_point_at_the_key() {
        let text = "JourneyMap(\n  stages: [],\n  title: \" \",\n)";
        assert_eq!(spots(text)[0].1, (3, 3));
        assert_eq!(Locator::new(text).line_text(3), Some("  title: \" \","));
        assert_eq!(Locator::new(text).line_text(5), None);
    }
}
