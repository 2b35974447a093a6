//! Popups, one file each: its state, what its keys do, how it is drawn and
//! which key table it reads (from which the status line and help take
//! their hints). Adding a popup is a file here and one line in
//! [`popups!`].

mod add_name;
mod add_stage;
mod columns;
mod conflict;
mod delete;
mod export_format;
mod export_overwrite;
mod export_path;
mod filter;
mod findings;
mod jump;
mod matrix_filter;
mod quit;
mod recovery_offer;
mod resolve;
mod save_as;
mod stage_filter;

pub use add_name::AddName;
pub use add_stage::AddStage;
pub use columns::Columns;
pub use conflict::Conflict;
pub use delete::Delete;
pub use export_format::ExportFormat;
pub use export_overwrite::ExportOverwrite;
pub use export_path::ExportPath;
pub use filter::Filter;
pub use findings::Findings;
pub use jump::Jump;
pub use matrix_filter::MatrixFilter;
pub use quit::Quit;
pub use recovery_offer::RecoveryOffer;
pub use resolve::Resolve;
pub use save_as::SaveAs;
pub use stage_filter::StageFilter;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};

use std::path::{Path, PathBuf};

use super::action::{Action, Context};
use super::document::Document;
use super::touchpoint_view::TouchpointColumn;
use super::widgets::chrome::{centered, dim_style, label_style, popup};
use super::widgets::{Rows, TextInput};
use crate::model::{ItemKind, JourneyMap, Target};
use crate::text::bidi::shown_lines;
use crate::text::{pad, truncate};

/// What a popup laid out: the rows of its list (for the mouse) and the
/// first row shown, when it has a list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Shown {
    pub rows: Option<Rect>,
    pub scroll: Option<usize>,
}

/// What the workbench shows after a popup handled a key.
#[derive(Debug)]
pub enum Next {
    /// This popup again, or another one.
    Popup(Dialog),
    /// Nothing: back to the view.
    Close,
    /// The form of an item, on one of its fields.
    Form(Target, usize),
    /// Whatever the workbench itself opened meanwhile (a save that found
    /// the file changed on disk asks about it), else nothing.
    AsIs,
}

/// What popups ask of the workbench. The app implements it; popups never
/// name the app, which holds them.
pub trait Host {
    fn doc(&self) -> &Document;
    fn info(&mut self, text: String);
    fn error(&mut self, text: String);
    /// Rows a list pages by.
    fn page(&self) -> usize;
    fn quit(&mut self);
    /// Saves the map (`force`: even over changes on disk); true when saved.
    fn save(&mut self, force: bool) -> bool;
    fn save_as(&mut self, path: PathBuf) -> bool;
    fn reload(&mut self);
    fn discard_recovery(&mut self);
    fn replace_map(&mut self, map: JourneyMap);
    /// Writes report `format` to `path`; true when written.
    fn export(&mut self, format: usize, path: &Path) -> bool;
    /// Items matching a search, and how many match in all.
    fn search(&mut self, query: &str) -> (Vec<(ItemKind, usize)>, usize);
    fn go_to(&mut self, kind: ItemKind, index: usize);
    fn go_to_finding(&mut self, n: usize);
    /// How many lint findings there are now.
    fn finding_count(&mut self) -> usize;
    /// `(id, name)` of every item of a kind, for pick lists.
    fn options(&self, kind: ItemKind) -> Vec<(String, String)>;
    /// The stage the Touchpoints view is narrowed to, if any.
    fn stage_filter(&self) -> Option<String>;
    /// Narrows the Touchpoints view to one stage (an id), or shows every stage.
    fn set_stage_filter(&mut self, stage: Option<String>);
    /// How many touchpoints the stage at a position has.
    fn stage_touchpoints(&mut self, index: usize) -> usize;
    /// The optional columns the Touchpoints view shows.
    fn set_touchpoint_columns(&mut self, columns: Vec<TouchpointColumn>);
    /// Adds an item (a touchpoint at `stage`); its position.
    fn add_item(&mut self, kind: ItemKind, name: &str, stage: Option<String>) -> usize;
    /// After adding an item: its form, on the field after the name.
    fn added(&mut self, kind: ItemKind, index: usize) -> Next;
    /// Adds a touchpoint at a matrix cell.
    fn add_placed(&mut self, name: &str, stage: String, tactic: String);
    /// Applies a choice to a merge conflict, in the map as it is.
    fn resolve(
        &mut self,
        conflict: &crate::model::conflict::Conflict,
        choice: &crate::model::conflict::Choice,
    ) -> Result<(), String>;
    /// Adds a campaign for the step between two stages (ids); its position.
    fn add_on_step(&mut self, name: &str, from: String, to: String) -> usize;
    fn delete_item(&mut self, kind: ItemKind, index: usize);
    fn set_matrix_filter(&mut self, value: &str);
    /// Narrows the current view's list to names and ids holding `text`.
    fn set_view_filter(&mut self, text: &str);
    /// Clears the current view's filters.
    fn clear_view_filters(&mut self);
}

/// What every popup does.
pub trait Popup: Sized {
    /// The key table its keys are read with.
    fn context(&self) -> Context;
    /// Handles one action; what the workbench shows next: this popup again,
    /// another one, a form, or nothing.
    fn handle(self, host: &mut dyn Host, action: Action) -> Next;
    /// Draws it over `body`; what it laid out.
    fn draw(&self, frame: &mut Frame, host: &dyn Host, body: Rect) -> Shown;
    /// Text pasted from the terminal, for popups that take text.
    fn paste(&mut self, _host: &mut dyn Host, _text: &str) {}
    /// The first row its list showed at the last draw, for popups that scroll.
    fn scrolled(&mut self, _offset: usize) {}
}

/// The registry of popups: the [`Dialog`] enumeration and its dispatch.
macro_rules! popups {
    ($($variant:ident($ty:ty),)*) => {
        /// The popup open over the view.
        #[derive(Debug, Clone, PartialEq)]
        pub enum Dialog {
            $($variant($ty),)*
        }

        impl Dialog {
            pub fn context(&self) -> Context {
                match self {
                    $(Dialog::$variant(p) => p.context(),)*
                }
            }

            pub fn handle(self, host: &mut dyn Host, action: Action) -> Next {
                match self {
                    $(Dialog::$variant(p) => p.handle(host, action),)*
                }
            }

            pub fn draw(&self, frame: &mut Frame, host: &dyn Host, body: Rect) -> Shown {
                match self {
                    $(Dialog::$variant(p) => p.draw(frame, host, body),)*
                }
            }

            pub fn paste(&mut self, host: &mut dyn Host, text: &str) {
                match self {
                    $(Dialog::$variant(p) => p.paste(host, text),)*
                }
            }

            pub fn scrolled(&mut self, offset: usize) {
                match self {
                    $(Dialog::$variant(p) => p.scrolled(offset),)*
                }
            }
        }

        $(impl From<$ty> for Dialog {
            fn from(popup: $ty) -> Dialog {
                Dialog::$variant(popup)
            }
        }

        impl From<$ty> for Next {
            fn from(popup: $ty) -> Next {
                Next::Popup(Dialog::$variant(popup))
            }
        })*
    };
}

popups! {
    AddName(AddName),
    AddStage(AddStage),
    Delete(Delete),
    Quit(Quit),
    Conflict(Conflict),
    SaveAs(SaveAs),
    Recovery(RecoveryOffer),
    Filter(Filter),
    MatrixFilter(MatrixFilter),
    StageFilter(StageFilter),
    Columns(Columns),
    Jump(Box<Jump>),
    Export(ExportFormat),
    ExportPath(ExportPath),
    ExportOverwrite(ExportOverwrite),
    Findings(Findings),
    Resolve(Resolve),
}

impl From<Jump> for Dialog {
    fn from(popup: Jump) -> Dialog {
        Dialog::Jump(Box::new(popup))
    }
}

impl From<Jump> for Next {
    fn from(popup: Jump) -> Next {
        Next::Popup(Dialog::from(popup))
    }
}

impl<P: Popup> Popup for Box<P> {
    fn context(&self) -> Context {
        (**self).context()
    }

    fn handle(self, host: &mut dyn Host, action: Action) -> Next {
        (*self).handle(host, action)
    }

    fn draw(&self, frame: &mut Frame, host: &dyn Host, body: Rect) -> Shown {
        (**self).draw(frame, host, body)
    }

    fn paste(&mut self, host: &mut dyn Host, text: &str) {
        (**self).paste(host, text);
    }

    fn scrolled(&mut self, offset: usize) {
        (**self).scrolled(offset);
    }
}

/// Draws wrapped text lines, then the choices, in a centred box.
fn message_box(frame: &mut Frame, body: Rect, title: &str, text: &[String], choices: &[(&str, &str)]) {
    let w = body.width.saturating_sub(10).min(72);
    let cells = usize::from(w.saturating_sub(2));
    let mut lines: Vec<Line> = Vec::new();
    // The text quotes names from the map: drawn as the bidi setting says.
    for paragraph in text {
        for l in shown_lines(paragraph, cells) {
            lines.push(Line::raw(l));
        }
    }
    lines.push(Line::raw(""));
    for (key, what) in choices {
        lines.push(Line::from(vec![
            Span::styled(format!("  {key:<6}"), label_style().fg(Color::Cyan)),
            Span::raw(truncate(what, cells.saturating_sub(8)).into_owned()),
        ]));
    }
    let h = (lines.len() as u16 + 2).min(body.height);
    let inner = popup(frame, centered(body, w, h), title);
    frame.render_widget(Rows::new(lines), inner);
}

/// A one-line input with its label and a line of help, in a centred box.
fn input_box(frame: &mut Frame, body: Rect, title: &str, label: &str, input: &TextInput, help: &str) {
    let w = body.width.saturating_sub(10).min(72);
    let inner = popup(frame, centered(body, w, 5), title);
    let cells = usize::from(inner.width);
    let label_w = crate::text::width(label) + 1;
    let (shown, x) = input.view(cells.saturating_sub(label_w));
    let lines = vec![
        Line::from(vec![
            Span::styled(format!("{label} "), label_style()),
            Span::styled(
                pad(&shown, cells.saturating_sub(label_w)),
                Style::new().bg(Color::DarkGray),
            ),
        ]),
        Line::raw(""),
        Line::styled(truncate(help, cells).into_owned(), dim_style()),
    ];
    frame.render_widget(Rows::new(lines), inner);
    frame.set_cursor_position((inner.x + (label_w + x) as u16, inner.y));
}
