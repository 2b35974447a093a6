//! Adding, deleting and reordering items: each change is one undoable
//! [`Edit`], and a deletion takes the references to the item with it.

use super::app::{App, Tab, TouchpointSort};
use super::form::Target;
use crate::model::Item;
use crate::model::edit::{self, Edit};
use crate::model::{FieldType, ItemKind, Slot, Value, unique_id};
use crate::text::sanitize;
use crate::tui::form::{referring_fields, referring_names};

impl App {
    /// Adds an item named `name` (with `stage` for a touchpoint) and returns
    /// its position. The id is derived from the name, unique in its list.
    pub fn add_item(&mut self, kind: ItemKind, name: &str, stage: Option<String>) -> usize {
        let taken: std::collections::HashSet<String> = self
            .doc
            .map
            .ids_and_names(kind)
            .iter()
            .map(|(id, _)| id.to_string())
            .collect();
        let id = unique_id(name, kind.noun(), |c| taken.contains(c));
        let mut item = Item::new(kind, id, name.to_string());
        if let Some(stage) = stage
            && let Some(field) = kind.fields().iter().find(|f| f.name == "stage")
            && let Some(Slot::Text(slot)) = item.slot(field)
        {
            *slot = stage;
        }
        self.insert_item(kind, item)
    }

    /// Appends an item to its list, as one undoable step; returns its position.
    pub fn insert_item(&mut self, kind: ItemKind, item: Item) -> usize {
        let index = self.doc.map.count(kind);
        let edit = Edit::Insert { kind, index, item };
        edit.apply(&mut self.doc.map);
        self.commit(edit);
        self.select_item(kind, index);
        index
    }

    /// What deleting an item would do to the items that refer to it (found
    /// through the registry's reference fields); `Err` when the item cannot
    /// be deleted because something needs it (a stage that still has
    /// touchpoints).
    pub fn delete_consequences(&self, kind: ItemKind, index: usize) -> Result<Vec<String>, String> {
        let map = &self.doc.map;
        let Some((id, name)) = map.id_and_name(kind, index) else {
            return Err("nothing to delete".into());
        };
        let name = sanitize(name);
        let list = |names: &[&str]| -> String {
            let shown: Vec<String> = names.iter().take(5).map(|n| sanitize(n).into_owned()).collect();
            let more = names.len().saturating_sub(5);
            if more > 0 {
                format!("{}, … and {more} more", shown.join(", "))
            } else {
                shown.join(", ")
            }
        };
        let mut out = Vec::new();
        for (from, field) in referring_fields(kind) {
            let names = referring_names(map, from, field, id);
            if names.is_empty() {
                continue;
            }
            let n = names.len();
            let noun = from.noun();
            match field.ty {
                FieldType::Ref { optional: false, .. } => {
                    return Err(format!(
                        "{} “{name}” still has {n} {noun}{} ({}): move them to another {} or delete them first",
                        kind.noun(),
                        if n == 1 { "" } else { "s" },
                        list(&names),
                        kind.noun()
                    ));
                }
                FieldType::Ref { .. } => {
                    out.push(format!(
                        "{n} {noun}(s) left without a {}: {}",
                        kind.noun(),
                        list(&names)
                    ));
                }
                _ => out.push(format!("{} {}", removal_phrase(from, field.name, n), list(&names))),
            }
        }
        Ok(out)
    }

    /// Deletes an item and every reference to it.
    pub fn delete_item(&mut self, kind: ItemKind, index: usize) {
        let Some(id) = self.doc.map.id_and_name(kind, index).map(|(id, _)| id.to_string()) else {
            return;
        };
        // The references go first, each as its own item edit, then the item:
        // undoing puts the item back, then the references.
        let m = &mut self.doc.map;
        let mut edits = Vec::new();
        for (from, field) in referring_fields(kind) {
            for i in 0..m.count(from) {
                let target = Target::Item(from, i);
                let refers = match m.value(target, field) {
                    Some(Value::Text(to)) => to == id,
                    Some(Value::List(to)) => to.contains(&id),
                    _ => false,
                };
                if refers {
                    edits.extend(edit::record(m, target, |m| match m.slot(target, field) {
                        Some(Slot::Text(to)) => to.clear(),
                        Some(Slot::List(to)) => to.retain(|t| *t != id),
                        _ => {}
                    }));
                }
            }
        }
        if let Some(item) = edit::take(m, kind, index) {
            edits.push(Edit::Remove { kind, index, item });
        }
        if self.stage_filter.as_deref() == Some(id.as_str()) && kind == ItemKind::Stage {
            self.stage_filter = None;
        }
        self.commit(Edit::Group(edits));
        let tab = Tab::for_kind(kind);
        let len = self.list_len(tab);
        let pos = &mut self.lists[tab.index()];
        pos.selected = pos.selected.min(len.saturating_sub(1));
    }

    /// Moves the selected item one place up or down its list. Touchpoints
    /// move among the touchpoints of their stage.
    pub fn move_selected(&mut self, up: bool) {
        let Some((kind, index)) = self.selected_item() else {
            return;
        };
        if !self.name_filter[self.tab.index()].is_empty() {
            self.info("clear the / filter (Esc) to reorder: the rows shown are not neighbours in the list");
            return;
        }
        if kind == ItemKind::Touchpoint && !matches!(self.touchpoint_sort, TouchpointSort::Stage | TouchpointSort::File)
        {
            self.info(format!(
                "the rows are sorted {}: s to sort by stage or file order, then J/K move touchpoints",
                self.touchpoint_sort.label()
            ));
            return;
        }
        let row = self.lists[self.tab.index()].selected;
        let other_row = if up { row.checked_sub(1) } else { Some(row + 1) };
        let Some(other_row) = other_row else {
            return;
        };
        let Some(other) = self.item_at(self.tab, other_row) else {
            return;
        };
        if kind == ItemKind::Touchpoint
            && self.doc.map.touchpoints[index].stage != self.doc.map.touchpoints[other].stage
        {
            self.info("touchpoints stay in their stage: change the Stage field to move one to another stage");
            return;
        }
        let edit = Edit::Swap {
            kind,
            a: index,
            b: other,
        };
        edit.apply(&mut self.doc.map);
        self.commit(edit);
        self.lists[self.tab.index()].selected = other_row;
    }
}

/// How the deletion dialog says that items lose a reference in a list
/// field: the fields whose loss reads better in words of their own, else
/// plainly.
fn removal_phrase(from: ItemKind, field: &str, n: usize) -> String {
    match (from, field) {
        (ItemKind::Stage, "tactics") => format!("no longer planned by {n} stage(s):"),
        (ItemKind::Competitor, "segments") => format!("no longer targeted by {n} competitor(s):"),
        (ItemKind::Touchpoint, "personas") => {
            format!("removed from {n} touchpoint(s) (one left with no persona addresses everyone):")
        }
        _ => format!("removed from {n} {}(s):", from.noun()),
    }
}
