//! The lint findings, most severe first; Enter goes to the item one is about.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Host, Next, Popup, Shown};
use crate::text::{sanitize, truncate};
use crate::tui::action::{Action, Context};
use crate::tui::widgets::chrome::{centered, dim_style, popup};

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
        draw_findings(frame, host.doc().findings_cached(), self.selected, &mut offset, body);
        Shown {
            rows: None,
            scroll: Some(offset),
        }
    }

    fn scrolled(&mut self, offset: usize) {
        self.offset = offset;
    }
}

/// The lint findings, most severe first, the selected one highlighted.
fn draw_findings(
    frame: &mut Frame,
    findings: &[crate::analysis::lint::Finding],
    selected: usize,
    offset: &mut usize,
    body: Rect,
) {
    use crate::analysis::lint::Severity;
    let h = (findings.len() as u16 + 4).clamp(6, body.height);
    let rect = centered(body, body.width.saturating_sub(4).min(110), h);
    let inner = popup(frame, rect, &format!("Findings ({})", findings.len()));
    let cells = usize::from(inner.width);
    let height = usize::from(inner.height).saturating_sub(1).max(1);
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
        let text = crate::text::pad(
            &truncate(&sanitize(&f.message), cells.saturating_sub(9)),
            cells.saturating_sub(9),
        );
        let mut line = Line::from(vec![Span::styled(label, Style::new().fg(colour)), Span::raw(text)]);
        if n == selected {
            line = line.style(crate::tui::views::selected_style());
        }
        lines.push(line);
    }
    while lines.len() < height {
        lines.push(Line::raw(""));
    }
    lines.push(Line::styled(
        truncate("Enter: go to the item · ↑↓ move · Esc closes", cells).into_owned(),
        dim_style(),
    ));
    frame.render_widget(Paragraph::new(lines), inner);
}
