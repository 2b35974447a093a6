//! Choosing the report to export.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::{ExportPath, Host, Next, Popup, Shown};
use crate::tui::action::{Action, Context};
use crate::tui::export::{FORMATS, default_path};
use crate::tui::widgets::draw_pick;
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

    fn handle(mut self, host: &mut dyn Host, action: Action) -> Next {
        match self.pick.handle(action, host.page()) {
            PickResult::Chosen(values) => {
                let format = values.first().and_then(|v| v.parse().ok()).unwrap_or(0);
                let path = default_path(&host.doc().path, format);
                ExportPath {
                    format,
                    input: TextInput::new(&path.display().to_string()),
                }
                .into()
            }
            PickResult::Cancelled => Next::Close,
            PickResult::Open => self.into(),
        }
    }

    fn draw(&self, frame: &mut Frame, _host: &dyn Host, body: Rect) -> Shown {
        let (rows, offset) = draw_pick(frame, body, &self.pick);
        Shown {
            rows: Some(rows),
            scroll: Some(offset),
        }
    }

    fn scrolled(&mut self, offset: usize) {
        self.pick.offset = offset;
    }
}
