//! Semantic diff of two versions of a map: what a reviewer wants to know
//! ("stage `aware` renamed", "touchpoint moved to another stage"), matched
//! by id, so reformatting, comments and reordered fields are not changes.
//!
//! Order is fixed so that output is stable: map fields, then stages, tactics,
//! segments, personas, competitors, touchpoints; within a kind, added and
//! changed items in the new file's order, then removals in the old file's
//! order, then the reordering of the list, if any.

mod lists;
pub(crate) mod order;

pub use lists::{ListDelta, list_delta};

use super::thinned::{HeldIn, Thinned, Version};
use crate::model::schema::map_fields_in_file_order;
use crate::model::{Field, FieldType, ItemKind, JourneyMap, MapIndex, Target, Value};

/// An item as a reader recognises it: its id and (current) name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemRef {
    pub id: String,
    pub name: String,
}

/// Everything that differs between two maps. Empty when they are the same.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MapDiff {
    /// Changes to the map's own fields (title, framework, description).
    pub fields: Vec<FieldChange>,
    /// One entry per kind of item that changed, in [`ItemKind::ALL`] order.
    pub kinds: Vec<KindDiff>,
}

impl MapDiff {
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.kinds.is_empty()
    }
}

/// The changes to one list of items (all stages, all tactics, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KindDiff {
    pub kind: ItemKind,
    pub entries: Vec<Entry>,
    /// Items whose place among the items common to both versions changed,
    /// in new order; empty when the relative order is unchanged.
    pub moves: Vec<Move>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// `stage` is set for a touchpoint: where it was added.
    Added {
        item: ItemRef,
        stage: Option<ItemRef>,
    },
    Removed {
        item: ItemRef,
    },
    /// `item` carries the new name; a rename is one of the `changes`.
    Changed {
        item: ItemRef,
        changes: Vec<FieldChange>,
    },
}

/// One item that moved when a list was reordered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move {
    pub item: ItemRef,
    /// The item it now follows (among items in both versions); `None` when it
    /// now comes first.
    pub after: Option<ItemRef>,
}

/// How a single value should be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueStyle {
    /// Prose written by a person: quoted, and possibly long.
    Text,
    /// A number, a keyword or an id: shown as is.
    Plain,
}

/// What the entries of a list field are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListStyle {
    /// References to other items.
    Ids,
    /// Prose (USPs, needs, pains, ...).
    Texts,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldChange {
    /// Same id, new name.
    Renamed { from: String, to: String },
    /// A touchpoint now belongs to another stage.
    StageMoved { from: ItemRef, to: ItemRef },
    Value {
        field: &'static str,
        from: String,
        to: String,
        style: ValueStyle,
    },
    List {
        field: &'static str,
        delta: ListDelta,
        style: ListStyle,
    },
}

/// Compares two maps item by item, matching items by id.
pub fn diff_maps(old: &JourneyMap, new: &JourneyMap) -> MapDiff {
    diff_versions(Version::whole(old), new, MapIndex::new(new))
}

/// [`diff_maps`] of an old version read beside the new one ([`Sifter`]),
/// without the items the new one holds unchanged: a large map's two
/// versions need not be held whole at once. `new_index` is the index of
/// `new`.
///
/// [`Sifter`]: super::thinned::Sifter
pub fn diff_thinned<'m>(old: &'m Thinned, new: &'m JourneyMap, new_index: MapIndex<'m>) -> MapDiff {
    debug_assert!(old.fits(new), "a version read beside another map");
    diff_versions(Version::thinned(old, new, &new_index), new, new_index)
}

/// Compares `old` (which may lack items the new version holds unchanged)
/// with `new`.
fn diff_versions<'m>(old: Version<'m>, new: &'m JourneyMap, new_index: MapIndex<'m>) -> MapDiff {
    let mut fields = Changes::default();
    // The map's own fields by hand: `format` is in no field table, and
    // `framework` names a template, so it reads as an id, not as prose.
    let old_map = old.map();
    fields.value(
        "format",
        &old_map.format.to_string(),
        &new.format.to_string(),
        ValueStyle::Plain,
    );
    fields.value("title", &old_map.title, &new.title, ValueStyle::Text);
    fields.value("framework", &old_map.framework, &new.framework, ValueStyle::Plain);

    let versions = Versions { old, new, new_index };
    // The rest (the description, the brief) as their field types say.
    let rest: Vec<&Field> = map_fields_in_file_order()
        .into_iter()
        .filter(|field| !matches!(field.name, "title" | "framework"))
        .collect();
    fields
        .0
        .extend(versions.changes_between(Target::Map, Target::Map, &rest));
    MapDiff {
        fields: fields.0,
        kinds: ItemKind::ALL
            .iter()
            .filter_map(|&kind| versions.diff_kind(kind))
            .collect(),
    }
}

/// A required reference to a stage is where the item sits in the journey:
/// a change of it is a move, and an added item says where it was added.
fn is_place_in_journey(field: &Field) -> bool {
    field.ty
        == FieldType::Ref {
            kind: ItemKind::Stage,
            optional: false,
        }
}

fn item_ref((id, name): (&str, &str)) -> ItemRef {
    ItemRef {
        id: id.to_string(),
        name: name.to_string(),
    }
}

/// The two versions compared. Where a version repeats an id (an invalid
/// map) its first item with that id is the one compared.
struct Versions<'m> {
    /// The old version: whole, or without the items the new version holds
    /// unchanged, which it reads as the new version's.
    old: Version<'m>,
    new: &'m JourneyMap,
    new_index: MapIndex<'m>,
}

impl Versions<'_> {
    fn diff_kind(&self, kind: ItemKind) -> Option<KindDiff> {
        let fields = kind.fields_in_file_order();
        let place = fields.iter().copied().find(|field| is_place_in_journey(field));
        let new_items = self.new.ids_and_names(kind);

        let mut entries = Vec::new();
        let mut common_new_order = Vec::new();
        for (n, &item) in new_items.iter().enumerate() {
            if self.new_index.position(kind, item.0) != Some(n) {
                continue;
            }
            let old = self.old.position(kind, item.0, &self.new_index);
            match old.map(|o| self.old.at(kind, o)) {
                None => entries.push(Entry::Added {
                    item: item_ref(item),
                    stage: place.and_then(|field| match self.new.value(Target::Item(kind, n), field) {
                        Some(Value::Text(stage)) => Some(self.new_stage_ref(stage)),
                        _ => None,
                    }),
                }),
                // Left out of the old version as the same as this one.
                Some(HeldIn::Beside(_)) => common_new_order.push(n),
                Some(HeldIn::Own(o)) => {
                    common_new_order.push(n);
                    let changes = self.changes(kind, &fields, o, n);
                    if !changes.is_empty() {
                        entries.push(Entry::Changed {
                            item: item_ref(item),
                            changes,
                        });
                    }
                }
            }
        }
        let mut common_old_ids = Vec::new();
        let repeats = self.old.repeats(kind);
        for o in 0..self.old.count(kind) {
            let Some((id, name)) = self.old.id_and_name(kind, o) else {
                continue;
            };
            if repeats && self.old.position(kind, id, &self.new_index) != Some(o) {
                continue;
            }
            if self.new_index.contains(kind, id) {
                common_old_ids.push(id);
            } else {
                entries.push(Entry::Removed {
                    item: item_ref((id, name)),
                });
            }
        }

        let common_new_ids: Vec<&str> = common_new_order.iter().map(|&n| new_items[n].0).collect();
        let moves = order::moved_positions(&common_old_ids, &common_new_ids)
            .into_iter()
            .map(|k| Move {
                item: item_ref(new_items[common_new_order[k]]),
                after: k.checked_sub(1).map(|p| item_ref(new_items[common_new_order[p]])),
            })
            .collect::<Vec<_>>();

        if entries.is_empty() && moves.is_empty() {
            return None;
        }
        Some(KindDiff { kind, entries, moves })
    }

    /// The changes of the item at `o` in the old map and `n` in the new,
    /// field by field in file order, each compared as its type says.
    fn changes(&self, kind: ItemKind, fields: &[&Field], o: usize, n: usize) -> Vec<FieldChange> {
        self.changes_between(Target::Item(kind, o), Target::Item(kind, n), fields)
    }

    /// The changes of `fields` between what `old` designates in the old map
    /// and `new` in the new one.
    fn changes_between(&self, old: Target, new: Target, fields: &[&Field]) -> Vec<FieldChange> {
        let mut c = Changes::default();
        for &field in fields {
            let from = self.old.map().value(old, field);
            let to = self.new.value(new, field);
            let (Some(from), Some(to)) = (from, to) else {
                continue;
            };
            if from == to {
                continue;
            }
            let name = field.name;
            match (field.ty, from, to) {
                (_, Value::Text(from), Value::Text(to)) if field.is_name() => c.0.push(FieldChange::Renamed {
                    from: from.to_string(),
                    to: to.to_string(),
                }),
                (_, Value::Text(from), Value::Text(to)) if is_place_in_journey(field) => {
                    c.0.push(FieldChange::StageMoved {
                        from: self.old_stage_ref(from),
                        to: self.new_stage_ref(to),
                    });
                }
                (FieldType::Ref { .. } | FieldType::Number, Value::Text(from), Value::Text(to)) => {
                    c.value(name, from, to, ValueStyle::Plain);
                }
                (_, Value::Text(from), Value::Text(to)) => c.value(name, from, to, ValueStyle::Text),
                (FieldType::Refs(_), Value::List(from), Value::List(to)) => c.list(name, from, to, ListStyle::Ids),
                (_, Value::List(from), Value::List(to)) => c.list(name, from, to, ListStyle::Texts),
                (FieldType::Choice(labels), Value::Choice(from), Value::Choice(to)) => {
                    let label = |position: usize| labels.get(position).copied().unwrap_or_default();
                    c.value(name, label(from), label(to), ValueStyle::Plain);
                }
                (_, Value::Score(from), Value::Score(to)) => {
                    c.value(name, &from.to_string(), &to.to_string(), ValueStyle::Plain);
                }
                // No score of its own reads "(none)": the item follows its stage.
                (_, Value::OptionalScore(from), Value::OptionalScore(to)) => {
                    let own = |score: Option<i8>| score.map(|s| s.to_string()).unwrap_or_default();
                    c.value(name, &own(from), &own(to), ValueStyle::Plain);
                }
                (_, Value::Bool(from), Value::Bool(to)) => {
                    c.value(name, &from.to_string(), &to.to_string(), ValueStyle::Plain);
                }
                _ => {}
            }
        }
        c.0
    }

    /// The stage with this id in the old version; a dangling reference
    /// keeps its id and gets no name.
    fn old_stage_ref(&self, id: &str) -> ItemRef {
        let name = self
            .old
            .position(ItemKind::Stage, id, &self.new_index)
            .and_then(|position| self.old.id_and_name(ItemKind::Stage, position));
        item_ref((id, name.map_or("", |(_, name)| name)))
    }

    /// The stage with this id in the new version; a dangling reference
    /// keeps its id and gets no name.
    fn new_stage_ref(&self, id: &str) -> ItemRef {
        let name = self.new_index.name(self.new, ItemKind::Stage, id);
        item_ref((id, name.unwrap_or("")))
    }
}

/// Collects the changes of one item, field by field.
#[derive(Default)]
struct Changes(Vec<FieldChange>);

impl Changes {
    fn value(&mut self, field: &'static str, from: &str, to: &str, style: ValueStyle) {
        if from != to {
            self.0.push(FieldChange::Value {
                field,
                from: from.to_string(),
                to: to.to_string(),
                style,
            });
        }
    }

    fn list(&mut self, field: &'static str, from: &[String], to: &[String], style: ListStyle) {
        let delta = list_delta(from, to);
        if !delta.is_empty() {
            self.0.push(FieldChange::List { field, delta, style });
        }
    }
}

#[cfg(test)]
mod tests;
