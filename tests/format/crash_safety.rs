//! Saving never loses a map: `journeymap fmt` killed at any moment leaves the
//! old or the new file, links stay links, permissions stay, and a save that
//! cannot happen (read-only file or folder, full disk) says so, exits 2 and
//! leaves the file as it was.
//!
//! Some checks need a privilege or a tool the machine may lack (a tmpfs or
//! bind mount, a user namespace, `chattr`, `mkfifo`); they print a note and
//! pass when it is missing. No save is aimed outside the test's own
//! temporary folder: a FIFO stands in for a device, or a device is bound over
//! a file of that folder; /dev/full is only opened by the test itself, as a
//! child's standard output, where nothing can replace it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::cell::Cell;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Rng, big_compact_map, journeymap_in, mode_of, permission_checks_bypassed, run_with_limit, set_mode};
use journeymap::store::{self, FileStamp, SaveError, parse_str, to_canonical};

const LIMIT: Duration = Duration::from_secs(60);

/// Files in `dir` other than `keep`.
fn others(dir: &Path, keep: &[&str]) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| !keep.iter().any(|k| p.file_name().unwrap() == *k))
        .collect();
    found.sort();
    found
}

/// A temporary file a killed save may leave: hidden, named after the map and
/// ending in `.tmp`, so `*.ron` globs, `journeymap validate maps/*.ron` and
/// git (with `.*.tmp` ignored) pass over it.
fn is_save_leftover(path: &Path, map_name: &str) -> bool {
    let name = path.file_name().unwrap().to_string_lossy();
    name.starts_with(&format!(".{map_name}.")) && name.ends_with(".tmp")
}

#[test]
fn fmt_killed_at_any_moment_leaves_the_old_or_the_new_file() {
    // 2,000 touchpoints, about 450 KB on one line and 700 KB rewritten: in a
    // debug build one run takes about 0.2 s, so 200 kills stay within ~30 s.
    kill_fmt_repeatedly(2_000, 200);
}

/// The same with a bigger map and more kills; run it with
/// `cargo test --release --test crash_safety -- --ignored`.
#[test]
#[ignore = "takes minutes; run with --ignored"]
fn fmt_killed_at_any_moment_large_map_many_kills() {
    kill_fmt_repeatedly(20_000, 1_000);
}

/// Kills `journeymap fmt` `kills` times while it rewrites a compact map of
/// `touchpoints` touchpoints, at moments spread over a whole run, and checks
/// after each kill that the file is byte for byte the old or the new one.
fn kill_fmt_repeatedly(touchpoints: usize, kills: usize) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    let old = big_compact_map(touchpoints);
    let new = to_canonical(&parse_str(&old, "big.ron").unwrap());
    assert_ne!(old, new, "fmt must have something to rewrite");
    assert!(parse_str(&new, "new").is_ok(), "the new content loads");

    let fmt = || {
        Command::new(common::BIN)
            .args(["fmt", "big.ron"])
            .current_dir(dir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };

    // How long a whole run takes here (the median of three): the kills are
    // spread over that time.
    let mut runs = Vec::new();
    for _ in 0..3 {
        fs::write(&path, &old).unwrap();
        let started = Instant::now();
        let status = fmt().wait().unwrap();
        runs.push(started.elapsed());
        assert!(status.success());
        assert_eq!(fs::read_to_string(&path).unwrap(), new);
    }
    runs.sort();
    let full = runs[1];
    eprintln!("a full `fmt` of {} bytes takes {full:?}", old.len());

    let mut rng = Rng::new(0x006a_6f75_726e_6579);
    let (kept_old, got_new, leftovers) = (Cell::new(0), Cell::new(0), Cell::new(0));
    let mut reset = true;
    // Kills `fmt` `delay` µs after its start and checks what it left.
    let mut kill_after = |n: usize, delay: u64| {
        if reset {
            fs::write(&path, &old).unwrap();
        }
        let mut child = fmt();
        std::thread::sleep(Duration::from_micros(delay));
        let _ = child.kill();
        let _ = child.wait();

        let now = fs::read(&path).unwrap();
        if now == old.as_bytes() {
            kept_old.set(kept_old.get() + 1);
            reset = false;
        } else if now == new.as_bytes() {
            got_new.set(got_new.get() + 1);
            reset = true;
        } else {
            panic!(
                "kill {n} after {delay} µs left {} bytes that are neither the old nor the new file",
                now.len()
            );
        }
        for extra in others(dir.path(), &["big.ron"]) {
            assert!(is_save_leftover(&extra, "big.ron"), "unexpected file {extra:?}");
            // A leftover is a partial copy of the new content, never anything else.
            let partial = fs::read(&extra).unwrap();
            assert!(
                new.as_bytes().starts_with(&partial),
                "{extra:?} is not a prefix of the new file"
            );
            leftovers.set(leftovers.get() + 1);
            fs::remove_file(&extra).unwrap();
        }
    };
    let span = full.as_micros() as u64 + 1;
    for n in 0..kills {
        // Half the kills anywhere in the run, half in its second half where
        // the temporary file is written, synced and renamed.
        let delay = if n % 2 == 0 {
            rng.below(span)
        } else {
            span / 2 + rng.below(span / 2 + span / 10)
        };
        kill_after(n, delay);
    }
    // A machine busier (or quieter) than when the run was timed can put
    // every kill before the rename (or after it): kill later (or sooner)
    // until both have been seen, so that both are always checked.
    let mut later = span;
    let mut sooner = span / 4;
    for n in kills..kills + 40 {
        match (kept_old.get(), got_new.get()) {
            (_, 0) => {
                later = later * 3 / 2;
                kill_after(n, later);
            }
            (0, _) => {
                sooner /= 2;
                kill_after(n, sooner);
            }
            _ => break,
        }
    }
    let (kept_old, got_new, leftovers) = (kept_old.get(), got_new.get(), leftovers.get());
    eprintln!(
        "{kills} kills and more: {kept_old} left the old file, {got_new} the new one, {leftovers} left a temporary file"
    );
    assert!(
        kept_old > 0 && got_new > 0,
        "the kills must land both before and after the rename"
    );
}

#[test]
fn a_leftover_temporary_file_confuses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let map = "JourneyMap(title: \"T\", stages: [(id: \"a\", name: \"A\")])";
    fs::write(dir.path().join("m.ron"), map).unwrap();
    // What a save killed half-way leaves behind.
    fs::write(
        dir.path().join(".m.ron.Ab12Cd.tmp"),
        "JourneyMap(\n    format: 1,\n    ti",
    )
    .unwrap();
    let out = journeymap_in(&["fmt", "m.ron"], dir.path(), LIMIT);
    assert_eq!(out.code(), Some(0), "{}", out.stderr_text());
    let out = journeymap_in(&["validate", "m.ron"], dir.path(), LIMIT);
    assert_eq!(out.code(), Some(0), "{}", out.stderr_text());
    // The shell's `*.ron` does not match hidden files, so `validate *.ron` skips it.
    let glob = Command::new("sh")
        .args(["-c", &format!("exec '{}' validate *.ron", common::BIN)])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(glob.status.code(), Some(0), "{}", String::from_utf8_lossy(&glob.stderr));
}

#[test]
fn fmt_through_a_symlink_updates_the_target_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("real")).unwrap();
    let real = dir.path().join("real/map.ron");
    fs::write(&real, "JourneyMap(title:\"T\",stages:[(id:\"a\",name:\"A\")])").unwrap();
    std::os::unix::fs::symlink("real/map.ron", dir.path().join("link.ron")).unwrap();
    std::os::unix::fs::symlink("link.ron", dir.path().join("link2.ron")).unwrap();

    let out = journeymap_in(&["fmt", "link2.ron"], dir.path(), LIMIT);
    assert_eq!(out.code(), Some(0), "{}", out.stderr_text());
    for link in ["link.ron", "link2.ron"] {
        assert!(
            fs::symlink_metadata(dir.path().join(link))
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }
    let text = fs::read_to_string(&real).unwrap();
    assert!(text.starts_with("JourneyMap(\n    format: 1,\n"), "{text}");
    assert_eq!(
        others(dir.path(), &["real", "link.ron", "link2.ron"]),
        Vec::<PathBuf>::new()
    );
    assert_eq!(others(&dir.path().join("real"), &["map.ron"]), Vec::<PathBuf>::new());
}

#[test]
fn fmt_keeps_the_file_permissions() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.ron");
    for mode in [0o640, 0o600, 0o664] {
        fs::write(&path, "JourneyMap(title:\"T\")").unwrap();
        set_mode(&path, mode);
        let out = journeymap_in(&["fmt", "m.ron"], dir.path(), LIMIT);
        assert_eq!(out.code(), Some(0), "{}", out.stderr_text());
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            "JourneyMap(\n    format: 1,\n    title: \"T\",\n)\n"
        );
        assert_eq!(mode_of(&path), mode, "mode {mode:o} must survive");
    }
}

const MESSY: &str = "JourneyMap(title:\"Precious\",stages:[(id:\"a\",name:\"A\")])";

/// Runs `fmt m.ron` in `dir` where the save must fail: exit 2, a message
/// that names the file and says it is unchanged, the original intact and no
/// file added.
fn assert_fmt_refused(dir: &Path, expect_in_message: &str) {
    let mut fmt = Command::new(common::BIN);
    fmt.args(["fmt", "m.ron"]).current_dir(dir);
    assert_refused(run_with_limit(fmt, None, LIMIT), dir, expect_in_message);
}

/// The same, `fmt` run in a user namespace of its own (see
/// [`permissions_apply_in_a_user_namespace`]).
fn assert_fmt_refused_in_a_user_namespace(dir: &Path, expect_in_message: &str) {
    let mut fmt = Command::new("unshare");
    fmt.args(["--user", common::BIN, "fmt", "m.ron"]).current_dir(dir);
    assert_refused(run_with_limit(fmt, None, LIMIT), dir, expect_in_message);
}

fn assert_refused(out: common::Run, dir: &Path, expect_in_message: &str) {
    let err = out.stderr_text();
    assert_eq!(out.code(), Some(2), "{err}");
    assert!(err.contains("cannot write m.ron"), "{err}");
    assert!(err.contains("unchanged"), "{err}");
    assert!(
        err.contains(expect_in_message),
        "expected {expect_in_message:?} in: {err}"
    );
    assert_eq!(fs::read_to_string(dir.join("m.ron")).unwrap(), MESSY);
    assert_eq!(
        others(dir, &["m.ron"]),
        Vec::<PathBuf>::new(),
        "nothing may be left behind"
    );
}

/// Whether a process started by `unshare --user` (a new user namespace with
/// no user mapped into it) is held to the permission bits of files in `dir`.
/// It is, even when started by root: root's privileges reach only files
/// whose owner is mapped into the namespace, and none is. Found by trying.
fn permissions_apply_in_a_user_namespace(dir: &Path) -> bool {
    let probe = dir.join("probe");
    fs::write(&probe, "x").unwrap();
    set_mode(&probe, 0o444);
    let namespace = Command::new("unshare")
        .args(["--user", "true"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    let wrote = Command::new("unshare")
        .args(["--user", "sh", "-c", ": >> \"$0\"", &probe.display().to_string()])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    fs::remove_file(&probe).unwrap();
    namespace && !wrote
}

#[test]
fn fmt_refuses_a_read_only_file() {
    // A file without any write permission is read-only by intent, also for
    // root, who could replace it: fmt decides by the mode, not by trying.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.ron");
    fs::write(&path, MESSY).unwrap();
    set_mode(&path, 0o444);
    assert_fmt_refused(dir.path(), "read-only");
    assert_eq!(mode_of(&path), 0o444);
}

#[test]
fn fmt_refuses_a_file_it_may_not_write() {
    // Write permission for the group but not for the owner: the file is not
    // read-only by its mode, the system's access check refuses it. Root
    // passes that check, so as root fmt runs in a user namespace where the
    // mode bits apply to it.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.ron");
    fs::write(&path, MESSY).unwrap();
    set_mode(&path, 0o464);
    if !permission_checks_bypassed() {
        assert_fmt_refused(dir.path(), "ermission denied");
    } else if permissions_apply_in_a_user_namespace(dir.path()) {
        assert_fmt_refused_in_a_user_namespace(dir.path(), "ermission denied");
    } else {
        eprintln!("note: running as root without user namespaces: a file root may not write cannot be made here");
    }
    assert_eq!(mode_of(&path), 0o464);
    set_mode(&path, 0o644);
}

#[test]
fn fmt_refuses_an_unwritable_folder() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("maps");
    fs::create_dir(&sub).unwrap();
    fs::write(sub.join("m.ron"), MESSY).unwrap();
    if permission_checks_bypassed() {
        // Root writes into a 0555 folder; an immutable folder stops even root.
        let immutable = Command::new("chattr").arg("+i").arg(&sub).output();
        if !immutable.is_ok_and(|o| o.status.success()) {
            eprintln!("note: running as root and `chattr +i` is not available here: unwritable folder not tested");
            return;
        }
        let result = std::panic::catch_unwind(|| assert_fmt_refused(&sub, "not permitted"));
        let _ = Command::new("chattr").arg("-i").arg(&sub).status();
        if let Err(panic) = result {
            std::panic::resume_unwind(panic);
        }
    } else {
        set_mode(&sub, 0o555);
        let result = std::panic::catch_unwind(|| assert_fmt_refused(&sub, "ermission denied"));
        set_mode(&sub, 0o755);
        if let Err(panic) = result {
            std::panic::resume_unwind(panic);
        }
    }
}

/// Runs `script` as root in a private mount namespace (so mounts vanish with
/// it), or gives `None` where that is not possible (not root, no `unshare`).
fn in_private_mounts(dir: &Path, script: &str) -> Option<common::Run> {
    let probe = Command::new("unshare")
        .args([
            "-m",
            "sh",
            "-c",
            "mount -t tmpfs -o size=64k tmpfs \"$0\"",
            &dir.display().to_string(),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    if !probe.is_ok_and(|s| s.success()) {
        return None;
    }
    let mut cmd = Command::new("unshare");
    cmd.args(["-m", "sh", "-c", script, "sh"])
        .current_dir(dir)
        .env("JM", common::BIN);
    Some(run_with_limit(cmd, None, LIMIT))
}

#[test]
fn fmt_on_a_full_disk_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    // Fits in 1 MiB; not together with its canonical form, which the save
    // writes next to it before the rename.
    let map = big_compact_map(3000);
    let canonical = to_canonical(&parse_str(&map, "m").unwrap());
    assert!(map.len() < 900 * 1024 && map.len() + canonical.len() > 1100 * 1024);
    fs::write(dir.path().join("src.ron"), &map).unwrap();
    let script = "set -u
mkdir disk
mount -t tmpfs -o size=1m tmpfs disk || exit 99
cp src.ron disk/m.ron || exit 98
\"$JM\" fmt disk/m.ron 2>err
echo $? > code
cp disk/m.ron after.ron
ls -A disk > listing";
    let Some(run) = in_private_mounts(dir.path(), script) else {
        eprintln!("note: cannot mount a tmpfs here (needs root and unshare): full disk not tested for fmt");
        return;
    };
    assert_eq!(run.code(), Some(0), "{}", run.stderr_text());
    let read = |name: &str| fs::read_to_string(dir.path().join(name)).unwrap();
    let err = read("err");
    assert_eq!(read("code").trim(), "2", "{err}");
    assert!(
        err.contains("cannot write disk/m.ron") && err.contains("No space left"),
        "{err}"
    );
    assert_eq!(read("after.ron"), map, "the original must be intact");
    assert_eq!(read("listing"), "m.ron\n", "no temporary file may stay behind");
}

#[test]
fn fmt_on_a_read_only_filesystem_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("ro")).unwrap();
    fs::write(dir.path().join("ro/m.ron"), MESSY).unwrap();
    let script = "mount --bind ro ro && mount -o remount,bind,ro ro || exit 99
\"$JM\" fmt ro/m.ron 2>err
echo $? > code";
    let Some(run) = in_private_mounts(dir.path(), script) else {
        eprintln!("note: cannot bind-mount here (needs root and unshare): read-only filesystem not tested");
        return;
    };
    assert_eq!(run.code(), Some(0), "{}", run.stderr_text());
    let err = fs::read_to_string(dir.path().join("err")).unwrap();
    assert_eq!(
        fs::read_to_string(dir.path().join("code")).unwrap().trim(),
        "2",
        "{err}"
    );
    assert!(
        err.contains("cannot write ro/m.ron") && err.contains("Read-only file system"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(dir.path().join("ro/m.ron")).unwrap(), MESSY);
    assert_eq!(others(&dir.path().join("ro"), &["m.ron"]), Vec::<PathBuf>::new());
}

/// Commands that write their result to standard output, run with stdout on
/// /dev/full: a lost result must be an error (exit 2), never a silent success.
#[test]
fn output_to_a_full_disk_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let good = "JourneyMap(title:\"T\",stages:[(id:\"a\",name:\"A\")])";
    fs::write(dir.path().join("m.ron"), good).unwrap();
    fs::write(dir.path().join("n.ron"), good.replace("\"A\"", "\"B\"")).unwrap();
    let cases: &[&[&str]] = &[
        &["fmt", "-"],
        &["validate", "m.ron"],
        &["diff", "m.ron", "n.ron"],
        &["templates"],
        &["templates", "aida", "--ron"],
        &["completions", "bash"],
        &["matrix", "m.ron"],
        &["lint", "m.ron", "--deny", "error"],
        &["report", "m.ron"],
        &["report", "m.ron", "--format", "json"],
        &["report", "m.ron", "--format", "csv", "-o", "-"],
    ];
    for args in cases {
        let mut cmd = Command::new(common::BIN);
        cmd.args(*args)
            .current_dir(dir.path())
            .stdin(fs::File::open(dir.path().join("m.ron")).unwrap())
            .stdout(fs::File::options().write(true).open("/dev/full").unwrap())
            .stderr(Stdio::piped());
        let out = cmd.output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains("cannot write") && err.contains("No space left"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
    assert_eq!(fs::read_to_string(dir.path().join("m.ron")).unwrap(), good);
}

/// `-o` naming a device that is full: written in place, so the error is the
/// device's and the device stays. The device is the system's /dev/full bound
/// over a file of the test's folder in a private mount namespace: a save
/// that wrongly replaced it would rename onto a mount point, which the
/// system refuses, so not even a bug can replace a device of the machine.
#[test]
fn report_to_a_full_device_fails_and_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("m.ron"), MESSY).unwrap();
    let script = "touch full && mount --bind /dev/full full || exit 99
\"$JM\" report m.ron --format markdown -o full 2>err
echo $? > code
test -c full && echo device > kind";
    let Some(run) = in_private_mounts(dir.path(), script) else {
        eprintln!("note: cannot bind-mount here (needs root and unshare): a full device named by -o not tested");
        return;
    };
    assert_eq!(run.code(), Some(0), "{}", run.stderr_text());
    let read = |name: &str| fs::read_to_string(dir.path().join(name)).unwrap();
    let err = read("err");
    assert_eq!(read("code").trim(), "2", "{err}");
    assert!(err.contains("cannot write") && err.contains("No space left"), "{err}");
    assert_eq!(read("kind"), "device\n", "the device must stay a device");
    assert_eq!(read("m.ron"), MESSY);
    // Outside the namespace `full` is the empty file the device was bound over.
    assert_eq!(read("full"), "");
    assert_eq!(
        others(dir.path(), &["m.ron", "full", "err", "code", "kind"]),
        Vec::<PathBuf>::new()
    );
}

#[test]
fn report_to_a_named_pipe_writes_to_it_and_keeps_it() {
    use std::io::{Read, Write};
    use std::os::unix::fs::FileTypeExt;
    // A FIFO stands for any file that is not a regular one (/dev/null, a
    // terminal): made in the test's folder, so that a save that wrongly
    // replaced it would replace nothing of the machine's.
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("m.ron"), MESSY).unwrap();
    let fifo = dir.path().join("pipe");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("note: mkfifo is not available: writing to a named pipe not tested");
        return;
    }
    // Held open for reading and writing (which does not block on Linux), so
    // that the report's open for writing finds a reader.
    let mut pipe = fs::OpenOptions::new().read(true).write(true).open(&fifo).unwrap();
    let out = journeymap_in(&["report", "m.ron", "-o", "pipe"], dir.path(), LIMIT);
    assert_eq!(out.code(), Some(0), "{}", out.stderr_text());
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    // What the report wrote, then a marker of ours: reading up to the marker
    // never waits for bytes that were not written.
    pipe.write_all(b"<end>").unwrap();
    let mut got = Vec::new();
    let mut buf = [0; 4096];
    while !got.ends_with(b"<end>") {
        let n = pipe.read(&mut buf).unwrap();
        got.extend_from_slice(&buf[..n]);
    }
    let report = String::from_utf8_lossy(&got[..got.len() - 5]).into_owned();
    assert!(report.contains("Precious"), "{report}");
    assert_eq!(others(dir.path(), &["m.ron", "pipe"]), Vec::<PathBuf>::new());

    // /dev/stdout is a link, through /proc, to the process's own output:
    // here a pipe of this test. Were it wrongly replaced, the link would
    // lead to /proc/self/fd, where no file can be made: nothing of the
    // machine's is at stake.
    let out = journeymap_in(&["report", "m.ron", "-o", "/dev/stdout"], dir.path(), LIMIT);
    assert_eq!(out.code(), Some(0), "{}", out.stderr_text());
    assert!(out.stdout_text().contains("Precious"), "{}", out.stdout_text());
    assert_eq!(others(dir.path(), &["m.ron", "pipe"]), Vec::<PathBuf>::new());
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    // `journeymap completions zsh | head -1`: the reader leaving early is normal.
    let mut child = Command::new(common::BIN)
        .args(["completions", "zsh"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn save_never_replaces_a_file_changed_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.ron");
    fs::write(&path, MESSY).unwrap();
    let loaded = store::load(&path).unwrap();
    // Someone else (git, an editor) changes the file after we loaded it.
    let theirs = MESSY.replace("Precious", "Theirs");
    fs::write(&path, &theirs).unwrap();
    let mut ours = loaded.map.clone();
    ours.title = "Ours".into();
    assert!(matches!(
        store::save(&path, &ours, Some(loaded.stamp)),
        Err(SaveError::ChangedOnDisk)
    ));
    assert_eq!(fs::read_to_string(&path).unwrap(), theirs);
    // Deleted since: also a change, not a licence to write.
    fs::remove_file(&path).unwrap();
    assert!(matches!(
        store::save(&path, &ours, Some(loaded.stamp)),
        Err(SaveError::ChangedOnDisk)
    ));
    assert!(!path.exists());
    // Unchanged: saved, and the new stamp matches what is on disk.
    fs::write(&path, MESSY).unwrap();
    let stamp = store::save(&path, &ours, Some(FileStamp::of(MESSY.as_bytes()))).unwrap();
    assert_eq!(store::stamp_on_disk(&path).unwrap(), Some(stamp));
    assert_eq!(store::load(&path).unwrap().map, ours);
}
