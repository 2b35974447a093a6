//! Writing reports from the workbench: the same renderers, options and
//! output as `journeymap report` (a file gets the default width of 100).
//! Nothing is opened: the file is written and the status line says where.

use std::path::{Path, PathBuf};

use crate::analysis::{Matrix, MatrixFilter};
use crate::export::png::{self, FontSources, Fonts};
use crate::export::{ReportOptions, Section, csv, html, json, markdown, mermaid, svg, text};
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

pub const FORMATS: [Format; 10] = [
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
    Format {
        label: "Web page: the journey and the whole plan",
        suffix: ".html",
        cli: "report -f html",
    },
    Format {
        label: "Journey picture, SVG",
        suffix: ".svg",
        cli: "report -f svg",
    },
    Format {
        label: "Journey picture, PNG",
        suffix: ".png",
        cli: "report -f png",
    },
];

/// A report rendered: its bytes, and what to add to the message (the
/// fonts a picture was drawn with).
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub note: Option<String>,
}

/// The report in format `n` of [`FORMATS`]; a PNG is drawn with the fonts
/// of `fonts`.
pub fn render(map: &JourneyMap, n: usize, fonts: &FontSources) -> Result<Rendered, String> {
    let options = ReportOptions {
        sections: Section::defaults_for(map),
        ..ReportOptions::default()
    };
    let only = |section| ReportOptions {
        sections: vec![section],
        ..ReportOptions::default()
    };
    let filter = MatrixFilter::default();
    let matrix = || Matrix::build(map, &filter).map_err(|e| e.to_string());
    let text = |text: String| Rendered {
        bytes: text.into_bytes(),
        note: None,
    };
    Ok(match n {
        0 => text(markdown::report(map, &options)),
        1 => text(markdown::report(map, &only(Section::Matrix))),
        2 => text(text::report(map, &options)),
        3 => text(csv::matrix(map, &matrix()?)),
        4 => text(csv::touchpoints(map)),
        5 => text(json::export(map, &matrix()?, options.today)),
        6 => text(mermaid::journey(map)),
        7 => text(html::page_string(map, &matrix()?, &filter, options.today)),
        8 => text(svg::journey(map, &matrix()?, &filter, options.today)),
        9 => {
            let drawn = png::journey(map, &matrix()?, &filter, options.today, &Fonts::load(fonts))
                // One status line: the error, then what to do.
                .map_err(|e| e.to_string().replace("\n  = help: ", "; "))?;
            let mut note = format!("drawn with {}", drawn.fonts.join(", "));
            if !drawn.missing_symbols.is_empty() {
                let symbols: String = drawn.missing_symbols.iter().take(8).collect();
                note.push_str(&format!("; no font has {symbols}"));
            }
            Rendered {
                bytes: drawn.bytes,
                note: Some(note),
            }
        }
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
