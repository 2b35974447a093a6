//! The Matrix view and the findings popup, driven through the update function
//! and drawn into ratatui's `TestBackend`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use journeymap::analysis::{Matrix, MatrixFilter};
use journeymap::store;
use journeymap::tui::App;
use journeymap::tui::app::Tab;

use crate::tui_driver;

use ratatui::crossterm::event::KeyCode;
use tui_driver::{app_on, key, keys, map_path, render};

#[test]
fn matrix_view_snapshots() {
    for (w, h) in [(80, 24), (200, 50)] {
        let mut app = app_on("bean-box-coffee.ron");
        keys(&mut app, "8");
        assert_eq!(app.tab, Tab::Matrix);
        insta::assert_snapshot!(format!("matrix_initial_{w}x{h}"), render(&mut app, w, h));
        // Right to the last stage and down to the last tactic.
        keys(&mut app, "lllllllljjjjjjjjjjjjjjj");
        insta::assert_snapshot!(format!("matrix_scrolled_{w}x{h}"), render(&mut app, w, h));
        keys(&mut app, "gt");
        insta::assert_snapshot!(format!("matrix_transposed_{w}x{h}"), render(&mut app, w, h));
        keys(&mut app, "t");
        // Filter by the first persona.
        keys(&mut app, "f");
        key(&mut app, KeyCode::Down);
        key(&mut app, KeyCode::Enter);
        assert_eq!(
            app.matrix.filter.persona.as_deref(),
            Some(app.doc.map.personas[0].id.as_str())
        );
        insta::assert_snapshot!(format!("matrix_filtered_{w}x{h}"), render(&mut app, w, h));
        keys(&mut app, "F");
        assert_eq!(app.matrix.filter, MatrixFilter::default());
        // Filter by the first segment (after everyone and the personas), then clear it.
        keys(&mut app, "f");
        for _ in 0..=app.doc.map.personas.len() {
            key(&mut app, KeyCode::Down);
        }
        key(&mut app, KeyCode::Enter);
        assert_eq!(
            app.matrix.filter.segment.as_deref(),
            Some(app.doc.map.segments[0].id.as_str())
        );
        keys(&mut app, "F");
        assert_eq!(app.matrix.filter, MatrixFilter::default());
    }
}

#[test]
fn wide_text_lines_up_in_the_matrix() {
    let mut app = app_on("souk-to-shelf.ron");
    keys(&mut app, "8");
    insta::assert_snapshot!("matrix_souk_100x30", render(&mut app, 100, 30));
}

#[test]
fn the_matrix_is_the_cli_matrix() {
    let mut app = app_on("bean-box-coffee.ron");
    let expected = Matrix::build(&app.doc.map, &MatrixFilter::default()).unwrap();
    keys(&mut app, "8");
    render(&mut app, 80, 24);
    let cache = app.matrix_cache().unwrap();
    assert_eq!(cache.matrix, expected);
}

#[test]
fn adding_planning_and_undoing_from_the_matrix() {
    let mut app = app_on("bean-box-coffee.ron");
    let original = app.doc.map.clone();
    keys(&mut app, "8");
    render(&mut app, 80, 24);
    // The last stage with the first tactic.
    keys(&mut app, "$");
    let (stage, tactic) = app.matrix_position().unwrap();
    let before = app.matrix_cell_touchpoints().len();
    keys(&mut app, "a");
    keys(&mut app, "Referral ad");
    key(&mut app, KeyCode::Enter);
    let added = app.doc.map.touchpoints.last().unwrap();
    assert_eq!(added.name, "Referral ad");
    assert_eq!(added.stage, app.doc.map.stages[stage].id);
    assert_eq!(added.tactics, vec![app.doc.map.tactics[tactic].id.clone()]);
    render(&mut app, 80, 24);
    assert_eq!(app.matrix_cell_touchpoints().len(), before + 1);
    assert_eq!(app.matrix_touchpoint(), Some(app.doc.map.touchpoints.len() - 1));

    // Plan the tactic at the stage, then undo both.
    let planned = app.doc.map.stages[stage]
        .tactics
        .contains(&app.doc.map.tactics[tactic].id);
    keys(&mut app, "p");
    assert_ne!(
        app.doc.map.stages[stage]
            .tactics
            .contains(&app.doc.map.tactics[tactic].id),
        planned
    );
    keys(&mut app, "uu");
    assert_eq!(app.doc.map, original);

    // Enter opens the touchpoint of a cell in the form.
    keys(&mut app, "0gj");
    render(&mut app, 80, 24);
    key(&mut app, KeyCode::Enter);
    let screen = render(&mut app, 80, 24);
    assert!(matches!(app.mode, journeymap::tui::app::Mode::Form(_)), "{screen}");
}

#[test]
fn findings_popup_jumps_to_the_item() {
    let mut app = app_on("bean-box-coffee.ron");
    // A stage nobody reaches gives a finding about that stage.
    app.doc.map.touchpoints.retain(|t| t.stage != "promote");
    // Pain points, opportunities and campaigns there lose their links to those touchpoints.
    let kept: Vec<String> = app.doc.map.touchpoints.iter().map(|t| t.id.clone()).collect();
    for pain in &mut app.doc.map.pain_points {
        pain.touchpoints.retain(|id| kept.contains(id));
    }
    for opportunity in &mut app.doc.map.opportunities {
        opportunity.touchpoints.retain(|id| kept.contains(id));
    }
    for campaign in &mut app.doc.map.campaigns {
        campaign.touchpoints.retain(|id| kept.contains(id));
    }
    keys(&mut app, "!");
    let screen = render(&mut app, 100, 30);
    insta::assert_snapshot!("findings_popup", screen);
    let n = app
        .findings()
        .iter()
        .position(|f| f.item == Some((journeymap::model::ItemKind::Stage, "promote".to_string())))
        .unwrap();
    for _ in 0..n {
        keys(&mut app, "j");
    }
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.tab, Tab::Stages);
    let selected = app.selected_item().unwrap();
    assert_eq!(app.doc.map.stages[selected.1].id, "promote");
}

#[test]
fn a_huge_matrix_draws_fast_and_moves_without_rebuilding() {
    let mut map = store::load(&map_path("bean-box-coffee.ron")).unwrap().map;
    let template = map.touchpoints[0].clone();
    map.tactics = (0..400)
        .map(|n| journeymap::model::Tactic {
            id: format!("t{n}"),
            name: format!("Tactic {n}"),
            discipline: format!("D{}", n / 25),
            ..Default::default()
        })
        .collect();
    let stages: Vec<String> = map.stages.iter().map(|s| s.id.clone()).collect();
    map.touchpoints = (0..50_000)
        .map(|n| journeymap::model::Touchpoint {
            id: format!("tp{n}"),
            stage: stages[n % stages.len()].clone(),
            tactics: vec![format!("t{}", n % 400)],
            ..(*template).clone()
        })
        .map(Box::new)
        .collect();
    let mut app = App::new(map, PathBuf::from("huge.ron"), None, None);
    keys(&mut app, "8");
    render(&mut app, 200, 60);
    let started = std::time::Instant::now();
    for _ in 0..50 {
        keys(&mut app, "jl");
        render(&mut app, 200, 60);
    }
    let per_frame = started.elapsed() / 50;
    assert!(per_frame.as_millis() < 100, "{per_frame:?} per frame");
}

#[test]
fn the_stages_view_draws_the_emotion_curve() {
    for map in ["bean-box-coffee.ron", "souk-to-shelf.ron"] {
        let mut app = app_on(map);
        keys(&mut app, "2j");
        let screen = render(&mut app, 80, 24);
        assert!(screen.contains("Emotion across the journey"), "{screen}");
        insta::assert_snapshot!(format!("emotion_curve_{}", map.trim_end_matches(".ron")), screen);
    }
}

#[test]
fn the_curve_marks_the_spread_of_touchpoints_own_scores() {
    let mut app = app_on("bean-box-coffee.ron");
    let at_engage: Vec<usize> = (0..app.doc.map.touchpoints.len())
        .filter(|&t| app.doc.map.touchpoints[t].stage == "engage")
        .collect();
    assert!(at_engage.len() >= 2);
    app.doc.map.touchpoints[at_engage[0]].emotion = Some(-2);
    app.doc.map.touchpoints[at_engage[1]].emotion = Some(2);
    keys(&mut app, "2j");
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("◆ touchpoints' own"), "{screen}");
    let lines: Vec<Vec<char>> = screen.lines().map(|l| l.chars().collect()).collect();
    let top = lines
        .iter()
        .position(|l| l.iter().collect::<String>().contains("Emotion across"))
        .unwrap();
    // The second bar (Engage) spans columns 10..18 of the row strings (a
    // leading quote, the border, then 8 cells a bar and a gap).
    let edge: String = lines[top + 1..top + 6].iter().map(|l| l[18]).collect();
    assert_eq!(edge, "◆│││◆", "{screen}");
    // No other bar is marked.
    assert_eq!(screen.matches('◆').count(), 3, "two marks and the legend:\n{screen}");
}

#[test]
fn slash_filters_the_matrix_rows_by_tactic_name() {
    let mut app = app_on("bean-box-coffee.ron");
    keys(&mut app, "8/email");
    let screen = render(&mut app, 100, 30);
    assert!(screen.contains("tactics with “email”"), "{screen}");
    key(&mut app, KeyCode::Enter);
    let tactics = app.doc.map.tactics.clone();
    let cache = app.matrix_cache().unwrap();
    let shown: Vec<String> = cache
        .visible
        .iter()
        .map(|&r| tactics[cache.matrix.tactic_at(r)].name.to_lowercase())
        .collect();
    assert!(!shown.is_empty());
    assert!(shown.iter().all(|n| n.contains("email")), "{shown:?}");
    // The cursor stays on shown rows; transposed, the columns are those rows.
    keys(&mut app, "jjjjt");
    let row = app.matrix.row;
    assert!(app.matrix_cache().unwrap().visible.contains(&row));
    insta::assert_snapshot!("matrix_slash_filtered_transposed", render(&mut app, 100, 30));
    keys(&mut app, "t/zzz");
    key(&mut app, KeyCode::Enter);
    let screen = render(&mut app, 100, 30);
    assert!(screen.contains("no tactic matches"), "{screen}");
    keys(&mut app, "F");
    assert_eq!(app.matrix_cache().unwrap().visible.len(), app.doc.map.tactics.len());
}

#[test]
fn the_matrix_filter_offers_campaigns_too() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/workbench-playbook.ron");
    let loaded = store::load(&path).unwrap();
    let mut app = App::new(loaded.map, path, Some(loaded.stamp), None);
    keys(&mut app, "8");
    let everything = Matrix::build(&app.doc.map, &MatrixFilter::default()).unwrap().total();
    keys(&mut app, "f");
    let screen = render(&mut app, 100, 30);
    assert!(screen.contains("Campaign: Search push"), "{screen}");
    // After everyone, the personas and the segments come the campaigns.
    let skip = 1 + app.doc.map.personas.len() + app.doc.map.segments.len();
    for _ in 0..skip {
        key(&mut app, KeyCode::Down);
    }
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.matrix.filter.campaign.as_deref(), Some("search-push"));
    let filtered = Matrix::build(&app.doc.map, &app.matrix.filter).unwrap();
    assert_eq!(filtered.total(), 1, "the campaign uses one touchpoint");
    assert!(everything > 1);
    let screen = render(&mut app, 100, 30);
    assert!(
        screen.contains("Only touchpoints campaign Search push uses"),
        "{screen}"
    );
    keys(&mut app, "F");
    assert_eq!(app.matrix.filter, MatrixFilter::default());
}
