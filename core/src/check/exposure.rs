//! An internal-only port reachable from an untrusted zone through the policy.

use std::collections::BTreeMap;

use super::space::{AddressSet, Family, Span, show_address};
use super::{Check, Context, Finding};
use crate::model::{Direction, Exposure};
use crate::topology::parse::printable;

pub(crate) const CHECK: Check = Check {
    code: "P051-internal-exposed",
    name: "internal-exposed",
    summary: "The audited policy lets untrusted addresses reach a port the catalog marks internal-only.",
    run,
};

fn first_untrusted(untrusted: &AddressSet, family: Family, source: Span) -> Option<u128> {
    untrusted.family(family).iter().find(|u| u.start <= source.end && source.start <= u.end).map(|u| u.start.max(source.start))
}

fn run(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(policy) = &cx.topology.policy else { return };
    // (rule, host, ports, transport) → index of its finding: one finding, every requirement.
    let mut seen: BTreeMap<(usize, usize, crate::model::PortRange, crate::model::Transport), usize> = BTreeMap::new();
    for (index, listeners) in cx.listeners.iter().enumerate() {
        let host = &cx.topology.hosts[index];
        let addresses = super::context::host_set(host);
        for listener in listeners {
            let Some(requirement) = listener.requirement() else { continue };
            let internal = requirement.exposure == Some(Exposure::Internal) || requirement.direction == Some(Direction::Internal);
            if !internal {
                continue;
            }
            let port_span = Span::new(u128::from(listener.ports.start()), u128::from(listener.ports.end()));
            for (rule_index, cubes) in cx.rule_cubes.iter().enumerate() {
                let hit = cubes.iter().find_map(|c| {
                    let reaches = c.transport == listener.transport
                        && c.ports.start <= port_span.end
                        && port_span.start <= c.ports.end
                        && addresses.family(c.family).iter().any(|a| a.start <= c.destination.end && c.destination.start <= a.end);
                    if !reaches {
                        return None;
                    }
                    first_untrusted(&cx.untrusted, c.family, c.source).map(|s| (c.family, s, c.ports.start.max(port_span.start)))
                });
                let Some((family, source, port)) = hit else { continue };
                let key = (rule_index, index, listener.ports, listener.transport);
                if let Some(&at) = seen.get(&key) {
                    if let Some(existing) = out.get_mut(at) {
                        let merged = std::mem::replace(existing, Finding::error(CHECK.code, String::new())).requirement(requirement);
                        *existing = merged;
                    }
                    continue;
                }
                seen.insert(key, out.len());
                let rule = &policy[rule_index];
                out.push(
                    Finding::error(
                        CHECK.code,
                        format!(
                            "rule {} lets untrusted addresses (e.g. {}) reach internal-only port {}/{} of {} on host `{}`",
                            rule.describe(),
                            show_address(family, source),
                            port,
                            listener.transport,
                            listener.owner_key(),
                            printable(&host.name)
                        ),
                    )
                    .at(cx.topology.location(rule.position))
                    .related(listener.location.clone(), format!("{} runs here", listener.owner_key()))
                    .help("restrict the rule's `from` to trusted zones, or its ports to the externally exposed ones")
                    .requirement(requirement),
                );
            }
        }
    }
}
