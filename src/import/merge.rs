//! A draft into a map: items matched by name (case and spacing ignored) or
//! by id, missing ones created with ids made from their names, new stages
//! appended in the draft's order. Items already in the map are never
//! changed: where the source says something else about them, a warning
//! says so.

use std::collections::{HashMap, HashSet};

use super::{Draft, Place, Warning, name_key};
use crate::model::{ItemKind, JourneyMap, Persona, Segment, Stage, Tactic, Touchpoint, slugify};
use crate::text::sanitize;

/// What an import creates, and finds already there, of one kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KindSummary {
    pub kind: ItemKind,
    /// Names of the items created, in the order created.
    pub created: Vec<String>,
    /// Items of the source found already in the map (each counted once).
    pub found: usize,
}

/// What an import does to a map, by kind.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Summary {
    pub kinds: Vec<KindSummary>,
}

impl Summary {
    pub fn created(&self, kind: ItemKind) -> &[String] {
        self.kinds
            .iter()
            .find(|k| k.kind == kind)
            .map_or(&[], |k| k.created.as_slice())
    }

    /// Whether the import adds anything.
    pub fn is_empty(&self) -> bool {
        self.kinds.iter().all(|k| k.created.is_empty())
    }

    /// The summary as lines for a terminal, by kind: a count line, then up
    /// to `names` names of what is created, each `+ Name` (sanitized).
    pub fn lines(&self, names: usize) -> Vec<String> {
        let mut lines = Vec::new();
        for k in &self.kinds {
            let mut parts = Vec::new();
            if !k.created.is_empty() {
                parts.push(format!("{} new", k.created.len()));
            }
            if k.found > 0 {
                parts.push(format!("{} already in the map", k.found));
            }
            if parts.is_empty() {
                continue;
            }
            lines.push(format!("{}: {}", k.kind.title().to_lowercase(), parts.join(", ")));
            for name in k.created.iter().take(names) {
                lines.push(format!("  + {}", sanitize(name)));
            }
            if k.created.len() > names && names > 0 {
                lines.push(format!("  ... and {} more", k.created.len() - names));
            }
        }
        if lines.is_empty() {
            lines.push("nothing to add: the map already holds everything the file names".to_string());
        }
        lines
    }
}

/// The map a draft makes on its own: titled after the source (or
/// `fallback_title`), described as the source describes it.
pub fn new_map(draft: &Draft, fallback_title: &str) -> JourneyMap {
    JourneyMap {
        title: if draft.title.is_empty() {
            fallback_title.to_string()
        } else {
            draft.title.clone()
        },
        description: draft.description.clone(),
        ..JourneyMap::default()
    }
}

/// Ids of one kind, and fresh ones made from names. Suffixes count up from
/// where the last one of the same base stopped, so a sheet where a thousand
/// rows share a name stays linear.
struct Ids {
    taken: HashSet<String>,
    next_suffix: HashMap<String, usize>,
}

impl Ids {
    fn new(ids: impl Iterator<Item = String>) -> Self {
        Self {
            taken: ids.collect(),
            next_suffix: HashMap::new(),
        }
    }

    /// `wanted` when it is a valid id nobody has, else one made from `name`.
    fn fresh(&mut self, wanted: &str, name: &str, fallback: &str) -> String {
        if !wanted.is_empty() && crate::model::is_valid_id(wanted) && self.taken.insert(wanted.to_string()) {
            return wanted.to_string();
        }
        let base = match slugify(name) {
            s if s.is_empty() => fallback.to_string(),
            s => s,
        };
        if self.taken.insert(base.clone()) {
            return base;
        }
        let mut n = self.next_suffix.get(&base).copied().unwrap_or(2);
        let id = loop {
            let candidate = format!("{base}-{n}");
            n += 1;
            if self.taken.insert(candidate.clone()) {
                break candidate;
            }
        };
        self.next_suffix.insert(base, n);
        id
    }
}

/// Lookups for one kind of named item: by name key, and by id.
struct Named {
    kind: ItemKind,
    by_name: HashMap<String, usize>,
    by_id: HashMap<String, usize>,
    ids: Ids,
    /// Items there before the import, by position: `0..existing`.
    existing: usize,
    found: HashSet<usize>,
    created: Vec<String>,
}

impl Named {
    fn new(map: &JourneyMap, kind: ItemKind) -> Self {
        let items = map.ids_and_names(kind);
        let mut by_name = HashMap::with_capacity(items.len());
        let mut by_id = HashMap::with_capacity(items.len());
        for (n, (id, name)) in items.iter().enumerate() {
            by_name.entry(name_key(name)).or_insert(n);
            by_id.entry(id.to_string()).or_insert(n);
        }
        Self {
            kind,
            ids: Ids::new(items.iter().map(|(id, _)| id.to_string())),
            existing: items.len(),
            by_name,
            by_id,
            found: HashSet::new(),
            created: Vec::new(),
        }
    }

    /// The position of the item called `name` (or with that id), or `None`.
    fn find(&mut self, name: &str) -> Option<usize> {
        let at = self
            .by_name
            .get(&name_key(name))
            .or_else(|| self.by_id.get(name))
            .copied()?;
        if at < self.existing {
            self.found.insert(at);
        }
        Some(at)
    }

    /// Records a new item at position `at` and gives its id.
    fn add(&mut self, name: &str, at: usize) -> String {
        let id = self.ids.fresh("", name, self.kind.noun());
        self.by_name.insert(name_key(name), at);
        self.by_id.insert(id.clone(), at);
        self.created.push(name.to_string());
        id
    }

    fn summary(self) -> KindSummary {
        KindSummary {
            kind: self.kind,
            created: self.created,
            found: self.found.len(),
        }
    }
}

/// Finds or creates the item of a list named `name`; gives its id and
/// whether the import made it (now or for an earlier row).
fn resolve_new<T>(
    named: &mut Named,
    list: &mut Vec<T>,
    name: &str,
    id_of: fn(&T) -> &str,
    make: fn(String, String) -> T,
) -> (String, bool) {
    if let Some(at) = named.find(name) {
        return (id_of(&list[at]).to_string(), at >= named.existing);
    }
    let id = named.add(name, list.len());
    list.push(make(id.clone(), name.to_string()));
    (id, true)
}

/// The id of the item of a list named `name`, created when missing.
fn resolve<T>(
    named: &mut Named,
    list: &mut Vec<T>,
    name: &str,
    id_of: fn(&T) -> &str,
    make: fn(String, String) -> T,
) -> String {
    resolve_new(named, list, name, id_of, make).0
}

fn tactic(id: String, name: String) -> Tactic {
    Tactic {
        id,
        name,
        ..Tactic::default()
    }
}

fn persona(id: String, name: String) -> Persona {
    Persona {
        id,
        name,
        ..Persona::default()
    }
}

fn segment(id: String, name: String) -> Segment {
    Segment {
        id,
        name,
        ..Segment::default()
    }
}

fn stage(id: String, name: String) -> Stage {
    Stage {
        id,
        name,
        ..Stage::default()
    }
}

/// Puts `draft` into `map` (its text moves into the map's items); its
/// warnings and those of the merge go to `warnings`. Gives what was
/// created and found.
pub fn merge(map: &mut JourneyMap, draft: Draft, warnings: &mut Vec<Warning>) -> Summary {
    warnings.extend(draft.warnings);
    let mut stages = Named::new(map, ItemKind::Stage);
    let mut tactics = Named::new(map, ItemKind::Tactic);
    let mut personas = Named::new(map, ItemKind::Persona);
    let mut segments = Named::new(map, ItemKind::Segment);

    // Stages, in the draft's order; new ones go after the map's.
    let mut stage_ids = Vec::with_capacity(draft.stages.len());
    let mut new_stage = Vec::with_capacity(draft.stages.len());
    for s in &draft.stages {
        let existed = stages.find(&s.name).filter(|&at| at < stages.existing);
        let id = resolve(&mut stages, &mut map.stages, &s.name, |s| &s.id, stage);
        if let Some(at) = existed {
            let kept = &map.stages[at];
            let mut differs = Vec::new();
            if s.emotion.is_some_and(|e| e != kept.emotion) {
                differs.push("emotion");
            }
            if !s.goal.is_empty() && s.goal != kept.goal {
                differs.push("goal");
            }
            if !s.notes.is_empty() && s.notes != kept.notes {
                differs.push("notes");
            }
            if !s.track.is_empty() && s.track != kept.track {
                differs.push("track");
            }
            if !differs.is_empty() {
                warnings.push(Warning::new(
                    s.place.unwrap_or(Place::File),
                    format!(
                        "stage \"{}\" is already in the map and was left as it is; the file's {} for it were not applied",
                        s.name,
                        differs.join(", ")
                    ),
                ));
            }
        } else {
            let at = map.stages.len() - 1;
            let planned: Vec<String> = s
                .tactics
                .iter()
                .map(|t| resolve(&mut tactics, &mut map.tactics, t, |t| &t.id, tactic))
                .collect();
            let made = &mut map.stages[at];
            made.emotion = s.emotion.unwrap_or(0);
            made.goal = s.goal.clone();
            made.notes = s.notes.clone();
            made.track = s.track.clone();
            for id in planned {
                if !made.tactics.contains(&id) {
                    made.tactics.push(id);
                }
            }
        }
        new_stage.push(existed.is_none());
        stage_ids.push(id);
    }

    // Touchpoints: matched by id, or by name at the same stage, against
    // those already in the map; the source's own repeats are kept apart.
    let mut touchpoint_ids = Ids::new(map.touchpoints.iter().map(|t| t.id.clone()));
    // Same-named touchpoints at a stage are matched in order: the second
    // "Ad" of the file is the map's second "Ad" there.
    let mut at_stage: HashMap<(String, String), Vec<usize>> = HashMap::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for (n, t) in map.touchpoints.iter().enumerate().rev() {
        at_stage
            .entry((t.stage.clone(), name_key(&t.name)))
            .or_default()
            .push(n);
        by_id.insert(t.id.clone(), n);
    }
    let mut touchpoints_found: HashSet<usize> = HashSet::new();
    let mut touchpoints_created = Vec::new();
    // Own emotions per new stage, for the stage's score.
    let mut own_emotions: Vec<(i32, i32)> = vec![(0, 0); draft.stages.len()];
    map.touchpoints.reserve(draft.touchpoints.len());
    for mut t in draft.touchpoints {
        let stage_id = &stage_ids[t.stage];
        let mut item = Touchpoint {
            id: String::new(),
            name: t.name.clone(),
            stage: stage_id.clone(),
            emotion: t.emotion,
            channel: std::mem::take(&mut t.channel),
            cta: std::mem::take(&mut t.cta),
            owner: std::mem::take(&mut t.owner),
            metric: std::mem::take(&mut t.metric),
            notes: std::mem::take(&mut t.notes),
            ..Touchpoint::default()
        };
        for name in &t.tactics {
            push_unique(
                &mut item.tactics,
                resolve(&mut tactics, &mut map.tactics, name, |t| &t.id, tactic),
            );
        }
        let mut row_personas = Vec::with_capacity(t.personas.len());
        for name in &t.personas {
            let (id, new) = resolve_new(&mut personas, &mut map.personas, name, |p| &p.id, persona);
            row_personas.push((id.clone(), new));
            push_unique(&mut item.personas, id);
        }
        let row_segments: Vec<String> = t
            .segments
            .iter()
            .map(|name| resolve(&mut segments, &mut map.segments, name, |s| &s.id, segment))
            .collect();
        link_segments(map, &row_personas, &row_segments, &t, warnings);

        let matched = match by_id.get(&t.id).filter(|_| !t.id.is_empty()) {
            Some(&at) => Some(at),
            // A new map has nothing to match: no key to build per row.
            None if at_stage.is_empty() => None,
            None => at_stage
                .get_mut(&(stage_id.clone(), name_key(&t.name)))
                .and_then(|same| {
                    while let Some(at) = same.pop() {
                        if !touchpoints_found.contains(&at) {
                            return Some(at);
                        }
                    }
                    None
                }),
        };
        if let Some(at) = matched {
            touchpoints_found.insert(at);
            let kept = &map.touchpoints[at];
            item.id = kept.id.clone();
            let differs = differences(kept, &item);
            if !differs.is_empty() {
                warnings.push(Warning::new(
                    t.place,
                    format!(
                        "touchpoint \"{}\" is already in the map and was left as it is; the file's {} for it differ",
                        t.name,
                        differs.join(", ")
                    ),
                ));
            }
            continue;
        }
        if new_stage[t.stage]
            && let Some(e) = t.emotion
        {
            let (sum, count) = &mut own_emotions[t.stage];
            *sum += i32::from(e);
            *count += 1;
        }
        item.id = touchpoint_ids.fresh(&t.id, &t.name, "touchpoint");
        if !t.id.is_empty() && item.id != t.id {
            warnings.push(Warning::new(
                t.place,
                format!(
                    "id \"{}\" is not a valid id or is taken: the touchpoint's id is \"{}\"",
                    t.id, item.id
                ),
            ));
        }
        touchpoints_created.push(t.name);
        map.touchpoints.push(Box::new(item));
    }

    // A new stage given no score of its own feels as its tasks do on average.
    for (n, s) in draft.stages.iter().enumerate() {
        let (sum, count) = own_emotions[n];
        if new_stage[n] && s.emotion.is_none() && count > 0 {
            let mean = (f64::from(sum) / f64::from(count)).round() as i8;
            if let Some(made) = map.stages.iter_mut().find(|st| st.id == stage_ids[n]) {
                made.emotion = mean.clamp(-2, 2);
            }
        }
    }

    let mut kinds = vec![
        stages.summary(),
        tactics.summary(),
        segments.summary(),
        personas.summary(),
    ];
    kinds.push(KindSummary {
        kind: ItemKind::Touchpoint,
        created: touchpoints_created,
        found: touchpoints_found.len(),
    });
    Summary { kinds }
}

fn push_unique(list: &mut Vec<String>, id: String) {
    if !list.contains(&id) {
        list.push(id);
    }
}

/// A row's segments go to its personas (`(id, new in this import)`): a
/// persona the import created takes the row's one segment; anything else is
/// said, not guessed.
fn link_segments(
    map: &mut JourneyMap,
    personas: &[(String, bool)],
    segments: &[String],
    t: &super::DraftTouchpoint,
    warnings: &mut Vec<Warning>,
) {
    if segments.is_empty() {
        return;
    }
    let names = t.segments.join(", ");
    if personas.is_empty() {
        warnings.push(Warning::new(
            t.place,
            format!(
                "segment \"{names}\" was created, but touchpoints address personas, not segments: give the row a persona to link them"
            ),
        ));
        return;
    }
    if segments.len() > 1 {
        warnings.push(Warning::new(
            t.place,
            format!("segments \"{names}\" were created, but a persona belongs to one segment: none was linked"),
        ));
        return;
    }
    for (id, new) in personas {
        let Some(p) = map.personas.iter_mut().find(|p| &p.id == id) else {
            continue;
        };
        if *new && p.segment.is_empty() {
            p.segment = segments[0].clone();
        } else if p.segment != segments[0] {
            let already = if !*new {
                "is already in the map"
            } else {
                "was given another segment by an earlier row"
            };
            warnings.push(Warning::new(
                t.place,
                format!(
                    "persona \"{}\" {already}; it was not moved to segment \"{names}\"",
                    p.name
                ),
            ));
        }
    }
}

/// The fields in which a touchpoint read from a file differs from the one
/// already in the map (what the file says, nothing it leaves empty).
fn differences(kept: &Touchpoint, read: &Touchpoint) -> Vec<&'static str> {
    let mut differs = Vec::new();
    let mut text = |field: &'static str, kept: &str, read: &str| {
        if !read.is_empty() && kept != read {
            differs.push(field);
        }
    };
    text("channel", &kept.channel, &read.channel);
    text("call to action", &kept.cta, &read.cta);
    text("owner", &kept.owner, &read.owner);
    text("metric", &kept.metric, &read.metric);
    text("notes", &kept.notes, &read.notes);
    if !read.tactics.is_empty() && kept.tactics != read.tactics {
        differs.push("tactics");
    }
    if !read.personas.is_empty() && kept.personas != read.personas {
        differs.push("personas");
    }
    if read.emotion.is_some() && kept.emotion != read.emotion {
        differs.push("emotion");
    }
    differs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{DraftStage, DraftTouchpoint};

    fn draft() -> Draft {
        let mut d = Draft {
            title: "Imported".into(),
            ..Draft::default()
        };
        d.stages.push(DraftStage {
            name: "Aware".into(),
            ..DraftStage::default()
        });
        d.stages.push(DraftStage {
            name: "Buy".into(),
            ..DraftStage::default()
        });
        for (name, stage, emotion) in [("Ad", 0, Some(2)), ("Ad", 0, Some(1)), ("Shop", 1, None)] {
            let mut t = DraftTouchpoint::new(name.into(), stage, Place::Line(1));
            t.emotion = emotion;
            t.tactics = vec!["Search ads".into()];
            t.personas = vec!["Ana".into()];
            t.segments = vec!["Offices".into()];
            d.touchpoints.push(t);
        }
        d
    }

    #[test]
    fn a_new_map_gets_every_item_with_ids_from_names() {
        let d = draft();
        let mut map = new_map(&d, "fallback");
        let mut warnings = Vec::new();
        let summary = merge(&mut map, d.clone(), &mut warnings);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert!(
            crate::model::validate(&map).is_empty(),
            "{:?}",
            crate::model::validate(&map)
        );
        let ids: Vec<&str> = map.touchpoints.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["ad", "ad-2", "shop"]);
        assert_eq!(map.stages[0].emotion, 2, "the rounded mean of 2 and 1");
        assert_eq!(map.stages[1].emotion, 0);
        assert_eq!(map.personas[0].segment, "offices");
        assert_eq!(summary.created(ItemKind::Tactic), ["Search ads"]);
        assert_eq!(summary.created(ItemKind::Touchpoint).len(), 3);
    }

    #[test]
    fn existing_items_are_matched_and_left_unchanged() {
        let d = draft();
        let mut map = new_map(&d, "x");
        merge(&mut map, d.clone(), &mut Vec::new());
        map.touchpoints[2].channel = "Shop floor".into();
        let before = map.clone();
        let mut again = d.clone();
        again.touchpoints[2].channel = "Web".into();
        again.stages.push(DraftStage {
            name: "Advocate".into(),
            ..DraftStage::default()
        });
        let mut warnings = Vec::new();
        let summary = merge(&mut map, again, &mut warnings);
        assert_eq!(map.stages[..2], before.stages[..]);
        assert_eq!(map.touchpoints, before.touchpoints);
        assert_eq!(summary.created(ItemKind::Stage), ["Advocate"]);
        assert!(summary.created(ItemKind::Touchpoint).is_empty());
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0].message.contains("the file's channel for it differ"),
            "{warnings:?}"
        );
    }

    #[test]
    fn ids_stay_unique_when_many_rows_share_a_name() {
        let mut ids = Ids::new(["ad".to_string(), "ad-3".to_string()].into_iter());
        let made: Vec<String> = (0..4).map(|_| ids.fresh("", "Ad", "touchpoint")).collect();
        assert_eq!(made, ["ad-2", "ad-4", "ad-5", "ad-6"]);
        assert_eq!(ids.fresh("own-id", "Ad", "touchpoint"), "own-id");
        assert_eq!(ids.fresh("own-id", "Ad", "touchpoint"), "ad-7");
        assert_eq!(ids.fresh("", "!!", "touchpoint"), "touchpoint");
    }
}
