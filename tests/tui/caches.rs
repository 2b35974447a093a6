//! What the workbench keeps between keys must be what it would compute
//! afresh: a filter typed character by character narrows the rows it kept,
//! and gives the same rows as the whole text typed into a new app; the
//! Touchpoints view's orders, filter texts and widths, the matrix, the
//! stages' counts, the Journey view's canvas and the Flow view's flow, kept
//! across the edits that cannot change them, draw the same screen as a new
//! app on the edited map.

use journeymap::analysis::canvas::{self, ENTRIES_SHOWN};
use journeymap::analysis::flow::Flow;
use journeymap::model::edit::Edit;
use journeymap::model::typed::Period;
use journeymap::model::{Item, ItemKind, Target, Touchpoint};
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
    fresh.journey = app.journey;
    fresh.flow = app.flow;
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

/// The Journey view's canvas and the Flow view's flow, as `app` keeps them,
/// are those the analysis lays out from the map as it is now, and both
/// views draw what a new app on the map draws.
fn assert_journey_and_flow_fresh(app: &mut App, after: &str) {
    let tab = app.tab;
    for view in [Tab::Journey, Tab::Flow] {
        app.tab = view;
        render(app, 200, 60);
        if view == Tab::Journey {
            let laid_out = canvas::canvas(&app.doc.map, ENTRIES_SHOWN, app.today);
            assert_eq!(*app.prepared_canvas(), laid_out, "after {after}: the canvas");
        } else {
            assert_eq!(
                *app.prepared_flow(),
                Flow::build(&app.doc.map),
                "after {after}: the flow"
            );
        }
        assert_as_fresh(app, &format!("{after} ({view:?})"));
    }
    app.tab = tab;
}

/// Inserts a touchpoint named `name` at `stage` at `index`, as one edit.
fn insert_touchpoint(app: &mut App, index: usize, name: &str, stage: &str) {
    let item = Touchpoint {
        id: format!("inserted-{index}-{}", app.doc.map.touchpoints.len()),
        name: name.into(),
        stage: stage.into(),
        ..Touchpoint::default()
    };
    app.doc.map.touchpoints.insert(index, Box::new(item.clone()));
    app.doc.commit(Edit::Insert {
        kind: ItemKind::Touchpoint,
        index,
        item: Item::Touchpoint(Box::new(item)),
    });
}

/// The first touchpoint at `stage`, and the first past the ones the
/// canvas names there (if it has that many).
fn shown_and_not(app: &App, stage: &str) -> (usize, Option<usize>) {
    let mut at_stage = (0..app.doc.map.touchpoints.len()).filter(|&i| app.doc.map.touchpoints[i].stage == stage);
    let first = at_stage.next().expect("a touchpoint at the stage");
    (first, at_stage.nth(ENTRIES_SHOWN - 1))
}

#[test]
fn the_journey_and_the_flow_kept_across_touchpoint_edits_are_those_laid_out_afresh() {
    let mut app = app_on("bean-box-coffee.ron");
    let stages: Vec<String> = app.doc.map.stages.iter().map(|s| s.id.clone()).collect();
    let (first_stage, last_stage) = (stages[0].clone(), stages[stages.len() - 1].clone());
    assert_journey_and_flow_fresh(&mut app, "opening both");
    // More touchpoints at the first stage than its cell names, inserted
    // before, among and after those it names.
    let mut inserted = 0;
    for index in [0, 2, 5, 20, app.doc.map.touchpoints.len()] {
        for n in 0..3 {
            insert_touchpoint(&mut app, index + n, &format!("Inserted {index}.{n}"), &first_stage);
            inserted += 1;
        }
        assert_journey_and_flow_fresh(&mut app, &format!("touchpoints inserted at {index}"));
    }
    let (shown, not_shown) = shown_and_not(&app, &first_stage);
    let not_shown = not_shown.expect("the first stage has more touchpoints than its cell names");
    change_touchpoint(&mut app, shown, |t| t.name = "Renamed, and named on the canvas".into());
    assert_journey_and_flow_fresh(&mut app, "a named touchpoint renamed");
    change_touchpoint(&mut app, not_shown, |t| t.name = "Renamed, only counted".into());
    assert_journey_and_flow_fresh(&mut app, "a counted touchpoint renamed");
    change_touchpoint(&mut app, not_shown, |t| {
        t.channel = "Zeppelin".into();
        t.emotion = Some(2);
        t.tactics.clear();
    });
    assert_journey_and_flow_fresh(&mut app, "a touchpoint's channel, emotion and tactics changed");
    // Named ones leave for another stage (the next one comes up), and one
    // only counted there arrives at a stage that names it.
    change_touchpoint(&mut app, shown, |t| t.stage = last_stage.clone());
    assert_journey_and_flow_fresh(&mut app, "a named touchpoint moved to another stage");
    let (shown, not_shown) = shown_and_not(&app, &first_stage);
    change_touchpoint(&mut app, not_shown.expect("still more than named"), |t| {
        t.stage = last_stage.clone()
    });
    assert_journey_and_flow_fresh(&mut app, "a counted touchpoint moved to another stage");
    let last = app.doc.map.touchpoints.len() - 1;
    change_touchpoint(&mut app, last, |t| t.stage = stages[1].clone());
    change_touchpoint(&mut app, shown, |t| t.stage = "no-such-stage".into());
    assert_journey_and_flow_fresh(&mut app, "two touchpoints moved before one frame, one to no stage");
    // Two edits before the next frame: a named one renamed, then one
    // inserted before it.
    let (shown, _) = shown_and_not(&app, &first_stage);
    change_touchpoint(&mut app, shown, |t| t.name = "Renamed before an insert".into());
    insert_touchpoint(&mut app, 0, "Inserted first", &stages[2]);
    inserted += 1;
    assert_journey_and_flow_fresh(&mut app, "renamed, then one inserted before it");
    // Deleted and added with keys, and moved within a stage.
    app.tab = Tab::Touchpoints;
    app.touchpoint_sort = TouchpointSort::File;
    for row in [0, 1, 7] {
        app.lists[Tab::Touchpoints.index()].selected = row;
        keys(&mut app, "dy");
        assert_journey_and_flow_fresh(&mut app, &format!("the touchpoint on row {row} deleted"));
    }
    key(&mut app, KeyCode::Char('a'));
    keys(&mut app, "Added with a key");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Esc);
    assert_journey_and_flow_fresh(&mut app, "a touchpoint added");
    for (row, moves) in [(0, "J"), (1, "JJ"), (4, "K"), (9, "KJ")] {
        app.tab = Tab::Touchpoints;
        app.lists[Tab::Touchpoints.index()].selected = row;
        keys(&mut app, moves);
        assert_journey_and_flow_fresh(&mut app, &format!("the touchpoint on row {row} moved ({moves})"));
    }
    // Everything undone one by one, and some redone.
    let edits = inserted + 8 + 3 + 1 + 6;
    for step in 0..edits {
        key(&mut app, KeyCode::Char('u'));
        assert_journey_and_flow_fresh(&mut app, &format!("undo {step}"));
    }
    assert_eq!(app.doc.history().0, 0, "every edit undone");
    for step in 0..12 {
        ctrl(&mut app, 'r');
        assert_journey_and_flow_fresh(&mut app, &format!("redo {step}"));
    }
    // Many edits between two frames of the views: more than the document
    // keeps, so the views lay out afresh.
    app.tab = Tab::Touchpoints;
    for n in 0..70 {
        change_touchpoint(&mut app, n % 5, |t| t.name = format!("Renamed {n}"));
    }
    insert_touchpoint(&mut app, 1, "After many", &first_stage);
    assert_journey_and_flow_fresh(&mut app, "more edits than the document keeps");
    // Two touchpoints of stages that both have more than they name swap
    // places (the workbench swaps within a stage; the edit allows any two):
    // the one that comes ahead of the last named at its stage is named now.
    for n in 0..=ENTRIES_SHOWN {
        let end = app.doc.map.touchpoints.len();
        insert_touchpoint(&mut app, end, &format!("Appended {n}"), &last_stage);
    }
    assert_journey_and_flow_fresh(&mut app, "touchpoints appended to the last stage");
    let (_, a) = shown_and_not(&app, &first_stage);
    let a = a.expect("the first stage has more touchpoints than its cell names");
    let b = app.doc.map.touchpoints.len() - 1;
    app.doc.map.touchpoints.swap(a, b);
    app.doc.commit(Edit::Swap {
        kind: ItemKind::Touchpoint,
        a,
        b,
    });
    assert_journey_and_flow_fresh(&mut app, "touchpoints of two stages swapped");
    let named_last = app
        .prepared_canvas()
        .rows
        .iter()
        .find(|row| row.lane == canvas::LaneKind::Touchpoints)
        .and_then(|row| row.cells.last())
        .is_some_and(|cell| {
            cell.entries
                .iter()
                .any(|e| e.text == format!("Appended {ENTRIES_SHOWN}"))
        });
    assert!(
        named_last,
        "the swapped touchpoint came ahead of those named at its stage"
    );
}

#[test]
fn the_journey_and_the_flow_kept_across_edits_of_stages_campaigns_and_the_rest_are_those_laid_out_afresh() {
    let mut app = app_on("bean-box-coffee.ron");
    assert_journey_and_flow_fresh(&mut app, "opening both");
    let change =
        |app: &mut App, kind: ItemKind, index: usize, what: &str, edit: &dyn Fn(&mut journeymap::model::JourneyMap)| {
            assert!(
                app.doc.change(Target::Item(kind, index), |m| edit(m)),
                "{what} changes something"
            );
            assert_journey_and_flow_fresh(app, what);
        };
    // What the canvas and the flow show.
    change(&mut app, ItemKind::Stage, 1, "a stage renamed", &|m| {
        m.stages[1].name = "Renamed stage".into()
    });
    change(
        &mut app,
        ItemKind::Stage,
        1,
        "a stage's goal, emotion and signals",
        &|m| {
            m.stages[1].goal = "A goal of its own".into();
            m.stages[1].emotion = -2;
            m.stages[1].track.push("A signal".into());
        },
    );
    change(&mut app, ItemKind::Stage, 2, "a stage's plan", &|m| {
        m.stages[2].tactics.clear()
    });
    change(
        &mut app,
        ItemKind::Insight,
        0,
        "an insight renamed and moved to another lane",
        &|m| {
            m.insights[0].name = "Renamed insight".into();
            m.insights[0].lane = journeymap::model::Lane::Feeling;
        },
    );
    change(&mut app, ItemKind::PainPoint, 0, "a pain point's severity", &|m| {
        m.pain_points[0].severity = journeymap::model::Severity::Critical;
    });
    let other_stage = app.doc.map.stages[4].id.clone();
    change(
        &mut app,
        ItemKind::Opportunity,
        0,
        "an opportunity moved to another stage",
        &|m| {
            m.opportunities[0].stage = other_stage.clone();
        },
    );
    change(&mut app, ItemKind::Offer, 0, "an offer's price", &|m| {
        m.offers[0].price = "12".into()
    });
    change(&mut app, ItemKind::Goal, 0, "a goal's progress", &|m| {
        m.goals[0].current = "1".into()
    });
    change(&mut app, ItemKind::Campaign, 0, "a campaign renamed", &|m| {
        m.campaigns[0].name = "Renamed campaign".into()
    });
    change(&mut app, ItemKind::Campaign, 1, "a campaign's step", &|m| {
        m.campaigns[1].to_stage = m.stages[0].id.clone();
    });
    change(&mut app, ItemKind::Campaign, 2, "a campaign's step unset", &|m| {
        m.campaigns[2].from_stage.clear()
    });
    change(&mut app, ItemKind::Persona, 0, "a persona renamed", &|m| {
        m.personas[0].name = "Renamed persona".into()
    });
    change(&mut app, ItemKind::Tactic, 0, "a tactic renamed", &|m| {
        m.tactics[0].name = "Renamed tactic".into()
    });
    assert!(app.doc.change(Target::Map, |m| m.title = "Renamed map".into()));
    assert_journey_and_flow_fresh(&mut app, "the map renamed");
    // Another day: goals may fall overdue.
    app.today = Period::parse("2031-01-01").expect("a date");
    assert_journey_and_flow_fresh(&mut app, "another day");
    // A stage's id changed: what named the old one names none.
    change(&mut app, ItemKind::Stage, 3, "a stage's id", &|m| {
        m.stages[3].id = "renamed-id".into()
    });
    // Stages, campaigns and insights moved, added and deleted with keys.
    for (tab, what) in [
        (Tab::Stages, "stage"),
        (Tab::Campaigns, "campaign"),
        (Tab::Insights, "insight"),
        (Tab::Goals, "goal"),
    ] {
        app.tab = tab;
        app.lists[tab.index()].selected = 1;
        keys(&mut app, "J");
        assert_journey_and_flow_fresh(&mut app, &format!("a {what} moved down"));
        keys(&mut app, "dy");
        assert_journey_and_flow_fresh(&mut app, &format!("a {what} deleted"));
        key(&mut app, KeyCode::Char('a'));
        keys(&mut app, &format!("New {what}"));
        key(&mut app, KeyCode::Enter);
        key(&mut app, KeyCode::Esc);
        key(&mut app, KeyCode::Esc);
        assert_journey_and_flow_fresh(&mut app, &format!("a {what} added"));
    }
    // A campaign added for a step from the Flow view.
    app.tab = Tab::Flow;
    app.flow.from = 2;
    app.flow.to = 3;
    key(&mut app, KeyCode::Char('a'));
    keys(&mut app, "Campaign for the step");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Esc);
    assert_journey_and_flow_fresh(&mut app, "a campaign added for a step");
    let (undo, _) = app.doc.history();
    for step in 0..undo {
        key(&mut app, KeyCode::Char('u'));
        assert_journey_and_flow_fresh(&mut app, &format!("undo {step}"));
    }
    for step in 0..undo {
        ctrl(&mut app, 'r');
        assert_journey_and_flow_fresh(&mut app, &format!("redo {step}"));
    }
}

#[test]
fn the_file_format_follows_edits_that_give_or_take_a_touchpoints_own_emotion() {
    // The example map without what format 3 added: its format then depends
    // on whether some touchpoint has an emotion of its own.
    let mut map = app_on("bean-box-coffee.ron").doc.map;
    let plain = journeymap::model::JourneyMap {
        title: map.title.clone(),
        stages: std::mem::take(&mut map.stages),
        tactics: std::mem::take(&mut map.tactics),
        segments: std::mem::take(&mut map.segments),
        personas: std::mem::take(&mut map.personas),
        touchpoints: std::mem::take(&mut map.touchpoints)
            .into_iter()
            .map(|t| Box::new(Touchpoint { emotion: None, ..*t }))
            .collect(),
        ..journeymap::model::JourneyMap::default()
    };
    let mut app = App::new(plain, "plain.ron".into(), None, None);
    app.doc.map.settle_format();
    let settled = |app: &App, after: &str| {
        assert_eq!(app.doc.map.format, app.doc.map.required_format(), "after {after}");
    };
    assert_eq!(app.doc.map.format, 1);
    change_touchpoint(&mut app, 3, |t| t.emotion = Some(-1));
    settled(&app, "a touchpoint given an emotion");
    assert_eq!(app.doc.map.format, 2);
    change_touchpoint(&mut app, 4, |t| t.name = "Renamed".into());
    app.tab = Tab::Matrix;
    keys(&mut app, "jlp");
    settled(&app, "a rename and a plan");
    app.tab = Tab::Touchpoints;
    app.touchpoint_sort = TouchpointSort::File;
    app.lists[Tab::Touchpoints.index()].selected = 3;
    keys(&mut app, "dy");
    settled(&app, "the touchpoint with an emotion deleted");
    assert_eq!(app.doc.map.format, 1);
    for step in 0..4 {
        key(&mut app, KeyCode::Char('u'));
        settled(&app, &format!("undo {step}"));
    }
    for step in 0..4 {
        ctrl(&mut app, 'r');
        settled(&app, &format!("redo {step}"));
    }
    let stage = app.doc.map.stages[0].id.clone();
    insert_touchpoint(&mut app, 0, "With an emotion", &stage);
    change_touchpoint(&mut app, 0, |t| t.emotion = Some(2));
    settled(&app, "a touchpoint inserted and given an emotion");
    assert_eq!(app.doc.map.format, 2);
    key(&mut app, KeyCode::Char('u'));
    key(&mut app, KeyCode::Char('u'));
    settled(&app, "both undone");
    assert_eq!(app.doc.map.format, 1);
}

#[test]
fn the_stages_own_scores_kept_across_edits_are_those_counted_afresh() {
    let mut app = app_on("bean-box-coffee.ron");
    app.tab = Tab::Stages;
    assert_as_fresh(&mut app, "the stages");
    let second_stage = app.doc.map.stages[1].id.clone();
    change_touchpoint(&mut app, 0, |t| t.emotion = Some(2));
    assert_as_fresh(&mut app, "a touchpoint given a score of its own");
    change_touchpoint(&mut app, 0, |t| t.emotion = Some(-2));
    assert_as_fresh(&mut app, "its score changed");
    change_touchpoint(&mut app, 0, |t| t.stage = second_stage.clone());
    assert_as_fresh(&mut app, "moved to another stage with its score");
    let mut scored = app.doc.map.touchpoints[1].clone();
    scored.id = "scored-copy".into();
    scored.emotion = Some(1);
    commit(
        &mut app,
        Edit::Insert {
            kind: ItemKind::Touchpoint,
            index: 1,
            item: Item::Touchpoint(scored),
        },
    );
    assert_as_fresh(&mut app, "a scored touchpoint inserted");
    let item = Item::Touchpoint(app.doc.map.touchpoints[0].clone());
    commit(
        &mut app,
        Edit::Remove {
            kind: ItemKind::Touchpoint,
            index: 0,
            item,
        },
    );
    assert_as_fresh(&mut app, "a scored touchpoint removed");
    for step in 0..5 {
        key(&mut app, KeyCode::Char('u'));
        assert_as_fresh(&mut app, &format!("undo {step}"));
    }
    for step in 0..5 {
        ctrl(&mut app, 'r');
        assert_as_fresh(&mut app, &format!("redo {step}"));
    }
}

/// A tactic or stage renamed (to names in other scripts), a discipline
/// changed, the grid transposed or narrowed: the Matrix view's labels and
/// column names, kept between frames, are those a new app cuts.
#[test]
fn the_matrix_labels_and_column_names_kept_across_edits_are_those_cut_afresh() {
    for file in ["souk-to-shelf.ron", "bean-box-coffee.ron"] {
        let mut app = app_on(file);
        app.tab = Tab::Matrix;
        assert_as_fresh(&mut app, &format!("{file}: opening the matrix"));
        let rename_tactic = |app: &mut App, index: usize, name: &str| {
            let name = name.to_string();
            assert!(app.doc.change(Target::Item(ItemKind::Tactic, index), |m| {
                m.tactics[index].name = name;
            }));
        };
        rename_tactic(&mut app, 0, "Renamed tactic with a longer name than before");
        assert_as_fresh(&mut app, &format!("{file}: a tactic renamed"));
        rename_tactic(&mut app, 1, "قهوة مختصة من المحمصة");
        assert_as_fresh(&mut app, &format!("{file}: a tactic renamed in Arabic"));
        let last = app.doc.map.tactics.len() - 1;
        rename_tactic(&mut app, last, "コーヒー豆 👨‍👩‍👧 tasting");
        assert_as_fresh(&mut app, &format!("{file}: the last tactic renamed"));
        assert!(app.doc.change(Target::Item(ItemKind::Tactic, 0), |m| {
            m.tactics[0].discipline = "A discipline of its own".into();
        }));
        assert_as_fresh(&mut app, &format!("{file}: a discipline changed"));
        for (index, name) in [(0, "Two words"), (1, "مرحلة الشراء الطويلة"), (0, "S")] {
            assert!(app.doc.change(Target::Item(ItemKind::Stage, index), |m| {
                m.stages[index].name = name.into();
            }));
            assert_as_fresh(&mut app, &format!("{file}: stage {index} renamed {name}"));
        }
        app.matrix.transpose = true;
        assert_as_fresh(&mut app, &format!("{file}: transposed"));
        rename_tactic(&mut app, 0, "Back to a short one");
        assert_as_fresh(&mut app, &format!("{file}: transposed, a tactic renamed"));
        app.matrix.transpose = false;
        assert_as_fresh(&mut app, &format!("{file}: back from transposed"));
        for step in 0..4 {
            key(&mut app, KeyCode::Char('u'));
            assert_as_fresh(&mut app, &format!("{file}: undo {step}"));
        }
        // Narrower than before: the same cache, cut for another layout.
        let narrow = render(&mut app, 70, 30);
        let mut fresh = fresh_copy(&app);
        assert_eq!(narrow, render(&mut fresh, 70, 30), "{file}: narrow");
    }
}
