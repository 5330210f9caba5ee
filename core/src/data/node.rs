//! A data tree that remembers where every value was written, so that errors found after
//! parsing (an unknown role, a bad CIDR) can still point at a line and column.

use serde_json::{Map, Number, Value};

/// Where a value starts. Lines and columns count from 1; the column counts characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: NodeValue,
    pub position: Position,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NodeValue {
    Null,
    Bool(bool),
    Integer(i64),
    /// A number with a fraction or an exponent (or too large for `i64`), as written (TOML's
    /// `_` separators dropped). Nothing in the engine needs its value, and parsing it would bring
    /// Rust's float parser and its tables (about 14 KB sent) into the checker's page;
    /// [`Node::to_json`] parses it.
    Float(String),
    String(String),
    Sequence(Vec<Node>),
    /// Entries in document order; keys are unique (parsers reject duplicates).
    Mapping(Vec<(Key, Node)>),
}

/// A mapping key with its own position (for "unknown key" and "duplicate key" errors).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    pub name: String,
    pub position: Position,
}

/// A data-format error at a position.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{position_line}:{position_column}: {message}", position_line = position.line, position_column = position.column)]
pub struct DataError {
    pub position: Position,
    pub message: String,
}

impl DataError {
    pub fn new(position: Position, message: impl Into<String>) -> Self {
        Self { position, message: message.into() }
    }
}

/// Limits that keep hostile input bounded.
pub const MAX_DEPTH: usize = 64;
pub const MAX_NODES: usize = 1_000_000;

/// What every reader says when a document passes [`MAX_DEPTH`].
pub fn too_deep_message() -> String {
    format!("values are nested more than {MAX_DEPTH} levels deep")
}

/// What every reader says when a document passes [`MAX_NODES`].
pub fn too_many_values_message() -> String {
    format!("the document has more than {MAX_NODES} values")
}

impl Node {
    pub fn new(value: NodeValue, position: Position) -> Self {
        Self { value, position }
    }

    /// A short name of the value's kind for "expected X, found Y" messages.
    pub fn kind(&self) -> &'static str {
        match self.value {
            NodeValue::Null => "null",
            NodeValue::Bool(_) => "a boolean",
            NodeValue::Integer(_) => "an integer",
            NodeValue::Float(_) => "a number",
            NodeValue::String(_) => "a string",
            NodeValue::Sequence(_) => "a list",
            NodeValue::Mapping(_) => "a mapping",
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            NodeValue::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_mapping(&self) -> Option<&[(Key, Node)]> {
        match &self.value {
            NodeValue::Mapping(entries) => Some(entries),
            _ => None,
        }
    }

    pub fn as_sequence(&self) -> Option<&[Node]> {
        match &self.value {
            NodeValue::Sequence(items) => Some(items),
            _ => None,
        }
    }

    /// The value under `key` when this is a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_mapping()?.iter().find(|(k, _)| k.name == key).map(|(_, v)| v)
    }

    /// Plain JSON, dropping positions (for serde deserialisation of simple shapes).
    pub fn to_json(&self) -> Value {
        match &self.value {
            NodeValue::Null => Value::Null,
            NodeValue::Bool(b) => Value::Bool(*b),
            NodeValue::Integer(i) => Value::Number(Number::from(*i)),
            NodeValue::Float(text) => text
                .parse::<f64>()
                .ok()
                .and_then(Number::from_f64)
                .map_or(Value::Null, Value::Number),
            NodeValue::String(s) => Value::String(s.clone()),
            NodeValue::Sequence(items) => Value::Array(items.iter().map(Node::to_json).collect()),
            NodeValue::Mapping(entries) => Value::Object(
                entries.iter().map(|(k, v)| (k.name.clone(), v.to_json())).collect::<Map<_, _>>(),
            ),
        }
    }
}
