//! The editable fields of every kind of item (and of the map itself), how
//! each is edited, and reading and writing them by name.

use crate::model::{CompetitorKind, EMOTION_RANGE, ItemKind, JourneyMap, Mindset, PersonaRole};

/// What a form edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The map's own fields (title, framework, description).
    Map,
    /// The item of this kind at this position in its list.
    Item(ItemKind, usize),
}

/// How a field is edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// One line of text.
    Text,
    /// Several lines of text.
    Multi,
    /// A list of short texts.
    List,
    /// The id of one item of a kind; `optional` allows none.
    Ref {
        kind: ItemKind,
        optional: bool,
    },
    /// Ids of several items of a kind.
    Refs(ItemKind),
    Mindset,
    Role,
    CompetitorKind,
    Emotion,
    Bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldDef {
    /// The field's name in map files.
    pub name: &'static str,
    pub label: &'static str,
    pub ty: FieldType,
}

const fn f(name: &'static str, label: &'static str, ty: FieldType) -> FieldDef {
    FieldDef { name, label, ty }
}

use FieldType as T;

static MAP_FIELDS: &[FieldDef] = &[
    f("title", "Title", T::Text),
    f("framework", "Framework", T::Text),
    f("description", "Description", T::Multi),
];

static STAGE_FIELDS: &[FieldDef] = &[
    f("name", "Name", T::Text),
    f("goal", "Goal", T::Multi),
    f("mindset", "Mindset", T::Mindset),
    f("emotion", "Emotion", T::Emotion),
    f("tactics", "Planned tactics", T::Refs(ItemKind::Tactic)),
    f("create", "Create", T::List),
    f("track", "Track", T::List),
    f("watch_out", "Watch out", T::Multi),
    f("notes", "Notes", T::Multi),
];

static TACTIC_FIELDS: &[FieldDef] = &[
    f("name", "Name", T::Text),
    f("discipline", "Discipline", T::Text),
    f("description", "Description", T::Multi),
];

static SEGMENT_FIELDS: &[FieldDef] = &[
    f("name", "Name", T::Text),
    f("anti", "Antisegment", T::Bool),
    f("usps", "USPs", T::List),
    f("description", "Description", T::Multi),
    f("needs", "Needs", T::List),
    f("pains", "Pains", T::List),
];

static PERSONA_FIELDS: &[FieldDef] = &[
    f("name", "Name", T::Text),
    f(
        "segment",
        "Segment",
        T::Ref {
            kind: ItemKind::Segment,
            optional: true,
        },
    ),
    f("role", "Role", T::Role),
    f("description", "Description", T::Multi),
    f("needs", "Needs", T::List),
    f("pains", "Pains", T::List),
    f("goals", "Goals", T::List),
    f("channels", "Channels", T::List),
];

static COMPETITOR_FIELDS: &[FieldDef] = &[
    f("name", "Name", T::Text),
    f("kind", "Kind", T::CompetitorKind),
    f("usp", "USP", T::Text),
    f("pricing", "Pricing", T::Text),
    f("positioning", "Positioning", T::Multi),
    f("segments", "Segments", T::Refs(ItemKind::Segment)),
    f("strengths", "Strengths", T::List),
    f("weaknesses", "Weaknesses", T::List),
    f("notes", "Notes", T::Multi),
];

static TOUCHPOINT_FIELDS: &[FieldDef] = &[
    f("name", "Name", T::Text),
    f(
        "stage",
        "Stage",
        T::Ref {
            kind: ItemKind::Stage,
            optional: false,
        },
    ),
    f("tactics", "Tactics", T::Refs(ItemKind::Tactic)),
    f("personas", "Personas", T::Refs(ItemKind::Persona)),
    f("channel", "Channel", T::Text),
    f("cta", "Call to action", T::Text),
    f("owner", "Owner", T::Text),
    f("metric", "Metric", T::Text),
    f("notes", "Notes", T::Multi),
];

/// The fields of a form, in the order shown.
pub fn fields(target: Target) -> &'static [FieldDef] {
    match target {
        Target::Map => MAP_FIELDS,
        Target::Item(kind, _) => match kind {
            ItemKind::Stage => STAGE_FIELDS,
            ItemKind::Tactic => TACTIC_FIELDS,
            ItemKind::Segment => SEGMENT_FIELDS,
            ItemKind::Persona => PERSONA_FIELDS,
            ItemKind::Competitor => COMPETITOR_FIELDS,
            ItemKind::Touchpoint => TOUCHPOINT_FIELDS,
        },
    }
}

macro_rules! accessors {
    ($ref_fn:ident, $mut_fn:ident, $ty:ty, map: [$($mf:ident),*], $($kind:ident => $list:ident [$($f:ident),*]),* $(,)?) => {
        /// The field of this name, if the target has one of this type.
        #[allow(clippy::match_single_binding, unused_variables)]
        pub fn $ref_fn<'a>(map: &'a JourneyMap, target: Target, name: &str) -> Option<&'a $ty> {
            match target {
                Target::Map => match name {
                    $(stringify!($mf) => Some(&map.$mf),)*
                    _ => None,
                },
                $(Target::Item(ItemKind::$kind, i) => {
                    let item = map.$list.get(i)?;
                    match name {
                        $(stringify!($f) => Some(&item.$f),)*
                        _ => None,
                    }
                })*
            }
        }

        #[allow(clippy::match_single_binding, unused_variables)]
        pub fn $mut_fn<'a>(map: &'a mut JourneyMap, target: Target, name: &str) -> Option<&'a mut $ty> {
            match target {
                Target::Map => match name {
                    $(stringify!($mf) => Some(&mut map.$mf),)*
                    _ => None,
                },
                $(Target::Item(ItemKind::$kind, i) => {
                    let item = map.$list.get_mut(i)?;
                    match name {
                        $(stringify!($f) => Some(&mut item.$f),)*
                        _ => None,
                    }
                })*
            }
        }
    };
}

accessors!(text, text_mut, String,
    map: [title, framework, description],
    Stage => stages [name, goal, watch_out, notes],
    Tactic => tactics [name, discipline, description],
    Segment => segments [name, description],
    Persona => personas [name, segment, description],
    Competitor => competitors [name, usp, pricing, positioning, notes],
    Touchpoint => touchpoints [name, stage, channel, cta, owner, metric, notes],
);

accessors!(list, list_mut, Vec<String>,
    map: [],
    Stage => stages [tactics, create, track],
    Tactic => tactics [],
    Segment => segments [usps, needs, pains],
    Persona => personas [needs, pains, goals, channels],
    Competitor => competitors [segments, strengths, weaknesses],
    Touchpoint => touchpoints [tactics, personas],
);

/// Names of the choices of an enum-like field, and the current position.
pub fn choices(map: &JourneyMap, target: Target, ty: FieldType) -> Option<(Vec<&'static str>, usize)> {
    match (ty, target) {
        (T::Mindset, Target::Item(_, i)) => {
            let current = map.stages.get(i)?.mindset;
            let pos = Mindset::ALL.iter().position(|m| *m == current)?;
            Some((Mindset::ALL.iter().map(|m| m.label()).collect(), pos))
        }
        (T::Role, Target::Item(_, i)) => {
            let current = map.personas.get(i)?.role;
            let pos = PersonaRole::ALL.iter().position(|m| *m == current)?;
            Some((PersonaRole::ALL.iter().map(|m| m.label()).collect(), pos))
        }
        (T::CompetitorKind, Target::Item(_, i)) => {
            let current = map.competitors.get(i)?.kind;
            let pos = CompetitorKind::ALL.iter().position(|m| *m == current)?;
            Some((CompetitorKind::ALL.iter().map(|m| m.label()).collect(), pos))
        }
        (T::Emotion, Target::Item(_, i)) => {
            let current = map.stages.get(i)?.emotion;
            let values: Vec<&'static str> = EMOTION_RANGE.map(emotion_label).collect();
            let pos = usize::try_from(current - EMOTION_RANGE.start()).ok()?;
            let last = values.len() - 1;
            Some((values, pos.min(last)))
        }
        (T::Bool, Target::Item(_, i)) => {
            let anti = map.segments.get(i)?.anti;
            Some((vec!["no", "yes"], usize::from(anti)))
        }
        _ => None,
    }
}

/// Sets an enum-like field to the choice at `pos`; false if nothing changed.
pub fn set_choice(map: &mut JourneyMap, target: Target, ty: FieldType, pos: usize) -> bool {
    let Target::Item(_, i) = target else {
        return false;
    };
    fn put<V: PartialEq + Copy>(slot: &mut V, value: Option<&V>) -> bool {
        match value {
            Some(v) if *slot != *v => {
                *slot = *v;
                true
            }
            _ => false,
        }
    }
    match ty {
        T::Mindset => map
            .stages
            .get_mut(i)
            .is_some_and(|s| put(&mut s.mindset, Mindset::ALL.get(pos))),
        T::Role => map
            .personas
            .get_mut(i)
            .is_some_and(|p| put(&mut p.role, PersonaRole::ALL.get(pos))),
        T::CompetitorKind => map
            .competitors
            .get_mut(i)
            .is_some_and(|c| put(&mut c.kind, CompetitorKind::ALL.get(pos))),
        T::Emotion => {
            let values: Vec<i8> = EMOTION_RANGE.collect();
            map.stages
                .get_mut(i)
                .is_some_and(|s| put(&mut s.emotion, values.get(pos)))
        }
        T::Bool => map
            .segments
            .get_mut(i)
            .is_some_and(|s| put(&mut s.anti, [false, true].get(pos))),
        _ => false,
    }
}

/// How an emotion score reads.
pub fn emotion_label(e: i8) -> &'static str {
    match e {
        i8::MIN..=-2 => "-2 frustrated",
        -1 => "-1 uneasy",
        0 => " 0 neutral",
        1 => "+1 pleased",
        _ => "+2 delighted",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ItemKind;

    #[test]
    fn every_field_has_an_accessor() {
        let map = crate::templates::TEMPLATES[0].instantiate(None).unwrap_or_default();
        let mut map = JourneyMap {
            tactics: map.tactics,
            stages: map.stages,
            ..JourneyMap::default()
        };
        map.tactics.push(Default::default());
        map.segments.push(Default::default());
        map.personas.push(Default::default());
        map.competitors.push(Default::default());
        map.touchpoints.push(Default::default());
        let mut targets = vec![Target::Map];
        targets.extend(ItemKind::ALL.iter().map(|&k| Target::Item(k, 0)));
        for target in targets {
            for field in fields(target) {
                let found = match field.ty {
                    T::Text | T::Multi | T::Ref { .. } => text(&map, target, field.name).is_some(),
                    T::List | T::Refs(_) => list(&map, target, field.name).is_some(),
                    ty => choices(&map, target, ty).is_some(),
                };
                assert!(found, "{target:?} {}", field.name);
            }
        }
    }
}
