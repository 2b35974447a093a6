//! Where a renderer's text goes: gathered in a small buffer that is handed
//! to a writer (a file, standard output) each time it holds a chunk, so a
//! report of any size costs a chunk of memory rather than its whole text;
//! or kept whole, for the callers that want a `String` (the workbench's
//! export, tests).
//!
//! Renderers write into it as into a `String` (it dereferences to one) and
//! call [`Out::pass_on`] between the items of long lists. A failed write is
//! kept and reported by [`Out::finish`]; after it, nothing more is written
//! and [`Out::failed`] tells a renderer it may stop early.

use std::io;
use std::ops::{Deref, DerefMut};

/// How much text is gathered before it is handed to the writer.
const CHUNK: usize = 64 * 1024;

pub struct Out<'w> {
    text: String,
    to: Option<&'w mut dyn io::Write>,
    failure: Option<io::Error>,
    /// The first bytes of a character whose last bytes are still to come.
    cut: Vec<u8>,
}

impl Out<'static> {
    /// Text kept whole, for [`Out::finish`] to return.
    pub fn collecting() -> Self {
        Self {
            text: String::new(),
            to: None,
            failure: None,
            cut: Vec::new(),
        }
    }
}

impl<'w> Out<'w> {
    /// Text handed to `writer` a chunk at a time.
    pub fn to(writer: &'w mut dyn io::Write) -> Self {
        Self {
            text: String::with_capacity(CHUNK + CHUNK / 2),
            to: Some(writer),
            failure: None,
            cut: Vec::new(),
        }
    }

    /// Hands the gathered text to the writer once it holds a chunk (a
    /// renderer calls this between items; text kept whole stays).
    pub fn pass_on(&mut self) {
        if self.to.is_some() && self.text.len() >= CHUNK {
            self.write_gathered();
        }
    }

    /// Whether a write failed: what follows would be thrown away.
    pub fn failed(&self) -> bool {
        self.failure.is_some()
    }

    fn write_gathered(&mut self) {
        let Some(writer) = self.to.as_mut() else { return };
        if self.failure.is_none()
            && let Err(e) = writer.write_all(self.text.as_bytes())
        {
            self.failure = Some(e);
        }
        self.text.clear();
    }

    /// Writes what is left and flushes the writer; the whole text when it
    /// was [collected](Out::collecting), else an empty string.
    pub fn finish(mut self) -> io::Result<String> {
        self.write_gathered();
        if let Some(e) = self.failure.take() {
            return Err(e);
        }
        if let Some(writer) = self.to.as_mut() {
            writer.flush()?;
        }
        Ok(std::mem::take(&mut self.text))
    }
}

impl Deref for Out<'_> {
    type Target = String;

    fn deref(&self) -> &String {
        &self.text
    }
}

impl DerefMut for Out<'_> {
    fn deref_mut(&mut self) -> &mut String {
        &mut self.text
    }
}

/// Bytes written to an `Out` (by a serializer) are text: a character cut
/// between two writes waits for the rest of its bytes.
impl io::Write for Out<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.cut.is_empty()
            && let Ok(text) = std::str::from_utf8(buf)
        {
            self.text.push_str(text);
        } else {
            self.cut.extend_from_slice(buf);
            let whole = match std::str::from_utf8(&self.cut) {
                Ok(text) => text.len(),
                Err(e) if e.error_len().is_none() => e.valid_up_to(),
                Err(_) => return Err(io::Error::new(io::ErrorKind::InvalidData, "not UTF-8 text")),
            };
            let rest = self.cut.split_off(whole);
            let done = std::mem::replace(&mut self.cut, rest);
            self.text.push_str(&String::from_utf8_lossy(&done));
        }
        self.pass_on();
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Renders into a `String` through a renderer that writes to an [`Out`].
pub(crate) fn collected(render: impl FnOnce(&mut Out<'static>)) -> String {
    let mut out = Out::collecting();
    render(&mut out);
    // Collected text is never written, so finishing cannot fail.
    out.finish().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer that fails after taking `room` bytes.
    struct Full {
        taken: Vec<u8>,
        room: usize,
    }

    impl io::Write for Full {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.taken.len() + buf.len() > self.room {
                return Err(io::Error::other("disk full"));
            }
            self.taken.extend_from_slice(buf);
            Ok(buf.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn text_reaches_the_writer_in_chunks_and_whole() -> io::Result<()> {
        let mut written = Vec::new();
        let mut out = Out::to(&mut written);
        let line = "a line of a long report\n";
        let mut largest = 0;
        for _ in 0..20_000 {
            out.push_str(line);
            out.pass_on();
            largest = largest.max(out.len());
        }
        assert!(largest < CHUNK + line.len(), "gathered {largest} bytes");
        assert_eq!(out.finish()?, "");
        assert_eq!(written, line.repeat(20_000).into_bytes());
        Ok(())
    }

    #[test]
    fn characters_written_in_pieces_arrive_whole() -> io::Result<()> {
        use std::io::Write as _;
        let text = "Café ☕ 展示会 🚀\n";
        let mut collected = Out::collecting();
        for byte in text.as_bytes() {
            collected.write_all(std::slice::from_ref(byte))?;
        }
        assert_eq!(collected.finish()?, text);
        Ok(())
    }

    #[test]
    fn collected_text_is_kept_whole() {
        let text = collected(|out| {
            for n in 0..10_000 {
                out.push_str(&format!("{n}\n"));
                out.pass_on();
            }
        });
        assert_eq!(text.lines().count(), 10_000);
    }

    #[test]
    fn a_failed_write_is_reported_and_stops_the_writing() {
        let mut full = Full {
            taken: Vec::new(),
            room: CHUNK * 2,
        };
        let mut out = Out::to(&mut full);
        let mut rounds = 0;
        while !out.failed() && rounds < 1_000_000 {
            out.push_str("0123456789abcdef");
            out.pass_on();
            rounds += 1;
        }
        assert!(out.failed(), "the writer had room for two chunks only");
        let failure = out.finish().err().map(|e| e.to_string());
        assert_eq!(failure.as_deref(), Some("disk full"));
        assert!(full.taken.len() <= CHUNK * 2);
    }
}
