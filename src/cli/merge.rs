//! `journeymap merge BASE OURS THEIRS`: a three-way merge of maps by
//! meaning, usable as git's merge driver.

use std::path::{Path, PathBuf};

use super::{EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, output_failure};
use crate::analysis::merge::{Merged, merge_beside_ours, merge_comments};
use crate::analysis::thinned::{Sifter, Thinned, repeats_an_id};
use crate::model::comments::Comments;
use crate::model::conflict::{Cause, Conflict, Side, Versions};
use crate::model::{JourneyMap, MapIndex};
use crate::store::{self, LoadError};
use crate::text::{sanitize, truncate};

pub const AFTER_HELP: &str = "\
Items are matched by id within each kind and every field is merged on its own:
a field one side changed takes that change; lists (tactics, personas, USPs, ...)
keep both sides' additions and removals; notes and descriptions merge line by
line; items added on both sides are both kept, near their neighbours.

Conflicts: a field changed differently on both sides, an item deleted on one
side and edited (or still referred to) on the other, the same new id with
different content, anything the merged map would fail validation on. The
result is still written, canonical, with each conflicting field between
markers that name it (`<<<<<<< ours: touchpoint ad-office-coffee, cta`);
`journeymap validate` lists them all.

Exit status: 0 merged cleanly, 1 conflicts (the result is written), 2 an input
could not be read or parsed (nothing is written: OURS is left as it was).

As git's merge driver, with `*.ron merge=journeymap` in .gitattributes:
  git config merge.journeymap.name \"journeymap map merge\"
  git config merge.journeymap.driver \"journeymap merge %O %A %B -o %A --path %P\"

Examples:
  journeymap merge base.ron ours.ron theirs.ron -o merged.ron
  journeymap merge base.ron ours.ron theirs.ron > merged.ron";

#[derive(Debug, clap::Args)]
pub struct MergeArgs {
    /// The version both sides started from (git's %O); an empty file is an
    /// empty map (the file was added on both sides)
    pub base: PathBuf,
    /// Our version (git's %A)
    pub ours: PathBuf,
    /// Their version (git's %B)
    pub theirs: PathBuf,
    /// Where to write the merged map (default: standard output)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The file's path in the repository (git's %P), to name it in messages
    #[arg(long, value_name = "NAME")]
    pub path: Option<String>,
}

/// Values longer than this are cut in the report (the file has them whole).
const VALUE_WIDTH: usize = 72;

pub fn run(args: &MergeArgs) -> u8 {
    let shown = args.path.clone().unwrap_or_else(|| store::origin_of(&args.ours));
    // Errors name the file in the repository, not git's temporary copies.
    let origin = |side: Side, path: &Path| match &args.path {
        Some(name) => format!("{name} ({})", side.word()),
        None => store::origin_of(path),
    };
    let inputs = [
        (Side::Base, args.base.as_path()),
        (Side::Ours, args.ours.as_path()),
        (Side::Theirs, args.theirs.as_path()),
    ];
    if inputs.iter().filter(|(_, path)| path.as_os_str() == "-").count() > 1 {
        crate::errln!("error: only one of BASE, OURS and THEIRS can be `-` (standard input)");
        return EXIT_ERROR;
    }
    // Ours is read whole; base and theirs are then read beside it, side by
    // side, keeping only the items that differ from ours's: a large map is
    // held about once, not three times. Where ours cannot be read, they are
    // read whole, to report what is wrong with them too.
    let ours = load_side(Side::Ours, &args.ours, &origin(Side::Ours, &args.ours));
    let beside = ours.as_ref().ok().map(|(map, _)| (map, MapIndex::new(map)));
    let [base, theirs] = std::thread::scope(|scope| {
        [(Side::Base, &args.base), (Side::Theirs, &args.theirs)]
            .map(|(side, path)| {
                let origin = origin(side, path);
                let beside = beside.as_ref().map(|(map, index)| (*map, index));
                (
                    side,
                    path,
                    scope.spawn(move || read_beside(side, path, &origin, beside)),
                )
            })
            .map(|(side, path, handle)| {
                handle.join().unwrap_or_else(|_| {
                    Err(LoadError::unreadable(
                        &origin(side, path),
                        "reading the file failed".to_string(),
                        String::new(),
                    ))
                })
            })
    });
    drop(beside);
    let (base, ours, theirs) = match (base, ours, theirs) {
        (Ok(base), Ok(ours), Ok(theirs)) => (base, ours, theirs),
        (base, ours, theirs) => {
            for e in [base.err(), ours.err(), theirs.err()].into_iter().flatten() {
                crate::err!("{e}");
            }
            crate::errln!(
                "journeymap merge of {}: not merged, {} is left as it was",
                sanitize(&shown),
                sanitize(&store::origin_of(&args.ours))
            );
            return EXIT_ERROR;
        }
    };
    let comments = merge_comments(&base.1, &ours.1, &theirs.1);
    let merged = merge_beside_ours(&base.0, ours.0, &theirs.0);
    // The versions are let go before the merge is written, and it is
    // written as it is made.
    drop((base, theirs));
    let write = |writer: &mut dyn std::io::Write| {
        store::write_canonical_with_conflicts(&merged.map, &merged.conflicts, &comments, writer)
    };
    match &args.output {
        Some(path) => {
            if let Err(e) = store::write_atomically_with(path, write) {
                crate::errln!(
                    "error: cannot write {}: {e}\n  = help: check the disk space and the file's permissions",
                    sanitize(&path.display().to_string())
                );
                return EXIT_ERROR;
            }
        }
        None => {
            if let Err(e) = write(&mut std::io::stdout().lock())
                && let Some(message) = output_failure(&e)
            {
                crate::errln!("{message}");
            }
        }
    }
    if merged.is_clean() {
        return EXIT_OK;
    }
    crate::err!("{}", report(&merged, &shown));
    EXIT_FINDINGS
}

/// Reads base or theirs beside ours (`beside`: ours and its index),
/// keeping only the items that differ from ours's; whole where it cannot be
/// read a piece at a time (standard input, comments) or ours is missing.
fn read_beside(
    side: Side,
    path: &Path,
    origin: &str,
    beside: Option<(&JourneyMap, &MapIndex)>,
) -> Result<(Thinned, Comments), LoadError> {
    if let Some((ours, index)) = beside
        && path.as_os_str() != "-"
    {
        let mut sifter = Sifter::new(ours, index);
        let read = store::read_sifted(path, &mut |map, kind| sifter.sift(map, kind));
        if let Some(thinned) = read.and_then(|(map, _)| sifter.finish(map))
            && !thinned.repeats_an_id(ours, index)
        {
            return Ok((thinned, Comments::default()));
        }
    }
    let (map, comments) = load_side(side, path, origin)?;
    Ok((Thinned::whole(map), comments))
}

/// Reads one version and its comments. An empty base is an empty map: git
/// passes one when both sides added the file. A version with an id twice is
/// refused, since items are matched by id.
fn load_side(side: Side, path: &Path, origin: &str) -> Result<(JourneyMap, Comments), LoadError> {
    // Read a piece at a time where it can be (a file without comments, that
    // parses): its whole text is then never held beside the map.
    if path.as_os_str() != "-"
        && let Some((map, _)) = store::read_sifted(path, &mut |_, _| ())
        && !repeats_an_id(&map)
    {
        return Ok((map, Comments::default()));
    }
    let bytes = store::read_limited(path).map_err(|mut e| {
        origin.clone_into(&mut e.origin);
        e
    })?;
    let text = store::decode_owned(bytes, origin)?;
    if side == Side::Base && text.trim().is_empty() {
        return Ok((JourneyMap::default(), Comments::default()));
    }
    let map = store::parse_unvalidated(&text, origin)?;
    if repeats_an_id(&map) {
        // parse_str reports every problem, located in the file.
        return Err(store::parse_str(&text, origin)
            .err()
            .unwrap_or_else(|| LoadError::invalid(origin, Vec::new())));
    }
    Ok((map, store::comments_of(&text)))
}

/// The conflicts in words, for standard error: each by item and field,
/// with its versions.
pub fn report(merged: &Merged, shown: &str) -> String {
    let n = merged.conflicts.len();
    let mut out = format!(
        "journeymap merge of {}: {n} conflict{}, marked in the file\n",
        sanitize(shown),
        if n == 1 { "" } else { "s" }
    );
    for conflict in &merged.conflicts {
        out.push_str(&describe(conflict));
    }
    out.push_str(
        "  = help: `journeymap validate FILE` lists them again; keep one side of each <<<<<<< ... >>>>>>> block\n",
    );
    out
}

fn describe(conflict: &Conflict) -> String {
    let name = if conflict.name.is_empty() {
        String::new()
    } else {
        format!(" ({})", sanitize(&truncate(&conflict.name, 40)))
    };
    let what = match (conflict.kind(), conflict.field()) {
        (None, Some(field)) => format!("map, {}", field.name),
        (Some(kind), Some(field)) => format!("{} `{}`{name}, {}", kind.noun(), sanitize(conflict.id()), field.name),
        (Some(kind), None) => format!("{} `{}`{name}", kind.noun(), sanitize(conflict.id())),
        (None, None) => "map".to_string(),
    };
    let mut out = format!("  {what}: {}\n", sanitize(&conflict.describe_cause()));
    if let Versions::Field {
        field,
        base,
        ours,
        theirs,
    } = &conflict.versions
    {
        if matches!(conflict.cause, Cause::Invalid { .. }) && ours == theirs {
            return out;
        }
        let line = |side: &str, value: &str| format!("      {side:<7}{}\n", sanitize(&truncate(value, VALUE_WIDTH)));
        match base {
            Some(base) => out.push_str(&line("base", &base.describe(field))),
            None => out.push_str(&line("base", "(not in base)")),
        }
        out.push_str(&line("ours", &ours.describe(field)));
        out.push_str(&line("theirs", &theirs.describe(field)));
    }
    out
}
