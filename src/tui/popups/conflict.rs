//! Saving over a file that changed on disk: reload, overwrite, or write
//! elsewhere.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::{Popup, SaveAs, Shown, message_box};
use crate::tui::action::{Action, Context};
use crate::tui::app::{App, Mode};
use crate::tui::widgets::TextInput;

#[derive(Debug, Clone, PartialEq)]
pub struct Conflict;

impl Popup for Conflict {
    fn context(&self) -> Context {
        Context::Conflict
    }

    fn handle(self, app: &mut App, action: Action) -> Mode {
        match action {
            Action::Choose('r') => {
                app.reload();
                Mode::Normal
            }
            Action::Choose('o') => {
                app.save(true);
                Mode::Normal
            }
            Action::Choose('w') => {
                let suggestion = app.doc.path.with_extension("mine.ron").display().to_string();
                SaveAs {
                    input: TextInput::new(&suggestion),
                }
                .into()
            }
            Action::Cancel => {
                app.info("nothing saved; your edits are kept");
                Mode::Normal
            }
            _ => self.into(),
        }
    }

    fn draw(&self, frame: &mut Frame, app: &App, body: Rect) -> Shown {
        let file = app.file_label();
        message_box(
            frame,
            body,
            "The file changed on disk",
            &[
                format!("{file} changed on disk since it was opened (another editor, or git)."),
                "Saving now would overwrite those changes.".into(),
            ],
            &[
                ("r", "reload the file from disk, discarding your edits"),
                ("o", "overwrite the file with your version"),
                ("w", "write your version to another file"),
                ("Esc", "cancel: keep editing, save nothing"),
            ],
        );
        Shown::default()
    }
}
