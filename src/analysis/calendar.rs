//! The calendar: campaigns with dates on a month-by-month timeline, one row
//! per campaign, grouped by the step they serve, with the campaigns that
//! overlap another aimed at the same step and segment marked.

use super::flow::{Flow, Step};
use crate::model::JourneyMap;
use crate::model::typed::Period;

/// A month of the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Month {
    pub year: u16,
    pub month: u8,
}

impl Month {
    fn of(period: Period) -> Month {
        Month {
            year: period.year,
            month: period.month,
        }
    }

    fn next(self) -> Month {
        if self.month == 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    /// "Jan", "Feb"...
    pub fn short_name(self) -> &'static str {
        const NAMES: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        NAMES[usize::from(self.month.clamp(1, 12) - 1)]
    }

    /// "2026-03".
    pub fn iso(self) -> String {
        format!("{}-{:02}", self.year, self.month)
    }
}

/// One campaign's row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Position of the campaign in the map.
    pub campaign: usize,
    /// Its step, if it has one.
    pub step: Option<Step>,
    /// The months it runs, as positions in [`Calendar::months`].
    pub months: std::ops::Range<usize>,
    /// Another campaign of the same step, aimed at a segment (or persona)
    /// it also aims at, runs in one of the same months.
    pub overlaps: bool,
}

/// The timeline of the dated campaigns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    /// Every month from the first start to the last end.
    pub months: Vec<Month>,
    /// Dated campaigns, grouped by step in flow order (campaigns without a
    /// step last), by start within a step.
    pub rows: Vec<Row>,
    /// Campaigns left out: no start, no end, or an end before the start.
    pub undated: Vec<usize>,
}

/// The longest timeline drawn: ten years of months.
const MAX_MONTHS: usize = 120;

impl Calendar {
    pub fn build(map: &JourneyMap) -> Calendar {
        let flow = Flow::build(map);
        let mut dated: Vec<(usize, Option<Step>, Month, Month)> = Vec::new();
        let mut undated = Vec::new();
        let step_of = |position: usize| {
            flow.steps()
                .into_iter()
                .find(|&s| flow.campaigns(s).contains(&position))
        };
        for (position, campaign) in map.campaigns.iter().enumerate() {
            let start = Period::parse_start(&campaign.start);
            let end = Period::parse(&campaign.end);
            match (start, end) {
                (Some(start), Some(end)) if start <= end => {
                    dated.push((position, step_of(position), Month::of(start), Month::of(end)));
                }
                _ => undated.push(position),
            }
        }
        let Some(first) = dated.iter().map(|d| d.2).min() else {
            return Calendar {
                months: Vec::new(),
                rows: Vec::new(),
                undated,
            };
        };
        let last = dated.iter().map(|d| d.3).max().unwrap_or(first);
        let mut months = vec![first];
        while let Some(&month) = months.last() {
            if month >= last || months.len() >= MAX_MONTHS {
                break;
            }
            months.push(month.next());
        }
        let at = |month: Month| months.iter().position(|m| *m == month).unwrap_or(months.len());
        dated.sort_by_key(|&(position, step, start, _)| (step.is_none(), step, start, position));
        let mut rows: Vec<Row> = dated
            .iter()
            .map(|&(campaign, step, start, end)| Row {
                campaign,
                step,
                months: at(start)..(at(end) + 1).min(months.len()).max(at(start)),
                overlaps: false,
            })
            .collect();
        // Overlaps: same step, a shared segment or persona (or either aimed
        // at everyone), months in common.
        let audience = |position: usize| {
            let c = &map.campaigns[position];
            (c.segments.clone(), c.personas.clone())
        };
        let shares = |a: usize, b: usize| {
            let (segments_a, personas_a) = audience(a);
            let (segments_b, personas_b) = audience(b);
            let everyone = |s: &[String], p: &[String]| s.is_empty() && p.is_empty();
            everyone(&segments_a, &personas_a)
                || everyone(&segments_b, &personas_b)
                || segments_a.iter().any(|s| segments_b.contains(s))
                || personas_a.iter().any(|p| personas_b.contains(p))
        };
        for i in 0..rows.len() {
            for j in 0..rows.len() {
                if i == j || rows[i].step.is_none() || rows[i].step != rows[j].step {
                    continue;
                }
                let (a, b) = (&rows[i].months, &rows[j].months);
                if a.start < b.end && b.start < a.end && shares(rows[i].campaign, rows[j].campaign) {
                    rows[i].overlaps = true;
                }
            }
        }
        Calendar { months, rows, undated }
    }

    /// Position of the month holding `day`, if the timeline has it.
    pub fn month_of(&self, day: Period) -> Option<usize> {
        self.months.iter().position(|m| *m == Month::of(day))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Campaign, Stage};

    fn campaign(id: &str, from: &str, to: &str, start: &str, end: &str, segments: &[&str]) -> Campaign {
        Campaign {
            id: id.into(),
            name: id.into(),
            from_stage: from.into(),
            to_stage: to.into(),
            start: start.into(),
            end: end.into(),
            segments: segments.iter().map(|s| s.to_string()).collect(),
            ..Campaign::default()
        }
    }

    #[test]
    fn campaigns_run_over_their_months_grouped_by_step() {
        let stage = |id: &str| Stage {
            id: id.into(),
            name: id.into(),
            ..Stage::default()
        };
        let map = JourneyMap {
            stages: vec![stage("a"), stage("b"), stage("c")],
            campaigns: vec![
                campaign("later-step", "b", "c", "2026-03-01", "2026-03-31", &[]),
                campaign("spring", "a", "b", "2026-02-10", "2026-04-30", &["offices"]),
                campaign("overlap", "a", "b", "2026-04", "2026-05", &["offices", "cafes"]),
                campaign("apart", "a", "b", "2026-Q2", "2026-06", &["homes"]),
                campaign("undated", "a", "b", "", "2026-06", &[]),
                campaign("backwards", "a", "b", "2026-06", "2026-05", &[]),
            ],
            ..JourneyMap::default()
        };
        let calendar = Calendar::build(&map);
        let months: Vec<String> = calendar.months.iter().map(|m| m.iso()).collect();
        assert_eq!(months, ["2026-02", "2026-03", "2026-04", "2026-05", "2026-06"]);
        let rows: Vec<(usize, std::ops::Range<usize>, bool)> = calendar
            .rows
            .iter()
            .map(|r| (r.campaign, r.months.clone(), r.overlaps))
            .collect();
        assert_eq!(
            rows,
            [(1, 0..3, true), (2, 2..4, true), (3, 2..5, false), (0, 1..2, false)]
        );
        assert_eq!(calendar.undated, [4, 5]);
        assert_eq!(
            calendar.month_of(Period {
                year: 2026,
                month: 4,
                day: 9
            }),
            Some(2)
        );
        assert_eq!(calendar.months[0].short_name(), "Feb");
    }
}
