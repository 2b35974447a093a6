//! Bringing existing journeys in: Mermaid `journey` diagrams (alone or in
//! Markdown) and spreadsheets (CSV, XLSX). Each source becomes a [`Draft`]
//! (stages in order, touchpoints with their stage, tactics and personas by
//! name), and [`merge`] puts a draft into a new map or an existing one.
//! Whatever cannot be placed becomes a [`Warning`] naming its line, row,
//! cell or column and why: nothing is dropped in silence.

mod merge;
mod mermaid;
mod sheet;

use std::fmt;
use std::path::Path;

pub use merge::{KindSummary, Summary, merge, new_map};
pub use sheet::{FIELDS, SheetField};

use crate::text::forbidden_char;

/// Largest file accepted, as for maps: a 100,000-row sheet is far smaller.
pub const MAX_IMPORT_BYTES: u64 = crate::store::MAX_FILE_BYTES;

/// The kinds of file `journeymap import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A Mermaid `journey` diagram, alone or in Markdown code blocks.
    Mermaid,
    /// Comma-, semicolon- or tab-separated values.
    Csv,
    /// An Excel workbook (Office Open XML).
    Xlsx,
}

impl Format {
    pub const NAMES: &'static str = "mermaid, csv, xlsx";

    pub fn name(self) -> &'static str {
        match self {
            Format::Mermaid => "mermaid",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }

    /// The format a file's extension names, if it names one.
    pub fn from_extension(path: &Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_lowercase();
        match extension.as_str() {
            "mmd" | "mermaid" | "md" | "markdown" => Some(Format::Mermaid),
            "csv" | "tsv" | "tab" => Some(Format::Csv),
            "xlsx" | "xlsm" => Some(Format::Xlsx),
            _ => None,
        }
    }

    /// The format the bytes look like: a zip archive is a workbook, text
    /// with a `journey` line is a diagram, other text a CSV sheet.
    pub fn sniff(bytes: &[u8]) -> Format {
        if bytes.starts_with(b"PK\x03\x04") {
            return Format::Xlsx;
        }
        let text = String::from_utf8_lossy(&bytes[..bytes.len().min(64 * 1024)]);
        if text.lines().any(|l| l.trim().eq_ignore_ascii_case("journey")) {
            Format::Mermaid
        } else {
            Format::Csv
        }
    }
}

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().as_str() {
            "mermaid" | "mmd" | "md" | "markdown" => Ok(Format::Mermaid),
            "csv" | "tsv" => Ok(Format::Csv),
            "xlsx" | "excel" => Ok(Format::Xlsx),
            other => Err(format!(
                "there is no import format `{other}`; use one of: {}",
                Format::NAMES
            )),
        }
    }
}

/// Where in the source something was found: what a person looks for in
/// their editor or spreadsheet. Rows, lines and columns count from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The file as a whole.
    File,
    /// A line of a text file (a diagram, or a CSV record's first line).
    Line(usize),
    /// A CSV cell: the line its record starts on and its column number.
    LineColumn(usize, usize),
    /// A CSV column, by number.
    CsvColumn(usize),
    /// A spreadsheet row.
    Row(usize),
    /// A spreadsheet column, shown as letters (`C`).
    Column(usize),
    /// A spreadsheet cell, shown as `C7`.
    Cell { row: usize, column: usize },
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Place::File => f.write_str("the file"),
            Place::Line(line) => write!(f, "line {line}"),
            Place::LineColumn(line, column) => write!(f, "line {line}, column {column}"),
            Place::CsvColumn(column) => write!(f, "column {column}"),
            Place::Row(row) => write!(f, "row {row}"),
            Place::Column(column) => write!(f, "column {}", column_letters(column)),
            Place::Cell { row, column } => write!(f, "cell {}{row}", column_letters(column)),
        }
    }
}

/// Spreadsheet column letters: 1 is `A`, 27 is `AA`.
pub fn column_letters(mut column: usize) -> String {
    let mut letters = Vec::new();
    while column > 0 {
        let rest = (column - 1) % 26;
        letters.push(char::from(b'A' + rest as u8));
        column = (column - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// Something the import could not take as it was: what, where, and what
/// was done about it (or what to do).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub place: Place,
    pub message: String,
}

impl Warning {
    pub fn new(place: Place, message: impl Into<String>) -> Self {
        Self {
            place,
            message: message.into(),
        }
    }
}

/// A stage as a source describes it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DraftStage {
    pub name: String,
    pub emotion: Option<i8>,
    pub goal: String,
    /// Tactics the stage plans, by name.
    pub tactics: Vec<String>,
    pub track: Vec<String>,
    pub notes: String,
    pub place: Option<Place>,
}

/// A touchpoint as a source describes it; references are names (or ids).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftTouchpoint {
    /// An id the source gave; empty: made from the name.
    pub id: String,
    pub name: String,
    /// Position in the draft's stages.
    pub stage: usize,
    pub tactics: Vec<String>,
    pub personas: Vec<String>,
    /// Segments the row names: given to its personas.
    pub segments: Vec<String>,
    pub emotion: Option<i8>,
    pub channel: String,
    pub cta: String,
    pub owner: String,
    pub metric: String,
    pub notes: String,
    pub place: Place,
}

impl DraftTouchpoint {
    pub fn new(name: String, stage: usize, place: Place) -> Self {
        Self {
            id: String::new(),
            name,
            stage,
            tactics: Vec::new(),
            personas: Vec::new(),
            segments: Vec::new(),
            emotion: None,
            channel: String::new(),
            cta: String::new(),
            owner: String::new(),
            metric: String::new(),
            notes: String::new(),
            place,
        }
    }
}

/// One journey read from a source: a diagram or a sheet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    /// How messages name it when a file holds several ("diagram 2").
    pub label: String,
    pub title: String,
    pub description: String,
    pub stages: Vec<DraftStage>,
    pub touchpoints: Vec<DraftTouchpoint>,
    pub warnings: Vec<Warning>,
    /// Stage positions by [`name_key`]: a sheet names a stage on every row.
    stage_keys: std::collections::HashMap<String, usize>,
}

impl Draft {
    /// Position of the stage named `name`, added at the end when new.
    pub fn stage(&mut self, name: &str, place: Place) -> usize {
        let key = name_key(name);
        if let Some(&n) = self.stage_keys.get(&key) {
            return n;
        }
        self.stages.push(DraftStage {
            name: name.to_string(),
            place: Some(place),
            ..DraftStage::default()
        });
        self.stage_keys.insert(key, self.stages.len() - 1);
        self.stages.len() - 1
    }

    pub fn warn(&mut self, place: Place, message: impl Into<String>) {
        self.warnings.push(Warning::new(place, message));
    }
}

/// What the import was asked to read.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The format, when not taken from the extension or the content.
    pub format: Option<Format>,
    /// Of a Markdown file with several diagrams: which one (from 1).
    pub diagram: Option<usize>,
    /// Of a workbook: the sheet to read (default: the first).
    pub sheet: Option<String>,
    /// Header -> field overrides (`--column 'Header=field'`).
    pub columns: Vec<(String, SheetField)>,
    /// Names already in the map being added to ([`name_key`]s), so that a
    /// cell holding one of them whole ("Olivia, office manager") is not
    /// split at its comma.
    pub known: std::collections::HashSet<String>,
}

impl Options {
    /// The names of `map`'s tactics, personas and segments, as [`Options::known`].
    pub fn known_in(map: &crate::model::JourneyMap) -> std::collections::HashSet<String> {
        use crate::model::ItemKind;
        [ItemKind::Tactic, ItemKind::Persona, ItemKind::Segment]
            .into_iter()
            .flat_map(|kind| map.ids_and_names(kind))
            .map(|(_, name)| name_key(name))
            .collect()
    }
}

/// Why a file could not be imported at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub place: Place,
    pub message: String,
    pub hint: String,
}

impl ImportError {
    pub fn new(place: Place, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self {
            place,
            message: message.into(),
            hint: hint.into(),
        }
    }
}

/// The bytes of the file to import (`-`: standard input), at most
/// [`MAX_IMPORT_BYTES`]; why not, as a sentence.
pub fn read_source(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let limit = MAX_IMPORT_BYTES;
    let mut bytes = Vec::new();
    let read = if path.as_os_str() == "-" {
        std::io::stdin().lock().take(limit + 1).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
    };
    read.map_err(|e| e.to_string())?;
    if bytes.len() as u64 > limit {
        return Err(format!(
            "it is larger than the {} MiB an import may be: split it",
            limit / (1024 * 1024)
        ));
    }
    Ok(bytes)
}

/// Reads the journeys in `bytes` (the content of a file named `path`): one
/// draft per diagram or sheet asked for.
pub fn read(bytes: &[u8], path: &Path, options: &Options) -> Result<Vec<Draft>, ImportError> {
    let format = options
        .format
        .or_else(|| Format::from_extension(path))
        .unwrap_or_else(|| Format::sniff(bytes));
    match format {
        Format::Mermaid => mermaid::read(&text_of(bytes)?, options.diagram),
        Format::Csv => Ok(vec![sheet::read_csv(&text_of(bytes)?, options)?]),
        Format::Xlsx => Ok(vec![sheet::read_xlsx(bytes, options)?]),
    }
}

/// The text of a text file: UTF-8 (a byte-order mark dropped), or a clear
/// error at the first byte that is not.
fn text_of(bytes: &[u8]) -> Result<String, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(e) => {
            let line = 1 + bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count();
            Err(ImportError::new(
                Place::Line(line),
                format!("the file is not UTF-8 (bad byte 0x{:02X})", bytes[e.valid_up_to()]),
                "save it as UTF-8 (in a spreadsheet: \"CSV UTF-8\"), or export the sheet as .xlsx",
            ))
        }
    }
}

/// The form in which names are compared: case and spacing ignored, so
/// "Search Ads " is "search ads".
pub fn name_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(word.chars().flat_map(char::to_lowercase));
    }
    key
}

/// Text fit for a one-line field: line breaks and runs of spaces become
/// one space; characters a map may not hold are dropped (and counted).
pub fn clean_line(text: &str) -> (String, usize) {
    let mut dropped = 0;
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            if forbidden_char(c, false) {
                dropped += 1;
            } else {
                out.push(c);
            }
        }
    }
    (out, dropped)
}

/// Text fit for a multi-line field: CRLF made LF, the ends trimmed, other
/// characters a map may not hold dropped (and counted).
pub fn clean_prose(text: &str) -> (String, usize) {
    let text = crate::text::normalize_line_breaks(text.trim());
    let mut dropped = 0;
    let out = text
        .chars()
        .filter(|&c| {
            let bad = forbidden_char(c, true);
            dropped += usize::from(bad);
            !bad
        })
        .collect();
    (out, dropped)
}

/// The warning for characters dropped by [`clean_line`] or [`clean_prose`].
pub fn dropped_characters(place: Place, count: usize) -> Warning {
    Warning::new(
        place,
        format!(
            "{count} control or bidi-override character{} removed: maps may not hold them",
            if count == 1 { " was" } else { "s were" }
        ),
    )
}

/// An emotion score as spreadsheets write it: -2..2, a word (frustrated,
/// neutral, delighted...) or a face. `None` for anything else.
pub fn emotion_word(text: &str) -> Option<i8> {
    let t = name_key(text);
    let t = t.trim_start_matches('+');
    if let Ok(n) = t.parse::<i8>() {
        return Some(n);
    }
    let score = match t {
        "frustrated" | "angry" | "very negative" | "very unhappy" | "😡" | "😠" | "😞" | "☹️" | "☹" | "😫" => {
            -2
        }
        "uneasy" | "negative" | "unhappy" | "sad" | "🙁" | "😕" | "😟" => -1,
        "neutral" | "ok" | "okay" | "😐" | "😶" => 0,
        "pleased" | "positive" | "happy" | "🙂" | "😊" => 1,
        "delighted" | "very positive" | "very happy" | "😀" | "😃" | "😄" | "😁" | "🤩" | "😍" => 2,
        _ => return None,
    };
    Some(score)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_read_as_people_look_for_them() {
        assert_eq!(Place::Cell { row: 7, column: 3 }.to_string(), "cell C7");
        assert_eq!(Place::Column(28).to_string(), "column AB");
        assert_eq!(Place::LineColumn(4, 2).to_string(), "line 4, column 2");
        assert_eq!(column_letters(26), "Z");
        assert_eq!(column_letters(27), "AA");
    }

    #[test]
    fn formats_come_from_extensions_or_content() {
        assert_eq!(Format::from_extension(Path::new("a/README.md")), Some(Format::Mermaid));
        assert_eq!(Format::from_extension(Path::new("plan.XLSX")), Some(Format::Xlsx));
        assert_eq!(Format::from_extension(Path::new("plan")), None);
        assert_eq!(Format::sniff(b"PK\x03\x04rest"), Format::Xlsx);
        assert_eq!(Format::sniff(b"%% a diagram\njourney\n  title T"), Format::Mermaid);
        assert_eq!(Format::sniff(b"stage,touchpoint\nAware,Ad"), Format::Csv);
    }

    #[test]
    fn text_is_cleaned_for_the_field_it_goes_to() {
        assert_eq!(
            clean_line("  Google\nad \u{1b}[31m "),
            ("Google ad [31m".to_string(), 1)
        );
        assert_eq!(clean_prose(" one\r\ntwo\u{202e} "), ("one\ntwo".to_string(), 1));
        assert_eq!(name_key("  Search   ADS "), "search ads");
    }

    #[test]
    fn emotions_are_read_from_numbers_words_and_faces() {
        assert_eq!(emotion_word("+1"), Some(1));
        assert_eq!(emotion_word("-2"), Some(-2));
        assert_eq!(emotion_word("Delighted"), Some(2));
        assert_eq!(emotion_word("😐"), Some(0));
        assert_eq!(emotion_word("meh?"), None);
    }
}
