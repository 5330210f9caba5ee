//! Hosts on several networks ([`crate::topology`]'s legs): an untrusted source is let in on
//! the legs in untrusted zones only. A balancer with a DMZ leg and an internal leg serves the
//! internet on its DMZ addresses; a flow from the internet planned to the whole host would open
//! its internal address to the internet too (host firewalls match the host's addresses).
//! Trusted sources keep every address: they may route to either leg (a pod calling the public
//! name reaches the DMZ address), and a row lost is an outage.
//!
//! A flow to such a host from an untrusted source gets a destination holding those addresses
//! only; one to a group holding such a host is split per member. A note per host says which
//! addresses, and that targets selecting a whole machine (cloud groups, tags, pods) cannot.

use std::collections::BTreeMap;
use std::net::IpAddr;
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

use super::{Endpoint, Flow, FlowPlan, HostRef, NoteKind, PlanNote};
use crate::text::printable;
use crate::topology::Topology;

/// A multi-leg host facing an untrusted zone: the destination untrusted sources get.
struct Facing {
    narrowed: Arc<HostRef>,
    note: PlanNote,
}

/// The plan with untrusted sources cut to the untrusted legs of the hosts they reach
/// (unchanged when no host has legs in an untrusted and a trusted zone).
pub(super) fn to_facing_legs(plan: FlowPlan, topology: &Topology) -> FlowPlan {
    let facing = facing_hosts(topology);
    if facing.is_empty() {
        return plan;
    }
    let FlowPlan { groups, flows, mut notes, .. } = plan;
    let lookup = FlowPlan::new(groups.clone(), Vec::new(), Vec::new());
    let mut used: BTreeMap<&str, &PlanNote> = BTreeMap::new();
    let mut mixed: BTreeMap<String, PlanNote> = BTreeMap::new();
    let mut out: Vec<Flow> = Vec::with_capacity(flows.len());
    let mut changed = false;
    let outside_only = untrusted_hosts(topology);
    for flow in flows {
        let source = source_trust(&flow.source, &lookup, topology, &outside_only);
        let narrow = |host: &Arc<HostRef>| facing.get(host.name.as_str());
        match (&flow.destination, source) {
            (Endpoint::Host(host), SourceTrust::Untrusted) => {
                if let Some(f) = narrow(host) {
                    used.insert(&f.narrowed.name, &f.note);
                    changed = true;
                    out.push(Flow { destination: Endpoint::Host(f.narrowed.clone()), ..flow });
                    continue;
                }
            }
            (Endpoint::Group { name }, SourceTrust::Untrusted) => {
                let members = lookup.group(name).map(|g| g.members.clone()).unwrap_or_default();
                if members.iter().any(|m| narrow(m).is_some()) {
                    changed = true;
                    for member in members {
                        let destination = match narrow(&member) {
                            Some(f) => {
                                used.insert(&f.narrowed.name, &f.note);
                                f.narrowed.clone()
                            }
                            None => member,
                        };
                        out.push(Flow { destination: Endpoint::Host(destination), ..flow.clone() });
                    }
                    continue;
                }
            }
            (destination, SourceTrust::Mixed) => {
                // A group of trusted and untrusted hosts: kept whole (cutting it would lose
                // the trusted members' rows), and said.
                for host in lookup.hosts(destination) {
                    if facing.contains_key(host.name.as_str()) {
                        mixed.entry(format!("{} {}", flow.source.name(), host.name)).or_insert_with(|| PlanNote {
                            kind: NoteKind::LegsChosen,
                            message: format!(
                                "{} holds hosts of trusted and of untrusted zones: its flows to host `{}` reach every leg of it, the internal one too; split the group (or name the hosts) to keep the untrusted ones on the DMZ leg",
                                flow.source,
                                printable(&host.name)
                            ),
                            requirement: None,
                            location: None,
                        });
                    }
                }
            }
            _ => {}
        }
        out.push(flow);
    }
    if !changed && mixed.is_empty() {
        return FlowPlan::new(groups, out, notes);
    }
    notes.extend(used.into_values().cloned());
    notes.extend(mixed.into_values());
    notes.sort();
    notes.dedup();
    crate::order::sort_by(&mut out, &|a, b| {
        (&a.destination, &a.source, a.transport, a.ports).cmp(&(
            &b.destination,
            &b.source,
            b.transport,
            b.ports,
        ))
    });
    FlowPlan::new(groups, out, notes)
}

/// Each host with a leg in an untrusted zone and one in a trusted zone, with the destination
/// untrusted sources get (its addresses on untrusted legs) and the note that says so.
fn facing_hosts(topology: &Topology) -> FxHashMap<&str, Facing> {
    let mut facing = FxHashMap::default();
    for host in &topology.hosts {
        let legs = topology.legs(host);
        let (outside, inside): (Vec<_>, Vec<_>) =
            legs.iter().filter(|(_, a)| !a.is_empty()).partition(|(z, _)| z.is_untrusted());
        if outside.is_empty() || inside.is_empty() {
            continue;
        }
        let open: Vec<IpAddr> = outside.iter().flat_map(|(_, a)| a.iter().copied()).collect();
        let closed: Vec<IpAddr> = inside.iter().flat_map(|(_, a)| a.iter().copied()).collect();
        let list = |a: &[IpAddr]| a.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
        let zones = |l: &[&(&crate::topology::Zone, Vec<IpAddr>)]| {
            l.iter()
                .map(|(z, _)| format!("`{}`", printable(&z.name)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let note = PlanNote {
            kind: NoteKind::LegsChosen,
            message: format!(
                "host `{}` has legs in untrusted {} and trusted {}: flows from untrusted sources reach it on {} only, never on {}; host firewalls (nftables, iptables, ufw, firewalld) match those addresses, targets that select the whole machine (security groups, NSGs, network tags, NetworkPolicies) cannot: there, give the untrusted leg its own group by hand",
                printable(&host.name),
                zones(&outside),
                zones(&inside),
                list(&open),
                list(&closed)
            ),
            requirement: None,
            location: Some(topology.location(host.position)),
        };
        let narrowed = Arc::new(HostRef {
            name: host.name.clone(),
            zone: host.zone.value.clone(),
            addresses: open,
        });
        facing.insert(host.name.as_str(), Facing { narrowed, note });
    }
    facing
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SourceTrust {
    Trusted,
    Untrusted,
    /// A group of both.
    Mixed,
}

/// Whether a flow's source is untrusted: any address, an untrusted zone (a CIDR: unless
/// trusted zones hold all of it), a host all of whose legs are untrusted.
fn source_trust(
    source: &Endpoint,
    plan: &FlowPlan,
    topology: &Topology,
    outside_only: &FxHashSet<&str>,
) -> SourceTrust {
    let host_untrusted = |name: &str| outside_only.contains(name);
    let untrusted = match source {
        Endpoint::Any => true,
        Endpoint::Zone { name, cidrs } => match topology.zone(name) {
            Some(zone) => zone.is_untrusted(),
            None => !cidrs
                .iter()
                .all(|c| topology.trusted_zones().any(|z| z.nets().any(|n| n.contains(c)))),
        },
        Endpoint::Host(host) => host_untrusted(&host.name),
        Endpoint::Group { name } => {
            let members = plan.group(name).map(|g| g.members.as_slice()).unwrap_or_default();
            let count = members.iter().filter(|m| host_untrusted(&m.name)).count();
            return match count {
                0 => SourceTrust::Trusted,
                n if n == members.len() => SourceTrust::Untrusted,
                _ => SourceTrust::Mixed,
            };
        }
    };
    if untrusted { SourceTrust::Untrusted } else { SourceTrust::Trusted }
}

/// The hosts all of whose legs are in untrusted zones (a DMZ machine, an internet client).
fn untrusted_hosts(topology: &Topology) -> FxHashSet<&str> {
    topology
        .hosts
        .iter()
        .filter(|h| {
            let legs = topology.legs(h);
            !legs.is_empty() && legs.iter().all(|(z, _)| z.is_untrusted())
        })
        .map(|h| h.name.as_str())
        .collect()
}
