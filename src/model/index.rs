//! Id -> position lookups, built once per map so that analysis stays linear.

use foldhash::HashMap;
use foldhash::HashMapExt;

use super::{ItemKind, JourneyMap};

/// Positions of every item by id, one table per kind of the registry.
/// Where an id is duplicated (an invalid map), the first item wins.
#[derive(Debug, Default)]
pub struct MapIndex<'a> {
    tables: Vec<HashMap<&'a str, usize>>,
}

impl<'a> MapIndex<'a> {
    pub fn new(map: &'a JourneyMap) -> Self {
        Self::of_kinds(map, &ItemKind::ALL)
    }

    /// An index of the items of `kinds` only: items of any other kind are
    /// not found. Building the index of a large map's touchpoints costs
    /// more than most of what is looked up with it, so what does not need
    /// them leaves them out.
    pub fn of_kinds(map: &'a JourneyMap, kinds: &[ItemKind]) -> Self {
        let tables = ItemKind::ALL
            .iter()
            .map(|kind| {
                if !kinds.contains(kind) {
                    return HashMap::new();
                }
                let ids = map.ids_and_names(*kind);
                let mut table = HashMap::with_capacity(ids.len());
                for (position, (id, _)) in ids.into_iter().enumerate() {
                    table.entry(id).or_insert(position);
                }
                table
            })
            .collect();
        Self { tables }
    }

    fn table(&self, kind: ItemKind) -> Option<&HashMap<&'a str, usize>> {
        self.tables.get(kind as usize)
    }

    /// Position of the item of `kind` with this id.
    pub fn position(&self, kind: ItemKind, id: &str) -> Option<usize> {
        self.table(kind)?.get(id).copied()
    }

    pub fn contains(&self, kind: ItemKind, id: &str) -> bool {
        self.position(kind, id).is_some()
    }

    /// How many different ids the items of `kind` have: fewer than the
    /// items when an id is repeated.
    pub fn distinct(&self, kind: ItemKind) -> usize {
        self.table(kind).map_or(0, HashMap::len)
    }

    /// The name of the item of `kind` with this id in `map` (the map this
    /// index was built from): the indexed form of [`JourneyMap::name_of`].
    pub fn name<'m>(&self, map: &'m JourneyMap, kind: ItemKind, id: &str) -> Option<&'m str> {
        let position = self.position(kind, id)?;
        map.id_and_name(kind, position).map(|(_, name)| name)
    }

    pub fn stage(&self, id: &str) -> Option<usize> {
        self.position(ItemKind::Stage, id)
    }

    pub fn tactic(&self, id: &str) -> Option<usize> {
        self.position(ItemKind::Tactic, id)
    }

    pub fn segment(&self, id: &str) -> Option<usize> {
        self.position(ItemKind::Segment, id)
    }

    pub fn persona(&self, id: &str) -> Option<usize> {
        self.position(ItemKind::Persona, id)
    }

    /// Positions of the touchpoints of each stage, in stage order and, within
    /// a stage, in file order: one pass, not one scan per stage. Touchpoints
    /// whose stage does not exist (an invalid map) are left out.
    pub fn touchpoints_by_stage(&self, map: &JourneyMap) -> Vec<Vec<usize>> {
        let mut by_stage = vec![Vec::new(); map.stages.len()];
        for (position, touchpoint) in map.touchpoints.iter().enumerate() {
            if let Some(stage) = self.stage(&touchpoint.stage) {
                by_stage[stage].push(position);
            }
        }
        by_stage
    }
}
