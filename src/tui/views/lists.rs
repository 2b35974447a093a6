//! A view's list (left) and the selected item's details (right). Only the
//! rows that fit are built, so a 50,000-touchpoint list draws as fast as a
//! short one.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

use super::{details, dim_style, fit_words, label_style, selected_style};
use crate::model::schema::ChoiceSet;
use crate::model::typed::Period;
use crate::model::{Goal, ItemKind, JourneyMap};
use crate::text::bidi::{shown_cell, shown_fit};
use crate::text::{pad, sanitize, truncate, width};
use crate::tui::app::{App, ListPos, Tab};
use crate::tui::touchpoint_view::{EVERYONE, NaturalWidths, TouchpointColumn, joined};
use crate::tui::widgets::Rows;

/// What a list view laid out: its rows' area (for the mouse), its page
/// size, and its position kept in view.
#[derive(Debug, Clone, Copy)]
pub struct ListShown {
    pub rows: Rect,
    pub page: usize,
    pub pos: ListPos,
    /// How far the details are scrolled (within what they hold).
    pub details_scroll: usize,
}

pub fn draw(frame: &mut Frame, app: &App, area: Rect) -> Option<ListShown> {
    let tab = app.tab;
    let kind = tab.kind()?;
    let touchpoints = kind == ItemKind::Touchpoint;
    let natural = app.touchpoint_cache.widths();
    let [list_area, detail_area] = if touchpoints {
        let list = touchpoint_list_width(&natural, &app.touchpoint_columns, area.width);
        Layout::horizontal([Constraint::Length(list), Constraint::Min(0)]).areas(area)
    } else {
        Layout::horizontal([Constraint::Percentage(42), Constraint::Percentage(58)]).areas(area)
    };
    let rows = app.view_rows(tab);
    let len = rows.len();
    let block = Block::new().borders(Borders::ALL).border_style(dim_style());
    let mut inner = block.inner(list_area);
    let row_width = usize::from(inner.width);
    // With optional columns, a line of headings says which is which.
    let layout = touchpoints.then(|| TouchpointLayout::new(&natural, &app.touchpoint_columns, row_width));
    let headings = layout
        .as_ref()
        .filter(|l| !l.columns.is_empty() && inner.height > 2)
        .map(TouchpointLayout::headings);
    if headings.is_some() {
        inner.y += 1;
        inner.height -= 1;
    }
    let height = usize::from(inner.height);
    let mut pos = app.lists[tab.index()];
    pos.fit(len, height);
    let shown = ListShown {
        rows: inner,
        page: height.saturating_sub(1).max(1),
        pos,
        details_scroll: 0,
    };
    let mut title = format!(" {} ", tab.title());
    if tab == Tab::Touchpoints {
        if let Some(stage) = &app.stage_filter {
            let name = app.doc.map.name_of(ItemKind::Stage, stage).unwrap_or(stage);
            title = format!(" {} in “{}” ", tab.title(), shown_fit(name, 20));
        }
        title = format!("{title}· {} ", app.touchpoint_sort.label());
    }
    let filter = &app.name_filter[tab.index()];
    if !filter.is_empty() {
        title = format!("{title}/{} ", shown_fit(filter, 16));
    }
    let counter = if !rows.complete() {
        // A long filter's rows found so far: they fill the screen, the rest
        // are being looked for.
        format!(" {}/{len}+ filtering… ", pos.selected + 1)
    } else if len == 0 {
        " 0 ".to_string()
    } else {
        format!(" {}/{len} ", pos.selected + 1)
    };
    let block = block.title(title).title_bottom(Line::from(counter).right_aligned());
    let mut lines = Vec::with_capacity(height + 1);
    if let Some(headings) = headings {
        lines.push(headings);
    }
    if len == 0 {
        lines.push(Line::styled(
            truncate(
                &if app.filtered(tab) {
                    format!("no {} matches the filter (Esc clears it)", kind.noun())
                } else {
                    format!("no {} yet: press a to add one", kind.plural())
                },
                row_width,
            )
            .into_owned(),
            dim_style(),
        ));
    }
    let end = (pos.offset + height).min(len);
    for row in pos.offset..end {
        let Some(index) = rows.item(row) else {
            break;
        };
        let count = if kind == ItemKind::Stage {
            app.doc.counted_touchpoints(index)
        } else {
            0
        };
        let mut line = match &layout {
            Some(layout) => layout.row(&app.doc.map, index),
            None => row_line(&app.doc.map, kind, index, count, row_width, app.today),
        };
        if row == pos.selected {
            line = line.style(selected_style());
        }
        lines.push(line);
    }
    frame.render_widget(Rows::new(lines).block(block), list_area);

    // The row kept in view is the one selected.
    let selected = rows.item(pos.selected).map(|index| (kind, index));
    let detail_block = Block::new().borders(Borders::ALL).border_style(dim_style());
    let detail_inner = detail_block.inner(detail_area);
    let lines = match selected {
        Some(item) => details::lines(
            &app.doc.map,
            item,
            usize::from(detail_inner.width),
            app.today,
            app.used_by(item),
        ),
        None => Vec::new(),
    };
    let title = match selected {
        Some((kind, _)) => format!(" {} ", kind.noun()),
        None => String::new(),
    };
    // Details longer than the pane scroll, and say so on its border.
    let room = usize::from(detail_inner.height);
    let hidden = lines.len().saturating_sub(room);
    let scroll = selected.map_or(0, |item| app.details_offset(item)).min(hidden);
    let mut detail_block = detail_block.title(title);
    if scroll > 0 {
        detail_block = detail_block.title(Line::styled(format!(" ↑ {scroll} more: [ "), dim_style()).right_aligned());
    }
    let below = hidden - scroll;
    if below > 0 {
        detail_block =
            detail_block.title_bottom(Line::styled(format!(" ↓ {below} more: ] "), dim_style()).right_aligned());
    }
    let lines: Vec<Line> = lines.into_iter().skip(scroll).collect();
    frame.render_widget(Rows::new(lines).block(detail_block), detail_area);
    let shown = ListShown {
        details_scroll: scroll,
        ..shown
    };
    Some(shown)
}

/// One list row, exactly `cells` wide.
/// `count` is the number of touchpoints of a stage.
fn row_line(
    map: &JourneyMap,
    kind: ItemKind,
    index: usize,
    count: usize,
    cells: usize,
    today: Period,
) -> Line<'static> {
    let (main, side): (String, String) = match kind {
        ItemKind::Stage => {
            let s = &map.stages[index];
            let mood = match s.emotion {
                i8::MIN..=-2 => "☹☹",
                -1 => "☹",
                0 => "",
                1 => "☺",
                _ => "☺☺",
            };
            let side = format!("{mood:>2} {count:>3} tp");
            // The number stays left of the name, whatever the name's direction.
            let number = format!("{:>2}. ", index + 1);
            let name_width = cells.saturating_sub(width(&side) + 1 + width(&number));
            return Line::from(vec![
                Span::raw(number),
                Span::raw(shown_cell(&s.name, name_width)),
                Span::raw(" "),
                Span::styled(side, dim_style()),
            ]);
        }
        ItemKind::Touchpoint => {
            let t = &map.touchpoints[index];
            (sanitize(&t.name).into_owned(), String::new())
        }
        ItemKind::Persona => {
            let p = &map.personas[index];
            let seg = map.name_of(ItemKind::Segment, &p.segment).unwrap_or("");
            (p.name.clone(), seg.to_string())
        }
        ItemKind::Segment => {
            let s = &map.segments[index];
            let side = if s.anti {
                "anti".to_string()
            } else {
                match s.usps.len() {
                    0 => "no USP".to_string(),
                    1 => "1 USP".to_string(),
                    n => format!("{n} USPs"),
                }
            };
            (s.name.clone(), side)
        }
        ItemKind::Competitor => {
            let c = &map.competitors[index];
            (c.name.clone(), c.kind.label().to_string())
        }
        ItemKind::Tactic => {
            let t = &map.tactics[index];
            (t.name.clone(), t.discipline.clone())
        }
        ItemKind::Goal => {
            let g = &map.goals[index];
            (sanitize(&g.name).into_owned(), goal_summary(g, today))
        }
        ItemKind::Insight => {
            let i = &map.insights[index];
            let stage = map.name_of(ItemKind::Stage, &i.stage).unwrap_or(&i.stage);
            let side = format!("{} · {}", i.lane.choice_label(), i.evidence.choice_label());
            (format!("{} · {}", sanitize(stage), sanitize(&i.name)), side)
        }
        ItemKind::PainPoint => {
            let p = &map.pain_points[index];
            let stage = map.name_of(ItemKind::Stage, &p.stage).unwrap_or(&p.stage);
            (
                format!("{} · {}", sanitize(stage), sanitize(&p.name)),
                p.severity.choice_label().to_string(),
            )
        }
        ItemKind::Opportunity => {
            let o = &map.opportunities[index];
            let stage = map.name_of(ItemKind::Stage, &o.stage).unwrap_or(&o.stage);
            (
                format!("{} · {}", sanitize(stage), sanitize(&o.name)),
                o.status.choice_label().to_string(),
            )
        }
        ItemKind::Offer => {
            let o = &map.offers[index];
            let stage = map.name_of(ItemKind::Stage, &o.stage).unwrap_or(&o.stage);
            (
                format!("{} · {}", sanitize(stage), sanitize(&o.name)),
                format!("{} · {}", offer_price(o), o.kind.choice_label()),
            )
        }
        ItemKind::Campaign => {
            let c = &map.campaigns[index];
            let stage = |id: &str| sanitize(map.name_of(ItemKind::Stage, id).unwrap_or("?")).into_owned();
            let side = if c.from_stage.is_empty() || c.to_stage.is_empty() {
                "no step yet".to_string()
            } else {
                format!("{} → {}", stage(&c.from_stage), stage(&c.to_stage))
            };
            (sanitize(&c.name).into_owned(), side)
        }
        // A kind added later lists its names until it says more.
        #[allow(unreachable_patterns)]
        _ => {
            let name = map.id_and_name(kind, index).map_or("", |(_, name)| name);
            (name.to_string(), String::new())
        }
    };
    // Both are map text, drawn by `shown_*` (sanitized, in visual order).
    let side = shown_fit(&side, cells / 3);
    let side_width = width(&side);
    let main_width = cells.saturating_sub(side_width + usize::from(side_width > 0));
    let mut spans = vec![Span::raw(shown_cell(&main, main_width))];
    if side_width > 0 {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(side, dim_style()));
    }
    Line::from(spans)
}

/// A goal's progress for its list row: "62%", "⚠ 25%" when overdue,
/// "met", "no target".
pub fn goal_summary(goal: &Goal, today: Period) -> String {
    let progress = match goal.progress() {
        Some(p) if p >= 100.0 => "met".to_string(),
        Some(p) => format!("{}%", p.round()),
        None => "no target".to_string(),
    };
    if goal.overdue(today) {
        format!("⚠ {progress}")
    } else {
        progress
    }
}

/// How wide an optional column gets before the others have had their
/// share, and the widest it gets.
const COLUMN_SHARE: usize = 24;
const COLUMN_MAX: usize = 40;
/// The narrowest a touchpoint's stage column gets, and the widest.
const STAGE_MIN: usize = 6;
const STAGE_MAX: usize = 16;

/// How wide the Touchpoints list is in `total` cells: as wide as its rows
/// need, never narrower than the other lists (42%), and leaving the details
/// a third of the room (at least 36 cells).
fn touchpoint_list_width(natural: &NaturalWidths, columns: &[TouchpointColumn], total: u16) -> u16 {
    let total = usize::from(total);
    let details = (total / 3).max(36);
    let wanted = 2
        + natural.stage.clamp(STAGE_MIN, STAGE_MAX)
        + 1
        + natural.name
        + columns
            .iter()
            .map(|&c| 1 + natural.of(c).min(COLUMN_MAX))
            .sum::<usize>();
    let least = total * 42 / 100;
    let most = total.saturating_sub(details).max(least);
    wanted.clamp(least, most) as u16
}

/// The widths of a touchpoint row's parts in a list `cells` wide.
#[derive(Debug, Clone, PartialEq, Eq)]
struct TouchpointLayout {
    stage: usize,
    name: usize,
    /// The optional columns that fit, each with its width.
    columns: Vec<(TouchpointColumn, usize)>,
}

impl TouchpointLayout {
    /// The stage column as its names need (6 to 16 cells); the name a fair
    /// share first (whole, or at least two fifths of the row); then the
    /// optional columns as their texts need (up to 24 cells each, then up
    /// to 40); then the name the rest. Columns that leave the name less than 12 cells are
    /// left out, the last chosen first.
    fn new(natural: &NaturalWidths, chosen: &[TouchpointColumn], cells: usize) -> Self {
        let stage = natural.stage.clamp(STAGE_MIN, STAGE_MAX).min(cells / 3).max(1);
        let mut columns: Vec<(TouchpointColumn, usize)> =
            chosen.iter().map(|&c| (c, natural.of(c).clamp(4, 8))).collect();
        let fixed =
            |columns: &[(TouchpointColumn, usize)]| stage + 1 + columns.iter().map(|(_, w)| w + 1).sum::<usize>();
        while !columns.is_empty() && fixed(&columns) + 12 > cells {
            columns.pop();
        }
        let mut free = cells.saturating_sub(fixed(&columns));
        let mut name = natural.name.min((cells * 2 / 5).max(12)).min(free);
        free -= name;
        for cap in [COLUMN_SHARE, COLUMN_MAX] {
            for (column, w) in &mut columns {
                let more = natural.of(*column).min(cap).saturating_sub(*w).min(free);
                *w += more;
                free -= more;
            }
        }
        name += free;
        TouchpointLayout { stage, name, columns }
    }

    fn headings(&self) -> Line<'static> {
        let mut spans = vec![
            Span::styled(pad("Stage", self.stage), label_style()),
            Span::raw(" "),
            Span::styled(pad("Name", self.name), label_style()),
        ];
        for &(column, w) in &self.columns {
            spans.push(Span::raw(" "));
            spans.push(Span::styled(pad(column.title(), w), label_style()));
        }
        Line::from(spans)
    }

    /// The row of touchpoint `index`: its stage, its name, then the
    /// columns chosen, each cut after a whole word when it is too long.
    fn row(&self, map: &JourneyMap, index: usize) -> Line<'static> {
        let t = &map.touchpoints[index];
        let stage = map.name_of(ItemKind::Stage, &t.stage).unwrap_or(&t.stage);
        let mut spans = vec![
            Span::styled(
                shown_cell(&fit_words(&sanitize(stage), self.stage), self.stage),
                Style::new().fg(Color::Cyan),
            ),
            Span::raw(" "),
            Span::raw(shown_cell(&fit_words(&sanitize(&t.name), self.name), self.name)),
        ];
        for &(column, w) in &self.columns {
            let text = match column {
                TouchpointColumn::Tactics => joined(|id| map.name_of(ItemKind::Tactic, id), &t.tactics),
                TouchpointColumn::Personas if t.personas.is_empty() => EVERYONE.to_string(),
                TouchpointColumn::Personas => joined(|id| map.name_of(ItemKind::Persona, id), &t.personas),
                TouchpointColumn::Channel => t.channel.clone(),
            };
            spans.push(Span::raw(" "));
            spans.push(Span::styled(
                shown_cell(&fit_words(&sanitize(&text), w), w),
                dim_style(),
            ));
        }
        Line::from(spans)
    }
}

/// An offer's price as a row shows it: "free", "19 GBP", "price not set".
pub fn offer_price(offer: &crate::model::Offer) -> String {
    match (offer.price.as_str(), offer.currency.as_str()) {
        ("", _) => "price not set".to_string(),
        ("0", _) => "free".to_string(),
        (price, "") => price.to_string(),
        (price, currency) => format!("{price} {currency}"),
    }
}
