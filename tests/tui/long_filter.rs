//! The `/` filter and the Ctrl-P search on a map too large to filter whole
//! within a key's frame: the rows the screen shows are found at once, the
//! rest while no key comes (the counter says so meanwhile), and once found
//! they are what a new app computes at once on the same map. Likewise the
//! search, whose index follows the edits, and the sort orders, which take
//! a touchpoint put back without sorting again.

use std::path::PathBuf;
use std::time::Duration;

use journeymap::model::{ItemKind, JourneyMap, Target, Touchpoint};
use journeymap::tui::App;
use journeymap::tui::app::{FILTER_STEP, Tab};
use journeymap::tui::touchpoint_view::TouchpointSort;
use ratatui::crossterm::event::KeyCode;

use crate::tui_driver::{ctrl, key, keys, map_path, render};

/// More touchpoints than a frame's filter looks at.
const TOUCHPOINTS: usize = 3 * FILTER_STEP;

/// Repeatable numbers (xorshift).
struct Numbers(u64);

impl Numbers {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

/// The example map with `touchpoints` touchpoints of varied names, stages,
/// channels, tactics and scores.
fn map_of(touchpoints: usize) -> JourneyMap {
    let mut map = journeymap::store::load(&map_path("bean-box-coffee.ron")).unwrap().map;
    let template = map.touchpoints[0].clone();
    let stages: Vec<String> = map.stages.iter().map(|s| s.id.clone()).collect();
    let tactics: Vec<String> = map.tactics.iter().map(|t| t.id.clone()).collect();
    let words = [
        "email", "store", "checkout", "review", "unboxing", "support", "app", "search", "referral", "quiz",
    ];
    let channels = ["", "Email", "Web", "In store", "Phone"];
    let mut numbers = Numbers(0x9e37_79b9_7f4a_7c15);
    map.touchpoints = (0..touchpoints)
        .map(|n| {
            let name = format!(
                "{} {} {n}",
                words[numbers.below(words.len())],
                words[numbers.below(words.len())]
            );
            Touchpoint {
                id: format!("tp-{n}"),
                name,
                stage: stages[numbers.below(stages.len())].clone(),
                channel: channels[numbers.below(channels.len())].to_string(),
                tactics: (0..numbers.below(3))
                    .map(|_| tactics[numbers.below(tactics.len())].clone())
                    .collect(),
                emotion: [None, Some(-2), Some(0), Some(1)][numbers.below(4)],
                ..(*template).clone()
            }
        })
        .map(Box::new)
        .collect();
    // The example's own touchpoints are gone, so links to them go too.
    for pain in &mut map.pain_points {
        pain.touchpoints.clear();
    }
    for opportunity in &mut map.opportunities {
        opportunity.touchpoints.clear();
    }
    map
}

/// The example map with [`TOUCHPOINTS`] touchpoints.
fn long_map() -> JourneyMap {
    map_of(TOUCHPOINTS)
}

fn app(map: JourneyMap) -> App {
    App::new(map, PathBuf::from("long.ron"), None, None)
}

/// The Touchpoints view's rows in a new app on `app`'s map, with its
/// filters and order, found at once.
fn fresh_rows(app: &App) -> Vec<usize> {
    let mut fresh = self::app(app.doc.map.clone());
    fresh.tab = Tab::Touchpoints;
    fresh.touchpoint_sort = app.touchpoint_sort;
    fresh.stage_filter = app.stage_filter.clone();
    fresh.name_filter[Tab::Touchpoints.index()] = app.name_filter[Tab::Touchpoints.index()].clone();
    all_rows(&mut fresh)
}

fn all_rows(app: &mut App) -> Vec<usize> {
    match app.view_order(Tab::Touchpoints) {
        Some(rows) => rows.to_vec(),
        None => (0..app.doc.map.touchpoints.len()).collect(),
    }
}

/// The rows a frame found, and whether they are all.
fn rows_found(app: &App) -> (Vec<usize>, bool) {
    let rows = app.view_rows(Tab::Touchpoints);
    ((0..rows.len()).filter_map(|r| rows.item(r)).collect(), rows.complete())
}

/// Draws, then checks that what the frame found is the start of the rows a
/// new app finds, and then that all of them are.
fn check(app: &mut App, after: &str) {
    render(app, 120, 35);
    let expected = fresh_rows(app);
    let (found, _) = rows_found(app);
    assert!(
        expected.starts_with(&found),
        "after {after}: the rows found so far ({} of them) are not the first of the {} a new app finds",
        found.len(),
        expected.len()
    );
    assert_eq!(all_rows(app), expected, "after {after}");
}

/// Finds the rest as the event loop does between keys; how many slices it took.
fn resolve(app: &mut App) -> usize {
    let mut slices = 0;
    while app.filter_more(Duration::from_millis(5)) {
        slices += 1;
        assert!(slices < 10_000, "the filter never finishes");
    }
    slices
}

#[test]
fn a_long_filter_shows_its_first_rows_marked_and_finishes_by_itself() {
    let map = long_map();
    let mut app = app(map.clone());
    app.tab = Tab::Touchpoints;
    render(&mut app, 120, 35);
    key(&mut app, KeyCode::Char('/'));
    keys(&mut app, "e");
    let screen = render(&mut app, 120, 35);
    let (found, complete) = rows_found(&app);
    assert!(
        !complete,
        "“e” on {TOUCHPOINTS} touchpoints should not be filtered whole on the key"
    );
    assert!(app.filtering());
    assert!(
        screen.contains(&format!("1/{}+ filtering…", found.len())),
        "the count is marked as partial:\n{screen}"
    );
    let expected = fresh_rows(&app);
    assert!(found.len() < expected.len());
    assert!(
        expected.starts_with(&found),
        "every row shown is one the whole filter shows, in its place"
    );

    assert!(resolve(&mut app) >= 1);
    assert!(!app.filtering());
    let screen = render(&mut app, 120, 35);
    assert!(!screen.contains("filtering…"), "{screen}");
    assert!(screen.contains(&format!("1/{} ", expected.len())), "{screen}");
    assert_eq!(rows_found(&app), (expected, true));

    // The same screen as a new app given the whole text at once.
    let mut fresh = self::app(map);
    fresh.tab = Tab::Touchpoints;
    render(&mut fresh, 120, 35);
    key(&mut fresh, KeyCode::Char('/'));
    keys(&mut fresh, "e");
    fresh.view_order(Tab::Touchpoints);
    assert_eq!(render(&mut fresh, 120, 35), screen);
}

#[test]
fn keys_that_need_rows_not_yet_found_find_them() {
    let mut app = app(long_map());
    app.tab = Tab::Touchpoints;
    render(&mut app, 120, 35);
    key(&mut app, KeyCode::Char('/'));
    keys(&mut app, "re");
    key(&mut app, KeyCode::Enter);
    render(&mut app, 120, 35);
    assert!(app.filtering());
    let expected = fresh_rows(&app);
    // G goes to the last row of the whole filter, not of what was found.
    keys(&mut app, "G");
    let screen = render(&mut app, 120, 35);
    assert!(!app.filtering());
    assert!(screen.contains(&format!("{0}/{0} ", expected.len())), "{screen}");
    assert_eq!(app.selected_item(), expected.last().map(|&i| (ItemKind::Touchpoint, i)));
}

#[test]
fn the_filtered_rows_follow_every_change_to_the_text_the_map_and_the_order() {
    let mut app = app(long_map());
    app.tab = Tab::Touchpoints;
    render(&mut app, 120, 35);
    key(&mut app, KeyCode::Char('/'));
    for (typed, what) in [("r", "a character"), ("e", "a second character"), ("v", "a third")] {
        keys(&mut app, typed);
        check(&mut app, what);
    }
    key(&mut app, KeyCode::Backspace);
    check(&mut app, "a character taken back");
    key(&mut app, KeyCode::Enter);
    // An edit: a touchpoint the filter hid comes to match it, half-way
    // through what a frame finds.
    render(&mut app, 120, 35);
    let hidden = (TOUCHPOINTS / 2..TOUCHPOINTS)
        .find(|i| !all_rows(&mut app).contains(i))
        .expect("“re” hides some touchpoint");
    app.doc.change(Target::Item(ItemKind::Touchpoint, hidden), |m| {
        m.touchpoints[hidden].name = "Prerelease".into();
    });
    check(&mut app, "an edit");
    assert!(all_rows(&mut app).contains(&hidden));
    keys(&mut app, "jj");
    keys(&mut app, "d");
    keys(&mut app, "y");
    check(&mut app, "a delete");
    keys(&mut app, "u");
    check(&mut app, "an undo");
    ctrl(&mut app, 'r');
    check(&mut app, "a redo");
    for _ in TouchpointSort::ALL {
        keys(&mut app, "s");
        let sorted = format!("sorting {}", app.touchpoint_sort.label());
        check(&mut app, &sorted);
    }
    resolve(&mut app);
    assert!(!app.filtering());
}

#[test]
fn a_touchpoint_put_back_takes_its_place_in_every_order_without_sorting_again() {
    // Placing does not depend on the filter: fewer touchpoints do.
    const TOUCHPOINTS: usize = 2_000;
    let mut app = app(map_of(TOUCHPOINTS));
    app.tab = Tab::Touchpoints;
    for _ in TouchpointSort::ALL {
        keys(&mut app, "s");
        render(&mut app, 120, 35);
    }
    let sorts = app.touchpoint_sorts();
    assert_eq!(sorts, TouchpointSort::ALL.len(), "each order sorted once");
    // Deleting and putting back touchpoints at the start, the middle and
    // the end of the file, in each order.
    for (n, sort) in TouchpointSort::ALL.into_iter().enumerate() {
        app.touchpoint_sort = sort;
        for row in [0, [TOUCHPOINTS / 2, TOUCHPOINTS - 2][n % 2]] {
            app.lists[Tab::Touchpoints.index()].selected = row;
            render(&mut app, 120, 35);
            keys(&mut app, "dy");
            check(&mut app, &format!("a delete {}", sort.label()));
            keys(&mut app, "u");
            check(&mut app, &format!("an undo {}", sort.label()));
            ctrl(&mut app, 'r');
            check(&mut app, &format!("a redo {}", sort.label()));
            keys(&mut app, "u");
        }
        check(&mut app, &format!("a second undo {}", sort.label()));
    }
    assert_eq!(app.touchpoint_sorts(), sorts, "no order was sorted again");
}

#[test]
fn the_search_follows_edits_and_finds_what_a_new_index_finds() {
    let mut app = app(long_map());
    app.tab = Tab::Touchpoints;
    render(&mut app, 120, 35);
    let fresh_search = |app: &App, query: &str| self::app(app.doc.map.clone()).search(query);
    for query in ["t", "tp-1", "QUIZ", "é"] {
        assert_eq!(app.search(query), fresh_search(&app, query), "“{query}”");
    }
    app.doc.change(Target::Item(ItemKind::Touchpoint, 7), |m| {
        m.touchpoints[7].name = "Zebra crossing".into();
    });
    assert_eq!(app.search("zebra"), (vec![(ItemKind::Touchpoint, 7)], 1));
    keys(&mut app, "gdy");
    assert_eq!(app.search("tp-"), fresh_search(&app, "tp-"), "after a delete");
    keys(&mut app, "u");
    assert_eq!(app.search("tp-"), fresh_search(&app, "tp-"), "after an undo");
    ctrl(&mut app, 'r');
    for query in ["t", "zebra", "tp-4"] {
        assert_eq!(app.search(query), fresh_search(&app, query), "after a redo: “{query}”");
    }
    // The popup shows it as a new app's does.
    ctrl(&mut app, 'p');
    keys(&mut app, "quiz 1");
    let screen = render(&mut app, 120, 35);
    let mut fresh = self::app(app.doc.map.clone());
    fresh.tab = Tab::Touchpoints;
    fresh.lists = app.lists;
    fresh.message = app.message.clone();
    fresh.doc.modified = app.doc.modified;
    ctrl(&mut fresh, 'p');
    keys(&mut fresh, "quiz 1");
    assert_eq!(render(&mut fresh, 120, 35), screen);
}
