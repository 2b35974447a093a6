//! The matrix as a box-drawing grid for terminals and text reports.

use std::fmt::Write;

use super::table::{Align, Table, TableCell, TableStyle, Tone};
use crate::analysis::{CellState, Matrix};
use crate::model::JourneyMap;
use crate::text::{sanitize, unambiguous, width, wrap_words};

/// What a cell of the grid shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CellDisplay {
    /// The number of touchpoints.
    #[default]
    Count,
    /// The touchpoints' names, one per line.
    Names,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GridOptions {
    pub cells: CellDisplay,
    /// Stages as rows, tactics as columns.
    pub transpose: bool,
    /// Width budget in terminal cells; [`NO_WRAP`](super::NO_WRAP) for none.
    pub width: usize,
    pub ascii: bool,
    /// ANSI colour; only for terminals.
    pub colour: bool,
    /// Right-to-left names shaped and in visual order; only for terminals
    /// that do no BiDi of their own.
    pub visual: bool,
}

impl Default for GridOptions {
    fn default() -> Self {
        Self {
            cells: CellDisplay::Count,
            transpose: false,
            width: 100,
            ascii: false,
            colour: false,
            visual: false,
        }
    }
}

/// Marks for a planned tactic no touchpoint carries, and for an empty cell.
pub fn marks(ascii: bool) -> (&'static str, &'static str) {
    if ascii { ("o", ".") } else { ("○", "·") }
}

/// The grid, followed by a legend line (and the filter, when there is one).
///
/// Names are never broken inside a word. When the column headers (stages,
/// or tactics when transposed) cannot keep their words whole in the width,
/// they are numbered instead, and a legend of the numbers follows the grid:
/// a column of three cells headed "3" reads better than "Su-bs-cr-ib-e",
/// and every count stays in sight. A row label's word wider than the whole
/// label column is cut with `…` rather than broken.
pub fn render_matrix(map: &JourneyMap, matrix: &Matrix, options: &GridOptions) -> String {
    let style = TableStyle {
        ascii: options.ascii,
        colour: options.colour,
        max_width: options.width,
        visual: options.visual,
    };
    let build = |headers| {
        if options.transpose {
            transposed(map, matrix, options, headers)
        } else {
            by_tactic(map, matrix, options, headers)
        }
    };
    let (mut out, numbered) = match build(Headers::Names).render_if_fits(&style) {
        Some(text) => (text, false),
        None => (build(Headers::Numbers).render(&style), true),
    };
    if numbered {
        out.push_str(&numbers_legend(map, matrix, options));
    }
    out.push_str(&legend(map, matrix, options.ascii, options.width));
    out
}

/// How the grid's columns are headed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Headers {
    /// By the stage's (or tactic's) name, wrapped between words.
    Names,
    /// By its number in the legend under the grid.
    Numbers,
}

/// "Stages: 1 Aware · 2 Engage · …", wrapped to the width; each number
/// stays on the line of its name's first word.
fn numbers_legend(map: &JourneyMap, matrix: &Matrix, options: &GridOptions) -> String {
    let names: Vec<&str> = if options.transpose {
        matrix.rows().iter().map(|&t| map.tactics[t].name.as_str()).collect()
    } else {
        map.stages.iter().map(|s| s.name.as_str()).collect()
    };
    let title = if options.transpose { "Tactics" } else { "Stages" };
    let entries: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(n, name)| format!("{}\u{a0}{}", n + 1, unambiguous(&sanitize(name))))
        .collect();
    let text = format!("{title}: {}", entries.join(" · "));
    let mut out = String::new();
    for line in wrap_words(&text, options.width) {
        let _ = writeln!(out, "{line}");
    }
    out
}

/// The legend under a matrix, wrapped to `max` cells.
pub fn legend(map: &JourneyMap, matrix: &Matrix, ascii: bool, max: usize) -> String {
    let (planned, empty) = marks(ascii);
    let mut text = format!("{planned} planned, no touchpoint yet; {empty} none; totals count distinct touchpoints.");
    if let Some(filter) = describe_filter(map, matrix) {
        let _ = write!(text, "\n{filter}.");
    }
    let mut out = String::new();
    for line in wrap_words(&text, max) {
        let _ = writeln!(out, "{line}");
    }
    out
}

/// "Only touchpoints for …", or `None` when the matrix is not filtered.
pub fn describe_filter(map: &JourneyMap, matrix: &Matrix) -> Option<String> {
    let filter = matrix.filter();
    let mut parts = Vec::new();
    if let Some(id) = &filter.persona {
        let name = map
            .personas
            .iter()
            .find(|p| &p.id == id)
            .map_or(id.as_str(), |p| p.name.as_str());
        parts.push(format!("persona {}", sanitize(name)));
    }
    if let Some(id) = &filter.segment {
        let name = map
            .segments
            .iter()
            .find(|s| &s.id == id)
            .map_or(id.as_str(), |s| s.name.as_str());
        parts.push(format!("segment {}", sanitize(name)));
    }
    let audience = (!parts.is_empty()).then(|| format!("for {} (and those for everyone)", parts.join(" and ")));
    let campaign = filter.campaign.as_ref().map(|id| {
        let name = map
            .campaigns
            .iter()
            .find(|c| &c.id == id)
            .map_or(id.as_str(), |c| c.name.as_str());
        format!("campaign {} uses", sanitize(name))
    });
    match (campaign, audience) {
        (None, None) => None,
        (None, Some(audience)) => Some(format!("Only touchpoints {audience}")),
        (Some(campaign), None) => Some(format!("Only touchpoints {campaign}")),
        (Some(campaign), Some(audience)) => Some(format!("Only touchpoints {campaign}, {audience}")),
    }
}

fn cell_text(map: &JourneyMap, matrix: &Matrix, row: usize, column: usize, options: &GridOptions) -> TableCell {
    let cell = matrix.cell(row, column);
    let (planned, empty) = marks(options.ascii);
    match (cell.state, options.cells) {
        (CellState::Carried(n), CellDisplay::Count) => TableCell::new(n.to_string()).align(Align::Center),
        (CellState::Carried(_), CellDisplay::Names) => {
            // A bullet per name, so that wrapped names stay told apart; the
            // no-break space keeps the bullet on its name's first line.
            let bullet = match (cell.touchpoints.len(), options.ascii) {
                (1, _) => "",
                (_, true) => "-\u{a0}",
                (_, false) => "•\u{a0}",
            };
            let names: Vec<String> = cell
                .touchpoints
                .iter()
                .map(|&t| format!("{bullet}{}", sanitize(&map.touchpoints[t].name)))
                .collect();
            TableCell::new(names.join("\n"))
        }
        (CellState::Planned, _) => TableCell::new(planned).align(Align::Center).tone(Tone::Accent),
        (CellState::Empty, _) => TableCell::new(empty).align(Align::Center).tone(Tone::Dim),
    }
}

fn total_cell(n: usize) -> TableCell {
    TableCell::new(n.to_string()).align(Align::Center).tone(Tone::Strong)
}

/// Widest total, so number columns never shrink below their numbers.
fn number_width(matrix: &Matrix) -> usize {
    width(&matrix.total().to_string())
}

fn data_min_width(matrix: &Matrix, options: &GridOptions) -> usize {
    match options.cells {
        CellDisplay::Count => number_width(matrix).max(3),
        CellDisplay::Names => 6,
    }
}

/// Hard floors: names may wrap to 6 cells; data columns keep their numbers.
fn floors(data_columns: usize, data_min: usize, matrix: &Matrix) -> Vec<usize> {
    let mut floors = vec![6];
    floors.extend(std::iter::repeat_n(data_min, data_columns));
    floors.push(number_width(matrix).max(width("Total")));
    floors
}

/// Minimum width of a column headed by `name`: room for its longest word
/// (up to 10 cells), so headers wrap between words rather than inside them.
fn header_min_width(name: &str, data_min: usize) -> usize {
    let longest_word = name.split_whitespace().map(width).max().unwrap_or(0);
    data_min.max(longest_word.min(10))
}

/// The header of the `n`th column, named `name`.
fn header_cell(name: &str, n: usize, headers: Headers) -> TableCell {
    match headers {
        Headers::Names => TableCell::new(sanitize(name)),
        Headers::Numbers => TableCell::new((n + 1).to_string()),
    }
}

/// Columns are stages, rows are tactics under discipline headers.
fn by_tactic(map: &JourneyMap, matrix: &Matrix, options: &GridOptions, headers: Headers) -> Table {
    let stages = matrix.stage_count();
    let data_min = data_min_width(matrix, options);
    let mut mins = vec![12];
    mins.extend(map.stages.iter().enumerate().map(|(n, s)| match headers {
        Headers::Names => header_min_width(&s.name, data_min),
        Headers::Numbers => data_min.max(width(&(n + 1).to_string())),
    }));
    mins.push(number_width(matrix).max(5));
    let mut table = Table::new(mins);
    table.floor_widths = floors(stages, data_min, matrix);

    let mut header = vec![TableCell::new("Tactic").tone(Tone::Strong)];
    header.extend(
        map.stages
            .iter()
            .enumerate()
            .map(|(n, s)| header_cell(&s.name, n, headers).align(Align::Center).tone(Tone::Strong)),
    );
    header.push(TableCell::new("Total").align(Align::Center).tone(Tone::Strong));
    table.row(header);

    for group in matrix.groups() {
        table.rule();
        table.row(vec![
            TableCell::new(sanitize(&group.discipline))
                .span(stages + 2)
                .one_line()
                .tone(Tone::Strong),
        ]);
        table.rule();
        for row in group.rows.clone() {
            let tactic = &map.tactics[matrix.tactic_at(row)];
            let mut cells = vec![TableCell::new(sanitize(&tactic.name)).whole_words()];
            cells.extend((0..stages).map(|column| cell_text(map, matrix, row, column, options)));
            cells.push(total_cell(matrix.tactic_total(row)));
            table.row(cells);
        }
    }
    table.rule();
    let mut totals = vec![TableCell::new("Total").tone(Tone::Strong)];
    totals.extend((0..stages).map(|column| total_cell(matrix.stage_total(column))));
    totals.push(total_cell(matrix.total()));
    table.row(totals);
    table
}

/// Rows are stages, columns are tactics under discipline headers.
fn transposed(map: &JourneyMap, matrix: &Matrix, options: &GridOptions, headers: Headers) -> Table {
    let tactics = matrix.row_count();
    let data_min = data_min_width(matrix, options);
    let mut mins = vec![12];
    mins.extend(matrix.rows().iter().enumerate().map(|(n, &t)| match headers {
        Headers::Names => header_min_width(&map.tactics[t].name, data_min),
        Headers::Numbers => data_min.max(width(&(n + 1).to_string())),
    }));
    mins.push(number_width(matrix).max(5));
    let mut table = Table::new(mins);
    table.floor_widths = floors(tactics, data_min, matrix);

    if !matrix.groups().is_empty() {
        let mut groups = vec![TableCell::new("")];
        groups.extend(matrix.groups().iter().map(|g| {
            TableCell::new(sanitize(&g.discipline))
                .span(g.rows.len())
                .one_line()
                .align(Align::Center)
                .tone(Tone::Strong)
        }));
        groups.push(TableCell::new(""));
        table.row(groups);
        table.rule();
    }
    let mut header = vec![TableCell::new("Stage").tone(Tone::Strong)];
    header.extend(matrix.rows().iter().enumerate().map(|(n, &t)| {
        header_cell(&map.tactics[t].name, n, headers)
            .align(Align::Center)
            .tone(Tone::Strong)
    }));
    header.push(TableCell::new("Total").align(Align::Center).tone(Tone::Strong));
    table.row(header);
    table.rule();

    for (column, stage) in map.stages.iter().enumerate() {
        let mut cells = vec![TableCell::new(sanitize(&stage.name)).whole_words()];
        cells.extend((0..tactics).map(|row| cell_text(map, matrix, row, column, options)));
        cells.push(total_cell(matrix.stage_total(column)));
        table.row(cells);
    }
    table.rule();
    let mut totals = vec![TableCell::new("Total").tone(Tone::Strong)];
    totals.extend((0..tactics).map(|row| total_cell(matrix.tactic_total(row))));
    totals.push(total_cell(matrix.total()));
    table.row(totals);
    table
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{MatrixFilter, sample_map};

    fn render(options: &GridOptions) -> String {
        let map = sample_map();
        match Matrix::build(&map, &MatrixFilter::default()) {
            Ok(m) => render_matrix(&map, &m, options),
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn counts_marks_groups_and_totals() {
        let text = render(&GridOptions::default());
        let expected = "\
┌──────────────┬───────┬─────────┬────────┬───────┐
│ Tactic       │ Aware │ Convert │ Excite │ Total │
├──────────────┴───────┴─────────┴────────┴───────┤
│ Advertising                                     │
├──────────────┬───────┬─────────┬────────┬───────┤
│ Search ads   │   2   │    ·    │   ·    │   2   │
│ Social video │   1   │    ·    │   ·    │   1   │
├──────────────┴───────┴─────────┴────────┴───────┤
│ Email                                           │
├──────────────┬───────┬─────────┬────────┬───────┤
│ Email        │   ·   │    ○    │   ·    │   0   │
├──────────────┴───────┴─────────┴────────┴───────┤
│ Other                                           │
├──────────────┬───────┬─────────┬────────┬───────┤
│ Trade fair   │   1   │    ·    │   ·    │   1   │
├──────────────┼───────┼─────────┼────────┼───────┤
│ Total        │   3   │    0    │   1    │   4   │
└──────────────┴───────┴─────────┴────────┴───────┘
○ planned, no touchpoint yet; · none; totals count distinct touchpoints.
";
        assert_eq!(text, expected);
    }

    #[test]
    fn transposed_puts_stages_on_rows_under_discipline_headers() {
        let text = render(&GridOptions {
            transpose: true,
            ascii: true,
            ..GridOptions::default()
        });
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[1].contains("Advertising"), "{text}");
        assert!(lines[3].starts_with("| Stage "), "{text}");
        assert!(
            lines.iter().any(|l| l.starts_with("| Convert ") && l.contains(" o ")),
            "{text}"
        );
        assert!(text.ends_with("o planned, no touchpoint yet; . none; totals count distinct touchpoints.\n"));
    }

    #[test]
    fn names_mode_lists_touchpoints() {
        let text = render(&GridOptions {
            cells: CellDisplay::Names,
            ..GridOptions::default()
        });
        assert!(text.contains("Google ad"), "{text}");
        assert!(text.contains("Radio spot"), "{text}");
    }
}
