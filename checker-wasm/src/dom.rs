//! Small browser helpers: time, downloads, the clipboard, the URL fragment, site links.

use wasm_bindgen::{JsCast, JsValue};

use crate::ids;

/// `performance.now()` in milliseconds (0 when unavailable).
pub fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// The relative path from this page to the site root (`<html data-root>`, "" on the checker).
pub fn site_root() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("data-root"))
        .unwrap_or_default()
}

/// Offers `bytes` as a file download (a blob: URL, nothing leaves the page).
pub fn download(name: &str, bytes: &[u8], mime: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(describe)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(describe)?;
    let a: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(describe)?.dyn_into().map_err(|_| "not an anchor")?;
    a.set_href(&url);
    a.set_download(name);
    a.set_hidden(true);
    let body = document.body().ok_or("no body")?;
    body.append_child(&a).map_err(describe)?;
    a.click();
    let _ = body.remove_child(&a);
    // Revoke once the download has started.
    leptos::prelude::set_timeout(
        move || drop(web_sys::Url::revoke_object_url(&url)),
        std::time::Duration::from_secs(30),
    );
    Ok(())
}

/// Copies `text`: the async clipboard API, else a hidden textarea and `execCommand("copy")`.
pub async fn copy(text: String) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let clipboard = window.navigator().clipboard();
    if wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&text)).await.is_ok() {
        return Ok(());
    }
    let document = window.document().ok_or("no document")?;
    let area: web_sys::HtmlTextAreaElement = document
        .create_element("textarea")
        .map_err(describe)?
        .dyn_into()
        .map_err(|_| "no textarea")?;
    area.set_value(&text);
    area.set_attribute("readonly", "").map_err(describe)?;
    area.set_class_name("vh");
    let body = document.body().ok_or("no body")?;
    body.append_child(&area).map_err(describe)?;
    area.select();
    let html: &web_sys::HtmlDocument = document.unchecked_ref();
    let ok = html.exec_command("copy").unwrap_or(false);
    let _ = body.remove_child(&area);
    if ok {
        Ok(())
    } else {
        Err("the browser refused to copy: select the text and copy it yourself".into())
    }
}

/// The fragment without `#` ("" when none).
pub fn fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_owned())
        .unwrap_or_default()
}

/// Replaces the fragment without adding a history entry or scrolling.
pub fn set_fragment(fragment: &str) {
    let Some(window) = web_sys::window() else { return };
    let Ok(history) = window.history() else { return };
    let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("#{fragment}")));
}

/// This page's address with `fragment`.
pub fn link_with(fragment: &str) -> String {
    let href = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    let base = href.split('#').next().unwrap_or_default();
    format!("{base}#{fragment}")
}

pub fn describe(value: JsValue) -> String {
    if let Some(s) = value.as_string() {
        return s;
    }
    if let Some(e) = value.dyn_ref::<js_sys::Error>() {
        return String::from(e.message());
    }
    format!("{value:?}")
}

/// Records when the checker became usable (`window.PORTOLAN_CHECKER_READY`, ms since the
/// navigation started, and `data-interactive` on the root) for the time-to-interactive test.
pub fn mark_ready() {
    let Some(window) = web_sys::window() else { return };
    let now = window.performance().map_or(0.0, |p| p.now());
    let _ = js_sys::Reflect::set(&window, &"PORTOLAN_CHECKER_READY".into(), &now.into());
    if let Some(root) = window.document().and_then(|d| d.get_element_by_id(crate::ROOT_ID)) {
        let _ = root.set_attribute("data-interactive", &(now.round() as u64).to_string());
    }
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// The standard `CompressionStream` (web-sys has it only behind `web_sys_unstable_apis`).
    type CompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<CompressionStream, JsValue>;
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// The standard `DecompressionStream`.
    type DecompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;
}

/// `bytes` raw-inflated by the browser (`DecompressionStream("deflate-raw")`), read chunk by
/// chunk so that output past `limit` bytes stops it (a short link cannot expand without bound).
pub async fn inflate_raw(bytes: &[u8], limit: usize) -> Result<Vec<u8>, String> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).map_err(describe)?;
    let pair: web_sys::ReadableWritablePair =
        DecompressionStream::new("deflate-raw").map_err(describe)?.unchecked_into();
    let reader: web_sys::ReadableStreamDefaultReader =
        blob.stream().pipe_through(&pair).get_reader().unchecked_into();
    let mut out = Vec::new();
    loop {
        let chunk = wasm_bindgen_futures::JsFuture::from(reader.read()).await.map_err(describe)?;
        if crate::message::flag(&chunk, "done") {
            return Ok(out);
        }
        let value: js_sys::Uint8Array = crate::message::get(&chunk, "value").unchecked_into();
        let start = out.len();
        let end = start + value.length() as usize;
        if end > limit {
            let _ = reader.cancel();
            return Err(format!("it expands to more than {} MB", limit >> 20));
        }
        out.resize(end, 0);
        value.copy_to(&mut out[start..]);
    }
}

/// `bytes` raw-deflated by the browser (`CompressionStream("deflate-raw")`): no request, and
/// no deflater in the wasm.
pub async fn deflate_raw(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).map_err(describe)?;
    let pair: web_sys::ReadableWritablePair =
        CompressionStream::new("deflate-raw").map_err(describe)?.unchecked_into();
    let stream = blob.stream().pipe_through(&pair);
    let response =
        web_sys::Response::new_with_opt_readable_stream(Some(&stream)).map_err(describe)?;
    let buffer = wasm_bindgen_futures::JsFuture::from(response.array_buffer().map_err(describe)?)
        .await
        .map_err(describe)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Milliseconds with two decimals, without float formatting (which costs ~10 KB of wasm).
pub fn ms2(ms: f64) -> String {
    let hundredths = (ms.max(0.0) * 100.0).round() as u64;
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

/// The page's element with `id`.
pub fn element(id: &str) -> Option<web_sys::HtmlElement> {
    by_id(id)
}

/// The page's element with `id`, as `T` (`None` when missing or of another kind).
pub fn by_id<T: JsCast>(id: &str) -> Option<T> {
    web_sys::window()?.document()?.get_element_by_id(id)?.dyn_into().ok()
}

/// Calls `handler` on every `event` at `target`, for the life of the page.
pub fn listen(
    target: &web_sys::EventTarget,
    event: &str,
    handler: impl FnMut(web_sys::Event) + 'static,
) {
    let closure = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::Event)>::new(handler);
    let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    closure.forget();
}

/// [`listen`] on the element with `id`, if the page has it.
pub fn on(id: &str, event: &str, handler: impl FnMut(web_sys::Event) + 'static) {
    if let Some(element) = element(id) {
        listen(&element, event, handler);
    }
}

pub fn set_hidden(id: &str, hidden: bool) {
    if let Some(element) = element(id) {
        element.set_hidden(hidden);
    }
}

/// Sets the text of the element with `id` when it differs: the effects redraw on any change of
/// the page, and rewriting the same text would make a live region (the status) say it again.
pub fn set_text(id: &str, text: &str) {
    if let Some(element) = element(id)
        && element.text_content().as_deref() != Some(text)
    {
        element.set_text_content(Some(text));
    }
}

pub fn set_html(id: &str, html: &str) {
    if let Some(element) = element(id) {
        element.set_inner_html(html);
    }
}

pub fn set_attr(id: &str, name: &str, value: &str) {
    if let Some(element) = element(id) {
        let _ = element.set_attribute(name, value);
    }
}

/// `disabled` on the button (or other control) with `id`.
pub fn set_disabled(id: &str, disabled: bool) {
    if let Some(element) = element(id) {
        let _ = element.toggle_attribute_with_force("disabled", disabled);
    }
}

/// The topology editor.
pub fn editor() -> Option<web_sys::HtmlTextAreaElement> {
    by_id(EDITOR_ID)
}

pub const EDITOR_ID: &str = ids::TOPOLOGY;

/// The id of the element an event came from ("" when none).
pub fn event_id(ev: &web_sys::Event) -> String {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .map(|e| e.id())
        .unwrap_or_default()
}

/// The `value` of the `<select>` or `<input>` an event came from ("" for anything else).
pub fn event_value(ev: &web_sys::Event) -> String {
    let Some(target) = ev.target() else { return String::new() };
    if let Some(select) = target.dyn_ref::<web_sys::HtmlSelectElement>() {
        return select.value();
    }
    target
        .dyn_ref::<web_sys::HtmlInputElement>()
        .map(|i| i.value())
        .or_else(|| target.dyn_ref::<web_sys::HtmlTextAreaElement>().map(|t| t.value()))
        .unwrap_or_default()
}
