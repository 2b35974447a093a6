use std::path::{Path, PathBuf};

use super::{EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, print_out, report_load_error};
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
    match store::parse_bytes(&bytes, "<stdin>") {
        Ok(map) => {
            let comments = store::decode(&bytes, "<stdin>")
                .map(|text| store::comments_of(&text))
                .unwrap_or_default();
            let text = store::to_canonical_commented(&map, &comments);
            if check {
                if text.as_bytes() != bytes.as_slice() {
                    print_out("<stdin>\n");
                    return EXIT_FINDINGS;
                }
            } else {
                print_out(&text);
            }
            EXIT_OK
        }
        Err(e) => report_load_error(&e),
    }
}

fn one_file(path: &Path, check: bool) -> u8 {
    let bytes = match store::read_limited(path) {
        Ok(bytes) => bytes,
        Err(e) => return report_load_error(&e),
    };
    let map = match store::parse_bytes(&bytes, &path.display().to_string()) {
        Ok(map) => map,
        Err(e) => return report_load_error(&e),
    };
    // Comments stay, each with what it is about.
    let comments = store::decode(&bytes, "")
        .map(|text| store::comments_of(&text))
        .unwrap_or_default();
    let text = store::to_canonical_commented(&map, &comments);
    if text.as_bytes() == bytes.as_slice() {
        return EXIT_OK;
    }
    let shown = sanitize(&path.display().to_string()).into_owned();
    if check {
        print_out(&format!("{shown}\n"));
        return EXIT_FINDINGS;
    }
    // The stamp guards against a change made between our read and our write.
    match store::save_commented(path, &map, &comments, Some(store::FileStamp::of(&bytes))) {
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
