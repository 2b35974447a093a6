//! `report --format html|svg|png`: the page read back by an HTML5 parser
//! (html5ever, through scraper), the SVG by usvg, the PNG decoded; every
//! example map's stages, touchpoints, personas and USPs on the page; map
//! text never markup; the persona filter; the font errors.

use std::path::Path;

use scraper::{Html, Selector};

use super::report::TODAY;
use crate::common;
use common::{example_maps, fixture, has_raw_control, journeymap, stdout_of};
use journeymap::model::JourneyMap;

const TEST_FONTS: &str = "tests/fixtures/fonts";

fn load(map: &Path) -> JourneyMap {
    journeymap::store::load(map).unwrap().map
}

fn page(map: &str, extra: &[&str]) -> String {
    let mut args = vec!["report", map, "-f", "html", "--today", TODAY];
    args.extend_from_slice(extra);
    stdout_of(&args)
}

fn parse(html: &str) -> Html {
    let document = Html::parse_document(html);
    assert!(
        document.errors.is_empty(),
        "the page is not clean HTML5: {:?}",
        document.errors
    );
    document
}

fn select<'d>(document: &'d Html, css: &str) -> Vec<scraper::ElementRef<'d>> {
    let selector = Selector::parse(css).unwrap();
    document.select(&selector).collect()
}

fn texts(document: &Html, css: &str) -> Vec<String> {
    select(document, css)
        .iter()
        .map(|element| element.text().collect::<String>())
        .collect()
}

/// Text as an SVG holds it: XML's five escapes undone.
fn unescape_xml(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The text of every `<text>` element of an SVG, unescaped.
fn svg_text(svg: &str) -> String {
    let mut all = String::new();
    let mut rest = svg;
    while let Some(start) = rest.find("<text") {
        let open_end = start + rest[start..].find('>').unwrap() + 1;
        let end = open_end + rest[open_end..].find("</text>").unwrap();
        let inner = &rest[open_end..end];
        // Drop tspans' tags, keep their text.
        let mut plain = String::new();
        let mut in_tag = false;
        for c in inner.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => plain.push(c),
                _ => {}
            }
        }
        all.push_str(&unescape_xml(&plain));
        all.push('\n');
        rest = &rest[end..];
    }
    all
}

#[test]
fn every_example_map_has_its_stages_touchpoints_personas_and_usps_on_the_page() {
    let maps = example_maps();
    assert!(maps.len() >= 4, "the examples are missing");
    for path in maps {
        let map = load(&path);
        let html = page(path.to_str().unwrap(), &[]);
        assert!(!has_raw_control(&html), "{}: raw control characters", path.display());
        let document = parse(&html);
        let stages = texts(&document, "table.journey thead th.stage");
        assert_eq!(stages.len(), map.stages.len(), "{}", path.display());
        for (n, stage) in map.stages.iter().enumerate() {
            assert_eq!(stages[n], format!("{}. {}", n + 1, stage.name), "{}", path.display());
        }
        let cards = texts(&document, ".tp .name");
        let mut expected: Vec<&str> = Vec::new();
        for stage in &map.stages {
            expected.extend(
                map.touchpoints
                    .iter()
                    .filter(|t| t.stage == stage.id)
                    .map(|t| t.name.as_str()),
            );
        }
        assert_eq!(cards, expected, "{}: the cards, stage by stage", path.display());
        let personas = texts(&document, "#personas h3");
        let names: Vec<&str> = map.personas.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(personas, names, "{}", path.display());
        let usps = texts(&document, "#segments ul.usps li");
        let all_usps: Vec<&str> = map
            .segments
            .iter()
            .flat_map(|s| s.usps.iter().map(String::as_str))
            .collect();
        assert!(!all_usps.is_empty(), "{}: an example without USPs", path.display());
        assert_eq!(usps, all_usps, "{}", path.display());
        // One emotion curve, a point per stage.
        assert_eq!(select(&document, "td.curve svg circle").len(), map.stages.len());
        // The heat map has a row per tactic.
        assert_eq!(
            select(&document, "table.heat tbody tr:not(.group)").len(),
            map.tactics.len(),
            "{}",
            path.display()
        );
    }
}

#[test]
fn the_page_is_self_contained_and_prints_and_follows_the_readers_colours() {
    let html = page("maps/bean-box-coffee.ron", &[]);
    let document = parse(&html);
    assert!(select(&document, "script, link, iframe, img, object").is_empty());
    assert!(!html.contains("http://") || html.matches("http://").count() == html.matches("http://www.w3.org").count());
    assert!(!html.contains("https://"), "the page fetches nothing");
    let style = texts(&document, "style").concat();
    assert!(style.contains("@media (prefers-color-scheme: dark)"));
    assert!(style.contains("@page { size: landscape"));
    assert!(style.contains("break-before: page"));
    // Every element holding map text says its direction is its own.
    for element in select(
        &document,
        ".tp .name, #personas h3, #segments li, table.journey th.stage",
    ) {
        assert_eq!(element.value().attr("dir"), Some("auto"), "{}", element.html());
    }
}

#[test]
fn map_text_never_becomes_markup_in_the_page_or_the_picture() {
    let map_path = fixture("hostile-names.ron");
    let map = load(Path::new(&map_path));
    let html = page(&map_path, &[]);
    let document = parse(&html);
    assert!(select(&document, "script, img, a, b, i, em, iframe, style:not(head style)").is_empty());
    assert_eq!(select(&document, "svg").len(), 1, "only the emotion curve is an svg");
    for element in select(&document, "*") {
        for (name, _) in element.value().attrs() {
            assert!(
                !name.starts_with("on"),
                "an event handler attribute: {}",
                element.html()
            );
        }
    }
    assert_eq!(texts(&document, "title"), std::slice::from_ref(&map.title));
    let everything = document.root_element().text().collect::<String>();
    for name in [
        &map.stages[0].name,
        &map.stages[1].name,
        &map.tactics[0].name,
        &map.personas[0].name,
        &map.segments[0].name,
        &map.segments[0].usps[0],
        &map.touchpoints[0].name,
        &map.touchpoints[2].name,
        &map.competitors[0].name,
        &map.competitors[0].usp,
    ] {
        assert!(
            everything.contains(name.as_str()),
            "{name:?} is not on the page as text"
        );
    }

    let svg = stdout_of(&["report", &map_path, "-f", "svg", "--today", TODAY]);
    assert!(!svg.contains("<script") && !svg.contains("<img") && !svg.contains("<svg onload"));
    resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default()).expect("the SVG parses");
    // Names are broken into lines in the picture, which follow each other:
    // without the spaces lines break at, each name is there as text.
    let solid = |text: &str| text.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let text = solid(&svg_text(&svg));
    for name in [&map.touchpoints[0].name, &map.tactics[0].name, &map.stages[0].name] {
        assert!(text.contains(&solid(name)), "{name:?} is not text in:\n{text}");
    }
}

#[test]
fn every_example_maps_svg_parses_and_names_every_stage() {
    for path in example_maps() {
        let map = load(&path);
        let svg = stdout_of(&["report", path.to_str().unwrap(), "-f", "svg", "--today", TODAY]);
        assert!(!has_raw_control(&svg));
        let tree = resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        // The width follows the stages.
        let width = tree.size().width();
        assert!(width > 224.0 * map.stages.len() as f32, "{}: {width}", path.display());
        let text = svg_text(&svg);
        for stage in &map.stages {
            for word in stage.name.split_whitespace() {
                assert!(text.contains(word), "{}: {word:?} of {:?}", path.display(), stage.name);
            }
        }
    }
}

#[test]
fn a_wider_map_makes_a_wider_svg() {
    let narrow = stdout_of(&["report", "maps/souk-to-shelf.ron", "-f", "svg", "--today", TODAY]);
    let wide = stdout_of(&["report", "maps/bean-box-coffee.ron", "-f", "svg", "--today", TODAY]);
    let width = |svg: &str| {
        resvg::usvg::Tree::from_str(svg, &resvg::usvg::Options::default())
            .unwrap()
            .size()
            .width()
    };
    let stages = |path: &str| load(Path::new(path)).stages.len() as f32;
    let per_stage =
        (width(&wide) - width(&narrow)) / (stages("maps/bean-box-coffee.ron") - stages("maps/souk-to-shelf.ron"));
    assert!((per_stage - 236.0).abs() < 0.5, "a column and its gutter: {per_stage}");
}

#[test]
fn the_persona_filter_keeps_the_touchpoints_aimed_at_the_persona_or_at_everyone() {
    let map = load(Path::new("maps/bean-box-coffee.ron"));
    let persona = &map.personas[0].id;
    let html = page("maps/bean-box-coffee.ron", &["--persona", persona]);
    let document = parse(&html);
    let cards = texts(&document, ".tp .name");
    let mut expected: Vec<&str> = Vec::new();
    for stage in &map.stages {
        expected.extend(
            map.touchpoints
                .iter()
                .filter(|t| t.stage == stage.id && (t.personas.is_empty() || t.personas.contains(persona)))
                .map(|t| t.name.as_str()),
        );
    }
    assert!(expected.len() < map.touchpoints.len(), "the filter must leave some out");
    assert_eq!(cards, expected);
    let note = texts(&document, "p.filter").concat();
    assert!(note.contains(&map.personas[0].name), "{note}");
    // The heat map counts the same touchpoints.
    let total = texts(&document, "table.heat tfoot td").last().cloned().unwrap();
    let counted = map
        .touchpoints
        .iter()
        .filter(|t| t.personas.is_empty() || t.personas.contains(persona))
        .count();
    assert_eq!(total, counted.to_string());

    let unknown = journeymap(&[
        "report",
        "maps/bean-box-coffee.ron",
        "-f",
        "html",
        "--persona",
        "nobody",
    ]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("no persona with id `nobody`"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn options_that_do_not_apply_are_refused_with_what_to_do() {
    let out = journeymap(&[
        "report",
        "maps/bean-box-coffee.ron",
        "-f",
        "html",
        "--section",
        "matrix",
    ]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("leave out --section"), "{}", out.stderr);
    let out = journeymap(&[
        "report",
        "maps/bean-box-coffee.ron",
        "-f",
        "svg",
        "--font-dir",
        TEST_FONTS,
    ]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("--font-dir and --no-system-fonts apply to --format png")
    );
    let out = journeymap(&["report", "maps/bean-box-coffee.ron", "-f", "text", "--persona", "maya"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("journeymap matrix --persona"), "{}", out.stderr);
}

#[test]
fn the_png_is_drawn_with_the_fonts_named_and_has_the_svgs_size_twice_over() {
    // A small map: rasterising a large one takes seconds in a debug build.
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("small.ron");
    std::fs::write(
        &map,
        r#"JourneyMap(
    title: "Small shop",
    stages: [
        Stage(id: "aware", name: "Aware", goal: "Be found", emotion: -1),
        Stage(id: "buy", name: "Buy", emotion: 1),
    ],
    tactics: [Tactic(id: "ads", name: "Search ads", discipline: "Advertising")],
    touchpoints: [
        Touchpoint(id: "ad", name: "Search ad for the shop", stage: "aware", tactics: ["ads"], channel: "Google"),
        Touchpoint(id: "till", name: "Friendly till", stage: "buy"),
    ],
)
"#,
    )
    .unwrap();
    let map = map.to_str().unwrap();
    let png = dir.path().join("journey.png");
    let out = journeymap(&[
        "report",
        map,
        "-f",
        "png",
        "--today",
        TODAY,
        "--font-dir",
        TEST_FONTS,
        "--no-system-fonts",
        "-o",
        png.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("with Picture Test Sans"), "{}", out.stderr);
    assert!(!out.stderr.contains("warning"), "{}", out.stderr);
    let svg = stdout_of(&["report", map, "-f", "svg", "--today", TODAY]);
    let size = resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default())
        .unwrap()
        .size();
    let pixmap = resvg::tiny_skia::Pixmap::load_png(&png).expect("the PNG decodes");
    assert_eq!(pixmap.width(), (size.width() * 2.0).ceil() as u32);
    assert_eq!(pixmap.height(), (size.height() * 2.0).ceil() as u32);
    // Text was drawn: the test font's boxes are dark, the page is light.
    let dark = pixmap
        .pixels()
        .iter()
        .filter(|p| u16::from(p.red()) + u16::from(p.green()) + u16::from(p.blue()) < 200)
        .count();
    assert!(dark > 5_000, "only {dark} dark pixels");
}

#[test]
fn a_png_whose_letters_no_font_has_is_an_error_not_an_empty_picture() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("souk.png");
    let out = journeymap(&[
        "report",
        "maps/souk-to-shelf.ron",
        "-f",
        "png",
        "--font-dir",
        TEST_FONTS,
        "--no-system-fonts",
        "-o",
        png.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("no font found has the Arabic letters"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("fonts-noto-core") && out.stderr.contains("--font-dir"));
    assert!(!png.exists(), "no picture is written");

    let none = journeymap(&[
        "report",
        "maps/bean-box-coffee.ron",
        "-f",
        "png",
        "--font-dir",
        "no/such/folder",
        "--no-system-fonts",
        "-o",
        png.to_str().unwrap(),
    ]);
    assert_eq!(none.code, 2);
    assert!(none.stderr.contains("no fonts found"), "{}", none.stderr);
    assert!(!png.exists());
}
