#![allow(clippy::unwrap_used, clippy::expect_used)]
//! `journeymap merge` as git's merge driver, configured as the README says,
//! through real `git merge` in throwaway repositories: each scenario two
//! people meet when they share a map, the clean ones asserting the exact
//! merged map, the conflicts asserting the exit status, the markers and
//! their labels.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use journeymap::model::{JourneyMap, Persona, Touchpoint};
use journeymap::store::{parse_str, to_canonical};

const BASE: &str = "tests/fixtures/merge/office-coffee.ron";
const MAP: &str = "maps/office-coffee.ron";

fn base_map() -> JourneyMap {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(BASE);
    parse_str(&std::fs::read_to_string(path).unwrap(), BASE).unwrap()
}

/// git with only the settings of the repository, in `repo`.
fn git(repo: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.com"])
        .args([
            "-c",
            "core.pager=cat",
            "-c",
            "color.ui=never",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(repo)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", repo.join("no-global-config"))
        .env("HOME", repo)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .output()
        .expect("git must be installed to run this test")
}

fn ok(output: Output) -> String {
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        output.status.success(),
        "git failed ({:?}):\n{stdout}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

/// The README, read at the time of the test.
fn readme() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap()
}

/// The value of `git config KEY "VALUE"` as the README writes it.
fn readme_setting(key: &str) -> String {
    let prefix = format!("git config {key} \"");
    let readme = readme();
    let line = readme
        .lines()
        .find_map(|line| line.strip_prefix(prefix.as_str()))
        .unwrap_or_else(|| panic!("the README sets no {key}"));
    line.strip_suffix('"').unwrap().to_string()
}

/// The README's settings, with the binary under test for `journeymap`.
fn configure_driver(repo: &Path) {
    let binary = format!("'{}'", env!("CARGO_BIN_EXE_journeymap"));
    for key in [
        "merge.journeymap.name",
        "merge.journeymap.driver",
        "diff.journeymap.command",
    ] {
        let value = readme_setting(key);
        let value = match value.strip_prefix("journeymap ") {
            Some(rest) => format!("{binary} {rest}"),
            None => value,
        };
        ok(git(repo, &["config", key, &value]));
    }
}

/// The README's line for `.gitattributes`.
fn readme_attributes() -> String {
    let readme = readme();
    let line = readme.lines().find(|line| line.starts_with("*.ron ")).unwrap();
    format!("{line}\n")
}

#[test]
fn the_readme_configures_the_drivers_as_documented() {
    assert_eq!(readme_setting("merge.journeymap.name"), "journeymap map merge");
    assert_eq!(
        readme_setting("merge.journeymap.driver"),
        "journeymap merge %O %A %B -o %A --path %P"
    );
    assert_eq!(
        readme_attributes(),
        "*.ron text eol=lf diff=journeymap merge=journeymap\n"
    );
}

/// A repository whose `main` holds the base map, with the driver set up
/// (or not, to compare with git's own line merge).
fn repository(with_driver: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    ok(git(repo, &["init", "-q"]));
    if with_driver {
        configure_driver(repo);
    }
    std::fs::create_dir(repo.join("maps")).unwrap();
    std::fs::write(repo.join(MAP), to_canonical(&base_map())).unwrap();
    std::fs::write(repo.join(".gitattributes"), readme_attributes()).unwrap();
    ok(git(repo, &["add", "."]));
    ok(git(repo, &["commit", "-q", "-m", "Base"]));
    dir
}

/// What `git merge` did, and the map file after it.
struct Merge {
    status: Option<i32>,
    output: String,
    file: String,
    _dir: tempfile::TempDir,
    repo: PathBuf,
}

/// Commits `theirs` on a branch and `ours` on main, each made from the base
/// map, then merges the branch into main.
fn merge(ours: impl Fn(&mut JourneyMap), theirs: impl Fn(&mut JourneyMap), with_driver: bool) -> Merge {
    let dir = repository(with_driver);
    let repo = dir.path().to_path_buf();
    let write = |edit: &dyn Fn(&mut JourneyMap), message: &str| {
        let mut map = base_map();
        edit(&mut map);
        map.settle_format();
        std::fs::write(repo.join(MAP), to_canonical(&map)).unwrap();
        ok(git(&repo, &["commit", "-q", "-a", "-m", message]));
    };
    ok(git(&repo, &["checkout", "-q", "-b", "theirs"]));
    write(&theirs, "Theirs");
    ok(git(&repo, &["checkout", "-q", "main"]));
    write(&ours, "Ours");
    let output = git(&repo, &["merge", "--no-edit", "theirs"]);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    Merge {
        status: output.status.code(),
        output: text,
        file: std::fs::read_to_string(repo.join(MAP)).unwrap(),
        _dir: dir,
        repo,
    }
}

/// The merge must succeed and give exactly the base map with `expected`'s edits.
fn assert_clean(merge: &Merge, expected: impl Fn(&mut JourneyMap)) {
    assert_eq!(merge.status, Some(0), "{}", merge.output);
    let mut map = base_map();
    expected(&mut map);
    map.settle_format();
    assert_eq!(merge.file, to_canonical(&map), "{}", merge.output);
    // Committed, nothing left over.
    let status = ok(git(&merge.repo, &["status", "--porcelain"]));
    assert_eq!(status, "", "{status}");
}

fn touchpoint(id: &str, stage: &str) -> Touchpoint {
    Touchpoint {
        id: id.into(),
        name: format!("Touchpoint {id}"),
        stage: stage.into(),
        ..Touchpoint::default()
    }
}

fn persona(id: &str) -> Persona {
    Persona {
        id: id.into(),
        name: format!("Persona {id}"),
        segment: "offices".into(),
        ..Persona::default()
    }
}

fn add_tasting(map: &mut JourneyMap) {
    map.touchpoints.push(Box::new(touchpoint("office-tasting", "aware")));
}

fn add_referral(map: &mut JourneyMap) {
    map.touchpoints.push(Box::new(touchpoint("referral-card", "convert")));
}

#[test]
fn both_add_a_touchpoint() {
    let merged = merge(add_tasting, add_referral, true);
    assert_clean(&merged, |map| {
        add_tasting(map);
        add_referral(map);
    });
    // git's own line merge stops at this: both added at the end of one list.
    let line_merge = merge(add_tasting, add_referral, false);
    assert_eq!(line_merge.status, Some(1), "{}", line_merge.output);
    assert!(line_merge.file.contains("<<<<<<< HEAD"), "{}", line_merge.file);
}

#[test]
fn both_add_a_persona() {
    let ours = |map: &mut JourneyMap| map.personas.push(persona("daniel"));
    let theirs = |map: &mut JourneyMap| map.personas.push(persona("priya"));
    assert_clean(&merge(ours, theirs, true), |map| {
        ours(map);
        theirs(map);
    });
}

#[test]
fn both_add_a_usp_to_the_same_segment() {
    let ours = |map: &mut JourneyMap| map.segments[0].usps.push("Roasted this week".into());
    let theirs = |map: &mut JourneyMap| map.segments[0].usps.push("No contract".into());
    assert_clean(&merge(ours, theirs, true), |map| {
        ours(map);
        theirs(map);
    });
}

#[test]
fn different_fields_of_one_touchpoint() {
    let ours = |map: &mut JourneyMap| map.touchpoints[0].cta = "Book a tasting".into();
    let theirs = |map: &mut JourneyMap| {
        map.touchpoints[0].owner = "Performance marketing".into();
        map.touchpoints[0].tactics.push("fair".into());
    };
    assert_clean(&merge(ours, theirs, true), |map| {
        ours(map);
        theirs(map);
    });
}

#[test]
fn different_tactics_planned_on_one_stage() {
    let ours = |map: &mut JourneyMap| map.stages[0].tactics.push("email".into());
    let theirs = |map: &mut JourneyMap| map.stages[0].tactics.push("fair".into());
    let merged = merge(ours, theirs, true);
    assert_clean(&merged, |map| {
        ours(map);
        theirs(map);
    });
    assert!(
        merged.file.contains("tactics: [\"search-ads\", \"email\", \"fair\"],"),
        "{}",
        merged.file
    );
}

#[test]
fn notes_edited_on_different_lines() {
    let ours = |map: &mut JourneyMap| map.stages[1].notes = "Budget: 12k\nOwner: Mia\nReview in May".into();
    let theirs = |map: &mut JourneyMap| map.stages[1].notes = "Budget: 10k\nOwner: Mia\nReview in June".into();
    assert_clean(&merge(ours, theirs, true), |map| {
        map.stages[1].notes = "Budget: 12k\nOwner: Mia\nReview in June".into();
    });
}

/// The map file must not load, and `journeymap validate` must list each
/// of `expected` (messages) with its line.
fn assert_validate_lists(merge: &Merge, expected: &[&str]) {
    let output = Command::new(env!("CARGO_BIN_EXE_journeymap"))
        .args(["validate", MAP])
        .current_dir(&merge.repo)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let errors = String::from_utf8(output.stderr).unwrap();
    let listed: Vec<&str> = errors.lines().filter_map(|l| l.strip_prefix("error: ")).collect();
    assert_eq!(listed, expected, "{errors}");
    assert!(!errors.contains("expected"), "no syntax error: {errors}");
}

#[test]
fn a_persona_deleted_on_one_side_and_assigned_on_the_other_is_a_conflict() {
    let ours = |map: &mut JourneyMap| {
        map.personas.clear();
        map.touchpoints[0].personas.clear();
    };
    let theirs = |map: &mut JourneyMap| {
        let mut visit = touchpoint("office-visit", "convert");
        visit.personas = vec!["maya".into()];
        map.touchpoints.push(Box::new(visit));
    };
    let merged = merge(ours, theirs, true);
    assert_eq!(merged.status, Some(1), "{}", merged.output);
    assert!(
        merged
            .output
            .contains("CONFLICT (content): Merge conflict in maps/office-coffee.ron"),
        "{}",
        merged.output
    );
    // The driver's report, naming the repository's path.
    assert!(
        merged.output.contains(
            "journeymap merge of maps/office-coffee.ron: 1 conflict, marked in the file\n  persona `maya` (Maya, office manager): deleted in ours, still referred to by touchpoint `office-visit` (personas)\n"
        ),
        "{}",
        merged.output
    );
    let block = "    personas: [\n<<<<<<< ours: persona maya (deleted)\n||||||| base: persona maya\n        Persona(\n            id: \"maya\",\n            name: \"Maya, office manager\",\n            segment: \"offices\",\n        ),\n=======\n        Persona(\n            id: \"maya\",\n            name: \"Maya, office manager\",\n            segment: \"offices\",\n        ),\n>>>>>>> theirs: persona maya\n    ],\n";
    assert!(merged.file.contains(block), "{}", merged.file);
    // Everything clean is merged: the new touchpoint is there, the other one lost maya.
    assert!(merged.file.contains("id: \"office-visit\""), "{}", merged.file);
    assert_eq!(
        merged.file.matches("personas: [\"maya\"]").count(),
        1,
        "{}",
        merged.file
    );
    assert_validate_lists(
        &merged,
        &["merge conflict over persona `maya` (Maya, office manager): deleted in ours, kept in the other side"],
    );
    // git knows the file is unmerged.
    let status = ok(git(&merged.repo, &["status", "--porcelain"]));
    assert!(status.contains("UU maps/office-coffee.ron"), "{status}");
}

#[test]
fn the_same_new_id_with_different_content_is_a_conflict() {
    let ours = |map: &mut JourneyMap| {
        let mut webinar = touchpoint("webinar", "aware");
        webinar.cta = "Register".into();
        map.touchpoints.push(Box::new(webinar));
    };
    let theirs = |map: &mut JourneyMap| {
        let mut webinar = touchpoint("webinar", "convert");
        webinar.cta = "Register".into();
        webinar.owner = "Sales".into();
        map.touchpoints.push(Box::new(webinar));
    };
    let merged = merge(ours, theirs, true);
    assert_eq!(merged.status, Some(1), "{}", merged.output);
    for block in [
        "<<<<<<< ours: touchpoint webinar, stage\n            stage: \"aware\",\n||||||| base: touchpoint webinar, stage (not in base)\n            stage: \"\",\n=======\n            stage: \"convert\",\n>>>>>>> theirs: touchpoint webinar, stage\n",
        "            cta: \"Register\",\n<<<<<<< ours: touchpoint webinar, owner\n||||||| base: touchpoint webinar, owner (not in base)\n=======\n            owner: \"Sales\",\n>>>>>>> theirs: touchpoint webinar, owner\n",
    ] {
        assert!(merged.file.contains(block), "{block}\nnot in\n{}", merged.file);
    }
    assert_eq!(merged.file.matches("id: \"webinar\"").count(), 1, "{}", merged.file);
    assert_validate_lists(
        &merged,
        &[
            "merge conflict in touchpoint `webinar` (Touchpoint webinar), field `stage`",
            "merge conflict in touchpoint `webinar` (Touchpoint webinar), field `owner`",
        ],
    );
}

#[test]
fn the_same_field_changed_differently_is_a_conflict() {
    let ours = |map: &mut JourneyMap| map.touchpoints[0].cta = "Book a tasting".into();
    let theirs = |map: &mut JourneyMap| {
        map.touchpoints[0].cta = "Try a free box".into();
        map.title = "Office coffee plan".into();
    };
    let merged = merge(ours, theirs, true);
    assert_eq!(merged.status, Some(1), "{}", merged.output);
    assert!(
        merged.file.contains("<<<<<<< ours: touchpoint ad-office-coffee, cta\n            cta: \"Book a tasting\",\n||||||| base: touchpoint ad-office-coffee, cta\n            cta: \"Get a price\",\n=======\n            cta: \"Try a free box\",\n>>>>>>> theirs: touchpoint ad-office-coffee, cta\n"),
        "{}",
        merged.file
    );
    // The clean part is merged.
    assert!(merged.file.contains("title: \"Office coffee plan\""), "{}", merged.file);
    assert!(
        merged.output.contains(
            "      base   \"Get a price\"\n      ours   \"Book a tasting\"\n      theirs \"Try a free box\"\n"
        ),
        "{}",
        merged.output
    );
    // Resolved by hand (theirs kept), the map loads and commits.
    let path = merged.repo.join(MAP);
    let resolved: String = {
        let mut keep = true;
        merged
            .file
            .lines()
            .filter(|line| {
                if line.starts_with("<<<<<<<") || line.starts_with("|||||||") {
                    keep = false;
                    return false;
                }
                if line.starts_with("=======") {
                    keep = true;
                    return false;
                }
                !line.starts_with(">>>>>>>") && keep
            })
            .map(|l| format!("{l}\n"))
            .collect()
    };
    std::fs::write(&path, &resolved).unwrap();
    let map = parse_str(&resolved, MAP).unwrap();
    assert_eq!(map.touchpoints[0].cta, "Try a free box");
    ok(git(&merged.repo, &["commit", "-q", "-a", "-m", "Merge"]));
}

#[test]
fn an_unreadable_side_leaves_ours_as_it_was() {
    let dir = repository(true);
    let repo = dir.path();
    ok(git(repo, &["checkout", "-q", "-b", "theirs"]));
    let broken = to_canonical(&base_map()).replace("title:", "titel:");
    std::fs::write(repo.join(MAP), &broken).unwrap();
    ok(git(repo, &["commit", "-q", "-a", "-m", "Broken"]));
    ok(git(repo, &["checkout", "-q", "main"]));
    let mut ours = base_map();
    add_tasting(&mut ours);
    let ours_text = to_canonical(&ours);
    std::fs::write(repo.join(MAP), &ours_text).unwrap();
    ok(git(repo, &["commit", "-q", "-a", "-m", "Ours"]));
    let output = git(repo, &["merge", "--no-edit", "theirs"]);
    assert_eq!(output.status.code(), Some(1));
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.contains("unknown field `titel`"), "{said}");
    assert!(said.contains("--> maps/office-coffee.ron (theirs):3:5"), "{said}");
    assert!(said.contains("not merged, "), "{said}");
    assert_eq!(std::fs::read_to_string(repo.join(MAP)).unwrap(), ours_text);
}

#[test]
fn comments_from_both_sides_stay_with_their_items_through_the_merge() {
    let dir = repository(true);
    let repo = dir.path().to_path_buf();
    let canonical = to_canonical(&base_map());
    let commit = |text: &str, message: &str| {
        std::fs::write(repo.join(MAP), text).unwrap();
        ok(git(&repo, &["commit", "-q", "-a", "-m", message]));
    };
    let base = format!("// Office coffee plan, kept by Mia.\n{canonical}");
    commit(&base, "Commented");
    ok(git(&repo, &["checkout", "-q", "-b", "theirs"]));
    let theirs = base
        .replacen(
            "        Touchpoint(\n            id: \"welcome-email\",",
            "        // Sent by the CRM.\n        Touchpoint(\n            id: \"welcome-email\",",
            1,
        )
        .replacen(
            "            tactics: [\"email\"],\n        ),",
            "            tactics: [\"email\"],\n            owner: \"CRM team\",\n        ),",
            1,
        );
    commit(&theirs, "Theirs");
    ok(git(&repo, &["checkout", "-q", "main"]));
    let ours = base.replacen(
        "            cta: \"Get a price\",",
        "            cta: \"Book a tasting\", // test in May",
        1,
    );
    commit(&ours, "Ours");
    let output = git(&repo, &["merge", "--no-edit", "theirs"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let merged = std::fs::read_to_string(repo.join(MAP)).unwrap();
    let expected = ours
        .replacen(
            "        Touchpoint(\n            id: \"welcome-email\",",
            "        // Sent by the CRM.\n        Touchpoint(\n            id: \"welcome-email\",",
            1,
        )
        .replacen(
            "            tactics: [\"email\"],\n        ),",
            "            tactics: [\"email\"],\n            owner: \"CRM team\",\n        ),",
            1,
        );
    assert_eq!(merged, expected);
}
