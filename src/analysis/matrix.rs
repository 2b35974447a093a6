//! The stage-by-tactic matrix: columns are the stages in journey order, rows
//! the tactics grouped by discipline; a cell holds the touchpoints at that
//! stage that use that tactic, and knows whether the stage plans the tactic.
//!
//! Filters keep only the touchpoints aimed at a persona or at a segment. A
//! touchpoint with no personas is aimed at everyone, so it matches every
//! filter: filtering by "students" still shows the radio spot everyone hears.
//! A campaign filter keeps only the touchpoints the campaign uses.
//!
//! Building is linear in the size of the map (touchpoints + stages × tactics),
//! and cells keep their touchpoints in one flat array (compressed rows), so a
//! map of 50,000 touchpoints costs a few allocations, not 50,000.

use std::fmt;
use std::ops::Range;

use crate::model::{ItemKind, JourneyMap, MapIndex};

/// The discipline under which tactics without one are grouped.
pub const OTHER_DISCIPLINE: &str = "Other";

/// Which touchpoints count. Several filters may be set; a touchpoint must match each.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MatrixFilter {
    /// Only touchpoints aimed at this persona (or at everyone).
    pub persona: Option<String>,
    /// Only touchpoints aimed at a persona of this segment (or at everyone).
    pub segment: Option<String>,
    /// Only the touchpoints this campaign uses.
    pub campaign: Option<String>,
}

impl MatrixFilter {
    pub fn is_empty(&self) -> bool {
        self.persona.is_none() && self.segment.is_none() && self.campaign.is_none()
    }
}

/// A filter named an id the map does not have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownFilterId {
    pub kind: ItemKind,
    pub id: String,
    /// Every id of that kind the map has, in file order.
    pub valid: Vec<String>,
}

impl fmt::Display for UnknownFilterId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the map has no {} `{}`", self.kind.noun(), self.id)
    }
}

impl std::error::Error for UnknownFilterId {}

/// What a cell shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellState {
    /// This many touchpoints at the stage use the tactic.
    Carried(usize),
    /// The stage plans the tactic, but no touchpoint carries it yet.
    Planned,
    /// Neither planned nor carried.
    Empty,
}

/// One cell: its state and the positions (in `map.touchpoints`) of its touchpoints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell<'m> {
    pub state: CellState,
    /// True when the stage lists the tactic in its plan (carried or not).
    pub planned: bool,
    pub touchpoints: &'m [usize],
}

/// Consecutive rows whose tactics share a discipline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatrixGroup {
    pub discipline: String,
    pub rows: Range<usize>,
}

/// The matrix of one map under one filter. It holds positions into the map's
/// lists, not copies, so it pairs with the map it was built from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matrix {
    /// Number of columns: one per stage, `map.stages[column]`.
    stage_count: usize,
    /// Position in `map.tactics` of the tactic on each row, in display order.
    rows: Vec<usize>,
    groups: Vec<MatrixGroup>,
    /// Row-major, `rows.len() × stage_count`: whether the stage plans the tactic.
    planned: Vec<bool>,
    /// Cell `i` holds `cell_touchpoints[cell_starts[i]..cell_starts[i + 1]]`.
    cell_starts: Vec<usize>,
    cell_touchpoints: Vec<usize>,
    /// Touchpoints matching the filter at each stage (with or without tactics).
    stage_starts: Vec<usize>,
    stage_touchpoints: Vec<usize>,
    filter: MatrixFilter,
}

impl Matrix {
    /// Builds the matrix, or says which filter id the map lacks.
    pub fn build(map: &JourneyMap, filter: &MatrixFilter) -> Result<Matrix, UnknownFilterId> {
        // Touchpoints are looked up by id only for a campaign's filter.
        let mut kinds = vec![ItemKind::Stage, ItemKind::Tactic, ItemKind::Persona, ItemKind::Segment];
        if filter.campaign.is_some() {
            kinds.extend([ItemKind::Campaign, ItemKind::Touchpoint]);
        }
        let index = MapIndex::of_kinds(map, &kinds);
        let persona_filter = match &filter.persona {
            Some(id) => Some(index.persona(id).ok_or_else(|| unknown(map, ItemKind::Persona, id))?),
            None => None,
        };
        let segment_filter = match &filter.segment {
            Some(id) => Some(index.segment(id).ok_or_else(|| unknown(map, ItemKind::Segment, id))?),
            None => None,
        };
        let campaign_uses: Option<Vec<bool>> = match &filter.campaign {
            Some(id) => {
                let campaign = index
                    .position(ItemKind::Campaign, id)
                    .ok_or_else(|| unknown(map, ItemKind::Campaign, id))?;
                let mut uses = vec![false; map.touchpoints.len()];
                for t in &map.campaigns[campaign].touchpoints {
                    if let Some(position) = index.position(ItemKind::Touchpoint, t) {
                        uses[position] = true;
                    }
                }
                Some(uses)
            }
            None => None,
        };
        // Per persona: does it pass the filters? Computed once, so that each
        // touchpoint costs only a look-up per persona it lists.
        let persona_passes: Vec<bool> = map
            .personas
            .iter()
            .enumerate()
            .map(|(position, persona)| {
                persona_filter.is_none_or(|p| p == position)
                    && segment_filter.is_none_or(|s| index.segment(&persona.segment) == Some(s))
            })
            .collect();
        let touchpoint_passes = |personas: &[String]| {
            personas.is_empty()
                || personas
                    .iter()
                    .any(|id| index.persona(id).is_some_and(|p| persona_passes[p]))
        };

        let (rows, groups) = group_rows(map);
        let mut row_of_tactic = vec![usize::MAX; map.tactics.len()];
        for (row, &tactic) in rows.iter().enumerate() {
            row_of_tactic[tactic] = row;
        }
        let stage_count = map.stages.len();
        let cell_count = rows.len() * stage_count;

        let planned = planned_cells(map, &index, &row_of_tactic);

        // The touchpoints that count, with their stage, in file order.
        let matching: Vec<(usize, usize)> = map
            .touchpoints
            .iter()
            .enumerate()
            .filter(|(position, t)| {
                campaign_uses.as_ref().is_none_or(|uses| uses[*position]) && touchpoint_passes(&t.personas)
            })
            .filter_map(|(position, t)| index.stage(&t.stage).map(|stage| (position, stage)))
            .collect();

        // Cells of one touchpoint, without repeats (an unvalidated map may list a tactic twice).
        let cells_of = |position: usize, stage: usize, out: &mut Vec<usize>| {
            out.clear();
            for tactic in map.touchpoints[position]
                .tactics
                .iter()
                .filter_map(|id| index.tactic(id))
            {
                let cell = row_of_tactic[tactic] * stage_count + stage;
                if !out.contains(&cell) {
                    out.push(cell);
                }
            }
        };
        // Each matching touchpoint's cells, resolved once for both passes.
        let mut scratch = Vec::new();
        let mut cells = Vec::with_capacity(matching.len() * 2);
        let mut cells_end = Vec::with_capacity(matching.len());
        let mut cell_counts = vec![0usize; cell_count];
        let mut stage_counts = vec![0usize; stage_count];
        for &(position, stage) in &matching {
            stage_counts[stage] += 1;
            cells_of(position, stage, &mut scratch);
            for &cell in &scratch {
                cell_counts[cell] += 1;
            }
            cells.extend_from_slice(&scratch);
            cells_end.push(cells.len());
        }
        let cell_starts = prefix_sums(&cell_counts);
        let stage_starts = prefix_sums(&stage_counts);
        let mut cell_touchpoints = vec![0; cell_starts[cell_count]];
        let mut stage_touchpoints = vec![0; stage_starts[stage_count]];
        let mut cell_fill = cell_starts.clone();
        let mut stage_fill = stage_starts.clone();
        let mut cells_start = 0;
        for (&(position, stage), &end) in matching.iter().zip(&cells_end) {
            stage_touchpoints[stage_fill[stage]] = position;
            stage_fill[stage] += 1;
            for &cell in &cells[cells_start..end] {
                cell_touchpoints[cell_fill[cell]] = position;
                cell_fill[cell] += 1;
            }
            cells_start = end;
        }

        Ok(Matrix {
            stage_count,
            rows,
            groups,
            planned,
            cell_starts,
            cell_touchpoints,
            stage_starts,
            stage_touchpoints,
            filter: filter.clone(),
        })
    }

    /// The filter the matrix was built with.
    pub fn filter(&self) -> &MatrixFilter {
        &self.filter
    }

    /// Number of stage columns; column `c` is `map.stages[c]`.
    pub fn stage_count(&self) -> usize {
        self.stage_count
    }

    /// Number of tactic rows.
    pub fn row_count(&self) -> usize {
        self.rows.len()
    }

    /// Position in `map.tactics` of the tactic on `row`.
    pub fn tactic_at(&self, row: usize) -> usize {
        self.rows[row]
    }

    /// Tactic positions in display order (grouped by discipline).
    pub fn rows(&self) -> &[usize] {
        &self.rows
    }

    /// The discipline groups, in display order; their rows cover every row once.
    pub fn groups(&self) -> &[MatrixGroup] {
        &self.groups
    }

    /// The cell at `row`, `column`.
    ///
    /// # Panics
    /// When `row` or `column` is out of range.
    pub fn cell(&self, row: usize, column: usize) -> Cell<'_> {
        assert!(column < self.stage_count, "stage column {column} out of range");
        let i = row * self.stage_count + column;
        let touchpoints = &self.cell_touchpoints[self.cell_starts[i]..self.cell_starts[i + 1]];
        let planned = self.planned[i];
        let state = match (touchpoints.len(), planned) {
            (0, true) => CellState::Planned,
            (0, false) => CellState::Empty,
            (n, _) => CellState::Carried(n),
        };
        Cell {
            state,
            planned,
            touchpoints,
        }
    }

    /// The cell at `row`, `column`, or `None` outside the matrix.
    pub fn get(&self, row: usize, column: usize) -> Option<Cell<'_>> {
        (row < self.rows.len() && column < self.stage_count).then(|| self.cell(row, column))
    }

    /// Positions of the touchpoints (matching the filter) at a stage, in file
    /// order, including those that use no tactic.
    pub fn stage_touchpoints(&self, column: usize) -> &[usize] {
        &self.stage_touchpoints[self.stage_starts[column]..self.stage_starts[column + 1]]
    }

    /// Distinct touchpoints at a stage: a touchpoint using two tactics counts once.
    pub fn stage_total(&self, column: usize) -> usize {
        self.stage_touchpoints(column).len()
    }

    /// Touchpoints using the tactic on `row`, across all stages.
    pub fn tactic_total(&self, row: usize) -> usize {
        let start = row * self.stage_count;
        self.cell_starts[start + self.stage_count] - self.cell_starts[start]
    }

    /// Distinct touchpoints matching the filter, across all stages.
    pub fn total(&self) -> usize {
        self.stage_touchpoints.len()
    }
}

fn unknown(map: &JourneyMap, kind: ItemKind, id: &str) -> UnknownFilterId {
    UnknownFilterId {
        kind,
        id: id.to_string(),
        valid: map
            .ids_and_names(kind)
            .into_iter()
            .map(|(id, _)| id.to_string())
            .collect(),
    }
}

/// `[0, c0, c0+c1, ...]`: where each bucket starts in a flat array.
fn prefix_sums(counts: &[usize]) -> Vec<usize> {
    let mut starts = Vec::with_capacity(counts.len() + 1);
    let mut sum = 0;
    starts.push(0);
    for count in counts {
        sum += count;
        starts.push(sum);
    }
    starts
}

/// Rows in display order and their groups: disciplines in the order they
/// first appear in the tactic list, tactics in list order within each, and
/// tactics without a discipline last, under [`OTHER_DISCIPLINE`]. Disciplines
/// differing only in case or surrounding spaces are one group.
impl Matrix {
    /// Reads again which tactics each stage plans, after changes to the
    /// stages' planned tactics only (the rest of the matrix stays as built):
    /// the cost of the stages' lists, not of the touchpoints. False (and
    /// nothing changed) when the map has other stages or tactics than the
    /// matrix was built from: build it again then.
    pub fn replan(&mut self, map: &JourneyMap) -> bool {
        let index = MapIndex::of_kinds(map, &[ItemKind::Tactic]);
        let mut row_of_tactic = vec![usize::MAX; map.tactics.len()];
        for (row, &tactic) in self.rows.iter().enumerate() {
            if let Some(slot) = row_of_tactic.get_mut(tactic) {
                *slot = row;
            }
        }
        if map.stages.len() != self.stage_count || map.tactics.len() != self.rows.len() {
            return false;
        }
        self.planned = planned_cells(map, &index, &row_of_tactic);
        true
    }
}

/// Row-major, `rows × stages`: whether each stage plans each row's tactic.
fn planned_cells(map: &JourneyMap, index: &MapIndex, row_of_tactic: &[usize]) -> Vec<bool> {
    let stage_count = map.stages.len();
    let mut planned = vec![false; row_of_tactic.len() * stage_count];
    for (column, stage) in map.stages.iter().enumerate() {
        for tactic in stage.tactics.iter().filter_map(|id| index.tactic(id)) {
            let cell = row_of_tactic[tactic]
                .checked_mul(stage_count)
                .map(|start| start + column);
            if let Some(cell) = cell.and_then(|cell| planned.get_mut(cell)) {
                *cell = true;
            }
        }
    }
    planned
}

fn group_rows(map: &JourneyMap) -> (Vec<usize>, Vec<MatrixGroup>) {
    let mut keys: Vec<String> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    let mut members: Vec<Vec<usize>> = Vec::new();
    let mut key_positions = std::collections::HashMap::new();
    let other_key = OTHER_DISCIPLINE.to_lowercase();
    for (position, tactic) in map.tactics.iter().enumerate() {
        let shown = tactic.discipline.trim();
        let key = if shown.is_empty() {
            other_key.clone()
        } else {
            shown.to_lowercase()
        };
        let group = *key_positions.entry(key.clone()).or_insert_with(|| {
            keys.push(key.clone());
            names.push(if shown.is_empty() {
                OTHER_DISCIPLINE.to_string()
            } else {
                shown.to_string()
            });
            members.push(Vec::new());
            keys.len() - 1
        });
        members[group].push(position);
    }
    // "Other" goes last, wherever it first appeared.
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by_key(|&g| keys[g] == other_key);

    let mut rows = Vec::with_capacity(map.tactics.len());
    let mut groups = Vec::with_capacity(order.len());
    for g in order {
        let start = rows.len();
        rows.extend_from_slice(&members[g]);
        groups.push(MatrixGroup {
            discipline: std::mem::take(&mut names[g]),
            rows: start..rows.len(),
        });
    }
    (rows, groups)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::sample_map;

    fn matrix(persona: Option<&str>, segment: Option<&str>) -> Matrix {
        let filter = MatrixFilter {
            persona: persona.map(str::to_string),
            segment: segment.map(str::to_string),
            campaign: None,
        };
        match Matrix::build(&sample_map(), &filter) {
            Ok(m) => m,
            Err(e) => panic!("{e}"),
        }
    }

    fn row_of(m: &Matrix, map: &JourneyMap, tactic: &str) -> usize {
        let position = map.tactics.iter().position(|t| t.id == tactic);
        match m.rows().iter().position(|&p| Some(p) == position) {
            Some(row) => row,
            None => panic!("no row for {tactic}"),
        }
    }

    #[test]
    fn rows_are_grouped_by_discipline_in_first_appearance_order_with_other_last() {
        let map = sample_map();
        let m = matrix(None, None);
        let groups: Vec<(&str, Range<usize>)> = m
            .groups()
            .iter()
            .map(|g| (g.discipline.as_str(), g.rows.clone()))
            .collect();
        assert_eq!(groups, vec![("Advertising", 0..2), ("Email", 2..3), ("Other", 3..4)]);
        let ids: Vec<&str> = m.rows().iter().map(|&p| map.tactics[p].id.as_str()).collect();
        assert_eq!(ids, vec!["search-ads", "social-video", "email", "fair"]);
    }

    #[test]
    fn cells_count_touchpoints_and_show_planned_tactics() {
        let map = sample_map();
        let m = matrix(None, None);
        let search = row_of(&m, &map, "search-ads");
        let email = row_of(&m, &map, "email");
        assert_eq!(m.cell(search, 0).state, CellState::Carried(2));
        assert_eq!(m.cell(search, 0).touchpoints, &[0, 1]);
        assert!(m.cell(search, 0).planned);
        assert_eq!(m.cell(email, 1).state, CellState::Planned);
        assert_eq!(m.cell(email, 0).state, CellState::Empty);
        // A carried tactic the stage does not plan is still carried.
        let fair = row_of(&m, &map, "fair");
        assert_eq!(m.cell(fair, 0).state, CellState::Carried(1));
        assert!(!m.cell(fair, 0).planned);
        assert_eq!(m.get(fair, 0), Some(m.cell(fair, 0)));
        assert_eq!(m.get(fair, 3), None);
        assert_eq!(m.get(4, 0), None);
    }

    #[test]
    fn totals_count_distinct_touchpoints() {
        let map = sample_map();
        let m = matrix(None, None);
        // The ad uses two tactics at Aware but is one touchpoint.
        assert_eq!(m.stage_total(0), 3);
        assert_eq!(m.stage_total(1), 0);
        // The welcome call has no tactic but is at Excite.
        assert_eq!(m.stage_total(2), 1);
        assert_eq!(m.tactic_total(row_of(&m, &map, "search-ads")), 2);
        assert_eq!(m.tactic_total(row_of(&m, &map, "email")), 0);
        assert_eq!(m.total(), 4);
    }

    #[test]
    fn persona_filter_keeps_touchpoints_for_everyone() {
        let map = sample_map();
        let m = matrix(Some("olivia"), None);
        let search = row_of(&m, &map, "search-ads");
        // The ad (Olivia) and the radio spot (everyone); not Sam's flyer.
        assert_eq!(m.cell(search, 0).touchpoints, &[0, 1]);
        assert_eq!(m.cell(row_of(&m, &map, "fair"), 0).state, CellState::Empty);
        assert_eq!(m.total(), 3);
    }

    #[test]
    fn segment_filter_follows_personas_to_their_segment() {
        let map = sample_map();
        let m = matrix(None, Some("students"));
        assert_eq!(m.cell(row_of(&m, &map, "fair"), 0).touchpoints, &[2]);
        assert_eq!(m.cell(row_of(&m, &map, "search-ads"), 0).touchpoints, &[1]);
        // Planned marks do not depend on the filter.
        assert_eq!(m.cell(row_of(&m, &map, "social-video"), 0).state, CellState::Planned);
        let both = matrix(Some("olivia"), Some("students"));
        assert_eq!(both.total(), 2, "only the touchpoints for everyone match both");
    }

    #[test]
    fn unknown_filter_ids_list_the_valid_ones() {
        let filter = MatrixFilter {
            persona: Some("nobody".into()),
            segment: None,
            campaign: None,
        };
        let err = Matrix::build(&sample_map(), &filter).err();
        assert_eq!(
            err,
            Some(UnknownFilterId {
                kind: ItemKind::Persona,
                id: "nobody".into(),
                valid: vec!["olivia".into(), "sam".into()],
            })
        );
    }

    #[test]
    fn a_filter_is_empty_only_when_neither_persona_nor_segment_is_set() {
        assert!(MatrixFilter::default().is_empty());
        let persona = MatrixFilter {
            persona: Some("olivia".into()),
            segment: None,
            campaign: None,
        };
        assert!(!persona.is_empty());
        let segment = MatrixFilter {
            persona: None,
            segment: Some("students".into()),
            campaign: None,
        };
        assert!(!segment.is_empty());
        // Cleared, each gives back the matrix of every touchpoint.
        for mut filter in [persona, segment] {
            assert_ne!(matrix_of(&sample_map(), &filter).total(), 4);
            filter.persona = None;
            filter.segment = None;
            assert!(filter.is_empty());
            assert_eq!(matrix_of(&sample_map(), &filter).total(), 4);
        }
    }

    #[test]
    fn a_campaign_filter_keeps_only_the_touchpoints_it_uses() {
        let mut map = sample_map();
        // The radio spot is for everyone, and still left out: the campaign does not use it.
        map.campaigns.push(crate::model::Campaign {
            id: "spring".into(),
            name: "Spring".into(),
            touchpoints: vec!["ad".into(), "welcome".into()],
            ..crate::model::Campaign::default()
        });
        let filter = MatrixFilter {
            campaign: Some("spring".into()),
            ..MatrixFilter::default()
        };
        assert!(!filter.is_empty());
        let m = matrix_of(&map, &filter);
        let kept: Vec<&str> = (0..m.stage_count())
            .flat_map(|column| {
                m.stage_touchpoints(column)
                    .iter()
                    .map(|&t| map.touchpoints[t].id.as_str())
            })
            .collect();
        assert_eq!(kept, ["ad", "welcome"]);
        // With a persona filter too, a touchpoint must pass both.
        let both = MatrixFilter {
            persona: Some("sam".into()),
            ..filter.clone()
        };
        assert_eq!(matrix_of(&map, &both).total(), 1, "the welcome call is for everyone");
        let unknown = MatrixFilter {
            campaign: Some("autumn".into()),
            ..MatrixFilter::default()
        };
        assert_eq!(
            Matrix::build(&map, &unknown).err().map(|e| (e.kind, e.valid)),
            Some((ItemKind::Campaign, vec!["spring".to_string()]))
        );
    }

    fn matrix_of(map: &JourneyMap, filter: &MatrixFilter) -> Matrix {
        match Matrix::build(map, filter) {
            Ok(m) => m,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn stage_touchpoints_are_the_matching_touchpoints_of_each_stage_in_file_order() {
        let map = sample_map();
        let everyone = matrix(None, None);
        let stages: Vec<&[usize]> = (0..3).map(|c| everyone.stage_touchpoints(c)).collect();
        // Aware: ad, radio, flyer; Convert: none; Excite: the welcome call (no tactic).
        assert_eq!(stages, [&[0, 1, 2][..], &[], &[3]]);
        let sam = matrix(Some("sam"), None);
        // Olivia's ad is left out; the radio spot and the welcome call are for everyone.
        assert_eq!(sam.stage_touchpoints(0), &[1, 2]);
        assert_eq!(sam.stage_touchpoints(2), &[3]);

        // Touchpoints of different stages interleaved in the file: each stage
        // keeps its own, in file order.
        let mut mixed = map.clone();
        mixed.touchpoints = ["excite", "aware", "excite", "convert", "aware"]
            .iter()
            .enumerate()
            .map(|(n, stage)| crate::model::Touchpoint {
                id: format!("t{n}"),
                name: format!("T{n}"),
                stage: (*stage).to_string(),
                ..crate::model::Touchpoint::default()
            })
            .map(Box::new)
            .collect();
        let m = matrix_of(&mixed, &MatrixFilter::default());
        assert_eq!(m.stage_touchpoints(0), &[1, 4]);
        assert_eq!(m.stage_touchpoints(1), &[3]);
        assert_eq!(m.stage_touchpoints(2), &[0, 2]);
        assert_eq!(m.total(), 5);
    }

    #[test]
    fn an_unknown_filter_id_is_named_with_its_kind() {
        let persona = MatrixFilter {
            persona: Some("nobody".into()),
            segment: None,
            campaign: None,
        };
        let segment = MatrixFilter {
            persona: None,
            segment: Some("retirees".into()),
            campaign: None,
        };
        let message = |filter: &MatrixFilter| Matrix::build(&sample_map(), filter).err().map(|e| e.to_string());
        assert_eq!(message(&persona).as_deref(), Some("the map has no persona `nobody`"));
        assert_eq!(message(&segment).as_deref(), Some("the map has no segment `retirees`"));
    }

    #[test]
    fn an_empty_map_has_an_empty_matrix() {
        let m = match Matrix::build(&JourneyMap::default(), &MatrixFilter::default()) {
            Ok(m) => m,
            Err(e) => panic!("{e}"),
        };
        assert_eq!((m.row_count(), m.stage_count(), m.total()), (0, 0, 0));
        assert!(m.groups().is_empty());
    }

    #[test]
    fn a_large_map_builds_quickly_and_counts_every_touchpoint() {
        let mut map = sample_map();
        let template = map.touchpoints[0].clone();
        map.touchpoints = (0..50_000)
            .map(|n| crate::model::Touchpoint {
                id: format!("t{n}"),
                ..crate::model::Touchpoint::clone(&template)
            })
            .map(Box::new)
            .collect();
        let started = std::time::Instant::now();
        let m = match Matrix::build(&map, &MatrixFilter::default()) {
            Ok(m) => m,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(m.cell(0, 0).state, CellState::Carried(50_000));
        assert_eq!(m.stage_total(0), 50_000);
        assert!(started.elapsed().as_secs() < 5, "took {:?}", started.elapsed());
    }
}
