//! Adding, deleting and reordering items: each change is one undoable
//! [`Edit`], and a deletion takes the references to the item with it.

use super::app::{App, Tab};
use super::form::Target;
use crate::model::Item;
use crate::model::edit::{self, Edit};
use crate::model::{ItemKind, JourneyMap, Slot, unique_id};
use crate::text::sanitize;

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

    /// What deleting an item would do to the items that reference it; `Err`
    /// when the item cannot be deleted (a stage that still has touchpoints).
    pub fn delete_consequences(&self, kind: ItemKind, index: usize) -> Result<Vec<String>, String> {
        let Some(&(id, name)) = self.doc.map.ids_and_names(kind).get(index) else {
            return Err("nothing to delete".into());
        };
        let name = sanitize(name);
        let list = |names: Vec<&str>| -> String {
            let shown: Vec<String> = names.iter().take(5).map(|n| sanitize(n).into_owned()).collect();
            let more = names.len().saturating_sub(5);
            if more > 0 {
                format!("{}, … and {more} more", shown.join(", "))
            } else {
                shown.join(", ")
            }
        };
        let mut out = Vec::new();
        match kind {
            ItemKind::Stage => {
                let at: Vec<&str> = self
                    .doc
                    .map
                    .touchpoints
                    .iter()
                    .filter(|t| t.stage == id)
                    .map(|t| t.name.as_str())
                    .collect();
                if !at.is_empty() {
                    return Err(format!(
                        "stage “{name}” still has {} touchpoint{} ({}): move them to another stage or delete them first",
                        at.len(),
                        if at.len() == 1 { "" } else { "s" },
                        list(at)
                    ));
                }
            }
            ItemKind::Tactic => {
                let stages: Vec<&str> = self
                    .doc
                    .map
                    .stages
                    .iter()
                    .filter(|s| s.tactics.iter().any(|t| t == id))
                    .map(|s| s.name.as_str())
                    .collect();
                if !stages.is_empty() {
                    out.push(format!(
                        "no longer planned by {} stage(s): {}",
                        stages.len(),
                        list(stages)
                    ));
                }
                let tps: Vec<&str> = self
                    .doc
                    .map
                    .touchpoints
                    .iter()
                    .filter(|t| t.tactics.iter().any(|x| x == id))
                    .map(|t| t.name.as_str())
                    .collect();
                if !tps.is_empty() {
                    out.push(format!("removed from {} touchpoint(s): {}", tps.len(), list(tps)));
                }
            }
            ItemKind::Segment => {
                let personas: Vec<&str> = self
                    .doc
                    .map
                    .personas
                    .iter()
                    .filter(|p| p.segment == id)
                    .map(|p| p.name.as_str())
                    .collect();
                if !personas.is_empty() {
                    out.push(format!(
                        "{} persona(s) left without a segment: {}",
                        personas.len(),
                        list(personas)
                    ));
                }
                let comps: Vec<&str> = self
                    .doc
                    .map
                    .competitors
                    .iter()
                    .filter(|c| c.segments.iter().any(|s| s == id))
                    .map(|c| c.name.as_str())
                    .collect();
                if !comps.is_empty() {
                    out.push(format!(
                        "no longer targeted by {} competitor(s): {}",
                        comps.len(),
                        list(comps)
                    ));
                }
            }
            ItemKind::Persona => {
                let tps: Vec<&str> = self
                    .doc
                    .map
                    .touchpoints
                    .iter()
                    .filter(|t| t.personas.iter().any(|x| x == id))
                    .map(|t| t.name.as_str())
                    .collect();
                if !tps.is_empty() {
                    out.push(format!(
                        "removed from {} touchpoint(s) (one left with no persona addresses everyone): {}",
                        tps.len(),
                        list(tps)
                    ));
                }
            }
            ItemKind::Competitor | ItemKind::Touchpoint => {}
        }
        Ok(out)
    }

    /// Deletes an item and every reference to it.
    pub fn delete_item(&mut self, kind: ItemKind, index: usize) {
        let Some(id) = self
            .doc
            .map
            .ids_and_names(kind)
            .get(index)
            .map(|(id, _)| id.to_string())
        else {
            return;
        };
        // The references go first, each as its own item edit, then the item:
        // undoing puts the item back, then the references.
        let m = &mut self.doc.map;
        let mut edits = Vec::new();
        let mut fix = |m: &mut JourneyMap, kind: ItemKind, i: usize, f: &dyn Fn(&mut JourneyMap)| {
            edits.extend(edit::record(m, Target::Item(kind, i), f));
        };
        match kind {
            ItemKind::Tactic => {
                for i in 0..m.stages.len() {
                    if m.stages[i].tactics.contains(&id) {
                        fix(m, ItemKind::Stage, i, &|m| m.stages[i].tactics.retain(|t| *t != id));
                    }
                }
                for i in 0..m.touchpoints.len() {
                    if m.touchpoints[i].tactics.contains(&id) {
                        fix(m, ItemKind::Touchpoint, i, &|m| {
                            m.touchpoints[i].tactics.retain(|t| *t != id)
                        });
                    }
                }
            }
            ItemKind::Segment => {
                for i in 0..m.personas.len() {
                    if m.personas[i].segment == id {
                        fix(m, ItemKind::Persona, i, &|m| m.personas[i].segment.clear());
                    }
                }
                for i in 0..m.competitors.len() {
                    if m.competitors[i].segments.contains(&id) {
                        fix(m, ItemKind::Competitor, i, &|m| {
                            m.competitors[i].segments.retain(|s| *s != id)
                        });
                    }
                }
            }
            ItemKind::Persona => {
                for i in 0..m.touchpoints.len() {
                    if m.touchpoints[i].personas.contains(&id) {
                        fix(m, ItemKind::Touchpoint, i, &|m| {
                            m.touchpoints[i].personas.retain(|p| *p != id)
                        });
                    }
                }
            }
            ItemKind::Stage | ItemKind::Competitor | ItemKind::Touchpoint => {}
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
