//! What the playbook parts of a report show, worked out once for every
//! format: the brief's fields, the scorecard's rows, the competitors' key
//! facts, pain points and opportunities by stage, and the cells of the
//! journey canvas. The renderers only lay these out and escape them; every
//! string here is map text or our own words, not yet sanitized.

use super::Names;
use crate::analysis::canvas::LaneKind;
use crate::model::schema::ChoiceSet;
use crate::model::typed::Period;
use crate::model::{Competitor, Evidence, Goal, ItemKind, JourneyMap, Lane, PriceLevel, Strategy};

/// A day as ISO text: `2026-05-01`.
pub(crate) fn date(day: Period) -> String {
    format!("{:04}-{:02}-{:02}", day.year, day.month, day.day)
}

/// How an emotion score reads: `-1 uneasy`, `0 neutral`, `+2 delighted`.
pub(crate) fn emotion(score: i8) -> String {
    crate::analysis::canvas::emotion_text(score)
}

/// One field of the business brief.
pub(crate) enum BriefValue<'m> {
    Text(std::borrow::Cow<'m, str>),
    List(&'m [String]),
}

/// The brief's fields that are filled in, in the order of the Overview,
/// each with its label.
pub(crate) fn brief(map: &JourneyMap) -> Vec<(&'static str, BriefValue<'_>)> {
    use std::borrow::Cow;
    let mut fields = Vec::new();
    for (label, text) in [
        ("Who we are", &map.business),
        ("What we sell", &map.offering),
        ("Who we sell to", &map.audience),
        ("Who we do not sell to", &map.not_for),
    ] {
        if !text.trim().is_empty() {
            fields.push((label, BriefValue::Text(Cow::Borrowed(text.as_str()))));
        }
    }
    if map.strategy != Strategy::Unspecified {
        fields.push((
            "Company strategy",
            BriefValue::Text(Cow::Borrowed(map.strategy.choice_label())),
        ));
    }
    if !map.market_share.is_empty() {
        fields.push((
            "Market share",
            BriefValue::Text(Cow::Owned(format!("{}%", map.market_share))),
        ));
    }
    if !map.seasonality.trim().is_empty() {
        fields.push(("Seasonality", BriefValue::Text(Cow::Borrowed(map.seasonality.as_str()))));
    }
    if !map.lifetime_value.is_empty() {
        fields.push(("Lifetime value", BriefValue::List(&map.lifetime_value)));
    }
    if !map.recent_results.is_empty() {
        fields.push(("Recent results", BriefValue::List(&map.recent_results)));
    }
    fields
}

/// A goal as the scorecard shows it.
pub(crate) struct ScoreRow<'m> {
    pub goal: &'m Goal,
    /// Progress from the baseline to the target, in whole percent.
    pub progress: Option<f64>,
    /// The deadline has passed on the report's day, the target unmet.
    pub overdue: bool,
    /// Names of the stages it measures.
    pub stages: Vec<&'m str>,
}

impl ScoreRow<'_> {
    /// `45%`, or `n/a` when the target or the current value is not set.
    pub fn progress_text(&self) -> String {
        percent(self.progress)
    }
}

/// `45%`, or `n/a`.
pub(crate) fn percent(progress: Option<f64>) -> String {
    progress.map_or_else(|| "n/a".to_string(), |p| format!("{p}%"))
}

/// A goal's progress in whole percent, never `-0`.
pub(crate) fn rounded_progress(goal: &Goal) -> Option<f64> {
    goal.progress().map(|p| {
        let whole = p.round();
        if whole == 0.0 { 0.0 } else { whole }
    })
}

/// One row per goal, in map order, judged on `today`.
pub(crate) fn scorecard<'m>(map: &'m JourneyMap, names: &Names<'m>, today: Period) -> Vec<ScoreRow<'m>> {
    map.goals
        .iter()
        .map(|goal| ScoreRow {
            goal,
            progress: rounded_progress(goal),
            overdue: goal.overdue(today),
            stages: goal.stages.iter().map(|id| names.stage(id)).collect(),
        })
        .collect()
}

/// A competitor's price level, empty when unspecified.
pub(crate) fn price_level(c: &Competitor) -> &'static str {
    if c.price_level == PriceLevel::Unspecified {
        ""
    } else {
        c.price_level.choice_label()
    }
}

/// `4.6 from 1200 reviews on Google`, as much of it as is known.
pub(crate) fn reviews(c: &Competitor) -> String {
    let mut text = c.rating.clone();
    if !c.review_count.is_empty() {
        if !text.is_empty() {
            text.push_str(" from ");
        }
        text.push_str(&c.review_count);
        text.push_str(if c.review_count == "1" { " review" } else { " reviews" });
    }
    let source = c.review_source.trim();
    if !source.is_empty() {
        text = match text.is_empty() {
            true => format!("reviews on {source}"),
            false => format!("{text} on {source}"),
        };
    }
    text
}

/// The key facts of the competitor summary, one column each.
const SUMMARY_HEADERS: [&str; 9] = [
    "Competitor",
    "Kind",
    "Price level",
    "Pricing",
    "Geography",
    "Channels",
    "Reviews",
    "USP",
    "Segments",
];

/// The competitor summary: the key facts any competitor has, one column
/// each, one row per competitor. A fact no competitor has is left out
/// rather than shown as an empty column.
pub(crate) struct Summary {
    pub headers: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
}

pub(crate) fn summary(map: &JourneyMap, names: &Names) -> Summary {
    let all: Vec<[String; 9]> = map.competitors.iter().map(|c| summary_row(c, names)).collect();
    let kept: Vec<usize> = (0..SUMMARY_HEADERS.len())
        .filter(|&fact| all.iter().any(|row| !row[fact].trim().is_empty()))
        .collect();
    Summary {
        headers: kept.iter().map(|&fact| SUMMARY_HEADERS[fact]).collect(),
        rows: all
            .into_iter()
            .map(|row| kept.iter().map(|&fact| row[fact].clone()).collect())
            .collect(),
    }
}

/// A competitor's key facts, in the order of [`SUMMARY_HEADERS`].
fn summary_row(c: &Competitor, names: &Names) -> [String; 9] {
    [
        c.name.clone(),
        c.kind.label().to_string(),
        price_level(c).to_string(),
        c.pricing.clone(),
        c.geography.clone(),
        c.channels.join(", "),
        reviews(c),
        c.usp.clone(),
        names.join(&c.segments, |n, id| n.segment(id).to_string(), ", "),
    ]
}

/// Pain points and opportunities grouped by stage, and which opportunities
/// answer each pain point: one pass over each list.
pub(crate) struct Problems {
    /// Per stage, in journey order: its pain points' positions, most severe
    /// first (map order among equals).
    pub pains: Vec<Vec<usize>>,
    /// Per stage: its opportunities' positions, highest priority first.
    pub opportunities: Vec<Vec<usize>>,
    /// Per pain point, in map order: the opportunities answering it.
    answered_by: Vec<Vec<usize>>,
}

impl Problems {
    pub(crate) fn new(map: &JourneyMap, names: &Names) -> Problems {
        let index = names.index();
        let mut pains = vec![Vec::new(); map.stages.len()];
        for (position, pain) in map.pain_points.iter().enumerate() {
            if let Some(stage) = index.stage(&pain.stage) {
                pains[stage].push(position);
            }
        }
        let mut opportunities = vec![Vec::new(); map.stages.len()];
        let mut answered_by = vec![Vec::new(); map.pain_points.len()];
        for (position, opportunity) in map.opportunities.iter().enumerate() {
            if let Some(stage) = index.stage(&opportunity.stage) {
                opportunities[stage].push(position);
            }
            for pain in &opportunity.answers {
                if let Some(p) = index.position(ItemKind::PainPoint, pain) {
                    answered_by[p].push(position);
                }
            }
        }
        for stage in &mut pains {
            stage.sort_by_key(|&p| std::cmp::Reverse(map.pain_points[p].severity));
        }
        for stage in &mut opportunities {
            stage.sort_by_key(|&o| std::cmp::Reverse(map.opportunities[o].priority));
        }
        Problems {
            pains,
            opportunities,
            answered_by,
        }
    }

    /// Whether the map records any pain point or opportunity at a stage.
    pub(crate) fn is_empty(&self) -> bool {
        self.pains.iter().all(Vec::is_empty) && self.opportunities.iter().all(Vec::is_empty)
    }

    /// Positions of the opportunities answering the pain point at `pain`.
    pub(crate) fn answered_by(&self, pain: usize) -> &[usize] {
        self.answered_by.get(pain).map_or(&[], Vec::as_slice)
    }

    /// `Show the price per cup (planned); ...`: the opportunities answering
    /// the pain point at `pain`, each with its status, for `present` to
    /// escape.
    pub(crate) fn answers_with_status(
        &self,
        map: &JourneyMap,
        pain: usize,
        present: impl Fn(&str) -> String,
    ) -> String {
        let answers: Vec<String> = self
            .answered_by(pain)
            .iter()
            .map(|&o| {
                let opportunity = &map.opportunities[o];
                format!("{} ({})", present(&opportunity.name), opportunity.status.choice_label())
            })
            .collect();
        answers.join("; ")
    }
}

/// The lanes in the order a stage lists them, with their labels.
pub(crate) const LANES: [(Lane, &str); 4] = [
    (Lane::Doing, "Doing"),
    (Lane::Thinking, "Thinking"),
    (Lane::Asking, "Asking"),
    (Lane::Feeling, "Feeling"),
];

/// Per stage, per lane of [`LANES`]: the positions of its insights, in map
/// order. One pass.
pub(crate) fn lanes_by_stage(map: &JourneyMap, names: &Names) -> Vec<[Vec<usize>; 4]> {
    let mut by_stage: Vec<[Vec<usize>; 4]> = vec![Default::default(); map.stages.len()];
    for (position, insight) in map.insights.iter().enumerate() {
        if let Some(stage) = names.index().stage(&insight.stage) {
            let lane = LANES.iter().position(|(l, _)| *l == insight.lane).unwrap_or(0);
            by_stage[stage][lane].push(position);
        }
    }
    by_stage
}

/// `research: 2025 survey`, `assumption`: how well an entry is known.
pub(crate) fn evidence(level: Evidence, source: &str) -> String {
    let source = source.trim();
    if source.is_empty() {
        level.choice_label().to_string()
    } else {
        format!("{}: {source}", level.choice_label())
    }
}

/// A row of the journey canvas: a lane, with each stage's entries.
pub(crate) struct CanvasRow {
    pub label: &'static str,
    /// Entries are items of a list (shown with bullets), not one text.
    pub listed: bool,
    /// Per stage, in journey order.
    pub cells: Vec<Vec<String>>,
}

/// The label of the canvas row of stage emotions.
pub(crate) const EMOTION_LANE: &str = "Emotion";

/// What the canvas legend says about entries marked `(assumed)`.
pub(crate) const ASSUMED_LEGEND: &str = "(assumed): an assumption, not yet backed by an anecdote, research or data.";

/// The classic journey map: one column per stage, one row per lane, as
/// [`crate::analysis::canvas`] lays it out (every entry kept), an
/// assumption marked `(assumed)`.
pub(crate) fn canvas(map: &JourneyMap, today: Period) -> Vec<CanvasRow> {
    let laid_out = crate::analysis::canvas::canvas(map, usize::MAX, today);
    laid_out
        .rows
        .into_iter()
        .map(|row| CanvasRow {
            label: row.lane.label(),
            listed: !matches!(row.lane, LaneKind::Goal | LaneKind::Emotion),
            cells: row
                .cells
                .into_iter()
                .map(|cell| {
                    cell.entries
                        .into_iter()
                        .map(|entry| {
                            if entry.assumed {
                                format!("{} (assumed)", entry.text)
                            } else {
                                entry.text
                            }
                        })
                        .collect()
                })
                .collect(),
        })
        .collect()
}

/// Whether any entry of the canvas is marked as an assumption.
pub(crate) fn has_assumptions(map: &JourneyMap) -> bool {
    map.insights.iter().any(|i| i.evidence == Evidence::Assumption)
        || map.pain_points.iter().any(|p| p.evidence == Evidence::Assumption)
        || map.opportunities.iter().any(|o| o.evidence == Evidence::Assumption)
}

/// A stage's column heading: `1. Aware`.
pub(crate) fn stage_heading(map: &JourneyMap, stage: usize) -> String {
    format!("{}. {}", stage + 1, map.stages[stage].name)
}
