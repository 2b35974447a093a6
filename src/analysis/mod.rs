//! What a map means, computed: the stage-by-tactic matrix and the journey
//! health findings. Pure functions of a [`JourneyMap`](crate::model::JourneyMap):
//! no printing, no files, so the CLI, the exports and the TUI share them.

pub mod calendar;
pub mod canvas;
pub mod diff;
pub mod flow;
pub mod lint;
pub mod matrix;
pub mod merge;
pub mod thinned;

pub use lint::{Finding, Severity, lint};
pub use matrix::{Cell, CellState, Matrix, MatrixFilter, MatrixGroup, UnknownFilterId};

/// A small map shared by the unit tests of analysis and export.
#[cfg(test)]
pub(crate) fn sample_map() -> crate::model::JourneyMap {
    match crate::store::parse_str(SAMPLE_MAP, "sample") {
        Ok(map) => map,
        Err(e) => panic!("sample map does not load: {e}"),
    }
}

#[cfg(test)]
pub(crate) const SAMPLE_MAP: &str = r#"JourneyMap(
    title: "Bean Box",
    stages: [
        Stage(id: "aware", name: "Aware", tactics: ["search-ads", "social-video"], emotion: 0),
        Stage(id: "convert", name: "Convert", tactics: ["email"], emotion: 1),
        Stage(id: "excite", name: "Excite", emotion: 2),
    ],
    tactics: [
        Tactic(id: "search-ads", name: "Search ads", discipline: "Advertising"),
        Tactic(id: "email", name: "Email", discipline: "Email"),
        Tactic(id: "fair", name: "Trade fair"),
        Tactic(id: "social-video", name: "Social video", discipline: "advertising "),
    ],
    segments: [
        Segment(id: "offices", name: "Small offices", usps: ["Fresh beans every Monday"]),
        Segment(id: "students", name: "Students", anti: true),
    ],
    personas: [
        Persona(id: "olivia", name: "Olivia, office manager", segment: "offices"),
        Persona(id: "sam", name: "Sam", segment: "students"),
    ],
    touchpoints: [
        Touchpoint(id: "ad", name: "Google ad", stage: "aware", tactics: ["search-ads", "social-video"], personas: ["olivia"]),
        Touchpoint(id: "radio", name: "Radio spot", stage: "aware", tactics: ["search-ads"]),
        Touchpoint(id: "flyer", name: "Campus flyer", stage: "aware", tactics: ["fair"], personas: ["sam"]),
        Touchpoint(id: "welcome", name: "Welcome call", stage: "excite"),
    ],
)"#;
