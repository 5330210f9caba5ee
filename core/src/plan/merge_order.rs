//! The order raw flows are merged in: by destination rank, source rank, transport and ports,
//! ties in planning order.
//!
//! Each flow's key is packed into one `u128` when it fits (it does unless a plan has millions
//! of endpoints and flows): the size-optimised wasm build compares tuples field by field through
//! calls, integers in one instruction, and the grid already sorts `u128`s, so no sort code is
//! added. Otherwise indices are sorted through the shared stable sort ([`crate::order`]).

use crate::model::{PortRange, Transport};

/// What a raw flow is ordered by: (destination rank, source rank, transport, ports).
pub(super) type MergeKey = (u32, u32, Transport, PortRange);

/// Indices into `keys` in merge order; `ranks` bounds the ranks (every rank is below it).
pub(super) fn merge_order(keys: &[MergeKey], ranks: u32) -> Vec<u32> {
    let rank_bits = bits_for(u64::from(ranks));
    let index_bits = bits_for(keys.len() as u64);
    // Most significant first: destination, source, transport (2 bits), start, end, index.
    let total = 2 * rank_bits + 2 + 16 + 16 + index_bits;
    if total > u128::BITS || keys.iter().any(|k| k.0 >= ranks || k.1 >= ranks) {
        let mut order: Vec<u32> = (0..index(keys.len())).collect();
        crate::order::sort_by(&mut order, &|&a, &b| keys[a as usize].cmp(&keys[b as usize]));
        return order;
    }
    let mut packed: Vec<u128> = keys
        .iter()
        .enumerate()
        .map(|(i, &(destination, source, transport, ports))| {
            let mut key = u128::from(destination);
            key = (key << rank_bits) | u128::from(source);
            key = (key << 2) | transport_rank(transport);
            key = (key << 16) | u128::from(ports.start());
            key = (key << 16) | u128::from(ports.end());
            (key << index_bits) | i as u128
        })
        .collect();
    packed.sort_unstable();
    let index_mask = (1u128 << index_bits) - 1;
    packed.into_iter().map(|key| (key & index_mask) as u32).collect()
}

/// Bits needed for the values `0..n`.
fn bits_for(n: u64) -> u32 {
    u64::BITS - n.saturating_sub(1).leading_zeros()
}

/// The transport's place in `Transport`'s order, in two bits.
fn transport_rank(transport: Transport) -> u128 {
    match transport {
        Transport::Tcp => 0,
        Transport::Udp => 1,
        Transport::Sctp => 2,
    }
}

fn index(len: usize) -> u32 {
    u32::try_from(len).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference(keys: &[MergeKey]) -> Vec<u32> {
        let mut order: Vec<u32> = (0..index(keys.len())).collect();
        order.sort_by_key(|&i| (keys[i as usize], i));
        order
    }

    fn keys(seed: u64, n: usize, ranks: u32) -> Vec<MergeKey> {
        let mut state = seed;
        let mut next = move |m: u64| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (state >> 33) % m
        };
        (0..n)
            .map(|_| {
                let start = 1 + next(100) as u16;
                let end = start + next(3) as u16;
                let transport = Transport::ALL[next(3) as usize];
                let ports = PortRange::new(start, end).expect("valid range");
                (next(u64::from(ranks)) as u32, next(u64::from(ranks)) as u32, transport, ports)
            })
            .collect()
    }

    #[test]
    fn packed_order_is_the_tuple_order_with_ties_in_planning_order() {
        for (seed, n, ranks) in [(1, 0, 1), (2, 1, 1), (3, 50, 2), (4, 2_000, 7), (5, 3_000, 1_000)]
        {
            let keys = keys(seed, n, ranks);
            assert_eq!(merge_order(&keys, ranks), reference(&keys), "seed {seed}");
        }
    }

    #[test]
    fn wide_ranks_and_ranks_out_of_bounds_are_sorted_the_same_way() {
        let keys = keys(6, 500, 40);
        // Ranks of 32 bits each still pack (with room for the index)…
        assert_eq!(merge_order(&keys, u32::MAX), reference(&keys));
        // …and a rank past the stated bound takes the fallback rather than a wrong order.
        assert_eq!(merge_order(&keys, 3), reference(&keys));
    }
}
