//! Entries added to and removed from a list field (tactic ids, USPs, needs).

use std::collections::HashMap;

/// What changed in one list field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListDelta {
    /// Entries of the new list the old one lacks, in new order.
    pub added: Vec<String>,
    /// Entries of the old list the new one lacks, in old order.
    pub removed: Vec<String>,
    /// The entries both lists share are in a different order.
    pub reordered: bool,
}

impl ListDelta {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && !self.reordered
    }
}

/// Compares two lists as multisets (an entry written twice counts twice),
/// then checks the order of what they share.
pub fn list_delta(old: &[String], new: &[String]) -> ListDelta {
    let mut unmatched_old: HashMap<&str, usize> = HashMap::new();
    for entry in old {
        *unmatched_old.entry(entry).or_default() += 1;
    }
    let mut added = Vec::new();
    let mut shared_new = Vec::new();
    for entry in new {
        match unmatched_old.get_mut(entry.as_str()) {
            Some(count) if *count > 0 => {
                *count -= 1;
                shared_new.push(entry.as_str());
            }
            _ => added.push(entry.clone()),
        }
    }
    let mut unmatched_new: HashMap<&str, usize> = HashMap::new();
    for entry in new {
        *unmatched_new.entry(entry).or_default() += 1;
    }
    let mut removed = Vec::new();
    let mut shared_old = Vec::new();
    for entry in old {
        match unmatched_new.get_mut(entry.as_str()) {
            Some(count) if *count > 0 => {
                *count -= 1;
                shared_old.push(entry.as_str());
            }
            _ => removed.push(entry.clone()),
        }
    }
    ListDelta {
        added,
        removed,
        reordered: shared_old != shared_new,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| (*s).to_string()).collect()
    }

    #[test]
    fn added_and_removed_entries() {
        let delta = list_delta(&strings(&["search-ads", "seo"]), &strings(&["seo", "email"]));
        assert_eq!(delta.added, strings(&["email"]));
        assert_eq!(delta.removed, strings(&["search-ads"]));
        assert!(!delta.reordered);
    }

    #[test]
    fn order_only() {
        let delta = list_delta(&strings(&["a", "b"]), &strings(&["b", "a"]));
        assert!(delta.added.is_empty() && delta.removed.is_empty());
        assert!(delta.reordered);
    }

    #[test]
    fn duplicates_count() {
        let delta = list_delta(&strings(&["a", "a"]), &strings(&["a"]));
        assert_eq!(delta.removed, strings(&["a"]));
        assert!(delta.added.is_empty() && !delta.reordered);
        let delta = list_delta(&strings(&["a"]), &strings(&["a", "a"]));
        assert_eq!(delta.added, strings(&["a"]));
        assert!(delta.removed.is_empty() && !delta.reordered);
        let delta = list_delta(&strings(&["a", "b", "a"]), &strings(&["b", "a", "a", "a"]));
        assert_eq!((delta.added, delta.removed), (strings(&["a"]), vec![]));
        assert!(delta.reordered, "the shared a, b, a became b, a, a");
        assert!(list_delta(&strings(&["a"]), &strings(&["a"])).is_empty());
    }
}
