//! Finds the comments of a map file and what each belongs to: a comment on
//! lines of its own belongs to what follows it (the map, a field, a list,
//! an item; before a closing bracket, to the end of what it closes); a
//! comment after code on its line belongs to what that line holds.

use super::locate::{is_raw_string_start, skip_block_comment, skip_string};
use crate::model::ItemKind;
use crate::model::comments::{Attached, Comments};
use crate::model::schema::map_fields_in_file_order;

/// What a comment can belong to, while the file is read (items are known
/// by their order until their id is read).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Map,
    MapField(&'static str),
    List(ItemKind),
    ListEnd(ItemKind),
    Item(usize),
    ItemField(usize, &'static str),
    ItemEnd(usize),
    MapEnd,
    End,
}

/// An open bracket and what it belongs to.
#[derive(Debug, Clone, Copy)]
enum Frame {
    Map,
    List(ItemKind),
    Item(usize),
    /// The value of a field (a list of entries): comments in it go with it.
    Value(Place),
}

/// The comments of `text`, a map file that parses. Text without `//` or
/// `/*` has none and is not scanned.
pub fn comments_of(text: &str) -> Comments {
    if !text.contains("//") && !text.contains("/*") {
        return Comments::default();
    }
    let found = Scan::new(text).run();
    found.into_comments()
}

struct Scan<'t> {
    text: &'t str,
    bytes: &'t [u8],
    frames: Vec<Frame>,
    /// Comments on lines of their own, waiting for what follows them.
    pending: Vec<String>,
    /// What the current line holds (the last place code was seen for).
    last: Option<Place>,
    /// Whether code came before the current position on this line.
    code_on_line: bool,
    /// The key just read, for the bracket that may open its value.
    key: Option<Place>,
    /// Each item's kind and id (once read), by its order in the file.
    items: Vec<(ItemKind, Option<String>)>,
    found: Vec<(Place, bool, String)>,
}

impl<'t> Scan<'t> {
    fn new(text: &'t str) -> Self {
        Scan {
            text,
            bytes: text.as_bytes(),
            frames: Vec::new(),
            pending: Vec::new(),
            last: None,
            code_on_line: false,
            key: None,
            items: Vec::new(),
            found: Vec::new(),
        }
    }

    /// Attaches the waiting comments to `place`, which starts here.
    fn arrive(&mut self, place: Place) {
        for comment in self.pending.drain(..) {
            self.found.push((place, false, comment));
        }
        self.last = Some(place);
    }

    fn comment(&mut self, comment: &str) {
        let comment = comment.trim_end().to_string();
        match self.last {
            Some(place) if self.code_on_line => self.found.push((place, true, comment)),
            _ => self.pending.push(comment),
        }
    }

    fn run(mut self) -> Self {
        let bytes = self.bytes;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            match b {
                b'\n' => {
                    self.code_on_line = false;
                    i += 1;
                }
                b' ' | b'\t' | b'\r' => i += 1,
                b'/' if bytes.get(i + 1) == Some(&b'/') => {
                    let end = self.text[i..].find('\n').map_or(bytes.len(), |n| i + n);
                    self.comment(&self.text[i..end]);
                    i = end;
                }
                b'/' if bytes.get(i + 1) == Some(&b'*') => {
                    let end = skip_block_comment(bytes, i + 2).min(bytes.len());
                    self.comment(&self.text[i..end]);
                    i = end;
                }
                b'"' => {
                    let end = skip_string(bytes, i + 1, None).min(bytes.len());
                    self.value_string(i, end);
                    self.code_on_line = true;
                    i = end;
                }
                b'r' if is_raw_string_start(bytes, i) => {
                    let hashes = bytes[i + 1..].iter().take_while(|&&c| c == b'#').count();
                    i = skip_string(bytes, i + 2 + hashes, Some(hashes)).min(bytes.len());
                    self.code_on_line = true;
                }
                b'(' | b'[' | b'{' => {
                    self.open(b);
                    self.code_on_line = true;
                    i += 1;
                }
                b')' | b']' | b'}' => {
                    self.close();
                    self.code_on_line = true;
                    i += 1;
                }
                c if c.is_ascii_alphanumeric() || c == b'_' => {
                    let end = i + bytes[i..]
                        .iter()
                        .take_while(|&&c| c.is_ascii_alphanumeric() || c == b'_')
                        .count();
                    let after = end + bytes[end..].iter().take_while(|&&c| c == b' ' || c == b'\t').count();
                    if bytes.get(after) == Some(&b':') {
                        self.read_key(&self.text[i..end]);
                    }
                    self.code_on_line = true;
                    i = end;
                }
                _ => {
                    self.code_on_line = true;
                    i += 1;
                }
            }
        }
        self
    }

    /// A key of the map or of an item.
    fn read_key(&mut self, key: &str) {
        let place = match self.frames.last() {
            Some(Frame::Map) => {
                if let Some(kind) = ItemKind::ALL.into_iter().find(|k| k.list_field() == key) {
                    Some(Place::List(kind))
                } else {
                    map_fields_in_file_order()
                        .into_iter()
                        .map(|f| f.name)
                        .chain(["format"])
                        .find(|name| *name == key)
                        .map(Place::MapField)
                }
            }
            Some(Frame::Item(serial)) => {
                let kind = self.items[*serial].0;
                kind.fields()
                    .iter()
                    .map(|f| f.name)
                    .chain(["id"])
                    .find(|name| *name == key)
                    .map(|name| Place::ItemField(*serial, name))
            }
            _ => None,
        };
        if let Some(place) = place {
            self.arrive(place);
        }
        self.key = place;
    }

    /// A string: an item's id is read from the value of its `id` key.
    fn value_string(&mut self, start: usize, end: usize) {
        if let Some(Place::ItemField(serial, "id")) = self.key
            && matches!(self.frames.last(), Some(Frame::Item(s)) if *s == serial)
            && let Ok(id) = ron::from_str::<String>(&self.text[start..end])
        {
            self.items[serial].1.get_or_insert(id);
        }
        self.key = None;
    }

    fn open(&mut self, bracket: u8) {
        let frame = match (self.frames.last(), self.key.take()) {
            (None, _) if bracket == b'(' => {
                self.arrive(Place::Map);
                Frame::Map
            }
            (Some(Frame::Map), Some(Place::List(kind))) if bracket == b'[' => Frame::List(kind),
            (Some(Frame::List(kind)), _) if bracket == b'(' => {
                let serial = self.items.len();
                self.items.push((*kind, None));
                self.arrive(Place::Item(serial));
                Frame::Item(serial)
            }
            (Some(Frame::Value(place)), _) => Frame::Value(*place),
            (_, Some(place)) => Frame::Value(place),
            (Some(Frame::Map), None) => Frame::Value(Place::MapEnd),
            (Some(Frame::List(kind)), None) => Frame::Value(Place::ListEnd(*kind)),
            (Some(Frame::Item(serial)), None) => Frame::Value(Place::ItemEnd(*serial)),
            (None, None) => Frame::Value(Place::End),
        };
        self.frames.push(frame);
    }

    /// A closing bracket: comments waiting before it belong to the end of
    /// what it closes; comments after it on its line, to what it closed.
    fn close(&mut self) {
        let Some(frame) = self.frames.pop() else {
            return;
        };
        let (end, closed) = match frame {
            Frame::Map => (Place::MapEnd, Place::Map),
            Frame::List(kind) => (Place::ListEnd(kind), Place::List(kind)),
            Frame::Item(serial) => (Place::ItemEnd(serial), Place::Item(serial)),
            Frame::Value(place) => (place, place),
        };
        for comment in self.pending.drain(..) {
            self.found.push((end, false, comment));
        }
        self.last = Some(closed);
        self.key = None;
    }

    fn into_comments(mut self) -> Comments {
        for comment in std::mem::take(&mut self.pending) {
            self.found.push((Place::End, false, comment));
        }
        let mut comments = Comments::default();
        for (place, after, comment) in self.found {
            let attached = |a: &mut Attached| {
                if after {
                    a.after.push(comment.clone());
                } else {
                    a.before.push(comment.clone());
                }
            };
            match place {
                Place::Map => attached(&mut comments.map),
                Place::MapField(name) => attached(comments.map_fields.entry(name).or_default()),
                Place::List(kind) => attached(&mut comments.lists.entry(kind).or_default().list),
                Place::ListEnd(kind) => comments.lists.entry(kind).or_default().end.push(comment.clone()),
                Place::Item(serial) | Place::ItemField(serial, _) | Place::ItemEnd(serial) => {
                    // An item without an id (the file would not load) has nowhere to keep them.
                    let (kind, Some(id)) = &self.items[serial] else {
                        continue;
                    };
                    let entry = comments.items.entry(*kind).or_default().entry(id.clone()).or_default();
                    match place {
                        Place::ItemField(_, name) => attached(entry.fields.entry(name).or_default()),
                        Place::ItemEnd(_) => entry.end.push(comment.clone()),
                        _ => attached(&mut entry.item),
                    }
                }
                Place::MapEnd => comments.map_end.push(comment.clone()),
                Place::End => comments.end.push(comment.clone()),
            }
        }
        comments
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::to_canonical_commented;

    const HAND_WRITTEN: &str = r#"// Bean Box: the plan for spring.
// Owner: Mia
JourneyMap(
    title: "Bean Box", // working title
    stages: [ // in journey order
        // The first contact.
        Stage(
            name: "Aware",
            id: "aware", /* a slug */
            // Search first, then social.
            tactics: [
                "ads", // the biggest budget
                "seo",
            ],
        ),
        /* Nothing after the purchase yet. */
    ],
    /* closing remarks */
)
// end of file
"#;

    #[test]
    fn each_comment_belongs_to_what_it_precedes_or_ends_the_line_of() {
        let comments = comments_of(HAND_WRITTEN);
        assert_eq!(
            comments.map.before,
            ["// Bean Box: the plan for spring.", "// Owner: Mia"]
        );
        assert_eq!(comments.map_fields["title"].after, ["// working title"]);
        let stages = &comments.lists[&ItemKind::Stage];
        assert_eq!(stages.list.after, ["// in journey order"]);
        assert_eq!(stages.end, ["/* Nothing after the purchase yet. */"]);
        let aware = comments.item(ItemKind::Stage, "aware").cloned().unwrap_or_default();
        assert_eq!(aware.item.before, ["// The first contact."]);
        assert_eq!(aware.fields["id"].after, ["/* a slug */"]);
        assert_eq!(aware.fields["tactics"].before, ["// Search first, then social."]);
        // A comment ending a line inside a list's value is the field's.
        assert_eq!(aware.fields["tactics"].after, ["// the biggest budget"]);
        assert_eq!(comments.map_end, ["/* closing remarks */"]);
        assert_eq!(comments.end, ["// end of file"]);
        assert_eq!(comments.texts().len(), 11);
    }

    #[test]
    fn comment_markers_in_strings_are_text() {
        let text = "JourneyMap(title: \"http://example.com /* no */\")";
        assert!(comments_of(text).is_empty());
    }

    #[test]
    fn saving_writes_each_comment_back_in_its_place_and_keeps_it_there() {
        let map = crate::store::parse_unvalidated(HAND_WRITTEN, "m.ron").map_err(|e| e.to_string());
        let map = map.unwrap_or_else(|e| panic!("{e}"));
        let comments = comments_of(HAND_WRITTEN);
        let saved = to_canonical_commented(&map, &comments);
        assert_eq!(
            saved,
            r#"// Bean Box: the plan for spring.
// Owner: Mia
JourneyMap(
    format: 1,
    title: "Bean Box", // working title
    stages: [ // in journey order
        // The first contact.
        Stage(
            id: "aware", /* a slug */
            name: "Aware",
            // Search first, then social.
            tactics: ["ads", "seo"], // the biggest budget
        ),
        /* Nothing after the purchase yet. */
    ],
    /* closing remarks */
)
// end of file
"#
        );
        // Saving what was saved changes nothing.
        assert_eq!(comments_of(&saved), comments);
        assert_eq!(to_canonical_commented(&map, &comments_of(&saved)), saved);
        // A deleted item's comments go with it.
        let mut without = map.clone();
        without.stages.clear();
        let saved = to_canonical_commented(&without, &comments);
        assert!(!saved.contains("first contact") && !saved.contains("slug"), "{saved}");
        assert!(
            saved.contains("// Bean Box") && saved.contains("// end of file"),
            "{saved}"
        );
    }
}
