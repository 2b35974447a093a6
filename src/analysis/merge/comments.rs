//! The comments of three versions of a map file merged, place by place, as
//! a field is: one side's change is taken; where both changed the comments
//! of one place differently, both sides' are kept, ours first. Comments are
//! notes to the reader, never a conflict.

use std::collections::HashMap;
use std::hash::Hash;

use crate::model::comments::{Attached, Comments, ItemComments, ListComments};

/// The comments of `ours` and `theirs` merged against `base`.
pub fn merge_comments(base: &Comments, ours: &Comments, theirs: &Comments) -> Comments {
    if ours == theirs || theirs == base {
        return ours.clone();
    }
    if ours == base {
        return theirs.clone();
    }
    Comments {
        map: attached(&base.map, &ours.map, &theirs.map),
        map_fields: by_key(&base.map_fields, &ours.map_fields, &theirs.map_fields, attached),
        lists: by_key(&base.lists, &ours.lists, &theirs.lists, |b, o, t| ListComments {
            list: attached(&b.list, &o.list, &t.list),
            end: lines(&b.end, &o.end, &t.end),
        }),
        items: by_key(&base.items, &ours.items, &theirs.items, |b, o, t| by_key(b, o, t, item)),
        map_end: lines(&base.map_end, &ours.map_end, &theirs.map_end),
        end: lines(&base.end, &ours.end, &theirs.end),
    }
}

fn item(base: &ItemComments, ours: &ItemComments, theirs: &ItemComments) -> ItemComments {
    ItemComments {
        item: attached(&base.item, &ours.item, &theirs.item),
        fields: by_key(&base.fields, &ours.fields, &theirs.fields, attached),
        end: lines(&base.end, &ours.end, &theirs.end),
    }
}

fn attached(base: &Attached, ours: &Attached, theirs: &Attached) -> Attached {
    Attached {
        before: lines(&base.before, &ours.before, &theirs.before),
        after: lines(&base.after, &ours.after, &theirs.after),
    }
}

/// The comments of one place: one side's change, or both sides' changes.
fn lines(base: &[String], ours: &[String], theirs: &[String]) -> Vec<String> {
    if ours == theirs || theirs == base {
        return ours.to_vec();
    }
    if ours == base {
        return theirs.to_vec();
    }
    let mut both = ours.to_vec();
    both.extend(theirs.iter().filter(|c| !ours.contains(c)).cloned());
    both
}

/// Every key of the three maps, its values merged by `merge` (a missing
/// value counts as empty).
fn by_key<K: Clone + Eq + Hash, V: Default + PartialEq>(
    base: &HashMap<K, V>,
    ours: &HashMap<K, V>,
    theirs: &HashMap<K, V>,
    merge: impl Fn(&V, &V, &V) -> V,
) -> HashMap<K, V> {
    let empty = V::default();
    let mut merged = HashMap::new();
    for key in ours.keys().chain(theirs.keys()).chain(base.keys()) {
        if merged.contains_key(key) {
            continue;
        }
        let (b, o, t) = (
            base.get(key).unwrap_or(&empty),
            ours.get(key).unwrap_or(&empty),
            theirs.get(key).unwrap_or(&empty),
        );
        let value = merge(b, o, t);
        if value != empty {
            merged.insert(key.clone(), value);
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ItemKind;

    fn with_item_comment(id: &str, comment: &str) -> Comments {
        let mut comments = Comments::default();
        comments.items.entry(ItemKind::Stage).or_default().insert(
            id.to_string(),
            ItemComments {
                item: Attached {
                    before: vec![comment.to_string()],
                    after: Vec::new(),
                },
                ..ItemComments::default()
            },
        );
        comments
    }

    #[test]
    fn one_sides_change_is_taken_and_two_are_both_kept() {
        let base = with_item_comment("aware", "// first");
        let ours = with_item_comment("aware", "// first contact");
        assert_eq!(merge_comments(&base, &ours, &base), ours);
        assert_eq!(merge_comments(&base, &base, &ours), ours);
        let theirs = with_item_comment("aware", "// the first stage");
        let merged = merge_comments(&base, &ours, &theirs);
        let aware = merged.item(ItemKind::Stage, "aware").map(|c| c.item.before.clone());
        assert_eq!(
            aware,
            Some(vec!["// first contact".to_string(), "// the first stage".to_string()])
        );
        // A comment on another item is added alongside.
        let mut other = base.clone();
        other
            .items
            .entry(ItemKind::Stage)
            .or_default()
            .extend(with_item_comment("buy", "// b").items[&ItemKind::Stage].clone());
        let merged = merge_comments(&base, &ours, &other);
        assert_eq!(merged.items[&ItemKind::Stage].len(), 2);
        // Removed on one side: removed.
        let none = Comments::default();
        assert_eq!(merge_comments(&base, &none, &base), none);
    }
}
