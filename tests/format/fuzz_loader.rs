//! Fuzzing the loader with proptest: random bytes, and the example maps in
//! maps/ mangled by byte flips, inserted RON punctuation and hostile
//! characters, truncations, deleted and duplicated spans. The loader must
//! never panic or hang; what it accepts must survive save -> load; what it
//! refuses must be explained without a control character.
//!
//! CI runs a few thousand cases in seconds. For a long run:
//!
//! ```sh
//! PROPTEST_CASES=1000000 cargo test --release --test fuzz_loader
//! ```

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::{OnceLock, mpsc};
use std::time::{Duration, Instant};

use journeymap::store::{LoadError, parse_bytes, parse_str, to_canonical};
use proptest::prelude::*;

/// Cases per property: `PROPTEST_CASES` if set, else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn config(default_cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases: cases(default_cases),
        // Shrinking a slow case costs up to HANG per step: stop after a minute.
        max_shrink_time: 60_000,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Longest one load may take, even of a mangled 35 KB map in a debug build.
const PER_CASE: Duration = Duration::from_secs(2);
/// After this long a load is taken for a hang and abandoned.
const HANG: Duration = Duration::from_secs(10);

/// The example maps, read once.
fn examples() -> &'static [Vec<u8>] {
    static MAPS: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    MAPS.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("maps");
        let mut maps: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
            .collect();
        maps.sort();
        assert!(!maps.is_empty(), "maps/ holds the example maps");
        maps.into_iter().map(|(_, bytes)| bytes).collect()
    })
}

/// Pieces of RON syntax and hostile text to insert.
const PUNCTUATION: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "\"",
    "\\",
    "r#\"",
    "\"#",
    "#",
    "'",
    "//",
    "/*",
    "*/",
    "\\u{",
    "\\u{1b}",
    "\\u{110000}",
    "\\x",
    "-",
    "+",
    ".",
    "0x",
    "1e999",
    "99999999999999999999",
    "-129",
    "true",
    "None",
    "Some(",
    "#![enable(implicit_some)]",
    "id: ",
    "name: \"\", ",
    "stage: ",
    "format: 2, ",
    "format: 3, ",
    "\n<<<<<<< HEAD\n",
    "\n=======\n",
    "\u{feff}",
    "\r\n",
    "\r",
    "\0",
    "\x1b[2J",
    "\x1b]52;c;aGk=\x07",
    "\u{9b}",
    "\u{202e}",
    "\u{2066}",
    "展示会",
    "🚀",
    "وعي",
];

/// One change to a map's bytes.
#[derive(Debug, Clone)]
enum Mutation {
    /// XOR a byte with a non-zero value.
    Flip(prop::sample::Index, u8),
    Insert(prop::sample::Index, &'static str),
    Truncate(prop::sample::Index),
    Delete(prop::sample::Index, usize),
    /// Copy the span at the first index (of this length) to the second, `times` times.
    Duplicate(prop::sample::Index, usize, prop::sample::Index, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => (any::<prop::sample::Index>(), 1..=255u8).prop_map(|(at, x)| Mutation::Flip(at, x)),
        4 => (any::<prop::sample::Index>(), prop::sample::select(PUNCTUATION)).prop_map(|(at, p)| Mutation::Insert(at, p)),
        1 => any::<prop::sample::Index>().prop_map(Mutation::Truncate),
        2 => (any::<prop::sample::Index>(), 1..200usize).prop_map(|(at, n)| Mutation::Delete(at, n)),
        2 => (any::<prop::sample::Index>(), 1..2000usize, any::<prop::sample::Index>(), 1..8usize)
            .prop_map(|(from, n, to, times)| Mutation::Duplicate(from, n, to, times)),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let len = bytes.len();
    match m {
        Mutation::Flip(at, x) if len > 0 => bytes[at.index(len)] ^= x,
        Mutation::Insert(at, piece) => {
            let at = at.index(len + 1);
            bytes.splice(at..at, piece.bytes());
        }
        Mutation::Truncate(at) => bytes.truncate(at.index(len + 1)),
        Mutation::Delete(at, n) if len > 0 => {
            let at = at.index(len);
            bytes.drain(at..(at + n).min(len));
        }
        Mutation::Duplicate(from, n, to, times) if len > 0 => {
            let from = from.index(len);
            let span = bytes[from..(from + n).min(len)].to_vec();
            let to = to.index(len + 1);
            for _ in 0..*times {
                bytes.splice(to..to, span.iter().copied());
            }
        }
        _ => {}
    }
}

/// An example map with some mutations applied.
fn mangled_map() -> impl Strategy<Value = Vec<u8>> {
    (any::<prop::sample::Index>(), prop::collection::vec(mutation(), 1..8)).prop_map(|(which, mutations)| {
        let maps = examples();
        let mut bytes = maps[which.index(maps.len())].clone();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        bytes
    })
}

/// What any input must give: no panic, an answer in bounded time, an accepted map that survives save -> load, a
/// refusal that is located and prints no control character.
fn check_load(bytes: &[u8]) -> Result<(), TestCaseError> {
    // The load runs on its own thread so that a hang fails the case (the
    // thread is abandoned) instead of stalling the test run.
    let owned = bytes.to_vec();
    let (done, wait) = mpsc::channel();
    let started = Instant::now();
    std::thread::spawn(move || {
        let result = parse_bytes(&owned, "fuzz.ron");
        let _ = done.send(result);
    });
    let result = match wait.recv_timeout(HANG) {
        Ok(result) => result,
        Err(mpsc::RecvTimeoutError::Timeout) => {
            return Err(TestCaseError::fail(format!("loading {} bytes hangs", bytes.len())));
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            return Err(TestCaseError::fail(format!("loading {} bytes panicked", bytes.len())));
        }
    };
    let took = started.elapsed();
    prop_assert!(took < PER_CASE, "loading {} bytes took {took:?}", bytes.len());
    match result {
        Ok(map) => {
            let text = to_canonical(&map);
            let back = parse_str(&text, "saved.ron").map_err(|e| TestCaseError::fail(format!("{e}")))?;
            prop_assert_eq!(to_canonical(&back), text);
            prop_assert_eq!(back, map);
        }
        Err(e) => {
            check_error(&e)?;
            check_locations(bytes, &e)?;
        }
    }
    Ok(())
}

/// Each problem (several, when the loader could step over the first) lies
/// on a line of the file and quotes that line as written.
fn check_locations(bytes: &[u8], e: &LoadError) -> Result<(), TestCaseError> {
    let text = String::from_utf8_lossy(bytes).replace("\r\n", "\n");
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let lines: Vec<&str> = text.split('\n').collect();
    for d in &e.diagnostics {
        if d.line == 0 {
            continue;
        }
        prop_assert!(d.line <= lines.len(), "line {} of {}: {e}", d.line, lines.len());
        let line = lines[d.line - 1];
        prop_assert!(
            d.column >= 1 && d.column <= line.chars().count() + 1,
            "column {} of {line:?}: {e}",
            d.column
        );
    }
    Ok(())
}

fn check_error(e: &LoadError) -> Result<(), TestCaseError> {
    let shown = e.to_string();
    prop_assert!(!e.diagnostics.is_empty());
    prop_assert!(
        !shown
            .chars()
            .any(|c| (c.is_control() && c != '\n') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')),
        "control character in: {shown:?}"
    );
    for d in &e.diagnostics {
        prop_assert!(!d.message.is_empty() && !d.hint.is_empty(), "{shown}");
        if let Some(line) = &d.source_line {
            prop_assert!(d.line > 0, "a quoted line has a number: {shown}");
            prop_assert!(line.chars().count() <= 2 * 60 + 3, "quoted line too long: {shown}");
        }
    }
    prop_assert!(shown.len() < 200_000, "{} bytes of message", shown.len());
    Ok(())
}

proptest! {
    #![proptest_config(config(3000))]

    #[test]
    fn random_bytes(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        check_load(&bytes)?;
    }

    #[test]
    fn random_bytes_after_a_map_header(tail in prop::collection::vec(any::<u8>(), 0..1024)) {
        let mut bytes = b"JourneyMap(\n    format: 1,\n    title: \"Fuzz\",\n    stages: [".to_vec();
        bytes.extend_from_slice(&tail);
        check_load(&bytes)?;
    }
}

proptest! {
    #![proptest_config(config(3000))]

    #[test]
    fn mangled_example_maps(bytes in mangled_map()) {
        check_load(&bytes)?;
    }
}

#[test]
fn the_example_maps_load_unmangled() {
    for bytes in examples() {
        check_load(bytes).unwrap();
        assert!(parse_bytes(bytes, "example").is_ok());
    }
}
