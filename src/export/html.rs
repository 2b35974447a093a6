//! The map as one self-contained web page, for planning documents, decks
//! and print: the brief, the journey canvas (a column per stage, cards
//! coloured by discipline, the emotion curve drawn, every lane), the goals,
//! the personas, the segments with their USPs, the competitor summary, the
//! stage-by-tactic matrix as a heat map and the findings.
//!
//! The page holds its styles inline, runs no script and fetches nothing.
//! It is written with maud, which escapes every interpolated text, so map
//! text can never become markup; every element holding map text carries
//! `dir="auto"`, so a right-to-left name reads right to left wherever it
//! stands. It follows the reader's light or dark preference and prints on
//! landscape pages, a section a page.
//!
//! The page is written to its output a piece at a time (a stage's cards, a
//! row of the matrix), so a map of 50,000 touchpoints never has its whole
//! page in memory.

use std::io::{self, Write};

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::Names;
use super::picture::{Card, DISCIPLINE_COLOURS, NO_DISCIPLINE_COLOUR, NO_TACTIC, Picture, clean, emotion_label};
use super::playbook::{self, BriefValue};
use crate::analysis::lint::{Finding, lint};
use crate::analysis::matrix::CellState;
use crate::analysis::{Matrix, MatrixFilter};
use crate::model::typed::Period;
use crate::model::{JourneyMap, PersonaRole};

/// Width of a stage's column, in CSS pixels: the emotion curve is drawn to it.
const COLUMN_WIDTH: u32 = 240;
/// Height of the emotion curve.
const CURVE_HEIGHT: u32 = 120;

/// Writes the page of `map` to `out`. Touchpoints, and the matrix, are
/// those `matrix` keeps (it was built with `filter`); goals are judged
/// overdue or not on `today`.
pub fn page(
    map: &JourneyMap,
    matrix: &Matrix,
    filter: &MatrixFilter,
    today: Period,
    out: &mut dyn Write,
) -> io::Result<()> {
    let names = Names::new(map);
    let picture = Picture::build(map, matrix, filter, usize::MAX, today);
    let title = if map.title.trim().is_empty() {
        "Journey map"
    } else {
        &map.title
    };
    // The page's outer elements are written around the sections, which
    // are written one at a time.
    write(
        out,
        html! {
            (DOCTYPE)
            (PreEscaped("<html lang=\"en\">"))
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="color-scheme" content="light dark";
                meta name="generator" content="journeymap";
                title dir="auto" { (clean(title)) }
                style { (PreEscaped(STYLE)) }
            }
            (PreEscaped("<body>"))
        },
    )?;
    write(out, header(map, &picture, title, today))?;
    journey(out, &picture)?;
    write(out, goals(map, &names, today))?;
    write(out, personas(map, &names))?;
    write(out, segments(map))?;
    write(out, competitors(map, &names))?;
    heat_map(out, map, matrix)?;
    write(out, findings(&lint(map)))?;
    out.write_all(b"</body>\n</html>\n")?;
    out.flush()
}

/// The page of `map` as a string (tests, the workbench's export).
pub fn page_string(map: &JourneyMap, matrix: &Matrix, filter: &MatrixFilter, today: Period) -> String {
    let mut bytes = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = page(map, matrix, filter, today, &mut bytes);
    String::from_utf8_lossy(&bytes).into_owned()
}

fn write(out: &mut dyn Write, markup: Markup) -> io::Result<()> {
    out.write_all(markup.0.as_bytes())?;
    out.write_all(b"\n")
}

fn header(map: &JourneyMap, picture: &Picture, title: &str, today: Period) -> Markup {
    let brief = playbook::brief(map);
    html! {
        header {
            h1 dir="auto" { (clean(title)) }
            @if !map.description.trim().is_empty() {
                p.description dir="auto" { (clean(&map.description)) }
            }
            @if let Some(note) = &picture.filter_note {
                p.filter dir="auto" { (clean(note)) }
            }
            @if !brief.is_empty() {
                dl.brief {
                    @for (label, value) in &brief {
                        dt { (label) }
                        @match value {
                            BriefValue::Text(text) => { dd dir="auto" { (clean(text)) } },
                            BriefValue::List(items) => {
                                dd { ul { @for item in *items { li dir="auto" { (clean(item)) } } } }
                            },
                        }
                    }
                }
            }
            p.asof { "As of " (playbook::date(today)) "." }
        }
    }
}

/// The journey canvas. Cards are written a stage at a time.
fn journey(out: &mut dyn Write, picture: &Picture) -> io::Result<()> {
    let columns = picture.stages.len();
    let table_width = 150 + COLUMN_WIDTH as usize * columns;
    write(
        out,
        html! {
            (PreEscaped("<section id=\"journey\">"))
            h2 { "The journey" }
        },
    )?;
    if columns == 0 {
        write(out, html! { p.empty { "No stages yet." } })?;
        return out.write_all(b"</section>\n");
    }
    write(
        out,
        html! {
            (PreEscaped(format!(
                "<div class=\"scroll\"><table class=\"journey\" style=\"width: {table_width}px\">"
            )))
            colgroup {
                col.lane;
                @for _ in &picture.stages { col.stage; }
            }
            thead {
                tr {
                    th.corner { "Stage" }
                    @for (i, stage) in picture.stages.iter().enumerate() {
                        th.stage scope="col" dir="auto" { (i + 1) ". " (clean(stage.name)) }
                    }
                }
            }
            (PreEscaped("<tbody>"))
            @if picture.has_stage_goals() {
                tr {
                    th scope="row" { "Goal and mindset" }
                    @for stage in &picture.stages {
                        td {
                            @if !stage.goal.is_empty() { p dir="auto" { (clean(stage.goal)) } }
                            @if let Some(mindset) = stage.mindset { p.mindset { (mindset) } }
                        }
                    }
                }
            }
        },
    )?;
    out.write_all(b"<tr><th scope=\"row\">Touchpoints</th>")?;
    for (column, more) in picture.more_cards.iter().enumerate() {
        out.write_all(b"<td class=\"cards\">")?;
        for card in picture.cards(column) {
            out.write_all(card_markup(&card).0.as_bytes())?;
        }
        if *more > 0 {
            write(out, html! { p.more { "+ " (more) " more" } })?;
        }
        out.write_all(b"</td>\n")?;
    }
    out.write_all(b"</tr>\n")?;
    write(
        out,
        html! {
            tr.emotion {
                th scope="row" { "Emotion" }
                td.curve colspan=(columns) { (curve(picture)) }
            }
            @for lane in &picture.lanes {
                tr {
                    th scope="row" { (lane.label) }
                    @for cell in &lane.cells {
                        td {
                            @if !cell.entries.is_empty() {
                                ul {
                                    @for entry in &cell.entries {
                                        @if entry.assumed {
                                            li.assumed dir="auto" title="An assumption, not yet backed by research or data" {
                                                (clean(&entry.text)) " " span.mark { "(assumed)" }
                                            }
                                        } @else {
                                            li dir="auto" { (clean(&entry.text)) }
                                        }
                                    }
                                }
                            }
                            @if cell.more > 0 { p.more { "+ " (cell.more) " more" } }
                        }
                    }
                }
            }
            @if picture.has_campaigns() {
                tr {
                    th scope="row" { "Campaigns" }
                    @for cell in &picture.campaigns {
                        td { @if !cell.is_empty() { ul { @for campaign in cell { li dir="auto" { (clean(campaign)) } } } } }
                    }
                }
            }
            (PreEscaped("</tbody></table></div>"))
            (legend(picture))
        },
    )?;
    out.write_all(b"</section>\n")
}

fn card_markup(card: &Card) -> Markup {
    html! {
        div.tp style=(format!("--c: {}", card.colour())) {
            p.name dir="auto" { (clean(card.name)) }
            @if !card.tactics.is_empty() {
                p.tactics dir="auto" { (clean(&card.tactics.join(", "))) }
            }
            @if !card.channel.is_empty() {
                p.channel dir="auto" { (clean(card.channel)) }
            }
            @if let Some(emotion) = card.emotion {
                p.feels { "Feels " (emotion_label(emotion)) }
            }
        }
    }
}

/// The emotion curve across the stage columns: a point per stage at its
/// score, -2 at the bottom and +2 at the top, with the score written by it.
fn curve(picture: &Picture) -> Markup {
    let width = COLUMN_WIDTH * picture.stages.len() as u32;
    let top = 18.0;
    let span = f64::from(CURVE_HEIGHT) - 44.0;
    let level = |score: i8| top + (2.0 - f64::from(score.clamp(-2, 2))) / 4.0 * span;
    let points: Vec<(f64, f64, i8)> = picture
        .stages
        .iter()
        .enumerate()
        .map(|(i, s)| ((i as f64 + 0.5) * f64::from(COLUMN_WIDTH), level(s.emotion), s.emotion))
        .collect();
    let line = points
        .iter()
        .map(|(x, y, _)| format!("{x},{y}"))
        .collect::<Vec<_>>()
        .join(" ");
    let scores = points
        .iter()
        .map(|(_, _, s)| emotion_label(*s))
        .collect::<Vec<_>>()
        .join(", ");
    html! {
        svg width=(width) height=(CURVE_HEIGHT) viewBox=(format!("0 0 {width} {CURVE_HEIGHT}")) role="img" aria-label=(format!("Emotion by stage: {scores}")) {
            line.zero x1="0" x2=(width) y1=(level(0)) y2=(level(0)) {}
            @if points.len() > 1 { polyline points=(line) {} }
            @for (x, y, score) in &points {
                circle.(score_class(*score)) cx=(x) cy=(y) r="6" {}
                text x=(x) y=(if *score >= 0 { y + 22.0 } else { y - 12.0 }) text-anchor="middle" { (emotion_label(*score)) }
            }
        }
    }
}

fn score_class(score: i8) -> &'static str {
    match score {
        i8::MIN..=-2 => "s-2",
        -1 => "s-1",
        0 => "s0",
        1 => "s1",
        _ => "s2",
    }
}

fn legend(picture: &Picture) -> Markup {
    html! {
        @if !picture.disciplines.is_empty() || picture.untactical {
            ul.legend aria-label="Card colours by discipline" {
                @for (i, discipline) in picture.disciplines.iter().enumerate() {
                    li style=(format!("--c: {}", DISCIPLINE_COLOURS[i % DISCIPLINE_COLOURS.len()])) dir="auto" { (clean(discipline)) }
                }
                @if picture.untactical {
                    li style=(format!("--c: {NO_DISCIPLINE_COLOUR}")) { (NO_TACTIC) }
                }
            }
        }
    }
}

fn goals(map: &JourneyMap, names: &Names, today: Period) -> Markup {
    let rows = playbook::scorecard(map, names, today);
    html! {
        @if !rows.is_empty() {
            section #goals {
                h2 { "Goals" }
                table.data {
                    thead { tr { th { "Goal" } th { "Metric" } th { "Baseline" } th { "Target" } th { "Current" } th { "Progress" } th { "Deadline" } th { "Stages" } th { "Owner" } } }
                    tbody {
                        @for row in &rows {
                            @let goal = row.goal;
                            tr.overdue[row.overdue] {
                                td dir="auto" { (clean(&goal.name)) }
                                td dir="auto" { (clean(&goal.metric)) @if !goal.unit.is_empty() { " (" (clean(&goal.unit)) ")" } }
                                td.num { (goal.baseline) }
                                td.num { (goal.target) }
                                td.num { (goal.current) }
                                td.num {
                                    (row.progress_text())
                                    @if let Some(p) = row.progress {
                                        meter min="0" max="100" value=(p.clamp(0.0, 100.0)) {}
                                    }
                                }
                                td { (goal.deadline) @if row.overdue { " " strong.late { "overdue" } } }
                                td dir="auto" { (clean(&row.stages.join(", "))) }
                                td dir="auto" { (clean(&goal.owner)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn role(role: PersonaRole) -> Option<&'static str> {
    (role != PersonaRole::Unspecified).then(|| role.label())
}

/// A labelled list inside a profile card, when it has items.
fn list(label: &str, items: &[String]) -> Markup {
    html! {
        @if !items.is_empty() {
            h4 { (label) }
            ul { @for item in items { li dir="auto" { (clean(item)) } } }
        }
    }
}

fn personas(map: &JourneyMap, names: &Names) -> Markup {
    html! {
        section #personas {
            h2 { "Personas" }
            @if map.personas.is_empty() { p.empty { "No personas yet." } }
            div.profiles {
                @for p in &map.personas {
                    article.profile {
                        h3 dir="auto" { (clean(&p.name)) }
                        @if let Some(role) = role(p.role) { p.role { (role) } }
                        @if !p.segment.is_empty() {
                            p.segment { "Segment: " span dir="auto" { (clean(names.segment(&p.segment))) } }
                        }
                        @if !p.description.trim().is_empty() { p dir="auto" { (clean(&p.description)) } }
                        (list("Needs", &p.needs))
                        (list("Pains", &p.pains))
                        (list("Goals", &p.goals))
                        (list("Channels", &p.channels))
                    }
                }
            }
        }
    }
}

fn segments(map: &JourneyMap) -> Markup {
    html! {
        section #segments {
            h2 { "Segments and their USPs" }
            @if map.segments.is_empty() { p.empty { "No segments yet." } }
            div.profiles {
                @for s in &map.segments {
                    article.profile.anti[s.anti] {
                        h3 dir="auto" { (clean(&s.name)) }
                        @if s.anti { p.role { "Antisegment: not served" } }
                        @if !s.description.trim().is_empty() { p dir="auto" { (clean(&s.description)) } }
                        @if !s.usps.is_empty() {
                            h4 { "USPs" }
                            ul.usps { @for usp in &s.usps { li dir="auto" { (clean(usp)) } } }
                        } @else if !s.anti {
                            p.missing { "No USP yet." }
                        }
                        (list("Needs", &s.needs))
                        (list("Pains", &s.pains))
                    }
                }
            }
        }
    }
}

fn competitors(map: &JourneyMap, names: &Names) -> Markup {
    let summary = playbook::summary(map, names);
    html! {
        section #competitors {
            h2 { "Competitors" }
            @if map.competitors.is_empty() {
                p.empty { "No competitors yet." }
            } @else {
                div.scroll {
                    table.data {
                        thead { tr { @for header in &summary.headers { th { (header) } } } }
                        tbody {
                            @for row in &summary.rows {
                                tr { @for text in row { td dir="auto" { (clean(text)) } } }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The stage-by-tactic matrix, each cell shaded by how many touchpoints
/// carry the tactic at the stage. Written a row at a time.
fn heat_map(out: &mut dyn Write, map: &JourneyMap, matrix: &Matrix) -> io::Result<()> {
    let most = (0..matrix.row_count())
        .flat_map(|row| (0..matrix.stage_count()).map(move |column| (row, column)))
        .filter_map(|(row, column)| match matrix.cell(row, column).state {
            CellState::Carried(count) => Some(count),
            _ => None,
        })
        .max()
        .unwrap_or(0);
    write(
        out,
        html! {
            (PreEscaped("<section id=\"matrix\">"))
            h2 { "Stages by tactics" }
            p.explain {
                "How many touchpoints use each tactic at each stage; darker is more. "
                span.planned-key { "○" } " planned at the stage, no touchpoint yet."
            }
        },
    )?;
    if matrix.row_count() == 0 || matrix.stage_count() == 0 {
        write(out, html! { p.empty { "No tactics or stages yet." } })?;
        return out.write_all(b"</section>\n");
    }
    write(
        out,
        html! {
            (PreEscaped("<div class=\"scroll\"><table class=\"heat\">"))
            thead {
                tr {
                    th { "Tactic" }
                    @for (i, stage) in map.stages.iter().enumerate() {
                        th scope="col" dir="auto" { (i + 1) ". " (clean(&stage.name)) }
                    }
                    th { "Total" }
                }
            }
            (PreEscaped("<tbody>"))
        },
    )?;
    for group in matrix.groups() {
        write(
            out,
            html! { tr.group { th colspan=(matrix.stage_count() + 2) dir="auto" { (clean(&group.discipline)) } } },
        )?;
        for row in group.rows.clone() {
            let tactic = &map.tactics[matrix.tactic_at(row)];
            write(
                out,
                html! {
                    tr {
                        th scope="row" dir="auto" { (clean(&tactic.name)) }
                        @for column in 0..matrix.stage_count() {
                            @let cell = matrix.cell(row, column);
                            @match cell.state {
                                CellState::Carried(count) => {
                                    td.hot style=(format!("--heat: {:.2}", 0.15 + 0.85 * count as f64 / most.max(1) as f64)) { (count) }
                                },
                                CellState::Planned => { td.planned title="Planned, no touchpoint yet" { "○" } },
                                CellState::Empty => { td {} },
                            }
                        }
                        td.num { (matrix.tactic_total(row)) }
                    }
                },
            )?;
        }
    }
    write(
        out,
        html! {
            (PreEscaped("</tbody>"))
            tfoot {
                tr {
                    th { "Touchpoints" }
                    @for column in 0..matrix.stage_count() { td.num { (matrix.stage_total(column)) } }
                    td.num { (matrix.total()) }
                }
            }
            (PreEscaped("</table></div></section>"))
        },
    )
}

fn findings(findings: &[Finding]) -> Markup {
    html! {
        section #findings {
            h2 { "Findings" }
            @if findings.is_empty() {
                p.empty { "No findings." }
            } @else {
                ul.findings {
                    @for f in findings {
                        li class=(f.severity.label()) {
                            span.severity { (f.severity.label()) }
                            " "
                            code { (f.check) }
                            @if let Some((kind, id)) = &f.item { " " span.item dir="auto" { (kind.noun()) " " (clean(id)) } }
                            p dir="auto" { (clean(&f.message)) }
                            @if !f.hint.is_empty() { p.hint dir="auto" { (clean(&f.hint)) } }
                        }
                    }
                }
            }
        }
    }
}

/// The page's styles: light by default, dark when the reader prefers it,
/// landscape pages in print with a section a page.
const STYLE: &str = r#"
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1f2937; --muted: #6b7280; --line: #e5e7eb; --band: #f8fafc;
  --head: #1e293b; --head-fg: #ffffff; --card: #ffffff; --heat-rgb: 37, 99, 235;
  --warn: #b45309; --error: #b91c1c; --info: #1d4ed8;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0f172a; --fg: #e5e7eb; --muted: #9ca3af; --line: #334155; --band: #111c31;
    --head: #334155; --head-fg: #f8fafc; --card: #1e293b; --heat-rgb: 96, 165, 250;
    --warn: #fbbf24; --error: #f87171; --info: #93c5fd;
  }
}
* { box-sizing: border-box; }
body { margin: 0; padding: 24px 32px; background: var(--bg); color: var(--fg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans Arabic", "Noto Sans CJK JP", Arial, sans-serif; }
h1 { font-size: 28px; margin: 0 0 6px; }
h2 { font-size: 20px; margin: 32px 0 12px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 16px; margin: 0 0 6px; }
h4 { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: 10px 0 2px; }
p { margin: 0 0 6px; }
/* Room for the bullet on either side: a right-to-left item has it on the right. */
ul { margin: 0; padding: 0 16px; }
[dir="auto"] { unicode-bidi: isolate; }
.description, .filter, .asof, .explain, .empty, .more, .missing { color: var(--muted); }
.filter { font-weight: 600; }
dl.brief { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 12px 0; }
dl.brief dt { font-weight: 600; color: var(--muted); }
dl.brief dd { margin: 0; }
.scroll { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; }
table.journey { table-layout: fixed; }
table.journey col.lane { width: 150px; }
table.journey col.stage { width: 240px; }
table.journey th, table.journey td { border: 1px solid var(--line); padding: 8px; vertical-align: top; text-align: start; }
table.journey td { overflow-wrap: anywhere; }
table.journey thead th.stage { background: var(--head); color: var(--head-fg); font-size: 15px; }
table.journey thead th.corner { background: var(--band); color: var(--muted); }
table.journey tbody th { background: var(--band); color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
table.journey .mindset { font-style: italic; color: var(--muted); }
td.cards { background: var(--band); }
.tp { background: var(--card); border: 1px solid var(--line); border-inline-start: 6px solid var(--c); border-radius: 6px; padding: 6px 8px; margin-bottom: 6px; break-inside: avoid; }
.tp .name { font-weight: 600; margin: 0; }
.tp .tactics, .tp .channel, .tp .feels { font-size: 12px; color: var(--muted); margin: 0; }
.tp .tactics { color: var(--c); font-weight: 600; }
td.curve { padding: 0; }
td.curve svg { display: block; width: 100%; height: auto; }
td.curve line.zero { stroke: var(--line); stroke-dasharray: 4 4; }
td.curve polyline { fill: none; stroke: var(--fg); stroke-width: 2; }
td.curve text { fill: var(--fg); font-size: 12px; }
.s-2 { fill: #dc2626; } .s-1 { fill: #f97316; } .s0 { fill: #6b7280; } .s1 { fill: #65a30d; } .s2 { fill: #16a34a; }
li.assumed { color: var(--muted); font-style: italic; }
.mark { font-size: 11px; }
ul.legend { list-style: none; padding: 0; margin: 10px 0 0; display: flex; flex-wrap: wrap; gap: 6px 18px; font-size: 12px; }
ul.legend li::before { content: ""; display: inline-block; width: 12px; height: 12px; border-radius: 2px; background: var(--c); margin-inline-end: 6px; vertical-align: -1px; }
table.data th, table.data td { border: 1px solid var(--line); padding: 6px 8px; text-align: start; vertical-align: top; }
table.data thead th { background: var(--band); }
td.num { text-align: end; font-variant-numeric: tabular-nums; }
tr.overdue td { color: var(--error); }
meter { width: 60px; margin-inline-start: 6px; vertical-align: middle; }
.late { color: var(--error); }
.profiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 12px; }
.profile { border: 1px solid var(--line); border-radius: 8px; padding: 12px; background: var(--band); break-inside: avoid; }
.profile.anti { opacity: .75; border-style: dashed; }
.profile .role, .profile .segment { color: var(--muted); font-size: 13px; }
ul.usps li { font-weight: 600; }
table.heat th, table.heat td { border: 1px solid var(--line); padding: 4px 8px; text-align: center; min-width: 44px; }
table.heat thead th { background: var(--band); font-size: 12px; max-width: 160px; }
table.heat tbody th { text-align: start; font-weight: normal; white-space: nowrap; }
table.heat tr.group th { text-align: start; background: var(--band); font-weight: 600; }
table.heat td.hot { background: rgba(var(--heat-rgb), var(--heat)); color: var(--fg); font-weight: 600; }
table.heat td.planned, .planned-key { color: var(--muted); }
table.heat tfoot th, table.heat tfoot td { font-weight: 600; }
ul.findings { list-style: none; padding: 0; }
ul.findings li { border-inline-start: 4px solid var(--muted); padding: 4px 10px; margin-bottom: 8px; }
ul.findings li.error { border-color: var(--error); }
ul.findings li.warning { border-color: var(--warn); }
ul.findings li.info { border-color: var(--info); }
.severity { font-weight: 700; text-transform: uppercase; font-size: 11px; }
.hint { color: var(--muted); }
@page { size: landscape; margin: 12mm; }
@media print {
  body { padding: 0; font-size: 11px; }
  .scroll { overflow: visible; }
  /* The whole journey on the page's width: the columns share it, and the
     emotion curve scales with them. */
  table.journey { width: 100% !important; }
  table.journey col.lane { width: 9%; }
  table.journey col.stage { width: auto; }
  table.journey td, table.journey th { padding: 4px; }
  section { break-before: page; }
  section#journey { break-before: avoid; }
  h2 { break-after: avoid; }
  tr, .tp { break-inside: avoid; }
}
"#;
