//! A recovery copy newer than the file: restore its edits or discard it.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::{Popup, Shown, message_box};
use crate::model::JourneyMap;
use crate::tui::action::{Action, Context};
use crate::tui::app::{App, Mode};

#[derive(Debug, Clone, PartialEq)]
pub struct RecoveryOffer {
    pub recovered: Box<JourneyMap>,
    /// How long ago the copy was written, as shown.
    pub age: String,
}

impl Popup for RecoveryOffer {
    fn context(&self) -> Context {
        Context::Recovery
    }

    fn handle(self, app: &mut App, action: Action) -> Mode {
        match action {
            Action::Choose('r') => {
                app.replace_map(*self.recovered);
                app.info("restored the unsaved edits: ^S saves them to the file");
                Mode::Normal
            }
            Action::Choose('d') => {
                app.discard_recovery();
                app.info("discarded the recovery copy");
                Mode::Normal
            }
            _ => self.into(),
        }
    }

    fn draw(&self, frame: &mut Frame, app: &App, body: Rect) -> Shown {
        message_box(
            frame,
            body,
            "Unsaved edits found",
            &[format!(
                "A recovery copy of {} from {} holds edits that were never saved (journeymap was closed or crashed).",
                app.file_label(),
                self.age
            )],
            &[
                ("r", "restore those edits"),
                ("d", "discard them and open the file as it is"),
            ],
        );
        Shown::default()
    }
}
