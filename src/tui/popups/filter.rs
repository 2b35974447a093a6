//! The `/` filter of the current view, typed on the message line: the list
//! narrows with every key.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::{Host, Next, Popup, Shown};
use crate::tui::action::{Action, Context};
use crate::tui::widgets::{InputResult, TextInput};

#[derive(Debug, Clone, PartialEq)]
pub struct Filter {
    pub input: TextInput,
}

impl Filter {
    /// Narrows the current view's list to the text typed so far.
    fn narrow(&self, host: &mut dyn Host) {
        host.set_view_filter(self.input.text());
    }
}

impl Popup for Filter {
    fn context(&self) -> Context {
        Context::Text
    }

    fn handle(mut self, host: &mut dyn Host, action: Action) -> Next {
        let result = self.input.handle(action);
        match result {
            InputResult::Cancelled => {
                host.clear_view_filters();
                Next::Close
            }
            InputResult::Confirmed => Next::Close,
            _ => {
                self.narrow(host);
                self.into()
            }
        }
    }

    fn paste(&mut self, host: &mut dyn Host, text: &str) {
        self.input.insert_str(text);
        self.narrow(host);
    }

    /// Drawn on the message line by the view (it narrows the list in place).
    fn draw(&self, _frame: &mut Frame, _host: &dyn Host, _body: Rect) -> Shown {
        Shown::default()
    }
}
