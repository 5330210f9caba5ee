//! One list per cell, filled in any cell order, then packed into one buffer.
//!
//! The coverage grid ([`super::grid`]) adds thousands of rule and flow parts to thousands of
//! cells. A `Vec` per cell cost an allocation and a few reallocations per cell, which is most of
//! building the grid in wasm (whose allocator is slow); packing costs two passes over the items.

/// Items added to cells in any order; [`CellListsBuilder::pack`] makes the lists. An item
/// added to many cells (a flow to a group of a thousand hosts) is stored once until packing.
pub(crate) struct CellListsBuilder<T> {
    distinct: Vec<T>,
    /// (cell, index into `distinct`), in the order added.
    added: Vec<(u32, u32)>,
}

/// Each cell's items, in the order they were added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CellLists<T> {
    /// Cell `c`'s items are `items[starts[c]..starts[c + 1]]`.
    starts: Vec<u32>,
    items: Vec<T>,
}

impl<T: Copy> CellListsBuilder<T> {
    pub(crate) fn new() -> Self {
        Self { distinct: Vec::new(), added: Vec::new() }
    }

    /// Adds `item` to each of `cells`.
    pub(crate) fn push(&mut self, cells: impl IntoIterator<Item = usize>, item: T) {
        let id = index(self.distinct.len());
        let before = self.added.len();
        self.added.extend(cells.into_iter().map(|cell| (index(cell), id)));
        if self.added.len() > before {
            self.distinct.push(item);
        }
    }

    /// The lists of cells `0..cells` (a counting sort by cell, which keeps the order in which
    /// each cell's items were added). Items of cells past `cells` are dropped.
    pub(crate) fn pack(self, cells: usize) -> CellLists<T> {
        let mut starts = vec![0u32; cells + 1];
        for (cell, _) in &self.added {
            if let Some(count) = starts.get_mut(*cell as usize + 1) {
                *count += 1;
            }
        }
        for c in 1..starts.len() {
            starts[c] += starts[c - 1];
        }
        // Every slot is written below (the counts say how many per cell): any item fills them first.
        let Some(&fill) = self.distinct.first() else {
            return CellLists { starts, items: Vec::new() };
        };
        let mut items = vec![fill; starts[cells] as usize];
        let mut next: Vec<u32> = starts[..cells].to_vec();
        for (cell, id) in self.added {
            if let Some(at) = next.get_mut(cell as usize) {
                items[*at as usize] = self.distinct[id as usize];
                *at += 1;
            }
        }
        CellLists { starts, items }
    }
}

impl<T> CellLists<T> {
    /// No cells.
    pub(crate) fn empty() -> Self {
        Self { starts: vec![0], items: Vec::new() }
    }

    /// The items of `cell` (none for a cell past the last).
    pub(crate) fn get(&self, cell: usize) -> &[T] {
        match (self.starts.get(cell), self.starts.get(cell + 1)) {
            (Some(&start), Some(&end)) => &self.items[start as usize..end as usize],
            _ => &[],
        }
    }
}

fn index(cell: usize) -> u32 {
    u32::try_from(cell).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_cell_keeps_the_order_items_were_added_in() {
        let mut builder = CellListsBuilder::new();
        for (cells, item) in
            [(&[2][..], 'a'), (&[0], 'b'), (&[2], 'c'), (&[1], 'd'), (&[], 'x'), (&[0, 2], 'e')]
        {
            builder.push(cells.iter().copied(), item);
        }
        let lists = builder.pack(4);
        assert_eq!(lists.get(0), ['b', 'e']);
        assert_eq!(lists.get(1), ['d']);
        assert_eq!(lists.get(2), ['a', 'c', 'e']);
        assert_eq!(lists.get(3), [] as [char; 0]);
        assert_eq!(lists.get(4), [] as [char; 0]);
    }

    #[test]
    fn items_past_the_last_cell_are_dropped_and_empty_has_no_items() {
        let mut builder = CellListsBuilder::new();
        builder.push([0], 1);
        builder.push([5], 2);
        assert_eq!(builder.pack(1).get(0), [1]);
        assert_eq!(CellLists::<u8>::empty().get(0), [] as [u8; 0]);
    }
}
