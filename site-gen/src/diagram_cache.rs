//! Flow diagrams kept between builds into one output folder (`.portolan-cache/<out>/diagrams/`,
//! one SVG per platform, named by its key), as the markdown cache keeps rendered documents.
//! A diagram is drawn from its platform (id, title, components) and the rows the site shows
//! for it (`ReqView`, every field, serialised or not), by site-gen's binary: the key is a
//! digest of all of these, so an edit of one document draws one diagram again.
//!
//! The cache is an optimisation: a file that cannot be read or written is drawn again.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use portolan_core::model::Platform;

use crate::cache::{Digest, Inputs};
use crate::site::ReqView;

pub struct DiagramCache {
    dir: PathBuf,
    /// The keys of this build's diagrams, so the entries of others can go.
    used: Mutex<HashSet<String>>,
}

/// Everything `diagram::flow_svg` may read, as bytes: serde for what serialises, `Debug` for
/// the row fields serde skips (they are derived from the others today; fed anyway, so a
/// change there cannot serve a stale diagram).
fn key_of(platform: &Platform, reqs: &[&ReqView]) -> Option<String> {
    let given = (&platform.id, &platform.title, &platform.components, reqs);
    let bytes = serde_json::to_vec(&given).ok()?;
    let skipped: Vec<String> =
        reqs.iter().map(|r| format!("{:?}|{:?}|{}", r.range, r.transports, r.listening)).collect();
    let mut inputs = Inputs::default();
    inputs.add("diagram", &bytes);
    inputs.add("skipped", skipped.join("\n").as_bytes());
    Some(format!("{:016x}{:08x}.svg", inputs.finish(), Digest::of(&bytes).crc))
}

impl DiagramCache {
    pub fn new(dir: &Path) -> DiagramCache {
        let _ = fs::create_dir_all(dir);
        DiagramCache { dir: dir.to_path_buf(), used: Mutex::default() }
    }

    /// `diagram::flow_svg(platform, reqs)`, from the cache when it was drawn from the same
    /// inputs.
    pub fn flow_svg(&self, platform: &Platform, reqs: &[&ReqView]) -> Option<String> {
        // No rows, no diagram: nothing to keep.
        if reqs.is_empty() {
            return crate::diagram::flow_svg(platform, reqs);
        }
        let Some(key) = key_of(platform, reqs) else {
            return crate::diagram::flow_svg(platform, reqs);
        };
        let path = self.dir.join(&key);
        self.used.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(key.clone());
        if let Ok(svg) = fs::read_to_string(&path) {
            return Some(svg);
        }
        let svg = crate::diagram::flow_svg(platform, reqs)?;
        // Written aside then renamed: a half-written file is never read back.
        let partial = self.dir.join(format!("{key}.partial"));
        if fs::write(&partial, &svg).is_ok() {
            let _ = fs::rename(&partial, &path);
        }
        Some(svg)
    }

    /// Removes the diagrams this build did not use (platforms edited or removed).
    pub fn prune(&self) {
        let used = self.used.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Ok(entries) = fs::read_dir(&self.dir) {
            for entry in entries.flatten() {
                if !used.contains(entry.file_name().to_string_lossy().as_ref()) {
                    let _ = fs::remove_file(entry.path());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cached_diagram_is_the_drawn_one_and_a_changed_row_draws_again() {
        let dir = std::env::temp_dir().join(format!("portolan-svg-cache-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
        let files = crate::content::read_content_dir(&content).expect("content");
        let extracted = crate::content::extract(&files);
        let catalog = &extracted.catalog;
        let site = crate::site::SiteData::new(
            catalog,
            &crate::services::Vocabulary::builtin(),
            &crate::iana::Registry::builtin(),
        );
        let platform = &catalog.platforms[0];
        let reqs: Vec<&ReqView> = site.reqs_of(&platform.id).collect();
        let drawn = crate::diagram::flow_svg(platform, &reqs);
        assert!(drawn.is_some(), "the test platform has rows");
        assert_eq!(DiagramCache::new(&dir).flow_svg(platform, &reqs), drawn, "first build");
        assert_eq!(DiagramCache::new(&dir).flow_svg(platform, &reqs), drawn, "from the cache");
        // One row's exposure changes: the diagram is drawn again, not taken from the cache.
        let mut changed: Vec<ReqView> = reqs.iter().map(|r| (*r).clone()).collect();
        changed[0].exposure = match changed[0].exposure {
            Some("external") => Some("internal"),
            _ => Some("external"),
        };
        let changed: Vec<&ReqView> = changed.iter().collect();
        let redrawn = crate::diagram::flow_svg(platform, &changed);
        assert_ne!(redrawn, drawn, "the exposure shows in the diagram");
        assert_eq!(DiagramCache::new(&dir).flow_svg(platform, &changed), redrawn);
        let _ = fs::remove_dir_all(dir);
    }
}
