//! End to end: the real binary in a pseudo-terminal. Keys are typed, the
//! screen is read through a terminal emulator (vt100), the saved file is
//! loaded back, and the terminal must be restored at exit.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use crate::pty;

use pty::Session;

fn copy_example(dir: &Path, name: &str) {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("maps").join(name);
    std::fs::copy(source, dir.join(name)).unwrap();
}

#[test]
fn add_a_touchpoint_save_and_quit_in_a_real_terminal() {
    let dir = tempfile::tempdir().unwrap();
    copy_example(dir.path(), "bean-box-coffee.ron");
    let mut s = Session::start(dir.path(), &dir.path().join("data"), &["bean-box-coffee.ron"]);
    s.wait_for("Overview");
    assert!(
        s.parser.screen().alternate_screen(),
        "the TUI runs in the alternate screen"
    );
    // Lint runs once the first screen is shown, and its findings are
    // then drawn without a key.
    s.wait_for("1 warning(s)");

    s.send("3");
    s.wait_for("Touchpoints ");
    s.send("a");
    s.wait_for("New touchpoint");
    s.send("Trade fair booth 展示会");
    s.wait_for("Trade fair booth 展示会");
    s.send("\r");
    s.wait_for("stage of the new touchpoint");
    s.send("conv");
    s.wait_for("filter: conv");
    s.send("\r");
    s.wait_for("Edit touchpoint");
    s.send("\x1b");
    s.wait_for("[+]");
    // The form closed: the list shows the key hints of the view again.
    s.wait_for("a add");
    s.send("\x13"); // Ctrl-S
    s.wait_for("saved");
    s.send("q");
    let code = s.wait_exit().exit_code();
    assert_eq!(code, 0);

    // The terminal was put back: main screen, cursor visible, mouse released.
    let screen = s.parser.screen();
    assert!(!screen.alternate_screen(), "left the alternate screen");
    assert!(!screen.hide_cursor(), "the cursor is shown");
    let raw = String::from_utf8_lossy(&s.raw);
    let tail = &raw[raw.rfind("\x1b[?1049l").expect("leaves the alternate screen")..];
    assert!(raw.contains("\x1b[?1000l"), "mouse capture is turned off");
    assert!(tail.contains("\x1b[?25h") || raw.rfind("\x1b[?25h") > raw.rfind("\x1b[?25l"));

    let saved = journeymap::store::load(&dir.path().join("bean-box-coffee.ron"))
        .unwrap()
        .map;
    let tp = saved
        .touchpoints
        .iter()
        .find(|t| t.name == "Trade fair booth 展示会")
        .expect("the new touchpoint was saved");
    assert_eq!(tp.stage, "convert");
    assert_eq!(tp.id, "trade-fair-booth-展示会");
    // Nothing else was lost.
    let original = journeymap::store::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("maps/bean-box-coffee.ron"))
        .unwrap()
        .map;
    assert_eq!(saved.touchpoints.len(), original.touchpoints.len() + 1);
    assert_eq!(saved.stages, original.stages);
}

#[test]
fn an_invalid_file_is_not_opened() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.ron"),
        "JourneyMap(title: \"x\", stages: [Stage(id: \"a\")])",
    )
    .unwrap();
    let mut s = Session::start(dir.path(), &dir.path().join("data"), &["bad.ron"]);
    let code = s.wait_exit().exit_code();
    assert_eq!(code, 1);
    assert!(s.screen().contains("bad.ron"), "{}", s.screen());
    assert!(!s.parser.screen().alternate_screen());
}

#[test]
fn a_missing_file_is_created_from_a_template() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(dir.path(), &dir.path().join("data"), &["edit", "launch.ron"]);
    s.wait_for("does not exist");
    s.wait_for("aida");
    s.send("j"); // the second template
    s.send("\r");
    // The new map asks for its title before it opens.
    s.wait_for("Title of the new map");
    assert!(!dir.path().join("launch.ron").exists());
    s.send("Spring launch\r");
    s.wait_for("Overview");
    s.wait_for("Spring launch");
    s.send("q");
    assert_eq!(s.wait_exit().exit_code(), 0);
    let map = journeymap::store::load(&dir.path().join("launch.ron")).unwrap().map;
    assert_eq!(map.framework, journeymap::templates::TEMPLATES[1].id);
    assert_eq!(map.title, "Spring launch");
}

#[test]
fn the_picker_opens_maps_in_the_maps_folder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("maps")).unwrap();
    copy_example(&dir.path().join("maps"), "souk-to-shelf.ron");
    let mut s = Session::start(dir.path(), &dir.path().join("data"), &[]);
    s.wait_for("Open a map");
    s.wait_for("souk-to-shelf.ron");
    s.send("\r");
    s.wait_for("Overview");
    s.wait_for("Souk");
    s.send("q");
    assert_eq!(s.wait_exit().exit_code(), 0);
    // Opening remembered it.
    let recent = std::fs::read_to_string(dir.path().join("data/recent.txt")).unwrap();
    assert!(recent.contains("souk-to-shelf.ron"), "{recent}");
}

#[test]
fn a_broken_config_is_reported_on_the_message_line_and_the_defaults_work() {
    let dir = tempfile::tempdir().unwrap();
    copy_example(dir.path(), "bean-box-coffee.ron");
    std::fs::create_dir_all(dir.path().join("config")).unwrap();
    std::fs::write(
        dir.path().join("config/config.ron"),
        "(\n    keys: { \"x\": Delet },\n)\n",
    )
    .unwrap();
    let mut s = Session::start(dir.path(), &dir.path().join("data"), &["bean-box-coffee.ron"]);
    s.wait_for("line 2, column");
    assert!(s.screen().contains("defaults used"), "{}", s.screen());
    // The default keys work: go to the Matrix, then quit.
    s.send("8");
    s.wait_for("Matrix ·");
    s.send("q");
    assert_eq!(s.wait_exit().exit_code(), 0);
}

/// What a strategist pastes and types fast reaches the field it was meant
/// for, whole: line feeds without bracketed paste, CR line ends inside one,
/// Esc typed quickly before a key, and Ctrl-s in a one-line field.
#[test]
fn pasted_lines_and_fast_keys_are_kept_in_a_real_terminal() {
    let dir = tempfile::tempdir().unwrap();
    copy_example(dir.path(), "bean-box-coffee.ron");
    let mut s = Session::start(dir.path(), &dir.path().join("data"), &["bean-box-coffee.ron"]);
    s.wait_for("Overview");
    s.send("2");
    s.wait_for("Stages ");
    s.send("\r");
    s.wait_for("Edit stage");
    // Notes: the last field.
    s.send("\x1b[Z");
    s.send("\r");
    s.wait_for("new line");
    // Without bracketed paste (tmux send-keys -l): LF between the lines.
    s.send("Line A\nLine B\n");
    // A bracketed paste with CR line ends, as most terminals send it.
    s.send("\x1b[200~line one\rline two\x1b[201~");
    s.wait_for("line two");
    s.send("\x13"); // Ctrl-s: keep the text and save
    s.wait_for("saved");
    // Esc and `a` in one burst: the form closes, then `a` adds a stage.
    s.send("\x1ba");
    s.wait_for("New stage");
    s.send("\x1b");
    s.wait_for("a add");
    // Ctrl-s while a one-line field is open keeps the text and saves.
    s.send("\r\r");
    s.wait_for("Esc cancel");
    s.send(" now");
    s.send("\x13");
    s.wait_for("saved");
    s.send("\x1b");
    s.wait_for("a add");
    s.send("q");
    assert_eq!(s.wait_exit().exit_code(), 0);

    let saved = journeymap::store::load(&dir.path().join("bean-box-coffee.ron"))
        .unwrap()
        .map;
    let original = journeymap::store::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("maps/bean-box-coffee.ron"))
        .unwrap()
        .map;
    assert!(
        saved.stages[0].notes.ends_with("Line A\nLine B\nline one\nline two"),
        "{:?}",
        saved.stages[0].notes
    );
    assert_eq!(saved.stages[0].name, format!("{} now", original.stages[0].name));
    assert_eq!(
        saved.stages.len(),
        original.stages.len(),
        "the Esc-a dialog was cancelled"
    );
}
