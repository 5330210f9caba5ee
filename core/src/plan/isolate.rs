//! Environments kept apart: zones that carry an `environment` (dev, stage, prod) hold copies of
//! the same platforms, and a copy's hosts must never reach another copy's. The planner reads
//! roles platform-wide (the agents reach "the control plane", every host holding it), so this
//! pass cuts each flow down to the hosts of one environment: a group source loses the members
//! of other environments, a flow whose two ends lie in different environments is dropped, and
//! what is dropped is said in a note. Zones without an environment (an office, the internet)
//! are shared by all.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::{Endpoint, Flow, FlowPlan, HostGroup, HostRef, NoteKind, PlanNote};
use crate::order::{entry_sorted, entry_sorted_with, insert_set, sort_dedup};
use crate::topology::Topology;

/// The environment of one end of a flow: shared (`None`), one, or several (a group); sorted,
/// each once. (Sets here are sorted vectors, maps vectors sorted by key (`crate::order`): a
/// B-tree type is 1.5–3.5 KB of the checker's wasm each.)
fn environments<'a>(
    endpoint: &Endpoint,
    of_zone: &FxHashMap<&str, &'a str>,
    groups: &'a FxHashMap<&str, &HostGroup>,
) -> Vec<Option<&'a str>> {
    let zone = |name: &str| of_zone.get(name).copied();
    match endpoint {
        Endpoint::Any => vec![None],
        Endpoint::Zone { name, .. } => vec![zone(name)],
        Endpoint::Host(host) => vec![zone(&host.zone)],
        Endpoint::Group { name } => {
            let mut all: Vec<Option<&str>> = groups
                .get(&**name)
                .map(|g| g.members.iter().map(|m| zone(&m.zone)).collect())
                .unwrap_or_default();
            sort_dedup(&mut all);
            all
        }
    }
}

fn compatible(a: Option<&str>, b: Option<&str>) -> bool {
    a.is_none() || b.is_none() || a == b
}

/// The plan with every flow kept inside one environment (unchanged when no zone names one).
pub(super) fn isolate(plan: FlowPlan, topology: &Topology) -> FlowPlan {
    let of_zone: FxHashMap<&str, &str> = topology
        .zones
        .iter()
        .filter_map(|z| z.environment.as_deref().map(|e| (z.name.as_str(), e)))
        .collect();
    if of_zone.is_empty() {
        return plan;
    }
    let FlowPlan { mut groups, flows, mut notes, .. } = plan;
    let by_name: FxHashMap<&str, &HostGroup> =
        groups.iter().map(|g| (g.name.as_str(), g)).collect();
    // Sorted by name, each once (the first made kept, as a map's `or_insert`).
    let mut new_groups: Vec<HostGroup> = Vec::new();
    // Requirement ids → the (source, destination) pairs dropped for them.
    let mut dropped: Vec<(Arc<[String]>, Vec<String>)> = Vec::new();
    let mut kept: Vec<Flow> = Vec::with_capacity(flows.len());
    let before = host_requirements(&flows, &by_name);
    // A group's environments, once per group (not once per flow naming it).
    let mut of_group: FxHashMap<Arc<str>, Vec<Option<&str>>> = FxHashMap::default();
    let mut environments_of = |endpoint: &Endpoint| match endpoint {
        Endpoint::Group { name } => of_group
            .entry(name.clone())
            .or_insert_with(|| environments(endpoint, &of_zone, &by_name))
            .clone(),
        _ => environments(endpoint, &of_zone, &by_name),
    };
    for flow in flows {
        let sources = environments_of(&flow.source);
        let destinations = environments_of(&flow.destination);
        let fine = sources.iter().all(|&s| destinations.iter().all(|&d| compatible(s, d)));
        if fine {
            kept.push(flow);
            continue;
        }
        // One end is a group spanning environments (or both ends sit in two different
        // ones): for each environment of the destination, the sources that may reach it.
        for &environment in &destinations {
            let destination = only(&flow.destination, environment, &of_zone, &by_name);
            let source = match environment {
                None => Some(Restricted::Same(flow.source.clone())),
                Some(_) => restrict(&flow.source, environment, &of_zone, &by_name),
            };
            let (Some(source), Some(destination)) = (source, destination) else { continue };
            let source = source.into_endpoint(&mut new_groups);
            let destination = destination.into_endpoint(&mut new_groups);
            kept.push(Flow { source, destination, ..flow.clone() });
        }
        // Something was cut (an incompatible pair existed): said, with the flow as planned.
        let pairs = entry_sorted_with(&mut dropped, flow.requirements.clone(), Vec::new);
        insert_set(pairs, format!("{} → {}", flow.source.label(), flow.destination.label()));
    }
    for (requirements, pairs) in dropped {
        let shown: Vec<&str> = pairs.iter().take(4).map(String::as_str).collect();
        let more = pairs.len().saturating_sub(shown.len());
        let more = if more > 0 { format!(" and {more} more") } else { String::new() };
        notes.push(PlanNote {
            kind: NoteKind::Isolated,
            message: format!(
                "{}: kept inside each environment (zones' `environment`), not planned across them: {}{more} cut to the hosts of one environment",
                requirements.join(", "),
                shown.join("; ")
            ),
            requirement: requirements.first().cloned(),
            location: None,
        });
    }
    // A host left with no flow at all for a requirement it had: its peer runs only in other
    // environments (dev agents with no dev control plane). An outage, said where it lands.
    let after = {
        let mut all: FxHashMap<&str, &HostGroup> = by_name.clone();
        all.extend(new_groups.iter().map(|g| (g.name.as_str(), g)));
        host_requirements(&kept, &all)
    };
    let mut alone: Vec<(&str, Vec<&str>)> = Vec::new();
    for (host, requirement) in before.iter().filter(|pair| after.binary_search(pair).is_err()) {
        insert_set(entry_sorted(&mut alone, &requirement.as_str()), host.as_str());
    }
    for (requirement, hosts) in alone {
        let shown: Vec<&str> = hosts.iter().take(5).copied().collect();
        let more = hosts.len().saturating_sub(shown.len());
        let more = if more > 0 { format!(" and {more} more") } else { String::new() };
        notes.push(PlanNote {
            kind: NoteKind::IsolatedAlone,
            message: format!(
                "{requirement}: its peer runs only in other environments, so {}{more} keep no flow for it; place the peer role in their environment too",
                shown.join(", ")
            ),
            requirement: Some(requirement.to_owned()),
            // Located at the first such host: where a peer role would be added.
            location: shown
                .first()
                .and_then(|name| topology.host(name))
                .map(|host| topology.location(host.position)),
        });
    }
    groups.extend(new_groups);
    // Groups whose every flow was cut to smaller ones go: emitters write one set per group.
    let mut used: Vec<&str> = kept
        .iter()
        .flat_map(|f| [&f.source, &f.destination])
        .filter_map(|e| match e {
            Endpoint::Group { name } => Some(&**name),
            _ => None,
        })
        .collect();
    sort_dedup(&mut used);
    groups.retain(|g| used.binary_search(&g.name.as_str()).is_ok());
    crate::order::sort_by(&mut groups, &|a, b| a.name.cmp(&b.name));
    groups.dedup_by(|a, b| a.name == b.name);
    sort_dedup(&mut notes);
    FlowPlan::new(groups, kept, notes)
}

/// One end cut down to an environment: unchanged, a smaller group, or nothing left.
enum Restricted {
    Same(Endpoint),
    Group(HostGroup),
}

impl Restricted {
    fn into_endpoint(self, new_groups: &mut Vec<HostGroup>) -> Endpoint {
        match self {
            Restricted::Same(endpoint) => endpoint,
            Restricted::Group(group) => {
                let name: Arc<str> = Arc::from(group.name.as_str());
                if let Err(at) = new_groups.binary_search_by(|g| g.name.cmp(&group.name)) {
                    new_groups.insert(at, group);
                }
                Endpoint::Group { name }
            }
        }
    }
}

/// `endpoint` as seen from `environment`: the members in it or in no environment (all of them
/// for a shared destination); `None` when nothing is left.
fn restrict(
    endpoint: &Endpoint,
    environment: Option<&str>,
    of_zone: &FxHashMap<&str, &str>,
    groups: &FxHashMap<&str, &HostGroup>,
) -> Option<Restricted> {
    let zone_env = |zone: &str| of_zone.get(zone).copied();
    match endpoint {
        Endpoint::Any => Some(Restricted::Same(endpoint.clone())),
        Endpoint::Zone { name, .. } => {
            compatible(zone_env(name), environment).then(|| Restricted::Same(endpoint.clone()))
        }
        Endpoint::Host(host) => compatible(zone_env(&host.zone), environment)
            .then(|| Restricted::Same(endpoint.clone())),
        Endpoint::Group { name } => {
            let group = groups.get(&**name)?;
            let members: Vec<Arc<HostRef>> = group
                .members
                .iter()
                .filter(|m| compatible(zone_env(&m.zone), environment))
                .cloned()
                .collect();
            if members.is_empty() {
                None
            } else if members.len() == group.members.len() {
                Some(Restricted::Same(endpoint.clone()))
            } else {
                let environment = environment.unwrap_or("shared");
                Some(Restricted::Group(HostGroup {
                    name: format!("{}#{environment}", group.name),
                    description: format!("{} in environment {environment}", group.description),
                    members,
                }))
            }
        }
    }
}

/// A destination cut to the members of exactly one environment (the shared ones for `None`):
/// each destination host is reached once, from the sources its own environment allows.
fn only(
    endpoint: &Endpoint,
    environment: Option<&str>,
    of_zone: &FxHashMap<&str, &str>,
    groups: &FxHashMap<&str, &HostGroup>,
) -> Option<Restricted> {
    let Endpoint::Group { name } = endpoint else {
        return Some(Restricted::Same(endpoint.clone()));
    };
    let group = groups.get(&**name)?;
    let members: Vec<Arc<HostRef>> = group
        .members
        .iter()
        .filter(|m| of_zone.get(m.zone.as_str()).copied() == environment)
        .cloned()
        .collect();
    if members.len() == group.members.len() {
        return Some(Restricted::Same(endpoint.clone()));
    }
    let label = environment.unwrap_or("shared");
    (!members.is_empty()).then(|| {
        Restricted::Group(HostGroup {
            name: format!("{}#{label}", group.name),
            description: format!("{} in environment {label}", group.description),
            members,
        })
    })
}

/// (host, requirement id) for every host at either end of a flow, groups expanded. Each
/// (group, requirement) pair is expanded once: thousands of flows name the same group of
/// thousands of hosts (a 2,000-node platform in two environments took 30 s here).
fn host_requirements(
    flows: &[Flow],
    groups: &FxHashMap<&str, &HostGroup>,
) -> Vec<(String, String)> {
    let mut ends: rustc_hash::FxHashSet<(&str, bool, &str)> = Default::default();
    for flow in flows {
        for end in [&flow.source, &flow.destination] {
            let (name, group) = match end {
                Endpoint::Host(h) => (h.name.as_str(), false),
                Endpoint::Group { name } => (&**name, true),
                Endpoint::Zone { .. } | Endpoint::Any => continue,
            };
            for id in flow.requirements.iter() {
                ends.insert((name, group, id.as_str()));
            }
        }
    }
    // Sorted, each once: pushed, then sorted once (sets of a hundred thousand pairs).
    let mut out = Vec::new();
    for (name, group, id) in ends {
        if !group {
            out.push((name.to_owned(), id.to_owned()));
            continue;
        }
        for member in groups.get(name).map(|g| g.members.as_slice()).unwrap_or_default() {
            out.push((member.name.clone(), id.to_owned()));
        }
    }
    sort_dedup(&mut out);
    out
}
