//! Driving the workbench without a terminal: an app on an example map, keys
//! through its update function, screens drawn into ratatui's `TestBackend`.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use journeymap::store;
use journeymap::tui::App;
use journeymap::tui::views;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub fn map_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("maps").join(name)
}

/// An app on an example map, without a data directory, for screenshots.
pub fn app_on(name: &str) -> App {
    let loaded = store::load(&map_path(name)).unwrap();
    App::new(loaded.map, PathBuf::from("maps").join(name), Some(loaded.stamp), None)
}

/// An app on a copy of an example map in a temporary folder, with its data
/// directory in that folder too.
pub fn app_on_copy(name: &str) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::copy(map_path(name), &path).unwrap();
    let loaded = store::load(&path).unwrap();
    let app = App::new(loaded.map, path, Some(loaded.stamp), Some(&dir.path().join("data")));
    (dir, app)
}

/// The screen as drawn, every row.
pub fn render_whole(app: &mut App, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| views::render(f, app)).unwrap();
    terminal.backend().to_string()
}

/// The screen below the tab bar. The tab bar has a snapshot of its own
/// (`tab_bar`), so that adding a view changes that one snapshot rather than
/// every screen's.
pub fn render(app: &mut App, w: u16, h: u16) -> String {
    let whole = render_whole(app, w, h);
    if w < views::MIN_WIDTH || h < views::MIN_HEIGHT {
        // The "too small" screen has no tab bar.
        return whole;
    }
    whole
        .split_once('\n')
        .map_or(whole.clone(), |(_, below)| below.to_string())
}

pub fn key(app: &mut App, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
}

/// Types `text` key by key (capitals with Shift, as a terminal sends them).
pub fn keys(app: &mut App, text: &str) {
    for c in text.chars() {
        let mods = if c.is_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        app.on_key(KeyEvent::new(KeyCode::Char(c), mods));
    }
}

pub fn ctrl(app: &mut App, c: char) {
    app.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}
