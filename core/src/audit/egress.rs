//! What a host's own egress policies deny of the flows it must start. Host firewalls are
//! audited at the destination's input; Kubernetes', Calico's and Cilium's policies also
//! restrict what a pod may send, and a required flow they stop on its way out is as blocked as
//! one its destination drops: a P050 at the deny that stops it.
//!
//! The readers ([`super::netpol::read_egress`]) give the egress rules as input chains with the
//! peer in `sources` and the host's own side in `destinations`, so [`super::flatten`] walks
//! them unchanged; a planned flow from the host is then a region to be covered by what they
//! accept.

use super::flatten;
use super::model::{Note, Ruleset, Verdict};
use super::region::Region;
use crate::check::Finding;
use crate::check::space::AddressSet;
use crate::data::Position;
use crate::diagnostic::SourceLocation;
use crate::model::{Catalog, Necessity};
use crate::plan::{Endpoint, Flow, FlowPlan};

const FLOW_BLOCKED: &str = "P050-flow-blocked";

/// The findings for the planned flows from `host` that `egress` does not let out, and the
/// notes walking it made.
pub fn blocked(
    catalog: &Catalog,
    plan: &FlowPlan,
    host: &str,
    own: &AddressSet,
    egress: &Ruleset,
    file: &str,
) -> (Vec<Finding>, Vec<Note>) {
    if egress.chains.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let (allowed, notes) = flatten::allowed_on(egress, own, &[]);
    let mut findings = Vec::new();
    for flow in &plan.flows {
        if !plan.hosts(&flow.source).iter().any(|h| h.name == host) {
            continue;
        }
        let wanted = Region {
            sources: peer(plan, &flow.destination),
            destinations: own.clone(),
            ports: vec![flow.ports],
            transports: vec![flow.transport],
        };
        if wanted.is_empty() {
            continue;
        }
        let mut left = vec![wanted.clone()];
        for a in &allowed {
            // (What is left may be a family no side pairs: nothing.)
            left = left.iter().flat_map(|r| r.minus(&a.region)).filter(|r| !r.is_empty()).collect();
            if left.is_empty() {
                break;
            }
        }
        if left.is_empty() {
            continue;
        }
        let wholly = left.len() == 1 && left.first() == Some(&wanted);
        let at = deciding_deny(egress, &wanted);
        findings.push(finding(
            catalog,
            flow,
            host,
            wholly,
            SourceLocation::new(file, at.line, at.column),
        ));
    }
    (findings, notes)
}

/// The addresses of a flow's destination (the peer, in the egress chains' `sources`).
fn peer(plan: &FlowPlan, endpoint: &Endpoint) -> AddressSet {
    match endpoint {
        Endpoint::Any => AddressSet::everything(),
        Endpoint::Zone { cidrs, .. } => AddressSet::from_nets(cidrs.iter().copied()),
        other => AddressSet::from_nets(
            plan.hosts(other)
                .iter()
                .flat_map(|h| h.addresses.iter().map(|a| ipnet::IpNet::from(*a))),
        ),
    }
}

/// Where the flow is denied: the first deny that concerns it, else the first chain's policy
/// that drops (the policy selecting the host).
fn deciding_deny(egress: &Ruleset, wanted: &Region) -> Position {
    let rules = egress.chains.iter().flat_map(|c| &c.rules);
    let mut denies = rules.filter(|r| r.verdict == Verdict::Drop);
    if let Some(rule) = denies.find(|r| !Region::of(&r.matcher).intersection(wanted).is_empty()) {
        return rule.at;
    }
    egress
        .chains
        .iter()
        .filter_map(|c| c.policy.as_ref())
        .find(|(v, _)| *v == Verdict::Drop)
        .map_or(Position { line: 1, column: 1 }, |(_, at)| *at)
}

fn finding(
    catalog: &Catalog,
    flow: &Flow,
    host: &str,
    wholly: bool,
    at: SourceLocation,
) -> Finding {
    let message = format!(
        "the egress policies of host {host} {} {} → {} on {}/{} ({}): {host} may not send it, whatever its destination allows",
        if wholly { "do not allow" } else { "do not fully allow" },
        flow.source.label(),
        flow.destination.label(),
        flow.ports,
        flow.transport,
        flow.necessity.as_str(),
    );
    let finding = if flow.necessity == Necessity::Required {
        Finding::error(FLOW_BLOCKED, message)
    } else {
        Finding::warning(FLOW_BLOCKED, message)
    };
    finding
        .at(at)
        .requirements(flow.requirements.iter().filter_map(|id| catalog.requirement(id)))
        .help(format!(
            "add an egress rule to the policy that selects {host}: to {} on {}/{} ({})",
            flow.destination.name(),
            flow.ports,
            flow.transport,
            flow.justification
        ))
}
