//! How the Matrix view spends its width: every stage shown when narrow
//! columns let them fit, whole names when there is room, a discipline of
//! one tactic on one line, and a panel title naming both stage and tactic.

use crate::tui_driver::{app_on, keys, render};

/// The grid's lines (left of the panel, when the panel is at the side).
fn grid_lines(screen: &str, grid_width: usize) -> Vec<String> {
    screen
        .lines()
        .map(|l| l.chars().skip(1).take(grid_width).collect())
        .collect()
}

#[test]
fn at_200_columns_names_are_whole_and_the_grid_fills_its_width() {
    let mut app = app_on("bean-box-coffee.ron");
    keys(&mut app, "8");
    let screen = render(&mut app, 200, 50);
    // The grid is 162 cells wide beside a 38-cell panel.
    let lines = grid_lines(&screen, 162);
    assert!(lines[0].contains("stages 1-8 of 8"), "{screen}");
    let header = &lines[1];
    let total_at = header
        .find("│Total")
        .map(|b| header[..b].chars().count())
        .expect("a Total column");
    assert!(
        total_at > 162 - 14,
        "the Total column ends the grid, not 50 cells before its edge:\n{screen}"
    );
    // Every tactic and stage name is whole.
    let map = &app.doc.map;
    for tactic in &map.tactics {
        assert!(screen.contains(&tactic.name), "{} is cut:\n{screen}", tactic.name);
    }
    for stage in &map.stages {
        assert!(header.contains(&stage.name), "{} is cut:\n{screen}", stage.name);
    }
}

#[test]
fn at_120_and_80_columns_every_stage_fits_in_narrower_columns() {
    for (w, h) in [(120, 40), (80, 24)] {
        let mut app = app_on("bean-box-coffee.ron");
        keys(&mut app, "8");
        let screen = render(&mut app, w, h);
        assert!(screen.contains("stages 1-8 of 8"), "{w}x{h}:\n{screen}");
        assert!(!screen.contains('▶'), "{w}x{h}:\n{screen}");
        // Names are cut with an ellipsis after a whole word or a readable
        // part of one, never mid-word without a mark.
        for word in ["Aware", "Engage", "Excite", "Ascend"] {
            assert!(screen.contains(word), "{word} at {w}x{h}:\n{screen}");
        }
    }
}

#[test]
fn a_discipline_with_one_tactic_takes_one_line() {
    let mut app = app_on("bean-box-coffee.ron");
    keys(&mut app, "8");
    let screen = render(&mut app, 200, 50);
    // Search has only SEO: one line names both; Email has only Email: one line, one name.
    assert!(screen.contains("│Search · SEO "), "{screen}");
    assert!(
        !screen.lines().any(|l| l.starts_with("│Search ") && !l.contains("SEO")),
        "{screen}"
    );
    assert_eq!(screen.matches("Email").count(), 1, "{screen}");
    // Advertising has three tactics: its own line, its tactics indented.
    assert!(screen.contains("│Advertising "), "{screen}");
    assert!(screen.contains("│  Google search ads "), "{screen}");
    // The cursor moves onto the one-line rows as onto any other.
    keys(&mut app, "jjj");
    let (stage, tactic) = app.cursor_cell().expect("a cell");
    assert_eq!(app.doc.map.tactics[tactic].name, "SEO");
    assert_eq!(stage, 0);
    let screen = render(&mut app, 200, 50);
    assert!(screen.contains("┌ Aware × SEO "), "{screen}");
}

#[test]
fn the_panel_title_names_both_the_stage_and_the_tactic() {
    let mut app = app_on("bean-box-coffee.ron");
    app.doc.map.stages[0].name = "Awareness of the office coffee problem".into();
    keys(&mut app, "8j");
    let (_, tactic) = app.cursor_cell().expect("a cell");
    assert_eq!(app.doc.map.tactics[tactic].name, "LinkedIn and Instagram ads");
    for (w, h) in [(200, 50), (120, 40)] {
        let screen = render(&mut app, w, h);
        let title = screen
            .lines()
            .find_map(|l| {
                let at = l.find(" × ")?;
                let start = l[..at].rfind('┌')?;
                let end = l[at..].find('─').map_or(l.len(), |e| at + e);
                Some(l[start..end].to_string())
            })
            .expect("the panel title");
        assert!(title.contains("Awareness"), "{title}");
        assert!(title.contains("× LinkedIn"), "{title}");
    }
}
