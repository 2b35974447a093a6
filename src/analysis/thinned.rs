//! A version of a map read beside another version already in memory,
//! keeping only what differs from it: `journeymap diff` reads the old
//! version beside the new one, `journeymap merge` base and theirs beside
//! ours. Each item is let go as soon as it is read when it is equal to the
//! other version's item of the same id, and only its place is noted, so
//! that a large map is never held twice. The diff and the merge then read
//! a left-out item as the other version's (`Version`).

use crate::model::schema::{same_item, take};
use crate::model::{ItemKind, JourneyMap, MapIndex};

/// Where an item of a version read beside another is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    /// In the version's own map, at this position.
    Held(u32),
    /// Left out: it read the same as the item at this position of the map
    /// it was read beside.
    LeftOut(u32),
}

/// A version of the map read beside another ([`Sifter`]): its own map
/// holds its map fields and only the items that differ from the other
/// map's item of the same id; the others are the other map's.
#[derive(Debug)]
pub struct Thinned {
    map: JourneyMap,
    /// Per kind, in [`ItemKind::ALL`]'s order: where each of its items
    /// is, in file order.
    slots: Vec<Vec<Slot>>,
    /// How many items of each kind the map it was read beside has (`None`
    /// for a whole version): what `Slot::LeftOut` points into.
    beside_counts: Option<Vec<usize>>,
}

impl Thinned {
    /// A version with every item held: one that could not be read a piece
    /// at a time.
    pub fn whole(map: JourneyMap) -> Self {
        let slots = ItemKind::ALL
            .into_iter()
            .map(|kind| (0..map.count(kind) as u32).map(Slot::Held).collect())
            .collect();
        Self {
            map,
            slots,
            beside_counts: None,
        }
    }

    /// Whether it can be read beside `beside`: it was read whole or beside
    /// a map with as many items of each kind.
    pub(super) fn fits(&self, beside: &JourneyMap) -> bool {
        self.beside_counts.as_ref().is_none_or(|counts| {
            ItemKind::ALL
                .into_iter()
                .zip(counts)
                .all(|(kind, &n)| beside.count(kind) == n)
        })
    }

    /// Whether some kind of item of this version repeats an id (`index`
    /// is `beside`'s, the map it was read beside).
    pub fn repeats_an_id(&self, beside: &JourneyMap, index: &MapIndex) -> bool {
        Version::thinned(self, beside, index).repeats.contains(&true)
    }
}

/// Whether some kind of item of `map` repeats an id: such a version cannot
/// be compared or merged item by item (which of the two items would be
/// matched?).
pub fn repeats_an_id(map: &JourneyMap) -> bool {
    Version::whole(map).repeats.contains(&true)
}

/// Reads a version beside another: called with each item as it is read
/// (`store::read_sifted`), it lets the item go when the other map holds it
/// unchanged, and notes where each item is.
pub struct Sifter<'o> {
    beside: &'o JourneyMap,
    index: &'o MapIndex<'o>,
    slots: Vec<Vec<Slot>>,
}

impl<'o> Sifter<'o> {
    /// `index` is `beside`'s.
    pub fn new(beside: &'o JourneyMap, index: &'o MapIndex<'o>) -> Self {
        Self {
            beside,
            index,
            slots: vec![Vec::new(); ItemKind::ALL.len()],
        }
    }

    /// The last item of `kind` in `read`, just read.
    pub fn sift(&mut self, read: &mut JourneyMap, kind: ItemKind) {
        let Some(last) = read.count(kind).checked_sub(1) else {
            return;
        };
        let Some(slots) = self.slots.get_mut(kind as usize) else {
            return;
        };
        let same = read
            .id_and_name(kind, last)
            .and_then(|(id, _)| self.index.position(kind, id))
            .filter(|&at| same_item(read, last, self.beside, at, kind));
        match same {
            Some(at) => {
                take(read, kind, last);
                slots.push(Slot::LeftOut(at as u32));
            }
            None => slots.push(Slot::Held(last as u32)),
        }
    }

    /// The version read; `None` when `map` (what was read) does not hold
    /// the items noted, which a reading that skipped this sifter would do.
    pub fn finish(self, map: JourneyMap) -> Option<Thinned> {
        for kind in ItemKind::ALL {
            let held = self.slots[kind as usize].iter().filter(|s| matches!(s, Slot::Held(_)));
            let in_order = held.clone().zip(0u32..).all(|(slot, n)| *slot == Slot::Held(n));
            if !in_order || held.count() != map.count(kind) {
                return None;
            }
        }
        Some(Thinned {
            map,
            slots: self.slots,
            beside_counts: Some(ItemKind::ALL.map(|kind| self.beside.count(kind)).to_vec()),
        })
    }
}

/// Which map holds an item of a version, and where in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum HeldIn {
    /// The version's own map.
    Own(usize),
    /// The map the version was read beside.
    Beside(usize),
}

/// One version as the diff and the merge read it: whole, or read beside
/// another map, its items found by position and by id wherever they are.
pub(super) struct Version<'m> {
    map: &'m JourneyMap,
    /// The position of each id among `map`'s items.
    index: MapIndex<'m>,
    /// Per kind, whether an id is repeated among the version's items.
    repeats: Vec<bool>,
    /// For a version read beside another map, where its items are; `None`
    /// for one whose items are all in `map`.
    beside: Option<Beside<'m>>,
}

/// Where the items of a version read beside another map are, per kind in
/// [`ItemKind::ALL`]'s order.
struct Beside<'m> {
    /// The map the version was read beside.
    map: &'m JourneyMap,
    /// Each item, in file order.
    slots: &'m [Vec<Slot>],
    /// For each item of the map read beside, the position among the
    /// version's items of the one left out as the same; `u32::MAX` where
    /// there is none.
    left_out: Vec<Vec<u32>>,
    /// For each item held in the version's map, its position among the
    /// version's items.
    held_at: Vec<Vec<u32>>,
}

impl<'m> Version<'m> {
    pub(super) fn whole(map: &'m JourneyMap) -> Self {
        let index = MapIndex::new(map);
        let repeats = ItemKind::ALL
            .into_iter()
            .map(|kind| index.distinct(kind) != map.count(kind))
            .collect();
        Self {
            map,
            index,
            repeats,
            beside: None,
        }
    }

    /// `thinned` read beside `beside`, whose index is `beside_index`.
    pub(super) fn thinned(thinned: &'m Thinned, beside: &'m JourneyMap, beside_index: &MapIndex) -> Self {
        let index = MapIndex::new(&thinned.map);
        let mut repeats = Vec::with_capacity(ItemKind::ALL.len());
        let mut left_out = Vec::with_capacity(ItemKind::ALL.len());
        let mut held_at = Vec::with_capacity(ItemKind::ALL.len());
        for (kind, slots) in ItemKind::ALL.into_iter().zip(&thinned.slots) {
            let mut left = vec![u32::MAX; beside.count(kind)];
            let mut held = Vec::with_capacity(thinned.map.count(kind));
            let mut repeated = index.distinct(kind) != thinned.map.count(kind);
            for (position, slot) in slots.iter().enumerate() {
                match *slot {
                    Slot::Held(_) => held.push(position as u32),
                    Slot::LeftOut(at) => match left.get_mut(at as usize) {
                        Some(seen) if *seen == u32::MAX => *seen = position as u32,
                        _ => repeated = true,
                    },
                }
            }
            // An id held and also left out as the same as the other map's.
            repeated = repeated
                || (0..thinned.map.count(kind)).any(|at| {
                    thinned
                        .map
                        .id_and_name(kind, at)
                        .and_then(|(id, _)| beside_index.position(kind, id))
                        .is_some_and(|n| left.get(n).is_some_and(|&seen| seen != u32::MAX))
                });
            repeats.push(repeated);
            left_out.push(left);
            held_at.push(held);
        }
        Self {
            map: &thinned.map,
            index,
            repeats,
            beside: Some(Beside {
                map: beside,
                slots: &thinned.slots,
                left_out,
                held_at,
            }),
        }
    }

    /// The version's own map: its map fields, and the items it holds.
    pub(super) fn map(&self) -> &'m JourneyMap {
        self.map
    }

    /// The index of the version's own map.
    pub(super) fn index(&self) -> &MapIndex<'m> {
        &self.index
    }

    /// Whether the version repeats an id among its items of `kind`.
    pub(super) fn repeats(&self, kind: ItemKind) -> bool {
        self.repeats.get(kind as usize).copied().unwrap_or(true)
    }

    /// How many items of `kind` the version has.
    pub(super) fn count(&self, kind: ItemKind) -> usize {
        match &self.beside {
            Some(beside) => beside.slots.get(kind as usize).map_or(0, Vec::len),
            None => self.map.count(kind),
        }
    }

    /// Where the item at `position` among the version's items of `kind`
    /// is; a position past the end of the own map where there is no such
    /// item.
    pub(super) fn at(&self, kind: ItemKind, position: usize) -> HeldIn {
        let Some(beside) = &self.beside else {
            return HeldIn::Own(position);
        };
        match beside.slots.get(kind as usize).and_then(|slots| slots.get(position)) {
            Some(Slot::Held(at)) => HeldIn::Own(*at as usize),
            Some(Slot::LeftOut(at)) => HeldIn::Beside(*at as usize),
            None => HeldIn::Own(usize::MAX),
        }
    }

    /// The id and name of the item at `position` among the version's items
    /// of `kind`.
    pub(super) fn id_and_name(&self, kind: ItemKind, position: usize) -> Option<(&'m str, &'m str)> {
        match (self.at(kind, position), &self.beside) {
            (HeldIn::Beside(at), Some(beside)) => beside.map.id_and_name(kind, at),
            (HeldIn::Own(at), _) | (HeldIn::Beside(at), None) => self.map.id_and_name(kind, at),
        }
    }

    /// The position of the item with this id among the version's items of
    /// `kind`: its first, where the version repeats the id. `beside_index`
    /// is the index of the map it was read beside (unused for a whole
    /// version).
    pub(super) fn position(&self, kind: ItemKind, id: &str, beside_index: &MapIndex) -> Option<usize> {
        let Some(beside) = &self.beside else {
            return self.index.position(kind, id);
        };
        let k = kind as usize;
        let left_out = beside_index
            .position(kind, id)
            .and_then(|at| beside.left_out.get(k)?.get(at).copied())
            .filter(|&position| position != u32::MAX);
        let held = self
            .index
            .position(kind, id)
            .and_then(|at| beside.held_at.get(k)?.get(at).copied());
        // The first of the two where the version repeats the id.
        match (left_out, held) {
            (Some(a), Some(b)) => Some(a.min(b) as usize),
            (one, other) => one.or(other).map(|position| position as usize),
        }
    }
}

/// `version` read beside `beside` as `store::read_sifted` reads a file:
/// its map fields, then each item pushed onto its list and sifted.
#[cfg(test)]
pub(super) fn read_beside(version: &JourneyMap, beside: &JourneyMap) -> Thinned {
    use crate::model::Target;
    use crate::model::edit::Item;
    use crate::model::schema::take_all;

    let index = MapIndex::new(beside);
    let mut sifter = Sifter::new(beside, &index);
    let mut read = version.clone();
    for kind in ItemKind::ALL {
        take_all(&mut read, kind);
    }
    for kind in ItemKind::ALL {
        for position in 0..version.count(kind) {
            if let Some(item) = Item::get(version, Target::Item(kind, position)) {
                let end = read.count(kind);
                item.insert(&mut read, end);
                sifter.sift(&mut read, kind);
            }
        }
    }
    sifter.finish(read).expect("every item noted")
}

#[cfg(test)]
mod tests;
