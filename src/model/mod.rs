//! The journey map: plain data types and their invariants.
//!
//! Items reference one another by `id` (a slug unique within its list), never
//! by position, so reordering and renaming never break a reference. Every field
//! except an item's `id`, `name` and a touchpoint's `stage` has a default, so a
//! short hand-written map loads.

pub mod comments;
pub mod conflict;
pub mod edit;
pub mod history;
mod ids;
mod index;
pub mod schema;
mod validate;

pub use ids::{is_valid_id, slugify, unique_id};
pub use index::MapIndex;
pub use schema::{Field, FieldType, Item, ItemKind, MapFields, Slot, Target, Value};
pub use validate::{Problem, ProblemKind, validate};

use serde::{Deserialize, Serialize};

/// The newest file format this program reads and writes.
pub const FORMAT_VERSION: u32 = 2;

/// The format of maps that use no field added after the first format: they
/// are written with it, so that maps made before format 2 stay byte-identical
/// and older programs keep opening them.
pub const FIRST_FORMAT: u32 = 1;

/// Emotion scores run from -2 (frustrated) to +2 (delighted).
pub const EMOTION_RANGE: std::ops::RangeInclusive<i8> = -2..=2;

/// A whole customer journey map: one `.ron` file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "JourneyMap")]
pub struct JourneyMap {
    #[serde(default = "current_format")]
    pub format: u32,
    #[serde(default)]
    pub title: String,
    /// Id of the built-in template the map started from, if any.
    #[serde(default)]
    pub framework: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub stages: Vec<Stage>,
    #[serde(default)]
    pub tactics: Vec<Tactic>,
    #[serde(default)]
    pub segments: Vec<Segment>,
    #[serde(default)]
    pub personas: Vec<Persona>,
    #[serde(default)]
    pub competitors: Vec<Competitor>,
    #[serde(default)]
    pub touchpoints: Vec<Touchpoint>,
}

fn current_format() -> u32 {
    FIRST_FORMAT
}

impl JourneyMap {
    /// The oldest file format that holds everything this map uses: 2 when a
    /// touchpoint has its own emotion (added in format 2), else 1. Saving
    /// writes this, not the number the file declared.
    pub fn required_format(&self) -> u32 {
        if self.touchpoints.iter().any(|t| t.emotion.is_some()) {
            2
        } else {
            FIRST_FORMAT
        }
    }

    /// Sets `format` to what the map's content needs ([`Self::required_format`]):
    /// after loading and after every edit, so the map in memory equals the
    /// map its saved file loads back as.
    pub fn settle_format(&mut self) {
        self.format = self.required_format();
    }
}

impl Default for JourneyMap {
    fn default() -> Self {
        Self {
            format: FIRST_FORMAT,
            title: String::new(),
            framework: String::new(),
            description: String::new(),
            stages: Vec::new(),
            tactics: Vec::new(),
            segments: Vec::new(),
            personas: Vec::new(),
            competitors: Vec::new(),
            touchpoints: Vec::new(),
        }
    }
}

/// A stage of the journey, in journey order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Stage")]
pub struct Stage {
    pub id: String,
    pub name: String,
    /// What the business wants to achieve at this stage.
    #[serde(default)]
    pub goal: String,
    #[serde(default)]
    pub mindset: Mindset,
    /// Content and assets to create for this stage.
    #[serde(default)]
    pub create: Vec<String>,
    /// Signals and metrics to track.
    #[serde(default)]
    pub track: Vec<String>,
    /// The trap to avoid at this stage.
    #[serde(default)]
    pub watch_out: String,
    /// Ids of the tactics this stage plans to use.
    #[serde(default)]
    pub tactics: Vec<String>,
    /// How the customer feels here, from -2 to +2.
    #[serde(default)]
    pub emotion: i8,
    #[serde(default)]
    pub notes: String,
}

/// What the customer knows when they are at a stage.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Mindset {
    #[default]
    Unspecified,
    /// Knows they have a problem, not what solves it.
    ProblemAware,
    /// Knows kinds of solution, compares approaches.
    SolutionAware,
    /// Knows the product and weighs buying it.
    ProductAware,
}

impl Mindset {
    pub const ALL: [Mindset; 4] = [
        Mindset::Unspecified,
        Mindset::ProblemAware,
        Mindset::SolutionAware,
        Mindset::ProductAware,
    ];

    pub fn label(self) -> &'static str {
        use schema::{ChoiceSet, Choose};
        Self::LABELS[self.position()]
    }
}

/// A marketing tactic (a means of reaching people), grouped by discipline.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Tactic")]
pub struct Tactic {
    pub id: String,
    pub name: String,
    /// Free text; the matrix groups tactics by it. See [`DISCIPLINES`].
    #[serde(default)]
    pub discipline: String,
    #[serde(default)]
    pub description: String,
}

/// Disciplines offered when a tactic is created; any other text is allowed.
pub const DISCIPLINES: [&str; 12] = [
    "Advertising",
    "Content marketing",
    "Email",
    "Search",
    "Social",
    "CRM",
    "Events",
    "Marketing automation",
    "Market research",
    "Community",
    "Sales",
    "Customer service",
];

/// A group of people the business serves (or, if `anti`, chooses not to serve).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Segment")]
pub struct Segment {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub needs: Vec<String>,
    #[serde(default)]
    pub pains: Vec<String>,
    /// An antisegment: people the business deliberately does not target.
    #[serde(default)]
    pub anti: bool,
    /// Unique selling propositions for this segment.
    #[serde(default)]
    pub usps: Vec<String>,
}

/// A representative person (avatar) inside a segment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Persona")]
pub struct Persona {
    pub id: String,
    pub name: String,
    /// Id of the segment the persona belongs to; empty when not yet chosen.
    #[serde(default)]
    pub segment: String,
    #[serde(default)]
    pub role: PersonaRole,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub needs: Vec<String>,
    #[serde(default)]
    pub pains: Vec<String>,
    #[serde(default)]
    pub goals: Vec<String>,
    /// Where the persona can be reached (free text).
    #[serde(default)]
    pub channels: Vec<String>,
}

/// The part a persona plays in a purchase.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PersonaRole {
    #[default]
    Unspecified,
    DecisionMaker,
    Influencer,
    Buyer,
    User,
    Gatekeeper,
}

impl PersonaRole {
    pub const ALL: [PersonaRole; 6] = [
        PersonaRole::Unspecified,
        PersonaRole::DecisionMaker,
        PersonaRole::Influencer,
        PersonaRole::Buyer,
        PersonaRole::User,
        PersonaRole::Gatekeeper,
    ];

    pub fn label(self) -> &'static str {
        use schema::{ChoiceSet, Choose};
        Self::LABELS[self.position()]
    }
}

/// Another business competing for the same customers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Competitor")]
pub struct Competitor {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub kind: CompetitorKind,
    #[serde(default)]
    pub pricing: String,
    #[serde(default)]
    pub positioning: String,
    #[serde(default)]
    pub usp: String,
    /// Ids of the segments this competitor targets.
    #[serde(default)]
    pub segments: Vec<String>,
    #[serde(default)]
    pub strengths: Vec<String>,
    #[serde(default)]
    pub weaknesses: Vec<String>,
    #[serde(default)]
    pub notes: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CompetitorKind {
    /// Same product, same customers.
    #[default]
    Direct,
    /// A different product that meets the same need.
    Indirect,
    /// A competitor from abroad.
    Foreign,
    /// A different way of solving the problem altogether (doing nothing included).
    Substitute,
}

impl CompetitorKind {
    pub const ALL: [CompetitorKind; 4] = [
        CompetitorKind::Direct,
        CompetitorKind::Indirect,
        CompetitorKind::Foreign,
        CompetitorKind::Substitute,
    ];

    pub fn label(self) -> &'static str {
        use schema::{ChoiceSet, Choose};
        Self::LABELS[self.position()]
    }
}

/// Reads `emotion: 1` as `Some(1)`: map files write a touchpoint's own
/// score as a plain number, not RON's `Some(1)`, and leave it out for none.
fn optional_score<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<i8>, D::Error> {
    i8::deserialize(deserializer).map(Some)
}

/// A concrete contact with the audience at one stage, using some tactics.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Touchpoint")]
pub struct Touchpoint {
    pub id: String,
    pub name: String,
    /// Id of the stage this touchpoint belongs to.
    pub stage: String,
    /// Ids of the tactics it uses.
    #[serde(default)]
    pub tactics: Vec<String>,
    /// Ids of the personas it addresses; empty means everyone.
    #[serde(default)]
    pub personas: Vec<String>,
    /// How the customer feels at this touchpoint, from -2 to +2, when it
    /// differs from its stage (an imported Mermaid task's score); `None`
    /// takes the stage's. Written `emotion: 1` (format 2).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "optional_score"
    )]
    pub emotion: Option<i8>,
    /// Where it happens: "Facebook", "Trade fair booth", "Onboarding email".
    #[serde(default)]
    pub channel: String,
    /// The call to action.
    #[serde(default)]
    pub cta: String,
    #[serde(default)]
    pub owner: String,
    /// How success is measured.
    #[serde(default)]
    pub metric: String,
    #[serde(default)]
    pub notes: String,
}
