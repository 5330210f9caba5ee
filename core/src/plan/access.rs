//! Management access and baseline egress as planned flows, beside the catalog's.
//!
//! Host firewalls deny in and out by default, so a host that applies them keeps only what the
//! plan names: without these flows the operator's SSH session and the host's own name
//! resolution and clock are cut. They come from the topology, not the catalog:
//!
//! - **management**: each `management` entry is a flow from its sources to its hosts (every
//!   host when it names none) on its ports (22/tcp by default), justified "management access,
//!   topology line N". No entry: a note saying that rules generated from this plan cut SSH.
//! - **egress**: each `egress` entry is a flow from its hosts (every host) to its
//!   destinations. DNS (53/udp and 53/tcp) and NTP (123/udp) are allowed to any address when
//!   no entry names them, with a note: name your resolvers and time servers to narrow them.
//!   An `egress: []` written out closes them instead (a site whose hosts reach nothing else,
//!   a restricted or air-gapped one), with a note that says what that cuts.
//!
//! Their requirement ids start with [`ID_PREFIX`] (`topology:management`…): they are the
//! topology's, not catalog requirements, and emitters link them to the topology, not a page.

use std::sync::Arc;

use ipnet::IpNet;

use super::{Endpoint, Flow, FlowPlan, HostGroup, HostRef, NoteKind, PlanNote};
use crate::model::{Necessity, PortRange, Transport, Transports};
use crate::topology::{Access, PolicyEndpoint, PortSpec, Topology};

/// What every access flow's requirement ids start with.
pub const ID_PREFIX: &str = "topology:";
pub const MANAGEMENT_ID: &str = "topology:management";
pub const EGRESS_ID: &str = "topology:egress";
pub const DNS_ID: &str = "topology:dns";
pub const NTP_ID: &str = "topology:ntp";
/// Flows to a `services` listener from the peers its `from` names.
pub const SERVICE_ID: &str = "topology:service";

/// Is `id` one of the topology's access ids rather than a catalog requirement?
pub fn is_access_id(id: &str) -> bool {
    id.starts_with(ID_PREFIX)
}

/// Is the flow management access (its ids include [`MANAGEMENT_ID`])?
pub fn is_management(flow: &Flow) -> bool {
    flow.requirements.iter().any(|id| id == MANAGEMENT_ID)
}

/// Is the flow baseline egress (DNS, NTP or a topology `egress` entry)?
pub fn is_egress(flow: &Flow) -> bool {
    flow.requirements.iter().any(|id| id == EGRESS_ID || id == DNS_ID || id == NTP_ID)
}

/// The ports DNS and NTP use when the topology names no destination for them.
const BASELINE: [(&str, u16, Transports); 2] =
    [(DNS_ID, 53, Transports::TcpAndUdp), (NTP_ID, 123, Transports::One(Transport::Udp))];

/// The plan with the topology's management access and baseline egress added, then merged and
/// covered flows dropped like the catalog's. What `portolan flows` shows and rules are made of.
pub fn with_access(plan: FlowPlan, topology: &Topology) -> FlowPlan {
    let FlowPlan { mut groups, mut flows, mut notes, .. } = plan;
    let mut builder = Builder { topology, groups: &mut groups, flows: Vec::new() };
    if topology.hosts.is_empty() {
        return FlowPlan::new(groups, flows, notes);
    }
    for entry in &topology.management {
        let hosts = builder.hosts_endpoint(entry);
        let justification = format!("management access, topology line {}", entry.position.line);
        for peer in &entry.peers {
            let source = builder.peer(&peer.value);
            builder.add(entry, &source, &hosts, MANAGEMENT_ID, &justification);
        }
    }
    if topology.management.is_empty() {
        notes.push(PlanNote {
            kind: NoteKind::AccessAssumed,
            message: "the topology names no `management` access: host firewalls made from this plan deny SSH, so applying them over SSH locks you out (add `management: [{ from: <admin zone or host>, ports: [22/tcp] }]`)".to_owned(),
            requirement: Some(MANAGEMENT_ID.to_owned()),
            location: None,
        });
    }
    for entry in &topology.egress {
        let hosts = builder.hosts_endpoint(entry);
        let justification = format!("egress, topology line {}", entry.position.line);
        for peer in &entry.peers {
            let destination = builder.peer(&peer.value);
            builder.add(entry, &hosts, &destination, EGRESS_ID, &justification);
        }
    }
    for (id, port, transports) in BASELINE {
        let named = topology.egress.iter().flat_map(|e| &e.ports).any(|spec| {
            spec.value.ports.contains_port(port)
                && transports.members().iter().any(|t| spec.value.includes(*t))
        });
        if named {
            continue;
        }
        let what = if id == DNS_ID { "DNS" } else { "NTP" };
        let Ok(ports) = PortRange::single(port) else { continue };
        let spec = PortSpec { ports, transport: transports };
        if let Some(closed) = topology.egress_closed {
            notes.push(PlanNote {
                kind: NoteKind::AccessAssumed,
                message: format!(
                    "`egress: []` names no {what} servers, so no host may reach {spec} anywhere: host firewalls made from this plan cut the hosts' {} (add `egress: [{{ to: <{} servers>, ports: [{spec}] }}]` if they use one)",
                    if id == DNS_ID { "name resolution" } else { "clock synchronisation" },
                    what.to_ascii_lowercase()
                ),
                requirement: Some(id.to_owned()),
                location: Some(topology.location(closed)),
            });
            continue;
        }
        let hosts = builder.all_hosts();
        let justification = format!("{what} to any address (the topology names no {what} egress)");
        builder.push(&hosts, &Endpoint::Any, spec, id, &justification, None);
        notes.push(PlanNote {
            kind: NoteKind::AccessAssumed,
            message: format!(
                "the topology names no {what} servers: every host may reach {spec} on any address (add `egress: [{{ to: <{} servers>, ports: [{spec}] }}]` to narrow it)",
                what.to_ascii_lowercase()
            ),
            requirement: Some(id.to_owned()),
            location: None,
        });
    }
    flows.append(&mut builder.flows);
    let flows = super::merge::tidy(flows, &groups, topology);
    crate::order::sort_dedup(&mut notes);
    crate::order::sort_by(&mut groups, &|a, b| a.name.cmp(&b.name));
    // Management from an untrusted zone (its group of hosts split per member) reaches a host
    // on several networks on its untrusted legs only, as the catalog's flows do.
    super::legs::to_facing_legs(FlowPlan::new(groups, flows, notes), topology)
}

/// The topology's own listeners (`services`, a reverse proxy, an exporter) as flows from the
/// peers each one's `from` names; a service with no `from` stays closed, said in a note (a
/// default-deny host firewall would otherwise drop its traffic in silence). Part of
/// [`crate::plan::plan`], so checks audit these flows like the catalog's.
pub(super) fn with_services(plan: FlowPlan, topology: &Topology) -> FlowPlan {
    if topology.services.is_empty() {
        return plan;
    }
    let FlowPlan { mut groups, mut flows, mut notes, .. } = plan;
    let mut builder = Builder { topology, groups: &mut groups, flows: Vec::new() };
    for service in &topology.services {
        let Some(index) = topology.hosts.iter().position(|h| h.name == service.host.value) else {
            continue; // an unknown host is the checks' (P012)
        };
        let host = Endpoint::Host(Arc::new(HostRef::from_host(&topology.hosts[index])));
        let location = Arc::new(topology.location(service.position));
        let ports: Vec<String> = service.ports.iter().map(|p| p.value.to_string()).collect();
        if service.from.is_empty() {
            notes.push(PlanNote {
                kind: NoteKind::ServiceClosed,
                message: format!(
                    "service `{}` on host {} ({}) names no `from`: no flow planned, so host firewalls made from this plan keep its ports closed; add `from: [<zones, hosts, CIDRs or any>]` to the service",
                    crate::text::printable(&service.name),
                    service.host.value,
                    ports.join(", ")
                ),
                requirement: Some(SERVICE_ID.to_owned()),
                location: Some((*location).clone()),
            });
            continue;
        }
        let justification = format!(
            "service {}, topology line {}",
            crate::text::printable(&service.name),
            service.position.line
        );
        for peer in &service.from {
            let source = builder.service_peer(&peer.value, index);
            for spec in &service.ports {
                builder.push(
                    &source,
                    &host,
                    spec.value,
                    SERVICE_ID,
                    &justification,
                    Some(&location),
                );
            }
        }
    }
    flows.append(&mut builder.flows);
    let flows = super::merge::tidy(flows, &groups, topology);
    crate::order::sort_dedup(&mut notes);
    crate::order::sort_by(&mut groups, &|a, b| a.name.cmp(&b.name));
    // Management from an untrusted zone (its group of hosts split per member) reaches a host
    // on several networks on its untrusted legs only, as the catalog's flows do.
    super::legs::to_facing_legs(FlowPlan::new(groups, flows, notes), topology)
}

struct Builder<'t, 'g> {
    topology: &'t Topology,
    groups: &'g mut Vec<HostGroup>,
    flows: Vec<Flow>,
}

impl Builder<'_, '_> {
    /// A zone (zones first, as in policies), a host, a CIDR (as a zone named after it) or any.
    fn peer(&self, endpoint: &PolicyEndpoint) -> Endpoint {
        match endpoint {
            PolicyEndpoint::Any => Endpoint::Any,
            PolicyEndpoint::Cidr(net) => {
                Endpoint::Zone { name: Arc::from(net.to_string()), cidrs: Arc::from([*net]) }
            }
            PolicyEndpoint::Name(name) => {
                if let Some(zone) = self.topology.zone(name) {
                    Endpoint::Zone {
                        name: Arc::from(zone.name.as_str()),
                        cidrs: crate::topology::trusted_nets::flow_nets(self.topology, zone).into(),
                    }
                } else if let Some(host) = self.topology.host(name) {
                    Endpoint::Host(Arc::new(HostRef::from_host(host)))
                } else {
                    // The parser refuses unknown names; a hand-built topology gets nothing.
                    Endpoint::Zone {
                        name: Arc::from(name.as_str()),
                        cidrs: Arc::from([] as [IpNet; 0]),
                    }
                }
            }
        }
    }

    /// Who a service's `from` names: as [`Self::peer`], and a role no zone or host is named
    /// after as the hosts holding it (a sidecar's mesh, an exporter's scrapers), those of the
    /// service host's environment (or of none) only, as the catalog's flows are kept.
    fn service_peer(&mut self, endpoint: &PolicyEndpoint, host: usize) -> Endpoint {
        let topology = self.topology;
        let PolicyEndpoint::Name(role) = endpoint else { return self.peer(endpoint) };
        if topology.zone(role).is_some() || topology.host(role).is_some() {
            return self.peer(endpoint);
        }
        let environment = |i: usize| {
            topology
                .hosts
                .get(i)
                .and_then(|h| topology.zone(&h.zone.value))
                .and_then(|z| z.environment.as_deref())
        };
        let own = environment(host);
        let holders: Vec<usize> = (0..topology.hosts.len())
            .filter(|&i| topology.hosts[i].has_role(role))
            .filter(|&i| own.is_none() || environment(i).is_none() || environment(i) == own)
            .collect();
        if holders.is_empty() {
            return self.peer(endpoint);
        }
        let (name, description) = match own {
            Some(env) if holders.len() < topology.hosts_with_role(role).count() => (
                format!("{role}#{env}"),
                format!("every host with the role {role} in environment {env} or in none"),
            ),
            _ => (role.clone(), format!("every host with the role {role}")),
        };
        // A group of that name made by the planner with other members is not this one.
        let same = |g: &HostGroup| {
            g.members.len() == holders.len()
                && holders
                    .iter()
                    .all(|&i| g.members.iter().any(|m| m.name == topology.hosts[i].name))
        };
        let name = match self.groups.iter().find(|g| g.name == name) {
            Some(g) if !same(g) => format!("{name}@services"),
            _ => name,
        };
        self.group(&name, &description, &holders)
    }

    fn all_hosts(&mut self) -> Endpoint {
        let all: Vec<usize> = (0..self.topology.hosts.len()).collect();
        self.group("hosts:all", "every host of the topology", &all)
    }

    /// The hosts an entry applies to: named hosts, the hosts of named zones, or all of them.
    fn hosts_endpoint(&mut self, entry: &Access) -> Endpoint {
        if entry.hosts.is_empty() {
            return self.all_hosts();
        }
        let mut chosen: Vec<usize> = Vec::new();
        for name in &entry.hosts {
            for (i, host) in self.topology.hosts.iter().enumerate() {
                if (host.name == name.value || host.zone.value == name.value)
                    && !chosen.contains(&i)
                {
                    chosen.push(i);
                }
            }
        }
        let names: Vec<&str> = entry.hosts.iter().map(|h| h.value.as_str()).collect();
        let description = format!("the hosts of {}", names.join(", "));
        self.group(&format!("hosts:{}", names.join("+")), &description, &chosen)
    }

    /// One host as itself; several as a plan group (added once).
    fn group(&mut self, name: &str, description: &str, hosts: &[usize]) -> Endpoint {
        let topology = self.topology;
        if let [one] = hosts {
            return Endpoint::Host(Arc::new(HostRef::from_host(&topology.hosts[*one])));
        }
        if !self.groups.iter().any(|g| g.name == name) {
            let mut members: Vec<Arc<HostRef>> =
                hosts.iter().map(|&h| Arc::new(HostRef::from_host(&topology.hosts[h]))).collect();
            crate::order::sort_by(&mut members, &Ord::cmp);
            self.groups.push(HostGroup {
                name: name.to_owned(),
                description: description.to_owned(),
                members,
            });
        }
        Endpoint::Group { name: Arc::from(name) }
    }

    fn add(
        &mut self,
        entry: &Access,
        source: &Endpoint,
        destination: &Endpoint,
        id: &str,
        justification: &str,
    ) {
        let location = Arc::new(self.topology.location(entry.position));
        for spec in &entry.ports {
            self.push(source, destination, spec.value, id, justification, Some(&location));
        }
    }

    fn push(
        &mut self,
        source: &Endpoint,
        destination: &Endpoint,
        spec: PortSpec,
        id: &str,
        justification: &str,
        location: Option<&Arc<crate::diagnostic::SourceLocation>>,
    ) {
        if source == destination && matches!(source, Endpoint::Host(_)) {
            return;
        }
        let requirements: Arc<[String]> = Arc::from([id.to_owned()]);
        let justification: Arc<str> = Arc::from(justification);
        for transport in spec.transport.members() {
            self.flows.push(Flow {
                source: source.clone(),
                destination: destination.clone(),
                ports: spec.ports,
                transport: *transport,
                necessity: Necessity::Required,
                requirements: Arc::clone(&requirements),
                justification: Arc::clone(&justification),
                location: location.cloned(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::topology::testkit::catalog;
    use crate::topology::{Format, parse};

    const BASE: &str = "zones:
  admin: { cidrs: [10.9.0.0/24] }
  cluster: { cidrs: [10.0.0.0/22] }
hosts:
  cp1: { zone: cluster, address: 10.0.0.10 }
  cp2: { zone: cluster, address: 10.0.0.11 }
  dns1: { zone: admin, address: 10.9.0.53 }
";

    fn planned(extra: &str) -> FlowPlan {
        let topology = parse(&format!("{BASE}{extra}"), "t.yaml", Format::Yaml).expect("parses");
        with_access(crate::plan::plan(&catalog(Vec::new()), &topology), &topology)
    }

    fn shown(plan: &FlowPlan) -> Vec<String> {
        plan.flows
            .iter()
            .map(|f| {
                format!(
                    "{} -> {} {}/{} {} | {}",
                    f.source.label(),
                    f.destination.label(),
                    f.ports,
                    f.transport,
                    f.requirements.join(","),
                    f.justification
                )
            })
            .collect()
    }

    /// A service's `from` naming a role: the hosts holding it, those of the service host's
    /// environment (and of none) only, as the catalog's flows are kept apart.
    #[test]
    fn a_service_from_a_role_is_its_hosts_of_the_same_environment() {
        let text = "zones:
  dev: { cidrs: [10.1.0.0/24], environment: dev }
  prod: { cidrs: [10.2.0.0/24], environment: prod }
  shared: { cidrs: [10.3.0.0/24] }
hosts:
  dev-a: { zone: dev, address: 10.1.0.5, roles: [lm/agent] }
  prod-a: { zone: prod, address: 10.2.0.5, roles: [lm/agent] }
  prod-b: { zone: prod, address: 10.2.0.6, roles: [lm/agent] }
  ops-a: { zone: shared, address: 10.3.0.5, roles: [lm/agent] }
  prod-db: { zone: prod, address: 10.2.0.9 }
  any-db: { zone: shared, address: 10.3.0.9 }
services:
  - { host: [prod-db, any-db], name: pg, ports: [5432/tcp], from: [lm/agent] }
";
        let topology = parse(text, "t.yaml", Format::Yaml).expect("parses");
        let plan = crate::plan::plan(&catalog(Vec::new()), &topology);
        let members = |destination: &str| -> Vec<String> {
            let flow = plan
                .flows
                .iter()
                .find(|f| f.destination.name() == destination)
                .unwrap_or_else(|| panic!("a flow to {destination}"));
            plan.hosts(&flow.source).iter().map(|h| h.name.clone()).collect()
        };
        assert_eq!(members("prod-db"), ["ops-a", "prod-a", "prod-b"]);
        assert_eq!(members("any-db"), ["dev-a", "ops-a", "prod-a", "prod-b"]);
    }

    #[test]
    fn management_is_a_flow_to_every_host_with_its_topology_line() {
        let plan = planned("management:\n  - { from: admin }\n");
        let flows = shown(&plan);
        assert!(flows.contains(&"zone admin -> group hosts:all 22/tcp topology:management | management access, topology line 9".to_owned()), "{flows:?}");
        assert_eq!(plan.group("hosts:all").map(|g| g.members.len()), Some(3));
        assert!(
            plan.flows
                .iter()
                .filter(|f| is_management(f))
                .all(|f| f.location.as_ref().is_some_and(|l| l.line == 9))
        );
        assert!(!plan.notes.iter().any(|n| n.requirement.as_deref() == Some(MANAGEMENT_ID)));
    }

    #[test]
    fn no_management_is_a_loud_note_and_dns_and_ntp_go_to_any() {
        let plan = planned("");
        assert!(
            plan.notes
                .iter()
                .any(|n| n.kind == NoteKind::AccessAssumed && n.message.contains("locks you out"))
        );
        let flows = shown(&plan);
        for expected in [
            "group hosts:all -> any 53/tcp topology:dns",
            "group hosts:all -> any 53/udp topology:dns",
            "group hosts:all -> any 123/udp topology:ntp",
        ] {
            assert!(flows.iter().any(|f| f.starts_with(expected)), "{expected}: {flows:?}");
        }
        assert_eq!(flows.len(), 3, "{flows:?}");
    }

    /// Regression (restricted egress widened): a site that writes `egress: []` to let nothing
    /// else out still got DNS and NTP to any address, as if it had named no egress at all.
    #[test]
    fn egress_written_empty_opens_no_dns_or_ntp_and_says_so_at_the_key() {
        let plan = planned("egress: []\n");
        let flows = shown(&plan);
        assert!(flows.is_empty(), "{flows:?}");
        let closed: Vec<(&str, u32)> = plan
            .notes
            .iter()
            .filter(|n| n.message.starts_with("`egress: []` names no"))
            .map(|n| {
                (n.requirement.as_deref().unwrap_or(""), n.location.as_ref().map_or(0, |l| l.line))
            })
            .collect();
        assert_eq!(closed, [(DNS_ID, 8), (NTP_ID, 8)]);
        // An absent or empty key (`egress:`) keeps the default.
        let flows = shown(&planned("egress:\n"));
        assert_eq!(flows.len(), 3, "{flows:?}");
    }

    #[test]
    fn named_resolvers_replace_dns_to_any_and_egress_can_name_its_hosts() {
        let plan = planned(
            "egress:\n  - { to: dns1, ports: [53/tcp+udp] }\n  - { to: 192.0.2.80, ports: [443/tcp], from: cluster }\n",
        );
        let flows = shown(&plan);
        assert!(!flows.iter().any(|f| f.contains("-> any 53/")), "{flows:?}");
        assert!(
            flows.iter().any(|f| f.starts_with(
                "group hosts:all -> host dns1 53/udp topology:egress | egress, topology line 9"
            )),
            "{flows:?}"
        );
        assert!(
            flows
                .iter()
                .any(|f| f.starts_with("group hosts:cluster -> zone 192.0.2.80/32 443/tcp")),
            "{flows:?}"
        );
        assert!(
            flows.iter().any(|f| f.starts_with("group hosts:all -> any 123/udp topology:ntp")),
            "{flows:?}"
        );
        assert_eq!(plan.group("hosts:cluster").map(|g| g.members.len()), Some(2));
    }

    #[test]
    fn management_merges_into_a_wider_catalog_or_access_flow() {
        // Management from the admin zone and from any: the zone's flow is held by any's.
        let plan = planned("management:\n  - { from: [admin, any] }\n");
        let flows: Vec<String> =
            shown(&plan).into_iter().filter(|f| f.contains("22/tcp")).collect();
        assert_eq!(flows.len(), 1, "{flows:?}");
        assert!(flows[0].starts_with("any -> group hosts:all 22/tcp"), "{flows:?}");
    }
}
