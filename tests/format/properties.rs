//! Property tests of the file format: any map survives save -> load, saving
//! is idempotent, and no input bytes can make the loader panic.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use journeymap::model::{
    Competitor, CompetitorKind, JourneyMap, Mindset, Persona, PersonaRole, Segment, Stage, Tactic, Touchpoint,
};
use journeymap::store::{parse_bytes, parse_str, parse_unvalidated, to_canonical};
use proptest::prelude::*;

/// Text of every kind a user or a stranger may write: scripts, quotes,
/// backslashes, escapes, RON punctuation, line breaks.
pub(crate) fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-zA-Z0-9 ,.()\\[\\]:\"\\\\/#*-]{0,24}",
        "[\u{600}-\u{6ff} \u{4e00}-\u{4e20}\u{1f600}-\u{1f640}]{0,12}",
        any::<String>().prop_map(|s| s.chars().take(20).collect()),
    ]
}

fn texts() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(text(), 0..3)
}

fn id() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9-]{0,8}"
}

fn ids() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(id(), 0..4)
}

fn stage() -> impl Strategy<Value = Stage> {
    (
        id(),
        text(),
        text(),
        0..4usize,
        texts(),
        texts(),
        text(),
        ids(),
        any::<i8>(),
        text(),
    )
        .prop_map(
            |(id, name, goal, mindset, create, track, watch_out, tactics, emotion, notes)| Stage {
                id,
                name,
                goal,
                mindset: Mindset::ALL[mindset],
                create,
                track,
                watch_out,
                tactics,
                emotion,
                notes,
            },
        )
}

fn tactic() -> impl Strategy<Value = Tactic> {
    (id(), text(), text(), text()).prop_map(|(id, name, discipline, description)| Tactic {
        id,
        name,
        discipline,
        description,
    })
}

fn segment() -> impl Strategy<Value = Segment> {
    (id(), text(), text(), texts(), texts(), any::<bool>(), texts()).prop_map(
        |(id, name, description, needs, pains, anti, usps)| Segment {
            id,
            name,
            description,
            needs,
            pains,
            anti,
            usps,
        },
    )
}

fn persona() -> impl Strategy<Value = Persona> {
    (
        id(),
        text(),
        prop_oneof![Just(String::new()), id()],
        0..6usize,
        text(),
        texts(),
        texts(),
        texts(),
        texts(),
    )
        .prop_map(
            |(id, name, segment, role, description, needs, pains, goals, channels)| Persona {
                id,
                name,
                segment,
                role: PersonaRole::ALL[role],
                description,
                needs,
                pains,
                goals,
                channels,
            },
        )
}

fn competitor() -> impl Strategy<Value = Competitor> {
    (
        id(),
        text(),
        0..4usize,
        text(),
        text(),
        text(),
        ids(),
        texts(),
        texts(),
        text(),
    )
        .prop_map(
            |(id, name, kind, pricing, positioning, usp, segments, strengths, weaknesses, notes)| Competitor {
                id,
                name,
                kind: CompetitorKind::ALL[kind],
                pricing,
                positioning,
                usp,
                segments,
                strengths,
                weaknesses,
                notes,
            },
        )
}

fn touchpoint() -> impl Strategy<Value = Touchpoint> {
    (
        id(),
        text(),
        id(),
        ids(),
        ids(),
        prop::option::of(any::<i8>()),
        text(),
        text(),
        text(),
        text(),
        text(),
    )
        .prop_map(
            |(id, name, stage, tactics, personas, emotion, channel, cta, owner, metric, notes)| Touchpoint {
                id,
                name,
                stage,
                tactics,
                personas,
                emotion,
                channel,
                cta,
                owner,
                metric,
                notes,
            },
        )
}

/// Any map the types can hold, valid or not: the format must carry all of it.
pub(crate) fn any_map() -> impl Strategy<Value = JourneyMap> {
    (
        text(),
        text(),
        text(),
        prop::collection::vec(stage(), 0..4),
        prop::collection::vec(tactic(), 0..4),
        prop::collection::vec(segment(), 0..3),
        prop::collection::vec(persona(), 0..3),
        prop::collection::vec(competitor(), 0..3),
        prop::collection::vec(touchpoint(), 0..5),
    )
        .prop_map(
            |(title, framework, description, stages, tactics, segments, personas, competitors, touchpoints)| {
                let mut map = JourneyMap {
                    format: 1,
                    title,
                    framework,
                    description,
                    stages,
                    tactics,
                    segments,
                    personas,
                    competitors,
                    touchpoints,
                };
                // What a file with this content declares once saved.
                map.format = map.required_format();
                map
            },
        )
}

/// Makes a generated map valid: unique ids, resolvable references, names
/// and values within the rules.
pub(crate) fn make_valid(mut map: JourneyMap) -> JourneyMap {
    fn dedup<T>(items: &mut Vec<T>, id: impl Fn(&T) -> &String) {
        let mut seen = std::collections::HashSet::new();
        items.retain(|i| seen.insert(id(i).clone()));
    }
    let clean = |s: &str| {
        s.chars()
            .filter(|c| !c.is_control() && !('\u{202a}'..='\u{2069}').contains(c))
            .collect::<String>()
    };
    let named = |s: &str, id: &str| match clean(s) {
        s if s.trim().is_empty() => id.to_uppercase(),
        s => s,
    };
    map.title = named(&map.title, "map");
    map.framework = clean(&map.framework);
    map.description = clean(&map.description);
    dedup(&mut map.stages, |s| &s.id);
    dedup(&mut map.tactics, |s| &s.id);
    dedup(&mut map.segments, |s| &s.id);
    dedup(&mut map.personas, |s| &s.id);
    dedup(&mut map.competitors, |s| &s.id);
    dedup(&mut map.touchpoints, |s| &s.id);
    let tactic_ids: Vec<String> = map.tactics.iter().map(|t| t.id.clone()).collect();
    let segment_ids: Vec<String> = map.segments.iter().map(|t| t.id.clone()).collect();
    let persona_ids: Vec<String> = map.personas.iter().map(|t| t.id.clone()).collect();
    let stage_ids: Vec<String> = map.stages.iter().map(|t| t.id.clone()).collect();
    let keep = |list: &mut Vec<String>, valid: &[String]| {
        let mut seen = std::collections::HashSet::new();
        list.retain(|i| valid.contains(i) && seen.insert(i.clone()));
    };
    let clean_all = |list: &mut Vec<String>| list.iter_mut().for_each(|s| *s = clean(s));
    for s in &mut map.stages {
        s.name = named(&s.name, &s.id);
        s.emotion = s.emotion.clamp(-2, 2);
        keep(&mut s.tactics, &tactic_ids);
        (s.goal, s.watch_out, s.notes) = (clean(&s.goal), clean(&s.watch_out), clean(&s.notes));
        clean_all(&mut s.create);
        clean_all(&mut s.track);
    }
    for t in &mut map.tactics {
        t.name = named(&t.name, &t.id);
        (t.discipline, t.description) = (clean(&t.discipline), clean(&t.description));
    }
    for s in &mut map.segments {
        s.name = named(&s.name, &s.id);
        s.description = clean(&s.description);
        clean_all(&mut s.needs);
        clean_all(&mut s.pains);
        clean_all(&mut s.usps);
    }
    for p in &mut map.personas {
        p.name = named(&p.name, &p.id);
        if !segment_ids.contains(&p.segment) {
            p.segment.clear();
        }
        p.description = clean(&p.description);
        for list in [&mut p.needs, &mut p.pains, &mut p.goals, &mut p.channels] {
            clean_all(list);
        }
    }
    for c in &mut map.competitors {
        c.name = named(&c.name, &c.id);
        keep(&mut c.segments, &segment_ids);
        (c.pricing, c.positioning, c.usp, c.notes) =
            (clean(&c.pricing), clean(&c.positioning), clean(&c.usp), clean(&c.notes));
        clean_all(&mut c.strengths);
        clean_all(&mut c.weaknesses);
    }
    map.touchpoints.retain(|_| !stage_ids.is_empty());
    for (n, t) in map.touchpoints.iter_mut().enumerate() {
        t.name = named(&t.name, &t.id);
        if !stage_ids.contains(&t.stage) {
            t.stage = stage_ids[n % stage_ids.len()].clone();
        }
        keep(&mut t.tactics, &tactic_ids);
        keep(&mut t.personas, &persona_ids);
        t.emotion = t.emotion.map(|e| e.clamp(-2, 2));
        for field in [&mut t.channel, &mut t.cta, &mut t.owner, &mut t.metric, &mut t.notes] {
            *field = clean(field);
        }
    }
    // Touchpoints may have gone, and with them what needed format 2.
    map.format = map.required_format();
    map
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn save_then_load_gives_the_same_map(map in any_map()) {
        let text = to_canonical(&map);
        let back = parse_unvalidated(&text, "generated").map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(back, map);
    }

    #[test]
    fn saving_is_idempotent(map in any_map()) {
        let once = to_canonical(&map);
        let back = parse_unvalidated(&once, "generated").map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(to_canonical(&back), once);
    }

    #[test]
    fn valid_maps_pass_validation_after_a_round_trip(map in any_map().prop_map(make_valid)) {
        let text = to_canonical(&map);
        let back = parse_str(&text, "generated").map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(back, map);
    }

    #[test]
    fn arbitrary_bytes_never_panic_the_loader(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = parse_bytes(&bytes, "fuzz");
    }

    #[test]
    fn mangled_maps_never_panic_the_loader(map in any_map(), cut in any::<prop::sample::Index>(), junk in "[\\[\\](){}\",:a-z\u{0}\u{1b}]{0,8}") {
        let text = to_canonical(&map);
        let mut at = cut.index(text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let mangled = format!("{}{}{}", &text[..at], junk, &text[at..]);
        let _ = parse_bytes(mangled.as_bytes(), "fuzz");
        let _ = parse_bytes(&text.as_bytes()[..at], "fuzz");
    }
}

proptest! {
    // Through the disk: atomic save, size-limited read, decoding (BOM, CRLF)
    // and validation, as the commands do. Fewer cases: each one syncs a file.
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn save_to_disk_then_load_gives_the_same_map(map in any_map().prop_map(make_valid)) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.ron");
        let stamp = journeymap::store::save(&path, &map, None).unwrap();
        let loaded = journeymap::store::load(&path).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(loaded.stamp, stamp);
        prop_assert_eq!(loaded.map, map);
    }
}
