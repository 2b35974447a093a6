//! Turning key presses, mouse events and pastes into changes of the app.

use ratatui::crossterm::event::{KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};

use super::action::{self, Action, Context};
use super::app::{App, Dialog, FieldEdit, Form, ListEdit, Mode, Tab, View};
use super::form::{self, Target};
use super::popups::{AddName, Columns, Delete, ExportFormat, Filter, Findings, Jump, Quit, StageFilter};
use super::widgets::{InputResult, PickList, PickResult, TextArea, TextInput};
use crate::model::ItemKind;
use crate::model::{Field, FieldType};
use crate::text::sanitize;

/// The keys that quit from the "terminal too small" screen.
fn is_quit_key(key: KeyEvent) -> bool {
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};
    let control = key.modifiers.contains(KeyModifiers::CONTROL);
    matches!(key.code, KeyCode::Char('q') if !control) || matches!(key.code, KeyCode::Char('c') if control)
}

impl App {
    /// Handles one key press.
    pub fn on_key(&mut self, key: KeyEvent) {
        if key.kind == KeyEventKind::Release {
            return;
        }
        let context = self.context();
        let action = self.keymap.action_for(context, key);
        if action.is_none()
            && let Some([esc, rest]) = action::escape_then_key(key)
        {
            self.on_key(esc);
            self.on_key(rest);
            return;
        }
        if self.too_small && context != Context::Quit {
            // Nothing of the screen is visible: only quitting works, so no
            // key lands in a field the user cannot see.
            if is_quit_key(key) {
                self.message = None;
                self.apply(Action::Quit);
            }
            return;
        }
        let Some(action) = action else {
            return;
        };
        // A message stays until the next key that does something.
        self.message = None;
        self.apply(action);
    }

    /// Applies one action in the current mode.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Quit => return self.quit_from_anywhere(),
            Action::Save if !matches!(self.mode, Mode::Normal) => return self.save_from_anywhere(),
            _ => {}
        }
        if self.help {
            match action {
                Action::Cancel => self.help = false,
                Action::Down => self.help_scroll += 1,
                Action::Up => self.help_scroll = self.help_scroll.saturating_sub(1),
                _ => {}
            }
            return;
        }
        if action == Action::Help {
            self.help = true;
            self.help_scroll = 0;
            return;
        }
        let mode = std::mem::take(&mut self.mode);
        self.mode = match mode {
            Mode::Normal => {
                self.normal(action);
                // An action may have opened a form or dialog itself.
                std::mem::take(&mut self.mode)
            }
            Mode::Form(form) => self.form(*form, action),
            Mode::Dialog(dialog) => {
                let next = dialog.handle(self, action);
                self.after_popup(next)
            }
        };
    }

    /// Text pasted from the terminal goes to the field being edited.
    pub fn on_paste(&mut self, text: &str) {
        match &mut self.mode {
            Mode::Form(form) => match &mut form.edit {
                Some(FieldEdit::Text(input)) => input.insert_str(text),
                Some(FieldEdit::Multi { area, asking: false }) => area.insert_str(text),
                Some(FieldEdit::List(ListEdit {
                    editing: Some((input, _)),
                    ..
                })) => input.insert_str(text),
                _ => {}
            },
            Mode::Dialog(_) => {
                // The popup is lent out of the app while it takes the text.
                let mut mode = std::mem::take(&mut self.mode);
                if let Mode::Dialog(dialog) = &mut mode {
                    dialog.paste(self, text);
                }
                self.mode = mode;
            }
            Mode::Normal => {}
        }
    }

    pub fn on_mouse(&mut self, event: MouseEvent) {
        let (x, y) = (event.column, event.row);
        let inside = |r: ratatui::layout::Rect| x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height;
        match event.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                if self.help {
                    self.help = false;
                    return;
                }
                if matches!(self.mode, Mode::Normal) {
                    if let Some(&(tab, _)) = self.areas.tabs.iter().find(|(_, r)| inside(*r)) {
                        self.tab = tab;
                        return;
                    }
                    let list = self.areas.list;
                    if inside(list) {
                        let row = self.lists[self.tab.index()].offset + usize::from(y - list.y);
                        self.select_row(row);
                    }
                    return;
                }
                let area = self.areas.popup_list;
                if inside(area) {
                    let row = usize::from(y - area.y);
                    if let Mode::Form(form) = &mut self.mode {
                        match &mut form.edit {
                            None => {
                                let count = form::fields(form.target).len();
                                if row < count {
                                    form.field = row;
                                }
                            }
                            Some(FieldEdit::Pick(pick)) => {
                                let offset = pick.offset;
                                pick.select(offset + row);
                            }
                            _ => {}
                        }
                    }
                }
            }
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let down = event.kind == MouseEventKind::ScrollDown;
                match &mut self.mode {
                    Mode::Normal => self.move_selection(if down { 3 } else { -3 }),
                    Mode::Form(form) => {
                        if let Some(FieldEdit::Pick(pick)) = &mut form.edit {
                            for _ in 0..3 {
                                pick.handle(if down { Action::Down } else { Action::Up }, 1);
                            }
                        }
                    }
                    Mode::Dialog(_) => {}
                }
            }
            _ => {}
        }
    }

    /// Quitting from any place: what is being typed is kept first, then
    /// the map quits, or asks when there are unsaved changes.
    fn quit_from_anywhere(&mut self) {
        let mode = std::mem::take(&mut self.mode);
        match mode {
            Mode::Dialog(dialog) if matches!(*dialog, Dialog::Quit(_)) => {
                // Already asking.
                self.mode = Mode::Dialog(dialog);
                return;
            }
            Mode::Dialog(dialog) if matches!(*dialog, Dialog::Resolve(_)) => {
                // Nothing is saved half-resolved: the file keeps its markers.
                self.discard_recovery();
                self.should_quit = true;
                return;
            }
            Mode::Dialog(dialog) if matches!(*dialog, Dialog::Recovery(_)) => {
                // Undecided: the recovery copy stays for the next session.
                self.keep_recovery_copy = true;
                self.should_quit = true;
                return;
            }
            other => self.mode = other,
        }
        self.help = false;
        self.commit_open_field();
        self.ask_quit();
    }

    /// `Ctrl-s` in a form keeps the text being typed (or the entries ticked)
    /// and saves; in a dialog it says what to do first instead of doing
    /// nothing.
    fn save_from_anywhere(&mut self) {
        match &self.mode {
            Mode::Form(_) => {
                self.commit_open_field();
                self.save(false);
            }
            Mode::Dialog(_) => self.info("finish this first (Enter confirms, Esc cancels), then ^S saves"),
            Mode::Normal => {}
        }
    }

    /// Applies the field being edited in the open form as if it had been
    /// confirmed, and leaves the form open on that field. A single-choice
    /// pick list stays open: moving its cursor is not a choice.
    fn commit_open_field(&mut self) {
        let Mode::Form(form) = &mut self.mode else {
            return;
        };
        let Some(edit) = form.edit.take() else {
            return;
        };
        let target = form.target;
        let Some(&field) = form::fields(target).get(form.field) else {
            return;
        };
        let still_open = match edit {
            FieldEdit::Text(input) => {
                // Text a number or date field refuses stays in its editor.
                if self.set_text(target, &field, input.text().trim()) {
                    None
                } else {
                    Some(FieldEdit::Text(input))
                }
            }
            FieldEdit::Multi { area, .. } => {
                self.set_text(target, &field, &area.text());
                None
            }
            FieldEdit::List(mut list) => {
                if let Some((input, is_new)) = list.editing.take() {
                    self.commit_list_entry(target, &field, &mut list, &input, is_new);
                }
                Some(FieldEdit::List(list))
            }
            FieldEdit::Pick(mut pick) if pick.multi => {
                if let PickResult::Chosen(values) = pick.handle(Action::Confirm, self.page) {
                    self.apply_pick(target, &field, values);
                }
                None
            }
            pick @ FieldEdit::Pick(_) => Some(pick),
        };
        if let Mode::Form(form) = &mut self.mode {
            form.edit = still_open;
        }
    }

    fn ask_quit(&mut self) {
        if self.doc.modified {
            self.mode = Mode::popup(Quit);
        } else {
            self.should_quit = true;
        }
    }

    fn normal(&mut self, action: Action) {
        if self.tab == Tab::Matrix && self.matrix_key(action) {
            return;
        }
        if self.tab.view() == View::Journey && self.journey_key(action) {
            return;
        }
        if self.tab.view() == View::Flow && self.flow_key(action) {
            return;
        }
        if let Some(kind @ (ItemKind::Competitor | ItemKind::Campaign)) = self.tab.kind() {
            let columns = if kind == ItemKind::Competitor {
                super::views::competitor_table_columns()
            } else {
                crate::analysis::calendar::Calendar::build(&self.doc.map).months.len()
            };
            let table = if kind == ItemKind::Competitor {
                &mut self.competitor_table
            } else {
                &mut self.campaign_calendar
            };
            match action {
                // The calendar has no list: the arrows scroll it.
                Action::Up if table.on && kind == ItemKind::Campaign => {
                    table.line = table.line.saturating_sub(1);
                    return;
                }
                Action::Down if table.on && kind == ItemKind::Campaign => {
                    table.line += 1;
                    return;
                }
                Action::Transpose => {
                    table.on = !table.on;
                    return;
                }
                // The table has no details pane: its keys scroll the columns.
                Action::DetailsUp if table.on => {
                    table.column = table.column.saturating_sub(1);
                    return;
                }
                Action::DetailsDown if table.on => {
                    table.column = (table.column + 1).min(columns.saturating_sub(1));
                    return;
                }
                _ => {}
            }
        }
        if self.tab.view() == View::Overview {
            // The Overview has no list: the moving keys scroll it (drawing
            // keeps it within what it holds).
            let page = self.page.max(1);
            let scroll = &mut self.overview_scroll;
            match action {
                Action::Up => *scroll = scroll.saturating_sub(1),
                Action::Down => *scroll += 1,
                Action::PageUp => *scroll = scroll.saturating_sub(page),
                Action::PageDown => *scroll += page,
                Action::Top => *scroll = 0,
                Action::Bottom => *scroll = usize::MAX / 2,
                _ => {}
            }
        }
        let page = self.page.max(1) as isize;
        match action {
            Action::Jump => {
                self.mode = Mode::popup(Jump::open(self));
            }
            Action::Export => {
                self.mode = Mode::popup(ExportFormat::new());
            }
            Action::Findings => {
                self.findings();
                self.mode = Mode::popup(Findings::default());
            }
            Action::Save => {
                self.save(false);
            }
            Action::NextTab => self.tab = Tab::ALL[(self.tab.index() + 1) % Tab::ALL.len()],
            Action::PrevTab => self.tab = Tab::ALL[(self.tab.index() + Tab::ALL.len() - 1) % Tab::ALL.len()],
            Action::GoTab(n) => {
                if let Some(&tab) = Tab::ALL.get(usize::from(n)) {
                    self.tab = tab;
                }
            }
            Action::Up => self.move_selection(-1),
            Action::Down => self.move_selection(1),
            Action::PageUp => self.move_selection(-page),
            Action::PageDown => self.move_selection(page),
            Action::Top => self.move_selection(isize::MIN / 2),
            Action::Bottom => self.move_selection(isize::MAX / 2),
            Action::Add => match self.tab.kind() {
                None => self.info("the Overview has nothing to add: switch to a view with 2-8, then press a"),
                Some(kind) if kind.placed_at_stage() && self.doc.map.stages.is_empty() => self.error(format!(
                    "a {} belongs to a stage: add a stage first (view 2)",
                    kind.noun()
                )),
                Some(kind) => {
                    self.mode = Mode::popup(AddName::new(kind, None));
                }
            },
            Action::Edit => {
                let target = match self.tab.kind() {
                    None => Some(Target::Map),
                    Some(_) => self.selected_item().map(|(kind, i)| Target::Item(kind, i)),
                };
                match target {
                    Some(target) => self.open_form(target, 0),
                    None => self.info("nothing to edit here: press a to add one"),
                }
            }
            Action::Delete => match self.selected_item() {
                None => self.info("nothing to delete here"),
                Some((kind, index)) => match self.delete_consequences(kind, index) {
                    Ok(consequences) => {
                        self.mode = Mode::popup(Delete {
                            kind,
                            index,
                            consequences,
                        })
                    }
                    Err(why) => self.error(format!("cannot delete: {why}")),
                },
            },
            Action::MoveUp | Action::MoveDown if self.tab.kind().is_some() => {
                self.move_selected(action == Action::MoveUp);
            }
            Action::FilterStage | Action::Sort | Action::Columns if self.tab != Tab::Touchpoints => {
                let what = match action {
                    Action::FilterStage => "f filters",
                    Action::Sort => "s sorts",
                    _ => "c chooses the columns of",
                };
                self.info(format!("{what} the Touchpoints view (3)"));
            }
            Action::FilterStage => self.mode = Mode::popup(StageFilter::open(self)),
            Action::Sort => self.next_touchpoint_sort(),
            Action::Columns => self.mode = Mode::popup(Columns::open(&self.touchpoint_columns)),
            Action::Undo | Action::Redo => self.undo_redo(action == Action::Redo),
            Action::DetailsDown => self.scroll_details(3),
            Action::DetailsUp => self.scroll_details(-3),
            Action::ClearFilter => {
                let cleared = self.clear_filters(self.tab);
                if cleared {
                    self.info("filter cleared: showing everything");
                }
            }
            Action::Filter => match self.tab.kind() {
                None if self.tab == Tab::Matrix => {
                    let current = self.name_filter[self.tab.index()].clone();
                    self.mode = Mode::popup(Filter {
                        input: TextInput::new(&current),
                    });
                }
                None => self.info("/ filters the lists of views 2-8 (the Matrix: its tactic rows)"),
                Some(_) => {
                    let current = self.name_filter[self.tab.index()].clone();
                    self.mode = Mode::popup(Filter {
                        input: TextInput::new(&current),
                    });
                }
            },
            _ => {}
        }
    }

    pub(crate) fn open_form(&mut self, target: Target, field: usize) {
        self.mode = Mode::Form(Box::new(Form {
            target,
            field,
            edit: None,
        }));
    }

    fn form(&mut self, mut form: Form, action: Action) -> Mode {
        let fields = form::fields(form.target);
        let Some(&field) = fields.get(form.field) else {
            return Mode::Normal;
        };
        let Some(edit) = form.edit.take() else {
            match action {
                Action::Cancel => return Mode::Normal,
                Action::NextField => form.field = (form.field + 1) % fields.len(),
                Action::PrevField => form.field = (form.field + fields.len() - 1) % fields.len(),
                Action::Left | Action::Right | Action::Toggle => self.step_choice(form.target, &field, action),
                Action::Edit => form.edit = self.begin_edit(form.target, &field),
                _ => {}
            }
            return Mode::Form(Box::new(form));
        };
        form.edit = match edit {
            FieldEdit::Text(mut input) => match input.handle(action) {
                InputResult::Confirmed => {
                    if self.set_text(form.target, &field, input.text().trim()) {
                        None
                    } else {
                        Some(FieldEdit::Text(input))
                    }
                }
                InputResult::Cancelled => None,
                _ => Some(FieldEdit::Text(input)),
            },
            FieldEdit::Multi { mut area, asking } => {
                if asking {
                    match action {
                        Action::Confirm => {
                            self.set_text(form.target, &field, &area.text());
                            None
                        }
                        Action::Cancel => None,
                        _ => Some(FieldEdit::Multi { area, asking }),
                    }
                } else {
                    match action {
                        Action::Finish => {
                            self.set_text(form.target, &field, &area.text());
                            None
                        }
                        Action::Cancel if area.changed() => Some(FieldEdit::Multi { area, asking: true }),
                        Action::Cancel => None,
                        other => {
                            area.handle(other);
                            Some(FieldEdit::Multi { area, asking })
                        }
                    }
                }
            }
            FieldEdit::List(list) => self.list_edit(form.target, &field, list, action),
            FieldEdit::Pick(mut pick) => match pick.handle(action, self.page) {
                PickResult::Open => Some(FieldEdit::Pick(pick)),
                PickResult::Cancelled => None,
                PickResult::Chosen(values) => {
                    self.apply_pick(form.target, &field, values);
                    None
                }
            },
        };
        Mode::Form(Box::new(form))
    }

    fn begin_edit(&mut self, target: Target, field: &Field) -> Option<FieldEdit> {
        let text = form::text(&self.doc.map, target, field).unwrap_or_default().to_string();
        match field.ty {
            FieldType::Text | FieldType::Number | FieldType::Date | FieldType::Currency => {
                Some(FieldEdit::Text(TextInput::new(&text)))
            }
            FieldType::Multi => Some(FieldEdit::Multi {
                area: TextArea::new(&text),
                asking: false,
            }),
            FieldType::List => {
                // An empty list has nothing to choose: start typing its first entry.
                let empty = form::list(&self.doc.map, target, field).is_none_or(<[String]>::is_empty);
                Some(FieldEdit::List(ListEdit {
                    selected: 0,
                    editing: empty.then(|| (TextInput::default(), true)),
                }))
            }
            FieldType::Ref { kind, optional } => {
                let mut options = self.options(kind);
                if optional {
                    options.insert(0, (String::new(), "(none)".to_string()));
                }
                if options.is_empty() {
                    self.info(format!("there are no {} yet", kind.plural()));
                    return None;
                }
                Some(FieldEdit::Pick(PickList::new(kind.noun(), options, false, &[text])))
            }
            FieldType::Refs(kind) => {
                let options = self.options(kind);
                if options.is_empty() {
                    self.info(format!(
                        "there are no {}s yet: add some in their view first",
                        kind.noun()
                    ));
                    return None;
                }
                let current = form::list(&self.doc.map, target, field).unwrap_or_default().to_vec();
                Some(FieldEdit::Pick(PickList::new(
                    format!("{} (Space ticks)", kind.plural()),
                    options,
                    true,
                    &current,
                )))
            }
            FieldType::Bool { .. } => {
                self.step_choice(target, field, Action::Toggle);
                None
            }
            FieldType::Choice(_) | FieldType::Score | FieldType::OptionalScore => {
                let (labels, pos) = form::choices(&self.doc.map, target, field)?;
                let options: Vec<(String, String)> = labels
                    .iter()
                    .enumerate()
                    .map(|(i, l)| (i.to_string(), l.trim().to_string()))
                    .collect();
                Some(FieldEdit::Pick(PickList::new(
                    field.name,
                    options,
                    false,
                    &[pos.to_string()],
                )))
            }
        }
    }

    /// `(id, name)` of every item of a kind, for pick lists.
    pub(crate) fn options(&self, kind: ItemKind) -> Vec<(String, String)> {
        self.doc
            .map
            .ids_and_names(kind)
            .into_iter()
            .map(|(id, name)| (id.to_string(), name.to_string()))
            .collect()
    }

    fn step_choice(&mut self, target: Target, field: &Field, action: Action) {
        let Some((labels, pos)) = form::choices(&self.doc.map, target, field) else {
            return;
        };
        let n = labels.len();
        let next = match (field.ty, action) {
            (FieldType::Bool { .. }, _) => 1 - pos.min(1),
            // Emotion is a stepper: it stops at the ends.
            (FieldType::Score | FieldType::OptionalScore, Action::Left) => pos.saturating_sub(1),
            (FieldType::Score | FieldType::OptionalScore, Action::Right) => (pos + 1).min(n - 1),
            (FieldType::Score | FieldType::OptionalScore, _) => pos,
            (_, Action::Left) => (pos + n - 1) % n,
            (_, Action::Right) => (pos + 1) % n,
            _ => pos,
        };
        self.change(target, |m| {
            form::set_choice(m, target, field, next);
        });
    }

    /// Sets a text field; false (with the reason shown) when the field
    /// refuses the text, which the caller then keeps in its editor.
    fn set_text(&mut self, target: Target, field: &Field, value: &str) -> bool {
        let name = field.name;
        if name == "name" && value.trim().is_empty() {
            self.error("a name cannot be empty: the old name was kept");
            return true;
        }
        if name == "title" && value.trim().is_empty() {
            self.error("the title cannot be empty: the old title was kept");
            return true;
        }
        let value = match field.ty.normalise(value) {
            Ok(value) => value,
            Err(why) => {
                self.error(format!("{}: {why}", field.label));
                return false;
            }
        };
        self.change(target, |m| {
            if let Some(slot) = form::text_mut(m, target, field) {
                *slot = value;
            }
        });
        true
    }

    fn apply_pick(&mut self, target: Target, field: &Field, values: Vec<String>) {
        match field.ty {
            FieldType::Ref { .. } => {
                if let Some(v) = values.first() {
                    self.set_ref(target, field, v);
                }
            }
            FieldType::Refs(_) => {
                self.change(target, |m| {
                    if let Some(slot) = form::list_mut(m, target, field) {
                        // Keep the order already there; new ticks go at the end.
                        let mut kept: Vec<String> = slot.iter().filter(|v| values.contains(v)).cloned().collect();
                        kept.extend(values.iter().filter(|v| !slot.contains(v)).cloned());
                        *slot = kept;
                    }
                });
            }
            _ => {
                if let Some(pos) = values.first().and_then(|v| v.parse::<usize>().ok()) {
                    self.change(target, |m| {
                        form::set_choice(m, target, field, pos);
                    });
                }
            }
        }
    }

    fn set_ref(&mut self, target: Target, field: &Field, value: &str) {
        let changed = self.change(target, |m| {
            if let Some(slot) = form::text_mut(m, target, field) {
                *slot = value.to_string();
            }
        });
        if changed && let Target::Item(ItemKind::Touchpoint, i) = target {
            // The touchpoint moved to another group: keep it selected.
            self.select_item(ItemKind::Touchpoint, i);
        }
    }

    /// Writes an entry typed into a list field: a new one goes after the
    /// selected entry; an edited one emptied is removed.
    fn commit_list_entry(
        &mut self,
        target: Target,
        field: &Field,
        list: &mut ListEdit,
        input: &TextInput,
        is_new: bool,
    ) {
        let value = input.text().trim().to_string();
        let selected = &mut list.selected;
        self.change(target, |m| {
            if let Some(entries) = form::list_mut(m, target, field) {
                if is_new {
                    if !value.is_empty() {
                        let at = (*selected + 1).min(entries.len());
                        let at = if entries.is_empty() { 0 } else { at };
                        entries.insert(at, value);
                        *selected = at;
                    }
                } else if value.is_empty() {
                    if *selected < entries.len() {
                        entries.remove(*selected);
                    }
                } else if *selected < entries.len() {
                    entries[*selected] = value;
                }
            }
        });
    }

    fn list_edit(&mut self, target: Target, field: &Field, mut list: ListEdit, action: Action) -> Option<FieldEdit> {
        let len = form::list(&self.doc.map, target, field).map_or(0, <[String]>::len);
        if let Some((mut input, is_new)) = list.editing.take() {
            match input.handle(action) {
                InputResult::Confirmed => self.commit_list_entry(target, field, &mut list, &input, is_new),
                InputResult::Cancelled => {}
                _ => list.editing = Some((input, is_new)),
            }
            return Some(FieldEdit::List(list));
        }
        match action {
            Action::Cancel => return None,
            Action::Up => list.selected = list.selected.saturating_sub(1),
            Action::Down => list.selected = (list.selected + 1).min(len.saturating_sub(1)),
            Action::Add => list.editing = Some((TextInput::default(), true)),
            Action::Edit => match form::list(&self.doc.map, target, field).and_then(|e| e.get(list.selected)) {
                Some(entry) => list.editing = Some((TextInput::new(entry), false)),
                None => list.editing = Some((TextInput::default(), true)),
            },
            Action::Delete => {
                let selected = &mut list.selected;
                self.change(target, |m| {
                    if let Some(entries) = form::list_mut(m, target, field)
                        && *selected < entries.len()
                    {
                        entries.remove(*selected);
                        *selected = (*selected).min(entries.len().saturating_sub(1));
                    }
                });
            }
            Action::MoveUp | Action::MoveDown => {
                let up = action == Action::MoveUp;
                let selected = &mut list.selected;
                self.change(target, |m| {
                    if let Some(entries) = form::list_mut(m, target, field) {
                        let other = if up {
                            selected.checked_sub(1)
                        } else {
                            Some(*selected + 1).filter(|&o| o < entries.len())
                        };
                        if let Some(other) = other
                            && *selected < entries.len()
                        {
                            entries.swap(*selected, other);
                            *selected = other;
                        }
                    }
                });
            }
            _ => {}
        }
        Some(FieldEdit::List(list))
    }

    /// Shows the item a finding is about in its view (the Overview for the journey as a whole).
    pub(crate) fn go_to_finding(&mut self, n: usize) {
        let Some(finding) = self.findings().get(n).cloned() else {
            return;
        };
        match finding.item {
            Some((kind, id)) => match self.doc.finding_item(n) {
                Some((index, _)) => self.go_to(kind, index),
                None => self.info(format!("{} `{}` is no longer in the map", kind.noun(), sanitize(&id))),
            },
            None => self.tab = Tab::Overview,
        }
    }

    /// Switches to the view of an item and selects it.
    pub fn go_to(&mut self, kind: ItemKind, index: usize) {
        self.tab = Tab::for_kind(kind);
        self.select_item(kind, index);
    }

    /// After adding an item: its form opens on the field after the name.
    pub(crate) fn added(&mut self, kind: ItemKind, index: usize) -> Mode {
        let name = self
            .doc
            .map
            .ids_and_names(kind)
            .get(index)
            .map(|(_, n)| sanitize(n).into_owned())
            .unwrap_or_default();
        self.info(format!(
            "added {} “{name}”: fill in its fields, Esc when done",
            kind.noun()
        ));
        let field = if kind == ItemKind::Touchpoint { 2 } else { 1 };
        let field = field.min(form::fields(Target::Item(kind, index)).len() - 1);
        Mode::Form(Box::new(Form {
            target: Target::Item(kind, index),
            field,
            edit: None,
        }))
    }
}
