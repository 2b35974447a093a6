//! Undo and redo through the app's update function: any sequence of key
//! presses, then as many undos as edits, gives back the map exactly; redo
//! re-applies them all; and the recovery journal always holds the map as it is.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use journeymap::store;
use journeymap::tui::App;
use proptest::prelude::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Keys a user might press, without undo/redo, save and quit.
fn keys() -> Vec<KeyEvent> {
    let mut keys: Vec<KeyEvent> = "12345678jkJKadyxtpf/ Fhl"
        .chars()
        .map(|c| {
            let mods = if c.is_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            KeyEvent::new(KeyCode::Char(c), mods)
        })
        .collect();
    for code in [
        KeyCode::Enter,
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::Tab,
        KeyCode::Down,
        KeyCode::Up,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Backspace,
        KeyCode::Delete,
    ] {
        keys.push(KeyEvent::new(code, KeyModifiers::NONE));
    }
    keys
}

fn app_on_copy(dir: &Path) -> App {
    let path = dir.join("bean-box-coffee.ron");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("maps/bean-box-coffee.ron"),
        &path,
    )
    .unwrap();
    let loaded = store::load(&path).unwrap();
    App::new(loaded.map, path, Some(loaded.stamp), Some(&dir.join("data")))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn undoing_every_edit_gives_back_the_original_and_redo_reapplies(
        presses in proptest::collection::vec(0usize..35, 1..120)
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut app = app_on_copy(dir.path());
        let original = app.doc.map.clone();
        let keys = keys();
        for &i in &presses {
            app.on_key(keys[i % keys.len()]);
        }
        let edited = app.doc.map.clone();
        // Whatever was typed, the map stays valid and survives save -> load.
        let problems = journeymap::model::validate(&edited);
        prop_assert!(problems.is_empty(), "{:?}", problems);
        let reloaded = store::parse_str(&store::to_canonical(&edited), "edited").unwrap();
        prop_assert_eq!(&reloaded, &edited);
        // The recovery journal, folded and written, is the map as it is.
        if app.doc.modified {
            app.tick();
            let file = app.doc.recovery_file.clone().unwrap();
            let copy = store::load(&file).unwrap().map;
            prop_assert_eq!(&copy, &edited);
        }
        let (steps, _) = app.history();
        for _ in 0..steps {
            app.undo_redo(false);
        }
        prop_assert_eq!(&app.doc.map, &original);
        for _ in 0..steps {
            app.undo_redo(true);
        }
        prop_assert_eq!(&app.doc.map, &edited);
    }
}

#[test]
fn an_edit_on_a_huge_map_costs_the_item_not_the_map() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_on_copy(dir.path());
    let template = app.doc.map.touchpoints[0].clone();
    app.doc.map.touchpoints = (0..50_000)
        .map(|n| journeymap::model::Touchpoint {
            id: format!("tp{n}"),
            ..(*template).clone()
        })
        .map(Box::new)
        .collect();
    // Start afresh on the huge map (as if loaded).
    let map = app.doc.map.clone();
    let path = app.doc.path.clone();
    let mut app = App::new(map, path, None, Some(&dir.path().join("data")));
    // Stages: reordering one is an edit whose view needs no re-sorting of touchpoints.
    app.on_key(KeyEvent::new(KeyCode::Char('2'), KeyModifiers::NONE));
    let started = std::time::Instant::now();
    for _ in 0..50 {
        app.on_key(KeyEvent::new(KeyCode::Char('J'), KeyModifiers::SHIFT));
        app.on_key(KeyEvent::new(KeyCode::Char('K'), KeyModifiers::SHIFT));
    }
    for _ in 0..100 {
        app.on_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::NONE));
    }
    for _ in 0..100 {
        app.on_key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL));
    }
    let per_step = started.elapsed() / 300;
    // A copy of the map per edit took about 0.1 s in debug builds; an edit now costs microseconds.
    assert!(per_step.as_millis() < 20, "{per_step:?} per edit");
    assert_eq!(app.history().0, 100);
}

fn press(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    app.on_key(KeyEvent::new(code, modifiers));
}

/// Adds a stage named `name` from the Stages view.
fn add_stage(app: &mut App, name: &str) {
    press(app, KeyCode::Char('2'), KeyModifiers::NONE);
    press(app, KeyCode::Char('a'), KeyModifiers::NONE);
    for c in name.chars() {
        press(app, KeyCode::Char(c), KeyModifiers::NONE);
    }
    press(app, KeyCode::Enter, KeyModifiers::NONE);
    press(app, KeyCode::Esc, KeyModifiers::NONE);
}

#[test]
fn undoing_back_to_the_saved_map_clears_the_modified_marker() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_on_copy(dir.path());
    let before = app.doc.map.stages.len();
    add_stage(&mut app, "Reflect");
    assert_eq!(app.doc.map.stages.len(), before + 1, "the stage was added");
    assert!(app.doc.modified);
    press(&mut app, KeyCode::Char('u'), KeyModifiers::NONE);
    assert!(!app.doc.modified, "undo back to the file's content is not a change");
    press(&mut app, KeyCode::Char('r'), KeyModifiers::CONTROL);
    assert!(app.doc.modified, "redo makes it a change again");

    // Saved in the middle of the history: the saved point moves with it.
    assert!(app.save(false));
    assert!(!app.doc.modified);
    add_stage(&mut app, "Renew");
    press(&mut app, KeyCode::Char('u'), KeyModifiers::NONE);
    assert!(!app.doc.modified, "back at what was saved");
    press(&mut app, KeyCode::Char('u'), KeyModifiers::NONE);
    assert!(app.doc.modified, "before the save is a change from the file");
}

#[test]
fn undo_and_redo_say_what_they_did_and_show_the_item() {
    use journeymap::tui::app::Tab;
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_on_copy(dir.path());
    let message = |app: &App| app.message.as_ref().map(|m| m.text.clone()).unwrap_or_default();

    // Delete the third touchpoint, move away, undo: it is back and selected.
    press(&mut app, KeyCode::Char('3'), KeyModifiers::NONE);
    press(&mut app, KeyCode::Char('j'), KeyModifiers::NONE);
    press(&mut app, KeyCode::Char('j'), KeyModifiers::NONE);
    let (_, index) = app.selected_item().unwrap();
    let name = app.doc.map.touchpoints[index].name.clone();
    press(&mut app, KeyCode::Char('d'), KeyModifiers::NONE);
    press(&mut app, KeyCode::Char('y'), KeyModifiers::NONE);
    press(&mut app, KeyCode::Char('g'), KeyModifiers::NONE);
    press(&mut app, KeyCode::Char('u'), KeyModifiers::NONE);
    assert_eq!(
        message(&app),
        format!("undid: delete touchpoint “{name}” (^R redoes it)")
    );
    assert_eq!(
        app.selected_item(),
        Some((journeymap::model::ItemKind::Touchpoint, index))
    );
    press(&mut app, KeyCode::Char('r'), KeyModifiers::CONTROL);
    assert_eq!(
        message(&app),
        format!("redid: delete touchpoint “{name}” (^R redoes more)")
    );

    // A field edit names the field; from another view, undo goes to the item.
    press(&mut app, KeyCode::Char('u'), KeyModifiers::NONE);
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    for _ in 0..4 {
        press(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    }
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    press(&mut app, KeyCode::Char('!'), KeyModifiers::NONE);
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    press(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    press(&mut app, KeyCode::Char('2'), KeyModifiers::NONE);
    press(&mut app, KeyCode::Char('u'), KeyModifiers::NONE);
    assert_eq!(
        message(&app),
        format!("undid: change the channel of touchpoint “{name}” (^R redoes it)")
    );
    assert_eq!(app.tab, Tab::Touchpoints);
    assert_eq!(
        app.selected_item(),
        Some((journeymap::model::ItemKind::Touchpoint, index))
    );
}
