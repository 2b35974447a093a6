//! What the Journey view's keys do: move along the stages, scroll the lanes,
//! edit the selected stage. The canvas it draws is kept in
//! [`super::journey_canvas`].

use super::action::Action;
use super::app::App;
use crate::analysis::canvas::Canvas;
use crate::model::{ItemKind, Target};

impl App {
    /// Keys of the Journey view; false when the key is not the view's own.
    pub(crate) fn journey_key(&mut self, action: Action) -> bool {
        let stages = self.doc.map.stages.len();
        let last = stages.saturating_sub(1);
        let page = self.journey.page.max(1);
        let pos = &mut self.journey;
        pos.stage = pos.stage.min(last);
        match action {
            Action::Left => pos.stage = pos.stage.saturating_sub(1),
            Action::Right => pos.stage = (pos.stage + 1).min(last),
            Action::Home => pos.stage = 0,
            Action::End => pos.stage = last,
            // Drawing keeps the line within what the lanes hold.
            Action::Up => pos.line = pos.line.saturating_sub(1),
            Action::Down => pos.line += 1,
            Action::PageUp => pos.line = pos.line.saturating_sub(page),
            Action::PageDown => pos.line += page,
            Action::Edit if stages > 0 => {
                let stage = pos.stage;
                self.open_form(Target::Item(ItemKind::Stage, stage), 0);
            }
            _ => return false,
        }
        true
    }
}

impl App {
    /// The journey canvas as [`App::prepare`] last laid it out for the
    /// Journey view.
    pub fn prepared_canvas(&self) -> &Canvas {
        self.journey_canvas.canvas()
    }
}
