use std::path::Path;

use super::{EXIT_ERROR, EXIT_OK};
use crate::store;
use crate::templates;
use crate::text::sanitize;

pub fn run(file: &Path, template: &str, title: Option<&str>) -> u8 {
    let shown = sanitize(&file.display().to_string()).into_owned();
    let Some(t) = templates::find(template) else {
        crate::errln!(
            "error: there is no template `{}`\n  = help: use one of: {}",
            sanitize(template),
            templates::ids()
        );
        return EXIT_ERROR;
    };
    let map = match t.instantiate(title) {
        Ok(map) => map,
        Err(e) => {
            crate::err!("{e}");
            return EXIT_ERROR;
        }
    };
    if let Some(problem) = crate::model::validate(&map).first() {
        crate::errln!("error: {}\n  = help: {}", sanitize(&problem.message), problem.hint);
        return EXIT_ERROR;
    }
    match store::create_new(file, &store::to_canonical(&map)) {
        Ok(()) => {
            crate::errln!(
                "created {shown} from the {} template ({} stages)",
                t.id,
                map.stages.len()
            );
            EXIT_OK
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            crate::errln!(
                "error: {shown} already exists; journeymap never overwrites a map with `new`\n  = help: choose another file name, or open the existing map"
            );
            EXIT_ERROR
        }
        Err(e) => {
            crate::errln!("error: cannot create {shown}: {e}\n  = help: check that the folder exists and is writable");
            EXIT_ERROR
        }
    }
}
