//! The addresses a trusted zone stands for as a flow's side: its networks without the
//! untrusted zones nested inside them. A guest Wi-Fi /24 marked untrusted inside the campus
//! /16 is not "the campus" (an address belongs to its most specific zone, as the policy checks
//! read it), so `clients: { x: [campus] }` must not let the guests in.

use ipnet::IpNet;

use super::{Topology, Zone};

/// `zone`'s networks as flows use them: for a trusted zone, minus every untrusted network
/// strictly inside one of them (a network equal to the zone's is a conflict left to the
/// checks, not a hole); an untrusted zone as written.
pub fn flow_nets(topology: &Topology, zone: &Zone) -> Vec<IpNet> {
    if zone.is_untrusted() {
        return zone.nets().collect();
    }
    let holes: Vec<IpNet> = topology.untrusted_zones().flat_map(Zone::nets).collect();
    let mut out = Vec::new();
    for net in zone.nets() {
        let inside: Vec<IpNet> = holes
            .iter()
            .copied()
            .filter(|h| net.contains(h) && h.prefix_len() > net.prefix_len())
            .collect();
        subtract(net, &inside, &mut out);
    }
    out
}

/// `net` without `holes` (all inside it), as whole CIDRs: halves are split until each one
/// is clear of holes or inside one. At most a prefix length of splits per hole.
fn subtract(net: IpNet, holes: &[IpNet], out: &mut Vec<IpNet>) {
    if holes.iter().any(|h| h.contains(&net)) {
        return;
    }
    let touching: Vec<IpNet> = holes.iter().copied().filter(|h| net.contains(h)).collect();
    if touching.is_empty() {
        out.push(net);
        return;
    }
    match net.subnets(net.prefix_len().saturating_add(1)) {
        Ok(halves) if net.prefix_len() < net.max_prefix_len() => {
            for half in halves {
                subtract(half, &touching, out);
            }
        }
        // A single address that is no hole (cannot happen: a hole inside it is itself).
        _ => out.push(net),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::topology::{Format, parse};

    fn topology(zones: &str) -> Topology {
        let text = format!("zones:\n{zones}hosts: {{}}\n");
        parse(&text, "t.yaml", Format::Yaml).expect("parses")
    }

    fn nets(t: &Topology, zone: &str) -> Vec<String> {
        flow_nets(t, t.zone(zone).expect("zone")).iter().map(ToString::to_string).collect()
    }

    #[test]
    fn an_untrusted_zone_inside_a_trusted_one_is_cut_out_exactly() {
        let t = topology(
            "  campus: {cidrs: [10.5.0.0/16, \"fd05::/48\"]}\n  guest: {cidrs: [10.5.9.0/24, \"fd05:0:0:9::/64\"], trust: untrusted}\n  lab: {cidrs: [10.5.7.0/24]}\n",
        );
        let got = nets(&t, "campus");
        // Everything of the /16 but the guest /24, and no more.
        let v4: Vec<IpNet> = got.iter().filter_map(|n| n.parse().ok()).collect();
        let guest: IpNet = "10.5.9.0/24".parse().expect("net");
        assert!(v4.iter().all(|n| !n.contains(&guest.network()) && !guest.contains(n)));
        let size = |n: &IpNet| match n {
            IpNet::V4(n) => 1u64 << (32 - n.prefix_len()),
            IpNet::V6(_) => 0,
        };
        assert_eq!(v4.iter().map(size).sum::<u64>(), 65536 - 256);
        assert!(got.iter().any(|n| n.starts_with("fd05:")));
        assert!(!got.iter().any(|n| n == "fd05:0:0:9::/64"));
        // A trusted zone nested in the campus is no hole; the untrusted zone is as written.
        assert!(got.iter().any(|n| n == "10.5.0.0/21"), "{got:?}");
        assert_eq!(nets(&t, "guest"), ["10.5.9.0/24", "fd05:0:0:9::/64"]);
    }

    #[test]
    fn the_internet_holding_everything_makes_no_hole_and_an_equal_range_is_no_hole() {
        let t = topology(
            "  internet: {cidrs: [0.0.0.0/0], trust: untrusted}\n  corp: {cidrs: [10.0.0.0/8]}\n  twin: {cidrs: [10.0.0.0/8], trust: untrusted}\n",
        );
        assert_eq!(nets(&t, "corp"), ["10.0.0.0/8"]);
    }
}
