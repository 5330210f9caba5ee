//! Requirements that give no flow: no transport in the document, or no IP family in common.

use super::{Check, Context, Finding};
use crate::plan::NoteKind;

pub(crate) const CHECK: Check = Check {
    code: "P041-unplannable-requirement",
    name: "unplannable-requirement",
    summary: "A requirement of a placed role cannot become a flow (no transport stated, an outbound connection with no stated peer, or source and destination share no IP family).",
    run,
};

fn run(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for note in &cx.plan.notes {
        let help = match note.kind {
            NoteKind::UnknownTransport => {
                "the document does not say tcp or udp: read the requirement's row, then name the transport in a `services` entry of the topology"
            }
            NoteKind::DestinationUnstated => {
                "name where it connects: `peers: { <requirement id>: [zones, hosts or roles] }` in the topology (a zone of one /32 for an outside server)"
            }
            NoteKind::IsolatedAlone => {
                "give the peer role to a host of the same environment, or drop `environment` from the zones that must talk"
            }
            NoteKind::ServiceClosed => {
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
