//! Requirements that give no flow: no transport in the document, or no IP family in common.

use super::{Check, Context, Finding};
use crate::model::Requirement;
use crate::plan::{NoteKind, PlanNote};

pub(crate) const CHECK: Check = Check { code: "P041-unplannable-requirement", run };

fn run(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for note in &cx.plan.notes {
        let help = match note.kind {
            NoteKind::UnknownTransport => {
                out.push(cx.note_warning(CHECK.code, note, &unknown_transport_help(cx, note)));
                continue;
            }
            NoteKind::DestinationUnstated => {
                "name where it connects: `peers: { <requirement id>: [zones, hosts or roles] }` in the topology (a zone of one /32 for an outside server)"
            }
            NoteKind::IsolatedAlone => {
                "give the peer role to a host of the same environment, or drop `environment` from the zones that must talk"
            }
            NoteKind::ServiceClosed => {
                // A rule opening it says so in its P052, with this fix: one cause, one finding.
                if closed(cx, note).is_some_and(|s| super::closed_services::said_by_a_rule(cx, s)) {
                    continue;
                }
                "say who reaches it: `from: [zones, hosts, CIDRs or any]` in the `services` entry"
            }
            NoteKind::NoCommonFamily => {
                "give the host an address of the other family, or the zone a CIDR of it"
            }
            _ => continue,
        };
        out.push(cx.note_warning(CHECK.code, note, help));
    }
}

/// The fix for a requirement with no transport, with an entry to paste built from the
/// requirement's own role and port (a newcomer was told "a `services` entry" and had to guess
/// its shape).
fn unknown_transport_help(cx: &Context<'_>, note: &PlanNote) -> String {
    const GENERIC: &str = "the document does not say tcp or udp: read the requirement's row, then name the transport in a `services` entry of the topology";
    let Some(requirement) = note.requirement.as_deref().and_then(|id| cx.requirement(id)) else {
        return GENERIC.to_owned();
    };
    let host = holder(cx, requirement).unwrap_or("<host>");
    let name = requirement.component.rsplit('/').next().unwrap_or(&requirement.component);
    let from = requirement
        .peer_component
        .as_deref()
        .filter(|peer| cx.roles.iter().any(|roles| roles.iter().any(|(c, _)| c == peer)))
        .unwrap_or("<zones, hosts or roles that connect>");
    format!(
        "the document does not say tcp or udp: read the requirement's row, then name the transport in a `services` entry of the topology, e.g. `services: [{{ host: {host}, name: {name}, ports: [{ports}/tcp], from: [{from}] }}]` (`/udp` if the row says so)",
        ports = requirement.ports
    )
}

/// The first host (in topology order) that runs the requirement's component.
fn holder<'a>(cx: &Context<'a>, requirement: &Requirement) -> Option<&'a str> {
    let index =
        cx.roles.iter().position(|roles| roles.iter().any(|(c, _)| *c == requirement.component))?;
    cx.topology.hosts.get(index).map(|h| h.name.as_str())
}

/// The `services` entry a closed-service note is about (the note is placed at it).
fn closed<'a>(cx: &Context<'a>, note: &PlanNote) -> Option<&'a crate::topology::Service> {
    let at = note.location.as_ref()?;
    cx.topology.services.iter().find(|s| {
        s.from.is_empty()
            && s.position.line == at.line
            && s.position.column == at.column
            && cx.topology.file == at.file
    })
}
