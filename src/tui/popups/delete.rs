//! Confirming a deletion, with the references that go with the item.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::{Popup, Shown, message_box};
use crate::model::ItemKind;
use crate::text::sanitize;
use crate::tui::action::{Action, Context};
use crate::tui::app::{App, Mode};

#[derive(Debug, Clone, PartialEq)]
pub struct Delete {
    pub kind: ItemKind,
    pub index: usize,
    /// What deleting it does to the items that refer to it.
    pub consequences: Vec<String>,
}

impl Popup for Delete {
    fn context(&self) -> Context {
        Context::Confirm
    }

    fn handle(self, app: &mut App, action: Action) -> Mode {
        match action {
            Action::Confirm => {
                let name = app
                    .doc
                    .map
                    .id_and_name(self.kind, self.index)
                    .map(|(_, n)| sanitize(n).into_owned())
                    .unwrap_or_default();
                app.delete_item(self.kind, self.index);
                app.info(format!("deleted {} “{name}”", self.kind.noun()));
                Mode::Normal
            }
            Action::Cancel => Mode::Normal,
            _ => self.into(),
        }
    }

    fn draw(&self, frame: &mut Frame, app: &App, body: Rect) -> Shown {
        let (id, name) = app.doc.map.id_and_name(self.kind, self.index).unwrap_or(("", ""));
        let mut text = vec![format!(
            "Delete {} “{}” (id {})?",
            self.kind.noun(),
            sanitize(name),
            sanitize(id)
        )];
        if self.consequences.is_empty() {
            text.push("Nothing else refers to it.".into());
        } else {
            text.push("References to it are removed too:".into());
            text.extend(self.consequences.iter().map(|c| format!("• {c}")));
        }
        message_box(
            frame,
            body,
            &format!("Delete {}", self.kind.noun()),
            &text,
            &[("y", "delete"), ("n/Esc", "keep it")],
        );
        Shown::default()
    }
}
