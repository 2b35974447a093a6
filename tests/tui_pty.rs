//! End to end: the real binary in a pseudo-terminal. Keys are typed, the
//! screen is read through a terminal emulator (vt100), the saved file is
//! loaded back, and the terminal must be restored at exit.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const ROWS: u16 = 30;
const COLS: u16 = 100;

struct Session {
    parser: vt100::Parser,
    raw: Vec<u8>,
    output: Receiver<Vec<u8>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Session {
    fn start(dir: &Path, args: &[&str]) -> Self {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_journeymap"));
        cmd.args(args);
        cmd.cwd(dir);
        cmd.env("TERM", "xterm-256color");
        cmd.env("JOURNEYMAP_DATA_DIR", dir.join("data"));
        cmd.env("JOURNEYMAP_CONFIG_DIR", dir.join("config"));
        cmd.env_remove("NO_COLOR");
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer = pty.master.take_writer().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let _keep_master_open = pty.master;
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if tx.send(buf[..n].to_vec()).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        let rows = NonZeroU16::new(ROWS).unwrap();
        let cols = NonZeroU16::new(COLS).unwrap();
        Self {
            parser: vt100::Parser::new(rows, cols, 0),
            raw: Vec::new(),
            output: rx,
            writer,
            child,
        }
    }

    fn pump(&mut self, wait: Duration) {
        if let Ok(bytes) = self.output.recv_timeout(wait) {
            self.parser.process(&bytes);
            self.raw.extend_from_slice(&bytes);
        }
        while let Ok(bytes) = self.output.try_recv() {
            self.parser.process(&bytes);
            self.raw.extend_from_slice(&bytes);
        }
    }

    fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Waits until the screen shows `text`.
    fn wait_for(&mut self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if self.screen().contains(text) {
                return;
            }
            self.pump(Duration::from_millis(50));
        }
        panic!("timed out waiting for {text:?}; the screen shows:\n{}", self.screen());
    }

    fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Waits for the program to exit and returns its exit code.
    fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            self.pump(Duration::from_millis(50));
            if let Some(status) = self.child.try_wait().unwrap() {
                // Collect whatever was written last.
                self.pump(Duration::from_millis(200));
                return status.exit_code();
            }
        }
        let _ = self.child.kill();
        panic!("the program did not exit; the screen shows:\n{}", self.screen());
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

fn copy_example(dir: &Path, name: &str) {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("maps").join(name);
    std::fs::copy(source, dir.join(name)).unwrap();
}

#[test]
fn add_a_touchpoint_save_and_quit_in_a_real_terminal() {
    let dir = tempfile::tempdir().unwrap();
    copy_example(dir.path(), "bean-box-coffee.ron");
    let mut s = Session::start(dir.path(), &["bean-box-coffee.ron"]);
    s.wait_for("Overview");
    assert!(
        s.parser.screen().alternate_screen(),
        "the TUI runs in the alternate screen"
    );

    s.send("3");
    s.wait_for("Touchpoints ");
    s.send("a");
    s.wait_for("New touchpoint");
    s.send("Trade fair booth 展示会");
    s.wait_for("Trade fair booth 展示会");
    s.send("\r");
    s.wait_for("stage of the new touchpoint");
    s.send("conv");
    s.wait_for("filter: conv");
    s.send("\r");
    s.wait_for("Edit touchpoint");
    s.send("\x1b");
    s.wait_for("[+]");
    // The form closed: the list shows the key hints of the view again.
    s.wait_for("a add");
    s.send("\x13"); // Ctrl-S
    s.wait_for("saved");
    s.send("q");
    let code = s.wait_exit();
    assert_eq!(code, 0);

    // The terminal was put back: main screen, cursor visible, mouse released.
    let screen = s.parser.screen();
    assert!(!screen.alternate_screen(), "left the alternate screen");
    assert!(!screen.hide_cursor(), "the cursor is shown");
    let raw = String::from_utf8_lossy(&s.raw);
    let tail = &raw[raw.rfind("\x1b[?1049l").expect("leaves the alternate screen")..];
    assert!(raw.contains("\x1b[?1000l"), "mouse capture is turned off");
    assert!(tail.contains("\x1b[?25h") || raw.rfind("\x1b[?25h") > raw.rfind("\x1b[?25l"));

    let saved = journeymap::store::load(&dir.path().join("bean-box-coffee.ron"))
        .unwrap()
        .map;
    let tp = saved
        .touchpoints
        .iter()
        .find(|t| t.name == "Trade fair booth 展示会")
        .expect("the new touchpoint was saved");
    assert_eq!(tp.stage, "convert");
    assert_eq!(tp.id, "trade-fair-booth-展示会");
    // Nothing else was lost.
    let original = journeymap::store::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("maps/bean-box-coffee.ron"))
        .unwrap()
        .map;
    assert_eq!(saved.touchpoints.len(), original.touchpoints.len() + 1);
    assert_eq!(saved.stages, original.stages);
}

#[test]
fn an_invalid_file_is_not_opened() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.ron"),
        "JourneyMap(title: \"x\", stages: [Stage(id: \"a\")])",
    )
    .unwrap();
    let mut s = Session::start(dir.path(), &["bad.ron"]);
    let code = s.wait_exit();
    assert_eq!(code, 1);
    assert!(s.screen().contains("bad.ron"), "{}", s.screen());
    assert!(!s.parser.screen().alternate_screen());
}

#[test]
fn a_missing_file_is_created_from_a_template() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(dir.path(), &["edit", "launch.ron"]);
    s.wait_for("does not exist");
    s.wait_for("aida");
    s.send("j"); // the second template
    s.send("\r");
    s.wait_for("Overview");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let map = journeymap::store::load(&dir.path().join("launch.ron")).unwrap().map;
    assert_eq!(map.framework, journeymap::templates::TEMPLATES[1].id);
}

#[test]
fn the_picker_opens_maps_in_the_maps_folder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("maps")).unwrap();
    copy_example(&dir.path().join("maps"), "souk-to-shelf.ron");
    let mut s = Session::start(dir.path(), &[]);
    s.wait_for("Open a map");
    s.wait_for("souk-to-shelf.ron");
    s.send("\r");
    s.wait_for("Overview");
    s.wait_for("Souk");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    // Opening remembered it.
    let recent = std::fs::read_to_string(dir.path().join("data/recent.txt")).unwrap();
    assert!(recent.contains("souk-to-shelf.ron"), "{recent}");
}

#[test]
fn a_broken_config_is_reported_on_the_message_line_and_the_defaults_work() {
    let dir = tempfile::tempdir().unwrap();
    copy_example(dir.path(), "bean-box-coffee.ron");
    std::fs::create_dir_all(dir.path().join("config")).unwrap();
    std::fs::write(
        dir.path().join("config/config.ron"),
        "(\n    keys: { \"x\": Delet },\n)\n",
    )
    .unwrap();
    let mut s = Session::start(dir.path(), &["bean-box-coffee.ron"]);
    s.wait_for("line 2, column");
    assert!(s.screen().contains("defaults used"), "{}", s.screen());
    // The default keys work: go to the Matrix, then quit.
    s.send("8");
    s.wait_for("Matrix ·");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}
