#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{fixture, journeymap};

#[test]
fn findings_are_listed_with_id_severity_item_and_hint() {
    let out = journeymap(&["lint", &fixture("bean-box.ron")]);
    insta::assert_snapshot!(out.stdout);
    assert!(out.stdout.contains("error[touchpoint-targets-antisegment]"));
    assert!(
        out.stdout
            .contains("--> tests/fixtures/bean-box.ron: touchpoint `barista-forum`")
    );
}

#[test]
fn exit_status_follows_deny() {
    // bean-box has errors: fails at every level.
    for deny in ["error", "warning", "info"] {
        assert_eq!(
            journeymap(&["lint", &fixture("bean-box.ron"), "--deny", deny]).code,
            1,
            "{deny}"
        );
    }
    // wide-text has warnings and notes but no error.
    let wide = fixture("wide-text.ron");
    let out = journeymap(&["lint", &wide]);
    assert!(!out.stdout.contains("error["), "{}", out.stdout);
    assert!(out.stdout.contains("warning["), "{}", out.stdout);
    assert_eq!(out.code, 0);
    assert_eq!(journeymap(&["lint", &wide, "--deny", "error"]).code, 0);
    assert_eq!(journeymap(&["lint", &wide, "--deny", "warning"]).code, 1);
}

#[test]
fn a_draft_warns_but_passes_by_default() {
    // minimal: one stage, no touchpoints yet: a warning and a note.
    let minimal = fixture("minimal.ron");
    let out = journeymap(&["lint", &minimal]);
    insta::assert_snapshot!(out.stdout);
    assert_eq!(out.code, 0);
    assert_eq!(journeymap(&["lint", &minimal, "--deny", "warning"]).code, 1);
}

#[test]
fn unreadable_is_2_and_invalid_is_1() {
    assert_eq!(journeymap(&["lint", "tests/fixtures/missing.ron"]).code, 2);
    let out = journeymap(&["lint", &fixture("escape-sequences.ron")]);
    assert_eq!(out.code, 1);
    assert!(out.stdout.is_empty());
}

#[test]
fn a_bad_deny_level_is_a_usage_error() {
    assert_eq!(
        journeymap(&["lint", &fixture("bean-box.ron"), "--deny", "fatal"]).code,
        2
    );
}

#[test]
fn no_colour_in_pipes_even_without_no_color() {
    for args in [
        vec!["lint", "tests/fixtures/bean-box.ron"],
        vec!["matrix", "tests/fixtures/bean-box.ron"],
        vec!["report", "tests/fixtures/bean-box.ron"],
    ] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_journeymap"))
            .args(&args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env_remove("NO_COLOR")
            .output()
            .unwrap();
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(!stdout.contains('\u{1b}'), "{args:?}");
        assert!(!stdout.is_empty());
    }
}
