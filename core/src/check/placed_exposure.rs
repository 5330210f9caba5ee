//! The third way an internal-only port reaches untrusted addresses: the topology places a host
//! of the component in an untrusted zone (a k3s node in the DMZ), and the plan joins it to the
//! component's hosts in trusted zones, as it must for the cluster to work. Whatever takes the
//! untrusted zone then reaches those ports through that host. The audit of the emitted rules
//! says so too (a rule from an untrusted address); `check` says it first, at the host's `zone`,
//! where the placement was chosen. Part of `P051-internal-exposed`.

use std::collections::{BTreeMap, BTreeSet};

use super::{Context, Finding};
use crate::model::{Direction, Exposure, Requirement};
use crate::text::printable;

/// What one host in an untrusted zone is planned to reach: internal-only rows and the hosts.
#[derive(Default)]
struct Reach<'c> {
    rows: BTreeMap<&'c str, &'c Requirement>,
    to: BTreeSet<&'c str>,
}

pub(super) fn run(cx: &Context<'_>, out: &mut Vec<Finding>, code: &'static str) {
    let topology = cx.topology;
    let untrusted_zone = |zone: &str| topology.zone(zone).is_some_and(|z| z.is_untrusted());
    // Host name → its index, for the hosts in untrusted zones; most topologies have none.
    let placed: BTreeMap<&str, usize> = topology
        .hosts
        .iter()
        .enumerate()
        .filter(|(_, h)| untrusted_zone(&h.zone.value))
        .map(|(i, h)| (h.name.as_str(), i))
        .collect();
    if placed.is_empty() {
        return;
    }
    let mut reach: BTreeMap<usize, Reach<'_>> = BTreeMap::new();
    for flow in &cx.plan.flows {
        let rows: Vec<&Requirement> = flow
            .requirements
            .iter()
            .filter_map(|id| cx.catalog.requirement(id))
            .filter(|r| {
                r.exposure == Some(Exposure::Internal) || r.direction == Some(Direction::Internal)
            })
            .collect();
        if rows.is_empty() {
            continue;
        }
        let from: Vec<usize> = cx
            .plan
            .hosts(&flow.source)
            .iter()
            .filter_map(|h| placed.get(h.name.as_str()).copied())
            .collect();
        if from.is_empty() {
            continue;
        }
        let to: Vec<&str> = cx
            .plan
            .hosts(&flow.destination)
            .into_iter()
            .map(|h| h.name.as_str())
            .filter(|name| !placed.contains_key(name))
            .collect();
        if to.is_empty() {
            continue;
        }
        for index in from {
            let entry = reach.entry(index).or_default();
            entry.to.extend(to.iter().copied());
            for row in &rows {
                entry.rows.insert(row.id.as_str(), row);
            }
        }
    }
    for (index, Reach { rows, to }) in reach {
        let Some(host) = topology.hosts.get(index) else { continue };
        let mut ports: Vec<String> = rows
            .values()
            .map(|r| {
                let transport = r.transport.map_or_else(|| "?".to_owned(), |t| t.to_string());
                format!("{}/{transport} ({})", r.ports, r.component)
            })
            .collect();
        ports.dedup();
        let hosts: Vec<String> = to.iter().map(|n| format!("`{}`", printable(n))).collect();
        out.push(
            Finding::warning(
                code,
                format!(
                    "host `{}` is in untrusted zone `{}` and is planned to reach internal-only {} on {} {}: whatever else is in that zone reaches them through it",
                    printable(&host.name),
                    printable(&host.zone.value),
                    ports.join(", "),
                    if hosts.len() == 1 { "host" } else { "hosts" },
                    hosts.join(", ")
                ),
            )
            .at(topology.location(host.zone.position))
            .help("place the host in a trusted zone, or keep the component's hosts together in the untrusted one; if the placement is meant, harden the host as the gate to these ports")
            .requirements(rows.values().copied()),
        );
    }
}
