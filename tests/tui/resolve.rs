//! Resolving a merge's conflicts in the workbench: the real binary in a
//! pseudo-terminal, on a map `journeymap merge` left with markers.

use std::path::Path;

use crate::common::journeymap_in;
use crate::pty::Session;
use crate::tui_driver::map_path;

/// Writes base, ours and theirs of the Bean Box map, with the title and a
/// touchpoint's call to action changed differently on each side, and
/// merges them into `merged.ron`.
fn conflicted(dir: &Path) {
    let base = std::fs::read_to_string(map_path("bean-box-coffee.ron")).unwrap();
    let side = |title: &str, cta: &str| {
        base.replacen(
            "title: \"Bean Box: office coffee subscription\"",
            &format!("title: \"{title}\""),
            1,
        )
        .replacen("cta: \"Get a price for your office\"", &format!("cta: \"{cta}\""), 1)
    };
    std::fs::write(dir.join("base.ron"), &base).unwrap();
    std::fs::write(dir.join("ours.ron"), side("Bean Box (ours)", "Book a tasting")).unwrap();
    std::fs::write(dir.join("theirs.ron"), side("Bean Box (theirs)", "Get the guide")).unwrap();
    let run = journeymap_in(
        &["merge", "base.ron", "ours.ron", "theirs.ron", "-o", "merged.ron"],
        dir,
        std::time::Duration::from_secs(30),
    );
    assert_eq!(run.code(), Some(1), "{}", run.stderr_text());
}

#[test]
fn conflicts_are_resolved_one_by_one_and_nothing_is_saved_before() {
    let dir = tempfile::tempdir().unwrap();
    conflicted(dir.path());
    let before = std::fs::read_to_string(dir.path().join("merged.ron")).unwrap();
    assert_eq!(before.matches("<<<<<<<").count(), 2);
    let mut s = Session::start(dir.path(), &dir.path().join("data"), &["resolve", "merged.ron"]);
    s.wait_for("Merge conflict 1 of 2 left");
    s.wait_for("Bean Box (theirs)");
    s.wait_for("changed differently on both sides");
    // Saving is refused while a conflict is left: the file keeps its markers.
    s.send("\x13");
    s.pump(std::time::Duration::from_millis(300));
    assert_eq!(std::fs::read_to_string(dir.path().join("merged.ron")).unwrap(), before);
    s.send("t"); // the title: theirs
    s.wait_for("Merge conflict 1 of 1 left");
    s.wait_for("Book a tasting");
    s.send("o"); // the call to action: ours
    s.wait_for("all 2 conflicts resolved");
    s.send("\x13");
    s.wait_for("saved");
    s.send("q");
    assert_eq!(s.wait_exit().exit_code(), 0);
    let map = journeymap::store::load(&dir.path().join("merged.ron")).unwrap().map;
    assert_eq!(map.title, "Bean Box (theirs)");
    assert!(map.touchpoints.iter().any(|t| t.cta == "Book a tasting"));
    assert!(!map.touchpoints.iter().any(|t| t.cta == "Get the guide"));
}

#[test]
fn quitting_half_way_leaves_the_file_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    conflicted(dir.path());
    let before = std::fs::read_to_string(dir.path().join("merged.ron")).unwrap();
    // Opening the file as usual offers the same resolution.
    let mut s = Session::start(dir.path(), &dir.path().join("data"), &["merged.ron"]);
    s.wait_for("Merge conflict 1 of 2 left");
    s.send("o");
    s.wait_for("Merge conflict 1 of 1 left");
    s.send("q");
    assert_eq!(s.wait_exit().exit_code(), 0);
    assert_eq!(std::fs::read_to_string(dir.path().join("merged.ron")).unwrap(), before);
}
