//! What the Matrix view shows and where its cursor is: the cell cursor,
//! scrolling, filter and transposition, and the [`Matrix`] itself, built by
//! the same analysis code as `journeymap matrix` and cached until the map or
//! the filter changes. Moving the cursor costs the same on a map of 50,000
//! touchpoints as on a small one: nothing is rebuilt.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::analysis::{Matrix, MatrixFilter};
use crate::model::JourneyMap;
use crate::text::bidi::Bidi;
use crate::text::{sanitize, width};

/// What stands between the discipline and the tactic of a [`GridLine::Lone`] row.
pub const LONE_SEPARATOR: &str = " · ";

/// Cursor and scroll position of the Matrix view.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MatrixState {
    /// Matrix row (tactic, in display order) of the cursor.
    pub row: usize,
    /// Stage column of the cursor.
    pub col: usize,
    /// First body line shown.
    pub line_offset: usize,
    /// First data column shown.
    pub col_offset: usize,
    /// Selected touchpoint among the cell's.
    pub touchpoint: usize,
    pub filter: MatrixFilter,
    /// Stages as rows, tactics as columns.
    pub transpose: bool,
    /// Body lines and data columns shown at the last draw (for paging).
    pub page_lines: usize,
}

/// A body line of the untransposed matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GridLine {
    /// The header of a discipline group.
    Group(usize),
    /// A tactic row of the matrix.
    Row(usize),
    /// The only tactic row shown of a discipline group (group, row): the
    /// discipline is named on the row itself rather than on a line of its own.
    Lone(usize, usize),
}

impl GridLine {
    /// The matrix row on this line, if it holds one.
    pub fn row(self) -> Option<usize> {
        match self {
            GridLine::Group(_) => None,
            GridLine::Row(row) | GridLine::Lone(_, row) => Some(row),
        }
    }
}

/// The label of a tactic row that is alone in its discipline: the
/// discipline, then the tactic (only the tactic when the names are the same).
pub fn lone_label(discipline: &str, tactic: &str) -> (String, String) {
    let discipline = sanitize(discipline).into_owned();
    let tactic = sanitize(tactic).into_owned();
    if discipline.trim().to_lowercase() == tactic.trim().to_lowercase() {
        (String::new(), tactic)
    } else {
        (discipline, tactic)
    }
}

/// The matrix and what drawing it needs, computed once per map generation and filter.
#[derive(Debug, Clone)]
pub struct MatrixCache {
    pub generation: u64,
    /// The `/` text the tactic rows were filtered with (lower case).
    pub text: String,
    pub matrix: Matrix,
    /// Matrix rows shown (all, unless a `/` filter hides some), ascending.
    pub visible: Vec<usize>,
    /// Body lines, untransposed: group headers and tactic rows.
    pub lines: Vec<GridLine>,
    /// The line of each matrix row (`usize::MAX` when hidden).
    pub line_of_row: Vec<usize>,
    /// The largest number of touchpoints in a cell (for the heat map).
    pub max_count: usize,
    /// Widest tactic name and stage name, in terminal cells.
    pub tactic_width: usize,
    /// Widest label of a tactic line, as the untransposed grid shows it
    /// (indented under its discipline, or with the discipline before it).
    pub label_width: usize,
    pub stage_width: usize,
    /// Labels and column names as the grid last drew them. They depend on
    /// the names of the stages, tactics and disciplines, which a new cache
    /// is built for whenever they change, and on the layout they were cut
    /// for, which [`DrawnText::for_layout`] checks.
    pub drawn: RefCell<DrawnText>,
}

/// What the grid's labels and column names were cut to fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DrawnLayout {
    pub transpose: bool,
    /// The grid's width inside its border.
    pub inner: usize,
    pub label: usize,
    pub data: usize,
    /// Lines each column name may take.
    pub name_lines: usize,
    pub bidi: Bidi,
}

/// Text of the grid made once and drawn every frame until the layout or
/// the names change: cutting, shaping and reordering names costs more than
/// the rest of a frame of the grid.
#[derive(Debug, Clone, Default)]
pub struct DrawnText {
    layout: Option<DrawnLayout>,
    /// Each body line's label, in its pieces.
    pub labels: HashMap<usize, Vec<String>>,
    /// Each column's name, a string per line, centred in its column.
    pub columns: HashMap<usize, Vec<String>>,
    /// Each column's name, transposed or not: its width and whether it has
    /// more than one word (what decides if names take two lines).
    pub column_facts: HashMap<(bool, usize), (usize, bool)>,
}

impl DrawnText {
    /// The labels and column names made for `layout` (none yet, if it is
    /// not the one they were made for).
    pub fn for_layout(&mut self, layout: DrawnLayout) -> &mut Self {
        if self.layout != Some(layout) {
            self.layout = Some(layout);
            self.labels.clear();
            self.columns.clear();
        }
        self
    }
}

impl MatrixCache {
    /// The matrix of `map` (at `generation`) under `filter`, its tactic rows
    /// narrowed to those whose name or id holds `text` (lower case); `None`
    /// when the filter names an item the map does not have.
    pub fn build(map: &JourneyMap, generation: u64, filter: &MatrixFilter, text: &str) -> Option<MatrixCache> {
        let matrix = Matrix::build(map, filter).ok()?;
        let shown = |row: usize| {
            let t = &map.tactics[matrix.tactic_at(row)];
            text.is_empty() || t.name.to_lowercase().contains(text) || t.id.to_lowercase().contains(text)
        };
        let mut lines = Vec::with_capacity(matrix.row_count() + matrix.groups().len());
        let mut line_of_row = vec![usize::MAX; matrix.row_count()];
        let mut visible = Vec::with_capacity(matrix.row_count());
        let mut label_width = 0;
        for (g, group) in matrix.groups().iter().enumerate() {
            let rows: Vec<usize> = group.rows.clone().filter(|&r| shown(r)).collect();
            if rows.is_empty() {
                continue;
            }
            if let [row] = rows[..] {
                // A discipline with one tactic shown costs one line, not two.
                let (discipline, tactic) = lone_label(&group.discipline, &map.tactics[matrix.tactic_at(row)].name);
                let shown = if discipline.is_empty() {
                    width(&tactic)
                } else {
                    width(&discipline) + width(LONE_SEPARATOR) + width(&tactic)
                };
                label_width = label_width.max(shown);
                line_of_row[row] = lines.len();
                lines.push(GridLine::Lone(g, row));
                visible.push(row);
                continue;
            }
            lines.push(GridLine::Group(g));
            for row in rows {
                label_width = label_width.max(2 + width(&sanitize(&map.tactics[matrix.tactic_at(row)].name)));
                line_of_row[row] = lines.len();
                lines.push(GridLine::Row(row));
                visible.push(row);
            }
        }
        let mut max_count = 0;
        for row in 0..matrix.row_count() {
            for col in 0..matrix.stage_count() {
                max_count = max_count.max(matrix.cell(row, col).touchpoints.len());
            }
        }
        let tactic_width = map.tactics.iter().map(|t| width(&sanitize(&t.name))).max().unwrap_or(0);
        let stage_width = map.stages.iter().map(|s| width(&sanitize(&s.name))).max().unwrap_or(0);
        Some(MatrixCache {
            generation,
            text: text.to_string(),
            matrix,
            visible,
            lines,
            line_of_row,
            max_count,
            tactic_width,
            label_width,
            stage_width,
            drawn: RefCell::default(),
        })
    }

    /// Where a matrix row is among the visible ones (the nearest when hidden).
    pub fn position_of(&self, row: usize) -> usize {
        match self.visible.binary_search(&row) {
            Ok(p) => p,
            Err(p) => p.min(self.visible.len().saturating_sub(1)),
        }
    }
}
