//! A row that states no peer, on a component whose `clients` the topology declares, is planned
//! from those clients *and* the platform's own hosts (the narrow reading): `clients` says who
//! else uses the component, not that its own cluster stops using it. Regression: Ceph's
//! `clients: { ceph/mon: [corp] }` replaced the OSD hosts as the monitors' peers on 3300 and
//! 6789, and nothing said so. Where the own hosts add sources the clients do not cover, it is
//! said once per component ([`super::NoteKind::OwnHostsKept`]) with the rows and how to narrow
//! them; this file finds those hosts and words the note.

use ipnet::IpNet;
use rustc_hash::FxHashMap as HashMap;

use super::member::{self, Member};
use crate::topology::{Settlement, Topology, trusted_nets::flow_nets};

/// What one component's note says: its rows, the clients, the hosts they do not cover.
#[derive(Default)]
pub(super) struct OwnHosts {
    /// Requirement id → its ports (`6789/tcp`), sorted by id (`order::insert_sorted`).
    pub rows: Vec<(String, String)>,
    /// Host indices (into `topology.hosts`) added as sources, sorted, each once.
    pub hosts: Vec<usize>,
}

/// One declared client, resolved once per row: who it stands for.
enum Client<'a> {
    Any,
    /// A zone's networks: a host is covered when every address it has is inside them.
    Nets(Vec<IpNet>),
    Host(&'a str),
    /// The hosts of a role or a platform (indices in document order, so sorted).
    Hosts(&'a [usize]),
}

/// The declared clients of a component as the planner reads their names (`member.rs`, the
/// planner's own resolution); names it does not know stand for nobody.
pub(super) struct Cover<'a> {
    topology: &'a Topology,
    clients: Vec<Client<'a>>,
}

impl<'a> Cover<'a> {
    pub(super) fn new(
        topology: &'a Topology,
        clients: &Settlement,
        placed: &'a HashMap<&str, Vec<usize>>,
        by_platform: &'a HashMap<&str, Vec<usize>>,
    ) -> Self {
        let clients = clients
            .members
            .iter()
            .filter_map(|m| member::resolve(topology, placed, by_platform, &m.value))
            .map(|member| match member {
                Member::Any => Client::Any,
                Member::Zone(zone) => Client::Nets(flow_nets(topology, zone)),
                // By name, as before: every host of that name (a duplicate is the checks' to say).
                Member::Host(index) => Client::Host(topology.hosts[index].name.as_str()),
                Member::Role(hosts) | Member::Platform(hosts) => Client::Hosts(hosts),
            })
            .collect();
        Self { topology, clients }
    }

    /// Does a declared client stand for host `h` (every address of it)?
    pub(super) fn covers(&self, h: usize) -> bool {
        let Some(host) = self.topology.hosts.get(h) else { return false };
        self.clients.iter().any(|client| match client {
            Client::Any => true,
            Client::Nets(nets) => {
                let mut ips = host.ips().peekable();
                ips.peek().is_some() && ips.all(|ip| nets.iter().any(|n| n.contains(&ip)))
            }
            Client::Host(name) => host.name == *name,
            Client::Hosts(hosts) => hosts.binary_search(&h).is_ok(),
        })
    }
}

/// The note for `component`: the rows, who the clients are, the hosts added (a few names),
/// and the `peers` entry that narrows a row back to its clients.
pub(super) fn message(
    topology: &Topology,
    component: &str,
    clients: &Settlement,
    own: &OwnHosts,
) -> String {
    let platform = component.split_once('/').map_or(component, |(p, _)| p);
    let rows: Vec<String> = own.rows.iter().map(|(id, ports)| format!("{ports} {id}")).collect();
    let mut names: Vec<String> = own
        .hosts
        .iter()
        .take(3)
        .filter_map(|&h| topology.hosts.get(h).map(|host| format!("`{}`", host.name)))
        .collect();
    if own.hosts.len() > names.len() {
        names.push(format!("{} more", own.hosts.len() - names.len()));
    }
    let members: Vec<&str> = clients.members.iter().map(|m| m.value.as_str()).collect();
    let quoted: Vec<String> = members.iter().map(|m| format!("`{m}`")).collect();
    let first = own.rows.first().map_or("<row id>", |(id, _)| id.as_str());
    format!(
        "{component}: its rows that state no peer ({}) are planned from its declared `clients` ({}) and from the {platform} hosts (of each host's own zone), as the platform's own nodes reach each other; the clients do not cover {}; if a row is for the clients only, narrow it with `peers: {{ \"{first}\": [{}] }}`",
        rows.join(", "),
        quoted.join(", "),
        names.join(", "),
        members.join(", ")
    )
}
