//! The name of a new item; a touchpoint then asks for its stage, unless it
//! was added at a matrix cell, which places it.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::{AddStage, Host, Next, Popup, Shown, input_box};
use crate::model::ItemKind;
use crate::tui::action::{Action, Context};
use crate::tui::widgets::{InputResult, PickList, TextInput};

#[derive(Debug, Clone, PartialEq)]
pub struct AddName {
    pub kind: ItemKind,
    pub input: TextInput,
    /// A touchpoint added from the matrix: its stage and tactic ids; a
    /// campaign added from the flow: the ids of the stages of its step.
    pub place: Option<(String, String)>,
}

impl AddName {
    pub fn new(kind: ItemKind, place: Option<(String, String)>) -> Self {
        Self {
            kind,
            input: TextInput::default(),
            place,
        }
    }
}

impl Popup for AddName {
    fn context(&self) -> Context {
        Context::Text
    }

    fn handle(mut self, host: &mut dyn Host, action: Action) -> Next {
        match self.input.handle(action) {
            InputResult::Confirmed => {
                let name = self.input.text().trim().to_string();
                if name.is_empty() {
                    host.error("type a name first (Esc cancels)".to_string());
                    return self.into();
                }
                if let Some((first, second)) = self.place {
                    if self.kind == ItemKind::Campaign {
                        let index = host.add_on_step(&name, first, second);
                        return host.added(ItemKind::Campaign, index);
                    }
                    host.add_placed(&name, first, second);
                    return Next::Close;
                }
                if self.kind.placed_at_stage() {
                    let current: Vec<String> = host.stage_filter().into_iter().collect();
                    let pick = PickList::new(
                        format!("stage of the new {}", self.kind.noun()),
                        host.options(ItemKind::Stage),
                        false,
                        &current,
                    );
                    return AddStage {
                        kind: self.kind,
                        name,
                        pick,
                    }
                    .into();
                }
                let index = host.add_item(self.kind, &name, None);
                host.added(self.kind, index)
            }
            InputResult::Cancelled => Next::Close,
            _ => self.into(),
        }
    }

    fn draw(&self, frame: &mut Frame, _host: &dyn Host, body: Rect) -> Shown {
        input_box(
            frame,
            body,
            &format!("New {}", self.kind.noun()),
            "Name:",
            &self.input,
            "Enter: add · Esc: cancel · the id is made from the name and never changes",
        );
        Shown::default()
    }

    fn paste(&mut self, _host: &mut dyn Host, text: &str) {
        self.input.insert_str(text);
    }
}
