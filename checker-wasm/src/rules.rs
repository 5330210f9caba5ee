//! The rules panel (its markup is the page's): pick a target (and a host for host firewalls), see the generated files
//! exactly as `portolan rules` writes them, copy or download one, or download every target as
//! a zip built in the page.
//!
//! The emitters are not in `checker.js`'s module but in the one loaded on demand (`client.rs`):
//! rules are asked of the engine only once the rules view is open, that is once the panel has
//! been seen (scrolled into view), a target or host picked, the zip asked for, or a share link
//! that names a target opened. The first screen then loads nothing more.

use leptos::prelude::*;
// Only `quote` of `portolan_core::emit` on the page: its `Target` registry holds a pointer to
// every emitter, so naming it here would put them all back in `checker.js`'s module. The page
// knows the targets from its markup (the target picker) and their scope from the engine.
use portolan_core::emit;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};

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
    /// One ruleset per host: the host picker applies.
    pub per_host: bool,
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
    observe_panel(state);
    // The output of the current check, target and host, once the view is open: asked of the
    // engine whenever one changes, and a reply for an older selection is dropped.
    Effect::new(move |asked: Option<(u32, String, String)>| {
        let (open, readable, key) = state.page.with(|p| {
            (p.rules_open, p.outcome.readable, (p.outcome.id, p.target.clone(), p.host.clone()))
        });
        if !open {
            return (0, String::new(), String::new());
        }
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
                            per_host: message::flag(&reply, key::PER_HOST),
                        }),
                    },
                );
            }
        });
        key
    });
}

/// Opens the rules view when the panel comes into the viewport (at once in a browser without
/// `IntersectionObserver`).
fn observe_panel(state: State) {
    let Some(panel) = dom::element(ids::RULES) else { return };
    let seen = Closure::<dyn FnMut(js_sys::Array, web_sys::IntersectionObserver)>::new(
        move |entries: js_sys::Array, observer: web_sys::IntersectionObserver| {
            let visible = entries.iter().any(|e| {
                e.dyn_into::<web_sys::IntersectionObserverEntry>()
                    .is_ok_and(|e| e.is_intersecting())
            });
            if visible {
                observer.disconnect();
                open(state);
            }
        },
    );
    match web_sys::IntersectionObserver::new(seen.as_ref().unchecked_ref()) {
        Ok(observer) => {
            observer.observe(&panel);
            seen.forget();
        }
        Err(_) => open(state),
    }
}

/// Opens the rules view (once): from now on its rules are asked for.
pub fn open(state: State) {
    if !state.page.with_untracked(|p| p.rules_open) {
        state.page.update(|p| p.rules_open = true);
    }
}

/// Whether `name` is one of the target picker's targets (read from the page's markup, which
/// site-gen renders from the emitters' registry), as `Target::parse` reads names.
pub fn is_target(name: &str) -> bool {
    let wanted = name.trim().to_ascii_lowercase().replace('_', "-");
    let Some(select) = dom::by_id::<web_sys::HtmlSelectElement>(ids::TARGET) else { return false };
    (0..select.length())
        .filter_map(|i| select.item(i))
        .any(|option| option.get_attribute("value").as_deref() == Some(wanted.as_str()))
}

/// What the rules panel last drew: the pickers for a check and target, the output for an
/// emission and chosen file, and whether the view is open.
pub type Drawn = [(u32, String); 3];

/// Draws the rules panel: the pickers follow the state (a link sets the target; a check may
/// change the hosts); the output is redrawn when the rules or the chosen file change.
pub fn draw_panel(p: &Page, drawn: Option<&Drawn>) -> Drawn {
    let now = [
        (p.outcome.id, p.target.clone()),
        (p.emission, p.chosen_file.clone()),
        (u32::from(p.rules_open), String::new()),
    ];
    let [pickers, output, opened] =
        drawn.map(|d| [d[0] != now[0], d[1] != now[1], d[2] != now[2]]).unwrap_or([true; 3]);
    // The host picker follows the emission too (it says whether the target is per host).
    if pickers || output {
        draw_pickers(p);
    }
    if output || opened {
        draw(p);
    }
    dom::set_text(ids::RULES_STATUS, &p.rules_status);
    now
}

/// The target picker, and the host picker for host firewalls (as the last emission says).
fn draw_pickers(p: &Page) {
    if let Some(select) = dom::by_id::<web_sys::HtmlSelectElement>(ids::TARGET) {
        select.set_value(&p.target);
    }
    let hosts = &p.outcome.host_names;
    // Shown once the rules say the target is per host; filled before, from the check.
    let per_host = p.emitted.as_ref().is_ok_and(|e| e.per_host);
    dom::set_hidden(ids::HOST_FIELD, !per_host || hosts.is_empty());
    dom::set_html(
        ids::HOST,
        &html::options(hosts.iter().map(|h| (h.as_str(), h.as_str())), &p.host),
    );
}

/// A target picked: its rules, from the first file.
pub fn pick_target(state: State, target: String) {
    state.page.update(|p| {
        p.target = target;
        p.chosen_file.clear();
        p.rules_open = true;
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
    open(state);
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
        // Nothing emitted yet: the view is not open, or its first rules (and the module with
        // the emitters) are on their way.
        _ if p.emission == 0 => Some(if p.rules_open {
            "Generating the rules…"
        } else {
            "The rules are generated when this panel is shown."
        }),
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
