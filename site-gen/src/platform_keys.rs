//! Each platform's cache keys for an edit rebuild, from what the platform is made of rather
//! than by walking it. A platform is its document's extraction (a function of the document's
//! path, its text and the extractor: `extract_cache`'s key) under the id `assemble` gave it (a
//! platform renamed for a duplicate id has every id under it moved, and nothing else changed),
//! and its document body the same plus the unplaced peers `assemble` reads from the platform.
//! Its rows as the site shows them (`site::ReqView`) are a function of the platform, of
//! site-gen's built-in vocabulary and registry (the extractor key holds site-gen's binary) and
//! of the names of the components they name, which are the platform's own (component ids start
//! with their platform's id); a name found in another platform is keyed with the row.
//!
//! Fingerprinting the 1,000 platforms, their bodies and their 60,000 row views through serde
//! cost an edit rebuild about a tenth of its instructions (bench/HISTORY.md "Edit rebuild,
//! session 11"); these keys cost a digest per platform. Without every document's key (a
//! build that did not go through the extraction cache) the platforms are fingerprinted as
//! before.

use portolan_core::model::{Catalog, Platform};
use rayon::prelude::*;

use crate::cache::{Digest, Inputs};
use crate::extract_cache::DocumentKeys;
use crate::site::SiteData;

/// The keys of each platform, in catalog order.
#[derive(Debug, Default)]
pub struct PlatformKeys {
    /// The platform (`kept_texts::platform_key`'s role: the catalog script's packed text).
    pub platforms: Vec<Digest>,
    /// Its rows as the site shows them (`search::rows_key`'s role: search rows, flow diagram).
    pub rows: Vec<Digest>,
    /// The platform keys stand for the document bodies too (derived from the documents'
    /// keys): the markdown cache then need not walk the bodies.
    pub with_body: bool,
}

impl PlatformKeys {
    /// The keys of `catalog`'s platforms, each document's extraction key (by path) given in
    /// `documents`; none when a platform's document has none (`fingerprinted` then).
    pub fn of(catalog: &Catalog, documents: &DocumentKeys) -> Option<Self> {
        let keys: Vec<(Digest, Digest)> = catalog
            .platforms
            .par_iter()
            .map(|platform| {
                let document = documents.get(&platform.file)?;
                let key = platform_key(document, platform);
                Some((key, rows_key(&key, platform, catalog)))
            })
            .collect::<Option<_>>()?;
        let (platforms, rows) = keys.into_iter().unzip();
        Some(PlatformKeys { platforms, rows, with_body: true })
    }

    /// The keys of `catalog`'s platforms by their fingerprints (`kept_texts::platform_key`,
    /// `search::rows_key`), with no document keys to derive them from.
    pub fn fingerprinted(catalog: &Catalog, site: &SiteData) -> Self {
        let keys: Vec<(Digest, Digest)> = catalog
            .platforms
            .par_iter()
            .map(|p| (crate::kept_texts::platform_key(p), crate::search::rows_key(site, &p.id)))
            .collect();
        let (platforms, rows) = keys.into_iter().unzip();
        PlatformKeys { platforms, rows, with_body: false }
    }
}

/// A platform's key: its document's extraction key and the id it was given.
fn platform_key(document: &Digest, platform: &Platform) -> Digest {
    let mut inputs = Inputs::default();
    inputs.add_digest("document", document);
    inputs.add("id", platform.id.as_bytes());
    Digest { len: document.len, crc: document.crc, fx: inputs.finish() }
}

/// The key of a platform's rows: the platform's, and the names of the components its rows
/// name that are not its own (every component of the catalog with that id, as the site data
/// may take any of them: none in a catalog `assemble` made, so the scan is rare).
fn rows_key(platform_key: &Digest, platform: &Platform, catalog: &Catalog) -> Digest {
    let mut inputs = Inputs::default();
    inputs.add_digest("rows of", platform_key);
    for row in &platform.requirements {
        if !platform.components.iter().any(|c| c.id == row.component) {
            inputs.add("component", row.component.as_bytes());
            for other in catalog.components().filter(|c| c.id == row.component) {
                inputs.add("name", other.name.as_bytes());
            }
        }
    }
    Digest { len: platform_key.len, crc: platform_key.crc, fx: inputs.finish() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::SourceFile;

    fn keys_of(files: &[SourceFile], dir: &std::path::Path) -> (Catalog, PlatformKeys) {
        let (build, documents) = crate::extract_cache::extract_keeping(files, dir, None);
        let keys = PlatformKeys::of(&build.catalog, &documents).expect("every document keyed");
        (build.catalog, keys)
    }

    fn file(name: &str, text: &str) -> SourceFile {
        SourceFile { name: name.to_owned(), disk: name.into(), text: text.to_owned() }
    }

    fn doc(id: &str, port: u16) -> String {
        format!(
            "---\nplatform: {id}\ntitle: {id}\n---\n\n# Ports\n\n## Server\n\n\
             | Port | Protocol | Direction | Purpose |\n|---|---|---|---|\n\
             | {port} | TCP | Inbound | Web |\n"
        )
    }

    /// A stale page or export after an edit is the bug: the keys of an edited platform, and of
    /// a platform whose id `assemble` changed (a duplicate stem no longer duplicated), change;
    /// those of an untouched one do not. Equal keys stand for equal platforms and rows.
    #[test]
    fn a_platform_key_changes_with_its_document_and_its_given_id() {
        let dir =
            std::env::temp_dir().join(format!("portolan-platform-keys-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let first = vec![
            file("a/ports.md", &doc("ports", 443)),
            file("b/ports.md", &doc("ports", 8080)),
            file("c.md", &doc("c", 22)),
        ];
        let (catalog, keys) = keys_of(&first, &dir);
        let ids: Vec<&str> = catalog.platforms.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["ports", "b-ports", "c"], "b/ports.md is renamed");
        // Edited: `c` moves a port; `a/ports.md` goes, so `b/ports.md` keeps its own id.
        let edited = vec![file("b/ports.md", &doc("ports", 8080)), file("c.md", &doc("c", 23))];
        let (catalog2, keys2) = keys_of(&edited, &dir);
        let ids2: Vec<&str> = catalog2.platforms.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids2, ["ports", "c"]);
        assert_ne!(keys.platforms[1], keys2.platforms[0], "renamed back: another platform");
        assert_ne!(keys.rows[1], keys2.rows[0]);
        assert_ne!(keys.platforms[2], keys2.platforms[1], "edited");
        assert_ne!(keys.rows[2], keys2.rows[1]);
        // Untouched: the same keys for the same platform.
        let again = vec![file("b/ports.md", &doc("ports", 8080)), file("c.md", &doc("c", 22))];
        let (catalog3, keys3) = keys_of(&again, &dir);
        assert_eq!(keys3.platforms[0], keys2.platforms[0]);
        assert_eq!(catalog3.platforms[0], catalog2.platforms[0]);
        assert_eq!(keys3.platforms[1], keys.platforms[2]);
        assert_eq!(keys3.rows[1], keys.rows[2]);
        assert_eq!(catalog3.platforms[1], catalog.platforms[2]);
        assert!(keys3.with_body);
        let _ = std::fs::remove_dir_all(dir);
    }

    /// A row naming a component of another platform is keyed with that name: the rows key
    /// changes when only the other platform's component is renamed.
    #[test]
    fn a_row_naming_another_platforms_component_is_keyed_by_its_name() {
        let dir =
            std::env::temp_dir().join(format!("portolan-platform-rows-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let files = vec![file("a.md", &doc("a", 443)), file("b.md", &doc("b", 80))];
        let (build, documents) = crate::extract_cache::extract_keeping(&files, &dir, None);
        let mut catalog = build.catalog;
        let foreign = catalog.platforms[1].components[0].id.clone();
        catalog.platforms[0].requirements[0].component = foreign;
        let keys_with = |catalog: &Catalog| PlatformKeys::of(catalog, &documents).expect("keyed");
        let before = keys_with(&catalog);
        catalog.platforms[1].components[0].name = "Another name".to_owned();
        let after = keys_with(&catalog);
        assert_eq!(before.platforms[0], after.platforms[0]);
        assert_ne!(before.rows[0], after.rows[0]);
        let _ = std::fs::remove_dir_all(dir);
    }
}
