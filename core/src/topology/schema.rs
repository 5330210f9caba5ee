//! The JSON Schema of the topology format (placeholder, filled in below).

/// The JSON Schema (draft-07) of the topology format.
pub fn schema() -> serde_json::Value {
    serde_json::json!({})
}
