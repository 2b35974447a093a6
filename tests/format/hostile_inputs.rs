//! Every command that reads a map, fed every hostile or broken file in
//! tests/fixtures/hostile/ and a few generated at test time (too big to
//! commit): the documented outcome, exit code 0, 1 or 2 (never a panic or a
//! signal), bounded time and memory, and no control character from the file
//! on the terminal. The outcome of each file is listed in
//! tests/fixtures/hostile/README.md.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use common::{BIN, Run, run_with_limit};

/// What loading a fixture must give.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// A valid map (perhaps not in canonical form).
    Loads,
    /// Refused before validation: syntax, encoding, size, nesting. `at` is
    /// `line:column`, or empty when the file as a whole is at fault.
    Syntax { message: &'static str, at: &'static str },
    /// Parsed, but refused by validation (references, text, values). A diff
    /// compares such maps all the same, with a note.
    Invalid { message: &'static str, at: &'static str },
    /// Refused by validation for duplicated ids, which `diff` refuses too:
    /// items are matched by id.
    DuplicateIds { message: &'static str, at: &'static str },
    /// Not read at all (too large): exit 2.
    Unreadable { message: &'static str },
}

use Outcome::{DuplicateIds, Invalid, Loads, Syntax, Unreadable};

/// The committed fixtures and what each must give.
const FIXTURES: &[(&str, Outcome)] = &[
    ("good.ron", Loads),
    ("bom.ron", Loads),
    ("crlf.ron", Loads),
    ("bom-crlf-comments.ron", Loads),
    (
        "truncated.ron",
        Syntax {
            message: "never closed: the file ends inside it",
            at: "18:19",
        },
    ),
    (
        "wrong-type.ron",
        Syntax {
            message: "Expected integer",
            at: "13:22",
        },
    ),
    (
        "huge-number.ron",
        Syntax {
            message: "Integer is out of bounds",
            at: "13:22",
        },
    ),
    (
        "unknown-field.ron",
        Syntax {
            message: "unknown field `dicipline` in Tactic",
            at: "19:13",
        },
    ),
    (
        "missing-field.ron",
        Syntax {
            message: "missing field `stage` in Touchpoint",
            at: "27:9",
        },
    ),
    (
        "wrong-struct-name.ron",
        Syntax {
            message: "expected `Tactic(...)` here, found `Stage(...)`",
            at: "16:9",
        },
    ),
    (
        "duplicate-ids.ron",
        DuplicateIds {
            message: "stage id `aware` is used by more than one stage",
            at: "11:13",
        },
    ),
    (
        "dangling-reference.ron",
        Invalid {
            message: "refers to stage `awareness` in `stage`, but there is no such stage",
            at: "26:20",
        },
    ),
    (
        "many-problems.ron",
        DuplicateIds {
            message: "refers to tactic `radio` in `tactics`, but there is no such tactic",
            at: "27:37",
        },
    ),
    (
        "empty-name.ron",
        Invalid {
            message: "stage `buy` has an empty name",
            at: "12:13",
        },
    ),
    (
        "emotion-out-of-range.ron",
        Invalid {
            message: "stage `buy` has emotion 7, outside -2..=2",
            at: "13:13",
        },
    ),
    (
        "conflict-markers.ron",
        Syntax {
            message: "merge conflict in stage `buy` (Buy), field `name`",
            at: "12:1",
        },
    ),
    (
        "invalid-utf8.ron",
        Syntax {
            message: "not valid UTF-8 (bad byte 0xFF)",
            at: "18:27",
        },
    ),
    (
        "nul-in-string.ron",
        Invalid {
            message: "`name` of touchpoint `ad` contains the control character U+0000",
            at: "25:13",
        },
    ),
    (
        "nul-outside-string.ron",
        Syntax {
            message: "Expected opening `(` for struct `Tactic`",
            at: "15:15",
        },
    ),
    (
        "escapes-ron-escaped.ron",
        Invalid {
            message: "`name` of touchpoint `ad` contains the control character U+001B",
            at: "25:13",
        },
    ),
    (
        "escapes-raw-bytes.ron",
        Invalid {
            message: "`name` of tactic `ads` contains the control character U+0007",
            at: "18:13",
        },
    ),
    (
        "escape-in-id.ron",
        Invalid {
            message: "touchpoint id `ad\\u{1b}]52;c;cm0gLXJmIH4=\\u{7}` is not a valid id",
            at: "24:13",
        },
    ),
    (
        "escape-in-raw-string.ron",
        Invalid {
            message: "`name` of tactic `ads` contains the control character U+001B",
            at: "18:13",
        },
    ),
    (
        "escape-outside-string.ron",
        Syntax {
            message: "Expected colon",
            at: "19:23",
        },
    ),
    (
        "escape-in-unknown-variant.ron",
        Syntax {
            message: "`Eager` is not a valid value for Mindset",
            at: "13:22",
        },
    ),
    (
        "escape-in-comment.ron",
        Syntax {
            message: "unknown field `colour` in Tactic",
            at: "21:13",
        },
    ),
    (
        "bidi-override.ron",
        Invalid {
            message: "`name` of touchpoint `ad` contains the control character U+202E",
            at: "25:13",
        },
    ),
    (
        "bidi-in-id.ron",
        Invalid {
            message: "touchpoint id `ad\\u{202e}` is not a valid id",
            at: "24:13",
        },
    ),
    (
        "newer-format.ron",
        Syntax {
            message: "this map uses file format 4, but this journeymap reads formats up to 3",
            at: "2:5",
        },
    ),
    (
        "format-zero.ron",
        Syntax {
            message: "format 0 does not exist",
            at: "2:5",
        },
    ),
    (
        "empty.ron",
        Syntax {
            message: "the file ends too early",
            at: "1:1",
        },
    ),
    (
        "only-comment.ron",
        Syntax {
            message: "the file ends too early",
            at: "1:20",
        },
    ),
    (
        "not-a-map.ron",
        Syntax {
            message: "Expected opening `(` for struct `JourneyMap`",
            at: "1:1",
        },
    ),
    (
        "trailing-text.ron",
        Syntax {
            message: "unexpected text after the end of the map",
            at: "30:2",
        },
    ),
    (
        "unclosed-string.ron",
        Syntax {
            message: "expected a comma",
            at: "17:18",
        },
    ),
    (
        "unclosed-comment.ron",
        Syntax {
            message: "a `/*` comment is never closed",
            at: "3:7",
        },
    ),
    (
        "deep-nesting-small.ron",
        Syntax {
            message: "brackets nest deeper than 32 levels",
            at: "8:51",
        },
    ),
];

/// Virtual memory a command may use, in KiB: the 100 MB and 10 MB cases
/// must be handled without reading or copying without bound.
const MEMORY_KIB: u64 = 512 * 1024;
/// Time a command may take in a debug build.
const TIME_LIMIT: Duration = Duration::from_secs(60);
/// Most a command may print to stderr about one file.
const MAX_STDERR: usize = 64 * 1024;

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile")
}

/// A command line that reads a map; `FILE` and `GOOD` are replaced.
struct Invocation {
    args: &'static [&'static str],
    /// The map comes on standard input (`FILE` is then `-`).
    stdin: bool,
    /// Compares two maps: validation problems are a note, not a refusal.
    compares: bool,
}

const INVOCATIONS: &[Invocation] = &[
    Invocation {
        args: &["validate", "FILE"],
        stdin: false,
        compares: false,
    },
    Invocation {
        args: &["fmt", "--check", "FILE"],
        stdin: false,
        compares: false,
    },
    Invocation {
        args: &["fmt", "-"],
        stdin: true,
        compares: false,
    },
    Invocation {
        args: &["validate", "-"],
        stdin: true,
        compares: false,
    },
    Invocation {
        args: &["diff", "GOOD", "FILE"],
        stdin: false,
        compares: true,
    },
    Invocation {
        args: &["diff", "FILE", "GOOD"],
        stdin: false,
        compares: true,
    },
    Invocation {
        args: &["diff", "--format", "markdown", "GOOD", "FILE"],
        stdin: false,
        compares: true,
    },
    Invocation {
        args: &["matrix", "FILE"],
        stdin: false,
        compares: false,
    },
    Invocation {
        args: &["matrix", "FILE", "--cells", "names", "--ascii"],
        stdin: false,
        compares: false,
    },
    Invocation {
        args: &["lint", "FILE"],
        stdin: false,
        compares: false,
    },
    Invocation {
        args: &["report", "FILE"],
        stdin: false,
        compares: false,
    },
    Invocation {
        args: &["report", "FILE", "--format", "markdown"],
        stdin: false,
        compares: false,
    },
    Invocation {
        args: &["report", "FILE", "--format", "mermaid"],
        stdin: false,
        compares: false,
    },
    Invocation {
        args: &["report", "FILE", "--format", "csv", "--section", "touchpoints"],
        stdin: false,
        compares: false,
    },
    Invocation {
        args: &["report", "-", "--format", "markdown"],
        stdin: true,
        compares: false,
    },
    Invocation {
        args: &["report", "FILE", "--format", "csv"],
        stdin: false,
        compares: false,
    },
    Invocation {
        args: &["report", "FILE", "--format", "json"],
        stdin: false,
        compares: false,
    },
];

/// Runs one invocation on `file` under the memory and time limits.
fn run(inv: &Invocation, file: &Path, good: &Path, dir: &Path) -> Run {
    let args: Vec<String> = inv
        .args
        .iter()
        .map(|a| match *a {
            "FILE" => file.display().to_string(),
            "GOOD" => good.display().to_string(),
            other => other.to_string(),
        })
        .collect();
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!("ulimit -v {MEMORY_KIB} && exec \"$0\" \"$@\""))
        .arg(BIN)
        .args(&args)
        .current_dir(dir);
    run_with_limit(cmd, inv.stdin.then_some(file), TIME_LIMIT)
}

/// Whether this build has the command (clap refuses unknown subcommands,
/// arguments and values with exit 2 before reading anything).
fn available(inv: &Invocation, good: &Path, dir: &Path) -> bool {
    let out = run(inv, good, good, dir);
    let err = out.stderr_text();
    let missing = out.code() == Some(2)
        && ["unrecognized subcommand", "unexpected argument", "invalid value"]
            .iter()
            .any(|m| err.contains(m));
    if missing {
        eprintln!(
            "note: `journeymap {}` is not in this build: skipped",
            inv.args.join(" ")
        );
    }
    !missing
}

/// The first byte or character a terminal would act on: C0 controls but
/// line feed and tab (and CR in a CRLF line end, which CSV uses), DEL, C1
/// controls, bidi embeddings, overrides, isolates.
fn first_control(bytes: &[u8]) -> Option<String> {
    let stray = |(i, &b): (usize, &u8)| {
        let line_end = b == b'\r' && bytes.get(i + 1) == Some(&b'\n');
        ((b < 0x20 && b != b'\n' && b != b'\t' && !line_end) || b == 0x7f).then_some(b)
    };
    if let Some(b) = bytes.iter().enumerate().find_map(stray) {
        return Some(format!("byte 0x{b:02X}"));
    }
    String::from_utf8_lossy(bytes)
        .chars()
        .find(|&c| matches!(c, '\u{80}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
        .map(|c| format!("U+{:04X}", c as u32))
}

/// Checks one run against the outcome; `shown` is how the file is named in messages.
fn check(inv: &Invocation, name: &str, shown: &str, outcome: Outcome, out: &Run) {
    let what = format!("`journeymap {}` on {name}", inv.args.join(" "));
    let err = out.stderr_text();
    let code = out.code();
    assert!(code.is_some(), "{what} was killed by a signal: {:?}\n{err}", out.status);
    assert!(
        matches!(code, Some(0..=2)),
        "{what} exited {code:?} (101 is a panic):\n{err}"
    );
    assert!(!err.contains("panicked"), "{what} panicked:\n{err}");
    for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        if let Some(control) = first_control(bytes) {
            panic!(
                "{what} wrote {control} to {stream}:\n{}",
                String::from_utf8_lossy(bytes)
            );
        }
    }
    assert!(err.len() <= MAX_STDERR, "{what} wrote {} bytes to stderr", err.len());
    let origin = if inv.stdin { "<stdin>" } else { shown };
    match outcome {
        Loads => assert!(
            matches!(code, Some(0 | 1)) && (code == Some(0) || inv.args[0] != "validate"),
            "{what} must accept the map, exited {code:?}:\n{err}"
        ),
        Syntax { message, at } | Invalid { message, at } | DuplicateIds { message, at } => {
            assert!(
                matches!(code, Some(1 | 2)) || inv.compares,
                "{what} must refuse, exited {code:?}"
            );
            if inv.compares && matches!(outcome, Invalid { .. }) {
                // A diff compares maps with validation problems and says so.
                assert!(err.contains("problem(s), compared anyway"), "{what}:\n{err}");
                return;
            }
            let expected_code = if inv.compares { 2 } else { 1 };
            assert_eq!(code, Some(expected_code), "{what}:\n{err}");
            assert!(err.contains(message), "{what}: expected {message:?} in:\n{err}");
            let location = if at.is_empty() {
                format!("--> {origin}\n")
            } else {
                format!("--> {origin}:{at}\n")
            };
            assert!(err.contains(&location), "{what}: expected {location:?} in:\n{err}");
        }
        Unreadable { message } => {
            assert_eq!(code, Some(2), "{what}:\n{err}");
            assert!(err.contains(message), "{what}: expected {message:?} in:\n{err}");
        }
    }
}

/// Runs every available invocation on every `(path, outcome)` case.
fn run_all(cases: &[(PathBuf, Outcome)], dir: &Path) {
    run_some(cases, dir, Variants::All);
}

/// Which invocations to run.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Variants {
    All,
    /// The first invocation of each command, from a file and from standard
    /// input: every code path that reads a map, for files slow to process
    /// in a debug build.
    OnePerCommand,
}

fn run_some(cases: &[(PathBuf, Outcome)], dir: &Path, variants: Variants) {
    let good = fixtures_dir().join("good.ron");
    let mut seen = Vec::new();
    let invocations: Vec<&Invocation> = INVOCATIONS
        .iter()
        .filter(|inv| {
            let key = (inv.args[0], inv.stdin);
            let first = !seen.contains(&key);
            seen.push(key);
            variants == Variants::All || first
        })
        .filter(|inv| available(inv, &good, dir))
        .collect();
    for (path, outcome) in cases {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let shown = journeymap::text::sanitize(&path.display().to_string()).into_owned();
        for inv in &invocations {
            let out = run(inv, path, &good, dir);
            check(inv, &name, &shown, *outcome, &out);
        }
    }
}

#[test]
fn every_command_handles_every_committed_fixture() {
    let dir = fixtures_dir();
    let cases: Vec<(PathBuf, Outcome)> = FIXTURES.iter().map(|(name, o)| (dir.join(name), *o)).collect();
    run_all(&cases, &dir);
}

#[test]
fn every_fixture_is_in_the_table_and_documented() {
    let readme = fs::read_to_string(fixtures_dir().join("README.md")).unwrap();
    let mut on_disk: Vec<String> = fs::read_dir(fixtures_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".ron"))
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = FIXTURES.iter().map(|(n, _)| n.to_string()).collect();
    listed.sort();
    assert_eq!(on_disk, listed, "every fixture needs an expected outcome in FIXTURES");
    for name in listed {
        assert!(
            readme.contains(&format!("`{name}`")),
            "{name} is missing from the README table"
        );
    }
}

/// Writes `bytes` to `dir/name`.
fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn every_command_refuses_files_over_the_size_limit() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let mut cases = Vec::new();

    // 100 MB: refused from its size, without reading it (or, on standard
    // input, after reading one byte past the limit).
    let mut huge = Vec::with_capacity(100 * 1024 * 1024 + 64);
    huge.extend_from_slice(b"JourneyMap(title: \"x\", description: \"");
    huge.resize(100 * 1024 * 1024, b'a');
    huge.extend_from_slice(b"\")\n");
    cases.push((
        write(dir, "huge-100mb.ron", &huge),
        Unreadable {
            message: "64 MiB a map may have",
        },
    ));
    drop(huge);

    // A device that never ends: reading stops one byte past the limit.
    cases.push((
        PathBuf::from("/dev/zero"),
        Unreadable {
            message: "the file is larger than the 64 MiB a map may have",
        },
    ));

    run_all(&cases, dir);
}

/// In CI the 10 MB files go through one invocation of each command (about
/// a second each in a debug build); every variant runs with
/// `cargo test --release --test hostile_inputs -- --ignored`.
const TEN_MB_VARIANTS: Variants = Variants::OnePerCommand;

#[test]
fn every_command_handles_a_10_mb_string() {
    ten_mb_string(TEN_MB_VARIANTS);
}

#[test]
#[ignore = "slow in a debug build; run with --release -- --ignored"]
fn every_command_variant_handles_a_10_mb_string() {
    ten_mb_string(Variants::All);
}

#[test]
fn every_command_handles_a_10_mb_line_with_a_mistake_at_its_end() {
    ten_mb_line_with_a_mistake(TEN_MB_VARIANTS);
}

#[test]
#[ignore = "slow in a debug build; run with --release -- --ignored"]
fn every_command_variant_handles_a_10_mb_line_with_a_mistake_at_its_end() {
    ten_mb_line_with_a_mistake(Variants::All);
}

fn ten_mb_string(variants: Variants) {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let mut cases = Vec::new();
    // One 10 MB string: a valid map, read, checked and rewritten whole.
    let ten_mb = "Wordy notes. ".repeat(10 * 1024 * 1024 / 13);
    let long_string =
        format!("JourneyMap(title: \"Long\", description: \"{ten_mb}\", stages: [(id: \"a\", name: \"A\")])\n");
    cases.push((write(dir, "string-10mb.ron", long_string.as_bytes()), Loads));
    run_some(&cases, dir, variants);
}

fn ten_mb_line_with_a_mistake(variants: Variants) {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let mut cases = Vec::new();
    let ten_mb = "Wordy notes. ".repeat(10 * 1024 * 1024 / 13);
    // A 10 MB string on one line with a mistake after it: the message must
    // quote a little of the line, not 10 MB of it.
    let column = "JourneyMap(title: \"Long\", description: \"".len() + ten_mb.len() + "\", c".len();
    let long_line = format!("JourneyMap(title: \"Long\", description: \"{ten_mb}\", colour: \"red\")\n");
    let at: &'static str = Box::leak(format!("1:{column}").into_boxed_str());
    cases.push((
        write(dir, "string-10mb-then-error.ron", long_line.as_bytes()),
        Syntax {
            message: "unknown field `colour`",
            at,
        },
    ));

    run_some(&cases, dir, variants);
}

#[test]
fn every_command_handles_deep_nesting_many_problems_and_hostile_file_names() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let mut cases = Vec::new();
    // Nesting 10,000 deep, in code and in a value.
    let deep = format!(
        "JourneyMap(title: \"x\", stages: {}{})",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    cases.push((
        write(dir, "nesting-10000.ron", deep.as_bytes()),
        Syntax {
            message: "brackets nest deeper than 32 levels",
            at: "1:63",
        },
    ));
    let deep_parens = format!("{}JourneyMap(){}", "(".repeat(10_000), ")".repeat(10_000));
    cases.push((
        write(dir, "nesting-10000-parens.ron", deep_parens.as_bytes()),
        Syntax {
            message: "brackets nest deeper than 32 levels",
            at: "1:33",
        },
    ));

    // 20,000 problems: all found, the first hundred listed, quickly.
    let touchpoints: String = (0..20_000)
        .map(|n| format!("(id: \"t{n}\", name: \"T\", stage: \"gone{n}\"),\n"))
        .collect();
    let many = format!("JourneyMap(title: \"x\", stages: [(id: \"s\", name: \"S\")], touchpoints: [\n{touchpoints}])");
    cases.push((
        write(dir, "problems-20000.ron", many.as_bytes()),
        Invalid {
            message: "and 19900 more problems",
            at: "2:30",
        },
    ));

    // A file whose name holds escape sequences and a bidi override.
    let good = fs::read(fixtures_dir().join("good.ron")).unwrap();
    let broken = fs::read(fixtures_dir().join("truncated.ron")).unwrap();
    cases.push((
        write(dir, "evil\x1b]52;c;aGk=\x07\x1b[2J\u{202e}name.ron", &good),
        Loads,
    ));
    cases.push((
        write(dir, "evil\x1b[31m\u{9b}broken.ron", &broken),
        Syntax {
            message: "never closed",
            at: "18:19",
        },
    ));
    run_all(&cases, dir);
}

#[test]
fn the_terminal_check_catches_what_it_must() {
    for bad in [
        "\x1b[2J",
        "\x07",
        "a\0b",
        "\r",
        "\x7f",
        "\u{9b}31m",
        "\u{202e}",
        "\u{2066}x\u{2069}",
    ] {
        assert!(first_control(bad.as_bytes()).is_some(), "{bad:?}");
    }
    assert_eq!(first_control("line\n\ttab � 展示会 🚀 وعي\r\n".as_bytes()), None);
    assert!(first_control(b"a\rb").is_some());
}
