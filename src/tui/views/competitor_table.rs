//! The competitor summary: one row per competitor, their key facts side by
//! side. The name column stays; the others scroll sideways when they do not
//! all fit, and the border says which are shown.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

use super::lists::ListShown;
use super::{dim_style, label_style, selected_style};
use crate::model::schema::ChoiceSet;
use crate::model::{Competitor, ItemKind, JourneyMap};
use crate::text::bidi::{drawn_width, shown_cell};
use crate::text::{pad, width};
use crate::tui::app::App;
use crate::tui::widgets::Rows;

/// A column: its header and how a competitor's cell reads.
struct Column {
    header: &'static str,
    cell: fn(&JourneyMap, &Competitor) -> String,
}

/// The widest a column grows; longer text is cut with an ellipsis (the
/// details pane and the form show it whole).
const MAX_COLUMN: usize = 28;

const COLUMNS: &[Column] = &[
    Column {
        header: "Kind",
        cell: |_, c| c.kind.label().to_string(),
    },
    Column {
        header: "Price level",
        cell: |_, c| unless_unspecified(c.price_level.choice_label()),
    },
    Column {
        header: "Pricing",
        cell: |_, c| c.pricing.clone(),
    },
    Column {
        header: "Geography",
        cell: |_, c| c.geography.clone(),
    },
    Column {
        header: "Channels",
        cell: |_, c| c.channels.join(", "),
    },
    Column {
        header: "Rating",
        cell: |_, c| match (c.rating.as_str(), c.review_count.as_str()) {
            ("", _) => String::new(),
            (rating, "") => rating.to_string(),
            (rating, count) => format!("{rating} ({count})"),
        },
    },
    Column {
        header: "USP",
        cell: |_, c| c.usp.clone(),
    },
    Column {
        header: "Segments",
        cell: |map, c| {
            c.segments
                .iter()
                .map(|id| map.name_of(ItemKind::Segment, id).unwrap_or(id).to_string())
                .collect::<Vec<_>>()
                .join(", ")
        },
    },
    Column {
        header: "Positioning",
        cell: |_, c| c.positioning.lines().next().unwrap_or("").to_string(),
    },
    Column {
        header: "Strengths",
        cell: |_, c| c.strengths.join("; "),
    },
    Column {
        header: "Weaknesses",
        cell: |_, c| c.weaknesses.join("; "),
    },
];

fn unless_unspecified(label: &str) -> String {
    if label == "unspecified" {
        String::new()
    } else {
        label.to_string()
    }
}

/// How many columns there are besides the name: the sideways scroll's range.
pub fn column_count() -> usize {
    COLUMNS.len()
}

pub fn draw(frame: &mut Frame, app: &App, area: Rect) -> ListShown {
    let map = &app.doc.map;
    let tab = app.tab;
    let rows = app.view_rows(tab);
    let block = Block::new().borders(Borders::ALL).border_style(dim_style());
    let inner = block.inner(area);
    let height = usize::from(inner.height).saturating_sub(1);
    let mut pos = app.lists[tab.index()];
    pos.fit(rows.len(), height);
    // Natural widths, from the rows shown and the headers.
    let shown_rows: Vec<usize> = (pos.offset..(pos.offset + height).min(rows.len()))
        .filter_map(|row| rows.item(row))
        .collect();
    let cells: Vec<(String, Vec<String>)> = shown_rows
        .iter()
        .filter_map(|&i| map.competitors.get(i))
        .map(|c| {
            let row = COLUMNS.iter().map(|col| (col.cell)(map, c)).collect();
            (c.name.clone(), row)
        })
        .collect();
    let name_width = cells
        .iter()
        .map(|(name, _)| drawn_width(name))
        .chain(std::iter::once(4))
        .max()
        .unwrap_or(4)
        .min(MAX_COLUMN)
        .min(usize::from(inner.width) / 3);
    let widths: Vec<usize> = COLUMNS
        .iter()
        .enumerate()
        .map(|(n, col)| {
            cells
                .iter()
                .map(|(_, row)| drawn_width(&row[n]))
                .chain(std::iter::once(width(col.header)))
                .max()
                .unwrap_or(0)
                .min(MAX_COLUMN)
        })
        .collect();
    let first = app.competitor_table.column.min(COLUMNS.len() - 1);
    let mut room = usize::from(inner.width).saturating_sub(name_width);
    let mut shown = Vec::new();
    for (n, &w) in widths.iter().enumerate().skip(first) {
        // The last column shown may be cut (with an ellipsis), not left out.
        if room <= 8 && !shown.is_empty() {
            break;
        }
        let w = w.min(room.saturating_sub(1));
        shown.push((n, w));
        room = room.saturating_sub(w + 1);
    }
    let mut lines = Vec::with_capacity(height + 1);
    let mut header = vec![Span::styled(pad("Name", name_width), label_style())];
    for &(n, w) in &shown {
        header.push(Span::raw(" "));
        header.push(Span::styled(pad(COLUMNS[n].header, w), label_style()));
    }
    lines.push(Line::from(header));
    for (row, (name, values)) in cells.iter().enumerate() {
        let mut spans = vec![Span::raw(shown_cell(name, name_width))];
        for &(n, w) in &shown {
            spans.push(Span::raw(" "));
            spans.push(Span::raw(shown_cell(&values[n], w)));
        }
        let mut line = Line::from(spans);
        if pos.offset + row == pos.selected {
            line = line.style(selected_style());
        }
        lines.push(line);
    }
    if cells.is_empty() {
        lines.push(Line::styled("no competitors yet: press a to add one", dim_style()));
    }
    let last = shown.last().map_or(first, |&(n, _)| n);
    let mut title = format!(
        " Competitors: summary · columns {}-{} of {} ",
        first + 1,
        last + 1,
        COLUMNS.len()
    );
    if first > 0 {
        title.push_str("· ◀ ");
    }
    if last + 1 < COLUMNS.len() {
        title.push_str("· ▶ more ");
    }
    let counter = if rows.is_empty() {
        " 0 ".to_string()
    } else {
        format!(" {}/{} · [/]: columns · t: details ", pos.selected + 1, rows.len())
    };
    let block = block.title(title).title_bottom(Line::from(counter).right_aligned());
    frame.render_widget(Rows::new(lines).block(block), area);
    let list_rows = Rect {
        y: inner.y.saturating_add(1),
        height: inner.height.saturating_sub(1),
        ..inner
    };
    ListShown {
        rows: list_rows,
        page: height.saturating_sub(1).max(1),
        pos,
        details_scroll: 0,
    }
}
