//! Saving without ever leaving a half-written file: write a temporary file in
//! the same folder, flush it to disk, rename it over the target, flush the
//! folder. A crash at any moment leaves either the old or the new content.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically, keeping the permissions of the file
/// it replaces. A symbolic link is followed, so the link stays a link and its
/// target gets the new content.
///
/// A path that is not a regular file (`/dev/null`, `/dev/stdout`, a named
/// pipe) is written in place: replacing it would put a plain file where the
/// device was, which as root would break the system's `/dev/null`.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomically_with(path, |file| file.write_all(bytes))
}

/// [`write_atomically`] of what `write` writes as it goes, so that the
/// content need not be held whole. If `write` fails, the file is left as
/// it was (on a device, what was written stays written).
pub fn write_atomically_with(path: &Path, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    // `metadata` follows every link the way opening does (also /proc's).
    match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => {
            return Err(io::Error::new(
                io::ErrorKind::IsADirectory,
                "this is a folder, not a file",
            ));
        }
        Ok(meta) if !meta.is_file() => {
            let mut device = fs::OpenOptions::new().write(true).open(path)?;
            write(&mut device)?;
            return device.flush();
        }
        _ => {}
    }
    let target = resolve_symlinks(path)?;
    let folder = folder_of(&target);
    let file_name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "map".into());
    let existing_permissions = fs::metadata(&target).ok().map(|m| m.permissions());
    if let Some(permissions) = &existing_permissions {
        refuse_read_only(&target, permissions)?;
    }

    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{file_name}."))
        .suffix(".tmp")
        .tempfile_in(&folder)
        .map_err(|e| cannot_create_in(&folder, e))?;
    write(&mut temp)?;
    temp.flush()?;
    match existing_permissions {
        Some(permissions) => temp.as_file().set_permissions(permissions)?,
        None => set_new_file_permissions(temp.as_file())?,
    }
    temp.as_file().sync_all()?;
    temp.persist(&target).map_err(|e| e.error)?;
    sync_folder(&folder);
    Ok(())
}

/// Writes a new file atomically, failing with `AlreadyExists` if `path`
/// exists (even if it appears between the check and the write).
pub fn create_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let folder = folder_of(path);
    let mut temp = tempfile::Builder::new()
        .prefix(".journeymap-new.")
        .suffix(".tmp")
        .tempfile_in(&folder)
        .map_err(|e| cannot_create_in(&folder, e))?;
    temp.write_all(bytes)?;
    set_new_file_permissions(temp.as_file())?;
    temp.as_file().sync_all()?;
    temp.persist_noclobber(path).map_err(|e| e.error)?;
    sync_folder(&folder);
    Ok(())
}

/// The folder that holds `path`, where its temporary file must be made: a
/// rename only replaces atomically within one filesystem, and the folder is
/// what gets synced. A bare file name is in the current folder, `.` (its
/// parent is the empty path, which cannot be opened to sync).
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Replacing a file by renaming needs only a writable folder, so without
/// this check a file the user made read-only (or one they may not write)
/// would be replaced all the same. A file without any write permission is
/// refused even for root, who could write it: read-only is the owner's intent.
/// Whether this process may write the existing file at `path`: the same
/// check a save makes before writing, for saying so before any edit.
pub fn check_writable(path: &Path) -> io::Result<()> {
    let meta = fs::metadata(path)?;
    refuse_read_only(path, &meta.permissions())
}

fn refuse_read_only(target: &Path, permissions: &fs::Permissions) -> io::Result<()> {
    if permissions.readonly() {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            "the file is read-only (no write permission)",
        ));
    }
    // Opening for writing (without truncating) changes nothing in the file
    // and asks the system whether this process may write it.
    match fs::OpenOptions::new().write(true).open(target) {
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => Err(e),
        _ => Ok(()),
    }
}

/// The error of creating the temporary file, without its random name, which
/// would only puzzle the reader.
fn cannot_create_in(folder: &Path, e: io::Error) -> io::Error {
    // tempfile adds ` at path "<temporary name>"` to the system's message.
    let shown = e.to_string();
    let cause = shown.split_once(" at path ").map_or(shown.as_str(), |(cause, _)| cause);
    let folder = if folder == Path::new(".") {
        "the current folder".to_string()
    } else {
        format!("the folder {}", folder.display())
    };
    io::Error::new(e.kind(), format!("cannot create a file in {folder}: {cause}"))
}

/// The file a chain of symbolic links ends at (the path itself if none).
fn resolve_symlinks(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = fs::read_link(&current)?;
                // A relative link is relative to its own folder; joining
                // keeps an absolute one as it is.
                current = match current.parent() {
                    Some(parent) => parent.join(link),
                    None => link,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// Temporary files are created private (0600); a new map should be readable
/// like any file the user's editor creates.
#[cfg(unix)]
fn set_new_file_permissions(file: &File) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn set_new_file_permissions(_file: &File) -> io::Result<()> {
    Ok(())
}

/// Makes the rename itself durable. Failure here is not an error: the data
/// is written and renamed; only the crash-durability of the name is at stake,
/// and some filesystems do not support syncing a folder.
fn sync_folder(folder: &Path) {
    if let Ok(dir) = File::open(folder) {
        let _ = dir.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_content_and_keeps_permissions() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("m.ron");
        fs::write(&path, "old")?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&path, fs::Permissions::from_mode(0o640))?;
        }
        write_atomically(&path, b"new")?;
        assert_eq!(fs::read_to_string(&path)?, "new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(fs::metadata(&path)?.permissions().mode() & 0o777, 0o640);
        }
        let leftovers = fs::read_dir(dir.path())?.count();
        assert_eq!(leftovers, 1, "no temporary file may stay behind");
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn refuses_to_replace_a_read_only_file() -> io::Result<()> {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("m.ron");
        fs::write(&path, "old")?;
        fs::set_permissions(&path, fs::Permissions::from_mode(0o444))?;
        let e = write_atomically(&path, b"new").err();
        assert_eq!(
            e.as_ref().map(io::Error::kind),
            Some(io::ErrorKind::PermissionDenied),
            "{e:?}"
        );
        assert!(e.is_some_and(|e| e.to_string().contains("read-only")));
        assert_eq!(fs::read_to_string(&path)?, "old");
        assert_eq!(
            fs::read_dir(dir.path())?.count(),
            1,
            "no temporary file may stay behind"
        );
        Ok(())
    }

    /// A named pipe made in `dir` by `mkfifo`, opened for reading and writing
    /// so that opening it to write never waits for a reader. `None` where
    /// `mkfifo` is missing.
    #[cfg(unix)]
    fn fifo_in(dir: &Path) -> Option<(PathBuf, File)> {
        let path = dir.join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&path).status();
        if !made.is_ok_and(|s| s.success()) {
            return None;
        }
        // On Linux a FIFO opened for both reading and writing does not block.
        let end = fs::OpenOptions::new().read(true).write(true).open(&path).ok()?;
        Some((path, end))
    }

    /// Everything in the pipe up to the `end` marker this writes after it,
    /// so reading never waits for bytes that were not written.
    #[cfg(unix)]
    fn drain(mut pipe: &File) -> io::Result<Vec<u8>> {
        use std::io::Read;
        const END: &[u8] = b"<end>";
        pipe.write_all(END)?;
        let mut got = Vec::new();
        let mut buf = [0; 256];
        while !got.ends_with(END) {
            let n = pipe.read(&mut buf)?;
            got.extend_from_slice(&buf[..n]);
        }
        got.truncate(got.len() - END.len());
        Ok(got)
    }

    /// A path that is not a regular file is written through, never replaced
    /// (for `/dev/null` as root, replacing it would break the system). The
    /// FIFO stands in for a device: made in the test's own folder, so even a
    /// broken guard replaces nothing outside it.
    #[cfg(unix)]
    #[test]
    fn a_path_that_is_not_a_regular_file_is_written_in_place_never_replaced() -> io::Result<()> {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir()?;
        let Some((fifo, end)) = fifo_in(dir.path()) else {
            eprintln!("note: mkfifo is not available: writing in place not tested");
            return Ok(());
        };
        write_atomically(&fifo, b"through the pipe")?;
        assert_eq!(drain(&end)?, b"through the pipe");
        assert!(
            fs::symlink_metadata(&fifo)?.file_type().is_fifo(),
            "the FIFO must stay a FIFO"
        );
        assert_eq!(
            fs::read_dir(dir.path())?.count(),
            1,
            "no temporary file may stay behind"
        );

        // Through a symbolic link too: the link stays, the pipe gets the bytes.
        let link = dir.path().join("link");
        std::os::unix::fs::symlink("pipe", &link)?;
        write_atomically(&link, b"via the link")?;
        assert_eq!(drain(&end)?, b"via the link");
        assert!(fs::symlink_metadata(&link)?.file_type().is_symlink());
        assert!(fs::symlink_metadata(&fifo)?.file_type().is_fifo());
        Ok(())
    }

    #[test]
    fn only_a_permission_refusal_stops_the_save_before_it_starts() -> io::Result<()> {
        // Opening the target asks the system whether this process may write
        // it. Any other failure to open is not a refusal: a map deleted since
        // it was looked at, for one, is simply written anew.
        let dir = tempfile::tempdir()?;
        let writable = dir.path().join("writable.ron");
        fs::write(&writable, "old")?;
        let permissions = fs::metadata(&writable)?.permissions();
        assert!(refuse_read_only(&writable, &permissions).is_ok());
        let gone = dir.path().join("gone.ron");
        assert!(refuse_read_only(&gone, &permissions).is_ok());
        assert!(!gone.exists(), "the check writes nothing");
        assert_eq!(fs::read_to_string(&writable)?, "old", "the check writes nothing");
        Ok(())
    }

    #[test]
    fn a_folder_is_refused() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let e = write_atomically(dir.path(), b"x").err();
        assert_eq!(
            e.as_ref().map(io::Error::kind),
            Some(io::ErrorKind::IsADirectory),
            "{e:?}"
        );
        assert!(e.is_some_and(|e| e.to_string().contains("folder")));
        assert_eq!(fs::read_dir(dir.path())?.count(), 0, "nothing may be written into it");
        Ok(())
    }

    #[test]
    fn the_temporary_file_goes_in_the_folder_of_the_target() {
        assert_eq!(folder_of(Path::new("m.ron")), Path::new("."));
        assert_eq!(folder_of(Path::new("maps/m.ron")), Path::new("maps"));
        assert_eq!(folder_of(Path::new("/srv/maps/m.ron")), Path::new("/srv/maps"));
        assert_eq!(folder_of(Path::new("/m.ron")), Path::new("/"));
        assert_eq!(folder_of(Path::new("../m.ron")), Path::new(".."));
    }

    /// Temporary files are private (0600); a new map is readable by others,
    /// whether created or saved to a new name.
    #[cfg(unix)]
    #[test]
    fn new_files_are_readable_by_others() -> io::Result<()> {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir()?;
        let created = dir.path().join("created.ron");
        create_atomically(&created, b"new")?;
        let saved = dir.path().join("saved.ron");
        write_atomically(&saved, b"new")?;
        for path in [created, saved] {
            assert_eq!(fs::read_to_string(&path)?, "new");
            assert_eq!(fs::metadata(&path)?.permissions().mode() & 0o777, 0o644, "{path:?}");
        }
        assert_eq!(
            fs::read_dir(dir.path())?.count(),
            2,
            "no temporary file may stay behind"
        );
        Ok(())
    }

    #[test]
    fn creating_never_replaces_an_existing_file() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("m.ron");
        fs::write(&path, "old")?;
        let e = create_atomically(&path, b"new").err();
        assert_eq!(e.map(|e| e.kind()), Some(io::ErrorKind::AlreadyExists));
        assert_eq!(fs::read_to_string(&path)?, "old");
        assert_eq!(
            fs::read_dir(dir.path())?.count(),
            1,
            "no temporary file may stay behind"
        );
        Ok(())
    }

    #[test]
    fn a_missing_folder_is_named_without_the_temporary_name() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let missing = dir.path().join("missing");
        for result in [
            write_atomically(&missing.join("m.ron"), b"new"),
            create_atomically(&missing.join("m.ron"), b"new"),
        ] {
            let shown = result.err().map(|e| e.to_string()).unwrap_or_default();
            let folder = missing.display().to_string();
            assert!(shown.contains(&format!("folder {folder}")), "{shown}");
            // The test's own folder is named `.tmp…` too: look past it.
            assert!(!shown.replace(&folder, "").contains(".tmp"), "{shown}");
        }
        assert!(!missing.exists());
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn saving_through_a_symlink_updates_the_target() -> io::Result<()> {
        // The relative link goes through a folder the current folder lacks:
        // were it resolved from the current folder instead of the link's,
        // the save would fail there rather than write outside the test's folder.
        let dir = tempfile::tempdir()?;
        let folder = dir.path().join("journeymap-link-target");
        fs::create_dir(&folder)?;
        let real = folder.join("real.ron");
        fs::write(&real, "old")?;
        let relative = dir.path().join("relative.ron");
        std::os::unix::fs::symlink("journeymap-link-target/real.ron", &relative)?;
        let absolute = dir.path().join("absolute.ron");
        std::os::unix::fs::symlink(&real, &absolute)?;
        for (link, content) in [(&relative, "new"), (&absolute, "newer")] {
            write_atomically(link, content.as_bytes())?;
            assert!(fs::symlink_metadata(link)?.file_type().is_symlink());
            assert_eq!(fs::read_to_string(&real)?, content);
        }
        assert_eq!(fs::read_dir(&folder)?.count(), 1, "no temporary file may stay behind");
        Ok(())
    }
}
