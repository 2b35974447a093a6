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

use std::collections::HashSet;

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
    let old_ids: Vec<Vec<&str>> = ItemKind::ALL
        .iter()
        .map(|&kind| old.ids_and_names(kind).into_iter().map(|(id, _)| id).collect())
        .collect();
    diff_versions(old, &old_ids, new, MapIndex::new(new))
}

/// [`diff_maps`] of an old version read without the items the new one
/// holds unchanged (a large map's two versions need not be held whole at
/// once): `thinned` is the old version without them, `old_ids` every id
/// the old version has, by kind in [`ItemKind::ALL`] order, in file order,
/// and `new_index` the index of `new`. The old version's ids are unique
/// (validation refuses a repeated one), and an item left out equals the new
/// version's item of its id.
pub fn diff_thinned<'m>(
    thinned: &'m JourneyMap,
    old_ids: &[Vec<String>],
    new: &'m JourneyMap,
    new_index: MapIndex<'m>,
) -> MapDiff {
    diff_versions(thinned, old_ids, new, new_index)
}

/// Compares `old` (which may lack items the new version holds unchanged),
/// whose ids are `old_ids`, with `new`.
fn diff_versions<'m, S: AsRef<str>>(
    old: &'m JourneyMap,
    old_ids: &'m [Vec<S>],
    new: &'m JourneyMap,
    new_index: MapIndex<'m>,
) -> MapDiff {
    let mut fields = Changes::default();
    // The map's own fields by hand: `format` is in no field table, and
    // `framework` names a template, so it reads as an id, not as prose.
    fields.value(
        "format",
        &old.format.to_string(),
        &new.format.to_string(),
        ValueStyle::Plain,
    );
    fields.value("title", &old.title, &new.title, ValueStyle::Text);
    fields.value("framework", &old.framework, &new.framework, ValueStyle::Plain);

    let versions = Versions {
        old,
        new,
        old_index: MapIndex::new(old),
        new_index,
        old_ids,
    };
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

/// The two maps compared, each with its index. Where an id is duplicated
/// (an invalid map) the first item wins, as in the index.
struct Versions<'m, S> {
    old: &'m JourneyMap,
    new: &'m JourneyMap,
    old_index: MapIndex<'m>,
    new_index: MapIndex<'m>,
    /// Every id of the old version, by kind, in file order: `old` may lack
    /// the items the new version holds unchanged.
    old_ids: &'m [Vec<S>],
}

impl<S: AsRef<str>> Versions<'_, S> {
    fn diff_kind(&self, kind: ItemKind) -> Option<KindDiff> {
        let fields = kind.fields_in_file_order();
        let place = fields.iter().copied().find(|field| is_place_in_journey(field));
        let new_items = self.new.ids_and_names(kind);
        let old_ids = self.old_ids.get(kind as usize).map_or(&[][..], Vec::as_slice);
        let whole = old_ids.len() == self.old.count(kind);
        // The ids of items left out of `old` because the new version holds
        // them unchanged (none when it is whole).
        let unchanged: HashSet<&str> = if whole {
            HashSet::new()
        } else {
            old_ids
                .iter()
                .map(AsRef::as_ref)
                .filter(|id| !self.old_index.contains(kind, id))
                .collect()
        };

        let mut entries = Vec::new();
        let mut common_new_order = Vec::new();
        for (n, &item) in new_items.iter().enumerate() {
            if self.new_index.position(kind, item.0) != Some(n) {
                continue;
            }
            match self.old_index.position(kind, item.0) {
                None if unchanged.contains(item.0) => common_new_order.push(n),
                None => entries.push(Entry::Added {
                    item: item_ref(item),
                    stage: place.and_then(|field| match self.new.value(Target::Item(kind, n), field) {
                        Some(Value::Text(stage)) => Some(self.stage_ref(Version::New, stage)),
                        _ => None,
                    }),
                }),
                Some(o) => {
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
        for (o, id) in old_ids.iter().enumerate() {
            let id = id.as_ref();
            // A repeated id (only a whole map can have one): the first
            // item wins, as in the index.
            if whole && self.old_index.position(kind, id) != Some(o) {
                continue;
            }
            if self.new_index.contains(kind, id) {
                common_old_ids.push(id);
            } else {
                let name = self.old_index.name(self.old, kind, id).unwrap_or_default();
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
            let from = self.old.value(old, field);
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
                        from: self.stage_ref(Version::Old, from),
                        to: self.stage_ref(Version::New, to),
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

    /// The stage with this id in one version; a dangling reference keeps its
    /// id and gets no name.
    fn stage_ref(&self, version: Version, id: &str) -> ItemRef {
        let new_name = || self.new_index.name(self.new, ItemKind::Stage, id);
        let name = match version {
            // A stage left out of a thinned old version is the new one's.
            Version::Old => self.old_index.name(self.old, ItemKind::Stage, id).or_else(|| {
                let left_out = self
                    .old_ids
                    .get(ItemKind::Stage as usize)?
                    .iter()
                    .any(|old| old.as_ref() == id);
                left_out.then(new_name).flatten()
            }),
            Version::New => new_name(),
        };
        item_ref((id, name.unwrap_or("")))
    }
}

#[derive(Clone, Copy)]
enum Version {
    Old,
    New,
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
