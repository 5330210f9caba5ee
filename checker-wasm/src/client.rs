//! The page side of the engine: sends requests to the worker the loader started
//! (`window.PORTOLAN_ENGINE`) and hands each reply to the callback of its request. Without a
//! worker (a browser that refused to make one, the wasm tests) the same [`engine`] runs on the
//! page, one request per task, so replies still arrive asynchronously and in order. A worker
//! that cannot start (its script refused, its wasm failing) hands what it was asked to the
//! page's engine the same way. A worker whose wasm trapped (a bug, or memory exhausted) is
//! replaced by a fresh one (the loader's `PORTOLAN_ENGINE_RESTART`), which is given the catalog,
//! the last check (unless that check crashed) and what was waiting: the page keeps showing what
//! it showed, and the request that crashed reports an error.

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

type Callback = Box<dyn FnOnce(JsValue)>;

#[derive(Default)]
struct Client {
    worker: Option<web_sys::Worker>,
    next: u32,
    /// Requests sent and not answered yet, oldest first.
    waiting: Vec<(u32, Object, Callback)>,
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
        pending.extend(c.waiting.iter().map(|(_, message, _)| message.clone()));
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
        c.waiting.iter().map(|(_, message, _)| message.clone()).collect::<Vec<_>>()
    });
    web_sys::console::warn_1(
        &"The checker's worker did not start: checking on the page instead.".into(),
    );
    for message in waiting {
        on_page(message);
    }
}

/// Runs one request on the page's own engine, in a task of its own.
fn on_page(message: Object) {
    leptos::prelude::set_timeout(move || deliver(engine::handle(message.into())), Duration::ZERO);
}

/// Sends `message` (its `kind` set here) and calls `reply` with the answer.
pub fn request(kind: Request, message: &Object, reply: impl FnOnce(JsValue) + 'static) {
    let (req, worker) = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        c.next += 1;
        let req = c.next;
        (req, c.worker.clone())
    });
    set(message, key::KIND, kind.key());
    set(message, key::REQ, req);
    CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        c.waiting.push((req, message.clone(), Box::new(reply)));
        if kind == Request::Check {
            c.last_check = Some(message.clone());
        }
    });
    match worker {
        Some(worker) => {
            if let Err(e) = worker.post_message(message) {
                let failed = message::object();
                set(&failed, key::REQ, req);
                set(
                    &failed,
                    "error",
                    format!(
                        "the checker's worker refused the request: {}",
                        crate::dom::describe(e)
                    ),
                );
                deliver(failed.into());
            }
        }
        None => on_page(message.clone()),
    }
}

/// Hands a reply to its request's callback.
fn deliver(reply: JsValue) {
    let req = uint(&reply, key::REQ);
    let answered = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        let i = c.waiting.iter().position(|(r, _, _)| *r == req)?;
        Some(c.waiting.remove(i))
    });
    let crashed = message::flag(&reply, key::CRASHED);
    if let Some((_, request, callback)) = answered {
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
