//! Portolan's domain library: the catalog model, markdown extraction, topology parsing, checks,
//! the flow plan and the rule emitters. It does no I/O (callers hand it text and get values
//! back), so the site generator, the CLI and the browser checker run the very same code.

pub mod audit;
pub mod check;
pub mod data;
pub mod diagnostic;
pub mod emit;
pub mod extract;
pub mod model;
pub mod order;
pub mod plan;
pub mod site_path;
#[cfg(test)]
mod source_scan;
pub mod text;
pub mod topology;

pub use diagnostic::{Diagnostic, Severity, SourceLocation};
