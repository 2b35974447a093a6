//! The search behind Ctrl-P: find any item of the map by name or id. The names
//! are lower-cased once per map generation; each key press is one linear scan
//! of them that keeps at most [`MAX_RESULTS`] hits (and counts the rest).

use crate::model::{ItemKind, JourneyMap};

/// Hits kept for the list; the rest are only counted.
pub const MAX_RESULTS: usize = 200;

/// Every item's kind, position and lower-cased `name id`, for matching.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    generation: u64,
    entries: Vec<(ItemKind, usize, String)>,
}

impl SearchIndex {
    pub fn build(map: &JourneyMap, generation: u64) -> Self {
        let mut entries = Vec::new();
        for kind in ItemKind::ALL {
            for (i, (id, name)) in map.ids_and_names(kind).into_iter().enumerate() {
                entries.push((kind, i, format!("{}\u{1f}{}", name.to_lowercase(), id.to_lowercase())));
            }
        }
        Self { generation, entries }
    }

    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Items whose name or id contains `query` (any case): the first
    /// [`MAX_RESULTS`] in kind order, and how many match in all.
    pub fn find(&self, query: &str) -> (Vec<(ItemKind, usize)>, usize) {
        let needle = query.trim().to_lowercase();
        let mut hits = Vec::new();
        let mut total = 0;
        for (kind, i, hay) in &self.entries {
            if needle.is_empty() || hay.contains(&needle) {
                total += 1;
                if hits.len() < MAX_RESULTS {
                    hits.push((*kind, *i));
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
                ..template.clone()
            })
            .collect();
        let index = SearchIndex::build(&big, 1);
        let (hits, total) = index.find("tp-4");
        assert_eq!(hits.len(), MAX_RESULTS);
        assert_eq!(total, 11_111);
    }
}
