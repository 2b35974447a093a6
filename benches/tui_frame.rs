//! A full draw of the workbench into ratatui's `TestBackend` at 200x60, for
//! the Matrix, Touchpoints and Overview views, on a small example map and on a
//! large generated one (30 stages, 400 tactics, 50,000 touchpoints). The
//! large map should draw about as fast as the small one: after the summary,
//! the large/small ratio of each view is printed (target: 2x or less).
//!
//! The same frames on one map with its names in Arabic and with them in
//! Latin letters show what drawing right-to-left text costs (shaping and
//! reordering every label): the Arabic/Latin ratio is printed too (target:
//! 1.3x or less).
//!
//! `cargo bench --bench tui_frame`

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::Criterion;
use journeymap::model::{JourneyMap, Persona, Stage, Tactic, Touchpoint};
use journeymap::tui::App;
use journeymap::tui::app::Tab;
use journeymap::tui::views;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const VIEWS: [Tab; 3] = [Tab::Matrix, Tab::Touchpoints, Tab::Overview];

fn small_map() -> JourneyMap {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("maps/bean-box-coffee.ron");
    match journeymap::store::load(&path) {
        Ok(loaded) => loaded.map,
        Err(e) => panic!("{e}"),
    }
}

/// A deterministic map of 30 stages, 400 tactics in 16 disciplines, 8
/// personas and 50,000 touchpoints spread over every cell.
fn large_map() -> JourneyMap {
    let stages: Vec<Stage> = (0..30)
        .map(|s| Stage {
            id: format!("stage-{s}"),
            name: format!("Stage {s}"),
            tactics: (0..400)
                .filter(|t| (t + s) % 9 == 0)
                .map(|t| format!("tactic-{t}"))
                .collect(),
            emotion: (s % 5) as i8 - 2,
            ..Stage::default()
        })
        .collect();
    let tactics: Vec<Tactic> = (0..400)
        .map(|t| Tactic {
            id: format!("tactic-{t}"),
            name: format!("Tactic number {t}"),
            discipline: format!("Discipline {}", t % 16),
            ..Tactic::default()
        })
        .collect();
    let personas: Vec<Persona> = (0..8)
        .map(|p| Persona {
            id: format!("persona-{p}"),
            name: format!("Persona {p}"),
            ..Persona::default()
        })
        .collect();
    let touchpoints: Vec<Box<Touchpoint>> = (0..50_000usize)
        .map(|n| Touchpoint {
            id: format!("touchpoint-{n}"),
            name: format!("Touchpoint {n}"),
            stage: format!("stage-{}", n % 30),
            tactics: vec![format!("tactic-{}", n % 400), format!("tactic-{}", (n * 7 + 3) % 400)],
            personas: if n % 3 == 0 {
                Vec::new()
            } else {
                vec![format!("persona-{}", n % 8)]
            },
            ..Touchpoint::default()
        })
        .map(Box::new)
        .collect();
    JourneyMap {
        title: "Generated".into(),
        stages,
        tactics,
        personas,
        touchpoints,
        ..JourneyMap::default()
    }
}

/// Names of the same lengths in Arabic (with lam-alef pairs, digits and
/// Latin words mixed in) and in Latin letters.
const ARABIC_WORDS: [&str; 8] = [
    "خدمة العملاء",
    "إعلانات البحث",
    "ولاء العملاء",
    "التسويق بالمحتوى",
    "البريد الإلكتروني",
    "معرض الأعمال (دبي)",
    "برنامج الولاء 2025",
    "Google إعلانات",
];
const LATIN_WORDS: [&str; 8] = [
    "Customer car",
    "Search advert",
    "Client loyal",
    "Content marketin",
    "Electronic mail",
    "Business fair (Dub)",
    "Loyalty scheme 2025",
    "Google adverts",
];

/// A map of 12 stages, 60 tactics in 8 disciplines, 6 personas and 1,200
/// touchpoints, every name made from `words`.
fn script_map(words: &[&str; 8]) -> JourneyMap {
    let word = |n: usize| words[n % words.len()];
    let stages: Vec<Stage> = (0..12)
        .map(|s| Stage {
            id: format!("stage-{s}"),
            name: format!("{} {s}", word(s)),
            goal: format!("{} {} {}", word(s + 1), word(s + 2), word(s + 3)),
            tactics: (0..60)
                .filter(|t| (t + s) % 5 == 0)
                .map(|t| format!("tactic-{t}"))
                .collect(),
            emotion: (s % 5) as i8 - 2,
            ..Stage::default()
        })
        .collect();
    let tactics: Vec<Tactic> = (0..60)
        .map(|t| Tactic {
            id: format!("tactic-{t}"),
            name: format!("{} {t}", word(t + 3)),
            discipline: word(t % 8 + 5).to_string(),
            ..Tactic::default()
        })
        .collect();
    let personas: Vec<Persona> = (0..6)
        .map(|p| Persona {
            id: format!("persona-{p}"),
            name: format!("{} {p}", word(p + 2)),
            ..Persona::default()
        })
        .collect();
    let touchpoints: Vec<Box<Touchpoint>> = (0..1_200usize)
        .map(|n| Touchpoint {
            id: format!("touchpoint-{n}"),
            name: format!("{} — {} {n}", word(n), word(n / 8)),
            stage: format!("stage-{}", n % 12),
            tactics: vec![format!("tactic-{}", n % 60), format!("tactic-{}", (n * 7 + 3) % 60)],
            personas: vec![format!("persona-{}", n % 6)],
            ..Touchpoint::default()
        })
        .map(Box::new)
        .collect();
    JourneyMap {
        title: format!("{} {}", word(0), word(1)),
        stages,
        tactics,
        personas,
        touchpoints,
        ..JourneyMap::default()
    }
}

/// The views compared across scripts: every one that lists names.
const SCRIPT_VIEWS: [Tab; 5] = [Tab::Matrix, Tab::Touchpoints, Tab::Stages, Tab::Tactics, Tab::Overview];

/// An app on the map showing `tab`, with its caches warm (as after the first frame).
fn app(map: &JourneyMap, tab: Tab) -> (App, Terminal<TestBackend>) {
    let mut app = App::new(map.clone(), PathBuf::from("bench.ron"), None, None);
    app.tab = tab;
    let mut terminal = match Terminal::new(TestBackend::new(200, 60)) {
        Ok(t) => t,
        Err(e) => panic!("{e}"),
    };
    draw(&mut app, &mut terminal);
    (app, terminal)
}

fn draw(app: &mut App, terminal: &mut Terminal<TestBackend>) {
    if let Err(e) = terminal.draw(|f| views::render(f, app)) {
        panic!("{e}");
    }
    black_box(terminal.backend().buffer());
}

/// Average time of one frame over `runs` frames.
fn time_frames(app: &mut App, terminal: &mut Terminal<TestBackend>, runs: u32) -> Duration {
    let started = Instant::now();
    for _ in 0..runs {
        draw(app, terminal);
    }
    started.elapsed() / runs
}

fn main() {
    let maps = [("small", small_map()), ("large", large_map())];
    let mut criterion = Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args();
    for tab in VIEWS {
        let mut group = criterion.benchmark_group(format!("frame_200x60/{}", tab.title()));
        for (label, map) in &maps {
            let (mut app, mut terminal) = app(map, tab);
            group.bench_function(*label, |b| b.iter(|| draw(&mut app, &mut terminal)));
        }
        group.finish();
    }
    let scripts = [
        ("latin", script_map(&LATIN_WORDS)),
        ("arabic", script_map(&ARABIC_WORDS)),
    ];
    for tab in SCRIPT_VIEWS {
        let mut group = criterion.benchmark_group(format!("script_200x60/{}", tab.title()));
        for (label, map) in &scripts {
            let (mut app, mut terminal) = app(map, tab);
            group.bench_function(*label, |b| b.iter(|| draw(&mut app, &mut terminal)));
        }
        group.finish();
    }
    criterion.final_summary();
    // `cargo test --benches` runs each benchmark once, without `--bench`: no ratios then.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }

    // Ratios measured side by side in this run, since machines are noisy.
    println!("\nlarge/small frame time at 200x60 (target <= 2x):");
    for tab in VIEWS {
        let mut times = Vec::new();
        for (_, map) in &maps {
            let (mut app, mut terminal) = app(map, tab);
            times.push(time_frames(&mut app, &mut terminal, 200));
        }
        let ratio = times[1].as_secs_f64() / times[0].as_secs_f64().max(1e-9);
        println!(
            "  {:<12} small {:>9.1?}  large {:>9.1?}  ratio {ratio:.2}",
            tab.title(),
            times[0],
            times[1]
        );
    }
    println!("\narabic/latin frame time at 200x60, names shaped and reordered (target <= 1.3x):");
    for tab in SCRIPT_VIEWS {
        // Taken in turns, the fastest of each: on a busy machine the
        // slowest rounds measure the machine, not the frame.
        let mut apps: Vec<_> = scripts.iter().map(|(_, map)| app(map, tab)).collect();
        let mut times = vec![Duration::MAX; apps.len()];
        for _ in 0..10 {
            for ((app, terminal), best) in apps.iter_mut().zip(&mut times) {
                *best = (*best).min(time_frames(app, terminal, 30));
            }
        }
        let ratio = times[1].as_secs_f64() / times[0].as_secs_f64().max(1e-9);
        println!(
            "  {:<12} latin {:>9.1?}  arabic {:>9.1?}  ratio {ratio:.2}",
            tab.title(),
            times[0],
            times[1]
        );
    }
}
