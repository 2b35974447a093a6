//! The planning report as plain text, for terminals, e-mails and documents
//! that do not take Markdown. Every string from the map is sanitized and
//! wrapped between words to the width budget (or not at all with
//! [`NO_WRAP`](super::NO_WRAP)).

use std::fmt::Write;

use super::grid::{GridOptions, render_matrix};
use super::table::{Table, TableCell, TableStyle, Tone};
use super::{Names, ReportOptions, Section};
use crate::analysis::{Finding, Matrix, MatrixFilter, Severity, lint};
use crate::model::{JourneyMap, Mindset, PersonaRole, Stage};
use crate::text::{sanitize, sanitize_multiline, width, wrap_words};

/// The whole report.
pub fn report(map: &JourneyMap, options: &ReportOptions) -> String {
    let names = Names::new(map);
    let mut out = String::new();
    let title = if map.title.trim().is_empty() {
        "Customer journey"
    } else {
        map.title.as_str()
    };
    underline(&mut out, &sanitize(title), '=');
    for section in Section::ALL.into_iter().filter(|s| options.has(*s)) {
        out.push('\n');
        underline(&mut out, section.title(), '-');
        match section {
            Section::Overview => overview(&mut out, map, options.width),
            Section::Stages => stages(&mut out, map, &names, options.width),
            Section::Matrix => matrix(&mut out, map, options),
            Section::Personas => personas(&mut out, map, &names, options.width),
            Section::Segments => segments(&mut out, map, options.width),
            Section::Competitors => competitors(&mut out, map, &names, options),
            Section::Touchpoints => touchpoints(&mut out, map, &names, options),
            Section::Findings => out.push_str(&findings(&lint(map), None, false, options.width)),
        }
    }
    out
}

/// Lint findings, one block each, then a count, wrapped to `max` cells.
/// `origin` (a file name) is shown before the item when given; `colour`
/// paints the severities.
pub fn findings(findings: &[Finding], origin: Option<&str>, colour: bool, max: usize) -> String {
    let mut out = String::new();
    for f in findings {
        let start = out.len();
        hang(&mut out, &format!("{}[{}]: ", f.severity, f.check), &f.message, max);
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
            hang(&mut out, "  --> ", &place, max);
        }
        hang(&mut out, "  = help: ", &f.hint, max);
        out.push('\n');
    }
    hang(&mut out, "", &summary(findings), max);
    out
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
    let indent = width(prefix);
    let clean = sanitize_multiline(text);
    for (n, line) in wrap_words(&clean, max.saturating_sub(indent).max(20))
        .iter()
        .enumerate()
    {
        if n == 0 {
            out.push_str(prefix);
        } else {
            out.extend(std::iter::repeat_n(' ', indent));
        }
        out.push_str(line);
        out.push('\n');
    }
}

/// `label: text` under `indent`, skipped when empty.
fn field(out: &mut String, indent: &str, label: &str, text: &str, max: usize) {
    if !text.trim().is_empty() {
        hang(out, &format!("{indent}{label}: "), text, max);
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
    field(out, "", "Framework", &map.framework, max);
    hang(out, "", &super::contents(map), max);
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

fn stages(out: &mut String, map: &JourneyMap, names: &Names, max: usize) {
    if map.stages.is_empty() {
        out.push_str("No stages yet.\n");
    }
    let by_stage = names.touchpoints_by_stage();
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
        if by_stage[n].is_empty() {
            let _ = writeln!(out, "{indent}Touchpoints: none yet");
            continue;
        }
        let _ = writeln!(out, "{indent}Touchpoints:");
        for &t in &by_stage[n] {
            let tp = &map.touchpoints[t];
            let mut line = tp.name.clone();
            if !tp.tactics.is_empty() {
                let _ = write!(
                    line,
                    " [{}]",
                    names.join(&tp.tactics, |n, id| n.tactic(id).to_string(), ", ")
                );
            }
            let _ = write!(line, " for {}", audience(names, &tp.personas));
            if let Some(emotion) = tp.emotion {
                let _ = write!(line, " (emotion {emotion:+})");
            }
            hang(out, &format!("{indent}- "), &line, max);
            let detail = format!("{indent}  ");
            field(out, &detail, "Channel", &tp.channel, max);
            field(out, &detail, "Call to action", &tp.cta, max);
            field(out, &detail, "Notes", &tp.notes, max);
        }
    }
}

/// Persona names, or "everyone" when a touchpoint names none.
fn audience(names: &Names, personas: &[String]) -> String {
    if personas.is_empty() {
        "everyone".to_string()
    } else {
        names.join(personas, |n, id| n.persona(id).to_string(), "; ")
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

fn competitors(out: &mut String, map: &JourneyMap, names: &Names, options: &ReportOptions) {
    if map.competitors.is_empty() {
        out.push_str("No competitors yet.\n");
        return;
    }
    let mut table = Table::new(vec![10, 6, 8, 10, 10, 10]);
    table.row(header(&[
        "Competitor",
        "Kind",
        "Pricing",
        "Positioning",
        "USP",
        "Segments",
    ]));
    table.rule();
    for c in &map.competitors {
        let segments = names.join(&c.segments, |n, id| n.segment(id).to_string(), ", ");
        table.row(
            [&c.name, c.kind.label(), &c.pricing, &c.positioning, &c.usp, &segments]
                .into_iter()
                .map(|text| TableCell::new(sanitize(text)))
                .collect(),
        );
    }
    // Too narrow for the table without breaking words: the profiles below say it all.
    if let Some(rendered) = table.render_if_fits(&table_style(options)) {
        out.push_str(&rendered);
    }
    let max = options.width;
    for c in &map.competitors {
        out.push('\n');
        let _ = writeln!(out, "{} ({})", sanitize(&c.name), c.kind.label());
        let indent = "   ";
        field(out, indent, "Pricing", &c.pricing, max);
        field(out, indent, "Positioning", &c.positioning, max);
        field(out, indent, "USP", &c.usp, max);
        let segments = names.join(&c.segments, |n, id| n.segment(id).to_string(), ", ");
        field(out, indent, "Segments", &segments, max);
        items(out, indent, "Strengths", &c.strengths, max);
        items(out, indent, "Weaknesses", &c.weaknesses, max);
        field(out, indent, "Notes", &c.notes, max);
    }
}

fn touchpoints(out: &mut String, map: &JourneyMap, names: &Names, options: &ReportOptions) {
    if map.touchpoints.is_empty() {
        out.push_str("No touchpoints yet.\n");
        return;
    }
    let mut table = Table::new(vec![12, 8, 8, 8, 8, 8, 6, 8]);
    table.row(header(&[
        "Touchpoint",
        "Stage",
        "Tactics",
        "Personas",
        "Channel",
        "Call to action",
        "Owner",
        "Metric",
    ]));
    table.rule();
    for t in &map.touchpoints {
        let tactics = names.join(&t.tactics, |n, id| n.tactic(id).to_string(), ", ");
        let personas = audience(names, &t.personas);
        table.row(
            [
                &t.name,
                names.stage(&t.stage),
                &tactics,
                &personas,
                &t.channel,
                &t.cta,
                &t.owner,
                &t.metric,
            ]
            .into_iter()
            .map(|text| TableCell::new(sanitize(text)))
            .collect(),
        );
    }
    if let Some(rendered) = table.render_if_fits(&table_style(options)) {
        out.push_str(&rendered);
        return;
    }
    // Too narrow for eight columns of whole words: one block per touchpoint instead.
    for (n, t) in map.touchpoints.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        hang(out, "", &t.name, options.width);
        let indent = "   ";
        let max = options.width;
        field(out, indent, "Stage", names.stage(&t.stage), max);
        field(
            out,
            indent,
            "Tactics",
            &names.join(&t.tactics, |n, id| n.tactic(id).to_string(), ", "),
            max,
        );
        field(out, indent, "Personas", &audience(names, &t.personas), max);
        field(out, indent, "Channel", &t.channel, max);
        field(out, indent, "Call to action", &t.cta, max);
        field(out, indent, "Owner", &t.owner, max);
        field(out, indent, "Metric", &t.metric, max);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::sample_map;
    use crate::store::parse_unvalidated;

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
