//! How journeymap scales with the size of a map, measured against baselines
//! taken in the same run, so that the figures are ratios and survive a noisy
//! machine.
//!
//! For every size (S, M, L; see `support/generate.rs`) and operation, the
//! group `OPERATION/SIZE` holds `journeymap` and, for load and save, the bare
//! serde + RON work on the model's own structs (`ron_baseline`): no
//! prescan, no unknown-field checks, no validation, no canonical layout.
//!
//! `import-csv/100k` imports a 100,000-row CSV of touchpoints and compares
//! it with loading the map that import produces.
//!
//! `report-stream/L` loads the large map, and loads it and writes each
//! report format as `journeymap report` does, in one group.
//!
//! ```text
//! cargo bench --bench scale                # everything, a few minutes on 2 cores
//! cargo bench --bench scale -- '/L'        # only the large map
//! cargo bench --bench scale -- import      # only the import
//! cargo bench --bench scale -- report-stream   # report against load, L
//! python3 benches/table.py                 # the table of BENCHMARKS.md
//! ```

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/generate.rs"]
mod generate;

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkGroup, Criterion, SamplingMode, criterion_group, criterion_main, measurement::WallTime};

use generate::{SEED, Size, generate, revise, with_campaigns, with_playbook};
use journeymap::analysis::diff::diff_maps;
use journeymap::analysis::{Matrix, MatrixFilter, lint};
use journeymap::export::campaigns::{FlowCells, FlowOptions, flow_text};
use journeymap::export::{Out, ReportOptions, csv, diff::to_text, json, markdown, mermaid, text};
use journeymap::model::JourneyMap;
use journeymap::store;

/// One size's data: the map, its canonical text, and a revised version.
struct Fixture {
    label: &'static str,
    map: JourneyMap,
    text: String,
    revised: JourneyMap,
}

impl Fixture {
    fn new(label: &'static str, size: Size) -> Self {
        let map = generate(size, SEED);
        let text = store::to_canonical(&map);
        let revised = revise(&map, SEED);
        // What is measured must be what a user loads.
        let loaded = store::parse_str(&text, label).expect("generated map is valid");
        assert_eq!(loaded, map, "generated map round-trips");
        Fixture {
            label,
            map,
            text,
            revised,
        }
    }
}

/// A group whose sampling suits the size: large maps take a fraction of a
/// second per run, so they get flat sampling and the minimum 10 samples.
fn group<'c>(c: &'c mut Criterion, operation: &str, fixture: &Fixture) -> BenchmarkGroup<'c, WallTime> {
    let mut g = c.benchmark_group(format!("{operation}/{}", fixture.label));
    match fixture.label {
        "S" => {
            g.sample_size(20).warm_up_time(Duration::from_millis(300));
            g.measurement_time(Duration::from_secs(1));
        }
        "M" => {
            g.sample_size(10).warm_up_time(Duration::from_millis(500));
            g.measurement_time(Duration::from_secs(2))
                .sampling_mode(SamplingMode::Flat);
        }
        _ => {
            g.sample_size(10).warm_up_time(Duration::from_secs(1));
            g.measurement_time(Duration::from_secs(4))
                .sampling_mode(SamplingMode::Flat);
        }
    }
    g
}

/// An operation that turns a map into what the user sees.
type Render<'a> = dyn Fn(&JourneyMap) -> String + 'a;

fn bench_size(c: &mut Criterion, label: &'static str, size: Size) {
    let f = Fixture::new(label, size);
    let report_options = ReportOptions::default();

    let mut g = group(c, "load", &f);
    g.bench_function("journeymap", |b| {
        b.iter(|| store::parse_str(black_box(&f.text), "bench").unwrap())
    });
    g.bench_function("ron_baseline", |b| {
        b.iter(|| ron::from_str::<JourneyMap>(black_box(&f.text)).unwrap())
    });
    g.finish();

    let mut g = group(c, "save", &f);
    g.bench_function("journeymap", |b| b.iter(|| store::to_canonical(black_box(&f.map))));
    g.bench_function("ron_baseline", |b| {
        b.iter(|| ron::ser::to_string_pretty(black_box(&f.map), ron::ser::PrettyConfig::default()).unwrap())
    });
    g.finish();

    let matrix = |map: &JourneyMap| Matrix::build(map, &MatrixFilter::default()).unwrap();
    let single: [(&str, &Render); 6] = [
        ("report-text", &|m| text::report(m, &report_options)),
        ("report-markdown", &|m| markdown::report(m, &report_options)),
        ("report-csv", &|m| csv::matrix(m, &matrix(m))),
        ("report-json", &|m| json::export(m, &matrix(m), report_options.today)),
        ("report-mermaid", &|m| mermaid::journey(m)),
        ("lint", &|m| text::findings(&lint(m), None, false, 100)),
    ];
    let mut g = group(c, "matrix", &f);
    g.bench_function("journeymap", |b| b.iter(|| matrix(black_box(&f.map))));
    g.finish();
    for (operation, run) in single {
        let mut g = group(c, operation, &f);
        g.bench_function("journeymap", |b| b.iter(|| run(black_box(&f.map))));
        g.finish();
    }

    let mut g = group(c, "diff", &f);
    g.bench_function("journeymap", |b| {
        b.iter(|| {
            let diff = diff_maps(black_box(&f.map), black_box(&f.revised));
            to_text(&diff, "old.ron", "new.ron", false, 100)
        })
    });
    g.finish();
}

fn scale(c: &mut Criterion) {
    bench_size(c, "S", Size::S);
    bench_size(c, "M", Size::M);
    bench_size(c, "L", Size::L);
    bench_playbook(c);
    bench_flow(c);
    bench_import(c);
    bench_report_stream(c);
}

/// What `journeymap report` costs next to `journeymap validate` on the
/// large map, in one group: loading it, then loading it and writing each
/// report format to a writer as the command does (into `io::sink`, so the
/// disk is not measured). The text report's target is 2x the load.
fn bench_report_stream(c: &mut Criterion) {
    let map = generate(Size::L, SEED);
    let text = store::to_canonical(&map);
    let options = ReportOptions::default();
    let matrix = |map: &JourneyMap| Matrix::build(map, &MatrixFilter::default()).unwrap();
    type Write<'a> = dyn Fn(&JourneyMap, &mut Out) + 'a;
    let formats: [(&str, &Write); 5] = [
        ("text", &|m, out| text::write_report(m, &options, out)),
        ("markdown", &|m, out| markdown::write_report(m, &options, out)),
        ("csv", &|m, out| out.push_str(&csv::matrix(m, &matrix(m)))),
        ("json", &|m, out| json::write_export(m, &matrix(m), options.today, out)),
        ("mermaid", &|m, out| mermaid::write_journey(m, out)),
    ];
    let mut g = c.benchmark_group("report-stream/L");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(6))
        .sampling_mode(SamplingMode::Flat);
    g.bench_function("load", |b| {
        b.iter(|| store::parse_str(black_box(&text), "bench").unwrap())
    });
    for (format, write) in formats {
        g.bench_function(format!("load+{format}"), |b| {
            b.iter(|| {
                let map = store::parse_str(black_box(&text), "bench").unwrap();
                let mut sink = std::io::sink();
                let mut out = Out::to(&mut sink);
                write(&map, &mut out);
                out.finish().unwrap()
            })
        });
    }
    g.finish();
}

/// Campaigns the flow benchmark adds to the large map.
const FLOW_CAMPAIGNS: usize = 2_000;

/// What the flow costs next to loading the map it is drawn from: the large
/// map with 2,000 campaigns, loaded, and its flow laid out and written as
/// `journeymap flow` prints it, in one group.
fn bench_flow(c: &mut Criterion) {
    let map = with_campaigns(&generate(Size::L, SEED), FLOW_CAMPAIGNS, SEED);
    let text = store::to_canonical(&map);
    let loaded = store::parse_str(&text, "flow").expect("the campaign map is valid");
    assert_eq!(loaded, map, "the campaign map round-trips");
    let options = FlowOptions {
        cells: FlowCells::Count,
        width: 100,
        ascii: false,
        visual: false,
    };
    let mut g = c.benchmark_group("flow/L");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
        .sampling_mode(SamplingMode::Flat);
    g.bench_function("load", |b| {
        b.iter(|| store::parse_str(black_box(&text), "bench").unwrap())
    });
    g.bench_function("flow", |b| b.iter(|| flow_text(black_box(&map), &options).len()));
    g.finish();
}

/// Pain points and opportunities the playbook benchmark adds to the large
/// map (as many of each).
const PLAYBOOK_ITEMS: usize = 2_500;

/// What a playbook costs: loading, validating and reporting the large map
/// with 5,000 pain points and opportunities (plus goals, insights and a
/// brief), against the same map without them, in one group.
fn bench_playbook(c: &mut Criterion) {
    let plain = generate(Size::L, SEED);
    let full = with_playbook(&plain, PLAYBOOK_ITEMS, SEED);
    let texts = [
        ("without", store::to_canonical(&plain)),
        ("with", store::to_canonical(&full)),
    ];
    let loaded = store::parse_str(&texts[1].1, "playbook").expect("the playbook map is valid");
    assert_eq!(loaded, full, "the playbook map round-trips");
    let options = ReportOptions::default();
    let mut g = c.benchmark_group("playbook/L");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(6))
        .sampling_mode(SamplingMode::Flat);
    for (label, text) in &texts {
        g.bench_function(*label, |b| {
            b.iter(|| {
                let map = store::parse_str(black_box(text), "bench").unwrap();
                text::report(&map, &options).len()
            })
        });
    }
    g.finish();
}

/// Rows of the import benchmark's CSV.
const IMPORT_ROWS: usize = 100_000;

/// A CSV of touchpoints as a strategist's sheet holds them: a stage of 12,
/// tactics and personas of a few (several per cell), an emotion, a channel
/// and notes; quoted cells where they hold separators.
fn touchpoint_sheet(rows: usize) -> String {
    let mut csv = String::with_capacity(rows * 160);
    csv.push_str("Stage,Touchpoint,Channel,Tactics,Persona,Emotion,KPI,Notes\n");
    for n in 0..rows {
        csv.push_str(&format!(
            "Stage {},\"Touchpoint number {n}: an ad, a post or a call\",Channel {},Tactic {}; Tactic {},{},{},Cost per lead,\"Notes about touchpoint {n}, line one.\nLine two.\"\n",
            n % 12,
            n % 17,
            n % 40,
            (n + 1) % 40,
            ["Olivia", "Omar", "Olivia; Omar"][n % 3],
            (n % 5) as i64 - 2,
        ));
    }
    csv
}

/// What `journeymap import` does with the file: read it, merge it into a
/// new map and check the result.
fn import_csv(bytes: &[u8]) -> JourneyMap {
    let options = journeymap::import::Options::default();
    let mut drafts = journeymap::import::read(bytes, std::path::Path::new("sheet.csv"), &options).unwrap();
    let draft = drafts.remove(0);
    let mut map = journeymap::import::new_map(&draft, "sheet");
    let mut warnings = Vec::new();
    journeymap::import::merge(&mut map, draft, &mut warnings);
    assert!(journeymap::model::validate(&map).is_empty());
    map
}

fn bench_import(c: &mut Criterion) {
    let sheet = touchpoint_sheet(IMPORT_ROWS);
    let produced = store::to_canonical(&import_csv(sheet.as_bytes()));
    let mut g = c.benchmark_group("import-csv/100k");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(6))
        .sampling_mode(SamplingMode::Flat);
    g.bench_function("journeymap", |b| b.iter(|| import_csv(black_box(sheet.as_bytes()))));
    g.bench_function("load_baseline", |b| {
        b.iter(|| store::parse_str(black_box(&produced), "bench").unwrap())
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().without_plots();
    targets = scale
}
criterion_main!(benches);
