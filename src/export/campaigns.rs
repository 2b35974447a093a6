//! The campaign parts of a report in every format: the flow (which
//! campaigns move people from stage to stage, and where nothing does), the
//! offer ladder (the offers in journey order with their prices) and the
//! calendar (dated campaigns on a month-by-month timeline).
//!
//! What each part shows is worked out once ([`ladder`], [`FlowView`],
//! [`Calendar`]); the renderers below only lay it out and escape it.

use std::fmt::Write;

use serde::Serialize;

use super::table::{Align, Table, TableCell, TableStyle, Tone};
use super::{NO_WRAP, csv, gfm};
use crate::analysis::calendar::Calendar;
use crate::analysis::flow::{Direction, Flow, Step};
use crate::model::schema::ChoiceSet;
use crate::model::typed::number;
use crate::model::{ItemKind, JourneyMap, MapIndex, Offer};
use crate::text::{sanitize, width, wrap_words};

/// What a flow cell shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FlowCells {
    /// How many campaigns serve the step.
    #[default]
    Count,
    /// Their names, one per line.
    Names,
}

/// Options of the text flow grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FlowOptions {
    pub cells: FlowCells,
    /// Width budget in terminal cells; [`NO_WRAP`] for none.
    pub width: usize,
    pub ascii: bool,
    /// Right-to-left text in the grid shaped and in visual order, for a
    /// terminal that does no BiDi of its own.
    pub visual: bool,
}

/// The marks of the flow grid: empty, gap, backward, within a stage.
struct FlowMarks {
    empty: &'static str,
    gap: &'static str,
    back: &'static str,
    within: &'static str,
    arrow: &'static str,
}

fn flow_marks(ascii: bool) -> FlowMarks {
    if ascii {
        FlowMarks {
            empty: ".",
            gap: "GAP",
            back: "<",
            within: "@",
            arrow: "->",
        }
    } else {
        FlowMarks {
            empty: "·",
            gap: "GAP",
            back: "←",
            within: "↺",
            arrow: "→",
        }
    }
}

fn direction_word(direction: Direction) -> &'static str {
    match direction {
        Direction::Forward => "forward",
        Direction::Within => "within",
        Direction::Backward => "backward",
    }
}

fn campaign_name(map: &JourneyMap, position: usize) -> &str {
    let campaign = &map.campaigns[position];
    if campaign.name.trim().is_empty() {
        &campaign.id
    } else {
        &campaign.name
    }
}

fn stage_name(flow: &Flow, position: usize) -> &str {
    flow.stages.get(position).map_or("", |(id, name)| {
        if name.trim().is_empty() {
            id.as_str()
        } else {
            name.as_str()
        }
    })
}

/// "Aware → Subscribe".
fn step_label(flow: &Flow, step: Step, arrow: &str) -> String {
    format!("{} {arrow} {}", stage_name(flow, step.from), stage_name(flow, step.to))
}

/// What one cell of the flow says, in words of the given marks.
fn cell_text(map: &JourneyMap, flow: &Flow, step: Step, cells: FlowCells, marks: &FlowMarks) -> String {
    let campaigns = flow.campaigns(step);
    if campaigns.is_empty() {
        return if flow.is_gap(step) { marks.gap } else { marks.empty }.to_string();
    }
    let mark = match step.direction() {
        Direction::Forward => "",
        Direction::Backward => marks.back,
        Direction::Within => marks.within,
    };
    let body = match cells {
        FlowCells::Count => campaigns.len().to_string(),
        FlowCells::Names => campaigns
            .iter()
            .map(|&c| sanitize(campaign_name(map, c)).into_owned())
            .collect::<Vec<_>>()
            .join("\n"),
    };
    if mark.is_empty() {
        body
    } else {
        format!("{mark} {body}")
    }
}

/// The flow as text: the grid (from-stage rows, to-stage columns), a
/// legend, then each step with its campaigns and the gaps.
pub fn flow_text(map: &JourneyMap, options: &FlowOptions) -> String {
    let flow = Flow::build(map);
    let mut out = String::new();
    if flow.stages.is_empty() {
        out.push_str("No stages yet.\n");
        return out;
    }
    let marks = flow_marks(options.ascii);
    let n = flow.stages.len();
    let corner = format!("from {} to", marks.arrow);
    // The to-stages go in as many blocks of columns as the width needs,
    // each block repeating the from-stages down the side.
    let label_width = (0..n)
        .map(|s| width(&sanitize(stage_name(&flow, s))))
        .max()
        .unwrap_or(1)
        .clamp(width(&corner).min(8), 16);
    let narrowest = match options.cells {
        FlowCells::Count => 5,
        FlowCells::Names => 10,
    };
    let per_block = if options.width == NO_WRAP {
        n
    } else {
        // A border, the label column with its padding, then per column its
        // text, padding and border.
        let room = options.width.saturating_sub(1 + label_width + 3);
        let fit = (room / (narrowest + 3)).clamp(1, n);
        n.div_ceil(n.div_ceil(fit))
    };
    let style = TableStyle {
        ascii: options.ascii,
        colour: false,
        max_width: options.width,
        visual: options.visual,
    };
    for (block, first) in (0..n).step_by(per_block.max(1)).enumerate() {
        if block > 0 {
            out.push('\n');
        }
        let last = (first + per_block).min(n);
        let mut min_widths = vec![width(&corner).min(8)];
        min_widths.extend(std::iter::repeat_n(3, last - first));
        let mut table = Table::new(min_widths);
        let mut heading = vec![TableCell::new(corner.clone()).tone(Tone::Strong)];
        heading.extend((first..last).map(|to| TableCell::new(sanitize(stage_name(&flow, to))).tone(Tone::Strong)));
        table.row(heading);
        for from in 0..n {
            table.rule();
            let mut row = vec![TableCell::new(sanitize(stage_name(&flow, from))).tone(Tone::Strong)];
            row.extend((first..last).map(|to| {
                let text = cell_text(map, &flow, Step { from, to }, options.cells, &marks);
                let align = if options.cells == FlowCells::Count {
                    Align::Center
                } else {
                    Align::Left
                };
                TableCell::new(text).align(align)
            }));
            table.row(row);
        }
        out.push_str(&table.render(&style));
    }
    let legend = format!(
        "Rows: the stage campaigns move people from; columns: the stage they move them to. \
         {gap}: nothing moves people on from that stage. {back} backward (win-back, re-engagement); \
         {within} within a stage; {empty} no campaign.",
        gap = marks.gap,
        back = marks.back,
        within = marks.within,
        empty = marks.empty,
    );
    wrapped(&mut out, "", &legend, options.width);
    let steps = flow.steps();
    out.push('\n');
    if steps.is_empty() {
        out.push_str("No campaign moves people between stages yet.\n");
    }
    for step in steps {
        let names: Vec<String> = flow
            .campaigns(step)
            .iter()
            .map(|&c| sanitize(campaign_name(map, c)).into_owned())
            .collect();
        let label = format!(
            "{} ({}): ",
            sanitize(&step_label(&flow, step, marks.arrow)),
            direction_word(step.direction())
        );
        wrapped(&mut out, &label, &names.join("; "), options.width);
    }
    for gap in flow.gaps() {
        let text = format!(
            "nothing moves people on from {} (next: {})",
            sanitize(stage_name(&flow, gap.from)),
            sanitize(stage_name(&flow, gap.to))
        );
        wrapped(&mut out, &format!("{}: ", marks.gap), &text, options.width);
    }
    if !flow.unplaced.is_empty() {
        let names: Vec<String> = flow
            .unplaced
            .iter()
            .map(|&c| sanitize(campaign_name(map, c)).into_owned())
            .collect();
        wrapped(&mut out, "Without a step: ", &names.join("; "), options.width);
    }
    out
}

/// `prefix` then `text` wrapped to `max` cells, later lines indented.
fn wrapped(out: &mut String, prefix: &str, text: &str, max: usize) {
    let indent = width(prefix);
    if max != NO_WRAP && indent + 20 > max {
        // Too long a prefix to hang the text from: the prefix on lines of
        // its own, the text under it, indented.
        for line in wrap_words(prefix.trim_end(), max.max(1)) {
            out.push_str(&line);
            out.push('\n');
        }
        for line in wrap_words(text, max.saturating_sub(2).max(1)) {
            out.push_str("  ");
            out.push_str(&line);
            out.push('\n');
        }
        return;
    }
    for (n, line) in wrap_words(text, max.saturating_sub(indent).max(20)).iter().enumerate() {
        if n == 0 {
            out.push_str(prefix);
        } else {
            out.extend(std::iter::repeat_n(' ', indent));
        }
        out.push_str(line);
        out.push('\n');
    }
}

/// The flow as Markdown: a GFM grid, then the steps and gaps as a list.
pub fn flow_markdown(map: &JourneyMap) -> String {
    let flow = Flow::build(map);
    let mut out = String::new();
    if flow.stages.is_empty() {
        out.push_str("No stages yet.\n");
        return out;
    }
    let marks = flow_marks(false);
    let n = flow.stages.len();
    let stage_cells: Vec<String> = (0..n).map(|s| gfm::cell(stage_name(&flow, s))).collect();
    let mut headers: Vec<&str> = vec!["From → to"];
    headers.extend(stage_cells.iter().map(String::as_str));
    let mut align = vec!["---"];
    align.extend(std::iter::repeat_n(":---:", n));
    let rows: Vec<Vec<String>> = (0..n)
        .map(|from| {
            let mut row = vec![format!("**{}**", gfm::cell(stage_name(&flow, from)))];
            row.extend((0..n).map(|to| {
                let step = Step { from, to };
                let text = cell_text(map, &flow, step, FlowCells::Count, &marks);
                if flow.is_gap(step) { format!("**{text}**") } else { text }
            }));
            row
        })
        .collect();
    out.push_str(&gfm::table(&headers, &align, &rows));
    out.push('\n');
    let _ = writeln!(
        out,
        "Rows: the stage campaigns move people from; columns: the stage they move them to. \
         **GAP**: nothing moves people on from that stage. ← backward; ↺ within a stage."
    );
    out.push('\n');
    let steps = flow.steps();
    if steps.is_empty() {
        out.push_str("No campaign moves people between stages yet.\n");
    }
    for step in steps {
        let names: Vec<String> = flow
            .campaigns(step)
            .iter()
            .map(|&c| gfm::inline(campaign_name(map, c)))
            .collect();
        let _ = writeln!(
            out,
            "- **{}** ({}): {}",
            gfm::inline(&step_label(&flow, step, "→")),
            direction_word(step.direction()),
            names.join("; ")
        );
    }
    for gap in flow.gaps() {
        let _ = writeln!(
            out,
            "- **Gap:** nothing moves people on from {} (next: {})",
            gfm::inline(stage_name(&flow, gap.from)),
            gfm::inline(stage_name(&flow, gap.to))
        );
    }
    if !flow.unplaced.is_empty() {
        let names: Vec<String> = flow
            .unplaced
            .iter()
            .map(|&c| gfm::inline(campaign_name(map, c)))
            .collect();
        let _ = writeln!(out, "- **Without a step:** {}", names.join("; "));
    }
    out
}

fn record(out: &mut String, fields: &[String]) {
    let quoted: Vec<String> = fields.iter().map(|f| csv::field(f)).collect();
    out.push_str(&quoted.join(","));
    out.push_str("\r\n");
}

/// The flow as CSV: a row per step that has campaigns, then a row per gap.
pub fn flow_csv(map: &JourneyMap) -> String {
    let flow = Flow::build(map);
    let mut out = String::new();
    record(
        &mut out,
        &[
            "from",
            "to",
            "from_id",
            "to_id",
            "direction",
            "gap",
            "campaigns",
            "names",
            "ids",
        ]
        .map(String::from),
    );
    let row = |out: &mut String, step: Step| {
        let campaigns = flow.campaigns(step);
        let names: Vec<&str> = campaigns.iter().map(|&c| campaign_name(map, c)).collect();
        let ids: Vec<&str> = campaigns.iter().map(|&c| map.campaigns[c].id.as_str()).collect();
        record(
            out,
            &[
                stage_name(&flow, step.from).to_string(),
                stage_name(&flow, step.to).to_string(),
                flow.stages[step.from].0.clone(),
                flow.stages[step.to].0.clone(),
                direction_word(step.direction()).to_string(),
                if flow.is_gap(step) { "yes" } else { "no" }.to_string(),
                campaigns.len().to_string(),
                names.join("; "),
                ids.join("; "),
            ],
        );
    };
    for step in flow.steps() {
        row(&mut out, step);
    }
    for gap in flow.gaps() {
        row(&mut out, gap);
    }
    out
}

/// The flow for JSON.
#[derive(Debug, Serialize)]
pub(crate) struct FlowJson<'m> {
    /// Stage ids in journey order: the rows and the columns.
    stages: Vec<&'m str>,
    /// `cells[from][to]`: the ids of the campaigns of that step.
    cells: Vec<Vec<Vec<&'m str>>>,
    /// Every step with campaigns, row by row.
    steps: Vec<StepJson<'m>>,
    /// Stages nothing moves people on from, with the next stage.
    gaps: Vec<StepJson<'m>>,
    /// Campaigns whose step is not set or names no stage.
    unplaced: Vec<&'m str>,
}

#[derive(Debug, Serialize)]
struct StepJson<'m> {
    from: &'m str,
    to: &'m str,
    /// `forward`, `backward` or `within`.
    direction: &'static str,
    campaigns: Vec<&'m str>,
}

pub(crate) fn flow_json(map: &JourneyMap) -> FlowJson<'_> {
    let flow = Flow::build(map);
    let id = |c: &usize| map.campaigns[*c].id.as_str();
    let stage = |s: usize| map.stages[s].id.as_str();
    let step_json = |step: Step| StepJson {
        from: stage(step.from),
        to: stage(step.to),
        direction: direction_word(step.direction()),
        campaigns: flow.campaigns(step).iter().map(id).collect(),
    };
    FlowJson {
        stages: map.stages.iter().map(|s| s.id.as_str()).collect(),
        cells: flow
            .cells
            .iter()
            .map(|row| row.iter().map(|cell| cell.iter().map(id).collect()).collect())
            .collect(),
        steps: flow.steps().into_iter().map(step_json).collect(),
        gaps: flow.gaps().into_iter().map(step_json).collect(),
        unplaced: flow.unplaced.iter().map(id).collect(),
    }
}

/// The flow alone as pretty JSON, for `journeymap flow --format json`.
pub fn flow_json_text(map: &JourneyMap) -> String {
    pretty(&flow_json(map))
}

fn pretty<T: Serialize>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value)
        .unwrap_or_else(|e| format!("{{\"error\": {}}}", serde_json::Value::String(e.to_string())));
    text.push('\n');
    text
}

// ---------------------------------------------------------------- ladder

/// One rung of the offer ladder.
pub(crate) struct Rung<'m> {
    pub offer: &'m Offer,
    /// Name of the stage it serves (or its id when the map lacks it).
    pub stage: &'m str,
    /// Name of the offer it upgrades or complements, if any.
    pub upgrades: Option<&'m str>,
}

/// The offers in journey order: by the stage they serve (unknown stages
/// last), then by kind (lead magnet first, rewards last), then file order.
pub(crate) fn ladder(map: &JourneyMap) -> Vec<Rung<'_>> {
    let index = MapIndex::new(map);
    let mut order: Vec<(usize, usize, usize)> = map
        .offers
        .iter()
        .enumerate()
        .map(|(position, offer)| {
            let stage = index.position(ItemKind::Stage, &offer.stage).unwrap_or(usize::MAX);
            (stage, offer.kind.position(), position)
        })
        .collect();
    order.sort_unstable();
    order
        .into_iter()
        .map(|(_, _, position)| {
            let offer = &map.offers[position];
            let upgrades = (!offer.upgrades.is_empty()).then(|| {
                index
                    .name(map, ItemKind::Offer, &offer.upgrades)
                    .unwrap_or(&offer.upgrades)
            });
            Rung {
                offer,
                stage: index.name(map, ItemKind::Stage, &offer.stage).unwrap_or(&offer.stage),
                upgrades,
            }
        })
        .collect()
}

use crate::model::schema::Choose;

/// `free`, `19 GBP`, or empty when the price is not decided.
pub(crate) fn price(offer: &Offer) -> String {
    if offer.price.is_empty() {
        return String::new();
    }
    if number(&offer.price) == Some(0.0) {
        return "free".to_string();
    }
    if offer.currency.is_empty() {
        offer.price.clone()
    } else {
        format!("{} {}", offer.price, offer.currency)
    }
}

fn offer_name(offer: &Offer) -> &str {
    if offer.name.trim().is_empty() {
        &offer.id
    } else {
        &offer.name
    }
}

const LADDER_HEADERS: [&str; 6] = ["Stage", "Offer", "Kind", "Price", "Value", "Upgrades"];

fn ladder_row(rung: &Rung) -> [String; 6] {
    [
        rung.stage.to_string(),
        offer_name(rung.offer).to_string(),
        rung.offer.kind.choice_label().to_string(),
        price(rung.offer),
        rung.offer.value.clone(),
        rung.upgrades.unwrap_or("").to_string(),
    ]
}

/// The ladder as a text table.
pub fn ladder_text(map: &JourneyMap, width_budget: usize, ascii: bool, visual: bool) -> String {
    let rungs = ladder(map);
    if rungs.is_empty() {
        return "No offers yet.\n".to_string();
    }
    let mut table = Table::new(vec![5, 6, 6, 5, 6, 6]);
    table.row(
        LADDER_HEADERS
            .iter()
            .map(|h| TableCell::new(*h).tone(Tone::Strong))
            .collect(),
    );
    for rung in &rungs {
        table.rule();
        table.row(ladder_row(rung).iter().map(|t| TableCell::new(sanitize(t))).collect());
    }
    let style = TableStyle {
        ascii,
        colour: false,
        max_width: width_budget,
        visual,
    };
    if let Some(rendered) = table.render_if_fits(&style) {
        return rendered;
    }
    // Too narrow for a row per offer: a block per offer, its facts below it.
    let mut out = String::new();
    for (n, rung) in rungs.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let [stage, name, kind, price, value, upgrades] = ladder_row(rung);
        wrapped(&mut out, "", &sanitize(&name), width_budget);
        for (label, text) in [
            ("Stage", stage),
            ("Kind", kind),
            ("Price", price),
            ("Value", value),
            ("Upgrades", upgrades),
        ] {
            if !text.trim().is_empty() {
                wrapped(&mut out, &format!("   {label}: "), &sanitize(&text), width_budget);
            }
        }
    }
    out
}

pub fn ladder_markdown(map: &JourneyMap) -> String {
    let rungs = ladder(map);
    if rungs.is_empty() {
        return "No offers yet.\n".to_string();
    }
    let rows: Vec<Vec<String>> = rungs
        .iter()
        .map(|rung| ladder_row(rung).iter().map(|t| gfm::cell(t)).collect())
        .collect();
    gfm::table(&LADDER_HEADERS, &[], &rows)
}

/// A row per offer in ladder order, names with their ids beside them.
pub fn ladder_csv(map: &JourneyMap) -> String {
    let mut out = String::new();
    record(
        &mut out,
        &[
            "stage",
            "stage_id",
            "offer",
            "offer_id",
            "kind",
            "price",
            "currency",
            "free",
            "value",
            "upgrades",
            "upgrades_id",
            "segments",
        ]
        .map(String::from),
    );
    for rung in ladder(map) {
        let o = rung.offer;
        record(
            &mut out,
            &[
                rung.stage.to_string(),
                o.stage.clone(),
                offer_name(o).to_string(),
                o.id.clone(),
                o.kind.choice_label().to_string(),
                o.price.clone(),
                o.currency.clone(),
                if number(&o.price) == Some(0.0) { "yes" } else { "no" }.to_string(),
                o.value.clone(),
                rung.upgrades.unwrap_or("").to_string(),
                o.upgrades.clone(),
                o.segments.join("; "),
            ],
        );
    }
    out
}

#[derive(Debug, Serialize)]
pub(crate) struct RungJson<'m> {
    /// The offer's id; its fields are in `map.offers`.
    offer: &'m str,
    stage: &'m str,
    kind: &'static str,
    /// `free`, `19 GBP`, or empty when not decided.
    price: String,
}

pub(crate) fn ladder_json(map: &JourneyMap) -> Vec<RungJson<'_>> {
    ladder(map)
        .into_iter()
        .map(|rung| RungJson {
            offer: &rung.offer.id,
            stage: &rung.offer.stage,
            kind: rung.offer.kind.choice_label(),
            price: price(rung.offer),
        })
        .collect()
}

// -------------------------------------------------------------- calendar

/// The text calendar: a table per block of months that fits the width,
/// a row per campaign grouped under its step, a bar in the months it runs.
pub fn calendar_text(map: &JourneyMap, width_budget: usize, ascii: bool, visual: bool) -> String {
    let calendar = Calendar::build(map);
    let flow = Flow::build(map);
    let arrow = if ascii { "->" } else { "→" };
    let mut out = String::new();
    if calendar.rows.is_empty() {
        out.push_str("No dated campaigns yet.\n");
    } else {
        let overlap_mark = if ascii { " (!)" } else { " ⚠" };
        let labels: Vec<String> = calendar
            .rows
            .iter()
            .map(|row| {
                let mark = if row.overlaps { overlap_mark } else { "" };
                format!("{}{mark}", sanitize(campaign_name(map, row.campaign)))
            })
            .collect();
        let groups: Vec<String> = calendar
            .rows
            .iter()
            .map(|row| {
                row.step.map_or_else(
                    || "Without a step".to_string(),
                    |s| sanitize(&step_label(&flow, s, arrow)).into_owned(),
                )
            })
            .collect();
        // The label column: the widest name, capped so months keep room.
        let label_width = labels.iter().map(|l| width(l)).max().unwrap_or(8).clamp(8, 28);
        let count = calendar.months.len();
        let per_block = if width_budget == NO_WRAP {
            count
        } else {
            // A border, the label and its padding, then per month three
            // cells of bar, padding and a border.
            let room = width_budget.saturating_sub(1 + label_width + 3);
            let fit = (room / 6).clamp(1, count);
            count.div_ceil(count.div_ceil(fit))
        };
        let bar = if ascii { "###" } else { "███" };
        let style = TableStyle {
            ascii,
            colour: false,
            max_width: width_budget,
            visual,
        };
        for (block, first) in (0..count).step_by(per_block.max(1)).enumerate() {
            if block > 0 {
                out.push('\n');
            }
            let last = (first + per_block).min(count);
            let mut min_widths = vec![label_width.min(12)];
            min_widths.extend(std::iter::repeat_n(3, last - first));
            let mut table = Table::new(min_widths);
            table.floor_widths = std::iter::once(1).chain(std::iter::repeat_n(3, last - first)).collect();
            // Years over their months, then the months.
            let mut years = vec![TableCell::new("")];
            let mut m = first;
            while m < last {
                let year = calendar.months[m].year;
                let span = calendar.months[m..last].iter().take_while(|x| x.year == year).count();
                let text = if span == 1 {
                    format!("'{:02}", year % 100)
                } else {
                    year.to_string()
                };
                years.push(TableCell::new(text).span(span).tone(Tone::Strong));
                m += span;
            }
            table.row(years);
            // A rule under the years, so that their borders meet the months'.
            table.rule();
            let mut heading = vec![TableCell::new("Campaign").tone(Tone::Strong)];
            heading.extend(
                calendar.months[first..last]
                    .iter()
                    .map(|month| TableCell::new(month.short_name()).tone(Tone::Strong)),
            );
            table.row(heading);
            let mut group: Option<&str> = None;
            for (n, row) in calendar.rows.iter().enumerate() {
                if group != Some(groups[n].as_str()) {
                    group = Some(groups[n].as_str());
                    table.rule();
                    table.row(vec![
                        TableCell::new(groups[n].clone())
                            .span(last - first + 1)
                            .tone(Tone::Accent),
                    ]);
                    table.rule();
                }
                let mut cells = vec![TableCell::new(labels[n].clone())];
                cells.extend(
                    (first..last).map(|m| TableCell::new(if row.months.contains(&m) { bar } else { "" }).one_line()),
                );
                table.row(cells);
            }
            out.push_str(&table.render(&style));
        }
        if calendar.rows.iter().any(|r| r.overlaps) {
            wrapped(
                &mut out,
                "",
                &format!(
                    "{}: runs at the same time as another campaign of the same step aimed at the same people.",
                    overlap_mark.trim()
                ),
                width_budget,
            );
        }
    }
    if !calendar.undated.is_empty() {
        let names: Vec<String> = calendar
            .undated
            .iter()
            .map(|&c| format!("{}{}", sanitize(campaign_name(map, c)), undated_reason(map, c)))
            .collect();
        wrapped(&mut out, "Not on the calendar: ", &names.join("; "), width_budget);
    }
    out
}

/// Why a campaign is off the calendar, as ` (no start)`.
fn undated_reason(map: &JourneyMap, position: usize) -> &'static str {
    let c = &map.campaigns[position];
    match (c.start.is_empty(), c.end.is_empty()) {
        (true, true) => " (no dates)",
        (true, false) => " (no start)",
        (false, true) => " (no end)",
        (false, false) => " (ends before it starts)",
    }
}

/// The calendar as a GFM table: a cell per month, `■` where a campaign runs.
pub fn calendar_markdown(map: &JourneyMap) -> String {
    let calendar = Calendar::build(map);
    let flow = Flow::build(map);
    let mut out = String::new();
    if calendar.rows.is_empty() {
        out.push_str("No dated campaigns yet.\n");
    } else {
        let months: Vec<String> = calendar
            .months
            .iter()
            .map(|m| format!("{} {}", m.short_name(), m.year))
            .collect();
        let mut headers = vec!["Step", "Campaign"];
        headers.extend(months.iter().map(String::as_str));
        let mut align = vec!["---", "---"];
        align.extend(std::iter::repeat_n(":---:", months.len()));
        let rows: Vec<Vec<String>> = calendar
            .rows
            .iter()
            .map(|row| {
                let step = row.step.map_or_else(
                    || "without a step".to_string(),
                    |s| gfm::cell(&step_label(&flow, s, "→")),
                );
                let mut name = gfm::cell(campaign_name(map, row.campaign));
                if row.overlaps {
                    name.push_str(" ⚠");
                }
                let mut cells = vec![step, name];
                cells.extend((0..months.len()).map(|m| if row.months.contains(&m) { "■" } else { "" }.to_string()));
                cells
            })
            .collect();
        out.push_str(&gfm::table(&headers, &align, &rows));
        if calendar.rows.iter().any(|r| r.overlaps) {
            out.push_str("\n⚠ runs at the same time as another campaign of the same step aimed at the same people.\n");
        }
    }
    if !calendar.undated.is_empty() {
        let names: Vec<String> = calendar
            .undated
            .iter()
            .map(|&c| format!("{}{}", gfm::inline(campaign_name(map, c)), undated_reason(map, c)))
            .collect();
        let _ = writeln!(out, "\n**Not on the calendar:** {}", names.join("; "));
    }
    out
}

/// A row per dated campaign in calendar order, then the undated ones with
/// no months: `campaign,campaign_id,step,from_id,to_id,start,end,months,overlaps`.
pub fn calendar_csv(map: &JourneyMap) -> String {
    let calendar = Calendar::build(map);
    let flow = Flow::build(map);
    let mut out = String::new();
    record(
        &mut out,
        &[
            "campaign",
            "campaign_id",
            "step",
            "from_id",
            "to_id",
            "start",
            "end",
            "months",
            "overlaps",
        ]
        .map(String::from),
    );
    let mut row = |position: usize, step: String, months: String, overlaps: bool| {
        let c = &map.campaigns[position];
        record(
            &mut out,
            &[
                campaign_name(map, position).to_string(),
                c.id.clone(),
                step,
                c.from_stage.clone(),
                c.to_stage.clone(),
                c.start.clone(),
                c.end.clone(),
                months,
                if overlaps { "yes" } else { "no" }.to_string(),
            ],
        );
    };
    for r in &calendar.rows {
        let step = r.step.map_or_else(String::new, |s| step_label(&flow, s, "→"));
        let months: Vec<String> = calendar.months[r.months.clone()].iter().map(|m| m.iso()).collect();
        row(r.campaign, step, months.join("; "), r.overlaps);
    }
    for &c in &calendar.undated {
        row(c, String::new(), String::new(), false);
    }
    out
}

#[derive(Debug, Serialize)]
pub(crate) struct CalendarJson<'m> {
    /// Every month from the first start to the last end, `YYYY-MM`.
    months: Vec<String>,
    /// Dated campaigns, grouped by step.
    rows: Vec<CalendarRowJson<'m>>,
    /// Campaigns with no start, no end, or an end before the start.
    undated: Vec<&'m str>,
}

#[derive(Debug, Serialize)]
struct CalendarRowJson<'m> {
    campaign: &'m str,
    from: &'m str,
    to: &'m str,
    /// The months it runs, `YYYY-MM`.
    months: Vec<String>,
    /// Runs alongside another campaign of the same step and audience.
    overlaps: bool,
}

pub(crate) fn calendar_json(map: &JourneyMap) -> CalendarJson<'_> {
    let calendar = Calendar::build(map);
    CalendarJson {
        months: calendar.months.iter().map(|m| m.iso()).collect(),
        rows: calendar
            .rows
            .iter()
            .map(|r| {
                let c = &map.campaigns[r.campaign];
                CalendarRowJson {
                    campaign: &c.id,
                    from: &c.from_stage,
                    to: &c.to_stage,
                    months: calendar.months[r.months.clone()].iter().map(|m| m.iso()).collect(),
                    overlaps: r.overlaps,
                }
            })
            .collect(),
        undated: calendar.undated.iter().map(|&c| map.campaigns[c].id.as_str()).collect(),
    }
}

// --------------------------------------------------------------- mermaid

/// Text safe inside a quoted Mermaid flowchart label. Inside `"…"` the
/// parser ends the label at `"`, reads `#name;` as an entity and a label
/// opening with a backtick as Markdown, and the renderer reads `<…>` as
/// HTML; every character that could do one of these is written as an
/// entity code, which Mermaid turns back into the character.
pub fn flowchart_label(text: &str) -> String {
    let clean = sanitize(text);
    let clean = clean.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(clean.len());
    for c in clean.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '`' => out.push_str("#96;"),
            '%' => out.push_str("#37;"),
            '|' => out.push_str("#124;"),
            c => out.push(c),
        }
    }
    if out.is_empty() { "untitled".to_string() } else { out }
}

/// The flow as a Mermaid `flowchart LR`: a node per stage in journey
/// order, an arrow per step with campaigns (dotted when it goes back),
/// labelled with their names, and a thick arrow marked `gap` where
/// nothing moves people on.
pub fn flow_mermaid(map: &JourneyMap) -> String {
    let flow = Flow::build(map);
    let mut out = String::from("flowchart LR\n");
    for s in 0..flow.stages.len() {
        let _ = writeln!(out, "    stage{s}[\"{}\"]", flowchart_label(stage_name(&flow, s)));
    }
    let mut gap_links = Vec::new();
    let mut links = 0;
    for step in flow.steps() {
        let names: Vec<String> = flow
            .campaigns(step)
            .iter()
            .map(|&c| flowchart_label(campaign_name(map, c)))
            .collect();
        let arrow = match step.direction() {
            Direction::Backward => "-.->",
            _ => "-->",
        };
        let _ = writeln!(
            out,
            "    stage{} {arrow}|\"{}\"| stage{}",
            step.from,
            names.join("<br/>"),
            step.to
        );
        links += 1;
    }
    for gap in flow.gaps() {
        let _ = writeln!(out, "    stage{} ==>|\"gap: no campaign\"| stage{}", gap.from, gap.to);
        gap_links.push(links.to_string());
        links += 1;
    }
    if !gap_links.is_empty() {
        let _ = writeln!(
            out,
            "    linkStyle {} stroke:#d33,stroke-dasharray:4",
            gap_links.join(",")
        );
    }
    out
}

/// The offer ladder as a Mermaid `flowchart LR`: a box per stage holding
/// its offers in ladder order, the rungs chained, and a dotted arrow from
/// each upsell or cross-sell to the offer it upgrades.
pub fn ladder_mermaid(map: &JourneyMap) -> String {
    let rungs = ladder(map);
    let mut out = String::from("flowchart LR\n");
    let mut stage_box = 0;
    let mut current: Option<&str> = None;
    for (n, rung) in rungs.iter().enumerate() {
        if current != Some(rung.offer.stage.as_str()) {
            if current.is_some() {
                out.push_str("    end\n");
            }
            current = Some(rung.offer.stage.as_str());
            let _ = writeln!(out, "    subgraph box{stage_box}[\"{}\"]", flowchart_label(rung.stage));
            stage_box += 1;
        }
        let mut label = format!(
            "{}<br/>{}",
            flowchart_label(offer_name(rung.offer)),
            flowchart_label(rung.offer.kind.choice_label())
        );
        let price = price(rung.offer);
        if !price.is_empty() {
            let _ = write!(label, " · {}", flowchart_label(&price));
        }
        let _ = writeln!(out, "        rung{n}[\"{label}\"]");
    }
    if current.is_some() {
        out.push_str("    end\n");
    }
    for n in 1..rungs.len() {
        let _ = writeln!(out, "    rung{} --> rung{n}", n - 1);
    }
    for (n, rung) in rungs.iter().enumerate() {
        if rung.offer.upgrades.is_empty() {
            continue;
        }
        if let Some(target) = rungs.iter().position(|r| r.offer.id == rung.offer.upgrades) {
            let _ = writeln!(out, "    rung{n} -.->|\"upgrades\"| rung{target}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flowchart_labels_hold_nothing_mermaid_reads_as_syntax() {
        let label = flowchart_label("Say \"hi\" <b>#1;</b> `x` 50%% | a & b\nnext");
        assert!(!label.contains(['"', '<', '>', '`', '|', '\n']), "{label}");
        assert!(!label.contains("%%"));
        assert!(label.contains("#quot;hi#quot;"), "{label}");
        assert_eq!(flowchart_label("  "), "untitled");
    }

    #[test]
    fn free_offers_and_prices_read_plainly() {
        let mut offer = Offer {
            price: "0".into(),
            ..Offer::default()
        };
        assert_eq!(price(&offer), "free");
        offer.price = "19".into();
        offer.currency = "GBP".into();
        assert_eq!(price(&offer), "19 GBP");
        offer.price.clear();
        assert_eq!(price(&offer), "");
    }
}
