//! Writing reports from the workbench: the same renderers, options and
//! output as `journeymap report` (a file gets the default width of 100).

use std::path::{Path, PathBuf};

use crate::analysis::{Matrix, MatrixFilter};
use crate::export::{ReportOptions, Section, csv, json, markdown, mermaid, text};
use crate::model::JourneyMap;

/// A report the export dialog offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Format {
    pub label: &'static str,
    /// Appended to the map's file stem: `plan.md`, `plan-matrix.md`.
    pub suffix: &'static str,
    /// The equivalent command line, for the message.
    pub cli: &'static str,
}

pub const FORMATS: [Format; 7] = [
    Format {
        label: "Markdown report (every section)",
        suffix: ".md",
        cli: "report -f markdown",
    },
    Format {
        label: "Markdown: the matrix only",
        suffix: "-matrix.md",
        cli: "report -f markdown --section matrix",
    },
    Format {
        label: "Text report",
        suffix: ".txt",
        cli: "report -f text",
    },
    Format {
        label: "CSV: the matrix",
        suffix: ".csv",
        cli: "report -f csv",
    },
    Format {
        label: "CSV: one row per touchpoint",
        suffix: "-touchpoints.csv",
        cli: "report -f csv --section touchpoints",
    },
    Format {
        label: "JSON: the map and its matrix",
        suffix: ".json",
        cli: "report -f json",
    },
    Format {
        label: "Mermaid journey diagram",
        suffix: ".mmd",
        cli: "report -f mermaid",
    },
];

/// The report in format `n` of [`FORMATS`].
pub fn render(map: &JourneyMap, n: usize) -> Result<String, String> {
    let options = ReportOptions {
        sections: Section::defaults_for(map),
        ..ReportOptions::default()
    };
    let only = |section| ReportOptions {
        sections: vec![section],
        ..ReportOptions::default()
    };
    let matrix = || Matrix::build(map, &MatrixFilter::default()).map_err(|e| e.to_string());
    Ok(match n {
        0 => markdown::report(map, &options),
        1 => markdown::report(map, &only(Section::Matrix)),
        2 => text::report(map, &options),
        3 => csv::matrix(map, &matrix()?),
        4 => csv::touchpoints(map),
        5 => json::export(map, &matrix()?, options.today),
        6 => mermaid::journey(map),
        _ => return Err("no such format".into()),
    })
}

/// Where format `n` goes by default: next to the map, named after it.
pub fn default_path(map_path: &Path, n: usize) -> PathBuf {
    let stem = map_path
        .file_stem()
        .map_or_else(|| "journey".to_string(), |s| s.to_string_lossy().into_owned());
    let suffix = FORMATS.get(n).map_or(".txt", |f| f.suffix);
    map_path.with_file_name(format!("{stem}{suffix}"))
}
