//! Where output goes and how it may look: terminal or not, colour or not,
//! how wide. Map text comes from strangers, so whatever reaches a terminal is
//! sanitized first.

use std::io::IsTerminal;

use crate::export::NO_WRAP;
use crate::text::bidi::Bidi;
use crate::text::sanitize_multiline;

/// Width used when stdout is not a terminal (a file, a pipe, a CI log).
pub const DEFAULT_WIDTH: usize = 100;

pub fn stdout_is_terminal() -> bool {
    std::io::stdout().is_terminal()
}

/// Colour only on a terminal, and never with `NO_COLOR` set to anything.
pub fn colour_enabled() -> bool {
    stdout_is_terminal() && no_colour_unset()
}

fn no_colour_unset() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// When to colour output, as `--color` asks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ColourChoice {
    /// On a terminal or git's pager, unless NO_COLOR is set
    #[default]
    Auto,
    /// Always, even into a file or a pipe
    Always,
    /// Never
    Never,
}

/// Whether git started us with its pager as our standard output: git sets
/// this for the commands it runs once its pager is set up.
fn in_git_pager() -> bool {
    std::env::var_os("GIT_PAGER_IN_USE").is_some_and(|v| v == "true" || v == "1")
}

/// Whether to colour, by `--color`: `auto` colours a terminal and git's
/// pager (as git's own `color.ui=auto` does) unless `NO_COLOR` is set.
pub fn colour_for(choice: ColourChoice) -> bool {
    match choice {
        ColourChoice::Always => true,
        ColourChoice::Never => false,
        ColourChoice::Auto => (stdout_is_terminal() || in_git_pager()) && no_colour_unset(),
    }
}

/// The width of where the output is read: the terminal's; under git's
/// pager, the terminal's as git measured it before starting the pager (it
/// passes it on as `COLUMNS`); else [`DEFAULT_WIDTH`].
pub fn reader_width() -> usize {
    if stdout_is_terminal() {
        return output_width();
    }
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok());
    match columns {
        Some(columns) if in_git_pager() && columns > 0 => columns,
        _ => DEFAULT_WIDTH,
    }
}

/// Whether grids printed to stdout are drawn with right-to-left text
/// shaped and in visual order: stdout is a terminal and the bidi setting
/// (`--bidi`, `JOURNEYMAP_BIDI`, `bidi` in config.ron, the terminal) is
/// `app`, as in the workbench. Files and pipes keep logical order.
pub fn visual_grids(flag: Option<Bidi>) -> bool {
    if !stdout_is_terminal() {
        return false;
    }
    let (mode, problem) = crate::tui::config::bidi_setting(flag, crate::tui::config::configured_bidi());
    if let Some(problem) = problem {
        crate::errln!("warning: {problem}");
    }
    mode == Bidi::App
}

/// The width budget a `--width N` option asks for: 0 wraps nothing
/// ([`NO_WRAP`]); without the option, `default()`.
pub fn width_budget(asked: Option<usize>, default: impl FnOnce() -> usize) -> usize {
    match asked {
        Some(0) => NO_WRAP,
        Some(cells) => cells,
        None => default(),
    }
}

/// The terminal's width when stdout is one, else [`DEFAULT_WIDTH`].
pub fn output_width() -> usize {
    if stdout_is_terminal()
        && let Ok((columns, _)) = ratatui::crossterm::terminal::size()
        && columns > 0
    {
        return usize::from(columns);
    }
    DEFAULT_WIDTH
}

/// Text for stdout: on a terminal, with every control character but line
/// breaks replaced, whatever the renderer did. Use for output that carries
/// no colour of its own (colour output is sanitized field by field instead).
pub fn for_stdout(text: String) -> String {
    if stdout_is_terminal() {
        sanitize_multiline(&text).into_owned()
    } else {
        text
    }
}

/// A writer of text to standard output that treats each line, once it is
/// complete, as [`for_stdout`] treats whole text (and, when `visual`, as
/// the report's `visual_lines` does before it): output can then be
/// written as it is made, in pieces, and read the same as when whole. The
/// last line, if it has no line break, goes out on [`finish`](Self::finish).
pub struct StdoutLines<W: std::io::Write> {
    inner: W,
    /// Bytes after the last line break written so far.
    pending: Vec<u8>,
    terminal: bool,
    visual: Option<fn(&str) -> String>,
}

impl<W: std::io::Write> StdoutLines<W> {
    /// `visual` puts a report's lines in visual order; `terminal` is whether
    /// standard output is one.
    pub fn new(inner: W, terminal: bool, visual: Option<fn(&str) -> String>) -> Self {
        Self {
            inner,
            pending: Vec::new(),
            terminal,
            visual,
        }
    }

    fn write_lines(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        if !self.terminal && self.visual.is_none() {
            return self.inner.write_all(bytes);
        }
        // Whole lines of text that reached us as text: UTF-8 up to a line break.
        let text = String::from_utf8_lossy(bytes);
        let text = match self.visual {
            Some(visual) => visual(&text),
            None => text.into_owned(),
        };
        self.inner.write_all(for_stdout(text).as_bytes())
    }

    /// Writes the last line and flushes.
    pub fn finish(mut self) -> std::io::Result<()> {
        let rest = std::mem::take(&mut self.pending);
        if !rest.is_empty() {
            self.write_lines(&rest)?;
        }
        self.inner.flush()
    }
}

impl<W: std::io::Write> std::io::Write for StdoutLines<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if !self.terminal && self.visual.is_none() {
            return self.inner.write(buf);
        }
        match buf.iter().rposition(|&b| b == b'\n') {
            None => self.pending.extend_from_slice(buf),
            Some(last) => {
                let mut lines = std::mem::take(&mut self.pending);
                lines.extend_from_slice(&buf[..=last]);
                self.write_lines(&lines)?;
                self.pending.extend_from_slice(&buf[last + 1..]);
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// Brackets each line, as a line-by-line treatment like the report's
    /// visual order does.
    fn bracketed(text: &str) -> String {
        text.lines().map(|line| format!("[{line}]\n")).collect()
    }

    #[test]
    fn lines_written_in_pieces_are_treated_as_when_whole() -> std::io::Result<()> {
        let whole = "first line\nsecond, مرحبا\n\nlast without a break";
        for cut in [1, 3, 7, 64] {
            let mut written = Vec::new();
            let mut lines = StdoutLines::new(&mut written, false, Some(bracketed));
            for piece in whole.as_bytes().chunks(cut) {
                lines.write_all(piece)?;
            }
            lines.finish()?;
            assert_eq!(String::from_utf8_lossy(&written), bracketed(whole), "pieces of {cut}");
        }
        Ok(())
    }

    #[test]
    fn text_for_a_file_or_a_pipe_passes_as_it_is() -> std::io::Result<()> {
        let mut written = Vec::new();
        let mut lines = StdoutLines::new(&mut written, false, None);
        lines.write_all(b"a\x1b[2J\nb")?;
        lines.finish()?;
        assert_eq!(written, b"a\x1b[2J\nb");
        Ok(())
    }
}
