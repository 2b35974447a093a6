//! Popups: adding an item, confirming a deletion, quitting with unsaved
//! changes, a file changed on disk, saving elsewhere, a recovery copy, and help.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::form::draw_pick;
use super::{centered, dim_style, label_style, popup};
use crate::text::{pad, sanitize, truncate, wrap};
use crate::tui::action::Context;
use crate::tui::app::{App, Dialog, FieldEdit, ListEdit, Mode};
use crate::tui::widgets::TextInput;

/// Draws wrapped text lines, then the choices, in a centred box.
fn message_box(frame: &mut Frame, body: Rect, title: &str, text: &[String], choices: &[(&str, &str)]) {
    let w = body.width.saturating_sub(10).min(72);
    let cells = usize::from(w.saturating_sub(2));
    let mut lines: Vec<Line> = Vec::new();
    for paragraph in text {
        for l in wrap(paragraph, cells) {
            lines.push(Line::raw(l));
        }
    }
    lines.push(Line::raw(""));
    for (key, what) in choices {
        lines.push(Line::from(vec![
            Span::styled(format!("  {key:<6}"), label_style().fg(Color::Cyan)),
            Span::raw(truncate(what, cells.saturating_sub(8)).into_owned()),
        ]));
    }
    let h = (lines.len() as u16 + 2).min(body.height);
    let inner = popup(frame, centered(body, w, h), title);
    frame.render_widget(Paragraph::new(lines), inner);
}

fn input_box(frame: &mut Frame, body: Rect, title: &str, label: &str, input: &TextInput, help: &str) {
    let w = body.width.saturating_sub(10).min(72);
    let inner = popup(frame, centered(body, w, 5), title);
    let cells = usize::from(inner.width);
    let label_w = crate::text::width(label) + 1;
    let (shown, x) = input.view(cells.saturating_sub(label_w));
    let lines = vec![
        Line::from(vec![
            Span::styled(format!("{label} "), label_style()),
            Span::styled(
                pad(&shown, cells.saturating_sub(label_w)),
                Style::new().bg(Color::DarkGray),
            ),
        ]),
        Line::raw(""),
        Line::styled(truncate(help, cells).into_owned(), dim_style()),
    ];
    frame.render_widget(Paragraph::new(lines), inner);
    frame.set_cursor_position((inner.x + (label_w + x) as u16, inner.y));
}

pub fn draw(frame: &mut Frame, app: &mut App, body: Rect) {
    let file = app.file_label();
    let Mode::Dialog(dialog) = &mut app.mode else {
        return;
    };
    match &mut **dialog {
        Dialog::AddName { kind, input, .. } => input_box(
            frame,
            body,
            &format!("New {}", kind.noun()),
            "Name:",
            input,
            "Enter: add · Esc: cancel · the id is made from the name and never changes",
        ),
        Dialog::AddStage { pick, .. } | Dialog::MatrixFilter { pick } | Dialog::Export { pick } => {
            app.areas.popup_list = draw_pick(frame, body, pick);
        }
        Dialog::Delete {
            kind,
            index,
            consequences,
        } => {
            let (id, name) = app.doc.map.id_and_name(*kind, *index).unwrap_or(("", ""));
            let mut text = vec![format!(
                "Delete {} “{}” (id {})?",
                kind.noun(),
                sanitize(name),
                sanitize(id)
            )];
            if consequences.is_empty() {
                text.push("Nothing else refers to it.".into());
            } else {
                text.push("References to it are removed too:".into());
                text.extend(consequences.iter().map(|c| format!("• {c}")));
            }
            message_box(
                frame,
                body,
                &format!("Delete {}", kind.noun()),
                &text,
                &[("y", "delete"), ("n/Esc", "keep it")],
            );
        }
        Dialog::Quit => message_box(
            frame,
            body,
            "Unsaved changes",
            &[format!("{file} has changes that are not saved.")],
            &[
                ("s", "save, then quit"),
                ("d", "discard the changes and quit"),
                ("c/Esc", "cancel: keep editing"),
            ],
        ),
        Dialog::Conflict => message_box(
            frame,
            body,
            "The file changed on disk",
            &[
                format!("{file} changed on disk since it was opened (another editor, or git)."),
                "Saving now would overwrite those changes.".into(),
            ],
            &[
                ("r", "reload the file from disk, discarding your edits"),
                ("o", "overwrite the file with your version"),
                ("w", "write your version to another file"),
                ("Esc", "cancel: keep editing, save nothing"),
            ],
        ),
        Dialog::SaveAs { input } => input_box(
            frame,
            body,
            "Save your version elsewhere",
            "File:",
            input,
            "Enter: save (never over an existing file) · Esc: cancel",
        ),
        Dialog::Jump(jump) => super::jump::draw(frame, &app.doc.map, jump, body),
        Dialog::ExportPath { input, .. } => input_box(
            frame,
            body,
            "Export to",
            "File:",
            input,
            "Enter: write (asks before replacing a file) · Esc: cancel",
        ),
        Dialog::ExportOverwrite { path, .. } => message_box(
            frame,
            body,
            "The file exists",
            &[format!("{} exists already.", sanitize(&path.display().to_string()))],
            &[("y", "replace it"), ("n/Esc", "choose another name")],
        ),
        Dialog::Findings { selected, offset } => {
            draw_findings(frame, app.doc.findings_cached(), *selected, offset, body);
        }
        // Drawn on the message line by the caller.
        Dialog::Filter { .. } => {}
        Dialog::Recovery { age, .. } => message_box(
            frame,
            body,
            "Unsaved edits found",
            &[format!(
                "A recovery copy of {file} from {age} holds edits that were never saved (journeymap was closed or crashed)."
            )],
            &[
                ("r", "restore those edits"),
                ("d", "discard them and open the file as it is"),
            ],
        ),
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

/// The context under the help popup.
fn underlying(app: &App) -> Context {
    match &app.mode {
        Mode::Normal if app.tab == crate::tui::app::Tab::Matrix => Context::Matrix,
        Mode::Normal => Context::Normal,
        Mode::Form(form) => match &form.edit {
            None => Context::Form,
            Some(FieldEdit::List(ListEdit { editing: None, .. })) => Context::ListEdit,
            Some(FieldEdit::Pick(_)) => Context::Pick,
            Some(FieldEdit::Multi { .. }) => Context::MultiLine,
            Some(_) => Context::Text,
        },
        Mode::Dialog(_) => Context::Confirm,
    }
}

pub fn draw_help(frame: &mut Frame, app: &App, body: Rect) {
    let context = underlying(app);
    let title = match context {
        Context::Normal | Context::Matrix => format!("Keys: {} view", app.tab.title()),
        Context::Form => "Keys: form".to_string(),
        Context::ListEdit => "Keys: list of entries".to_string(),
        Context::Pick => "Keys: pick list".to_string(),
        Context::MultiLine => "Keys: multi-line text".to_string(),
        _ => "Keys".to_string(),
    };
    let mut lines: Vec<Line> = app
        .keymap
        .help(context)
        .into_iter()
        .map(|(label, help)| {
            Line::from(vec![
                Span::styled(format!(" {label:<9}"), label_style().fg(Color::Cyan)),
                Span::raw(help),
            ])
        })
        .collect();
    if context == Context::Normal {
        lines.push(Line::from(vec![
            Span::styled(format!(" {:<9}", "mouse"), label_style().fg(Color::Cyan)),
            Span::raw("click a tab or a row; the wheel scrolls"),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(" Esc or ? closes this help", dim_style()));
    let h = (lines.len() as u16 + 2).min(body.height);
    let inner = popup(frame, centered(body, body.width.saturating_sub(4).min(96), h), &title);
    let visible = usize::from(inner.height);
    let hidden = lines.len().saturating_sub(visible);
    // The last line says how to see the rest when it does not all fit.
    let scroll = app.help_scroll.min(hidden);
    let mut shown: Vec<Line> = lines.into_iter().skip(scroll).collect();
    if hidden > 0 && shown.len() > visible {
        shown.truncate(visible.saturating_sub(1));
        shown.push(Line::styled(" ↓/j: more keys", dim_style()));
    }
    frame.render_widget(Paragraph::new(shown), inner);
}
