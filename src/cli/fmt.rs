use std::path::{Path, PathBuf};

use super::{EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, output_failure, print_out, report_load_error};
use crate::store::{self, SaveError};
use crate::text::sanitize;

pub fn run(files: &[PathBuf], check: bool) -> u8 {
    let mut worst = EXIT_OK;
    for path in files {
        let code = if path.as_os_str() == "-" {
            stdin_to_stdout(path, check)
        } else {
            one_file(path, check)
        };
        worst = worst.max(code);
    }
    worst
}

fn stdin_to_stdout(path: &Path, check: bool) -> u8 {
    let bytes = match store::read_limited(path) {
        Ok(bytes) => bytes,
        Err(e) => return report_load_error(&e),
    };
    let size = bytes.len();
    let text = match store::decode_owned(bytes, "<stdin>") {
        Ok(text) => text,
        Err(e) => return report_load_error(&e),
    };
    let map = match store::parse_str(&text, "<stdin>") {
        Ok(map) => map,
        Err(e) => return report_load_error(&e),
    };
    let comments = store::comments_of(&text);
    if check {
        if text.len() != size || !store::is_canonical(&map, &comments, &text) {
            print_out("<stdin>\n");
            return EXIT_FINDINGS;
        }
        return EXIT_OK;
    }
    drop(text);
    // Written as it is made.
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = store::write_canonical_commented(&map, &comments, &mut stdout)
        && let Some(message) = output_failure(&e)
    {
        crate::errln!("{message}");
    }
    EXIT_OK
}

fn one_file(path: &Path, check: bool) -> u8 {
    let bytes = match store::read_limited(path) {
        Ok(bytes) => bytes,
        Err(e) => return report_load_error(&e),
    };
    let stamp = store::FileStamp::of(&bytes);
    let size = bytes.len();
    let origin = path.display().to_string();
    // The bytes become the text in place, and the text is let go before the
    // canonical one is written: a large map is held once, not three times.
    let text = match store::decode_owned(bytes, &origin) {
        Ok(text) => text,
        Err(e) => return report_load_error(&e),
    };
    let map = match store::parse_str(&text, &origin) {
        Ok(map) => map,
        Err(e) => return report_load_error(&e),
    };
    // Comments stay, each with what it is about.
    let comments = store::comments_of(&text);
    // Decoding drops a byte-order mark and carriage returns, which the
    // canonical text never has: a file they were dropped from is not canonical.
    let canonical = text.len() == size && store::is_canonical(&map, &comments, &text);
    drop(text);
    if canonical {
        return EXIT_OK;
    }
    let shown = sanitize(&path.display().to_string()).into_owned();
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
