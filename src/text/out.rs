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
use std::ops::{Deref, DerefMut, Range};
use std::sync::mpsc;

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

/// How a long list of items is laid out: `size` items to a batch, and
/// whether a second thread lays out every other batch while the first
/// lays out and writes the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Batches {
    pub size: usize,
    pub second_thread: bool,
}

impl Batches {
    /// Batches of `size` items, on a second thread when the machine has
    /// more than one processor for this process.
    pub fn for_this_machine(size: usize) -> Self {
        Self {
            size,
            second_thread: std::thread::available_parallelism().is_ok_and(|n| n.get() > 1),
        }
    }

    /// Every item on the calling thread, in one pass.
    pub const ONE_THREAD: Self = Self {
        size: usize::MAX,
        second_thread: false,
    };
}

/// Writes items `0..count` to `out` in order, `render` laying out each
/// batch of them (a range of positions) after the text before it. With a
/// second thread, that thread lays out the odd batches into buffers of
/// its own, at most two ahead of the writing, while this one lays out the
/// even batches into `out` and writes every batch in turn: the text is the
/// same as laid out in one pass, so long as `render` of a range writes what
/// it would write item by item. Memory stays a few batches whatever the
/// count. A failed write stops both threads.
pub fn write_in_batches<R>(out: &mut Out, count: usize, batches: Batches, render: R)
where
    R: Fn(&mut String, Range<usize>) + Sync,
{
    let size = batches.size.max(1);
    let range = |batch: usize| batch * size..count.min((batch + 1).saturating_mul(size));
    let total = count.div_ceil(size);
    if !batches.second_thread || total < 3 {
        for batch in 0..total {
            render(out, range(batch));
            out.pass_on();
            if out.failed() {
                return;
            }
        }
        return;
    }
    std::thread::scope(|scope| {
        // The channel holds one laid-out batch; the second thread lays out
        // the next meanwhile, then waits.
        let (laid_out, to_write) = mpsc::sync_channel::<String>(1);
        let (give_back, spare) = mpsc::channel::<String>();
        let render = &render;
        scope.spawn(move || {
            for batch in (1..total).step_by(2) {
                let mut text = spare.try_recv().unwrap_or_default();
                text.clear();
                render(&mut text, range(batch));
                // Refused once the writing stopped (a failed write).
                if laid_out.send(text).is_err() {
                    return;
                }
            }
        });
        for batch in 0..total {
            if batch % 2 == 0 {
                render(out, range(batch));
            } else {
                // Only a panic on the second thread ends it early; the
                // scope passes that panic on.
                let Ok(text) = to_write.recv() else { break };
                out.push_str(&text);
                let _ = give_back.send(text);
            }
            out.pass_on();
            if out.failed() {
                break;
            }
        }
        // Leaving the scope drops `to_write`, which ends the second
        // thread's wait to send, then waits for that thread.
    });
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

    /// Items as a renderer lays them out, one line each.
    fn lines(out: &mut String, range: Range<usize>) {
        for n in range {
            out.push_str(&format!("item {n} {}\n", "x".repeat(n % 50)));
        }
    }

    #[test]
    fn batches_are_written_in_order_on_one_thread_or_two() -> io::Result<()> {
        let count = 5_000;
        let mut expected = String::new();
        lines(&mut expected, 0..count);
        for size in [1, 2, 3, 7, 64, 4_999, 5_000, 10_000] {
            for second_thread in [false, true] {
                let mut written = Vec::new();
                let mut out = Out::to(&mut written);
                write_in_batches(&mut out, count, Batches { size, second_thread }, lines);
                out.finish()?;
                assert!(
                    written == expected.as_bytes(),
                    "batches of {size}, second thread {second_thread}"
                );
            }
        }
        let empty = collected(|out| write_in_batches(out, 0, Batches::for_this_machine(4), lines));
        assert_eq!(empty, "");
        Ok(())
    }

    /// A writer that fails at once: the second thread stops within a few
    /// batches of the failure, rather than laying out every item, and
    /// nothing waits for ever.
    #[test]
    fn a_failed_write_stops_the_second_thread_soon() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let laid_out = AtomicUsize::new(0);
        let mut full = Full {
            taken: Vec::new(),
            room: 0,
        };
        let mut out = Out::to(&mut full);
        let count = 100_000;
        let batches = Batches {
            size: 1,
            second_thread: true,
        };
        write_in_batches(&mut out, count, batches, |text, range| {
            for _ in range {
                text.push_str(&"y".repeat(1_000));
                laid_out.fetch_add(1, Ordering::Relaxed);
            }
        });
        let failure = out.finish().err().map(|e| e.to_string());
        assert_eq!(failure.as_deref(), Some("disk full"));
        // A chunk is gathered before the first write: about 66 items, and
        // the few the second thread had laid out ahead.
        let done = laid_out.load(Ordering::Relaxed);
        assert!(done < CHUNK / 1_000 + 10, "{done} of {count} items laid out");
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
