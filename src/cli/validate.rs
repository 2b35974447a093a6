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
                    print_out(&format!(
                        "{}: valid ({})\n",
                        sanitize(&path.display().to_string()),
                        crate::export::contents(&loaded.map)
                    ));
                }
            }
            Err(e) => worst = worst.max(report_load_error(&e)),
        }
    }
    worst
}
