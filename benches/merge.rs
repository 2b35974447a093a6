//! Merging three versions of the large generated map (50,000 touchpoints;
//! see `support/generate.rs`) against loading one of them, in the same run.
//!
//! The base is the generated map; ours and theirs are two different weeks
//! of edits to it (`revise` with two seeds: renames, moves, re-planned
//! tactics, notes, touchpoints added and removed, a stage moved), so the
//! merge also meets conflicts. A merge is what `journeymap merge` does
//! once the files are read: parse the three texts (side by side, on
//! threads), merge, and write the canonical result with its markers. The
//! command itself reads files as "merge three beside ours" does: ours
//! read, then base and theirs read a piece at a time beside it, side by
//! side, keeping only what differs from ours. After the summary, the
//! merge/load ratios are printed (target: 4x or less), and where the time
//! of a merge goes.
//!
//! `cargo bench --bench merge`

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/generate.rs"]
mod generate;

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode};
use generate::{SEED, Size, generate, revise};
use journeymap::analysis::merge::{merge_beside_ours, merge_comments, merge_maps};
use journeymap::analysis::thinned::{Sifter, repeats_an_id};
use journeymap::model::comments::Comments;
use journeymap::model::{JourneyMap, MapIndex};
use journeymap::store;

/// The canonical texts of base, ours and theirs.
fn versions() -> [String; 3] {
    let base = generate(Size::L, SEED);
    let ours = revise(&base, SEED);
    let theirs = revise(&base, SEED ^ 0x0074_6865_6972);
    [base, ours, theirs].map(|map| store::to_canonical(&map))
}

fn load(text: &str) -> JourneyMap {
    store::parse_str(black_box(text), "bench").unwrap()
}

/// One version read as the command reads it: parsed, checked for ids it
/// repeats (the merged map is validated whole), its comments found.
fn parse(text: &str) -> (JourneyMap, Comments) {
    let map = store::parse_unvalidated(black_box(text), "bench").unwrap();
    assert!(!repeats_an_id(&map));
    (map, store::comments_of(text))
}

/// The merge as the command does it: the three parsed side by side.
fn merge_on_threads(texts: &[String; 3]) -> String {
    let [base, ours, theirs] = std::thread::scope(|scope| {
        let handles = texts.each_ref().map(|text| scope.spawn(move || parse(text)));
        handles.map(|handle| handle.join().unwrap())
    });
    write_merged(&base, &ours, &theirs)
}

/// The merge with the three parsed one after the other.
fn merge_in_turn(texts: &[String; 3]) -> String {
    let [base, ours, theirs] = texts.each_ref().map(|text| parse(text));
    write_merged(&base, &ours, &theirs)
}

fn write_merged(
    base: &(JourneyMap, Comments),
    ours: &(JourneyMap, Comments),
    theirs: &(JourneyMap, Comments),
) -> String {
    let merged = merge_maps(&base.0, &ours.0, &theirs.0);
    let comments = merge_comments(&base.1, &ours.1, &theirs.1);
    store::to_canonical_with_conflicts(&merged.map, &merged.conflicts, &comments)
}

/// The merge as `journeymap merge` does it from files: ours read a piece
/// at a time, then base and theirs read beside it, side by side, keeping
/// only the items that differ from ours's.
fn merge_beside(paths: &[std::path::PathBuf; 3]) -> String {
    let (ours, _) = store::read_sifted(&paths[1], &mut |_, _| ()).unwrap();
    assert!(!repeats_an_id(&ours));
    let index = MapIndex::new(&ours);
    let [base, theirs] = std::thread::scope(|scope| {
        [&paths[0], &paths[2]]
            .map(|path| {
                let (ours, index) = (&ours, &index);
                scope.spawn(move || {
                    let mut sifter = Sifter::new(ours, index);
                    let (map, _) = store::read_sifted(path, &mut |map, kind| sifter.sift(map, kind)).unwrap();
                    let thinned = sifter.finish(map).unwrap();
                    assert!(!thinned.repeats_an_id(ours, index));
                    thinned
                })
            })
            .map(|handle| handle.join().unwrap())
    });
    drop(index);
    let merged = merge_beside_ours(&base, ours, &theirs);
    store::to_canonical_with_conflicts(&merged.map, &merged.conflicts, &Default::default())
}

/// How long `f` takes, once.
fn time<T>(f: impl FnOnce() -> T) -> Duration {
    let started = Instant::now();
    black_box(f());
    started.elapsed()
}

/// The fastest of `runs` runs of `f`.
fn fastest<T>(runs: u32, f: impl Fn() -> T) -> Duration {
    (0..runs).map(|_| time(&f)).min().unwrap_or_default()
}

fn main() {
    let texts = versions();
    let folder = tempfile::tempdir().unwrap();
    let paths = ["base", "ours", "theirs"].map(|name| folder.path().join(format!("{name}.ron")));
    for (path, text) in paths.iter().zip(&texts) {
        std::fs::write(path, text).unwrap();
    }
    assert_eq!(merge_beside(&paths), merge_on_threads(&texts));
    let merged = merge_maps(&parse(&texts[0]).0, &parse(&texts[1]).0, &parse(&texts[2]).0);
    println!(
        "merge of L: {} touchpoints merged, {} conflicts",
        merged.map.touchpoints.len(),
        merged.conflicts.len()
    );
    let mut criterion = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8))
        .configure_from_args();
    let mut group = criterion.benchmark_group("merge/L");
    group.sampling_mode(SamplingMode::Flat);
    group.bench_function("load one", |b| b.iter(|| load(&texts[1])));
    group.bench_function("merge three", |b| b.iter(|| merge_on_threads(&texts)));
    group.bench_function("merge three, parsed in turn", |b| b.iter(|| merge_in_turn(&texts)));
    group.bench_function("merge three beside ours", |b| b.iter(|| merge_beside(&paths)));
    group.finish();
    criterion.final_summary();
    // `cargo test --benches` runs each benchmark once, without `--bench`: no ratios then.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }

    // Ratios measured side by side in this run, since machines are noisy:
    // the three are timed in turn, round after round, so that a change in
    // the machine's load falls on all of them; the fastest of each counts.
    let runs = 7;
    let mut best = [Duration::MAX; 4];
    for _ in 0..runs {
        let timings = [
            time(|| load(&texts[1])),
            time(|| merge_on_threads(&texts)),
            time(|| merge_in_turn(&texts)),
            time(|| merge_beside(&paths)),
        ];
        for (best, timing) in best.iter_mut().zip(timings) {
            *best = (*best).min(timing);
        }
    }
    let [load_time, threads, in_turn, beside] = best;
    let ratio = |d: Duration| d.as_secs_f64() / load_time.as_secs_f64().max(1e-9);
    println!("\nmerge of three versions / load of one, L (target <= 4x), fastest of {runs} rounds:");
    println!("  load one                     {load_time:>9.1?}");
    println!(
        "  merge three                  {threads:>9.1?}  ratio {:.2}",
        ratio(threads)
    );
    println!(
        "  merge three, parsed in turn  {in_turn:>9.1?}  ratio {:.2}",
        ratio(in_turn)
    );
    println!(
        "  merge three beside ours      {beside:>9.1?}  ratio {:.2}",
        ratio(beside)
    );
    // Where the time of a merge goes.
    let maps = texts.each_ref().map(|text| parse(text).0);
    let [base, ours, theirs] = &maps;
    let parse_one = fastest(runs, || parse(&texts[1]));
    let merge_only = fastest(runs, || merge_maps(base, ours, theirs));
    let write_only = fastest(runs, || {
        store::to_canonical_with_conflicts(&merged.map, &merged.conflicts, &Default::default())
    });
    println!("  of which: parse one {parse_one:.1?}, merge {merge_only:.1?}, write {write_only:.1?}");
}
