//! The Touchpoints list: its width, its optional columns, its sort orders,
//! a `/` filter over every text of a touchpoint, and a stage chosen from a
//! list; quick on 50,000 touchpoints.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use journeymap::store;
use journeymap::tui::App;
use journeymap::tui::app::{Tab, TouchpointSort};
use ratatui::crossterm::event::KeyCode;

use crate::tui_driver::{app_on, key, keys, map_path, render};

/// The names of the touchpoints listed, top to bottom, as the app orders them.
fn listed(app: &mut App) -> Vec<String> {
    let len = app.list_len(Tab::Touchpoints);
    let rows: Vec<usize> = (0..len).filter_map(|row| app.item_at(Tab::Touchpoints, row)).collect();
    rows.into_iter()
        .map(|i| app.doc.map.touchpoints[i].name.clone())
        .collect()
}

#[test]
fn the_list_takes_the_width_its_names_need() {
    let mut app = app_on("bean-box-coffee.ron");
    keys(&mut app, "3");
    let screen = render(&mut app, 120, 40);
    // Every name of the first rows is whole at 120 columns (once cut at 30).
    for name in [
        "Instagram reel: latte art in a 12-person office",
        "LinkedIn video: the 3 pm coffee queue",
    ] {
        assert!(screen.contains(name), "{name}:\n{screen}");
    }
    // The details keep a third of the width.
    let first = screen.lines().next().unwrap_or_default();
    let details_at = first
        .find("┌ touchpoint")
        .map(|b| first[..b].chars().count())
        .unwrap_or(0);
    assert!((64..=80).contains(&details_at), "{details_at}:\n{screen}");
}

#[test]
fn columns_for_tactics_personas_and_channel_are_chosen_with_c_and_kept() {
    let mut app = app_on("bean-box-coffee.ron");
    keys(&mut app, "3c");
    let popup = render(&mut app, 120, 40);
    assert!(
        popup.contains("[ ] Tactics") && popup.contains("[ ] Channel"),
        "{popup}"
    );
    // Tick Tactics and Channel.
    keys(&mut app, " ");
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    keys(&mut app, " ");
    key(&mut app, KeyCode::Enter);
    let screen = render(&mut app, 200, 50);
    let lines: Vec<&str> = screen.lines().collect();
    assert!(
        lines[1].contains("Stage") && lines[1].contains("Tactics") && lines[1].contains("Channel"),
        "{screen}"
    );
    assert!(!lines[1].contains("Personas"), "{screen}");
    let first = &app.doc.map.touchpoints[0];
    assert!(lines[2].contains(&first.channel), "{screen}");
    let tactic = app
        .doc
        .map
        .name_of(journeymap::model::ItemKind::Tactic, &first.tactics[0])
        .unwrap();
    assert!(lines[2].contains(tactic), "{screen}");
    // Kept while going elsewhere and back.
    keys(&mut app, "23");
    let again = render(&mut app, 200, 50);
    assert!(again.lines().nth(1).unwrap_or_default().contains("Channel"), "{again}");
    // At 80 columns the columns share the list with the name.
    let narrow = render(&mut app, 80, 24);
    assert!(
        narrow.lines().nth(1).unwrap_or_default().contains("Tactics"),
        "{narrow}"
    );
    insta::assert_snapshot!("touchpoints_with_columns_80x24", narrow);
    // The help and the status line name the keys.
    let status = render(&mut app, 200, 50);
    let last = status.lines().last().unwrap_or_default();
    assert!(
        last.contains("s sort") && last.contains("c columns") && last.contains("f stage"),
        "{last}"
    );
    keys(&mut app, "?");
    let help = render(&mut app, 120, 50);
    assert!(
        help.contains("touchpoints: sort by") && help.contains("touchpoints: choose the columns"),
        "{help}"
    );
    keys(&mut app, "?2?");
    let stages_help = render(&mut app, 120, 50);
    assert!(!stages_help.contains("sort by"), "only where it works:\n{stages_help}");
}

#[test]
fn s_cycles_the_sort_orders_and_the_title_says_which() {
    let mut app = app_on("bean-box-coffee.ron");
    keys(&mut app, "3jj");
    let selected = app.selected_item();
    assert!(render(&mut app, 120, 40).contains("Touchpoints · by stage"));
    keys(&mut app, "s");
    assert_eq!(app.touchpoint_sort, TouchpointSort::Name);
    let screen = render(&mut app, 120, 40);
    assert!(screen.contains("Touchpoints · by name"), "{screen}");
    let names = listed(&mut app);
    let mut sorted = names.clone();
    sorted.sort_by_key(|n| n.to_lowercase());
    assert_eq!(names, sorted);
    // The selected touchpoint stays selected.
    assert_eq!(app.selected_item(), selected);
    // J/K reorder the file: sorted by name, they say how to get there.
    let before = app.doc.map.touchpoints.clone();
    keys(&mut app, "J");
    assert_eq!(app.doc.map.touchpoints, before);
    assert!(app.message.as_ref().is_some_and(|m| m.text.contains("sorted by name")));
    keys(&mut app, "s");
    assert!(render(&mut app, 120, 40).contains("· by tactic"));
    keys(&mut app, "s");
    assert!(render(&mut app, 120, 40).contains("· by emotion, worst first"));
    let map = app.doc.map.clone();
    let emotion = |name: &str| {
        let t = map.touchpoints.iter().find(|t| t.name == name).unwrap();
        t.emotion
            .unwrap_or_else(|| map.stages.iter().find(|s| s.id == t.stage).unwrap().emotion)
    };
    let scores: Vec<i8> = listed(&mut app).iter().map(|n| emotion(n)).collect();
    assert!(scores.windows(2).all(|w| w[0] <= w[1]), "{scores:?}");
    keys(&mut app, "s");
    assert!(render(&mut app, 120, 40).contains("· by channel"));
    keys(&mut app, "s");
    assert!(render(&mut app, 120, 40).contains("· in file order"));
    let file: Vec<String> = app.doc.map.touchpoints.iter().map(|t| t.name.clone()).collect();
    assert_eq!(listed(&mut app), file);
    keys(&mut app, "s");
    assert_eq!(app.touchpoint_sort, TouchpointSort::Stage);
}

#[test]
fn slash_matches_every_text_of_a_touchpoint() {
    let mut app = app_on("bean-box-coffee.ron");
    let by_notes: Vec<String> = app
        .doc
        .map
        .touchpoints
        .iter()
        .filter(|t| t.notes.to_lowercase().contains("installation"))
        .map(|t| t.name.clone())
        .collect();
    assert!(!by_notes.is_empty() && by_notes.iter().all(|n| !n.to_lowercase().contains("installation")));
    keys(&mut app, "3/installation");
    key(&mut app, KeyCode::Enter);
    assert_eq!(listed(&mut app), by_notes);
    // An owner, a channel, a tactic's name: each finds its touchpoints.
    for (text, field) in [
        ("performance marketing", "owner"),
        ("google search", "channel"),
        ("retargeting", "tactic"),
    ] {
        keys(&mut app, "F/");
        keys(&mut app, text);
        key(&mut app, KeyCode::Enter);
        let found = listed(&mut app);
        assert!(!found.is_empty(), "{field}: {text}");
        let screen = render(&mut app, 120, 40);
        assert!(screen.contains(&format!("/{}", &text[..10])), "{screen}");
    }
}

#[test]
fn f_chooses_the_stage_from_a_list() {
    let mut app = app_on("bean-box-coffee.ron");
    keys(&mut app, "3f");
    let popup = render(&mut app, 120, 40);
    assert!(
        popup.contains("(every stage)") && popup.contains("Convert  (4)"),
        "{popup}"
    );
    keys(&mut app, "conv");
    key(&mut app, KeyCode::Enter);
    let screen = render(&mut app, 120, 40);
    assert!(screen.contains("Touchpoints in “Convert”"), "{screen}");
    let convert = app
        .doc
        .map
        .stages
        .iter()
        .find(|s| s.name == "Convert")
        .unwrap()
        .id
        .clone();
    let names = listed(&mut app);
    assert_eq!(names.len(), 4);
    assert!(names.iter().all(|n| {
        app.doc
            .map
            .touchpoints
            .iter()
            .any(|t| t.name == *n && t.stage == convert)
    }));
    // The list opens on the stage shown; its first row shows every stage again.
    keys(&mut app, "f");
    assert!(render(&mut app, 120, 40).contains("Convert  (4)"));
    key(&mut app, KeyCode::Home);
    for _ in 0..10 {
        key(&mut app, KeyCode::Up);
    }
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.stage_filter, None);
    assert_eq!(listed(&mut app).len(), app.doc.map.touchpoints.len());
}

#[test]
fn sorting_and_filtering_fifty_thousand_touchpoints_stays_quick() {
    let mut map = store::load(&map_path("bean-box-coffee.ron")).unwrap().map;
    let template = map.touchpoints.clone();
    map.touchpoints = (0..50_000)
        .map(|n| {
            let mut t = template[n % template.len()].clone();
            t.id = format!("tp{n}");
            t.name = format!("{} {}", t.name, (n * 7919) % 50_000);
            t
        })
        .collect();
    let mut app = App::new(map, PathBuf::from("huge.ron"), None, None);
    keys(&mut app, "3c ");
    key(&mut app, KeyCode::Enter);
    render(&mut app, 200, 50);
    // The first sort by name is paid once; moving and drawing after it is not.
    keys(&mut app, "s");
    render(&mut app, 200, 50);
    let sorts = app.touchpoint_sorts();
    assert_eq!(sorts, 2, "by stage, then by name");
    let started = Instant::now();
    for _ in 0..50 {
        keys(&mut app, "j");
        render(&mut app, 200, 50);
    }
    let per_key = started.elapsed() / 50;
    assert!(per_key < Duration::from_millis(100), "{per_key:?} a key");
    // Typing a filter narrows the sorted rows without sorting again (the
    // time allowed is for an unoptimised build on a busy machine).
    keys(&mut app, "/");
    let started = Instant::now();
    for c in "coffee".chars() {
        keys(&mut app, &c.to_string());
        render(&mut app, 200, 50);
    }
    let per_key = started.elapsed() / 6;
    assert!(per_key < Duration::from_secs(3), "{per_key:?} a key");
    assert_eq!(app.touchpoint_sorts(), sorts, "typing sorted nothing");
    key(&mut app, KeyCode::Enter);
    let names = listed(&mut app);
    assert!(!names.is_empty());
    assert!(names.windows(2).all(|w| w[0].to_lowercase() <= w[1].to_lowercase()));
}
