//! Imported rulesets into the topology's policy, so they go through the very checks `policy:`
//! goes through (P050-P053) with findings at the imported file's lines.
//!
//! A host firewall decides what its host accepts: each accepted box becomes a rule `to` that
//! host. Traffic to hosts without an imported ruleset is not audited when the topology has no
//! `policy:`: the planned flows to them are allowed by "unaudited" rules whose findings are
//! dropped (they never reach an audited host: their destinations leave those hosts out).

use super::flatten::Allowed;
use super::region::{Region, nets_of};
use crate::check::space::AddressSet;
use crate::data::Position;
use crate::diagnostic::SourceLocation;
use crate::plan::{Endpoint, Flow, FlowPlan};
use crate::topology::{Host, Located, PolicyEndpoint, PolicyRule, PortSpec};

/// The file name of the rules that stand for hosts nobody imported a ruleset for.
pub const UNAUDITED: &str = "<unaudited hosts>";

/// The policy rules one host's accepted traffic makes (none for traffic to other addresses).
/// `own` is every address the host answers on ([`AddressSet::of_host`]: a VIP it holds too),
/// which its name stands for in the policy.
pub fn host_rules(
    host: &Host,
    own: &AddressSet,
    file: &str,
    allowed: &[Allowed],
) -> Vec<PolicyRule> {
    let mut rules = Vec::new();
    for (at, region) in coalesced(allowed, own) {
        let destinations = region.destinations.clone();
        let to = if destinations == *own {
            vec![PolicyEndpoint::Name(host.name.clone())]
        } else {
            nets_of(&destinations).into_iter().map(PolicyEndpoint::Cidr).collect()
        };
        let mut rule = rule(at, file, sources(&region), to, &region);
        rule.held_by = vec![host.name.clone()];
        rules.push(rule);
    }
    rules
}

/// What reaches the host of each accepted piece, the pieces of one rule joined wherever
/// their union is one box, in the order of the first piece of each.
/// Regression: Cilium's mark accept, reached once per way its mark may have been set
/// (mangle's MARK, TPROXY, its eBPF programs), made the same rule two or three times, each
/// with its own P052, and the accepts after it P053 twice.
fn coalesced(allowed: &[Allowed], own: &AddressSet) -> Vec<(Position, Region)> {
    let mut out: Vec<(Position, Region)> = Vec::new();
    for a in allowed {
        let destinations = a.region.destinations.intersection(own);
        // Nothing of it reaches this host (or only from the other IP family).
        let mut region = Region { destinations, ..a.region.clone() };
        if region.is_empty() {
            continue;
        }
        // A joined box may join another piece of the same rule in turn; the rule keeps the
        // place of its earliest piece.
        let mut place: Option<usize> = None;
        while let Some(index) =
            out.iter().position(|(at, piece)| *at == a.at && piece.union_exact(&region).is_some())
        {
            let (_, piece) = out.remove(index);
            region = piece.union_exact(&region).unwrap_or(region);
            place = Some(place.map_or(index, |p| p.min(index)));
        }
        match place {
            Some(index) => out.insert(index.min(out.len()), (a.at, region)),
            None => out.push((a.at, region)),
        }
    }
    out
}

fn sources(region: &Region) -> Vec<PolicyEndpoint> {
    if region.sources == AddressSet::everything() {
        vec![PolicyEndpoint::Any]
    } else {
        nets_of(&region.sources).into_iter().map(PolicyEndpoint::Cidr).collect()
    }
}

fn rule(
    at: Position,
    file: &str,
    from: Vec<PolicyEndpoint>,
    to: Vec<PolicyEndpoint>,
    region: &Region,
) -> PolicyRule {
    let located = |e: PolicyEndpoint| Located::new(e, at);
    let ports = region
        .ports
        .iter()
        .flat_map(|range| {
            region
                .transports
                .iter()
                .map(move |t| Located::new(PortSpec { ports: *range, transport: (*t).into() }, at))
        })
        .collect();
    PolicyRule {
        position: at,
        name: None,
        from: from.into_iter().map(located).collect(),
        to: to.into_iter().map(located).collect(),
        ports,
        origin: Some(SourceLocation::new(file, at.line, at.column)),
        held_by: Vec::new(),
    }
}

/// Rules that let every planned flow to a host without a ruleset through, and nothing to the
/// audited hosts.
pub fn unaudited_rules(plan: &FlowPlan, audited: &[&str]) -> Vec<PolicyRule> {
    let at = Position { line: 1, column: 1 };
    let mut out = Vec::new();
    for flow in &plan.flows {
        let Some(to) = destination(plan, flow, audited) else {
            continue;
        };
        let from = endpoint(plan, &flow.source);
        // Each destination host's own stand-in, as an imported ruleset would be: by address
        // alone, the stand-in for the unaudited holder of a VIP let the flows to the audited
        // holder's copy of the address through.
        let held_by: Vec<String> = match flow.destination {
            Endpoint::Host(_) | Endpoint::Group { .. } => to
                .iter()
                .filter_map(|e| match e {
                    PolicyEndpoint::Name(name) => Some(name.clone()),
                    _ => None,
                })
                .collect(),
            Endpoint::Any | Endpoint::Zone { .. } => Vec::new(),
        };
        let region = Region {
            sources: AddressSet::everything(),
            destinations: AddressSet::everything(),
            ports: vec![flow.ports],
            transports: vec![flow.transport],
        };
        let mut rule = rule(at, UNAUDITED, from, to, &region);
        rule.held_by = held_by;
        out.push(rule);
    }
    out
}

fn endpoint(plan: &FlowPlan, e: &Endpoint) -> Vec<PolicyEndpoint> {
    match e {
        Endpoint::Any => vec![PolicyEndpoint::Any],
        Endpoint::Zone { name, .. } => vec![PolicyEndpoint::Name(name.to_string())],
        Endpoint::Host(h) => vec![PolicyEndpoint::Name(h.name.clone())],
        Endpoint::Group { .. } => {
            plan.hosts(e).iter().map(|h| PolicyEndpoint::Name(h.name.clone())).collect()
        }
    }
}

/// A flow's destination without the audited hosts (`None` when nothing is left). A flow to
/// a zone or to any is its sources' egress, which no host's input decides (the host firewalls
/// Portolan writes read it so too): its stand-in keeps allowing all of it, audited hosts in
/// the zone included. So a missing input rule for a host flow that a zone flow of the same
/// source and port also reaches is not reported.
fn destination(plan: &FlowPlan, flow: &Flow, audited: &[&str]) -> Option<Vec<PolicyEndpoint>> {
    match &flow.destination {
        Endpoint::Any => Some(vec![PolicyEndpoint::Any]),
        Endpoint::Zone { name, .. } => Some(vec![PolicyEndpoint::Name(name.to_string())]),
        Endpoint::Host(h) => (!audited.contains(&h.name.as_str()))
            .then(|| vec![PolicyEndpoint::Name(h.name.clone())]),
        Endpoint::Group { .. } => {
            let names: Vec<PolicyEndpoint> = plan
                .hosts(&flow.destination)
                .iter()
                .filter(|h| !audited.contains(&h.name.as_str()))
                .map(|h| PolicyEndpoint::Name(h.name.clone()))
                .collect();
            (!names.is_empty()).then_some(names)
        }
    }
}
