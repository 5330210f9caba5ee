//! Rendered pages kept between builds into one output folder. A page's bytes depend on its
//! template (and every template it includes: the whole theme), the renderer (site-gen's
//! binary, see `cache::Inputs`), the build's options and its context, which holds everything
//! a template can read. Most pages are keyed by what their context is made from, without
//! making it (`render::keys`); the others by a hash of the serialized context, far cheaper
//! than rendering it. A rebuild renders only the pages whose key changed and keeps the others'
//! bytes in the output (the manifest proves they are still there as written: see
//! `Output::keep`).
//!
//! Each page also records its element ids, so the link check of a rebuild can read the ids of
//! pages it did not render (see `incremental_links`).
//!
//! The cache is kept from the second build into a folder on, as the extraction cache is; an
//! entry is trusted only when the output file still has the digest it records, so a stale or
//! half-written cache costs time, never a wrong page.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Result;
use minijinja::value::{Value, ValueKind};
use serde::{Deserialize, Serialize};

use crate::cache::{Digest, Inputs};
use crate::output::Output;
use crate::render::pages::{Page, PageJob, Renderer};

/// MessagePack (`cache::entry_bytes`), as the extraction and markdown caches: the ids and link
/// lists of 7,000 pages read and write without JSON's escapes (4 MB of JSON at 1,000 documents,
/// read and written on every edit rebuild).
const FILE: &str = "pages.mp";
/// Bumped when an entry's meaning changes.
const SCHEMA: u32 = 6;

/// What one page was rendered from, and what it was. Shared, not copied: every page an edit
/// keeps carries its last entry on (`Made::Kept`) to the link check and the next save, and
/// copying 7,000 entries' ids and link lists string by string, as they were read, was most of
/// the page cache's share of an edit rebuild.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The digest of the salt, the template name, the path and the page's inputs
    /// (`render::keys`) or its context.
    pub key: Digest,
    /// The bytes the page rendered to.
    pub digest: Digest,
    /// Its `id` attribute values as written (entities not decoded), as a stand-in page that
    /// holds only them (`page_of_ids`): the link check reads it as it reads the page, and one
    /// string per page loads far faster than a list of thousands.
    pub ids: Arc<str>,
    /// The files of the site its links point at (`None`: a link this cannot read as the link
    /// check does, so the page is checked again whenever a target is lost). Each path is one
    /// `Arc` shared by every entry linking to it.
    pub links: Option<Arc<[Arc<str>]>>,
}

/// An entry as stored: the link targets as numbers into one list of paths (the same few
/// thousand paths are linked from every page).
#[derive(Debug, Serialize, Deserialize)]
struct StoredEntry {
    key: Digest,
    digest: Digest,
    ids: String,
    links: Option<Vec<u32>>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Stored {
    schema: u32,
    files: Vec<String>,
    pages: HashMap<String, StoredEntry>,
}

impl Stored {
    fn from_entries(pages: HashMap<String, Entry>) -> Stored {
        let mut files: Vec<String> = Vec::new();
        let mut numbers: HashMap<Arc<str>, u32> = HashMap::new();
        let pages = pages
            .into_iter()
            .map(|(path, entry)| {
                let links = entry.links.map(|links| {
                    links
                        .iter()
                        .map(|file| {
                            *numbers.entry(file.clone()).or_insert_with_key(|file| {
                                files.push(file.to_string());
                                u32::try_from(files.len() - 1).unwrap_or(u32::MAX)
                            })
                        })
                        .collect()
                });
                let ids = entry.ids.to_string();
                let stored = StoredEntry { key: entry.key, digest: entry.digest, ids, links };
                (path, stored)
            })
            .collect();
        Stored { schema: SCHEMA, files, pages }
    }

    fn into_entries(self) -> HashMap<String, Entry> {
        let files: Vec<Arc<str>> = self.files.into_iter().map(Arc::from).collect();
        self.pages
            .into_iter()
            .map(|(path, stored)| {
                // A number past the list (a damaged file) makes the page's links unknown.
                let links = stored.links.and_then(|links| {
                    links.iter().map(|&n| files.get(n as usize).cloned()).collect()
                });
                let ids = Arc::from(stored.ids);
                let entry = Entry { key: stored.key, digest: stored.digest, ids, links };
                (path, entry)
            })
            .collect()
    }
}

pub struct PageCache {
    path: PathBuf,
    salt: Inputs,
    previous: HashMap<String, Entry>,
    /// The pages whose entry in `previous` came from the second file (`save`), not the first.
    from_more: HashSet<String>,
}

/// The second file: the entries of the pages an edit rendered again, read after the first.
fn more_of(path: &Path) -> PathBuf {
    path.with_extension("mp.more")
}

/// The entries of the page cache file `path` (none when it is missing, unreadable or of
/// another schema).
fn read_entries(path: &Path) -> Option<HashMap<String, Entry>> {
    let stored = crate::cache::entry_of::<Stored>(&fs::read(path).ok()?)?;
    (stored.schema == SCHEMA).then(|| stored.into_entries())
}

/// Writes `pages` as a page cache file (aside, then renamed); false when it could not.
fn write_entries(path: &Path, pages: HashMap<String, Entry>) -> bool {
    let stored = Stored::from_entries(pages);
    let Some(bytes) = crate::cache::compact_bytes(&stored) else { return false };
    let partial = path.with_extension("mp.partial");
    fs::write(&partial, bytes).is_ok() && fs::rename(&partial, path).is_ok()
}

/// Writes `value` into `out` in a form no other value writes (every string has its length,
/// every container its ends, every piece its kind), faster than JSON: strings are copied, not
/// escaped. A safe string (markup) is told from the same text to escape.
fn feed(out: &mut Vec<u8>, value: &Value) {
    let text = |out: &mut Vec<u8>, tag: u8, bytes: &[u8]| {
        out.push(tag);
        out.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
        out.extend_from_slice(bytes);
    };
    match value.kind() {
        ValueKind::String => {
            let tag = if value.is_safe() { b'S' } else { b's' };
            text(out, tag, value.as_str().unwrap_or_default().as_bytes());
        }
        ValueKind::Seq | ValueKind::Iterable => {
            out.push(b'[');
            if let Some(items) = value.downcast_object_ref::<Vec<Value>>() {
                items.iter().for_each(|item| feed(out, item));
            } else if let Ok(items) = value.try_iter() {
                items.for_each(|item| feed(out, &item));
            }
            out.push(b']');
        }
        ValueKind::Map => {
            out.push(b'{');
            if let Some(pairs) = value.as_object().and_then(|o| o.try_iter_pairs()) {
                for (key, item) in pairs {
                    feed(out, &key);
                    feed(out, &item);
                }
            }
            out.push(b'}');
        }
        ValueKind::Bytes => text(out, b'b', value.as_bytes().unwrap_or_default()),
        // Numbers, booleans, none, undefined and plain objects: their kind and how they print
        // (`1` and `1.0` print apart, as they render).
        kind => {
            out.push(b'v');
            text(out, kind as u8, value.to_string().as_bytes());
        }
    }
}

impl PageCache {
    /// The cache of the output folder `out` (empty when there is none or it is unreadable).
    /// `salt`: site-gen, the options and the theme (see `salt_of`).
    pub fn load(out: &Path, salt: Inputs) -> PageCache {
        let path = crate::cache::dir_of(out).join(FILE);
        let mut previous = read_entries(&path).unwrap_or_default();
        let mut from_more = HashSet::new();
        // An entry of the second file left from before the first was written again is only
        // older: every entry is checked against its key and the output's bytes before use.
        if !previous.is_empty()
            && let Some(more) = read_entries(&more_of(&path))
        {
            from_more = more.keys().cloned().collect();
            previous.extend(more);
        }
        PageCache { path, salt, previous, from_more }
    }

    /// `load`, or with `remembered` (the entries a build of this process saved, see
    /// `memory::Memory`) those instead of the file's.
    pub fn load_or(
        out: &Path,
        salt: Inputs,
        remembered: Option<HashMap<String, Entry>>,
    ) -> PageCache {
        match remembered {
            Some(previous) => {
                let path = crate::cache::dir_of(out).join(FILE);
                PageCache { path, salt, previous, from_more: HashSet::new() }
            }
            None => PageCache::load(out, salt),
        }
    }

    /// The key of a page: its template, path and context, over the salt.
    pub fn key(&self, job: &PageJob) -> Digest {
        thread_local! {
            static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        BUFFER.with_borrow_mut(|out| {
            out.clear();
            out.extend_from_slice(&self.salt.finish().to_le_bytes());
            feed(out, &Value::from(job.template));
            feed(out, &Value::from(job.path.as_str()));
            feed(out, &job.context);
            // Huge pages are rare; a buffer that held one is not kept for the next.
            let key = Digest::of(out);
            if out.capacity() > 1 << 24 {
                *out = Vec::new();
            }
            key
        })
    }

    /// The last build's entry of `path`, when its key was `key`.
    pub fn hit(&self, path: &str, key: Digest) -> Option<&Entry> {
        self.previous.get(path).filter(|entry| entry.key == key)
    }

    /// The last build's entry of `path`, whatever its key.
    pub fn previous(&self, path: &str) -> Option<&Entry> {
        self.previous.get(path)
    }

    /// Keeps this build's entries for the next build (written aside then renamed). An edit
    /// renders a few dozen pages of thousands: the entries the first file does not hold go to
    /// a small second file (`pages.mp.more`), and the first is written again only when they
    /// and the first file's unused entries would be more than a quarter of the pages (writing
    /// all 7,000 entries was 3% of an edit rebuild's instructions at 1,000 documents). A cache
    /// that cannot be written is only slower next time.
    pub fn save(self, pages: HashMap<String, Entry>) {
        let more: HashMap<String, Entry> = pages
            .iter()
            // The ids and links of an entry are read from the page's bytes: its key and digest
            // tell it from another.
            .filter(|(path, entry)| {
                self.from_more.contains(*path)
                    || self
                        .previous
                        .get(*path)
                        .is_none_or(|old| (old.key, old.digest) != (entry.key, entry.digest))
            })
            .map(|(path, entry)| (path.clone(), entry.clone()))
            .collect();
        let in_first = self.previous.len() - self.from_more.len();
        let unused = in_first.saturating_sub(pages.len() - more.len());
        let base = self.previous.len() > self.from_more.len() && self.path.is_file();
        if base && (more.len() + unused) * 4 <= pages.len() {
            write_entries(&more_of(&self.path), more);
        } else if write_entries(&self.path, pages) {
            let _ = fs::remove_file(more_of(&self.path));
        }
    }

    /// The files this build may have broken a link into: files of the last build that are
    /// gone, and pages rendered again that lost an id they had (or whose old ids are unknown).
    /// A kept page whose links point at none of them has its links resolve as they did when
    /// the last build checked it. `None`: unknown (the output was changed since), check all.
    pub fn lost_targets(
        &self,
        previous: Option<&crate::cache::Manifest>,
        made: &[Made],
        exists: impl Fn(&str) -> bool,
    ) -> Option<HashSet<String>> {
        let previous = previous.filter(|m| m.intact)?;
        let mut lost: HashSet<String> =
            previous.files.keys().filter(|path| !exists(path)).cloned().collect();
        for page in made {
            let Made::Fresh { path, entry, .. } = page else { continue };
            let Some(record) = previous.files.get(path) else { continue };
            // The entry must describe the bytes the output holds (a build that saved its
            // cache may have failed before replacing the output).
            let old = self.previous.get(path).filter(|old| old.digest == record.digest);
            let lost_ids = match (old, entry) {
                (Some(old), Some(new)) if old.ids != new.ids => {
                    let now: HashSet<String> = ids_of(&new.ids).into_iter().collect();
                    ids_of(&old.ids).into_iter().any(|id| !now.contains(&id))
                }
                (Some(_), Some(_)) => false,
                _ => true,
            };
            if lost_ids {
                lost.insert(path.clone());
            }
        }
        Some(lost)
    }

    /// Forgets the cache (the build that would replace it is not the one the output holds).
    pub fn forget(out: &Path) {
        let path = crate::cache::dir_of(out).join(FILE);
        let _ = fs::remove_file(more_of(&path));
        let _ = fs::remove_file(path);
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

/// One page of `renderer`: kept (`Output::keep`) when its key is the one its bytes in the
/// output were made from, else rendered. With no cache (a clean build) it is rendered and
/// nothing is hashed.
pub fn make_page(
    renderer: &Renderer<'_>,
    page: &Page,
    cache: Option<&PageCache>,
    output: &Output,
) -> Result<Made> {
    let Some(cache) = cache else {
        let (path, html) = renderer.render(page)?;
        return Ok(Made::Fresh { path, html, entry: None });
    };
    // Keyed by its inputs where `keys` knows them (no context is made for a page kept), else
    // by its context.
    let path = page.path(renderer);
    let salt = cache.salt.finish();
    let (key, job) = match crate::render::keys::input_key(renderer, page, &path, salt) {
        Some(key) => (key, None),
        None => {
            let job = renderer.job(page)?;
            (cache.key(&job), Some(job))
        }
    };
    if let Some(entry) = cache.hit(&path, key)
        && output.keep(&path, &entry.digest)
    {
        return Ok(Made::Kept { path, entry: entry.clone() });
    }
    let job = match job {
        Some(job) => job,
        None => renderer.job(page)?,
    };
    let html = renderer.render_job(&job)?;
    let entry = Entry {
        key,
        digest: Digest::of(html.as_bytes()),
        ids: Arc::from(page_of_ids(&ids_of(&html))),
        links: links_of(&job.path, &html).map(|links| links.into_iter().map(Arc::from).collect()),
    };
    Ok(Made::Fresh { path: job.path, html, entry: Some(entry) })
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

/// The files the links of the page at `path` point at, resolved as the link check resolves
/// them; `None` when a link holds an entity (the link check decodes it: this does not guess).
/// Links that are broken whatever the other files (absolute, above the root) are left out: the
/// page's bytes alone settle them.
pub fn links_of(path: &str, html: &str) -> Option<Vec<String>> {
    let mut files = std::collections::BTreeSet::new();
    for (_, link) in crate::links::attributes_named(html, &["href", "src"]) {
        if link.contains('&') {
            return None;
        }
        if crate::util::is_external(link) || link.is_empty() || link.starts_with('/') {
            continue;
        }
        let target = link.split('#').next().unwrap_or("");
        let target = target.split('?').next().unwrap_or("");
        if target.is_empty() {
            continue;
        }
        if let Some(file) = crate::links::resolve(path, target) {
            files.insert(file);
        }
    }
    Some(files.into_iter().collect())
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
    fn a_page_key_changes_with_its_context_template_and_salt() {
        let cache = |salt: &str| {
            let mut inputs = Inputs::default();
            inputs.add("test", salt.as_bytes());
            PageCache::load(Path::new("/nonexistent/out"), inputs)
        };
        let (a, b) = (cache("a"), cache("b"));
        let page = job("p.html", context! { title => "T", list => vec!["a", "b"] });
        let key = a.key(&page);
        assert_eq!(key, a.key(&page));
        assert_ne!(key, b.key(&page), "salt");
        let other = job("p.html", context! { title => "U", list => vec!["a", "b"] });
        assert_ne!(key, a.key(&other), "context");
        let listed = job("p.html", context! { title => "T", list => vec!["a", "c"] });
        assert_ne!(key, a.key(&listed), "an item of a list");
        let mut template = job("p.html", context! { title => "T", list => vec!["a", "b"] });
        template.template = "service.html";
        assert_ne!(key, a.key(&template), "template");
        // Lists equal to minijinja key apart: 1 and 1.0 render apart.
        let ints = Value::from_serialize(vec![1, 2]);
        let floats = Value::from_serialize(vec![1.0, 2.0]);
        assert_eq!(ints, floats);
        let (i, f) =
            (job("p.html", context! { list => ints }), job("p.html", context! { list => floats }));
        assert_ne!(a.key(&i), a.key(&f));
    }

    #[test]
    fn markup_and_the_same_text_to_escape_key_apart() {
        let cache = PageCache::load(Path::new("/nonexistent/out"), Inputs::default());
        let text = job("p.html", context! { body => "<b>x</b>" });
        let markup = job("p.html", context! { body => Value::from_safe_string("<b>x</b>".into()) });
        assert_ne!(cache.key(&text), cache.key(&markup));
        // Where a string ends is part of the key: ["ab", "c"] is not ["a", "bc"].
        let split = |a: &str, b: &str| job("p.html", context! { items => vec![a, b] });
        assert_ne!(cache.key(&split("ab", "c")), cache.key(&split("a", "bc")));
    }

    #[test]
    fn ids_read_back_from_their_stand_in_page() {
        let html = "<p id=\"a&amp;b\"></p><h2 id='say \"hi\"'>x</h2><a href=\"#a\">";
        let ids = ids_of(html);
        assert_eq!(ids, ["a&amp;b", "say \"hi\""]);
        assert_eq!(ids_of(&page_of_ids(&ids)), ids);
    }

    #[test]
    fn a_page_links_to_the_files_the_link_check_resolves() {
        let html = "<a href=\"../ports/443.html#tcp\"><a href=\"../ports/443.html\"><img src=\"../a.png\"><a href=\"#top\"><a href=\"https://x.org/\"><a href=\"/abs.html\"><a href=\"../ports/?q=1\">";
        assert_eq!(
            links_of("platforms/p.html", html),
            Some(vec!["a.png".into(), "ports/443.html".into(), "ports/index.html".into()])
        );
        assert_eq!(links_of("index.html", "<a href=\"a.html?x=1&amp;y=2\">"), None);
    }

    #[test]
    fn entries_read_back_as_stored() {
        let digest = Digest::of(b"x");
        let entry = |links: Option<Vec<&str>>| Entry {
            key: digest,
            digest,
            ids: Arc::from(page_of_ids(&["a".into()])),
            links: links.map(|l| l.into_iter().map(Arc::from).collect()),
        };
        let pages: HashMap<String, Entry> = [
            ("a.html".to_owned(), entry(Some(vec!["b.html", "c.html"]))),
            ("b.html".to_owned(), entry(Some(vec!["c.html"]))),
            ("c.html".to_owned(), entry(None)),
        ]
        .into();
        let stored = Stored::from_entries(pages.clone());
        assert_eq!(stored.files.len(), 2);
        // Through the cache file, as the next build reads it.
        let root = std::env::temp_dir().join(format!("portolan-pages-{}", std::process::id()));
        let out = root.join("dist");
        let _ = fs::remove_dir_all(&root);
        fs::create_dir_all(crate::cache::dir_of(&out)).unwrap();
        PageCache::load(&out, Inputs::default()).save(pages.clone());
        let back = PageCache::load(&out, Inputs::default());
        for (path, entry) in &pages {
            assert_eq!(back.previous(path), Some(entry), "{path}");
        }
        assert_eq!(back.previous.len(), pages.len());
        let _ = fs::remove_dir_all(root);
    }

    /// An edit's few changed entries go to the second file, read over the first; a build that
    /// changes many writes the first again and drops the second. Each load reads what the last
    /// save was given, whichever way it was written.
    #[test]
    fn a_few_changed_entries_go_to_the_second_file_and_many_rewrite_the_first() {
        let entry = |n: u8, page: &str| Entry {
            key: Digest::of(&[n]),
            digest: Digest::of(page.as_bytes()),
            ids: Arc::from(page_of_ids(&[format!("{page}-{n}")])),
            links: Some(Arc::from([Arc::from(format!("{page}.html"))])),
        };
        let pages = |changed: usize, n: u8| -> HashMap<String, Entry> {
            (0..20)
                .map(|i| {
                    let page = format!("p{i}");
                    (format!("{page}.html"), entry(if i < changed { n } else { 0 }, &page))
                })
                .collect()
        };
        let root = std::env::temp_dir().join(format!("portolan-pages-more-{}", std::process::id()));
        let out = root.join("dist");
        let _ = fs::remove_dir_all(&root);
        fs::create_dir_all(crate::cache::dir_of(&out)).unwrap();
        let file = crate::cache::dir_of(&out).join(FILE);
        let saved_reads_back = |saved: &HashMap<String, Entry>, step: &str| {
            let back = PageCache::load(&out, Inputs::default());
            assert_eq!(&back.previous, saved, "{step}");
        };
        PageCache::load(&out, Inputs::default()).save(pages(0, 0));
        let first = fs::read(&file).unwrap();
        for (step, changed, n) in [("two pages", 2, 1), ("three pages", 3, 2), ("back", 1, 0)] {
            PageCache::load(&out, Inputs::default()).save(pages(changed, n));
            assert_eq!(fs::read(&file).unwrap(), first, "{step}: the first file was written");
            assert!(more_of(&file).is_file(), "{step}: no second file");
            saved_reads_back(&pages(changed, n), step);
        }
        PageCache::load(&out, Inputs::default()).save(pages(12, 3));
        assert!(!more_of(&file).exists(), "many changed: the second file stayed");
        assert_ne!(fs::read(&file).unwrap(), first, "many changed: the first file was kept");
        saved_reads_back(&pages(12, 3), "many changed");
        let _ = fs::remove_dir_all(root);
    }
}
