//! The diff as Markdown for a pull-request comment: a heading per kind of
//! item, bullet lists, ids in code spans. Names and texts come from files
//! others wrote, so Markdown syntax in them is escaped: a name must not turn
//! into a link, an image or HTML.

use super::{Summary, field_label};
use crate::analysis::diff::{Entry, FieldChange, ItemRef, KindDiff, ListStyle, MapDiff, Move, ValueStyle};
use crate::text::{sanitize, truncate, width};

/// Values longer than this (in cells) get a line of their own.
const INLINE_WIDTH: usize = 80;
/// A review comment need not carry pages of notes.
const MAX_VALUE_WIDTH: usize = 500;

/// Renders `diff` under a heading naming the files compared (one name when
/// both are the same path). An empty diff gives an empty string.
pub fn to_markdown(diff: &MapDiff, old_label: &str, new_label: &str) -> String {
    if diff.is_empty() {
        return String::new();
    }
    let label = if old_label == new_label {
        code(old_label)
    } else {
        format!("{} → {}", code(old_label), code(new_label))
    };
    let mut out = format!(
        "### journeymap diff of {label}\n\n{}\n",
        escape(&Summary::of(diff).describe())
    );
    if !diff.fields.is_empty() {
        out.push_str("\n#### Map\n\n");
        for change in &diff.fields {
            field_change(&mut out, "", change);
        }
    }
    for kind in &diff.kinds {
        kind_diff(&mut out, kind);
    }
    out
}

fn kind_diff(out: &mut String, kind: &KindDiff) {
    out.push_str(&format!("\n#### {}\n\n", kind.kind.title()));
    for entry in &kind.entries {
        match entry {
            Entry::Added { item, stage } => {
                out.push_str(&format!("- **added** {}", item_ref(item)));
                if let Some(stage) = stage {
                    out.push_str(&format!(" at stage {}", item_ref(stage)));
                }
                out.push('\n');
            }
            Entry::Removed { item } => out.push_str(&format!("- **removed** {}\n", item_ref(item))),
            Entry::Changed { item, changes } => {
                out.push_str(&format!("- **changed** {}\n", item_ref(item)));
                for change in changes {
                    field_change(out, "  ", change);
                }
            }
        }
    }
    reorder(out, &kind.moves);
}

fn reorder(out: &mut String, moves: &[Move]) {
    match moves {
        [] => {}
        [one] => out.push_str(&format!("- **reordered**: {}\n", describe_move(one))),
        many => {
            out.push_str(&format!("- **reordered** ({} moved):\n", many.len()));
            for m in many {
                out.push_str(&format!("  - {}\n", describe_move(m)));
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

fn field_change(out: &mut String, indent: &str, change: &FieldChange) {
    let label = escape(field_label(change));
    match change {
        FieldChange::Renamed { from, to } => {
            from_to(
                out,
                indent,
                &label,
                &value(from, ValueStyle::Text),
                &value(to, ValueStyle::Text),
            );
        }
        FieldChange::StageMoved { from, to } => from_to(out, indent, &label, &item_ref(from), &item_ref(to)),
        FieldChange::Value { from, to, style, .. } => {
            from_to(out, indent, &label, &value(from, *style), &value(to, *style));
        }
        FieldChange::List { delta, style, .. } => {
            let order_note = if delta.reordered { " (order changed)" } else { "" };
            if delta.added.is_empty() && delta.removed.is_empty() {
                out.push_str(&format!("{indent}- {label}: order changed\n"));
                return;
            }
            let shown = |entry: &String| match style {
                ListStyle::Ids => code(entry),
                ListStyle::Texts => value(entry, ValueStyle::Text),
            };
            out.push_str(&format!("{indent}- {label}:{order_note}\n"));
            // Removed before added, as in a line diff: a reworded entry reads
            // as its old text, then its new one.
            for (list, verb) in [(&delta.removed, "removed"), (&delta.added, "added")] {
                for entry in list {
                    out.push_str(&format!("{indent}  - {verb} {}\n", shown(entry)));
                }
            }
        }
    }
}

fn from_to(out: &mut String, indent: &str, label: &str, from: &str, to: &str) {
    if width(from).max(width(to)) <= INLINE_WIDTH {
        out.push_str(&format!("{indent}- {label}: {from} → {to}\n"));
    } else {
        out.push_str(&format!(
            "{indent}- {label}:\n{indent}  - before: {from}\n{indent}  - after: {to}\n"
        ));
    }
}

fn value(s: &str, style: ValueStyle) -> String {
    match (style, s.is_empty()) {
        (ValueStyle::Text, true) => "*(empty)*".to_string(),
        (ValueStyle::Text, false) => format!("“{}”", escape(&truncate(s, MAX_VALUE_WIDTH))),
        (ValueStyle::Plain, true) => "*(none)*".to_string(),
        (ValueStyle::Plain, false) => code(s),
    }
}

fn item_ref(item: &ItemRef) -> String {
    if item.name.is_empty() {
        code(&item.id)
    } else {
        format!(
            "{} ({})",
            code(&item.id),
            escape(&truncate(&item.name, MAX_VALUE_WIDTH))
        )
    }
}

/// Text with every character Markdown (or GitHub's HTML) could act on
/// backslash-escaped; line breaks become spaces so a bullet stays one line.
pub fn escape(s: &str) -> String {
    let clean = sanitize(s);
    let mut out = String::with_capacity(clean.len());
    for c in clean.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '(' | ')' | '<' | '>' | '#' | '|' | '~' | '&' | '!' | '{' | '}'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A code span that holds `s` verbatim, whatever backticks it contains.
pub fn code(s: &str) -> String {
    let clean = sanitize(s);
    let longest_run = clean.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run + 1);
    // A space keeps a leading or trailing backtick from joining the fence;
    // Markdown strips one space on each side.
    let pad = if clean.starts_with('`') || clean.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{clean}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_syntax_in_names_is_escaped() {
        assert_eq!(
            escape("[click](http://x) <b>*hi*</b>"),
            r"\[click\]\(http://x\) \<b\>\*hi\*\</b\>"
        );
        assert_eq!(escape("a\nb"), "a b");
        assert_eq!(escape("Ads\u{1b}[2J"), "Ads\u{FFFD}\\[2J");
    }

    #[test]
    fn code_spans_survive_backticks() {
        assert_eq!(code("aware"), "`aware`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x"), "`` `x ``");
    }
}
