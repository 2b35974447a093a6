//! The undo and redo history of a map: the edits made, newest last, and
//! where in them the map matched its file, so that undoing back to that
//! point can say the map is unmodified again.

use std::sync::Arc;

use super::JourneyMap;
use super::edit::Edit;

/// How many edits can be undone.
pub const UNDO_DEPTH: usize = 1000;

#[derive(Debug, Default)]
pub struct History {
    /// Edits to undo (last on top), and undone edits to redo.
    undo: Vec<Arc<Edit>>,
    redo: Vec<Arc<Edit>>,
    saved_at: SavedAt,
}

/// Where in the undo history the saved state is: the edit on top of the
/// undo stack when the map matched the file (`None`: an empty stack), or
/// `Unreachable` once that state has left the history.
#[derive(Debug, Clone)]
enum SavedAt {
    Top(Option<Arc<Edit>>),
    Unreachable,
}

impl Default for SavedAt {
    fn default() -> Self {
        SavedAt::Top(None)
    }
}

impl PartialEq for SavedAt {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (SavedAt::Top(None), SavedAt::Top(None)) | (SavedAt::Unreachable, SavedAt::Unreachable) => true,
            (SavedAt::Top(Some(a)), SavedAt::Top(Some(b))) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl History {
    /// Records an edit already made: it can be undone, and nothing can be
    /// redone any more. The oldest edits go beyond [`UNDO_DEPTH`].
    pub fn push(&mut self, edit: Arc<Edit>) {
        self.undo.push(edit);
        if self.undo.len() > UNDO_DEPTH {
            let extra = self.undo.len() - UNDO_DEPTH;
            self.undo.drain(..extra);
            if self.saved_at == SavedAt::Top(None) {
                // An empty stack no longer means "as saved".
                self.saved_at = SavedAt::Unreachable;
            }
        }
        self.redo.clear();
    }

    /// Undoes the last edit on `map` (`redo` false) or redoes the last one
    /// undone (`redo` true); the edit, or `None` when there is none.
    pub fn step(&mut self, map: &mut JourneyMap, redo: bool) -> Option<Arc<Edit>> {
        let (from, to) = if redo {
            (&mut self.redo, &mut self.undo)
        } else {
            (&mut self.undo, &mut self.redo)
        };
        let edit = from.pop()?;
        if redo {
            edit.apply(map);
        } else {
            edit.revert(map);
        }
        to.push(Arc::clone(&edit));
        Some(edit)
    }

    /// Notes that the map now matches its file.
    pub fn mark_saved(&mut self) {
        self.saved_at = SavedAt::Top(self.undo.last().cloned());
    }

    /// Whether undo and redo have brought the map back to what the file holds.
    pub fn at_saved_state(&self) -> bool {
        match &self.saved_at {
            SavedAt::Unreachable => false,
            SavedAt::Top(None) => self.undo.is_empty(),
            SavedAt::Top(Some(edit)) => self.undo.last().is_some_and(|top| Arc::ptr_eq(top, edit)),
        }
    }

    /// Forgets every edit (after loading another version of the map).
    pub fn clear(&mut self) {
        *self = History::default();
    }

    /// Steps that can be undone and redone.
    pub fn depth(&self) -> (usize, usize) {
        (self.undo.len(), self.redo.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Item, ItemKind};

    fn insert_stage(map: &mut JourneyMap, history: &mut History, id: &str) {
        let item = Item::new(ItemKind::Stage, id.into(), id.into());
        let edit = Edit::Insert {
            kind: ItemKind::Stage,
            index: map.stages.len(),
            item,
        };
        edit.apply(map);
        history.push(Arc::new(edit));
    }

    #[test]
    fn undoing_back_to_the_saved_point_is_unmodified() {
        let mut map = JourneyMap::default();
        let mut history = History::default();
        assert!(history.at_saved_state());
        insert_stage(&mut map, &mut history, "a");
        history.mark_saved();
        insert_stage(&mut map, &mut history, "b");
        assert!(!history.at_saved_state());
        assert!(history.step(&mut map, false).is_some());
        assert!(history.at_saved_state());
        assert_eq!(map.stages.len(), 1);
        assert!(history.step(&mut map, true).is_some());
        assert!(!history.at_saved_state());
        assert!(history.step(&mut map, true).is_none(), "nothing left to redo");
        assert_eq!(history.depth(), (2, 0));
    }

    #[test]
    fn a_saved_empty_history_is_lost_once_edits_overflow_it() {
        let mut map = JourneyMap::default();
        let mut history = History::default();
        for n in 0..=UNDO_DEPTH {
            insert_stage(&mut map, &mut history, &format!("s{n}"));
        }
        assert_eq!(history.depth().0, UNDO_DEPTH);
        while history.step(&mut map, false).is_some() {}
        assert!(!history.at_saved_state(), "the saved map is no longer reachable");
    }
}
