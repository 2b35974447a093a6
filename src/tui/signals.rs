//! Terminating signals: SIGTERM (`kill`, a shutdown), SIGHUP (the terminal
//! window was closed) and SIGINT (`kill -INT`; Ctrl-C is a key in raw mode).
//!
//! Nothing runs in the signal handler but `signal-hook`'s safe flag setting.
//! The event loop polls at most every [`POLL`], sees the flag and leaves the
//! normal way, so that the caller keeps unsaved edits in the recovery copy,
//! releases the lock and puts the terminal back.
//!
//! The event loop cannot always see it: once the terminal is gone, crossterm
//! 0.29 spins inside `poll` on the dead terminal and never returns. So a
//! watchdog thread also waits for the signal (and notices a terminal that is
//! gone without one); if the process has not started ending [`GRACE`] later,
//! it does the same cleanup itself and exits.
//!
//! A second SIGTERM or SIGINT, while the first is being handled, ends the
//! process at once (a closing terminal may send SIGHUP twice, so SIGHUP never
//! does). SIGKILL cannot be caught: the periodic recovery copy is what
//! survives it.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

/// The longest the event loop waits for input before it looks at the flag.
pub const POLL: Duration = Duration::from_millis(200);

/// How long the event loop has to end by itself before the watchdog does.
pub const GRACE: Duration = Duration::from_secs(1);

/// A signal asking the workbench to end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    Term,
    Hangup,
    Interrupt,
}

impl Signal {
    /// The signal's number, as in 128 + n exit codes.
    pub fn number(self) -> u8 {
        match self {
            Signal::Hangup => 1,
            Signal::Interrupt => 2,
            Signal::Term => 15,
        }
    }

    /// The exit code a shell expects from a process ended by this signal.
    pub fn exit_code(self) -> u8 {
        128 + self.number()
    }

    /// Whether the terminal is still there to be written to. After a hang-up
    /// it is gone, and writing to it could fail or block.
    pub fn terminal_alive(self) -> bool {
        self != Signal::Hangup
    }

    fn from_number(n: usize) -> Option<Signal> {
        match n {
            1 => Some(Signal::Hangup),
            2 => Some(Signal::Interrupt),
            15 => Some(Signal::Term),
            _ => None,
        }
    }
}

/// The number of the latest signal received, 0 before any.
fn received_flag() -> &'static Arc<AtomicUsize> {
    static FLAG: OnceLock<Arc<AtomicUsize>> = OnceLock::new();
    FLAG.get_or_init(Default::default)
}

/// Set by whoever starts the final cleanup: the caller of the event loop or
/// the watchdog, never both.
static ENDING: AtomicBool = AtomicBool::new(false);

/// Claims the final cleanup; false if the watchdog already has it (it then
/// exits the process itself).
pub fn claim_ending() -> bool {
    !ENDING.swap(true, Ordering::SeqCst)
}

/// The terminating signal received so far, if any.
pub fn received() -> Option<Signal> {
    Signal::from_number(received_flag().load(Ordering::SeqCst))
}

/// Starts catching terminating signals. `fallback` is the watchdog's
/// cleanup for a stuck event loop: it must end the process. Only the first
/// call installs anything.
pub fn install(fallback: impl Fn(Signal) + Send + 'static) -> std::io::Result<()> {
    static INSTALLED: OnceLock<()> = OnceLock::new();
    if INSTALLED.get().is_some() {
        return Ok(());
    }
    register()?;
    let _ = INSTALLED.set(());
    std::thread::Builder::new()
        .name("journeymap-signals".into())
        .spawn(move || watchdog(fallback))?;
    Ok(())
}

#[cfg(unix)]
fn register() -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    for (signal, which) in [
        (SIGTERM, Signal::Term),
        (SIGHUP, Signal::Hangup),
        (SIGINT, Signal::Interrupt),
    ] {
        if which != Signal::Hangup {
            let seen = Arc::new(AtomicBool::new(false));
            // Registered first, so it runs first: it exits only when this
            // signal came before and is still being handled.
            signal_hook::flag::register_conditional_shutdown(signal, i32::from(which.exit_code()), Arc::clone(&seen))?;
            signal_hook::flag::register(signal, seen)?;
        }
        signal_hook::flag::register_usize(signal, Arc::clone(received_flag()), usize::from(which.number()))?;
    }
    Ok(())
}

#[cfg(not(unix))]
fn register() -> std::io::Result<()> {
    Ok(())
}

/// Waits for a signal (or the terminal to go away), gives the event loop
/// [`GRACE`] to end by itself, then runs `fallback`.
fn watchdog(fallback: impl Fn(Signal)) {
    let step = Duration::from_millis(100);
    let mut since: Option<(Signal, Instant)> = None;
    let mut looks = 0u32;
    loop {
        std::thread::sleep(step);
        if ENDING.load(Ordering::SeqCst) {
            return;
        }
        if since.is_none() {
            looks += 1;
            since = received().map(|s| (s, Instant::now()));
            // A terminal that is gone without a hang-up signal (our session
            // was not told): checked every half second.
            if since.is_none() && looks.is_multiple_of(5) && !std::io::stdout().is_terminal() {
                received_flag().store(usize::from(Signal::Hangup.number()), Ordering::SeqCst);
                since = Some((Signal::Hangup, Instant::now()));
            }
        }
        if let Some((signal, at)) = since
            && at.elapsed() >= GRACE
            && claim_ending()
        {
            fallback(signal);
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_follow_the_shell_convention() {
        assert_eq!(Signal::Term.exit_code(), 143);
        assert_eq!(Signal::Hangup.exit_code(), 129);
        assert_eq!(Signal::Interrupt.exit_code(), 130);
        assert!(!Signal::Hangup.terminal_alive());
        for s in [Signal::Term, Signal::Hangup, Signal::Interrupt] {
            assert_eq!(Signal::from_number(usize::from(s.number())), Some(s));
        }
        assert_eq!(Signal::from_number(0), None);
    }
}
