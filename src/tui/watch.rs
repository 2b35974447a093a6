//! Noticing, while a map is open, that its file changed on disk (a `git
//! pull`, another editor), before the user tries to save.
//!
//! Checked on the periodic tick, cheaply: the file's metadata (length,
//! modification time, inode) first, and its content hash only when those
//! changed. The hash is compared with the stamp of what was loaded or last
//! saved, so the workbench's own saves and a `touch` are not reported.

use std::path::Path;
use std::time::SystemTime;

use crate::store::{self, FileStamp};

/// What the file's metadata said at the last look.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Meta {
    len: u64,
    modified: Option<SystemTime>,
    inode: u64,
}

fn meta(path: &Path) -> Option<Meta> {
    let m = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&m);
    #[cfg(not(unix))]
    let inode = 0;
    Some(Meta {
        len: m.len(),
        modified: m.modified().ok(),
        inode,
    })
}

/// What the disk shows compared with what the workbench has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Someone else changed the content.
    Changed,
    /// The file is gone (deleted or renamed away).
    Removed,
}

impl Change {
    /// The status-line message.
    pub fn message(self, file: &str) -> String {
        match self {
            Change::Changed => format!(
                "{file}: the file changed on disk (another editor, or git); ^S will ask whether to reload or overwrite"
            ),
            Change::Removed => format!("{file}: the file was removed or renamed on disk; ^S writes it again"),
        }
    }
}

/// Watches one map file.
#[derive(Debug, Default)]
pub struct DiskWatch {
    last: Option<Option<Meta>>,
    /// The change last reported, so that it is reported once.
    reported: Option<(Change, Option<FileStamp>)>,
}

impl DiskWatch {
    pub fn new() -> Self {
        Self::default()
    }

    /// Looks at the file; returns a change not reported before. `expected`
    /// is the stamp of what the workbench loaded or last saved.
    pub fn check(&mut self, path: &Path, expected: Option<FileStamp>) -> Option<Change> {
        let now = meta(path);
        if self.last.as_ref() == Some(&now) {
            return None;
        }
        let first_look = self.last.is_none();
        self.last = Some(now.clone());
        let found = match now {
            None => (Change::Removed, None),
            Some(_) => {
                let stamp = store::stamp_on_disk(path).ok().flatten();
                if stamp.is_none() || stamp == expected {
                    // Back to what we have (our own save, or a revert): a
                    // later change is news again.
                    self.reported = None;
                    return None;
                }
                (Change::Changed, stamp)
            }
        };
        if first_look && expected.is_none() {
            return None;
        }
        if self.reported == Some(found) {
            return None;
        }
        self.reported = Some(found);
        Some(found.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_a_change_once_and_not_our_own_saves() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("m.ron");
        std::fs::write(&path, "one")?;
        let stamp = Some(FileStamp::of(b"one"));
        let mut watch = DiskWatch::new();
        assert_eq!(watch.check(&path, stamp), None);
        assert_eq!(watch.check(&path, stamp), None);
        std::fs::write(&path, "two!")?;
        assert_eq!(watch.check(&path, stamp), Some(Change::Changed));
        assert_eq!(watch.check(&path, stamp), None, "reported once");
        // Our own save of "three": the stamp follows, nothing to report.
        std::fs::write(&path, "three")?;
        assert_eq!(watch.check(&path, Some(FileStamp::of(b"three"))), None);
        std::fs::remove_file(&path)?;
        assert_eq!(watch.check(&path, stamp), Some(Change::Removed));
        assert_eq!(watch.check(&path, stamp), None);
        Ok(())
    }

    #[test]
    fn same_content_rewritten_is_not_a_change() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("m.ron");
        std::fs::write(&path, "one")?;
        let stamp = Some(FileStamp::of(b"one"));
        let mut watch = DiskWatch::new();
        assert_eq!(watch.check(&path, stamp), None);
        std::fs::remove_file(&path)?;
        std::fs::write(&path, "one")?;
        assert_eq!(watch.check(&path, stamp), None);
        Ok(())
    }
}
