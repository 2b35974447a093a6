//! Where to write the chosen report (asks before replacing a file).

use ratatui::Frame;
use ratatui::layout::Rect;

use super::{ExportOverwrite, Host, Next, Popup, Shown, input_box};
use crate::tui::action::{Action, Context};
use crate::tui::widgets::{InputResult, TextInput};

#[derive(Debug, Clone, PartialEq)]
pub struct ExportPath {
    /// A position in [`crate::tui::export::FORMATS`].
    pub format: usize,
    pub input: TextInput,
}

impl Popup for ExportPath {
    fn context(&self) -> Context {
        Context::Text
    }

    fn handle(mut self, host: &mut dyn Host, action: Action) -> Next {
        match self.input.handle(action) {
            InputResult::Confirmed => {
                let text = self.input.text().trim().to_string();
                if text.is_empty() {
                    return self.into();
                }
                let path = std::path::PathBuf::from(text);
                if path.exists() {
                    return ExportOverwrite {
                        format: self.format,
                        path,
                    }
                    .into();
                }
                if host.export(self.format, &path) {
                    Next::Close
                } else {
                    self.into()
                }
            }
            InputResult::Cancelled => Next::Close,
            _ => self.into(),
        }
    }

    fn draw(&self, frame: &mut Frame, _host: &dyn Host, body: Rect) -> Shown {
        input_box(
            frame,
            body,
            "Export to",
            "File:",
            &self.input,
            "Enter: write (asks before replacing a file) · Esc: cancel",
        );
        Shown::default()
    }

    fn paste(&mut self, _host: &mut dyn Host, text: &str) {
        self.input.insert_str(text);
    }
}
