//! `data::toml` in a build without the `toml` feature (the checker page's base module, which
//! hands TOML topologies to its on-demand module): every TOML text is an error saying so.

use super::{DataError, Node, Position};

/// What a build without the TOML reader says to a TOML text.
pub const NO_TOML_READER: &str =
    "this build of the engine has no TOML reader (portolan-core without its `toml` feature)";

/// Always the error [`NO_TOML_READER`], at 1:1.
pub fn parse(_text: &str) -> Result<Node, DataError> {
    Err(DataError::new(Position { line: 1, column: 1 }, NO_TOML_READER))
}
