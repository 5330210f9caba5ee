//! What the topology amounts to (the markup is the page's): a summary, a per-host port map
//! (what listens where) and a zone × zone flow matrix.

use crate::dom;
use crate::html::FIRST_HOSTS;
use crate::ids;
use crate::state::Page;

/// Draws the three panels when the check is not the one `drawn` ("Show all" may have filled the
/// port map since).
pub fn draw(p: &Page, drawn: Option<u32>) {
    let o = &p.outcome;
    if drawn != Some(o.id) {
        dom::set_hidden(ids::UNREADABLE, o.readable);
        dom::set_hidden(ids::OVERVIEW, !o.readable);
        dom::set_attr(ids::OVERVIEW, "data-hosts", &o.hosts.to_string());
        dom::set_attr(ids::OVERVIEW, "data-flows", &o.flows.to_string());
        dom::set_html(ids::OVERVIEW, &o.summary_html);
        dom::set_html(ids::PORTS, &o.ports_html);
        dom::set_html(ids::FLOWS, &o.matrix_html);
        dom::set_text(ids::MORE_PORTS, &format!("Show all {} hosts", o.port_hosts));
    }
    dom::set_hidden(ids::MORE_PORTS, p.all_ports || o.port_hosts <= FIRST_HOSTS);
}
