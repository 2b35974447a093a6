//! The comments of a hand-written map, each attached to what it precedes
//! (the map, one of its fields, a list, an item, a field of an item) or to
//! the end of the line it ends, so that saving writes it back in its place.
//! They are kept beside the map, not in it: an item's comments go with the
//! item (a deleted item's are not written), and maps compare equal whatever
//! their comments.

use std::collections::HashMap;

use super::ItemKind;

/// The comments of one place: the lines before it, and what ends its line.
/// Each comment is kept as written, `//` or `/* */` included.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attached {
    pub before: Vec<String>,
    pub after: Vec<String>,
}

impl Attached {
    pub fn is_empty(&self) -> bool {
        self.before.is_empty() && self.after.is_empty()
    }
}

/// The comments of an item: its own, those before the fields it holds, and
/// those before its closing bracket.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemComments {
    pub item: Attached,
    pub fields: HashMap<&'static str, Attached>,
    pub end: Vec<String>,
}

/// The comments of a list of items (`touchpoints: [`): before it, and
/// before its closing bracket.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListComments {
    pub list: Attached,
    pub end: Vec<String>,
}

/// Every comment of a map file, by where it belongs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Comments {
    /// Before `JourneyMap(` (a file's header) and ending its line.
    pub map: Attached,
    /// Before the map's own fields (`title`, `description`, ...).
    pub map_fields: HashMap<&'static str, Attached>,
    pub lists: HashMap<ItemKind, ListComments>,
    /// By kind, then by item id.
    pub items: HashMap<ItemKind, HashMap<String, ItemComments>>,
    /// Before the map's closing bracket.
    pub map_end: Vec<String>,
    /// After the map.
    pub end: Vec<String>,
}

impl Comments {
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
            && self.map_fields.values().all(Attached::is_empty)
            && self.lists.values().all(|l| l.list.is_empty() && l.end.is_empty())
            && self.items.values().all(HashMap::is_empty)
            && self.map_end.is_empty()
            && self.end.is_empty()
    }

    /// The comments of the item of `kind` with this id.
    pub fn item(&self, kind: ItemKind, id: &str) -> Option<&ItemComments> {
        self.items.get(&kind)?.get(id)
    }

    /// Every comment's text, in no particular order: to count them.
    pub fn texts(&self) -> Vec<&str> {
        fn attached(a: &Attached) -> Vec<&str> {
            a.before.iter().chain(&a.after).map(String::as_str).collect()
        }
        let mut all = attached(&self.map);
        all.extend(self.map_fields.values().flat_map(attached));
        for list in self.lists.values() {
            all.extend(attached(&list.list));
            all.extend(list.end.iter().map(String::as_str));
        }
        for item in self.items.values().flat_map(HashMap::values) {
            all.extend(attached(&item.item));
            all.extend(item.fields.values().flat_map(attached));
            all.extend(item.end.iter().map(String::as_str));
        }
        all.extend(self.map_end.iter().map(String::as_str));
        all.extend(self.end.iter().map(String::as_str));
        all
    }
}
