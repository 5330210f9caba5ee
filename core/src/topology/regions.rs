//! Zones that are one network: a trusted zone whose networks lie strictly inside another
//! trusted zone's (the GPU racks given the upper half of the HPC /16 as a zone of their own,
//! without `hpc` being shrunk) is on that zone's network. The plan reads a component's internal
//! rows per network, so the GPU nodes take the HPC cluster's internal rows; read per zone name,
//! they were cut off from their own scheduler in silence.
//!
//! Only trusted zones of the same environment join, and only by strict nesting: two zones
//! declaring the same range are two sites reusing it (never joined), and an untrusted zone
//! nested in a trusted one is a hole in it ([`super::trusted_nets`]), not part of it.

use rustc_hash::FxHashMap;

use super::{Topology, Zone};

/// Zone name → the name of the outermost zone whose network holds it (itself when none).
pub fn outermost_zones(topology: &Topology) -> FxHashMap<&str, &str> {
    let mut parent: FxHashMap<&str, &str> = FxHashMap::default();
    for zone in topology.trusted_zones() {
        // The widest network of another joinable zone that strictly holds one of this zone's.
        let holder = topology
            .trusted_zones()
            .filter(|other| other.name != zone.name && joinable(zone, other))
            .filter_map(|other| {
                let widest = other
                    .nets()
                    .filter(|o| o.prefix_len() > 0)
                    .filter(|o| {
                        zone.nets().any(|n| o.contains(&n) && o.prefix_len() < n.prefix_len())
                    })
                    .map(|o| o.prefix_len())
                    .min()?;
                Some((widest, other.name.as_str()))
            })
            .min();
        if let Some((_, holder)) = holder {
            parent.insert(zone.name.as_str(), holder);
        }
    }
    // Follow the chain (a zone of several networks may be held by one held in turn); bounded
    // by the number of zones, so a cycle (two zones each holding part of the other) stops.
    let mut out = FxHashMap::default();
    for zone in &topology.zones {
        let mut at = zone.name.as_str();
        for _ in 0..topology.zones.len() {
            match parent.get(at) {
                Some(&next) if next != zone.name => at = next,
                _ => break,
            }
        }
        out.insert(zone.name.as_str(), at);
    }
    out
}

fn joinable(zone: &Zone, other: &Zone) -> bool {
    zone.environment == other.environment
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::topology::{Format, parse};

    fn outermost(zones: &str) -> Vec<(String, String)> {
        let text = format!("zones:\n{zones}hosts: {{}}\n");
        let topology = parse(&text, "t.yaml", Format::Yaml).expect("parses");
        let map = outermost_zones(&topology);
        let mut out: Vec<(String, String)> =
            map.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        out.sort();
        out
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect()
    }

    #[test]
    fn a_trusted_zone_nested_in_another_is_on_its_network() {
        let got = outermost(
            "  hpc: {cidrs: [10.64.0.0/16]}\n  gpu: {cidrs: [10.64.128.0/17]}\n  rack: {cidrs: [10.64.200.0/24]}\n  corp: {cidrs: [10.200.0.0/16]}\n",
        );
        assert_eq!(
            got,
            pairs(&[("corp", "corp"), ("gpu", "hpc"), ("hpc", "hpc"), ("rack", "hpc")])
        );
    }

    #[test]
    fn equal_ranges_untrusted_holes_other_environments_and_the_internet_never_join() {
        let got = outermost(
            "  internet: {cidrs: [0.0.0.0/0], trust: untrusted}\n  all: {cidrs: [0.0.0.0/0], trust: trusted}\n  site-a: {cidrs: [10.1.0.0/24]}\n  site-b: {cidrs: [10.1.0.0/24]}\n  campus: {cidrs: [10.5.0.0/16]}\n  guest: {cidrs: [10.5.9.0/24], trust: untrusted}\n  prod: {cidrs: [10.7.0.0/16], environment: prod}\n  stage: {cidrs: [10.7.1.0/24], environment: stage}\n",
        );
        let joined: Vec<&(String, String)> = got.iter().filter(|(a, b)| a != b).collect();
        assert!(joined.is_empty(), "{joined:?}");
    }
}
