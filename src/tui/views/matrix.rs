//! The Matrix view: the stage-by-tactic matrix of `journeymap matrix`, with
//! a cell cursor, frozen headers (the tactic column, the stage header row and
//! the totals), and the touchpoints of the cell under the cursor beside it.
//!
//! Only the visible rows and columns are drawn: the matrix comes from the
//! app's cache, and each frame looks up just the cells on screen, so a map of
//! 400 tactics × 30 stages draws as fast as a small one. Counts and marks
//! (`○` planned, `·` empty) carry the meaning; colour only adds the heat map.

use ratatui::Frame;
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{dim_style, fit_words, label_style, selected_style, word_lines};
use crate::analysis::CellState;
use crate::export::grid::{describe_filter, marks};
use crate::model::JourneyMap;
use crate::text::bidi::{drawn_lines, drawn_width, mode, shown_cell, shown_fit};
use crate::text::{pad, sanitize, truncate, unambiguous, width};
use crate::tui::app::{App, MatrixScroll};
use crate::tui::matrix_state::{DrawnLayout, GridLine, LONE_SEPARATOR, MatrixCache, lone_label};

/// Centres `s` in `cells` terminal cells (truncating it if need be).
fn center(s: &str, cells: usize) -> String {
    center_drawn(&shown_fit(s, cells), cells)
}

/// Centres `s`, already in display order, in `cells` terminal cells
/// (cutting it if need be).
fn center_drawn(s: &str, cells: usize) -> String {
    let s = truncate(s, cells);
    let w = width(&s);
    let left = (cells - w) / 2;
    format!("{}{s}{}", " ".repeat(left), " ".repeat(cells - w - left))
}

/// The decimal digits of `n`, in `out`.
fn digits(n: usize, out: &mut [u8; 20]) -> &[u8] {
    let mut start = out.len();
    let mut rest = n;
    loop {
        start -= 1;
        out[start] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    &out[start..]
}

/// One row of the grid, written straight into the buffer from the left of
/// the grid's area and cut at its right edge, as [`write_lines_into`]
/// writes a line of spans: the grid's thousand counts a frame need no
/// string or span each.
pub(super) struct RowWriter<'b> {
    buf: &'b mut Buffer,
    x: u16,
    y: u16,
    right: u16,
    /// Where cell `(x, y)` is in the buffer's content (meaningful while
    /// `x < right`).
    at: usize,
}

impl<'b> RowWriter<'b> {
    pub(super) fn new(buf: &'b mut Buffer, area: Rect, y: u16) -> Self {
        let area = area.intersection(buf.area);
        let on_row = y >= area.y && y < area.y + area.height;
        let at = if on_row {
            usize::from(y - buf.area.y) * usize::from(buf.area.width) + usize::from(area.x - buf.area.x)
        } else {
            0
        };
        RowWriter {
            x: area.x,
            y,
            right: if on_row { area.x + area.width } else { area.x },
            at,
            buf,
        }
    }

    /// `s`, as a span of it would be written.
    pub(super) fn text(&mut self, s: &str, style: Style) {
        if self.x >= self.right {
            return;
        }
        if s.chars().all(one_cell) {
            for c in s.chars() {
                if !self.one(c, style) {
                    return;
                }
            }
        } else {
            let (x, _) = self
                .buf
                .set_stringn(self.x, self.y, s, usize::from(self.right - self.x), style);
            self.at += usize::from(x - self.x);
            self.x = x;
        }
    }

    /// A character that is a grapheme of one cell ([`one_cell`]); false
    /// at the right edge.
    fn one(&mut self, c: char, style: Style) -> bool {
        if self.x >= self.right {
            return false;
        }
        if let Some(cell) = self.buf.content.get_mut(self.at) {
            // A plain space on an empty cell changes nothing the buffer's
            // equality, its diff or a backend can see.
            if !(c == ' ' && style == Style::new() && *cell == Cell::EMPTY) {
                cell.set_char(c).set_style(style);
            }
        }
        self.x += 1;
        self.at += 1;
        true
    }

    pub(super) fn spaces(&mut self, n: usize, style: Style) {
        for _ in 0..n {
            if !self.one(' ', style) {
                return;
            }
        }
    }

    /// A count or a mark of ours (no direction, nothing to sanitise)
    /// centred in `cells` cells, as [`center`] centres it.
    fn centred(&mut self, s: &str, cells: usize, style: Style) {
        let w = width(s);
        if w > cells || !s.chars().all(one_cell) {
            self.text(&center(s, cells), style);
            return;
        }
        let left = (cells - w) / 2;
        self.spaces(left, style);
        self.text(s, style);
        self.spaces(cells - w - left, style);
    }

    /// The number `n` centred in `cells` cells.
    fn number(&mut self, n: usize, cells: usize, style: Style) {
        let mut out = [0u8; 20];
        let digits = digits(n, &mut out);
        if digits.len() > cells {
            self.text(&center(&n.to_string(), cells), style);
            return;
        }
        let left = (cells - digits.len()) / 2;
        self.spaces(left, style);
        for &d in digits {
            self.one(char::from(d), style);
        }
        self.spaces(cells - digits.len() - left, style);
    }
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
fn write_cell(
    row: &mut RowWriter,
    cache: &MatrixCache,
    r: usize,
    col: usize,
    cells: usize,
    cursor: bool,
    monochrome: bool,
) {
    let cell = cache.matrix.cell(r, col);
    let (planned, empty) = marks(false);
    let cursor_style = |style: Style| {
        if cursor {
            style.add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            style
        }
    };
    match cell.state {
        CellState::Carried(n) => {
            let mut style = if monochrome {
                Style::new()
            } else {
                heat(n, cache.max_count)
            };
            if cell.planned {
                style = style.add_modifier(Modifier::BOLD);
            }
            row.number(n, cells, cursor_style(style));
        }
        CellState::Planned => row.centred(planned, cells, cursor_style(Style::new().fg(Color::Yellow))),
        CellState::Empty => row.centred(empty, cells, cursor_style(dim_style())),
    }
}

/// Widths of the label column, of each data column and of the total column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Widths {
    label: usize,
    data: usize,
    total: usize,
    /// Data columns that fit.
    columns: usize,
}

/// The column widths for `room` cells: every column at a readable minimum
/// when they all fit, the room left over then spent on whole names (first
/// the column names' longest words, then the labels, then whole column
/// names, then spread over the columns); when they do not all fit, as many
/// columns of the minimum width as fit, the cells left over shared among
/// them.
fn widths(cache: &MatrixCache, transpose: bool, room: usize) -> Widths {
    let numbers = width(&cache.matrix.total().to_string()).max(3);
    let total = numbers.max(5);
    let (label_names, column_names, count) = if transpose {
        (cache.stage_width, cache.tactic_width, cache.visible.len())
    } else {
        (cache.label_width, cache.stage_width, cache.matrix.stage_count())
    };
    let label_min = label_names.clamp(8, 14);
    let data_min = column_names.min(6).max(numbers);
    // label, then " data" per column, then " │" and the total.
    let need = |label: usize, data: usize, columns: usize| label + columns * (data + 1) + 2 + total;
    let count = count.max(1);
    if need(label_min, data_min, count) > room {
        let columns = (room.saturating_sub(label_min + 2 + total) / (data_min + 1)).clamp(1, count);
        let spare = room.saturating_sub(need(label_min, data_min, columns));
        let data = data_min + (spare / columns).min(column_names.saturating_sub(data_min));
        let label = label_min
            + room
                .saturating_sub(need(label_min, data, columns))
                .min(label_names.saturating_sub(label_min));
        return Widths {
            label,
            data,
            total,
            columns,
        };
    }
    let (mut label, mut data) = (label_min, data_min);
    let widest_data = |label: usize| (room.saturating_sub(label + 2 + total) / count).saturating_sub(1);
    let steps = [
        (false, column_names.min(10)),
        (true, label_names.min(30)),
        (false, column_names.min(20)),
        (true, label_names.min(room / 2)),
        (false, 30),
    ];
    for (grow_label, to) in steps {
        if grow_label {
            let free = room.saturating_sub(need(label, data, count));
            label = label.max(to.min(label + free));
        } else {
            data = data.max(to.min(widest_data(label)));
        }
    }
    Widths {
        label,
        data,
        total,
        columns: count,
    }
}

/// The label of a tactic alone in its discipline, in `cells` cells: the
/// discipline (if any, and if there is room for it) and the tactic. Both
/// whole when they fit; shared fairly in a wide column; in a narrow one the
/// discipline keeps at most six cells, and is left out when the tactic
/// would keep fewer than eight.
fn lone_parts(discipline: &str, tactic: &str, cells: usize) -> (Option<String>, String) {
    let between = width(LONE_SEPARATOR);
    if discipline.is_empty() {
        return (None, fit_words(tactic, cells));
    }
    if width(discipline) + between + width(tactic) <= cells || cells >= 24 {
        let (head, rest) = both_parts(discipline, between, tactic, cells);
        return (Some(head), rest);
    }
    let discipline_room = width(discipline).min(6);
    let tactic_room = cells.saturating_sub(between + discipline_room);
    if tactic_room < width(tactic).min(8) {
        return (None, fit_words(tactic, cells));
    }
    (
        Some(fit_words(discipline, discipline_room)),
        fit_words(tactic, tactic_room),
    )
}

/// `first` and `second` on one line of at most `cells` cells, `between`
/// them, each cut between words (or with `…`) only as much as it must: the
/// shorter keeps its whole name when it needs no more than half the room.
fn both(first: &str, between: &str, second: &str, cells: usize) -> String {
    let (first, second) = both_parts(first, width(between), second, cells);
    format!("{first}{between}{second}")
}

/// The two parts [`both`] shows, `between` cells apart.
fn both_parts(first: &str, between: usize, second: &str, cells: usize) -> (String, String) {
    let (a, b) = (width(first), width(second));
    let room = cells.saturating_sub(between);
    if a + b <= room {
        return (first.to_string(), second.to_string());
    }
    let half = room / 2;
    let (a_room, b_room) = if a <= half {
        (a, room - a)
    } else if b <= half {
        (room - b, b)
    } else {
        (room - half, half)
    };
    (fit_words(first, a_room), fit_words(second, b_room))
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
    let column_count = if transpose { visible.len() } else { m.stage_count() };
    // In logical order: each line it is broken into is put in display order
    // as it is centred (ordering it here too turned right-to-left words
    // back to front again).
    let column_name = |c: usize| -> String {
        let name = if transpose {
            &map.tactics[m.tactic_at(visible[c])].name
        } else {
            &map.stages[c].name
        };
        unambiguous(&sanitize(name)).into_owned()
    };
    let mut drawn = cache.drawn.borrow_mut();
    // Column names of several words wider than their column take two lines,
    // when the grid has the rows to spare. Only the columns that can be
    // shown around the cursor are looked at.
    let cursor_column = if transpose {
        cache.position_of(app.matrix.row)
    } else {
        app.matrix.col
    };
    let near = cursor_column.saturating_sub(w.columns)..(cursor_column + w.columns).min(column_count);
    let name_lines = if inner.height >= 14
        && near.into_iter().any(|c| {
            let (name_width, words) = *drawn.column_facts.entry((transpose, c)).or_insert_with(|| {
                let name = column_name(c);
                (width(&name), name.split_whitespace().nth(1).is_some())
            });
            name_width > w.data && words
        }) {
        2
    } else {
        1
    };
    let drawn = drawn.for_layout(DrawnLayout {
        transpose,
        inner: usize::from(inner.width),
        label: w.label,
        data: w.data,
        name_lines,
        bidi: mode(),
    });
    // Header lines (the disciplines, transposed; the column names), body lines, totals line.
    let header_lines = usize::from(transpose) + name_lines;
    let body_height = usize::from(inner.height).saturating_sub(header_lines + 1).max(1);
    let mut state = app.matrix.clone();
    state.page_lines = body_height;

    // Which body line and data column hold the cursor.
    let (body_len, cursor_line) = if transpose {
        (m.stage_count(), state.col)
    } else {
        (
            cache.lines.len(),
            cache.line_of_row[state.row].min(cache.lines.len() - 1),
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
            cache.lines[line].row().map(|row| (row, c))
        }
    };

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
    // The block draws only its border and titles: what is inside it is
    // written after, row by row.
    frame.render_widget(block, area);

    let mut lines: Vec<Line> = Vec::with_capacity(header_lines);
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
                let name = format!(" {} ", fit_words(&sanitize(&g.discipline), span.saturating_sub(3)));
                let rule = "─".repeat(span.saturating_sub(width(&name) + 1));
                spans.push(Span::styled(name, label_style()));
                spans.push(Span::styled(format!("{rule} "), dim_style()));
            }
        }
        lines.push(fit_line(spans, usize::from(inner.width)));
    }
    // Each line of a name in display order, in the direction of the whole
    // name (the second line of a right-to-left name reads right to left too).
    for c in shown_cols.clone() {
        drawn.columns.entry(c).or_insert_with(|| {
            let name = column_name(c);
            let lines = word_lines(&name, w.data, name_lines);
            drawn_lines(&name, &lines)
                .iter()
                .map(|line| center_drawn(line, w.data))
                .collect()
        });
    }
    let blank_name = " ".repeat(w.data);
    for n in 0..name_lines {
        let first = n == 0;
        let mut header = vec![Span::styled(
            pad(
                if !first {
                    ""
                } else if transpose {
                    "Stage"
                } else {
                    "Tactic"
                },
                w.label,
            ),
            label_style(),
        )];
        for c in shown_cols.clone() {
            let style = if c == cursor_column {
                label_style().fg(Color::Cyan)
            } else {
                label_style()
            };
            let name = drawn
                .columns
                .get(&c)
                .and_then(|lines| lines.get(n))
                .unwrap_or(&blank_name);
            header.push(Span::raw(" "));
            header.push(Span::styled(name.as_str(), style));
        }
        header.push(Span::styled(" │", dim_style()));
        header.push(Span::styled(
            center(if first { "Total" } else { "" }, w.total),
            label_style(),
        ));
        lines.push(Line::from(header));
    }
    let buf = frame.buffer_mut();
    write_lines_into(buf, &lines, inner);

    let bottom = inner.y + inner.height;
    let mut y = inner.y.saturating_add(u16::try_from(lines.len()).unwrap_or(u16::MAX));
    for line in shown_lines {
        if y >= bottom {
            break;
        }
        let mut row = RowWriter::new(buf, inner, y);
        y += 1;
        let group = (!transpose).then(|| cache.lines[line]).and_then(|l| match l {
            GridLine::Group(g) => Some(g),
            GridLine::Row(_) | GridLine::Lone(..) => None,
        });
        if let Some(g) = group {
            let text = drawn
                .labels
                .entry(line)
                .or_insert_with(|| vec![shown_fit(&m.groups()[g].discipline, usize::from(inner.width))]);
            row.text(&text[0], label_style().add_modifier(Modifier::UNDERLINED));
            continue;
        }
        let is_cursor_line = if transpose {
            line == cursor_col
        } else {
            cache.lines[line].row() == Some(cursor_row)
        };
        let label_style = if is_cursor_line {
            Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
        } else {
            Style::new()
        };
        let label = drawn
            .labels
            .entry(line)
            .or_insert_with(|| line_label(cache, map, transpose, line, w.label));
        let total = if transpose {
            m.stage_total(line)
        } else {
            match cache.lines[line] {
                GridLine::Lone(_, row) | GridLine::Row(row) => m.tactic_total(row),
                GridLine::Group(_) => 0,
            }
        };
        match (&label[..], cache.lines.get(line)) {
            // A lone tactic's discipline as header lines show it, the tactic as rows do.
            ([head, rest], Some(GridLine::Lone(..))) if !transpose => {
                row.text(head, label_style.patch(super::label_style()));
                row.text(rest, label_style);
            }
            _ => {
                for piece in label.iter() {
                    row.text(piece, label_style);
                }
            }
        }
        for c in shown_cols.clone() {
            row.text(" ", Style::new());
            if let Some((r, col)) = cell_at(line, c) {
                let cursor = r == cursor_row && col == cursor_col;
                write_cell(&mut row, cache, r, col, w.data, cursor, app.monochrome);
            }
        }
        row.text(" │", dim_style());
        row.number(total, w.total, super::label_style());
    }
    // The totals stay on the last line.
    let last = bottom.saturating_sub(1).max(y);
    if last < bottom {
        let mut row = RowWriter::new(buf, inner, last);
        row.text(&pad("Total", w.label), label_style());
        for c in shown_cols.clone() {
            row.text(" ", Style::new());
            let n = if transpose {
                m.tactic_total(visible[c])
            } else {
                m.stage_total(c)
            };
            row.number(n, w.data, label_style());
        }
        row.text(" │", dim_style());
        row.number(m.total(), w.total, label_style());
    }
    Some(MatrixScroll {
        line_offset: state.line_offset,
        col_offset: state.col_offset,
        page_lines: state.page_lines,
    })
}

/// The label of body line `line`, `cells` wide, in the pieces drawn in
/// their own styles: transposed, the stage; a lone tactic, its discipline
/// (when there is room) and the tactic after the separator; a tactic of a
/// group, indented.
fn line_label(cache: &MatrixCache, map: &JourneyMap, transpose: bool, line: usize, cells: usize) -> Vec<String> {
    let m = &cache.matrix;
    if transpose {
        let name = sanitize(&map.stages[line].name);
        return vec![shown_cell(&fit_words(&name, cells), cells)];
    }
    match cache.lines[line] {
        GridLine::Lone(g, row) => {
            let (discipline, tactic) = lone_label(&m.groups()[g].discipline, &map.tactics[m.tactic_at(row)].name);
            match lone_parts(&discipline, &tactic, cells) {
                (Some(head), rest) => {
                    // The separator stands between the two in the line's own
                    // direction: put in display order with a tactic whose name
                    // reads right to left, it would go to the far end.
                    let rest_room = cells.saturating_sub(width(&head) + width(LONE_SEPARATOR));
                    vec![
                        shown_cell(&head, width(&head)),
                        format!("{LONE_SEPARATOR}{}", shown_cell(&rest, rest_room)),
                    ]
                }
                (None, tactic) => vec![shown_cell(&tactic, cells)],
            }
        }
        GridLine::Row(row) => {
            let name = sanitize(&map.tactics[m.tactic_at(row)].name);
            let room = cells.saturating_sub(2);
            vec![format!("  {}", shown_cell(&fit_words(&name, room), room))]
        }
        GridLine::Group(_) => Vec::new(),
    }
}

/// Characters that are each a grapheme of one cell whatever stands beside
/// them (none joins a neighbour, none is a control): a span of only these
/// is written a character to a cell, without the grapheme segmentation
/// that is most of the cost of writing the grid's counts and marks.
fn one_cell(c: char) -> bool {
    c.is_ascii_graphic() || matches!(c, ' ' | '·' | '○' | '│' | '─' | '↺' | '—' | '…')
}

/// Writes lines straight into `buf`, one per row, cut at the right edge
/// of `area`: cheaper than a paragraph, which lays out every grapheme again.
fn write_lines_into(buf: &mut Buffer, lines: &[Line], area: Rect) {
    let right = area.x + area.width;
    for (line, y) in lines.iter().zip(area.y..area.y + area.height) {
        let mut x = area.x;
        for span in &line.spans {
            if x >= right {
                break;
            }
            let style = line.style.patch(span.style);
            if span.content.chars().all(one_cell) {
                for c in span.content.chars() {
                    if x >= right {
                        break;
                    }
                    buf[(x, y)].set_char(c).set_style(style);
                    x += 1;
                }
            } else {
                (x, _) = buf.set_stringn(x, y, &span.content, usize::from(right - x), style);
            }
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
    // Both names, each cut only as much as it must, so the title always says which cell this is.
    let title = format!(" {} ", both(&stage_name, " × ", &tactic_name, cells.saturating_sub(2)));
    frame.render_widget(Paragraph::new(lines).block(block.title(title)), area);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_centred_as_names_are() {
        let area = Rect::new(0, 0, 12, 1);
        let style = Style::new().fg(Color::Green);
        let written = |write: &dyn Fn(&mut RowWriter)| {
            let mut buf = Buffer::empty(area);
            write(&mut RowWriter::new(&mut buf, area, 0));
            buf
        };
        let spanned = |s: String| {
            let mut buf = Buffer::empty(area);
            write_lines_into(&mut buf, &[Line::styled(s, style)], area);
            buf
        };
        for (n, cells) in [
            (0, 3),
            (7, 6),
            (12, 5),
            (12, 6),
            (999, 3),
            (1000, 7),
            (123_456, 4),
            (5, 20),
        ] {
            assert_eq!(
                written(&|row| row.number(n, cells, style)),
                spanned(center(&n.to_string(), cells)),
                "{n} in {cells}"
            );
        }
        for (mark, cells) in [("○", 6), ("·", 3), ("·", 1), ("ab", 1), ("", 4)] {
            assert_eq!(
                written(&|row| row.centred(mark, cells, style)),
                spanned(center(mark, cells)),
                "{mark} in {cells}"
            );
        }
    }

    #[test]
    fn lines_written_a_character_to_a_cell_are_those_a_paragraph_writes() {
        let style = Style::new().fg(Color::Green);
        let lines = vec![
            Line::from(vec![
                Span::styled("  12  ", style),
                Span::raw(" "),
                Span::styled("  ·  ", dim_style()),
                Span::styled("  ○ ↺3 — … │─", style.add_modifier(Modifier::BOLD)),
            ]),
            Line::from(vec![Span::raw("مرحبا 你好 e\u{301} "), Span::styled("after", style)]),
            Line::styled("a line cut at the right edge of the area, ·○ and all", style),
        ];
        let area = Rect::new(1, 1, 30, 3);
        let mut written = Buffer::empty(Rect::new(0, 0, 32, 5));
        write_lines_into(&mut written, &lines, area);
        let mut painted = Buffer::empty(Rect::new(0, 0, 32, 5));
        ratatui::widgets::Widget::render(Paragraph::new(lines.clone()), area, &mut painted);
        assert_eq!(written, painted);
        for c in "·○│─↺—…".chars() {
            assert_eq!(ratatui::text::Span::raw(c.to_string()).width(), 1, "{c}");
        }
    }

    #[test]
    fn both_names_keep_a_share_of_the_room_and_break_between_words() {
        assert_eq!(both("Aware", " × ", "SEO", 20), "Aware × SEO");
        // The short one is whole; the long one is cut after a word.
        assert_eq!(
            both("Aware", " × ", "LinkedIn and Instagram ads", 24),
            "Aware × LinkedIn and…"
        );
        assert_eq!(
            both(
                "Awareness of the office coffee problem",
                " × ",
                "LinkedIn and Instagram ads",
                34
            ),
            "Awareness of… × LinkedIn and…"
        );
        assert_eq!(fit_words("Office manager interviews", 17), "Office manager…");
        // A narrow label keeps the tactic readable, the discipline if it can.
        let lone = |d: &str, t: &str, cells: usize| match lone_parts(d, t, cells) {
            (Some(head), rest) => format!("{head}{LONE_SEPARATOR}{rest}"),
            (None, rest) => rest,
        };
        assert_eq!(lone("CRM", "Account management", 14), "CRM · Account…");
        assert_eq!(
            lone("Market research", "Office manager interviews", 14),
            "Office manage…"
        );
        assert_eq!(lone("Search", "SEO", 14), "Search · SEO");
        assert_eq!(lone("", "Email", 14), "Email");
    }
}
