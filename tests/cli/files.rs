//! The file commands run as a user runs them: the real binary, real files,
//! exit codes and messages.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output, Stdio};

use journeymap::templates::TEMPLATES;

fn journeymap(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_journeymap"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn new_creates_a_valid_canonical_map_from_every_template() {
    let dir = tempfile::tempdir().unwrap();
    for t in &TEMPLATES {
        let file = format!("{}.ron", t.id);
        let out = journeymap(
            &["new", &file, "--template", t.id, "--title", "Spring launch"],
            dir.path(),
        );
        assert!(out.status.success(), "{}", stderr(&out));
        let check = journeymap(&["validate", &file], dir.path());
        assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
        let fmt = journeymap(&["fmt", "--check", &file], dir.path());
        assert_eq!(
            fmt.status.code(),
            Some(0),
            "new writes canonical form: {}",
            stdout(&fmt)
        );
        let map = journeymap::store::load(&dir.path().join(&file)).unwrap().map;
        assert_eq!(map.title, "Spring launch");
        assert_eq!(map.framework, t.id);
    }
}

#[test]
fn new_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("plan.ron"), "precious").unwrap();
    let out = journeymap(&["new", "plan.ron", "--template", "aida"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("plan.ron")).unwrap(),
        "precious"
    );
}

#[test]
fn new_with_unknown_template_lists_the_known_ones() {
    let dir = tempfile::tempdir().unwrap();
    let out = journeymap(&["new", "x.ron", "--template", "funnel"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("customer-value-journey"), "{}", stderr(&out));
    assert!(!dir.path().join("x.ron").exists());
}

#[test]
fn validate_exit_codes_distinguish_valid_invalid_and_unreadable() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("good.ron"),
        "JourneyMap(title: \"Good\", stages: [(id: \"a\", name: \"A\")])",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("bad.ron"),
        "JourneyMap(title: \"Bad\", stages: [(id: \"a\", name: \"\"), (id: \"a\", name: \"B\")])",
    )
    .unwrap();

    let out = journeymap(&["validate", "good.ron"], dir.path());
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("good.ron: valid (1 stage)"), "{}", stdout(&out));

    let out = journeymap(&["validate", "good.ron", "bad.ron"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("has an empty name") && err.contains("used by more than one stage"),
        "{err}"
    );
    assert!(err.contains("bad.ron:1:"), "{err}");

    let out = journeymap(&["validate", "bad.ron", "missing.ron"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot read the file"), "{}", stderr(&out));

    let out = journeymap(&["validate"], dir.path());
    assert_eq!(out.status.code(), Some(2), "usage errors exit 2");
}

#[test]
fn fmt_rewrites_once_and_then_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("messy.ron");
    std::fs::write(
        &path,
        "\u{feff}// notes\r\nJourneyMap(title:\"Messy\",stages:[(name:\"A\",id:\"a\",emotion:1)])\r\n",
    )
    .unwrap();

    let out = journeymap(&["fmt", "--check", "messy.ron"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "messy.ron\n");

    let out = journeymap(&["fmt", "messy.ron"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let first = std::fs::read_to_string(&path).unwrap();
    // The comment stays, before the map it preceded.
    assert!(
        first.starts_with("// notes\nJourneyMap(\n    format: 1,\n    title: \"Messy\","),
        "{first}"
    );
    assert!(!first.contains('\r') && first.ends_with(")\n"));

    let out = journeymap(&["fmt", "messy.ron"], dir.path());
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        first,
        "second fmt changes nothing"
    );
    assert_eq!(
        journeymap(&["fmt", "--check", "messy.ron"], dir.path()).status.code(),
        Some(0)
    );
}

#[test]
fn fmt_keeps_each_comment_with_what_it_is_about() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("commented.ron");
    std::fs::write(
        &path,
        "// Spring plan\nJourneyMap(title: \"Spring\", // working title\n  stages: [\n    // Where it starts.\n    (name: \"Aware\", id: \"aware\", tactics: [\"ads\"]),\n  ],\n  tactics: [(id: \"ads\", name: \"Ads\") /* paid */],\n)\n",
    )
    .unwrap();
    let out = journeymap(&["fmt", "commented.ron"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let formatted = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        formatted,
        "// Spring plan\nJourneyMap(\n    format: 1,\n    title: \"Spring\", // working title\n    stages: [\n        // Where it starts.\n        Stage(\n            id: \"aware\",\n            name: \"Aware\",\n            tactics: [\"ads\"],\n        ),\n    ],\n    tactics: [\n        Tactic( /* paid */\n            id: \"ads\",\n            name: \"Ads\",\n        ),\n    ],\n)\n"
    );
    // A comment ending an item's last line ends its first line now.
    let again = journeymap(&["fmt", "--check", "commented.ron"], dir.path());
    assert_eq!(again.status.code(), Some(0), "formatted once, canonical since");
    // Standard input to standard output keeps them too.
    let piped = Command::new(env!("CARGO_BIN_EXE_journeymap"))
        .args(["fmt", "-"])
        .stdin(std::fs::File::open(&path).unwrap())
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(piped.stdout).unwrap(), formatted);
}

#[test]
fn fmt_refuses_an_invalid_map_and_leaves_it_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.ron");
    let text = "JourneyMap(title: \"x\", stages: [(id: \"a\", name: \"A\", tactics: [\"ghost\"])])";
    std::fs::write(&path, text).unwrap();
    let out = journeymap(&["fmt", "broken.ron"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no such tactic"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn fmt_reads_stdin_and_writes_stdout() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_journeymap"))
        .args(["fmt", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"JourneyMap(title: \"Piped\")")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(stdout(&out), "JourneyMap(\n    format: 1,\n    title: \"Piped\",\n)\n");
}

/// `fmt --check -` on `input`: its exit code and what it printed.
fn check_piped(input: &[u8]) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_journeymap"))
        .args(["fmt", "--check", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    (out.status.code(), format!("{}{}", stdout(&out), stderr(&out)))
}

#[test]
fn fmt_check_of_stdin_tells_canonical_text_from_any_other() {
    let canonical =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("maps/souk-to-shelf.ron")).unwrap();
    assert_eq!(check_piped(canonical.as_bytes()), (Some(0), String::new()));
    let not_canonical = |text: Vec<u8>, what: &str| {
        assert_eq!(check_piped(&text), (Some(1), "<stdin>\n".to_string()), "{what}");
    };
    not_canonical(format!("\u{feff}{canonical}").into_bytes(), "a byte-order mark");
    not_canonical(canonical.replace('\n', "\r\n").into_bytes(), "carriage returns");
    not_canonical(format!("{canonical}\n").into_bytes(), "a line after the end");
    not_canonical(
        canonical.replacen("    title:", "  title:", 1).into_bytes(),
        "an indentation",
    );
    let (code, said) = check_piped(&canonical.as_bytes()[..3000]);
    assert_eq!(code, Some(1), "a cut map does not load: {said}");
    assert!(said.contains("error:") && said.contains("--> <stdin>:"), "{said}");
}

/// Runs `journeymap ARGS` with `input` on standard input and, when
/// `tmpdir` is given, TMPDIR set to it: exit status, standard output and
/// standard error.
fn piped(args: &[&str], input: &[u8], tmpdir: Option<&str>) -> (Option<i32>, String, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_journeymap"));
    command
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(dir) = tmpdir {
        command.env("TMPDIR", dir);
    }
    let mut child = command.spawn().unwrap();
    use std::io::Write;
    // A command may stop reading early: a closed pipe is fine.
    let _ = child.stdin.take().unwrap().write_all(input);
    let out = child.wait_with_output().unwrap();
    (out.status.code(), stdout(&out), stderr(&out))
}

/// Standard input is copied to a temporary file and the map read from that
/// copy a piece at a time; where no temporary file can be made, it is read
/// whole in memory. Every command answers the same either way, for maps
/// with and without comments, canonical or not, valid or not.
#[test]
fn standard_input_reads_the_same_with_or_without_a_temporary_copy() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let map = journeymap::store::load(&root.join("maps/souk-to-shelf.ron"))
        .unwrap()
        .map;
    let plain = journeymap::store::to_canonical(&map);
    let commented = plain.replacen("    title:", "    // The map's title.\n    title:", 1);
    assert!(commented.contains("//"));
    let stage = &map.touchpoints[0].stage;
    let inputs = [
        commented.clone(),
        plain.clone(),
        plain.replacen("    title:", "  title:", 1),
        format!("\u{feff}{plain}"),
        plain.replacen(&format!("stage: \"{stage}\""), "stage: \"nowhere\"", 1),
        plain[..plain.len() / 2].to_string(),
    ];
    let no_temporary_folder = root.join("target/no-such-folder-for-temporary-files");
    let no_temporary_folder = no_temporary_folder.to_str().unwrap();
    for (n, input) in inputs.iter().enumerate() {
        for args in [
            &["validate", "-"][..],
            &["fmt", "--check", "-"],
            &["fmt", "-"],
            &["report", "-", "--today", "2026-06-30"],
        ] {
            let copied = piped(args, input.as_bytes(), None);
            let in_memory = piped(args, input.as_bytes(), Some(no_temporary_folder));
            assert_eq!(copied, in_memory, "input {n}, {args:?}");
            let checking = args[1] == "--check";
            match n {
                // Valid maps; the first two are canonical text.
                0..=3 if checking => assert_eq!(copied.0, Some(i32::from(n > 1)), "input {n}"),
                0..=3 => assert_eq!(copied.0, Some(0), "input {n}, {args:?}: {}", copied.2),
                _ => assert_ne!(copied.0, Some(0), "input {n}, {args:?}"),
            }
        }
    }
}

#[test]
fn templates_lists_all_and_shows_one() {
    let dir = tempfile::tempdir().unwrap();
    let out = journeymap(&["templates"], dir.path());
    assert!(out.status.success());
    let list = stdout(&out);
    for t in &TEMPLATES {
        assert!(list.contains(t.id), "{} missing from\n{list}", t.id);
    }
    assert!(list.contains("Attention → Interest → Desire → Action"), "{list}");

    let out = journeymap(&["templates", "customer-lifecycle"], dir.path());
    let shown = stdout(&out);
    assert!(
        shown.contains("1. Reach & Engage") && shown.contains("4. Support & Grow"),
        "{shown}"
    );

    let out = journeymap(&["templates", "aida", "--ron"], dir.path());
    assert_eq!(stdout(&out), journeymap::templates::find("aida").unwrap().source());

    assert_eq!(journeymap(&["templates", "nope"], dir.path()).status.code(), Some(2));
}

#[test]
fn a_full_standard_error_is_not_a_crash() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return; // not a Linux-like system
    };
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.ron"), "JourneyMap(titel: \"x\")").unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_journeymap"))
        .args(["validate", "bad.ron"])
        .current_dir(dir.path())
        .stderr(full)
        .status()
        .unwrap();
    assert_eq!(
        status.code(),
        Some(1),
        "diagnostics lost to a full disk must not turn into a panic"
    );
}
