//! The planning report as plain text, for terminals, e-mails and documents
//! that do not take Markdown. Every string from the map is sanitized and
//! wrapped between words to the width budget (or not at all with
//! [`NO_WRAP`](super::NO_WRAP)).

use std::fmt::Write;

use super::campaigns;
use super::grid::{GridOptions, render_matrix};
use super::out::{Batches, Out, collected, write_in_batches};
use super::playbook::{self, BriefValue, CanvasRow, Problems};
use super::table::{Align, Drawing, Measure, Table, TableCell, TableRow, TableStyle, Tone, fitting};
use super::{NO_WRAP, Names, ReportOptions, Section};
use crate::analysis::lint::lint_with;
use crate::analysis::{Finding, Matrix, MatrixFilter, Severity};
use crate::model::schema::ChoiceSet;
use crate::model::{ItemKind, JourneyMap, Mindset, PersonaRole, Priority, Stage, Touchpoint};
use crate::text::{sanitize, sanitize_multiline, stands_as_one_line, unambiguous, width, wrap_words_each};

/// The whole report.
pub fn report(map: &JourneyMap, options: &ReportOptions) -> String {
    collected(|out| write_report(map, options, out))
}

/// Touchpoints (or findings) laid out together, a few tens of kilobytes
/// of text: small enough that the batches in flight cost little memory,
/// large enough that handing them between threads costs little time.
const BATCH: usize = 128;

/// The whole report, written to `out` as it is made.
pub fn write_report(map: &JourneyMap, options: &ReportOptions, out: &mut Out) {
    write_report_in(map, options, out, Batches::for_this_machine(BATCH));
}

/// [`write_report`], its long lists (the stages' touchpoints, the
/// touchpoints, the findings) laid out in `batches`.
///
/// With a second thread, the slowest work of two later sections is done
/// ahead, on a thread of its own: the matrix's text, then the lint
/// findings, which take a large map tens of milliseconds each and are
/// small once made. They are made while the stages are written, where one
/// processor is often idle, and taken when their sections come. The work
/// starts once the journey is written: the journey's canvas is the largest
/// thing a report holds for a while, and what is made ahead is not held
/// beside it. The findings use the report's own index.
fn write_report_in(map: &JourneyMap, options: &ReportOptions, out: &mut Out, batches: Batches) {
    let names = Names::new(map);
    std::thread::scope(|scope| {
        let mut ahead = Ahead::default();
        let title = if map.title.trim().is_empty() {
            "Customer journey"
        } else {
            map.title.as_str()
        };
        underline(out, &sanitize(title), '=');
        for section in Section::ALL.into_iter().filter(|s| options.has(*s)) {
            // Leaving the scope waits for the work made ahead.
            if out.failed() {
                return;
            }
            if batches.second_thread && section > Section::Journey && !ahead.started {
                let names = &names;
                ahead.started = true;
                ahead.making = Some(scope.spawn(move || MadeAhead::make(map, names, options)));
            }
            out.push('\n');
            underline(out, section.title(), '-');
            match section {
                Section::Overview => overview(out, map, options.width),
                Section::Scorecard => scorecard(out, map, &names, options),
                Section::Journey => journey(out, map, options, batches),
                Section::Stages => stages(out, map, &names, options.width, batches),
                Section::Pains => pains(out, map, &names, options.width),
                Section::Matrix => match ahead.made().matrix.take() {
                    Some(text) => out.push_str(&text),
                    None => matrix(out, map, options),
                },
                Section::Ladder => out.push_str(&campaigns::ladder_text(
                    map,
                    options.width,
                    options.ascii,
                    options.visual,
                )),
                Section::Flow => out.push_str(&campaigns::flow_text(
                    map,
                    &campaigns::FlowOptions {
                        cells: campaigns::FlowCells::Count,
                        width: options.width,
                        ascii: options.ascii,
                        visual: options.visual,
                    },
                )),
                Section::Calendar => out.push_str(&campaigns::calendar_text(
                    map,
                    options.width,
                    options.ascii,
                    options.visual,
                )),
                Section::Personas => personas(out, map, &names, options.width),
                Section::Segments => segments(out, map, options.width),
                Section::Competitors => competitors(out, map, &names, options),
                Section::Touchpoints => touchpoints(out, map, &names, options, batches),
                Section::Findings => {
                    let found = ahead
                        .made()
                        .findings
                        .take()
                        .unwrap_or_else(|| lint_with(map, names.index()));
                    write_findings_in(out, &found, None, false, options.width, batches);
                }
            }
            out.pass_on();
        }
    });
}

/// The report's work done ahead of its sections, on a thread of its own.
#[derive(Default)]
struct Ahead<'scope> {
    started: bool,
    making: Option<std::thread::ScopedJoinHandle<'scope, MadeAhead>>,
    made: MadeAhead,
}

impl Ahead<'_> {
    /// What was made ahead, waited for if still being made; nothing if
    /// the work never started (the section then does its own).
    fn made(&mut self) -> &mut MadeAhead {
        if let Some(making) = self.making.take() {
            // A panic on that thread goes on here, as if the work had been
            // done on this one.
            self.made = making.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        }
        &mut self.made
    }
}

/// The matrix's text and the findings, each made when its section is
/// wanted and taken by that section.
#[derive(Default)]
struct MadeAhead {
    matrix: Option<String>,
    findings: Option<Vec<Finding>>,
}

impl MadeAhead {
    fn make(map: &JourneyMap, names: &Names, options: &ReportOptions) -> Self {
        Self {
            matrix: options.has(Section::Matrix).then(|| {
                let mut text = String::new();
                matrix(&mut text, map, options);
                text
            }),
            findings: options.has(Section::Findings).then(|| lint_with(map, names.index())),
        }
    }
}

/// Lint findings, one block each, then a count, wrapped to `max` cells.
/// `origin` (a file name) is shown before the item when given; `colour`
/// paints the severities.
pub fn findings(findings: &[Finding], origin: Option<&str>, colour: bool, max: usize) -> String {
    collected(|out| write_findings(out, findings, origin, colour, max))
}

/// [`findings`], written to `out` as they are made.
pub fn write_findings(out: &mut Out, findings: &[Finding], origin: Option<&str>, colour: bool, max: usize) {
    write_findings_in(out, findings, origin, colour, max, Batches::for_this_machine(BATCH));
}

/// [`write_findings`], laid out in `batches`.
fn write_findings_in(
    out: &mut Out,
    findings: &[Finding],
    origin: Option<&str>,
    colour: bool,
    max: usize,
    batches: Batches,
) {
    write_in_batches(out, findings.len(), batches, |out, range| {
        for f in &findings[range] {
            finding(out, f, origin, colour, max);
        }
    });
    hang(out, "", &summary(findings), max);
}

/// One finding's block, a blank line after it.
fn finding(out: &mut String, f: &Finding, origin: Option<&str>, colour: bool, max: usize) {
    let start = out.len();
    hang(out, &format!("{}[{}]: ", f.severity, f.check), &f.message, max);
    if colour {
        let code = match f.severity {
            Severity::Error => "\u{1b}[1;31m",
            Severity::Warning => "\u{1b}[1;33m",
            Severity::Info => "\u{1b}[1;36m",
        };
        let label = f.severity.label();
        out.replace_range(start..start + label.len(), &format!("{code}{label}\u{1b}[0m"));
    }
    let item = f.item.as_ref().map(|(kind, id)| format!("{} `{}`", kind.noun(), id));
    let place = match (origin, item) {
        (Some(origin), Some(item)) => format!("{origin}: {item}"),
        (Some(origin), None) => origin.to_string(),
        (None, Some(item)) => item,
        (None, None) => String::new(),
    };
    if !place.is_empty() {
        hang(out, "  --> ", &place, max);
    }
    hang(out, "  = help: ", &f.hint, max);
    out.push('\n');
}

/// "2 errors, 1 warning, 0 notes" or "no findings".
pub fn summary(findings: &[Finding]) -> String {
    if findings.is_empty() {
        return "no findings".to_string();
    }
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "{}, {}, {}",
        plural(count(Severity::Error), "error", "errors"),
        plural(count(Severity::Warning), "warning", "warnings"),
        plural(count(Severity::Info), "note", "notes")
    )
}

fn underline(out: &mut String, title: &str, rule: char) {
    let _ = writeln!(out, "{title}");
    out.extend(std::iter::repeat_n(rule, width(title).max(1)));
    out.push('\n');
}

/// `prefix` then `text` wrapped to `max` cells, later lines indented to match.
fn hang(out: &mut String, prefix: &str, text: &str, max: usize) {
    hang_parts(out, &[prefix], text, max);
}

/// [`hang`] after a prefix made of `parts`, written one after the other.
fn hang_parts(out: &mut String, parts: &[&str], text: &str, max: usize) {
    let indent: usize = parts.iter().map(|part| width(part)).sum();
    let room = max.saturating_sub(indent).max(20);
    // Most fields are one short line of plain text, written as it stands.
    if stands_as_one_line(text, room) {
        parts.iter().for_each(|part| out.push_str(part));
        out.push_str(text);
        out.push('\n');
        return;
    }
    let clean = sanitize_multiline(text);
    let mut first = true;
    wrap_words_each(&clean, room, |line| {
        if first {
            parts.iter().for_each(|part| out.push_str(part));
            first = false;
        } else {
            out.extend(std::iter::repeat_n(' ', indent));
        }
        out.push_str(&line);
        out.push('\n');
    });
}

/// Whether `text` holds nothing but white space (`text.trim().is_empty()`,
/// looking no further than its first other character).
fn blank(text: &str) -> bool {
    text.chars().all(char::is_whitespace)
}

/// `label: text` under `indent`, skipped when empty.
fn field(out: &mut String, indent: &str, label: &str, text: &str, max: usize) {
    if !blank(text) {
        hang_parts(out, &[indent, label, ": "], text, max);
    }
}

/// `label: a; b; c` under `indent`, skipped when empty.
fn items(out: &mut String, indent: &str, label: &str, list: &[String], max: usize) {
    if !list.is_empty() {
        field(out, indent, label, &list.join("; "), max);
    }
}

fn overview(out: &mut String, map: &JourneyMap, max: usize) {
    if !map.description.trim().is_empty() {
        hang(out, "", &map.description, max);
        out.push('\n');
    }
    let brief = playbook::brief(map);
    for (label, value) in &brief {
        match value {
            BriefValue::Text(text) => field(out, "", label, text, max),
            BriefValue::List(list) => {
                let _ = writeln!(out, "{label}:");
                for entry in *list {
                    hang(out, "   - ", entry, max);
                }
            }
        }
    }
    if !brief.is_empty() {
        out.push('\n');
    }
    field(out, "", "Framework", &map.framework, max);
    hang(out, "", &super::contents(map), max);
}

/// One row per goal: where it stands between its baseline and target, and
/// whether it is overdue on the report's day.
fn scorecard(out: &mut String, map: &JourneyMap, names: &Names, options: &ReportOptions) {
    if map.goals.is_empty() {
        out.push_str("No goals yet.\n");
        return;
    }
    let max = options.width;
    let as_of = playbook::date(options.today);
    hang(
        out,
        "",
        &format!(
            "As of {as_of}. Progress runs from the baseline (0%) to the target (100%); \
             a goal is overdue when its deadline has passed and its target is not met."
        ),
        max,
    );
    out.push('\n');
    let rows = playbook::scorecard(map, names, options.today);
    // `->` would break after its hyphen.
    let (arrow, unset) = if options.ascii {
        ("to", "-")
    } else {
        ("\u{2192}", "\u{2013}")
    };
    let mut table = Table::new(vec![10, 10, 8, 6, 8, 8, 6]);
    table.row(header(&[
        "Goal",
        "Metric",
        &format!("Baseline {arrow} now {arrow} target"),
        "Progress",
        "Deadline",
        "Stages",
        "Owner",
    ]));
    for row in &rows {
        table.rule();
        let goal = row.goal;
        let mut metric = sanitize(&goal.metric).into_owned();
        if !goal.unit.trim().is_empty() {
            let _ = write!(metric, " ({})", sanitize(goal.unit.trim()));
        }
        let mut deadline = sanitize(&goal.deadline).into_owned();
        if row.overdue {
            deadline.push_str("\noverdue");
        }
        let or_unset = |number: &str| {
            if number.is_empty() {
                unset.to_string()
            } else {
                number.to_string()
            }
        };
        // No-break spaces keep the three numbers on one line, as a gauge.
        let numbers = format!(
            "{}\u{a0}{arrow}\u{a0}{}\u{a0}{arrow}\u{a0}{}",
            or_unset(&goal.baseline),
            or_unset(&goal.current),
            or_unset(&goal.target)
        );
        table.row(vec![
            TableCell::new(sanitize(&goal.name)),
            TableCell::new(metric),
            TableCell::new(numbers),
            TableCell::new(row.progress_text()).align(Align::Right),
            TableCell::new(deadline),
            TableCell::new(sanitize(&row.stages.join(", "))),
            TableCell::new(sanitize(&goal.owner)),
        ]);
    }
    if let Some(rendered) = table.render_if_fits(&table_style(options)) {
        out.push_str(&rendered);
        return;
    }
    // Too narrow for seven columns of whole words: one block per goal.
    for (n, row) in rows.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let goal = row.goal;
        hang(out, "", &goal.name, max);
        let indent = "   ";
        let mut metric = goal.metric.clone();
        if !goal.unit.trim().is_empty() {
            let _ = write!(metric, " ({})", goal.unit.trim());
        }
        field(out, indent, "Metric", &metric, max);
        let numbers: Vec<String> = [
            ("baseline", &goal.baseline),
            ("now", &goal.current),
            ("target", &goal.target),
        ]
        .into_iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(label, value)| format!("{label} {value}"))
        .collect();
        let mut progress = row.progress_text();
        if !numbers.is_empty() {
            let _ = write!(progress, " ({})", numbers.join(", "));
        }
        field(out, indent, "Progress", &progress, max);
        let mut deadline = goal.deadline.clone();
        if row.overdue {
            deadline.push_str(" (overdue)");
        }
        field(out, indent, "Deadline", &deadline, max);
        field(out, indent, "Stages", &row.stages.join(", "), max);
        field(out, indent, "Owner", &goal.owner, max);
    }
}

/// The narrowest a stage's column of the canvas gets before the stages
/// are split into several blocks.
const CANVAS_COLUMN: usize = 18;

/// The classic journey map: one column per stage, one row per lane. Stages
/// that do not fit the width side by side go on in further blocks, each
/// repeating the lanes' labels.
fn journey(out: &mut Out, map: &JourneyMap, options: &ReportOptions, batches: Batches) {
    if map.stages.is_empty() {
        out.push_str("No stages yet.\n");
        return;
    }
    let rows = playbook::canvas(map, options.today);
    let headers: Vec<String> = (0..map.stages.len()).map(|s| playbook::stage_heading(map, s)).collect();
    // Each block of stages is a table of its own, laid out whole: one
    // block to a batch.
    let blocks = Batches { size: 1, ..batches };
    column_blocks(out, &headers, &rows, options, CANVAS_COLUMN, blocks);
    let mut legend = String::from("Thinking holds what customers think and ask.");
    if playbook::has_assumptions(map) {
        legend.push(' ');
        legend.push_str(playbook::ASSUMED_LEGEND);
    }
    legend.push_str(" KPIs: what the stage tracks, then the goals that measure it with their progress.");
    hang(out, "", &legend, options.width);
}

/// Entries fitted to `cells` columns: each listed entry after a bullet,
/// its further lines indented under its text.
fn fitted(entries: &[String], listed: bool, ascii: bool, cells: usize) -> String {
    let bullet = if ascii { "- " } else { "\u{2022} " };
    let mut text = String::new();
    let mut first_line = true;
    let mut start_line = |text: &mut String| {
        if !std::mem::take(&mut first_line) {
            text.push('\n');
        }
    };
    for entry in entries {
        let clean = sanitize_multiline(entry);
        if listed {
            let mut lead = bullet;
            wrap_words_each(&clean, cells.saturating_sub(2).max(1), |line| {
                start_line(&mut text);
                text.push_str(lead);
                // No-break spaces: the table keeps them, where it would
                // drop ordinary spaces that begin a line.
                lead = "\u{a0}\u{a0}";
                text.push_str(&line);
            });
        } else {
            wrap_words_each(&clean, cells, |line| {
                start_line(&mut text);
                text.push_str(&line);
            });
        }
    }
    text
}

/// Columns headed `headers` with rows labelled down the left, in as many
/// blocks as the width needs, each column at least `narrowest` cells wide
/// where the width allows.
fn column_blocks(
    out: &mut Out,
    headers: &[String],
    rows: &[CanvasRow],
    options: &ReportOptions,
    narrowest: usize,
    batches: Batches,
) {
    let count = headers.len();
    if count == 0 {
        return;
    }
    let label_width = rows.iter().map(|r| width(r.label)).max().unwrap_or(1);
    let (per_block, cells) = if options.width == NO_WRAP {
        (count, NO_WRAP)
    } else {
        // A border, then per column its text, padding and border.
        let room = options.width.saturating_sub(1 + label_width + 3);
        let fit = (room / (narrowest + 3)).clamp(1, count);
        let per_block = count.div_ceil(count.div_ceil(fit));
        (per_block, (room / per_block).saturating_sub(3).max(1))
    };
    let layout = BlockLayout {
        label_width,
        per_block,
        cells,
    };
    write_in_batches(out, count.div_ceil(per_block), batches, |out, blocks| {
        for block in blocks {
            column_block(out, headers, rows, options, &layout, block);
        }
    });
}

/// How [`column_blocks`] lays out its blocks: the width of the labels,
/// how many columns a block holds and how many cells wide each is.
struct BlockLayout {
    label_width: usize,
    per_block: usize,
    cells: usize,
}

/// Block `block` of [`column_blocks`].
fn column_block(
    out: &mut String,
    headers: &[String],
    rows: &[CanvasRow],
    options: &ReportOptions,
    layout: &BlockLayout,
    block: usize,
) {
    let BlockLayout {
        label_width,
        per_block,
        cells,
    } = *layout;
    let first = block * per_block;
    if block > 0 {
        out.push('\n');
    }
    let last = (first + per_block).min(headers.len());
    let mut min_widths = vec![label_width];
    min_widths.extend(std::iter::repeat_n(1, last - first));
    let mut table = Table::new(min_widths);
    let mut heading = vec![TableCell::new("")];
    heading.extend(
        headers[first..last].iter().map(|h| {
            TableCell::wrapped(fitted(std::slice::from_ref(h), false, options.ascii, cells)).tone(Tone::Strong)
        }),
    );
    table.row(heading);
    for row in rows {
        table.rule();
        let mut cells_of_row = vec![TableCell::new(row.label).tone(Tone::Strong)];
        cells_of_row.extend(
            row.cells[first..last]
                .iter()
                .map(|entries| TableCell::wrapped(fitted(entries, row.listed, options.ascii, cells))),
        );
        table.row(cells_of_row);
    }
    out.push_str(&table.render(&table_style(options)));
}

/// Pain points and opportunities stage by stage: how much each pain hurts
/// and how well it is known, and which opportunities answer it.
fn pains(out: &mut String, map: &JourneyMap, names: &Names, max: usize) {
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
        let _ = writeln!(out, "{}. {} ({})", s + 1, sanitize(&stage.name), stage_mood(stage));
        let indent = "   ";
        let detail = "     ";
        if !pains.is_empty() {
            let _ = writeln!(out, "{indent}Pain points:");
        }
        for &p in pains {
            let pain = &map.pain_points[p];
            let line = format!(
                "{} ({}; {})",
                pain.name,
                pain.severity.choice_label(),
                playbook::evidence(pain.evidence, &pain.source)
            );
            hang(out, &format!("{indent}- "), &line, max);
            let mut answered = problems.answers_with_status(map, p, str::to_string);
            if answered.is_empty() {
                answered = "nothing yet".to_string();
            }
            field(out, detail, "Answered by", &answered, max);
            field(
                out,
                detail,
                "Touchpoints",
                &names.join(
                    &pain.touchpoints,
                    |n, id| n.of(ItemKind::Touchpoint, id).to_string(),
                    "; ",
                ),
                max,
            );
            field(
                out,
                detail,
                "Personas",
                &names.join(&pain.personas, |n, id| n.persona(id).to_string(), "; "),
                max,
            );
            field(out, detail, "Notes", &pain.notes, max);
        }
        if !opportunities.is_empty() {
            let _ = writeln!(out, "{indent}Opportunities:");
        }
        for &o in opportunities {
            let opportunity = &map.opportunities[o];
            let mut marks = opportunity.status.choice_label().to_string();
            if opportunity.priority != Priority::Unset {
                let _ = write!(marks, ", {} priority", opportunity.priority.choice_label());
            }
            let _ = write!(
                marks,
                "; {}",
                playbook::evidence(opportunity.evidence, &opportunity.source)
            );
            hang(
                out,
                &format!("{indent}- "),
                &format!("{} ({marks})", opportunity.name),
                max,
            );
            let answers = names.join(
                &opportunity.answers,
                |n, id| n.of(ItemKind::PainPoint, id).to_string(),
                "; ",
            );
            let answers = if answers.is_empty() {
                "no pain point recorded".to_string()
            } else {
                answers
            };
            field(out, detail, "Answers", &answers, max);
            field(out, detail, "Owner", &opportunity.owner, max);
            field(
                out,
                detail,
                "Touchpoints",
                &names.join(
                    &opportunity.touchpoints,
                    |n, id| n.of(ItemKind::Touchpoint, id).to_string(),
                    "; ",
                ),
                max,
            );
            field(
                out,
                detail,
                "Personas",
                &names.join(&opportunity.personas, |n, id| n.persona(id).to_string(), "; "),
                max,
            );
            field(out, detail, "Notes", &opportunity.notes, max);
        }
    }
}

/// "problem-aware, feeling +1", for a stage heading.
fn stage_mood(stage: &Stage) -> String {
    let mut parts = Vec::new();
    if stage.mindset != Mindset::Unspecified {
        parts.push(stage.mindset.label().to_string());
    }
    parts.push(format!("emotion {:+}", stage.emotion));
    parts.join(", ")
}

fn stages(out: &mut Out, map: &JourneyMap, names: &Names, max: usize, batches: Batches) {
    if map.stages.is_empty() {
        out.push_str("No stages yet.\n");
    }
    let by_stage = names.touchpoints_by_stage();
    let lanes = playbook::lanes_by_stage(map, names);
    for (n, stage) in map.stages.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let _ = writeln!(out, "{}. {} ({})", n + 1, sanitize(&stage.name), stage_mood(stage));
        let indent = "   ";
        field(out, indent, "Goal", &stage.goal, max);
        items(out, indent, "Create", &stage.create, max);
        items(out, indent, "Track", &stage.track, max);
        field(out, indent, "Watch out", &stage.watch_out, max);
        let planned = names.join(&stage.tactics, |n, id| n.tactic(id).to_string(), ", ");
        field(out, indent, "Planned tactics", &planned, max);
        field(out, indent, "Notes", &stage.notes, max);
        for ((_, label), entries) in playbook::LANES.iter().zip(&lanes[n]) {
            if entries.is_empty() {
                continue;
            }
            let _ = writeln!(out, "{indent}{label}:");
            for &i in entries {
                let insight = &map.insights[i];
                let mut line = format!(
                    "{} ({})",
                    insight.name,
                    playbook::evidence(insight.evidence, &insight.source)
                );
                if !insight.personas.is_empty() {
                    let _ = write!(line, " for {}", audience(names, &insight.personas));
                }
                hang(out, &format!("{indent}- "), &line, max);
                field(out, &format!("{indent}  "), "Notes", &insight.notes, max);
            }
        }
        if by_stage[n].is_empty() {
            let _ = writeln!(out, "{indent}Touchpoints: none yet");
            continue;
        }
        let _ = writeln!(out, "{indent}Touchpoints:");
        let detail = format!("{indent}  ");
        let listed = &by_stage[n];
        write_in_batches(out, listed.len(), batches, |out, range| {
            let mut line = String::new();
            for &t in &listed[range] {
                stage_touchpoint(out, &map.touchpoints[t], names, indent, &detail, &mut line, max);
            }
        });
        if out.failed() {
            return;
        }
    }
}

/// A touchpoint under its stage: name, tactics, audience and emotion on
/// the first line, then its channel, call to action and notes. `line` is
/// room for the first line, reused.
fn stage_touchpoint(
    out: &mut String,
    tp: &Touchpoint,
    names: &Names,
    indent: &str,
    detail: &str,
    line: &mut String,
    max: usize,
) {
    line.clear();
    line.push_str(&tp.name);
    if !tp.tactics.is_empty() {
        line.push_str(" [");
        names.push_names(line, ItemKind::Tactic, &tp.tactics, ", ");
        line.push(']');
    }
    line.push_str(" for ");
    push_audience(line, names, &tp.personas);
    if let Some(emotion) = tp.emotion {
        let _ = write!(line, " (emotion {emotion:+})");
    }
    hang_parts(out, &[indent, "- "], line, max);
    field(out, detail, "Channel", &tp.channel, max);
    field(out, detail, "Call to action", &tp.cta, max);
    field(out, detail, "Notes", &tp.notes, max);
}

/// Persona names, or "everyone" when a touchpoint names none.
fn audience(names: &Names, personas: &[String]) -> String {
    let mut text = String::new();
    push_audience(&mut text, names, personas);
    text
}

/// [`audience`], appended to `text`.
fn push_audience(text: &mut String, names: &Names, personas: &[String]) {
    if personas.is_empty() {
        text.push_str("everyone");
    } else {
        names.push_names(text, ItemKind::Persona, personas, "; ");
    }
}

fn matrix(out: &mut String, map: &JourneyMap, options: &ReportOptions) {
    match Matrix::build(map, &MatrixFilter::default()) {
        Ok(matrix) => out.push_str(&render_matrix(
            map,
            &matrix,
            &GridOptions {
                width: options.width,
                ascii: options.ascii,
                visual: options.visual,
                ..GridOptions::default()
            },
        )),
        Err(e) => {
            let _ = writeln!(out, "{}", sanitize(&e.to_string()));
        }
    }
}

fn role(role: PersonaRole) -> Option<&'static str> {
    (role != PersonaRole::Unspecified).then(|| role.label())
}

fn personas(out: &mut String, map: &JourneyMap, names: &Names, max: usize) {
    if map.personas.is_empty() {
        out.push_str("No personas yet.\n");
    }
    for (n, p) in map.personas.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let mut heading = sanitize(&p.name).into_owned();
        if let Some(role) = role(p.role) {
            let _ = write!(heading, " ({role})");
        }
        let _ = writeln!(out, "{heading}");
        let indent = "   ";
        if !p.segment.is_empty() {
            field(out, indent, "Segment", names.segment(&p.segment), max);
        }
        field(out, indent, "About", &p.description, max);
        items(out, indent, "Needs", &p.needs, max);
        items(out, indent, "Pains", &p.pains, max);
        items(out, indent, "Goals", &p.goals, max);
        items(out, indent, "Channels", &p.channels, max);
    }
}

fn segments(out: &mut String, map: &JourneyMap, max: usize) {
    if map.segments.is_empty() {
        out.push_str("No segments yet.\n");
    }
    for (n, s) in map.segments.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let mark = if s.anti { " [antisegment: not served]" } else { "" };
        let _ = writeln!(out, "{}{mark}", sanitize(&s.name));
        let indent = "   ";
        field(out, indent, "About", &s.description, max);
        items(out, indent, "Needs", &s.needs, max);
        items(out, indent, "Pains", &s.pains, max);
        if !s.usps.is_empty() {
            let _ = writeln!(out, "{indent}USPs:");
            for usp in &s.usps {
                hang(out, &format!("{indent}- "), usp, max);
            }
        } else if !s.anti {
            let _ = writeln!(out, "{indent}USPs: none yet");
        }
    }
}

fn table_style(options: &ReportOptions) -> TableStyle {
    TableStyle {
        ascii: options.ascii,
        colour: false,
        max_width: options.width,
        visual: options.visual,
    }
}

fn header(labels: &[&str]) -> Vec<TableCell> {
    labels.iter().map(|l| TableCell::new(*l).tone(Tone::Strong)).collect()
}

fn competitors(out: &mut Out, map: &JourneyMap, names: &Names, options: &ReportOptions) {
    if map.competitors.is_empty() {
        out.push_str("No competitors yet.\n");
        return;
    }
    let summary = playbook::summary(map, names);
    let mut min_widths = vec![8; summary.headers.len()];
    min_widths[0] = 10;
    let mut table = Table::new(min_widths);
    table.row(header(&summary.headers));
    for row in &summary.rows {
        // A rule between rows: their cells run over several lines.
        table.rule();
        table.row(row.iter().map(|text| TableCell::new(sanitize(text))).collect());
    }
    match table.render_if_fits(&table_style(options)) {
        Some(rendered) => out.push_str(&rendered),
        None => {
            // Too narrow for a row per competitor: the facts down the side,
            // the competitors side by side.
            let headers: Vec<String> = summary.rows.iter().map(|row| row[0].clone()).collect();
            let rows: Vec<CanvasRow> = (1..summary.headers.len())
                .map(|fact| CanvasRow {
                    label: summary.headers[fact],
                    listed: false,
                    cells: summary.rows.iter().map(|row| vec![row[fact].clone()]).collect(),
                })
                .collect();
            column_blocks(out, &headers, &rows, options, 16, Batches::ONE_THREAD);
        }
    }
    let max = options.width;
    for c in &map.competitors {
        out.push('\n');
        let _ = writeln!(out, "{} ({})", sanitize(&c.name), c.kind.label());
        let indent = "   ";
        field(out, indent, "Price level", playbook::price_level(c), max);
        field(out, indent, "Pricing", &c.pricing, max);
        field(out, indent, "Positioning", &c.positioning, max);
        field(out, indent, "USP", &c.usp, max);
        let segments = names.join(&c.segments, |n, id| n.segment(id).to_string(), ", ");
        field(out, indent, "Segments", &segments, max);
        field(out, indent, "Geography", &c.geography, max);
        items(out, indent, "Channels", &c.channels, max);
        field(out, indent, "Assortment", &c.assortment, max);
        field(out, indent, "Reviews", &playbook::reviews(c), max);
        items(out, indent, "Strengths", &c.strengths, max);
        items(out, indent, "Weaknesses", &c.weaknesses, max);
        field(out, indent, "Notes", &c.notes, max);
    }
}

fn touchpoints(out: &mut Out, map: &JourneyMap, names: &Names, options: &ReportOptions, batches: Batches) {
    if map.touchpoints.is_empty() {
        out.push_str("No touchpoints yet.\n");
        return;
    }
    // A row per touchpoint, made twice (once to size the columns, once to
    // draw it) rather than held: the table of a large map would take more
    // memory than the map.
    let table = Table::new(vec![12, 8, 8, 8, 8, 8, 6, 8]);
    let head = header(&[
        "Touchpoint",
        "Stage",
        "Tactics",
        "Personas",
        "Channel",
        "Call to action",
        "Owner",
        "Metric",
    ]);
    // Without a width no column shrinks, so no word is looked for; with
    // one, measuring stops as soon as the widest words alone overflow it.
    let mut measure = if options.width == NO_WRAP {
        Measure::lines_only(head.len())
    } else {
        Measure::new(head.len())
    };
    measure.row(&head);
    let mut overflows = measure.whole_words_overflow(options.width);
    for t in &map.touchpoints {
        if overflows {
            break;
        }
        touchpoint_row(t, names, |column, text| {
            measure.cell(column, &unambiguous(&sanitize(text)), true);
        });
        overflows = measure.whole_words_overflow(options.width);
    }
    let style = table_style(options);
    let (widths, whole) = if overflows {
        (Vec::new(), false)
    } else {
        table.layout_measured(measure, options.width)
    };
    if whole && fitting(&widths, options.width) {
        let mut first = Drawing::new(&table, &widths, &style);
        first.cells(out, &head);
        first.row(out, &TableRow::Rule);
        // Every row has one cell per column, so the borders after any row
        // (and so the drawing of the rows after it) are those after the
        // first, drawn here to learn them.
        let row_cells = |t: &Touchpoint, cells: &mut Vec<TableCell>| {
            cells.clear();
            touchpoint_row(t, names, |_, text| cells.push(TableCell::new(sanitize(text))));
        };
        let mut cells = Vec::with_capacity(head.len());
        let mut after_a_row = first.clone();
        row_cells(&map.touchpoints[0], &mut cells);
        after_a_row.cells(&mut String::new(), &cells);
        write_in_batches(out, map.touchpoints.len(), batches, |out, range| {
            let mut drawing = if range.start == 0 {
                first.clone()
            } else {
                after_a_row.clone()
            };
            let mut cells = Vec::with_capacity(head.len());
            for t in &map.touchpoints[range] {
                row_cells(t, &mut cells);
                drawing.cells(out, &cells);
            }
        });
        if !out.failed() {
            after_a_row.end(out);
        }
        return;
    }
    // Too narrow for eight columns of whole words: one block per touchpoint instead.
    write_in_batches(out, map.touchpoints.len(), batches, |out, range| {
        let mut list = String::new();
        for n in range {
            if n > 0 {
                out.push('\n');
            }
            touchpoint_block(out, &map.touchpoints[n], names, &mut list, options.width);
        }
    });
}

/// A touchpoint as a block: its name, then a line per field it has.
/// `list` is room for a list of names, reused.
fn touchpoint_block(out: &mut String, t: &Touchpoint, names: &Names, list: &mut String, max: usize) {
    hang(out, "", &t.name, max);
    let indent = "   ";
    field(out, indent, "Stage", names.stage(&t.stage), max);
    list.clear();
    names.push_names(list, ItemKind::Tactic, &t.tactics, ", ");
    field(out, indent, "Tactics", list, max);
    list.clear();
    push_audience(list, names, &t.personas);
    field(out, indent, "Personas", list, max);
    field(out, indent, "Channel", &t.channel, max);
    field(out, indent, "Call to action", &t.cta, max);
    field(out, indent, "Owner", &t.owner, max);
    field(out, indent, "Metric", &t.metric, max);
}

/// The text of a touchpoint's row of the table, column by column.
fn touchpoint_row(t: &Touchpoint, names: &Names, mut cell: impl FnMut(usize, &str)) {
    let tactics = names.join(&t.tactics, |n, id| n.tactic(id).to_string(), ", ");
    let personas = audience(names, &t.personas);
    let texts = [
        t.name.as_str(),
        names.stage(&t.stage),
        &tactics,
        &personas,
        &t.channel,
        &t.cta,
        &t.owner,
        &t.metric,
    ];
    for (column, text) in texts.into_iter().enumerate() {
        cell(column, text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{lint, sample_map};
    use crate::store::parse_unvalidated;

    /// The sample map with `copies` more copies of its touchpoints, their
    /// names, fields and notes varied in length and script, so that every
    /// long list is laid out in many batches.
    fn grown_map(copies: usize) -> JourneyMap {
        let mut map = sample_map();
        let originals = map.touchpoints.clone();
        let words = [
            "Retargeting",
            "展示会の案内",
            "تسوق",
            "🚀",
            "a-very-long-hyphenated-word-that-must-break-somewhere",
            "(emotion)",
            "[tactic]",
            "x",
        ];
        for n in 0..copies {
            for (k, original) in originals.iter().enumerate() {
                let mut t = original.clone();
                t.id = format!("{}-{n}", original.id);
                let extra: Vec<&str> = (0..(n + k) % 9).map(|w| words[(n + w) % words.len()]).collect();
                t.name = format!("{} {n} {}", original.name, extra.join(" "));
                t.channel = extra.iter().rev().copied().collect::<Vec<_>>().join("  ");
                t.notes = if n % 3 == 0 {
                    format!("First line {n}\nsecond\tline \u{1b}[31m {}", extra.join(" "))
                } else {
                    String::new()
                };
                t.emotion = (n % 4 == 0).then_some((n % 5) as i8 - 2);
                map.touchpoints.push(t);
            }
        }
        map
    }

    /// Laid out in batches on two threads, with the matrix and the
    /// findings made ahead, the report is byte for byte the report laid out
    /// in one pass, at every width, in every style, whichever sections are
    /// chosen (the work made ahead starts at the first section after the
    /// journey, and may be the first section's own).
    #[test]
    fn batches_on_two_threads_write_the_report_laid_out_in_one_pass() {
        let map = grown_map(60);
        assert!(map.touchpoints.len() > 200, "{}", map.touchpoints.len());
        assert!(!lint(&map).is_empty(), "the findings are part of what is compared");
        let chosen = [
            Section::ALL.to_vec(),
            vec![Section::Matrix, Section::Findings],
            vec![Section::Overview, Section::Findings],
            vec![Section::Journey, Section::Matrix],
        ];
        for sections in chosen {
            for width in [40, 60, 100, 200, NO_WRAP] {
                for ascii in [false, true] {
                    let options = ReportOptions {
                        sections: sections.clone(),
                        width,
                        ascii,
                        ..ReportOptions::default()
                    };
                    let whole = collected(|out| write_report_in(&map, &options, out, Batches::ONE_THREAD));
                    for size in [1, 2, 7, 64] {
                        let batches = Batches {
                            size,
                            second_thread: true,
                        };
                        let batched = collected(|out| write_report_in(&map, &options, out, batches));
                        assert!(
                            batched == whole,
                            "{sections:?}, width {width}, ascii {ascii}, batches of {size} differ"
                        );
                    }
                }
            }
        }
    }

    /// A writer that takes `room` bytes, then fails.
    struct Full {
        taken: usize,
        room: usize,
    }

    impl std::io::Write for Full {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.taken + buf.len() > self.room {
                return Err(std::io::Error::other("disk full"));
            }
            self.taken += buf.len();
            Ok(buf.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// A write that fails in the middle of the long lists is reported, and
    /// the second thread stops: the report returns, with the failure.
    #[test]
    fn a_failed_write_stops_the_batches_on_both_threads() {
        let map = grown_map(200);
        let options = ReportOptions::default();
        let whole = collected(|out| write_report_in(&map, &options, out, Batches::ONE_THREAD));
        let batches = Batches {
            size: 3,
            second_thread: true,
        };
        for room in [0, 100, whole.len() / 3, whole.len() * 2 / 3, whole.len() - 1] {
            let mut full = Full { taken: 0, room };
            let mut out = Out::to(&mut full);
            write_report_in(&map, &options, &mut out, batches);
            let failure = out.finish().err().map(|e| e.to_string());
            assert_eq!(failure.as_deref(), Some("disk full"), "room {room} of {}", whole.len());
        }
    }

    #[test]
    fn every_section_has_its_heading() {
        let text = report(&sample_map(), &ReportOptions::default());
        for section in Section::ALL {
            assert!(text.contains(&format!("\n{}\n", section.title())), "{section}:\n{text}");
        }
        assert!(text.starts_with("Bean Box\n========\n"));
        assert!(text.contains("Students [antisegment: not served]"));
        assert!(text.contains("- Radio spot [Search ads] for everyone"), "{text}");
    }

    #[test]
    fn sections_can_be_chosen() {
        let options = ReportOptions {
            sections: vec![Section::Segments],
            ..ReportOptions::default()
        };
        let text = report(&sample_map(), &options);
        assert!(text.contains("Segments and USPs"));
        assert!(!text.contains("Stages\n"));
    }

    #[test]
    fn lines_stay_within_the_width() {
        let options = ReportOptions {
            width: 60,
            ..ReportOptions::default()
        };
        let text = report(&sample_map(), &options);
        for line in text.lines() {
            assert!(width(line) <= 60, "{line:?}");
        }
    }

    #[test]
    fn control_characters_from_the_map_never_reach_the_text() {
        let evil = "JourneyMap(title: \"Evil\\u{1b}[2J\\u{1b}]52;c;ZXZpbA==\\u{7}\", \
            stages: [Stage(id: \"s\", name: \"S\\u{1b}[31m\", goal: \"g\\u{9b}\")], \
            tactics: [Tactic(id: \"t\", name: \"T\\u{7}\", discipline: \"D\\u{1b}\")], \
            personas: [Persona(id: \"p\", name: \"P\\u{1b}\")], \
            touchpoints: [Touchpoint(id: \"x\", name: \"X\\u{1b}]0;pwned\\u{7}\", stage: \"s\", tactics: [\"t\"])])";
        let map = match parse_unvalidated(evil, "evil") {
            Ok(map) => map,
            Err(e) => panic!("{e}"),
        };
        let text = report(&map, &ReportOptions::default());
        assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text:?}");
    }

    #[test]
    fn findings_read_like_compiler_diagnostics() {
        let text = findings(&lint(&sample_map()), Some("bean.ron"), false, 1000);
        assert!(
            text.starts_with("error[touchpoint-targets-antisegment]: touchpoint `flyer`"),
            "{text}"
        );
        assert!(text.contains("  --> bean.ron: touchpoint `flyer`\n"));
        assert!(
            text.contains("\n\nerror[journey-stops-at-purchase]") || text.contains("\n\nwarning["),
            "{text}"
        );
        assert!(text.ends_with("1 error, 2 warnings, 0 notes\n"), "{text}");
        assert_eq!(findings(&[], None, false, 80), "no findings\n");
    }
}
