//! Three orders of the same keys merged into one: the items of a list, or
//! the entries of a list field taken as an ordered set.
//!
//! The keys that base, ours and theirs share keep the order of the side
//! that reordered them (when both did, ours's order with the items theirs
//! moved and ours did not put where theirs put them). Every other key (added
//! on one side or both) goes right after the key that precedes it on its
//! side, so an addition stays near its neighbours; ours's additions come
//! before theirs's at the same place.

use foldhash::{HashMap, HashMapExt, HashSet};
use std::hash::Hash;

use crate::analysis::diff::order::moved_positions;

/// The merged order of the keys for which `kept` is true. Each side must
/// hold a key at most once. A kept key on neither side is left out.
pub fn merge_order<K: Copy + Eq + Hash>(base: &[K], ours: &[K], theirs: &[K], kept: impl Fn(K) -> bool) -> Vec<K> {
    let in_ours: HashMap<K, usize> = ours.iter().enumerate().map(|(n, &k)| (k, n)).collect();
    let in_theirs: HashMap<K, usize> = theirs.iter().enumerate().map(|(n, &k)| (k, n)).collect();
    // The usual case of a list only one side touched: that side's order.
    let exactly = |side: &[K], on_side: &HashMap<K, usize>, other: &[K]| {
        side.iter().all(|&k| kept(k)) && other.iter().all(|&k| !kept(k) || on_side.contains_key(&k))
    };
    if ours == base && exactly(theirs, &in_theirs, ours) {
        return theirs.to_vec();
    }
    if theirs == base && exactly(ours, &in_ours, theirs) {
        return ours.to_vec();
    }
    let shared = |k: &&K| kept(**k) && in_ours.contains_key(*k) && in_theirs.contains_key(*k);
    let base_shared: Vec<K> = base.iter().filter(shared).copied().collect();
    let is_shared: HashSet<K> = base_shared.iter().copied().collect();
    let ours_shared: Vec<K> = ours.iter().filter(|k| is_shared.contains(k)).copied().collect();
    let theirs_shared: Vec<K> = theirs.iter().filter(|k| is_shared.contains(k)).copied().collect();

    let mut chain = if ours_shared == base_shared {
        Chain::of(&theirs_shared)
    } else if theirs_shared == base_shared || theirs_shared == ours_shared {
        Chain::of(&ours_shared)
    } else {
        both_reordered(&base_shared, &ours_shared, &theirs_shared)
    };
    chain.add_from(ours, Origin::Ours, &kept);
    chain.add_from(theirs, Origin::Theirs, &kept);
    chain.keys()
}

/// Ours's order, with each key theirs moved (and ours did not) placed after
/// the key it follows in theirs (among those ours did not move).
fn both_reordered<K: Copy + Eq + Hash>(base: &[K], ours: &[K], theirs: &[K]) -> Chain<K> {
    let ours_moved: HashSet<K> = moved_positions(base, ours).into_iter().map(|n| ours[n]).collect();
    // For each position of theirs, the last key before it that ours did not
    // move: keys ours moved are no longer where theirs saw them.
    let mut unmoved_before: Vec<Option<K>> = Vec::with_capacity(theirs.len());
    let mut last = None;
    for &key in theirs {
        unmoved_before.push(last);
        if !ours_moved.contains(&key) {
            last = Some(key);
        }
    }
    let mut chain = Chain::of(ours);
    for n in moved_positions(base, theirs) {
        let key = theirs[n];
        if ours_moved.contains(&key) {
            continue;
        }
        let after = unmoved_before[n].and_then(|k| chain.node(k)).unwrap_or(HEAD);
        if let Some(node) = chain.node(key) {
            chain.unlink(node);
            chain.link_after(after, node);
        }
    }
    chain
}

/// Where a key of the chain came from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Origin {
    Shared,
    Ours,
    Theirs,
}

/// The node before the first key.
const HEAD: usize = 0;

/// A doubly linked list of keys, so that moving and inserting cost the
/// same in a list of 50,000 items as in one of five.
struct Chain<K> {
    keys: Vec<Option<K>>,
    origins: Vec<Origin>,
    next: Vec<usize>,
    prev: Vec<usize>,
    nodes: HashMap<K, usize>,
}

impl<K: Copy + Eq + Hash> Chain<K> {
    fn of(keys: &[K]) -> Self {
        let mut chain = Chain {
            keys: vec![None],
            origins: vec![Origin::Shared],
            next: vec![HEAD],
            prev: vec![HEAD],
            nodes: HashMap::with_capacity(keys.len()),
        };
        let mut last = HEAD;
        for &key in keys {
            last = chain.insert_after(last, key, Origin::Shared);
        }
        chain
    }

    fn node(&self, key: K) -> Option<usize> {
        self.nodes.get(&key).copied()
    }

    fn insert_after(&mut self, after: usize, key: K, origin: Origin) -> usize {
        let node = self.keys.len();
        self.keys.push(Some(key));
        self.origins.push(origin);
        self.next.push(HEAD);
        self.prev.push(HEAD);
        self.nodes.insert(key, node);
        self.link_after(after, node);
        node
    }

    fn unlink(&mut self, node: usize) {
        let (p, n) = (self.prev[node], self.next[node]);
        self.next[p] = n;
        self.prev[n] = p;
    }

    fn link_after(&mut self, after: usize, node: usize) {
        let n = self.next[after];
        self.next[after] = node;
        self.prev[node] = after;
        self.next[node] = n;
        self.prev[n] = node;
    }

    /// Adds the kept keys of `side` not in the chain yet, each after the
    /// key before it on that side; theirs's go after ours's at one place.
    fn add_from(&mut self, side: &[K], origin: Origin, kept: &impl Fn(K) -> bool) {
        let mut anchor = HEAD;
        for &key in side {
            if let Some(node) = self.node(key) {
                anchor = node;
            } else if kept(key) {
                let mut after = anchor;
                if origin == Origin::Theirs {
                    while self.next[after] != HEAD && self.origins[self.next[after]] == Origin::Ours {
                        after = self.next[after];
                    }
                }
                anchor = self.insert_after(after, key, origin);
            }
        }
    }

    fn keys(&self) -> Vec<K> {
        let mut out = Vec::with_capacity(self.nodes.len());
        let mut node = self.next[HEAD];
        while node != HEAD {
            if let Some(key) = self.keys[node] {
                out.push(key);
            }
            node = self.next[node];
        }
        out
    }
}

/// Each entry of a list with its occurrence number, so that a list may
/// hold the same text twice and still merge as a set of distinct entries.
fn occurrences(list: &[String]) -> Vec<(&str, usize)> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    list.iter()
        .map(|entry| {
            let count = seen.entry(entry.as_str()).or_default();
            *count += 1;
            (entry.as_str(), *count)
        })
        .collect()
}

fn key_set<'a>(keys: &[(&'a str, usize)]) -> HashSet<(&'a str, usize)> {
    keys.iter().copied().collect()
}

/// A list field merged as an ordered set: an entry either side added is
/// kept (once, if both added it), an entry either side removed is gone.
pub fn merge_list(base: &[String], ours: &[String], theirs: &[String]) -> Vec<String> {
    let (b, o, t) = (occurrences(base), occurrences(ours), occurrences(theirs));
    let (in_b, in_o, in_t) = (key_set(&b), key_set(&o), key_set(&t));
    let kept = |k: (&str, usize)| {
        let (b, o, t) = (in_b.contains(&k), in_o.contains(&k), in_t.contains(&k));
        if b { o && t } else { o || t }
    };
    merge_order(&b, &o, &t, kept)
        .into_iter()
        .map(|(entry, _)| entry.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(base: &[&'static str], ours: &[&'static str], theirs: &[&'static str]) -> Vec<&'static str> {
        let on_both = |k: &str| (ours.contains(&k) && theirs.contains(&k)) || !base.contains(&k);
        merge_order(base, ours, theirs, on_both)
    }

    fn strings(entries: &[&str]) -> Vec<String> {
        entries.iter().map(|s| (*s).to_string()).collect()
    }

    #[test]
    fn additions_at_the_same_place_keep_ours_first() {
        assert_eq!(
            order(&["a", "b"], &["a", "b", "x"], &["a", "b", "y"]),
            ["a", "b", "x", "y"]
        );
        assert_eq!(
            order(&["a", "b"], &["a", "x1", "x2", "b"], &["a", "y1", "y2", "b"]),
            ["a", "x1", "x2", "y1", "y2", "b"]
        );
        assert_eq!(order(&["a"], &["x", "a"], &["y", "a"]), ["x", "y", "a"]);
        assert_eq!(order(&[], &["x"], &["y"]), ["x", "y"]);
    }

    #[test]
    fn an_addition_follows_its_neighbour_even_when_the_neighbour_went() {
        // Ours adds x after b; theirs deletes b: x goes after a.
        assert_eq!(
            order(&["a", "b", "c"], &["a", "b", "x", "c"], &["a", "c"]),
            ["a", "x", "c"]
        );
        // Theirs moves b to the end: x follows b there.
        assert_eq!(
            order(&["a", "b", "c"], &["a", "b", "x", "c"], &["a", "c", "b"]),
            ["a", "c", "b", "x"]
        );
    }

    #[test]
    fn one_sides_reorder_wins_over_none() {
        assert_eq!(
            order(&["a", "b", "c"], &["c", "a", "b"], &["a", "b", "c"]),
            ["c", "a", "b"]
        );
        assert_eq!(
            order(&["a", "b", "c"], &["a", "b", "c"], &["b", "c", "a"]),
            ["b", "c", "a"]
        );
        // Together with an addition and a deletion on the other side.
        assert_eq!(
            order(&["a", "b", "c"], &["c", "a", "b"], &["a", "c", "d"]),
            ["c", "d", "a"]
        );
    }

    #[test]
    fn two_reorders_of_different_items_both_happen() {
        // Ours brings e to the front; theirs sends a to the end.
        assert_eq!(
            order(
                &["a", "b", "c", "d", "e"],
                &["e", "a", "b", "c", "d"],
                &["b", "c", "d", "e", "a"]
            ),
            ["e", "b", "c", "d", "a"]
        );
        // The same item moved both ways: ours wins.
        assert_eq!(
            order(&["a", "b", "c"], &["b", "c", "a"], &["b", "a", "c"]),
            ["b", "c", "a"]
        );
        // The same reorder on both sides is that reorder.
        assert_eq!(order(&["a", "b"], &["b", "a"], &["b", "a"]), ["b", "a"]);
    }

    #[test]
    fn a_kept_key_one_side_dropped_is_placed_after_its_neighbour_on_the_other() {
        // b is kept (a conflict keeps it) though ours deleted it.
        let merged = merge_order(&["a", "b", "c"], &["a", "c"], &["a", "b", "c"], |_| true);
        assert_eq!(merged, ["a", "b", "c"]);
    }

    #[test]
    fn lists_merge_as_ordered_sets() {
        let merged = merge_list(
            &strings(&["seo", "ads"]),
            &strings(&["seo", "ads", "email"]),
            &strings(&["ads", "fair"]),
        );
        assert_eq!(merged, strings(&["ads", "email", "fair"]));
        // Added on both sides: once.
        let merged = merge_list(&strings(&[]), &strings(&["x", "y"]), &strings(&["x", "z"]));
        assert_eq!(merged, strings(&["x", "y", "z"]));
        // The same text twice stays twice; removing one of them removes one.
        let merged = merge_list(&strings(&["a", "a"]), &strings(&["a", "a", "b"]), &strings(&["a"]));
        assert_eq!(merged, strings(&["a", "b"]));
    }
}
