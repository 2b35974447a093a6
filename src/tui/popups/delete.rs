//! Confirming a deletion, with the references that go with the item.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::{Host, Next, Popup, Shown, message_box};
use crate::model::ItemKind;
use crate::text::sanitize;
use crate::tui::action::{Action, Context};

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

    fn handle(self, host: &mut dyn Host, action: Action) -> Next {
        match action {
            Action::Confirm => {
                let name = host
                    .doc()
                    .map
                    .id_and_name(self.kind, self.index)
                    .map(|(_, n)| sanitize(n).into_owned())
                    .unwrap_or_default();
                host.delete_item(self.kind, self.index);
                host.info(format!("deleted {} “{name}”", self.kind.noun()));
                Next::Close
            }
            Action::Cancel => Next::Close,
            _ => self.into(),
        }
    }

    fn draw(&self, frame: &mut Frame, host: &dyn Host, body: Rect) -> Shown {
        let (id, name) = host.doc().map.id_and_name(self.kind, self.index).unwrap_or(("", ""));
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
