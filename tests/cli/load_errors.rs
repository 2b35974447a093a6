//! One test per class of bad input: each must give a specific message at the
//! right line and column, with a hint, and never a panic.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use journeymap::store::{Diagnostic, LoadError, LoadErrorKind, MAX_FILE_BYTES, parse_bytes, parse_str};

fn error_of(text: &str) -> LoadError {
    match parse_bytes(text.as_bytes(), "map.ron") {
        Ok(map) => panic!("expected an error, got {map:?}"),
        Err(e) => e,
    }
}

fn only(e: &LoadError) -> &Diagnostic {
    assert_eq!(e.diagnostics.len(), 1, "{e}");
    &e.diagnostics[0]
}

#[test]
fn minimal_hand_written_map_loads_with_defaults() {
    let map = parse_str(
        "// a comment\nJourneyMap(title: \"Mini\", stages: [(id: \"a\", name: \"A\")], touchpoints: [(id: \"t\", name: \"T\", stage: \"a\")])",
        "mini.ron",
    )
    .unwrap();
    assert_eq!(map.format, 1);
    assert_eq!(map.stages[0].emotion, 0);
    assert!(map.touchpoints[0].tactics.is_empty());
}

#[test]
fn unknown_field_is_named_with_the_expected_ones() {
    let e = error_of(
        "JourneyMap(\n    title: \"x\",\n    stages: [\n        Stage(id: \"a\", name: \"A\", gaol: \"typo\"),\n    ],\n)\n",
    );
    let d = only(&e);
    assert_eq!(e.kind, LoadErrorKind::Invalid);
    assert!(d.message.contains("unknown field `gaol`"), "{}", d.message);
    assert!(d.hint.contains("goal") && d.hint.contains("watch_out"), "{}", d.hint);
    assert_eq!(d.suggestion.as_deref(), Some("did you mean `goal`?"));
    assert_eq!((d.line, d.column), (4, 35));
    let shown = e.to_string();
    assert!(shown.contains("--> map.ron:4:35"), "{shown}");
    assert!(
        shown.contains("\n  = help: did you mean `goal`?\n  = help: expected one of: id, name, goal,"),
        "{shown}"
    );
    assert!(
        shown.contains("Stage(id: \"a\", name: \"A\", gaol: \"typo\")"),
        "{shown}"
    );
}

#[test]
fn missing_required_field_is_named() {
    let e = error_of("JourneyMap(title: \"x\", stages: [Stage(id: \"a\")])");
    let d = only(&e);
    assert!(d.message.contains("missing field `name`"), "{}", d.message);
    assert_eq!(d.line, 1);
}

#[test]
fn wrong_type_says_what_was_expected() {
    let e = error_of("JourneyMap(\n  title: \"x\",\n  stages: [(id: \"a\", name: \"A\", emotion: \"high\")],\n)");
    let d = only(&e);
    assert_eq!(d.line, 3);
    assert!(d.hint.contains("whole number"), "{}", d.hint);
}

#[test]
fn unknown_enum_value_lists_the_valid_ones() {
    let e = error_of("JourneyMap(title: \"x\", competitors: [(id: \"c\", name: \"C\", kind: Rival)])");
    let d = only(&e);
    assert!(d.message.contains("`Rival`"), "{}", d.message);
    assert!(d.hint.contains("Direct") && d.hint.contains("Substitute"), "{}", d.hint);
}

#[test]
fn newer_format_asks_for_an_upgrade() {
    let e = error_of("JourneyMap(\n    format: 7,\n    title: \"x\",\n    hologram: true,\n)");
    let d = only(&e);
    assert!(d.message.contains("format 7"), "{}", d.message);
    assert!(d.hint.contains("upgrade journeymap"), "{}", d.hint);
    assert_eq!((d.line, d.column), (2, 5));
    let e = error_of("JourneyMap(format: 4, title: \"x\")");
    assert!(only(&e).hint.contains("upgrade"));
    assert!(
        only(&e).message.contains("reads formats up to 3"),
        "{}",
        only(&e).message
    );
}

#[test]
fn bom_and_crlf_are_accepted() {
    let text = "\u{feff}JourneyMap(\r\n    title: \"x\",\r\n    description: \"two\\nlines\",\r\n)\r\n";
    let map = parse_bytes(text.as_bytes(), "windows.ron").unwrap();
    assert_eq!(map.title, "x");
    assert_eq!(map.description, "two\nlines");
}

#[test]
fn git_conflict_markers_are_reported_as_such() {
    let e = error_of(
        "JourneyMap(\n    format: 1,\n<<<<<<< HEAD\n    title: \"Ours\",\n=======\n    title: \"Theirs\",\n>>>>>>> feature\n)\n",
    );
    let d = only(&e);
    assert_eq!(d.message, "merge conflict in the map's `title`");
    assert_eq!((d.line, d.column), (3, 1));
    assert!(d.hint.contains("delete the marker lines"), "{}", d.hint);
}

#[test]
fn invalid_utf8_is_located() {
    let mut bytes = b"JourneyMap(\n    title: \"caf".to_vec();
    bytes.extend([0xE9, b'"', b')']);
    let e = parse_bytes(&bytes, "latin1.ron").unwrap_err();
    let d = only(&e);
    assert!(
        d.message.contains("not valid UTF-8") && d.message.contains("0xE9"),
        "{}",
        d.message
    );
    assert_eq!((d.line, d.column), (2, 16));
    assert!(d.hint.contains("UTF-8"));
}

#[test]
fn oversize_input_is_refused_before_parsing() {
    let bytes = vec![b' '; MAX_FILE_BYTES as usize + 1];
    let e = parse_bytes(&bytes, "huge.ron").unwrap_err();
    assert_eq!(e.kind, LoadErrorKind::Unreadable);
    assert!(only(&e).message.contains("MiB"), "{e}");
}

#[test]
fn oversize_file_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sparse.ron");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(MAX_FILE_BYTES * 2).unwrap();
    let e = journeymap::store::load(&path).unwrap_err();
    assert!(only(&e).message.contains("128 MiB"), "{e}");
}

#[test]
fn deep_nesting_is_refused() {
    let text = format!(
        "JourneyMap(title: \"x\", description: {}{})",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let e = error_of(&text);
    let d = only(&e);
    assert!(d.message.contains("nest deeper than"), "{}", d.message);
    assert_eq!(d.line, 1);
}

#[test]
fn truncated_file_says_it_ends_early() {
    let e = error_of("JourneyMap(\n    title: \"x\",\n    stages: [\n        Stage(id: \"a\", name: \"A\"),\n");
    let d = only(&e);
    assert!(d.message.contains("ends too early"), "{}", d.message);
    assert!(d.hint.contains("git"), "{}", d.hint);
}

#[test]
fn validation_reports_every_problem_with_its_position() {
    let text = "JourneyMap(
    title: \"x\",
    stages: [
        Stage(id: \"aware\", name: \"Aware\", tactics: [\"ads\", \"nope\"]),
        Stage(id: \"aware\", name: \"Again\"),
        Stage(id: \"buy\", name: \"  \"),
    ],
    tactics: [Tactic(id: \"ads\", name: \"Ads\")],
    personas: [Persona(id: \"p\", name: \"P\", segment: \"ghosts\")],
    touchpoints: [
        Touchpoint(id: \"t1\", name: \"Ad\", stage: \"awair\"),
        Touchpoint(id: \"t1\", name: \"Ad again\", stage: \"buy\", personas: [\"p\", \"p\"]),
    ],
)
";
    let e = error_of(text);
    let found: Vec<(usize, &str)> = e.diagnostics.iter().map(|d| (d.line, d.message.as_str())).collect();
    let expect = [
        (
            4,
            "stage `aware` refers to tactic `nope` in `tactics`, but there is no such tactic",
        ),
        (5, "stage id `aware` is used by more than one stage"),
        (6, "stage `buy` has an empty name"),
        (
            9,
            "persona `p` refers to segment `ghosts` in `segment`, but there is no such segment",
        ),
        (
            11,
            "touchpoint `t1` refers to stage `awair` in `stage`, but there is no such stage",
        ),
        (12, "touchpoint id `t1` is used by more than one touchpoint"),
        (12, "touchpoint `t1` lists persona `p` twice in `personas`"),
    ];
    assert_eq!(found, expect);
    let nope = &e.diagnostics[0];
    assert_eq!(nope.column, 60, "caret under the dangling id");
    assert!(e.to_string().ends_with("map.ron: 7 problems\n"), "{e}");
}

#[test]
fn terminal_escapes_in_names_are_refused_and_never_echoed() {
    let text = "JourneyMap(title: \"x\", stages: [(id: \"a\", name: \"\\u{1b}]52;c;cm0gLXJmIH4=\\u{7}Aware\")])";
    let e = error_of(text);
    let d = only(&e);
    assert!(d.message.contains("U+001B"), "{}", d.message);
    // The raw escape is written as text in the file, so the quoted line is safe;
    // the message itself must carry no raw control characters either.
    let shown = e.to_string();
    assert!(!shown.chars().any(|c| c.is_control() && c != '\n'), "{shown:?}");
}

#[test]
fn raw_control_characters_in_the_file_are_not_echoed() {
    let text = "JourneyMap(title: \"x\u{1b}[2J\", bogus: 1)";
    let e = error_of(text);
    let shown = e.to_string();
    assert!(!shown.contains('\u{1b}'), "{shown:?}");
}

#[test]
fn problems_in_lists_are_found_after_same_named_fields_of_earlier_items() {
    // `tactics:` first appears inside a stage; the duplicate tactic must still
    // be reported at the top-level list's second entry.
    let text = "JourneyMap(
    title: \"x\",
    stages: [(id: \"a\", name: \"A\", tactics: [\"ads\"])],
    tactics: [
        (id: \"ads\", name: \"Ads\"),
        (id: \"ads\", name: \"More ads\"),
    ],
)";
    let e = error_of(text);
    let d = only(&e);
    assert!(
        d.message.contains("tactic id `ads` is used by more than one"),
        "{}",
        d.message
    );
    assert_eq!((d.line, d.column), (6, 10));
    assert_eq!(
        d.source_line.as_deref(),
        Some("        (id: \"ads\", name: \"More ads\"),")
    );
}

/// A hand-edited map with several independent mistakes, each of which the
/// loader can step over.
const SEVERAL_MISTAKES: &str = "\
JourneyMap(
    title: \"Spring launch\",
    stages: [
        Stage(id: \"aware\", name: \"Aware\", gaol: \"Get seen\", emotion: \"high\"),
        Stage(id: \"buy\", name: \"Buy\", mindset: ProductAwre)
        Stage(id: \"keep\", name: \"Keep\"),
    ],
    competitors: [(id: \"c\", name: \"C\", kind: Rival)],
    touchpoints: [
        Touchpoint(id: \"t\", name: \"T\", stage: \"aware\", persona: [\"x\"]),
    ],
)
";

#[test]
fn validate_lists_every_mistake_it_can_step_over_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("launch.ron");
    std::fs::write(&path, SEVERAL_MISTAKES).unwrap();
    let file = path.to_str().unwrap();
    let out = common::journeymap(&["validate", file]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    let expected = "\
error: unknown field `gaol` in Stage
  --> FILE:4:43
   |
 4 |         Stage(id: \"aware\", name: \"Aware\", gaol: \"Get seen\", emotion: \"high\"),
   |                                           ^
  = help: did you mean `goal`?
  = help: expected one of: id, name, goal, mindset, create, track, watch_out, tactics, emotion, notes. Check the spelling; unknown fields are refused so that no data is silently lost

error: Expected integer
  --> FILE:4:70
   |
 4 | …tage(id: \"aware\", name: \"Aware\", gaol: \"Get seen\", emotion: \"high\"),
   |                                                              ^
  = help: this field takes a whole number, e.g. `emotion: -1` (from -2 to 2)

error: `ProductAwre` is not a valid value for Mindset
  --> FILE:5:48
   |
 5 |         Stage(id: \"buy\", name: \"Buy\", mindset: ProductAwre)
   |                                                ^
  = help: did you mean `ProductAware`?
  = help: use one of: Unspecified, ProblemAware, SolutionAware, ProductAware

error: expected a comma
  --> FILE:5:60
   |
 5 |         Stage(id: \"buy\", name: \"Buy\", mindset: ProductAwre)
   |                                                            ^
  = help: put `,` after each field and list entry

error: `Rival` is not a valid value for CompetitorKind
  --> FILE:8:46
   |
 8 |     competitors: [(id: \"c\", name: \"C\", kind: Rival)],
   |                                              ^
  = help: use one of: Direct, Indirect, Foreign, Substitute

error: unknown field `persona` in Touchpoint
  --> FILE:10:56
    |
 10 |         Touchpoint(id: \"t\", name: \"T\", stage: \"aware\", persona: [\"x\"]),
    |                                                        ^
  = help: did you mean `personas`?
  = help: expected one of: id, name, stage, tactics, personas, emotion, channel, cta, owner, metric, notes. Check the spelling; unknown fields are refused so that no data is silently lost

FILE: 6 problems
";
    assert_eq!(out.stderr.replace(file, "FILE"), expected);

    // Fixed as told, the map is valid on the next run.
    let fixed = SEVERAL_MISTAKES
        .replace("gaol", "goal")
        .replace("\"high\"", "1")
        .replace("ProductAwre)", "ProductAware),")
        .replace("Rival", "Direct")
        .replace("persona:", "personas:")
        .replace("[\"x\"]", "[]");
    std::fs::write(&path, fixed).unwrap();
    let out = common::journeymap(&["validate", file]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

#[test]
fn a_mistake_that_cannot_be_stepped_over_is_reported_alone() {
    // After an unclosed string, the rest of the file cannot be read as meant.
    let text = SEVERAL_MISTAKES.replace("\"Get seen\"", "\"Get seen");
    let e = error_of(&text);
    let d = only(&e);
    assert_eq!((d.line, d.column), (4, 43), "{e}");
    assert!(!e.to_string().contains("problems"), "no count for one problem: {e}");
}

/// A map read from standard input is let go before it is validated, as a
/// file's is (it is kept in a temporary file meanwhile): an invalid one
/// still points at each problem's line and column and shows the line, in
/// every command, exactly as the same map named as a file does; also when
/// the problems lie deep in a large map, and when a byte-order mark and
/// CRLF line breaks were dropped from the text on its way in.
#[test]
fn an_invalid_map_on_standard_input_points_at_its_lines_as_a_file_does() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().unwrap();
    // Two thousand good touchpoints, then a stage and a touchpoint that
    // refer to what is not there, on lines of their own.
    let big = common::big_compact_map(2_000);
    let big = big
        .strip_suffix("])")
        .unwrap()
        .replace("),Touchpoint(", "),\nTouchpoint(");
    let broken = format!("{big}\n  Touchpoint(id: \"lost\", name: \"Lost ✈ 展示会\", stage: \"nowhere\"),\n])\n")
        .replacen(
            "stages:[",
            "stages:[\nStage(id: \"ghostly\", name: \"عرض\", tactics: [\"ghost\"]),\n",
            1,
        );
    let crlf = format!("\u{feff}{}", broken.replace('\n', "\r\n"));
    for (name, text) in [("big.ron", broken.as_str()), ("crlf.ron", crlf.as_str())] {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        for command in [
            &["validate"][..],
            &["report", "--width", "80"],
            &["fmt"],
            &["matrix"],
            &["lint"],
        ] {
            let from_file = Command::new(env!("CARGO_BIN_EXE_journeymap"))
                .args(command)
                .arg(&path)
                .output()
                .unwrap();
            let mut child = Command::new(env!("CARGO_BIN_EXE_journeymap"))
                .args(command)
                .arg("-")
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
            let from_stdin = child.wait_with_output().unwrap();
            let (file_err, stdin_err) = (
                String::from_utf8(from_file.stderr).unwrap(),
                String::from_utf8(from_stdin.stderr).unwrap(),
            );
            assert_eq!(from_stdin.status.code(), Some(1), "{command:?} {name}: {stdin_err}");
            assert!(from_stdin.stdout.is_empty(), "{command:?} {name}");
            assert_eq!(
                stdin_err,
                file_err.replace(&path.display().to_string(), "<stdin>"),
                "{command:?} {name}"
            );
            let lines = broken.lines().count();
            for shown in [
                "  --> <stdin>:2:45\n".to_string(),
                "Stage(id: \"ghostly\", name: \"عرض\", tactics: [\"ghost\"]),\n".to_string(),
                format!("  --> <stdin>:{}:53\n", lines - 1),
                "  Touchpoint(id: \"lost\", name: \"Lost ✈ 展示会\", stage: \"nowhere\"),\n".to_string(),
                "<stdin>: 2 problems".to_string(),
            ] {
                assert!(
                    stdin_err.contains(&shown),
                    "{command:?} {name}: {shown:?} in\n{stdin_err}"
                );
            }
        }
    }
}
