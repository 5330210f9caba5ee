//! The plan as one host's firewall sees it: the rules its `input` and `output` need, per IP
//! family. Shared by nftables, iptables, firewalld and ufw (and by the parse-back proofs).

use std::net::IpAddr;

use ipnet::IpNet;

use crate::model::{PortRange, Transport};
use crate::plan::{Endpoint, Flow, FlowPlan, HostRef};

pub use crate::model::IpFamily as Family;

/// Which chain: traffic to the host, or from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Way {
    In,
    Out,
}

impl Way {
    pub fn as_str(self) -> &'static str {
        match self {
            Way::In => "in",
            Way::Out => "out",
        }
    }
}

/// One allow rule on one host for one family.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostRule<'p> {
    pub flow: &'p Flow,
    pub way: Way,
    pub family: Family,
    /// This host's addresses the rule applies to (destination for `In`, source for `Out`),
    /// aggregated.
    pub local: Vec<IpNet>,
    /// The other side, aggregated; `None` for any address.
    pub peer: Option<Vec<IpNet>>,
    pub ports: PortRange,
    pub transport: Transport,
}

/// The host's addresses inside `endpoint`, when the endpoint contains the host.
fn local_part(plan: &FlowPlan, endpoint: &Endpoint, host: &HostRef) -> Option<Vec<IpAddr>> {
    match endpoint {
        Endpoint::Any => Some(host.addresses.clone()),
        Endpoint::Host(h) => (h.name == host.name).then(|| host.addresses.clone()),
        Endpoint::Group { .. } => plan.hosts(endpoint).iter().any(|m| m.name == host.name).then(|| host.addresses.clone()),
        Endpoint::Zone { cidrs, .. } => {
            let inside: Vec<IpAddr> = host.addresses.iter().copied().filter(|a| cidrs.iter().any(|c| c.contains(a))).collect();
            (!inside.is_empty()).then_some(inside)
        }
    }
}

/// Aggregated nets of one family.
pub fn nets_of(nets: &[IpNet], family: Family) -> Vec<IpNet> {
    let chosen: Vec<IpNet> = nets.iter().filter(|n| Family::of(n) == family).map(IpNet::trunc).collect();
    IpNet::aggregate(&chosen)
}

/// Every rule `host` needs, in plan order: for each flow, `In` (the host is the destination)
/// then `Out` (the host is inside the source), IPv4 before IPv6. A flow only reaches the
/// host's `In` when its destination is the host or a group holding it (a flow *to* a zone or
/// any is someone's egress, not an invitation to every host in that zone).
pub fn host_rules<'p>(plan: &'p FlowPlan, host: &HostRef) -> Vec<HostRule<'p>> {
    let mut rules = Vec::new();
    for flow in &plan.flows {
        let destination_is_host = matches!(flow.destination, Endpoint::Host(_) | Endpoint::Group { .. });
        let sides = [
            (Way::In, destination_is_host.then(|| local_part(plan, &flow.destination, host)).flatten(), &flow.source),
            (Way::Out, local_part(plan, &flow.source, host), &flow.destination),
        ];
        for (way, local, other) in sides {
            let Some(local) = local else { continue };
            // Traffic from the host to itself stays on loopback.
            if way == Way::Out && matches!(&flow.destination, Endpoint::Host(h) if h.name == host.name) {
                continue;
            }
            let local_nets: Vec<IpNet> = local.iter().map(|a| IpNet::from(*a)).collect();
            let peer_nets = plan.networks(other);
            for family in Family::BOTH {
                let local = nets_of(&local_nets, family);
                if local.is_empty() {
                    continue;
                }
                let peer = match &peer_nets {
                    None => None,
                    Some(nets) => {
                        let nets = nets_of(nets, family);
                        if nets.is_empty() {
                            continue;
                        }
                        Some(nets)
                    }
                };
                rules.push(HostRule { flow, way, family, local, peer, ports: flow.ports, transport: flow.transport });
            }
        }
    }
    rules
}

/// The comment carried by a rule: its requirement ids, cut to `max` bytes with a `+N` count of
/// what did not fit (the full list is then on a `# requirements:` line above the rule).
pub fn rule_comment(requirements: &[String], max: usize) -> (String, bool) {
    let full = super::quote::safe_comment(&requirements.join(" "), usize::MAX);
    if full.len() <= max {
        return (full, false);
    }
    let mut kept: Vec<&str> = Vec::new();
    for (i, id) in requirements.iter().enumerate() {
        let rest = requirements.len() - i - 1;
        let candidate = format!("{} {id} +{rest}", kept.join(" "));
        if candidate.trim().len() > max {
            break;
        }
        kept.push(id);
    }
    let rest = requirements.len() - kept.len();
    (super::quote::safe_comment(&format!("{} +{rest}", kept.join(" ")), max), true)
}

/// The `#` lines that explain a rule: the flow and, when the rule comment had to be cut, the
/// complete list of requirement ids.
pub fn explain(rule: &HostRule<'_>, cut: bool) -> Vec<String> {
    let flow = rule.flow;
    let mut lines = vec![super::quote::hash_comment(&format!(
        "{} -> {} {}/{} ({}): {}",
        flow.source.label(),
        flow.destination.label(),
        flow.ports,
        flow.transport,
        rule.way.as_str(),
        flow.justification
    ))];
    if cut {
        lines.push(format!("# requirements: {}", super::quote::safe_comment(&flow.requirements.join(" "), usize::MAX)));
    }
    lines
}
