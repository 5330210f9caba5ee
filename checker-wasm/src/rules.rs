//! The rules panel (its markup is the page's): pick a target (and a host for host firewalls), see the generated files
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

/// Wires the rules panel's markup: the pickers, the buttons and the output.
pub fn attach(state: State) {
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

    // The target picker follows the state (a link sets it).
    Effect::new(move |_| {
        let target = state.target.get();
        if let Some(select) = dom::by_id::<web_sys::HtmlSelectElement>("checker-target") {
            select.set_value(&target);
        }
    });
    // The host picker, for host firewalls.
    Effect::new(move |_| {
        let show = scope.get() == Some(Scope::Host) && !hosts.with(Vec::is_empty);
        dom::set_hidden("checker-host-field", !show);
        if show {
            let current = state.host.get_untracked();
            dom::set_html("checker-host", &hosts.with(|h| html::options(h.iter().map(|h| (h.as_str(), h.as_str())), &current)));
        }
    });
    Effect::new(move |_| {
        let none = shown.with(Option::is_none);
        dom::set_disabled("checker-copy", none);
        dom::set_disabled("checker-download", none);
    });
    Effect::new(move |_| dom::set_disabled("checker-zip", state.outcome.with(|o| !o.readable)));
    Effect::new(move |_| status.with(|s| dom::set_text("checker-rules-status", s)));
    // The file picker, when the output has more than one file.
    Effect::new(move |_| {
        emitted.with(|e| match e {
            Ok(out) if out.files.len() > 1 => {
                let current = shown.with(|f| f.as_ref().map(|f| f.path.clone())).unwrap_or_default();
                dom::set_html("checker-rules-file", &html::options(out.files.iter().map(|f| (f.path.as_str(), f.path.as_str())), &current));
                dom::set_hidden("checker-rules-files", false);
            }
            _ => dom::set_hidden("checker-rules-files", true),
        });
    });
    Effect::new(move |_| {
        let error = match emitted.with(|e| e.as_ref().err().cloned()) {
            Some(e) => Some(e),
            None => shown.with(Option::is_none).then(|| "No files: there is nothing to allow for this selection.".to_owned()),
        };
        dom::set_hidden("checker-rules-error", error.is_none());
        dom::set_text("checker-rules-error", error.as_deref().unwrap_or_default());
    });
    Effect::new(move |_| {
        shown.with(|file| {
            let Some(output) = dom::element("checker-rules-output") else { return };
            output.set_hidden(file.is_none());
            match file {
                Some(f) => {
                    let _ = output.set_attribute("data-file", &f.path);
                    let _ = output.set_attribute("aria-label", &format!("Contents of {}", f.path));
                    output.set_text_content(Some(&f.contents));
                }
                None => {
                    let _ = output.remove_attribute("data-file");
                    output.set_text_content(None);
                }
            }
        });
    });
    Effect::new(move |_| {
        emitted.with(|e| {
            let notes = e.as_ref().map_or(0, |out| out.notes);
            dom::set_hidden("checker-notes", notes == 0);
            if let Ok(out) = e
                && out.notes > 0
            {
                dom::set_text("checker-notes-count", &out.notes.to_string());
                dom::set_html("checker-notes-list", &out.notes_html);
            }
        });
    });

    dom::on("checker-target", "change", move |ev| {
        state.target.set(dom::event_value(&ev));
        chosen_file.set(String::new());
        state.save_fragment();
    });
    dom::on("checker-host", "change", move |ev| state.host.set(dom::event_value(&ev)));
    dom::on("checker-rules-file", "change", move |ev| chosen_file.set(dom::event_value(&ev)));
    dom::on("checker-copy", "click", move |_| {
        let Some(file) = shown.get_untracked() else { return };
        leptos::task::spawn_local(async move {
            match dom::copy(file.contents).await {
                Ok(()) => status.set(format!("Copied {}.", file.path)),
                Err(e) => state.notice.set(Some(Notice { error: true, text: e })),
            }
        });
    });
    dom::on("checker-download", "click", move |_| {
        let Some(file) = shown.get_untracked() else { return };
        let name = file.path.rsplit('/').next().unwrap_or(&file.path).to_owned();
        match dom::download(&name, file.contents.as_bytes(), "text/plain;charset=utf-8") {
            Ok(()) => status.set(format!("Downloaded {name}.")),
            Err(e) => state.notice.set(Some(Notice { error: true, text: e })),
        }
    });
    dom::on("checker-zip", "click", move |_| {
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
    });
}
