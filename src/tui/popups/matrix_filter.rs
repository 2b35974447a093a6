//! Choosing the persona, segment or campaign whose touchpoints the matrix shows.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::{Host, Next, Popup, Shown};
use crate::tui::action::{Action, Context};
use crate::tui::widgets::draw_pick;
use crate::tui::widgets::{PickList, PickResult};

#[derive(Debug, Clone, PartialEq)]
pub struct MatrixFilter {
    pub pick: PickList,
}

impl Popup for MatrixFilter {
    fn context(&self) -> Context {
        Context::Pick
    }

    fn handle(mut self, host: &mut dyn Host, action: Action) -> Next {
        match self.pick.handle(action, host.page()) {
            PickResult::Chosen(values) => {
                host.set_matrix_filter(values.first().map_or("", String::as_str));
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
