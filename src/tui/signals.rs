//! Terminating signals: SIGTERM (`kill`, a shutdown), SIGHUP (the terminal
//! window was closed) and SIGINT (`kill -INT`; Ctrl-C is a key in raw mode).
//!
//! The handlers only record which signal came, through `signal-hook`'s safe
//! flag API; the event loop polls at most every [`POLL`], sees it, and leaves
//! the normal way so that the caller can keep unsaved edits in the recovery
//! copy, release the lock and put the terminal back. A second SIGTERM or
//! SIGINT, while the first is being handled, ends the process at once (a
//! closing terminal may send SIGHUP twice, so SIGHUP never does).
//!
//! SIGKILL cannot be caught: the periodic recovery copy is what survives it.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// The longest the event loop waits for input before it looks at the flag.
pub const POLL: Duration = Duration::from_millis(200);

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

/// The number of the first signal received, 0 before any.
fn received_flag() -> &'static std::sync::Arc<AtomicUsize> {
    static FLAG: OnceLock<std::sync::Arc<AtomicUsize>> = OnceLock::new();
    FLAG.get_or_init(Default::default)
}

/// Starts recording terminating signals; safe to call more than once.
pub fn install() -> std::io::Result<()> {
    static INSTALLED: OnceLock<()> = OnceLock::new();
    if INSTALLED.get().is_some() {
        return Ok(());
    }
    register()?;
    let _ = INSTALLED.set(());
    Ok(())
}

#[cfg(unix)]
fn register() -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    use std::sync::Arc;
    use std::sync::atomic::AtomicBool;
    for (signal, number) in [
        (SIGTERM, Signal::Term),
        (SIGHUP, Signal::Hangup),
        (SIGINT, Signal::Interrupt),
    ] {
        if number != Signal::Hangup {
            let seen = Arc::new(AtomicBool::new(false));
            // Registered first, so it runs first: it exits only when this
            // signal came before and is still being handled.
            signal_hook::flag::register_conditional_shutdown(signal, i32::from(number.exit_code()), Arc::clone(&seen))?;
            signal_hook::flag::register(signal, seen)?;
        }
        // The latest signal wins; any of them means "end".
        signal_hook::flag::register_usize(signal, Arc::clone(received_flag()), usize::from(number.number()))?;
    }
    Ok(())
}

#[cfg(not(unix))]
fn register() -> std::io::Result<()> {
    Ok(())
}

/// The terminating signal received so far, if any.
pub fn received() -> Option<Signal> {
    Signal::from_number(received_flag().load(Ordering::SeqCst))
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
