//! The TUI's state, and the operations on the map that the keys trigger.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use ratatui::layout::Rect;

use super::action::Context;
use super::form::Target;
use super::recovery::{self, Shared};
use super::widgets::{PickList, TextArea, TextInput};
use crate::model::edit::{self, Edit};
use crate::model::{ItemKind, JourneyMap, Problem, validate};
use crate::store::{self, FileStamp, SaveError};
use crate::text::sanitize;

/// How many edits can be undone.
pub const UNDO_DEPTH: usize = 1000;

/// The views, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Overview,
    Stages,
    Touchpoints,
    Personas,
    Segments,
    Competitors,
    Tactics,
    Matrix,
}

impl Tab {
    pub const ALL: [Tab; 8] = [
        Tab::Overview,
        Tab::Stages,
        Tab::Touchpoints,
        Tab::Personas,
        Tab::Segments,
        Tab::Competitors,
        Tab::Tactics,
        Tab::Matrix,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Overview => "Overview",
            Tab::Stages => "Stages",
            Tab::Touchpoints => "Touchpoints",
            Tab::Personas => "Personas",
            Tab::Segments => "Segments & USPs",
            Tab::Competitors => "Competitors",
            Tab::Tactics => "Tactics",
            Tab::Matrix => "Matrix",
        }
    }

    /// The kind of item listed, none for the Overview.
    pub fn kind(self) -> Option<ItemKind> {
        match self {
            Tab::Overview | Tab::Matrix => None,
            Tab::Stages => Some(ItemKind::Stage),
            Tab::Touchpoints => Some(ItemKind::Touchpoint),
            Tab::Personas => Some(ItemKind::Persona),
            Tab::Segments => Some(ItemKind::Segment),
            Tab::Competitors => Some(ItemKind::Competitor),
            Tab::Tactics => Some(ItemKind::Tactic),
        }
    }

    pub fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    pub fn for_kind(kind: ItemKind) -> Tab {
        Tab::ALL
            .into_iter()
            .find(|t| t.kind() == Some(kind))
            .unwrap_or(Tab::Overview)
    }
}

/// Selection and scroll position of a list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListPos {
    pub selected: usize,
    pub offset: usize,
}

impl ListPos {
    /// Keeps the selection inside `len` rows and visible in `height` rows.
    pub fn fit(&mut self, len: usize, height: usize) {
        self.selected = self.selected.min(len.saturating_sub(1));
        let height = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        self.offset = self.offset.min(len.saturating_sub(height));
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// Editing a list of strings inside a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListEdit {
    pub selected: usize,
    /// The entry being typed, and whether it is a new one.
    pub editing: Option<(TextInput, bool)>,
}

/// The field editor open in a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldEdit {
    Text(TextInput),
    Multi { area: TextArea, asking: bool },
    List(ListEdit),
    Pick(PickList),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub target: Target,
    pub field: usize,
    pub edit: Option<FieldEdit>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Dialog {
    /// The name of a new item.
    AddName {
        kind: ItemKind,
        input: TextInput,
        /// A touchpoint added from the matrix: its stage and tactic ids.
        place: Option<(String, String)>,
    },
    /// The stage of a new touchpoint.
    AddStage { name: String, pick: PickList },
    /// Deleting an item; `consequences` lists the references that go with it.
    Delete {
        kind: ItemKind,
        index: usize,
        consequences: Vec<String>,
    },
    /// Quitting with unsaved changes.
    Quit,
    /// The file changed on disk since it was loaded.
    Conflict,
    /// Another path to write the map to.
    SaveAs { input: TextInput },
    /// A recovery copy newer than the file.
    Recovery { recovered: Box<JourneyMap>, age: String },
    /// Typing the `/` filter of the current view.
    Filter { input: TextInput },
    /// Choosing the persona or segment the matrix shows.
    MatrixFilter { pick: PickList },
    /// Ctrl-P: finding any item by name or id.
    Jump(Box<super::jump::Jump>),
    /// Choosing the report to export.
    Export { pick: PickList },
    /// Where to write the report in format `format` of [`super::export::FORMATS`].
    ExportPath { format: usize, input: TextInput },
    /// The export's file exists: overwrite it?
    ExportOverwrite { format: usize, path: PathBuf },
    /// The lint findings; `selected` is a position in [`App::findings`].
    Findings { selected: usize, offset: usize },
}

#[derive(Debug, Clone, PartialEq, Default)]
pub enum Mode {
    #[default]
    Normal,
    Form(Box<Form>),
    Dialog(Box<Dialog>),
}

/// Screen areas of the last draw, for the mouse.
#[derive(Debug, Clone, Default)]
pub struct Areas {
    /// Each tab's title cells.
    pub tabs: Vec<(Tab, Rect)>,
    /// The list rows of the current view.
    pub list: Rect,
    /// Rows of a form's fields or of an open pick list.
    pub popup_list: Rect,
}

pub struct App {
    pub map: JourneyMap,
    pub path: PathBuf,
    /// What the file held when loaded or last saved.
    pub stamp: Option<FileStamp>,
    pub modified: bool,
    /// Bumped by every change to the map.
    pub generation: u64,
    pub tab: Tab,
    pub lists: [ListPos; 8],
    /// Touchpoints view: only this stage (an id).
    pub stage_filter: Option<String>,
    pub mode: Mode,
    pub help: bool,
    /// First line of the help popup shown.
    pub help_scroll: usize,
    pub message: Option<Message>,
    pub should_quit: bool,
    /// Quit while the recovery offer was still open: its copy is kept.
    pub keep_recovery_copy: bool,
    /// The terminal is smaller than the workbench draws in: keys other than
    /// quitting are ignored, since nothing they would change is visible.
    pub too_small: bool,
    /// Rows the current list showed at the last draw (for PageUp/PageDown).
    pub page: usize,
    pub areas: Areas,
    /// Where recovery copies go; `None` keeps none.
    pub recovery_file: Option<PathBuf>,
    pub shared: Shared,
    /// Edits to undo (last on top), and undone edits to redo.
    undo: Vec<Arc<Edit>>,
    redo: Vec<Arc<Edit>>,
    /// The edit on top of `undo` when the map matched the file (`None`: an
    /// empty stack), so undoing back to it clears the modified marker.
    /// `Unreachable` once that state has left the history.
    saved_at: SavedAt,
    /// `/` filter text of each view.
    pub name_filter: [String; 8],
    /// The Matrix view's cursor, filter and layout.
    pub matrix: super::matrix_state::MatrixState,
    pub(crate) matrix_cache: Option<super::matrix_state::MatrixCache>,
    search_index: Option<super::jump::SearchIndex>,
    /// Keys remapped in `config.ron`.
    pub keymap: super::config::Keymap,
    /// No colour: `theme: Monochrome` or `NO_COLOR`.
    pub monochrome: bool,
    #[allow(clippy::type_complexity)]
    order_cache: Option<((u64, Tab, Option<String>, String), Vec<usize>)>,
    problems_cache: Option<(u64, Vec<Problem>)>,
    stage_counts: Option<(u64, std::collections::HashMap<String, usize>)>,
    pub(crate) findings_cache: Option<(u64, Vec<crate::analysis::lint::Finding>)>,
}

impl App {
    /// An app on a loaded map. `data_dir` is where recovery copies go.
    pub fn new(map: JourneyMap, path: PathBuf, stamp: Option<FileStamp>, data_dir: Option<&Path>) -> Self {
        let recovery_file = data_dir.map(|d| recovery::recovery_path(d, &path));
        // The journal's base: the one copy of the map, made once per load.
        let journal = recovery_file
            .as_ref()
            .map(|rec| recovery::Journal::new(rec.clone(), path.clone(), Arc::new(map.clone())));
        Self {
            undo: Vec::new(),
            redo: Vec::new(),
            saved_at: SavedAt::Top(None),
            map,
            path,
            stamp,
            modified: false,
            generation: 0,
            tab: Tab::Overview,
            lists: [ListPos::default(); 8],
            stage_filter: None,
            mode: Mode::Normal,
            help: false,
            help_scroll: 0,
            message: None,
            should_quit: false,
            keep_recovery_copy: false,
            too_small: false,
            page: 10,
            areas: Areas::default(),
            recovery_file,
            shared: Arc::new(std::sync::Mutex::new(journal)),
            name_filter: Default::default(),
            matrix: Default::default(),
            matrix_cache: None,
            search_index: None,
            keymap: Default::default(),
            monochrome: false,
            order_cache: None,
            problems_cache: None,
            stage_counts: None,
            findings_cache: None,
        }
    }

    /// Looks for a recovery copy newer than the file and, if there is one,
    /// asks whether to restore it.
    pub fn offer_recovery(&mut self) {
        let Some(rec) = &self.recovery_file else {
            return;
        };
        if let Some((recovered, time)) = recovery::find(rec, &self.path, &self.map) {
            self.mode = Mode::Dialog(Box::new(Dialog::Recovery {
                recovered: Box::new(recovered),
                age: recovery::ago(time),
            }));
        }
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: true,
        });
    }

    /// Records an edit already made to the map: it can be undone, and the
    /// recovery journal gets it. Costs the size of the edit, not of the map.
    pub fn commit(&mut self, edit: Edit) {
        self.modified = true;
        self.generation += 1;
        let edit = Arc::new(edit);
        recovery::record(&self.shared, Arc::clone(&edit), true);
        self.undo.push(edit);
        if self.undo.len() > UNDO_DEPTH {
            let extra = self.undo.len() - UNDO_DEPTH;
            self.undo.drain(..extra);
            if self.saved_at == SavedAt::Top(None) {
                // An empty stack no longer means "as saved".
                self.saved_at = SavedAt::Unreachable;
            }
        }
        self.redo.clear();
    }

    /// Notes that the map now matches the file.
    fn mark_saved(&mut self) {
        self.modified = false;
        self.saved_at = SavedAt::Top(self.undo.last().cloned());
    }

    /// Whether undo/redo has brought the map back to what the file holds.
    fn at_saved_state(&self) -> bool {
        match &self.saved_at {
            SavedAt::Unreachable => false,
            SavedAt::Top(None) => self.undo.is_empty(),
            SavedAt::Top(Some(edit)) => self.undo.last().is_some_and(|top| Arc::ptr_eq(top, edit)),
        }
    }

    /// Runs `change` on the map and records what it did to `target` as one edit;
    /// true when something changed.
    pub fn change(&mut self, target: Target, change: impl FnOnce(&mut JourneyMap)) -> bool {
        match edit::record(&mut self.map, target, change) {
            Some(e) => {
                self.commit(e);
                true
            }
            None => false,
        }
    }

    /// Makes the map (from a recovery copy) the current one, as one undoable step.
    pub fn replace_map(&mut self, map: JourneyMap) {
        let old = std::mem::replace(&mut self.map, map.clone());
        self.commit(Edit::Replace {
            old: Box::new(old),
            new: Box::new(map),
        });
    }

    /// Goes back one change (`redo` false) or forward again (`redo` true).
    pub fn undo_redo(&mut self, redo: bool) {
        let (from, to) = if redo {
            (&mut self.redo, &mut self.undo)
        } else {
            (&mut self.undo, &mut self.redo)
        };
        let Some(edit) = from.pop() else {
            self.info(if redo { "nothing to redo" } else { "nothing to undo" });
            return;
        };
        if redo {
            edit.apply(&mut self.map);
        } else {
            edit.revert(&mut self.map);
        }
        to.push(Arc::clone(&edit));
        recovery::record(&self.shared, edit, redo);
        self.modified = !self.at_saved_state();
        self.generation += 1;
        self.info(if redo {
            "redone (^R again redoes more)"
        } else {
            "undone (^R redoes)"
        });
    }

    /// Steps that can be undone and redone.
    pub fn history(&self) -> (usize, usize) {
        (self.undo.len(), self.redo.len())
    }

    /// Starts the undo history and the recovery journal afresh (after loading another version).
    fn reset_history(&mut self) {
        self.undo.clear();
        self.redo.clear();
        self.saved_at = SavedAt::Top(None);
        let journal = self
            .recovery_file
            .as_ref()
            .map(|rec| recovery::Journal::new(rec.clone(), self.path.clone(), Arc::new(self.map.clone())));
        recovery::reset(&self.shared, journal);
    }

    /// Hands the journal to `shared` (the panic hook's) and uses that from now on.
    pub fn attach(&mut self, shared: Shared) {
        let journal = match self.shared.lock() {
            Ok(mut g) => g.take(),
            Err(p) => p.into_inner().take(),
        };
        recovery::reset(&shared, journal);
        self.shared = shared;
    }

    /// The file name as shown.
    pub fn file_label(&self) -> String {
        sanitize(&self.path.display().to_string()).into_owned()
    }

    pub fn context(&self) -> Context {
        if self.help {
            return Context::Help;
        }
        match &self.mode {
            Mode::Normal if self.tab == Tab::Matrix => Context::Matrix,
            Mode::Normal => Context::Normal,
            Mode::Form(form) => match &form.edit {
                None => Context::Form,
                Some(FieldEdit::Text(_)) => Context::Text,
                Some(FieldEdit::Multi { asking: true, .. }) => Context::Confirm,
                Some(FieldEdit::Multi { .. }) => Context::MultiLine,
                Some(FieldEdit::List(ListEdit { editing: Some(_), .. })) => Context::Text,
                Some(FieldEdit::List(_)) => Context::ListEdit,
                Some(FieldEdit::Pick(_)) => Context::Pick,
            },
            Mode::Dialog(dialog) => match **dialog {
                Dialog::AddName { .. } | Dialog::SaveAs { .. } | Dialog::Filter { .. } => Context::Text,
                Dialog::AddStage { .. } | Dialog::MatrixFilter { .. } | Dialog::Export { .. } => Context::Pick,
                Dialog::Jump(_) => Context::Jump,
                Dialog::ExportPath { .. } => Context::Text,
                Dialog::ExportOverwrite { .. } => Context::Confirm,
                Dialog::Findings { .. } => Context::Findings,
                Dialog::Delete { .. } => Context::Confirm,
                Dialog::Quit => Context::Quit,
                Dialog::Conflict => Context::Conflict,
                Dialog::Recovery { .. } => Context::Recovery,
            },
        }
    }

    /// The item positions a view lists, in order, when that is not simply
    /// every item in file order: touchpoints are grouped by stage in journey
    /// order (file order within a stage) and may show one stage only; any view
    /// may be narrowed by a `/` filter on names and ids. Cached until the map
    /// or a filter changes.
    pub fn view_order(&mut self, tab: Tab) -> Option<&[usize]> {
        let kind = tab.kind()?;
        let text = self.name_filter[tab.index()].to_lowercase();
        let stage_filter = if kind == ItemKind::Touchpoint {
            self.stage_filter.clone()
        } else {
            None
        };
        if kind != ItemKind::Touchpoint && text.is_empty() {
            return None;
        }
        let key = (self.generation, tab, stage_filter, text);
        if self.order_cache.as_ref().is_none_or(|(k, _)| *k != key) {
            let (_, _, stage_filter, text) = &key;
            let matches = |id: &str, name: &str| {
                text.is_empty()
                    || name.to_lowercase().contains(text.as_str())
                    || id.to_lowercase().contains(text.as_str())
            };
            let order: Vec<usize> = if kind == ItemKind::Touchpoint {
                // Stage positions are looked up once per touchpoint, not per comparison.
                let stage_position: std::collections::HashMap<&str, usize> = self
                    .map
                    .stages
                    .iter()
                    .enumerate()
                    .map(|(i, s)| (s.id.as_str(), i))
                    .collect();
                let mut keyed: Vec<(usize, usize)> = self
                    .map
                    .touchpoints
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| stage_filter.as_ref().is_none_or(|f| t.stage == *f) && matches(&t.id, &t.name))
                    .map(|(i, t)| (stage_position.get(t.stage.as_str()).copied().unwrap_or(usize::MAX), i))
                    .collect();
                keyed.sort_unstable();
                keyed.into_iter().map(|(_, i)| i).collect()
            } else {
                self.map
                    .ids_and_names(kind)
                    .iter()
                    .enumerate()
                    .filter(|(_, (id, name))| matches(id, name))
                    .map(|(i, _)| i)
                    .collect()
            };
            self.order_cache = Some((key, order));
        }
        self.order_cache.as_ref().map(|(_, order)| order.as_slice())
    }

    /// Whether a view is narrowed by a filter (so its rows are not its list).
    pub fn filtered(&self, tab: Tab) -> bool {
        !self.name_filter[tab.index()].is_empty() || (tab == Tab::Touchpoints && self.stage_filter.is_some())
    }

    /// Clears a view's filters; true if there were any.
    pub fn clear_filters(&mut self, tab: Tab) -> bool {
        let had = self.filtered(tab);
        self.name_filter[tab.index()].clear();
        if tab == Tab::Touchpoints {
            self.stage_filter = None;
        }
        if had {
            self.lists[tab.index()] = ListPos::default();
        }
        had
    }

    /// How many touchpoints the stage at `index` has.
    pub fn stage_touchpoints(&mut self, index: usize) -> usize {
        if !matches!(&self.stage_counts, Some((g, _)) if *g == self.generation) {
            let mut counts = std::collections::HashMap::new();
            for t in &self.map.touchpoints {
                *counts.entry(t.stage.clone()).or_insert(0) += 1;
            }
            self.stage_counts = Some((self.generation, counts));
        }
        let Some(stage) = self.map.stages.get(index) else {
            return 0;
        };
        match &self.stage_counts {
            Some((_, counts)) => counts.get(&stage.id).copied().unwrap_or(0),
            None => 0,
        }
    }

    /// Items matching a Ctrl-P query; the index of names is rebuilt only when the map changed.
    pub fn search(&mut self, query: &str) -> (Vec<(ItemKind, usize)>, usize) {
        if self
            .search_index
            .as_ref()
            .is_none_or(|i| i.generation() != self.generation)
        {
            self.search_index = Some(super::jump::SearchIndex::build(&self.map, self.generation));
        }
        match &self.search_index {
            Some(index) => index.find(query),
            None => (Vec::new(), 0),
        }
    }

    /// Writes report `format` to `path` (atomically); says where, or why not.
    pub fn export(&mut self, format: usize, path: &Path) -> bool {
        let shown = sanitize(&path.display().to_string()).into_owned();
        let text = match super::export::render(&self.map, format) {
            Ok(t) => t,
            Err(e) => {
                self.error(format!("could not export: {e}"));
                return false;
            }
        };
        match store::write_atomically(path, text.as_bytes()) {
            Ok(()) => {
                let cli = super::export::FORMATS.get(format).map_or("report", |f| f.cli);
                self.info(format!("exported to {shown} (as `journeymap {cli}` writes it)"));
                true
            }
            Err(e) => {
                self.error(format!("could not write {shown}: {e}"));
                false
            }
        }
    }

    /// Lint findings about the plan, most severe first.
    pub fn findings(&mut self) -> &[crate::analysis::lint::Finding] {
        if !matches!(&self.findings_cache, Some((g, _)) if *g == self.generation) {
            let mut findings = crate::analysis::lint::lint(&self.map);
            findings.sort_by_key(|f| std::cmp::Reverse(f.severity));
            self.findings_cache = Some((self.generation, findings));
        }
        match &self.findings_cache {
            Some((_, f)) => f,
            None => &[],
        }
    }

    /// Validation problems of the map as it is now.
    pub fn problems(&mut self) -> &[Problem] {
        if !matches!(&self.problems_cache, Some((g, _)) if *g == self.generation) {
            self.problems_cache = Some((self.generation, validate(&self.map)));
        }
        match &self.problems_cache {
            Some((_, p)) => p,
            None => &[],
        }
    }

    /// Rows in a view's list.
    pub fn list_len(&mut self, tab: Tab) -> usize {
        let Some(kind) = tab.kind() else {
            return 0;
        };
        match self.view_order(tab) {
            Some(order) => order.len(),
            None => self.map.count(kind),
        }
    }

    /// The position in its list of the item on a row of a view.
    pub fn item_at(&mut self, tab: Tab, row: usize) -> Option<usize> {
        let kind = tab.kind()?;
        match self.view_order(tab) {
            Some(order) => order.get(row).copied(),
            None => (row < self.map.count(kind)).then_some(row),
        }
    }

    /// The selected item of the current view.
    pub fn selected_item(&mut self) -> Option<(ItemKind, usize)> {
        let kind = self.tab.kind()?;
        let row = self.lists[self.tab.index()].selected;
        Some((kind, self.item_at(self.tab, row)?))
    }

    /// Selects the row that shows this item.
    pub fn select_item(&mut self, kind: ItemKind, index: usize) {
        let tab = Tab::for_kind(kind);
        let find = |app: &mut Self| match app.view_order(tab) {
            Some(order) => order.iter().position(|&i| i == index),
            None => Some(index),
        };
        let row = match find(self) {
            Some(row) => Some(row),
            // Filtered out: show everything again so the item can be seen.
            None => {
                self.clear_filters(tab);
                find(self)
            }
        };
        if let Some(row) = row {
            self.lists[tab.index()].selected = row;
        }
    }

    pub fn move_selection(&mut self, delta: isize) {
        let len = self.list_len(self.tab);
        let pos = &mut self.lists[self.tab.index()];
        let last = len.saturating_sub(1) as isize;
        pos.selected = (pos.selected as isize + delta).clamp(0, last.max(0)) as usize;
    }

    pub fn select_row(&mut self, row: usize) {
        let len = self.list_len(self.tab);
        if row < len {
            self.lists[self.tab.index()].selected = row;
        }
    }

    /// Saves to the file. `force` overwrites even if the file changed on disk.
    /// Returns true when saved.
    pub fn save(&mut self, force: bool) -> bool {
        let expected = if force { None } else { self.stamp };
        match store::save(&self.path, &self.map, expected) {
            Ok(stamp) => {
                self.stamp = Some(stamp);
                self.mark_saved();
                self.discard_recovery();
                let label = self.file_label();
                self.info(format!("saved {label}"));
                true
            }
            Err(SaveError::ChangedOnDisk) => {
                self.mode = Mode::Dialog(Box::new(Dialog::Conflict));
                false
            }
            Err(SaveError::Io(e)) => {
                let label = self.file_label();
                self.error(format!(
                    "could not save {label}: {e} (your edits are kept; ^S to retry)"
                ));
                false
            }
        }
    }

    /// Writes the map to a new file (never over an existing one) and
    /// continues editing that file.
    pub fn save_as(&mut self, path: PathBuf) -> bool {
        let text = store::to_canonical(&self.map);
        let shown = sanitize(&path.display().to_string()).into_owned();
        match store::create_new(&path, &text) {
            Ok(()) => {
                self.discard_recovery();
                self.recovery_file = self
                    .recovery_file
                    .as_ref()
                    .and_then(|r| r.parent()?.parent().map(|d| recovery::recovery_path(d, &path)));
                self.path = path;
                self.stamp = Some(FileStamp::of(text.as_bytes()));
                self.mark_saved();
                if let Ok(mut guard) = self.shared.lock()
                    && let (Some(j), Some(rec)) = (guard.as_mut(), &self.recovery_file)
                {
                    j.recovery_file = rec.clone();
                    j.map_path = self.path.clone();
                }
                self.info(format!("saved to {shown}; editing it from now on"));
                true
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                self.error(format!("{shown} already exists: choose another name"));
                false
            }
            Err(e) => {
                self.error(format!("could not write {shown}: {e}"));
                false
            }
        }
    }

    /// Replaces the map with what is on disk now.
    pub fn reload(&mut self) {
        match store::load(&self.path) {
            Ok(loaded) => {
                self.map = loaded.map;
                self.stamp = Some(loaded.stamp);
                self.mark_saved();
                self.generation += 1;
                self.reset_history();
                self.discard_recovery();
                let label = self.file_label();
                self.info(format!("reloaded {label} from disk"));
            }
            Err(e) => {
                let first = e.to_string().lines().next().unwrap_or_default().to_string();
                self.error(format!("could not reload: {} (your edits are kept)", sanitize(&first)));
            }
        }
    }

    /// Removes the recovery copy (after a save or a deliberate discard).
    pub fn discard_recovery(&mut self) {
        recovery::clean(&self.shared);
        if let Some(rec) = &self.recovery_file {
            recovery::remove(rec);
        }
    }

    /// Writes the recovery copy of unsaved edits now, if it is behind. The
    /// event loop leaves this to a thread of its own ([`recovery::spawn_writer`]).
    pub fn tick(&mut self) {
        recovery::flush(&self.shared);
        self.recovery_problems();
    }

    /// Shows a failure of the recovery writer, if there was one.
    pub fn recovery_problems(&mut self) {
        if let Some(e) = recovery::take_error(&self.shared) {
            self.error(e);
        }
    }
}

/// Where in the undo history the saved state is.
#[derive(Debug, Clone)]
enum SavedAt {
    Top(Option<Arc<Edit>>),
    Unreachable,
}

impl PartialEq for SavedAt {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (SavedAt::Top(None), SavedAt::Top(None)) | (SavedAt::Unreachable, SavedAt::Unreachable) => true,
            (SavedAt::Top(Some(a)), SavedAt::Top(Some(b))) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}
