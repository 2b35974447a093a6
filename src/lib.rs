//! journeymap: customer journey maps in the terminal.
//!
//! Layers, from the inside out: [`model`] (plain data), [`store`] (files),
//! [`templates`] (built-in frameworks), then the CLI and the TUI, which share
//! all of the above.

#![forbid(unsafe_code)]

/// `eprintln!` that never panics: when standard error is closed or full
/// (`2>/dev/full`), diagnostics are lost but the exit code still tells.
#[macro_export]
macro_rules! errln {
    ($($arg:tt)*) => {{
        use ::std::io::Write as _;
        let _ = ::std::writeln!(::std::io::stderr(), $($arg)*);
    }};
}

/// `eprint!` that never panics; see [`errln!`].
#[macro_export]
macro_rules! err {
    ($($arg:tt)*) => {{
        use ::std::io::Write as _;
        let _ = ::std::write!(::std::io::stderr(), $($arg)*);
    }};
}

pub mod analysis;
pub mod cli;
pub mod export;
pub mod import;
pub mod model;
pub mod store;
pub mod templates;
pub mod text;
pub mod tui;
