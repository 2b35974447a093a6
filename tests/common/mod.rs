//! Helpers shared by the integration tests: the real binary run and its
//! output captured (with a time limit where a hang must fail the test),
//! generated maps, and a small deterministic random number generator.

#![allow(dead_code)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

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

pub const BIN: &str = env!("CARGO_BIN_EXE_journeymap");

/// What a finished run of the binary gave.
#[derive(Debug)]
pub struct Run {
    pub status: ExitStatus,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub elapsed: Duration,
}

impl Run {
    pub fn code(&self) -> Option<i32> {
        self.status.code()
    }

    pub fn stderr_text(&self) -> String {
        String::from_utf8_lossy(&self.stderr).into_owned()
    }

    pub fn stdout_text(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }
}

/// Waits for `child` (which `what` names), killing it and failing the test
/// once it has run longer than `limit`: a hang fails the test instead of
/// stalling CI.
pub fn wait_limited(child: &mut std::process::Child, limit: Duration, what: &str) -> std::process::ExitStatus {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what} did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// Runs `cmd` with its stdin from `stdin` (or nothing), killing it if it
/// takes longer than `limit`: a hang fails the test instead of stalling CI.
pub fn run_with_limit(mut cmd: Command, stdin: Option<&Path>, limit: Duration) -> Run {
    cmd.env("NO_COLOR", "1").stdout(Stdio::piped()).stderr(Stdio::piped());
    match stdin {
        Some(path) => cmd.stdin(std::fs::File::open(path).unwrap()),
        None => cmd.stdin(Stdio::null()),
    };
    let started = Instant::now();
    let mut child = cmd.spawn().unwrap();
    // Drain both pipes on threads so a chatty child never blocks on a full pipe.
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out_thread = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = out.read_to_end(&mut buf);
        buf
    });
    let err_thread = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = err.read_to_end(&mut buf);
        buf
    });
    let status = wait_limited(&mut child, limit, &format!("{cmd:?}"));
    let elapsed = started.elapsed();
    Run {
        status,
        stdout: out_thread.join().unwrap(),
        stderr: err_thread.join().unwrap(),
        elapsed,
    }
}

/// `journeymap ARGS` in `dir`, with a time limit.
pub fn journeymap_in(args: &[&str], dir: &Path, limit: Duration) -> Run {
    let mut cmd = Command::new(BIN);
    cmd.args(args).current_dir(dir);
    run_with_limit(cmd, None, limit)
}

/// Whether this process may write where permissions say it may not (root,
/// or CAP_DAC_OVERRIDE): found by trying, not by asking who we are.
pub fn permission_checks_bypassed() -> bool {
    let dir = tempfile::tempdir().unwrap();
    let probe = dir.path().join("probe");
    std::fs::write(&probe, "x").unwrap();
    set_mode(&probe, 0o444);
    let bypassed = std::fs::OpenOptions::new().append(true).open(&probe).is_ok();
    set_mode(&probe, 0o644);
    bypassed
}

pub fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

pub fn mode_of(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

/// A valid map with `touchpoints` touchpoints, written on one line with odd
/// spacing: valid, but as far from the canonical form as RON allows.
pub fn big_compact_map(touchpoints: usize) -> String {
    big_compact_map_with_notes(touchpoints, 0)
}

/// Like [`big_compact_map`], each touchpoint with `notes` more bytes of notes:
/// a big file with less parsing work per byte.
pub fn big_compact_map_with_notes(touchpoints: usize, notes: usize) -> String {
    let filler: String = "Long notes, line after line, as a strategist writes them. "
        .chars()
        .cycle()
        .take(notes)
        .collect();
    let mut s = String::with_capacity((200 + notes) * touchpoints + 4096);
    s.push_str("JourneyMap(format:1,title:\"Generated load map\",framework:\"aida\",stages:[");
    let stages = 12;
    let tactics = 40;
    for n in 0..stages {
        s.push_str(&format!(
            "Stage(id:\"s{n}\",name:\"Stage {n}\",goal:\"Goal of stage {n}\",tactics:[\"t{}\",\"t{}\"]),",
            n % tactics,
            (n * 7 + 1) % tactics
        ));
    }
    s.push_str("],tactics:[");
    for n in 0..tactics {
        s.push_str(&format!(
            "Tactic(id:\"t{n}\",name:\"Tactic {n}\",discipline:\"D{}\"),",
            n % 5
        ));
    }
    s.push_str("],personas:[Persona(id:\"p0\",name:\"Olivia\"),Persona(id:\"p1\",name:\"Omar\")],touchpoints:[");
    for n in 0..touchpoints {
        s.push_str(&format!(
            "Touchpoint(  id:\"tp{n}\" ,name:\"Touchpoint number {n}: an ad, a post or a call\",stage:\"s{}\",tactics:[\"t{}\",\"t{}\"],personas:[\"p{}\"],channel:\"Channel {}\",notes:\"Notes about touchpoint {n}. {filler}\"),",
            n % stages,
            n % tactics,
            (n + 1) % tactics,
            n % 2,
            n % 17
        ));
    }
    s.push_str("])");
    s
}

/// xorshift64*: deterministic, so a failing run can be repeated exactly.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }
}

/// Cells `s` takes in a terminal that places one code point per cell, as
/// glibc's `wcswidth`, xterm and tmux do: the reference the grids and the
/// workbench are checked against. Never `unicode-width`'s whole-string
/// rule, which counts the Arabic lam-alef pair as one cell.
pub fn wcwidth(s: &str) -> usize {
    s.chars()
        .map(|c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(0))
        .sum()
}
