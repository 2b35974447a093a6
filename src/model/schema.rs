//! The registry of item kinds: one declaration per kind (its noun, its list
//! in the map, its RON name) and one field table per kind (each field's
//! name, label, type, help and how to read and write it). Forms, the detail
//! pane, text checks and reverse references all follow from these tables, so
//! a field is described once.
//!
//! Adding a kind of item: its struct in `model`, one line in the
//! [`kinds!`] invocation below, and its field table in [`fields`].

use super::{
    Competitor, CompetitorKind, JourneyMap, Mindset, Persona, PersonaRole, Segment, Stage, Tactic, Touchpoint,
};

/// How a field is edited, checked and shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// One line of text.
    Text,
    /// Several lines of text.
    Multi,
    /// A list of short texts.
    List,
    /// The id of one item of a kind; `optional` allows none.
    Ref { kind: ItemKind, optional: bool },
    /// Ids of several items of a kind.
    Refs(ItemKind),
    /// One of a fixed set of values, by label.
    Choice(&'static [&'static str]),
    /// An emotion score, stepped from -2 to +2.
    Score,
    /// An emotion score that may be unset: a touchpoint's own, which
    /// otherwise follows its stage's. Stepped from "unset" through -2..+2.
    OptionalScore,
    /// Yes or no; `yes` is how the detail pane says yes (no is not shown).
    Bool { yes: &'static str },
}

impl FieldType {
    /// Whether the file format lets the field hold line breaks.
    pub fn multiline(self) -> bool {
        self == FieldType::Multi
    }
}

/// A field's value, borrowed from the item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value<'a> {
    Text(&'a str),
    List(&'a [String]),
    /// Position in the field's choices.
    Choice(usize),
    Score(i8),
    OptionalScore(Option<i8>),
    Bool(bool),
}

/// A field's storage, to write through.
pub enum Slot<'a> {
    Text(&'a mut String),
    List(&'a mut Vec<String>),
    Choice(&'a mut dyn Choose),
    Score(&'a mut i8),
    OptionalScore(&'a mut Option<i8>),
    Bool(&'a mut bool),
}

/// A field whose value is one of a fixed set, by position.
pub trait Choose {
    fn position(&self) -> usize;
    /// Sets the value at `position`; false when it was already that (or
    /// there is no such position).
    fn choose(&mut self, position: usize) -> bool;
}

/// The enumerations that are a choice field's values.
pub trait ChoiceSet: Copy + PartialEq + 'static {
    const VALUES: &'static [Self];
    const LABELS: &'static [&'static str];
}

impl<T: ChoiceSet> Choose for T {
    fn position(&self) -> usize {
        T::VALUES.iter().position(|v| v == self).unwrap_or(0)
    }

    fn choose(&mut self, position: usize) -> bool {
        match T::VALUES.get(position) {
            Some(v) if v != self => {
                *self = *v;
                true
            }
            _ => false,
        }
    }
}

impl ChoiceSet for Mindset {
    const VALUES: &'static [Self] = &Mindset::ALL;
    const LABELS: &'static [&'static str] = &["unspecified", "problem-aware", "solution-aware", "product-aware"];
}

impl ChoiceSet for PersonaRole {
    const VALUES: &'static [Self] = &PersonaRole::ALL;
    const LABELS: &'static [&'static str] = &[
        "unspecified",
        "decision maker",
        "influencer",
        "buyer",
        "user",
        "gatekeeper",
    ];
}

impl ChoiceSet for CompetitorKind {
    const VALUES: &'static [Self] = &CompetitorKind::ALL;
    const LABELS: &'static [&'static str] = &["direct", "indirect", "foreign", "substitute"];
}

/// How a Rust field is seen through the schema.
pub trait FieldValue {
    fn value(&self) -> Value<'_>;
    fn slot(&mut self) -> Slot<'_>;
}

impl FieldValue for String {
    fn value(&self) -> Value<'_> {
        Value::Text(self)
    }
    fn slot(&mut self) -> Slot<'_> {
        Slot::Text(self)
    }
}

impl FieldValue for Vec<String> {
    fn value(&self) -> Value<'_> {
        Value::List(self)
    }
    fn slot(&mut self) -> Slot<'_> {
        Slot::List(self)
    }
}

impl FieldValue for i8 {
    fn value(&self) -> Value<'_> {
        Value::Score(*self)
    }
    fn slot(&mut self) -> Slot<'_> {
        Slot::Score(self)
    }
}

impl FieldValue for Option<i8> {
    fn value(&self) -> Value<'_> {
        Value::OptionalScore(*self)
    }
    fn slot(&mut self) -> Slot<'_> {
        Slot::OptionalScore(self)
    }
}

impl FieldValue for bool {
    fn value(&self) -> Value<'_> {
        Value::Bool(*self)
    }
    fn slot(&mut self) -> Slot<'_> {
        Slot::Bool(self)
    }
}

macro_rules! choice_value {
    ($($t:ty),*) => {$(
        impl FieldValue for $t {
            fn value(&self) -> Value<'_> {
                Value::Choice(self.position())
            }
            fn slot(&mut self) -> Slot<'_> {
                Slot::Choice(self)
            }
        }
    )*};
}
choice_value!(Mindset, PersonaRole, CompetitorKind);

/// One field of a kind (or of the map itself).
#[derive(Clone, Copy)]
pub struct Field {
    /// The field's name in map files.
    pub name: &'static str,
    /// As shown in forms.
    pub label: &'static str,
    /// As shown in the detail pane's narrow label column, when shorter.
    pub short_label: Option<&'static str>,
    pub ty: FieldType,
    /// What the detail pane shows for an empty value ("" hides the field).
    pub when_empty: &'static str,
    /// Of a reference field: how the referenced item's detail pane titles
    /// the items that refer to it ("" uses the referring kind's title).
    pub used_by: &'static str,
    access: Access,
}

impl std::fmt::Debug for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Field")
            .field("name", &self.name)
            .field("ty", &self.ty)
            .finish_non_exhaustive()
    }
}

impl PartialEq for Field {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name && self.ty == other.ty && self.label == other.label
    }
}

impl Eq for Field {}

impl Field {
    /// The label for a column of `cells` cells.
    pub fn label_within(&self, cells: usize) -> &'static str {
        match self.short_label {
            Some(short) if self.label.len() > cells => short,
            _ => self.label,
        }
    }

    /// The kind a reference field points to.
    pub fn referenced_kind(&self) -> Option<ItemKind> {
        match self.ty {
            FieldType::Ref { kind, .. } | FieldType::Refs(kind) => Some(kind),
            _ => None,
        }
    }
}

/// The map's own fields, as an edit records them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapFields {
    pub title: String,
    pub framework: String,
    pub description: String,
}

/// What a form edits: the map's own fields, or an item by kind and position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Map,
    Item(ItemKind, usize),
}

/// The registry: every kind of item, its list in the map and its RON
/// name. Generates [`ItemKind`], its metadata and the per-kind dispatch.
macro_rules! kinds {
    ($($kind:ident : $ty:ident in $list:ident, $noun:literal, $title:literal;)*) => {
        /// The kinds of item a map holds.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum ItemKind {
            $($kind,)*
        }

        impl ItemKind {
            pub const ALL: [ItemKind; [$(stringify!($kind)),*].len()] = [$(ItemKind::$kind,)*];

            /// Singular noun used in messages.
            pub fn noun(self) -> &'static str {
                match self {
                    $(ItemKind::$kind => $noun,)*
                }
            }

            /// The name of the list in the map file.
            pub fn list_field(self) -> &'static str {
                match self {
                    $(ItemKind::$kind => stringify!($list),)*
                }
            }

            /// The struct name written in map files.
            pub fn ron_name(self) -> &'static str {
                match self {
                    $(ItemKind::$kind => stringify!($ty),)*
                }
            }

            /// The plural as a title ("Touchpoints").
            pub fn title(self) -> &'static str {
                match self {
                    $(ItemKind::$kind => $title,)*
                }
            }

            /// The kind's fields, in form order, its name first.
            pub fn fields(self) -> &'static [Field] {
                match self {
                    $(ItemKind::$kind => fields::$kind,)*
                }
            }
        }

        /// How a field reaches into the struct that holds it.
        #[derive(Clone, Copy)]
        enum Access {
            Map(fn(&JourneyMap) -> Value<'_>, fn(&mut JourneyMap) -> Slot<'_>),
            $($kind(fn(&$ty) -> Value<'_>, fn(&mut $ty) -> Slot<'_>),)*
        }

        /// One item of any kind, or the map's own fields: what an edit
        /// records before and after.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum Item {
            Map(MapFields),
            $($kind($ty),)*
        }

        impl Item {
            /// A new item of `kind` with this id and name, every other field
            /// at its default.
            pub fn new(kind: ItemKind, id: String, name: String) -> Item {
                match kind {
                    $(ItemKind::$kind => Item::$kind($ty { id, name, ..$ty::default() }),)*
                }
            }

            /// A copy of what `target` designates, if it exists.
            pub fn get(map: &JourneyMap, target: Target) -> Option<Item> {
                Some(match target {
                    Target::Map => Item::Map(MapFields {
                        title: map.title.clone(),
                        framework: map.framework.clone(),
                        description: map.description.clone(),
                    }),
                    $(Target::Item(ItemKind::$kind, i) => Item::$kind(map.$list.get(i)?.clone()),)*
                })
            }

            /// Writes the item at `index` of its list (or the map's
            /// fields); false when there is no such position.
            pub fn put(self, map: &mut JourneyMap, index: usize) -> bool {
                match self {
                    Item::Map(fields) => {
                        map.title = fields.title;
                        map.framework = fields.framework;
                        map.description = fields.description;
                        true
                    }
                    $(Item::$kind(value) => match map.$list.get_mut(index) {
                        Some(slot) => {
                            *slot = value;
                            true
                        }
                        None => false,
                    },)*
                }
            }

            /// Inserts the item at `index` of its list (at the end when
            /// `index` is past it).
            pub fn insert(self, map: &mut JourneyMap, index: usize) {
                match self {
                    Item::Map(_) => {}
                    $(Item::$kind(value) => {
                        let at = index.min(map.$list.len());
                        map.$list.insert(at, value);
                    })*
                }
            }

            /// The storage of one of its fields, to fill in before the item
            /// is inserted.
            pub fn slot(&mut self, field: &Field) -> Option<Slot<'_>> {
                match (self, field.access) {
                    (Item::Map(_), _) => None,
                    $((Item::$kind(item), Access::$kind(_, slot)) => Some(slot(item)),)*
                    _ => None,
                }
            }
        }

        /// Removes the item at `index` of a list; returns it.
        pub fn take(map: &mut JourneyMap, kind: ItemKind, index: usize) -> Option<Item> {
            match kind {
                $(ItemKind::$kind => (index < map.$list.len()).then(|| Item::$kind(map.$list.remove(index))),)*
            }
        }

        /// Swaps two items of a list (nothing when either is missing).
        pub fn swap(map: &mut JourneyMap, kind: ItemKind, a: usize, b: usize) {
            match kind {
                $(ItemKind::$kind => {
                    if a < map.$list.len() && b < map.$list.len() {
                        map.$list.swap(a, b);
                    }
                })*
            }
        }

        impl JourneyMap {
            /// `(id, name)` of every item of one kind, in file order.
            pub fn ids_and_names(&self, kind: ItemKind) -> Vec<(&str, &str)> {
                match kind {
                    $(ItemKind::$kind => self.$list.iter().map(|i| (i.id.as_str(), i.name.as_str())).collect(),)*
                }
            }

            /// `(id, name)` of the item at `index`.
            pub fn id_and_name(&self, kind: ItemKind, index: usize) -> Option<(&str, &str)> {
                match kind {
                    $(ItemKind::$kind => self.$list.get(index).map(|i| (i.id.as_str(), i.name.as_str())),)*
                }
            }

            /// The name of the item of `kind` with this id (the first, if
            /// the id is repeated): the one id-to-name lookup. Linear in
            /// the list: for many lookups build a [`super::MapIndex`].
            pub fn name_of(&self, kind: ItemKind, id: &str) -> Option<&str> {
                match kind {
                    $(ItemKind::$kind => self.$list.iter().find(|i| i.id == id).map(|i| i.name.as_str()),)*
                }
            }

            /// Number of items of one kind.
            pub fn count(&self, kind: ItemKind) -> usize {
                match kind {
                    $(ItemKind::$kind => self.$list.len(),)*
                }
            }

            /// The value of a field of the map or of one of its items.
            pub fn value(&self, target: Target, field: &Field) -> Option<Value<'_>> {
                match (field.access, target) {
                    (Access::Map(get, _), Target::Map) => Some(get(self)),
                    $((Access::$kind(get, _), Target::Item(ItemKind::$kind, i)) => self.$list.get(i).map(get),)*
                    _ => None,
                }
            }

            /// The storage of a field of the map or of one of its items.
            pub fn slot(&mut self, target: Target, field: &Field) -> Option<Slot<'_>> {
                match (field.access, target) {
                    (Access::Map(_, slot), Target::Map) => Some(slot(self)),
                    $((Access::$kind(_, slot), Target::Item(ItemKind::$kind, i)) => self.$list.get_mut(i).map(slot),)*
                    _ => None,
                }
            }
        }
    };
}

kinds! {
    Stage: Stage in stages, "stage", "Stages";
    Tactic: Tactic in tactics, "tactic", "Tactics";
    Segment: Segment in segments, "segment", "Segments";
    Persona: Persona in personas, "persona", "Personas";
    Competitor: Competitor in competitors, "competitor", "Competitors";
    Touchpoint: Touchpoint in touchpoints, "touchpoint", "Touchpoints";
}

/// The fields of a form target, in the order shown.
pub fn fields_of(target: Target) -> &'static [Field] {
    match target {
        Target::Map => fields::MAP,
        Target::Item(kind, _) => kind.fields(),
    }
}

/// A field of `$owner` (an `Access` variant and its struct) named `$name`.
macro_rules! field {
    ($variant:ident($owner:ty) . $name:ident, $label:literal, $ty:expr) => {
        field!($variant($owner).$name, $label, $ty, short: None, empty: "", used_by: "")
    };
    ($variant:ident($owner:ty) . $name:ident, $label:literal, $ty:expr, short: $short:expr, empty: $empty:literal, used_by: $used_by:literal) => {
        Field {
            name: stringify!($name),
            label: $label,
            short_label: $short,
            ty: $ty,
            when_empty: $empty,
            used_by: $used_by,
            access: Access::$variant(
                |item: &$owner| FieldValue::value(&item.$name),
                |item: &mut $owner| FieldValue::slot(&mut item.$name),
            ),
        }
    };
}

/// The field tables, in form order. The canonical writer keeps its own
/// order, which is the file format's and predates these tables.
#[allow(non_upper_case_globals)]
mod fields {
    use super::FieldType as T;
    use super::*;

    pub static MAP: &[Field] = &[
        field!(Map(JourneyMap).title, "Title", T::Text),
        field!(Map(JourneyMap).framework, "Framework", T::Text),
        field!(Map(JourneyMap).description, "Description", T::Multi),
    ];

    pub static Stage: &[Field] = &[
        field!(Stage(Stage).name, "Name", T::Text),
        field!(Stage(Stage).goal, "Goal", T::Multi),
        field!(Stage(Stage).mindset, "Mindset", T::Choice(Mindset::LABELS)),
        field!(Stage(Stage).emotion, "Emotion", T::Score),
        field!(
            Stage(Stage).tactics,
            "Planned tactics",
            T::Refs(ItemKind::Tactic),
            short: Some("Tactics"),
            empty: "",
            used_by: "Planned in"
        ),
        field!(Stage(Stage).create, "Create", T::List),
        field!(Stage(Stage).track, "Track", T::List),
        field!(Stage(Stage).watch_out, "Watch out", T::Multi),
        field!(Stage(Stage).notes, "Notes", T::Multi),
    ];

    pub static Tactic: &[Field] = &[
        field!(Tactic(Tactic).name, "Name", T::Text),
        field!(Tactic(Tactic).discipline, "Discipline", T::Text),
        field!(Tactic(Tactic).description, "Description", T::Multi),
    ];

    pub static Segment: &[Field] = &[
        field!(Segment(Segment).name, "Name", T::Text),
        field!(
            Segment(Segment).anti,
            "Antisegment",
            T::Bool {
                yes: "yes: people we choose not to serve"
            }
        ),
        field!(Segment(Segment).usps, "USPs", T::List),
        field!(Segment(Segment).description, "Description", T::Multi),
        field!(Segment(Segment).needs, "Needs", T::List),
        field!(Segment(Segment).pains, "Pains", T::List),
    ];

    pub static Persona: &[Field] = &[
        field!(Persona(Persona).name, "Name", T::Text),
        field!(
            Persona(Persona).segment,
            "Segment",
            T::Ref {
                kind: ItemKind::Segment,
                optional: true
            },
            short: None,
            empty: "(none)",
            used_by: ""
        ),
        field!(Persona(Persona).role, "Role", T::Choice(PersonaRole::LABELS)),
        field!(Persona(Persona).description, "Description", T::Multi),
        field!(Persona(Persona).needs, "Needs", T::List),
        field!(Persona(Persona).pains, "Pains", T::List),
        field!(Persona(Persona).goals, "Goals", T::List),
        field!(Persona(Persona).channels, "Channels", T::List),
    ];

    pub static Competitor: &[Field] = &[
        field!(Competitor(Competitor).name, "Name", T::Text),
        field!(Competitor(Competitor).kind, "Kind", T::Choice(CompetitorKind::LABELS)),
        field!(Competitor(Competitor).usp, "USP", T::Text),
        field!(Competitor(Competitor).pricing, "Pricing", T::Text),
        field!(Competitor(Competitor).positioning, "Positioning", T::Multi),
        field!(Competitor(Competitor).segments, "Segments", T::Refs(ItemKind::Segment)),
        field!(Competitor(Competitor).strengths, "Strengths", T::List),
        field!(Competitor(Competitor).weaknesses, "Weaknesses", T::List),
        field!(Competitor(Competitor).notes, "Notes", T::Multi),
    ];

    pub static Touchpoint: &[Field] = &[
        field!(Touchpoint(Touchpoint).name, "Name", T::Text),
        field!(
            Touchpoint(Touchpoint).stage,
            "Stage",
            T::Ref {
                kind: ItemKind::Stage,
                optional: false
            }
        ),
        field!(
            Touchpoint(Touchpoint).tactics,
            "Tactics",
            T::Refs(ItemKind::Tactic),
            short: None,
            empty: "(none yet)",
            used_by: ""
        ),
        field!(
            Touchpoint(Touchpoint).personas,
            "Personas",
            T::Refs(ItemKind::Persona),
            short: None,
            empty: "everyone",
            used_by: ""
        ),
        field!(Touchpoint(Touchpoint).channel, "Channel", T::Text),
        field!(
            Touchpoint(Touchpoint).cta,
            "Call to action",
            T::Text,
            short: Some("Call to act."),
            empty: "",
            used_by: ""
        ),
        field!(Touchpoint(Touchpoint).owner, "Owner", T::Text),
        field!(Touchpoint(Touchpoint).metric, "Metric", T::Text),
        field!(Touchpoint(Touchpoint).notes, "Notes", T::Multi),
        // Last, so the fields people fill in every time come first.
        field!(Touchpoint(Touchpoint).emotion, "Emotion", T::OptionalScore),
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_choice_has_a_label() {
        assert_eq!(Mindset::LABELS.len(), Mindset::ALL.len());
        assert_eq!(PersonaRole::LABELS.len(), PersonaRole::ALL.len());
        assert_eq!(CompetitorKind::LABELS.len(), CompetitorKind::ALL.len());
        assert_eq!(CompetitorKind::Substitute.label(), "substitute");
    }

    #[test]
    fn every_kind_starts_with_its_name_and_reaches_every_field() {
        let mut map = JourneyMap::default();
        map.stages.push(Stage::default());
        map.tactics.push(Tactic::default());
        map.segments.push(Segment::default());
        map.personas.push(Persona::default());
        map.competitors.push(Competitor::default());
        map.touchpoints.push(Touchpoint::default());
        for kind in ItemKind::ALL {
            assert_eq!(kind.fields()[0].name, "name", "{kind:?}");
            let target = Target::Item(kind, 0);
            for field in kind.fields() {
                assert!(map.value(target, field).is_some(), "{kind:?}.{}", field.name);
                assert!(map.value(Target::Item(kind, 1), field).is_none());
                assert!(map.value(Target::Map, field).is_none());
            }
        }
        // Writing through a slot changes the field read back.
        let target = Target::Item(ItemKind::Touchpoint, 0);
        let cta = &ItemKind::Touchpoint.fields()[5];
        if let Some(Slot::Text(text)) = map.slot(target, cta) {
            text.push_str("Book a tasting");
        }
        assert_eq!(map.touchpoints[0].cta, "Book a tasting");
        let role = &ItemKind::Persona.fields()[2];
        if let Some(Slot::Choice(choice)) = map.slot(Target::Item(ItemKind::Persona, 0), role) {
            assert!(choice.choose(3));
            assert!(!choice.choose(3));
        }
        assert_eq!(map.personas[0].role, PersonaRole::ALL[3]);
        assert_eq!(
            map.value(Target::Item(ItemKind::Persona, 0), role),
            Some(Value::Choice(3))
        );
    }
}
