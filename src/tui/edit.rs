//! Edits as reversible operations. Every change the workbench makes to a map
//! is one [`Edit`] that holds only the items it touches (old and new), never
//! a copy of the whole map, so undo, redo and the crash-recovery journal cost
//! the size of an item per step, however large the map is.

use crate::model::{Competitor, ItemKind, JourneyMap, Persona, Segment, Stage, Tactic, Touchpoint};

use super::form::Target;

/// The map's own fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapFields {
    pub title: String,
    pub framework: String,
    pub description: String,
}

/// One item of any kind, or the map's own fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Map(MapFields),
    Stage(Stage),
    Tactic(Tactic),
    Segment(Segment),
    Persona(Persona),
    Competitor(Competitor),
    Touchpoint(Touchpoint),
}

impl Item {
    /// A copy of what `target` designates, if it exists.
    pub fn get(map: &JourneyMap, target: Target) -> Option<Item> {
        Some(match target {
            Target::Map => Item::Map(MapFields {
                title: map.title.clone(),
                framework: map.framework.clone(),
                description: map.description.clone(),
            }),
            Target::Item(kind, i) => match kind {
                ItemKind::Stage => Item::Stage(map.stages.get(i)?.clone()),
                ItemKind::Tactic => Item::Tactic(map.tactics.get(i)?.clone()),
                ItemKind::Segment => Item::Segment(map.segments.get(i)?.clone()),
                ItemKind::Persona => Item::Persona(map.personas.get(i)?.clone()),
                ItemKind::Competitor => Item::Competitor(map.competitors.get(i)?.clone()),
                ItemKind::Touchpoint => Item::Touchpoint(map.touchpoints.get(i)?.clone()),
            },
        })
    }

    /// Writes the item at `index` of its list (or the map's fields); false
    /// when there is no such position.
    fn put(self, map: &mut JourneyMap, index: usize) -> bool {
        fn set<T>(list: &mut [T], index: usize, value: T) -> bool {
            match list.get_mut(index) {
                Some(slot) => {
                    *slot = value;
                    true
                }
                None => false,
            }
        }
        match self {
            Item::Map(fields) => {
                map.title = fields.title;
                map.framework = fields.framework;
                map.description = fields.description;
                true
            }
            Item::Stage(v) => set(&mut map.stages, index, v),
            Item::Tactic(v) => set(&mut map.tactics, index, v),
            Item::Segment(v) => set(&mut map.segments, index, v),
            Item::Persona(v) => set(&mut map.personas, index, v),
            Item::Competitor(v) => set(&mut map.competitors, index, v),
            Item::Touchpoint(v) => set(&mut map.touchpoints, index, v),
        }
    }

    fn insert(self, map: &mut JourneyMap, index: usize) {
        fn ins<T>(list: &mut Vec<T>, index: usize, value: T) {
            let at = index.min(list.len());
            list.insert(at, value);
        }
        match self {
            Item::Map(_) => {}
            Item::Stage(v) => ins(&mut map.stages, index, v),
            Item::Tactic(v) => ins(&mut map.tactics, index, v),
            Item::Segment(v) => ins(&mut map.segments, index, v),
            Item::Persona(v) => ins(&mut map.personas, index, v),
            Item::Competitor(v) => ins(&mut map.competitors, index, v),
            Item::Touchpoint(v) => ins(&mut map.touchpoints, index, v),
        }
    }
}

/// Removes the item at `index` of a list; returns it.
pub fn take(map: &mut JourneyMap, kind: ItemKind, index: usize) -> Option<Item> {
    fn rm<T>(list: &mut Vec<T>, index: usize) -> Option<T> {
        (index < list.len()).then(|| list.remove(index))
    }
    Some(match kind {
        ItemKind::Stage => Item::Stage(rm(&mut map.stages, index)?),
        ItemKind::Tactic => Item::Tactic(rm(&mut map.tactics, index)?),
        ItemKind::Segment => Item::Segment(rm(&mut map.segments, index)?),
        ItemKind::Persona => Item::Persona(rm(&mut map.personas, index)?),
        ItemKind::Competitor => Item::Competitor(rm(&mut map.competitors, index)?),
        ItemKind::Touchpoint => Item::Touchpoint(rm(&mut map.touchpoints, index)?),
    })
}

/// A reversible change to a map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// An item (or the map's fields) changed from `old` to `new`.
    Set {
        target: Target,
        old: Box<Item>,
        new: Box<Item>,
    },
    /// `item` was inserted at `index` of its list.
    Insert { kind: ItemKind, index: usize, item: Item },
    /// `item` was removed from `index` of its list.
    Remove { kind: ItemKind, index: usize, item: Item },
    /// Two items of a list swapped places.
    Swap { kind: ItemKind, a: usize, b: usize },
    /// Several edits made as one step (a deletion and the references it cleared).
    Group(Vec<Edit>),
    /// The whole map replaced (a recovery copy restored).
    Replace { old: Box<JourneyMap>, new: Box<JourneyMap> },
}

impl Edit {
    /// Makes the change (again).
    pub fn apply(&self, map: &mut JourneyMap) {
        match self {
            Edit::Set { target, new, .. } => {
                (**new).clone().put(map, index_of(*target));
            }
            Edit::Insert { index, item, .. } => item.clone().insert(map, *index),
            Edit::Remove { kind, index, .. } => {
                take(map, *kind, *index);
            }
            Edit::Swap { kind, a, b } => swap(map, *kind, *a, *b),
            Edit::Group(edits) => edits.iter().for_each(|e| e.apply(map)),
            Edit::Replace { new, .. } => *map = (**new).clone(),
        }
    }

    /// Undoes the change.
    pub fn revert(&self, map: &mut JourneyMap) {
        match self {
            Edit::Set { target, old, .. } => {
                (**old).clone().put(map, index_of(*target));
            }
            Edit::Insert { kind, index, .. } => {
                take(map, *kind, *index);
            }
            Edit::Remove { index, item, .. } => item.clone().insert(map, *index),
            Edit::Swap { kind, a, b } => swap(map, *kind, *a, *b),
            Edit::Group(edits) => edits.iter().rev().for_each(|e| e.revert(map)),
            Edit::Replace { old, .. } => *map = (**old).clone(),
        }
    }
}

fn index_of(target: Target) -> usize {
    match target {
        Target::Map => 0,
        Target::Item(_, i) => i,
    }
}

fn swap(map: &mut JourneyMap, kind: ItemKind, a: usize, b: usize) {
    fn sw<T>(list: &mut [T], a: usize, b: usize) {
        if a < list.len() && b < list.len() {
            list.swap(a, b);
        }
    }
    match kind {
        ItemKind::Stage => sw(&mut map.stages, a, b),
        ItemKind::Tactic => sw(&mut map.tactics, a, b),
        ItemKind::Segment => sw(&mut map.segments, a, b),
        ItemKind::Persona => sw(&mut map.personas, a, b),
        ItemKind::Competitor => sw(&mut map.competitors, a, b),
        ItemKind::Touchpoint => sw(&mut map.touchpoints, a, b),
    }
}

/// Runs `change` on the map and returns the edit it made to `target`, if any.
/// Only the target is copied (before and after), not the map.
pub fn record(map: &mut JourneyMap, target: Target, change: impl FnOnce(&mut JourneyMap)) -> Option<Edit> {
    let old = Item::get(map, target)?;
    change(map);
    let new = Item::get(map, target)?;
    (old != new).then(|| Edit::Set {
        target,
        old: Box::new(old),
        new: Box::new(new),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::sample_map;

    #[test]
    fn every_edit_reverts_to_the_map_before() {
        let original = sample_map();
        let mut map = original.clone();
        let set = record(&mut map, Target::Item(ItemKind::Stage, 0), |m| m.stages[0].emotion = 2);
        let removed = take(&mut map, ItemKind::Touchpoint, 1);
        let edits = vec![
            set,
            removed.map(|item| Edit::Remove {
                kind: ItemKind::Touchpoint,
                index: 1,
                item,
            }),
        ];
        let edits: Vec<Edit> = edits.into_iter().flatten().collect();
        assert_eq!(edits.len(), 2);
        let after = map.clone();
        for e in edits.iter().rev() {
            e.revert(&mut map);
        }
        assert_eq!(map, original);
        for e in &edits {
            e.apply(&mut map);
        }
        assert_eq!(map, after);
    }
}
