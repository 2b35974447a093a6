//! The form of an item: one row per field, and the editor of the field being
//! edited (inline for one line, a box for the rest).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};

use super::{centered, dim_style, label_style, popup, selected_style};
use crate::model::{Field, FieldType};
use crate::model::{ItemKind, JourneyMap};
use crate::text::bidi::{shown_cell, shown_fit};
use crate::text::{pad, sanitize, truncate};
use crate::tui::app::{App, FieldEdit, Form, ListEdit, Mode};
use crate::tui::form::{self, Target};
use crate::tui::widgets::{Rows, draw_pick};

const LABEL: usize = 17;

/// A one-line summary of a field's value.
fn summary(map: &JourneyMap, target: Target, field: &Field) -> String {
    match field.ty {
        FieldType::Text | FieldType::Number | FieldType::Date | FieldType::Currency => form::text(map, target, field)
            .map(|s| sanitize(s).into_owned())
            .unwrap_or_default(),
        FieldType::Multi => {
            let text = form::text(map, target, field).unwrap_or("");
            let mut lines = text.lines();
            let first = sanitize(lines.next().unwrap_or("")).into_owned();
            if lines.next().is_some() {
                format!("{first} …")
            } else {
                first
            }
        }
        FieldType::List => {
            let items = form::list(map, target, field).unwrap_or(&[]);
            match items.len() {
                0 => "(none: Enter to add)".to_string(),
                n => format!("[{n}] {}", sanitize(&items.join(" · "))),
            }
        }
        FieldType::Ref { kind, .. } => {
            let id = form::text(map, target, field).unwrap_or("");
            if id.is_empty() {
                "(none)".to_string()
            } else {
                sanitize(map.name_of(kind, id).unwrap_or(id)).into_owned()
            }
        }
        FieldType::Refs(kind) => {
            let ids = form::list(map, target, field).unwrap_or(&[]);
            if ids.is_empty() {
                return if kind == ItemKind::Persona {
                    "everyone"
                } else {
                    "(none)"
                }
                .to_string();
            }
            let names: Vec<&str> = ids.iter().map(|id| map.name_of(kind, id).unwrap_or(id)).collect();
            sanitize(&names.join(", ")).into_owned()
        }
        ty => match form::choices(map, target, field) {
            Some((labels, pos)) if matches!(ty, FieldType::Bool { .. }) => {
                format!("[{}] {}", if pos == 1 { "x" } else { " " }, labels[pos])
            }
            Some((labels, pos)) => format!("◀ {} ▶", labels[pos].trim()),
            None => String::new(),
        },
    }
}

/// What the keys do on a field of this type.
fn hint(ty: FieldType) -> &'static str {
    match ty {
        FieldType::Text => "Enter: edit the text",
        FieldType::Number => "Enter: edit the number (digits; 1,200 and 30% are read as 1200 and 30)",
        FieldType::Date => "Enter: edit the date (2026-12-31, a month 2026-12 or a quarter 2026-Q4)",
        FieldType::Currency => "Enter: edit the currency (its ISO code: EUR, USD, SAR, JPY)",
        FieldType::Multi => "Enter: edit (several lines; ^S keeps and saves, Esc asks)",
        FieldType::List => "Enter: edit the list (a add, Enter edit, d delete, J/K move)",
        FieldType::Ref { .. } => "Enter: choose from a list (type to filter)",
        FieldType::Refs(_) => "Enter: choose from a list (Space ticks, type to filter)",
        FieldType::Score => "←/→: step from -2 (frustrated) to +2 (delighted)",
        FieldType::OptionalScore => "←/→: as its stage, or its own from -2 (frustrated) to +2 (delighted)",
        FieldType::Bool { .. } => "Space or Enter: toggle",
        _ => "←/→: change, Enter: choose from a list",
    }
}

/// What a form laid out: the rows of its fields (or of its open pick list)
/// for the mouse, the pick list's first row shown, and the width its
/// multi-line editor wraps at.
#[derive(Debug, Clone, Copy, Default)]
pub struct FormShown {
    pub rows: Rect,
    pub scroll: Option<usize>,
    pub wrap_width: Option<usize>,
}

pub fn draw(frame: &mut Frame, app: &App, body: Rect) -> FormShown {
    let mut shown = FormShown::default();
    let Mode::Form(form) = &app.mode else {
        return shown;
    };
    let form: &Form = form;
    let fields = form::fields(form.target);
    let title = match form.target {
        Target::Map => "Map: title, framework, description".to_string(),
        Target::Item(kind, i) => {
            let (id, name) = app.doc.map.id_and_name(kind, i).unwrap_or(("", ""));
            format!(
                "Edit {} “{}” (id {})",
                kind.noun(),
                shown_fit(name, 30),
                crate::text::bidi::shown(id)
            )
        }
    };
    let height = (fields.len() as u16 + 4).min(body.height);
    let rect = centered(body, body.width, height);
    let rect = Rect::new(body.x, body.y, rect.width, rect.height);
    let inner = popup(frame, rect, &title);
    shown.rows = Rect::new(inner.x, inner.y, inner.width, fields.len() as u16);
    let cells = usize::from(inner.width);
    let mut lines = Vec::new();
    for (n, field) in fields.iter().enumerate() {
        let value = summary(&app.doc.map, form.target, field);
        let editing_here = n == form.field && matches!(form.edit, Some(FieldEdit::Text(_)));
        let value_width = cells.saturating_sub(LABEL + 2);
        let mut spans = vec![
            Span::styled(if n == form.field { "▶ " } else { "  " }, label_style()),
            Span::styled(pad(field.label, LABEL), label_style()),
        ];
        if editing_here {
            if let Some(FieldEdit::Text(input)) = &form.edit {
                let (shown, x) = input.view(value_width);
                spans.push(Span::styled(pad(&shown, value_width), Style::new().bg(Color::DarkGray)));
                frame.set_cursor_position((inner.x + (LABEL + 2 + x) as u16, inner.y + n as u16));
            }
        } else {
            // The summary quotes the map: drawn as the bidi setting says.
            let text = shown_cell(&value, value_width);
            if n == form.field {
                spans.push(Span::styled(text, selected_style()));
            } else {
                spans.push(Span::raw(text));
            }
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::raw(""));
    if let Some(field) = fields.get(form.field) {
        lines.push(Line::styled(truncate(hint(field.ty), cells).into_owned(), dim_style()));
    }
    frame.render_widget(Rows::new(lines), inner);

    let Some(field) = fields.get(form.field).copied() else {
        return shown;
    };
    let target = form.target;
    match &form.edit {
        Some(FieldEdit::Multi { area, asking }) => {
            let rect = centered(body, body.width.saturating_sub(8).min(90), 14);
            let inner = popup(frame, rect, &format!("{} (^S keeps and saves, Esc stops)", field.label));
            let text_height = usize::from(inner.height.saturating_sub(1));
            shown.wrap_width = Some(usize::from(inner.width));
            let (rows, (cy, cx)) = area.view(usize::from(inner.width), text_height);
            let mut lines: Vec<Line> = rows.into_iter().map(Line::raw).collect();
            while lines.len() < text_height {
                lines.push(Line::raw(""));
            }
            if *asking {
                lines.push(Line::styled(
                    "Keep your changes to this field? y: keep · n: discard",
                    Style::new().fg(Color::Yellow),
                ));
            } else {
                lines.push(Line::styled(
                    "Enter: new line · ^S: keep and save · Esc: stop",
                    dim_style(),
                ));
                frame.set_cursor_position((inner.x + cx as u16, inner.y + cy as u16));
            }
            frame.render_widget(Rows::new(lines), inner);
        }
        Some(FieldEdit::List(list)) => {
            let items = form::list(&app.doc.map, target, &field).unwrap_or_default().to_vec();
            draw_list_editor(frame, body, field.label, &items, list);
        }
        Some(FieldEdit::Pick(pick)) => {
            let (rows, offset) = draw_pick(frame, body, pick);
            shown.rows = rows;
            shown.scroll = Some(offset);
        }
        _ => {}
    }
    shown
}

fn draw_list_editor(frame: &mut Frame, body: Rect, label: &str, items: &[String], list: &ListEdit) {
    let rect = centered(body, body.width.saturating_sub(8).min(90), 16);
    let inner = popup(frame, rect, label);
    let cells = usize::from(inner.width);
    let rows = usize::from(inner.height.saturating_sub(2)).max(1);
    let offset = list.selected.saturating_sub(rows - 1);
    let mut lines = Vec::new();
    if items.is_empty() && list.editing.is_none() {
        lines.push(Line::styled("(empty: press a to add an entry)", dim_style()));
    }
    let mut cursor = None;
    for (n, item) in items.iter().enumerate().skip(offset).take(rows) {
        let y = inner.y + (lines.len() as u16);
        match &list.editing {
            Some((input, false)) if n == list.selected => {
                let (shown, x) = input.view(cells.saturating_sub(3));
                cursor = Some((inner.x + 3 + x as u16, y));
                lines.push(Line::from(vec![
                    Span::raw(" • "),
                    Span::styled(pad(&shown, cells.saturating_sub(3)), Style::new().bg(Color::DarkGray)),
                ]));
            }
            _ => {
                let text = format!(" • {}", shown_cell(item, cells.saturating_sub(3)));
                let style = if n == list.selected {
                    selected_style()
                } else {
                    Style::new()
                };
                lines.push(Line::styled(text, style));
            }
        }
        if let Some((input, true)) = &list.editing
            && (n == list.selected)
        {
            let (shown, x) = input.view(cells.saturating_sub(3));
            cursor = Some((inner.x + 3 + x as u16, inner.y + lines.len() as u16));
            lines.push(Line::from(vec![
                Span::raw(" + "),
                Span::styled(pad(&shown, cells.saturating_sub(3)), Style::new().bg(Color::DarkGray)),
            ]));
        }
    }
    if let Some((input, true)) = &list.editing
        && items.is_empty()
    {
        let (shown, x) = input.view(cells.saturating_sub(3));
        cursor = Some((inner.x + 3 + x as u16, inner.y + lines.len() as u16));
        lines.push(Line::from(vec![
            Span::raw(" + "),
            Span::styled(pad(&shown, cells.saturating_sub(3)), Style::new().bg(Color::DarkGray)),
        ]));
    }
    while lines.len() < usize::from(inner.height.saturating_sub(1)) {
        lines.push(Line::raw(""));
    }
    let help = if list.editing.is_some() {
        "Enter: keep · Esc: cancel · an empty entry is removed"
    } else {
        "a: add · Enter: edit · d: delete · J/K: move · Esc: back"
    };
    lines.push(Line::styled(truncate(help, cells).into_owned(), dim_style()));
    frame.render_widget(Rows::new(lines), inner);
    if let Some(pos) = cursor {
        frame.set_cursor_position(pos);
    }
}
