//! Saving over a file that changed on disk: reload, overwrite, or write
//! elsewhere.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::{Host, Next, Popup, SaveAs, Shown, message_box};
use crate::tui::action::{Action, Context};
use crate::tui::widgets::TextInput;

#[derive(Debug, Clone, PartialEq)]
pub struct Conflict;

impl Popup for Conflict {
    fn context(&self) -> Context {
        Context::Conflict
    }

    fn handle(self, host: &mut dyn Host, action: Action) -> Next {
        match action {
            Action::Choose('r') => {
                host.reload();
                Next::Close
            }
            Action::Choose('o') => {
                host.save(true);
                Next::Close
            }
            Action::Choose('w') => {
                let suggestion = host.doc().path.with_extension("mine.ron").display().to_string();
                SaveAs {
                    input: TextInput::new(&suggestion),
                }
                .into()
            }
            Action::Cancel => {
                host.info("nothing saved; your edits are kept".to_string());
                Next::Close
            }
            _ => self.into(),
        }
    }

    fn draw(&self, frame: &mut Frame, host: &dyn Host, body: Rect) -> Shown {
        let file = host.doc().file_label();
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
