//! Virtual addresses (`vips:`): the clients of a role reach the address, on the hosts that
//! hold it (a balancer, a keepalived pair), and those hosts reach the role's hosts from their
//! own addresses, on the same ports (the balanced connections and the health checks). So a
//! flow from a client to a host of the role becomes a flow to the VIP on each holder and one
//! from the holders to that host; flows from inside the platform (a node's kubelet, etcd)
//! stay direct. A holder that is itself a host of the role (keepalived on the members) takes
//! the clients on the address and needs no second flow. Said in a note per VIP, with VRRP,
//! which has no port, left to allow by hand. When the topology names the role's `clients`,
//! only they are routed: another party a row names (the operators administering each
//! DataPower box on 22 and 9090) keeps reaching each member on its own address, which a VIP on
//! the active member alone would cut off from the standby.

use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

use super::{Endpoint, Flow, FlowPlan, HostGroup, HostRef, NoteKind, PlanNote};
use crate::model::Catalog;
use crate::text::printable;
use crate::topology::{Topology, Vip};

/// The plan with the flows of each VIP's clients routed through it (unchanged without `vips`).
pub(super) fn through_vips(plan: FlowPlan, catalog: &Catalog, topology: &Topology) -> FlowPlan {
    if topology.vips.is_empty() {
        return plan;
    }
    let FlowPlan { mut groups, mut flows, mut notes, .. } = plan;
    for vip in &topology.vips {
        let Some(routed) = Routed::new(vip, topology) else { continue };
        let lookup = FlowPlan::new(groups.clone(), Vec::new(), Vec::new());
        // Tens of thousands of flows, groups of thousands of hosts: each group judged once.
        let role_ids: FxHashSet<&str> =
            catalog.requirements_of(&vip.role.value).map(|r| r.id.as_str()).collect();
        let mut members_of: FxHashMap<Arc<str>, bool> = FxHashMap::default();
        let mut client_of: FxHashMap<Arc<str>, bool> = FxHashMap::default();
        let mut kept = Vec::with_capacity(flows.len());
        // (source, holder, ports, transport) → the flow to the VIP, requirements united.
        // Every flow to a holder, with its key; sorted and united by key below (a vector, not a
        // map of its own type: the checker's wasm size).
        let mut to_vip: Vec<((Endpoint, String, String), Flow)> = Vec::new();
        let mut behind = Vec::new();
        for flow in flows {
            let of_role = flow.requirements.iter().any(|id| role_ids.contains(id.as_str()));
            if !of_role
                || !cached(&mut members_of, &flow.destination, |e| {
                    routed.reaches_members(e, &lookup)
                })
                || !cached(&mut client_of, &flow.source, |e| routed.is_client(e, &lookup))
            {
                kept.push(flow);
                continue;
            }
            for holder in &routed.holders {
                if matches!(&flow.source, Endpoint::Host(s) if s.name == holder.name) {
                    continue;
                }
                let key = (
                    flow.source.clone(),
                    holder.name.clone(),
                    format!("{}/{}", flow.ports, flow.transport),
                );
                let through = Flow {
                    destination: Endpoint::Host(holder.clone()),
                    justification: format!(
                        "{} (to VIP `{}`)",
                        flow.justification,
                        printable(&vip.name)
                    )
                    .into(),
                    ..flow.clone()
                };
                to_vip.push((key, through));
            }
            if let Some(group) = &routed.balancers {
                behind.push(Flow {
                    source: Endpoint::Group { name: group.name.as_str().into() },
                    justification: format!(
                        "{} (from the holders of VIP `{}`, on their own addresses: the balanced connections and the health checks)",
                        flow.justification,
                        printable(&vip.name)
                    )
                    .into(),
                    ..flow
                });
            }
        }
        // In key order, the first flow of each key kept with every requirement of the key.
        crate::order::sort_by(&mut to_vip, &|a, b| a.0.cmp(&b.0));
        let mut last: Option<(Endpoint, String, String)> = None;
        for (key, flow) in to_vip {
            match kept.last_mut() {
                Some(previous) if last.as_ref() == Some(&key) => {
                    previous.requirements = united(&previous.requirements, &flow.requirements);
                }
                _ => {
                    kept.push(flow);
                    last = Some(key);
                }
            }
        }
        kept.extend(behind);
        flows = kept;
        if let Some(group) = routed.balancers.clone()
            && !groups.iter().any(|g| g.name == group.name)
        {
            groups.push(group);
        }
        notes.push(routed.note(vip, topology));
    }
    crate::order::sort_by(&mut groups, &|a, b| a.name.cmp(&b.name));
    crate::order::sort_dedup(&mut notes);
    super::merge::sort_flows(&mut flows);
    FlowPlan::new(groups, flows, notes)
}

/// `judge(endpoint)`, remembered per group (hosts, zones and any are cheap to judge).
fn cached(
    memory: &mut FxHashMap<Arc<str>, bool>,
    endpoint: &Endpoint,
    judge: impl Fn(&Endpoint) -> bool,
) -> bool {
    match endpoint {
        Endpoint::Group { name } => *memory.entry(name.clone()).or_insert_with(|| judge(endpoint)),
        _ => judge(endpoint),
    }
}

fn united(a: &Arc<[String]>, b: &Arc<[String]>) -> Arc<[String]> {
    let mut all: Vec<String> = a.iter().chain(b.iter()).cloned().collect();
    crate::order::sort_dedup(&mut all);
    all.into()
}

/// One VIP, resolved against the topology.
struct Routed<'t> {
    /// Each holder with the VIP's addresses: where clients connect.
    holders: Vec<Arc<HostRef>>,
    /// The holders that are not hosts of the role, as a group with their own addresses: the
    /// source of the flows to the members. `None` when the members hold the address themselves.
    balancers: Option<HostGroup>,
    members: FxHashSet<&'t str>,
    /// The hosts holding any role of the role's platform, and the holders: not clients.
    inside: FxHashSet<&'t str>,
    /// The names in the role's `clients` entry, when it has one: the sources routed.
    clients: Option<FxHashSet<&'t str>>,
    topology: &'t Topology,
}

impl<'t> Routed<'t> {
    fn new(vip: &'t Vip, topology: &'t Topology) -> Option<Self> {
        let role = vip.role.value.as_str();
        let platform = role.split_once('/').map_or(role, |(p, _)| p);
        let holders: Vec<&crate::topology::Host> =
            vip.hosts.iter().filter_map(|h| topology.host(&h.value)).collect();
        // The role's hosts of the holders' environment(s) (zones' `environment`): a prod VIP
        // is never in front of stage's copy of the role.
        let environment = |host: &crate::topology::Host| {
            topology.zone(&host.zone.value).and_then(|z| z.environment.as_deref())
        };
        let served: FxHashSet<Option<&str>> = holders.iter().map(|h| environment(h)).collect();
        let members: FxHashSet<&str> = topology
            .hosts_with_role(role)
            .filter(|h| {
                let own = environment(h);
                own.is_none() || served.contains(&own) || served.contains(&None)
            })
            .map(|h| h.name.as_str())
            .collect();
        // Unknown names and an unplaced role are the checker's (P025); nothing to route.
        if members.is_empty() || holders.is_empty() || holders.len() < vip.hosts.len() {
            return None;
        }
        let addresses: Vec<_> = vip.addresses.iter().map(|a| a.value).collect();
        let on_vip = holders
            .iter()
            .map(|h| {
                Arc::new(HostRef {
                    name: h.name.clone(),
                    zone: h.zone.value.clone(),
                    addresses: addresses.clone(),
                })
            })
            .collect();
        let mut own: Vec<Arc<HostRef>> = holders
            .iter()
            .filter(|h| !members.contains(h.name.as_str()))
            .map(|h| Arc::new(HostRef::from_host(h)))
            .collect();
        crate::order::sort_by(&mut own, &Ord::cmp);
        let balancers = (!own.is_empty()).then(|| HostGroup {
            name: format!("vip:{}", vip.name),
            description: format!(
                "the hosts holding VIP `{}`, on their own addresses",
                printable(&vip.name)
            ),
            members: own,
        });
        let inside = topology
            .hosts
            .iter()
            .filter(|h| {
                h.roles.iter().any(|r| r.value.split_once('/').is_some_and(|(p, _)| p == platform))
            })
            .map(|h| h.name.as_str())
            .chain(holders.iter().map(|h| h.name.as_str()))
            .collect();
        let clients =
            topology.clients_of(role).map(|c| c.members.iter().map(|m| m.value.as_str()).collect());
        Some(Self { holders: on_vip, balancers, members, inside, clients, topology })
    }

    /// The destination is hosts of the role, all of them.
    fn reaches_members(&self, destination: &Endpoint, plan: &FlowPlan) -> bool {
        let hosts = plan.hosts(destination);
        !hosts.is_empty() && hosts.iter().all(|h| self.members.contains(h.name.as_str()))
    }

    /// The source is outside the platform: any address, a zone, or hosts none of which holds
    /// a role of the platform or the VIP.
    fn is_client(&self, source: &Endpoint, plan: &FlowPlan) -> bool {
        let outside = match source {
            Endpoint::Any | Endpoint::Zone { .. } => true,
            _ => plan.hosts(source).iter().all(|h| !self.inside.contains(h.name.as_str())),
        };
        outside && self.declared_client(source, plan)
    }

    /// Is the source within the role's `clients` entry (true when it has none)?
    fn declared_client(&self, source: &Endpoint, plan: &FlowPlan) -> bool {
        let Some(clients) = &self.clients else { return true };
        let named = |name: &str| clients.contains(name);
        if clients.iter().any(|c| c.eq_ignore_ascii_case("any")) {
            return true;
        }
        match source {
            Endpoint::Any => false,
            Endpoint::Zone { name, .. } if named(name) => true,
            Endpoint::Zone { .. } => false,
            Endpoint::Group { name } if named(name) => true,
            _ => {
                let hosts = plan.hosts(source);
                !hosts.is_empty()
                    && hosts.iter().all(|h| {
                        named(&h.name)
                            || named(&h.zone)
                            || self.topology.host(&h.name).is_some_and(|host| {
                                host.roles.iter().any(|r| {
                                    named(&r.value)
                                        || r.value.split_once('/').is_some_and(|(p, _)| named(p))
                                })
                            })
                    })
            }
        }
    }

    fn note(&self, vip: &Vip, topology: &Topology) -> PlanNote {
        let names = |hosts: &mut dyn Iterator<Item = &str>| {
            hosts.map(|h| format!("`{}`", printable(h))).collect::<Vec<_>>().join(", ")
        };
        let addresses: Vec<String> = vip.addresses.iter().map(|a| a.value.to_string()).collect();
        let holders = names(&mut self.holders.iter().map(|h| h.name.as_str()));
        let from = match &self.balancers {
            Some(group) => format!(
                "; {} reach the {} host(s) of {} from their own addresses on the same ports (the balanced connections and the health checks)",
                names(&mut group.members.iter().map(|m| m.name.as_str())),
                self.members.len(),
                vip.role.value
            ),
            None => {
                "; the holders are the role's own hosts, so nothing else reaches them".to_owned()
            }
        };
        let vrrp = if self.holders.len() > 1 {
            format!("; VRRP (IP protocol 112) between {holders} has no port: allow it by hand")
        } else {
            String::new()
        };
        PlanNote {
            kind: NoteKind::VipChosen,
            message: format!(
                "VIP `{}` ({}): the clients of {} reach it on {holders}{from}{vrrp}",
                printable(&vip.name),
                addresses.join(", "),
                vip.role.value
            ),
            requirement: None,
            location: Some(topology.location(vip.position)),
        }
    }
}
