use std::path::PathBuf;

use super::{EXIT_OK, print_out, report_load_error};
use crate::store;
use crate::text::sanitize;

pub fn run(files: &[PathBuf], quiet: bool) -> u8 {
    let mut worst = EXIT_OK;
    for path in files {
        match store::load(path) {
            Ok(loaded) => {
                if !quiet {
                    let m = &loaded.map;
                    print_out(&format!(
                        "{}: valid ({} stages, {} tactics, {} touchpoints, {} personas, {} segments, {} competitors)\n",
                        sanitize(&path.display().to_string()),
                        m.stages.len(),
                        m.tactics.len(),
                        m.touchpoints.len(),
                        m.personas.len(),
                        m.segments.len(),
                        m.competitors.len()
                    ));
                }
            }
            Err(e) => worst = worst.max(report_load_error(&e)),
        }
    }
    worst
}
