//! The details pane: every field of the selected item, plus what refers to it.

use ratatui::text::{Line, Span};

use super::lists::{id_name, name_of};
use super::{dim_style, field_lines, label_style};
use crate::model::{ItemKind, JourneyMap};
use crate::text::sanitize;
use crate::tui::form::emotion_label;

const LABEL: usize = 13;

struct Out {
    lines: Vec<Line<'static>>,
    cells: usize,
}

impl Out {
    fn field(&mut self, label: &str, value: &str) {
        if value.is_empty() {
            return;
        }
        self.lines.extend(field_lines(label, value, self.cells, LABEL));
    }

    fn always(&mut self, label: &str, value: &str) {
        self.lines.extend(field_lines(label, value, self.cells, LABEL));
    }

    fn list(&mut self, label: &str, items: &[String]) {
        if items.is_empty() {
            return;
        }
        self.lines
            .push(Line::from(Span::styled(label.to_string(), label_style())));
        for item in items {
            self.lines.extend(field_lines("  •", item, self.cells, 4));
        }
    }

    fn refs(&mut self, label: &str, map: &JourneyMap, kind: ItemKind, ids: &[String], empty: &str) {
        let names: Vec<String> = ids
            .iter()
            .map(|id| name_of(map, kind, id).unwrap_or(id).to_string())
            .collect();
        let value = if names.is_empty() {
            empty.to_string()
        } else {
            names.join(", ")
        };
        self.field(label, &value);
    }

    fn used_by(&mut self, label: &str, names: Vec<&str>) {
        if names.is_empty() {
            return;
        }
        let n = names.len();
        let mut shown: Vec<String> = names.iter().take(8).map(|s| sanitize(s).into_owned()).collect();
        if n > 8 {
            shown.push(format!("… and {} more", n - 8));
        }
        self.field(label, &format!("{n}: {}", shown.join(", ")));
    }
}

/// The detail lines of one item, at most `cells` wide.
pub fn lines(map: &JourneyMap, kind: ItemKind, index: usize, cells: usize) -> Vec<Line<'static>> {
    let mut out = Out {
        lines: Vec::new(),
        cells,
    };
    let Some((id, name)) = id_name(map, kind, index) else {
        return out.lines;
    };
    out.lines.push(Line::styled(sanitize(name).into_owned(), label_style()));
    out.lines
        .push(Line::styled(format!("id: {}", sanitize(id)), dim_style()));
    match kind {
        ItemKind::Stage => {
            let s = &map.stages[index];
            out.field("Goal", &s.goal);
            out.always("Mindset", s.mindset.label());
            out.always("Emotion", emotion_label(s.emotion).trim());
            out.refs("Tactics", map, ItemKind::Tactic, &s.tactics, "");
            out.list("Create", &s.create);
            out.list("Track", &s.track);
            out.field("Watch out", &s.watch_out);
            out.field("Notes", &s.notes);
            let tps = map
                .touchpoints
                .iter()
                .filter(|t| t.stage == s.id)
                .map(|t| t.name.as_str())
                .collect();
            out.used_by("Touchpoints", tps);
        }
        ItemKind::Touchpoint => {
            let t = &map.touchpoints[index];
            out.refs("Stage", map, ItemKind::Stage, std::slice::from_ref(&t.stage), "");
            out.refs("Tactics", map, ItemKind::Tactic, &t.tactics, "(none yet)");
            out.refs("Personas", map, ItemKind::Persona, &t.personas, "everyone");
            out.field("Channel", &t.channel);
            out.field("Call to act.", &t.cta);
            out.field("Owner", &t.owner);
            out.field("Metric", &t.metric);
            out.field("Notes", &t.notes);
        }
        ItemKind::Persona => {
            let p = &map.personas[index];
            let seg: Vec<String> = if p.segment.is_empty() {
                vec![]
            } else {
                vec![p.segment.clone()]
            };
            out.refs("Segment", map, ItemKind::Segment, &seg, "(none)");
            out.always("Role", p.role.label());
            out.field("Description", &p.description);
            out.list("Needs", &p.needs);
            out.list("Pains", &p.pains);
            out.list("Goals", &p.goals);
            out.list("Channels", &p.channels);
            let tps = map
                .touchpoints
                .iter()
                .filter(|t| t.personas.contains(&p.id))
                .map(|t| t.name.as_str())
                .collect();
            out.used_by("Touchpoints", tps);
        }
        ItemKind::Segment => {
            let s = &map.segments[index];
            if s.anti {
                out.always("Antisegment", "yes: people we choose not to serve");
            }
            out.list("USPs", &s.usps);
            out.field("Description", &s.description);
            out.list("Needs", &s.needs);
            out.list("Pains", &s.pains);
            let personas = map
                .personas
                .iter()
                .filter(|p| p.segment == s.id)
                .map(|p| p.name.as_str())
                .collect();
            out.used_by("Personas", personas);
            let comps = map
                .competitors
                .iter()
                .filter(|c| c.segments.contains(&s.id))
                .map(|c| c.name.as_str())
                .collect();
            out.used_by("Competitors", comps);
        }
        ItemKind::Competitor => {
            let c = &map.competitors[index];
            out.always("Kind", c.kind.label());
            out.field("USP", &c.usp);
            out.field("Pricing", &c.pricing);
            out.field("Positioning", &c.positioning);
            out.refs("Segments", map, ItemKind::Segment, &c.segments, "");
            out.list("Strengths", &c.strengths);
            out.list("Weaknesses", &c.weaknesses);
            out.field("Notes", &c.notes);
        }
        ItemKind::Tactic => {
            let t = &map.tactics[index];
            out.field("Discipline", &t.discipline);
            out.field("Description", &t.description);
            let stages = map
                .stages
                .iter()
                .filter(|s| s.tactics.contains(&t.id))
                .map(|s| s.name.as_str())
                .collect();
            out.used_by("Planned in", stages);
            let tps = map
                .touchpoints
                .iter()
                .filter(|tp| tp.tactics.contains(&t.id))
                .map(|tp| tp.name.as_str())
                .collect();
            out.used_by("Touchpoints", tps);
        }
    }
    out.lines
}
