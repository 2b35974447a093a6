//! A box-drawing table that keeps its alignment whatever the text: widths are
//! measured in terminal cells (crate::text), so Arabic, CJK and emoji line
//! up; cells too wide for their column are wrapped between words (a word
//! wider than its column is broken with a `-`) or cut with an ellipsis;
//! columns shrink, widest first, to fit a width budget, breaking words only
//! when whole words cannot fit.
//!
//! Cells may span several columns (group headers). Separator lines pick the
//! right junction (┼ ┬ ┴ ─) from the rows above and below.
//!
//! The caller sanitizes text; the table only measures and places it, after
//! replacing the graphemes terminals disagree on ([`crate::text::unambiguous`]).

use std::borrow::Cow;

use crate::text::bidi::{is_rtl, visual_line};
use crate::text::{truncate, unambiguous, width, word_widths, wrap_whole_words, wrap_words};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
}

/// How a cell is emphasised when colour is on; ignored otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tone {
    #[default]
    Plain,
    Strong,
    Dim,
    Accent,
}

impl Tone {
    fn ansi(self) -> Option<&'static str> {
        match self {
            Tone::Plain => None,
            Tone::Strong => Some("\u{1b}[1m"),
            Tone::Dim => Some("\u{1b}[2m"),
            Tone::Accent => Some("\u{1b}[36m"),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableCell {
    /// Already sanitized; `\n` starts a new line inside the cell.
    pub text: String,
    /// Number of columns covered (at least 1).
    pub span: usize,
    pub align: Align,
    /// Wrap over several lines (true) or cut to one line with `…` (false).
    pub wrap: bool,
    /// When wrapping, cut a word wider than the column with `…` rather
    /// than break it (names, where a broken word reads as two).
    pub whole_words: bool,
    pub tone: Tone,
    /// The width of each line of `text`, when the caller wrapped it
    /// ([`TableCell::wrapped`]): measured once, and drawn as they stand in a
    /// column as wide as the widest. `text` is not to be changed then.
    line_widths: Option<Vec<usize>>,
}

/// Whether wrapping `line` to its own width gives it back as it stands:
/// no space begins or ends it, and no two follow each other.
fn stands_as_wrapped(line: &str) -> bool {
    !line.starts_with(' ') && !line.ends_with(' ') && !line.contains("  ")
}

impl TableCell {
    /// A cell of `text`, in graphemes every terminal draws at the same
    /// width ([`unambiguous`]): a flag as its letters, a ZWJ sequence as its
    /// first emoji. Only so can the borders after it line up everywhere.
    pub fn new(text: impl Into<String>) -> Self {
        let text = text.into();
        let text = match unambiguous(&text) {
            Cow::Borrowed(_) => text,
            Cow::Owned(safe) => safe,
        };
        Self {
            text,
            span: 1,
            align: Align::Left,
            wrap: true,
            whole_words: false,
            tone: Tone::Plain,
            line_widths: None,
        }
    }

    /// A cell of `text` whose lines the caller already wrapped to the
    /// column (between words, as [`wrap_words`] does): the table measures
    /// each line once, here, and draws the lines as they stand when the
    /// column is as wide as the widest, rather than wrapping them again.
    /// In a narrower column, or one that draws right-to-left text in visual
    /// order, it is wrapped as any other cell: the text is the same either
    /// way.
    pub fn wrapped(text: impl Into<String>) -> Self {
        let mut cell = Self::new(text);
        let mut line_widths = Vec::new();
        for line in cell.text.split('\n') {
            if !stands_as_wrapped(line) {
                return cell;
            }
            line_widths.push(width(line));
        }
        cell.line_widths = Some(line_widths);
        cell
    }

    pub fn whole_words(mut self) -> Self {
        self.whole_words = true;
        self
    }

    pub fn align(mut self, align: Align) -> Self {
        self.align = align;
        self
    }

    pub fn span(mut self, span: usize) -> Self {
        self.span = span.max(1);
        self
    }

    pub fn one_line(mut self) -> Self {
        self.wrap = false;
        self
    }

    pub fn tone(mut self, tone: Tone) -> Self {
        self.tone = tone;
        self
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TableRow {
    Cells(Vec<TableCell>),
    /// A horizontal separator line.
    Rule,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableStyle {
    pub ascii: bool,
    pub colour: bool,
    /// Width budget in terminal cells, borders included. The table is wider
    /// only when every column is already at its minimum.
    pub max_width: usize,
    /// Each cell's lines, cut and wrapped in logical order, are then shaped
    /// and put in visual order (each cell its own paragraph), and a
    /// right-to-left cell aligned left is aligned right: for a terminal that
    /// does no BiDi of its own. Files keep logical order.
    pub visual: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// Width below which a column's text is squeezed only when the table
    /// does not fit otherwise (e.g. the longest word of a header); also fixes
    /// the number of columns.
    pub min_widths: Vec<usize>,
    /// Width below which a column never shrinks (e.g. its widest number);
    /// a column not listed never shrinks below its `min_widths` entry.
    pub floor_widths: Vec<usize>,
    pub rows: Vec<TableRow>,
}

struct Glyphs {
    horizontal: char,
    vertical: char,
    /// Indexed by [up][down]: what joins a horizontal line at a column boundary.
    junction: [[char; 2]; 2],
    left: [char; 3],
    right: [char; 3],
}

const UNICODE: Glyphs = Glyphs {
    horizontal: '─',
    vertical: '│',
    junction: [['─', '┬'], ['┴', '┼']],
    // top, middle, bottom
    left: ['┌', '├', '└'],
    right: ['┐', '┤', '┘'],
};

const ASCII: Glyphs = Glyphs {
    horizontal: '-',
    vertical: '|',
    junction: [['-', '+'], ['+', '+']],
    left: ['+', '+', '+'],
    right: ['+', '+', '+'],
};

/// The widths a table's columns need, gathered row by row: each column's
/// widest line and how many words of each width it holds. Rows can be
/// measured as they are made and dropped, so a table of any length is laid
/// out without holding its rows ([`Table::layout_measured`], [`Drawing`]).
#[derive(Debug, Clone)]
pub struct Measure {
    widths: Vec<usize>,
    /// How many words of each width each column holds: a column narrower
    /// than a word breaks it.
    words: Vec<Vec<usize>>,
    /// Whether words are counted: not when the columns are known to keep
    /// their natural widths, where no word is broken whatever its width.
    count_words: bool,
}

impl Measure {
    pub fn new(columns: usize) -> Self {
        let columns = columns.max(1);
        Self {
            widths: vec![1; columns],
            words: vec![Vec::new(); columns],
            count_words: true,
        }
    }

    /// A measure of each column's widest line alone: enough to lay out a
    /// table whose columns all fit at their natural widths
    /// ([`Measure::natural_fits`]), where the words never matter.
    pub fn lines_only(columns: usize) -> Self {
        Self {
            count_words: false,
            ..Self::new(columns)
        }
    }

    /// Whether every column fits at its natural width (its widest line)
    /// within `max_width`: then [`Table::layout_measured`] shrinks none,
    /// keeps every word whole, and needs no word counts.
    pub fn natural_fits(&self, max_width: usize) -> bool {
        self.widths.iter().map(|w| w + 3).sum::<usize>() <= max_width.saturating_sub(1)
    }

    /// Whether the columns cannot be laid out with every word whole within
    /// `max_width` whatever rows are measured after: their widest words
    /// (and the padding and borders) alone take the width. A table that
    /// [`fits`](Table::fits) never gets here, so measuring its rows can stop.
    pub fn whole_words_overflow(&self, max_width: usize) -> bool {
        self.count_words
            && self
                .words
                .iter()
                .map(|counts| counts.len().saturating_sub(1).max(1) + 3)
                .sum::<usize>()
                >= max_width
    }

    /// Measures a row of cells.
    pub fn row(&mut self, cells: &[TableCell]) {
        let mut column = 0;
        for cell in cells {
            if cell.span == 1 {
                let widest = cell
                    .line_widths
                    .as_ref()
                    .map(|widths| widths.iter().copied().max().unwrap_or(0));
                self.cell_of_width(column, &cell.text, cell.wrap, widest);
            }
            column += cell.span.max(1);
        }
    }

    /// Measures the text of a cell of one column, as [`TableCell::new`]
    /// would hold it (after [`unambiguous`]): for rows measured without
    /// making their cells.
    pub fn cell(&mut self, column: usize, text: &str, wrap: bool) {
        self.cell_of_width(column, text, wrap, None);
    }

    /// [`Measure::cell`], its widest line `widest` cells wide when known.
    fn cell_of_width(&mut self, column: usize, text: &str, wrap: bool, widest: Option<usize>) {
        if column >= self.widths.len() {
            return;
        }
        let natural = widest.unwrap_or_else(|| text.split('\n').map(width).max().unwrap_or(0));
        self.widths[column] = self.widths[column].max(natural);
        if wrap && self.count_words {
            let counts = &mut self.words[column];
            word_widths(text, |w| {
                if counts.len() <= w {
                    counts.resize(w + 1, 0);
                }
                counts[w] += 1;
            });
        }
    }
}

impl Table {
    pub fn new(min_widths: Vec<usize>) -> Self {
        Self {
            min_widths,
            floor_widths: Vec::new(),
            rows: Vec::new(),
        }
    }

    pub fn row(&mut self, cells: Vec<TableCell>) {
        self.rows.push(TableRow::Cells(cells));
    }

    pub fn rule(&mut self) {
        self.rows.push(TableRow::Rule);
    }

    fn columns(&self) -> usize {
        self.min_widths.len().max(1)
    }

    /// Column widths (text only, without padding and borders) fitted to `max_width`.
    pub fn widths(&self, max_width: usize) -> Vec<usize> {
        self.layout(max_width).0
    }

    /// [Column widths](Self::widths), and whether every word stays whole in them.
    fn layout(&self, max_width: usize) -> (Vec<usize>, bool) {
        // Most tables fit as their text stands: their words need not be
        // looked for.
        let mut measure = Measure::lines_only(self.columns());
        for row in &self.rows {
            if let TableRow::Cells(cells) = row {
                measure.row(cells);
            }
        }
        if !measure.natural_fits(max_width) {
            measure = Measure::new(self.columns());
            for row in &self.rows {
                if let TableRow::Cells(cells) = row {
                    measure.row(cells);
                }
            }
        }
        self.layout_measured(measure, max_width)
    }

    /// Column widths fitted to `max_width` from the text of every row, as
    /// [`Measure`] gathered it, and whether every word stays whole in them.
    pub fn layout_measured(&self, measure: Measure, max_width: usize) -> (Vec<usize>, bool) {
        let columns = self.columns();
        let Measure { mut widths, words, .. } = measure;
        // A column never grows to reach a minimum, only stops shrinking there.
        let soft: Vec<usize> = (0..columns)
            .map(|c| self.min_widths.get(c).copied().unwrap_or(1).clamp(1, widths[c]))
            .collect();
        let widest_word: Vec<usize> = (0..columns)
            .map(|c| words[c].len().saturating_sub(1).clamp(1, widths[c]))
            .collect();
        let whole_words: Vec<usize> = (0..columns).map(|c| soft[c].max(widest_word[c])).collect();
        let hard: Vec<usize> = (0..columns)
            .map(|c| {
                self.floor_widths
                    .get(c)
                    .copied()
                    .map_or(soft[c], |f| f.clamp(1, soft[c]))
            })
            .collect();
        // The first column labels the rows: other columns give way first,
        // since a wrapped header costs one line but a wrapped label one per row.
        let others_first = |mins: &[usize]| {
            let mut mins = mins.to_vec();
            mins[0] = widths[0];
            mins
        };
        // Columns first wrap between words, the widest giving way first, down
        // to their minimums and then below them, down to their widest word.
        // When whole words cannot fit, the column that breaks the fewest
        // words narrows next, whichever it is.
        let passes = [
            (others_first(&whole_words), false),
            (whole_words, false),
            (widest_word.clone(), false),
            (soft, true),
            (hard, true),
        ];
        // Each column costs its text plus " " on both sides and one border.
        let budget = max_width.saturating_sub(1);
        let mut total: usize = widths.iter().map(|w| w + 3).sum();
        for (mins, breaking) in &passes {
            while total > budget {
                let next = (0..columns).filter(|&c| widths[c] > mins[c]).min_by_key(|&c| {
                    let newly_broken = if *breaking {
                        words[c].get(widths[c]).copied().unwrap_or(0)
                    } else {
                        0
                    };
                    (newly_broken, std::cmp::Reverse(widths[c]), c)
                });
                let Some(c) = next else { break };
                widths[c] -= 1;
                total -= 1;
            }
        }
        let whole = (0..columns).all(|c| widths[c] >= widest_word[c]);
        (widths, whole)
    }

    /// Whether the table fits in `max_width` cells once its columns shrink,
    /// without breaking a word.
    pub fn fits(&self, max_width: usize) -> bool {
        let (widths, whole) = self.layout(max_width);
        whole && fitting(&widths, max_width)
    }

    /// The rendered table when it [fits](Self::fits) in the style's width,
    /// measuring the columns once: for tables whose content can be told
    /// another way when they do not.
    pub fn render_if_fits(&self, style: &TableStyle) -> Option<String> {
        let (widths, whole) = self.layout(style.max_width);
        (whole && fitting(&widths, style.max_width)).then(|| self.render_with(&widths, style))
    }

    pub fn render(&self, style: &TableStyle) -> String {
        self.render_with(&self.widths(style.max_width), style)
    }

    fn render_with(&self, widths: &[usize], style: &TableStyle) -> String {
        let mut out = String::new();
        let mut drawing = Drawing::new(self, widths, style);
        for row in &self.rows {
            drawing.row(&mut out, row);
        }
        drawing.end(&mut out);
        out
    }

    /// For each boundary between two columns: does this row draw a border there?
    fn boundaries(&self, cells: &[TableCell]) -> Vec<bool> {
        let columns = self.columns();
        let mut present = vec![true; columns.saturating_sub(1)];
        let mut column = 0;
        for cell in cells {
            for inner in column..column + cell.span.max(1) - 1 {
                if let Some(b) = present.get_mut(inner) {
                    *b = false;
                }
            }
            column += cell.span.max(1);
        }
        present
    }

    /// A horizontal line: `level` 0 top, 1 middle, 2 bottom.
    fn line(&self, widths: &[usize], g: &Glyphs, level: usize, up: Option<&[bool]>, down: Option<&[bool]>) -> String {
        let mut line = String::new();
        line.push(g.left[level]);
        for (c, w) in widths.iter().enumerate() {
            line.extend(std::iter::repeat_n(g.horizontal, w + 2));
            if c + 1 < widths.len() {
                let has = |side: Option<&[bool]>| side.and_then(|b| b.get(c)).copied().unwrap_or(false);
                line.push(g.junction[usize::from(has(up))][usize::from(has(down))]);
            }
        }
        line.push(g.right[level]);
        line.push('\n');
        line
    }

    fn cells(&self, out: &mut String, widths: &[usize], g: &Glyphs, cells: &[TableCell], style: &TableStyle) {
        let (colour, visual) = (style.colour, style.visual);
        // Each cell's lines, already fitted to its width, and their widths
        // when known.
        let mut placed: Vec<Placed<'_>> = Vec::with_capacity(widths.len());
        let mut column = 0;
        for cell in cells {
            if column >= widths.len() {
                break;
            }
            let span = cell.span.max(1).min(widths.len() - column);
            let w = widths[column..column + span].iter().sum::<usize>() + 3 * (span - 1);
            // Lines wrapped by the caller that fit the column: what wrapping
            // them again would give.
            let standing = cell.line_widths.as_deref().filter(|line_widths| {
                cell.wrap && !cell.whole_words && !visual && line_widths.iter().all(|&lw| lw <= w)
            });
            if let Some(line_widths) = standing {
                let lines = cell.text.split('\n').map(Cow::Borrowed).collect();
                placed.push(Placed {
                    width: w,
                    cell,
                    align: cell.align,
                    lines,
                    line_widths,
                });
                column += span;
                continue;
            }
            let lines = if cell.wrap && cell.whole_words {
                wrap_whole_words(&cell.text, w)
            } else if cell.wrap {
                wrap_words(&cell.text, w)
            } else if cell.text.contains('\n') {
                vec![Cow::Owned(truncate(&cell.text.replace('\n', " "), w).into_owned())]
            } else {
                vec![truncate(&cell.text, w)]
            };
            let (lines, align) = if visual {
                let rtl = is_rtl(&cell.text);
                let lines = lines
                    .iter()
                    .map(|l| Cow::Owned(visual_line(l, rtl).into_owned()))
                    .collect();
                // A right-to-left cell starts on the right, where its
                // reader starts: cells are narrow and bordered, and a
                // wrapped name's lines then end where they begin.
                let align = if rtl && cell.align == Align::Left {
                    Align::Right
                } else {
                    cell.align
                };
                (lines, align)
            } else {
                (lines, cell.align)
            };
            placed.push(Placed {
                width: w,
                cell,
                align,
                lines,
                line_widths: &[],
            });
            column += span;
        }
        // Columns the row leaves out are drawn empty.
        while column < widths.len() {
            placed.push(Placed {
                width: widths[column],
                cell: &EMPTY_CELL,
                align: Align::Left,
                lines: vec![Cow::Borrowed("")],
                line_widths: &[],
            });
            column += 1;
        }
        let height = placed.iter().map(|p| p.lines.len()).max().unwrap_or(1);
        for n in 0..height {
            out.push(g.vertical);
            for p in &placed {
                let text = p.lines.get(n).map_or("", |line| line.as_ref());
                let text_width = p.line_widths.get(n).copied().unwrap_or_else(|| width(text));
                out.push(' ');
                match p.cell.tone.ansi().filter(|_| colour && !text.is_empty()) {
                    Some(code) => {
                        out.push_str(code);
                        push_aligned(out, text, text_width, p.width, p.align);
                        out.push_str("\u{1b}[0m");
                    }
                    None => push_aligned(out, text, text_width, p.width, p.align),
                }
                out.push(' ');
                out.push(g.vertical);
            }
            out.push('\n');
        }
    }
}

/// A cell of a row being drawn: its lines fitted to its width, and their
/// widths when known.
struct Placed<'c> {
    width: usize,
    cell: &'c TableCell,
    align: Align,
    lines: Vec<Cow<'c, str>>,
    line_widths: &'c [usize],
}

/// A table drawn a row at a time, into text that may be handed on between
/// rows: the rows of a long table need not all be held ([`Measure`]).
/// The table gives the columns and their minimums; its own rows are not
/// drawn.
#[derive(Clone)]
pub struct Drawing<'t> {
    table: &'t Table,
    widths: &'t [usize],
    style: &'t TableStyle,
    glyphs: &'static Glyphs,
    /// The borders of the last row of cells drawn; `None` before the first.
    above: Option<Vec<bool>>,
    /// A rule was asked for since that row.
    pending_rule: bool,
}

impl<'t> Drawing<'t> {
    pub fn new(table: &'t Table, widths: &'t [usize], style: &'t TableStyle) -> Self {
        Self {
            table,
            widths,
            style,
            glyphs: if style.ascii { &ASCII } else { &UNICODE },
            above: None,
            pending_rule: false,
        }
    }

    /// Draws a row; the top border comes with the first row of cells,
    /// joined to its borders.
    pub fn row(&mut self, out: &mut String, row: &TableRow) {
        match row {
            TableRow::Rule => self.pending_rule = self.above.is_some(),
            TableRow::Cells(cells) => self.cells(out, cells),
        }
    }

    /// Draws a row of cells.
    pub fn cells(&mut self, out: &mut String, cells: &[TableCell]) {
        let (table, widths, glyphs) = (self.table, self.widths, self.glyphs);
        let here = table.boundaries(cells);
        match &self.above {
            None => out.push_str(&table.line(widths, glyphs, 0, None, Some(&here))),
            Some(above) if self.pending_rule => {
                out.push_str(&table.line(widths, glyphs, 1, Some(above), Some(&here)));
            }
            Some(_) => {}
        }
        self.pending_rule = false;
        table.cells(out, widths, glyphs, cells, self.style);
        self.above = Some(here);
    }

    /// The bottom border (and the top one, for a table with no rows).
    pub fn end(self, out: &mut String) {
        let (table, widths, glyphs) = (self.table, self.widths, self.glyphs);
        if self.above.is_none() {
            out.push_str(&table.line(widths, glyphs, 0, None, None));
        }
        out.push_str(&table.line(widths, glyphs, 2, self.above.as_deref(), None));
    }
}

/// Whether columns of these widths fit in `max_width` cells: one cell for
/// the left border, then each column's text, padding and border.
pub fn fitting(widths: &[usize], max_width: usize) -> bool {
    widths.iter().map(|w| w + 3).sum::<usize>() < max_width
}

static EMPTY_CELL: TableCell = TableCell {
    text: String::new(),
    span: 1,
    align: Align::Left,
    wrap: false,
    whole_words: false,
    tone: Tone::Plain,
    line_widths: None,
};

/// `text`, `text_width` cells wide, placed in exactly `cells` terminal cells.
fn push_aligned(out: &mut String, text: &str, text_width: usize, cells: usize, align: Align) {
    let (cut, cut_width) = if text_width <= cells {
        (Cow::Borrowed(text), text_width)
    } else {
        let cut = truncate(text, cells);
        let w = width(&cut);
        (cut, w)
    };
    let gap = cells.saturating_sub(cut_width);
    let (before, after) = match align {
        Align::Left => (0, gap),
        Align::Right => (gap, 0),
        Align::Center => (gap / 2, gap - gap / 2),
    };
    push_spaces(out, before);
    out.push_str(&cut);
    push_spaces(out, after);
}

fn push_spaces(out: &mut String, mut count: usize) {
    const SPACES: &str = "                                                                ";
    while count > 0 {
        let n = count.min(SPACES.len());
        out.push_str(&SPACES[..n]);
        count -= n;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style(max_width: usize) -> TableStyle {
        TableStyle {
            ascii: false,
            colour: false,
            max_width,
            visual: false,
        }
    }

    #[test]
    fn visual_order_shapes_and_right_aligns_right_to_left_cells_only() {
        let logical = sample().render(&style(80));
        let visual = sample().render(&TableStyle {
            visual: true,
            ..style(80)
        });
        let lines: Vec<&str> = visual.lines().collect();
        // إعلانات البحث 🚀, shaped (lam-alef is one cell) and right to left,
        // right-aligned in its 13-cell column.
        assert_eq!(
            lines[5],
            "│  🚀 \u{FE9A}\u{FEA4}\u{FE92}\u{FEDF}\u{FE8D} \u{FE95}\u{FE8E}\u{FEE7}\u{FEFC}\u{FECB}\u{FE87} │     12 │   3   │"
        );
        assert!(lines.iter().all(|l| width(l) == width(lines[0])), "{visual}");
        // Other lines are as they are in logical order.
        let unchanged = |text: &str| {
            text.lines()
                .filter(|l| !l.contains('🚀'))
                .map(str::to_string)
                .collect::<Vec<_>>()
        };
        assert_eq!(unchanged(&visual), unchanged(&logical));
    }

    fn sample() -> Table {
        let mut t = Table::new(vec![4, 3, 3]);
        t.row(vec![
            TableCell::new("Tactic"),
            TableCell::new("展示会"),
            TableCell::new("Total"),
        ]);
        t.rule();
        t.row(vec![TableCell::new("Advertising").span(3).tone(Tone::Strong)]);
        t.rule();
        t.row(vec![
            TableCell::new("إعلانات البحث 🚀"),
            TableCell::new("12").align(Align::Right),
            TableCell::new("3").align(Align::Center),
        ]);
        t
    }

    #[test]
    fn every_line_has_the_same_width() {
        for max in [10, 20, 30, 80] {
            let text = sample().render(&style(max));
            let widths: Vec<usize> = text.lines().map(width).collect();
            assert!(
                widths.windows(2).all(|w| w[0] == w[1]),
                "width {max}: {widths:?}\n{text}"
            );
        }
    }

    #[test]
    fn junctions_follow_spans() {
        let text = sample().render(&style(80));
        let lines: Vec<&str> = text.lines().collect();
        // إعلانات البحث takes 13 cells: its lam-alef pair is two, as
        // terminals draw it.
        assert_eq!(lines[0], "┌──────────────────┬────────┬───────┐");
        assert_eq!(lines[2], "├──────────────────┴────────┴───────┤");
        assert_eq!(lines[3], "│ Advertising                       │");
        assert_eq!(lines[4], "├──────────────────┬────────┬───────┤");
        assert_eq!(lines[5], "│ إعلانات البحث 🚀 │     12 │   3   │");
    }

    #[test]
    fn columns_shrink_to_fit_and_wrap() {
        let text = sample().render(&style(24));
        assert!(text.lines().all(|l| width(l) <= 24), "{text}");
        assert!(text.lines().count() > 6, "the long name wraps:\n{text}");
    }

    /// A touchpoint-like table: the column minimums of the caller are
    /// narrower than its words.
    fn words_table() -> Table {
        let mut t = Table::new(vec![8, 6, 6]);
        t.row(vec![
            TableCell::new("Touchpoint"),
            TableCell::new("Stage"),
            TableCell::new("Owner"),
        ]);
        t.rule();
        t.row(vec![
            TableCell::new("Welcome email with the estimate"),
            TableCell::new("Subscribe"),
            TableCell::new("Lifecycle marketing"),
        ]);
        t.row(vec![
            TableCell::new("Search ads"),
            TableCell::new("Aware"),
            TableCell::new("Performance marketing advertising"),
        ]);
        t
    }

    #[test]
    fn columns_wrap_between_words_before_breaking_one() {
        // Wide enough for every word: no column is narrower than its longest.
        let text = words_table().render(&style(42));
        assert!(words_table().fits(42), "{text}");
        for word in ["Subscribe", "Performance", "advertising", "Touchpoint", "estimate"] {
            assert!(text.contains(word), "{word}:\n{text}");
        }
        assert!(!text.contains("- │"), "{text}");
        // Narrower: the column that breaks the fewest words gives way, and
        // a broken word says so with `-`.
        let narrow = words_table().render(&style(36));
        assert!(!words_table().fits(36), "{narrow}");
        assert!(narrow.lines().all(|l| width(l) <= 36), "{narrow}");
        assert_eq!(
            narrow.matches("- │").count(),
            2,
            "two words broken, not three:\n{narrow}"
        );
        assert!(
            narrow.contains("Performance") && narrow.contains("advertising"),
            "{narrow}"
        );
    }

    /// Cells whose text the caller wrapped draw exactly as cells the table
    /// wraps itself: in columns as wide as their lines (drawn as they
    /// stand), narrower ones (wrapped again), and in visual order.
    #[test]
    fn wrapped_cells_draw_as_cells_the_table_wraps() {
        let map = crate::store::parse_str(include_str!("../../maps/souk-to-shelf.ron"), "souk").unwrap();
        let mut texts: Vec<String> = map.touchpoints.iter().map(|t| t.name.clone()).collect();
        texts.extend(map.stages.iter().map(|s| format!("{}\n{}", s.name, s.goal)));
        texts.extend(map.insights.iter().map(|i| i.name.clone()));
        texts.extend(
            [
                "🇦🇪 flag and 👨\u{200d}👩\u{200d}👧 family 🗓\u{fe0f}",
                "a  double  space",
                " leading and trailing ",
                "",
                "\n\n",
                "Retargetingcampaignwithoutend",
                "عرض خاص لرمضان على الإنترنت",
                "限时优惠展示会新年セールお試しセット",
                "직원 추천 이벤트 and more",
                "co-op self-service e-mail",
            ]
            .map(str::to_string),
        );
        let bullets = |text: &str, fit: usize| -> String {
            let mut lines = Vec::new();
            for (n, line) in wrap_words(text, fit.saturating_sub(2).max(1)).iter().enumerate() {
                let lead = if n == 0 { "\u{2022} " } else { "\u{a0}\u{a0}" };
                lines.push(format!("{lead}{line}"));
            }
            lines.join("\n")
        };
        let mut taken = 0;
        for fit in [1, 4, 9, 14, 22, 40, usize::MAX] {
            let fitted: Vec<(String, String)> = texts
                .iter()
                .map(|text| (wrap_words(text, fit).join("\n"), bullets(text, fit)))
                .collect();
            let table = |cell: fn(String) -> TableCell| {
                let mut t = Table::new(vec![5, 1, 1]);
                t.row(vec![TableCell::new(""), cell("Heading".into()), cell("Next".into())]);
                for (plain, listed) in &fitted {
                    t.rule();
                    t.row(vec![TableCell::new("Label"), cell(plain.clone()), cell(listed.clone())]);
                }
                t
            };
            let (wrapped, made) = (table(TableCell::wrapped), table(TableCell::new));
            taken += fitted
                .iter()
                .filter(|(plain, _)| TableCell::wrapped(plain.clone()).line_widths.is_some())
                .count();
            for max in [12, 20, 33, 50, 80, 160, usize::MAX] {
                for (ascii, visual) in [(false, false), (true, false), (false, true)] {
                    let style = TableStyle {
                        ascii,
                        colour: false,
                        max_width: max,
                        visual,
                    };
                    assert_eq!(
                        wrapped.render(&style),
                        made.render(&style),
                        "lines fitted to {fit}, table at {max}, ascii {ascii}, visual {visual}"
                    );
                }
            }
        }
        assert!(taken > texts.len() * 5, "lines drawn as they stand {taken} times");
    }

    #[test]
    fn ascii_uses_only_ascii_borders() {
        let text = sample().render(&TableStyle {
            ascii: true,
            colour: false,
            max_width: 80,
            visual: false,
        });
        assert!(
            text.lines()
                .next()
                .is_some_and(|l| l.chars().all(|c| c == '+' || c == '-'))
        );
    }

    #[test]
    fn colour_never_changes_the_layout() {
        let plain = sample().render(&style(40));
        let coloured = sample().render(&TableStyle {
            ascii: false,
            colour: true,
            max_width: 40,
            visual: false,
        });
        assert!(coloured.contains("\u{1b}[1m"));
        let stripped = coloured.replace("\u{1b}[1m", "").replace("\u{1b}[0m", "");
        assert_eq!(stripped, plain);
    }
}
