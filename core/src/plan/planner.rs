//! Turns placed roles into raw flows (see the module docs of [`super`] for the semantics).
//!
//! Hosts, endpoints, requirement provenance and locations are interned once in tables, and raw
//! flows are small records of indices into them: a topology of 10,000 hosts plans hundreds of
//! thousands of raw flows, and copying names and address lists into each was most of the cost.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use ipnet::IpNet;

use super::fast_hash::FxHashMap;
use super::merge::{RawFlow, Tables, merge};
use super::{
    Endpoint, FlowPlan, HostGroup, HostRef, NoteKind, PeerClass, PlanNote, classify_peer,
    describe_ports, families_of_nets, is_active, justify, necessity_of,
};
use crate::diagnostic::SourceLocation;
use crate::model::{Catalog, Component, Direction, Exposure, Requirement};
use crate::topology::Topology;

/// Where a component's hosts come from: placed roles, or platform-wide for an enabled feature.
struct Placement {
    /// Host indices into `topology.hosts`.
    hosts: Vec<usize>,
    /// The location that brought each host in (its role entry, or the `enable` entry), as an
    /// index into the location table.
    locations: Vec<u32>,
}

/// Resolved peer side of a requirement.
enum Peer {
    /// Hosts holding a component (or a platform's hosts): group name and the hosts. When
    /// `zoned`, each destination host is reached only from those of them in its own zone (all
    /// of them when none is): an internal requirement means inside the cluster network.
    Hosts { group: String, description: String, hosts: Vec<usize>, zoned: bool },
    /// Zones or any (endpoint ids).
    Endpoints(Vec<u32>),
}

pub(super) struct Planner<'c, 't> {
    topology: &'t Topology,
    enabled: HashSet<&'t str>,
    components: HashMap<&'c str, &'c Component>,
    by_component: HashMap<&'c str, Vec<&'c Requirement>>,
    /// Component id → host indices holding it, in document order.
    placed: HashMap<&'t str, Vec<usize>>,
    /// Platform id → host indices holding a non-external component of it, in document order.
    by_platform: HashMap<&'t str, Vec<usize>>,
    groups: BTreeMap<String, HostGroup>,
    notes: BTreeSet<PlanNote>,
    tables: Tables,
    /// Per host: its shared description and, once used, its endpoint id.
    host_refs: Vec<Arc<HostRef>>,
    host_endpoints: Vec<Option<u32>>,
    /// Zone and group endpoints by name; any.
    named_endpoints: FxHashMap<(u8, String), u32>,
    /// Per endpoint id: IP families (v4, v6).
    families: Vec<(bool, bool)>,
    /// The trusted and untrusted zones as endpoints, computed once.
    zone_sets: [Option<Vec<u32>>; 2],
    raw: Vec<RawFlow>,
}

impl<'c, 't> Planner<'c, 't> {
    pub(super) fn new(catalog: &'c Catalog, topology: &'t Topology) -> Self {
        let components: HashMap<&str, &Component> =
            catalog.components().map(|c| (c.id.as_str(), c)).collect();
        let mut by_component: HashMap<&'c str, Vec<&'c Requirement>> = HashMap::new();
        for requirement in catalog.requirements() {
            by_component.entry(requirement.component.as_str()).or_default().push(requirement);
        }
        let mut placed: HashMap<&'t str, Vec<usize>> = HashMap::new();
        let mut by_platform: HashMap<&'t str, Vec<usize>> = HashMap::new();
        for (index, host) in topology.hosts.iter().enumerate() {
            for role in &host.roles {
                let list = placed.entry(role.value.as_str()).or_default();
                // A role listed twice on one host counts once.
                if list.last() != Some(&index) {
                    list.push(index);
                }
                let Some((platform, _)) = role.value.split_once('/') else { continue };
                if components.get(role.value.as_str()).is_none_or(|c| c.external) {
                    continue;
                }
                let list = by_platform.entry(platform).or_default();
                if list.last() != Some(&index) {
                    list.push(index);
                }
            }
        }
        let enabled = topology.enable.iter().map(|e| e.value.as_str()).collect();
        Self {
            topology,
            enabled,
            components,
            by_component,
            placed,
            by_platform,
            groups: BTreeMap::new(),
            notes: BTreeSet::new(),
            tables: Tables::default(),
            host_refs: topology.hosts.iter().map(|h| Arc::new(HostRef::from_host(h))).collect(),
            host_endpoints: vec![None; topology.hosts.len()],
            named_endpoints: FxHashMap::default(),
            families: Vec::new(),
            zone_sets: [None, None],
            raw: Vec::new(),
        }
    }

    fn note(
        &mut self,
        kind: NoteKind,
        message: String,
        requirement: Option<&str>,
        location: Option<SourceLocation>,
    ) {
        self.notes.insert(PlanNote {
            kind,
            message,
            requirement: requirement.map(str::to_owned),
            location,
        });
    }

    pub(super) fn run(mut self) -> FlowPlan {
        // Components in order of first placement, then platform-wide enabled features.
        let mut components: Vec<(&'t str, Placement)> = Vec::new();
        let mut seen: HashSet<&str> = HashSet::new();
        let topology = self.topology;
        for host in &topology.hosts {
            for role in &host.roles {
                if !self.components.contains_key(role.value.as_str()) {
                    self.note(
                        NoteKind::UnknownRole,
                        format!("host `{}` has role `{}`, which is not in the catalog: nothing planned for it", host.name, role.value),
                        None,
                        Some(topology.location(role.position)),
                    );
                    continue;
                }
                if seen.insert(role.value.as_str()) {
                    let hosts = self.placed.get(role.value.as_str()).cloned().unwrap_or_default();
                    let locations = hosts
                        .iter()
                        .map(|&h| {
                            let holder = &topology.hosts[h];
                            let position = holder
                                .roles
                                .iter()
                                .find(|r| r.value == role.value)
                                .map_or(holder.position, |r| r.position);
                            self.tables.location(topology, position)
                        })
                        .collect();
                    components.push((role.value.as_str(), Placement { hosts, locations }));
                }
            }
        }
        for entry in &topology.enable {
            let id = entry.value.as_str();
            if seen.contains(id) || !self.components.contains_key(id) {
                continue;
            }
            let platform = id.split_once('/').map_or(id, |(p, _)| p);
            let hosts = self.platform_hosts(platform);
            if hosts.is_empty() {
                continue;
            }
            seen.insert(id);
            let location = self.tables.location(topology, entry.position);
            let locations = vec![location; hosts.len()];
            components.push((id, Placement { hosts, locations }));
        }

        for (component, placement) in &components {
            let requirements = self.by_component.get(component).cloned().unwrap_or_default();
            for requirement in requirements {
                if !is_active(requirement, &self.enabled) {
                    continue;
                }
                self.plan_requirement(requirement, placement);
            }
        }

        let flows = merge(std::mem::take(&mut self.raw), &self.tables);
        FlowPlan::new(self.groups.into_values().collect(), flows, self.notes.into_iter().collect())
    }

    /// Hosts holding any role of `platform`, in document order.
    fn platform_hosts(&self, platform: &str) -> Vec<usize> {
        self.by_platform.get(platform).cloned().unwrap_or_default()
    }

    fn add_endpoint(&mut self, endpoint: Endpoint, families: (bool, bool)) -> u32 {
        self.families.push(families);
        self.tables.endpoint(endpoint)
    }

    fn host_endpoint(&mut self, host: usize) -> u32 {
        if let Some(id) = self.host_endpoints[host] {
            return id;
        }
        let href = Arc::clone(&self.host_refs[host]);
        let families = families_of_nets(href.addresses.iter().map(|a| IpNet::from(*a)));
        let id = self.add_endpoint(Endpoint::Host(href), families);
        self.host_endpoints[host] = Some(id);
        id
    }

    fn any_endpoint(&mut self) -> u32 {
        if let Some(&id) = self.named_endpoints.get(&(0, String::new())) {
            return id;
        }
        let id = self.add_endpoint(Endpoint::Any, (true, true));
        self.named_endpoints.insert((0, String::new()), id);
        id
    }

    fn zone_endpoint(&mut self, zone: &crate::topology::Zone) -> u32 {
        let key = (1, zone.name.clone());
        if let Some(&id) = self.named_endpoints.get(&key) {
            return id;
        }
        let cidrs: Arc<[IpNet]> = zone.nets().collect();
        let families = families_of_nets(cidrs.iter().copied());
        let id = self
            .add_endpoint(Endpoint::Zone { name: Arc::from(zone.name.as_str()), cidrs }, families);
        self.named_endpoints.insert(key, id);
        id
    }

    /// An endpoint for a set of hosts: the host itself when there is one, else a group.
    fn hosts_endpoint(&mut self, group: &str, description: &str, hosts: &[usize]) -> Option<u32> {
        match hosts {
            [] => None,
            [one] => Some(self.host_endpoint(*one)),
            many => {
                let key = (2, group.to_owned());
                if let Some(&id) = self.named_endpoints.get(&key) {
                    return Some(id);
                }
                let mut members: Vec<Arc<HostRef>> =
                    many.iter().map(|&h| Arc::clone(&self.host_refs[h])).collect();
                crate::order::sort_by(&mut members, &|a, b| a.cmp(b));
                let families = families_of_nets(
                    members.iter().flat_map(|m| m.addresses.iter().map(|a| IpNet::from(*a))),
                );
                self.groups.insert(
                    group.to_owned(),
                    HostGroup {
                        name: group.to_owned(),
                        description: description.to_owned(),
                        members,
                    },
                );
                let id = self.add_endpoint(Endpoint::Group { name: Arc::from(group) }, families);
                self.named_endpoints.insert(key, id);
                Some(id)
            }
        }
    }

    /// The trusted (or untrusted) zones as endpoints; any when there is none.
    fn zones_endpoints(&mut self, untrusted: bool) -> Vec<u32> {
        if let Some(ids) = &self.zone_sets[usize::from(untrusted)] {
            return ids.clone();
        }
        let topology = self.topology;
        let mut ids: Vec<u32> = topology
            .zones
            .iter()
            .filter(|z| z.is_untrusted() == untrusted && !z.cidrs.is_empty())
            .map(|z| self.zone_endpoint(z))
            .collect();
        if ids.is_empty() {
            ids.push(self.any_endpoint());
        }
        self.zone_sets[usize::from(untrusted)] = Some(ids.clone());
        ids
    }

    /// The platform's hosts as a peer; `internal` scopes them to the destination's zone.
    fn platform_peer(&self, platform: &str, direction: Direction) -> Peer {
        Peer::Hosts {
            group: platform.to_owned(),
            description: format!("every host with a {platform} role"),
            hosts: self.platform_hosts(platform),
            zoned: direction == Direction::Internal,
        }
    }

    fn resolve_peer(
        &mut self,
        requirement: &Requirement,
        direction: Direction,
        location: &SourceLocation,
    ) -> Option<Peer> {
        if let Some(peer) = &requirement.peer_component {
            if let Some(hosts) = self.placed.get(peer.as_str()) {
                return Some(Peer::Hosts {
                    group: peer.clone(),
                    description: format!("every host with the role {peer}"),
                    hosts: hosts.clone(),
                    zoned: false,
                });
            }
            if self.components.get(peer.as_str()).is_some_and(|c| c.external) {
                return Some(Peer::Endpoints(self.zones_endpoints(true)));
            }
            self.note(
                NoteKind::PeerNotPlaced,
                format!(
                    "{} needs peer `{peer}`, which no host holds: no flow planned for {}",
                    requirement.component,
                    describe_ports(requirement)
                ),
                Some(&requirement.id),
                Some(location.clone()),
            );
            return None;
        }
        let platform = requirement.platform().to_owned();
        let Some(text) = requirement.peer.as_deref() else {
            return Some(match direction {
                Direction::Internal => self.platform_peer(&platform, direction),
                Direction::Outbound => Peer::Endpoints(vec![self.any_endpoint()]),
                Direction::Inbound | Direction::Bidirectional => {
                    if requirement.exposure == Some(Exposure::External) {
                        Peer::Endpoints(vec![self.any_endpoint()])
                    } else {
                        Peer::Endpoints(self.zones_endpoints(false))
                    }
                }
            });
        };
        match classify_peer(text, self.topology) {
            PeerClass::Zone(name) => {
                let topology = self.topology;
                let zone = topology.zone(&name).map(|z| self.zone_endpoint(z));
                Some(Peer::Endpoints(zone.into_iter().collect()))
            }
            PeerClass::Any => Some(Peer::Endpoints(vec![self.any_endpoint()])),
            PeerClass::Untrusted => Some(Peer::Endpoints(self.zones_endpoints(true))),
            PeerClass::Trusted => Some(Peer::Endpoints(self.zones_endpoints(false))),
            PeerClass::PlatformHosts => Some(self.platform_peer(&platform, direction)),
            PeerClass::Unknown => {
                let (peer, assumed) = match direction {
                    Direction::Outbound => {
                        (Peer::Endpoints(vec![self.any_endpoint()]), "any destination")
                    }
                    Direction::Internal => {
                        (self.platform_peer(&platform, direction), "the platform's hosts")
                    }
                    Direction::Inbound | Direction::Bidirectional => {
                        (Peer::Endpoints(self.zones_endpoints(false)), "the trusted zones")
                    }
                };
                self.note(
                    NoteKind::PeerAssumed,
                    format!(
                        "peer `{text}` of {} {} is not a component or zone: planned with {assumed}",
                        requirement.component,
                        describe_ports(requirement)
                    ),
                    Some(&requirement.id),
                    None,
                );
                Some(peer)
            }
        }
    }

    fn plan_requirement(&mut self, requirement: &'c Requirement, placement: &Placement) {
        let Some(&first_location) = placement.locations.first() else { return };
        let Some(transports) = requirement.transport else {
            let location = self.tables.location_value(first_location).clone();
            self.note(
                NoteKind::UnknownTransport,
                format!(
                    "{} {} ({}) names no transport (tcp, udp or sctp): no flow planned",
                    requirement.component, requirement.ports, requirement.source
                ),
                Some(&requirement.id),
                Some(location),
            );
            return;
        };
        let direction = match requirement.direction {
            Some(d) => d,
            None => {
                self.note(
                    NoteKind::DirectionAssumed,
                    format!(
                        "{} {} states no direction: planned as inbound",
                        requirement.component,
                        describe_ports(requirement)
                    ),
                    Some(&requirement.id),
                    None,
                );
                Direction::Inbound
            }
        };
        let first = self.tables.location_value(first_location).clone();
        let Some(peer) = self.resolve_peer(requirement, direction, &first) else { return };
        let provenance = self.tables.provenance(&requirement.id, justify(requirement, direction));
        let necessity = necessity_of(requirement);

        // (source endpoint, destination endpoint, location) before the family check.
        let mut pairs: Vec<(u32, u32, u32)> = Vec::new();
        let inbound = matches!(
            direction,
            Direction::Inbound | Direction::Bidirectional | Direction::Internal
        );
        let outbound = matches!(direction, Direction::Outbound | Direction::Bidirectional);
        if inbound {
            match &peer {
                Peer::Hosts { group, description, hosts, zoned } => {
                    let topology = self.topology;
                    let zone_of = |h: usize| topology.hosts[h].zone.value.as_str();
                    // Zone → the platform's hosts there (zoned peers).
                    let mut local: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
                    if *zoned {
                        for &h in hosts {
                            local.entry(zone_of(h)).or_default().push(h);
                        }
                    }
                    let mut by_zone: HashMap<&str, Option<u32>> = HashMap::new();
                    let mut everyone: Option<Option<u32>> = None;
                    for (&host, &location) in placement.hosts.iter().zip(&placement.locations) {
                        let zone = zone_of(host);
                        let name = &topology.hosts[host].name;
                        // Only the host itself in its zone: nobody shares it, so all the platform's hosts.
                        let members = local.get(zone).filter(|m| {
                            m.len() < hosts.len()
                                && m.iter().any(|&h| topology.hosts[h].name != *name)
                        });
                        let source = match members {
                            Some(members) => match by_zone.get(zone) {
                                Some(source) => *source,
                                None => {
                                    let source = self.hosts_endpoint(
                                        &format!("{group}@{zone}"),
                                        &format!("{description} in zone {zone}"),
                                        members,
                                    );
                                    by_zone.insert(zone, source);
                                    source
                                }
                            },
                            None => match everyone {
                                Some(source) => source,
                                None => {
                                    let source = self.hosts_endpoint(group, description, hosts);
                                    everyone = Some(source);
                                    source
                                }
                            },
                        };
                        if let Some(source) = source {
                            let destination = self.host_endpoint(host);
                            pairs.push((source, destination, location));
                        }
                    }
                }
                Peer::Endpoints(sources) => {
                    for (&host, &location) in placement.hosts.iter().zip(&placement.locations) {
                        let destination = self.host_endpoint(host);
                        for &source in sources {
                            pairs.push((source, destination, location));
                        }
                    }
                }
            }
        }
        if outbound {
            let component = requirement.component.clone();
            let description = format!("every host with the role {component}");
            if let Some(source) = self.hosts_endpoint(&component, &description, &placement.hosts) {
                let destinations: Vec<u32> = match &peer {
                    Peer::Hosts { hosts, .. } => {
                        hosts.iter().map(|&h| self.host_endpoint(h)).collect()
                    }
                    Peer::Endpoints(endpoints) => endpoints.clone(),
                };
                for destination in destinations {
                    pairs.push((source, destination, first_location));
                }
            }
        }

        let members = transports.members();
        for (source, destination, location) in pairs {
            // Host endpoints are interned per host: the same id is the same host.
            if source == destination
                && matches!(self.tables.endpoint_value(source), Endpoint::Host(_))
            {
                continue;
            }
            let (a4, a6) = self.families[source as usize];
            let (b4, b6) = self.families[destination as usize];
            if !((a4 && b4) || (a6 && b6)) {
                let message = format!(
                    "{} → {} for {} {}: no IP family in common (IPv4 vs IPv6), no flow planned",
                    self.tables.endpoint_value(source).label(),
                    self.tables.endpoint_value(destination).label(),
                    requirement.component,
                    describe_ports(requirement)
                );
                let location = self.tables.location_value(location).clone();
                self.note(NoteKind::NoCommonFamily, message, Some(&requirement.id), Some(location));
                continue;
            }
            for transport in members {
                self.raw.push(RawFlow {
                    source,
                    destination,
                    ports: requirement.ports,
                    transport: *transport,
                    necessity,
                    provenance,
                    location,
                });
            }
        }
    }
}
