//! Texts kept between builds into one output folder, each under the digest of what it was made
//! from (`fingerprint`), one file per kind in `.portolan-cache/<out>/`: the catalog script's
//! packed platforms (`packed::pack_platform` depends on the platform alone; `CATALOG`) and the
//! search index's row documents of each platform (`SEARCH_ROWS`). An edit rebuild makes the
//! texts whose inputs changed and copies the others; its output is the same bytes as a clean
//! build's.
//!
//! An edit changes a few platforms' texts of thousands: their new texts are written to a small
//! second file (`<file>.more`) read after the first, and the first is written again only when
//! the second would hold more than a quarter of the texts (rewriting 13 MB on every edit was
//! about 5% of an edit rebuild's CPU).
//!
//! The store is an optimisation: a file that cannot be read is ignored, one that cannot be
//! written leaves the next build to make everything. Texts are keyed by the digest of their
//! inputs, so an entry left over (a build stopped between writing the two files) is still right
//! for its key.

use std::fs;
use std::path::Path;

use portolan_core::model::{Catalog, Platform};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::cache::Digest;
use crate::site::{ReqView, SiteData};

/// The catalog script's packed platforms (`exports::catalog_js`).
pub const CATALOG: &str = "catalog.mp";
/// The search index's row documents, per platform (`search::index_files`).
pub const SEARCH_ROWS: &str = "search-rows.mp";
/// The services each platform's rows were read as (`site::ServiceReadings`).
pub const SERVICES: &str = "services.mp";
/// The digests of each platform's rows for the page keys (`render::keys::RowKeys`).
pub const ROW_KEYS: &str = "row-keys.mp";

/// What a file holds: the site-gen that made the texts (another one may make them otherwise),
/// and each text under its key.
#[derive(Serialize, Deserialize)]
pub struct Kept<T> {
    generator: u64,
    texts: Vec<(Digest, T)>,
    /// The keys read from the first file (set by `load`).
    #[serde(skip)]
    base: FxHashSet<Digest>,
}

impl<T> Default for Kept<T> {
    fn default() -> Self {
        Kept { generator: 0, texts: Vec::new(), base: FxHashSet::default() }
    }
}

/// The second file of `file`.
fn more_of(file: &str) -> String {
    format!("{file}.more")
}

/// The key of a platform's packed text (and of the platform in the markdown cache's keys).
pub fn platform_key(platform: &Platform) -> Digest {
    crate::fingerprint::of(platform)
}

impl<T: DeserializeOwned> Kept<T> {
    /// The texts the last build into this cache folder kept in `file` (none when another
    /// site-gen made them, or there are none).
    pub fn load(dir: &Path, file: &str) -> Kept<T> {
        let read = |file: &str| -> Option<Kept<T>> {
            let kept: Kept<T> = crate::cache::entry_of(&fs::read(dir.join(file)).ok()?)?;
            (kept.generator == crate::cache::generator()).then_some(kept)
        };
        let Some(mut kept) = read(file) else { return Kept::default() };
        kept.base = kept.texts.iter().map(|(key, _)| *key).collect();
        if let Some(more) = read(&more_of(file)) {
            kept.texts.extend(more.texts);
        }
        kept
    }
}

impl<T> Kept<T> {
    /// Key → text, owned.
    pub fn into_texts(self) -> FxHashMap<Digest, T> {
        self.texts.into_iter().collect()
    }

    /// The keys of the first file (for [`Self::save_changes`]).
    pub fn base_keys(&self) -> &FxHashSet<Digest> {
        &self.base
    }

    /// Keeps this build's texts for the next build: those the first file (`base`, as loaded)
    /// does not hold go to the second file, unless with the first file's texts no longer used
    /// they would be more than a quarter of this build's: then both are written again as
    /// [`Self::save`] does.
    pub fn save_changes<'a, S: Serialize + ?Sized + 'a>(
        base: &FxHashSet<Digest>,
        dir: &Path,
        file: &str,
        texts: impl Iterator<Item = (Digest, &'a S)>,
    ) {
        let texts: Vec<(Digest, &S)> = texts.collect();
        let more: Vec<(Digest, &S)> =
            texts.iter().filter(|(key, _)| !base.contains(key)).copied().collect();
        let unused = base.len().saturating_sub(texts.len() - more.len());
        if base.is_empty() || (more.len() + unused) * 4 > texts.len() {
            return Self::save(dir, file, texts.into_iter());
        }
        write(dir, &more_of(file), more);
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
        if write(dir, file, texts.collect()) {
            let _ = fs::remove_file(dir.join(more_of(file)));
        }
    }
}

/// Each platform's rows in `site.reqs`, in catalog order, with the key of its rows (`keys`,
/// `platform_keys::PlatformKeys::rows`); `None` unless `site.reqs` holds each platform's rows
/// together in catalog order (as `SiteData::new` makes them).
pub fn row_runs<'a>(
    catalog: &Catalog,
    site: &'a SiteData,
    keys: &[Digest],
) -> Option<Vec<(&'a [ReqView], Digest)>> {
    if keys.len() != catalog.platforms.len() {
        return None;
    }
    let mut next = 0;
    let mut runs = Vec::with_capacity(keys.len());
    for (platform, key) in catalog.platforms.iter().zip(keys) {
        let indexes = site.by_platform.get(&platform.id).map_or(&[][..], Vec::as_slice);
        if indexes.iter().enumerate().any(|(i, &at)| at != next + i) {
            return None;
        }
        runs.push((site.reqs.get(next..next + indexes.len())?, *key));
        next += indexes.len();
    }
    (next == site.reqs.len()).then_some(runs)
}

/// One value per row of each run (`row_runs`): the last build's, kept in `file` under the
/// run's key, when it has as many as the run has rows; else `make` of each row, kept for the
/// next build. A platform's rows as the site shows them are a function of their key, so are
/// these values.
pub fn per_row<T>(
    runs: &[(&[ReqView], Digest)],
    dir: &Path,
    file: &str,
    make: impl Fn(&ReqView) -> T + Sync,
) -> Vec<Vec<T>>
where
    T: Serialize + DeserializeOwned + Send,
{
    let last = Kept::<Vec<T>>::load(dir, file);
    let base = last.base_keys().clone();
    let mut last = last.into_texts();
    let reused: Vec<Option<Vec<T>>> = runs
        .iter()
        .map(|(rows, key)| last.remove(key).filter(|values| values.len() == rows.len()))
        .collect();
    let fresh = reused.iter().any(Option::is_none) || !last.is_empty();
    let values: Vec<Vec<T>> = runs
        .par_iter()
        .zip(reused)
        .map(|((rows, _), values)| values.unwrap_or_else(|| rows.iter().map(&make).collect()))
        .collect();
    if fresh {
        let kept = runs.iter().zip(&values).map(|((_, key), values)| (*key, values));
        Kept::<Vec<T>>::save_changes(&base, dir, file, kept);
    }
    values
}

/// Writes `texts` as a store file; false when it could not be written.
fn write<S: Serialize + ?Sized>(dir: &Path, file: &str, texts: Vec<(Digest, &S)>) -> bool {
    #[derive(Serialize)]
    struct Saved<'a, S: ?Sized> {
        generator: u64,
        texts: Vec<(Digest, &'a S)>,
    }
    let saved = Saved { generator: crate::cache::generator(), texts };
    let Some(bytes) = crate::cache::compact_bytes(&saved) else { return false };
    let _ = fs::create_dir_all(dir);
    crate::cache::write_entry(dir, file, &bytes);
    dir.join(file).is_file()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(n: u64) -> Digest {
        Digest { len: n, crc: 0, fx: n }
    }

    #[test]
    fn a_few_changed_texts_go_to_the_second_file_and_many_rewrite_both() {
        let dir = std::env::temp_dir().join(format!("portolan-kept-texts-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let texts: Vec<(Digest, String)> = (0..8).map(|n| (key(n), format!("text {n}"))).collect();
        Kept::<String>::save(&dir, "t.mp", texts.iter().map(|(k, t)| (*k, t.as_str())));
        let loaded = |dir: &Path| {
            let kept = Kept::<String>::load(dir, "t.mp");
            let base = kept.base_keys().clone();
            let mut texts: Vec<(Digest, String)> = kept.into_texts().into_iter().collect();
            texts.sort_by_key(|(k, _)| k.fx);
            (base, texts)
        };
        let (base, back) = loaded(&dir);
        assert_eq!(back, texts);
        // One text changed: it alone goes to the second file.
        let mut edited = texts.clone();
        edited[3] = (key(30), "text 30".to_owned());
        Kept::<String>::save_changes(
            &base,
            &dir,
            "t.mp",
            edited.iter().map(|(k, t)| (*k, t.as_str())),
        );
        assert!(dir.join("t.mp.more").is_file());
        let (base, back) = loaded(&dir);
        assert_eq!(base.len(), 8, "the first file was not written again");
        assert!(edited.iter().all(|text| back.contains(text)), "{back:?}");
        // Two more changed: with the first file's unused texts, more than a quarter: both
        // files are written again, holding this build's texts only.
        edited[4] = (key(40), "text 40".to_owned());
        edited[5] = (key(50), "text 50".to_owned());
        Kept::<String>::save_changes(
            &base,
            &dir,
            "t.mp",
            edited.iter().map(|(k, t)| (*k, t.as_str())),
        );
        assert!(!dir.join("t.mp.more").exists());
        let (_, back) = loaded(&dir);
        edited.sort_by_key(|(k, _)| k.fx);
        assert_eq!(back, edited);
        let _ = fs::remove_dir_all(dir);
    }
}
