//! The diff as plain text: one line per added, removed or changed item, its
//! field changes indented below. Every piece of map text is sanitised and
//! long texts are cut to the line width, measured in terminal cells.

use super::{Summary, field_label};
use crate::analysis::diff::{Entry, FieldChange, ItemRef, KindDiff, ListStyle, MapDiff, Move, ValueStyle};
use crate::text::{sanitize, truncate, width};

/// The narrowest line width honoured: below it, values would be cut to
/// nothing.
const MIN_WIDTH: usize = 40;
/// Names longer than this are cut: the id is there to tell items apart.
const NAME_WIDTH: usize = 60;
const FIELD_INDENT: &str = "    ";
/// Added to the indent of a field for its entries and long values.
const ENTRY_INDENT: &str = "  ";

/// Colours a piece of text as added, removed, ... (a method of [`Paint`]).
type Tint = fn(Paint, &str) -> String;

/// How the text looks: ANSI colours or none, and the width lines are kept
/// within, in cells.
#[derive(Clone, Copy)]
struct Paint {
    colour: bool,
    width: usize,
}

impl Paint {
    fn wrap(self, code: &str, s: &str) -> String {
        if self.colour {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn added(self, s: &str) -> String {
        self.wrap("32", s)
    }
    fn removed(self, s: &str) -> String {
        self.wrap("31", s)
    }
    fn changed(self, s: &str) -> String {
        self.wrap("33", s)
    }
    fn heading(self, s: &str) -> String {
        self.wrap("1", s)
    }
}

/// Renders `diff` under the heading "journeymap diff of OLD → NEW" (or of
/// one name, when both are the same path). An empty diff gives an empty
/// string. `colour` adds ANSI colours: green added, red removed, yellow
/// changed. Long values are cut so that lines stay within `width` cells (at
/// least 40).
pub fn to_text(diff: &MapDiff, old_label: &str, new_label: &str, colour: bool, width: usize) -> String {
    if diff.is_empty() {
        return String::new();
    }
    let paint = Paint {
        colour,
        width: width.max(MIN_WIDTH),
    };
    let label = if old_label == new_label {
        sanitize(old_label).into_owned()
    } else {
        format!("{} → {}", sanitize(old_label), sanitize(new_label))
    };
    let mut out = paint.heading(&format!("journeymap diff of {label}"));
    out.push_str(&format!(" ({})\n", Summary::of(diff).describe()));
    if !diff.fields.is_empty() {
        out.push('\n');
        for change in &diff.fields {
            field_change(&mut out, "", change, paint);
        }
    }
    for kind in &diff.kinds {
        out.push('\n');
        kind_diff(&mut out, kind, paint);
    }
    out
}

fn kind_diff(out: &mut String, kind: &KindDiff, paint: Paint) {
    let noun = kind.kind.noun();
    for entry in &kind.entries {
        match entry {
            Entry::Added { item, stage } => {
                let mut line = format!("+ {noun} {}", item_ref(item));
                if let Some(stage) = stage {
                    line.push_str(&format!(" at stage {}", item_ref(stage)));
                }
                out.push_str(&paint.added(&line));
                out.push('\n');
            }
            Entry::Removed { item } => {
                out.push_str(&paint.removed(&format!("− {noun} {}", item_ref(item))));
                out.push('\n');
            }
            Entry::Changed { item, changes } => {
                out.push_str(&paint.changed(&format!("~ {noun} {}", item_ref(item))));
                out.push('\n');
                for change in changes {
                    field_change(out, FIELD_INDENT, change, paint);
                }
            }
        }
    }
    reorder(out, kind.kind.list_field(), &kind.moves, paint);
}

fn reorder(out: &mut String, list: &str, moves: &[Move], paint: Paint) {
    match moves {
        [] => {}
        [one] => {
            out.push_str(&paint.changed(&format!("↕ {list} reordered: {}", describe_move(one))));
            out.push('\n');
        }
        many => {
            out.push_str(&paint.changed(&format!("↕ {list} reordered ({} moved):", many.len())));
            out.push('\n');
            for m in many {
                out.push_str(&format!("{FIELD_INDENT}{}\n", describe_move(m)));
            }
        }
    }
}

fn describe_move(m: &Move) -> String {
    match &m.after {
        Some(after) => format!("{} moved after {}", item_ref(&m.item), item_ref(after)),
        None => format!("{} moved to the start", item_ref(&m.item)),
    }
}

/// "`aware` (Aware)", or "`aware`" for an item without a name.
fn item_ref(item: &ItemRef) -> String {
    let id = sanitize(&item.id);
    if item.name.is_empty() {
        format!("`{id}`")
    } else {
        format!("`{id}` ({})", truncate(&sanitize(&item.name), NAME_WIDTH))
    }
}

fn value(s: &str, style: ValueStyle) -> String {
    match (style, s.is_empty()) {
        (ValueStyle::Text, true) => "(empty)".to_string(),
        (ValueStyle::Text, false) => format!("\"{}\"", sanitize(s)),
        (ValueStyle::Plain, true) => "(none)".to_string(),
        (ValueStyle::Plain, false) => sanitize(s).into_owned(),
    }
}

fn field_change(out: &mut String, indent: &str, change: &FieldChange, paint: Paint) {
    let label = field_label(change);
    match change {
        FieldChange::Renamed { from, to } => {
            from_to(
                out,
                indent,
                label,
                &value(from, ValueStyle::Text),
                &value(to, ValueStyle::Text),
                paint,
            );
        }
        FieldChange::StageMoved { from, to } => {
            from_to(out, indent, label, &item_ref(from), &item_ref(to), paint);
        }
        FieldChange::Value { from, to, style, .. } => {
            from_to(out, indent, label, &value(from, *style), &value(to, *style), paint);
        }
        FieldChange::List { delta, style, .. } => {
            let order_note = if delta.reordered { " (order changed)" } else { "" };
            if delta.added.is_empty() && delta.removed.is_empty() {
                out.push_str(&format!("{indent}{label}: order changed\n"));
                return;
            }
            // Removed before added, as in a line diff: a reworded entry reads
            // as its old text, then its new one.
            let changed: [(&Vec<String>, &str, Tint); 2] =
                [(&delta.removed, "−", Paint::removed), (&delta.added, "+", Paint::added)];
            match style {
                // Ids are short and cannot hold spaces: one line reads best.
                ListStyle::Ids => {
                    let entries: Vec<String> = changed
                        .iter()
                        .flat_map(|&(list, sign, tint)| {
                            list.iter()
                                .map(move |id| tint(paint, &format!("{sign}{}", sanitize(id))))
                        })
                        .collect();
                    out.push_str(&format!("{indent}{label}: {}{order_note}\n", entries.join(" ")));
                }
                ListStyle::Texts => {
                    out.push_str(&format!("{indent}{label}:{order_note}\n"));
                    let budget = paint.width.saturating_sub(width(indent) + ENTRY_INDENT.len() + 2);
                    for (list, sign, tint) in changed {
                        for entry in list {
                            let quoted = value(entry, ValueStyle::Text);
                            let line = tint(paint, &format!("{sign} {}", truncate(&quoted, budget)));
                            out.push_str(&format!("{indent}{ENTRY_INDENT}{line}\n"));
                        }
                    }
                }
            }
        }
    }
}

/// "label: from → to" on one line when it fits; otherwise the old and new
/// values on lines of their own, each cut to the line width.
fn from_to(out: &mut String, indent: &str, label: &str, from: &str, to: &str, paint: Paint) {
    let inline = format!("{indent}{label}: {from} → {to}");
    if width(&inline) <= paint.width {
        out.push_str(&format!(
            "{indent}{label}: {} → {}\n",
            paint.removed(from),
            paint.added(to)
        ));
        return;
    }
    let budget = paint.width.saturating_sub(width(indent) + ENTRY_INDENT.len() + 2);
    out.push_str(&format!("{indent}{label}:\n"));
    out.push_str(&format!(
        "{indent}{ENTRY_INDENT}{}\n",
        paint.removed(&format!("− {}", truncate(from, budget)))
    ));
    out.push_str(&format!(
        "{indent}{ENTRY_INDENT}{}\n",
        paint.added(&format!("+ {}", truncate(to, budget)))
    ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::diff::diff_maps;
    use crate::model::{JourneyMap, Stage};

    fn map(stages: &[(&str, &str)], description: &str) -> JourneyMap {
        JourneyMap {
            description: description.into(),
            stages: stages
                .iter()
                .map(|(id, name)| Stage {
                    id: (*id).into(),
                    name: (*name).into(),
                    ..Stage::default()
                })
                .collect(),
            ..JourneyMap::default()
        }
    }

    #[test]
    fn empty_diff_prints_nothing() {
        let m = map(&[("a", "A")], "");
        assert_eq!(to_text(&diff_maps(&m, &m), "x", "x", true, 100), "");
    }

    #[test]
    fn colour_only_when_asked() {
        let old = map(&[("a", "A")], "");
        let new = map(&[("b", "B")], "");
        let diff = diff_maps(&old, &new);
        let plain = to_text(&diff, "x", "x", false, 100);
        assert!(!plain.contains('\u{1b}'));
        let coloured = to_text(&diff, "x", "x", true, 100);
        assert!(coloured.contains("\u{1b}[32m+ stage `b` (B)\u{1b}[0m"), "{coloured}");
        assert!(coloured.contains("\u{1b}[31m− stage `a` (A)\u{1b}[0m"), "{coloured}");
    }

    #[test]
    fn long_texts_are_cut_to_the_line_width() {
        let old = map(&[], &"展示会 ".repeat(40));
        let new = map(&[], &"word ".repeat(60));
        let diff = diff_maps(&old, &new);
        for line_width in [60, 100, 180] {
            let text = to_text(&diff, "x", "x", false, line_width);
            assert!(text.contains("description:\n  − \"展示会"), "{text}");
            let widest = text.lines().skip(1).map(width).max().unwrap_or_default();
            assert!(widest <= line_width && widest + 2 >= line_width, "{line_width}: {text}");
        }
        // Too narrow a width is widened to what still shows something.
        let text = to_text(&diff, "x", "x", false, 5);
        assert!(text.lines().skip(1).all(|line| width(line) <= MIN_WIDTH), "{text}");
        assert!(text.contains("word word"), "{text}");
    }

    #[test]
    fn several_moves_are_listed_one_per_line() {
        let old = map(&[("a", "A"), ("b", "B"), ("c", "C"), ("d", "D")], "");
        let new = map(&[("d", "D"), ("c", "C"), ("a", "A"), ("b", "B")], "");
        let text = to_text(&diff_maps(&old, &new), "x", "x", false, 100);
        assert!(text.contains("↕ stages reordered (2 moved):\n"), "{text}");
        assert!(text.contains("    `d` (D) moved to the start\n"), "{text}");
        assert!(text.contains("    `c` (C) moved after `d` (D)\n"), "{text}");
    }
}
