//! The classic journey map: one column per stage, one row ("lane") per
//! aspect of the customer's experience there. The workbench's Journey view
//! and the `journey` report section lay out the same canvas.

use crate::model::schema::ChoiceSet;
use crate::model::typed::Period;
use crate::model::{Evidence, ItemKind, JourneyMap, Lane, MapIndex, Priority};

/// Entries a cell keeps for a screen or a page; the rest are counted.
pub const ENTRIES_SHOWN: usize = 8;

/// The rows of the canvas, top to bottom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LaneKind {
    /// What the business wants at the stage.
    Goal,
    Doing,
    /// What customers think and ask.
    Thinking,
    Feeling,
    Touchpoints,
    PainPoints,
    Opportunities,
    /// The offer ladder, rung by rung.
    Offers,
    Emotion,
    /// What is tracked there: the stage's signals and the goals measuring it.
    Kpis,
}

impl Canvas {
    /// Whether no stage has anything in the row.
    pub fn row_is_empty(row: &LaneRow) -> bool {
        row.cells.iter().all(|cell| cell.entries.is_empty())
    }
}

impl LaneKind {
    pub const ALL: [LaneKind; 10] = [
        LaneKind::Goal,
        LaneKind::Doing,
        LaneKind::Thinking,
        LaneKind::Feeling,
        LaneKind::Touchpoints,
        LaneKind::PainPoints,
        LaneKind::Opportunities,
        LaneKind::Offers,
        LaneKind::Emotion,
        LaneKind::Kpis,
    ];

    pub fn label(self) -> &'static str {
        match self {
            LaneKind::Goal => "Stage goal",
            LaneKind::Doing => "Doing",
            LaneKind::Thinking => "Thinking",
            LaneKind::Feeling => "Feeling",
            LaneKind::Touchpoints => "Touchpoints",
            LaneKind::PainPoints => "Pain points",
            LaneKind::Opportunities => "Opportunities",
            LaneKind::Offers => "Offers",
            LaneKind::Emotion => "Emotion",
            LaneKind::Kpis => "KPIs",
        }
    }
}

/// One entry of a cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub text: String,
    /// Believed but not checked (evidence: assumption): shown as such, so a
    /// hunch is not read as a fact.
    pub assumed: bool,
}

/// A cell: its first entries, and how many more there are.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cell {
    pub entries: Vec<Entry>,
    pub more: usize,
}

/// A row of the canvas: a cell per stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LaneRow {
    pub lane: LaneKind,
    pub cells: Vec<Cell>,
}

/// The canvas: the stages (id, name) as columns and every lane, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Canvas {
    pub stages: Vec<(String, String)>,
    pub rows: Vec<LaneRow>,
}

/// Lays out `map` as a journey canvas, keeping at most `per_cell` entries
/// in a cell (the rest are counted), so a stage with thousands of
/// touchpoints costs no more to show than one with ten. Goals are judged
/// overdue or not on `today`.
pub fn canvas(map: &JourneyMap, per_cell: usize, today: Period) -> Canvas {
    // Only stages are looked up by id: indexing every item of a large map
    // would cost more than laying it out.
    let index = MapIndex::of_kinds(map, &[ItemKind::Stage]);
    let mut rows: Vec<LaneRow> = LaneKind::ALL
        .iter()
        .map(|&lane| LaneRow {
            lane,
            cells: Vec::new(),
        })
        .collect();
    fill_lanes(
        map,
        &LaneKind::ALL,
        &mut rows,
        &|id| index.position(ItemKind::Stage, id),
        per_cell,
        today,
    );
    Canvas {
        stages: map.stages.iter().map(|s| (s.id.clone(), s.name.clone())).collect(),
        rows,
    }
}

impl LaneKind {
    /// The lanes items of `kind` appear in (stages also give each lane its
    /// column).
    pub fn of_kind(kind: ItemKind) -> &'static [LaneKind] {
        match kind {
            ItemKind::Stage => &[LaneKind::Goal, LaneKind::Emotion, LaneKind::Kpis],
            ItemKind::Insight => &[LaneKind::Doing, LaneKind::Thinking, LaneKind::Feeling],
            ItemKind::Touchpoint => &[LaneKind::Touchpoints],
            ItemKind::PainPoint => &[LaneKind::PainPoints],
            ItemKind::Opportunity => &[LaneKind::Opportunities],
            ItemKind::Offer => &[LaneKind::Offers],
            ItemKind::Goal => &[LaneKind::Kpis],
            _ => &[],
        }
    }
}

/// Lays out `lanes` of `rows` again (a cell per stage of `map`, emptied
/// first), leaving the other rows as they are: what a change to the items
/// of one kind needs, without going through the others. `stage_of` gives
/// the column of a stage id.
pub fn fill_lanes(
    map: &JourneyMap,
    lanes: &[LaneKind],
    rows: &mut [LaneRow],
    stage_of: &dyn Fn(&str) -> Option<usize>,
    per_cell: usize,
    today: Period,
) {
    let stages = map.stages.len();
    for row in rows.iter_mut().filter(|row| lanes.contains(&row.lane)) {
        row.cells.clear();
        row.cells.resize(stages, Cell::default());
    }
    let wanted = |lane: LaneKind| lanes.contains(&lane);
    let mut push = |lane: LaneKind, stage: usize, text: String, assumed: bool| {
        let Some(row) = rows.iter_mut().find(|row| row.lane == lane) else {
            return;
        };
        if let Some(cell) = row.cells.get_mut(stage) {
            if cell.entries.len() < per_cell {
                cell.entries.push(Entry { text, assumed });
            } else {
                cell.more += 1;
            }
        }
    };
    if wanted(LaneKind::Goal) || wanted(LaneKind::Emotion) || wanted(LaneKind::Kpis) {
        for (n, stage) in map.stages.iter().enumerate() {
            if wanted(LaneKind::Goal) && !stage.goal.trim().is_empty() {
                push(LaneKind::Goal, n, stage.goal.clone(), false);
            }
            if wanted(LaneKind::Emotion) {
                push(LaneKind::Emotion, n, emotion_text(stage.emotion), false);
            }
            if wanted(LaneKind::Kpis) {
                for signal in &stage.track {
                    push(LaneKind::Kpis, n, signal.clone(), false);
                }
            }
        }
    }
    if wanted(LaneKind::Doing) || wanted(LaneKind::Thinking) || wanted(LaneKind::Feeling) {
        for insight in &map.insights {
            let lane = match insight.lane {
                Lane::Doing => LaneKind::Doing,
                Lane::Thinking | Lane::Asking => LaneKind::Thinking,
                Lane::Feeling => LaneKind::Feeling,
            };
            if !wanted(lane) {
                continue;
            }
            let Some(n) = stage_of(&insight.stage) else { continue };
            push(lane, n, insight.name.clone(), insight.evidence == Evidence::Assumption);
        }
    }
    if wanted(LaneKind::Touchpoints) {
        for touchpoint in &map.touchpoints {
            if let Some(n) = stage_of(&touchpoint.stage) {
                push(LaneKind::Touchpoints, n, touchpoint.name.clone(), false);
            }
        }
    }
    if wanted(LaneKind::PainPoints) {
        for pain in &map.pain_points {
            let Some(n) = stage_of(&pain.stage) else { continue };
            let text = format!("{} ({})", pain.name, pain.severity.choice_label());
            push(LaneKind::PainPoints, n, text, pain.evidence == Evidence::Assumption);
        }
    }
    if wanted(LaneKind::Opportunities) {
        for opportunity in &map.opportunities {
            let Some(n) = stage_of(&opportunity.stage) else {
                continue;
            };
            let mut marks = opportunity.status.choice_label().to_string();
            if opportunity.priority != Priority::Unset {
                marks.push_str(&format!(", {} priority", opportunity.priority.choice_label()));
            }
            let text = format!("{} ({marks})", opportunity.name);
            push(
                LaneKind::Opportunities,
                n,
                text,
                opportunity.evidence == Evidence::Assumption,
            );
        }
    }
    if wanted(LaneKind::Offers) {
        for offer in &map.offers {
            let Some(n) = stage_of(&offer.stage) else { continue };
            let price = match (offer.price.as_str(), offer.currency.as_str()) {
                ("", _) => String::new(),
                ("0", _) => ", free".to_string(),
                (price, currency) => format!(", {price} {currency}").trim_end().to_string(),
            };
            push(
                LaneKind::Offers,
                n,
                format!("{} ({}{price})", offer.name, offer.kind.choice_label()),
                false,
            );
        }
    }
    if wanted(LaneKind::Kpis) {
        for goal in &map.goals {
            let progress = match goal.progress().map(f64::round) {
                // Adding zero turns -0 into 0.
                Some(p) => format!("{}%", p + 0.0),
                None => "n/a".to_string(),
            };
            let overdue = if goal.overdue(today) { ", overdue" } else { "" };
            for stage in &goal.stages {
                if let Some(n) = stage_of(stage) {
                    push(LaneKind::Kpis, n, format!("{}: {progress}{overdue}", goal.name), false);
                }
            }
        }
    }
}

/// "-1 uneasy", "0 neutral", "+2 delighted": a score and a word for it.
pub fn emotion_text(score: i8) -> String {
    let word = match score {
        i8::MIN..=-2 => "frustrated",
        -1 => "uneasy",
        0 => "neutral",
        1 => "pleased",
        _ => "delighted",
    };
    if score == 0 {
        format!("0 {word}")
    } else {
        format!("{score:+} {word}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Goal, Insight, PainPoint, Severity, Stage, Touchpoint};

    fn map() -> JourneyMap {
        let stage = |id: &str, emotion: i8| Stage {
            id: id.into(),
            name: id.to_uppercase(),
            emotion,
            ..Stage::default()
        };
        JourneyMap {
            title: "Canvas".into(),
            stages: vec![stage("aware", -1), stage("buy", 2)],
            insights: vec![
                Insight {
                    id: "asks".into(),
                    name: "Is it worth it?".into(),
                    stage: "buy".into(),
                    lane: Lane::Asking,
                    evidence: Evidence::Data,
                    ..Insight::default()
                },
                Insight {
                    id: "scrolls".into(),
                    name: "Scrolls Instagram".into(),
                    stage: "aware".into(),
                    ..Insight::default()
                },
            ],
            pain_points: vec![PainPoint {
                id: "slow".into(),
                name: "Slow delivery".into(),
                stage: "buy".into(),
                severity: Severity::Critical,
                evidence: Evidence::Research,
                ..PainPoint::default()
            }],
            goals: vec![Goal {
                id: "g".into(),
                name: "400 enquiries".into(),
                baseline: "100".into(),
                target: "400".into(),
                current: "250".into(),
                stages: vec!["aware".into()],
                ..Goal::default()
            }],
            touchpoints: (0..5)
                .map(|n| Touchpoint {
                    id: format!("t{n}"),
                    name: format!("Ad {n}"),
                    stage: "aware".into(),
                    ..Touchpoint::default()
                })
                .map(Box::new)
                .collect(),
            ..JourneyMap::default()
        }
    }

    #[test]
    fn entries_land_in_their_stage_and_lane() {
        let canvas = canvas(&map(), 3, Period::today());
        let lanes: Vec<LaneKind> = canvas
            .rows
            .iter()
            .filter(|r| !Canvas::row_is_empty(r))
            .map(|r| r.lane)
            .collect();
        assert_eq!(
            lanes,
            [
                LaneKind::Doing,
                LaneKind::Thinking,
                LaneKind::Touchpoints,
                LaneKind::PainPoints,
                LaneKind::Emotion,
                LaneKind::Kpis
            ]
        );
        let cell = |lane: LaneKind, stage: usize| {
            canvas
                .rows
                .iter()
                .find(|r| r.lane == lane)
                .map(|r| r.cells[stage].clone())
                .unwrap_or_default()
        };
        assert_eq!(
            cell(LaneKind::Doing, 0).entries,
            [Entry {
                text: "Scrolls Instagram".into(),
                assumed: true
            }]
        );
        assert_eq!(cell(LaneKind::Thinking, 1).entries[0].text, "Is it worth it?");
        assert!(!cell(LaneKind::Thinking, 1).entries[0].assumed);
        assert_eq!(
            cell(LaneKind::PainPoints, 1).entries[0].text,
            "Slow delivery (critical)"
        );
        assert_eq!(cell(LaneKind::Touchpoints, 0).entries.len(), 3);
        assert_eq!(cell(LaneKind::Touchpoints, 0).more, 2);
        assert_eq!(cell(LaneKind::Emotion, 0).entries[0].text, "-1 uneasy");
        assert_eq!(cell(LaneKind::Emotion, 1).entries[0].text, "+2 delighted");
        assert_eq!(cell(LaneKind::Kpis, 0).entries[0].text, "400 enquiries: 50%");
        assert!(cell(LaneKind::Kpis, 1).entries.is_empty());
    }
}
