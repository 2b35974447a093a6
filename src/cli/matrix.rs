use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::output::{colour_enabled, output_width, visual_grids, width_budget};
use super::{EXIT_ERROR, EXIT_OK, print_out, report_load_error};
use crate::analysis::{Matrix, MatrixFilter, UnknownFilterId};
use crate::export::{CellDisplay, GridOptions, render_matrix};
use crate::store;
use crate::text::bidi::Bidi;
use crate::text::sanitize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CellsArg {
    /// Number of touchpoints
    Count,
    /// Touchpoint names, one per line
    Names,
}

#[derive(Debug, Args)]
pub struct MatrixArgs {
    /// Map file (`-` reads standard input)
    pub file: PathBuf,
    /// What each cell shows
    #[arg(long, value_enum, default_value = "count")]
    pub cells: CellsArg,
    /// Only touchpoints aimed at this persona id (and those aimed at everyone)
    #[arg(long, value_name = "ID")]
    pub persona: Option<String>,
    /// Only touchpoints aimed at a persona of this segment id (and those aimed at everyone)
    #[arg(long, value_name = "ID")]
    pub segment: Option<String>,
    /// Only the touchpoints this campaign id uses
    #[arg(long, value_name = "ID")]
    pub campaign: Option<String>,
    /// Stages as rows, tactics as columns
    #[arg(long)]
    pub transpose: bool,
    /// Fit into N terminal cells (default: the terminal's width, or 100 when not a terminal);
    /// 0: columns as wide as their content
    #[arg(long, value_name = "N")]
    pub width: Option<usize>,
    /// Draw with ASCII characters only
    #[arg(long)]
    pub ascii: bool,
}

pub const AFTER_HELP: &str = "\
Columns are the stages in journey order, rows the tactics grouped by
discipline. A number counts the touchpoints at that stage using that tactic;
○ (o with --ascii) marks a tactic the stage plans but no touchpoint carries
yet; · (.) is empty. Totals count distinct touchpoints. A touchpoint with no
personas is aimed at everyone and is kept by the persona and segment
filters; --campaign keeps only the touchpoints the campaign lists. Names wrap
between words and are never broken inside one: when the stage names do not
fit, the columns are numbered and a legend names them. On a terminal,
right-to-left names are shaped and in visual order as `--bidi` says; files
and pipes keep the text as written.

Exit status: 0 printed, 1 invalid map, 2 unreadable file or unknown id.

Examples:
  journeymap matrix maps/bean-box-coffee.ron
  journeymap matrix maps/bean-box-coffee.ron --cells names --width 160
  journeymap matrix maps/bean-box-coffee.ron --segment small-offices --transpose
  journeymap matrix maps/bean-box-coffee.ron --ascii > matrix.txt";

/// `bidi` is `--bidi`.
pub fn run(args: &MatrixArgs, bidi: Option<Bidi>) -> u8 {
    let map = match store::load(&args.file) {
        Ok(loaded) => loaded.map,
        Err(e) => return report_load_error(&e),
    };
    let filter = MatrixFilter {
        persona: args.persona.clone(),
        segment: args.segment.clone(),
        campaign: args.campaign.clone(),
    };
    let matrix = match Matrix::build(&map, &filter) {
        Ok(matrix) => matrix,
        Err(e) => return report_unknown_id(&e),
    };
    let options = GridOptions {
        cells: match args.cells {
            CellsArg::Count => CellDisplay::Count,
            CellsArg::Names => CellDisplay::Names,
        },
        transpose: args.transpose,
        width: width_budget(args.width, output_width),
        ascii: args.ascii,
        colour: colour_enabled(),
        visual: visual_grids(bidi),
    };
    print_out(&render_matrix(&map, &matrix, &options));
    EXIT_OK
}

/// Names the unknown id and lists the valid ones; exit 2 (a usage error).
pub(crate) fn report_unknown_id(e: &UnknownFilterId) -> u8 {
    let valid = if e.valid.is_empty() {
        format!("the map has no {}", e.kind.plural())
    } else {
        format!("use one of: {}", e.valid.join(", "))
    };
    crate::errln!(
        "error: the map has no {} with id `{}`\n  = help: {}",
        e.kind.noun(),
        sanitize(&e.id),
        sanitize(&valid)
    );
    EXIT_ERROR
}
