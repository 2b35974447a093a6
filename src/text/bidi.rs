//! Right-to-left text for terminals that do no bidirectional reordering and
//! no Arabic shaping (tmux, xterm, alacritty, kitty, Windows Terminal).
//!
//! The workbench follows the Terminal Working Group's recommendation for
//! full-screen applications ("BiDi in Terminal Emulators"): it puts the
//! terminal in explicit mode (`CSI 8 l`), where the terminal shows cells
//! exactly as written, and writes each label already in visual order. Each
//! label or cell is its own paragraph, its direction taken from its first
//! strong character; it is
//!
//! 1. cut to its room on the logical text (so a long Arabic name loses its
//!    end, not its beginning),
//! 2. shaped: Arabic and Persian letters become the presentation form that
//!    joins them to their neighbours (`ar-reshaper`), lam-alef becomes its
//!    one-cell ligature,
//! 3. reordered to visual order (`unicode-bidi`), grapheme by grapheme so
//!    marks stay on their letter, with brackets mirrored in right-to-left
//!    runs,
//!
//! and measured as finally drawn. In the workbench a right-to-left label
//! starts where every other label of its column does, on the left, next to
//! its number, bullet or field name: right-aligned, names float away from
//! what they belong to in wide panes. (The command line's grids, whose
//! cells are narrow and bordered, right-align them: see `export::table`.)
//!
//! [`Bidi`] says which of this applies. The mode a frame is drawn in is set
//! for the thread drawing it ([`set_mode`]): it is a property of the
//! terminal that holds for every label of the frame, and the labels are
//! made in many small functions that have no other reason to know it.

use std::borrow::Cow;
use std::cell::Cell;
use std::sync::LazyLock;

use ar_reshaper::ArabicReshaper;
use ar_reshaper::config::ReshaperConfig;
use ar_reshaper::prelude::LigatureNames;
use serde::{Deserialize, Serialize};
use unicode_bidi::{Direction, Level, ParagraphBidiInfo};
use unicode_segmentation::UnicodeSegmentation;

use super::{printable_ascii, sanitize, sanitize_multiline, unambiguous, width, wrap_borrowed};

/// Who puts right-to-left text in visual order: the setting `bidi` of
/// `config.ron`, `--bidi`, `JOURNEYMAP_BIDI`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Bidi {
    /// The application: the terminal is put in explicit mode and sent
    /// labels shaped and in visual order.
    #[default]
    App,
    /// The terminal, which does its own BiDi and shaping (mlterm, VTE,
    /// Konsole): labels are sent in logical order and the terminal left in
    /// its implicit mode.
    Terminal,
    /// Nobody: logical order, unshaped, as the file holds it.
    Off,
}

impl Bidi {
    pub const NAMES: [&'static str; 3] = ["app", "terminal", "off"];

    /// Reads `app`, `terminal` or `off` (any case).
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "app" => Some(Self::App),
            "terminal" => Some(Self::Terminal),
            "off" => Some(Self::Off),
            _ => None,
        }
    }

    /// The mode for a terminal known by its environment, when nothing else
    /// chooses: `Terminal` where the terminal reorders and shapes by itself
    /// in its default (implicit) mode, `App` elsewhere. mlterm does full
    /// BiDi and shaping; VTE (GNOME Terminal, Tilix, from 0.58 in 2019) and
    /// Konsole do too. iTerm2's BiDi is a preference that is off by default,
    /// so it gets `App`.
    pub fn for_terminal(term: Option<&str>, vte_version: Option<&str>, konsole: bool) -> Self {
        let vte = vte_version
            .and_then(|v| v.trim().parse::<u32>().ok())
            .is_some_and(|v| v >= 5800);
        if term.is_some_and(|t| t.starts_with("mlterm")) || vte || konsole {
            Self::Terminal
        } else {
            Self::App
        }
    }

    /// Whether the terminal should be switched to explicit mode while the
    /// workbench runs.
    pub fn explicit_terminal(self) -> bool {
        self != Self::Terminal
    }
}

impl std::fmt::Display for Bidi {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::App => "app",
            Self::Terminal => "terminal",
            Self::Off => "off",
        })
    }
}

/// `CSI 8 l`: explicit BiDi mode, the terminal shows cells as written.
pub const EXPLICIT_MODE: &str = "\u{1b}[8l";
/// `CSI 8 h`: implicit BiDi mode, the terminal's default.
pub const IMPLICIT_MODE: &str = "\u{1b}[8h";

thread_local! {
    static MODE: Cell<Bidi> = const { Cell::new(Bidi::Off) };
}

/// The mode labels are made in on this thread (`Off` until set).
pub fn mode() -> Bidi {
    MODE.with(Cell::get)
}

/// Makes labels in `mode` on this thread until the guard is dropped.
pub fn set_mode(mode: Bidi) -> ModeGuard {
    let before = MODE.with(|m| m.replace(mode));
    ModeGuard { before }
}

/// Puts back the mode that was set before [`set_mode`].
#[must_use = "the mode is put back when this is dropped"]
pub struct ModeGuard {
    before: Bidi,
}

impl Drop for ModeGuard {
    fn drop(&mut self) {
        MODE.with(|m| m.set(self.before));
    }
}

/// Whether `s` holds anything the bidi algorithm would move: a character
/// of a right-to-left script (Hebrew, Arabic, Syriac, Thaana, NKo, ...,
/// their presentation forms and the Arabic mathematical letters), or the
/// right-to-left isolate that carries a wrapped name's direction.
fn has_rtl(s: &str) -> bool {
    s.chars().any(|c| {
        matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}' | '\u{10800}'..='\u{10FFF}' | '\u{1E800}'..='\u{1EFFF}' | RLI)
    })
}

/// Whether `s`, as one paragraph, reads right to left: its first strong
/// character is Hebrew, Arabic or another right-to-left letter.
pub fn is_rtl(s: &str) -> bool {
    has_rtl(s) && unicode_bidi::get_base_direction(s) == Direction::Rtl
}

const LAM: char = '\u{0644}';

/// The alefs that the shaper joins with a lam before them into one
/// ligature (plain, hamza above, hamza below, madda).
fn is_ligature_alef(c: char) -> bool {
    matches!(c, '\u{0627}' | '\u{0623}' | '\u{0625}' | '\u{0622}')
}

/// Marks between letters that neither join nor break joining (harakat).
fn is_transparent(c: char) -> bool {
    c != '\u{200D}' && c != '\u{200C}' && super::char_width(c) == 0
}

static RESHAPER: LazyLock<ArabicReshaper> = LazyLock::new(|| {
    let mut config = ReshaperConfig::default();
    // A whole-word ligature four letters wide in one cell would make the
    // width of a name depend on its spelling in ways truncation cannot
    // foresee; the letter ligatures (lam-alef) are the ones readers need.
    config.update_ligature(LigatureNames::ARABIC_LIGATURE_ALLAH, false);
    ArabicReshaper::new(config)
});

/// Arabic and Persian letters in their joining presentation forms; other
/// text as it is. Harakat (vowel marks) are left out, as terminals cannot
/// place them on presentation forms reliably.
pub fn shape(s: &str) -> Cow<'_, str> {
    if !s
        .chars()
        .any(|c| ('\u{0600}'..='\u{06FF}').contains(&c) || ('\u{0750}'..='\u{077F}').contains(&c))
    {
        return Cow::Borrowed(s);
    }
    Cow::Owned(RESHAPER.reshape(s))
}

/// Cells `s` takes once shaped: each lam-alef pair becomes one ligature
/// one cell wide.
fn shaped_width(s: &str) -> usize {
    width(s) - lam_alef_pairs(s)
}

fn lam_alef_pairs(s: &str) -> usize {
    if !s.contains(LAM) {
        return 0;
    }
    let mut pairs = 0;
    let mut last = None;
    for c in s.chars() {
        if is_transparent(c) {
            continue;
        }
        if last == Some(LAM) && is_ligature_alef(c) {
            pairs += 1;
            // The alef is taken: a lam after it starts a new pair.
            last = None;
            continue;
        }
        last = Some(c);
    }
    pairs
}

/// The mirror image of a bracket or other mirrored punctuation, as drawn
/// in a right-to-left run (Unicode's Bidi_Mirroring_Glyph, its common part).
fn mirrored(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        '‹' => '›',
        '›' => '‹',
        '⁅' => '⁆',
        '⁆' => '⁅',
        '⁽' => '⁾',
        '⁾' => '⁽',
        '₍' => '₎',
        '₎' => '₍',
        '≤' => '≥',
        '≥' => '≤',
        '⟨' => '⟩',
        '⟩' => '⟨',
        '〈' => '〉',
        '〉' => '〈',
        '《' => '》',
        '》' => '《',
        '「' => '」',
        '」' => '「',
        '『' => '』',
        '』' => '『',
        '【' => '】',
        '】' => '【',
        '〔' => '〕',
        '〕' => '〔',
        '（' => '）',
        '）' => '（',
        '［' => '］',
        '］' => '［',
        '｛' => '｝',
        '｝' => '｛',
        '＜' => '＞',
        '＞' => '＜',
        c => c,
    }
}

/// `s` (one paragraph, logical order) in visual order: right-to-left runs
/// reversed grapheme by grapheme, their brackets mirrored. `direction`
/// forces the paragraph's direction (a wrapped line of a longer
/// paragraph); `None` takes it from the first strong character.
fn reorder(s: &str, direction: Option<Level>) -> Cow<'_, str> {
    if !has_rtl(s) && direction.is_none_or(|d| d.is_ltr()) {
        return Cow::Borrowed(s);
    }
    let info = ParagraphBidiInfo::new(s, direction);
    if !info.levels.iter().any(|l| l.is_rtl()) {
        return Cow::Borrowed(s);
    }
    let (levels, runs) = info.visual_runs(0..s.len());
    let mut out = String::with_capacity(s.len());
    for run in runs {
        let text = &s[run.clone()];
        if levels[run.start].is_rtl() {
            for g in text.graphemes(true).rev() {
                let mut chars = g.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => out.push(mirrored(c)),
                    _ => out.push_str(g),
                }
            }
        } else {
            out.push_str(text);
        }
    }
    Cow::Owned(out)
}

/// One paragraph of logical text as drawn in an application-side BiDi
/// terminal: shaped, then in visual order.
pub fn visual(s: &str) -> Cow<'_, str> {
    visual_in(s, None)
}

/// One line of a longer paragraph (a wrapped cell) in visual order: its
/// direction is the paragraph's, right to left if `rtl`, else from its own
/// first strong character (a cell's lines may be entries of their own).
pub fn visual_line(s: &str, rtl: bool) -> Cow<'_, str> {
    visual_in(s, rtl.then(Level::rtl))
}

/// A line of a left-to-right document (a report) in visual order: its
/// right-to-left runs reversed in place, whatever its first letter.
pub fn visual_line_ltr(s: &str) -> Cow<'_, str> {
    visual_in(s, Some(Level::ltr()))
}

fn visual_in(s: &str, direction: Option<Level>) -> Cow<'_, str> {
    if !has_rtl(s) && direction.is_none_or(|d| d.is_ltr()) {
        return Cow::Borrowed(s);
    }
    let kind = match direction {
        None => Memo::Visual,
        Some(d) if d.is_rtl() => Memo::VisualRtl,
        Some(_) => Memo::VisualLtr,
    };
    Cow::Owned(memo(kind, s, 0, || match shape(s) {
        Cow::Borrowed(s) => reorder(s, direction).into_owned(),
        Cow::Owned(shaped) => reorder(&shaped, direction).into_owned(),
    }))
}

/// What a remembered label was made by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Memo {
    Visual,
    VisualRtl,
    VisualLtr,
    Fit(Bidi),
    Cell(Bidi),
    Lines(Bidi),
    Composed(Bidi),
}

/// Labels already made, by what made them, their text and their room: a
/// frame redraws the same names over and over, and cutting, shaping and
/// reordering them cost far more than a look-up. Emptied when full.
type MemoKey = (Memo, usize, u64);
type MemoTable = std::collections::HashMap<MemoKey, (Box<str>, Box<str>)>;

const MEMO_SIZE: usize = 8192;

thread_local! {
    static MEMO: std::cell::RefCell<MemoTable> = std::cell::RefCell::new(MemoTable::new());
}

/// `make()`, remembered for `(kind, text, room)`.
fn memo(kind: Memo, text: &str, room: usize, make: impl FnOnce() -> String) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut hasher);
    let key = (kind, room, hasher.finish());
    let found = MEMO.with(|table| {
        table
            .borrow()
            .get(&key)
            .filter(|(source, _)| &**source == text)
            .map(|(_, made)| made.to_string())
    });
    if let Some(made) = found {
        return made;
    }
    let made = make();
    MEMO.with(|table| {
        let mut table = table.borrow_mut();
        if table.len() >= MEMO_SIZE {
            table.clear();
        }
        table.insert(key, (text.into(), made.as_str().into()));
    });
    made
}

/// Logical, sanitized text as this thread's mode draws it.
///
/// Outside the application's BiDi a lam-alef pair stays as written: two
/// cells, as terminals and ratatui's buffer place it. (ratatui's measure of
/// a whole span counts it as one, but the views place text by their own
/// measure and the buffer's, never by that one.)
fn drawn(logical: &str, direction: Option<Level>) -> Cow<'_, str> {
    match mode() {
        Bidi::App => visual_in(logical, direction),
        Bidi::Terminal | Bidi::Off => Cow::Borrowed(logical),
    }
}

/// Cells `logical` takes once drawn in this thread's mode.
pub fn drawn_width(logical: &str) -> usize {
    match mode() {
        Bidi::App => shaped_width(logical),
        Bidi::Terminal | Bidi::Off => width(logical),
    }
}

/// Text from a map, made safe ([`sanitize`], [`unambiguous`]), as drawn in
/// this thread's mode: one paragraph.
pub fn shown(s: &str) -> Cow<'_, str> {
    let safe = safe(s);
    match drawn(&safe, None) {
        Cow::Borrowed(_) => safe,
        Cow::Owned(s) => Cow::Owned(s),
    }
}

fn safe(s: &str) -> Cow<'_, str> {
    match sanitize(s) {
        Cow::Borrowed(s) => unambiguous(s),
        Cow::Owned(s) => Cow::Owned(unambiguous(&s).into_owned()),
    }
}

/// Text being edited, whatever the mode: sanitized, [`unambiguous`], in
/// logical order and unshaped, one code point a cell, so that the cursor
/// stands on the grapheme it edits.
pub fn editing(s: &str) -> Cow<'_, str> {
    safe(s)
}

/// [`shown`] in at most `max` cells: cut on the logical text, ending in `…`
/// (which a right-to-left name shows at its left, where it ends).
///
/// Only printable ASCII is cut afresh each time: anything else goes through
/// the grapheme tables (and the shaper, if it reads right to left), which
/// cost far more than the look-up of what it was cut to last time.
pub fn shown_fit(s: &str, max: usize) -> String {
    if printable_ascii(s) {
        return fit(s, max);
    }
    memo(Memo::Fit(mode()), s, max, || fit(&safe(s), max))
}

fn fit(logical: &str, max: usize) -> String {
    // Printable ASCII is a cell a byte, left to right, drawn as it is.
    if printable_ascii(logical) {
        return match max {
            _ if logical.len() <= max => logical.to_owned(),
            0 => String::new(),
            _ => format!("{}…", &logical[..max - 1]),
        };
    }
    fit_graphemes(logical, max)
}

/// [`fit`] for any text: grapheme by grapheme, shaped and reordered.
fn fit_graphemes(logical: &str, max: usize) -> String {
    if drawn_width(logical) <= max {
        return drawn(logical, None).into_owned();
    }
    if max == 0 {
        return String::new();
    }
    let app = mode() == Bidi::App;
    let mut cut = String::new();
    let (mut used, mut lam_before) = (0, false);
    for g in logical.graphemes(true) {
        let mut w = width(g);
        let first = g.chars().next().unwrap_or(' ');
        if app && lam_before && is_ligature_alef(first) {
            // Joins the lam before it into one cell.
            w = w.saturating_sub(1);
        }
        if used + w > max - 1 {
            break;
        }
        cut.push_str(g);
        used += w;
        lam_before = first == LAM;
    }
    cut.push('…');
    let out = drawn(&cut, None).into_owned();
    if width(&out) <= max {
        out
    } else {
        // Only if shaping drew wider than foreseen: cut what is drawn.
        super::truncate(&out, max).into_owned()
    }
}

/// [`shown_fit`] padded with spaces to exactly `cells`, left-aligned
/// whatever its direction;
/// remembered as [`shown_fit`] is.
pub fn shown_cell(s: &str, cells: usize) -> String {
    if printable_ascii(s) {
        return cell(s, cells);
    }
    memo(Memo::Cell(mode()), s, cells, || cell(s, cells))
}

fn cell(s: &str, cells: usize) -> String {
    let safe = safe(s);
    let text = fit(&safe, cells);
    let gap = cells.saturating_sub(width(&text));
    let mut out = String::with_capacity(text.len() + gap);
    out.push_str(&text);
    out.extend(std::iter::repeat_n(' ', gap));
    out
}

/// Multi-line text from a map wrapped into lines of at most `max` cells at
/// spaces, each line drawn in this thread's mode with the direction of the
/// paragraph it belongs to (a line of an Arabic paragraph that starts with
/// a Latin word still reads right to left). Never returns no lines.
pub fn shown_lines(s: &str, max: usize) -> Vec<String> {
    if !has_rtl(s) {
        return lines_of(&unambiguous(&sanitize_multiline(s)), max);
    }
    remembered_lines(Memo::Lines(mode()), s, max, || {
        lines_of(&unambiguous(&sanitize_multiline(s)), max)
    })
}

/// `make()`'s lines, remembered as one text.
fn remembered_lines(kind: Memo, s: &str, max: usize, make: impl FnOnce() -> Vec<String>) -> Vec<String> {
    // No line holds a line break: they are the separators.
    memo(kind, s, max, || make().join("\n"))
        .split('\n')
        .map(str::to_string)
        .collect()
}

/// First strong isolate and pop directional isolate: what [`isolate`] puts
/// around a name.
const FSI: char = '\u{2068}';
const PDI: char = '\u{2069}';

/// A name from a map, made safe, as its own paragraph inside a longer text
/// built for [`composed_lines`]: its direction comes from its own first
/// strong character, and it does not change the direction of the text
/// around it ("a → b → c" keeps its arrows in order whatever the names).
pub fn isolate(s: &str) -> String {
    format!("{FSI}{}{PDI}", safe(s))
}

/// [`shown_lines`] for a text built from [`isolate`]d names and the
/// workbench's own words (which are trusted: it is not sanitized again,
/// which would remove the isolates).
pub fn composed_lines(s: &str, max: usize) -> Vec<String> {
    if !has_rtl(s) {
        return lines_of(s, max);
    }
    remembered_lines(Memo::Composed(mode()), s, max, || lines_of(s, max))
}

/// Left-to-right and right-to-left isolates: an [`isolate`]d name wrapped
/// over two lines is given the direction of the whole name on both.
const LRI: char = '\u{2066}';
const RLI: char = '\u{2067}';

fn lines_of(clean: &str, max: usize) -> Vec<String> {
    let app = mode() == Bidi::App;
    let mut out = Vec::new();
    for paragraph in clean.split('\n') {
        // Every line of a paragraph takes its direction (a left-to-right
        // paragraph's line that starts with an Arabic word still reads
        // left to right, its phrases in the paragraph's order).
        let direction = Some(if app && is_rtl(paragraph) {
            Level::rtl()
        } else {
            Level::ltr()
        });
        // Names isolated in a text that reads right to left somewhere:
        // each keeps its direction over the lines it is wrapped on.
        let isolated = app && paragraph.contains(FSI) && has_rtl(paragraph);
        let (paragraph, controls): (Cow<str>, &[char]) = if isolated {
            (Cow::Owned(directed_isolates(paragraph)), &[LRI, RLI, PDI])
        } else {
            (Cow::Borrowed(paragraph), &[FSI, PDI])
        };
        // The isolates a line leaves open, opened again on the next.
        let mut open: Vec<char> = Vec::new();
        for line in wrap_borrowed(&paragraph, max) {
            let line = if isolated { reopened(line, &mut open) } else { line };
            let text = drawn(&line, direction);
            out.push(if text.contains(controls) {
                text.replace(controls, "")
            } else {
                text.into_owned()
            });
        }
    }
    out
}

/// `line` after the isolates `open` (left open by the lines before), and
/// `open` updated with what `line` opens and closes.
fn reopened<'l>(line: Cow<'l, str>, open: &mut Vec<char>) -> Cow<'l, str> {
    let before: String = open.iter().collect();
    for c in line.chars() {
        match c {
            LRI | RLI => open.push(c),
            PDI => {
                open.pop();
            }
            _ => {}
        }
    }
    if before.is_empty() {
        line
    } else {
        Cow::Owned(before + &line)
    }
}

/// `paragraph` with each first-strong isolate made the left-to-right or
/// right-to-left isolate its whole content reads as: a line holding only
/// the end of a name still reads in the name's direction.
fn directed_isolates(paragraph: &str) -> String {
    let mut out = String::with_capacity(paragraph.len());
    let mut rest = paragraph;
    while let Some(at) = rest.find(FSI) {
        out.push_str(&rest[..at]);
        let inside = &rest[at + FSI.len_utf8()..];
        let content = inside.find(PDI).map_or(inside, |end| &inside[..end]);
        out.push(if is_rtl(content) { RLI } else { LRI });
        rest = inside;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_is_fitted_as_grapheme_by_grapheme() {
        let texts = [
            "",
            "a",
            "Send the welcome email",
            "x (y) [z] <w> 100% & more",
            "   spaced   ",
        ];
        for mode in [Bidi::App, Bidi::Terminal, Bidi::Off] {
            let _mode = set_mode(mode);
            for text in texts {
                for max in 0..30 {
                    assert_eq!(fit(text, max), fit_graphemes(text, max), "{mode:?} {text:?} in {max}");
                }
            }
        }
    }

    #[test]
    fn modes_are_read_by_name() {
        assert_eq!(Bidi::parse(" Terminal "), Some(Bidi::Terminal));
        assert_eq!(Bidi::parse("off"), Some(Bidi::Off));
        assert_eq!(Bidi::parse("rtl"), None);
        for name in Bidi::NAMES {
            assert_eq!(Bidi::parse(name).map(|b| b.to_string()).as_deref(), Some(name));
        }
    }

    #[test]
    fn terminals_that_do_their_own_bidi_get_terminal() {
        assert_eq!(Bidi::for_terminal(Some("mlterm-256color"), None, false), Bidi::Terminal);
        assert_eq!(
            Bidi::for_terminal(Some("xterm-256color"), Some("7600"), false),
            Bidi::Terminal
        );
        assert_eq!(
            Bidi::for_terminal(Some("xterm-256color"), Some("5200"), false),
            Bidi::App
        );
        assert_eq!(Bidi::for_terminal(Some("xterm-256color"), None, true), Bidi::Terminal);
        assert_eq!(Bidi::for_terminal(Some("tmux-256color"), None, false), Bidi::App);
        assert_eq!(Bidi::for_terminal(None, None, false), Bidi::App);
    }

    #[test]
    fn the_mode_is_put_back() {
        let before = mode();
        {
            let _app = set_mode(Bidi::App);
            assert_eq!(mode(), Bidi::App);
            {
                let _off = set_mode(Bidi::Terminal);
                assert_eq!(mode(), Bidi::Terminal);
            }
            assert_eq!(mode(), Bidi::App);
        }
        assert_eq!(mode(), before);
    }

    fn app<T>(f: impl FnOnce() -> T) -> T {
        let _app = set_mode(Bidi::App);
        f()
    }

    #[test]
    fn arabic_is_shaped_and_reversed() {
        // خدمة العملاء: khah initial, dal final, meem initial, teh marbuta
        // final; alef, lam initial, ain medial, meem medial, lam-alef final
        // ligature, hamza; drawn right to left.
        assert_eq!(
            visual("خدمة العملاء"),
            "\u{FE80}\u{FEFC}\u{FEE4}\u{FECC}\u{FEDF}\u{FE8D} \u{FE94}\u{FEE3}\u{FEAA}\u{FEA7}"
        );
        assert_eq!(width(&visual("خدمة العملاء")), 11);
        assert_eq!(width("خدمة العملاء"), 12);
    }

    #[test]
    fn hebrew_is_reversed_unshaped() {
        assert_eq!(visual("שלום עולם"), "םלוע םולש");
    }

    #[test]
    fn latin_and_digits_keep_their_order_inside_a_right_to_left_name() {
        assert_eq!(
            visual("إعلانات Google 2024"),
            "Google 2024 \u{FE95}\u{FE8E}\u{FEE7}\u{FEFC}\u{FECB}\u{FE87}"
        );
        assert_eq!(visual("خطة 2024"), "2024 \u{FE94}\u{FEC4}\u{FEA7}");
        // A left-to-right name keeps an Arabic word in place, reversed.
        assert_eq!(visual("Ads: ولاء"), "Ads: \u{FE80}\u{FEFB}\u{FEED}");
        assert_eq!(visual("plain (Latin)"), "plain (Latin)");
    }

    #[test]
    fn brackets_are_mirrored_in_right_to_left_runs() {
        assert_eq!(visual("(ولاء)"), "(\u{FE80}\u{FEFB}\u{FEED})");
        assert_eq!(visual("[שלום]"), "[םולש]");
    }

    #[test]
    fn names_are_cut_on_the_logical_text_before_shaping() {
        app(|| {
            // The name's beginning stays; the ellipsis is at its end, the left.
            assert_eq!(shown_fit("خدمة العملاء", 6), "… \u{FE94}\u{FEE3}\u{FEAA}\u{FEA7}");
            // Eleven cells once shaped: it fits whole in eleven.
            assert_eq!(width(&shown_fit("خدمة العملاء", 11)), 11);
            assert!(!shown_fit("خدمة العملاء", 11).contains('…'));
            assert_eq!(shown_fit("שלום עולם", 5), "…םולש");
            assert_eq!(shown_fit("Loyalty programme", 8), "Loyalty…");
        });
    }

    #[test]
    fn right_to_left_cells_start_on_the_left_like_every_other() {
        app(|| {
            assert_eq!(shown_cell("ولاء", 6), "\u{FE80}\u{FEFB}\u{FEED}   ");
            assert_eq!(shown_cell("Ads", 5), "Ads  ");
            for cells in 0..14 {
                assert_eq!(width(&shown_cell("خدمة العملاء 24/7", cells)), cells);
            }
        });
    }

    #[test]
    fn other_modes_keep_logical_order_with_lam_alef_in_two_cells() {
        for mode in [Bidi::Off, Bidi::Terminal] {
            let _mode = set_mode(mode);
            assert_eq!(shown("ولاء"), "ولاء");
            assert_eq!(shown_cell("ولاء", 6), "ولاء  ");
            assert_eq!(shown_fit("خدمة العملاء", 11), "خدمة العمل…");
        }
    }

    #[test]
    fn isolated_names_keep_the_order_of_the_text_around_them() {
        app(|| {
            let journey = [isolate("وعي"), isolate("Aware"), isolate("ولاء")].join(" → ");
            assert!(!is_rtl(&journey));
            assert_eq!(
                composed_lines(&journey, 40),
                vec!["\u{FEF2}\u{FECB}\u{FEED} → Aware → \u{FE80}\u{FEFB}\u{FEED}".to_string()]
            );
            // A name's own isolates cannot be smuggled in from the map.
            assert_eq!(isolate("a\u{2069}b"), "\u{2068}ab\u{2069}");
        });
    }

    #[test]
    fn a_name_wrapped_over_two_lines_reads_in_its_direction_on_both() {
        app(|| {
            let journey = [isolate("Aware"), isolate("ولاء · ロイヤルティ — Loyalty 💛")].join(" → ");
            let lines = composed_lines(&journey, 16);
            assert_eq!(lines.len(), 3, "{lines:?}");
            // The name reads right to left: its first word at the right of
            // the first line, its last word (the emoji) at the left of the last.
            assert_eq!(lines[0], "Aware → · \u{FE80}\u{FEFB}\u{FEED}");
            assert_eq!(lines.last().map(String::as_str), Some("💛 Loyalty"));
            assert!(lines.iter().all(|l| !l.contains([LRI, RLI, FSI, PDI])), "{lines:?}");
            // A list keeps its order on every line, however many lines a
            // name before takes.
            let names = [
                "كل سنة نفس علب التمر — every year",
                "Builds a box in Arabic, then meets an English page at the last step",
                "Unsure",
            ];
            let list: Vec<String> = names.iter().map(|name| isolate(name)).collect();
            let lines = composed_lines(&list.join(", "), 30);
            assert_eq!(lines.len(), 4, "{lines:?}");
            assert_eq!(lines[1], "year, Builds a box in Arabic,", "{lines:?}");
            assert_eq!(lines[3], "the last step, Unsure", "{lines:?}");
        });
    }

    #[test]
    fn a_line_of_a_left_to_right_paragraph_reads_left_to_right_whatever_it_starts_with() {
        app(|| {
            let lines = shown_lines("Hears about the boxes when مرحبا بالعالم and more text", 27);
            assert_eq!(lines.len(), 2, "{lines:?}");
            // The Arabic words come first on the line, as in the paragraph.
            assert!(lines[1].ends_with(" and more text"), "{lines:?}");
            assert!(lines[1].starts_with('\u{FEE2}'), "{lines:?}");
        });
    }

    #[test]
    fn wrapped_lines_keep_their_paragraph_direction() {
        app(|| {
            let lines = shown_lines("خدمة العملاء Support.\nplain.", 8);
            assert_eq!(lines.len(), 4, "{lines:?}");
            assert!(lines.iter().all(|l| width(l) <= 8), "{lines:?}");
            // A Latin word alone on a line of an Arabic paragraph still
            // reads right to left: its full stop is at its left end.
            assert_eq!(lines[2], ".Support");
            assert_eq!(lines[3], "plain.");
        });
    }
}
