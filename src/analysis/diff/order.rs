//! Which items moved when a list was reordered.
//!
//! Items that keep their relative order form a longest increasing subsequence
//! of new positions taken in old order; everything outside it moved. That way
//! one item dragged from the top to the bottom is one move, not a shift of
//! every item it passed.

/// Indexes (into `sequence`) of one longest strictly increasing subsequence.
/// Where several exist, the one ending in the smallest values wins, so the
/// result is deterministic.
pub fn longest_increasing(sequence: &[usize]) -> Vec<usize> {
    // tails[k]: index of the smallest last value of an increasing run of length k+1.
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; sequence.len()];
    for (i, &value) in sequence.iter().enumerate() {
        let length = tails.partition_point(|&t| sequence[t] < value);
        previous[i] = length.checked_sub(1).map(|k| tails[k]);
        if length == tails.len() {
            tails.push(i);
        } else {
            tails[length] = i;
        }
    }
    let mut run = Vec::with_capacity(tails.len());
    let mut cursor = tails.last().copied();
    while let Some(i) = cursor {
        run.push(i);
        cursor = previous[i];
    }
    run.reverse();
    run
}

/// Given the ids common to both versions, in old order and in new order,
/// the new-order positions of the ids that moved.
pub fn moved_positions<K: Copy + Eq + std::hash::Hash>(old_order: &[K], new_order: &[K]) -> Vec<usize> {
    let new_position: std::collections::HashMap<K, usize> =
        new_order.iter().enumerate().map(|(n, id)| (*id, n)).collect();
    let sequence: Vec<usize> = old_order
        .iter()
        .filter_map(|id| new_position.get(id).copied())
        .collect();
    let mut kept = vec![false; new_order.len()];
    for i in longest_increasing(&sequence) {
        kept[sequence[i]] = true;
    }
    (0..new_order.len()).filter(|&n| !kept[n]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_increasing_subsequence() {
        assert_eq!(longest_increasing(&[]), Vec::<usize>::new());
        assert_eq!(longest_increasing(&[0, 1, 2]), vec![0, 1, 2]);
        // values 0 1 2 3 with 3 pulled to the front
        assert_eq!(longest_increasing(&[3, 0, 1, 2]), vec![1, 2, 3]);
        assert_eq!(longest_increasing(&[2, 1, 0]).len(), 1);
        // Strictly: equal values do not extend a run.
        assert_eq!(longest_increasing(&[1, 1, 1]).len(), 1);
        assert_eq!(longest_increasing(&[0, 2, 2, 3]), vec![0, 2, 3]);
    }

    #[test]
    fn one_item_moved_to_the_end_is_one_move() {
        let old = ["a", "b", "c", "d", "e"];
        let new = ["b", "c", "d", "e", "a"];
        assert_eq!(moved_positions(&old, &new), vec![4]);
    }

    #[test]
    fn one_item_moved_to_the_front_is_one_move() {
        let old = ["a", "b", "c", "d", "e"];
        let new = ["e", "a", "b", "c", "d"];
        assert_eq!(moved_positions(&old, &new), vec![0]);
    }

    #[test]
    fn same_order_means_no_move() {
        let ids = ["a", "b", "c"];
        assert!(moved_positions(&ids, &ids).is_empty());
    }

    #[test]
    fn a_swap_is_one_move() {
        assert_eq!(moved_positions(&["a", "b"], &["b", "a"]).len(), 1);
    }
}
