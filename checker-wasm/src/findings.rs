//! The findings list: severity, code, message, location; a click puts the cursor on the line,
//! and each requirement behind a finding links to its row on the reference site.

use leptos::prelude::*;

use crate::html::{self, FIRST_FINDINGS, plural};
use crate::state::State;

#[component]
pub fn Findings() -> impl IntoView {
    let state = expect_context::<State>();
    let show_all = RwSignal::new(false);
    let root = crate::dom::site_root();
    let list = move || {
        let limit = if show_all.get() { usize::MAX } else { FIRST_FINDINGS };
        state.analysis.with(|a| html::findings(&a.findings, limit, &root))
    };
    let count = move || {
        state.analysis.with(|a| {
            let s = &a.summary;
            format!("{} {}, {} {}", s.errors, plural(s.errors, "error"), s.warnings, plural(s.warnings, "warning"))
        })
    };
    view! {
        <section class="ck-panel" aria-labelledby="checker-findings-h">
            <h2 id="checker-findings-h">"Findings " <span class="ck-count">{count}</span></h2>
            <p class="ck-clean" hidden=move || state.analysis.with(|a| !a.findings.is_empty() || a.topology.is_none())>
                "No findings: every required flow is planned and nothing collides."
            </p>
            <ol
                id="checker-findings"
                class="ck-findings"
                inner_html=list
                on:click=move |ev| {
                    if let Some((line, column)) = html::goto_target(&ev) {
                        crate::editor::goto(state, line, column);
                    }
                }
            ></ol>
            <button
                type="button"
                class="ck-button"
                hidden=move || show_all.get() || state.analysis.with(|a| a.findings.len() <= FIRST_FINDINGS)
                on:click=move |_| show_all.set(true)
            >
                {move || format!("Show all {} findings", state.analysis.with(|a| a.findings.len()))}
            </button>
        </section>
    }
}
