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
pub mod typed;
mod validate;

pub use ids::{is_valid_id, slugify, unique_id};
pub use index::MapIndex;
pub use schema::{Field, FieldType, Item, ItemKind, MapFields, Slot, Target, Value};
pub use validate::{Problem, ProblemKind, validate};

use serde::{Deserialize, Serialize};

/// The newest file format this program reads and writes.
pub const FORMAT_VERSION: u32 = 3;

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
    // The business brief (format 3): who the business is, what it sells
    // and to whom, before any journey.
    /// Who we are.
    #[serde(default)]
    pub business: String,
    /// What we sell.
    #[serde(default)]
    pub offering: String,
    /// Who we sell to.
    #[serde(default)]
    pub audience: String,
    /// Who we choose not to sell to.
    #[serde(default)]
    pub not_for: String,
    #[serde(default)]
    pub strategy: Strategy,
    /// Market share, in percent.
    #[serde(default, skip_serializing_if = "String::is_empty", with = "typed::number")]
    pub market_share: String,
    #[serde(default)]
    pub seasonality: String,
    /// Customer lifetime value by channel and segment, one entry each
    /// ("Dealers: 12,000 EUR").
    #[serde(default)]
    pub lifetime_value: Vec<String>,
    /// The last months' leads and sales, one entry per month or period.
    #[serde(default)]
    pub recent_results: Vec<String>,
    /// The marketing budget campaigns share (in `currency`).
    #[serde(default, skip_serializing_if = "String::is_empty", with = "typed::number")]
    pub budget: String,
    /// ISO 4217 code of the map's amounts ("EUR"), when it has a budget.
    #[serde(default, deserialize_with = "typed::read_currency")]
    pub currency: String,
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
    /// Boxed, unlike the other lists: a map can hold tens of thousands,
    /// and taking one out of (or putting one back into) the middle of the
    /// list then moves a pointer per touchpoint after it, not the whole
    /// touchpoint.
    #[serde(default)]
    pub touchpoints: Vec<Box<Touchpoint>>,
    #[serde(default)]
    pub goals: Vec<Goal>,
    #[serde(default)]
    pub insights: Vec<Insight>,
    #[serde(default)]
    pub pain_points: Vec<PainPoint>,
    #[serde(default)]
    pub opportunities: Vec<Opportunity>,
    #[serde(default)]
    pub offers: Vec<Offer>,
    #[serde(default)]
    pub campaigns: Vec<Campaign>,
}

fn current_format() -> u32 {
    FIRST_FORMAT
}

impl JourneyMap {
    /// The oldest file format that holds everything this map uses: 2 when a
    /// touchpoint has its own emotion (added in format 2), else 1. Saving
    /// writes this, not the number the file declared.
    pub fn required_format(&self) -> u32 {
        if self.uses_playbook() {
            3
        } else if self.touchpoints.iter().any(|t| t.emotion.is_some()) {
            2
        } else {
            FIRST_FORMAT
        }
    }

    /// Whether the map holds anything added in format 3: the brief, goals,
    /// lane insights, pain points, opportunities, or a competitor's
    /// market facts.
    fn uses_playbook(&self) -> bool {
        let brief = !(self.business.is_empty()
            && self.offering.is_empty()
            && self.audience.is_empty()
            && self.not_for.is_empty()
            && self.strategy == Strategy::Unspecified
            && self.market_share.is_empty()
            && self.seasonality.is_empty()
            && self.lifetime_value.is_empty()
            && self.recent_results.is_empty()
            && self.budget.is_empty()
            && self.currency.is_empty());
        let market_facts = self.competitors.iter().any(|c| {
            !(c.geography.is_empty()
                && c.channels.is_empty()
                && c.assortment.is_empty()
                && c.price_level == PriceLevel::Unspecified
                && c.rating.is_empty()
                && c.review_count.is_empty()
                && c.review_source.is_empty())
        });
        brief
            || market_facts
            || !self.goals.is_empty()
            || !self.insights.is_empty()
            || !self.pain_points.is_empty()
            || !self.opportunities.is_empty()
            || !self.offers.is_empty()
            || !self.campaigns.is_empty()
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
            business: String::new(),
            offering: String::new(),
            audience: String::new(),
            not_for: String::new(),
            strategy: Strategy::Unspecified,
            market_share: String::new(),
            seasonality: String::new(),
            lifetime_value: Vec::new(),
            recent_results: Vec::new(),
            budget: String::new(),
            currency: String::new(),
            stages: Vec::new(),
            tactics: Vec::new(),
            segments: Vec::new(),
            personas: Vec::new(),
            competitors: Vec::new(),
            touchpoints: Vec::new(),
            goals: Vec::new(),
            insights: Vec::new(),
            pain_points: Vec::new(),
            opportunities: Vec::new(),
            offers: Vec::new(),
            campaigns: Vec::new(),
        }
    }
}

/// The company strategy a brief names (seed: differentiation, best price,
/// a niche, trust and relationships, or the best product).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Strategy {
    #[default]
    Unspecified,
    /// Stand out from competitors on something customers value.
    Differentiation,
    /// The lowest price for what is offered.
    BestPrice,
    /// Serve one niche better than anyone.
    Niche,
    /// Win on trust and long relationships.
    TrustAndRelationships,
    /// The best product in its class.
    BestProduct,
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
    /// Where it sells (format 3, as the fields below).
    #[serde(default)]
    pub geography: String,
    /// Where it reaches customers.
    #[serde(default)]
    pub channels: Vec<String>,
    /// What it sells.
    #[serde(default)]
    pub assortment: String,
    #[serde(default)]
    pub price_level: PriceLevel,
    /// Its average review rating (say on a five-star scale).
    #[serde(default, skip_serializing_if = "String::is_empty", with = "typed::number")]
    pub rating: String,
    /// How many reviews the rating rests on.
    #[serde(default, skip_serializing_if = "String::is_empty", with = "typed::number")]
    pub review_count: String,
    /// Where the reviews were read.
    #[serde(default)]
    pub review_source: String,
}

/// Where a competitor's prices sit in the market.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PriceLevel {
    #[default]
    Unspecified,
    Budget,
    MidRange,
    Premium,
    Luxury,
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
    #[serde(default, deserialize_with = "typed::exact_list")]
    pub tactics: Vec<String>,
    /// Ids of the personas it addresses; empty means everyone.
    #[serde(default, deserialize_with = "typed::exact_list")]
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

/// How well a claim about customers is backed: a strategist must tell a
/// hunch from a measured fact.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Evidence {
    /// Believed, not checked: what every entry is until someone checks it.
    #[default]
    Assumption,
    /// Heard or seen a few times.
    Anecdote,
    /// From interviews, surveys or tests.
    Research,
    /// Measured: analytics, sales figures.
    Data,
}

/// A measurable goal, derived from the company's goals ("400 first
/// enquiries a month"), and the stages whose results it measures.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Goal")]
pub struct Goal {
    pub id: String,
    pub name: String,
    /// What is counted ("First enquiries per month").
    #[serde(default)]
    pub metric: String,
    /// Its unit ("enquiries", "%", "EUR").
    #[serde(default)]
    pub unit: String,
    /// Where the metric stood when the goal was set.
    #[serde(default, skip_serializing_if = "String::is_empty", with = "typed::number")]
    pub baseline: String,
    #[serde(default, skip_serializing_if = "String::is_empty", with = "typed::number")]
    pub target: String,
    /// Where it stands now.
    #[serde(default, skip_serializing_if = "String::is_empty", with = "typed::number")]
    pub current: String,
    /// When the target is due: a day, a month or a quarter.
    #[serde(default, deserialize_with = "typed::read_date")]
    pub deadline: String,
    /// Ids of the stages it measures.
    #[serde(default)]
    pub stages: Vec<String>,
    #[serde(default)]
    pub owner: String,
    #[serde(default)]
    pub notes: String,
}

impl Goal {
    /// How far the current value has come from the baseline to the target,
    /// in percent (0 at the baseline, 100 at the target, beyond when
    /// exceeded; a goal to bring a number down works the same way). `None`
    /// when the target or current value is missing, or the target is the
    /// baseline.
    pub fn progress(&self) -> Option<f64> {
        let target = typed::number(&self.target)?;
        let current = typed::number(&self.current)?;
        let baseline = typed::number(&self.baseline).unwrap_or(0.0);
        let span = target - baseline;
        (span != 0.0).then(|| (current - baseline) / span * 100.0)
    }

    /// Whether its deadline has passed on `today` without the target met.
    pub fn overdue(&self, today: typed::Period) -> bool {
        let due = typed::Period::parse(&self.deadline);
        let met = self.progress().is_some_and(|p| p >= 100.0);
        due.is_some_and(|due| due < today) && !met
    }
}

/// A row of the classic journey map: what customers do, think, ask or
/// feel at a stage.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lane {
    #[default]
    Doing,
    Thinking,
    Asking,
    Feeling,
}

/// One entry of a stage's lanes: something customers do, think, ask or
/// feel there, and how well it is known.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Insight")]
pub struct Insight {
    pub id: String,
    /// The entry itself ("Compares three roasters on Instagram").
    pub name: String,
    /// Id of the stage it belongs to.
    pub stage: String,
    #[serde(default)]
    pub lane: Lane,
    /// Ids of the personas it is true of; empty means everyone.
    #[serde(default)]
    pub personas: Vec<String>,
    #[serde(default)]
    pub evidence: Evidence,
    /// Where it comes from (a study, a dashboard, an interview).
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub notes: String,
}

/// How much a pain point hurts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Severity {
    Minor,
    #[default]
    Moderate,
    Major,
    /// People leave the journey here.
    Critical,
}

/// Friction customers meet at a stage.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "PainPoint")]
pub struct PainPoint {
    pub id: String,
    pub name: String,
    /// Id of the stage where it is met.
    pub stage: String,
    #[serde(default)]
    pub severity: Severity,
    /// Ids of the personas who meet it; empty means everyone.
    #[serde(default)]
    pub personas: Vec<String>,
    /// Ids of the touchpoints where it happens.
    #[serde(default)]
    pub touchpoints: Vec<String>,
    #[serde(default)]
    pub evidence: Evidence,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub notes: String,
}

/// Where an opportunity stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OpportunityStatus {
    #[default]
    Idea,
    Planned,
    InProgress,
    Done,
    Dropped,
}

/// How much an opportunity matters next to the others.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Priority {
    #[default]
    Unset,
    Low,
    Medium,
    High,
}

/// Something to build or change at a stage, answering pain points.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Opportunity")]
pub struct Opportunity {
    pub id: String,
    pub name: String,
    /// Id of the stage it improves.
    pub stage: String,
    /// Ids of the pain points it answers.
    #[serde(default)]
    pub answers: Vec<String>,
    #[serde(default)]
    pub status: OpportunityStatus,
    #[serde(default)]
    pub priority: Priority,
    #[serde(default)]
    pub owner: String,
    /// Ids of the personas it serves; empty means everyone.
    #[serde(default)]
    pub personas: Vec<String>,
    /// Ids of the touchpoints it changes or adds to.
    #[serde(default)]
    pub touchpoints: Vec<String>,
    #[serde(default)]
    pub evidence: Evidence,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub notes: String,
}

/// An offer's rung on the ladder that moves people along the journey.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OfferKind {
    /// Something free in exchange for contact details.
    #[default]
    LeadMagnet,
    /// A small first purchase that turns a lead into a customer.
    EntryPoint,
    /// What the business mainly sells.
    Core,
    /// More of the same, or better, for more money.
    Upsell,
    /// Something next to what was bought.
    CrossSell,
    /// A reward for referring others or for staying.
    Reward,
    Other,
}

/// Something offered at a stage: a lead magnet, an entry-point offer, the
/// core offer, its upsells and cross-sells, a reward.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Offer")]
pub struct Offer {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub kind: OfferKind,
    /// Id of the stage it serves.
    pub stage: String,
    /// Ids of the segments it is for; empty means everyone.
    #[serde(default)]
    pub segments: Vec<String>,
    /// Its price; `0` is free; not set when not decided.
    #[serde(default, skip_serializing_if = "String::is_empty", with = "typed::number")]
    pub price: String,
    /// ISO 4217 code of the price ("EUR").
    #[serde(default, deserialize_with = "typed::read_currency")]
    pub currency: String,
    /// What the customer gets from it.
    #[serde(default)]
    pub value: String,
    /// Id of the offer it upgrades or complements (for upsells and
    /// cross-sells).
    #[serde(default)]
    pub upgrades: String,
    #[serde(default)]
    pub notes: String,
}

/// Where a campaign's traffic comes from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TrafficSource {
    #[default]
    Unspecified,
    PaidAds,
    Search,
    Social,
    Email,
    Content,
    Events,
    Partners,
    OfflinePrint,
    Radio,
    Tv,
    Other,
}

/// A traffic source and a call to action that move people on purpose from
/// one stage to another (forward, or back: win-back, re-engagement).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Campaign")]
pub struct Campaign {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub source: TrafficSource,
    /// The channel in words ("Instagram reels", "Trade fair in Lyon").
    #[serde(default)]
    pub channel: String,
    /// The call to action.
    #[serde(default)]
    pub cta: String,
    /// Id of the offer it leads to.
    #[serde(default)]
    pub offer: String,
    /// Id of the stage it moves people from.
    #[serde(default)]
    pub from_stage: String,
    /// Id of the stage it moves people to.
    #[serde(default)]
    pub to_stage: String,
    /// Ids of the touchpoints it uses.
    #[serde(default)]
    pub touchpoints: Vec<String>,
    /// Ids of the personas it targets.
    #[serde(default)]
    pub personas: Vec<String>,
    /// Ids of the segments it targets.
    #[serde(default)]
    pub segments: Vec<String>,
    #[serde(default)]
    pub owner: String,
    #[serde(default, skip_serializing_if = "String::is_empty", with = "typed::number")]
    pub budget: String,
    /// ISO 4217 code of the budget.
    #[serde(default, deserialize_with = "typed::read_currency")]
    pub currency: String,
    /// First day, ISO (a month or quarter means its first day).
    #[serde(default, deserialize_with = "typed::read_date")]
    pub start: String,
    /// Last day, ISO (a month or quarter means its last day).
    #[serde(default, deserialize_with = "typed::read_date")]
    pub end: String,
    /// What its success is counted in.
    #[serde(default)]
    pub kpi: String,
    #[serde(default, skip_serializing_if = "String::is_empty", with = "typed::number")]
    pub kpi_target: String,
    #[serde(default)]
    pub notes: String,
}
