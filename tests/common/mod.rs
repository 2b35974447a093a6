//! Runs the real binary and captures what it printed.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn journeymap(args: &[&str]) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_journeymap"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs");
    Output {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// Like [`journeymap`], but insists on exit 0 and gives stdout.
pub fn stdout_of(args: &[&str]) -> String {
    let out = journeymap(args);
    assert_eq!(out.code, 0, "journeymap {args:?} failed:\n{}", out.stderr);
    out.stdout
}

pub fn fixture(name: &str) -> String {
    format!("tests/fixtures/{name}")
}

/// The example maps shipped in maps/, sorted; empty until they exist.
pub fn example_maps() -> Vec<PathBuf> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("maps");
    let mut maps: Vec<PathBuf> = std::fs::read_dir(&folder)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "ron"))
                .collect()
        })
        .unwrap_or_default();
    maps.sort();
    maps
}

/// Every control character except the line break: what must never reach a terminal.
pub fn has_raw_control(text: &str) -> bool {
    text.chars().any(|c| c.is_control() && c != '\n')
}
