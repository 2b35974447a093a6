//! The flow the Flow view draws, kept across the edits that cannot change it.

use super::document::Document;
use crate::analysis::flow::Flow;
use crate::model::edit::Step;
use crate::model::{Item, ItemKind, Target};

/// The flow the Flow view draws, kept across the edits that cannot change
/// it. The flow is the stages (ids and names, in order) and which campaigns
/// serve which step; everything else a cell's panel says is read from the
/// map as it is drawn. So edits to other kinds leave it as it is, a stage
/// renamed changes one name, and a campaign changed without changing its
/// step leaves it too; anything else (a step changed, a campaign or a
/// stage added, removed or moved, a stage's id) lays it out again, which
/// costs the stages and the campaigns, not the touchpoints.
#[derive(Debug)]
pub(crate) struct FlowCache {
    /// The map generation the flow is of; `None` before the first lay-out.
    of: Option<u64>,
    flow: Flow,
}

impl Default for FlowCache {
    fn default() -> Self {
        Self {
            of: None,
            flow: Flow {
                stages: Vec::new(),
                cells: Vec::new(),
                unplaced: Vec::new(),
            },
        }
    }
}

impl FlowCache {
    /// The flow as last laid out (drawing reads it; [`Self::refresh`] runs
    /// before each frame of the Flow view and before its keys).
    pub(crate) fn flow(&self) -> &Flow {
        &self.flow
    }

    /// Brings the flow up to the map of `doc` as it is now.
    pub(crate) fn refresh(&mut self, doc: &Document) {
        let laid_out = self.of;
        match laid_out {
            Some(of) if of == doc.generation => return,
            Some(of) if self.follow(doc, of) => {}
            _ => self.flow = Flow::build(&doc.map),
        }
        self.of = Some(doc.generation);
    }

    /// Follows the edits since generation `of`; false when one of them may
    /// have changed a step, a campaign's place or the stages.
    fn follow(&mut self, doc: &Document, of: u64) -> bool {
        let Some(edits) = doc.edits_since(of) else {
            return false;
        };
        let mut renamed = Vec::new();
        for (edit, forward) in edits {
            for step in edit.steps(forward) {
                match step {
                    Step::Changed(Target::Item(ItemKind::Stage, n), Item::Stage(before), Item::Stage(after))
                        if before.id == after.id =>
                    {
                        renamed.push(n);
                    }
                    Step::Changed(
                        Target::Item(ItemKind::Campaign, _),
                        Item::Campaign(before),
                        Item::Campaign(after),
                    ) if before.from_stage == after.from_stage && before.to_stage == after.to_stage => {}
                    Step::Changed(Target::Map, ..) => {}
                    Step::Replaced => return false,
                    Step::Changed(Target::Item(kind, _), ..)
                    | Step::Inserted(kind, ..)
                    | Step::Removed(kind, ..)
                    | Step::Swapped(kind, ..) => {
                        if matches!(kind, ItemKind::Stage | ItemKind::Campaign) {
                            return false;
                        }
                    }
                }
            }
        }
        for n in renamed {
            if let (Some(shown), Some(stage)) = (self.flow.stages.get_mut(n), doc.map.stages.get(n)) {
                shown.1.clone_from(&stage.name);
            }
        }
        true
    }
}
