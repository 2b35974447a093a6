//! What the page and the picture of a large map cost, against loading it,
//! in one run: `report --format html` of the 50,000-touchpoint map (with
//! a playbook: lanes, pain points and opportunities) against loading the
//! same map, and the SVG (which keeps twelve cards a stage) likewise.
//!
//! ```text
//! cargo bench --bench pictures
//! ```

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/generate.rs"]
mod generate;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};

use generate::{SEED, Size, generate, with_campaigns, with_playbook};
use journeymap::analysis::{Matrix, MatrixFilter};
use journeymap::export::{html, svg};
use journeymap::model::typed::Period;
use journeymap::store;

fn pictures(c: &mut Criterion) {
    let map = with_campaigns(&with_playbook(&generate(Size::L, SEED), 2_500, SEED), 2_000, SEED);
    let text = store::to_canonical(&map);
    let today = Period::parse("2026-05-01").unwrap();
    let filter = MatrixFilter::default();
    let mut g = c.benchmark_group("pictures/L");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(6))
        .sampling_mode(SamplingMode::Flat);
    g.bench_function("load", |b| {
        b.iter(|| store::parse_str(black_box(&text), "bench").unwrap())
    });
    // What `report --format html` does after loading: the matrix, then the
    // page written out.
    g.bench_function("html", |b| {
        b.iter(|| {
            let matrix = Matrix::build(black_box(&map), &filter).unwrap();
            let mut page = Vec::with_capacity(32 << 20);
            html::page(&map, &matrix, &filter, today, &mut page).unwrap();
            page.len()
        })
    });
    g.bench_function("svg", |b| {
        b.iter(|| {
            let matrix = Matrix::build(black_box(&map), &filter).unwrap();
            svg::journey(&map, &matrix, &filter, today).len()
        })
    });
    g.finish();
}

criterion_group!(benches, pictures);
criterion_main!(benches);
