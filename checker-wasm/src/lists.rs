//! Long lists (thousands of findings, hosts) without long tasks: a check's reply holds the
//! first chunk; "Show all" asks the engine for the rest and appends it one chunk per
//! animation frame, stopping as soon as a newer check is shown.

use leptos::prelude::*;

use crate::message;
use crate::state::State;

/// Once `show_all` is set, and after every check while it stays set, fills `list` with the
/// rest of the engine's list `what` (`findings` or `ports`) into the element with id `list`.
pub fn show_rest_when(state: State, show_all: RwSignal<bool>, list: &'static str, what: &'static str) {
    Effect::new(move |_| {
        let check = state.outcome.with(|o| o.id);
        if !show_all.get() || check == 0 {
            return;
        }
        let request = message::object();
        message::set(&request, "what", what);
        crate::client::request("more", &request, move |reply| {
            // The list as it is now: a newer check's first chunk may have replaced it.
            let Some(element) = crate::dom::element(list) else { return };
            if message::uint(&reply, "check") != check {
                return;
            }
            let chunks = message::strings(&reply, "chunks");
            append(state, element, check, chunks, 0);
        });
    });
}

fn append(state: State, element: web_sys::HtmlElement, check: u32, chunks: Vec<String>, next: usize) {
    if next >= chunks.len() || state.outcome.with_untracked(|o| o.id) != check {
        return;
    }
    let _ = element.insert_adjacent_html("beforeend", &chunks[next]);
    request_animation_frame(move || append(state, element, check, chunks, next + 1));
}
