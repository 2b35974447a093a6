//! The name of a new item; a touchpoint then asks for its stage, unless it
//! was added at a matrix cell, which places it.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::{AddStage, Popup, Shown, input_box};
use crate::model::ItemKind;
use crate::tui::action::{Action, Context};
use crate::tui::app::{App, Mode};
use crate::tui::widgets::{InputResult, PickList, TextInput};

#[derive(Debug, Clone, PartialEq)]
pub struct AddName {
    pub kind: ItemKind,
    pub input: TextInput,
    /// A touchpoint added from the matrix: its stage and tactic ids.
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

    fn handle(mut self, app: &mut App, action: Action) -> Mode {
        match self.input.handle(action) {
            InputResult::Confirmed => {
                let name = self.input.text().trim().to_string();
                if name.is_empty() {
                    app.error("type a name first (Esc cancels)");
                    return self.into();
                }
                if let Some((stage, tactic)) = self.place {
                    app.add_placed(&name, stage, tactic);
                    return Mode::Normal;
                }
                if self.kind == ItemKind::Touchpoint {
                    let current: Vec<String> = app.stage_filter.clone().into_iter().collect();
                    let pick = PickList::new(
                        "stage of the new touchpoint",
                        app.options(ItemKind::Stage),
                        false,
                        &current,
                    );
                    return AddStage { name, pick }.into();
                }
                let index = app.add_item(self.kind, &name, None);
                app.added(self.kind, index)
            }
            InputResult::Cancelled => Mode::Normal,
            _ => self.into(),
        }
    }

    fn draw(&self, frame: &mut Frame, _app: &App, body: Rect) -> Shown {
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

    fn paste(&mut self, _app: &mut App, text: &str) {
        self.input.insert_str(text);
    }
}
