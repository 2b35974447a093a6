//! CSV for spreadsheets: the matrix (one row per tactic) or the touchpoints
//! (one row per touchpoint). RFC 4180: CRLF line ends, fields quoted when
//! they hold a comma, a quote or a line break, quotes doubled.

use super::Names;
use crate::analysis::{CellState, Matrix};
use crate::model::JourneyMap;

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
    let names = Names::new(map);
    let mut out = String::new();
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
    record(&mut out, &header.map(String::from));
    for t in &map.touchpoints {
        record(
            &mut out,
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
