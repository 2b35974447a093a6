//! What the workbench keeps between keys must be what it would compute
//! afresh: a filter typed character by character narrows the rows it kept,
//! and gives the same rows as the whole text typed into a new app.

use journeymap::tui::App;
use journeymap::tui::app::Tab;
use ratatui::crossterm::event::KeyCode;

use crate::tui_driver::{app_on, key, keys, render};

/// The rows of `tab` with `/` filter `text` in a new app, computed at once.
fn fresh_rows(tab: Tab, text: &str) -> Vec<usize> {
    let mut app = app_on("bean-box-coffee.ron");
    app.tab = tab;
    app.name_filter[tab.index()] = text.to_string();
    rows(&mut app, tab)
}

fn rows(app: &mut App, tab: Tab) -> Vec<usize> {
    match app.view_order(tab) {
        Some(rows) => rows.to_vec(),
        None => (0..app.doc.map.count(tab.kind().expect("a list view"))).collect(),
    }
}

#[test]
fn a_filter_typed_key_by_key_keeps_the_rows_a_fresh_filter_keeps() {
    for (tab, text) in [(Tab::Touchpoints, "email"), (Tab::Stages, "ons"), (Tab::Tactics, "ing")] {
        let mut app = app_on("bean-box-coffee.ron");
        app.tab = tab;
        render(&mut app, 120, 35);
        key(&mut app, KeyCode::Char('/'));
        let mut typed = String::new();
        for c in text.chars() {
            keys(&mut app, &c.to_string());
            typed.push(c);
            render(&mut app, 120, 35);
            assert_eq!(rows(&mut app, tab), fresh_rows(tab, &typed), "{tab:?} after “{typed}”");
        }
        assert!(
            rows(&mut app, tab).len() < fresh_rows(tab, "").len(),
            "{tab:?}: “{text}” should hide some rows of the example map"
        );
        // Taking characters back widens the rows again.
        while typed.pop().is_some() {
            key(&mut app, KeyCode::Backspace);
            render(&mut app, 120, 35);
            assert_eq!(
                rows(&mut app, tab),
                fresh_rows(tab, &typed),
                "{tab:?} back to “{typed}”"
            );
        }
    }
}

#[test]
fn an_edit_between_two_characters_filters_the_edited_map() {
    let mut app = app_on("bean-box-coffee.ron");
    app.tab = Tab::Touchpoints;
    render(&mut app, 120, 35);
    key(&mut app, KeyCode::Char('/'));
    keys(&mut app, "x");
    render(&mut app, 120, 35);
    let kept = rows(&mut app, Tab::Touchpoints);
    // A touchpoint the first character hid comes to match the whole text:
    // the rows kept before the edit must not hide it.
    let hidden = (0..app.doc.map.touchpoints.len())
        .find(|i| !kept.contains(i))
        .expect("“x” hides a touchpoint of the example map");
    let target = journeymap::model::Target::Item(journeymap::model::ItemKind::Touchpoint, hidden);
    app.doc
        .change(target, |m| m.touchpoints[hidden].name = "Xylophone".into());
    keys(&mut app, "y");
    render(&mut app, 120, 35);
    let shown = rows(&mut app, Tab::Touchpoints);
    assert!(shown.contains(&hidden), "{shown:?}");
    let mut fresh = app_on("bean-box-coffee.ron");
    fresh.doc.map.touchpoints[hidden].name = "Xylophone".into();
    fresh.name_filter[Tab::Touchpoints.index()] = "xy".into();
    assert_eq!(shown, rows(&mut fresh, Tab::Touchpoints));
}
