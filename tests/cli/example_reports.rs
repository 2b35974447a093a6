#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Snapshots of the matrix, the lint findings and every report format for
//! each example map in maps/, so that a change in any renderer shows up as a
//! reviewable diff on maps a newcomer actually opens.

use crate::common;

use super::report::TODAY;
use common::{example_maps, has_raw_control, journeymap, stdout_of};

fn stem(path: &std::path::Path) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}

#[test]
fn there_are_example_maps() {
    assert!(example_maps().len() >= 3, "maps/ should hold the example maps");
}

#[test]
fn matrix_of_every_example_map() {
    for map in example_maps() {
        let path = map.to_str().unwrap();
        let name = stem(&map);
        insta::assert_snapshot!(format!("{name}-matrix"), stdout_of(&["matrix", path, "--width", "120"]));
        insta::assert_snapshot!(
            format!("{name}-matrix-transposed-ascii"),
            stdout_of(&["matrix", path, "--width", "100", "--transpose", "--ascii"])
        );
    }
}

#[test]
fn every_report_format_of_every_example_map() {
    for map in example_maps() {
        let path = map.to_str().unwrap();
        let name = stem(&map);
        for format in ["text", "markdown", "csv", "json", "mermaid"] {
            let text = stdout_of(&["report", path, "--format", format, "--width", "100", "--today", TODAY]);
            assert!(!has_raw_control(&text.replace("\r\n", "\n")), "{name} {format}");
            insta::assert_snapshot!(format!("{name}-report-{format}"), text);
        }
        insta::assert_snapshot!(
            format!("{name}-touchpoints-csv"),
            stdout_of(&["report", path, "--format", "csv", "--section", "touchpoints"])
        );
    }
}

#[test]
fn lint_of_every_example_map() {
    for map in example_maps() {
        // Relative to the repository, as findings name it: the same in every checkout.
        let path = format!("maps/{}", map.file_name().unwrap().to_str().unwrap());
        let out = journeymap(&["lint", &path]);
        // The examples show a finished plan: no errors.
        assert_eq!(out.code, 0, "{}", out.stdout);
        insta::assert_snapshot!(format!("{}-lint", stem(&map)), out.stdout);
    }
}

#[test]
fn every_example_matrix_keeps_its_borders_at_every_width() {
    for map in example_maps() {
        let path = map.to_str().unwrap();
        for width in ["60", "80", "120", "200"] {
            for extra in [&[][..], &["--transpose"], &["--cells", "names"]] {
                let mut args = vec!["matrix", path, "--width", width];
                args.extend_from_slice(extra);
                let text = stdout_of(&args);
                let widths: Vec<usize> = text
                    .lines()
                    .take_while(|l| l.starts_with(['┌', '│', '├', '└']))
                    .map(common::wcwidth)
                    .collect();
                assert!(widths.len() > 3, "{path} {args:?}");
                assert!(widths.iter().all(|w| *w == widths[0]), "{path} {args:?}: {widths:?}");
            }
        }
    }
}

#[test]
fn every_filter_of_every_example_map_is_accepted() {
    for map in example_maps() {
        let loaded = journeymap::store::load(&map).unwrap().map;
        let path = map.to_str().unwrap();
        for persona in &loaded.personas {
            stdout_of(&["matrix", path, "--persona", &persona.id]);
        }
        for segment in &loaded.segments {
            stdout_of(&["matrix", path, "--segment", &segment.id]);
        }
    }
}
