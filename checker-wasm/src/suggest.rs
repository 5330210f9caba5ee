//! The editor's completion list (`#checker-complete`, a `listbox` the textarea points at with
//! `aria-activedescendant`): opened by Ctrl+Space or by typing where a name goes
//! ([`crate::complete`]); ArrowUp/ArrowDown choose, Enter or Tab insert, Escape closes.

use std::cell::RefCell;
use std::fmt::Write;

use portolan_core::text::html_text;
use wasm_bindgen::JsCast;

use crate::complete::{self, Kind, Names};
use crate::dom;
use crate::ids;
use crate::state::State;

const LIST_ID: &str = ids::COMPLETE;

#[derive(Default)]
struct Open {
    items: Vec<String>,
    active: usize,
    /// UTF-16 offsets of the word the choice replaces.
    start: u32,
    end: u32,
}

thread_local! {
    static NAMES: RefCell<Names> = RefCell::default();
    static OPEN: RefCell<Option<Open>> = const { RefCell::new(None) };
}

/// Role ids, from the catalog the engine loaded.
pub fn set_roles(roles: Vec<String>) {
    NAMES.with(|n| n.borrow_mut().roles = roles);
}

/// Zone and host names of the last topology that could be read.
pub fn set_topology_names(zones: Vec<String>, hosts: Vec<String>) {
    NAMES.with(|n| {
        let mut n = n.borrow_mut();
        n.zones = zones;
        n.hosts = hosts;
    });
}

/// Wires the list: a pointer choice inserts without taking the focus from the editor.
pub fn attach(state: State) {
    dom::on(LIST_ID, "mousedown", move |ev| {
        ev.prevent_default();
        let index = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest("[data-i]").ok().flatten())
            .and_then(|o| o.get_attribute("data-i"))
            .and_then(|i| i.parse::<usize>().ok());
        if let Some(i) = index {
            OPEN.with(|o| {
                if let Some(open) = o.borrow_mut().as_mut() {
                    open.active = i;
                }
            });
            accept(state);
        }
    });
    dom::on(dom::EDITOR_ID, "blur", |_| close());
}

/// After typing: opens (or narrows) the list where a name goes, closes it elsewhere.
pub fn typed() {
    if !show(false) {
        close();
    }
}

/// A key in the editor. `true` when the list used it (the editor must not).
pub fn key(state: State, ev: &web_sys::KeyboardEvent) -> bool {
    if ev.ctrl_key() && (ev.key() == " " || ev.code() == "Space") {
        show(true);
        return true;
    }
    let open = OPEN.with(|o| o.borrow().as_ref().map(|o| o.items.len()));
    let Some(count) = open else { return false };
    match ev.key().as_str() {
        "ArrowDown" | "ArrowUp" => {
            let down = ev.key() == "ArrowDown";
            OPEN.with(|o| {
                if let Some(open) = o.borrow_mut().as_mut() {
                    open.active = if down {
                        (open.active + 1) % count
                    } else {
                        (open.active + count - 1) % count
                    };
                }
            });
            draw();
            true
        }
        "Enter" | "Tab" => {
            accept(state);
            true
        }
        "Escape" => {
            close();
            true
        }
        _ => false,
    }
}

/// Fills the list for the word at the cursor; `asked` (Ctrl+Space) also lists every name where
/// no key says what goes. `false` when there is nothing to list.
fn show(asked: bool) -> bool {
    let Some(editor) = dom::editor() else { return false };
    let text = editor.value();
    let caret = editor.selection_end().ok().flatten().unwrap_or(0);
    let byte = byte_offset(&text, caret);
    let line_start = text.get(..byte).and_then(|t| t.rfind('\n')).map_or(0, |i| i + 1);
    let before = text.get(line_start..byte).unwrap_or_default();
    let found = complete::context(before).or_else(|| {
        asked.then(|| {
            let start = before
                .char_indices()
                .rev()
                .take_while(|(_, c)| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '/'))
                .last()
                .map_or(before.len(), |(i, _)| i);
            (start, Kind::Any)
        })
    });
    let Some((start, kind)) = found else { return false };
    let word = before.get(start..).unwrap_or_default();
    let items = NAMES.with(|n| complete::candidates(&n.borrow(), kind, word));
    if items.is_empty() {
        return false;
    }
    let word_units = word.encode_utf16().count() as u32;
    OPEN.with(|o| {
        *o.borrow_mut() =
            Some(Open { items, active: 0, start: caret.saturating_sub(word_units), end: caret })
    });
    draw();
    place(&editor, &text[..line_start], before);
    true
}

/// Puts the list under the cursor's line.
fn place(editor: &web_sys::HtmlTextAreaElement, above: &str, before: &str) {
    let Some(list) = dom::element(LIST_ID) else { return };
    let line = above.matches('\n').count() as f64 + 1.0;
    let style = web_sys::window().and_then(|w| w.get_computed_style(editor).ok().flatten());
    let number = |name: &str, default: f64| {
        style
            .as_ref()
            .and_then(|s| s.get_property_value(name).ok())
            .map(|v| js_sys::parse_float(&v))
            .filter(|v| v.is_finite() && *v > 0.0)
            .unwrap_or(default)
    };
    let line_height = number("line-height", 20.0);
    let char_width = number("font-size", 14.0) * 0.6;
    let columns = before.chars().count() as f64;
    let top =
        f64::from(editor.offset_top()) + 8.0 + line * line_height - f64::from(editor.scroll_top());
    let left = (f64::from(editor.offset_left()) + 8.0 + columns * char_width
        - f64::from(editor.scroll_left()))
    .min(f64::from(editor.offset_left() + editor.client_width()) - 160.0)
    .max(0.0);
    // Whole pixels: formatting an f64 would link Rust's float printing into the page.
    let _ = list.style().set_property("top", &format!("{}px", top.round() as i64));
    let _ = list.style().set_property("left", &format!("{}px", left.round() as i64));
}

/// The list's options, and the editor's pointer to the active one.
fn draw() {
    let html = OPEN.with(|o| {
        let o = o.borrow();
        let open = o.as_ref()?;
        let mut out = String::new();
        for (i, item) in open.items.iter().enumerate() {
            let _ = write!(
                out,
                "<li role=\"option\" id=\"{LIST_ID}-{i}\" data-i=\"{i}\" aria-selected=\"{}\">{}</li>",
                i == open.active,
                html_text(item)
            );
        }
        Some((out, format!("{LIST_ID}-{}", open.active)))
    });
    let Some((options, active)) = html else { return };
    dom::set_html(LIST_ID, &options);
    dom::set_hidden(LIST_ID, false);
    dom::set_attr(dom::EDITOR_ID, "aria-activedescendant", &active);
    if let Some(option) = dom::element(&active) {
        option.scroll_into_view_with_bool(false);
    }
}

fn close() {
    OPEN.with(|o| o.borrow_mut().take());
    dom::set_hidden(LIST_ID, true);
    if let Some(editor) = dom::editor() {
        let _ = editor.remove_attribute("aria-activedescendant");
    }
}

/// Replaces the word with the active choice, and checks the new text.
fn accept(state: State) {
    let chosen = OPEN.with(|o| {
        let o = o.borrow();
        let open = o.as_ref()?;
        Some((open.items.get(open.active)?.clone(), open.start, open.end))
    });
    close();
    let (Some((name, start, end)), Some(editor)) = (chosen, dom::editor()) else { return };
    let text = editor.value();
    let (from, to) = (byte_offset(&text, start), byte_offset(&text, end));
    let (Some(head), Some(tail)) = (text.get(..from), text.get(to..)) else { return };
    let new = format!("{head}{name}{tail}");
    editor.set_value(&new);
    let caret = start + name.encode_utf16().count() as u32;
    let _ = editor.set_selection_range(caret, caret);
    state.edited(new);
}

/// The byte offset of a UTF-16 offset (what the DOM counts) in `text`.
fn byte_offset(text: &str, units: u32) -> usize {
    let mut seen = 0u32;
    for (i, c) in text.char_indices() {
        if seen >= units {
            return i;
        }
        seen += c.len_utf16() as u32;
    }
    text.len()
}
