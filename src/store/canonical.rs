//! The canonical text of a map: fixed field order, four-space indents, LF
//! line endings, a trailing newline, fields at their default left out. The
//! same map always gives the same bytes, so load -> save of a canonical file
//! changes nothing and git diffs show only real edits.

use std::fmt::Write;

use crate::model::schema::map_fields_in_file_order;
use crate::model::{Field, FieldType, ItemKind, JourneyMap, Target, Value};

/// Lists of ids are written on one line when it stays this short.
const INLINE_LIMIT: usize = 100;

/// The canonical RON text of `map`: the map's fields, then each kind's list
/// in registry order, every item's fields in the order its struct declares
/// them (see [`crate::model::schema`]).
pub fn to_canonical(map: &JourneyMap) -> String {
    let mut w = Writer {
        out: String::with_capacity(estimate(map)),
        indent: 0,
    };
    w.open("JourneyMap");
    // The format the content needs, not the one declared: a map that uses
    // nothing newer stays `format: 1`, byte for byte, for older programs.
    w.raw_field("format", &map.required_format().to_string());
    w.fields(map, Target::Map, &map_fields_in_file_order());
    for kind in ItemKind::ALL {
        w.items(map, kind);
    }
    w.out.push_str(")\n");
    w.out
}

/// A guess at the output size, so the buffer grows once at most: a line of
/// about this many bytes per field of every item.
fn estimate(map: &JourneyMap) -> usize {
    const BYTES_PER_FIELD: usize = 40;
    1024 + ItemKind::ALL
        .iter()
        .map(|&kind| map.count(kind) * kind.fields().len() * BYTES_PER_FIELD)
        .sum::<usize>()
}

struct Writer {
    out: String,
    indent: usize,
}

impl Writer {
    fn pad(&mut self) {
        for _ in 0..self.indent {
            self.out.push_str("    ");
        }
    }

    /// `Name(` on its own line; fields follow one level deeper.
    fn open(&mut self, name: &str) {
        self.out.push_str(name);
        self.out.push_str("(\n");
        self.indent += 1;
    }

    fn close(&mut self) {
        self.indent -= 1;
        self.pad();
        self.out.push_str("),\n");
    }

    fn key(&mut self, key: &str) {
        self.pad();
        self.out.push_str(key);
        self.out.push_str(": ");
    }

    fn raw_field(&mut self, key: &str, value: &str) {
        self.key(key);
        self.out.push_str(value);
        self.out.push_str(",\n");
    }

    fn string(&mut self, key: &str, value: &str) {
        self.key(key);
        quote_into(&mut self.out, value);
        self.out.push_str(",\n");
    }

    /// Prose lists: one entry per line, so a diff shows the entry that changed.
    fn strings(&mut self, key: &str, values: &[String]) {
        if values.is_empty() {
            return;
        }
        self.key(key);
        self.out.push_str("[\n");
        self.indent += 1;
        for v in values {
            self.pad();
            quote_into(&mut self.out, v);
            self.out.push_str(",\n");
        }
        self.indent -= 1;
        self.pad();
        self.out.push_str("],\n");
    }

    /// Id lists: on one line when short, else one per line.
    fn ids(&mut self, key: &str, ids: &[String]) {
        if ids.is_empty() {
            return;
        }
        let inline_len: usize = self.indent * 4 + key.len() + 4 + ids.iter().map(|i| i.len() + 4).sum::<usize>();
        if inline_len > INLINE_LIMIT {
            return self.strings(key, ids);
        }
        self.key(key);
        self.out.push('[');
        for (n, id) in ids.iter().enumerate() {
            if n > 0 {
                self.out.push_str(", ");
            }
            quote_into(&mut self.out, id);
        }
        self.out.push_str("],\n");
    }

    /// The list of every item of `kind`, left out when there is none.
    fn items(&mut self, map: &JourneyMap, kind: ItemKind) {
        let items = map.ids_and_names(kind);
        if items.is_empty() {
            return;
        }
        let fields = kind.fields_in_file_order();
        self.key(kind.list_field());
        self.out.push_str("[\n");
        self.indent += 1;
        for (position, (id, _)) in items.into_iter().enumerate() {
            self.pad();
            self.open(kind.ron_name());
            self.string("id", id);
            self.fields(map, Target::Item(kind, position), &fields);
            self.close();
        }
        self.indent -= 1;
        self.pad();
        self.out.push_str("],\n");
    }

    /// The fields of `target`, each left out at its default unless map
    /// files must always hold it.
    fn fields(&mut self, map: &JourneyMap, target: Target, fields: &[&Field]) {
        for &field in fields {
            let Some(value) = map.value(target, field) else {
                continue;
            };
            if !field.always_written() && Some(value) == field.default_value() {
                continue;
            }
            self.field(field, value);
        }
    }

    fn field(&mut self, field: &Field, value: Value) {
        let key = field.name;
        match (field.ty, value) {
            // Normalised number text is a RON number as it stands.
            (FieldType::Number, Value::Text(number)) => self.raw_field(key, number),
            (_, Value::Text(text)) => self.string(key, text),
            (FieldType::Refs(_), Value::List(ids)) => self.ids(key, ids),
            (_, Value::List(entries)) => self.strings(key, entries),
            // Every value has a RON name: the schema's tests check it.
            (_, Value::Choice(position)) => {
                if let Some(name) = field.ron_names.get(position) {
                    self.raw_field(key, name);
                }
            }
            (_, Value::Score(score)) => self.raw_field(key, &score.to_string()),
            (_, Value::OptionalScore(Some(score))) => self.raw_field(key, &score.to_string()),
            (_, Value::OptionalScore(None)) => {}
            (_, Value::Bool(yes)) => self.raw_field(key, &yes.to_string()),
        }
    }
}

/// A RON string literal. Only what must be escaped is: quotes, backslashes
/// and control characters; every script is written as itself.
fn quote_into(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_escapes_only_what_it_must() {
        let mut s = String::new();
        quote_into(&mut s, "say \"hi\"\\ مرحبا 展示会 🚀\n\u{1b}");
        assert_eq!(s, r#""say \"hi\"\\ مرحبا 展示会 🚀\n\u{1b}""#);
    }

    /// What `Writer::ids` writes for `ids` at `indent` levels deep.
    fn ids_written_at(indent: usize, ids: &[String]) -> String {
        let mut w = Writer {
            out: String::new(),
            indent,
        };
        w.ids("tactics", ids);
        w.out
    }

    #[test]
    fn an_id_list_is_on_one_line_while_that_line_stays_under_the_limit() {
        // The longest inline line is 99 characters whatever the depth: deeper
        // lists have room for shorter ids. Items' id lists are 3 levels deep.
        for (indent, longest_id) in [(0, 85), (1, 81), (3, 73)] {
            let fits = ids_written_at(indent, &["i".repeat(longest_id)]);
            assert_eq!(fits.lines().count(), 1, "{fits}");
            assert_eq!(fits.trim_end_matches('\n').len(), 99, "{fits}");
            let split = ids_written_at(indent, &["i".repeat(longest_id + 1)]);
            assert_eq!(split.lines().count(), 3, "{split}");
        }
        // Every id counts with its quotes and separator.
        let ids = |lengths: [usize; 4]| lengths.map(|n| "i".repeat(n)).to_vec();
        let fits = ids_written_at(3, &ids([20, 20, 20, 1]));
        assert_eq!(fits.lines().count(), 1, "{fits}");
        assert_eq!(fits.trim_end_matches('\n').len(), 99, "{fits}");
        let split = ids_written_at(3, &ids([20, 20, 20, 2]));
        assert_eq!(split.lines().count(), 6, "{split}");
    }

    #[test]
    fn minimal_map_is_short() {
        let map = JourneyMap {
            title: "T".into(),
            ..JourneyMap::default()
        };
        assert_eq!(
            to_canonical(&map),
            "JourneyMap(\n    format: 1,\n    title: \"T\",\n)\n"
        );
    }

    #[test]
    fn a_touchpoint_emotion_is_written_with_format_2_and_only_then() {
        let mut map = JourneyMap {
            title: "T".into(),
            format: 2,
            touchpoints: vec![crate::model::Touchpoint {
                id: "ad".into(),
                name: "Ad".into(),
                stage: "aware".into(),
                ..crate::model::Touchpoint::default()
            }],
            ..JourneyMap::default()
        };
        let without = to_canonical(&map);
        assert!(without.starts_with("JourneyMap(\n    format: 1,\n"), "{without}");
        assert!(!without.contains("emotion"), "{without}");
        map.touchpoints[0].emotion = Some(-2);
        let with = to_canonical(&map);
        assert!(with.starts_with("JourneyMap(\n    format: 2,\n"), "{with}");
        assert!(
            with.contains("            stage: \"aware\",\n            emotion: -2,\n"),
            "{with}"
        );
    }
}
