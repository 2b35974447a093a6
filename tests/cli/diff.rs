#![allow(clippy::unwrap_used, clippy::expect_used)]
//! `journeymap diff` run as a user runs it: exit codes, output on real pairs
//! of map versions, hostile text in names.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const V1: &str = "tests/fixtures/diff/bean-box-v1.ron";
const V2: &str = "tests/fixtures/diff/bean-box-v2.ron";

fn journeymap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_journeymap"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .env_remove("GIT_DIFF_PATH_COUNTER")
        .env_remove("GIT_PAGER_IN_USE")
        .env_remove("COLUMNS")
        .output()
        .unwrap()
}

/// `journeymap diff` with these environment variables set.
fn journeymap_with_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_journeymap"));
    command
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .env_remove("GIT_PAGER_IN_USE")
        .env_remove("COLUMNS");
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().unwrap()
}

#[test]
fn colour_follows_the_color_option() {
    let coloured = |args: &[&str], env: &[(&str, &str)]| {
        let output = journeymap_with_env(args, env);
        assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
        stdout(&output).contains("\u{1b}[32m")
    };
    assert!(!coloured(&["diff", V1, V2], &[]), "auto: none into a pipe");
    assert!(coloured(&["diff", "--color", "always", V1, V2], &[]));
    assert!(
        coloured(&["diff", "--color=always", V1, V2], &[("NO_COLOR", "1")]),
        "asked for"
    );
    assert!(!coloured(
        &["diff", "--color", "never", V1, V2],
        &[("GIT_PAGER_IN_USE", "true")]
    ));
    // git's pager is a pipe, but shows colour: auto colours it, as git does.
    assert!(coloured(&["diff", V1, V2], &[("GIT_PAGER_IN_USE", "true")]));
    assert!(!coloured(
        &["diff", V1, V2],
        &[("GIT_PAGER_IN_USE", "true"), ("NO_COLOR", "1")]
    ));
    let wrong = journeymap(&["diff", "--color", "sometimes", V1, V2]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(
        stderr(&wrong).contains("[possible values: auto, always, never]"),
        "{}",
        stderr(&wrong)
    );
}

#[test]
fn long_values_are_cut_to_the_width_git_measured_for_its_pager() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, description: &str| {
        let path = dir.path().join(name);
        let text = format!("JourneyMap(title: \"T\", description: \"{description}\")");
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_string()
    };
    let old = write("old.ron", &"before the launch ".repeat(12));
    let new = write("new.ron", &"after the launch ".repeat(12));
    let widest = |env: &[(&str, &str)]| {
        let output = journeymap_with_env(&["diff", "--color", "never", &old, &new], env);
        let text = stdout(&output);
        let body: Vec<&str> = text.lines().skip(1).collect();
        assert!(body.iter().any(|l| l.contains('…')), "cut: {text}");
        body.iter().map(|l| l.chars().count()).max().unwrap_or_default()
    };
    assert_eq!(widest(&[]), 100, "a pipe gets 100 columns");
    assert_eq!(
        widest(&[("COLUMNS", "60")]),
        100,
        "COLUMNS alone is a shell's, not a reader's"
    );
    assert_eq!(widest(&[("GIT_PAGER_IN_USE", "true"), ("COLUMNS", "60")]), 60);
    assert_eq!(widest(&[("GIT_PAGER_IN_USE", "true"), ("COLUMNS", "160")]), 160);
}

fn journeymap_with_stdin(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_journeymap"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The program may exit before reading (a usage error): a closed pipe is fine.
    let _ = child.stdin.take().unwrap().write_all(stdin);
    child.wait_with_output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

#[test]
fn identical_maps_exit_0_and_print_nothing() {
    let output = journeymap(&["diff", V1, V1]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), "");
}

#[test]
fn formatting_and_comments_are_not_differences() {
    let dir = tempfile::tempdir().unwrap();
    let reformatted = dir.path().join("v1.ron");
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(V1)).unwrap();
    let text = text
        .replace("// Bean Box", "// A different comment about Bean Box")
        .replace("    ", "\t");
    std::fs::write(&reformatted, text).unwrap();
    let output = journeymap(&["diff", V1, reformatted.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
}

#[test]
fn differences_exit_1() {
    let output = journeymap(&["diff", V1, V2]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stdout(&output).contains("renamed: \"Aware\" → \"Awareness\""));
}

#[test]
fn text_output_on_two_versions() {
    let output = journeymap(&["diff", V1, V2]);
    let text = stdout(&output);
    assert!(!text.contains('\u{1b}'), "no colour in a pipe");
    insta::assert_snapshot!("text_v1_to_v2", text);
}

#[test]
fn text_output_the_other_way_round() {
    insta::assert_snapshot!("text_v2_to_v1", stdout(&journeymap(&["diff", V2, V1])));
}

#[test]
fn markdown_output_on_two_versions() {
    let output = journeymap(&["diff", "--format", "markdown", V1, V2]);
    assert_eq!(output.status.code(), Some(1));
    insta::assert_snapshot!("markdown_v1_to_v2", stdout(&output));
}

#[test]
fn a_reworded_entry_reads_as_removed_then_added() {
    let text = stdout(&journeymap(&["diff", V1, V2]));
    let usps = concat!(
        "    usps:\n",
        "      − \"Fresh beans every Monday, no contract.\"\n",
        "      + \"Fresh beans every Monday, cancel any time.\"\n",
        "      + \"Delivered by bike: zero-emission coffee.\"\n",
    );
    assert!(text.contains(usps), "{text}");
    let tactics = "    tactics: −email +search-ads\n";
    assert!(text.contains(tactics), "{text}");

    let markdown = stdout(&journeymap(&["diff", "--format", "markdown", V1, V2]));
    let usps = concat!(
        "  - usps:\n",
        "    - removed “Fresh beans every Monday, no contract.”\n",
        "    - added “Fresh beans every Monday, cancel any time.”\n",
        "    - added “Delivered by bike: zero-emission coffee.”\n",
    );
    assert!(markdown.contains(usps), "{markdown}");
}

#[test]
fn unreadable_or_invalid_files_exit_2() {
    let missing = journeymap(&["diff", V1, "tests/fixtures/diff/no-such-map.ron"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("no-such-map.ron"), "{}", stderr(&missing));

    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, "JourneyMap(title: \"x\", stages: [\n").unwrap();
    let invalid = journeymap(&["diff", broken.to_str().unwrap(), V1]);
    assert_eq!(invalid.status.code(), Some(2));
    assert!(stderr(&invalid).contains("broken.ron:"), "{}", stderr(&invalid));
    assert_eq!(stdout(&invalid), "");
}

#[test]
fn duplicated_ids_cannot_be_compared() {
    let dir = tempfile::tempdir().unwrap();
    let dup = dir.path().join("dup.ron");
    std::fs::write(
        &dup,
        "JourneyMap(title: \"x\", tactics: [Tactic(id: \"a\", name: \"A\"), Tactic(id: \"a\", name: \"B\")])\n",
    )
    .unwrap();
    let output = journeymap(&["diff", V1, dup.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("`a`"), "{}", stderr(&output));
}

#[test]
fn other_validation_problems_do_not_stop_a_diff() {
    let dir = tempfile::tempdir().unwrap();
    let dangling = dir.path().join("dangling.ron");
    std::fs::write(
        &dangling,
        "JourneyMap(title: \"x\", touchpoints: [Touchpoint(id: \"t\", name: \"T\", stage: \"gone\")])\n",
    )
    .unwrap();
    let output = journeymap(&["diff", "/dev/null", dangling.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("+ touchpoint `t` (T) at stage `gone`"),
        "{}",
        stdout(&output)
    );
    assert!(stderr(&output).contains("journeymap validate"), "{}", stderr(&output));
}

#[test]
fn wrong_number_of_files_exits_2() {
    for args in [&["diff", V1][..], &["diff", V1, V2, V1][..]] {
        let output = journeymap(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn standard_input_on_either_side() {
    let v1 = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(V1)).unwrap();
    let output = journeymap_with_stdin(&["diff", "-", V2], &v1);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stdout(&output).starts_with("journeymap diff of <stdin> → tests/fixtures/diff/bean-box-v2.ron"));

    let same = journeymap_with_stdin(&["diff", V1, "-"], &v1);
    assert_eq!(same.status.code(), Some(0), "{}", stderr(&same));

    let both = journeymap_with_stdin(&["diff", "-", "-"], &v1);
    assert_eq!(both.status.code(), Some(2));
}

#[test]
fn dev_null_is_an_empty_map() {
    let added = stdout(&journeymap(&["diff", "/dev/null", V1]));
    assert!(added.contains("+ stage `aware` (Aware)"), "{added}");
    assert!(!added.contains("− "), "nothing removed: {added}");
    let removed = stdout(&journeymap(&["diff", V1, "/dev/null"]));
    assert!(removed.contains("− competitor `brewco` (BrewCo)"), "{removed}");
    assert!(!removed.contains("+ "), "nothing added: {removed}");
}

/// A map whose names carry a colour escape and an OSC 52 clipboard write.
fn hostile_map(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("hostile.ron");
    let text = "JourneyMap(title: \"Evil \u{1b}[2J\", stages: [Stage(id: \"aware\", name: \
                \"Aware\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}[31m red\")], tactics: [Tactic(id: \"x\", name: \
                \"[click](http://evil) <img src=x>\")])\n";
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn escape_sequences_in_names_never_reach_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = hostile_map(dir.path());
    for format in ["text", "markdown"] {
        for (old, new) in [
            ("/dev/null", hostile.to_str().unwrap()),
            (V1, hostile.to_str().unwrap()),
        ] {
            let output = journeymap(&["diff", "--format", format, old, new]);
            assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
            let text = stdout(&output);
            assert!(
                !text.contains('\u{1b}') && !text.contains('\u{7}'),
                "{format}: {text:?}"
            );
            assert!(text.contains("52;c;ZXZpbA=="), "the rest of the name is shown: {text}");
        }
    }
}

#[test]
fn markdown_in_names_is_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = hostile_map(dir.path());
    let output = journeymap(&["diff", "--format", "markdown", "/dev/null", hostile.to_str().unwrap()]);
    let text = stdout(&output);
    assert!(text.contains(r"\[click\]\(http://evil\) \<img src=x\>"), "{text}");
    assert!(!text.contains(" <img"), "HTML stays escaped: {text}");
}

#[test]
fn help_explains_the_git_setup() {
    let help = stdout(&journeymap(&["diff", "--help"]));
    assert!(help.contains("*.ron diff=journeymap"), "{help}");
    assert!(
        help.contains("git config diff.journeymap.command \"journeymap diff\""),
        "{help}"
    );
    assert!(
        help.contains("Exit status: 0 no differences, 1 differences, 2"),
        "{help}"
    );
}

#[test]
fn unmerged_path_from_git_is_not_an_error() {
    let output = Command::new(env!("CARGO_BIN_EXE_journeymap"))
        .args(["diff", "maps/x.ron"])
        .env("GIT_DIFF_PATH_COUNTER", "1")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).contains("maps/x.ron: unmerged"));
}

/// A file's old version is let go once checked and read again keeping only
/// what the new version changed, so that two large maps are never held at
/// once. What it shows must be what the whole maps give: standard input,
/// which is read once and kept whole, is the yardstick.
#[test]
fn an_old_version_read_again_without_what_is_unchanged_diffs_as_a_whole_one() {
    use journeymap::model::Touchpoint;
    use journeymap::store::{load, to_canonical};
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // Without comments: a file with comments is read whole anyway.
    let canonical = |path: &str| to_canonical(&load(&root.join(path)).unwrap().map);
    let souk = load(&root.join("maps/souk-to-shelf.ron")).unwrap().map;
    let mut edited = souk.clone();
    edited.title.push_str(" (revised)");
    edited.stages[0].name = "وعي — Awareness".into();
    edited.touchpoints[0].stage = edited.stages[1].id.clone();
    edited.touchpoints.remove(2);
    let mut added: Touchpoint = (*edited.touchpoints[3]).clone();
    added.id = "tp-added".into();
    added.name = "新しい接点 🛍️".into();
    edited.touchpoints.insert(1, Box::new(added));
    let last = edited.tactics.pop().unwrap();
    edited.tactics.insert(0, last);
    edited.tactics[2].description.push_str(" Checked in March.");
    edited.personas.remove(0);
    let pairs = [
        (canonical(V1), canonical(V2)),
        (canonical(V2), canonical(V1)),
        (to_canonical(&souk), to_canonical(&edited)),
        (to_canonical(&edited), to_canonical(&souk)),
    ];
    for (n, (old_text, new_text)) in pairs.iter().enumerate() {
        let old = dir.path().join(format!("old-{n}.ron"));
        let new = dir.path().join(format!("new-{n}.ron"));
        std::fs::write(&old, old_text).unwrap();
        std::fs::write(&new, new_text).unwrap();
        let (old, new) = (old.to_str().unwrap(), new.to_str().unwrap());
        for format in ["text", "markdown"] {
            let read_again = journeymap(&["diff", "--format", format, old, new]);
            let whole = journeymap_with_stdin(&["diff", "--format", format, "-", new], old_text.as_bytes());
            assert_eq!(read_again.status.code(), Some(1), "{}", stderr(&read_again));
            assert_eq!(whole.status.code(), Some(1), "{}", stderr(&whole));
            assert!(stdout(&read_again).lines().count() > 4, "{}", stdout(&read_again));
            assert_eq!(
                stdout(&read_again),
                stdout(&whole).replace("<stdin>", old),
                "pair {n}, {format}"
            );
        }
        // As git runs it: the old version in a temporary file.
        let driven = journeymap(&["diff", "map.ron", old, "0", "100644", new, "1", "100644"]);
        let whole = journeymap_with_stdin(&["diff", "-", new], old_text.as_bytes());
        assert_eq!(
            stdout(&driven).lines().skip(1).collect::<Vec<_>>(),
            stdout(&whole).lines().skip(1).collect::<Vec<_>>(),
            "pair {n} as git's driver"
        );
    }
}

/// Read again without its unchanged items, an old version still counts
/// them toward the file format it needs: only the title changed here.
#[test]
fn items_left_out_of_a_second_reading_still_count_toward_the_format() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.ron");
    let new = dir.path().join("new.ron");
    let text = r#"JourneyMap(format: 2, title: "Old", stages: [Stage(id: "s", name: "S")], touchpoints: [Touchpoint(id: "t", name: "T", stage: "s", emotion: 1)])"#;
    std::fs::write(&old, text).unwrap();
    std::fs::write(&new, text.replace("\"Old\"", "\"New\"")).unwrap();
    let output = journeymap(&["diff", old.to_str().unwrap(), new.to_str().unwrap()]);
    let shown = stdout(&output);
    assert!(shown.contains("title: \"Old\" → \"New\""), "{shown}");
    assert!(!shown.contains("format"), "{shown}");
}

/// A version read whole from standard input is kept to point at a
/// repeated id: standard input cannot be read a second time.
#[test]
fn a_repeated_id_on_standard_input_is_pointed_at() {
    let text = r#"JourneyMap(title: "T", stages: [Stage(id: "s", name: "S"), Stage(id: "s", name: "S2")])"#;
    let output = journeymap_with_stdin(&["diff", "-", V1], text.as_bytes());
    assert_eq!(output.status.code(), Some(2));
    let said = stderr(&output);
    assert!(
        said.contains("used by more than one stage") && said.contains("<stdin>:1:"),
        "{said}"
    );
}
