//! The rules panel (its markup is the page's): pick a target (and a host for host firewalls), see the generated files
//! exactly as `portolan rules` writes them, copy or download one, or download every target as
//! a zip built in the page.

use leptos::prelude::*;
use portolan_core::emit::{self, Scope, Target};
use wasm_bindgen::JsValue;

use crate::ids;
use crate::message::{Request, key};
use crate::state::{Page, State};
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
    let flat = message::strings(reply, key::FILES);
    flat.chunks_exact(2)
        .map(|pair| File { path: pair[0].clone(), contents: pair[1].clone() })
        .collect()
}

/// The zip of every target (host firewalls for every host, as `portolan rules --target all
/// -o DIR`): the engine emits the files, the browser deflates each.
async fn zip_all(state: State) -> Result<(String, Vec<u8>, usize), String> {
    let (send, receive) = futures_channel();
    client::request(Request::All, &message::object(), send);
    let reply = receive.await;
    if let Some(e) = client::error(&reply) {
        return Err(e);
    }
    let mut entries = Vec::new();
    for file in files(&reply) {
        let deflated = dom::deflate_raw(file.contents.as_bytes()).await.ok();
        entries.push(zip::Entry {
            path: file.path,
            contents: file.contents.into_bytes(),
            deflated,
        });
    }
    let slug = state.page.with_untracked(|p| {
        if p.outcome.name.is_empty() { "topology".to_owned() } else { p.outcome.name.clone() }
    });
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
    let receive = async move {
        wasm_bindgen_futures::JsFuture::from(promise).await.unwrap_or(JsValue::UNDEFINED)
    };
    (send, receive)
}

/// The file shown: the chosen one if the output has it, else the first.
fn shown<'a>(emitted: &'a Result<Emission, String>, chosen: &str) -> Option<&'a File> {
    let files = &emitted.as_ref().ok()?.files;
    files.iter().find(|f| f.path == chosen).or(files.first())
}

/// The file shown now, for the buttons.
fn shown_now(state: State) -> Option<File> {
    state.get(|p| shown(&p.emitted, &p.chosen_file).cloned())
}

/// Wires the rules panel's markup: the pickers, the buttons and the output.
pub fn attach(state: State) {
    // The output of the current check, target and host: asked of the engine whenever one
    // changes, and a reply for an older selection is dropped.
    Effect::new(move |asked: Option<(u32, String, String)>| {
        let (readable, key) = state
            .page
            .with(|p| (p.outcome.readable, (p.outcome.id, p.target.clone(), p.host.clone())));
        let check = key.0;
        if check == 0 || asked.as_ref() == Some(&key) {
            return key;
        }
        if !readable {
            set_emitted(state, Err("Fix the errors in the topology to generate rules.".to_owned()));
            return key;
        }
        let (_, target, host) = key.clone();
        let request = message::object();
        message::set(&request, key::TARGET, target.as_str());
        message::set(&request, key::HOST, host.as_str());
        client::request(Request::Emit, &request, move |reply| {
            // A reply without a check number is a crash's error: it belongs to this request.
            let check = message::uint(&reply, key::CHECK);
            let current = state.get(|p| {
                (check == 0 || p.outcome.id == check) && p.target == target && p.host == host
            });
            if current {
                set_emitted(
                    state,
                    match client::error(&reply) {
                        Some(e) => Err(e),
                        None => Ok(Emission {
                            files: files(&reply),
                            notes: message::count(&reply, key::NOTES),
                            notes_html: message::string(&reply, key::NOTES_HTML),
                        }),
                    },
                );
            }
        });
        key
    });
}

/// What the rules panel last drew: the pickers for a check and target, the output for an
/// emission and chosen file.
pub type Drawn = [(u32, String); 2];

/// Draws the rules panel: the pickers follow the state (a link sets the target; a check may
/// change the hosts); the output is redrawn when the rules or the chosen file change.
pub fn draw_panel(p: &Page, drawn: Option<&Drawn>) -> Drawn {
    let now = [(p.outcome.id, p.target.clone()), (p.emission, p.chosen_file.clone())];
    let [pickers, output] = drawn.map(|d| [d[0] != now[0], d[1] != now[1]]).unwrap_or([true, true]);
    if pickers {
        draw_pickers(p);
    }
    if output {
        draw(p);
    }
    dom::set_text(ids::RULES_STATUS, &p.rules_status);
    now
}

/// The target picker, and the host picker for host firewalls.
fn draw_pickers(p: &Page) {
    if let Some(select) = dom::by_id::<web_sys::HtmlSelectElement>(ids::TARGET) {
        select.set_value(&p.target);
    }
    let hosts = &p.outcome.host_names;
    let show =
        Target::parse(&p.target).map(Target::scope) == Some(Scope::Host) && !hosts.is_empty();
    dom::set_hidden(ids::HOST_FIELD, !show);
    if show {
        dom::set_html(
            ids::HOST,
            &html::options(hosts.iter().map(|h| (h.as_str(), h.as_str())), &p.host),
        );
    }
}

/// A target picked: its rules, from the first file.
pub fn pick_target(state: State, target: String) {
    state.page.update(|p| {
        p.target = target;
        p.chosen_file.clear();
    });
    state.save_fragment();
}

/// "Copy": the file shown, to the clipboard.
pub fn copy(state: State) {
    let Some(file) = shown_now(state) else { return };
    leptos::task::spawn_local(async move {
        match dom::copy(file.contents).await {
            Ok(()) => set_status(state, format!("Copied {}.", file.path)),
            Err(e) => state.notify(e),
        }
    });
}

/// "Download file": the file shown, as a download.
pub fn download(state: State) {
    let Some(file) = shown_now(state) else { return };
    let name = file.path.rsplit('/').next().unwrap_or(&file.path).to_owned();
    match dom::download(&name, file.contents.as_bytes(), "text/plain;charset=utf-8") {
        Ok(()) => set_status(state, format!("Downloaded {name}.")),
        Err(e) => state.notify(e),
    }
}

/// "Download every target (.zip)".
pub fn download_zip(state: State) {
    set_status(state, "Building the zip…".into());
    leptos::task::spawn_local(async move {
        let result = zip_all(state).await.and_then(|(name, bytes, n)| {
            dom::download(&name, &bytes, "application/zip")
                .map(|()| format!("Downloaded {name} ({n} files)."))
        });
        match result {
            Ok(message) => set_status(state, message),
            Err(e) => {
                set_status(state, String::new());
                state.notify(e);
            }
        }
    });
}

fn set_status(state: State, text: String) {
    state.page.update(|p| p.rules_status = text);
}

fn set_emitted(state: State, emitted: Result<Emission, String>) {
    state.page.update(|p| {
        p.emitted = emitted;
        p.emission += 1;
    });
}

/// The panel's output for the chosen file: the file picker, the file, the error, the notes, the
/// buttons.
fn draw(p: &Page) {
    let file = shown(&p.emitted, &p.chosen_file);
    dom::set_disabled(ids::COPY, file.is_none());
    dom::set_disabled(ids::DOWNLOAD, file.is_none());
    match &p.emitted {
        Ok(out) if out.files.len() > 1 => {
            let current = file.map_or("", |f| f.path.as_str());
            dom::set_html(
                ids::RULES_FILE,
                &html::options(
                    out.files.iter().map(|f| (f.path.as_str(), f.path.as_str())),
                    current,
                ),
            );
            dom::set_hidden(ids::RULES_FILES, false);
        }
        _ => dom::set_hidden(ids::RULES_FILES, true),
    }
    let error = match (&p.emitted, file) {
        (Err(e), _) => Some(e.as_str()),
        (Ok(_), None) => Some("No files: there is nothing to allow for this selection."),
        (Ok(_), Some(_)) => None,
    };
    dom::set_hidden(ids::RULES_ERROR, error.is_none());
    dom::set_text(ids::RULES_ERROR, error.unwrap_or_default());
    if let Some(output) = dom::element(ids::RULES_OUTPUT) {
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
    }
    let notes = p.emitted.as_ref().map_or(0, |out| out.notes);
    dom::set_hidden(ids::NOTES, notes == 0);
    if let Ok(out) = &p.emitted
        && notes > 0
    {
        dom::set_text(ids::NOTES_COUNT, &notes.to_string());
        dom::set_html(ids::NOTES_LIST, &out.notes_html);
    }
}
