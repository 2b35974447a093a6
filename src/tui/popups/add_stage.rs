//! The stage of a new touchpoint, picked from the map's stages.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::{Popup, Shown};
use crate::model::ItemKind;
use crate::tui::action::{Action, Context};
use crate::tui::app::{App, Mode};
use crate::tui::views::form::draw_pick;
use crate::tui::widgets::{PickList, PickResult};

#[derive(Debug, Clone, PartialEq)]
pub struct AddStage {
    /// The new touchpoint's name.
    pub name: String,
    pub pick: PickList,
}

impl Popup for AddStage {
    fn context(&self) -> Context {
        Context::Pick
    }

    fn handle(mut self, app: &mut App, action: Action) -> Mode {
        match self.pick.handle(action, app.page) {
            PickResult::Chosen(values) => match values.into_iter().next() {
                Some(stage) => {
                    let index = app.add_item(ItemKind::Touchpoint, &self.name, Some(stage));
                    app.added(ItemKind::Touchpoint, index)
                }
                None => self.into(),
            },
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
