//! The emotion curve: each stage's emotion score (-2 frustrated … +2
//! delighted) as a bar across the journey, stage names under the bars. The
//! score is written on every bar, so it reads without colour.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, Block, Borders};

use super::dim_style;
use crate::model::JourneyMap;
use crate::text::{sanitize, truncate};

/// Rows the curve takes, borders included.
pub const HEIGHT: u16 = 9;

/// Draws the curve of `map`'s stages, `selected` (a stage position) highlighted.
pub fn draw(frame: &mut Frame, map: &JourneyMap, selected: Option<usize>, area: Rect) {
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(dim_style())
        .title(" Emotion across the journey (-2 … +2) ");
    let inner = block.inner(area);
    let n = map.stages.len();
    if n == 0 {
        frame.render_widget(block, area);
        return;
    }
    // As wide as the room allows, one cell between bars; at least 3 cells a bar.
    let bar_width = ((usize::from(inner.width) + 1) / n).saturating_sub(1).clamp(3, 16);
    let fits = (usize::from(inner.width) + 1) / (bar_width + 1);
    // With more stages than fit, show those around the selected one.
    let start = match selected {
        Some(s) if s >= fits => s + 1 - fits,
        _ => 0,
    };
    let bars: Vec<Bar> = map
        .stages
        .iter()
        .enumerate()
        .skip(start)
        .take(fits)
        .map(|(i, stage)| {
            let e = stage.emotion.clamp(-2, 2);
            let colour = match e {
                i8::MIN..=-1 => Color::Red,
                0 => Color::Yellow,
                _ => Color::Green,
            };
            let name = sanitize(&stage.name);
            let mut label_style = Style::new();
            if Some(i) == selected {
                label_style = label_style.add_modifier(Modifier::BOLD | Modifier::REVERSED);
            }
            Bar::new(u64::from((e + 3).unsigned_abs()))
                .text_value(if e > 0 { format!("+{e}") } else { e.to_string() })
                .label(Line::styled(truncate(&name, bar_width).into_owned(), label_style))
                .style(Style::new().fg(colour))
                .value_style(Style::new().fg(Color::Black).bg(colour).add_modifier(Modifier::BOLD))
        })
        .collect();
    let chart = BarChart::vertical(bars)
        .bar_width(bar_width as u16)
        .bar_gap(1)
        .max(5)
        .block(block);
    frame.render_widget(chart, area);
}
