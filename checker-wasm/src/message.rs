//! Requests to the engine and its replies are plain JS objects (what `postMessage` copies
//! cheaply); these helpers build and read them without serde, which keeps the wasm small.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::JsValue;

pub fn object() -> Object {
    Object::new()
}

pub fn set(target: &Object, key: &str, value: impl Into<JsValue>) {
    let _ = Reflect::set(target, &JsValue::from_str(key), &value.into());
}

pub fn get(source: &JsValue, key: &str) -> JsValue {
    Reflect::get(source, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// A string field ("" when missing or not a string).
pub fn string(source: &JsValue, key: &str) -> String {
    get(source, key).as_string().unwrap_or_default()
}

/// A number field as u32 (0 when missing).
pub fn uint(source: &JsValue, key: &str) -> u32 {
    get(source, key).as_f64().map_or(0, |n| n.clamp(0.0, f64::from(u32::MAX)) as u32)
}

pub fn number(source: &JsValue, key: &str) -> f64 {
    get(source, key).as_f64().unwrap_or(0.0)
}

/// A field as a size (counts in replies).
pub fn count(source: &JsValue, key: &str) -> usize {
    uint(source, key) as usize
}

pub fn flag(source: &JsValue, key: &str) -> bool {
    get(source, key).is_truthy()
}

pub fn to_array<S: AsRef<str>>(items: &[S]) -> Array {
    items.iter().map(|s| JsValue::from_str(s.as_ref())).collect()
}

/// The strings of an array field (non-strings are skipped).
pub fn strings(source: &JsValue, key: &str) -> Vec<String> {
    let value = get(source, key);
    if !Array::is_array(&value) {
        return Vec::new();
    }
    Array::from(&value).iter().filter_map(|v| v.as_string()).collect()
}

/// Line numbers written as `"3,12,40"` (one string: cheaper to send than an array).
pub fn lines(source: &JsValue, key: &str) -> Vec<u32> {
    string(source, key).split(',').filter_map(|n| n.parse().ok()).collect()
}
