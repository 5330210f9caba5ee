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

use crate::order::insert_sorted;
use std::net::IpAddr;
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

use super::{Endpoint, Flow, FlowPlan, HostRef, NoteKind, PlanNote};
use crate::text::printable;
use crate::topology::Topology;

/// A multi-leg host facing an untrusted zone: the destination untrusted sources get, and the
/// source its flows to trusted hosts leave from (its trusted legs' addresses).
struct Facing {
    narrowed: Arc<HostRef>,
    note: PlanNote,
    inside: Arc<HostRef>,
    inside_note: PlanNote,
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
    // Maps as vectors sorted by key (`order::insert_sorted`): no B-tree type of their own.
    let mut used: Vec<(&str, &PlanNote)> = Vec::new();
    let mut used_inside: Vec<(&str, &PlanNote)> = Vec::new();
    let mut mixed: Vec<(String, PlanNote)> = Vec::new();
    let mut out: Vec<Flow> = Vec::with_capacity(flows.len());
    let mut changed = false;
    let outside_only = untrusted_hosts(topology);
    for flow in flows {
        let source = source_trust(&flow.source, &lookup, topology, &outside_only);
        let narrow = |host: &Arc<HostRef>| facing.get(host.name.as_str());
        match (&flow.destination, source) {
            (Endpoint::Host(host), SourceTrust::Untrusted) => {
                if let Some(f) = narrow(host) {
                    insert_sorted(&mut used, &f.narrowed.name, &f.note);
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
                        // A host never gets a flow to itself.
                        if matches!(&flow.source, Endpoint::Host(s) if s.name == member.name) {
                            continue;
                        }
                        let destination = match narrow(&member) {
                            Some(f) => {
                                insert_sorted(&mut used, &f.narrowed.name, &f.note);
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
                        let key = format!("{} {}", flow.source.name(), host.name);
                        if crate::order::get_sorted(&mixed, &key).is_some() {
                            continue;
                        }
                        insert_sorted(
                            &mut mixed,
                            key,
                            PlanNote {
                                kind: NoteKind::LegsChosen,
                                message: format!(
                                    "{} holds hosts of trusted and of untrusted zones: its flows to host `{}` reach every leg of it, the internal one too; split the group (or name the hosts) to keep the untrusted ones on the DMZ leg",
                                    flow.source,
                                    printable(&host.name)
                                ),
                                requirement: None,
                                location: None,
                            },
                        );
                    }
                }
            }
            _ => {}
        }
        // The host as a source: toward trusted hosts it leaves from its trusted legs only, as
        // it is reached; an address on the DMZ leg let into a kubelet or a database is one any
        // DMZ machine can claim (and the audit reads it as the DMZ reaching an internal port).
        if destination_trusted(&flow.destination, &lookup, &outside_only)
            && let Some(split) = from_inside_legs(&flow, &lookup, &facing, &mut used_inside)
        {
            changed = true;
            out.extend(split);
            continue;
        }
        out.push(flow);
    }
    notes.extend(used_inside.into_iter().map(|(_, note)| note.clone()));
    if !changed && mixed.is_empty() {
        return FlowPlan::new(groups, out, notes);
    }
    notes.extend(used.into_iter().map(|(_, note)| note.clone()));
    notes.extend(mixed.into_iter().map(|(_, note)| note));
    crate::order::sort_dedup(&mut notes);
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
        let inside_note = PlanNote {
            kind: NoteKind::LegsChosen,
            message: format!(
                "host `{}` reaches trusted hosts from {} only (its trusted legs), never from {} (its leg in untrusted {}): rules letting it in match those addresses",
                printable(&host.name),
                list(&closed),
                list(&open),
                zones(&outside)
            ),
            requirement: None,
            location: Some(topology.location(host.position)),
        };
        let narrowed = Arc::new(HostRef {
            name: host.name.clone(),
            zone: host.zone.value.clone(),
            addresses: open,
        });
        let inside = Arc::new(HostRef {
            name: host.name.clone(),
            zone: host.zone.value.clone(),
            addresses: closed,
        });
        facing.insert(host.name.as_str(), Facing { narrowed, note, inside, inside_note });
    }
    facing
}

/// Is the flow's destination on the trusted side: a trusted zone, or hosts none of which is
/// only in untrusted zones? Any address and untrusted zones are not.
fn destination_trusted(
    destination: &Endpoint,
    plan: &FlowPlan,
    outside_only: &FxHashSet<&str>,
) -> bool {
    match destination {
        Endpoint::Any => false,
        Endpoint::Zone { .. } => false,
        Endpoint::Host(host) => !outside_only.contains(host.name.as_str()),
        Endpoint::Group { .. } => {
            let members = plan.hosts(destination);
            !members.is_empty() && members.iter().all(|m| !outside_only.contains(m.name.as_str()))
        }
    }
}

/// The flow with each facing host among its sources narrowed to its trusted legs: a host
/// source replaced, a group split per member (`None`: no facing host among the sources).
fn from_inside_legs<'f>(
    flow: &Flow,
    plan: &FlowPlan,
    facing: &'f FxHashMap<&str, Facing>,
    used: &mut Vec<(&'f str, &'f PlanNote)>,
) -> Option<Vec<Flow>> {
    let mut inside = |host: &Arc<HostRef>| {
        let f = facing.get(host.name.as_str())?;
        insert_sorted(used, f.inside.name.as_str(), &f.inside_note);
        Some(f.inside.clone())
    };
    match &flow.source {
        Endpoint::Host(host) => {
            let source = inside(host)?;
            Some(vec![Flow { source: Endpoint::Host(source), ..flow.clone() }])
        }
        Endpoint::Group { name } => {
            let members = plan.group(name).map(|g| g.members.clone()).unwrap_or_default();
            if !members.iter().any(|m| facing.contains_key(m.name.as_str())) {
                return None;
            }
            let to_self = |m: &Arc<HostRef>| matches!(&flow.destination, Endpoint::Host(d) if d.name == m.name);
            let split = members
                .iter()
                .filter(|m| !to_self(m))
                .map(|m| {
                    let source = inside(m).unwrap_or_else(|| m.clone());
                    Flow { source: Endpoint::Host(source), ..flow.clone() }
                })
                .collect();
            Some(split)
        }
        Endpoint::Any | Endpoint::Zone { .. } => None,
    }
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

#[cfg(test)]
mod tests {
    use crate::model::Direction;
    use crate::plan::{NoteKind, plan};
    use crate::topology::Trust;
    use crate::topology::testkit::*;

    /// An agent in the DMZ and one in the LAN; two servers, srv1 with a DMZ leg.
    fn site() -> (crate::model::Catalog, crate::topology::Topology) {
        let cat = catalog(vec![platform(
            "lm",
            vec![
                with_peer(req("lm/agent", "r-1", "7000", "tcp", Direction::Outbound), "lm/server"),
                with_peer(req("lm/server", "r-2", "7100", "tcp", Direction::Inbound), "lm/agent"),
            ],
            &[],
        )]);
        let zones = vec![
            zone("dmz", &["192.0.2.0/28"], Trust::Untrusted),
            zone("lan", &["10.0.0.0/16"], Trust::Trusted),
        ];
        let hosts = vec![
            host("agent", "dmz", &["192.0.2.9"], &["lm/agent"]),
            host("srv1", "lan", &["10.0.0.1", "192.0.2.1"], &["lm/server"]),
            host("srv2", "lan", &["10.0.0.2"], &["lm/server"]),
        ];
        (cat, topology(zones, hosts))
    }

    /// (source, destination host, its addresses) of the flows on `port`.
    fn reached(plan: &crate::plan::FlowPlan, port: u16) -> Vec<(String, String, Vec<String>)> {
        let mut out: Vec<_> = plan
            .flows
            .iter()
            .filter(|f| f.ports.start() == port)
            .flat_map(|f| {
                plan.hosts(&f.destination).into_iter().map(move |h| {
                    let addresses = h.addresses.iter().map(ToString::to_string).collect();
                    (f.source.label(), h.name.clone(), addresses)
                })
            })
            .collect();
        out.sort();
        out
    }

    /// A DMZ agent's flows to the servers: srv1 on its DMZ leg only, srv2 (one network) as is.
    #[test]
    fn an_untrusted_source_gets_the_dmz_leg_only() {
        let (cat, topo) = site();
        let planned = plan(&cat, &topo);
        assert_eq!(
            reached(&planned, 7000),
            [
                ("host agent".to_owned(), "srv1".to_owned(), vec!["192.0.2.1".to_owned()]),
                ("host agent".to_owned(), "srv2".to_owned(), vec!["10.0.0.2".to_owned()]),
            ]
        );
        assert!(
            planned
                .notes
                .iter()
                .any(|n| n.kind == NoteKind::LegsChosen && n.message.contains("never on 10.0.0.1"))
        );
    }

    /// Regression: a host with a DMZ leg, as the source of a flow to a trusted host, left
    /// from every address, its DMZ one too: the server let in an address any DMZ machine can
    /// claim. It now leaves from its trusted legs only, and a note says so.
    #[test]
    fn a_host_with_a_dmz_leg_reaches_trusted_hosts_from_its_trusted_legs_only() {
        let (cat, _) = site();
        let zones = vec![
            zone("dmz", &["192.0.2.0/28"], Trust::Untrusted),
            zone("lan", &["10.0.0.0/16"], Trust::Trusted),
        ];
        let hosts = vec![
            host("edge", "lan", &["10.0.0.1", "192.0.2.1"], &["lm/agent"]),
            host("srv", "lan", &["10.0.0.2"], &["lm/server"]),
        ];
        let planned = plan(&cat, &topology(zones, hosts));
        let sources: Vec<Vec<String>> = planned
            .flows
            .iter()
            .filter(|f| f.destination.name() == "srv")
            .map(|f| {
                planned
                    .hosts(&f.source)
                    .iter()
                    .flat_map(|h| h.addresses.iter().map(ToString::to_string))
                    .collect()
            })
            .collect();
        assert!(!sources.is_empty());
        assert!(sources.iter().all(|s| s == &["10.0.0.1"]), "{sources:?}");
        assert!(
            planned.notes.iter().any(|n| n.message.contains("never from 192.0.2.1")),
            "{:#?}",
            planned.notes
        );
    }

    /// A source group of DMZ and LAN hosts keeps every leg (cutting it would cut the LAN
    /// member's row), and a note says the internal leg is reached from the DMZ member too.
    #[test]
    fn a_group_of_trusted_and_untrusted_sources_keeps_every_leg_and_says_so() {
        let (cat, mut topo) = site();
        topo.hosts.push(host("agent2", "lan", &["10.0.0.9"], &["lm/agent"]));
        let planned = plan(&cat, &topo);
        let to_srv1: Vec<_> =
            reached(&planned, 7100).into_iter().filter(|(_, h, _)| h == "srv1").collect();
        assert!(!to_srv1.is_empty());
        assert!(to_srv1.iter().all(|(_, _, a)| a.len() == 2), "{to_srv1:?}");
        assert!(
            planned
                .notes
                .iter()
                .any(|n| n.message.contains("trusted and of untrusted")
                    && n.message.contains("`srv1`")),
            "{:#?}",
            planned.notes
        );
    }
}
