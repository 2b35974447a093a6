#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{fixture, has_raw_control, journeymap, stdout_of};
use journeymap::model::JourneyMap;

const MAPS: [&str; 4] = ["bean-box.ron", "wide-text.ron", "minimal.ron", "playbook.ron"];
const FORMATS: [&str; 5] = ["text", "markdown", "csv", "json", "mermaid"];

/// The day reports are made as of: goals' overdue marks do not move with the clock.
pub const TODAY: &str = "2026-05-01";

fn report(map: &str, extra: &[&str]) -> String {
    let path = fixture(map);
    let mut args = vec!["report", path.as_str(), "--today", TODAY];
    args.extend_from_slice(extra);
    stdout_of(&args)
}

#[test]
fn every_format_of_every_fixture() {
    for map in MAPS {
        for format in FORMATS {
            let text = report(map, &["--format", format, "--width", "100"]);
            insta::assert_snapshot!(format!("{}-{format}", map.trim_end_matches(".ron")), text);
        }
    }
}

#[test]
fn chosen_sections_only() {
    let text = report("bean-box.ron", &["-f", "markdown", "--section", "segments,competitors"]);
    assert!(text.contains("## Segments and USPs"));
    assert!(text.contains("## Competitors"));
    assert!(!text.contains("## Stages"));
    insta::assert_snapshot!(text);
}

#[test]
fn touchpoints_as_csv() {
    insta::assert_snapshot!(report("bean-box.ron", &["-f", "csv", "--section", "touchpoints"]));
}

#[test]
fn text_report_narrow_and_ascii() {
    let text = report(
        "bean-box.ron",
        &["--width", "60", "--ascii", "--section", "matrix,touchpoints"],
    );
    assert!(!text.contains('┌'));
    insta::assert_snapshot!(text);
}

#[test]
fn unknown_sections_and_mismatched_formats_are_usage_errors() {
    let map = fixture("bean-box.ron");
    let out = journeymap(&["report", &map, "--section", "stages,nonsense"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("there is no section `nonsense`"), "{}", out.stderr);
    assert_eq!(
        journeymap(&["report", &map, "-f", "json", "--section", "stages"]).code,
        2
    );
    assert_eq!(
        journeymap(&["report", &map, "-f", "csv", "--section", "matrix,touchpoints"]).code,
        2
    );
    assert_eq!(journeymap(&["report", &map, "-f", "pdf"]).code, 2);
}

#[test]
fn csv_parses_with_a_csv_reader() {
    for map in MAPS {
        let text = report(map, &["-f", "csv"]);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let headers = reader.headers().unwrap().clone();
        let loaded: JourneyMap = journeymap::store::load(std::path::Path::new(&fixture(map)))
            .unwrap()
            .map;
        assert_eq!(headers.len(), loaded.stages.len() + 3, "{map}");
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), loaded.tactics.len(), "{map}");
        for row in &rows {
            // Stage cells are counts or `planned`; the total is the sum of the counts.
            let stage_cells: Vec<&str> = row.iter().skip(2).take(loaded.stages.len()).collect();
            let sum: usize = stage_cells.iter().filter_map(|c| c.parse::<usize>().ok()).sum();
            assert!(
                stage_cells
                    .iter()
                    .all(|c| *c == "planned" || c.parse::<usize>().is_ok())
            );
            assert_eq!(row[row.len() - 1].parse::<usize>().unwrap(), sum, "{map}: {row:?}");
        }

        let text = report(map, &["-f", "csv", "--section", "touchpoints"]);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let headers = reader.headers().unwrap().clone();
        let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), loaded.touchpoints.len());
        // References read as names; their ids have columns of their own.
        let name_of = |ids: &[String], names: &dyn Fn(&str) -> String| {
            ids.iter().map(|id| names(id)).collect::<Vec<_>>().join("; ")
        };
        let tactic = |id: &str| loaded.tactics.iter().find(|t| t.id == id).unwrap().name.clone();
        let persona = |id: &str| loaded.personas.iter().find(|p| p.id == id).unwrap().name.clone();
        let stage = |id: &str| loaded.stages.iter().find(|s| s.id == id).unwrap().name.clone();
        for (row, t) in rows.iter().zip(&loaded.touchpoints) {
            assert_eq!(&row[column("id")], t.id);
            assert_eq!(&row[column("name")], t.name, "quoting keeps names whole");
            assert_eq!(&row[column("notes")], t.notes);
            assert_eq!(row[column("stage")], stage(&t.stage), "{map}");
            assert_eq!(row[column("tactics")], name_of(&t.tactics, &tactic), "{map}");
            assert_eq!(row[column("personas")], name_of(&t.personas, &persona), "{map}");
            assert_eq!(&row[column("stage_id")], t.stage);
            assert_eq!(row[column("tactic_ids")], t.tactics.join("; "));
            assert_eq!(row[column("persona_ids")], t.personas.join("; "));
        }
    }
}

#[test]
fn json_round_trips_the_map_and_carries_the_matrix() {
    for map in MAPS {
        let text = report(map, &["-f", "json"]);
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let back: JourneyMap = serde_json::from_value(value["map"].clone()).unwrap();
        let loaded = journeymap::store::load(std::path::Path::new(&fixture(map)))
            .unwrap()
            .map;
        assert_eq!(back, loaded, "{map}");
        assert_eq!(value["kind"], "journeymap-export");
        assert_eq!(value["matrix"]["stages"].as_array().unwrap().len(), loaded.stages.len());
        assert_eq!(report(map, &["-f", "json"]), text, "deterministic");
    }
}

/// Cells of a GFM table row: pipes not escaped by a backslash split cells.
fn markdown_cells(line: &str) -> usize {
    let mut count = 0;
    let mut escaped = false;
    for c in line.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => count += 1,
            _ => escaped = false,
        }
        if c != '\\' {
            escaped = false;
        }
    }
    count
}

#[test]
fn markdown_tables_have_the_same_column_count_on_every_row() {
    for map in MAPS {
        let text = report(map, &["-f", "markdown"]);
        let mut expected = None;
        for line in text.lines() {
            if !line.starts_with('|') {
                expected = None;
                continue;
            }
            let cells = markdown_cells(line);
            match expected {
                None => expected = Some(cells),
                Some(n) => assert_eq!(cells, n, "{map}: {line}"),
            }
            assert!(line.ends_with('|'), "{line}");
        }
        assert!(!text.contains('\r'));
    }
}

#[test]
fn mermaid_task_names_hold_no_separators() {
    for map in MAPS {
        let text = report(map, &["-f", "mermaid"]);
        let mut lines = text.lines();
        assert_eq!(lines.next(), Some("journey"));
        for line in lines {
            let line = line.trim_start();
            if let Some(title) = line.strip_prefix("title ") {
                assert!(!title.contains(['#', ';']), "{line}");
            } else if let Some(section) = line.strip_prefix("section ") {
                assert!(!section.contains([':', '#', ';']), "{line}");
            } else {
                // Task: `name: score[: actor, actor]`
                let parts: Vec<&str> = line.split(':').collect();
                assert!(parts.len() == 2 || parts.len() == 3, "{line}");
                assert!(!parts[0].contains(['#', ';']), "{line}");
                let score: u8 = parts[1].trim().parse().unwrap();
                assert!((1..=5).contains(&score), "{line}");
                assert!(!line.contains(['#', ';']), "{line}");
            }
        }
    }
}

#[test]
fn escape_sequences_never_reach_stdout() {
    for evil in ["escape-sequences.ron", "raw-escape-bytes.ron"] {
        for command in [
            &["report", "--format", "text"][..],
            &["report", "--format", "markdown"],
            &["report", "--format", "csv"],
            &["report", "--format", "mermaid"],
            &["matrix"],
            &["lint"],
        ] {
            let path = fixture(evil);
            let mut args = command.to_vec();
            args.insert(1, path.as_str());
            let out = journeymap(&args);
            assert!(!has_raw_control(&out.stdout), "{args:?}: {:?}", out.stdout);
            assert!(!has_raw_control(&out.stderr), "{args:?}: {:?}", out.stderr);
            assert_ne!(out.code, 0, "a map with control characters is invalid");
        }
    }
}

#[test]
fn output_file_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("plan.md");
    let target_arg = target.to_str().unwrap();
    let out = journeymap(&["report", &fixture("bean-box.ron"), "-f", "markdown", "-o", target_arg]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.is_empty());
    let written = std::fs::read_to_string(&target).unwrap();
    assert_eq!(written, report("bean-box.ron", &["-f", "markdown"]));
    // `-o -` is standard output.
    assert_eq!(
        report("bean-box.ron", &["-f", "mermaid", "-o", "-"]),
        report("bean-box.ron", &["-f", "mermaid"])
    );
    let missing = dir.path().join("no/such/folder/plan.md");
    assert_eq!(
        journeymap(&["report", &fixture("bean-box.ron"), "-o", missing.to_str().unwrap()]).code,
        2
    );
}

/// Runs the examples that `--help` shows, so they never go stale.
#[test]
fn help_examples_run() {
    for command in ["matrix", "report", "lint", "flow"] {
        let help = common::stdout_of(&[command, "--help"]);
        let examples: Vec<&str> = help
            .lines()
            .map(str::trim)
            .filter(|l| l.starts_with("journeymap "))
            .collect();
        assert!(!examples.is_empty(), "{command} --help has examples");
        for example in examples {
            let example = example.split('#').next().unwrap_or_default().trim();
            // Examples that write files are run to stdout instead.
            let example = example.split(" > ").next().unwrap_or_default();
            let mut words: Vec<&str> = example.split_whitespace().skip(1).take_while(|w| *w != "-o").collect();
            if words.contains(&"png") {
                // A picture is not text: drawn with the test font (the
                // same on every machine) into a file.
                let dir = tempfile::tempdir().unwrap();
                let png = dir.path().join("journey.png");
                words.extend(["--font-dir", "tests/fixtures/fonts", "--no-system-fonts", "-o"]);
                words.push(png.to_str().unwrap());
                let out = journeymap(&words);
                assert_eq!(out.code, 0, "{example}: {}", out.stderr);
                assert!(std::fs::metadata(&png).unwrap().len() > 1000, "{example}");
                continue;
            }
            let out = journeymap(&words);
            assert!(
                out.code == 0 || (command == "lint" && out.code == 1),
                "{example}: {}",
                out.stderr
            );
            assert!(!out.stdout.is_empty(), "{example}");
        }
    }
}

/// Words the report itself writes into tables (headers, labels).
const REPORT_WORDS: &str = "Touchpoint Stage Tactic Tactics Personas Channel Call to action Owner Metric \
     Total Competitor Kind Pricing Positioning USP Segments everyone direct indirect foreign substitute Other \
     Price level Geography Channels Reviews reviews review from on budget mid-range premium luxury";

/// Whether `token` stands in `source` at the start of a word and, unless
/// `prefix`, at its end: nothing but a boundary (or a wide character,
/// between which lines may break) on either side.
fn stands_in(source: &str, token: &str, prefix: bool) -> bool {
    let wide = |c: Option<char>| c.is_some_and(|c| journeymap::text::width(&c.to_string()) == 2);
    let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric()) || wide(c);
    source.match_indices(token).any(|(at, _)| {
        let before = source[..at].chars().next_back();
        let after = source[at + token.len()..].chars().next();
        let (first, last) = (token.chars().next(), token.chars().next_back());
        (boundary(before) || wide(first)) && (prefix || boundary(after) || wide(last))
    })
}

/// The words broken inside in the table cells of a text report, each as
/// `piece-|rest`; panics on a word cut without a `-` to say it goes on.
fn broken_words_in_tables(report: &str, source: &str) -> Vec<String> {
    let source = format!("{source} {REPORT_WORDS}").to_lowercase();
    let mut broken = Vec::new();
    // Per column, a word whose line ended in `-`: broken there or hyphenated.
    let mut carried: Vec<Option<String>> = Vec::new();
    for line in report.lines() {
        if !line.starts_with('│') {
            carried.clear();
            continue;
        }
        let cells: Vec<&str> = line.trim_matches('│').split('│').collect();
        carried.resize(cells.len(), None);
        for (column, cell) in cells.iter().enumerate() {
            let tokens: Vec<&str> = cell.split_whitespace().collect();
            if tokens.is_empty()
                && let Some(piece) = carried[column].take()
            {
                assert!(
                    stands_in(&source, &piece, false),
                    "`{piece}` goes on nowhere:\n{line}\n{report}"
                );
            }
            for (n, token) in tokens.iter().enumerate() {
                let mut word = token.trim_end_matches([',', ';']).to_lowercase();
                if n == 0
                    && let Some(piece) = carried[column].take()
                {
                    let start = piece.strip_suffix('-').unwrap_or(&piece);
                    let joined = format!("{start}{word}");
                    if stands_in(&source, joined.strip_suffix('-').unwrap_or(&joined), true) {
                        broken.push(format!("{start}-|{word}"));
                        word = joined;
                    } else {
                        word = format!("{piece}{word}");
                    }
                }
                if !word.chars().any(char::is_alphabetic) || word.ends_with('…') {
                    continue;
                }
                if n + 1 == tokens.len() && word.ends_with('-') {
                    carried[column] = Some(word);
                    continue;
                }
                assert!(
                    stands_in(&source, &word, false),
                    "`{word}` is cut unmarked:\n{line}\n{report}"
                );
            }
        }
    }
    broken
}

#[test]
fn text_reports_break_lines_between_words() {
    let mut maps = common::example_maps();
    maps.extend(MAPS.map(|m| fixture(m).into()));
    for map in &maps {
        let map = map.to_str().unwrap();
        // Tables draw flags as their letters and ZWJ sequences as their first emoji.
        let source = journeymap::text::unambiguous(&std::fs::read_to_string(map).unwrap()).into_owned();
        // At any width, a word is cut only with a `-` to say so.
        for width in [60, 80, 100, 140] {
            let text = stdout_of(&[
                "report",
                map,
                "--width",
                &width.to_string(),
                "--section",
                "matrix,competitors,touchpoints",
            ]);
            let broken = broken_words_in_tables(&text, &source);
            // Where there is room, only a word wider than its column is, and rarely.
            let lines = text.lines().filter(|l| l.starts_with('│')).count();
            assert!(
                width < 100 || broken.len() * 20 <= lines,
                "{map} at {width}: {broken:?}"
            );
        }
        let unwrapped = stdout_of(&[
            "report",
            map,
            "--width",
            "0",
            "--section",
            "matrix,competitors,touchpoints",
        ]);
        assert_eq!(
            broken_words_in_tables(&unwrapped, &source),
            Vec::<String>::new(),
            "{map}"
        );
    }
}

#[test]
fn a_matrix_too_narrow_for_its_stage_names_numbers_them() {
    let text = report("bean-box.ron", &["--width", "60", "--section", "matrix"]);
    let source = std::fs::read_to_string(fixture("bean-box.ron")).unwrap();
    // No name is broken inside a word: the stages are numbered, and a
    // legend under the grid names them.
    assert_eq!(broken_words_in_tables(&text, &source), Vec::<String>::new(), "{text}");
    assert!(text.contains("│ Tactic "), "{text}");
    assert!(text.contains("│ 1 │"), "{text}");
    assert!(text.contains("Stages: 1\u{a0}"), "{text}");
    assert!(text.contains("Subscribe"), "{text}");
}

#[test]
fn width_0_writes_paragraphs_unwrapped_and_tables_aligned() {
    for map in common::example_maps() {
        let path = map.to_str().unwrap();
        let loaded = journeymap::store::load(&map).unwrap().map;
        let text = stdout_of(&["report", path, "--width", "0"]);
        for stage in &loaded.stages {
            if !stage.goal.is_empty() {
                assert!(
                    text.contains(&format!("\n   Goal: {}\n", stage.goal)),
                    "{path}: {}",
                    stage.goal
                );
            }
        }
        for competitor in &loaded.competitors {
            if !competitor.positioning.is_empty() {
                let whole = format!("\n   Positioning: {}\n", competitor.positioning);
                assert!(text.contains(&whole), "{path}: {whole}");
            }
        }
        // Every table: each line as wide as its top border.
        let mut table_width = None;
        for line in text.lines() {
            match line.chars().next() {
                Some('┌') => table_width = Some(journeymap::text::width(line)),
                Some('│' | '├' | '└') => {
                    assert_eq!(Some(journeymap::text::width(line)), table_width, "{path}: {line}");
                }
                _ => table_width = None,
            }
        }
        assert!(
            text.lines().any(|l| journeymap::text::width(l) > 100),
            "{path}: unwrapped"
        );

        let grid = stdout_of(&["matrix", path, "--width", "0"]);
        let widths: Vec<usize> = grid
            .lines()
            .take_while(|l| !l.starts_with(['○']))
            .map(journeymap::text::width)
            .collect();
        assert!(widths.windows(2).all(|w| w[0] == w[1]), "{path}:\n{grid}");
        for tactic in &loaded.tactics {
            assert!(
                grid.contains(&format!("│ {} ", tactic.name)),
                "{path}: {}\n{grid}",
                tactic.name
            );
        }
    }
}

/// A report many chunks long is written as it is made, to a file and to
/// standard output alike, and reads exactly as the text made whole; a
/// refused `--section` writes nothing, so the file already there stays.
#[test]
fn a_long_report_is_written_as_made_and_a_refused_one_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let map_path = dir.path().join("big.ron");
    let source = common::big_compact_map(3_000);
    std::fs::write(&map_path, &source).unwrap();
    let map = journeymap::store::parse_str(&source, "big.ron").unwrap();
    let map_arg = map_path.to_str().unwrap();
    for (format, whole) in [
        (
            "text",
            journeymap::export::text::report(&map, &options_as_of_today(&map)),
        ),
        (
            "markdown",
            journeymap::export::markdown::report(&map, &options_as_of_today(&map)),
        ),
        ("mermaid", journeymap::export::mermaid::journey(&map)),
    ] {
        assert!(
            whole.len() > 150_000,
            "{format}: {} bytes is not many chunks",
            whole.len()
        );
        let target = dir.path().join(format!("big.{format}"));
        let target_arg = target.to_str().unwrap();
        let out = journeymap(&["report", map_arg, "-f", format, "--today", TODAY, "-o", target_arg]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(std::fs::read_to_string(&target).unwrap() == whole, "{format} file");
        assert!(
            stdout_of(&["report", map_arg, "-f", format, "--today", TODAY]) == whole,
            "{format} stdout"
        );
    }
    let kept = dir.path().join("kept.txt");
    std::fs::write(&kept, "what was there").unwrap();
    let out = journeymap(&[
        "report",
        map_arg,
        "-f",
        "mermaid",
        "--section",
        "stages",
        "-o",
        kept.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("mermaid draws one diagram"), "{}", out.stderr);
    assert_eq!(std::fs::read_to_string(&kept).unwrap(), "what was there");
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
}

/// The options `journeymap report --today TODAY` uses when writing to a
/// file or a pipe: every section that applies, 100 columns.
fn options_as_of_today(map: &JourneyMap) -> journeymap::export::ReportOptions {
    journeymap::export::ReportOptions {
        sections: journeymap::export::Section::defaults_for(map),
        width: 100,
        ascii: false,
        today: journeymap::model::typed::Period::parse(TODAY).unwrap(),
        visual: false,
    }
}
