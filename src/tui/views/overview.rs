//! The Overview: the map's title, framework, description, counts, the
//! journey's stages, and whether the map is valid.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

use super::{composed_field_lines, dim_style, field_lines, label_style};
use crate::analysis::lint::Severity;
use crate::model::schema::map_fields_in_file_order;
use crate::model::{FieldType, JourneyMap, Target, Value};
use crate::text::bidi::isolate;
use crate::text::{sanitize, truncate};
use crate::tui::app::{App, Tab};
use crate::tui::widgets::Rows;

const LABEL: usize = 13;

/// From this width the brief has a column of its own.
const SIDE_BY_SIDE: u16 = 110;

/// Draws the Overview; gives how far it is scrolled (kept within what it
/// holds).
pub fn draw(frame: &mut Frame, app: &App, area: Rect) -> usize {
    let (area, brief_area) = if area.width >= SIDE_BY_SIDE {
        let [main, side] = Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(area);
        (main, Some(side))
    } else {
        (area, None)
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(dim_style())
        .title(" Overview ");
    let inner = block.inner(area);
    let cells = usize::from(inner.width);
    let mut lines: Vec<Line> = Vec::new();
    let map = &app.doc.map;
    let title = if map.title.is_empty() { "(untitled)" } else { &map.title };
    lines.extend(field_lines("Title", title, cells, LABEL));
    let framework = match crate::templates::find(&map.framework) {
        Some(_) => format!("{} (built-in template)", map.framework),
        None if map.framework.is_empty() => "(none)".to_string(),
        None => map.framework.clone(),
    };
    lines.extend(field_lines("Framework", &framework, cells, LABEL));
    if !map.description.is_empty() {
        lines.extend(field_lines("Description", &map.description, cells, LABEL));
    }
    lines.push(Line::raw(""));
    // In tab order, as the views list them.
    let counts: Vec<String> = Tab::ALL
        .iter()
        .filter_map(|tab| tab.kind())
        .map(|k| (k, map.count(k)))
        .filter(|&(_, n)| n > 0)
        .map(|(k, n)| k.counted(n))
        .collect();
    lines.extend(field_lines("Contains", &counts.join(" · "), cells, LABEL));
    let anti = map.segments.iter().filter(|s| s.anti).count();
    let usps: usize = map.segments.iter().map(|s| s.usps.len()).sum();
    if !map.segments.is_empty() {
        lines.extend(field_lines(
            "Segments",
            &format!(
                "{usps} USPs across {} segments, {anti} antisegment(s)",
                map.segments.len()
            ),
            cells,
            LABEL,
        ));
    }
    if !map.stages.is_empty() {
        // Each stage its own paragraph, so the arrows keep the journey's order.
        let journey: Vec<String> = map.stages.iter().map(|s| isolate(&s.name)).collect();
        lines.extend(composed_field_lines("Journey", &journey.join(" → "), cells, LABEL));
    }
    if let Some(side) = brief_area {
        let block = Block::new()
            .borders(Borders::ALL)
            .border_style(dim_style())
            .title(" Brief ");
        let cells = usize::from(block.inner(side).width);
        let brief = brief_lines(map, cells, false);
        let room = usize::from(block.inner(side).height);
        let block = if brief.len() > room {
            block.title_bottom(
                Line::styled(
                    format!(" ↓ {} more: Enter edits the brief ", brief.len() - room),
                    dim_style(),
                )
                .right_aligned(),
            )
        } else {
            block
        };
        frame.render_widget(Rows::new(brief).block(block), side);
    }
    lines.push(Line::raw(""));
    let problems = app.doc.problems_cached();
    if problems.is_empty() {
        lines.push(Line::from(vec![
            Span::styled(crate::text::pad("Validation", LABEL), label_style()),
            Span::styled(
                "valid: every id is unique and every reference resolves",
                Style::new().fg(Color::Green),
            ),
        ]));
    } else {
        lines.push(Line::from(vec![
            Span::styled(crate::text::pad("Validation", LABEL), label_style()),
            Span::styled(format!("{} problem(s):", problems.len()), Style::new().fg(Color::Red)),
        ]));
        let shown: Vec<String> = problems.iter().take(8).map(|p| p.message.clone()).collect();
        for message in shown {
            lines.extend(field_lines("  •", &message, cells, 4));
        }
    }
    let findings = app.doc.findings_cached();
    if !app.doc.findings_known() {
        lines.push(Line::from(vec![
            Span::styled(crate::text::pad("Findings", LABEL), label_style()),
            Span::styled("checking…", dim_style()),
        ]));
    } else if findings.is_empty() {
        lines.push(Line::from(vec![
            Span::styled(crate::text::pad("Findings", LABEL), label_style()),
            Span::styled("none: the plan has no gaps lint can see", Style::new().fg(Color::Green)),
        ]));
    } else {
        // Most severe first: how many are more severe than a severity is
        // where that severity begins (a look at a few of 11,000, not all).
        let above = |s: Severity| findings.partition_point(|f| f.severity > s);
        let (errors, warnings) = (
            above(Severity::Warning),
            above(Severity::Info) - above(Severity::Warning),
        );
        let info = findings.len() - above(Severity::Info);
        let summary = format!("{errors} error(s), {warnings} warning(s), {info} info");
        let colour = if errors > 0 { Color::Red } else { Color::Yellow };
        lines.push(Line::from(vec![
            Span::styled(crate::text::pad("Findings", LABEL), label_style()),
            Span::styled(summary, Style::new().fg(colour)),
        ]));
        // As many as fit above the closing hint line.
        let room = usize::from(inner.height).saturating_sub(lines.len() + 3);
        let shown = findings.len().min(room.max(1));
        for finding in &findings[..shown] {
            let style = match finding.severity {
                Severity::Error => Style::new().fg(Color::Red),
                Severity::Warning => Style::new().fg(Color::Yellow),
                Severity::Info => dim_style(),
            };
            let mut rows = field_lines(
                &format!("  {}", finding.severity.label()),
                &finding.message,
                cells,
                LABEL,
            );
            if let Some(first) = rows.first_mut()
                && let Some(label) = first.spans.first_mut()
            {
                label.style = style;
            }
            lines.extend(rows);
        }
        if findings.len() > shown {
            lines.push(Line::styled(
                format!("  … and {} more: ! lists them all", findings.len() - shown),
                dim_style(),
            ));
        }
    }
    if brief_area.is_none() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(crate::text::pad("Brief", LABEL), label_style()));
        lines.extend(brief_lines(map, cells, true));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "Enter edits the title, description and brief · 1-9 views · ! findings",
        dim_style(),
    ));
    // What does not fit scrolls, and the border says so.
    let height = usize::from(inner.height);
    let scroll = app.overview_scroll.min(lines.len().saturating_sub(height));
    let below = lines.len().saturating_sub(scroll + height);
    let mut block = block;
    if scroll > 0 {
        block = block.title(Line::styled(format!(" ↑ {scroll} more "), dim_style()).right_aligned());
    }
    if below > 0 {
        block = block.title_bottom(Line::styled(format!(" ↓ {below} more: ↓ scrolls "), dim_style()).right_aligned());
    }
    let lines: Vec<Line> = lines.into_iter().skip(scroll).collect();
    frame.render_widget(Rows::new(lines).block(block), area);
    scroll
}

/// The business brief, field by field as the registry lists the map's
/// fields after its description; `one_line` cuts each to a line (the full
/// text is in the form).
fn brief_lines(map: &JourneyMap, cells: usize, one_line: bool) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let brief = map_fields_in_file_order()
        .into_iter()
        .skip_while(|field| field.name != "description")
        .skip(1);
    for field in brief {
        let value = match map.value(Target::Map, field) {
            // The two numbers of the brief: a share in percent, and an
            // amount in the map's currency (which also has a line of its own).
            Some(Value::Text(text)) if field.name == "market_share" && !text.is_empty() => format!("{text}%"),
            Some(Value::Text(text)) if field.name == "budget" && !text.is_empty() && !map.currency.is_empty() => {
                format!("{text} {}", map.currency)
            }
            Some(Value::Text(text)) => text.to_string(),
            // Each entry a paragraph of its own: one that starts in Arabic
            // does not turn the others right to left.
            Some(Value::List(entries)) => entries
                .iter()
                .map(|entry| isolate(entry))
                .collect::<Vec<_>>()
                .join("; "),
            Some(Value::Choice(position)) if position > 0 => match field.ty {
                FieldType::Choice(labels) => labels.get(position).copied().unwrap_or_default().to_string(),
                _ => String::new(),
            },
            _ => String::new(),
        };
        if value.trim().is_empty() {
            continue;
        }
        let label = field.label_within(LABEL - 1);
        let listed = matches!(field.ty, FieldType::List);
        if one_line {
            let text = sanitize(&value.replace('\n', " ")).into_owned();
            let room = cells.saturating_sub(LABEL);
            lines.push(Line::from(vec![
                Span::styled(crate::text::pad(label, LABEL), label_style()),
                Span::raw(truncate(&text, room).into_owned()),
            ]));
        } else if listed {
            lines.extend(composed_field_lines(label, &value, cells, LABEL));
        } else {
            lines.extend(field_lines(label, &value, cells, LABEL));
        }
    }
    if lines.is_empty() {
        lines.push(Line::styled(
            "No brief yet: Enter edits it (who we are, what we sell, to whom)",
            dim_style(),
        ));
    }
    lines
}
