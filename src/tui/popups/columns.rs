//! Choosing the optional columns of the Touchpoints view: tactics,
//! personas, channel. The choice lasts for the session.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::{Host, Next, Popup, Shown};
use crate::tui::action::{Action, Context};
use crate::tui::touchpoint_view::TouchpointColumn;
use crate::tui::widgets::{PickList, PickResult, draw_pick};

#[derive(Debug, Clone, PartialEq)]
pub struct Columns {
    pub pick: PickList,
}

impl Columns {
    /// The columns to tick, those shown now ticked.
    pub fn open(shown: &[TouchpointColumn]) -> Self {
        let options = TouchpointColumn::ALL
            .iter()
            .map(|c| (c.title().to_string(), c.title().to_string()))
            .collect();
        let current: Vec<String> = shown.iter().map(|c| c.title().to_string()).collect();
        Self {
            pick: PickList::new("Columns to show (Space ticks)", options, true, &current),
        }
    }
}

impl Popup for Columns {
    fn context(&self) -> Context {
        Context::Pick
    }

    fn handle(mut self, host: &mut dyn Host, action: Action) -> Next {
        match self.pick.handle(action, host.page()) {
            PickResult::Chosen(values) => {
                let columns = values.iter().filter_map(|v| TouchpointColumn::from_title(v)).collect();
                host.set_touchpoint_columns(columns);
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
