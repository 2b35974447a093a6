//! The open map as a document: the map, its file and what the file held,
//! the undo history, the recovery journal, and what is computed from the
//! map alone (validation problems, lint findings, counts, the search
//! index), cached until the map changes. Views, keys and messages are the
//! app's; a document knows nothing of the screen.

use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::checks::{self, Checked, Checker};
use super::recovery::{self, Shared};
use super::search::SearchIndex;
use crate::analysis::lint::Finding;
use crate::model::comments::Comments;
use crate::model::edit::{self, Edit, Step};
use crate::model::history::History;
use crate::model::{Item, ItemKind, JourneyMap, Problem, Target, Touchpoint};
use crate::store::{self, FileStamp, SaveError};
use crate::text::sanitize;

pub struct Document {
    pub map: JourneyMap,
    /// The comments of the file, written back where they belong on save;
    /// those of items deleted since are left out.
    pub comments: Comments,
    pub path: PathBuf,
    /// What the file held when loaded or last saved.
    pub stamp: Option<FileStamp>,
    pub modified: bool,
    /// Bumped by every change to the map; caches compare against it.
    pub generation: u64,
    history: History,
    /// Where recovery copies go; `None` keeps none.
    pub recovery_file: Option<PathBuf>,
    /// The recovery journal, shared with the panic hook and the writer thread.
    pub shared: Shared,
    problems_cache: Option<(u64, Vec<Problem>)>,
    findings_cache: Option<(u64, Vec<Finding>)>,
    /// Lint waits until the first screen is shown (see
    /// [`Document::lint_after_first_screen`]).
    lint_waits: bool,
    /// Where each finding's item sat in the map the findings are of.
    finding_positions: Vec<Option<usize>>,
    stage_counts: Option<(u64, HashMap<String, StageTally>)>,
    search_index: Option<SearchIndex>,
    /// The latest edits, each with the generation it led to, so that what
    /// is computed from the map can follow an edit rather than start over.
    recent: VecDeque<(u64, Arc<Edit>, bool)>,
    /// Validation and lint on a thread of their own, once
    /// [`Document::check_in_background`] started it; without it they are
    /// computed when asked for.
    checker: Option<Checker>,
    /// Edits the checking thread is yet to be given ([`Self::check_edits`]),
    /// each with whether it was made and the generation it led to.
    unchecked: Vec<(Arc<Edit>, bool, u64)>,
}

/// Brings the touchpoints counted per stage id up to `edit`, made
/// (`forward`) or undone; false when it changed what cannot be followed (a
/// stage, an order, the whole map): count again then.
fn follow_stage_counts(counts: &mut HashMap<String, StageTally>, edit: &Edit, forward: bool) -> bool {
    edit.steps(forward).into_iter().all(|step| match step {
        Step::Changed(Target::Item(ItemKind::Touchpoint, _), Item::Touchpoint(before), Item::Touchpoint(after)) => {
            (before.stage == after.stage && before.emotion == after.emotion)
                || (less(counts, before) && more(counts, after))
        }
        Step::Changed(Target::Item(kind, _), ..) => !matches!(kind, ItemKind::Stage | ItemKind::Touchpoint),
        Step::Changed(Target::Map, ..) => true,
        Step::Inserted(ItemKind::Touchpoint, _, Item::Touchpoint(t)) => more(counts, t),
        Step::Removed(ItemKind::Touchpoint, _, Item::Touchpoint(t)) => less(counts, t),
        Step::Inserted(kind, ..) | Step::Removed(kind, ..) => !matches!(kind, ItemKind::Stage | ItemKind::Touchpoint),
        Step::Swapped(..) | Step::Replaced => false,
    })
}

/// Settles the map's file format after `edit`, made (`forward`) or undone,
/// unless the edit cannot have changed what the format depends on: then it
/// stays as the last edit settled it, without a look at every touchpoint
/// (which the format depends on through their own emotions). Stages,
/// tactics, segments and personas play no part in it, and a touchpoint
/// added, removed or changed without having or losing an emotion of its
/// own leaves "some touchpoint has one" as it was.
fn settle_format_after(map: &mut JourneyMap, edit: &Edit, forward: bool) {
    let no_part = |kind: ItemKind| {
        matches!(
            kind,
            ItemKind::Stage | ItemKind::Tactic | ItemKind::Segment | ItemKind::Persona
        )
    };
    let unchanged = edit.steps(forward).into_iter().all(|step| match step {
        Step::Changed(Target::Item(ItemKind::Touchpoint, _), Item::Touchpoint(before), Item::Touchpoint(after)) => {
            before.emotion.is_some() == after.emotion.is_some()
        }
        Step::Inserted(ItemKind::Touchpoint, _, Item::Touchpoint(t))
        | Step::Removed(ItemKind::Touchpoint, _, Item::Touchpoint(t)) => t.emotion.is_none(),
        Step::Changed(Target::Item(kind, _), ..) | Step::Inserted(kind, ..) | Step::Removed(kind, ..) => no_part(kind),
        Step::Changed(Target::Map, ..) | Step::Swapped(..) | Step::Replaced => false,
    });
    if !unchanged {
        map.settle_format();
    }
}

/// What a stage's touchpoints add up to: how many, and how many have each of
/// the five scores (-2..=+2, by position) as their own.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StageTally {
    pub touchpoints: usize,
    pub own_scores: [usize; 5],
}

/// The position of a touchpoint's own score among the five, if it has one.
fn own_score(t: &Touchpoint) -> Option<usize> {
    t.emotion.map(|e| usize::from((e.clamp(-2, 2) + 2).unsigned_abs()))
}

/// One more touchpoint, `t`, at its stage.
fn more(counts: &mut HashMap<String, StageTally>, t: &Touchpoint) -> bool {
    let tally = counts.entry(t.stage.clone()).or_default();
    tally.touchpoints += 1;
    if let Some(score) = own_score(t) {
        tally.own_scores[score] += 1;
    }
    true
}

/// One touchpoint less, `t`, at its stage; false when the counts did not
/// have it (they are not the map's: count again).
fn less(counts: &mut HashMap<String, StageTally>, t: &Touchpoint) -> bool {
    let Some(tally) = counts.get_mut(&t.stage) else {
        return false;
    };
    let score = own_score(t);
    if tally.touchpoints == 0 || score.is_some_and(|s| tally.own_scores[s] == 0) {
        return false;
    }
    tally.touchpoints -= 1;
    if let Some(s) = score {
        tally.own_scores[s] -= 1;
    }
    true
}

/// How many of the latest edits [`Document::edits_since`] can tell.
const RECENT_EDITS: usize = 64;

/// How a save went.
#[derive(Debug)]
pub enum Saved {
    Done,
    /// The file changed on disk since it was read: nothing was written.
    ChangedOnDisk,
    /// The file may not be written (read-only, or no permission).
    NotWritable(String),
    /// Writing failed; the message says why.
    Failed(String),
}

impl Document {
    /// A document on a loaded map. `data_dir` is where recovery copies go.
    pub fn new(map: JourneyMap, path: PathBuf, stamp: Option<FileStamp>, data_dir: Option<&Path>) -> Self {
        let recovery_file = data_dir.map(|d| recovery::recovery_path(d, &path));
        // The journal's base: the one copy of the map, made once per load.
        let journal = recovery_file
            .as_ref()
            .map(|rec| recovery::Journal::new(rec.clone(), path.clone(), Arc::new(map.clone())));
        Self {
            map,
            comments: Comments::default(),
            path,
            stamp,
            modified: false,
            generation: 0,
            history: History::default(),
            recovery_file,
            shared: Arc::new(std::sync::Mutex::new(journal)),
            problems_cache: None,
            findings_cache: None,
            lint_waits: false,
            finding_positions: Vec::new(),
            stage_counts: None,
            search_index: None,
            recent: VecDeque::new(),
            checker: None,
            unchecked: Vec::new(),
        }
    }

    /// Why the file may not be written, if it may not (read-only, or no
    /// permission); `None` when it may, or does not exist yet.
    pub fn not_writable(&self) -> Option<String> {
        match store::check_writable(&self.path) {
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => Some(e.to_string()),
            _ => None,
        }
    }

    /// Where a version that cannot go to the file is offered to be written.
    pub fn elsewhere(&self) -> PathBuf {
        self.path.with_extension("mine.ron")
    }

    /// The file name as shown.
    pub fn file_label(&self) -> String {
        sanitize(&self.path.display().to_string()).into_owned()
    }

    /// Records an edit already made to the map: it can be undone, and the
    /// recovery journal gets it. Costs the size of the edit, not of the map.
    pub fn commit(&mut self, edit: Edit) {
        settle_format_after(&mut self.map, &edit, true);
        self.modified = true;
        self.generation += 1;
        let edit = Arc::new(edit);
        recovery::record(&self.shared, Arc::clone(&edit), true);
        if self.checker.is_some() {
            self.unchecked.push((Arc::clone(&edit), true, self.generation));
        }
        self.remember(Arc::clone(&edit), true);
        self.history.push(edit);
    }

    /// Runs `change` on the map and records what it did to `target` as one
    /// edit; true when something changed.
    pub fn change(&mut self, target: Target, change: impl FnOnce(&mut JourneyMap)) -> bool {
        match edit::record(&mut self.map, target, change) {
            Some(e) => {
                self.commit(e);
                true
            }
            None => false,
        }
    }

    /// Makes `map` (a recovery copy) the current one, as one undoable step.
    pub fn replace_map(&mut self, map: JourneyMap) {
        let old = std::mem::replace(&mut self.map, map.clone());
        self.commit(Edit::Replace {
            old: Box::new(old),
            new: Box::new(map),
        });
    }

    /// Goes back one change (`redo` false) or forward again (`redo` true);
    /// the edit undone or redone, `None` when there was none.
    pub fn undo_redo(&mut self, redo: bool) -> Option<Arc<Edit>> {
        let edit = self.history.step(&mut self.map, redo)?;
        settle_format_after(&mut self.map, &edit, redo);
        recovery::record(&self.shared, Arc::clone(&edit), redo);
        self.modified = !self.history.at_saved_state();
        self.generation += 1;
        if self.checker.is_some() {
            self.unchecked.push((Arc::clone(&edit), redo, self.generation));
        }
        self.remember(Arc::clone(&edit), redo);
        Some(edit)
    }

    /// Keeps `edit`, made (`forward`) or undone, which led to the current
    /// generation, among the recent ones.
    fn remember(&mut self, edit: Arc<Edit>, forward: bool) {
        if self.recent.len() == RECENT_EDITS {
            self.recent.pop_front();
        }
        self.recent.push_back((self.generation, edit, forward));
    }

    /// The edits that led from the map at `generation` to the map as it is
    /// now, oldest first, each with whether it was made (true) or undone;
    /// `None` when they are not known (too many, or a change no edit
    /// describes came between).
    pub fn edits_since(&self, generation: u64) -> Option<Vec<(&Edit, bool)>> {
        let count = self.generation.checked_sub(generation)?;
        if count > self.recent.len() as u64 {
            return None;
        }
        let edits: Vec<(&Edit, bool)> = self
            .recent
            .iter()
            .filter(|(g, ..)| *g > generation)
            .map(|(_, e, forward)| (e.as_ref(), *forward))
            .collect();
        (edits.len() as u64 == count).then_some(edits)
    }

    /// Steps that can be undone and redone.
    pub fn history(&self) -> (usize, usize) {
        self.history.depth()
    }

    fn mark_saved(&mut self) {
        self.modified = false;
        self.history.mark_saved();
    }

    /// Starts the undo history and the recovery journal afresh (after
    /// loading another version).
    fn reset_history(&mut self) {
        self.history.clear();
        let journal = self
            .recovery_file
            .as_ref()
            .map(|rec| recovery::Journal::new(rec.clone(), self.path.clone(), Arc::new(self.map.clone())));
        recovery::reset(&self.shared, journal);
    }

    /// Hands the journal to `shared` (the panic hook's) and uses that from now on.
    pub fn attach(&mut self, shared: Shared) {
        let journal = match self.shared.lock() {
            Ok(mut g) => g.take(),
            Err(p) => p.into_inner().take(),
        };
        recovery::reset(&shared, journal);
        self.shared = shared;
    }

    /// A recovery copy newer than the file, and how long ago it was written.
    pub fn recovery_offer(&self) -> Option<(JourneyMap, String)> {
        let rec = self.recovery_file.as_ref()?;
        recovery::find(rec, &self.path, &self.map).map(|(map, time)| (map, recovery::ago(time)))
    }

    /// Saves to the file. `force` overwrites even if the file changed on disk.
    pub fn save(&mut self, force: bool) -> Saved {
        let expected = if force { None } else { self.stamp };
        match store::save_commented(&self.path, &self.map, &self.comments, expected) {
            Ok(stamp) => {
                self.stamp = Some(stamp);
                self.mark_saved();
                self.discard_recovery();
                Saved::Done
            }
            Err(SaveError::ChangedOnDisk) => Saved::ChangedOnDisk,
            Err(SaveError::Io(e)) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                Saved::NotWritable(e.to_string())
            }
            Err(SaveError::Io(e)) => Saved::Failed(e.to_string()),
        }
    }

    /// Writes the map to a new file (never over an existing one) and
    /// continues as that file.
    pub fn save_as(&mut self, path: PathBuf) -> std::io::Result<()> {
        let text = store::to_canonical_commented(&self.map, &self.comments);
        store::create_new(&path, &text)?;
        self.discard_recovery();
        self.recovery_file = self
            .recovery_file
            .as_ref()
            .and_then(|r| r.parent()?.parent().map(|d| recovery::recovery_path(d, &path)));
        self.path = path;
        self.stamp = Some(FileStamp::of(text.as_bytes()));
        self.mark_saved();
        if let Ok(mut guard) = self.shared.lock()
            && let (Some(j), Some(rec)) = (guard.as_mut(), &self.recovery_file)
        {
            j.recovery_file = rec.clone();
            j.map_path = self.path.clone();
        }
        Ok(())
    }

    /// Replaces the map with what is on disk now; the first line of the
    /// load error when that fails (the map is then kept).
    pub fn reload(&mut self) -> Result<(), String> {
        match store::load(&self.path) {
            Ok(loaded) => {
                self.map = loaded.map;
                self.comments = loaded.comments;
                self.stamp = Some(loaded.stamp);
                self.mark_saved();
                self.changed_without_edit();
                self.reset_history();
                self.discard_recovery();
                Ok(())
            }
            Err(e) => Err(e.to_string().lines().next().unwrap_or_default().to_string()),
        }
    }

    /// Removes the recovery copy (after a save or a deliberate discard).
    pub fn discard_recovery(&mut self) {
        recovery::clean(&self.shared);
        if let Some(rec) = &self.recovery_file {
            recovery::remove(rec);
        }
    }

    /// Writes the recovery copy of unsaved edits now, if it is behind. The
    /// event loop leaves this to a thread of its own ([`recovery::spawn_writer`]).
    pub fn flush_recovery(&self) {
        recovery::flush(&self.shared);
    }

    /// A failure of the recovery writer since the last call, if there was one.
    pub fn recovery_error(&self) -> Option<String> {
        recovery::take_error(&self.shared)
    }

    /// Records a change made to the map without an edit (a reload, a
    /// conflict resolved): everything computed from the map is out of date.
    pub fn changed_without_edit(&mut self) {
        self.generation += 1;
        self.recent.clear();
        self.unchecked.clear();
        if let Some(checker) = &self.checker {
            checker.replaced(self.map.clone(), self.generation);
        }
    }

    /// Hands the edits made since the last call to the checking thread.
    /// The event loop calls this once a key's frame is drawn: woken before
    /// it, the thread would take a processor from that frame on a machine
    /// with two.
    pub fn check_edits(&mut self) {
        if let Some(checker) = &self.checker {
            for (edit, forward, generation) in self.unchecked.drain(..) {
                checker.edited(edit, forward, generation);
            }
        }
    }

    /// From now on, validates and lints the map after each change on a
    /// thread of its own, and shows the results of the latest change
    /// checked until those of the newest arrive. Checks the map as it is
    /// first (here), unless that was done. Starts the recovery journal if
    /// it was left to now (a document made without a data directory, given
    /// its `recovery_file` since: the workbench makes its first screen
    /// without copying the map).
    pub fn check_in_background(&mut self) {
        if self.checker.is_some() {
            return;
        }
        self.lint_waits = false;
        self.problems();
        self.findings();
        // One copy of the map, made here, serves as the recovery journal's
        // base (when it was left to now) and, copied again on its own
        // thread, as the checking thread's.
        let copy = Arc::new(self.map.clone());
        if let Some(rec) = &self.recovery_file
            && recovery::is_empty(&self.shared)
        {
            let journal = recovery::Journal::new(rec.clone(), self.path.clone(), Arc::clone(&copy));
            recovery::reset(&self.shared, Some(journal));
        }
        self.checker = Some(Checker::spawn(copy));
    }

    fn keep(&mut self, checked: Checked) {
        self.problems_cache = Some((checked.generation, checked.problems));
        self.findings_cache = Some((checked.generation, checked.findings));
        self.finding_positions = checked.positions;
    }

    /// Takes the results the checking thread published since the last
    /// call; true when there were any (the screen should be drawn again).
    pub fn receive_checks(&mut self) -> bool {
        self.check_edits();
        let Some(checked) = self.checker.as_ref().and_then(Checker::take) else {
            return false;
        };
        self.keep(checked);
        true
    }

    /// Whether the checking thread has yet to report on the latest change.
    pub fn checks_pending(&self) -> bool {
        self.checker.is_some() && self.problems_cache.as_ref().is_none_or(|(g, _)| *g != self.generation)
    }

    /// The map as a loaded file holds it: valid (loading checks that), so
    /// its problems need not be looked for again.
    pub fn loaded_valid(&mut self) {
        self.problems_cache = Some((self.generation, Vec::new()));
    }

    /// Validation problems of the map as it is now (with checking in the
    /// background: as of the latest change checked).
    pub fn problems(&mut self) -> &[Problem] {
        if self.checker.is_some() {
            self.receive_checks();
        } else if !matches!(&self.problems_cache, Some((g, _)) if *g == self.generation) {
            self.problems_cache = Some((self.generation, crate::model::validate(&self.map)));
        }
        self.problems_cache.as_ref().map_or(&[], |(_, p)| p)
    }

    /// Lint findings about the plan, most severe first (with checking in
    /// the background: as of the latest change checked).
    pub fn findings(&mut self) -> &[Finding] {
        if self.checker.is_some() {
            self.receive_checks();
        } else if !self.lint_waits && !matches!(&self.findings_cache, Some((g, _)) if *g == self.generation) {
            let findings = checks::lint_sorted(&self.map);
            self.finding_positions = checks::item_positions(&self.map, &findings);
            self.findings_cache = Some((self.generation, findings));
        }
        self.findings_cache.as_ref().map_or(&[], |(_, f)| f)
    }

    /// Leaves lint to [`Document::check_in_background`], which the
    /// workbench calls once its first screen is shown: linting a large map
    /// takes longer than drawing it, and the findings are the one thing on
    /// the first screen that can wait. Until then [`Document::findings`]
    /// finds nothing and [`Document::findings_known`] says so.
    pub fn lint_after_first_screen(&mut self) {
        self.lint_waits = true;
    }

    /// Whether findings have been made for the map (of some version of
    /// it): not before the first screen of a workbench that left lint to
    /// after it.
    pub fn findings_known(&self) -> bool {
        self.findings_cache.is_some()
    }

    /// The lint findings last computed, without computing them (drawing
    /// takes `&self`; the findings popup computes them when it opens).
    pub fn findings_cached(&self) -> &[Finding] {
        self.findings_cache.as_ref().map_or(&[], |(_, f)| f)
    }

    /// The position and name, in the map as it is now, of the item finding
    /// `n` of [`Self::findings_cached`] is about; `None` for a finding
    /// about the journey as a whole, or an item no longer in the map. Where
    /// the item sat when the findings were made is looked at first: the
    /// whole list only when edits since moved it.
    pub fn finding_item(&self, n: usize) -> Option<(usize, &str)> {
        let (kind, id) = self.findings_cached().get(n)?.item.as_ref()?;
        let at = |i: usize| {
            self.map
                .id_and_name(*kind, i)
                .and_then(|(found, name)| (found == id).then_some((i, name)))
        };
        self.finding_positions
            .get(n)
            .copied()
            .flatten()
            .and_then(at)
            .or_else(|| {
                let i = self
                    .map
                    .ids_and_names(*kind)
                    .iter()
                    .position(|(found, _)| found == id)?;
                at(i)
            })
    }

    /// How many touchpoints the stage at `index` has.
    pub fn stage_touchpoints(&mut self, index: usize) -> usize {
        self.count_stage_touchpoints();
        self.counted_touchpoints(index)
    }

    /// Counts the touchpoints of every stage, unless the map is unchanged
    /// since the last count.
    pub fn count_stage_touchpoints(&mut self) {
        if let Some((counted, mut counts)) = self.stage_counts.take() {
            let followed = counted == self.generation
                || self.edits_since(counted).is_some_and(|edits| {
                    edits
                        .iter()
                        .all(|(edit, forward)| follow_stage_counts(&mut counts, edit, *forward))
                });
            if followed {
                self.stage_counts = Some((self.generation, counts));
            }
        }
        if !matches!(&self.stage_counts, Some((g, _)) if *g == self.generation) {
            // Counted by borrowed id, so that counting copies nothing per touchpoint.
            let mut by_id: HashMap<&str, StageTally> = HashMap::with_capacity(self.map.stages.len());
            for t in &self.map.touchpoints {
                let tally = by_id.entry(t.stage.as_str()).or_default();
                tally.touchpoints += 1;
                if let Some(score) = own_score(t) {
                    tally.own_scores[score] += 1;
                }
            }
            let counts = by_id.into_iter().map(|(id, n)| (id.to_string(), n)).collect();
            self.stage_counts = Some((self.generation, counts));
        }
    }

    /// How many touchpoints the stage at `index` had when last counted (by
    /// [`Document::stage_touchpoints`]): for drawing.
    pub fn counted_touchpoints(&self, index: usize) -> usize {
        self.counted(index).touchpoints
    }

    /// What the touchpoints of the stage at `index` added up to when last
    /// counted ([`Document::count_stage_touchpoints`]).
    pub fn counted(&self, index: usize) -> StageTally {
        let Some(stage) = self.map.stages.get(index) else {
            return StageTally::default();
        };
        match &self.stage_counts {
            Some((_, counts)) => counts.get(&stage.id).copied().unwrap_or_default(),
            None => StageTally::default(),
        }
    }

    /// The validation problems last computed (by [`Document::problems`]).
    pub fn problems_cached(&self) -> &[Problem] {
        self.problems_cache.as_ref().map_or(&[], |(_, p)| p)
    }

    /// Items matching a Ctrl-P query. The index of names follows the edits
    /// since it was last used (reading again only the items they touched);
    /// it is built afresh only when they cannot be followed.
    pub fn search(&mut self, query: &str) -> (Vec<(ItemKind, usize)>, usize) {
        let generation = self.generation;
        if let Some(mut index) = self.search_index.take() {
            let followed = index.generation() == generation
                || self
                    .edits_since(index.generation())
                    .is_some_and(|edits| index.follow(&self.map, &edits, generation));
            if followed {
                self.search_index = Some(index);
            }
        }
        if self.search_index.is_none() {
            self.search_index = Some(SearchIndex::build(&self.map, generation));
        }
        match &self.search_index {
            Some(index) => index.find(query),
            None => (Vec::new(), 0),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::time::{Duration, Instant};

    use super::*;
    use crate::analysis::sample_map;

    #[test]
    fn edits_reach_the_checking_thread_only_when_handed_over() {
        let mut doc = Document::new(sample_map(), PathBuf::from("m.ron"), None, None);
        doc.check_in_background();
        doc.change(Target::Item(ItemKind::Touchpoint, 0), |m| {
            m.touchpoints[0].stage = "nowhere".into();
        });
        // Well past the pause the thread waits for: it was told nothing.
        std::thread::sleep(Duration::from_millis(200));
        let checker = doc.checker.as_ref().expect("checking in the background");
        assert!(checker.take().is_none(), "the thread checked an edit it was not given");
        doc.check_edits();
        let started = Instant::now();
        while doc.checks_pending() {
            doc.receive_checks();
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "no results after handing the edit over"
            );
            std::thread::sleep(Duration::from_millis(2));
        }
        assert!(!doc.problems().is_empty(), "the edit's problem is found");
    }
}
