//! The page side of the engine: sends requests to the worker the loader started
//! (`window.PORTOLAN_ENGINE`) and hands each reply to the callback of its request. Without a
//! worker (a browser that refused to make one, the wasm tests) the same [`engine`] runs on the
//! page, one request per task, so replies still arrive asynchronously and in order. A worker
//! that cannot start (its script refused, its wasm failing) hands what it was asked to the
//! page's engine the same way.

use std::cell::RefCell;
use std::time::Duration;

use js_sys::Object;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::engine;
use crate::message::{self, set, string, uint};

/// The global the loader sets to the engine's worker.
pub const WORKER_GLOBAL: &str = "PORTOLAN_ENGINE";

type Callback = Box<dyn FnOnce(JsValue)>;

#[derive(Default)]
struct Client {
    worker: Option<web_sys::Worker>,
    next: u32,
    /// Requests sent and not answered yet, oldest first.
    waiting: Vec<(u32, Object, Callback)>,
    started: bool,
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
    set(&init, "catalog", catalog);
    set(&init, "root", root);
    request("init", &init, ready);
}

fn worker() -> Option<web_sys::Worker> {
    let window = web_sys::window()?;
    let worker: web_sys::Worker = js_sys::Reflect::get(&window, &WORKER_GLOBAL.into()).ok()?.dyn_into().ok()?;
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(|event: web_sys::MessageEvent| deliver(event.data()));
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let on_error = Closure::<dyn FnMut(JsValue)>::new(|_| without_worker());
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    Some(worker)
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
    web_sys::console::warn_1(&"The checker's worker did not start: checking on the page instead.".into());
    for message in waiting {
        on_page(message);
    }
}

/// Runs one request on the page's own engine, in a task of its own.
fn on_page(message: Object) {
    leptos::prelude::set_timeout(move || deliver(engine::handle(message.into())), Duration::ZERO);
}

/// Sends `message` (its `kind` set here) and calls `reply` with the answer.
pub fn request(kind: &str, message: &Object, reply: impl FnOnce(JsValue) + 'static) {
    let (req, worker) = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        c.next += 1;
        let req = c.next;
        (req, c.worker.clone())
    });
    set(message, "kind", kind);
    set(message, "req", req);
    CLIENT.with(|c| c.borrow_mut().waiting.push((req, message.clone(), Box::new(reply))));
    match worker {
        Some(worker) => {
            if let Err(e) = worker.post_message(message) {
                let failed = message::object();
                set(&failed, "req", req);
                set(&failed, "error", format!("the checker's worker refused the request: {}", crate::dom::describe(e)));
                deliver(failed.into());
            }
        }
        None => on_page(message.clone()),
    }
}

/// Hands a reply to its request's callback.
fn deliver(reply: JsValue) {
    let req = uint(&reply, "req");
    let callback = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        let i = c.waiting.iter().position(|(r, _, _)| *r == req)?;
        Some(c.waiting.remove(i).2)
    });
    if let Some(callback) = callback {
        callback(reply);
    } else if req == 0 && !string(&reply, "fatal").is_empty() {
        // The worker's wasm did not start (it posts `{fatal}`).
        web_sys::console::warn_1(&string(&reply, "fatal").into());
        without_worker();
    }
}

/// The reply's `error`, if it failed.
pub fn error(reply: &JsValue) -> Option<String> {
    let e = string(reply, "error");
    (!e.is_empty()).then_some(e)
}
