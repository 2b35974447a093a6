//! Bytes <-> `JourneyMap`: parsing with friendly errors, validation, the
//! canonical text, atomic saving and noticing changes made on disk.

mod atomic;
mod canonical;
mod comments;
mod diagnostic;
mod locate;
mod markers;
mod parse;
mod pieces;
mod prescan;
mod recover;
mod suggest;

use std::fs::File;
use std::hash::Hasher;
use std::io::{self, Read};
use std::path::Path;

pub use atomic::{check_writable, write_atomically, write_atomically_with};
pub use canonical::{
    MARKER_BASE, MARKER_OURS, MARKER_SEPARATOR, MARKER_THEIRS, is_canonical, to_canonical, to_canonical_commented,
    to_canonical_with_conflicts, write_canonical_commented, write_canonical_with_conflicts,
};
pub use comments::comments_of;
pub use diagnostic::{Diagnostic, LoadError, LoadErrorKind, MAX_DIAGNOSTICS};
pub use markers::{ConflictBlock, ConflictedSides, Subject, conflict_blocks, conflicted_sides, parse_label, side_text};
pub use parse::{MAX_FILE_BYTES, decode, decode_owned, parse_bytes, parse_str, parse_unvalidated};
pub use prescan::MAX_NESTING;

use crate::model::comments::Comments;
use crate::model::{ItemKind, JourneyMap};

/// What a file held when it was read or written, to notice later whether
/// someone else (git, another editor) changed it in between.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    len: u64,
    hash: u64,
}

impl FileStamp {
    /// How many bytes were stamped.
    pub fn size(&self) -> u64 {
        self.len
    }

    pub fn of(bytes: &[u8]) -> Self {
        let mut stamping = Stamping::default();
        stamping.add(bytes);
        stamping.stamp()
    }
}

/// A [`FileStamp`] made of bytes as they pass, in pieces of any size: the
/// hasher reads a stream, so the pieces' boundaries do not change it.
#[derive(Default)]
struct Stamping {
    hasher: std::collections::hash_map::DefaultHasher,
    len: u64,
}

impl Stamping {
    fn add(&mut self, bytes: &[u8]) {
        self.hasher.write(bytes);
        self.len += bytes.len() as u64;
    }

    fn stamp(&self) -> FileStamp {
        FileStamp {
            len: self.len,
            hash: self.hasher.finish(),
        }
    }
}

/// A writer that stamps what it passes on.
struct StampingWriter<'w> {
    inner: &'w mut dyn io::Write,
    stamping: Stamping,
}

impl io::Write for StampingWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let written = self.inner.write(buf)?;
        self.stamping.add(&buf[..written]);
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// A map read from disk, with the stamp of the bytes it came from and the
/// comments they hold.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub map: JourneyMap,
    pub stamp: FileStamp,
    pub comments: Comments,
}

/// Reads a file, refusing anything larger than [`MAX_FILE_BYTES`] without
/// reading it whole. `-` reads standard input.
pub fn read_limited(path: &Path) -> Result<Vec<u8>, LoadError> {
    let origin = origin_of(path);
    let unreadable = |e: io::Error| unreadable(&origin, &e);
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        io::stdin()
            .lock()
            .take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(unreadable)?;
    } else {
        let file = File::open(path).map_err(unreadable)?;
        let meta = file.metadata().map_err(unreadable)?;
        if meta.is_dir() {
            return Err(LoadError::unreadable(
                &origin,
                "this is a folder, not a map file".into(),
                "name a .ron file".into(),
            ));
        }
        if meta.len() > MAX_FILE_BYTES {
            return Err(parse::too_large(&origin, meta.len()));
        }
        bytes.reserve(meta.len() as usize);
        file.take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(unreadable)?;
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(parse::too_large(&origin, bytes.len() as u64));
    }
    Ok(bytes)
}

/// The map in the file at `path`, unvalidated, read a piece at a time:
/// `sift` is called with the map read so far each time an item is added to
/// the end of its list, and may take it out again (to keep of a large map
/// only what is needed). `None` when the file must be read whole instead:
/// one with comments, say, or that does not parse ([`parse_unvalidated`]
/// of its text tells what is wrong).
pub fn read_sifted(path: &Path, sift: &mut dyn FnMut(&mut JourneyMap, ItemKind)) -> Option<(JourneyMap, FileStamp)> {
    pieces::read_sifted(path, sift)
}

/// The error for a file (or standard input) that could not be read.
fn unreadable(origin: &str, e: &io::Error) -> LoadError {
    let hint = match e.kind() {
        io::ErrorKind::NotFound => "check the path; `journeymap new FILE --template ID` creates a map".to_string(),
        io::ErrorKind::PermissionDenied => "you do not have permission to read it: check its permissions".to_string(),
        _ => "check that the path names a readable file".to_string(),
    };
    LoadError::unreadable(origin, format!("cannot read the file: {e}"), hint)
}

/// Standard input, read for [`load`].
enum FromStdin {
    /// A valid map, read a piece at a time from a temporary copy (rewound),
    /// and the stamp of what was read.
    Map(Box<JourneyMap>, FileStamp, File),
    /// All that was read, to be read the usual way.
    Whole(Vec<u8>),
}

/// Reads standard input into a temporary file without a name (it goes
/// when closed), then reads the map from there a piece at a time, as
/// [`load`] reads a file. The whole bytes when that does not suit (or
/// the map is not valid), or when no temporary file can be made or
/// written: then what was read is kept in memory, as it was read.
fn read_stdin() -> Result<FromStdin, LoadError> {
    let mut input = io::stdin().lock().take(MAX_FILE_BYTES + 1);
    let mut piece = vec![0; 64 * 1024];
    let mut copy = tempfile::tempfile().ok();
    let mut kept: Vec<u8> = Vec::new();
    let mut copied = 0u64;
    loop {
        let read = match input.read(&mut piece) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(unreadable("<stdin>", &e)),
        };
        copied += read as u64;
        if let Some(file) = copy.as_mut()
            && io::Write::write_all(file, &piece[..read]).is_err()
        {
            // No room for the copy: keep what was read in memory instead.
            kept = read_back_bytes(file).map_err(|e| unreadable("<stdin>", &e))?;
            kept.truncate((copied - read as u64) as usize);
            copy = None;
        }
        if copy.is_none() {
            kept.extend_from_slice(&piece[..read]);
        }
    }
    if copied > MAX_FILE_BYTES {
        return Err(parse::too_large("<stdin>", copied));
    }
    let Some(mut file) = copy else {
        return Ok(FromStdin::Whole(kept));
    };
    let rewound = |file: &mut File| io::Seek::seek(file, io::SeekFrom::Start(0));
    let read_again = |e: io::Error| {
        LoadError::unreadable(
            "<stdin>",
            format!("cannot read standard input again from its temporary copy: {e}"),
            "save the map to a file and name the file instead".into(),
        )
    };
    rewound(&mut file).map_err(read_again)?;
    if let Some((map, stamp)) = pieces::read_from(&mut &file, &mut |_, _| ())
        && crate::model::validate(&map).is_empty()
    {
        rewound(&mut file).map_err(read_again)?;
        return Ok(FromStdin::Map(Box::new(map), stamp, file));
    }
    read_back_bytes(&mut file).map(FromStdin::Whole).map_err(read_again)
}

/// All that `file` holds, from its start.
fn read_back_bytes(file: &mut File) -> io::Result<Vec<u8>> {
    io::Seek::seek(file, io::SeekFrom::Start(0))?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// How messages name the file at `path`: standard input is `<stdin>`.
pub fn origin_of(path: &Path) -> String {
    if path.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

/// Loads and validates a map file (`-`: standard input).
///
/// The file's text is let go as soon as the map is parsed, before
/// validation builds its id tables, so that a large map's peak memory holds
/// the text and the map but not those too. Only an invalid map needs the
/// text again, to point at its problems: it is read again, and if the file
/// changed in between, the new file is what is reported on. Standard input
/// cannot be read twice: its text is written to a temporary file (deleted
/// when closed, never named) and read back from there; where no temporary
/// file can be made, the text is kept through validation instead.
///
/// A file is first read a piece at a time, each item parsed as soon as its
/// text is read ([`pieces`]), so that its whole text is never held: a map
/// peaks at little more than its own size. Standard input is first copied
/// to an unnamed temporary file and read from there the same way. A file
/// that way does not suit (one with comments, say) or that is not a valid
/// map is read the usual way, which finds its comments and explains its
/// problems.
pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    if path.as_os_str() == "-" {
        return match read_stdin()? {
            FromStdin::Map(map, stamp, _) => Ok(Loaded {
                map: *map,
                stamp,
                comments: Comments::default(),
            }),
            FromStdin::Whole(bytes) => load_looking_read(path, bytes, |_, _, _, _| ()).map(|(loaded, (), _)| loaded),
        };
    }
    if let Some((map, stamp)) = pieces::read_in_pieces(path)
        && crate::model::validate(&map).is_empty()
    {
        return Ok(Loaded {
            map,
            stamp,
            comments: Comments::default(),
        });
    }
    load_looking(path, |_, _, _, _| ()).map(|(loaded, (), _)| loaded)
}

/// Loads a map from standard input, as [`load`] does, and tells whether
/// what was read is its canonical text. The text is compared once it is
/// let go, a piece at a time from its temporary copy, so that a large map
/// is never held beside its text and the canonical text at once; only when
/// no temporary file can be made is it compared while at hand. Decoding
/// drops a byte-order mark and carriage returns, which the canonical text
/// never has: input they were dropped from is not canonical.
pub fn load_stdin_canonical() -> Result<(Loaded, bool), LoadError> {
    let bytes = match read_stdin()? {
        FromStdin::Map(map, stamp, copy) => {
            // Read in pieces: no comments, and the copy holds the bytes read.
            let comments = Comments::default();
            let canonical = reads_canonical_stamped(copy, &map, &comments, stamp).map_err(|e| {
                LoadError::unreadable(
                    "<stdin>",
                    format!("cannot read standard input again to compare it with its canonical form: {e}"),
                    "save the map to a file and name the file instead".into(),
                )
            })?;
            return Ok((
                Loaded {
                    map: *map,
                    stamp,
                    comments,
                },
                canonical,
            ));
        }
        FromStdin::Whole(bytes) => bytes,
    };
    let (loaded, compared, spooled) = load_looking_read(Path::new("-"), bytes, |text, map, comments, spooled| {
        (!spooled).then(|| (text.len() as u64, canonical::is_canonical(map, comments, text)))
    })?;
    let canonical = match (compared, spooled) {
        (Some((decoded, same)), _) => same && decoded == loaded.stamp.size(),
        (None, Some(mut copy)) => {
            // The copy holds the decoded text: the same stamp as what was
            // read only when nothing was dropped in decoding.
            let read_again = io::Seek::seek(&mut copy, io::SeekFrom::Start(0))
                .and_then(|_| reads_canonical_stamped(copy, &loaded.map, &loaded.comments, loaded.stamp));
            read_again.map_err(|e| {
                LoadError::unreadable(
                    "<stdin>",
                    format!("cannot read standard input again to compare it with its canonical form: {e}"),
                    "save the map to a file and name the file instead".into(),
                )
            })?
        }
        // A copy is kept exactly when the text was not compared at hand.
        (None, None) => false,
    };
    Ok((loaded, canonical))
}

/// [`load`], letting `look` see the file's text next to the map parsed from
/// it and the comments found in it (before the text is let go), and
/// returning what it saw, with standard input's temporary copy (see
/// [`load`]) when one was made. `look` is told whether that copy exists,
/// and sees the text as decoded: a byte-order mark and carriage returns
/// dropped (then shorter than the file: see [`FileStamp::size`]).
fn load_looking<T>(
    path: &Path,
    look: impl FnMut(&str, &JourneyMap, &Comments, bool) -> T,
) -> Result<(Loaded, T, Option<File>), LoadError> {
    load_looking_read(path, read_limited(path)?, look)
}

/// [`load_looking`] of `bytes`, read from `path`.
fn load_looking_read<T>(
    path: &Path,
    bytes: Vec<u8>,
    mut look: impl FnMut(&str, &JourneyMap, &Comments, bool) -> T,
) -> Result<(Loaded, T, Option<File>), LoadError> {
    let stamp = FileStamp::of(&bytes);
    let origin = origin_of(path);
    let text = decode_owned(bytes, &origin)?;
    let map = parse_unvalidated(&text, &origin)?;
    let comments = comments_of(&text);
    // The text is let go before validation; an invalid map's messages need
    // it again. A file is read again; standard input, which cannot be, is
    // read back from a temporary copy, or kept when none can be made.
    let stdin = path.as_os_str() == "-";
    let spooled = if stdin { spool(&text) } else { None };
    let seen = look(&text, &map, &comments, spooled.is_some());
    let kept = (stdin && spooled.is_none()).then_some(text);
    let problems = crate::model::validate(&map);
    if problems.is_empty() {
        return Ok((Loaded { map, stamp, comments }, seen, spooled));
    }
    drop(map);
    if let Some(text) = kept {
        return Err(parse::invalid(&text, &origin, &problems));
    }
    if let Some(mut spooled) = spooled {
        let text = read_back(&mut spooled).map_err(|e| {
            LoadError::unreadable(
                &origin,
                format!("cannot read standard input again to show where the map is invalid: {e}"),
                "save the map to a file and name the file instead".into(),
            )
        })?;
        return Err(parse::invalid(&text, &origin, &problems));
    }
    let bytes = read_limited(path)?;
    let now = FileStamp::of(&bytes);
    if now != stamp {
        // Changed since: report on what the file holds now.
        let text = decode_owned(bytes, &origin)?;
        let map = parse_str(&text, &origin)?;
        let comments = comments_of(&text);
        let seen = look(&text, &map, &comments, false);
        return Ok((
            Loaded {
                map,
                stamp: now,
                comments,
            },
            seen,
            None,
        ));
    }
    let text = decode_owned(bytes, &origin)?;
    Err(parse::invalid(&text, &origin, &problems))
}

/// `text` written to a new temporary file that has no name (it goes when
/// it is closed), to be [read back](read_back); `None` when none can be
/// made or written.
fn spool(text: &str) -> Option<File> {
    let mut file = tempfile::tempfile().ok()?;
    io::Write::write_all(&mut file, text.as_bytes()).ok()?;
    Some(file)
}

/// The text [`spool`] wrote.
fn read_back(file: &mut File) -> io::Result<String> {
    io::Seek::seek(file, io::SeekFrom::Start(0))?;
    let mut text = String::new();
    file.read_to_string(&mut text)?;
    Ok(text)
}

/// Why a save did not happen.
#[derive(Debug)]
pub enum SaveError {
    /// The file is not what was loaded: someone changed it on disk.
    ChangedOnDisk,
    Io(io::Error),
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SaveError::ChangedOnDisk => f.write_str("the file changed on disk since it was opened"),
            SaveError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for SaveError {}

/// Whether the file at `path` still holds what `stamp` says was read, and
/// that is exactly the canonical text of `map` and its `comments` (no
/// byte-order mark, no carriage returns, nothing after it). The file is
/// read a piece at a time as the canonical text is made: `fmt` finds this
/// out without holding the file's text beside the map.
pub fn file_is_canonical(path: &Path, map: &JourneyMap, comments: &Comments, stamp: FileStamp) -> io::Result<bool> {
    reads_canonical_stamped(File::open(path)?, map, comments, stamp)
}

/// Whether `file` holds, from where it stands, exactly the canonical text
/// of `map` with `comments` and nothing else, and what it holds has
/// `stamp`; read a piece at a time.
fn reads_canonical_stamped(file: File, map: &JourneyMap, comments: &Comments, stamp: FileStamp) -> io::Result<bool> {
    let mut reader = StampingReader {
        inner: io::BufReader::with_capacity(64 * 1024, file),
        stamping: Stamping::default(),
    };
    let same = canonical::reads_canonical(map, comments, &mut reader)?;
    Ok(same && reader.stamping.stamp() == stamp)
}

/// A reader that stamps what it reads.
struct StampingReader<R> {
    inner: R,
    stamping: Stamping,
}

impl<R: Read> Read for StampingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.stamping.add(&buf[..n]);
        Ok(n)
    }
}

/// The stamp of what is on disk now; `None` if the file does not exist.
/// The file is read a piece at a time, never held whole.
pub fn stamp_on_disk(path: &Path) -> io::Result<Option<FileStamp>> {
    let mut file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let mut stamping = Stamping::default();
    let mut piece = vec![0; 64 * 1024];
    loop {
        match file.read(&mut piece) {
            Ok(0) => return Ok(Some(stamping.stamp())),
            Ok(n) => stamping.add(&piece[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

/// Saves `map` in canonical form. With `expected`, refuses to replace a file
/// whose content is no longer the one loaded (pass `None` to overwrite on the
/// user's say-so, or to create a new file).
pub fn save(path: &Path, map: &JourneyMap, expected: Option<FileStamp>) -> Result<FileStamp, SaveError> {
    save_commented(path, map, &Comments::default(), expected)
}

/// [`save`] with the comments of the file the map came from, each written
/// where it belongs ([`to_canonical_commented`]).
pub fn save_commented(
    path: &Path,
    map: &JourneyMap,
    comments: &Comments,
    expected: Option<FileStamp>,
) -> Result<FileStamp, SaveError> {
    if let Some(expected) = expected
        && stamp_on_disk(path).map_err(SaveError::Io)? != Some(expected)
    {
        return Err(SaveError::ChangedOnDisk);
    }
    // Written as it is made, and stamped as it is written.
    let mut stamp = None;
    write_atomically_with(path, |file| {
        let mut stamping = StampingWriter {
            inner: file,
            stamping: Stamping::default(),
        };
        write_canonical_commented(map, comments, &mut stamping)?;
        stamp = Some(stamping.stamping.stamp());
        Ok(())
    })
    .map_err(SaveError::Io)?;
    stamp.ok_or_else(|| SaveError::Io(io::Error::other("nothing was written")))
}

/// Writes a new file atomically; fails with `AlreadyExists` rather than
/// replace a file that is there.
pub fn create_new(path: &Path, text: &str) -> io::Result<()> {
    atomic::create_atomically(path, text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_input_is_named_as_such_and_a_file_by_its_path() {
        assert_eq!(origin_of(Path::new("-")), "<stdin>");
        assert_eq!(origin_of(Path::new("maps/m.ron")), "maps/m.ron");
    }

    #[test]
    fn the_stamp_on_disk_is_none_only_for_a_missing_file() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("m.ron");
        assert_eq!(stamp_on_disk(&path)?, None);
        std::fs::write(&path, "map")?;
        assert_eq!(stamp_on_disk(&path)?, Some(FileStamp::of(b"map")));
        // A file that cannot be read is not a missing one: a save must not
        // take it for deleted.
        assert!(stamp_on_disk(dir.path()).is_err(), "a folder cannot be read");
        Ok(())
    }

    #[test]
    fn a_stamp_is_the_same_whatever_pieces_its_bytes_came_in() {
        let bytes: Vec<u8> = (0..100_000u32).map(|n| (n * 7 % 251) as u8).collect();
        let whole = FileStamp::of(&bytes);
        for size in [1, 7, 64, 1000, 65_536] {
            let mut stamping = Stamping::default();
            bytes.chunks(size).for_each(|piece| stamping.add(piece));
            assert_eq!(stamping.stamp(), whole, "pieces of {size}");
        }
        assert_ne!(FileStamp::of(&bytes[1..]), whole);
    }

    #[test]
    fn a_save_stamps_what_it_wrote() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("m.ron");
        let map = crate::templates::TEMPLATES[0].map()?;
        let stamp = save(&path, &map, None)?;
        assert_eq!(stamp, FileStamp::of(&std::fs::read(&path)?));
        assert_eq!(stamp_on_disk(&path)?, Some(stamp));
        Ok(())
    }

    #[test]
    fn a_file_is_canonical_only_when_it_is_the_canonical_text_and_as_stamped() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let map = crate::analysis::sample_map();
        let comments = Comments::default();
        let canonical = to_canonical_commented(&map, &comments);
        let path = dir.path().join("m.ron");
        let with = |text: &[u8]| -> io::Result<bool> {
            std::fs::write(&path, text)?;
            file_is_canonical(&path, &map, &comments, FileStamp::of(text))
        };
        assert!(with(canonical.as_bytes())?, "the canonical text");
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(canonical.as_bytes());
        assert!(!with(&bom)?, "a byte-order mark before it");
        assert!(!with(canonical.replace('\n', "\r\n").as_bytes())?, "carriage returns");
        assert!(!with(format!("{canonical}\n").as_bytes())?, "something after it");
        assert!(!with(&canonical.as_bytes()[..canonical.len() - 1])?, "cut short");
        assert!(
            !with(canonical.replacen("Bean", "Bear", 1).as_bytes())?,
            "a letter changed"
        );
        // The same text, but not what was read: it changed on disk since.
        std::fs::write(&path, canonical.as_bytes())?;
        let other = FileStamp::of(b"what was read before");
        assert!(!file_is_canonical(&path, &map, &comments, other)?);
        Ok(())
    }

    #[test]
    fn spooled_text_reads_back_as_it_was_written() -> io::Result<()> {
        let text = "JourneyMap(\n    title: \"عرض 展示会 🚀\",\n)\n".repeat(20_000);
        let Some(mut spooled) = spool(&text) else {
            panic!("no temporary file could be made");
        };
        assert_eq!(read_back(&mut spooled)?, text);
        // Again, as often as asked.
        assert_eq!(read_back(&mut spooled)?, text);
        Ok(())
    }

    #[test]
    fn create_new_writes_the_text_and_never_replaces() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("m.ron");
        create_new(&path, "first")?;
        assert_eq!(std::fs::read_to_string(&path)?, "first");
        let again = create_new(&path, "second").err().map(|e| e.kind());
        assert_eq!(again, Some(io::ErrorKind::AlreadyExists));
        assert_eq!(std::fs::read_to_string(&path)?, "first");
        Ok(())
    }
}
