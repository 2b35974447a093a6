//! Another file to write the map to (never over an existing one).

use ratatui::Frame;
use ratatui::layout::Rect;

use super::{Host, Next, Popup, Shown, input_box};
use crate::tui::action::{Action, Context};
use crate::tui::widgets::{InputResult, TextInput};

#[derive(Debug, Clone, PartialEq)]
pub struct SaveAs {
    pub input: TextInput,
}

impl Popup for SaveAs {
    fn context(&self) -> Context {
        Context::Text
    }

    fn handle(mut self, host: &mut dyn Host, action: Action) -> Next {
        match self.input.handle(action) {
            InputResult::Confirmed => {
                let text = self.input.text().trim().to_string();
                if text.is_empty() || !host.save_as(std::path::PathBuf::from(text)) {
                    return self.into();
                }
                Next::Close
            }
            InputResult::Cancelled => Next::Close,
            _ => self.into(),
        }
    }

    fn draw(&self, frame: &mut Frame, _host: &dyn Host, body: Rect) -> Shown {
        input_box(
            frame,
            body,
            "Save your version elsewhere",
            "File:",
            &self.input,
            "Enter: save (never over an existing file) · Esc: cancel",
        );
        Shown::default()
    }

    fn paste(&mut self, _host: &mut dyn Host, text: &str) {
        self.input.insert_str(text);
    }
}
