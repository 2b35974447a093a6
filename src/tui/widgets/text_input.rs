//! A one-line text editor that moves by grapheme and places the cursor by
//! display width, so Arabic, CJK and emoji edit correctly.

use unicode_segmentation::UnicodeSegmentation;

use std::borrow::Cow;

use crate::text::bidi::editing;
use crate::text::{forbidden_char, normalize_line_breaks, unambiguous, width};
use crate::tui::action::Action;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    text: String,
    /// Byte offset of the cursor, always on a grapheme boundary.
    cursor: usize,
}

/// What a key did to the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputResult {
    Editing,
    Confirmed,
    Cancelled,
    /// The key means nothing here.
    Ignored,
}

impl TextInput {
    /// An input holding `text`. A line break or tab (which a one-line field
    /// cannot hold) becomes a space, so the lines on either side are never
    /// glued together; other control characters are dropped.
    pub fn new(text: &str) -> Self {
        let mut input = Self::default();
        input.insert_str(text);
        input.cursor = input.text.len();
        input
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor's byte offset.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Inserts at the cursor. Pasted line breaks (LF, CR or CRLF) and tabs
    /// become one space each: one line cannot hold them, and gluing the
    /// lines would change the words.
    pub fn insert_str(&mut self, s: &str) {
        for c in normalize_line_breaks(s).chars() {
            let c = if matches!(c, '\n' | '\t') { ' ' } else { c };
            if !forbidden_char(c, false) {
                self.text.insert(self.cursor, c);
                self.cursor += c.len_utf8();
            }
        }
        // A combining mark may have joined the grapheme before the cursor.
        self.cursor = self.snap(self.cursor);
    }

    /// The grapheme boundary at or after `at`.
    fn snap(&self, at: usize) -> usize {
        let mut pos = 0;
        for g in self.text.graphemes(true) {
            if pos >= at {
                return pos;
            }
            pos += g.len();
        }
        self.text.len()
    }

    fn prev_boundary(&self) -> usize {
        self.text[..self.cursor]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self) -> usize {
        self.text[self.cursor..]
            .graphemes(true)
            .next()
            .map_or(self.cursor, |g| self.cursor + g.len())
    }

    pub fn handle(&mut self, action: Action) -> InputResult {
        match action {
            Action::Confirm => return InputResult::Confirmed,
            Action::Cancel => return InputResult::Cancelled,
            Action::Insert(c) => {
                let mut buf = [0; 4];
                self.insert_str(c.encode_utf8(&mut buf));
            }
            Action::Left => self.cursor = self.prev_boundary(),
            Action::Right => self.cursor = self.next_boundary(),
            Action::Home => self.cursor = 0,
            Action::End => self.cursor = self.text.len(),
            Action::Backspace => {
                let start = self.prev_boundary();
                self.text.replace_range(start..self.cursor, "");
                self.cursor = start;
            }
            Action::DeleteForward => {
                let end = self.next_boundary();
                self.text.replace_range(self.cursor..end, "");
            }
            Action::WordLeft => self.cursor = word_start_before(&self.text, self.cursor),
            Action::WordRight => self.cursor = word_end_after(&self.text, self.cursor),
            Action::DeleteWordBack => {
                let start = word_start_before(&self.text, self.cursor);
                self.text.replace_range(start..self.cursor, "");
                self.cursor = start;
            }
            Action::DeleteToStart => {
                self.text.replace_range(..self.cursor, "");
                self.cursor = 0;
            }
            Action::DeleteToEnd => self.text.truncate(self.cursor),
            _ => return InputResult::Ignored,
        }
        InputResult::Editing
    }

    /// What to show in `cells` columns and where the cursor goes (column from
    /// the left of that window). The window scrolls so the cursor stays visible.
    pub fn view(&self, cells: usize) -> (String, usize) {
        let cells = cells.max(1);
        // Each grapheme as drawn: in logical order, unshaped, the ones
        // terminals disagree on replaced (see `text::unambiguous`).
        let graphemes: Vec<(usize, usize, Cow<'_, str>)> = self
            .text
            .grapheme_indices(true)
            .map(|(i, g)| (i, g.len(), unambiguous(g)))
            .collect();
        let before: usize = graphemes
            .iter()
            .take_while(|(i, ..)| *i < self.cursor)
            .map(|(.., g)| width(g))
            .sum();
        // Keep one cell for the cursor after the last grapheme.
        let mut skip_width = before.saturating_sub(cells - 1);
        let mut start = 0;
        for (i, len, g) in &graphemes {
            if skip_width == 0 {
                break;
            }
            start = i + len;
            skip_width = skip_width.saturating_sub(width(g));
        }
        let mut shown = String::new();
        let (mut used, mut cursor_x) = (0, 0);
        for (i, _, g) in &graphemes {
            if *i < start {
                continue;
            }
            let w = width(g);
            if used + w > cells {
                break;
            }
            if *i < self.cursor {
                cursor_x += w;
            }
            shown.push_str(g);
            used += w;
        }
        (editing(&shown).into_owned(), cursor_x.min(cells - 1))
    }
}

/// Where the word before `at` starts: back over spaces, then over the word
/// (as readline's `Ctrl-w` and `Alt-b` move). Words are Unicode words, so
/// Arabic, CJK and accented text move the same way.
pub(crate) fn word_start_before(text: &str, at: usize) -> usize {
    text[..at]
        .split_word_bound_indices()
        .rev()
        .find(|(_, w)| !w.trim().is_empty())
        .map_or(0, |(i, _)| i)
}

/// Where the word at or after `at` ends (readline's `Alt-f`).
pub(crate) fn word_end_after(text: &str, at: usize) -> usize {
    text[at..]
        .split_word_bound_indices()
        .find(|(_, w)| !w.trim().is_empty())
        .map_or(text.len(), |(i, w)| at + i + w.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(s: &str) -> TextInput {
        let mut input = TextInput::default();
        for c in s.chars() {
            input.handle(Action::Insert(c));
        }
        input
    }

    #[test]
    fn moves_and_deletes_by_grapheme() {
        let mut input = typed("a👍🏽b");
        input.handle(Action::Left);
        input.handle(Action::Backspace);
        assert_eq!(input.text(), "ab");
        let mut input = typed("e\u{301}x");
        input.handle(Action::Left);
        input.handle(Action::Left);
        assert_eq!(input.cursor(), 0);
        input.handle(Action::DeleteForward);
        assert_eq!(input.text(), "x");
    }

    #[test]
    fn cursor_is_placed_by_display_width() {
        let mut input = typed("展示会");
        assert_eq!(input.view(20), ("展示会".to_string(), 6));
        input.handle(Action::Left);
        assert_eq!(input.view(20).1, 4);
        let input = typed("وعي العلامة");
        assert_eq!(input.view(40).1, width("وعي العلامة"));
    }

    #[test]
    fn long_text_scrolls_to_keep_the_cursor_visible() {
        let input = typed("abcdefghij展示会");
        let (shown, x) = input.view(6);
        assert!(width(&shown) <= 6);
        assert!(shown.ends_with('会'), "{shown}");
        assert_eq!(x, width(&shown).min(5));
    }

    #[test]
    fn control_characters_are_never_inserted() {
        let mut input = TextInput::new("a\u{1b}b");
        assert_eq!(input.text(), "ab");
        input.insert_str("\u{202e}x\ny");
        assert_eq!(input.text(), "abx y");
    }

    #[test]
    fn line_breaks_become_spaces_never_glue() {
        assert_eq!(TextInput::new("provider.\nNational").text(), "provider. National");
        let mut input = TextInput::default();
        input.insert_str("line one\rline two\r\nthree");
        assert_eq!(input.text(), "line one line two three");
    }

    #[test]
    fn readline_word_keys() {
        let mut input = typed("search ads  for café");
        input.handle(Action::DeleteWordBack);
        assert_eq!(input.text(), "search ads  for ");
        input.handle(Action::DeleteWordBack);
        assert_eq!(input.text(), "search ads  ");
        input.handle(Action::WordLeft);
        assert_eq!(input.cursor(), "search ".len());
        input.handle(Action::WordLeft);
        assert_eq!(input.cursor(), 0);
        input.handle(Action::WordRight);
        assert_eq!(input.cursor(), "search".len());
        input.handle(Action::DeleteToEnd);
        assert_eq!(input.text(), "search");
        input.handle(Action::Left);
        input.handle(Action::DeleteToStart);
        assert_eq!((input.text(), input.cursor()), ("h", 0));
        let mut arabic = typed("خدمة العملاء");
        arabic.handle(Action::DeleteWordBack);
        assert_eq!(arabic.text(), "خدمة ");
    }
}
