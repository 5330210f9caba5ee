//! Requirements planned on an assumption: a peer the document leaves open or unreadable, no
//! direction, a component enabled but placed on no host (planned on the platform's hosts), or
//! a component's hosts in several zones kept apart (internal rows within each zone only).
//! The finding says where to settle it.

use super::{Check, Context, Finding};
use crate::plan::NoteKind;

pub(crate) const CHECK: Check = Check { code: "P042-peer-assumed", run };

fn run(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for note in &cx.plan.notes {
        let help = match note.kind {
            NoteKind::PeerAssumed => {
                "pin the peer in the document (`<!-- portolan: peer=... -->`), or say in the topology who it is: `peers: { <requirement or component id>: [zones, hosts or roles] }`, or `clients: { <component id>: [...] }` for a user-facing port"
            }
            NoteKind::DirectionAssumed => {
                "pin the direction in the document (`<!-- portolan: direction=... -->`), or settle the peer in the topology's `peers`"
            }
            NoteKind::PlacementAssumed => {
                "give the component as a role to the hosts that run it; keep it in `enable` only for a feature every host of the platform has (an overlay network)"
            }
            NoteKind::ZonedApart => {
                "if the zones are racks or subnets of one cluster, add the `peers` entries the message names (each row from every host of the platform); if they are separate copies, give their zones an `environment` (`environment: prod`), which keeps every row apart, not only these"
            }
            _ => continue,
        };
        out.push(cx.note_warning(CHECK.code, note, help));
    }
}
