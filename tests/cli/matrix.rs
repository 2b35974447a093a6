#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{fixture, journeymap, stdout_of};

fn matrix(map: &str, extra: &[&str]) -> String {
    let path = fixture(map);
    let mut args = vec!["matrix", path.as_str()];
    args.extend_from_slice(extra);
    stdout_of(&args)
}

/// The grid's lines (everything before the legend).
fn grid_lines(text: &str) -> Vec<&str> {
    text.lines()
        .take_while(|l| l.starts_with(['┌', '│', '├', '└', '+', '|']))
        .collect()
}

#[test]
fn default_grid() {
    insta::assert_snapshot!(matrix("bean-box.ron", &["--width", "100"]));
}

#[test]
fn names_transposed_ascii() {
    insta::assert_snapshot!(matrix(
        "bean-box.ron",
        &["--cells", "names", "--transpose", "--ascii", "--width", "90"]
    ));
}

#[test]
fn filtered_by_segment() {
    let text = matrix("bean-box.ron", &["--segment", "small-offices", "--width", "100"]);
    assert!(text.contains("Only touchpoints for segment Small offices (5-50 staff)"));
    insta::assert_snapshot!(text);
}

#[test]
fn filtered_by_persona() {
    insta::assert_snapshot!(matrix("bean-box.ron", &["--persona", "hobbyist", "--width", "100"]));
}

#[test]
fn wide_text_grid() {
    insta::assert_snapshot!(matrix("wide-text.ron", &["--width", "100"]));
}

#[test]
fn wide_text_lines_have_one_width_at_every_budget() {
    for width in ["40", "60", "72", "80", "100", "160"] {
        for extra in [
            &[][..],
            &["--cells", "names"],
            &["--transpose"],
            &["--ascii", "--cells", "names", "--transpose"],
        ] {
            let mut args = vec!["--width", width];
            args.extend_from_slice(extra);
            let text = matrix("wide-text.ron", &args);
            let lines = grid_lines(&text);
            assert!(lines.len() > 5, "{text}");
            let widths: Vec<usize> = lines.iter().map(|l| common::wcwidth(l)).collect();
            assert!(
                widths.iter().all(|w| *w == widths[0]),
                "--width {width} {extra:?}: {widths:?}\n{text}"
            );
            let budget: usize = width.parse().unwrap();
            if budget >= 72 {
                assert!(widths[0] <= budget, "--width {width} {extra:?}: {}\n{text}", widths[0]);
            }
        }
    }
}

#[test]
fn unknown_ids_exit_2_and_list_the_valid_ones() {
    let out = journeymap(&["matrix", &fixture("bean-box.ron"), "--persona", "nobody"]);
    assert_eq!(out.code, 2);
    assert!(out.stdout.is_empty());
    assert!(out.stderr.contains("no persona with id `nobody`"), "{}", out.stderr);
    assert!(out.stderr.contains("office-manager, ceo, hobbyist"), "{}", out.stderr);

    let out = journeymap(&["matrix", &fixture("bean-box.ron"), "--segment", "nope"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("small-offices, coworking, home-baristas"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_map_without_personas_or_tactics_still_draws() {
    insta::assert_snapshot!(matrix("minimal.ron", &["--width", "80"]));
}

#[test]
fn missing_and_invalid_files() {
    assert_eq!(journeymap(&["matrix", "tests/fixtures/missing.ron"]).code, 2);
    assert_eq!(journeymap(&["matrix", &fixture("escape-sequences.ron")]).code, 1);
}

#[test]
fn reads_standard_input() {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_journeymap"))
        .args(["matrix", "-", "--width", "100"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let map = std::fs::read(fixture("bean-box.ron")).unwrap();
    child.stdin.take().unwrap().write_all(&map).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        matrix("bean-box.ron", &["--width", "100"])
    );
}
