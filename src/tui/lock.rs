//! One workbench per map: a lock file says who has a map open.
//!
//! The lock of a map is `<data dir>/locks/<hash of the map's absolute
//! path>.lock`, the same name its recovery copy has. It lives in the data
//! directory rather than next to the map (`.name.lock`) so that opening a map
//! never litters the repository, `git status` or a pull request, and needs no
//! write access to the map's folder; the price is that only sessions sharing
//! a data directory (the same user, the same `$JOURNEYMAP_DATA_DIR`) see each
//! other's locks. Saving still refuses to overwrite a file changed on disk, so
//! an editor that does not see the lock cannot silently lose edits either.
//!
//! The file holds the owner's pid, host name and start time. It is created
//! whole or not at all (written to a temporary file, then linked into place
//! only if no lock is there), so two workbenches starting together cannot both
//! take it. A lock whose owner is gone (same host, the process no longer runs,
//! or it started before the machine last booted) is stale: it was left by a
//! killed or crashed session and is taken over. A lock whose owner may be
//! alive (it runs, or it is on another host, or this system cannot tell) is
//! respected: the user decides whether to open the map anyway.

use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use ratatui::Frame;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::recovery;
use super::signals;
use super::views::{centered, label_style, popup};
use crate::text::{sanitize, wrap};

/// Who holds a lock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    pub pid: u32,
    pub host: String,
    /// When the owner opened the map, in whole seconds.
    pub started: SystemTime,
}

impl Owner {
    /// This process, now.
    pub fn current() -> Self {
        let secs = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        Self {
            pid: std::process::id(),
            host: host_name(),
            started: UNIX_EPOCH + Duration::from_secs(secs),
        }
    }

    fn started_secs(&self) -> u64 {
        self.started
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0)
    }

    /// The lock file's text.
    fn text(&self, map_path: &Path) -> String {
        let one_line = |s: &str| s.replace(['\n', '\r'], " ");
        format!(
            "# journeymap: this map is open in the workbench\nmap: {}\npid: {}\nhost: {}\nstarted: {}\n",
            one_line(&recovery::absolute(map_path).display().to_string()),
            self.pid,
            one_line(&self.host),
            self.started_secs()
        )
    }

    /// Reads a lock file's text; `None` if it is not one.
    fn parse(text: &str) -> Option<Self> {
        let field = |name: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(name)?.strip_prefix(':').map(str::trim))
        };
        Some(Self {
            pid: field("pid")?.parse().ok()?,
            host: field("host")?.to_string(),
            started: UNIX_EPOCH + Duration::from_secs(field("started")?.parse().ok()?),
        })
    }
}

impl fmt::Display for Owner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "pid {} on host {}, opened {}",
            self.pid,
            sanitize(&self.host),
            recovery::ago(self.started)
        )
    }
}

/// This machine's name, as well as it can be found without system calls of
/// our own.
pub fn host_name() -> String {
    let from_file = || {
        fs::read_to_string("/proc/sys/kernel/hostname")
            .or_else(|_| fs::read_to_string("/etc/hostname"))
            .ok()
    };
    let from_env = || {
        std::env::var("COMPUTERNAME")
            .or_else(|_| std::env::var("HOSTNAME"))
            .ok()
    };
    let from_command = || {
        std::process::Command::new("hostname")
            .stderr(std::process::Stdio::null())
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
    };
    from_file()
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .or_else(|| from_env().filter(|h| !h.trim().is_empty()))
        .or_else(|| from_command().map(|h| h.trim().to_string()).filter(|h| !h.is_empty()))
        .unwrap_or_else(|| "unknown".into())
}

/// Whether the owner of a lock is still there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Liveness {
    Alive,
    Gone,
    /// Another host, or a system where this cannot be checked.
    Unknown,
}

/// Whether a process of this host runs: `/proc` where there is one (a zombie
/// counts as gone), `ps -p` on other Unix systems, unknown elsewhere.
pub fn process_liveness(pid: u32) -> Liveness {
    if Path::new("/proc/self/stat").exists() {
        return match fs::read_to_string(format!("/proc/{pid}/stat")) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Liveness::Gone,
            Err(_) => Liveness::Alive,
            // The state follows the command name, which is in parentheses.
            Ok(stat) => match stat
                .rsplit_once(')')
                .and_then(|(_, rest)| rest.trim_start().chars().next())
            {
                Some('Z' | 'X' | 'x') => Liveness::Gone,
                _ => Liveness::Alive,
            },
        };
    }
    if cfg!(unix) {
        let status = std::process::Command::new("ps")
            .args(["-p", &pid.to_string()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status();
        return match status {
            Ok(s) if s.success() => Liveness::Alive,
            Ok(_) => Liveness::Gone,
            Err(_) => Liveness::Unknown,
        };
    }
    Liveness::Unknown
}

/// When this machine booted (Linux), to spot locks from before a reboot.
fn boot_time() -> Option<SystemTime> {
    let stat = fs::read_to_string("/proc/stat").ok()?;
    let secs: u64 = stat
        .lines()
        .find_map(|l| l.strip_prefix("btime "))?
        .trim()
        .parse()
        .ok()?;
    Some(UNIX_EPOCH + Duration::from_secs(secs))
}

/// Whether the owner of a lock found on disk is still there, seen from `me`.
pub fn liveness(owner: &Owner, me: &Owner) -> Liveness {
    if owner.host != me.host {
        return Liveness::Unknown;
    }
    if owner.pid == me.pid {
        // Our own pid, from an earlier process that had it: that one is gone.
        return Liveness::Gone;
    }
    if boot_time().is_some_and(|boot| owner.started + Duration::from_secs(1) < boot) {
        return Liveness::Gone;
    }
    process_liveness(owner.pid)
}

/// The lock file of a map.
pub fn lock_path(data_dir: &Path, map_path: &Path) -> PathBuf {
    data_dir
        .join("locks")
        .join(format!("{}.lock", recovery::path_key(map_path)))
}

/// A lock this process holds; released when dropped.
#[derive(Debug)]
pub struct Lock {
    file: PathBuf,
    owner: Owner,
}

impl Lock {
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// Removes the lock file if it is still ours; safe to call more than once.
    pub fn release(&self) {
        let ours = fs::read_to_string(&self.file)
            .ok()
            .and_then(|t| Owner::parse(&t))
            .is_some_and(|o| o == self.owner);
        if ours {
            let _ = fs::remove_file(&self.file);
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        self.release();
    }
}

/// What trying to lock a map found.
#[derive(Debug)]
pub enum Acquired {
    /// The map is ours; `stale` names the gone session whose lock was taken over.
    Taken { lock: Lock, stale: Option<Owner> },
    /// Someone else, maybe still running, has the map open.
    Held { owner: Owner, liveness: Liveness },
}

/// Tries to lock `map_path` for this process.
pub fn acquire(data_dir: &Path, map_path: &Path) -> io::Result<Acquired> {
    acquire_as(data_dir, map_path, Owner::current(), liveness)
}

/// [`acquire`] with the owner and the liveness check given, for tests.
pub fn acquire_as(
    data_dir: &Path,
    map_path: &Path,
    me: Owner,
    check: impl Fn(&Owner, &Owner) -> Liveness,
) -> io::Result<Acquired> {
    let file = lock_path(data_dir, map_path);
    let folder = file.parent().unwrap_or(data_dir);
    fs::create_dir_all(folder)?;
    let mut stale = None;
    // A few rounds: a lock may come and go while we look at it.
    for _ in 0..8 {
        match create(&file, folder, &me.text(map_path)) {
            Ok(()) => {
                return Ok(Acquired::Taken {
                    lock: Lock { file, owner: me },
                    stale,
                });
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
        let text = match fs::read_to_string(&file) {
            Ok(text) => text,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            // Not text: not a lock we wrote, and not one anybody can honour.
            Err(e) if e.kind() == io::ErrorKind::InvalidData => String::new(),
            Err(e) => return Err(e),
        };
        match Owner::parse(&text) {
            Some(owner) => match check(&owner, &me) {
                Liveness::Gone => {
                    remove_stale(&file, &text, &me)?;
                    stale = Some(owner);
                }
                liveness => return Ok(Acquired::Held { owner, liveness }),
            },
            // Locks are written whole, so an unreadable one is not a live session's.
            None => remove_stale(&file, &text, &me)?,
        }
    }
    Err(io::Error::other(format!(
        "the lock {} keeps changing: another workbench is opening this map",
        file.display()
    )))
}

/// Writes the lock file whole, only if there is none.
fn create(file: &Path, folder: &Path, text: &str) -> io::Result<()> {
    let mut temp = tempfile::Builder::new()
        .prefix(".lock.")
        .suffix(".tmp")
        .tempfile_in(folder)?;
    temp.write_all(text.as_bytes())?;
    temp.flush()?;
    temp.persist_noclobber(file).map(|_| ()).map_err(|e| e.error)
}

/// Removes a stale lock, but only the one that was judged stale: it is
/// first moved aside, and put back if it turns out to be a newer one that
/// another workbench created in between.
fn remove_stale(file: &Path, judged: &str, me: &Owner) -> io::Result<()> {
    let aside = file.with_extension(format!("stale.{}", me.pid));
    match fs::rename(file, &aside) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    }
    let moved = fs::read(&aside).unwrap_or_default();
    if moved != judged.as_bytes() {
        // Not ours to remove: put it back unless yet another lock is there.
        let _ = fs::hard_link(&aside, file);
    }
    let _ = fs::remove_file(&aside);
    Ok(())
}

/// What the user chose when the map is already open elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    OpenAnyway,
    /// Back to the picker, or quit when the map was named on the command line.
    Back,
}

/// Tells the user that the map is being edited elsewhere and asks what to do.
/// A terminating signal answers [`Choice::Back`].
pub(crate) fn ask(
    terminal: &mut super::Term,
    map_path: &Path,
    owner: &Owner,
    liveness: Liveness,
    from_picker: bool,
) -> io::Result<Choice> {
    let file = sanitize(&map_path.display().to_string()).into_owned();
    loop {
        if signals::received().is_some() {
            return Ok(Choice::Back);
        }
        terminal.draw(|frame| draw(frame, &file, owner, liveness, from_picker))?;
        if !event::poll(signals::POLL)? {
            continue;
        }
        if let Event::Key(key) = event::read()?
            && key.kind != KeyEventKind::Release
        {
            match key.code {
                KeyCode::Char('o' | 'O') => return Ok(Choice::OpenAnyway),
                KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => return Ok(Choice::Back),
                KeyCode::Char('q' | 'Q' | 'b' | 'B') | KeyCode::Esc => return Ok(Choice::Back),
                _ => {}
            }
        }
    }
}

fn draw(frame: &mut Frame, file: &str, owner: &Owner, liveness: Liveness, from_picker: bool) {
    let area = frame.area();
    let w = area.width.saturating_sub(4).min(76);
    let cells = usize::from(w.saturating_sub(2));
    let mut text = vec![format!("{file} is already being edited by journeymap ({owner}).")];
    text.push(match liveness {
        Liveness::Unknown => "Whether that session still runs cannot be checked from here.".into(),
        _ => "That session is still running.".into(),
    });
    text.push(
        "Two editors on one file overwrite each other's changes. If you open it anyway, saving still \
         refuses to overwrite changes made on disk since you opened it, and asks you."
            .into(),
    );
    let mut lines: Vec<Line> = Vec::new();
    for paragraph in &text {
        lines.extend(wrap(paragraph, cells).into_iter().map(Line::raw));
        lines.push(Line::raw(""));
    }
    let back = if from_picker {
        "go back to the list of maps"
    } else {
        "quit, leave the map to the other session"
    };
    for (key, what) in [("o", "open it anyway"), ("q/Esc", back)] {
        lines.push(Line::from(vec![
            Span::styled(format!("  {key:<7}"), label_style().fg(Color::Cyan)),
            Span::raw(what),
        ]));
    }
    let h = (lines.len() as u16 + 2).min(area.height);
    let inner = popup(frame, centered(area, w, h), "Already being edited");
    frame.render_widget(Paragraph::new(lines).style(Style::new()), inner);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owner(pid: u32) -> Owner {
        Owner {
            pid,
            host: "box".into(),
            started: UNIX_EPOCH + Duration::from_secs(1_700_000_000),
        }
    }

    fn taken(a: io::Result<Acquired>) -> (Lock, Option<Owner>) {
        match a {
            Ok(Acquired::Taken { lock, stale }) => (lock, stale),
            other => panic!("expected the lock, got {other:?}"),
        }
    }

    #[test]
    fn the_text_reads_back() {
        let o = owner(42);
        assert_eq!(Owner::parse(&o.text(Path::new("/m.ron"))), Some(o));
        assert_eq!(Owner::parse("pid: x\nhost: h\nstarted: 1\n"), None);
        assert_eq!(Owner::parse(""), None);
    }

    #[test]
    fn a_live_lock_is_respected_and_released_only_by_its_owner() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let map = dir.path().join("m.ron");
        let alive = |_: &Owner, _: &Owner| Liveness::Alive;
        let (first, stale) = taken(acquire_as(dir.path(), &map, owner(1), alive));
        assert!(stale.is_none());
        assert!(first.file().starts_with(dir.path().join("locks")));
        match acquire_as(dir.path(), &map, owner(2), alive)? {
            Acquired::Held { owner: o, .. } => assert_eq!(o.pid, 1),
            other => panic!("{other:?}"),
        }
        // Another map is not affected.
        let (_other, _) = taken(acquire_as(dir.path(), &dir.path().join("n.ron"), owner(2), alive));
        let file = first.file().to_path_buf();
        drop(first);
        assert!(!file.exists(), "released on drop");
        let (second, _) = taken(acquire_as(dir.path(), &map, owner(2), alive));
        // A lock that is no longer ours is left alone.
        fs::write(&file, owner(3).text(&map))?;
        second.release();
        assert!(file.exists());
        Ok(())
    }

    #[test]
    fn a_stale_or_unreadable_lock_is_taken_over() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let map = dir.path().join("m.ron");
        let file = lock_path(dir.path(), &map);
        fs::create_dir_all(file.parent().unwrap_or(dir.path()))?;
        fs::write(&file, owner(7).text(&map))?;
        let gone = |_: &Owner, _: &Owner| Liveness::Gone;
        let (lock, stale) = taken(acquire_as(dir.path(), &map, owner(8), gone));
        assert_eq!(stale.map(|o| o.pid), Some(7));
        assert_eq!(Owner::parse(&fs::read_to_string(&file)?).map(|o| o.pid), Some(8));
        drop(lock);
        fs::write(&file, "garbage")?;
        let (lock, stale) = taken(acquire_as(dir.path(), &map, owner(9), |_, _| Liveness::Alive));
        assert!(stale.is_none());
        assert_eq!(Owner::parse(&fs::read_to_string(&file)?).map(|o| o.pid), Some(9));
        drop(lock);
        let leftovers: Vec<_> = fs::read_dir(file.parent().unwrap_or(dir.path()))?.collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
        Ok(())
    }

    #[test]
    fn liveness_of_processes() -> io::Result<()> {
        let me = Owner::current();
        assert_eq!(process_liveness(me.pid), Liveness::Alive);
        let other_host = Owner {
            host: format!("{}-elsewhere", me.host),
            ..owner(1)
        };
        assert_eq!(liveness(&other_host, &me), Liveness::Unknown);
        if cfg!(target_os = "linux") {
            let mut child = std::process::Command::new("true").spawn()?;
            let pid = child.id();
            child.wait()?;
            let dead = Owner { pid, ..me.clone() };
            assert_eq!(liveness(&dead, &me), Liveness::Gone);
            let before_boot = Owner {
                pid: 1,
                started: UNIX_EPOCH + Duration::from_secs(1000),
                ..me.clone()
            };
            assert_eq!(liveness(&before_boot, &me), Liveness::Gone);
        }
        Ok(())
    }
}
