use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::matrix::CellsArg;
use super::output::{for_stdout, output_width, visual_grids, width_budget};
use super::{EXIT_OK, print_out, report_load_error, report_write_error};
use crate::export::campaigns::{self, FlowCells, FlowOptions};
use crate::store;
use crate::text::bidi::Bidi;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FlowFormat {
    /// A grid wrapped to the terminal (or 100 columns, or not with --width 0)
    Text,
    /// A GitHub-flavoured Markdown table and list
    Markdown,
    /// A row per step with campaigns, then a row per gap
    Csv,
    /// The grid, the steps, the gaps, by id
    Json,
    /// A `flowchart LR` of the stages with the campaigns on the arrows
    Mermaid,
}

#[derive(Debug, Args)]
pub struct FlowArgs {
    /// Map file (`-` reads standard input)
    pub file: PathBuf,
    /// Output format
    #[arg(short, long, value_enum, default_value = "text")]
    pub format: FlowFormat,
    /// What each cell of the text grid shows
    #[arg(long, value_enum, default_value = "count")]
    pub cells: CellsArg,
    /// Width of the text grid in terminal cells (default: the terminal's, or 100);
    /// 0: columns as wide as their content
    #[arg(long, value_name = "N")]
    pub width: Option<usize>,
    /// Draw with ASCII characters only
    #[arg(long)]
    pub ascii: bool,
    /// Write to FILE (replaced atomically) instead of standard output; `-` is standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub const AFTER_HELP: &str = "\
Which campaigns move people from stage to stage. Rows are the stage a
campaign moves people from, columns the stage it moves them to, both in
journey order. A cell counts the step's campaigns (names with --cells
names). A stage that no campaign moves forward, to any later stage, is a
gap: its step to the next stage reads GAP. Backward steps (win-back,
re-engagement) are marked ← (< with --ascii), steps within a stage ↺ (@).
Below the grid, every step with its campaigns, the gaps, and campaigns
whose stages are not set. To-stages that do not fit the width side by side
go on in further blocks of columns.

Exit status: 0 written, 1 invalid map, 2 unreadable file, bad options or
unwritable output.

Examples:
  journeymap flow maps/bean-box-coffee.ron
  journeymap flow maps/bean-box-coffee.ron --cells names --width 160
  journeymap flow maps/bean-box-coffee.ron -f markdown -o flow.md
  journeymap flow maps/bean-box-coffee.ron -f csv > flow.csv
  journeymap flow maps/bean-box-coffee.ron -f mermaid";

/// `bidi` is `--bidi`.
pub fn run(args: &FlowArgs, bidi: Option<Bidi>) -> u8 {
    let map = match store::load(&args.file) {
        Ok(loaded) => loaded.map,
        Err(e) => return report_load_error(&e),
    };
    let to_file = args.output.as_ref().filter(|p| p.as_os_str() != "-");
    // Only a grid bound for a terminal is put in visual order.
    let visual = to_file.is_none() && args.format == FlowFormat::Text && visual_grids(bidi);
    let rendered = match args.format {
        FlowFormat::Text => campaigns::flow_text(
            &map,
            &FlowOptions {
                cells: match args.cells {
                    CellsArg::Count => FlowCells::Count,
                    CellsArg::Names => FlowCells::Names,
                },
                // A file is not a terminal: give it the default width.
                width: width_budget(args.width, || {
                    if to_file.is_some() {
                        super::output::DEFAULT_WIDTH
                    } else {
                        output_width()
                    }
                }),
                ascii: args.ascii,
                visual,
            },
        ),
        FlowFormat::Markdown => campaigns::flow_markdown(&map),
        FlowFormat::Csv => campaigns::flow_csv(&map),
        FlowFormat::Json => campaigns::flow_json_text(&map),
        FlowFormat::Mermaid => campaigns::flow_mermaid(&map),
    };
    match to_file {
        Some(path) => match store::write_atomically(path, rendered.as_bytes()) {
            Ok(()) => EXIT_OK,
            Err(e) => report_write_error(path, &e),
        },
        None => {
            let rendered = if visual {
                super::report::visual_lines(&rendered)
            } else {
                rendered
            };
            print_out(&for_stdout(rendered));
            EXIT_OK
        }
    }
}
