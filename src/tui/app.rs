//! The TUI's state, and the operations on the map that the keys trigger.

use std::path::{Path, PathBuf};

use super::action::{Action, Context};
use super::document::{Document, Saved};
use super::form::Target;
use super::popups::{Conflict, RecoveryOffer, SaveAs};
use super::widgets::{PickList, TextArea, TextInput};
use crate::model::edit::Edit;
use crate::model::{ItemKind, JourneyMap, Problem};
use crate::store::FileStamp;
use crate::text::sanitize;

pub use super::layout::{Areas, Drawn, ListPos, MatrixScroll};
use super::search::Needle;
pub use super::tabs::{Tab, View};
use super::touchpoint_view::TouchpointCache;
pub use super::touchpoint_view::{TouchpointColumn, TouchpointSort};
use super::used_by::UsedBy;
pub use crate::model::history::UNDO_DEPTH;

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

pub use super::popups::Dialog;

#[derive(Debug, Clone, PartialEq, Default)]
pub enum Mode {
    #[default]
    Normal,
    Form(Box<Form>),
    Dialog(Box<Dialog>),
}

impl Mode {
    /// A popup open over the view.
    pub fn popup(popup: impl Into<Dialog>) -> Mode {
        Mode::Dialog(Box::new(popup.into()))
    }
}

/// A list view's other face (the competitors' summary table, the
/// campaigns' calendar): on or off, and scrolled to which column and line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TableMode {
    pub on: bool,
    pub column: usize,
    pub line: usize,
}

/// The Flow view's cell cursor, by stage position.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FlowPos {
    pub from: usize,
    pub to: usize,
}

/// The Journey view's selected stage and scrolling.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct JourneyPos {
    pub stage: usize,
    /// The first line shown.
    pub line: usize,
    /// Lines a page moves.
    pub page: usize,
}

pub struct App {
    /// The open map, its file, history and journal.
    pub doc: Document,
    pub tab: Tab,
    pub lists: [ListPos; Tab::COUNT],
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
    /// `/` filter text of each view.
    pub name_filter: [String; Tab::COUNT],
    /// The item whose details are scrolled, and by how many lines.
    pub details_scroll: (Option<(ItemKind, usize)>, usize),
    /// The Matrix view's cursor, filter and layout.
    pub matrix: super::matrix_state::MatrixState,
    /// Where the Journey view is: its selected stage and scrolling.
    pub journey: JourneyPos,
    /// The Flow view's cell cursor: the step from one stage to another.
    pub flow: FlowPos,
    /// Which of the selected step's campaigns `n` edits next.
    pub flow_campaign: usize,
    /// The date goals are measured against (overdue or not): today, unless
    /// a test fixes it.
    pub today: crate::model::typed::Period,
    /// The first line the Overview shows.
    pub overview_scroll: usize,
    /// Whether the Competitors view shows the summary table, and its first
    /// column shown.
    pub competitor_table: TableMode,
    /// Whether the Campaigns view shows the calendar, and its scrolling.
    pub campaign_calendar: TableMode,
    pub(crate) matrix_cache: Option<super::matrix_state::MatrixCache>,
    /// The Journey view's canvas, kept across edits.
    pub(crate) journey_canvas: super::journey_canvas::JourneyCanvas,
    /// The Flow view's flow, kept across edits.
    pub(crate) flow_cache: super::flow_cache::FlowCache,
    /// Keys remapped in `config.ron`.
    pub keymap: super::config::Keymap,
    /// No colour: `theme: Monochrome` or `NO_COLOR`.
    pub monochrome: bool,
    /// The Touchpoints view's order and its optional columns, in the order shown.
    pub touchpoint_sort: TouchpointSort,
    pub touchpoint_columns: Vec<TouchpointColumn>,
    pub(crate) touchpoint_cache: TouchpointCache,
    order_cache: Option<(OrderKey, OrderRows)>,
    /// The items referring to each view's selected item, for its details,
    /// by [`Tab::index`]: going back to a view finds them still there.
    used_by_cache: Vec<Option<UsedBy>>,
    /// How many of [`AHEAD`]'s steps [`App::prepare_ahead`] has taken.
    prepared_ahead: usize,
    /// Who puts right-to-left text in visual order (`bidi` in `config.ron`,
    /// `--bidi`, `JOURNEYMAP_BIDI`).
    pub bidi: crate::text::bidi::Bidi,
    /// Where the fonts for PNG exports are looked for: the system's.
    pub picture_fonts: crate::export::png::FontSources,
    /// The export being written, if one is.
    pub exporting: Option<super::export::Writing>,
}

/// Touchpoints a filter looks at in a key's frame, besides those needed
/// to fill the screen: a list this short is filtered whole on the key; a
/// longer one, as far as the screen shows, and the rest while the workbench
/// waits for keys ([`App::filter_more`]), this many at a time.
pub const FILTER_STEP: usize = 4096;

/// What [`App::prepare_ahead`] makes, in this order: the views most
/// visited first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ViewCache {
    StageCounts,
    TouchpointOrder,
    TouchpointWidths,
    Matrix,
    Journey,
    Flow,
}

const AHEAD: [ViewCache; 6] = [
    ViewCache::StageCounts,
    ViewCache::TouchpointOrder,
    ViewCache::TouchpointWidths,
    ViewCache::Matrix,
    ViewCache::Journey,
    ViewCache::Flow,
];

/// A view's rows in order, as found so far.
#[derive(Debug, Clone)]
enum OrderRows {
    /// Every touchpoint in the sort order: the touchpoint cache's list.
    Sorted,
    /// The rows kept so far; the candidates from `next` on are still to be
    /// looked at, among `from` (or, when `None`, the touchpoints' sort order).
    Filtered {
        kept: Vec<usize>,
        from: Option<Vec<usize>>,
        next: usize,
    },
}

impl OrderRows {
    /// Rows found in full.
    fn done(rows: Vec<usize>) -> Self {
        OrderRows::Filtered {
            kept: rows,
            from: Some(Vec::new()),
            next: 0,
        }
    }
}

/// What the order of a view's rows depends on.
#[derive(Debug, Clone, PartialEq, Eq)]
struct OrderKey {
    generation: u64,
    tab: Tab,
    stage_filter: Option<String>,
    /// The `/` text, lower-cased.
    text: String,
    sort: TouchpointSort,
}

impl App {
    /// An app on a loaded map. `data_dir` is where recovery copies go.
    pub fn new(map: JourneyMap, path: PathBuf, stamp: Option<FileStamp>, data_dir: Option<&Path>) -> Self {
        Self {
            doc: Document::new(map, path, stamp, data_dir),
            tab: Tab::Overview,
            lists: [ListPos::default(); Tab::COUNT],
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
            name_filter: std::array::from_fn(|_| String::new()),
            details_scroll: (None, 0),
            matrix: Default::default(),
            journey: JourneyPos::default(),
            flow: FlowPos { from: 0, to: 1 },
            flow_campaign: 0,
            today: crate::model::typed::Period::today(),
            overview_scroll: 0,
            competitor_table: TableMode::default(),
            campaign_calendar: TableMode::default(),
            matrix_cache: None,
            journey_canvas: Default::default(),
            flow_cache: Default::default(),
            keymap: Default::default(),
            monochrome: false,
            touchpoint_sort: TouchpointSort::default(),
            touchpoint_columns: Vec::new(),
            touchpoint_cache: TouchpointCache::default(),
            bidi: crate::text::bidi::Bidi::App,
            order_cache: None,
            picture_fonts: Default::default(),
            exporting: None,
            used_by_cache: vec![None; Tab::COUNT],
            prepared_ahead: 0,
        }
    }

    /// Says so when the map's file may not be written, before any edit.
    pub fn warn_if_read_only(&mut self) {
        if let Some(why) = self.doc.not_writable() {
            let label = self.file_label();
            self.error(format!(
                "{label} is read-only ({why}): you can edit, and ^S offers to save to another file"
            ));
        }
    }

    /// Looks for a recovery copy newer than the file and, if there is one,
    /// asks whether to restore it.
    pub fn offer_recovery(&mut self) {
        if let Some((recovered, age)) = self.doc.recovery_offer() {
            self.mode = Mode::popup(RecoveryOffer {
                recovered: Box::new(recovered),
                age,
            });
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

    /// Records an edit already made to the map (see [`Document::commit`]).
    pub fn commit(&mut self, edit: Edit) {
        self.doc.commit(edit);
    }

    /// Runs `change` on the map and records what it did to `target` as one edit;
    /// true when something changed.
    pub fn change(&mut self, target: Target, change: impl FnOnce(&mut JourneyMap)) -> bool {
        self.doc.change(target, change)
    }

    /// Makes the map (from a recovery copy) the current one, as one undoable step.
    pub fn replace_map(&mut self, map: JourneyMap) {
        self.doc.replace_map(map);
    }

    /// Goes back one change (`redo` false) or forward again (`redo` true).
    /// Goes back one change (`redo` false) or forward again (`redo` true),
    /// says which change, and shows the item it was about.
    pub fn undo_redo(&mut self, redo: bool) {
        let Some(edit) = self.doc.undo_redo(redo) else {
            self.info(if redo { "nothing to redo" } else { "nothing to undo" });
            return;
        };
        let (what, item) = edit.describe(&self.doc.map);
        if let Some((kind, index)) = item {
            // A view left on the Overview or the Matrix stays there.
            if self.tab.kind().is_some() {
                self.go_to(kind, index.min(self.doc.map.count(kind).saturating_sub(1)));
            }
        }
        self.info(if redo {
            format!("redid: {what} (^R redoes more)")
        } else {
            format!("undid: {what} (^R redoes it)")
        });
    }

    /// Steps that can be undone and redone.
    pub fn history(&self) -> (usize, usize) {
        self.doc.history()
    }

    /// The file name as shown.
    pub fn file_label(&self) -> String {
        self.doc.file_label()
    }

    /// Whether an action of `context`'s key table does something in the
    /// view as it is (the key
    /// tables are shared by every list view): the help and the status line
    /// list only keys that do. The Overview has nothing to add, delete,
    /// move, filter or scroll; only the Touchpoints view filters by stage,
    /// sorts and has columns to choose.
    pub fn works_here(&self, context: Context, action: Action) -> bool {
        if context != Context::Normal {
            return true;
        }
        match self.tab.view() {
            View::Overview => !matches!(
                action,
                Action::Add
                    | Action::Delete
                    | Action::MoveUp
                    | Action::MoveDown
                    | Action::Filter
                    | Action::FilterStage
                    | Action::Sort
                    | Action::Columns
                    | Action::ClearFilter
                    | Action::DetailsDown
                    | Action::DetailsUp
                    | Action::Transpose
            ),
            View::List(kind) => match action {
                Action::FilterStage | Action::Sort | Action::Columns => kind == ItemKind::Touchpoint,
                Action::Transpose => matches!(kind, ItemKind::Competitor | ItemKind::Campaign),
                _ => true,
            },
            View::Matrix | View::Journey | View::Flow => true,
        }
    }

    /// The key table in force: the help's, or [`App::mode_context`].
    pub fn context(&self) -> Context {
        if self.help {
            return Context::Help;
        }
        self.mode_context()
    }

    /// The key table of the view, form or popup (under the help, if open).
    pub fn mode_context(&self) -> Context {
        match &self.mode {
            Mode::Normal if self.tab == Tab::Matrix => Context::Matrix,
            Mode::Normal if self.tab.view() == View::Journey => Context::Journey,
            Mode::Normal if self.tab.view() == View::Flow => Context::Flow,
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
            Mode::Dialog(dialog) => dialog.context(),
        }
    }

    /// What the order of a view's rows depends on; `None` when the rows are
    /// simply every item in file order.
    fn order_key(&self, tab: Tab) -> Option<OrderKey> {
        let kind = tab.kind()?;
        let text = self.name_filter[tab.index()].to_lowercase();
        let touchpoints = kind == ItemKind::Touchpoint;
        if !touchpoints && text.is_empty() {
            return None;
        }
        Some(OrderKey {
            generation: self.doc.generation,
            tab,
            stage_filter: if touchpoints { self.stage_filter.clone() } else { None },
            text,
            sort: if touchpoints {
                self.touchpoint_sort
            } else {
                TouchpointSort::default()
            },
        })
    }

    /// The item positions a view lists, in order, when that is not simply
    /// every item in file order: touchpoints in the order chosen (grouped by
    /// stage in journey order unless another is), perhaps of one stage only,
    /// and narrowed by a `/` filter on every text they have; the other views
    /// narrowed by a `/` filter on names and ids. Cached until the map, the
    /// order or a filter changes; each touchpoint order is sorted once per
    /// map generation. Found in full here (see [`App::prepare`] for a frame's
    /// part of the work).
    pub fn view_order(&mut self, tab: Tab) -> Option<&[usize]> {
        self.find_rows(tab, usize::MAX, usize::MAX)?;
        self.order_found(tab).map(|(rows, _)| rows)
    }

    /// Makes sure the order of `tab`'s rows is known as far as row `rows`
    /// (or to its end), having looked at `at_least` more candidates if
    /// there are: `None` when the view has no order (every item in file
    /// order).
    fn find_rows(&mut self, tab: Tab, rows: usize, at_least: usize) -> Option<()> {
        let key = self.order_key(tab)?;
        let kind = key.tab.kind()?;
        if kind == ItemKind::Touchpoint {
            self.touchpoint_cache.prepare(&self.doc, key.sort, !key.text.is_empty());
        }
        if self.order_cache.as_ref().is_none_or(|(k, _)| *k != key) {
            let previous = self.order_cache.take();
            let order = self.start_order(&key, kind, previous);
            self.order_cache = Some((key, order));
        }
        self.look_further(rows, at_least);
        Some(())
    }

    /// The rows of a view whose order was not found for `key`: at once for
    /// the views other than Touchpoints (short lists), to be found for it.
    fn start_order(&self, key: &OrderKey, kind: ItemKind, previous: Option<(OrderKey, OrderRows)>) -> OrderRows {
        let text = key.text.as_str();
        // A filter text that only grew (a character typed) keeps a subset
        // of the rows it kept, in the same order: only those are looked at.
        let narrowed = previous.and_then(|(previous, rows)| {
            let narrows = text.starts_with(previous.text.as_str())
                && OrderKey {
                    text: key.text.clone(),
                    ..previous.clone()
                } == *key;
            narrows.then_some(rows)
        });
        let map = &self.doc.map;
        if kind != ItemKind::Touchpoint {
            let matches = |id: &str, name: &str| {
                text.is_empty() || name.to_lowercase().contains(text) || id.to_lowercase().contains(text)
            };
            let ids_and_names = map.ids_and_names(kind);
            return OrderRows::done(match narrowed {
                Some(OrderRows::Filtered { kept, .. }) => kept
                    .into_iter()
                    .filter(|&i| ids_and_names.get(i).is_some_and(|(id, name)| matches(id, name)))
                    .collect(),
                _ => ids_and_names
                    .iter()
                    .enumerate()
                    .filter(|(_, (id, name))| matches(id, name))
                    .map(|(i, _)| i)
                    .collect(),
            });
        }
        if text.is_empty() && key.stage_filter.is_none() {
            return OrderRows::Sorted;
        }
        let from = match narrowed {
            // What the shorter text kept, then what it had still to look at.
            Some(OrderRows::Filtered { mut kept, from, next }) => {
                let sorted = self.touchpoint_cache.prepared(key.sort);
                let rest = from.as_deref().unwrap_or(sorted);
                kept.extend_from_slice(rest.get(next..).unwrap_or_default());
                Some(kept)
            }
            _ => None,
        };
        OrderRows::Filtered {
            kept: Vec::new(),
            from,
            next: 0,
        }
    }

    /// Looks at the candidates of the order being found until `rows` rows
    /// are kept and `at_least` candidates were looked at, or none is left.
    fn look_further(&mut self, rows: usize, at_least: usize) {
        let Some((key, OrderRows::Filtered { kept, from, next })) = &mut self.order_cache else {
            return;
        };
        let map = &self.doc.map;
        let (sorted, mut texts) = self.touchpoint_cache.filter_texts(map, key.sort);
        let candidates = from.as_deref().unwrap_or(sorted);
        if *next >= candidates.len() {
            return;
        }
        // A list this short is filtered whole at once.
        let at_least = if candidates.len() <= FILTER_STEP {
            usize::MAX
        } else {
            at_least
        };
        let needle = Needle::new(&key.text);
        let stage = key.stage_filter.as_deref();
        let stop = next.saturating_add(at_least);
        for &i in candidates.get(*next..).unwrap_or_default() {
            if kept.len() >= rows && *next >= stop {
                break;
            }
            *next += 1;
            let keep = stage.is_none_or(|stage| map.touchpoints.get(i).is_some_and(|t| t.stage == stage))
                && texts.matches(i, &needle);
            if keep {
                kept.push(i);
            }
        }
    }

    /// The rows of `tab` found so far for the view as it is now, and
    /// whether that is all of them; `None` when it has no order (every item
    /// in file order) or it was not looked for.
    fn order_found(&self, tab: Tab) -> Option<(&[usize], bool)> {
        let key = self.order_key(tab)?;
        match &self.order_cache {
            Some((k, rows)) if *k == key => match rows {
                OrderRows::Sorted => Some((self.touchpoint_cache.prepared(key.sort), true)),
                OrderRows::Filtered { kept, from, next } => {
                    let candidates = match from {
                        Some(from) => from.len(),
                        None => self.touchpoint_cache.prepared(key.sort).len(),
                    };
                    Some((kept, *next >= candidates))
                }
            },
            _ => None,
        }
    }

    /// Whether the current view's rows are still being found (a large map's
    /// filter): [`App::filter_more`] finds more.
    pub fn filtering(&self) -> bool {
        self.order_found(self.tab).is_some_and(|(_, done)| !done)
    }

    /// Finds more of the current view's rows, for about `budget`; true when
    /// there were any to find (the screen is to be drawn again).
    pub fn filter_more(&mut self, budget: std::time::Duration) -> bool {
        if !self.filtering() {
            return false;
        }
        let started = std::time::Instant::now();
        while self.filtering() && started.elapsed() < budget {
            self.look_further(0, FILTER_STEP);
        }
        true
    }

    /// The view's row order as last found by [`App::view_order`] or
    /// [`App::prepare`] (before every frame): for drawing, which reads the
    /// app without changing it. With the rows found so far, which cover the
    /// screen, and whether they are all.
    fn prepared_order(&self, tab: Tab) -> Option<(&[usize], bool)> {
        self.order_found(tab)
    }

    /// Computes what the next frame draws from, so that drawing only reads
    /// the app: the current view's row order and counts, the matrix, the
    /// problems and findings the Overview shows.
    pub fn prepare(&mut self) {
        match self.tab.view() {
            View::List(kind) => {
                // The rows the screen shows (a page beyond the selection and
                // the first row shown), and a step more of a long filter.
                let pos = self.lists[self.tab.index()];
                let rows = pos.offset.max(pos.selected).saturating_add(self.page + 3);
                self.find_rows(self.tab, rows, 0);
                self.prepare_used_by();
                if kind == ItemKind::Stage {
                    self.doc.count_stage_touchpoints();
                }
                if kind == ItemKind::Touchpoint {
                    self.touchpoint_cache.prepare_widths(&self.doc);
                }
            }
            View::Matrix => {
                self.matrix_cache();
            }
            View::Overview => {
                self.doc.problems();
                self.doc.findings();
            }
            View::Journey => self.journey_canvas.refresh(&self.doc, self.today),
            View::Flow => self.flow_cache.refresh(&self.doc),
        }
    }

    /// Whether [`App::prepare_ahead`] has steps left.
    pub fn preparing_ahead(&self) -> bool {
        self.prepared_ahead < AHEAD.len()
    }

    /// Makes, between keys, what a first visit to one more view would
    /// otherwise make before its frame: on a large map the stages'
    /// touchpoint counts, the touchpoints' order and column widths, the
    /// matrix, the journey's canvas and the flow take up to tens of
    /// milliseconds each. One step a call, so that a key
    /// waits for one at most; false once every step is taken. A step made
    /// for the map as it was is brought up to date on the visit, as after
    /// any edit.
    pub fn prepare_ahead(&mut self) -> bool {
        let Some(step) = AHEAD.get(self.prepared_ahead) else {
            return false;
        };
        self.prepared_ahead += 1;
        match step {
            ViewCache::StageCounts => self.doc.count_stage_touchpoints(),
            ViewCache::TouchpointOrder => {
                let search = !self.name_filter[Tab::Touchpoints.index()].is_empty();
                self.touchpoint_cache.prepare(&self.doc, self.touchpoint_sort, search);
            }
            ViewCache::TouchpointWidths => self.touchpoint_cache.prepare_widths(&self.doc),
            ViewCache::Matrix => {
                self.matrix_cache();
            }
            ViewCache::Journey => self.journey_canvas.refresh(&self.doc, self.today),
            ViewCache::Flow => self.flow_cache.refresh(&self.doc),
        }
        true
    }

    /// Looks for the items that refer to the selected one (its details'
    /// "used by" sections), unless that was done for it and the map since:
    /// on a large map that is a look at every touchpoint, once per
    /// selection rather than once per frame.
    fn prepare_used_by(&mut self) {
        let Some(item) = self.selected() else {
            return;
        };
        if self.used_by(item).is_some() {
            return;
        }
        let generation = self.doc.generation;
        let Some(cached) = self.used_by_cache.get_mut(self.tab.index()) else {
            return;
        };
        // What an earlier frame found, brought up to date with the edits
        // since, unless they changed what cannot be followed.
        if let Some(found) = cached
            && let Some(edits) = self.doc.edits_since(found.generation)
            && found.follow(&self.doc.map, item, &edits, generation)
        {
            return;
        }
        *cached = UsedBy::find(&self.doc.map, item, generation);
    }

    /// The positions of the items referring to `item`, per referring field,
    /// if [`App::prepare`] looked for them on the map as it is now, for the
    /// current view.
    pub fn used_by(&self, item: (ItemKind, usize)) -> Option<&[Vec<usize>]> {
        match self.used_by_cache.get(self.tab.index()) {
            Some(Some(u)) if u.generation == self.doc.generation && u.item == item => Some(&u.positions),
            _ => None,
        }
    }

    /// Scrolls the selected item's details by `lines` (up when negative).
    pub fn scroll_details(&mut self, lines: isize) {
        let Some(selected) = self.selected_item() else {
            return;
        };
        let current = match self.details_scroll {
            (Some(item), n) if item == selected => n,
            _ => 0,
        };
        self.details_scroll = (Some(selected), current.saturating_add_signed(lines));
    }

    /// How far the details of `item` are scrolled.
    pub fn details_offset(&self, item: (ItemKind, usize)) -> usize {
        match self.details_scroll {
            (Some(scrolled), n) if scrolled == item => n,
            _ => 0,
        }
    }

    /// Writes back what a frame laid out: where the mouse can click, the
    /// list's page size and the scroll positions that keep the selection in
    /// view.
    pub fn laid_out(&mut self, drawn: Drawn) {
        self.areas = drawn.areas;
        if let Some(page) = drawn.page {
            self.page = page;
        }
        if let Some((tab, pos)) = drawn.list {
            self.lists[tab.index()] = pos;
        }
        if let Some(scroll) = drawn.details_scroll {
            self.details_scroll.1 = scroll;
        }
        if let Some(line) = drawn.calendar_line {
            self.campaign_calendar.line = line;
        }
        if let Some(scroll) = drawn.overview_scroll {
            self.overview_scroll = scroll;
        }
        if let Some(scroll) = drawn.journey {
            self.journey.line = scroll.line;
            self.journey.page = scroll.page;
        }
        if let Some(scroll) = drawn.matrix {
            self.matrix.line_offset = scroll.line_offset;
            self.matrix.col_offset = scroll.col_offset;
            self.matrix.page_lines = scroll.page_lines;
        }
        if let Some(cells) = drawn.wrap_width
            && let Mode::Form(form) = &mut self.mode
            && let Some(FieldEdit::Multi { area, .. }) = &mut form.edit
        {
            area.set_wrap_width(cells);
        }
        if let Some(offset) = drawn.scroll {
            match &mut self.mode {
                Mode::Form(form) => {
                    if let Some(FieldEdit::Pick(pick)) = &mut form.edit {
                        pick.offset = offset;
                    }
                }
                Mode::Dialog(dialog) => dialog.scrolled(offset),
                Mode::Normal => {}
            }
        }
    }

    /// Changes the Touchpoints view's rows (their order or their stage),
    /// keeping the selected touchpoint selected while it is still listed.
    fn reorder_touchpoints(&mut self, change: impl FnOnce(&mut Self)) {
        let tab = Tab::Touchpoints;
        self.view_order(tab);
        let selected = self.item_on_row(tab, self.lists[tab.index()].selected);
        change(self);
        let row = selected.and_then(|item| self.view_order(tab)?.iter().position(|&i| i == item));
        self.lists[tab.index()] = ListPos {
            selected: row.unwrap_or(0),
            offset: 0,
        };
    }

    /// Shows the touchpoints of one stage (an id), or of every stage.
    pub fn set_stage_filter(&mut self, stage: Option<String>) {
        self.reorder_touchpoints(|app| app.stage_filter = stage);
        let name = self
            .stage_filter
            .as_ref()
            .map(|id| sanitize(self.doc.map.name_of(ItemKind::Stage, id).unwrap_or(id)).into_owned());
        match name {
            Some(name) => self.info(format!(
                "showing stage “{name}” only (f: another stage, F: every stage)"
            )),
            None => self.info("showing every stage"),
        }
    }

    /// How many times a touchpoint order has been sorted (once per order
    /// used and map generation).
    pub fn touchpoint_sorts(&self) -> usize {
        self.touchpoint_cache.sorts()
    }

    /// Sorts the Touchpoints view by the next order.
    pub fn next_touchpoint_sort(&mut self) {
        self.reorder_touchpoints(|app| app.touchpoint_sort = app.touchpoint_sort.next());
        let next = self.touchpoint_sort.next().label();
        self.info(format!(
            "touchpoints sorted {} (s: {next})",
            self.touchpoint_sort.label()
        ));
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
        self.doc.stage_touchpoints(index)
    }

    /// Items matching a Ctrl-P query.
    pub fn search(&mut self, query: &str) -> (Vec<(ItemKind, usize)>, usize) {
        self.doc.search(query)
    }

    /// Starts writing report `format` to `path` (atomically) on a thread of
    /// its own, from the map as it is now; the status line says so, and
    /// then where it was written or why not ([`App::receive_export`]).
    /// False, with the reason on the status line, while another export is
    /// being written.
    pub fn export(&mut self, format: usize, path: &Path) -> bool {
        if let Some(writing) = &self.exporting {
            let shown = writing.shown.clone();
            self.error(format!("still writing {shown}: export again when it is done"));
            return false;
        }
        let writing = super::export::Writing::start(
            self.doc.map.clone(),
            format,
            path.to_path_buf(),
            self.picture_fonts.clone(),
        );
        self.info(format!("writing {}…", writing.shown));
        self.exporting = Some(writing);
        true
    }

    /// Takes what the export being written came to, if it is done: says
    /// it on the status line. True when it did (the screen should be drawn
    /// again).
    pub fn receive_export(&mut self) -> bool {
        let Some(outcome) = self.exporting.as_ref().and_then(super::export::Writing::outcome) else {
            return false;
        };
        self.exporting = None;
        self.say_export(outcome);
        true
    }

    /// Waits for the export being written, if there is one, and says what
    /// it came to: before quitting, so that it is not cut short.
    pub fn finish_export(&mut self) {
        if let Some(writing) = self.exporting.take() {
            self.say_export(writing.finish());
        }
    }

    fn say_export(&mut self, outcome: super::export::Outcome) {
        match outcome {
            Ok(done) => self.info(done),
            Err(why) => self.error(why),
        }
    }

    /// Lint findings about the plan, most severe first.
    pub fn findings(&mut self) -> &[crate::analysis::lint::Finding] {
        self.doc.findings()
    }

    /// Validation problems of the map as it is now.
    pub fn problems(&mut self) -> &[Problem] {
        self.doc.problems()
    }

    /// Rows in a view's list.
    pub fn list_len(&mut self, tab: Tab) -> usize {
        self.view_order(tab);
        self.rows(tab)
    }

    /// The position in its list of the item on a row of a view.
    pub fn item_at(&mut self, tab: Tab, row: usize) -> Option<usize> {
        self.view_order(tab);
        self.item_on_row(tab, row)
    }

    /// The selected item of the current view.
    pub fn selected_item(&mut self) -> Option<(ItemKind, usize)> {
        let selected = self.lists[self.tab.index()].selected;
        self.find_rows(self.tab, selected.saturating_add(1), 0);
        self.selected()
    }

    /// A view's rows as prepared for drawing: its order is looked up once,
    /// not once per row drawn.
    pub fn view_rows(&self, tab: Tab) -> Rows<'_> {
        let order = self.prepared_order(tab);
        Rows {
            order: order.map(|(rows, _)| rows),
            count: tab.kind().map_or(0, |kind| self.doc.map.count(kind)),
            complete: order.is_none_or(|(_, done)| done),
        }
    }

    /// Rows in a view's list, as prepared for drawing.
    pub fn rows(&self, tab: Tab) -> usize {
        self.view_rows(tab).len()
    }

    /// The item on a row of a view, as prepared for drawing.
    pub fn item_on_row(&self, tab: Tab, row: usize) -> Option<usize> {
        self.view_rows(tab).item(row)
    }

    /// The selected item of the current view, as prepared for drawing.
    pub fn selected(&self) -> Option<(ItemKind, usize)> {
        let kind = self.tab.kind()?;
        let row = self.lists[self.tab.index()].selected;
        Some((kind, self.item_on_row(self.tab, row)?))
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
        // Only as many rows as the move reaches need to be found.
        let reach = (self.lists[self.tab.index()].selected as isize).saturating_add(delta.max(0));
        self.find_rows(self.tab, (reach as usize).saturating_add(1), 0);
        let len = self.view_rows(self.tab).len();
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
        let label = self.file_label();
        match self.doc.save(force) {
            Saved::Done => {
                self.info(format!("saved {label}"));
                true
            }
            Saved::ChangedOnDisk => {
                self.mode = Mode::popup(Conflict);
                false
            }
            Saved::NotWritable(why) => {
                self.error(format!(
                    "{label} cannot be written ({why}): save your version to another file, or Esc to keep editing"
                ));
                let suggestion = self.doc.elsewhere().display().to_string();
                self.mode = Mode::popup(SaveAs {
                    input: TextInput::new(&suggestion),
                });
                false
            }
            Saved::Failed(e) => {
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
        let shown = sanitize(&path.display().to_string()).into_owned();
        match self.doc.save_as(path) {
            Ok(()) => {
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
        match self.doc.reload() {
            Ok(()) => {
                let label = self.file_label();
                self.info(format!("reloaded {label} from disk"));
            }
            Err(first) => {
                self.error(format!("could not reload: {} (your edits are kept)", sanitize(&first)));
            }
        }
    }

    /// Removes the recovery copy (after a save or a deliberate discard).
    pub fn discard_recovery(&mut self) {
        self.doc.discard_recovery();
    }

    /// Writes the recovery copy of unsaved edits now, if it is behind. The
    /// event loop leaves this to a thread of its own ([`recovery::spawn_writer`]).
    pub fn tick(&mut self) {
        self.doc.flush_recovery();
        self.recovery_problems();
    }

    /// Shows a failure of the recovery writer, if there was one.
    pub fn recovery_problems(&mut self) {
        if let Some(e) = self.doc.recovery_error() {
            self.error(e);
        }
    }
}

/// The rows of a list view: the items in view order, or every item in
/// file order when no order applies.
#[derive(Debug, Clone, Copy)]
pub struct Rows<'a> {
    order: Option<&'a [usize]>,
    count: usize,
    complete: bool,
}

impl Rows<'_> {
    /// Whether these are all the rows, or those a long filter found so far
    /// (which cover the screen; the rest are found while no key comes).
    pub fn complete(&self) -> bool {
        self.complete
    }

    pub fn len(&self) -> usize {
        self.order.map_or(self.count, <[usize]>::len)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The position in its list of the item on `row`.
    pub fn item(&self, row: usize) -> Option<usize> {
        match self.order {
            Some(order) => order.get(row).copied(),
            None => (row < self.count).then_some(row),
        }
    }
}
