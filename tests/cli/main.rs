//! The command line, run as the real binary: files, reports, the matrix, lint, diff (and git through it), completions, load errors.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../common/mod.rs"]
mod common;

mod campaign_reports;
mod completions;
mod diff;
mod example_reports;
mod files;
mod git;
mod git_merge;
mod import;
mod lint;
mod load_errors;
mod matrix;
mod merge;
mod pictures;
mod playbook_reports;
mod report;
mod report_batches;
mod widths;
