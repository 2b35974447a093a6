//! Property tests of the three-way merge: random edit scripts, made through
//! the registry of kinds so that every field of every kind is edited, are
//! applied to a base on two sides and merged.

use journeymap::analysis::merge::{merge_beside_ours, merge_maps};
use journeymap::analysis::thinned::{Sifter, Thinned};
use journeymap::model::conflict::OwnedValue;
use journeymap::model::edit::{Item, take};
use journeymap::model::{Field, FieldType, ItemKind, JourneyMap, MapIndex, Slot, Target, Value, validate};
use journeymap::store::{parse_str, read_sifted, to_canonical, to_canonical_with_conflicts};
use proptest::prelude::*;

use super::properties::{any_map, make_valid, text};

/// One step of an edit script, in numbers the script's map gives meaning
/// to: which kind, which item (modulo the list), which field (modulo the
/// kind's fields), and what to put there.
#[derive(Debug, Clone)]
enum Step {
    Set {
        kind: usize,
        item: usize,
        field: usize,
        seed: u64,
        text: String,
    },
    Add {
        kind: usize,
        seed: u64,
        text: String,
    },
    Delete {
        kind: usize,
        item: usize,
    },
    Move {
        kind: usize,
        from: usize,
        to: usize,
    },
}

fn step(with_deletes: bool) -> impl Strategy<Value = Step> {
    let kinds = 0..ItemKind::ALL.len();
    let set = (kinds.clone(), any::<usize>(), any::<usize>(), any::<u64>(), text()).prop_map(
        |(kind, item, field, seed, text)| Step::Set {
            kind,
            item,
            field,
            seed,
            text,
        },
    );
    let add = (kinds.clone(), any::<u64>(), text()).prop_map(|(kind, seed, text)| Step::Add { kind, seed, text });
    let delete = (kinds.clone(), any::<usize>()).prop_map(|(kind, item)| Step::Delete { kind, item });
    let moved = (kinds, any::<usize>(), any::<usize>()).prop_map(|(kind, from, to)| Step::Move { kind, from, to });
    if with_deletes {
        prop_oneof![4 => set, 2 => add, 1 => delete, 1 => moved].boxed()
    } else {
        prop_oneof![4 => set, 1 => add].boxed()
    }
}

fn script(with_deletes: bool) -> impl Strategy<Value = Vec<Step>> {
    prop::collection::vec(step(with_deletes), 0..8)
}

/// Text as the map's rules allow it (no control characters, one line).
fn clean(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() && !('\u{202a}'..='\u{2069}').contains(c))
        .collect()
}

/// A value for `field` in `map`, chosen by `seed`: references to items
/// that exist, scores in range, names not empty.
fn value_for(map: &JourneyMap, field: &Field, seed: u64, text: &str) -> OwnedValue {
    let ids_of = |kind: ItemKind| -> Vec<String> {
        map.ids_and_names(kind)
            .into_iter()
            .map(|(id, _)| id.to_string())
            .collect()
    };
    let line = clean(text);
    match field.ty {
        FieldType::Text if field.is_name() && line.trim().is_empty() => OwnedValue::Text(format!("Name {seed}")),
        FieldType::Text => OwnedValue::Text(line),
        FieldType::Multi => OwnedValue::Text(format!("{line}\nline {}\nend", seed % 3)),
        FieldType::List => OwnedValue::List((0..seed % 3).map(|n| format!("{line} {n}")).collect()),
        FieldType::Ref { kind, optional } => {
            let ids = ids_of(kind);
            match (ids.is_empty(), optional) {
                (true, _) => OwnedValue::Text(String::new()),
                (false, true) if seed.is_multiple_of(4) => OwnedValue::Text(String::new()),
                (false, _) => OwnedValue::Text(ids[seed as usize % ids.len()].clone()),
            }
        }
        FieldType::Refs(kind) => {
            let ids = ids_of(kind);
            OwnedValue::List(
                ids.into_iter()
                    .enumerate()
                    .filter(|(n, _)| seed >> (n % 60) & 1 == 1)
                    .map(|(_, id)| id)
                    .collect(),
            )
        }
        FieldType::Choice(labels) => OwnedValue::Choice(seed as usize % labels.len()),
        FieldType::Score => OwnedValue::Score((seed % 5) as i8 - 2),
        FieldType::OptionalScore => OwnedValue::OptionalScore((seed % 6 != 5).then_some((seed % 5) as i8 - 2)),
        FieldType::Bool { .. } => OwnedValue::Bool(seed % 2 == 1),
        FieldType::Number => OwnedValue::Text((seed % 1000).to_string()),
        FieldType::Date => OwnedValue::Text(format!("2026-{:02}-01", seed % 12 + 1)),
        FieldType::Currency => OwnedValue::Text(["EUR", "USD", "JPY"][seed as usize % 3].to_string()),
    }
}

/// Applies one step the way the workbench edits: values stay valid, a
/// deleted item takes the references to it along, a stage that still has
/// touchpoints is not deleted. `new_ids` prefixes the ids of added items,
/// so that two scripts add different items; it holds a `.`, which the
/// generated maps' ids never do, so an added item never takes an id the
/// map already has.
fn apply(map: &mut JourneyMap, step: &Step, new_ids: &str, counter: &mut usize) {
    let kind_at = |k: usize| ItemKind::ALL[k % ItemKind::ALL.len()];
    match step {
        Step::Set {
            kind,
            item,
            field,
            seed,
            text,
        } => {
            let kind = kind_at(*kind);
            let count = map.count(kind);
            if count == 0 {
                return;
            }
            let field = &kind.fields()[field % kind.fields().len()];
            let target = Target::Item(kind, item % count);
            let value = value_for(map, field, *seed, text);
            if let Some(slot) = map.slot(target, field) {
                value.store(slot);
            }
        }
        Step::Add { kind, seed, text } => {
            let kind = kind_at(*kind);
            *counter += 1;
            let id = format!("{new_ids}{counter}");
            let mut item = Item::new(kind, id.clone(), format!("New {id}"));
            for field in kind.fields().iter().skip(1) {
                let value = value_for(map, field, seed.rotate_left(field.name.len() as u32), text);
                if let Some(slot) = item.slot(field) {
                    value.store(slot);
                }
            }
            // A touchpoint needs a stage.
            let required = kind.fields().iter().any(|f| {
                matches!(f.ty, FieldType::Ref { optional: false, .. }) && item.value(f) == Some(Value::Text(""))
            });
            if !required {
                item.insert(map, map.count(kind));
            }
        }
        Step::Delete { kind, item } => {
            let kind = kind_at(*kind);
            let count = map.count(kind);
            if count == 0 {
                return;
            }
            let position = item % count;
            let Some((id, _)) = map.id_and_name(kind, position) else {
                return;
            };
            let id = id.to_string();
            let referring: Vec<(ItemKind, &'static Field)> = ItemKind::ALL
                .into_iter()
                .flat_map(|from| {
                    from.fields()
                        .iter()
                        .filter(|f| f.referenced_kind() == Some(kind))
                        .map(move |f| (from, f))
                })
                .collect();
            let needed = referring.iter().any(|&(from, field)| {
                matches!(field.ty, FieldType::Ref { optional: false, .. })
                    && (0..map.count(from)).any(|i| map.value(Target::Item(from, i), field) == Some(Value::Text(&id)))
            });
            if needed {
                return;
            }
            for &(from, field) in &referring {
                for i in 0..map.count(from) {
                    match map.slot(Target::Item(from, i), field) {
                        Some(Slot::Text(to)) if *to == id => to.clear(),
                        Some(Slot::List(to)) => to.retain(|t| *t != id),
                        _ => {}
                    }
                }
            }
            take(map, kind, position);
        }
        Step::Move { kind, from, to } => {
            let kind = kind_at(*kind);
            let count = map.count(kind);
            if count < 2 {
                return;
            }
            if let Some(item) = take(map, kind, from % count) {
                item.insert(map, to % count);
            }
        }
    }
}

fn edited(base: &JourneyMap, steps: &[Step], new_ids: &str) -> JourneyMap {
    let mut map = base.clone();
    let mut counter = 0;
    for step in steps {
        apply(&mut map, step, new_ids, &mut counter);
    }
    map.settle_format();
    map
}

/// The fields a script of `Set` steps touches in `base`: (kind, item, field).
fn targets(base: &JourneyMap, steps: &[Step]) -> Vec<(usize, usize, usize)> {
    steps
        .iter()
        .filter_map(|step| match step {
            Step::Set { kind, item, field, .. } => {
                let k = ItemKind::ALL[kind % ItemKind::ALL.len()];
                let count = base.count(k);
                (count > 0).then(|| (kind % ItemKind::ALL.len(), item % count, field % k.fields().len()))
            }
            _ => None,
        })
        .collect()
}

/// `version` as `journeymap merge` reads it beside `ours`: written to a
/// file and read a piece at a time, keeping only what differs from ours
/// (whole where it cannot be read so); with the whole map read back.
fn beside(version: &JourneyMap, ours: &JourneyMap) -> (JourneyMap, Thinned) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("version.ron");
    let text = to_canonical(version);
    std::fs::write(&path, &text).expect("written");
    let whole = parse_str(&text, "version").expect("a valid map reads back");
    let index = MapIndex::new(ours);
    let mut sifter = Sifter::new(ours, &index);
    let read = read_sifted(&path, &mut |map, kind| sifter.sift(map, kind));
    let thinned = read
        .and_then(|(map, _)| sifter.finish(map))
        .unwrap_or_else(|| Thinned::whole(whole.clone()));
    (whole, thinned)
}

fn valid_map() -> impl Strategy<Value = JourneyMap> {
    any_map().prop_map(make_valid)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Scripts that set different fields and add different items merge
    /// cleanly into what applying one script after the other gives.
    #[test]
    fn edits_to_different_fields_merge_cleanly_into_both(base in valid_map(), mut ours in script(false), mut theirs in script(false)) {
        // Fields set first, items added last: a step's item then means the
        // same in the base as when the script reaches it.
        ours.sort_by_key(|step| matches!(step, Step::Add { .. }));
        theirs.sort_by_key(|step| matches!(step, Step::Add { .. }));
        let taken = targets(&base, &ours);
        let theirs: Vec<Step> = theirs
            .into_iter()
            .filter(|step| targets(&base, std::slice::from_ref(step)).iter().all(|t| !taken.contains(t)))
            .collect();
        let ours_map = edited(&base, &ours, "ours.");
        let theirs_map = edited(&base, &theirs, "theirs.");
        // Both scripts' effects: ours's map with the fields theirs set, as
        // theirs set them, and the items theirs added after ours's.
        let mut both = ours_map.clone();
        for (k, item, field) in targets(&base, &theirs) {
            let kind = ItemKind::ALL[k];
            let field = &kind.fields()[field];
            let value = theirs_map.value(Target::Item(kind, item), field).map(OwnedValue::from);
            if let (Some(value), Some(slot)) = (value, both.slot(Target::Item(kind, item), field)) {
                value.store(slot);
            }
        }
        for kind in ItemKind::ALL {
            for position in base.count(kind)..theirs_map.count(kind) {
                if let Some(item) = Item::get(&theirs_map, Target::Item(kind, position)) {
                    let end = both.count(kind);
                    item.insert(&mut both, end);
                }
            }
        }
        both.settle_format();
        let merged = merge_maps(&base, &ours_map, &theirs_map);
        prop_assert!(merged.is_clean(), "{:#?}", merged.conflicts);
        prop_assert_eq!(&merged.map, &both);
        prop_assert_eq!(validate(&merged.map), vec![]);
    }

    /// The same text field of an item (of any kind) set to two different
    /// values on the two sides is a conflict naming that item and field.
    #[test]
    fn the_same_field_set_differently_is_a_conflict(
        mut base in valid_map(),
        kind in 0..ItemKind::ALL.len(),
        item in any::<usize>(),
        field in any::<usize>(),
        a in "[a-z]{1,8}",
        b in "[A-Z]{1,8}",
    ) {
        let kind = ItemKind::ALL[kind];
        if base.count(kind) == 0 {
            if base.stages.is_empty() {
                Item::new(ItemKind::Stage, "first".into(), "First".into()).insert(&mut base, 0);
            }
            let mut new = Item::new(kind, "only".into(), "Only".into());
            let stage = base.stages[0].id.clone();
            for field in kind.fields() {
                if let (FieldType::Ref { optional: false, .. }, Some(Slot::Text(to))) = (field.ty, new.slot(field)) {
                    stage.clone_into(to);
                }
            }
            new.insert(&mut base, 0);
        }
        let texts: Vec<&'static Field> = kind.fields().iter().filter(|f| f.ty == FieldType::Text).collect();
        let field = texts[field % texts.len()];
        let target = Target::Item(kind, item % base.count(kind));
        let set = |map: &mut JourneyMap, value: &str| {
            if let Some(Slot::Text(to)) = map.slot(target, field) {
                value.clone_into(to);
            }
        };
        let (a, b) = (format!("{a} (ours)"), format!("{b} (theirs)"));
        let before = base.value(target, field);
        prop_assume!(before != Some(Value::Text(&a)) && before != Some(Value::Text(&b)));
        let (mut ours, mut theirs) = (base.clone(), base.clone());
        set(&mut ours, &a);
        set(&mut theirs, &b);
        let merged = merge_maps(&base, &ours, &theirs);
        let id = base.id_and_name(kind, item % base.count(kind)).map(|(id, _)| id).unwrap_or_default();
        prop_assert!(
            merged.conflicts.iter().any(|c| c.kind() == Some(kind) && c.id() == id && c.field() == Some(field)),
            "{:#?}", merged.conflicts
        );
    }

    /// Merging a version with itself gives that version, whatever the base.
    #[test]
    fn merging_identical_sides_gives_that_side(base in valid_map(), x in valid_map(), steps in script(true)) {
        let x = edited(&x, &steps, "x.");
        let merged = merge_maps(&base, &x, &x);
        prop_assert!(merged.is_clean(), "{:#?}", merged.conflicts);
        prop_assert_eq!(merged.map, x);
    }

    /// Merging the base with a version gives that version, on either side.
    #[test]
    fn merging_a_version_with_the_base_gives_that_version(base in valid_map(), steps in script(true), other in valid_map()) {
        for x in [edited(&base, &steps, "x."), other] {
            let merged = merge_maps(&base, &base, &x);
            prop_assert!(merged.is_clean(), "{:#?}", merged.conflicts);
            prop_assert_eq!(&merged.map, &x);
            let merged = merge_maps(&base, &x, &base);
            prop_assert!(merged.is_clean(), "{:#?}", merged.conflicts);
            prop_assert_eq!(&merged.map, &x);
        }
    }

    /// Base and theirs read beside ours, keeping only what differs from
    /// ours's items (as `journeymap merge` reads files), merge to the same
    /// map with the same conflicts as the whole versions.
    #[test]
    fn a_merge_beside_ours_is_the_merge_of_the_whole_versions(base in valid_map(), ours in script(true), theirs in script(true)) {
        let ours = edited(&base, &ours, "ours.");
        let theirs = edited(&base, &theirs, "theirs.");
        let (base, base_beside) = beside(&base, &ours);
        let (theirs, theirs_beside) = beside(&theirs, &ours);
        let whole = merge_maps(&base, &ours, &theirs);
        prop_assert_eq!(merge_beside_ours(&base_beside, ours, &theirs_beside), whole);
    }

    /// Whatever both sides do, the merge is clean and its map valid, or it
    /// reports conflicts; the file written for it loads back as the merged
    /// map when clean and is refused while it has markers.
    #[test]
    fn a_merge_is_valid_or_reports_a_conflict(base in valid_map(), ours in script(true), theirs in script(true)) {
        let ours = edited(&base, &ours, "ours.");
        let theirs = edited(&base, &theirs, "theirs.");
        let merged = merge_maps(&base, &ours, &theirs);
        let text = to_canonical_with_conflicts(&merged.map, &merged.conflicts, &Default::default());
        if merged.is_clean() {
            prop_assert_eq!(validate(&merged.map), vec![]);
            prop_assert_eq!(&text, &to_canonical(&merged.map));
            let back = parse_str(&text, "merged").map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(back, merged.map);
        } else if text.contains("\n<<<<<<< ours: ") {
            let error = parse_str(&text, "merged").err();
            let listed = error.map_or(0, |e| e.diagnostics.len());
            prop_assert_eq!(listed, text.matches("\n<<<<<<< ours: ").count(), "{}", text);
        }
    }
}
