//! The Portolan checker page: a Leptos client-side app over `portolan-core`.
//!
//! The site loads two classic scripts on `checker.html`: `assets/catalog.js`, which sets
//! `window.PORTOLAN_CATALOG`, and `assets/checker.js` (built by `cargo xtask site`), which carries
//! this crate's wasm inline and starts it. [`start`] then mounts the app on `#checker-root`.
//! Nothing here panics on bad input: a missing or unreadable catalog is shown in the page.

mod app;
mod catalog;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::wasm_bindgen;

/// The element the app mounts on.
pub const ROOT_ID: &str = "checker-root";

/// Runs when the wasm module is instantiated. A page without `#checker-root` is left alone.
#[wasm_bindgen(start)]
pub fn start() {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(ROOT_ID))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    // Clear any "loading" / "needs JavaScript" placeholder the page put inside the root.
    root.set_inner_html("");
    let loaded = catalog::from_window();
    leptos::mount::mount_to(root, move || app::App(app::AppProps { loaded })).forget();
}
