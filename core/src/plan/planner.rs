//! Turns placed roles into raw flows (see the module docs of [`super`] for the semantics).
//!
//! Hosts, endpoints, requirement provenance and locations are interned once in tables, and raw
//! flows are small records of indices into them: a topology of 10,000 hosts plans hundreds of
//! thousands of raw flows, and copying names and address lists into each was most of the cost.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::Arc;

use ipnet::IpNet;

use super::member::{self, Member};
use super::merge::{RawFlow, Tables, merge};
use super::own_hosts::{Cover, OwnHosts};
use super::{
    Endpoint, FlowPlan, HostGroup, HostRef, NoteKind, PlanNote, applies, describe_ports,
    families_of_nets, is_active, justify, necessity_of,
};
use crate::diagnostic::SourceLocation;
use crate::model::{
    Catalog, Component, Direction, Exposure, PeerClass, PeerReading, Requirement,
    read_requirement_peer,
};
use crate::topology::{Settlement, Topology};
use rustc_hash::FxHashMap;

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
    /// The outside as a bidirectional row's peer: its incoming half comes from `inbound` (the
    /// untrusted zones), its outgoing half goes to `outbound` only (the zones that are the
    /// internet, maybe none): a relay that sends to the public does not send to a VPN pool.
    Halves { inbound: Vec<u32>, outbound: Vec<u32> },
}

pub(super) struct Planner<'c, 't> {
    catalog: &'c Catalog,
    topology: &'t Topology,
    enabled: HashSet<&'t str>,
    components: HashMap<&'c str, &'c Component>,
    by_component: HashMap<&'c str, Vec<&'c Requirement>>,
    /// Component id → host indices holding it, in document order.
    placed: HashMap<&'t str, Vec<usize>>,
    /// Platform id → host indices holding a non-external component of it, in document order.
    by_platform: HashMap<&'t str, Vec<usize>>,
    /// Each made once (`named_endpoints` guards it), sorted by name when the plan is made.
    groups: Vec<HostGroup>,
    /// Sorted, each once (`order::insert_set`).
    notes: Vec<PlanNote>,
    tables: Tables,
    /// Per host: its shared description and, once used, its endpoint id.
    host_refs: Vec<Arc<HostRef>>,
    host_endpoints: Vec<Option<u32>>,
    /// Zone and group endpoints by name; any.
    named_endpoints: FxHashMap<(u8, String), u32>,
    /// Per endpoint id: IP families (v4, v6).
    families: Vec<(bool, bool)>,
    /// Per endpoint id: the hosts it stands for (indices; empty for zones and any).
    endpoint_hosts: Vec<Arc<[usize]>>,
    /// The trusted and untrusted zones as endpoints, computed once.
    zone_sets: [Option<Vec<u32>>; 2],
    raw: Vec<RawFlow>,
    /// The requirement being planned states no direction (said once, with its peer note).
    direction_unstated: bool,
    direction_noted: bool,
    /// The requirement being planned was planned on an assumption (peer or direction).
    assumed: bool,
    /// Per component: internal rows its hosts take from their own zone only while hosts of
    /// the component in other zones (same environment) are left out ([`NoteKind::ZonedApart`]).
    /// Sorted by component, as a map would be (`order::entry_sorted`).
    zoned_apart: Vec<(String, ZonedApart)>,
    /// The requirement being planned states no peer and its component has declared clients:
    /// the position of the narrow reading among its peers, planned beside the clients
    /// (`own_hosts.rs`), and whether a note of its own already says so.
    own_hosts_peer: Option<(usize, bool)>,
    /// Per component: rows whose own hosts add sources its declared clients do not cover
    /// ([`NoteKind::OwnHostsKept`]).
    /// Sorted by component, as a map would be (`order::entry_sorted`).
    own_hosts: Vec<(String, OwnHosts)>,
    /// Zone → the outermost zone whose network holds it: internal rows are read per network
    /// ([`crate::topology::regions`]).
    networks: Arc<FxHashMap<&'t str, &'t str>>,
}

/// In one zone: the component's hosts, and the platform's hosts.
type ZoneHosts = (Vec<usize>, Vec<usize>);

/// What one [`NoteKind::ZonedApart`] note says: the rows, the zones, where.
#[derive(Default)]
struct ZonedApart {
    /// Requirement id → its ports, sorted by id (`order::insert_sorted`).
    rows: Vec<(String, String)>,
    /// Sorted, each once (`order::insert_set`).
    zones: Vec<String>,
    location: Option<u32>,
}

impl<'c, 't> Planner<'c, 't> {
    pub(super) fn new(catalog: &'c Catalog, topology: &'t Topology) -> Self {
        let components: HashMap<&str, &Component> =
            catalog.components().map(|c| (c.id.as_str(), c)).collect();
        let mut by_component: HashMap<&'c str, Vec<&'c Requirement>> = HashMap::default();
        for requirement in catalog.requirements() {
            by_component.entry(requirement.component.as_str()).or_default().push(requirement);
        }
        let mut placed: HashMap<&'t str, Vec<usize>> = HashMap::default();
        let mut by_platform: HashMap<&'t str, Vec<usize>> = HashMap::default();
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
            catalog,
            topology,
            enabled,
            components,
            by_component,
            placed,
            by_platform,
            groups: Vec::new(),
            notes: Vec::new(),
            tables: Tables::default(),
            host_refs: topology.hosts.iter().map(|h| Arc::new(HostRef::from_host(h))).collect(),
            host_endpoints: vec![None; topology.hosts.len()],
            named_endpoints: FxHashMap::default(),
            families: Vec::new(),
            endpoint_hosts: Vec::new(),
            zone_sets: [None, None],
            raw: Vec::new(),
            direction_unstated: false,
            direction_noted: false,
            assumed: false,
            zoned_apart: Vec::new(),
            own_hosts_peer: None,
            own_hosts: Vec::new(),
            networks: Arc::new(crate::topology::regions::outermost_zones(topology)),
        }
    }

    fn note(
        &mut self,
        kind: NoteKind,
        message: String,
        requirement: Option<&str>,
        location: Option<SourceLocation>,
    ) {
        let note =
            PlanNote { kind, message, requirement: requirement.map(str::to_owned), location };
        crate::order::insert_set(&mut self.notes, note);
    }

    pub(super) fn run(mut self) -> FlowPlan {
        // Components in order of first placement, then platform-wide enabled features.
        let mut components: Vec<(&'t str, Placement)> = Vec::new();
        let mut seen: HashSet<&str> = HashSet::default();
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
            // Said, not silent: a role enabled but placed nowhere opens its ports on every
            // host of the platform (ACTIVATE's user workspace: 1024-65535/tcp on the database).
            // A few names, not 10,000 of them.
            let mut names: Vec<String> =
                hosts.iter().take(5).map(|&h| topology.hosts[h].name.clone()).collect();
            if hosts.len() > names.len() {
                names.push(format!("and {} more", hosts.len() - names.len()));
            }
            self.note(
                NoteKind::PlacementAssumed,
                format!(
                    "`enable` names component {id}, which no host holds: its requirements are planned on every host with a {platform} role ({}); give the role to the hosts that run it instead",
                    names.join(", ")
                ),
                None,
                Some(topology.location(entry.position)),
            );
            let location = self.tables.location(topology, entry.position);
            let locations = vec![location; hosts.len()];
            components.push((id, Placement { hosts, locations }));
        }

        for (component, placement) in &components {
            let requirements = self.by_component.get(component).cloned().unwrap_or_default();
            for requirement in requirements {
                if !is_active(requirement, &self.enabled) || !applies(requirement, topology) {
                    continue;
                }
                self.plan_requirement(requirement, placement);
            }
        }

        self.note_zoned_apart();
        self.note_own_hosts();
        let flows = merge(std::mem::take(&mut self.raw), &self.tables);
        let mut groups = self.groups;
        crate::order::sort_by(&mut groups, &|a, b| a.name.cmp(&b.name));
        FlowPlan::new(groups, flows, self.notes)
    }

    /// One note per component whose internal rows were kept inside each zone while hosts of
    /// it sit in other zones of the same environment: two sites are two clusters, but two
    /// racks of one cluster would be cut apart (nodes never reaching the API server), so the
    /// reading is said with the `peers` entries that join them.
    fn note_zoned_apart(&mut self) {
        for (component, apart) in std::mem::take(&mut self.zoned_apart) {
            let platform = component.split_once('/').map_or(component.as_str(), |(p, _)| p);
            let zones: Vec<String> = apart.zones.iter().map(|z| format!("`{z}`")).collect();
            let rows: Vec<String> =
                apart.rows.iter().map(|(id, ports)| format!("{ports} {id}")).collect();
            let entries: Vec<String> =
                apart.rows.iter().map(|(id, _)| format!("\"{id}\": [{platform}]")).collect();
            let location = apart.location.map(|l| self.tables.location_value(l).clone());
            self.note(
                NoteKind::ZonedApart,
                format!(
                    "{component}: its hosts are in zones {}, and each takes its internal rows ({}) from the {platform} hosts of its own zone only (read as separate clusters, each site's traffic kept local); if they are one cluster, join them with `peers: {{ {} }}`; if they are separate copies (prod and stage), say so with `environment` on their zones",
                    zones.join(", "),
                    rows.join(", "),
                    entries.join(", ")
                ),
                None,
                location,
            );
        }
    }

    /// Records the platform's own hosts a row with no stated peer is planned from (`pairs`,
    /// the narrow reading's) that its component's declared clients do not cover: said once
    /// per component (`note_own_hosts`), and the row's rules carry the assumed mark.
    fn record_own_hosts(&mut self, requirement: &Requirement, pairs: &[(u32, u32, u32)]) {
        let topology = self.topology;
        let Some(clients) = topology.clients_of(&requirement.component) else { return };
        let cover = Cover::new(topology, clients, &self.placed, &self.by_platform);
        // A member of a source is a new source when one of its pairs reaches a host other
        // than itself (plain vectors, not maps of new types: the checker's wasm size).
        // Per host: judged yet (each host's cover is read once, as per source before).
        let mut judged = vec![false; topology.hosts.len()];
        let mut added: Vec<usize> = Vec::new();
        for &(source, destination, _) in pairs {
            let Some(members) = self.endpoint_hosts.get(source as usize) else { continue };
            for &h in members.iter() {
                let itself = self.host_endpoints.get(h).copied().flatten();
                if Some(destination) == itself || judged.get(h).is_none_or(|&j| j) {
                    continue;
                }
                judged[h] = true;
                if !cover.covers(h) {
                    added.push(h);
                }
            }
        }
        if added.is_empty() {
            return;
        }
        self.assumed = true;
        let own = crate::order::entry_sorted(&mut self.own_hosts, &requirement.component);
        crate::order::insert_sorted(
            &mut own.rows,
            requirement.id.clone(),
            describe_ports(requirement),
        );
        own.hosts.extend(added);
        crate::order::sort_dedup(&mut own.hosts);
    }

    /// One note per component whose declared clients were joined by the platform's own hosts
    /// on its rows that state no peer, at the `clients` entry.
    fn note_own_hosts(&mut self) {
        let topology = self.topology;
        for (component, own) in std::mem::take(&mut self.own_hosts) {
            let Some(clients) = topology.clients_of(&component) else { continue };
            let message = super::own_hosts::message(topology, &component, clients, &own);
            let location = topology.location(clients.key.position);
            self.note(NoteKind::OwnHostsKept, message, None, Some(location));
        }
    }

    /// Hosts holding any role of `platform`, in document order.
    fn platform_hosts(&self, platform: &str) -> Vec<usize> {
        self.by_platform.get(platform).cloned().unwrap_or_default()
    }

    fn add_endpoint(
        &mut self,
        endpoint: Endpoint,
        families: (bool, bool),
        hosts: Arc<[usize]>,
    ) -> u32 {
        self.families.push(families);
        self.endpoint_hosts.push(hosts);
        self.tables.endpoint(endpoint)
    }

    fn host_endpoint(&mut self, host: usize) -> u32 {
        if let Some(id) = self.host_endpoints[host] {
            return id;
        }
        let href = Arc::clone(&self.host_refs[host]);
        let families = families_of_nets(href.addresses.iter().map(|a| IpNet::from(*a)));
        let id = self.add_endpoint(Endpoint::Host(href), families, Arc::from([host]));
        self.host_endpoints[host] = Some(id);
        id
    }

    fn any_endpoint(&mut self) -> u32 {
        if let Some(&id) = self.named_endpoints.get(&(0, String::new())) {
            return id;
        }
        let id = self.add_endpoint(Endpoint::Any, (true, true), Arc::from([]));
        self.named_endpoints.insert((0, String::new()), id);
        id
    }

    fn zone_endpoint(&mut self, zone: &crate::topology::Zone) -> u32 {
        let key = (1, zone.name.clone());
        if let Some(&id) = self.named_endpoints.get(&key) {
            return id;
        }
        // A trusted zone without the untrusted zones nested in it (a guest network).
        let cidrs: Arc<[IpNet]> =
            crate::topology::trusted_nets::flow_nets(self.topology, zone).into();
        let families = families_of_nets(cidrs.iter().copied());
        let zone_endpoint = Endpoint::Zone { name: Arc::from(zone.name.as_str()), cidrs };
        let id = self.add_endpoint(zone_endpoint, families, Arc::from([]));
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
                self.groups.push(HostGroup {
                    name: group.to_owned(),
                    description: description.to_owned(),
                    members,
                });
                let group_endpoint = Endpoint::Group { name: Arc::from(group) };
                let id = self.add_endpoint(group_endpoint, families, Arc::from(many));
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

    /// The zones that are the internet ([`crate::topology::Zone::is_internet`]) as endpoints;
    /// none when the topology declares no such zone.
    fn internet_endpoints(&mut self) -> Option<Vec<u32>> {
        let topology = self.topology;
        let ids: Vec<u32> = topology
            .zones
            .iter()
            .filter(|z| z.is_internet())
            .map(|z| self.zone_endpoint(z))
            .collect();
        if ids.is_empty() { None } else { Some(ids) }
    }

    /// The untrusted zones as the peer of a row that reaches "the outside" (the document's
    /// public, internet or external party). Coming in, every untrusted zone is outside; going
    /// out, only the zones that are the internet are (a VPN pool or a DMZ is not where a
    /// registry or a media peer on the public internet is). A bidirectional row gets both
    /// halves apart. The flag says an outgoing half found no internet zone (noted by the
    /// caller, P041).
    fn outside_peer(&mut self, direction: Direction) -> (Option<Peer>, bool) {
        match direction {
            Direction::Outbound => match self.internet_endpoints() {
                Some(ids) => (Some(Peer::Endpoints(ids)), false),
                None => (None, true),
            },
            Direction::Bidirectional => {
                let inbound = self.zones_endpoints(true);
                let outbound = self.internet_endpoints();
                let undeclared = outbound.is_none();
                (Some(Peer::Halves { inbound, outbound: outbound.unwrap_or_default() }), undeclared)
            }
            Direction::Inbound | Direction::Internal => {
                (Some(Peer::Endpoints(self.zones_endpoints(true))), false)
            }
        }
    }

    /// A connection out to the internet in a topology with no zone for it: no flow to it.
    /// The untrusted zones it has (a VPN pool, a DMZ) are not the internet (a rule to them
    /// would lose the real destination in silence, or open a DMZ as if it were the world),
    /// and every address would be a guess the topology did not make (an air-gapped site
    /// reaches a mirror, not the internet). Said where the row is (P041), with both fixes.
    fn note_internet_undeclared(
        &mut self,
        requirement: &Requirement,
        direction: Direction,
        text: &str,
        location: &SourceLocation,
    ) {
        // A bidirectional row keeps its incoming half (from the untrusted zones): only the
        // half that goes out has nowhere declared to go.
        let what = if direction == Direction::Bidirectional {
            "its outgoing half: no flow planned to it (the incoming half is planned from the untrusted zones), neither to every address nor to the untrusted zones"
        } else {
            "no flow planned to it, neither to every address nor to the untrusted zones"
        };
        let untrusted: Vec<String> = self
            .topology
            .untrusted_zones()
            .filter(|z| !z.cidrs.is_empty())
            .map(|z| format!("`{}`", z.name))
            .collect();
        let not_them = if untrusted.is_empty() {
            String::new()
        } else {
            format!(" (untrusted {} is not the internet)", untrusted.join(", "))
        };
        let said = format!(
            "peer `{text}` is the internet, and no zone of the topology is{not_them}: {what}; declare the internet as a zone (`internet: {{ cidrs: [0.0.0.0/0, \"::/0\"] }}`), or name the server it reaches in `peers: {{ \"{}\": [...] }}` (a mirror, a proxy, a zone of one /32)",
            requirement.id
        );
        self.note_destination_unstated(requirement, location, &said);
    }

    /// P041: an outgoing row with nowhere stated to go gets no flow; `said` is why and how to
    /// settle it, after the row's component, ports and source.
    fn note_destination_unstated(
        &mut self,
        requirement: &Requirement,
        location: &SourceLocation,
        said: &str,
    ) {
        self.note(
            NoteKind::DestinationUnstated,
            format!(
                "{} {} ({}): {said}",
                requirement.component,
                describe_ports(requirement),
                requirement.source
            ),
            Some(&requirement.id),
            Some(location.clone()),
        );
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

    /// The peers a topology's `clients` or `peers` entry stands for: zones, hosts, the hosts
    /// of a role (or of every role of a platform), or any. Names it does not know are left to
    /// the checks (`P015-unknown-settlement`).
    fn settlement_peers(&mut self, settlement: &Settlement) -> Vec<Peer> {
        let topology = self.topology;
        let mut peers = Vec::new();
        for entry in &settlement.members {
            let name = entry.value.trim();
            let peer = match member::resolve(topology, &self.placed, &self.by_platform, name) {
                None => continue,
                Some(Member::Any) => Peer::Endpoints(vec![self.any_endpoint()]),
                Some(Member::Zone(zone)) => Peer::Endpoints(vec![self.zone_endpoint(zone)]),
                Some(Member::Host(index)) => Peer::Endpoints(vec![self.host_endpoint(index)]),
                Some(Member::Role(hosts)) => Peer::Hosts {
                    group: name.to_owned(),
                    description: format!("every host with the role {name}"),
                    hosts: hosts.to_vec(),
                    zoned: false,
                },
                Some(Member::Platform(_)) => self.platform_peer(name, Direction::Inbound),
            };
            peers.push(peer);
        }
        peers
    }

    /// The declared clients of the requirement's component, if the topology names any.
    fn client_peers(&mut self, requirement: &Requirement) -> Option<Vec<Peer>> {
        let topology = self.topology;
        let settlement = topology.clients_of(&requirement.component)?;
        // Declared clients connect in: they settle an unstated direction as well.
        self.direction_noted = true;
        Some(self.settlement_peers(settlement))
    }

    /// The peers a row with no stated peer is planned from when its component has declared
    /// clients: those clients and the platform's own hosts, the narrow reading it gets without
    /// them (`clients` says who else uses it; the cluster's own nodes still reach each other:
    /// `own_hosts.rs`). Its clients' untrusted zones (and `any`) only when the document calls
    /// the port external: `clients` says who uses the component's user-facing ports, and a row
    /// that names no peer (SSH "open on every subsystem") is not one; opening it to the
    /// internet would widen it. What is left out is said (P042) with how to settle it. `None`
    /// when the topology declares no clients.
    fn unstated_peer_clients(
        &mut self,
        requirement: &Requirement,
        location: &SourceLocation,
    ) -> Option<Vec<Peer>> {
        let mut peers = self.unstated_peer_clients_only(requirement, location)?;
        if !self.own_hosts_peer.is_some_and(|(_, noted)| noted) {
            self.own_hosts_peer = Some((peers.len(), false));
            peers.push(self.narrow_peer(requirement));
        }
        Some(peers)
    }

    /// The declared clients a row with no stated peer is planned from (see
    /// [`Self::unstated_peer_clients`]), without the platform's own hosts.
    fn unstated_peer_clients_only(
        &mut self,
        requirement: &Requirement,
        location: &SourceLocation,
    ) -> Option<Vec<Peer>> {
        let topology = self.topology;
        let settlement = topology.clients_of(&requirement.component)?;
        if requirement.exposure == Some(Exposure::External) {
            return self.client_peers(requirement);
        }
        // An untrusted zone; for a two-way row ("22 (inbound and outbound)": subsystems
        // talking to each other, never a user-facing port), also a host only on untrusted
        // networks. Regression: a DMZ reverse proxy named as the portal's client was given
        // the portal's SSH and HTTPS two-way rows, both ways. (An inbound row keeps such a
        // host: a proxy in front of an ingress's 443 is what `clients` is for.)
        let two_way = requirement.direction == Some(Direction::Bidirectional);
        let outside = |name: &str| {
            let name = name.trim();
            name.eq_ignore_ascii_case("any")
                || topology.zone(name).is_some_and(|z| z.is_untrusted())
                || two_way
                    && topology
                        .host(name)
                        .is_some_and(|h| topology.legs(h).iter().all(|(z, _)| z.is_untrusted()))
        };
        let (left_out, kept): (Vec<_>, Vec<_>) =
            settlement.members.iter().cloned().partition(|m| outside(&m.value));
        if left_out.is_empty() {
            return self.client_peers(requirement);
        }
        let names: Vec<String> = left_out.iter().map(|m| format!("`{}`", m.value)).collect();
        self.direction_noted = true;
        let kept = Settlement { key: settlement.key.clone(), members: kept };
        let peers = self.settlement_peers(&kept);
        // The platform's own hosts either way, said here for this row.
        let (mut peers, planned) = if peers.is_empty() {
            (Vec::new(), "the platform's own hosts only")
        } else {
            (peers, "its other clients and the platform's own hosts")
        };
        self.own_hosts_peer = Some((peers.len(), true));
        peers.push(self.narrow_peer(requirement));
        self.note_assumed(
            NoteKind::PeerAssumed,
            requirement,
            format!(
                "states no peer and is not called external, so the untrusted clients of {} ({}) are left out: planned from {planned}",
                requirement.component,
                names.join(", ")
            ),
            location,
        );
        Some(peers)
    }

    /// Notes a peer (or a direction) the planner had to assume, with where the document says
    /// it and the two ways to settle it.
    fn note_assumed(
        &mut self,
        kind: NoteKind,
        requirement: &Requirement,
        what: String,
        location: &SourceLocation,
    ) {
        let pin = match kind {
            NoteKind::DirectionAssumed => "direction=inbound|outbound|internal",
            _ if self.direction_unstated => "direction=... peer=<component or zone>",
            _ => "peer=<component or zone>",
        };
        let what = if kind == NoteKind::PeerAssumed && self.direction_unstated {
            format!("states no direction (planned as inbound); {what}")
        } else {
            what
        };
        self.direction_noted = true;
        self.assumed = true;
        self.note(
            kind,
            format!(
                "{} {} ({}): {what}; settle it with `<!-- portolan: {pin} -->` in the document or `peers: {{ \"{}\": [...] }}` in the topology",
                requirement.component,
                describe_ports(requirement),
                requirement.source,
                requirement.id,
            ),
            Some(&requirement.id),
            Some(location.clone()),
        );
    }

    /// P042 for a row "between nodes" with no peer, planned from every host of its platform in
    /// the zone, when some of them hold another part only (see `between_nodes`).
    fn note_other_parts_between_nodes(
        &mut self,
        requirement: &Requirement,
        platform: &str,
        location: &SourceLocation,
    ) {
        if !requirement.purpose.as_deref().is_some_and(super::between_nodes::says_between_nodes) {
            return;
        }
        let topology = self.topology;
        let networks = Arc::clone(&self.networks);
        let part_hosts =
            self.placed.get(requirement.component.as_str()).cloned().unwrap_or_default();
        let others = super::between_nodes::other_parts_hosts(
            &self.platform_hosts(platform),
            &part_hosts,
            |h| network_of(topology, &networks, h),
        );
        if others.is_empty() {
            return;
        }
        let mut names: Vec<String> = others
            .iter()
            .take(3)
            .filter_map(|&h| topology.hosts.get(h).map(|host| format!("`{}`", host.name)))
            .collect();
        if others.len() > 3 {
            names.push(format!("{} more", others.len() - 3));
        }
        self.note_assumed(
            NoteKind::PeerAssumed,
            requirement,
            format!(
                "says its traffic runs between nodes but names no peer: planned from every {platform} host of the zone, {} too, which hold none of {} (to keep it to the part's own hosts, name {} as the peer)",
                names.join(", "),
                requirement.component,
                requirement.component
            ),
            location,
        );
    }

    /// The narrowest reading of an unknown peer: the platform's own hosts (in the destination's
    /// zone), never the trusted zones or any.
    fn narrow_peer(&self, requirement: &Requirement) -> Peer {
        self.platform_peer(requirement.platform(), Direction::Internal)
    }

    fn resolve_peer(
        &mut self,
        requirement: &Requirement,
        direction: Direction,
        location: &SourceLocation,
    ) -> Option<Vec<Peer>> {
        let topology = self.topology;
        if let Some(settlement) = super::settlement_of(self.catalog, topology, requirement) {
            return Some(self.settlement_peers(settlement));
        }
        if let Some(entry) = topology.settled_peers(&requirement.id, &requirement.component) {
            // A component-wide entry passed over for the peer the document names: said, since
            // whoever wrote it may have meant this row too.
            let peer = requirement.peer.as_deref().unwrap_or_default();
            self.note(
                NoteKind::SettlementPassedOver,
                format!(
                    "{} {} ({}): the `peers` entry `{}` is not applied to it, as the document names its peer (`{}`); to send it elsewhere, name the row: `peers: {{ \"{}\": [...] }}`",
                    requirement.component,
                    describe_ports(requirement),
                    requirement.id,
                    crate::text::printable(&entry.key.value),
                    requirement.peer_component.as_deref().unwrap_or(peer),
                    requirement.id
                ),
                Some(&requirement.id),
                Some(topology.location(entry.key.position)),
            );
        }
        if let Some(peer) = &requirement.peer_component {
            if let Some(hosts) = self.placed.get(peer.as_str()) {
                return Some(vec![Peer::Hosts {
                    group: peer.clone(),
                    description: format!("every host with the role {peer}"),
                    hosts: hosts.clone(),
                    zoned: false,
                }]);
            }
            if let Some(placed) = super::placed_by_peers(topology, peer) {
                return Some(self.settlement_peers(placed));
            }
            if self.components.get(peer.as_str()).is_some_and(|c| c.external) {
                let peers = self.external_peer(requirement, direction, peer, location);
                return if peers.is_empty() { None } else { Some(peers) };
            }
            self.note_peer_not_placed(requirement, peer, location);
            return None;
        }
        let platform = requirement.platform().to_owned();
        let reading = self
            .catalog
            .platform(&platform)
            .map(|p| read_requirement_peer(requirement, p))
            .unwrap_or_else(|| {
                requirement.peer.as_ref().map(|text| PeerReading {
                    unresolved: vec![text.clone()],
                    ..PeerReading::default()
                })
            });
        let (Some(text), Some(reading)) = (requirement.peer.as_deref(), reading) else {
            if let Some(peers) = self.sender_peers(requirement, direction) {
                return Some(peers);
            }
            return Some(match direction {
                Direction::Internal => {
                    self.note_other_parts_between_nodes(requirement, &platform, location);
                    vec![self.platform_peer(&platform, direction)]
                }
                // Egress with no peer: "wherever the service is" would be a rule to every
                // address, and the platform's own hosts would open their port to it. Neither
                // is the document's: no flow, said (P041) with how to settle it.
                Direction::Outbound => {
                    let said = format!(
                        "an outbound connection whose peer the document does not state: no flow planned (a rule to every address would widen it); say where it connects with `peers: {{ \"{}\": [zones, hosts or roles] }}` in the topology or `<!-- portolan: peer=... -->` in the document",
                        requirement.id
                    );
                    self.note_destination_unstated(requirement, location, &said);
                    return None;
                }
                Direction::Inbound | Direction::Bidirectional => {
                    if let Some(clients) = self.unstated_peer_clients(requirement, location) {
                        clients
                    } else {
                        let what = if requirement.exposure == Some(Exposure::External) {
                            "states no peer (the port is external: declare its `clients`)"
                        } else {
                            "states no peer"
                        };
                        self.note_assumed(
                            NoteKind::PeerAssumed,
                            requirement,
                            format!("{what}: planned from the platform's own hosts only"),
                            location,
                        );
                        vec![self.narrow_peer(requirement)]
                    }
                }
            });
        };
        if reading.only_host_local() {
            self.note(
                NoteKind::HostLocal,
                format!(
                    "{} {}: peer `{text}` is the host itself, no network flow",
                    requirement.component,
                    describe_ports(requirement)
                ),
                Some(&requirement.id),
                Some(location.clone()),
            );
            return None;
        }
        let mut peers = Vec::new();
        for component in &reading.components {
            if let Some(hosts) = self.placed.get(component.as_str()) {
                peers.push(Peer::Hosts {
                    group: component.clone(),
                    description: format!("every host with the role {component}"),
                    hosts: hosts.clone(),
                    zoned: false,
                });
            } else if let Some(placed) = super::placed_by_peers(self.topology, component) {
                let placed = self.settlement_peers(placed);
                peers.extend(placed);
            } else if self.components.get(component.as_str()).is_some_and(|c| c.external) {
                let external = self.external_peer(requirement, direction, component, location);
                peers.extend(external);
            } else {
                self.note_peer_not_placed(requirement, component, location);
            }
        }
        let mut assumed: Vec<String> = Vec::new();
        let mut internet_undeclared = false;
        for class in &reading.classes {
            match class {
                PeerClass::PlatformHosts => peers.push(self.platform_peer(&platform, direction)),
                // No untrusted zone would make "the internet" every address (the site may be
                // air-gapped): read it narrowly instead, and say so. (A connection out has
                // nowhere declared to go: said below.)
                PeerClass::Public
                    if direction != Direction::Outbound
                        && !topology.untrusted_zones().any(|z| !z.cidrs.is_empty()) =>
                {
                    assumed.push(format!("`{text}` (the topology declares no untrusted zone)"));
                }
                // A connection out to the internet (a registry, an update server, the
                // outgoing half of a relay) goes to the zones that are the internet, never to
                // a VPN pool or a DMZ because they are untrusted too; with no such zone,
                // where it goes is not declared.
                PeerClass::Public => {
                    let (peer, undeclared) = self.outside_peer(direction);
                    peers.extend(peer);
                    internet_undeclared |= undeclared;
                }
                // No trusted zone would make "internal" any address: read it narrowly instead.
                PeerClass::Private if !topology.trusted_zones().any(|z| !z.cidrs.is_empty()) => {
                    assumed.push(format!("`{text}` (the topology declares no trusted zone)"));
                }
                PeerClass::Private => peers.push(Peer::Endpoints(self.zones_endpoints(false))),
                PeerClass::Clients => match self.client_peers(requirement) {
                    Some(clients) => peers.extend(clients),
                    None => assumed.push(format!("`{text}` (its clients are not declared)")),
                },
                PeerClass::Everyone => {
                    peers.push(self.platform_peer(&platform, direction));
                    match self.client_peers(requirement) {
                        // Declared clients say who the public is (a load balancer in front
                        // is not bypassed from the internet).
                        Some(clients) => peers.extend(clients),
                        // The internet only when the document calls the port external.
                        None if requirement.exposure == Some(Exposure::External) => {
                            if direction == Direction::Outbound
                                || topology.untrusted_zones().any(|z| !z.cidrs.is_empty())
                            {
                                let (peer, undeclared) = self.outside_peer(direction);
                                peers.extend(peer);
                                internet_undeclared |= undeclared;
                            } else {
                                // Not every address: the outside is not declared.
                                assumed.push(format!(
                                    "`{text}` (an external port, and the topology declares no untrusted zone and no `clients`)"
                                ));
                            }
                        }
                        None => {}
                    }
                }
            }
        }
        for part in &reading.unresolved {
            if let Some(zone) = zone_named(topology, part) {
                peers.push(Peer::Endpoints(vec![self.zone_endpoint(zone)]));
            } else {
                assumed.push(format!("`{part}`"));
            }
        }
        if internet_undeclared {
            self.note_internet_undeclared(requirement, direction, text, location);
        }
        if !assumed.is_empty() {
            // Egress to the peers a text does name stays as it is; anything else that names
            // nothing known gets the narrowest reading.
            let planned = if direction != Direction::Outbound || peers.is_empty() {
                peers.push(self.narrow_peer(requirement));
                "planned with the platform's own hosts only"
            } else {
                "planned with the peers it does name"
            };
            self.note_assumed(
                NoteKind::PeerAssumed,
                requirement,
                format!(
                    "peer {} names no component, zone or declared client: {planned}",
                    assumed.join(", ")
                ),
                location,
            );
        }
        if peers.is_empty() { None } else { Some(peers) }
    }

    /// The hosts of the components a peerless row's purpose names as its senders (`sender.rs`),
    /// for a row coming in; `None` when it names none, or one no host holds (the row keeps its
    /// narrow reading then, and the note that says it).
    fn sender_peers(
        &mut self,
        requirement: &Requirement,
        direction: Direction,
    ) -> Option<Vec<Peer>> {
        if !matches!(direction, Direction::Inbound | Direction::Internal) {
            return None;
        }
        let platform = self.catalog.platform(requirement.platform())?;
        let senders = super::sender::senders(requirement, platform);
        if senders.is_empty() {
            return None;
        }
        let mut peers = Vec::new();
        for sender in &senders {
            let hosts = self.placed.get(sender.as_str())?;
            peers.push(Peer::Hosts {
                group: sender.clone(),
                description: format!("every host with the role {sender}"),
                hosts: hosts.clone(),
                zoned: false,
            });
        }
        // The document names who connects: the direction is read with it.
        self.direction_noted = true;
        Some(peers)
    }

    /// A peer component that runs outside the topology (`external` in its document) and that
    /// no host holds. A connection in comes from the component's declared `clients` when the
    /// topology names them: they say where the outside reaches it from (the office agents'
    /// workstations, or a load balancer the agents talk to, in which case a direct path from
    /// the internet would bypass it). Without `clients`, the untrusted zones, the document's
    /// "outside". (A requirement's `peers:` entry, read before this, narrows it.) With no
    /// untrusted zone either, "outside" would be any address: the narrowest reading, noted.
    /// A connection out to it is not planned until the topology says where it is (P040).
    /// A peer text that names a zone of the topology (`Protected zone` and a zone `protected`)
    /// is that zone before all of this: the document's zone is not "the outside".
    fn external_peer(
        &mut self,
        requirement: &Requirement,
        direction: Direction,
        peer: &str,
        location: &SourceLocation,
    ) -> Vec<Peer> {
        let topology = self.topology;
        if let Some(zone) = requirement.peer.as_deref().and_then(|text| zone_named(topology, text))
        {
            return vec![Peer::Endpoints(vec![self.zone_endpoint(zone)])];
        }
        let has_untrusted = topology.untrusted_zones().any(|z| !z.cidrs.is_empty());
        if direction == Direction::Outbound {
            // Where the outside server lives is not said (an NFS filer or a mail relay is
            // rarely "the internet"): a rule to the untrusted zones, or to every address
            // without one, would open the port to the world for one server. Rules are default
            // deny: no flow, and an error (P040) that says how to place it.
            self.note(
                NoteKind::PeerNotPlaced,
                format!(
                    "{} {} ({}): peer `{peer}` runs outside the topology and no host holds it: no flow planned (not a rule to every address); give a host the role, or declare its network as a zone (a /32 will do) and name it in `peers: {{ \"{}\": [...] }}`",
                    requirement.component,
                    describe_ports(requirement),
                    requirement.source,
                    requirement.id
                ),
                Some(&requirement.id),
                Some(location.clone()),
            );
            return Vec::new();
        }
        if self.components.get(peer).is_some_and(|c| reads_as_internal_network(c)) {
            // API Connect's "Protected zone" (its operators' internal network) runs outside
            // the topology but is no part of the internet: the untrusted zones would open
            // administration ports (SSH, 9090) to the world. Narrowed, and said.
            self.note_assumed(
                NoteKind::PeerAssumed,
                requirement,
                format!(
                    "peer `{peer}` is an internal network outside the topology and no zone is named after it: planned from the platform's own hosts only, neither from the untrusted zones nor from the `clients` of {} (name its zone in `peers: {{ \"{}\": [...] }}`)",
                    requirement.component,
                    requirement.id
                ),
                location,
            );
            return vec![self.narrow_peer(requirement)];
        }
        if let Some(clients) = self.client_peers(requirement) {
            let open = |name: &str| {
                name.trim().eq_ignore_ascii_case("any")
                    || topology.zone(name.trim()).is_some_and(|z| z.is_untrusted())
            };
            let declared = topology.clients_of(&requirement.component);
            if has_untrusted && !declared.is_some_and(|s| s.members.iter().any(|m| open(&m.value)))
            {
                // Not silent: the document puts this peer outside, the topology's clients
                // name no untrusted zone (a load balancer in front, an office): said once.
                self.note_assumed(
                    NoteKind::PeerAssumed,
                    requirement,
                    format!(
                        "peer `{peer}` runs outside the topology and the `clients` of {} name no untrusted zone: planned from the declared clients only",
                        requirement.component
                    ),
                    location,
                );
            }
            return clients;
        }
        if has_untrusted {
            // The outside: every untrusted zone coming in, the internet going out (a
            // bidirectional row's outgoing half never goes to a VPN pool or a DMZ).
            let (outside, undeclared) = self.outside_peer(direction);
            if undeclared {
                self.note_internet_undeclared(requirement, direction, peer, location);
            }
            return outside.into_iter().collect();
        }
        self.note_assumed(
            NoteKind::PeerAssumed,
            requirement,
            format!(
                "peer `{peer}` runs outside the topology, which declares no untrusted zone and no `clients` for {}: planned from the platform's own hosts only",
                requirement.component
            ),
            location,
        );
        vec![self.narrow_peer(requirement)]
    }

    fn note_peer_not_placed(
        &mut self,
        requirement: &Requirement,
        peer: &str,
        location: &SourceLocation,
    ) {
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
        let first = self.tables.location_value(first_location).clone();
        let direction = requirement.direction.unwrap_or(Direction::Inbound);
        self.direction_unstated = requirement.direction.is_none();
        self.direction_noted = false;
        self.assumed = false;
        self.own_hosts_peer = None;
        let settled = super::settlement_of(self.catalog, self.topology, requirement).is_some();
        let peers = self.resolve_peer(requirement, direction, &first);
        // A peer the topology settles says who connects in: the direction is settled with it.
        if self.direction_unstated && !self.direction_noted && !settled {
            self.note_assumed(
                NoteKind::DirectionAssumed,
                requirement,
                "states no direction: planned as inbound".to_owned(),
                &first,
            );
        }
        self.direction_unstated = false;
        let Some(peers) = peers else { return };
        // (source endpoint, destination endpoint, location) before the family check.
        let mut pairs: Vec<(u32, u32, u32)> = Vec::new();
        for (index, peer) in peers.iter().enumerate() {
            let before = pairs.len();
            self.peer_pairs(peer, direction, requirement, placement, first_location, &mut pairs);
            if self.own_hosts_peer == Some((index, false)) {
                self.record_own_hosts(requirement, pairs.get(before..).unwrap_or_default());
            }
        }
        // An assumption travels with the flow: every emitter writes the justification next to
        // the rule, so the rule files say it where the rule is.
        let mut justification = justify(requirement, direction);
        if self.assumed {
            justification.push_str(super::ASSUMED_MARK);
        }
        let provenance = self.tables.provenance(&requirement.id, justification);
        let necessity = necessity_of(requirement);
        self.push_flows(requirement, transports, provenance, necessity, pairs);
    }

    /// (source, destination, location) endpoint pairs between `peer` and the placed hosts.
    fn peer_pairs(
        &mut self,
        peer: &Peer,
        direction: Direction,
        requirement: &Requirement,
        placement: &Placement,
        first_location: u32,
        pairs: &mut Vec<(u32, u32, u32)>,
    ) {
        let inbound = matches!(
            direction,
            Direction::Inbound | Direction::Bidirectional | Direction::Internal
        );
        let outbound = matches!(direction, Direction::Outbound | Direction::Bidirectional);
        if inbound {
            match peer {
                Peer::Hosts { group, description, hosts, zoned } => {
                    let topology = self.topology;
                    let networks = Arc::clone(&self.networks);
                    let zone_of = |h: usize| network_of(topology, &networks, h);
                    // Zone → the platform's hosts there (zoned peers).
                    // Sorted by zone (`order::entry_sorted`: no map type of its own).
                    let mut local: Vec<(&str, Vec<usize>)> = Vec::new();
                    if *zoned {
                        for &h in hosts {
                            crate::order::entry_sorted(&mut local, &zone_of(h)).push(h);
                        }
                    }
                    // Hosts of the row's own component that are the only host of the
                    // platform in their zone (a node in the DMZ): they are reached from every
                    // platform host, so every host of the component reaches them and they
                    // reach it back; a zoned source alone would cut their half in silence
                    // (the DMZ node's kubelet never reaching the API server).
                    let lonely: Vec<usize> = if *zoned {
                        hosts
                            .iter()
                            .copied()
                            .filter(|&h| {
                                crate::order::get_sorted(&local, &zone_of(h))
                                    .is_some_and(|m| m.len() == 1)
                                    && hosts.len() > 1
                                    && placement.hosts.contains(&h)
                            })
                            .collect()
                    } else {
                        Vec::new()
                    };
                    let mut by_zone: HashMap<&str, Option<u32>> = HashMap::default();
                    let mut everyone: Option<Option<u32>> = None;
                    // Destinations reached from their own zone's hosts only (host, location).
                    let mut zoned_destinations: Vec<(usize, u32)> = Vec::new();
                    for (&host, &location) in placement.hosts.iter().zip(&placement.locations) {
                        let zone = zone_of(host);
                        let name = &topology.hosts[host].name;
                        // Only the host itself in its zone: nobody shares it, so all the platform's hosts.
                        let members = crate::order::get_sorted(&local, &zone).filter(|m| {
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
                        if members.is_some() {
                            zoned_destinations.push((host, location));
                            for &other in &lonely {
                                let source = self.host_endpoint(other);
                                let destination = self.host_endpoint(host);
                                pairs.push((source, destination, location));
                            }
                        }
                    }
                    if !zoned_destinations.is_empty() {
                        self.record_zoned_apart(
                            requirement,
                            placement,
                            &zoned_destinations,
                            &lonely,
                        );
                    }
                }
                Peer::Endpoints(sources) | Peer::Halves { inbound: sources, .. } => {
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
            if let Peer::Hosts { hosts, zoned: true, .. } = peer {
                self.zoned_outbound(&component, hosts, placement, first_location, pairs);
                return;
            }
            let description = format!("every host with the role {component}");
            if let Some(source) = self.hosts_endpoint(&component, &description, &placement.hosts) {
                let destinations: Vec<u32> = match peer {
                    Peer::Hosts { hosts, .. } => {
                        hosts.iter().map(|&h| self.host_endpoint(h)).collect()
                    }
                    Peer::Endpoints(endpoints) | Peer::Halves { outbound: endpoints, .. } => {
                        endpoints.clone()
                    }
                };
                for destination in destinations {
                    pairs.push((source, destination, first_location));
                }
            }
        }
    }

    /// The outgoing half of a row read narrowly (the platform's hosts in the destination's
    /// zone): each host of the component reaches the platform's hosts of its own zone, as the
    /// incoming half comes from them; a host with no other platform host in its zone reaches
    /// them all, as they all reach it. Regression: the outgoing half went to every host of the
    /// platform, so API Connect analytics' SSH and HTTPS "inbound and outbound" rows opened
    /// the gateways in other halls to it, a peer no row of theirs names.
    fn zoned_outbound(
        &mut self,
        component: &str,
        hosts: &[usize],
        placement: &Placement,
        first_location: u32,
        pairs: &mut Vec<(u32, u32, u32)>,
    ) {
        let topology = self.topology;
        let networks = Arc::clone(&self.networks);
        let zone_of = |h: usize| network_of(topology, &networks, h);
        // Zone → (the component's hosts there, the platform's hosts there), in zone order.
        // Sorted by zone (`order::entry_sorted`: no map type of its own).
        let mut by_zone: Vec<(&str, ZoneHosts)> = Vec::new();
        for &h in &placement.hosts {
            crate::order::entry_sorted(&mut by_zone, &zone_of(h)).0.push(h);
        }
        for &h in hosts {
            if let Some((_, local)) = crate::order::get_sorted_mut(&mut by_zone, &zone_of(h)) {
                local.push(h);
            }
        }
        // A host sharing its zone with other platform hosts reaches those; one alone reaches all.
        let reached = |sources: &[usize], local: Vec<usize>| {
            if local.iter().any(|h| !sources.contains(h)) { local } else { hosts.to_vec() }
        };
        let per_zone: Vec<(&str, Vec<usize>, Vec<usize>)> = by_zone
            .into_iter()
            .map(|(zone, (sources, local))| {
                let destinations = reached(&sources, local);
                (zone, sources, destinations)
            })
            .collect();
        // Every zone reaching every platform host: one group, as a row read widely is.
        let zones_apart = per_zone.iter().any(|(_, _, d)| d.len() < hosts.len());
        for (zone, sources, destinations) in per_zone {
            let (name, description) = if zones_apart {
                (
                    format!("{component}@{zone}"),
                    format!("every host with the role {component} in zone {zone}"),
                )
            } else {
                (component.to_owned(), format!("every host with the role {component}"))
            };
            let sources = if zones_apart { sources } else { placement.hosts.clone() };
            let Some(source) = self.hosts_endpoint(&name, &description, &sources) else {
                continue;
            };
            for destination in destinations {
                let destination = self.host_endpoint(destination);
                pairs.push((source, destination, first_location));
            }
            if !zones_apart {
                break;
            }
        }
    }

    /// Records, once per requirement and environment, that the row's component has hosts in
    /// several zones of one environment (not counting those alone in theirs) while some of its
    /// hosts are reached from their own zone only. Linear in the hosts: a plan of 10,000.
    fn record_zoned_apart(
        &mut self,
        requirement: &Requirement,
        placement: &Placement,
        zoned_destinations: &[(usize, u32)],
        lonely: &[usize],
    ) {
        let topology = self.topology;
        let networks = Arc::clone(&self.networks);
        let zone_of = |h: usize| network_of(topology, &networks, h);
        let environment_of =
            |h: usize| topology.zone(zone_of(h)).and_then(|z| z.environment.as_deref());
        // Environment -> the zones the component's hosts are in. A few environments at most:
        // vectors searched in turn (each new map type is code of its own in the checker's wasm).
        // The zones sorted, each once (`order::insert_set`).
        let mut spread: Vec<(Option<&str>, Vec<&str>)> = Vec::new();
        for &h in placement.hosts.iter().filter(|h| !lonely.contains(h)) {
            let environment = environment_of(h);
            match spread.iter_mut().find(|(e, _)| *e == environment) {
                Some((_, zones)) => {
                    crate::order::insert_set(zones, zone_of(h));
                }
                None => spread.push((environment, vec![zone_of(h)])),
            }
        }
        let mut said: Vec<Option<&str>> = Vec::new();
        for &(host, location) in zoned_destinations {
            let environment = environment_of(host);
            let Some(zones) = spread
                .iter()
                .find(|(e, _)| *e == environment)
                .map(|(_, zones)| zones)
                .filter(|z| z.len() > 1)
            else {
                continue;
            };
            if said.contains(&environment) {
                continue;
            }
            said.push(environment);
            let entry = crate::order::entry_sorted(&mut self.zoned_apart, &requirement.component);
            let (id, ports) = (requirement.id.clone(), describe_ports(requirement));
            crate::order::insert_sorted(&mut entry.rows, id, ports);
            for zone in zones {
                crate::order::insert_set(&mut entry.zones, (*zone).to_owned());
            }
            entry.location.get_or_insert(location);
        }
    }

    fn push_flows(
        &mut self,
        requirement: &Requirement,
        transports: crate::model::Transports,
        provenance: u32,
        necessity: crate::model::Necessity,
        pairs: Vec<(u32, u32, u32)>,
    ) {
        let members = transports.members();
        let is_self = |tables: &Tables, (source, destination, _): &(u32, u32, u32)| {
            // Host endpoints are interned per host: the same id is the same host.
            source == destination && matches!(tables.endpoint_value(*source), Endpoint::Host(_))
        };
        if let Some(&(_, destination, location)) = pairs.first()
            && pairs.iter().all(|pair| is_self(&self.tables, pair))
        {
            // Said, not dropped in silence: every peer is the destination host itself (an
            // internal port of a platform placed on one host).
            let message = format!(
                "{} {} ({}): its only peer is {} itself, no network flow",
                requirement.component,
                describe_ports(requirement),
                requirement.source,
                self.tables.endpoint_value(destination).label()
            );
            let location = self.tables.location_value(location).clone();
            self.note(NoteKind::HostLocal, message, Some(&requirement.id), Some(location));
            return;
        }
        for (source, destination, location) in pairs {
            if is_self(&self.tables, &(source, destination, location)) {
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

/// The zone a peer text names (`Protected zone`, `dmz`), compared without case.
/// Does an outside component's document describe it as an internal network (a name or
/// description that reads private: "Internal network of operators") and nowhere as public?
fn reads_as_internal_network(component: &Component) -> bool {
    use crate::model::{PeerClass, class_of};
    // Word by word: "Internal network of operators and business users" reads as users whole.
    let classes: Vec<Option<PeerClass>> = std::iter::once(component.name.as_str())
        .chain(component.description.as_deref())
        .flat_map(crate::text::ascii_words)
        .map(class_of)
        .collect();
    classes.contains(&Some(PeerClass::Private)) && !classes.contains(&Some(PeerClass::Public))
}

pub(crate) fn zone_named<'t>(
    topology: &'t Topology,
    text: &str,
) -> Option<&'t crate::topology::Zone> {
    let text = text.trim();
    let lower = text.to_ascii_lowercase();
    let bare_len = lower.strip_suffix(" zone").map_or(lower.len(), str::len);
    let bare = text.get(..bare_len).unwrap_or(text).trim();
    if let Some(zone) = topology.zone(bare) {
        return Some(zone);
    }
    // Case-insensitive only when it picks one zone: `DMZ` and `dmz` side by side are two
    // zones, and a document's "Dmz" must not land in whichever was declared first.
    let mut matching = topology.zones.iter().filter(|z| z.name.eq_ignore_ascii_case(bare));
    let first = matching.next()?;
    if matching.next().is_some() { None } else { Some(first) }
}

/// The zone whose network host `h` is on for internal rows: its own zone, or the outermost
/// zone holding it ([`crate::topology::regions`]).
fn network_of<'t>(
    topology: &'t Topology,
    networks: &FxHashMap<&'t str, &'t str>,
    h: usize,
) -> &'t str {
    let zone = topology.hosts[h].zone.value.as_str();
    networks.get(zone).copied().unwrap_or(zone)
}
