use super::*;
use crate::analysis::sample_map;

const TOUCHPOINT: ItemKind = ItemKind::Touchpoint;

/// Each item of `version` as it reads it: its id and name, in its order.
fn items<'m>(version: &Version<'m>, kind: ItemKind) -> Vec<(&'m str, &'m str)> {
    (0..version.count(kind))
        .map(|position| version.id_and_name(kind, position).unwrap_or(("?", "?")))
        .collect()
}

#[test]
fn items_the_map_beside_holds_unchanged_are_left_out_and_read_from_it() {
    let beside = sample_map();
    let mut version = beside.clone();
    version.title = "Bean Box, older".into();
    version.touchpoints[1].name = "Radio".into();
    version.touchpoints.swap(0, 2);
    version.touchpoints.push(version.touchpoints[1].clone());
    version.touchpoints[4].id = "only-here".into();

    let thinned = read_beside(&version, &beside);
    let held: Vec<&str> = thinned.map.touchpoints.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(held, ["radio", "only-here"], "only what differs is held");
    assert_eq!(thinned.map.title, "Bean Box, older", "the map's own fields are kept");
    assert!(thinned.map.stages.is_empty() && thinned.map.tactics.is_empty());

    let index = MapIndex::new(&beside);
    let read = Version::thinned(&thinned, &beside, &index);
    for kind in ItemKind::ALL {
        assert_eq!(items(&read, kind), version.ids_and_names(kind), "{}", kind.noun());
        assert!(!read.repeats(kind));
        for (position, (id, _)) in version.ids_and_names(kind).into_iter().enumerate() {
            assert_eq!(read.position(kind, id, &index), Some(position), "{id}");
        }
    }
    // `flyer` is first in this version, third beside: read from there.
    assert_eq!(read.at(TOUCHPOINT, 0), HeldIn::Beside(2));
    assert_eq!(read.at(TOUCHPOINT, 1), HeldIn::Own(0));
    assert_eq!(read.at(TOUCHPOINT, 4), HeldIn::Own(1));
    assert_eq!(read.at(TOUCHPOINT, 5), HeldIn::Own(usize::MAX), "no such item");
    assert_eq!(read.position(TOUCHPOINT, "nowhere", &index), None);
}

#[test]
fn a_version_read_whole_holds_every_item_and_fits_any_map() {
    let map = sample_map();
    let whole = Thinned::whole(map.clone());
    assert_eq!(whole.map, map);
    assert!(whole.fits(&JourneyMap::default()));
    let index = MapIndex::new(&map);
    let read = Version::thinned(&whole, &map, &index);
    assert_eq!(items(&read, TOUCHPOINT), map.ids_and_names(TOUCHPOINT));
    assert!((0..map.touchpoints.len()).all(|n| read.at(TOUCHPOINT, n) == HeldIn::Own(n)));

    let thinned = read_beside(&map, &map);
    assert!(thinned.map.touchpoints.is_empty());
    assert!(thinned.fits(&map));
    let mut fewer = map.clone();
    fewer.touchpoints.pop();
    assert!(!thinned.fits(&fewer), "left-out items point into a map of this size");
}

#[test]
fn a_reading_that_skipped_the_sifter_is_not_a_version() {
    let beside = sample_map();
    let index = MapIndex::new(&beside);
    assert!(Sifter::new(&beside, &index).finish(beside.clone()).is_none());

    // An item noted as held that the map read does not hold.
    let mut read = JourneyMap::default();
    read.touchpoints.push(beside.touchpoints[0].clone());
    read.touchpoints[0].name = "Changed".into();
    let mut sifter = Sifter::new(&beside, &index);
    sifter.sift(&mut read, TOUCHPOINT);
    assert_eq!(read.touchpoints.len(), 1, "a changed item is held");
    read.touchpoints.clear();
    assert!(sifter.finish(read).is_none());
}

#[test]
fn a_repeated_id_is_found_at_its_first_item_held_or_left_out() {
    let beside = sample_map();
    let index = MapIndex::new(&beside);
    let mut changed = beside.touchpoints[0].clone();
    changed.cta = "Changed".into();
    let unchanged = beside.touchpoints[0].clone();
    // `ad` twice: each time left out, changed then left out, left out
    // then changed.
    let cases = [
        (
            unchanged.clone(),
            unchanged.clone(),
            [HeldIn::Beside(0), HeldIn::Beside(0)],
        ),
        (changed.clone(), unchanged.clone(), [HeldIn::Own(0), HeldIn::Beside(0)]),
        (unchanged, changed, [HeldIn::Beside(0), HeldIn::Own(0)]),
    ];
    for (first, second, at) in cases {
        let mut version = beside.clone();
        version.touchpoints.insert(0, first);
        version.touchpoints[1] = second;
        let thinned = read_beside(&version, &beside);
        assert!(thinned.repeats_an_id(&beside, &index));
        assert!(repeats_an_id(&version));
        let read = Version::thinned(&thinned, &beside, &index);
        assert!(read.repeats(TOUCHPOINT) && !read.repeats(ItemKind::Stage));
        assert_eq!(read.position(TOUCHPOINT, "ad", &index), Some(0));
        assert_eq!([read.at(TOUCHPOINT, 0), read.at(TOUCHPOINT, 1)], at);
        assert_eq!(items(&read, TOUCHPOINT), version.ids_and_names(TOUCHPOINT));
    }
    assert!(!repeats_an_id(&beside));
}
