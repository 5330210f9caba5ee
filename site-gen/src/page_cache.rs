//! Rendered pages kept between builds into one output folder. A page's bytes depend on its
//! template (and every template it includes: the whole theme), the renderer (site-gen's
//! binary, see `cache::Inputs`), the build's options and its context, which holds everything
//! a template can read. Hashing the serialized context is far cheaper than rendering it, so a
//! rebuild renders only the pages whose key changed and keeps the others' bytes in the output
//! (the manifest proves they are still there as written: see `Output::keep`).
//!
//! Each page also records its element ids, so the link check of a rebuild can read the ids of
//! pages it did not render (see `incremental_links`).
//!
//! The cache is kept from the second build into a folder on, as the extraction cache is; an
//! entry is trusted only when the output file still has the digest it records, so a stale or
//! half-written cache costs time, never a wrong page.

use std::collections::HashMap;
use std::fs;
use std::hash::Hasher;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;
use minijinja::Value;
use serde::{Deserialize, Serialize};

use rayon::prelude::*;

use crate::cache::{Digest, Inputs};
use crate::output::Output;
use crate::render::pages::{Page, PageJob, Renderer};

const FILE: &str = "pages.json";
/// Bumped when an entry's meaning changes.
const SCHEMA: u32 = 1;

/// Context values every page holds, the same value on each: hashed once per build instead of
/// once per page (the list of every platform is most of a small page's context). A page whose
/// value differs is hashed in full, so this list is only ever a shortcut.
const SHARED: &[&str] = &["nav_platforms"];

/// What one page was rendered from, and what it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// 96 bits over the salt, the template name and the context.
    pub key: (u64, u32),
    /// The bytes the page rendered to.
    pub digest: Digest,
    /// Its `id` attribute values as written (entities not decoded).
    pub ids: Vec<String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Stored {
    schema: u32,
    pages: HashMap<String, Entry>,
}

pub struct PageCache {
    path: PathBuf,
    salt: Inputs,
    /// The shared values (`SHARED`) of this build, as first seen, with their hashes.
    shared: Vec<(&'static str, Value, u64)>,
    previous: HashMap<String, Entry>,
}

/// Feeds what serde writes into a digest, with no buffer.
struct DigestWriter {
    fx: rustc_hash::FxHasher,
    crc: flate2::Crc,
}

impl Write for DigestWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.fx.write(bytes);
        self.crc.update(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl DigestWriter {
    fn new(salt: &Inputs) -> Self {
        let mut fx = rustc_hash::FxHasher::default();
        fx.write_u64(salt.finish());
        DigestWriter { fx, crc: flate2::Crc::new() }
    }

    fn value(&mut self, value: &Value) -> Result<()> {
        serde_json::to_writer(&mut *self, value)?;
        Ok(())
    }

    fn text(&mut self, text: &str) {
        // Length first: no two sequences of pieces feed the same stream.
        let _ = self.write(&(text.len() as u64).to_le_bytes());
        let _ = self.write(text.as_bytes());
    }

    fn finish(self) -> (u64, u32) {
        (self.fx.finish(), self.crc.sum())
    }
}

impl PageCache {
    /// The cache of the output folder `out` (empty when there is none or it is unreadable).
    /// `salt`: site-gen, the options and the theme (see `salt_of`).
    pub fn load(out: &Path, salt: Inputs) -> PageCache {
        let path = crate::cache::dir_of(out).join(FILE);
        let previous = fs::read(&path)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Stored>(&bytes).ok())
            .filter(|stored| stored.schema == SCHEMA)
            .map(|stored| stored.pages)
            .unwrap_or_default();
        PageCache { path, salt, shared: Vec::new(), previous }
    }

    /// Learns the values every page shares from one page (call once, before `key`).
    pub fn learn_shared(&mut self, job: &PageJob) -> Result<()> {
        for &name in SHARED {
            if let Ok(value) = job.context.get_attr(name)
                && !value.is_undefined()
            {
                let mut digest = DigestWriter::new(&self.salt);
                digest.value(&value)?;
                self.shared.push((name, value, digest.finish().0));
            }
        }
        Ok(())
    }

    /// The key of a page: its template and context, over the salt.
    pub fn key(&self, job: &PageJob) -> Result<(u64, u32)> {
        let mut digest = DigestWriter::new(&self.salt);
        digest.text(job.template);
        digest.text(&job.path);
        let Ok(pairs) = job.context.try_iter() else {
            digest.value(&job.context)?;
            return Ok(digest.finish());
        };
        for name in pairs {
            let value = job.context.get_item(&name).unwrap_or_default();
            digest.text(&name.to_string());
            match self.shared.iter().find(|(n, v, _)| name.as_str() == Some(n) && same(v, &value)) {
                Some((_, _, hash)) => {
                    digest.text("shared");
                    let _ = digest.write(&hash.to_le_bytes());
                }
                None => digest.value(&value)?,
            }
        }
        Ok(digest.finish())
    }

    /// The last build's entry of `path`, when its key was `key`.
    pub fn hit(&self, path: &str, key: (u64, u32)) -> Option<&Entry> {
        self.previous.get(path).filter(|entry| entry.key == key)
    }

    /// The last build's entry of `path`, whatever its key.
    pub fn previous(&self, path: &str) -> Option<&Entry> {
        self.previous.get(path)
    }

    /// Keeps this build's entries for the next build (written aside then renamed). A cache
    /// that cannot be written is only slower next time.
    pub fn save(self, pages: HashMap<String, Entry>) {
        let stored = Stored { schema: SCHEMA, pages };
        let Ok(bytes) = serde_json::to_vec(&stored) else { return };
        let partial = self.path.with_extension("json.partial");
        if fs::write(&partial, bytes).is_ok() {
            let _ = fs::rename(&partial, &self.path);
        }
    }

    /// True when this build may break a link of a page it kept: a file of the last build is
    /// gone, or a page rendered again lost an id it had (or its old ids are unknown). When
    /// false, every link of a kept page resolves as it did when the last build checked it.
    pub fn loses_targets(
        &self,
        previous: Option<&crate::cache::Manifest>,
        made: &[Made],
        exists: impl Fn(&str) -> bool,
    ) -> bool {
        let Some(previous) = previous.filter(|m| m.intact) else { return true };
        if previous.files.keys().any(|path| !exists(path)) {
            return true;
        }
        made.iter().any(|page| match page {
            Made::Kept { .. } => false,
            Made::Fresh { path, entry, .. } => {
                if !previous.files.contains_key(path) {
                    return false;
                }
                match (self.previous.get(path), entry) {
                    (Some(old), Some(new)) => {
                        let now: std::collections::HashSet<&str> =
                            new.ids.iter().map(String::as_str).collect();
                        old.ids.iter().any(|id| !now.contains(id.as_str()))
                    }
                    _ => true,
                }
            }
        })
    }

    /// Forgets the cache (the build that would replace it is not the one the output holds).
    pub fn forget(out: &Path) {
        let _ = fs::remove_file(crate::cache::dir_of(out).join(FILE));
    }
}

/// One page of this build.
pub enum Made {
    /// Rendered by this build (its cache entry, when the cache is kept).
    Fresh { path: String, html: String, entry: Option<Entry> },
    /// The last build's bytes, left in the output.
    Kept { path: String, entry: Entry },
}

impl Made {
    pub fn path(&self) -> &str {
        match self {
            Made::Fresh { path, .. } | Made::Kept { path, .. } => path,
        }
    }

    pub fn entry(&self) -> Option<&Entry> {
        match self {
            Made::Fresh { entry, .. } => entry.as_ref(),
            Made::Kept { entry, .. } => Some(entry),
        }
    }
}

/// Every page of `renderer`, in order: a page whose key is the one its bytes in the output
/// were made from is kept (`Output::keep`), the others are rendered. With no cache (a clean
/// build) every page is rendered and nothing is hashed.
pub fn make_pages(
    renderer: &Renderer<'_>,
    pages: &[Page],
    cache: Option<&mut PageCache>,
    output: &Output,
) -> Result<Vec<Made>> {
    let Some(cache) = cache else {
        return pages
            .par_iter()
            .map(|page| {
                let (path, html) = renderer.render(page)?;
                Ok(Made::Fresh { path, html, entry: None })
            })
            .collect();
    };
    if let Some(first) = pages.first() {
        cache.learn_shared(&renderer.job(first))?;
    }
    let cache = &*cache;
    pages
        .par_iter()
        .map(|page| {
            let job = renderer.job(page);
            let key = cache.key(&job)?;
            if let Some(entry) = cache.hit(&job.path, key)
                && output.keep(&job.path, &entry.digest)
            {
                return Ok(Made::Kept { path: job.path, entry: entry.clone() });
            }
            let html = renderer.render_job(&job)?;
            let entry = Entry { key, digest: Digest::of(html.as_bytes()), ids: ids_of(&html) };
            Ok(Made::Fresh { path: job.path, html, entry: Some(entry) })
        })
        .collect()
}

/// True when `a` and `b` are one list (one `Arc`, which minijinja never changes). Equality
/// would not do: minijinja calls `1` and `1.0` equal, and they render apart.
fn same(a: &Value, b: &Value) -> bool {
    match (a.downcast_object::<Vec<Value>>(), b.downcast_object::<Vec<Value>>()) {
        (Some(a), Some(b)) => std::sync::Arc::ptr_eq(&a, &b),
        _ => false,
    }
}

/// What every page's bytes depend on besides its context: site-gen itself, the options, and
/// every file of the theme's `templates/` (a page may include any of them).
pub fn salt_of(config: &crate::config::Config) -> Result<Inputs> {
    let mut salt = Inputs::default();
    let options = format!(
        "{:?}|{:?}|{}|{}",
        config.theme,
        config.site_url,
        config.bundle,
        config.checker.as_deref().is_some_and(Path::is_file)
    );
    salt.add("options", options.as_bytes());
    if let Some(templates) = config.theme.as_deref().map(|t| t.join("templates"))
        && templates.is_dir()
    {
        for (path, bytes) in crate::tree::read_tree(&templates)? {
            salt.add(&format!("templates/{path}"), &bytes);
        }
    }
    Ok(salt)
}

/// The `id` values of a page, as written.
pub fn ids_of(html: &str) -> Vec<String> {
    crate::links::attributes(html, "id").into_iter().map(|(_, v)| v.to_owned()).collect()
}

/// A stand-in page holding only `ids` (for `links::Targets`, which reads ids from HTML).
pub fn page_of_ids(ids: &[String]) -> String {
    let mut html = String::new();
    for id in ids {
        // A value read between double quotes holds none; one read between single quotes may.
        let quote = if id.contains('"') { '\'' } else { '"' };
        html.push_str(&format!(" id={quote}{id}{quote}"));
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use minijinja::context;

    fn job(path: &str, context: Value) -> PageJob {
        PageJob { path: path.into(), template: "port.html", context }
    }

    #[test]
    fn a_page_key_changes_with_its_context_template_and_salt_but_not_a_shared_value() {
        let nav = Value::from_serialize(vec!["a", "b"]);
        let cache = |salt: &str| {
            let mut inputs = Inputs::default();
            inputs.add("test", salt.as_bytes());
            let mut cache = PageCache::load(Path::new("/nonexistent/out"), inputs);
            cache.learn_shared(&job("x.html", context! { nav_platforms => nav.clone() })).unwrap();
            cache
        };
        let (a, b) = (cache("a"), cache("b"));
        let page = job("p.html", context! { title => "T", nav_platforms => nav.clone() });
        let key = a.key(&page).unwrap();
        assert_eq!(key, a.key(&page).unwrap());
        assert_ne!(key, b.key(&page).unwrap(), "salt");
        let other = job("p.html", context! { title => "U", nav_platforms => nav.clone() });
        assert_ne!(key, a.key(&other).unwrap(), "context");
        let mut template = job("p.html", context! { title => "T", nav_platforms => nav.clone() });
        template.template = "service.html";
        assert_ne!(key, a.key(&template).unwrap(), "template");
        // Another list in the shared slot is hashed in full, not taken for the shared one.
        let changed = Value::from_serialize(vec!["a", "c"]);
        let page2 = job("p.html", context! { title => "T", nav_platforms => changed });
        assert_ne!(key, a.key(&page2).unwrap(), "shared value changed");
        // A list equal to minijinja but not the same: hashed in full (1 and 1.0 render apart).
        let ints = Value::from_serialize(vec![1, 2]);
        let mut cache = a;
        cache.shared.clear();
        cache.learn_shared(&job("x.html", context! { nav_platforms => ints.clone() })).unwrap();
        let floats = Value::from_serialize(vec![1.0, 2.0]);
        assert_eq!(ints, floats);
        let (i, f) = (
            job("p.html", context! { nav_platforms => ints }),
            job("p.html", context! { nav_platforms => floats }),
        );
        assert_ne!(cache.key(&i).unwrap(), cache.key(&f).unwrap());
    }

    #[test]
    fn ids_read_back_from_their_stand_in_page() {
        let html = "<p id=\"a&amp;b\"></p><h2 id='say \"hi\"'>x</h2><a href=\"#a\">";
        let ids = ids_of(html);
        assert_eq!(ids, ["a&amp;b", "say \"hi\""]);
        assert_eq!(ids_of(&page_of_ids(&ids)), ids);
    }
}
