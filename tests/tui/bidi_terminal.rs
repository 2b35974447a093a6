//! The real binary in a pseudo-terminal: the terminal's BiDi mode is set
//! to explicit while the workbench runs and put back on every way out, and
//! what a wcwidth terminal (vt100) shows has straight boxes on every view.

use std::path::Path;
use std::time::Duration;

use crate::pty::Session;
use crate::widths::check_grid;

const EXPLICIT: &str = "\x1b[8l";
const IMPLICIT: &str = "\x1b[8h";

fn copy_map(dir: &Path, from: &str, name: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(root.join(from), dir.join(name)).unwrap();
}

fn start(dir: &Path, env: &[(&str, &str)], args: &[&str], size: (u16, u16)) -> Session {
    copy_map(dir, "maps/souk-to-shelf.ron", "souk.ron");
    let mut all = vec!["souk.ron"];
    all.extend_from_slice(args);
    let mut s = Session::start_with(dir, &dir.join("data"), &all, env, size);
    s.wait_for("Overview");
    s
}

/// The mode sequences the program wrote, in order.
fn modes(raw: &[u8]) -> Vec<&'static str> {
    let text = String::from_utf8_lossy(raw);
    let mut found: Vec<(usize, &'static str)> = text
        .match_indices(EXPLICIT)
        .map(|(at, _)| (at, EXPLICIT))
        .chain(text.match_indices(IMPLICIT).map(|(at, _)| (at, IMPLICIT)))
        .collect();
    found.sort();
    found.into_iter().map(|(_, m)| m).collect()
}

#[test]
fn explicit_mode_while_running_and_implicit_again_after_quitting() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = start(dir.path(), &[], &[], (30, 100));
    assert_eq!(modes(&s.raw), vec![EXPLICIT], "set once, before the first frame");
    let first_frame = String::from_utf8_lossy(&s.raw).find("Overview").unwrap();
    assert!(String::from_utf8_lossy(&s.raw).find(EXPLICIT).unwrap() < first_frame);
    s.send("q");
    assert!(s.wait_exit().success());
    assert_eq!(modes(&s.raw), vec![EXPLICIT, IMPLICIT]);
}

#[test]
fn implicit_mode_is_put_back_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = start(dir.path(), &[], &[], (30, 100));
    s.signal("TERM");
    let status = s.wait_exit();
    assert!(!status.success());
    assert_eq!(modes(&s.raw), vec![EXPLICIT, IMPLICIT]);
}

#[test]
fn implicit_mode_is_put_back_on_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = start(dir.path(), &[("JOURNEYMAP_DEBUG_PANIC_KEY", "%")], &[], (30, 100));
    s.send("%");
    let status = s.wait_exit();
    assert!(!status.success());
    let raw = String::from_utf8_lossy(&s.raw).to_string();
    assert!(raw.contains("JOURNEYMAP_DEBUG_PANIC_KEY was pressed"), "{raw}");
    assert_eq!(modes(&s.raw), vec![EXPLICIT, IMPLICIT]);
    // Put back before the panic message, with the rest of the terminal.
    assert!(raw.find(IMPLICIT) < raw.find("JOURNEYMAP_DEBUG_PANIC_KEY was pressed"));
}

#[test]
fn a_terminal_that_does_its_own_bidi_is_left_in_implicit_mode() {
    for (env, args) in [
        (vec![("TERM", "mlterm")], vec![]),
        (vec![("VTE_VERSION", "7600")], vec![]),
        (vec![("JOURNEYMAP_BIDI", "terminal")], vec![]),
        (vec![], vec!["--bidi", "terminal"]),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let mut s = start(dir.path(), &env, &args, (30, 100));
        // Logical order: the name as the file holds it.
        s.wait_for("وعي");
        s.send("q");
        assert!(s.wait_exit().success());
        assert_eq!(modes(&s.raw), Vec::<&str>::new(), "{env:?} {args:?}");
    }
}

/// The screen as vt100 (a wcwidth terminal) shows it, column by column.
fn grid(s: &Session) -> Vec<Vec<char>> {
    let screen = s.parser.screen();
    let (rows, cols) = screen.size();
    (0..rows.get())
        .map(|row| {
            (0..cols.get())
                .map(|col| match screen.cell(row, col) {
                    Some(cell) if cell.is_wide_continuation() => '\0',
                    Some(cell) => cell.contents().chars().next().unwrap_or(' '),
                    None => ' ',
                })
                .collect()
        })
        .collect()
}

/// Reads what the program writes until it has been quiet a moment.
fn settle(s: &mut Session) {
    let mut before = s.raw.len();
    loop {
        s.pump(Duration::from_millis(150));
        if s.raw.len() == before {
            return;
        }
        before = s.raw.len();
    }
}

#[test]
fn every_view_has_straight_boxes_in_a_wcwidth_terminal_after_moving_around() {
    let dir = tempfile::tempdir().unwrap();
    copy_map(dir.path(), "tests/fixtures/graphemes.ron", "graphemes.ron");
    copy_map(dir.path(), "maps/souk-to-shelf.ron", "souk.ron");
    for map in ["souk.ron", "graphemes.ron"] {
        for (rows, cols) in [(24, 80), (50, 200)] {
            let data = dir.path().join(format!("data-{map}-{cols}"));
            let mut s = Session::start_with(dir.path(), &data, &[map], &[], (rows, cols));
            s.wait_for("Overview");
            for tab in ["1", "2", "3", "4", "5", "6", "7", "8"] {
                s.send(tab);
                settle(&mut s);
                // Moving the selection redraws rows in place: no half of a
                // wide character may be left behind.
                for step in ["j", "j", "k"] {
                    s.send(step);
                    settle(&mut s);
                    let what = format!("{map} at {cols}x{rows}, view {tab} after {step}");
                    let shown = grid(&s);
                    check_grid(&shown, &what);
                    // Every code point of every cell, marks and joiners too.
                    let screen = s.parser.screen();
                    let text: String = (0..rows)
                        .flat_map(|row| (0..cols).map(move |col| (row, col)))
                        .filter_map(|(row, col)| screen.cell(row, col).map(|c| c.contents().to_string()))
                        .collect();
                    assert!(
                        !text
                            .chars()
                            .any(|c| matches!(c, '\u{1F1E6}'..='\u{1F1FF}' | '\u{200D}' | '\u{FE0F}')),
                        "{what}: a grapheme terminals disagree on reached the screen\n{}",
                        s.screen()
                    );
                }
            }
            s.send("q");
            assert!(s.wait_exit().success());
        }
    }
}

#[test]
fn a_grid_printed_to_a_terminal_follows_the_bidi_setting() {
    let dir = tempfile::tempdir().unwrap();
    copy_map(dir.path(), "maps/souk-to-shelf.ron", "souk.ron");
    let run = |env: &[(&str, &str)], args: &[&str]| {
        let mut s = Session::start_with(dir.path(), &dir.path().join("data"), args, env, (120, 100));
        assert!(s.wait_exit().success());
        (s.screen(), grid(&s))
    };
    for args in [
        &["matrix", "souk.ron", "--width", "80"][..],
        &["report", "souk.ron", "--width", "80", "--section", "overview,matrix"],
    ] {
        let (screen, shown) = run(&[], args);
        // خدمة العملاء, shaped (lam-alef one cell) and right to left.
        assert!(screen.contains("ﺀﻼﻤﻌﻟﺍ ﺔﻣﺪﺧ"), "{args:?}\n{screen}");
        assert!(!screen.contains("خدمة العملاء"), "{args:?}\n{screen}");
        // Grids only, in a terminal: the rows of its tables.
        let table: Vec<Vec<char>> = shown
            .into_iter()
            .skip_while(|row| row.first() != Some(&'┌'))
            .take_while(|row| row.first().is_some_and(|&c| matches!(c, '┌' | '│' | '├' | '└')))
            .collect();
        assert!(table.len() > 5, "{args:?}\n{screen}");
        let right = table[0].iter().rposition(|&c| c == '┐').unwrap();
        assert!(right < 80, "{args:?}\n{screen}");
        for row in &table {
            assert!(
                matches!(row[right], '┐' | '│' | '┤' | '┘'),
                "{args:?}: {row:?}\n{screen}"
            );
        }
        let (logical, _) = run(&[("JOURNEYMAP_BIDI", "off")], args);
        assert!(logical.contains("خدمة العملاء"), "{args:?}\n{logical}");
    }
}
