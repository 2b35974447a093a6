//! Renderers: a map (and what analysis computed from it) as text. Every
//! function returns a `String` or, for what may be long (the reports),
//! writes to an [`Out`] as it goes, which the CLI hands to a file or to
//! standard output a chunk at a time; none prints or touches files, so the
//! CLI, the TUI and the tests share them.

pub mod campaigns;
pub mod csv;
pub mod diff;
pub mod gfm;
pub mod grid;
pub mod html;
pub mod json;
pub mod markdown;
pub mod mermaid;
pub(crate) mod picture;
pub(crate) mod playbook;
pub mod png;
pub mod svg;
pub mod table;
pub mod text;

pub use crate::text::out::{self, Out};
pub use grid::{CellDisplay, GridOptions, render_matrix};

use crate::model::ItemKind;
use crate::model::typed::Period;
use std::fmt;
use std::str::FromStr;

/// The parts of a planning report, in the order they are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    Overview,
    Scorecard,
    Journey,
    Stages,
    Pains,
    Matrix,
    Ladder,
    Flow,
    Calendar,
    Personas,
    Segments,
    Competitors,
    Touchpoints,
    Findings,
}

impl Section {
    pub const ALL: [Section; 14] = [
        Section::Overview,
        Section::Scorecard,
        Section::Journey,
        Section::Stages,
        Section::Pains,
        Section::Matrix,
        Section::Ladder,
        Section::Flow,
        Section::Calendar,
        Section::Personas,
        Section::Segments,
        Section::Competitors,
        Section::Touchpoints,
        Section::Findings,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Section::Overview => "overview",
            Section::Scorecard => "scorecard",
            Section::Journey => "journey",
            Section::Stages => "stages",
            Section::Pains => "pains",
            Section::Matrix => "matrix",
            Section::Ladder => "ladder",
            Section::Flow => "flow",
            Section::Calendar => "calendar",
            Section::Personas => "personas",
            Section::Segments => "segments",
            Section::Competitors => "competitors",
            Section::Touchpoints => "touchpoints",
            Section::Findings => "findings",
        }
    }

    /// The heading shown in reports.
    pub fn title(self) -> &'static str {
        match self {
            Section::Overview => "Overview",
            Section::Scorecard => "Scorecard",
            Section::Journey => "Journey map",
            Section::Stages => "Stages",
            Section::Pains => "Pain points and opportunities",
            Section::Matrix => "Stage-by-tactic matrix",
            Section::Ladder => "Offer ladder",
            Section::Flow => "Campaign flow",
            Section::Calendar => "Campaign calendar",
            Section::Personas => "Personas",
            Section::Segments => "Segments and USPs",
            Section::Competitors => "Competitors",
            Section::Touchpoints => "Touchpoints",
            Section::Findings => "Findings",
        }
    }

    /// Whether the section has something to show for `map`: the ladder
    /// needs offers, the flow and the calendar campaigns. A report of every
    /// section leaves out those with nothing to show.
    pub fn applies_to(self, map: &crate::model::JourneyMap) -> bool {
        match self {
            Section::Ladder => !map.offers.is_empty(),
            Section::Flow | Section::Calendar => !map.campaigns.is_empty(),
            _ => true,
        }
    }

    /// The sections of a report that asks for none: every one that
    /// [applies to](Self::applies_to) `map`.
    pub fn defaults_for(map: &crate::model::JourneyMap) -> Vec<Section> {
        Section::ALL.into_iter().filter(|s| s.applies_to(map)).collect()
    }

    /// Comma-separated names, for messages.
    pub fn names() -> String {
        Section::ALL.map(Section::name).join(", ")
    }
}

impl fmt::Display for Section {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Section {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_lowercase();
        Section::ALL
            .into_iter()
            .find(|section| section.name() == wanted)
            .ok_or_else(|| format!("there is no section `{}`; use one of: {}", s.trim(), Section::names()))
    }
}

/// A width budget that wraps nothing: paragraphs stay whole lines and
/// tables are as wide as their content (`--width 0`), for documents that
/// wrap text themselves.
pub const NO_WRAP: usize = usize::MAX;

/// What goes into a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportOptions {
    /// Printed in the order of [`Section::ALL`], whatever the order given.
    pub sections: Vec<Section>,
    /// Width budget for text reports, in terminal cells; [`NO_WRAP`] for none.
    pub width: usize,
    /// ASCII-only borders and marks in text reports.
    pub ascii: bool,
    /// The day goals are judged overdue against: today's date, unless a
    /// report is made as of another day (`--today`), or in tests.
    pub today: Period,
    /// Right-to-left text of tables shaped and in visual order, for a
    /// terminal that does no BiDi of its own (never for a file).
    pub visual: bool,
}

impl Default for ReportOptions {
    fn default() -> Self {
        Self {
            sections: Section::ALL.to_vec(),
            width: 100,
            ascii: false,
            today: Period::today(),
            visual: false,
        }
    }
}

impl ReportOptions {
    pub fn has(&self, section: Section) -> bool {
        self.sections.contains(&section)
    }
}

/// "4 stages, 1 tactic, ..." for a report's overview: the kinds the map
/// has items of ("nothing yet" when none).
pub(crate) fn contents(map: &crate::model::JourneyMap) -> String {
    use crate::model::ItemKind;
    let counts: Vec<String> = ItemKind::ALL
        .iter()
        .map(|&kind| (kind, map.count(kind)))
        .filter(|&(_, n)| n > 0)
        .map(|(kind, n)| kind.counted(n))
        .collect();
    if counts.is_empty() {
        "nothing yet".to_string()
    } else {
        counts.join(", ")
    }
}

/// Display names of referenced items by id, through the map's index; an id
/// the map lacks (an unvalidated map) stands for itself.
pub(crate) struct Names<'m> {
    map: &'m crate::model::JourneyMap,
    index: crate::model::MapIndex<'m>,
}

impl<'m> Names<'m> {
    pub(crate) fn new(map: &'m crate::model::JourneyMap) -> Self {
        Self {
            map,
            index: crate::model::MapIndex::new(map),
        }
    }

    /// The map's id lookups, built once per report.
    pub(crate) fn index(&self) -> &crate::model::MapIndex<'m> {
        &self.index
    }

    /// The name of the item of `kind` with this id, or the id itself.
    pub(crate) fn of<'a>(&self, kind: ItemKind, id: &'a str) -> &'a str
    where
        'm: 'a,
    {
        self.index.name(self.map, kind, id).unwrap_or(id)
    }

    /// Touchpoint positions per stage, through the index already built.
    pub(crate) fn touchpoints_by_stage(&self) -> Vec<Vec<usize>> {
        self.index.touchpoints_by_stage(self.map)
    }

    pub(crate) fn stage<'a>(&self, id: &'a str) -> &'a str
    where
        'm: 'a,
    {
        self.index.name(self.map, ItemKind::Stage, id).unwrap_or(id)
    }

    pub(crate) fn tactic<'a>(&self, id: &'a str) -> &'a str
    where
        'm: 'a,
    {
        self.index.name(self.map, ItemKind::Tactic, id).unwrap_or(id)
    }

    pub(crate) fn persona<'a>(&self, id: &'a str) -> &'a str
    where
        'm: 'a,
    {
        self.index.name(self.map, ItemKind::Persona, id).unwrap_or(id)
    }

    pub(crate) fn segment<'a>(&self, id: &'a str) -> &'a str
    where
        'm: 'a,
    {
        self.index.name(self.map, ItemKind::Segment, id).unwrap_or(id)
    }

    /// Names of a list of ids, joined with `sep`.
    /// The names of `ids`, items of `kind`, appended to `text` with `sep`
    /// between them (an id not found stands for itself).
    pub(crate) fn push_names(&self, text: &mut String, kind: ItemKind, ids: &[String], sep: &str) {
        for (n, id) in ids.iter().enumerate() {
            if n > 0 {
                text.push_str(sep);
            }
            text.push_str(self.of(kind, id));
        }
    }

    pub(crate) fn join(&self, ids: &[String], name: impl Fn(&Self, &str) -> String, sep: &str) -> String {
        let mut joined = String::new();
        for (n, id) in ids.iter().enumerate() {
            if n > 0 {
                joined.push_str(sep);
            }
            joined.push_str(&name(self, id));
        }
        joined
    }
}
