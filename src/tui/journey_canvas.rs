//! The canvas the Journey view draws, kept across the edits that leave
//! most of it as it was.

use std::collections::HashMap;

use super::document::Document;
use crate::analysis::canvas::{Canvas, Cell, ENTRIES_SHOWN, Entry, LaneKind, LaneRow, fill_lanes};
use crate::model::edit::Step;
use crate::model::typed::Period;
use crate::model::{Item, ItemKind, JourneyMap, Target};

/// The journey canvas the Journey view draws, kept across edits.
///
/// Each lane is laid out from the items of its kinds only (`fill_lanes`),
/// so an edit to pain points lays out the pain points again and nothing
/// else. The Touchpoints lane, the one that grows with the map, is kept
/// item by item: per stage, how many touchpoints it has and the positions
/// of the first ones, whose names the lane shows. A touchpoint renamed
/// changes the lane only when it is one of those; one added, removed or
/// moved shifts positions and counts; a stage whose shown touchpoints lost
/// one takes the next ones from a look through the touchpoints that stops
/// as soon as every such stage has its share. Stages added, removed, moved
/// or given another id, and a map replaced, lay the canvas out afresh: one
/// pass over the touchpoints.
#[derive(Debug, Default)]
pub(crate) struct JourneyCanvas {
    /// The map generation and the day the canvas is of; `None` before the
    /// first lay-out.
    of: Option<(u64, Period)>,
    canvas: Canvas,
    /// The column of each stage id (the first stage with it, as the canvas
    /// places items).
    column_of: HashMap<String, usize>,
    /// Per column: how many touchpoints are at the stage.
    counts: Vec<usize>,
    /// Per column: the positions of the touchpoints the lane names, in file
    /// order: the first `ENTRIES_SHOWN` of the stage.
    shown: Vec<Vec<usize>>,
}

/// What following edits found out of date.
#[derive(Default)]
struct Stale {
    /// Lanes to lay out again from their items.
    lanes: Vec<LaneKind>,
    /// Columns whose shown touchpoints must be looked for again.
    columns: Vec<bool>,
    /// The Touchpoints lane's names or counts changed.
    touchpoints: bool,
}

impl Stale {
    fn lanes(&mut self, lanes: &[LaneKind]) {
        for lane in lanes {
            if !self.lanes.contains(lane) {
                self.lanes.push(*lane);
            }
        }
    }
}

impl JourneyCanvas {
    /// The canvas as last laid out (drawing reads it; [`Self::refresh`]
    /// runs before each frame of the Journey view).
    pub(crate) fn canvas(&self) -> &Canvas {
        &self.canvas
    }

    /// Brings the canvas up to the map of `doc` as it is now, judged on
    /// `today`.
    pub(crate) fn refresh(&mut self, doc: &Document, today: Period) {
        let generation = doc.generation;
        match self.of {
            Some(of) if of == (generation, today) => return,
            Some((laid_out, day)) => {
                if !self.follow(doc, laid_out, day != today, today) {
                    self.lay_out(&doc.map, today);
                }
            }
            None => self.lay_out(&doc.map, today),
        }
        self.of = Some((generation, today));
    }

    /// Lays the whole canvas out from `map`.
    fn lay_out(&mut self, map: &JourneyMap, today: Period) {
        self.column_of.clear();
        for (n, stage) in map.stages.iter().enumerate() {
            self.column_of.entry(stage.id.clone()).or_insert(n);
        }
        let stages = map.stages.len();
        self.canvas.stages = map.stages.iter().map(|s| (s.id.clone(), s.name.clone())).collect();
        self.canvas.rows = LaneKind::ALL
            .iter()
            .map(|&lane| LaneRow {
                lane,
                cells: vec![Cell::default(); stages],
            })
            .collect();
        let others: Vec<LaneKind> = LaneKind::ALL
            .into_iter()
            .filter(|&lane| lane != LaneKind::Touchpoints)
            .collect();
        let column_of = &self.column_of;
        fill_lanes(
            map,
            &others,
            &mut self.canvas.rows,
            &|id| column_of.get(id).copied(),
            ENTRIES_SHOWN,
            today,
        );
        self.counts = vec![0; stages];
        self.shown = vec![Vec::new(); stages];
        for (position, touchpoint) in map.touchpoints.iter().enumerate() {
            if let Some(&column) = self.column_of.get(&touchpoint.stage) {
                self.counts[column] += 1;
                if self.shown[column].len() < ENTRIES_SHOWN {
                    self.shown[column].push(position);
                }
            }
        }
        self.name_touchpoints(map);
    }

    /// Follows the edits since generation `laid_out` (and a new day when
    /// `new_day`); false when one of them cannot be followed (lay out
    /// afresh then).
    fn follow(&mut self, doc: &Document, laid_out: u64, new_day: bool, today: Period) -> bool {
        let Some(edits) = doc.edits_since(laid_out) else {
            return false;
        };
        let map = &doc.map;
        let mut stale = Stale {
            columns: vec![false; self.counts.len()],
            ..Stale::default()
        };
        if new_day {
            // Goals are overdue or not as of the day.
            stale.lanes(&[LaneKind::Kpis]);
        }
        for (edit, forward) in edits {
            for step in edit.steps(forward) {
                if !self.follow_step(step, &mut stale) {
                    return false;
                }
            }
        }
        let column_of = &self.column_of;
        if !stale.lanes.is_empty() {
            fill_lanes(
                map,
                &stale.lanes,
                &mut self.canvas.rows,
                &|id| column_of.get(id).copied(),
                ENTRIES_SHOWN,
                today,
            );
        }
        let again = stale.columns.iter().any(|&c| c);
        if again {
            self.look_again(map, &stale.columns);
        }
        if again || stale.touchpoints {
            self.name_touchpoints(map);
        }
        true
    }

    /// Follows one step of an edit; false when it changed the stages (their
    /// number, order or ids) or replaced the map.
    fn follow_step(&mut self, step: Step, stale: &mut Stale) -> bool {
        match step {
            Step::Changed(Target::Map, ..) => true,
            Step::Changed(Target::Item(ItemKind::Stage, n), Item::Stage(before), Item::Stage(after)) => {
                if before.id != after.id {
                    return false;
                }
                if let Some(stage) = self.canvas.stages.get_mut(n) {
                    stage.1.clone_from(&after.name);
                }
                stale.lanes(LaneKind::of_kind(ItemKind::Stage));
                true
            }
            Step::Changed(
                Target::Item(ItemKind::Touchpoint, position),
                Item::Touchpoint(before),
                Item::Touchpoint(after),
            ) => {
                if before.stage != after.stage {
                    self.leave(position, &before.stage, stale);
                    self.arrive(position, &after.stage, stale);
                } else if before.name != after.name
                    && self
                        .column(&after.stage)
                        .is_some_and(|c| self.shown[c].contains(&position))
                {
                    stale.touchpoints = true;
                }
                true
            }
            Step::Inserted(ItemKind::Touchpoint, position, Item::Touchpoint(t)) => {
                for shown in &mut self.shown {
                    for p in shown.iter_mut().filter(|p| **p >= position) {
                        *p += 1;
                    }
                }
                self.arrive(position, &t.stage, stale);
                true
            }
            Step::Removed(ItemKind::Touchpoint, position, Item::Touchpoint(t)) => {
                self.leave(position, &t.stage, stale);
                for shown in &mut self.shown {
                    for p in shown.iter_mut().filter(|p| **p > position) {
                        *p -= 1;
                    }
                }
                true
            }
            Step::Swapped(ItemKind::Touchpoint, a, b) => {
                // How many each stage has stays; which come first may not,
                // wherever a shown one moved or one moved ahead of the last
                // shown (the stages of the two are not known here).
                let first = a.min(b);
                for (column, shown) in self.shown.iter().enumerate() {
                    let ahead = shown.len() == ENTRIES_SHOWN && shown.last().is_some_and(|&last| last > first);
                    if ahead || shown.contains(&a) || shown.contains(&b) {
                        stale.columns[column] = true;
                    }
                }
                true
            }
            Step::Changed(Target::Item(ItemKind::Stage, _), ..)
            | Step::Inserted(ItemKind::Stage, ..)
            | Step::Removed(ItemKind::Stage, ..)
            | Step::Swapped(ItemKind::Stage, ..)
            | Step::Replaced => false,
            // A touchpoint step whose items are not touchpoints: not an
            // edit the workbench makes; lay out afresh.
            Step::Changed(Target::Item(ItemKind::Touchpoint, _), ..)
            | Step::Inserted(ItemKind::Touchpoint, ..)
            | Step::Removed(ItemKind::Touchpoint, ..) => false,
            Step::Changed(Target::Item(kind, _), ..)
            | Step::Inserted(kind, ..)
            | Step::Removed(kind, ..)
            | Step::Swapped(kind, ..) => {
                stale.lanes(LaneKind::of_kind(kind));
                true
            }
        }
    }

    fn column(&self, stage: &str) -> Option<usize> {
        self.column_of.get(stage).copied()
    }

    /// The touchpoint at `position` no longer counts at `stage`.
    fn leave(&mut self, position: usize, stage: &str, stale: &mut Stale) {
        let Some(column) = self.column(stage) else { return };
        self.counts[column] = self.counts[column].saturating_sub(1);
        stale.touchpoints = true;
        let shown = &mut self.shown[column];
        if let Some(at) = shown.iter().position(|&p| p == position) {
            shown.remove(at);
            // The next touchpoint of the stage, if there is one, comes up.
            if self.counts[column] >= ENTRIES_SHOWN {
                stale.columns[column] = true;
            }
        }
    }

    /// The touchpoint at `position` (those after it already moved down)
    /// counts at `stage`.
    fn arrive(&mut self, position: usize, stage: &str, stale: &mut Stale) {
        let Some(column) = self.column(stage) else { return };
        self.counts[column] += 1;
        stale.touchpoints = true;
        if stale.columns[column] {
            // Looked for again in the end anyway.
            return;
        }
        let shown = &mut self.shown[column];
        // The shown ones are every touchpoint of the stage, or its first
        // ones: the new one is among them when it comes before the last.
        if shown.len() < ENTRIES_SHOWN || shown.last().is_some_and(|&last| position < last) {
            let at = shown.partition_point(|&p| p < position);
            shown.insert(at, position);
            shown.truncate(ENTRIES_SHOWN);
        }
    }

    /// Looks for the first touchpoints of the `stale` columns again, from
    /// the start of the list, stopping once each has as many as it shows.
    fn look_again(&mut self, map: &JourneyMap, stale: &[bool]) {
        let mut missing = 0;
        for (column, &again) in stale.iter().enumerate() {
            if again {
                self.shown[column].clear();
                missing += self.counts[column].min(ENTRIES_SHOWN);
            }
        }
        for (position, touchpoint) in map.touchpoints.iter().enumerate() {
            if missing == 0 {
                break;
            }
            let Some(column) = self.column(&touchpoint.stage) else {
                continue;
            };
            if stale[column] && self.shown[column].len() < ENTRIES_SHOWN.min(self.counts[column]) {
                self.shown[column].push(position);
                missing -= 1;
            }
        }
    }

    /// Writes the Touchpoints lane from the positions and counts kept.
    fn name_touchpoints(&mut self, map: &JourneyMap) {
        let Some(row) = self
            .canvas
            .rows
            .iter_mut()
            .find(|row| row.lane == LaneKind::Touchpoints)
        else {
            return;
        };
        for (column, cell) in row.cells.iter_mut().enumerate() {
            let shown = &self.shown[column];
            cell.entries = shown
                .iter()
                .filter_map(|&p| map.touchpoints.get(p))
                .map(|t| Entry {
                    text: t.name.clone(),
                    assumed: false,
                })
                .collect();
            cell.more = self.counts[column].saturating_sub(cell.entries.len());
        }
    }
}
