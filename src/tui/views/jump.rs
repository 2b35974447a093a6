//! The Ctrl-P popup: the search line, the matching items (kind, name, id),
//! and how many match.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{centered, dim_style, label_style, popup, selected_style};
use crate::model::JourneyMap;
use crate::text::{pad, sanitize, truncate, width};
use crate::tui::jump::{Jump, MAX_RESULTS};

pub fn draw(frame: &mut Frame, map: &JourneyMap, jump: &mut Jump, body: Rect) {
    let rect = centered(
        body,
        body.width.saturating_sub(6).min(100),
        body.height.saturating_sub(2).min(22),
    );
    let inner = popup(frame, rect, "Go to any item (name or id)");
    let cells = usize::from(inner.width);
    let height = usize::from(inner.height).saturating_sub(2).max(1);
    if jump.selected < jump.offset {
        jump.offset = jump.selected;
    } else if jump.selected >= jump.offset + height {
        jump.offset = jump.selected + 1 - height;
    }
    let (shown, x) = jump.input.view(cells.saturating_sub(2));
    let mut lines = vec![Line::from(vec![
        Span::styled("> ", label_style().fg(Color::Cyan)),
        Span::raw(shown),
    ])];
    for (n, &(kind, index)) in jump.results.iter().enumerate().skip(jump.offset).take(height) {
        let (id, name) = map.id_and_name(kind, index).unwrap_or(("", ""));
        let id = sanitize(id);
        let kind_cell = pad(kind.noun(), 11);
        let id_room = (cells / 3).min(width(&id) + 2);
        let name_room = cells.saturating_sub(11 + id_room);
        let mut line = Line::from(vec![
            Span::styled(kind_cell, Style::new().fg(Color::Cyan)),
            Span::raw(pad(&truncate(&sanitize(name), name_room), name_room)),
            Span::styled(pad(&truncate(&format!("  {id}"), id_room), id_room), dim_style()),
        ]);
        if n == jump.selected {
            line = line.style(selected_style());
        }
        lines.push(line);
    }
    while lines.len() < height + 1 {
        lines.push(Line::raw(""));
    }
    let count = match jump.total {
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
}
