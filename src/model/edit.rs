//! Edits as reversible operations. Every change the workbench makes to a map
//! is one [`Edit`] that holds only the items it touches (old and new), never
//! a copy of the whole map, so undo, redo and the crash-recovery journal cost
//! the size of an item per step, however large the map is. The operations
//! on items of any kind ([`Item`], [`take`], [`swap`]) come from the
//! registry of kinds.

pub use super::schema::{Item, swap, take};
use super::{ItemKind, JourneyMap, Target, Value};
use crate::text::sanitize;

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

/// One part of an edit as it went: made (forward) or undone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<'e> {
    /// The item (or the map's fields) at `target` changed from the first
    /// state to the second.
    Changed(Target, &'e Item, &'e Item),
    /// `item` now sits at `index` of its list; those after it moved down one.
    Inserted(ItemKind, usize, &'e Item),
    /// `item` left `index` of its list; those after it moved up one.
    Removed(ItemKind, usize, &'e Item),
    /// The items at two positions of a list swapped places (swapping back
    /// is the same swap).
    Swapped(ItemKind, usize, usize),
    /// The whole map was replaced.
    Replaced,
}

impl Edit {
    /// Each item this edit changed in place, with its two states (`old`
    /// and `new` as made; an undo swaps their meaning, which a caller
    /// comparing them does not mind), when that is all the edit did: `None`
    /// when it inserted, removed, moved or replaced anything, since then
    /// positions changed too.
    pub fn changes_in_place(&self) -> Option<Vec<(Target, &Item, &Item)>> {
        self.steps(true)
            .into_iter()
            .map(|step| match step {
                Step::Changed(target, a, b) => Some((target, a, b)),
                _ => None,
            })
            .collect()
    }

    /// The parts of this edit in the order they happened when it was made
    /// (`forward`) or undone.
    pub fn steps(&self, forward: bool) -> Vec<Step<'_>> {
        let mut out = Vec::new();
        self.collect_steps(forward, &mut out);
        out
    }

    fn collect_steps<'e>(&'e self, forward: bool, out: &mut Vec<Step<'e>>) {
        match self {
            Edit::Set { target, old, new } if forward => out.push(Step::Changed(*target, old, new)),
            Edit::Set { target, old, new } => out.push(Step::Changed(*target, new, old)),
            Edit::Insert { kind, index, item } if forward => out.push(Step::Inserted(*kind, *index, item)),
            Edit::Insert { kind, index, item } => out.push(Step::Removed(*kind, *index, item)),
            Edit::Remove { kind, index, item } if forward => out.push(Step::Removed(*kind, *index, item)),
            Edit::Remove { kind, index, item } => out.push(Step::Inserted(*kind, *index, item)),
            Edit::Group(edits) if forward => edits.iter().for_each(|e| e.collect_steps(forward, out)),
            Edit::Group(edits) => edits.iter().rev().for_each(|e| e.collect_steps(forward, out)),
            Edit::Swap { kind, a, b } => out.push(Step::Swapped(*kind, *a, *b)),
            Edit::Replace { .. } => out.push(Step::Replaced),
        }
    }
}

fn index_of(target: Target) -> usize {
    match target {
        Target::Map => 0,
        Target::Item(_, i) => i,
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

impl Edit {
    /// What the edit did, in words ("delete touchpoint “Webinar”"), and the
    /// item it was about as `map` now holds it (for a removed item, the
    /// position it had). Names are sanitised for a terminal.
    pub fn describe(&self, map: &JourneyMap) -> (String, Option<(ItemKind, usize)>) {
        describe(self, map)
    }
}

fn describe(edit: &Edit, map: &JourneyMap) -> (String, Option<(ItemKind, usize)>) {
    // The item an insertion or removal carries names itself; otherwise the
    // map, where the item now is.
    let named = |kind: ItemKind, index: usize, item: Option<&Item>| {
        let name = item
            .and_then(item_name)
            .or_else(|| map.id_and_name(kind, index).map(|(_, n)| n.to_string()))
            .unwrap_or_default();
        format!("{} “{}”", kind.noun(), sanitize(&name))
    };
    match edit {
        Edit::Set { target, old, new } => match *target {
            Target::Map => ("edit the map's title and description".to_string(), None),
            Target::Item(kind, index) => {
                let changed = kind
                    .fields()
                    .iter()
                    .filter(|f| field_differs(old, new, f))
                    .map(|f| f.label.to_lowercase())
                    .collect::<Vec<_>>();
                let what = match changed.as_slice() {
                    [] => format!("edit {}", named(kind, index, None)),
                    [one] => format!("change the {one} of {}", named(kind, index, None)),
                    _ => format!("change {} of {}", changed.join(", "), named(kind, index, None)),
                };
                (what, Some((kind, index)))
            }
        },
        Edit::Insert { kind, index, item } => (
            format!("add {}", named(*kind, *index, Some(item))),
            Some((*kind, *index)),
        ),
        Edit::Remove { kind, index, item } => (
            format!("delete {}", named(*kind, *index, Some(item))),
            Some((*kind, *index)),
        ),
        Edit::Swap { kind, a, b } => (format!("move {}", named(*kind, *b, None)), Some((*kind, *b.min(a)))),
        // A deletion with the references it cleared: the deletion says it.
        Edit::Group(edits) => edits
            .last()
            .map_or(("several changes".to_string(), None), |e| describe(e, map)),
        Edit::Replace { .. } => ("restore the recovery copy".to_string(), None),
    }
}

/// The name an item holds.
fn item_name(item: &Item) -> Option<String> {
    let kind = item.kind()?;
    match item.value(&kind.fields()[0])? {
        Value::Text(name) => Some(name.to_string()),
        _ => None,
    }
}

/// Whether a field differs between two versions of an item.
fn field_differs(old: &Item, new: &Item, field: &super::Field) -> bool {
    old.value(field) != new.value(field)
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
