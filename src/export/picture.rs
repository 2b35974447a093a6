//! The journey as a picture: what the HTML page's canvas and the SVG (and
//! so the PNG) draw, worked out once. A column per stage in journey order;
//! the stage's goal and mindset at its head; the touchpoints as cards
//! (tactic, channel, the discipline's colour); the emotion of each stage;
//! every lane the map fills (doing, thinking, feeling, pain points,
//! opportunities, offers, KPIs); and the campaigns that move people on from
//! each stage. Every string is map text or our own words, not yet escaped.

use std::borrow::Cow;

use crate::analysis::canvas::{self, Cell, LaneKind};
use crate::analysis::{Matrix, MatrixFilter};
use crate::model::typed::Period;
use crate::model::{ItemKind, JourneyMap, MapIndex, Mindset};
use crate::text::{forbidden_char, sanitize};

/// Colours of the disciplines, in the order a map first uses them: twelve
/// hues far enough apart to tell cards apart, dark enough for white text
/// and light enough to show on a dark page. A map with more disciplines
/// than this reuses them in turn.
pub(crate) const DISCIPLINE_COLOURS: [&str; 12] = [
    "#2563eb", "#d97706", "#059669", "#db2777", "#7c3aed", "#0891b2", "#dc2626", "#65a30d", "#c026d3", "#0d9488",
    "#ea580c", "#4f46e5",
];

/// The colour of cards whose touchpoint uses no tactic.
pub(crate) const NO_DISCIPLINE_COLOUR: &str = "#6b7280";

/// The label of cards whose touchpoint uses no tactic, in the legend.
pub(crate) const NO_TACTIC: &str = "No tactic yet";

/// A stage's column head.
pub(crate) struct StageHead<'m> {
    pub name: &'m str,
    /// What the business wants there; empty when not set.
    pub goal: &'m str,
    /// The customer's mindset, when one is set.
    pub mindset: Option<&'static str>,
    /// How the customer feels there, -2 to +2.
    pub emotion: i8,
}

/// A touchpoint as a card.
pub(crate) struct Card<'m> {
    pub name: &'m str,
    /// The names of the tactics it uses.
    pub tactics: Vec<&'m str>,
    pub channel: &'m str,
    /// Position in [`Picture::disciplines`] of its first tactic's
    /// discipline; `None` when it uses no tactic.
    pub discipline: Option<usize>,
    /// Its own emotion, when it differs from its stage's.
    pub emotion: Option<i8>,
}

impl Card<'_> {
    /// The card's colour: its discipline's, or grey.
    pub fn colour(&self) -> &'static str {
        self.discipline.map_or(NO_DISCIPLINE_COLOUR, |n| {
            DISCIPLINE_COLOURS[n % DISCIPLINE_COLOURS.len()]
        })
    }
}

/// A lane of entries below the cards.
pub(crate) struct PictureLane {
    pub label: &'static str,
    /// Per stage, in journey order.
    pub cells: Vec<Cell>,
}

/// Everything the picture of a map shows.
pub(crate) struct Picture<'m> {
    pub title: &'m str,
    pub stages: Vec<StageHead<'m>>,
    /// Per stage: the positions of the touchpoints shown as cards (the
    /// first the filter keeps); [`Picture::cards`] makes the cards.
    shown: Vec<Vec<usize>>,
    /// Per stage: how many more touchpoints there are than cards.
    pub more_cards: Vec<usize>,
    /// The lanes that have an entry somewhere, top to bottom.
    pub lanes: Vec<PictureLane>,
    /// Per stage: the campaigns moving people on from it, `Name → Stage`.
    pub campaigns: Vec<Vec<String>>,
    /// The disciplines the cards use, in order of first use: a card's
    /// colour and the legend's order.
    pub disciplines: Vec<&'m str>,
    /// Whether some card uses no tactic (the legend then explains grey).
    pub untactical: bool,
    /// Which touchpoints the filter kept, in words; `None` unfiltered.
    pub filter_note: Option<String>,
    map: &'m JourneyMap,
    index: MapIndex<'m>,
}

impl<'m> Picture<'m> {
    /// Lays out `map` through `matrix` (built with `filter`), keeping at
    /// most `per_cell` cards and entries per stage, so a stage with
    /// thousands of touchpoints costs a page no more than it can show.
    /// Goals are judged overdue or not on `today`.
    pub fn build(map: &'m JourneyMap, matrix: &Matrix, filter: &MatrixFilter, per_cell: usize, today: Period) -> Self {
        let index = MapIndex::new(map);
        let name = |kind: ItemKind, id: &'m str| index.name(map, kind, id).unwrap_or(id);
        let stages = map
            .stages
            .iter()
            .map(|stage| StageHead {
                name: &stage.name,
                goal: stage.goal.trim(),
                mindset: (stage.mindset != Mindset::Unspecified).then(|| stage.mindset.label()),
                emotion: stage.emotion,
            })
            .collect();

        // The disciplines in order of first use by the cards shown; the
        // cards themselves are made as they are drawn, so that a page of
        // 50,000 touchpoints never holds them all.
        let mut disciplines: Vec<&'m str> = Vec::new();
        let mut untactical = false;
        let mut shown = Vec::with_capacity(map.stages.len());
        let mut more_cards = Vec::with_capacity(map.stages.len());
        for column in 0..map.stages.len() {
            let kept = matrix.stage_touchpoints(column);
            let stage_shown: Vec<usize> = kept.iter().take(per_cell).copied().collect();
            for &position in &stage_shown {
                match first_tactic(map, &index, position) {
                    Some(tactic) => {
                        let label = discipline_label(&tactic.discipline);
                        if !disciplines.contains(&label) {
                            disciplines.push(label);
                        }
                    }
                    None => untactical = true,
                }
            }
            more_cards.push(kept.len() - stage_shown.len());
            shown.push(stage_shown);
        }

        let laid_out = canvas::canvas(map, per_cell, today);
        let lanes = laid_out
            .rows
            .into_iter()
            .filter(|row| {
                !matches!(row.lane, LaneKind::Goal | LaneKind::Touchpoints | LaneKind::Emotion)
                    && !canvas::Canvas::row_is_empty(row)
            })
            .map(|row| PictureLane {
                label: row.lane.label(),
                cells: row.cells,
            })
            .collect();

        let mut campaigns = vec![Vec::new(); map.stages.len()];
        for campaign in &map.campaigns {
            let Some(from) = index.position(ItemKind::Stage, &campaign.from_stage) else {
                continue;
            };
            let cell: &mut Vec<String> = &mut campaigns[from];
            if cell.len() >= per_cell {
                continue;
            }
            let to = name(ItemKind::Stage, &campaign.to_stage);
            cell.push(if to.is_empty() {
                campaign.name.clone()
            } else {
                format!("{} → {to}", campaign.name)
            });
        }

        Picture {
            title: &map.title,
            stages,
            shown,
            more_cards,
            lanes,
            campaigns,
            disciplines,
            untactical,
            filter_note: filter_note(map, &index, filter),
            map,
            index,
        }
    }

    /// The cards of stage `column`, in order.
    pub fn cards(&self, column: usize) -> impl Iterator<Item = Card<'m>> + '_ {
        self.shown
            .get(column)
            .into_iter()
            .flatten()
            .map(|&position| self.card(position))
    }

    /// The touchpoint at `position` as a card.
    fn card(&self, position: usize) -> Card<'m> {
        let map = self.map;
        let touchpoint = &map.touchpoints[position];
        let discipline = first_tactic(map, &self.index, position).and_then(|tactic| {
            let label = discipline_label(&tactic.discipline);
            self.disciplines.iter().position(|&d| d == label)
        });
        Card {
            name: &touchpoint.name,
            tactics: touchpoint
                .tactics
                .iter()
                .map(|id| self.index.name(map, ItemKind::Tactic, id).unwrap_or(id))
                .collect(),
            channel: touchpoint.channel.trim(),
            discipline,
            emotion: touchpoint.emotion,
        }
    }

    /// Whether any stage has a campaign moving people on.
    pub fn has_campaigns(&self) -> bool {
        self.campaigns.iter().any(|cell| !cell.is_empty())
    }

    /// Whether any stage has a goal or a mindset.
    pub fn has_stage_goals(&self) -> bool {
        self.stages.iter().any(|s| !s.goal.is_empty() || s.mindset.is_some())
    }
}

/// The first tactic of the touchpoint at `position`, if it has one the map knows.
fn first_tactic<'m>(map: &'m JourneyMap, index: &MapIndex, position: usize) -> Option<&'m crate::model::Tactic> {
    map.touchpoints[position]
        .tactics
        .first()
        .and_then(|id| index.position(ItemKind::Tactic, id))
        .map(|n| &map.tactics[n])
}

/// A discipline as the legend names it: a tactic without one is "Other".
fn discipline_label(discipline: &str) -> &str {
    let discipline = discipline.trim();
    if discipline.is_empty() { "Other" } else { discipline }
}

/// "Touchpoints aimed at Layla (and at everyone)": what the filter kept.
fn filter_note(map: &JourneyMap, index: &MapIndex, filter: &MatrixFilter) -> Option<String> {
    let named = |kind: ItemKind, id: &str| index.name(map, kind, id).unwrap_or(id).to_string();
    let mut parts = Vec::new();
    if let Some(persona) = &filter.persona {
        parts.push(format!("aimed at {}", named(ItemKind::Persona, persona)));
    }
    if let Some(segment) = &filter.segment {
        parts.push(format!("aimed at the segment {}", named(ItemKind::Segment, segment)));
    }
    if let Some(campaign) = &filter.campaign {
        parts.push(format!("used by the campaign {}", named(ItemKind::Campaign, campaign)));
    }
    if parts.is_empty() {
        return None;
    }
    let everyone = if filter.persona.is_some() || filter.segment.is_some() {
        " (and those aimed at everyone)"
    } else {
        ""
    };
    Some(format!("Only touchpoints {}{everyone}.", parts.join(" and ")))
}

/// Map text as a page or picture shows it: no control characters and no
/// bidi overrides (a map that passed validation has none; this is the last
/// guard before a browser), line breaks kept.
pub(crate) fn clean(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| forbidden_char(c, true) || c == '\t') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.split('\n')
            .map(|line| sanitize(line).into_owned())
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

/// How an emotion score reads: `-1 uneasy`.
pub(crate) fn emotion_label(score: i8) -> String {
    canvas::emotion_text(score)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Campaign, Stage, Tactic, Touchpoint};

    fn map() -> JourneyMap {
        let stage = |id: &str| Stage {
            id: id.into(),
            name: id.to_uppercase(),
            ..Stage::default()
        };
        let tactic = |id: &str, discipline: &str| Tactic {
            id: id.into(),
            name: id.into(),
            discipline: discipline.into(),
            ..Tactic::default()
        };
        let touchpoint = |id: &str, stage: &str, tactics: &[&str]| Touchpoint {
            id: id.into(),
            name: id.into(),
            stage: stage.into(),
            tactics: tactics.iter().map(|t| t.to_string()).collect(),
            ..Touchpoint::default()
        };
        JourneyMap {
            title: "Picture".into(),
            stages: vec![stage("aware"), stage("buy")],
            tactics: vec![
                tactic("ads", "Advertising"),
                tactic("mail", "Email"),
                tactic("talk", ""),
            ],
            touchpoints: vec![
                Box::new(touchpoint("banner", "aware", &["ads"])),
                Box::new(touchpoint("news", "aware", &["mail", "ads"])),
                Box::new(touchpoint("chat", "buy", &["talk"])),
                Box::new(touchpoint("shelf", "buy", &[])),
                Box::new(touchpoint("flyer", "aware", &["ads"])),
            ],
            campaigns: vec![Campaign {
                id: "push".into(),
                name: "Push".into(),
                from_stage: "aware".into(),
                to_stage: "buy".into(),
                ..Campaign::default()
            }],
            ..JourneyMap::default()
        }
    }

    fn picture(map: &JourneyMap, per_cell: usize) -> Picture<'_> {
        let filter = MatrixFilter::default();
        let matrix = Matrix::build(map, &filter).unwrap_or_else(|e| panic!("{e}"));
        Picture::build(map, &matrix, &filter, per_cell, Period::today())
    }

    #[test]
    fn cards_take_their_first_tactics_discipline_in_order_of_first_use() {
        let map = map();
        let picture = picture(&map, 10);
        assert_eq!(picture.disciplines, ["Advertising", "Email", "Other"]);
        let aware: Vec<_> = picture.cards(0).map(|c| (c.name, c.discipline)).collect();
        assert_eq!(aware, [("banner", Some(0)), ("news", Some(1)), ("flyer", Some(0))]);
        let buy: Vec<_> = picture.cards(1).map(|c| (c.name, c.discipline)).collect();
        assert_eq!(buy, [("chat", Some(2)), ("shelf", None)]);
        assert!(picture.untactical);
        let news = picture.cards(0).nth(1).unwrap_or_else(|| panic!("no second card"));
        assert_eq!(news.tactics, ["mail", "ads"]);
        let shelf = picture.cards(1).nth(1).unwrap_or_else(|| panic!("no second card"));
        assert_eq!(shelf.colour(), NO_DISCIPLINE_COLOUR);
    }

    #[test]
    fn a_stage_keeps_at_most_per_cell_cards_and_counts_the_rest() {
        let map = map();
        let picture = picture(&map, 2);
        assert_eq!(picture.cards(0).count(), 2);
        assert_eq!(picture.more_cards, [1, 0]);
    }

    #[test]
    fn campaigns_sit_at_the_stage_they_move_people_from() {
        let map = map();
        let picture = picture(&map, 10);
        assert_eq!(picture.campaigns, [vec!["Push → BUY".to_string()], vec![]]);
        assert!(picture.has_campaigns());
    }

    #[test]
    fn the_filter_is_said_in_words() {
        let mut map = map();
        map.personas.push(crate::model::Persona {
            id: "layla".into(),
            name: "Layla".into(),
            ..crate::model::Persona::default()
        });
        let filter = MatrixFilter {
            persona: Some("layla".into()),
            ..MatrixFilter::default()
        };
        let matrix = Matrix::build(&map, &filter).unwrap_or_else(|e| panic!("{e}"));
        let picture = Picture::build(&map, &matrix, &filter, 10, Period::today());
        assert_eq!(
            picture.filter_note.as_deref(),
            Some("Only touchpoints aimed at Layla (and those aimed at everyone).")
        );
    }
}
