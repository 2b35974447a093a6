//! The text report of a map large enough that its long lists (the stages'
//! touchpoints, the touchpoints, the findings) are laid out in many
//! batches, on a second thread where the machine has one: the same text
//! whatever the output, and a lost output ends it cleanly.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::common::{big_compact_map_with_notes, wait_limited};

const LIMIT: Duration = Duration::from_secs(60);

/// A map of 4,000 touchpoints with notes: well over a hundred batches.
fn write_big_map(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("big.ron");
    std::fs::write(&path, big_compact_map_with_notes(4_000, 150)).unwrap();
    path
}

fn report(path: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_journeymap"));
    cmd.args([
        "report",
        path.to_str().unwrap(),
        "--today",
        "2026-05-01",
        "--width",
        "90",
    ])
    .env("NO_COLOR", "1");
    cmd
}

#[test]
fn a_large_report_is_the_same_on_standard_output_and_in_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_big_map(dir.path());
    let piped = report(&path).output().unwrap();
    assert!(piped.status.success(), "{}", String::from_utf8_lossy(&piped.stderr));
    let text = String::from_utf8(piped.stdout).unwrap();
    // Stage 0's touchpoints are listed under it in the order of the map.
    let stage_0 = text.find("1. Stage 0").unwrap();
    let listed: Vec<usize> = (0..4_000)
        .step_by(12)
        .map(|n| text[stage_0..].find(&format!("Touchpoint number {n}: ")).unwrap())
        .collect();
    assert!(
        listed.windows(2).all(|pair| pair[0] < pair[1]),
        "stage 0's touchpoints out of order"
    );

    let file = dir.path().join("report.txt");
    let status = report(&path).args(["-o", file.to_str().unwrap()]).status().unwrap();
    assert!(status.success());
    assert!(
        std::fs::read_to_string(&file).unwrap() == text,
        "the file differs from standard output"
    );
}

#[test]
fn a_full_disk_ends_a_large_report_with_an_error_not_a_panic() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return; // not a Linux-like system
    };
    let dir = tempfile::tempdir().unwrap();
    let path = write_big_map(dir.path());
    let mut child = report(&path).stdout(full).stderr(Stdio::piped()).spawn().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let status = wait_limited(&mut child, LIMIT, "the report");
    let mut message = String::new();
    stderr.read_to_string(&mut message).unwrap();
    assert_eq!(status.code(), Some(2), "{message}");
    assert!(message.contains("cannot write the output"), "{message}");
    assert!(!message.contains("panicked"), "{message}");
}

#[test]
fn a_reader_that_goes_away_ends_a_large_report_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_big_map(dir.path());
    let mut child = report(&path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut start = vec![0; 4_096];
    stdout.read_exact(&mut start).unwrap();
    drop(stdout);
    let mut stderr = child.stderr.take().unwrap();
    let status = wait_limited(&mut child, LIMIT, "the report");
    let mut message = String::new();
    stderr.read_to_string(&mut message).unwrap();
    assert!(status.success(), "{status}: {message}");
    assert_eq!(message, "", "a closed pipe is not an error to report");
}
