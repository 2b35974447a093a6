//! Resolving a merge's conflicts one by one: each shows the item, the field,
//! why the merge could not decide, and the base, ours and theirs versions;
//! a key chooses. Nothing is saved while a conflict is left, so no side is
//! ever taken silently; when none is left the map opens as usual.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{Host, Next, Popup, Shown};
use crate::model::conflict::{Choice, Conflict, OwnedValue, Side, Versions};
use crate::model::{FieldType, Target};
use crate::text::bidi::{shown, shown_lines};
use crate::tui::action::{Action, Context};
use crate::tui::widgets::Rows;
use crate::tui::widgets::chrome::{centered, dim_style, label_style, popup};

#[derive(Debug, Clone, PartialEq)]
pub struct Resolve {
    /// The conflicts still to resolve, in file order.
    pub left: Vec<Conflict>,
    /// The one shown.
    pub at: usize,
    /// How many were resolved, for the count shown.
    pub done: usize,
}

impl Resolve {
    pub fn new(conflicts: Vec<Conflict>) -> Self {
        Self {
            left: conflicts,
            at: 0,
            done: 0,
        }
    }

    /// Applies `choice` to the conflict shown; the next one, or the map.
    fn choose(mut self, host: &mut dyn Host, choice: Choice) -> Next {
        let Some(conflict) = self.left.get(self.at) else {
            return Next::Close;
        };
        if let Err(why) = host.resolve(conflict, &choice) {
            host.error(why);
            return self.into();
        }
        self.left.remove(self.at);
        self.done += 1;
        if self.left.is_empty() {
            host.info(format!(
                "all {} conflicts resolved: the map is as you chose; ^S saves it without the markers",
                self.done
            ));
            return Next::Close;
        }
        self.at = self.at.min(self.left.len() - 1);
        self.into()
    }
}

/// A side's version as lines of text.
fn version(conflict: &Conflict, side: Side) -> Vec<String> {
    match &conflict.versions {
        Versions::Field { field, .. } => match conflict.field_value(side) {
            None => vec!["(not there)".to_string()],
            Some(value) => value_lines(field.ty, value),
        },
        Versions::Item { .. } => match conflict.item(side) {
            None => vec!["(deleted)".to_string()],
            Some(item) => {
                let kind = item.kind().map_or("map", |k| k.noun());
                vec![format!("the whole {kind}, as this side has it")]
            }
        },
    }
}

fn value_lines(ty: FieldType, value: &OwnedValue) -> Vec<String> {
    let text = match value {
        OwnedValue::Text(text) if text.is_empty() => "(empty)".to_string(),
        OwnedValue::Text(text) => text.clone(),
        OwnedValue::List(entries) if entries.is_empty() => "(none)".to_string(),
        OwnedValue::List(entries) => entries.join(", "),
        OwnedValue::Choice(position) => match ty {
            FieldType::Choice(labels) => labels.get(*position).copied().unwrap_or("?").to_string(),
            _ => position.to_string(),
        },
        OwnedValue::Score(score) => format!("{score:+}"),
        OwnedValue::OptionalScore(Some(score)) => format!("{score:+}"),
        OwnedValue::OptionalScore(None) => "(as its stage)".to_string(),
        OwnedValue::Bool(yes) => if *yes { "yes" } else { "no" }.to_string(),
    };
    text.lines().map(str::to_string).collect()
}

/// Whether the conflict is about a list, where "both" means something.
fn is_list(conflict: &Conflict) -> bool {
    matches!(
        &conflict.versions,
        Versions::Field { field, .. } if matches!(field.ty, FieldType::List | FieldType::Refs(_))
    )
}

impl Popup for Resolve {
    fn context(&self) -> Context {
        Context::Resolve
    }

    fn handle(mut self, host: &mut dyn Host, action: Action) -> Next {
        match action {
            Action::Choose('o') => self.choose(host, Choice::Ours),
            Action::Choose('t') => self.choose(host, Choice::Theirs),
            Action::Choose('B') => {
                let has_base = self.left.get(self.at).is_some_and(|c| match &c.versions {
                    Versions::Field { base, .. } => base.is_some(),
                    Versions::Item { base, .. } => base.is_some(),
                });
                if has_base {
                    self.choose(host, Choice::Base)
                } else {
                    host.error("this conflict has no base version (both sides added it)".to_string());
                    self.into()
                }
            }
            Action::Choose('b') => {
                if self.left.get(self.at).is_some_and(is_list) {
                    self.choose(host, Choice::Both)
                } else {
                    host.error("b keeps both sides' entries of a list; this is not a list".to_string());
                    self.into()
                }
            }
            Action::Choose('e') => {
                // Ours for now, then the field in the item's form to change it.
                let target = self.left.get(self.at).and_then(|c| form_place(&host.doc().map, c));
                let next = self.choose(host, Choice::Ours);
                match (next, target) {
                    (Next::Close, Some((target, field))) => Next::Form(target, field),
                    (next, _) => {
                        host.info("took ours: edit the field once the other conflicts are resolved".to_string());
                        next
                    }
                }
            }
            Action::Down | Action::Right => {
                self.at = (self.at + 1) % self.left.len().max(1);
                self.into()
            }
            Action::Up | Action::Left => {
                self.at = (self.at + self.left.len().max(1) - 1) % self.left.len().max(1);
                self.into()
            }
            Action::Save => {
                host.error(format!(
                    "{} conflict(s) left: resolve them before saving, so that no side is taken without you",
                    self.left.len()
                ));
                self.into()
            }
            _ => self.into(),
        }
    }

    fn draw(&self, frame: &mut Frame, _host: &dyn Host, body: Rect) -> Shown {
        let area = centered(body, body.width.saturating_sub(4), body.height.saturating_sub(2));
        let Some(conflict) = self.left.get(self.at) else {
            return Shown::default();
        };
        let total = self.left.len() + self.done;
        let title = format!(
            " Merge conflict {} of {} left ({} resolved of {total}) ",
            self.at + 1,
            self.left.len(),
            self.done
        );
        let inner = popup(frame, area, &title);
        let width = usize::from(inner.width);
        let mut lines = vec![
            Line::from(vec![
                Span::styled(shown(&conflict.name).into_owned(), label_style()),
                Span::styled(format!("  ({})", shown(&conflict.label())), dim_style()),
            ]),
            Line::styled(conflict.describe_cause(), dim_style()),
            Line::raw(""),
        ];
        let room = usize::from(inner.height).saturating_sub(8) / 3;
        for (side, key) in [(Side::Base, "B"), (Side::Ours, "o"), (Side::Theirs, "t")] {
            lines.push(Line::styled(format!("{} ({key})", side.word()), label_style()));
            let mut shown_lines_of_side: Vec<String> = version(conflict, side)
                .iter()
                .flat_map(|line| shown_lines(line, width.saturating_sub(2)))
                .collect();
            if shown_lines_of_side.len() > room.max(1) {
                let more = shown_lines_of_side.len() - room.max(1);
                shown_lines_of_side.truncate(room.max(1));
                shown_lines_of_side.push(format!("… {more} more line(s)"));
            }
            lines.extend(shown_lines_of_side.into_iter().map(|l| Line::raw(format!("  {l}"))));
        }
        lines.push(Line::raw(""));
        let both = if is_list(conflict) { " · b both" } else { "" };
        lines.push(Line::styled(
            format!(
                "o ours · t theirs · B base{both} · e ours, then edit · ↑↓ other conflicts · q quit, file unchanged"
            ),
            dim_style(),
        ));
        frame.render_widget(Rows::new(lines), inner);
        Shown::default()
    }
}

/// Where a field conflict's field is edited: its item's form and the
/// field's row.
pub fn form_place(map: &crate::model::JourneyMap, conflict: &Conflict) -> Option<(Target, usize)> {
    let Versions::Field { field, .. } = &conflict.versions else {
        return None;
    };
    let target = match &conflict.place {
        crate::model::conflict::Place::Map => Target::Map,
        crate::model::conflict::Place::Item { kind, id } => {
            let index = map.ids_and_names(*kind).iter().position(|(i, _)| i == id)?;
            Target::Item(*kind, index)
        }
    };
    let row = crate::model::schema::fields_of(target)
        .iter()
        .position(|f| f.name == field.name)?;
    Some((target, row))
}
