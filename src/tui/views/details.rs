//! The details pane: every field of the selected item, plus what refers to it.

use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};

use super::{composed_field_lines, dim_style, field_lines, label_style};
use crate::model::typed::Period;
use crate::model::{FieldType, Goal, ItemKind, JourneyMap, Target, Value};
use crate::text::bidi::{isolate, shown, shown_lines};
use crate::text::sanitize;
use crate::tui::form::{emotion_label, names_at, referring_fields, referring_names};

const LABEL: usize = 13;

struct Out {
    lines: Vec<Line<'static>>,
    cells: usize,
}

impl Out {
    fn field(&mut self, label: &str, value: &str) {
        if value.is_empty() {
            return;
        }
        self.lines.extend(field_lines(label, value, self.cells, LABEL));
    }

    fn always(&mut self, label: &str, value: &str) {
        self.lines.extend(field_lines(label, value, self.cells, LABEL));
    }

    fn list(&mut self, label: &str, items: &[String]) {
        if items.is_empty() {
            return;
        }
        self.lines
            .push(Line::from(Span::styled(label.to_string(), label_style())));
        for item in items {
            self.lines.extend(field_lines("  •", item, self.cells, 4));
        }
    }

    fn refs<S: AsRef<str>>(&mut self, label: &str, map: &JourneyMap, kind: ItemKind, ids: &[S], empty: &str) {
        // Each name its own paragraph, so a list keeps its order.
        let names: Vec<String> = ids
            .iter()
            .map(|id| isolate(map.name_of(kind, id.as_ref()).unwrap_or(id.as_ref())))
            .collect();
        if names.is_empty() {
            self.field(label, empty);
        } else {
            self.lines
                .extend(composed_field_lines(label, &names.join(", "), self.cells, LABEL));
        }
    }

    /// `n` items refer to this one; `names` are the first of them (at
    /// least [`USED_BY_NAMED`] when there are that many).
    fn used_by(&mut self, label: &str, n: usize, names: Vec<&str>) {
        if n == 0 {
            return;
        }
        let mut shown: Vec<String> = names.iter().take(USED_BY_NAMED).map(|s| isolate(s)).collect();
        if n > USED_BY_NAMED {
            shown.push(format!("… and {} more", n - USED_BY_NAMED));
        }
        let value = format!("{n}: {}", shown.join(", "));
        self.lines
            .extend(composed_field_lines(label, &value, self.cells, LABEL));
    }
}

/// How many of the items referring to one are named in its details; the
/// rest are counted.
const USED_BY_NAMED: usize = 8;

/// The detail lines of one item, at most `cells` wide: its fields as the
/// registry lists them, then the items that refer to it.
///
/// `used_by` holds, for each of [`referring_fields`] of `kind` in turn, the
/// positions of the items that refer to this one, when they were looked for
/// before the frame ([`crate::tui::App::used_by`]); without it they are
/// looked for here.
pub fn lines(
    map: &JourneyMap,
    (kind, index): (ItemKind, usize),
    cells: usize,
    today: Period,
    used_by: Option<&[Vec<usize>]>,
) -> Vec<Line<'static>> {
    let mut out = Out {
        lines: Vec::new(),
        cells,
    };
    let Some((id, name)) = map.id_and_name(kind, index) else {
        return out.lines;
    };
    for line in shown_lines(name, cells) {
        out.lines.push(Line::styled(line, label_style()));
    }
    out.lines.push(Line::styled(format!("id: {}", shown(id)), dim_style()));
    if kind == ItemKind::Goal
        && let Some(goal) = map.goals.get(index)
    {
        out.lines.extend(goal_gauge(goal, cells, today));
    }
    let target = Target::Item(kind, index);
    // The name is the title above.
    for field in kind.fields().iter().skip(1) {
        let label = field.label_within(LABEL - 1);
        match (field.ty, map.value(target, field)) {
            (FieldType::Ref { kind: to, .. }, Some(Value::Text(id))) => {
                let ids: &[&str] = if id.is_empty() { &[] } else { &[id] };
                out.refs(label, map, to, ids, field.when_empty);
            }
            (FieldType::Refs(to), Some(Value::List(ids))) => out.refs(label, map, to, ids, field.when_empty),
            (FieldType::Choice(labels), Some(Value::Choice(pos))) => {
                out.always(label, labels.get(pos).copied().unwrap_or(""));
            }
            (FieldType::Score, Some(Value::Score(score)))
            | (FieldType::OptionalScore, Some(Value::OptionalScore(Some(score)))) => {
                out.always(label, emotion_label(score).trim())
            }
            (FieldType::Bool { yes }, Some(Value::Bool(true))) => out.always(label, yes),
            (_, Some(Value::Text(text))) => out.field(label, text),
            (_, Some(Value::List(items))) => out.list(label, items),
            _ => {}
        }
    }
    for (n, (from, field)) in referring_fields(kind).enumerate() {
        let title = if field.used_by.is_empty() {
            from.title()
        } else {
            field.used_by
        };
        let (count, names) = match used_by.and_then(|found| found.get(n)) {
            Some(positions) => (
                positions.len(),
                names_at(map, from, &positions[..positions.len().min(USED_BY_NAMED)]),
            ),
            None => {
                let names = referring_names(map, from, field, id);
                (names.len(), names)
            }
        };
        out.used_by(title, count, names);
    }
    out.lines
}

/// A goal's progress as a bar from its baseline to its target, the current
/// value marked, and whether it is overdue.
fn goal_gauge(goal: &Goal, cells: usize, today: Period) -> Vec<Line<'static>> {
    let Some(progress) = goal.progress() else {
        let why = if goal.target.is_empty() {
            "no target yet: set one to see progress"
        } else {
            "no current value yet: set one to see progress"
        };
        return vec![Line::styled(why, dim_style())];
    };
    let overdue = goal.overdue(today);
    let after = format!(" {}%{}", progress.round(), if overdue { " ⚠ overdue" } else { "" });
    let bar_cells = cells.saturating_sub(LABEL + crate::text::width(&after)).clamp(4, 40);
    let filled = ((progress.clamp(0.0, 100.0) / 100.0) * bar_cells as f64).round() as usize;
    let colour = if progress >= 100.0 {
        Color::Green
    } else if overdue {
        Color::Red
    } else {
        Color::Yellow
    };
    let gauge = vec![
        Span::styled(crate::text::pad("Progress", LABEL), label_style()),
        Span::styled("█".repeat(filled), Style::new().fg(colour)),
        Span::styled("░".repeat(bar_cells - filled), dim_style()),
        Span::styled(after, Style::new().fg(colour)),
    ];
    let unit = match goal.unit.as_str() {
        "" => String::new(),
        "%" => "%".to_string(),
        unit => format!(" {}", sanitize(unit)),
    };
    let or_zero = |v: &str| if v.is_empty() { "0".to_string() } else { v.to_string() };
    let path = format!("{} → {} → {}{unit}", or_zero(&goal.baseline), goal.current, goal.target);
    let mut lines = vec![Line::from(gauge)];
    lines.extend(field_lines("", &path, cells, LABEL));
    lines
}
