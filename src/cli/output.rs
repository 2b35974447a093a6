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
    stdout_is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
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
