//! Another file to write the map to (never over an existing one).

use ratatui::Frame;
use ratatui::layout::Rect;

use super::{Popup, Shown, input_box};
use crate::tui::action::{Action, Context};
use crate::tui::app::{App, Mode};
use crate::tui::widgets::{InputResult, TextInput};

#[derive(Debug, Clone, PartialEq)]
pub struct SaveAs {
    pub input: TextInput,
}

impl Popup for SaveAs {
    fn context(&self) -> Context {
        Context::Text
    }

    fn handle(mut self, app: &mut App, action: Action) -> Mode {
        match self.input.handle(action) {
            InputResult::Confirmed => {
                let text = self.input.text().trim().to_string();
                if text.is_empty() || !app.save_as(std::path::PathBuf::from(text)) {
                    return self.into();
                }
                Mode::Normal
            }
            InputResult::Cancelled => Mode::Normal,
            _ => self.into(),
        }
    }

    fn draw(&self, frame: &mut Frame, _app: &App, body: Rect) -> Shown {
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

    fn paste(&mut self, _app: &mut App, text: &str) {
        self.input.insert_str(text);
    }
}
