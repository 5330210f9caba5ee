//! Which of a platform's own hosts a row with no stated peer loses when the topology's
//! declared `clients` of its component replace the narrow reading (the platform's hosts).
//! Regression: Ceph's `clients: { ceph/mon: [corp] }` left the OSD hosts out of the
//! monitors' 3300/6789 and nothing said so. The plan is unchanged; this only finds what the
//! note (P042) must name.

use rustc_hash::FxHashMap as HashMap;

use crate::topology::{Settlement, Topology, trusted_nets::flow_nets};

/// Hosts (indices, document order) the narrow reading would plan the row from for some
/// destination other than itself, that no declared client covers. `groups` are the hosts by role and by
/// platform, `platform_hosts` the row's platform's hosts, `destinations` the row's hosts, `network_of` a host's network.
pub(super) fn platform_hosts_left_out(
    topology: &Topology,
    settlement: &Settlement,
    groups: [&HashMap<&str, Vec<usize>>; 2],
    platform_hosts: &[usize],
    destinations: &[usize],
    network_of: impl Fn(usize) -> String,
) -> Vec<usize> {
    // The narrow reading: each destination is reached from the platform's hosts of its own
    // network when another one is there, else from all of them (as `peer_pairs` plans it).
    let mut sources: Vec<usize> = Vec::new();
    for &d in destinations {
        let net = network_of(d);
        let local: Vec<usize> =
            platform_hosts.iter().copied().filter(|&h| network_of(h) == net).collect();
        let from = if local.iter().any(|&h| h != d) && local.len() < platform_hosts.len() {
            local
        } else {
            platform_hosts.to_vec()
        };
        sources.extend(from.into_iter().filter(|&h| h != d));
    }
    let mut out: Vec<usize> = Vec::new();
    for &h in platform_hosts {
        if sources.contains(&h) && !out.contains(&h) && !covered(topology, settlement, groups, h) {
            out.push(h);
        }
    }
    out
}

/// Does a declared client (any, a zone holding one of its addresses, the host, one of its
/// roles, its platform) stand for host `h`? Unknown names cover nothing.
fn covered(
    topology: &Topology,
    settlement: &Settlement,
    groups: [&HashMap<&str, Vec<usize>>; 2],
    h: usize,
) -> bool {
    let Some(host) = topology.hosts.get(h) else { return false };
    settlement.members.iter().any(|m| {
        let name = m.value.trim();
        if name.eq_ignore_ascii_case("any") {
            return true;
        }
        // Same order as the planner reads a name: zone, host, role, platform.
        if let Some(zone) = topology.zone(name) {
            let nets = flow_nets(topology, zone);
            return host.ips().any(|ip| nets.iter().any(|n| n.contains(&ip)));
        }
        if topology.host(name).is_some() {
            return host.name == name;
        }
        groups.iter().find_map(|g| g.get(name)).is_some_and(|hosts| hosts.contains(&h))
    })
}
