//! A JSON Schema (draft-07) validator for the keywords the topology schema uses, for tests:
//! `type`, `enum`, `pattern`, `minLength`, `maxLength`, `properties`, `patternProperties`,
//! `additionalProperties`, `propertyNames`, `required`, `items`, `anyOf`. Annotations
//! (`description`, `examples`, `title`, `$id`, `$schema`) are skipped. A keyword outside both
//! lists is reported by [`unknown_keywords`], so a schema that grows one fails its test
//! instead of being half-checked. Patterns are ECMA 262 in the schema; the ones it uses read
//! the same in the `regex` crate (classes, `\s`, `\uXXXX`, anchors, counted repeats).

use regex::Regex;
use serde_json::Value;

const CHECKED: &[&str] = &[
    "type",
    "enum",
    "pattern",
    "minLength",
    "maxLength",
    "properties",
    "patternProperties",
    "additionalProperties",
    "propertyNames",
    "required",
    "items",
    "anyOf",
];
const ANNOTATIONS: &[&str] = &["description", "examples", "title", "$id", "$schema", "default"];

/// Keywords of `schema` (at any depth) that are neither checked nor annotations.
pub fn unknown_keywords(schema: &Value) -> Vec<String> {
    let mut out = Vec::new();
    walk_keywords(schema, &mut out);
    out.sort();
    out.dedup();
    out
}

fn walk_keywords(schema: &Value, out: &mut Vec<String>) {
    let Value::Object(map) = schema else { return };
    for (key, value) in map {
        if !CHECKED.contains(&key.as_str()) && !ANNOTATIONS.contains(&key.as_str()) {
            out.push(key.clone());
        }
        match key.as_str() {
            "properties" | "patternProperties" => {
                if let Value::Object(children) = value {
                    children.values().for_each(|c| walk_keywords(c, out));
                }
            }
            "anyOf" => {
                if let Value::Array(children) = value {
                    children.iter().for_each(|c| walk_keywords(c, out));
                }
            }
            "items" | "additionalProperties" | "propertyNames" => walk_keywords(value, out),
            _ => {}
        }
    }
}

pub struct Validator<'s> {
    schema: &'s Value,
}

impl<'s> Validator<'s> {
    pub fn new(schema: &'s Value) -> Self {
        Self { schema }
    }

    /// Every violation, each with its JSON pointer.
    pub fn validate(&self, data: &Value) -> Vec<String> {
        let mut errors = Vec::new();
        check(self.schema, data, "", &mut errors);
        errors
    }
}

fn type_name(data: &Value) -> &'static str {
    match data {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn type_matches(wanted: &str, data: &Value) -> bool {
    let actual = type_name(data);
    wanted == actual || (wanted == "number" && actual == "integer")
}

fn pattern_matches(pattern: &str, text: &str) -> bool {
    match Regex::new(pattern) {
        Ok(re) => re.is_match(text),
        Err(error) => panic!("schema pattern `{pattern}` does not compile: {error}"),
    }
}

fn check(schema: &Value, data: &Value, at: &str, errors: &mut Vec<String>) {
    let Value::Object(s) = schema else {
        if schema == &Value::Bool(false) {
            errors.push(format!("{at}: not allowed"));
        }
        return;
    };
    if let Some(wanted) = s.get("type") {
        let ok = match wanted {
            Value::String(t) => type_matches(t, data),
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).any(|t| type_matches(t, data)),
            _ => true,
        };
        if !ok {
            errors.push(format!("{at}: {} is not of type {wanted}", type_name(data)));
            return;
        }
    }
    if let Some(Value::Array(allowed)) = s.get("enum")
        && !allowed.contains(data)
    {
        errors.push(format!("{at}: {data} is not one of {}", Value::Array(allowed.clone())));
    }
    if let Value::String(text) = data {
        let length = text.chars().count() as u64;
        if let Some(min) = s.get("minLength").and_then(Value::as_u64)
            && length < min
        {
            errors.push(format!("{at}: {text:?} is shorter than {min}"));
        }
        if let Some(max) = s.get("maxLength").and_then(Value::as_u64)
            && length > max
        {
            errors.push(format!("{at}: {text:?} is longer than {max}"));
        }
        if let Some(pattern) = s.get("pattern").and_then(Value::as_str)
            && !pattern_matches(pattern, text)
        {
            errors.push(format!("{at}: {text:?} does not match {pattern}"));
        }
    }
    if let Some(Value::Array(options)) = s.get("anyOf") {
        let mut reasons = Vec::new();
        let any = options.iter().any(|option| {
            let mut sub = Vec::new();
            check(option, data, at, &mut sub);
            reasons.extend(sub.iter().cloned());
            sub.is_empty()
        });
        if !any {
            errors.push(format!("{at}: matches none of anyOf ({})", reasons.join("; ")));
        }
    }
    if let Value::Array(items) = data
        && let Some(item_schema) = s.get("items")
    {
        for (i, item) in items.iter().enumerate() {
            check(item_schema, item, &format!("{at}/{i}"), errors);
        }
    }
    if let Value::Object(map) = data {
        if let Some(Value::Array(required)) = s.get("required") {
            for key in required.iter().filter_map(Value::as_str) {
                if !map.contains_key(key) {
                    errors.push(format!("{at}: `{key}` is required"));
                }
            }
        }
        let properties = s.get("properties").and_then(Value::as_object);
        let patterns = s.get("patternProperties").and_then(Value::as_object);
        for (key, value) in map {
            let here = format!("{at}/{key}");
            if let Some(names) = s.get("propertyNames") {
                check(names, &Value::String(key.clone()), &format!("{here} (name)"), errors);
            }
            let mut matched = false;
            if let Some(sub) = properties.and_then(|p| p.get(key)) {
                matched = true;
                check(sub, value, &here, errors);
            }
            for (pattern, sub) in patterns.into_iter().flatten() {
                if pattern_matches(pattern, key) {
                    matched = true;
                    check(sub, value, &here, errors);
                }
            }
            if !matched && let Some(extra) = s.get("additionalProperties") {
                check(extra, value, &here, errors);
            }
        }
    }
}
