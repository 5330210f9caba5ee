//! The catalog script's platforms kept between builds into one output folder
//! (`.portolan-cache/<out>/catalog.mp`): each platform's packed text (`packed::pack_platform`,
//! which depends on the platform alone), keyed by the digest of the platform as serde walks it
//! (`fingerprint`). An edit rebuild packs the platforms that changed and copies the others'
//! text; the script is the same bytes as a clean build's.
//!
//! The cache is an optimisation: a file that cannot be read is ignored, one that cannot be
//! written leaves the next build to pack everything.

use std::fs;
use std::path::Path;

use portolan_core::model::Platform;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::cache::Digest;

const FILE: &str = "catalog.mp";

/// What the file holds: the site-gen that packed the texts (another one may pack otherwise),
/// and each platform's key and packed text.
#[derive(Default, Serialize, Deserialize)]
pub struct Kept {
    generator: u64,
    platforms: Vec<(Digest, String)>,
}

/// The key of a platform's packed text.
pub fn key_of(platform: &Platform) -> Digest {
    crate::fingerprint::of(platform)
}

impl Kept {
    /// The texts the last build into this cache folder packed (none when they were packed by
    /// another site-gen, or there are none).
    pub fn load(dir: &Path) -> Kept {
        let kept: Option<Kept> =
            fs::read(dir.join(FILE)).ok().and_then(|bytes| crate::cache::entry_of(&bytes));
        kept.filter(|k| k.generator == crate::cache::generator()).unwrap_or_default()
    }

    /// Platform key → packed text.
    pub fn texts(&self) -> FxHashMap<Digest, &str> {
        self.platforms.iter().map(|(key, text)| (*key, text.as_str())).collect()
    }

    /// Keeps this build's texts (and only them) for the next build.
    pub fn save<'a>(dir: &Path, platforms: impl Iterator<Item = (Digest, &'a str)>) {
        #[derive(Serialize)]
        struct Saved<'a> {
            generator: u64,
            platforms: Vec<(Digest, &'a str)>,
        }
        let saved = Saved { generator: crate::cache::generator(), platforms: platforms.collect() };
        if let Some(bytes) = crate::cache::entry_bytes(&saved) {
            let _ = fs::create_dir_all(dir);
            crate::cache::write_entry(dir, FILE, &bytes);
        }
    }
}
