//! Writes a generated journey map in canonical form, for benchmarks,
//! profiling and trying the program on a large map:
//!
//! ```text
//! cargo run --release --example generate_map -- L > /tmp/l.ron
//! cargo run --release --example generate_map -- M --seed 7 --revised > /tmp/m2.ron
//! ```
//!
//! Sizes: S (8 stages, 20 tactics, 100 touchpoints), M (12, 100, 5,000),
//! L (30, 400, 50,000). `--revised` writes the slightly edited version the
//! diff benchmark compares against.

#[path = "../benches/support/generate.rs"]
mod generate;

use std::io::Write;
use std::process::ExitCode;

use generate::{SEED, Size, generate, revise};

fn main() -> ExitCode {
    let mut size = None;
    let mut seed = SEED;
    let mut revised = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--revised" => revised = true,
            "--seed" => match args.next().and_then(|s| s.parse().ok()) {
                Some(s) => seed = s,
                None => return usage("--seed takes a number"),
            },
            name => match Size::named(name) {
                Some(s) => size = Some(s),
                None => return usage(&format!("unknown argument `{name}`")),
            },
        }
    }
    let Some(size) = size else {
        return usage("name a size");
    };
    let mut map = generate(size, seed);
    if revised {
        map = revise(&map, seed);
    }
    let text = journeymap::store::to_canonical(&map);
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("error: {problem}\nusage: generate_map S|M|L [--seed N] [--revised] > map.ron");
    ExitCode::from(2)
}
