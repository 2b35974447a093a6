//! The Matrix view: the stage-by-tactic matrix of `journeymap matrix`, with
//! a cell cursor, frozen headers (the tactic column, the stage header row and
//! the totals), and the touchpoints of the cell under the cursor beside it.
//!
//! Only the visible rows and columns are drawn: the matrix comes from the
//! app's cache, and each frame looks up just the cells on screen, so a map of
//! 400 tactics × 30 stages draws as fast as a small one. Counts and marks
//! (`○` planned, `·` empty) carry the meaning; colour only adds the heat map.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{dim_style, label_style, selected_style};
use crate::analysis::CellState;
use crate::export::grid::{describe_filter, marks};
use crate::model::JourneyMap;
use crate::text::bidi::{drawn_width, shown_cell, shown_fit};
use crate::text::{pad, sanitize, truncate, width};
use crate::tui::app::{App, MatrixScroll};
use crate::tui::matrix_state::{GridLine, MatrixCache};

/// Centres `s` in `cells` terminal cells (truncating it if need be).
fn center(s: &str, cells: usize) -> String {
    let s = shown_fit(s, cells);
    let w = width(&s);
    let left = (cells - w) / 2;
    format!("{}{s}{}", " ".repeat(left), " ".repeat(cells - w - left))
}

/// Background of a cell with `n` touchpoints, darkest for one, brightest for the most.
fn heat(n: usize, max: usize) -> Style {
    const SHADES: [u8; 4] = [22, 28, 34, 40];
    if n == 0 || max == 0 {
        return Style::new();
    }
    let level = ((n * SHADES.len()).div_ceil(max)).clamp(1, SHADES.len()) - 1;
    let fg = if level >= 2 { Color::Black } else { Color::White };
    Style::new().bg(Color::Indexed(SHADES[level])).fg(fg)
}

/// One data cell, `cells` wide.
fn cell_span(
    cache: &MatrixCache,
    row: usize,
    col: usize,
    cells: usize,
    cursor: bool,
    monochrome: bool,
) -> Span<'static> {
    let cell = cache.matrix.cell(row, col);
    let (planned, empty) = marks(false);
    let (text, style) = match cell.state {
        CellState::Carried(n) => {
            let mut style = if monochrome {
                Style::new()
            } else {
                heat(n, cache.max_count)
            };
            if cell.planned {
                style = style.add_modifier(Modifier::BOLD);
            }
            (n.to_string(), style)
        }
        CellState::Planned => (planned.to_string(), Style::new().fg(Color::Yellow)),
        CellState::Empty => (empty.to_string(), dim_style()),
    };
    let style = if cursor {
        style.add_modifier(Modifier::REVERSED | Modifier::BOLD)
    } else {
        style
    };
    Span::styled(center(&text, cells), style)
}

fn total_span(n: usize, cells: usize) -> Span<'static> {
    Span::styled(center(&n.to_string(), cells), label_style())
}

/// Widths of the label column, of each data column and of the total column.
struct Widths {
    label: usize,
    data: usize,
    total: usize,
    /// Data columns that fit.
    columns: usize,
}

fn widths(cache: &MatrixCache, transpose: bool, room: usize) -> Widths {
    let w = narrow_widths(cache, transpose, room);
    let count = if transpose {
        cache.visible.len()
    } else {
        cache.matrix.stage_count()
    };
    if w.columns < count || count == 0 {
        return w;
    }
    // Everything fits: spend the room left on wider columns (up to 16 cells).
    let free = room.saturating_sub(w.label + w.total + 3) / count;
    let names = if transpose {
        cache.tactic_width
    } else {
        cache.stage_width
    };
    let data = free.saturating_sub(1).clamp(w.data, names.max(w.data).min(16));
    Widths { data, ..w }
}

fn narrow_widths(cache: &MatrixCache, transpose: bool, room: usize) -> Widths {
    let m = &cache.matrix;
    let numbers = width(&m.total().to_string()).max(3);
    let (label_names, column_names) = if transpose {
        (cache.stage_width, cache.tactic_width)
    } else {
        (cache.tactic_width + 2, cache.stage_width)
    };
    let label = label_names.clamp(10, (room / 4).clamp(12, 26));
    let data = column_names.clamp(numbers, 9);
    let total = numbers.max(5);
    // label │ data data … │ total, one space before each column.
    let columns = room.saturating_sub(label + total + 3) / (data + 1);
    Widths {
        label,
        data,
        total,
        columns: columns.max(1),
    }
}

/// Draws the matrix and the panel of the cell under the cursor; where the
/// grid is scrolled to.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) -> Option<MatrixScroll> {
    let side = area.width >= 120;
    let (grid_area, panel_area) = if side {
        let [a, b] = Layout::horizontal([Constraint::Min(40), Constraint::Length(38)]).areas(area);
        (a, b)
    } else {
        let panel = if area.height < 30 { 5 } else { 7 };
        let [a, b] = Layout::vertical([Constraint::Min(8), Constraint::Length(panel)]).areas(area);
        (a, b)
    };
    let scroll = draw_grid(frame, app, grid_area);
    draw_panel(frame, app, panel_area);
    scroll
}

fn draw_grid(frame: &mut Frame, app: &App, area: Rect) -> Option<MatrixScroll> {
    let block = Block::new().borders(Borders::ALL).border_style(dim_style());
    let inner = block.inner(area);
    let transpose = app.matrix.transpose;
    let cache = app.prepared_matrix()?;
    let map = &app.doc.map;
    let m = &cache.matrix;
    if m.stage_count() == 0 || m.row_count() == 0 {
        let text = "the matrix needs stages (view 2) and tactics (view 7): add some there";
        frame.render_widget(
            Paragraph::new(Line::styled(text, dim_style())).block(block.title(" Matrix ")),
            area,
        );
        return None;
    }
    let text_filter = &app.name_filter[crate::tui::app::Tab::Matrix.index()];
    if cache.visible.is_empty() {
        let text = format!(
            "no tactic matches “{}” (Esc clears the filter)",
            shown_fit(text_filter, 30)
        );
        frame.render_widget(
            Paragraph::new(Line::styled(text, dim_style())).block(block.title(" Matrix ")),
            area,
        );
        return None;
    }
    let visible = &cache.visible;
    let w = widths(cache, transpose, usize::from(inner.width));
    // Header lines, body lines, totals line.
    let header_lines = if transpose { 2 } else { 1 };
    let body_height = usize::from(inner.height).saturating_sub(header_lines + 1).max(1);
    let mut state = app.matrix.clone();
    state.page_lines = body_height;

    // Which body line and data column hold the cursor.
    let (body_len, cursor_line, column_count, cursor_column) = if transpose {
        (m.stage_count(), state.col, visible.len(), cache.position_of(state.row))
    } else {
        (
            cache.lines.len(),
            cache.line_of_row[state.row].min(cache.lines.len() - 1),
            m.stage_count(),
            state.col,
        )
    };
    // Keep the cursor on screen (and, untransposed, its group header when it fits).
    if cursor_line < state.line_offset {
        state.line_offset = cursor_line;
        if !transpose && cursor_line > 0 && matches!(cache.lines[cursor_line - 1], GridLine::Group(_)) {
            state.line_offset = cursor_line - 1;
        }
    } else if cursor_line >= state.line_offset + body_height {
        state.line_offset = cursor_line + 1 - body_height;
    }
    state.line_offset = state.line_offset.min(body_len.saturating_sub(body_height));
    if cursor_column < state.col_offset {
        state.col_offset = cursor_column;
    } else if cursor_column >= state.col_offset + w.columns {
        state.col_offset = cursor_column + 1 - w.columns;
    }
    state.col_offset = state.col_offset.min(column_count.saturating_sub(w.columns));
    let first_col = state.col_offset;
    let shown_cols = first_col..(first_col + w.columns).min(column_count);
    let first_line = state.line_offset;
    let shown_lines = first_line..(first_line + body_height).min(body_len);
    let (cursor_row, cursor_col) = (state.row, state.col);

    // The matrix cell (row, col) shown at body line `line`, data column `c`.
    let cell_at = |line: usize, c: usize| -> Option<(usize, usize)> {
        if transpose {
            Some((visible[c], line))
        } else {
            match cache.lines[line] {
                GridLine::Row(row) => Some((row, c)),
                GridLine::Group(_) => None,
            }
        }
    };
    let column_name = |c: usize| -> String {
        if transpose {
            sanitize(&map.tactics[m.tactic_at(visible[c])].name).into_owned()
        } else {
            sanitize(&map.stages[c].name).into_owned()
        }
    };

    let mut lines: Vec<Line> = Vec::with_capacity(usize::from(inner.height));
    if transpose {
        // Discipline names over the tactic columns of their group.
        let mut spans = vec![Span::raw(" ".repeat(w.label))];
        let group_of = |c: usize| m.groups().iter().position(|g| g.rows.contains(&visible[c]));
        for c in shown_cols.clone() {
            let group = group_of(c);
            let starts = c == shown_cols.start || group_of(c - 1) != group;
            if let Some(g) = group.map(|g| &m.groups()[g])
                && starts
            {
                // The name spans its group's visible columns, with a rule to show how far.
                let columns = (c..shown_cols.end).take_while(|&d| group_of(d) == group).count();
                let span = columns * (w.data + 1);
                let name = format!(" {} ", shown_fit(&g.discipline, span.saturating_sub(3)));
                let rule = "─".repeat(span.saturating_sub(width(&name) + 1));
                spans.push(Span::styled(name, label_style()));
                spans.push(Span::styled(format!("{rule} "), dim_style()));
            }
        }
        lines.push(fit_line(spans, usize::from(inner.width)));
    }
    let mut header = vec![Span::styled(
        pad(if transpose { "Stage" } else { "Tactic" }, w.label),
        label_style(),
    )];
    for c in shown_cols.clone() {
        let style = if c == (if transpose { cursor_column } else { cursor_col }) {
            label_style().fg(Color::Cyan)
        } else {
            label_style()
        };
        header.push(Span::raw(" "));
        header.push(Span::styled(center(&column_name(c), w.data), style));
    }
    header.push(Span::styled(" │", dim_style()));
    header.push(Span::styled(center("Total", w.total), label_style()));
    lines.push(Line::from(header));

    for line in shown_lines {
        let mut spans = Vec::new();
        let group = (!transpose).then(|| cache.lines[line]).and_then(|l| match l {
            GridLine::Group(g) => Some(g),
            GridLine::Row(_) => None,
        });
        if let Some(g) = group {
            let text = shown_fit(&m.groups()[g].discipline, usize::from(inner.width));
            lines.push(Line::styled(text, label_style().add_modifier(Modifier::UNDERLINED)));
            continue;
        }
        let (label, total, is_cursor_line) = if transpose {
            (
                shown_cell(&map.stages[line].name, w.label),
                m.stage_total(line),
                line == cursor_col,
            )
        } else {
            let row = match cache.lines[line] {
                GridLine::Row(r) => r,
                GridLine::Group(_) => 0,
            };
            (
                format!(
                    "  {}",
                    shown_cell(&map.tactics[m.tactic_at(row)].name, w.label.saturating_sub(2))
                ),
                m.tactic_total(row),
                row == cursor_row,
            )
        };
        let label_style = if is_cursor_line {
            Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
        } else {
            Style::new()
        };
        spans.push(Span::styled(pad(&truncate(&label, w.label), w.label), label_style));
        for c in shown_cols.clone() {
            spans.push(Span::raw(" "));
            if let Some((row, col)) = cell_at(line, c) {
                let cursor = row == cursor_row && col == cursor_col;
                spans.push(cell_span(cache, row, col, w.data, cursor, app.monochrome));
            }
        }
        spans.push(Span::styled(" │", dim_style()));
        spans.push(total_span(total, w.total));
        lines.push(Line::from(spans));
    }
    // Pad so the totals stay on the last line.
    while lines.len() < usize::from(inner.height).saturating_sub(1) {
        lines.push(Line::raw(""));
    }
    let mut totals = vec![Span::styled(pad("Total", w.label), label_style())];
    for c in shown_cols.clone() {
        totals.push(Span::raw(" "));
        let n = if transpose {
            m.tactic_total(visible[c])
        } else {
            m.stage_total(c)
        };
        totals.push(total_span(n, w.data));
    }
    totals.push(Span::styled(" │", dim_style()));
    totals.push(total_span(m.total(), w.total));
    lines.push(Line::from(totals));

    let (what, count) = if transpose {
        ("tactics", visible.len())
    } else {
        ("stages", m.stage_count())
    };
    let mut title = format!(
        " Matrix · {what} {}-{} of {count} ",
        shown_cols.start + 1,
        shown_cols.end
    );
    if shown_cols.start > 0 {
        title.push_str("◀ ");
    }
    if shown_cols.end < count {
        title.push_str("▶ ");
    }
    if !text_filter.is_empty() {
        title.push_str(&format!("· tactics with “{}” ", shown_fit(text_filter, 16)));
    }
    let mut block = block.title(title);
    if let Some(filter) = describe_filter(map, m) {
        block = block.title_bottom(Line::styled(
            format!(" {} ", shown_fit(&filter, usize::from(inner.width).saturating_sub(4))),
            Style::new().fg(Color::Yellow),
        ));
    } else {
        let (planned, empty) = marks(false);
        block = block.title_bottom(Line::styled(
            format!(" {planned} planned, none yet · {empty} none · number: touchpoints "),
            dim_style(),
        ));
    }
    frame.render_widget(block, area);
    write_lines(frame, &lines, inner);
    Some(MatrixScroll {
        line_offset: state.line_offset,
        col_offset: state.col_offset,
        page_lines: state.page_lines,
    })
}

/// Writes lines straight into the frame's buffer, one per row, cut at the
/// right edge: cheaper than a paragraph, which lays out every grapheme again.
fn write_lines(frame: &mut Frame, lines: &[Line], area: Rect) {
    let buf = frame.buffer_mut();
    for (line, y) in lines.iter().zip(area.y..area.y + area.height) {
        let mut x = area.x;
        let right = area.x + area.width;
        for span in &line.spans {
            if x >= right {
                break;
            }
            let style = line.style.patch(span.style);
            (x, _) = buf.set_stringn(x, y, &span.content, usize::from(right - x), style);
        }
    }
}

/// A line of spans cut to `cells`.
fn fit_line(spans: Vec<Span<'static>>, cells: usize) -> Line<'static> {
    let mut used = 0;
    let mut out = Vec::new();
    for span in spans {
        let w = width(&span.content);
        if used + w > cells {
            let room = cells.saturating_sub(used);
            out.push(Span::styled(truncate(&span.content, room).into_owned(), span.style));
            break;
        }
        used += w;
        out.push(span);
    }
    Line::from(out)
}

/// Stage, tactic, plan and touchpoints of the cell under the cursor.
fn draw_panel(frame: &mut Frame, app: &App, area: Rect) {
    let block = Block::new().borders(Borders::ALL).border_style(dim_style());
    let inner = block.inner(area);
    let cells = usize::from(inner.width);
    let Some((stage, tactic)) = app.cursor_cell() else {
        frame.render_widget(block, area);
        return;
    };
    let map: &JourneyMap = &app.doc.map;
    // Each name its own paragraph; when both do not fit, neither takes
    // more than half the room unless the other leaves it.
    let room = cells.saturating_sub(5);
    let tactic_wants = drawn_width(&sanitize(&map.tactics[tactic].name));
    let stage_name = shown_fit(&map.stages[stage].name, room.saturating_sub(tactic_wants).max(room / 2));
    let tactic_name = shown_fit(&map.tactics[tactic].name, room.saturating_sub(width(&stage_name)));
    let planned = map.stages[stage].tactics.contains(&map.tactics[tactic].id);
    let touchpoints = app.matrix_cell_touchpoints();
    let selected = app.matrix.touchpoint;
    let mut lines = vec![Line::from(vec![
        Span::styled(if planned { "planned" } else { "not planned" }, label_style()),
        Span::styled(
            format!(
                " · {} touchpoint{} · a adds · p plans",
                touchpoints.len(),
                if touchpoints.len() == 1 { "" } else { "s" }
            ),
            dim_style(),
        ),
    ])];
    let room = usize::from(inner.height).saturating_sub(1).max(1);
    // A window of the cell's touchpoints around the selected one.
    let start = selected.saturating_sub(room.saturating_sub(1));
    for (n, &t) in touchpoints.iter().enumerate().skip(start).take(room) {
        let text = format!("• {}", shown_cell(&map.touchpoints[t].name, cells.saturating_sub(2)));
        lines.push(if n == selected {
            Line::styled(text, selected_style())
        } else {
            Line::raw(text)
        });
    }
    if touchpoints.is_empty() {
        lines.push(Line::styled(
            truncate("no touchpoint here yet: a adds one", cells).into_owned(),
            dim_style(),
        ));
    }
    let title = truncate(&format!(" {stage_name} × {tactic_name} "), cells).into_owned();
    frame.render_widget(Paragraph::new(lines).block(block.title(title)), area);
}
