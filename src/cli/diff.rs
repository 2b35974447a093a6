//! `journeymap diff`: a semantic diff of two maps, usable by hand and as a
//! git external diff driver.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::output::{ColourChoice, colour_for, reader_width};
use super::{EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, print_out};
use crate::analysis::diff::{MapDiff, diff_maps, diff_thinned};
use crate::analysis::thinned::Sifter;
use crate::export::diff::{to_markdown, to_text};
use crate::model::{JourneyMap, MapIndex, ProblemKind, validate};
use crate::store::{self, FileStamp, LoadError};
use crate::text::{sanitize, sanitize_multiline};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    /// Plain text for a terminal or a pager
    #[default]
    Text,
    /// Markdown for a pull-request comment
    Markdown,
}

pub const AFTER_HELP: &str = "\
Items are matched by id, so formatting, comments and field order are not changes;
renames, touchpoints moved to another stage, list entries added or removed
(removed first, so a reworded entry reads `- old` then `+ new`) and reordered
lists are. Either side may be `-` (standard input) or /dev/null (no map:
everything is added or removed). Colour only on a terminal and without NO_COLOR.

Exit status: 0 no differences, 1 differences, 2 a file could not be read or parsed.
Called by git (seven or nine arguments) it always exits 0, because git stops with
\"external diff died\" at any other status.

Use it for `git diff` in a repository of maps:
  echo '*.ron diff=journeymap' >> .gitattributes
  git config diff.journeymap.command \"journeymap diff\"
`git log -p` and `git show` use it only with --ext-diff; `git diff --no-ext-diff`
gives the usual line diff (e.g. for patches). If a version cannot be parsed, the
line diff is shown instead.

Alternative: line diffs of the canonical form (comments and layout ignored), which
`git log -p` and `git show` use too, but which stop git at a version that does not parse:
  git config diff.journeymap.textconv \"journeymap fmt - <\"

Examples:
  journeymap diff old.ron new.ron
  git show main:maps/launch.ron | journeymap diff - maps/launch.ron
  journeymap diff --format markdown old.ron new.ron > comment.md";

/// How the diff is shown: its format, and when to colour it.
#[derive(Debug, Clone, Copy)]
pub struct Look {
    pub format: DiffFormat,
    pub colour: ColourChoice,
}

pub fn run(args: &[PathBuf], look: Look) -> u8 {
    match args {
        [old, new] => by_hand(old, new, look),
        [path, old, _, _, new, _, _] => as_git_driver(path, path, old, new, look),
        // A rename: git adds the new path and a description of the rename.
        [path, old, _, _, new, _, _, new_path, _] => as_git_driver(path, new_path, old, new, look),
        // git passes only the path of an unmerged file.
        [path] if std::env::var_os("GIT_DIFF_PATH_COUNTER").is_some() => {
            print_out(&format!(
                "journeymap diff of {}: unmerged, resolve the conflict first\n",
                sanitize(&path.display().to_string())
            ));
            EXIT_OK
        }
        _ => {
            crate::errln!(
                "error: `journeymap diff` compares two files, OLD and NEW; it got {}\n  = help: journeymap diff old.ron new.ron",
                args.len()
            );
            EXIT_ERROR
        }
    }
}

/// A map and how many validation problems it has (which do not stop a diff).
struct Side {
    map: JourneyMap,
    problems: usize,
    /// The stamp of the file, when it was read a piece at a time (and so
    /// can be again); `None` for a file read whole, /dev/null, standard
    /// input and pipes.
    stamp: Option<FileStamp>,
}

/// Reads one side. /dev/null is the empty map (a file git adds or deletes).
/// Validation problems are tolerated, since a diff of a map with a dangling
/// reference is still useful, except duplicated ids: matching by id would be
/// ambiguous.
fn load_side(path: &Path, origin: &str) -> Result<Side, LoadError> {
    if path == Path::new("/dev/null") {
        return Ok(Side {
            map: JourneyMap::default(),
            problems: 0,
            stamp: None,
        });
    }
    // A file read in pieces can be read so again, keeping only what changed
    // (see [`Old`]); one read whole (with comments, say) is kept whole.
    let in_pieces = if path.as_os_str() == "-" {
        None
    } else {
        store::read_sifted(path, &mut |_, _| ())
    };
    // Read whole, the text is kept to point at repeated ids: standard
    // input and pipes cannot be read again.
    let (map, stamp, text) = match in_pieces {
        Some((map, stamp)) => (map, Some(stamp), None),
        None => {
            let text = store::decode_owned(store::read_limited(path)?, origin)?;
            (store::parse_unvalidated(&text, origin)?, None, Some(text))
        }
    };
    let problems = validate(&map);
    if problems.iter().any(|p| p.kind == ProblemKind::DuplicateId) {
        drop(map);
        // parse_str reports every problem, located in the file.
        let text = match text {
            Some(text) => text,
            None => store::decode_owned(store::read_limited(path)?, origin)?,
        };
        let map = store::parse_str(&text, origin)?;
        return Ok(Side {
            map,
            problems: 0,
            stamp: None,
        });
    }
    Ok(Side {
        map,
        problems: problems.len(),
        stamp,
    })
}

/// The old version as compared: whole, or let go once read and checked,
/// to be read again without what the new version holds unchanged.
enum Old {
    Whole(Box<JourneyMap>),
    /// The file's stamp, and the format its whole map needs (the items
    /// left out on the second reading count toward it).
    ReadAgain(FileStamp, u32),
}

impl Old {
    /// Lets a file's map go until the new version is read, so that two
    /// whole maps are never held at once; what cannot be read again in
    /// pieces is kept.
    fn of(side: Side) -> Old {
        match side.stamp {
            Some(stamp) => Old::ReadAgain(stamp, side.map.format),
            None => Old::Whole(Box::new(side.map)),
        }
    }

    /// The differences from it to `new`.
    fn diff(self, path: &Path, origin: &str, new: &JourneyMap) -> Result<MapDiff, LoadError> {
        let (stamp, format) = match self {
            Old::Whole(old) => return Ok(diff_maps(&old, new)),
            Old::ReadAgain(stamp, format) => (stamp, format),
        };
        let index = MapIndex::new(new);
        // Each item as it is read: let go when the new version holds it
        // unchanged, its place noted.
        let mut sifter = Sifter::new(new, &index);
        let thinned = match store::read_sifted(path, &mut |map, kind| sifter.sift(map, kind)) {
            Some((mut map, again)) if again == stamp => {
                map.format = format;
                sifter.finish(map)
            }
            _ => None,
        };
        match thinned {
            Some(thinned) => Ok(diff_thinned(&thinned, new, index)),
            // Changed since, or not to be read in pieces: read it whole.
            None => {
                let old = load_side(path, origin)?;
                Ok(diff_maps(&old.map, new))
            }
        }
    }
}

fn origin_of(path: &Path) -> String {
    if path.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

fn by_hand(old: &Path, new: &Path, look: Look) -> u8 {
    if old.as_os_str() == "-" && new.as_os_str() == "-" {
        crate::errln!("error: only one side can be `-` (standard input)\n  = help: give the other side as a file");
        return EXIT_ERROR;
    }
    let (old_origin, new_origin) = (origin_of(old), origin_of(new));
    let noted = |side: Side, origin: &str| {
        if side.problems > 0 {
            crate::errln!(
                "note: {} has {} problem(s), compared anyway\n  = help: `journeymap validate {}` lists them",
                sanitize(origin),
                side.problems,
                sanitize(origin)
            );
        }
        side
    };
    let compared = load_side(old, &old_origin)
        .map(|side| Old::of(noted(side, &old_origin)))
        .and_then(|old_version| {
            let new_side = noted(load_side(new, &new_origin)?, &new_origin);
            old_version.diff(old, &old_origin, &new_side.map)
        });
    let diff = match compared {
        Ok(diff) => diff,
        Err(e) => {
            crate::err!("{e}");
            return EXIT_ERROR;
        }
    };
    if diff.is_empty() {
        return EXIT_OK;
    }
    print_out(&render(&diff, &old_origin, &new_origin, look));
    EXIT_FINDINGS
}

fn render(diff: &MapDiff, old_label: &str, new_label: &str, look: Look) -> String {
    match look.format {
        DiffFormat::Text => to_text(diff, old_label, new_label, colour_for(look.colour), reader_width()),
        DiffFormat::Markdown => to_markdown(diff, old_label, new_label),
    }
}

/// git calls `command path old-file old-hex old-mode new-file new-hex new-mode`.
/// Whatever happens, exit 0: git treats any other status as a fatal error
/// and stops the whole `git diff`.
fn as_git_driver(path: &Path, new_path: &Path, old: &Path, new: &Path, look: Look) -> u8 {
    let shown = path.display().to_string();
    let new_shown = new_path.display().to_string();
    let label = if shown == new_shown {
        shown.clone()
    } else {
        format!("{shown} → {new_shown}")
    };
    // git runs the driver once per file into one pager: a blank line between files.
    let later_file = std::env::var("GIT_DIFF_PATH_COUNTER").is_ok_and(|n| n != "1");
    if later_file {
        print_out("\n");
    }
    // Errors name the path in the repository, not git's temporary file.
    let old_origin = format!("{shown} (old version)");
    let old_side = load_side(old, &old_origin).map(Old::of);
    let new_side = load_side(new, &format!("{new_shown} (new version)"));
    let compared = match (old_side, new_side) {
        (Ok(a), Ok(b)) => a.diff(old, &old_origin, &b.map).map_err(|e| (Some(e), None)),
        (a, b) => Err((a.err(), b.err())),
    };
    match compared {
        Ok(diff) => {
            if diff.is_empty() {
                print_out(&format!(
                    "journeymap diff of {}: no changes to the map (only formatting or comments)\n",
                    sanitize(&label)
                ));
            } else {
                print_out(&render(&diff, &shown, &new_shown, look));
            }
        }
        Err((old_error, new_error)) => {
            let mut out = format!(
                "journeymap diff of {}: cannot compare the maps item by item\n",
                sanitize(&label)
            );
            for e in [old_error, new_error].into_iter().flatten() {
                out.push_str(&e.to_string());
            }
            match line_diff(old, new) {
                Some(lines) => {
                    out.push_str(&format!(
                        "\nLine diff instead:\n--- a/{}\n+++ b/{}\n{lines}",
                        sanitize(&shown),
                        sanitize(&new_shown)
                    ));
                }
                None => out.push_str("\nUse `git diff --no-ext-diff` to see the line diff.\n"),
            }
            print_out(&out);
        }
    }
    EXIT_OK
}

/// The hunks of git's own line diff of two files, made safe to print.
fn line_diff(old: &Path, new: &Path) -> Option<String> {
    let output = Command::new("git")
        .args([
            "diff",
            "--no-index",
            "--no-ext-diff",
            "--no-textconv",
            "--no-color",
            "--",
        ])
        .arg(old)
        .arg(new)
        .output()
        .ok()?;
    // `git diff --no-index` exits 1 when the files differ.
    if !matches!(output.status.code(), Some(0 | 1)) {
        return None;
    }
    let text = String::from_utf8_lossy(&output.stdout);
    // git's header names its temporary files; ours names the repository path.
    let hunks = text.find("\n@@").map(|at| &text[at + 1..])?;
    Some(sanitize_multiline(hunks).into_owned())
}
