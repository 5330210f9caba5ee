//! Where a row's port is reached from, for a platform page's "at a glance" lists and the home
//! page's cards: what the document states, else what its peer says. API Connect states no
//! exposure in words, yet its first row is "Public zone → Gateway 443": a peer outside the
//! platform (a component marked `external`) makes the port open from outside, a peer that is
//! one of the platform's own components (or a row between all nodes) keeps it internal.

use portolan_core::model::Component;

use crate::site::ReqView;

/// `"external"`, `"internal"`, or `None` when neither the document nor the peer says.
pub fn reach(r: &ReqView, components: &[Component]) -> Option<&'static str> {
    if let Some(stated) = r.exposure {
        return Some(stated);
    }
    match r.direction {
        Some("internal") => return Some("internal"),
        Some("outbound") | None => return None,
        _ => {}
    }
    let peer = components.iter().find(|c| Some(&c.id) == r.peer_component.as_ref())?;
    Some(if peer.external { "external" } else { "internal" })
}
