use super::*;
use crate::analysis::sample_map;
use crate::analysis::thinned::read_beside;
use crate::model::conflict::Choice;
use crate::model::{Persona, Touchpoint};

fn touchpoint(id: &str, stage: &str) -> Touchpoint {
    Touchpoint {
        id: id.into(),
        name: id.to_uppercase(),
        stage: stage.into(),
        ..Touchpoint::default()
    }
}

fn ids(map: &JourneyMap, kind: ItemKind) -> Vec<&str> {
    map.ids_and_names(kind).into_iter().map(|(id, _)| id).collect()
}

/// [`merge_maps`], checked to give the same when base and theirs are read
/// beside ours (as `journeymap merge` reads files).
fn merge(base: &JourneyMap, ours: &JourneyMap, theirs: &JourneyMap) -> Merged {
    let merged = merge_maps(base, ours, theirs);
    let beside = merge_beside_ours(&read_beside(base, ours), ours.clone(), &read_beside(theirs, ours));
    assert_eq!(beside, merged, "the merge beside ours differs");
    merged
}

#[test]
fn a_repeated_id_read_beside_ours_is_its_first_item() {
    // Theirs changed `ad` and also holds an unchanged copy of it at the
    // end: the first, changed one is the one merged, wherever ours's
    // unchanged twin stands.
    let base = sample_map();
    let mut theirs = base.clone();
    theirs.touchpoints[0].cta = "Changed by theirs".into();
    theirs.touchpoints.push(base.touchpoints[0].clone());
    let merged = merge(&base, &base, &theirs);
    assert_eq!(merged.map.touchpoints[0].id, "ad");
    assert_eq!(merged.map.touchpoints[0].cta, "Changed by theirs");
}

fn clean(base: &JourneyMap, ours: &JourneyMap, theirs: &JourneyMap) -> JourneyMap {
    let merged = merge(base, ours, theirs);
    assert!(merged.is_clean(), "{:#?}", merged.conflicts);
    assert_eq!(validate(&merged.map), []);
    merged.map
}

#[test]
fn identical_sides_and_one_sided_changes_are_that_side() {
    let base = sample_map();
    let mut x = base.clone();
    x.title = "Bean Box 2".into();
    x.touchpoints.remove(1);
    x.touchpoints.push(Box::new(touchpoint("new", "convert")));
    x.stages.swap(0, 2);
    x.segments[0].usps.push("Free delivery".into());
    assert_eq!(clean(&base, &x, &x), x);
    assert_eq!(clean(&base, &base, &x), x);
    assert_eq!(clean(&base, &x, &base), x);
    assert_eq!(clean(&base, &base, &base), base);
}

#[test]
fn touchpoints_added_on_both_sides_are_both_kept_in_order() {
    let base = sample_map();
    let mut ours = base.clone();
    ours.touchpoints.push(Box::new(touchpoint("ours-new", "aware")));
    let mut theirs = base.clone();
    theirs.touchpoints.push(Box::new(touchpoint("theirs-new", "convert")));
    let merged = clean(&base, &ours, &theirs);
    assert_eq!(
        ids(&merged, ItemKind::Touchpoint),
        ["ad", "radio", "flyer", "welcome", "ours-new", "theirs-new"]
    );
    // Each next to its neighbour when added in the middle.
    let mut ours = base.clone();
    ours.touchpoints.insert(1, Box::new(touchpoint("after-ad", "aware")));
    let mut theirs = base.clone();
    theirs
        .touchpoints
        .insert(3, Box::new(touchpoint("after-flyer", "aware")));
    let merged = clean(&base, &ours, &theirs);
    assert_eq!(
        ids(&merged, ItemKind::Touchpoint),
        ["ad", "after-ad", "radio", "flyer", "after-flyer", "welcome"]
    );
}

#[test]
fn personas_and_usps_added_on_both_sides_are_all_kept() {
    let base = sample_map();
    let persona = |id: &str| Persona {
        id: id.into(),
        name: id.into(),
        segment: "offices".into(),
        ..Persona::default()
    };
    let mut ours = base.clone();
    ours.personas.push(persona("mia"));
    ours.segments[0].usps.push("Roasted this week".into());
    let mut theirs = base.clone();
    theirs.personas.push(persona("kim"));
    theirs.segments[0].usps.push("No contract".into());
    let merged = clean(&base, &ours, &theirs);
    assert_eq!(ids(&merged, ItemKind::Persona), ["olivia", "sam", "mia", "kim"]);
    assert_eq!(
        merged.segments[0].usps,
        ["Fresh beans every Monday", "Roasted this week", "No contract"]
    );
}

#[test]
fn different_fields_of_one_item_merge_and_tactics_planned_on_both_sides_too() {
    let base = sample_map();
    let mut ours = base.clone();
    ours.touchpoints[0].cta = "Book a tasting".into();
    ours.touchpoints[0].tactics.retain(|t| t != "social-video");
    ours.stages[1].tactics.push("fair".into());
    let mut theirs = base.clone();
    theirs.touchpoints[0].owner = "Mia".into();
    theirs.touchpoints[0].name = "Google search ad".into();
    theirs.stages[1].tactics.push("search-ads".into());
    let merged = clean(&base, &ours, &theirs);
    let ad = &merged.touchpoints[0];
    assert_eq!(
        (ad.name.as_str(), ad.cta.as_str(), ad.owner.as_str()),
        ("Google search ad", "Book a tasting", "Mia")
    );
    assert_eq!(ad.tactics, ["search-ads"]);
    assert_eq!(merged.stages[1].tactics, ["email", "fair", "search-ads"]);
}

#[test]
fn notes_edited_on_different_lines_merge_line_by_line() {
    let mut base = sample_map();
    base.stages[0].notes = "Budget: 10k\nOwner: Mia\nReview in May".into();
    let mut ours = base.clone();
    ours.stages[0].notes = "Budget: 12k\nOwner: Mia\nReview in May".into();
    let mut theirs = base.clone();
    theirs.stages[0].notes = "Budget: 10k\nOwner: Mia\nReview in June".into();
    let merged = clean(&base, &ours, &theirs);
    assert_eq!(merged.stages[0].notes, "Budget: 12k\nOwner: Mia\nReview in June");
    // The same line changed on both sides is a conflict.
    theirs.stages[0].notes = "Budget: 15k\nOwner: Mia\nReview in May".into();
    let merged = merge(&base, &ours, &theirs);
    assert_eq!(merged.conflicts.len(), 1);
    assert_eq!(merged.conflicts[0].field().map(|f| f.name), Some("notes"));
}

#[test]
fn the_same_field_changed_differently_is_a_conflict_with_every_version() {
    let base = sample_map();
    let mut ours = base.clone();
    ours.touchpoints[0].cta = "Book a tasting".into();
    ours.touchpoints[0].owner = "Mia".into();
    ours.title = "Ours".into();
    let mut theirs = base.clone();
    theirs.touchpoints[0].cta = "Try a free box".into();
    theirs.title = "Theirs".into();
    let merged = merge(&base, &ours, &theirs);
    let labels: Vec<String> = merged.conflicts.iter().map(Conflict::label).collect();
    assert_eq!(labels, ["map, title", "touchpoint ad, cta"]);
    let cta = &merged.conflicts[1];
    assert_eq!(cta.name, "Google ad");
    assert_eq!(cta.cause, Cause::BothChanged);
    assert_eq!(
        cta.versions,
        Versions::Field {
            field: cta.field().unwrap_or(&ItemKind::Touchpoint.fields()[0]),
            base: Some(OwnedValue::Text(String::new())),
            ours: OwnedValue::Text("Book a tasting".into()),
            theirs: OwnedValue::Text("Try a free box".into()),
        }
    );
    // The merged map holds ours's value and everything clean.
    assert_eq!(merged.map.touchpoints[0].cta, "Book a tasting");
    assert_eq!(merged.map.touchpoints[0].owner, "Mia");
    // Choosing theirs for both gives theirs's values.
    let mut map = merged.map.clone();
    for conflict in &merged.conflicts {
        assert_eq!(conflict.apply(&mut map, &Choice::Theirs), Ok(()));
    }
    assert_eq!(map.title, "Theirs");
    assert_eq!(map.touchpoints[0].cta, "Try a free box");
}

#[test]
fn a_persona_deleted_on_one_side_and_assigned_on_the_other_is_kept_as_a_conflict() {
    let base = sample_map();
    let mut ours = base.clone();
    // Deleted with its references, as the workbench deletes.
    ours.personas.retain(|p| p.id != "olivia");
    ours.touchpoints[0].personas.clear();
    let mut theirs = base.clone();
    let mut new = touchpoint("office-visit", "convert");
    new.personas = vec!["olivia".into()];
    theirs.touchpoints.push(Box::new(new));
    let merged = merge(&base, &ours, &theirs);
    assert_eq!(merged.conflicts.len(), 1, "{:#?}", merged.conflicts);
    let conflict = &merged.conflicts[0];
    assert_eq!(conflict.label(), "persona olivia");
    assert_eq!(
        conflict.cause,
        Cause::DeletedAndReferenced {
            deleted_by: Side::Ours,
            by: vec![Referrer {
                kind: ItemKind::Touchpoint,
                id: "office-visit".into(),
                field: "personas",
            }],
        }
    );
    assert!(conflict.item(Side::Ours).is_none() && conflict.item(Side::Theirs).is_some());
    // Nothing dangles: the persona is kept until someone decides.
    assert_eq!(validate(&merged.map), []);
    assert_eq!(ids(&merged.map, ItemKind::Persona), ["olivia", "sam"]);
    // Deleting it, as ours did, takes the new reference with it.
    let mut map = merged.map.clone();
    assert_eq!(conflict.apply(&mut map, &Choice::Ours), Ok(()));
    assert_eq!(ids(&map, ItemKind::Persona), ["sam"]);
    assert_eq!(validate(&map), []);
}

#[test]
fn an_item_deleted_on_one_side_and_edited_on_the_other_is_a_conflict() {
    let base = sample_map();
    let mut ours = base.clone();
    ours.touchpoints.retain(|t| t.id != "radio");
    let mut theirs = base.clone();
    theirs.touchpoints[1].channel = "FM 98.2".into();
    let merged = merge(&base, &ours, &theirs);
    assert_eq!(merged.conflicts.len(), 1);
    assert_eq!(
        merged.conflicts[0].cause,
        Cause::DeletedAndEdited {
            deleted_by: Side::Ours,
            fields: vec!["channel"],
        }
    );
    assert_eq!(
        ids(&merged.map, ItemKind::Touchpoint),
        ["ad", "radio", "flyer", "welcome"]
    );
    // Deleted on one side, untouched on the other: deleted.
    let merged = clean(&base, &ours, &base);
    assert_eq!(ids(&merged, ItemKind::Touchpoint), ["ad", "flyer", "welcome"]);
}

#[test]
fn the_same_new_id_with_different_content_conflicts_field_by_field() {
    let base = sample_map();
    let mut ours = base.clone();
    let mut mine = touchpoint("webinar", "aware");
    mine.channel = "Zoom".into();
    ours.touchpoints.push(Box::new(mine.clone()));
    let mut theirs = base.clone();
    let mut yours = mine.clone();
    yours.stage = "convert".into();
    yours.owner = "Sam".into();
    theirs.touchpoints.push(Box::new(yours));
    let merged = merge(&base, &ours, &theirs);
    let found: Vec<(String, &Cause)> = merged.conflicts.iter().map(|c| (c.label(), &c.cause)).collect();
    assert_eq!(
        found,
        [
            ("touchpoint webinar, stage".to_string(), &Cause::AddedOnBoth),
            ("touchpoint webinar, owner".to_string(), &Cause::AddedOnBoth),
        ]
    );
    assert_eq!(merged.conflicts[0].field_value(Side::Base), None);
    // The same new item on both sides is one item.
    theirs.touchpoints.pop();
    theirs.touchpoints.push(Box::new(mine));
    let merged = clean(&base, &ours, &theirs);
    assert_eq!(
        ids(&merged, ItemKind::Touchpoint)
            .iter()
            .filter(|id| **id == "webinar")
            .count(),
        1
    );
}

#[test]
fn a_reorder_on_one_side_wins_and_keeps_the_others_additions() {
    let base = sample_map();
    let mut ours = base.clone();
    ours.stages.rotate_left(1);
    let mut theirs = base.clone();
    theirs.stages.push(crate::model::Stage {
        id: "advocate".into(),
        name: "Advocate".into(),
        ..crate::model::Stage::default()
    });
    let merged = clean(&base, &ours, &theirs);
    assert_eq!(
        ids(&merged, ItemKind::Stage),
        ["convert", "excite", "advocate", "aware"]
    );
}

#[test]
fn problems_the_merged_map_would_have_are_conflicts() {
    // Both sides refer to a tactic no version has: the merge reports it
    // rather than write a map that does not load.
    let base = sample_map();
    let mut ours = base.clone();
    ours.touchpoints[2].tactics.push("ghost".into());
    let merged = merge(&base, &ours, &base);
    assert_eq!(merged.conflicts.len(), 1);
    let conflict = &merged.conflicts[0];
    assert_eq!(conflict.label(), "touchpoint flyer, tactics");
    assert!(
        matches!(&conflict.cause, Cause::Invalid { message } if message.contains("`ghost`")),
        "{conflict:?}"
    );
}

#[test]
fn a_deleted_stage_a_touchpoint_moved_to_is_kept() {
    let base = sample_map();
    let mut ours = base.clone();
    ours.stages.retain(|s| s.id != "convert");
    let mut theirs = base.clone();
    theirs.touchpoints[3].stage = "convert".into();
    let merged = merge(&base, &ours, &theirs);
    let labels: Vec<String> = merged.conflicts.iter().map(Conflict::label).collect();
    assert_eq!(labels, ["stage convert"]);
    assert_eq!(validate(&merged.map), []);
    // The stage cannot be deleted while the touchpoint is in it.
    let mut map = merged.map.clone();
    assert!(merged.conflicts[0].apply(&mut map, &Choice::Ours).is_err());
}

/// Base, ours and theirs with a conflict of every shape: the title and a
/// touchpoint's call to action changed on both sides, a persona deleted in
/// ours and assigned in theirs, a touchpoint both added differently.
fn conflicting_versions() -> [JourneyMap; 3] {
    let base = sample_map();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    ours.title = "Ours".into();
    theirs.title = "Theirs".into();
    ours.touchpoints[0].cta = "Book a tasting".into();
    theirs.touchpoints[0].cta = "Try a free box".into();
    ours.personas.retain(|p| p.id != "olivia");
    ours.touchpoints[0].personas.clear();
    let mut visit = touchpoint("office-visit", "convert");
    visit.personas = vec!["olivia".into()];
    theirs.touchpoints.push(Box::new(visit));
    ours.touchpoints.push(Box::new(touchpoint("webinar", "aware")));
    theirs.touchpoints.push(Box::new(touchpoint("webinar", "excite")));
    [base, ours, theirs]
}

#[test]
fn the_merged_file_marks_each_conflict_and_reads_back_into_the_same_conflicts() {
    let [base, ours, theirs] = conflicting_versions();
    let merged = merge(&base, &ours, &theirs);
    let labels: Vec<String> = merged.conflicts.iter().map(Conflict::label).collect();
    assert_eq!(
        labels,
        [
            "map, title",
            "persona olivia",
            "touchpoint ad, cta",
            "touchpoint webinar, stage"
        ]
    );
    let text = crate::store::to_canonical_with_conflicts(&merged.map, &merged.conflicts, &Default::default());
    for marker in [
        "<<<<<<< ours: map, title\n    title: \"Ours\",\n||||||| base: map, title\n    title: \"Bean Box\",\n=======\n    title: \"Theirs\",\n>>>>>>> theirs: map, title\n",
        "<<<<<<< ours: touchpoint ad, cta\n            cta: \"Book a tasting\",\n||||||| base: touchpoint ad, cta\n=======\n            cta: \"Try a free box\",\n>>>>>>> theirs: touchpoint ad, cta\n",
        "<<<<<<< ours: persona olivia (deleted)\n||||||| base: persona olivia\n        Persona(\n            id: \"olivia\",\n",
        "||||||| base: touchpoint webinar, stage (not in base)\n            stage: \"\",\n=======\n",
    ] {
        assert!(text.contains(marker), "{marker}\nnot in:\n{text}");
    }
    // The loader lists every conflict by item and field, at its marker.
    let Err(error) = crate::store::parse_str(&text, "m.ron") else {
        panic!("a file with markers must not load");
    };
    let messages: Vec<&str> = error.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "merge conflict in the map's `title`",
            "merge conflict over persona `olivia` (Olivia, office manager): deleted in ours, kept in the other side",
            "merge conflict in touchpoint `ad` (Google ad), field `cta`",
            "merge conflict in touchpoint `webinar` (WEBINAR), field `stage`",
        ]
    );
    for d in &error.diagnostics {
        assert!(
            d.source_line
                .as_deref()
                .is_some_and(|l| l.starts_with("<<<<<<< ours: ")),
            "{d:?}"
        );
    }
    // Its three sides merged again give the same conflicts, with the same
    // versions (but for the item both added: the file's base has it now).
    let sides = crate::store::conflicted_sides(&text, "m.ron").map_err(|e| e.to_string());
    let sides = sides.unwrap_or_else(|e| panic!("{e}"));
    let again = merge(sides.base.as_ref().unwrap_or(&base), &sides.ours, &sides.theirs);
    assert_eq!(again.map, merged.map);
    let again_labels: Vec<String> = again.conflicts.iter().map(Conflict::label).collect();
    assert_eq!(again_labels, labels);
    assert_eq!(again.conflicts[..3], merged.conflicts[..3]);
}

#[test]
fn keeping_ours_in_every_block_gives_the_canonical_merged_map() {
    let [base, mut ours, theirs] = conflicting_versions();
    // Field conflicts only: the merged map then holds ours's values.
    ours.personas = base.personas.clone();
    let merged = merge(&base, &ours, &theirs);
    assert!(merged.conflicts.iter().all(|c| c.field().is_some()));
    let text = crate::store::to_canonical_with_conflicts(&merged.map, &merged.conflicts, &Default::default());
    let blocks = crate::store::conflict_blocks(&text).unwrap_or_default();
    assert_eq!(blocks.len(), merged.conflicts.len());
    let ours_text = crate::store::side_text(&text, &blocks, Side::Ours).unwrap_or_default();
    let without_blank_lines: String = ours_text
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(without_blank_lines, crate::store::to_canonical(&merged.map));
    // And no conflicts, no markers.
    assert_eq!(
        crate::store::to_canonical_with_conflicts(&merged.map, &[], &Default::default()),
        crate::store::to_canonical(&merged.map)
    );
}
