//! CSV for spreadsheets, one table each: the matrix (one row per tactic),
//! the touchpoints, the scorecard (one row per goal), the competitors, the
//! pain points and opportunities, or the journey canvas. RFC 4180: CRLF
//! line ends, fields quoted when they hold a comma, a quote or a line
//! break, quotes doubled.

use super::Names;
use super::out::{Out, collected};
use super::playbook::{self, Problems};
use crate::analysis::{CellState, Matrix};
use crate::model::schema::ChoiceSet;
use crate::model::typed::Period;
use crate::model::{ItemKind, JourneyMap, Priority};

/// What a matrix cell holds in CSV: the count, `planned` for a planned
/// tactic no touchpoint carries, `0` for nothing. Text in a number column
/// is skipped by spreadsheet sums, so totals stay right.
pub const PLANNED: &str = "planned";

/// One field, quoted when needed. Text that a spreadsheet would run as a
/// formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) gets
/// a leading `'`, which spreadsheets show as text: map files come from other
/// people, and `=HYPERLINK(...)` or `=cmd|...` in a name must stay a name.
pub fn field(text: &str) -> String {
    let guarded;
    // A whole number such as an emotion of `-2` is a number, not a formula.
    let number = text.parse::<i64>().is_ok();
    let text = if !number && text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        guarded = format!("'{text}");
        guarded.as_str()
    } else {
        text
    };
    if text.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

fn record(out: &mut String, fields: &[String]) {
    let quoted: Vec<String> = fields.iter().map(|f| field(f)).collect();
    out.push_str(&quoted.join(","));
    out.push_str("\r\n");
}

/// `discipline,tactic,<one column per stage>,total`, one row per tactic in
/// matrix order. Stage columns are headed by stage names.
pub fn matrix(map: &JourneyMap, matrix: &Matrix) -> String {
    let mut out = String::new();
    let mut header = vec!["discipline".to_string(), "tactic".to_string()];
    header.extend(map.stages.iter().map(|s| s.name.clone()));
    header.push("total".into());
    record(&mut out, &header);
    for group in matrix.groups() {
        for row in group.rows.clone() {
            let mut fields = vec![
                group.discipline.clone(),
                map.tactics[matrix.tactic_at(row)].name.clone(),
            ];
            fields.extend(
                (0..matrix.stage_count()).map(|column| match matrix.cell(row, column).state {
                    CellState::Carried(n) => n.to_string(),
                    CellState::Planned => PLANNED.to_string(),
                    CellState::Empty => "0".to_string(),
                }),
            );
            fields.push(matrix.tactic_total(row).to_string());
            record(&mut out, &fields);
        }
    }
    out
}

/// One row per touchpoint. The stage, tactics and personas are named as a
/// reader knows them; their ids follow in columns of their own, for tools
/// and lookups. Lists are joined with `; `; no personas means everyone.
pub fn touchpoints(map: &JourneyMap) -> String {
    collected(|out| write_touchpoints(map, out))
}

/// [`touchpoints`], written to `out` row by row.
pub fn write_touchpoints(map: &JourneyMap, out: &mut Out) {
    let names = Names::new(map);
    let header = [
        "id",
        "name",
        "stage",
        "tactics",
        "personas",
        "emotion",
        "channel",
        "cta",
        "owner",
        "metric",
        "notes",
        "stage_id",
        "tactic_ids",
        "persona_ids",
    ];
    record(out, &header.map(String::from));
    for t in &map.touchpoints {
        record(
            out,
            &[
                t.id.clone(),
                t.name.clone(),
                names.stage(&t.stage).to_string(),
                names.join(&t.tactics, |n, id| n.tactic(id).to_string(), "; "),
                names.join(&t.personas, |n, id| n.persona(id).to_string(), "; "),
                // Its own score only: empty means it follows its stage.
                t.emotion.map(|e| e.to_string()).unwrap_or_default(),
                t.channel.clone(),
                t.cta.clone(),
                t.owner.clone(),
                t.metric.clone(),
                t.notes.clone(),
                t.stage.clone(),
                t.tactics.join("; "),
                t.personas.join("; "),
            ],
        );
        out.pass_on();
    }
}

/// One row per goal, judged on `today`: its numbers as written, its
/// progress in whole percent (`n/a` when the target or current value is
/// not set), `true` when overdue; the stages by name, then by id.
pub fn scorecard(map: &JourneyMap, today: Period) -> String {
    let names = Names::new(map);
    let mut out = String::new();
    let header = [
        "id",
        "name",
        "metric",
        "unit",
        "baseline",
        "current",
        "target",
        "progress_percent",
        "deadline",
        "overdue",
        "stages",
        "owner",
        "notes",
        "stage_ids",
    ];
    record(&mut out, &header.map(String::from));
    for row in playbook::scorecard(map, &names, today) {
        let goal = row.goal;
        let progress = row.progress.map_or_else(|| "n/a".to_string(), |p| p.to_string());
        record(
            &mut out,
            &[
                goal.id.clone(),
                goal.name.clone(),
                goal.metric.clone(),
                goal.unit.clone(),
                goal.baseline.clone(),
                goal.current.clone(),
                goal.target.clone(),
                progress,
                goal.deadline.clone(),
                row.overdue.to_string(),
                row.stages.join("; "),
                goal.owner.clone(),
                goal.notes.clone(),
                goal.stages.join("; "),
            ],
        );
    }
    out
}

/// One row per competitor, every field; segments by name, then by id.
pub fn competitors(map: &JourneyMap) -> String {
    let names = Names::new(map);
    let mut out = String::new();
    let header = [
        "id",
        "name",
        "kind",
        "price_level",
        "pricing",
        "geography",
        "channels",
        "rating",
        "review_count",
        "review_source",
        "usp",
        "positioning",
        "assortment",
        "segments",
        "strengths",
        "weaknesses",
        "notes",
        "segment_ids",
    ];
    record(&mut out, &header.map(String::from));
    for c in &map.competitors {
        record(
            &mut out,
            &[
                c.id.clone(),
                c.name.clone(),
                c.kind.label().to_string(),
                playbook::price_level(c).to_string(),
                c.pricing.clone(),
                c.geography.clone(),
                c.channels.join("; "),
                c.rating.clone(),
                c.review_count.clone(),
                c.review_source.clone(),
                c.usp.clone(),
                c.positioning.clone(),
                c.assortment.clone(),
                names.join(&c.segments, |n, id| n.segment(id).to_string(), "; "),
                c.strengths.join("; "),
                c.weaknesses.join("; "),
                c.notes.clone(),
                c.segments.join("; "),
            ],
        );
    }
    out
}

/// One row per pain point and per opportunity, stage by stage in journey
/// order (pain points first, most severe first; then opportunities,
/// highest priority first). `kind` tells them apart; a column that does
/// not apply to the kind is empty. `answers` names the pain points an
/// opportunity answers, `answered_by` the opportunities answering a pain
/// point; their ids follow in columns of their own.
pub fn pains(map: &JourneyMap) -> String {
    let names = Names::new(map);
    let problems = Problems::new(map, &names);
    let mut out = String::new();
    let header = [
        "kind",
        "id",
        "name",
        "stage",
        "severity",
        "status",
        "priority",
        "owner",
        "evidence",
        "source",
        "answers",
        "answered_by",
        "touchpoints",
        "personas",
        "notes",
        "stage_id",
        "answer_ids",
        "answered_by_ids",
    ];
    record(&mut out, &header.map(String::from));
    let touchpoints = |ids: &[String]| names.join(ids, |n, id| n.of(ItemKind::Touchpoint, id).to_string(), "; ");
    let personas = |ids: &[String]| names.join(ids, |n, id| n.persona(id).to_string(), "; ");
    for s in 0..map.stages.len() {
        for &p in &problems.pains[s] {
            let pain = &map.pain_points[p];
            let by = problems.answered_by(p);
            let joined = |field: fn(&crate::model::Opportunity) -> &str| {
                by.iter()
                    .map(|&o| field(&map.opportunities[o]))
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            record(
                &mut out,
                &[
                    "pain point".to_string(),
                    pain.id.clone(),
                    pain.name.clone(),
                    names.stage(&pain.stage).to_string(),
                    pain.severity.choice_label().to_string(),
                    String::new(),
                    String::new(),
                    String::new(),
                    pain.evidence.choice_label().to_string(),
                    pain.source.clone(),
                    String::new(),
                    joined(|o| &o.name),
                    touchpoints(&pain.touchpoints),
                    personas(&pain.personas),
                    pain.notes.clone(),
                    pain.stage.clone(),
                    String::new(),
                    joined(|o| &o.id),
                ],
            );
        }
        for &o in &problems.opportunities[s] {
            let opportunity = &map.opportunities[o];
            record(
                &mut out,
                &[
                    "opportunity".to_string(),
                    opportunity.id.clone(),
                    opportunity.name.clone(),
                    names.stage(&opportunity.stage).to_string(),
                    String::new(),
                    opportunity.status.choice_label().to_string(),
                    if opportunity.priority == Priority::Unset {
                        String::new()
                    } else {
                        opportunity.priority.choice_label().to_string()
                    },
                    opportunity.owner.clone(),
                    opportunity.evidence.choice_label().to_string(),
                    opportunity.source.clone(),
                    names.join(
                        &opportunity.answers,
                        |n, id| n.of(ItemKind::PainPoint, id).to_string(),
                        "; ",
                    ),
                    String::new(),
                    touchpoints(&opportunity.touchpoints),
                    personas(&opportunity.personas),
                    opportunity.notes.clone(),
                    opportunity.stage.clone(),
                    opportunity.answers.join("; "),
                    String::new(),
                ],
            );
        }
    }
    out
}

/// The journey canvas: `lane`, then one column per stage headed by its
/// name, one row per lane; a cell's entries one per line. The layout the
/// spreadsheet import reads as a canvas.
pub fn journey(map: &JourneyMap, today: Period) -> String {
    let mut out = String::new();
    let mut header = vec!["lane".to_string()];
    header.extend(map.stages.iter().map(|s| s.name.clone()));
    record(&mut out, &header);
    for lane in playbook::canvas(map, today) {
        let mut fields = vec![lane.label.to_string()];
        if lane.label == playbook::EMOTION_LANE {
            // A bare score: a number to a spreadsheet, and what the import reads back.
            fields.extend(map.stages.iter().map(|s| s.emotion.to_string()));
        } else {
            fields.extend(lane.cells.iter().map(|entries| entries.join("\n")));
        }
        record(&mut out, &fields);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{MatrixFilter, sample_map};

    #[test]
    fn fields_are_quoted_only_when_needed() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a, b"), "\"a, b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn formulas_stay_text() {
        assert_eq!(field("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
        assert_eq!(field("+1 555"), "'+1 555");
        assert_eq!(field("-20% off"), "'-20% off");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("a=b"), "a=b");
        assert_eq!(field("3"), "3");
        assert_eq!(field("-2"), "-2");
        assert_eq!(field("+2"), "+2");
    }

    #[test]
    fn the_matrix_has_a_row_per_tactic() {
        let map = sample_map();
        let m = match Matrix::build(&map, &MatrixFilter::default()) {
            Ok(m) => m,
            Err(e) => panic!("{e}"),
        };
        let text = matrix(&map, &m);
        assert_eq!(
            text,
            "discipline,tactic,Aware,Convert,Excite,total\r\n\
             Advertising,Search ads,2,0,0,2\r\n\
             Advertising,Social video,1,0,0,1\r\n\
             Email,Email,0,planned,0,0\r\n\
             Other,Trade fair,1,0,0,1\r\n"
        );
    }

    #[test]
    fn touchpoints_name_references_and_keep_their_ids_apart() {
        let text = touchpoints(&sample_map());
        let mut lines = text.split("\r\n");
        assert_eq!(
            lines.next(),
            Some(
                "id,name,stage,tactics,personas,emotion,channel,cta,owner,metric,notes,stage_id,tactic_ids,persona_ids"
            )
        );
        assert!(
            text.contains("\r\nad,Google ad,Aware,Search ads; Social video,\"Olivia, office manager\",,,,,,,aware,search-ads; social-video,olivia\r\n"),
            "{text}"
        );
    }

    #[test]
    fn names_that_look_like_formulas_stay_text_in_every_column() {
        let mut map = sample_map();
        map.tactics[0].name = "=HYPERLINK(\"http://x\")".into();
        map.personas[0].name = "@evil".into();
        let text = touchpoints(&map);
        assert!(
            text.contains(",\"'=HYPERLINK(\"\"http://x\"\"); Social video\",'@evil,"),
            "{text}"
        );
    }
}
