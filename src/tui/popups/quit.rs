//! Quitting with unsaved changes: save first, discard them, or go on.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::{Popup, Shown, message_box};
use crate::tui::action::{Action, Context};
use crate::tui::app::{App, Mode};

#[derive(Debug, Clone, PartialEq)]
pub struct Quit;

impl Popup for Quit {
    fn context(&self) -> Context {
        Context::Quit
    }

    fn handle(self, app: &mut App, action: Action) -> Mode {
        match action {
            Action::Choose('s') => {
                if app.save(false) {
                    app.should_quit = true;
                }
                // A conflict on disk asks next.
                std::mem::take(&mut app.mode)
            }
            Action::Choose('d') => {
                app.discard_recovery();
                app.should_quit = true;
                Mode::Normal
            }
            Action::Cancel => Mode::Normal,
            _ => self.into(),
        }
    }

    fn draw(&self, frame: &mut Frame, app: &App, body: Rect) -> Shown {
        message_box(
            frame,
            body,
            "Unsaved changes",
            &[format!("{} has changes that are not saved.", app.file_label())],
            &[
                ("s", "save, then quit"),
                ("d", "discard the changes and quit"),
                ("c/Esc", "cancel: keep editing"),
            ],
        );
        Shown::default()
    }
}
