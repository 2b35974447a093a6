//! Comments in map files: random comments, before and at the end of the
//! line of every kind of place a map has, survive saving, loading and
//! saving again, each in its place.

use journeymap::model::comments::{Attached, Comments};
use journeymap::model::schema::map_fields_in_file_order;
use journeymap::model::{ItemKind, JourneyMap, Target};
use journeymap::store::{comments_of, parse_str, to_canonical, to_canonical_commented};
use proptest::prelude::*;

use super::properties::{any_map, make_valid};

/// A comment as a person writes one: a line comment, or a block comment
/// that may run over several lines.
fn comment() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 ,.:\"()\\[\\]é展🚀/*-]{0,30}".prop_map(|text| format!("// {text}").trim_end().to_string()),
        "[a-zA-Z0-9 ,.:\"()\\[\\]é展🚀/\n-]{0,30}".prop_map(|text| format!("/* {} */", text.replace('\n', "\n   "))),
    ]
}

fn comments() -> impl Strategy<Value = Vec<(usize, bool, String)>> {
    prop::collection::vec((any::<usize>(), any::<bool>(), comment()), 0..12)
}

/// Finds (or makes) the comments of one place of a map.
type PlaceOf = Box<dyn Fn(&mut Comments) -> &mut Attached>;

/// Puts each comment at one of the places `map` has (chosen by the
/// number), before it or at the end of its line. Only fields the canonical
/// form writes can hold comments: a field left out has no line of its own.
fn place(map: &JourneyMap, chosen: Vec<(usize, bool, String)>) -> Comments {
    let mut places: Vec<PlaceOf> = vec![Box::new(|c| &mut c.map)];
    for field in map_fields_in_file_order() {
        let written = map.value(Target::Map, field) != field.default_value() || field.always_written();
        if written {
            places.push(Box::new(move |c| c.map_fields.entry(field.name).or_default()));
        }
    }
    for kind in ItemKind::ALL {
        if map.count(kind) == 0 {
            continue;
        }
        places.push(Box::new(move |c| &mut c.lists.entry(kind).or_default().list));
        for (position, (id, _)) in map.ids_and_names(kind).into_iter().enumerate() {
            let id = id.to_string();
            let item = id.clone();
            places.push(Box::new(move |c| {
                &mut c.items.entry(kind).or_default().entry(item.clone()).or_default().item
            }));
            let item = id.clone();
            places.push(Box::new(move |c| {
                c.items
                    .entry(kind)
                    .or_default()
                    .entry(item.clone())
                    .or_default()
                    .fields
                    .entry("id")
                    .or_default()
            }));
            for field in kind.fields_in_file_order() {
                let value = map.value(Target::Item(kind, position), field);
                if value != field.default_value() || field.always_written() {
                    let item = id.clone();
                    places.push(Box::new(move |c| {
                        c.items
                            .entry(kind)
                            .or_default()
                            .entry(item.clone())
                            .or_default()
                            .fields
                            .entry(field.name)
                            .or_default()
                    }));
                }
            }
        }
    }
    let mut comments = Comments::default();
    for (n, after, text) in chosen {
        let attached = places[n % places.len()](&mut comments);
        // A line comment ends its line: only one can, and last.
        let line_comment_after = attached.after.last().is_some_and(|c| c.starts_with("//"));
        match after {
            true if !line_comment_after => attached.after.push(text),
            _ => attached.before.push(text),
        }
    }
    comments
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn comments_survive_save_load_save_in_their_places(
        map in any_map().prop_map(make_valid),
        chosen in comments(),
        header in prop::collection::vec(comment(), 0..2),
        footer in prop::collection::vec(comment(), 0..2),
    ) {
        let mut comments = place(&map, chosen);
        comments.map.before.extend(header);
        comments.end.extend(footer);
        let text = to_canonical_commented(&map, &comments);
        let back = parse_str(&text, "commented").map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(&back, &map);
        prop_assert_eq!(&comments_of(&text), &comments, "{}", text);
        prop_assert_eq!(to_canonical_commented(&back, &comments_of(&text)), text);
        if comments.is_empty() {
            prop_assert_eq!(to_canonical_commented(&map, &comments), to_canonical(&map));
        }
    }
}
