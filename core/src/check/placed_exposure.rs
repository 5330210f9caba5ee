//! The third way an internal-only port reaches untrusted addresses: the topology places a host
//! of the component in an untrusted zone (a k3s node in the DMZ), and the plan joins it to the
//! component's hosts in trusted zones, as it must for the cluster to work. Whatever takes the
//! untrusted zone then reaches those ports through that host. The audit of the emitted rules
//! says so too (a rule from an untrusted address); `check` says it first, at the host's `zone`,
//! where the placement was chosen. Part of `P051-internal-exposed`.

use super::{Context, Finding};
use crate::model::{Direction, Exposure, Requirement};
use crate::text::printable;

/// What one host in an untrusted zone is planned to reach: internal-only rows and the hosts.
/// Plain vectors rather than maps or sets: each B-tree type is code of its own in the checker
/// page's wasm (BENCHMARKS.md's size budget).
#[derive(Default)]
struct Reach<'c> {
    rows: Vec<&'c Requirement>,
    /// Sorted, each once (`order::insert_set`).
    to: Vec<&'c str>,
}

pub(super) fn run(cx: &Context<'_>, out: &mut Vec<Finding>, code: &'static str) {
    let topology = cx.topology;
    let untrusted_zone = |zone: &str| topology.zone(zone).is_some_and(|z| z.is_untrusted());
    // The hosts in untrusted zones by name, with their index; most topologies have none.
    let mut placed: Vec<(&str, usize)> = topology
        .hosts
        .iter()
        .enumerate()
        .filter(|(_, h)| untrusted_zone(&h.zone.value))
        .map(|(i, h)| (h.name.as_str(), i))
        .collect();
    if placed.is_empty() {
        return;
    }
    crate::order::sort_by(&mut placed, &Ord::cmp);
    let index_of = |name: &str| {
        placed
            .binary_search_by(|(n, _)| (*n).cmp(name))
            .ok()
            .and_then(|at| placed.get(at))
            .map(|(_, i)| *i)
    };
    let mut reach: Vec<Option<Reach<'_>>> = Vec::new();
    reach.resize_with(topology.hosts.len(), || None);
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
        let from: Vec<usize> =
            cx.plan.hosts(&flow.source).iter().filter_map(|h| index_of(h.name.as_str())).collect();
        if from.is_empty() {
            continue;
        }
        let to: Vec<&str> = cx
            .plan
            .hosts(&flow.destination)
            .into_iter()
            .map(|h| h.name.as_str())
            .filter(|name| index_of(name).is_none())
            .collect();
        if to.is_empty() {
            continue;
        }
        for index in from {
            let Some(entry) = reach.get_mut(index) else { continue };
            let entry = entry.get_or_insert_with(Reach::default);
            for &name in &to {
                crate::order::insert_set(&mut entry.to, name);
            }
            entry.rows.extend(rows.iter().copied());
        }
    }
    for (index, reached) in reach.into_iter().enumerate() {
        let Some(Reach { mut rows, to }) = reached else { continue };
        let Some(host) = topology.hosts.get(index) else { continue };
        // In id order, each row once (as a map keyed by id gave them).
        crate::order::sort_by(&mut rows, &|a, b| a.id.cmp(&b.id));
        rows.dedup_by(|a, b| a.id == b.id);
        let mut ports: Vec<String> = rows
            .iter()
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
            .requirements(rows.iter().copied()),
        );
    }
}
