//! The registry of item kinds: one declaration per kind (its noun, its list
//! in the map, its RON name) and one field table per kind (each field's
//! name, label, type, help and how to read and write it). Forms, the detail
//! pane, the canonical writer, validation, the semantic diff and reverse
//! references all follow from these tables, so a field is described once.
//!
//! Two orders: a table lists its fields in form order (how the workbench
//! shows them); map files hold them in the order the struct declares them,
//! which [`ItemKind::fields_in_file_order`] reads from the struct's
//! `Deserialize`, so the reader and the writer cannot disagree.
//!
//! Adding a field: the struct field in `model` (where the file should hold
//! it) and one line in its table in [`fields`]. Adding a kind of item: its
//! struct in `model`, one line in the [`kinds!`] invocation below, and its
//! field table in [`fields`].

use std::sync::LazyLock;

use serde::de::{self, DeserializeOwned, Deserializer, Visitor};

use super::{
    Campaign, Competitor, CompetitorKind, Evidence, Goal, Insight, JourneyMap, Lane, Mindset, Offer, OfferKind,
    Opportunity, OpportunityStatus, PainPoint, Persona, PersonaRole, PriceLevel, Priority, Segment, Severity, Stage,
    Strategy, Tactic, Touchpoint, TrafficSource,
};

/// How a map's list holds its items: most in place, touchpoints boxed (see
/// [`JourneyMap::touchpoints`]). An [`Item`] holds its value boxed, so that
/// a boxed touchpoint moves between the map and an edit without a copy.
trait Held<T> {
    fn from_box(item: Box<T>) -> Self;
    fn into_box(self) -> Box<T>;
}

impl<T> Held<T> for T {
    fn from_box(item: Box<T>) -> Self {
        *item
    }

    fn into_box(self) -> Box<T> {
        Box::new(self)
    }
}

impl<T> Held<T> for Box<T> {
    fn from_box(item: Box<T>) -> Self {
        item
    }

    fn into_box(self) -> Box<T> {
        self
    }
}

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
    /// A number, held as its normalised text (see [`super::typed`]);
    /// written unquoted in map files, empty when not set.
    Number,
    /// A day, month or quarter in ISO form, empty when not set.
    Date,
    /// An ISO 4217 currency code, empty when not set.
    Currency,
}

impl FieldType {
    /// Whether the file format lets the field hold line breaks.
    pub fn multiline(self) -> bool {
        self == FieldType::Multi
    }

    /// Of a field edited as one line of text: `text` as the field holds
    /// it, or why it cannot (a number field given words).
    pub fn normalise(self, text: &str) -> Result<String, String> {
        match self {
            FieldType::Number => super::typed::normalise_number(text),
            FieldType::Date => super::typed::normalise_date(text),
            FieldType::Currency => super::typed::normalise_currency(text),
            _ => Ok(text.to_string()),
        }
    }

    /// Whether the field is edited as one line of text.
    pub fn one_line_text(self) -> bool {
        matches!(
            self,
            FieldType::Text | FieldType::Number | FieldType::Date | FieldType::Currency
        )
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
    /// How map files name each value (the variant's name), by position.
    const RON_NAMES: &'static [&'static str];

    /// How the value reads in forms and reports.
    fn choice_label(self) -> &'static str {
        Self::LABELS.get(self.position()).copied().unwrap_or("")
    }
}

/// A choice enumeration's values, each with its label; the RON names are
/// the variants' names.
macro_rules! choice_set {
    ($t:ident: $($variant:ident $label:literal),* $(,)?) => {
        impl ChoiceSet for $t {
            const VALUES: &'static [Self] = &[$($t::$variant),*];
            const LABELS: &'static [&'static str] = &[$($label),*];
            const RON_NAMES: &'static [&'static str] = &[$(stringify!($variant)),*];
        }
        choice_value!($t);
    };
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
    const RON_NAMES: &'static [&'static str] = &["Unspecified", "ProblemAware", "SolutionAware", "ProductAware"];
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
    const RON_NAMES: &'static [&'static str] = &[
        "Unspecified",
        "DecisionMaker",
        "Influencer",
        "Buyer",
        "User",
        "Gatekeeper",
    ];
}

impl ChoiceSet for CompetitorKind {
    const VALUES: &'static [Self] = &CompetitorKind::ALL;
    const LABELS: &'static [&'static str] = &["direct", "indirect", "foreign", "substitute"];
    const RON_NAMES: &'static [&'static str] = &["Direct", "Indirect", "Foreign", "Substitute"];
}

/// How a Rust field is seen through the schema.
pub trait FieldValue {
    /// Of a choice: how map files name each value, by position.
    const RON_NAMES: &'static [&'static str] = &[];
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
            const RON_NAMES: &'static [&'static str] = <$t as ChoiceSet>::RON_NAMES;
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

choice_set!(Strategy:
    Unspecified "unspecified",
    Differentiation "differentiation",
    BestPrice "best price",
    Niche "niche focus",
    TrustAndRelationships "trust and relationships",
    BestProduct "best product",
);
choice_set!(PriceLevel:
    Unspecified "unspecified",
    Budget "budget",
    MidRange "mid-range",
    Premium "premium",
    Luxury "luxury",
);
choice_set!(Evidence:
    Assumption "assumption",
    Anecdote "anecdote",
    Research "research",
    Data "data",
);
choice_set!(Lane:
    Doing "doing",
    Thinking "thinking",
    Asking "asking",
    Feeling "feeling",
);
choice_set!(Severity:
    Minor "minor",
    Moderate "moderate",
    Major "major",
    Critical "critical",
);
choice_set!(OpportunityStatus:
    Idea "idea",
    Planned "planned",
    InProgress "in progress",
    Done "done",
    Dropped "dropped",
);
choice_set!(OfferKind:
    LeadMagnet "lead magnet",
    EntryPoint "entry-point offer",
    Core "core offer",
    Upsell "upsell",
    CrossSell "cross-sell",
    Reward "referral or loyalty reward",
    Other "other",
);
choice_set!(TrafficSource:
    Unspecified "unspecified",
    PaidAds "paid ads",
    Search "search",
    Social "social",
    Email "email",
    Content "content",
    Events "events",
    Partners "partners",
    OfflinePrint "offline print",
    Radio "radio",
    Tv "TV",
    Other "other",
);
choice_set!(Priority:
    Unset "unset",
    Low "low",
    Medium "medium",
    High "high",
);

/// The RON names of the values of the field `get` reads: a choice's, or
/// none. Lets [`field!`] find them from the field's Rust type.
const fn ron_names_of<O, T: FieldValue>(_get: fn(&O) -> &T) -> &'static [&'static str] {
    T::RON_NAMES
}

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
    /// Of a choice field: how map files name each value, by position.
    pub ron_names: &'static [&'static str],
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

    /// Whether the field is what names its item (an item's `name`, the
    /// map's `title`): the first field of every table.
    pub fn is_name(&self) -> bool {
        matches!(self.name, "name" | "title")
    }

    /// Whether map files hold the field even when it is empty: the name,
    /// and a reference the item cannot be without.
    pub fn always_written(&self) -> bool {
        self.is_name() || matches!(self.ty, FieldType::Ref { optional: false, .. })
    }
}

/// `fields` in the order of `declared`, the field names of the struct that
/// holds them (a field missing from `declared` would come last; a test
/// checks there is none).
fn in_declared_order(fields: &'static [Field], declared: &[&str]) -> Vec<&'static Field> {
    let mut ordered: Vec<&'static Field> = fields.iter().collect();
    ordered.sort_by_key(|field| {
        declared
            .iter()
            .position(|name| *name == field.name)
            .unwrap_or(usize::MAX)
    });
    ordered
}

/// The field names of a struct, in declaration order, as its derived
/// `Deserialize` hands them to the deserializer before reading anything.
fn declared_fields<T: DeserializeOwned>() -> &'static [&'static str] {
    let mut names: &'static [&'static str] = &[];
    // Stops with an error once it has the names: nothing is deserialized.
    let _ = T::deserialize(FieldNames(&mut names));
    names
}

/// A deserializer that only records the field names a struct asks for.
struct FieldNames<'a>(&'a mut &'static [&'static str]);

impl<'de> Deserializer<'de> for FieldNames<'_> {
    type Error = de::value::Error;

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Self::Error> {
        *self.0 = fields;
        Err(de::Error::custom("only the field names were asked for"))
    }

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("not a struct"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
    }
}

/// The map's own fields in the order map files hold them.
pub fn map_fields_in_file_order() -> Vec<&'static Field> {
    in_declared_order(fields::MAP, declared_fields::<JourneyMap>())
}

/// The map's own fields (everything but its lists), as an edit records
/// them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapFields {
    pub title: String,
    pub framework: String,
    pub description: String,
    pub business: String,
    pub offering: String,
    pub audience: String,
    pub not_for: String,
    pub strategy: Strategy,
    pub market_share: String,
    pub seasonality: String,
    pub lifetime_value: Vec<String>,
    pub recent_results: Vec<String>,
    pub budget: String,
    pub currency: String,
}

impl MapFields {
    /// A copy of the map's own fields.
    pub fn of(map: &JourneyMap) -> MapFields {
        MapFields {
            title: map.title.clone(),
            framework: map.framework.clone(),
            description: map.description.clone(),
            business: map.business.clone(),
            offering: map.offering.clone(),
            audience: map.audience.clone(),
            not_for: map.not_for.clone(),
            strategy: map.strategy,
            market_share: map.market_share.clone(),
            seasonality: map.seasonality.clone(),
            lifetime_value: map.lifetime_value.clone(),
            recent_results: map.recent_results.clone(),
            budget: map.budget.clone(),
            currency: map.currency.clone(),
        }
    }

    /// Writes them into the map.
    pub fn put(self, map: &mut JourneyMap) {
        let MapFields {
            title,
            framework,
            description,
            business,
            offering,
            audience,
            not_for,
            strategy,
            market_share,
            seasonality,
            lifetime_value,
            recent_results,
            budget,
            currency,
        } = self;
        map.title = title;
        map.framework = framework;
        map.description = description;
        map.business = business;
        map.offering = offering;
        map.audience = audience;
        map.not_for = not_for;
        map.strategy = strategy;
        map.market_share = market_share;
        map.seasonality = seasonality;
        map.lifetime_value = lifetime_value;
        map.recent_results = recent_results;
        map.budget = budget;
        map.currency = currency;
    }
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

            /// Whether an item of the kind belongs to a stage it cannot be
            /// without (a touchpoint, a pain point): adding one asks which.
            pub fn placed_at_stage(self) -> bool {
                self.fields().iter().any(|field| {
                    field.ty
                        == FieldType::Ref {
                            kind: ItemKind::Stage,
                            optional: false,
                        }
                })
            }

            /// The plural in running text ("pain points").
            pub fn plural(self) -> String {
                self.title().to_lowercase()
            }

            /// "1 opportunity", "3 opportunities".
            pub fn counted(self, n: usize) -> String {
                if n == 1 {
                    format!("1 {}", self.noun())
                } else {
                    format!("{n} {}", self.plural())
                }
            }

            /// The kind's fields, in form order, its name first.
            pub fn fields(self) -> &'static [Field] {
                match self {
                    $(ItemKind::$kind => fields::$kind,)*
                }
            }

            /// The kind's fields in the order map files hold them (after
            /// the id, which no table lists): the struct's order.
            pub fn fields_in_file_order(self) -> Vec<&'static Field> {
                in_declared_order(self.fields(), self.declared_fields())
            }

            /// The fields its struct declares, `id` included, in the order
            /// serde reads (and the writer writes) them.
            pub fn declared_fields(self) -> &'static [&'static str] {
                match self {
                    $(ItemKind::$kind => declared_fields::<$ty>(),)*
                }
            }
        }

        /// A map with one item of every kind, every field at its default.
        static DEFAULTS: LazyLock<JourneyMap> = LazyLock::new(|| JourneyMap {
            $($list: vec![$ty::default().into()],)*
            ..JourneyMap::default()
        });

        impl Field {
            /// What the field holds when a map file leaves it out.
            pub fn default_value(&self) -> Option<Value<'static>> {
                let defaults: &'static JourneyMap = &DEFAULTS;
                match self.access {
                    Access::Map(get, _) => Some(get(defaults)),
                    $(Access::$kind(get, _) => defaults.$list.first().map(|item| get(item)),)*
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
            // Boxed: items of some kinds take several times the room of
            // others, and lists of items (a merge's, the undo history's)
            // would give each the room of the largest.
            Map(Box<MapFields>),
            $($kind(Box<$ty>),)*
        }

        impl Item {
            /// A new item of `kind` with this id and name, every other field
            /// at its default.
            pub fn new(kind: ItemKind, id: String, name: String) -> Item {
                match kind {
                    $(ItemKind::$kind => Item::$kind(Box::new($ty { id, name, ..$ty::default() })),)*
                }
            }

            /// A copy of what `target` designates, if it exists.
            pub fn get(map: &JourneyMap, target: Target) -> Option<Item> {
                Some(match target {
                    Target::Map => Item::Map(Box::new(MapFields::of(map))),
                    $(Target::Item(ItemKind::$kind, i) => Item::$kind(Box::new(<$ty>::clone(map.$list.get(i)?))),)*
                })
            }

            /// Writes the item at `index` of its list (or the map's
            /// fields); false when there is no such position.
            pub fn put(self, map: &mut JourneyMap, index: usize) -> bool {
                match self {
                    Item::Map(fields) => {
                        (*fields).put(map);
                        true
                    }
                    $(Item::$kind(value) => match map.$list.get_mut(index) {
                        Some(slot) => {
                            *slot = Held::from_box(value);
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
                        map.$list.insert(at, Held::from_box(value));
                    })*
                }
            }

            /// Its id (`None` for the map's own fields).
            pub fn id(&self) -> Option<&str> {
                match self {
                    Item::Map(_) => None,
                    $(Item::$kind(item) => Some(&item.id),)*
                }
            }

            /// The kind of item it is (`None` for the map's own fields).
            pub fn kind(&self) -> Option<ItemKind> {
                match self {
                    Item::Map(_) => None,
                    $(Item::$kind(_) => Some(ItemKind::$kind),)*
                }
            }

            /// The value of one of its fields.
            pub fn value(&self, field: &Field) -> Option<Value<'_>> {
                match (self, field.access) {
                    (Item::Map(_), _) => None,
                    $((Item::$kind(item), Access::$kind(get, _)) => Some(get(item)),)*
                    _ => None,
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
                $(ItemKind::$kind => (index < map.$list.len()).then(|| Item::$kind(Held::into_box(map.$list.remove(index)))),)*
            }
        }

        /// Moves every item of `kind` out of `map`, in order, leaving its
        /// list empty.
        pub fn take_all(map: &mut JourneyMap, kind: ItemKind) -> Vec<Item> {
            match kind {
                $(ItemKind::$kind => std::mem::take(&mut map.$list)
                    .into_iter()
                    .map(|item| Item::$kind(Held::into_box(item)))
                    .collect(),)*
            }
        }

        /// Reads one item of `kind` with `deserializer` and appends it to
        /// its list in `map`: for reading a list an item at a time.
        pub fn push_deserialized<'de, D: serde::Deserializer<'de>>(
            map: &mut JourneyMap,
            kind: ItemKind,
            deserializer: D,
        ) -> Result<(), D::Error> {
            match kind {
                $(ItemKind::$kind => {
                    let item: $ty = serde::Deserialize::deserialize(deserializer)?;
                    map.$list.push(Held::from_box(Box::new(item)));
                })*
            }
            Ok(())
        }

        /// Whether the item of `kind` at `a` in `map` equals the one at `b`
        /// in `other`, field for field; false when either is missing.
        pub fn same_item(map: &JourneyMap, a: usize, other: &JourneyMap, b: usize, kind: ItemKind) -> bool {
            match kind {
                $(ItemKind::$kind => match (map.$list.get(a), other.$list.get(b)) {
                    (Some(a), Some(b)) => a == b,
                    _ => false,
                },)*
            }
        }

        /// Moves the items of `kind` from `from` to the end of `into`'s list.
        pub fn append_list(into: &mut JourneyMap, from: &mut JourneyMap, kind: ItemKind) {
            match kind {
                $(ItemKind::$kind => into.$list.append(&mut from.$list),)*
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
                    $((Access::$kind(get, _), Target::Item(ItemKind::$kind, i)) => self.$list.get(i).map(|item| get(item)),)*
                    _ => None,
                }
            }

            /// The storage of a field of the map or of one of its items.
            pub fn slot(&mut self, target: Target, field: &Field) -> Option<Slot<'_>> {
                match (field.access, target) {
                    (Access::Map(_, slot), Target::Map) => Some(slot(self)),
                    $((Access::$kind(_, slot), Target::Item(ItemKind::$kind, i)) => self.$list.get_mut(i).map(|item| slot(item)),)*
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
    Goal: Goal in goals, "goal", "Goals";
    Insight: Insight in insights, "insight", "Insights";
    PainPoint: PainPoint in pain_points, "pain point", "Pain points";
    Opportunity: Opportunity in opportunities, "opportunity", "Opportunities";
    Offer: Offer in offers, "offer", "Offers";
    Campaign: Campaign in campaigns, "campaign", "Campaigns";
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
            ron_names: ron_names_of(|item: &$owner| &item.$name),
            access: Access::$variant(
                |item: &$owner| FieldValue::value(&item.$name),
                |item: &mut $owner| FieldValue::slot(&mut item.$name),
            ),
        }
    };
}

/// The field tables, in form order (map files follow the structs' order).
#[allow(non_upper_case_globals)]
mod fields {
    use super::FieldType as T;
    use super::*;

    pub static MAP: &[Field] = &[
        field!(Map(JourneyMap).title, "Title", T::Text),
        field!(Map(JourneyMap).framework, "Framework", T::Text),
        field!(Map(JourneyMap).description, "Description", T::Multi),
        field!(Map(JourneyMap).business, "Who we are", T::Multi),
        field!(Map(JourneyMap).offering, "What we sell", T::Multi),
        field!(Map(JourneyMap).audience, "Who we sell to", T::Multi, short: Some("Sells to"), empty: "", used_by: ""),
        field!(
            Map(JourneyMap).not_for,
            "Who we do not sell to",
            T::Multi,
            short: Some("Not for"),
            empty: "",
            used_by: ""
        ),
        field!(Map(JourneyMap).strategy, "Company strategy", T::Choice(Strategy::LABELS), short: Some("Strategy"), empty: "", used_by: ""),
        field!(Map(JourneyMap).market_share, "Market share (%)", T::Number, short: Some("Market share"), empty: "", used_by: ""),
        field!(Map(JourneyMap).seasonality, "Seasonality", T::Multi),
        field!(Map(JourneyMap).lifetime_value, "Lifetime value by channel or segment", T::List, short: Some("LTV"), empty: "", used_by: ""),
        field!(Map(JourneyMap).recent_results, "Recent leads and sales", T::List, short: Some("Results"), empty: "", used_by: ""),
        field!(Map(JourneyMap).budget, "Marketing budget", T::Number, short: Some("Budget"), empty: "", used_by: ""),
        field!(Map(JourneyMap).currency, "Currency", T::Currency),
    ];

    pub static Offer: &[Field] = &[
        field!(Offer(Offer).name, "Name", T::Text),
        field!(Offer(Offer).kind, "Kind", T::Choice(OfferKind::LABELS)),
        field!(
            Offer(Offer).stage,
            "Stage",
            T::Ref {
                kind: ItemKind::Stage,
                optional: false
            },
            short: None,
            empty: "",
            used_by: "Offers"
        ),
        field!(Offer(Offer).price, "Price (0: free)", T::Number, short: Some("Price"), empty: "", used_by: ""),
        field!(Offer(Offer).currency, "Currency", T::Currency),
        field!(Offer(Offer).value, "Value it gives", T::Multi, short: Some("Value"), empty: "", used_by: ""),
        field!(
            Offer(Offer).upgrades,
            "Upgrades / complements",
            T::Ref {
                kind: ItemKind::Offer,
                optional: true
            },
            short: Some("Upgrades"),
            empty: "",
            used_by: "Upgraded by"
        ),
        field!(
            Offer(Offer).segments,
            "Segments",
            T::Refs(ItemKind::Segment),
            short: None,
            empty: "everyone",
            used_by: "Offers"
        ),
        field!(Offer(Offer).notes, "Notes", T::Multi),
    ];

    pub static Campaign: &[Field] = &[
        field!(Campaign(Campaign).name, "Name", T::Text),
        field!(
            Campaign(Campaign).from_stage,
            "From stage",
            T::Ref {
                kind: ItemKind::Stage,
                optional: true
            },
            short: Some("From"),
            empty: "(not chosen)",
            used_by: "Campaigns from here"
        ),
        field!(
            Campaign(Campaign).to_stage,
            "To stage",
            T::Ref {
                kind: ItemKind::Stage,
                optional: true
            },
            short: Some("To"),
            empty: "(not chosen)",
            used_by: "Campaigns to here"
        ),
        field!(Campaign(Campaign).source, "Traffic source", T::Choice(TrafficSource::LABELS), short: Some("Source"), empty: "", used_by: ""),
        field!(Campaign(Campaign).channel, "Channel", T::Text),
        field!(Campaign(Campaign).cta, "Call to action", T::Text, short: Some("Call to act."), empty: "", used_by: ""),
        field!(
            Campaign(Campaign).offer,
            "Offer",
            T::Ref {
                kind: ItemKind::Offer,
                optional: true
            },
            short: None,
            empty: "",
            used_by: "Campaigns"
        ),
        field!(Campaign(Campaign).start, "Start", T::Date),
        field!(Campaign(Campaign).end, "End", T::Date),
        field!(Campaign(Campaign).budget, "Budget", T::Number),
        field!(Campaign(Campaign).currency, "Currency", T::Currency),
        field!(Campaign(Campaign).kpi, "KPI", T::Text),
        field!(Campaign(Campaign).kpi_target, "KPI target", T::Number),
        field!(Campaign(Campaign).owner, "Owner", T::Text),
        field!(
            Campaign(Campaign).touchpoints,
            "Touchpoints",
            T::Refs(ItemKind::Touchpoint),
            short: None,
            empty: "",
            used_by: "Campaigns"
        ),
        field!(
            Campaign(Campaign).personas,
            "Personas",
            T::Refs(ItemKind::Persona),
            short: None,
            empty: "",
            used_by: "Campaigns"
        ),
        field!(
            Campaign(Campaign).segments,
            "Segments",
            T::Refs(ItemKind::Segment),
            short: None,
            empty: "",
            used_by: "Campaigns"
        ),
        field!(Campaign(Campaign).notes, "Notes", T::Multi),
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
        field!(
            Competitor(Competitor).price_level,
            "Price level",
            T::Choice(PriceLevel::LABELS)
        ),
        field!(Competitor(Competitor).geography, "Geography", T::Text),
        field!(Competitor(Competitor).channels, "Channels", T::List),
        field!(Competitor(Competitor).assortment, "Assortment", T::Multi),
        field!(Competitor(Competitor).rating, "Review rating", T::Number, short: Some("Rating"), empty: "", used_by: ""),
        field!(Competitor(Competitor).review_count, "Number of reviews", T::Number, short: Some("Reviews"), empty: "", used_by: ""),
        field!(Competitor(Competitor).review_source, "Reviews from", T::Text),
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

    const EVIDENCE: T = T::Choice(Evidence::LABELS);

    pub static Goal: &[Field] = &[
        field!(Goal(Goal).name, "Name", T::Text),
        field!(Goal(Goal).metric, "Metric", T::Text),
        field!(Goal(Goal).unit, "Unit", T::Text),
        field!(Goal(Goal).baseline, "Baseline", T::Number),
        field!(Goal(Goal).target, "Target", T::Number),
        field!(Goal(Goal).current, "Current value", T::Number, short: Some("Current"), empty: "", used_by: ""),
        field!(Goal(Goal).deadline, "Deadline", T::Date),
        field!(
            Goal(Goal).stages,
            "Stages measured",
            T::Refs(ItemKind::Stage),
            short: Some("Stages"),
            empty: "",
            used_by: "Goals"
        ),
        field!(Goal(Goal).owner, "Owner", T::Text),
        field!(Goal(Goal).notes, "Notes", T::Multi),
    ];

    pub static Insight: &[Field] = &[
        field!(Insight(Insight).name, "Insight", T::Text),
        field!(
            Insight(Insight).stage,
            "Stage",
            T::Ref {
                kind: ItemKind::Stage,
                optional: false
            },
            short: None,
            empty: "",
            used_by: "Lanes"
        ),
        field!(Insight(Insight).lane, "Lane", T::Choice(Lane::LABELS)),
        field!(
            Insight(Insight).personas,
            "Personas",
            T::Refs(ItemKind::Persona),
            short: None,
            empty: "everyone",
            used_by: "Insights"
        ),
        field!(Insight(Insight).evidence, "Evidence", EVIDENCE),
        field!(Insight(Insight).source, "Source", T::Text),
        field!(Insight(Insight).notes, "Notes", T::Multi),
    ];

    pub static PainPoint: &[Field] = &[
        field!(PainPoint(PainPoint).name, "Name", T::Text),
        field!(
            PainPoint(PainPoint).stage,
            "Stage",
            T::Ref {
                kind: ItemKind::Stage,
                optional: false
            },
            short: None,
            empty: "",
            used_by: "Pain points"
        ),
        field!(PainPoint(PainPoint).severity, "Severity", T::Choice(Severity::LABELS)),
        field!(
            PainPoint(PainPoint).personas,
            "Personas",
            T::Refs(ItemKind::Persona),
            short: None,
            empty: "everyone",
            used_by: "Pain points"
        ),
        field!(
            PainPoint(PainPoint).touchpoints,
            "Touchpoints",
            T::Refs(ItemKind::Touchpoint),
            short: None,
            empty: "",
            used_by: "Pain points"
        ),
        field!(PainPoint(PainPoint).evidence, "Evidence", EVIDENCE),
        field!(PainPoint(PainPoint).source, "Source", T::Text),
        field!(PainPoint(PainPoint).notes, "Notes", T::Multi),
    ];

    pub static Opportunity: &[Field] = &[
        field!(Opportunity(Opportunity).name, "Name", T::Text),
        field!(
            Opportunity(Opportunity).stage,
            "Stage",
            T::Ref {
                kind: ItemKind::Stage,
                optional: false
            },
            short: None,
            empty: "",
            used_by: "Opportunities"
        ),
        field!(
            Opportunity(Opportunity).answers,
            "Pains answered",
            T::Refs(ItemKind::PainPoint),
            short: Some("Answers"),
            empty: "",
            used_by: "Answered by"
        ),
        field!(
            Opportunity(Opportunity).status,
            "Status",
            T::Choice(OpportunityStatus::LABELS)
        ),
        field!(
            Opportunity(Opportunity).priority,
            "Priority",
            T::Choice(Priority::LABELS)
        ),
        field!(Opportunity(Opportunity).owner, "Owner", T::Text),
        field!(
            Opportunity(Opportunity).personas,
            "Personas",
            T::Refs(ItemKind::Persona),
            short: None,
            empty: "everyone",
            used_by: "Opportunities"
        ),
        field!(
            Opportunity(Opportunity).touchpoints,
            "Touchpoints",
            T::Refs(ItemKind::Touchpoint),
            short: None,
            empty: "",
            used_by: "Opportunities"
        ),
        field!(Opportunity(Opportunity).evidence, "Evidence", EVIDENCE),
        field!(Opportunity(Opportunity).source, "Source", T::Text),
        field!(Opportunity(Opportunity).notes, "Notes", T::Multi),
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

    /// The names the writer uses are the ones the reader accepts.
    fn ron_names_are_serde_names<T: ChoiceSet + serde::Serialize>() {
        let serialized: Vec<String> = T::VALUES.iter().filter_map(|v| ron::to_string(v).ok()).collect();
        assert_eq!(serialized, T::RON_NAMES, "{}", std::any::type_name::<T>());
    }

    #[test]
    fn every_choice_value_has_its_ron_name() {
        ron_names_are_serde_names::<Mindset>();
        ron_names_are_serde_names::<PersonaRole>();
        ron_names_are_serde_names::<CompetitorKind>();
        let every_field = ItemKind::ALL.iter().flat_map(|kind| kind.fields()).chain(fields::MAP);
        for field in every_field {
            let choices = match field.ty {
                FieldType::Choice(labels) => labels.len(),
                _ => 0,
            };
            assert_eq!(field.ron_names.len(), choices, "{}", field.name);
        }
    }

    /// The fields a struct declares besides `skip`, in declaration order.
    fn declared_besides(declared: &[&'static str], skip: &[&str]) -> Vec<&'static str> {
        declared.iter().copied().filter(|name| !skip.contains(name)).collect()
    }

    #[test]
    fn every_declared_field_is_in_its_table_in_file_order() {
        for kind in ItemKind::ALL {
            let declared = kind.declared_fields();
            let in_file_order: Vec<&str> = kind.fields_in_file_order().iter().map(|f| f.name).collect();
            assert_eq!(in_file_order, declared_besides(declared, &["id"]), "{kind:?}");
            assert_eq!(declared.first(), Some(&"id"), "{kind:?}: the id comes first in files");
        }
        let lists: Vec<&str> = ItemKind::ALL.iter().map(|kind| kind.list_field()).collect();
        let map_declared = declared_fields::<JourneyMap>();
        let map_fields: Vec<&str> = map_fields_in_file_order().iter().map(|f| f.name).collect();
        let mut skip = lists.clone();
        skip.push("format");
        assert_eq!(map_fields, declared_besides(map_declared, &skip));
        // The writer puts the lists in registry order: so does the struct.
        let mut scalars = map_fields.clone();
        scalars.push("format");
        assert_eq!(declared_besides(map_declared, &scalars), lists);
    }

    /// The field names of each `## \`Name\`` table of the file-format
    /// document, in the order of its rows.
    fn documented_fields() -> Vec<(String, Vec<String>)> {
        let mut tables: Vec<(String, Vec<String>)> = Vec::new();
        for line in include_str!("../../docs/file-format.md").lines() {
            if let Some(heading) = line.strip_prefix("## `") {
                tables.push((heading.trim_end_matches('`').to_string(), Vec::new()));
            } else if let (Some(row), Some((_, names))) = (line.strip_prefix("| `"), tables.last_mut()) {
                // The first cell: "`needs`, `pains`, `goals`".
                let cell = row.split(" |").next().unwrap_or_default();
                names.extend(cell.split(", ").map(|name| name.trim_matches('`').to_string()));
            }
        }
        tables
    }

    #[test]
    fn the_file_format_document_lists_every_field_in_file_order() {
        let documented = documented_fields();
        let table = |name: &str| {
            documented
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, fields)| fields.clone())
        };
        for kind in ItemKind::ALL {
            let mut expected = vec!["id".to_string()];
            expected.extend(kind.fields_in_file_order().iter().map(|f| f.name.to_string()));
            assert_eq!(table(kind.ron_name()), Some(expected), "{kind:?}");
        }
        let mut expected = vec!["format".to_string()];
        expected.extend(map_fields_in_file_order().iter().map(|f| f.name.to_string()));
        expected.extend(ItemKind::ALL.iter().map(|kind| kind.list_field().to_string()));
        assert_eq!(table("JourneyMap"), Some(expected));
    }

    #[test]
    fn file_order_differs_from_form_order_where_the_struct_says_so() {
        let names = |fields: Vec<&Field>| fields.iter().map(|f| f.name).collect::<Vec<_>>();
        assert_eq!(
            names(ItemKind::Segment.fields_in_file_order()),
            ["name", "description", "needs", "pains", "anti", "usps"]
        );
        assert_eq!(ItemKind::Segment.fields()[1].name, "anti");
        // A touchpoint's own emotion is written after its personas but shown
        // last in the form, so the fields before it keep their rows.
        assert_eq!(
            names(ItemKind::Touchpoint.fields_in_file_order()),
            [
                "name", "stage", "tactics", "personas", "emotion", "channel", "cta", "owner", "metric", "notes"
            ]
        );
        assert_eq!(ItemKind::Touchpoint.fields().last().map(|f| f.name), Some("emotion"));
    }

    #[test]
    fn only_names_and_required_references_are_always_written() {
        let always: Vec<(ItemKind, &str)> = ItemKind::ALL
            .iter()
            .flat_map(|&kind| kind.fields().iter().map(move |f| (kind, f)))
            .filter(|(_, f)| f.always_written() && !f.is_name())
            .map(|(kind, f)| (kind, f.name))
            .collect();
        assert_eq!(
            always,
            [
                (ItemKind::Touchpoint, "stage"),
                (ItemKind::Insight, "stage"),
                (ItemKind::PainPoint, "stage"),
                (ItemKind::Opportunity, "stage"),
                (ItemKind::Offer, "stage")
            ]
        );
        assert!(ItemKind::ALL.iter().all(|kind| kind.fields()[0].is_name()));
        assert!(fields::MAP[0].is_name() && !fields::MAP[1].is_name());
    }

    #[test]
    fn defaults_are_what_an_empty_item_holds() {
        let field = |kind: ItemKind, name: &str| kind.fields().iter().find(|f| f.name == name).copied();
        let default_of = |kind, name| field(kind, name).and_then(|f| f.default_value());
        assert_eq!(default_of(ItemKind::Stage, "emotion"), Some(Value::Score(0)));
        assert_eq!(default_of(ItemKind::Stage, "goal"), Some(Value::Text("")));
        assert_eq!(default_of(ItemKind::Segment, "anti"), Some(Value::Bool(false)));
        assert_eq!(default_of(ItemKind::Segment, "usps"), Some(Value::List(&[])));
        let direct = CompetitorKind::default().position();
        assert_eq!(default_of(ItemKind::Competitor, "kind"), Some(Value::Choice(direct)));
        assert_eq!(fields::MAP[2].default_value(), Some(Value::Text("")));
    }

    #[test]
    fn every_kind_starts_with_its_name_and_reaches_every_field() {
        let mut map = JourneyMap::default();
        for kind in ItemKind::ALL {
            Item::new(kind, String::new(), String::new()).insert(&mut map, 0);
        }
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
