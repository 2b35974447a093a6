//! Whole-map checks that a parser cannot do: unique ids, references that
//! resolve, names that are not empty, values in range, no terminal control
//! characters. Every problem is reported, not only the first.

use std::collections::HashSet;

use super::{EMOTION_RANGE, ItemKind, JourneyMap, MapIndex, is_valid_id};
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

    /// An emotion score must lie in -2..=2.
    fn emotion(&mut self, owner: (ItemKind, &str, usize), emotion: i8) {
        if !EMOTION_RANGE.contains(&emotion) {
            self.push(
                ProblemKind::OutOfRange,
                Some(owner),
                "emotion",
                None,
                format!(
                    "{} `{}` has emotion {}, outside -2..=2",
                    owner.0.noun(),
                    owner.1,
                    emotion
                ),
                "use -2 (frustrated), -1, 0 (neutral), 1 or 2 (delighted)".to_string(),
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
    c.text(None, "title", &map.title, false);
    c.text(None, "framework", &map.framework, false);
    c.text(None, "description", &map.description, true);

    for (pos, s) in map.stages.iter().enumerate() {
        let owner = (ItemKind::Stage, s.id.as_str(), pos);
        c.identity(ItemKind::Stage, pos, &s.id, &s.name);
        c.references(owner, "tactics", &s.tactics, ItemKind::Tactic);
        c.emotion(owner, s.emotion);
        c.text(Some(owner), "goal", &s.goal, true);
        c.texts(owner, "create", &s.create);
        c.texts(owner, "track", &s.track);
        c.text(Some(owner), "watch_out", &s.watch_out, true);
        c.text(Some(owner), "notes", &s.notes, true);
    }

    for (pos, t) in map.tactics.iter().enumerate() {
        let owner = (ItemKind::Tactic, t.id.as_str(), pos);
        c.identity(ItemKind::Tactic, pos, &t.id, &t.name);
        c.text(Some(owner), "discipline", &t.discipline, false);
        c.text(Some(owner), "description", &t.description, true);
    }

    for (pos, s) in map.segments.iter().enumerate() {
        let owner = (ItemKind::Segment, s.id.as_str(), pos);
        c.identity(ItemKind::Segment, pos, &s.id, &s.name);
        c.text(Some(owner), "description", &s.description, true);
        c.texts(owner, "needs", &s.needs);
        c.texts(owner, "pains", &s.pains);
        c.texts(owner, "usps", &s.usps);
    }

    for (pos, p) in map.personas.iter().enumerate() {
        let owner = (ItemKind::Persona, p.id.as_str(), pos);
        c.identity(ItemKind::Persona, pos, &p.id, &p.name);
        if !p.segment.is_empty() {
            c.reference(owner, "segment", &p.segment, ItemKind::Segment);
        }
        c.text(Some(owner), "description", &p.description, true);
        c.texts(owner, "needs", &p.needs);
        c.texts(owner, "pains", &p.pains);
        c.texts(owner, "goals", &p.goals);
        c.texts(owner, "channels", &p.channels);
    }

    for (pos, k) in map.competitors.iter().enumerate() {
        let owner = (ItemKind::Competitor, k.id.as_str(), pos);
        c.identity(ItemKind::Competitor, pos, &k.id, &k.name);
        c.references(owner, "segments", &k.segments, ItemKind::Segment);
        c.text(Some(owner), "pricing", &k.pricing, false);
        c.text(Some(owner), "positioning", &k.positioning, true);
        c.text(Some(owner), "usp", &k.usp, false);
        c.texts(owner, "strengths", &k.strengths);
        c.texts(owner, "weaknesses", &k.weaknesses);
        c.text(Some(owner), "notes", &k.notes, true);
    }

    for (pos, t) in map.touchpoints.iter().enumerate() {
        let owner = (ItemKind::Touchpoint, t.id.as_str(), pos);
        c.identity(ItemKind::Touchpoint, pos, &t.id, &t.name);
        if t.stage.is_empty() {
            c.push(
                ProblemKind::DanglingReference,
                Some(owner),
                "stage",
                None,
                format!("touchpoint `{}` has no stage", t.id),
                "set `stage` to the id of one of the map's stages".to_string(),
            );
        } else {
            c.reference(owner, "stage", &t.stage, ItemKind::Stage);
        }
        c.references(owner, "tactics", &t.tactics, ItemKind::Tactic);
        c.references(owner, "personas", &t.personas, ItemKind::Persona);
        if let Some(emotion) = t.emotion {
            c.emotion(owner, emotion);
        }
        c.text(Some(owner), "channel", &t.channel, false);
        c.text(Some(owner), "cta", &t.cta, false);
        c.text(Some(owner), "owner", &t.owner, false);
        c.text(Some(owner), "metric", &t.metric, false);
        c.text(Some(owner), "notes", &t.notes, true);
    }
    c.problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Stage, Tactic, Touchpoint};

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
            touchpoints: vec![Touchpoint {
                id: "tp".into(),
                name: "TP".into(),
                stage: "nowhere".into(),
                tactics: vec!["ads".into(), "seo".into()],
                ..Touchpoint::default()
            }],
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
    fn a_touchpoint_emotion_must_be_in_range_when_set() {
        let mut map = JourneyMap {
            title: "t".into(),
            stages: vec![stage("a")],
            touchpoints: vec![Touchpoint {
                id: "tp".into(),
                name: "TP".into(),
                stage: "a".into(),
                emotion: Some(2),
                ..Touchpoint::default()
            }],
            ..JourneyMap::default()
        };
        assert!(validate(&map).is_empty());
        map.touchpoints[0].emotion = Some(-3);
        let problems = validate(&map);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].kind, ProblemKind::OutOfRange);
        assert_eq!(problems[0].message, "touchpoint `tp` has emotion -3, outside -2..=2");
    }
}
