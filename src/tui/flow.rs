//! What the Flow view's keys do: move the cell cursor between steps, jump
//! to the next gap, add a campaign for a step, edit a step's campaigns; and
//! the flow it draws, kept across the edits that cannot change it.

use super::action::Action;
use super::app::{App, Mode};
use super::document::Document;
use super::journey::{Part, parts};
use super::popups::AddName;
use crate::analysis::flow::{Flow, Step};
use crate::model::{Campaign, Item, ItemKind, Target, unique_id};

impl App {
    /// Keys of the Flow view; false when the key is not the view's own.
    pub(crate) fn flow_key(&mut self, action: Action) -> bool {
        let stages = self.doc.map.stages.len();
        let last = stages.saturating_sub(1);
        let pos = &mut self.flow;
        pos.from = pos.from.min(last);
        pos.to = pos.to.min(last);
        match action {
            Action::Up => pos.from = pos.from.saturating_sub(1),
            Action::Down => pos.from = (pos.from + 1).min(last),
            Action::Left => pos.to = pos.to.saturating_sub(1),
            Action::Right => pos.to = (pos.to + 1).min(last),
            Action::Top => {
                // The next gap after the cursor's row, wrapping round.
                self.flow_cache.refresh(&self.doc);
                let gaps = self.flow_cache.flow().gaps();
                let next = gaps
                    .iter()
                    .find(|gap| gap.from > self.flow.from)
                    .or_else(|| gaps.first())
                    .copied();
                match next {
                    Some(gap) => {
                        self.flow.from = gap.from;
                        self.flow.to = gap.to;
                    }
                    None => self.info("no gaps: every stage but the last has a campaign moving people on"),
                }
            }
            Action::Add if stages == 0 => {
                self.error("a campaign moves people between stages: add stages first (view 2)")
            }
            Action::Add => {
                let step = (
                    self.doc.map.stages[self.flow.from].id.clone(),
                    self.doc.map.stages[self.flow.to].id.clone(),
                );
                self.mode = Mode::popup(AddName::new(ItemKind::Campaign, Some(step)));
            }
            Action::Edit | Action::NextItem => {
                let step = Step {
                    from: self.flow.from,
                    to: self.flow.to,
                };
                self.flow_cache.refresh(&self.doc);
                let campaigns = self.flow_cache.flow().campaigns(step).to_vec();
                let nth = if action == Action::NextItem {
                    self.flow_campaign = (self.flow_campaign + 1) % campaigns.len().max(1);
                    self.flow_campaign
                } else {
                    self.flow_campaign = 0;
                    0
                };
                match campaigns.get(nth) {
                    Some(&position) => self.open_form(Target::Item(ItemKind::Campaign, position), 0),
                    None => self.info("no campaign serves this step yet: a adds one"),
                }
            }
            _ => return false,
        }
        true
    }

    /// Adds a campaign named `name` for the step from stage `from` to stage
    /// `to` (ids); its position.
    pub fn add_on_step(&mut self, name: &str, from: String, to: String) -> usize {
        let taken: std::collections::HashSet<&str> = self.doc.map.campaigns.iter().map(|c| c.id.as_str()).collect();
        let id = unique_id(name, ItemKind::Campaign.noun(), |c| taken.contains(c));
        let item = Item::Campaign(Campaign {
            id,
            name: name.to_string(),
            from_stage: from,
            to_stage: to,
            ..Campaign::default()
        });
        self.insert_item(ItemKind::Campaign, item)
    }
}

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
            for part in parts(edit, forward) {
                match part {
                    Part::Changed(Target::Item(ItemKind::Stage, n), Item::Stage(before), Item::Stage(after))
                        if before.id == after.id =>
                    {
                        renamed.push(n);
                    }
                    Part::Changed(
                        Target::Item(ItemKind::Campaign, _),
                        Item::Campaign(before),
                        Item::Campaign(after),
                    ) if before.from_stage == after.from_stage && before.to_stage == after.to_stage => {}
                    Part::Changed(Target::Map, ..) => {}
                    Part::Replaced => return false,
                    Part::Changed(Target::Item(kind, _), ..)
                    | Part::Inserted(kind, ..)
                    | Part::Removed(kind, ..)
                    | Part::Swapped(kind, ..) => {
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

impl App {
    /// The flow as [`App::prepare`] (or a key of the Flow view) last laid
    /// it out.
    pub fn prepared_flow(&self) -> &Flow {
        self.flow_cache.flow()
    }
}
