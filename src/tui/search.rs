//! The search behind Ctrl-P: find any item of the map by name or id. Each
//! item's lower-cased `name id` is kept with the set of characters it holds;
//! an edit updates only the items it touched. Each key press is one linear
//! scan that keeps at most [`MAX_RESULTS`] hits (and counts the rest), in
//! which an item lacking a character of the query is passed over without
//! reading its text, and the query's substring finder is built once.
//!
//! [`Needle`] and [`char_bits`] are also what the `/` filter of the
//! Touchpoints view matches with.

use memchr::memmem::Finder;

use crate::model::edit::{Edit, Step};
use crate::model::{ItemKind, JourneyMap, Target};

/// Hits kept for the list; the rest are only counted.
pub const MAX_RESULTS: usize = 200;

/// The bit of one byte of a lower-cased text in [`char_bits`]: a bit of its
/// own for each ASCII letter and digit, the other bytes sharing the rest.
fn bit_of(byte: u8) -> u32 {
    match byte {
        b'a'..=b'z' => u32::from(byte - b'a'),
        b'0'..=b'9' => 26 + u32::from(byte - b'0'),
        _ => 36 + u32::from(byte) % 28,
    }
}

/// Which characters a lower-cased text holds, as bits (see [`bit_of`]): a
/// text lacking one of a query's bits cannot contain the query.
pub fn char_bits(text: &str) -> u64 {
    text.bytes().fold(0, |bits, byte| bits | 1 << bit_of(byte))
}

/// A lower-cased text to look for in many, prepared once: its substring
/// finder, and the bits a text must hold (see [`char_bits`]) to contain it.
#[derive(Debug, Clone)]
pub struct Needle {
    finder: Finder<'static>,
    bits: u64,
    /// A single ASCII letter or digit: its bit alone says whether a text
    /// holds it.
    decided_by_bits: bool,
    empty: bool,
}

impl Needle {
    pub fn new(lowercased: &str) -> Self {
        let bytes = lowercased.as_bytes();
        Needle {
            finder: Finder::new(bytes).into_owned(),
            bits: char_bits(lowercased),
            decided_by_bits: matches!(bytes, [b'a'..=b'z' | b'0'..=b'9']),
            empty: bytes.is_empty(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.empty
    }

    /// Whether `text`, whose [`char_bits`] are `bits`, contains the needle
    /// (any text contains the empty one).
    pub fn found_in(&self, text: &str, bits: u64) -> bool {
        self.empty || (self.may_be_in(bits) && (self.decided_by_bits || self.finder.find(text.as_bytes()).is_some()))
    }

    /// Whether a text whose [`char_bits`] are `bits` holds every character
    /// of the needle (so may contain it).
    fn may_be_in(&self, bits: u64) -> bool {
        bits & self.bits == self.bits
    }

    /// Whether [`Self::may_be_in`] alone says whether a text contains it.
    fn decided_by_bits(&self) -> bool {
        self.empty || self.decided_by_bits
    }
}

/// One item's text as searched, and its [`char_bits`].
#[derive(Debug, Clone, Default)]
struct Entry {
    text: Box<str>,
    bits: u64,
}

impl Entry {
    fn of(id: &str, name: &str) -> Self {
        let text = format!("{}\u{1f}{}", name.to_lowercase(), id.to_lowercase());
        Entry {
            bits: char_bits(&text),
            text: text.into_boxed_str(),
        }
    }
}

/// Every item's lower-cased `name id`, by kind in [`ItemKind::ALL`] order
/// and by position within a kind, for matching.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    generation: u64,
    kinds: Vec<Vec<Entry>>,
}

fn kind_position(kind: ItemKind) -> usize {
    ItemKind::ALL.iter().position(|&k| k == kind).unwrap_or(0)
}

impl SearchIndex {
    pub fn build(map: &JourneyMap, generation: u64) -> Self {
        let kinds = ItemKind::ALL
            .iter()
            .map(|&kind| {
                map.ids_and_names(kind)
                    .into_iter()
                    .map(|(id, name)| Entry::of(id, name))
                    .collect()
            })
            .collect();
        Self { generation, kinds }
    }

    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Brings the index from its generation to `map` at `generation`, which
    /// `edits` (made, or undone when false) led to: only the items they
    /// touched are read again. False, with the index left to be built
    /// afresh, when an edit did what cannot be followed (items swapped, the
    /// map replaced).
    pub fn follow(&mut self, map: &JourneyMap, edits: &[(&Edit, bool)], generation: u64) -> bool {
        // Items to read again from the map as it is now, by their positions now.
        let mut dirty: Vec<(ItemKind, usize)> = Vec::new();
        for (edit, forward) in edits {
            for step in edit.steps(*forward) {
                match step {
                    Step::Changed(Target::Map, ..) => {}
                    Step::Changed(Target::Item(kind, i), ..) => dirty.push((kind, i)),
                    Step::Inserted(kind, i, _) => {
                        let Some(entries) = self.kinds.get_mut(kind_position(kind)) else {
                            return false;
                        };
                        if i > entries.len() {
                            return false;
                        }
                        entries.insert(i, Entry::default());
                        for (k, d) in &mut dirty {
                            if *k == kind && *d >= i {
                                *d += 1;
                            }
                        }
                        dirty.push((kind, i));
                    }
                    Step::Removed(kind, i, _) => {
                        let Some(entries) = self.kinds.get_mut(kind_position(kind)) else {
                            return false;
                        };
                        if i >= entries.len() {
                            return false;
                        }
                        entries.remove(i);
                        dirty.retain(|&(k, d)| !(k == kind && d == i));
                        for (k, d) in &mut dirty {
                            if *k == kind && *d > i {
                                *d -= 1;
                            }
                        }
                    }
                    Step::Swapped(..) | Step::Replaced => return false,
                }
            }
        }
        for (kind, i) in dirty {
            let (Some((id, name)), Some(entry)) = (
                map.id_and_name(kind, i),
                self.kinds.get_mut(kind_position(kind)).and_then(|e| e.get_mut(i)),
            ) else {
                return false;
            };
            *entry = Entry::of(id, name);
        }
        let counts_agree = ItemKind::ALL
            .iter()
            .zip(&self.kinds)
            .all(|(&kind, entries)| entries.len() == map.count(kind));
        self.generation = generation;
        counts_agree
    }

    /// Items whose name or id contains `query` (any case): the first
    /// [`MAX_RESULTS`] in kind order, and how many match in all.
    pub fn find(&self, query: &str) -> (Vec<(ItemKind, usize)>, usize) {
        let needle = Needle::new(&query.trim().to_lowercase());
        let mut hits = Vec::new();
        let mut total = 0;
        for (&kind, entries) in ItemKind::ALL.iter().zip(&self.kinds) {
            if needle.decided_by_bits() && hits.len() >= MAX_RESULTS {
                // The list is full and the characters alone decide: only counted.
                total += entries.iter().filter(|e| needle.may_be_in(e.bits)).count();
                continue;
            }
            for (i, entry) in entries.iter().enumerate() {
                if needle.found_in(&entry.text, entry.bits) {
                    total += 1;
                    if hits.len() < MAX_RESULTS {
                        hits.push((kind, i));
                    }
                }
            }
        }
        (hits, total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::sample_map;

    #[test]
    fn finds_by_name_or_id_in_any_case_and_caps_the_list() {
        let map = sample_map();
        let index = SearchIndex::build(&map, 0);
        let (hits, total) = index.find("SEARCH");
        assert!(total >= 1);
        assert!(hits.contains(&(ItemKind::Tactic, 0)), "{hits:?}");
        let mut big = map.clone();
        let template = big.touchpoints[0].clone();
        big.touchpoints = (0..50_000)
            .map(|n| crate::model::Touchpoint {
                id: format!("tp-{n}"),
                ..crate::model::Touchpoint::clone(&template)
            })
            .map(Box::new)
            .collect();
        let index = SearchIndex::build(&big, 1);
        let (hits, total) = index.find("tp-4");
        assert_eq!(hits.len(), MAX_RESULTS);
        assert_eq!(total, 11_111);
        // Past a full list, a single letter or digit is counted by the
        // characters alone: the same count as looking at every text.
        for query in ["4", "T", "e", "-"] {
            let plain = ItemKind::ALL
                .iter()
                .flat_map(|&kind| big.ids_and_names(kind))
                .filter(|(id, name)| {
                    let needle = query.to_lowercase();
                    name.to_lowercase().contains(&needle) || id.to_lowercase().contains(&needle)
                })
                .count();
            assert_eq!(index.find(query).1, plain, "“{query}”");
        }
    }

    #[test]
    fn an_index_that_follows_edits_finds_what_a_new_one_finds() {
        use crate::model::edit::{Edit, record, take};
        let mut map = sample_map();
        let mut index = SearchIndex::build(&map, 0);
        let check = |index: &SearchIndex, map: &JourneyMap, when: &str| {
            let fresh = SearchIndex::build(map, 0);
            for query in ["", "e", "zebra", "tp", "1", "ca"] {
                assert_eq!(index.find(query), fresh.find(query), "“{query}” {when}");
            }
        };
        let target = Target::Item(ItemKind::Touchpoint, 1);
        let rename = record(&mut map, target, |m| m.touchpoints[1].name = "Zebra".into()).expect("a change");
        let taken = take(&mut map, ItemKind::Touchpoint, 0).expect("a touchpoint");
        let remove = Edit::Remove {
            kind: ItemKind::Touchpoint,
            index: 0,
            item: taken,
        };
        let tactic = record(&mut map, Target::Item(ItemKind::Tactic, 0), |m| {
            m.tactics[0].id = "zebra-tactic".into();
        })
        .expect("a change");
        assert!(index.follow(&map, &[(&rename, true), (&remove, true), (&tactic, true)], 3));
        assert_eq!(index.generation(), 3);
        check(&index, &map, "after a change, a removal and a change of another kind");
        assert_eq!(index.find("zebra").1, 2);
        // Undone, newest first.
        for (n, edit) in [&tactic, &remove, &rename].into_iter().enumerate() {
            edit.revert(&mut map);
            assert!(index.follow(&map, &[(edit, false)], 4 + n as u64));
            check(&index, &map, &format!("after undo {n}"));
        }
        assert_eq!(index.find("zebra").1, 0);
        let swap = Edit::Swap {
            kind: ItemKind::Touchpoint,
            a: 0,
            b: 1,
        };
        assert!(!index.follow(&map, &[(&swap, true)], 9), "a swap is not followed");
    }

    #[test]
    fn a_needle_is_found_exactly_where_str_contains_finds_it() {
        let texts = [
            "",
            "email\u{1f}tp-1",
            "café au lait",
            "straße",
            "東京 ticket",
            "a-b_c",
            "zz",
            "9 lives",
        ];
        let needles = [
            "", "e", "z", "9", "-", "é", "ß", "京", "tick", "lait", "ai", "b_", "\u{1f}", "ée", "x",
        ];
        for text in texts {
            for needle in needles {
                assert_eq!(
                    Needle::new(needle).found_in(text, char_bits(text)),
                    text.contains(needle),
                    "“{needle}” in “{text}”"
                );
            }
        }
    }
}
