//! The topology's own answers to what a document leaves open: `variants` (which deployment),
//! `enable` (which of "8443 or 443"), `clients` and `peers` (who stands behind a port). Names
//! there must exist; an open choice of a placed platform is said.

use std::collections::HashSet;

use super::{Check, Context, Finding};
use crate::model::Requirement;
use crate::plan;
use crate::text::printable;
use crate::topology::Settlement;
use crate::topology::suggest::did_you_mean;

pub(crate) const UNKNOWN_VARIANT: Check =
    Check { code: "P014-unknown-variant", run: unknown_variant };

pub(crate) const UNKNOWN_SETTLEMENT: Check =
    Check { code: "P015-unknown-settlement", run: unknown_settlement };

pub(crate) const CLIENTS_UNPLACED: Check =
    Check { code: "P016-clients-unplaced", run: clients_unplaced };

pub(crate) const PEERS_PASSED_OVER: Check =
    Check { code: "P017-peers-entry-passed-over", run: peers_passed_over };

pub(crate) const VARIANT_UNCHOSEN: Check =
    Check { code: "P043-variant-unchosen", run: variant_unchosen };

pub(crate) const ALTERNATIVE_UNCHOSEN: Check =
    Check { code: "P044-alternative-unchosen", run: alternative_unchosen };

/// A component-wide `peers` entry the planner did not apply to a row whose document names its
/// peer (the registry pulls of `openlm/node: [openlm]`). The row keeps the document's peer, so
/// nothing is lost or widened if the entry was not meant for it: a note at the entry, since
/// `check` is where a topology is read and the plan's note alone was not shown there.
fn peers_passed_over(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for note in cx.plan.notes.iter().filter(|n| n.kind == plan::NoteKind::SettlementPassedOver) {
        let mut finding = Finding::note(PEERS_PASSED_OVER.code, note.message.clone())
            .at_opt(note.location.clone())
            .help("if the entry was meant for this row too, add one keyed by the row's id (the message names it); otherwise nothing to do");
        if let Some(r) = note.requirement.as_deref().and_then(|id| cx.requirement(id)) {
            finding = finding.requirement(r);
        }
        out.push(finding);
    }
}

fn unknown_variant(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for choice in &cx.topology.variants {
        let Some(platform) = cx.catalog.platform(&choice.platform.value) else {
            let mut finding = Finding::error(
                UNKNOWN_VARIANT.code,
                format!(
                    "`variants` names platform `{}`, which is not in the catalog",
                    printable(&choice.platform.value)
                ),
            )
            .at(cx.topology.location(choice.platform.position));
            if let Some(best) = did_you_mean(
                &choice.platform.value,
                cx.catalog.platforms.iter().map(|p| p.id.as_str()),
            ) {
                finding = finding.help(format!("did you mean `{best}`?"));
            }
            out.push(finding);
            continue;
        };
        if platform.variants.iter().any(|v| v.slug == choice.variant.value) {
            continue;
        }
        let slugs: Vec<&str> = platform.variants.iter().map(|v| v.slug.as_str()).collect();
        let mut finding = Finding::error(
            UNKNOWN_VARIANT.code,
            format!(
                "platform `{}` has no deployment variant `{}`",
                platform.id,
                printable(&choice.variant.value)
            ),
        )
        .at(cx.topology.location(choice.variant.position));
        finding = match did_you_mean(&choice.variant.value, slugs.iter().copied()) {
            Some(best) => finding.help(format!("did you mean `{best}`?")),
            None if slugs.is_empty() => finding.help(format!(
                "{}'s document describes no variants: remove the entry",
                platform.id
            )),
            None => finding.help(format!("variants of {}: {}", platform.id, slugs.join(", "))),
        };
        out.push(finding);
    }
}

fn unknown_settlement(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let topology = cx.topology;
    let roles = || topology.hosts.iter().flat_map(|h| h.roles.iter().map(|r| r.value.as_str()));
    let member_known = |name: &str| {
        let name = name.trim();
        name.eq_ignore_ascii_case("any")
            || topology.zone(name).is_some()
            || topology.host(name).is_some()
            || roles().any(|r| r == name)
            || roles().any(|r| r.split_once('/').is_some_and(|(p, _)| p == name))
    };
    let mut check = |what: &str, settlement: &Settlement, requirement_keys: bool| {
        let key = settlement.key.value.as_str();
        let known = cx.catalog.component(key).is_some()
            || (requirement_keys && cx.catalog.requirement(key).is_some());
        let line_id = requirement_keys
            .then(|| crate::model::requirement_id::line_id_error(cx.catalog, key))
            .flatten();
        if let (false, Some((message, help))) = (known, line_id) {
            out.push(
                Finding::error(UNKNOWN_SETTLEMENT.code, format!("`{what}` entry: {message}"))
                    .at(topology.location(settlement.key.position))
                    .help(help),
            );
        } else if !known {
            let kinds =
                if requirement_keys { "a component or requirement id" } else { "a component id" };
            let mut finding = Finding::error(
                UNKNOWN_SETTLEMENT.code,
                format!("`{what}` entry `{}` is not {kinds} of the catalog", printable(key)),
            )
            .at(topology.location(settlement.key.position));
            let components = cx.catalog.components().map(|c| c.id.as_str());
            let best = if requirement_keys {
                did_you_mean(
                    key,
                    components.chain(cx.catalog.requirements().map(|r| r.id.as_str())),
                )
            } else {
                did_you_mean(key, components)
            };
            if let Some(best) = best {
                finding = finding.help(format!("did you mean `{best}`?"));
            }
            out.push(finding);
        }
        for member in &settlement.members {
            if member_known(&member.value) {
                if let Some(finding) = ambiguous_member(cx, what, key, member) {
                    out.push(finding);
                }
                continue;
            }
            let mut finding = Finding::error(
                UNKNOWN_SETTLEMENT.code,
                format!(
                    "`{what}` of `{}` names `{}`, which is no zone, host or placed role",
                    printable(key),
                    printable(&member.value)
                ),
            )
            .at(topology.location(member.position));
            let candidates: Vec<&str> = topology
                .zones
                .iter()
                .map(|z| z.name.as_str())
                .chain(topology.hosts.iter().map(|h| h.name.as_str()))
                .chain(roles())
                .collect();
            finding = match (
                network_help(topology, &member.value),
                did_you_mean(&member.value, candidates.iter().copied()),
            ) {
                (Some(help), _) => finding.help(help),
                (None, Some(best)) => finding.help(format!("did you mean `{best}`?")),
                (None, None) => {
                    finding.help("name a zone, a host, a role held by a host, or `any`")
                }
            };
            out.push(finding);
        }
    };
    for settlement in &topology.clients {
        check("clients", settlement, false);
    }
    for settlement in &topology.peers {
        check("peers", settlement, true);
    }
}

/// A member that names two things, read as the first the planner tries (a zone, then a host,
/// then a platform). Regression: the newcomer's Ceph (session 16) named its zone `ceph` and
/// listed `ceph` among the monitors' clients for the cluster's hosts; the zone won, in
/// silence, and the monitors were opened to the whole network.
fn ambiguous_member(
    cx: &Context<'_>,
    what: &str,
    key: &str,
    member: &crate::topology::Located<String>,
) -> Option<Finding> {
    let topology = cx.topology;
    let name = member.value.trim();
    let platform = topology
        .hosts
        .iter()
        .flat_map(|h| h.roles.iter())
        .any(|r| r.value.split_once('/').is_some_and(|(p, _)| p == name));
    let kinds: Vec<&str> = [
        (topology.zone(name).is_some(), "a zone"),
        (topology.host(name).is_some(), "a host"),
        (platform, "a platform"),
    ]
    .into_iter()
    .filter_map(|(named, kind)| named.then_some(kind))
    .collect();
    let (read_as, others) = kinds.split_first()?;
    if others.is_empty() {
        return None;
    }
    Some(
        Finding::warning(
            UNKNOWN_SETTLEMENT.code,
            format!(
                "`{what}` of `{}` names `{}`, which is {read_as} and also {}: read as {read_as}",
                printable(key),
                printable(name),
                others.join(" and ")
            ),
        )
        .at(topology.location(member.position))
        .help("rename the zone or host so that each name means one thing, or name the hosts or roles meant (`ceph/osd`)"),
    )
}

/// A `clients` or `peers` member written as an address or a network (`198.51.100.0/24`,
/// `203.0.113.7`), as a partner's range is often pasted: entries name zones, so it plans
/// nothing. The help names the host or zone that is exactly it, else the zone to declare
/// (untrusted: a range outside the topology's own sites).
fn network_help(topology: &crate::topology::Topology, member: &str) -> Option<String> {
    let member = member.trim();
    let net: ipnet::IpNet = member
        .parse()
        .ok()
        .or_else(|| member.parse::<std::net::IpAddr>().ok().map(ipnet::IpNet::from))?;
    if net.prefix_len() == net.max_prefix_len()
        && let Some(host) = topology.hosts.iter().find(|h| h.ips().any(|a| a == net.addr()))
    {
        return Some(format!(
            "entries name zones, hosts or roles, not addresses: {member} is host `{}`'s, name `{}`",
            printable(&host.name),
            printable(&host.name)
        ));
    }
    if let Some(zone) = topology.zones.iter().find(|z| z.nets().any(|n| n == net.trunc())) {
        return Some(format!(
            "entries name zones, hosts or roles, not networks: {member} is zone `{}`'s, name `{}`",
            printable(&zone.name),
            printable(&zone.name)
        ));
    }
    Some(format!(
        "entries name zones, hosts or roles, not networks: declare it as a zone (`partner: {{ cidrs: [{}], trust: untrusted }}` under `zones:`) and name that zone here",
        net.trunc()
    ))
}

fn variant_unchosen(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for platform in &cx.catalog.platforms {
        if platform.variants.is_empty() || cx.topology.variant_of(&platform.id).is_some() {
            continue;
        }
        let prefix = format!("{}/", platform.id);
        let first_role = cx
            .topology
            .hosts
            .iter()
            .flat_map(|h| h.roles.iter())
            .find(|r| r.value.starts_with(&prefix));
        let Some(role) = first_role else { continue };
        let slugs: Vec<&str> = platform.variants.iter().map(|v| v.slug.as_str()).collect();
        let skipped = platform.requirements.iter().filter(|r| r.variant.is_some()).count();
        out.push(
            Finding::warning(
                VARIANT_UNCHOSEN.code,
                format!(
                    "{} describes deployment variants ({}) and the topology picks none: only the rows common to all are planned, {skipped} variant row(s) are not",
                    platform.id,
                    slugs.join(", ")
                ),
            )
            .at(cx.topology.location(role.position))
            .help(format!(
                "add `variants: {{ {}: {} }}` (or another of: {})",
                platform.id,
                slugs.first().copied().unwrap_or("..."),
                slugs.join(", ")
            )),
        );
    }
}

/// "8443 or 443" gives each port as a conditional row (see `extract::alternatives`): planned
/// only when `enable` names it. With none named nothing opens the port the deployment uses, so
/// each such group of a placed component is said once.
fn alternative_unchosen(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let mut seen: HashSet<&str> = HashSet::new();
    let placed = cx.roles.iter().flatten().filter(|(component, _)| seen.insert(component));
    for &(component, position) in placed {
        let Some(platform) = cx.catalog.platform(component.split_once('/').map_or("", |(p, _)| p))
        else {
            continue;
        };
        // Groups in document order: (the ports as written, the rows giving them).
        let mut groups: Vec<(&str, Vec<&Requirement>)> = Vec::new();
        for requirement in &platform.requirements {
            let Some(written) = requirement.alternatives() else { continue };
            if requirement.component != component || !plan::applies(requirement, cx.topology) {
                continue;
            }
            match groups.iter_mut().find(|(w, _)| *w == written) {
                Some((_, rows)) => rows.push(requirement),
                None => groups.push((written, vec![requirement])),
            }
        }
        for (written, rows) in groups {
            if rows.iter().any(|r| plan::is_active(r, &cx.enabled)) {
                continue;
            }
            let Some(first) = rows.first() else { continue };
            let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
            let finding = Finding::warning(
                ALTERNATIVE_UNCHOSEN.code,
                format!(
                    "{component} uses {written}, whichever the deployment uses, and `enable` names none of them ({}): no rule opens any of them",
                    ids.join(", ")
                ),
            )
            .at(cx.topology.location(position))
            .related(first.source.clone(), format!("the document gives {written} here"))
            .help(format!(
                "add the one your deployment uses to `enable` (e.g. `enable: [{}]`)",
                first.id
            ))
            .requirements(rows.iter().copied());
            out.push(finding);
        }
    }
}

/// `clients: { openlm/ingress: [internet] }` says the component is used, but no host holds
/// it (its role forgotten, or on a host under another name): nothing opens its ports, and no
/// other finding names a component placed nowhere. Peers are left out: a `peers` key may
/// rightly name an outside component (a broker, a registry) that runs on no host.
fn clients_unplaced(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let placed: HashSet<&str> = cx.roles.iter().flatten().map(|(c, _)| *c).collect();
    for settlement in &cx.topology.clients {
        let key = settlement.key.value.as_str();
        let Some(component) = cx.catalog.component(key) else { continue };
        if component.external || placed.contains(key) {
            continue;
        }
        // A role written near it (`OpenLM/Ingress`) is P010's, which names this id already.
        let misspelt = cx
            .topology
            .hosts
            .iter()
            .flat_map(|h| h.roles.iter())
            .filter(|r| cx.catalog.component(&r.value).is_none())
            .any(|r| did_you_mean(&r.value, [key]).is_some());
        if misspelt {
            continue;
        }
        let mut finding = Finding::warning(
            CLIENTS_UNPLACED.code,
            format!(
                "`clients` names the users of {key}, but no host holds that role: nothing is planned for it, so they reach nothing"
            ),
        )
        .at(cx.topology.location(settlement.key.position))
        .help(format!("add `{key}` to the roles of the hosts that run it"));
        for requirement in cx.catalog.requirements_of(key).take(1) {
            finding =
                finding.related(requirement.source.clone(), format!("{key}'s rows start here"));
        }
        out.push(finding);
    }
}
