//! The look shared by every screen: the styles of labels, selections and
//! dim text, and the bordered boxes popups and forms are drawn in.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Clear};

use crate::text::truncate;

pub fn label_style() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

pub fn selected_style() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}

pub fn dim_style() -> Style {
    Style::new().fg(Color::DarkGray)
}

/// A rectangle of at most `w` x `h` centred in `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(area.x + (area.width - w) / 2, area.y + (area.height - h) / 2, w, h)
}

/// Clears `rect` and draws a bordered box titled `title`; returns the inside.
pub fn popup(frame: &mut Frame, rect: Rect, title: &str) -> Rect {
    frame.render_widget(Clear, rect);
    let title = truncate(title, usize::from(rect.width.saturating_sub(4))).into_owned();
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(Style::new().fg(Color::Cyan))
        .title(Span::styled(format!(" {title} "), label_style()));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    inner
}
