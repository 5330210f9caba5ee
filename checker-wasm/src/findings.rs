//! The findings list: severity, code, message, location; a click puts the cursor on the line,
//! and each requirement behind a finding links to its row on the reference site.

use leptos::html::Ol;
use leptos::prelude::*;

use crate::html::{FIRST_FINDINGS, plural};
use crate::lists;
use crate::state::State;

#[component]
pub fn Findings() -> impl IntoView {
    let state = expect_context::<State>();
    let show_all = RwSignal::new(false);
    let list = NodeRef::<Ol>::new();
    lists::show_rest_when(state, show_all, move || list.get_untracked().map(Into::into), "findings");
    let count = move || {
        state.outcome.with(|s| format!("{} {}, {} {}", s.errors, plural(s.errors, "error"), s.warnings, plural(s.warnings, "warning")))
    };
    view! {
        <section class="ck-panel" aria-labelledby="checker-findings-h">
            <h2 id="checker-findings-h">"Findings " <span class="ck-count">{count}</span></h2>
            <p class="ck-clean" hidden=move || state.outcome.with(|o| o.findings > 0 || !o.readable)>
                "No findings: every required flow is planned and nothing collides."
            </p>
            <ol
                id="checker-findings"
                class="ck-findings"
                node_ref=list
                inner_html=move || state.outcome.with(|o| o.findings_html.clone())
                on:click=move |ev| {
                    if let Some((line, column)) = crate::html::goto_target(&ev) {
                        crate::editor::goto(state, line, column);
                    }
                }
            ></ol>
            <button
                type="button"
                class="ck-button"
                hidden=move || show_all.get() || state.outcome.with(|o| o.findings <= FIRST_FINDINGS)
                on:click=move |_| show_all.set(true)
            >
                {move || format!("Show all {} findings", state.outcome.with(|o| o.findings))}
            </button>
        </section>
    }
}
