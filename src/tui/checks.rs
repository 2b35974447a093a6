//! Validation problems and lint findings of the open map, computed on a
//! thread of their own so that no key waits for them: on a map of 50,000
//! touchpoints they take several frames. The thread keeps its own copy of
//! the map and brings it up to date with the same edits the history
//! records (as the recovery journal does), so a change costs the keyboard's
//! thread the size of the edit, never a copy of the map. Until the
//! results of the newest change arrive (a moment after the changes pause),
//! the workbench shows the previous ones.

use std::collections::HashMap;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::analysis::lint::{self, Finding};
use crate::model::edit::Edit;
use crate::model::{ItemKind, JourneyMap, Problem, validate};

/// How long the changes must pause before they are checked.
const QUIET: Duration = Duration::from_millis(40);

/// The problems and findings of the map as it was at `generation`.
pub struct Checked {
    pub generation: u64,
    pub problems: Vec<Problem>,
    pub findings: Vec<Finding>,
    /// Where each finding's item sat in that map: found here, off the
    /// keyboard's thread, so that naming a finding's item or going to it
    /// needs no look through 50,000 touchpoints.
    pub positions: Vec<Option<usize>>,
}

/// Validation and lint of a map, the findings most severe first.
pub fn check(map: &JourneyMap, generation: u64) -> Checked {
    let findings = lint_sorted(map);
    Checked {
        generation,
        problems: validate(map),
        positions: item_positions(map, &findings),
        findings,
    }
}

/// The lint findings of `map`, most severe first.
pub fn lint_sorted(map: &JourneyMap) -> Vec<Finding> {
    let mut findings = lint::lint(map);
    findings.sort_by_key(|f| std::cmp::Reverse(f.severity));
    findings
}

/// The position in `map` of each finding's item (`None` for a finding about
/// the journey as a whole, or an item the map does not have).
pub fn item_positions(map: &JourneyMap, findings: &[Finding]) -> Vec<Option<usize>> {
    let mut by_id: HashMap<ItemKind, HashMap<&str, usize>> = HashMap::new();
    findings
        .iter()
        .map(|f| {
            let (kind, id) = f.item.as_ref()?;
            let positions = by_id.entry(*kind).or_insert_with(|| {
                let ids = map.ids_and_names(*kind);
                let mut positions = HashMap::with_capacity(ids.len());
                // The first of a repeated id, as a look from the start finds.
                for (i, (id, _)) in ids.into_iter().enumerate().rev() {
                    positions.insert(id, i);
                }
                positions
            });
            positions.get(id.as_str()).copied()
        })
        .collect()
}

/// What the thread's copy of the map is told.
enum Change {
    /// An edit made (`forward`) or undone, leaving the map at `generation`.
    Edit {
        edit: Arc<Edit>,
        forward: bool,
        generation: u64,
    },
    /// The map replaced by one that no edit describes (a reload).
    Replace { map: Box<JourneyMap>, generation: u64 },
}

/// The checking thread, as seen from the keyboard's thread. The thread ends
/// when this is dropped.
pub struct Checker {
    changes: Sender<Change>,
    latest: Arc<Mutex<Option<Checked>>>,
}

impl Checker {
    /// Starts checking `map` after each change, on a copy of its own made
    /// on the thread. Nothing is checked until the first change: the caller
    /// has the results of `map` itself already.
    pub fn spawn(map: Arc<JourneyMap>) -> Self {
        let (changes, received) = mpsc::channel();
        let latest = Arc::new(Mutex::new(None));
        let shared = Arc::clone(&latest);
        std::thread::spawn(move || run(Arc::unwrap_or_clone(map), &received, &shared));
        Self { changes, latest }
    }

    /// The map was edited (or the edit undone, `forward` false) and is now
    /// at `generation`.
    pub fn edited(&self, edit: Arc<Edit>, forward: bool, generation: u64) {
        // A send fails only when the thread has ended (a panic in lint):
        // the last results stay shown.
        let _ = self.changes.send(Change::Edit {
            edit,
            forward,
            generation,
        });
    }

    /// The map became `map`, at `generation`, without an edit.
    pub fn replaced(&self, map: JourneyMap, generation: u64) {
        let _ = self.changes.send(Change::Replace {
            map: Box::new(map),
            generation,
        });
    }

    /// The newest results since the last call, if there are any.
    pub fn take(&self) -> Option<Checked> {
        match self.latest.lock() {
            Ok(mut guard) => guard.take(),
            Err(poisoned) => poisoned.into_inner().take(),
        }
    }
}

/// The thread: waits for a change, applies it and every change queued
/// behind it, checks the map once and publishes the results.
fn run(mut map: JourneyMap, received: &Receiver<Change>, latest: &Mutex<Option<Checked>>) {
    while let Ok(change) = received.recv() {
        let mut generation = apply(change, &mut map);
        // Checked once the changes pause, so that checking does not take
        // the processor from keys still coming (two cores may be all there is).
        loop {
            match received.recv_timeout(QUIET) {
                Ok(change) => generation = apply(change, &mut map),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        let checked = check(&map, generation);
        match latest.lock() {
            Ok(mut guard) => *guard = Some(checked),
            Err(poisoned) => *poisoned.into_inner() = Some(checked),
        }
    }
}

/// Brings the thread's copy of the map up to `change`; the generation it is then at.
fn apply(change: Change, map: &mut JourneyMap) -> u64 {
    match change {
        Change::Edit {
            edit,
            forward,
            generation,
        } => {
            if forward {
                edit.apply(map);
            } else {
                edit.revert(map);
            }
            map.settle_format();
            generation
        }
        Change::Replace { map: new, generation } => {
            *map = *new;
            generation
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::time::{Duration, Instant};

    use super::*;
    use crate::analysis::sample_map;
    use crate::model::{ItemKind, Target};
    use crate::tui::document::Document;

    /// Waits for the checking thread to report on the document's latest change.
    fn settled(doc: &mut Document) {
        let started = Instant::now();
        while doc.checks_pending() {
            doc.receive_checks();
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "no results from the checking thread"
            );
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    /// What the document shows against what checking its map now finds.
    fn assert_current(doc: &mut Document) {
        let expected = check(&doc.map, doc.generation);
        assert_eq!(doc.problems(), expected.problems.as_slice());
        assert_eq!(doc.findings(), expected.findings.as_slice());
    }

    #[test]
    fn results_follow_edits_undo_redo_and_changes_without_an_edit() {
        let mut doc = Document::new(sample_map(), PathBuf::from("m.ron"), None, None);
        doc.check_in_background();
        assert_current(&mut doc);
        let before = doc.problems().to_vec();

        // A touchpoint at a stage that does not exist: a problem, and
        // its old stage may lose its last touchpoint.
        doc.change(Target::Item(ItemKind::Touchpoint, 0), |m| {
            m.touchpoints[0].stage = "nowhere".into();
        });
        assert!(doc.checks_pending(), "a change makes the results out of date");
        settled(&mut doc);
        assert_current(&mut doc);
        assert_ne!(doc.problems(), before.as_slice(), "the edit was seen");

        doc.undo_redo(false);
        settled(&mut doc);
        assert_current(&mut doc);
        assert_eq!(doc.problems(), before.as_slice(), "the undo was seen");

        doc.undo_redo(true);
        settled(&mut doc);
        assert_current(&mut doc);

        // Several changes queued behind each other come out as the last.
        for name in ["", "back"] {
            doc.change(Target::Item(ItemKind::Stage, 0), |m| m.stages[0].name = name.into());
        }
        settled(&mut doc);
        assert_current(&mut doc);

        // A change no edit describes (a conflict resolved, a reload).
        doc.map.stages[1].name.clear();
        doc.changed_without_edit();
        settled(&mut doc);
        assert_current(&mut doc);
    }

    #[test]
    fn a_journal_left_to_the_first_screen_starts_with_the_checks_and_keeps_the_edits() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let mut doc = Document::new(sample_map(), dir.path().join("m.ron"), None, None);
        let recovery_file = crate::tui::recovery::recovery_path(dir.path(), &doc.path);
        doc.recovery_file = Some(recovery_file.clone());
        doc.check_in_background();
        doc.change(Target::Item(ItemKind::Stage, 0), |m| {
            m.stages[0].name = "Journaled".into()
        });
        doc.flush_recovery();
        let text = std::fs::read_to_string(&recovery_file)?;
        let recovered = crate::store::parse_unvalidated(&text, "recovery").map_err(std::io::Error::other)?;
        assert_eq!(recovered, doc.map, "the recovery copy holds the edit");
        assert_eq!(recovered.stages[0].name, "Journaled");
        Ok(())
    }

    #[test]
    fn a_finding_names_its_item_as_the_map_holds_it_now() {
        let mut doc = Document::new(sample_map(), PathBuf::from("m.ron"), None, None);
        let findings = doc.findings().to_vec();
        let (n, kind, id) = findings
            .iter()
            .enumerate()
            .find_map(|(n, f)| {
                let (kind, id) = f.item.clone()?;
                (doc.map.count(kind) > 1).then_some((n, kind, id))
            })
            .expect("the sample map has a finding about an item of a kind it has several of");
        let position = |doc: &Document| {
            doc.map
                .ids_and_names(kind)
                .iter()
                .position(|(i, _)| *i == id)
                .expect("the item is in the map")
        };
        let at = position(&doc);
        let name = doc.map.id_and_name(kind, at).map(|(_, name)| name.to_string());
        assert_eq!(
            doc.finding_item(n).map(|(i, name)| (i, name.to_string())),
            Some((at, name.expect("a name")))
        );
        // Renamed, then moved by an item put before it, since the findings were made.
        let name_field = &kind.fields()[0];
        doc.change(Target::Item(kind, at), |m| {
            if let Some(crate::model::Slot::Text(name)) = m.slot(Target::Item(kind, at), name_field) {
                name.push_str(" (renamed)");
            }
        });
        let edit = Edit::Insert {
            kind,
            index: 0,
            item: crate::model::schema::Item::new(kind, "a-new-first".into(), "A new first".into()),
        };
        edit.apply(&mut doc.map);
        doc.commit(edit);
        let (_, now) = doc.finding_item(n).expect("still in the map");
        assert!(now.ends_with(" (renamed)"), "named as it is now: {now}");
        assert_eq!(
            doc.finding_item(n).map(|(i, _)| i),
            Some(at + 1),
            "found where it is now"
        );
        assert_eq!(position(&doc), at + 1);
    }

    #[test]
    fn without_the_thread_results_are_computed_when_asked() {
        let mut doc = Document::new(sample_map(), PathBuf::from("m.ron"), None, None);
        assert_current(&mut doc);
        doc.change(Target::Item(ItemKind::Touchpoint, 0), |m| {
            m.touchpoints[0].stage = "nowhere".into();
        });
        assert!(!doc.checks_pending());
        assert_current(&mut doc);
        assert!(!doc.problems().is_empty());
    }
}
