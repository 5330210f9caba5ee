//! The plan as one host's firewall sees it: the rules its `input` and `output` need, per IP
//! family. Shared by nftables, iptables, firewalld and ufw (and by the parse-back proofs).

use std::net::IpAddr;

use ipnet::IpNet;

use super::index::ZoneOwners;
use crate::model::{PortRange, Transport};
use crate::plan::{Endpoint, Flow, FlowPlan, HostRef};
use crate::topology::Topology;

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

/// The host's addresses inside `endpoint`, when the endpoint contains the host: all of them
/// for any, the host itself or a group holding it; for a zone, those that belong to the zone
/// (its most specific zone: see [`ZoneOwners`]).
fn local_part(
    groups: &[&str],
    zones: &ZoneOwners<'_>,
    endpoint: &Endpoint,
    host: &HostRef,
) -> Option<Vec<IpAddr>> {
    match endpoint {
        Endpoint::Any => Some(host.addresses.clone()),
        // The flow's own addresses: a host on several legs is reached on some of them only.
        Endpoint::Host(h) => (h.name == host.name).then(|| h.addresses.clone()),
        Endpoint::Group { name } => groups.contains(&&**name).then(|| host.addresses.clone()),
        Endpoint::Zone { name, .. } => {
            let inside = zones.addresses_in(host, name);
            (!inside.is_empty()).then_some(inside)
        }
    }
}

/// Aggregated nets of one family.
pub fn nets_of(nets: &[IpNet], family: Family) -> Vec<IpNet> {
    let chosen: Vec<IpNet> =
        nets.iter().filter(|n| Family::of(n) == family).map(IpNet::trunc).collect();
    IpNet::aggregate(&chosen)
}

/// Every rule `host` needs, in plan order: for each flow, `In` (the host is the destination)
/// then `Out` (the host is inside the source), IPv4 before IPv6. A flow only reaches the
/// host's `In` when its destination is the host or a group holding it (a flow *to* a zone or
/// any is someone's egress, not an invitation to every host in that zone).
pub fn host_rules<'p>(
    plan: &'p FlowPlan,
    topology: &Topology,
    host: &HostRef,
) -> Vec<HostRule<'p>> {
    let all: Vec<usize> = (0..plan.flows.len()).collect();
    let index = super::index::PlanIndex::new(plan);
    let zones = ZoneOwners::new(topology);
    rules_among(plan, &zones, host, index.groups_of(&host.name), &all, &mut PeerCache::default())
}

/// The hosts a host-firewall target writes (topology order) with their rules. The flows that
/// touch each host are found in one pass over the plan, and each flow's peer networks are
/// computed once, so writing every host costs what the files hold, not hosts × flows.
pub fn per_host<'p>(input: &super::Input<'p>) -> Vec<(HostRef, Vec<HostRule<'p>>)> {
    let plan = input.plan;
    let hosts = super::selected_hosts(input);
    let position: rustc_hash::FxHashMap<&str, usize> =
        hosts.iter().enumerate().map(|(i, h)| (h.name.as_str(), i)).collect();
    let index = super::index::PlanIndex::new(plan);
    let zones = ZoneOwners::new(input.topology);
    let mut touching: Vec<Vec<usize>> = vec![Vec::new(); hosts.len()];
    let mut zone_hosts: rustc_hash::FxHashMap<&str, Vec<usize>> = rustc_hash::FxHashMap::default();
    let touch = |list: &mut Vec<usize>, flow: usize| {
        if list.last() != Some(&flow) {
            list.push(flow);
        }
    };
    for (i, flow) in plan.flows.iter().enumerate() {
        for host in index.hosts(&flow.destination) {
            if let Some(&h) = position.get(&*host.name) {
                touch(&mut touching[h], i);
            }
        }
        match &flow.source {
            Endpoint::Any => (0..hosts.len()).for_each(|h| touch(&mut touching[h], i)),
            Endpoint::Zone { name, .. } => {
                let inside = zone_hosts.entry(name).or_insert_with(|| {
                    (0..hosts.len())
                        .filter(|&h| !zones.addresses_in(&hosts[h], name).is_empty())
                        .collect()
                });
                inside.iter().for_each(|&h| touch(&mut touching[h], i));
            }
            source => {
                for host in index.hosts(source) {
                    if let Some(&h) = position.get(&*host.name) {
                        touch(&mut touching[h], i);
                    }
                }
            }
        }
    }
    let mut cache = PeerCache::default();
    hosts
        .into_iter()
        .zip(touching)
        .map(|(host, flows)| {
            let mut rules =
                rules_among(plan, &zones, &host, index.groups_of(&host.name), &flows, &mut cache);
            // Management access first: a load cut short still keeps the operator's way in.
            crate::order::sort_by(&mut rules, &|a, b| {
                let management = |r: &HostRule<'_>| crate::plan::access::is_management(r.flow);
                management(b).cmp(&management(a))
            });
            (host, rules)
        })
        .collect()
}

/// Each flow's peer networks per side and family, computed once for all hosts.
#[derive(Default)]
struct PeerCache {
    /// (flow, side is the source) → `None` for any, else the aggregated nets per family.
    nets: rustc_hash::FxHashMap<(usize, bool), Option<[Vec<IpNet>; 2]>>,
}

impl PeerCache {
    fn get(&mut self, plan: &FlowPlan, flow: usize, source: bool) -> Option<&[Vec<IpNet>; 2]> {
        self.nets
            .entry((flow, source))
            .or_insert_with(|| {
                let f = &plan.flows[flow];
                let endpoint = if source { &f.source } else { &f.destination };
                plan.networks(endpoint)
                    .map(|nets| Family::BOTH.map(|family| nets_of(&nets, family)))
            })
            .as_ref()
    }
}

/// [`host_rules`] over the given flows (indices into the plan, ascending).
fn rules_among<'p>(
    plan: &'p FlowPlan,
    zones: &ZoneOwners<'_>,
    host: &HostRef,
    groups: &[&str],
    flows: &[usize],
    cache: &mut PeerCache,
) -> Vec<HostRule<'p>> {
    let mut rules = Vec::new();
    for &i in flows {
        let flow = &plan.flows[i];
        let destination_is_host =
            matches!(flow.destination, Endpoint::Host(_) | Endpoint::Group { .. });
        let sides = [
            (
                Way::In,
                destination_is_host
                    .then(|| local_part(groups, zones, &flow.destination, host))
                    .flatten(),
                true,
            ),
            (Way::Out, local_part(groups, zones, &flow.source, host), false),
        ];
        for (way, local, peer_is_source) in sides {
            let Some(local) = local else { continue };
            // Traffic from the host to itself stays on loopback.
            if way == Way::Out
                && matches!(&flow.destination, Endpoint::Host(h) if h.name == host.name)
            {
                continue;
            }
            let local_nets: Vec<IpNet> = local.iter().map(|a| IpNet::from(*a)).collect();
            for family in Family::BOTH {
                let local = nets_of(&local_nets, family);
                if local.is_empty() {
                    continue;
                }
                let peer = match cache.get(plan, i, peer_is_source) {
                    None => None,
                    Some(per_family) => {
                        let nets = &per_family[usize::from(family == Family::V6)];
                        if nets.is_empty() {
                            continue;
                        }
                        Some(nets.clone())
                    }
                };
                rules.push(HostRule {
                    flow,
                    way,
                    family,
                    local,
                    peer,
                    ports: flow.ports,
                    transport: flow.transport,
                });
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
        lines.push(format!(
            "# requirements: {}",
            super::quote::safe_comment(&flow.requirements.join(" "), usize::MAX)
        ));
    }
    lines
}
