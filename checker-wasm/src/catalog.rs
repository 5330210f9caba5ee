//! Reads the catalog the page provides in `window.PORTOLAN_CATALOG`.

use portolan_core::model::Catalog;
use wasm_bindgen::JsValue;

/// The global `assets/catalog.js` sets.
pub const GLOBAL: &str = "PORTOLAN_CATALOG";

/// The catalog object as the page has it (the engine reads it), or a sentence saying why
/// there is none.
pub fn from_window() -> Result<JsValue, String> {
    let window = web_sys::window().ok_or("no window object (not running in a browser page)")?;
    let value = js_sys::Reflect::get(&window, &JsValue::from_str(GLOBAL))
        .map_err(|e| format!("cannot read window.{GLOBAL}: {}", describe(&e)))?;
    if value.is_undefined() || value.is_null() {
        return Err(missing());
    }
    Ok(value)
}

fn missing() -> String {
    format!("window.{GLOBAL} is not set: assets/catalog.js did not load before assets/checker.js")
}

/// Accepts the catalog as a JS object or as a JSON string.
pub fn from_value(value: JsValue) -> Result<Catalog, String> {
    if value.is_undefined() || value.is_null() {
        return Err(missing());
    }
    let object = match value.as_string() {
        Some(text) => js_sys::JSON::parse(&text)
            .map_err(|e| format!("window.{GLOBAL} is not JSON: {}", describe(&e)))?,
        None => value,
    };
    crate::catalog_object::read(&object)
        .map_err(|e| format!("catalog does not match this checker's model: {e}"))
}

fn describe(value: &JsValue) -> String {
    value.as_string().unwrap_or_else(|| format!("{value:?}"))
}
