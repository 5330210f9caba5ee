//! A required peer component that no host holds.

use super::{Check, Context, Finding};
use crate::diagnostic::SourceLocation;
use crate::model::{Direction, Necessity, Requirement, read_requirement_peer};

pub(crate) const CHECK: Check = Check { code: "P040-peer-not-placed", run };

/// The peer components a requirement names: the resolved one, else those its peer text names
/// ("Self, Control plane" names the control plane).
fn peers_named(cx: &Context<'_>, requirement: &Requirement) -> Vec<String> {
    if let Some(peer) = &requirement.peer_component {
        return vec![peer.clone()];
    }
    cx.catalog
        .platform(requirement.platform())
        .and_then(|p| read_requirement_peer(requirement, p))
        .map(|reading| reading.components)
        .unwrap_or_default()
}

/// An outbound requirement to a component that runs outside the topology and whose peer text
/// names no zone of it: nothing says where the server is, so the planner plans nothing rather
/// than a rule to every address (see `plan::planner::external_peer`).
fn outside_undeclared(cx: &Context<'_>, requirement: &Requirement) -> bool {
    let topology = cx.topology;
    requirement.direction == Some(Direction::Outbound)
        && requirement
            .peer
            .as_deref()
            .is_none_or(|text| crate::plan::zone_named(topology, text).is_none())
}

/// A missing peer's requirements and the first role entry that needs it.
type Missing<'c> = (Vec<&'c Requirement>, SourceLocation);

fn run(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let roles: rustc_hash::FxHashSet<&str> =
        cx.topology.hosts.iter().flat_map(|h| h.roles.iter().map(|r| r.value.as_str())).collect();
    let placed = |id: &str| roles.contains(id);
    // (component, peer) → requirements and the first role entry.
    // Sorted by key (`order::entry_sorted_with`): no B-tree type of its own.
    let mut missing: Vec<((&str, String), Missing<'_>)> = Vec::new();
    for roles in &cx.roles {
        for (component, location) in roles {
            for requirement in cx.active.get(component).into_iter().flatten() {
                // The topology settles the peer: nothing is missing.
                if crate::plan::settlement_of(cx.catalog, cx.topology, requirement).is_some() {
                    continue;
                }
                for peer in peers_named(cx, requirement) {
                    let external = cx.catalog.component(&peer).is_some_and(|c| c.external);
                    if placed(&peer)
                        || crate::plan::placed_by_peers(cx.topology, &peer).is_some()
                        || (external && !outside_undeclared(cx, requirement))
                    {
                        continue;
                    }
                    let entry =
                        crate::order::entry_sorted_with(&mut missing, (component, peer), || {
                            (Vec::new(), cx.topology.location(*location))
                        });
                    if !entry.0.iter().any(|r| r.id == requirement.id) {
                        entry.0.push(requirement);
                    }
                }
            }
        }
    }
    for ((component, peer), (requirements, location)) in missing {
        let required =
            requirements.iter().any(|r| r.necessity.is_none_or(|n| n == Necessity::Required));
        let ports: Vec<String> = requirements
            .iter()
            .map(|r| {
                format!(
                    "{}/{}",
                    r.ports,
                    r.transport.map_or_else(|| "?".to_owned(), |t| t.to_string())
                )
            })
            .collect();
        let message = format!(
            "{component} needs peer `{peer}` ({}), but no host has that role",
            ports.join(", ")
        );
        let finding = if required {
            Finding::error(CHECK.code, message)
        } else {
            Finding::warning(CHECK.code, message)
        }
        .at(location)
        .help(if cx.catalog.component(&peer).is_some_and(|c| c.external) {
            format!(
                "`{peer}` runs outside the topology: declare its network as a zone (a /32 will do) and name it in `peers: {{ <requirement or component id>: [zone] }}`, or add `{peer}` to the roles of a host"
            )
        } else {
            format!("add `{peer}` to the roles of a host")
        })
        .requirements(requirements);
        out.push(finding);
    }
}
