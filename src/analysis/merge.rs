//! Three-way merge of maps by meaning: what git's line merge cannot do for
//! two people who each added a touchpoint, edited different fields of one
//! item or planned different tactics on a stage.
//!
//! Items are matched by id within each kind, and every field of the
//! registry (`model::schema`) is merged on its own, as its type says:
//!
//! - one side changed it: that side's value; both made the same change:
//!   that value; both changed it differently: a conflict;
//! - lists (references, and texts such as USPs) as ordered sets: both
//!   sides' additions kept, both sides' removals applied, order kept;
//! - multi-line text line by line, when the sides changed different lines.
//!
//! Items added on one side are kept, each after the item it follows on its
//! side; a list reordered on one side keeps that order. An item deleted on
//! one side and edited on the other, or still referred to by the merged map,
//! is a conflict; so is an id both sides added with different content, and
//! anything else the merged map would fail validation on. Nothing in here
//! names a kind or a field: a new one merges like the others.
//!
//! The merged map holds ours's version wherever there is a conflict (an
//! item deleted on one side and kept on the other is kept), so that it
//! loads and a resolver can apply a [`Choice`](crate::model::conflict::Choice)
//! to each conflict in turn.

mod lines;
mod sequence;

use std::collections::{HashMap, HashSet};

pub use lines::merge_lines;
pub use sequence::{merge_list, merge_order};

use crate::model::conflict::{Cause, Conflict, OwnedValue, Place, Referrer, Side, Versions};
use crate::model::edit::Item;
use crate::model::schema::map_fields_in_file_order;
use crate::model::{Field, FieldType, ItemKind, JourneyMap, MapIndex, Target, Value, validate};

/// A merge's result: the merged map and what is left to decide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    pub map: JourneyMap,
    /// In file order: the map's own fields, then each kind's items in the
    /// order of the merged list, a whole item before its fields.
    pub conflicts: Vec<Conflict>,
}

impl Merged {
    pub fn is_clean(&self) -> bool {
        self.conflicts.is_empty()
    }
}

/// Merges `ours` and `theirs`, two versions descended from `base`. Where a
/// version repeats an id (an invalid map), its first item with that id is
/// the one merged.
pub fn merge_maps(base: &JourneyMap, ours: &JourneyMap, theirs: &JourneyMap) -> Merged {
    let three = Three {
        maps: [base, ours, theirs],
        indexes: [MapIndex::new(base), MapIndex::new(ours), MapIndex::new(theirs)],
    };
    let mut conflicts = Vec::new();
    let mut map = JourneyMap::default();
    three.merge_map_fields(&mut map, &mut conflicts);

    let mut kinds: Vec<KindMerge> = ItemKind::ALL
        .iter()
        .map(|&kind| three.merge_kind(kind, &mut conflicts))
        .collect();
    three.keep_what_is_referred_to(&mut kinds, &mut conflicts);
    for kind in kinds {
        let ids = &kind.ids;
        let order = merge_order(&ids[0], &ids[1], &ids[2], |id| kind.kept.contains_key(id));
        let mut kept = kind.kept;
        for id in order {
            if let Some(item) = kept.remove(id) {
                let at = map.count(kind.kind);
                item.insert(&mut map, at);
            }
        }
    }
    map.settle_format();
    three.report_problems(&map, &mut conflicts);
    sort_in_file_order(&map, &mut conflicts);
    Merged { map, conflicts }
}

/// The three versions and their indexes, in [`Side`] order.
struct Three<'m> {
    maps: [&'m JourneyMap; 3],
    indexes: [MapIndex<'m>; 3],
}

/// The merge of one kind's items, before they are put in order.
struct KindMerge<'m> {
    kind: ItemKind,
    /// The items of the merged map, by id.
    kept: HashMap<&'m str, Item>,
    /// Items one side deleted and the other left as they were: the side
    /// that deleted it, and the side that still has it.
    deleted: HashMap<&'m str, (Side, Side)>,
    /// Each version's ids of the kind, in order, each once.
    ids: [Vec<&'m str>; 3],
}

fn slot(side: Side) -> usize {
    match side {
        Side::Base => 0,
        Side::Ours => 1,
        Side::Theirs => 2,
    }
}

const SIDES: [Side; 3] = [Side::Base, Side::Ours, Side::Theirs];

/// How one field merged.
enum FieldMerge<'a> {
    /// One side's value, as it is.
    Take(Value<'a>),
    /// A value made of both (a list, a text merged line by line).
    Made(OwnedValue),
    Conflict,
}

/// Merges one field's three values as its type says.
fn merge_field<'a>(field: &Field, base: Value<'a>, ours: Value<'a>, theirs: Value<'a>) -> FieldMerge<'a> {
    if ours == theirs || theirs == base {
        return FieldMerge::Take(ours);
    }
    if ours == base {
        return FieldMerge::Take(theirs);
    }
    match (field.ty, base, ours, theirs) {
        (_, Value::List(b), Value::List(o), Value::List(t)) => FieldMerge::Made(OwnedValue::List(merge_list(b, o, t))),
        (FieldType::Multi, Value::Text(b), Value::Text(o), Value::Text(t)) => match merge_lines(b, o, t) {
            Some(text) => FieldMerge::Made(OwnedValue::Text(text)),
            None => FieldMerge::Conflict,
        },
        _ => FieldMerge::Conflict,
    }
}

impl<'m> Three<'m> {
    fn map(&self, side: Side) -> &'m JourneyMap {
        self.maps[slot(side)]
    }

    fn position(&self, side: Side, kind: ItemKind, id: &str) -> Option<usize> {
        self.indexes[slot(side)].position(kind, id)
    }

    fn value(&self, side: Side, kind: ItemKind, position: usize, field: &Field) -> Option<Value<'m>> {
        self.map(side).value(Target::Item(kind, position), field)
    }

    fn item(&self, side: Side, kind: ItemKind, position: usize) -> Option<Item> {
        Item::get(self.map(side), Target::Item(kind, position))
    }

    /// Each version's ids of `kind` in order, each id once (its first item).
    fn unique_ids(&self, kind: ItemKind) -> [Vec<&'m str>; 3] {
        SIDES.map(|side| {
            let index = &self.indexes[slot(side)];
            self.map(side)
                .ids_and_names(kind)
                .into_iter()
                .enumerate()
                .filter(|&(n, (id, _))| index.position(kind, id) == Some(n))
                .map(|(_, (id, _))| id)
                .collect()
        })
    }

    /// The name to show for an item: ours's, else theirs's, else base's.
    fn name_of(&self, kind: ItemKind, id: &str) -> String {
        [Side::Ours, Side::Theirs, Side::Base]
            .into_iter()
            .find_map(|side| self.indexes[slot(side)].name(self.map(side), kind, id))
            .unwrap_or_default()
            .to_string()
    }

    /// The fields of an item that differ between two versions.
    fn differing(
        &self,
        kind: ItemKind,
        fields: &[&'static Field],
        a: (Side, usize),
        b: (Side, usize),
    ) -> Vec<&'static Field> {
        fields
            .iter()
            .copied()
            .filter(|field| self.value(a.0, kind, a.1, field) != self.value(b.0, kind, b.1, field))
            .collect()
    }

    fn merge_map_fields(&self, map: &mut JourneyMap, conflicts: &mut Vec<Conflict>) {
        let [base, ours, theirs] = self.maps;
        for field in map_fields_in_file_order() {
            let values = (
                base.value(Target::Map, field),
                ours.value(Target::Map, field),
                theirs.value(Target::Map, field),
            );
            let (Some(b), Some(o), Some(t)) = values else {
                continue;
            };
            let merged = match merge_field(field, b, o, t) {
                FieldMerge::Take(value) => OwnedValue::from(value),
                FieldMerge::Made(value) => value,
                FieldMerge::Conflict => {
                    conflicts.push(Conflict {
                        place: Place::Map,
                        name: ours.title.clone(),
                        versions: Versions::Field {
                            field,
                            base: Some(b.into()),
                            ours: o.into(),
                            theirs: t.into(),
                        },
                        cause: Cause::BothChanged,
                    });
                    o.into()
                }
            };
            if let Some(slot) = map.slot(Target::Map, field) {
                merged.store(slot);
            }
        }
    }

    /// Decides every id of `kind`: kept (with its merged content), deleted,
    /// or in conflict.
    fn merge_kind(&self, kind: ItemKind, conflicts: &mut Vec<Conflict>) -> KindMerge<'m> {
        let fields = kind.fields_in_file_order();
        let ids = self.unique_ids(kind);
        let mut merge = KindMerge {
            kind,
            kept: HashMap::with_capacity(ids[1].len().max(ids[2].len())),
            deleted: HashMap::new(),
            ids: [Vec::new(), Vec::new(), Vec::new()],
        };
        let mut seen: HashSet<&str> = HashSet::with_capacity(ids[1].len());
        let every_id = ids[1].iter().chain(&ids[2]).chain(&ids[0]);
        for &id in every_id {
            if !seen.insert(id) {
                continue;
            }
            let at = SIDES.map(|side| self.position(side, kind, id));
            let place = || Place::Item {
                kind,
                id: id.to_string(),
            };
            match at {
                [Some(b), Some(o), Some(t)] => {
                    let item = self.merge_item(kind, id, &fields, [b, o, t], conflicts);
                    merge.kept.extend(item.map(|item| (id, item)));
                }
                [None, Some(o), Some(t)] => {
                    let differing = self.differing(kind, &fields, (Side::Ours, o), (Side::Theirs, t));
                    for &field in &differing {
                        let (Some(ours), Some(theirs)) = (
                            self.value(Side::Ours, kind, o, field),
                            self.value(Side::Theirs, kind, t, field),
                        ) else {
                            continue;
                        };
                        conflicts.push(Conflict {
                            place: place(),
                            name: self.name_of(kind, id),
                            versions: Versions::Field {
                                field,
                                base: None,
                                ours: ours.into(),
                                theirs: theirs.into(),
                            },
                            cause: Cause::AddedOnBoth,
                        });
                    }
                    merge.kept.extend(self.item(Side::Ours, kind, o).map(|item| (id, item)));
                }
                [Some(b), one, other] if one.is_none() != other.is_none() => {
                    let (deleted_by, kept_by, k) = match (one, other) {
                        (None, Some(t)) => (Side::Ours, Side::Theirs, t),
                        (Some(o), _) => (Side::Theirs, Side::Ours, o),
                        (None, None) => continue,
                    };
                    let edited = self.differing(kind, &fields, (Side::Base, b), (kept_by, k));
                    if edited.is_empty() {
                        merge.deleted.insert(id, (deleted_by, kept_by));
                        continue;
                    }
                    let versions = Versions::Item {
                        base: self.item(Side::Base, kind, b).map(Box::new),
                        ours: (kept_by == Side::Ours)
                            .then(|| self.item(Side::Ours, kind, k))
                            .flatten()
                            .map(Box::new),
                        theirs: (kept_by == Side::Theirs)
                            .then(|| self.item(Side::Theirs, kind, k))
                            .flatten()
                            .map(Box::new),
                    };
                    conflicts.push(Conflict {
                        place: place(),
                        name: self.name_of(kind, id),
                        versions,
                        cause: Cause::DeletedAndEdited {
                            deleted_by,
                            fields: edited.iter().map(|f| f.name).collect(),
                        },
                    });
                    merge.kept.extend(self.item(kept_by, kind, k).map(|item| (id, item)));
                }
                // Added on one side only.
                [None, Some(n), None] => merge.kept.extend(self.item(Side::Ours, kind, n).map(|item| (id, item))),
                [None, None, Some(n)] => merge
                    .kept
                    .extend(self.item(Side::Theirs, kind, n).map(|item| (id, item))),
                // Deleted on both sides.
                _ => {}
            }
        }
        merge.ids = ids;
        merge
    }

    /// An item all three versions hold, merged field by field.
    fn merge_item(
        &self,
        kind: ItemKind,
        id: &str,
        fields: &[&'static Field],
        [b, o, t]: [usize; 3],
        conflicts: &mut Vec<Conflict>,
    ) -> Option<Item> {
        let same = |x: (Side, usize), y: (Side, usize)| {
            fields
                .iter()
                .all(|field| self.value(x.0, kind, x.1, field) == self.value(y.0, kind, y.1, field))
        };
        if same((Side::Ours, o), (Side::Base, b)) {
            return self.item(Side::Theirs, kind, t);
        }
        if same((Side::Theirs, t), (Side::Base, b)) {
            return self.item(Side::Ours, kind, o);
        }
        let mut item = self.item(Side::Ours, kind, o)?;
        for &field in fields {
            let values = (
                self.value(Side::Base, kind, b, field),
                self.value(Side::Ours, kind, o, field),
                self.value(Side::Theirs, kind, t, field),
            );
            let (Some(base), Some(ours), Some(theirs)) = values else {
                continue;
            };
            let merged = match merge_field(field, base, ours, theirs) {
                FieldMerge::Take(value) if value == ours => continue,
                FieldMerge::Take(value) => OwnedValue::from(value),
                FieldMerge::Made(value) => value,
                FieldMerge::Conflict => {
                    conflicts.push(Conflict {
                        place: Place::Item {
                            kind,
                            id: id.to_string(),
                        },
                        name: self.name_of(kind, id),
                        versions: Versions::Field {
                            field,
                            base: Some(base.into()),
                            ours: ours.into(),
                            theirs: theirs.into(),
                        },
                        cause: Cause::BothChanged,
                    });
                    continue;
                }
            };
            if let Some(slot) = item.slot(field) {
                merged.store(slot);
            }
        }
        Some(item)
    }

    /// Keeps every item one side deleted that the merged map still refers
    /// to (the other side assigned a persona the one side deleted), as a
    /// conflict, then what the kept items refer to in turn.
    fn keep_what_is_referred_to(&self, kinds: &mut [KindMerge<'m>], conflicts: &mut Vec<Conflict>) {
        if kinds.iter().all(|k| k.deleted.is_empty()) {
            return;
        }
        let slot_of = |kind: ItemKind| ItemKind::ALL.iter().position(|&k| k == kind).unwrap_or(0);
        // (kind slot, id) of each item brought back, with who refers to it.
        let mut brought_back: Vec<((usize, &'m str), Vec<Referrer>)> = Vec::new();
        // Items to look through: every kept item first, in file order.
        let mut to_scan: Vec<(ItemKind, &'m str)> = Vec::new();
        let refers_to_deleted = |kind: ItemKind, kinds: &[KindMerge]| {
            kind.fields()
                .iter()
                .filter_map(|f| f.referenced_kind())
                .any(|target| !kinds[slot_of(target)].deleted.is_empty())
        };
        for kind in ItemKind::ALL {
            if !refers_to_deleted(kind, kinds) {
                continue;
            }
            let merge = &kinds[slot_of(kind)];
            let mut seen = HashSet::new();
            for &id in merge.ids[1].iter().chain(&merge.ids[2]) {
                if seen.insert(id) && merge.kept.contains_key(id) {
                    to_scan.push((kind, id));
                }
            }
        }
        let mut next = 0;
        while next < to_scan.len() {
            let (kind, id) = to_scan[next];
            next += 1;
            let mut found: Vec<(ItemKind, &'m str, &'static str)> = Vec::new();
            if let Some(item) = kinds[slot_of(kind)].kept.get(id) {
                for field in kind.fields() {
                    let Some(target) = field.referenced_kind() else {
                        continue;
                    };
                    let deleted = &kinds[slot_of(target)].deleted;
                    if deleted.is_empty() {
                        continue;
                    }
                    let referred: Vec<&str> = match item.value(field) {
                        Some(Value::Text(to)) => vec![to],
                        Some(Value::List(to)) => to.iter().map(String::as_str).collect(),
                        _ => Vec::new(),
                    };
                    for to in referred {
                        if let Some((&key, _)) = deleted.get_key_value(to) {
                            found.push((target, key, field.name));
                        }
                    }
                }
            }
            for (target, to, field) in found {
                let referrer = Referrer {
                    kind,
                    id: id.to_string(),
                    field,
                };
                let key = (slot_of(target), to);
                if let Some((_, by)) = brought_back.iter_mut().find(|(k, _)| *k == key) {
                    by.push(referrer);
                    continue;
                }
                let merge = &mut kinds[key.0];
                let Some(&(_, kept_by)) = merge.deleted.get(to) else {
                    continue;
                };
                if let Some(position) = self.position(kept_by, target, to)
                    && let Some(item) = self.item(kept_by, target, position)
                {
                    merge.kept.insert(to, item);
                    to_scan.push((target, to));
                    brought_back.push((key, vec![referrer]));
                }
            }
        }
        for ((kind_slot, id), by) in brought_back {
            let kind = ItemKind::ALL[kind_slot];
            let Some((deleted_by, _)) = kinds[kind_slot].deleted.remove(id) else {
                continue;
            };
            let version = |side: Side| {
                self.position(side, kind, id)
                    .and_then(|p| self.item(side, kind, p))
                    .map(Box::new)
            };
            conflicts.push(Conflict {
                place: Place::Item {
                    kind,
                    id: id.to_string(),
                },
                name: self.name_of(kind, id),
                versions: Versions::Item {
                    base: version(Side::Base),
                    ours: version(Side::Ours),
                    theirs: version(Side::Theirs),
                },
                cause: Cause::DeletedAndReferenced { deleted_by, by },
            });
        }
    }

    /// Every problem validation finds in the merged map, as a conflict at
    /// its field, unless a conflict is there already.
    fn report_problems(&self, map: &JourneyMap, conflicts: &mut Vec<Conflict>) {
        let problems = validate(map);
        if problems.is_empty() {
            return;
        }
        let mut taken: HashSet<(Place, &'static str)> = conflicts
            .iter()
            .map(|c| (c.place.clone(), c.field().map_or("", |f| f.name)))
            .collect();
        let whole_items: HashSet<Place> = conflicts
            .iter()
            .filter(|c| c.field().is_none())
            .map(|c| c.place.clone())
            .collect();
        for problem in problems {
            let (place, fields, position) = match &problem.item {
                None => (Place::Map, crate::model::schema::fields_of(Target::Map), None),
                Some((kind, id, position)) => (
                    Place::Item {
                        kind: *kind,
                        id: id.clone(),
                    },
                    kind.fields(),
                    Some((*kind, *position)),
                ),
            };
            let field = fields.iter().find(|f| f.name == problem.field);
            let field_name = field.map_or("", |f| f.name);
            if whole_items.contains(&place) || !taken.insert((place.clone(), field_name)) {
                continue;
            }
            let name = match position {
                Some((kind, p)) => map.id_and_name(kind, p).map(|(_, n)| n.to_string()).unwrap_or_default(),
                None => map.title.clone(),
            };
            let versions = match (field, position) {
                (Some(field), None) => {
                    let value = |side: Side| self.map(side).value(Target::Map, field).map(OwnedValue::from);
                    let merged = map.value(Target::Map, field).map(OwnedValue::from);
                    match (value(Side::Ours).or(merged.clone()), value(Side::Theirs).or(merged)) {
                        (Some(ours), Some(theirs)) => Versions::Field {
                            field,
                            base: value(Side::Base),
                            ours,
                            theirs,
                        },
                        _ => continue,
                    }
                }
                (Some(field), Some((kind, p))) => {
                    let id = place_id(&place);
                    let value = |side: Side| {
                        self.position(side, kind, id)
                            .and_then(|at| self.value(side, kind, at, field))
                            .map(OwnedValue::from)
                    };
                    let merged = map.value(Target::Item(kind, p), field).map(OwnedValue::from);
                    match (value(Side::Ours).or(merged.clone()), value(Side::Theirs).or(merged)) {
                        (Some(ours), Some(theirs)) => Versions::Field {
                            field,
                            base: value(Side::Base),
                            ours,
                            theirs,
                        },
                        _ => continue,
                    }
                }
                // A problem of the id itself: the item is the subject.
                (None, Some((kind, _))) => {
                    let id = place_id(&place);
                    let version = |side: Side| {
                        self.position(side, kind, id)
                            .and_then(|at| self.item(side, kind, at))
                            .map(Box::new)
                    };
                    Versions::Item {
                        base: version(Side::Base),
                        ours: version(Side::Ours),
                        theirs: version(Side::Theirs),
                    }
                }
                (None, None) => continue,
            };
            conflicts.push(Conflict {
                place,
                name,
                versions,
                cause: Cause::Invalid {
                    message: problem.message,
                },
            });
        }
    }
}

fn place_id(place: &Place) -> &str {
    match place {
        Place::Map => "",
        Place::Item { id, .. } => id,
    }
}

/// Sorts conflicts as the merged file holds them.
fn sort_in_file_order(map: &JourneyMap, conflicts: &mut [Conflict]) {
    if conflicts.len() < 2 {
        return;
    }
    let index = MapIndex::new(map);
    let key = |c: &Conflict| {
        let (kind, position) = match &c.place {
            Place::Map => (0, 0),
            Place::Item { kind, id } => (1 + *kind as usize, index.position(*kind, id).unwrap_or(usize::MAX)),
        };
        let field = match (c.kind(), c.field()) {
            (_, None) => 0,
            (Some(kind), Some(field)) => {
                1 + kind
                    .declared_fields()
                    .iter()
                    .position(|name| *name == field.name)
                    .unwrap_or(usize::MAX - 1)
            }
            (None, Some(field)) => {
                1 + map_fields_in_file_order()
                    .iter()
                    .position(|f| f.name == field.name)
                    .unwrap_or(usize::MAX - 1)
            }
        };
        (kind, position, field)
    };
    conflicts.sort_by_key(key);
}

#[cfg(test)]
mod tests;
