//! The flow plan: the concrete network flows the placed roles need, merged and ordered, each
//! carrying the requirement ids it comes from. Rule emitters translate this and nothing else.
//!
//! # Semantics
//!
//! - **Which requirements**: for every host role (a catalog component id), the component's
//!   requirements that are *active*: required, recommended or of unstated necessity always;
//!   optional and conditional ones when `enable` names the requirement id or the component id.
//!   A component named in `enable` but placed on no host is a platform-wide feature (an overlay
//!   network, say): its requirements are planned on every host holding a role of its platform,
//!   and a note says so (P042): more hosts than run it may get its ports.
//! - **Direction** (relative to the component): inbound = peer → component host; outbound =
//!   component host(s) → peer; bidirectional = both; internal = the platform's hosts (or the
//!   named peer component's hosts) → component host. Internal means inside the cluster network: when the peer is the platform's
//!   hosts, each component host is reached from the platform's hosts *in its own zone* (a group
//!   `platform@zone` when that is not all of them), and from all the platform's hosts only when
//!   none shares its zone (a load balancer in a DMZ is not a source of kubelet traffic). A
//!   host of the row's own component alone in its zone is also a source for the component's
//!   other hosts (it is reached from all of them). A component whose hosts are in several zones
//!   of one environment has its rows kept inside each zone, said once (`ZonedApart`, P042) with
//!   the `peers` entries that join them. A bidirectional row whose peer is the internet comes
//!   in from the untrusted zones and goes out to the internet zones only.
//! - **Variants**: a requirement of a deployment variant (`aws`, `on-premises`) applies only
//!   when the topology picks that variant for its platform (`variants: { openlm: on-premises }`);
//!   rows outside any variant apply to all. With no pick, only those common rows are planned.
//! - **Peers** (never widened). In order: the topology's `peers` entry for the requirement id,
//!   else for its component id, settles it (zones, hosts, roles, platforms or `any`). Else a
//!   resolved peer component is the hosts holding it; an *external* component (registry, SMTP
//!   server) placed nowhere connecting in is its declared `clients`, else the untrusted zones
//!   (the platform's hosts, noted, without one), and connected *to* cannot be planned (where
//!   the server is nobody said; a rule to every address would widen it); a non-external one
//!   placed nowhere cannot be planned either: both noted (`P040-peer-not-placed`); `peers`
//!   settles them (a zone of one /32 for a server outside). Else the peer text is
//!   read part by part ([`crate::model::read_peer`]): `self`, `localhost`… alone is host-local
//!   (no flow, noted); components as above; a zone's name is that zone; `nodes`, `cluster`,
//!   `hosts` the platform's hosts; `external`, `internet`, `public` the untrusted zones (read
//!   narrowly and noted when the topology declares none);
//!   `internal`, `private`, `corporate` the trusted zones; `clients`, `users` the component's
//!   declared `clients`; `all`, `any` the platform's hosts plus the declared clients, plus the
//!   untrusted zones only when the document marks the port external. A part nothing resolves
//!   is planned with the narrowest reading: the platform's own hosts (in the destination's
//!   zone), and noted as assumed (`P042-peer-assumed`).
//! - **No peer**: a row coming in whose own purpose names another component of its document
//!   as the one that sends or connects ("for events that Beats send", "sent by the agents")
//!   comes from that component's hosts (`plan/sender.rs`; read narrowly, never a bare "from").
//!   Else internal from the platform's hosts; outbound not planned (where it goes is
//!   unknown: a rule to any address would widen it in silence; noted, P041, until `peers`
//!   settles it); inbound from the component's declared `clients` when the topology names
//!   them *and* the platform's own hosts (in the destination's zone, as internal rows), else
//!   from the platform's own hosts only, noted as assumed (external ports too: the document
//!   does not say who the public is; `clients` does). `clients` says who else uses the
//!   component, never that its own cluster stops reaching it (Ceph's OSDs and the monitors);
//!   where the own hosts add sources the clients do not cover, one note per component names
//!   the rows and the `peers` entry that narrows them (`OwnHostsKept`, P042). Unstated
//!   direction is planned as inbound and noted as assumed.
//! - **Transport**: a flow has exactly one; `tcp+udp` makes two flows. A requirement without a
//!   known transport cannot be planned: noted, never dropped silently.
//! - **Addresses**: a flow is only planned when source and destination share an IP family.
//!   Emitters pair families themselves (an IPv4 source with the destination's IPv4 addresses).
//! - **Environments**: zones may carry an `environment` (dev, stage, prod): a flow never joins
//!   hosts of two different environments (a group source loses the other environments'
//!   members; a flow between two is dropped), and what is cut is said in a note. Zones with no
//!   environment (an office, the internet) are shared by all.
//! - **Legs**: a host with addresses in an untrusted and a trusted zone (a DMZ leg and an
//!   internal one, [`crate::topology::Topology::legs`]) is reached from untrusted sources on
//!   its untrusted legs' addresses only (a group destination is split per host), from
//!   trusted ones on every address; a note per host says so (`plan/legs.rs`).
//! - **VIPs**: a `vips` entry (an address, the hosts holding it, a role) routes the role's
//!   clients (sources outside the role's platform) to the address on its holders, and adds
//!   flows from the holders' own addresses to the role's hosts on the same ports (health
//!   checks ride on them); flows inside the platform stay direct (`plan/vip.rs`).
//! - **Merging and order**: flows with the same source, destination and transport whose port
//!   ranges overlap or touch are merged (their requirement ids united). Flows are sorted by
//!   destination, source, transport, then ports; groups by name; notes by kind and text.
//!   A host never gets a flow to itself.
//! - **Sharing**: a plan of 10,000 hosts has tens of thousands of flows, so what flows have in
//!   common is shared, not copied: hosts and zone networks (`Arc`), a requirement's id list and
//!   justification, and the topology location of a role entry. Field access reads as before.

use rustc_hash::FxHashSet as HashSet;
use std::fmt;
use std::net::IpAddr;
use std::sync::Arc;

use ipnet::IpNet;
use serde::{Deserialize, Serialize};

use crate::diagnostic::SourceLocation;
use crate::model::{Catalog, Direction, Necessity, PortRange, Requirement, Transport};
use crate::topology::{Host, Topology};

pub mod access;
mod between_nodes;
mod isolate;
mod legs;
mod member;
mod merge;
mod merge_order;
mod own_hosts;
mod planner;
mod sender;
mod vip;
pub(crate) use planner::zone_named;

use rustc_hash::FxHashMap;

/// A host as flows see it: its name, zone and addresses. Built once per host and shared by
/// every flow and group that names it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct HostRef {
    pub name: String,
    pub zone: String,
    pub addresses: Vec<IpAddr>,
}

impl HostRef {
    pub fn from_host(host: &Host) -> Self {
        Self {
            name: host.name.clone(),
            zone: host.zone.value.clone(),
            addresses: host.ips().collect(),
        }
    }
}

/// One side of a flow. Cloning is cheap: names and networks are shared.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Endpoint {
    /// Every address (both families).
    Any,
    /// A zone's networks.
    Zone { name: Arc<str>, cidrs: Arc<[IpNet]> },
    /// A set of hosts defined once in [`FlowPlan::groups`] (named after a component id such as
    /// `openlm/control-plane`, or a platform id such as `openlm` for all its hosts).
    Group { name: Arc<str> },
    /// One host and all its addresses.
    Host(Arc<HostRef>),
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
    pub members: Vec<Arc<HostRef>>,
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
    /// Requirement ids (`platform/anchor`), sorted, never empty: the provenance. Shared by the
    /// flows of one requirement.
    pub requirements: Arc<[String]>,
    /// Why the flow exists, in words (component, direction, purpose).
    pub justification: Arc<str>,
    /// The topology entry (a host's role) that brought the flow in.
    pub location: Option<Arc<SourceLocation>>,
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
    /// Flows (or parts of them) between hosts of two different environments (zones'
    /// `environment`): not planned, by the topology's own declaration.
    Isolated,
    /// Hosts left with no flow for a requirement by the environments' cut: its peer runs only
    /// in other environments (reported, P041).
    IsolatedAlone,
    /// A `services` listener whose `from` names nobody: its ports stay closed.
    ServiceClosed,
    /// An outbound requirement that states no peer: where it connects is unknown, and a rule
    /// to every address (or to every host of the platform) would widen it. No flow planned.
    DestinationUnstated,
    /// The requirement states no direction: planned as inbound.
    DirectionAssumed,
    /// The peer text was not understood, or there is none: planned with the narrowest peer.
    PeerAssumed,
    /// The peer is the host itself (`Self`, `localhost`): no network flow, by design.
    HostLocal,
    /// Management access or baseline egress the topology does not name: SSH cut, or DNS and
    /// NTP allowed to any address ([`access`]).
    AccessAssumed,
    /// A component named in `enable` that no host holds: planned on every host of its
    /// platform (a platform-wide feature), which may be more hosts than run it.
    PlacementAssumed,
    /// A host with legs in an untrusted and a trusted zone: untrusted sources reach its
    /// untrusted legs' addresses only (`plan/legs.rs`).
    LegsChosen,
    /// A `vips` entry: the role's clients reach the VIP, its holders reach the role's hosts
    /// (`plan/vip.rs`).
    VipChosen,
    /// A component's hosts in several zones of one environment take its internal rows from
    /// the platform's hosts of their own zone only (read as separate clusters, a site's
    /// traffic kept local): said, since racks of one cluster would be cut apart.
    ZonedApart,
    /// A component-wide `peers` entry not applied to a row of the component whose document
    /// names its peer component (only the row's id replaces a named peer): said, as the entry
    /// may have been meant for it.
    SettlementPassedOver,
    /// A component with declared `clients` whose rows state no peer: planned from the clients
    /// and the platform's own hosts (the narrow reading), said once per component where the
    /// own hosts add sources the clients do not cover (`plan/own_hosts.rs`).
    OwnHostsKept,
}

impl NoteKind {
    /// True when the flow was planned on an assumption the document or topology should settle.
    pub fn is_assumption(self) -> bool {
        matches!(
            self,
            NoteKind::PeerAssumed
                | NoteKind::DirectionAssumed
                | NoteKind::PlacementAssumed
                | NoteKind::OwnHostsKept
        )
    }
}

impl NoteKind {
    /// True when the note means part of the catalog's requirements has no flow.
    pub fn is_skip(self) -> bool {
        matches!(
            self,
            NoteKind::UnknownRole
                | NoteKind::UnknownTransport
                | NoteKind::PeerNotPlaced
                | NoteKind::NoCommonFamily
                | NoteKind::DestinationUnstated
                | NoteKind::Isolated
                | NoteKind::IsolatedAlone
                | NoteKind::ServiceClosed
        )
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
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct FlowPlan {
    pub groups: Vec<HostGroup>,
    pub flows: Vec<Flow>,
    /// Skipped requirements and assumptions, sorted, deduplicated.
    pub notes: Vec<PlanNote>,
    /// Group name → position in `groups`: emitters look groups up per flow.
    #[serde(skip)]
    group_index: FxHashMap<String, usize>,
}

impl PartialEq for FlowPlan {
    fn eq(&self, other: &Self) -> bool {
        self.groups == other.groups && self.flows == other.flows && self.notes == other.notes
    }
}

impl Eq for FlowPlan {}

impl FlowPlan {
    /// A plan from its parts, with the group index built.
    pub fn new(groups: Vec<HostGroup>, flows: Vec<Flow>, notes: Vec<PlanNote>) -> Self {
        let group_index = groups.iter().enumerate().map(|(i, g)| (g.name.clone(), i)).collect();
        Self { groups, flows, notes, group_index }
    }

    /// The group of that name, in constant time (a scan when `groups` was changed or the plan
    /// was deserialised since the index was built).
    pub fn group(&self, name: &str) -> Option<&HostGroup> {
        if self.group_index.len() == self.groups.len() {
            let found = self
                .group_index
                .get(name)
                .and_then(|&i| self.groups.get(i))
                .filter(|g| g.name == name);
            if found.is_some() || self.groups.is_empty() {
                return found;
            }
        }
        self.groups.iter().find(|g| g.name == name)
    }

    /// The networks an endpoint stands for: host addresses as /32 or /128. `None` for any.
    pub fn networks(&self, endpoint: &Endpoint) -> Option<Vec<IpNet>> {
        match endpoint {
            Endpoint::Any => None,
            Endpoint::Zone { cidrs, .. } => Some(cidrs.to_vec()),
            Endpoint::Host(host) => Some(host.addresses.iter().map(|a| IpNet::from(*a)).collect()),
            Endpoint::Group { name } => Some(
                self.group(name)
                    .map(|g| {
                        g.members
                            .iter()
                            .flat_map(|m| m.addresses.iter().map(|a| IpNet::from(*a)))
                            .collect()
                    })
                    .unwrap_or_default(),
            ),
        }
    }

    /// The hosts of an endpoint of kind host or group (empty for zones and any).
    pub fn hosts<'a>(&'a self, endpoint: &'a Endpoint) -> Vec<&'a HostRef> {
        match endpoint {
            Endpoint::Host(host) => vec![&**host],
            Endpoint::Group { name } => self
                .group(name)
                .map(|g| g.members.iter().map(|m| &**m).collect())
                .unwrap_or_default(),
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
        Some(_) => {
            enabled.contains(requirement.id.as_str())
                || enabled.contains(requirement.component.as_str())
        }
    }
}

/// The topology's `peers` entry that settles a catalog row: its id's entry, else its
/// component's, except when the document names the row's peer (a registry, the control
/// plane): a component-wide entry fills in what the document leaves open, and only the row's
/// own id replaces a peer the document names (`openlm/node: [openlm]`, written to join a
/// cluster's nodes, must not send the nodes' registry pulls to their own hosts).
pub fn settlement_of<'t>(
    catalog: &Catalog,
    topology: &'t Topology,
    requirement: &Requirement,
) -> Option<&'t crate::topology::Settlement> {
    let by_id = topology.peers.iter().find(|s| s.key.value == requirement.id);
    if by_id.is_some() || names_its_peer(catalog, requirement) {
        return by_id;
    }
    topology.settled_peers(&requirement.id, &requirement.component)
}

/// The `peers` entry keyed by a peer component no host holds (`activate/storage: [filer]`,
/// `api-connect/protected-zone: [ops]`): where that party is. Read only for a component no
/// host holds, so an entry meant for a placed component's own rows never moves its hosts.
pub fn placed_by_peers<'t>(
    topology: &'t Topology,
    component: &str,
) -> Option<&'t crate::topology::Settlement> {
    topology.peers.iter().find(|s| s.key.value == component)
}

/// Does the document name the row's peer: a component of the platform (resolved, or in its
/// peer text), or the public (a registry's host name, "Internet")? Not when it names no peer,
/// or only words nothing places, or a class a settlement narrows (`internal`, `nodes`).
fn names_its_peer(catalog: &Catalog, requirement: &Requirement) -> bool {
    requirement.peer_component.is_some()
        || catalog
            .platform(requirement.platform())
            .and_then(|p| crate::model::read_requirement_peer(requirement, p))
            .is_some_and(|reading| {
                !reading.components.is_empty()
                    || reading.classes.contains(&crate::model::PeerClass::Public)
            })
}

/// Appended to the justification of a flow planned on an assumption (a peer or direction the
/// document leaves open): emitters write the justification next to each rule.
pub const ASSUMED_MARK: &str = " [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]";

/// Does `requirement` apply to the deployment variant the topology picked for its platform?
/// Rows outside any variant apply to all; with no variant picked, only those do (the rows of
/// alternatives are not guessed at: the checker warns and names the variants).
pub fn applies(requirement: &Requirement, topology: &Topology) -> bool {
    match &requirement.variant {
        None => true,
        Some(variant) => topology.variant_of(requirement.platform()) == Some(variant.as_str()),
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
/// Flows whose source another flow's source holds (same destination, transport and wider
/// ports) are dropped into it (`merge::drop_covered`). Management access and baseline egress
/// are not in it: [`access::with_access`] adds them for rules.
pub fn plan(catalog: &Catalog, topology: &Topology) -> FlowPlan {
    let planned = planner::Planner::new(catalog, topology).run();
    let planned = isolate::isolate(planned, topology);
    let planned = access::with_services(planned, topology);
    let planned = legs::to_facing_legs(planned, topology);
    let FlowPlan { groups, flows, notes, .. } = vip::through_vips(planned, catalog, topology);
    let flows = merge::drop_covered(flows, &groups, topology);
    FlowPlan::new(groups, flows, notes)
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

#[cfg(test)]
mod covered_tests;
#[cfg(test)]
mod tests;
