//! Writing reports from the workbench: the same renderers, options and
//! output as `journeymap report` (a file gets the default width of 100).
//! Nothing is opened: the file is written and the status line says where.
//!
//! A report is made and written on a thread of its own ([`Writing`]), from a
//! copy of the map as it was when asked for, so that the workbench answers
//! keys meanwhile: the picture of a map of 50,000 touchpoints takes seconds
//! to draw.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread::JoinHandle;

use crate::analysis::{Matrix, MatrixFilter};
use crate::export::png::{self, FontSources, Fonts};
use crate::export::{ReportOptions, Section, csv, html, json, markdown, mermaid, svg, text};
use crate::model::JourneyMap;
use crate::store;
use crate::text::sanitize;

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

/// What an export came to, for the status line: where it was written (and
/// how), or why it was not.
pub type Outcome = Result<String, String>;

/// A report being made and written on a thread of its own.
pub struct Writing {
    /// The file, as the status line shows it.
    pub shown: String,
    done: mpsc::Receiver<Outcome>,
    thread: Option<JoinHandle<()>>,
}

impl Writing {
    /// Starts writing report `format` of `map` to `path` (atomically), a
    /// PNG drawn with the fonts of `fonts`.
    pub fn start(map: JourneyMap, format: usize, path: PathBuf, fonts: FontSources) -> Writing {
        let shown = sanitize(&path.display().to_string()).into_owned();
        let (sender, done) = mpsc::channel();
        let named = shown.clone();
        let thread = std::thread::Builder::new().name("export".into()).spawn(move || {
            // The receiver may be gone (the workbench quit without waiting).
            let _ = sender.send(write(&map, format, &path, &fonts, &named));
        });
        match thread {
            Ok(thread) => Writing {
                shown,
                done,
                thread: Some(thread),
            },
            Err(e) => {
                // No thread to be had: say so, as an export that failed.
                let (sender, done) = mpsc::channel();
                let _ = sender.send(Err(format!("could not export: {e}")));
                Writing {
                    shown,
                    done,
                    thread: None,
                }
            }
        }
    }

    /// What it came to, if it is done.
    pub fn outcome(&self) -> Option<Outcome> {
        match self.done.try_recv() {
            Ok(outcome) => Some(outcome),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => Some(Err(format!(
                "could not export to {}: the export stopped before it was written",
                self.shown
            ))),
        }
    }

    /// Waits until it is done: what it came to.
    pub fn finish(mut self) -> Outcome {
        if let Some(thread) = self.thread.take() {
            // A panic is reported as the message's absence, below.
            let _ = thread.join();
        }
        self.outcome().unwrap_or_else(|| {
            Err(format!(
                "could not export to {}: the export stopped before it was written",
                self.shown
            ))
        })
    }
}

/// Makes report `format` of `map` and writes it to `path` (shown as `shown`).
fn write(map: &JourneyMap, format: usize, path: &Path, fonts: &FontSources, shown: &str) -> Outcome {
    let rendered = render(map, format, fonts).map_err(|e| format!("could not export: {}", sanitize(&e)))?;
    store::write_atomically(path, &rendered.bytes).map_err(|e| format!("could not write {shown}: {e}"))?;
    let cli = FORMATS.get(format).map_or("report", |f| f.cli);
    let note = rendered
        .note
        .map(|note| format!(", {}", sanitize(&note)))
        .unwrap_or_default();
    Ok(format!("exported to {shown} (as `journeymap {cli}` writes it){note}"))
}
