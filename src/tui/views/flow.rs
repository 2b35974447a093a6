//! The Flow view: from-stage rows, to-stage columns, each cell the
//! campaigns that move people along that step. Forward steps nothing serves
//! are marked as gaps, backward steps as such; the selected cell's
//! campaigns are listed below the grid.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};

use super::matrix::RowWriter;
use super::{dim_style, label_style, selected_style};
use crate::analysis::flow::{Direction, Flow, Step};
use crate::text::bidi::{composed_lines, isolate, shown, shown_fit};
use crate::text::{pad, truncate, width};
use crate::tui::app::App;

/// The from-stage names' column.
const ROW_LABEL: usize = 18;
/// A cell: its count, "gap", or a mark.
const CELL: usize = 9;

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let flow = app.prepared_flow();
    let stages = flow.stages.len();
    let block = Block::new().borders(Borders::ALL).border_style(dim_style());
    if stages == 0 {
        let text = Line::styled("no stages yet: add them in the Stages view (2)", dim_style());
        frame.render_widget(Paragraph::new(text).block(block.title(" Flow ")), area);
        return;
    }
    let from = app.flow.from.min(stages - 1);
    let to = app.flow.to.min(stages - 1);
    let step = Step { from, to };
    let grid_height = (stages as u16 + 4).min(area.height.saturating_sub(6)).max(5);
    let [grid_area, panel_area] = Layout::vertical([Constraint::Length(grid_height), Constraint::Min(3)]).areas(area);

    // The grid: as many columns as fit, scrolled to keep the cursor's.
    let inner = block.inner(grid_area);
    let room = usize::from(inner.width).saturating_sub(ROW_LABEL);
    let fit = (room / CELL).clamp(1, stages);
    let first_col = (to + 1).saturating_sub(fit);
    let cols = first_col..(first_col + fit).min(stages);
    let rows_room = usize::from(inner.height).saturating_sub(1).max(1);
    let first_row = (from + 1).saturating_sub(rows_room);
    let rows = first_row..(first_row + rows_room).min(stages);

    let gaps = flow.gaps();
    let mut title = format!(" Flow · {} campaigns", app.doc.map.campaigns.len());
    if !gaps.is_empty() {
        title.push_str(&format!(" · {} gap(s)", gaps.len()));
    }
    if !flow.unplaced.is_empty() {
        title.push_str(&format!(" · {} without a step", flow.unplaced.len()));
    }
    title.push(' ');
    let mut grid_block = block.title(title);
    let mut hidden = Vec::new();
    if first_col > 0 || cols.end < stages {
        hidden.push(format!("columns {}-{} of {stages}", cols.start + 1, cols.end));
    }
    if first_row > 0 || rows.end < stages {
        hidden.push(format!("rows {}-{} of {stages}", rows.start + 1, rows.end));
    }
    if !hidden.is_empty() {
        grid_block =
            grid_block.title_bottom(Line::styled(format!(" {} ", hidden.join(" · ")), dim_style()).right_aligned());
    }
    let grid_inner = grid_block.inner(grid_area);
    frame.render_widget(grid_block, grid_area);
    // Written straight into the buffer, a cell at a time: a grid of 30
    // stages is 900 cells a frame.
    let buf = frame.buffer_mut();
    let mut lines = grid_inner.y..grid_inner.y + grid_inner.height;
    if let Some(y) = lines.next() {
        let mut header = RowWriter::new(buf, grid_inner, y);
        header.text(&pad("from ╲ to", ROW_LABEL), dim_style());
        for col in cols.clone() {
            let number = format!("{}.", col + 1);
            let name = shown_fit(&flow.stages[col].1, (CELL - 1).saturating_sub(width(&number)));
            let style = if col == to { selected_style() } else { label_style() };
            header.text(&pad(&format!("{number}{name}"), CELL), style);
        }
    }
    for (row, y) in rows.clone().zip(lines) {
        let mut line = RowWriter::new(buf, grid_inner, y);
        let number = format!("{}. ", row + 1);
        let name = shown_fit(&flow.stages[row].1, (ROW_LABEL - 1).saturating_sub(width(&number)));
        let style = if row == from { selected_style() } else { label_style() };
        line.text(&pad(&format!("{number}{name}"), ROW_LABEL), style);
        for col in cols.clone() {
            let here = Step { from: row, to: col };
            let count = flow.campaigns(here).len();
            let counted;
            let (text, mut style) = match (here.direction(), count) {
                (Direction::Within, 0) => ("—", dim_style()),
                (Direction::Forward, 0) if gaps.contains(&here) => {
                    ("gap", Style::new().fg(Color::Red).add_modifier(Modifier::BOLD))
                }
                (_, 0) => ("·", dim_style()),
                (Direction::Backward, n) => {
                    counted = format!("↺{n}");
                    (counted.as_str(), Style::new().fg(Color::Yellow))
                }
                (_, n) => {
                    counted = n.to_string();
                    (counted.as_str(), Style::new().fg(Color::Green))
                }
            };
            if here == step {
                style = style.add_modifier(Modifier::REVERSED);
            }
            // As `pad(&format!("  {text}"), CELL)` would lay it out.
            line.text("  ", style);
            line.text(text, style);
            line.spaces(CELL.saturating_sub(2 + width(text)), style);
        }
    }

    draw_panel(frame, app, flow, step, panel_area);
}

/// The selected step's campaigns, or what its emptiness means.
fn draw_panel(frame: &mut Frame, app: &App, flow: &Flow, step: Step, area: Rect) {
    let map = &app.doc.map;
    let name = |n: usize| shown(&flow.stages[n].1).into_owned();
    let title = format!(" {} → {} ", name(step.from), name(step.to));
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(dim_style())
        .title(title);
    let width = usize::from(block.inner(area).width);
    let mut lines = Vec::new();
    let campaigns = flow.campaigns(step);
    let what = match step.direction() {
        Direction::Forward => "moves people forward",
        Direction::Within => "keeps people at this stage",
        Direction::Backward => "brings people back (a win-back, a re-engagement)",
    };
    if campaigns.is_empty() {
        let text = if flow.is_gap(step) {
            format!(
                "Gap: no campaign moves people on from {}. a adds one for this step.",
                name(step.from)
            )
        } else {
            format!("No campaign {what} here. a adds one for this step.")
        };
        let style = if flow.is_gap(step) {
            Style::new().fg(Color::Red)
        } else {
            dim_style()
        };
        lines.push(Line::styled(truncate(&text, width).into_owned(), style));
    } else {
        lines.push(Line::styled(
            truncate(
                &format!(
                    "{} campaign(s) {what} · Enter edits the first · a adds one",
                    campaigns.len()
                ),
                width,
            )
            .into_owned(),
            dim_style(),
        ));
        for &position in campaigns {
            let Some(c) = map.campaigns.get(position) else { continue };
            let mut facts = Vec::new();
            if !c.start.is_empty() || !c.end.is_empty() {
                facts.push(format!("{} – {}", c.start, c.end));
            }
            if let Some(offer) = map.name_of(crate::model::ItemKind::Offer, &c.offer) {
                facts.push(format!("→ {}", isolate(offer)));
            }
            if !c.cta.is_empty() {
                facts.push(format!("“{}”", isolate(&c.cta)));
            }
            let text = format!("• {}  {}", isolate(&c.name), facts.join(" · "));
            let first = composed_lines(&text, width).into_iter().next().unwrap_or_default();
            lines.push(Line::raw(first));
        }
    }
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
