//! What the topology amounts to: a summary, a per-host port map (what listens where) and a
//! zone × zone flow matrix.

use leptos::html::Tbody;
use leptos::prelude::*;

use crate::html::FIRST_HOSTS;
use crate::lists;
use crate::state::State;

#[component]
pub fn Summary() -> impl IntoView {
    let state = expect_context::<State>();
    let unusable = move || state.outcome.with(|o| !o.readable);
    view! {
        <section class="ck-panel" aria-labelledby="checker-summary-h">
            <h2 id="checker-summary-h">"Summary"</h2>
            <p class="ck-muted" hidden=move || !unusable()>"Fix the errors in the topology to see its summary."</p>
            <dl
                id="checker-overview"
                class="ck-stats"
                hidden=unusable
                data-hosts=move || state.outcome.with(|o| o.hosts)
                data-flows=move || state.outcome.with(|o| o.flows)
                inner_html=move || state.outcome.with(|o| o.summary_html.clone())
            ></dl>
        </section>
    }
}

#[component]
pub fn PortMap() -> impl IntoView {
    let state = expect_context::<State>();
    let show_all = RwSignal::new(false);
    let body = NodeRef::<Tbody>::new();
    lists::show_rest_when(state, show_all, move || body.get_untracked().map(Into::into), "ports");
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
                        node_ref=body
                        inner_html=move || state.outcome.with(|o| o.ports_html.clone())
                        on:click=move |ev| {
                            if let Some((line, column)) = crate::html::goto_target(&ev) {
                                crate::editor::goto(state, line, column);
                            }
                        }
                    ></tbody>
                </table>
            </div>
            <button
                type="button"
                class="ck-button"
                hidden=move || show_all.get() || state.outcome.with(|o| o.port_hosts <= FIRST_HOSTS)
                on:click=move |_| show_all.set(true)
            >
                {move || format!("Show all {} hosts", state.outcome.with(|o| o.port_hosts))}
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
            <div inner_html=move || state.outcome.with(|o| o.matrix_html.clone())></div>
        </section>
    }
}
