//! The Journey view: the classic journey map, a column per stage and a row
//! per lane (goal, doing, thinking, feeling, touchpoints, pain points,
//! opportunities, emotion, KPIs). Columns that do not fit scroll sideways
//! with the selected stage, and the lanes scroll up and down.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{dim_style, label_style, selected_style};
use crate::analysis::canvas::{Canvas, Cell, LaneKind};
use crate::text::bidi::{shown_cell, shown_lines};
use crate::text::{pad, truncate, width};
use crate::tui::app::App;
use crate::tui::layout::JourneyScroll;

/// The lane labels' column.
const LABEL: usize = 13;
/// The narrowest stage column that still reads.
const MIN_COLUMN: usize = 18;
/// Lines a cell shows before it says how many more there are.
const CELL_LINES: usize = 8;

pub fn draw(frame: &mut Frame, app: &App, area: Rect) -> JourneyScroll {
    let canvas = app.prepared_canvas();
    let block = Block::new().borders(Borders::ALL).border_style(dim_style());
    let inner = block.inner(area);
    let stages = canvas.stages.len();
    if stages == 0 {
        let text = Line::styled("no stages yet: add them in the Stages view (2)", dim_style());
        frame.render_widget(Paragraph::new(text).block(block.title(" Journey ")), area);
        return JourneyScroll::default();
    }
    let selected = app.journey.stage.min(stages - 1);
    let room = usize::from(inner.width).saturating_sub(LABEL);
    // Every stage when each gets a readable column, else as many as fit.
    let fit = (room / (MIN_COLUMN + 1)).clamp(1, stages);
    let column = (room / fit).saturating_sub(1).max(4);
    let first = (selected + 1).saturating_sub(fit);
    let shown = first..(first + fit).min(stages);

    let mut lines: Vec<Line> = Vec::new();
    let mut header = vec![Span::styled(pad("", LABEL), label_style())];
    for n in shown.clone() {
        let number = format!("{}. ", n + 1);
        let name = shown_cell(&canvas.stages[n].1, column.saturating_sub(width(&number)));
        let style = if n == selected { selected_style() } else { label_style() };
        header.push(Span::styled("│", dim_style()));
        header.push(Span::styled(format!("{number}{name}"), style));
    }
    lines.push(Line::from(header));
    // Lanes nothing is in take no room on screen (reports print them all).
    for row in canvas
        .rows
        .iter()
        .filter(|row| !Canvas::row_is_empty(row) || row.lane == LaneKind::Emotion)
    {
        lines.push(rule(shown.len(), column, usize::from(inner.width)));
        lines.extend(lane_lines(row.lane, &row.cells, shown.clone(), column));
    }

    let height = usize::from(inner.height);
    let line = app.journey.line.min(lines.len().saturating_sub(height));
    let hidden_below = lines.len().saturating_sub(line + height);
    let mut title = format!(" Journey · stage {}/{stages} ", selected + 1);
    if first > 0 {
        title.push_str(&format!("· ◀ {first} more "));
    }
    if shown.end < stages {
        title.push_str(&format!("· {} more ▶ ", stages - shown.end));
    }
    let mut block = block.title(title);
    if line > 0 {
        block = block.title(Line::styled(format!(" ↑ {line} more "), dim_style()).right_aligned());
    }
    if hidden_below > 0 {
        block = block.title_bottom(Line::styled(format!(" ↓ {hidden_below} more "), dim_style()).right_aligned());
    }
    let visible: Vec<Line> = lines.into_iter().skip(line).take(height).collect();
    frame.render_widget(Paragraph::new(visible).block(block), area);
    JourneyScroll {
        line,
        page: height.saturating_sub(2).max(1),
    }
}

/// The line between two lanes, `total` cells wide.
fn rule(columns: usize, column: usize, total: usize) -> Line<'static> {
    let mut text = "─".repeat(LABEL);
    for _ in 0..columns {
        text.push('┼');
        text.push_str(&"─".repeat(column));
    }
    let drawn = LABEL + columns * (column + 1);
    text.push_str(&"─".repeat(total.saturating_sub(drawn)));
    Line::styled(text, dim_style())
}

/// The lines of one lane: its label in the first, each shown stage's cell
/// wrapped in its column.
fn lane_lines(lane: LaneKind, cells: &[Cell], shown: std::ops::Range<usize>, column: usize) -> Vec<Line<'static>> {
    let columns: Vec<Vec<(String, Style)>> = shown.clone().map(|n| cell_lines(lane, cells.get(n), column)).collect();
    let height = columns.iter().map(Vec::len).max().unwrap_or(0).max(1);
    (0..height)
        .map(|i| {
            let label = if i == 0 { lane.label() } else { "" };
            let mut spans = vec![Span::styled(pad(label, LABEL), label_style())];
            for cell in &columns {
                spans.push(Span::styled("│", dim_style()));
                match cell.get(i) {
                    Some((text, style)) => spans.push(Span::styled(pad(text, column), *style)),
                    None => spans.push(Span::raw(" ".repeat(column))),
                }
            }
            Line::from(spans)
        })
        .collect()
}

/// A cell's entries wrapped to `column` cells, bulleted, at most
/// [`CELL_LINES`] lines, the last saying how many more there are.
fn cell_lines(lane: LaneKind, cell: Option<&Cell>, column: usize) -> Vec<(String, Style)> {
    let Some(cell) = cell else {
        return Vec::new();
    };
    let mut out: Vec<(String, Style)> = Vec::new();
    let mut more = cell.more;
    for (n, entry) in cell.entries.iter().enumerate() {
        let style = match lane {
            LaneKind::Emotion if entry.text.starts_with('-') => Style::new().fg(Color::Red),
            LaneKind::Emotion if entry.text.starts_with('+') => Style::new().fg(Color::Green),
            _ if entry.assumed => dim_style().add_modifier(Modifier::ITALIC),
            _ => Style::new(),
        };
        let bullet = if lane == LaneKind::Emotion || (lane == LaneKind::Goal && cell.entries.len() == 1) {
            ""
        } else if entry.assumed {
            "? "
        } else {
            "• "
        };
        let body = column.saturating_sub(width(bullet)).max(1);
        let wrapped = shown_lines(&entry.text, body);
        if out.len() + wrapped.len() > CELL_LINES.saturating_sub(1)
            && n + 1 < cell.entries.len() + usize::from(more > 0)
        {
            more += cell.entries.len() - n;
            break;
        }
        for (i, piece) in wrapped.into_iter().enumerate() {
            let lead = if i == 0 {
                bullet.to_string()
            } else {
                " ".repeat(width(bullet))
            };
            out.push((format!("{lead}{piece}"), style));
        }
    }
    if more > 0 {
        out.push((truncate(&format!("+{more} more"), column).into_owned(), dim_style()));
    }
    out
}
