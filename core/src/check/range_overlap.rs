//! A listener inside another's dynamic range (NodePort 30000–32767, srun 8192–60000…).

use super::collision::same_daemon;
use super::{Check, Context, Finding};
use crate::text::printable;

pub(crate) const CHECK: Check = Check { code: "P031-range-overlap", run };

fn run(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (index, listeners) in cx.listeners.iter().enumerate() {
        let host = &cx.topology.hosts[index];
        // Sorted, each once (`order::insert_set`): no B-tree type of its own.
        let mut seen = Vec::new();
        for range in listeners.iter().filter(|l| l.is_dynamic()) {
            for other in listeners {
                if other.owner_key() == range.owner_key()
                    || other.transport != range.transport
                    || same_daemon(range, other)
                {
                    continue;
                }
                if !range.ports.overlaps(other.ports) {
                    continue;
                }
                // Two dynamic ranges: report the pair once.
                let key = if other.is_dynamic() {
                    let (a, b) = if range.owner_key() < other.owner_key() {
                        (range, other)
                    } else {
                        (other, range)
                    };
                    (
                        a.owner_key().to_owned(),
                        b.owner_key().to_owned(),
                        a.ports,
                        b.ports,
                        range.transport,
                    )
                } else {
                    (
                        range.owner_key().to_owned(),
                        other.owner_key().to_owned(),
                        range.ports,
                        other.ports,
                        range.transport,
                    )
                };
                if !crate::order::insert_set(&mut seen, key) {
                    continue;
                }
                let finding = Finding::warning(
                    CHECK.code,
                    format!(
                        "on host `{}`, {} overlaps the dynamic range of {}: the range's owner may hand out those ports",
                        printable(&host.name),
                        other.describe(),
                        range.describe()
                    ),
                )
                .at(cx.topology.location(other.position))
                .related(cx.topology.location(range.position), format!("{} reserves the range", range.describe()))
                .help("move the listener out of the range, narrow the range, or put them on different hosts")
                .requirements([range, other].into_iter().filter_map(|l| l.requirement()));
                out.push(finding);
            }
        }
    }
}
