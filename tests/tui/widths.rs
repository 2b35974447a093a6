//! Every view, drawn on the Arabic/CJK/emoji example map and on a fixture
//! full of lam-alef pairs, flags, ZWJ sequences and combining marks, places
//! every cell where a wcwidth terminal puts it, and keeps its boxes straight.

use std::path::{Path, PathBuf};

use journeymap::store;
use journeymap::text::bidi::Bidi;
use journeymap::tui::App;
use journeymap::tui::app::Tab;
use journeymap::tui::views;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use unicode_width::UnicodeWidthStr;

use crate::common::wcwidth;
use crate::tui_driver::{ctrl, key, keys};

const SIZES: [(u16, u16); 2] = [(80, 24), (200, 50)];

fn maps() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    vec![
        root.join("maps/souk-to-shelf.ron"),
        root.join("tests/fixtures/graphemes.ron"),
    ]
}

fn app_on(path: &Path) -> App {
    let loaded = store::load(path).unwrap();
    App::new(loaded.map, path.to_path_buf(), Some(loaded.stamp), None)
}

fn draw(app: &mut App, w: u16, h: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| views::render(f, app)).unwrap();
    terminal.backend().buffer().clone()
}

/// The rows as a terminal receives them: each visible cell's symbol, the
/// cells a wide symbol covers left out.
fn rows(buf: &Buffer) -> Vec<String> {
    let area = buf.area;
    (0..area.height)
        .map(|y| {
            let mut row = String::new();
            let mut covered_until = 0;
            for x in 0..area.width {
                if x < covered_until {
                    continue;
                }
                let symbol = buf[(x, y)].symbol();
                row.push_str(symbol);
                covered_until = x + (UnicodeWidthStr::width(symbol) as u16).max(1);
            }
            row
        })
        .collect()
}

/// Checks that a wcwidth terminal puts every cell of `buf` in the column
/// ratatui's buffer gave it, and that every box is straight.
fn check(buf: &Buffer, what: &str) {
    let area = buf.area;
    let text = rows(buf).join("\n");
    for y in 0..area.height {
        // Where the terminal's cursor is after the cells before this one.
        let mut column = 0;
        let mut covered_until = 0;
        for x in 0..area.width {
            if x < covered_until {
                continue;
            }
            let symbol = buf[(x, y)].symbol();
            assert_eq!(
                column,
                usize::from(x),
                "{what}: row {y}, cell {x} ({symbol:?}) is drawn at column {column} by a wcwidth terminal\n{text}"
            );
            let buffer_width = (UnicodeWidthStr::width(symbol) as u16).max(1);
            column += wcwidth(symbol).max(usize::from(symbol.is_empty()));
            covered_until = x + buffer_width;
            // What a terminal draws in the cells a wide symbol covers.
            column = column.max(usize::from(covered_until));
        }
        assert_eq!(
            column,
            usize::from(area.width),
            "{what}: row {y} is not as wide as the screen\n{text}"
        );
    }
    check_boxes(&rows(buf), what);
}

/// Every box (┌ … ┐ over └ … ┘) has its left and right borders in one
/// column each, top to bottom.
pub fn check_boxes(rows: &[String], what: &str) {
    check_grid(&rows.iter().map(|r| cells(r)).collect::<Vec<_>>(), what);
}

/// [`check_boxes`] on a screen as its columns: a wide character, then
/// `\0` for the column it covers.
pub fn check_grid(grid: &[Vec<char>], what: &str) {
    let text: String = grid
        .iter()
        .map(|row| row.iter().filter(|&&c| c != '\0').collect::<String>() + "\n")
        .collect();
    // Every box's corners, for telling a border hidden under a popup from
    // one drawn in the wrong column.
    let mut spans: Vec<(usize, usize, usize, usize)> = Vec::new();
    for (top, row) in grid.iter().enumerate() {
        for (left, &c) in row.iter().enumerate() {
            if c != '┌' {
                continue;
            }
            let right = (left + 1..row.len()).find(|&x| row[x] == '┐');
            let bottom = (top + 1..grid.len()).find(|&y| grid[y].get(left) == Some(&'└'));
            if let (Some(right), Some(bottom)) = (right, bottom) {
                spans.push((top, left, right, bottom));
            }
        }
    }
    // A box drawn over the cell (x, y): one that starts at or below `top`
    // (popups are drawn after what they cover) and spans the cell.
    let covered = |x: usize, y: usize, top: usize, left: usize| {
        spans
            .iter()
            .any(|&(t, l, r, b)| (t, l) != (top, left) && t >= top && t <= y && y <= b && l <= x && x <= r)
    };
    let mut boxes = 0;
    for (top, row) in grid.iter().enumerate() {
        for (left, &c) in row.iter().enumerate() {
            if c != '┌' {
                continue;
            }
            let Some(right) = (left + 1..row.len()).find(|&x| row[x] == '┐') else {
                panic!("{what}: the box at row {top}, column {left} has no ┐ on its row\n{text}");
            };
            let Some(bottom) = (top + 1..grid.len()).find(|&y| grid[y].get(left) == Some(&'└')) else {
                panic!("{what}: the box at row {top}, column {left} has no └ under it\n{text}");
            };
            for (y, line) in grid.iter().enumerate().take(bottom).skip(top + 1) {
                if covered(left, y, top, left) || covered(right, y, top, left) {
                    continue;
                }
                assert!(
                    matches!(line.get(left), Some('│' | '├')),
                    "{what}: row {y} has no left border at column {left}\n{text}"
                );
                assert!(
                    matches!(line.get(right), Some('│' | '┤')),
                    "{what}: row {y} has no right border at column {right}\n{text}"
                );
            }
            // A rule inside the box (the matrix's before its totals) is
            // straight too: a row shifted by a mismeasured name breaks it.
            let inner: Vec<Vec<usize>> = grid[top + 1..bottom]
                .iter()
                .map(|line| (left + 1..right).filter(|&x| line.get(x) == Some(&'│')).collect())
                .filter(|columns: &Vec<usize>| !columns.is_empty())
                .collect();
            assert!(
                inner.windows(2).all(|pair| pair[0] == pair[1]),
                "{what}: the rules inside the box at row {top}, column {left} are not straight: {inner:?}\n{text}"
            );
            // So is a column of counts ("5 tp") at the end of list rows.
            let counts: Vec<usize> = grid[top + 1..bottom]
                .iter()
                .filter_map(|line| {
                    let row: String = line[left + 1..right].iter().collect();
                    row.find(" tp").map(|at| row[..at].chars().count())
                })
                .collect();
            assert!(
                counts.windows(2).all(|pair| pair[0] == pair[1]),
                "{what}: the counts in the box at row {top}, column {left} are not in one column: {counts:?}\n{text}"
            );
            assert_eq!(
                grid[bottom].get(right),
                Some(&'┘'),
                "{what}: the bottom of the box at row {top}, column {left} does not end at column {right}\n{text}"
            );
            boxes += 1;
        }
    }
    assert!(boxes > 0, "{what}: no box found\n{text}");
}

/// A row as the columns a wcwidth terminal shows: a wide character, then
/// a filler for the column it covers.
fn cells(row: &str) -> Vec<char> {
    let mut out = Vec::new();
    for c in row.chars() {
        match wcwidth(c.encode_utf8(&mut [0; 4])) {
            0 => {}
            1 => out.push(c),
            _ => {
                out.push(c);
                out.push('\u{0}');
            }
        }
    }
    out
}

#[test]
fn every_view_and_form_places_every_cell_where_a_wcwidth_terminal_does() {
    for bidi in [Bidi::App, Bidi::Off, Bidi::Terminal] {
        for path in maps() {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let mut app = app_on(&path);
            app.bidi = bidi;
            for tab in Tab::ALL {
                app.tab = tab;
                for (w, h) in SIZES {
                    let what = format!("{name} {bidi} {} at {w}x{h}", tab.title());
                    check(&draw(&mut app, w, h), &what);
                    // The second row, and its form.
                    key(&mut app, KeyCode::Down);
                    check(&draw(&mut app, w, h), &format!("{what}, second row"));
                    if tab != Tab::Matrix && tab != Tab::Overview {
                        key(&mut app, KeyCode::Enter);
                        check(&draw(&mut app, w, h), &format!("{what}, its form"));
                        key(&mut app, KeyCode::Esc);
                    }
                    key(&mut app, KeyCode::Up);
                }
            }
            // The findings and the jump list, which quote names.
            app.tab = Tab::ALL[0];
            for (w, h) in SIZES {
                keys(&mut app, "!");
                check(&draw(&mut app, w, h), &format!("{name} {bidi} findings at {w}x{h}"));
                key(&mut app, KeyCode::Esc);
                ctrl(&mut app, 'p');
                keys(&mut app, "ولاء");
                check(&draw(&mut app, w, h), &format!("{name} {bidi} jump at {w}x{h}"));
                key(&mut app, KeyCode::Esc);
            }
        }
    }
}

#[test]
fn a_right_to_left_name_is_shaped_and_read_right_to_left_in_the_lists() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut app = app_on(&root.join("maps/souk-to-shelf.ron"));
    app.tab = Tab::ALL[1];
    let screen = rows(&draw(&mut app, 100, 30)).join("\n");
    // ولاء · ロイヤルティ — Loyalty 💛: waw, lam-alef ligature, hamza,
    // right to left, in a column where it is right-aligned.
    assert!(screen.contains("\u{FE80}\u{FEFB}\u{FEED}"), "{screen}");
    assert!(!screen.contains("ولاء"), "{screen}");
    app.bidi = Bidi::Off;
    let logical = rows(&draw(&mut app, 100, 30)).join("\n");
    assert!(logical.contains("ولاء"), "{logical}");
}
