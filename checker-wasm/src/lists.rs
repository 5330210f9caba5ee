//! Long lists (thousands of findings, hosts) without long tasks: a check's reply holds the
//! first chunk; "Show all" asks the engine for the rest and appends it one chunk per
//! animation frame, stopping as soon as a newer check is shown.

use leptos::prelude::*;

use crate::message;
use crate::state::{Page, State};

/// Once `show_all` (a "Show all" flag of the page) is set, and after every check while it stays
/// set, fills the element with id `list` with the rest of the engine's list `what` (`findings`
/// or `ports`).
pub fn show_rest_when(state: State, show_all: fn(&Page) -> bool, list: &'static str, what: &'static str) {
    Effect::new(move |asked: Option<u32>| {
        let (check, all) = state.page.with(|p| (p.outcome.id, show_all(p)));
        // Asked once per check: the page changes for other reasons too.
        if !all || check == 0 || asked == Some(check) {
            return asked.unwrap_or(0);
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
        check
    });
}

fn append(state: State, element: web_sys::HtmlElement, check: u32, chunks: Vec<String>, next: usize) {
    if next >= chunks.len() || state.page.with_untracked(|p| p.outcome.id) != check {
        return;
    }
    let _ = element.insert_adjacent_html("beforeend", &chunks[next]);
    request_animation_frame(move || append(state, element, check, chunks, next + 1));
}
