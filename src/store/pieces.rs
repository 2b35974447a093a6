//! Reading a map file a piece at a time, so that a large map's text is
//! never held whole beside the map parsed from it.
//!
//! The file is read in pieces of [`PIECE`] bytes. Each item of the map's
//! lists (a stage, a touchpoint, ...) is parsed on its own as soon as its
//! text has been read, and its text let go; what is left (the map's own
//! fields, with every item list written `[]`) is parsed last and given the
//! items. The map is the one parsing the whole text gives, because each
//! part is parsed by the same derived code and RON reads an item the same
//! wherever it stands.
//!
//! This is only a faster way to the same map. Anything the splitting does
//! not handle plainly (comments, which need the whole text to be kept,
//! `#![enable(...)]` and raw strings, a byte-order mark, carriage returns,
//! conflict markers, deep nesting) and every error give up (`None`), and the
//! caller reads the whole text the usual way, which finds and explains what
//! is wrong.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use serde::de::DeserializeSeed;

use super::parse::MAX_FILE_BYTES;
use super::prescan::MAX_NESTING;
use super::{FileStamp, Stamping};
use crate::model::schema::{append_list, push_deserialized};
use crate::model::{FORMAT_VERSION, ItemKind, JourneyMap};

/// How much is read at a time. An item longer than this (very long notes)
/// makes the buffer grow to hold it.
const PIECE: usize = 256 * 1024;

/// The map in the file at `path` and the stamp of its bytes; `None` when
/// it must be read whole instead (see the module's documentation), which
/// includes every file that cannot be read or parsed.
pub(super) fn read_in_pieces(path: &Path) -> Option<(JourneyMap, FileStamp)> {
    read_sifted(path, &mut |_, _| ())
}

/// [`read_in_pieces`], calling `sift` with the map read so far each time an
/// item is added to the end of its list (of the kind given): it may take
/// the item out again.
pub(super) fn read_sifted(path: &Path, sift: Sift) -> Option<(JourneyMap, FileStamp)> {
    // Looked at before opening: opening a named pipe would take what its
    // writer sends from the whole reading that follows.
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > MAX_FILE_BYTES {
        return None;
    }
    read_from(&mut File::open(path).ok()?, sift)
}

/// What is called after each item read (see [`read_sifted`]).
pub(super) type Sift<'s> = &'s mut dyn FnMut(&mut JourneyMap, ItemKind);

/// [`read_sifted`] of what `reader` holds.
pub(super) fn read_from(reader: &mut impl Read, sift: Sift) -> Option<(JourneyMap, FileStamp)> {
    let mut stamping = Stamping::default();
    let mut split = Split {
        sift: Some(sift),
        ..Split::default()
    };
    let mut piece = vec![0; PIECE];
    // What is read and not yet let go: from the start of the item being read.
    let mut buf: Vec<u8> = Vec::with_capacity(PIECE);
    loop {
        let read = match reader.read(&mut piece) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(_) => return None,
        };
        stamping.add(&piece[..read]);
        if stamping.stamp().size() > MAX_FILE_BYTES {
            return None;
        }
        let kept = split.item_start.unwrap_or(buf.len());
        buf.drain(..kept);
        split.item_start = split.item_start.map(|_| 0);
        let scanned = buf.len();
        buf.extend_from_slice(&piece[..read]);
        split.scan(&buf, scanned)?;
    }
    let map = split.finish()?;
    Some((map, stamping.stamp()))
}

/// Where the splitting stands, carried from one piece to the next.
#[derive(Default)]
struct Split<'s> {
    /// Called after each item read.
    sift: Option<Sift<'s>>,
    /// Brackets open.
    depth: usize,
    in_string: bool,
    /// The byte before was a backslash in a string.
    escaped: bool,
    /// The next byte does not start a line (false at the very start).
    not_line_start: bool,
    /// The last byte outside strings that is not a space.
    previous: u8,
    /// The last name read at the top level (a field's).
    name: Vec<u8>,
    /// The byte before, at the top level, was part of that name.
    in_name: bool,
    /// After `list:` at the top level, waiting for its `[`.
    list_key: Option<ItemKind>,
    /// Inside the `[...]` of an item list.
    list: Option<ItemKind>,
    /// Where the item being read starts in the buffer, inside a list.
    item_start: Option<usize>,
    /// The text with every item list written `[]`.
    rest: Vec<u8>,
    /// The items read, in their lists.
    items: JourneyMap,
}

impl Split<'_> {
    /// Goes on through `buf` from `from`; `None` to give up.
    fn scan(&mut self, buf: &[u8], from: usize) -> Option<()> {
        let mut i = from;
        while i < buf.len() {
            let b = buf[i];
            if !self.not_line_start && matches!(b, b'<' | b'=' | b'>' | b'|') {
                // Maybe a conflict marker: the whole text's reading explains those.
                return None;
            }
            self.not_line_start = b != b'\n';
            if b == b'\r' {
                // Decoding the whole text makes CRLF LF, in strings too.
                return None;
            }
            if self.in_string {
                if self.escaped {
                    self.escaped = false;
                    self.keep(&buf[i..=i]);
                    i += 1;
                    continue;
                }
                // Up to the next quote, backslash or line break at once.
                let run = buf[i..]
                    .iter()
                    .position(|&c| matches!(c, b'"' | b'\\' | b'\n' | b'\r'))
                    .unwrap_or(buf.len() - i);
                if run > 0 {
                    self.keep(&buf[i..i + run]);
                    i += run;
                    // The byte that ended the run is not a line start.
                    self.not_line_start = true;
                    continue;
                }
                match b {
                    b'"' => self.in_string = false,
                    b'\\' => self.escaped = true,
                    _ => {}
                }
                self.keep(&buf[i..=i]);
                i += 1;
                continue;
            }
            match b {
                b'"' => {
                    // `r"`, `b"`: raw and byte strings.
                    if self.previous.is_ascii_alphanumeric() || self.previous == b'_' {
                        return None;
                    }
                    self.in_string = true;
                }
                // Comments, `#![enable]`, raw strings, characters, CRLF, and
                // anything outside ASCII between the strings.
                b'/' | b'#' | b'\'' | b'\r' | 0x80..=0xFF => return None,
                b'(' | b'[' | b'{' => {
                    if b == b'['
                        && self.depth == 1
                        && self.list.is_none()
                        && let Some(kind) = self.list_key.take()
                    {
                        self.depth = 2;
                        self.list = Some(kind);
                        self.rest.push(b'[');
                        self.item_start = Some(i + 1);
                        self.previous = b;
                        i += 1;
                        continue;
                    }
                    self.depth += 1;
                    if self.depth > MAX_NESTING {
                        return None;
                    }
                }
                b')' | b']' | b'}' => {
                    if self.depth == 0 {
                        return None;
                    }
                    if self.depth == 2
                        && let Some(kind) = self.list
                    {
                        if b != b']' {
                            return None;
                        }
                        let start = self.item_start.take()?;
                        self.item(kind, &buf[start..i], true)?;
                        self.list = None;
                        self.depth = 1;
                        self.rest.push(b']');
                        self.previous = b;
                        i += 1;
                        continue;
                    }
                    self.depth -= 1;
                }
                b',' if self.depth == 2 && self.list.is_some() => {
                    let kind = self.list?;
                    let start = self.item_start?;
                    self.item(kind, &buf[start..i], false)?;
                    self.item_start = Some(i + 1);
                    self.previous = b;
                    i += 1;
                    continue;
                }
                _ => {}
            }
            if self.depth == 1 && self.list.is_none() {
                self.top_level(b);
            }
            self.keep(&buf[i..=i]);
            if !b.is_ascii_whitespace() {
                self.previous = b;
            }
            i += 1;
        }
        Some(())
    }

    /// Follows the names and colons of the map's own fields, to know when
    /// an item list's `[` comes.
    fn top_level(&mut self, b: u8) {
        let in_name = b.is_ascii_alphanumeric() || b == b'_';
        let name_starts = in_name && !self.in_name;
        self.in_name = in_name;
        if in_name {
            if name_starts {
                self.name.clear();
            }
            self.name.push(b);
            self.list_key = None;
        } else if b == b':' {
            self.list_key = ItemKind::ALL
                .into_iter()
                .find(|kind| kind.list_field().as_bytes() == self.name.as_slice());
        } else if !b.is_ascii_whitespace() {
            self.list_key = None;
        }
    }

    /// Text outside the item lists, kept for the map's own fields.
    fn keep(&mut self, bytes: &[u8]) {
        if self.list.is_none() {
            self.rest.extend_from_slice(bytes);
        }
    }

    /// Parses one item of a `kind` list: the text between two commas, or
    /// between the last one and the `]` (`last`), which may be empty.
    fn item(&mut self, kind: ItemKind, text: &[u8], last: bool) -> Option<()> {
        if text.iter().all(u8::is_ascii_whitespace) {
            // `[a, , b]` does not parse; `[a, b, ]` does.
            return last.then_some(());
        }
        let text = std::str::from_utf8(text).ok()?;
        let seed = ItemInto {
            map: &mut self.items,
            kind,
        };
        options().from_str_seed(text, seed).ok()?;
        if let Some(sift) = self.sift.as_mut() {
            sift(&mut self.items, kind);
        }
        Some(())
    }

    /// The map: its own fields parsed, then given the items.
    fn finish(mut self) -> Option<JourneyMap> {
        if self.in_string || self.depth != 0 || self.list.is_some() {
            return None;
        }
        let rest = std::str::from_utf8(&self.rest).ok()?;
        let mut map: JourneyMap = options().from_str(rest).ok()?;
        if map.format > FORMAT_VERSION || map.format == 0 {
            return None;
        }
        for kind in ItemKind::ALL {
            append_list(&mut map, &mut self.items, kind);
        }
        map.settle_format();
        Some(map)
    }
}

/// As the whole text is parsed (see `parse::parse_unvalidated`).
fn options() -> ron::Options {
    ron::Options::default().with_recursion_limit(MAX_NESTING + 8)
}

/// Reads an item into its list.
struct ItemInto<'m> {
    map: &'m mut JourneyMap,
    kind: ItemKind,
}

impl<'de> DeserializeSeed<'de> for ItemInto<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        push_deserialized(self.map, self.kind, deserializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{parse_unvalidated, to_canonical};

    /// Hands out at most `step` bytes a read, so that every boundary between
    /// pieces falls somewhere new.
    struct Trickle<'a> {
        bytes: &'a [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            let n = self.step.min(out.len()).min(self.bytes.len());
            out[..n].copy_from_slice(&self.bytes[..n]);
            self.bytes = &self.bytes[n..];
            Ok(n)
        }
    }

    fn in_pieces(text: &str, step: usize) -> Option<JourneyMap> {
        let mut reader = Trickle {
            bytes: text.as_bytes(),
            step,
        };
        read_from(&mut reader, &mut |_, _| ()).map(|(map, stamp)| {
            assert_eq!(stamp, FileStamp::of(text.as_bytes()), "the stamp is of every byte read");
            map
        })
    }

    fn example(name: &str) -> String {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("maps").join(name);
        std::fs::read_to_string(path).unwrap_or_default()
    }

    fn whole(text: &str) -> JourneyMap {
        parse_unvalidated(text, "test").unwrap_or_default()
    }

    #[test]
    fn every_example_map_reads_the_same_in_pieces_of_any_size() {
        for name in [
            "bean-box-coffee.ron",
            "souk-to-shelf.ron",
            "cloudledger-b2b.ron",
            "amphibious-atv.ron",
        ] {
            let text = to_canonical(&whole(&example(name)));
            let expected = whole(&text);
            assert!(expected.touchpoints.len() > 3, "{name} has touchpoints");
            for step in [1, 2, 3, 7, 64, 4096, PIECE] {
                assert_eq!(
                    in_pieces(&text, step).as_ref(),
                    Some(&expected),
                    "{name} read {step} bytes at a time"
                );
            }
        }
    }

    #[test]
    fn layout_and_names_a_parser_accepts_read_the_same() {
        let canonical = to_canonical(&whole(&example("souk-to-shelf.ron")));
        let variants = [
            // No struct names, no indentation, no trailing commas.
            canonical.replace("Touchpoint(", "(").replace("Stage(", "("),
            canonical.lines().map(str::trim).collect::<Vec<_>>().join(" "),
            canonical.replace(",\n    ]", "\n    ]").replace(",\n)", "\n)"),
            canonical
                .replace("JourneyMap(", "JourneyMap  (\n\n")
                .replace(": [", ":\n\t[ "),
            // Lists in another order: touchpoints before stages.
            {
                let map = whole(&canonical);
                let mut moved = to_canonical(&JourneyMap {
                    touchpoints: Vec::new(),
                    ..map.clone()
                });
                let list = to_canonical(&map);
                let at = list.find("    touchpoints: [").unwrap_or(0);
                let end = list[at..]
                    .find("\n    ],\n")
                    .map_or(list.len(), |e| at + e + "\n    ],\n".len());
                let stages = moved.find("    stages: [").unwrap_or(0);
                moved.insert_str(stages, &list[at..end]);
                moved
            },
        ];
        let expected = whole(&canonical);
        for text in &variants {
            assert_eq!(whole(text), expected, "the variant parses whole:\n{text}");
            assert_eq!(in_pieces(text, 5).as_ref(), Some(&expected), "{text}");
        }
        // An empty map, and lists that are empty.
        for text in ["JourneyMap()", "()", "(format: 2, stages: [], touchpoints: [ ])"] {
            assert_eq!(in_pieces(text, 3), Some(whole(text)), "{text}");
        }
    }

    #[test]
    fn anything_the_whole_text_must_explain_or_keep_is_left_to_it() {
        let canonical = to_canonical(&whole(&example("bean-box-coffee.ron")));
        let first_item = canonical.find("Touchpoint(").unwrap_or(0);
        let given_up = [
            // Comments are kept with the map: only the whole text finds them.
            canonical.replacen("Touchpoint(", "// note\n        Touchpoint(", 1),
            canonical.replacen("Touchpoint(", "/* note */ Touchpoint(", 1),
            format!("#![enable(implicit_some)]\n{canonical}"),
            format!("\u{feff}{canonical}"),
            canonical.replace('\n', "\r\n"),
            canonical.replacen("name: \"", "name: \"a\r\nb", 1),
            canonical.replacen("name: \"", "name: r\"", 1),
            canonical.replacen("Touchpoint(", "<<<<<<< ours\nTouchpoint(", 1),
            // Broken: every one of these needs the whole text's explanation.
            canonical.replacen("),\n        Touchpoint(", ")\n        Touchpoint(", 1),
            canonical.replacen("),\n        Touchpoint(", "),,\n        Touchpoint(", 1),
            canonical.replacen("Touchpoint(", "Touchpoint(]", 1),
            canonical.replacen("Touchpoint(", "Stage(", 1),
            canonical.replacen("Touchpoint(", "Touchpoint(colour: 1, ", 1),
            canonical.replacen("format: ", "format: 99, format: ", 1),
            canonical.replacen("format: 3", "format: 99", 1),
            canonical.replacen("stages: [", "stages: [], stages: [", 1),
            canonical.replacen("touchpoints: [", "touchpoints: ([", 1),
            canonical[..first_item + 40].to_string(),
            format!("{canonical})"),
            format!("{canonical}x"),
            "(".repeat(40) + &")".repeat(40),
            String::new(),
        ];
        for text in &given_up {
            assert_eq!(in_pieces(text, 4096), None, "{text}");
        }
    }

    #[test]
    fn an_item_longer_than_a_piece_is_read_whole() {
        let mut map = whole(&example("bean-box-coffee.ron"));
        if let Some(touchpoint) = map.touchpoints.first_mut() {
            touchpoint.notes = "ملاحظة طويلة \\ \"quoted\" ".repeat(PIECE / 8);
        }
        let text = to_canonical(&map);
        assert!(text.len() > 2 * PIECE);
        assert_eq!(in_pieces(&text, PIECE), Some(whole(&text)));
        assert_eq!(in_pieces(&text, 1000), Some(whole(&text)));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 256,
            failure_persistence: None,
            ..proptest::prelude::ProptestConfig::default()
        })]

        /// Whatever is read in pieces is what the whole text gives: a text
        /// damaged anywhere is either read the same both ways or left to
        /// the whole text's reading.
        #[test]
        fn what_is_read_in_pieces_is_what_the_whole_text_gives(
            at in 0.0..1.0f64,
            cut in 0usize..24,
            junk in "[\\\\\\[\\](){}\",:a-z0-9 \n\\\\]{0,6}",
            step in 1usize..300,
        ) {
            let canonical = to_canonical(&whole(&example("bean-box-coffee.ron")));
            let mut at = (at * canonical.len() as f64) as usize;
            while !canonical.is_char_boundary(at) {
                at -= 1;
            }
            let mut end = (at + cut).min(canonical.len());
            while !canonical.is_char_boundary(end) {
                end += 1;
            }
            let text = format!("{}{junk}{}", &canonical[..at], &canonical[end..]);
            if let Some(map) = in_pieces(&text, step) {
                let parsed = parse_unvalidated(&text, "test");
                proptest::prop_assert!(parsed.is_ok(), "read in pieces, but the whole text does not parse:\n{text}");
                proptest::prop_assert_eq!(Some(map), parsed.ok());
            }
        }
    }
}
