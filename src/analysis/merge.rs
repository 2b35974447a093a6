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

mod comments;
mod lines;
mod sequence;

use std::collections::HashSet;

pub use comments::merge_comments;
pub use lines::merge_lines;
pub use sequence::{merge_list, merge_order};

use super::thinned::{HeldIn, Thinned, Version, repeats_an_id};
use crate::model::conflict::{Cause, Conflict, OwnedValue, Place, Referrer, Side, Versions};
use crate::model::edit::Item;
use crate::model::schema::{map_fields_in_file_order, take_all};
use crate::model::{Field, FieldType, ItemKind, JourneyMap, MapIndex, Problem, Target, Value, validate};

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
    merge_by_copy(Three::new(Version::whole(base), ours, Version::whole(theirs)))
}

/// [`merge_maps`] of versions read beside `ours` ([`Sifter`]), taking the
/// items of ours that the merge keeps out of it rather than copying them:
/// a large map is then held about once, not twice and more.
///
/// [`Sifter`]: super::thinned::Sifter
pub fn merge_beside_ours(base: &Thinned, mut ours: JourneyMap, theirs: &Thinned) -> Merged {
    fn three<'m>(base: &'m Thinned, ours: &'m JourneyMap, theirs: &'m Thinned) -> Three<'m> {
        let index = MapIndex::new(ours);
        let (base, theirs) = (
            Version::thinned(base, ours, &index),
            Version::thinned(theirs, ours, &index),
        );
        Three::new(base, ours, theirs)
    }
    debug_assert!(
        base.fits(&ours) && theirs.fits(&ours),
        "versions read beside another map"
    );
    // An item of ours is taken once: an id ours repeats would take it twice.
    if repeats_an_id(&ours) {
        return merge_by_copy(three(base, &ours, theirs));
    }
    let Decided {
        mut map,
        conflicts,
        lists,
    } = three(base, &ours, theirs).decide();
    let mut taken: Vec<TakenFromOurs> = Vec::with_capacity(lists.len());
    for (kind, list) in lists {
        let mut ours_items: Vec<Option<Item>> = take_all(&mut ours, kind).into_iter().map(Some).collect();
        let mut from_ours = Vec::with_capacity(list.len());
        for kept in list {
            let (item, from) = match kept {
                Kept::Ours(at) => (ours_items.get_mut(at).and_then(Option::take), Some(at)),
                Kept::Made(item) => (Some(item), None),
            };
            if let Some(item) = item {
                let at = map.count(kind);
                item.insert(&mut map, at);
                from_ours.push(from);
            }
        }
        taken.push(TakenFromOurs {
            kind,
            from_ours,
            left: ours_items,
        });
    }
    map.settle_format();
    let problems = validate(&map);
    if problems.is_empty() {
        let mut conflicts = conflicts;
        sort_in_file_order(&map, &mut conflicts);
        return Merged { map, conflicts };
    }
    // Naming each version's value of what fails validation needs ours
    // whole again: its items are put back, and the merge made by copy.
    for TakenFromOurs {
        kind,
        from_ours,
        mut left,
    } in taken
    {
        for (item, from) in take_all(&mut map, kind).into_iter().zip(from_ours) {
            if let Some(slot) = from.and_then(|at| left.get_mut(at)) {
                *slot = Some(item);
            }
        }
        for item in left.into_iter().flatten() {
            let at = ours.count(kind);
            item.insert(&mut ours, at);
        }
    }
    merge_by_copy(three(base, &ours, theirs))
}

/// One kind's items of ours, once the merged map has taken its own.
struct TakenFromOurs {
    kind: ItemKind,
    /// Of each merged item, its position in ours if it was taken from it.
    from_ours: Vec<Option<usize>>,
    /// Ours's items the merge did not take, at their positions.
    left: Vec<Option<Item>>,
}

/// The merge of three versions, each item of the merged map a copy.
fn merge_by_copy(three: Three) -> Merged {
    let Decided {
        mut map,
        mut conflicts,
        lists,
    } = three.decide();
    for (kind, list) in lists {
        for kept in list {
            let item = match kept {
                Kept::Ours(at) => three.item(Side::Ours, kind, at),
                Kept::Made(item) => Some(item),
            };
            if let Some(item) = item {
                let at = map.count(kind);
                item.insert(&mut map, at);
            }
        }
    }
    map.settle_format();
    let problems = validate(&map);
    three.report_problems(&map, problems, &mut conflicts);
    sort_in_file_order(&map, &mut conflicts);
    Merged { map, conflicts }
}

/// What a merge decided: the merged map's own fields, the conflicts, and
/// each kind's merged items in order.
struct Decided {
    map: JourneyMap,
    conflicts: Vec<Conflict>,
    lists: Vec<(ItemKind, Vec<Kept>)>,
}

/// An item of the merge.
enum Kept {
    /// Ours's item at this position, as it is.
    Ours(usize),
    /// An item made or taken from another version.
    Made(Item),
}

/// The three versions, in [`Side`] order.
struct Three<'m> {
    versions: [Version<'m>; 3],
}

/// The merge of one kind's items, before they are put in order. Each id
/// of any version has a key, a small number, so that ordering the items
/// hashes numbers, not ids.
struct KindMerge<'m> {
    kind: ItemKind,
    /// The id of each key.
    ids: Vec<&'m str>,
    /// The merged item of each key; `None` where it is not in the merge.
    kept: Vec<Option<Kept>>,
    /// Of each key deleted on one side and left as it was on the other:
    /// the side that deleted it, and the side that still has it.
    deleted: Vec<Option<(Side, Side)>>,
    /// Each version's keys in its order, each id once (its first item).
    order: [Vec<u32>; 3],
}

/// Positions of ids in one version's list of a kind. Versions of a map
/// mostly keep their items in the same order, so an id is looked for first
/// where the last one was found, relative to where it is in another
/// version, and only then in the index.
struct Finder<'a, 'm> {
    three: &'a Three<'m>,
    side: Side,
    ids: &'a [&'m str],
    kind: ItemKind,
    /// Whether the kind repeats an id in this version: then only the
    /// index knows which item is the first.
    repeats: bool,
    shift: isize,
}

impl Finder<'_, '_> {
    fn find(&mut self, id: &str, near: usize) -> Option<usize> {
        if !self.repeats {
            for guess in [near.checked_add_signed(self.shift), Some(near)].into_iter().flatten() {
                if self.ids.get(guess).is_some_and(|other| *other == id) {
                    self.shift = guess as isize - near as isize;
                    return Some(guess);
                }
            }
        }
        let found = self.three.position(self.side, self.kind, id)?;
        self.shift = found as isize - near as isize;
        Some(found)
    }
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
    fn new(base: Version<'m>, ours: &'m JourneyMap, theirs: Version<'m>) -> Self {
        Self {
            versions: [base, Version::whole(ours), theirs],
        }
    }

    fn map(&self, side: Side) -> &'m JourneyMap {
        self.versions[slot(side)].map()
    }

    /// Where the item at `position` among a version's items of `kind` is:
    /// the version whose map holds it, and its position there.
    fn at(&self, side: Side, kind: ItemKind, position: usize) -> (Side, usize) {
        match self.versions[slot(side)].at(kind, position) {
            HeldIn::Own(at) => (side, at),
            // Base and theirs are read beside ours.
            HeldIn::Beside(at) => (Side::Ours, at),
        }
    }

    /// The position of the item with this id among a version's items of
    /// `kind` (its first, where a version repeats an id).
    fn position(&self, side: Side, kind: ItemKind, id: &str) -> Option<usize> {
        let ours_index = self.versions[slot(Side::Ours)].index();
        self.versions[slot(side)].position(kind, id, ours_index)
    }

    fn value(&self, side: Side, kind: ItemKind, position: usize, field: &Field) -> Option<Value<'m>> {
        let (side, at) = self.at(side, kind, position);
        self.map(side).value(Target::Item(kind, at), field)
    }

    fn item(&self, side: Side, kind: ItemKind, position: usize) -> Option<Item> {
        let (side, at) = self.at(side, kind, position);
        Item::get(self.map(side), Target::Item(kind, at))
    }

    /// The item at `position` among a version's items, to be kept: ours's
    /// by its position, any other a copy.
    fn kept(&self, side: Side, kind: ItemKind, position: usize) -> Option<Kept> {
        match self.at(side, kind, position) {
            (Side::Ours, at) => (at < self.map(Side::Ours).count(kind)).then_some(Kept::Ours(at)),
            (side, at) => Item::get(self.map(side), Target::Item(kind, at)).map(Kept::Made),
        }
    }

    /// A field of an item kept.
    fn kept_value<'k>(&'k self, kind: ItemKind, kept: &'k Kept, field: &Field) -> Option<Value<'k>> {
        match kept {
            Kept::Ours(at) => self.map(Side::Ours).value(Target::Item(kind, *at), field),
            Kept::Made(item) => item.value(field),
        }
    }

    /// Merges the map's fields and decides every item: kept (and where),
    /// deleted, or in conflict.
    fn decide(&self) -> Decided {
        let mut conflicts = Vec::new();
        let mut map = JourneyMap::default();
        self.merge_map_fields(&mut map, &mut conflicts);
        let mut kinds: Vec<KindMerge> = ItemKind::ALL
            .iter()
            .map(|&kind| self.merge_kind(kind, &mut conflicts))
            .collect();
        self.keep_what_is_referred_to(&mut kinds, &mut conflicts);
        let lists = kinds
            .into_iter()
            .map(|mut kind| {
                let [base, ours, theirs] = &kind.order;
                let order = merge_order(base, ours, theirs, |key| kind.kept[key as usize].is_some());
                let list = order
                    .into_iter()
                    .filter_map(|key| kind.kept[key as usize].take())
                    .collect();
                (kind.kind, list)
            })
            .collect();
        Decided { map, conflicts, lists }
    }

    /// The id of each of a version's items of `kind`, in its order.
    fn ids(&self, side: Side, kind: ItemKind) -> Vec<&'m str> {
        (0..self.versions[slot(side)].count(kind))
            .map(|position| {
                let (side, at) = self.at(side, kind, position);
                self.map(side).id_and_name(kind, at).map_or("", |(id, _)| id)
            })
            .collect()
    }

    /// The name to show for an item: ours's, else theirs's, else base's.
    fn name_of(&self, kind: ItemKind, id: &str) -> String {
        [Side::Ours, Side::Theirs, Side::Base]
            .into_iter()
            .find_map(|side| {
                let (side, at) = self.at(side, kind, self.position(side, kind, id)?);
                self.map(side).id_and_name(kind, at).map(|(_, name)| name)
            })
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
        let [base, ours, theirs] = SIDES.map(|side| self.map(side));
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
        let lists = SIDES.map(|side| self.ids(side, kind));
        let mut finders = SIDES.map(|side| Finder {
            three: self,
            side,
            ids: &lists[slot(side)],
            kind,
            repeats: self.versions[slot(side)].repeats(kind),
            shift: 0,
        });
        // Keys: ours's ids in order, then theirs's new ones, then base's
        // ids neither side has; the first item of a repeated id only.
        let mut ids: Vec<&'m str> = Vec::with_capacity(lists[1].len() + lists[2].len() / 16);
        // Each key's position in each version, `u32::MAX` where it has
        // none: small, as there is one for each item.
        let mut at: Vec<[u32; 3]> = Vec::with_capacity(ids.capacity());
        let pack = |position: Option<usize>| position.map_or(u32::MAX, |p| p as u32);
        let mut key_of: [Vec<u32>; 3] = SIDES.map(|side| vec![u32::MAX; lists[slot(side)].len()]);
        for (n, &id) in lists[1].iter().enumerate() {
            if finders[1].repeats && finders[1].find(id, n) != Some(n) {
                continue;
            }
            let key = ids.len() as u32;
            let (b, t) = (finders[0].find(id, n), finders[2].find(id, n));
            key_of[1][n] = key;
            if let Some(t) = t {
                key_of[2][t] = key;
            }
            if let Some(b) = b {
                key_of[0][b] = key;
            }
            ids.push(id);
            at.push([pack(b), n as u32, pack(t)]);
        }
        for (n, &id) in lists[2].iter().enumerate() {
            if key_of[2][n] != u32::MAX || (finders[2].repeats && finders[2].find(id, n) != Some(n)) {
                continue;
            }
            let key = ids.len() as u32;
            let b = finders[0].find(id, n);
            key_of[2][n] = key;
            if let Some(b) = b {
                key_of[0][b] = key;
            }
            ids.push(id);
            at.push([pack(b), u32::MAX, n as u32]);
        }
        for (n, &id) in lists[0].iter().enumerate() {
            if key_of[0][n] != u32::MAX || (finders[0].repeats && finders[0].find(id, n) != Some(n)) {
                continue;
            }
            key_of[0][n] = ids.len() as u32;
            ids.push(id);
            at.push([n as u32, u32::MAX, u32::MAX]);
        }
        let order = key_of.map(|keys| keys.into_iter().filter(|&k| k != u32::MAX).collect());

        let mut kept: Vec<Option<Kept>> = Vec::with_capacity(ids.len());
        let mut deleted: Vec<Option<(Side, Side)>> = vec![None; ids.len()];
        for (key, (&id, positions)) in ids.iter().zip(&at).enumerate() {
            let positions = positions.map(|p| (p != u32::MAX).then_some(p as usize));
            let place = || Place::Item {
                kind,
                id: id.to_string(),
            };
            let item = match positions {
                [Some(b), Some(o), Some(t)] => self.merge_item(kind, id, &fields, [b, o, t], conflicts),
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
                    self.kept(Side::Ours, kind, o)
                }
                [Some(b), one, other] if one.is_none() != other.is_none() => {
                    let (deleted_by, kept_by, k) = match (one, other) {
                        (None, Some(t)) => (Side::Ours, Side::Theirs, t),
                        (Some(o), _) => (Side::Theirs, Side::Ours, o),
                        (None, None) => continue,
                    };
                    let edited = self.differing(kind, &fields, (Side::Base, b), (kept_by, k));
                    if edited.is_empty() {
                        deleted[key] = Some((deleted_by, kept_by));
                        None
                    } else {
                        let version = |side: Side| {
                            (kept_by == side)
                                .then(|| self.item(side, kind, k))
                                .flatten()
                                .map(Box::new)
                        };
                        conflicts.push(Conflict {
                            place: place(),
                            name: self.name_of(kind, id),
                            versions: Versions::Item {
                                base: self.item(Side::Base, kind, b).map(Box::new),
                                ours: version(Side::Ours),
                                theirs: version(Side::Theirs),
                            },
                            cause: Cause::DeletedAndEdited {
                                deleted_by,
                                fields: edited.iter().map(|f| f.name).collect(),
                            },
                        });
                        self.kept(kept_by, kind, k)
                    }
                }
                // Added on one side only.
                [None, Some(n), None] => self.kept(Side::Ours, kind, n),
                [None, None, Some(n)] => self.kept(Side::Theirs, kind, n),
                // Deleted on both sides.
                _ => None,
            };
            kept.push(item);
        }
        KindMerge {
            kind,
            ids,
            kept,
            deleted,
            order,
        }
    }

    /// An item all three versions hold, merged field by field.
    fn merge_item(
        &self,
        kind: ItemKind,
        id: &str,
        fields: &[&'static Field],
        [b, o, t]: [usize; 3],
        conflicts: &mut Vec<Conflict>,
    ) -> Option<Kept> {
        let same = |x: (Side, usize), y: (Side, usize)| {
            // One item read for both (a version read beside ours).
            self.at(x.0, kind, x.1) == self.at(y.0, kind, y.1)
                || fields
                    .iter()
                    .all(|field| self.value(x.0, kind, x.1, field) == self.value(y.0, kind, y.1, field))
        };
        if same((Side::Ours, o), (Side::Base, b)) {
            return self.kept(Side::Theirs, kind, t);
        }
        if same((Side::Theirs, t), (Side::Base, b)) {
            return self.kept(Side::Ours, kind, o);
        }
        let ours_item = self.kept(Side::Ours, kind, o)?;
        // Copied only when a field takes another value.
        let mut made: Option<Item> = None;
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
            if made.is_none() {
                made = Some(self.item(Side::Ours, kind, o)?);
            }
            if let Some(slot) = made.as_mut().and_then(|item| item.slot(field)) {
                merged.store(slot);
            }
        }
        Some(made.map_or(ours_item, Kept::Made))
    }

    /// Keeps every item one side deleted that the merged map still refers
    /// to (the other side assigned a persona the one side deleted), as a
    /// conflict, then what the kept items refer to in turn.
    fn keep_what_is_referred_to(&self, kinds: &mut [KindMerge<'m>], conflicts: &mut Vec<Conflict>) {
        let slot_of = |kind: ItemKind| ItemKind::ALL.iter().position(|&k| k == kind).unwrap_or(0);
        // The keys of the deleted items of each kind, by id.
        let deleted_ids: Vec<foldhash::HashMap<&'m str, u32>> = kinds
            .iter()
            .map(|k| {
                k.deleted
                    .iter()
                    .enumerate()
                    .filter(|(_, d)| d.is_some())
                    .map(|(key, _)| (k.ids[key], key as u32))
                    .collect()
            })
            .collect();
        if deleted_ids.iter().all(|d| d.is_empty()) {
            return;
        }
        // Items to look through: every kept item of a kind that can refer
        // to a deleted one, in key order; then each item brought back.
        let mut to_scan: Vec<(usize, u32)> = Vec::new();
        for (kind_slot, kind) in ItemKind::ALL.into_iter().enumerate() {
            let refers_to_deleted = kind
                .fields()
                .iter()
                .filter_map(|f| f.referenced_kind())
                .any(|target| !deleted_ids[slot_of(target)].is_empty());
            if refers_to_deleted {
                let merge = &kinds[kind_slot];
                to_scan.extend(
                    (0..merge.kept.len() as u32)
                        .filter(|&key| merge.kept[key as usize].is_some())
                        .map(|key| (kind_slot, key)),
                );
            }
        }
        // (kind slot, key) of each item brought back, with who refers to it.
        let mut brought_back: Vec<((usize, u32), Vec<Referrer>)> = Vec::new();
        let mut next = 0;
        while next < to_scan.len() {
            let (kind_slot, key) = to_scan[next];
            next += 1;
            let kind = ItemKind::ALL[kind_slot];
            let mut found: Vec<((usize, u32), &'static str)> = Vec::new();
            if let Some(item) = &kinds[kind_slot].kept[key as usize] {
                for field in kind.fields() {
                    let Some(target) = field.referenced_kind() else {
                        continue;
                    };
                    let deleted = &deleted_ids[slot_of(target)];
                    if deleted.is_empty() {
                        continue;
                    }
                    let referred: Vec<&str> = match self.kept_value(kind, item, field) {
                        Some(Value::Text(to)) => vec![to],
                        Some(Value::List(to)) => to.iter().map(String::as_str).collect(),
                        _ => Vec::new(),
                    };
                    found.extend(
                        referred
                            .into_iter()
                            .filter_map(|to| deleted.get(to))
                            .map(|&to| ((slot_of(target), to), field.name)),
                    );
                }
            }
            for (target, field) in found {
                let referrer = Referrer {
                    kind,
                    id: kinds[kind_slot].ids[key as usize].to_string(),
                    field,
                };
                if let Some((_, by)) = brought_back.iter_mut().find(|(k, _)| *k == target) {
                    by.push(referrer);
                    continue;
                }
                let merge = &mut kinds[target.0];
                let Some((_, kept_by)) = merge.deleted[target.1 as usize] else {
                    continue;
                };
                let id = merge.ids[target.1 as usize];
                let target_kind = ItemKind::ALL[target.0];
                if let Some(position) = self.position(kept_by, target_kind, id)
                    && let Some(item) = self.kept(kept_by, target_kind, position)
                {
                    merge.kept[target.1 as usize] = Some(item);
                    to_scan.push(target);
                    brought_back.push((target, vec![referrer]));
                }
            }
        }
        for ((kind_slot, key), by) in brought_back {
            let kind = ItemKind::ALL[kind_slot];
            let merge = &mut kinds[kind_slot];
            let Some((deleted_by, _)) = merge.deleted[key as usize].take() else {
                continue;
            };
            let id = merge.ids[key as usize];
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
    fn report_problems(&self, map: &JourneyMap, problems: Vec<Problem>, conflicts: &mut Vec<Conflict>) {
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
