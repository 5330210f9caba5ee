//! The checker page: editor and findings side by side, then the summary, the port map, the
//! flow matrix and the rules. Every part reads the [`State`] provided here.

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::editor::Editor;
use crate::findings::Findings;
use crate::html::plural;
use crate::overview::{FlowMatrix, PortMap, Summary};
use crate::rules::Rules;
use crate::share;
use crate::state::State;

#[component]
pub fn App(loaded: Result<JsValue, String>) -> impl IntoView {
    match loaded {
        Ok(catalog) => view! { <Checker catalog=catalog /> }.into_any(),
        Err(message) => view! {
            <p class="checker-error" role="alert">"The checker could not load the port catalog: " {message}</p>
        }
        .into_any(),
    }
}

#[component]
fn Checker(catalog: JsValue) -> impl IntoView {
    let state = State::new();
    provide_context(state);
    let counts = move || state.catalog.get().unwrap_or_default();

    // A share link opened in this tab (the fragment changed without a reload).
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        leptos::task::spawn_local(async move {
            match share::decode(&crate::dom::fragment()).await {
                Ok(Some(shared)) if state.text.with_untracked(|t| *t != shared.text) => state.apply_shared(shared),
                Ok(_) => {}
                Err(e) => state.notice.set(Some(crate::state::Notice { error: true, text: format!("This link's topology could not be read: {e}") })),
            }
        });
    });
    on_cleanup(move || listener.remove());
    // The engine gets the catalog, then the first check, once the editor is in the page
    // (mounting is synchronous). The page counts as ready when that check is shown.
    queue_microtask(move || state.start(catalog));

    let status = move || {
        let run = state.run.get();
        if run.seq == 0 {
            return "Loading the checker…".to_owned();
        }
        state.outcome.with(|s| {
            let counts = format!("{} {}, {} {}", s.errors, plural(s.errors, "error"), s.warnings, plural(s.warnings, "warning"));
            if !s.readable {
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
                data-platforms=move || counts().platforms
                data-components=move || counts().components
                data-requirements=move || counts().requirements
            >
                {move || {
                    let c = counts();
                    format!(
                        "Checking against the catalog: {} {}, {} {}, {} {}.",
                        c.platforms, plural(c.platforms, "platform"), c.components, plural(c.components, "component"), c.requirements, plural(c.requirements, "port requirement")
                    )
                }}
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
                        data-errors=move || state.outcome.with(|o| o.errors)
                        aria-busy=move || if state.busy.get() { "true" } else { "false" }
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
