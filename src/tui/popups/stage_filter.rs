//! Choosing the stage the Touchpoints view shows, from a list of every
//! stage (typing narrows it), or every stage again.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::{Host, Next, Popup, Shown};
use crate::model::ItemKind;
use crate::tui::action::{Action, Context};
use crate::tui::widgets::{PickList, PickResult, draw_pick};

#[derive(Debug, Clone, PartialEq)]
pub struct StageFilter {
    pub pick: PickList,
}

/// The value that stands for "every stage".
const EVERY_STAGE: &str = "";

impl StageFilter {
    /// The stages to choose from, each with its number of touchpoints, the
    /// current one selected.
    pub fn open(host: &mut dyn Host) -> Self {
        let mut options = vec![(EVERY_STAGE.to_string(), "(every stage)".to_string())];
        for (i, (id, name)) in host.options(ItemKind::Stage).into_iter().enumerate() {
            let count = host.stage_touchpoints(i);
            options.push((id, format!("{name}  ({count})")));
        }
        let current = host.stage_filter().unwrap_or_default();
        Self {
            pick: PickList::new("Show the touchpoints of", options, false, &[current]),
        }
    }
}

impl Popup for StageFilter {
    fn context(&self) -> Context {
        Context::Pick
    }

    fn handle(mut self, host: &mut dyn Host, action: Action) -> Next {
        match self.pick.handle(action, host.page()) {
            PickResult::Chosen(values) => {
                let stage = values.into_iter().next().filter(|v| v != EVERY_STAGE);
                host.set_stage_filter(stage);
                Next::Close
            }
            PickResult::Cancelled => Next::Close,
            PickResult::Open => self.into(),
        }
    }

    fn draw(&self, frame: &mut Frame, _host: &dyn Host, body: Rect) -> Shown {
        let (rows, offset) = draw_pick(frame, body, &self.pick);
        Shown {
            rows: Some(rows),
            scroll: Some(offset),
        }
    }

    fn scrolled(&mut self, offset: usize) {
        self.pick.offset = offset;
    }
}
