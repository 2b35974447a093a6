#![allow(clippy::unwrap_used, clippy::expect_used)]
//! `journeymap merge` by hand: where the result goes, exit statuses, and
//! inputs that cannot be merged.

use std::path::Path;
use std::process::{Command, Output};
use std::time::Duration;

use crate::common::run_with_limit;

use journeymap::model::{JourneyMap, Touchpoint};
use journeymap::store::{parse_str, to_canonical};

const BASE: &str = "tests/fixtures/merge/office-coffee.ron";

fn base_map() -> JourneyMap {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(BASE);
    parse_str(&std::fs::read_to_string(path).unwrap(), BASE).unwrap()
}

fn journeymap(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_journeymap"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

/// base.ron, ours.ron and theirs.ron in a new folder.
fn versions(ours: impl Fn(&mut JourneyMap), theirs: impl Fn(&mut JourneyMap)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, edit) in [("ours.ron", &ours as &dyn Fn(&mut JourneyMap)), ("theirs.ron", &theirs)] {
        let mut map = base_map();
        edit(&mut map);
        std::fs::write(dir.path().join(name), to_canonical(&map)).unwrap();
    }
    std::fs::write(dir.path().join("base.ron"), to_canonical(&base_map())).unwrap();
    dir
}

fn add(id: &'static str) -> impl Fn(&mut JourneyMap) {
    move |map: &mut JourneyMap| {
        map.touchpoints.push(Box::new(Touchpoint {
            id: id.into(),
            name: id.into(),
            stage: "aware".into(),
            ..Touchpoint::default()
        }));
    }
}

#[test]
fn a_clean_merge_goes_to_standard_output_or_to_the_output_file() {
    let dir = versions(add("a"), add("b"));
    let out = journeymap(dir.path(), &["merge", "base.ron", "ours.ron", "theirs.ron"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty());
    let mut expected = base_map();
    add("a")(&mut expected);
    add("b")(&mut expected);
    assert_eq!(String::from_utf8(out.stdout).unwrap(), to_canonical(&expected));

    let out = journeymap(
        dir.path(),
        &["merge", "base.ron", "ours.ron", "theirs.ron", "-o", "merged.ron"],
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    let written = std::fs::read_to_string(dir.path().join("merged.ron")).unwrap();
    assert_eq!(written, to_canonical(&expected));
}

#[test]
fn a_merge_that_cannot_be_written_out_says_so_and_fails() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return; // not a Linux-like system
    };
    let dir = versions(add("a"), add("b"));
    let out = Command::new(env!("CARGO_BIN_EXE_journeymap"))
        .args(["merge", "base.ron", "ours.ron", "theirs.ron"])
        .current_dir(dir.path())
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "a merge lost on the way out is not a success"
    );
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("cannot write the output"), "{said}");
    // Ours is untouched: only -o writes a file.
    assert_eq!(std::fs::read_to_string(dir.path().join("ours.ron")).unwrap(), {
        let mut ours = base_map();
        add("a")(&mut ours);
        to_canonical(&ours)
    });
}

#[test]
fn conflicts_exit_1_with_the_result_written_and_reported() {
    let dir = versions(
        |map| map.touchpoints[0].cta = "Book".into(),
        |map| map.touchpoints[0].cta = "Try".into(),
    );
    let out = journeymap(
        dir.path(),
        &["merge", "base.ron", "ours.ron", "theirs.ron", "-o", "ours.ron"],
    );
    assert_eq!(out.status.code(), Some(1));
    let report = String::from_utf8(out.stderr).unwrap();
    assert!(
        report.starts_with("journeymap merge of ours.ron: 1 conflict, marked in the file\n  touchpoint `ad-office-coffee` (Ad: office coffee), cta: changed differently on both sides\n"),
        "{report}"
    );
    let written = std::fs::read_to_string(dir.path().join("ours.ron")).unwrap();
    assert!(
        written.contains(">>>>>>> theirs: touchpoint ad-office-coffee, cta\n"),
        "{written}"
    );
    let validate = journeymap(dir.path(), &["validate", "ours.ron"]);
    assert_eq!(validate.status.code(), Some(1));
}

#[test]
fn an_empty_base_is_a_file_added_on_both_sides() {
    let dir = versions(add("a"), add("b"));
    std::fs::write(dir.path().join("base.ron"), "").unwrap();
    let out = journeymap(dir.path(), &["merge", "base.ron", "ours.ron", "theirs.ron"]);
    // Both added the same items, and a different last touchpoint.
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let merged = parse_str(&String::from_utf8(out.stdout).unwrap(), "merged").unwrap();
    let ids: Vec<&str> = merged.touchpoints.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["ad-office-coffee", "welcome-email", "a", "b"]);
}

#[test]
fn inputs_that_cannot_be_merged_exit_2_and_leave_ours_alone() {
    let dir = versions(add("a"), add("b"));
    let ours_before = std::fs::read(dir.path().join("ours.ron")).unwrap();
    let missing = journeymap(
        dir.path(),
        &[
            "merge",
            "base.ron",
            "ours.ron",
            "gone.ron",
            "-o",
            "ours.ron",
            "--path",
            "maps/x.ron",
        ],
    );
    assert_eq!(missing.status.code(), Some(2));
    let said = String::from_utf8(missing.stderr).unwrap();
    assert!(said.contains("--> maps/x.ron (theirs)"), "{said}");
    assert!(
        said.contains("journeymap merge of maps/x.ron: not merged, ours.ron is left as it was"),
        "{said}"
    );

    // An id twice: items could not be matched.
    let mut twice = base_map();
    twice.touchpoints.push(twice.touchpoints[0].clone());
    std::fs::write(dir.path().join("twice.ron"), to_canonical(&twice)).unwrap();
    let duplicate = journeymap(
        dir.path(),
        &["merge", "twice.ron", "ours.ron", "theirs.ron", "-o", "ours.ron"],
    );
    assert_eq!(duplicate.status.code(), Some(2));
    let said = String::from_utf8(duplicate.stderr).unwrap();
    assert!(said.contains("is used by more than one touchpoint"), "{said}");

    let two_stdins = journeymap(dir.path(), &["merge", "-", "-", "theirs.ron"]);
    assert_eq!(two_stdins.status.code(), Some(2));
    assert_eq!(std::fs::read(dir.path().join("ours.ron")).unwrap(), ours_before);
}

/// Base and theirs given as files are read beside ours, keeping only the
/// items that differ from ours's; from standard input they are read whole.
/// Both give the same merge: the same file, conflicts and exit status.
#[test]
fn versions_read_beside_ours_merge_as_versions_read_whole() {
    let dir = versions(
        |map| {
            map.touchpoints[0].name = "Ours's ad".into();
            map.touchpoints[1].notes = "Sent on Mondays".into();
            map.stages[1].name = "Buy".into();
            add("ours-new")(map);
        },
        |map| {
            // A conflict with ours, an edit of what ours left alone, a
            // reference to a tactic no version has (the merged map fails
            // validation on it) and an item added.
            map.touchpoints[0].name = "Their ad".into();
            map.touchpoints[1].tactics.push("ghost".into());
            map.stages[0].name = "Notice".into();
            add("theirs-new")(map);
        },
    );
    let from_files = journeymap(dir.path(), &["merge", "base.ron", "ours.ron", "theirs.ron"]);
    assert_eq!(from_files.status.code(), Some(1));
    let said = String::from_utf8(from_files.stderr.clone()).unwrap();
    assert!(said.contains("2 conflicts") && said.contains("`ghost`"), "{said}");
    let merged = String::from_utf8(from_files.stdout.clone()).unwrap();
    for text in ["Buy", "Notice", "Sent on Mondays", "ours-new", "theirs-new"] {
        assert!(merged.contains(text), "{text} is not in\n{merged}");
    }
    for (args, input) in [
        (["merge", "-", "ours.ron", "theirs.ron"], "base.ron"),
        (["merge", "base.ron", "ours.ron", "-"], "theirs.ron"),
    ] {
        let mut command = Command::new(env!("CARGO_BIN_EXE_journeymap"));
        command.args(args).current_dir(dir.path());
        let whole = run_with_limit(command, Some(&dir.path().join(input)), Duration::from_secs(60));
        assert_eq!(whole.code(), from_files.status.code(), "{args:?}");
        assert_eq!(whole.stdout_text(), merged, "{args:?}");
        assert_eq!(whole.stderr_text(), said, "{args:?}");
    }
}
