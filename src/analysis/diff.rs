//! Semantic diff of two versions of a map: what a reviewer wants to know
//! ("stage `aware` renamed", "touchpoint moved to another stage"), matched
//! by id, so reformatting, comments and reordered fields are not changes.
//!
//! Order is fixed so that output is stable: map fields, then stages, tactics,
//! segments, personas, competitors, touchpoints; within a kind, added and
//! changed items in the new file's order, then removals in the old file's
//! order, then the reordering of the list, if any.

mod lists;
mod order;

use std::collections::HashMap;

pub use lists::{ListDelta, list_delta};

use crate::model::{Competitor, ItemKind, JourneyMap, Persona, Segment, Stage, Tactic, Touchpoint};

/// An item as a reader recognises it: its id and (current) name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemRef {
    pub id: String,
    pub name: String,
}

impl ItemRef {
    fn of(item: &impl Item) -> Self {
        Self {
            id: item.id().to_string(),
            name: item.name().to_string(),
        }
    }
}

/// Everything that differs between two maps. Empty when they are the same.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MapDiff {
    /// Changes to the map's own fields (title, framework, description).
    pub fields: Vec<FieldChange>,
    /// One entry per kind of item that changed, in [`ItemKind::ALL`] order.
    pub kinds: Vec<KindDiff>,
}

impl MapDiff {
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.kinds.is_empty()
    }
}

/// The changes to one list of items (all stages, all tactics, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KindDiff {
    pub kind: ItemKind,
    pub entries: Vec<Entry>,
    /// Items whose place among the items common to both versions changed,
    /// in new order; empty when the relative order is unchanged.
    pub moves: Vec<Move>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// `stage` is set for a touchpoint: where it was added.
    Added {
        item: ItemRef,
        stage: Option<ItemRef>,
    },
    Removed {
        item: ItemRef,
    },
    /// `item` carries the new name; a rename is one of the `changes`.
    Changed {
        item: ItemRef,
        changes: Vec<FieldChange>,
    },
}

/// One item that moved when a list was reordered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move {
    pub item: ItemRef,
    /// The item it now follows (among items in both versions); `None` when it
    /// now comes first.
    pub after: Option<ItemRef>,
}

/// How a single value should be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueStyle {
    /// Prose written by a person: quoted, and possibly long.
    Text,
    /// A number, a keyword or an id: shown as is.
    Plain,
}

/// What the entries of a list field are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListStyle {
    /// References to other items.
    Ids,
    /// Prose (USPs, needs, pains, ...).
    Texts,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldChange {
    /// Same id, new name.
    Renamed { from: String, to: String },
    /// A touchpoint now belongs to another stage.
    StageMoved { from: ItemRef, to: ItemRef },
    Value {
        field: &'static str,
        from: String,
        to: String,
        style: ValueStyle,
    },
    List {
        field: &'static str,
        delta: ListDelta,
        style: ListStyle,
    },
}

/// Compares two maps item by item, matching items by id.
pub fn diff_maps(old: &JourneyMap, new: &JourneyMap) -> MapDiff {
    let mut fields = Changes::default();
    fields.plain("format", &old.format.to_string(), &new.format.to_string());
    fields.text("title", &old.title, &new.title);
    fields.plain("framework", &old.framework, &new.framework);
    fields.text("description", &old.description, &new.description);

    let kinds = [
        diff_kind(ItemKind::Stage, &old.stages, &new.stages, stage_changes, |_| None),
        diff_kind(ItemKind::Tactic, &old.tactics, &new.tactics, tactic_changes, |_| None),
        diff_kind(ItemKind::Segment, &old.segments, &new.segments, segment_changes, |_| {
            None
        }),
        diff_kind(ItemKind::Persona, &old.personas, &new.personas, persona_changes, |_| {
            None
        }),
        diff_kind(
            ItemKind::Competitor,
            &old.competitors,
            &new.competitors,
            competitor_changes,
            |_| None,
        ),
        diff_kind(
            ItemKind::Touchpoint,
            &old.touchpoints,
            &new.touchpoints,
            |a, b| touchpoint_changes(a, b, old, new),
            |t| Some(stage_ref(new, &t.stage)),
        ),
    ];
    MapDiff {
        fields: fields.0,
        kinds: kinds.into_iter().flatten().collect(),
    }
}

/// What every kind of item has.
trait Item {
    fn id(&self) -> &str;
    fn name(&self) -> &str;
}

macro_rules! impl_item {
    ($($t:ty),*) => {$(
        impl Item for $t {
            fn id(&self) -> &str {
                &self.id
            }
            fn name(&self) -> &str {
                &self.name
            }
        }
    )*};
}
impl_item!(Stage, Tactic, Segment, Persona, Competitor, Touchpoint);

/// Position of each id; where an id is duplicated (an invalid map) the first
/// item wins, as in [`crate::model::MapIndex`].
fn first_positions<T: Item>(items: &[T]) -> HashMap<&str, usize> {
    let mut positions = HashMap::with_capacity(items.len());
    for (n, item) in items.iter().enumerate() {
        positions.entry(item.id()).or_insert(n);
    }
    positions
}

fn diff_kind<T: Item>(
    kind: ItemKind,
    old: &[T],
    new: &[T],
    changes: impl Fn(&T, &T) -> Vec<FieldChange>,
    where_added: impl Fn(&T) -> Option<ItemRef>,
) -> Option<KindDiff> {
    let old_positions = first_positions(old);
    let new_positions = first_positions(new);
    let is_first = |positions: &HashMap<&str, usize>, n: usize, item: &T| positions.get(item.id()) == Some(&n);

    let mut entries = Vec::new();
    let mut common_new_order = Vec::new();
    for (n, item) in new
        .iter()
        .enumerate()
        .filter(|(n, item)| is_first(&new_positions, *n, item))
    {
        match old_positions.get(item.id()) {
            None => entries.push(Entry::Added {
                item: ItemRef::of(item),
                stage: where_added(item),
            }),
            Some(&o) => {
                common_new_order.push(n);
                let found = changes(&old[o], item);
                if !found.is_empty() {
                    entries.push(Entry::Changed {
                        item: ItemRef::of(item),
                        changes: found,
                    });
                }
            }
        }
    }
    let mut common_old_ids = Vec::new();
    for (o, item) in old
        .iter()
        .enumerate()
        .filter(|(o, item)| is_first(&old_positions, *o, item))
    {
        if new_positions.contains_key(item.id()) {
            common_old_ids.push(item.id());
        } else {
            entries.push(Entry::Removed {
                item: ItemRef::of(&old[o]),
            });
        }
    }

    let common_new_ids: Vec<&str> = common_new_order.iter().map(|&n| new[n].id()).collect();
    let moves = order::moved_positions(&common_old_ids, &common_new_ids)
        .into_iter()
        .map(|k| Move {
            item: ItemRef::of(&new[common_new_order[k]]),
            after: k.checked_sub(1).map(|p| ItemRef::of(&new[common_new_order[p]])),
        })
        .collect::<Vec<_>>();

    if entries.is_empty() && moves.is_empty() {
        return None;
    }
    Some(KindDiff { kind, entries, moves })
}

/// Collects the changes of one item, field by field.
#[derive(Default)]
struct Changes(Vec<FieldChange>);

impl Changes {
    fn value(&mut self, field: &'static str, from: &str, to: &str, style: ValueStyle) {
        if from != to {
            self.0.push(FieldChange::Value {
                field,
                from: from.to_string(),
                to: to.to_string(),
                style,
            });
        }
    }

    fn text(&mut self, field: &'static str, from: &str, to: &str) {
        self.value(field, from, to, ValueStyle::Text);
    }

    fn plain(&mut self, field: &'static str, from: &str, to: &str) {
        self.value(field, from, to, ValueStyle::Plain);
    }

    fn list(&mut self, field: &'static str, from: &[String], to: &[String], style: ListStyle) {
        let delta = list_delta(from, to);
        if !delta.is_empty() {
            self.0.push(FieldChange::List { field, delta, style });
        }
    }

    fn ids(&mut self, field: &'static str, from: &[String], to: &[String]) {
        self.list(field, from, to, ListStyle::Ids);
    }

    fn texts(&mut self, field: &'static str, from: &[String], to: &[String]) {
        self.list(field, from, to, ListStyle::Texts);
    }

    fn name(mut self, from: &str, to: &str) -> Self {
        if from != to {
            self.0.push(FieldChange::Renamed {
                from: from.to_string(),
                to: to.to_string(),
            });
        }
        self
    }
}

fn stage_changes(a: &Stage, b: &Stage) -> Vec<FieldChange> {
    let mut c = Changes::default().name(&a.name, &b.name);
    c.text("goal", &a.goal, &b.goal);
    c.plain("mindset", a.mindset.label(), b.mindset.label());
    c.texts("create", &a.create, &b.create);
    c.texts("track", &a.track, &b.track);
    c.text("watch_out", &a.watch_out, &b.watch_out);
    c.ids("tactics", &a.tactics, &b.tactics);
    c.plain("emotion", &a.emotion.to_string(), &b.emotion.to_string());
    c.text("notes", &a.notes, &b.notes);
    c.0
}

fn tactic_changes(a: &Tactic, b: &Tactic) -> Vec<FieldChange> {
    let mut c = Changes::default().name(&a.name, &b.name);
    c.text("discipline", &a.discipline, &b.discipline);
    c.text("description", &a.description, &b.description);
    c.0
}

fn segment_changes(a: &Segment, b: &Segment) -> Vec<FieldChange> {
    let mut c = Changes::default().name(&a.name, &b.name);
    c.text("description", &a.description, &b.description);
    c.texts("needs", &a.needs, &b.needs);
    c.texts("pains", &a.pains, &b.pains);
    c.plain("anti", &a.anti.to_string(), &b.anti.to_string());
    c.texts("usps", &a.usps, &b.usps);
    c.0
}

fn persona_changes(a: &Persona, b: &Persona) -> Vec<FieldChange> {
    let mut c = Changes::default().name(&a.name, &b.name);
    c.plain("segment", &a.segment, &b.segment);
    c.plain("role", a.role.label(), b.role.label());
    c.text("description", &a.description, &b.description);
    c.texts("needs", &a.needs, &b.needs);
    c.texts("pains", &a.pains, &b.pains);
    c.texts("goals", &a.goals, &b.goals);
    c.texts("channels", &a.channels, &b.channels);
    c.0
}

fn competitor_changes(a: &Competitor, b: &Competitor) -> Vec<FieldChange> {
    let mut c = Changes::default().name(&a.name, &b.name);
    c.plain("kind", a.kind.label(), b.kind.label());
    c.text("pricing", &a.pricing, &b.pricing);
    c.text("positioning", &a.positioning, &b.positioning);
    c.text("usp", &a.usp, &b.usp);
    c.ids("segments", &a.segments, &b.segments);
    c.texts("strengths", &a.strengths, &b.strengths);
    c.texts("weaknesses", &a.weaknesses, &b.weaknesses);
    c.text("notes", &a.notes, &b.notes);
    c.0
}

fn touchpoint_changes(a: &Touchpoint, b: &Touchpoint, old: &JourneyMap, new: &JourneyMap) -> Vec<FieldChange> {
    let mut c = Changes::default().name(&a.name, &b.name);
    if a.stage != b.stage {
        c.0.push(FieldChange::StageMoved {
            from: stage_ref(old, &a.stage),
            to: stage_ref(new, &b.stage),
        });
    }
    c.ids("tactics", &a.tactics, &b.tactics);
    c.ids("personas", &a.personas, &b.personas);
    // No score of its own reads "(none)": the touchpoint follows its stage.
    let own_score = |e: Option<i8>| e.map(|e| e.to_string()).unwrap_or_default();
    c.plain("emotion", &own_score(a.emotion), &own_score(b.emotion));
    c.text("channel", &a.channel, &b.channel);
    c.text("cta", &a.cta, &b.cta);
    c.text("owner", &a.owner, &b.owner);
    c.text("metric", &a.metric, &b.metric);
    c.text("notes", &a.notes, &b.notes);
    c.0
}

/// The stage with this id in `map`; a dangling reference keeps its id and
/// gets no name.
fn stage_ref(map: &JourneyMap, id: &str) -> ItemRef {
    let name = map.name_of(ItemKind::Stage, id).unwrap_or("");
    ItemRef {
        id: id.to_string(),
        name: name.to_string(),
    }
}

#[cfg(test)]
mod tests;
