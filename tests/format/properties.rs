//! Property tests of the file format: any map survives save -> load, saving
//! is idempotent, and no input bytes can make the loader panic.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use journeymap::model::schema::ChoiceSet;
use journeymap::model::typed::number_text;
use journeymap::model::{
    Campaign, Competitor, CompetitorKind, Evidence, Goal, Insight, JourneyMap, Lane, Mindset, Offer, OfferKind,
    Opportunity, OpportunityStatus, PainPoint, Persona, PersonaRole, PriceLevel, Priority, Segment, Severity, Stage,
    Strategy as CompanyStrategy, Tactic, Touchpoint, TrafficSource,
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

/// A number field's text: not set, whole, or with decimals.
fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        any::<i32>().prop_map(|n| n.to_string()),
        (-1e9..1e9f64).prop_map(|f| number_text(f).unwrap_or_default()),
    ]
}

/// A date field's text: not set, a day, a month or a quarter.
fn date() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        (2000..2100u16, 1..=12u8, 1..=28u8).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}")),
        (2000..2100u16, 1..=12u8).prop_map(|(y, m)| format!("{y}-{m:02}")),
        (2000..2100u16, 1..=4u8).prop_map(|(y, q)| format!("{y}-Q{q}")),
    ]
}

/// Any value of a choice enumeration.
fn choice<T: ChoiceSet + std::fmt::Debug>() -> impl Strategy<Value = T> {
    prop::sample::select(T::VALUES)
}

fn goal() -> impl Strategy<Value = Goal> {
    (
        (id(), text(), text(), text()),
        (number(), number(), number(), date()),
        (ids(), text(), text()),
    )
        .prop_map(
            |((id, name, metric, unit), (baseline, target, current, deadline), (stages, owner, notes))| Goal {
                id,
                name,
                metric,
                unit,
                baseline,
                target,
                current,
                deadline,
                stages,
                owner,
                notes,
            },
        )
}

fn insight() -> impl Strategy<Value = Insight> {
    (
        id(),
        text(),
        id(),
        choice::<Lane>(),
        ids(),
        choice::<Evidence>(),
        text(),
        text(),
    )
        .prop_map(|(id, name, stage, lane, personas, evidence, source, notes)| Insight {
            id,
            name,
            stage,
            lane,
            personas,
            evidence,
            source,
            notes,
        })
}

fn pain_point() -> impl Strategy<Value = PainPoint> {
    (
        id(),
        text(),
        id(),
        choice::<Severity>(),
        ids(),
        ids(),
        choice::<Evidence>(),
        text(),
        text(),
    )
        .prop_map(
            |(id, name, stage, severity, personas, touchpoints, evidence, source, notes)| PainPoint {
                id,
                name,
                stage,
                severity,
                personas,
                touchpoints,
                evidence,
                source,
                notes,
            },
        )
}

fn opportunity() -> impl Strategy<Value = Opportunity> {
    (
        (id(), text(), id(), ids()),
        (choice::<OpportunityStatus>(), choice::<Priority>(), text()),
        (ids(), ids(), choice::<Evidence>(), text(), text()),
    )
        .prop_map(
            |(
                (id, name, stage, answers),
                (status, priority, owner),
                (personas, touchpoints, evidence, source, notes),
            )| {
                Opportunity {
                    id,
                    name,
                    stage,
                    answers,
                    status,
                    priority,
                    owner,
                    personas,
                    touchpoints,
                    evidence,
                    source,
                    notes,
                }
            },
        )
}

/// A currency field's text: not set, or an ISO code.
fn currency() -> impl Strategy<Value = String> {
    prop_oneof![Just(String::new()), "[A-Z]{3}"]
}

fn offer() -> impl Strategy<Value = Offer> {
    (
        (id(), text(), choice::<OfferKind>(), id(), ids()),
        (
            number(),
            currency(),
            text(),
            prop_oneof![Just(String::new()), id()],
            text(),
        ),
    )
        .prop_map(
            |((id, name, kind, stage, segments), (price, currency, value, upgrades, notes))| Offer {
                id,
                name,
                kind,
                stage,
                segments,
                price,
                currency,
                value,
                upgrades,
                notes,
            },
        )
}

fn campaign() -> impl Strategy<Value = Campaign> {
    (
        (id(), text(), choice::<TrafficSource>(), text(), text()),
        (
            prop_oneof![Just(String::new()), id()],
            prop_oneof![Just(String::new()), id()],
            prop_oneof![Just(String::new()), id()],
            ids(),
            ids(),
            ids(),
        ),
        (text(), number(), currency(), date(), date()),
        (text(), number(), text()),
    )
        .prop_map(
            |(
                (id, name, source, channel, cta),
                (offer, from_stage, to_stage, touchpoints, personas, segments),
                (owner, budget, currency, start, end),
                (kpi, kpi_target, notes),
            )| Campaign {
                id,
                name,
                source,
                channel,
                cta,
                offer,
                from_stage,
                to_stage,
                touchpoints,
                personas,
                segments,
                owner,
                budget,
                currency,
                start,
                end,
                kpi,
                kpi_target,
                notes,
            },
        )
}

/// The brief's fields, set on `map`.
fn with_brief(map: JourneyMap) -> impl Strategy<Value = JourneyMap> {
    (
        (text(), text(), text(), text()),
        (choice::<CompanyStrategy>(), number(), text(), texts(), texts()),
        (number(), currency()),
    )
        .prop_map(
            move |(
                (business, offering, audience, not_for),
                (strategy, market_share, seasonality, lifetime_value, recent_results),
                (budget, currency),
            )| {
                JourneyMap {
                    business,
                    offering,
                    audience,
                    not_for,
                    strategy,
                    market_share,
                    seasonality,
                    lifetime_value,
                    recent_results,
                    budget,
                    currency,
                    ..map.clone()
                }
            },
        )
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
        (id(), text(), 0..4usize, text(), text(), text()),
        (ids(), texts(), texts(), text()),
        (text(), texts(), text(), choice::<PriceLevel>()),
        (number(), number(), text()),
    )
        .prop_map(
            |(
                (id, name, kind, pricing, positioning, usp),
                (segments, strengths, weaknesses, notes),
                (geography, channels, assortment, price_level),
                (rating, review_count, review_source),
            )| Competitor {
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
                geography,
                channels,
                assortment,
                price_level,
                rating,
                review_count,
                review_source,
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
        prop::collection::vec(touchpoint().prop_map(Box::new), 0..5),
        (
            prop::collection::vec(goal(), 0..3),
            prop::collection::vec(insight(), 0..3),
            prop::collection::vec(pain_point(), 0..3),
            prop::collection::vec(opportunity(), 0..3),
            prop::collection::vec(offer(), 0..3),
            prop::collection::vec(campaign(), 0..3),
        ),
    )
        .prop_map(
            |(
                title,
                framework,
                description,
                stages,
                tactics,
                segments,
                personas,
                competitors,
                touchpoints,
                (goals, insights, pain_points, opportunities, offers, campaigns),
            )| {
                JourneyMap {
                    title,
                    framework,
                    description,
                    stages,
                    tactics,
                    segments,
                    personas,
                    competitors,
                    touchpoints,
                    goals,
                    insights,
                    pain_points,
                    opportunities,
                    offers,
                    campaigns,
                    ..JourneyMap::default()
                }
            },
        )
        // Half the maps have a brief.
        .prop_flat_map(|map| prop_oneof![Just(map.clone()), with_brief(map)])
        .prop_map(|mut map| {
            // What a file with this content declares once saved.
            map.format = map.required_format();
            map
        })
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
    dedup(&mut map.goals, |s| &s.id);
    dedup(&mut map.insights, |s| &s.id);
    dedup(&mut map.pain_points, |s| &s.id);
    dedup(&mut map.opportunities, |s| &s.id);
    dedup(&mut map.offers, |s| &s.id);
    dedup(&mut map.campaigns, |s| &s.id);
    (map.business, map.offering, map.audience, map.not_for, map.seasonality) = (
        clean(&map.business),
        clean(&map.offering),
        clean(&map.audience),
        clean(&map.not_for),
        clean(&map.seasonality),
    );
    let tactic_ids: Vec<String> = map.tactics.iter().map(|t| t.id.clone()).collect();
    let segment_ids: Vec<String> = map.segments.iter().map(|t| t.id.clone()).collect();
    let persona_ids: Vec<String> = map.personas.iter().map(|t| t.id.clone()).collect();
    let stage_ids: Vec<String> = map.stages.iter().map(|t| t.id.clone()).collect();
    let keep = |list: &mut Vec<String>, valid: &[String]| {
        let mut seen = std::collections::HashSet::new();
        list.retain(|i| valid.contains(i) && seen.insert(i.clone()));
    };
    let clean_all = |list: &mut Vec<String>| list.iter_mut().for_each(|s| *s = clean(s));
    clean_all(&mut map.lifetime_value);
    clean_all(&mut map.recent_results);
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
        clean_all(&mut c.channels);
        (c.geography, c.assortment, c.review_source) =
            (clean(&c.geography), clean(&c.assortment), clean(&c.review_source));
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
    let touchpoint_ids: Vec<String> = map.touchpoints.iter().map(|t| t.id.clone()).collect();
    let pain_ids: Vec<String> = map.pain_points.iter().map(|t| t.id.clone()).collect();
    let place = |stage: &mut String, n: usize| {
        if !stage_ids.contains(stage) {
            *stage = stage_ids[n % stage_ids.len()].clone();
        }
    };
    for g in &mut map.goals {
        g.name = named(&g.name, &g.id);
        keep(&mut g.stages, &stage_ids);
        for field in [&mut g.metric, &mut g.unit, &mut g.owner, &mut g.notes] {
            *field = clean(field);
        }
    }
    map.insights.retain(|_| !stage_ids.is_empty());
    for (n, i) in map.insights.iter_mut().enumerate() {
        i.name = named(&i.name, &i.id);
        place(&mut i.stage, n);
        keep(&mut i.personas, &persona_ids);
        (i.source, i.notes) = (clean(&i.source), clean(&i.notes));
    }
    map.pain_points.retain(|_| !stage_ids.is_empty());
    for (n, p) in map.pain_points.iter_mut().enumerate() {
        p.name = named(&p.name, &p.id);
        place(&mut p.stage, n);
        keep(&mut p.personas, &persona_ids);
        keep(&mut p.touchpoints, &touchpoint_ids);
        (p.source, p.notes) = (clean(&p.source), clean(&p.notes));
    }
    map.opportunities.retain(|_| !stage_ids.is_empty());
    for (n, o) in map.opportunities.iter_mut().enumerate() {
        o.name = named(&o.name, &o.id);
        place(&mut o.stage, n);
        keep(&mut o.answers, &pain_ids);
        keep(&mut o.personas, &persona_ids);
        keep(&mut o.touchpoints, &touchpoint_ids);
        (o.owner, o.source, o.notes) = (clean(&o.owner), clean(&o.source), clean(&o.notes));
    }
    map.offers.retain(|_| !stage_ids.is_empty());
    let offer_ids: Vec<String> = map.offers.iter().map(|o| o.id.clone()).collect();
    for (n, o) in map.offers.iter_mut().enumerate() {
        o.name = named(&o.name, &o.id);
        place(&mut o.stage, n);
        keep(&mut o.segments, &segment_ids);
        if !offer_ids.contains(&o.upgrades) {
            o.upgrades.clear();
        }
        (o.value, o.notes) = (clean(&o.value), clean(&o.notes));
    }
    let known = |id: &mut String, valid: &[String]| {
        if !valid.contains(id) {
            id.clear();
        }
    };
    for c in &mut map.campaigns {
        c.name = named(&c.name, &c.id);
        known(&mut c.offer, &offer_ids);
        known(&mut c.from_stage, &stage_ids);
        known(&mut c.to_stage, &stage_ids);
        keep(&mut c.touchpoints, &touchpoint_ids);
        keep(&mut c.personas, &persona_ids);
        keep(&mut c.segments, &segment_ids);
        for field in [&mut c.channel, &mut c.cta, &mut c.owner, &mut c.kpi, &mut c.notes] {
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
