//! A policy rule that allows traffic no requirement needs.

use super::grid::Width;
use super::space::AddressSet;
use super::{Check, Context, Finding};

pub(crate) const CHECK: Check = Check { code: "P052-rule-too-wide", run };

/// Judged per (source host or host-less zone, destination host or host-less zone, port,
/// transport): see [`super::grid`]. Unused addresses inside a zone that has hosts never make a
/// rule wide.
fn run(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(policy) = &cx.topology.policy else { return };
    let Some(grid) = &cx.grid else { return };
    let mut grid = grid.borrow_mut();
    let unknown_roles = hosts_with_unknown_roles(cx);
    for (index, (rule, cubes)) in policy.iter().zip(&cx.rule_cubes).enumerate() {
        let names_unknown =
            rule.from.iter().chain(&rule.to).any(|e| cx.resolve(&e.value).is_none());
        if names_unknown {
            continue; // P012 reports it.
        }
        let location = cx.topology.rule_location(rule);
        if cubes.is_empty() {
            out.push(
                Finding::warning(
                    CHECK.code,
                    format!(
                        "rule {} allows nothing: its sides share no IP family",
                        rule.describe()
                    ),
                )
                .at(location)
                .help("remove the rule, or give both sides addresses of one family"),
            );
            continue;
        }
        let width = grid.width(index, &cx.rule_ports[index]);
        if matches!(width, Width::Wider(_) | Width::Unneeded(_))
            && (only_these(cx, rule.from.iter().map(|e| &e.value), &unknown_roles)
                || only_these(cx, rule.to.iter().map(|e| &e.value), &unknown_roles))
        {
            // A host whose role is unknown needs no flow, so a rule from or to it alone would
            // look too wide: that follows from the P010 already reported, not from the rule.
            continue;
        }
        let any_source = rule.from.iter().any(|e| e.value == crate::topology::PolicyEndpoint::Any);
        let width = match width {
            Width::Wider(w) if any_source => Width::Wider(anyone(w)),
            Width::Unneeded(w) if any_source => Width::Unneeded(anyone(w)),
            other => other,
        };
        // A closed service the rule opens is the likelier cause: said here, not in a P041 too.
        let closed = match width {
            Width::Wider(_) | Width::Unneeded(_) => {
                super::closed_services::clause(&super::closed_services::opened_by(cx, index), cx)
            }
            _ => None,
        };
        let (message, help) = match width {
            Width::Fits => continue,
            Width::NoDestination => (
                format!("rule {} reaches no host of the topology", rule.describe()),
                "remove the rule, or place the hosts it is meant for".to_owned(),
            ),
            Width::NoSource => (
                format!(
                    "rule {} comes from no host of the topology: its sources are unused addresses of zones",
                    rule.describe()
                ),
                "remove the rule, or place the hosts it is meant for".to_owned(),
            ),
            Width::Wider(w) => (
                format!(
                    "rule {} is wider than the requirements: it also allows {}, which no planned flow needs",
                    rule.describe(),
                    w.describe()
                ),
                "narrow `from`, `to` or `ports` to the planned flows (the flow plan lists them)"
                    .to_owned(),
            ),
            Width::Unneeded(w) => {
                let message = format!(
                    "rule {} allows traffic no requirement needs (e.g. {})",
                    rule.describe(),
                    w.describe()
                );
                let help =
                    "remove the rule, or narrow it to the planned flows (the flow plan lists them)";
                let help = match other_ports_planned(cx, &w) {
                    Some(ports) => format!(
                        "{help}; the plan has {} → {} on {ports}: if a router forwards port {} to one of them (DNAT), the host sees the inside port, so write that",
                        w.source, w.destination, w.port
                    ),
                    None => help.to_owned(),
                };
                (message, help)
            }
        };
        let (message, help) = match closed {
            Some((clause, fix)) => {
                (format!("{message}{clause}"), format!("{fix}; otherwise {help}"))
            }
            None => (message, help),
        };
        out.push(Finding::warning(CHECK.code, message).at(location).help(help));
    }
}

/// The ports the plan opens between an unneeded rule's witness ends on its transport
/// (`443/tcp`), when there are any: the rule then likely names a port forward's outside port
/// (8443 on the router, 443 on the host), which the host never sees.
fn other_ports_planned(cx: &Context<'_>, witness: &super::grid::Witness) -> Option<String> {
    let mut ports: Vec<String> = cx
        .plan
        .flows
        .iter()
        .filter(|f| f.transport == witness.transport && !f.ports.contains_port(witness.port))
        .filter(|f| {
            f.source.label() == witness.source && f.destination.label() == witness.destination
        })
        .map(|f| format!("{}/{}", f.ports, f.transport))
        .collect();
    crate::order::sort_dedup(&mut ports);
    if ports.is_empty() { None } else { Some(ports.join(", ")) }
}

/// The addresses of the hosts with a role the catalog does not know (P010).
fn hosts_with_unknown_roles(cx: &Context<'_>) -> AddressSet {
    cx.topology
        .hosts
        .iter()
        .filter(|h| h.roles.iter().any(|r| cx.catalog.component(&r.value).is_none()))
        .fold(AddressSet::default(), |acc, h| acc.union(&AddressSet::of_host(cx.topology, h)))
}

/// Whether one side of a rule stands for addresses of `hosts` only.
fn only_these<'e>(
    cx: &Context<'_>,
    side: impl Iterator<Item = &'e crate::topology::PolicyEndpoint>,
    hosts: &AddressSet,
) -> bool {
    if hosts.is_empty() {
        return false;
    }
    let side =
        side.filter_map(|e| cx.resolve(e)).fold(AddressSet::default(), |acc, s| acc.union(&s));
    !side.is_empty() && side.minus(hosts).is_empty()
}

/// A witness from an any-source rule whose source is an address no zone holds (`0.0.0.0`):
/// named as what the rule means, anyone, not as one arbitrary address.
fn anyone(mut witness: super::grid::Witness) -> super::grid::Witness {
    if witness.source.starts_with("address ") {
        witness.source = "anyone (any address)".to_owned();
    }
    witness
}
