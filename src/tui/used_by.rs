//! The items that refer to one item (its details' "used by" sections),
//! found once and then kept up to date with the edits made since: on a map
//! of 50,000 touchpoints finding them is a look at every touchpoint, while
//! an edit names the few items it touched.

use crate::model::edit::{Edit, Step};
use crate::model::schema::Item;
use crate::model::{Field, ItemKind, JourneyMap, Value};
use crate::tui::form::{Target, referring_fields, referring_positions};

/// The items referring to the item with `id`, as the map stood at
/// `generation`: their positions, in file order, per field of
/// [`referring_fields`] of the item's kind.
#[derive(Debug, Clone)]
pub struct UsedBy {
    pub generation: u64,
    /// The item as the view selected it.
    pub item: (ItemKind, usize),
    /// Its id: what the references name, and how a later map's item at the
    /// same position is told from another one.
    id: String,
    pub positions: Vec<Vec<usize>>,
}

impl UsedBy {
    /// Looks at every item that may refer to `item` of `map`, at `generation`.
    pub fn find(map: &JourneyMap, item: (ItemKind, usize), generation: u64) -> Option<UsedBy> {
        let (kind, index) = item;
        let (id, _) = map.id_and_name(kind, index)?;
        let positions = referring_fields(kind)
            .map(|(from, field)| referring_positions(map, from, field, id))
            .collect();
        Some(UsedBy {
            generation,
            item,
            id: id.to_owned(),
            positions,
        })
    }

    /// Brings these positions from the map they were found on to `map`, at
    /// `generation`, through `edits` (made, or undone when false: what
    /// [`crate::tui::document::Document::edits_since`] gives). False when
    /// that cannot be done (the selected item is another one now, or an
    /// edit moved items in a way no step describes): look again then.
    pub fn follow(
        &mut self,
        map: &JourneyMap,
        item: (ItemKind, usize),
        edits: &[(&Edit, bool)],
        generation: u64,
    ) -> bool {
        let (kind, index) = item;
        if item != self.item || map.id_and_name(kind, index).is_none_or(|(id, _)| id != self.id) {
            return false;
        }
        let fields: Vec<(ItemKind, &Field)> = referring_fields(kind).collect();
        for (edit, forward) in edits {
            for step in edit.steps(*forward) {
                match step {
                    Step::Changed(Target::Map, ..) => {}
                    Step::Changed(Target::Item(from, i), before, after) => {
                        for (positions, (_, field)) in
                            self.positions.iter_mut().zip(&fields).filter(|(_, (k, _))| *k == from)
                        {
                            let (was, is) = (refers(before, field, &self.id), refers(after, field, &self.id));
                            match (positions.binary_search(&i), was, is) {
                                (Ok(at), true, false) => {
                                    positions.remove(at);
                                }
                                (Err(at), false, true) => positions.insert(at, i),
                                _ => {}
                            }
                        }
                    }
                    Step::Inserted(from, i, inserted) => {
                        for (positions, (_, field)) in
                            self.positions.iter_mut().zip(&fields).filter(|(_, (k, _))| *k == from)
                        {
                            let at = positions.partition_point(|&p| p < i);
                            positions[at..].iter_mut().for_each(|p| *p += 1);
                            if refers(inserted, field, &self.id) {
                                positions.insert(at, i);
                            }
                        }
                    }
                    Step::Removed(from, i, _) => {
                        for (positions, _) in self.positions.iter_mut().zip(&fields).filter(|(_, (k, _))| *k == from) {
                            let at = positions.partition_point(|&p| p < i);
                            if positions.get(at) == Some(&i) {
                                positions.remove(at);
                            }
                            positions[at..].iter_mut().for_each(|p| *p -= 1);
                        }
                    }
                    Step::Swapped(..) | Step::Replaced => return false,
                }
            }
        }
        self.generation = generation;
        true
    }
}

/// Whether `item`'s `field` names `id`.
fn refers(item: &Item, field: &Field, id: &str) -> bool {
    match item.value(field) {
        Some(Value::Text(to)) => to == id,
        Some(Value::List(to)) => to.iter().any(|t| t == id),
        _ => false,
    }
}
