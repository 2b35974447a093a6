//! The file format: round-trip properties, the loader against arbitrary and hostile bytes, the example maps, and crash-safe saving.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../common/mod.rs"]
mod common;

mod comments;
mod crash_safety;
mod example_maps;
mod fuzz_loader;
mod hostile_inputs;
mod merge_properties;
mod properties;
