//! The app as the popups' host: what a popup may ask of the workbench.

use std::path::{Path, PathBuf};

use super::app::{App, Form, Mode};
use super::document::Document;
use super::popups::{Host, Next};
use super::touchpoint_view::TouchpointColumn;
use crate::model::{ItemKind, JourneyMap};

impl Host for App {
    fn doc(&self) -> &Document {
        &self.doc
    }

    fn info(&mut self, text: String) {
        App::info(self, text);
    }

    fn error(&mut self, text: String) {
        App::error(self, text);
    }

    fn page(&self) -> usize {
        self.page
    }

    fn quit(&mut self) {
        self.should_quit = true;
    }

    fn save(&mut self, force: bool) -> bool {
        App::save(self, force)
    }

    fn save_as(&mut self, path: PathBuf) -> bool {
        App::save_as(self, path)
    }

    fn reload(&mut self) {
        App::reload(self);
    }

    fn discard_recovery(&mut self) {
        App::discard_recovery(self);
    }

    fn replace_map(&mut self, map: JourneyMap) {
        App::replace_map(self, map);
    }

    fn export(&mut self, format: usize, path: &Path) -> bool {
        App::export(self, format, path)
    }

    fn search(&mut self, query: &str) -> (Vec<(ItemKind, usize)>, usize) {
        App::search(self, query)
    }

    fn go_to(&mut self, kind: ItemKind, index: usize) {
        App::go_to(self, kind, index);
    }

    fn go_to_finding(&mut self, n: usize) {
        App::go_to_finding(self, n);
    }

    fn finding_count(&mut self) -> usize {
        self.findings().len()
    }

    fn options(&self, kind: ItemKind) -> Vec<(String, String)> {
        App::options(self, kind)
    }

    fn stage_filter(&self) -> Option<String> {
        self.stage_filter.clone()
    }

    fn set_stage_filter(&mut self, stage: Option<String>) {
        App::set_stage_filter(self, stage);
    }

    fn stage_touchpoints(&mut self, index: usize) -> usize {
        App::stage_touchpoints(self, index)
    }

    fn set_touchpoint_columns(&mut self, columns: Vec<TouchpointColumn>) {
        let text = if columns.is_empty() {
            "touchpoints show their stage and name (c adds columns)".to_string()
        } else {
            let names: Vec<&str> = columns.iter().map(|c| c.title()).collect();
            format!(
                "touchpoints show their stage, name and {} (c changes the columns)",
                names.join(", ").to_lowercase()
            )
        };
        self.touchpoint_columns = columns;
        App::info(self, text);
    }

    fn add_item(&mut self, kind: ItemKind, name: &str, stage: Option<String>) -> usize {
        App::add_item(self, kind, name, stage)
    }

    fn added(&mut self, kind: ItemKind, index: usize) -> Next {
        match App::added(self, kind, index) {
            Mode::Form(form) => Next::Form(form.target, form.field),
            _ => Next::Close,
        }
    }

    fn add_placed(&mut self, name: &str, stage: String, tactic: String) {
        App::add_placed(self, name, stage, tactic);
    }

    fn resolve(
        &mut self,
        conflict: &crate::model::conflict::Conflict,
        choice: &crate::model::conflict::Choice,
    ) -> Result<(), String> {
        conflict.apply(&mut self.doc.map, choice).map_err(|e| e.0)?;
        self.doc.map.settle_format();
        self.doc.changed_without_edit();
        self.doc.modified = true;
        Ok(())
    }

    fn add_on_step(&mut self, name: &str, from: String, to: String) -> usize {
        App::add_on_step(self, name, from, to)
    }

    fn delete_item(&mut self, kind: ItemKind, index: usize) {
        App::delete_item(self, kind, index);
    }

    fn set_matrix_filter(&mut self, value: &str) {
        App::set_matrix_filter(self, value);
    }

    fn set_view_filter(&mut self, text: &str) {
        let tab = self.tab.index();
        if self.name_filter[tab] != text {
            self.name_filter[tab] = text.to_string();
            self.lists[tab] = Default::default();
        }
    }

    fn clear_view_filters(&mut self) {
        self.clear_filters(self.tab);
    }
}

impl App {
    /// Where the workbench goes after a popup handled a key.
    pub(crate) fn after_popup(&mut self, next: Next) -> Mode {
        match next {
            Next::Popup(dialog) => Mode::Dialog(Box::new(dialog)),
            Next::Close => Mode::Normal,
            Next::Form(target, field) => Mode::Form(Box::new(Form {
                target,
                field,
                edit: None,
            })),
            Next::AsIs => std::mem::take(&mut self.mode),
        }
    }
}
