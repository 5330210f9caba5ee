//! Helpers shared by the integration tests that work on the shipped content and examples.

use std::fs;
use std::path::{Path, PathBuf};

use portolan_core::extract::{Document, build_catalog};
use portolan_core::model::Catalog;

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The catalog built from `content/*.md`, as the site and the CLI build it.
pub fn content_catalog() -> Catalog {
    let dir = root().join("content");
    let mut files: Vec<(String, Vec<u8>)> = fs::read_dir(&dir)
        .expect("content/")
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| {
            (
                format!("content/{}", e.file_name().to_string_lossy()),
                fs::read(e.path()).expect("read content"),
            )
        })
        .collect();
    files.sort();
    let documents: Vec<Document<'_>> =
        files.iter().map(|(path, bytes)| Document { path, bytes }).collect();
    build_catalog(&documents).catalog
}
