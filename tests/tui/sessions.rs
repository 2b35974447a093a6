//! Sessions that end badly or overlap, with the real binary in a
//! pseudo-terminal: a second workbench on the same map, a lock left by a
//! killed session, SIGKILL / SIGTERM / SIGHUP with unsaved edits, the file
//! changed on disk while open, and saves killed at random moments.
//!
//! Signals are sent with `kill(1)`: the standard library only sends SIGKILL,
//! and portable-pty's `Child::kill` sends SIGHUP first.
//!
//! The random-kill test runs `JOURNEYMAP_KILL_ROUNDS` rounds (default 20);
//! for a long run: `JOURNEYMAP_KILL_ROUNDS=200 cargo test --test tui_sessions
//! saves_killed -- --nocapture`. `JOURNEYMAP_KILL_SEED` repeats a run.

#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use journeymap::tui::{lock, recovery};

use crate::pty;

use pty::{STEP, Session};

impl Session {
    /// Adds a touchpoint named `name` in the first stage (the Touchpoints
    /// view must be showing) and leaves its form; the map is then modified.
    fn add_touchpoint(&mut self, name: &str) {
        self.send("a");
        self.wait_for("New touchpoint");
        self.send(name);
        self.wait_for(name);
        self.send("\r");
        self.wait_for("stage of the new touchpoint");
        self.send("\r");
        self.wait_for("Edit touchpoint");
        self.send("\x1b");
        self.wait_for("a add");
    }
}

/// A temporary folder with a copy of an example map and a data folder.
struct Place {
    _dir: tempfile::TempDir,
    root: PathBuf,
    data: PathBuf,
    map: PathBuf,
}

const MAP: &str = "bean-box-coffee.ron";

fn place() -> Place {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("maps").join(MAP);
    std::fs::copy(source, root.join(MAP)).unwrap();
    Place {
        data: root.join("data"),
        map: root.join(MAP),
        root,
        _dir: dir,
    }
}

impl Place {
    fn start(&self) -> Session {
        Session::start(&self.root, &self.data, &[MAP])
    }

    fn lock_file(&self) -> PathBuf {
        lock::lock_path(&self.data, &self.map)
    }

    fn recovery_file(&self) -> PathBuf {
        recovery::recovery_path(&self.data, &self.map)
    }

    /// The pid written in the lock file, if there is one.
    fn lock_pid(&self) -> Option<u32> {
        let text = std::fs::read_to_string(self.lock_file()).ok()?;
        text.lines().find_map(|l| l.strip_prefix("pid: ")?.trim().parse().ok())
    }

    fn locks_left(&self) -> Vec<PathBuf> {
        std::fs::read_dir(self.data.join("locks"))
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default()
    }

    /// Waits until the recovery copy holds `text`; how long that took.
    fn wait_recovery_with(&self, text: &str) -> Duration {
        let started = Instant::now();
        while started.elapsed() < STEP {
            if std::fs::read_to_string(self.recovery_file()).is_ok_and(|t| t.contains(text)) {
                return started.elapsed();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("the recovery copy never held {text:?}");
    }
}

fn touchpoint_names(path: &Path) -> Vec<String> {
    let map = journeymap::store::load(path).unwrap().map;
    map.touchpoints.into_iter().map(|t| t.name).collect()
}

#[test]
fn a_second_workbench_on_the_same_map_is_warned() {
    let p = place();
    let mut first = p.start();
    first.wait_for("Overview");
    assert_eq!(p.lock_pid(), Some(first.pid()), "the first session holds the lock");

    let mut second = p.start();
    second.wait_for("already being edited");
    second.wait_for("open it anyway");
    let screen = second.screen();
    assert!(screen.contains(&format!("pid {}", first.pid())), "{screen}");
    assert!(screen.contains(&lock::host_name()), "{screen}");
    second.send("q");
    assert_eq!(second.wait_exit().exit_code(), 0);
    assert_eq!(
        p.lock_pid(),
        Some(first.pid()),
        "quitting the second leaves the lock alone"
    );

    // The first one still works.
    first.send("3");
    first.wait_for("Touchpoints ");
    first.add_touchpoint("First session booth");

    // Opening anyway: allowed, with a warning; the lock stays the first's.
    let mut third = p.start();
    third.wait_for("already being edited");
    third.send("o");
    third.wait_for("also open in another session");
    third.send("q");
    assert_eq!(third.wait_exit().exit_code(), 0);
    assert_eq!(p.lock_pid(), Some(first.pid()));

    first.send("\x13");
    first.wait_for("saved bean-box");
    first.send("q");
    assert_eq!(first.wait_exit().exit_code(), 0);
    assert!(p.locks_left().is_empty(), "the lock is removed: {:?}", p.locks_left());
    assert!(touchpoint_names(&p.map).contains(&"First session booth".to_string()));
}

#[test]
fn a_lock_left_by_a_dead_session_is_taken_over() {
    let p = place();
    let mut gone = std::process::Command::new("true").spawn().unwrap();
    let dead_pid = gone.id();
    gone.wait().unwrap();
    std::fs::create_dir_all(p.lock_file().parent().unwrap()).unwrap();
    let started = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    std::fs::write(
        p.lock_file(),
        format!("pid: {dead_pid}\nhost: {}\nstarted: {started}\n", lock::host_name()),
    )
    .unwrap();

    let mut s = p.start();
    s.wait_for("Overview");
    assert!(!s.screen().contains("already being edited"));
    s.wait_for("took over the lock");
    assert_eq!(p.lock_pid(), Some(s.pid()));
    s.send("q");
    assert_eq!(s.wait_exit().exit_code(), 0);
    assert!(p.locks_left().is_empty(), "{:?}", p.locks_left());
}

#[test]
fn edits_survive_sigkill_through_the_recovery_copy() {
    let p = place();
    let mut s = p.start();
    s.wait_for("Overview");
    s.send("3");
    s.wait_for("Touchpoints ");
    s.add_touchpoint("Killed booth");
    // The first unsaved edit is copied at once, not at some later tick.
    let first = p.wait_recovery_with("Killed booth");
    assert!(first < Duration::from_secs(5), "first recovery copy after {first:?}");
    // A later edit is copied too, within the 2 s interval.
    s.add_touchpoint("Later booth");
    let later = p.wait_recovery_with("Later booth");
    assert!(later < Duration::from_secs(6), "later recovery copy after {later:?}");
    s.kill_hard();
    assert!(p.lock_file().exists(), "SIGKILL leaves the lock behind");

    let mut again = p.start();
    again.wait_for("Unsaved edits found");
    assert!(
        !again.screen().contains("already being edited"),
        "the stale lock is taken over"
    );
    again.send("r");
    again.wait_for("restored the unsaved edits");
    again.send("3");
    again.wait_for("Killed booth");
    again.wait_for("Later booth");
    again.send("\x13");
    again.wait_for("saved bean-box");
    again.send("q");
    assert_eq!(again.wait_exit().exit_code(), 0);
    let names = touchpoint_names(&p.map);
    assert!(names.contains(&"Killed booth".to_string()) && names.contains(&"Later booth".to_string()));
    assert!(!p.recovery_file().exists(), "the copy is removed after the save");
    assert!(p.locks_left().is_empty(), "{:?}", p.locks_left());
}

#[test]
fn comments_survive_a_save_and_go_with_a_deleted_item() {
    let p = place();
    let canonical = std::fs::read_to_string(&p.map).unwrap();
    let commented = format!("// Bean Box plan, kept by Mia.\n{canonical}")
        .replacen(
            "        Touchpoint(\n            id: \"aw-google-ads\",",
            "        // The biggest budget: review monthly.\n        Touchpoint(\n            id: \"aw-google-ads\",",
            1,
        )
        .replacen(
            "            cta: \"Read the guide\",",
            "            cta: \"Read the guide\", // A/B test in May",
            1,
        );
    assert_eq!(
        commented.matches("//").count(),
        3,
        "the example map changed: {commented}"
    );
    std::fs::write(&p.map, &commented).unwrap();

    let mut s = p.start();
    s.wait_for("Overview");
    s.send("3");
    s.wait_for("Touchpoints ");
    s.add_touchpoint("Commented booth");
    // The first touchpoint, whose comment goes with it.
    s.send("g");
    s.send("d");
    s.wait_for("y yes");
    s.send("y");
    s.wait_for("deleted");
    s.send("\x13");
    s.wait_for("saved bean-box");
    s.send("q");
    assert_eq!(s.wait_exit().exit_code(), 0);
    let saved = std::fs::read_to_string(&p.map).unwrap();
    assert!(
        saved.starts_with("// Bean Box plan, kept by Mia.\nJourneyMap(\n"),
        "{saved}"
    );
    assert!(
        saved.contains("            cta: \"Read the guide\", // A/B test in May\n"),
        "{saved}"
    );
    assert!(
        !saved.contains("aw-google-ads") && !saved.contains("biggest budget"),
        "{saved}"
    );
    assert!(touchpoint_names(&p.map).contains(&"Commented booth".to_string()));
}

/// Makes two edits, sends `signal` right after the second one and returns
/// the ended session.
fn edit_then_signal(p: &Place, signal: &str) -> (Session, portable_pty::ExitStatus, Duration) {
    let mut s = p.start();
    s.wait_for("Overview");
    s.send("3");
    s.wait_for("Touchpoints ");
    s.add_touchpoint("Signalled booth");
    p.wait_recovery_with("Signalled booth");
    s.add_touchpoint("Last word booth");
    let sent = Instant::now();
    s.signal(signal);
    let status = s.wait_exit();
    (s, status, sent.elapsed())
}

#[test]
fn sigterm_restores_the_terminal_keeps_the_edits_and_unlocks() {
    let p = place();
    let (s, status, took) = edit_then_signal(&p, "TERM");
    assert_eq!(status.exit_code(), 143, "{status:?}");
    assert!(took < Duration::from_secs(5), "took {took:?} to end");
    let screen = s.parser.screen();
    assert!(!screen.alternate_screen(), "left the alternate screen");
    assert!(!screen.hide_cursor(), "the cursor is shown");
    let raw = String::from_utf8_lossy(&s.raw);
    assert!(
        raw.rfind("\x1b[?1049l") > raw.rfind("\x1b[?1049h"),
        "leaves the alternate screen last"
    );
    assert!(
        raw.rfind("\x1b[?1000l") > raw.rfind("\x1b[?1000h"),
        "mouse capture is turned off"
    );
    let copy = std::fs::read_to_string(p.recovery_file()).unwrap();
    assert!(
        copy.contains("Last word booth"),
        "the last edit is in the recovery copy"
    );
    assert!(p.locks_left().is_empty(), "{:?}", p.locks_left());
    assert_eq!(
        std::fs::read(&p.map).unwrap(),
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("maps").join(MAP)).unwrap(),
        "the map itself is untouched"
    );

    // Reopening offers the edits.
    let mut again = p.start();
    again.wait_for("Unsaved edits found");
    again.send("r");
    again.send("3");
    again.wait_for("Last word booth");
    again.send("q");
    again.wait_for("Unsaved changes");
    again.send("d");
    assert_eq!(again.wait_exit().exit_code(), 0);
    assert!(!p.recovery_file().exists(), "discarding removes the copy");
}

#[test]
fn sighup_keeps_the_edits_and_unlocks_without_the_terminal() {
    let p = place();
    let (_s, status, took) = edit_then_signal(&p, "HUP");
    assert_eq!(status.exit_code(), 129, "{status:?}");
    assert!(took < Duration::from_secs(5), "took {took:?} to end");
    let copy = std::fs::read_to_string(p.recovery_file()).unwrap();
    assert!(
        copy.contains("Last word booth"),
        "the last edit is in the recovery copy"
    );
    assert!(p.locks_left().is_empty(), "{:?}", p.locks_left());
}

#[test]
fn closing_the_terminal_window_keeps_the_edits_and_unlocks() {
    let p = place();
    let mut s = p.start();
    s.wait_for("Overview");
    s.send("3");
    s.wait_for("Touchpoints ");
    s.add_touchpoint("Window closed booth");
    let closed = Instant::now();
    s.close_terminal();
    let status = s.wait_exit();
    assert_eq!(status.exit_code(), 129, "{status:?}");
    let took = closed.elapsed();
    assert!(took < Duration::from_secs(6), "took {took:?} to end");
    let copy = std::fs::read_to_string(p.recovery_file()).unwrap();
    assert!(copy.contains("Window closed booth"));
    assert!(p.locks_left().is_empty(), "{:?}", p.locks_left());
}

#[test]
fn a_file_changed_on_disk_is_noticed_and_never_overwritten() {
    let p = place();
    let mut s = p.start();
    s.wait_for("Overview");
    s.send("3");
    s.wait_for("Touchpoints ");
    s.add_touchpoint("My unsaved booth");

    // Someone else changes the file, like a `git pull`.
    let write_theirs = |title: &str| {
        let mut map = journeymap::store::load(&p.map).unwrap().map;
        map.title = title.into();
        journeymap::store::save(&p.map, &map, None).unwrap();
        std::fs::read(&p.map).unwrap()
    };
    let theirs = write_theirs("Pulled from upstream");
    // Noticed on the periodic look, before any save.
    s.wait_for("changed on disk");
    s.send("\x13");
    s.wait_for("The file changed on disk");
    // The status line is drawn last: the dialog is complete.
    s.wait_for("w save elsewhere");
    s.send("\x1b");
    s.wait_for("nothing saved");
    assert_eq!(std::fs::read(&p.map).unwrap(), theirs);

    // Changed again and saved at once, before the next look: refused too.
    let theirs = write_theirs("Pulled again");
    s.send("\x13");
    s.wait_for("w save elsewhere");
    assert!(s.screen().contains("The file changed on disk"), "{}", s.screen());
    s.send("\x1b");
    // The list's key hints are back: the dialog is closed.
    s.wait_for("a add");
    s.send("q");
    s.wait_for("Unsaved changes");
    s.send("d");
    assert_eq!(s.wait_exit().exit_code(), 0);
    assert_eq!(std::fs::read(&p.map).unwrap(), theirs, "their version is kept");
    assert!(!touchpoint_names(&p.map).contains(&"My unsaved booth".to_string()));
}

/// A small deterministic generator: no dependency needed for kill delays.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

/// A map of several megabytes: thousands of touchpoints with long names.
fn large_map(path: &Path) {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("maps").join(MAP);
    let mut map = journeymap::store::load(&example).unwrap().map;
    let template = map.touchpoints[0].clone();
    let stages: Vec<String> = map.stages.iter().map(|s| s.id.clone()).collect();
    map.touchpoints = (0..6_000)
        .map(|n| journeymap::model::Touchpoint {
            id: format!("tp-{n}"),
            name: format!(
                "Touchpoint {n}: {}",
                "a long description of a moment in the journey ".repeat(3)
            ),
            stage: stages[n % stages.len()].clone(),
            ..(*template).clone()
        })
        .map(Box::new)
        .collect();
    // The example's own touchpoints are gone, so links to them go too.
    for pain in &mut map.pain_points {
        pain.touchpoints.clear();
    }
    for opportunity in &mut map.opportunities {
        opportunity.touchpoints.clear();
    }
    for campaign in &mut map.campaigns {
        campaign.touchpoints.clear();
    }
    journeymap::store::save(path, &map, None).unwrap();
}

#[test]
fn saves_killed_at_random_moments_leave_the_old_or_the_new_file() {
    let rounds: u32 = std::env::var("JOURNEYMAP_KILL_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20);
    let seed: u64 = std::env::var("JOURNEYMAP_KILL_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        })
        | 1;
    eprintln!("JOURNEYMAP_KILL_SEED={seed} JOURNEYMAP_KILL_ROUNDS={rounds}");
    let mut rng = Rng(seed);

    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let map = root.join("large.ron");
    large_map(&map);
    let old = std::fs::read(&map).unwrap();
    eprintln!("map of {} bytes", old.len());

    // One full save gives the new content and how long a save takes.
    let session = |round: u32| {
        let mut s = Session::start(&root, &root.join(format!("data-{round}")), &["large.ron"]);
        s.wait_for("Overview");
        s.send("3");
        s.wait_for("Touchpoints ");
        s.add_touchpoint("Kill round booth");
        s
    };
    let mut s = session(0);
    let started = Instant::now();
    s.send("\x13");
    s.wait_for("saved large.ron");
    let save_time = started.elapsed();
    s.send("q");
    assert_eq!(s.wait_exit().exit_code(), 0);
    let new = std::fs::read(&map).unwrap();
    assert_ne!(old, new);
    eprintln!("a save takes about {save_time:?}");

    let window = (save_time.as_micros() as u64 * 3 / 2).max(1000);
    let (mut kept_old, mut kept_new) = (0, 0);
    for round in 1..=rounds {
        std::fs::write(&map, &old).unwrap();
        let mut s = session(round);
        let delay = Duration::from_micros(rng.below(window));
        s.send("\x13");
        std::thread::sleep(delay);
        s.kill_hard();
        let now = std::fs::read(&map).unwrap();
        if now == old {
            kept_old += 1;
        } else if now == new {
            kept_new += 1;
        } else {
            panic!(
                "round {round} (seed {seed}, kill after {delay:?}): the file is neither the old nor the new content ({} bytes)",
                now.len()
            );
        }
        journeymap::store::load(&map).unwrap();
    }
    let leftovers = std::fs::read_dir(&root)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .count();
    eprintln!("{rounds} kills: {kept_old} left the old file, {kept_new} the new one; {leftovers} temporary files left");
}
