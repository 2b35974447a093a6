//! Drawing the app: tabs, the current view, popups, the message line and the
//! status line. Everything drawn from the map passes through
//! [`crate::text::bidi`] (sanitized, measured and, as the `bidi` setting
//! says, shaped and in visual order), and lists draw only their visible rows.

mod calendar;
mod competitor_table;
mod details;
mod emotion;
mod flow;
pub mod form;
mod help;
pub mod journey;
mod lists;
mod matrix;
mod overview;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::app::{App, Dialog, Drawn, Mode, Tab, View};
use super::popups::Filter;
pub use super::widgets::chrome::{centered, dim_style, label_style, popup, selected_style};
use crate::model::ItemKind;
use crate::text::bidi::{composed_lines, shown_fit, shown_lines};
use crate::text::{pad, truncate, width};
use crate::tui::widgets::Rows;

/// How many columns the competitor summary has besides the name.
pub fn competitor_table_columns() -> usize {
    competitor_table::column_count()
}

/// The smallest terminal the TUI draws in.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// Prepares the app for a frame, draws it, and hands back what the frame
/// laid out: what the event loop and the tests call.
pub fn render(frame: &mut Frame, app: &mut App) {
    app.prepare();
    let drawn = draw(frame, app);
    app.laid_out(drawn);
}

/// Draws the whole screen from the app as [`App::prepare`] left it, reading
/// it only; returns what it laid out.
pub fn draw(frame: &mut Frame, app: &App) -> Drawn {
    // Every label of this frame is drawn in the app's bidi mode.
    let _bidi = crate::text::bidi::set_mode(app.bidi);
    let mut drawn = Drawn::default();
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let asking = matches!(&app.mode, Mode::Dialog(d) if matches!(**d, Dialog::Quit(_)));
        let hint = if asking {
            "unsaved changes: s saves and quits, d discards them and quits, Esc keeps editing"
        } else {
            "enlarge the window to go on; q quits (asks first if there are unsaved changes)"
        };
        draw_too_small(frame, area, hint);
        return drawn;
    }
    let [tabs, body, message, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    drawn.areas.tabs = draw_tabs(frame, app, tabs);
    let list = match app.tab.view() {
        View::Overview => {
            drawn.overview_scroll = Some(overview::draw(frame, app, body));
            None
        }
        View::Matrix => {
            drawn.matrix = matrix::draw(frame, app, body);
            None
        }
        View::Journey => {
            drawn.journey = Some(journey::draw(frame, app, body));
            None
        }
        View::Flow => {
            flow::draw(frame, app, body);
            None
        }
        View::List(ItemKind::Stage) if body.height >= 18 => {
            let [top, curve] = Layout::vertical([Constraint::Min(6), Constraint::Length(emotion::HEIGHT)]).areas(body);
            let list = lists::draw(frame, app, top);
            let selected = app.selected().map(|(_, i)| i);
            // Counted as the touchpoints are, following the edits.
            let own: Vec<[bool; 5]> = (0..app.doc.map.stages.len())
                .map(|i| app.doc.counted(i).own_scores.map(|n| n > 0))
                .collect();
            emotion::draw(frame, &app.doc.map, &own, selected, curve);
            list
        }
        View::List(ItemKind::Competitor) if app.competitor_table.on => Some(competitor_table::draw(frame, app, body)),
        View::List(ItemKind::Campaign) if app.campaign_calendar.on => {
            drawn.calendar_line = Some(calendar::draw(frame, app, body));
            None
        }
        View::List(_) => lists::draw(frame, app, body),
    };
    if let Some(list) = list {
        drawn.areas.list = list.rows;
        drawn.page = Some(list.page);
        drawn.list = Some((app.tab, list.pos));
        drawn.details_scroll = Some(list.details_scroll);
    }
    match &app.mode {
        Mode::Form(_) => {
            let form = form::draw(frame, app, body);
            drawn.areas.popup_list = form.rows;
            drawn.scroll = form.scroll;
            drawn.wrap_width = form.wrap_width;
        }
        Mode::Dialog(dialog) => {
            let shown = dialog.draw(frame, app, body);
            drawn.areas.popup_list = shown.rows.unwrap_or_default();
            drawn.scroll = shown.scroll;
        }
        Mode::Normal => {}
    }
    if app.help {
        help::draw_help(frame, app, body);
    }
    draw_message(frame, app, message);
    draw_status(frame, app, status);
    if app.monochrome {
        monochrome(frame);
    }
    drawn
}

/// Takes the colour out of a drawn frame: a coloured background becomes
/// reverse video, so what stood out still does.
fn monochrome(frame: &mut Frame) {
    for cell in &mut frame.buffer_mut().content {
        if cell.bg != Color::Reset {
            cell.modifier.insert(Modifier::REVERSED);
        }
        cell.fg = Color::Reset;
        cell.bg = Color::Reset;
    }
}

/// The screen shown instead of the workbench below its minimum size, with
/// `hint` saying which keys still work there.
pub fn draw_too_small(frame: &mut Frame, area: Rect, hint: &str) {
    let text = format!(
        "terminal too small (need {MIN_WIDTH}x{MIN_HEIGHT}, have {}x{})",
        area.width, area.height
    );
    let lines: Vec<Line> = crate::text::wrap(&text, usize::from(area.width.max(1)))
        .into_iter()
        .chain(std::iter::once(String::new()))
        .chain(crate::text::wrap(hint, usize::from(area.width.max(1))))
        .map(Line::from)
        .collect();
    let height = (lines.len() as u16).min(area.height);
    let y = area.y + area.height.saturating_sub(height) / 2;
    let rect = Rect::new(area.x, y, area.width, height);
    frame.render_widget(Paragraph::new(lines).centered(), rect);
}

/// Draws the tab bar; where each tab's title is, for the mouse.
fn draw_tabs(frame: &mut Frame, app: &App, area: Rect) -> Vec<(Tab, Rect)> {
    let labels = tab_labels(app.tab, usize::from(area.width));
    let mut spans = Vec::new();
    let mut places = Vec::new();
    let mut x = area.x;
    for (tab, text, gap) in labels {
        let w = width(&text) as u16;
        let style = if tab == Some(app.tab) {
            Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new()
        };
        if let Some(tab) = tab {
            places.push((tab, Rect::new(x, area.y, w, 1)));
        }
        spans.push(Span::styled(text, style));
        x += w;
        spans.push(Span::styled(gap, dim_style()));
        x += width(gap) as u16;
    }
    frame.render_widget(Rows::new(vec![Line::from(spans)]), area);
    places
}

/// The tab bar's pieces, each a tab (or `None` for an ellipsis standing for
/// tabs left out), its text and the gap after it: every title in full with
/// separators when they fit in `cells`; else the short titles; else
/// numbers only; else as many numbers around the current tab as fit.
fn tab_labels(current: Tab, cells: usize) -> Vec<(Option<Tab>, String, &'static str)> {
    let last = Tab::COUNT - 1;
    let full: Vec<_> = Tab::ALL
        .iter()
        .enumerate()
        .map(|(n, &t)| {
            (
                Some(t),
                format!(" {} {} ", n + 1, t.title()),
                if n < last { "│" } else { "" },
            )
        })
        .collect();
    let short: Vec<_> = Tab::ALL
        .iter()
        .enumerate()
        .map(|(n, &t)| (Some(t), format!(" {} {}", n + 1, t.short_title()), ""))
        .collect();
    let numbers: Vec<_> = Tab::ALL
        .iter()
        .enumerate()
        .map(|(n, &t)| {
            let text = if t == current {
                format!(" {} {}", n + 1, t.short_title())
            } else {
                format!(" {}", n + 1)
            };
            (Some(t), text, "")
        })
        .collect();
    let fits = |pieces: &[(Option<Tab>, String, &str)]| {
        pieces
            .iter()
            .map(|(_, text, gap)| width(text) + width(gap))
            .sum::<usize>()
            <= cells
    };
    for pieces in [full, short] {
        if fits(&pieces) {
            return pieces;
        }
    }
    if fits(&numbers) {
        return numbers;
    }
    // Too many tabs even as numbers: a window around the current one.
    let window = |start: usize, end: usize| {
        let mut pieces = Vec::new();
        if start > 0 {
            pieces.push((None, " …".to_string(), ""));
        }
        pieces.extend(numbers[start..end].iter().cloned());
        if end < Tab::COUNT {
            pieces.push((None, " …".to_string(), ""));
        }
        pieces
    };
    let (mut start, mut end) = (current.index(), current.index() + 1);
    loop {
        let mut grew = false;
        if end < Tab::COUNT && fits(&window(start, end + 1)) {
            end += 1;
            grew = true;
        }
        if start > 0 && fits(&window(start - 1, end)) {
            start -= 1;
            grew = true;
        }
        if !grew {
            return window(start, end);
        }
    }
}

fn draw_message(frame: &mut Frame, app: &App, area: Rect) {
    if let Mode::Dialog(dialog) = &app.mode
        && let Dialog::Filter(Filter { input }) = &**dialog
    {
        let (shown, x) = input.view(usize::from(area.width).saturating_sub(2));
        let line = Line::from(vec![Span::styled("/", label_style().fg(Color::Cyan)), Span::raw(shown)]);
        frame.render_widget(Rows::new(vec![line]), area);
        frame.set_cursor_position((area.x + 1 + x as u16, area.y));
        return;
    }
    if let Some(message) = &app.message {
        let style = if message.error {
            Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
        } else {
            Style::new().fg(Color::Green)
        };
        // Messages quote names from the map: one paragraph, in the bidi mode.
        let text = shown_fit(&message.text, usize::from(area.width));
        frame.render_widget(Rows::new(vec![Line::from(Span::styled(text, style))]), area);
    }
}

fn draw_status(frame: &mut Frame, app: &App, area: Rect) {
    let mut spans = Vec::new();
    let file = shown_fit(&app.file_label(), 26);
    spans.push(Span::styled(
        format!(" {file} "),
        Style::new().fg(Color::Black).bg(Color::Gray),
    ));
    if app.doc.modified {
        spans.push(Span::styled(
            "[+]",
            Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
        ));
    }
    spans.push(Span::raw(" "));
    let mut used: usize = spans.iter().map(|s| width(&s.content)).sum();
    let room = usize::from(area.width);
    let context = app.context();
    for (key, what) in app.keymap.status_hints(context, |a| app.works_here(context, a)) {
        let piece = width(&key) + 1 + width(what) + 2;
        // The last hint needs no gap after it.
        if used + piece - 2 > room {
            break;
        }
        spans.push(Span::styled(key, label_style().fg(Color::Cyan)));
        spans.push(Span::raw(format!(" {what}  ")));
        used += piece;
    }
    frame.render_widget(Rows::new(vec![Line::from(spans)]), area);
}

/// `label` padded to `label_width`, then `value` (text from the map)
/// wrapped into the rest and drawn as the bidi setting says
/// ([`crate::text::bidi::shown_lines`]); continuation lines are indented.
pub fn field_lines(label: &str, value: &str, total: usize, label_width: usize) -> Vec<Line<'static>> {
    let value_width = total.saturating_sub(label_width).max(8);
    labelled(label, shown_lines(value, value_width), label_width)
}

/// [`field_lines`] for a value built from [`isolate`](crate::text::bidi::isolate)d
/// names: each name its own paragraph.
pub fn composed_field_lines(label: &str, value: &str, total: usize, label_width: usize) -> Vec<Line<'static>> {
    let value_width = total.saturating_sub(label_width).max(8);
    labelled(label, composed_lines(value, value_width), label_width)
}

fn labelled(label: &str, lines: Vec<String>, label_width: usize) -> Vec<Line<'static>> {
    let mut out = Vec::with_capacity(lines.len());
    for (n, chunk) in lines.into_iter().enumerate() {
        let head = if n == 0 {
            // A label as wide as its column is cut so a space still parts it from the value.
            Span::styled(
                pad(&truncate(label, label_width.saturating_sub(1)), label_width),
                label_style(),
            )
        } else {
            Span::raw(" ".repeat(label_width))
        };
        out.push(Line::from(vec![head, Span::raw(chunk)]));
    }
    out
}

/// `s` in at most `lines` lines of at most `cells` cells each, broken
/// between words, never inside one: a word wider than a line is cut with
/// `…`, and so is the last line when words are left over.
pub fn word_lines(s: &str, cells: usize, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if cells == 0 || lines == 0 {
        return out;
    }
    let mut current = String::new();
    let mut words = s.split_whitespace().peekable();
    while let Some(&word) = words.peek() {
        if current.is_empty() {
            current = truncate(word, cells).into_owned();
            words.next();
        } else if width(&current) + 1 + width(word) <= cells {
            current.push(' ');
            current.push_str(word);
            words.next();
        } else if out.len() + 1 < lines {
            out.push(std::mem::take(&mut current));
        } else {
            // The last line, and words left: say so, after the last whole
            // word that leaves room for the mark.
            while width(&current) + 1 > cells {
                match current.rfind(' ') {
                    Some(at) => current.truncate(at),
                    None => break,
                }
            }
            current = truncate(&format!("{current}…"), cells).into_owned();
            break;
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// `s` in at most `cells` cells: whole, or cut after the last word that fits
/// (with `…`); cut inside a word (with `…`) only when whole words would
/// leave more than a third of the room empty.
pub fn fit_words(s: &str, cells: usize) -> String {
    if width(s) <= cells {
        return s.to_string();
    }
    let words = word_lines(s, cells, 1).into_iter().next().unwrap_or_default();
    if width(&words) * 3 >= cells * 2 {
        words
    } else {
        truncate(s, cells).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(current: Tab, cells: usize) -> String {
        let pieces = tab_labels(current, cells);
        let text: String = pieces.iter().map(|(_, t, gap)| format!("{t}{gap}")).collect();
        assert!(width(&text) <= cells, "{cells}: {text:?}");
        assert!(
            pieces.iter().any(|(t, ..)| *t == Some(current)),
            "the current tab is always shown: {text:?}"
        );
        text
    }

    #[test]
    fn the_tab_bar_degrades_from_titles_to_numbers_to_a_window() {
        // Every full title, with separators, when they fit.
        let wide = bar(Tab::Stages, 400);
        assert!(
            Tab::ALL.iter().all(|t| wide.contains(t.title())) && wide.contains('│'),
            "{wide:?}"
        );
        // Numbers, and the current tab's short title, when that is all that fits.
        let numbers_only: usize = Tab::ALL
            .iter()
            .map(|t| {
                if *t == Tab::Competitors {
                    3 + t.short_title().chars().count()
                } else {
                    3
                }
            })
            .sum();
        let numbers = bar(Tab::Competitors, numbers_only);
        assert!(
            numbers.contains(" 6 Compet…") && numbers.contains(" 1 2"),
            "{numbers:?}"
        );
        // Below that, a window around the current tab, with ellipses.
        let window = bar(Tab::Competitors, 16);
        assert!(window.contains('…') && window.contains(" 6 Compet…"), "{window:?}");
    }

    #[test]
    fn word_lines_break_between_words_and_cut_with_an_ellipsis() {
        assert_eq!(word_lines("Stage twelve", 8, 2), ["Stage", "twelve"]);
        assert_eq!(word_lines("Find a good shop", 10, 2), ["Find a", "good shop"]);
        assert_eq!(word_lines("Find a good shop nearby", 10, 2), ["Find a", "good shop…"]);
        assert_eq!(word_lines("Subscription", 8, 2), ["Subscri…"]);
        assert_eq!(word_lines("Aware", 8, 2), ["Aware"]);
        assert_eq!(word_lines("a b c", 1, 1), ["…"]);
        assert_eq!(word_lines("Awareness of the office", 16, 1), ["Awareness of…"]);
        assert!(word_lines("", 8, 2).is_empty());
        assert_eq!(fit_words("Google ad: office coffee supplier", 14), "Google ad:…");
        assert_eq!(fit_words("LinkedIn video: the 3 pm queue", 14), "LinkedIn vide…");
    }
}
