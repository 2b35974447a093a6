//! The playbook in the workbench: the brief on the Overview, goals with
//! their progress, the journey canvas, and number and date fields that
//! refuse what is not a number or a date.

use std::path::{Path, PathBuf};

use journeymap::model::typed::Period;
use journeymap::store;
use journeymap::tui::App;
use journeymap::tui::app::Tab;
use ratatui::crossterm::event::KeyCode;

use crate::tui_driver::{ctrl, key, keys, render};

const TODAY: Period = Period {
    year: 2026,
    month: 11,
    day: 30,
};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/workbench-playbook.ron")
}

/// An app on a copy of the playbook fixture, its date fixed.
fn app() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("workbench-playbook.ron");
    std::fs::copy(fixture(), &path).unwrap();
    let loaded = store::load(&path).unwrap();
    let mut app = App::new(
        loaded.map,
        PathBuf::from("workbench-playbook.ron"),
        Some(loaded.stamp),
        None,
    );
    app.today = TODAY;
    (dir, app)
}

#[test]
fn the_journey_canvas_lays_out_stages_as_columns_and_lanes_as_rows() {
    let (_dir, mut app) = app();
    app.tab = Tab::Journey;
    let wide = render(&mut app, 120, 40);
    insta::assert_snapshot!("journey_120x40", wide);
    for lane in [
        "Stage goal",
        "Doing",
        "Thinking",
        "Feeling",
        "Touchpoints",
        "Pain points",
        "Opportunities",
    ] {
        assert!(wide.contains(lane), "{lane} lane missing:\n{wide}");
    }
    // An assumption is marked as one; a measured fact is not.
    assert!(wide.contains("? Will the machine"), "{wide}");
    assert!(wide.contains("• Searches for"), "{wide}");
    assert!(wide.contains("(critical)"), "{wide}");
}

#[test]
fn the_journey_canvas_scrolls_sideways_with_the_selected_stage_and_says_so() {
    let (_dir, mut app) = app();
    app.tab = Tab::Journey;
    let first = render(&mut app, 80, 24);
    assert!(first.contains("1 more ▶"), "{first}");
    assert!(first.contains("1. Aware") && !first.contains("4. Excite"), "{first}");
    for _ in 0..3 {
        key(&mut app, KeyCode::Right);
    }
    let last = render(&mut app, 80, 24);
    insta::assert_snapshot!("journey_80x24_last_stage", last);
    assert!(last.contains("4. Excite") && last.contains("◀ 1 more"), "{last}");
    assert!(last.contains("stage 4/4"), "{last}");
    // Down scrolls the lanes, and the border counts what is above.
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    let scrolled = render(&mut app, 80, 24);
    assert!(scrolled.contains("↑ 2 more"), "{scrolled}");
    // Enter edits the selected stage.
    key(&mut app, KeyCode::Enter);
    let form = render(&mut app, 80, 24);
    assert!(form.contains("Edit stage “Excite”"), "{form}");
}

#[test]
fn goals_show_their_progress_and_whether_they_are_overdue() {
    let (_dir, mut app) = app();
    app.tab = Tab::Goals;
    key(&mut app, KeyCode::Down);
    let screen = render(&mut app, 100, 30);
    insta::assert_snapshot!("goals_overdue", screen);
    // 7.5 of the way from 5 to 15 is 25%; due 2026-Q2, so overdue on 30 November.
    assert!(screen.contains("⚠ 25%"), "{screen}");
    assert!(screen.contains("25% ⚠ overdue"), "{screen}");
    assert!(screen.contains("5 → 7.5 → 15%"), "{screen}");
    // The other goal is due at the end of December: on its way, not late.
    assert!(
        screen.contains("400 first enquiries a month") && screen.contains(" 40%"),
        "{screen}"
    );
    app.today = Period {
        year: 2027,
        month: 1,
        day: 1,
    };
    key(&mut app, KeyCode::Up);
    let later = render(&mut app, 100, 30);
    assert!(
        later.contains("⚠ 40%"),
        "a year later the first goal is late too:\n{later}"
    );
}

#[test]
fn the_overview_shows_the_brief_and_scrolls_to_what_does_not_fit() {
    let (_dir, mut app) = app();
    let wide = render(&mut app, 130, 35);
    assert!(wide.contains("┌ Brief"), "{wide}");
    assert!(
        wide.contains("trust and relationships") && wide.contains("2.5%"),
        "{wide}"
    );
    let narrow = render(&mut app, 80, 24);
    assert!(narrow.contains("↓") && narrow.contains("more: ↓ scrolls"), "{narrow}");
    assert!(!narrow.contains("Seasonality"), "{narrow}");
    for _ in 0..30 {
        key(&mut app, KeyCode::Down);
    }
    let scrolled = render(&mut app, 80, 24);
    insta::assert_snapshot!("overview_brief_scrolled", scrolled);
    assert!(
        scrolled.contains("Seasonality") && scrolled.contains("Sells to"),
        "{scrolled}"
    );
    assert!(
        !scrolled.contains("more: ↓ scrolls"),
        "at the end nothing is below:\n{scrolled}"
    );
}

#[test]
fn the_brief_shows_the_market_share_in_percent_and_the_budget_in_its_currency() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("maps/souk-to-shelf.ron");
    let loaded = store::load(&path).unwrap();
    let mut app = App::new(loaded.map, path, Some(loaded.stamp), None);
    app.today = TODAY;
    let screen = render(&mut app, 200, 50);
    assert!(screen.contains("Market share 0.8%"), "{screen}");
    assert!(screen.contains("Budget       600000 AED"), "{screen}");
    assert!(!screen.contains("600000%"), "a budget is not a percentage:\n{screen}");
}

/// Opens the form of the first goal on its field `label`.
fn goal_field(app: &mut App, label: &str) {
    app.tab = Tab::Goals;
    key(app, KeyCode::Enter);
    for _ in 0..12 {
        if render(app, 100, 30).contains(&format!("▶ {label}")) {
            return;
        }
        key(app, KeyCode::Down);
    }
    panic!("no field {label}");
}

#[test]
fn a_number_field_refuses_words_and_keeps_them_for_correcting() {
    let (_dir, mut app) = app();
    goal_field(&mut app, "Target");
    key(&mut app, KeyCode::Enter);
    ctrl(&mut app, 'u');
    keys(&mut app, "lots");
    key(&mut app, KeyCode::Enter);
    let screen = render(&mut app, 100, 30);
    assert!(screen.contains("is not a number"), "{screen}");
    assert_eq!(app.doc.map.goals[0].target, "400", "the old target is kept");
    // The editor is still open with the text typed.
    ctrl(&mut app, 'u');
    keys(&mut app, "1,200");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.doc.map.goals[0].target, "1200");
    assert!(render(&mut app, 100, 30).contains("1200"));
}

#[test]
fn a_date_field_takes_days_months_and_quarters_only() {
    let (_dir, mut app) = app();
    goal_field(&mut app, "Deadline");
    key(&mut app, KeyCode::Enter);
    ctrl(&mut app, 'u');
    keys(&mut app, "next spring");
    key(&mut app, KeyCode::Enter);
    assert!(render(&mut app, 100, 30).contains("is not a date"));
    assert_eq!(app.doc.map.goals[0].deadline, "2026-12-31");
    ctrl(&mut app, 'u');
    keys(&mut app, "2027-q1");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.doc.map.goals[0].deadline, "2027-Q1");
}

#[test]
fn a_new_pain_point_and_the_opportunity_answering_it_appear_on_the_canvas() {
    let (_dir, mut app) = app();
    app.tab = Tab::PainPoints;
    keys(&mut app, "a");
    keys(&mut app, "Machine descales badly");
    key(&mut app, KeyCode::Enter);
    // A pain point belongs to a stage: the first is offered.
    assert!(render(&mut app, 100, 30).contains("stage of the new pain point"));
    key(&mut app, KeyCode::Enter);
    let added = app.doc.map.pain_points.last().cloned().unwrap();
    assert_eq!(added.name, "Machine descales badly");
    assert_eq!(added.stage, "aware");
    key(&mut app, KeyCode::Esc);
    app.tab = Tab::Opportunities;
    keys(&mut app, "a");
    keys(&mut app, "Descaling visit every quarter");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    // The form is open on the new opportunity: tick the new pain point.
    let form = render(&mut app, 100, 30);
    assert!(form.contains("Pains answered"), "{form}");
    while !render(&mut app, 100, 30).contains("▶ Pains answered") {
        key(&mut app, KeyCode::Down);
    }
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "descales");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Esc);
    let opportunity = app.doc.map.opportunities.last().cloned().unwrap();
    assert_eq!(opportunity.answers, std::slice::from_ref(&added.id));
    assert_eq!(opportunity.stage, added.stage);
    app.tab = Tab::Journey;
    let canvas = render(&mut app, 200, 50);
    assert!(canvas.contains("Machine descales badly"), "{canvas}");
    assert!(canvas.contains("Descaling visit every quarter"), "{canvas}");
}

#[test]
fn competitors_compare_side_by_side_in_a_table_that_scrolls_sideways() {
    let (_dir, mut app) = app();
    app.tab = Tab::Competitors;
    keys(&mut app, "t");
    let table = render(&mut app, 80, 24);
    insta::assert_snapshot!("competitor_table", table);
    assert!(table.contains("Competitors: summary · columns 1-"), "{table}");
    assert!(table.contains("BrewCo") && table.contains("Supermarket run"), "{table}");
    assert!(table.contains("▶ more") && !table.contains("Weaknesses"), "{table}");
    for _ in 0..20 {
        keys(&mut app, "]");
    }
    let end = render(&mut app, 80, 24);
    assert!(end.contains("Weaknesses") && end.contains("of 11 · ◀ "), "{end}");
    assert!(!end.contains("▶ more"), "{end}");
    // Moving still selects competitors, and t goes back to the details.
    key(&mut app, KeyCode::Down);
    keys(&mut app, "t");
    let details = render(&mut app, 80, 24);
    assert!(
        details.contains("┌ competitor") && details.contains("Supermarket run"),
        "{details}"
    );
}

#[test]
fn the_flow_marks_the_gap_and_a_campaign_added_there_closes_it() {
    let (_dir, mut app) = app();
    app.tab = Tab::Flow;
    let before = render(&mut app, 100, 30);
    insta::assert_snapshot!("flow_with_a_gap", before);
    assert!(before.contains("1 gap(s)") && before.contains("gap"), "{before}");
    // A backward step (the win-back) is shown as one.
    assert!(before.contains("↺1"), "{before}");
    // g goes to the gap: from Convert to Excite.
    keys(&mut app, "g");
    assert_eq!((app.flow.from, app.flow.to), (2, 3));
    let panel = render(&mut app, 100, 30);
    assert!(
        panel.contains("Gap: no campaign moves people on from Convert"),
        "{panel}"
    );
    keys(&mut app, "a");
    keys(&mut app, "Welcome pack upsell");
    key(&mut app, KeyCode::Enter);
    let added = app.doc.map.campaigns.last().cloned().unwrap();
    assert_eq!(
        (added.from_stage.as_str(), added.to_stage.as_str()),
        ("convert", "excite")
    );
    // Its form is open: give it dates.
    let form = render(&mut app, 100, 30);
    assert!(form.contains("Edit campaign"), "{form}");
    while !render(&mut app, 100, 30).contains("▶ Start") {
        key(&mut app, KeyCode::Down);
    }
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "2026-12-01");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "2027-01-31");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Esc);
    let after = render(&mut app, 100, 30);
    assert!(!after.contains("gap(s)"), "the gap is closed:\n{after}");
    let convert = after.lines().find(|l| l.contains("3. Convert")).unwrap();
    assert!(
        convert.trim_end_matches(['│', '"', ' ']).ends_with("—        1"),
        "{convert}"
    );
    assert!(after.contains("Welcome pack upsell"), "{after}");
    // The calendar shows its bar, under its step.
    app.tab = Tab::Campaigns;
    keys(&mut app, "t");
    let calendar = render(&mut app, 100, 30);
    insta::assert_snapshot!("calendar", calendar);
    assert!(calendar.contains("Convert → Excite"), "{calendar}");
    let row = calendar.lines().find(|l| l.contains("Welcome pack upsell")).unwrap();
    assert_eq!(row.matches("███").count(), 2, "December and January: {row}");
    // This month is marked.
    assert!(calendar.contains("▼No"), "{calendar}");
}
