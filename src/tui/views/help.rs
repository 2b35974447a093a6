//! The help popup: every key of the place under it, from the key table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Color;
use ratatui::text::{Line, Span};

use super::{centered, dim_style, label_style, popup};
use crate::tui::action::Context;
use crate::tui::app::App;
use crate::tui::widgets::Rows;

pub fn draw_help(frame: &mut Frame, app: &App, body: Rect) {
    // The keys of the place under the help.
    let context = app.mode_context();
    let title = match context {
        Context::Normal | Context::Matrix | Context::Journey | Context::Flow => {
            format!("Keys: {} view", app.tab.title())
        }
        Context::Form => "Keys: form".to_string(),
        Context::ListEdit => "Keys: list of entries".to_string(),
        Context::Pick => "Keys: pick list".to_string(),
        Context::MultiLine => "Keys: multi-line text".to_string(),
        _ => "Keys".to_string(),
    };
    let mut lines: Vec<Line> = app
        .keymap
        .help(context, |a| app.works_here(context, a))
        .into_iter()
        .map(|(label, help)| {
            Line::from(vec![
                Span::styled(format!(" {label:<9}"), label_style().fg(Color::Cyan)),
                Span::raw(help),
            ])
        })
        .collect();
    if context == Context::Normal {
        lines.push(Line::from(vec![
            Span::styled(format!(" {:<9}", "mouse"), label_style().fg(Color::Cyan)),
            Span::raw("click a tab or a row; the wheel scrolls"),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(" Esc or ? closes this help", dim_style()));
    let h = (lines.len() as u16 + 2).min(body.height);
    let inner = popup(frame, centered(body, body.width.saturating_sub(4).min(96), h), &title);
    let visible = usize::from(inner.height);
    let hidden = lines.len().saturating_sub(visible);
    // The last line says how to see the rest when it does not all fit.
    let scroll = app.help_scroll.min(hidden);
    let mut shown: Vec<Line> = lines.into_iter().skip(scroll).collect();
    if hidden > 0 && shown.len() > visible {
        shown.truncate(visible.saturating_sub(1));
        shown.push(Line::styled(" ↓/j: more keys", dim_style()));
    }
    frame.render_widget(Rows::new(shown), inner);
}
