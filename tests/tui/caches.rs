//! What the workbench keeps between keys must be what it would compute
//! afresh: a filter typed character by character narrows the rows it kept,
//! and gives the same rows as the whole text typed into a new app; the
//! Touchpoints view's orders, filter texts and widths, the matrix and the
//! stages' counts, kept across the edits that cannot change them, draw the
//! same screen as a new app on the edited map.

use journeymap::model::edit::Edit;
use journeymap::model::{Item, ItemKind, Target};
use journeymap::tui::App;
use journeymap::tui::app::Tab;
use journeymap::tui::touchpoint_view::{TouchpointColumn, TouchpointSort};
use ratatui::crossterm::event::KeyCode;

use crate::tui_driver::{app_on, ctrl, key, keys, render};

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
    let target = Target::Item(ItemKind::Touchpoint, hidden);
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

/// A new app on `app`'s map, in the same place: same view, selection,
/// order, columns, filters and matrix cursor, but nothing computed yet.
fn fresh_copy(app: &App) -> App {
    let mut fresh = App::new(app.doc.map.clone(), app.doc.path.clone(), None, None);
    fresh.tab = app.tab;
    fresh.lists = app.lists;
    fresh.touchpoint_sort = app.touchpoint_sort;
    fresh.touchpoint_columns = app.touchpoint_columns.clone();
    fresh.name_filter = app.name_filter.clone();
    fresh.stage_filter = app.stage_filter.clone();
    fresh.matrix = app.matrix.clone();
    fresh.doc.modified = app.doc.modified;
    fresh.today = app.today;
    fresh
}

/// What `app` draws is what a new app on the same map in the same place
/// draws: nothing it kept from before the latest edits is out of date.
fn assert_as_fresh(app: &mut App, after: &str) {
    app.message = None;
    // Narrow and wide: list widths follow the widest texts only between limits.
    for width in [100, 240] {
        let kept = render(app, width, 40);
        let mut fresh = fresh_copy(app);
        let computed = render(&mut fresh, width, 40);
        assert_eq!(kept, computed, "after {after}, {width} columns");
    }
}

fn change_touchpoint(app: &mut App, index: usize, change: impl FnOnce(&mut journeymap::model::Touchpoint)) {
    let target = Target::Item(ItemKind::Touchpoint, index);
    assert!(
        app.doc.change(target, |m| change(&mut m.touchpoints[index])),
        "the edit changes something"
    );
}

#[test]
fn the_touchpoints_view_kept_across_edits_is_the_one_drawn_afresh() {
    let mut app = app_on("bean-box-coffee.ron");
    app.tab = Tab::Touchpoints;
    app.touchpoint_columns = TouchpointColumn::ALL.to_vec();
    let widest = (0..app.doc.map.touchpoints.len())
        .max_by_key(|&i| app.doc.map.touchpoints[i].name.chars().count())
        .expect("touchpoints");
    let other_stage = app.doc.map.stages.last().expect("stages").id.clone();
    for sort in TouchpointSort::ALL {
        app.touchpoint_sort = sort;
        assert_as_fresh(&mut app, &format!("sorting by {sort:?}"));
        // The widest name narrower, then wider than any.
        change_touchpoint(&mut app, widest, |t| t.name = "W".into());
        assert_as_fresh(&mut app, &format!("{sort:?}: the widest name shortened"));
        change_touchpoint(&mut app, 1, |t| {
            t.name = "A name much longer than any other in the example map".into()
        });
        assert_as_fresh(&mut app, &format!("{sort:?}: a name lengthened"));
        change_touchpoint(&mut app, 2, |t| t.stage = other_stage.clone());
        assert_as_fresh(&mut app, &format!("{sort:?}: a touchpoint moved to another stage"));
        change_touchpoint(&mut app, 3, |t| {
            t.channel = "Zeppelin".into();
            t.emotion = Some(-2);
            t.tactics.clear();
        });
        assert_as_fresh(&mut app, &format!("{sort:?}: channel, emotion and tactics changed"));
        // Filtered by text the edits touch.
        app.name_filter[Tab::Touchpoints.index()] = "zeppelin".into();
        assert_as_fresh(&mut app, &format!("{sort:?}: filtered"));
        change_touchpoint(&mut app, 4, |t| t.notes = "Zeppelin notes".into());
        assert_as_fresh(&mut app, &format!("{sort:?}: filtered, a note changed to match"));
        // Two edits before the next frame: a touchpoint changed, then one
        // inserted before it.
        change_touchpoint(&mut app, 6, |t| t.notes = "Zeppelin again".into());
        let mut inserted = app.doc.map.touchpoints[0].clone();
        inserted.id = "inserted-first".into();
        inserted.name = "Inserted first".into();
        app.doc.map.touchpoints.insert(0, inserted.clone());
        app.doc.commit(Edit::Insert {
            kind: ItemKind::Touchpoint,
            index: 0,
            item: Item::Touchpoint(inserted),
        });
        assert_as_fresh(&mut app, &format!("{sort:?}: filtered, changed then inserted before"));
        key(&mut app, KeyCode::Char('u'));
        key(&mut app, KeyCode::Char('u'));
        app.name_filter[Tab::Touchpoints.index()].clear();
        for step in 0..5 {
            key(&mut app, KeyCode::Char('u'));
            assert_as_fresh(&mut app, &format!("{sort:?}: undo {step}"));
        }
        for step in 0..2 {
            ctrl(&mut app, 'r');
            assert_as_fresh(&mut app, &format!("{sort:?}: redo {step}"));
        }
        key(&mut app, KeyCode::Char('u'));
        key(&mut app, KeyCode::Char('u'));
        // Deleted, added, both undone and redone, with a filter and without.
        for filter in ["", "e"] {
            app.name_filter[Tab::Touchpoints.index()] = filter.into();
            app.lists[Tab::Touchpoints.index()].selected = 2;
            key(&mut app, KeyCode::Char('d'));
            key(&mut app, KeyCode::Char('y'));
            assert_as_fresh(&mut app, &format!("{sort:?} “{filter}”: a touchpoint deleted"));
            key(&mut app, KeyCode::Char('a'));
            keys(&mut app, "Espresso evening with a name as long as a sentence can be");
            key(&mut app, KeyCode::Enter);
            key(&mut app, KeyCode::Esc);
            assert_as_fresh(&mut app, &format!("{sort:?} “{filter}”: a touchpoint added"));
            for step in 0..2 {
                key(&mut app, KeyCode::Char('u'));
                assert_as_fresh(&mut app, &format!("{sort:?} “{filter}”: undo {step} of delete and add"));
            }
            for step in 0..2 {
                ctrl(&mut app, 'r');
                assert_as_fresh(&mut app, &format!("{sort:?} “{filter}”: redo {step} of delete and add"));
            }
            key(&mut app, KeyCode::Char('u'));
            key(&mut app, KeyCode::Char('u'));
        }
        app.name_filter[Tab::Touchpoints.index()].clear();
        // A tactic renamed: every touchpoint naming it shows the new name.
        let target = Target::Item(ItemKind::Tactic, 0);
        app.doc.change(target, |m| m.tactics[0].name = "Renamed tactic".into());
        assert_as_fresh(&mut app, &format!("{sort:?}: a tactic renamed"));
        key(&mut app, KeyCode::Char('u'));
        assert_as_fresh(&mut app, &format!("{sort:?}: the tactic's name back"));
    }
}

#[test]
fn the_matrix_and_stage_counts_kept_across_edits_are_those_drawn_afresh() {
    let mut app = app_on("bean-box-coffee.ron");
    app.tab = Tab::Matrix;
    assert_as_fresh(&mut app, "opening the matrix");
    for _ in 0..3 {
        key(&mut app, KeyCode::Char('j'));
        key(&mut app, KeyCode::Char('l'));
        key(&mut app, KeyCode::Char('p'));
        assert_as_fresh(&mut app, "planning a tactic");
    }
    change_touchpoint(&mut app, 0, |t| t.name = "Renamed".into());
    assert_as_fresh(&mut app, "a touchpoint renamed");
    change_touchpoint(&mut app, 0, |t| t.tactics.clear());
    assert_as_fresh(&mut app, "a touchpoint's tactics cleared");
    let stage = app.doc.map.stages[0].id.clone();
    change_touchpoint(&mut app, 5, |t| t.stage = stage.clone());
    assert_as_fresh(&mut app, "a touchpoint moved");
    let target = Target::Item(ItemKind::Stage, 1);
    app.doc.change(target, |m| {
        m.stages[1].tactics.clear();
        m.stages[1].name = "Renamed stage".into();
    });
    assert_as_fresh(&mut app, "a stage's plan and name changed");
    for step in 0..8 {
        key(&mut app, KeyCode::Char('u'));
        assert_as_fresh(&mut app, &format!("undo {step}"));
    }
    app.tab = Tab::Stages;
    assert_as_fresh(&mut app, "the stages");
    change_touchpoint(&mut app, 5, |t| t.stage = stage.clone());
    assert_as_fresh(&mut app, "the stages, a touchpoint moved");
    change_touchpoint(&mut app, 5, |t| t.name = "Counted still".into());
    assert_as_fresh(&mut app, "the stages, a touchpoint renamed");
    key(&mut app, KeyCode::Char('u'));
    key(&mut app, KeyCode::Char('u'));
    assert_as_fresh(&mut app, "the stages, both undone");
    // Touchpoints deleted and added elsewhere, then undone and redone.
    app.tab = Tab::Touchpoints;
    for _ in 0..2 {
        key(&mut app, KeyCode::Char('d'));
        key(&mut app, KeyCode::Char('y'));
    }
    key(&mut app, KeyCode::Char('a'));
    keys(&mut app, "New one");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Esc);
    app.tab = Tab::Stages;
    assert_as_fresh(&mut app, "the stages, touchpoints deleted and added");
    for step in 0..3 {
        key(&mut app, KeyCode::Char('u'));
        assert_as_fresh(&mut app, &format!("the stages, undo {step} of deletes and add"));
    }
    for step in 0..3 {
        ctrl(&mut app, 'r');
        assert_as_fresh(&mut app, &format!("the stages, redo {step} of deletes and add"));
    }
}

#[test]
fn the_details_of_an_item_list_who_refers_to_it_after_edits_and_moves() {
    let mut app = app_on("bean-box-coffee.ron");
    for tab in [Tab::Personas, Tab::Tactics, Tab::Stages] {
        app.tab = tab;
        assert_as_fresh(&mut app, &format!("{tab:?}"));
        let kind = tab.kind().expect("a list view");
        let id = app.doc.map.id_and_name(kind, 0).expect("an item").0.to_string();
        // The last touchpoint comes to refer to the selected item.
        let last = app.doc.map.touchpoints.len() - 1;
        change_touchpoint(&mut app, last, |t| match kind {
            ItemKind::Persona => t.personas = vec![id.clone()],
            ItemKind::Tactic => t.tactics = vec![id.clone()],
            _ => t.stage = id.clone(),
        });
        assert_as_fresh(&mut app, &format!("{tab:?}: a touchpoint refers to it"));
        key(&mut app, KeyCode::Char('j'));
        assert_as_fresh(&mut app, &format!("{tab:?}: the next item"));
        key(&mut app, KeyCode::Char('k'));
        assert_as_fresh(&mut app, &format!("{tab:?}: back"));
        key(&mut app, KeyCode::Char('u'));
        assert_as_fresh(&mut app, &format!("{tab:?}: undone"));
    }
}

/// Commits `edit` as the workbench does: made to the map, then recorded.
fn commit(app: &mut App, edit: Edit) {
    edit.apply(&mut app.doc.map);
    app.doc.commit(edit);
}

#[test]
fn who_refers_to_an_item_follows_inserts_removals_and_edits_of_the_item_itself() {
    let mut app = app_on("bean-box-coffee.ron");
    for tab in [Tab::Personas, Tab::Tactics, Tab::Stages] {
        app.tab = tab;
        let kind = tab.kind().expect("a list view");
        key(&mut app, KeyCode::Char('j'));
        assert_as_fresh(&mut app, &format!("{tab:?}"));
        let selected = 1;
        let id = app.doc.map.id_and_name(kind, selected).expect("an item").0.to_string();
        // A touchpoint referring to it, put first: every position after it moves.
        let mut referring = app.doc.map.touchpoints[0].clone();
        referring.id = format!("{}-refers", referring.id);
        referring.name = "Refers to the selected one".into();
        match kind {
            ItemKind::Persona => referring.personas = vec![id.clone()],
            ItemKind::Tactic => referring.tactics.push(id.clone()),
            _ => referring.stage = id.clone(),
        }
        commit(
            &mut app,
            Edit::Insert {
                kind: ItemKind::Touchpoint,
                index: 0,
                item: Item::Touchpoint(referring),
            },
        );
        assert_as_fresh(&mut app, &format!("{tab:?}: a referring touchpoint inserted first"));
        // Each touchpoint that refers to it, removed one by one from the end.
        let referring: Vec<usize> = (0..app.doc.map.touchpoints.len())
            .filter(|&i| {
                let t = &app.doc.map.touchpoints[i];
                t.stage == id || t.tactics.contains(&id) || t.personas.contains(&id)
            })
            .collect();
        assert!(
            referring.len() >= 2,
            "{tab:?}: the example map refers to its second item"
        );
        for &i in referring.iter().rev().take(2) {
            let item = Item::Touchpoint(app.doc.map.touchpoints[i].clone());
            commit(
                &mut app,
                Edit::Remove {
                    kind: ItemKind::Touchpoint,
                    index: i,
                    item,
                },
            );
            assert_as_fresh(&mut app, &format!("{tab:?}: touchpoint {i} removed"));
        }
        // The item itself renamed: the same item, still referred to.
        assert!(app.doc.change(Target::Item(kind, selected), |m| {
            let name = m.ids_and_names(kind)[selected].1.to_string() + " (renamed)";
            match kind {
                ItemKind::Persona => m.personas[selected].name = name,
                ItemKind::Tactic => m.tactics[selected].name = name,
                _ => m.stages[selected].name = name,
            }
        }));
        assert_as_fresh(&mut app, &format!("{tab:?}: the item renamed"));
        for step in 0..4 {
            key(&mut app, KeyCode::Char('u'));
            assert_as_fresh(&mut app, &format!("{tab:?}: undo {step}"));
        }
        for step in 0..4 {
            ctrl(&mut app, 'r');
            assert_as_fresh(&mut app, &format!("{tab:?}: redo {step}"));
        }
        for _ in 0..4 {
            key(&mut app, KeyCode::Char('u'));
        }
        key(&mut app, KeyCode::Char('k'));
    }
}
