//! The journey picture as a PNG: the SVG of [`super::svg`] rasterised by
//! resvg, which lays out and shapes text itself (Arabic joined and ordered
//! right to left) with the fonts it is given: the system's, and any folder
//! the user names. Which fonts drew the picture is reported, and a picture
//! that would show letters as empty boxes, because no font has them, is an
//! error rather than an image.
//!
//! This is the one renderer that reads files other than a map: the fonts.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use resvg::tiny_skia;
use resvg::usvg::{self, fontdb};
use skrifa::MetadataProvider;
use unicode_script::{Script, UnicodeScript};

use super::svg::{FontChooser, LineFonts};

/// Families drawn for `sans-serif` when the system has them, most wanted
/// first: wide coverage, and metrics close to what the SVG was laid out for.
const PREFERRED_SANS: [&str; 8] = [
    "Noto Sans",
    "DejaVu Sans",
    "Liberation Sans",
    "Arial",
    "Helvetica",
    "Open Sans",
    "Roboto",
    "Segoe UI",
];

/// Pixels per SVG unit: sharp on slides and high-density screens.
const SCALE: f32 = 2.0;
/// The largest picture drawn at [`SCALE`]; a larger one is drawn smaller,
/// so a wide map costs at most this many pixels (four bytes each).
const MAX_PIXELS: f32 = 16_000_000.0;
/// The longest side a PNG may have.
const MAX_SIDE: f32 = 16_000.0;
/// How many rows of pixels are drawn at a time: the whole picture is never
/// held, only a strip of it (at most [`MAX_SIDE`] x this x four bytes) and
/// the compressed file.
const STRIP_ROWS: u32 = 128;

/// Where fonts are looked for.
#[derive(Debug, Clone, Default)]
pub struct FontSources {
    /// Folders of font files, searched before the system's.
    pub dirs: Vec<PathBuf>,
    /// Leave the system's fonts out: the same picture on every machine.
    pub no_system: bool,
}

/// The fonts found, ready to draw with.
pub struct Fonts {
    db: Arc<fontdb::Database>,
    /// The font chosen for each kind of text, once per picture.
    chosen: RefCell<HashMap<TextKind, Option<(fontdb::ID, String)>>>,
}

/// What decides the font a piece of text needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum TextKind {
    /// Latin, Greek or Cyrillic, and what goes between words: the
    /// picture's own font.
    Plain,
    /// Emoji and pictographs.
    Pictographs,
    /// Letters of another script.
    Letters(Script),
}

impl TextKind {
    /// `None` for characters that take the kind of the text around them
    /// (spaces, punctuation, digits, marks, joiners).
    fn of(c: char) -> Option<TextKind> {
        if is_pictograph(c) {
            return Some(TextKind::Pictographs);
        }
        match c.script() {
            Script::Common | Script::Inherited | Script::Unknown => None,
            Script::Latin | Script::Greek | Script::Cyrillic => Some(TextKind::Plain),
            script => Some(TextKind::Letters(script)),
        }
    }
}

/// Emoji and pictographs, which colour fonts draw.
fn is_pictograph(c: char) -> bool {
    matches!(c, '\u{1F000}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}' | '\u{2B50}' | '\u{2B55}' | '\u{3030}' | '\u{303D}')
}

/// Scripts whose letters a font shapes together (joining, reordering,
/// ligatures): a line holding them is shaped by their font first.
fn shapes_together(kind: TextKind) -> bool {
    match kind {
        TextKind::Letters(script) => !matches!(
            script,
            Script::Han | Script::Hiragana | Script::Katakana | Script::Hangul | Script::Bopomofo
        ),
        _ => false,
    }
}

impl FontChooser for Fonts {
    fn choose(&self, line: &str) -> LineFonts {
        let line_face = self.line_face(line);
        let mut runs: Vec<(Range<usize>, TextKind)> = Vec::new();
        for (at, c) in line.char_indices() {
            let end = at + c.len_utf8();
            // Punctuation the line's font lacks (an em dash in an Arabic
            // font) is drawn in the picture's font, not left to a fallback
            // that cannot merge into the shaped line.
            let kind = TextKind::of(c).or_else(|| {
                line_face
                    .as_ref()
                    .filter(|(id, _)| !c.is_whitespace() && !is_invisible(c) && !has_char(&self.db, *id, c))
                    .map(|_| TextKind::Plain)
            });
            match (runs.last_mut(), kind) {
                (Some((range, _)), None) => range.end = end,
                (Some((range, kind)), Some(this)) if *kind == this => range.end = end,
                (_, kind) => runs.push((at..end, kind.unwrap_or(TextKind::Plain))),
            }
        }
        let runs = runs
            .into_iter()
            .map(|(range, kind)| {
                let piece = line.get(range.clone()).unwrap_or_default();
                let family = match kind {
                    // In the line's font, or the picture's.
                    _ if shapes_together(kind) => None,
                    TextKind::Plain if line_face.is_none() => None,
                    kind => self.face_for(kind, piece).map(|(_, family)| family),
                };
                (range, family)
            })
            .collect();
        LineFonts {
            line: line_face.map(|(_, family)| family),
            runs,
        }
    }
}

impl Fonts {
    /// The font of a line holding letters that shape together, if any.
    fn line_face(&self, line: &str) -> Option<(fontdb::ID, String)> {
        let kind = line
            .chars()
            .filter_map(TextKind::of)
            .find(|kind| shapes_together(*kind))?;
        let letters: String = line.chars().filter(|c| TextKind::of(*c) == Some(kind)).collect();
        self.face_for(kind, &letters)
    }

    /// The face to draw `piece` (text of `kind`) in: the one chosen for
    /// its kind when that has all its letters, else the best for it.
    fn face_for(&self, kind: TextKind, piece: &str) -> Option<(fontdb::ID, String)> {
        let letters: Vec<char> = piece
            .chars()
            .filter(|c| !c.is_whitespace() && !is_invisible(*c))
            .collect();
        let mut chosen = self.chosen.borrow_mut();
        let for_kind = chosen
            .entry(kind)
            .or_insert_with(|| best_face(&self.db, &letters, kind))
            .clone();
        match for_kind {
            Some((id, family)) if letters.iter().all(|c| has_char(&self.db, id, *c)) => Some((id, family)),
            _ => best_face(&self.db, &letters, kind),
        }
    }
}

/// The face that has most of `letters`, sans-serif, of normal width and
/// named for the script (or for emoji) before others.
fn best_face(db: &fontdb::Database, letters: &[char], kind: TextKind) -> Option<(fontdb::ID, String)> {
    let named_for = match kind {
        TextKind::Pictographs => "Emoji",
        TextKind::Letters(Script::Han | Script::Hiragana | Script::Katakana | Script::Hangul) => "CJK",
        TextKind::Letters(script) => script.full_name(),
        TextKind::Plain => "Sans",
    };
    let mut best: Option<(usize, i32, fontdb::ID, &str)> = None;
    for face in db.faces() {
        let covered = letters.iter().filter(|c| has_char(db, face.id, **c)).count();
        if covered == 0 {
            continue;
        }
        let family = face.families.first().map_or("", |(name, _)| name.as_str());
        let mut score = 0;
        if !named_for.is_empty() && family.contains(named_for) {
            score += 4;
        }
        if face.weight == fontdb::Weight::NORMAL && face.style == fontdb::Style::Normal {
            score += 2;
        }
        score += shape_score(face, family);
        if best.is_none_or(|(most, top, _, _)| (covered, score) > (most, top)) {
            best = Some((covered, score, face.id, family));
        }
    }
    best.map(|(_, _, id, family)| (id, family.to_string()))
}

impl Fonts {
    /// Loads the fonts of `sources`. Folders that do not exist hold none.
    pub fn load(sources: &FontSources) -> Fonts {
        let mut db = fontdb::Database::new();
        for dir in &sources.dirs {
            db.load_fonts_dir(dir);
        }
        // Naming a folder means wanting its fonts: its first family draws
        // the text, the system's fill in what it lacks.
        let from_dirs = db
            .faces()
            .next()
            .and_then(|face| face.families.first())
            .map(|(name, _)| name.clone());
        if !sources.no_system {
            db.load_system_fonts();
        }
        let chosen = from_dirs.or_else(|| {
            let families: BTreeSet<&str> = db
                .faces()
                .flat_map(|face| face.families.iter().map(|(name, _)| name.as_str()))
                .collect();
            PREFERRED_SANS
                .iter()
                .find(|name| families.contains(*name))
                .or_else(|| families.iter().next())
                .map(|name| name.to_string())
        });
        if let Some(family) = chosen {
            db.set_sans_serif_family(family.clone());
            // The fallback usvg gives any text whose families are all missing.
            db.set_serif_family(family);
        }
        Fonts {
            db: Arc::new(db),
            chosen: RefCell::new(HashMap::new()),
        }
    }

    /// Whether no font was found.
    pub fn is_empty(&self) -> bool {
        self.db.is_empty()
    }
}

/// A picture drawn.
#[derive(Debug)]
pub struct Png {
    pub bytes: Vec<u8>,
    pub width: u32,
    pub height: u32,
    /// The families that drew its text, the main one first.
    pub fonts: Vec<String>,
    /// Symbols (emoji, arrows) no font has, drawn as empty boxes: a
    /// warning, where missing letters are an error.
    pub missing_symbols: Vec<char>,
}

/// Why no picture was drawn.
#[derive(Debug)]
pub enum PngError {
    /// No font at all.
    NoFonts,
    /// Letters of a script no font has.
    Uncovered { script: &'static str, sample: String },
    /// The SVG could not be read (a fault of ours).
    Svg(String),
    /// The text layout engine failed on the map's text.
    Layout,
    /// The picture could not be encoded or allocated.
    Encode(String),
}

impl fmt::Display for PngError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PngError::NoFonts => write!(
                f,
                "no fonts found to draw the picture's text\n  = help: install a font package \
                 (Debian and Ubuntu: fonts-noto-core or fonts-dejavu-core), or name a folder of \
                 .ttf/.otf files with --font-dir"
            ),
            PngError::Uncovered { script, sample } => write!(
                f,
                "no font found has the {script} letters of this map ({sample}), so the picture \
                 would show them as empty boxes\n  = help: {}, or name a folder of .ttf/.otf files \
                 with --font-dir; the SVG (--format svg) and HTML (--format html) exports use the \
                 fonts of whoever views them",
                install_hint(script)
            ),
            PngError::Svg(message) => write!(f, "cannot read the picture's SVG: {message}"),
            PngError::Layout => write!(
                f,
                "the text layout engine failed on this map's text\n  = help: export --format svg \
                 or --format html, which browsers draw"
            ),
            PngError::Encode(message) => write!(f, "cannot encode the picture: {message}"),
        }
    }
}

impl std::error::Error for PngError {}

/// Which font package covers a script, in words.
fn install_hint(script: &str) -> String {
    let package = match script {
        "Han" | "Hiragana" | "Katakana" | "Hangul" | "Bopomofo" => "fonts-noto-cjk",
        _ => "fonts-noto-core",
    };
    format!("install a font that has {script} (Debian and Ubuntu: {package})")
}

/// The journey picture of `map` as a PNG: the SVG with each piece of text
/// in a font that has it, or, should the layout engine fail on that, the
/// plain SVG with the engine's own font fallback.
pub fn journey(
    map: &crate::model::JourneyMap,
    matrix: &crate::analysis::Matrix,
    filter: &crate::analysis::MatrixFilter,
    today: crate::model::typed::Period,
    fonts: &Fonts,
) -> Result<Png, PngError> {
    draw_journey(
        &super::svg::journey_for_raster(map, matrix, filter, today, fonts),
        || super::svg::journey(map, matrix, filter, today),
        fonts,
    )
}

/// Draws `for_raster` (the SVG of [`super::svg::journey_for_raster`]) or,
/// should the layout engine fail on it, the plain SVG `plain` makes.
pub fn draw_journey(for_raster: &str, plain: impl FnOnce() -> String, fonts: &Fonts) -> Result<Png, PngError> {
    match rasterise(for_raster, fonts) {
        Err(PngError::Layout) => rasterise(&plain(), fonts),
        drawn => drawn,
    }
}

/// What the font resolver saw while laying out the text.
#[derive(Default)]
struct Seen {
    used: Vec<fontdb::ID>,
    missing: BTreeSet<char>,
    /// The fallback found for a character after the fonts already tried:
    /// a name repeats its letters, and every search reads every font.
    fallbacks: HashMap<(char, Vec<fontdb::ID>), Option<fontdb::ID>>,
}

/// The font to draw `c` with when the fonts in `used` lack it: of the fonts
/// that have it, one in the style and weight of the first, sans-serif
/// rather than serif or monospace (the picture is set in sans-serif), and
/// the first found among equals, as usvg's own choice would be.
fn fallback(c: char, used: &[fontdb::ID], db: &fontdb::Database) -> Option<fontdb::ID> {
    let base = used.first().and_then(|id| db.face(*id));
    let mut best: Option<(i32, fontdb::ID)> = None;
    for face in db.faces() {
        if used.contains(&face.id) || !has_char(db, face.id, c) {
            continue;
        }
        let family = face.families.first().map_or("", |(name, _)| name.as_str());
        let mut score = 0;
        if let Some(base) = base {
            score += if face.style == base.style { 4 } else { 0 };
            score += if face.weight == base.weight { 2 } else { 0 };
        }
        score += shape_score(face, family);
        if best.is_none_or(|(top, _)| score > top) {
            best = Some((score, face.id));
        }
    }
    best.map(|(_, id)| id)
}

/// Draws `svg` (a picture of [`super::svg`]) with `fonts`.
pub fn rasterise(svg: &str, fonts: &Fonts) -> Result<Png, PngError> {
    if fonts.is_empty() {
        return Err(PngError::NoFonts);
    }
    let seen = Arc::new(Mutex::new(Seen::default()));
    let default_font = usvg::FontResolver::default_font_selector();
    let on_font = Arc::clone(&seen);
    let on_fallback = Arc::clone(&seen);
    let options = usvg::Options {
        fontdb: Arc::clone(&fonts.db),
        font_resolver: usvg::FontResolver {
            select_font: Box::new(move |font, db| {
                let id = default_font(font, db);
                if let Some(id) = id {
                    note_used(&on_font, id);
                }
                id
            }),
            select_fallback: Box::new(move |c, used, db| {
                let mut seen = on_fallback.lock().unwrap_or_else(PoisonError::into_inner);
                let key = (c, used.to_vec());
                let id = match seen.fallbacks.get(&key) {
                    Some(id) => *id,
                    None => {
                        let id = fallback(c, used, db);
                        seen.fallbacks.insert(key, id);
                        id
                    }
                };
                match id {
                    Some(id) if !seen.used.contains(&id) => seen.used.push(id),
                    Some(_) => {}
                    None => {
                        seen.missing.insert(c);
                    }
                }
                id
            }),
        },
        ..usvg::Options::default()
    };
    let tree = parse_guarded(svg, &options)?;
    let seen = std::mem::take(&mut *seen.lock().unwrap_or_else(PoisonError::into_inner));

    let letters: Vec<char> = seen
        .missing
        .iter()
        .copied()
        .filter(|c| is_letter_of_a_script(*c))
        .collect();
    if let Some(&first) = letters.first() {
        let script = first.script();
        let sample: String = letters.iter().filter(|c| c.script() == script).take(8).collect();
        return Err(PngError::Uncovered {
            script: script_name(script),
            sample,
        });
    }
    let missing_symbols = seen
        .missing
        .iter()
        .copied()
        .filter(|c| !c.is_whitespace() && !is_invisible(*c))
        .collect();

    let size = tree.size();
    let (width, height) = (size.width(), size.height());
    let scale = SCALE
        .min((MAX_PIXELS / (width * height)).sqrt())
        .min(MAX_SIDE / width)
        .min(MAX_SIDE / height);
    let (pixels_wide, pixels_high) = ((width * scale).ceil() as u32, (height * scale).ceil() as u32);
    let (pixels_wide, pixels_high) = (pixels_wide.max(1), pixels_high.max(1));
    let bytes = draw_in_strips(&tree, scale, pixels_wide, pixels_high, STRIP_ROWS)?;

    let mut families: Vec<String> = Vec::new();
    for id in seen.used {
        if let Some(face) = fonts.db.face(id)
            && let Some((name, _)) = face.families.first()
            && !families.contains(name)
        {
            families.push(name.clone());
        }
    }
    Ok(Png {
        bytes,
        width: pixels_wide,
        height: pixels_high,
        fonts: families,
        missing_symbols,
    })
}

/// How well a face's shape suits the picture, set in sans-serif: normal
/// width, not monospace or serif.
/// `tree` drawn at `scale` into a PNG of `width` x `height` pixels, `rows`
/// rows of pixels at a time: each strip is drawn with the picture moved up
/// by the rows above it, and its pixels (premultiplied by their alpha while
/// drawn, as tiny-skia draws) are written out as the PNG holds them.
fn draw_in_strips(tree: &usvg::Tree, scale: f32, width: u32, height: u32, rows: u32) -> Result<Vec<u8>, PngError> {
    let encoding = |e: png::EncodingError| PngError::Encode(e.to_string());
    let rows = rows.clamp(1, height);
    let mut strip = tiny_skia::Pixmap::new(width, rows)
        .ok_or_else(|| PngError::Encode(format!("a {width}x{height} picture is too large")))?;
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(encoding)?;
    let mut stream = writer.stream_writer().map_err(encoding)?;
    let mut line = Vec::with_capacity(width as usize * 4);
    let mut top = 0;
    while top < height {
        let drawn = rows.min(height - top);
        strip.fill(tiny_skia::Color::TRANSPARENT);
        resvg::render(
            tree,
            tiny_skia::Transform::from_row(scale, 0.0, 0.0, scale, 0.0, -(top as f32)),
            &mut strip.as_mut(),
        );
        for row in strip.pixels().chunks_exact(width as usize).take(drawn as usize) {
            line.clear();
            for pixel in row {
                let color = pixel.demultiply();
                line.extend_from_slice(&[color.red(), color.green(), color.blue(), color.alpha()]);
            }
            std::io::Write::write_all(&mut stream, &line).map_err(|e| PngError::Encode(e.to_string()))?;
        }
        top += drawn;
    }
    stream.finish().map_err(encoding)?;
    writer.finish().map_err(encoding)?;
    Ok(bytes)
}

fn shape_score(face: &fontdb::FaceInfo, family: &str) -> i32 {
    let mut score = 0;
    if face.stretch != fontdb::Stretch::Normal {
        score -= 2;
    }
    if family.contains("Mono") || family.contains("Serif") {
        score -= 3;
    } else if family.contains("Sans") {
        score += 1;
    }
    score
}

/// Whether the font `id` has a glyph for `c`.
fn has_char(db: &fontdb::Database, id: fontdb::ID, c: char) -> bool {
    db.with_face_data(id, |data, index| {
        skrifa::FontRef::from_index(data, index).is_ok_and(|font| font.charmap().map(c).is_some())
    })
    .unwrap_or(false)
}

/// The SVG read and its text laid out, a failure of the layout engine
/// (it has panicked on text mixing fonts in ways it does not foresee)
/// reported as an error instead of ending the program. The panic hook is
/// silenced meanwhile, so the workbench's hook does not restore the
/// terminal in the middle of a session.
fn parse_guarded(svg: &str, options: &usvg::Options) -> Result<usvg::Tree, PngError> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let parsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| usvg::Tree::from_str(svg, options)));
    std::panic::set_hook(previous);
    match parsed {
        Ok(Ok(tree)) => Ok(tree),
        Ok(Err(e)) => Err(PngError::Svg(e.to_string())),
        Err(_) => Err(PngError::Layout),
    }
}

fn note_used(seen: &Mutex<Seen>, id: fontdb::ID) {
    // Only the main font is noted here; fallbacks are noted where found.
    let mut seen = seen.lock().unwrap_or_else(PoisonError::into_inner);
    if !seen.used.contains(&id) {
        seen.used.push(id);
    }
}

/// A letter (or mark, or digit) of a writing system, whose absence makes a
/// name unreadable; symbols and emoji belong to no script ("Common").
fn is_letter_of_a_script(c: char) -> bool {
    !matches!(c.script(), Script::Common | Script::Inherited | Script::Unknown)
}

/// Joiners, selectors and marks a font need not draw.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2069}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{E0100}'..='\u{E01EF}'
    )
}

/// The English name of a script: "Arabic", "Han".
fn script_name(script: Script) -> &'static str {
    script.full_name()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_of_a_script_are_told_from_symbols() {
        assert!(is_letter_of_a_script('ب'));
        assert!(is_letter_of_a_script('咖'));
        assert!(!is_letter_of_a_script('☕'));
        assert!(!is_letter_of_a_script('→'));
        assert_eq!(script_name('ب'.script()), "Arabic");
        assert_eq!(script_name('咖'.script()), "Han");
    }

    #[test]
    fn no_fonts_is_an_error_not_an_empty_picture() {
        let fonts = Fonts::load(&FontSources {
            dirs: vec![],
            no_system: true,
        });
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text y="9">a</text></svg>"#;
        assert!(matches!(rasterise(svg, &fonts), Err(PngError::NoFonts)));
    }

    /// The pixels of a PNG, as RGBA rows, and its size.
    fn pixels_of(png_bytes: &[u8]) -> (Vec<u8>, u32, u32) {
        let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
        let Ok(mut reader) = decoder.read_info() else {
            panic!("the PNG cannot be read");
        };
        let mut pixels = vec![0; reader.output_buffer_size().unwrap_or_default()];
        let Ok(info) = reader.next_frame(&mut pixels) else {
            panic!("the PNG's pixels cannot be read");
        };
        pixels.truncate(info.buffer_size());
        (pixels, info.width, info.height)
    }

    #[test]
    fn a_picture_drawn_in_strips_is_the_picture_drawn_whole() {
        // Edges that fall inside strips and across their borders, at a
        // scale that puts them between pixels, with transparency, strokes,
        // a gradient and a curve.
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="61" height="47">
            <defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1">
                <stop offset="0" stop-color="#d33"/><stop offset="1" stop-color="#33d" stop-opacity="0.4"/>
            </linearGradient></defs>
            <rect x="0" y="0" width="61" height="47" fill="#fafafa"/>
            <rect x="3.3" y="2.7" width="40.2" height="30.9" rx="4" fill="url(#g)" stroke="#222" stroke-width="1.3"/>
            <circle cx="40" cy="30" r="13.7" fill="#0a0" fill-opacity="0.5"/>
            <path d="M2 45 C 20 5, 40 60, 59 3" fill="none" stroke="#c0f" stroke-width="2.2" stroke-opacity="0.7"/>
            <rect x="50" y="40.2" width="9" height="6.5" fill="none" stroke="#000" stroke-width="0.4"/>
        </svg>"##;
        let Ok(tree) = usvg::Tree::from_str(svg, &usvg::Options::default()) else {
            panic!("the test picture parses");
        };
        let scale = 1.7;
        let (width, height) = (104, 80);
        let Some(mut whole) = tiny_skia::Pixmap::new(width, height) else {
            panic!("a pixmap");
        };
        resvg::render(
            &tree,
            tiny_skia::Transform::from_scale(scale, scale),
            &mut whole.as_mut(),
        );
        let Ok(expected) = whole.encode_png() else {
            panic!("tiny-skia encodes it");
        };
        let expected = pixels_of(&expected);
        // tiny-skia smooths an edge a little differently when the shape
        // reaches beyond the pixmap it draws into: pixels on the edges of
        // shapes that cross a strip's border may differ by a shade, never
        // a colour, and nothing else may.
        for rows in [7, 64, 80, 500] {
            let Ok(strips) = draw_in_strips(&tree, scale, width, height, rows) else {
                panic!("drawn in strips of {rows}");
            };
            let (pixels, w, h) = pixels_of(&strips);
            assert_eq!((w, h), (width, height));
            let most = pixels.iter().zip(&expected.0).map(|(a, b)| a.abs_diff(*b)).max();
            assert!(most <= Some(40), "strips of {rows} rows: a pixel differs by {most:?}");
            if rows >= height {
                assert!(pixels == expected.0, "one strip is the whole picture");
            }
        }
        // The picture is not blank: the comparison compares something.
        assert!(expected.0.chunks_exact(4).any(|p| p[1] > 150 && p[0] < 100));
    }
}
