//! `journeymap import` as a user runs it: the real binary on Mermaid
//! diagrams (Mermaid's documented example, its parser's own test cases,
//! real-looking diagrams in Chinese, Japanese and Spanish), CSV sheets
//! (a byte-order mark, semicolons, quoted line breaks, an Arabic header
//! row, a canvas, bad rows) and XLSX workbooks written here.
//!
//! The round trip through `report --format mermaid` is checked with a
//! parser written below that follows Mermaid's own journey grammar (its
//! jison lexer rules, first match wins, and its `addTask`): the project has
//! no JavaScript to run Mermaid itself.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use common::{Run, journeymap_in};
use journeymap::model::JourneyMap;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn run(args: &[&str], dir: &Path) -> Run {
    journeymap_in(args, dir, Duration::from_secs(60))
}

fn load(path: &Path) -> JourneyMap {
    match journeymap::store::load(path) {
        Ok(loaded) => loaded.map,
        Err(e) => panic!("{}: {e}", path.display()),
    }
}

/// Imports `source` into `dir/out.ron`, insisting on `code`; the map.
fn import(source: &Path, extra: &[&str], code: i32) -> (JourneyMap, Run, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let source = source.to_str().unwrap();
    let mut args = vec!["import", source, "-o", "out.ron"];
    args.extend_from_slice(extra);
    let out = run(&args, dir.path());
    assert_eq!(out.code(), Some(code), "{}", out.stderr_text());
    (load(&dir.path().join("out.ron")), out, dir)
}

fn names<T>(items: &[T], name: fn(&T) -> &str) -> Vec<&str> {
    items.iter().map(name).collect()
}

// ---------------------------------------------------------------------------
// A journey as Mermaid's parser reads it.

#[derive(Debug, Clone, PartialEq)]
struct Task {
    section: String,
    task: String,
    score: f64,
    people: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
struct Journey {
    title: String,
    sections: Vec<String>,
    tasks: Vec<Task>,
}

/// Parses a journey as Mermaid's `journey.jison` lexer and grammar do,
/// rule by rule in their order (jison takes the first rule that matches):
/// comments, newlines, spaces, `#` comments, `journey`, `title`, the
/// accessibility statements, `section`, then a task name and its data.
/// `addTask` splits the data at `:` into a score (JavaScript's `Number`)
/// and people split at `,` and trimmed.
fn mermaid_parse(text: &str) -> Result<Journey, String> {
    // Mermaid takes `%%{...}%%` directives out before the parser runs.
    let text: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("%%{"))
        .map(|l| format!("{l}\n"))
        .collect();
    let text = text.as_str();
    let mut journey = Journey::default();
    let mut section = String::new();
    let mut rest = text;
    let mut started = false;
    let mut pending_name: Option<String> = None;
    let lower = |s: &str| s.to_lowercase();
    while !rest.is_empty() {
        let l = lower(rest);
        // `\%%(?!\{)[^\n]*` and `[^\}]\%\%[^\n]*`: comments.
        if l.starts_with("%%") && !l.starts_with("%%{") {
            rest = &rest[rest.find('\n').unwrap_or(rest.len())..];
            continue;
        }
        if let Some(first) = rest.chars().next()
            && first != '}'
            && rest[first.len_utf8()..].starts_with("%%")
        {
            rest = &rest[rest.find('\n').unwrap_or(rest.len())..];
            continue;
        }
        let first = rest.chars().next().unwrap();
        if first == '\n' || first.is_whitespace() {
            rest = rest.trim_start();
            continue;
        }
        if first == '#' {
            rest = &rest[rest.find('\n').unwrap_or(rest.len())..];
            continue;
        }
        if pending_name.is_none() && l.starts_with("journey") {
            if started {
                return Err("a second `journey`".into());
            }
            started = true;
            rest = &rest["journey".len()..];
            continue;
        }
        if !started {
            return Err(format!("expected `journey`, found {rest:?}"));
        }
        let line_end = rest.find('\n').unwrap_or(rest.len());
        if pending_name.is_none() && l.starts_with("title") && rest[5..].starts_with(char::is_whitespace) {
            let end = rest.find(['#', '\n', ';']).unwrap_or(rest.len());
            journey.title = rest[6..end].to_string();
            rest = &rest[end..];
            continue;
        }
        let acc = |word: &str, mark: char| {
            l.strip_prefix(word)
                .map(str::trim_start)
                .filter(|r| r.starts_with(mark))
                .map(|r| rest.len() - r.len() + 1)
        };
        if pending_name.is_none()
            && let Some(at) = acc("acctitle", ':').or_else(|| acc("accdescr", ':'))
        {
            rest = &rest[line_end.max(at)..];
            continue;
        }
        if pending_name.is_none()
            && let Some(at) = acc("accdescr", '{')
        {
            let close = rest[at..].find('}').map_or(rest.len(), |c| at + c + 1);
            rest = &rest[close..];
            continue;
        }
        if pending_name.is_none() && l.starts_with("section") && rest[7..].starts_with(char::is_whitespace) {
            let end = rest.find(['#', ':', '\n', ';']).unwrap_or(rest.len());
            section = rest[8..end].to_string();
            journey.sections.push(section.clone());
            rest = &rest[end..];
            continue;
        }
        if first == ':' {
            let Some(name) = pending_name.take() else {
                return Err(format!("a `:` with no task name before it: {rest:?}"));
            };
            let end = rest.find(['#', '\n', ';']).unwrap_or(rest.len());
            let data = &rest[1..end];
            let mut pieces = data.split(':');
            let score_text = pieces.next().unwrap_or("").trim();
            let score = if score_text.is_empty() {
                0.0
            } else {
                score_text.parse::<f64>().unwrap_or(f64::NAN)
            };
            let people = pieces
                .next()
                .map(|p| p.split(',').map(|s| s.trim().to_string()).collect())
                .unwrap_or_default();
            journey.tasks.push(Task {
                section: section.clone(),
                task: name,
                score,
                people,
            });
            rest = &rest[end..];
            continue;
        }
        if first == ';' {
            return Err("`;` is not valid here".into());
        }
        if pending_name.is_some() {
            return Err(format!("a task name with no `: score`: {rest:?}"));
        }
        let end = rest.find(['#', ':', '\n', ';']).unwrap_or(rest.len());
        pending_name = Some(rest[..end].to_string());
        rest = &rest[end..];
        if !rest.starts_with(':') {
            return Err(format!("task {:?} has no `: score`", pending_name.unwrap_or_default()));
        }
    }
    if !started {
        return Err("no `journey` line".into());
    }
    Ok(journey)
}

/// A journey as a person sees it drawn: names trimmed, `<br>` a line
/// break (journeymap's one-line names hold a space there), empty people
/// left out (`E task: 5:` names nobody).
fn as_shown(journey: &Journey) -> Journey {
    let text = |s: &str| {
        let mut s = s.to_string();
        for br in ["<br>", "<br/>", "</br />", "<br\t/>", "<br />", "</br>"] {
            s = s.replace(br, " ");
        }
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    Journey {
        title: text(&journey.title),
        sections: journey.sections.iter().map(|s| text(s)).collect(),
        tasks: journey
            .tasks
            .iter()
            .map(|t| Task {
                section: text(&t.section),
                task: text(&t.task),
                score: t.score.clamp(1.0, 5.0),
                people: t.people.iter().map(|p| text(p)).filter(|p| !p.is_empty()).collect(),
            })
            .collect(),
    }
}

/// The code blocks of a Markdown file that are journeys.
fn diagrams_in(markdown: &str) -> Vec<String> {
    markdown
        .split("```")
        .skip(1)
        .step_by(2)
        .filter_map(|block| block.strip_prefix("mermaid\n"))
        .map(str::to_string)
        .collect()
}

#[test]
fn the_faithful_parser_reads_mermaids_own_test_cases_as_mermaid_does() {
    let cases = std::fs::read_to_string(fixture("mermaid-parser-cases.md")).unwrap();
    let blocks = diagrams_in(&cases);
    assert_eq!(blocks.len(), 6);
    let tasks = mermaid_parse(&blocks[5]).unwrap();
    assert_eq!(tasks.tasks.len(), 8);
    assert_eq!(tasks.tasks[0].people, ["Alice", "Bob", "Charlie"]);
    assert_eq!(tasks.tasks[1].people, ["Bob", "Charlie"]);
    assert!(tasks.tasks[2].people.is_empty());
    assert_eq!(tasks.tasks[4].people, [""]);
    assert_eq!(tasks.tasks[7].section, "Another section");
    for block in &blocks {
        assert!(mermaid_parse(block).is_ok(), "{block}");
    }
    assert!(mermaid_parse("journey\nA task\n").is_err(), "a task needs its data");
}

// ---------------------------------------------------------------------------
// Mermaid in.

#[test]
fn mermaids_documented_example_becomes_a_map() {
    let (map, out, _dir) = import(&fixture("mermaid-docs.mmd"), &[], 0);
    assert!(
        out.stderr_text().contains("touchpoints: 5 new"),
        "{}",
        out.stderr_text()
    );
    assert_eq!(map.title, "My working day");
    assert_eq!(names(&map.stages, |s| &s.name), ["Go to work", "Go home"]);
    assert_eq!(names(&map.personas, |p| &p.name), ["Me", "Cat"]);
    let work = map.touchpoints.iter().find(|t| t.name == "Do work").unwrap();
    assert_eq!(work.personas, ["me", "cat"]);
    assert_eq!(work.emotion, Some(-2), "score 1 is -2");
    let scores: Vec<Option<i8>> = map.touchpoints.iter().map(|t| t.emotion).collect();
    assert_eq!(scores, [Some(2), Some(0), Some(-2), Some(2), Some(2)]);
    // A stage feels as its tasks do on average: (2 + 0 - 2) / 3 and 2.
    assert_eq!((map.stages[0].emotion, map.stages[1].emotion), (0, 2));
}

#[test]
fn mermaids_parser_test_cases_import_one_by_one() {
    let md = fixture("mermaid-parser-cases.md");
    let (title_only, ..) = import(&md, &["--diagram", "1"], 0);
    assert_eq!(title_only.title, "Adding journey diagram functionality to mermaid");
    assert!(title_only.stages.is_empty());
    let (described, ..) = import(&md, &["--diagram", "2"], 0);
    assert_eq!(described.description, "A user journey for family shopping");
    assert_eq!(names(&described.stages, |s| &s.name), ["Order from website"]);
    let (block, ..) = import(&md, &["--diagram", "3"], 0);
    assert_eq!(
        block.description,
        "Adding acc journey diagram functionality to mermaid\n\nA user journey for\nfamily shopping"
    );
    assert_eq!(block.title, "Adding journey diagram functionality to mermaid");
    let (acc_title, ..) = import(&md, &["--diagram", "4"], 0);
    assert_eq!(
        acc_title.title, "The title",
        "no title: the accessible title names the map"
    );
    let (breaks, ..) = import(&md, &["--diagram", "5"], 0);
    assert_eq!(breaks.stages[0].name, "Line1 Line2 Line3 Line4 Line5");
    let (tasks, ..) = import(&md, &["--diagram", "6"], 0);
    assert_eq!(names(&tasks.stages, |s| &s.name), ["Documentation", "Another section"]);
    assert_eq!(tasks.touchpoints.len(), 8);
    let people: Vec<usize> = tasks.touchpoints.iter().map(|t| t.personas.len()).collect();
    assert_eq!(people, [3, 2, 0, 2, 0, 0, 0, 0], "an empty people list names nobody");
    assert_eq!(names(&tasks.personas, |p| &p.name), ["Alice", "Bob", "Charlie"]);
}

#[test]
fn a_markdown_file_with_several_diagrams_gives_a_map_each_and_names_clamped_scores() {
    let dir = tempfile::tempdir().unwrap();
    let es = fixture("es.md");
    let out = run(&["import", es.to_str().unwrap(), "-o", "viaje.ron"], dir.path());
    assert_eq!(
        out.code(),
        Some(1),
        "scores 6, 7 and 8 are warnings: {}",
        out.stderr_text()
    );
    let stderr = out.stderr_text();
    for (line, score) in [(12, 7), (13, 6), (15, 8)] {
        let expected = format!("line {line}: score {score} is outside Mermaid's 1-5: taken as 5 (+2)");
        assert!(stderr.contains(&expected), "{expected}\n{stderr}");
    }
    let bike = load(&dir.path().join("viaje-1.ron"));
    let insurance = load(&dir.path().join("viaje-2.ron"));
    assert_eq!(bike.title, "Compra de una bicicleta");
    assert_eq!(bike.touchpoints[1].name, "Lee reseñas en foros");
    assert_eq!(bike.touchpoints[2].emotion, Some(2));
    assert_eq!(names(&insurance.personas, |p| &p.name), ["Marta", "Agente"]);
    // Asked for one, the other is left alone.
    let one = run(
        &["import", es.to_str().unwrap(), "--diagram", "2", "-o", "seguro.ron"],
        dir.path(),
    );
    assert_eq!(one.code(), Some(0), "{}", one.stderr_text());
    assert_eq!(load(&dir.path().join("seguro.ron")), insurance);
}

#[test]
fn chinese_and_japanese_diagrams_keep_their_script_in_names_and_ids() {
    let (zh, ..) = import(&fixture("zh.mmd"), &[], 0);
    assert_eq!(zh.title, "网上购物之旅");
    assert_eq!(names(&zh.stages, |s| &s.id), ["发现", "购买", "售后"]);
    let refund = zh.touchpoints.iter().find(|t| t.id == "申请退货").unwrap();
    assert_eq!(
        (refund.emotion, refund.personas.as_slice()),
        (Some(-1), &["小李".to_string()][..])
    );
    let (ja, ..) = import(&fixture("ja.mmd"), &[], 0);
    assert_eq!(ja.description, "初めての注文から口コミまで");
    assert_eq!(ja.personas.len(), 2);
}

#[test]
fn import_then_report_mermaid_reads_back_as_the_same_diagram() {
    let mut diagrams: Vec<(String, Vec<&str>)> = Vec::new();
    for file in ["mermaid-docs.mmd", "zh.mmd", "ja.mmd"] {
        diagrams.push((file.to_string(), vec![]));
    }
    for n in ["1", "2"] {
        diagrams.push(("es.md".to_string(), vec!["--diagram", n]));
    }
    for n in ["2", "5", "6"] {
        diagrams.push(("mermaid-parser-cases.md".to_string(), vec!["--diagram", n]));
    }
    for (file, extra) in diagrams {
        let text = std::fs::read_to_string(fixture(&file)).unwrap();
        let source = match extra.get(1) {
            Some(n) => diagrams_in(&text)[n.parse::<usize>().unwrap() - 1].clone(),
            None => text,
        };
        let original = as_shown(&mermaid_parse(&source).unwrap_or_else(|e| panic!("{file}: {e}")));
        let code = if file == "es.md" && extra[1] == "1" { 1 } else { 0 };
        let (_, _, dir) = import(&fixture(&file), &extra, code);
        let exported = run(&["report", "out.ron", "--format", "mermaid"], dir.path());
        assert_eq!(exported.code(), Some(0), "{}", exported.stderr_text());
        let back = mermaid_parse(&exported.stdout_text()).unwrap_or_else(|e| panic!("{file}: {e}"));
        let back = as_shown(&back);
        assert_eq!(back.sections, original.sections, "{file} {extra:?}");
        assert_eq!(back.tasks, original.tasks, "{file} {extra:?}");
    }
}

// ---------------------------------------------------------------------------
// Spreadsheets in.

#[test]
fn csv_with_a_bom_semicolons_and_line_breaks_inside_cells() {
    let (map, out, _dir) = import(&fixture("rows-semicolon-bom.csv"), &[], 1);
    assert_eq!(names(&map.stages, |s| &s.name), ["Aware", "Excite"]);
    let ad = &map.touchpoints[0];
    assert_eq!(ad.name, "Google ad: \"office coffee supplier\"");
    assert_eq!(ad.notes, "Runs on weekdays.\nPaused in August.");
    assert_eq!(
        (ad.channel.as_str(), ad.cta.as_str()),
        ("Google Ads", "See this week's beans")
    );
    assert_eq!((ad.owner.as_str(), ad.metric.as_str()), ("Ana", "Cost per click"));
    assert_eq!(
        map.touchpoints[1].stage, "aware",
        "an empty stage cell is the stage above"
    );
    assert_eq!(map.touchpoints[1].tactics, ["social-video", "blog"]);
    // Nobody alone is called "Olivia" or "office manager": the comma is
    // not taken to separate two personas, and the warning says so.
    assert_eq!(
        names(&map.personas, |p| &p.name),
        ["Olivia, office manager", "Hugo", "Chen, CEO"]
    );
    let stderr = out.stderr_text();
    assert!(
        stderr.contains("line 2, column 5: \"Olivia, office manager\" was read as one persona"),
        "{stderr}"
    );
}

#[test]
fn an_arabic_header_row_is_recognised_with_its_vowel_signs_and_hamza() {
    let (map, ..) = import(&fixture("rows-arabic.csv"), &[], 0);
    assert_eq!(names(&map.stages, |s| &s.name), ["الوعي", "الشراء"]);
    let ad = &map.touchpoints[0];
    assert_eq!((ad.channel.as_str(), ad.cta.as_str()), ("إنستغرام", "اطلب عينة"));
    assert_eq!(ad.notes, "حملة رمضان");
    assert_eq!(
        map.touchpoints[1].personas,
        ["مريم", "خالد"],
        "split at the Arabic semicolon"
    );
    assert_eq!(map.touchpoints[2].emotion, Some(-1));
}

#[test]
fn a_canvas_sheet_has_stages_across_and_lanes_down() {
    let (map, out, _dir) = import(&fixture("canvas.csv"), &[], 1);
    assert_eq!(map.title, "Customer journey: Bean Box offices");
    assert_eq!(
        names(&map.stages, |s| &s.name),
        ["Aware", "Consider", "Buy", "Advocate"]
    );
    let emotions: Vec<i8> = map.stages.iter().map(|s| s.emotion).collect();
    assert_eq!(emotions, [0, -1, 2, 1]);
    assert_eq!(map.stages[0].tactics, ["search-ads", "social-video"]);
    assert_eq!(map.stages[3].track, ["Reviews"]);
    assert_eq!(
        names(&map.touchpoints, |t| &t.name),
        [
            "Google ad",
            "LinkedIn post",
            "Webinar",
            "Price page",
            "Checkout",
            "Review request"
        ]
    );
    assert_eq!(map.touchpoints[2].channel, "Zoom");
    // Lanes the map has no field for are kept, and listed.
    assert_eq!(map.stages[1].notes, "Pain points: Price unclear");
    assert_eq!(map.stages[3].notes, "Opportunities: Referral bonus");
    let stderr = out.stderr_text();
    assert!(stderr.contains("line 8: \"Pain points\" is not a field"), "{stderr}");
    assert!(stderr.contains("line 9: \"Opportunities\" is not a field"), "{stderr}");
}

#[test]
fn tab_separated_values_and_a_format_given_by_hand() {
    let (map, ..) = import(&fixture("rows-tabs.tsv"), &[], 0);
    assert_eq!(map.touchpoints[1].channel, "Spotify");
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("rows-tabs.tsv"), dir.path().join("export.txt")).unwrap();
    let out = run(&["import", "export.txt", "--format", "csv", "-o", "m.ron"], dir.path());
    assert_eq!(out.code(), Some(0), "{}", out.stderr_text());
    assert_eq!(load(&dir.path().join("m.ron")).touchpoints, map.touchpoints);
}

#[test]
fn bad_rows_are_listed_with_their_place_and_nothing_is_dropped_silently() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.csv"),
        "Stage,Touchpoint,Channel,Emotion,Persona,Segment,Budget\n\
         ,Orphan ad,Radio,1,,,\n\
         Aware,Billboard,Street,very loud,,,500\n\
         Aware,,Print,,,,\n\
         Consider,\"Bad \x1b[31mname\",Web,9,Ana,\"Offices; Schools\",\n\
         Consider,Webinar,Zoom,0,,Offices,\n",
    )
    .unwrap();
    let out = run(&["import", "bad.csv", "--column", "Budget=notes"], dir.path());
    assert_eq!(out.code(), Some(1), "{}", out.stderr_text());
    let stderr = out.stderr_text();
    let expected = [
        "line 2: no stage, and no row above names one: touchpoint \"Orphan ad\" was not imported",
        "line 3, column 4: \"very loud\" is not an emotion score",
        "line 4: the row has no touchpoint name, so its other cells were not imported",
        "line 5, column 2: 1 control or bidi-override character was removed",
        "line 5, column 4: emotion 9 is outside -2..+2: taken as +2",
        "line 5: segments \"Offices, Schools\" were created, but a persona belongs to one segment",
        "line 6: segment \"Offices\" was created, but touchpoints address personas",
    ];
    for e in expected {
        assert!(stderr.contains(e), "{e}\n{stderr}");
    }
    assert!(!common::has_raw_control(&stderr));
    let map = load(&dir.path().join("bad.ron"));
    let billboard = map.touchpoints.iter().find(|t| t.name == "Billboard").unwrap();
    assert_eq!(billboard.notes, "Emotion: very loud\n500", "kept, not dropped");
    assert_eq!(map.touchpoints[1].name, "Bad [31mname");
    assert_eq!(names(&map.segments, |s| &s.name), ["Offices", "Schools"]);
}

#[test]
fn unknown_headers_and_fields_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("x.csv"), "Étape,Point de contact\nNotoriété,Affiche\n").unwrap();
    let out = run(&["import", "x.csv"], dir.path());
    assert_eq!(out.code(), Some(2));
    let stderr = out.stderr_text();
    assert!(
        stderr.contains("no column header names a journey field (found \"Étape\", \"Point de contact\")"),
        "{stderr}"
    );
    assert!(stderr.contains("--column 'Header=FIELD'"), "{stderr}");
    let fixed = run(
        &[
            "import",
            "x.csv",
            "--column",
            "Étape=stage",
            "--column",
            "point de contact=touchpoint",
        ],
        dir.path(),
    );
    assert_eq!(fixed.code(), Some(0), "{}", fixed.stderr_text());
    assert_eq!(load(&dir.path().join("x.ron")).touchpoints[0].name, "Affiche");
    let wrong = run(&["import", "x.csv", "--column", "Étape=phase-two"], dir.path());
    assert_eq!(wrong.code(), Some(2));
    assert!(
        wrong.stderr_text().contains("there is no field `phase-two`"),
        "{}",
        wrong.stderr_text()
    );
}

// ---------------------------------------------------------------------------
// XLSX workbooks, written here as Excel writes them: shared strings,
// numbers as numbers, several sheets.

enum Cell {
    Text(&'static str),
    Number(f64),
    Empty,
}

fn write_xlsx(path: &Path, sheets: &[(&str, Vec<Vec<Cell>>)]) {
    use zip::write::SimpleFileOptions;
    let mut strings: Vec<&str> = Vec::new();
    let mut sheet_xml = Vec::new();
    for (_, rows) in sheets {
        let mut xml = String::from(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
        );
        for (r, row) in rows.iter().enumerate() {
            xml.push_str(&format!("<row r=\"{}\">", r + 1));
            for (c, cell) in row.iter().enumerate() {
                let at = format!("{}{}", (b'A' + c as u8) as char, r + 1);
                match cell {
                    Cell::Text(t) => {
                        let n = strings.iter().position(|s| s == t).unwrap_or_else(|| {
                            strings.push(t);
                            strings.len() - 1
                        });
                        xml.push_str(&format!("<c r=\"{at}\" t=\"s\"><v>{n}</v></c>"));
                    }
                    Cell::Number(v) => xml.push_str(&format!("<c r=\"{at}\"><v>{v}</v></c>")),
                    Cell::Empty => {}
                }
            }
            xml.push_str("</row>");
        }
        xml.push_str("</sheetData></worksheet>");
        sheet_xml.push(xml);
    }
    let escape = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let shared: String = strings
        .iter()
        .map(|s| format!("<si><t xml:space=\"preserve\">{}</t></si>", escape(s)))
        .collect();
    let sheets_list: String = sheets
        .iter()
        .enumerate()
        .map(|(n, (name, _))| {
            format!(
                "<sheet name=\"{}\" sheetId=\"{}\" r:id=\"rId{}\"/>",
                escape(name),
                n + 1,
                n + 1
            )
        })
        .collect();
    let sheet_rels: String = (1..=sheets.len())
        .map(|n| format!("<Relationship Id=\"rId{n}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{n}.xml\"/>"))
        .collect();
    let sheet_types: String = (1..=sheets.len())
        .map(|n| format!("<Override PartName=\"/xl/worksheets/sheet{n}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"))
        .collect();
    let files = [
        (
            "[Content_Types].xml".to_string(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>{sheet_types}</Types>"#
            ),
        ),
        (
            "_rels/.rels".to_string(),
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string(),
        ),
        (
            "xl/workbook.xml".to_string(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{sheets_list}</sheets></workbook>"#
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels".to_string(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{sheet_rels}<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#
            ),
        ),
        (
            "xl/sharedStrings.xml".to_string(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{0}" uniqueCount="{0}">{shared}</sst>"#,
                strings.len()
            ),
        ),
    ];
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in files {
        zip.start_file(name, options).unwrap();
        zip.write_all(content.as_bytes()).unwrap();
    }
    for (n, xml) in sheet_xml.iter().enumerate() {
        zip.start_file(format!("xl/worksheets/sheet{}.xml", n + 1), options)
            .unwrap();
        zip.write_all(xml.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
}

fn workbook(dir: &Path) -> PathBuf {
    use Cell::{Empty, Number, Text};
    let path = dir.join("journey.xlsx");
    write_xlsx(
        &path,
        &[
            (
                "Touchpoints",
                vec![
                    vec![Text("Spring launch plan")],
                    vec![Empty],
                    vec![
                        Text("Phase"),
                        Text("Touchpoint"),
                        Text("Tactic"),
                        Text("Emotion"),
                        Text("KPI"),
                    ],
                    vec![
                        Text("Aware"),
                        Text("Trade fair booth"),
                        Text("Events"),
                        Number(1.0),
                        Text("Leads"),
                    ],
                    vec![
                        Empty,
                        Text("Radio & podcast spot"),
                        Text("Advertising"),
                        Number(-1.0),
                        Empty,
                    ],
                    vec![Text("Buy"), Text("Demo call"), Text("Sales"), Number(2.0), Number(12.5)],
                ],
            ),
            (
                "Canvas",
                vec![
                    vec![Text("Stage"), Text("Aware"), Text("Buy")],
                    vec![Text("Touchpoints"), Text("Booth; Flyer"), Text("Demo call")],
                    vec![Text("Feeling"), Number(4.0), Number(5.0)],
                    vec![Text("Thinking"), Text("Who are they?"), Empty],
                ],
            ),
        ],
    );
    path
}

#[test]
fn an_xlsx_sheet_of_rows_and_a_canvas_sheet_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = workbook(dir.path());
    let out = run(
        &["import", "journey.xlsx", "--column", "phase=stage", "-o", "rows.ron"],
        dir.path(),
    );
    assert_eq!(out.code(), Some(0), "{}", out.stderr_text());
    let rows = load(&dir.path().join("rows.ron"));
    assert_eq!(rows.title, "Spring launch plan");
    assert_eq!(names(&rows.stages, |s| &s.name), ["Aware", "Buy"]);
    assert_eq!(
        names(&rows.touchpoints, |t| &t.name),
        ["Trade fair booth", "Radio & podcast spot", "Demo call"]
    );
    assert_eq!(rows.touchpoints[1].stage, "aware");
    assert_eq!(rows.touchpoints[1].emotion, Some(-1));
    assert_eq!(rows.touchpoints[2].metric, "12.5");
    assert_eq!(names(&rows.tactics, |t| &t.name), ["Events", "Advertising", "Sales"]);

    let out = run(
        &["import", "journey.xlsx", "--sheet", "Canvas", "-o", "canvas.ron"],
        dir.path(),
    );
    assert_eq!(out.code(), Some(1), "{}", out.stderr_text());
    let stderr = out.stderr_text();
    assert!(
        stderr.contains("row 3: the emotions are scores from 1 to 5"),
        "{stderr}"
    );
    assert!(stderr.contains("row 4: \"Thinking\" is not a field"), "{stderr}");
    let canvas = load(&dir.path().join("canvas.ron"));
    assert_eq!(names(&canvas.touchpoints, |t| &t.name), ["Booth", "Flyer", "Demo call"]);
    assert_eq!((canvas.stages[0].emotion, canvas.stages[1].emotion), (1, 2));
    assert_eq!(canvas.stages[0].notes, "Thinking: Who are they?");

    let missing = run(&["import", xlsx.to_str().unwrap(), "--sheet", "Budget"], dir.path());
    assert_eq!(missing.code(), Some(2));
    assert!(
        missing.stderr_text().contains("the workbook has no sheet `Budget`")
            && missing.stderr_text().contains("Touchpoints, Canvas"),
        "{}",
        missing.stderr_text()
    );
}

// ---------------------------------------------------------------------------
// Into an existing map, dry runs, and what is never done.

#[test]
fn into_an_example_map_keeps_every_existing_item_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("maps/bean-box-coffee.ron");
    let target = dir.path().join("bean-box.ron");
    std::fs::copy(&example, &target).unwrap();
    let before = load(&target);
    std::fs::write(
        dir.path().join("more.csv"),
        "Stage,Touchpoint,Tactic,Persona,Emotion\n\
         Aware,Coffee tasting at a coworking day,Events,\"Maya, office manager\",2\n\
         aware,Podcast sponsorship,Podcast ads,\"Sam, developer and coffee enthusiast\",1\n\
         Retain,Quarterly check-in call,Account management,\"Maya, office manager; Olivia\",0\n",
    )
    .unwrap();
    let dry = run(
        &["import", "more.csv", "--into", "bean-box.ron", "--dry-run"],
        dir.path(),
    );
    let dry_out = dry.stdout_text();
    assert!(dry_out.contains("would add to bean-box.ron"), "{dry_out}");
    assert!(
        dry_out.contains("stages: 1 new, 1 already in the map\n    + Retain\n"),
        "{dry_out}"
    );
    assert!(dry_out.contains("    + Quarterly check-in call\n"), "{dry_out}");
    assert_eq!(load(&target), before, "a dry run writes nothing");

    let out = run(&["import", "more.csv", "--into", "bean-box.ron"], dir.path());
    assert!(matches!(out.code(), Some(0 | 1)), "{}", out.stderr_text());
    let after = load(&target);
    assert_eq!(
        (after.title.as_str(), after.description.as_str()),
        (before.title.as_str(), before.description.as_str())
    );
    assert_eq!(
        after.stages[..before.stages.len()],
        before.stages[..],
        "existing stages unchanged"
    );
    assert_eq!(after.tactics[..before.tactics.len()], before.tactics[..]);
    assert_eq!(after.personas[..before.personas.len()], before.personas[..]);
    assert_eq!(after.segments, before.segments);
    assert_eq!(after.competitors, before.competitors);
    assert_eq!(after.touchpoints[..before.touchpoints.len()], before.touchpoints[..]);
    // Matched by name: "aware" is the map's Aware stage, and the map's
    // persona "Maya, office manager" is not split at its comma.
    let maya = &before
        .personas
        .iter()
        .find(|p| p.name == "Maya, office manager")
        .unwrap()
        .id;
    let tasting = after
        .touchpoints
        .iter()
        .find(|t| t.name.starts_with("Coffee tasting"))
        .unwrap();
    assert_eq!(tasting.stage, "aware");
    assert_eq!(tasting.personas, std::slice::from_ref(maya));
    assert_eq!(
        after
            .touchpoints
            .iter()
            .find(|t| t.name == "Podcast sponsorship")
            .unwrap()
            .stage,
        "aware"
    );
    assert_eq!(
        after.stages.last().map(|s| s.name.as_str()),
        Some("Retain"),
        "new stages go last"
    );
    assert_eq!(after.personas.len(), before.personas.len() + 1, "only Olivia is new");
    // Importing the same file again adds nothing more.
    let again = run(&["import", "more.csv", "--into", "bean-box.ron"], dir.path());
    assert!(again.stderr_text().contains("nothing added"), "{}", again.stderr_text());
    assert_eq!(load(&target), after);
    let fmt = run(&["fmt", "--check", "bean-box.ron"], dir.path());
    assert_eq!(fmt.code(), Some(0), "saved in canonical form");
}

#[test]
fn never_overwrites_and_unreadable_input_is_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("day.ron"), "precious").unwrap();
    let docs = fixture("mermaid-docs.mmd");
    let out = run(&["import", docs.to_str().unwrap(), "-o", "day.ron"], dir.path());
    assert_eq!(out.code(), Some(2));
    assert!(
        out.stderr_text().contains("day.ron already exists"),
        "{}",
        out.stderr_text()
    );
    assert_eq!(std::fs::read_to_string(dir.path().join("day.ron")).unwrap(), "precious");

    let dry = run(
        &["import", docs.to_str().unwrap(), "-o", "new.ron", "--dry-run"],
        dir.path(),
    );
    assert_eq!(dry.code(), Some(0), "{}", dry.stderr_text());
    assert!(dry.stdout_text().contains("    + Make tea\n"), "{}", dry.stdout_text());
    assert!(!dir.path().join("new.ron").exists());

    let missing = run(&["import", "nowhere.csv"], dir.path());
    assert_eq!(missing.code(), Some(2));
    assert!(
        missing.stderr_text().contains("cannot read nowhere.csv"),
        "{}",
        missing.stderr_text()
    );
    std::fs::write(dir.path().join("latin1.csv"), b"Stage,Touchpoint\nAware,Caf\xe9\n").unwrap();
    let latin1 = run(&["import", "latin1.csv"], dir.path());
    assert_eq!(latin1.code(), Some(2));
    assert!(
        latin1.stderr_text().contains("line 2: the file is not UTF-8"),
        "{}",
        latin1.stderr_text()
    );
    std::fs::write(dir.path().join("notes.md"), "# Notes\n\nNo diagram here.\n").unwrap();
    let none = run(&["import", "notes.md"], dir.path());
    assert_eq!(none.code(), Some(2));
    assert!(
        none.stderr_text().contains("no Mermaid journey diagram found"),
        "{}",
        none.stderr_text()
    );
}
