//! Long lists (thousands of findings, hosts) without long tasks: a check's reply holds the
//! first chunk; "Show all" asks the engine for the rest and appends it one chunk per
//! animation frame, stopping as soon as a newer check is shown.

use leptos::prelude::*;

use crate::ids;
use crate::message::{self, key};
use crate::state::{Page, State};

/// The lists "Show all" fills: element id and the engine's name for it.
const LISTS: [(&str, &str); 2] = [(ids::FINDINGS, "findings"), (ids::PORTS, "ports")];

/// Once a list's "Show all" is pressed, and after every check while it stays pressed, fills
/// the list with the rest of the engine's list, once per check: `asked` holds the check each
/// list was last filled for, and is returned updated.
pub fn show_rest(state: State, p: &Page, mut asked: [u32; 2]) -> [u32; 2] {
    let check = p.outcome.id;
    for (i, (all, (list, what))) in [p.all_findings, p.all_ports].into_iter().zip(LISTS).enumerate()
    {
        if all && check != 0 && asked[i] != check {
            asked[i] = check;
            request(state, check, list, what);
        }
    }
    asked
}

fn request(state: State, check: u32, list: &'static str, what: &'static str) {
    let request = message::object();
    message::set(&request, key::WHAT, what);
    crate::client::request(message::Request::More, &request, move |reply| {
        // The list as it is now: a newer check's first chunk may have replaced it.
        let Some(element) = crate::dom::element(list) else { return };
        if message::uint(&reply, key::CHECK) != check {
            return;
        }
        let chunks = message::strings(&reply, key::CHUNKS);
        append(state, element, check, chunks, 0);
    });
}

fn append(
    state: State,
    element: web_sys::HtmlElement,
    check: u32,
    chunks: Vec<String>,
    next: usize,
) {
    if next >= chunks.len() || state.page.with_untracked(|p| p.outcome.id) != check {
        return;
    }
    let _ = element.insert_adjacent_html("beforeend", &chunks[next]);
    request_animation_frame(move || append(state, element, check, chunks, next + 1));
}
