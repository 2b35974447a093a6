//! Spreadsheets: CSV text and XLSX workbooks, in either of the two shapes
//! journey-map templates come in.
//!
//! - **One row per touchpoint**: a header row names the columns (stage,
//!   touchpoint, channel, ...); a row whose stage cell is empty belongs to
//!   the stage above it, as in sheets where the stage is written once per
//!   group (or its cells are merged).
//! - **A canvas**: the stages across the top, the lanes (touchpoints,
//!   emotion, channels, pain points...) down the first column.
//!
//! Headers are recognised in English and Arabic, ignoring case, accents
//! and punctuation; `--column 'Header=field'` overrides. A column or lane
//! the map has no field for is kept in notes, with a warning.

use std::collections::{HashMap, HashSet};

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::{
    Draft, DraftTouchpoint, ImportError, Options, Place, Warning, clean_line, clean_prose, dropped_characters,
    emotion_word, name_key,
};

/// What a column (or a canvas lane) holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SheetField {
    Stage,
    Touchpoint,
    Channel,
    Tactic,
    Persona,
    Segment,
    /// The touchpoint's own emotion (in a canvas: the stage's).
    Emotion,
    /// The stage's emotion, in a sheet of touchpoints.
    StageEmotion,
    Cta,
    Owner,
    Metric,
    Notes,
    /// The stage's goal.
    Goal,
    /// The touchpoint's id.
    Id,
    /// Left out on purpose.
    Ignore,
}

/// Every field: its name for `--column`, then the headers that mean it
/// (compared after [`header_key`]). Arabic headers are those of the
/// templates strategists in the Gulf download.
pub const FIELDS: &[(SheetField, &str, &[&str])] = &[
    (
        SheetField::Stage,
        "stage",
        &[
            "stage",
            "stages",
            "phase",
            "journey stage",
            "funnel stage",
            "المرحلة",
            "مرحلة",
            "المراحل",
            "مرحلة الرحلة",
        ],
    ),
    (
        SheetField::Touchpoint,
        "touchpoint",
        &[
            "touchpoint",
            "touchpoints",
            "touch point",
            "touch points",
            "touchpoint name",
            "name",
            "task",
            "interaction",
            "نقطة الاتصال",
            "نقاط الاتصال",
            "نقطة التواصل",
            "نقاط التواصل",
            "نقطة التفاعل",
            "نقاط التفاعل",
        ],
    ),
    (
        SheetField::Channel,
        "channel",
        &["channel", "channels", "medium", "القناة", "القنوات", "قناة"],
    ),
    (
        SheetField::Tactic,
        "tactic",
        &["tactic", "tactics", "التكتيك", "التكتيكات", "تكتيك"],
    ),
    (
        SheetField::Persona,
        "persona",
        &[
            "persona",
            "personas",
            "actor",
            "actors",
            "people",
            "الشخصية",
            "الشخصيات",
            "شخصية",
        ],
    ),
    (
        SheetField::Segment,
        "segment",
        &["segment", "segments", "customer segment", "الشريحة", "الشرائح", "شريحة"],
    ),
    (
        SheetField::Emotion,
        "emotion",
        &[
            "emotion",
            "emotions",
            "feeling",
            "feelings",
            "score",
            "sentiment",
            "mood",
            "المشاعر",
            "الشعور",
            "العاطفة",
        ],
    ),
    (
        SheetField::StageEmotion,
        "stage-emotion",
        &["stage emotion", "stage feeling", "مشاعر المرحلة"],
    ),
    (
        SheetField::Cta,
        "cta",
        &[
            "call to action",
            "calls to action",
            "cta",
            "الدعوة الى الاجراء",
            "الدعوة الى اتخاذ اجراء",
            "الدعوة للعمل",
            "دعوة لاتخاذ اجراء",
        ],
    ),
    (
        SheetField::Owner,
        "owner",
        &["owner", "owners", "responsible", "owned by", "المسؤول", "المالك"],
    ),
    (
        SheetField::Metric,
        "metric",
        &[
            "metric",
            "metrics",
            "kpi",
            "kpis",
            "measure",
            "المقياس",
            "المؤشر",
            "مؤشر الاداء",
            "مؤشرات الاداء",
        ],
    ),
    (
        SheetField::Notes,
        "notes",
        &["notes", "note", "comments", "comment", "ملاحظات", "الملاحظات"],
    ),
    (SheetField::Goal, "goal", &["goal", "stage goal", "objective", "الهدف"]),
    // journeymap's own touchpoints CSV: the ids of what the named columns
    // hold. Items are matched by name, so these repeat what is read anyway.
    (SheetField::Id, "id", &["id", "touchpoint id"]),
    (SheetField::Ignore, "ignore", &["stage id", "tactic ids", "persona ids"]),
];

impl SheetField {
    pub fn name(self) -> &'static str {
        FIELDS.iter().find(|f| f.0 == self).map_or("", |f| f.1)
    }

    /// Names for `--column`, for messages.
    pub fn names() -> String {
        FIELDS.iter().map(|f| f.1).collect::<Vec<_>>().join(", ")
    }

    /// Whether a second column for this field adds to the first (a list, or
    /// notes) rather than competes with it.
    fn adds_up(self) -> bool {
        matches!(
            self,
            SheetField::Tactic | SheetField::Persona | SheetField::Segment | SheetField::Notes | SheetField::Ignore
        )
    }
}

impl std::str::FromStr for SheetField {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let key = header_key(s);
        FIELDS
            .iter()
            .find(|(_, name, synonyms)| header_key(name) == key || synonyms.iter().any(|h| header_key(h) == key))
            .map(|f| f.0)
            .ok_or_else(|| format!("there is no field `{}`; use one of: {}", s.trim(), SheetField::names()))
    }
}

/// A header as compared: accents and Arabic vowel signs dropped (by
/// decomposing), hamza forms of alef made plain alef, tatweel dropped,
/// lower case, punctuation made spaces, "(s)" plurals dropped.
pub fn header_key(header: &str) -> String {
    let plain: String = header
        .replace("(s)", "")
        .nfd()
        .filter(|&c| !is_combining_mark(c) && c != '\u{0640}')
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    plain.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The field a header names, `--column` overrides first.
fn recognise(header: &str, overrides: &[(String, SheetField)]) -> Option<SheetField> {
    let key = header_key(header);
    if key.is_empty() {
        return None;
    }
    if let Some((_, field)) = overrides.iter().find(|(h, _)| header_key(h) == key) {
        return Some(*field);
    }
    FIELDS
        .iter()
        .find(|(_, _, synonyms)| synonyms.iter().any(|h| header_key(h) == key))
        .map(|f| f.0)
}

/// Cells as read, and how to name where each came from.
struct Grid {
    rows: Vec<Vec<String>>,
    at: Positions,
}

enum Positions {
    /// CSV: the line each record starts on.
    Csv(Vec<usize>),
    /// A worksheet: the (0-based) row and column of the range's first cell.
    Sheet { row: usize, column: usize },
}

impl Grid {
    fn cell(&self, row: usize, column: usize) -> &str {
        self.rows[row].get(column).map_or("", String::as_str)
    }

    fn row_place(&self, row: usize) -> Place {
        match &self.at {
            Positions::Csv(lines) => Place::Line(lines[row]),
            Positions::Sheet { row: first, .. } => Place::Row(first + row + 1),
        }
    }

    fn cell_place(&self, row: usize, column: usize) -> Place {
        match &self.at {
            Positions::Csv(lines) => Place::LineColumn(lines[row], column + 1),
            Positions::Sheet { row: r, column: c } => Place::Cell {
                row: r + row + 1,
                column: c + column + 1,
            },
        }
    }

    fn column_place(&self, column: usize) -> Place {
        match &self.at {
            Positions::Csv(_) => Place::CsvColumn(column + 1),
            Positions::Sheet { column: c, .. } => Place::Column(c + column + 1),
        }
    }
}

/// Reads CSV text: comma, semicolon or tab separated (the one the first
/// line uses most, or Excel's `sep=;` line), quoted cells with doubled
/// quotes and line breaks.
pub fn read_csv(text: &str, options: &Options) -> Result<Draft, ImportError> {
    let (text, delimiter, skipped_lines) = match text.strip_prefix("sep=") {
        Some(rest) if rest.len() > 1 && matches!(rest.as_bytes()[1], b'\n' | b'\r') => {
            let body = rest.split_once('\n').map_or("", |(_, body)| body);
            (body, rest.as_bytes()[0], 1)
        }
        _ => (text, sniff_delimiter(text), 0),
    };
    // The reader counts a CRLF record end as part of the next record, so
    // its line numbers would be one short: read LF line ends.
    let unix;
    let text = if text.contains("\r\n") {
        unix = text.replace("\r\n", "\n");
        unix.as_str()
    } else {
        text
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut lines = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(0, |p| p.line() as usize) + skipped_lines;
                rows.push(record.iter().map(str::to_string).collect());
                lines.push(line);
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize) + skipped_lines;
                return Err(ImportError::new(
                    Place::Line(line),
                    format!("the CSV cannot be read here: {e}"),
                    "check the quotes on this line: a cell that holds quotes or line breaks is written \"like \"\"this\"\"\"",
                ));
            }
        }
    }
    from_grid(
        Grid {
            rows,
            at: Positions::Csv(lines),
        },
        options,
    )
}

/// The separator the first line uses most, outside quotes: `,`, `;` or tab.
fn sniff_delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for b in text.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let most = counts.iter().copied().max().unwrap_or(0);
    // On a tie, the rarer separator in prose wins: tab, then semicolon.
    match counts {
        [_, _, tabs] if tabs == most && most > 0 => b'\t',
        [_, semicolons, _] if semicolons == most && most > 0 => b';',
        _ => b',',
    }
}

/// Reads the first sheet of a workbook, or the one named in the options.
pub fn read_xlsx(bytes: &[u8], options: &Options) -> Result<Draft, ImportError> {
    use calamine::{Data, Reader, Xlsx};
    let mut workbook = Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| {
        ImportError::new(
            Place::File,
            format!("this is not a readable .xlsx workbook: {e}"),
            "open it in a spreadsheet and save it again as .xlsx (Excel workbook), or as CSV UTF-8",
        )
    })?;
    let names = workbook.sheet_names();
    let name = match &options.sheet {
        Some(wanted) => names
            .iter()
            .find(|n| *n == wanted)
            .or_else(|| names.iter().find(|n| n.eq_ignore_ascii_case(wanted)))
            .cloned()
            .ok_or_else(|| {
                ImportError::new(
                    Place::File,
                    format!("the workbook has no sheet `{wanted}`"),
                    format!("use --sheet with one of: {}", names.join(", ")),
                )
            })?,
        None => names.first().cloned().ok_or_else(|| {
            ImportError::new(
                Place::File,
                "the workbook has no sheets",
                "check that it is the right file",
            )
        })?,
    };
    let range = workbook.worksheet_range(&name).map_err(|e| {
        ImportError::new(
            Place::File,
            format!("sheet `{name}` cannot be read: {e}"),
            "open it in a spreadsheet and save it again as .xlsx",
        )
    })?;
    let (first_row, first_column) = range.start().map_or((0, 0), |(r, c)| (r as usize, c as usize));
    let mut errors = Vec::new();
    let rows = range
        .rows()
        .enumerate()
        .map(|(r, row)| {
            row.iter()
                .enumerate()
                .map(|(c, cell)| match cell {
                    Data::Empty => String::new(),
                    Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
                    Data::Int(n) => n.to_string(),
                    Data::Float(f) => number(*f),
                    Data::Bool(b) => b.to_string(),
                    Data::DateTime(d) if d.is_datetime() => date(d.as_f64()),
                    Data::DateTime(d) => number(d.as_f64()),
                    Data::Error(e) => {
                        errors.push((r, c, e.to_string()));
                        String::new()
                    }
                })
                .collect()
        })
        .collect();
    let grid = Grid {
        rows,
        at: Positions::Sheet {
            row: first_row,
            column: first_column,
        },
    };
    let errors: Vec<Warning> = errors
        .into_iter()
        .map(|(r, c, e)| {
            Warning::new(
                grid.cell_place(r, c),
                format!("the cell holds the error {e}: read as empty; fix the formula in the workbook"),
            )
        })
        .collect();
    let mut draft = from_grid(grid, options)?;
    draft.label = format!("sheet {name}");
    draft.warnings.splice(0..0, errors);
    Ok(draft)
}

/// A cell's number as a person wrote it: `3`, not `3.0`.
fn number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

/// An Excel date serial (days since 1899-12-30) as `YYYY-MM-DD`.
fn date(serial: f64) -> String {
    // Days from 1970-01-01, then the civil date (Howard Hinnant's algorithm).
    let days = serial.floor() as i64 - 25_569;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// Rows searched for the header row (templates put a title above it).
const HEADER_SEARCH: usize = 20;

fn from_grid(grid: Grid, options: &Options) -> Result<Draft, ImportError> {
    let overrides = &options.columns;
    let known = &options.known;
    let searched = grid.rows.len().min(HEADER_SEARCH);
    // The row naming the most fields is the header of a sheet of rows.
    let (header, named) = (0..searched)
        .map(|r| {
            let named = grid.rows[r]
                .iter()
                .filter(|cell| recognise(cell, overrides).is_some())
                .count();
            (r, named)
        })
        .fold((0, 0), |best, next| if next.1 > best.1 { next } else { best });
    // Lanes named down the first column make a canvas; its stages are
    // named in the row with content just above the first lane.
    let lanes: Vec<usize> = (0..grid.rows.len().min(4 * HEADER_SEARCH))
        .filter(|&r| recognise(grid.cell(r, 0), overrides).is_some_and(|f| f != SheetField::Stage))
        .collect();
    let has_content = |r: usize| grid.rows[r].iter().any(|c| !c.trim().is_empty());
    if lanes.len() >= 2
        && lanes.len() > named
        && let Some(stages) = (0..lanes[0]).rev().find(|&r| has_content(r))
    {
        return Ok(canvas(&grid, stages, overrides, known));
    }
    if named == 0 {
        let top = (0..grid.rows.len()).find(|&r| has_content(r)).unwrap_or(0);
        return Err(no_header(&grid, top));
    }
    rows(&grid, header, overrides, known)
}

fn no_header(grid: &Grid, top: usize) -> ImportError {
    let found: Vec<String> = grid
        .rows
        .get(top)
        .map(|row| {
            row.iter()
                .filter(|c| !c.trim().is_empty())
                .take(8)
                .map(|c| format!("\"{}\"", clean_line(c).0))
                .collect()
        })
        .unwrap_or_default();
    ImportError::new(
        if grid.rows.is_empty() {
            Place::File
        } else {
            grid.row_place(top)
        },
        if found.is_empty() {
            "the sheet is empty".to_string()
        } else {
            format!("no column header names a journey field (found {})", found.join(", "))
        },
        format!(
            "name the columns (stage, touchpoint, channel, ...) or say what a header means with --column 'Header=FIELD'; fields: {}",
            SheetField::names()
        ),
    )
}

/// What separates values in a cell without doubt.
const STRONG: &[char] = &[';', '\n', '\r', '؛', '；'];
/// What separates values only where the parts are names known on their own.
const COMMAS: &[char] = &[',', '،', '、', '，'];

/// Splits a cell into several values: on `;` and line breaks (and their
/// Arabic and CJK forms); on commas only when the cell as a whole is not a
/// known name ("Olivia, office manager") and every part is one. The flag
/// says a comma was left in place because that could not be told.
fn split_values(cell: &str, known: impl Fn(&str) -> bool) -> (Vec<String>, bool) {
    let mut ambiguous = false;
    let parts: Vec<&str> = if cell.contains(STRONG) {
        cell.split(STRONG).collect()
    } else if cell.contains(COMMAS) && !known(&name_key(cell)) {
        let parts: Vec<&str> = cell.split(COMMAS).filter(|p| !p.trim().is_empty()).collect();
        if parts.len() > 1 && parts.iter().all(|p| known(&name_key(p))) {
            parts
        } else {
            ambiguous = parts.len() > 1;
            vec![cell]
        }
    } else {
        vec![cell]
    };
    let mut values: Vec<String> = Vec::with_capacity(parts.len());
    for part in parts {
        let (value, _) = clean_line(part);
        if !value.is_empty() && !values.contains(&value) {
            values.push(value);
        }
    }
    (values, ambiguous)
}

/// Adds to `known` the names that stand alone in `cells` (a whole cell, or
/// a part between semicolons): what lets a comma elsewhere separate them.
fn standalone_names<'a>(cells: impl Iterator<Item = &'a str>, known: &mut HashSet<String>) {
    for cell in cells {
        if cell.contains(STRONG) {
            known.extend(cell.split(STRONG).map(name_key).filter(|k| !k.is_empty()));
        } else if !cell.contains(COMMAS) && !cell.trim().is_empty() {
            known.insert(name_key(cell));
        }
    }
}

/// The values of a list cell (tactics, personas, segments), with a warning
/// where a comma may or may not separate two of them.
fn list_cell(draft: &mut Draft, cell: &str, at: Place, noun: &str, known: &HashSet<String>) -> Vec<String> {
    let (values, ambiguous) = split_values(cell, |key| known.contains(key));
    if ambiguous {
        draft.warn(
            at,
            format!(
                "\"{}\" was read as one {noun}: if it names several, separate them with `;`",
                values.first().map_or("", String::as_str)
            ),
        );
    }
    values
}

/// How an emotion column writes its scores: -2..+2, or 1..5 (what Mermaid
/// and many survey sheets use). 1..5 when every number is within it and
/// one is above 2.
fn one_to_five(values: impl Iterator<Item = i8>) -> bool {
    let mut above_two = false;
    for v in values {
        if !(1..=5).contains(&v) {
            return false;
        }
        above_two |= v > 2;
    }
    above_two
}

/// Reads an emotion cell; out-of-range numbers are clamped with a warning.
/// `None` (and a warning) for text that is not a score.
fn emotion_cell(draft: &mut Draft, text: &str, shift: i8, place: Place) -> Option<i8> {
    let score = emotion_word(text)?;
    let emotion = if shift != 0 && text.trim().parse::<i8>().is_ok() {
        score - shift
    } else {
        score
    };
    let clamped = emotion.clamp(-2, 2);
    if clamped != emotion {
        draft.warn(
            place,
            format!("emotion {} is outside -2..+2: taken as {clamped:+}", text.trim()),
        );
    }
    Some(clamped)
}

/// The shift that turns a column's scores into -2..+2 (3 for 1..5), and the
/// warning saying so.
fn emotion_scale(draft: &mut Draft, values: Vec<i8>, place: Place) -> i8 {
    if one_to_five(values.into_iter()) {
        draft.warn(
            place,
            "the emotions are scores from 1 to 5: read as -2..+2 (1 is -2, 3 is 0, 5 is +2)",
        );
        3
    } else {
        0
    }
}

/// Adds `label: value` as a line of `notes`.
fn note(notes: &mut String, label: &str, value: &str) {
    if !notes.is_empty() {
        notes.push('\n');
    }
    if !label.is_empty() {
        notes.push_str(label);
        notes.push_str(": ");
    }
    notes.push_str(value);
}

/// A one-line value from a cell, with a warning for characters dropped.
fn line_value(draft: &mut Draft, cell: &str, place: Place) -> String {
    let (value, dropped) = clean_line(cell);
    if dropped > 0 {
        draft.warnings.push(dropped_characters(place, dropped));
    }
    value
}

fn prose_value(draft: &mut Draft, cell: &str, place: Place) -> String {
    let (value, dropped) = clean_prose(cell);
    if dropped > 0 {
        draft.warnings.push(dropped_characters(place, dropped));
    }
    value
}

/// Rows above the header: a lone cell is the title; anything else is
/// listed, not imported.
fn above_header(draft: &mut Draft, grid: &Grid, header: usize) {
    for r in 0..header {
        let filled: Vec<&String> = grid.rows[r].iter().filter(|c| !c.trim().is_empty()).collect();
        match filled[..] {
            [] => {}
            [only] if draft.title.is_empty() => draft.title = clean_line(only).0,
            _ => draft.warn(
                grid.row_place(r),
                "this row above the header row was not imported: only a lone title is read there",
            ),
        }
    }
}

/// What each column of a sheet of rows holds.
enum Column {
    Field(SheetField),
    /// No field: kept in notes under this label.
    Noted(String),
    Unused,
}

/// A sheet with one row per touchpoint.
fn rows(
    grid: &Grid,
    header: usize,
    overrides: &[(String, SheetField)],
    known: &HashSet<String>,
) -> Result<Draft, ImportError> {
    let mut draft = Draft::default();
    above_header(&mut draft, grid, header);
    let width = grid.rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut columns: Vec<Column> = Vec::with_capacity(width);
    for c in 0..width {
        let header_text = grid.cell(header, c);
        let has_data = (header + 1..grid.rows.len()).any(|r| !grid.cell(r, c).trim().is_empty());
        let column = match recognise(header_text, overrides) {
            Some(field) if field.adds_up() || !columns.iter().any(|k| matches!(k, Column::Field(f) if *f == field)) => {
                Column::Field(field)
            }
            Some(field) => {
                let label = clean_line(header_text).0;
                draft.warn(
                    grid.column_place(c),
                    format!(
                        "a second column for {}, \"{label}\": its values were added to the touchpoints' notes",
                        field.name()
                    ),
                );
                Column::Noted(label)
            }
            None if !has_data => Column::Unused,
            None => {
                let label = match clean_line(header_text).0 {
                    l if l.is_empty() => grid.column_place(c).to_string(),
                    l => l,
                };
                draft.warn(
                    grid.column_place(c),
                    format!(
                        "\"{label}\" is not a field journeymap has: its values were added to the touchpoints' notes as \"{label}: ...\" \
                         (--column '{label}=FIELD' reads it as a field, '{label}=ignore' leaves it out)"
                    ),
                );
                Column::Noted(label)
            }
        };
        columns.push(column);
    }
    let has = |field: SheetField| columns.iter().any(|k| matches!(k, Column::Field(f) if *f == field));
    if !has(SheetField::Stage) {
        return Err(ImportError::new(
            grid.row_place(header),
            "no column names the stage",
            "add a stage column (every touchpoint belongs to a stage), or say which header it is with --column 'Header=stage'",
        ));
    }
    let data = header + 1..grid.rows.len();
    // Score scales, per emotion column.
    let mut shifts: HashMap<usize, i8> = HashMap::new();
    for (c, column) in columns.iter().enumerate() {
        if let Column::Field(SheetField::Emotion | SheetField::StageEmotion) = column {
            let values = data
                .clone()
                .filter_map(|r| grid.cell(r, c).trim().parse::<i8>().ok())
                .collect();
            let shift = emotion_scale(&mut draft, values, grid.column_place(c));
            shifts.insert(c, shift);
        }
    }
    // Names that stand alone somewhere in a list column, so that a comma
    // between two of them separates them.
    let mut known = known.clone();
    for (c, column) in columns.iter().enumerate() {
        if let Column::Field(SheetField::Tactic | SheetField::Persona | SheetField::Segment) = column {
            standalone_names(data.clone().map(|r| grid.cell(r, c)), &mut known);
        }
    }
    let mut current_stage: Option<usize> = None;
    for r in data {
        let row = &grid.rows[r];
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let place = grid.row_place(r);
        let mut touchpoint = DraftTouchpoint::new(String::new(), 0, place);
        let mut stage_name = String::new();
        let mut stage_emotion = None;
        let mut goal = String::new();
        let mut details: Vec<String> = Vec::new();
        for (c, column) in columns.iter().enumerate() {
            let cell = grid.cell(r, c);
            if cell.trim().is_empty() {
                continue;
            }
            let at = grid.cell_place(r, c);
            let field = match column {
                Column::Field(field) => *field,
                Column::Noted(label) => {
                    let value = prose_value(&mut draft, cell, at);
                    note(&mut touchpoint.notes, label, &value);
                    details.push(label.clone());
                    continue;
                }
                Column::Unused => continue,
            };
            match field {
                SheetField::Stage => stage_name = line_value(&mut draft, cell, at),
                SheetField::Touchpoint => touchpoint.name = line_value(&mut draft, cell, at),
                SheetField::Id => touchpoint.id = line_value(&mut draft, cell, at),
                SheetField::Channel => touchpoint.channel = line_value(&mut draft, cell, at),
                SheetField::Cta => touchpoint.cta = line_value(&mut draft, cell, at),
                SheetField::Owner => touchpoint.owner = line_value(&mut draft, cell, at),
                SheetField::Metric => touchpoint.metric = line_value(&mut draft, cell, at),
                SheetField::Tactic => {
                    let values = list_cell(&mut draft, cell, at, "tactic", &known);
                    touchpoint.tactics.extend(values);
                }
                SheetField::Persona => {
                    let values = list_cell(&mut draft, cell, at, "persona", &known);
                    touchpoint.personas.extend(values);
                }
                SheetField::Segment => {
                    let values = list_cell(&mut draft, cell, at, "segment", &known);
                    touchpoint.segments.extend(values);
                }
                SheetField::Notes => {
                    let value = prose_value(&mut draft, cell, at);
                    note(&mut touchpoint.notes, "", &value);
                }
                SheetField::Goal => goal = prose_value(&mut draft, cell, at),
                SheetField::Emotion | SheetField::StageEmotion => {
                    let shift = shifts.get(&c).copied().unwrap_or(0);
                    match emotion_cell(&mut draft, cell, shift, at) {
                        Some(e) if field == SheetField::Emotion => touchpoint.emotion = Some(e),
                        Some(e) => stage_emotion = Some(e),
                        None => {
                            let value = line_value(&mut draft, cell, at);
                            draft.warn(
                                at,
                                format!(
                                    "\"{value}\" is not an emotion score (-2..+2, 1..5, or a word such as neutral): kept in the notes"
                                ),
                            );
                            note(&mut touchpoint.notes, "Emotion", &value);
                        }
                    }
                }
                SheetField::Ignore => {}
            }
        }
        let stage = if stage_name.is_empty() {
            match current_stage {
                Some(stage) => stage,
                None => {
                    draft.warn(
                        place,
                        format!(
                            "no stage, and no row above names one: {} was not imported; write its stage in the stage column",
                            if touchpoint.name.is_empty() {
                                "the row".to_string()
                            } else {
                                format!("touchpoint \"{}\"", touchpoint.name)
                            }
                        ),
                    );
                    continue;
                }
            }
        } else {
            draft.stage(&stage_name, place)
        };
        current_stage = Some(stage);
        if let Some(e) = stage_emotion {
            draft.stages[stage].emotion = Some(e);
        }
        if !goal.is_empty() {
            draft.stages[stage].goal = goal;
        }
        if touchpoint.name.is_empty() {
            let lost = touchpoint.channel.len()
                + touchpoint.cta.len()
                + touchpoint.owner.len()
                + touchpoint.metric.len()
                + touchpoint.notes.len()
                + touchpoint.tactics.len()
                + touchpoint.personas.len()
                + touchpoint.segments.len()
                + usize::from(touchpoint.emotion.is_some());
            if lost > 0 {
                draft.warn(
                    place,
                    "the row has no touchpoint name, so its other cells were not imported: name the touchpoint",
                );
            }
            continue;
        }
        touchpoint.stage = stage;
        draft.touchpoints.push(touchpoint);
    }
    Ok(draft)
}

/// A canvas: stages across the header row, lanes down the first column.
fn canvas(grid: &Grid, header: usize, overrides: &[(String, SheetField)], known: &HashSet<String>) -> Draft {
    let mut draft = Draft::default();
    above_header(&mut draft, grid, header);
    // Stage of each column.
    let width = grid.rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut stage_of: Vec<Option<usize>> = vec![None; width];
    for (c, slot) in stage_of.iter_mut().enumerate().skip(1) {
        let at = grid.cell_place(header, c);
        let name = line_value(&mut draft, grid.cell(header, c), at);
        if !name.is_empty() {
            *slot = Some(draft.stage(&name, at));
        } else if (header + 1..grid.rows.len()).any(|r| !grid.cell(r, c).trim().is_empty()) {
            draft.warn(
                grid.column_place(c),
                "the column has no stage name in the header row, so its cells were not imported",
            );
        }
    }
    let lanes: Vec<(usize, Option<SheetField>)> = (header + 1..grid.rows.len())
        .filter(|&r| grid.rows[r].iter().skip(1).any(|c| !c.trim().is_empty()))
        .map(|r| (r, recognise(grid.cell(r, 0), overrides)))
        .collect();
    // Touchpoints first: other lanes describe them.
    let mut touchpoints_of: Vec<Vec<usize>> = vec![Vec::new(); width];
    for &(r, _) in lanes.iter().filter(|(_, f)| *f == Some(SheetField::Touchpoint)) {
        for (c, stage) in stage_of.iter().enumerate() {
            let Some(stage) = *stage else { continue };
            let at = grid.cell_place(r, c);
            // Touchpoint names often hold commas: only `;` and line breaks split them.
            for name in split_values(grid.cell(r, c), |_| true).0 {
                touchpoints_of[c].push(draft.touchpoints.len());
                draft.touchpoints.push(DraftTouchpoint::new(name, stage, at));
            }
        }
    }
    let mut known = known.clone();
    for &(r, field) in &lanes {
        if let Some(SheetField::Tactic | SheetField::Persona | SheetField::Segment) = field {
            standalone_names((1..width).map(|c| grid.cell(r, c)), &mut known);
        }
    }
    for &(r, field) in &lanes {
        let label = clean_line(grid.cell(r, 0)).0;
        let shift = match field {
            Some(SheetField::Emotion | SheetField::StageEmotion) => {
                let values = (1..width)
                    .filter_map(|c| grid.cell(r, c).trim().parse::<i8>().ok())
                    .collect();
                emotion_scale(&mut draft, values, grid.row_place(r))
            }
            _ => 0,
        };
        let mut kept_in_notes = false;
        for (c, stage) in stage_of.iter().enumerate() {
            let cell = grid.cell(r, c);
            let Some(stage) = *stage else { continue };
            if cell.trim().is_empty() {
                continue;
            }
            let at = grid.cell_place(r, c);
            let here = &touchpoints_of[c];
            match field {
                Some(SheetField::Touchpoint | SheetField::Ignore) => {}
                Some(SheetField::Emotion | SheetField::StageEmotion) => match emotion_cell(&mut draft, cell, shift, at)
                {
                    Some(e) => draft.stages[stage].emotion = Some(e),
                    None => {
                        let value = prose_value(&mut draft, cell, at);
                        note(&mut draft.stages[stage].notes, &label, &value);
                        kept_in_notes = true;
                    }
                },
                Some(SheetField::Tactic) => {
                    let values = list_cell(&mut draft, cell, at, "tactic", &known);
                    draft.stages[stage].tactics.extend(values);
                }
                Some(SheetField::Metric) => draft.stages[stage].track.extend(split_values(cell, |_| true).0),
                Some(SheetField::Goal) => draft.stages[stage].goal = prose_value(&mut draft, cell, at),
                Some(SheetField::Notes) => {
                    let value = prose_value(&mut draft, cell, at);
                    note(&mut draft.stages[stage].notes, "", &value);
                }
                Some(
                    field @ (SheetField::Channel
                    | SheetField::Cta
                    | SheetField::Owner
                    | SheetField::Persona
                    | SheetField::Segment),
                ) if !here.is_empty() => {
                    let value = line_value(&mut draft, cell, at);
                    let noun = if field == SheetField::Persona {
                        "persona"
                    } else {
                        "segment"
                    };
                    let values = list_cell(&mut draft, cell, at, noun, &known);
                    for &t in here {
                        let t = &mut draft.touchpoints[t];
                        match field {
                            SheetField::Channel => t.channel = value.clone(),
                            SheetField::Cta => t.cta = value.clone(),
                            SheetField::Owner => t.owner = value.clone(),
                            SheetField::Persona => t.personas.extend(values.iter().cloned()),
                            _ => t.segments.extend(values.iter().cloned()),
                        }
                    }
                }
                _ => {
                    let value = prose_value(&mut draft, cell, at);
                    note(&mut draft.stages[stage].notes, &label, &value);
                    kept_in_notes = true;
                }
            }
        }
        if kept_in_notes {
            let why = match field {
                None => format!("\"{label}\" is not a field journeymap has"),
                Some(SheetField::Emotion | SheetField::StageEmotion) => {
                    format!("\"{label}\" holds text that is not an emotion score")
                }
                Some(_) => format!("\"{label}\" describes touchpoints, and some stages have none"),
            };
            draft.warn(
                grid.row_place(r),
                format!("{why}: its cells were added to their stage's notes as \"{label}: ...\""),
            );
        }
    }
    draft
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csv(text: &str) -> Draft {
        match read_csv(text, &Options::default()) {
            Ok(draft) => draft,
            Err(e) => panic!("{e:?}"),
        }
    }

    #[test]
    fn headers_match_whatever_their_case_accents_and_script() {
        let none = &[];
        assert_eq!(recognise("Touchpoint(s)", none), Some(SheetField::Touchpoint));
        assert_eq!(recognise("  CALL-TO-ACTION ", none), Some(SheetField::Cta));
        assert_eq!(recognise("Étape", none), None);
        assert_eq!(recognise("KPI", none), Some(SheetField::Metric));
        assert_eq!(recognise("المَرحلة", none), Some(SheetField::Stage));
        assert_eq!(recognise("الدعوة إلى الإجراء", none), Some(SheetField::Cta));
        assert_eq!(recognise("نقـــاط الاتصال", none), Some(SheetField::Touchpoint));
        let overrides = [("Étape".to_string(), SheetField::Stage)];
        assert_eq!(recognise("etape", &overrides), Some(SheetField::Stage));
    }

    #[test]
    fn delimiters_are_found_on_the_first_line() {
        assert_eq!(sniff_delimiter("a;b;\"c,d,e\"\n1,2,3,4"), b';');
        assert_eq!(sniff_delimiter("a\tb, c\n"), b'\t');
        assert_eq!(sniff_delimiter("a,b\n"), b',');
        assert_eq!(sniff_delimiter("single\n"), b',');
    }

    #[test]
    fn cells_split_on_semicolons_or_unambiguous_commas() {
        let known = |names: &'static [&'static str]| move |key: &str| names.contains(&key);
        assert_eq!(
            split_values("Email; SEO ;; Email", known(&[])),
            (vec!["Email".into(), "SEO".into()], false)
        );
        assert_eq!(
            split_values("Ana, Bo", known(&["ana", "bo"])),
            (vec!["Ana".into(), "Bo".into()], false)
        );
        assert_eq!(split_values("Ana, Bo", known(&["ana"])), (vec!["Ana, Bo".into()], true));
        assert_eq!(
            split_values("Olivia, office manager", known(&["olivia, office manager", "olivia"])),
            (vec!["Olivia, office manager".into()], false)
        );
        assert_eq!(split_values("a\nb", known(&[])).0, ["a", "b"]);
    }

    #[test]
    fn rows_fill_their_stage_down_and_keep_unknown_columns_in_notes() {
        let draft = csv(
            "Journey of a buyer\nStage,Touchpoint,Persona,Pain points,Emotion\nAware,Ad,\"Ana; Bo\",Too loud,5\n,Flyer,Ana,,1\nBuy,Shop,,,3\n",
        );
        assert_eq!(draft.title, "Journey of a buyer");
        assert_eq!(draft.stages.len(), 2);
        assert_eq!(draft.touchpoints[1].stage, 0);
        assert_eq!(draft.touchpoints[0].personas, ["Ana", "Bo"]);
        assert_eq!(draft.touchpoints[0].notes, "Pain points: Too loud");
        let emotions: Vec<Option<i8>> = draft.touchpoints.iter().map(|t| t.emotion).collect();
        assert_eq!(emotions, [Some(2), Some(-2), Some(0)]);
        let warned: Vec<String> = draft
            .warnings
            .iter()
            .map(|w| format!("{}: {}", w.place, w.message))
            .collect();
        assert_eq!(warned.len(), 2, "{warned:?}");
        assert!(
            warned[0].starts_with("column 4: \"Pain points\" is not a field"),
            "{warned:?}"
        );
        assert!(
            warned[1].starts_with("column 5: the emotions are scores from 1 to 5"),
            "{warned:?}"
        );
    }

    #[test]
    fn a_canvas_has_stages_across_and_lanes_down() {
        let draft = csv(
            "Stage,Aware,Consider,Buy\nTouchpoints,\"Ad; Post\",Webinar,\nEmotion,1,-1,2\nChannel,Facebook,Zoom,Shop\nThinking,Who are they?,,\n",
        );
        let stages: Vec<(&str, Option<i8>)> = draft.stages.iter().map(|s| (s.name.as_str(), s.emotion)).collect();
        assert_eq!(stages, [("Aware", Some(1)), ("Consider", Some(-1)), ("Buy", Some(2))]);
        let names: Vec<&str> = draft.touchpoints.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["Ad", "Post", "Webinar"]);
        assert_eq!(draft.touchpoints[2].channel, "Zoom");
        assert_eq!(draft.stages[2].notes, "Channel: Shop");
        assert_eq!(draft.stages[0].notes, "Thinking: Who are they?");
        assert_eq!(draft.warnings.len(), 2, "{:?}", draft.warnings);
    }

    #[test]
    fn excel_dates_and_numbers_read_as_written() {
        assert_eq!(date(45_658.0), "2025-01-01");
        assert_eq!(number(3.0), "3");
        assert_eq!(number(2.5), "2.5");
    }
}
