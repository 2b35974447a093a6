use std::io::{self, Write};
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::output::{StdoutLines, output_width, stdout_is_terminal, visual_grids, width_budget};
use super::picture;
use super::{EXIT_ERROR, EXIT_OK, output_failure, report_load_error, report_write_error};
use crate::analysis::{Matrix, MatrixFilter};
use crate::export::{Out, ReportOptions, Section, campaigns, csv, json, markdown, mermaid, text};
use crate::model::JourneyMap;
use crate::model::typed::Period;
use crate::store;
use crate::text::bidi::{Bidi, visual_line_ltr};
use crate::text::unambiguous;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Plain text, wrapped to the terminal (or 100 columns, or not with --width 0)
    Text,
    /// GitHub-flavoured Markdown
    Markdown,
    /// CSV: one table: the matrix, or the one `--section` names
    Csv,
    /// The whole map, its matrix, scorecard, offer ladder, flow and calendar, for other tools
    Json,
    /// A Mermaid `journey` diagram; with `--section flow` or `ladder` a flowchart
    Mermaid,
    /// One self-contained web page: the journey canvas, goals, personas,
    /// segments, competitors, the matrix as a heat map and the findings
    Html,
    /// The journey canvas as an SVG picture
    Svg,
    /// The journey canvas as a PNG picture, drawn with the system's fonts
    Png,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Map file (`-` reads standard input)
    pub file: PathBuf,
    /// Output format
    #[arg(short, long, value_enum, default_value = "text")]
    pub format: Format,
    /// Sections to include, comma-separated (default: all).
    /// overview, scorecard, journey, stages, pains, matrix, ladder, flow, calendar, personas, segments,
    /// competitors, touchpoints, findings
    #[arg(short, long, value_delimiter = ',', value_name = "SECTIONS")]
    pub section: Vec<Section>,
    /// Write to FILE (replaced atomically) instead of standard output; `-` is standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Width of text reports in terminal cells (default: the terminal's, or 100);
    /// 0 wraps nothing, for pasting into documents
    #[arg(long, value_name = "N")]
    pub width: Option<usize>,
    /// ASCII-only tables and marks in text reports
    #[arg(long)]
    pub ascii: bool,
    /// The day goals are judged overdue against, YYYY-MM-DD (default: today, UTC):
    /// a report as of a past or planned review
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub today: Option<Period>,
    /// Only touchpoints aimed at this persona id (and those aimed at
    /// everyone): in html, svg and png, and in the matrix of csv and json
    #[arg(long, value_name = "ID")]
    pub persona: Option<String>,
    /// Only touchpoints aimed at a persona of this segment id (and those
    /// aimed at everyone), as --persona
    #[arg(long, value_name = "ID")]
    pub segment: Option<String>,
    /// A folder of fonts (.ttf, .otf) for png, searched before the system's; repeatable
    #[arg(long = "font-dir", value_name = "DIR")]
    pub font_dir: Vec<PathBuf>,
    /// Draw the png with the --font-dir fonts only: the same picture on every machine
    #[arg(long)]
    pub no_system_fonts: bool,
}

/// A day given on the command line: an ISO date, not a month or a quarter.
fn parse_day(text: &str) -> Result<Period, String> {
    let text = text.trim();
    match Period::parse(text) {
        Some(day) if text.len() == "2026-05-01".len() => Ok(day),
        _ => Err(format!("`{text}` is not a day: write an ISO date such as 2026-05-01")),
    }
}

pub const AFTER_HELP: &str = "\
Sections apply to text and markdown. CSV holds one table: the matrix (the
default), or with `--section` one of: touchpoints (a row per touchpoint),
scorecard (a row per goal), competitors (a row per competitor), pains (a row
per pain point and per opportunity), journey (the canvas: a column per stage,
a row per lane), ladder (a row per offer), flow (a row per step with
campaigns, then a row per gap), calendar (a row per campaign with the months
it runs). References are named, with their ids in columns of their own.
JSON (the map, its matrix, scorecard, offer ladder, flow and calendar) is
always whole. Mermaid draws the `journey` diagram, or with `--section flow`
a flowchart of the stages with the campaigns on the arrows, or with
`--section ladder` a flowchart of the offers in journey order.

HTML is one self-contained web page (no script, nothing fetched): the
brief, the journey (a column per stage, touchpoint cards coloured by
discipline, the emotion curve, every lane, the campaigns), goals, personas,
segments and their USPs, competitors, the matrix as a heat map, findings.
SVG is the journey picture alone, text kept as text; PNG draws it with the
system's fonts (and --font-dir folders) and names the fonts it used; a map
whose letters no font has is an error, not an empty picture. --persona and
--segment keep the touchpoints aimed at them (and at everyone) in html,
svg, png and the matrix of csv and json.

Without `--section`, every section is printed but the offer ladder when the
map has no offers, and the flow and calendar when it has no campaigns.

`--section ladder` lists the offers in journey order: by the stage they
serve, then lead magnet, entry-point offer, core offer, upsell, cross-sell,
reward, other. `--section flow` is the grid of `journeymap flow`.
`--section calendar` puts each dated campaign on a month-by-month timeline,
grouped by the step it serves, and marks (⚠, `(!)` with --ascii) the ones
that run alongside another campaign of the same step aimed at the same
people; in text, months that do not fit the width go on in further blocks.

The scorecard shows each goal's progress from its baseline (0%) to its
target (100%), `n/a` when the target or current value is not set, and marks
a goal overdue when its deadline has passed and its target is not met: as
of today's date (UTC), or of the day `--today` gives, so that a report can
be made again for a past review and stays the same.

`--section journey` lays out the classic journey map: a column per stage,
a row per lane (stage goal, doing, thinking and asking, feeling,
touchpoints, pain points, opportunities, emotion, KPIs). In text, stages
that do not fit the width side by side go on in further blocks of columns.

Text reports wrap between words: at spaces, after hyphens and between CJK
characters. A word wider than its table column is the only thing broken,
and each piece but the last ends in `-`. `--width 0` wraps nothing:
paragraphs stay one line each, for documents that wrap text themselves,
and tables keep their alignment with columns as wide as their content.

Exit status: 0 written, 1 invalid map, 2 unreadable file, bad options or
unwritable output.

Examples:
  journeymap report maps/bean-box-coffee.ron
  journeymap report maps/bean-box-coffee.ron --width 0 -o plan.txt
  journeymap report maps/bean-box-coffee.ron -f markdown -o plan.md
  journeymap report maps/bean-box-coffee.ron -f markdown --section stages,matrix,findings
  journeymap report maps/bean-box-coffee.ron -f csv --section touchpoints > touchpoints.csv
  journeymap report maps/bean-box-coffee.ron --section journey --width 200
  journeymap report maps/bean-box-coffee.ron -f csv --section scorecard --today 2026-06-30
  journeymap report maps/bean-box-coffee.ron --section ladder,flow,calendar --width 80
  journeymap report maps/bean-box-coffee.ron -f csv --section calendar
  journeymap report maps/bean-box-coffee.ron -f mermaid
  journeymap report maps/bean-box-coffee.ron -f mermaid --section flow
  journeymap report maps/bean-box-coffee.ron -f html -o plan.html
  journeymap report maps/bean-box-coffee.ron -f html --persona maya -o maya.html
  journeymap report maps/bean-box-coffee.ron -f svg -o journey.svg
  journeymap report maps/bean-box-coffee.ron -f png -o journey.png";

/// `bidi` is `--bidi`.
pub fn run(args: &ReportArgs, bidi: Option<Bidi>) -> u8 {
    let map = match store::load(&args.file) {
        Ok(loaded) => loaded.map,
        Err(e) => return report_load_error(&e),
    };
    let today = args.today.unwrap_or_else(Period::today);
    let picture = match args.format {
        Format::Html => Some(picture::Kind::Html),
        Format::Svg => Some(picture::Kind::Svg),
        Format::Png => Some(picture::Kind::Png),
        _ => None,
    };
    if let Some(kind) = picture {
        let request = picture::Request {
            kind,
            sections: !args.section.is_empty(),
            output: args.output.as_deref(),
            persona: args.persona.clone(),
            segment: args.segment.clone(),
            font_dir: &args.font_dir,
            no_system_fonts: args.no_system_fonts,
        };
        return picture::run(map, &request, today);
    }
    if (args.persona.is_some() || args.segment.is_some()) && !matches!(args.format, Format::Csv | Format::Json) {
        crate::errln!(
            "error: --persona and --segment apply to html, svg, png, and the matrix of csv and json\n  = help: for the matrix in text, use `journeymap matrix --persona ID`"
        );
        return EXIT_ERROR;
    }
    let to_file = args.output.as_ref().filter(|p| p.as_os_str() != "-");
    let options = ReportOptions {
        sections: if args.section.is_empty() {
            Section::defaults_for(&map)
        } else {
            args.section.clone()
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
        today,
        visual: to_file.is_none() && args.format == Format::Text && visual_grids(bidi),
    };
    // The report is written as it is made. A refusal (a section the format
    // cannot show) comes before anything is written, and a failure leaves
    // a file as it was.
    let mut refused = None;
    let mut render_to = |writer: &mut dyn Write| {
        let mut out = Out::to(writer);
        match render(&map, args, &options, &mut out) {
            Ok(()) => out.finish().map(drop),
            Err(message) => {
                refused = Some(message);
                Err(io::Error::other("refused"))
            }
        }
    };
    let written = match to_file {
        Some(path) => store::write_atomically_with(path, &mut render_to),
        None => {
            let visual = options.visual.then_some(visual_lines as fn(&str) -> String);
            let mut stdout = StdoutLines::new(io::stdout().lock(), stdout_is_terminal(), visual);
            render_to(&mut stdout).and_then(|()| stdout.finish())
        }
    };
    if let Some(message) = refused {
        crate::errln!("error: {message}");
        return EXIT_ERROR;
    }
    match (written, to_file) {
        (Ok(()), _) => EXIT_OK,
        (Err(e), Some(path)) => report_write_error(path, &e),
        (Err(e), None) => {
            if let Some(message) = output_failure(&e) {
                crate::errln!("{message}");
            }
            EXIT_OK
        }
    }
}

/// The report's lines outside its tables (headings, paragraphs, lists),
/// shaped and in visual order: each line reads left to right as the
/// report's layout does (indents, bullets, labels), its right-to-left runs
/// reversed in place; the graphemes terminals disagree on are replaced as
/// in the tables. The tables were drawn so already, cell by cell.
pub(super) fn visual_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        if line.starts_with(['┌', '│', '├', '└', '+', '|']) {
            out.push_str(line);
        } else {
            out.push_str(&visual_line_ltr(&unambiguous(line)));
        }
        out.push('\n');
    }
    out
}

fn render(map: &JourneyMap, args: &ReportArgs, options: &ReportOptions, out: &mut Out) -> Result<(), String> {
    let whole = |format: &str| {
        if args.section.is_empty() {
            Ok(())
        } else {
            Err(format!("{format} exports the whole map; leave out --section"))
        }
    };
    let filter = MatrixFilter {
        persona: args.persona.clone(),
        segment: args.segment.clone(),
        campaign: None,
    };
    let matrix = || Matrix::build(map, &filter).map_err(|e| e.to_string());
    match args.format {
        Format::Text => text::write_report(map, options, out),
        Format::Markdown => markdown::write_report(map, options, out),
        Format::Json => {
            whole("json")?;
            json::write_export(map, &matrix()?, options.today, out);
        }
        Format::Mermaid => match args.section.as_slice() {
            [] | [Section::Journey] => mermaid::write_journey(map, out),
            [Section::Flow] => out.push_str(&campaigns::flow_mermaid(map)),
            [Section::Ladder] => out.push_str(&campaigns::ladder_mermaid(map)),
            _ => return Err("mermaid draws one diagram: use --section journey (the default), flow or ladder".into()),
        },
        // Drawn by `picture::run` before any text is rendered.
        Format::Html | Format::Svg | Format::Png => return Err("pages and pictures are not text".into()),
        Format::Csv => match args.section.as_slice() {
            [] | [Section::Matrix] => out.push_str(&csv::matrix(map, &matrix()?)),
            [Section::Touchpoints] => csv::write_touchpoints(map, out),
            [Section::Scorecard] => out.push_str(&csv::scorecard(map, options.today)),
            [Section::Competitors] => out.push_str(&csv::competitors(map)),
            [Section::Pains] => out.push_str(&csv::pains(map)),
            [Section::Journey] => out.push_str(&csv::journey(map, options.today)),
            [Section::Ladder] => out.push_str(&campaigns::ladder_csv(map)),
            [Section::Flow] => out.push_str(&campaigns::flow_csv(map)),
            [Section::Calendar] => out.push_str(&campaigns::calendar_csv(map)),
            _ => {
                return Err(
                    "csv holds one table: use --section matrix (the default), touchpoints, scorecard, \
                     competitors, pains, journey, ladder, flow or calendar"
                        .into(),
                );
            }
        },
    }
    Ok(())
}
