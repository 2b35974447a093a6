//! The emotion curve: each stage's emotion score (-2 frustrated … +2
//! delighted) as a bar across the journey, stage names under the bars. The
//! score is written on every bar, so it reads without colour. Where a
//! stage's touchpoints have scores of their own, their spread is marked on
//! the bar's right edge: `◆` at each score a touchpoint has, `│` between.

use std::collections::HashMap;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, Block, Borders};

use super::dim_style;
use crate::model::JourneyMap;
use crate::text::bidi::shown_fit;

/// Rows the curve takes, borders included.
pub const HEIGHT: u16 = 9;

/// Draws the curve of `map`'s stages, `selected` (a stage position) highlighted.
pub fn draw(frame: &mut Frame, map: &JourneyMap, selected: Option<usize>, area: Rect) {
    let own = own_scores(map);
    let title = if own.iter().any(|levels| levels.iter().any(|&l| l)) {
        " Emotion across the journey (-2 … +2; ◆ touchpoints' own) "
    } else {
        " Emotion across the journey (-2 … +2) "
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(dim_style())
        .title(title);
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
            let mut label_style = Style::new();
            if Some(i) == selected {
                label_style = label_style.add_modifier(Modifier::BOLD | Modifier::REVERSED);
            }
            Bar::new(u64::from((e + 3).unsigned_abs()))
                .text_value(if e > 0 { format!("+{e}") } else { e.to_string() })
                .label(Line::styled(shown_fit(&stage.name, bar_width), label_style))
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
    let bars = Rect {
        height: inner.height.saturating_sub(1),
        ..inner
    };
    for (column, levels) in own.iter().skip(start).take(fits).enumerate() {
        let right = bars.x + ((column * (bar_width + 1) + bar_width - 1) as u16);
        mark_spread(frame.buffer_mut(), bars, right, levels);
    }
}

/// Which of the five scores (-2..=+2, by position) the touchpoints of each
/// stage have as their own. One pass over the touchpoints; those without a
/// score of their own (most) cost a check each.
fn own_scores(map: &JourneyMap) -> Vec<[bool; 5]> {
    let mut levels = vec![[false; 5]; map.stages.len()];
    if map.touchpoints.iter().all(|t| t.emotion.is_none()) {
        return levels;
    }
    let stage_at: HashMap<&str, usize> = map.stages.iter().enumerate().map(|(n, s)| (s.id.as_str(), n)).collect();
    for t in &map.touchpoints {
        if let (Some(e), Some(&s)) = (t.emotion, stage_at.get(t.stage.as_str())) {
            levels[s][usize::from((e.clamp(-2, 2) + 2).unsigned_abs())] = true;
        }
    }
    levels
}

/// Marks the spread of one stage's own touchpoint scores in column `x` of
/// the bars' area: each score at the height a bar of that score reaches.
fn mark_spread(buffer: &mut Buffer, bars: Rect, x: u16, levels: &[bool; 5]) {
    let (Some(low), Some(high)) = (levels.iter().position(|&l| l), levels.iter().rposition(|&l| l)) else {
        return;
    };
    if bars.height == 0 || x >= bars.right() {
        return;
    }
    // A bar of score position p (0..5) is (p + 1) / 5 of the height tall.
    let row_of = |p: usize| {
        let rows = usize::from(bars.height);
        let from_bottom = ((p + 1) * rows).div_ceil(5).clamp(1, rows);
        bars.bottom() - from_bottom as u16
    };
    let style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
    for row in row_of(high)..=row_of(low) {
        if let Some(cell) = buffer.cell_mut((x, row)) {
            cell.set_symbol("│").set_style(style);
        }
    }
    for (p, _) in levels.iter().enumerate().filter(|&(_, &l)| l) {
        if let Some(cell) = buffer.cell_mut((x, row_of(p))) {
            cell.set_symbol("◆").set_style(style);
        }
    }
}
