//! A policy rule that allows traffic no requirement needs.

use super::space::{AddressSet, Coverage, Cube, compact, coverage_within};

/// Splitting steps per rule part: past it the rule is given the benefit of the doubt.
const BUDGET: usize = 256;
/// Past this many covering cubes only the exact one-dimension gap test runs (bounded time on
/// topologies of thousands of hosts; a gap in two dimensions at once may then go unreported).
const SPLIT_LIMIT: usize = 2_000;
/// Past this many covering cubes (before merging) a rule is not judged at all.
const COVER_LIMIT: usize = 20_000;
use super::{Check, Context, Finding};

pub(crate) const CHECK: Check = Check {
    code: "P052-rule-too-wide",
    name: "rule-too-wide",
    summary: "A policy rule allows traffic that no planned flow or declared service needs.",
    run,
};

fn run(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(policy) = &cx.topology.policy else { return };
    // Destinations that matter: the hosts, and the untrusted space (egress). Addresses of a
    // trusted zone where no host lives receive nothing, so a rule to a whole zone is not "wide"
    // because of them.
    let hosts = AddressSet::from_nets(cx.topology.hosts.iter().flat_map(|h| h.ips().map(ipnet::IpNet::from)));
    let relevant = hosts.union(&cx.untrusted);
    let mut cover: Vec<Cube> = Vec::new();
    for service in &cx.topology.services {
        let Some(host) = cx.topology.host(&service.host.value) else { continue };
        let addresses = super::context::host_set(host);
        for spec in &service.ports {
            for transport in spec.value.transport.members() {
                cover.extend(Cube::product(&AddressSet::everything(), &addresses, spec.value.ports, *transport));
            }
        }
    }
    let services = cover;
    for (rule, cubes) in policy.iter().zip(&cx.rule_cubes) {
        let names_unknown = rule.from.iter().chain(&rule.to).any(|e| cx.resolve(&e.value).is_none());
        if names_unknown {
            continue; // P012 reports it.
        }
        let location = cx.topology.location(rule.position);
        if cubes.is_empty() {
            out.push(
                Finding::warning(CHECK.code, format!("rule {} allows nothing: its sides share no IP family", rule.describe()))
                    .at(location)
                    .help("remove the rule, or give both sides addresses of one family"),
            );
            continue;
        }
        let mut targets = Vec::new();
        for cube in cubes {
            let destination = AddressSet::from_spans(cube.family, cube.destination).intersection(&relevant);
            for span in destination.family(cube.family) {
                targets.push(Cube { destination: *span, ..*cube });
            }
        }
        if targets.is_empty() {
            out.push(
                Finding::warning(CHECK.code, format!("rule {} reaches no host of the topology", rule.describe()))
                    .at(location)
                    .help("remove the rule, or place the hosts it is meant for"),
            );
            continue;
        }
        // The flows this rule could matter to (same transport, overlapping ports, a destination
        // inside the rule's), as cubes.
        let to = rule.to.iter().filter_map(|e| cx.resolve(&e.value)).fold(AddressSet::default(), |a, s| a.union(&s));
        let mut cover: Vec<Cube> = services.clone();
        for flow in &cx.plan.flows {
            let relevant_ports = rule.ports.iter().any(|p| p.value.transport.includes(flow.transport) && p.value.ports.overlaps(flow.ports));
            if !relevant_ports {
                continue;
            }
            let destination = cx.endpoint_set(&flow.destination);
            if destination.intersection(&to).is_empty() {
                continue;
            }
            cover.extend(cx.cubes_of_flow(flow).into_iter().filter(|c| cubes.iter().any(|r| r.intersects(c))));
        }
        if cover.len() > COVER_LIMIT {
            // Too large to decide in bounded time (a rule across thousands of hosts): no finding.
            continue;
        }
        let cover = compact(cover);
        let needed = targets.iter().any(|t| cover.iter().any(|c| c.intersects(t)));
        let uncovered = targets.iter().find_map(|t| match coverage_within(t, &cover, if cover.len() > SPLIT_LIMIT { 0 } else { BUDGET }) {
            Coverage::Uncovered(part) => Some(part),
            Coverage::Covered | Coverage::Unknown => None,
        });
        let Some(part) = uncovered else { continue };
        let message = if needed {
            format!("rule {} is wider than the requirements: it also allows {}", rule.describe(), part.witness())
        } else {
            format!("rule {} allows traffic no requirement needs (e.g. {})", rule.describe(), part.witness())
        };
        out.push(
            Finding::warning(CHECK.code, message)
                .at(location)
                .help("narrow `from`, `to` or `ports` to the planned flows (`portolan flows` lists them)"),
        );
    }
}
