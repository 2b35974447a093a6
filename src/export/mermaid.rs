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

use super::out::{Out, collected};
use crate::model::{JourneyMap, MapIndex};
use crate::text::sanitize;

/// Text safe inside a journey title, section or task name: a look-alike
/// replaces each character that would end the name there (`:` `#` `;`)
/// or start a comment (`%%`), and a name that Mermaid would read as a
/// keyword is put in ‹ › . Commas are kept: only actors end at them.
pub fn name(text: &str) -> String {
    let clean: String = sanitize(text)
        .chars()
        .map(|c| match c {
            ':' => '∶',
            '#' => '♯',
            ';' => '⁏',
            c => c,
        })
        .collect();
    // One `%` is text; two start a comment.
    let clean = clean.replace("%%", "%٪");
    let clean = clean.split_whitespace().collect::<Vec<_>>().join(" ");
    if clean.is_empty() {
        return "untitled".to_string();
    }
    if reads_as_keyword(&clean) {
        format!("‹{clean}›")
    } else {
        clean
    }
}

/// An actor's name: a [`name`] that holds no comma either.
pub fn actor(text: &str) -> String {
    name(&text.replace(',', "‚"))
}

/// Whether a line starting with `text` would be read as one of Mermaid's
/// journey keywords rather than a task: its lexer tries `journey`, then
/// `title ` and `section ` (each with a space), `accTitle` and `accDescr`,
/// before a task name, in any case.
fn reads_as_keyword(text: &str) -> bool {
    let lower = text.to_lowercase();
    let followed_by_space = |word: &str| {
        lower
            .strip_prefix(word)
            .is_some_and(|rest| rest.starts_with(char::is_whitespace))
    };
    lower.starts_with("journey")
        || lower.starts_with("acctitle")
        || lower.starts_with("accdescr")
        || followed_by_space("title")
        || followed_by_space("section")
}

/// Score 1..=5 from an emotion of -2..=2.
pub fn score(emotion: i8) -> i8 {
    (emotion.clamp(-2, 2)) + 3
}

pub fn journey(map: &JourneyMap) -> String {
    collected(|out| write_journey(map, out))
}

/// [`journey`], written to `out` as it is made.
pub fn write_journey(map: &JourneyMap, out: &mut Out) {
    let index = MapIndex::new(map);
    out.push_str("journey\n");
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
                        .map_or_else(|| actor(id), |p| actor(&map.personas[p].name))
                })
                .collect();
            let emotion = tp.emotion.unwrap_or(stage.emotion);
            let _ = write!(out, "      {}: {}", name(&tp.name), score(emotion));
            if !actors.is_empty() {
                let _ = write!(out, ": {}", actors.join(", "));
            }
            out.push('\n');
            out.pass_on();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::sample_map;

    #[test]
    fn names_never_hold_mermaid_separators() {
        let n = name("Ad: 50%% off #1; buy, now\nplease");
        assert!(!n.contains([':', '#', ';', '\n']) && !n.contains("%%"), "{n}");
        assert!(n.contains("buy, now"), "commas end only actors: {n}");
        assert!(!actor("Olivia, office manager").contains(','));
        assert_eq!(name("   "), "untitled");
        assert_eq!(name("Section two"), "‹Section two›");
        assert_eq!(name("Journey planning"), "‹Journey planning›");
        assert_eq!(name("Sections"), "Sections", "a keyword needs its space");
        assert_eq!(name("Accounting setup"), "Accounting setup");
        assert_eq!(name("Title: page"), "Title∶ page");
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
