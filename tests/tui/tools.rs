//! Ctrl-P jump, exports from the workbench, and the configuration file.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::process::Command;

use journeymap::store;
use journeymap::tui::App;
use journeymap::tui::app::{Dialog, Mode, Tab};

use crate::tui_driver;

use journeymap::tui::views;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use tui_driver::{app_on_copy, ctrl, key, keys, map_path, render};

#[test]
fn ctrl_p_finds_an_item_anywhere_and_goes_to_it() {
    let loaded = store::load(&map_path("bean-box-coffee.ron")).unwrap();
    let mut app = App::new(loaded.map, PathBuf::from("maps/bean-box-coffee.ron"), None, None);
    ctrl(&mut app, 'p');
    keys(&mut app, "review");
    let screen = render(&mut app, 100, 30);
    insta::assert_snapshot!("jump_popup", screen);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.tab, Tab::Touchpoints);
    let (_, index) = app.selected_item().unwrap();
    let t = &app.doc.map.touchpoints[index];
    assert!(
        t.name.to_lowercase().contains("review") || t.id.contains("review"),
        "{t:?}"
    );
    // By id, in any case, to a stage.
    ctrl(&mut app, 'p');
    keys(&mut app, "EXCITE");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.tab, Tab::Stages);
    let (_, stage) = app.selected_item().unwrap();
    assert_eq!(app.doc.map.stages[stage].id, "excite");
}

#[test]
fn export_writes_the_cli_report_next_to_the_map_and_asks_before_replacing() {
    let (dir, mut app) = app_on_copy("bean-box-coffee.ron");
    keys(&mut app, "e");
    // Without the status line, which names the temporary folder.
    let screen = render(&mut app, 80, 24);
    let dialog: Vec<&str> = screen.lines().take(21).collect();
    insta::assert_snapshot!("export_dialog", dialog.join("\n"));
    // The second format: the matrix only, as Markdown.
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("bean-box-coffee-matrix.md"), "{screen}");
    key(&mut app, KeyCode::Enter);
    // Written on a thread of its own: the status line says so meanwhile.
    assert!(
        app.message.as_ref().unwrap().text.starts_with("writing "),
        "{:?}",
        app.message
    );
    app.finish_export();
    let written = dir.path().join("bean-box-coffee-matrix.md");
    assert!(written.exists());
    assert!(app.message.as_ref().unwrap().text.contains("bean-box-coffee-matrix.md"));
    let cli_out = dir.path().join("cli.md");
    let status = Command::new(env!("CARGO_BIN_EXE_journeymap"))
        .args(["report", "-f", "markdown", "--section", "matrix", "-o"])
        .arg(&cli_out)
        .arg(&app.doc.path)
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(
        std::fs::read_to_string(&written).unwrap(),
        std::fs::read_to_string(&cli_out).unwrap()
    );

    // Again: the file exists, so it asks; n goes back to the file name.
    std::fs::write(&written, "keep me").unwrap();
    keys(&mut app, "e");
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    assert!(matches!(&app.mode, Mode::Dialog(d) if matches!(**d, Dialog::ExportOverwrite(_))));
    keys(&mut app, "n");
    assert!(matches!(&app.mode, Mode::Dialog(d) if matches!(**d, Dialog::ExportPath(_))));
    key(&mut app, KeyCode::Esc);
    assert_eq!(std::fs::read_to_string(&written).unwrap(), "keep me");

    // Every format renders as the CLI does (the PNG, slow to draw in a
    // debug build, is checked on a small map below).
    for (n, format) in journeymap::tui::export::FORMATS.iter().enumerate() {
        if format.suffix == ".png" {
            continue;
        }
        let path = journeymap::tui::export::default_path(&app.doc.path, n);
        std::fs::remove_file(&path).ok();
        assert!(app.export(n, &path), "{}", format.label);
        app.finish_export();
        let cli_out = dir.path().join(format!("cli-{n}"));
        let mut args: Vec<&str> = format.cli.split(' ').collect();
        args.push("-o");
        let status = Command::new(env!("CARGO_BIN_EXE_journeymap"))
            .args(&args)
            .arg(&cli_out)
            .arg(&app.doc.path)
            .status()
            .unwrap();
        assert!(status.success(), "{}", format.cli);
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            std::fs::read_to_string(&cli_out).unwrap(),
            "{}",
            format.cli
        );
    }
}

#[test]
fn the_png_export_is_the_clis_picture_and_names_its_fonts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("small.ron");
    std::fs::write(
        &path,
        r#"JourneyMap(
    title: "Small shop",
    stages: [Stage(id: "aware", name: "Aware", emotion: -1), Stage(id: "buy", name: "Buy", emotion: 1)],
    tactics: [Tactic(id: "ads", name: "Search ads", discipline: "Advertising")],
    touchpoints: [Touchpoint(id: "ad", name: "Search ad", stage: "aware", tactics: ["ads"])],
)
"#,
    )
    .unwrap();
    let loaded = store::load(&path).unwrap();
    let mut app = App::new(loaded.map, path.clone(), Some(loaded.stamp), None);
    app.picture_fonts = journeymap::export::png::FontSources {
        dirs: vec![PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fonts")],
        no_system: true,
    };
    // Choose the PNG in the export dialog, the last format, and accept its path.
    keys(&mut app, "e");
    for _ in 1..journeymap::tui::export::FORMATS.len() {
        key(&mut app, KeyCode::Down);
    }
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    app.finish_export();
    let written = dir.path().join("small.png");
    let message = app.message.as_ref().unwrap().text.clone();
    assert!(
        message.contains("small.png") && message.contains("drawn with Picture Test Sans"),
        "{message}"
    );
    let cli_out = dir.path().join("cli.png");
    let status = Command::new(env!("CARGO_BIN_EXE_journeymap"))
        .args([
            "report",
            "-f",
            "png",
            "--font-dir",
            "tests/fixtures/fonts",
            "--no-system-fonts",
            "-o",
        ])
        .arg(&cli_out)
        .arg(&path)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(std::fs::read(&written).unwrap(), std::fs::read(&cli_out).unwrap());

    // Without a font, the status line says why and nothing is written.
    app.picture_fonts.dirs.clear();
    std::fs::remove_file(&written).unwrap();
    assert!(app.export(journeymap::tui::export::FORMATS.len() - 1, &written));
    app.finish_export();
    let message = app.message.as_ref().unwrap().text.clone();
    assert!(message.contains("no fonts found"), "{message}");
    assert!(!written.exists());
}

/// An export is written on a thread of its own: the workbench goes on
/// answering keys, a second export waits for the first, and what it came
/// to reaches the status line.
#[test]
fn an_export_is_written_beside_the_workbench_one_at_a_time() {
    let (dir, mut app) = app_on_copy("bean-box-coffee.ron");
    let first = dir.path().join("first.md");
    let second = dir.path().join("second.md");
    assert!(app.export(0, &first));
    assert!(app.exporting.is_some());
    // Keys are answered meanwhile.
    keys(&mut app, "3");
    assert_eq!(app.tab, Tab::Touchpoints);
    // A second export is refused until the first is done; nothing is lost.
    assert!(!app.export(3, &second));
    let message = app.message.as_ref().unwrap().text.clone();
    assert!(
        message.contains("still writing") && message.contains("first.md"),
        "{message}"
    );
    app.finish_export();
    assert!(app.exporting.is_none());
    assert!(first.exists() && !second.exists());
    let message = app.message.as_ref().unwrap().text.clone();
    assert!(
        message.starts_with("exported to") && message.contains("first.md"),
        "{message}"
    );
    assert!(!app.receive_export(), "nothing more to receive");
    // Then the second goes, and its failure is said too.
    let nowhere = dir.path().join("no-such-folder").join("second.md");
    assert!(app.export(3, &nowhere));
    app.finish_export();
    let message = app.message.as_ref().unwrap().text.clone();
    assert!(
        message.starts_with("could not write") && message.contains("second.md"),
        "{message}"
    );
}

/// The built workbench in a terminal: the status line says the export is
/// written once it is, and quitting while one is being written finishes it.
#[test]
fn an_export_reaches_the_status_line_and_is_finished_on_quitting() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    // Large enough that its JSON is still being written when q arrives.
    let mut map = store::load(&map_path("bean-box-coffee.ron")).unwrap().map;
    let first = map.touchpoints[0].clone();
    for n in 0..4000 {
        let mut copy = first.clone();
        copy.id = format!("copy-{n}");
        map.touchpoints.push(copy);
    }
    std::fs::write(root.join("coffee.ron"), store::to_canonical(&map)).unwrap();
    let mut s = crate::pty::Session::start(&root, &root.join("data"), &["coffee.ron"]);
    s.wait_for("Overview");
    // The text report, its path as offered.
    s.send("e");
    s.wait_for("export a report");
    s.send("text");
    s.wait_for("Text report (.txt)");
    s.send("\r");
    s.wait_for("coffee.txt");
    s.send("\r");
    s.wait_for("exported to");
    assert!(root.join("coffee.txt").exists());
    // Again, to another file, and quit at once: the file is still written.
    s.send("e");
    s.wait_for("export a report");
    s.send("json");
    s.wait_for("JSON: the map");
    s.send("\r");
    s.wait_for("coffee.json");
    s.send("\rq");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    let json = std::fs::read_to_string(root.join("coffee.json")).unwrap();
    assert!(json.trim_end().ends_with('}'), "the JSON is whole");
    assert!(json.contains("copy-3999"));
}

#[test]
fn a_remapped_key_works_and_help_and_status_say_so() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("config.ron"),
        "// my keys\n(\n    keys: { \"x\": Delete, \"ctrl-d\": Save },\n)\n",
    )
    .unwrap();
    let (config, problem) = journeymap::tui::config::load_from(Some(dir.path()), false);
    assert_eq!(problem, None);
    let loaded = store::load(&map_path("bean-box-coffee.ron")).unwrap();
    let mut app = App::new(loaded.map, PathBuf::from("maps/bean-box-coffee.ron"), None, None);
    app.keymap = config.keymap;
    keys(&mut app, "4");
    let screen = render(&mut app, 100, 30);
    assert!(screen.contains("d/x delete"), "{screen}");
    keys(&mut app, "x");
    assert!(matches!(&app.mode, Mode::Dialog(d) if matches!(**d, Dialog::Delete(_))));
    key(&mut app, KeyCode::Esc);
    keys(&mut app, "?");
    let help = render(&mut app, 100, 40);
    assert!(help.contains("d/x"), "{help}");
    assert!(help.contains("^S/^D"), "{help}");
    insta::assert_snapshot!("help_with_remapped_keys", help);
}

#[test]
fn a_broken_config_gives_the_defaults_and_a_message_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("config.ron"), "(\n    keys: { \"x\": Delet },\n)\n").unwrap();
    let (config, problem) = journeymap::tui::config::load_from(Some(dir.path()), false);
    assert_eq!(config, journeymap::tui::config::Config::default());
    let problem = problem.unwrap();
    assert!(problem.contains("config.ron line 2, column"), "{problem}");
    assert!(problem.contains("defaults used"), "{problem}");
    // No file at all: the defaults, silently.
    let empty = tempfile::tempdir().unwrap();
    assert_eq!(
        journeymap::tui::config::load_from(Some(empty.path()), false),
        (journeymap::tui::config::Config::default(), None)
    );
}

#[test]
fn no_color_or_the_monochrome_theme_draws_without_colour() {
    let dir = tempfile::tempdir().unwrap();
    let (config, _) = journeymap::tui::config::load_from(Some(dir.path()), true);
    assert!(config.monochrome);
    std::fs::write(dir.path().join("config.ron"), "(theme: Monochrome)").unwrap();
    let (config, _) = journeymap::tui::config::load_from(Some(dir.path()), false);
    assert!(config.monochrome);

    let loaded = store::load(&map_path("bean-box-coffee.ron")).unwrap();
    let mut app = App::new(loaded.map, PathBuf::from("maps/bean-box-coffee.ron"), None, None);
    app.monochrome = true;
    keys(&mut app, "8");
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal.draw(|f| views::render(f, &mut app)).unwrap();
    let buffer = terminal.backend().buffer();
    assert!(
        buffer
            .content
            .iter()
            .all(|c| c.fg == ratatui::style::Color::Reset && c.bg == ratatui::style::Color::Reset)
    );
    // Still readable: counts and marks are text.
    let screen = terminal.backend().to_string();
    assert!(screen.contains('○') && screen.contains('·'), "{screen}");
}
