//! Generated journey maps of a chosen size, for benchmarks and profiling.
//!
//! Deterministic: the same size and seed always give the same map, so runs
//! compare like with like. The text is varied (short and long names, prose
//! with line breaks, quotes, Arabic, CJK and emoji) and every map passes
//! validation. Shared by the benches and `examples/generate_map.rs` through
//! `#[path]`; not part of the library.

#![allow(dead_code)]

use journeymap::model::schema::ChoiceSet;
use journeymap::model::{
    Campaign, Competitor, CompetitorKind, DISCIPLINES, Evidence, Goal, Insight, JourneyMap, Lane, Mindset, Opportunity,
    OpportunityStatus, PainPoint, Persona, PersonaRole, Priority, Segment, Severity, Stage, Strategy, Tactic,
    Touchpoint, TrafficSource, slugify,
};

/// How many items of each kind a generated map has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub stages: usize,
    pub tactics: usize,
    pub touchpoints: usize,
    pub personas: usize,
    pub segments: usize,
    pub competitors: usize,
}

impl Size {
    /// A workshop's first draft.
    pub const S: Size = Size {
        stages: 8,
        tactics: 20,
        touchpoints: 100,
        personas: 4,
        segments: 3,
        competitors: 5,
    };
    /// A mature plan for one business.
    pub const M: Size = Size {
        stages: 12,
        tactics: 100,
        touchpoints: 5_000,
        personas: 10,
        segments: 6,
        competitors: 12,
    };
    /// Far beyond what a person writes by hand: a generated or merged map.
    pub const L: Size = Size {
        stages: 30,
        tactics: 400,
        touchpoints: 50_000,
        personas: 20,
        segments: 10,
        competitors: 30,
    };

    /// `S`, `M` or `L` (any case).
    pub fn named(name: &str) -> Option<Size> {
        match name.to_ascii_uppercase().as_str() {
            "S" => Some(Size::S),
            "M" => Some(Size::M),
            "L" => Some(Size::L),
            _ => None,
        }
    }
}

/// The seed the benches use.
pub const SEED: u64 = 0x006a_6f75_726e_6579;

/// SplitMix64: tiny, fast and good enough to vary test data.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// `count` distinct positions in `0..n`, in random order.
    pub fn distinct(&mut self, count: usize, n: usize) -> Vec<usize> {
        let mut chosen = Vec::with_capacity(count.min(n));
        while chosen.len() < count.min(n) {
            let p = self.below(n);
            if !chosen.contains(&p) {
                chosen.push(p);
            }
        }
        chosen
    }
}

const WORDS: [&str; 64] = [
    "office",
    "coffee",
    "search",
    "guide",
    "trial",
    "launch",
    "partner",
    "review",
    "webinar",
    "checklist",
    "price",
    "calculator",
    "onboarding",
    "welcome",
    "referral",
    "upgrade",
    "renewal",
    "survey",
    "podcast",
    "newsletter",
    "booth",
    "demo",
    "case",
    "study",
    "community",
    "forum",
    "video",
    "short",
    "retargeting",
    "banner",
    "landing",
    "page",
    "free",
    "sample",
    "loyalty",
    "points",
    "reward",
    "invite",
    "friend",
    "support",
    "chat",
    "ticket",
    "quick",
    "start",
    "template",
    "pricing",
    "annual",
    "plan",
    "founder",
    "story",
    "behind",
    "scenes",
    "unboxing",
    "tasting",
    "session",
    "workshop",
    "report",
    "benchmark",
    "comparison",
    "buyer",
    "journey",
    "holiday",
    "spring",
    "campaign",
];

/// Phrases in other scripts, so that widths and escaping are exercised.
const WORLD: [&str; 16] = [
    "وعي العلامة",
    "عرض خاص",
    "هدية رمضان",
    "تجربة مجانية",
    "展示会",
    "新年セール",
    "お試しセット",
    "会员积分",
    "限时优惠",
    "직원 추천",
    "🚀 launch",
    "☕ tasting",
    "🎁 gift box",
    "✨ VIP",
    "Ünternehmen café",
    "naïve façade",
];

const CHANNELS: [&str; 12] = [
    "Google Ads",
    "Facebook",
    "Instagram",
    "LinkedIn",
    "TikTok",
    "Email",
    "Website",
    "Trade fair booth",
    "Phone",
    "In-app message",
    "WhatsApp",
    "LINE",
];

const CTAS: [&str; 8] = [
    "Book a demo",
    "Start the free trial",
    "Download the guide",
    "Order a tasting box",
    "Invite a colleague",
    "Reply to this email",
    "احجز الآن",
    "今すぐ申し込む",
];

const OWNERS: [&str; 6] = ["Marketing", "Sales", "Customer success", "Founder", "Agency", "Support"];

const METRICS: [&str; 8] = [
    "Click-through rate",
    "Cost per lead",
    "Sign-ups",
    "Replies",
    "Net promoter score",
    "Churn in the first 90 days",
    "Referral rate",
    "Attendance",
];

const STAGE_NAMES: [&str; 12] = [
    "Aware",
    "Engage",
    "Subscribe",
    "Convert",
    "Excite",
    "Ascend",
    "Advocate",
    "Promote",
    "Retention",
    "Referral",
    "Loyalty",
    "Onboarding",
];

/// A phrase of `low..=high` words, sometimes with a word from another script.
fn phrase(rng: &mut Rng, low: usize, high: usize) -> String {
    let count = rng.between(low, high);
    let mut out = String::new();
    for n in 0..count {
        if n > 0 {
            out.push(' ');
        }
        let word: &&str = if rng.chance(8) {
            rng.pick(&WORLD)
        } else {
            rng.pick(&WORDS)
        };
        out.push_str(word);
    }
    if let Some(first) = out.get(..1).filter(|f| f.is_ascii()) {
        let upper = first.to_ascii_uppercase();
        out.replace_range(..1, &upper);
    }
    out
}

/// Prose of a few sentences; sometimes quotes, sometimes a line break.
fn prose(rng: &mut Rng, sentences: usize) -> String {
    let mut out = String::new();
    for n in 0..sentences {
        if n > 0 {
            out.push_str(if rng.chance(15) { "\n" } else { " " });
        }
        out.push_str(&phrase(rng, 4, 14));
        if rng.chance(10) {
            out.push_str(", \"as customers say\"");
        }
        out.push('.');
    }
    out
}

/// Sometimes empty, sometimes a sentence or more.
fn maybe_prose(rng: &mut Rng, percent: usize, max_sentences: usize) -> String {
    if rng.chance(percent) {
        let sentences = rng.between(1, max_sentences);
        prose(rng, sentences)
    } else {
        String::new()
    }
}

fn phrases(rng: &mut Rng, max: usize) -> Vec<String> {
    let count = rng.between(0, max);
    (0..count).map(|_| phrase(rng, 2, 9)).collect()
}

/// An id from the name's first words plus a counter, so ids stay unique and short.
fn id_for(name: &str, fallback: &str, n: usize) -> String {
    let short: String = name.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
    let slug: String = slugify(&short).chars().take(40).collect();
    let slug = slug.trim_end_matches(['-', '_', '.']);
    if slug.is_empty() {
        format!("{fallback}-{n}")
    } else {
        format!("{slug}-{n}")
    }
}

/// A valid map of the given size.
pub fn generate(size: Size, seed: u64) -> JourneyMap {
    let mut rng = Rng::new(seed);
    let segments: Vec<Segment> = (0..size.segments)
        .map(|n| {
            let name = format!("{} ({})", phrase(&mut rng, 1, 4), n + 1);
            Segment {
                id: id_for(&name, "segment", n),
                description: maybe_prose(&mut rng, 80, 3),
                needs: phrases(&mut rng, 4),
                pains: phrases(&mut rng, 4),
                // The last segment of a larger map is an antisegment.
                anti: n + 1 == size.segments && size.segments > 2,
                usps: phrases(&mut rng, 3),
                name,
            }
        })
        .collect();
    let personas: Vec<Persona> = (0..size.personas)
        .map(|n| {
            let name = format!(
                "{}, {}",
                rng.pick(&["Olivia", "Karim", "Yuki", "محمد", "李娜", "Sam"]),
                phrase(&mut rng, 1, 4)
            );
            Persona {
                id: id_for(&name, "persona", n),
                segment: if segments.is_empty() || rng.chance(10) {
                    String::new()
                } else {
                    rng.pick(&segments).id.clone()
                },
                role: *rng.pick(&PersonaRole::ALL),
                description: maybe_prose(&mut rng, 70, 3),
                needs: phrases(&mut rng, 3),
                pains: phrases(&mut rng, 3),
                goals: phrases(&mut rng, 3),
                channels: (0..rng.below(4)).map(|_| rng.pick(&CHANNELS).to_string()).collect(),
                name,
            }
        })
        .collect();
    let tactics: Vec<Tactic> = (0..size.tactics)
        .map(|n| {
            let name = phrase(&mut rng, 1, 5);
            Tactic {
                id: id_for(&name, "tactic", n),
                discipline: match rng.below(20) {
                    0 => String::new(),
                    1 => "Partnerships".to_string(),
                    _ => rng.pick(&DISCIPLINES).to_string(),
                },
                description: maybe_prose(&mut rng, 50, 2),
                name,
            }
        })
        .collect();
    let stages: Vec<Stage> = (0..size.stages)
        .map(|n| {
            let name = match STAGE_NAMES.get(n) {
                Some(known) if rng.chance(70) => (*known).to_string(),
                _ => phrase(&mut rng, 1, 3),
            };
            let planned = rng.between(2, 8).min(size.tactics);
            Stage {
                id: id_for(&name, "stage", n),
                goal: maybe_prose(&mut rng, 90, 2),
                mindset: *rng.pick(&Mindset::ALL),
                create: phrases(&mut rng, 5),
                track: phrases(&mut rng, 4),
                watch_out: maybe_prose(&mut rng, 60, 2),
                tactics: rng
                    .distinct(planned, size.tactics)
                    .into_iter()
                    .map(|t| tactics[t].id.clone())
                    .collect(),
                emotion: rng.between(0, 4) as i8 - 2,
                notes: maybe_prose(&mut rng, 30, 3),
                name,
            }
        })
        .collect();
    let competitors: Vec<Competitor> = (0..size.competitors)
        .map(|n| {
            let name = phrase(&mut rng, 1, 3);
            let targets = rng.between(0, 3);
            Competitor {
                id: id_for(&name, "competitor", n),
                kind: *rng.pick(&CompetitorKind::ALL),
                pricing: if rng.chance(60) {
                    format!("${} a month", rng.between(5, 500))
                } else {
                    String::new()
                },
                positioning: maybe_prose(&mut rng, 70, 2),
                usp: if rng.chance(80) {
                    phrase(&mut rng, 3, 8)
                } else {
                    String::new()
                },
                segments: rng
                    .distinct(targets, size.segments)
                    .into_iter()
                    .map(|s| segments[s].id.clone())
                    .collect(),
                strengths: phrases(&mut rng, 3),
                weaknesses: phrases(&mut rng, 3),
                notes: maybe_prose(&mut rng, 30, 2),
                name,
                ..Competitor::default()
            }
        })
        .collect();
    let touchpoints: Vec<Box<Touchpoint>> = (0..size.touchpoints)
        .map(|n| {
            let name = phrase(&mut rng, 2, 9);
            let tactic_count = match rng.below(10) {
                0 => 0,
                1..=6 => 1,
                7 | 8 => 2,
                _ => 3,
            };
            let persona_count = match rng.below(10) {
                0..=3 => 0,
                4..=7 => 1,
                _ => 2,
            };
            Box::new(Touchpoint {
                id: id_for(&name, "touchpoint", n),
                stage: rng.pick(&stages).id.clone(),
                tactics: rng
                    .distinct(tactic_count, size.tactics)
                    .into_iter()
                    .map(|t| tactics[t].id.clone())
                    .collect(),
                personas: rng
                    .distinct(persona_count, size.personas)
                    .into_iter()
                    .map(|p| personas[p].id.clone())
                    .collect(),
                // None: the generated maps stay format 1, as the figures
                // in BENCHMARKS.md were measured on.
                emotion: None,
                channel: if rng.chance(80) {
                    rng.pick(&CHANNELS).to_string()
                } else {
                    String::new()
                },
                cta: if rng.chance(60) {
                    rng.pick(&CTAS).to_string()
                } else {
                    String::new()
                },
                owner: if rng.chance(50) {
                    rng.pick(&OWNERS).to_string()
                } else {
                    String::new()
                },
                metric: if rng.chance(50) {
                    rng.pick(&METRICS).to_string()
                } else {
                    String::new()
                },
                notes: maybe_prose(&mut rng, 35, 3),
                name,
            })
        })
        .collect();
    JourneyMap {
        title: format!("Generated journey: {} touchpoints 🚀", size.touchpoints),
        framework: "customer-value-journey".to_string(),
        description: prose(&mut rng, 3),
        stages,
        tactics,
        segments,
        personas,
        competitors,
        touchpoints,
        ..JourneyMap::default()
    }
}

/// A later version of `map`, as a week of edits would leave it: about one
/// item in a hundred renamed or re-planned, touchpoints moved between stages,
/// a few added and removed, one stage moved. Still valid.
pub fn revise(map: &JourneyMap, seed: u64) -> JourneyMap {
    let mut rng = Rng::new(seed ^ 0x5eed);
    let mut new = map.clone();
    new.title.push_str(" (revised)");
    let edits = (map.touchpoints.len() / 100).max(3);
    for _ in 0..edits {
        if new.touchpoints.is_empty() {
            break;
        }
        let t = rng.below(new.touchpoints.len());
        match rng.below(5) {
            0 => new.touchpoints[t].name = phrase(&mut rng, 2, 9),
            1 if !new.stages.is_empty() => new.touchpoints[t].stage = rng.pick(&new.stages).id.clone(),
            2 if !new.tactics.is_empty() => {
                let tactic = rng.pick(&new.tactics).id.clone();
                if !new.touchpoints[t].tactics.contains(&tactic) {
                    new.touchpoints[t].tactics.push(tactic);
                }
            }
            3 => new.touchpoints[t].notes = prose(&mut rng, 2),
            _ => {
                new.touchpoints.remove(t);
            }
        }
    }
    for n in 0..edits / 2 {
        let name = phrase(&mut rng, 2, 9);
        let stage = new.stages.first().map(|s| s.id.clone()).unwrap_or_default();
        new.touchpoints.push(Box::new(Touchpoint {
            id: id_for(&name, "touchpoint", map.touchpoints.len() + n),
            name,
            stage,
            ..Touchpoint::default()
        }));
    }
    if let Some(stage) = new.stages.first_mut() {
        stage.name.push_str(" and discover");
    }
    if new.stages.len() > 2 {
        let moved = new.stages.remove(1);
        new.stages.push(moved);
    }
    if let Some(tactic) = new.tactics.last_mut() {
        tactic.discipline = "Partnerships".to_string();
    }
    new
}

/// `map` with a playbook: a brief, `count / 100` goals, `count / 5` lane
/// insights, and `count` pain points and `count` opportunities answering
/// them, spread over the stages, with mixed evidence.
pub fn with_playbook(map: &JourneyMap, count: usize, seed: u64) -> JourneyMap {
    let mut rng = Rng::new(seed ^ 0x706c_6179);
    let mut map = map.clone();
    let stages: Vec<String> = map.stages.iter().map(|s| s.id.clone()).collect();
    let personas: Vec<String> = map.personas.iter().map(|p| p.id.clone()).collect();
    let touchpoints = map.touchpoints.len();
    map.business = prose(&mut rng, 2);
    map.offering = prose(&mut rng, 1);
    map.audience = prose(&mut rng, 1);
    map.strategy = *rng.pick(Strategy::VALUES);
    map.market_share = format!("{}.{}", rng.below(40), rng.below(10));
    map.recent_results = (1..=6)
        .map(|m| format!("2026-{m:02}: {} leads", rng.between(50, 900)))
        .collect();
    let evidence = |rng: &mut Rng| *rng.pick(Evidence::VALUES);
    map.goals = (0..count / 100)
        .map(|n| Goal {
            id: format!("goal-{n}"),
            name: phrase(&mut rng, 2, 7),
            metric: phrase(&mut rng, 1, 4),
            unit: "leads".to_string(),
            baseline: rng.below(500).to_string(),
            target: rng.between(500, 2000).to_string(),
            current: rng.below(2000).to_string(),
            deadline: format!("202{}-Q{}", rng.between(5, 8), rng.between(1, 4)),
            stages: vec![rng.pick(&stages).clone()],
            ..Goal::default()
        })
        .collect();
    map.insights = (0..count / 5)
        .map(|n| Insight {
            id: format!("insight-{n}"),
            name: phrase(&mut rng, 3, 10),
            stage: rng.pick(&stages).clone(),
            lane: *rng.pick(Lane::VALUES),
            evidence: evidence(&mut rng),
            ..Insight::default()
        })
        .collect();
    map.pain_points = (0..count)
        .map(|n| PainPoint {
            id: format!("pain-{n}"),
            name: phrase(&mut rng, 3, 9),
            stage: rng.pick(&stages).clone(),
            severity: *rng.pick(Severity::VALUES),
            personas: if rng.chance(30) && !personas.is_empty() {
                vec![rng.pick(&personas).clone()]
            } else {
                Vec::new()
            },
            touchpoints: if rng.chance(40) && touchpoints > 0 {
                vec![map.touchpoints[rng.below(touchpoints)].id.clone()]
            } else {
                Vec::new()
            },
            evidence: evidence(&mut rng),
            notes: maybe_prose(&mut rng, 20, 2),
            ..PainPoint::default()
        })
        .collect();
    map.opportunities = (0..count)
        .map(|n| {
            let answers = if count > 0 && rng.chance(80) {
                vec![format!("pain-{}", rng.below(count))]
            } else {
                Vec::new()
            };
            let stage = match answers
                .first()
                .and_then(|id| map.pain_points.iter().find(|p| &p.id == id))
            {
                Some(pain) => pain.stage.clone(),
                None => rng.pick(&stages).clone(),
            };
            Opportunity {
                id: format!("opportunity-{n}"),
                name: phrase(&mut rng, 2, 8),
                stage,
                answers,
                status: *rng.pick(OpportunityStatus::VALUES),
                priority: *rng.pick(Priority::VALUES),
                evidence: evidence(&mut rng),
                ..Opportunity::default()
            }
        })
        .collect();
    map.settle_format();
    map
}

/// `map` with `count` campaigns, each moving people from a stage to
/// another (mostly the next one, some back), with dates, a budget and a few
/// of the touchpoints at its stages.
pub fn with_campaigns(map: &JourneyMap, count: usize, seed: u64) -> JourneyMap {
    let mut rng = Rng::new(seed ^ 0x6361_6d70);
    let mut map = map.clone();
    let stages = map.stages.len();
    if stages < 2 {
        return map;
    }
    let touchpoints = map.touchpoints.len();
    map.campaigns = (0..count)
        .map(|n| {
            let from = rng.below(stages - 1);
            let to = if rng.chance(10) { rng.below(from + 1) } else { from + 1 };
            let start_month = rng.between(1, 12);
            Campaign {
                id: format!("campaign-{n}"),
                name: phrase(&mut rng, 2, 6),
                source: *rng.pick(TrafficSource::VALUES),
                cta: phrase(&mut rng, 2, 5),
                from_stage: map.stages[from].id.clone(),
                to_stage: map.stages[to].id.clone(),
                touchpoints: (0..rng.below(3))
                    .filter(|_| touchpoints > 0)
                    .map(|_| map.touchpoints[rng.below(touchpoints)].id.clone())
                    .collect(),
                budget: (rng.between(1, 50) * 1000).to_string(),
                currency: "EUR".to_string(),
                start: format!("2026-{start_month:02}-01"),
                end: format!("2027-{:02}-28", rng.between(1, 12)),
                ..Campaign::default()
            }
        })
        .collect();
    map.settle_format();
    map
}
