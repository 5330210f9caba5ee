//! Lookups the emitters need, built once per plan, so that an emitter's work grows with the
//! flows and its own output, not with hosts × flows (the plan's own lookups are scans).

use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

use ipnet::IpNet;

use crate::model::IpFamily as Family;
use crate::plan::{Endpoint, FlowPlan, HostRef};
use crate::topology::Topology;

pub struct PlanIndex<'p> {
    pub plan: &'p FlowPlan,
    /// Host name → the plan groups holding it, in plan order.
    memberships: HashMap<&'p str, Vec<&'p str>>,
    /// Group name → whether its members have IPv4, IPv6 addresses.
    group_families: HashMap<&'p str, [bool; 2]>,
    /// Group name → the zones of its members, sorted, once each.
    group_zones: HashMap<&'p str, Vec<&'p str>>,
}

impl<'p> PlanIndex<'p> {
    pub fn new(plan: &'p FlowPlan) -> Self {
        let mut memberships: HashMap<&str, Vec<&str>> = HashMap::default();
        let mut group_families = HashMap::default();
        let mut group_zones = HashMap::default();
        for group in &plan.groups {
            let mut families = [false; 2];
            for member in &group.members {
                memberships.entry(member.name.as_str()).or_default().push(group.name.as_str());
                member.addresses.iter().for_each(|a| families[usize::from(a.is_ipv6())] = true);
            }
            group_families.insert(group.name.as_str(), families);
            let mut zones: Vec<&str> = group.members.iter().map(|m| m.zone.as_str()).collect();
            crate::order::sort_dedup(&mut zones);
            group_zones.insert(group.name.as_str(), zones);
        }
        Self { plan, memberships, group_families, group_zones }
    }

    /// The zones of a group's members, sorted, once each (none for an unknown name).
    pub fn group_zones(&self, group: &str) -> &[&'p str] {
        self.group_zones.get(group).map(Vec::as_slice).unwrap_or_default()
    }

    /// Whether an endpoint has an address of the family (any has both), in constant time for
    /// groups.
    pub fn has_family(&self, endpoint: &Endpoint, family: Family) -> bool {
        let v6 = family == Family::V6;
        match endpoint {
            Endpoint::Any => true,
            Endpoint::Zone { cidrs, .. } => cidrs.iter().any(|c| matches!(c, IpNet::V6(_)) == v6),
            Endpoint::Host(host) => host.addresses.iter().any(|a| a.is_ipv6() == v6),
            Endpoint::Group { name } => {
                self.group_families.get(&**name).is_some_and(|f| f[usize::from(v6)])
            }
        }
    }

    /// The members of a plan group (none for an unknown name).
    pub fn members(&self, group: &str) -> &'p [Arc<HostRef>] {
        // The plan indexes its groups by name itself.
        self.plan.group(group).map(|g| g.members.as_slice()).unwrap_or_default()
    }

    /// The plan groups holding `host`, in plan order.
    pub fn groups_of(&self, host: &str) -> &[&'p str] {
        self.memberships.get(host).map(Vec::as_slice).unwrap_or_default()
    }

    /// The hosts an endpoint of kind host or group stands for (none for zones and any).
    pub fn hosts(&self, endpoint: &'p Endpoint) -> &'p [Arc<HostRef>] {
        match endpoint {
            Endpoint::Host(host) => std::slice::from_ref(host),
            Endpoint::Group { name } => self.members(name),
            Endpoint::Any | Endpoint::Zone { .. } => &[],
        }
    }

    /// The networks an endpoint stands for: host addresses as /32 or /128; `None` for any.
    pub fn networks(&self, endpoint: &'p Endpoint) -> Option<Vec<IpNet>> {
        match endpoint {
            Endpoint::Any => None,
            Endpoint::Zone { cidrs, .. } => Some(cidrs.to_vec()),
            Endpoint::Host(_) | Endpoint::Group { .. } => Some(
                self.hosts(endpoint)
                    .iter()
                    .flat_map(|h| h.addresses.iter().map(|a| IpNet::from(*a)))
                    .collect(),
            ),
        }
    }
}

/// The zones of the topology: declared ones first, then zones only hosts name.
pub fn zone_names(topology: &Topology) -> Vec<&str> {
    let mut zones: Vec<&str> = topology.zones.iter().map(|z| z.name.as_str()).collect();
    let mut seen: rustc_hash::FxHashSet<&str> = zones.iter().copied().collect();
    for host in &topology.hosts {
        if seen.insert(&host.zone.value) {
            zones.push(&host.zone.value);
        }
    }
    zones
}

/// Which zone an address belongs to: the most specific zone network holding it (ties: the zone
/// declared first). `internet: 0.0.0.0/0` holds every address, but an internal host's address
/// belongs to its own zone, so a flow *from the internet* is not an allowance for every host to
/// send it (the checker's exposure audit reads zones the same way).
pub struct ZoneOwners<'t> {
    /// Every zone network with its zone, most specific first (stable: declaration order).
    nets: Vec<(IpNet, &'t str)>,
}

impl<'t> ZoneOwners<'t> {
    pub fn new(topology: &'t Topology) -> Self {
        let mut nets: Vec<(IpNet, &str)> = topology
            .zones
            .iter()
            .flat_map(|z| z.nets().map(move |n| (n.trunc(), z.name.as_str())))
            .collect();
        crate::order::sort_by(&mut nets, &|(a, _), (b, _)| b.prefix_len().cmp(&a.prefix_len()));
        Self { nets }
    }

    /// The zone an address belongs to, if any zone holds it.
    pub fn owner(&self, address: std::net::IpAddr) -> Option<&'t str> {
        self.nets.iter().find(|(n, _)| n.contains(&address)).map(|(_, zone)| *zone)
    }

    /// The zone an address belongs to when no other zone declares that same network (a /24
    /// declared as trusted servers and as an untrusted VPN pool belongs to neither here):
    /// what holds an address must not hang on the order zones were pasted in.
    pub fn sole_owner(&self, address: std::net::IpAddr) -> Option<&'t str> {
        let (net, zone) = self.nets.iter().find(|(n, _)| n.contains(&address))?;
        let twin = self.nets.iter().any(|(n, z)| n == net && z != zone);
        if twin { None } else { Some(*zone) }
    }

    /// The host's addresses that belong to `zone`.
    pub fn addresses_in(&self, host: &HostRef, zone: &str) -> Vec<std::net::IpAddr> {
        host.addresses.iter().copied().filter(|a| self.owner(*a) == Some(zone)).collect()
    }

    /// The zones the host's addresses belong to (its declared zone when none holds them), in
    /// address order, once each.
    pub fn zones_of<'h>(&self, host: &'h HostRef) -> Vec<&'h str>
    where
        't: 'h,
    {
        let mut zones: Vec<&'h str> = Vec::new();
        for address in &host.addresses {
            if let Some(zone) = self.owner(*address)
                && !zones.contains(&zone)
            {
                zones.push(zone);
            }
        }
        if zones.is_empty() {
            zones.push(&host.zone);
        }
        zones
    }
}

/// True when one of the host's addresses lies in one of the networks.
pub fn inside(host: &HostRef, cidrs: &[IpNet]) -> bool {
    host.addresses.iter().any(|a| cidrs.iter().any(|c| c.contains(a)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::HostGroup;

    fn host(name: &str, address: &str) -> HostRef {
        HostRef {
            name: name.to_owned(),
            zone: "z".to_owned(),
            addresses: vec![address.parse().expect("address")],
        }
    }

    #[test]
    fn groups_members_and_memberships_are_looked_up_by_name() {
        let plan = FlowPlan::new(
            vec![
                HostGroup {
                    name: "lm".to_owned(),
                    description: String::new(),
                    members: vec![host("a", "10.0.0.1").into(), host("b", "10.0.0.2").into()],
                },
                HostGroup {
                    name: "lm/cp".to_owned(),
                    description: String::new(),
                    members: vec![host("a", "10.0.0.1").into()],
                },
            ],
            Vec::new(),
            Vec::new(),
        );
        let index = PlanIndex::new(&plan);
        assert_eq!(index.members("lm").len(), 2);
        assert!(index.members("nope").is_empty());
        assert_eq!(index.groups_of("a"), ["lm", "lm/cp"]);
        assert_eq!(index.groups_of("b"), ["lm"]);
        let group = Endpoint::Group { name: "lm".into() };
        assert_eq!(index.networks(&group).map(|n| n.len()), Some(2));
        assert_eq!(index.networks(&Endpoint::Any), None);
        assert!(inside(&host("a", "10.0.0.1"), &["10.0.0.0/24".parse().expect("net")]));
        assert!(!inside(&host("a", "10.0.1.1"), &["10.0.0.0/24".parse().expect("net")]));
    }
}
