//! What one process keeps between its builds into one output folder (`site-gen serve`): the
//! extractions and the page cache's entries, so a writer's save rebuilds without reading back
//! and decoding the cache files of the documents and pages it did not change. The files are
//! still the cache of a build started later (`site-gen build`); the memory only spares reading
//! them, and holds nothing the files would not: each entry is checked as a read one is.

use std::collections::HashMap;

use crate::extract_cache::Extraction;

#[derive(Default)]
pub struct Memory {
    /// Extraction cache key (`extract_cache`: the document's path, bytes and extractor) → its
    /// extraction, for the documents of the last build.
    pub extractions: HashMap<String, Extraction>,
    /// The page cache's entries as the last build saved them (`None` before a build saved
    /// them: then they are read from the cache file).
    pub pages: Option<HashMap<String, crate::page_cache::Entry>>,
}
