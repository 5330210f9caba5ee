//! Markdown port documents → catalog.
//!
//! `build_catalog` is the one entry point: it takes every document's bytes and returns the
//! catalog, each document's markdown body (for rendering) and every diagnostic.

pub mod front_matter;

use crate::diagnostic::Diagnostic;
use crate::model::Catalog;

/// A document handed in by a front end: its path (as it should appear in messages) and bytes.
#[derive(Debug, Clone, Copy)]
pub struct Document<'a> {
    pub path: &'a str,
    pub bytes: &'a [u8],
}

/// A document's markdown body, kept for rendering the platform page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentBody {
    pub platform: String,
    pub path: String,
    /// The markdown after the front matter.
    pub markdown: String,
    /// Number of lines before the body (front matter), so body line N is file line N + this.
    pub line_offset: u32,
}

/// Everything extraction produced.
#[derive(Debug, Clone, Default)]
pub struct CatalogBuild {
    pub catalog: Catalog,
    pub documents: Vec<DocumentBody>,
    pub diagnostics: Vec<Diagnostic>,
}

impl CatalogBuild {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Reads every document into one catalog, platforms in path order.
pub fn build_catalog(documents: &[Document<'_>]) -> CatalogBuild {
    let _ = documents;
    CatalogBuild { catalog: Catalog::new(Vec::new()), ..CatalogBuild::default() }
}
