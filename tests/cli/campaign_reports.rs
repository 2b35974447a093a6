#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The campaign parts of the reports: `journeymap flow`, and the offer
//! ladder, flow and calendar sections, in every format, on the workbench
//! fixture (three campaigns: one gap, one backward move) and on a fixture
//! made to stretch them (eight stages, right-to-left and CJK names, quotes
//! and `#`, a step within a stage, overlaps, an eighteen-month timeline,
//! campaigns without dates or a step). Every output read back as the tool
//! that opens it would.

use crate::common;

use super::playbook_reports::markdown_tables;
use super::report::TODAY;
use common::{has_raw_control, journeymap, stdout_of};
use journeymap::text::width;

const WORKBENCH: &str = "tests/fixtures/workbench-playbook.ron";
const STRETCH: &str = "tests/fixtures/campaign-flow.ron";
const MAPS: [&str; 2] = [WORKBENCH, STRETCH];

fn stem(map: &str) -> &str {
    map.rsplit('/').next().unwrap().trim_end_matches(".ron")
}

fn report(map: &str, extra: &[&str]) -> String {
    let mut args = vec!["report", map, "--today", TODAY];
    args.extend_from_slice(extra);
    stdout_of(&args)
}

fn assert_within(text: &str, max: usize, what: &str) {
    for line in text.lines() {
        assert!(
            width(line) <= max,
            "{what}: {} cells > {max}:\n{line}\n{text}",
            width(line)
        );
    }
}

#[test]
fn the_flow_command_reads_well_at_80_and_160() {
    for map in MAPS {
        for cells in ["count", "names"] {
            for cols in ["80", "160"] {
                let text = stdout_of(&["flow", map, "--cells", cells, "--width", cols]);
                assert!(!has_raw_control(&text));
                assert_within(&text, cols.parse().unwrap(), &format!("{map} {cells} {cols}"));
                insta::assert_snapshot!(format!("flow-{}-{cells}-{cols}", stem(map)), text);
            }
        }
    }
    let ascii = stdout_of(&["flow", STRETCH, "--ascii", "--width", "80"]);
    assert!(
        ascii.lines().all(|l| !l.contains(['─', '│', '←', '↺', '·', '→'])),
        "{ascii}"
    );
    assert!(ascii.contains("< 1") && ascii.contains("@ 1"), "{ascii}");
}

#[test]
fn the_flow_marks_the_gap_and_the_backward_move() {
    let text = stdout_of(&["flow", WORKBENCH, "--width", "100"]);
    let row = |stage: &str| {
        text.lines()
            .find(|l| l.starts_with(&format!("│ {stage} ")))
            .unwrap()
            .split('│')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(String::from)
            .collect::<Vec<_>>()
    };
    // Columns: Aware, Subscribe, Convert, Excite.
    assert_eq!(row("Aware"), ["Aware", "·", "1", "·", "·"]);
    assert_eq!(row("Convert"), ["Convert", "·", "·", "·", "GAP"]);
    assert_eq!(row("Excite"), ["Excite", "·", "·", "← 1", "·"]);
    assert!(
        text.contains("\nExcite → Convert (backward): Lapsed offices win-back\n"),
        "{text}"
    );
    assert!(
        text.contains("\nGAP: nothing moves people on from Convert (next: Excite)\n"),
        "{text}"
    );
}

#[test]
fn each_campaign_section_in_text_and_markdown() {
    for map in MAPS {
        for section in ["ladder", "flow", "calendar"] {
            for cols in ["80", "160"] {
                let text = report(map, &["--section", section, "--width", cols]);
                assert!(!has_raw_control(&text));
                assert_within(&text, cols.parse().unwrap(), &format!("{map} {section}"));
                insta::assert_snapshot!(format!("{}-{section}-text-{cols}", stem(map)), text);
            }
            let markdown = report(map, &["-f", "markdown", "--section", section]);
            let tables = markdown_tables(&markdown);
            assert!(!tables.is_empty(), "{section}: {markdown}");
            for table in tables {
                assert!(
                    table.iter().all(|&n| n == table[0]),
                    "{map} {section}: {table:?}\n{markdown}"
                );
            }
            insta::assert_snapshot!(format!("{}-{section}-markdown", stem(map)), markdown);
        }
    }
}

#[test]
fn the_calendar_runs_in_blocks_of_months_that_fit() {
    let narrow = report(STRETCH, &["--section", "calendar", "--width", "80"]);
    let month_rows = |text: &str| text.lines().filter(|l| l.contains("│ Campaign ")).count();
    assert_eq!(month_rows(&narrow), 3, "18 months in three blocks of six:\n{narrow}");
    let wide = report(STRETCH, &["--section", "calendar", "--width", "160"]);
    assert_eq!(month_rows(&wide), 1, "{wide}");
    let unwrapped = report(STRETCH, &["--section", "calendar", "--width", "0"]);
    assert_eq!(month_rows(&unwrapped), 1, "{unwrapped}");
    // Overlaps: both search campaigns share a step and the offices segment.
    assert!(wide.contains("│ Always-on search ⚠ "), "{wide}");
    assert!(wide.contains("│ Search for cafés \"pro\" ⚠ "), "{wide}");
    assert!(!wide.contains("Trial mails ⚠"), "{wide}");
    assert!(
        wide.contains("Not on the calendar: Reviews drive (no dates); Someday (no end)"),
        "{wide}"
    );
    // The Markdown calendar has a cell per month and a square where a
    // campaign runs: Trial mails runs 2026-04 to 2026-09 (Q2 to Q3).
    let markdown = report(STRETCH, &["-f", "markdown", "--section", "calendar"]);
    let trial = markdown.lines().find(|l| l.contains("| Trial mails |")).unwrap();
    let cells: Vec<&str> = trial.trim_matches('|').split('|').map(str::trim).collect();
    assert_eq!(cells.len(), 2 + 18, "{trial}");
    let running: Vec<usize> = (0..18).filter(|&m| cells[2 + m] == "■").collect();
    assert_eq!(running, (3..9).collect::<Vec<_>>(), "{trial}");
}

#[test]
fn csv_parses_back() {
    let rows = |text: &str| {
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        (headers, records)
    };
    let (headers, flow) = rows(&stdout_of(&["flow", WORKBENCH, "-f", "csv"]));
    assert_eq!(
        headers,
        [
            "from",
            "to",
            "from_id",
            "to_id",
            "direction",
            "gap",
            "campaigns",
            "names",
            "ids"
        ]
    );
    let summary: Vec<(String, String, String, String)> = flow
        .iter()
        .map(|r| (r[2].to_string(), r[3].to_string(), r[4].to_string(), r[5].to_string()))
        .collect();
    let expect = |a: &str, b: &str, c: &str, d: &str| (a.into(), b.into(), c.into(), d.into());
    assert_eq!(
        summary,
        [
            expect("aware", "subscribe", "forward", "no"),
            expect("subscribe", "convert", "forward", "no"),
            expect("excite", "convert", "backward", "no"),
            expect("convert", "excite", "forward", "yes"),
        ]
    );
    assert_eq!(
        report(WORKBENCH, &["-f", "csv", "--section", "flow"]),
        stdout_of(&["flow", WORKBENCH, "-f", "csv"])
    );

    let (_, stretch) = rows(&stdout_of(&["flow", STRETCH, "-f", "csv"]));
    let first = &stretch[0];
    assert_eq!(&first[7], "Always-on search; Search for cafés \"pro\"");
    assert_eq!(&first[8], "search; search-cafes");

    let (headers, ladder) = rows(&report(STRETCH, &["-f", "csv", "--section", "ladder"]));
    assert_eq!(headers[0], "stage");
    let offers: Vec<&str> = ladder.iter().map(|r| r.get(3).unwrap()).collect();
    assert_eq!(offers, ["guide", "kit", "plan", "grinder", "referral"], "journey order");
    assert_eq!((&ladder[1][5], &ladder[1][6], &ladder[1][7]), ("9.5", "EUR", "no"));
    assert_eq!(&ladder[0][7], "yes");
    assert_eq!(&ladder[3][9], "Monthly plan");

    let (headers, calendar) = rows(&report(STRETCH, &["-f", "csv", "--section", "calendar"]));
    assert_eq!(
        headers,
        [
            "campaign",
            "campaign_id",
            "step",
            "from_id",
            "to_id",
            "start",
            "end",
            "months",
            "overlaps"
        ]
    );
    let trial = calendar.iter().find(|r| &r[1] == "trial").unwrap();
    assert_eq!(&trial[7], "2026-04; 2026-05; 2026-06; 2026-07; 2026-08; 2026-09");
    assert_eq!(calendar.len(), 9, "seven dated, two undated");
    assert_eq!(&calendar[8][7], "");
}

#[test]
fn json_parses_back() {
    let flow: serde_json::Value = serde_json::from_str(&stdout_of(&["flow", WORKBENCH, "-f", "json"])).unwrap();
    assert_eq!(
        flow["stages"],
        serde_json::json!(["aware", "subscribe", "convert", "excite"])
    );
    assert_eq!(flow["cells"][3][2], serde_json::json!(["lapsed"]));
    assert_eq!(
        flow["gaps"],
        serde_json::json!([{"from": "convert", "to": "excite", "direction": "forward", "campaigns": []}])
    );
    assert_eq!(flow["steps"][2]["direction"], "backward");
    let export: serde_json::Value = serde_json::from_str(&report(STRETCH, &["-f", "json"])).unwrap();
    assert_eq!(export["flow"]["unplaced"], serde_json::json!(["someday"]));
    assert_eq!(export["ladder"][0]["offer"], "guide");
    assert_eq!(export["ladder"][0]["price"], "free");
    assert_eq!(export["calendar"]["months"].as_array().unwrap().len(), 18);
    assert_eq!(export["calendar"]["undated"], serde_json::json!(["reviews", "someday"]));
    insta::assert_snapshot!(
        "campaign-flow-json",
        serde_json::to_string_pretty(&serde_json::json!({
            "ladder": export["ladder"],
            "flow": export["flow"],
            "calendar": export["calendar"],
        }))
        .unwrap()
    );
}

/// Checks a flowchart line by line against the statements it may hold,
/// with every label quoted and free of what ends a quoted label.
fn assert_flowchart(text: &str) {
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("flowchart LR"));
    let label_ok = |label: &str| !label.contains(['"', '<', '>', '`', '|']) || label.contains("<br/>");
    for line in lines {
        let line = line.trim();
        let quoted: Vec<&str> = line.split('"').collect();
        assert!(quoted.len() % 2 == 1, "unbalanced quotes: {line}");
        for label in quoted.iter().skip(1).step_by(2) {
            assert!(label_ok(&label.replace("<br/>", "")), "{line}");
        }
        let statement = quoted.iter().step_by(2).copied().collect::<Vec<_>>().join("\"\"");
        let ok = statement == "end"
            || statement.starts_with("linkStyle ")
            || statement.starts_with("subgraph box")
            || ((statement.starts_with("stage") || statement.starts_with("rung"))
                && (statement.ends_with("[\"\"]")
                    || [" --> ", " -.->|\"\"| ", " -->|\"\"| ", " ==>|\"\"| "]
                        .iter()
                        .any(|arrow| statement.contains(arrow))));
        assert!(ok, "not a flowchart statement: {line}");
    }
}

#[test]
fn mermaid_draws_the_flow_and_the_ladder_as_flowcharts() {
    for map in MAPS {
        let flow = report(map, &["-f", "mermaid", "--section", "flow"]);
        assert_eq!(flow, stdout_of(&["flow", map, "-f", "mermaid"]));
        assert_flowchart(&flow);
        insta::assert_snapshot!(format!("{}-flow-mermaid", stem(map)), flow);
        let ladder = report(map, &["-f", "mermaid", "--section", "ladder"]);
        assert_flowchart(&ladder);
        insta::assert_snapshot!(format!("{}-ladder-mermaid", stem(map)), ladder);
    }
    let stretch = report(STRETCH, &["-f", "mermaid", "--section", "flow"]);
    assert!(
        stretch.contains("stage1[\"Engage #quot;deeply#quot; #35;1\"]"),
        "{stretch}"
    );
    assert!(stretch.contains("stage6 -.->|\"Win-back 熱意\"| stage2"), "{stretch}");
    assert!(stretch.contains("stage4 ==>|\"gap: no campaign\"| stage5"), "{stretch}");
    // The journey diagram stays the default.
    assert!(report(STRETCH, &["-f", "mermaid"]).starts_with("journey\n"));
    let wrong = journeymap(&["report", STRETCH, "-f", "mermaid", "--section", "calendar"]);
    assert_eq!(wrong.code, 2);
    assert!(wrong.stderr.contains("flow or ladder"), "{}", wrong.stderr);
}

#[test]
fn a_whole_report_shows_the_campaign_sections_only_when_the_map_has_them() {
    let with = report(WORKBENCH, &["--width", "100"]);
    for title in ["Offer ladder", "Campaign flow", "Campaign calendar"] {
        assert!(with.contains(&format!("\n{title}\n")), "{title}");
    }
    let without = report("tests/fixtures/playbook.ron", &["--width", "100"]);
    for title in ["Offer ladder", "Campaign flow", "Campaign calendar"] {
        assert!(!without.contains(&format!("\n{title}\n")), "{title}");
    }
    let asked = report("tests/fixtures/playbook.ron", &["--section", "flow,calendar,ladder"]);
    assert!(
        asked.contains("No offers yet.") && asked.contains("No dated campaigns yet."),
        "{asked}"
    );
}

#[test]
fn the_matrix_shows_the_touchpoints_of_one_campaign() {
    let text = stdout_of(&[
        "matrix",
        WORKBENCH,
        "--campaign",
        "search-push",
        "--cells",
        "names",
        "--width",
        "100",
    ]);
    assert!(text.contains("Google ad"), "{text}");
    assert!(!text.contains("Monday delivery video"), "{text}");
    assert!(text.contains("Only touchpoints campaign Search push uses."), "{text}");
    let unknown = journeymap(&["matrix", WORKBENCH, "--campaign", "autumn"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("the map has no campaign with id `autumn`"),
        "{}",
        unknown.stderr
    );
    assert!(
        unknown.stderr.contains("use one of: search-push, nurture, lapsed"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn narrow_widths_and_long_journeys_stay_within_the_width() {
    // Fifteen stages: the flow's columns go on in further blocks.
    let stages: Vec<String> = (0..15)
        .map(|i| format!("Stage(id: \"s{i}\", name: \"Stage number {i}\")"))
        .collect();
    let campaigns: Vec<String> = (0..14)
        .map(|i| {
            format!(
                "Campaign(id: \"c{i}\", name: \"Campaign {i}\", cta: \"Go\", from_stage: \"s{i}\", to_stage: \"s{}\", start: \"2026-{:02}\", end: \"2027-06\")",
                (i + 1) % 15,
                i % 12 + 1
            )
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let long = dir.path().join("long.ron");
    std::fs::write(
        &long,
        format!(
            "JourneyMap(format: 3, title: \"Long\", stages: [{}], campaigns: [{}])",
            stages.join(", "),
            campaigns.join(", ")
        ),
    )
    .unwrap();
    let long = long.to_str().unwrap();
    for map in [WORKBENCH, STRETCH, long] {
        for cols in ["40", "60", "80"] {
            let max: usize = cols.parse().unwrap();
            for cells in ["count", "names"] {
                let text = stdout_of(&["flow", map, "--cells", cells, "--width", cols]);
                assert_within(&text, max, &format!("flow {map} {cells} {cols}"));
            }
            let text = report(map, &["--section", "ladder,flow,calendar", "--width", cols]);
            assert_within(&text, max, &format!("report {map} {cols}"));
        }
    }
    let text = stdout_of(&["flow", long, "--width", "80"]);
    assert_eq!(
        text.matches("│ from → to ").count(),
        3,
        "15 stages in three blocks of five:\n{text}"
    );
}

#[test]
fn the_example_maps_flow_and_calendar_read_back_at_80_and_160() {
    for map in common::example_maps() {
        let map = map.to_str().unwrap();
        for cols in ["80", "160"] {
            let max: usize = cols.parse().unwrap();
            for cells in ["count", "names"] {
                assert_within(&stdout_of(&["flow", map, "--cells", cells, "--width", cols]), max, map);
            }
            assert_within(
                &report(map, &["--section", "ladder,flow,calendar", "--width", cols]),
                max,
                map,
            );
        }
        let markdown = report(map, &["-f", "markdown", "--section", "ladder,flow,calendar"]);
        for table in markdown_tables(&markdown) {
            assert!(table.iter().all(|&n| n == table[0]), "{map}: {table:?}");
        }
        for section in ["ladder", "flow", "calendar"] {
            let text = report(map, &["-f", "csv", "--section", section]);
            let mut reader = csv::Reader::from_reader(text.as_bytes());
            let columns = reader.headers().unwrap().len();
            for record in reader.records() {
                assert_eq!(record.unwrap().len(), columns, "{map} {section}");
            }
        }
        let flow: serde_json::Value = serde_json::from_str(&stdout_of(&["flow", map, "-f", "json"])).unwrap();
        assert!(flow["cells"].is_array(), "{map}");
        assert_flowchart(&stdout_of(&["flow", map, "-f", "mermaid"]));
        assert_flowchart(&report(map, &["-f", "mermaid", "--section", "ladder"]));
    }
}
