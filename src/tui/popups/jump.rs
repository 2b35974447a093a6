//! Ctrl-P: the search line, the matching items (kind, name, id) and how
//! many match; Enter goes to the item.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Host, Next, Popup, Shown};
use crate::model::ItemKind;
use crate::text::bidi::shown_cell;
use crate::text::{pad, sanitize, truncate, width};
use crate::tui::action::{Action, Context};
use crate::tui::search::MAX_RESULTS;
use crate::tui::widgets::TextInput;
use crate::tui::widgets::chrome::{centered, dim_style, label_style, popup, selected_style};

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Jump {
    pub input: TextInput,
    pub results: Vec<(ItemKind, usize)>,
    /// Matches in all (more than `results` holds when capped).
    pub total: usize,
    pub selected: usize,
    pub offset: usize,
}

impl Jump {
    /// The popup opened on every item of the map.
    pub fn open(host: &mut dyn Host) -> Self {
        let (results, total) = host.search("");
        Self {
            results,
            total,
            ..Self::default()
        }
    }
}

impl Jump {
    /// The items matching what is typed, the first selected.
    fn search(&mut self, host: &mut dyn Host) {
        let (results, total) = host.search(self.input.text());
        self.results = results;
        self.total = total;
        self.selected = 0;
        self.offset = 0;
    }
}

impl Popup for Jump {
    fn context(&self) -> Context {
        Context::Jump
    }

    fn handle(mut self, host: &mut dyn Host, action: Action) -> Next {
        let last = self.results.len().saturating_sub(1);
        let page = host.page().max(1);
        match action {
            Action::Cancel => return Next::Close,
            Action::Confirm => {
                if let Some(&(kind, index)) = self.results.get(self.selected) {
                    host.go_to(kind, index);
                    return Next::Close;
                }
            }
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::PageUp => self.selected = self.selected.saturating_sub(page),
            Action::PageDown => self.selected = (self.selected + page).min(last),
            other => {
                let before = self.input.text().to_string();
                self.input.handle(other);
                if self.input.text() != before {
                    self.search(host);
                }
            }
        }
        self.into()
    }

    fn paste(&mut self, host: &mut dyn Host, text: &str) {
        self.input.insert_str(text);
        self.search(host);
    }

    fn draw(&self, frame: &mut Frame, host: &dyn Host, body: Rect) -> Shown {
        let rect = centered(
            body,
            body.width.saturating_sub(6).min(100),
            body.height.saturating_sub(2).min(22),
        );
        let inner = popup(frame, rect, "Go to any item (name or id)");
        let cells = usize::from(inner.width);
        let height = usize::from(inner.height).saturating_sub(2).max(1);
        let mut offset = self.offset;
        if self.selected < offset {
            offset = self.selected;
        } else if self.selected >= offset + height {
            offset = self.selected + 1 - height;
        }
        let (shown, x) = self.input.view(cells.saturating_sub(2));
        let mut lines = vec![Line::from(vec![
            Span::styled("> ", label_style().fg(Color::Cyan)),
            Span::raw(shown),
        ])];
        for (n, &(kind, index)) in self.results.iter().enumerate().skip(offset).take(height) {
            let (id, name) = host.doc().map.id_and_name(kind, index).unwrap_or(("", ""));
            let id = sanitize(id);
            // The kind column: the longest noun and a space.
            let kind_cells = ItemKind::ALL.iter().map(|k| k.noun().len()).max().unwrap_or(0) + 1;
            let kind_cell = pad(kind.noun(), kind_cells);
            let id_room = (cells / 3).min(width(&id) + 2);
            let name_room = cells.saturating_sub(11 + id_room);
            let mut line = Line::from(vec![
                Span::styled(kind_cell, Style::new().fg(Color::Cyan)),
                Span::raw(shown_cell(name, name_room)),
                Span::styled(pad(&truncate(&format!("  {id}"), id_room), id_room), dim_style()),
            ]);
            if n == self.selected {
                line = line.style(selected_style());
            }
            lines.push(line);
        }
        while lines.len() < height + 1 {
            lines.push(Line::raw(""));
        }
        let count = match self.total {
            0 => "nothing matches".to_string(),
            n if n > MAX_RESULTS => format!("{n} match, the first {MAX_RESULTS} shown: type more"),
            n => format!("{n} match"),
        };
        lines.push(Line::styled(
            truncate(&format!("{count} · Enter: go to it · Esc: close"), cells).into_owned(),
            dim_style(),
        ));
        frame.render_widget(Paragraph::new(lines), inner);
        frame.set_cursor_position((inner.x + 2 + x as u16, inner.y));
        Shown {
            rows: None,
            scroll: Some(offset),
        }
    }

    fn scrolled(&mut self, offset: usize) {
        self.offset = offset;
    }
}
