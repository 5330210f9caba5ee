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
    let copied = RwSignal::new(false);

    view! {
        <div class="ck-editor">
            <div class="ck-toolbar" role="group" aria-label="Topology input">
                <label class="ck-field">
                    <span>"Example"</span>
                    <select
                        id="checker-example"
                        on:change=move |ev| {
                            let file = event_target_value(&ev);
                            if let Some(example) = crate::examples::by_file(&file) {
                                state.syntax.set(Syntax::Auto);
                                state.load(example.file, example.text.to_owned());
                            }
                            if let Some(select) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()) {
                                select.set_value("");
                            }
                        }
                        inner_html=crate::html::options(std::iter::once(("", "Load an example…")).chain(EXAMPLES.iter().map(|e| (e.file, e.title))), "")
                    ></select>
                </label>
                <label class="ck-button ck-file">
                    "Open file…"
                    <input
                        id="checker-open"
                        type="file"
                        class="vh"
                        accept=".yaml,.yml,.json,.toml,.txt,text/yaml,application/json,application/toml,text/plain"
                        on:change=move |ev| {
                            let input: Option<web_sys::HtmlInputElement> = ev.target().and_then(|t| t.dyn_into().ok());
                            if let Some(file) = input.as_ref().and_then(|i| i.files()).and_then(|f| f.get(0)) {
                                read_file(state, file);
                            }
                            if let Some(i) = input {
                                i.set_value("");
                            }
                        }
                    />
                </label>
                <label class="ck-field">
                    <span>"Syntax"</span>
                    <select
                        id="checker-syntax"
                        on:change=move |ev| {
                            state.syntax.set(Syntax::from_key(&event_target_value(&ev)));
                            state.check_now();
                        }
                        inner_html=move || crate::html::options(Syntax::ALL.into_iter().map(|s| (s.key(), s.label())), state.syntax.get().key())
                    ></select>
                </label>
                <button
                    type="button"
                    class="ck-button"
                    id="checker-share"
                    on:click=move |_| {
                        leptos::task::spawn_local(async move {
                            let Some(fragment) = state.fragment_now().await else {
                                state.notice.set(Some(Notice { error: true, text: "This topology is too large to share by link: download it and send the file.".into() }));
                                return;
                            };
                            match dom::copy(dom::link_with(&fragment)).await {
                                Ok(()) => {
                                    copied.set(true);
                                    set_timeout(move || copied.set(false), std::time::Duration::from_secs(3));
                                }
                                Err(e) => state.notice.set(Some(Notice { error: true, text: e })),
                            }
                        });
                    }
                >
                    {move || if copied.get() { "Link copied" } else { "Copy share link" }}
                </button>
                <button
                    type="button"
                    class="ck-button ck-quiet"
                    id="checker-clear"
                    on:click=move |_| {
                        state.syntax.set(Syntax::Auto);
                        state.load(DEFAULT_FILE, String::new());
                        if let Some(e) = state.editor.get_untracked() {
                            let _ = e.focus();
                        }
                    }
                >
                    "Clear"
                </button>
            </div>
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
