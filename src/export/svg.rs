//! The journey canvas as one SVG picture: a column per stage, the stage's
//! goal and mindset, the touchpoints as cards coloured by discipline, the
//! emotion curve, every lane the map fills, the campaigns and a legend.
//! Text stays text (selectable and searchable where the SVG is shown), and
//! the width follows the stages. The same SVG is what the PNG rasterises.
//!
//! SVG has no line wrapping, so lines are broken here, at the places
//! Unicode allows (UAX #14), against a width estimated from the characters:
//! a wide (CJK) character is one em, a combining mark nothing, anything
//! else a little more than an average Latin letter, so lines come out a
//! little short rather than spilling over a card.

use std::borrow::Cow;
use std::ops::Range;

use maud::{Markup, PreEscaped, html};
use unicode_width::UnicodeWidthChar;

use super::picture::{Card, DISCIPLINE_COLOURS, NO_DISCIPLINE_COLOUR, NO_TACTIC, Picture, clean, emotion_label};
use crate::analysis::{Matrix, MatrixFilter};
use crate::model::JourneyMap;
use crate::model::typed::Period;
use crate::text::bidi::is_rtl;
use crate::text::unambiguous;

/// Entries and cards a stage shows in the picture; the rest are counted.
pub const PER_CELL: usize = 12;

const PAD: f32 = 24.0;
const LABEL_WIDTH: f32 = 112.0;
const COLUMN_WIDTH: f32 = 224.0;
const GUTTER: f32 = 12.0;
const CELL_PAD: f32 = 8.0;
const ROW_GAP: f32 = 10.0;
const CARD_GAP: f32 = 6.0;
const CARD_BAR: f32 = 5.0;
const EMOTION_HEIGHT: f32 = 112.0;

/// A kind of text line: its size, weight and colour.
#[derive(Clone, Copy, PartialEq)]
enum Style {
    Title,
    Note,
    Stage,
    Label,
    Body,
    Assumed,
    CardName,
    CardMeta,
    More,
}

impl Style {
    fn size(self) -> f32 {
        match self {
            Style::Title => 22.0,
            Style::Stage => 14.0,
            Style::CardName | Style::Body | Style::Assumed => 12.5,
            Style::Label | Style::Note => 12.0,
            Style::CardMeta | Style::More => 11.0,
        }
    }

    fn line_height(self) -> f32 {
        (self.size() * 1.35).round()
    }

    fn class(self) -> &'static str {
        match self {
            Style::Title => "title",
            Style::Note => "note",
            Style::Stage => "stage",
            Style::Label => "label",
            Style::Body => "body",
            Style::Assumed => "assumed",
            Style::CardName => "card",
            Style::CardMeta => "meta",
            Style::More => "more",
        }
    }

    /// Average advance of a narrow character, in ems: bold text is wider.
    fn narrow_em(self) -> f32 {
        match self {
            Style::Title | Style::Stage | Style::CardName | Style::Label => 0.64,
            _ => 0.6,
        }
    }
}

/// The estimated width of `text` in pixels.
fn text_width(text: &str, style: Style) -> f32 {
    let em = style.size();
    text.chars()
        .map(|c| match c.width() {
            Some(0) => 0.0,
            Some(2) => em,
            _ if is_emoji(c) => em * 1.2,
            _ => em * style.narrow_em(),
        })
        .sum()
}

/// Pictographs drawn a full em (or more) wide, though they take one cell.
fn is_emoji(c: char) -> bool {
    matches!(c, '\u{1F300}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}')
}

/// `text` broken into lines no wider than `max` pixels: at the breaks
/// Unicode allows where possible, inside a word only when the word alone
/// is too wide. Line breaks in the text are kept.
fn break_lines(text: &str, max: f32, style: Style) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut start = 0;
        for (end, _) in unicode_linebreak::linebreaks(paragraph) {
            let piece = &paragraph[start..end];
            start = end;
            let candidate = format!("{line}{piece}");
            if text_width(candidate.trim_end(), style) <= max {
                line = candidate;
                continue;
            }
            if !line.trim().is_empty() {
                lines.push(line.trim_end().to_string());
            }
            line = String::new();
            // A word wider than the line on its own is broken by characters.
            for c in piece.chars() {
                let mut longer = line.clone();
                longer.push(c);
                if !line.is_empty() && text_width(longer.trim_end(), style) > max {
                    lines.push(std::mem::take(&mut line).trim_end().to_string());
                }
                line.push(c);
            }
        }
        lines.push(line.trim_end().to_string());
    }
    lines
}

/// Lines of text set in one style, each with whether its paragraph reads
/// right to left (every line of it then sits at the right edge, including
/// a line that happens to hold only Latin words).
struct Block {
    style: Style,
    lines: Vec<(String, bool)>,
}

impl Block {
    fn new(text: &str, max: f32, style: Style) -> Block {
        let mut lines = Vec::new();
        for paragraph in clean(text).split('\n') {
            let rtl = is_rtl(paragraph);
            lines.extend(break_lines(paragraph, max, style).into_iter().map(|line| (line, rtl)));
        }
        Block { style, lines }
    }

    fn height(&self) -> f32 {
        self.lines.len() as f32 * self.style.line_height()
    }
}

/// A number for an attribute: at most one decimal, no `-0`.
fn n(value: f32) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded == 0.0 {
        "0".into()
    } else {
        format!("{rounded}")
    }
}

/// Chooses the font of each piece of a line: how the rasteriser has every
/// script shaped by a font that has all of it (a font missing one letter
/// of an Arabic word cannot join the others).
pub trait FontChooser {
    /// The fonts of `line`.
    fn choose(&self, line: &str) -> LineFonts;
}

/// The fonts one line is drawn in.
pub struct LineFonts {
    /// The family of the whole line, when it is not the picture's own: the
    /// one for a script whose letters join, which must shape the line first.
    pub line: Option<String>,
    /// Byte ranges of the line, in order, covering it, each with the
    /// family to draw it in (`None`: the line's).
    pub runs: Vec<(Range<usize>, Option<String>)>,
}

/// A `style` naming one font family.
fn font_style(family: &str) -> String {
    format!("font-family: '{}'", family.replace(['\'', '\\', ';'], ""))
}

/// What sets the text: with a font chooser when rasterising, without one
/// for an SVG that viewers draw with their own fonts.
#[derive(Clone, Copy)]
struct Pen<'f> {
    fonts: Option<&'f dyn FontChooser>,
}

impl Pen<'_> {
    /// Lines of `block` from the top-left corner (`x`, `y`), `width` wide.
    fn lines(self, block: &Block, x: f32, y: f32, width: f32) -> Markup {
        let step = block.style.line_height();
        html! {
            @for (i, (line, rtl)) in block.lines.iter().enumerate() {
                (self.line(line, *rtl, block.style.class(), (x, x + width), y + step * i as f32 + block.style.size()))
            }
        }
    }

    /// One line of text between `left` and `right`, on `baseline`:
    /// right-to-left lines are set from the right edge, so they read as
    /// written.
    fn line(self, line: &str, rtl: bool, class: &str, (left, right): (f32, f32), baseline: f32) -> Markup {
        // resvg cannot merge an emoji sequence drawn as one glyph (a flag,
        // a ZWJ family, a selector) into a line shaped by another font: the
        // rasteriser gets its plainer form.
        let line = if self.fonts.is_some() {
            unambiguous(line)
        } else {
            Cow::Borrowed(line)
        };
        let line = line.as_ref();
        let fonts = self.fonts.map(|fonts| fonts.choose(line));
        let style = fonts.as_ref().and_then(|f| f.line.as_deref()).map(font_style);
        let own_font = style.is_some();
        let text = html! {
            @match &fonts {
                None => (line),
                Some(fonts) => {
                    @for (range, family) in &fonts.runs {
                        @let piece = line.get(range.clone()).unwrap_or_default();
                        @match family {
                            Some(family) => { tspan style=(font_style(family)) { (piece) } },
                            None => { (piece) },
                        }
                    }
                },
            }
        };
        html! {
            @if rtl {
                // Set from the right edge, as an embedded right-to-left run:
                // resvg lays every text out left to right (it reads no
                // `direction`), and browsers read `direction` with
                // `text-anchor` differently, but all of them honour the
                // embedding controls of the Unicode bidi algorithm.
                text class=(class) style=[style] x=(n(right)) y=(n(baseline)) text-anchor="end" { "\u{202B}" (text) "\u{202C}" }
            } @else {
                // A line in a font of its own starts in it: resvg shapes the
                // line with the font of its first piece first.
                text class=(class) style=[style] x=(n(left)) y=(n(baseline)) {
                    @if own_font { "\u{200E}" }
                    (text)
                }
            }
        }
    }
}

/// A card as drawn: its blocks and height.
struct CardBlocks {
    /// The colour of its discipline.
    colour: &'static str,
    name: Block,
    meta: Option<Block>,
}

impl CardBlocks {
    fn height(&self) -> f32 {
        CELL_PAD * 1.5 + self.name.height() + self.meta.as_ref().map_or(0.0, |m| m.height() + 2.0)
    }
}

/// "Instagram ads · Social feed · feels +1": what a card says under its name.
fn card_meta(card: &Card) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !card.tactics.is_empty() {
        parts.push(card.tactics.join(", "));
    }
    if !card.channel.is_empty() {
        parts.push(card.channel.to_string());
    }
    if let Some(emotion) = card.emotion {
        parts.push(format!("feels {}", emotion_label(emotion)));
    }
    parts.join(" · ")
}

/// The SVG of the journey of `map`, its touchpoints those `matrix` (built
/// with `filter`) keeps; goals are judged overdue or not on `today`.
pub fn journey(map: &JourneyMap, matrix: &Matrix, filter: &MatrixFilter, today: Period) -> String {
    draw(
        &Picture::build(map, matrix, filter, PER_CELL, today),
        Pen { fonts: None },
    )
}

/// [`journey`] for the rasteriser: each piece of text in the font `fonts`
/// chooses for it.
pub fn journey_for_raster(
    map: &JourneyMap,
    matrix: &Matrix,
    filter: &MatrixFilter,
    today: Period,
    fonts: &dyn FontChooser,
) -> String {
    draw(
        &Picture::build(map, matrix, filter, PER_CELL, today),
        Pen { fonts: Some(fonts) },
    )
}

/// The SVG of `picture`.
fn draw(picture: &Picture, pen: Pen) -> String {
    let columns = picture.stages.len().max(1);
    let inner = COLUMN_WIDTH - 2.0 * CELL_PAD;
    let left = PAD + LABEL_WIDTH;
    let column_x = |stage: usize| left + stage as f32 * (COLUMN_WIDTH + GUTTER);
    let width = left + columns as f32 * (COLUMN_WIDTH + GUTTER) - GUTTER + PAD;

    let mut body = String::new();
    let mut y = PAD;

    let title = Block::new(
        if picture.title.trim().is_empty() {
            "Journey"
        } else {
            picture.title
        },
        width - 2.0 * PAD,
        Style::Title,
    );
    body.push_str(&pen.lines(&title, PAD, y, width - 2.0 * PAD).0);
    y += title.height() + 4.0;
    if let Some(note) = &picture.filter_note {
        let note = Block::new(note, width - 2.0 * PAD, Style::Note);
        body.push_str(&pen.lines(&note, PAD, y, width - 2.0 * PAD).0);
        y += note.height();
    }
    y += ROW_GAP;

    // The stage heads.
    let heads: Vec<Block> = picture
        .stages
        .iter()
        .enumerate()
        .map(|(i, stage)| Block::new(&format!("{}. {}", i + 1, stage.name), inner, Style::Stage))
        .collect();
    let head_height = heads.iter().map(Block::height).fold(0.0, f32::max) + 2.0 * CELL_PAD;
    for (i, head) in heads.iter().enumerate() {
        let x = column_x(i);
        body.push_str(
            &html! { rect class="head" x=(n(x)) y=(n(y)) width=(n(COLUMN_WIDTH)) height=(n(head_height)) rx="6" {} }.0,
        );
        body.push_str(&pen.lines(head, x + CELL_PAD, y + CELL_PAD, inner).0);
    }
    y += head_height + ROW_GAP;

    // A row of blocks per stage, under a label, on a band.
    let row = |body: &mut String, y: &mut f32, label: &str, cells: Vec<Vec<Block>>| {
        let height = cells
            .iter()
            .map(|blocks| blocks.iter().map(|b| b.height() + 3.0).sum::<f32>())
            .fold(0.0, f32::max)
            + 2.0 * CELL_PAD;
        body.push_str(&band(*y, height, width).0);
        let label = Block::new(label, LABEL_WIDTH - CELL_PAD, Style::Label);
        body.push_str(&pen.lines(&label, PAD, *y + CELL_PAD, LABEL_WIDTH - CELL_PAD).0);
        for (i, blocks) in cells.iter().enumerate() {
            let mut at = *y + CELL_PAD;
            for block in blocks {
                body.push_str(&pen.lines(block, column_x(i) + CELL_PAD, at, inner).0);
                at += block.height() + 3.0;
            }
        }
        *y += height + ROW_GAP;
    };

    if picture.has_stage_goals() {
        let cells = picture
            .stages
            .iter()
            .map(|stage| {
                let mut blocks = Vec::new();
                if !stage.goal.is_empty() {
                    blocks.push(Block::new(stage.goal, inner, Style::Body));
                }
                if let Some(mindset) = stage.mindset {
                    blocks.push(Block::new(mindset, inner, Style::Assumed));
                }
                blocks
            })
            .collect();
        row(&mut body, &mut y, "Goal and mindset", cells);
    }

    // The touchpoint cards.
    let card_inner = COLUMN_WIDTH - CARD_BAR - 2.0 * CELL_PAD;
    let stage_cards: Vec<Vec<CardBlocks>> = (0..picture.stages.len())
        .map(|column| {
            picture
                .cards(column)
                .map(|card| {
                    let meta = card_meta(&card);
                    CardBlocks {
                        colour: card.colour(),
                        name: Block::new(card.name, card_inner, Style::CardName),
                        meta: (!meta.is_empty()).then(|| Block::new(&meta, card_inner, Style::CardMeta)),
                    }
                })
                .collect()
        })
        .collect();
    let more_line = Style::More.line_height() + CARD_GAP;
    let cards_height = stage_cards
        .iter()
        .zip(&picture.more_cards)
        .map(|(cards, &more)| {
            cards.iter().map(|c| c.height() + CARD_GAP).sum::<f32>() + if more > 0 { more_line } else { 0.0 }
        })
        .fold(Style::Body.line_height(), f32::max)
        + CELL_PAD;
    body.push_str(&band(y, cards_height, width).0);
    let label = Block::new("Touchpoints", LABEL_WIDTH - CELL_PAD, Style::Label);
    body.push_str(&pen.lines(&label, PAD, y + CELL_PAD, LABEL_WIDTH - CELL_PAD).0);
    for (i, cards) in stage_cards.iter().enumerate() {
        let x = column_x(i);
        let mut at = y + CELL_PAD;
        for drawn in cards {
            let height = drawn.height();
            let colour = drawn.colour;
            body.push_str(
                &html! {
                    rect class="card" x=(n(x)) y=(n(at)) width=(n(COLUMN_WIDTH)) height=(n(height)) rx="4" stroke=(colour) {}
                    rect x=(n(x)) y=(n(at)) width=(n(CARD_BAR)) height=(n(height)) fill=(colour) {}
                }
                .0,
            );
            let text_x = x + CARD_BAR + CELL_PAD;
            body.push_str(&pen.lines(&drawn.name, text_x, at + CELL_PAD * 0.75, card_inner).0);
            if let Some(meta) = &drawn.meta {
                body.push_str(
                    &pen.lines(
                        meta,
                        text_x,
                        at + CELL_PAD * 0.75 + drawn.name.height() + 2.0,
                        card_inner,
                    )
                    .0,
                );
            }
            at += height + CARD_GAP;
        }
        let more = picture.more_cards[i];
        if more > 0 {
            let block = Block::new(&format!("+ {more} more"), card_inner, Style::More);
            body.push_str(&pen.lines(&block, x + CELL_PAD, at, card_inner).0);
        }
    }
    y += cards_height + ROW_GAP;

    // The emotion curve: -2 at the bottom, +2 at the top.
    body.push_str(&band(y, EMOTION_HEIGHT, width).0);
    let label = Block::new("Emotion", LABEL_WIDTH - CELL_PAD, Style::Label);
    body.push_str(&pen.lines(&label, PAD, y + CELL_PAD, LABEL_WIDTH - CELL_PAD).0);
    let plot_top = y + 16.0;
    let plot_height = EMOTION_HEIGHT - 40.0;
    let level = |score: i8| plot_top + (2.0 - f32::from(score.clamp(-2, 2))) / 4.0 * plot_height;
    let points: Vec<(f32, f32, i8)> = picture
        .stages
        .iter()
        .enumerate()
        .map(|(i, stage)| (column_x(i) + COLUMN_WIDTH / 2.0, level(stage.emotion), stage.emotion))
        .collect();
    let path = points
        .iter()
        .map(|(x, y, _)| format!("{},{}", n(*x), n(*y)))
        .collect::<Vec<_>>()
        .join(" ");
    body.push_str(
        &html! {
            line class="zero" x1=(n(left)) y1=(n(level(0))) x2=(n(width - PAD)) y2=(n(level(0))) {}
            @if points.len() > 1 { polyline class="curve" points=(path) {} }
            @for (x, cy, score) in &points {
                circle cx=(n(*x)) cy=(n(*cy)) r="5" fill=(emotion_colour(*score)) {}
                text class="score" x=(n(*x)) y=(n(if *score >= 0 { cy + 19.0 } else { cy - 10.0 })) text-anchor="middle" { (emotion_label(*score)) }
            }
        }
        .0,
    );
    y += EMOTION_HEIGHT + ROW_GAP;

    // Every lane the map fills.
    for lane in &picture.lanes {
        let cells = lane
            .cells
            .iter()
            .map(|cell| {
                let mut blocks: Vec<Block> = cell
                    .entries
                    .iter()
                    .map(|entry| {
                        if entry.assumed {
                            Block::new(&format!("• {} (assumed)", entry.text), inner, Style::Assumed)
                        } else {
                            Block::new(&format!("• {}", entry.text), inner, Style::Body)
                        }
                    })
                    .collect();
                if cell.more > 0 {
                    blocks.push(Block::new(&format!("+ {} more", cell.more), inner, Style::More));
                }
                blocks
            })
            .collect();
        row(&mut body, &mut y, lane.label, cells);
    }
    if picture.has_campaigns() {
        let cells = picture
            .campaigns
            .iter()
            .map(|cell| {
                cell.iter()
                    .map(|c| Block::new(&format!("• {c}"), inner, Style::Body))
                    .collect()
            })
            .collect();
        row(&mut body, &mut y, "Campaigns", cells);
    }

    // The legend: which colour is which discipline.
    let mut legend: Vec<(&str, &str)> = picture
        .disciplines
        .iter()
        .enumerate()
        .map(|(i, d)| (DISCIPLINE_COLOURS[i % DISCIPLINE_COLOURS.len()], *d))
        .collect();
    if picture.untactical {
        legend.push((NO_DISCIPLINE_COLOUR, NO_TACTIC));
    }
    let mut x = PAD;
    let legend_line = Style::Note.line_height() + 6.0;
    if !legend.is_empty() {
        y += 4.0;
    }
    for (colour, name) in legend {
        let name = clean(name);
        let item = 18.0 + text_width(&name, Style::Note) + 18.0;
        if x > PAD && x + item > width - PAD {
            x = PAD;
            y += legend_line;
        }
        body.push_str(
            &html! {
                rect x=(n(x)) y=(n(y + 2.0)) width="12" height="12" rx="2" fill=(colour) {}
                (pen.line(&name, is_rtl(&name), Style::Note.class(), (x + 18.0, x + item - 18.0), y + 12.5))
            }
            .0,
        );
        x += item;
    }
    let height = y + legend_line + PAD;

    let title_text = clean(picture.title).into_owned();
    html! {
        svg xmlns="http://www.w3.org/2000/svg" width=(n(width)) height=(n(height)) viewBox=(format!("0 0 {} {}", n(width), n(height))) {
            title { (title_text) }
            style { (PreEscaped(STYLE)) }
            rect x="0" y="0" width=(n(width)) height=(n(height)) fill="#ffffff" {}
            (PreEscaped(body))
        }
    }
    .into_string()
        + "\n"
}

/// A light band behind a row, so the eye follows it across the stages.
fn band(y: f32, height: f32, width: f32) -> Markup {
    html! { rect class="band" x=(n(PAD / 2.0)) y=(n(y)) width=(n(width - PAD)) height=(n(height)) rx="6" {} }
}

/// Red for frustration, through grey, to green for delight.
fn emotion_colour(score: i8) -> &'static str {
    match score {
        i8::MIN..=-2 => "#dc2626",
        -1 => "#f97316",
        0 => "#6b7280",
        1 => "#65a30d",
        _ => "#16a34a",
    }
}

/// The picture's styles: one place for fonts and colours, which viewers
/// and the rasteriser both read.
const STYLE: &str = "
text { font-family: 'Noto Sans', 'DejaVu Sans', 'Segoe UI', Arial, sans-serif; fill: #1f2937; }
.title { font-size: 22px; font-weight: bold; }
.note { font-size: 12px; fill: #4b5563; }
.stage { font-size: 14px; font-weight: bold; fill: #ffffff; }
.label { font-size: 12px; font-weight: bold; fill: #334155; }
.body { font-size: 12.5px; }
.assumed { font-size: 12.5px; font-style: italic; fill: #6b7280; }
.card { font-size: 12.5px; font-weight: bold; }
.meta { font-size: 11px; fill: #4b5563; }
.more { font-size: 11px; font-style: italic; fill: #6b7280; }
.score { font-size: 11px; fill: #374151; }
rect.head { fill: #1e293b; }
rect.band { fill: #f1f5f9; }
rect.card { fill: #ffffff; stroke-width: 1; }
line.zero { stroke: #cbd5e1; stroke-dasharray: 4 4; }
polyline.curve { fill: none; stroke: #334155; stroke-width: 2; }
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_break_between_words_within_the_width() {
        let lines = break_lines("Free tasting at the weekend market", 120.0, Style::Body);
        assert!(lines.len() > 1, "{lines:?}");
        for line in &lines {
            assert!(text_width(line, Style::Body) <= 120.0, "{line:?} is too wide");
            assert!(!line.starts_with(' ') && !line.ends_with(' '));
        }
        assert_eq!(lines.join(" "), "Free tasting at the weekend market");
    }

    #[test]
    fn a_word_wider_than_the_line_is_broken_by_characters() {
        let lines = break_lines("Supercalifragilisticexpialidocious", 60.0, Style::Body);
        assert!(lines.len() > 2, "{lines:?}");
        assert_eq!(lines.concat(), "Supercalifragilisticexpialidocious");
    }

    #[test]
    fn cjk_is_measured_a_full_em_per_character() {
        assert_eq!(text_width("咖啡", Style::Body), 2.0 * Style::Body.size());
        let lines = break_lines("咖啡豆订阅服务的第一次品尝体验", 60.0, Style::Body);
        assert!(lines.len() >= 3, "{lines:?}");
    }

    #[test]
    fn line_breaks_in_the_text_are_kept() {
        assert_eq!(break_lines("one\ntwo", 500.0, Style::Body), ["one", "two"]);
    }

    #[test]
    fn a_right_to_left_paragraph_is_set_from_the_right_edge_on_every_line() {
        let block = Block::new("إعلانات رمضان على إنستغرام Instagram reels and more", 120.0, Style::Body);
        assert!(block.lines.len() > 1);
        assert!(block.lines.iter().all(|(_, rtl)| *rtl), "{:?}", block.lines);
        let drawn = Pen { fonts: None }.lines(&block, 10.0, 0.0, 200.0).0;
        assert_eq!(
            drawn.matches("text-anchor=\"end\"").count(),
            block.lines.len(),
            "{drawn}"
        );
        assert_eq!(drawn.matches("x=\"210\"").count(), block.lines.len(), "{drawn}");
        assert_eq!(drawn.matches('\u{202B}').count(), block.lines.len());
        let latin = Pen { fonts: None }
            .lines(&Block::new("Plain words", 120.0, Style::Body), 10.0, 0.0, 200.0)
            .0;
        assert!(!latin.contains("text-anchor") && latin.contains("x=\"10\"") && !latin.contains('\u{202B}'));
    }

    #[test]
    fn map_text_is_escaped_in_the_picture() {
        let drawn = Pen { fonts: None }
            .lines(
                &Block::new("<b>Tom & \"Jerry\"</b>", 500.0, Style::Body),
                0.0,
                0.0,
                500.0,
            )
            .0;
        assert!(
            drawn.contains("&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;"),
            "{drawn}"
        );
    }

    #[test]
    fn numbers_have_one_decimal_and_no_negative_zero() {
        assert_eq!(n(12.345), "12.3");
        assert_eq!(n(-0.01), "0");
        assert_eq!(n(7.0), "7");
    }
}
