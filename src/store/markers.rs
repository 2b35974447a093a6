//! Git conflict markers in a map file: every block found, described by the
//! item and field it is about (from the labels `journeymap merge` writes,
//! else from the text around it), and each side's version of the whole
//! file, so that a resolver can merge the three again.

use std::ops::Range;

use super::canonical::{MARKER_BASE, MARKER_OURS, MARKER_SEPARATOR, MARKER_THEIRS};
use super::diagnostic::{Diagnostic, LoadError, MAX_DIAGNOSTICS};
use super::prescan::conflict_marker;
use crate::model::conflict::Side;
use crate::model::{ItemKind, JourneyMap};

/// One `<<<<<<<` ... `>>>>>>>` block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictBlock {
    /// 1-based line of its `<<<<<<<`.
    pub line: usize,
    /// What follows each marker (`ours: touchpoint ad, cta`, `HEAD`, ...).
    pub ours_label: String,
    pub base_label: Option<String>,
    pub theirs_label: String,
    /// Each side's lines, as 0-based line indexes.
    pub ours: Range<usize>,
    pub base: Option<Range<usize>>,
    pub theirs: Range<usize>,
}

/// What a block is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    /// `None` for the map's own fields.
    pub kind: Option<ItemKind>,
    pub id: String,
    /// `None` for a whole item.
    pub field: Option<String>,
}

/// A marker out of place: a block never closed, a `=======` outside one.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stray {
    line: usize,
    message: String,
}

/// Every block of `text` and every marker out of place.
fn scan(text: &str) -> (Vec<ConflictBlock>, Vec<Stray>) {
    #[derive(Clone, Copy, PartialEq)]
    enum In {
        Ours,
        Base,
        Theirs,
    }
    let mut blocks = Vec::new();
    let mut strays = Vec::new();
    // The block being read and where its current section started.
    let mut open: Option<(ConflictBlock, In, usize)> = None;
    for (n, line) in text.split('\n').enumerate() {
        let Some(marker) = conflict_marker(line) else {
            continue;
        };
        let label = line[marker.len()..].trim().to_string();
        let stray = |message: &str| Stray {
            line: n + 1,
            message: message.to_string(),
        };
        open = match (open.take(), marker) {
            (Some((block, _, _)), MARKER_OURS) => {
                strays.push(Stray {
                    line: block.line,
                    message: format!("this conflict block has no `{MARKER_THEIRS}` line before the next one"),
                });
                Some((new_block(n, label), In::Ours, n + 1))
            }
            (None, MARKER_OURS) => Some((new_block(n, label), In::Ours, n + 1)),
            (Some((mut block, In::Ours, from)), MARKER_BASE) => {
                block.ours = from..n;
                block.base_label = Some(label);
                Some((block, In::Base, n + 1))
            }
            (Some((mut block, section, from)), MARKER_SEPARATOR) if section != In::Theirs => {
                match section {
                    In::Ours => block.ours = from..n,
                    _ => block.base = Some(from..n),
                }
                Some((block, In::Theirs, n + 1))
            }
            (Some((mut block, In::Theirs, from)), MARKER_THEIRS) => {
                block.theirs = from..n;
                block.theirs_label = label;
                blocks.push(block);
                None
            }
            (Some(state), _) => {
                strays.push(stray(&format!("`{marker}` out of place in a conflict block")));
                Some(state)
            }
            (None, _) => {
                strays.push(stray(&format!("`{marker}` outside a conflict block")));
                None
            }
        };
    }
    if let Some((block, _, _)) = open {
        strays.push(Stray {
            line: block.line,
            message: format!("this conflict block never ends: its `{MARKER_THEIRS}` line is missing"),
        });
    }
    (blocks, strays)
}

fn new_block(n: usize, label: String) -> ConflictBlock {
    ConflictBlock {
        line: n + 1,
        ours_label: label,
        base_label: None,
        theirs_label: String::new(),
        ours: 0..0,
        base: None,
        theirs: 0..0,
    }
}

/// The conflict blocks of `text`; `None` when a marker is out of place.
pub fn conflict_blocks(text: &str) -> Option<Vec<ConflictBlock>> {
    let (blocks, strays) = scan(text);
    strays.is_empty().then_some(blocks)
}

/// The file as one side wrote it: that side's lines of every block kept,
/// the markers and the other sides' lines left empty, so every line keeps
/// its number. `None` for the base when a block has no base section.
pub fn side_text(text: &str, blocks: &[ConflictBlock], side: Side) -> Option<String> {
    let mut keep: Vec<Range<usize>> = Vec::with_capacity(blocks.len());
    for block in blocks {
        keep.push(match side {
            Side::Ours => block.ours.clone(),
            Side::Theirs => block.theirs.clone(),
            Side::Base => block.base.clone()?,
        });
    }
    let mut out = String::with_capacity(text.len());
    let mut blocks = blocks.iter().zip(&keep).peekable();
    for (n, line) in text.split('\n').enumerate() {
        while blocks.peek().is_some_and(|(block, _)| n > block.theirs.end) {
            blocks.next();
        }
        let dropped = blocks
            .peek()
            .is_some_and(|(block, kept)| n + 1 >= block.line && n <= block.theirs.end && !kept.contains(&n));
        if n > 0 {
            out.push('\n');
        }
        if !dropped {
            out.push_str(line);
        }
    }
    Some(out)
}

/// The three versions of a file with conflict markers, each parsed: what a
/// resolver merges again (`analysis::merge::merge_maps`) to get the
/// conflicts back with every version of each. The base is `None` when a
/// block has no base section (git's default style): read it from git's
/// index then (`git show :1:PATH`).
#[derive(Debug, Clone)]
pub struct ConflictedSides {
    pub base: Option<JourneyMap>,
    pub ours: JourneyMap,
    pub theirs: JourneyMap,
    pub blocks: Vec<ConflictBlock>,
}

/// Reads a file with conflict markers into its sides.
pub fn conflicted_sides(text: &str, origin: &str) -> Result<ConflictedSides, LoadError> {
    let (blocks, strays) = scan(text);
    if !strays.is_empty() || blocks.is_empty() {
        return Err(LoadError::invalid(origin, diagnostics(text)));
    }
    let parse = |side: Side| -> Result<Option<JourneyMap>, LoadError> {
        let Some(side_text) = side_text(text, &blocks, side) else {
            return Ok(None);
        };
        super::parse_unvalidated(&side_text, &format!("{origin} ({})", side.word())).map(Some)
    };
    let base = parse(Side::Base)?;
    let ours = parse(Side::Ours)?.unwrap_or_default();
    let theirs = parse(Side::Theirs)?.unwrap_or_default();
    Ok(ConflictedSides {
        base,
        ours,
        theirs,
        blocks,
    })
}

/// What a label written by `journeymap merge` names: `ours: touchpoint
/// ad-office-coffee, cta`, `theirs: persona olivia (deleted)`, `base: map,
/// title`.
pub fn parse_label(label: &str) -> Option<Subject> {
    let (_, rest) = label.split_once(": ")?;
    let rest = rest.split(" (").next().unwrap_or(rest);
    if let Some(field) = rest.strip_prefix("map, ") {
        return Some(Subject {
            kind: None,
            id: String::new(),
            field: Some(field.to_string()),
        });
    }
    let kind = ItemKind::ALL
        .into_iter()
        .find(|kind| rest.strip_prefix(kind.noun()).is_some_and(|r| r.starts_with(' ')))?;
    let rest = &rest[kind.noun().len() + 1..];
    // An id a label could not hold plainly is written quoted, as Rust
    // quotes a string.
    let (id, after) = match rest.strip_prefix('"') {
        Some(quoted) => {
            let mut id = String::new();
            let mut chars = quoted.char_indices();
            let mut end = None;
            while let Some((at, c)) = chars.next() {
                match c {
                    '\\' => id.extend(chars.next().map(|(_, c)| c)),
                    '"' => {
                        end = Some(at + 1);
                        break;
                    }
                    c => id.push(c),
                }
            }
            (id, &quoted[end?..])
        }
        None => match rest.split_once(", ") {
            Some((id, _)) => (id.to_string(), &rest[id.len()..]),
            None => (rest.to_string(), ""),
        },
    };
    let field = after.strip_prefix(", ").map(str::to_string);
    Some(Subject {
        kind: Some(kind),
        id,
        field,
    })
}

/// What a block is about when its labels do not say (a conflict git's line
/// merge left): the item around it, from the nearest `id:` above and the
/// struct it is in, and the field its lines hold.
fn subject_from_text(lines: &[&str], block: &ConflictBlock) -> Option<Subject> {
    let section = if block.ours.is_empty() {
        &block.theirs
    } else {
        &block.ours
    };
    let first = lines.get(section.start).map(|l| l.trim()).unwrap_or_default();
    // The block holds a whole item.
    if let Some(kind) = kind_opened_by(first) {
        let id = lines
            .get(section.clone())
            .unwrap_or_default()
            .iter()
            .find_map(|l| id_of(l))
            .unwrap_or_default();
        return Some(Subject {
            kind: Some(kind),
            id,
            field: None,
        });
    }
    let field = first
        .split_once(':')
        .map(|(key, _)| key.trim())
        .filter(|key| !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        .map(str::to_string);
    let mut id = None;
    for line in lines[..block.line.saturating_sub(1).min(lines.len())].iter().rev() {
        let trimmed = line.trim();
        if trimmed.starts_with("JourneyMap(") {
            return Some(Subject {
                kind: None,
                id: String::new(),
                field,
            });
        }
        if id.is_none() {
            id = id_of(line);
        }
        if let Some(kind) = kind_opened_by(trimmed) {
            return Some(Subject {
                kind: Some(kind),
                id: id.unwrap_or_default(),
                field,
            });
        }
    }
    None
}

/// The kind whose struct `line` opens (`Touchpoint(`).
fn kind_opened_by(line: &str) -> Option<ItemKind> {
    let name = line.strip_suffix('(')?;
    ItemKind::ALL.into_iter().find(|kind| kind.ron_name() == name)
}

/// The id an `id: "..."` line holds.
fn id_of(line: &str) -> Option<String> {
    let value = line.trim().strip_prefix("id:")?.trim().trim_end_matches(',');
    Some(value.trim_matches('"').to_string())
}

/// One diagnostic per conflict block (and per marker out of place), each
/// naming the item and field, at the line of its `<<<<<<<`; then whatever
/// else is wrong with ours's version of the file.
pub(super) fn diagnostics(text: &str) -> Vec<Diagnostic> {
    let (blocks, strays) = scan(text);
    let lines: Vec<&str> = text.split('\n').collect();
    // Each side's text has no marker left once every marker is in a
    // block; before that, parsing it would only find them again.
    let parse_side = |side: Side| {
        side_text(text, &blocks, side)
            .filter(|_| strays.is_empty())
            .map(|side_text| super::parse_unvalidated(&side_text, side.word()))
    };
    let ours_parse = parse_side(Side::Ours);
    let parsed = ours_parse.as_ref().and_then(|r| r.as_ref().ok());
    let theirs_map = parse_side(Side::Theirs).and_then(Result::ok);
    let name_of = |kind: ItemKind, id: &str| {
        [parsed, theirs_map.as_ref()]
            .into_iter()
            .flatten()
            .find_map(|map| map.name_of(kind, id))
            .map(str::to_string)
    };
    let hint = format!(
        "keep the lines of the side you want (or write the value you want), then delete the marker lines \
         ({MARKER_OURS}, {MARKER_BASE}, {MARKER_SEPARATOR}, {MARKER_THEIRS})"
    );
    let mut out: Vec<(usize, Diagnostic)> = Vec::new();
    for block in &blocks {
        let subject = parse_label(&block.ours_label)
            .or_else(|| parse_label(&block.theirs_label))
            .or_else(|| subject_from_text(&lines, block));
        let deleted_by: Vec<&str> = [("ours", &block.ours_label), ("theirs", &block.theirs_label)]
            .into_iter()
            .filter(|(_, label)| label.ends_with("(deleted)"))
            .map(|(side, _)| side)
            .collect();
        let message = match subject {
            Some(Subject {
                kind: None,
                field: Some(field),
                ..
            }) => format!("merge conflict in the map's `{field}`"),
            Some(Subject {
                kind: Some(kind),
                id,
                field,
            }) => {
                let name = name_of(kind, &id)
                    .map(|name| format!(" ({})", crate::text::sanitize(&name)))
                    .unwrap_or_default();
                let item = format!("{} `{}`{name}", kind.noun(), id.escape_debug());
                match (field, deleted_by.as_slice()) {
                    (Some(field), _) => format!("merge conflict in {item}, field `{field}`"),
                    (None, [side]) => format!("merge conflict over {item}: deleted in {side}, kept in the other side"),
                    (None, _) => format!("merge conflict over the whole of {item}"),
                }
            }
            _ => "merge conflict".to_string(),
        };
        out.push((block.line, Diagnostic::at(text, block.line, 1, message, hint.clone())));
    }
    for stray in &strays {
        out.push((
            stray.line,
            Diagnostic::at(
                text,
                stray.line,
                1,
                stray.message.clone(),
                format!("a conflict block is `{MARKER_OURS}`, ours's lines, optionally `{MARKER_BASE}` and base's, `{MARKER_SEPARATOR}`, theirs's, `{MARKER_THEIRS}`"),
            ),
        ));
    }
    out.sort_by_key(|(line, _)| *line);
    let mut diagnostics: Vec<Diagnostic> = out.into_iter().map(|(_, d)| d).collect();
    // Anything else wrong, as in ours's version (the line numbers are the file's).
    if let Some(Err(e)) = ours_parse {
        diagnostics.extend(e.diagnostics);
    }
    diagnostics
}

/// The error for a file with conflict markers: every block listed.
pub(super) fn conflict_error(text: &str, origin: &str) -> LoadError {
    let all = diagnostics(text);
    let total = all.len();
    let mut error = LoadError::invalid(origin, all.into_iter().take(MAX_DIAGNOSTICS).collect());
    error.not_shown = total.saturating_sub(MAX_DIAGNOSTICS);
    error
}

#[cfg(test)]
mod tests {
    use super::*;

    const MARKED: &str = "JourneyMap(
    title: \"T\",
    touchpoints: [
        Touchpoint(
            id: \"ad\",
            name: \"Ad\",
            stage: \"aware\",
<<<<<<< ours: touchpoint ad, cta
            cta: \"Book\",
||||||| base: touchpoint ad, cta
=======
            cta: \"Try\",
>>>>>>> theirs: touchpoint ad, cta
        ),
    ],
)
";

    #[test]
    fn blocks_and_sides() {
        let blocks = conflict_blocks(MARKED).unwrap_or_default();
        assert_eq!(blocks.len(), 1);
        let block = &blocks[0];
        assert_eq!(
            (block.line, block.ours.clone(), block.base.clone(), block.theirs.clone()),
            (8, 8..9, Some(10..10), 11..12)
        );
        let ours = side_text(MARKED, &blocks, Side::Ours).unwrap_or_default();
        assert_eq!(ours.lines().count(), MARKED.lines().count(), "line numbers are kept");
        assert!(
            ours.contains("cta: \"Book\"") && !ours.contains("Try") && !ours.contains("<<<"),
            "{ours}"
        );
        let base = side_text(MARKED, &blocks, Side::Base).unwrap_or_default();
        assert!(!base.contains("cta"), "{base}");
        let theirs = side_text(MARKED, &blocks, Side::Theirs).unwrap_or_default();
        assert!(theirs.contains("cta: \"Try\"") && !theirs.contains("Book"), "{theirs}");
    }

    #[test]
    fn labels_name_kind_id_and_field() {
        let subject = |kind, id: &str, field: Option<&str>| {
            Some(Subject {
                kind,
                id: id.to_string(),
                field: field.map(str::to_string),
            })
        };
        assert_eq!(
            parse_label("ours: touchpoint ad-office-coffee, cta"),
            subject(Some(ItemKind::Touchpoint), "ad-office-coffee", Some("cta"))
        );
        assert_eq!(
            parse_label("base: touchpoint webinar, stage (not in base)"),
            subject(Some(ItemKind::Touchpoint), "webinar", Some("stage"))
        );
        assert_eq!(
            parse_label("ours: persona olivia (deleted)"),
            subject(Some(ItemKind::Persona), "olivia", None)
        );
        assert_eq!(parse_label("theirs: map, title"), subject(None, "", Some("title")));
        assert_eq!(
            parse_label("ours: stage \"a, b\""),
            subject(Some(ItemKind::Stage), "a, b", None)
        );
        assert_eq!(parse_label("HEAD"), None);
        assert_eq!(parse_label("ours: gadget x, y"), None);
    }

    #[test]
    fn a_line_merge_conflict_is_described_from_the_text_around_it() {
        let text = MARKED
            .replace("ours: touchpoint ad, cta", "HEAD")
            .replace("theirs: touchpoint ad, cta", "feature");
        let d = diagnostics(&text);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].message, "merge conflict in touchpoint `ad` (Ad), field `cta`");
        assert_eq!((d[0].line, d[0].column), (8, 1));
    }

    #[test]
    fn markers_out_of_place_are_each_reported() {
        let unfinished = MARKED.replace(">>>>>>> theirs: touchpoint ad, cta\n", "");
        let d = diagnostics(&unfinished);
        assert!(
            d.iter().any(|d| d.line == 8 && d.message.contains("never ends")),
            "{d:?}"
        );
        let stray = format!("=======\n{MARKED}");
        let d = diagnostics(&stray);
        assert_eq!(d[0].line, 1);
        assert!(d[0].message.contains("outside a conflict block"), "{d:?}");
        assert!(d.iter().any(|d| d.message.contains("field `cta`")), "{d:?}");
    }
}
