//! Text that comes from map files, made safe and measured for terminals.
//!
//! Map files are written by other people, so their text may hold escape
//! sequences (colour, cursor moves, OSC 52 clipboard writes) or bidi overrides.
//! Nothing from a map reaches a terminal without passing [`sanitize`], and
//! widths are measured in terminal cells, never bytes or chars, so Arabic, CJK
//! and emoji line up.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthChar;

pub mod bidi;
pub mod out;

/// Bidi embedding, override and isolate controls: they can reorder what a
/// reader sees (the "trojan source" trick).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters a map's text may not hold. Multi-line fields may hold line
/// breaks and tabs; nothing may hold other C0/C1 controls, DEL or bidi controls.
pub fn forbidden_char(c: char, multiline: bool) -> bool {
    if multiline && matches!(c, '\n' | '\t') {
        return false;
    }
    c.is_control() || is_bidi_control(c)
}

/// Line breaks as the map stores them: a CRLF pair or a lone CR (what most
/// terminals send for Enter in a paste, and what old Mac files hold) becomes
/// one LF, so pasted lines stay apart instead of being glued together.
pub fn normalize_line_breaks(s: &str) -> Cow<'_, str> {
    if !s.contains('\r') {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.replace("\r\n", "\n").replace('\r', "\n"))
}

/// Text safe to print on one terminal line: control characters (escape
/// included) become `�`, line breaks and tabs become spaces, bidi controls
/// are dropped.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if printable_ascii(s) || no_control_bytes(s, false) || !s.chars().any(|c| c.is_control() || is_bidi_control(c)) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .filter(|&c| !is_bidi_control(c))
            .map(|c| match c {
                '\n' | '\t' | '\r' => ' ',
                c if c.is_control() => '\u{FFFD}',
                c => c,
            })
            .collect(),
    )
}

/// Like [`sanitize`] but keeps line breaks, for multi-line text.
pub fn sanitize_multiline(s: &str) -> Cow<'_, str> {
    // Printable ASCII and line breaks hold nothing to replace; the bytes are
    // checked much faster than the characters.
    if no_control_bytes(s, true) || !s.chars().any(|c| (c.is_control() && c != '\n') || is_bidi_control(c)) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .filter(|&c| !is_bidi_control(c) && c != '\r')
            .map(|c| match c {
                '\t' => ' ',
                '\n' => '\n',
                c if c.is_control() => '\u{FFFD}',
                c => c,
            })
            .collect(),
    )
}

/// Whether `s` holds no control character (C0, DEL, C1; a line break
/// allowed when `line_breaks`) and no bidi control, told by its bytes alone:
/// a C1 control is encoded after the byte C2, a bidi control after E2,
/// and neither byte is in plain text of most scripts (Latin-1 letters are
/// C3, Arabic D8 to DB, CJK E3 to E9). `false` may still be clean text.
fn no_control_bytes(s: &str, line_breaks: bool) -> bool {
    let clean = |b: u8| (b >= 0x20 && !matches!(b, 0x7f | 0xc2 | 0xe2)) || (line_breaks && b == b'\n');
    // Eight bytes at a time: a word with no byte below 0x20 and none of
    // 0x7f, 0xc2, 0xe2 is clean; any other word is looked at byte by byte
    // (a line break is a byte below 0x20).
    all_words(
        s.as_bytes(),
        |word| {
            !(any_byte_below(word, 0x20)
                || any_byte_is(word, 0x7f)
                || any_byte_is(word, 0xc2)
                || any_byte_is(word, 0xe2))
        },
        clean,
    )
}

/// Whether every byte is printable ASCII (space to `~`): then every byte
/// is one grapheme one cell wide, and the Unicode tables can be skipped.
pub(crate) fn printable_ascii(s: &str) -> bool {
    all_words(
        s.as_bytes(),
        |word| word & HIGH_BITS == 0 && !any_byte_below(word, 0x20) && !any_byte_is(word, 0x7f),
        |b| (0x20..0x7f).contains(&b),
    )
}

/// The byte 0x01 in each of a word's eight bytes.
const LOW_BITS: u64 = u64::from_ne_bytes([0x01; 8]);
/// The top bit of each of a word's eight bytes.
const HIGH_BITS: u64 = u64::from_ne_bytes([0x80; 8]);

/// Whether any of the eight bytes of `word` is below `n` (at most 0x80):
/// exact for the word as a whole, whichever byte it is.
fn any_byte_below(word: u64, n: u8) -> bool {
    word.wrapping_sub(LOW_BITS * u64::from(n)) & !word & HIGH_BITS != 0
}

/// Whether any of the eight bytes of `word` is `b`.
fn any_byte_is(word: u64, b: u8) -> bool {
    any_byte_below(word ^ (LOW_BITS * u64::from(b)), 1)
}

/// Whether every byte of `bytes` passes `byte`, eight at a time through
/// `word` where it can: `word` true means all eight pass, false that
/// they are looked at one by one.
fn all_words(bytes: &[u8], word: impl Fn(u64) -> bool, byte: impl Fn(u8) -> bool) -> bool {
    let mut words = bytes.chunks_exact(8);
    let whole = words.by_ref().all(|chunk| {
        let mut eight = [0; 8];
        eight.copy_from_slice(chunk);
        word(u64::from_ne_bytes(eight)) || eight.iter().all(|&b| byte(b))
    });
    whole && words.remainder().iter().all(|&b| byte(b))
}

/// Width of `s` in terminal cells: the sum of the widths of its code points,
/// as a terminal that places one code point per cell counts them (tmux,
/// xterm, Windows Terminal, glibc's `wcswidth`). Combining marks, joiners and
/// selectors take no cell; a wide (East Asian or emoji) character takes two.
///
/// This is never the whole-string rule of `unicode-width`, which counts the
/// Arabic lam-alef pair as one cell although such terminals draw two. For
/// text passed through [`unambiguous`] it is also the number of cells
/// ratatui's buffer gives it (one grapheme per cell, each as wide as
/// `unicode-width` says), so the workbench, the terminal and this function
/// agree on where every cell is.
pub fn width(s: &str) -> usize {
    if printable_ascii(s) {
        s.len()
    } else {
        s.chars().map(char_width).sum()
    }
}

/// Cells one code point takes in a wcwidth terminal: control characters
/// none (they never reach the screen; [`sanitize`] replaces them).
fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// Variation selectors 15 and 16 (text and emoji presentation).
const TEXT_STYLE: char = '\u{FE0E}';
const EMOJI_STYLE: char = '\u{FE0F}';
const ZERO_WIDTH_JOINER: char = '\u{200D}';

fn is_regional_indicator(c: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

fn is_skin_tone(c: char) -> bool {
    ('\u{1F3FB}'..='\u{1F3FF}').contains(&c)
}

/// Tag characters (the letters of subdivision flags such as England's).
fn is_tag(c: char) -> bool {
    ('\u{E0020}'..='\u{E007F}').contains(&c)
}

/// Code points that make a grapheme whose width terminals disagree on.
fn is_ambiguous_part(c: char) -> bool {
    matches!(c, TEXT_STYLE | EMOJI_STYLE | ZERO_WIDTH_JOINER)
        || is_regional_indicator(c)
        || is_skin_tone(c)
        || is_tag(c)
}

/// `s` with every grapheme that terminals draw at different widths replaced
/// by one they all draw alike, so that no stale half-cell is left after a
/// redraw and columns after it stay where they are:
///
/// - a flag (a pair of regional indicators, 🇦🇪) becomes its two letters
///   (`AE`): some terminals draw one wide flag, others two boxed letters,
///   and a half-overwritten flag leaves half a flag on screen;
/// - an emoji ZWJ sequence (👨‍👩‍👧) becomes its first emoji: tmux draws it
///   in two cells, xterm in six;
/// - skin-tone modifiers, tag letters and the presentation selectors
///   (🗓️ is U+1F5D3 U+FE0F) are dropped: tmux draws 🗓️ in one cell while
///   ratatui and some emulators reserve two;
/// - any other zero-width joiner is dropped: tmux draws the character after
///   a joiner in the joiner's cell, whatever it is (an Arabic letter too),
///   where every other measure gives it a cell of its own.
///
/// Combining marks, Arabic and Hebrew letters, CJK and single-code-point
/// emoji are left alone: every terminal agrees on them.
pub fn unambiguous(s: &str) -> Cow<'_, str> {
    if printable_ascii(s) || !may_be_ambiguous(s) || !s.chars().any(is_ambiguous_part) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for g in s.graphemes(true) {
        if !g.chars().any(is_ambiguous_part) {
            out.push_str(g);
            continue;
        }
        if g.chars().any(is_regional_indicator) {
            for c in g.chars() {
                if is_regional_indicator(c) {
                    let letter = u32::from('A') + (u32::from(c) - 0x1F1E6);
                    out.extend(char::from_u32(letter));
                } else if char_width(c) == 0 {
                    continue;
                } else {
                    out.push(c);
                }
            }
            continue;
        }
        let mut chars = g.chars().peekable();
        let mut first = true;
        while let Some(c) = chars.next() {
            if c == ZERO_WIDTH_JOINER {
                // Inside a grapheme a joiner is followed only by what it
                // joins into an emoji sequence: keep the first emoji.
                if chars.peek().is_some() {
                    break;
                }
            } else if !(matches!(c, TEXT_STYLE | EMOJI_STYLE) || is_tag(c) || (is_skin_tone(c) && !first)) {
                out.push(c);
            }
            first = false;
        }
    }
    if out == s { Cow::Borrowed(s) } else { Cow::Owned(out) }
}

/// Whether `s` may hold a code point [`unambiguous`] replaces, told by
/// its bytes: each is encoded after the byte E2 (the joiner), EF (the
/// selectors), F0 (flags' letters, skin tones) or F3 (tags), and CJK,
/// Arabic or Korean text holds none of them.
fn may_be_ambiguous(s: &str) -> bool {
    s.bytes().any(|b| matches!(b, 0xe2 | 0xef | 0xf0 | 0xf3))
}

/// The longest prefix of `s` (whole graphemes) that fits in `max` cells,
/// ending with `…` when something was cut.
pub fn truncate(s: &str, max: usize) -> Cow<'_, str> {
    if width(s) <= max {
        return Cow::Borrowed(s);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = width(g);
        if used + w > max - 1 {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push('…');
    Cow::Owned(out)
}

/// `s` padded with spaces to exactly `cells` wide (truncated if longer).
pub fn pad(s: &str, cells: usize) -> String {
    let cut = truncate(s, cells);
    let w = width(&cut);
    let mut out = String::with_capacity(cut.len() + cells.saturating_sub(w));
    out.push_str(&cut);
    out.extend(std::iter::repeat_n(' ', cells.saturating_sub(w)));
    out
}

/// Where wrapped text may break a line, and how a word wider than the line
/// is broken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rules {
    /// At spaces only; a word wider than the line is cut between graphemes
    /// without a mark (the workbench's panes).
    Spaces,
    /// At Unicode line-break opportunities (UAX #14): spaces, after a hyphen
    /// between letters, between CJK characters, never before a closing
    /// bracket or a full stop. A word wider than the line is the only thing
    /// broken inside, and each piece but the last ends in `-` so that the
    /// reader sees the word goes on.
    Words,
    /// As `Words`, but a word wider than the line is cut to the line with
    /// `…` instead of broken: for names, where a broken word reads as two.
    WholeWords,
}

/// Breaks `s` into lines of at most `max` cells, at spaces where possible and
/// inside words only when a word alone is too wide. Never returns no lines.
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    wrap_borrowed(s, max).into_iter().map(Cow::into_owned).collect()
}

/// [`wrap`], borrowing each line that stands in `s` as it is (words with
/// single spaces between them, or a piece of a long word), so that wrapping
/// costs no allocation per line.
pub fn wrap_borrowed(s: &str, max: usize) -> Vec<Cow<'_, str>> {
    wrap_with(s, max, Rules::Spaces)
}

/// Wrapping for documents (reports, the matrix grid): lines break between
/// words as Unicode defines them (spaces, after hyphens, between CJK
/// characters), and a word wider than `max` cells is broken with a `-` at
/// the end of each piece but the last. Lines that stand in `s` as they are
/// are borrowed. `usize::MAX` wraps nothing. Never returns no lines.
pub fn wrap_words(s: &str, max: usize) -> Vec<Cow<'_, str>> {
    wrap_with(s, max, Rules::Words)
}

/// [`wrap_words`] that never breaks a word: one wider than `max` cells is
/// cut to `max` with a `…` (labels in a grid, where "Retarg-eting" reads
/// worse than "Retargeti…").
pub fn wrap_whole_words(s: &str, max: usize) -> Vec<Cow<'_, str>> {
    wrap_with(s, max, Rules::WholeWords)
}

/// Calls `each` with the width in cells of every piece of `s` that
/// [`wrap_words`] keeps whole: a column as wide as the widest breaks no word.
pub fn word_widths(s: &str, mut each: impl FnMut(usize)) {
    for paragraph in s.split('\n') {
        for_each_word(paragraph, Rules::Words, |_, word, _| each(width(word)));
    }
}

/// Calls `found(offset, word, after_space)` for each word of `paragraph`
/// (a line-break opportunity to the next, spaces around left out).
fn for_each_word<'p>(paragraph: &'p str, rules: Rules, mut found: impl FnMut(usize, &'p str, bool)) {
    match rules {
        Rules::Spaces => {
            let mut at = 0;
            for word in paragraph.split(' ') {
                let start = at;
                at += word.len() + 1;
                if !word.is_empty() {
                    found(start, word, true);
                }
            }
        }
        Rules::Words | Rules::WholeWords => {
            // Spaces between two ASCII letters or digits always end a word
            // (UAX #14: LB18, and nothing before them carries over them, as
            // an opening bracket or a quote would), and what follows starts
            // as at the beginning of a paragraph: the pieces between such
            // spaces are looked at one by one, most of them by their spaces
            // alone.
            let bytes = paragraph.as_bytes();
            let (mut piece_start, mut at) = (0, 0);
            while at < bytes.len() {
                if bytes[at] != b' ' || at == 0 || !bytes[at - 1].is_ascii_alphanumeric() {
                    at += 1;
                    continue;
                }
                let mut next = at;
                while next < bytes.len() && bytes[next] == b' ' {
                    next += 1;
                }
                if next < bytes.len() && bytes[next].is_ascii_alphanumeric() {
                    words_of_piece(paragraph, piece_start..at, &mut found);
                    piece_start = next;
                }
                at = next;
            }
            words_of_piece(paragraph, piece_start..bytes.len(), &mut found);
        }
    }
}

/// [`for_each_word`] of the `Words` rules in `paragraph[range]`, a piece
/// that starts the paragraph or follows spaces after a letter or digit.
fn words_of_piece<'p>(paragraph: &'p str, range: std::ops::Range<usize>, found: &mut impl FnMut(usize, &'p str, bool)) {
    let start = range.start;
    let piece = &paragraph[range];
    // The first word of a later piece follows the spaces before it.
    let mut spaced = start > 0;
    let mut each = |at: usize, word: &'p str, after_space: bool| {
        found(start + at, word, after_space || spaced);
        spaced = false;
    };
    if parted_by_spaces_alone(piece) {
        let mut at = 0;
        for word in piece.split(' ') {
            if !word.is_empty() {
                each(at, word, at > 0);
            }
            at += word.len() + 1;
        }
    } else {
        uax14_words(piece, each);
    }
}

/// Whether UAX #14 breaks `paragraph` only after its spaces: it holds
/// ASCII letters, digits, quotes, `,` `.` `:` `;`, brackets `( ) [ ]` and
/// spaces, and no space comes right before one of `,.:;)]` or right after
/// `(` or `[`. Letters, digits and quotes never break among themselves
/// (LB19, LB23, LB25, LB28), nor before `,.:;)]` (LB13, even after a
/// space), after `(` `[` (LB14, even before spaces), before `(` `[` after a
/// letter or digit or after `)` `]` before one (LB30), or after one of
/// `,.:;` before a letter or digit (LB25, LB29); nothing breaks before a
/// space (LB7), after one it does (LB18). Where UAX #14 would break with
/// no space (`)(`, `.(`) or not after one (a quote, spaces, then `(`:
/// LB15), the paragraph is not taken.
fn parted_by_spaces_alone(paragraph: &str) -> bool {
    let (mut before, mut last_seen) = (b'a', b'a');
    paragraph.bytes().all(|b| {
        let fine = match b {
            b' ' => !matches!(before, b'(' | b'['),
            b',' | b'.' | b':' | b';' | b')' | b']' => before != b' ',
            b'(' | b'[' => {
                !matches!(before, b')' | b']' | b',' | b'.' | b':' | b';') && !matches!(last_seen, b'\'' | b'"')
            }
            b'\'' | b'"' => true,
            b => b.is_ascii_alphanumeric(),
        };
        before = b;
        if b != b' ' {
            last_seen = b;
        }
        fine
    })
}

/// [`for_each_word`] of the `Words` rules, at every UAX #14 opportunity.
fn uax14_words<'p>(paragraph: &'p str, mut found: impl FnMut(usize, &'p str, bool)) {
    let (mut start, mut after_space) = (0, false);
    for (end, _) in unicode_linebreak::linebreaks(paragraph) {
        // A no-break space glues what is around it, even after a
        // hyphen, where UAX #14 would break (a `-\u{a0}` bullet).
        if paragraph[end..].starts_with(['\u{a0}', '\u{202f}', '\u{2007}']) {
            continue;
        }
        // Spaces stay with the word before them (no break before a space).
        let segment = &paragraph[start..end];
        let word = segment.trim_end_matches(' ');
        if !word.is_empty() {
            found(start, word, after_space);
        }
        after_space = word.len() < segment.len() || (word.is_empty() && after_space);
        start = end;
    }
}

fn wrap_with(s: &str, max: usize, rules: Rules) -> Vec<Cow<'_, str>> {
    let mut lines = Vec::new();
    wrap_each(s, max, rules, &mut |line| lines.push(line));
    lines
}

/// [`wrap_words`], each line handed to `each` as it is made rather than
/// gathered: for text written out at once.
pub fn wrap_words_each<'s>(s: &'s str, max: usize, mut each: impl FnMut(Cow<'s, str>)) {
    wrap_each(s, max, Rules::Words, &mut each);
}

fn wrap_each<'s>(s: &'s str, max: usize, rules: Rules, each: &mut impl FnMut(Cow<'s, str>)) {
    let max = max.max(1);
    for paragraph in s.split('\n') {
        if fits_as_it_stands(paragraph, max) {
            each(Cow::Borrowed(paragraph));
        } else {
            wrap_paragraph(paragraph, max, rules, each);
        }
    }
}

/// Whether `s` is printable ASCII that [`wrap_words`] to `max` cells gives
/// back whole as its one line: text that needs neither [`sanitize_multiline`]
/// nor wrapping, told in two passes over its bytes.
pub fn stands_as_one_line(s: &str, max: usize) -> bool {
    s.len() <= max.max(1) && printable_ascii(s) && fits_as_it_stands(s, max.max(1))
}

/// Whether wrapping `paragraph` to `max` cells gives it back as one line,
/// found without looking for its words: it fits, and its spaces are what a
/// line puts between words (single, none at either end). Widths add up, so
/// each word then fits after the one before.
fn fits_as_it_stands(paragraph: &str, max: usize) -> bool {
    !paragraph.starts_with(' ')
        && !paragraph.ends_with(' ')
        && (paragraph.len() <= max || width_at_most(paragraph, max))
        && !has_double_space(paragraph.as_bytes())
}

/// Whether two spaces stand side by side in `bytes`, looked for eight
/// bytes at a time (each load one byte past the last, so that no pair
/// falls between two).
fn has_double_space(bytes: &[u8]) -> bool {
    const SPACES: u64 = u64::from_ne_bytes([b' '; 8]);
    const LOW_SEVEN: u64 = u64::from_ne_bytes([0x7f; 8]);
    let mut at = 0;
    while at + 8 <= bytes.len() {
        let mut eight = [0; 8];
        eight.copy_from_slice(&bytes[at..at + 8]);
        let v = u64::from_le_bytes(eight) ^ SPACES;
        // The top bit of each byte that was a space, exactly.
        let spaces = !(((v & LOW_SEVEN).wrapping_add(LOW_SEVEN)) | v | LOW_SEVEN);
        if spaces & (spaces >> 8) != 0 {
            return true;
        }
        at += 7;
    }
    bytes[at..].windows(2).any(|pair| pair == b"  ")
}

/// Whether `s` is at most `max` cells wide ([`width`]), found without
/// measuring more of it than `max` cells and one more character.
fn width_at_most(s: &str, max: usize) -> bool {
    let mut cells = 0;
    s.chars().all(|c| {
        cells += if (' '..='~').contains(&c) { 1 } else { char_width(c) };
        cells <= max
    })
}

/// Wraps one paragraph (no line breaks) into `lines`.
fn wrap_paragraph<'p>(paragraph: &'p str, max: usize, rules: Rules, lines: &mut impl FnMut(Cow<'p, str>)) {
    let mut line = Line::new(paragraph);
    // A paragraph UAX #14 breaks only after its spaces is parted at them
    // as by the `Spaces` rules (whose first word's "after a space" never
    // counts, as it starts the line), each of its words as many cells wide
    // as it has bytes.
    let simple = rules != Rules::Spaces && parted_by_spaces_alone(paragraph);
    let words_by = if simple { Rules::Spaces } else { rules };
    for_each_word(paragraph, words_by, |start, word, after_space| {
        let word_width = if simple { word.len() } else { width(word) };
        let gap = usize::from(after_space && !line.is_empty());
        if line.width + gap + word_width <= max {
            line.push(start, word.len(), word_width, gap == 1);
            return;
        }
        if !line.is_empty() {
            lines(line.take());
        }
        if word_width <= max {
            line.push(start, word.len(), word_width, false);
            return;
        }
        if rules == Rules::WholeWords {
            lines(truncate(word, max));
            return;
        }
        // A word wider than the line is split between graphemes; the
        // last piece starts the next line.
        let mark = usize::from(rules == Rules::Words);
        let (mut piece_start, mut piece_width) = (0, 0);
        let graphemes: Box<dyn Iterator<Item = (usize, &str)>> = if printable_ascii(word) {
            // One byte, one grapheme, one cell.
            Box::new((0..word.len()).map(|at| (at, &word[at..=at])))
        } else {
            Box::new(word.grapheme_indices(true))
        };
        for (offset, g) in graphemes {
            let w = width(g);
            if piece_width > 0 && piece_width + w + mark > max {
                let piece = &paragraph[start + piece_start..start + offset];
                // A line one cell wide has no room for the mark.
                lines(if mark == 1 && piece_width < max {
                    Cow::Owned(format!("{piece}-"))
                } else {
                    Cow::Borrowed(piece)
                });
                (piece_start, piece_width) = (offset, 0);
            }
            piece_width += w;
        }
        line.push(start + piece_start, word.len() - piece_start, piece_width, false);
    });
    lines(line.take());
}

/// A line being filled by [`wrap_with`]: a range of the paragraph while
/// what it holds stands there as it is, a copy once it does not.
struct Line<'a> {
    paragraph: &'a str,
    start: usize,
    end: usize,
    copy: Option<String>,
    width: usize,
}

impl<'a> Line<'a> {
    fn new(paragraph: &'a str) -> Self {
        Self {
            paragraph,
            start: 0,
            end: 0,
            copy: None,
            width: 0,
        }
    }

    fn is_empty(&self) -> bool {
        self.copy.is_none() && self.start == self.end
    }

    /// Appends `paragraph[at..at + len]`, `width` cells wide, after a space if `spaced`.
    fn push(&mut self, at: usize, len: usize, width: usize, spaced: bool) {
        self.width += width + usize::from(spaced);
        if self.is_empty() {
            (self.start, self.end) = (at, at + len);
            return;
        }
        // Still a slice when the text between is exactly what is inserted.
        if self.copy.is_none() && at == self.end + usize::from(spaced) {
            self.end = at + len;
            return;
        }
        let copy = self
            .copy
            .get_or_insert_with(|| self.paragraph[self.start..self.end].to_string());
        if spaced {
            copy.push(' ');
        }
        copy.push_str(&self.paragraph[at..at + len]);
    }

    fn take(&mut self) -> Cow<'a, str> {
        let line = match self.copy.take() {
            Some(copy) => Cow::Owned(copy),
            None => Cow::Borrowed(&self.paragraph[self.start..self.end]),
        };
        (self.start, self.end, self.width) = (0, 0, 0);
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two spaces side by side are found wherever they stand, and only there.
    #[test]
    fn double_spaces_are_found_anywhere() {
        for len in 0..40 {
            for first in 0..len {
                for second in first + 1..len {
                    let mut bytes = vec![b'x'; len];
                    bytes[first] = b' ';
                    bytes[second] = b' ';
                    assert_eq!(has_double_space(&bytes), second == first + 1, "{len} {first} {second}");
                }
            }
            assert!(!has_double_space(&vec![b'x'; len]));
        }
        // Bytes that differ from a space in one bit only are not spaces.
        for b in 0..=255u8 {
            let bytes = [b'a', b' ', b, b'a', b'a', b'a', b'a', b'a', b'a', b' ', b];
            assert_eq!(has_double_space(&bytes), b == b' ', "{b:#x}");
        }
    }

    /// Measuring stops early and answers as the whole width would.
    #[test]
    fn width_at_most_agrees_with_the_whole_width() {
        let texts = [
            "",
            "plain words",
            "Café ☕ 展示会 🚀 تسوق",
            "e\u{301}\u{301} combining",
            "tab\tand\u{1b} escape",
            "👩\u{200d}💻 family",
        ];
        for text in texts {
            for max in 0..=width(text) + 2 {
                assert_eq!(width_at_most(text, max), width(text) <= max, "{text:?} {max}");
            }
        }
    }

    /// The checks eight bytes at a time answer as byte by byte, for every
    /// byte value at every place in a word and in the bytes after the
    /// last whole word.
    #[test]
    fn byte_checks_by_words_agree_with_byte_by_byte() {
        let by_bytes = |bytes: &[u8], line_breaks: bool| {
            bytes
                .iter()
                .all(|&b| (b >= 0x20 && !matches!(b, 0x7f | 0xc2 | 0xe2)) || (line_breaks && b == b'\n'))
        };
        let ascii_by_bytes = |bytes: &[u8]| bytes.iter().all(|b| (0x20..0x7f).contains(b));
        for len in [1, 7, 8, 9, 15, 16, 17, 24] {
            for at in 0..len {
                for b in 0..=255u8 {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = b;
                    // `str` is needed for the real functions; these bytes
                    // stand for themselves in the word checks below.
                    let word_clean = |line_breaks| {
                        all_words(
                            &bytes,
                            |word| {
                                !(any_byte_below(word, 0x20)
                                    || any_byte_is(word, 0x7f)
                                    || any_byte_is(word, 0xc2)
                                    || any_byte_is(word, 0xe2))
                            },
                            |b| (b >= 0x20 && !matches!(b, 0x7f | 0xc2 | 0xe2)) || (line_breaks && b == b'\n'),
                        )
                    };
                    assert_eq!(word_clean(false), by_bytes(&bytes, false), "{len} {at} {b:#x}");
                    assert_eq!(word_clean(true), by_bytes(&bytes, true), "{len} {at} {b:#x}");
                    if let Ok(text) = std::str::from_utf8(&bytes) {
                        assert_eq!(printable_ascii(text), ascii_by_bytes(&bytes), "{len} {at} {b:#x}");
                        assert_eq!(
                            no_control_bytes(text, true),
                            by_bytes(&bytes, true),
                            "{len} {at} {b:#x}"
                        );
                        assert_eq!(
                            no_control_bytes(text, false),
                            by_bytes(&bytes, false),
                            "{len} {at} {b:#x}"
                        );
                    }
                }
            }
        }
        for text in [
            "Café — “quoted” ☕ 展示会",
            "tab\there",
            "line\nbreak",
            "\u{202e}bidi",
            "\u{85}",
            "",
        ] {
            assert_eq!(printable_ascii(text), ascii_by_bytes(text.as_bytes()), "{text:?}");
            for line_breaks in [false, true] {
                assert_eq!(
                    no_control_bytes(text, line_breaks),
                    by_bytes(text.as_bytes(), line_breaks),
                    "{text:?}"
                );
            }
        }
    }

    /// Words of letters, digits, quotes, separators and spaces are found by
    /// the spaces alone exactly where UAX #14 finds them, with the same
    /// offsets and spacing.
    #[test]
    fn words_of_letters_and_digits_are_those_uax14_finds() {
        let pieces = [
            "a", "Zed", "0", "42", " ", "  ", "x9", ",", ".", ":", ";", "'", "\"", "e.g.", "3.5", "(", ")", "[", "]",
        ];
        let mut state = 11u64;
        let mut next = move || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as usize
        };
        let mut taken = 0;
        for _ in 0..50_000 {
            let count = next() % 9;
            let paragraph: String = (0..count).map(|_| pieces[next() % pieces.len()]).collect();
            if !parted_by_spaces_alone(&paragraph) {
                continue;
            }
            taken += 1;
            let mut quick = Vec::new();
            for_each_word(&paragraph, Rules::Words, |at, word, spaced| {
                quick.push((at, word, spaced))
            });
            let mut full = Vec::new();
            uax14_words(&paragraph, |at, word, spaced| full.push((at, word, spaced)));
            assert_eq!(quick, full, "{paragraph:?}");
        }
        assert!(taken > 20_000, "only {taken} paragraphs were parted by spaces alone");
    }

    /// A paragraph parted by spaces alone has the words splitting it at its
    /// spaces gives (what wrapping it takes as its words): those UAX #14
    /// finds, at the same offsets, each after a space but the first.
    #[test]
    fn paragraphs_parted_by_spaces_alone_are_split_at_their_spaces() {
        let pieces = [
            "a",
            "Zed",
            "0",
            "42",
            " ",
            "  ",
            ",",
            ".",
            ":",
            ";",
            "'",
            "\"",
            "(",
            ")",
            "[",
            "]",
            "+1",
            "-",
            "展示会",
            "🚀",
        ];
        let mut next = random_numbers(23);
        let mut taken = 0;
        for _ in 0..100_000 {
            let count = next() % 10;
            let paragraph: String = (0..count).map(|_| pieces[next() % pieces.len()]).collect();
            if !parted_by_spaces_alone(&paragraph) {
                continue;
            }
            taken += 1;
            let mut split = Vec::new();
            for_each_word(&paragraph, Rules::Spaces, |at, word, _| split.push((at, word, at > 0)));
            let mut full = Vec::new();
            uax14_words(&paragraph, |at, word, spaced| full.push((at, word, spaced)));
            assert_eq!(split, full, "{paragraph:?}");
        }
        assert!(taken > 20_000, "only {taken} paragraphs were parted by spaces alone");
    }

    /// Words found piece by piece, between spaces after letters or digits,
    /// are those UAX #14 finds in the whole paragraph, whatever it holds.
    #[test]
    fn words_found_piece_by_piece_are_those_uax14_finds() {
        let pieces = [
            "a",
            "Zed",
            "42",
            " ",
            "  ",
            "[",
            "]",
            "(",
            ")",
            "+1",
            "-",
            "—",
            "'",
            "\"",
            ",",
            ".",
            "!",
            "?",
            "/",
            "%",
            "$",
            "展示会",
            "مرحبا",
            "🚀",
            "\u{a0}",
            "\u{301}",
            "\u{200d}",
            "e.g.",
            "“",
            "”",
            ":",
            ";",
            "#",
            "&",
            "_",
            "\u{3000}",
            "ﾃ",
            "x-ray",
        ];
        let mut next = random_numbers(5);
        for _ in 0..100_000 {
            let count = next() % 12;
            let paragraph: String = (0..count).map(|_| pieces[next() % pieces.len()]).collect();
            let mut pieced = Vec::new();
            for_each_word(&paragraph, Rules::Words, |at, word, spaced| {
                pieced.push((at, word, spaced))
            });
            let mut full = Vec::new();
            uax14_words(&paragraph, |at, word, spaced| full.push((at, word, spaced)));
            assert_eq!(pieced, full, "{paragraph:?}");
        }
    }

    /// A small linear congruential generator: the same numbers on every
    /// run, for tests that try many generated paragraphs.
    fn random_numbers(seed: u64) -> impl FnMut() -> usize {
        let mut state = seed;
        move || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as usize
        }
    }

    /// Text told clean by its bytes is what looking at every character
    /// finds: sanitizing and making graphemes unambiguous give the same
    /// text as character by character, on text made of every kind of
    /// character that is replaced or kept (and the bytes they share).
    #[test]
    fn bytes_tell_clean_text_as_characters_do() {
        let pieces = [
            "a",
            " ",
            "\n",
            "\t",
            "\r",
            "\u{1b}",
            "\u{7f}",
            "\u{80}",
            "\u{9b}",
            "\u{9f}",
            "\u{a0}",
            "é",
            "\u{202a}",
            "\u{202e}",
            "\u{2066}",
            "\u{2069}",
            "\u{2013}",
            "\u{2022}",
            "\u{200d}",
            "\u{fe0e}",
            "\u{fe0f}",
            "\u{fb01}",
            "🇦",
            "🇪",
            "🏻",
            "🏿",
            "\u{e0067}",
            "\u{e007f}",
            "🚀",
            "👨",
            "👩",
            "展示会",
            "مرحبا",
            "직원",
        ];
        let sanitized = |s: &str, multiline: bool| -> String {
            s.chars()
                .filter(|&c| !(is_bidi_control(c) || (multiline && c == '\r')))
                .map(|c| match c {
                    '\n' if multiline => '\n',
                    '\n' | '\t' | '\r' => ' ',
                    c if c.is_control() => '\u{FFFD}',
                    c => c,
                })
                .collect()
        };
        let mut next = random_numbers(11);
        let (mut clean, mut plain) = (0, 0);
        for _ in 0..30_000 {
            let count = 1 + next() % 6;
            let text: String = (0..count).map(|_| pieces[next() % pieces.len()]).collect();
            assert_eq!(sanitize(&text), sanitized(&text, false), "{text:?}");
            assert_eq!(sanitize_multiline(&text), sanitized(&text, true), "{text:?}");
            for line_breaks in [false, true] {
                if no_control_bytes(&text, line_breaks) {
                    clean += 1;
                    assert!(
                        !text
                            .chars()
                            .any(|c| forbidden_char(c, line_breaks) || (c == '\t' && line_breaks)),
                        "{text:?}"
                    );
                }
            }
            if text.chars().any(is_ambiguous_part) {
                assert!(may_be_ambiguous(&text), "{text:?}");
            } else {
                assert_eq!(unambiguous(&text), Cow::Borrowed(text.as_str()), "{text:?}");
                plain += usize::from(!may_be_ambiguous(&text));
            }
        }
        assert!(
            clean > 1_000 && plain > 1_000,
            "told by bytes: {clean} clean, {plain} plain"
        );
    }

    /// Every paragraph the shortcut of `wrap_with` takes as one line is
    /// what wrapping it word by word gives, whatever the rules.
    #[test]
    fn a_paragraph_that_fits_as_it_stands_wraps_to_itself() {
        let pieces = [
            "a",
            "word",
            " ",
            "-",
            "well-known",
            "(x)",
            "!",
            ".",
            "展示会",
            "مرحبا",
            "🚀",
            "\u{a0}",
            "3.5",
            "e.g.",
            "\u{2028}",
            "–",
            "“q”",
            "/",
            "$5",
            "50%",
        ];
        let mut next = random_numbers(7);
        let mut taken = 0;
        for _ in 0..20_000 {
            let count = 1 + next() % 8;
            let paragraph: String = (0..count).map(|_| pieces[next() % pieces.len()]).collect();
            for max in [1, 3, 6, 10, 16, 40, usize::MAX] {
                if !fits_as_it_stands(&paragraph, max) {
                    continue;
                }
                taken += 1;
                for rules in [Rules::Spaces, Rules::Words, Rules::WholeWords] {
                    let mut wrapped = Vec::new();
                    wrap_paragraph(&paragraph, max, rules, &mut |line| wrapped.push(line));
                    assert_eq!(
                        wrapped,
                        vec![Cow::Borrowed(paragraph.as_str())],
                        "{paragraph:?} at {max}, {rules:?}"
                    );
                }
            }
        }
        assert!(taken > 10_000, "the shortcut was taken {taken} times");
    }

    #[test]
    fn escape_sequences_never_survive() {
        let evil = "Ads\u{1b}[2J\u{1b}]52;c;ZXZpbA==\u{7} \u{202e}gnp.exe";
        let clean = sanitize(evil);
        assert!(
            !clean.chars().any(|c| c.is_control() || is_bidi_control(c)),
            "{clean:?}"
        );
        assert!(clean.starts_with("Ads\u{FFFD}[2J"));
        assert_eq!(sanitize("plain"), Cow::Borrowed("plain"));
        assert_eq!(sanitize_multiline("a\r\nb\u{1b}"), "a\nb\u{FFFD}");
    }

    #[test]
    fn every_kind_of_line_break_becomes_one_lf() {
        assert_eq!(
            normalize_line_breaks("one\r\ntwo\rthree\nfour"),
            "one\ntwo\nthree\nfour"
        );
        assert_eq!(normalize_line_breaks("a\r\r\nb"), "a\n\nb");
        assert!(matches!(normalize_line_breaks("a\nb"), Cow::Borrowed(_)));
    }

    #[test]
    fn widths_are_terminal_cells() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("展示会"), 6);
        assert_eq!(width("🚀"), 2);
        assert_eq!(width("وعي"), 3);
        // One cell a code point, as wcwidth terminals and ratatui's buffer
        // place them: never the one-cell lam-alef of `unicode-width`.
        assert_eq!(width("إعلانات البحث"), 13);
        assert_eq!(width("لا"), 2);
        assert_eq!(width("e\u{301}"), 1);
    }

    /// The width `unicode-width` gives each grapheme, the one ratatui's
    /// buffer places it at.
    fn buffer_width(s: &str) -> usize {
        s.graphemes(true).map(unicode_width::UnicodeWidthStr::width).sum()
    }

    #[test]
    fn ambiguous_graphemes_become_ones_every_terminal_agrees_on() {
        assert_eq!(unambiguous("🇦🇪 Dubai"), "AE Dubai");
        assert_eq!(unambiguous("👨\u{200D}👩\u{200D}👧 family"), "👨 family");
        assert_eq!(unambiguous("🗓\u{FE0F} plan"), "🗓 plan");
        assert_eq!(unambiguous("👍🏽"), "👍");
        assert_eq!(unambiguous("🏳\u{FE0F}\u{200D}🌈"), "🏳");
        assert_eq!(unambiguous("1\u{FE0F}\u{20E3}"), "1\u{20E3}");
        // tmux would draw the alef in the lam's cell.
        assert_eq!(unambiguous("ل\u{200D}ا"), "لا");
        assert_eq!(
            unambiguous("🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}"),
            "🏴"
        );
        // What every terminal agrees on is left alone, borrowed.
        for s in ["e\u{301}", "العملاء", "展示会", "🚀", "क्ष"] {
            assert!(matches!(unambiguous(s), Cow::Borrowed(_)), "{s}");
        }
        let fixture = "🇦🇪🇯🇵 👨\u{200D}👩\u{200D}👧 🗓\u{FE0F} ❤\u{FE0F} 👍🏽 ⌚\u{FE0E} e\u{301} لا";
        let safe = unambiguous(fixture);
        assert_eq!(width(&safe), buffer_width(&safe), "{safe}");
    }

    #[test]
    fn truncation_respects_wide_graphemes() {
        assert_eq!(truncate("展示会です", 5), "展示…");
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(width(&pad("展示会です", 6)), 6);
        assert_eq!(pad("ab", 4), "ab  ");
    }

    #[test]
    fn wrapping_keeps_every_line_within_width() {
        let lines = wrap("Free how-to articles and videos for 展示会です", 10);
        assert!(lines.iter().all(|l| width(l) <= 10), "{lines:?}");
        assert_eq!(
            lines.concat().replace(' ', ""),
            "Freehow-toarticlesandvideosfor展示会です"
        );
        assert_eq!(wrap("", 5), vec![String::new()]);
        assert_eq!(wrap("  two  spaces ", 20), vec!["two spaces".to_string()]);
        assert_eq!(wrap("abcdefgh ij", 3), vec!["abc", "def", "gh", "ij"]);
        assert_eq!(wrap("a\n\nb", 3), vec!["a", "", "b"]);
        assert!(matches!(wrap_borrowed("fits as is", 10)[0], Cow::Borrowed(_)));
        assert_eq!(wrap("a  b c  d", 3), vec!["a b", "c d"]);
        assert_eq!(wrap("展示会です ab", 5), vec!["展示", "会で", "す ab"]);
        assert_eq!(wrap(" x", 1), vec!["x"]);
    }

    fn words(s: &str, max: usize) -> Vec<String> {
        wrap_words(s, max).into_iter().map(Cow::into_owned).collect()
    }

    #[test]
    fn document_wrapping_breaks_between_words() {
        // A word wider than the line is the only thing broken, with a mark.
        assert_eq!(
            words("Subscribe to the channel", 8),
            vec!["Subscri-", "be to", "the", "channel"]
        );
        assert_eq!(words("Community lead", 9), vec!["Community", "lead"]);
        // After a hyphen between letters, never inside a number range.
        assert_eq!(
            words("Office-manager and coworking", 10),
            vec!["Office-", "manager", "and", "coworking"]
        );
        assert_eq!(words("5-50 staff", 5), vec!["5-50", "staff"]);
        assert_eq!(words("-\u{a0}Barista forum", 9), vec!["-\u{a0}Barista", "forum"]);
        // Between CJK characters, but a full stop never starts a line.
        assert_eq!(words("展示会です。", 4), vec!["展示", "会で", "す。"]);
        assert_eq!(words("إعلانات البحث", 8), vec!["إعلانات", "البحث"]);
        // Spaces collapse as in `wrap`; paragraphs stay apart.
        assert_eq!(words("  a  b\n\nc", 10), vec!["a b", "", "c"]);
        // Too narrow for a mark: graphemes one per line.
        assert_eq!(words("ab", 1), vec!["a", "b"]);
        assert_eq!(words("展示", 1), vec!["展", "示"]);
    }

    #[test]
    fn document_wrapping_stays_within_the_width_and_loses_no_text() {
        let text = "Subscriber-to-customer rate 8% — 展示会ブース @ Tokyo food fair 🎁 Gift box builder";
        for max in 2..40 {
            let lines = words(text, max);
            assert!(lines.iter().all(|l| width(l) <= max), "{max}: {lines:?}");
            let joined: String = lines.iter().map(|l| l.strip_suffix('-').unwrap_or(l)).collect();
            let letters = |s: &str| {
                s.chars()
                    .filter(|c| !c.is_whitespace() && *c != '-')
                    .collect::<String>()
            };
            assert_eq!(letters(&joined), letters(text), "{max}: {lines:?}");
        }
        assert_eq!(words(text, usize::MAX), vec![text.to_string()]);
    }

    #[test]
    fn document_wrapping_borrows_what_stands_in_the_text() {
        let lines = wrap_words("Office-manager and coworking", 10);
        assert!(lines.iter().all(|l| matches!(l, Cow::Borrowed(_))), "{lines:?}");
        assert!(matches!(wrap_words("Subscribe", 5)[0], Cow::Owned(_)));
    }

    #[test]
    fn words_are_measured_in_cells() {
        let widths = |s: &str| {
            let mut found = Vec::new();
            word_widths(s, |w| found.push(w));
            found
        };
        assert_eq!(widths("Subscriber-to-customer rate"), vec![11, 3, 8, 4]);
        assert_eq!(widths("展示会です。"), vec![2, 2, 2, 2, 4]);
        assert_eq!(widths("a\nabc  de"), vec![1, 3, 2]);
        assert!(widths("").is_empty());
    }
}
