//! `journeymap import`: a Mermaid journey diagram or a spreadsheet into a
//! new map, or added to an existing one.

use std::path::{Path, PathBuf};

use clap::Args;

use super::{EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, print_out};
use crate::import::{self, Draft, Format, ImportError, Options, SheetField, Summary, Warning};
use crate::model::JourneyMap;
use crate::store::{self, SaveError};
use crate::text::sanitize;

pub const AFTER_HELP: &str = "\
The format comes from the extension (.mmd .md .csv .tsv .xlsx) or the content.
Spreadsheets: one row per touchpoint under a header row (stage, touchpoint,
channel, tactic, persona, segment, emotion, call to action, owner, metric or
KPI, notes; English or Arabic headers), or a canvas with the stages across the
top and the lanes down the first column. Several values in a cell are split
on `;` and line breaks, and on `,` only where every part is a name that also
stands alone elsewhere (in the sheet, or in the map added to).

Items are matched by name or id; what is missing is created. A map that is
added to keeps every item it has. Whatever cannot be placed is listed with its
line, row, cell or column.

Exit status: 0 imported cleanly, 1 imported with warnings (the map is still
written), 2 nothing written (unreadable file, existing output, bad options).

Examples:
  journeymap import journey.mmd                        # writes journey.ron
  journeymap import README.md --diagram 2 -o onboarding.ron
  journeymap import plan.xlsx --sheet Journey --dry-run
  journeymap import touchpoints.csv --into maps/launch.ron
  journeymap import export.csv --column 'Phase=stage' --column 'Pain points=notes'";

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file to import: a Mermaid journey (.mmd, or Markdown holding
    /// some), a CSV or an XLSX workbook (`-` reads standard input)
    pub file: PathBuf,
    /// Write a new map to this file (never overwrites; default: FILE with
    /// the extension .ron; `-` prints it). Several diagrams go to NEW-1.ron,
    /// NEW-2.ron, ...
    #[arg(short, long, value_name = "NEW.ron", conflicts_with = "into")]
    pub output: Option<PathBuf>,
    /// Add to this existing map instead, saved atomically
    #[arg(long, value_name = "MAP.ron")]
    pub into: Option<PathBuf>,
    /// The file's format, when neither its extension nor its content says
    #[arg(long, value_parser = str::parse::<Format>, value_name = "mermaid|csv|xlsx")]
    pub format: Option<Format>,
    /// Print what would be created or changed, by kind with names; write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Of a Markdown file with several diagrams: import only the Nth (from 1)
    #[arg(long, value_name = "N")]
    pub diagram: Option<usize>,
    /// Of a workbook: the sheet to read (default: the first)
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Read the column headed HEADER as FIELD (stage, touchpoint, channel,
    /// tactic, persona, segment, emotion, stage-emotion, cta, owner, metric,
    /// notes, goal, id, ignore); repeatable
    #[arg(long = "column", value_name = "HEADER=FIELD", value_parser = parse_column)]
    pub columns: Vec<(String, SheetField)>,
}

fn parse_column(text: &str) -> Result<(String, SheetField), String> {
    let (header, field) = text
        .rsplit_once('=')
        .ok_or_else(|| format!("`{text}` is not HEADER=FIELD, e.g. 'Phase=stage'"))?;
    Ok((header.trim().to_string(), field.parse()?))
}

pub fn run(args: &ImportArgs) -> u8 {
    let origin = store::origin_of(&args.file);
    let shown = sanitize(&origin).into_owned();
    let bytes = match import::read_source(&args.file) {
        Ok(bytes) => bytes,
        Err(why) => {
            crate::errln!("error: cannot read {shown}: {why}\n  = help: check the path");
            return EXIT_ERROR;
        }
    };
    let mut options = Options {
        format: args.format,
        diagram: args.diagram,
        sheet: args.sheet.clone(),
        columns: args.columns.clone(),
        known: Default::default(),
    };
    // The map added to loads first: its names guide how cells are split.
    let into = match &args.into {
        Some(path) => match store::load(path) {
            Ok(loaded) => {
                options.known = Options::known_in(&loaded.map);
                Some((path.as_path(), loaded))
            }
            Err(e) => {
                crate::err!("{e}");
                crate::errln!(
                    "error: nothing was imported: {} must load first",
                    sanitize(&path.display().to_string())
                );
                return EXIT_ERROR;
            }
        },
        None => None,
    };
    let drafts = match import::read(&bytes, &args.file, &options) {
        Ok(drafts) => drafts,
        Err(e) => return failed(&shown, &e),
    };
    let outcome = match into {
        Some((path, loaded)) => add_to(&shown, drafts, path, loaded, args.dry_run),
        None => new_maps(&shown, &args.file, drafts, args.output.as_deref(), args.dry_run),
    };
    match outcome {
        Ok(0) => EXIT_OK,
        Ok(_) => EXIT_FINDINGS,
        Err(()) => EXIT_ERROR,
    }
}

fn failed(shown: &str, e: &ImportError) -> u8 {
    crate::errln!(
        "error: {shown}: {}: {}\n  = help: {}",
        e.place,
        sanitize(&e.message),
        sanitize(&e.hint)
    );
    EXIT_ERROR
}

/// Prints the warnings, each with the file and the place; gives how many.
fn print_warnings(shown: &str, warnings: &[Warning]) -> usize {
    for w in warnings {
        crate::errln!("warning: {shown}: {}: {}", w.place, sanitize(&w.message));
    }
    warnings.len()
}

/// What an import did (or would do), on stdout for a dry run and on
/// stderr otherwise, as every command's diagnostics are.
fn report(heading: &str, summary: &Summary, dry_run: bool) {
    // A dry run is for reading what would come in: every name, up to a point.
    let names = if dry_run { 200 } else { 0 };
    let mut text = format!("{heading}\n");
    for line in summary.lines(names) {
        text.push_str("  ");
        text.push_str(&line);
        text.push('\n');
    }
    if dry_run {
        print_out(&text);
    } else {
        crate::err!("{text}");
    }
}

/// Checks the merged map as a load would; a problem here is a bug of the
/// import, never the user's, but it must not reach a file.
fn checked(map: &JourneyMap) -> Result<(), ()> {
    match crate::model::validate(map).first() {
        None => Ok(()),
        Some(problem) => {
            crate::errln!(
                "error: the imported map would not be valid: {}\n  = help: please report this with the file that was imported",
                sanitize(&problem.message)
            );
            Err(())
        }
    }
}

fn add_to(shown: &str, mut drafts: Vec<Draft>, into: &Path, loaded: store::Loaded, dry_run: bool) -> Result<usize, ()> {
    let target = sanitize(&into.display().to_string()).into_owned();
    if drafts.len() > 1 {
        crate::errln!(
            "error: {shown} holds {} journey diagrams; one at a time goes into a map\n  = help: choose one with --diagram N (from 1 to {})",
            drafts.len(),
            drafts.len()
        );
        return Err(());
    }
    let Some(draft) = drafts.pop() else { return Err(()) };
    let mut map = loaded.map;
    let (title, description) = (draft.title.clone(), draft.description.clone());
    let mut warnings = Vec::new();
    let summary = import::merge(&mut map, draft, &mut warnings);
    if !title.is_empty() && title != map.title {
        warnings.push(Warning::new(
            import::Place::File,
            format!("the title \"{title}\" was not applied: {target} keeps its own"),
        ));
    }
    if !description.is_empty() && !map.description.contains(&description) {
        warnings.push(Warning::new(
            import::Place::File,
            format!("the description was not applied: {target} keeps its own"),
        ));
    }
    checked(&map)?;
    let count = print_warnings(shown, &warnings);
    if dry_run {
        report(
            &format!("{shown} would add to {target} (dry run: nothing written):"),
            &summary,
            true,
        );
        return Ok(count);
    }
    if summary.is_empty() {
        report(&format!("{shown}: nothing added to {target}:"), &summary, false);
        return Ok(count);
    }
    match store::save(into, &map, Some(loaded.stamp)) {
        Ok(_) => {
            report(&format!("{shown} added to {target}:"), &summary, false);
            Ok(count)
        }
        Err(SaveError::ChangedOnDisk) => {
            crate::errln!(
                "error: {target} changed on disk while importing; nothing was written\n  = help: run the import again"
            );
            Err(())
        }
        Err(SaveError::Io(e)) => {
            crate::errln!(
                "error: cannot save {target}: {e}\n  = help: check that the folder is writable and the disk has room"
            );
            Err(())
        }
    }
}

/// Where each of `count` new maps goes: `base`, or `base-1.ron`... for several.
fn outputs(base: &Path, count: usize) -> Vec<PathBuf> {
    if count == 1 {
        return vec![base.to_path_buf()];
    }
    let stem = base
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    (1..=count)
        .map(|n| base.with_file_name(format!("{stem}-{n}.ron")))
        .collect()
}

fn new_maps(shown: &str, file: &Path, drafts: Vec<Draft>, output: Option<&Path>, dry_run: bool) -> Result<usize, ()> {
    let to_stdout = output.is_some_and(|o| o.as_os_str() == "-");
    let base = match output {
        Some(path) => path.to_path_buf(),
        None if file.as_os_str() == "-" => {
            crate::errln!(
                "error: standard input has no name to give the map\n  = help: name it with -o NEW.ron (or -o - to print it)"
            );
            return Err(());
        }
        None => file.with_extension("ron"),
    };
    if to_stdout && drafts.len() > 1 {
        crate::errln!(
            "error: {shown} holds {} journey diagrams; -o - prints one map\n  = help: choose one with --diagram N",
            drafts.len()
        );
        return Err(());
    }
    let paths = outputs(&base, drafts.len());
    if !to_stdout && let Some(existing) = paths.iter().find(|p| p.exists()) {
        crate::errln!(
            "error: {} already exists; import never overwrites a map\n  = help: choose another name with -o, or add to it with --into",
            sanitize(&existing.display().to_string())
        );
        return Err(());
    }
    let fallback_title = file
        .file_stem()
        .map_or_else(|| "Imported journey".to_string(), |s| s.to_string_lossy().into_owned());
    let mut count = 0;
    for (draft, path) in drafts.into_iter().zip(&paths) {
        let target = sanitize(&path.display().to_string()).into_owned();
        let source = if draft.label.is_empty() {
            shown.to_string()
        } else {
            format!("{shown} ({})", draft.label)
        };
        let mut map = import::new_map(&draft, &fallback_title);
        let mut warnings = Vec::new();
        let summary = import::merge(&mut map, draft, &mut warnings);
        checked(&map)?;
        count += print_warnings(&source, &warnings);
        let text = store::to_canonical(&map);
        if dry_run {
            report(
                &format!(
                    "{source} would make {target} \"{}\" (dry run: nothing written):",
                    sanitize(&map.title)
                ),
                &summary,
                true,
            );
        } else if to_stdout {
            print_out(&text);
            report(&format!("{source} imported:"), &summary, false);
        } else {
            match store::create_new(path, &text) {
                Ok(()) => report(&format!("{source} imported into {target}:"), &summary, false),
                Err(e) => {
                    crate::errln!(
                        "error: cannot create {target}: {e}\n  = help: check that the folder exists and is writable"
                    );
                    return Err(());
                }
            }
        }
    }
    Ok(count)
}
