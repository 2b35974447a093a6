//! What the Touchpoints view adds to a plain list: its sort orders, its
//! optional columns, a `/` filter that matches every text of a touchpoint,
//! and the caches behind them. Each sort order, the lower-cased text the
//! filter searches and the columns' natural widths are computed once per
//! map generation, when first needed; moving the selection or typing a
//! filter never sorts again.

use std::collections::HashMap;

use crate::model::{FieldType, ItemKind, JourneyMap, Target, Value};
use crate::text::width;

/// How the Touchpoints view orders its rows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum TouchpointSort {
    /// Grouped by stage in journey order, file order within a stage.
    #[default]
    Stage,
    Name,
    /// By the names of their tactics; those without a tactic last.
    Tactic,
    /// Most frustrated first: a touchpoint's own score, else its stage's.
    Emotion,
    /// By channel; those without one last.
    Channel,
    /// As the map file lists them.
    File,
}

impl TouchpointSort {
    pub const ALL: [TouchpointSort; 6] = [
        TouchpointSort::Stage,
        TouchpointSort::Name,
        TouchpointSort::Tactic,
        TouchpointSort::Emotion,
        TouchpointSort::Channel,
        TouchpointSort::File,
    ];

    /// The order after this one, round.
    pub fn next(self) -> TouchpointSort {
        let at = Self::ALL.iter().position(|&s| s == self).unwrap_or(0);
        Self::ALL[(at + 1) % Self::ALL.len()]
    }

    /// How the title and the messages name it.
    pub fn label(self) -> &'static str {
        match self {
            TouchpointSort::Stage => "by stage",
            TouchpointSort::Name => "by name",
            TouchpointSort::Tactic => "by tactic",
            TouchpointSort::Emotion => "by emotion, worst first",
            TouchpointSort::Channel => "by channel",
            TouchpointSort::File => "in file order",
        }
    }

    fn position(self) -> usize {
        Self::ALL.iter().position(|&s| s == self).unwrap_or(0)
    }
}

/// The columns the Touchpoints view may show besides the stage and the name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TouchpointColumn {
    Tactics,
    Personas,
    Channel,
}

impl TouchpointColumn {
    pub const ALL: [TouchpointColumn; 3] = [
        TouchpointColumn::Tactics,
        TouchpointColumn::Personas,
        TouchpointColumn::Channel,
    ];

    /// Its heading, and its value in a pick list.
    pub fn title(self) -> &'static str {
        match self {
            TouchpointColumn::Tactics => "Tactics",
            TouchpointColumn::Personas => "Personas",
            TouchpointColumn::Channel => "Channel",
        }
    }

    pub fn from_title(title: &str) -> Option<TouchpointColumn> {
        Self::ALL.into_iter().find(|c| c.title() == title)
    }
}

/// The widest text of each part of a touchpoint row, in cells.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NaturalWidths {
    pub stage: usize,
    pub name: usize,
    pub tactics: usize,
    pub personas: usize,
    pub channel: usize,
}

impl NaturalWidths {
    pub fn of(&self, column: TouchpointColumn) -> usize {
        match column {
            TouchpointColumn::Tactics => self.tactics,
            TouchpointColumn::Personas => self.personas,
            TouchpointColumn::Channel => self.channel,
        }
    }
}

/// What a personas column shows for a touchpoint that names none.
pub const EVERYONE: &str = "everyone";

/// The Touchpoints view's caches, for one map generation.
#[derive(Debug, Clone, Default)]
pub struct TouchpointCache {
    generation: Option<u64>,
    /// Each sort order's rows, by [`TouchpointSort::position`].
    sorted: [Option<Vec<usize>>; 6],
    /// Each touchpoint's texts, lower-cased and joined, for the `/` filter.
    haystacks: Option<Vec<String>>,
    widths: Option<NaturalWidths>,
    /// How many orders have been sorted in all, for generation after
    /// generation: what shows that moving and typing sort nothing.
    sorts: usize,
}

impl TouchpointCache {
    /// Forgets everything computed from another generation of the map.
    fn refresh(&mut self, generation: u64) {
        if self.generation != Some(generation) {
            *self = TouchpointCache {
                generation: Some(generation),
                sorts: self.sorts,
                ..TouchpointCache::default()
            };
        }
    }

    /// Computes what a view order needs: the rows in `sort` order and,
    /// with `search`, the texts the filter matches.
    pub fn prepare(&mut self, map: &JourneyMap, generation: u64, sort: TouchpointSort, search: bool) {
        self.refresh(generation);
        let slot = &mut self.sorted[sort.position()];
        if slot.is_none() {
            *slot = Some(sorted(map, sort));
            self.sorts += 1;
        }
        if search && self.haystacks.is_none() {
            self.haystacks = Some(haystacks(map));
        }
    }

    /// The rows in `sort` order and the filter's texts, as [`Self::prepare`] left them.
    pub fn prepared(&self, sort: TouchpointSort) -> (&[usize], Option<&[String]>) {
        (
            self.sorted[sort.position()].as_deref().unwrap_or(&[]),
            self.haystacks.as_deref(),
        )
    }

    /// The natural widths of the rows' parts, computed once per generation.
    pub fn prepare_widths(&mut self, map: &JourneyMap, generation: u64) {
        self.refresh(generation);
        if self.widths.is_none() {
            self.widths = Some(natural_widths(map));
        }
    }

    /// How many orders have been sorted since the view was first shown.
    pub fn sorts(&self) -> usize {
        self.sorts
    }

    /// The natural widths as last prepared, for drawing.
    pub fn widths(&self) -> NaturalWidths {
        self.widths.unwrap_or_default()
    }
}

/// `id → name` of every item of a kind.
fn names(map: &JourneyMap, kind: ItemKind) -> HashMap<&str, &str> {
    map.ids_and_names(kind).into_iter().collect()
}

/// The names of a touchpoint's tactics or personas as its columns show them.
pub fn joined<'m, S: AsRef<str>>(names: impl Fn(&str) -> Option<&'m str>, ids: &'m [S]) -> String {
    let mut out = String::new();
    for id in ids {
        if !out.is_empty() {
            out.push_str(", ");
        }
        out.push_str(names(id.as_ref()).unwrap_or(id.as_ref()));
    }
    out
}

fn sorted(map: &JourneyMap, sort: TouchpointSort) -> Vec<usize> {
    let stage_position: HashMap<&str, usize> = map.stages.iter().enumerate().map(|(i, s)| (s.id.as_str(), i)).collect();
    let stage_of = |t: &crate::model::Touchpoint| stage_position.get(t.stage.as_str()).copied().unwrap_or(usize::MAX);
    let touchpoints = &map.touchpoints;
    match sort {
        TouchpointSort::File => (0..touchpoints.len()).collect(),
        TouchpointSort::Stage => {
            let mut keyed: Vec<(usize, usize)> =
                touchpoints.iter().enumerate().map(|(i, t)| (stage_of(t), i)).collect();
            keyed.sort_unstable();
            keyed.into_iter().map(|(_, i)| i).collect()
        }
        TouchpointSort::Emotion => {
            let mut keyed: Vec<(i8, usize, usize)> = touchpoints
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let stage = stage_of(t);
                    let own = t.emotion.or_else(|| map.stages.get(stage).map(|s| s.emotion));
                    (own.unwrap_or(0), stage, i)
                })
                .collect();
            keyed.sort_unstable();
            keyed.into_iter().map(|(_, _, i)| i).collect()
        }
        TouchpointSort::Name | TouchpointSort::Tactic | TouchpointSort::Channel => {
            let tactics = names(map, ItemKind::Tactic);
            // Texts in lower case, those without one last, then journey order.
            let mut keyed: Vec<(bool, String, usize, usize)> = touchpoints
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let text = match sort {
                        TouchpointSort::Name => t.name.to_lowercase(),
                        TouchpointSort::Tactic => joined(|id| tactics.get(id).copied(), &t.tactics).to_lowercase(),
                        _ => t.channel.trim().to_lowercase(),
                    };
                    (text.is_empty(), text, stage_of(t), i)
                })
                .collect();
            keyed.sort_unstable();
            keyed.into_iter().map(|(.., i)| i).collect()
        }
    }
}

/// Every text of each touchpoint, lower-cased and joined: its id, its text
/// fields as the registry lists them, and the names of the items it refers
/// to (its stage, tactics and personas), so that the filter finds what the
/// list and the details show.
fn haystacks(map: &JourneyMap) -> Vec<String> {
    let kind = ItemKind::Touchpoint;
    let mut referred: HashMap<ItemKind, HashMap<&str, &str>> = HashMap::new();
    for field in kind.fields() {
        if let FieldType::Ref { kind: to, .. } | FieldType::Refs(to) = field.ty {
            referred.entry(to).or_insert_with(|| names(map, to));
        }
    }
    let mut out = Vec::with_capacity(map.touchpoints.len());
    let mut hay = String::new();
    for (i, t) in map.touchpoints.iter().enumerate() {
        hay.clear();
        hay.push_str(&t.id);
        let target = Target::Item(kind, i);
        for field in kind.fields() {
            let name_of = |id: &str| -> String {
                let to = match field.ty {
                    FieldType::Ref { kind: to, .. } | FieldType::Refs(to) => to,
                    _ => return id.to_string(),
                };
                referred
                    .get(&to)
                    .and_then(|n| n.get(id).copied())
                    .unwrap_or(id)
                    .to_string()
            };
            match (field.ty, map.value(target, field)) {
                (FieldType::Ref { .. }, Some(Value::Text(id))) => {
                    hay.push('\u{1f}');
                    hay.push_str(&name_of(id));
                }
                (FieldType::Refs(_), Some(Value::List(ids))) => {
                    for id in ids {
                        hay.push('\u{1f}');
                        hay.push_str(&name_of(id));
                    }
                }
                (_, Some(Value::Text(text))) => {
                    hay.push('\u{1f}');
                    hay.push_str(text);
                }
                (_, Some(Value::List(items))) => {
                    for item in items {
                        hay.push('\u{1f}');
                        hay.push_str(item);
                    }
                }
                _ => {}
            }
        }
        out.push(hay.to_lowercase());
    }
    out
}

fn natural_widths(map: &JourneyMap) -> NaturalWidths {
    let tactic_widths: HashMap<&str, usize> = map.tactics.iter().map(|t| (t.id.as_str(), width(&t.name))).collect();
    let persona_widths: HashMap<&str, usize> = map.personas.iter().map(|p| (p.id.as_str(), width(&p.name))).collect();
    // Names joined with ", ".
    let joined_width = |widths: &HashMap<&str, usize>, ids: &[String]| -> usize {
        ids.iter()
            .map(|id| widths.get(id.as_str()).copied().unwrap_or_else(|| width(id)))
            .sum::<usize>()
            + 2 * ids.len().saturating_sub(1)
    };
    let mut natural = NaturalWidths {
        stage: map.stages.iter().map(|s| width(&s.name)).max().unwrap_or(0),
        ..NaturalWidths::default()
    };
    for t in &map.touchpoints {
        natural.name = natural.name.max(width(&t.name));
        natural.tactics = natural.tactics.max(joined_width(&tactic_widths, &t.tactics));
        let personas = if t.personas.is_empty() {
            width(EVERYONE)
        } else {
            joined_width(&persona_widths, &t.personas)
        };
        natural.personas = natural.personas.max(personas);
        natural.channel = natural.channel.max(width(&t.channel));
    }
    natural
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::sample_map;

    #[test]
    fn every_order_lists_every_touchpoint_once() {
        let map = sample_map();
        for sort in TouchpointSort::ALL {
            let mut rows = sorted(&map, sort);
            rows.sort_unstable();
            assert_eq!(rows, (0..map.touchpoints.len()).collect::<Vec<_>>(), "{sort:?}");
        }
        let mut sort = TouchpointSort::Stage;
        for _ in 0..TouchpointSort::ALL.len() {
            sort = sort.next();
        }
        assert_eq!(sort, TouchpointSort::Stage, "the orders go round");
    }

    #[test]
    fn the_filter_texts_hold_every_text_field_and_the_names_referred_to() {
        let mut map = sample_map();
        map.touchpoints[0].notes = "Ask Fatima about the BUDGET".into();
        map.touchpoints[0].owner = "Growth team".into();
        let hay = haystacks(&map);
        assert!(
            hay[0].contains("budget") && hay[0].contains("growth team"),
            "{}",
            hay[0]
        );
        let stage = map
            .name_of(ItemKind::Stage, &map.touchpoints[0].stage)
            .unwrap_or_default()
            .to_lowercase();
        assert!(hay[0].contains(&stage), "{}", hay[0]);
        assert!(!hay[1].contains("budget"));
    }
}
