//! The emotion curve: each stage's emotion score (-2 frustrated … +2
//! delighted) as a bar from a baseline at 0, up for a positive score and
//! down for a negative one, stage names (broken between words) under the
//! bars. The score is written on the baseline of every bar, so it reads
//! without colour. Where a stage's touchpoints have scores of their own,
//! their spread is marked on the bar's right edge: `◆` at each score a
//! touchpoint has, `│` between.
//!
//! When the stages do not all fit at a readable width, the curve shows a
//! window around the selected stage, and its bottom border says how many
//! stages are left out on each side.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders};

use super::{dim_style, word_lines};
use crate::model::JourneyMap;
use crate::text::bidi::drawn_lines;
use crate::text::{sanitize, truncate, unambiguous, width};

/// Rows the curve takes, borders included.
pub const HEIGHT: u16 = 9;

/// The narrowest a bar gets while every stage still fits; below it the
/// curve scrolls instead.
const READABLE: usize = 6;
/// The widest a bar gets.
const WIDEST: usize = 16;
/// The width of a bar when the curve scrolls (unless the names are shorter).
const SCROLLING: usize = 10;

/// How the curve is laid out across its width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Columns {
    /// Cells a bar, one cell between bars.
    bar: usize,
    /// The first stage shown.
    start: usize,
    /// How many stages are shown.
    shown: usize,
}

/// Bars as wide as the room allows when every stage fits at a readable
/// width (at least as wide as the longest name, when that fits too);
/// otherwise bars as wide as names need, up to [`SCROLLING`], and a window
/// of them centred on the selected stage.
fn columns(cells: usize, names: &[String], selected: Option<usize>) -> Columns {
    let n = names.len().max(1);
    let longest = names.iter().map(|s| width(s)).max().unwrap_or(0);
    let longest_word = names
        .iter()
        .flat_map(|s| s.split_whitespace())
        .map(width)
        .max()
        .unwrap_or(0);
    let each = ((cells + 1) / n).saturating_sub(1);
    if each >= READABLE.min(longest.max(3)) {
        return Columns {
            bar: each.min(WIDEST),
            start: 0,
            shown: names.len(),
        };
    }
    let bar = longest_word.clamp(READABLE, SCROLLING).min(cells.max(1));
    let fits = ((cells + 1) / (bar + 1)).max(1).min(names.len());
    let start = selected.unwrap_or(0).saturating_sub(fits / 2).min(names.len() - fits);
    Columns {
        bar,
        start,
        shown: fits,
    }
}

/// Draws the curve of `map`'s stages, `selected` (a stage position)
/// highlighted; `own` says, per stage, which of the five scores (-2..=+2,
/// by position) its touchpoints have as their own.
pub fn draw(frame: &mut Frame, map: &JourneyMap, own: &[[bool; 5]], selected: Option<usize>, area: Rect) {
    let pains = pains_per_stage(map);
    let mut title = " Emotion across the journey (-2 … +2 from the 0 line".to_string();
    if own.iter().any(|levels| levels.iter().any(|&l| l)) {
        title.push_str("; ◆ touchpoints' own");
    }
    if pains.iter().any(|&n| n > 0) {
        title.push_str("; !n pain points");
    }
    title.push_str(") ");
    let mut block = Block::new()
        .borders(Borders::ALL)
        .border_style(dim_style())
        .title(title);
    let inner = block.inner(area);
    if map.stages.is_empty() || inner.height < 3 || inner.width == 0 {
        frame.render_widget(block, area);
        return;
    }
    // In logical order: each name is wrapped under its bar first, then each
    // line drawn (a right-to-left name's first words on its first line).
    let names: Vec<String> = map
        .stages
        .iter()
        .map(|s| unambiguous(&sanitize(&s.name)).into_owned())
        .collect();
    let layout = columns(usize::from(inner.width), &names, selected);
    let before = layout.start;
    let after = names.len() - layout.start - layout.shown;
    if before > 0 {
        block = block.title_bottom(Line::styled(format!(" ◀ {before} more "), Style::new().fg(Color::Cyan)));
    }
    if after > 0 {
        block =
            block.title_bottom(Line::styled(format!(" {after} more ▶ "), Style::new().fg(Color::Cyan)).right_aligned());
    }
    frame.render_widget(block, area);

    // Two rows of names when there is room for two score rows on each side.
    let label_rows: u16 = if inner.height >= 7 { 2 } else { 1 };
    let bar_rows = inner.height - label_rows;
    let above = (bar_rows - 1) / 2;
    let below = bar_rows - 1 - above;
    let axis = inner.y + above;
    let chart = Chart {
        axis,
        above,
        below,
        labels: inner.y + bar_rows,
        label_rows,
    };
    let buffer = frame.buffer_mut();
    // The 0 line runs under the bars shown, not past them.
    let used = (layout.shown * (layout.bar + 1))
        .saturating_sub(1)
        .min(usize::from(inner.width));
    for x in inner.x..inner.x + used as u16 {
        if let Some(cell) = buffer.cell_mut((x, axis)) {
            cell.set_symbol("─").set_style(dim_style());
        }
    }
    for column in 0..layout.shown {
        let stage = layout.start + column;
        let x = inner.x + (column * (layout.bar + 1)) as u16;
        let bar = Rect::new(x, inner.y, layout.bar as u16, inner.height);
        draw_bar(
            buffer,
            &chart,
            bar,
            map.stages[stage].emotion.clamp(-2, 2),
            &names[stage],
            Some(stage) == selected,
        );
        mark_spread(buffer, &chart, bar.right() - 1, &own[stage]);
        if pains[stage] > 0 {
            let mark = format!("!{}", pains[stage]);
            let style = Style::new().fg(Color::Red).add_modifier(Modifier::BOLD);
            buffer.set_stringn(bar.x, inner.y, &mark, usize::from(bar.width), style);
        }
    }
}

/// How many pain points each stage has, in stage order.
fn pains_per_stage(map: &JourneyMap) -> Vec<usize> {
    let mut counts = vec![0; map.stages.len()];
    for pain in &map.pain_points {
        if let Some(n) = map.stages.iter().position(|s| s.id == pain.stage) {
            counts[n] += 1;
        }
    }
    counts
}

/// Where the parts of the curve are, vertically.
struct Chart {
    /// The row of the 0 line.
    axis: u16,
    /// Rows above and below the 0 line.
    above: u16,
    below: u16,
    /// The first row of the names, and how many rows they have.
    labels: u16,
    label_rows: u16,
}

impl Chart {
    /// The row a score reaches: +2 the top, -2 the bottom, 0 the line.
    fn row_of(&self, score: i8) -> u16 {
        let reach = |rows: u16| (u16::from(score.unsigned_abs()) * rows).div_ceil(2);
        match score {
            0 => self.axis,
            s if s > 0 => self.axis - reach(self.above),
            _ => self.axis + reach(self.below),
        }
    }
}

/// One stage's bar in the columns of `bar`: the score on the 0 line, the
/// bar up or down from it, the name below.
fn draw_bar(buffer: &mut Buffer, chart: &Chart, bar: Rect, score: i8, name: &str, selected: bool) {
    let colour = match score {
        i8::MIN..=-1 => Color::Red,
        0 => Color::Yellow,
        _ => Color::Green,
    };
    let end = chart.row_of(score);
    let (from, to) = if end < chart.axis {
        (end, chart.axis)
    } else {
        (chart.axis, end)
    };
    for y in from..=to {
        if y == chart.axis {
            continue;
        }
        for x in bar.x..bar.right() {
            if let Some(cell) = buffer.cell_mut((x, y)) {
                cell.set_symbol("█").set_style(Style::new().fg(colour));
            }
        }
    }
    let value = if score > 0 {
        format!("+{score}")
    } else {
        score.to_string()
    };
    let value_style = Style::new().fg(Color::Black).bg(colour).add_modifier(Modifier::BOLD);
    buffer.set_stringn(
        bar.x,
        chart.axis,
        centred(&value, usize::from(bar.width)),
        usize::from(bar.width),
        value_style,
    );
    let mut label_style = Style::new();
    if selected {
        label_style = label_style.add_modifier(Modifier::BOLD | Modifier::REVERSED);
    }
    let lines = word_lines(name, usize::from(bar.width), usize::from(chart.label_rows));
    for (row, line) in drawn_lines(name, &lines).iter().enumerate() {
        let text = centred(line, usize::from(bar.width));
        buffer.set_stringn(
            bar.x,
            chart.labels + row as u16,
            text,
            usize::from(bar.width),
            label_style,
        );
    }
}

/// `s` centred in `cells` cells (cut if wider).
fn centred(s: &str, cells: usize) -> String {
    let s = truncate(s, cells);
    let w = width(&s);
    let left = (cells - w) / 2;
    format!("{}{s}{}", " ".repeat(left), " ".repeat(cells - w - left))
}

/// Marks the spread of one stage's own touchpoint scores in column `x`:
/// each score at the row a bar of that score reaches.
fn mark_spread(buffer: &mut Buffer, chart: &Chart, x: u16, levels: &[bool; 5]) {
    let (Some(low), Some(high)) = (levels.iter().position(|&l| l), levels.iter().rposition(|&l| l)) else {
        return;
    };
    let score = |p: usize| p as i8 - 2;
    let style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
    for row in chart.row_of(score(high))..=chart.row_of(score(low)) {
        if let Some(cell) = buffer.cell_mut((x, row)) {
            cell.set_symbol("│").set_style(style);
        }
    }
    for (p, _) in levels.iter().enumerate().filter(|&(_, &l)| l) {
        if let Some(cell) = buffer.cell_mut((x, chart.row_of(score(p)))) {
            cell.set_symbol("◆").set_style(style);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(n: usize) -> Vec<String> {
        (1..=n).map(|i| format!("Stage {i}")).collect()
    }

    #[test]
    fn few_stages_share_the_width_and_many_scroll_around_the_selection() {
        let few = columns(78, &names(8), Some(3));
        assert_eq!(
            few,
            Columns {
                bar: 8,
                start: 0,
                shown: 8
            }
        );
        let wide = columns(198, &names(8), None);
        assert_eq!(wide.bar, WIDEST);
        let many = columns(78, &names(30), Some(0));
        assert_eq!((many.start, many.bar), (0, 6));
        assert!(many.shown * (many.bar + 1) <= 79);
        let middle = columns(78, &names(30), Some(15));
        assert!(middle.start <= 15 && 15 < middle.start + middle.shown, "{middle:?}");
        let last = columns(78, &names(30), Some(29));
        assert_eq!(last.start + last.shown, 30);
    }
}
