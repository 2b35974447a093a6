//! The `/` filter of the current view, typed on the message line: the list
//! narrows with every key.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::{Popup, Shown};
use crate::tui::action::{Action, Context};
use crate::tui::app::{App, Mode};
use crate::tui::widgets::{InputResult, TextInput};

#[derive(Debug, Clone, PartialEq)]
pub struct Filter {
    pub input: TextInput,
}

impl Filter {
    /// Narrows the current view's list to the text typed so far.
    fn narrow(&self, app: &mut App) {
        let tab = app.tab.index();
        if app.name_filter[tab] != self.input.text() {
            app.name_filter[tab] = self.input.text().to_string();
            app.lists[tab] = Default::default();
        }
    }
}

impl Popup for Filter {
    fn context(&self) -> Context {
        Context::Text
    }

    fn handle(mut self, app: &mut App, action: Action) -> Mode {
        let result = self.input.handle(action);
        match result {
            InputResult::Cancelled => {
                app.clear_filters(app.tab);
                Mode::Normal
            }
            InputResult::Confirmed => Mode::Normal,
            _ => {
                self.narrow(app);
                self.into()
            }
        }
    }

    fn paste(&mut self, app: &mut App, text: &str) {
        self.input.insert_str(text);
        self.narrow(app);
    }

    /// Drawn on the message line by the view (it narrows the list in place).
    fn draw(&self, _frame: &mut Frame, _app: &App, _body: Rect) -> Shown {
        Shown::default()
    }
}
