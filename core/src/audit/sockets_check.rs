//! Listening sockets against what the topology says the host runs (P062-P065).

use std::collections::BTreeMap;

use super::sockets::{self, Socket};
use super::{
    FileKind, HostFile, IMPORT_UNREADABLE, INTERNAL_WILDCARD, LISTENER_ABSENT, PORT_CLAIMED_TWICE,
    SOCKET_UNACCOUNTED,
};
use crate::check::space::AddressSet;
use crate::check::{Context, Finding, Listener};
use crate::diagnostic::SourceLocation;
use crate::model::{Catalog, Direction, Exposure, Necessity, PortRange, Transport};
use crate::text::printable;
use crate::topology::Topology;

pub(crate) fn findings(catalog: &Catalog, topology: &Topology, files: &[HostFile]) -> Vec<Finding> {
    let listening: Vec<&HostFile> =
        files.iter().filter(|f| f.kind == FileKind::Listening).collect();
    if listening.is_empty() {
        return Vec::new();
    }
    let cx = Context::new(catalog, topology);
    let mut out = Vec::new();
    for file in listening {
        let Some(index) = cx.host_index(&file.host) else {
            out.push(
                Finding::error(
                    IMPORT_UNREADABLE,
                    format!(
                        "`{}` is given for host `{}`, which the topology does not declare",
                        file.file, file.host
                    ),
                )
                .at(SourceLocation::new(&file.file, 1, 1)),
            );
            continue;
        };
        let (found, notes) = sockets::read(&file.text, None);
        for note in notes {
            out.push(Finding::error(IMPORT_UNREADABLE, note.message).at(SourceLocation::new(
                &file.file,
                note.at.line,
                note.at.column,
            )));
        }
        host_findings(&cx, index, file, &found, &mut out);
    }
    out
}

fn located(file: &HostFile, socket: &Socket) -> SourceLocation {
    SourceLocation::new(&file.file, socket.at.line, socket.at.column)
}

fn is_internal(listener: &Listener<'_>) -> bool {
    listener.requirement().is_some_and(|r| {
        r.exposure == Some(Exposure::Internal) || r.direction == Some(Direction::Internal)
    })
}

/// Can an untrusted address reach the host at all: its zone is untrusted, or a policy rule
/// lets untrusted sources in to one of its addresses.
fn reachable_from_untrusted(cx: &Context<'_>, index: usize) -> bool {
    let host = &cx.topology.hosts[index];
    // Its zone, or a second interface's (a DMZ leg of a host placed in the internal zone).
    if cx.topology.faces_untrusted(host) {
        return true;
    }
    let own = AddressSet::of_host(cx.topology, host);
    cx.rule_cubes.iter().flatten().any(|c| {
        let to_host = own
            .family(c.family)
            .iter()
            .any(|a| a.start <= c.destination.end && c.destination.start <= a.end);
        let from_untrusted = cx
            .untrusted
            .family(c.family)
            .iter()
            .any(|u| u.start <= c.source.end && c.source.start <= u.end);
        to_host && from_untrusted
    })
}

fn host_findings(
    cx: &Context<'_>,
    index: usize,
    file: &HostFile,
    found: &[Socket],
    out: &mut Vec<Finding>,
) {
    let host = &cx.topology.hosts[index];
    let name = printable(&host.name);
    let listeners = &cx.listeners[index];
    let exposed = reachable_from_untrusted(cx, index);
    // One finding per port and transport, however many address families list it.
    let mut reported: Vec<(u16, Transport, &'static str)> = Vec::new();
    for socket in found.iter().filter(|s| !s.is_loopback()) {
        let claims: Vec<&Listener<'_>> = listeners
            .iter()
            .filter(|l| l.transport == socket.transport && l.ports.contains_port(socket.port))
            .collect();
        let process = socket.process.clone().unwrap_or_else(|| "an unnamed process".to_owned());
        let mut report = |code: &'static str, finding: Finding| {
            if !reported.contains(&(socket.port, socket.transport, code)) {
                reported.push((socket.port, socket.transport, code));
                out.push(finding);
            }
        };
        if claims.is_empty() {
            report(
                SOCKET_UNACCOUNTED,
                Finding::warning(
                    SOCKET_UNACCOUNTED,
                    format!(
                        "{process} listens on {} on host `{name}`, and no role of the host and no `services:` entry accounts for it",
                        socket.describe()
                    ),
                )
                .at(located(file, socket))
                .related(cx.topology.location(host.position), format!("host `{name}` is declared here"))
                .help(format!("declare it under `services:` (host {name}, ports [{}/{}]) or stop the process", socket.port, socket.transport)),
            );
            continue;
        }
        let mut owners: Vec<&str> = claims.iter().map(|l| l.owner_key()).collect();
        crate::order::sort_dedup(&mut owners);
        if owners.len() > 1 {
            let mut finding = Finding::warning(
                PORT_CLAIMED_TWICE,
                format!(
                    "port {}/{} on host `{name}` is claimed by {}; only one of them can be the {process} listening on it",
                    socket.port,
                    socket.transport,
                    owners.join(" and ")
                ),
            )
            .at(located(file, socket))
            .help("move one of the roles to another host, or pin the document row that does not apply");
            for l in &claims {
                finding = finding.related(
                    cx.topology.location(l.position),
                    format!("{} claims it here", l.describe()),
                );
                if let Some(r) = l.requirement() {
                    finding = finding.requirement(r);
                }
            }
            report(PORT_CLAIMED_TWICE, finding);
        }
        if socket.address.is_none()
            && exposed
            && let Some(internal) = claims.iter().find(|l| is_internal(l))
        {
            {
                let mut finding = Finding::error(
                    INTERNAL_WILDCARD,
                    format!(
                        "{process} binds internal-only port {}/{} of {} to every address on host `{name}`, which an untrusted zone can reach",
                        socket.port,
                        socket.transport,
                        internal.owner_key()
                    ),
                )
                .at(located(file, socket))
                .related(cx.topology.location(internal.position), format!("{} runs here", internal.owner_key()))
                .help("bind it to the host's internal address only, or make sure the firewall keeps untrusted sources out");
                if let Some(r) = internal.requirement() {
                    finding = finding.requirement(r);
                }
                report(INTERNAL_WILDCARD, finding);
            }
        }
    }
    absent_listeners(cx, &name, file, listeners, found, out);
}

/// Required listeners of placed roles that no socket (loopback ones aside) serves.
fn absent_listeners(
    cx: &Context<'_>,
    host: &str,
    file: &HostFile,
    listeners: &[Listener<'_>],
    found: &[Socket],
    out: &mut Vec<Finding>,
) {
    let mut missing: BTreeMap<(PortRange, Transport), Vec<&Listener<'_>>> = BTreeMap::new();
    for listener in listeners {
        let Some(requirement) = listener.requirement() else { continue };
        let required = requirement.necessity.is_none_or(|n| n == Necessity::Required);
        if !required || listener.is_dynamic() {
            continue;
        }
        let served = found.iter().any(|s| {
            !s.is_loopback()
                && s.transport == listener.transport
                && listener.ports.contains_port(s.port)
        });
        if !served {
            missing.entry((listener.ports, listener.transport)).or_default().push(listener);
        }
    }
    for ((ports, transport), claims) in missing {
        let owners: Vec<&str> = {
            let mut o: Vec<&str> = claims.iter().map(|l| l.owner_key()).collect();
            o.dedup();
            o
        };
        let mut finding = Finding::error(
            LISTENER_ABSENT,
            format!(
                "nothing listens on {ports}/{transport} on host `{host}`, which {} {} (required by the document)",
                owners.join(" and "),
                if owners.len() > 1 { "need" } else { "needs" }
            ),
        )
        .at(SourceLocation::new(&file.file, 1, 1))
        .help("start the service, or remove the role from the host if it does not run there");
        for l in &claims {
            finding = finding.related(
                cx.topology.location(l.position),
                format!("{} is placed here", l.owner_key()),
            );
            if let Some(r) = l.requirement() {
                finding = finding.requirement(r);
            }
        }
        out.push(finding);
    }
}
