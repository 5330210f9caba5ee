//! An internal-only port reachable from an untrusted zone through the policy.

use super::space::{AddressSet, Family, Span, show_address};
use super::{Check, Context, Finding};
use crate::model::{Direction, Exposure};
use crate::text::printable;
use crate::topology::{PolicyEndpoint, PolicyRule, Zone};

pub(crate) const CHECK: Check = Check { code: "P051-internal-exposed", run };

fn first_untrusted(untrusted: &AddressSet, family: Family, source: Span) -> Option<u128> {
    untrusted
        .family(family)
        .iter()
        .find(|u| u.start <= source.end && source.start <= u.end)
        .map(|u| u.start.max(source.start))
}

/// Where the untrusted sources of a rule come from, in the user's words: the untrusted zones
/// its sources reach into (those the rule names first), or addresses in no zone.
fn exposure_origin(cx: &Context<'_>, rule: &PolicyRule, exposed: &AddressSet) -> String {
    // An address belongs to its most specific zone: `internet: 0.0.0.0/0` does not own a
    // DMZ's addresses.
    let meets = |zone: &Zone| {
        let nested = cx.topology.zones.iter().flat_map(|z| z.nets()).filter(|n| {
            zone.nets().any(|own| own.contains(n) && own.prefix_len() < n.prefix_len())
        });
        let own = AddressSet::from_nets(zone.nets()).minus(&AddressSet::from_nets(nested));
        !own.intersection(exposed).is_empty()
    };
    let named: Vec<&str> = rule
        .from
        .iter()
        .filter_map(
            |e| if let PolicyEndpoint::Name(n) = &e.value { Some(n.as_str()) } else { None },
        )
        .collect();
    let mut zones: Vec<&Zone> = cx.topology.untrusted_zones().filter(|z| meets(z)).collect();
    // Zones the rule names first, then in declaration order.
    let unnamed = |z: &&Zone| !named.contains(&z.name.as_str());
    crate::order::sort_by(&mut zones, &|a, b| unnamed(a).cmp(&unnamed(b)));
    if zones.is_empty() {
        let in_zones = AddressSet::from_nets(cx.topology.zones.iter().flat_map(|z| z.nets()));
        let outside = exposed.minus(&in_zones);
        return match outside.sample().or_else(|| exposed.sample()) {
            Some((family, address)) => format!(
                "addresses in no zone (e.g. {}), which count as untrusted,",
                show_address(family, address)
            ),
            None => "untrusted addresses".to_owned(),
        };
    }
    let names: Vec<String> = zones.iter().map(|z| format!("`{}`", printable(&z.name))).collect();
    if names.len() == 1 {
        format!("untrusted zone {}", names[0])
    } else {
        format!("untrusted zones {}", names.join(", "))
    }
}

/// A rule, a host, the ports and transport of a listener on it.
type SeenKey = (usize, usize, crate::model::PortRange, crate::model::Transport);

fn run(cx: &Context<'_>, out: &mut Vec<Finding>) {
    super::settled_exposure::run(cx, out, CHECK.code);
    super::placed_exposure::run(cx, out, CHECK.code);
    let Some(policy) = &cx.topology.policy else { return };
    // (rule, host, ports, transport) → index of its finding: one finding, every requirement.
    // Sorted by key (`order::insert_sorted`): no B-tree type of its own.
    let mut seen: Vec<(SeenKey, usize)> = Vec::new();
    for (index, listeners) in cx.listeners.iter().enumerate() {
        let host = &cx.topology.hosts[index];
        let addresses = AddressSet::of_host(cx.topology, host);
        for listener in listeners {
            let Some(requirement) = listener.requirement() else { continue };
            let internal = requirement.exposure == Some(Exposure::Internal)
                || requirement.direction == Some(Direction::Internal);
            if !internal {
                continue;
            }
            let port_span =
                Span::new(u128::from(listener.ports.start()), u128::from(listener.ports.end()));
            for (rule_index, cubes) in cx.rule_cubes.iter().enumerate() {
                let hit = cubes.iter().find_map(|c| {
                    let reaches = c.transport == listener.transport
                        && c.ports.start <= port_span.end
                        && port_span.start <= c.ports.end
                        && addresses
                            .family(c.family)
                            .iter()
                            .any(|a| a.start <= c.destination.end && c.destination.start <= a.end);
                    if !reaches {
                        return None;
                    }
                    first_untrusted(&cx.untrusted, c.family, c.source)
                        .map(|s| (c.family, s, c.ports.start.max(port_span.start)))
                });
                let Some((family, _, port)) = hit else { continue };
                let key = (rule_index, index, listener.ports, listener.transport);
                if let Some(&at) = crate::order::get_sorted(&seen, &key) {
                    if let Some(existing) = out.get_mut(at) {
                        let merged =
                            std::mem::replace(existing, Finding::error(CHECK.code, String::new()))
                                .requirement(requirement);
                        *existing = merged;
                    }
                    continue;
                }
                crate::order::insert_sorted(&mut seen, key, out.len());
                let rule = &policy[rule_index];
                // The untrusted part of what the rule lets reach this port.
                let mut sources = AddressSet::default();
                for c in
                    cubes.iter().filter(|c| c.family == family && c.transport == listener.transport)
                {
                    sources.push(c.family, c.source);
                }
                sources.normalize();
                let origin = exposure_origin(cx, rule, &sources.intersection(&cx.untrusted));
                out.push(
                    Finding::error(
                        CHECK.code,
                        format!(
                            "rule {} lets {origin} reach internal-only port {}/{} of {} on host `{}`",
                            rule.describe(),
                            // A port (at most 65535) as `u16`: the page then has no `u128` formatting.
                            u16::try_from(port).unwrap_or(u16::MAX),
                            listener.transport,
                            listener.owner_key(),
                            printable(&host.name)
                        ),
                    )
                    .at(cx.topology.rule_location(rule))
                    .related(cx.topology.location(listener.position), format!("{} runs here", listener.owner_key()))
                    .help("restrict the rule's `from` to trusted zones, or its ports to the externally exposed ones")
                    .requirement(requirement),
                );
            }
        }
    }
}
