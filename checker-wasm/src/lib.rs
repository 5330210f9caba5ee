//! The Portolan checker page: a Leptos client-side app over `portolan-core`.
//!
//! The page's static structure is the site's template (`checker.html`, rendered by site-gen);
//! Leptos's reactive core (one page signal, its effects, the task executor) keeps it in step
//! with the state. No `view!` is mounted: the views, attribute and signal types of a full Leptos
//! interface cost about 50 KB of the page's 300 KB budget (bench/HISTORY.md, "Checker page size").
//!
//! The site loads two classic scripts on `checker.html`: `assets/catalog.js`, which sets
//! `window.PORTOLAN_CATALOG`, and `assets/checker.js` (built by `cargo xtask site`), which carries
//! this crate's wasm inline and starts it. [`start`] then brings the markup of `#checker-root` to life.
//! Built without the `audit`, `rules` and `toml` features for `checker.js`;
//! `assets/checker-audit.js`, the crate with them (rule emitters, host-file readers, explain, the
//! TOML reader), is loaded by [`client`] when first needed: the rules view opened, a host file
//! added, a TOML topology checked, a question asked.
//!
//! One job per module: [`analysis`] runs the engine, [`catalog`] gets the catalog (read by
//! `catalog_object`), [`engine`] answers the page's requests
//! (in a Web Worker the loader starts, so checking never blocks the page), [`client`] sends
//! them, [`message`] reads and writes them, `state` holds the page's signals and asks for
//! checks (debounced; stale replies dropped), `editor`, `findings`, `overview` and `rules` fill the panels
//! of the page's static markup, [`share`]
//! encodes the URL fragment, `storage` keeps the last topology, [`complete`] and `suggest`
//! offer the names to type, `keys` is the page's keyboard, [`zip`] writes the archive of
//! every target, [`examples`] holds the example topologies. Nothing here panics on bad input;
//! a panic hook shows any bug in the page as a last resort.

pub mod analysis;
mod answer;
mod app;
pub mod catalog;
mod catalog_object;
pub mod client;
pub mod complete;
pub mod dom;
mod editor;
pub mod engine;
pub mod examples;
mod explain;
mod findings;
mod html;
pub mod ids;
mod imports;
mod keys;
mod lists;
pub mod message;
mod overview;
mod rules;
pub mod share;
pub mod state;
mod storage;
mod suggest;
pub mod zip;

use wasm_bindgen::prelude::wasm_bindgen;

/// The element the app mounts on.
pub const ROOT_ID: &str = ids::ROOT;

/// Runs when the wasm module is instantiated. A page without `#checker-root` (the worker, other
/// pages) is left alone. The root holds the page's static markup (rendered by site-gen from
/// `themes/default/templates/checker.html`): the app attaches to it rather than replacing it.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(show_panic));
    let Some(root) = dom::element(ROOT_ID) else { return };
    // `checker-audit.js`'s module, instantiated on the page when no worker can run it, is an
    // engine only: the app already runs.
    if root.has_attribute("data-ready") {
        return;
    }
    match catalog::from_window() {
        Ok(catalog) => app::run(&root, catalog),
        Err(message) => {
            show_error(&format!("The checker could not load the port catalog: {message}"))
        }
    }
}

/// Last resort: a bug shows in the page, not only in the console.
fn show_panic(info: &std::panic::PanicHookInfo<'_>) {
    let message = format!(
        "The checker hit a bug and stopped: {info}. Reload the page; your topology is kept in this browser."
    );
    web_sys::console::error_1(&message.clone().into());
    show_error(&message);
}

/// An alert at the top of the root.
pub(crate) fn show_error(message: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(root) = document.get_element_by_id(ROOT_ID) else { return };
    if let Ok(p) = document.create_element("p") {
        p.set_class_name("checker-error");
        let _ = p.set_attribute("role", "alert");
        p.set_text_content(Some(message));
        let _ = root.prepend_with_node_1(&p);
    }
}
