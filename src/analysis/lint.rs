//! Journey health: findings about the plan, not the file. A map can be valid
//! (every reference resolves) and still plan badly: a stage nobody reaches, a
//! journey that stops at the purchase, a touchpoint aimed at people the
//! business chose not to serve.
//!
//! Severities:
//! - Error: the plan contradicts itself or cannot work (a touchpoint aimed at
//!   an antisegment; a journey with no stages; a plan that stops at the
//!   purchase although the journey has stages after it).
//! - Warning: a gap a reviewer should ask about (an empty stage, a segment
//!   without a USP, a persona without a segment, a touchpoint with no tactic).
//! - Info: bookkeeping (a tactic nobody uses, a thin competitor profile,
//!   lanes resting mostly on assumptions).
//!
//! Each finding has a stable kebab-case id, so scripts and reviewers can
//! refer to it.

use std::fmt;

use crate::model::schema::ChoiceSet;
use crate::model::{ItemKind, JourneyMap, MapIndex, Mindset, OfferKind, slugify};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// One thing worth a strategist's attention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Stable kebab-case id of the check, e.g. `stage-without-touchpoints`.
    pub check: &'static str,
    pub severity: Severity,
    /// The item concerned; `None` for the journey as a whole.
    pub item: Option<(ItemKind, String)>,
    pub message: String,
    pub hint: String,
}

/// Every check, with its severity and what it looks for: the reference for
/// `journeymap lint --help` and for the docs.
pub const CHECKS: [(&str, Severity, &str); 31] = [
    ("journey-without-stages", Severity::Error, "the map has no stages"),
    (
        "campaign-ends-before-start",
        Severity::Error,
        "a campaign whose end date is before its start date",
    ),
    (
        "journey-stops-at-purchase",
        Severity::Error,
        "touchpoints exist, but none after the purchase",
    ),
    (
        "touchpoint-targets-antisegment",
        Severity::Error,
        "a touchpoint is aimed at a persona of an antisegment",
    ),
    (
        "journey-without-touchpoints",
        Severity::Warning,
        "stages exist, but no touchpoint yet",
    ),
    (
        "stage-without-touchpoints",
        Severity::Warning,
        "a stage no touchpoint reaches",
    ),
    (
        "post-purchase-stage-empty",
        Severity::Warning,
        "a stage after the purchase no touchpoint reaches",
    ),
    (
        "segment-without-usp",
        Severity::Warning,
        "a segment served without a USP",
    ),
    (
        "persona-without-segment",
        Severity::Warning,
        "a persona that belongs to no segment",
    ),
    (
        "touchpoint-without-tactic",
        Severity::Warning,
        "a touchpoint that uses no tactic (invisible in the matrix)",
    ),
    (
        "goal-not-measurable",
        Severity::Warning,
        "a goal with no metric or no target",
    ),
    (
        "unhappy-stage-without-pain-point",
        Severity::Warning,
        "a stage with a negative emotion and no pain point recorded",
    ),
    (
        "pain-point-unanswered",
        Severity::Warning,
        "a pain point no opportunity answers (dropped ones do not count)",
    ),
    (
        "opportunity-answers-nothing",
        Severity::Warning,
        "an opportunity that answers no pain point",
    ),
    (
        "post-purchase-stage-without-goal",
        Severity::Warning,
        "a stage after the purchase no goal measures (in maps that set goals)",
    ),
    (
        "stage-without-forward-campaign",
        Severity::Warning,
        "a stage no campaign moves people on from (in maps that have campaigns)",
    ),
    (
        "stage-without-offer",
        Severity::Warning,
        "solution-aware stages without a lead magnet, product-aware stages without an entry-point or core offer (in maps that have offers or campaigns)",
    ),
    (
        "offer-upgrades-nothing",
        Severity::Warning,
        "an upsell or cross-sell that names no offer it upgrades or complements",
    ),
    (
        "offer-value-unstated",
        Severity::Warning,
        "an upsell or cross-sell that does not say what the customer gets for the extra cost",
    ),
    (
        "campaign-without-cta",
        Severity::Warning,
        "a campaign with no call to action",
    ),
    (
        "campaign-without-offer",
        Severity::Warning,
        "a campaign that leads to no offer",
    ),
    (
        "campaign-touchpoints-off-step",
        Severity::Warning,
        "a campaign using touchpoints at neither of its stages",
    ),
    (
        "campaign-without-step",
        Severity::Warning,
        "a campaign with no stage to move people from or to",
    ),
    (
        "campaigns-over-budget",
        Severity::Warning,
        "campaign budgets add up to more than the map's budget",
    ),
    (
        "no-post-purchase-stage",
        Severity::Info,
        "the journey ends at the purchase",
    ),
    (
        "planned-tactics-not-carried",
        Severity::Info,
        "a stage whose planned tactics no touchpoint carries",
    ),
    (
        "segment-without-persona",
        Severity::Info,
        "a segment served without a persona",
    ),
    (
        "tactic-unused",
        Severity::Info,
        "a tactic no stage plans and no touchpoint uses",
    ),
    (
        "competitor-without-positioning",
        Severity::Info,
        "a competitor with no USP or positioning",
    ),
    (
        "competitor-without-segment",
        Severity::Info,
        "a competitor that targets no segment",
    ),
    (
        "lane-mostly-assumptions",
        Severity::Info,
        "a lane (or the pain points) where most of 3 or more entries are assumptions",
    ),
];

/// Stages after the purchase in the built-in frameworks, as slugs of their
/// ids or names: where funnels stop looking and retention, referrals and
/// lifetime value are won or lost.
const POST_PURCHASE_STAGES: [&str; 14] = [
    "excite",
    "ascend",
    "advocate",
    "promote",
    "retention",
    "referral",
    "loyalty",
    "support-grow",
    "support-and-grow",
    "use-evaluation",
    "use-and-evaluation",
    "onboarding",
    "advocacy",
    "repeat-purchase",
];

/// The purchase itself in the built-in frameworks and in common usage, as
/// slugs of stage ids or names: the stages after it come after the purchase.
const PURCHASE_STAGES: [&str; 11] = [
    "convert",
    "conversion",
    "convert-close",
    "convert-and-close",
    "purchase",
    "buy",
    "decision",
    "action",
    "revenue",
    "sale",
    "checkout",
];

/// Whether a stage comes after the purchase, judged by its id or name
/// (case-insensitive; "Support & Grow" and "support-grow" both count).
pub fn is_post_purchase(id: &str, name: &str) -> bool {
    let by_id = slugify(id);
    let by_name = slugify(name);
    POST_PURCHASE_STAGES.iter().any(|s| *s == by_id || *s == by_name)
}

/// Whether a stage is the purchase itself, judged by its id or name.
pub fn is_purchase(id: &str, name: &str) -> bool {
    let by_id = slugify(id);
    let by_name = slugify(name);
    PURCHASE_STAGES.iter().any(|s| *s == by_id || *s == by_name)
}

/// For each stage, in journey order, whether it comes after the purchase:
/// a stage named as one of the frameworks' post-purchase stages (Excite,
/// Retention, Loyalty, Use & evaluation...), or any stage that follows the
/// purchase itself (Convert, Conversion, Purchase, Decision, Action,
/// Revenue...), whatever its name.
pub fn post_purchase_stages(map: &JourneyMap) -> Vec<bool> {
    let mut bought = false;
    map.stages
        .iter()
        .map(|s| {
            let after = bought || is_post_purchase(&s.id, &s.name);
            bought = bought || is_purchase(&s.id, &s.name);
            after
        })
        .collect()
}

/// All findings for a map, most severe first, then in map order.
pub fn lint(map: &JourneyMap) -> Vec<Finding> {
    lint_with(map, &MapIndex::new(map))
}

/// [`lint`] through an index of every kind of the map's items already
/// built (a report's), rather than one of its own.
pub fn lint_with(map: &JourneyMap, index: &MapIndex) -> Vec<Finding> {
    let mut findings = Vec::new();
    stages(map, index, &mut findings);
    segments_and_personas(map, index, &mut findings);
    tactics(map, index, &mut findings);
    touchpoints(map, index, &mut findings);
    competitors(map, &mut findings);
    goals(map, index, &mut findings);
    pains_and_opportunities(map, index, &mut findings);
    lanes(map, &mut findings);
    offers(map, index, &mut findings);
    campaigns(map, index, &mut findings);
    // A stable sort keeps map order within a severity.
    findings.sort_by_key(|f| std::cmp::Reverse(f.severity));
    findings
}

fn finding(
    check: &'static str,
    severity: Severity,
    item: Option<(ItemKind, &str)>,
    message: String,
    hint: impl Into<String>,
) -> Finding {
    Finding {
        check,
        severity,
        item: item.map(|(kind, id)| (kind, id.to_string())),
        message,
        hint: hint.into(),
    }
}

fn stages(map: &JourneyMap, index: &MapIndex, out: &mut Vec<Finding>) {
    if map.stages.is_empty() {
        out.push(finding(
            "journey-without-stages",
            Severity::Error,
            None,
            "the journey has no stages, so nothing can be planned along it".into(),
            "add stages, or start from a framework: `journeymap new FILE --template customer-value-journey`",
        ));
        return;
    }
    let mut at_stage = vec![0usize; map.stages.len()];
    // Per stage, the tactics its touchpoints carry (positions in map.tactics).
    let mut carried: Vec<Vec<usize>> = vec![Vec::new(); map.stages.len()];
    for t in &map.touchpoints {
        if let Some(stage) = index.stage(&t.stage) {
            at_stage[stage] += 1;
            carried[stage].extend(t.tactics.iter().filter_map(|id| index.tactic(id)));
        }
    }
    // Sorted, so that checking a stage's plan is a binary search, not a scan
    // of every tactic use at the stage.
    for tactics in &mut carried {
        tactics.sort_unstable();
        tactics.dedup();
    }
    let post_purchase = post_purchase_stages(map);

    if !post_purchase.contains(&true) {
        let last = map.stages.last().map(|s| s.id.as_str());
        out.push(finding(
            "no-post-purchase-stage",
            Severity::Info,
            last.map(|id| (ItemKind::Stage, id)),
            "the journey ends at the purchase: no stage covers onboarding, repeat purchases or referrals".into(),
            "add a stage such as Retention, Loyalty or Advocate; customers who stay and recommend are the cheapest to win",
        ));
    }

    if map.touchpoints.is_empty() {
        out.push(finding(
            "journey-without-touchpoints",
            Severity::Warning,
            None,
            format!(
                "the journey has {} but no touchpoints yet",
                match map.stages.len() {
                    1 => "one stage".to_string(),
                    n => format!("{n} stages"),
                }
            ),
            "add a touchpoint per stage: a concrete contact such as \"Google ad for 'office coffee'\"",
        ));
        return;
    }

    let stops_at_purchase = post_purchase.contains(&true)
        && post_purchase
            .iter()
            .zip(&at_stage)
            .all(|(&post, &count)| !post || count == 0);
    if stops_at_purchase {
        let empty: Vec<&str> = map
            .stages
            .iter()
            .zip(&post_purchase)
            .filter(|(_, post)| **post)
            .map(|(s, _)| s.name.as_str())
            .collect();
        let first = map.stages.iter().zip(&post_purchase).find(|(_, post)| **post);
        out.push(finding(
            "journey-stops-at-purchase",
            Severity::Error,
            first.map(|(s, _)| (ItemKind::Stage, s.id.as_str())),
            format!(
                "every touchpoint is before the purchase; the stages after it ({}) have none",
                empty.join(", ")
            ),
            "plan onboarding, repeat-purchase and referral touchpoints: a plan that stops at the sale is a funnel, not a journey",
        ));
    }

    for (position, stage) in map.stages.iter().enumerate() {
        let item = Some((ItemKind::Stage, stage.id.as_str()));
        if at_stage[position] == 0 {
            if post_purchase[position] {
                if !stops_at_purchase {
                    out.push(finding(
                        "post-purchase-stage-empty",
                        Severity::Warning,
                        item,
                        format!("stage `{}` comes after the purchase and no touchpoint reaches it", stage.id),
                        "customers are won back or lost here: add an onboarding email, an upsell offer or a referral ask",
                    ));
                }
            } else {
                out.push(finding(
                    "stage-without-touchpoints",
                    Severity::Warning,
                    item,
                    format!("stage `{}` has no touchpoints", stage.id),
                    "add a touchpoint at this stage, or remove the stage if the journey skips it",
                ));
            }
            continue;
        }
        let planned: Vec<usize> = stage.tactics.iter().filter_map(|id| index.tactic(id)).collect();
        if !planned.is_empty() && !planned.iter().any(|p| carried[position].binary_search(p).is_ok()) {
            out.push(finding(
                "planned-tactics-not-carried",
                Severity::Info,
                item,
                format!(
                    "stage `{}` plans {} but none of its touchpoints uses {}",
                    stage.id,
                    names(map, &planned),
                    if planned.len() == 1 { "it" } else { "them" }
                ),
                "add the planned tactics to a touchpoint at this stage, or drop them from the stage's plan",
            ));
        }
    }
}

fn names(map: &JourneyMap, tactics: &[usize]) -> String {
    let names: Vec<String> = tactics.iter().map(|&p| format!("`{}`", map.tactics[p].id)).collect();
    names.join(", ")
}

fn segments_and_personas(map: &JourneyMap, index: &MapIndex, out: &mut Vec<Finding>) {
    let mut personas_in = vec![0usize; map.segments.len()];
    for persona in &map.personas {
        match index.segment(&persona.segment) {
            Some(segment) => personas_in[segment] += 1,
            None => out.push(finding(
                "persona-without-segment",
                Severity::Warning,
                Some((ItemKind::Persona, &persona.id)),
                format!("persona `{}` belongs to no segment", persona.id),
                "set `segment` to the group this person stands for; the segment carries the USP they respond to",
            )),
        }
    }
    for (position, segment) in map.segments.iter().enumerate() {
        if segment.anti {
            continue;
        }
        let item = Some((ItemKind::Segment, segment.id.as_str()));
        if segment.usps.iter().all(|u| u.trim().is_empty()) {
            out.push(finding(
                "segment-without-usp",
                Severity::Warning,
                item,
                format!("segment `{}` has no USP", segment.id),
                "write what this segment gets from you and from no competitor, in their words",
            ));
        }
        if personas_in[position] == 0 {
            out.push(finding(
                "segment-without-persona",
                Severity::Info,
                item,
                format!("segment `{}` has no persona", segment.id),
                "describe one representative person (an avatar) of this segment",
            ));
        }
    }
}

fn tactics(map: &JourneyMap, index: &MapIndex, out: &mut Vec<Finding>) {
    let mut used = vec![false; map.tactics.len()];
    let ids = map
        .stages
        .iter()
        .flat_map(|s| &s.tactics)
        .chain(map.touchpoints.iter().flat_map(|t| &t.tactics));
    for id in ids {
        if let Some(p) = index.tactic(id) {
            used[p] = true;
        }
    }
    for (tactic, used) in map.tactics.iter().zip(used) {
        if !used {
            out.push(finding(
                "tactic-unused",
                Severity::Info,
                Some((ItemKind::Tactic, &tactic.id)),
                format!(
                    "tactic `{}` is neither planned at a stage nor used by a touchpoint",
                    tactic.id
                ),
                "plan it at a stage or use it in a touchpoint, or remove it",
            ));
        }
    }
}

fn touchpoints(map: &JourneyMap, index: &MapIndex, out: &mut Vec<Finding>) {
    for t in &map.touchpoints {
        let item = Some((ItemKind::Touchpoint, t.id.as_str()));
        if t.tactics.is_empty() {
            out.push(finding(
                "touchpoint-without-tactic",
                Severity::Warning,
                item,
                format!("touchpoint `{}` uses no tactic, so the matrix does not show it", t.id),
                "add the tactic it uses (advertising, email, SEO, events, ...)",
            ));
        }
        for persona_id in &t.personas {
            let Some(persona) = index.persona(persona_id).map(|p| &map.personas[p]) else {
                continue;
            };
            let Some(segment) = index.segment(&persona.segment).map(|s| &map.segments[s]) else {
                continue;
            };
            if segment.anti {
                out.push(finding(
                    "touchpoint-targets-antisegment",
                    Severity::Error,
                    item,
                    format!(
                        "touchpoint `{}` is aimed at persona `{}` of antisegment `{}`, whom the plan chose not to serve",
                        t.id, persona.id, segment.id
                    ),
                    "remove the persona from the touchpoint, or stop marking the segment as an antisegment",
                ));
            }
        }
    }
}

fn competitors(map: &JourneyMap, out: &mut Vec<Finding>) {
    for c in &map.competitors {
        let missing: Vec<&str> = [("USP", &c.usp), ("positioning", &c.positioning)]
            .into_iter()
            .filter(|(_, value)| value.trim().is_empty())
            .map(|(label, _)| label)
            .collect();
        if !missing.is_empty() {
            out.push(finding(
                "competitor-without-positioning",
                Severity::Info,
                Some((ItemKind::Competitor, &c.id)),
                format!("competitor `{}` has no {}", c.id, missing.join(" and no ")),
                "note how they present themselves and what they promise: your USP has to differ from it",
            ));
        }
        if c.segments.is_empty() {
            out.push(finding(
                "competitor-without-segment",
                Severity::Info,
                Some((ItemKind::Competitor, &c.id)),
                format!("competitor `{}` targets no segment", c.id),
                "name the segments they compete for: that is where your USP has to beat theirs",
            ));
        }
    }
}

fn goals(map: &JourneyMap, index: &MapIndex, out: &mut Vec<Finding>) {
    for goal in &map.goals {
        let missing: Vec<&str> = [("metric", goal.metric.trim()), ("target", goal.target.as_str())]
            .into_iter()
            .filter(|(_, value)| value.is_empty())
            .map(|(label, _)| label)
            .collect();
        if !missing.is_empty() {
            out.push(finding(
                "goal-not-measurable",
                Severity::Warning,
                Some((ItemKind::Goal, &goal.id)),
                format!("goal `{}` has no {}", goal.id, missing.join(" and no ")),
                "say what is counted and the number to reach by when, e.g. \"First enquiries per month\", target 400 by 2026-12",
            ));
        }
    }
    // Only a map that sets goals is asked to set them after the purchase:
    // in one that sets none, every stage would be reported.
    if map.goals.is_empty() {
        return;
    }
    let mut measured = vec![false; map.stages.len()];
    for stage in map.goals.iter().flat_map(|g| &g.stages) {
        if let Some(s) = index.stage(stage) {
            measured[s] = true;
        }
    }
    for ((stage, after), measured) in map.stages.iter().zip(post_purchase_stages(map)).zip(measured) {
        if after && !measured {
            out.push(finding(
                "post-purchase-stage-without-goal",
                Severity::Warning,
                Some((ItemKind::Stage, &stage.id)),
                format!("stage `{}` comes after the purchase and no goal measures it", stage.id),
                "set a goal for what happens after the sale (repeat orders, cancellations, referrals) and list this stage among its stages",
            ));
        }
    }
}

fn pains_and_opportunities(map: &JourneyMap, index: &MapIndex, out: &mut Vec<Finding>) {
    use crate::model::{OpportunityStatus, schema::ChoiceSet};
    let mut pained = vec![false; map.stages.len()];
    for pain in &map.pain_points {
        if let Some(s) = index.stage(&pain.stage) {
            pained[s] = true;
        }
    }
    for (stage, pained) in map.stages.iter().zip(pained) {
        if stage.emotion < 0 && !pained {
            out.push(finding(
                "unhappy-stage-without-pain-point",
                Severity::Warning,
                Some((ItemKind::Stage, &stage.id)),
                format!(
                    "customers feel bad at stage `{}` (emotion {}) but no pain point is recorded there",
                    stage.id, stage.emotion
                ),
                "record what hurts here as a pain point, with its severity and how you know it: a low mood without a cause cannot be fixed",
            ));
        }
    }
    // Per pain point: answered by an opportunity that is still on (or done),
    // or only by dropped ones.
    #[derive(Clone, Copy, PartialEq)]
    enum Answer {
        None,
        Dropped,
        Live,
    }
    let mut answered = vec![Answer::None; map.pain_points.len()];
    for opportunity in &map.opportunities {
        let live = opportunity.status != OpportunityStatus::Dropped;
        for pain in &opportunity.answers {
            if let Some(p) = index.position(ItemKind::PainPoint, pain) {
                answered[p] = match (answered[p], live) {
                    (_, true) | (Answer::Live, false) => Answer::Live,
                    _ => Answer::Dropped,
                };
            }
        }
        if opportunity.answers.is_empty() {
            out.push(finding(
                "opportunity-answers-nothing",
                Severity::Warning,
                Some((ItemKind::Opportunity, &opportunity.id)),
                format!("opportunity `{}` answers no pain point", opportunity.id),
                "list the pain points it answers; if it answers none, record the pain it removes first, or ask why it is worth doing",
            ));
        }
    }
    for (pain, answer) in map.pain_points.iter().zip(answered) {
        if answer == Answer::Live {
            continue;
        }
        let how = if answer == Answer::Dropped {
            "only by dropped opportunities"
        } else {
            "by no opportunity"
        };
        out.push(finding(
            "pain-point-unanswered",
            Severity::Warning,
            Some((ItemKind::PainPoint, &pain.id)),
            format!(
                "pain point `{}` ({}) is answered {how}",
                pain.id,
                pain.severity.choice_label()
            ),
            "add an opportunity at its stage that answers it (`answers`), or note in the pain point why it is accepted",
        ));
    }
}

/// A lane needs this many entries before "most are assumptions" says
/// anything: one hunch in a lane of one is a draft, not a pattern.
const FEWEST_FOR_ASSUMPTIONS: usize = 3;

fn lanes(map: &JourneyMap, out: &mut Vec<Finding>) {
    use crate::model::{Evidence, Lane};
    // Doing, Thinking, Asking, Feeling, then the pain points: entries and assumptions.
    let mut counts = [(0usize, 0usize); 5];
    let lane_position = |lane: Lane| match lane {
        Lane::Doing => 0,
        Lane::Thinking => 1,
        Lane::Asking => 2,
        Lane::Feeling => 3,
    };
    for insight in &map.insights {
        let count = &mut counts[lane_position(insight.lane)];
        count.0 += 1;
        count.1 += usize::from(insight.evidence == Evidence::Assumption);
    }
    for pain in &map.pain_points {
        counts[4].0 += 1;
        counts[4].1 += usize::from(pain.evidence == Evidence::Assumption);
    }
    let names = ["Doing", "Thinking", "Asking", "Feeling"];
    for (position, &(entries, assumptions)) in counts.iter().enumerate() {
        if entries < FEWEST_FOR_ASSUMPTIONS || assumptions * 2 <= entries {
            continue;
        }
        let message = match names.get(position) {
            Some(lane) => format!("{assumptions} of {entries} entries in the {lane} lane are assumptions"),
            None => format!("{assumptions} of {entries} pain points are assumptions"),
        };
        out.push(finding(
            "lane-mostly-assumptions",
            Severity::Info,
            None,
            message,
            "check them with interviews, a survey or analytics and set their evidence (anecdote, research, data) and source: a plan built on hunches needs testing first",
        ));
    }
}

/// The offer kinds a stage of each mindset needs one of, judged over each
/// run of consecutive stages with that mindset: people who compare kinds
/// of solution are asked to subscribe (a lead magnet); people who know the
/// product are asked to buy (an entry-point or the core offer).
fn wanted_offers(mindset: Mindset) -> Option<(&'static [OfferKind], &'static str, &'static str)> {
    match mindset {
        Mindset::SolutionAware => Some((&[OfferKind::LeadMagnet], "lead magnet", "`LeadMagnet`")),
        Mindset::ProductAware => Some((
            &[OfferKind::EntryPoint, OfferKind::Core],
            "entry-point or core offer",
            "`EntryPoint` or `Core`",
        )),
        Mindset::Unspecified | Mindset::ProblemAware => None,
    }
}

fn offers(map: &JourneyMap, index: &MapIndex, out: &mut Vec<Finding>) {
    for offer in &map.offers {
        if !matches!(offer.kind, OfferKind::Upsell | OfferKind::CrossSell) {
            continue;
        }
        let kind = offer.kind.choice_label();
        if offer.upgrades.trim().is_empty() {
            out.push(finding(
                "offer-upgrades-nothing",
                Severity::Warning,
                Some((ItemKind::Offer, &offer.id)),
                format!("{kind} `{}` names no offer it upgrades or complements", offer.id),
                "set `upgrades` to the offer it builds on: an upsell sells more or better of it, a cross-sell something next to it",
            ));
        }
        if offer.value.trim().is_empty() {
            out.push(finding(
                "offer-value-unstated",
                Severity::Warning,
                Some((ItemKind::Offer, &offer.id)),
                format!("{kind} `{}` does not say what the customer gets for it", offer.id),
                "write its `value`: the added value should match the added cost",
            ));
        }
    }
    // Only a map that plans offers or campaigns is asked for them stage by
    // stage: in a draft without any, every stage would be reported.
    if map.offers.is_empty() && map.campaigns.is_empty() {
        return;
    }
    let mut kinds_at: Vec<Vec<OfferKind>> = vec![Vec::new(); map.stages.len()];
    for offer in &map.offers {
        if let Some(s) = index.stage(&offer.stage) {
            kinds_at[s].push(offer.kind);
        }
    }
    let mut first = 0;
    while first < map.stages.len() {
        let mindset = map.stages[first].mindset;
        let end = (first..map.stages.len())
            .find(|&s| map.stages[s].mindset != mindset)
            .unwrap_or(map.stages.len());
        if let Some((wanted, words, kinds)) = wanted_offers(mindset)
            && !kinds_at[first..end].iter().flatten().any(|k| wanted.contains(k))
        {
            let stage = &map.stages[first];
            let run = match end - first - 1 {
                0 => String::new(),
                1 => " (nor at the stage after it with that mindset)".to_string(),
                more => format!(" (nor at the {more} stages after it with that mindset)"),
            };
            out.push(finding(
                "stage-without-offer",
                Severity::Warning,
                Some((ItemKind::Stage, &stage.id)),
                format!(
                    "stage `{}` is {} but no {words} serves it{run}",
                    stage.id,
                    mindset.label()
                ),
                format!(
                    "add an offer of kind {kinds} with stage `{}`: it is what the stage asks people to take",
                    stage.id
                ),
            ));
        }
        first = end;
    }
}

fn campaigns(map: &JourneyMap, index: &MapIndex, out: &mut Vec<Finding>) {
    use super::flow::Flow;
    use crate::model::typed::{Period, number};
    for c in &map.campaigns {
        let item = Some((ItemKind::Campaign, c.id.as_str()));
        if let (Some(start), Some(end)) = (Period::parse_start(&c.start), Period::parse(&c.end))
            && end < start
        {
            out.push(finding(
                "campaign-ends-before-start",
                Severity::Error,
                item,
                format!("campaign `{}` ends ({}) before it starts ({})", c.id, c.end, c.start),
                "swap `start` and `end`, or correct the one that is wrong",
            ));
        }
        if c.cta.trim().is_empty() {
            out.push(finding(
                "campaign-without-cta",
                Severity::Warning,
                item,
                format!("campaign `{}` has no call to action", c.id),
                "write the one thing it asks people to do (`cta`), e.g. \"Get the cost guide\"",
            ));
        }
        if c.offer.trim().is_empty() {
            out.push(finding(
                "campaign-without-offer",
                Severity::Warning,
                item,
                format!("campaign `{}` leads to no offer", c.id),
                "set `offer` to what people get when they follow the call to action",
            ));
        }
        let from = index.stage(&c.from_stage);
        let to = index.stage(&c.to_stage);
        if from.is_none() || to.is_none() {
            let missing: Vec<&str> = [("from_stage", from), ("to_stage", to)]
                .into_iter()
                .filter(|(_, s)| s.is_none())
                .map(|(field, _)| field)
                .collect();
            out.push(finding(
                "campaign-without-step",
                Severity::Warning,
                item,
                format!("campaign `{}` has no {}", c.id, missing.join(" and no ")),
                "set the stage it moves people from and the stage it moves them to: it shows in the flow only then",
            ));
        } else {
            let off: Vec<&str> = c
                .touchpoints
                .iter()
                .filter_map(|id| index.position(ItemKind::Touchpoint, id).map(|t| (id, t)))
                .filter(|&(_, t)| {
                    let at = index.stage(&map.touchpoints[t].stage);
                    at != from && at != to
                })
                .map(|(id, _)| id.as_str())
                .collect();
            if !off.is_empty() && off.len() == c.touchpoints.len() {
                out.push(finding(
                    "campaign-touchpoints-off-step",
                    Severity::Warning,
                    item,
                    format!(
                        "campaign `{}` moves people from `{}` to `{}` but its touchpoints ({}) sit at neither stage",
                        c.id,
                        c.from_stage,
                        c.to_stage,
                        off.join(", ")
                    ),
                    "use touchpoints where people are when the campaign reaches them, or where it takes them",
                ));
            }
        }
    }
    if !map.campaigns.is_empty() {
        let flow = Flow::build(map);
        for gap in flow.gaps() {
            let stage = &map.stages[gap.from];
            out.push(finding(
                "stage-without-forward-campaign",
                Severity::Warning,
                Some((ItemKind::Stage, &stage.id)),
                format!(
                    "no campaign moves people on from stage `{}` (to `{}` or later)",
                    stage.id, map.stages[gap.to].id
                ),
                format!(
                    "plan a campaign from `{}` to `{}`: a call to action and an offer that take people to the next stage",
                    stage.id, map.stages[gap.to].id
                ),
            ));
        }
    }
    // Budgets: only amounts in the map's currency add up; an amount with no
    // currency is read as the map's.
    let Some(limit) = number(&map.budget) else { return };
    let mut total = 0.0;
    let mut counted = 0;
    let mut other: Vec<&str> = Vec::new();
    for c in &map.campaigns {
        let Some(amount) = number(&c.budget) else { continue };
        if c.currency.is_empty() || c.currency == map.currency {
            total += amount;
            counted += 1;
        } else {
            other.push(&c.id);
        }
    }
    if total > limit {
        let currency = if map.currency.is_empty() {
            String::new()
        } else {
            format!(" {}", map.currency)
        };
        let skipped = if other.is_empty() {
            String::new()
        } else {
            format!(
                "; not counted, in other currencies: {}",
                other.iter().map(|id| format!("`{id}`")).collect::<Vec<_>>().join(", ")
            )
        };
        out.push(finding(
            "campaigns-over-budget",
            Severity::Warning,
            None,
            format!(
                "the budgets of {counted} campaigns add up to {}{currency}, over the map's budget of {}{currency}{skipped}",
                amount_text(total),
                amount_text(limit)
            ),
            "cut or move campaigns, or raise the map's `budget`",
        ));
    }
}

/// An amount as people write it: no `.0` on whole numbers.
fn amount_text(amount: f64) -> String {
    crate::model::typed::number_text(amount).unwrap_or_else(|_| amount.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::sample_map;
    use crate::model::{Competitor, Stage, Touchpoint};

    fn checks(map: &JourneyMap) -> Vec<(&'static str, Option<String>)> {
        lint(map)
            .into_iter()
            .map(|f| (f.check, f.item.map(|(_, id)| id)))
            .collect()
    }

    fn has(map: &JourneyMap, check: &str, id: Option<&str>) -> bool {
        checks(map).iter().any(|(c, i)| *c == check && i.as_deref() == id)
    }

    #[test]
    fn every_check_is_listed_once_with_its_severity() {
        let mut ids: Vec<&str> = CHECKS.iter().map(|c| c.0).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), CHECKS.len());
        for f in lint(&sample_map()) {
            let listed = CHECKS.iter().find(|c| c.0 == f.check);
            assert_eq!(listed.map(|c| c.1), Some(f.severity), "{}", f.check);
        }
    }

    #[test]
    fn the_sample_map_findings() {
        let found = checks(&sample_map());
        let expected: Vec<(&str, Option<String>)> = vec![
            ("touchpoint-targets-antisegment", Some("flyer".into())),
            ("stage-without-touchpoints", Some("convert".into())),
            ("touchpoint-without-tactic", Some("welcome".into())),
        ];
        assert_eq!(found, expected);
    }

    #[test]
    fn findings_are_sorted_most_severe_first() {
        let severities: Vec<Severity> = lint(&sample_map()).iter().map(|f| f.severity).collect();
        let mut sorted = severities.clone();
        sorted.sort_by_key(|s| std::cmp::Reverse(*s));
        assert_eq!(severities, sorted);
    }

    #[test]
    fn a_journey_without_stages_is_an_error() {
        let findings = lint(&JourneyMap::default());
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].check, "journey-without-stages");
        assert_eq!(findings[0].severity, Severity::Error);
    }

    #[test]
    fn a_draft_without_touchpoints_gets_one_warning_not_one_per_stage() {
        let mut map = sample_map();
        map.touchpoints.clear();
        assert!(has(&map, "journey-without-touchpoints", None));
        assert!(!has(&map, "stage-without-touchpoints", Some("aware")));
    }

    #[test]
    fn a_plan_that_stops_at_the_purchase_is_an_error() {
        let mut map = sample_map();
        map.touchpoints.retain(|t| t.stage != "excite");
        let found = lint(&map);
        let stop = found.iter().find(|f| f.check == "journey-stops-at-purchase");
        assert_eq!(stop.map(|f| f.severity), Some(Severity::Error));
        assert_eq!(
            stop.and_then(|f| f.item.clone()),
            Some((ItemKind::Stage, "excite".into()))
        );
        // Not reported twice for the same stage.
        assert!(!has(&map, "post-purchase-stage-empty", Some("excite")));
        assert!(!has(&map, "stage-without-touchpoints", Some("excite")));
    }

    #[test]
    fn one_empty_post_purchase_stage_among_others_is_a_warning() {
        let mut map = sample_map();
        map.stages.push(Stage {
            id: "advocate".into(),
            name: "Advocate".into(),
            ..Stage::default()
        });
        assert!(has(&map, "post-purchase-stage-empty", Some("advocate")));
        assert!(!has(&map, "journey-stops-at-purchase", Some("excite")));
    }

    #[test]
    fn post_purchase_stages_are_recognised_by_id_or_name() {
        assert!(is_post_purchase("support-grow", "whatever"));
        assert!(is_post_purchase("s4", "Support & Grow"));
        assert!(is_post_purchase("s5", "Use & evaluation"));
        assert!(is_post_purchase("LOYALTY", ""));
        assert!(!is_post_purchase("convert", "Convert"));
        assert!(!is_post_purchase("aware", "Awareness"));
    }

    #[test]
    fn a_funnel_that_ends_at_the_purchase_gets_a_note() {
        let mut map = sample_map();
        map.stages.retain(|s| s.id != "excite");
        map.touchpoints.retain(|t| t.stage != "excite");
        assert!(has(&map, "no-post-purchase-stage", Some("convert")));
        assert!(!checks(&map).iter().any(|(c, _)| *c == "journey-stops-at-purchase"));
    }

    #[test]
    fn segments_need_a_usp_and_a_persona_but_antisegments_do_not() {
        let mut map = sample_map();
        map.segments[0].usps.clear();
        map.personas.retain(|p| p.id != "olivia");
        map.touchpoints
            .iter_mut()
            .for_each(|t| t.personas.retain(|p| p != "olivia"));
        assert!(has(&map, "segment-without-usp", Some("offices")));
        assert!(has(&map, "segment-without-persona", Some("offices")));
        assert!(!has(&map, "segment-without-usp", Some("students")));
    }

    #[test]
    fn personas_need_a_segment() {
        let mut map = sample_map();
        map.personas[0].segment.clear();
        assert!(has(&map, "persona-without-segment", Some("olivia")));
    }

    #[test]
    fn unused_tactics_are_noted() {
        let mut map = sample_map();
        assert!(!has(&map, "tactic-unused", Some("email")), "planned counts as used");
        map.stages[1].tactics.clear();
        assert!(has(&map, "tactic-unused", Some("email")));
    }

    #[test]
    fn planned_tactics_none_carried_is_noted_only_where_touchpoints_exist() {
        let mut map = sample_map();
        map.touchpoints.push(Box::new(Touchpoint {
            id: "call".into(),
            name: "Sales call".into(),
            stage: "convert".into(),
            tactics: vec!["fair".into()],
            ..Touchpoint::default()
        }));
        assert!(has(&map, "planned-tactics-not-carried", Some("convert")));
        assert!(!has(&map, "planned-tactics-not-carried", Some("aware")));
        map.touchpoints[4].tactics.push("email".into());
        assert!(!has(&map, "planned-tactics-not-carried", Some("convert")));
    }

    #[test]
    fn competitors_need_a_usp_or_positioning() {
        let mut map = sample_map();
        map.competitors.push(Competitor {
            id: "brewco".into(),
            name: "BrewCo".into(),
            usp: "Cheapest pods".into(),
            ..Competitor::default()
        });
        let found = lint(&map);
        let f = found.iter().find(|f| f.check == "competitor-without-positioning");
        assert_eq!(
            f.map(|f| f.message.as_str()),
            Some("competitor `brewco` has no positioning")
        );
        map.competitors[0].positioning = "Price leader".into();
        assert!(!has(&map, "competitor-without-positioning", Some("brewco")));
    }

    const CAMPAIGN_CHECKS: [&str; 10] = [
        "stage-without-forward-campaign",
        "stage-without-offer",
        "offer-upgrades-nothing",
        "offer-value-unstated",
        "campaign-without-cta",
        "campaign-without-offer",
        "campaign-touchpoints-off-step",
        "campaign-without-step",
        "campaign-ends-before-start",
        "campaigns-over-budget",
    ];

    fn campaign_fixture(check: &str) -> JourneyMap {
        let path = format!("{}/tests/fixtures/lint/{check}.ron", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        crate::store::parse_str(&text, &path).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn each_campaign_check_finds_only_its_own_blind_spot_on_its_fixture() {
        for check in CAMPAIGN_CHECKS {
            let map = campaign_fixture(check);
            let found: Vec<&str> = lint(&map)
                .iter()
                .map(|f| f.check)
                .filter(|c| CAMPAIGN_CHECKS.contains(c))
                .collect();
            assert_eq!(found, [check], "{check}");
            for f in lint(&map) {
                let listed = CHECKS.iter().find(|c| c.0 == f.check);
                assert_eq!(listed.map(|c| c.1), Some(f.severity), "{}", f.check);
            }
        }
    }

    #[test]
    fn a_ladder_and_campaigns_that_follow_the_playbook_get_no_campaign_finding() {
        let mut map = campaign_fixture("campaign-without-cta");
        map.campaigns[1].cta = "Start the kit".into();
        let found: Vec<&str> = lint(&map)
            .iter()
            .map(|f| f.check)
            .filter(|c| CAMPAIGN_CHECKS.contains(c))
            .collect();
        assert!(found.is_empty(), "{found:?}");
        // A draft with neither offers nor campaigns is not asked for offers.
        assert!(!has(&sample_map(), "stage-without-offer", Some("convert")));
    }

    #[test]
    fn offers_are_judged_over_each_run_of_stages_with_one_mindset() {
        let mut map = campaign_fixture("campaign-without-cta");
        map.campaigns[1].cta = "Start the kit".into();
        map.stages.push(Stage {
            id: "excite".into(),
            name: "Excite".into(),
            mindset: Mindset::ProductAware,
            ..Stage::default()
        });
        // Convert and Excite are one product-aware run; the kit at Convert serves it.
        assert!(!has(&map, "stage-without-offer", Some("convert")));
        map.offers.retain(|o| o.id != "kit");
        let found = lint(&map);
        let finding = found.iter().find(|f| f.check == "stage-without-offer");
        assert_eq!(
            finding.map(|f| f.message.as_str()),
            Some(
                "stage `convert` is product-aware but no entry-point or core offer serves it (nor at the stage after it with that mindset)"
            )
        );
        map.offers.push(crate::model::Offer {
            id: "plan".into(),
            name: "Plan".into(),
            kind: OfferKind::Core,
            stage: "excite".into(),
            ..crate::model::Offer::default()
        });
        assert!(!has(&map, "stage-without-offer", Some("convert")));
    }

    #[test]
    fn budgets_add_up_in_the_map_currency_only() {
        let mut map = campaign_fixture("campaigns-over-budget");
        let message = |map: &JourneyMap| {
            lint(map)
                .into_iter()
                .find(|f| f.check == "campaigns-over-budget")
                .map(|f| f.message)
        };
        assert_eq!(
            message(&map).as_deref(),
            Some(
                "the budgets of 2 campaigns add up to 11000 EUR, over the map's budget of 10000 EUR; not counted, in other currencies: `us-search`"
            )
        );
        map.budget = "11000".into();
        assert_eq!(message(&map), None, "at the budget is not over it");
        // An amount with no currency is read as the map's.
        map.campaigns[2].currency.clear();
        assert!(message(&map).is_some_and(|m| m.contains("3 campaigns add up to 14000 EUR")));
        map.budget.clear();
        assert_eq!(message(&map), None, "no map budget, nothing to compare with");
    }

    #[test]
    fn a_campaign_is_dated_by_the_days_its_start_and_end_stand_for() {
        let mut map = campaign_fixture("campaign-ends-before-start");
        // A month starts on its first day and ends on its last.
        map.campaigns[1].start = "2026-03".into();
        assert!(!has(&map, "campaign-ends-before-start", Some("nurture")));
        map.campaigns[1].start = "2026-Q2".into();
        assert!(has(&map, "campaign-ends-before-start", Some("nurture")));
    }

    fn playbook_fixtures() -> Vec<JourneyMap> {
        [
            include_str!("../../tests/fixtures/lint/goal-not-measurable.ron"),
            include_str!("../../tests/fixtures/lint/unhappy-stage-without-pain-point.ron"),
            include_str!("../../tests/fixtures/lint/pain-point-unanswered.ron"),
            include_str!("../../tests/fixtures/lint/opportunity-answers-nothing.ron"),
            include_str!("../../tests/fixtures/lint/post-purchase-stage-without-goal.ron"),
            include_str!("../../tests/fixtures/lint/lane-mostly-assumptions.ron"),
            include_str!("../../tests/fixtures/lint/competitor-without-segment.ron"),
            include_str!("../../tests/fixtures/playbook.ron"),
        ]
        .into_iter()
        .map(|text| match crate::store::parse_str(text, "fixture") {
            Ok(map) => map,
            Err(e) => panic!("{e}"),
        })
        .collect()
    }

    #[test]
    fn playbook_findings_have_the_severity_their_check_lists() {
        let mut seen = Vec::new();
        for map in playbook_fixtures() {
            for f in lint(&map) {
                let listed = CHECKS.iter().find(|c| c.0 == f.check);
                assert_eq!(listed.map(|c| c.1), Some(f.severity), "{}", f.check);
                seen.push(f.check);
            }
        }
        for check in [
            "goal-not-measurable",
            "unhappy-stage-without-pain-point",
            "pain-point-unanswered",
            "opportunity-answers-nothing",
            "post-purchase-stage-without-goal",
            "lane-mostly-assumptions",
            "competitor-without-segment",
        ] {
            assert!(seen.contains(&check), "{check} found on no fixture");
        }
    }

    #[test]
    fn stages_after_the_purchase_are_known_by_name_or_by_following_it() {
        let map = |names: &[&str]| JourneyMap {
            stages: names
                .iter()
                .map(|n| Stage {
                    id: slugify(n),
                    name: n.to_string(),
                    ..Stage::default()
                })
                .collect(),
            ..JourneyMap::default()
        };
        assert_eq!(
            post_purchase_stages(&map(&["Discover", "Purchase", "Unboxing", "Second order"])),
            vec![false, false, true, true]
        );
        // Named after-purchase stages count wherever they stand; a journey
        // with no purchase stage has nothing after it otherwise.
        assert_eq!(
            post_purchase_stages(&map(&["Aware", "Loyalty", "Wander"])),
            vec![false, true, false]
        );
        assert_eq!(
            post_purchase_stages(&map(&["Attention", "Interest", "Desire", "Action"])),
            vec![false; 4]
        );
    }

    #[test]
    fn goals_after_the_purchase_are_asked_for_only_in_maps_that_set_goals() {
        use crate::model::Goal;
        let mut map = sample_map();
        assert!(!has(&map, "post-purchase-stage-without-goal", Some("excite")));
        map.goals.push(Goal {
            id: "sales".into(),
            name: "More sales".into(),
            metric: "Orders".into(),
            target: "30".into(),
            stages: vec!["convert".into()],
            ..Goal::default()
        });
        assert!(has(&map, "post-purchase-stage-without-goal", Some("excite")));
        assert!(!has(&map, "post-purchase-stage-without-goal", Some("convert")));
        map.goals[0].stages.push("excite".into());
        assert!(!has(&map, "post-purchase-stage-without-goal", Some("excite")));
        assert!(!has(&map, "goal-not-measurable", Some("sales")));
        map.goals[0].target.clear();
        assert!(has(&map, "goal-not-measurable", Some("sales")));
    }

    #[test]
    fn a_pain_point_is_answered_by_any_opportunity_not_dropped() {
        use crate::model::{Opportunity, OpportunityStatus, PainPoint};
        let mut map = sample_map();
        map.pain_points.push(PainPoint {
            id: "price".into(),
            name: "Price".into(),
            stage: "convert".into(),
            ..PainPoint::default()
        });
        assert!(has(&map, "pain-point-unanswered", Some("price")));
        map.opportunities.push(Opportunity {
            id: "dropped".into(),
            name: "Dropped idea".into(),
            stage: "convert".into(),
            answers: vec!["price".into()],
            status: OpportunityStatus::Dropped,
            ..Opportunity::default()
        });
        assert!(has(&map, "pain-point-unanswered", Some("price")));
        for status in [OpportunityStatus::Idea, OpportunityStatus::Done] {
            let mut answered = map.clone();
            answered.opportunities.push(Opportunity {
                id: "live".into(),
                name: "Live idea".into(),
                stage: "convert".into(),
                answers: vec!["price".into()],
                status,
                ..Opportunity::default()
            });
            assert!(!has(&answered, "pain-point-unanswered", Some("price")), "{status:?}");
            assert!(!has(&answered, "opportunity-answers-nothing", Some("live")));
        }
    }

    #[test]
    fn an_unhappy_stage_wants_a_pain_point() {
        use crate::model::PainPoint;
        let mut map = sample_map();
        map.stages[0].emotion = -1;
        assert!(has(&map, "unhappy-stage-without-pain-point", Some("aware")));
        assert!(!has(&map, "unhappy-stage-without-pain-point", Some("convert")));
        map.pain_points.push(PainPoint {
            id: "noise".into(),
            name: "Too many ads".into(),
            stage: "aware".into(),
            ..PainPoint::default()
        });
        assert!(!has(&map, "unhappy-stage-without-pain-point", Some("aware")));
    }

    #[test]
    fn most_assumptions_means_more_than_half_of_three_or_more() {
        use crate::model::{Evidence, Insight, Lane};
        let lane = |evidence: &[Evidence]| JourneyMap {
            insights: evidence
                .iter()
                .enumerate()
                .map(|(n, &evidence)| Insight {
                    id: format!("i{n}"),
                    name: format!("Entry {n}"),
                    stage: "aware".into(),
                    lane: Lane::Feeling,
                    evidence,
                    ..Insight::default()
                })
                .collect(),
            ..sample_map()
        };
        let messages = |map: &JourneyMap| -> Vec<String> {
            lint(map)
                .into_iter()
                .filter(|f| f.check == "lane-mostly-assumptions")
                .map(|f| f.message)
                .collect()
        };
        use Evidence::{Assumption as A, Data as D};
        assert!(messages(&lane(&[A, A])).is_empty(), "two entries are too few");
        assert!(messages(&lane(&[A, A, D, D])).is_empty(), "half is not most");
        assert_eq!(
            messages(&lane(&[A, D, A])),
            vec!["2 of 3 entries in the Feeling lane are assumptions"]
        );
    }

    #[test]
    fn competitors_need_a_segment() {
        let mut map = sample_map();
        map.competitors.push(Competitor {
            id: "brewco".into(),
            name: "BrewCo".into(),
            ..Competitor::default()
        });
        assert!(has(&map, "competitor-without-segment", Some("brewco")));
        map.competitors[0].segments.push("offices".into());
        assert!(!has(&map, "competitor-without-segment", Some("brewco")));
    }
}
