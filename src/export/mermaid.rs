//! A Mermaid `journey` diagram: a section per stage, a task per touchpoint,
//! scored from the touchpoint's own emotion or else its stage's, with the
//! personas as actors.
//!
//! Mermaid's journey grammar ends a title at `#` or `;`, a section or task
//! name at `:`, `#` or `;`, an actor at `,`, and everything at a line break;
//! `%%` starts a comment and a line starting with `title` or `section` is a
//! keyword. Names are rewritten so none of these can happen: look-alike
//! characters replace the separators.

use std::fmt::Write;

use crate::model::{JourneyMap, MapIndex};
use crate::text::sanitize;

/// Text safe inside a journey title, section, task or actor name.
pub fn name(text: &str) -> String {
    let clean: String = sanitize(text)
        .chars()
        .map(|c| match c {
            ':' => '∶',
            '#' => '♯',
            ';' => '⁏',
            ',' => '‚',
            '%' => '٪',
            c => c,
        })
        .collect();
    let clean = clean.split_whitespace().collect::<Vec<_>>().join(" ");
    if clean.is_empty() {
        return "untitled".to_string();
    }
    let lower = clean.to_lowercase();
    if ["title", "section", "acc", "journey"]
        .iter()
        .any(|k| lower.starts_with(k))
    {
        // A keyword at the start of a line would change what the line means.
        format!("‹{clean}›")
    } else {
        clean
    }
}

/// Score 1..=5 from an emotion of -2..=2.
pub fn score(emotion: i8) -> i8 {
    (emotion.clamp(-2, 2)) + 3
}

pub fn journey(map: &JourneyMap) -> String {
    let index = MapIndex::new(map);
    let mut out = String::from("journey\n");
    let title = if map.title.trim().is_empty() {
        "Customer journey"
    } else {
        map.title.as_str()
    };
    // Mermaid would allow a colon in the title; replacing it anyway keeps one rule for every name.
    let _ = writeln!(out, "    title {}", name(title));
    let by_stage = index.touchpoints_by_stage(map);
    for (s, stage) in map.stages.iter().enumerate() {
        let _ = writeln!(out, "    section {}", name(&stage.name));
        for &t in &by_stage[s] {
            let tp = &map.touchpoints[t];
            let actors: Vec<String> = tp
                .personas
                .iter()
                .map(|id| {
                    index
                        .persona(id)
                        .map_or_else(|| name(id), |p| name(&map.personas[p].name))
                })
                .collect();
            let emotion = tp.emotion.unwrap_or(stage.emotion);
            let _ = write!(out, "      {}: {}", name(&tp.name), score(emotion));
            if !actors.is_empty() {
                let _ = write!(out, ": {}", actors.join(", "));
            }
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::sample_map;

    #[test]
    fn names_never_hold_mermaid_separators() {
        let n = name("Ad: 50% off #1; buy, now\nplease");
        assert!(!n.contains([':', '#', ';', ',', '\n', '%']), "{n}");
        assert_eq!(name("   "), "untitled");
        assert_eq!(name("Section two"), "‹Section two›");
    }

    #[test]
    fn a_journey_with_sections_tasks_and_actors() {
        let text = journey(&sample_map());
        assert_eq!(
            text,
            "journey\n    title Bean Box\n    section Aware\n      Google ad: 3: Olivia‚ office manager\n      Radio spot: 3\n      Campus flyer: 3: Sam\n    section Convert\n    section Excite\n      Welcome call: 5\n"
        );
    }

    #[test]
    fn a_touchpoint_own_emotion_wins_over_its_stage() {
        let mut map = sample_map();
        map.touchpoints[1].emotion = Some(-2);
        let text = journey(&map);
        assert!(text.contains("      Radio spot: 1\n"), "{text}");
        assert!(text.contains("      Campus flyer: 3: Sam\n"), "{text}");
    }

    #[test]
    fn scores_follow_emotion() {
        assert_eq!((score(-2), score(0), score(2), score(9)), (1, 3, 5, 5));
    }
}
