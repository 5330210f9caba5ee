//! What the topology amounts to: a summary, a per-host port map (what listens where) and a
//! zone × zone flow matrix.

use leptos::prelude::*;

use crate::html::{self, FIRST_HOSTS};
use crate::state::State;

#[component]
pub fn Summary() -> impl IntoView {
    let state = expect_context::<State>();
    let stats = move || {
        let ms = crate::dom::ms2(state.run.get().ms);
        state.analysis.with(|a| html::summary(a, &state.file.get_untracked(), &ms))
    };
    let unusable = move || state.analysis.with(|a| a.topology.is_none());
    view! {
        <section class="ck-panel" aria-labelledby="checker-summary-h">
            <h2 id="checker-summary-h">"Summary"</h2>
            <p class="ck-muted" hidden=move || !unusable()>"Fix the errors in the topology to see its summary."</p>
            <dl
                id="checker-overview"
                class="ck-stats"
                hidden=unusable
                data-hosts=move || state.analysis.with(|a| a.summary.hosts)
                data-flows=move || state.analysis.with(|a| a.summary.flows)
                inner_html=stats
            ></dl>
        </section>
    }
}

#[component]
pub fn PortMap() -> impl IntoView {
    let state = expect_context::<State>();
    let show_all = RwSignal::new(false);
    let root = crate::dom::site_root();
    let rows = move || {
        let limit = if show_all.get() { usize::MAX } else { FIRST_HOSTS };
        state.analysis.with(|a| html::port_rows(&a.ports, limit, &root))
    };
    view! {
        <section class="ck-panel" aria-labelledby="checker-ports-h">
            <h2 id="checker-ports-h">"Port map"</h2>
            <p class="ck-muted ck-legend">
                "What listens on each host, from its roles and services. "
                <span class="ck-port ck-clash">"collision"</span>
                " "
                <span class="ck-port ck-dynamic">"dynamic range"</span>
            </p>
            <div class="ck-scroll" tabindex="0" role="region" aria-label="Port map">
                <table id="checker-portmap" class="ck-table">
                    <thead><tr><th scope="col">"Host"</th><th scope="col">"Listening"</th></tr></thead>
                    <tbody
                        inner_html=rows
                        on:click=move |ev| {
                            if let Some((line, column)) = html::goto_target(&ev) {
                                crate::editor::goto(state, line, column);
                            }
                        }
                    ></tbody>
                </table>
            </div>
            <button
                type="button"
                class="ck-button"
                hidden=move || show_all.get() || state.analysis.with(|a| a.ports.len() <= FIRST_HOSTS)
                on:click=move |_| show_all.set(true)
            >
                {move || format!("Show all {} hosts", state.analysis.with(|a| a.ports.len()))}
            </button>
        </section>
    }
}

#[component]
pub fn FlowMatrix() -> impl IntoView {
    let state = expect_context::<State>();
    view! {
        <section class="ck-panel" aria-labelledby="checker-matrix-h">
            <h2 id="checker-matrix-h">"Flow matrix"</h2>
            <div inner_html=move || state.analysis.with(|a| html::matrix(a))></div>
        </section>
    }
}
