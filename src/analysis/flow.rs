//! The flow: which campaigns move people from one stage to another. A
//! stage-by-stage grid, from-stage rows and to-stage columns, whose cells
//! hold the campaigns of that step; the steps forward that nothing serves
//! are the gaps.

use crate::model::{ItemKind, JourneyMap, MapIndex};

/// A step between two stages, by position in the journey.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Step {
    pub from: usize,
    pub to: usize,
}

impl Step {
    /// Which way the step goes.
    pub fn direction(self) -> Direction {
        match self.from.cmp(&self.to) {
            std::cmp::Ordering::Less => Direction::Forward,
            std::cmp::Ordering::Equal => Direction::Within,
            std::cmp::Ordering::Greater => Direction::Backward,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Forward,
    /// From a stage to itself (keeping people there: reactivation).
    Within,
    /// Back to an earlier stage: a win-back, a re-engagement.
    Backward,
}

/// The flow of a map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flow {
    /// The stages (id, name), in journey order: rows and columns.
    pub stages: Vec<(String, String)>,
    /// `cells[from][to]`: positions of the campaigns of that step, in file
    /// order.
    pub cells: Vec<Vec<Vec<usize>>>,
    /// Campaigns whose step is not set (or names a stage that does not
    /// exist), by position.
    pub unplaced: Vec<usize>,
}

impl Flow {
    /// Lays out the campaigns of `map` by their step.
    pub fn build(map: &JourneyMap) -> Flow {
        // Only stages are looked up: an index of every item (50,000
        // touchpoints on a large map) would cost far more than the flow.
        let index = MapIndex::of_kinds(map, &[ItemKind::Stage]);
        let n = map.stages.len();
        let mut cells = vec![vec![Vec::new(); n]; n];
        let mut unplaced = Vec::new();
        for (position, campaign) in map.campaigns.iter().enumerate() {
            let from = index.position(ItemKind::Stage, &campaign.from_stage);
            let to = index.position(ItemKind::Stage, &campaign.to_stage);
            match (from, to) {
                (Some(from), Some(to)) => cells[from][to].push(position),
                _ => unplaced.push(position),
            }
        }
        Flow {
            stages: map.stages.iter().map(|s| (s.id.clone(), s.name.clone())).collect(),
            cells,
            unplaced,
        }
    }

    /// The campaigns of a step.
    pub fn campaigns(&self, step: Step) -> &[usize] {
        self.cells
            .get(step.from)
            .and_then(|row| row.get(step.to))
            .map_or(&[], Vec::as_slice)
    }

    /// The gaps: for each stage but the last, when no campaign moves people
    /// forward from it (to any later stage), the step to the next stage.
    pub fn gaps(&self) -> Vec<Step> {
        (0..self.stages.len().saturating_sub(1))
            .filter(|&from| self.cells[from].iter().skip(from + 1).all(Vec::is_empty))
            .map(|from| Step { from, to: from + 1 })
            .collect()
    }

    /// Whether `step` is a gap.
    pub fn is_gap(&self, step: Step) -> bool {
        step.to == step.from + 1 && step.to < self.stages.len() && self.gaps().contains(&step)
    }

    /// Every step that has campaigns, in row order.
    pub fn steps(&self) -> Vec<Step> {
        let mut steps = Vec::new();
        for (from, row) in self.cells.iter().enumerate() {
            for (to, cell) in row.iter().enumerate() {
                if !cell.is_empty() {
                    steps.push(Step { from, to });
                }
            }
        }
        steps
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Campaign, Stage};

    fn map() -> JourneyMap {
        let stage = |id: &str| Stage {
            id: id.into(),
            name: id.to_uppercase(),
            ..Stage::default()
        };
        let campaign = |id: &str, from: &str, to: &str| Campaign {
            id: id.into(),
            name: id.into(),
            from_stage: from.into(),
            to_stage: to.into(),
            ..Campaign::default()
        };
        JourneyMap {
            title: "Flow".into(),
            stages: vec![stage("aware"), stage("engage"), stage("buy"), stage("loyal")],
            campaigns: vec![
                campaign("ads", "aware", "engage"),
                campaign("retarget", "aware", "engage"),
                campaign("skip", "engage", "loyal"),
                campaign("winback", "loyal", "engage"),
                campaign("unplaced", "", "buy"),
            ],
            ..JourneyMap::default()
        }
    }

    #[test]
    fn campaigns_land_in_the_cell_of_their_step() {
        let flow = Flow::build(&map());
        assert_eq!(flow.campaigns(Step { from: 0, to: 1 }), [0, 1]);
        assert_eq!(flow.campaigns(Step { from: 1, to: 3 }), [2]);
        assert_eq!(flow.campaigns(Step { from: 3, to: 1 }), [3]);
        assert_eq!(flow.unplaced, [4]);
        assert_eq!(Step { from: 3, to: 1 }.direction(), Direction::Backward);
        assert_eq!(
            flow.steps(),
            [
                Step { from: 0, to: 1 },
                Step { from: 1, to: 3 },
                Step { from: 3, to: 1 }
            ]
        );
    }

    #[test]
    fn a_stage_nothing_moves_people_forward_from_is_a_gap() {
        let flow = Flow::build(&map());
        // Engage -> Loyal skips Buy, but moves people on: no gap at Engage.
        // Nothing leaves Buy forward.
        assert_eq!(flow.gaps(), [Step { from: 2, to: 3 }]);
        assert!(flow.is_gap(Step { from: 2, to: 3 }));
        assert!(!flow.is_gap(Step { from: 0, to: 1 }));
        let empty = Flow::build(&JourneyMap::default());
        assert!(empty.gaps().is_empty() && empty.steps().is_empty());
    }
}
