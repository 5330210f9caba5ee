//! The rules panel: pick a target (and a host for host firewalls), see the generated files
//! exactly as `portolan rules` writes them, copy or download one, or download every target as
//! a zip built in the page.

use leptos::prelude::*;
use portolan_core::emit::{self, Scope, Target};
use wasm_bindgen::JsValue;

use crate::state::{Notice, State};
use crate::{client, dom, html, message, zip};

/// One generated file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    pub path: String,
    pub contents: String,
}

/// What the engine emitted for the chosen target (and host).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Emission {
    pub files: Vec<File>,
    pub notes: usize,
    pub notes_html: String,
}

/// `[path, contents, …]` of a reply as files.
fn files(reply: &JsValue) -> Vec<File> {
    let flat = message::strings(reply, "files");
    flat.chunks_exact(2).map(|pair| File { path: pair[0].clone(), contents: pair[1].clone() }).collect()
}

/// The zip of every target (host firewalls for every host, as `portolan rules --target all
/// -o DIR`): the engine emits the files, the browser deflates each.
async fn zip_all(state: State) -> Result<(String, Vec<u8>, usize), String> {
    let (send, receive) = futures_channel();
    client::request("all", &message::object(), send);
    let reply = receive.await;
    if let Some(e) = client::error(&reply) {
        return Err(e);
    }
    let mut entries = Vec::new();
    for file in files(&reply) {
        let deflated = dom::deflate_raw(file.contents.as_bytes()).await.ok();
        entries.push(zip::Entry { path: file.path, contents: file.contents.into_bytes(), deflated });
    }
    let slug = state.outcome.with_untracked(|o| if o.name.is_empty() { "topology".to_owned() } else { o.name.clone() });
    let name = format!("{}-rules.zip", emit::quote::file_slug(&slug));
    Ok((name, zip::zip(&entries), entries.len()))
}

/// A one-shot channel over a JS promise: `send` resolves what the future awaits.
fn futures_channel() -> (impl FnOnce(JsValue), impl Future<Output = JsValue>) {
    let mut resolve = None;
    let promise = js_sys::Promise::new(&mut |r, _| resolve = Some(r));
    let send = move |value: JsValue| {
        if let Some(r) = resolve {
            let _ = r.call1(&JsValue::NULL, &value);
        }
    };
    let receive = async move { wasm_bindgen_futures::JsFuture::from(promise).await.unwrap_or(JsValue::UNDEFINED) };
    (send, receive)
}

#[component]
pub fn Rules() -> impl IntoView {
    let state = expect_context::<State>();
    let chosen_file = RwSignal::new(String::new());
    let scope = Memo::new(move |_| Target::parse(&state.target.get()).map(Target::scope));
    // The output of the current check, target and host; asked of the engine whenever one
    // changes, and a reply for an older selection is dropped.
    let emitted: RwSignal<Result<Emission, String>> = RwSignal::new(Ok(Emission::default()));
    Effect::new(move |_| {
        let (check, readable) = state.outcome.with(|o| (o.id, o.readable));
        let target = state.target.get();
        let host = state.host.get();
        if check == 0 {
            return;
        }
        if !readable {
            emitted.set(Err("Fix the errors in the topology to generate rules.".to_owned()));
            return;
        }
        let request = message::object();
        message::set(&request, "target", target.as_str());
        message::set(&request, "host", host.as_str());
        client::request("emit", &request, move |reply| {
            // A reply without a check number is a crash's error: it belongs to this request.
            let check = message::uint(&reply, "check");
            let current = (check == 0 || state.outcome.with_untracked(|o| o.id) == check)
                && state.target.with_untracked(|t| *t == target)
                && state.host.with_untracked(|h| *h == host);
            if !current {
                return;
            }
            emitted.set(match client::error(&reply) {
                Some(e) => Err(e),
                None => Ok(Emission { files: files(&reply), notes: message::count(&reply, "notes"), notes_html: message::string(&reply, "notes_html") }),
            });
        });
    });
    let hosts = Memo::new(move |_| state.outcome.with(|o| o.host_names.clone()));
    // The file shown: the chosen one if the output still has it, else the first.
    let shown = Memo::new(move |_| {
        emitted.with(|e| {
            let files = e.as_ref().ok()?;
            let wanted = chosen_file.get();
            files.files.iter().find(|f| f.path == wanted).or(files.files.first()).cloned()
        })
    });
    let status = RwSignal::new(String::new());

    let copy = move |_| {
        let Some(file) = shown.get_untracked() else { return };
        leptos::task::spawn_local(async move {
            match dom::copy(file.contents).await {
                Ok(()) => status.set(format!("Copied {}.", file.path)),
                Err(e) => state.notice.set(Some(Notice { error: true, text: e })),
            }
        });
    };
    let download = move |_| {
        let Some(file) = shown.get_untracked() else { return };
        let name = file.path.rsplit('/').next().unwrap_or(&file.path).to_owned();
        match dom::download(&name, file.contents.as_bytes(), "text/plain;charset=utf-8") {
            Ok(()) => status.set(format!("Downloaded {name}.")),
            Err(e) => state.notice.set(Some(Notice { error: true, text: e })),
        }
    };
    let download_zip = move |_| {
        status.set("Building the zip…".into());
        leptos::task::spawn_local(async move {
            let result = zip_all(state).await.and_then(|(name, bytes, n)| dom::download(&name, &bytes, "application/zip").map(|()| format!("Downloaded {name} ({n} files).")));
            match result {
                Ok(message) => status.set(message),
                Err(e) => {
                    status.set(String::new());
                    state.notice.set(Some(Notice { error: true, text: e }));
                }
            }
        });
    };

    // The output as few distinct views as possible: the file picker and the notes are HTML
    // strings (the picker's `change` is caught on its wrapper), the error and the file are one
    // optional element each.
    let picker = move || {
        emitted.with(|e| match e {
            Ok(out) if out.files.len() > 1 => {
                let current = shown.with(|f| f.as_ref().map(|f| f.path.clone())).unwrap_or_default();
                let options = html::options(out.files.iter().map(|f| (f.path.as_str(), f.path.as_str())), &current);
                format!("<label class=\"ck-field\"><span>File</span><select id=\"checker-rules-file\">{options}</select></label>")
            }
            _ => String::new(),
        })
    };
    let notes = move || {
        emitted.with(|e| match e {
            Ok(out) if out.notes > 0 => format!(
                "<details class=\"ck-notes\"><summary>{} notes: what the rules could not express</summary><ul>{}</ul></details>",
                out.notes, out.notes_html
            ),
            _ => String::new(),
        })
    };
    let error = move || match emitted.with(|e| e.as_ref().err().cloned()) {
        Some(e) => Some(e),
        None => shown.with(Option::is_none).then(|| "No files: there is nothing to allow for this selection.".to_owned()),
    };
    let output = move || {
        shown.get().map(|f| view! { <pre id="checker-rules-output" class="ck-output" tabindex="0" data-file=f.path.clone() aria-label=format!("Contents of {}", f.path)>{f.contents}</pre> })
    };

    view! {
        <section class="ck-panel ck-rules" aria-labelledby="checker-rules-h">
            <h2 id="checker-rules-h">"Rules"</h2>
            <div class="ck-toolbar">
                <label class="ck-field">
                    <span>"Target"</span>
                    <select
                        id="checker-target"
                        on:change=move |ev| {
                            state.target.set(event_target_value(&ev));
                            chosen_file.set(String::new());
                            state.save_fragment();
                        }
                        // Options as one HTML string (like the host and file pickers): one
                        // text binding instead of a reactive view per target.
                        inner_html=move || {
                            let labels: Vec<(&str, String)> = Target::all().map(|t| (t.name(), format!("{}: {}", t.name(), t.description()))).collect();
                            state.target.with(|current| html::options(labels.iter().map(|(v, l)| (*v, l.as_str())), current))
                        }
                    ></select>
                </label>
                {move || {
                    (scope.get() == Some(Scope::Host) && !hosts.get().is_empty()).then(|| {
                        let current = state.host.get_untracked();
                        let options = hosts.with(|h| html::options(h.iter().map(|h| (h.as_str(), h.as_str())), &current));
                        view! {
                            <label class="ck-field">
                                <span>"Host"</span>
                                <select id="checker-host" inner_html=options on:change=move |ev| state.host.set(event_target_value(&ev))></select>
                            </label>
                        }
                    })
                }}
            </div>
            <div class="ck-toolbar">
                <button type="button" class="ck-button" id="checker-copy" on:click=copy disabled=move || shown.with(Option::is_none)>"Copy"</button>
                <button type="button" class="ck-button" id="checker-download" on:click=download disabled=move || shown.with(Option::is_none)>"Download file"</button>
                <button type="button" class="ck-button" id="checker-zip" on:click=download_zip disabled=move || state.outcome.with(|o| !o.readable)>"Download every target (.zip)"</button>
                <span class="ck-muted" role="status">{move || status.get()}</span>
            </div>
            <div
                inner_html=picker
                on:change=move |ev| {
                    if let Some(select) = ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlSelectElement>(t).ok()) {
                        chosen_file.set(select.value());
                    }
                }
            ></div>
            {move || error().map(|e| view! { <p class="ck-muted" id="checker-rules-error">{e}</p> })}
            {output}
            <div inner_html=notes></div>
        </section>
    }
}
