//! The campaign calendar: dated campaigns on a month-by-month timeline, one
//! row per campaign under the step it serves, bars across the months it
//! runs, this month marked, and campaigns that overlap another of the same
//! step and audience flagged. Months that do not fit scroll with [ and ].

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

use super::{dim_style, label_style};
use crate::analysis::calendar::Calendar;
use crate::model::ItemKind;
use crate::text::bidi::{composed_lines, isolate, shown_fit};
use crate::text::{pad, truncate};
use crate::tui::app::App;
use crate::tui::widgets::Rows;

/// A month's cells.
const MONTH: usize = 4;

/// Draws the calendar; gives the first line shown, kept within it.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) -> usize {
    let map = &app.doc.map;
    let calendar = Calendar::build(map);
    let block = Block::new().borders(Borders::ALL).border_style(dim_style());
    let inner = block.inner(area);
    let width = usize::from(inner.width);
    let label = (width / 3).clamp(16, 36);
    let fit = (width.saturating_sub(label) / MONTH).max(1);
    let months = calendar.months.len();
    let first = app.campaign_calendar.column.min(months.saturating_sub(fit));
    let shown = first..(first + fit).min(months);
    let today = calendar.month_of(app.today);
    let mut lines = Vec::new();
    if months == 0 {
        lines.push(Line::styled(
            "No campaign has both a start and an end date yet: set them in a campaign's form (Enter).",
            dim_style(),
        ));
    } else {
        // Two header lines: years where they change, then months.
        let mut years = vec![Span::raw(" ".repeat(label))];
        let mut names = vec![Span::styled(pad("campaign", label), dim_style())];
        for m in shown.clone() {
            let month = calendar.months[m];
            let year = if m == shown.start || month.month == 1 {
                month.year.to_string()
            } else {
                String::new()
            };
            years.push(Span::styled(pad(&year, MONTH), dim_style()));
            let style = if Some(m) == today {
                Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
            } else {
                label_style()
            };
            let name = if Some(m) == today {
                format!("▼{}", &month.short_name()[..2])
            } else {
                month.short_name().to_string()
            };
            names.push(Span::styled(pad(&name, MONTH), style));
        }
        lines.push(Line::from(years));
        lines.push(Line::from(names));
        let mut step = None;
        for row in &calendar.rows {
            if row.step != step || lines.len() == 2 {
                step = row.step;
                let heading = match row.step {
                    Some(s) => {
                        let step = format!(
                            "{} → {}",
                            isolate(&map.stages[s.from].name),
                            isolate(&map.stages[s.to].name)
                        );
                        composed_lines(&step, width).into_iter().next().unwrap_or_default()
                    }
                    None => "(no step)".to_string(),
                };
                lines.push(Line::styled(truncate(&heading, width).into_owned(), label_style()));
            }
            let Some(campaign) = map.campaigns.get(row.campaign) else {
                continue;
            };
            let mark = if row.overlaps { "⚠ " } else { "  " };
            let name = format!("{mark}{}", shown_fit(&campaign.name, label.saturating_sub(3)));
            let mut spans = vec![Span::styled(
                pad(&name, label),
                if row.overlaps {
                    Style::new().fg(Color::Yellow)
                } else {
                    Style::new()
                },
            )];
            for m in shown.clone() {
                let on = row.months.contains(&m);
                let cell = if on {
                    "███ "
                } else if Some(m) == today {
                    " ┊  "
                } else {
                    " ·  "
                };
                let style = if on { Style::new().fg(Color::Cyan) } else { dim_style() };
                spans.push(Span::styled(cell, style));
            }
            lines.push(Line::from(spans));
        }
    }
    if !calendar.undated.is_empty() {
        let names: Vec<String> = calendar
            .undated
            .iter()
            .filter_map(|&i| map.id_and_name(ItemKind::Campaign, i))
            .map(|(_, name)| crate::text::bidi::shown(name).into_owned())
            .collect();
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            truncate(
                &format!(
                    "Not on the calendar (no dates, or an end before the start): {}",
                    names.join(", ")
                ),
                width,
            )
            .into_owned(),
            dim_style(),
        ));
    }
    let overlaps = calendar.rows.iter().filter(|r| r.overlaps).count();
    let mut title = " Campaigns: calendar ".to_string();
    if overlaps > 0 {
        title.push_str(&format!(
            "· ⚠ {overlaps} overlap another of the same step and audience "
        ));
    }
    // The header stays; the rows below it scroll.
    let height = usize::from(inner.height);
    let header = if months > 0 { 2 } else { 0 };
    let body = height.saturating_sub(header).max(1);
    let line = app
        .campaign_calendar
        .line
        .min(lines.len().saturating_sub(header + body));
    let below = lines.len().saturating_sub(header + line + body);
    let mut block = block.title(title);
    if line > 0 {
        block = block.title(Line::styled(format!(" ↑ {line} more "), dim_style()).right_aligned());
    }
    if below > 0 {
        block = block.title_bottom(Line::styled(format!(" ↓ {below} more: ↓ scrolls "), dim_style()).left_aligned());
    }
    if months > 0 {
        block = block.title_bottom(
            Line::styled(
                format!(
                    " months {}-{} of {months} · [/] scroll · t: list ",
                    shown.start + 1,
                    shown.end
                ),
                dim_style(),
            )
            .right_aligned(),
        );
    }
    let mut shown_lines: Vec<Line> = lines.iter().take(header).cloned().collect();
    shown_lines.extend(lines.into_iter().skip(header + line));
    frame.render_widget(Rows::new(shown_lines).block(block), area);
    line
}
