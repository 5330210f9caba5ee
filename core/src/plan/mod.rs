//! The flow plan: the concrete network flows the placed roles need, merged and ordered, each
//! carrying the requirement ids it comes from. Rule emitters translate this and nothing else.
//!
//! # Semantics
//!
//! - **Which requirements**: for every host role (a catalog component id), the component's
//!   requirements that are *active*: required, recommended or of unstated necessity always;
//!   optional and conditional ones when `enable` names the requirement id or the component id.
//!   A component named in `enable` but placed on no host is a platform-wide feature (an overlay
//!   network, say): its requirements are planned on every host holding a role of its platform.
//! - **Direction** (relative to the component): inbound = peer → component host; outbound =
//!   component host(s) → peer; bidirectional = both; internal = the platform's hosts (or the
//!   named peer component's hosts) → component host. Unstated direction is planned as inbound
//!   and noted. Internal means inside the cluster network: when the peer is the platform's
//!   hosts, each component host is reached from the platform's hosts *in its own zone* (a group
//!   `platform@zone` when that is not all of them), and from all the platform's hosts only when
//!   none shares its zone (a load balancer in a DMZ is not a source of kubelet traffic).
//! - **Peers**: a peer component is resolved to the hosts holding it. An *external* component
//!   (registry, SMTP server) placed nowhere is the untrusted zones (or `any` without one). A
//!   non-external peer component placed nowhere cannot be planned: noted (and reported by the
//!   checker as `P040-peer-not-placed`). Peer text naming a zone is that zone; `external`,
//!   `internet`, `public`… are the untrusted zones; `internal`, `private`, `corporate`… the
//!   trusted zones; `nodes`, `cluster`, `hosts` the platform's hosts; `any`, `all` is any. No
//!   peer: inbound from the trusted zones (from any when the port is marked external), outbound
//!   to any, internal from the platform's hosts.
//! - **Transport**: a flow has exactly one; `tcp+udp` makes two flows. A requirement without a
//!   known transport cannot be planned: noted, never dropped silently.
//! - **Addresses**: a flow is only planned when source and destination share an IP family.
//!   Emitters pair families themselves (an IPv4 source with the destination's IPv4 addresses).
//! - **Merging and order**: flows with the same source, destination and transport whose port
//!   ranges overlap or touch are merged (their requirement ids united). Flows are sorted by
//!   destination, source, transport, then ports; groups by name; notes by kind and text.
//!   A host never gets a flow to itself.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt;
use std::net::IpAddr;

use ipnet::IpNet;
use serde::{Deserialize, Serialize};

use crate::diagnostic::SourceLocation;
use crate::model::{Catalog, Direction, Necessity, PortRange, Requirement, Transport};
use crate::topology::{Host, Topology};

pub(crate) mod fast_hash;
use fast_hash::FxHashMap;

/// A host as flows see it: its name, zone and addresses.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct HostRef {
    pub name: String,
    pub zone: String,
    pub addresses: Vec<IpAddr>,
}

impl HostRef {
    pub fn from_host(host: &Host) -> Self {
        Self { name: host.name.clone(), zone: host.zone.value.clone(), addresses: host.ips().collect() }
    }
}

/// One side of a flow.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Endpoint {
    /// Every address (both families).
    Any,
    /// A zone's networks.
    Zone { name: String, cidrs: Vec<IpNet> },
    /// A set of hosts defined once in [`FlowPlan::groups`] (named after a component id such as
    /// `openlm/control-plane`, or a platform id such as `openlm` for all its hosts).
    Group { name: String },
    /// One host and all its addresses.
    Host(HostRef),
}

impl Endpoint {
    /// A short human label: `any`, `zone internet`, `group openlm`, `host cp1`.
    pub fn label(&self) -> String {
        match self {
            Endpoint::Any => "any".to_owned(),
            Endpoint::Zone { name, .. } => format!("zone {name}"),
            Endpoint::Group { name } => format!("group {name}"),
            Endpoint::Host(host) => format!("host {}", host.name),
        }
    }

    /// The endpoint's name alone (`internet`, `cp1`), `any` for any.
    pub fn name(&self) -> &str {
        match self {
            Endpoint::Any => "any",
            Endpoint::Zone { name, .. } | Endpoint::Group { name } => name,
            Endpoint::Host(host) => &host.name,
        }
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

/// A named set of hosts used as a flow source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostGroup {
    pub name: String,
    pub description: String,
    /// Sorted by host name.
    pub members: Vec<HostRef>,
}

/// One allowed flow: source → destination on a port range and one transport.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flow {
    pub source: Endpoint,
    pub destination: Endpoint,
    pub ports: PortRange,
    pub transport: Transport,
    /// The strongest necessity among the requirements behind the flow.
    pub necessity: Necessity,
    /// Requirement ids (`platform/anchor`), sorted, never empty: the provenance.
    pub requirements: Vec<String>,
    /// Why the flow exists, in words (component, direction, purpose).
    pub justification: String,
    /// The topology entry (a host's role) that brought the flow in.
    pub location: Option<SourceLocation>,
}

/// Why something in the topology produced no flow, or produced one on an assumption.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NoteKind {
    /// A role that names no catalog component: nothing planned for it.
    UnknownRole,
    /// The requirement names no transport: no flow can be planned.
    UnknownTransport,
    /// The requirement's peer component is placed on no host: no flow planned.
    PeerNotPlaced,
    /// Source and destination share no IP family (IPv4-only zone to an IPv6-only host).
    NoCommonFamily,
    /// The requirement states no direction: planned as inbound.
    DirectionAssumed,
    /// The peer text was not understood: planned with a default peer.
    PeerAssumed,
}

impl NoteKind {
    /// True when the note means part of the catalog's requirements has no flow.
    pub fn is_skip(self) -> bool {
        matches!(self, NoteKind::UnknownRole | NoteKind::UnknownTransport | NoteKind::PeerNotPlaced | NoteKind::NoCommonFamily)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PlanNote {
    pub kind: NoteKind,
    pub message: String,
    pub requirement: Option<String>,
    pub location: Option<SourceLocation>,
}

/// Everything `plan` produced.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlowPlan {
    pub groups: Vec<HostGroup>,
    pub flows: Vec<Flow>,
    /// Skipped requirements and assumptions, sorted, deduplicated.
    pub notes: Vec<PlanNote>,
}

impl FlowPlan {
    pub fn group(&self, name: &str) -> Option<&HostGroup> {
        self.groups.iter().find(|g| g.name == name)
    }

    /// The networks an endpoint stands for: host addresses as /32 or /128. `None` for any.
    pub fn networks(&self, endpoint: &Endpoint) -> Option<Vec<IpNet>> {
        match endpoint {
            Endpoint::Any => None,
            Endpoint::Zone { cidrs, .. } => Some(cidrs.clone()),
            Endpoint::Host(host) => Some(host.addresses.iter().map(|a| IpNet::from(*a)).collect()),
            Endpoint::Group { name } => Some(
                self.group(name)
                    .map(|g| g.members.iter().flat_map(|m| m.addresses.iter().map(|a| IpNet::from(*a))).collect())
                    .unwrap_or_default(),
            ),
        }
    }

    /// The host addresses of an endpoint of kind host or group (empty for zones and any).
    pub fn hosts<'a>(&'a self, endpoint: &'a Endpoint) -> Vec<&'a HostRef> {
        match endpoint {
            Endpoint::Host(host) => vec![host],
            Endpoint::Group { name } => self.group(name).map(|g| g.members.iter().collect()).unwrap_or_default(),
            Endpoint::Any | Endpoint::Zone { .. } => Vec::new(),
        }
    }

    /// Notes that mean a requirement got no flow.
    pub fn skipped(&self) -> impl Iterator<Item = &PlanNote> {
        self.notes.iter().filter(|n| n.kind.is_skip())
    }
}

/// Is `requirement` planned in this topology (see the module docs)?
pub fn is_active(requirement: &Requirement, enabled: &HashSet<&str>) -> bool {
    match requirement.necessity {
        None => true,
        Some(n) if n.on_by_default() => true,
        Some(_) => enabled.contains(requirement.id.as_str()) || enabled.contains(requirement.component.as_str()),
    }
}

/// The strength order used when merging: required beats recommended beats the rest.
fn necessity_of(requirement: &Requirement) -> Necessity {
    requirement.necessity.unwrap_or(Necessity::Required)
}

fn families_of_nets(nets: impl Iterator<Item = IpNet>) -> (bool, bool) {
    nets.fold((false, false), |(v4, v6), n| match n {
        IpNet::V4(_) => (true, v6),
        IpNet::V6(_) => (v4, true),
    })
}

/// Builds the flow plan for `topology` against `catalog`.
pub fn plan(catalog: &Catalog, topology: &Topology) -> FlowPlan {
    Planner::new(catalog, topology).run()
}

/// Where a component's hosts come from: placed roles, or platform-wide for an enabled feature.
struct Placement<'t> {
    hosts: Vec<&'t Host>,
    /// The location that brought each host in (its role entry, or the `enable` entry).
    locations: Vec<SourceLocation>,
}

struct Planner<'c, 't> {
    catalog: &'c Catalog,
    topology: &'t Topology,
    enabled: HashSet<&'t str>,
    by_component: HashMap<&'c str, Vec<&'c Requirement>>,
    /// Component id → hosts holding it, in document order.
    placed: HashMap<&'t str, Vec<&'t Host>>,
    /// Platform id → hosts holding a non-external component of it, in document order.
    by_platform: HashMap<&'t str, Vec<&'t Host>>,
    groups: BTreeMap<String, HostGroup>,
    /// IP families (v4, v6) of each group, computed once.
    group_families: HashMap<String, (bool, bool)>,
    notes: BTreeSet<PlanNote>,
    raw: Vec<Flow>,
}

/// Resolved peer side of a requirement.
enum Peer {
    /// Hosts holding a component (or a platform's hosts): group name and the hosts. When
    /// `zoned`, each destination host is reached only from those of them in its own zone (all
    /// of them when none is): an internal requirement means inside the cluster network.
    Hosts { group: String, description: String, hosts: Vec<HostRef>, zoned: bool },
    /// Zones or any.
    Endpoints(Vec<Endpoint>),
}

impl<'c, 't> Planner<'c, 't> {
    fn new(catalog: &'c Catalog, topology: &'t Topology) -> Self {
        let mut by_component: HashMap<&'c str, Vec<&'c Requirement>> = HashMap::new();
        for requirement in catalog.requirements() {
            by_component.entry(requirement.component.as_str()).or_default().push(requirement);
        }
        let mut placed: HashMap<&'t str, Vec<&'t Host>> = HashMap::new();
        for host in &topology.hosts {
            for role in &host.roles {
                let list = placed.entry(role.value.as_str()).or_default();
                // A role listed twice on one host counts once.
                if list.last().is_none_or(|last| !std::ptr::eq(*last, host)) {
                    list.push(host);
                }
            }
        }
        let mut by_platform: HashMap<&'t str, Vec<&'t Host>> = HashMap::new();
        for host in &topology.hosts {
            for role in &host.roles {
                let Some((platform, _)) = role.value.split_once('/') else { continue };
                if catalog.component(&role.value).is_none_or(|c| c.external) {
                    continue;
                }
                let list = by_platform.entry(platform).or_default();
                if list.last().is_none_or(|last| !std::ptr::eq(*last, host)) {
                    list.push(host);
                }
            }
        }
        let enabled = topology.enable.iter().map(|e| e.value.as_str()).collect();
        Self {
            catalog,
            topology,
            enabled,
            by_component,
            placed,
            by_platform,
            groups: BTreeMap::new(),
            group_families: HashMap::new(),
            notes: BTreeSet::new(),
            raw: Vec::new(),
        }
    }

    fn note(&mut self, kind: NoteKind, message: String, requirement: Option<&str>, location: Option<SourceLocation>) {
        self.notes.insert(PlanNote { kind, message, requirement: requirement.map(str::to_owned), location });
    }

    fn run(mut self) -> FlowPlan {
        // Components in order of first placement, then platform-wide enabled features.
        let mut components: Vec<(&'t str, Placement<'t>)> = Vec::new();
        let mut seen: HashSet<&str> = HashSet::new();
        for host in &self.topology.hosts {
            for role in &host.roles {
                if self.catalog.component(&role.value).is_none() {
                    self.note(
                        NoteKind::UnknownRole,
                        format!("host `{}` has role `{}`, which is not in the catalog: nothing planned for it", host.name, role.value),
                        None,
                        Some(self.topology.location(role.position)),
                    );
                    continue;
                }
                if seen.insert(role.value.as_str()) {
                    let hosts = self.placed.get(role.value.as_str()).cloned().unwrap_or_default();
                    let locations = hosts
                        .iter()
                        .map(|h| {
                            let position = h.roles.iter().find(|r| r.value == role.value).map_or(h.position, |r| r.position);
                            self.topology.location(position)
                        })
                        .collect();
                    components.push((role.value.as_str(), Placement { hosts, locations }));
                }
            }
        }
        for entry in &self.topology.enable {
            let id = entry.value.as_str();
            if seen.contains(id) || self.catalog.component(id).is_none() {
                continue;
            }
            let platform = id.split_once('/').map_or(id, |(p, _)| p);
            let hosts = self.platform_hosts(platform);
            if hosts.is_empty() {
                continue;
            }
            seen.insert(id);
            let locations = hosts.iter().map(|_| self.topology.location(entry.position)).collect();
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

        let flows = merge(std::mem::take(&mut self.raw));
        FlowPlan { groups: self.groups.into_values().collect(), flows, notes: self.notes.into_iter().collect() }
    }

    /// Hosts holding any role of `platform`, in document order.
    fn platform_hosts(&self, platform: &str) -> Vec<&'t Host> {
        self.by_platform.get(platform).cloned().unwrap_or_default()
    }

    /// An endpoint for a set of hosts: the host itself when there is one, else a group.
    fn hosts_endpoint(&mut self, group: &str, description: &str, hosts: &[HostRef]) -> Option<Endpoint> {
        match hosts {
            [] => None,
            [one] => Some(Endpoint::Host(one.clone())),
            many => {
                if !self.groups.contains_key(group) {
                    let mut members = many.to_vec();
                    members.sort();
                    let families = families_of_nets(members.iter().flat_map(|m| m.addresses.iter().map(|a| IpNet::from(*a))));
                    self.group_families.insert(group.to_owned(), families);
                    self.groups.insert(group.to_owned(), HostGroup { name: group.to_owned(), description: description.to_owned(), members });
                }
                Some(Endpoint::Group { name: group.to_owned() })
            }
        }
    }

    fn zones_endpoints(&self, untrusted: bool) -> Vec<Endpoint> {
        let zones: Vec<Endpoint> = self
            .topology
            .zones
            .iter()
            .filter(|z| z.is_untrusted() == untrusted && !z.cidrs.is_empty())
            .map(|z| Endpoint::Zone { name: z.name.clone(), cidrs: z.nets().collect() })
            .collect();
        if zones.is_empty() { vec![Endpoint::Any] } else { zones }
    }

    /// The platform's hosts as a peer; `internal` scopes them to the destination's zone.
    fn platform_peer(&self, platform: &str, direction: Direction) -> Peer {
        let hosts = self.platform_hosts(platform).into_iter().map(HostRef::from_host).collect();
        Peer::Hosts {
            group: platform.to_owned(),
            description: format!("every host with a {platform} role"),
            hosts,
            zoned: direction == Direction::Internal,
        }
    }

    fn resolve_peer(&mut self, requirement: &Requirement, direction: Direction, location: &SourceLocation) -> Option<Peer> {
        if let Some(peer) = &requirement.peer_component {
            if let Some(hosts) = self.placed.get(peer.as_str()) {
                let hosts = hosts.iter().map(|h| HostRef::from_host(h)).collect();
                return Some(Peer::Hosts { group: peer.clone(), description: format!("every host with the role {peer}"), hosts, zoned: false });
            }
            if self.catalog.component(peer).is_some_and(|c| c.external) {
                return Some(Peer::Endpoints(self.zones_endpoints(true)));
            }
            self.note(
                NoteKind::PeerNotPlaced,
                format!("{} needs peer `{peer}`, which no host holds: no flow planned for {}", requirement.component, describe_ports(requirement)),
                Some(&requirement.id),
                Some(location.clone()),
            );
            return None;
        }
        let platform = requirement.platform().to_owned();
        let Some(text) = requirement.peer.as_deref() else {
            return Some(match direction {
                Direction::Internal => self.platform_peer(&platform, direction),
                Direction::Outbound => Peer::Endpoints(vec![Endpoint::Any]),
                Direction::Inbound | Direction::Bidirectional => {
                    if requirement.exposure == Some(crate::model::Exposure::External) {
                        Peer::Endpoints(vec![Endpoint::Any])
                    } else {
                        Peer::Endpoints(self.zones_endpoints(false))
                    }
                }
            });
        };
        match classify_peer(text, self.topology) {
            PeerClass::Zone(name) => {
                let zone = self.topology.zone(&name).map(|z| Endpoint::Zone { name: z.name.clone(), cidrs: z.nets().collect() });
                Some(Peer::Endpoints(zone.into_iter().collect()))
            }
            PeerClass::Any => Some(Peer::Endpoints(vec![Endpoint::Any])),
            PeerClass::Untrusted => Some(Peer::Endpoints(self.zones_endpoints(true))),
            PeerClass::Trusted => Some(Peer::Endpoints(self.zones_endpoints(false))),
            PeerClass::PlatformHosts => Some(self.platform_peer(&platform, direction)),
            PeerClass::Unknown => {
                let (peer, assumed) = match direction {
                    Direction::Outbound => (Peer::Endpoints(vec![Endpoint::Any]), "any destination"),
                    Direction::Internal => (self.platform_peer(&platform, direction), "the platform's hosts"),
                    Direction::Inbound | Direction::Bidirectional => (Peer::Endpoints(self.zones_endpoints(false)), "the trusted zones"),
                };
                self.note(
                    NoteKind::PeerAssumed,
                    format!("peer `{text}` of {} {} is not a component or zone: planned with {assumed}", requirement.component, describe_ports(requirement)),
                    Some(&requirement.id),
                    None,
                );
                Some(peer)
            }
        }
    }

    fn plan_requirement(&mut self, requirement: &'c Requirement, placement: &Placement<'t>) {
        let Some(first_location) = placement.locations.first().cloned() else { return };
        let Some(transports) = requirement.transport else {
            self.note(
                NoteKind::UnknownTransport,
                format!(
                    "{} {} ({}) names no transport (tcp, udp or sctp): no flow planned",
                    requirement.component,
                    requirement.ports,
                    requirement.source
                ),
                Some(&requirement.id),
                Some(first_location),
            );
            return;
        };
        let direction = match requirement.direction {
            Some(d) => d,
            None => {
                self.note(
                    NoteKind::DirectionAssumed,
                    format!("{} {} states no direction: planned as inbound", requirement.component, describe_ports(requirement)),
                    Some(&requirement.id),
                    None,
                );
                Direction::Inbound
            }
        };
        let Some(peer) = self.resolve_peer(requirement, direction, &first_location) else { return };
        let component_hosts: Vec<HostRef> = placement.hosts.iter().map(|h| HostRef::from_host(h)).collect();
        let justification = justify(requirement, direction);
        let necessity = necessity_of(requirement);

        let mut pairs: Vec<(Endpoint, Endpoint, SourceLocation)> = Vec::new();
        let inbound = matches!(direction, Direction::Inbound | Direction::Bidirectional | Direction::Internal);
        let outbound = matches!(direction, Direction::Outbound | Direction::Bidirectional);
        if inbound {
            match &peer {
                Peer::Hosts { group, description, hosts, zoned } => {
                    let (group, description, hosts, zoned) = (group.clone(), description.clone(), hosts.clone(), *zoned);
                    // Zone → the source endpoint of destinations in that zone (zoned peers).
                    let mut local: BTreeMap<&str, Vec<HostRef>> = BTreeMap::new();
                    if zoned {
                        for h in &hosts {
                            local.entry(h.zone.as_str()).or_default().push(h.clone());
                        }
                    }
                    let mut by_zone: HashMap<&str, Option<Endpoint>> = HashMap::new();
                    let mut everyone: Option<Option<Endpoint>> = None;
                    for (host, location) in component_hosts.iter().zip(&placement.locations) {
                        // Only the host itself in its zone: nobody shares it, so all the platform's hosts.
                        let members = local
                            .get(host.zone.as_str())
                            .filter(|m| m.len() < hosts.len() && m.iter().any(|h| h.name != host.name));
                        let source = match members {
                            Some(members) => by_zone
                                .entry(host.zone.as_str())
                                .or_insert_with(|| {
                                    let zone = &host.zone;
                                    self.hosts_endpoint(&format!("{group}@{zone}"), &format!("{description} in zone {zone}"), members)
                                })
                                .clone(),
                            None => everyone.get_or_insert_with(|| self.hosts_endpoint(&group, &description, &hosts)).clone(),
                        };
                        if let Some(source) = source {
                            pairs.push((source, Endpoint::Host(host.clone()), location.clone()));
                        }
                    }
                }
                Peer::Endpoints(sources) => {
                    for (host, location) in component_hosts.iter().zip(&placement.locations) {
                        for source in sources {
                            pairs.push((source.clone(), Endpoint::Host(host.clone()), location.clone()));
                        }
                    }
                }
            }
        }
        if outbound {
            let component = requirement.component.clone();
            let description = format!("every host with the role {component}");
            if let Some(source) = self.hosts_endpoint(&component, &description, &component_hosts) {
                let destinations: Vec<Endpoint> = match &peer {
                    Peer::Hosts { hosts, .. } => hosts.iter().cloned().map(Endpoint::Host).collect(),
                    Peer::Endpoints(endpoints) => endpoints.clone(),
                };
                for destination in destinations {
                    pairs.push((source.clone(), destination, first_location.clone()));
                }
            }
        }

        for (source, destination, location) in pairs {
            if let (Endpoint::Host(a), Endpoint::Host(b)) = (&source, &destination)
                && a.name == b.name
            {
                continue;
            }
            if !self.share_family(&source, &destination) {
                self.note(
                    NoteKind::NoCommonFamily,
                    format!(
                        "{} → {} for {} {}: no IP family in common (IPv4 vs IPv6), no flow planned",
                        source.label(),
                        destination.label(),
                        requirement.component,
                        describe_ports(requirement)
                    ),
                    Some(&requirement.id),
                    Some(location.clone()),
                );
                continue;
            }
            let members = transports.members();
            let Some((last, others)) = members.split_last() else { continue };
            for transport in others {
                self.raw.push(Flow {
                    source: source.clone(),
                    destination: destination.clone(),
                    ports: requirement.ports,
                    transport: *transport,
                    necessity,
                    requirements: vec![requirement.id.clone()],
                    justification: justification.clone(),
                    location: Some(location.clone()),
                });
            }
            self.raw.push(Flow {
                source,
                destination,
                ports: requirement.ports,
                transport: *last,
                necessity,
                requirements: vec![requirement.id.clone()],
                justification: justification.clone(),
                location: Some(location),
            });
        }
    }

    fn families(&self, endpoint: &Endpoint) -> (bool, bool) {
        match endpoint {
            Endpoint::Any => (true, true),
            Endpoint::Zone { cidrs, .. } => families_of_nets(cidrs.iter().copied()),
            Endpoint::Host(host) => families_of_nets(host.addresses.iter().map(|a| IpNet::from(*a))),
            Endpoint::Group { name } => self.group_families.get(name).copied().unwrap_or((false, false)),
        }
    }

    fn share_family(&self, a: &Endpoint, b: &Endpoint) -> bool {
        let (a4, a6) = self.families(a);
        let (b4, b6) = self.families(b);
        (a4 && b4) || (a6 && b6)
    }
}

fn describe_ports(requirement: &Requirement) -> String {
    match requirement.transport {
        Some(t) => format!("{}/{}", requirement.ports, t),
        None => requirement.ports.to_string(),
    }
}

fn justify(requirement: &Requirement, direction: Direction) -> String {
    let what = requirement
        .purpose
        .as_deref()
        .or(requirement.app_protocol.as_deref())
        .filter(|s| !s.trim().is_empty())
        .unwrap_or(requirement.section.as_str());
    let what = what.split_whitespace().collect::<Vec<_>>().join(" ");
    format!("{} ({}): {}", requirement.component, direction.as_str(), what)
}

/// How a requirement's peer text reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PeerClass {
    Zone(String),
    Any,
    Untrusted,
    Trusted,
    PlatformHosts,
    Unknown,
}

pub(crate) fn classify_peer(text: &str, topology: &Topology) -> PeerClass {
    let lower = text.trim().to_lowercase();
    let bare = lower.strip_suffix(" zone").unwrap_or(&lower).trim();
    if let Some(zone) = topology.zones.iter().find(|z| z.name.to_lowercase() == bare) {
        return PeerClass::Zone(zone.name.clone());
    }
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let has = |list: &[&str]| words.iter().any(|w| list.contains(w));
    if has(&["node", "nodes", "host", "hosts", "cluster", "peers", "peer", "members", "servers", "between"]) {
        PeerClass::PlatformHosts
    } else if has(&["external", "internet", "public", "outside", "untrusted", "wan", "clients", "client", "users", "user", "browser", "browsers"]) {
        PeerClass::Untrusted
    } else if has(&["internal", "private", "intranet", "corporate", "corp", "trusted", "lan", "admin", "administrators", "management"]) {
        PeerClass::Trusted
    } else if has(&["any", "anywhere", "all", "everyone", "everywhere"]) {
        PeerClass::Any
    } else {
        PeerClass::Unknown
    }
}

/// Merges flows with the same source, destination and transport whose ports overlap or touch,
/// then sorts.
fn merge(raw: Vec<Flow>) -> Vec<Flow> {
    // Sort by (destination, source, transport, ports), stable. Endpoints are ranked once (few
    // distinct ones, many flows) so the sort compares integers, not names.
    let mut rank: FxHashMap<&Endpoint, u32> = FxHashMap::default();
    for flow in &raw {
        for endpoint in [&flow.source, &flow.destination] {
            let next = u32::try_from(rank.len()).unwrap_or(u32::MAX);
            rank.entry(endpoint).or_insert(next);
        }
    }
    let mut distinct: Vec<&Endpoint> = rank.keys().copied().collect();
    distinct.sort();
    for (position, endpoint) in distinct.into_iter().enumerate() {
        rank.insert(endpoint, u32::try_from(position).unwrap_or(u32::MAX));
    }
    let mut order: Vec<((u32, u32, Transport, PortRange), usize)> =
        raw.iter().enumerate().map(|(i, f)| ((rank[&f.destination], rank[&f.source], f.transport, f.ports), i)).collect();
    drop(rank);
    order.sort_unstable();
    let mut merged: Vec<Flow> = Vec::with_capacity(raw.len());
    let mut slots: Vec<Option<Flow>> = raw.into_iter().map(Some).collect();
    let sorted = order.into_iter().filter_map(|(_, i)| slots[i].take());
    for flow in sorted {
        if let Some(last) = merged.last_mut()
            && last.destination == flow.destination
            && last.source == flow.source
            && last.transport == flow.transport
            && last.ports.adjoins(flow.ports)
        {
            last.ports = last.ports.hull(flow.ports);
            last.necessity = last.necessity.min(flow.necessity);
            for id in flow.requirements {
                if let Err(at) = last.requirements.binary_search(&id) {
                    last.requirements.insert(at, id);
                }
            }
            if !last.justification.split("; ").any(|j| j == flow.justification) {
                last.justification.push_str("; ");
                last.justification.push_str(&flow.justification);
            }
            if flow.location < last.location {
                last.location = flow.location;
            }
            continue;
        }
        merged.push(flow);
    }
    merged
}

#[cfg(test)]
mod tests;
