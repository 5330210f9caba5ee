//! The topology editor: a textarea with a line-number gutter; paste, type, drop a file, open a
//! file, or load an example. Jumping to a finding's line lives here too.

use leptos::html::Pre;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::examples::EXAMPLES;
use crate::state::{DEFAULT_FILE, Notice, State, Syntax};
use crate::dom;

/// Files larger than this are refused before reading.
const MAX_FILE: f64 = portolan_core::topology::parse::MAX_TEXT_BYTES as f64;

#[component]
pub fn Editor() -> impl IntoView {
    let state = expect_context::<State>();
    let gutter = NodeRef::<Pre>::new();
    let lines = Memo::new(move |_| state.text.with(|t| t.bytes().filter(|b| *b == b'\n').count() + 1));
    let numbers = move || {
        let n = lines.get();
        let mut s = String::with_capacity(n * 5);
        for i in 1..=n {
            s.push_str(&i.to_string());
            s.push('\n');
        }
        s
    };
    let sync_scroll = move || {
        if let (Some(editor), Some(gutter)) = (state.editor.get_untracked(), gutter.get_untracked()) {
            gutter.set_scroll_top(editor.scroll_top());
        }
    };
    let (dragging, set_dragging) = signal(false);
    let toolbar = toolbar_html(state.syntax.get_untracked());
    Effect::new(move |_| {
        let key = state.syntax.get().key();
        if let Some(select) = element::<web_sys::HtmlSelectElement>("checker-syntax") {
            select.set_value(key);
        }
    });
    let on_change = move |ev: web_sys::Event| toolbar_changed(state, &ev);
    let on_click = move |ev: web_sys::MouseEvent| toolbar_clicked(state, &ev);

    view! {
        <div class="ck-editor">
            // The toolbar is static HTML with two delegated listeners (one per event type)
            // rather than a Leptos view and closure per control: fewer distinct view types in
            // the wasm. The syntax picker follows `state.syntax` through the effect above.
            <div class="ck-toolbar" role="group" aria-label="Topology input" inner_html=toolbar on:change=on_change on:click=on_click></div>
            <div class="ck-filebar">
                <label for="checker-topology">"Topology"</label>
                " "
                <span class="ck-filename" id="checker-file" title="Name used in finding locations and in rules when the topology has no name">{move || state.file.get()}</span>
                <span class="ck-detected">
                    {move || format!("{} · {} {}", state.run.get().format.as_str(), lines.get(), if lines.get() == 1 { "line" } else { "lines" })}
                </span>
            </div>
            <div
                class="ck-code"
                class:ck-dragging=move || dragging.get()
                on:dragover=move |ev: web_sys::DragEvent| {
                    ev.prevent_default();
                    set_dragging.set(true);
                }
                on:dragleave=move |_| set_dragging.set(false)
                on:drop=move |ev: web_sys::DragEvent| {
                    ev.prevent_default();
                    set_dragging.set(false);
                    let Some(transfer) = ev.data_transfer() else { return };
                    if let Some(file) = transfer.files().and_then(|f| f.get(0)) {
                        read_file(state, file);
                    } else if let Ok(text) = transfer.get_data("text/plain")
                        && !text.is_empty()
                    {
                        state.load(DEFAULT_FILE, text);
                    }
                }
            >
                <pre class="ck-gutter" aria-hidden="true" node_ref=gutter>{numbers}</pre>
                <textarea
                    id="checker-topology"
                    class="ck-text"
                    node_ref=state.editor
                    wrap="off"
                    spellcheck="false"
                    autocapitalize="off"
                    autocomplete="off"
                    aria-describedby="checker-editor-help"
                    placeholder="name: my-deployment\nzones:\n  corp: { cidrs: [10.20.0.0/16] }\nhosts:\n  cp1: { zone: corp, address: 10.20.0.10, roles: [openlm/control-plane] }"
                    on:input=move |ev| state.edited(event_target_value(&ev))
                    on:scroll=move |_| sync_scroll()
                ></textarea>
            </div>
            <p id="checker-editor-help" class="ck-help">
                "YAML, JSON or TOML. Paste, type, drop a file here, or open one. Checked as you type; "
                "Tab moves to the next control. Nothing leaves this page: the topology stays in this browser (and in the link, if you share it)."
            </p>
        </div>
    }
}

/// The toolbar's markup: example and syntax pickers, the file input, share and clear.
fn toolbar_html(syntax: Syntax) -> String {
    let examples = crate::html::options(std::iter::once(("", "Load an example…")).chain(EXAMPLES.iter().map(|e| (e.file, e.title))), "");
    let syntaxes = crate::html::options(Syntax::ALL.into_iter().map(|s| (s.key(), s.label())), syntax.key());
    format!(
        "<label class=\"ck-field\"><span>Example</span><select id=\"checker-example\">{examples}</select></label>\
         <label class=\"ck-button ck-file\">Open file…<input id=\"checker-open\" type=\"file\" class=\"vh\" \
         accept=\".yaml,.yml,.json,.toml,.txt,text/yaml,application/json,application/toml,text/plain\"></label>\
         <label class=\"ck-field\"><span>Syntax</span><select id=\"checker-syntax\">{syntaxes}</select></label>\
         <button type=\"button\" class=\"ck-button\" id=\"checker-share\">{SHARE}</button>\
         <button type=\"button\" class=\"ck-button ck-quiet\" id=\"checker-clear\">Clear</button>"
    )
}

const SHARE: &str = "Copy share link";

/// The element with `id`, as `T`.
fn element<T: JsCast>(id: &str) -> Option<T> {
    web_sys::window()?.document()?.get_element_by_id(id)?.dyn_into().ok()
}

/// A toolbar control changed: an example picked, a file opened, a syntax chosen.
fn toolbar_changed(state: State, ev: &web_sys::Event) {
    let Some(target) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
    match target.id().as_str() {
        "checker-example" => {
            let Ok(select) = target.dyn_into::<web_sys::HtmlSelectElement>() else { return };
            if let Some(example) = crate::examples::by_file(&select.value()) {
                state.syntax.set(Syntax::Auto);
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
            state.syntax.set(Syntax::from_key(&select.value()));
            state.check_now();
        }
        _ => {}
    }
}

/// A toolbar button clicked: share (copy the link) or clear.
fn toolbar_clicked(state: State, ev: &web_sys::MouseEvent) {
    let Some(button) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).and_then(|t| t.closest("button").ok().flatten()) else {
        return;
    };
    match button.id().as_str() {
        "checker-share" => leptos::task::spawn_local(async move {
            let Some(fragment) = state.fragment_now().await else {
                state.notice.set(Some(Notice { error: true, text: "This topology is too large to share by link: download it and send the file.".into() }));
                return;
            };
            match dom::copy(dom::link_with(&fragment)).await {
                Ok(()) => {
                    button.set_text_content(Some("Link copied"));
                    set_timeout(move || button.set_text_content(Some(SHARE)), std::time::Duration::from_secs(3));
                }
                Err(e) => state.notice.set(Some(Notice { error: true, text: e })),
            }
        }),
        "checker-clear" => {
            state.syntax.set(Syntax::Auto);
            state.load(DEFAULT_FILE, String::new());
            if let Some(e) = state.editor.get_untracked() {
                let _ = e.focus();
            }
        }
        _ => {}
    }
}

/// Reads a dropped or opened file into the editor.
fn read_file(state: State, file: web_sys::File) {
    let name = file.name();
    if file.size() > MAX_FILE {
        state.notice.set(Some(Notice { error: true, text: format!("{name} is too large ({} MB); the checker reads topologies up to 16 MB.", (file.size() / 1e6) as u64) }));
        return;
    }
    leptos::task::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(file.text()).await {
            Ok(value) => {
                let text = value.as_string().unwrap_or_default();
                state.syntax.set(Syntax::Auto);
                state.notice.set(None);
                state.load(&name, text);
            }
            Err(e) => state.notice.set(Some(Notice { error: true, text: format!("Cannot read {name}: {}", dom::describe(e)) })),
        }
    });
}

/// Puts the cursor at `line:column` (1-based, columns in characters), selects the rest of the
/// line so it shows, and scrolls it into view.
pub fn goto(state: State, line: u32, column: u32) {
    let Some(editor) = state.editor.get_untracked() else { return };
    let text = editor.value();
    let (start, end) = utf16_span(&text, line, column);
    let _ = editor.focus();
    let _ = editor.set_selection_range(start, end);
    let line_height = web_sys::window()
        .and_then(|w| w.get_computed_style(&editor).ok().flatten())
        .and_then(|s| s.get_property_value("line-height").ok())
        .and_then(|v| v.trim_end_matches("px").parse::<f64>().ok())
        .unwrap_or(20.0);
    let top = (f64::from(line.saturating_sub(1)) * line_height - f64::from(editor.client_height()) / 3.0).max(0.0);
    editor.set_scroll_top(top as i32);
}

/// UTF-16 offsets (what the DOM counts) of `line:column` and of the end of that line.
pub fn utf16_span(text: &str, line: u32, column: u32) -> (u32, u32) {
    let mut offset = 0u32;
    for (i, l) in text.split('\n').enumerate() {
        if i + 1 == line as usize {
            let col: u32 = l.chars().take(column.saturating_sub(1) as usize).map(|c| c.len_utf16() as u32).sum();
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
