//! journeymap: customer journey maps in the terminal.
//!
//! Layers, from the inside out: [`model`] (plain data), [`store`] (files),
//! [`templates`] (built-in frameworks), then the CLI and the TUI, which share
//! all of the above.

#![forbid(unsafe_code)]

pub mod analysis;
pub mod cli;
pub mod export;
pub mod model;
pub mod store;
pub mod templates;
pub mod text;
pub mod tui;
