//! Whole-map checks that a parser cannot do: unique ids, references that
//! resolve, names that are not empty, values in range, no terminal control
//! characters. Every problem is reported, not only the first.

use std::collections::HashSet;

use super::schema::map_fields_in_file_order;
use super::{EMOTION_RANGE, Field, FieldType, ItemKind, JourneyMap, MapIndex, Target, Value, is_valid_id};
use crate::text::forbidden_char;

/// One thing wrong with a map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub kind: ProblemKind,
    /// The item concerned: its kind, id and position in its list.
    pub item: Option<(ItemKind, String, usize)>,
    /// The field concerned, as written in the file.
    pub field: &'static str,
    /// The offending value, when it can be found in the file (an id or reference).
    pub value: Option<String>,
    pub message: String,
    pub hint: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProblemKind {
    EmptyTitle,
    EmptyName,
    InvalidId,
    DuplicateId,
    DanglingReference,
    DuplicateReference,
    OutOfRange,
    ControlCharacter,
    /// A number field that holds no number, or a date field no date.
    InvalidValue,
}

struct Checker<'m> {
    problems: Vec<Problem>,
    index: MapIndex<'m>,
}

impl Checker<'_> {
    fn push(
        &mut self,
        kind: ProblemKind,
        item: Option<(ItemKind, &str, usize)>,
        field: &'static str,
        value: Option<&str>,
        message: String,
        hint: String,
    ) {
        self.problems.push(Problem {
            kind,
            item: item.map(|(k, id, pos)| (k, id.to_string(), pos)),
            field,
            value: value.map(str::to_string),
            message,
            hint,
        });
    }

    /// Checks a list of ids for existence in `target` and for repeats.
    fn references(&mut self, owner: (ItemKind, &str, usize), field: &'static str, ids: &[String], target: ItemKind) {
        // Lists are short: a look back is cheaper than hashing, up to a point.
        let mut seen = HashSet::new();
        for (n, id) in ids.iter().enumerate() {
            self.reference(owner, field, id, target);
            let repeated = if ids.len() <= 16 {
                ids[..n].contains(id)
            } else {
                !seen.insert(id.as_str())
            };
            if repeated {
                self.push(
                    ProblemKind::DuplicateReference,
                    Some(owner),
                    field,
                    Some(id),
                    format!(
                        "{} `{}` lists {} `{}` twice in `{}`",
                        owner.0.noun(),
                        owner.1,
                        target.noun(),
                        id,
                        field
                    ),
                    "remove the repeated entry".to_string(),
                );
            }
        }
    }

    fn reference(&mut self, owner: (ItemKind, &str, usize), field: &'static str, id: &str, target: ItemKind) {
        if !self.index.contains(target, id) {
            self.push(
                ProblemKind::DanglingReference,
                Some(owner),
                field,
                Some(id),
                format!(
                    "{} `{}` refers to {} `{}` in `{}`, but there is no such {}",
                    owner.0.noun(),
                    owner.1,
                    target.noun(),
                    id,
                    field,
                    target.noun()
                ),
                format!(
                    "add a {} with id \"{}\" to `{}`, or fix the id (ids are case-sensitive)",
                    target.ron_name(),
                    id,
                    target.list_field()
                ),
            );
        }
    }

    /// Checks what a field's type allows beyond its text: that references
    /// resolve (a required one is set) and that a score is in range.
    fn value(&mut self, owner: (ItemKind, &str, usize), field: &Field, value: Value) {
        match (field.ty, value) {
            (FieldType::Ref { kind, optional: false }, Value::Text("")) => self.push(
                ProblemKind::DanglingReference,
                Some(owner),
                field.name,
                None,
                format!("{} `{}` has no {}", owner.0.noun(), owner.1, field.name),
                format!(
                    "set `{}` to the id of one of the map's {}",
                    field.name,
                    kind.list_field()
                ),
            ),
            (FieldType::Ref { optional: true, .. }, Value::Text("")) => {}
            (FieldType::Ref { kind, .. }, Value::Text(id)) => self.reference(owner, field.name, id, kind),
            (FieldType::Refs(kind), Value::List(ids)) => self.references(owner, field.name, ids, kind),
            (FieldType::Score, Value::Score(score)) | (FieldType::OptionalScore, Value::OptionalScore(Some(score)))
                if !EMOTION_RANGE.contains(&score) =>
            {
                self.push(
                    ProblemKind::OutOfRange,
                    Some(owner),
                    field.name,
                    None,
                    format!(
                        "{} `{}` has {} {score}, outside {}..={}",
                        owner.0.noun(),
                        owner.1,
                        field.name,
                        EMOTION_RANGE.start(),
                        EMOTION_RANGE.end()
                    ),
                    "use -2 (frustrated), -1, 0 (neutral), 1 or 2 (delighted)".to_string(),
                );
            }
            (FieldType::Number | FieldType::Date | FieldType::Currency, Value::Text(text)) => {
                if let Err(why) = field.ty.normalise(text).and_then(|normal| {
                    if normal == text {
                        Ok(())
                    } else {
                        Err(format!("write it as {normal}"))
                    }
                }) {
                    self.push(
                        ProblemKind::InvalidValue,
                        Some(owner),
                        field.name,
                        None,
                        format!("{} `{}` has an invalid {}: {why}", owner.0.noun(), owner.1, field.name),
                        "write a plain number (400, 12.5), an ISO date (2026-12-31, 2026-12, 2026-Q4) or a currency code (EUR)"
                            .to_string(),
                    );
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, owner: Option<(ItemKind, &str, usize)>, field: &'static str, value: &str, multiline: bool) {
        // Printable ASCII holds no forbidden character: skip decoding.
        if value.bytes().all(|b| (0x20..0x7f).contains(&b)) {
            return;
        }
        if let Some(c) = value.chars().find(|&c| forbidden_char(c, multiline)) {
            let what = match owner {
                Some((kind, id, _)) => format!("{} `{}`", kind.noun(), id),
                None => "the map".to_string(),
            };
            self.push(
                ProblemKind::ControlCharacter,
                owner,
                field,
                None,
                format!("`{field}` of {what} contains the control character U+{:04X}", c as u32),
                if c == '\n' {
                    "this field holds a single line: replace the line break with a space".to_string()
                } else {
                    "delete it: control and bidi-override characters could rewrite the terminal of whoever opens the map"
                        .to_string()
                },
            );
        }
    }

    fn texts(&mut self, owner: (ItemKind, &str, usize), field: &'static str, values: &[String]) {
        for value in values {
            self.text(Some(owner), field, value, false);
        }
    }

    /// Id and name checks shared by every kind of item. The index holds the
    /// first position of each id, so an id found elsewhere is a repeat.
    fn identity(&mut self, kind: ItemKind, position: usize, id: &str, name: &str) {
        let owner = (kind, id, position);
        if !is_valid_id(id) {
            self.push(
                ProblemKind::InvalidId,
                Some(owner),
                "id",
                Some(id),
                if id.is_empty() {
                    format!("{} #{} has an empty id", kind.noun(), position + 1)
                } else {
                    format!("{} id `{}` is not a valid id", kind.noun(), id.escape_debug())
                },
                "use letters and digits joined by `-`, `_` or `.`, e.g. \"search-ads\"".to_string(),
            );
        } else if self.index.position(kind, id) != Some(position) {
            self.push(
                ProblemKind::DuplicateId,
                Some(owner),
                "id",
                Some(id),
                format!("{} id `{}` is used by more than one {}", kind.noun(), id, kind.noun()),
                format!("ids must be unique within `{}`: rename one of them", kind.list_field()),
            );
        }
        if name.trim().is_empty() {
            self.push(
                ProblemKind::EmptyName,
                Some(owner),
                "name",
                Some(id),
                format!("{} `{}` has an empty name", kind.noun(), id),
                "give it a name people will recognise".to_string(),
            );
        }
        self.text(Some(owner), "name", name, false);
    }
}

/// Every problem of the map, in file order (by list, then item).
pub fn validate(map: &JourneyMap) -> Vec<Problem> {
    let mut c = Checker {
        problems: Vec::new(),
        index: MapIndex::new(map),
    };
    if map.title.trim().is_empty() {
        c.push(
            ProblemKind::EmptyTitle,
            None,
            "title",
            None,
            "the map has no title".to_string(),
            "add `title: \"...\"` near the top of the file".to_string(),
        );
    }
    for field in map_fields_in_file_order() {
        match map.value(Target::Map, field) {
            Some(Value::Text(text)) => {
                c.text(None, field.name, text, field.ty.multiline());
                let normal = field.ty.normalise(text);
                if normal.as_deref() != Ok(text) {
                    let why = normal.map_or_else(|why| why, |normal| format!("write it as {normal}"));
                    c.push(
                        ProblemKind::InvalidValue,
                        None,
                        field.name,
                        None,
                        format!("the map's {}: {why}", field.name),
                        "write a plain number (12.5) or a currency code (EUR)".to_string(),
                    );
                }
            }
            Some(Value::List(entries)) => {
                for entry in entries {
                    c.text(None, field.name, entry, false);
                }
            }
            _ => {}
        }
    }
    for kind in ItemKind::ALL {
        let fields = kind.fields_in_file_order();
        for (position, (id, name)) in map.ids_and_names(kind).into_iter().enumerate() {
            c.identity(kind, position, id, name);
            let owner = (kind, id, position);
            let target = Target::Item(kind, position);
            // References and ranges first, then text, each in file order.
            for &field in &fields {
                if let Some(value) = map.value(target, field) {
                    c.value(owner, field, value);
                }
            }
            // The name was checked with the id.
            for &field in fields.iter().filter(|field| !field.is_name()) {
                match (field.ty, map.value(target, field)) {
                    (
                        FieldType::Text | FieldType::Multi | FieldType::Number | FieldType::Date | FieldType::Currency,
                        Some(Value::Text(text)),
                    ) => {
                        c.text(Some(owner), field.name, text, field.ty.multiline());
                    }
                    (FieldType::List, Some(Value::List(entries))) => c.texts(owner, field.name, entries),
                    _ => {}
                }
            }
        }
    }
    c.problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Persona, Stage, Tactic, Touchpoint};

    fn stage(id: &str) -> Stage {
        Stage {
            id: id.into(),
            name: id.to_uppercase(),
            ..Stage::default()
        }
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let map = JourneyMap {
            title: "t".into(),
            stages: vec![
                stage("aware"),
                stage("aware"),
                Stage {
                    id: "x".into(),
                    ..Stage::default()
                },
            ],
            tactics: vec![Tactic {
                id: "ads".into(),
                name: "Ads".into(),
                ..Tactic::default()
            }],
            touchpoints: vec![Box::new(Touchpoint {
                id: "tp".into(),
                name: "TP".into(),
                stage: "nowhere".into(),
                tactics: vec!["ads".into(), "seo".into()],
                ..Touchpoint::default()
            })],
            ..JourneyMap::default()
        };
        let kinds: Vec<_> = validate(&map).iter().map(|p| p.kind).collect();
        assert_eq!(
            kinds,
            [
                ProblemKind::DuplicateId,
                ProblemKind::EmptyName,
                ProblemKind::DanglingReference,
                ProblemKind::DanglingReference
            ]
        );
    }

    #[test]
    fn control_characters_are_refused_but_newlines_allowed_in_prose() {
        let mut map = JourneyMap {
            title: "t".into(),
            ..JourneyMap::default()
        };
        map.description = "two\nlines".into();
        assert!(validate(&map).is_empty());
        map.title = "evil\u{1b}]52;c;aGk=\u{7}".into();
        let problems = validate(&map);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].kind, ProblemKind::ControlCharacter);
        assert!(problems[0].message.contains("U+001B"), "{}", problems[0].message);
    }

    #[test]
    fn emotion_must_be_in_range() {
        let mut s = stage("a");
        s.emotion = 3;
        let map = JourneyMap {
            title: "t".into(),
            stages: vec![s],
            ..JourneyMap::default()
        };
        assert_eq!(validate(&map)[0].kind, ProblemKind::OutOfRange);
    }

    #[test]
    fn each_field_is_checked_as_its_type_says() {
        let mut map = JourneyMap {
            title: "t".into(),
            stages: vec![stage("aware")],
            personas: vec![Persona {
                id: "pat".into(),
                name: "Pat".into(),
                ..Persona::default()
            }],
            touchpoints: vec![Box::new(Touchpoint {
                id: "tp".into(),
                name: "TP".into(),
                stage: "aware".into(),
                ..Touchpoint::default()
            })],
            ..JourneyMap::default()
        };
        // An optional reference may be empty; prose may hold line breaks.
        map.stages[0].notes = "two\nlines".into();
        assert_eq!(validate(&map), []);

        map.touchpoints[0].stage.clear();
        map.personas[0].segment = "nobody".into();
        map.stages[0].create = vec!["one\nentry".into()];
        let problems = validate(&map);
        // Messages up to the first comma: what is wrong, not the whole hint.
        let found: Vec<(ProblemKind, &str, &str)> = problems
            .iter()
            .map(|p| (p.kind, p.field, p.message.split(',').next().unwrap_or_default()))
            .collect();
        assert_eq!(
            found,
            [
                (
                    ProblemKind::ControlCharacter,
                    "create",
                    "`create` of stage `aware` contains the control character U+000A"
                ),
                (
                    ProblemKind::DanglingReference,
                    "segment",
                    "persona `pat` refers to segment `nobody` in `segment`"
                ),
                (ProblemKind::DanglingReference, "stage", "touchpoint `tp` has no stage"),
            ]
        );
    }
}
