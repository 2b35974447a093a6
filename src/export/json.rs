//! JSON for other tools: the whole map (as in the file) plus what is
//! computed from it: the matrix, the scorecard as of a given day, the
//! offer ladder, the campaign flow and the campaign calendar.
//! Deterministic: struct fields in a fixed order, lists in map order.

use serde::Serialize;

use std::fmt::Write as _;

use super::Names;
use super::out::{Out, collected};
use super::{campaigns, playbook};
use crate::analysis::{CellState, Matrix};
use crate::model::JourneyMap;
use crate::model::typed::Period;

/// Identifies the document, so consumers can check what they read.
pub const EXPORT_KIND: &str = "journeymap-export";
/// Bumped when the shape of the export changes incompatibly.
pub const EXPORT_VERSION: u32 = 1;

#[derive(Debug, Serialize)]
struct Export<'m> {
    kind: &'static str,
    version: u32,
    map: &'m JourneyMap,
    matrix: MatrixJson<'m>,
    /// The day the scorecard judges deadlines against, `YYYY-MM-DD`.
    as_of: String,
    /// One entry per goal, in map order.
    scorecard: Vec<ScoreJson<'m>>,
    /// The offers in journey order.
    ladder: Vec<campaigns::RungJson<'m>>,
    /// Which campaigns move people from stage to stage, and the gaps.
    flow: campaigns::FlowJson<'m>,
    /// The dated campaigns month by month.
    calendar: campaigns::CalendarJson<'m>,
}

#[derive(Debug, Serialize)]
struct ScoreJson<'m> {
    /// The goal's id; its fields are in `map.goals`.
    goal: &'m str,
    /// Progress from the baseline (0) to the target (100), in whole
    /// percent; `null` when the target or current value is not set.
    progress_percent: Option<i64>,
    /// The deadline passed before `as_of` with the target unmet.
    overdue: bool,
}

#[derive(Debug, Serialize)]
struct MatrixJson<'m> {
    /// Stage ids, in journey order: the columns.
    stages: Vec<&'m str>,
    groups: Vec<GroupJson<'m>>,
    /// Distinct touchpoints per stage.
    stage_totals: Vec<usize>,
    total: usize,
}

#[derive(Debug, Serialize)]
struct GroupJson<'m> {
    discipline: &'m str,
    tactics: Vec<RowJson<'m>>,
}

#[derive(Debug, Serialize)]
struct RowJson<'m> {
    tactic: &'m str,
    /// One per stage, in stage order.
    cells: Vec<CellJson<'m>>,
    total: usize,
}

#[derive(Debug, Serialize)]
struct CellJson<'m> {
    stage: &'m str,
    /// `carried`, `planned` (planned, no touchpoint) or `empty`.
    state: &'static str,
    /// Whether the stage plans the tactic, carried or not.
    planned: bool,
    /// Touchpoint ids, in map order.
    touchpoints: Vec<&'m str>,
}

/// The export as pretty-printed JSON with a final newline; goals are judged
/// overdue against `today`.
pub fn export(map: &JourneyMap, matrix: &Matrix, today: Period) -> String {
    collected(|out| write_export(map, matrix, today, out))
}

/// [`export`], written to `out` as it is serialized.
pub fn write_export(map: &JourneyMap, matrix: &Matrix, today: Period, out: &mut Out) {
    let groups = matrix
        .groups()
        .iter()
        .map(|group| GroupJson {
            discipline: &group.discipline,
            tactics: group
                .rows
                .clone()
                .map(|row| RowJson {
                    tactic: &map.tactics[matrix.tactic_at(row)].id,
                    cells: map
                        .stages
                        .iter()
                        .enumerate()
                        .map(|(column, stage)| {
                            let cell = matrix.cell(row, column);
                            CellJson {
                                stage: &stage.id,
                                state: match cell.state {
                                    CellState::Carried(_) => "carried",
                                    CellState::Planned => "planned",
                                    CellState::Empty => "empty",
                                },
                                planned: cell.planned,
                                touchpoints: cell
                                    .touchpoints
                                    .iter()
                                    .map(|&t| map.touchpoints[t].id.as_str())
                                    .collect(),
                            }
                        })
                        .collect(),
                    total: matrix.tactic_total(row),
                })
                .collect(),
        })
        .collect();
    let export = Export {
        kind: EXPORT_KIND,
        version: EXPORT_VERSION,
        map,
        matrix: MatrixJson {
            stages: map.stages.iter().map(|s| s.id.as_str()).collect(),
            groups,
            stage_totals: (0..matrix.stage_count()).map(|c| matrix.stage_total(c)).collect(),
            total: matrix.total(),
        },
        as_of: playbook::date(today),
        scorecard: playbook::scorecard(map, &Names::new(map), today)
            .into_iter()
            .map(|row| ScoreJson {
                goal: &row.goal.id,
                // Whole already; an integer reads as one in JSON.
                progress_percent: row.progress.map(|p| p as i64),
                overdue: row.overdue,
            })
            .collect(),
        ladder: campaigns::ladder_json(map),
        flow: campaigns::flow_json(map),
        calendar: campaigns::calendar_json(map),
    };
    // Serializing plain structs of strings and numbers cannot fail; should
    // it ever, an error object beats a panic.
    if let Err(e) = serde_json::to_writer_pretty(&mut *out, &export) {
        out.clear();
        let _ = write!(out, "{{\"error\": {}}}", serde_json::Value::String(e.to_string()));
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{MatrixFilter, sample_map};

    #[test]
    fn the_map_round_trips_and_the_matrix_is_there() {
        let map = sample_map();
        let m = match Matrix::build(&map, &MatrixFilter::default()) {
            Ok(m) => m,
            Err(e) => panic!("{e}"),
        };
        let today = Period::parse("2026-05-01").unwrap_or_else(Period::today);
        let text = export(&map, &m, today);
        let value: serde_json::Value = match serde_json::from_str(&text) {
            Ok(v) => v,
            Err(e) => panic!("{e}"),
        };
        let back: JourneyMap = match serde_json::from_value(value["map"].clone()) {
            Ok(m) => m,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(back, map);
        assert_eq!(value["matrix"]["total"], 4);
        let cell = &value["matrix"]["groups"][0]["tactics"][0]["cells"][0];
        assert_eq!(cell["touchpoints"], serde_json::json!(["ad", "radio"]));
        assert_eq!(export(&map, &m, today), text, "deterministic");
    }
}
