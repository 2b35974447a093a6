//! Opening a map that a merge left with conflict markers: its three sides
//! are read from the markers and merged again, so the workbench starts on
//! the merged map with each conflict to resolve.

use std::path::Path;

use crate::analysis::merge::merge_maps;
use crate::model::conflict::Conflict;
use crate::store::{self, FileStamp, Loaded};

/// The merged map of a file with conflict markers, and its conflicts;
/// `None` when the file has no markers (or is not a map with markers).
pub fn conflicted(path: &Path) -> Option<(Loaded, Vec<Conflict>)> {
    let bytes = store::read_limited(path).ok()?;
    let text = std::str::from_utf8(&bytes).ok()?;
    let sides = store::conflicted_sides(text, &path.display().to_string()).ok()?;
    // Git's own style has no base section: every difference is then a
    // conflict of its own, which is what a person must look at anyway.
    let base = sides.base.unwrap_or_default();
    let merged = merge_maps(&base, &sides.ours, &sides.theirs);
    let mut map = merged.map;
    map.settle_format();
    let loaded = Loaded {
        map,
        stamp: FileStamp::of(&bytes),
        comments: Default::default(),
    };
    Some((loaded, merged.conflicts))
}
