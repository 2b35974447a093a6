//! Id -> position lookups, built once per map so that analysis stays linear.

use std::collections::HashMap;

use super::{ItemKind, JourneyMap};

/// Positions of every item by id. Where an id is duplicated (an invalid map),
/// the first item wins.
#[derive(Debug, Default)]
pub struct MapIndex<'a> {
    stages: HashMap<&'a str, usize>,
    tactics: HashMap<&'a str, usize>,
    segments: HashMap<&'a str, usize>,
    personas: HashMap<&'a str, usize>,
    competitors: HashMap<&'a str, usize>,
    touchpoints: HashMap<&'a str, usize>,
}

fn positions<'a, T>(items: &'a [T], id: impl Fn(&'a T) -> &'a str) -> HashMap<&'a str, usize> {
    let mut map = HashMap::with_capacity(items.len());
    for (position, item) in items.iter().enumerate() {
        map.entry(id(item)).or_insert(position);
    }
    map
}

impl<'a> MapIndex<'a> {
    pub fn new(map: &'a JourneyMap) -> Self {
        Self {
            stages: positions(&map.stages, |i| i.id.as_str()),
            tactics: positions(&map.tactics, |i| i.id.as_str()),
            segments: positions(&map.segments, |i| i.id.as_str()),
            personas: positions(&map.personas, |i| i.id.as_str()),
            competitors: positions(&map.competitors, |i| i.id.as_str()),
            touchpoints: positions(&map.touchpoints, |i| i.id.as_str()),
        }
    }

    fn table(&self, kind: ItemKind) -> &HashMap<&'a str, usize> {
        match kind {
            ItemKind::Stage => &self.stages,
            ItemKind::Tactic => &self.tactics,
            ItemKind::Segment => &self.segments,
            ItemKind::Persona => &self.personas,
            ItemKind::Competitor => &self.competitors,
            ItemKind::Touchpoint => &self.touchpoints,
        }
    }

    /// Position of the item of `kind` with this id.
    pub fn position(&self, kind: ItemKind, id: &str) -> Option<usize> {
        self.table(kind).get(id).copied()
    }

    pub fn contains(&self, kind: ItemKind, id: &str) -> bool {
        self.table(kind).contains_key(id)
    }

    pub fn stage(&self, id: &str) -> Option<usize> {
        self.stages.get(id).copied()
    }

    pub fn tactic(&self, id: &str) -> Option<usize> {
        self.tactics.get(id).copied()
    }

    pub fn segment(&self, id: &str) -> Option<usize> {
        self.segments.get(id).copied()
    }

    pub fn persona(&self, id: &str) -> Option<usize> {
        self.personas.get(id).copied()
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
