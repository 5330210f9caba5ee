//! What the topology amounts to (the markup is the page's): a summary, a per-host port map
//! (what listens where) and a zone × zone flow matrix.

use leptos::prelude::*;

use crate::html::FIRST_HOSTS;
use crate::state::State;
use crate::{dom, lists};

pub fn attach(state: State) {
    lists::show_rest_when(state, |p| p.all_ports, "checker-ports", "ports");
    Effect::new(move |drawn: Option<u32>| {
        state.page.with(|p| {
            let o = &p.outcome;
            // Only when the check changed: "Show all" may have filled the port map since.
            if drawn != Some(o.id) {
                dom::set_hidden("checker-unreadable", o.readable);
                dom::set_hidden("checker-overview", !o.readable);
                dom::set_attr("checker-overview", "data-hosts", &o.hosts.to_string());
                dom::set_attr("checker-overview", "data-flows", &o.flows.to_string());
                dom::set_html("checker-overview", &o.summary_html);
                dom::set_html("checker-ports", &o.ports_html);
                dom::set_html("checker-flows", &o.matrix_html);
                dom::set_text("checker-more-ports", &format!("Show all {} hosts", o.port_hosts));
            }
            dom::set_hidden("checker-more-ports", p.all_ports || o.port_hosts <= FIRST_HOSTS);
            o.id
        })
    });
}
