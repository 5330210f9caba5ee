//! The topology editor (its markup is the page's): a textarea with a line-number gutter; paste,
//! type, drop a file, open a file, or load an example. Jumping to a finding's line lives here too.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::dom;
use crate::state::{DEFAULT_FILE, Page, State, Syntax};

/// Files larger than this are refused before reading.
const MAX_FILE: f64 = portolan_core::topology::parse::MAX_TEXT_BYTES as f64;

/// Draws the gutter (when the number of lines is not the one `drawn`, not on every key), the
/// file bar, and the syntax picker, which follows the state (a link, an example, Clear).
pub fn draw(p: &Page, drawn: Option<usize>) {
    let n = p.lines;
    if drawn != Some(n) {
        let mut numbers = String::with_capacity(n * 5);
        for i in 1..=n {
            numbers.push_str(&i.to_string());
            numbers.push('\n');
        }
        dom::set_text("checker-gutter", &numbers);
    }
    dom::set_text("checker-file", &p.file);
    dom::set_text(
        "checker-detected",
        &format!("{} · {n} {}", p.run.format.as_str(), if n == 1 { "line" } else { "lines" }),
    );
    if let Some(select) = dom::by_id::<web_sys::HtmlSelectElement>("checker-syntax") {
        select.set_value(p.syntax.key());
    }
}

/// Wires the editor's drop zone and gutter scrolling (typing and the toolbar reach it through
/// the page's delegated listeners).
pub fn attach(state: State) {
    dom::on("checker-code", "dragover", move |ev| {
        ev.prevent_default();
        set_dragging(true);
    });
    dom::on("checker-code", "dragleave", move |_| set_dragging(false));
    dom::on("checker-code", "drop", move |ev| {
        ev.prevent_default();
        set_dragging(false);
        let Some(transfer) =
            ev.dyn_ref::<web_sys::DragEvent>().and_then(web_sys::DragEvent::data_transfer)
        else {
            return;
        };
        if let Some(file) = transfer.files().and_then(|f| f.get(0)) {
            read_file(state, file);
        } else if let Ok(text) = transfer.get_data("text/plain")
            && !text.is_empty()
        {
            state.load(DEFAULT_FILE, text);
        }
    });
    dom::on(dom::EDITOR_ID, "scroll", move |_| {
        if let (Some(editor), Some(gutter)) = (dom::editor(), dom::element("checker-gutter")) {
            gutter.set_scroll_top(editor.scroll_top());
        }
    });
}

/// The drop zone's outline while a file is dragged over it.
fn set_dragging(on: bool) {
    if let Some(code) = dom::element("checker-code") {
        let _ = code.class_list().toggle_with_force("ck-dragging", on);
    }
}

const SHARE: &str = "Copy share link";

/// A toolbar control changed: an example picked, a file opened, a syntax chosen.
pub fn toolbar_changed(state: State, ev: &web_sys::Event) {
    let Some(target) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else {
        return;
    };
    match target.id().as_str() {
        "checker-example" => {
            let Ok(select) = target.dyn_into::<web_sys::HtmlSelectElement>() else { return };
            if let Some(example) = crate::examples::by_file(&select.value()) {
                state.set_syntax(Syntax::Auto);
                state.load(example.file, example.text.to_owned());
            }
            select.set_value("");
        }
        "checker-open" => {
            let Ok(input) = target.dyn_into::<web_sys::HtmlInputElement>() else { return };
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                read_file(state, file);
            }
            input.set_value("");
        }
        "checker-syntax" => {
            let Ok(select) = target.dyn_into::<web_sys::HtmlSelectElement>() else { return };
            state.set_syntax(Syntax::from_key(&select.value()));
            state.check_now();
        }
        _ => {}
    }
}

/// "Copy share link": the link to this state, copied; the button says so for a moment.
pub fn share(state: State, button: web_sys::Element) {
    leptos::task::spawn_local(async move {
        let Some(fragment) = state.fragment_now().await else {
            state.notify(
                "This topology is too large to share by link: download it and send the file."
                    .into(),
            );
            return;
        };
        match dom::copy(dom::link_with(&fragment)).await {
            Ok(()) => {
                button.set_text_content(Some("Link copied"));
                set_timeout(
                    move || button.set_text_content(Some(SHARE)),
                    std::time::Duration::from_secs(3),
                );
            }
            Err(e) => state.notify(e),
        }
    });
}

/// "Clear": an empty editor, focused.
pub fn clear(state: State) {
    state.set_syntax(Syntax::Auto);
    state.load(DEFAULT_FILE, String::new());
    if let Some(e) = dom::editor() {
        let _ = e.focus();
    }
}

/// Reads a dropped or opened file into the editor.
fn read_file(state: State, file: web_sys::File) {
    let name = file.name();
    if file.size() > MAX_FILE {
        state.notify(format!(
            "{name} is too large ({} MB); the checker reads topologies up to 16 MB.",
            (file.size() / 1e6) as u64
        ));
        return;
    }
    leptos::task::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(file.text()).await {
            Ok(value) => {
                let text = value.as_string().unwrap_or_default();
                state.set_syntax(Syntax::Auto);
                state.page.update(|p| p.notice = None);
                state.load(&name, text);
            }
            Err(e) => state.notify(format!("Cannot read {name}: {}", dom::describe(e))),
        }
    });
}

/// Puts the cursor at `line:column` (1-based, columns in characters), selects the rest of the
/// line so it shows, and scrolls it into view.
pub fn goto(line: u32, column: u32) {
    let Some(editor) = dom::editor() else { return };
    let text = editor.value();
    let (start, end) = utf16_span(&text, line, column);
    let _ = editor.focus();
    let _ = editor.set_selection_range(start, end);
    // JS's parseFloat reads "19.5px": Rust's float parsing would be the page's only one (about
    // 10 KB sent with its tables).
    let line_height = web_sys::window()
        .and_then(|w| w.get_computed_style(&editor).ok().flatten())
        .and_then(|s| s.get_property_value("line-height").ok())
        .map(|v| js_sys::parse_float(&v))
        .filter(|h| h.is_finite() && *h > 0.0)
        .unwrap_or(20.0);
    let top = (f64::from(line.saturating_sub(1)) * line_height
        - f64::from(editor.client_height()) / 3.0)
        .max(0.0);
    editor.set_scroll_top(top as i32);
}

/// UTF-16 offsets (what the DOM counts) of `line:column` and of the end of that line.
pub fn utf16_span(text: &str, line: u32, column: u32) -> (u32, u32) {
    let mut offset = 0u32;
    for (i, l) in text.split('\n').enumerate() {
        if i + 1 == line as usize {
            let col: u32 = l
                .chars()
                .take(column.saturating_sub(1) as usize)
                .map(|c| c.len_utf16() as u32)
                .sum();
            let len: u32 = l.trim_end_matches('\r').chars().map(|c| c.len_utf16() as u32).sum();
            let start = offset + col.min(len);
            return (start, (offset + len).max(start));
        }
        offset += l.chars().map(|c| c.len_utf16() as u32).sum::<u32>() + 1;
    }
    (offset.saturating_sub(1), offset.saturating_sub(1))
}

#[cfg(test)]
mod tests {
    use super::utf16_span;

    #[test]
    fn spans_count_utf16_units() {
        let text = "ab\nc😀d: x\n";
        assert_eq!(utf16_span(text, 1, 1), (0, 2));
        assert_eq!(utf16_span(text, 2, 3), (3 + 3, 3 + 7));
        assert_eq!(utf16_span(text, 9, 1), (11, 11));
    }
}
