//! The checker's view. For now: what the catalog holds, and the topology input.

use leptos::prelude::*;
use portolan_core::model::Catalog;

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
    let titles: Vec<String> = catalog.platforms.iter().map(|p| p.title.clone()).collect();
    let (topology, set_topology) = signal(String::new());
    let lines = move || topology.with(|t| t.lines().count());

    view! {
        <section class="checker" data-ready="true">
            <p
                id="checker-summary"
                class="checker-summary"
                data-platforms=platforms
                data-components=components
                data-requirements=requirements
            >
                "Catalog: " {platforms} " " {plural(platforms, "platform")} ", "
                {components} " " {plural(components, "component")} ", "
                {requirements} " " {plural(requirements, "port requirement")} "."
            </p>
            <ul class="checker-platforms">
                {titles.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}
            </ul>
            <label for="checker-topology" style="display:block">"Topology (YAML, JSON or TOML)"</label>
            <textarea
                id="checker-topology"
                class="checker-topology"
                rows="16"
                style="display:block;width:100%;box-sizing:border-box;font-family:monospace"
                spellcheck="false"
                placeholder="name: my-deployment\nzones: ...\nhosts: ..."
                prop:value=topology
                on:input=move |ev| set_topology.set(event_target_value(&ev))
            ></textarea>
            <p class="checker-status" aria-live="polite">
                {move || format!("{} {} entered. Nothing leaves this page.", lines(), plural(lines(), "line"))}
            </p>
        </section>
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}
