//! Multi-line text (a description, notes) merged line by line, as `diff3`
//! does: where only one side changed a stretch of lines, that side's lines
//! are taken; where both changed the same stretch differently, the text is
//! in conflict.

use std::collections::HashMap;

/// Most cells of the table that matches the lines of two versions (after
/// their common start and end are set aside). Prose fields are a few dozen
/// lines; a text beyond this is left to a person as a conflict.
const MAX_TABLE: usize = 1 << 22;

/// The merged text, or `None` when both sides changed the same lines
/// differently (or the texts are too long to compare line by line).
pub fn merge_lines(base: &str, ours: &str, theirs: &str) -> Option<String> {
    // Lines as numbers, so that comparing them is cheap.
    let mut numbers: HashMap<&str, u32> = HashMap::new();
    let (b, o, t): (Vec<&str>, Vec<&str>, Vec<&str>) = (
        base.split('\n').collect(),
        ours.split('\n').collect(),
        theirs.split('\n').collect(),
    );
    let (bn, on, tn) = (
        number_lines(&b, &mut numbers),
        number_lines(&o, &mut numbers),
        number_lines(&t, &mut numbers),
    );
    let with_ours = matching(&bn, &on)?;
    let with_theirs = matching(&bn, &tn)?;

    let mut merged: Vec<&str> = Vec::with_capacity(o.len().max(t.len()));
    let (mut ib, mut io, mut it) = (0, 0, 0);
    loop {
        // Lines of the base kept by both sides, in step: taken as they are.
        while ib < b.len() && with_ours[ib] == Some(io) && with_theirs[ib] == Some(it) {
            merged.push(b[ib]);
            (ib, io, it) = (ib + 1, io + 1, it + 1);
        }
        // The next base line both sides kept ends the stretch that changed.
        let end = (ib..b.len()).find(|&j| with_ours[j].is_some() && with_theirs[j].is_some());
        let (jb, jo, jt) = match end {
            Some(j) => (j, with_ours[j].unwrap_or(o.len()), with_theirs[j].unwrap_or(t.len())),
            None => (b.len(), o.len(), t.len()),
        };
        let (base_part, ours_part, theirs_part) = (&bn[ib..jb], &on[io..jo], &tn[it..jt]);
        if ours_part == base_part {
            merged.extend_from_slice(&t[it..jt]);
        } else if theirs_part == base_part || theirs_part == ours_part {
            merged.extend_from_slice(&o[io..jo]);
        } else {
            return None;
        }
        if end.is_none() {
            break;
        }
        (ib, io, it) = (jb, jo, jt);
    }
    Some(merged.join("\n"))
}

/// Each line's number in `numbers`, given one when it has none yet.
fn number_lines<'t>(lines: &[&'t str], numbers: &mut HashMap<&'t str, u32>) -> Vec<u32> {
    lines
        .iter()
        .map(|&line| {
            let next = numbers.len() as u32;
            *numbers.entry(line).or_insert(next)
        })
        .collect()
}

/// For each line of `old`, the line of `new` it is matched with in a
/// longest common subsequence; `None` when the table would be too large.
fn matching(old: &[u32], new: &[u32]) -> Option<Vec<Option<usize>>> {
    let mut matched = vec![None; old.len()];
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    for (n, slot) in matched.iter_mut().enumerate().take(prefix) {
        *slot = Some(n);
    }
    for k in 0..suffix {
        matched[old.len() - 1 - k] = Some(new.len() - 1 - k);
    }
    let (a, b) = (&old[prefix..old.len() - suffix], &new[prefix..new.len() - suffix]);
    if a.is_empty() || b.is_empty() {
        return Some(matched);
    }
    let width = b.len() + 1;
    if (a.len() + 1).saturating_mul(width) > MAX_TABLE {
        return None;
    }
    // lengths[i * width + j]: the longest common subsequence of a[i..], b[j..].
    let mut lengths = vec![0u32; (a.len() + 1) * width];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lengths[i * width + j] = if a[i] == b[j] {
                lengths[(i + 1) * width + j + 1] + 1
            } else {
                lengths[(i + 1) * width + j].max(lengths[i * width + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            matched[prefix + i] = Some(prefix + j);
            i += 1;
            j += 1;
        } else if lengths[(i + 1) * width + j] >= lengths[i * width + j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    Some(matched)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_to_different_lines_both_apply() {
        let base = "Goal: awareness\nBudget: 10k\nOwner: Mia";
        let ours = "Goal: awareness and trust\nBudget: 10k\nOwner: Mia";
        let theirs = "Goal: awareness\nBudget: 10k\nOwner: Sam";
        assert_eq!(
            merge_lines(base, ours, theirs).as_deref(),
            Some("Goal: awareness and trust\nBudget: 10k\nOwner: Sam")
        );
    }

    #[test]
    fn lines_added_at_both_ends_and_removed_in_the_middle() {
        let base = "a\nb\nc";
        assert_eq!(
            merge_lines(base, "top\na\nb\nc", "a\nc\nend").as_deref(),
            Some("top\na\nc\nend")
        );
        assert_eq!(merge_lines(base, "a\nb\nc", "a\nb\nc").as_deref(), Some("a\nb\nc"));
        assert_eq!(merge_lines("", "one", "").as_deref(), Some("one"));
    }

    #[test]
    fn the_same_line_changed_differently_is_a_conflict() {
        assert_eq!(merge_lines("a\nb\nc", "a\nB\nc", "a\nbee\nc"), None);
        // Both added different lines at the same place: the order is not
        // known, so a person decides.
        assert_eq!(merge_lines("a\nb", "a\nx\nb", "a\ny\nb"), None);
        // The same change on both sides is no conflict.
        assert_eq!(merge_lines("a\nb", "a\nx\nb", "a\nx\nb").as_deref(), Some("a\nx\nb"));
    }

    #[test]
    fn adjacent_changes_are_a_conflict_as_in_diff3() {
        // No base line between the two edits ties them apart.
        assert_eq!(merge_lines("a\nb", "A\nb", "a\nB"), None);
        assert_eq!(merge_lines("a\nm\nb", "A\nm\nb", "a\nm\nB").as_deref(), Some("A\nm\nB"));
    }

    #[test]
    fn very_long_texts_are_left_to_a_person() {
        let long = |tag: &str| (0..3000).map(|n| format!("{tag}{n}")).collect::<Vec<_>>().join("\n");
        assert_eq!(merge_lines(&long("b"), &long("o"), &long("t")), None);
    }
}
