//! Renderers of a [`MapDiff`]: plain text for a terminal or a git pager, and
//! Markdown for a pull-request comment. Both are pure: colour is decided by
//! the caller.

mod markdown;
mod text;

pub use markdown::to_markdown;
pub use text::to_text;

use crate::analysis::diff::{FieldChange, MapDiff};

/// Counts for a one-line summary ("3 added, 1 removed, 2 changed").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub added: usize,
    pub removed: usize,
    pub changed: usize,
    pub reordered_lists: usize,
    /// The map's own fields (title, description, ...) changed.
    pub map_fields: bool,
}

impl Summary {
    pub fn of(diff: &MapDiff) -> Self {
        use crate::analysis::diff::Entry;
        let mut s = Summary {
            map_fields: !diff.fields.is_empty(),
            ..Summary::default()
        };
        for kind in &diff.kinds {
            for entry in &kind.entries {
                match entry {
                    Entry::Added { .. } => s.added += 1,
                    Entry::Removed { .. } => s.removed += 1,
                    Entry::Changed { .. } => s.changed += 1,
                }
            }
            s.reordered_lists += usize::from(!kind.moves.is_empty());
        }
        s
    }

    /// "map details changed, 2 added, 1 changed, 1 list reordered"; empty
    /// parts are left out.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if self.map_fields {
            parts.push("map details changed".to_string());
        }
        for (n, what) in [
            (self.added, "added"),
            (self.removed, "removed"),
            (self.changed, "changed"),
        ] {
            if n > 0 {
                parts.push(format!("{n} {what}"));
            }
        }
        match self.reordered_lists {
            0 => {}
            1 => parts.push("1 list reordered".to_string()),
            n => parts.push(format!("{n} lists reordered")),
        }
        parts.join(", ")
    }
}

/// The name of a field as a reader sees it; `watch_out` reads better spaced.
fn field_label(change: &FieldChange) -> &'static str {
    match change {
        FieldChange::Renamed { .. } => "renamed",
        FieldChange::StageMoved { .. } => "stage",
        FieldChange::Value { field, .. } | FieldChange::List { field, .. } => match *field {
            "watch_out" => "watch out",
            other => other,
        },
    }
}
