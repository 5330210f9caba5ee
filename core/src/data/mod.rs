//! Structured data formats (YAML, JSON, TOML) parsed into one positioned tree.

#[cfg(test)]
pub(crate) mod damage;
pub mod json_syntax;
mod node;
#[cfg(feature = "toml")]
pub mod toml;
#[cfg(not(feature = "toml"))]
#[path = "toml_absent.rs"]
pub mod toml;
pub mod yaml;

pub use node::{DataError, Key, MAX_DEPTH, MAX_NODES, Node, NodeValue, Position};

/// The byte offset in `text` of a line and column (the end of the text if it has no such place).
pub(crate) fn offset_of(text: &str, position: Position) -> usize {
    let mut offset = 0;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        if index + 1 == position.line as usize {
            let column = position.column.saturating_sub(1) as usize;
            return offset + line.char_indices().nth(column).map_or(line.len(), |(i, _)| i);
        }
        offset += line.len();
    }
    text.len()
}
