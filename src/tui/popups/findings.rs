//! The lint findings, most severe first; Enter goes to the item one is about.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};

use super::{Host, Next, Popup, Shown};
use crate::text::bidi::{shown_cell, shown_lines};
use crate::text::{sanitize, truncate, wrap};
use crate::tui::action::{Action, Context};
use crate::tui::widgets::Rows;
use crate::tui::widgets::chrome::{centered, dim_style, popup, selected_style};

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Findings {
    /// A position in the document's findings.
    pub selected: usize,
    pub offset: usize,
}

impl Popup for Findings {
    fn context(&self) -> Context {
        Context::Findings
    }

    fn handle(mut self, host: &mut dyn Host, action: Action) -> Next {
        let len = host.finding_count();
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(len.saturating_sub(1)),
            Action::Confirm => {
                host.go_to_finding(self.selected);
                return Next::Close;
            }
            Action::Cancel => return Next::Close,
            _ => {}
        }
        self.into()
    }

    fn draw(&self, frame: &mut Frame, host: &dyn Host, body: Rect) -> Shown {
        let mut offset = self.offset;
        draw_findings(frame, host, self.selected, &mut offset, body);
        Shown {
            rows: None,
            scroll: Some(offset),
        }
    }

    fn scrolled(&mut self, offset: usize) {
        self.offset = offset;
    }
}

/// The lint findings, most severe first, one line each with the item named
/// by its name; below them the selected one in full, with its hint; then
/// where the list stands and the keys.
fn draw_findings(frame: &mut Frame, host: &dyn Host, selected: usize, offset: &mut usize, body: Rect) {
    use crate::analysis::lint::Severity;
    let findings = host.doc().findings_cached();
    let width = body.width.saturating_sub(4).min(110);
    let cells = usize::from(width.saturating_sub(2));
    // The message of finding `n`, its item named as the map names it now.
    let shown_message = |n: usize, f: &crate::analysis::lint::Finding| -> String {
        let message = match (&f.item, host.doc().finding_item(n)) {
            (Some((_, id)), Some((_, name))) => f.message.replace(&format!("`{id}`"), &format!("“{name}”")),
            _ => f.message.clone(),
        };
        sanitize(&message).into_owned()
    };
    // The selected finding in full, then its hint.
    let mut detail: Vec<Line> = Vec::new();
    if let Some(f) = findings.get(selected) {
        for line in shown_lines(&shown_message(selected, f), cells) {
            detail.push(Line::raw(line));
        }
        for (n, line) in wrap(&sanitize(&f.hint), cells.saturating_sub(7))
            .into_iter()
            .enumerate()
        {
            let head = if n == 0 { "  hint " } else { "       " };
            detail.push(Line::from(vec![Span::styled(head, dim_style()), Span::raw(line)]));
        }
        detail.push(Line::styled(format!("  check {}", f.check), dim_style()));
    }
    // As tall as the list and the detail need, within the body.
    let wanted = findings.len().max(1) + 1 + detail.len() + 1;
    let rect = centered(body, width, (wanted as u16 + 2).min(body.height));
    let inner = popup(frame, rect, &format!("Findings ({})", findings.len()));
    let total = usize::from(inner.height);
    // At least three rows of list; the detail gets the rest but the footer.
    let detail_rows = detail.len().min(total.saturating_sub(5));
    let height = total.saturating_sub(detail_rows + 2).max(1).min(findings.len().max(1));
    if selected < *offset {
        *offset = selected;
    } else if selected >= *offset + height {
        *offset = selected + 1 - height;
    }
    let mut lines: Vec<Line> = Vec::new();
    if findings.is_empty() {
        lines.push(Line::styled("none: the plan has no gaps lint can see", dim_style()));
    }
    for (n, f) in findings.iter().enumerate().skip(*offset).take(height) {
        let colour = match f.severity {
            Severity::Error => Color::Red,
            Severity::Warning => Color::Yellow,
            Severity::Info => Color::DarkGray,
        };
        let label = format!(" {:<8}", f.severity.label());
        let text = shown_cell(&shown_message(n, f), cells.saturating_sub(9));
        let mut line = Line::from(vec![Span::styled(label, Style::new().fg(colour)), Span::raw(text)]);
        if n == selected {
            line = line.style(selected_style());
        }
        lines.push(line);
    }
    lines.push(Line::styled("─".repeat(cells), dim_style()));
    lines.extend(detail.into_iter().take(detail_rows));
    while lines.len() < total.saturating_sub(1) {
        lines.push(Line::raw(""));
    }
    let position = if findings.is_empty() {
        String::new()
    } else {
        let more = if *offset + height < findings.len() {
            " ↓ more"
        } else {
            ""
        };
        format!("{}/{}{more} · ", selected + 1, findings.len())
    };
    lines.push(Line::styled(
        truncate(
            &format!("{position}Enter: go to the item · ↑↓ move · Esc closes"),
            cells,
        )
        .into_owned(),
        dim_style(),
    ));
    frame.render_widget(Rows::new(lines), inner);
}
