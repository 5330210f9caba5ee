//! Structured data formats (YAML, JSON, TOML) parsed into one positioned tree.

mod node;
pub mod toml;
pub mod yaml;

pub use node::{DataError, Key, MAX_DEPTH, MAX_NODES, Node, NodeValue, Position};
