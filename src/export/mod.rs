//! Renderers: a map (and what analysis computed from it) as text. Every
//! function returns a `String`; none prints or touches files, so the CLI, the
//! TUI and the tests share them.

pub mod grid;
pub mod table;

pub use grid::{CellDisplay, GridOptions, render_matrix};
