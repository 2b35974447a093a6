//! Popups, one file each: its state, what its keys do, how it is drawn and
//! which key table it reads (from which the status line and help take
//! their hints). Adding a popup is a file here and one line in
//! [`popups!`].

mod add_name;
mod add_stage;
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
mod save_as;

pub use add_name::AddName;
pub use add_stage::AddStage;
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
pub use save_as::SaveAs;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::action::{Action, Context};
use super::app::{App, Mode};
use super::views::{centered, dim_style, label_style, popup};
use super::widgets::TextInput;
use crate::text::{pad, truncate, wrap};

/// What a popup laid out: the rows of its list (for the mouse) and the
/// first row shown, when it has a list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Shown {
    pub rows: Option<Rect>,
    pub scroll: Option<usize>,
}

/// What every popup does.
pub trait Popup: Sized {
    /// The key table its keys are read with.
    fn context(&self) -> Context;
    /// Handles one action; what the workbench shows next: this popup again,
    /// another one, a form, or nothing.
    fn handle(self, app: &mut App, action: Action) -> Mode;
    /// Draws it over `body`; what it laid out.
    fn draw(&self, frame: &mut Frame, app: &App, body: Rect) -> Shown;
    /// Text pasted from the terminal, for popups that take text.
    fn paste(&mut self, _app: &mut App, _text: &str) {}
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

            pub fn handle(self, app: &mut App, action: Action) -> Mode {
                match self {
                    $(Dialog::$variant(p) => p.handle(app, action),)*
                }
            }

            pub fn draw(&self, frame: &mut Frame, app: &App, body: Rect) -> Shown {
                match self {
                    $(Dialog::$variant(p) => p.draw(frame, app, body),)*
                }
            }

            pub fn paste(&mut self, app: &mut App, text: &str) {
                match self {
                    $(Dialog::$variant(p) => p.paste(app, text),)*
                }
            }

            pub fn scrolled(&mut self, offset: usize) {
                match self {
                    $(Dialog::$variant(p) => p.scrolled(offset),)*
                }
            }
        }

        $(impl From<$ty> for Mode {
            fn from(popup: $ty) -> Mode {
                Mode::Dialog(Box::new(Dialog::$variant(popup)))
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
    Jump(Box<Jump>),
    Export(ExportFormat),
    ExportPath(ExportPath),
    ExportOverwrite(ExportOverwrite),
    Findings(Findings),
}

impl From<Jump> for Mode {
    fn from(popup: Jump) -> Mode {
        Mode::from(Box::new(popup))
    }
}

impl<P: Popup> Popup for Box<P> {
    fn context(&self) -> Context {
        (**self).context()
    }

    fn handle(self, app: &mut App, action: Action) -> Mode {
        (*self).handle(app, action)
    }

    fn draw(&self, frame: &mut Frame, app: &App, body: Rect) -> Shown {
        (**self).draw(frame, app, body)
    }

    fn paste(&mut self, app: &mut App, text: &str) {
        (**self).paste(app, text);
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
    for paragraph in text {
        for l in wrap(paragraph, cells) {
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
    frame.render_widget(Paragraph::new(lines), inner);
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
    frame.render_widget(Paragraph::new(lines), inner);
    frame.set_cursor_position((inner.x + (label_w + x) as u16, inner.y));
}
