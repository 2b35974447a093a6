//! From a key to a complete frame: for each thing a strategist does in the
//! workbench (switch views, move, page, filter, open and close a form, add,
//! edit, delete, undo, redo, plan a tactic in the matrix, the findings, the
//! search, the export popup), the time from handing the key to the app to a
//! whole frame drawn into ratatui's `TestBackend` at 200x60, on two small
//! example maps (the coffee one in plain English, and the Arabic one whose
//! names mix scripts as the large map's do) and on the generated large one
//! (30 stages, 400 tactics, 50,000 touchpoints, names in Latin, Arabic, CJK
//! and emoji; `support/generate.rs`).
//!
//! Only the key and the frame after it are timed: whatever puts the app in
//! the state before the key (and takes it back after) is done between the
//! timed parts. After criterion's summary, a table gives each action's
//! median on each map, the large/small ratios (target: 2x or less) and
//! whether the large map's time is within one frame of a 60 Hz display
//! (16 ms). The ratios compare the processor time of the thread that
//! handles keys (what the key costs: on a machine shared with other
//! programs, a wall clock also counts the time a thread waited for a
//! processor); the frame budget is checked on the wall clock. "after an edit" rows press the key right after a change to the
//! map, when everything computed from the map is out of date.
//!
//! The app is set up as the workbench runs it: a recovery journal, and
//! validation and lint on their own thread from the first frame on, so a
//! frame after a change shows the previous findings until that thread has
//! checked the change (and the event loop draws again); the table times the
//! key's own frame.
//!
//! The first screen: loading the large map's text (`store::parse_str`, what
//! `journeymap validate` does), the app on it and its first frame, against
//! the load alone (target: 1.2x or less).
//!
//! ```text
//! cargo bench --bench key_frame
//! cargo bench --bench key_frame -- large     # one map only
//! ```

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/generate.rs"]
mod generate;

use std::cell::RefCell;
use std::hint::black_box;
use std::path::Path;
use std::rc::Rc;
use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode};
use journeymap::model::{ItemKind, JourneyMap, Target};
use journeymap::store;
use journeymap::tui::App;
use journeymap::tui::app::Tab;
use journeymap::tui::views;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

type Term = Terminal<TestBackend>;

/// Something done to the app between the timed keys.
type Step = Box<dyn Fn(&mut App, &mut Term)>;

/// One frame at 60 Hz.
const FRAME_BUDGET: Duration = Duration::from_micros(16_667);

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ch(c: char) -> KeyEvent {
    let mods = if c.is_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    KeyEvent::new(KeyCode::Char(c), mods)
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn draw(app: &mut App, terminal: &mut Term) {
    terminal.draw(|f| views::render(f, app)).expect("a TestBackend draws");
    black_box(terminal.backend().buffer());
}

/// Presses `keys`, drawing a frame after each and then handing the edits
/// to the checking thread, as the event loop does.
fn press(app: &mut App, terminal: &mut Term, keys: &[KeyEvent]) {
    for k in keys {
        app.on_key(*k);
        draw(app, terminal);
        app.doc.check_edits();
    }
}

/// A change to the map that leaves every list as it was (a touchpoint's
/// name gains or loses a character), so that what is computed from the map
/// is out of date for the next key.
fn edit(app: &mut App) {
    if app.doc.map.touchpoints.is_empty() {
        return;
    }
    let target = Target::Item(ItemKind::Touchpoint, 0);
    app.doc.change(target, |map| {
        let name = &mut map.touchpoints[0].name;
        if name.ends_with('!') {
            name.pop();
        } else {
            name.push('!');
        }
    });
}

/// One action: how to get ready for it (untimed), the keys timed, and how
/// to undo it (untimed).
struct Action {
    name: String,
    before: Step,
    keys: Vec<KeyEvent>,
    after: Step,
}

fn action(
    name: impl Into<String>,
    before: impl Fn(&mut App, &mut Term) + 'static,
    keys: Vec<KeyEvent>,
    after: impl Fn(&mut App, &mut Term) + 'static,
) -> Action {
    Action {
        name: name.into(),
        before: Box::new(before),
        keys,
        after: Box::new(after),
    }
}

fn nothing(_: &mut App, _: &mut Term) {}

/// Goes to `tab` (as a key would) and draws it.
fn go(tab: Tab) -> impl Fn(&mut App, &mut Term) + 'static {
    move |app, terminal| {
        app.tab = tab;
        draw(app, terminal);
    }
}

fn actions() -> Vec<Action> {
    let mut list = Vec::new();
    // Every view, reached with Tab from the one before it, once with what it
    // shows computed on an earlier visit and once right after an edit.
    for (i, &tab) in Tab::ALL.iter().enumerate() {
        let previous = Tab::ALL[(i + Tab::COUNT - 1) % Tab::COUNT];
        list.push(action(
            format!("switch to {}", tab.title()),
            go(previous),
            vec![key(KeyCode::Tab)],
            nothing,
        ));
        list.push(action(
            format!("switch to {} after an edit", tab.title()),
            move |app, terminal| {
                go(previous)(app, terminal);
                edit(app);
                draw(app, terminal);
            },
            vec![key(KeyCode::Tab)],
            nothing,
        ));
    }
    let touchpoints = |app: &mut App, terminal: &mut Term| {
        app.tab = Tab::Touchpoints;
        press(app, terminal, &[key(KeyCode::Esc), ch('g')]);
    };
    list.push(action("move down (Touchpoints)", touchpoints, vec![ch('j')], nothing));
    list.push(action(
        "move down after an edit (Touchpoints)",
        move |app, terminal| {
            touchpoints(app, terminal);
            edit(app);
            draw(app, terminal);
        },
        vec![ch('j')],
        nothing,
    ));
    list.push(action(
        "page down (Touchpoints)",
        touchpoints,
        vec![key(KeyCode::PageDown)],
        nothing,
    ));
    list.push(action(
        "filter: type a character (Touchpoints)",
        move |app, terminal| {
            touchpoints(app, terminal);
            press(app, terminal, &[ch('/')]);
        },
        vec![ch('e')],
        |app, terminal| press(app, terminal, &[key(KeyCode::Esc), key(KeyCode::Esc)]),
    ));
    list.push(action(
        "filter: second character (Touchpoints)",
        move |app, terminal| {
            touchpoints(app, terminal);
            press(app, terminal, &[ch('/'), ch('e')]);
        },
        vec![ch('n')],
        |app, terminal| press(app, terminal, &[key(KeyCode::Esc), key(KeyCode::Esc)]),
    ));
    list.push(action(
        "open a form (Touchpoints)",
        touchpoints,
        vec![key(KeyCode::Enter)],
        |app, terminal| press(app, terminal, &[key(KeyCode::Esc)]),
    ));
    list.push(action(
        "close a form (Touchpoints)",
        move |app, terminal| {
            touchpoints(app, terminal);
            press(app, terminal, &[key(KeyCode::Enter)]);
        },
        vec![key(KeyCode::Esc)],
        nothing,
    ));
    list.push(action(
        "edit a field: keep a typed name (Touchpoints)",
        move |app, terminal| {
            touchpoints(app, terminal);
            press(app, terminal, &[key(KeyCode::Enter), key(KeyCode::Enter), ch('x')]);
        },
        vec![key(KeyCode::Enter)],
        |app, terminal| press(app, terminal, &[key(KeyCode::Esc), ch('u')]),
    ));
    list.push(action(
        "add: the form after naming (Touchpoints)",
        move |app, terminal| {
            touchpoints(app, terminal);
            press(app, terminal, &[ch('a'), ch('N'), ch('e'), ch('w')]);
        },
        vec![key(KeyCode::Enter)],
        |app, terminal| press(app, terminal, &[key(KeyCode::Esc), key(KeyCode::Esc), ch('u')]),
    ));
    list.push(action(
        "delete (Touchpoints)",
        move |app, terminal| {
            touchpoints(app, terminal);
            press(app, terminal, &[ch('d')]);
        },
        vec![ch('y')],
        |app, terminal| press(app, terminal, &[ch('u')]),
    ));
    list.push(action(
        "undo (Touchpoints)",
        move |app, terminal| {
            touchpoints(app, terminal);
            edit(app);
            draw(app, terminal);
        },
        vec![ch('u')],
        nothing,
    ));
    list.push(action(
        "redo (Touchpoints)",
        move |app, terminal| {
            touchpoints(app, terminal);
            edit(app);
            press(app, terminal, &[ch('u')]);
        },
        vec![ctrl('r')],
        |app, terminal| press(app, terminal, &[ch('u')]),
    ));
    let matrix = |app: &mut App, terminal: &mut Term| {
        app.tab = Tab::Matrix;
        press(app, terminal, &[ch('g'), ch('0'), ch('j'), ch('l')]);
    };
    list.push(action("move right (Matrix)", matrix, vec![ch('l')], nothing));
    list.push(action(
        "plan a tactic (Matrix)",
        matrix,
        vec![ch('p')],
        |app, terminal| press(app, terminal, &[ch('u')]),
    ));
    list.push(action(
        "undo planning a tactic (Matrix)",
        move |app, terminal| {
            matrix(app, terminal);
            press(app, terminal, &[ch('p')]);
        },
        vec![ch('u')],
        nothing,
    ));
    list.push(action(
        "open the findings",
        touchpoints,
        vec![ch('!')],
        |app, terminal| press(app, terminal, &[key(KeyCode::Esc)]),
    ));
    list.push(action(
        "open the findings after an edit",
        move |app, terminal| {
            touchpoints(app, terminal);
            edit(app);
            draw(app, terminal);
        },
        vec![ch('!')],
        |app, terminal| press(app, terminal, &[key(KeyCode::Esc)]),
    ));
    list.push(action(
        "open the search",
        touchpoints,
        vec![ctrl('p')],
        |app, terminal| press(app, terminal, &[key(KeyCode::Esc)]),
    ));
    list.push(action(
        "search: type a character",
        move |app, terminal| {
            touchpoints(app, terminal);
            press(app, terminal, &[ctrl('p')]);
        },
        vec![ch('t')],
        |app, terminal| press(app, terminal, &[key(KeyCode::Esc)]),
    ));
    list.push(action(
        "search: type a character after an edit",
        move |app, terminal| {
            touchpoints(app, terminal);
            edit(app);
            draw(app, terminal);
            press(app, terminal, &[ctrl('p')]);
        },
        vec![ch('t')],
        |app, terminal| press(app, terminal, &[key(KeyCode::Esc)]),
    ));
    list.push(action(
        "open the export popup",
        touchpoints,
        vec![ch('e')],
        |app, terminal| press(app, terminal, &[key(KeyCode::Esc)]),
    ));
    list
}

fn example_map(name: &str) -> JourneyMap {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("maps").join(name);
    store::load(&path).expect("the example map loads").map
}

fn large_map() -> JourneyMap {
    generate::generate(generate::Size::L, generate::SEED)
}

/// An app on `map` (a loaded, so valid, one) as if opened from `name`.ron,
/// with its first frame drawn, as the workbench opens one: with a recovery
/// journal in `data_dir`, and validation and lint moved to their thread
/// once the first frame is shown.
fn app_on(map: JourneyMap, name: &str, data_dir: &Path) -> (App, Term) {
    let mut app = App::new(map, data_dir.join(format!("{name}.ron")), None, Some(data_dir));
    app.doc.loaded_valid();
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("a TestBackend");
    draw(&mut app, &mut terminal);
    app.doc.check_in_background();
    (app, terminal)
}

/// The processor time this thread has used (`CLOCK_THREAD_CPUTIME_ID`,
/// to the nanosecond; the scheduler's statistics in `/proc` move only at
/// its ticks, coarser than a frame); `None` where there is no such clock.
#[cfg(unix)]
fn thread_cpu() -> Option<Duration> {
    let now = rustix::time::clock_gettime(rustix::time::ClockId::ThreadCPUTime);
    let seconds = u64::try_from(now.tv_sec).ok()?;
    let nanos = u32::try_from(now.tv_nsec).ok()?;
    Some(Duration::new(seconds, nanos))
}

#[cfg(not(unix))]
fn thread_cpu() -> Option<Duration> {
    None
}

/// How long one run of an action's keys took.
#[derive(Debug, Clone, Copy)]
struct Took {
    /// From the key to the frame, as a clock on the wall sees it.
    wall: Duration,
    /// The processor time the keyboard's thread spent on it: the same on a
    /// quiet machine, and what the key costs when other programs share the
    /// processors (a wall clock counts the time it waited for one too).
    cpu: Duration,
}

/// Runs `action` once: the timed part's duration.
fn run(action: &Action, app: &mut App, terminal: &mut Term) -> Took {
    (action.before)(app, terminal);
    let cpu = thread_cpu();
    let started = Instant::now();
    press(app, terminal, &action.keys);
    let wall = started.elapsed();
    let cpu = match (cpu, thread_cpu()) {
        (Some(before), Some(after)) => after.saturating_sub(before),
        _ => wall,
    };
    (action.after)(app, terminal);
    settle(app);
    Took { wall, cpu }
}

/// Waits (untimed) until the checking thread has reported on the latest
/// change and takes its results, as the event loop does between a
/// person's keys. Timed keys pressed right after one another would
/// otherwise run beside that thread's lint of the whole map on the other
/// processor, which on the large map takes many frames and on the small
/// ones almost none: the ratio would count the machine's shared caches
/// rather than the key.
fn settle(app: &mut App) {
    let started = Instant::now();
    app.doc.check_edits();
    while app.doc.checks_pending() && started.elapsed() < Duration::from_secs(10) {
        if !app.doc.receive_checks() {
            std::thread::sleep(Duration::from_micros(200));
        }
    }
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

fn main() {
    let mut criterion = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(10))
        .measurement_time(Duration::from_millis(40))
        .configure_from_args();
    let data_dir = tempfile::tempdir().expect("a temporary folder");
    // The large map's texts mix scripts (Arabic, CJK, emoji, accents), as
    // the Arabic example's do; the coffee example's are plain English, which
    // draws faster whatever the map's size. Both are measured, so that a
    // ratio tells the map's size from its scripts.
    let maps = [
        ("small", example_map("bean-box-coffee.ron")),
        ("small-mixed", example_map("souk-to-shelf.ron")),
        ("large", large_map()),
    ];
    let actions = actions();
    // Every timed run of every action on every map, for the table.
    let samples: Rc<RefCell<Vec<Vec<Vec<Took>>>>> =
        Rc::new(RefCell::new(vec![vec![Vec::new(); maps.len()]; actions.len()]));
    // Each action is timed on the three maps one after the other, so that
    // the ratios compare times taken within a second of each other: on a
    // machine shared with other programs, its speed drifts over the minutes
    // a whole map's actions take.
    let mut apps: Vec<(&str, App, Term)> = maps
        .iter()
        .map(|(label, map)| {
            let (app, terminal) = app_on(map.clone(), label, data_dir.path());
            (*label, app, terminal)
        })
        .collect();
    for (a, action) in actions.iter().enumerate() {
        for (m, (label, app, terminal)) in apps.iter_mut().enumerate() {
            let mut group = criterion.benchmark_group(format!("key_frame/{label}"));
            group.sampling_mode(SamplingMode::Flat);
            group.bench_function(&action.name, |b| {
                b.iter_custom(|iters| {
                    let mut total = Duration::ZERO;
                    for _ in 0..iters {
                        let took = run(action, app, terminal);
                        samples.borrow_mut()[a][m].push(took);
                        total += took.wall;
                    }
                    total
                })
            });
            group.finish();
        }
    }
    drop(apps);
    let first_screen = first_screen(&mut criterion, data_dir.path());
    criterion.final_summary();
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }

    println!(
        "\nkey to frame at 200x60, medians of the keyboard thread's processor time (small: the coffee example, plain \
         English; small-mixed: the Arabic example, scripts mixed as the large map's are), and of the wall-clock time \
         on the large map; targets: large <= 16 ms, large/small <= 2x"
    );
    println!(
        "| action | small | small-mixed | large | large/small | large/small-mixed | large, wall clock | within budget |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
    let samples = samples.borrow();
    for (a, action) in actions.iter().enumerate() {
        let cpu = |m: usize| median(&mut samples[a][m].iter().map(|t| t.cpu).collect::<Vec<_>>());
        let [small, mixed, large] = [0, 1, 2].map(cpu);
        let wall = median(&mut samples[a][2].iter().map(|t| t.wall).collect::<Vec<_>>());
        if small.is_zero() || mixed.is_zero() || large.is_zero() {
            continue;
        }
        let ratio = large.as_secs_f64() / small.as_secs_f64();
        let mixed_ratio = large.as_secs_f64() / mixed.as_secs_f64();
        let verdict = match (wall <= FRAME_BUDGET, ratio <= 2.0, mixed_ratio <= 2.0) {
            (false, ..) => "**no**: over a frame",
            (true, true, _) => "yes",
            (true, false, true) => "against small-mixed only",
            (true, false, false) => "**no**",
        };
        println!(
            "| {} | {small:.2?} | {mixed:.2?} | {large:.2?} | {ratio:.2}x | {mixed_ratio:.2}x | {wall:.2?} | {verdict} |",
            action.name
        );
    }
    if let Some((load, first)) = first_screen {
        println!(
            "\nfirst screen of the large map: load {load:.1?}, load + app + first frame {first:.1?}: {:.2}x (target <= 1.2x)",
            first.as_secs_f64() / load.as_secs_f64()
        );
    }
}

/// The load of the large map's text against the load, the app and its
/// first frame, taken in turns (fastest of each) so that both see the same
/// machine.
fn first_screen(criterion: &mut Criterion, data_dir: &Path) -> Option<(Duration, Duration)> {
    let text = store::to_canonical(&large_map());
    let load = || store::parse_str(&text, "large.ron").expect("the generated map loads");
    let open = || {
        let map = load();
        // What the workbench does before its first screen is shown.
        // As the workbench does: the recovery journal waits for the first screen.
        let mut app = App::new(map, data_dir.join("first.ron"), None, None);
        app.doc.recovery_file = Some(journeymap::tui::recovery::recovery_path(data_dir, &app.doc.path));
        app.doc.loaded_valid();
        app.doc.lint_after_first_screen();
        let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("a TestBackend");
        draw(&mut app, &mut terminal);
        app
    };
    let mut group = criterion.benchmark_group("first_screen/large");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .sampling_mode(SamplingMode::Flat);
    group.bench_function("load", |b| b.iter_with_large_drop(load));
    group.bench_function("load, app and first frame", |b| b.iter_with_large_drop(open));
    group.finish();
    if !std::env::args().any(|a| a == "--bench") {
        return None;
    }
    let mut best = [Duration::MAX; 2];
    for _ in 0..5 {
        let started = Instant::now();
        let loaded = black_box(load());
        best[0] = best[0].min(started.elapsed());
        drop(loaded);
        let started = Instant::now();
        let opened = black_box(open());
        best[1] = best[1].min(started.elapsed());
        drop(opened);
    }
    Some((best[0], best[1]))
}
