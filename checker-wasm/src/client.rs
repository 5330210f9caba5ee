//! The page side of the engine: sends requests to the worker the loader started
//! (`window.PORTOLAN_ENGINE`) and hands each reply to the callback of its request. Without a
//! worker (a browser that refused to make one, the wasm tests) the same [`engine`] runs on the
//! page, one request per task, so replies still arrive asynchronously and in order. A worker
//! that cannot start (its script refused, its wasm failing) hands what it was asked to the
//! page's engine the same way. A worker whose wasm trapped (a bug, or memory exhausted) is
//! replaced by a fresh one (the loader's `PORTOLAN_ENGINE_RESTART`), which is given the catalog,
//! the last check (unless that check crashed) and what was waiting: the page keeps showing what
//! it showed, and the request that crashed reports an error.
//!
//! The rule emitters, the host-file readers and explain (`portolan_core::emit`, `::audit`) are
//! not in `checker.js`'s module, nor is the TOML reader: the first request for rules (the rules
//! view opened, the zip asked for), the first check with host files or of a TOML text, or the
//! first question to explain, has the
//! loader fetch `checker-audit.js` (the same crate built with them: the on-demand module) and
//! start a worker on it. Until that worker is there, every request waits; then the old worker
//! is stopped and the new one is given the catalog, the last check and everything waiting, so
//! no request is lost and the one that needed the module is answered by it. If the script
//! cannot be loaded, the page says so, and checks without host files go on as before.

use std::cell::RefCell;
use std::time::Duration;

use js_sys::Object;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::engine;
use crate::message::{self, Request, key, set, string, uint};

/// The global the loader sets to the engine's worker.
pub const WORKER_GLOBAL: &str = "PORTOLAN_ENGINE";
/// The loader's function that makes a new worker with the same module.
pub const RESTART_GLOBAL: &str = "PORTOLAN_ENGINE_RESTART";
/// The loader's function that loads `checker-audit.js` (the on-demand module) and calls back
/// with a worker on it (or none, and `PORTOLAN_ENGINE_ON_PAGE` set, when no worker can be
/// made), or an error.
pub const LOAD_ON_DEMAND_GLOBAL: &str = "PORTOLAN_AUDIT_LOAD";
/// `checker-audit.js`'s engine on the page, when no worker could be made for it.
pub const ON_PAGE_GLOBAL: &str = "PORTOLAN_ENGINE_ON_PAGE";

/// Where the on-demand module's parts (rule emitters, host-file readers, explain, the TOML
/// reader) are: in this module (a build with the `audit`, `rules` and `toml` features), in the
/// workers after
/// `checker-audit.js` loaded, or not (yet).
#[derive(Debug, Clone, PartialEq, Eq)]
enum OnDemand {
    Absent,
    Loading,
    Loaded,
    /// What went wrong: the requests that need the module are answered with it.
    Failed(String),
}

impl Default for OnDemand {
    fn default() -> Self {
        if cfg!(all(feature = "audit", feature = "rules", feature = "toml")) {
            OnDemand::Loaded
        } else {
            OnDemand::Absent
        }
    }
}

/// A request sent (or held while the on-demand module loads) and not answered yet.
struct Waiting {
    req: u32,
    message: Object,
    reply: Callback,
    /// Not posted yet: it waits for the worker on the on-demand module.
    held: bool,
}

type Callback = Box<dyn FnOnce(JsValue)>;

#[derive(Default)]
struct Client {
    worker: Option<web_sys::Worker>,
    next: u32,
    /// Requests sent and not answered yet, oldest first.
    waiting: Vec<Waiting>,
    on_demand: OnDemand,
    started: bool,
    /// The catalog request and the last check, sent again to a replacement worker.
    init: Option<Object>,
    last_check: Option<Object>,
}

thread_local! {
    static CLIENT: RefCell<Client> = RefCell::default();
}

/// Connects to the worker (once) and sends it the catalog and the site root; `ready` gets the
/// reply (catalog counts, or `error`).
pub fn start(catalog: JsValue, root: &str, ready: impl FnOnce(JsValue) + 'static) {
    CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        if !c.started {
            c.started = true;
            c.worker = worker();
        }
    });
    let init = message::object();
    set(&init, key::CATALOG, catalog);
    set(&init, key::ROOT, root);
    request(Request::Init, &init, ready);
    CLIENT.with(|c| c.borrow_mut().init = Some(init));
}

fn worker() -> Option<web_sys::Worker> {
    let window = web_sys::window()?;
    let worker: web_sys::Worker =
        js_sys::Reflect::get(&window, &WORKER_GLOBAL.into()).ok()?.dyn_into().ok()?;
    Some(listen(worker))
}

/// Replaces a worker whose wasm trapped: its instance is unusable (Rust state left mid-change).
fn restart(crashed: &Object) {
    let fresh = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &RESTART_GLOBAL.into()).ok())
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call0(&JsValue::NULL).ok())
        .and_then(|w| w.dyn_into::<web_sys::Worker>().ok());
    let Some(fresh) = fresh else { return without_worker() };
    let fresh = listen(fresh);
    let pending = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        if let Some(old) = c.worker.replace(fresh.clone()) {
            old.terminate();
        }
        let mut pending: Vec<Object> = Vec::new();
        // Their replies (req 0) are not waited for: the page already shows their results.
        // A check that crashed is not repeated: it would crash again.
        let last_check = c.last_check.as_ref().filter(|check| !Object::is(check, crashed));
        for message in c.init.iter().chain(last_check) {
            let again = Object::assign(&Object::new(), message);
            set(&again, key::REQ, 0);
            pending.push(again);
        }
        pending.extend(c.waiting.iter().filter(|w| !w.held).map(|w| w.message.clone()));
        pending
    });
    for message in pending {
        let _ = fresh.post_message(&message);
    }
}

fn listen(worker: web_sys::Worker) -> web_sys::Worker {
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(|event: web_sys::MessageEvent| {
            deliver(event.data())
        });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let on_error = Closure::<dyn FnMut(JsValue)>::new(|_| without_worker());
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    worker
}

/// The worker failed to start: stop it, and answer everything it was asked on the page.
fn without_worker() {
    let waiting = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        if let Some(worker) = c.worker.take() {
            worker.terminate();
        }
        c.waiting.iter().filter(|w| !w.held).map(|w| w.message.clone()).collect::<Vec<_>>()
    });
    web_sys::console::warn_1(
        &"The checker's worker did not start: checking on the page instead.".into(),
    );
    for message in waiting {
        on_page(message);
    }
}

/// Runs one request on the page's own engine (`checker-audit.js`'s once loaded), in a task of
/// its own.
fn on_page(message: Object) {
    leptos::prelude::set_timeout(move || deliver(page_engine(message)), Duration::ZERO);
}

fn page_engine(message: Object) -> JsValue {
    let Some(full) = global::<js_sys::Function>(ON_PAGE_GLOBAL) else {
        return engine::handle(message.into());
    };
    full.call1(&JsValue::NULL, &message).unwrap_or_else(|e| {
        let failed = message::object();
        set(&failed, key::REQ, uint(&message, key::REQ));
        set(
            &failed,
            key::ERROR,
            format!("the checker's engine failed: {}", crate::dom::describe(e)),
        );
        failed.into()
    })
}

/// A function or object the loader set on `window`.
fn global<T: JsCast>(name: &str) -> Option<T> {
    let window = web_sys::window()?;
    js_sys::Reflect::get(&window, &name.into()).ok()?.dyn_into().ok()
}

/// Posts `message` to the worker, or runs it on the page without one.
fn send(message: Object) {
    match CLIENT.with(|c| c.borrow().worker.clone()) {
        Some(worker) => {
            if let Err(e) = worker.post_message(&message) {
                let failed = message::object();
                set(&failed, key::REQ, uint(&message, key::REQ));
                set(
                    &failed,
                    key::ERROR,
                    format!(
                        "the checker's worker refused the request: {}",
                        crate::dom::describe(e)
                    ),
                );
                deliver(failed.into());
            }
        }
        None => on_page(message),
    }
}

/// Whether answering `message` (its kind set) needs the on-demand module: rules (one target's,
/// or every target's for the zip), a check with host files or of a TOML text (the base module
/// has no TOML reader), a question to explain, or the text of an example it does not carry.
fn needs_on_demand(message: &Object) -> bool {
    let kind = string(message, key::KIND);
    [Request::Emit, Request::All, Request::Explain, Request::Example]
        .iter()
        .any(|r| kind == r.key())
        || (kind == Request::Check.key()
            && (!message::strings(message, key::IMPORTS).is_empty() || is_toml(message)))
}

/// Whether a check request's text is read as TOML (its syntax, or sniffed as the engine does).
fn is_toml(message: &Object) -> bool {
    let syntax = message::Syntax::from_key(&string(message, key::SYNTAX));
    syntax.format(&string(message, key::TEXT)) == portolan_core::topology::Format::Toml
}

/// Asks the loader for `checker-audit.js`; [`loaded`] or [`load_failed`] follows.
fn load_on_demand() {
    let Some(load) = global::<js_sys::Function>(LOAD_ON_DEMAND_GLOBAL) else {
        return load_failed("this page's checker.js cannot load it".to_owned());
    };
    let done = Closure::once_into_js(|worker: JsValue, error: JsValue| match error.as_string() {
        Some(why) => load_failed(why),
        None => loaded(worker.dyn_into::<web_sys::Worker>().ok()),
    });
    if let Err(e) = load.call1(&JsValue::NULL, &done) {
        load_failed(crate::dom::describe(e));
    }
}

/// `checker-audit.js` runs in `fresh` (or on the page): the old worker is stopped, and the new
/// engine is given the catalog, the last check (their replies not waited for) and every request
/// not answered yet, in order, so each is answered by the on-demand module.
fn loaded(fresh: Option<web_sys::Worker>) {
    let fresh = fresh.map(listen);
    let pending = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        c.on_demand = OnDemand::Loaded;
        if let Some(old) = std::mem::replace(&mut c.worker, fresh) {
            old.terminate();
        }
        let mut pending: Vec<Object> = Vec::new();
        let last_check = c
            .last_check
            .as_ref()
            .filter(|check| !c.waiting.iter().any(|w| Object::is(&w.message, check)));
        for message in c.init.iter().chain(last_check) {
            let again = Object::assign(&Object::new(), message);
            set(&again, key::REQ, 0);
            pending.push(again);
        }
        for w in &mut c.waiting {
            w.held = false;
            pending.push(w.message.clone());
        }
        pending
    });
    for message in pending {
        send(message);
    }
}

/// `checker-audit.js` could not be loaded: the page says so, the requests that needed it are
/// answered with why, and the rest go to the engine there is.
fn load_failed(why: String) {
    let why = format!(
        "The checker could not load its rule generators, host-file readers, TOML reader and \
         explain (assets/checker-audit.js): {why}. Rules are not generated, host files and TOML \
         topologies not checked and connections not explained; reload the page to try again."
    );
    crate::show_error(&why);
    let (refused, held) = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        c.on_demand = OnDemand::Failed(why.clone());
        let mut refused = Vec::new();
        let mut held = Vec::new();
        for w in &mut c.waiting {
            if !w.held {
                continue;
            }
            w.held = false;
            if needs_on_demand(&w.message) {
                refused.push(w.req);
            } else {
                held.push(w.message.clone());
            }
        }
        (refused, held)
    });
    for req in refused {
        deliver(unavailable(req, &why).into());
    }
    for message in held {
        send(message);
    }
}

/// The reply to a request that needs the on-demand module when it could not be loaded.
fn unavailable(req: u32, why: &str) -> Object {
    let reply = message::object();
    set(&reply, key::REQ, req);
    set(&reply, key::ERROR, why);
    set(&reply, key::UNAVAILABLE, true);
    reply
}

/// Sends `message` (its `kind` set here) and calls `reply` with the answer.
/// A request made while `checker-audit.js` loads waits for it, whatever its kind: the
/// engine that answers must have seen the checks before it.
pub fn request(kind: Request, message: &Object, reply: impl FnOnce(JsValue) + 'static) {
    request_boxed(kind, message, Box::new(reply));
}

/// [`request`]'s body, once in the wasm rather than once per caller's closure.
fn request_boxed(kind: Request, message: &Object, reply: Box<dyn FnOnce(JsValue)>) {
    set(message, key::KIND, kind.key());
    let needs = needs_on_demand(message);
    let (req, on_demand, start_loading) = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        c.next += 1;
        let start_loading = needs && c.on_demand == OnDemand::Absent;
        if start_loading {
            c.on_demand = OnDemand::Loading;
        }
        (c.next, c.on_demand.clone(), start_loading)
    });
    set(message, key::REQ, req);
    let held = on_demand == OnDemand::Loading;
    CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        c.waiting.push(Waiting { req, message: message.clone(), reply, held });
        if kind == Request::Check {
            c.last_check = Some(message.clone());
        }
    });
    match on_demand {
        OnDemand::Failed(why) if needs => deliver(unavailable(req, &why).into()),
        OnDemand::Loading => {
            if start_loading {
                load_on_demand();
            }
        }
        _ => send(message.clone()),
    }
}

/// Hands a reply to its request's callback.
fn deliver(reply: JsValue) {
    let req = uint(&reply, key::REQ);
    let answered = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        let i = c.waiting.iter().position(|w| w.req == req)?;
        Some(c.waiting.remove(i))
    });
    let crashed = message::flag(&reply, key::CRASHED);
    if let Some(Waiting { message: request, reply: callback, .. }) = answered {
        callback(reply);
        if crashed {
            restart(&request);
        }
    } else if req == 0 && !string(&reply, key::FATAL).is_empty() {
        // The worker's wasm did not start (it posts `{fatal}`).
        web_sys::console::warn_1(&string(&reply, key::FATAL).into());
        without_worker();
    }
}

/// The reply's `error`, if it failed.
pub fn error(reply: &JsValue) -> Option<String> {
    let e = string(reply, key::ERROR);
    (!e.is_empty()).then_some(e)
}
