//! Recovery copies of unsaved edits, and the list of recently opened maps.
//!
//! Both live in the data directory: `$JOURNEYMAP_DATA_DIR` if set, else the
//! platform's data directory for journeymap (`~/.local/share/journeymap` on
//! Linux). A recovery copy is `recovery/<hash of the map's absolute path>.ron`,
//! canonical RON preceded by a comment naming the map it belongs to.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use crate::model::JourneyMap;
use crate::model::edit::Edit;
use crate::store;

/// The environment variable that overrides the data directory.
pub const DATA_DIR_ENV: &str = "JOURNEYMAP_DATA_DIR";

/// How many recently opened maps are remembered.
const RECENT_MAX: usize = 20;

/// Unsaved edits, where the panic hook and the recovery writer can reach
/// them without the app copying the map on every edit: a base map (shared,
/// never changed) and the edits made since, each an item-sized [`Edit`].
/// Recording an edit is a push under a briefly held lock; the recovery writer
/// folds the edits into a new base away from the keyboard's thread.
#[derive(Debug, Clone)]
pub struct Journal {
    /// Where the recovery copy goes.
    pub recovery_file: PathBuf,
    /// The map file it belongs to.
    pub map_path: PathBuf,
    base: Arc<JourneyMap>,
    /// Edits since `base`: `(edit, true)` applies it, `(edit, false)` reverts it.
    steps: Vec<(Arc<Edit>, bool)>,
    /// There are unsaved edits.
    dirty: bool,
    /// Bumped by every step, save and discard.
    generation: u64,
    /// The generation the recovery copy holds.
    written: u64,
    /// The last failure to write the copy, for the app to show.
    pub error: Option<String>,
}

impl Journal {
    pub fn new(recovery_file: PathBuf, map_path: PathBuf, base: Arc<JourneyMap>) -> Self {
        Self {
            recovery_file,
            map_path,
            base,
            steps: Vec::new(),
            dirty: false,
            generation: 0,
            written: 0,
            error: None,
        }
    }

    /// The map now: the base with every step applied.
    fn current(base: &JourneyMap, steps: &[(Arc<Edit>, bool)]) -> JourneyMap {
        let mut map = base.clone();
        for (edit, forward) in steps {
            if *forward {
                edit.apply(&mut map);
            } else {
                edit.revert(&mut map);
            }
        }
        map
    }
}

/// The journal of the map being edited; `None` keeps no recovery copy.
pub type Shared = Arc<Mutex<Option<Journal>>>;

fn lock(shared: &Shared) -> std::sync::MutexGuard<'_, Option<Journal>> {
    match shared.lock() {
        Ok(guard) => guard,
        Err(poisoned) => poisoned.into_inner(),
    }
}

/// Notes an edit made (`forward`) or undone (`!forward`).
pub fn record(shared: &Shared, edit: Arc<Edit>, forward: bool) {
    if let Some(journal) = lock(shared).as_mut() {
        journal.steps.push((edit, forward));
        journal.dirty = true;
        journal.generation += 1;
    }
}

/// The map was saved (or its edits discarded): nothing to recover until the next edit.
pub fn clean(shared: &Shared) {
    if let Some(journal) = lock(shared).as_mut() {
        journal.dirty = false;
        journal.generation += 1;
        journal.written = journal.generation;
    }
}

/// Starts afresh from `map` (after a reload), or follows the map to another file.
pub fn reset(shared: &Shared, journal: Option<Journal>) {
    *lock(shared) = journal;
}

/// Whether there is no journal (none kept, or not started yet).
pub fn is_empty(shared: &Shared) -> bool {
    lock(shared).is_none()
}

/// Takes the last write error, if any.
pub fn take_error(shared: &Shared) -> Option<String> {
    lock(shared).as_mut().and_then(|j| j.error.take())
}

/// Writes the recovery copy if there are edits it does not hold yet, then
/// folds those edits into the base. The map is rebuilt and written without
/// holding the lock, so edits go on meanwhile.
pub fn flush(shared: &Shared) -> bool {
    let (base, steps, generation, file, map_path) = {
        let guard = lock(shared);
        let Some(j) = guard.as_ref() else {
            return false;
        };
        if !j.dirty || j.written == j.generation {
            return false;
        }
        (
            Arc::clone(&j.base),
            j.steps.clone(),
            j.generation,
            j.recovery_file.clone(),
            j.map_path.clone(),
        )
    };
    let map = Journal::current(&base, &steps);
    let result = write(&file, &recovery_text(&map_path, &map));
    let mut guard = lock(shared);
    let Some(j) = guard.as_mut() else {
        remove(&file);
        return true;
    };
    if !Arc::ptr_eq(&j.base, &base) || j.recovery_file != file {
        // Reset meanwhile: what was written belongs to an older state.
        return true;
    }
    j.base = Arc::new(map);
    j.steps.drain(..steps.len());
    match result {
        Ok(()) if !j.dirty => remove(&file),
        Ok(()) => j.written = j.written.max(generation),
        Err(e) => j.error = Some(format!("could not write the recovery copy {}: {e}", file.display())),
    }
    true
}

/// Keeps the recovery copy fresh every `interval` on a thread of its own,
/// until `stop` is set.
pub fn spawn_writer(
    shared: Shared,
    interval: std::time::Duration,
    stop: Arc<std::sync::atomic::AtomicBool>,
) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        let step = std::time::Duration::from_millis(50);
        let mut last_write: Option<std::time::Instant> = None;
        while !stop.load(std::sync::atomic::Ordering::Relaxed) {
            std::thread::sleep(step);
            // The first unsaved edit is copied at once, later ones at most
            // every `interval`: a SIGKILL loses at most that much typing.
            if last_write.is_none_or(|t| t.elapsed() >= interval) && flush(&shared) {
                last_write = Some(std::time::Instant::now());
            }
        }
    })
}

/// Where journeymap keeps recovery copies and the recent-files list.
pub fn data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "journeymap").map(|d| d.data_dir().to_path_buf())
}

/// The path as absolute as it can be made, for naming and remembering it.
pub fn absolute(path: &Path) -> PathBuf {
    path.canonicalize()
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

/// FNV-1a: stable across Rust versions, unlike the standard hasher.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The name the files kept for a map (recovery copy, lock) are known by:
/// a hash of its absolute path.
pub fn path_key(map_path: &Path) -> String {
    let absolute = absolute(map_path);
    format!("{:016x}", fnv1a(absolute.as_os_str().as_encoded_bytes()))
}

/// The recovery file for a map file.
pub fn recovery_path(data_dir: &Path, map_path: &Path) -> PathBuf {
    data_dir.join("recovery").join(format!("{}.ron", path_key(map_path)))
}

/// The text of a recovery copy of `map` for the map file `map_path`.
pub fn recovery_text(map_path: &Path, map: &JourneyMap) -> String {
    let shown = crate::text::sanitize(&absolute(map_path).display().to_string()).replace('\n', " ");
    format!("// journeymap recovery copy of {shown}\n{}", store::to_canonical(map))
}

/// Writes a recovery copy, creating its folder.
pub fn write(recovery: &Path, text: &str) -> io::Result<()> {
    if let Some(parent) = recovery.parent() {
        std::fs::create_dir_all(parent)?;
    }
    replace_quickly(recovery, text.as_bytes())
}

/// Replaces a file of ours whole (temporary file, then rename) without
/// flushing it to disk. Copies and lists kept in the data directory guard
/// against a killed or crashed process, which the rename alone survives;
/// flushing took most of a second on some disks, and recovery copies are
/// written from the event loop while the user types. A copy damaged by a
/// power cut is never offered: it must load and validate first.
fn replace_quickly(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".journeymap.")
        .suffix(".tmp")
        .tempfile_in(folder)?;
    temp.write_all(bytes)?;
    temp.flush()?;
    temp.persist(path).map(|_| ()).map_err(|e| e.error)
}

/// Writes the unsaved edits, if any, without a word; returns where they
/// went and how that went, `None` when nothing was pending. Waits for the
/// lock (a poisoned one is taken over): nobody edits while the process ends.
pub fn save_shared(shared: &Shared) -> Option<(PathBuf, io::Result<()>)> {
    let guard = lock(shared);
    let j = guard.as_ref().filter(|j| j.dirty)?;
    let map = Journal::current(&j.base, &j.steps);
    let path = j.recovery_file.clone();
    let result = write(&path, &recovery_text(&j.map_path, &map));
    Some((path, result))
}

/// Writes the unsaved edits and says so on standard error; for the panic
/// hook and a terminating signal.
pub fn write_shared(shared: &Shared) {
    use std::io::Write;
    // Not eprintln!: it panics when standard error is gone.
    let mut err = io::stderr();
    let _ = match save_shared(shared) {
        Some((path, Ok(()))) => writeln!(err, "journeymap: unsaved edits were kept in {}", path.display()),
        Some((path, Err(e))) => writeln!(
            err,
            "journeymap: could not keep unsaved edits in {}: {e}",
            path.display()
        ),
        None => Ok(()),
    };
}

pub fn remove(recovery: &Path) {
    let _ = std::fs::remove_file(recovery);
}

/// A recovery copy worth offering: newer than the map file and different
/// from `current` (the map as loaded). Unreadable copies are ignored.
pub fn find(recovery: &Path, map_path: &Path, current: &JourneyMap) -> Option<(JourneyMap, SystemTime)> {
    let copy_time = std::fs::metadata(recovery).and_then(|m| m.modified()).ok()?;
    let file_time = std::fs::metadata(map_path).and_then(|m| m.modified()).ok();
    if file_time.is_some_and(|t| t > copy_time) {
        return None;
    }
    let bytes = store::read_limited(recovery).ok()?;
    let text = store::decode(&bytes, "recovery copy").ok()?;
    let map = store::parse_unvalidated(&text, "recovery copy").ok()?;
    if !crate::model::validate(&map).is_empty() || map == *current {
        return None;
    }
    Some((map, copy_time))
}

/// How long ago a moment was, for messages.
pub fn ago(time: SystemTime) -> String {
    let secs = SystemTime::now().duration_since(time).map(|d| d.as_secs()).unwrap_or(0);
    match secs {
        0..=59 => format!("{secs} s ago"),
        60..=3599 => format!("{} min ago", secs / 60),
        3600..=86399 => format!("{} h ago", secs / 3600),
        _ => format!("{} days ago", secs / 86400),
    }
}

fn recent_file(data_dir: &Path) -> PathBuf {
    data_dir.join("recent.txt")
}

/// Recently opened maps that still exist, most recent first.
pub fn recent(data_dir: &Path) -> Vec<PathBuf> {
    std::fs::read_to_string(recent_file(data_dir))
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(PathBuf::from)
        .filter(|p| p.is_file())
        .collect()
}

/// Puts a map at the top of the recent list.
pub fn remember(data_dir: &Path, map_path: &Path) -> io::Result<()> {
    let absolute = absolute(map_path);
    let mut list = vec![absolute.clone()];
    list.extend(recent(data_dir).into_iter().filter(|p| *p != absolute));
    list.truncate(RECENT_MAX);
    let mut text = String::new();
    for p in &list {
        // A path with a line break cannot be listed one per line.
        let s = p.to_string_lossy();
        if !s.contains('\n') {
            text.push_str(&s);
            text.push('\n');
        }
    }
    std::fs::create_dir_all(data_dir)?;
    replace_quickly(&recent_file(data_dir), text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_names_are_stable_and_per_file() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let a = recovery_path(dir.path(), Path::new("/x/a.ron"));
        assert_eq!(a, recovery_path(dir.path(), Path::new("/x/a.ron")));
        assert_ne!(a, recovery_path(dir.path(), Path::new("/x/b.ron")));
        assert!(a.starts_with(dir.path().join("recovery")));
        Ok(())
    }

    #[test]
    fn a_newer_different_copy_is_offered() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let map_path = dir.path().join("m.ron");
        let map = JourneyMap {
            title: "T".into(),
            ..JourneyMap::default()
        };
        std::fs::write(&map_path, store::to_canonical(&map))?;
        let rec = recovery_path(dir.path(), &map_path);
        write(&rec, &recovery_text(&map_path, &map))?;
        assert!(find(&rec, &map_path, &map).is_none(), "same content is not offered");
        let edited = JourneyMap {
            title: "T2".into(),
            ..map.clone()
        };
        write(&rec, &recovery_text(&map_path, &edited))?;
        let found = find(&rec, &map_path, &map).map(|(m, _)| m);
        assert_eq!(found, Some(edited));
        Ok(())
    }

    #[test]
    fn the_panic_hook_writes_the_base_with_the_journal_applied() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let map_path = dir.path().join("m.ron");
        let map = JourneyMap {
            title: "Saved".into(),
            ..JourneyMap::default()
        };
        let file = recovery_path(dir.path(), &map_path);
        let shared = Shared::default();
        reset(
            &shared,
            Some(Journal::new(file.clone(), map_path.clone(), Arc::new(map.clone()))),
        );
        write_shared(&shared);
        assert!(!file.exists(), "nothing pending, nothing written");
        let mut edited = map.clone();
        let edit = crate::model::edit::record(&mut edited, crate::model::Target::Map, |m| m.title = "Unsaved".into());
        let Some(edit) = edit else {
            panic!("no edit recorded");
        };
        record(&shared, Arc::new(edit), true);
        write_shared(&shared);
        let loaded = store::load(&file).map_err(|e| io::Error::other(e.to_string()))?;
        assert_eq!(loaded.map, edited);
        // The writer folds the journal into its base and writes the same.
        remove(&file);
        flush(&shared);
        let loaded = store::load(&file).map_err(|e| io::Error::other(e.to_string()))?;
        assert_eq!(loaded.map, edited);
        clean(&shared);
        write_shared(&shared);
        Ok(())
    }

    #[test]
    fn recent_list_puts_the_latest_first() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let a = dir.path().join("a.ron");
        let b = dir.path().join("b.ron");
        std::fs::write(&a, "")?;
        std::fs::write(&b, "")?;
        remember(dir.path(), &a)?;
        remember(dir.path(), &b)?;
        remember(dir.path(), &a)?;
        assert_eq!(recent(dir.path()), vec![absolute(&a), absolute(&b)]);
        Ok(())
    }
}
