//! Quitting with unsaved changes: save first, discard them, or go on.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::{Host, Next, Popup, Shown, message_box};
use crate::tui::action::{Action, Context};

#[derive(Debug, Clone, PartialEq)]
pub struct Quit;

impl Popup for Quit {
    fn context(&self) -> Context {
        Context::Quit
    }

    fn handle(self, host: &mut dyn Host, action: Action) -> Next {
        match action {
            Action::Choose('s') => {
                if host.save(false) {
                    host.quit();
                }
                // A conflict on disk asks next.
                Next::AsIs
            }
            Action::Choose('d') => {
                host.discard_recovery();
                host.quit();
                Next::Close
            }
            Action::Cancel => Next::Close,
            _ => self.into(),
        }
    }

    fn draw(&self, frame: &mut Frame, host: &dyn Host, body: Rect) -> Shown {
        message_box(
            frame,
            body,
            "Unsaved changes",
            &[format!("{} has changes that are not saved.", host.doc().file_label())],
            &[
                ("s", "save, then quit"),
                ("d", "discard the changes and quit"),
                ("c/Esc", "cancel: keep editing"),
            ],
        );
        Shown::default()
    }
}
