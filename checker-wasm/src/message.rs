//! The protocol between the page and the engine (a worker): requests and replies are plain JS
//! objects (what `postMessage` copies cheaply), built and read by these helpers without serde,
//! which keeps the wasm small. The kinds of request, the field names and the values with a
//! meaning of their own (syntax, file kind) are typed here, for both sides.

use js_sys::{Array, Object, Reflect};
use portolan_core::topology::Format;
use wasm_bindgen::JsValue;

/// The field names of requests and replies: the page and the engine spell them from here.
pub mod key {
    pub const CATALOG: &str = "catalog";
    pub const CHECK: &str = "check";
    pub const CHUNKS: &str = "chunks";
    pub const COMPONENT_IDS: &str = "component_ids";
    pub const COMPONENTS: &str = "components";
    /// The worker's wasm trapped while answering.
    pub const CRASHED: &str = "crashed";
    pub const ERROR: &str = "error";
    pub const ERROR_LINES: &str = "error_lines";
    pub const ERRORS: &str = "errors";
    pub const EXPLAIN_HTML: &str = "explain_html";
    /// The worker's wasm did not start (posted by the loader).
    pub const FATAL: &str = "fatal";
    pub const FILE: &str = "file";
    /// Per imported file, in order: the format it was read as.
    pub const FILE_FORMATS: &str = "file_formats";
    /// Per imported file: `[name, error lines, warning lines, …]`.
    pub const FILE_MARKS: &str = "file_marks";
    pub const FILES: &str = "files";
    pub const FINDINGS: &str = "findings";
    pub const FINDINGS_HTML: &str = "findings_html";
    pub const FLOWS: &str = "flows";
    pub const FORMAT: &str = "format";
    pub const FROM: &str = "from";
    pub const HOST: &str = "host";
    pub const HOST_NAMES: &str = "host_names";
    pub const HOSTS: &str = "hosts";
    pub const ID: &str = "id";
    /// The host files of a check: `[name, host, kind, format, text, …]`.
    pub const IMPORTS: &str = "imports";
    /// What a request asks: a [`Request`](super::Request) key.
    pub const KIND: &str = "kind";
    pub const MATRIX_HTML: &str = "matrix_html";
    pub const MS: &str = "ms";
    pub const NAME: &str = "name";
    pub const NOTES: &str = "notes";
    pub const NOTES_HTML: &str = "notes_html";
    /// The emitted target writes one ruleset per host (the host picker applies to it).
    pub const PER_HOST: &str = "per_host";
    pub const PLATFORMS: &str = "platforms";
    pub const PORT: &str = "port";
    pub const PORT_HOSTS: &str = "port_hosts";
    pub const PORTS_HTML: &str = "ports_html";
    pub const READABLE: &str = "readable";
    /// The request number a reply answers (0: not waited for).
    pub const REQ: &str = "req";
    pub const REQUIREMENTS: &str = "requirements";
    pub const ROOT: &str = "root";
    pub const SUMMARY_HTML: &str = "summary_html";
    pub const SYNTAX: &str = "syntax";
    pub const TARGET: &str = "target";
    pub const TEXT: &str = "text";
    pub const TO: &str = "to";
    /// The on-demand module (`checker-audit.js`) could not be loaded: `error` says why.
    pub const UNAVAILABLE: &str = "unavailable";
    pub const VERDICT: &str = "verdict";
    pub const WARNING_LINES: &str = "warning_lines";
    pub const WARNINGS: &str = "warnings";
    pub const WHAT: &str = "what";
    pub const ZONE_NAMES: &str = "zone_names";
}

/// What the page asks the engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Request {
    /// The catalog and the site root, once.
    Init,
    /// Check a topology (with its imported host files).
    Check,
    /// The rules of one target (and host) for the last check.
    Emit,
    /// Every target's rules for the last check.
    All,
    /// The rest of a long list of the last check.
    More,
    /// One connection explained against the last check.
    Explain,
    /// The text of an example the page's module does not carry (`examples::ON_DEMAND`).
    Example,
}

impl Request {
    pub const ALL: [Request; 7] = [
        Request::Init,
        Request::Check,
        Request::Emit,
        Request::All,
        Request::More,
        Request::Explain,
        Request::Example,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Request::Init => "init",
            Request::Check => "check",
            Request::Emit => "emit",
            Request::All => "all",
            Request::More => "more",
            Request::Explain => "explain",
            Request::Example => "example",
        }
    }

    pub fn from_key(key: &str) -> Option<Request> {
        Request::ALL.into_iter().find(|r| r.key() == key)
    }
}

/// The syntax selector: `Auto` guesses from the text, as `portolan check -` does.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Syntax {
    #[default]
    Auto,
    Yaml,
    Json,
    Toml,
}

impl Syntax {
    pub const ALL: [Syntax; 4] = [Syntax::Auto, Syntax::Yaml, Syntax::Json, Syntax::Toml];

    pub fn key(self) -> &'static str {
        match self {
            Syntax::Auto => "auto",
            Syntax::Yaml => "yaml",
            Syntax::Json => "json",
            Syntax::Toml => "toml",
        }
    }

    pub fn from_key(key: &str) -> Syntax {
        Syntax::ALL.into_iter().find(|s| s.key() == key).unwrap_or(Syntax::Auto)
    }

    pub fn format(self, text: &str) -> Format {
        match self {
            Syntax::Auto => Format::sniff(text),
            Syntax::Yaml => Format::Yaml,
            Syntax::Json => Format::Json,
            Syntax::Toml => Format::Toml,
        }
    }
}

/// What a host file beside the topology holds (the tab's "kind" picker).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum FileKind {
    /// A firewall ruleset, audited as the policy for traffic to its host.
    #[default]
    Rules,
    /// Listening sockets (`ss`, `netstat`, `lsof`), compared with the host's roles.
    Listening,
}

impl FileKind {
    pub fn key(self) -> &'static str {
        match self {
            FileKind::Rules => "rules",
            FileKind::Listening => "listening",
        }
    }

    pub fn from_key(key: &str) -> FileKind {
        if key == FileKind::Listening.key() { FileKind::Listening } else { FileKind::Rules }
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_request_reads_back_from_its_key() {
        for r in Request::ALL {
            assert_eq!(Request::from_key(r.key()), Some(r));
        }
        assert_eq!(Request::from_key("frobnicate"), None);
        for s in Syntax::ALL {
            assert_eq!(Syntax::from_key(s.key()), s);
        }
        for k in [FileKind::Rules, FileKind::Listening] {
            assert_eq!(FileKind::from_key(k.key()), k);
        }
    }
}
