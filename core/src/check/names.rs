//! Names that point nowhere: roles, zones, hosts, enabled ids (with "did you mean").

use super::{Check, Context, Finding};
use crate::model::requirement_id;
use crate::text::printable;
use crate::topology::PolicyEndpoint;
use crate::topology::suggest::{did_you_mean, same_slug};

pub(crate) const UNKNOWN_ROLE: Check = Check { code: "P010-unknown-role", run: unknown_role };

pub(crate) const UNKNOWN_ZONE: Check = Check { code: "P011-unknown-zone", run: unknown_zone };

pub(crate) const UNKNOWN_HOST: Check = Check { code: "P012-unknown-host", run: unknown_host };

pub(crate) const UNKNOWN_ENABLE: Check = Check { code: "P013-unknown-enable", run: unknown_enable };

fn unknown_role(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for host in &cx.topology.hosts {
        for role in &host.roles {
            if cx.catalog.component(&role.value).is_some() {
                continue;
            }
            let mut finding = Finding::error(
                UNKNOWN_ROLE.code,
                format!(
                    "host `{}` has unknown role `{}`",
                    printable(&host.name),
                    printable(&role.value)
                ),
            )
            .at(cx.topology.location(role.position));
            let ids = || cx.catalog.components().map(|c| c.id.as_str());
            let same = same_slug(&role.value, ids());
            let platform = cx.catalog.platform(&role.value);
            finding = match did_you_mean(&role.value, ids()) {
                // `control-plane` alone: a component of several platforms, so no single guess.
                _ if same.len() > 1 => finding.help(format!(
                    "roles are `platform/component`: did you mean one of `{}`?",
                    same.join("`, `")
                )),
                // `palette`: a platform, not one of its components.
                _ if platform.is_some() => finding.help(format!(
                    "`{}` is a platform; roles are its components: {}",
                    printable(&role.value),
                    platform
                        .map(|p| p.components.iter().map(|c| c.id.as_str()).collect::<Vec<_>>())
                        .unwrap_or_default()
                        .join(", ")
                )),
                Some(best) => finding.help(format!("did you mean `{best}`?")),
                None => {
                    let platform = role.value.split_once('/').map_or("", |(p, _)| p);
                    let ids: Vec<&str> = cx
                        .catalog
                        .platform(platform)
                        .map(|p| p.components.iter().map(|c| c.id.as_str()).collect())
                        .unwrap_or_default();
                    if ids.is_empty() {
                        let platforms: Vec<&str> =
                            cx.catalog.platforms.iter().map(|p| p.id.as_str()).collect();
                        let alike = components_alike(&role.value, cx.catalog);
                        let alike = if alike.is_empty() {
                            String::new()
                        } else {
                            format!("; components named alike: {}", alike.join(", "))
                        };
                        finding.help(format!(
                            "roles are `platform/component`; platforms: {}{alike}; a machine of your own that no platform describes needs no role: list its listeners under `services`",
                            platforms.join(", ")
                        ))
                    } else {
                        finding.help(format!("components of {platform}: {}", ids.join(", ")))
                    }
                }
            };
            out.push(finding);
        }
    }
}

/// Catalog components whose slug is a word of an unknown platform's role (`postgres/server`:
/// every `…/postgresql`, `omero-k8s/server`): a team's own name for a product the catalog
/// describes under a platform.
fn components_alike<'c>(role: &str, catalog: &'c crate::model::Catalog) -> Vec<&'c str> {
    let words: Vec<String> = role
        .split(['/', '-', '_', ' '])
        .filter(|w| w.len() >= 4)
        .map(str::to_ascii_lowercase)
        .collect();
    let mut out: Vec<&str> = catalog
        .components()
        .map(|c| c.id.as_str())
        .filter(|id| {
            let slug = id.rsplit_once('/').map_or(*id, |(_, s)| s).to_ascii_lowercase();
            words.iter().any(|w| slug == *w || slug.starts_with(w.as_str()))
        })
        .collect();
    crate::order::sort_dedup(&mut out);
    out
}

fn unknown_zone(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for host in &cx.topology.hosts {
        if cx.topology.zone(&host.zone.value).is_some() {
            continue;
        }
        let mut finding = Finding::error(
            UNKNOWN_ZONE.code,
            format!(
                "host `{}` is in zone `{}`, which is not declared under `zones`",
                printable(&host.name),
                printable(&host.zone.value)
            ),
        )
        .at(cx.topology.location(host.zone.position));
        finding =
            match did_you_mean(&host.zone.value, cx.topology.zones.iter().map(|z| z.name.as_str()))
            {
                Some(best) => finding.help(format!("did you mean `{best}`?")),
                None => finding.help(format!(
                    "declare it: `zones: {{ {}: {{ cidrs: [...] }} }}`",
                    printable(&host.zone.value)
                )),
            };
        out.push(finding);
    }
}

fn unknown_host(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let hosts = || cx.topology.hosts.iter().map(|h| h.name.as_str());
    for service in &cx.topology.services {
        if cx.topology.host(&service.host.value).is_none() {
            let mut finding = Finding::error(
                UNKNOWN_HOST.code,
                format!(
                    "service `{}` is on host `{}`, which is not declared under `hosts`",
                    printable(&service.name),
                    printable(&service.host.value)
                ),
            )
            .at(cx.topology.location(service.host.position));
            if let Some(best) = did_you_mean(&service.host.value, hosts()) {
                finding = finding.help(format!("did you mean `{best}`?"));
            }
            out.push(finding);
        }
    }
    for rule in cx.topology.policy.iter().flatten() {
        for endpoint in rule.from.iter().chain(&rule.to) {
            let PolicyEndpoint::Name(name) = &endpoint.value else { continue };
            if cx.topology.zone(name).is_some() || cx.topology.host(name).is_some() {
                continue;
            }
            let mut finding = Finding::error(
                UNKNOWN_HOST.code,
                format!(
                    "policy rule names `{}`, which is neither a zone nor a host",
                    printable(name)
                ),
            )
            .at(cx.topology.location(endpoint.position));
            finding = match did_you_mean(
                name,
                cx.topology.zones.iter().map(|z| z.name.as_str()).chain(hosts()),
            ) {
                Some(best) => finding.help(format!("did you mean `{best}`?")),
                None => finding.help("name a zone, a host, a CIDR such as `10.0.0.0/8`, or `any`"),
            };
            out.push(finding);
        }
    }
}

fn unknown_enable(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for entry in &cx.topology.enable {
        let id = entry.value.as_str();
        if let Some(requirement) = cx.catalog.requirement(id) {
            out.extend(unplaced_row(cx, entry, requirement));
            continue;
        }
        if cx.catalog.component(id).is_some() {
            continue;
        }
        // An old line id is never guessed: the rows it means now are named, the user picks.
        if let Some((message, help)) = requirement_id::line_id_error(cx.catalog, id) {
            out.push(
                Finding::error(UNKNOWN_ENABLE.code, format!("`enable`: {message}"))
                    .at(cx.topology.location(entry.position))
                    .help(help),
            );
            continue;
        }
        let message = format!(
            "`enable` names `{}`, which is neither a component nor a requirement id: it turns nothing on",
            printable(id)
        );
        // An id of a row whose port, transport or component changed: the row it meant is
        // no longer enabled, an outage, so an error; a feature's name stays a warning.
        let mut finding = if requirement_id::is_requirement_id_shaped(id) {
            Finding::error(UNKNOWN_ENABLE.code, message)
        } else {
            Finding::warning(UNKNOWN_ENABLE.code, message)
        }
        .at(cx.topology.location(entry.position));
        let candidates = cx
            .catalog
            .components()
            .map(|c| c.id.as_str())
            .chain(cx.catalog.requirements().map(|r| r.id.as_str()));
        finding = match did_you_mean(id, candidates) {
            Some(best) => finding.help(format!("did you mean `{best}`?")),
            None => finding.help(enable_help(cx, id)),
        };
        out.push(finding);
    }
}

/// An `enable` entry naming a row of a component no host holds (copied from another team's
/// file): it opens nothing, which was silent.
fn unplaced_row(
    cx: &Context<'_>,
    entry: &crate::topology::Located<String>,
    requirement: &crate::model::Requirement,
) -> Option<Finding> {
    let component = requirement.component.as_str();
    let external = cx.catalog.component(component).is_some_and(|c| c.external);
    let placed = cx.roles.iter().any(|roles| roles.iter().any(|(c, _)| *c == component));
    if external || placed {
        return None;
    }
    Some(
        Finding::warning(
            UNKNOWN_ENABLE.code,
            format!(
                "`enable` names `{}` ({} {}), a row of `{component}`, which no host holds: it opens nothing",
                printable(&requirement.id),
                requirement.ports,
                printable(requirement.purpose.as_deref().unwrap_or(""))
            ),
        )
        .at(cx.topology.location(entry.position))
        .requirement(requirement)
        .help(format!("give `{component}` to the hosts that run it (their `roles`), or remove the entry")),
    )
}

/// What `enable` expects, and the requirements of the named platform whose purpose or
/// condition mentions the words of the entry (`openlm/flannel-wireguard` finds the WireGuard
/// row, `openlm/node-51820-udp`): a feature's name is what people write, the id is what works. ASCII
/// case only, as in `suggest` (Unicode case tables would weigh on the checker's wasm).
fn enable_help(cx: &Context<'_>, id: &str) -> String {
    let (platform, rest) = id.split_once('/').unwrap_or(("", id));
    let words: Vec<String> = rest
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_ascii_lowercase)
        .collect();
    // (words mentioned, description), keeping those that mention the most words.
    let mut found: Vec<(usize, String)> = Vec::new();
    for requirement in cx.catalog.requirements() {
        if !platform.is_empty() && requirement.platform() != platform {
            continue;
        }
        let text = [&requirement.purpose, &requirement.condition]
            .into_iter()
            .flatten()
            .map(|t| t.to_ascii_lowercase())
            .collect::<Vec<_>>()
            .join(" ");
        let score = words.iter().filter(|w| text.contains(w.as_str())).count();
        if score > 0 {
            let purpose = requirement.purpose.as_deref().unwrap_or("");
            let line =
                format!("`{}` ({} {})", requirement.id, requirement.ports, printable(purpose));
            found.push((score, line));
        }
    }
    let best = found.iter().map(|(score, _)| *score).max().unwrap_or(0);
    let found: Vec<String> = found
        .into_iter()
        .filter(|(score, _)| *score == best)
        .map(|(_, line)| line)
        .take(5)
        .collect();
    let expected = "`enable` takes a component id (`platform/component`) or a requirement id (`platform/component-port-transport`, shown on the platform page)";
    if found.is_empty() {
        expected.to_owned()
    } else {
        format!("{expected}; requirements that mention it: {}", found.join(", "))
    }
}
