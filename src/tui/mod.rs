//! The interactive terminal workbench.
//!
//! [`app::App`] holds the state; [`update`] turns keys (through the table in
//! [`action`]) into changes; [`views`] draws. Only [`run`] touches the
//! terminal, and the map file is read and written only through
//! [`crate::store`].
//!
//! A file that does not load (syntax or validation problems) is not opened:
//! its errors are printed, as `journeymap validate` would, and the exit code
//! is 1. Every edit made in the TUI keeps the map valid, so what it saves
//! always loads.

pub mod action;
pub mod app;
pub mod config;
pub mod edit;
pub mod export;
pub mod form;
mod items;
pub mod jump;
pub mod matrix;
pub mod picker;
pub mod recovery;
mod update;
pub mod views;
pub mod widgets;

use std::io::{self, Stdout};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};

pub use app::App;

use crate::cli::{EXIT_ERROR, EXIT_OK, report_load_error};
use crate::store;

/// How often unsaved edits are copied to the recovery file.
pub const RECOVERY_INTERVAL: Duration = Duration::from_secs(2);

pub(crate) type Term = Terminal<CrosstermBackend<Stdout>>;

fn setup() -> io::Result<Term> {
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )?;
    Terminal::new(CrosstermBackend::new(io::stdout()))
}

/// Puts the terminal back as it was; safe to call more than once.
pub fn restore_terminal() {
    let _ = disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
}

/// Restores the terminal and writes the recovery copy before the default
/// panic message is printed.
fn install_panic_hook(shared: recovery::Shared) {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        recovery::write_shared(&shared);
        default(info);
    }));
}

/// `journeymap [FILE]` and `journeymap edit FILE`.
pub fn start(file: Option<&Path>) -> u8 {
    use std::io::IsTerminal;
    if file.is_some_and(|f| f.as_os_str() == "-") {
        eprintln!("error: the workbench edits a file, not standard input\n  = help: name a .ron file");
        return EXIT_ERROR;
    }
    let data_dir = recovery::data_dir();
    let target = match file {
        Some(path) if path.exists() => Some(path.to_path_buf()),
        _ => None,
    };
    if let Some(path) = &target
        && let Err(e) = store::load(path)
    {
        return report_load_error(&e);
    }
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        eprintln!(
            "error: the workbench needs a terminal\n  = help: in scripts use `journeymap validate`, `fmt` or `templates`; see `journeymap --help`"
        );
        return EXIT_ERROR;
    }
    let shared = recovery::Shared::default();
    install_panic_hook(shared.clone());
    let mut terminal = match setup() {
        Ok(t) => t,
        Err(e) => {
            restore_terminal();
            eprintln!("error: cannot use the terminal: {e}");
            return EXIT_ERROR;
        }
    };
    let result = session(&mut terminal, file, target, data_dir.as_deref(), shared);
    restore_terminal();
    match result {
        Ok(Outcome::Done) => EXIT_OK,
        Ok(Outcome::LoadFailed(e)) => report_load_error(&e),
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_ERROR
        }
    }
}

enum Outcome {
    Done,
    LoadFailed(Box<crate::store::LoadError>),
}

fn session(
    terminal: &mut Term,
    file: Option<&Path>,
    target: Option<PathBuf>,
    data_dir: Option<&Path>,
    shared: recovery::Shared,
) -> io::Result<Outcome> {
    let mut created = None;
    let path = match target {
        Some(path) => path,
        None => {
            let mut picker = match file {
                Some(missing) => picker::Picker::create(missing),
                None => picker::Picker::new(data_dir),
            };
            match picker::run(terminal, &mut picker)? {
                Some(path) => {
                    created = picker.created();
                    path
                }
                None => return Ok(Outcome::Done),
            }
        }
    };
    let loaded = match store::load(&path) {
        Ok(l) => l,
        Err(e) => return Ok(Outcome::LoadFailed(Box::new(e))),
    };
    if let Some(dir) = data_dir {
        let _ = recovery::remember(dir, &path);
    }
    let mut app = App::new(loaded.map, path, Some(loaded.stamp), data_dir);
    app.attach(shared);
    let (config, config_problem) = config::load();
    app.keymap = config.keymap;
    app.monochrome = config.monochrome;
    if let Some(template) = created {
        let label = app.file_label();
        app.info(format!("created {label} from the {template} template"));
    }
    if let Some(problem) = config_problem {
        app.error(problem);
    }
    app.offer_recovery();
    run_app(terminal, &mut app)?;
    Ok(Outcome::Done)
}

fn handle_event(app: &mut App, event: Event) {
    match event {
        Event::Key(key) => app.on_key(key),
        Event::Mouse(mouse) => app.on_mouse(mouse),
        Event::Paste(text) => app.on_paste(&text),
        _ => {}
    }
}

/// The event loop: draw, wait for input (coalescing what is queued). A
/// thread of its own keeps the recovery copy fresh every
/// [`RECOVERY_INTERVAL`], so no key press waits for the map to be written.
fn run_app(terminal: &mut Term, app: &mut App) -> io::Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    let writer = recovery::spawn_writer(app.shared.clone(), RECOVERY_INTERVAL, Arc::clone(&stop));
    let result = event_loop(terminal, app);
    stop.store(true, Ordering::Relaxed);
    let _ = writer.join();
    if !app.modified {
        // Saved or discarded while the writer was busy: leave no copy behind.
        app.discard_recovery();
    }
    result
}

fn event_loop(terminal: &mut Term, app: &mut App) -> io::Result<()> {
    let mut last_check = Instant::now();
    loop {
        terminal.draw(|frame| views::draw(frame, app))?;
        if app.should_quit {
            return Ok(());
        }
        let timeout = RECOVERY_INTERVAL.saturating_sub(last_check.elapsed());
        if event::poll(timeout)? {
            handle_event(app, event::read()?);
            while !app.should_quit && event::poll(Duration::ZERO)? {
                handle_event(app, event::read()?);
            }
        }
        if last_check.elapsed() >= RECOVERY_INTERVAL {
            app.recovery_problems();
            last_check = Instant::now();
        }
    }
}
