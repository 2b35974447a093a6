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
pub mod checks;
pub mod config;
pub mod document;
pub mod export;
mod flow;
mod flow_cache;
pub mod form;
mod host;
mod items;
mod journey;
mod journey_canvas;
pub mod layout;
pub mod lock;
pub mod matrix;
pub mod matrix_state;
pub mod picker;
pub mod popups;
pub mod recovery;
pub mod resolve;
pub mod search;
pub mod signals;
pub mod tabs;
pub mod touchpoint_view;
mod update;
mod used_by;
pub mod views;
pub mod watch;
pub mod widgets;

use std::io::{self, Stdout, Write};
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

use crate::store;
use crate::text;
use crate::text::bidi::Bidi;

/// How often unsaved edits are copied to the recovery file.
pub const RECOVERY_INTERVAL: Duration = Duration::from_secs(2);

/// How often the event loop looks for the validation and lint of a change
/// while they are computed: about a frame of a 60 Hz display.
const CHECKS_POLL: Duration = Duration::from_millis(16);

/// How long the workbench looks for a long filter's rows between two looks
/// for a key: half a frame.
const FILTER_SLICE: Duration = Duration::from_millis(8);

pub(crate) type Term = Terminal<CrosstermBackend<Stdout>>;

/// Whether the terminal was put in explicit BiDi mode, so that restoring
/// it puts back the implicit mode.
static EXPLICIT_BIDI: AtomicBool = AtomicBool::new(false);

fn setup(bidi: Bidi) -> io::Result<Term> {
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )?;
    if bidi.explicit_terminal() {
        // The terminal shows cells as written: the workbench has put
        // right-to-left text in visual order (or, with `Off`, shows the
        // logical order as it is). Terminals without BiDi ignore it.
        EXPLICIT_BIDI.store(true, Ordering::SeqCst);
        let mut out = io::stdout();
        out.write_all(text::bidi::EXPLICIT_MODE.as_bytes())?;
        out.flush()?;
    }
    Terminal::new(CrosstermBackend::new(io::stdout()))
}

/// Puts the terminal back as it was; safe to call more than once.
pub fn restore_terminal() {
    let _ = disable_raw_mode();
    if EXPLICIT_BIDI.swap(false, Ordering::SeqCst) {
        let mut out = io::stdout();
        let _ = out.write_all(text::bidi::IMPLICIT_MODE.as_bytes());
        let _ = out.flush();
    }
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
}

/// The lock on the open map, where every way out can release it.
type LockSlot = std::sync::Arc<std::sync::Mutex<Option<lock::Lock>>>;

/// Releases the lock in the slot, if any.
fn release(slot: &LockSlot) {
    let taken = match slot.lock() {
        Ok(mut guard) => guard.take(),
        Err(poisoned) => poisoned.into_inner().take(),
    };
    drop(taken);
}

/// Restores the terminal, writes the recovery copy and releases the lock
/// before the default panic message is printed.
fn install_panic_hook(shared: recovery::Shared, lock: LockSlot) {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        recovery::write_shared(&shared);
        release(&lock);
        default(info);
    }));
}

/// How a workbench session ended; the command line turns it into an exit
/// status and prints what needs printing.
#[derive(Debug)]
pub enum Outcome {
    /// The user quit.
    Done,
    /// The map did not load (before the terminal was taken, or after the
    /// picker chose it): its problems are for the caller to report.
    LoadFailed(Box<crate::store::LoadError>),
    /// The workbench could not run; the message says why and what to do.
    Failed(String),
    /// A terminating signal ended it, after edits were kept.
    Signalled(signals::Signal),
}

/// `journeymap [FILE]` and `journeymap edit FILE`; `bidi` is `--bidi`.
pub fn start(file: Option<&Path>, bidi: Option<Bidi>) -> Outcome {
    use std::io::IsTerminal;
    if file.is_some_and(|f| f.as_os_str() == "-") {
        return Outcome::Failed("the workbench edits a file, not standard input\n  = help: name a .ron file".into());
    }
    let data_dir = recovery::data_dir();
    // Loaded once, before the terminal is taken, so that errors print plainly.
    let mut conflicts = Vec::new();
    let target = match file {
        Some(path) if path.exists() => match store::load(path) {
            Ok(loaded) => Some((path.to_path_buf(), loaded)),
            // A merge's conflict markers: resolve them in the workbench.
            Err(e) => match resolve::conflicted(path) {
                Some((loaded, found)) => {
                    conflicts = found;
                    Some((path.to_path_buf(), loaded))
                }
                None => return Outcome::LoadFailed(Box::new(e)),
            },
        },
        _ => None,
    };
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        return Outcome::Failed(
            "the workbench needs a terminal\n  = help: in scripts use `journeymap validate`, `fmt` or `templates`; see `journeymap --help`".into(),
        );
    }
    let (config, config_problem) = config::load();
    let (bidi, bidi_problem) = config::bidi_setting(bidi, config.bidi);
    // The picker and the lock prompt, drawn before the app exists, too.
    let _bidi = text::bidi::set_mode(bidi);
    let problems: Vec<String> = config_problem.into_iter().chain(bidi_problem).collect();
    let shared = recovery::Shared::default();
    let lock = LockSlot::default();
    install_panic_hook(shared.clone(), lock.clone());
    let (watch_shared, watch_lock) = (shared.clone(), lock.clone());
    // For an event loop that cannot end by itself (see `signals`).
    let fallback = move |signal: signals::Signal| {
        end_on_signal(signal, &watch_shared, &watch_lock);
        std::process::exit(i32::from(signal.exit_code()));
    };
    if let Err(e) = signals::install(fallback) {
        crate::errln!("warning: terminating signals will not save a recovery copy: {e}");
    }
    let mut terminal = match setup(bidi) {
        Ok(t) => t,
        Err(e) => {
            restore_terminal();
            return Outcome::Failed(format!("cannot use the terminal: {e}"));
        }
    };
    let settings = Settings {
        config,
        bidi,
        problems,
        conflicts,
    };
    let result = session(
        &mut terminal,
        file,
        target,
        data_dir.as_deref(),
        shared.clone(),
        &lock,
        settings,
    );
    if !signals::claim_ending() {
        // The signal watchdog is ending the process.
        loop {
            std::thread::park();
        }
    }
    if let Some(signal) = signals::received() {
        // Dropping the terminal would write to it, which a hang-up forbids.
        std::mem::forget(terminal);
        end_on_signal(signal, &shared, &lock);
        return Outcome::Signalled(signal);
    }
    restore_terminal();
    if result.is_err() {
        // Whatever went wrong, unsaved edits are kept.
        recovery::write_shared(&shared);
    }
    release(&lock);
    result.unwrap_or_else(|e| Outcome::Failed(e.to_string()))
}

/// Keeps unsaved edits, releases the lock and, unless the terminal is gone
/// (a hang-up: writing to it could fail or block), puts it back.
fn end_on_signal(signal: signals::Signal, shared: &recovery::Shared, lock: &LockSlot) {
    if signal.terminal_alive() {
        restore_terminal();
        recovery::write_shared(shared);
    } else {
        let _ = recovery::save_shared(shared);
    }
    release(lock);
}

/// What the workbench was configured with before the terminal was taken.
struct Settings {
    config: config::Config,
    bidi: Bidi,
    /// Problems with the configuration, for the message line.
    problems: Vec<String>,
    /// The conflicts of a map a merge left with markers, to resolve first.
    conflicts: Vec<crate::model::conflict::Conflict>,
}

fn session(
    terminal: &mut Term,
    file: Option<&Path>,
    mut target: Option<(PathBuf, store::Loaded)>,
    data_dir: Option<&Path>,
    shared: recovery::Shared,
    lock_slot: &LockSlot,
    settings: Settings,
) -> io::Result<Outcome> {
    let (path, preloaded, created, locking) = loop {
        let mut created = None;
        let from_picker = target.is_none();
        let (path, preloaded) = match target.take() {
            Some((path, loaded)) => (path, Some(loaded)),
            None => {
                let mut picker = match file {
                    Some(missing) => picker::Picker::create(missing),
                    None => picker::Picker::new(data_dir),
                };
                match picker::run(terminal, &mut picker)? {
                    Some(path) => {
                        created = picker.created();
                        (path, None)
                    }
                    None => return Ok(Outcome::Done),
                }
            }
        };
        match take_lock(terminal, data_dir, &path, from_picker && file.is_none(), lock_slot)? {
            Some(locking) => break (path, preloaded, created, locking),
            None if from_picker && file.is_none() => continue,
            None => return Ok(Outcome::Done),
        }
    };
    // A stamp taken at load time still guards the save if the file changed
    // while the lock was being taken.
    let loaded = match preloaded.map_or_else(|| store::load(&path), Ok) {
        Ok(l) => l,
        Err(e) => return Ok(Outcome::LoadFailed(Box::new(e))),
    };
    if let Some(dir) = data_dir {
        let _ = recovery::remember(dir, &path);
    }
    // The recovery journal, and the copy of the map it starts from, wait
    // until the first screen is shown (`Document::check_in_background`).
    let mut app = App::new(loaded.map, path, Some(loaded.stamp), None);
    app.doc.recovery_file = data_dir.map(|dir| recovery::recovery_path(dir, &app.doc.path));
    app.doc.comments = loaded.comments;
    app.doc.attach(shared);
    let Settings {
        config,
        bidi,
        problems,
        conflicts,
    } = settings;
    if conflicts.is_empty() {
        // Loading validated it; a map merged again from conflict markers
        // was not loaded that way.
        app.doc.loaded_valid();
    }
    app.doc.lint_after_first_screen();
    app.keymap = config.keymap;
    app.monochrome = config.monochrome;
    app.bidi = bidi;
    if let Some(template) = created {
        let label = app.file_label();
        app.info(format!("created {label} from the {template} template"));
    }
    if !problems.is_empty() {
        app.error(problems.join("; "));
    }
    app.warn_if_read_only();
    if !conflicts.is_empty() {
        // The merged map differs from the file (its markers go on save).
        app.doc.modified = true;
        app.info(format!(
            "the merge left {} conflict(s): choose for each, then ^S saves the map without markers",
            conflicts.len()
        ));
        app.mode = app::Mode::popup(popups::Resolve::new(conflicts));
    }
    match locking {
        Locking::Ours(None) => app.offer_recovery(),
        Locking::Ours(Some(stale)) => {
            app.info(format!(
                "took over the lock left by a session that ended without closing ({stale})"
            ));
            app.offer_recovery();
        }
        Locking::Shared(owner) => {
            // The recovery copy belongs to the other session: keep ours apart.
            if let Some(rec) = &app.doc.recovery_file {
                app.doc.recovery_file = Some(rec.with_extension(format!("{}.ron", std::process::id())));
            }
            app.error(format!(
                "also open in another session ({owner}): whoever saves second is asked first"
            ));
        }
        Locking::Unavailable(e) => app.error(format!("could not lock the map, so others are not warned: {e}")),
    }
    run_app(terminal, &mut app)?;
    Ok(Outcome::Done)
}

/// How the open map is shared with other sessions.
enum Locking {
    /// The lock is ours; with the session whose stale lock was taken over.
    Ours(Option<lock::Owner>),
    /// Opened anyway while another session holds the lock.
    Shared(lock::Owner),
    /// No lock could be taken (no data directory, a read-only one...).
    Unavailable(String),
}

/// Locks the map, asking the user when another session has it open.
/// `None`: the user chose not to open it (or a signal came).
fn take_lock(
    terminal: &mut Term,
    data_dir: Option<&Path>,
    path: &Path,
    from_picker: bool,
    lock_slot: &LockSlot,
) -> io::Result<Option<Locking>> {
    let Some(dir) = data_dir else {
        return Ok(Some(Locking::Unavailable("no data directory".into())));
    };
    let acquired = match lock::acquire(dir, path) {
        Ok(a) => a,
        Err(e) => return Ok(Some(Locking::Unavailable(e.to_string()))),
    };
    match acquired {
        lock::Acquired::Taken { lock, stale } => {
            if let Ok(mut slot) = lock_slot.lock() {
                *slot = Some(lock);
            }
            Ok(Some(Locking::Ours(stale)))
        }
        lock::Acquired::Held { owner, liveness } => match lock::ask(terminal, path, &owner, liveness, from_picker)? {
            lock::Choice::OpenAnyway => Ok(Some(Locking::Shared(owner))),
            lock::Choice::Back => Ok(None),
        },
    }
}

fn handle_event(app: &mut App, event: Event) {
    #[cfg(debug_assertions)]
    panic_if_asked(&event);
    match event {
        Event::Key(key) => app.on_key(key),
        Event::Mouse(mouse) => app.on_mouse(mouse),
        Event::Paste(text) => app.on_paste(&text),
        _ => {}
    }
}

/// In debug builds only: a panic on the key that `JOURNEYMAP_DEBUG_PANIC_KEY`
/// names, so that the tests can check what a panic leaves the terminal in.
#[cfg(debug_assertions)]
fn panic_if_asked(event: &Event) {
    if let Event::Key(key) = event
        && let event::KeyCode::Char(c) = key.code
        && std::env::var("JOURNEYMAP_DEBUG_PANIC_KEY").is_ok_and(|k| k.starts_with(c))
    {
        panic!("JOURNEYMAP_DEBUG_PANIC_KEY was pressed");
    }
}

/// The event loop and, beside it, a thread that keeps the recovery copy
/// fresh (the first unsaved edit at once, later ones at most every
/// [`RECOVERY_INTERVAL`]), so no key press waits for the map to be written.
fn run_app(terminal: &mut Term, app: &mut App) -> io::Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    let writer = recovery::spawn_writer(app.doc.shared.clone(), RECOVERY_INTERVAL, Arc::clone(&stop));
    let result = event_loop(terminal, app);
    // An export being written when a signal came is finished too: cut
    // short, it would leave its temporary file beside the map.
    app.finish_export();
    stop.store(true, Ordering::Relaxed);
    let _ = writer.join();
    if !app.doc.modified && !app.keep_recovery_copy {
        // Saved or discarded while the writer was busy: leave no copy behind.
        app.discard_recovery();
    }
    result
}

/// Whether the terminal is below the size the workbench draws in (read
/// afresh: a resize may be among the events not yet handled).
fn too_small(terminal: &Term) -> io::Result<bool> {
    let size = terminal.size()?;
    Ok(size.width < views::MIN_WIDTH || size.height < views::MIN_HEIGHT)
}

/// Draws, waits for input (coalescing what is queued) and looks for changes
/// on disk. Returns when the user quits or a terminating signal came (the
/// caller handles it); wakes at least every [`signals::POLL`] to notice one.
fn event_loop(terminal: &mut Term, app: &mut App) -> io::Result<()> {
    let mut last_look = Instant::now();
    let mut disk = watch::DiskWatch::new();
    let mut redraw = true;
    loop {
        if signals::received().is_some() {
            return Ok(());
        }
        if redraw {
            terminal.draw(|frame| views::render(frame, app))?;
            app.doc.check_edits();
            // After the first screen is shown, not before it; the findings
            // it left to now are then drawn.
            let findings_waited = !app.doc.findings_known();
            app.doc.check_in_background();
            redraw = findings_waited && app.doc.findings_known();
        }
        if app.should_quit {
            if app.exporting.is_some() {
                // An export is finished, not cut short, and says so.
                let shown = app.exporting.as_ref().map(|w| w.shown.clone()).unwrap_or_default();
                app.info(format!("finishing {shown} before quitting…"));
                terminal.draw(|frame| views::render(frame, app))?;
                app.finish_export();
            }
            return Ok(());
        }
        // While the checks of a change are being computed, look for them
        // often enough to show them within a frame or two of their arrival.
        // A long filter's rows still to be found are looked for between
        // keys, a slice at a time, so a key is never kept waiting for them.
        let wait = if app.filtering() {
            Duration::ZERO
        } else if app.doc.checks_pending() || app.exporting.is_some() || app.preparing_ahead() {
            CHECKS_POLL
        } else {
            signals::POLL
        };
        if !event::poll(wait)? {
            if app.doc.receive_checks() {
                redraw = true;
            }
            if app.receive_export() {
                redraw = true;
            }
            if app.filter_more(FILTER_SLICE) {
                redraw = true;
            } else if app.doc.findings_known() {
                // Nothing else to do before the next key: make what a first
                // visit to a view would wait for (after the first screen and
                // its findings). Nothing shown changes.
                app.prepare_ahead();
            }
        } else {
            app.too_small = too_small(terminal)?;
            handle_event(app, event::read()?);
            while !app.should_quit && event::poll(Duration::ZERO)? {
                app.too_small = too_small(terminal)?;
                handle_event(app, event::read()?);
            }
            redraw = true;
        }
        if last_look.elapsed() >= RECOVERY_INTERVAL {
            last_look = Instant::now();
            app.recovery_problems();
            if let Some(change) = disk.check(&app.doc.path, app.doc.stamp) {
                let text = change.message(&app.file_label());
                app.error(text);
            }
            redraw = true;
        }
    }
}
