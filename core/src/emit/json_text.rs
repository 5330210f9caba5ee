//! A small JSON tree written exactly as `serde_json::to_string_pretty` writes a `Value`
//! (keys sorted, two-space indent, the same string escapes), for the CloudFormation template.
//! The page's wasm then carries no `serde_json::Value`, `json!` or pretty printer (~3 KB sent).

use std::collections::BTreeMap;
use std::fmt::Write;

/// A JSON value. Objects keep their keys sorted, as `serde_json::Map` does by default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Json {
    Str(String),
    Num(u64),
    Arr(Vec<Json>),
    Obj(BTreeMap<String, Json>),
}

/// `Json::Str` of anything textual.
pub fn s(text: impl Into<String>) -> Json {
    Json::Str(text.into())
}

/// An object of `(key, value)` pairs (a later duplicate key replaces an earlier one).
pub fn obj<const N: usize>(pairs: [(&str, Json); N]) -> Json {
    obj_of(Vec::from(pairs))
}

/// [`obj`]'s work, once for every `N`: `BTreeMap`'s `collect` sorts its input, and that sort is
/// monomorphised per iterator type (about 3.5 KB of wasm for each array length); inserting one
/// pair at a time gives the same map (a later duplicate key wins) from one copy of the code.
pub fn obj_of(pairs: Vec<(&str, Json)>) -> Json {
    let mut map = BTreeMap::new();
    for (key, value) in pairs {
        map.insert(key.to_owned(), value);
    }
    Json::Obj(map)
}

impl Json {
    /// The pretty-printed text (no trailing newline).
    pub fn pretty(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, 0);
        out
    }

    fn write(&self, out: &mut String, depth: usize) {
        match self {
            Json::Str(text) => write_str(out, text),
            Json::Num(n) => {
                let _ = write!(out, "{n}");
            }
            Json::Arr(items) if items.is_empty() => out.push_str("[]"),
            Json::Obj(map) if map.is_empty() => out.push_str("{}"),
            Json::Arr(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    out.push_str(if i == 0 { "\n" } else { ",\n" });
                    indent(out, depth + 1);
                    item.write(out, depth + 1);
                }
                out.push('\n');
                indent(out, depth);
                out.push(']');
            }
            Json::Obj(map) => {
                out.push('{');
                for (i, (key, value)) in map.iter().enumerate() {
                    out.push_str(if i == 0 { "\n" } else { ",\n" });
                    indent(out, depth + 1);
                    write_str(out, key);
                    out.push_str(": ");
                    value.write(out, depth + 1);
                }
                out.push('\n');
                indent(out, depth);
                out.push('}');
            }
        }
    }
}

fn indent(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str("  ");
    }
}

/// A JSON string literal, escaped as `write_str` does.
pub fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    write_str(&mut out, text);
    out
}

/// A JSON string with serde_json's escapes: `\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, and
/// `\u00xx` (lowercase hex) for the other control characters; everything else as is. Runs
/// between escapes are copied whole (the packed catalog and the search index write millions).
pub fn write_str(out: &mut String, text: &str) {
    out.push('"');
    // Most texts need no escape: asked of every byte at once (a fold without an early exit,
    // which the compiler vectorizes), it costs a fraction of the byte-by-byte loop below
    // (issue 15: the search index alone writes 378,000 texts at 1,000 documents).
    let escapes = text.bytes().fold(false, |any, b| any | (b < 0x20) | (b == b'"') | (b == b'\\'));
    if !escapes {
        out.push_str(text);
        out.push('"');
        return;
    }
    let mut copied = 0;
    for (at, byte) in text.bytes().enumerate() {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0x08 => "\\b",
            0x0c => "\\f",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..0x20 => "",
            _ => continue,
        };
        // `at` is an ASCII byte, so both slices end on character boundaries.
        out.push_str(text.get(copied..at).unwrap_or_default());
        copied = at + 1;
        match escape {
            "" => {
                let _ = write!(out, "\\u{:04x}", byte);
            }
            escape => out.push_str(escape),
        }
    }
    out.push_str(text.get(copied..).unwrap_or_default());
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::{Json, obj, s};

    /// The same tree through serde_json, to compare the text byte for byte.
    fn to_value(json: &Json) -> serde_json::Value {
        match json {
            Json::Str(text) => serde_json::Value::String(text.clone()),
            Json::Num(n) => serde_json::Value::from(*n),
            Json::Arr(items) => serde_json::Value::Array(items.iter().map(to_value).collect()),
            Json::Obj(map) => serde_json::Value::Object(
                map.iter().map(|(k, v)| (k.clone(), to_value(v))).collect(),
            ),
        }
    }

    #[test]
    fn writes_what_serde_json_writes() {
        let hostile: String = (0u8..0x80).map(char::from).chain("é😀\u{2028}".chars()).collect();
        let tree = obj([
            (
                "b",
                Json::Arr(vec![
                    Json::Num(0),
                    Json::Num(65_535),
                    s(hostile.clone()),
                    Json::Arr(Vec::new()),
                    obj([]),
                ]),
            ),
            ("a", obj([("z", s("")), (hostile.as_str(), Json::Arr(vec![obj([("k", s("v"))])]))])),
            ("Key", s("\"quoted\" \\ back")),
        ]);
        assert_eq!(tree.pretty(), serde_json::to_string_pretty(&to_value(&tree)).unwrap());
        assert_eq!(obj([]).pretty(), "{}");
    }

    /// The texts without escapes take the quick path: each byte that needs one, alone and at
    /// either end of a long plain text, still gets it.
    #[test]
    fn plain_texts_and_single_escapes_are_written_as_serde_json_writes_them() {
        let plain = "Ports of Vendor A: 443/tcp, é😀 \u{2028} and ~ \u{7f}".repeat(3);
        let mut texts = vec![String::new(), plain.clone()];
        for byte in (0u8..0x20).chain([b'"', b'\\']) {
            let c = char::from(byte);
            texts.extend([c.to_string(), format!("{c}{plain}"), format!("{plain}{c}")]);
        }
        for text in texts {
            let mut out = String::new();
            super::write_str(&mut out, &text);
            assert_eq!(out, serde_json::to_string(&text).unwrap(), "{text:?}");
        }
    }
}
