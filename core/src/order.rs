//! Stable sorting with one copy of the sort in the binary.
//!
//! `slice::sort_by` is monomorphised per element type and per comparator closure: about 3 KB of
//! wasm each time. [`sort_by`] sorts indices instead, through a `dyn` comparator, so every caller
//! shares one instantiation and only a small permutation step is generic. Use it off the hot
//! paths (a few thousand items at most) where the checker's wasm size matters.

use std::cmp::Ordering;
use std::collections::BTreeSet;

/// Sorts `items` stably by `cmp` (equal items keep their order), like `items.sort_by(cmp)`.
pub fn sort_by<T>(items: &mut Vec<T>, cmp: &dyn Fn(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let order = {
        let view: &[T] = items;
        sorted_indices(items.len(), &|a, b| cmp(&view[a], &view[b]))
    };
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// Sorts and removes duplicates, like `items.sort(); items.dedup()`.
pub fn sort_dedup<T: Ord>(items: &mut Vec<T>) {
    sort_by(items, &T::cmp);
    items.dedup();
}

/// Keeps the first of each run of items equal by `cmp`, in their order, like a `retain` over a
/// hash set of the items seen: without a hash table per element type (about 2 KB of wasm
/// each), through the one sort. O(n log n).
pub fn first_of_each_by<T>(items: &mut Vec<T>, cmp: &dyn Fn(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let keep = {
        let view: &[T] = items;
        firsts(items.len(), &|a, b| cmp(&view[a], &view[b]))
    };
    let mut keep = keep.into_iter();
    items.retain(|_| keep.next().unwrap_or(true));
}

/// Per index of `0..len`: whether no earlier index is equal to it by `cmp`.
#[inline(never)]
fn firsts(len: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<bool> {
    let order = sorted_indices(len, cmp);
    let mut keep = vec![false; len];
    let mut previous: Option<usize> = None;
    for i in order {
        // Stable: the first index of a run of equal items is the earliest one.
        if previous.is_none_or(|p| cmp(p, i) != Ordering::Equal) {
            if let Some(k) = keep.get_mut(i) {
                *k = true;
            }
            previous = Some(i);
        }
    }
    keep
}

/// The set of `items`, built by inserting them in turn. `collect()` and `From<[T; N]>` into a
/// `BTreeSet` sort their input first, with a copy of the stable sort per element type (about
/// 3 KB of wasm each); insertion uses only the set's own code. Same set, same O(n log n).
pub fn set_of<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut set = BTreeSet::new();
    set.extend(items);
    set
}

/// `0..len` stably sorted by `cmp`: the one instantiation of the sort.
#[inline(never)]
fn sorted_indices(len: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably() {
        let mut v = vec![(2, 'a'), (1, 'b'), (2, 'c'), (0, 'd'), (1, 'e')];
        sort_by(&mut v, &|a, b| a.0.cmp(&b.0));
        assert_eq!(v, [(0, 'd'), (1, 'b'), (1, 'e'), (2, 'a'), (2, 'c')]);
        let mut w = vec!["b".to_owned(), "a".to_owned(), "b".to_owned()];
        sort_dedup(&mut w);
        assert_eq!(w, ["a", "b"]);
        let mut f = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        first_of_each_by(&mut f, &|a, b| a.0.cmp(&b.0));
        assert_eq!(f, [(3, 'a'), (1, 'b'), (2, 'd')]);
        let mut e: Vec<u8> = Vec::new();
        sort_dedup(&mut e);
        assert!(e.is_empty());
        let set = set_of(["b", "a", "b"]);
        assert_eq!(set.into_iter().collect::<Vec<_>>(), ["a", "b"]);
    }
}
