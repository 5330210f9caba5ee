//! Extraction with a cache: each document's extraction (its platform, body, coverage and
//! diagnostics) is kept beside the output (`.portolan-cache/<out>/extract/`), one file per
//! document, named by a digest of its path, its bytes and the extractor (site-gen's version and
//! binary, see `cache::Inputs`). A rebuild after one document changed extracts that document
//! only; the cross-document steps (`assemble`: duplicate ids, the catalog) run over all of them
//! as in a clean build, so the result is the same. The unplaced peers `assemble` reports are a
//! function of one platform (a tenth of an edit rebuild when read for every platform): they are
//! read with the extraction and kept in its entry, under the same key (`assemble_read` reads
//! them again for a platform it renames, the rest of that key).
//!
//! The cache is an optimisation: a file that cannot be read or written is extracted again.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use portolan_core::extract::{
    CatalogBuild, Document, ExtractedDocument, assemble_read, extract_one,
};
use portolan_core::model::UnplacedRow;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::cache::{Digest, Inputs};
use crate::content::SourceFile;
use crate::packed_rows::PackedRows;

/// The key of one document's extraction: 96 bits of digest over the extractor (`Inputs`'
/// start: site-gen's version and binary) and the document (its path and text, the text
/// digested once).
fn digest_of(extractor: &Inputs, file: &SourceFile) -> Digest {
    let mut inputs = extractor.clone();
    inputs.add("path", file.name.as_bytes());
    let text = Digest::of(file.text.as_bytes());
    inputs.add_digest("text", &text);
    Digest { len: text.len, crc: text.crc, fx: inputs.finish() }
}

/// The cache file name of a document's extraction key.
fn file_of(key: &Digest) -> String {
    format!("{:016x}{:08x}.mp", key.fx, key.crc)
}

#[cfg(test)]
fn key_of(extractor: &Inputs, file: &SourceFile) -> String {
    file_of(&digest_of(extractor, file))
}

/// Each document's extraction key (`digest_of`), by its path: the extraction of a document is
/// a function of it, so an edit rebuild keys what it derives from one platform by it
/// (`platform_keys`) instead of walking the platform.
pub type DocumentKeys = FxHashMap<String, Digest>;

/// One document's cache entry: its extraction and the unplaced peers of its platform as
/// extracted (`ExtractedDocument::unplaced_rows`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    pub document: ExtractedDocument,
    pub unplaced: Vec<UnplacedRow>,
}

impl Extraction {
    fn of(document: ExtractedDocument) -> Self {
        Extraction { unplaced: document.unplaced_rows(), document }
    }
}

/// A cache entry as written: the extraction with its platform's rows taken out, and the rows
/// packed (`packed_rows`: read as MessagePack maps, they were most of an edit rebuild's
/// reading of 999 unchanged documents).
#[derive(Serialize)]
struct Written<'a> {
    document: &'a ExtractedDocument,
    rows: &'a PackedRows,
    unplaced: &'a [UnplacedRow],
}

/// `Written`, as read back.
#[derive(Deserialize)]
struct Stored {
    document: ExtractedDocument,
    rows: PackedRows,
    unplaced: Vec<UnplacedRow>,
}

fn cached(path: &Path) -> Option<Extraction> {
    let Stored { mut document, rows, unplaced } = crate::cache::entry_of(&fs::read(path).ok()?)?;
    let rows = crate::packed_rows::unpack(&rows)?;
    match document.platform_mut() {
        Some(platform) => platform.requirements = rows,
        None if rows.is_empty() => {}
        None => return None,
    }
    Some(Extraction { document, unplaced })
}

/// The bytes of `extraction`'s cache entry (`Written`); `None` when it cannot be written.
fn entry_bytes(extraction: &mut Extraction) -> Option<Vec<u8>> {
    let rows = extraction
        .document
        .platform_mut()
        .map(|platform| std::mem::take(&mut platform.requirements))
        .unwrap_or_default();
    let bytes = crate::packed_rows::pack(&rows).and_then(|packed| {
        let document = &extraction.document;
        let unplaced = &extraction.unplaced;
        crate::cache::entry_bytes(&Written { document, rows: &packed, unplaced })
    });
    // The rows go back whatever was written.
    if let Some(platform) = extraction.document.platform_mut() {
        platform.requirements = rows;
    }
    bytes
}

/// What `content::extract` returns, reusing the cached extraction of unchanged documents and
/// keeping the new ones (and only the documents of this build) in `dir`.
pub fn extract(files: &[SourceFile], dir: &Path) -> CatalogBuild {
    extract_keeping(files, dir, None).0
}

/// `extract`; with `memory` (the extractions of the same process's last build, by key), an
/// unchanged document's extraction is copied from there instead of read from `dir`, and
/// `memory` is left holding this build's. With the build, each document's key.
pub fn extract_keeping(
    files: &[SourceFile],
    dir: &Path,
    memory: Option<&mut HashMap<String, Extraction>>,
) -> (CatalogBuild, DocumentKeys) {
    let extractor = Inputs::default();
    let mut files: Vec<&SourceFile> = files.iter().collect();
    files.sort_by(|a, b| a.name.cmp(&b.name));
    let _ = fs::create_dir_all(dir);
    let remembered = memory.as_deref();
    let results: Vec<(String, Digest, Extraction, bool)> = files
        .par_iter()
        .map(|file| {
            let digest = digest_of(&extractor, file);
            let key = file_of(&digest);
            if let Some(document) = remembered.and_then(|m| m.get(&key)) {
                return (key, digest, document.clone(), false);
            }
            let path = dir.join(&key);
            let document = cached(&path).unwrap_or_else(|| {
                let mut document = Extraction::of(extract_one(Document {
                    path: &file.name,
                    bytes: file.text.as_bytes(),
                }));
                if let Some(bytes) = entry_bytes(&mut document) {
                    crate::cache::write_entry(dir, &key, &bytes);
                }
                document
            });
            (key, digest, document, true)
        })
        .collect();
    // Documents edited or removed since: their old entries go, so the folder does not grow.
    let keys: std::collections::HashSet<&str> =
        results.iter().map(|(k, _, _, _)| k.as_str()).collect();
    if let Ok(entries) = fs::read_dir(dir) {
        for entry in entries.flatten() {
            let name = entry.file_name();
            if !keys.contains(name.to_string_lossy().as_ref()) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
    if let Some(memory) = memory {
        memory.retain(|key, _| keys.contains(key.as_str()));
        for (key, _, document, _) in results.iter().filter(|(_, _, _, new)| *new) {
            memory.insert(key.clone(), document.clone());
        }
    }
    let digests: DocumentKeys =
        files.iter().zip(&results).map(|(f, r)| (f.name.clone(), r.1)).collect();
    let documents =
        results.into_iter().map(|(_, _, kept, _)| (kept.document, Some(kept.unplaced))).collect();
    (assemble_read(documents), digests)
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
            let fresh = Extraction::of(extract_one(document));
            assert_eq!(cached(&path), Some(fresh), "{}", file.name);
        }
        // One document fewer: its entry goes.
        extract(&files[1..], &dir);
        assert_eq!(fs::read_dir(&dir).expect("cache").count(), files.len() - 1);
        let _ = fs::remove_dir_all(dir);
    }

    /// A stale extraction after an edit is the bug: the memory of the last build must give
    /// way to the edited text, and hold this build's documents only.
    #[test]
    fn an_edited_document_is_extracted_again_though_its_last_extraction_is_in_memory() {
        let dir =
            std::env::temp_dir().join(format!("portolan-extract-memory-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let mut files = shipped();
        let mut memory = HashMap::new();
        let (first, _) = extract_keeping(&files, &dir, Some(&mut memory));
        assert_eq!(memory.len(), files.len());
        // One port cell of the first document's tables moved by one.
        let file = &mut files[0];
        let cell = file.text.lines().find_map(|line| {
            line.trim_start().starts_with('|').then_some(())?;
            line.split('|').map(str::trim).find(|c| c.parse::<u16>().is_ok_and(|p| p > 1))
        });
        let cell = cell.expect("a port cell").to_owned();
        let moved = (cell.parse::<u16>().expect("port") - 1).to_string();
        file.text = file.text.replacen(&format!(" {cell} "), &format!(" {moved} "), 1);
        let (again, _) = extract_keeping(&files, &dir, Some(&mut memory));
        let clean = crate::content::extract(&files);
        assert_ne!(first.catalog, clean.catalog, "the edit changes the catalog");
        assert_eq!(again.catalog, clean.catalog);
        assert_eq!(again.documents, clean.documents);
        assert_eq!(again.diagnostics, clean.diagnostics);
        // The edited document's old extraction went; the memory holds this build's.
        assert_eq!(memory.len(), files.len());
        let _ = fs::remove_dir_all(dir);
    }

    fn doc(id: &str, peer: &str) -> String {
        format!(
            "---\nplatform: {id}\ntitle: {id}\n---\n\n# Ports\n\n## Server\n\n\
             | Port | Protocol | Direction | Peer | Purpose |\n|---|---|---|---|---|\n\
             | 443 | TCP | Inbound | {peer} | Web |\n"
        )
    }

    fn file(name: &str, text: &str) -> SourceFile {
        SourceFile { name: name.to_owned(), disk: name.into(), text: text.to_owned() }
    }

    /// A stale reading of the peers after an edit is the bug: the unplaced peers kept with an
    /// extraction (on disk and in memory) give way to the edited document's, so the warnings
    /// and the coverage report are a clean build's.
    #[test]
    fn a_kept_unplaced_peer_gives_way_to_the_edited_peer() {
        let dir =
            std::env::temp_dir().join(format!("portolan-extract-peers-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let mut files =
            vec![file("a.md", &doc("a", "Gizmo rack")), file("b.md", &doc("b", "Self"))];
        let mut memory = HashMap::new();
        let warned = |build: &CatalogBuild, word: &str| {
            build.diagnostics.iter().any(|d| {
                let text = d.to_string();
                text.contains("peer-unresolved") && text.contains(word)
            })
        };
        let (first, _) = extract_keeping(&files, &dir, Some(&mut memory));
        assert!(warned(&first, "Gizmo rack"), "{:?}", first.diagnostics);
        files[0].text = doc("a", "Widget rack");
        for memory in [Some(&mut memory), None] {
            let (again, _) = extract_keeping(&files, &dir, memory);
            let clean = crate::content::extract(&files);
            assert!(warned(&again, "Widget rack") && !warned(&again, "Gizmo"));
            assert_eq!(again.diagnostics, clean.diagnostics);
            assert_eq!(again.documents, clean.documents);
        }
        let _ = fs::remove_dir_all(dir);
    }

    /// The unplaced peers given to `assemble_read` are the platform's as extracted: a platform
    /// it renames (a duplicate stem) has them read again, so a kept reading cannot outlive the
    /// id it was read under.
    #[test]
    fn a_renamed_platform_has_its_peers_read_again() {
        let files = [
            file("a/ports.md", &doc("ports", "Gizmo rack")),
            file("b/ports.md", &doc("ports", "Widget rack")),
        ];
        let extracted: Vec<ExtractedDocument> = files
            .iter()
            .map(|f| extract_one(Document { path: &f.name, bytes: f.text.as_bytes() }))
            .collect();
        assert!(extracted.iter().all(|d| !d.unplaced_rows().is_empty()));
        let clean = portolan_core::extract::assemble(extracted.clone());
        assert_eq!(clean.catalog.platforms[1].id, "b-ports", "b/ports.md is renamed");
        // Given no unplaced peers (a stale reading) for both: the renamed one is read again.
        let given = extracted.into_iter().map(|d| (d, Some(Vec::new()))).collect();
        let read = assemble_read(given);
        assert!(read.documents[0].coverage.unresolved_peers.is_empty(), "the given rows are used");
        assert_eq!(read.documents[1], clean.documents[1]);
        let renamed = |b: &CatalogBuild| {
            b.diagnostics.iter().filter(|d| d.to_string().contains("Widget")).count()
        };
        assert_eq!((renamed(&read), renamed(&clean)), (1, 1));
    }
}
