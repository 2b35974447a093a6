//! Choosing the report to export.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::{ExportPath, Popup, Shown};
use crate::tui::action::{Action, Context};
use crate::tui::app::{App, Mode};
use crate::tui::export::{FORMATS, default_path};
use crate::tui::views::form::draw_pick;
use crate::tui::widgets::{PickList, PickResult, TextInput};

#[derive(Debug, Clone, PartialEq)]
pub struct ExportFormat {
    pub pick: PickList,
}

impl ExportFormat {
    /// The list of every report the workbench can write.
    pub fn new() -> Self {
        let options = FORMATS
            .iter()
            .enumerate()
            .map(|(i, f)| (i.to_string(), format!("{} ({})", f.label, f.suffix)))
            .collect();
        Self {
            pick: PickList::new("export a report", options, false, &[]),
        }
    }
}

impl Default for ExportFormat {
    fn default() -> Self {
        Self::new()
    }
}

impl Popup for ExportFormat {
    fn context(&self) -> Context {
        Context::Pick
    }

    fn handle(mut self, app: &mut App, action: Action) -> Mode {
        match self.pick.handle(action, app.page) {
            PickResult::Chosen(values) => {
                let format = values.first().and_then(|v| v.parse().ok()).unwrap_or(0);
                let path = default_path(&app.doc.path, format);
                ExportPath {
                    format,
                    input: TextInput::new(&path.display().to_string()),
                }
                .into()
            }
            PickResult::Cancelled => Mode::Normal,
            PickResult::Open => self.into(),
        }
    }

    fn draw(&self, frame: &mut Frame, _app: &App, body: Rect) -> Shown {
        draw_pick(frame, body, &self.pick)
    }

    fn scrolled(&mut self, offset: usize) {
        self.pick.offset = offset;
    }
}
