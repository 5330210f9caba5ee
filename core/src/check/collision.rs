//! Two roles or services on one host binding the same port and transport.

use super::context::Listener;
use super::{Check, Context, Finding};
use crate::text::printable;

pub(crate) const CHECK: Check = Check { code: "P030-port-collision", run };

/// Same platform, same ports and transport: one shared daemon (kubelet on control plane and
/// worker), not a collision.
pub(crate) fn same_daemon(a: &Listener<'_>, b: &Listener<'_>) -> bool {
    match (a.requirement(), b.requirement()) {
        (Some(ra), Some(rb)) => {
            ra.platform() == rb.platform() && a.ports == b.ports && a.transport == b.transport
        }
        _ => false,
    }
}

/// The ports two listeners of one host both bind, when that is a collision (P030): fixed ports
/// (not dynamic ranges), other owners, one transport, not one shared daemon. The checker's port
/// map marks its collisions with this too, so that it never disagrees with the findings.
pub fn collides(a: &Listener<'_>, b: &Listener<'_>) -> Option<crate::model::PortRange> {
    if a.is_dynamic()
        || b.is_dynamic()
        || a.owner_key() == b.owner_key()
        || a.transport != b.transport
        || same_daemon(a, b)
    {
        return None;
    }
    a.ports.intersection(b.ports)
}

/// First owner, second owner, the overlapping ports.
type PairKey = (String, String, crate::model::PortRange);

/// The transports of a pair, and its two listeners.
type Pair<'l, 'c> = (Vec<&'c str>, &'l Listener<'c>, &'l Listener<'c>);

fn run(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (index, listeners) in cx.listeners.iter().enumerate() {
        let host = &cx.topology.hosts[index];
        let fixed: Vec<&Listener<'_>> = listeners.iter().filter(|l| !l.is_dynamic()).collect();
        // (first owner, second owner, overlap) → transports, and the pair for the message.
        // Sorted by key (`order::entry_sorted_with`): no B-tree type of its own.
        let mut pairs: Vec<(PairKey, Pair<'_, '_>)> = Vec::new();
        for (i, a) in fixed.iter().enumerate() {
            for b in &fixed[i + 1..] {
                let Some(overlap) = collides(a, b) else { continue };
                let key = (a.owner_key().to_owned(), b.owner_key().to_owned(), overlap);
                let entry = crate::order::entry_sorted_with(&mut pairs, key, || (Vec::new(), a, b));
                if !entry.0.contains(&a.transport.as_str()) {
                    entry.0.push(a.transport.as_str());
                }
            }
        }
        for ((_, _, overlap), (transports, a, b)) in pairs {
            let finding = Finding::error(
                CHECK.code,
                format!(
                    "port {overlap}/{} is bound twice on host `{}`: by {} and by {}",
                    transports.join("+"),
                    printable(&host.name),
                    a.describe(),
                    b.describe()
                ),
            )
            .at(cx.topology.location(b.position))
            .related(cx.topology.location(a.position), format!("{} binds it here", a.describe()))
            .help("move one of them to another host, or change its port")
            .requirements([a, b].into_iter().filter_map(|l| l.requirement()));
            out.push(finding);
        }
    }
}
