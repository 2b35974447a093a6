//! A multi-line text editor: lines soft-wrapped at the box width (between
//! graphemes), cursor moved by grapheme and placed by display width.

use unicode_segmentation::UnicodeSegmentation;

use super::text_input::{word_end_after, word_start_before};
use crate::text::bidi::editing;
use crate::text::{forbidden_char, normalize_line_breaks, width};
use crate::tui::action::Action;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextArea {
    lines: Vec<String>,
    row: usize,
    /// Byte offset in `lines[row]`, on a grapheme boundary.
    col: usize,
    /// Width used for wrapping by the last render (for Up/Down).
    wrap_width: usize,
    original: String,
}

/// A visual row: a slice `start..end` of logical line `line`.
#[derive(Debug, Clone, Copy)]
struct VisualRow {
    line: usize,
    start: usize,
    end: usize,
}

impl TextArea {
    pub fn new(text: &str) -> Self {
        let clean: String = normalize_line_breaks(text)
            .chars()
            .filter(|&c| !forbidden_char(c, true))
            .collect();
        let lines: Vec<String> = clean.split('\n').map(str::to_string).collect();
        let row = lines.len() - 1;
        let col = lines[row].len();
        Self {
            lines,
            row,
            col,
            wrap_width: 40,
            original: text.to_string(),
        }
    }

    pub fn text(&self) -> String {
        self.lines.join("\n")
    }

    pub fn changed(&self) -> bool {
        self.text() != self.original
    }

    fn line(&self) -> &str {
        &self.lines[self.row]
    }

    fn prev_boundary(&self) -> Option<usize> {
        self.line()[..self.col]
            .grapheme_indices(true)
            .next_back()
            .map(|(i, _)| i)
    }

    fn next_boundary(&self) -> Option<usize> {
        self.line()[self.col..]
            .graphemes(true)
            .next()
            .map(|g| self.col + g.len())
    }

    /// Inserts at the cursor; a CR or CRLF line end (what most terminals
    /// paste) starts a new line just as LF does.
    pub fn insert_str(&mut self, s: &str) {
        for c in normalize_line_breaks(s).chars() {
            match c {
                '\n' => self.newline(),
                c if forbidden_char(c, true) => {}
                c => {
                    let row = self.row;
                    self.lines[row].insert(self.col, c);
                    self.col += c.len_utf8();
                }
            }
        }
    }

    fn newline(&mut self) {
        let rest = self.lines[self.row].split_off(self.col);
        self.lines.insert(self.row + 1, rest);
        self.row += 1;
        self.col = 0;
    }

    /// Applies an editing action; returns false if it means nothing here.
    pub fn handle(&mut self, action: Action) -> bool {
        match action {
            Action::Insert(c) => {
                let mut buf = [0; 4];
                self.insert_str(c.encode_utf8(&mut buf));
            }
            Action::Newline => self.newline(),
            Action::Left => match self.prev_boundary() {
                Some(i) => self.col = i,
                None if self.row > 0 => {
                    self.row -= 1;
                    self.col = self.line().len();
                }
                None => {}
            },
            Action::Right => match self.next_boundary() {
                Some(i) => self.col = i,
                None if self.row + 1 < self.lines.len() => {
                    self.row += 1;
                    self.col = 0;
                }
                None => {}
            },
            Action::Home => self.col = 0,
            Action::End => self.col = self.line().len(),
            Action::Backspace => match self.prev_boundary() {
                Some(i) => {
                    let row = self.row;
                    self.lines[row].replace_range(i..self.col, "");
                    self.col = i;
                }
                None if self.row > 0 => {
                    let line = self.lines.remove(self.row);
                    self.row -= 1;
                    self.col = self.lines[self.row].len();
                    self.lines[self.row].push_str(&line);
                }
                None => {}
            },
            Action::DeleteForward => match self.next_boundary() {
                Some(end) => {
                    let row = self.row;
                    self.lines[row].replace_range(self.col..end, "");
                }
                None if self.row + 1 < self.lines.len() => {
                    let next = self.lines.remove(self.row + 1);
                    self.lines[self.row].push_str(&next);
                }
                None => {}
            },
            Action::Up | Action::Down => self.move_vertically(action == Action::Up),
            Action::WordLeft => self.col = word_start_before(self.line(), self.col),
            Action::WordRight => self.col = word_end_after(self.line(), self.col),
            Action::DeleteWordBack => {
                let start = word_start_before(self.line(), self.col);
                let row = self.row;
                self.lines[row].replace_range(start..self.col, "");
                self.col = start;
            }
            Action::DeleteToStart => {
                let row = self.row;
                self.lines[row].replace_range(..self.col, "");
                self.col = 0;
            }
            Action::DeleteToEnd => {
                let (row, col) = (self.row, self.col);
                self.lines[row].truncate(col);
            }
            _ => return false,
        }
        true
    }

    fn visual_rows(&self, cells: usize) -> Vec<VisualRow> {
        let cells = cells.max(2);
        let mut rows = Vec::new();
        for (line_no, line) in self.lines.iter().enumerate() {
            let mut start = 0;
            let mut used = 0;
            for (i, g) in line.grapheme_indices(true) {
                let w = width(g);
                // Keep the last cell free for a cursor at the end of the row.
                if used + w > cells - 1 && i > start {
                    rows.push(VisualRow {
                        line: line_no,
                        start,
                        end: i,
                    });
                    start = i;
                    used = 0;
                }
                used += w;
            }
            rows.push(VisualRow {
                line: line_no,
                start,
                end: line.len(),
            });
        }
        rows
    }

    /// The visual row holding the cursor, and the cursor's column in it.
    fn cursor_visual(&self, rows: &[VisualRow]) -> (usize, usize) {
        let mut found = 0;
        for (n, r) in rows.iter().enumerate() {
            if r.line == self.row && r.start <= self.col {
                found = n;
            }
        }
        let r = rows[found];
        (found, width(&self.lines[r.line][r.start..self.col]))
    }

    fn move_vertically(&mut self, up: bool) {
        let rows = self.visual_rows(self.wrap_width);
        let (current, x) = self.cursor_visual(&rows);
        let target = if up {
            match current.checked_sub(1) {
                Some(t) => t,
                None => return,
            }
        } else if current + 1 < rows.len() {
            current + 1
        } else {
            return;
        };
        let r = rows[target];
        let line = &self.lines[r.line];
        let mut col = r.start;
        let mut used = 0;
        for (i, g) in line[r.start..r.end].grapheme_indices(true) {
            let w = width(g);
            if used + w > x {
                break;
            }
            used += w;
            col = r.start + i + g.len();
        }
        if col == r.end && r.end < line.len() {
            // The end of a wrapped row is the start of the next one: stay on this row.
            col = line[r.start..r.end]
                .grapheme_indices(true)
                .next_back()
                .map_or(r.start, |(i, _)| r.start + i);
        }
        self.row = r.line;
        self.col = col;
    }

    /// The visible rows (sanitized) of a box `cells` wide and `height` high,
    /// and the cursor position inside it.
    /// Tells the editor the width its box wraps at (after each draw), so
    /// that Up and Down move by the rows the user sees.
    pub fn set_wrap_width(&mut self, cells: usize) {
        self.wrap_width = cells.max(2);
    }

    pub fn view(&self, cells: usize, height: usize) -> (Vec<String>, (usize, usize)) {
        let rows = self.visual_rows(cells);
        let (cursor_row, x) = self.cursor_visual(&rows);
        let height = height.max(1);
        let first = cursor_row.saturating_sub(height - 1);
        let shown = rows[first..]
            .iter()
            .take(height)
            .map(|r| editing(&self.lines[r.line][r.start..r.end]).into_owned())
            .collect();
        (shown, (cursor_row - first, x))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newlines_split_and_backspace_joins() {
        let mut area = TextArea::new("ab");
        area.handle(Action::Left);
        area.handle(Action::Newline);
        assert_eq!(area.text(), "a\nb");
        area.handle(Action::Backspace);
        assert_eq!(area.text(), "ab");
        assert!(!area.changed());
    }

    #[test]
    fn wraps_wide_text_within_the_box() {
        let mut area = TextArea::new("展示会展示会展示会");
        area.set_wrap_width(7);
        let (rows, (row, x)) = area.view(7, 5);
        assert!(rows.iter().all(|r| width(r) <= 6), "{rows:?}");
        assert_eq!(rows.concat(), "展示会展示会展示会");
        assert_eq!(
            (row, x),
            (rows.len() - 1, width(rows.last().map_or("", |s| s.as_str())))
        );
        area.handle(Action::Up);
        let (_, (row2, x2)) = area.view(7, 5);
        assert_eq!(row2, row - 1);
        assert!(x2 <= x);
    }

    #[test]
    fn up_and_down_keep_the_column() {
        let mut area = TextArea::new("abcdef\nxy\nlonger line");
        area.handle(Action::Up);
        area.handle(Action::Up);
        area.set_wrap_width(40);
        area.handle(Action::Home);
        area.handle(Action::Right);
        area.handle(Action::Down);
        area.handle(Action::Insert('!'));
        assert_eq!(area.text(), "abcdef\nx!y\nlonger line");
    }

    #[test]
    fn pasted_cr_and_crlf_line_ends_start_new_lines() {
        let mut area = TextArea::new("");
        area.insert_str("line one\rline two\r\nline three");
        assert_eq!(area.text(), "line one\nline two\nline three");
        assert_eq!(TextArea::new("a\r\nb").text(), "a\nb");
    }

    #[test]
    fn word_keys_stay_on_the_cursor_line() {
        let mut area = TextArea::new("first line\nsecond word here");
        area.handle(Action::DeleteWordBack);
        assert_eq!(area.text(), "first line\nsecond word ");
        area.handle(Action::WordLeft);
        area.handle(Action::DeleteToStart);
        assert_eq!(area.text(), "first line\nword ");
        area.handle(Action::WordRight);
        area.handle(Action::DeleteToEnd);
        assert_eq!(area.text(), "first line\nword");
    }
}
