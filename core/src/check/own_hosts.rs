//! Rows that state no peer, on a component with declared `clients`, planned from the clients
//! and the platform's own hosts (`plan/own_hosts.rs`): one note per component where the own
//! hosts add sources the clients do not cover. A note, not a warning: the own hosts are the
//! narrow reading the document supports, and `clients` adds to it; said so nobody meets a
//! wider plan than they wrote in silence.

use super::{Check, Context, Finding};
use crate::plan::NoteKind;

pub(crate) const CHECK: Check = Check { code: "P046-own-hosts-kept", run };

fn run(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for note in cx.plan.notes.iter().filter(|n| n.kind == NoteKind::OwnHostsKept) {
        out.push(
            Finding::note(CHECK.code, note.message.clone())
                .at_opt(note.location.clone())
                .help("if a row is for the declared clients only, give it a `peers` entry by its id (`peers: { <requirement id>: [the clients] }`); if the hosts named use it, nothing to do"),
        );
    }
}
