//! The canonical text of a map: fixed field order, four-space indents, LF
//! line endings, a trailing newline, fields at their default left out. The
//! same map always gives the same bytes, so load -> save of a canonical file
//! changes nothing and git diffs show only real edits.

use std::fmt::Write;

use crate::model::{
    Competitor, CompetitorKind, JourneyMap, Mindset, Persona, PersonaRole, Segment, Stage, Tactic, Touchpoint,
};

/// Lists of ids are written on one line when it stays this short.
const INLINE_LIMIT: usize = 100;

/// The canonical RON text of `map`.
pub fn to_canonical(map: &JourneyMap) -> String {
    let mut w = Writer {
        out: String::with_capacity(estimate(map)),
        indent: 0,
    };
    w.open("JourneyMap");
    w.raw_field("format", &map.format.to_string());
    w.string_always("title", &map.title);
    w.string("framework", &map.framework);
    w.string("description", &map.description);
    w.items("stages", &map.stages, write_stage);
    w.items("tactics", &map.tactics, write_tactic);
    w.items("segments", &map.segments, write_segment);
    w.items("personas", &map.personas, write_persona);
    w.items("competitors", &map.competitors, write_competitor);
    w.items("touchpoints", &map.touchpoints, write_touchpoint);
    w.out.push_str(")\n");
    w.out
}

/// A guess at the output size, so the buffer grows once at most.
fn estimate(map: &JourneyMap) -> usize {
    1024 + 400 * (map.stages.len() + map.segments.len() + map.personas.len() + map.competitors.len())
        + 120 * map.tactics.len()
        + 260 * map.touchpoints.len()
}

fn write_stage(w: &mut Writer, s: &Stage) {
    w.open("Stage");
    w.string_always("id", &s.id);
    w.string_always("name", &s.name);
    w.string("goal", &s.goal);
    if s.mindset != Mindset::Unspecified {
        w.raw_field("mindset", s.mindset.ron_name());
    }
    w.strings("create", &s.create);
    w.strings("track", &s.track);
    w.string("watch_out", &s.watch_out);
    w.ids("tactics", &s.tactics);
    if s.emotion != 0 {
        w.raw_field("emotion", &s.emotion.to_string());
    }
    w.string("notes", &s.notes);
    w.close();
}

fn write_tactic(w: &mut Writer, t: &Tactic) {
    w.open("Tactic");
    w.string_always("id", &t.id);
    w.string_always("name", &t.name);
    w.string("discipline", &t.discipline);
    w.string("description", &t.description);
    w.close();
}

fn write_segment(w: &mut Writer, s: &Segment) {
    w.open("Segment");
    w.string_always("id", &s.id);
    w.string_always("name", &s.name);
    w.string("description", &s.description);
    w.strings("needs", &s.needs);
    w.strings("pains", &s.pains);
    if s.anti {
        w.raw_field("anti", "true");
    }
    w.strings("usps", &s.usps);
    w.close();
}

fn write_persona(w: &mut Writer, p: &Persona) {
    w.open("Persona");
    w.string_always("id", &p.id);
    w.string_always("name", &p.name);
    w.string("segment", &p.segment);
    if p.role != PersonaRole::Unspecified {
        w.raw_field("role", p.role.ron_name());
    }
    w.string("description", &p.description);
    w.strings("needs", &p.needs);
    w.strings("pains", &p.pains);
    w.strings("goals", &p.goals);
    w.strings("channels", &p.channels);
    w.close();
}

fn write_competitor(w: &mut Writer, c: &Competitor) {
    w.open("Competitor");
    w.string_always("id", &c.id);
    w.string_always("name", &c.name);
    if c.kind != CompetitorKind::default() {
        w.raw_field("kind", c.kind.ron_name());
    }
    w.string("pricing", &c.pricing);
    w.string("positioning", &c.positioning);
    w.string("usp", &c.usp);
    w.ids("segments", &c.segments);
    w.strings("strengths", &c.strengths);
    w.strings("weaknesses", &c.weaknesses);
    w.string("notes", &c.notes);
    w.close();
}

fn write_touchpoint(w: &mut Writer, t: &Touchpoint) {
    w.open("Touchpoint");
    w.string_always("id", &t.id);
    w.string_always("name", &t.name);
    w.string_always("stage", &t.stage);
    w.ids("tactics", &t.tactics);
    w.ids("personas", &t.personas);
    w.string("channel", &t.channel);
    w.string("cta", &t.cta);
    w.string("owner", &t.owner);
    w.string("metric", &t.metric);
    w.string("notes", &t.notes);
    w.close();
}

struct Writer {
    out: String,
    indent: usize,
}

impl Writer {
    fn pad(&mut self) {
        for _ in 0..self.indent {
            self.out.push_str("    ");
        }
    }

    /// `Name(` on its own line; fields follow one level deeper.
    fn open(&mut self, name: &str) {
        self.out.push_str(name);
        self.out.push_str("(\n");
        self.indent += 1;
    }

    fn close(&mut self) {
        self.indent -= 1;
        self.pad();
        self.out.push_str("),\n");
    }

    fn key(&mut self, key: &str) {
        self.pad();
        self.out.push_str(key);
        self.out.push_str(": ");
    }

    fn raw_field(&mut self, key: &str, value: &str) {
        self.key(key);
        self.out.push_str(value);
        self.out.push_str(",\n");
    }

    fn string_always(&mut self, key: &str, value: &str) {
        self.key(key);
        quote_into(&mut self.out, value);
        self.out.push_str(",\n");
    }

    fn string(&mut self, key: &str, value: &str) {
        if !value.is_empty() {
            self.string_always(key, value);
        }
    }

    /// Prose lists: one entry per line, so a diff shows the entry that changed.
    fn strings(&mut self, key: &str, values: &[String]) {
        if values.is_empty() {
            return;
        }
        self.key(key);
        self.out.push_str("[\n");
        self.indent += 1;
        for v in values {
            self.pad();
            quote_into(&mut self.out, v);
            self.out.push_str(",\n");
        }
        self.indent -= 1;
        self.pad();
        self.out.push_str("],\n");
    }

    /// Id lists: on one line when short, else one per line.
    fn ids(&mut self, key: &str, ids: &[String]) {
        if ids.is_empty() {
            return;
        }
        let inline_len: usize = self.indent * 4 + key.len() + 4 + ids.iter().map(|i| i.len() + 4).sum::<usize>();
        if inline_len > INLINE_LIMIT {
            return self.strings(key, ids);
        }
        self.key(key);
        self.out.push('[');
        for (n, id) in ids.iter().enumerate() {
            if n > 0 {
                self.out.push_str(", ");
            }
            quote_into(&mut self.out, id);
        }
        self.out.push_str("],\n");
    }

    fn items<T>(&mut self, key: &str, items: &[T], write: fn(&mut Writer, &T)) {
        if items.is_empty() {
            return;
        }
        self.key(key);
        self.out.push_str("[\n");
        self.indent += 1;
        for item in items {
            self.pad();
            write(self, item);
        }
        self.indent -= 1;
        self.pad();
        self.out.push_str("],\n");
    }
}

/// A RON string literal. Only what must be escaped is: quotes, backslashes
/// and control characters; every script is written as itself.
fn quote_into(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_escapes_only_what_it_must() {
        let mut s = String::new();
        quote_into(&mut s, "say \"hi\"\\ مرحبا 展示会 🚀\n\u{1b}");
        assert_eq!(s, r#""say \"hi\"\\ مرحبا 展示会 🚀\n\u{1b}""#);
    }

    /// What `Writer::ids` writes for `ids` at `indent` levels deep.
    fn ids_written_at(indent: usize, ids: &[String]) -> String {
        let mut w = Writer {
            out: String::new(),
            indent,
        };
        w.ids("tactics", ids);
        w.out
    }

    #[test]
    fn an_id_list_is_on_one_line_while_that_line_stays_under_the_limit() {
        // The longest inline line is 99 characters whatever the depth: deeper
        // lists have room for shorter ids. Items' id lists are 3 levels deep.
        for (indent, longest_id) in [(0, 85), (1, 81), (3, 73)] {
            let fits = ids_written_at(indent, &["i".repeat(longest_id)]);
            assert_eq!(fits.lines().count(), 1, "{fits}");
            assert_eq!(fits.trim_end_matches('\n').len(), 99, "{fits}");
            let split = ids_written_at(indent, &["i".repeat(longest_id + 1)]);
            assert_eq!(split.lines().count(), 3, "{split}");
        }
        // Every id counts with its quotes and separator.
        let ids = |lengths: [usize; 4]| lengths.map(|n| "i".repeat(n)).to_vec();
        let fits = ids_written_at(3, &ids([20, 20, 20, 1]));
        assert_eq!(fits.lines().count(), 1, "{fits}");
        assert_eq!(fits.trim_end_matches('\n').len(), 99, "{fits}");
        let split = ids_written_at(3, &ids([20, 20, 20, 2]));
        assert_eq!(split.lines().count(), 6, "{split}");
    }

    #[test]
    fn minimal_map_is_short() {
        let map = JourneyMap {
            title: "T".into(),
            ..JourneyMap::default()
        };
        assert_eq!(
            to_canonical(&map),
            "JourneyMap(\n    format: 1,\n    title: \"T\",\n)\n"
        );
    }
}
