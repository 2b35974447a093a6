//! The real binary in a pseudo-terminal, for end-to-end tests: keys are
//! typed, the screen is read through a terminal emulator (vt100), signals
//! are sent with `kill(1)` (the standard library only sends SIGKILL, and
//! portable-pty's `Child::kill` sends SIGHUP first).

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

pub const ROWS: u16 = 30;
pub const COLS: u16 = 100;
/// Generous: CI machines are slow and busy; the waits poll the screen.
pub const STEP: Duration = Duration::from_secs(30);

pub struct Session {
    pub parser: vt100::Parser,
    pub raw: Vec<u8>,
    output: Receiver<Vec<u8>>,
    writer: Option<Box<dyn Write + Send>>,
    /// Tells the reader thread to close its end of the terminal.
    hang_up: Arc<AtomicBool>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Session {
    /// Starts `journeymap ARGS` in `dir`, keeping its files in `data`.
    pub fn start(dir: &Path, data: &Path, args: &[&str]) -> Self {
        Self::start_with(dir, data, args, &[], (ROWS, COLS))
    }

    /// [`start`](Self::start) with more environment variables, in a
    /// terminal of `(rows, cols)`.
    pub fn start_with(dir: &Path, data: &Path, args: &[&str], env: &[(&str, &str)], (rows, cols): (u16, u16)) -> Self {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_journeymap"));
        cmd.args(args);
        cmd.cwd(dir);
        cmd.env("TERM", "xterm-256color");
        cmd.env("JOURNEYMAP_DATA_DIR", data);
        // A real user's config must not change what the tests see.
        cmd.env("JOURNEYMAP_CONFIG_DIR", dir.join("config"));
        cmd.env_remove("NO_COLOR");
        for var in ["JOURNEYMAP_BIDI", "VTE_VERSION", "KONSOLE_VERSION"] {
            cmd.env_remove(var);
        }
        for (name, value) in env {
            cmd.env(name, value);
        }
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer = pty.master.take_writer().unwrap();
        let (tx, rx) = channel();
        let hang_up = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&hang_up);
        std::thread::spawn(move || {
            let _keep_master_open = pty.master;
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if stop.load(Ordering::SeqCst) || tx.send(buf[..n].to_vec()).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        Self {
            parser: vt100::Parser::new(NonZeroU16::new(rows).unwrap(), NonZeroU16::new(cols).unwrap(), 0),
            raw: Vec::new(),
            output: rx,
            writer: Some(writer),
            hang_up,
            child,
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().unwrap()
    }

    pub fn pump(&mut self, wait: Duration) {
        match self.output.recv_timeout(wait) {
            Ok(bytes) => {
                self.parser.process(&bytes);
                self.raw.extend_from_slice(&bytes);
            }
            Err(RecvTimeoutError::Disconnected) => std::thread::sleep(wait),
            Err(RecvTimeoutError::Timeout) => {}
        }
        while let Ok(bytes) = self.output.try_recv() {
            self.parser.process(&bytes);
            self.raw.extend_from_slice(&bytes);
        }
    }

    pub fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Waits until the screen shows `text`.
    pub fn wait_for(&mut self, text: &str) {
        let deadline = Instant::now() + STEP;
        while Instant::now() < deadline {
            if self.screen().contains(text) {
                if std::env::var_os("SHOW").is_some() {
                    eprintln!("=== {text}\n{}", self.screen());
                }
                return;
            }
            self.pump(Duration::from_millis(20));
        }
        panic!("timed out waiting for {text:?}; the screen shows:\n{}", self.screen());
    }

    pub fn send(&mut self, bytes: &str) {
        let writer = self.writer.as_mut().expect("the terminal is open");
        writer.write_all(bytes.as_bytes()).unwrap();
        writer.flush().unwrap();
    }

    /// Closes the terminal, as closing its window does: every handle on
    /// the pseudo-terminal's master side goes, and the kernel hangs up.
    pub fn close_terminal(&mut self) {
        self.hang_up.store(true, Ordering::SeqCst);
        // Switching views makes the program draw, which wakes the reader
        // thread, which then drops its handles.
        self.send("1");
        self.send("3");
        self.writer = None;
    }

    /// Sends a signal by name (TERM, HUP, KILL).
    pub fn signal(&self, name: &str) {
        let status = std::process::Command::new("kill")
            .args([format!("-{name}"), self.pid().to_string()])
            .status()
            .unwrap();
        assert!(status.success(), "kill -{name} failed");
    }

    /// Collects whatever the program wrote last: until the reader thread
    /// has passed on everything (its channel closes at the end of the
    /// output) or nothing more came for a while. On a busy machine the
    /// last bytes can reach the reader well after the program ended.
    fn drain(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(3);
        while Instant::now() < deadline {
            match self.output.recv_timeout(Duration::from_millis(300)) {
                Ok(bytes) => {
                    self.parser.process(&bytes);
                    self.raw.extend_from_slice(&bytes);
                }
                Err(RecvTimeoutError::Disconnected | RecvTimeoutError::Timeout) => return,
            }
        }
    }

    /// Waits for the program to end; its exit status.
    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + STEP;
        while Instant::now() < deadline {
            self.pump(Duration::from_millis(20));
            if let Some(status) = self.child.try_wait().unwrap() {
                self.drain();
                return status;
            }
        }
        panic!("the program did not exit; the screen shows:\n{}", self.screen());
    }

    /// Kills the program outright and reaps it.
    pub fn kill_hard(&mut self) {
        self.signal("KILL");
        let status = self.wait_exit();
        assert!(status.signal().is_some(), "killed by a signal: {status:?}");
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}
