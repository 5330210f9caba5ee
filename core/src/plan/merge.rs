//! Raw flows as small records of table indices, and their merge into the plan's flows.
//!
//! Flows with the same source, destination and transport whose ports overlap or touch are
//! merged (their requirement ids united), then sorted by destination, source, transport and
//! ports. Only merged flows build new provenance; the others share their requirement's.

use std::sync::Arc;

use super::merge_order::{MergeKey, merge_order};
use super::{Endpoint, Flow, HostGroup, HostRef};
use crate::data::Position;
use crate::diagnostic::SourceLocation;
use crate::emit::index::ZoneOwners;
use crate::model::{Necessity, PortRange, Transport};
use crate::topology::Topology;
use rustc_hash::FxHashMap;

/// One planned flow before merging: indices into [`Tables`].
#[derive(Debug, Clone, Copy)]
pub(super) struct RawFlow {
    pub source: u32,
    pub destination: u32,
    pub ports: PortRange,
    pub transport: Transport,
    pub necessity: Necessity,
    pub provenance: u32,
    pub location: u32,
}

/// A requirement's id (as a one-element list, shared by its flows) and justification.
struct Provenance {
    id: Arc<[String]>,
    justification: Arc<str>,
}

/// Everything raw flows point into.
#[derive(Default)]
pub(super) struct Tables {
    endpoints: Vec<Endpoint>,
    provenance: Vec<Provenance>,
    provenance_ids: FxHashMap<String, u32>,
    locations: Vec<Arc<SourceLocation>>,
    /// By (line, column): every location of a plan is in the one topology file.
    location_ids: FxHashMap<(u32, u32), u32>,
}

fn index(len: usize) -> u32 {
    u32::try_from(len).unwrap_or(u32::MAX)
}

impl Tables {
    /// Adds an endpoint (the planner interns them) and returns its id.
    pub fn endpoint(&mut self, endpoint: Endpoint) -> u32 {
        self.endpoints.push(endpoint);
        index(self.endpoints.len() - 1)
    }

    pub fn endpoint_value(&self, id: u32) -> &Endpoint {
        &self.endpoints[id as usize]
    }

    /// The id of a requirement's provenance, added on first use.
    pub fn provenance(&mut self, requirement: &str, justification: String) -> u32 {
        if let Some(&id) = self.provenance_ids.get(requirement) {
            return id;
        }
        let id = index(self.provenance.len());
        self.provenance.push(Provenance {
            id: Arc::from([requirement.to_owned()]),
            justification: Arc::from(justification),
        });
        self.provenance_ids.insert(requirement.to_owned(), id);
        id
    }

    /// The id of a place in the topology file, added on first use.
    pub fn location(&mut self, topology: &Topology, position: Position) -> u32 {
        if let Some(&id) = self.location_ids.get(&(position.line, position.column)) {
            return id;
        }
        let id = index(self.locations.len());
        self.locations.push(Arc::new(topology.location(position)));
        self.location_ids.insert((position.line, position.column), id);
        id
    }

    pub fn location_value(&self, id: u32) -> &SourceLocation {
        &self.locations[id as usize]
    }
}

/// A run of raw flows merged into one flow.
struct Merged {
    first: RawFlow,
    ports: PortRange,
    necessity: Necessity,
    /// Where its provenance ids start in the shared list (a run's ids are consecutive there,
    /// in merge order; the first is `first.provenance`): no list per flow.
    provenance_start: usize,
    location: u32,
}

/// Merges and sorts raw flows into the plan's flows.
pub(super) fn merge(raw: Vec<RawFlow>, tables: &Tables) -> Vec<Flow> {
    // Endpoints are ranked once (few distinct ones, many flows) so the sort compares integers.
    let mut by_value: Vec<u32> = (0..index(tables.endpoints.len())).collect();
    crate::order::sort_by(&mut by_value, &|&a, &b| {
        tables.endpoints[a as usize].cmp(&tables.endpoints[b as usize])
    });
    let mut rank = vec![0u32; tables.endpoints.len()];
    for (position, &id) in by_value.iter().enumerate() {
        rank[id as usize] = index(position);
    }
    // Equal keys keep planning order.
    let keys: Vec<MergeKey> = raw
        .iter()
        .map(|f| (rank[f.destination as usize], rank[f.source as usize], f.transport, f.ports))
        .collect();
    let order = merge_order(&keys, index(tables.endpoints.len()));

    let mut runs: Vec<Merged> = Vec::with_capacity(raw.len());
    let mut provenance: Vec<u32> = Vec::with_capacity(raw.len());
    for &i in &order {
        let flow = raw[i as usize];
        if let Some(last) = runs.last_mut()
            && last.first.destination == flow.destination
            && last.first.source == flow.source
            && last.first.transport == flow.transport
            && last.ports.adjoins(flow.ports)
        {
            last.ports = last.ports.hull(flow.ports);
            last.necessity = last.necessity.min(flow.necessity);
            provenance.push(flow.provenance);
            if tables.locations[flow.location as usize] < tables.locations[last.location as usize] {
                last.location = flow.location;
            }
            continue;
        }
        runs.push(Merged {
            first: flow,
            ports: flow.ports,
            necessity: flow.necessity,
            provenance_start: provenance.len(),
            location: flow.location,
        });
        provenance.push(flow.provenance);
    }
    let mut flows = Vec::with_capacity(runs.len());
    for (at, run) in runs.iter().enumerate() {
        let end = runs.get(at + 1).map_or(provenance.len(), |next| next.provenance_start);
        flows.push(materialise(run, &provenance[run.provenance_start..end], tables));
    }
    flows
}

fn materialise(run: &Merged, provenance: &[u32], tables: &Tables) -> Flow {
    let (requirements, justification) = match provenance {
        [one] => {
            let p = &tables.provenance[*one as usize];
            (Arc::clone(&p.id), Arc::clone(&p.justification))
        }
        many => {
            let mut ids: Vec<String> = many
                .iter()
                .flat_map(|&p| tables.provenance[p as usize].id.iter().cloned())
                .collect();
            crate::order::sort_dedup(&mut ids);
            // Justifications in merge order, each once.
            let mut text = String::new();
            for &p in many {
                let justification = &tables.provenance[p as usize].justification;
                if text.is_empty() {
                    text.push_str(justification);
                } else if !text.split("; ").any(|j| j == &**justification) {
                    text.push_str("; ");
                    text.push_str(justification);
                }
            }
            (Arc::from(ids), Arc::from(text))
        }
    };
    Flow {
        source: tables.endpoints[run.first.source as usize].clone(),
        destination: tables.endpoints[run.first.destination as usize].clone(),
        ports: run.ports,
        transport: run.first.transport,
        necessity: run.necessity,
        requirements,
        justification,
        location: Some(Arc::clone(&tables.locations[run.location as usize])),
    }
}

/// Unites `narrower`'s provenance into `wider`: requirement ids (sorted, once each), the
/// justifications (each once), the strongest necessity and the first location.
pub(super) fn absorb(wider: &mut Flow, narrower: &Flow) {
    if !narrower.requirements.iter().all(|id| wider.requirements.contains(id)) {
        let mut ids: Vec<String> =
            wider.requirements.iter().chain(narrower.requirements.iter()).cloned().collect();
        crate::order::sort_dedup(&mut ids);
        wider.requirements = Arc::from(ids);
    }
    // Part by part: either side may already be a merged "a; b" (regression: a flow absorbing
    // one that carried the same rows merged wrote every justification twice).
    let mut text = wider.justification.to_string();
    for part in narrower.justification.split("; ") {
        if !text.split("; ").any(|j| j == part) {
            text.push_str("; ");
            text.push_str(part);
        }
    }
    if text.len() != wider.justification.len() {
        wider.justification = Arc::from(text);
    }
    wider.necessity = wider.necessity.min(narrower.necessity);
    wider.location = match (wider.location.take(), &narrower.location) {
        (Some(a), Some(b)) if **b < *a => Some(Arc::clone(b)),
        (None, Some(b)) => Some(Arc::clone(b)),
        (a, _) => a,
    };
}

/// Does source `wider` hold every address of source `narrower`, as every emitter reads them?
/// Any holds everything. A zone holds a host (or a group's hosts) whose addresses all belong to
/// it as their most specific zone (`internet: 0.0.0.0/0` contains a DMZ host's address, but a
/// host firewall lets the host send as a member of its own zone only, so the zone does not
/// hold it). A group holds its members and its sub-groups. A zone never holds another zone:
/// the hosts of the smaller zone send as members of that one.
///
/// Answers about groups are remembered: a group of thousands of hosts is the source of a flow
/// to each of them, and each would otherwise walk its members again.
struct Holds<'a> {
    groups: FxHashMap<&'a str, &'a HostGroup>,
    owners: ZoneOwners<'a>,
    members: FxHashMap<&'a str, rustc_hash::FxHashSet<&'a str>>,
    zone_group: FxHashMap<(&'a str, &'a str), bool>,
    group_group: FxHashMap<(&'a str, &'a str), bool>,
}

impl<'a> Holds<'a> {
    fn new(groups: &'a [HostGroup], topology: &'a Topology) -> Self {
        Self {
            groups: groups.iter().map(|g| (g.name.as_str(), g)).collect(),
            owners: ZoneOwners::new(topology),
            members: FxHashMap::default(),
            zone_group: FxHashMap::default(),
            group_group: FxHashMap::default(),
        }
    }

    fn owned_by(&self, zone: &str, host: &HostRef) -> bool {
        !host.addresses.is_empty()
            && host.addresses.iter().all(|a| self.owners.sole_owner(*a) == Some(zone))
    }

    fn members(&mut self, group: &'a str) -> &rustc_hash::FxHashSet<&'a str> {
        let groups = &self.groups;
        self.members.entry(group).or_insert_with(|| {
            groups
                .get(group)
                .map(|g| g.members.iter().map(|m| m.name.as_str()).collect())
                .unwrap_or_default()
        })
    }

    fn source(&mut self, wider: &'a Endpoint, narrower: &'a Endpoint) -> bool {
        match (wider, narrower) {
            (Endpoint::Any, _) => true,
            (_, Endpoint::Any) => false,
            (Endpoint::Zone { name, .. }, Endpoint::Host(host)) => self.owned_by(name, host),
            (Endpoint::Zone { name, .. }, Endpoint::Group { name: group }) => {
                if let Some(&known) = self.zone_group.get(&(&**name, &**group)) {
                    return known;
                }
                let holds = self.groups.get(&**group).is_some_and(|g| {
                    !g.members.is_empty() && g.members.iter().all(|m| self.owned_by(name, m))
                });
                self.zone_group.insert((name, group), holds);
                holds
            }
            (Endpoint::Group { name }, Endpoint::Host(host)) => {
                self.members(name).contains(host.name.as_str())
            }
            (Endpoint::Group { name }, Endpoint::Group { name: inner }) => {
                if let Some(&known) = self.group_group.get(&(&**name, &**inner)) {
                    return known;
                }
                let inner_members: Vec<&str> = self.members(inner).iter().copied().collect();
                let holds = self.groups.contains_key(&**inner)
                    && inner_members.iter().all(|m| self.members(name).contains(m));
                self.group_group.insert((name, inner), holds);
                holds
            }
            (Endpoint::Zone { .. } | Endpoint::Host(_), _) | (Endpoint::Group { .. }, _) => false,
        }
    }
}

/// Drops every flow whose source is held by another flow's source to the same destination on
/// the same transport with ports that contain its own, merging its provenance into the
/// widest one: `any → cp1 443/tcp` makes `zone dmz → cp1 443/tcp` and `host lb1 → cp1
/// 443/tcp` redundant. Order is kept.
pub(super) fn drop_covered(
    mut flows: Vec<Flow>,
    groups: &[HostGroup],
    topology: &Topology,
) -> Vec<Flow> {
    let into = {
        let flows = &flows;
        let mut holds = Holds::new(groups, topology);
        // Per destination and transport, the flows whose source can hold another.
        let mut wide: FxHashMap<(&Endpoint, Transport), Vec<usize>> = FxHashMap::default();
        for (i, flow) in flows.iter().enumerate() {
            if !matches!(flow.source, Endpoint::Host(_)) {
                wide.entry((&flow.destination, flow.transport)).or_default().push(i);
            }
        }
        let mut covers = |j: usize, i: usize| {
            let (a, b) = (&flows[j], &flows[i]);
            a.ports.contains(b.ports) && holds.source(&a.source, &b.source)
        };
        // The flow each one is dropped into; ties (each holds the other) go to the earlier
        // one, so following the links always ends.
        let mut into: Vec<Option<usize>> = vec![None; flows.len()];
        for (i, flow) in flows.iter().enumerate() {
            let Some(candidates) = wide.get(&(&flow.destination, flow.transport)) else {
                continue;
            };
            into[i] = candidates
                .iter()
                .copied()
                .find(|&j| j != i && covers(j, i) && (j < i || !covers(i, j)));
        }
        into
    };
    let root = |mut i: usize| {
        while let Some(j) = into[i] {
            i = j;
        }
        i
    };
    let moves: Vec<(usize, usize)> =
        (0..flows.len()).filter(|&i| into[i].is_some()).map(|i| (root(i), i)).collect();
    for (wider, narrower) in moves {
        let narrower = flows[narrower].clone();
        absorb(&mut flows[wider], &narrower);
    }
    let mut at = 0;
    flows.retain(|_| {
        at += 1;
        into[at - 1].is_none()
    });
    flows
}

/// Flows in a plan's order: by destination, source, transport and ports.
pub(super) fn sort_flows(flows: &mut Vec<Flow>) {
    crate::order::sort_by(flows, &|a, b| {
        (&a.destination, &a.source, a.transport, a.ports).cmp(&(
            &b.destination,
            &b.source,
            b.transport,
            b.ports,
        ))
    });
}

/// Flows from several sources (the catalog's, the topology's access) made one plan's: sorted
/// by destination, source, transport and ports, flows of one key whose ports overlap or touch
/// merged, covered ones dropped.
pub(super) fn tidy(mut flows: Vec<Flow>, groups: &[HostGroup], topology: &Topology) -> Vec<Flow> {
    sort_flows(&mut flows);
    let mut merged: Vec<Flow> = Vec::with_capacity(flows.len());
    for flow in flows {
        if let Some(last) = merged.last_mut()
            && last.destination == flow.destination
            && last.source == flow.source
            && last.transport == flow.transport
            && last.ports.adjoins(flow.ports)
        {
            last.ports = last.ports.hull(flow.ports);
            absorb(last, &flow);
            continue;
        }
        merged.push(flow);
    }
    drop_covered(merged, groups, topology)
}
