//! The emotion curve under the Stages view: a baseline at 0, every stage
//! reachable however many there are, names that can be read.

use std::path::PathBuf;

use journeymap::model::{JourneyMap, Stage};
use journeymap::tui::App;
use ratatui::crossterm::event::KeyCode;

use crate::tui_driver::{key, keys, render};

/// A map of `n` stages named "Stage 1" … with scores going round -2 … +2.
fn many_stages(n: usize) -> App {
    let map = JourneyMap {
        title: "Long journey".into(),
        stages: (1..=n)
            .map(|i| Stage {
                id: format!("s{i}"),
                name: format!("Stage {i}"),
                emotion: (i % 5) as i8 - 2,
                ..Default::default()
            })
            .collect(),
        ..Default::default()
    };
    App::new(map, PathBuf::from("long.ron"), None, None)
}

/// The curve's rows (inside its borders) of a drawn screen.
fn curve_rows(screen: &str) -> Vec<Vec<char>> {
    let lines: Vec<&str> = screen.lines().collect();
    let top = lines
        .iter()
        .position(|l| l.contains("Emotion across"))
        .expect("a curve");
    lines[top + 1..top + 8].iter().map(|l| l.chars().collect()).collect()
}

#[test]
fn a_negative_score_is_drawn_below_the_zero_line_and_a_positive_one_above() {
    let mut app = many_stages(5);
    keys(&mut app, "2");
    let screen = render(&mut app, 80, 24);
    let rows = curve_rows(&screen);
    // Five stages scored -1, 0, +1, +2, -2; the 0 line is the middle row.
    let axis = rows.iter().position(|r| r.contains(&'─')).expect("a 0 line");
    let text = |r: &Vec<char>| r.iter().collect::<String>();
    assert!(
        text(&rows[axis]).contains("-1") && text(&rows[axis]).contains("+2"),
        "{screen}"
    );
    // The column of each stage's bar: its score on the 0 line.
    let column = |score: &str| {
        let at = text(&rows[axis]).find(score).expect("the score");
        text(&rows[axis])[..at].chars().count()
    };
    let filled = |row: usize, col: usize| rows[row][col] == '█';
    let minus_one = column("-1");
    assert!(filled(axis + 1, minus_one), "-1 reaches below the line:\n{screen}");
    assert!(
        !filled(axis - 1, minus_one),
        "-1 draws nothing above the line:\n{screen}"
    );
    let plus_one = column("+1");
    assert!(filled(axis - 1, plus_one) && !filled(axis - 2, plus_one), "{screen}");
    assert!(!filled(axis + 1, plus_one), "{screen}");
    let plus_two = column("+2");
    assert!(filled(axis - 2, plus_two), "{screen}");
    let minus_two = column("-2");
    assert!(filled(axis + 2, minus_two) && filled(axis + 1, minus_two), "{screen}");
    let zero = column(" 0 ") + 1;
    assert!(!filled(axis - 1, zero) && !filled(axis + 1, zero), "{screen}");
}

#[test]
fn thirty_stages_scroll_with_the_selection_and_say_how_many_are_hidden() {
    let mut app = many_stages(30);
    keys(&mut app, "2");
    let first = render(&mut app, 80, 24);
    assert!(first.contains("more ▶"), "{first}");
    assert!(!first.contains("◀"), "{first}");
    // Names are broken between words: "Stage" over the number, never "St…".
    assert!(!first.contains("St…"), "{first}");
    let rows = curve_rows(&first);
    let names: String = rows[5].iter().collect();
    assert!(names.matches("Stage").count() >= 8, "{first}");
    // Every stage is reached by moving the selection.
    let mut seen = vec![false; 30];
    for _ in 0..30 {
        let screen = render(&mut app, 80, 24);
        let rows = curve_rows(&screen);
        let numbers: String = rows[6].iter().collect();
        for n in numbers
            .split_whitespace()
            .filter_map(|w| w.trim_matches('│').parse::<usize>().ok())
        {
            seen[n - 1] = true;
        }
        key(&mut app, KeyCode::Down);
    }
    assert!(seen.iter().all(|&s| s), "{seen:?}");
    let last = render(&mut app, 80, 24);
    assert!(last.contains("◀ ") && !last.contains("more ▶"), "{last}");
    keys(&mut app, "g");
    for _ in 0..14 {
        key(&mut app, KeyCode::Down);
    }
    let middle = render(&mut app, 80, 24);
    insta::assert_snapshot!("emotion_curve_30_stages_middle", middle);
    let hidden = |screen: &str, pattern: &str| -> usize {
        let at = screen.find(pattern).expect("a marker");
        let digits: String = screen[..at].chars().rev().take_while(|c| c.is_ascii_digit()).collect();
        digits.chars().rev().collect::<String>().parse().expect("a count")
    };
    let left = {
        let at = middle.find("◀ ").expect("left marker") + "◀ ".len();
        middle[at..]
            .split_whitespace()
            .next()
            .and_then(|n| n.parse::<usize>().ok())
            .expect("a count")
    };
    let right = hidden(&middle, " more ▶");
    let shown = curve_rows(&middle)[6]
        .iter()
        .collect::<String>()
        .split_whitespace()
        .filter(|w| w.parse::<usize>().is_ok())
        .count();
    assert_eq!(left + shown + right, 30, "{middle}");
}
