//! The TUI driven without a terminal: keys go through the update function,
//! screens are drawn into ratatui's `TestBackend` and compared with
//! snapshots, and saved maps are loaded back.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use journeymap::model::{CompetitorKind, JourneyMap, Mindset};
use journeymap::store;
use journeymap::tui::App;
use journeymap::tui::app::{Dialog, Mode, Tab};

use crate::tui_driver;

use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use tui_driver::{app_on, app_on_copy, ctrl, key, keys, map_path};

/// Draws the app; the temporary folder, which differs from run to run,
/// shows as TMP.
fn render(app: &mut App, w: u16, h: u16) -> String {
    let screen = tui_driver::render(app, w, h);
    match app.doc.path.parent().map(|p| p.display().to_string()) {
        Some(dir) if dir.starts_with(&std::env::temp_dir().display().to_string()) => screen.replace(&dir, "TMP"),
        _ => screen,
    }
}

fn ch(app: &mut App, c: char) {
    keys(app, &c.to_string());
}

/// Goes down a form to the field labelled `label`.
fn to_field(app: &mut App, label: &str) {
    for _ in 0..20 {
        let Mode::Form(form) = &app.mode else {
            panic!("no form open");
        };
        let fields = journeymap::tui::form::fields(form.target);
        if fields[form.field].label == label {
            return;
        }
        key(app, KeyCode::Tab);
    }
    panic!("no field {label}");
}

#[test]
fn every_view_at_80x24_and_120x40() {
    for map in ["bean-box-coffee.ron", "souk-to-shelf.ron"] {
        let mut app = app_on(map);
        for tab in Tab::ALL {
            app.tab = tab;
            let stem = map.trim_end_matches(".ron");
            for (w, h) in [(80, 24), (120, 40)] {
                let screen = render(&mut app, w, h);
                insta::assert_snapshot!(
                    format!("{stem}_{}_{w}x{h}", tab.title().replace(" & ", "-").replace(' ', "_")),
                    screen
                );
            }
        }
    }
}

/// The tab bar, once for every view as the current one, at the widths the
/// screens are snapshotted at and at a narrow one where titles give way.
#[test]
fn tab_bar() {
    let mut app = app_on("bean-box-coffee.ron");
    let mut bars = String::new();
    for tab in Tab::ALL {
        app.tab = tab;
        for w in [80, 120] {
            let whole = tui_driver::render_whole(&mut app, w, 24);
            let bar = whole.lines().next().unwrap_or_default();
            bars.push_str(&format!("{w:>3} {bar}\n"));
        }
    }
    insta::assert_snapshot!("tab_bar", bars);
}

#[test]
fn selection_moves_and_details_follow() {
    let mut app = app_on("souk-to-shelf.ron");
    ch(&mut app, '3');
    ch(&mut app, 'j');
    ch(&mut app, 'j');
    insta::assert_snapshot!("souk_touchpoints_third_selected", render(&mut app, 100, 30));
    ch(&mut app, 'G');
    assert_eq!(
        app.lists[Tab::Touchpoints.index()].selected,
        app.doc.map.touchpoints.len() - 1
    );
    ch(&mut app, 'g');
    assert_eq!(app.lists[Tab::Touchpoints.index()].selected, 0);
    ch(&mut app, 'f');
    // f offers the stages in a list: the first row shows every stage, then each stage.
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    let filtered = render(&mut app, 100, 30);
    assert!(filtered.contains("Touchpoints in"), "{filtered}");
}

#[test]
fn too_small_terminal_says_so() {
    let mut app = app_on("bean-box-coffee.ron");
    let screen = render(&mut app, 60, 20);
    assert!(
        screen.contains("terminal too small (need 80x24, have 60x20)"),
        "{screen}"
    );
    insta::assert_snapshot!("too_small", screen);
}

#[test]
fn help_popup_lists_the_keys_of_the_view() {
    let mut app = app_on("bean-box-coffee.ron");
    ch(&mut app, '2');
    ch(&mut app, '?');
    let screen = render(&mut app, 100, 30);
    insta::assert_snapshot!("help_stages", screen);
    key(&mut app, KeyCode::Esc);
    assert!(!app.help);
    key(&mut app, KeyCode::Enter);
    ch(&mut app, '?');
    insta::assert_snapshot!("help_form", render(&mut app, 100, 30));
}

#[test]
fn quitting_with_unsaved_changes_asks() {
    let (_dir, mut app) = app_on_copy("bean-box-coffee.ron");
    ch(&mut app, 'q');
    assert!(app.should_quit, "no changes: q quits at once");
    let (_dir, mut app) = app_on_copy("bean-box-coffee.ron");
    ch(&mut app, '2');
    ch(&mut app, 'J');
    assert!(app.doc.modified);
    ch(&mut app, 'q');
    assert!(!app.should_quit);
    insta::assert_snapshot!("quit_dialog", render(&mut app, 80, 24));
    ch(&mut app, 'c');
    assert!(!app.should_quit);
    assert_eq!(app.mode, Mode::Normal);
    ctrl(&mut app, 'c');
    ch(&mut app, 'd');
    assert!(app.should_quit);
}

#[test]
fn quit_dialog_can_save_first() {
    let (_dir, mut app) = app_on_copy("bean-box-coffee.ron");
    ch(&mut app, '2');
    ch(&mut app, 'J');
    ch(&mut app, 'q');
    ch(&mut app, 's');
    assert!(app.should_quit);
    let saved = store::load(&app.doc.path).unwrap().map;
    assert_eq!(saved, app.doc.map);
}

#[test]
fn file_changed_on_disk_offers_reload_overwrite_or_elsewhere() {
    let (dir, mut app) = app_on_copy("bean-box-coffee.ron");
    ch(&mut app, '2');
    ch(&mut app, 'J');
    let mut theirs = store::load(&app.doc.path).unwrap().map;
    theirs.title = "Changed by someone else".into();
    std::fs::write(&app.doc.path, store::to_canonical(&theirs)).unwrap();
    ctrl(&mut app, 's');
    assert!(matches!(&app.mode, Mode::Dialog(d) if matches!(**d, Dialog::Conflict(_))));
    insta::assert_snapshot!("changed_on_disk", render(&mut app, 80, 24));

    // Save elsewhere: refuses an existing file, then writes a new one.
    ch(&mut app, 'w');
    for _ in 0..200 {
        key(&mut app, KeyCode::Backspace);
    }
    let existing = app.doc.path.display().to_string();
    keys(&mut app, &existing);
    key(&mut app, KeyCode::Enter);
    assert!(
        app.message.as_ref().is_some_and(|m| m.error),
        "an existing file is never overwritten"
    );
    for _ in 0..200 {
        key(&mut app, KeyCode::Backspace);
    }
    let mine = dir.path().join("mine.ron");
    keys(&mut app, &mine.display().to_string());
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.doc.path, mine);
    assert!(!app.doc.modified);
    assert_eq!(store::load(&mine).unwrap().map, app.doc.map);

    // Reload discards the edits; overwrite replaces their version.
    let (_dir, mut app) = app_on_copy("bean-box-coffee.ron");
    ch(&mut app, '2');
    ch(&mut app, 'J');
    std::fs::write(&app.doc.path, store::to_canonical(&theirs)).unwrap();
    ctrl(&mut app, 's');
    ch(&mut app, 'r');
    assert_eq!(app.doc.map, theirs);
    assert!(!app.doc.modified);
    ch(&mut app, 'J');
    std::fs::write(&app.doc.path, "changed again").unwrap();
    ctrl(&mut app, 's');
    ch(&mut app, 'o');
    assert!(!app.doc.modified);
    assert_eq!(store::load(&app.doc.path).unwrap().map, app.doc.map);
}

#[test]
fn an_io_error_keeps_the_edits() {
    let (dir, mut app) = app_on_copy("bean-box-coffee.ron");
    ch(&mut app, '2');
    ch(&mut app, 'J');
    // The folder disappears: the file "changed on disk", and overwriting fails.
    std::fs::remove_dir_all(dir.path()).unwrap();
    ctrl(&mut app, 's');
    ch(&mut app, 'o');
    assert!(app.doc.modified, "the edits stay in memory");
    let message = app.message.clone().unwrap();
    assert!(message.error && message.text.contains("could not save"), "{message:?}");
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("[+]"), "{screen}");
}

#[test]
fn adding_a_touchpoint_picks_its_stage_from_a_list() {
    let (_dir, mut app) = app_on_copy("souk-to-shelf.ron");
    ch(&mut app, '3');
    ch(&mut app, 'a');
    keys(&mut app, "مهرجان 展示会 🎪");
    insta::assert_snapshot!("add_touchpoint_name", render(&mut app, 80, 24));
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "loy");
    insta::assert_snapshot!("add_touchpoint_stage", render(&mut app, 80, 24));
    key(&mut app, KeyCode::Enter);
    let tp = app.doc.map.touchpoints.last().unwrap().clone();
    assert_eq!(tp.name, "مهرجان 展示会 🎪");
    assert_eq!(tp.id, "مهرجان-展示会");
    assert_eq!(tp.stage, "loyalty");
    insta::assert_snapshot!("add_touchpoint_form", render(&mut app, 80, 24));
}

/// The edits the scripted session makes, applied to the map directly.
fn expected_after_edits(mut map: JourneyMap) -> JourneyMap {
    // A new stage "Referral 🤝" moved one place up, with a goal, list entries,
    // a tactic, emotion +1 and a mindset.
    let mut stage = journeymap::model::Stage {
        id: "referral".into(),
        name: "Referral 🤝".into(),
        goal: "Customers bring friends.\nTrack every referral.".into(),
        create: vec!["Referral card".into(), "推荐码".into()],
        emotion: 1,
        mindset: Mindset::ProblemAware,
        ..Default::default()
    };
    stage.tactics = vec![map.tactics[0].id.clone()];
    let at = map.stages.len() - 1;
    map.stages.insert(at, stage);
    // The first stage is renamed; its id stays.
    map.stages[0].name = "Aware — وعي".into();
    // The first competitor becomes a substitute.
    map.competitors[0].kind = CompetitorKind::Substitute;
    // The last tactic is deleted, with every reference to it.
    let gone = map.tactics.pop().unwrap().id;
    for s in &mut map.stages {
        s.tactics.retain(|t| *t != gone);
    }
    for t in &mut map.touchpoints {
        t.tactics.retain(|x| *x != gone);
    }
    map
}

#[test]
fn scripted_edits_save_a_valid_map_that_keeps_everything_else() {
    let (_dir, mut app) = app_on_copy("bean-box-coffee.ron");
    let original = app.doc.map.clone();

    // Add a stage, fill in its fields.
    ch(&mut app, '2');
    ch(&mut app, 'a');
    keys(&mut app, "Referral 🤝");
    key(&mut app, KeyCode::Enter);
    to_field(&mut app, "Goal");
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "Customers bring friends.");
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "Track every referral.");
    insta::assert_snapshot!("multiline_goal", render(&mut app, 80, 24));
    ctrl(&mut app, 's');
    to_field(&mut app, "Mindset");
    key(&mut app, KeyCode::Right);
    to_field(&mut app, "Emotion");
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Left);
    to_field(&mut app, "Planned tactics");
    key(&mut app, KeyCode::Enter);
    ch(&mut app, ' ');
    key(&mut app, KeyCode::Enter);
    to_field(&mut app, "Create");
    // The list is empty: Enter starts its first entry at once.
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "推荐码");
    key(&mut app, KeyCode::Enter);
    ch(&mut app, 'a');
    keys(&mut app, "Referral card");
    key(&mut app, KeyCode::Enter);
    ch(&mut app, 'K');
    ch(&mut app, 'a');
    keys(&mut app, "to be deleted");
    key(&mut app, KeyCode::Enter);
    insta::assert_snapshot!("list_editor", render(&mut app, 80, 24));
    ch(&mut app, 'd');
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.mode, Mode::Normal);
    // Move the new stage one place up: journey order is list order.
    ch(&mut app, 'K');

    // Rename the first stage: the id stays.
    ch(&mut app, 'g');
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    for _ in 0..30 {
        key(&mut app, KeyCode::Backspace);
    }
    keys(&mut app, "Aware — وعي");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Esc);

    // A competitor's kind is picked from a list.
    ch(&mut app, '6');
    key(&mut app, KeyCode::Enter);
    to_field(&mut app, "Kind");
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "subst");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Esc);

    // Delete the last tactic: the dialog lists who uses it.
    ch(&mut app, '7');
    ch(&mut app, 'G');
    ch(&mut app, 'd');
    insta::assert_snapshot!("delete_tactic", render(&mut app, 80, 24));
    ch(&mut app, 'y');

    // A stage with touchpoints is not deleted.
    ch(&mut app, '2');
    ch(&mut app, 'g');
    ch(&mut app, 'd');
    assert_eq!(app.mode, Mode::Normal);
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.error && m.text.contains("touchpoint"))
    );

    ctrl(&mut app, 's');
    assert!(!app.doc.modified, "{:?}", app.message);
    let saved = store::load(&app.doc.path).unwrap().map;
    assert_eq!(saved, expected_after_edits(original));
}

#[test]
fn unsaved_edits_are_kept_for_recovery() {
    let (dir, mut app) = app_on_copy("bean-box-coffee.ron");
    let data = dir.path().join("data");
    ch(&mut app, '2');
    ch(&mut app, 'J');
    app.tick();
    let recovery_file = app.doc.recovery_file.clone().unwrap();
    assert!(recovery_file.starts_with(data.join("recovery")));
    assert!(recovery_file.exists());
    let edited = app.doc.map.clone();

    // Opening the map again offers the recovery copy.
    let loaded = store::load(&app.doc.path).unwrap();
    let mut again = App::new(loaded.map, app.doc.path.clone(), Some(loaded.stamp), Some(&data));
    again.offer_recovery();
    assert!(matches!(&again.mode, Mode::Dialog(d) if matches!(**d, Dialog::Recovery(_))));
    let screen = render(&mut again, 80, 24);
    assert!(screen.contains("Unsaved edits found"), "{screen}");
    ch(&mut again, 'r');
    assert_eq!(again.doc.map, edited);
    assert!(again.doc.modified);

    // Saving removes it.
    ctrl(&mut again, 's');
    assert!(!recovery_file.exists());
}

#[test]
fn discarding_on_quit_removes_the_recovery_copy() {
    let (_dir, mut app) = app_on_copy("bean-box-coffee.ron");
    ch(&mut app, '2');
    ch(&mut app, 'J');
    app.tick();
    let recovery_file = app.doc.recovery_file.clone().unwrap();
    assert!(recovery_file.exists());
    ch(&mut app, 'q');
    ch(&mut app, 'd');
    assert!(app.should_quit);
    assert!(!recovery_file.exists());
}

#[test]
fn a_huge_map_draws_only_what_is_visible() {
    let mut map = store::load(&map_path("bean-box-coffee.ron")).unwrap().map;
    let template = map.touchpoints[0].clone();
    let stages: Vec<String> = map.stages.iter().map(|s| s.id.clone()).collect();
    map.touchpoints = (0..50_000)
        .map(|n| journeymap::model::Touchpoint {
            id: format!("tp-{n}"),
            name: format!("Touchpoint {n}"),
            stage: stages[n % stages.len()].clone(),
            ..(*template).clone()
        })
        .map(Box::new)
        .collect();
    let mut app = App::new(map, PathBuf::from("big.ron"), None, None);
    ch(&mut app, '3');
    render(&mut app, 120, 40);
    let started = std::time::Instant::now();
    for _ in 0..20 {
        key(&mut app, KeyCode::PageDown);
        render(&mut app, 120, 40);
    }
    let per_frame = started.elapsed() / 20;
    eprintln!("50,000 touchpoints: {per_frame:?} per PageDown + full draw at 120x40");
    // Generous for debug builds on a busy machine; a per-row-per-frame list would take far longer.
    assert!(per_frame.as_millis() < 100, "{per_frame:?} per frame");
    // An edit (kept for undo) stays quick too.
    let started = std::time::Instant::now();
    for _ in 0..5 {
        ch(&mut app, 'J');
        render(&mut app, 120, 40);
    }
    let per_edit = started.elapsed() / 5;
    eprintln!("50,000 touchpoints: {per_edit:?} per reorder + draw");
    // Each edit copies the map once (undo and crash recovery): about 0.1 s at this size in release.
    assert!(per_edit.as_millis() < 5000, "{per_edit:?} per edit");
}

#[test]
fn mouse_selects_tabs_and_rows_and_the_wheel_scrolls() {
    use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let mut app = app_on("bean-box-coffee.ron");
    render(&mut app, 100, 30);
    let click = |app: &mut App, column: u16, row: u16| {
        app.on_mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column,
            row,
            modifiers: KeyModifiers::NONE,
        });
    };
    let (_, personas) = app.areas.tabs[3];
    click(&mut app, personas.x + 1, personas.y);
    assert_eq!(app.tab, Tab::Personas);
    render(&mut app, 100, 30);
    let list = app.areas.list;
    click(&mut app, list.x + 2, list.y + 2);
    assert_eq!(app.lists[Tab::Personas.index()].selected, 2);
    app.on_mouse(MouseEvent {
        kind: MouseEventKind::ScrollUp,
        column: list.x,
        row: list.y,
        modifiers: KeyModifiers::NONE,
    });
    assert_eq!(app.lists[Tab::Personas.index()].selected, 0);
}

#[test]
fn every_kind_of_field_is_edited_with_its_own_editor() {
    let (_dir, mut app) = app_on_copy("bean-box-coffee.ron");
    // Segment: toggle antisegment, add a USP.
    ch(&mut app, '5');
    key(&mut app, KeyCode::Enter);
    to_field(&mut app, "Antisegment");
    ch(&mut app, ' ');
    to_field(&mut app, "USPs");
    key(&mut app, KeyCode::Enter);
    ch(&mut app, 'G');
    ch(&mut app, 'a');
    keys(&mut app, "Zero-waste pods ♻️");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Esc);
    assert!(app.doc.map.segments[0].anti);
    assert!(app.doc.map.segments[0].usps.iter().any(|u| u == "Zero-waste pods ♻️"));

    // Persona: no segment, role picked by cycling.
    ch(&mut app, '4');
    key(&mut app, KeyCode::Enter);
    to_field(&mut app, "Segment");
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "none");
    key(&mut app, KeyCode::Enter);
    to_field(&mut app, "Role");
    let before = app.doc.map.personas[0].role;
    key(&mut app, KeyCode::Right);
    assert_ne!(app.doc.map.personas[0].role, before);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.doc.map.personas[0].segment, "");

    // Touchpoint: tick every persona, then untick the first.
    ch(&mut app, '3');
    key(&mut app, KeyCode::Enter);
    to_field(&mut app, "Personas");
    key(&mut app, KeyCode::Enter);
    let tp = app.selected_item().unwrap().1;
    let had = app.doc.map.touchpoints[tp].personas.clone();
    for n in 0..app.doc.map.personas.len() {
        let id = app.doc.map.personas[n].id.clone();
        if !had.contains(&id) {
            ch(&mut app, ' ');
        }
        key(&mut app, KeyCode::Down);
    }
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.doc.map.touchpoints[tp].personas.len(), app.doc.map.personas.len());
    // Multi-line notes: Esc asks, n discards.
    to_field(&mut app, "Notes");
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "draft");
    key(&mut app, KeyCode::Esc);
    insta::assert_snapshot!("multiline_keep_question", render(&mut app, 80, 24));
    ch(&mut app, 'n');
    assert!(!app.doc.map.touchpoints[tp].notes.contains("draft"));
    key(&mut app, KeyCode::Esc);

    ctrl(&mut app, 's');
    assert_eq!(store::load(&app.doc.path).unwrap().map, app.doc.map);
}

#[test]
fn undo_and_redo_step_through_changes() {
    let (_dir, mut app) = app_on_copy("bean-box-coffee.ron");
    let original = app.doc.map.clone();
    ch(&mut app, '2');
    ch(&mut app, 'J');
    let moved = app.doc.map.clone();
    ch(&mut app, '7');
    ch(&mut app, 'd');
    ch(&mut app, 'y');
    assert_ne!(app.doc.map, moved);
    ch(&mut app, 'u');
    assert_eq!(app.doc.map, moved);
    ch(&mut app, 'u');
    assert_eq!(app.doc.map, original);
    ch(&mut app, 'u');
    assert!(app.message.as_ref().is_some_and(|m| m.text.contains("nothing to undo")));
    ctrl(&mut app, 'r');
    assert_eq!(app.doc.map, moved);
}

#[test]
fn help_scrolls_when_it_does_not_fit() {
    let mut app = app_on("bean-box-coffee.ron");
    ch(&mut app, '2');
    ch(&mut app, '?');
    let first = render(&mut app, 80, 24);
    assert!(first.contains("more keys"), "{first}");
    for _ in 0..20 {
        ch(&mut app, 'j');
    }
    let last = render(&mut app, 80, 24);
    assert!(last.contains("quit (asks when there are unsaved changes)"), "{last}");
    assert!(last.contains("Esc or ? closes this help"), "{last}");
    insta::assert_snapshot!("help_scrolled_80x24", last);
}

#[test]
fn slash_filters_a_list_by_name() {
    let (_dir, mut app) = app_on_copy("souk-to-shelf.ron");
    ch(&mut app, '3');
    let all = app.list_len(Tab::Touchpoints);
    ch(&mut app, '/');
    keys(&mut app, "茶");
    let shown = app.list_len(Tab::Touchpoints);
    assert!(shown > 0 && shown < all, "{shown} of {all}");
    for row in 0..shown {
        let i = app.item_at(Tab::Touchpoints, row).unwrap();
        assert!(app.doc.map.touchpoints[i].name.contains('茶'));
    }
    insta::assert_snapshot!("filter_typing", render(&mut app, 80, 24));
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.mode, Mode::Normal);
    let before = app.doc.map.clone();
    ch(&mut app, 'J');
    assert_eq!(app.doc.map, before, "no reordering through a filter");
    // Details follow the filtered selection.
    ch(&mut app, 'j');
    let (_, i) = app.selected_item().unwrap();
    assert!(app.doc.map.touchpoints[i].name.contains('茶'));
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.list_len(Tab::Touchpoints), all);

    // An item added while a filter hides it is shown anyway.
    ch(&mut app, '7');
    ch(&mut app, '/');
    keys(&mut app, "zzz");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.list_len(Tab::Tactics), 0);
    ch(&mut app, 'a');
    keys(&mut app, "Podcast ads");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Esc);
    let (_, i) = app.selected_item().unwrap();
    assert_eq!(app.doc.map.tactics[i].name, "Podcast ads");
}

#[test]
fn overview_shows_lint_findings() {
    let map = journeymap::templates::TEMPLATES[0]
        .instantiate(Some("Fresh plan"))
        .unwrap();
    let mut app = App::new(map, PathBuf::from("fresh.ron"), None, None);
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("Findings"), "{screen}");
    assert!(screen.contains("warning"), "{screen}");
    insta::assert_snapshot!("overview_with_findings", screen);
}

/// The workbench leaves lint to after its first screen: that screen says
/// the findings are being checked, and the next one shows them.
#[test]
fn the_first_screen_shows_findings_once_checked() {
    let map = journeymap::templates::TEMPLATES[0]
        .instantiate(Some("Fresh plan"))
        .unwrap();
    let mut app = App::new(map, PathBuf::from("fresh.ron"), None, None);
    app.doc.lint_after_first_screen();
    let first = render(&mut app, 80, 24);
    assert!(first.contains("Findings     checking…"), "{first}");
    assert!(!first.contains("warning"), "{first}");
    app.doc.check_in_background();
    let next = render(&mut app, 80, 24);
    assert!(!next.contains("checking…"), "{next}");
    assert!(next.contains("warning"), "{next}");
}

/// What the workbench makes between keys for views not yet visited draws
/// them as a first visit would, before and after an edit.
#[test]
fn views_prepared_between_keys_draw_as_a_first_visit_does() {
    for map in ["bean-box-coffee.ron", "souk-to-shelf.ron"] {
        let mut ahead = app_on(map);
        let mut steps = 0;
        while ahead.prepare_ahead() {
            steps += 1;
        }
        assert!(steps >= 4 && !ahead.preparing_ahead(), "{steps}");
        let mut fresh = app_on(map);
        for edit in [false, true] {
            if edit {
                for app in [&mut ahead, &mut fresh] {
                    let target = journeymap::model::Target::Item(journeymap::model::ItemKind::Touchpoint, 0);
                    app.doc.change(target, |map| {
                        map.touchpoints[0].name.push_str(" (renamed)");
                        map.touchpoints[0].emotion = Some(-2);
                    });
                }
            }
            for tab in [Tab::Touchpoints, Tab::Matrix, Tab::Journey, Tab::Flow] {
                ahead.tab = tab;
                fresh.tab = tab;
                assert_eq!(
                    render(&mut ahead, 120, 40),
                    render(&mut fresh, 120, 40),
                    "{map}, {tab:?}, after an edit: {edit}"
                );
            }
        }
    }
}

/// A list in the brief reads entry after entry: an entry that starts in
/// Arabic reads right to left on its own, and does not turn the whole list
/// (and the entries after it) right to left.
#[test]
fn a_brief_list_keeps_its_entries_in_order_whatever_their_scripts() {
    let mut app = app_on("souk-to-shelf.ron");
    let screen = tui_driver::render_whole(&mut app, 200, 50);
    let results = screen.lines().find(|line| line.contains("Results")).unwrap_or_default();
    // The first entry, "2026-02 (رمضان): 1,260 orders, …", ends at its left
    // with its date; the next entry follows after the separator.
    assert!(results.contains("2026-02; 2"), "{screen}");
}

/// A finding's hint that names an item by an Arabic id draws it as the
/// message does: shaped and in visual order, not in the file's order.
#[test]
fn a_findings_hint_draws_an_arabic_id_shaped_and_in_order() {
    let text = std::fs::read_to_string(map_path("souk-to-shelf.ron"))
        .unwrap()
        .replace("\"conversion\"", "\"تحويل\"");
    let map = store::parse_str(&text, "souk-to-shelf.ron").unwrap();
    let mut app = App::new(map, PathBuf::from("souk.ron"), None, None);
    assert!(
        app.findings().iter().any(|f| f.hint.contains("from `تحويل`")),
        "{:?}",
        app.findings()
    );
    keys(&mut app, "!");
    let screen = render(&mut app, 100, 30);
    let hint = screen.lines().find(|line| line.contains("hint")).unwrap_or_default();
    // تحويل shaped (teh initial, hah medial, waw final, yeh initial, lam
    // final), drawn right to left.
    assert!(hint.contains("\u{FEDE}\u{FEF3}\u{FEEE}\u{FEA4}\u{FE97}"), "{screen}");
    assert!(!screen.contains("تحويل"), "{screen}");
}

// No text is lost or lands somewhere unseen.

/// The competitor whose positioning the test edits, with a second line added
/// to it on disk (the format allows line breaks there).
fn competitor_with_two_line_positioning() -> (tempfile::TempDir, App) {
    let (dir, mut app) = app_on_copy("bean-box-coffee.ron");
    app.doc.map.competitors[0].positioning = "The safe, established provider.\nNational coverage.".to_string();
    store::save(&app.doc.path, &app.doc.map, None).unwrap();
    let loaded = store::load(&app.doc.path).unwrap();
    let app = App::new(loaded.map, app.doc.path.clone(), Some(loaded.stamp), None);
    (dir, app)
}

#[test]
fn a_field_that_holds_several_lines_keeps_them_through_an_edit() {
    let (_dir, mut app) = competitor_with_two_line_positioning();
    ch(&mut app, '6');
    key(&mut app, KeyCode::Enter);
    to_field(&mut app, "Positioning");
    key(&mut app, KeyCode::Enter);
    ch(&mut app, '!');
    ctrl(&mut app, 's');
    let saved = store::load(&app.doc.path).unwrap().map;
    assert_eq!(
        saved.competitors[0].positioning,
        "The safe, established provider.\nNational coverage.!"
    );
}

#[test]
fn form_field_types_agree_with_what_the_file_format_allows() {
    use journeymap::model::{FieldType, ItemKind, Target, validate};
    use journeymap::tui::form;
    let mut base = store::load(&map_path("bean-box-coffee.ron")).unwrap().map;
    // One item of every kind, whatever the example map holds.
    for kind in ItemKind::ALL {
        if base.count(kind) == 0 {
            journeymap::model::Item::new(kind, "x".into(), "X".into()).insert(&mut base, 0);
            // A reference it cannot be without points at the first item.
            for field in kind.fields() {
                if let FieldType::Ref {
                    kind: to,
                    optional: false,
                } = field.ty
                {
                    let first = base.id_and_name(to, 0).map(|(id, _)| id.to_string()).unwrap();
                    *form::text_mut(&mut base, Target::Item(kind, 0), field).unwrap() = first;
                }
            }
        }
    }
    assert_eq!(validate(&base), vec![]);
    let mut targets = vec![Target::Map];
    targets.extend(ItemKind::ALL.iter().map(|&k| Target::Item(k, 0)));
    for target in targets {
        for field in form::fields(target) {
            let multiline = match field.ty {
                FieldType::Text => false,
                FieldType::Multi => true,
                _ => continue,
            };
            let mut map = base.clone();
            let slot = form::text_mut(&mut map, target, field).unwrap();
            *slot = format!("{slot}\nsecond line");
            let accepted = validate(&map).is_empty();
            assert_eq!(
                accepted,
                multiline,
                "{target:?} `{}`: the form edits it as {:?}, the format {} line breaks",
                field.name,
                field.ty,
                if accepted { "allows" } else { "forbids" }
            );
        }
    }
}

#[test]
fn pasted_lines_stay_apart_whatever_their_line_ends() {
    let (_dir, mut app) = app_on_copy("bean-box-coffee.ron");
    ch(&mut app, '3');
    key(&mut app, KeyCode::Enter);
    to_field(&mut app, "Notes");
    let tp = app.selected_item().unwrap().1;
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Home);
    // Bracketed paste with CR line ends (most terminals), then CRLF.
    app.on_paste("line one\rline two\r\n");
    // Without bracketed paste a line feed arrives as Ctrl-j.
    keys(&mut app, "Line A");
    ctrl(&mut app, 'j');
    keys(&mut app, "Line B");
    ctrl(&mut app, 'j');
    ctrl(&mut app, 's');
    let notes = store::load(&app.doc.path).unwrap().map.touchpoints[tp].notes.clone();
    assert!(notes.starts_with("line one\nline two\nLine A\nLine B\n"), "{notes:?}");
}

#[test]
fn two_lines_pasted_into_a_name_become_one_line_with_a_space() {
    let (_dir, mut app) = app_on_copy("bean-box-coffee.ron");
    ch(&mut app, '2');
    ch(&mut app, 'a');
    app.on_paste("Loyalty\r\nclub");
    key(&mut app, KeyCode::Enter);
    let stage = app.doc.map.stages.last().unwrap();
    assert_eq!(
        (stage.name.as_str(), stage.id.as_str()),
        ("Loyalty club", "loyalty-club")
    );
    // Typed without bracketed paste: the line feed is a space, not Enter.
    key(&mut app, KeyCode::Esc);
    ch(&mut app, 'a');
    keys(&mut app, "Win");
    ctrl(&mut app, 'j');
    keys(&mut app, "back");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.doc.map.stages.last().unwrap().name, "Win back");
}

#[test]
fn ctrl_s_in_a_one_line_field_keeps_the_text_and_saves() {
    let (_dir, mut app) = app_on_copy("bean-box-coffee.ron");
    ch(&mut app, '6');
    key(&mut app, KeyCode::Enter);
    to_field(&mut app, "USP");
    key(&mut app, KeyCode::Enter);
    keys(&mut app, " nationwide");
    ctrl(&mut app, 's');
    assert!(!app.doc.modified, "saved");
    let saved = store::load(&app.doc.path).unwrap().map;
    assert!(
        saved.competitors[0].usp.ends_with(" nationwide"),
        "{}",
        saved.competitors[0].usp
    );
    // The field is closed: the next keys move in the form, not into the text.
    let Mode::Form(form) = &app.mode else {
        panic!("the form stays open")
    };
    assert!(form.edit.is_none());
    keys(&mut app, "j");
    assert!(app.doc.map.competitors[0].usp.ends_with(" nationwide"));

    // In a list entry too, and the list stays open on it.
    to_field(&mut app, "Strengths");
    key(&mut app, KeyCode::Enter);
    ch(&mut app, 'a');
    keys(&mut app, "Same-day service");
    ctrl(&mut app, 's');
    let saved = store::load(&app.doc.path).unwrap().map;
    assert!(saved.competitors[0].strengths.iter().any(|s| s == "Same-day service"));
    assert_eq!(app.context(), journeymap::tui::action::Context::ListEdit);
}

#[test]
fn keys_typed_while_the_terminal_is_too_small_reach_no_hidden_field() {
    let (_dir, mut app) = app_on_copy("bean-box-coffee.ron");
    ch(&mut app, '5');
    key(&mut app, KeyCode::Enter);
    to_field(&mut app, "USPs");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    let before = app.doc.map.clone();
    app.too_small = true;
    assert!(render(&mut app, 70, 20).contains("q quits"));
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "ZZZ");
    app.too_small = false;
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.doc.map, before, "nothing typed while hidden was kept");
    // Back to small: q quits from there, asking first when something changed.
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "!");
    key(&mut app, KeyCode::Enter);
    assert!(app.doc.modified);
    app.too_small = true;
    ch(&mut app, 'q');
    assert!(!app.should_quit);
    let screen = render(&mut app, 70, 20);
    assert!(screen.contains("s saves and quits"), "{screen}");
    ch(&mut app, 's');
    assert!(app.should_quit);
    assert_eq!(store::load(&app.doc.path).unwrap().map, app.doc.map);
}

#[test]
fn esc_typed_quickly_before_a_key_is_esc_then_that_key() {
    let (_dir, mut app) = app_on_copy("bean-box-coffee.ron");
    ch(&mut app, '3');
    key(&mut app, KeyCode::Enter);
    // What a terminal sends for Esc quickly followed by `a`: Alt+a.
    app.on_key(ratatui::crossterm::event::KeyEvent::new(
        KeyCode::Char('a'),
        KeyModifiers::ALT,
    ));
    assert!(
        matches!(&app.mode, Mode::Dialog(d) if matches!(**d, Dialog::AddName(_))),
        "the form closed and `a` began adding: {:?}",
        app.context()
    );
    // In a text field, Esc cancels the edit and the letter is not run as a command.
    key(&mut app, KeyCode::Esc);
    ch(&mut app, '2');
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "xyz");
    let undo_before = app.history();
    app.on_key(ratatui::crossterm::event::KeyEvent::new(
        KeyCode::Char('u'),
        KeyModifiers::ALT,
    ));
    assert_eq!(app.history(), undo_before, "u was not read as undo in the form");
    assert!(matches!(app.mode, Mode::Form(_)));
}

#[test]
fn ctrl_c_asks_to_quit_from_a_text_field_and_keeps_what_was_typed() {
    let (_dir, mut app) = app_on_copy("bean-box-coffee.ron");
    ch(&mut app, '2');
    key(&mut app, KeyCode::Enter);
    to_field(&mut app, "Goal");
    key(&mut app, KeyCode::Enter);
    keys(&mut app, " Typed before quitting.");
    ctrl(&mut app, 'c');
    assert!(matches!(&app.mode, Mode::Dialog(d) if matches!(**d, Dialog::Quit(_))));
    ch(&mut app, 's');
    assert!(app.should_quit);
    let saved = store::load(&app.doc.path).unwrap().map;
    assert!(saved.stages[0].goal.ends_with(" Typed before quitting."));
}

#[test]
fn enter_on_an_empty_list_field_starts_its_first_entry() {
    let (_dir, mut app) = app_on_copy("bean-box-coffee.ron");
    ch(&mut app, '2');
    ch(&mut app, 'a');
    keys(&mut app, "Loyal");
    key(&mut app, KeyCode::Enter);
    to_field(&mut app, "Track");
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "Repeat orders");
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        app.doc.map.stages.last().unwrap().track,
        vec!["Repeat orders".to_string()]
    );
}

#[test]
fn text_pasted_into_a_popup_lands_in_its_field() {
    let (_dir, mut app) = app_on_copy("bean-box-coffee.ron");
    // The Ctrl-P search narrows at once, as typing does.
    ctrl(&mut app, 'p');
    let all = app.doc.map.stages.len() + app.doc.map.touchpoints.len();
    app.on_paste("aware");
    let screen = render(&mut app, 100, 30);
    assert!(screen.contains("> aware"), "{screen}");
    let Mode::Dialog(d) = &app.mode else {
        panic!("the search is open")
    };
    let Dialog::Jump(jump) = &**d else {
        panic!("the search is open")
    };
    assert!(jump.total > 0 && jump.total < all, "{}", jump.total);
    key(&mut app, KeyCode::Esc);
    // The / filter of a view narrows its list.
    ch(&mut app, '3');
    ch(&mut app, '/');
    app.on_paste("Google");
    assert_eq!(app.name_filter[Tab::Touchpoints.index()], "Google");
    let shown = app.list_len(Tab::Touchpoints);
    assert!(shown > 0 && shown < app.doc.map.touchpoints.len(), "{shown}");
}

#[test]
fn a_read_only_map_says_so_and_offers_to_save_elsewhere() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, mut app) = app_on_copy("bean-box-coffee.ron");
    std::fs::set_permissions(&app.doc.path, std::fs::Permissions::from_mode(0o444)).unwrap();
    app.warn_if_read_only();
    let opened = app.message.clone().unwrap();
    assert!(opened.error && opened.text.contains("is read-only"), "{}", opened.text);
    ch(&mut app, '2');
    ch(&mut app, 'J');
    ctrl(&mut app, 's');
    let Mode::Dialog(d) = &app.mode else {
        panic!("a popup asks where to save")
    };
    assert!(matches!(**d, Dialog::SaveAs(_)), "{d:?}");
    assert!(render(&mut app, 80, 24).contains("mine.ron"));
    key(&mut app, KeyCode::Enter);
    let elsewhere = app.doc.path.clone();
    assert!(
        elsewhere.to_string_lossy().ends_with(".mine.ron"),
        "{}",
        elsewhere.display()
    );
    assert!(!app.doc.modified);
    assert_eq!(store::load(&elsewhere).unwrap().map, app.doc.map);
}

#[test]
fn details_that_do_not_fit_scroll_and_say_so() {
    let mut app = app_on("bean-box-coffee.ron");
    ch(&mut app, '2');
    let screen = render(&mut app, 80, 24);
    let more = |screen: &str| {
        screen.lines().find_map(|l| {
            l.split("↓ ")
                .nth(1)
                .and_then(|rest| rest.split(' ').next()?.parse::<usize>().ok())
        })
    };
    let hidden = more(&screen).expect("the Aware stage's details do not fit at 80x24");
    ch(&mut app, ']');
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("↑ 3 more: ["), "{screen}");
    assert_eq!(more(&screen), Some(hidden - 3));
    // Scrolling stops at the end, and another item starts at the top.
    for _ in 0..20 {
        ch(&mut app, ']');
    }
    let screen = render(&mut app, 80, 24);
    assert!(
        more(&screen).is_none() && screen.contains(&format!("↑ {hidden} more")),
        "{screen}"
    );
    ch(&mut app, 'j');
    assert!(!render(&mut app, 80, 24).contains("↑ "));
}

#[test]
fn help_and_status_list_only_keys_that_work_in_the_view() {
    let mut app = app_on("bean-box-coffee.ron");
    let overview = render(&mut app, 120, 40);
    let status = overview.lines().last().unwrap_or_default();
    assert!(!status.contains("a add") && !status.contains("d delete"), "{status}");
    ch(&mut app, '?');
    let help = render(&mut app, 120, 40);
    assert!(
        !help.contains("add an item") && help.contains("edit the selected item"),
        "{help}"
    );
    key(&mut app, KeyCode::Esc);
    // The stage filter is the Touchpoints view's alone.
    ch(&mut app, '3');
    ch(&mut app, '?');
    assert!(render(&mut app, 120, 40).contains("touchpoints: show one stage"));
    key(&mut app, KeyCode::Esc);
    ch(&mut app, '4');
    ch(&mut app, '?');
    assert!(!render(&mut app, 120, 40).contains("touchpoints: show one stage"));
}
