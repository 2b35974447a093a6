//! The map picker: a new map asks for its title before it opens; the
//! template list has keys of its own, listed by its status line and `?`,
//! and a `/` filter.

use std::path::Path;

use journeymap::store;
use journeymap::templates::TEMPLATES;
use journeymap::tui::picker::Picker;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn press(picker: &mut Picker, code: KeyCode) {
    picker.on_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn type_text(picker: &mut Picker, text: &str) {
    for c in text.chars() {
        press(picker, KeyCode::Char(c));
    }
}

fn screen(picker: &mut Picker) -> String {
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal.draw(|f| picker.draw(f)).unwrap();
    terminal.backend().to_string()
}

fn status_line(screen: &str) -> String {
    screen.lines().last().unwrap_or_default().to_string()
}

#[test]
fn a_file_named_on_the_command_line_asks_for_its_title() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("launch.ron");
    let mut picker = Picker::create(&target);
    press(&mut picker, KeyCode::Down); // aida
    press(&mut picker, KeyCode::Enter);
    let asking = screen(&mut picker);
    assert!(asking.contains("Title of the new map"), "{asking}");
    assert!(
        asking.contains("AIDA") || asking.contains("keeps the template's"),
        "{asking}"
    );
    assert!(
        !target.exists() && picker.chosen().is_none(),
        "nothing is written before the title"
    );
    // Esc goes back to the templates; Enter comes back to the title.
    press(&mut picker, KeyCode::Esc);
    assert!(screen(&mut picker).contains("from a template"));
    press(&mut picker, KeyCode::Enter);
    type_text(&mut picker, "Spring launch");
    press(&mut picker, KeyCode::Enter);
    assert_eq!(picker.chosen(), Some(target.as_path()));
    let map = store::load(&target).unwrap().map;
    assert_eq!(map.title, "Spring launch");
    assert_eq!(map.framework, TEMPLATES[1].id);
}

#[test]
fn a_new_map_is_named_then_titled_and_an_empty_title_keeps_the_templates() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("plan.ron");
    // The picker lists the maps of the crate's maps/ folder; n starts a new one.
    let mut picker = Picker::new(None);
    press(&mut picker, KeyCode::Char('n'));
    press(&mut picker, KeyCode::Enter);
    assert!(screen(&mut picker).contains("File:"));
    picker.on_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    picker.on_paste(&target.display().to_string());
    press(&mut picker, KeyCode::Enter);
    assert!(screen(&mut picker).contains("Title of the new map"));
    // Esc goes back to the file name, as typed.
    press(&mut picker, KeyCode::Esc);
    let back = screen(&mut picker);
    assert!(back.contains("plan.ron") && back.contains("File:"), "{back}");
    press(&mut picker, KeyCode::Enter);
    press(&mut picker, KeyCode::Enter);
    assert_eq!(picker.chosen(), Some(target.as_path()));
    let map = store::load(&target).unwrap().map;
    let template_title = TEMPLATES[0].map().unwrap().title;
    assert_eq!(map.title, template_title);
}

#[test]
fn a_file_name_already_taken_is_refused_before_the_title() {
    let mut picker = Picker::new(None);
    press(&mut picker, KeyCode::Char('n'));
    press(&mut picker, KeyCode::Enter);
    picker.on_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    let taken = Path::new(env!("CARGO_MANIFEST_DIR")).join("maps/bean-box-coffee.ron");
    picker.on_paste(&taken.display().to_string());
    press(&mut picker, KeyCode::Enter);
    let shown = screen(&mut picker);
    assert!(
        shown.contains("already exists") && !shown.contains("Title of the new map"),
        "{shown}"
    );
}

#[test]
fn the_template_list_shows_its_own_keys_and_question_mark_lists_them() {
    let mut picker = Picker::create(Path::new("never-written.ron"));
    let shown = screen(&mut picker);
    let status = status_line(&shown);
    for hint in ["Enter use", "/ filter", "? help", "Esc back", "q quit"] {
        assert!(status.contains(hint), "{hint}: {status}");
    }
    assert!(!status.contains("n new"), "n does nothing here: {status}");
    press(&mut picker, KeyCode::Char('?'));
    let help = screen(&mut picker);
    assert!(help.contains("Keys: choosing a template"), "{help}");
    assert!(help.contains("filter the templates"), "{help}");
    assert!(status_line(&help).contains("close help"), "{help}");
    press(&mut picker, KeyCode::Esc);
    assert!(!picker.finished(), "Esc closed the help, not the picker");
    assert!(!screen(&mut picker).contains("Keys: choosing"));
    // The map list has its keys too.
    let mut browse = Picker::new(None);
    let status = status_line(&screen(&mut browse));
    assert!(status.contains("n new") && status.contains("? help"), "{status}");
    press(&mut browse, KeyCode::Char('?'));
    assert!(screen(&mut browse).contains("Keys: choosing a map"));
}

#[test]
fn slash_filters_the_templates_and_esc_clears_the_filter() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("funnel.ron");
    let mut picker = Picker::create(&target);
    press(&mut picker, KeyCode::Char('/'));
    type_text(&mut picker, "funnel");
    let typing = screen(&mut picker);
    assert!(typing.contains("inbound-funnel"), "{typing}");
    assert!(
        !typing.contains("aida") && !typing.contains("buyer-journey"),
        "{typing}"
    );
    assert!(typing.contains("/funnel"), "{typing}");
    press(&mut picker, KeyCode::Enter);
    let kept = screen(&mut picker);
    assert!(kept.contains("/funnel") && kept.contains("import a file"), "{kept}");
    // Esc clears the filter first, and does not quit.
    press(&mut picker, KeyCode::Esc);
    assert!(!picker.finished());
    let all = screen(&mut picker);
    assert!(all.contains("aida") && all.contains("buyer-journey"), "{all}");
    // The filter chooses: Enter on its first row uses that template.
    press(&mut picker, KeyCode::Char('/'));
    type_text(&mut picker, "tofu");
    press(&mut picker, KeyCode::Enter);
    press(&mut picker, KeyCode::Enter);
    press(&mut picker, KeyCode::Enter);
    assert_eq!(picker.chosen(), Some(target.as_path()));
    assert_eq!(store::load(&target).unwrap().map.framework, "tofu-mofu-bofu");
}
