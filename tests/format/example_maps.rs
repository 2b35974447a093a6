#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The example maps in `maps/`: they load, they are canonical, and each one
//! shows what it is there to show.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use journeymap::model::JourneyMap;
use journeymap::store::{load, to_canonical};
use journeymap::templates;

fn maps_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("maps")
}

fn example(name: &str) -> JourneyMap {
    let path = maps_dir().join(name);
    load(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())).map
}

fn example_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(maps_dir())
        .expect("maps/ exists")
        .map(|entry| entry.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    files
}

/// Every name a reader sees in reports: the title and each item's name.
fn all_names(map: &JourneyMap) -> Vec<&str> {
    let mut names = vec![map.title.as_str()];
    names.extend(map.stages.iter().map(|s| s.name.as_str()));
    names.extend(map.tactics.iter().map(|t| t.name.as_str()));
    names.extend(map.segments.iter().map(|s| s.name.as_str()));
    names.extend(map.personas.iter().map(|p| p.name.as_str()));
    names.extend(map.competitors.iter().map(|c| c.name.as_str()));
    names.extend(map.touchpoints.iter().map(|t| t.name.as_str()));
    names
}

fn stages_without_touchpoints(map: &JourneyMap) -> Vec<&str> {
    map.stages
        .iter()
        .filter(|s| !map.touchpoints.iter().any(|t| t.stage == s.id))
        .map(|s| s.id.as_str())
        .collect()
}

#[test]
fn every_example_loads_and_is_canonical() {
    let files = example_files();
    assert!(files.len() >= 4, "expected at least four example maps, found {files:?}");
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let loaded = load(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let canonical = to_canonical(&loaded.map);
        assert!(
            canonical.as_bytes() == bytes.as_slice(),
            "{} is not in canonical form: run `journeymap fmt` on it",
            path.display()
        );
    }
}

#[test]
fn every_example_follows_its_framework_stages() {
    for path in example_files() {
        let map = load(&path).unwrap().map;
        let template = templates::find(&map.framework)
            .unwrap_or_else(|| panic!("{}: unknown framework `{}`", path.display(), map.framework));
        let expected = template.map().unwrap().stages.len();
        assert_eq!(
            map.stages.len(),
            expected,
            "{} has as many stages as framework {}",
            path.display(),
            map.framework
        );
        assert!(
            stages_without_touchpoints(&map).is_empty(),
            "{}: stages without touchpoints: {:?}",
            path.display(),
            stages_without_touchpoints(&map)
        );
    }
}

#[test]
fn value_journey_example_is_complete() {
    let map = example("bean-box-coffee.ron");
    assert_eq!(map.framework, "customer-value-journey");
    let ids: Vec<&str> = map.stages.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "aware",
            "engage",
            "subscribe",
            "convert",
            "excite",
            "ascend",
            "advocate",
            "promote"
        ]
    );
    assert!(stages_without_touchpoints(&map).is_empty());
    assert!(map.segments.iter().any(|s| s.anti), "has an antisegment");
    for segment in map.segments.iter().filter(|s| !s.anti) {
        assert!(!segment.usps.is_empty(), "segment {} has a USP", segment.id);
    }
    for persona in &map.personas {
        let segment = map.segments.iter().find(|s| s.id == persona.segment);
        assert!(
            segment.is_some_and(|s| !s.anti),
            "persona {} belongs to a targeted segment",
            persona.id
        );
    }
    assert!(map.stages.iter().any(|s| s.emotion < 0), "the journey has a dip");
    assert!(map.competitors.len() >= 3);
    // The matrix must have "planned" cells: a stage tactic no touchpoint of that stage uses yet.
    let planned_only = map.stages.iter().any(|s| {
        s.tactics.iter().any(|tactic| {
            !map.touchpoints
                .iter()
                .any(|t| t.stage == s.id && t.tactics.contains(tactic))
        })
    });
    assert!(
        planned_only,
        "at least one planned tactic is not yet carried by a touchpoint"
    );
}

#[test]
fn atv_example_has_the_five_segments_and_an_antisegment() {
    let map = example("amphibious-atv.ron");
    assert_eq!(map.framework, "customer-path");
    let targeted: BTreeSet<&str> = map.segments.iter().filter(|s| !s.anti).map(|s| s.id.as_str()).collect();
    let expected: BTreeSet<&str> = [
        "emergency-services",
        "fishermen",
        "oil-workers",
        "extreme-sport",
        "hunters",
    ]
    .into_iter()
    .collect();
    assert_eq!(targeted, expected);
    for segment in map.segments.iter().filter(|s| !s.anti) {
        assert!(segment.usps.len() >= 2, "segment {} has its USPs", segment.id);
        assert!(
            map.personas.iter().any(|p| p.segment == segment.id),
            "segment {} has a persona",
            segment.id
        );
    }
    let hunters = map.segments.iter().find(|s| s.id == "hunters").unwrap();
    assert_eq!(hunters.usps.len(), 3);
    assert_eq!(map.segments.iter().filter(|s| s.anti).count(), 1);
    assert!(map.description.contains("400 first enquiries"));
    let kinds: BTreeSet<_> = map.competitors.iter().map(|c| c.kind.label()).collect();
    assert_eq!(
        kinds.len(),
        4,
        "direct, indirect, foreign and substitute competitors: {kinds:?}"
    );
}

fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

fn is_emoji(c: char) -> bool {
    matches!(c, '\u{1F000}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}')
}

#[test]
fn wide_text_example_mixes_scripts_and_emoji() {
    let map = example("souk-to-shelf.ron");
    let names = all_names(&map);
    let with = |test: fn(char) -> bool| names.iter().filter(|n| n.chars().any(test)).count();
    assert!(with(is_arabic) >= 5, "Arabic names");
    assert!(with(is_cjk) >= 5, "Japanese or Chinese names");
    assert!(with(is_emoji) >= 5, "emoji names");
    // Some names mix all three, which is what alignment must survive.
    assert!(
        names
            .iter()
            .any(|n| n.chars().any(is_arabic) && n.chars().any(is_cjk) && n.chars().any(is_emoji)),
        "a name mixes Arabic, CJK and emoji"
    );
    let non_ascii_ids = map
        .stages
        .iter()
        .map(|s| &s.id)
        .chain(map.tactics.iter().map(|t| &t.id))
        .chain(map.segments.iter().map(|s| &s.id))
        .filter(|id| !id.is_ascii())
        .count();
    assert!(non_ascii_ids >= 2, "a few ids use non-ASCII letters");
}
