//! The workbench: driven through its update function and drawn into a TestBackend, and run as the real binary in a pseudo-terminal.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../common/mod.rs"]
mod common;
#[path = "../pty/mod.rs"]
mod pty;
#[path = "../tui_driver/mod.rs"]
mod tui_driver;

mod app;
mod bidi_terminal;
mod caches;
mod emotion;
mod long_filter;
mod matrix;
mod matrix_layout;
mod picker;
mod playbook;
mod resolve;
mod sessions;
mod terminal;
mod tools;
mod touchpoint_list;
mod undo;
mod widths;
