//! What the Flow view's keys do: move the cell cursor between steps, jump
//! to the next gap, add a campaign for a step, edit a step's campaigns. The
//! flow it draws is kept in [`super::flow_cache`].

use super::action::Action;
use super::app::{App, Mode};
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
        let item = Item::Campaign(Box::new(Campaign {
            id,
            name: name.to_string(),
            from_stage: from,
            to_stage: to,
            ..Campaign::default()
        }));
        self.insert_item(ItemKind::Campaign, item)
    }
}

impl App {
    /// The flow as [`App::prepare`] (or a key of the Flow view) last laid
    /// it out.
    pub fn prepared_flow(&self) -> &Flow {
        self.flow_cache.flow()
    }
}
