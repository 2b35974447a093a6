//! The lint findings, most severe first; Enter goes to the item one is about.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};

use super::{Host, Next, Popup, Shown};
use crate::text::bidi::{shown_cell, shown_lines};
use crate::text::{sanitize, truncate};
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
            (Some((_, id)), Some((_, name))) => named_as_now(&f.message, id, name),
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
        // A hint may name an item by its id, in any script.
        for (n, line) in shown_lines(&f.hint, cells.saturating_sub(7)).into_iter().enumerate() {
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

/// `message` with each mention of `id` (written `` `id` ``) made the item's
/// name as the map has it now (written “name”). Looks only at backquotes:
/// a popup's every row is rewritten on every frame.
fn named_as_now(message: &str, id: &str, name: &str) -> String {
    let mut named = String::with_capacity(message.len() + name.len());
    let mut rest = message;
    while let Some(at) = rest.find('`') {
        let after = &rest[at + 1..];
        match after.strip_prefix(id).and_then(|tail| tail.strip_prefix('`')) {
            Some(tail) => {
                named.push_str(&rest[..at]);
                named.push('“');
                named.push_str(name);
                named.push('”');
                rest = tail;
            }
            None => {
                named.push_str(&rest[..=at]);
                rest = after;
            }
        }
    }
    named.push_str(rest);
    named
}

#[cfg(test)]
mod tests {
    use super::named_as_now;

    #[test]
    fn every_mention_of_the_id_becomes_the_name_and_nothing_else_changes() {
        let cases = [
            (
                "touchpoint `tp-1` has no tactic",
                "tp-1",
                "Welcome",
                "touchpoint “Welcome” has no tactic",
            ),
            ("`tp-1` and `tp-1`", "tp-1", "W", "“W” and “W”"),
            ("`tp-10` is not `tp-1`", "tp-1", "W", "`tp-10` is not “W”"),
            ("stray ` quote, then `tp-1`", "tp-1", "W", "stray ` quote, then “W”"),
            ("ends in a `", "tp-1", "W", "ends in a `"),
            ("no mention", "tp-1", "W", "no mention"),
            ("``tp-1``", "tp-1", "ح", "`“ح”`"),
        ];
        for (message, id, name, expected) in cases {
            assert_eq!(named_as_now(message, id, name), expected, "{message}");
            assert_eq!(
                named_as_now(message, id, name),
                message.replace(&format!("`{id}`"), &format!("“{name}”")),
                "{message}"
            );
        }
    }
}
