//! A view's list (left) and the selected item's details (right). Only the
//! rows that fit are built, so a 50,000-touchpoint list draws as fast as a
//! short one.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{details, dim_style, selected_style};
use crate::model::{ItemKind, JourneyMap};
use crate::text::bidi::{shown_cell, shown_fit};
use crate::text::{truncate, width};
use crate::tui::app::{App, ListPos, Tab};

/// What a list view laid out: its rows' area (for the mouse), its page
/// size, and its position kept in view.
#[derive(Debug, Clone, Copy)]
pub struct ListShown {
    pub rows: Rect,
    pub page: usize,
    pub pos: ListPos,
    /// How far the details are scrolled (within what they hold).
    pub details_scroll: usize,
}

pub fn draw(frame: &mut Frame, app: &App, area: Rect) -> Option<ListShown> {
    let [list_area, detail_area] =
        Layout::horizontal([Constraint::Percentage(42), Constraint::Percentage(58)]).areas(area);
    let tab = app.tab;
    let kind = tab.kind()?;
    let rows = app.view_rows(tab);
    let len = rows.len();
    let block = Block::new().borders(Borders::ALL).border_style(dim_style());
    let inner = block.inner(list_area);
    let height = usize::from(inner.height);
    let mut pos = app.lists[tab.index()];
    pos.fit(len, height);
    let shown = ListShown {
        rows: inner,
        page: height.saturating_sub(1).max(1),
        pos,
        details_scroll: 0,
    };
    let mut title = format!(" {} ", tab.title());
    if tab == Tab::Touchpoints
        && let Some(stage) = &app.stage_filter
    {
        let name = app.doc.map.name_of(ItemKind::Stage, stage).unwrap_or(stage);
        title = format!(" {} in “{}” ", tab.title(), shown_fit(name, 20));
    }
    let filter = &app.name_filter[tab.index()];
    if !filter.is_empty() {
        title = format!("{title}/{} ", shown_fit(filter, 16));
    }
    let counter = if len == 0 {
        " 0 ".to_string()
    } else {
        format!(" {}/{len} ", pos.selected + 1)
    };
    let block = block.title(title).title_bottom(Line::from(counter).right_aligned());
    let row_width = usize::from(inner.width);
    let mut lines = Vec::with_capacity(height);
    if len == 0 {
        lines.push(Line::styled(
            truncate(
                &if app.filtered(tab) {
                    format!("no {} matches the filter (Esc clears it)", kind.noun())
                } else {
                    format!("no {}s yet: press a to add one", kind.noun())
                },
                row_width,
            )
            .into_owned(),
            dim_style(),
        ));
    }
    let end = (pos.offset + height).min(len);
    for row in pos.offset..end {
        let Some(index) = rows.item(row) else {
            break;
        };
        let count = if kind == ItemKind::Stage {
            app.doc.counted_touchpoints(index)
        } else {
            0
        };
        let mut line = row_line(&app.doc.map, kind, index, count, row_width);
        if row == pos.selected {
            line = line.style(selected_style());
        }
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines).block(block), list_area);

    // The row kept in view is the one selected.
    let selected = rows.item(pos.selected).map(|index| (kind, index));
    let detail_block = Block::new().borders(Borders::ALL).border_style(dim_style());
    let detail_inner = detail_block.inner(detail_area);
    let lines = match selected {
        Some((kind, index)) => details::lines(&app.doc.map, kind, index, usize::from(detail_inner.width)),
        None => Vec::new(),
    };
    let title = match selected {
        Some((kind, _)) => format!(" {} ", kind.noun()),
        None => String::new(),
    };
    // Details longer than the pane scroll, and say so on its border.
    let room = usize::from(detail_inner.height);
    let hidden = lines.len().saturating_sub(room);
    let scroll = selected.map_or(0, |item| app.details_offset(item)).min(hidden);
    let mut detail_block = detail_block.title(title);
    if scroll > 0 {
        detail_block = detail_block.title(Line::styled(format!(" ↑ {scroll} more: [ "), dim_style()).right_aligned());
    }
    let below = hidden - scroll;
    if below > 0 {
        detail_block =
            detail_block.title_bottom(Line::styled(format!(" ↓ {below} more: ] "), dim_style()).right_aligned());
    }
    let lines: Vec<Line> = lines.into_iter().skip(scroll).collect();
    frame.render_widget(Paragraph::new(lines).block(detail_block), detail_area);
    let shown = ListShown {
        details_scroll: scroll,
        ..shown
    };
    Some(shown)
}

/// One list row, exactly `cells` wide.
/// `count` is the number of touchpoints of a stage.
fn row_line(map: &JourneyMap, kind: ItemKind, index: usize, count: usize, cells: usize) -> Line<'static> {
    let (main, side): (String, String) = match kind {
        ItemKind::Stage => {
            let s = &map.stages[index];
            let mood = match s.emotion {
                i8::MIN..=-2 => "☹☹",
                -1 => "☹",
                0 => "",
                1 => "☺",
                _ => "☺☺",
            };
            let side = format!("{mood:>2} {count:>3} tp");
            // The number stays left of the name, whatever the name's direction.
            let number = format!("{:>2}. ", index + 1);
            let name_width = cells.saturating_sub(width(&side) + 1 + width(&number));
            return Line::from(vec![
                Span::raw(number),
                Span::raw(shown_cell(&s.name, name_width)),
                Span::raw(" "),
                Span::styled(side, dim_style()),
            ]);
        }
        ItemKind::Touchpoint => {
            let t = &map.touchpoints[index];
            let stage = map.name_of(ItemKind::Stage, &t.stage).unwrap_or(&t.stage);
            let stage_width = (cells / 3).clamp(6, 16);
            return Line::from(vec![
                Span::styled(shown_cell(stage, stage_width), Style::new().fg(Color::Cyan)),
                Span::raw(" "),
                Span::raw(shown_cell(&t.name, cells.saturating_sub(stage_width + 1))),
            ]);
        }
        ItemKind::Persona => {
            let p = &map.personas[index];
            let seg = map.name_of(ItemKind::Segment, &p.segment).unwrap_or("");
            (p.name.clone(), seg.to_string())
        }
        ItemKind::Segment => {
            let s = &map.segments[index];
            let side = if s.anti {
                "anti".to_string()
            } else {
                match s.usps.len() {
                    0 => "no USP".to_string(),
                    1 => "1 USP".to_string(),
                    n => format!("{n} USPs"),
                }
            };
            (s.name.clone(), side)
        }
        ItemKind::Competitor => {
            let c = &map.competitors[index];
            (c.name.clone(), c.kind.label().to_string())
        }
        ItemKind::Tactic => {
            let t = &map.tactics[index];
            (t.name.clone(), t.discipline.clone())
        }
        // A kind added later lists its names until it says more.
        #[allow(unreachable_patterns)]
        _ => {
            let name = map.id_and_name(kind, index).map_or("", |(_, name)| name);
            (name.to_string(), String::new())
        }
    };
    // Both are map text, drawn by `shown_*` (sanitized, in visual order).
    let side = shown_fit(&side, cells / 3);
    let side_width = width(&side);
    let main_width = cells.saturating_sub(side_width + usize::from(side_width > 0));
    let mut spans = vec![Span::raw(shown_cell(&main, main_width))];
    if side_width > 0 {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(side, dim_style()));
    }
    Line::from(spans)
}
