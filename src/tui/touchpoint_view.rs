//! What the Touchpoints view adds to a plain list: its sort orders, its
//! optional columns, a `/` filter that matches every text of a touchpoint,
//! and the caches behind them. Each sort order, the lower-cased text the
//! filter searches and the columns' natural widths are computed once per
//! map generation, when first needed; moving the selection or typing a
//! filter never sorts again.

use std::collections::{BTreeMap, HashMap};

use super::document::Document;
use super::search::{Needle, char_bits};
use crate::model::edit::{Edit, Step};
use crate::model::{FieldType, Item, ItemKind, JourneyMap, Target, Touchpoint, Value};
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
    /// Each touchpoint's texts, lower-cased and joined, for the `/` filter:
    /// made when the filter first looks at the touchpoint (`None` until then).
    haystacks: Option<Vec<Option<FilterText>>>,
    widths: Option<WidthCounts>,
    /// How many orders have been sorted in all, for generation after
    /// generation: what shows that moving and typing sort nothing.
    sorts: usize,
}

impl TouchpointCache {
    /// Brings what was computed for an earlier generation of the map up to
    /// `doc`'s. After edits that only changed items in place, what those
    /// changes cannot affect is kept: the orders whose keys the changed
    /// touchpoints kept, the other touchpoints' filter texts, widths no
    /// changed touchpoint reached. After anything else (an item inserted,
    /// removed or moved, a stage, tactic or persona changed, a change no
    /// edit describes) it is all computed again when asked for.
    fn refresh(&mut self, doc: &Document) {
        let generation = doc.generation;
        if self.generation == Some(generation) {
            return;
        }
        // Touchpoints whose filter texts are to be made again from the map
        // as it is now, by their positions now.
        let mut dirty = Vec::new();
        // Touchpoints inserted, by their positions now: the sort orders have
        // room made for them, and they are placed once every edit is followed.
        let mut inserted = Vec::new();
        let names = NameWidths::of(&doc.map);
        let followed = match self.generation.and_then(|g| doc.edits_since(g)) {
            Some(edits) => edits
                .iter()
                .all(|(edit, forward)| self.follow(edit, *forward, &names, &mut dirty, &mut inserted)),
            None => false,
        };
        if followed {
            if let Some(haystacks) = &mut self.haystacks {
                // Made again when the filter next looks at them.
                for i in dirty {
                    if let Some(hay) = haystacks.get_mut(i) {
                        *hay = None;
                    }
                }
            }
            self.place_inserted(&doc.map, &inserted);
        } else {
            *self = TouchpointCache {
                sorts: self.sorts,
                ..TouchpointCache::default()
            };
        }
        self.generation = Some(generation);
    }

    /// Follows one edit, made (`forward`) or undone; false when it changed
    /// what cannot be followed.
    fn follow(
        &mut self,
        edit: &Edit,
        forward: bool,
        names: &NameWidths,
        dirty: &mut Vec<usize>,
        inserted: &mut Vec<usize>,
    ) -> bool {
        for step in edit.steps(forward) {
            match step {
                Step::Changed(Target::Item(ItemKind::Touchpoint, i), Item::Touchpoint(a), Item::Touchpoint(b)) => {
                    self.follow_touchpoint(a, b, names);
                    dirty.push(i);
                }
                Step::Removed(ItemKind::Touchpoint, i, Item::Touchpoint(t)) => {
                    self.follow_removal(i, &names.row(t));
                    for list in [&mut *dirty, &mut *inserted] {
                        list.retain(|&d| d != i);
                        list.iter_mut().filter(|d| **d > i).for_each(|d| *d -= 1);
                    }
                }
                Step::Inserted(ItemKind::Touchpoint, i, Item::Touchpoint(t)) => {
                    self.follow_insertion(i, &names.row(t));
                    for list in [&mut *dirty, &mut *inserted] {
                        list.iter_mut().filter(|d| **d >= i).for_each(|d| *d += 1);
                        list.push(i);
                    }
                }
                Step::Changed(Target::Map, ..) => {}
                Step::Changed(Target::Item(kind, _), ..) | Step::Inserted(kind, ..) | Step::Removed(kind, ..)
                    if !shown_with_touchpoints(kind) => {}
                _ => return false,
            }
        }
        true
    }

    /// Follows the removal of a touchpoint (whose row's widths are `row`)
    /// from position `i`.
    fn follow_removal(&mut self, i: usize, row: &NaturalWidths) {
        for order in self.sorted.iter_mut().flatten() {
            // One pass: the row goes, those after it in the file move up one.
            order.retain_mut(|row| {
                if *row > i {
                    *row -= 1;
                    true
                } else {
                    *row != i
                }
            });
        }
        if let Some(haystacks) = &mut self.haystacks {
            if i < haystacks.len() {
                haystacks.remove(i);
            } else {
                self.haystacks = None;
            }
        }
        if let Some(widths) = &mut self.widths
            && !widths.remove(row)
        {
            self.widths = None;
        }
    }

    /// Follows the insertion of a touchpoint (whose row's widths are `row`)
    /// at position `i`: the file order takes it in; the other orders only
    /// make room (those after it in the file move down one), and
    /// [`Self::place_inserted`] places it once every edit is followed.
    fn follow_insertion(&mut self, i: usize, row: &NaturalWidths) {
        let file = TouchpointSort::File.position();
        for (position, order) in self.sorted.iter_mut().enumerate() {
            let Some(order) = order else {
                continue;
            };
            order.iter_mut().filter(|row| **row >= i).for_each(|row| *row += 1);
            if position == file {
                order.insert(i.min(order.len()), i);
            }
        }
        if let Some(haystacks) = &mut self.haystacks {
            if i <= haystacks.len() {
                haystacks.insert(i, None);
            } else {
                self.haystacks = None;
            }
        }
        if let Some(widths) = &mut self.widths {
            widths.add(row);
        }
    }

    /// Places the touchpoints inserted (by their positions in `map`, the map
    /// the edits led to) in each sort order but the file's, where sorting
    /// again would put them: every other row kept its place and its key, so
    /// each goes where its key falls among theirs.
    fn place_inserted(&mut self, map: &JourneyMap, inserted: &[usize]) {
        if inserted.is_empty() {
            return;
        }
        let context = KeyContext::of(map);
        let file = TouchpointSort::File.position();
        for sort in TouchpointSort::ALL {
            let Some(order) = self.sorted[sort.position()].as_mut() else {
                continue;
            };
            if sort.position() == file {
                continue;
            }
            for &row in inserted {
                let key = context.key(map, sort, row);
                let at = order.partition_point(|&other| context.key(map, sort, other) < key);
                order.insert(at, row);
            }
        }
    }

    /// Follows a change of a touchpoint between states `a` and `b`.
    fn follow_touchpoint(&mut self, a: &Touchpoint, b: &Touchpoint, names: &NameWidths) {
        for sort in TouchpointSort::ALL {
            let same_stage = a.stage == b.stage;
            let keeps = match sort {
                TouchpointSort::File => true,
                TouchpointSort::Stage => same_stage,
                TouchpointSort::Name => same_stage && a.name == b.name,
                TouchpointSort::Tactic => same_stage && a.tactics == b.tactics,
                TouchpointSort::Emotion => same_stage && a.emotion == b.emotion,
                TouchpointSort::Channel => same_stage && a.channel == b.channel,
            };
            if !keeps {
                self.sorted[sort.position()] = None;
            }
        }
        if let Some(widths) = &mut self.widths {
            let (a, b) = (names.row(a), names.row(b));
            if a != b {
                if widths.remove(&a) {
                    widths.add(&b);
                } else {
                    self.widths = None;
                }
            }
        }
    }

    /// Computes what a view order needs: the rows in `sort` order and,
    /// with `search`, the texts the filter matches.
    pub fn prepare(&mut self, doc: &Document, sort: TouchpointSort, search: bool) {
        self.refresh(doc);
        let map = &doc.map;
        let slot = &mut self.sorted[sort.position()];
        if slot.is_none() {
            *slot = Some(sorted(map, sort));
            self.sorts += 1;
        }
        if search && self.haystacks.is_none() {
            self.haystacks = Some(vec![None; map.touchpoints.len()]);
        }
    }

    /// The rows in `sort` order, as [`Self::prepare`] left them.
    pub fn prepared(&self, sort: TouchpointSort) -> &[usize] {
        self.sorted[sort.position()].as_deref().unwrap_or(&[])
    }

    /// The rows in `sort` order and the filter's texts of `map` (the map
    /// [`Self::prepare`] was last called with, asked for `search`).
    pub fn filter_texts<'c, 'm>(
        &'c mut self,
        map: &'m JourneyMap,
        sort: TouchpointSort,
    ) -> (&'c [usize], FilterTexts<'c, 'm>) {
        (
            self.sorted[sort.position()].as_deref().unwrap_or(&[]),
            FilterTexts {
                texts: self.haystacks.as_deref_mut().unwrap_or_default(),
                map,
                referred: None,
            },
        )
    }

    /// The natural widths of the rows' parts, measured once per generation
    /// (and kept across edits that cannot change them).
    pub fn prepare_widths(&mut self, doc: &Document) {
        self.refresh(doc);
        if self.widths.is_none() {
            self.widths = Some(WidthCounts::of(&doc.map));
        }
    }

    /// How many orders have been sorted since the view was first shown.
    pub fn sorts(&self) -> usize {
        self.sorts
    }

    /// The natural widths as last prepared, for drawing.
    pub fn widths(&self) -> NaturalWidths {
        self.widths.as_ref().map(WidthCounts::widest).unwrap_or_default()
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

/// Where a touchpoint stands in a sort order: what [`sorted`] sorts by,
/// the parts an order does not use left equal.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct SortKey {
    without_text: bool,
    emotion: i8,
    text: String,
    stage: usize,
    index: usize,
}

/// What a touchpoint's [`SortKey`] is read with: the stages' positions and
/// the tactics' names.
struct KeyContext<'m> {
    stage_position: HashMap<&'m str, usize>,
    tactics: HashMap<&'m str, &'m str>,
}

impl<'m> KeyContext<'m> {
    fn of(map: &'m JourneyMap) -> Self {
        KeyContext {
            stage_position: map.stages.iter().enumerate().map(|(i, s)| (s.id.as_str(), i)).collect(),
            tactics: names(map, ItemKind::Tactic),
        }
    }

    fn key(&self, map: &JourneyMap, sort: TouchpointSort, index: usize) -> SortKey {
        let Some(t) = map.touchpoints.get(index) else {
            return SortKey {
                without_text: true,
                emotion: i8::MAX,
                text: String::new(),
                stage: usize::MAX,
                index,
            };
        };
        let stage = self.stage_position.get(t.stage.as_str()).copied().unwrap_or(usize::MAX);
        let mut key = SortKey {
            without_text: false,
            emotion: 0,
            text: String::new(),
            stage,
            index,
        };
        match sort {
            TouchpointSort::File => key.stage = 0,
            TouchpointSort::Stage => {}
            TouchpointSort::Emotion => {
                key.emotion = t
                    .emotion
                    .or_else(|| map.stages.get(stage).map(|s| s.emotion))
                    .unwrap_or(0);
            }
            TouchpointSort::Name | TouchpointSort::Tactic | TouchpointSort::Channel => {
                key.text = match sort {
                    TouchpointSort::Name => t.name.to_lowercase(),
                    TouchpointSort::Tactic => joined(|id| self.tactics.get(id).copied(), &t.tactics).to_lowercase(),
                    _ => t.channel.trim().to_lowercase(),
                };
                key.without_text = key.text.is_empty();
            }
        }
        key
    }
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
#[cfg(test)]
fn haystacks(map: &JourneyMap) -> Vec<FilterText> {
    let referred = Referred::of(map);
    (0..map.touchpoints.len())
        .map(|i| FilterText::of(haystack(map, i, &referred)))
        .collect()
}

/// The touchpoints' filter texts, each made the first time the filter
/// looks at it: typing the first character of a filter reads the
/// touchpoints the screen shows, not all of them.
pub struct FilterTexts<'c, 'm> {
    texts: &'c mut [Option<FilterText>],
    map: &'m JourneyMap,
    referred: Option<Referred<'m>>,
}

impl FilterTexts<'_, '_> {
    /// Whether the filter text of the touchpoint at `i` contains `needle`.
    pub fn matches(&mut self, i: usize, needle: &Needle) -> bool {
        if needle.is_empty() {
            return true;
        }
        let Some(slot) = self.texts.get_mut(i) else {
            return false;
        };
        let text = match slot {
            Some(text) => text,
            None => {
                let map = self.map;
                let referred = self.referred.get_or_insert_with(|| Referred::of(map));
                slot.insert(FilterText::of(haystack(map, i, referred)))
            }
        };
        needle.found_in(&text.text, text.bits)
    }
}

/// One touchpoint's text for the `/` filter, and the characters it holds
/// ([`char_bits`]): a row lacking a character typed is passed over without
/// reading its text.
#[derive(Debug, Clone, Default)]
pub struct FilterText {
    pub text: String,
    pub bits: u64,
}

impl FilterText {
    fn of(text: String) -> Self {
        FilterText {
            bits: char_bits(&text),
            text,
        }
    }
}

/// Whether a change to an item of `kind` can change what the Touchpoints
/// view shows, sorts or filters by: its stages, tactics and personas, and
/// any kind a touchpoint's field refers to.
fn shown_with_touchpoints(kind: ItemKind) -> bool {
    matches!(
        kind,
        ItemKind::Touchpoint | ItemKind::Stage | ItemKind::Tactic | ItemKind::Persona
    ) || ItemKind::Touchpoint
        .fields()
        .iter()
        .any(|field| matches!(field.ty, FieldType::Ref { kind: to, .. } | FieldType::Refs(to) if to == kind))
}

/// `id → name` of every kind a touchpoint's fields refer to.
struct Referred<'m>(HashMap<ItemKind, HashMap<&'m str, &'m str>>);

impl<'m> Referred<'m> {
    fn of(map: &'m JourneyMap) -> Self {
        let mut referred = HashMap::new();
        for field in ItemKind::Touchpoint.fields() {
            if let FieldType::Ref { kind: to, .. } | FieldType::Refs(to) = field.ty {
                referred.entry(to).or_insert_with(|| names(map, to));
            }
        }
        Referred(referred)
    }
}

/// The filter's text of the touchpoint at `i`.
fn haystack(map: &JourneyMap, i: usize, referred: &Referred) -> String {
    let kind = ItemKind::Touchpoint;
    let Some(t) = map.touchpoints.get(i) else {
        return String::new();
    };
    let mut hay = String::new();
    hay.push_str(&t.id);
    let target = Target::Item(kind, i);
    for field in kind.fields() {
        let name_of = |id: &str| -> String {
            let to = match field.ty {
                FieldType::Ref { kind: to, .. } | FieldType::Refs(to) => to,
                _ => return id.to_string(),
            };
            referred
                .0
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
    hay.to_lowercase()
}

/// How many touchpoint rows have each width, in each part a touchpoint
/// sizes, and the widest stage name: the widest row is known again when one
/// goes or changes without measuring the others.
#[derive(Debug, Clone, Default)]
struct WidthCounts {
    stage: usize,
    /// Rows by width: of the name, the tactics, the personas, the channel.
    parts: [BTreeMap<usize, usize>; 4],
}

impl WidthCounts {
    fn of(map: &JourneyMap) -> Self {
        let names = NameWidths::of(map);
        let mut counts = WidthCounts {
            stage: map.stages.iter().map(|s| width(&s.name)).max().unwrap_or(0),
            ..WidthCounts::default()
        };
        for t in &map.touchpoints {
            counts.add(&names.row(t));
        }
        counts
    }

    fn parts(row: &NaturalWidths) -> [usize; 4] {
        [row.name, row.tactics, row.personas, row.channel]
    }

    fn add(&mut self, row: &NaturalWidths) {
        for (counts, width) in self.parts.iter_mut().zip(Self::parts(row)) {
            *counts.entry(width).or_insert(0) += 1;
        }
    }

    /// Takes a row out; false when it was not counted (the counts are then
    /// to be made again).
    fn remove(&mut self, row: &NaturalWidths) -> bool {
        let mut counted = true;
        for (counts, width) in self.parts.iter_mut().zip(Self::parts(row)) {
            match counts.get_mut(&width) {
                Some(1) => {
                    counts.remove(&width);
                }
                Some(n) => *n -= 1,
                None => counted = false,
            }
        }
        counted
    }

    fn widest(&self) -> NaturalWidths {
        let [name, tactics, personas, channel] = self
            .parts
            .each_ref()
            .map(|counts| counts.last_key_value().map_or(0, |(&w, _)| w));
        NaturalWidths {
            stage: self.stage,
            name,
            tactics,
            personas,
            channel,
        }
    }
}

/// Widths of the names a touchpoint's columns show, by id.
struct NameWidths<'m> {
    tactics: HashMap<&'m str, usize>,
    personas: HashMap<&'m str, usize>,
}

impl<'m> NameWidths<'m> {
    fn of(map: &'m JourneyMap) -> Self {
        NameWidths {
            tactics: map.tactics.iter().map(|t| (t.id.as_str(), width(&t.name))).collect(),
            personas: map.personas.iter().map(|p| (p.id.as_str(), width(&p.name))).collect(),
        }
    }

    /// The natural widths of one touchpoint's row (its stage left at 0).
    fn row(&self, t: &Touchpoint) -> NaturalWidths {
        // Names joined with ", ".
        let joined_width = |widths: &HashMap<&str, usize>, ids: &[String]| -> usize {
            ids.iter()
                .map(|id| widths.get(id.as_str()).copied().unwrap_or_else(|| width(id)))
                .sum::<usize>()
                + 2 * ids.len().saturating_sub(1)
        };
        NaturalWidths {
            stage: 0,
            name: width(&t.name),
            tactics: joined_width(&self.tactics, &t.tactics),
            personas: if t.personas.is_empty() {
                width(EVERYONE)
            } else {
                joined_width(&self.personas, &t.personas)
            },
            channel: width(&t.channel),
        }
    }
}

/// The widest of every row, measured from scratch: what the counts must agree with.
#[cfg(test)]
fn natural_widths(map: &JourneyMap) -> NaturalWidths {
    let names = NameWidths::of(map);
    let mut natural = NaturalWidths {
        stage: map.stages.iter().map(|s| width(&s.name)).max().unwrap_or(0),
        ..NaturalWidths::default()
    };
    for t in &map.touchpoints {
        let row = names.row(t);
        natural.name = natural.name.max(row.name);
        natural.tactics = natural.tactics.max(row.tactics);
        natural.personas = natural.personas.max(row.personas);
        natural.channel = natural.channel.max(row.channel);
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
    fn the_width_counts_know_the_widest_row_after_any_goes_or_comes() {
        let mut map = sample_map();
        map.touchpoints[0].name = "A name wider than any other in the sample map".into();
        map.touchpoints[1].channel = "The widest channel".into();
        let names_map = map.clone();
        let names = NameWidths::of(&names_map);
        let mut counts = WidthCounts::of(&map);
        assert_eq!(counts.widest(), natural_widths(&map));
        for _ in 0..3 {
            let gone = map.touchpoints.remove(0);
            assert!(counts.remove(&names.row(&gone)));
            assert_eq!(counts.widest(), natural_widths(&map), "without {}", gone.name);
        }
        let last = map.touchpoints.len() - 1;
        let back = map.touchpoints.remove(last);
        assert!(counts.remove(&names.row(&back)));
        map.touchpoints.push(back.clone());
        counts.add(&names.row(&back));
        assert_eq!(counts.widest(), natural_widths(&map));
        assert!(!counts.remove(&NaturalWidths {
            name: 999,
            ..NaturalWidths::default()
        }));
    }

    #[test]
    fn each_order_is_the_order_of_its_keys() {
        let mut map = sample_map();
        // Ties on every key but the position, and touchpoints without a
        // channel or tactic.
        let copies: Vec<_> = map.touchpoints.clone();
        map.touchpoints.extend(copies);
        map.touchpoints[1].channel.clear();
        map.touchpoints[2].tactics.clear();
        map.touchpoints[3].emotion = Some(-2);
        let context = KeyContext::of(&map);
        for sort in TouchpointSort::ALL {
            let mut by_key: Vec<usize> = (0..map.touchpoints.len()).collect();
            by_key.sort_by_key(|&i| context.key(&map, sort, i));
            assert_eq!(sorted(&map, sort), by_key, "{sort:?}");
        }
    }

    #[test]
    fn the_filter_texts_hold_every_text_field_and_the_names_referred_to() {
        let mut map = sample_map();
        map.touchpoints[0].notes = "Ask Fatima about the BUDGET".into();
        map.touchpoints[0].owner = "Growth team".into();
        let hay = haystacks(&map);
        let hay: Vec<&str> = hay.iter().map(|h| h.text.as_str()).collect();
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
