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
/// their presentation forms and the Arabic mathematical letters).
fn has_rtl(s: &str) -> bool {
    s.chars().any(|c| {
        matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}' | '\u{10800}'..='\u{10FFF}' | '\u{1E800}'..='\u{1EFFF}')
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
            push_reversed(&mut out, text);
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

/// Left-to-right and right-to-left isolates, which a text may hold as well.
const LRI: char = '\u{2066}';
const RLI: char = '\u{2067}';

/// The isolates this module adds or a composed text holds: never drawn.
const ISOLATES: [char; 4] = [FSI, LRI, RLI, PDI];

fn lines_of(clean: &str, max: usize) -> Vec<String> {
    let mut out = Vec::new();
    for paragraph in clean.split('\n') {
        out.extend(drawn_lines(paragraph, &wrap_borrowed(paragraph, max)));
    }
    out
}

/// The `lines` that `paragraph` (logical text, made safe) was wrapped
/// into, each as this thread's mode draws it. A line is words of the
/// paragraph in order, with single spaces between them, and may end in a
/// `…` that cuts it short (its word, or the paragraph).
///
/// In the application's BiDi the paragraph's levels are resolved once, for
/// the whole of it, as UAX #9 lays out lines: a rule that looks across a
/// line break (digits after Arabic letters, a full stop between two runs,
/// a name isolated over two lines) sees what is on the other side. Each
/// line then reads in the paragraph's direction: a left-to-right
/// paragraph's line that starts with an Arabic word still has its phrases
/// in the paragraph's order, and a cut line's `…` stands at its end, at
/// the left in a right-to-left paragraph.
pub fn drawn_lines<L: AsRef<str>>(paragraph: &str, lines: &[L]) -> Vec<String> {
    if mode() != Bidi::App || !has_rtl(paragraph) {
        // Nothing to reorder: the lines as they stand.
        return lines
            .iter()
            .map(|line| without_isolates(Cow::Borrowed(line.as_ref())).into_owned())
            .collect();
    }
    let direction = if is_rtl(paragraph) { Level::rtl() } else { Level::ltr() };
    let info = ParagraphBidiInfo::new(paragraph, Some(direction));
    // Where the next line is looked for; lost once a line is not found.
    let mut from = Some(0);
    lines
        .iter()
        .map(|line| {
            let line = line.as_ref();
            let Some(found) = from.and_then(|at| found_in(paragraph, at, line)) else {
                // Not where the paragraph holds it: a paragraph of its own,
                // in the paragraph's direction.
                from = None;
                return without_isolates(drawn(line, Some(direction))).into_owned();
            };
            from = Some(found.next);
            if found.range.is_empty() {
                // Nothing of the paragraph (which has no runs to lay out):
                // the line is blank, or only the mark of a cut.
                return if found.cut { "…".to_string() } else { String::new() };
            }
            let (levels, runs) = info.visual_runs(found.range.clone());
            let mut text = String::with_capacity(line.len());
            if found.cut && direction.is_rtl() {
                text.push('…');
            }
            for run in runs {
                let run_text = &paragraph[run.clone()];
                if levels[run.start].is_rtl() {
                    push_reversed(&mut text, &shape(run_text));
                } else {
                    text.push_str(run_text);
                }
            }
            if found.cut && direction.is_ltr() {
                text.push('…');
            }
            let text = without_isolates(Cow::Owned(text)).into_owned();
            // One space between words that more stood between; a run of
            // spaces keeps one level, so stays together.
            if found.spaces_left_out {
                single_spaced(&text)
            } else {
                text
            }
        })
        .collect()
}

/// Where a line of a wrapped paragraph stands in it.
#[derive(Debug, PartialEq, Eq)]
struct Found {
    /// From its first character to its last, spaces left out included.
    range: std::ops::Range<usize>,
    /// Whether the paragraph has more spaces in `range` than the line.
    spaces_left_out: bool,
    /// Whether the line ends in a `…` the paragraph does not have there.
    cut: bool,
    /// Where the next line is to be looked for.
    next: usize,
}

/// `line` found in `paragraph` at `at` or after the spaces there.
fn found_in(paragraph: &str, at: usize, line: &str) -> Option<Found> {
    let skip_spaces = |at: usize| at + paragraph[at..].len() - paragraph[at..].trim_start_matches(' ').len();
    let matched = |body: &str| {
        let start = skip_spaces(at);
        let mut end = start;
        let mut chars = body.chars().peekable();
        while let Some(c) = chars.next() {
            if !paragraph[end..].starts_with(c) {
                return None;
            }
            end += c.len_utf8();
            if c == ' ' && chars.peek() != Some(&' ') {
                end = skip_spaces(end);
            }
        }
        Some(start..end)
    };
    if let Some(range) = matched(line) {
        return Some(Found {
            spaces_left_out: range.len() != line.len(),
            cut: false,
            next: range.end,
            range,
        });
    }
    let body = line.strip_suffix('…')?;
    let range = matched(body)?;
    // What was cut off runs to the end of its word.
    let next = paragraph[range.end..]
        .find(' ')
        .map_or(paragraph.len(), |space| range.end + space);
    Some(Found {
        spaces_left_out: range.len() != body.len(),
        cut: true,
        next,
        range,
    })
}

/// `text` (a right-to-left run, shaped) appended grapheme by grapheme from
/// its end, marks staying on their letter, brackets mirrored.
fn push_reversed(out: &mut String, text: &str) {
    for g in text.graphemes(true).rev() {
        let mut chars = g.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => out.push(mirrored(c)),
            _ => out.push_str(g),
        }
    }
}

/// `text` with each run of spaces made one space.
fn single_spaced(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if !(c == ' ' && out.ends_with(' ')) {
            out.push(c);
        }
    }
    out
}

fn without_isolates(text: Cow<str>) -> Cow<str> {
    if text.contains(ISOLATES) {
        Cow::Owned(text.replace(ISOLATES, ""))
    } else {
        text
    }
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

    /// Levels are resolved for the whole paragraph, then each line laid
    /// out: the rules that look across a line break see both sides.
    #[test]
    fn rules_that_look_across_a_line_break_see_the_whole_paragraph() {
        app(|| {
            // The full stop stands between "ولاء" and "وعي", both right to
            // left: it is part of that run, at its left end, on the first
            // line (on its own line, it would sit at the end of the
            // left-to-right paragraph, after "ولاء").
            let lines = shown_lines("Hi ولاء. وعي", 8);
            assert_eq!(lines.len(), 2, "{lines:?}");
            assert_eq!(lines[0], "Hi .\u{FE80}\u{FEFB}\u{FEED}", "{lines:?}");
            // Digits after Arabic letters are Arabic numbers even on the
            // next line: "2025 box" reads as the paragraph does, "box"
            // before (to the left of) nothing but the digits' own order.
            let whole = shown_lines("عرض Ramadan 2025 box", 40);
            let wrapped = shown_lines("عرض Ramadan 2025 box", 12);
            assert_eq!(whole.len(), 1, "{whole:?}");
            assert_eq!(wrapped.len(), 2, "{wrapped:?}");
            assert_eq!(wrapped[1], "2025 box", "{wrapped:?}");
        });
    }

    /// Lines are laid out from where they stand in the paragraph, also
    /// when the wrapper left out spaces between their words, and when a
    /// line was cut short with a `…`.
    #[test]
    fn lines_are_found_in_their_paragraph_whatever_the_spaces() {
        let paragraph = "  Hi   ولاء.  وعي  again   and ok ";
        let lines = wrap_borrowed(paragraph, 9);
        let mut at = 0;
        for line in &lines {
            let found = found_in(paragraph, at, line);
            assert!(found.is_some(), "{line:?} after {at} in {lines:?}");
            if let Some(found) = found {
                assert_eq!(single_spaced(&paragraph[found.range.clone()]), **line);
                assert!(!found.cut);
                at = found.next;
            }
        }
        app(|| {
            let lines = shown_lines(paragraph, 9);
            assert!(lines.iter().all(|l| !l.contains("  ") && width(l) <= 9), "{lines:?}");
        });
        let cut = found_in("Subscription box", 0, "Subscri…");
        assert_eq!(cut.map(|f| (f.range, f.cut, f.next)), Some((0..7, true, 12)));
        assert_eq!(found_in("ab", 0, "ac"), None);
    }

    /// A line cut short keeps its `…` at its end: the left of a
    /// right-to-left name, the right of a left-to-right one.
    #[test]
    fn a_cut_line_ends_where_its_paragraph_reads_to() {
        app(|| {
            let lines = drawn_lines("ولاء وعي شراء", &["ولاء…"]);
            assert_eq!(lines, ["…\u{FE80}\u{FEFB}\u{FEED}"]);
            let lines = drawn_lines("Buy ولاء وعي", &["Buy ولاء…"]);
            assert_eq!(lines, ["Buy \u{FE80}\u{FEFB}\u{FEED}…"]);
            // Nothing left but the mark, or nothing at all.
            assert_eq!(drawn_lines("ولاء وعي", &["…"]), ["…"]);
            assert_eq!(drawn_lines("ولاء وعي", &[""]), [""]);
            assert_eq!(drawn_lines("ولاء", &["ولاء", "", "…"]).len(), 3);
        });
    }

    /// A paragraph that fits on one line is drawn as the whole paragraph
    /// is, whatever it holds; wrapped, no line is wider than its room and
    /// no isolate is drawn.
    #[test]
    fn a_paragraph_on_one_line_is_drawn_as_a_whole() {
        let paragraphs = [
            "وعي — Awareness 👀",
            "ولاء · ロイヤルティ — Loyalty 💛",
            "Six-person gift box — صندوق الضيافة · 6人用ギフト 🎁",
            "يرفع قائمة ٦٠٠ عنوان وينتظر عرض السعر — uploads 600 addresses and waits for a quote",
            "(خلاص، مجدول، صقعي) with Japanese",
            "Hi ولاء. وعي",
            "שלום (עולם) 2024",
        ];
        app(|| {
            for paragraph in paragraphs {
                assert_eq!(
                    shown_lines(paragraph, 500),
                    [visual(paragraph).into_owned()],
                    "{paragraph}"
                );
                for room in 4..40 {
                    let lines = shown_lines(paragraph, room);
                    assert!(
                        lines.iter().all(|l| width(l) <= room && !l.contains(ISOLATES)),
                        "{paragraph} in {room}: {lines:?}"
                    );
                }
            }
        });
    }

    /// Paragraphs of mixed scripts, numbers, marks, brackets, isolates and
    /// spaces, wrapped at every width, and cut: no line wider than its room,
    /// no isolate drawn, nothing that panics.
    #[test]
    fn mixed_paragraphs_wrap_within_their_room_at_every_width() {
        let words = [
            "ولاء",
            "وعي",
            "لا",
            "Loyalty",
            "2025",
            "٦٠٠",
            "(عرض)",
            "[x]",
            "—",
            "·",
            ".",
            "💛",
            "ロイヤルティ",
            "שלום",
            "e\u{301}",
            "\u{2068}خطة 24\u{2069}",
            "\u{2068}Plan\u{2069}",
            "",
            " ",
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as usize % n
        };
        app(|| {
            for _ in 0..200 {
                let count = 1 + next(9);
                let paragraph: Vec<&str> = (0..count).map(|_| words[next(words.len())]).collect();
                let paragraph = paragraph.join(if next(4) == 0 { "  " } else { " " });
                // From two cells: the widest grapheme (an emoji) takes two.
                for room in 2..24 {
                    let lines = composed_lines(&paragraph, room);
                    assert!(
                        lines.iter().all(|l| width(l) <= room && !l.contains(ISOLATES)),
                        "{paragraph:?} in {room}: {lines:?}"
                    );
                    // Every line the wrapper makes is found where it stands.
                    let mut at = Some(0);
                    for line in wrap_borrowed(&paragraph, room) {
                        at = at
                            .and_then(|at| found_in(&paragraph, at, &line))
                            .map(|found| found.next);
                        assert!(at.is_some(), "{paragraph:?} in {room}: {line:?} not found");
                    }
                    // Lines cut short by a caller, as a view's labels are.
                    let mut cut: Vec<String> = wrap_borrowed(&paragraph, room)
                        .into_iter()
                        .map(Cow::into_owned)
                        .collect();
                    if let Some(last) = cut.last_mut() {
                        last.push('…');
                    }
                    let drawn = drawn_lines(&paragraph, &cut);
                    assert_eq!(drawn.len(), cut.len(), "{paragraph:?} in {room}");
                    assert!(
                        drawn.iter().zip(&cut).all(|(d, c)| width(d) <= width(c)),
                        "{paragraph:?} in {room}: {drawn:?}"
                    );
                }
            }
        });
    }
}
