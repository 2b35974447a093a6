//! A recovery copy newer than the file: restore its edits or discard it.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::{Host, Next, Popup, Shown, message_box};
use crate::model::JourneyMap;
use crate::tui::action::{Action, Context};

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

    fn handle(self, host: &mut dyn Host, action: Action) -> Next {
        match action {
            Action::Choose('r') => {
                host.replace_map(*self.recovered);
                host.info("restored the unsaved edits: ^S saves them to the file".to_string());
                Next::Close
            }
            Action::Choose('d') => {
                host.discard_recovery();
                host.info("discarded the recovery copy".to_string());
                Next::Close
            }
            _ => self.into(),
        }
    }

    fn draw(&self, frame: &mut Frame, host: &dyn Host, body: Rect) -> Shown {
        message_box(
            frame,
            body,
            "Unsaved edits found",
            &[format!(
                "A recovery copy of {} from {} holds edits that were never saved (journeymap was closed or crashed).",
                host.doc().file_label(),
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
