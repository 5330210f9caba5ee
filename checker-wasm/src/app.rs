//! The checker page: the static markup of `#checker-root` (site-gen renders it) brought to life.
//! No Leptos view: signals hold the state and effects write the parts that change, by id, so
//! the wasm carries none of the page's static structure.

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::html::plural;
use crate::state::{Page, State};
use crate::{dom, editor, findings, overview, rules, share};

/// Attaches the app to `root` and starts the engine with `catalog`.
pub fn run(root: &web_sys::HtmlElement, catalog: JsValue) {
    let _ = any_spawner::Executor::init_wasm_bindgen();
    // The owner of every signal and effect; it lives as long as the page.
    let owner = Owner::new();
    let state = owner.with(|| {
        let state = State::new();
        editor::attach(state);
        findings::attach(state);
        overview::attach(state);
        rules::attach(state);
        page(state);
        state
    });
    std::mem::forget(owner);
    // The controls were disabled until now (the page looks loading); the effects above disable
    // again what the state calls for.
    if let Ok(disabled) = root.query_selector_all("[disabled]") {
        for i in 0..disabled.length() {
            if let Some(element) = disabled.get(i).and_then(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok()) {
                element.remove_attribute("disabled").ok();
            }
        }
    }
    let _ = root.set_attribute("data-ready", "");
    // The engine gets the catalog, then the first check. The page counts as interactive when
    // that check is shown.
    queue_microtask(move || state.start(catalog));
}

/// The catalog line, the notice, the status line and share links opened in this tab.
fn page(state: State) {
    Effect::new(move |_| {
        state.page.with(|p| {
            if let Some(c) = p.catalog {
                dom::set_attr("checker-summary", "data-platforms", &c.platforms.to_string());
                dom::set_attr("checker-summary", "data-components", &c.components.to_string());
                dom::set_attr("checker-summary", "data-requirements", &c.requirements.to_string());
                dom::set_text(
                    "checker-summary",
                    &format!(
                        "Checking against the catalog: {} {}, {} {}, {} {}.",
                        c.platforms, plural(c.platforms, "platform"), c.components, plural(c.components, "component"), c.requirements, plural(c.requirements, "port requirement")
                    ),
                );
            }
            dom::set_hidden("checker-notice", p.notice.is_none());
            dom::set_text("checker-notice-text", p.notice.as_deref().unwrap_or_default());
            status(state, p);
        });
    });
    dom::on("checker-dismiss", "click", move |_| state.page.update(|p| p.notice = None));

    // A share link opened in this tab (the fragment changed without a reload).
    if let Some(window) = web_sys::window() {
        dom::listen(&window, "hashchange", move |_| {
            leptos::task::spawn_local(async move {
                match share::decode(&dom::fragment()).await {
                    Ok(Some(shared)) if state.text.with_untracked(|t| *t != shared.text) => state.apply_shared(shared),
                    Ok(_) => {}
                    Err(e) => state.notify(format!("This link's topology could not be read: {e}")),
                }
            });
        });
    }
}

/// The status line: the last check's counts and time, busy while the engine checks.
fn status(state: State, p: &Page) {
    let run = p.run;
    dom::set_attr("checker-status", "aria-busy", if p.busy || run.seq == 0 { "true" } else { "false" });
    if run.seq == 0 {
        return;
    }
    let o = &p.outcome;
    let counts = format!("{} {}, {} {}", o.errors, plural(o.errors, "error"), o.warnings, plural(o.warnings, "warning"));
    let text = if !o.readable {
        format!("The topology cannot be read ({}): {counts}.", run.format.as_str())
    } else {
        format!("Checked {} ({}) in {} ms: {counts}.", state.file.get_untracked(), run.format.as_str(), dom::ms2(run.ms))
    };
    dom::set_text("checker-status", &text);
    dom::set_attr("checker-status", "data-errors", &o.errors.to_string());
    dom::set_attr("checker-status", "data-ms", &dom::ms2(run.ms));
    // Last: tests wait on the check number.
    dom::set_attr("checker-status", "data-seq", &run.seq.to_string());
}
