#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The playbook's report sections (the brief in the overview, the
//! scorecard, the journey canvas, pain points and opportunities, the
//! competitor summary) in every format, on an example map and on a fixture
//! that fills in every part of the playbook; each output read back as the
//! tool that opens it would.

use crate::common;

use super::report::TODAY;
use common::{fixture, has_raw_control, journeymap, stdout_of};
use journeymap::model::JourneyMap;
use journeymap::text::width;

const PLAYBOOK: &str = "tests/fixtures/playbook.ron";
const EXAMPLE: &str = "maps/bean-box-coffee.ron";
const SECTIONS: [&str; 5] = ["overview", "scorecard", "journey", "pains", "competitors"];
const CSV_SECTIONS: [&str; 4] = ["scorecard", "competitors", "pains", "journey"];

fn report(map: &str, extra: &[&str]) -> String {
    let mut args = vec!["report", map, "--today", TODAY];
    args.extend_from_slice(extra);
    stdout_of(&args)
}

fn load(map: &str) -> JourneyMap {
    journeymap::store::load(std::path::Path::new(map)).unwrap().map
}

fn stem(map: &str) -> &str {
    map.rsplit('/').next().unwrap().trim_end_matches(".ron")
}

#[test]
fn every_playbook_section_in_every_format() {
    for map in [EXAMPLE, PLAYBOOK] {
        for section in SECTIONS {
            for format in ["text", "markdown"] {
                let text = report(map, &["-f", format, "--section", section, "--width", "100"]);
                assert!(!has_raw_control(&text), "{map} {section} {format}");
                insta::assert_snapshot!(format!("{}-{section}-{format}", stem(map)), text);
            }
        }
        for section in CSV_SECTIONS {
            let text = report(map, &["-f", "csv", "--section", section]);
            insta::assert_snapshot!(format!("{}-{section}-csv", stem(map)), text);
        }
        let json: serde_json::Value = serde_json::from_str(&report(map, &["-f", "json"])).unwrap();
        insta::assert_snapshot!(
            format!("{}-scorecard-json", stem(map)),
            serde_json::to_string_pretty(&serde_json::json!({
                "as_of": json["as_of"],
                "scorecard": json["scorecard"],
            }))
            .unwrap()
        );
    }
}

#[test]
fn the_overview_carries_the_brief() {
    let map = load(PLAYBOOK);
    let text = report(PLAYBOOK, &["--section", "overview", "--width", "0"]);
    for (label, value) in [
        ("Who we are", &map.business),
        ("What we sell", &map.offering),
        ("Who we sell to", &map.audience),
        ("Who we do not sell to", &map.not_for),
        ("Seasonality", &map.seasonality),
    ] {
        assert!(text.contains(&format!("\n{label}: {value}\n")), "{label}:\n{text}");
    }
    assert!(text.contains("\nCompany strategy: differentiation\n"), "{text}");
    assert!(text.contains("\nMarket share: 3.5%\n"), "{text}");
    for entry in map.lifetime_value.iter().chain(&map.recent_results) {
        assert!(text.contains(&format!("\n   - {entry}\n")), "{entry}:\n{text}");
    }
    let markdown = report(PLAYBOOK, &["-f", "markdown", "--section", "overview"]);
    assert!(
        markdown.contains("- **Company strategy:** differentiation\n"),
        "{markdown}"
    );
    assert!(
        markdown.contains("- **Lifetime value:**\n  - Direct: 2,400 EUR\n"),
        "{markdown}"
    );
}

/// The scorecard as a CSV reader sees it: one record per goal.
fn scorecard_rows(today: &str) -> Vec<csv::StringRecord> {
    let text = stdout_of(&[
        "report",
        PLAYBOOK,
        "-f",
        "csv",
        "--section",
        "scorecard",
        "--today",
        today,
    ]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        [
            "id",
            "name",
            "metric",
            "unit",
            "baseline",
            "current",
            "target",
            "progress_percent",
            "deadline",
            "overdue",
            "stages",
            "owner",
            "notes",
            "stage_ids"
        ]
    );
    reader.records().map(Result::unwrap).collect()
}

#[test]
fn the_scorecard_computes_progress_and_overdue_as_of_the_day_given() {
    let map = load(PLAYBOOK);
    let rows = scorecard_rows(TODAY);
    assert_eq!(rows.len(), map.goals.len());
    let facts: Vec<(&str, &str, &str)> = rows.iter().map(|r| (&r[0], &r[7], &r[9])).collect();
    assert_eq!(
        facts,
        [
            // 120 -> 246 of 400: 126 of 280.
            ("enquiries", "45", "false"),
            // Due 2026-Q1 (the end of March), 24 of 35: overdue on 1 May.
            ("trial-conversion", "27", "true"),
            // A number brought down past its target: met, so never overdue.
            ("churn", "113", "false"),
            // No current value: no progress to tell.
            ("nps", "n/a", "false"),
        ]
    );
    for (row, goal) in rows.iter().zip(&map.goals) {
        assert_eq!(&row[1], goal.name, "quoting keeps names whole");
        assert_eq!(&row[13], goal.stages.join("; "));
    }
    // The formula in a metric stays text.
    assert_eq!(&rows[3][2], "'=NPS()");
    // On the last day of the quarter the goal is not overdue yet; a year on, the NPS goal is.
    assert_eq!(&scorecard_rows("2026-03-31")[1][9], "false");
    let later = scorecard_rows("2027-07-01");
    assert_eq!(&later[1][9], "true");
    assert_eq!(&later[3][9], "true");
    assert_eq!(&later[2][9], "false");
}

#[test]
fn the_day_defaults_to_today_and_must_be_a_day() {
    let today = journeymap::model::typed::Period::today();
    let json: serde_json::Value = serde_json::from_str(&stdout_of(&["report", PLAYBOOK, "-f", "json"])).unwrap();
    assert_eq!(
        json["as_of"],
        format!("{:04}-{:02}-{:02}", today.year, today.month, today.day)
    );
    for bad in ["2026-13-01", "2026-05", "2026-Q2", "tomorrow", "01/05/2026"] {
        let out = journeymap(&["report", PLAYBOOK, "--today", bad]);
        assert_eq!(out.code, 2, "{bad}");
        assert!(out.stderr.contains("not a day"), "{bad}: {}", out.stderr);
    }
}

#[test]
fn json_carries_the_scorecard_next_to_the_map() {
    let map = load(PLAYBOOK);
    let json: serde_json::Value = serde_json::from_str(&report(PLAYBOOK, &["-f", "json"])).unwrap();
    let back: JourneyMap = serde_json::from_value(json["map"].clone()).unwrap();
    assert_eq!(back, map);
    assert_eq!(json["as_of"], TODAY);
    let scorecard = json["scorecard"].as_array().unwrap();
    assert_eq!(scorecard.len(), map.goals.len());
    assert_eq!(
        scorecard[0],
        serde_json::json!({"goal": "enquiries", "progress_percent": 45, "overdue": false})
    );
    assert_eq!(scorecard[1]["overdue"], true);
    assert!(scorecard[3]["progress_percent"].is_null());
    // The map's numbers are numbers.
    assert_eq!(json["map"]["goals"][0]["target"], 400);
    assert_eq!(json["map"]["competitors"][0]["rating"], 3.9);
}

#[test]
fn competitors_csv_has_every_fact_of_every_competitor() {
    let map = load(PLAYBOOK);
    let text = report(PLAYBOOK, &["-f", "csv", "--section", "competitors"]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), map.competitors.len());
    for (row, c) in rows.iter().zip(&map.competitors) {
        assert_eq!(&row[column("id")], c.id);
        assert_eq!(&row[column("name")], c.name);
        assert_eq!(&row[column("geography")], c.geography);
        assert_eq!(row[column("channels")], c.channels.join("; "));
        assert_eq!(&row[column("rating")], c.rating);
        assert_eq!(&row[column("review_count")], c.review_count);
        assert_eq!(&row[column("review_source")], c.review_source);
        assert_eq!(&row[column("positioning")], c.positioning);
        assert_eq!(row[column("segment_ids")], c.segments.join("; "));
    }
    assert_eq!(&rows[0][column("price_level")], "budget");
    assert_eq!(&rows[0][column("segments")], "Small offices");
    assert_eq!(&rows[0][column("usp")], "Pods | no grinder needed");
    assert_eq!(&rows[1][column("usp")], "'=SUM(A1:A9)+@evil", "a formula stays text");
}

#[test]
fn pains_csv_says_which_opportunity_answers_which_pain_point() {
    let map = load(PLAYBOOK);
    let text = report(PLAYBOOK, &["-f", "csv", "--section", "pains"]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), map.pain_points.len() + map.opportunities.len());
    // Stage by stage in journey order; the most severe pain first.
    let order: Vec<(&str, &str)> = rows.iter().map(|r| (&r[column("kind")], &r[column("id")])).collect();
    assert_eq!(
        order,
        [
            ("pain point", "no-trust"),
            ("opportunity", "reviews-in-ads"),
            ("pain point", "price-shock"),
            ("pain point", "hidden-contract"),
            ("opportunity", "price-per-cup"),
            ("opportunity", "no-contract-badge"),
            ("pain point", "cancel"),
            ("opportunity", "office-party"),
        ]
    );
    for row in &rows {
        let id = &row[column("id")];
        if &row[column("kind")] == "opportunity" {
            let o = map.opportunities.iter().find(|o| o.id == id).unwrap();
            assert_eq!(row[column("answer_ids")], o.answers.join("; "));
            assert_eq!(&row[column("severity")], "");
        } else {
            // Answered by exactly the opportunities that list it.
            let by: Vec<&str> = map
                .opportunities
                .iter()
                .filter(|o| o.answers.iter().any(|a| a == id))
                .map(|o| o.id.as_str())
                .collect();
            assert_eq!(row[column("answered_by_ids")], by.join("; "), "{id}");
            assert_eq!(&row[column("status")], "");
        }
    }
    let price_shock = &rows[2];
    assert_eq!(&price_shock[column("severity")], "critical");
    assert_eq!(&price_shock[column("evidence")], "data");
    assert_eq!(&price_shock[column("source")], "Checkout analytics");
    assert_eq!(&price_shock[column("answered_by")], "Show the price per cup");
    assert_eq!(&price_shock[column("touchpoints")], "Trial box checkout");
}

#[test]
fn journey_csv_is_a_canvas_of_stages_and_lanes() {
    for map in [EXAMPLE, PLAYBOOK] {
        let loaded = load(map);
        let text = report(map, &["-f", "csv", "--section", "journey"]);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        let mut expected = vec!["lane".to_string()];
        expected.extend(loaded.stages.iter().map(|s| s.name.clone()));
        assert_eq!(headers, expected, "{map}");
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        let lanes: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
        assert_eq!(
            lanes,
            [
                "Stage goal",
                "Doing",
                "Thinking",
                "Feeling",
                "Touchpoints",
                "Pain points",
                "Opportunities",
                "Offers",
                "Emotion",
                "KPIs"
            ]
        );
        let emotions: Vec<i8> = rows[8].iter().skip(1).map(|e| e.parse().unwrap()).collect();
        assert_eq!(emotions, loaded.stages.iter().map(|s| s.emotion).collect::<Vec<_>>());
        for (stage, cell) in loaded.stages.iter().zip(rows[0].iter().skip(1)) {
            assert_eq!(cell, stage.goal);
        }
    }
    let text = report(PLAYBOOK, &["-f", "csv", "--section", "journey"]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    // The Thinking lane holds what customers ask, too; entries one per line.
    assert_eq!(&rows[2][2], "Is fresh coffee worth the money?");
    assert_eq!(
        &rows[1][1],
        "Searches 'office coffee supplier'\nAsks colleagues what they miss (assumed)"
    );
    assert_eq!(
        &rows[9][3],
        "Trial boxes ordered\nTrial boxes that become subscriptions: 27%, overdue"
    );
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

/// Every GFM table of `text`: its rows' cell counts, in order.
pub(crate) fn markdown_tables(text: &str) -> Vec<Vec<usize>> {
    let mut tables = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    for line in text.lines() {
        if line.starts_with('|') {
            assert!(line.ends_with('|'), "{line}");
            current.push(markdown_cells(line) - 1);
        } else if !current.is_empty() {
            tables.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        tables.push(current);
    }
    tables
}

#[test]
fn markdown_tables_are_valid_gfm() {
    let mut maps: Vec<String> = common::example_maps()
        .iter()
        .map(|p| p.to_str().unwrap().to_string())
        .collect();
    maps.push(PLAYBOOK.into());
    maps.push(fixture("wide-text.ron"));
    for map in &maps {
        let loaded = load(map);
        let text = report(map, &["-f", "markdown"]);
        for table in markdown_tables(&text) {
            // A header, a rule, and every row with the header's columns.
            assert!(table.len() >= 2, "{map}");
            assert!(table.iter().all(|&n| n == table[0]), "{map}: {table:?}");
        }
        let journey = report(map, &["-f", "markdown", "--section", "journey"]);
        let tables = markdown_tables(&journey);
        assert_eq!(tables.len(), 1, "{map}");
        assert_eq!(
            tables[0],
            vec![loaded.stages.len() + 1; 2 + 10],
            "{map}: a row per lane"
        );
    }
    // Map text is escaped: a pipe or a star in a name neither splits a cell nor emphasises.
    let text = report(PLAYBOOK, &["-f", "markdown"]);
    assert!(text.contains("| NPS \\| \\*net promoter\\* |"), "{text}");
    assert!(
        text.contains("• Cancelling \\| by e-mail only (minor) (assumed)"),
        "{text}"
    );
    assert!(text.contains("• Google ad: \\*office coffee\\*"), "{text}");
    assert!(text.starts_with("# Roastery \\| Playbook\n"));
}

/// The blocks of a text canvas: each block's lines.
fn blocks(text: &str) -> Vec<Vec<&str>> {
    let mut blocks = Vec::new();
    let mut current = Vec::new();
    for line in text.lines() {
        if line.starts_with(['┌', '│', '├', '└', '+', '|']) {
            current.push(line);
        } else if !current.is_empty() {
            blocks.push(std::mem::take(&mut current));
        }
    }
    blocks
}

#[test]
fn the_journey_canvas_fits_the_width_in_blocks_of_stages() {
    let mut maps: Vec<String> = common::example_maps()
        .iter()
        .map(|p| p.to_str().unwrap().to_string())
        .collect();
    maps.push(PLAYBOOK.into());
    maps.push(fixture("wide-text.ron"));
    for map in &maps {
        let loaded = load(map);
        for columns in [60, 80, 100, 200] {
            let text = report(map, &["--section", "journey", "--width", &columns.to_string()]);
            let blocks = blocks(&text);
            assert!(!blocks.is_empty(), "{map}");
            let mut headings = 0;
            for block in &blocks {
                let top = width(block[0]);
                assert!(top <= columns, "{map} at {columns}: {top}\n{text}");
                for line in block {
                    assert_eq!(width(line), top, "{map} at {columns}: {line}");
                }
                // Each block repeats the lane labels.
                for lane in ["│ Stage goal ", "│ Doing ", "│ Pain points ", "│ KPIs "] {
                    assert_eq!(block.iter().filter(|l| l.starts_with(lane)).count(), 1, "{lane}");
                }
                headings += block[1].matches(". ").count();
            }
            for line in text.lines() {
                assert!(width(line) <= columns, "{map} at {columns}: {line}");
            }
            // Every stage heads a column once, in journey order.
            assert_eq!(headings, loaded.stages.len(), "{map} at {columns}:\n{text}");
            let firsts: Vec<usize> = blocks
                .iter()
                .map(|b| {
                    let cell = b[1].split('│').nth(2).unwrap().trim();
                    cell.split('.').next().unwrap().parse().unwrap()
                })
                .collect();
            assert!(firsts.windows(2).all(|w| w[0] < w[1]), "{map}: {firsts:?}");
            if columns == 200 && loaded.stages.len() <= 8 {
                assert_eq!(blocks.len(), 1, "{map}: all stages side by side at 200");
            }
        }
    }
    // Five stages do not fit side by side in 100 columns: three, then two.
    let text = report(PLAYBOOK, &["--section", "journey", "--width", "100"]);
    let blocks = blocks(&text);
    assert_eq!(blocks.len(), 2, "{text}");
    assert!(
        blocks[0][1].contains("3. Convert") && blocks[1][1].contains("4. Excite"),
        "{text}"
    );
}

#[test]
fn canvas_cells_wrap_at_word_boundaries() {
    let text = report(PLAYBOOK, &["--section", "journey", "--width", "100"]);
    // A long entry goes on under its bullet (indented with no-break spaces,
    // which the table keeps), whole words on each line.
    assert!(text.contains("│ • Compares three         │"), "{text}");
    assert!(text.contains("│ \u{a0}\u{a0}roasters side by side  │"), "{text}");
    assert!(text.contains("│ \u{a0}\u{a0}in a spreadsheet       │"), "{text}");
    assert!(!text.contains("- │"), "no word broken:\n{text}");
    // The legend says what the marks mean.
    assert!(text.contains("(assumed): an assumption"), "{text}");
    let ascii = report(PLAYBOOK, &["--section", "journey", "--width", "100", "--ascii"]);
    assert!(!ascii.contains(['•', '│', '┌', '─']), "{ascii}");
    assert!(ascii.contains("| - Compares three "), "{ascii}");
}

#[test]
fn the_competitor_summary_is_a_row_per_competitor_where_it_fits() {
    let wide = report(PLAYBOOK, &["--section", "competitors", "--width", "200"]);
    let header = wide.lines().find(|l| l.starts_with("│ Competitor")).unwrap();
    for fact in [
        "Kind",
        "Price level",
        "Pricing",
        "Geography",
        "Channels",
        "Reviews",
        "USP",
        "Segments",
    ] {
        assert!(header.contains(fact), "{fact}: {header}");
    }
    assert!(wide.contains("3.9 from 1240 reviews on Trustpilot"), "{wide}");
    // Too narrow for nine columns: the facts go down the side, the competitors side by side.
    let narrow = report(PLAYBOOK, &["--section", "competitors", "--width", "100"]);
    let first = narrow.lines().find(|l| l.starts_with('│')).unwrap();
    assert!(
        first.contains("BrewCo") && first.contains("The vending machine"),
        "{narrow}"
    );
    assert!(
        narrow.lines().any(|l| l.starts_with("│ Price level │ budget")),
        "{narrow}"
    );
    for text in [&wide, &narrow] {
        assert!(text.lines().all(|l| width(l) <= 200));
        // Then a profile per competitor, with every field.
        for field in [
            "   Price level: budget",
            "   Positioning: The cheapest office coffee in town.",
            "   Geography: Germany, Austria",
            "   Channels: Google Ads; Office supply catalogues",
            "   Assortment: Pods and instant coffee.",
            "   Reviews: 3.9 from 1240 reviews on Trustpilot",
            "   Strengths: Price",
            "   Weaknesses: Stale beans",
        ] {
            assert!(text.contains(&format!("\n{field}\n")), "{field}:\n{text}");
        }
    }
}

#[test]
fn pains_say_what_answers_them() {
    let text = report(PLAYBOOK, &["--section", "pains", "--width", "100"]);
    assert!(
        text.contains(
            "   - Price shock at checkout (critical; data: Checkout analytics)\n     \
             Answered by: Show the price per cup (planned)\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("     Answered by: \"No contract\" badge (dropped)\n"),
        "{text}"
    );
    assert!(text.contains("     Answered by: nothing yet\n"), "{text}");
    assert!(text.contains("     Answers: no pain point recorded\n"), "{text}");
    // Stages with nothing recorded are left out.
    assert!(!text.contains("2. Engage"), "{text}");
    assert!(!text.contains("5. Advocate"), "{text}");
}
