//! Lines drawn a row each, cut at the area's right edge: what ratatui's
//! `Paragraph` draws without wrapping or scrolling, cell for cell and style
//! for style, for less. The views fit their lines to their columns before
//! drawing, so a `Paragraph`'s general path (each grapheme looked up in the
//! width tables and copied through a line composer) was most of a frame's
//! cost; a piece of printable ASCII is one cell a byte and needs neither.

use ratatui::buffer::{Buffer, Cell, CellWidth};
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Widget};
use unicode_segmentation::UnicodeSegmentation;

/// Lines, one a row from the top of the area (inside an optional block),
/// each cut where the next character would not fit.
pub struct Rows<'a> {
    lines: Vec<Line<'a>>,
    block: Option<Block<'a>>,
}

impl<'a> Rows<'a> {
    pub fn new(lines: Vec<Line<'a>>) -> Self {
        Rows { lines, block: None }
    }

    /// Draws `block` around the lines.
    pub fn block(self, block: Block<'a>) -> Self {
        Rows {
            block: Some(block),
            ..self
        }
    }
}

impl Widget for Rows<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        // Centred or right-aligned lines are placed as a paragraph places them.
        if self
            .lines
            .iter()
            .any(|line| line.alignment.is_some_and(|a| a != Alignment::Left))
        {
            let paragraph = Paragraph::new(self.lines);
            match self.block {
                Some(block) => paragraph.block(block).render(area, buf),
                None => paragraph.render(area, buf),
            }
            return;
        }
        let area = area.intersection(buf.area);
        let inner = match &self.block {
            Some(block) => {
                block.render(area, buf);
                block.inner(area)
            }
            None => area,
        };
        if inner.is_empty() {
            return;
        }
        for (line, y) in self.lines.iter().zip(inner.top()..inner.bottom()) {
            draw_line(line, inner.x, y, usize::from(inner.width), buf);
        }
    }
}

/// Draws `line` from column `x` of row `y`, at most `room` cells: a
/// grapheme wider than the room is left out, and the line ends at the
/// first one that would cross the edge (as a paragraph's line truncator
/// does); zero-width graphemes and those holding control characters are
/// not drawn.
fn draw_line(line: &Line, x: u16, y: u16, room: usize, buf: &mut Buffer) {
    let base = Style::default().patch(line.style);
    let mut used = 0usize;
    // The cells of the line, `room` of them from column `x`: looked up once
    // (the caller keeps them inside the buffer) rather than per character.
    let start = buf.index_of(x, y);
    let cells = &mut buf.content[start..start + room];
    // Draws one grapheme; false when the line ends before it.
    let put = |grapheme: &str, style: Style, used: &mut usize, cells: &mut [Cell]| -> bool {
        if grapheme.contains(char::is_control) {
            return true;
        }
        let width = usize::from(grapheme.cell_width());
        if width > room {
            return true;
        }
        if *used + width > room {
            return false;
        }
        if width > 0 {
            cells[*used].set_symbol(grapheme).set_style(style);
            *used += width;
        }
        true
    };
    for span in &line.spans {
        let style = base.patch(span.style);
        // A space in a style that changes nothing on an empty cell leaves
        // it as it is (an empty cell is a space, to the buffer's equality,
        // its diff and every backend): most spaces of a frame need no write.
        let blank = {
            let mut probe = Cell::EMPTY;
            probe.set_style(style);
            probe == Cell::EMPTY
        };
        let text = span.content.as_ref();
        let bytes = text.as_bytes();
        // A printable ASCII character followed by another (or by the end of
        // the span) is a grapheme of its own, one cell wide: no look in the
        // segmentation or width tables. Anything else is segmented from
        // there until plain text like that resumes.
        let plain_from =
            |i: usize| bytes.get(i).is_some_and(|&b| plain(b)) && bytes.get(i + 1).is_none_or(|&b| plain(b));
        // The same for a letter or mark that joins nothing (CJK, kana,
        // Arabic letters, accented Latin, quotes and dashes) followed by
        // another such character, by printable ASCII or by the end: its
        // own grapheme, measured and drawn as one, without segmentation.
        let lone_from = |i: usize| -> Option<usize> {
            let mut rest = text.get(i..)?.chars();
            let first = rest.next().filter(|&c| lone(c))?;
            rest.next()
                .is_none_or(|next| lone(next) || (next.is_ascii() && plain(next as u8)))
                .then(|| first.len_utf8())
        };
        let mut i = 0;
        while i < bytes.len() {
            if plain_from(i) {
                // One cell, no control character: what `put` would find.
                if room == 0 {
                    i += 1;
                    continue;
                }
                if used + 1 > room {
                    return;
                }
                let cell = &mut cells[used];
                if !(blank && bytes[i] == b' ' && *cell == Cell::EMPTY) {
                    cell.set_symbol(&text[i..i + 1]).set_style(style);
                }
                used += 1;
                i += 1;
                continue;
            }
            if let Some(len) = lone_from(i) {
                if !put(&text[i..i + len], style, &mut used, cells) {
                    return;
                }
                i += len;
                continue;
            }
            for grapheme in text[i..].graphemes(true) {
                if !put(grapheme, style, &mut used, cells) {
                    return;
                }
                i += grapheme.len();
                if plain_from(i) || lone_from(i).is_some() {
                    break;
                }
            }
        }
    }
}

/// A character that is a grapheme of its own whatever stands before it,
/// and that the character after it joins only if that one is a mark or a
/// joiner (never another character of this kind, nor printable ASCII):
/// not a prepended mark, not a Hangul jamo or syllable, not a regional
/// indicator, not an emoji, nothing that extends what precedes it.
fn lone(c: char) -> bool {
    matches!(c,
        '\u{00C0}'..='\u{024F}'
        | '\u{0621}'..='\u{064A}'
        | '\u{2010}'..='\u{2027}'
        | '\u{3041}'..='\u{3096}'
        | '\u{30A1}'..='\u{30FA}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{FB50}'..='\u{FBB1}'
        | '\u{FE80}'..='\u{FEFC}'
    )
}

/// A byte that is a printable ASCII character.
fn plain(byte: u8) -> bool {
    byte.is_ascii_graphic() || byte == b' '
}

#[cfg(test)]
mod tests {
    use ratatui::style::{Color, Modifier};
    use ratatui::text::Span;
    use ratatui::widgets::Borders;

    use super::*;

    /// Pieces of text of every kind the views draw: ASCII, accents, Arabic
    /// (joined and not), CJK (two cells), emoji sequences, combining and
    /// zero-width marks, control characters that must not be drawn, and
    /// ASCII next to what joins it into one grapheme.
    const PIECES: [&str; 24] = [
        "Send the welcome email",
        " ",
        "",
        "café",
        "قهوة مختصة",
        "لا",
        "コーヒー豆",
        "咖啡",
        "👨‍👩‍👧",
        "🇦🇪",
        "e\u{301}",
        "\u{200b}",
        "a\tb",
        "x\u{7}y",
        "—│─",
        "1️⃣ ok",
        "naïve plan, then e\u{301}te",
        "\u{600}12 plan",
        "ab🇦🇪🇦🇪c🇦d",
        "x\u{200d}y a\u{300}\u{301}b",
        "emoji👍🏽and text\u{feff}!",
        "“قهوة” — か\u{3099}ナ\u{309a} بَيت ﻻ ﺑﺮ",
        "é\u{301}ñ‐–‘’…\u{2028}x",
        "咖\u{200d}啡\u{fe0f}ك\u{651}",
    ];

    const STYLES: [Style; 4] = [
        Style::new(),
        Style::new().fg(Color::Red),
        Style::new().bg(Color::Blue).add_modifier(Modifier::BOLD),
        Style::new().add_modifier(Modifier::REVERSED),
    ];

    /// A repeatable stream of numbers, for the lines below.
    struct Numbers(u64);

    impl Numbers {
        fn next(&mut self, below: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((self.0 >> 33) as usize) % below
        }
    }

    fn lines(numbers: &mut Numbers, count: usize) -> Vec<Line<'static>> {
        (0..count)
            .map(|_| {
                let spans: Vec<Span> = (0..numbers.next(6))
                    .map(|_| Span::styled(PIECES[numbers.next(PIECES.len())], STYLES[numbers.next(STYLES.len())]))
                    .collect();
                let line = Line::from(spans);
                match numbers.next(3) {
                    0 => line.style(STYLES[numbers.next(STYLES.len())]),
                    _ => line,
                }
            })
            .collect()
    }

    #[test]
    fn rows_draw_what_a_paragraph_draws() {
        let mut numbers = Numbers(7);
        for round in 0..400 {
            let (width, height) = (1 + numbers.next(40) as u16, 1 + numbers.next(12) as u16);
            let area = Rect::new(0, 0, width + 2, height + 2);
            let count = numbers.next(16);
            let shown = lines(&mut numbers, count);
            let bordered = round % 2 == 0;
            let mut ours = Buffer::empty(area);
            let mut theirs = Buffer::empty(area);
            let region = Rect::new(1, 1, width, height);
            if bordered {
                Rows::new(shown.clone())
                    .block(Block::new().borders(Borders::ALL).title(" T "))
                    .render(area, &mut ours);
                Paragraph::new(shown.clone())
                    .block(Block::new().borders(Borders::ALL).title(" T "))
                    .render(area, &mut theirs);
            } else {
                Rows::new(shown.clone()).render(region, &mut ours);
                Paragraph::new(shown.clone()).render(region, &mut theirs);
            }
            assert_eq!(ours, theirs, "round {round}: {width}x{height}, lines {shown:?}");
        }
    }

    #[test]
    fn centred_lines_are_placed_as_a_paragraph_places_them() {
        let area = Rect::new(0, 0, 20, 3);
        let shown = vec![Line::from("left"), Line::from("middle").centered()];
        let mut ours = Buffer::empty(area);
        let mut theirs = Buffer::empty(area);
        Rows::new(shown.clone()).render(area, &mut ours);
        Paragraph::new(shown).render(area, &mut theirs);
        assert_eq!(ours, theirs);
    }

    #[test]
    fn a_line_stops_at_the_first_character_that_would_cross_the_edge() {
        let area = Rect::new(0, 0, 5, 1);
        let mut buf = Buffer::empty(area);
        Rows::new(vec![Line::from("abcd咖啡")]).render(area, &mut buf);
        assert_eq!(buf, Buffer::with_lines(["abcd "]));
    }
}
