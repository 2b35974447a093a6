//! The start screen when no map is named: the maps in `./maps` and the
//! current folder, the recently opened ones, and new maps from templates.
//! Also asks for a template when the named file does not exist.

use std::io;
use std::path::{Path, PathBuf};

use ratatui::Frame;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::action::{Action, Context, action_for, escape_then_key, status_hints};
use super::app::{ListPos, Message};
use super::recovery;
use super::views::{self, dim_style, label_style, selected_style};
use super::widgets::{InputResult, TextInput};
use crate::store;
use crate::templates::TEMPLATES;
use crate::text::{pad, sanitize, truncate};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub path: PathBuf,
    /// Where it was found: "maps", "here" or "recent".
    pub source: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Browse,
    /// Choosing a template; with a path, the file to create.
    Template(Option<PathBuf>),
    /// Typing the new file's name for a template.
    FileName {
        template: usize,
        input: TextInput,
    },
}

pub struct Picker {
    pub entries: Vec<Entry>,
    templates: Vec<(String, String)>,
    pos: ListPos,
    template_pos: ListPos,
    step: Step,
    message: Option<Message>,
    quit: bool,
    chosen: Option<PathBuf>,
    created: Option<&'static str>,
    /// Below the size the picker draws in: only quitting works.
    pub too_small: bool,
}

fn ron_files(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "ron"))
        .collect();
    found.sort();
    found
}

impl Picker {
    /// The picker listing maps in `./maps`, `.` and the recent list.
    pub fn new(data_dir: Option<&Path>) -> Self {
        let mut entries: Vec<Entry> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut add = |path: PathBuf, source: &'static str, entries: &mut Vec<Entry>| {
            if seen.insert(recovery::absolute(&path)) {
                entries.push(Entry { path, source });
            }
        };
        for p in ron_files(Path::new("maps")) {
            add(p, "maps", &mut entries);
        }
        for p in ron_files(Path::new(".")) {
            let p = p.strip_prefix("./").map(Path::to_path_buf).unwrap_or(p);
            add(p, "here", &mut entries);
        }
        if let Some(dir) = data_dir {
            for p in recovery::recent(dir) {
                add(p, "recent", &mut entries);
            }
        }
        let step = if entries.is_empty() {
            Step::Template(None)
        } else {
            Step::Browse
        };
        let mut picker = Self::with_step(entries, step);
        if picker.entries.is_empty() {
            picker.info("no maps here yet: choose a template to start one");
        }
        picker
    }

    /// Asks for a template to create `missing` from.
    pub fn create(missing: &Path) -> Self {
        let mut picker = Self::with_step(Vec::new(), Step::Template(Some(missing.to_path_buf())));
        let shown = sanitize(&missing.display().to_string()).into_owned();
        picker.info(format!(
            "{shown} does not exist: choose a template to create it, or q to quit"
        ));
        picker
    }

    fn with_step(entries: Vec<Entry>, step: Step) -> Self {
        let templates = TEMPLATES
            .iter()
            .map(|t| {
                let summary = match t.map() {
                    Ok(m) => {
                        let stages: Vec<&str> = m.stages.iter().map(|s| s.name.as_str()).collect();
                        format!("{} · {}", m.title, stages.join(" → "))
                    }
                    Err(_) => String::new(),
                };
                (t.id.to_string(), summary)
            })
            .collect();
        Self {
            entries,
            templates,
            pos: ListPos::default(),
            template_pos: ListPos::default(),
            step,
            message: None,
            quit: false,
            chosen: None,
            created: None,
            too_small: false,
        }
    }

    fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
        });
    }

    fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: true,
        });
    }

    /// The map chosen or created, once there is one.
    pub fn chosen(&self) -> Option<&Path> {
        self.chosen.as_deref()
    }

    /// The template the chosen map was just created from, if it was.
    pub fn created(&self) -> Option<&'static str> {
        self.created
    }

    pub fn finished(&self) -> bool {
        self.quit || self.chosen.is_some()
    }

    fn context(&self) -> Context {
        match self.step {
            Step::FileName { .. } => Context::Text,
            _ => Context::Picker,
        }
    }

    pub fn on_key(&mut self, key: KeyEvent) {
        if key.kind == KeyEventKind::Release {
            return;
        }
        let action = action_for(self.context(), key);
        if action.is_none()
            && let Some([esc, rest]) = escape_then_key(key)
        {
            self.on_key(esc);
            self.on_key(rest);
            return;
        }
        if self.too_small {
            // Nothing is visible: only quitting works.
            let control = key.modifiers.contains(KeyModifiers::CONTROL);
            if matches!(key.code, KeyCode::Char('q') if !control) || matches!(key.code, KeyCode::Char('c') if control) {
                self.quit = true;
            }
            return;
        }
        let Some(action) = action else {
            return;
        };
        if action == Action::Quit {
            self.quit = true;
            return;
        }
        self.message = None;
        let step = std::mem::replace(&mut self.step, Step::Browse);
        self.step = match step {
            Step::Browse => self.browse(action),
            Step::Template(path) => self.template(action, path),
            Step::FileName { template, mut input } => match input.handle(action) {
                InputResult::Confirmed => self.create_named(template, input),
                InputResult::Cancelled => Step::Template(None),
                _ => Step::FileName { template, input },
            },
        };
    }

    /// Pasted text goes to the file name being typed.
    pub fn on_paste(&mut self, text: &str) {
        if let Step::FileName { input, .. } = &mut self.step {
            input.insert_str(text);
        }
    }

    fn moved(pos: &mut ListPos, len: usize, action: Action) -> bool {
        let last = len.saturating_sub(1);
        match action {
            Action::Up => pos.selected = pos.selected.saturating_sub(1),
            Action::Down => pos.selected = (pos.selected + 1).min(last),
            Action::Top => pos.selected = 0,
            Action::Bottom => pos.selected = last,
            _ => return false,
        }
        true
    }

    fn browse(&mut self, action: Action) -> Step {
        if Self::moved(&mut self.pos, self.entries.len(), action) {
            return Step::Browse;
        }
        match action {
            Action::Confirm => {
                if let Some(e) = self.entries.get(self.pos.selected) {
                    self.chosen = Some(e.path.clone());
                }
                Step::Browse
            }
            Action::Add => Step::Template(None),
            Action::Quit | Action::Cancel => {
                self.quit = true;
                Step::Browse
            }
            _ => Step::Browse,
        }
    }

    fn template(&mut self, action: Action, path: Option<PathBuf>) -> Step {
        if Self::moved(&mut self.template_pos, self.templates.len(), action) {
            return Step::Template(path);
        }
        let template = self.template_pos.selected;
        match action {
            Action::Confirm => match path {
                Some(path) => {
                    self.create_file(template, &path);
                    Step::Template(Some(path))
                }
                None => {
                    let id = self.templates.get(template).map_or("map", |t| t.0.as_str());
                    let folder = if Path::new("maps").is_dir() { "maps/" } else { "" };
                    Step::FileName {
                        template,
                        input: TextInput::new(&format!("{folder}{id}.ron")),
                    }
                }
            },
            Action::Quit => {
                self.quit = true;
                Step::Template(path)
            }
            Action::Cancel if path.is_some() || self.entries.is_empty() => {
                self.quit = true;
                Step::Template(path)
            }
            Action::Cancel => Step::Browse,
            _ => Step::Template(path),
        }
    }

    fn create_named(&mut self, template: usize, input: TextInput) -> Step {
        let text = input.text().trim();
        if text.is_empty() {
            self.error("type a file name (Esc goes back)");
            return Step::FileName { template, input };
        }
        let mut path = PathBuf::from(text);
        if path.extension().is_none() {
            path.set_extension("ron");
        }
        if self.create_file(template, &path) {
            Step::Browse
        } else {
            Step::FileName { template, input }
        }
    }

    /// Creates `path` from a template; never overwrites.
    fn create_file(&mut self, template: usize, path: &Path) -> bool {
        let shown = sanitize(&path.display().to_string()).into_owned();
        let Some(t) = TEMPLATES.get(template) else {
            return false;
        };
        let map = match t.instantiate(None) {
            Ok(m) => m,
            Err(e) => {
                self.error(format!(
                    "the template does not load: {}",
                    e.to_string().lines().next().unwrap_or("")
                ));
                return false;
            }
        };
        match store::create_new(path, &store::to_canonical(&map)) {
            Ok(()) => {
                self.chosen = Some(path.to_path_buf());
                self.created = Some(t.id);
                true
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                self.error(format!(
                    "{shown} already exists: choose another name (nothing is ever overwritten)"
                ));
                false
            }
            Err(e) => {
                self.error(format!("cannot create {shown}: {e}"));
                false
            }
        }
    }

    pub fn draw(&mut self, frame: &mut Frame) {
        let area = frame.area();
        if area.width < views::MIN_WIDTH || area.height < views::MIN_HEIGHT {
            views::draw_too_small(frame, area, "enlarge the window to go on; q quits");
            return;
        }
        let [head, body, message, status] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        frame.render_widget(
            Paragraph::new(Span::styled(" journeymap · customer journey maps", label_style())),
            head,
        );
        match &self.step {
            Step::Browse => {
                let rows: Vec<String> = self
                    .entries
                    .iter()
                    .map(|e| format!("{}  {}", pad(e.source, 6), sanitize(&e.path.display().to_string())))
                    .collect();
                draw_list(frame, body, " Open a map ", &rows, &mut self.pos);
            }
            Step::Template(path) => {
                let title = match path {
                    Some(p) => format!(" Create {} from a template ", sanitize(&p.display().to_string())),
                    None => " New map: choose a template ".to_string(),
                };
                let rows: Vec<String> = self
                    .templates
                    .iter()
                    .map(|(id, summary)| format!("{}  {}", pad(id, 22), sanitize(summary)))
                    .collect();
                draw_list(frame, body, &title, &rows, &mut self.template_pos);
            }
            Step::FileName { template, input } => {
                let id = self.templates.get(*template).map_or("", |t| t.0.as_str());
                let block = Block::new()
                    .borders(Borders::ALL)
                    .title(format!(" New map from the {id} template "));
                let inner = block.inner(body);
                let cells = usize::from(inner.width);
                let (shown, x) = input.view(cells.saturating_sub(6));
                let lines = vec![
                    Line::from(vec![
                        Span::styled("File: ", label_style()),
                        Span::styled(pad(&shown, cells.saturating_sub(6)), Style::new().bg(Color::DarkGray)),
                    ]),
                    Line::raw(""),
                    Line::styled(
                        "Enter: create (an existing file is never overwritten) · Esc: back",
                        dim_style(),
                    ),
                ];
                frame.render_widget(Paragraph::new(lines).block(block), body);
                frame.set_cursor_position((inner.x + 6 + x as u16, inner.y));
            }
        }
        if let Some(m) = &self.message {
            let style = if m.error {
                Style::new().fg(Color::Red)
            } else {
                Style::new().fg(Color::Green)
            };
            let text = truncate(&m.text, usize::from(message.width)).into_owned();
            frame.render_widget(Paragraph::new(Span::styled(text, style)), message);
        }
        let hints: Vec<Span> = status_hints(self.context())
            .into_iter()
            .flat_map(|(k, w)| {
                [
                    Span::styled(k, label_style().fg(Color::Cyan)),
                    Span::raw(format!(" {w}  ")),
                ]
            })
            .collect();
        frame.render_widget(Paragraph::new(Line::from(hints)), status);
    }
}

fn draw_list(frame: &mut Frame, area: Rect, title: &str, rows: &[String], pos: &mut ListPos) {
    let block = Block::new().borders(Borders::ALL).title(title.to_string());
    let inner = block.inner(area);
    let height = usize::from(inner.height);
    pos.fit(rows.len(), height);
    let cells = usize::from(inner.width);
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(pos.offset)
        .take(height)
        .map(|(n, r)| {
            let style = if n == pos.selected {
                selected_style()
            } else {
                Style::new()
            };
            Line::styled(pad(r, cells), style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// Runs the picker until a map is chosen (or created) or the user quits
/// (or a terminating signal comes).
pub(crate) fn run(terminal: &mut super::Term, picker: &mut Picker) -> io::Result<Option<PathBuf>> {
    loop {
        terminal.draw(|f| picker.draw(f))?;
        if picker.finished() {
            return Ok(picker.chosen.clone());
        }
        while !event::poll(super::signals::POLL)? {
            if super::signals::received().is_some() {
                return Ok(None);
            }
        }
        let size = terminal.size()?;
        picker.too_small = size.width < views::MIN_WIDTH || size.height < views::MIN_HEIGHT;
        match event::read()? {
            Event::Key(key) => picker.on_key(key),
            Event::Paste(text) => picker.on_paste(&text),
            _ => {}
        }
    }
}
