//! A list to choose from, filtered by typing; with `multi`, Space ticks
//! several entries.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;

use super::chrome::{centered, dim_style, popup, selected_style};
use crate::text::bidi::shown_cell;
use crate::text::{sanitize, truncate, width};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::Rows;
use crate::tui::action::Action;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickList {
    pub title: String,
    /// `(value, label)`; the value is what is stored (an id), the label what is shown.
    options: Vec<(String, String)>,
    pub multi: bool,
    /// Ticked values, in option order when confirmed.
    ticked: Vec<bool>,
    filter: String,
    /// Indices into `options` that match the filter.
    shown: Vec<usize>,
    /// Position in `shown`.
    selected: usize,
    pub offset: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickResult {
    Open,
    Cancelled,
    /// The chosen values (one for a single choice).
    Chosen(Vec<String>),
}

impl PickList {
    pub fn new(title: impl Into<String>, options: Vec<(String, String)>, multi: bool, current: &[String]) -> Self {
        let ticked: Vec<bool> = options.iter().map(|(v, _)| current.contains(v)).collect();
        let selected = if multi {
            0
        } else {
            options.iter().position(|(v, _)| current.contains(v)).unwrap_or(0)
        };
        let shown = (0..options.len()).collect();
        Self {
            title: title.into(),
            options,
            multi,
            ticked,
            filter: String::new(),
            shown,
            selected,
            offset: 0,
        }
    }

    pub fn filter(&self) -> &str {
        &self.filter
    }

    pub fn len(&self) -> usize {
        self.shown.len()
    }

    pub fn is_empty(&self) -> bool {
        self.shown.is_empty()
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    /// The shown entry at a position: `(label, ticked)`.
    pub fn entry(&self, position: usize) -> Option<(&str, bool)> {
        let &i = self.shown.get(position)?;
        Some((self.options[i].1.as_str(), self.ticked[i]))
    }

    /// The options that match the filter, best first: fuzzy matching (the
    /// letters in order, not necessarily together) on the label or the
    /// value, ranked by score; ties keep the options' order. Words of the
    /// filter match separately, so it may hold spaces.
    fn refilter(&mut self) {
        if self.filter.trim().is_empty() {
            self.shown = (0..self.options.len()).collect();
        } else {
            let pattern = Pattern::parse(&self.filter, CaseMatching::Ignore, Normalization::Smart);
            let mut matcher = Matcher::new(Config::DEFAULT);
            let mut buf = Vec::new();
            let mut scored: Vec<(u32, usize)> = self
                .options
                .iter()
                .enumerate()
                .filter_map(|(i, (value, label))| {
                    let label_score = pattern.score(Utf32Str::new(label, &mut buf), &mut matcher);
                    let value_score = pattern.score(Utf32Str::new(value, &mut buf), &mut matcher);
                    label_score.max(value_score).map(|score| (score, i))
                })
                .collect();
            scored.sort_by_key(|&(score, i)| (std::cmp::Reverse(score), i));
            self.shown = scored.into_iter().map(|(_, i)| i).collect();
        }
        self.selected = 0;
        self.offset = 0;
    }

    fn tick(&mut self) {
        if let Some(&i) = self.shown.get(self.selected) {
            self.ticked[i] = !self.ticked[i];
        }
    }

    pub fn handle(&mut self, action: Action, page: usize) -> PickResult {
        let last = self.shown.len().saturating_sub(1);
        match action {
            Action::Cancel => return PickResult::Cancelled,
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::PageUp => self.selected = self.selected.saturating_sub(page.max(1)),
            Action::PageDown => self.selected = (self.selected + page.max(1)).min(last),
            // Space ticks while nothing is typed; within a filter it is a
            // space (Tab always ticks).
            Action::Toggle if self.multi && self.filter.is_empty() => self.tick(),
            Action::Tick if self.multi => self.tick(),
            Action::Toggle => {
                self.filter.push(' ');
                self.refilter();
            }
            Action::Tick => {}
            Action::Insert(c) => {
                self.filter.push(c);
                self.refilter();
            }
            Action::Backspace => {
                self.filter.pop();
                self.refilter();
            }
            Action::Confirm => {
                if self.multi {
                    return PickResult::Chosen(
                        self.options
                            .iter()
                            .zip(&self.ticked)
                            .filter(|(_, t)| **t)
                            .map(|((v, _), _)| v.clone())
                            .collect(),
                    );
                }
                return match self.shown.get(self.selected) {
                    Some(&i) => PickResult::Chosen(vec![self.options[i].0.clone()]),
                    None => PickResult::Open,
                };
            }
            _ => {}
        }
        PickResult::Open
    }

    /// Chooses the entry at a shown position (mouse click).
    pub fn select(&mut self, position: usize) {
        if position < self.shown.len() {
            self.selected = position;
        }
    }
}

/// Draws a pick list in a box; returns the rectangle of its rows and the
/// first row shown (scrolled to keep the selection in view).
pub fn draw_pick(frame: &mut Frame, body: Rect, pick: &PickList) -> (Rect, usize) {
    let wanted = (pick.len() as u16 + 4).clamp(7, 20);
    let rect = centered(body, body.width.saturating_sub(10).min(70), wanted);
    let inner = popup(frame, rect, &pick.title.clone());
    let cells = usize::from(inner.width);
    let rows = usize::from(inner.height.saturating_sub(2)).max(1);
    let mut offset = pick.offset;
    if pick.selected() < offset {
        offset = pick.selected();
    } else if pick.selected() >= offset + rows {
        offset = pick.selected() + 1 - rows;
    }
    let filter = format!("filter: {}", sanitize(pick.filter()));
    let mut lines = vec![Line::styled(truncate(&filter, cells).into_owned(), dim_style())];
    if pick.is_empty() {
        lines.push(Line::styled("(nothing matches)", dim_style()));
    }
    for n in offset..(offset + rows).min(pick.len()) {
        let Some((label, ticked)) = pick.entry(n) else {
            break;
        };
        let mark = if pick.multi {
            if ticked { "[x] " } else { "[ ] " }
        } else {
            ""
        };
        let text = format!("{mark}{}", shown_cell(label, cells.saturating_sub(width(mark))));
        let style = if n == pick.selected() {
            selected_style()
        } else {
            Style::new()
        };
        lines.push(Line::styled(text, style));
    }
    while lines.len() < usize::from(inner.height.saturating_sub(1)) {
        lines.push(Line::raw(""));
    }
    let help = if pick.multi {
        "Space/Tab: tick · Enter: done · Esc: cancel · type to filter"
    } else {
        "Enter: choose · Esc: cancel · type to filter"
    };
    lines.push(Line::styled(truncate(help, cells).into_owned(), dim_style()));
    frame.render_widget(Rows::new(lines), inner);
    let filter_x = inner.x + width(&filter).min(cells.saturating_sub(1)) as u16;
    frame.set_cursor_position((filter_x, inner.y));
    (Rect::new(inner.x, inner.y + 1, inner.width, rows as u16), offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> Vec<(String, String)> {
        ["Aware", "Engage", "Subscribe", "وعي"]
            .iter()
            .map(|s| (s.to_lowercase(), s.to_string()))
            .collect()
    }

    #[test]
    fn typing_filters_and_enter_chooses() {
        let mut pick = PickList::new("Stage", options(), false, &[]);
        pick.handle(Action::Insert('s'), 5);
        pick.handle(Action::Insert('u'), 5);
        assert_eq!(pick.len(), 1);
        assert_eq!(
            pick.handle(Action::Confirm, 5),
            PickResult::Chosen(vec!["subscribe".into()])
        );
    }

    #[test]
    fn multi_select_ticks_with_space() {
        let mut pick = PickList::new("Tactics", options(), true, &["engage".to_string()]);
        pick.handle(Action::Toggle, 5);
        pick.handle(Action::Down, 5);
        pick.handle(Action::Toggle, 5);
        assert_eq!(
            pick.handle(Action::Confirm, 5),
            PickResult::Chosen(vec!["aware".into()])
        );
    }

    #[test]
    fn fuzzy_filter_ranks_by_score_and_may_hold_spaces() {
        let options: Vec<(String, String)> = [
            ("linkedin-ads", "LinkedIn ads"),
            ("social-video", "Social video"),
            ("search-ads", "Search ads"),
            ("seo", "Search engine optimisation"),
        ]
        .iter()
        .map(|(v, l)| (v.to_string(), l.to_string()))
        .collect();
        let mut pick = PickList::new("tactics", options, true, &[]);
        for c in "srch".chars() {
            pick.handle(Action::Insert(c), 10);
        }
        let labels: Vec<&str> = (0..pick.len()).filter_map(|n| pick.entry(n).map(|(l, _)| l)).collect();
        assert_eq!(
            labels,
            vec!["Search ads", "Search engine optimisation"],
            "letters in order, not together"
        );
        // Space is typed into a filter that has text; Tab ticks.
        pick.handle(Action::Toggle, 10);
        for c in "ads".chars() {
            pick.handle(Action::Insert(c), 10);
        }
        assert_eq!(pick.filter(), "srch ads");
        assert_eq!(pick.entry(0), Some(("Search ads", false)));
        pick.handle(Action::Tick, 10);
        assert_eq!(pick.entry(0), Some(("Search ads", true)));
        // With nothing typed, Space ticks.
        for _ in 0..8 {
            pick.handle(Action::Backspace, 10);
        }
        pick.handle(Action::Toggle, 10);
        assert_eq!(pick.entry(0), Some(("LinkedIn ads", true)));
        assert_eq!(
            pick.handle(Action::Confirm, 10),
            PickResult::Chosen(vec!["linkedin-ads".to_string(), "search-ads".to_string()])
        );
    }
}
