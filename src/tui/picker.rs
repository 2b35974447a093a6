//! The start screen when no map is named: the maps in `./maps` and the
//! current folder, the recently opened ones, new maps from templates (named
//! and titled before they open), and maps imported from a Mermaid journey
//! or a spreadsheet (after showing what the import would create). Also asks
//! for a template when the named file does not exist. Both lists filter with
//! `/`, and `?` lists the keys of the place.

use std::io;
use std::path::{Path, PathBuf};

use ratatui::Frame;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::action::{Action, Context, action_for, bindings, escape_then_key, status_hints};
use super::app::{ListPos, Message};
use super::recovery;
use super::views::{self, centered, dim_style, label_style, popup, selected_style};
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
    /// Typing the new map's title; `named` when its file name was typed
    /// (Esc goes back to it), else the file was named on the command line.
    Title {
        template: usize,
        path: PathBuf,
        input: TextInput,
        named: bool,
    },
    /// Typing the path of a file to import; with a path, the map to create.
    ImportPath {
        input: TextInput,
        into: Option<PathBuf>,
    },
    /// What the import would create, and where to save it.
    ImportPreview(Box<ImportPreview>),
}

/// A file read for import, not yet written: its summary and the map.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ImportPreview {
    lines: Vec<String>,
    map: crate::model::JourneyMap,
    save_as: TextInput,
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
    /// The `/` filters of the maps and of the templates (lower case).
    map_filter: String,
    template_filter: String,
    /// The filter being typed, if one is.
    filtering: Option<TextInput>,
    /// The help over the picker, and how far it is scrolled.
    help: Option<usize>,
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
            map_filter: String::new(),
            template_filter: String::new(),
            filtering: None,
            help: None,
        }
    }

    /// The maps the list shows (positions in `entries`): those whose path
    /// holds the filter.
    fn shown_entries(&self) -> Vec<usize> {
        (0..self.entries.len())
            .filter(|&i| {
                self.map_filter.is_empty()
                    || self.entries[i]
                        .path
                        .display()
                        .to_string()
                        .to_lowercase()
                        .contains(&self.map_filter)
            })
            .collect()
    }

    /// The templates the list shows (positions in `templates`): those whose
    /// id or summary holds the filter. The row after them imports a file.
    fn shown_templates(&self) -> Vec<usize> {
        (0..self.templates.len())
            .filter(|&i| {
                let (id, summary) = &self.templates[i];
                self.template_filter.is_empty()
                    || id.to_lowercase().contains(&self.template_filter)
                    || summary.to_lowercase().contains(&self.template_filter)
            })
            .collect()
    }

    /// The filter of the list on screen.
    fn filter_mut(&mut self) -> Option<(&mut String, &mut ListPos)> {
        match self.step {
            Step::Browse => Some((&mut self.map_filter, &mut self.pos)),
            Step::Template(_) => Some((&mut self.template_filter, &mut self.template_pos)),
            _ => None,
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

    /// The key table in force: the help's, a filter's or a name's being
    /// typed, the templates' or the maps'.
    fn context(&self) -> Context {
        if self.help.is_some() {
            return Context::Help;
        }
        if self.filtering.is_some() {
            return Context::Text;
        }
        self.step_context()
    }

    /// The key table of the step, under the help or a filter being typed.
    fn step_context(&self) -> Context {
        match self.step {
            Step::FileName { .. } | Step::Title { .. } | Step::ImportPath { .. } | Step::ImportPreview(_) => {
                Context::Text
            }
            Step::Template(_) => Context::Templates,
            Step::Browse => Context::Picker,
        }
    }

    /// A key while the help is open: it scrolls or closes.
    fn help_key(&mut self, action: Action) {
        match action {
            Action::Down => self.help = self.help.map(|n| n + 1),
            Action::Up => self.help = self.help.map(|n| n.saturating_sub(1)),
            _ => self.help = None,
        }
    }

    /// A key while a `/` filter is typed: the list narrows with every key;
    /// Enter keeps the filter, Esc clears it.
    fn filter_key(&mut self, action: Action) {
        let Some(mut input) = self.filtering.take() else {
            return;
        };
        let result = input.handle(action);
        self.narrow(match result {
            InputResult::Cancelled => "",
            _ => input.text(),
        });
        if !matches!(result, InputResult::Confirmed | InputResult::Cancelled) {
            self.filtering = Some(input);
        }
    }

    /// Narrows the list on screen to rows holding `text` (any case).
    fn narrow(&mut self, text: &str) {
        let text = text.trim().to_lowercase();
        if let Some((filter, pos)) = self.filter_mut()
            && *filter != text
        {
            *filter = text;
            *pos = ListPos::default();
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
        if self.help.is_some() {
            return self.help_key(action);
        }
        if self.filtering.is_some() {
            return self.filter_key(action);
        }
        match action {
            Action::Help => {
                self.help = Some(0);
                return;
            }
            Action::Filter => {
                if let Some((filter, _)) = self.filter_mut() {
                    let current = filter.clone();
                    self.filtering = Some(TextInput::new(&current));
                }
                return;
            }
            Action::Cancel => {
                // Esc clears a filter before it goes back.
                if let Some((filter, pos)) = self.filter_mut()
                    && !filter.is_empty()
                {
                    filter.clear();
                    *pos = ListPos::default();
                    return;
                }
            }
            _ => {}
        }
        let step = std::mem::replace(&mut self.step, Step::Browse);
        self.step = match step {
            Step::Browse => self.browse(action),
            Step::Template(path) => self.template(action, path),
            Step::FileName { template, mut input } => match input.handle(action) {
                InputResult::Confirmed => self.name_file(template, input),
                InputResult::Cancelled => Step::Template(None),
                _ => Step::FileName { template, input },
            },
            Step::Title {
                template,
                path,
                mut input,
                named,
            } => match input.handle(action) {
                InputResult::Confirmed => {
                    let title = input.text().trim().to_string();
                    if self.create_file(template, &path, (!title.is_empty()).then_some(title.as_str())) {
                        Step::Browse
                    } else {
                        Step::Title {
                            template,
                            path,
                            input,
                            named,
                        }
                    }
                }
                InputResult::Cancelled if named => Step::FileName {
                    template,
                    input: TextInput::new(&path.display().to_string()),
                },
                InputResult::Cancelled => Step::Template(Some(path)),
                _ => Step::Title {
                    template,
                    path,
                    input,
                    named,
                },
            },
            Step::ImportPath { mut input, into } => match input.handle(action) {
                InputResult::Confirmed => self.read_import(input, into),
                InputResult::Cancelled => Step::Template(into),
                _ => Step::ImportPath { input, into },
            },
            Step::ImportPreview(mut preview) => match preview.save_as.handle(action) {
                InputResult::Confirmed => self.write_import(preview),
                InputResult::Cancelled => Step::Template(None),
                _ => Step::ImportPreview(preview),
            },
        };
    }

    /// Reads the file named in `input` for import: the preview, or the
    /// same step with the reason it could not be read.
    fn read_import(&mut self, input: TextInput, into: Option<PathBuf>) -> Step {
        let source = PathBuf::from(input.text().trim());
        let shown = sanitize(&source.display().to_string()).into_owned();
        let drafts = crate::import::read_source(&source).and_then(|bytes| {
            crate::import::read(&bytes, &source, &crate::import::Options::default())
                .map_err(|e| format!("{}: {} ({})", e.place, e.message, e.hint))
        });
        let drafts = match drafts {
            Ok(drafts) => drafts,
            Err(why) => {
                self.error(format!("cannot import {shown}: {}", sanitize(&why)));
                return Step::ImportPath { input, into };
            }
        };
        let diagrams = drafts.len();
        let Some(draft) = drafts.into_iter().next() else {
            return Step::ImportPath { input, into };
        };
        let fallback = source
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        let mut map = crate::import::new_map(&draft, &fallback);
        let mut warnings = Vec::new();
        let summary = crate::import::merge(&mut map, draft, &mut warnings);
        let mut lines = vec![format!("{shown} gives “{}”:", sanitize(&map.title))];
        lines.extend(summary.lines(3).into_iter().map(|l| format!("  {l}")));
        if diagrams > 1 {
            lines.push(format!(
                "The file holds {diagrams} diagrams: this is the first (`journeymap import --diagram N` takes another)."
            ));
        }
        if !warnings.is_empty() {
            lines.push(format!(
                "{} warnings (kept in notes or left out, as said):",
                warnings.len()
            ));
            lines.extend(
                warnings
                    .iter()
                    .map(|w| format!("  {}: {}", w.place, sanitize(&w.message))),
            );
        }
        let save_as = into.unwrap_or_else(|| source.with_extension("ron"));
        Step::ImportPreview(Box::new(ImportPreview {
            lines,
            map,
            save_as: TextInput::new(&save_as.display().to_string()),
        }))
    }

    /// Writes the imported map where the preview says; never overwrites.
    fn write_import(&mut self, preview: Box<ImportPreview>) -> Step {
        let path = PathBuf::from(preview.save_as.text().trim());
        let shown = sanitize(&path.display().to_string()).into_owned();
        match store::create_new(&path, &store::to_canonical(&preview.map)) {
            Ok(()) => {
                self.chosen = Some(path);
                Step::Browse
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                self.error(format!(
                    "{shown} already exists: choose another name (nothing is ever overwritten)"
                ));
                Step::ImportPreview(preview)
            }
            Err(e) => {
                self.error(format!("cannot create {shown}: {e}"));
                Step::ImportPreview(preview)
            }
        }
    }

    /// Pasted text goes to the file name being typed.
    pub fn on_paste(&mut self, text: &str) {
        if let Some(mut input) = self.filtering.take() {
            input.insert_str(text);
            self.narrow(input.text());
            self.filtering = Some(input);
            return;
        }
        match &mut self.step {
            Step::FileName { input, .. } | Step::Title { input, .. } | Step::ImportPath { input, .. } => {
                input.insert_str(text)
            }
            Step::ImportPreview(preview) => preview.save_as.insert_str(text),
            _ => {}
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
        let shown = self.shown_entries();
        if Self::moved(&mut self.pos, shown.len(), action) {
            return Step::Browse;
        }
        match action {
            Action::Confirm => {
                if let Some(e) = shown.get(self.pos.selected).and_then(|&i| self.entries.get(i)) {
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
        let shown = self.shown_templates();
        // The row after the templates imports a file instead.
        if Self::moved(&mut self.template_pos, shown.len() + 1, action) {
            return Step::Template(path);
        }
        let Some(&template) = shown.get(self.template_pos.selected) else {
            if action == Action::Confirm {
                return Step::ImportPath {
                    input: TextInput::new(""),
                    into: path,
                };
            }
            return self.template_other(action, path);
        };
        match action {
            Action::Confirm => match path {
                Some(path) => Step::Title {
                    template,
                    path,
                    input: TextInput::default(),
                    named: false,
                },
                None => {
                    let id = self.templates.get(template).map_or("map", |t| t.0.as_str());
                    let folder = if Path::new("maps").is_dir() { "maps/" } else { "" };
                    Step::FileName {
                        template,
                        input: TextInput::new(&format!("{folder}{id}.ron")),
                    }
                }
            },
            _ => self.template_other(action, path),
        }
    }

    /// The keys of the template list other than choosing a row.
    fn template_other(&mut self, action: Action, path: Option<PathBuf>) -> Step {
        match action {
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

    /// The file name typed for a new map: on to its title, unless there
    /// is no name or a file of that name already exists.
    fn name_file(&mut self, template: usize, input: TextInput) -> Step {
        let text = input.text().trim();
        if text.is_empty() {
            self.error("type a file name (Esc goes back)");
            return Step::FileName { template, input };
        }
        let mut path = PathBuf::from(text);
        if path.extension().is_none() {
            path.set_extension("ron");
        }
        if path.exists() {
            let shown = sanitize(&path.display().to_string()).into_owned();
            self.error(format!(
                "{shown} already exists: choose another name (nothing is ever overwritten)"
            ));
            return Step::FileName { template, input };
        }
        Step::Title {
            template,
            path,
            input: TextInput::default(),
            named: true,
        }
    }

    /// Creates `path` from a template, titled `title` (else the template's
    /// title); never overwrites.
    fn create_file(&mut self, template: usize, path: &Path, title: Option<&str>) -> bool {
        let shown = sanitize(&path.display().to_string()).into_owned();
        let Some(t) = TEMPLATES.get(template) else {
            return false;
        };
        let map = match t.instantiate(title) {
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
        let filtered = |title: String, filter: &str| {
            if filter.is_empty() {
                title
            } else {
                format!("{title}/{} ", truncate(&sanitize(filter), 24))
            }
        };
        match &self.step {
            Step::Browse => {
                let rows: Vec<String> = self
                    .shown_entries()
                    .into_iter()
                    .map(|i| &self.entries[i])
                    .map(|e| format!("{}  {}", pad(e.source, 6), sanitize(&e.path.display().to_string())))
                    .collect();
                let title = filtered(" Open a map ".to_string(), &self.map_filter);
                if rows.is_empty() {
                    draw_list(
                        frame,
                        body,
                        &title,
                        &["no map matches the filter (Esc clears it)".to_string()],
                        &mut ListPos::default(),
                    );
                } else {
                    draw_list(frame, body, &title, &rows, &mut self.pos);
                }
            }
            Step::Template(path) => {
                let title = match path {
                    Some(p) => format!(" Create {} from a template ", sanitize(&p.display().to_string())),
                    None => " New map: choose a template ".to_string(),
                };
                let title = filtered(title, &self.template_filter);
                let mut rows: Vec<String> = self
                    .shown_templates()
                    .into_iter()
                    .map(|i| &self.templates[i])
                    .map(|(id, summary)| format!("{}  {}", pad(id, 22), sanitize(summary)))
                    .collect();
                rows.push(format!(
                    "{}  a Mermaid journey (.mmd, .md), a CSV or an XLSX sheet",
                    pad("import a file…", 22)
                ));
                draw_list(frame, body, &title, &rows, &mut self.template_pos);
            }
            Step::ImportPath { input, .. } => {
                let help = [
                    "Enter: read it and show what it would create (nothing is written yet) · Esc: back",
                    "The format comes from the extension or the content.",
                ];
                draw_input(frame, body, " Import a file ", "File: ", input, &[], &help);
            }
            Step::ImportPreview(preview) => {
                let help = ["Enter: create the map and open it (an existing file is never overwritten) · Esc: back"];
                draw_input(
                    frame,
                    body,
                    " Import: what it would create ",
                    "Save as: ",
                    &preview.save_as,
                    &preview.lines,
                    &help,
                );
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
                        "Enter: on to the map's title (an existing file is never overwritten) · Esc: back",
                        dim_style(),
                    ),
                ];
                frame.render_widget(Paragraph::new(lines).block(block), body);
                frame.set_cursor_position((inner.x + 6 + x as u16, inner.y));
            }
            Step::Title {
                template, path, input, ..
            } => {
                let template_title = TEMPLATES
                    .get(*template)
                    .and_then(|t| t.map().ok())
                    .map(|m| m.title)
                    .unwrap_or_default();
                let shown = sanitize(&path.display().to_string()).into_owned();
                let lines = [
                    format!("The map will be written to {shown}."),
                    format!(
                        "Its title (Enter with nothing typed keeps the template's: “{}”):",
                        sanitize(&template_title)
                    ),
                ];
                let help = ["Enter: create the map and open it · Esc: back"];
                draw_input(frame, body, " Title of the new map ", "Title: ", input, &lines, &help);
            }
        }
        if let Some(input) = &self.filtering {
            let (shown, x) = input.view(usize::from(message.width).saturating_sub(2));
            let line = Line::from(vec![Span::styled("/", label_style().fg(Color::Cyan)), Span::raw(shown)]);
            frame.render_widget(Paragraph::new(line), message);
            frame.set_cursor_position((message.x + 1 + x as u16, message.y));
        } else if let Some(m) = &self.message {
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
        if let Some(scroll) = self.help {
            self.help = Some(draw_help(frame, body, self.step_context(), scroll));
        }
    }
}

/// A box with `lines` of text, a one-line input labelled `label` below
/// them, then `help`; the cursor in the input.
fn draw_input(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    label: &str,
    input: &TextInput,
    lines: &[String],
    help: &[&str],
) {
    let block = Block::new().borders(Borders::ALL).title(title.to_string());
    let inner = block.inner(area);
    let cells = usize::from(inner.width);
    let label_cells = crate::text::width(label);
    // Room for the input and the help below the text, which is cut if need be.
    let room = usize::from(inner.height).saturating_sub(2 + help.len());
    let mut shown: Vec<Line> = lines
        .iter()
        .flat_map(|l| crate::text::wrap(l, cells.max(1)))
        .take(room)
        .map(Line::raw)
        .collect();
    let input_row = shown.len();
    let (text, x) = input.view(cells.saturating_sub(label_cells));
    shown.push(Line::from(vec![
        Span::styled(label.to_string(), label_style()),
        Span::styled(
            pad(&text, cells.saturating_sub(label_cells)),
            Style::new().bg(Color::DarkGray),
        ),
    ]));
    shown.push(Line::raw(""));
    shown.extend(
        help.iter()
            .map(|h| Line::styled(truncate(h, cells).into_owned(), dim_style())),
    );
    frame.render_widget(Paragraph::new(shown).block(block), area);
    frame.set_cursor_position((inner.x + (label_cells + x) as u16, inner.y + input_row as u16));
}

/// The keys of `context` in a box over `body`, from line `scroll`; the
/// scroll kept within what there is.
fn draw_help(frame: &mut Frame, body: Rect, context: Context, scroll: usize) -> usize {
    let title = match context {
        Context::Templates => "Keys: choosing a template",
        Context::Picker => "Keys: choosing a map",
        _ => "Keys",
    };
    let rect = centered(body, body.width.saturating_sub(4).min(90), body.height);
    let cells = usize::from(rect.width.saturating_sub(2));
    // Each key, then what it does, wrapped under itself.
    let mut lines: Vec<Line> = bindings(context)
        .iter()
        .filter(|b| !b.help.is_empty())
        .flat_map(|b| views::field_lines(&format!(" {}", b.label), b.help, cells, 10))
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled(" Esc or ? closes this help", dim_style()));
    let h = (lines.len() as u16 + 2).min(body.height);
    let inner = popup(frame, centered(body, rect.width, h), title);
    let scroll = scroll.min(lines.len().saturating_sub(usize::from(inner.height)));
    let shown: Vec<Line> = lines.into_iter().skip(scroll).collect();
    frame.render_widget(Paragraph::new(shown), inner);
    scroll
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

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    fn press(picker: &mut Picker, code: KeyCode) {
        picker.on_key(KeyEvent::new(code, KeyModifiers::NONE));
    }

    fn screen(picker: &mut Picker) -> String {
        // A test backend cannot fail.
        let Ok(mut terminal) = Terminal::new(TestBackend::new(100, 30));
        let Ok(_) = terminal.draw(|f| picker.draw(f));
        terminal.backend().to_string()
    }

    #[test]
    fn a_file_is_imported_after_its_summary_is_shown() {
        let Ok(dir) = tempfile::tempdir() else {
            panic!("a temporary folder")
        };
        let target = dir.path().join("day.ron");
        let mut picker = Picker::create(&target);
        for _ in 0..TEMPLATES.len() + 3 {
            press(&mut picker, KeyCode::Down);
        }
        assert!(screen(&mut picker).contains("import a file…"));
        press(&mut picker, KeyCode::Enter);
        let source = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import/mermaid-docs.mmd");
        picker.on_paste(source);
        press(&mut picker, KeyCode::Enter);
        let preview = screen(&mut picker);
        assert!(preview.contains("gives “My working day”"), "{preview}");
        assert!(preview.contains("touchpoints: 5 new"), "{preview}");
        assert!(preview.contains("+ Make tea"), "{preview}");
        assert!(!target.exists(), "nothing is written before Enter");
        press(&mut picker, KeyCode::Enter);
        assert_eq!(picker.chosen(), Some(target.as_path()));
        let map = store::load(&target).map(|l| l.map).unwrap_or_default();
        assert_eq!(map.touchpoints.len(), 5);
    }

    #[test]
    fn a_file_that_cannot_be_imported_says_why_and_stays() {
        let mut picker = Picker::create(Path::new("never-written.ron"));
        for _ in 0..TEMPLATES.len() + 3 {
            press(&mut picker, KeyCode::Down);
        }
        press(&mut picker, KeyCode::Enter);
        picker.on_paste("no/such/file.csv");
        press(&mut picker, KeyCode::Enter);
        let shown = screen(&mut picker);
        assert!(shown.contains("cannot import no/such/file.csv"), "{shown}");
        assert!(shown.contains(" Import a file "), "{shown}");
        assert!(picker.chosen().is_none());
    }
}
