//! Every grid the command line prints (the matrix, whichever way, and the
//! tables of the text report), on the Arabic/CJK/emoji example map and on a
//! fixture full of lam-alef pairs, flags, ZWJ sequences and combining marks,
//! read back through a terminal emulator that places one code point per
//! cell (vt100): every border meets the one above and below it, and every
//! line of a grid is as wide as the others, within `--width`.

use std::num::NonZeroU16;

use crate::common::stdout_of;

const MAPS: [&str; 2] = ["maps/souk-to-shelf.ron", "tests/fixtures/graphemes.ron"];

/// Joins the line above (│ ┼ ┴ ├ ┤ └ ┘ reach up).
fn reaches_up(c: char) -> bool {
    matches!(c, '│' | '┼' | '┴' | '├' | '┤' | '└' | '┘')
}

/// Joins the line below.
fn reaches_down(c: char) -> bool {
    matches!(c, '│' | '┼' | '┬' | '├' | '┤' | '┌' | '┐')
}

fn is_border(c: char) -> bool {
    reaches_up(c) || reaches_down(c)
}

/// The output as a terminal shows it: each line as its columns.
fn screen(text: &str) -> Vec<Vec<char>> {
    let lines = text.lines().count() + 1;
    let rows = NonZeroU16::new(lines as u16).unwrap();
    let mut parser = vt100::Parser::new(rows, NonZeroU16::new(400).unwrap(), 0);
    parser.process(text.replace('\n', "\r\n").as_bytes());
    let screen = parser.screen();
    (0..lines as u16)
        .map(|row| {
            (0..400)
                .map(|col| match screen.cell(row, col) {
                    Some(cell) if cell.is_wide_continuation() => '\0',
                    Some(cell) => cell.contents().chars().next().unwrap_or(' '),
                    None => ' ',
                })
                .collect()
        })
        .collect()
}

/// `budget`: the width no grid may pass (`usize::MAX` where a grid may,
/// once every column is at its minimum: touchpoint names in ten columns).
fn check(text: &str, budget: usize, what: &str) {
    let shown = screen(text);
    let mut grids = 0;
    let mut block: Vec<&Vec<char>> = Vec::new();
    for row in shown.iter().chain(std::iter::once(&Vec::new())) {
        if row.first().is_some_and(|&c| is_border(c)) {
            block.push(row);
            continue;
        }
        if block.is_empty() {
            continue;
        }
        grids += 1;
        // The last border of every line in one column: one width.
        let ends: Vec<usize> = block
            .iter()
            .map(|r| r.iter().rposition(|&c| is_border(c)).unwrap())
            .collect();
        assert!(
            ends.iter().all(|&e| e == ends[0]),
            "{what}: line widths {ends:?}\n{text}"
        );
        assert!(
            ends[0] < budget,
            "{what}: {} cells wide, over {budget}\n{text}",
            ends[0] + 1
        );
        // Every border meets the line above and the line below.
        for pair in block.windows(2) {
            let (above, below) = (pair[0], pair[1]);
            for col in 0..=ends[0] {
                let (a, b) = (above[col], below[col]);
                assert_eq!(
                    reaches_down(a),
                    reaches_up(b),
                    "{what}: column {col}: `{a}` over `{b}`\n{text}"
                );
            }
        }
        block.clear();
    }
    assert!(grids > 0, "{what}: no grid\n{text}");
}

#[test]
fn every_grid_has_its_borders_where_a_wcwidth_terminal_puts_them() {
    for map in MAPS {
        for width in [80, 200] {
            let w = width.to_string();
            for extra in [
                &[][..],
                &["--transpose"],
                &["--cells", "names"],
                &["--cells", "names", "--transpose"],
            ] {
                let mut args = vec!["matrix", map, "--width", &w];
                args.extend_from_slice(extra);
                let budget = if extra.contains(&"names") { usize::MAX } else { width };
                check(&stdout_of(&args), budget, &format!("{args:?}"));
            }
            let args = ["report", map, "-f", "text", "--width", &w];
            check(&stdout_of(&args), width, &format!("{args:?}"));
        }
    }
}

#[test]
fn files_and_pipes_keep_logical_order_unshaped() {
    for bidi in ["app", "terminal", "off"] {
        let text = stdout_of(&["matrix", "maps/souk-to-shelf.ron", "--bidi", bidi]);
        assert!(text.contains("خدمة العملاء"), "{text}");
        assert!(!text.chars().any(|c| ('\u{FE70}'..='\u{FEFF}').contains(&c)), "{text}");
        let report = stdout_of(&["report", "maps/souk-to-shelf.ron", "-f", "markdown", "--bidi", bidi]);
        assert!(report.contains("خدمة العملاء"), "{report}");
    }
}
