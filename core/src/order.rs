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

/// The value under `key` in `items` (kept sorted by key), added as `V::default()` when missing:
/// `BTreeMap<K, V>::entry(key).or_default()` over a vector. A B-tree map is about 1.5–3 KB of
/// wasm per key and value type (insert, drop, the into-iterator); this is a binary search and
/// `Vec::insert`. Iterating `items` gives the map's order. O(n) per new key: for maps of a few
/// hundred keys at most (a plan's notes per component, a row's zones).
pub fn entry_sorted<'v, K: Ord + Clone, V: Default>(
    items: &'v mut Vec<(K, V)>,
    key: &K,
) -> &'v mut V {
    let at = match items.binary_search_by(|(k, _)| k.cmp(key)) {
        Ok(at) => at,
        Err(at) => {
            items.insert(at, (key.clone(), V::default()));
            at
        }
    };
    &mut items[at].1
}

/// The value under `key` in `items` (kept sorted by key), made by `make` when missing:
/// `BTreeMap::entry(key).or_insert_with(make)` over a vector (see [`entry_sorted`]).
pub fn entry_sorted_with<K: Ord, V>(
    items: &mut Vec<(K, V)>,
    key: K,
    make: impl FnOnce() -> V,
) -> &mut V {
    let at = match items.binary_search_by(|(k, _)| k.cmp(&key)) {
        Ok(at) => at,
        Err(at) => {
            items.insert(at, (key, make()));
            at
        }
    };
    &mut items[at].1
}

/// `value` under `key` in `items` (kept sorted by key), replacing the value there:
/// `BTreeMap::insert` over a vector (see [`entry_sorted`]).
pub fn insert_sorted<K: Ord, V>(items: &mut Vec<(K, V)>, key: K, value: V) {
    match items.binary_search_by(|(k, _)| k.cmp(&key)) {
        Ok(at) => items[at].1 = value,
        Err(at) => items.insert(at, (key, value)),
    }
}

/// Adds `item` to `items` (kept sorted, each once) unless it is there; true when added:
/// `BTreeSet::insert` over a vector (see [`entry_sorted`]).
pub fn insert_set<T: Ord>(items: &mut Vec<T>, item: T) -> bool {
    match items.binary_search(&item) {
        Ok(_) => false,
        Err(at) => {
            items.insert(at, item);
            true
        }
    }
}

/// The value under `key` in `items` kept sorted by [`entry_sorted`]: `BTreeMap::get`.
pub fn get_sorted<'v, K: Ord, V>(items: &'v [(K, V)], key: &K) -> Option<&'v V> {
    let at = items.binary_search_by(|(k, _)| k.cmp(key)).ok()?;
    items.get(at).map(|(_, v)| v)
}

/// [`get_sorted`] for changing the value: `BTreeMap::get_mut`.
pub fn get_sorted_mut<'v, K: Ord, V>(items: &'v mut [(K, V)], key: &K) -> Option<&'v mut V> {
    let at = items.binary_search_by(|(k, _)| k.cmp(key)).ok()?;
    items.get_mut(at).map(|(_, v)| v)
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

    #[test]
    fn entry_sorted_keeps_a_maps_order_and_values() {
        let mut map: Vec<(String, Vec<u8>)> = Vec::new();
        for (key, value) in [("b", 1), ("a", 2), ("c", 3), ("a", 4), ("b", 5)] {
            entry_sorted(&mut map, &key.to_owned()).push(value);
        }
        let mut tree: std::collections::BTreeMap<String, Vec<u8>> = Default::default();
        for (key, value) in [("b", 1), ("a", 2), ("c", 3), ("a", 4), ("b", 5)] {
            tree.entry(key.to_owned()).or_default().push(value);
        }
        assert_eq!(map, tree.into_iter().collect::<Vec<_>>());
        assert_eq!(map[0], ("a".to_owned(), vec![2, 4]));
        assert_eq!(get_sorted(&map, &"c".to_owned()), Some(&vec![3]));
        assert_eq!(get_sorted(&map, &"d".to_owned()), None);
        get_sorted_mut(&mut map, &"c".to_owned()).into_iter().for_each(|v| v.push(6));
        assert_eq!(map[2], ("c".to_owned(), vec![3, 6]));
        let mut pairs: Vec<(&str, u8)> = Vec::new();
        for (key, value) in [("b", 1), ("a", 2), ("b", 3)] {
            insert_sorted(&mut pairs, key, value);
        }
        assert_eq!(pairs, [("a", 2), ("b", 3)]);
        *entry_sorted_with(&mut pairs, "c", || 4) += 1;
        *entry_sorted_with(&mut pairs, "a", || 9) += 1;
        assert_eq!(pairs, [("a", 3), ("b", 3), ("c", 5)]);
        let mut set = Vec::new();
        assert!(insert_set(&mut set, 2) && insert_set(&mut set, 1) && !insert_set(&mut set, 2));
        assert_eq!(set, [1, 2]);
    }
}
