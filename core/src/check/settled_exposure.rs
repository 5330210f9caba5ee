//! The other way an internal-only port reaches untrusted addresses: the topology's own
//! `peers` or `clients` name an untrusted zone (or `any`) for it, and the plan opens it so.
//! The topology may mean it, but the document says internal-only: said, never silent. Part of
//! `P051-internal-exposed` (the policy side is [`super::exposure`]).

use super::{Context, Finding};
use crate::model::{Direction, Exposure};
use crate::plan::Endpoint;
use crate::text::printable;
use crate::topology::Settlement;

pub(super) fn run(cx: &Context<'_>, out: &mut Vec<Finding>, code: &'static str) {
    let topology = cx.topology;
    // Sorted, each once (`order::insert_set`).
    let mut said: Vec<(String, String)> = Vec::new();
    // One finding per entry, port and side; every requirement behind it added to it.
    // Sorted by key (`order::insert_sorted`): no B-tree type of its own.
    let mut found: Vec<(String, usize)> = Vec::new();
    for flow in &cx.plan.flows {
        let opened = match &flow.source {
            Endpoint::Any => "any",
            Endpoint::Zone { name, .. }
                if topology.zone(name).is_some_and(|z| z.is_untrusted()) =>
            {
                name
            }
            _ => continue,
        };
        for id in flow.requirements.iter() {
            let Some(requirement) = cx.catalog.requirement(id) else { continue };
            let internal = requirement.exposure == Some(Exposure::Internal)
                || requirement.direction == Some(Direction::Internal);
            if !internal || !crate::order::insert_set(&mut said, (id.clone(), opened.to_owned())) {
                continue;
            }
            // The entry that named the untrusted side: the requirement's `peers`, else the
            // component's, else its `clients`.
            let names = |s: &&Settlement| {
                s.members.iter().any(|m| m.value == opened || m.value.eq_ignore_ascii_case("any"))
            };
            let entry = crate::plan::settlement_of(cx.catalog, topology, requirement)
                .filter(names)
                .or_else(|| topology.clients_of(&requirement.component).filter(names));
            let (key, at) = match entry {
                Some(s) => {
                    let member = s
                        .members
                        .iter()
                        .find(|m| m.value == opened || m.value.eq_ignore_ascii_case("any"))
                        .map_or(s.key.position, |m| m.position);
                    (
                        format!("`{}` entry `{}`", which(topology, s), printable(&s.key.value)),
                        Some(topology.location(member)),
                    )
                }
                None => ("plan".to_owned(), flow.location.as_deref().cloned()),
            };
            let merge_key = format!("{at:?} {} {} {opened}", requirement.ports, flow.transport);
            if let Some(&index) = crate::order::get_sorted(&found, &merge_key) {
                if let Some(existing) = out.get_mut(index) {
                    let merged = std::mem::replace(existing, Finding::warning(code, String::new()))
                        .requirement(requirement);
                    *existing = merged;
                }
                continue;
            }
            crate::order::insert_sorted(&mut found, merge_key, out.len());
            let shown = if opened == "any" {
                "any address".to_owned()
            } else {
                format!("untrusted zone `{}`", printable(opened))
            };
            out.push(
                Finding::warning(
                    code,
                    format!(
                        "the topology's {key} opens internal-only port {}/{} of {} to {shown}",
                        requirement.ports,
                        flow.transport,
                        requirement.component
                    ),
                )
                .at_opt(at)
                .help("name the trusted zones or hosts that use it; the document says this port is internal only")
                .requirement(requirement),
            );
        }
    }
}

/// `peers` or `clients`, for the message.
fn which(topology: &crate::topology::Topology, settlement: &Settlement) -> &'static str {
    if topology.clients.iter().any(|c| std::ptr::eq(c, settlement)) { "clients" } else { "peers" }
}

#[cfg(test)]
mod tests {
    use crate::check::check_text;
    use crate::model::{Direction, Exposure};
    use crate::topology::Format;
    use crate::topology::testkit::*;

    /// Regression (database opened to the internet by the topology, in silence): `peers:
    /// { act/db: [internet, dc] }` planned the internal-only 5432 from 0.0.0.0/0 and `check`
    /// said "no findings". One warning per entry and port, at the member naming the internet,
    /// with both rows behind the port.
    #[test]
    fn regression_peers_naming_the_internet_for_an_internal_port_are_warned() {
        let cat = catalog(vec![platform(
            "act",
            vec![
                with_exposure(
                    req("act/db", "r-96", "5432", "tcp", Direction::Internal),
                    Exposure::Internal,
                ),
                with_exposure(
                    req("act/db", "r-314", "5432", "tcp", Direction::Internal),
                    Exposure::Internal,
                ),
                req("act/web", "r-50", "443", "tcp", Direction::Inbound),
            ],
            &[],
        )]);
        let text = |peers: &str| {
            format!(
                "zones:\n  internet: {{ cidrs: [0.0.0.0/0], trust: untrusted }}\n  dc: {{ cidrs: [10.0.0.0/24] }}\nhosts:\n  web: {{ zone: dc, address: 10.0.0.5, roles: [act/web] }}\n  db: {{ zone: dc, address: 10.0.0.6, roles: [act/db] }}\nclients: {{ act/web: [internet] }}\n{peers}"
            )
        };
        let (_, report) =
            check_text(&cat, &text("peers: { act/db: [internet, dc] }\n"), "t.yaml", Format::Yaml);
        let found: Vec<_> =
            report.findings.iter().filter(|f| f.code == "P051-internal-exposed").collect();
        assert_eq!(found.len(), 1, "{found:#?}");
        let at = found[0].location.as_ref().expect("located");
        assert_eq!((at.line, at.column), (8, 19));
        assert_eq!(found[0].requirements.len(), 2);
        // The web port is external by its clients; the database from the trusted zone: silent.
        let (_, report) =
            check_text(&cat, &text("peers: { act/db: [dc] }\n"), "t.yaml", Format::Yaml);
        assert!(!report.findings.iter().any(|f| f.code == "P051-internal-exposed"));
    }
}
