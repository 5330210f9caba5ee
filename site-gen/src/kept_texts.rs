//! Texts kept between builds into one output folder, each under the digest of what it was made
//! from (`fingerprint`), one file per kind in `.portolan-cache/<out>/`: the catalog script's
//! packed platforms (`packed::pack_platform` depends on the platform alone; `CATALOG`) and the
//! search index's row documents of each platform (`SEARCH_ROWS`). An edit rebuild makes the
//! texts whose inputs changed and copies the others; its output is the same bytes as a clean
//! build's.
//!
//! The store is an optimisation: a file that cannot be read is ignored, one that cannot be
//! written leaves the next build to make everything.

use std::fs;
use std::path::Path;

use portolan_core::model::Platform;
use rustc_hash::FxHashMap;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::cache::Digest;

/// The catalog script's packed platforms (`exports::catalog_js`).
pub const CATALOG: &str = "catalog.mp";
/// The search index's row documents, per platform (`search::index_files`).
pub const SEARCH_ROWS: &str = "search-rows.mp";

/// What a file holds: the site-gen that made the texts (another one may make them otherwise),
/// and each text under its key.
#[derive(Serialize, Deserialize)]
pub struct Kept<T> {
    generator: u64,
    texts: Vec<(Digest, T)>,
}

impl<T> Default for Kept<T> {
    fn default() -> Self {
        Kept { generator: 0, texts: Vec::new() }
    }
}

/// The key of a platform's packed text (and of the platform in the markdown cache's keys).
pub fn platform_key(platform: &Platform) -> Digest {
    crate::fingerprint::of(platform)
}

impl<T: DeserializeOwned> Kept<T> {
    /// The texts the last build into this cache folder kept in `file` (none when another
    /// site-gen made them, or there are none).
    pub fn load(dir: &Path, file: &str) -> Kept<T> {
        let kept: Option<Kept<T>> =
            fs::read(dir.join(file)).ok().and_then(|bytes| crate::cache::entry_of(&bytes));
        kept.filter(|k| k.generator == crate::cache::generator()).unwrap_or_default()
    }
}

impl<T> Kept<T> {
    /// Key → text, owned.
    pub fn into_texts(self) -> FxHashMap<Digest, T> {
        self.texts.into_iter().collect()
    }

    /// Key → text.
    pub fn texts(&self) -> FxHashMap<Digest, &T> {
        self.texts.iter().map(|(key, text)| (*key, text)).collect()
    }

    /// Keeps this build's texts (and only them) in `file` for the next build.
    pub fn save<'a, S: Serialize + ?Sized + 'a>(
        dir: &Path,
        file: &str,
        texts: impl Iterator<Item = (Digest, &'a S)>,
    ) {
        #[derive(Serialize)]
        struct Saved<'a, S: ?Sized> {
            generator: u64,
            texts: Vec<(Digest, &'a S)>,
        }
        let saved = Saved { generator: crate::cache::generator(), texts: texts.collect() };
        if let Some(bytes) = crate::cache::entry_bytes(&saved) {
            let _ = fs::create_dir_all(dir);
            crate::cache::write_entry(dir, file, &bytes);
        }
    }
}
