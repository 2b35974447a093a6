use std::path::{Path, PathBuf};

use super::{EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, output_failure, print_out, report_load_error};
use crate::store::{self, SaveError};
use crate::text::sanitize;

pub fn run(files: &[PathBuf], check: bool) -> u8 {
    let mut worst = EXIT_OK;
    for path in files {
        let code = if path.as_os_str() == "-" {
            stdin_to_stdout(check)
        } else {
            one_file(path, check)
        };
        worst = worst.max(code);
    }
    worst
}

fn stdin_to_stdout(check: bool) -> u8 {
    let (loaded, canonical) = match store::load_stdin_canonical() {
        Ok(found) => found,
        Err(e) => return report_load_error(&e),
    };
    if check {
        if !canonical {
            print_out("<stdin>\n");
            return EXIT_FINDINGS;
        }
        return EXIT_OK;
    }
    // Written as it is made.
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = store::write_canonical_commented(&loaded.map, &loaded.comments, &mut stdout)
        && let Some(message) = output_failure(&e)
    {
        crate::errln!("{message}");
    }
    EXIT_OK
}

fn one_file(path: &Path, check: bool) -> u8 {
    // The file's text is let go once the map is read; the file is then
    // compared with the canonical text a piece at a time, so that a large
    // map is held once, never beside its text.
    let loaded = match store::load(path) {
        Ok(loaded) => loaded,
        Err(e) => return report_load_error(&e),
    };
    let shown = sanitize(&path.display().to_string()).into_owned();
    match store::file_is_canonical(path, &loaded.map, &loaded.comments, loaded.stamp) {
        Ok(true) => return EXIT_OK,
        Ok(false) => {}
        Err(e) => {
            crate::errln!(
                "error: cannot read {shown} again to compare it with its canonical form: {e}\n  = help: check that the file is readable, then run the command again"
            );
            return EXIT_ERROR;
        }
    }
    let store::Loaded { map, stamp, comments } = loaded;
    if check {
        print_out(&format!("{shown}\n"));
        return EXIT_FINDINGS;
    }
    // The stamp guards against a change made between our read and our write.
    match store::save_commented(path, &map, &comments, Some(stamp)) {
        Ok(_) => {
            crate::errln!("formatted {shown}");
            EXIT_OK
        }
        Err(SaveError::ChangedOnDisk) => {
            crate::errln!(
                "error: {shown} changed on disk while it was being formatted; nothing was written\n  = help: run the command again"
            );
            EXIT_ERROR
        }
        Err(SaveError::Io(e)) => {
            crate::errln!(
                "error: cannot write {shown}: {e}\n  = help: check that the file and its folder are writable; the file is unchanged"
            );
            EXIT_ERROR
        }
    }
}
