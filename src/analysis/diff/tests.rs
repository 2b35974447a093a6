use super::*;
use crate::analysis::thinned::read_beside;
use crate::model::{
    Campaign, Competitor, CompetitorKind, Goal, Insight, Offer, Opportunity, PainPoint, Persona, PersonaRole, Segment,
    Stage, Tactic, Touchpoint,
};

fn stage(id: &str, name: &str) -> Stage {
    Stage {
        id: id.into(),
        name: name.into(),
        ..Stage::default()
    }
}

fn tactic(id: &str, name: &str) -> Tactic {
    Tactic {
        id: id.into(),
        name: name.into(),
        ..Tactic::default()
    }
}

fn touchpoint(id: &str, stage: &str) -> Touchpoint {
    Touchpoint {
        id: id.into(),
        name: format!("Touchpoint {id}"),
        stage: stage.into(),
        ..Touchpoint::default()
    }
}

fn sample() -> JourneyMap {
    JourneyMap {
        title: "Bean Box".into(),
        stages: vec![stage("aware", "Aware"), stage("engage", "Engage"), stage("buy", "Buy")],
        tactics: vec![tactic("search-ads", "Search ads"), tactic("email", "Email")],
        segments: vec![Segment {
            id: "offices".into(),
            name: "Offices".into(),
            usps: vec!["Fresh beans every Monday".into()],
            ..Segment::default()
        }],
        competitors: vec![Competitor {
            id: "brewco".into(),
            name: "BrewCo".into(),
            ..Competitor::default()
        }],
        touchpoints: vec![
            Box::new(touchpoint("ad", "aware")),
            Box::new(touchpoint("demo", "engage")),
        ],
        ..JourneyMap::default()
    }
}

/// [`diff_maps`], checked to give the same when the old version is read
/// beside the new one (as `journeymap diff` reads a file again).
fn compare(old: &JourneyMap, new: &JourneyMap) -> MapDiff {
    let diff = diff_maps(old, new);
    let thinned = read_beside(old, new);
    assert_eq!(
        diff_thinned(&thinned, new, MapIndex::new(new)),
        diff,
        "the diff of the old version read beside the new one differs"
    );
    diff
}

fn only_kind(diff: &MapDiff, kind: ItemKind) -> &KindDiff {
    assert_eq!(diff.kinds.len(), 1, "{diff:#?}");
    assert_eq!(diff.kinds[0].kind, kind);
    &diff.kinds[0]
}

fn only_changes(diff: &MapDiff, kind: ItemKind) -> &[FieldChange] {
    let k = only_kind(diff, kind);
    assert!(k.moves.is_empty());
    match k.entries.as_slice() {
        [Entry::Changed { changes, .. }] => changes,
        other => panic!("expected one changed item, got {other:#?}"),
    }
}

#[test]
fn identical_maps_have_an_empty_diff() {
    let map = sample();
    let diff = compare(&map, &map.clone());
    assert!(diff.is_empty(), "{diff:#?}");
    assert_eq!(diff, MapDiff::default());
}

#[test]
fn map_fields() {
    let old = sample();
    let mut new = sample();
    new.title = "Bean Box office coffee".into();
    new.framework = "aida".into();
    let diff = compare(&old, &new);
    assert!(diff.kinds.is_empty());
    assert_eq!(
        diff.fields,
        vec![
            FieldChange::Value {
                field: "title",
                from: "Bean Box".into(),
                to: "Bean Box office coffee".into(),
                style: ValueStyle::Text
            },
            FieldChange::Value {
                field: "framework",
                from: String::new(),
                to: "aida".into(),
                style: ValueStyle::Plain
            },
        ]
    );
}

#[test]
fn added_and_removed_items() {
    let old = sample();
    let mut new = sample();
    new.competitors.clear();
    new.tactics.push(tactic("seo", "SEO"));
    let diff = compare(&old, &new);
    assert_eq!(diff.kinds.len(), 2);
    assert_eq!(diff.kinds[0].kind, ItemKind::Tactic);
    assert_eq!(
        diff.kinds[0].entries,
        vec![Entry::Added {
            item: ItemRef {
                id: "seo".into(),
                name: "SEO".into()
            },
            stage: None
        }]
    );
    assert_eq!(diff.kinds[1].kind, ItemKind::Competitor);
    assert_eq!(
        diff.kinds[1].entries,
        vec![Entry::Removed {
            item: ItemRef {
                id: "brewco".into(),
                name: "BrewCo".into()
            }
        }]
    );
}

#[test]
fn rename_keeps_the_id() {
    let old = sample();
    let mut new = sample();
    new.stages[0].name = "Awareness".into();
    let diff = compare(&old, &new);
    let k = only_kind(&diff, ItemKind::Stage);
    assert_eq!(
        k.entries,
        vec![Entry::Changed {
            item: ItemRef {
                id: "aware".into(),
                name: "Awareness".into()
            },
            changes: vec![FieldChange::Renamed {
                from: "Aware".into(),
                to: "Awareness".into()
            }]
        }]
    );
}

#[test]
fn touchpoint_moved_to_another_stage() {
    let old = sample();
    let mut new = sample();
    new.touchpoints[0].stage = "engage".into();
    let diff = compare(&old, &new);
    assert_eq!(
        only_changes(&diff, ItemKind::Touchpoint),
        [FieldChange::StageMoved {
            from: ItemRef {
                id: "aware".into(),
                name: "Aware".into()
            },
            to: ItemRef {
                id: "engage".into(),
                name: "Engage".into()
            }
        }]
    );
}

#[test]
fn added_touchpoint_says_where() {
    let old = sample();
    let mut new = sample();
    new.touchpoints.push(Box::new(touchpoint("call", "buy")));
    let diff = compare(&old, &new);
    let k = only_kind(&diff, ItemKind::Touchpoint);
    match &k.entries[..] {
        [Entry::Added { stage: Some(stage), .. }] => assert_eq!(stage.name, "Buy"),
        other => panic!("{other:#?}"),
    }
}

#[test]
fn field_changes_and_list_entries() {
    let old = sample();
    let mut new = sample();
    new.stages[1].emotion = -1;
    new.stages[1].tactics = vec!["email".into()];
    new.segments[0].usps.push("No contract".into());
    let diff = compare(&old, &new);
    assert_eq!(diff.kinds.len(), 2);
    let Entry::Changed { changes, .. } = &diff.kinds[0].entries[0] else {
        panic!("{diff:#?}")
    };
    assert_eq!(
        changes,
        &vec![
            FieldChange::List {
                field: "tactics",
                delta: ListDelta {
                    added: vec!["email".into()],
                    removed: vec![],
                    reordered: false
                },
                style: ListStyle::Ids
            },
            FieldChange::Value {
                field: "emotion",
                from: "0".into(),
                to: "-1".into(),
                style: ValueStyle::Plain
            },
        ]
    );
    let Entry::Changed { changes, .. } = &diff.kinds[1].entries[0] else {
        panic!("{diff:#?}")
    };
    assert!(matches!(
        &changes[..],
        [FieldChange::List { field: "usps", style: ListStyle::Texts, delta }] if delta.added == ["No contract"]
    ));
}

#[test]
fn each_field_is_compared_as_its_type_says() {
    let mut old = sample();
    old.personas.push(Persona {
        id: "pat".into(),
        name: "Pat".into(),
        ..Persona::default()
    });
    let mut new = old.clone();
    new.personas[0].segment = "offices".into();
    new.personas[0].role = PersonaRole::Buyer;
    new.personas[0].description = "Runs the office".into();
    new.personas[0].channels = vec!["LinkedIn".into()];
    new.competitors[0].kind = CompetitorKind::Substitute;
    new.competitors[0].segments = vec!["offices".into()];
    new.segments[0].anti = true;
    new.stages[1].emotion = -1;
    let diff = compare(&old, &new);
    let changes = |kind: ItemKind| match diff.kinds.iter().find(|k| k.kind == kind).map(|k| k.entries.as_slice()) {
        Some([Entry::Changed { changes, .. }]) => changes.clone(),
        other => panic!("expected one changed {}, got {other:#?}", kind.noun()),
    };
    let value = |field, from: &str, to: &str, style| FieldChange::Value {
        field,
        from: from.into(),
        to: to.into(),
        style,
    };
    let added = |field, entry: &str, style| FieldChange::List {
        field,
        delta: ListDelta {
            added: vec![entry.into()],
            ..ListDelta::default()
        },
        style,
    };
    // A reference and a choice read as plain values, choices by label.
    assert_eq!(
        changes(ItemKind::Persona),
        [
            value("segment", "", "offices", ValueStyle::Plain),
            value("role", "unspecified", "buyer", ValueStyle::Plain),
            value("description", "", "Runs the office", ValueStyle::Text),
            added("channels", "LinkedIn", ListStyle::Texts),
        ]
    );
    assert_eq!(
        changes(ItemKind::Competitor),
        [
            value("kind", "direct", "substitute", ValueStyle::Plain),
            added("segments", "offices", ListStyle::Ids),
        ]
    );
    assert_eq!(
        changes(ItemKind::Segment),
        [value("anti", "false", "true", ValueStyle::Plain)]
    );
    assert_eq!(
        changes(ItemKind::Stage),
        [value("emotion", "0", "-1", ValueStyle::Plain)]
    );
}

#[test]
fn a_touchpoint_emotion_set_or_cleared_is_a_change() {
    let old = sample();
    let mut new = sample();
    new.touchpoints[0].emotion = Some(2);
    let diff = compare(&old, &new);
    let Entry::Changed { changes, .. } = &diff.kinds[0].entries[0] else {
        panic!("{diff:#?}")
    };
    assert_eq!(
        changes,
        &vec![FieldChange::Value {
            field: "emotion",
            from: String::new(),
            to: "2".into(),
            style: ValueStyle::Plain
        }]
    );
    assert!(compare(&new, &new).kinds.is_empty());
}

#[test]
fn one_moved_stage_is_reported_once() {
    let old = sample();
    let mut new = sample();
    // aware, engage, buy -> engage, buy, aware
    let aware = new.stages.remove(0);
    new.stages.push(aware);
    let diff = compare(&old, &new);
    let k = only_kind(&diff, ItemKind::Stage);
    assert!(k.entries.is_empty());
    assert_eq!(
        k.moves,
        vec![Move {
            item: ItemRef {
                id: "aware".into(),
                name: "Aware".into()
            },
            after: Some(ItemRef {
                id: "buy".into(),
                name: "Buy".into()
            }),
        }]
    );
}

#[test]
fn insertions_and_removals_are_not_moves() {
    let old = sample();
    let mut new = sample();
    new.stages.remove(0);
    new.stages.insert(1, stage("consider", "Consider"));
    let diff = compare(&old, &new);
    assert!(only_kind(&diff, ItemKind::Stage).moves.is_empty());
}

#[test]
fn order_only_change_in_a_list_field() {
    let mut old = sample();
    old.stages[0].tactics = vec!["search-ads".into(), "email".into()];
    let mut new = old.clone();
    new.stages[0].tactics.reverse();
    let diff = compare(&old, &new);
    assert!(matches!(
        only_changes(&diff, ItemKind::Stage),
        [FieldChange::List {
            field: "tactics",
            delta: ListDelta { reordered: true, .. },
            ..
        }]
    ));
}

#[test]
fn an_empty_side_makes_everything_added_or_removed() {
    let empty = JourneyMap::default();
    let map = sample();
    let added = compare(&empty, &map);
    assert_eq!(added.kinds.len(), 5, "all kinds but personas: {added:#?}");
    for k in &added.kinds {
        assert!(k.entries.iter().all(|e| matches!(e, Entry::Added { .. })));
        assert!(k.moves.is_empty());
    }
    let removed = compare(&map, &empty);
    for k in &removed.kinds {
        assert!(k.entries.iter().all(|e| matches!(e, Entry::Removed { .. })));
    }
    assert_eq!(
        removed.fields,
        vec![FieldChange::Value {
            field: "title",
            from: "Bean Box".into(),
            to: String::new(),
            style: ValueStyle::Text
        }]
    );
}

#[test]
fn order_of_entries_is_new_order_then_removals_in_old_order() {
    let old = JourneyMap {
        tactics: vec![tactic("a", "A"), tactic("b", "B"), tactic("c", "C")],
        ..JourneyMap::default()
    };
    let new = JourneyMap {
        tactics: vec![tactic("z", "Z"), tactic("b", "B2"), tactic("y", "Y")],
        ..JourneyMap::default()
    };
    let diff = compare(&old, &new);
    let ids: Vec<(&str, &str)> = only_kind(&diff, ItemKind::Tactic)
        .entries
        .iter()
        .map(|e| match e {
            Entry::Added { item, .. } => ("+", item.id.as_str()),
            Entry::Removed { item } => ("-", item.id.as_str()),
            Entry::Changed { item, .. } => ("~", item.id.as_str()),
        })
        .collect();
    assert_eq!(ids, [("+", "z"), ("~", "b"), ("+", "y"), ("-", "a"), ("-", "c")]);
}

#[test]
fn duplicated_ids_do_not_double_report() {
    let mut old = sample();
    old.tactics.push(tactic("email", "Email again"));
    let diff = compare(&old, &sample());
    assert!(diff.is_empty(), "{diff:#?}");
}

// Every field of every kind, generated from the model itself: the map is
// turned into a JSON value, each field of each item is edited there in turn,
// and the diff must report that one field and nothing else. A new field, or
// a new kind with an item in `one_item_of_each_kind`, is covered without a
// new test.

use serde_json::Value;

use crate::model::{ProblemKind, validate};

/// A valid map holding exactly one item of every kind, every optional field
/// at its default, so that any edit is the only difference.
fn one_item_of_each_kind() -> JourneyMap {
    let map = JourneyMap {
        title: "One of each".into(),
        stages: vec![stage("stage", "Stage")],
        tactics: vec![tactic("tactic", "Tactic")],
        segments: vec![Segment {
            id: "segment".into(),
            name: "Segment".into(),
            ..Segment::default()
        }],
        personas: vec![Persona {
            id: "persona".into(),
            name: "Persona".into(),
            ..Persona::default()
        }],
        competitors: vec![Competitor {
            id: "competitor".into(),
            name: "Competitor".into(),
            ..Competitor::default()
        }],
        touchpoints: vec![Box::new(touchpoint("touchpoint", "stage"))],
        // Number fields are left out of JSON when not set: set, so that
        // they are edited too.
        market_share: "1".into(),
        budget: "1".into(),
        offers: vec![Offer {
            id: "offer".into(),
            name: "Offer".into(),
            stage: "stage".into(),
            price: "1".into(),
            ..Offer::default()
        }],
        campaigns: vec![Campaign {
            id: "campaign".into(),
            name: "Campaign".into(),
            budget: "1".into(),
            kpi_target: "1".into(),
            ..Campaign::default()
        }],
        goals: vec![Goal {
            id: "goal".into(),
            name: "Goal".into(),
            baseline: "1".into(),
            target: "1".into(),
            current: "1".into(),
            ..Goal::default()
        }],
        insights: vec![Insight {
            id: "insight".into(),
            name: "Insight".into(),
            stage: "stage".into(),
            ..Insight::default()
        }],
        pain_points: vec![PainPoint {
            id: "pain".into(),
            name: "Pain".into(),
            stage: "stage".into(),
            ..PainPoint::default()
        }],
        opportunities: vec![Opportunity {
            id: "opportunity".into(),
            name: "Opportunity".into(),
            stage: "stage".into(),
            ..Opportunity::default()
        }],
        ..JourneyMap::default()
    };
    let map = JourneyMap {
        competitors: vec![Competitor {
            rating: "1".into(),
            review_count: "1".into(),
            ..map.competitors[0].clone()
        }],
        ..map
    };
    for kind in ItemKind::ALL {
        assert_eq!(map.count(kind), 1, "the map needs one {}", kind.noun());
    }
    assert_eq!(validate(&map), vec![]);
    map
}

/// Fields whose value is one of a fixed set of names, where the generic edit
/// of a string does not load: the name to edit them to.
const FIXED_SET_EDITS: &[(&str, &str)] = &[
    ("mindset", "ProblemAware"),
    ("role", "Buyer"),
    ("kind", "Indirect"),
    ("kind", "Upsell"),
    ("strategy", "Niche"),
    ("price_level", "Premium"),
    ("lane", "Thinking"),
    ("evidence", "Data"),
    ("severity", "Major"),
    ("status", "Planned"),
    ("priority", "High"),
    ("source", "Email"),
];

/// Text fields that hold only a certain shape of text: the value to edit
/// them to.
const SHAPED_TEXT_EDITS: &[(&str, &str)] = &[
    ("deadline", "2026-12-31"),
    ("start", "2026-03-01"),
    ("end", "2026-04-30"),
    ("currency", "EUR"),
];

/// A different value of the same type: text gets longer, a list gets one
/// more entry, a flag flips, a number grows by one.
fn generic_edit(value: &Value) -> Value {
    match value {
        Value::String(s) if s.is_empty() => Value::from("edited"),
        Value::String(s) => Value::from(format!("{s}-edited")),
        Value::Array(entries) => {
            let mut entries = entries.clone();
            entries.push(Value::from("edited"));
            Value::Array(entries)
        }
        Value::Bool(b) => Value::Bool(!b),
        Value::Number(n) => match n.as_i64() {
            Some(n) => Value::from(n + 1),
            None => panic!("no edit for the number {n}"),
        },
        other => panic!("no edit for {other}"),
    }
}

/// `map` with the field at the JSON pointer `place` (`/title`,
/// `/stages/0/goal`) set to an edited value; gives the new map and the value
/// the field now has.
fn edit_at(map: &Value, place: &str) -> (JourneyMap, Value, bool) {
    let field = place.rsplit('/').next().unwrap_or_default();
    let with = |value: Value| {
        let mut edited = map.clone();
        match edited.pointer_mut(place) {
            Some(target) => *target = value,
            None => panic!("no {place} in {map}"),
        }
        serde_json::from_value::<JourneyMap>(edited)
    };
    let before = map.pointer(place).cloned().unwrap_or_default();
    let shaped = SHAPED_TEXT_EDITS.iter().find(|(f, _)| *f == field);
    let generic = shaped.map_or_else(|| generic_edit(&before), |(_, to)| Value::from(*to));
    if let Ok(new) = with(generic.clone()) {
        return (new, generic, false);
    }
    // Fields of the same name in different kinds may take different values:
    // the first that loads.
    let mut tried = Vec::new();
    for (_, name) in FIXED_SET_EDITS.iter().filter(|(f, _)| *f == field) {
        match with(Value::from(*name)) {
            Ok(new) => return (new, Value::from(*name), true),
            Err(e) => tried.push(format!("{name}: {e}")),
        }
    }
    panic!("`{field}` does not load once edited ({tried:?}): add the value to edit it to to FIXED_SET_EDITS")
}

/// How the diff should show a changed value: references, fixed-set names,
/// numbers and flags as they are; prose quoted.
fn expected_value_style(is_reference: bool, new_value: &Value, fixed_set: bool) -> ValueStyle {
    if is_reference || fixed_set || !new_value.is_string() {
        ValueStyle::Plain
    } else {
        ValueStyle::Text
    }
}

#[test]
fn an_edit_to_any_field_of_any_kind_is_reported_as_that_field() {
    let old = one_item_of_each_kind();
    let old_value = serde_json::to_value(&old).expect("a map converts to JSON");
    for kind in ItemKind::ALL {
        let list = kind.list_field();
        let Some(item) = old_value[list][0].as_object() else {
            panic!("no {} in {old_value}", kind.noun())
        };
        let old_ref = ItemRef {
            id: item["id"].as_str().unwrap_or_default().to_string(),
            name: item["name"].as_str().unwrap_or_default().to_string(),
        };
        assert!(item.len() > 2, "{} has fields besides its id and name", kind.noun());
        for (field, old_field) in item {
            let (new, new_field, fixed_set) = edit_at(&old_value, &format!("/{list}/0/{field}"));
            let what = format!("{}.{field}: {old_field} -> {new_field}", kind.noun());
            let diff = compare(&old, &new);
            assert!(diff.fields.is_empty(), "{what}: {diff:#?}");
            let k = only_kind(&diff, kind);
            assert!(k.moves.is_empty(), "{what}: {k:#?}");

            if field == "id" {
                // A new id is another item: added, and the old one removed.
                match k.entries.as_slice() {
                    [Entry::Added { item: added, .. }, Entry::Removed { item: removed }] => {
                        assert_eq!(Some(added.id.as_str()), new_field.as_str(), "{what}");
                        assert_eq!(removed, &old_ref, "{what}");
                    }
                    other => panic!("{what}: {other:#?}"),
                }
                continue;
            }
            let changes = match k.entries.as_slice() {
                [Entry::Changed { item: changed, changes }] => {
                    assert_eq!(changed.id, old_ref.id, "{what}");
                    changes
                }
                other => panic!("{what}: expected one changed item, got {other:#?}"),
            };
            // Whether the field refers to other items: the model's own check
            // finds the edited value pointing nowhere.
            let is_reference = validate(&new).iter().any(|p| {
                p.kind == ProblemKind::DanglingReference
                    && p.field == field.as_str()
                    && p.item.as_ref().is_some_and(|(k, _, _)| *k == kind)
            });
            match changes.as_slice() {
                [FieldChange::Renamed { from, to }] => {
                    assert_eq!(field, "name", "{what}");
                    assert_eq!(
                        (Some(from.as_str()), Some(to.as_str())),
                        (old_field.as_str(), new_field.as_str())
                    );
                }
                [FieldChange::StageMoved { from, to }] => {
                    assert_eq!(field, "stage", "{what}");
                    assert_eq!(Some(from.id.as_str()), old_field.as_str(), "{what}");
                    assert_eq!(Some(to.id.as_str()), new_field.as_str(), "{what}");
                }
                [
                    FieldChange::Value {
                        field: name,
                        from,
                        to,
                        style,
                    },
                ] => {
                    assert_eq!(name, field, "{what}");
                    assert_ne!(from, to, "{what}");
                    if let Some(text) = new_field.as_str().filter(|_| !fixed_set) {
                        assert_eq!(to, text, "{what}");
                    } else if !new_field.is_string() {
                        assert_eq!(to, &new_field.to_string(), "{what}");
                    }
                    assert_eq!(
                        *style,
                        expected_value_style(is_reference, &new_field, fixed_set),
                        "{what}"
                    );
                }
                [
                    FieldChange::List {
                        field: name,
                        delta,
                        style,
                    },
                ] => {
                    assert_eq!(name, field, "{what}");
                    assert_eq!(
                        delta,
                        &ListDelta {
                            added: vec!["edited".into()],
                            removed: vec![],
                            reordered: false
                        },
                        "{what}"
                    );
                    let expected = if is_reference { ListStyle::Ids } else { ListStyle::Texts };
                    assert_eq!(*style, expected, "{what}");
                }
                other => panic!("{what}: expected one change, got {other:#?}"),
            }
        }
    }
}

#[test]
fn an_edit_to_any_field_of_the_map_is_reported_as_that_field() {
    let old = one_item_of_each_kind();
    let old_value = serde_json::to_value(&old).expect("a map converts to JSON");
    let Some(fields) = old_value.as_object() else {
        panic!("a map is an object: {old_value}")
    };
    let lists: Vec<&str> = ItemKind::ALL.iter().map(|k| k.list_field()).collect();
    let mut fields_checked = 0;
    for (field, old_field) in fields.iter().filter(|(f, _)| !lists.contains(&f.as_str())) {
        let (new, new_field, fixed_set) = edit_at(&old_value, &format!("/{field}"));
        let what = format!("{field}: {old_field} -> {new_field}");
        let diff = compare(&old, &new);
        assert!(diff.kinds.is_empty(), "{what}: {diff:#?}");
        let expected_to = new_field.as_str().map_or_else(|| new_field.to_string(), str::to_string);
        match diff.fields.as_slice() {
            [
                FieldChange::Value {
                    field: name, from, to, ..
                },
            ] => {
                assert_eq!(name, field, "{what}");
                assert_ne!(from, to, "{what}");
                // A choice reads as its label, a value as it was written.
                if !fixed_set {
                    assert_eq!(to, &expected_to, "{what}");
                }
            }
            [FieldChange::List { field: name, delta, .. }] => {
                assert_eq!(name, field, "{what}");
                assert_eq!(delta.added, ["edited"], "{what}");
                assert!(delta.removed.is_empty() && !delta.reordered, "{what}");
            }
            other => panic!("{what}: expected one change, got {other:#?}"),
        }
        fields_checked += 1;
    }
    assert!(
        fields_checked >= 4,
        "format, title, framework, description and any newer field"
    );
}
