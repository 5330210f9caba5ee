//! The checker page: editor and findings side by side, then the summary, the port map, the
//! flow matrix and the rules. Every part reads the [`State`] provided here.

use leptos::prelude::*;
use portolan_core::model::Catalog;

use crate::editor::Editor;
use crate::findings::Findings;
use crate::html::plural;
use crate::overview::{FlowMatrix, PortMap, Summary};
use crate::rules::Rules;
use crate::share;
use crate::state::State;

#[component]
pub fn App(loaded: Result<Catalog, String>) -> impl IntoView {
    match loaded {
        Ok(catalog) => view! { <Checker catalog=catalog /> }.into_any(),
        Err(message) => view! {
            <p class="checker-error" role="alert">"The checker could not load the port catalog: " {message}</p>
        }
        .into_any(),
    }
}

#[component]
fn Checker(catalog: Catalog) -> impl IntoView {
    let platforms = catalog.platforms.len();
    let components = catalog.components().count();
    let requirements = catalog.requirements().count();
    let state = State::new(catalog);
    provide_context(state);

    // A share link opened in this tab (the fragment changed without a reload).
    let listener = window_event_listener(leptos::ev::hashchange, move |_| match share::decode(&crate::dom::fragment()) {
        Ok(Some(shared)) if state.text.with_untracked(|t| *t != shared.text) => state.apply_shared(shared),
        Ok(_) => {}
        Err(e) => state.notice.set(Some(crate::state::Notice { error: true, text: format!("This link's topology could not be read: {e}") })),
    });
    on_cleanup(move || listener.remove());
    // The first check, once the editor is in the page (mounting is synchronous).
    queue_microtask(move || {
        state.restore();
        crate::dom::mark_ready();
    });

    let status = move || {
        let run = state.run.get();
        state.analysis.with(|a| {
            let s = &a.summary;
            let counts = format!("{} {}, {} {}", s.errors, plural(s.errors, "error"), s.warnings, plural(s.warnings, "warning"));
            if a.topology.is_none() {
                format!("The topology cannot be read ({}): {counts}.", run.format.as_str())
            } else {
                format!("Checked {} ({}) in {} ms: {counts}.", state.file.get_untracked(), run.format.as_str(), crate::dom::ms2(run.ms))
            }
        })
    };

    view! {
        <section class="ck" data-ready="true">
            <p
                id="checker-summary"
                class="ck-catalog"
                data-platforms=platforms
                data-components=components
                data-requirements=requirements
            >
                "Checking against the catalog: " {platforms} " " {plural(platforms, "platform")} ", "
                {components} " " {plural(components, "component")} ", "
                {requirements} " " {plural(requirements, "port requirement")} "."
            </p>
            {move || state.notice.get().map(|n| view! {
                <div class=if n.error { "ck-notice ck-notice-error" } else { "ck-notice" } role="alert">
                    <span>{n.text}</span>
                    <button type="button" class="ck-link" on:click=move |_| state.notice.set(None)>"Dismiss"</button>
                </div>
            })}
            <div class="ck-layout">
                <Editor />
                <div class="ck-results">
                    <p
                        id="checker-status"
                        class="checker-status ck-status"
                        role="status"
                        aria-live="polite"
                        data-seq=move || state.run.get().seq
                        data-ms=move || crate::dom::ms2(state.run.get().ms)
                        data-errors=move || state.analysis.with(|a| a.summary.errors)
                    >
                        {status}
                    </p>
                    <Findings />
                </div>
            </div>
            <Summary />
            <div class="ck-pair">
                <PortMap />
                <FlowMatrix />
            </div>
            <Rules />
        </section>
    }
}
