//! Extraction with a cache: each document's extraction (its platform, body, coverage and
//! diagnostics) is kept beside the output (`.portolan-cache/<out>/extract/`), one file per
//! document, named by a digest of its path, its bytes and the extractor (site-gen's version and
//! binary, see `cache::Inputs`). A rebuild after one document changed extracts that document
//! only; the cross-document steps (`assemble`: duplicate ids, unplaced peers, the catalog) run
//! over all of them as in a clean build, so the result is the same.
//!
//! The cache is an optimisation: a file that cannot be read or written is extracted again.

use std::fs;
use std::path::Path;

use portolan_core::extract::{CatalogBuild, Document, ExtractedDocument, assemble, extract_one};
use rayon::prelude::*;

use crate::cache::{Digest, Inputs};
use crate::content::SourceFile;

/// The cache file name of one document: 96 bits of digest over the extractor (`Inputs`'
/// start: site-gen's version and binary) and the document.
fn key_of(extractor: &Inputs, file: &SourceFile) -> String {
    let mut inputs = extractor.clone();
    inputs.add("path", file.name.as_bytes());
    inputs.add("text", file.text.as_bytes());
    let text = Digest::of(file.text.as_bytes());
    format!("{:016x}{:08x}.mp", inputs.finish(), text.crc)
}

fn cached(path: &Path) -> Option<ExtractedDocument> {
    crate::cache::entry_of(&fs::read(path).ok()?)
}

/// What `content::extract` returns, reusing the cached extraction of unchanged documents and
/// keeping the new ones (and only the documents of this build) in `dir`.
pub fn extract(files: &[SourceFile], dir: &Path) -> CatalogBuild {
    let extractor = Inputs::default();
    let mut files: Vec<&SourceFile> = files.iter().collect();
    files.sort_by(|a, b| a.name.cmp(&b.name));
    let _ = fs::create_dir_all(dir);
    let results: Vec<(String, ExtractedDocument)> = files
        .par_iter()
        .map(|file| {
            let key = key_of(&extractor, file);
            let path = dir.join(&key);
            let document = cached(&path).unwrap_or_else(|| {
                let document =
                    extract_one(Document { path: &file.name, bytes: file.text.as_bytes() });
                if let Some(bytes) = crate::cache::entry_bytes(&document) {
                    crate::cache::write_entry(dir, &key, &bytes);
                }
                document
            });
            (key, document)
        })
        .collect();
    // Documents edited or removed since: their old entries go, so the folder does not grow.
    let keys: std::collections::HashSet<&str> = results.iter().map(|(k, _)| k.as_str()).collect();
    if let Ok(entries) = fs::read_dir(dir) {
        for entry in entries.flatten() {
            let name = entry.file_name();
            if !keys.contains(name.to_string_lossy().as_ref()) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
    assemble(results.into_iter().map(|(_, document)| document).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> Vec<SourceFile> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
        crate::content::read_content_dir(&dir).expect("content")
    }

    #[test]
    fn a_cached_extraction_reads_back_as_the_extraction() {
        let dir =
            std::env::temp_dir().join(format!("portolan-extract-cache-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let files = shipped();
        let fresh = extract(&files, &dir);
        let written = fs::read_dir(&dir).expect("cache").count();
        assert_eq!(written, files.len());
        let again = extract(&files, &dir);
        let clean = crate::content::extract(&files);
        for build in [&fresh, &again] {
            assert_eq!(build.catalog, clean.catalog);
            assert_eq!(build.documents, clean.documents);
            assert_eq!(build.diagnostics, clean.diagnostics);
        }
        // Each cached document reads back equal to a fresh extraction of it.
        for file in &files {
            let path = dir.join(key_of(&Inputs::default(), file));
            let document = Document { path: &file.name, bytes: file.text.as_bytes() };
            assert_eq!(cached(&path), Some(extract_one(document)), "{}", file.name);
        }
        // One document fewer: its entry goes.
        extract(&files[1..], &dir);
        assert_eq!(fs::read_dir(&dir).expect("cache").count(), files.len() - 1);
        let _ = fs::remove_dir_all(dir);
    }
}
