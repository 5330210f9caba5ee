//! What one name of a topology's `clients` or `peers` entry stands for: `any`, a zone, a host,
//! the hosts of a role, or the hosts of a platform, tried in that order. One resolution for
//! the planner's peers (`Planner::settlement_peers`) and for the hosts a component's declared
//! clients cover (`own_hosts.rs`): two copies of it could drift, and a client the note calls
//! covered would then not be one the rules open to.

use rustc_hash::FxHashMap as HashMap;

use crate::topology::{Topology, Zone};

/// A resolved name of a `clients` or `peers` entry.
pub(super) enum Member<'t, 'm> {
    Any,
    Zone(&'t Zone),
    /// A host's index into `topology.hosts` (the first of that name).
    Host(usize),
    /// The hosts holding a role (a component id), indices in document order.
    Role(&'m [usize]),
    /// The hosts holding a non-external role of a platform, indices in document order.
    Platform(&'m [usize]),
}

/// The member `name` stands for, given the hosts holding each role (`placed`) and each
/// platform (`by_platform`); `None` for a name nothing resolves (left to the checks,
/// `P015-unknown-settlement`).
pub(super) fn resolve<'t, 'm>(
    topology: &'t Topology,
    placed: &'m HashMap<&str, Vec<usize>>,
    by_platform: &'m HashMap<&str, Vec<usize>>,
    name: &str,
) -> Option<Member<'t, 'm>> {
    let name = name.trim();
    if name.eq_ignore_ascii_case("any") {
        Some(Member::Any)
    } else if let Some(zone) = topology.zone(name) {
        Some(Member::Zone(zone))
    } else if let Some(index) = topology.hosts.iter().position(|h| h.name == name) {
        Some(Member::Host(index))
    } else if let Some(hosts) = placed.get(name) {
        Some(Member::Role(hosts))
    } else {
        by_platform.get(name).map(|hosts| Member::Platform(hosts))
    }
}
