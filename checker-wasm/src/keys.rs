//! The page's keyboard, from one delegated `keydown` listener: completion and Ctrl+Z in the
//! editor, the example picker (arrow keys browse, Enter loads), and the port map's arrow keys
//! (each host row is one tab stop; its port links are reached with the arrows).

use std::cell::Cell;

use wasm_bindgen::JsCast;

use crate::ids;
use crate::state::State;
use crate::{dom, editor, suggest};

thread_local! {
    /// The example picker's value last changed by an arrow key, not by a choice.
    static BROWSING: Cell<bool> = const { Cell::new(false) };
}

pub fn keydown(state: State, ev: &web_sys::Event) {
    let Some(key) = ev.dyn_ref::<web_sys::KeyboardEvent>() else { return };
    let Some(target) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else {
        return;
    };
    let id = target.id();
    if id == dom::EDITOR_ID {
        let used = suggest::key(state, key)
            || ((key.ctrl_key() || key.meta_key())
                && !key.shift_key()
                && key.key().eq_ignore_ascii_case("z")
                && state.undo_replacement());
        if used {
            ev.prevent_default();
        }
    } else if id == ids::EXAMPLE {
        example_key(state, key, &target);
    } else if target.closest("#checker-ports").ok().flatten().is_some() {
        port_map_key(key, &target);
    } else if let Some(tab) = target.get_attribute("data-tab")
        && crate::imports::tab_key(state, key, &tab)
    {
        ev.prevent_default();
    }
}

/// The picker's `change`: loads the example unless the change was an arrow key's step.
pub fn example_changed(state: State, select: &web_sys::HtmlSelectElement) {
    if BROWSING.with(|b| b.replace(false)) {
        return;
    }
    editor::load_example(state, select);
}

/// A pointer on the picker: what follows is a choice, not browsing.
pub fn example_pointer() {
    BROWSING.with(|b| b.set(false));
}

fn example_key(state: State, key: &web_sys::KeyboardEvent, target: &web_sys::Element) {
    match key.key().as_str() {
        "ArrowUp" | "ArrowDown" | "ArrowLeft" | "ArrowRight" | "Home" | "End" | "PageUp"
        | "PageDown" => {
            // The `change` an arrow key causes comes in this task (the key's default action);
            // a key that opens the picker's list causes none, and a later choice in that list
            // must load: the mark lasts until the next task.
            BROWSING.with(|b| b.set(true));
            leptos::prelude::set_timeout(
                || BROWSING.with(|b| b.set(false)),
                std::time::Duration::ZERO,
            );
        }
        "Enter" => {
            BROWSING.with(|b| b.set(false));
            if let Some(select) = target.dyn_ref::<web_sys::HtmlSelectElement>()
                && !select.value().is_empty()
            {
                key.prevent_default();
                editor::load_example(state, select);
            }
        }
        _ => {}
    }
}

/// Arrow keys, Home and End move between the host button and the port links of one row.
fn port_map_key(key: &web_sys::KeyboardEvent, target: &web_sys::Element) {
    let step: isize = match key.key().as_str() {
        "ArrowRight" | "ArrowDown" => 1,
        "ArrowLeft" | "ArrowUp" => -1,
        "Home" => isize::MIN,
        "End" => isize::MAX,
        _ => return,
    };
    let Some(row) = target.closest("tr").ok().flatten() else { return };
    let Ok(items) = row.query_selector_all("button, a") else { return };
    let items: Vec<web_sys::HtmlElement> = (0..items.length())
        .filter_map(|i| items.get(i).and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok()))
        .collect();
    let Some(at) = items.iter().position(|e| e.is_same_node(Some(target))) else { return };
    let last = items.len().saturating_sub(1);
    let next = match step {
        isize::MIN => 0,
        isize::MAX => last,
        1 => (at + 1).min(last),
        _ => at.saturating_sub(1),
    };
    if let Some(item) = items.get(next) {
        key.prevent_default();
        let _ = item.focus();
    }
}
