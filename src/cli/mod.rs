//! Command-line parsing and dispatch. Each command lives in its own module
//! and returns the process exit code: 0 success, 1 findings or an invalid
//! map, 2 usage or I/O errors.

mod completions;
mod diff;
mod flow;
mod fmt;
mod import;
mod lint;
mod matrix;
mod merge;
mod new;
mod output;
mod picture;
mod report;
mod templates;
mod validate;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::{Parser, Subcommand, ValueEnum};

use crate::store::{LoadError, LoadErrorKind};
use crate::text::bidi::Bidi;

/// Exit codes shared by every command.
pub const EXIT_OK: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "journeymap",
    version,
    about = "Customer journey maps in the terminal: stages, tactics, touchpoints, personas, segments and competitors",
    args_conflicts_with_subcommands = true,
    after_help = "Examples:\n  journeymap maps/launch.ron              # open a map in the workbench\n  journeymap                              # pick a map (./maps, recent files) or start one\n  journeymap new launch.ron --template customer-value-journey --title \"Spring launch\"\n  journeymap validate maps/*.ron\n  journeymap fmt --check maps/*.ron\n  journeymap templates customer-lifecycle\n  journeymap import journey.mmd -o journey.ron"
)]
pub struct Cli {
    /// Map to open in the interactive workbench (a missing file is offered
    /// to be created from a template)
    pub file: Option<PathBuf>,
    /// Who puts right-to-left text in visual order, in the workbench and in
    /// grids printed to a terminal [default: JOURNEYMAP_BIDI, then `bidi` in
    /// config.ron, then `terminal` for mlterm, VTE and Konsole, else `app`]
    #[arg(long, global = true, value_enum, value_name = "MODE")]
    pub bidi: Option<BidiArg>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BidiArg {
    /// journeymap shapes Arabic and reorders right-to-left text; the
    /// terminal is put in explicit BiDi mode
    App,
    /// The terminal does its own BiDi (mlterm, GNOME Terminal, Konsole)
    Terminal,
    /// Logical order, unshaped, as the file holds it
    Off,
}

impl From<BidiArg> for Bidi {
    fn from(arg: BidiArg) -> Self {
        match arg {
            BidiArg::App => Bidi::App,
            BidiArg::Terminal => Bidi::Terminal,
            BidiArg::Off => Bidi::Off,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open a map in the interactive workbench (same as `journeymap FILE`)
    #[command(
        after_help = "Keys: ? in the workbench shows every key.\n\nEnvironment:\n  JOURNEYMAP_DATA_DIR  where recovery copies of unsaved edits and the recent-files list are kept\n                       (default: the platform data directory, e.g. ~/.local/share/journeymap)\n  JOURNEYMAP_BIDI      app, terminal or off: who puts right-to-left text in visual order\n                       (over `bidi` in config.ron, under --bidi; see the README)\n\nExample:\n  journeymap edit maps/launch.ron"
    )]
    Edit {
        /// The map file; if it does not exist, you can create it from a template
        file: PathBuf,
    },
    /// Resolve the conflicts a merge left in a map, one by one, in the workbench
    #[command(
        after_help = "Each conflict shows the item, the field, and the base, ours and theirs versions; o takes ours, t theirs, B the base, b both (lists), e ours and then the field's form. Nothing is saved while a conflict is left; q leaves the file as it is.\n\nThe workbench does the same when `journeymap FILE` opens a map with conflict markers.\n\nExample:\n  journeymap resolve maps/launch.ron"
    )]
    Resolve {
        /// A map `journeymap merge` (as git's merge driver) left with conflict markers
        file: PathBuf,
    },
    /// Create a new map from a built-in template
    #[command(after_help = "Example:\n  journeymap new launch.ron --template aida --title \"Spring launch\"")]
    New {
        /// Where to write the map; an existing file is never overwritten
        file: PathBuf,
        /// Framework to start from (see `journeymap templates`)
        #[arg(short, long, default_value = "customer-value-journey")]
        template: String,
        /// Title of the new map (default: the framework's name)
        #[arg(long)]
        title: Option<String>,
    },
    /// Check map files and list every problem found
    #[command(
        after_help = "Exit status: 0 all valid, 1 some invalid, 2 some unreadable.\n\nExample:\n  journeymap validate maps/*.ron"
    )]
    Validate {
        /// Map files (`-` reads standard input)
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Print nothing for valid files
        #[arg(short, long)]
        quiet: bool,
    },
    /// Rewrite map files in canonical form
    #[command(
        after_help = "With `-` the map is read from standard input and written to standard output.\n\nExamples:\n  journeymap fmt maps/*.ron\n  journeymap fmt --check maps/*.ron   # exit 1 and name the files that would change"
    )]
    Fmt {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Change nothing; exit 1 and name the files that are not canonical
        #[arg(long)]
        check: bool,
    },
    /// List the built-in journey frameworks, or show one
    #[command(
        after_help = "Examples:\n  journeymap templates\n  journeymap templates aida\n  journeymap templates aida --ron > aida.ron"
    )]
    Templates {
        /// Template to show in full
        id: Option<String>,
        /// Print the template's RON source
        #[arg(long, requires = "id")]
        ron: bool,
    },
    /// Show what changed between two versions of a map, item by item
    #[command(
        override_usage = "journeymap diff [OPTIONS] OLD NEW",
        after_help = diff::AFTER_HELP
    )]
    Diff {
        /// OLD and NEW map files (`-` for standard input, /dev/null for none)
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Output format
        #[arg(long, value_enum, default_value_t)]
        format: diff::DiffFormat,
        /// When to colour the text format
        #[arg(long, value_enum, default_value_t, value_name = "WHEN", alias = "colour")]
        color: output::ColourChoice,
    },
    /// Merge two versions of a map with the version they started from, item by item (git's merge driver)
    #[command(
        override_usage = "journeymap merge [OPTIONS] BASE OURS THEIRS",
        after_help = merge::AFTER_HELP
    )]
    Merge(merge::MergeArgs),
    /// Print a shell completion script
    #[command(after_help = completions::AFTER_HELP)]
    Completions {
        /// The shell to complete for
        shell: clap_complete::Shell,
    },
    /// Print the stage-by-tactic matrix
    #[command(after_help = matrix::AFTER_HELP)]
    Matrix(matrix::MatrixArgs),
    /// Check the plan's health: empty stages, missing USPs, antisegment targeting, ...
    #[command(after_help = lint::after_help())]
    Lint(lint::LintArgs),
    /// Write a planning report: text, markdown, csv, json or mermaid
    #[command(after_help = report::AFTER_HELP)]
    Report(report::ReportArgs),
    /// Print the campaign flow: which campaigns move people from stage to stage, and the gaps
    #[command(after_help = flow::AFTER_HELP)]
    Flow(flow::FlowArgs),
    /// Bring a journey in: a Mermaid journey diagram, a CSV or an XLSX sheet
    #[command(after_help = import::AFTER_HELP)]
    Import(import::ImportArgs),
}

/// Parses the arguments and runs the command.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        None => workbench(cli.file.as_deref(), cli.bidi.map(Bidi::from)),
        Some(Command::Edit { file }) => workbench(Some(&file), cli.bidi.map(Bidi::from)),
        Some(Command::Resolve { file }) => {
            if file.exists() && crate::tui::resolve::conflicted(&file).is_none() && crate::store::load(&file).is_ok() {
                crate::errln!(
                    "{}: no merge conflicts to resolve; opening it as it is",
                    crate::text::sanitize(&file.display().to_string())
                );
            }
            workbench(Some(&file), cli.bidi.map(Bidi::from))
        }
        Some(Command::New { file, template, title }) => new::run(&file, &template, title.as_deref()),
        Some(Command::Validate { files, quiet }) => validate::run(&files, quiet),
        Some(Command::Fmt { files, check }) => fmt::run(&files, check),
        Some(Command::Templates { id, ron }) => templates::run(id.as_deref(), ron),
        Some(Command::Diff { files, format, color }) => diff::run(&files, diff::Look { format, colour: color }),
        Some(Command::Merge(args)) => merge::run(&args),
        Some(Command::Completions { shell }) => completions::run(shell),
        Some(Command::Matrix(args)) => matrix::run(&args, cli.bidi.map(Bidi::from)),
        Some(Command::Lint(args)) => lint::run(&args),
        Some(Command::Report(args)) => report::run(&args, cli.bidi.map(Bidi::from)),
        Some(Command::Flow(args)) => flow::run(&args, cli.bidi.map(Bidi::from)),
        Some(Command::Import(args)) => import::run(&args),
    };
    ExitCode::from(with_output_checked(code))
}

/// Prints a load error to stderr and gives its exit code.
/// Runs the workbench and turns how it ended into an exit status.
fn workbench(file: Option<&std::path::Path>, bidi: Option<Bidi>) -> u8 {
    use crate::tui::Outcome;
    match crate::tui::start(file, bidi) {
        Outcome::Done => EXIT_OK,
        Outcome::LoadFailed(e) => report_load_error(&e),
        Outcome::Failed(why) => {
            crate::errln!("error: {why}");
            EXIT_ERROR
        }
        Outcome::Signalled(signal) => signal.exit_code(),
    }
}

pub(crate) fn report_load_error(e: &LoadError) -> u8 {
    crate::err!("{e}");
    match e.kind {
        LoadErrorKind::Unreadable => EXIT_ERROR,
        LoadErrorKind::Invalid => EXIT_FINDINGS,
    }
}

/// Set when output was lost (full disk, I/O error): the command then fails.
static OUTPUT_LOST: AtomicBool = AtomicBool::new(false);

/// Writes to stdout. A closed pipe (`| head`) is normal and ignored; any other
/// failure (a full disk) is reported once and makes the command exit 2, so a
/// lost report or map is never mistaken for a written one.
pub(crate) fn print_out(text: &str) {
    print_bytes(text.as_bytes());
}

/// Says that the output file `path` could not be written, and what to
/// check; the exit status of an unwritable output.
pub(crate) fn report_write_error(path: &std::path::Path, e: &std::io::Error) -> u8 {
    crate::errln!(
        "error: cannot write {}: {e}\n  = help: check that the folder exists and is writable",
        crate::text::sanitize(&path.display().to_string())
    );
    EXIT_ERROR
}

/// Writes `bytes` to standard output as they are (a page, a picture).
pub(crate) fn print_bytes(bytes: &[u8]) {
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(bytes).and_then(|()| out.flush())
        && let Some(message) = output_failure(&e)
    {
        crate::errln!("{message}");
    }
}

/// The message for a failed write to stdout, the first time one fails and
/// unless it is a closed pipe.
fn output_failure(e: &std::io::Error) -> Option<String> {
    if e.kind() == std::io::ErrorKind::BrokenPipe || OUTPUT_LOST.swap(true, Ordering::Relaxed) {
        return None;
    }
    Some(format!(
        "error: cannot write the output: {e}\n  = help: check the disk space and where the output goes"
    ))
}

/// The exit code, made an error if output was lost.
fn with_output_checked(code: u8) -> u8 {
    if OUTPUT_LOST.load(Ordering::Relaxed) {
        code.max(EXIT_ERROR)
    } else {
        code
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lost_output_is_reported_once_and_fails_the_command() {
        let pipe = std::io::Error::from(std::io::ErrorKind::BrokenPipe);
        assert_eq!(output_failure(&pipe), None, "a closed pipe is not an error");
        assert_eq!(with_output_checked(EXIT_OK), EXIT_OK);
        let full = std::io::Error::from_raw_os_error(28);
        let message = output_failure(&full).unwrap_or_default();
        assert!(message.contains("cannot write the output"), "{message}");
        assert_eq!(output_failure(&full), None, "reported once");
        assert_eq!(with_output_checked(EXIT_OK), EXIT_ERROR);
        assert_eq!(with_output_checked(EXIT_FINDINGS), EXIT_ERROR);
    }
}
