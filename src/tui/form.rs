//! Reading and writing the fields of a form through the item-kind registry
//! ([`crate::model::schema`]), which says what fields each kind has.

use crate::model::{EMOTION_RANGE, Field, FieldType, ItemKind, JourneyMap, Slot, Value};

pub use crate::model::schema::{Target, fields_of as fields};

/// The text of a text or reference field.
pub fn text<'a>(map: &'a JourneyMap, target: Target, field: &Field) -> Option<&'a str> {
    match map.value(target, field)? {
        Value::Text(text) => Some(text),
        _ => None,
    }
}

pub fn text_mut<'a>(map: &'a mut JourneyMap, target: Target, field: &Field) -> Option<&'a mut String> {
    match map.slot(target, field)? {
        Slot::Text(text) => Some(text),
        _ => None,
    }
}

/// The entries of a list or multiple-reference field.
pub fn list<'a>(map: &'a JourneyMap, target: Target, field: &Field) -> Option<&'a [String]> {
    match map.value(target, field)? {
        Value::List(list) => Some(list),
        _ => None,
    }
}

pub fn list_mut<'a>(map: &'a mut JourneyMap, target: Target, field: &Field) -> Option<&'a mut Vec<String>> {
    match map.slot(target, field)? {
        Slot::List(list) => Some(list),
        _ => None,
    }
}

/// The labels of a choice-like field (a choice, a score, yes/no) and the
/// position of its current value.
pub fn choices(map: &JourneyMap, target: Target, field: &Field) -> Option<(Vec<&'static str>, usize)> {
    match (field.ty, map.value(target, field)?) {
        (FieldType::Choice(labels), Value::Choice(pos)) => Some((labels.to_vec(), pos)),
        (FieldType::Score, Value::Score(score)) => {
            let values: Vec<&'static str> = EMOTION_RANGE.map(emotion_label).collect();
            let pos = usize::try_from(score - EMOTION_RANGE.start()).unwrap_or(0);
            let last = values.len() - 1;
            Some((values, pos.min(last)))
        }
        (FieldType::OptionalScore, Value::OptionalScore(score)) => {
            let mut values = vec![STAGE_EMOTION];
            values.extend(EMOTION_RANGE.map(emotion_label));
            let pos = score.map_or(0, |s| 1 + usize::try_from(s - EMOTION_RANGE.start()).unwrap_or(0));
            let last = values.len() - 1;
            Some((values, pos.min(last)))
        }
        (FieldType::Bool { .. }, Value::Bool(yes)) => Some((vec!["no", "yes"], usize::from(yes))),
        _ => None,
    }
}

/// Sets a choice-like field to the value at `pos`; false if nothing changed.
pub fn set_choice(map: &mut JourneyMap, target: Target, field: &Field, pos: usize) -> bool {
    match map.slot(target, field) {
        Some(Slot::Choice(choice)) => choice.choose(pos),
        Some(Slot::Score(score)) => match EMOTION_RANGE.clone().nth(pos) {
            Some(value) if *score != value => {
                *score = value;
                true
            }
            _ => false,
        },
        Some(Slot::OptionalScore(score)) => {
            let value = match pos {
                0 => None,
                n => match EMOTION_RANGE.clone().nth(n - 1) {
                    Some(value) => Some(value),
                    None => return false,
                },
            };
            if *score == value {
                return false;
            }
            *score = value;
            true
        }
        Some(Slot::Bool(yes)) => match [false, true].get(pos) {
            Some(&value) if *yes != value => {
                *yes = value;
                true
            }
            _ => false,
        },
        _ => false,
    }
}

/// How an unset touchpoint emotion reads: it follows the stage's.
pub const STAGE_EMOTION: &str = "as its stage";

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

/// Every field of every kind that refers to items of `kind`.
pub fn referring_fields(kind: ItemKind) -> impl Iterator<Item = (ItemKind, &'static Field)> {
    ItemKind::ALL.into_iter().flat_map(move |from| {
        from.fields()
            .iter()
            .filter(move |f| f.referenced_kind() == Some(kind))
            .map(move |f| (from, f))
    })
}

/// The names of the items of kind `from` whose `field` refers to `id`.
pub fn referring_names<'a>(map: &'a JourneyMap, from: ItemKind, field: &Field, id: &str) -> Vec<&'a str> {
    names_at(map, from, &referring_positions(map, from, field, id))
}

/// The positions of the items of kind `from` whose `field` refers to `id`.
pub fn referring_positions(map: &JourneyMap, from: ItemKind, field: &Field, id: &str) -> Vec<usize> {
    (0..map.count(from))
        .filter(|&i| match map.value(Target::Item(from, i), field) {
            Some(Value::Text(to)) => to == id,
            Some(Value::List(to)) => to.iter().any(|t| t == id),
            _ => false,
        })
        .collect()
}

/// The names of the items of kind `from` at `positions`.
pub fn names_at<'a>(map: &'a JourneyMap, from: ItemKind, positions: &[usize]) -> Vec<&'a str> {
    positions
        .iter()
        .filter_map(|&i| map.id_and_name(from, i).map(|(_, name)| name))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ItemKind;

    #[test]
    fn every_field_has_an_editor() {
        let mut map = JourneyMap::default();
        for kind in ItemKind::ALL {
            crate::model::Item::new(kind, String::new(), String::new()).insert(&mut map, 0);
        }
        let mut targets = vec![Target::Map];
        targets.extend(ItemKind::ALL.iter().map(|&k| Target::Item(k, 0)));
        for target in targets {
            for field in fields(target) {
                let found = match field.ty {
                    FieldType::Text
                    | FieldType::Multi
                    | FieldType::Number
                    | FieldType::Date
                    | FieldType::Currency
                    | FieldType::Ref { .. } => text(&map, target, field).is_some(),
                    FieldType::List | FieldType::Refs(_) => list(&map, target, field).is_some(),
                    _ => choices(&map, target, field).is_some(),
                };
                assert!(found, "{target:?} {}", field.name);
            }
        }
    }

    #[test]
    fn choices_step_and_report_no_change() {
        let mut map = JourneyMap::default();
        map.stages.push(Default::default());
        let target = Target::Item(ItemKind::Stage, 0);
        let emotion = fields(target).iter().find(|f| f.name == "emotion").copied();
        let Some(emotion) = emotion else {
            panic!("stages have an emotion")
        };
        assert!(set_choice(&mut map, target, &emotion, 4));
        assert_eq!(map.stages[0].emotion, 2);
        assert!(!set_choice(&mut map, target, &emotion, 4));
        assert!(!set_choice(&mut map, target, &emotion, 9));
        assert_eq!(choices(&map, target, &emotion).map(|(_, pos)| pos), Some(4));
    }

    #[test]
    fn a_touchpoint_emotion_steps_from_unset_through_the_scores() {
        let mut map = JourneyMap::default();
        map.touchpoints.push(Default::default());
        let target = Target::Item(ItemKind::Touchpoint, 0);
        let Some(emotion) = fields(target).iter().find(|f| f.name == "emotion").copied() else {
            panic!("touchpoints have an emotion")
        };
        assert_eq!(choices(&map, target, &emotion).map(|(_, pos)| pos), Some(0));
        assert!(set_choice(&mut map, target, &emotion, 1));
        assert_eq!(map.touchpoints[0].emotion, Some(-2));
        assert!(set_choice(&mut map, target, &emotion, 5));
        assert_eq!(map.touchpoints[0].emotion, Some(2));
        assert!(!set_choice(&mut map, target, &emotion, 6));
        assert_eq!(choices(&map, target, &emotion).map(|(_, pos)| pos), Some(5));
        assert!(set_choice(&mut map, target, &emotion, 0));
        assert_eq!(map.touchpoints[0].emotion, None);
    }
}
