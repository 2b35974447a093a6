//! The stage of a new item that belongs to one (a touchpoint, a pain
//! point...), picked from the map's stages.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::{Host, Next, Popup, Shown};
use crate::model::ItemKind;
use crate::tui::action::{Action, Context};
use crate::tui::widgets::draw_pick;
use crate::tui::widgets::{PickList, PickResult};

#[derive(Debug, Clone, PartialEq)]
pub struct AddStage {
    pub kind: ItemKind,
    /// The new item's name.
    pub name: String,
    pub pick: PickList,
}

impl Popup for AddStage {
    fn context(&self) -> Context {
        Context::Pick
    }

    fn handle(mut self, host: &mut dyn Host, action: Action) -> Next {
        match self.pick.handle(action, host.page()) {
            PickResult::Chosen(values) => match values.into_iter().next() {
                Some(stage) => {
                    let index = host.add_item(self.kind, &self.name, Some(stage));
                    host.added(self.kind, index)
                }
                None => self.into(),
            },
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
