//! What a three-way merge of maps could not decide: one conflict per field
//! changed differently on each side, or per item deleted on one side and
//! kept (edited, or still referred to) on the other. A conflict holds the
//! base, ours and theirs versions and applies a choice between them, so the
//! merge's report, the conflict markers of a merged file and a resolver all
//! work from the same data.

use super::edit::Item;
use super::{Field, FieldType, ItemKind, JourneyMap, Slot, Target, Value};

/// A field's value, owned: what one side of a conflict holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OwnedValue {
    Text(String),
    List(Vec<String>),
    /// Position in the field's choices.
    Choice(usize),
    Score(i8),
    OptionalScore(Option<i8>),
    Bool(bool),
}

impl From<Value<'_>> for OwnedValue {
    fn from(value: Value<'_>) -> Self {
        match value {
            Value::Text(text) => OwnedValue::Text(text.to_string()),
            Value::List(entries) => OwnedValue::List(entries.to_vec()),
            Value::Choice(position) => OwnedValue::Choice(position),
            Value::Score(score) => OwnedValue::Score(score),
            Value::OptionalScore(score) => OwnedValue::OptionalScore(score),
            Value::Bool(yes) => OwnedValue::Bool(yes),
        }
    }
}

impl OwnedValue {
    /// The value, borrowed, as the schema reads fields.
    pub fn as_value(&self) -> Value<'_> {
        match self {
            OwnedValue::Text(text) => Value::Text(text),
            OwnedValue::List(entries) => Value::List(entries),
            OwnedValue::Choice(position) => Value::Choice(*position),
            OwnedValue::Score(score) => Value::Score(*score),
            OwnedValue::OptionalScore(score) => Value::OptionalScore(*score),
            OwnedValue::Bool(yes) => Value::Bool(*yes),
        }
    }

    /// Writes the value through `slot`; false when the slot holds another
    /// type of value (or a choice has no such position).
    pub fn store(&self, slot: Slot<'_>) -> bool {
        match (self, slot) {
            (OwnedValue::Text(value), Slot::Text(to)) => value.clone_into(to),
            (OwnedValue::List(value), Slot::List(to)) => value.clone_into(to),
            (OwnedValue::Choice(position), Slot::Choice(to)) => {
                to.choose(*position);
                return to.position() == *position;
            }
            (OwnedValue::Score(value), Slot::Score(to)) => *to = *value,
            (OwnedValue::OptionalScore(value), Slot::OptionalScore(to)) => *to = *value,
            (OwnedValue::Bool(value), Slot::Bool(to)) => *to = *value,
            _ => return false,
        }
        true
    }

    /// The value as a person reads it in a report: text quoted, a list's
    /// entries in brackets, a choice by its label, a missing score as
    /// `(none)`. Not sanitised: the caller decides where it goes.
    pub fn describe(&self, field: &Field) -> String {
        match (self, field.ty) {
            (OwnedValue::Text(text), FieldType::Ref { .. }) if text.is_empty() => "(none)".to_string(),
            (OwnedValue::Text(text), FieldType::Ref { .. }) => text.clone(),
            (OwnedValue::Text(text), _) => format!("{text:?}"),
            (OwnedValue::List(entries), FieldType::Refs(_)) => format!("[{}]", entries.join(", ")),
            (OwnedValue::List(entries), _) => {
                let quoted: Vec<String> = entries.iter().map(|e| format!("{e:?}")).collect();
                format!("[{}]", quoted.join(", "))
            }
            (OwnedValue::Choice(position), FieldType::Choice(labels)) => {
                labels.get(*position).copied().unwrap_or("?").to_string()
            }
            (OwnedValue::Choice(position), _) => position.to_string(),
            (OwnedValue::Score(score), _) | (OwnedValue::OptionalScore(Some(score)), _) => score.to_string(),
            (OwnedValue::OptionalScore(None), _) => "(none)".to_string(),
            (OwnedValue::Bool(yes), _) => yes.to_string(),
        }
    }
}

/// One of the three versions a merge reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    Base,
    Ours,
    Theirs,
}

impl Side {
    /// As conflict markers and reports name it.
    pub fn word(self) -> &'static str {
        match self {
            Side::Base => "base",
            Side::Ours => "ours",
            Side::Theirs => "theirs",
        }
    }

    /// The other of ours and theirs (base for base).
    pub fn other(self) -> Side {
        match self {
            Side::Base => Side::Base,
            Side::Ours => Side::Theirs,
            Side::Theirs => Side::Ours,
        }
    }
}

/// Where a conflict is: the map's own fields, or an item by kind and id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Place {
    Map,
    Item { kind: ItemKind, id: String },
}

impl Place {
    /// "touchpoint ad-office-coffee", "map": how markers and reports name it.
    pub fn describe(&self) -> String {
        match self {
            Place::Map => "map".to_string(),
            Place::Item { kind, id } => format!("{} {}", kind.noun(), id),
        }
    }
}

/// An item that refers to another: its kind and id and the field that does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Referrer {
    pub kind: ItemKind,
    pub id: String,
    pub field: &'static str,
}

/// Why the merge could not decide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cause {
    /// Both sides changed the field, to different values.
    BothChanged,
    /// Both sides added an item with this id, and this field differs.
    AddedOnBoth,
    /// One side deleted the item, the other changed these fields of it.
    DeletedAndEdited {
        deleted_by: Side,
        fields: Vec<&'static str>,
    },
    /// One side deleted the item; items of the merged map still refer to it.
    DeletedAndReferenced { deleted_by: Side, by: Vec<Referrer> },
    /// The merged map would break a rule of the file format here (a
    /// reference to nothing, a repeated id, ...): the validation message.
    Invalid { message: String },
}

/// The versions of what is in conflict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Versions {
    /// One field. `base` is `None` when the item is not in the base (it
    /// was added on both sides).
    Field {
        field: &'static Field,
        base: Option<OwnedValue>,
        ours: OwnedValue,
        theirs: OwnedValue,
    },
    /// A whole item; `None` where a side does not have it.
    Item {
        base: Option<Box<Item>>,
        ours: Option<Box<Item>>,
        theirs: Option<Box<Item>>,
    },
}

/// One thing a merge left for a person to decide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub place: Place,
    /// The item's name (ours if it has one, else theirs, else base); the
    /// map's title for the map's own fields.
    pub name: String,
    pub versions: Versions,
    pub cause: Cause,
}

/// What to keep of a conflict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    Base,
    Ours,
    Theirs,
    /// Of a list: ours's entries, then theirs's that ours lacks.
    Both,
    /// Of a field: a value written by hand.
    Value(OwnedValue),
}

/// Why a choice could not be applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceError(pub String);

impl std::fmt::Display for ChoiceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ChoiceError {}

impl Conflict {
    /// The field in conflict; `None` for a whole item.
    pub fn field(&self) -> Option<&'static Field> {
        match self.versions {
            Versions::Field { field, .. } => Some(field),
            Versions::Item { .. } => None,
        }
    }

    /// The kind of the item in conflict; `None` for the map's own fields.
    pub fn kind(&self) -> Option<ItemKind> {
        match &self.place {
            Place::Map => None,
            Place::Item { kind, .. } => Some(*kind),
        }
    }

    /// The item's id (empty for the map's own fields).
    pub fn id(&self) -> &str {
        match &self.place {
            Place::Map => "",
            Place::Item { id, .. } => id,
        }
    }

    /// What a conflict marker's label says after the side:
    /// "touchpoint ad-office-coffee, cta", "map, title", "persona olivia".
    pub fn label(&self) -> String {
        let place = match &self.place {
            Place::Map => "map".to_string(),
            Place::Item { kind, id } if super::is_valid_id(id) => format!("{} {id}", kind.noun()),
            // An id a label could not hold plainly (spaces, commas) is quoted.
            Place::Item { kind, id } => format!("{} {id:?}", kind.noun()),
        };
        match self.field() {
            Some(field) => format!("{place}, {}", field.name),
            None => place,
        }
    }

    /// The cause in words: "changed on both sides", "deleted in ours,
    /// referred to by touchpoint `new-ad` (personas)".
    pub fn describe_cause(&self) -> String {
        match &self.cause {
            Cause::BothChanged => "changed differently on both sides".to_string(),
            Cause::AddedOnBoth => "added on both sides with the same id, differently".to_string(),
            Cause::DeletedAndEdited { deleted_by, fields } => format!(
                "deleted in {}, edited in {} ({})",
                deleted_by.word(),
                deleted_by.other().word(),
                fields.join(", ")
            ),
            Cause::DeletedAndReferenced { deleted_by, by } => {
                let referrers: Vec<String> = by
                    .iter()
                    .map(|r| format!("{} `{}` ({})", r.kind.noun(), r.id, r.field))
                    .collect();
                format!(
                    "deleted in {}, still referred to by {}",
                    deleted_by.word(),
                    referrers.join(", ")
                )
            }
            Cause::Invalid { message } => message.clone(),
        }
    }

    /// One side's version of a field conflict (`None` for base when the
    /// item is new on both sides, and for a whole-item conflict).
    pub fn field_value(&self, side: Side) -> Option<&OwnedValue> {
        match &self.versions {
            Versions::Field { base, ours, theirs, .. } => match side {
                Side::Base => base.as_ref(),
                Side::Ours => Some(ours),
                Side::Theirs => Some(theirs),
            },
            Versions::Item { .. } => None,
        }
    }

    /// One side's version of a whole-item conflict (`None` where that side
    /// deleted it, and for a field conflict).
    pub fn item(&self, side: Side) -> Option<&Item> {
        match &self.versions {
            Versions::Item { base, ours, theirs } => match side {
                Side::Base => base.as_deref(),
                Side::Ours => ours.as_deref(),
                Side::Theirs => theirs.as_deref(),
            },
            Versions::Field { .. } => None,
        }
    }

    /// Applies `choice` to `map`, the merged map the conflict came with (or
    /// that map after other choices). A field is set to the chosen value; an
    /// item is replaced by the chosen version, or deleted with every
    /// reference to it when the chosen side deleted it.
    pub fn apply(&self, map: &mut JourneyMap, choice: &Choice) -> Result<(), ChoiceError> {
        match &self.versions {
            Versions::Field {
                field,
                base,
                ours,
                theirs,
            } => {
                let value = match choice {
                    Choice::Base => base.clone().or_else(|| field.default_value().map(OwnedValue::from)),
                    Choice::Ours => Some(ours.clone()),
                    Choice::Theirs => Some(theirs.clone()),
                    Choice::Both => match (ours, theirs) {
                        (OwnedValue::List(ours), OwnedValue::List(theirs)) => {
                            let mut both = ours.clone();
                            both.extend(theirs.iter().filter(|e| !ours.contains(e)).cloned());
                            Some(OwnedValue::List(both))
                        }
                        _ => return Err(ChoiceError(format!("`{}` is not a list: choose one side", field.name))),
                    },
                    Choice::Value(value) => Some(value.clone()),
                };
                let value = value.ok_or_else(|| ChoiceError(format!("`{}` has no base value", field.name)))?;
                let target = self.target_in(map)?;
                let stored = map.slot(target, field).is_some_and(|slot| value.store(slot));
                if stored {
                    Ok(())
                } else {
                    Err(ChoiceError(format!("that value does not fit `{}`", field.name)))
                }
            }
            Versions::Item { .. } => {
                let side = match choice {
                    Choice::Base => Side::Base,
                    Choice::Ours => Side::Ours,
                    Choice::Theirs => Side::Theirs,
                    Choice::Both | Choice::Value(_) => {
                        return Err(ChoiceError("keep the item or delete it: choose one side".to_string()));
                    }
                };
                match self.item(side) {
                    Some(item) => self.keep_item(map, item),
                    None => self.delete_item(map),
                }
            }
        }
    }

    /// Where the conflict's item (or the map's fields) is in `map`.
    fn target_in(&self, map: &JourneyMap) -> Result<Target, ChoiceError> {
        match &self.place {
            Place::Map => Ok(Target::Map),
            Place::Item { kind, id } => position_of(map, *kind, id)
                .map(|position| Target::Item(*kind, position))
                .ok_or_else(|| ChoiceError(format!("{} `{id}` is no longer in the map", kind.noun()))),
        }
    }

    fn keep_item(&self, map: &mut JourneyMap, item: &Item) -> Result<(), ChoiceError> {
        let Place::Item { kind, id } = &self.place else {
            return Err(ChoiceError("not an item".to_string()));
        };
        match position_of(map, *kind, id) {
            Some(position) => {
                item.clone().put(map, position);
            }
            None => item.clone().insert(map, map.count(*kind)),
        }
        Ok(())
    }

    /// Deletes the item and clears every reference to it; refused while an
    /// item needs it (a touchpoint's stage).
    fn delete_item(&self, map: &mut JourneyMap) -> Result<(), ChoiceError> {
        let Place::Item { kind, id } = &self.place else {
            return Err(ChoiceError("not an item".to_string()));
        };
        let referring: Vec<(ItemKind, &'static Field)> = ItemKind::ALL
            .into_iter()
            .flat_map(|from| {
                from.fields()
                    .iter()
                    .filter(|f| f.referenced_kind() == Some(*kind))
                    .map(move |f| (from, f))
            })
            .collect();
        for &(from, field) in &referring {
            if matches!(field.ty, FieldType::Ref { optional: false, .. }) {
                let needing: Vec<&str> = (0..map.count(from))
                    .filter(|&i| map.value(Target::Item(from, i), field) == Some(Value::Text(id)))
                    .filter_map(|i| map.id_and_name(from, i).map(|(id, _)| id))
                    .collect();
                if !needing.is_empty() {
                    return Err(ChoiceError(format!(
                        "{} `{id}` cannot be deleted while {} {} need it: {}",
                        kind.noun(),
                        needing.len(),
                        from.title().to_lowercase(),
                        needing.join(", ")
                    )));
                }
            }
        }
        for &(from, field) in &referring {
            for i in 0..map.count(from) {
                match map.slot(Target::Item(from, i), field) {
                    Some(Slot::Text(to)) if to == id => to.clear(),
                    Some(Slot::List(to)) => to.retain(|t| t != id),
                    _ => {}
                }
            }
        }
        if let Some(position) = position_of(map, *kind, id) {
            super::edit::take(map, *kind, position);
        }
        Ok(())
    }
}

/// The position of the item of `kind` with this id.
fn position_of(map: &JourneyMap, kind: ItemKind, id: &str) -> Option<usize> {
    map.ids_and_names(kind).iter().position(|(item_id, _)| *item_id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Persona, Stage, Touchpoint};

    fn map() -> JourneyMap {
        JourneyMap {
            title: "T".into(),
            stages: vec![Stage {
                id: "aware".into(),
                name: "Aware".into(),
                ..Stage::default()
            }],
            personas: vec![Persona {
                id: "olivia".into(),
                name: "Olivia".into(),
                ..Persona::default()
            }],
            touchpoints: vec![Box::new(Touchpoint {
                id: "ad".into(),
                name: "Ad".into(),
                stage: "aware".into(),
                personas: vec!["olivia".into()],
                cta: "Order".into(),
                ..Touchpoint::default()
            })],
            ..JourneyMap::default()
        }
    }

    fn field(kind: ItemKind, name: &str) -> &'static Field {
        kind.fields()
            .iter()
            .find(|f| f.name == name)
            .unwrap_or(&kind.fields()[0])
    }

    fn cta_conflict() -> Conflict {
        Conflict {
            place: Place::Item {
                kind: ItemKind::Touchpoint,
                id: "ad".into(),
            },
            name: "Ad".into(),
            versions: Versions::Field {
                field: field(ItemKind::Touchpoint, "cta"),
                base: Some(OwnedValue::Text("Order".into())),
                ours: OwnedValue::Text("Book".into()),
                theirs: OwnedValue::Text("Try".into()),
            },
            cause: Cause::BothChanged,
        }
    }

    #[test]
    fn a_field_choice_sets_the_field() -> Result<(), ChoiceError> {
        let conflict = cta_conflict();
        assert_eq!(conflict.label(), "touchpoint ad, cta");
        let mut m = map();
        conflict.apply(&mut m, &Choice::Theirs)?;
        assert_eq!(m.touchpoints[0].cta, "Try");
        conflict.apply(&mut m, &Choice::Base)?;
        assert_eq!(m.touchpoints[0].cta, "Order");
        conflict.apply(&mut m, &Choice::Value(OwnedValue::Text("Call".into())))?;
        assert_eq!(m.touchpoints[0].cta, "Call");
        assert!(conflict.apply(&mut m, &Choice::Both).is_err(), "text is not a list");
        assert!(
            conflict.apply(&mut m, &Choice::Value(OwnedValue::Score(1))).is_err(),
            "a score does not fit a text"
        );
        Ok(())
    }

    #[test]
    fn both_keeps_every_entry_of_two_lists_once() -> Result<(), ChoiceError> {
        let conflict = Conflict {
            versions: Versions::Field {
                field: field(ItemKind::Touchpoint, "personas"),
                base: None,
                ours: OwnedValue::List(vec!["olivia".into(), "sam".into()]),
                theirs: OwnedValue::List(vec!["sam".into(), "kim".into()]),
            },
            cause: Cause::AddedOnBoth,
            ..cta_conflict()
        };
        let mut m = map();
        conflict.apply(&mut m, &Choice::Both)?;
        assert_eq!(m.touchpoints[0].personas, ["olivia", "sam", "kim"]);
        // No base: base means the field's default.
        conflict.apply(&mut m, &Choice::Base)?;
        assert!(m.touchpoints[0].personas.is_empty());
        Ok(())
    }

    #[test]
    fn deleting_an_item_clears_its_references_unless_something_needs_it() -> Result<(), ChoiceError> {
        let m0 = map();
        let item = |kind, i| Item::get(&m0, Target::Item(kind, i)).map(Box::new);
        let persona = Conflict {
            place: Place::Item {
                kind: ItemKind::Persona,
                id: "olivia".into(),
            },
            name: "Olivia".into(),
            versions: Versions::Item {
                base: item(ItemKind::Persona, 0),
                ours: None,
                theirs: item(ItemKind::Persona, 0),
            },
            cause: Cause::DeletedAndReferenced {
                deleted_by: Side::Ours,
                by: vec![Referrer {
                    kind: ItemKind::Touchpoint,
                    id: "ad".into(),
                    field: "personas",
                }],
            },
        };
        assert_eq!(persona.label(), "persona olivia");
        let mut m = m0.clone();
        persona.apply(&mut m, &Choice::Theirs)?;
        assert_eq!(m, m0, "keeping it changes nothing");
        persona.apply(&mut m, &Choice::Ours)?;
        assert!(m.personas.is_empty());
        assert!(m.touchpoints[0].personas.is_empty(), "{:?}", m.touchpoints[0]);
        // Theirs again puts it back.
        persona.apply(&mut m, &Choice::Theirs)?;
        assert_eq!(m.personas, m0.personas);

        let stage = Conflict {
            place: Place::Item {
                kind: ItemKind::Stage,
                id: "aware".into(),
            },
            name: "Aware".into(),
            versions: Versions::Item {
                base: item(ItemKind::Stage, 0),
                ours: None,
                theirs: item(ItemKind::Stage, 0),
            },
            cause: Cause::DeletedAndEdited {
                deleted_by: Side::Ours,
                fields: vec!["name"],
            },
        };
        let refused = stage.apply(&mut m, &Choice::Ours);
        assert!(
            refused.as_ref().is_err_and(|e| e.0.contains("touchpoints need it: ad")),
            "{refused:?}"
        );
        assert_eq!(m.stages.len(), 1);
        Ok(())
    }

    #[test]
    fn values_read_as_a_person_reads_them() {
        let role = field(ItemKind::Persona, "role");
        assert_eq!(OwnedValue::Choice(3).describe(role), "buyer");
        let tactics = field(ItemKind::Touchpoint, "tactics");
        assert_eq!(
            OwnedValue::List(vec!["a".into(), "b".into()]).describe(tactics),
            "[a, b]"
        );
        let cta = field(ItemKind::Touchpoint, "cta");
        assert_eq!(OwnedValue::Text("say \"hi\"".into()).describe(cta), r#""say \"hi\"""#);
        let stage = field(ItemKind::Touchpoint, "stage");
        assert_eq!(OwnedValue::Text(String::new()).describe(stage), "(none)");
        let emotion = field(ItemKind::Touchpoint, "emotion");
        assert_eq!(OwnedValue::OptionalScore(None).describe(emotion), "(none)");
    }
}
