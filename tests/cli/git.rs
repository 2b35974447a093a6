#![allow(clippy::unwrap_used, clippy::expect_used)]
//! `journeymap diff` as git's external diff driver, through real `git diff`
//! in a throwaway repository with no user or system configuration.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const V1: &str = "tests/fixtures/diff/bean-box-v1.ron";
const V2: &str = "tests/fixtures/diff/bean-box-v2.ron";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(name)
}

/// git with only the settings given here, in `repo`.
fn git(repo: &Path, args: &[&str]) -> Output {
    let driver = format!("diff.journeymap.command='{}' diff", env!("CARGO_BIN_EXE_journeymap"));
    Command::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.com"])
        .args(["-c", "core.pager=cat", "-c", "color.ui=never"])
        .args(["-c", &driver])
        .args(args)
        .current_dir(repo)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", repo.join("no-global-config"))
        .env("HOME", repo)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .env_remove("GIT_EXTERNAL_DIFF")
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

/// A repository holding v1 of the map at maps/bean-box.ron, committed.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    ok(git(repo, &["init", "-q"]));
    std::fs::create_dir(repo.join("maps")).unwrap();
    std::fs::copy(fixture(V1), repo.join("maps/bean-box.ron")).unwrap();
    std::fs::write(repo.join(".gitattributes"), "*.ron diff=journeymap\n").unwrap();
    ok(git(repo, &["add", "."]));
    ok(git(repo, &["commit", "-q", "-m", "First draft"]));
    dir
}

#[test]
fn git_diff_shows_the_semantic_diff_and_succeeds() {
    let dir = repository();
    let repo = dir.path();
    std::fs::copy(fixture(V2), repo.join("maps/bean-box.ron")).unwrap();
    let out = ok(git(repo, &["diff"]));
    assert!(out.starts_with("journeymap diff of maps/bean-box.ron ("), "{out}");
    assert!(out.contains("renamed: \"Aware\" → \"Awareness\""), "{out}");
    assert!(out.contains("stage: `aware` (Aware) → `engage` (Engage)"), "{out}");
    assert!(out.contains("− competitor `brewco` (BrewCo)"), "{out}");
    assert!(
        out.contains(
            "      − \"Fresh beans every Monday, no contract.\"\n      + \"Fresh beans every Monday, cancel any time.\"\n"
        ),
        "a reworded USP reads as removed, then added: {out}"
    );
    assert!(!out.contains("@@"), "no line diff: {out}");

    // Without the driver, git shows its own line diff.
    let plain = ok(git(repo, &["diff", "--no-ext-diff"]));
    assert!(plain.contains("@@"), "{plain}");
}

#[test]
fn added_deleted_and_renamed_files() {
    let dir = repository();
    let repo = dir.path();
    std::fs::copy(fixture(V2), repo.join("maps/new.ron")).unwrap();
    ok(git(repo, &["add", "maps/new.ron"]));
    let added = ok(git(repo, &["diff", "--cached"]));
    assert!(added.contains("journeymap diff of maps/new.ron"), "{added}");
    assert!(added.contains("+ stage `aware` (Awareness)"), "{added}");

    ok(git(repo, &["rm", "-q", "--cached", "maps/new.ron"]));
    ok(git(repo, &["rm", "-q", "maps/bean-box.ron"]));
    let deleted = ok(git(repo, &["diff", "--cached"]));
    assert!(deleted.contains("− stage `aware` (Aware)"), "{deleted}");

    // git passes nine arguments for a rename.
    ok(git(repo, &["reset", "-q", "--hard"]));
    ok(git(repo, &["mv", "maps/bean-box.ron", "maps/beans.ron"]));
    let renamed = ok(git(repo, &["diff", "--cached", "-M"]));
    assert!(
        renamed.contains("journeymap diff of maps/bean-box.ron → maps/beans.ron: no changes to the map"),
        "{renamed}"
    );
}

#[test]
fn several_files_and_history() {
    let dir = repository();
    let repo = dir.path();
    std::fs::copy(fixture(V1), repo.join("maps/copy.ron")).unwrap();
    ok(git(repo, &["add", "."]));
    ok(git(repo, &["commit", "-q", "-m", "Copy"]));
    std::fs::copy(fixture(V2), repo.join("maps/bean-box.ron")).unwrap();
    std::fs::copy(fixture(V2), repo.join("maps/copy.ron")).unwrap();
    ok(git(repo, &["commit", "-q", "-a", "-m", "Second draft"]));
    let log = ok(git(repo, &["log", "-p", "--ext-diff", "-1", "--format=%s"]));
    assert_eq!(log.matches("renamed: \"Aware\" → \"Awareness\"").count(), 2, "{log}");
    assert!(
        log.contains("\n\njourneymap diff of maps/copy.ron"),
        "a blank line between files: {log}"
    );
}

#[test]
fn a_broken_version_falls_back_to_a_line_diff() {
    let dir = repository();
    let repo = dir.path();
    std::fs::write(repo.join("maps/bean-box.ron"), "JourneyMap(title: \"x\", stages: [\n").unwrap();
    let out = ok(git(repo, &["diff"]));
    assert!(out.contains("cannot compare the maps item by item"), "{out}");
    assert!(out.contains("--> maps/bean-box.ron (new version):1:"), "{out}");
    assert!(out.contains("+JourneyMap(title: \"x\", stages: ["), "{out}");
    assert!(out.contains("--- a/maps/bean-box.ron"), "{out}");
}

#[test]
fn only_formatting_changed() {
    let dir = repository();
    let repo = dir.path();
    let text = std::fs::read_to_string(fixture(V1)).unwrap();
    std::fs::write(repo.join("maps/bean-box.ron"), text.replace("first draft", "draft one")).unwrap();
    let out = ok(git(repo, &["diff"]));
    assert_eq!(
        out,
        "journeymap diff of maps/bean-box.ron: no changes to the map (only formatting or comments)\n"
    );
}

#[test]
fn hostile_names_are_sanitised_in_git_output() {
    let dir = repository();
    let repo = dir.path();
    let text = std::fs::read_to_string(fixture(V1)).unwrap();
    let evil = text.replace("name: \"Aware\"", "name: \"Aware\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}[2J\"");
    std::fs::write(repo.join("maps/bean-box.ron"), evil).unwrap();
    let out = ok(git(repo, &["diff"]));
    assert!(out.contains("renamed:"), "{out}");
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
}
