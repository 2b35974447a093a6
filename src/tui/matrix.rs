//! The Matrix view's keys: moving the cell cursor, planning a tactic at a
//! stage, adding a touchpoint at a cell, filtering and transposing.

use crate::analysis::MatrixFilter;
use crate::model::{Item, ItemKind, Stage, Target as ModelTarget};
use crate::text::sanitize;

use super::action::Action;
use super::app::{App, Mode, Tab};
use super::form::Target;
use super::popups::{self, AddName};
use super::widgets::PickList;

use super::matrix_state::MatrixCache;

/// Whether a change to an item of `kind` can change what the matrix holds:
/// its rows, columns, cells, planned tactics or filters.
fn shown_in_matrix(kind: ItemKind) -> bool {
    matches!(
        kind,
        ItemKind::Stage
            | ItemKind::Tactic
            | ItemKind::Touchpoint
            | ItemKind::Persona
            | ItemKind::Segment
            | ItemKind::Campaign
    )
}

impl App {
    /// The matrix of the map as it is now, under the view's filter; built only
    /// when the map or the filter changed since the last call. A filter naming
    /// an item that no longer exists is dropped.
    pub fn matrix_cache(&mut self) -> Option<&MatrixCache> {
        let text = self.name_filter[Tab::Matrix.index()].to_lowercase();
        let fresh = self.matrix_cache.as_ref().is_some_and(|c| {
            c.generation == self.doc.generation && *c.matrix.filter() == self.matrix.filter && c.text == text
        });
        if !fresh && !self.follow_matrix_edits(&text) {
            let mut built = MatrixCache::build(&self.doc.map, self.doc.generation, &self.matrix.filter, &text);
            if built.is_none() {
                self.matrix.filter = MatrixFilter::default();
                built = MatrixCache::build(&self.doc.map, self.doc.generation, &self.matrix.filter, &text);
            }
            self.matrix_cache = built;
            self.clamp_matrix_cursor();
        }
        self.matrix_cache.as_ref()
    }

    /// Brings the matrix up to the map's latest edits without building it
    /// again when they changed nothing it shows (names of touchpoints, the
    /// map's own fields, kinds it does not show) or only which tactics
    /// stages plan; false when it must be built again.
    fn follow_matrix_edits(&mut self, text: &str) -> bool {
        let doc = &self.doc;
        let Some(cache) = self.matrix_cache.as_mut() else {
            return false;
        };
        if *cache.matrix.filter() != self.matrix.filter || cache.text != text {
            return false;
        }
        let Some(edits) = doc.edits_since(cache.generation) else {
            return false;
        };
        let mut replan = false;
        for (edit, _) in edits {
            let Some(changes) = edit.changes_in_place() else {
                return false;
            };
            for change in changes {
                match change {
                    (ModelTarget::Map, ..) => {}
                    (ModelTarget::Item(ItemKind::Touchpoint, _), Item::Touchpoint(a), Item::Touchpoint(b))
                        if a.stage == b.stage && a.tactics == b.tactics && a.personas == b.personas => {}
                    (ModelTarget::Item(ItemKind::Stage, _), Item::Stage(a), Item::Stage(b))
                        if Stage {
                            tactics: b.tactics.clone(),
                            ..Stage::clone(a)
                        } == **b =>
                    {
                        replan = true;
                    }
                    (ModelTarget::Item(kind, _), ..) if !shown_in_matrix(kind) => {}
                    _ => return false,
                }
            }
        }
        if replan && !cache.matrix.replan(&doc.map) {
            return false;
        }
        cache.generation = doc.generation;
        true
    }

    /// The matrix as [`App::matrix_cache`] last built it (which
    /// [`App::prepare`] calls before every frame): for drawing.
    pub fn prepared_matrix(&self) -> Option<&MatrixCache> {
        self.matrix_cache.as_ref()
    }

    /// `(stage index, tactic index)` under the cursor, as prepared for drawing.
    pub fn cursor_cell(&self) -> Option<(usize, usize)> {
        let cache = self.prepared_matrix()?;
        let m = &cache.matrix;
        let (row, col) = (self.matrix.row, self.matrix.col);
        (!cache.visible.is_empty() && row < m.row_count() && col < m.stage_count()).then(|| (col, m.tactic_at(row)))
    }

    fn clamp_matrix_cursor(&mut self) {
        let Some(cache) = &self.matrix_cache else {
            return;
        };
        let m = &cache.matrix;
        // On a shown row: the nearest one when a filter hid the cursor's.
        if let Some(&row) = cache.visible.get(cache.position_of(self.matrix.row)) {
            self.matrix.row = row;
        }
        self.matrix.col = self.matrix.col.min(m.stage_count().saturating_sub(1));
        let n = self.matrix_cell_touchpoints().len();
        self.matrix.touchpoint = self.matrix.touchpoint.min(n.saturating_sub(1));
    }

    /// Positions of the touchpoints in the cell under the cursor.
    pub fn matrix_cell_touchpoints(&self) -> &[usize] {
        match &self.matrix_cache {
            Some(c) if !c.visible.is_empty() && c.matrix.stage_count() > 0 => {
                c.matrix.cell(self.matrix.row, self.matrix.col).touchpoints
            }
            _ => &[],
        }
    }

    /// The touchpoint selected in the cell under the cursor.
    pub fn matrix_touchpoint(&self) -> Option<usize> {
        self.matrix_cell_touchpoints().get(self.matrix.touchpoint).copied()
    }

    /// `(stage index, tactic index)` under the cursor.
    pub fn matrix_position(&mut self) -> Option<(usize, usize)> {
        let state = (self.matrix.row, self.matrix.col);
        let cache = self.matrix_cache()?;
        let m = &cache.matrix;
        (!cache.visible.is_empty() && state.0 < m.row_count() && state.1 < m.stage_count())
            .then(|| (state.1, m.tactic_at(state.0)))
    }

    /// Moves the cursor by rows and columns as shown on screen.
    fn matrix_move(&mut self, down: isize, right: isize) {
        let transpose = self.matrix.transpose;
        let (current_row, current_col) = (self.matrix.row, self.matrix.col);
        let Some(cache) = self.matrix_cache() else {
            return;
        };
        let (d_row, d_col) = if transpose { (right, down) } else { (down, right) };
        let step = |v: usize, d: isize, n: usize| (v as isize + d).clamp(0, n.saturating_sub(1) as isize) as usize;
        // Rows move among the shown ones.
        let position = step(cache.position_of(current_row), d_row, cache.visible.len());
        let row = cache.visible.get(position).copied();
        let col = step(current_col, d_col, cache.matrix.stage_count());
        if let Some(row) = row {
            self.matrix.row = row;
        }
        self.matrix.col = col;
        self.matrix.touchpoint = 0;
    }

    /// Keys of the Matrix view; false when the key is not the view's own.
    pub(crate) fn matrix_key(&mut self, action: Action) -> bool {
        const FAR: isize = isize::MAX / 4;
        let page = self.matrix.page_lines.max(1) as isize;
        match action {
            Action::Up => self.matrix_move(-1, 0),
            Action::Down => self.matrix_move(1, 0),
            Action::Left => self.matrix_move(0, -1),
            Action::Right => self.matrix_move(0, 1),
            Action::PageUp => self.matrix_move(-page, 0),
            Action::PageDown => self.matrix_move(page, 0),
            Action::Top => self.matrix_move(-FAR, 0),
            Action::Bottom => self.matrix_move(FAR, 0),
            Action::Home => self.matrix_move(0, -FAR),
            Action::End => self.matrix_move(0, FAR),
            Action::NextItem | Action::PrevItem => {
                let n = self.matrix_cell_touchpoints().len();
                if n > 0 {
                    let t = self.matrix.touchpoint;
                    self.matrix.touchpoint = if action == Action::NextItem {
                        (t + 1) % n
                    } else {
                        (t + n - 1) % n
                    };
                }
            }
            Action::Transpose => {
                self.matrix.transpose = !self.matrix.transpose;
                self.matrix.line_offset = 0;
                self.matrix.col_offset = 0;
                self.info(if self.matrix.transpose {
                    "transposed: stages are rows, tactics columns (t again turns it back)"
                } else {
                    "stages are columns, tactics rows"
                });
            }
            Action::Edit => match self.matrix_touchpoint() {
                Some(i) => {
                    self.mode = Mode::Form(Box::new(super::app::Form {
                        target: Target::Item(ItemKind::Touchpoint, i),
                        field: 0,
                        edit: None,
                    }))
                }
                None => self.info("no touchpoint in this cell: a adds one here"),
            },
            Action::Add => match self.matrix_position() {
                Some((stage, tactic)) => {
                    let place = Some((
                        self.doc.map.stages[stage].id.clone(),
                        self.doc.map.tactics[tactic].id.clone(),
                    ));
                    self.mode = Mode::popup(AddName::new(ItemKind::Touchpoint, place));
                }
                None => self.info("the matrix needs stages and tactics: add them in views 2 and 7"),
            },
            Action::Toggle => self.toggle_plan(),
            Action::FilterStage => {
                let mut options = vec![(String::new(), "(everyone: no filter)".to_string())];
                for p in &self.doc.map.personas {
                    options.push((format!("persona:{}", p.id), format!("Persona: {}", p.name)));
                }
                for s in &self.doc.map.segments {
                    options.push((format!("segment:{}", s.id), format!("Segment: {}", s.name)));
                }
                for c in &self.doc.map.campaigns {
                    options.push((format!("campaign:{}", c.id), format!("Campaign: {}", c.name)));
                }
                let f = &self.matrix.filter;
                let current = match (&f.persona, &f.segment, &f.campaign) {
                    (Some(p), _, _) => format!("persona:{p}"),
                    (None, Some(s), _) => format!("segment:{s}"),
                    (None, None, Some(c)) => format!("campaign:{c}"),
                    _ => String::new(),
                };
                self.mode = Mode::popup(popups::MatrixFilter {
                    pick: PickList::new("show touchpoints for", options, false, &[current]),
                });
            }
            Action::ClearFilter => {
                let text = !self.name_filter[Tab::Matrix.index()].is_empty();
                if !self.matrix.filter.is_empty() || text {
                    self.matrix.filter = MatrixFilter::default();
                    self.name_filter[Tab::Matrix.index()].clear();
                    self.info("filters cleared: every tactic and every touchpoint");
                }
            }
            _ => return false,
        }
        true
    }

    /// Applies the choice of the filter pick list (`persona:ID`, `segment:ID`,
    /// `campaign:ID` or none).
    pub(crate) fn set_matrix_filter(&mut self, value: &str) {
        let mut filter = MatrixFilter::default();
        if let Some(id) = value.strip_prefix("persona:") {
            filter.persona = Some(id.to_string());
        } else if let Some(id) = value.strip_prefix("segment:") {
            filter.segment = Some(id.to_string());
        } else if let Some(id) = value.strip_prefix("campaign:") {
            filter.campaign = Some(id.to_string());
        }
        self.matrix.filter = filter;
        self.matrix.touchpoint = 0;
    }

    /// Whether the stage under the cursor plans the tactic under it: toggled, as one undoable edit.
    fn toggle_plan(&mut self) {
        let Some((stage, tactic)) = self.matrix_position() else {
            return;
        };
        let id = self.doc.map.tactics[tactic].id.clone();
        let planned = self.doc.map.stages[stage].tactics.contains(&id);
        self.change(Target::Item(ItemKind::Stage, stage), |m| {
            let list = &mut m.stages[stage].tactics;
            if planned {
                list.retain(|t| *t != id);
            } else {
                list.push(id.clone());
            }
        });
        let (s, t) = (
            sanitize(&self.doc.map.stages[stage].name).into_owned(),
            sanitize(&self.doc.map.tactics[tactic].name).into_owned(),
        );
        self.info(if planned {
            format!("“{s}” no longer plans “{t}” (u undoes)")
        } else {
            format!("“{s}” now plans “{t}” (u undoes)")
        });
    }

    /// Adds a touchpoint at a stage with a tactic (from the matrix), keeping the cursor on its cell.
    pub(crate) fn add_placed(&mut self, name: &str, stage: String, tactic: String) {
        let taken: std::collections::HashSet<&str> = self.doc.map.touchpoints.iter().map(|t| t.id.as_str()).collect();
        let id = crate::model::unique_id(name, "touchpoint", |c| taken.contains(c));
        let item = crate::model::Item::Touchpoint(Box::new(crate::model::Touchpoint {
            id,
            name: name.to_string(),
            stage,
            tactics: vec![tactic],
            ..Default::default()
        }));
        let index = self.insert_item(ItemKind::Touchpoint, item);
        // Select the new touchpoint in its cell.
        if let Some(pos) = self
            .matrix_cache()
            .map(|_| ())
            .and_then(|()| self.matrix_cell_touchpoints().iter().position(|&t| t == index))
        {
            self.matrix.touchpoint = pos;
        }
        let shown = sanitize(name).into_owned();
        self.info(format!("added touchpoint “{shown}” here (Enter edits it, u undoes)"));
    }
}
