//! The Overview: the map's title, framework, description, counts, the
//! journey's stages, and whether the map is valid.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{composed_field_lines, dim_style, field_lines, label_style};
use crate::analysis::lint::Severity;
use crate::text::bidi::isolate;
use crate::tui::app::{App, Tab};

const LABEL: usize = 13;

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
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
        .map(|k| {
            let n = map.count(k);
            format!("{n} {}{}", k.noun(), if n == 1 { "" } else { "s" })
        })
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
    if findings.is_empty() {
        lines.push(Line::from(vec![
            Span::styled(crate::text::pad("Findings", LABEL), label_style()),
            Span::styled("none: the plan has no gaps lint can see", Style::new().fg(Color::Green)),
        ]));
    } else {
        let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
        let summary = format!(
            "{} error(s), {} warning(s), {} info",
            count(Severity::Error),
            count(Severity::Warning),
            count(Severity::Info)
        );
        let colour = if count(Severity::Error) > 0 {
            Color::Red
        } else {
            Color::Yellow
        };
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
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "Enter edits the title, framework and description · 2-8 views · ! findings",
        dim_style(),
    ));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
