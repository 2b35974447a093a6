//! The export's file exists: replace it, or choose another name.

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::{ExportPath, Popup, Shown, message_box};
use crate::text::sanitize;
use crate::tui::action::{Action, Context};
use crate::tui::app::{App, Mode};
use crate::tui::widgets::TextInput;

#[derive(Debug, Clone, PartialEq)]
pub struct ExportOverwrite {
    pub format: usize,
    pub path: PathBuf,
}

impl Popup for ExportOverwrite {
    fn context(&self) -> Context {
        Context::Confirm
    }

    fn handle(self, app: &mut App, action: Action) -> Mode {
        match action {
            Action::Confirm => {
                app.export(self.format, &self.path);
                Mode::Normal
            }
            Action::Cancel => ExportPath {
                format: self.format,
                input: TextInput::new(&self.path.display().to_string()),
            }
            .into(),
            _ => self.into(),
        }
    }

    fn draw(&self, frame: &mut Frame, _app: &App, body: Rect) -> Shown {
        message_box(
            frame,
            body,
            "The file exists",
            &[format!(
                "{} exists already.",
                sanitize(&self.path.display().to_string())
            )],
            &[("y", "replace it"), ("n/Esc", "choose another name")],
        );
        Shown::default()
    }
}
