//! The export's file exists: replace it, or choose another name.

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::{ExportPath, Host, Next, Popup, Shown, message_box};
use crate::text::sanitize;
use crate::tui::action::{Action, Context};
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

    fn handle(self, host: &mut dyn Host, action: Action) -> Next {
        match action {
            Action::Confirm => {
                host.export(self.format, &self.path);
                Next::Close
            }
            Action::Cancel => ExportPath {
                format: self.format,
                input: TextInput::new(&self.path.display().to_string()),
            }
            .into(),
            _ => self.into(),
        }
    }

    fn draw(&self, frame: &mut Frame, _host: &dyn Host, body: Rect) -> Shown {
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
