//! A `services` entry with no `from` stays closed in the plan (a P041 note says so), so a
//! policy rule opening its port is wider than the plan (P052). Both are one cause: the
//! service does not say who reaches it. The rule's P052 names the service and the `from` to
//! write, and the service's own P041 is left out when such a P052 says it.

use super::Context;
use super::grid::Width;
use super::space::AddressSet;
use crate::topology::Service;

/// The closed services (no `from`) whose ports policy rule `index` opens on their host.
pub(super) fn opened_by<'a>(cx: &Context<'a>, index: usize) -> Vec<&'a Service> {
    let (Some(policy), Some(space)) = (&cx.topology.policy, cx.rule_spaces.get(index)) else {
        return Vec::new();
    };
    let Some(rule) = policy.get(index) else { return Vec::new() };
    if space.from.is_empty() {
        return Vec::new();
    }
    cx.topology
        .services
        .iter()
        .filter(|service| service.from.is_empty())
        .filter(|service| {
            let Some(host) = cx.topology.host(&service.host.value) else { return false };
            let held = rule.held_by.is_empty() || rule.held_by.contains(&host.name);
            let reached =
                !space.to.intersection(&AddressSet::of_host(cx.topology, host)).is_empty();
            let on_port = service.ports.iter().any(|spec| {
                spec.value.transport.members().iter().any(|t| {
                    space.ports.iter().any(|(range, transport)| {
                        transport == t && range.overlaps(spec.value.ports)
                    })
                })
            });
            held && reached && on_port
        })
        .collect()
}

/// Whether a P052 names `service` ([`opened_by`] a rule the plan does not fit).
pub(super) fn said_by_a_rule(cx: &Context<'_>, service: &Service) -> bool {
    let (Some(policy), Some(grid)) = (&cx.topology.policy, &cx.grid) else { return false };
    (0..policy.len()).any(|index| {
        opened_by(cx, index).iter().any(|s| std::ptr::eq(*s, service))
            && !matches!(
                grid.borrow_mut().width(index, &cx.rule_ports[index]),
                Width::Fits | Width::NoDestination | Width::NoSource
            )
    })
}

/// The clause P052 adds for the closed services a rule opens, and the help that fixes it.
pub(super) fn clause(services: &[&Service], cx: &Context<'_>) -> Option<(String, String)> {
    let first = services.first()?;
    let names: Vec<String> = services
        .iter()
        .map(|s| format!("service `{}` on host {}", crate::text::printable(&s.name), s.host.value))
        .collect();
    let at = cx.topology.location(first.position);
    Some((
        format!(
            "; it opens {}, which names no `from`, so the plan keeps it closed",
            names.join(" and ")
        ),
        format!(
            "if the rule's sources are the clients of {}, say so in the service: `from: [<zones, hosts, CIDRs or any>]` ({}:{})",
            names.join(" and "),
            at.file,
            at.line
        ),
    ))
}
