//! Choosing the persona or segment the matrix shows.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::{Popup, Shown};
use crate::tui::action::{Action, Context};
use crate::tui::app::{App, Mode};
use crate::tui::views::form::draw_pick;
use crate::tui::widgets::{PickList, PickResult};

#[derive(Debug, Clone, PartialEq)]
pub struct MatrixFilter {
    pub pick: PickList,
}

impl Popup for MatrixFilter {
    fn context(&self) -> Context {
        Context::Pick
    }

    fn handle(mut self, app: &mut App, action: Action) -> Mode {
        match self.pick.handle(action, app.page) {
            PickResult::Chosen(values) => {
                app.set_matrix_filter(values.first().map_or("", String::as_str));
                Mode::Normal
            }
            PickResult::Cancelled => Mode::Normal,
            PickResult::Open => self.into(),
        }
    }

    fn draw(&self, frame: &mut Frame, _app: &App, body: Rect) -> Shown {
        draw_pick(frame, body, &self.pick)
    }

    fn scrolled(&mut self, offset: usize) {
        self.pick.offset = offset;
    }
}
