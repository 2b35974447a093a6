//! The canonical text of a map: fixed field order, four-space indents, LF
//! line endings, a trailing newline, fields at their default left out. The
//! same map always gives the same bytes, so load -> save of a canonical file
//! changes nothing and git diffs show only real edits.
//!
//! A merged map with conflicts is written the same way, with each
//! conflicting field (or whole item) between git-style markers whose labels
//! name the kind, the id and the field; keeping one side's lines and
//! deleting the markers leaves the canonical text of that choice.

use std::collections::HashMap;
use std::fmt::Write;
use std::io;

use crate::model::comments::{Attached, Comments, ItemComments};
use crate::model::conflict::{Conflict, Side, Versions};
use crate::model::edit::Item;
use crate::model::schema::map_fields_in_file_order;
use crate::model::{Field, FieldType, ItemKind, JourneyMap, Target, Value};
use crate::text::out::Out;

/// The markers of a conflict block, in the order they appear.
pub const MARKER_OURS: &str = "<<<<<<<";
pub const MARKER_BASE: &str = "|||||||";
pub const MARKER_SEPARATOR: &str = "=======";
pub const MARKER_THEIRS: &str = ">>>>>>>";

/// Lists of ids are written on one line when it stays this short.
const INLINE_LIMIT: usize = 100;

/// The canonical RON text of `map`: the map's fields, then each kind's list
/// in registry order, every item's fields in the order its struct declares
/// them (see [`crate::model::schema`]).
pub fn to_canonical(map: &JourneyMap) -> String {
    collect_map(map, &Marks::default(), &NO_COMMENTS)
}

/// The canonical text of `map` with the comments of the file it came from,
/// each written where it belongs: before the map, field, list or item it
/// preceded, or at the end of the line it ended. Comments on items the map
/// no longer has are left out.
pub fn to_canonical_commented(map: &JourneyMap, comments: &Comments) -> String {
    collect_map(map, &Marks::default(), comments)
}

/// [`to_canonical_commented`], written to `writer` as it is made.
pub fn write_canonical_commented(map: &JourneyMap, comments: &Comments, writer: &mut dyn io::Write) -> io::Result<()> {
    write_map(map, &Marks::default(), comments, Out::to(writer)).map(drop)
}

/// Whether `text` is the canonical text of `map` with `comments`, found
/// without making that text: it is compared as it is written.
pub fn is_canonical(map: &JourneyMap, comments: &Comments, text: &str) -> bool {
    let mut compared = Compared {
        expected: text.as_bytes(),
        same: true,
    };
    let written = write_map(map, &Marks::default(), comments, Out::to(&mut compared));
    written.is_ok() && compared.same && compared.expected.is_empty()
}

/// Whether `reader` gives exactly the canonical text of `map` and its
/// `comments`, read a piece at a time as that text is made, so that
/// neither is held whole. The reader is left where the comparison stopped
/// (at its end when they are the same).
pub fn reads_canonical(map: &JourneyMap, comments: &Comments, reader: &mut impl io::Read) -> io::Result<bool> {
    let mut compared = ComparedWithReader {
        reader,
        piece: Vec::new(),
        same: true,
        failed: None,
    };
    let written = write_map(map, &Marks::default(), comments, Out::to(&mut compared));
    if let Some(e) = compared.failed {
        return Err(e);
    }
    if written.is_err() || !compared.same {
        return Ok(false);
    }
    // Nothing may follow the canonical text.
    let mut after = [0u8; 1];
    Ok(compared.reader.read(&mut after)? == 0)
}

/// A writer that checks what it is given against what a reader gives next.
struct ComparedWithReader<'r, R> {
    reader: &'r mut R,
    piece: Vec<u8>,
    same: bool,
    /// Why reading failed, when it did.
    failed: Option<io::Error>,
}

impl<R: io::Read> io::Write for ComparedWithReader<'_, R> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.same && self.failed.is_none() {
            self.piece.resize(buf.len(), 0);
            match self.reader.read_exact(&mut self.piece) {
                Ok(()) => self.same = self.piece == buf,
                Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => self.same = false,
                Err(e) => self.failed = Some(e),
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A writer that checks what it is given against what is expected,
/// dropping the part that matched.
struct Compared<'e> {
    expected: &'e [u8],
    same: bool,
}

impl io::Write for Compared<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self.expected.strip_prefix(buf) {
            Some(rest) if self.same => self.expected = rest,
            _ => self.same = false,
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The canonical text of a merged map with conflicts: each conflict's
/// field (or item) is written three times, as ours, base and theirs hold
/// it, between markers labelled like `<<<<<<< ours: touchpoint ad, cta`.
/// A conflict whose ours and theirs are the same (a problem both sides
/// share) has nothing to choose between and is written once, as the map
/// holds it.
pub fn to_canonical_with_conflicts(map: &JourneyMap, conflicts: &[Conflict], comments: &Comments) -> String {
    collect_map(map, &Marks::of(conflicts), comments)
}

/// [`to_canonical_with_conflicts`], written to `writer` as it is made.
pub fn write_canonical_with_conflicts(
    map: &JourneyMap,
    conflicts: &[Conflict],
    comments: &Comments,
    writer: &mut dyn io::Write,
) -> io::Result<()> {
    write_map(map, &Marks::of(conflicts), comments, Out::to(writer)).map(drop)
}

static NO_COMMENTS: std::sync::LazyLock<Comments> = std::sync::LazyLock::new(Comments::default);

/// The canonical text, whole.
fn collect_map(map: &JourneyMap, marks: &Marks, comments: &Comments) -> String {
    let mut out = Out::collecting();
    out.reserve(estimate(map));
    // Collected text is never written, so writing it cannot fail.
    write_map(map, marks, comments, out).unwrap_or_default()
}

/// Writes the canonical text to `out`, item by item; returns what `out`
/// collected.
fn write_map(map: &JourneyMap, marks: &Marks, comments: &Comments, out: Out) -> io::Result<String> {
    let comments = (!comments.is_empty()).then_some(comments);
    let mut w = Writer {
        out,
        indent: 0,
        comments,
    };
    w.commented(comments.map(|c| &c.map), |w| w.open("JourneyMap"));
    let map_field = |name: &str| comments.and_then(|c| c.map_fields.get(name));
    // The format the content needs, not the one declared: a map that uses
    // nothing newer stays `format: 1`, byte for byte, for older programs.
    w.commented(map_field("format"), |w| {
        w.raw_field("format", &map.required_format().to_string());
    });
    for field in map_fields_in_file_order() {
        match marks.map_fields.get(field.name) {
            Some(conflict) => {
                w.before(map_field(field.name));
                w.field_conflict(conflict, field);
            }
            None => w.commented(map_field(field.name), |w| {
                w.maybe_field(field, map.value(Target::Map, field));
            }),
        }
    }
    for kind in ItemKind::ALL {
        w.items(map, kind, marks);
    }
    if let Some(comments) = comments {
        w.lines(&comments.map_end);
    }
    w.out.push_str(")\n");
    if let Some(comments) = comments {
        w.indent = 0;
        w.lines(&comments.end);
    }
    w.out.finish()
}

/// The conflicts to mark, by where they are.
#[derive(Default)]
struct Marks<'c> {
    map_fields: HashMap<&'static str, &'c Conflict>,
    items: HashMap<(ItemKind, &'c str), ItemMarks<'c>>,
}

#[derive(Default)]
struct ItemMarks<'c> {
    whole: Option<&'c Conflict>,
    fields: HashMap<&'static str, &'c Conflict>,
}

impl<'c> Marks<'c> {
    fn of(conflicts: &'c [Conflict]) -> Self {
        let mut marks = Marks::default();
        for conflict in conflicts.iter().filter(|c| has_a_choice(c)) {
            match (conflict.kind(), conflict.field()) {
                (None, Some(field)) => {
                    marks.map_fields.entry(field.name).or_insert(conflict);
                }
                (Some(kind), field) => {
                    let item = marks.items.entry((kind, conflict.id())).or_default();
                    match field {
                        Some(field) => {
                            item.fields.entry(field.name).or_insert(conflict);
                        }
                        None => item.whole = item.whole.or(Some(conflict)),
                    }
                }
                (None, None) => {}
            }
        }
        marks
    }
}

/// Whether ours and theirs differ, so that markers offer a choice.
fn has_a_choice(conflict: &Conflict) -> bool {
    match &conflict.versions {
        Versions::Field { ours, theirs, .. } => ours != theirs,
        Versions::Item { ours, theirs, .. } => ours != theirs,
    }
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

struct Writer<'c, 'w> {
    out: Out<'w>,
    indent: usize,
    /// The file's comments; `None` when it has none.
    comments: Option<&'c Comments>,
}

impl Writer<'_, '_> {
    /// Comments on lines of their own, at the current indent (a block
    /// comment's further lines as they were written).
    fn lines(&mut self, comments: &[String]) {
        for comment in comments {
            self.pad();
            self.out.push_str(comment);
            self.out.push('\n');
        }
    }

    fn before(&mut self, attached: Option<&Attached>) {
        if let Some(attached) = attached {
            self.lines(&attached.before);
        }
    }

    /// What `write` writes, with the comments that precede it before it and
    /// those that end its line at the end of its first line. A field left
    /// out (at its default) keeps its comments where it would have been.
    fn commented(&mut self, attached: Option<&Attached>, write: impl FnOnce(&mut Self)) {
        let Some(attached) = attached.filter(|a| !a.is_empty()) else {
            return write(self);
        };
        self.lines(&attached.before);
        let start = self.out.len();
        write(self);
        if attached.after.is_empty() {
            return;
        }
        if self.out.len() == start {
            return self.lines(&attached.after);
        }
        let line_end = self.out[start..].find('\n').map_or(self.out.len(), |n| start + n);
        self.out.insert_str(line_end, &format!(" {}", attached.after.join(" ")));
    }

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
    fn items(&mut self, map: &JourneyMap, kind: ItemKind, marks: &Marks) {
        let items = map.ids_and_names(kind);
        if items.is_empty() {
            return;
        }
        let fields = kind.fields_in_file_order();
        let list_comments = self.comments.and_then(|c| c.lists.get(&kind));
        let item_comments = self.comments.and_then(|c| c.items.get(&kind));
        self.commented(list_comments.map(|l| &l.list), |w| {
            w.key(kind.list_field());
            w.out.push_str("[\n");
        });
        self.indent += 1;
        for (position, (id, _)) in items.into_iter().enumerate() {
            let target = Target::Item(kind, position);
            let item_marks = if marks.items.is_empty() {
                None
            } else {
                marks.items.get(&(kind, id))
            };
            let comments = item_comments.and_then(|items| items.get(id));
            match item_marks {
                None => self.item(kind, id, &fields, |field| map.value(target, field), None, comments),
                Some(ItemMarks {
                    whole: Some(conflict), ..
                }) => {
                    self.before(comments.map(|c| &c.item));
                    self.item_conflict(conflict, kind, &fields);
                }
                Some(ItemMarks { fields: marked, .. }) => {
                    self.item(
                        kind,
                        id,
                        &fields,
                        |field| map.value(target, field),
                        Some(marked),
                        comments,
                    );
                }
            }
            self.out.pass_on();
            if self.out.failed() {
                break;
            }
        }
        if let Some(list) = list_comments {
            self.lines(&list.end);
        }
        self.indent -= 1;
        self.pad();
        self.out.push_str("],\n");
    }

    /// One item, its fields read through `value`; the fields in `marked`
    /// are written as conflicts.
    fn item<'v>(
        &mut self,
        kind: ItemKind,
        id: &str,
        fields: &[&'static Field],
        value: impl Fn(&Field) -> Option<Value<'v>>,
        marked: Option<&HashMap<&'static str, &Conflict>>,
        comments: Option<&ItemComments>,
    ) {
        self.commented(comments.map(|c| &c.item), |w| {
            w.pad();
            w.open(kind.ron_name());
        });
        let field_comments = |name: &str| comments.and_then(|c| c.fields.get(name));
        self.commented(field_comments("id"), |w| w.string("id", id));
        for &field in fields {
            match marked.and_then(|m| m.get(field.name)) {
                Some(conflict) => {
                    self.before(field_comments(field.name));
                    self.field_conflict(conflict, field);
                }
                None => self.commented(field_comments(field.name), |w| w.maybe_field(field, value(field))),
            }
        }
        if let Some(comments) = comments {
            self.lines(&comments.end);
        }
        self.close();
    }

    /// A field, left out at its default unless map files must always hold it.
    fn maybe_field(&mut self, field: &Field, value: Option<Value>) {
        let Some(value) = value else {
            return;
        };
        if !field.always_written() && Some(value) == field.default_value() {
            return;
        }
        self.field(field, value);
    }

    /// A marker line: at the start of the line, whatever the indent.
    fn marker(&mut self, marker: &str, label: Option<String>) {
        self.out.push_str(marker);
        if let Some(label) = label {
            self.out.push(' ');
            self.out.push_str(&label);
        }
        self.out.push('\n');
    }

    /// The three versions of one field between markers.
    fn field_conflict(&mut self, conflict: &Conflict, field: &Field) {
        let Versions::Field { base, ours, theirs, .. } = &conflict.versions else {
            return;
        };
        let label = conflict.label();
        self.marker(MARKER_OURS, Some(format!("ours: {label}")));
        self.maybe_field(field, Some(ours.as_value()));
        // An item new on both sides has no base: its field's default
        // stands in, so that the base's text still parses.
        let (absent, base) = match base {
            Some(base) => ("", Some(base.as_value())),
            None => (" (not in base)", field.default_value()),
        };
        self.marker(MARKER_BASE, Some(format!("base: {label}{absent}")));
        self.maybe_field(field, base);
        self.marker(MARKER_SEPARATOR, None);
        self.maybe_field(field, Some(theirs.as_value()));
        self.marker(MARKER_THEIRS, Some(format!("theirs: {label}")));
    }

    /// The three versions of a whole item between markers; a side that
    /// deleted it has nothing between its markers.
    fn item_conflict(&mut self, conflict: &Conflict, kind: ItemKind, fields: &[&'static Field]) {
        let label = conflict.label();
        let side_label = |side: Side| match conflict.item(side) {
            Some(_) => format!("{}: {label}", side.word()),
            None => format!("{}: {label} (deleted)", side.word()),
        };
        let version = |w: &mut Self, side: Side| {
            if let Some(item) = conflict.item(side) {
                w.whole_item(kind, item, fields);
            }
        };
        self.marker(MARKER_OURS, Some(side_label(Side::Ours)));
        version(self, Side::Ours);
        self.marker(MARKER_BASE, Some(side_label(Side::Base)));
        version(self, Side::Base);
        self.marker(MARKER_SEPARATOR, None);
        version(self, Side::Theirs);
        self.marker(MARKER_THEIRS, Some(side_label(Side::Theirs)));
    }

    fn whole_item(&mut self, kind: ItemKind, item: &Item, fields: &[&'static Field]) {
        self.item(
            kind,
            item.id().unwrap_or_default(),
            fields,
            |field| item.value(field),
            None,
            None,
        );
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
            out: Out::collecting(),
            indent,
            comments: None,
        };
        w.ids("tactics", ids);
        w.out.finish().unwrap_or_default()
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
            touchpoints: vec![Box::new(crate::model::Touchpoint {
                id: "ad".into(),
                name: "Ad".into(),
                stage: "aware".into(),
                ..crate::model::Touchpoint::default()
            })],
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
