//! The planning report as GitHub-flavoured Markdown, to paste into planning
//! documents, wikis and pull requests.
//!
//! Map text is escaped so it always reads as text: Markdown punctuation gets
//! a backslash, so a name cannot open a link, a heading or raw HTML, and in
//! tables `|` never splits a cell and line breaks become `<br>`; every row has
//! the header's number of columns.

use std::fmt::Write;

pub use super::gfm::{cell, inline, paragraph, table};
use super::gfm::{push_cell, push_inline};
use super::grid::{describe_filter, marks};
use super::out::{Out, collected};
use super::playbook::{self, BriefValue, Problems};
use super::{Names, ReportOptions, Section};
use crate::analysis::{CellState, Finding, Matrix, MatrixFilter, lint};
use crate::model::schema::ChoiceSet;
use crate::model::typed::Period;
use crate::model::{ItemKind, JourneyMap, Mindset, PersonaRole, Priority};

/// The whole report.
pub fn report(map: &JourneyMap, options: &ReportOptions) -> String {
    collected(|out| write_report(map, options, out))
}

/// The whole report, written to `out` as it is made.
pub fn write_report(map: &JourneyMap, options: &ReportOptions, out: &mut Out) {
    let names = Names::new(map);
    let title = if map.title.trim().is_empty() {
        "Customer journey"
    } else {
        map.title.as_str()
    };
    let _ = writeln!(out, "# {}", inline(title));
    for section in Section::ALL.into_iter().filter(|s| options.has(*s)) {
        if out.failed() {
            return;
        }
        let _ = write!(out, "\n## {}\n\n", section.title());
        match section {
            Section::Overview => overview(out, map),
            Section::Scorecard => scorecard(out, map, &names, options.today),
            Section::Journey => journey(out, map, options.today),
            Section::Stages => stages(out, map, &names),
            Section::Pains => pains(out, map, &names),
            Section::Matrix => match Matrix::build(map, &MatrixFilter::default()) {
                Ok(matrix) => out.push_str(&matrix_table(map, &matrix)),
                Err(e) => {
                    let _ = writeln!(out, "{}", inline(&e.to_string()));
                }
            },
            Section::Ladder => out.push_str(&super::campaigns::ladder_markdown(map)),
            Section::Flow => out.push_str(&super::campaigns::flow_markdown(map)),
            Section::Calendar => out.push_str(&super::campaigns::calendar_markdown(map)),
            Section::Personas => personas(out, map, &names),
            Section::Segments => segments(out, map),
            Section::Competitors => competitors(out, map, &names),
            Section::Touchpoints => touchpoints(out, map, &names),
            Section::Findings => findings(out, &lint(map)),
        }
        out.pass_on();
    }
}

/// Each id's text appended by `push`, with `sep` between.
fn push_joined(out: &mut String, ids: &[String], sep: &str, mut push: impl FnMut(&mut String, &str)) {
    for (n, id) in ids.iter().enumerate() {
        if n > 0 {
            out.push_str(sep);
        }
        push(out, id);
    }
}

/// A bullet `- **label:** text`, skipped when empty.
fn field(out: &mut String, label: &str, text: &str) {
    if !text.trim().is_empty() {
        let _ = writeln!(out, "- **{label}:** {}", paragraph(text).replace("\\\n", "\\\n  "));
    }
}

fn items(out: &mut String, label: &str, list: &[String]) {
    if !list.is_empty() {
        let joined: Vec<String> = list.iter().map(|i| inline(i)).collect();
        let _ = writeln!(out, "- **{label}:** {}", joined.join("; "));
    }
}

fn overview(out: &mut String, map: &JourneyMap) {
    if !map.description.trim().is_empty() {
        let _ = write!(out, "{}\n\n", paragraph(&map.description));
    }
    for (label, value) in playbook::brief(map) {
        match value {
            BriefValue::Text(text) => field(out, label, &text),
            BriefValue::List(list) => {
                let _ = writeln!(out, "- **{label}:**");
                for entry in list {
                    let _ = writeln!(out, "  - {}", inline(entry));
                }
            }
        }
    }
    if !map.framework.is_empty() {
        let _ = writeln!(out, "- **Framework:** {}", inline(&map.framework));
    }
    let _ = writeln!(out, "- **Contents:** {}", super::contents(map));
}

/// One row per goal: where it stands between its baseline and target, and
/// whether it is overdue on `today`.
fn scorecard(out: &mut String, map: &JourneyMap, names: &Names, today: Period) {
    if map.goals.is_empty() {
        out.push_str("No goals yet.\n");
        return;
    }
    let _ = write!(
        out,
        "As of {}. Progress runs from the baseline (0%) to the target (100%); a goal is overdue when its \
         deadline has passed and its target is not met.\n\n",
        playbook::date(today)
    );
    let rows: Vec<Vec<String>> = playbook::scorecard(map, names, today)
        .iter()
        .map(|row| {
            let goal = row.goal;
            vec![
                cell(&goal.name),
                cell(&goal.metric),
                cell(&goal.unit),
                goal.baseline.clone(),
                goal.current.clone(),
                goal.target.clone(),
                row.progress_text(),
                cell(&goal.deadline),
                if row.overdue {
                    "**overdue**".into()
                } else {
                    String::new()
                },
                row.stages.iter().map(|s| cell(s)).collect::<Vec<_>>().join(", "),
                cell(&goal.owner),
            ]
        })
        .collect();
    out.push_str(&table(
        &[
            "Goal", "Metric", "Unit", "Baseline", "Current", "Target", "Progress", "Deadline", "Overdue", "Stages",
            "Owner",
        ],
        &[":---", ":---", ":---", "---:", "---:", "---:", "---:"],
        &rows,
    ));
}

/// The classic journey map as one table: a column per stage, a row per lane.
fn journey(out: &mut String, map: &JourneyMap, today: Period) {
    if map.stages.is_empty() {
        out.push_str("No stages yet.\n");
        return;
    }
    let lanes = playbook::canvas(map, today);
    let mut headers = vec!["Lane".to_string()];
    headers.extend((0..map.stages.len()).map(|s| cell(&playbook::stage_heading(map, s))));
    let rows: Vec<Vec<String>> = lanes
        .iter()
        .map(|lane| {
            let mut row = vec![format!("**{}**", lane.label)];
            row.extend(lane.cells.iter().map(|entries| {
                let lines: Vec<String> = entries
                    .iter()
                    .map(|entry| {
                        if lane.listed {
                            format!("\u{2022} {}", cell(entry))
                        } else {
                            cell(entry)
                        }
                    })
                    .collect();
                lines.join("<br>")
            }));
            row
        })
        .collect();
    let header_refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    out.push_str(&table(&header_refs, &[], &rows));
    out.push_str("\nThinking holds what customers think and ask.");
    if playbook::has_assumptions(map) {
        let _ = write!(out, " {}", inline(playbook::ASSUMED_LEGEND));
    }
    out.push_str(" KPIs: what the stage tracks, then the goals that measure it with their progress.\n");
}

/// Pain points and opportunities stage by stage, each in a table.
fn pains(out: &mut String, map: &JourneyMap, names: &Names) {
    let problems = Problems::new(map, names);
    if problems.is_empty() {
        out.push_str("No pain points or opportunities yet.\n");
        return;
    }
    let mut first = true;
    for (s, stage) in map.stages.iter().enumerate() {
        let (pains, opportunities) = (&problems.pains[s], &problems.opportunities[s]);
        if pains.is_empty() && opportunities.is_empty() {
            continue;
        }
        if !first {
            out.push('\n');
        }
        first = false;
        let _ = write!(
            out,
            "### {}. {} (emotion {})\n\n",
            s + 1,
            inline(&stage.name),
            playbook::emotion(stage.emotion)
        );
        let touchpoints = |ids: &[String]| names.join(ids, |n, id| cell(n.of(ItemKind::Touchpoint, id)), "; ");
        let personas = |ids: &[String]| names.join(ids, |n, id| cell(n.persona(id)), "; ");
        if !pains.is_empty() {
            let rows: Vec<Vec<String>> = pains
                .iter()
                .map(|&p| {
                    let pain = &map.pain_points[p];
                    let answered = problems.answers_with_status(map, p, cell);
                    vec![
                        cell(&pain.name),
                        pain.severity.choice_label().to_string(),
                        pain.evidence.choice_label().to_string(),
                        cell(&pain.source),
                        touchpoints(&pain.touchpoints),
                        personas(&pain.personas),
                        if answered.is_empty() {
                            "*nothing yet*".to_string()
                        } else {
                            answered
                        },
                        cell(&pain.notes),
                    ]
                })
                .collect();
            out.push_str(&table(
                &[
                    "Pain point",
                    "Severity",
                    "Evidence",
                    "Source",
                    "Touchpoints",
                    "Personas",
                    "Answered by",
                    "Notes",
                ],
                &[],
                &rows,
            ));
        }
        if !opportunities.is_empty() {
            if !pains.is_empty() {
                out.push('\n');
            }
            let rows: Vec<Vec<String>> = opportunities
                .iter()
                .map(|&o| {
                    let opportunity = &map.opportunities[o];
                    let answers = names.join(&opportunity.answers, |n, id| cell(n.of(ItemKind::PainPoint, id)), "; ");
                    vec![
                        cell(&opportunity.name),
                        opportunity.status.choice_label().to_string(),
                        if opportunity.priority == Priority::Unset {
                            String::new()
                        } else {
                            opportunity.priority.choice_label().to_string()
                        },
                        cell(&opportunity.owner),
                        opportunity.evidence.choice_label().to_string(),
                        cell(&opportunity.source),
                        if answers.is_empty() {
                            "*no pain point recorded*".to_string()
                        } else {
                            answers
                        },
                        touchpoints(&opportunity.touchpoints),
                        personas(&opportunity.personas),
                        cell(&opportunity.notes),
                    ]
                })
                .collect();
            out.push_str(&table(
                &[
                    "Opportunity",
                    "Status",
                    "Priority",
                    "Owner",
                    "Evidence",
                    "Source",
                    "Answers",
                    "Touchpoints",
                    "Personas",
                    "Notes",
                ],
                &[],
                &rows,
            ));
        }
    }
}

fn stages(out: &mut Out, map: &JourneyMap, names: &Names) {
    if map.stages.is_empty() {
        out.push_str("No stages yet.\n");
        return;
    }
    let by_stage = names.touchpoints_by_stage();
    let lanes = playbook::lanes_by_stage(map, names);
    for (n, stage) in map.stages.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let _ = write!(out, "### {}. {}\n\n", n + 1, inline(&stage.name));
        if stage.mindset != Mindset::Unspecified {
            let _ = writeln!(out, "- **Mindset:** {}", stage.mindset.label());
        }
        let _ = writeln!(out, "- **Emotion:** {:+}", stage.emotion);
        field(out, "Goal", &stage.goal);
        items(out, "Create", &stage.create);
        items(out, "Track", &stage.track);
        field(out, "Watch out", &stage.watch_out);
        let planned = names.join(&stage.tactics, |n, id| inline(n.tactic(id)), ", ");
        if !planned.is_empty() {
            let _ = writeln!(out, "- **Planned tactics:** {planned}");
        }
        field(out, "Notes", &stage.notes);
        for ((_, label), entries) in playbook::LANES.iter().zip(&lanes[n]) {
            if entries.is_empty() {
                continue;
            }
            let _ = writeln!(out, "- **{label}:**");
            for &i in entries {
                let insight = &map.insights[i];
                out.push_str("  - ");
                push_inline(out, &insight.name);
                out.push_str(" (");
                push_inline(out, &playbook::evidence(insight.evidence, &insight.source));
                out.push(')');
                if !insight.personas.is_empty() {
                    out.push_str(" for ");
                    push_joined(out, &insight.personas, "; ", |out, id| {
                        push_inline(out, names.persona(id))
                    });
                }
                out.push('\n');
            }
        }
        if by_stage[n].is_empty() {
            out.push_str("- **Touchpoints:** none yet\n");
            continue;
        }
        out.push_str("- **Touchpoints:**\n");
        for &t in &by_stage[n] {
            let tp = &map.touchpoints[t];
            out.push_str("  - ");
            push_inline(out, &tp.name);
            if !tp.tactics.is_empty() {
                out.push_str(" \\[");
                push_joined(out, &tp.tactics, ", ", |out, id| push_inline(out, names.tactic(id)));
                out.push_str("\\]");
            }
            out.push_str(" for ");
            if tp.personas.is_empty() {
                out.push_str("everyone");
            } else {
                push_joined(out, &tp.personas, "; ", |out, id| push_inline(out, names.persona(id)));
            }
            if let Some(emotion) = tp.emotion {
                let _ = write!(out, " (emotion {emotion:+})");
            }
            if !tp.cta.trim().is_empty() {
                out.push_str(" (call to action: ");
                push_inline(out, &tp.cta);
                out.push(')');
            }
            out.push('\n');
            out.pass_on();
        }
    }
}

/// The matrix as a GFM table: discipline rows in bold, marks for planned
/// and empty cells, totals last.
pub fn matrix_table(map: &JourneyMap, matrix: &Matrix) -> String {
    let (planned, empty) = marks(false);
    let mut headers: Vec<String> = vec!["Tactic".into()];
    headers.extend(map.stages.iter().map(|s| cell(&s.name)));
    headers.push("Total".into());
    let mut align = vec![":---"];
    align.extend(std::iter::repeat_n(":---:", map.stages.len() + 1));
    let mut rows = Vec::new();
    for group in matrix.groups() {
        rows.push(vec![format!("**{}**", inline(&group.discipline))]);
        for row in group.rows.clone() {
            let mut cells = vec![cell(&map.tactics[matrix.tactic_at(row)].name)];
            cells.extend(
                (0..matrix.stage_count()).map(|column| match matrix.cell(row, column).state {
                    CellState::Carried(n) => n.to_string(),
                    CellState::Planned => planned.to_string(),
                    CellState::Empty => empty.to_string(),
                }),
            );
            cells.push(matrix.tactic_total(row).to_string());
            rows.push(cells);
        }
    }
    let mut totals = vec!["**Total**".to_string()];
    totals.extend((0..matrix.stage_count()).map(|c| format!("**{}**", matrix.stage_total(c))));
    totals.push(format!("**{}**", matrix.total()));
    rows.push(totals);
    let header_refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    let mut out = table(&header_refs, &align, &rows);
    let _ = write!(
        out,
        "\n{planned} planned, no touchpoint yet; {empty} none; totals count distinct touchpoints.\n"
    );
    if let Some(filter) = describe_filter(map, matrix) {
        let _ = writeln!(out, "{}.", inline(&filter));
    }
    out
}

fn role(role: PersonaRole) -> Option<&'static str> {
    (role != PersonaRole::Unspecified).then(|| role.label())
}

fn personas(out: &mut String, map: &JourneyMap, names: &Names) {
    if map.personas.is_empty() {
        out.push_str("No personas yet.\n");
    }
    for (n, p) in map.personas.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let _ = write!(out, "### {}\n\n", inline(&p.name));
        if let Some(role) = role(p.role) {
            let _ = writeln!(out, "- **Role:** {role}");
        }
        if !p.segment.is_empty() {
            let _ = writeln!(out, "- **Segment:** {}", inline(names.segment(&p.segment)));
        }
        field(out, "About", &p.description);
        items(out, "Needs", &p.needs);
        items(out, "Pains", &p.pains);
        items(out, "Goals", &p.goals);
        items(out, "Channels", &p.channels);
    }
}

fn segments(out: &mut String, map: &JourneyMap) {
    if map.segments.is_empty() {
        out.push_str("No segments yet.\n");
    }
    for (n, s) in map.segments.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let mark = if s.anti { " (antisegment: not served)" } else { "" };
        let _ = write!(out, "### {}{mark}\n\n", inline(&s.name));
        field(out, "About", &s.description);
        items(out, "Needs", &s.needs);
        items(out, "Pains", &s.pains);
        if !s.usps.is_empty() {
            out.push_str("- **USPs:**\n");
            for usp in &s.usps {
                let _ = writeln!(out, "  - {}", inline(usp));
            }
        } else if !s.anti {
            out.push_str("- **USPs:** none yet\n");
        }
    }
}

fn competitors(out: &mut String, map: &JourneyMap, names: &Names) {
    if map.competitors.is_empty() {
        out.push_str("No competitors yet.\n");
        return;
    }
    let summary = playbook::summary(map, names);
    let rows: Vec<Vec<String>> = summary
        .rows
        .iter()
        .map(|row| row.iter().map(|text| cell(text)).collect())
        .collect();
    out.push_str(&table(&summary.headers, &[], &rows));
    for c in &map.competitors {
        let _ = write!(out, "\n### {} ({})\n\n", inline(&c.name), c.kind.label());
        field(out, "Price level", playbook::price_level(c));
        field(out, "Pricing", &c.pricing);
        field(out, "Positioning", &c.positioning);
        field(out, "USP", &c.usp);
        let segments = names.join(&c.segments, |n, id| inline(n.segment(id)), ", ");
        if !segments.is_empty() {
            let _ = writeln!(out, "- **Segments:** {segments}");
        }
        field(out, "Geography", &c.geography);
        items(out, "Channels", &c.channels);
        field(out, "Assortment", &c.assortment);
        field(out, "Reviews", &playbook::reviews(c));
        items(out, "Strengths", &c.strengths);
        items(out, "Weaknesses", &c.weaknesses);
        field(out, "Notes", &c.notes);
    }
}

fn touchpoints(out: &mut Out, map: &JourneyMap, names: &Names) {
    if map.touchpoints.is_empty() {
        out.push_str("No touchpoints yet.\n");
        return;
    }
    // One row per touchpoint, written straight into the report.
    out.push_str(&table(
        &[
            "Touchpoint",
            "Stage",
            "Tactics",
            "Personas",
            "Channel",
            "Call to action",
            "Owner",
            "Metric",
            "Notes",
        ],
        &[],
        &[],
    ));
    for t in &map.touchpoints {
        out.push_str("| ");
        push_cell(out, &t.name);
        out.push_str(" | ");
        push_cell(out, names.stage(&t.stage));
        out.push_str(" | ");
        push_joined(out, &t.tactics, ", ", |out, id| push_cell(out, names.tactic(id)));
        out.push_str(" | ");
        if t.personas.is_empty() {
            out.push_str("everyone");
        } else {
            push_joined(out, &t.personas, "; ", |out, id| push_cell(out, names.persona(id)));
        }
        for text in [&t.channel, &t.cta, &t.owner, &t.metric, &t.notes] {
            out.push_str(" | ");
            push_cell(out, text);
        }
        out.push_str(" |\n");
        out.pass_on();
    }
}

fn findings(out: &mut Out, findings: &[Finding]) {
    if findings.is_empty() {
        out.push_str("No findings.\n");
        return;
    }
    // A row per finding, written straight into the report (as `table` would).
    out.push_str(&table(
        &["Severity", "Check", "Item", "Finding", "What to do"],
        &[],
        &[],
    ));
    for f in findings {
        let _ = write!(out, "| {} | `{}` | ", f.severity.label(), f.check);
        if let Some((kind, id)) = &f.item {
            let _ = write!(out, "{} ", kind.noun());
            push_cell(out, id);
        }
        out.push_str(" | ");
        push_cell(out, &f.message);
        out.push_str(" | ");
        push_cell(out, &f.hint);
        out.push_str(" |\n");
        out.pass_on();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::sample_map;

    #[test]
    fn cells_never_split_or_break_a_row() {
        assert_eq!(cell("a | b\nc"), "a \\| b<br>c");
        assert_eq!(cell("a \\| b"), "a \\\\\\| b");
        assert_eq!(inline("<script>[x](y)"), "\\<script\\>\\[x\\](y)");
        assert_eq!(
            inline("Use & evaluation &amp; &#60;"),
            "Use & evaluation \\&amp; \\&\\#60;"
        );
    }

    #[test]
    fn paragraphs_do_not_turn_into_lists_or_headings() {
        assert_eq!(paragraph("- one\n# two\n1. three"), "\\- one\\\n\\# two\\\n1\\. three");
    }

    #[test]
    fn every_table_row_has_the_header_column_count() {
        let text = report(&sample_map(), &ReportOptions::default());
        let mut columns = None;
        for line in text.lines() {
            if !line.starts_with('|') {
                columns = None;
                continue;
            }
            // Cell separators are pipes without a backslash before them.
            let count = line
                .match_indices('|')
                .filter(|(i, _)| !line[..*i].ends_with('\\'))
                .count();
            match columns {
                None => columns = Some(count),
                Some(expected) => assert_eq!(count, expected, "{line}"),
            }
        }
    }

    #[test]
    fn the_report_has_every_section() {
        let text = report(&sample_map(), &ReportOptions::default());
        for section in Section::ALL {
            assert!(text.contains(&format!("\n## {}\n", section.title())), "{section}");
        }
        assert!(text.contains("### Students (antisegment: not served)"));
        assert!(text.contains("| **Advertising** |"), "{text}");
    }
}
