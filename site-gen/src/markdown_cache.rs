//! Rendered documents and their platforms' flow diagrams kept between builds into one output
//! folder (`.portolan-cache/<out>/markdown/`, one file per document, named by its key), as the
//! extraction cache keeps extractions. A document's HTML depends on what `markdown::render` is
//! given: its body, its platform and requirements, its page, the map of documents to pages, its
//! source URL, the renderer (site-gen's binary), and which port ranges have a page; its
//! diagram on the platform and the rows the site shows for it (`diagram::flow_svg`). The key
//! is a digest of what serde sees of those (`fingerprint`: no JSON text is made, which cost an
//! edit rebuild as much as rendering). Which port ranges have a page is a question
//! the renderer asks, not data it is given: each entry records the questions and their answers,
//! and is used only when every answer is still the same. The coverage rows are made again
//! from the body (cheap, and they hold static strings serde cannot read back).
//!
//! An entry's file is its head (everything but the HTML and the diagram, MessagePack) after
//! its length, then the HTML and the diagram as they are: a rebuild reads every head (the
//! links to check, the headings), but the HTML and diagram of a platform only when its page
//! is rendered again (`DocumentText`), and keys that page by the entry's key instead of
//! hashing its HTML (decoding a thousand documents' HTML was 151 M instructions of a one-port
//! edit, bench/HISTORY.md "Edit rebuild, session 14").
//!
//! The cache is an optimisation: a file that cannot be read or written is rendered again.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, Result};
use portolan_core::extract::UnresolvedPeer;
use portolan_core::model::PortRange;
use serde::{Deserialize, Serialize};

use crate::cache::{Digest, Inputs};
use crate::markdown::{ContentLink, OutsideLink, RenderContext, Rendered};

/// `Rendered` as stored: everything but the coverage rows, the HTML and the diagram, which
/// follow it in the file (their lengths here).
#[derive(Debug, Serialize, Deserialize)]
struct Head {
    /// Every port range the renderer asked about, and whether it had a page.
    #[serde(with = "port_answers")]
    ports: Vec<(PortRange, bool)>,
    /// (line, as written, page, fragment)
    links: Vec<(u32, String, Option<String>, Option<String>)>,
    unplaced: Vec<String>,
    headings: Vec<(u8, String, String)>,
    /// (line, as written, replaced by)
    outside: Vec<(u32, String, Option<String>)>,
    unplaced_peers: Vec<UnresolvedPeer>,
    /// Bytes of the HTML after the head.
    html: u64,
    /// Bytes of the platform's flow diagram after the HTML, when it has one.
    svg: Option<u64>,
}

/// `Head::ports` stored as numbers: a range is written as its text by serde, and parsing that
/// back for every port a document asked about was most of reading a thousand heads.
mod port_answers {
    use portolan_core::model::PortRange;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(ports: &[(PortRange, bool)], s: S) -> Result<S::Ok, S::Error> {
        let numbers: Vec<(u16, u16, bool)> =
            ports.iter().map(|(range, had)| (range.start(), range.end(), *had)).collect();
        numbers.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Vec<(PortRange, bool)>, D::Error> {
        let numbers = Vec::<(u16, u16, bool)>::deserialize(d)?;
        numbers
            .into_iter()
            .map(|(start, end, had)| {
                PortRange::new(start, end)
                    .map(|range| (range, had))
                    .map_err(serde::de::Error::custom)
            })
            .collect()
    }
}

/// A rendered document's HTML and its platform's flow diagram, which only its platform's page
/// reads (and only when it is rendered again): made by this build, or left in the cache's
/// entry until read.
#[derive(Debug)]
pub enum DocumentText {
    /// Rendered by this build; `key`: the identity of the cache entry it was written as.
    Made { html: String, svg: Option<String>, key: Option<Digest> },
    /// In the cache entry `file`: the HTML at `at`, `html` bytes long, the diagram after it.
    Kept { key: Digest, file: PathBuf, at: u64, html: u64, svg: Option<u64> },
}

impl DocumentText {
    /// Text rendered by this build without the cache.
    pub fn made(html: String, svg: Option<String>) -> DocumentText {
        DocumentText::Made { html, svg, key: None }
    }

    /// What stands for the HTML and the diagram in the platform page's key: a digest of them,
    /// or of the cache entry they are (its key and the answers about port pages it holds: an
    /// entry's text is a function of those).
    pub fn key(&self) -> Digest {
        match self {
            DocumentText::Made { key: Some(key), .. } | DocumentText::Kept { key, .. } => *key,
            DocumentText::Made { html, svg, key: None } => {
                crate::fingerprint::of_all(&[&"text", html, svg])
            }
        }
    }

    /// The HTML and the diagram, read from the cache entry when kept there.
    pub fn read(&self) -> Result<(Cow<'_, str>, Option<Cow<'_, str>>)> {
        match self {
            DocumentText::Made { html, svg, .. } => {
                Ok((Cow::Borrowed(html), svg.as_deref().map(Cow::Borrowed)))
            }
            DocumentText::Kept { file, at, html, svg, .. } => {
                let read = || -> std::io::Result<(String, Option<String>)> {
                    let mut f = fs::File::open(file)?;
                    f.seek(SeekFrom::Start(*at))?;
                    let mut text = |len: u64| -> std::io::Result<String> {
                        let mut bytes = vec![0; usize::try_from(len).unwrap_or(usize::MAX)];
                        f.read_exact(&mut bytes)?;
                        String::from_utf8(bytes).map_err(std::io::Error::other)
                    };
                    let html = text(*html)?;
                    let svg = svg.map(&mut text).transpose()?;
                    Ok((html, svg))
                };
                // Only a cache folder changed during the build gets here.
                let (html, svg) = read().with_context(|| {
                    format!("the rendered document kept in {} went while building", file.display())
                })?;
                Ok((Cow::Owned(html), svg.map(Cow::Owned)))
            }
        }
    }
}

/// The identity of the entry named `name` used with `ports` answered so (`DocumentText::key`).
fn entry_key(name: &str, ports: &[(PortRange, bool)]) -> Digest {
    // The ranges as numbers: serde writes a range as its text, formatted for each one.
    let numbers: Vec<(u16, u16, bool)> =
        ports.iter().map(|(range, had)| (range.start(), range.end(), *had)).collect();
    crate::fingerprint::of_all(&[&"entry", &name, &numbers])
}

/// The head of the entry `path`, and where its HTML starts; `None` when it is missing or does
/// not read as an entry of this site-gen whose HTML and diagram are all there.
fn read_head(path: &Path) -> Option<(Head, u64)> {
    let mut file = fs::File::open(path).ok()?;
    let len = file.metadata().ok()?.len();
    let mut size = [0u8; 4];
    file.read_exact(&mut size).ok()?;
    let size = u64::from(u32::from_le_bytes(size));
    let mut bytes = vec![0; usize::try_from(size).ok().filter(|&n| n as u64 + 4 <= len)?];
    file.read_exact(&mut bytes).ok()?;
    let head: Head = crate::cache::entry_of(&bytes)?;
    let at = 4 + size;
    (at.checked_add(head.html)?.checked_add(head.svg.unwrap_or(0))? == len).then_some((head, at))
}

/// An entry's file: the head's length, the head, the HTML, the diagram.
fn entry_file(head: &Head, html: &str, svg: Option<&str>) -> Option<Vec<u8>> {
    // By field position: `Head` is site-gen's own, no field skipped (`cache::compact_bytes`).
    let head = crate::cache::compact_bytes(head)?;
    let size = u32::try_from(head.len()).ok()?;
    let mut bytes = Vec::with_capacity(4 + head.len() + html.len() + svg.map_or(0, str::len));
    bytes.extend_from_slice(&size.to_le_bytes());
    bytes.extend_from_slice(&head);
    bytes.extend_from_slice(html.as_bytes());
    bytes.extend_from_slice(svg.unwrap_or_default().as_bytes());
    Some(bytes)
}

/// What stands for a document's platform (and maybe its body) in its key.
#[derive(Debug, Clone, Copy)]
pub enum Source {
    /// The platform's digest (`kept_texts::platform_key`): the body is walked as well.
    Platform(Digest),
    /// The key `platform_keys` derives from the document's extraction key and platform id,
    /// which stands for the body that extraction gave too (when the body is the one of the
    /// platform's document).
    Document(Digest),
}

pub struct MarkdownCache {
    dir: PathBuf,
    /// site-gen and the map of documents to pages (the same for every document).
    salt: Inputs,
    /// The keys of this build's documents, so the entries of others can go.
    used: Mutex<HashSet<String>>,
}

impl MarkdownCache {
    /// The cache in `dir`, for a build whose documents map to pages as `documents` says.
    pub fn new(dir: &Path, documents: &BTreeMap<String, String>) -> MarkdownCache {
        let mut salt = Inputs::default();
        let map = serde_json::to_vec(documents).unwrap_or_default();
        salt.add("documents", &map);
        let _ = fs::create_dir_all(dir);
        MarkdownCache { dir: dir.to_path_buf(), salt, used: Mutex::default() }
    }

    /// The entry's name: a digest of everything rendering and drawing are given (`rows`: the
    /// platform's rows as the site shows them, the diagram's input beside the platform). The
    /// platform is keyed by its digest (`platform`, made once per build and shared with the
    /// catalog cache), its requirements again only when they are not the platform's own.
    fn key_of<R: Serialize>(&self, cx: &RenderContext<'_>, source: Source, rows: &R) -> String {
        let (platform, walk_body) = match source {
            Source::Platform(platform) => {
                debug_assert_eq!(platform, crate::kept_texts::platform_key(cx.platform));
                (platform, true)
            }
            Source::Document(key) => {
                (key, cx.body.path != cx.platform.file || cx.body.platform != cx.platform.id)
            }
        };
        let body = walk_body.then_some(cx.body);
        let own = cx.requirements.len() == cx.platform.requirements.len()
            && cx
                .requirements
                .iter()
                .zip(&cx.platform.requirements)
                .all(|(a, b)| std::ptr::eq(*a, b));
        let requirements = (!own).then_some(&cx.requirements);
        let given = (body, platform, requirements, cx.root, cx.page, cx.source_url);
        let digest = crate::fingerprint::of_all(&[&given, rows]);
        let mut inputs = self.salt.clone();
        inputs.add("document", &[digest.len.to_le_bytes(), digest.fx.to_le_bytes()].concat());
        format!("{:016x}{:08x}.mp", inputs.finish(), digest.crc)
    }

    /// `markdown::render(cx)` and `draw()` (the platform's diagram, drawn from `rows`), from
    /// the cache when the document was rendered from the same inputs and every port page it
    /// asked about still exists or not as it did. `source` stands for the platform (`Source`).
    /// The HTML and the diagram are in the `DocumentText` (`Rendered::html` is left empty).
    pub fn render<R: Serialize>(
        &self,
        cx: &RenderContext<'_>,
        source: Source,
        rows: &R,
        draw: impl FnOnce() -> Option<String>,
    ) -> (Rendered, DocumentText) {
        let name = self.key_of(cx, source, rows);
        let path = self.dir.join(&name);
        self.used.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(name.clone());
        let cached = read_head(&path).filter(|(h, _)| {
            h.ports.iter().all(|(range, had)| (cx.port_page_exists)(*range) == *had)
        });
        if let Some((head, at)) = cached {
            let key = entry_key(&name, &head.ports);
            let text = DocumentText::Kept { key, file: path, at, html: head.html, svg: head.svg };
            return (restore(head, cx), text);
        }
        let asked: Mutex<BTreeMap<PortRange, bool>> = Mutex::default();
        let recording = |range: PortRange| {
            let has = (cx.port_page_exists)(range);
            asked.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(range, has);
            has
        };
        let mut rendered = crate::markdown::render(&RenderContext {
            body: cx.body,
            platform: cx.platform,
            requirements: cx.requirements.clone(),
            root: cx.root,
            page: cx.page,
            port_page_exists: &recording,
            documents: cx.documents,
            source_url: cx.source_url,
        });
        let ports: Vec<(PortRange, bool)> = asked
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .into_iter()
            .collect();
        let svg = draw();
        let html = std::mem::take(&mut rendered.html);
        let key = entry_key(&name, &ports);
        let head = head_of(&rendered, ports, &html, svg.as_deref());
        if let Some(bytes) = entry_file(&head, &html, svg.as_deref()) {
            crate::cache::write_entry(&self.dir, &name, &bytes);
        }
        (rendered, DocumentText::Made { html, svg, key: Some(key) })
    }

    /// Removes the entries of documents this build did not render (edited, removed), so the
    /// folder does not grow.
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

fn head_of(r: &Rendered, ports: Vec<(PortRange, bool)>, html: &str, svg: Option<&str>) -> Head {
    Head {
        ports,
        links: r
            .links
            .iter()
            .map(|l| (l.line, l.raw.clone(), l.page.clone(), l.fragment.clone()))
            .collect(),
        unplaced: r.unplaced.clone(),
        headings: r.headings.clone(),
        outside: r.outside.iter().map(|l| (l.line, l.raw.clone(), l.replaced_by.clone())).collect(),
        unplaced_peers: r.unplaced_peers.clone(),
        html: html.len() as u64,
        svg: svg.map(|svg| svg.len() as u64),
    }
}

fn restore(s: Head, cx: &RenderContext<'_>) -> Rendered {
    Rendered {
        html: String::new(),
        links: s
            .links
            .into_iter()
            .map(|(line, raw, page, fragment)| ContentLink { line, raw, page, fragment })
            .collect(),
        unplaced: s.unplaced,
        headings: s.headings,
        outside: s
            .outside
            .into_iter()
            .map(|(line, raw, replaced_by)| OutsideLink { line, raw, replaced_by })
            .collect(),
        coverage: crate::markdown::coverage_rows(&cx.body.coverage),
        unplaced_peers: s.unplaced_peers,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `render` gave, its HTML and diagram read back into place.
    fn whole((mut rendered, text): (Rendered, DocumentText)) -> (Rendered, Option<String>) {
        let (html, svg) = text.read().expect("the entry's text");
        rendered.html = html.into_owned();
        (rendered, svg.map(Cow::into_owned))
    }

    /// Every field of `Rendered`, compared (it has no `PartialEq`).
    fn same(a: &Rendered, b: &Rendered) -> bool {
        a.html == b.html
            && a.links == b.links
            && a.unplaced == b.unplaced
            && a.headings == b.headings
            && a.outside == b.outside
            && a.coverage == b.coverage
            && a.unplaced_peers == b.unplaced_peers
    }

    #[test]
    fn a_cached_document_renders_as_a_fresh_one_until_a_port_page_it_asked_about_goes() {
        let dir = std::env::temp_dir().join(format!("portolan-md-cache-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
        let files = crate::content::read_content_dir(&content).expect("content");
        let extracted = crate::content::extract(&files);
        let documents: BTreeMap<String, String> = extracted
            .catalog
            .platforms
            .iter()
            .map(|p| (p.file.clone(), portolan_core::site_path::platform_page(&p.id)))
            .collect();
        let platform = &extracted.catalog.platforms[0];
        let body = extracted.documents.iter().find(|d| d.path == platform.file).expect("body");
        let page = portolan_core::site_path::platform_page(&platform.id);
        fn every_port(_: PortRange) -> bool {
            true
        }
        fn no_port(_: PortRange) -> bool {
            false
        }
        let cx = |exists: &'static dyn Fn(PortRange) -> bool| RenderContext {
            body,
            platform,
            requirements: platform.requirements.iter().collect(),
            root: "../",
            page: &page,
            port_page_exists: exists,
            documents: &documents,
            source_url: platform.sources.first().map(|s| s.url.as_str()),
        };
        let rows = ["row a", "row b"];
        let key = Source::Platform(crate::kept_texts::platform_key(platform));
        let draw = || Some("<svg>a, b</svg>".to_owned());
        let cache = MarkdownCache::new(&dir, &documents);
        let made = cache.render(&cx(&every_port), key, &rows, draw);
        let made_key = made.1.key();
        let (fresh, svg) = whole(made);
        let kept =
            MarkdownCache::new(&dir, &documents)
                .render(&cx(&every_port), key, &rows, || panic!("drawn again"));
        // The page of a kept document is keyed as when it was made (else it renders again on
        // the next edit), without its HTML read.
        assert!(matches!(kept.1, DocumentText::Kept { .. }) && kept.0.html.is_empty());
        assert_eq!(kept.1.key(), made_key);
        let (again, cached_svg) = whole(kept);
        assert!(same(&fresh, &again));
        assert!(same(&again, &crate::markdown::render(&cx(&every_port))));
        assert_eq!(
            (svg.as_deref(), cached_svg.as_deref()),
            (Some("<svg>a, b</svg>"), svg.as_deref())
        );
        // No port page any more: the entry is not used, the links to port pages go, and the
        // text's key (which the platform page's key holds instead of the HTML) changes.
        let without = MarkdownCache::new(&dir, &documents).render(&cx(&no_port), key, &rows, draw);
        assert_ne!(without.1.key(), made_key);
        let (without, _) = whole(without);
        assert!(same(&without, &crate::markdown::render(&cx(&no_port))));
        assert_ne!(without.html, fresh.html, "the test document links no port page");
        // An entry cut short (its HTML not all there) is not used: rendered and drawn again.
        let file = fs::read_dir(&dir).expect("cache").flatten().next().expect("an entry").path();
        let bytes = fs::read(&file).expect("entry");
        fs::write(&file, &bytes[..bytes.len() - 3]).expect("cut");
        let mut drawn = false;
        let (cut, _) =
            whole(MarkdownCache::new(&dir, &documents).render(&cx(&no_port), key, &rows, || {
                drawn = true;
                draw()
            }));
        assert!(drawn && same(&cut, &without));
        let _ = fs::remove_dir_all(dir);
    }

    /// The diagram is drawn from the platform's rows as the site shows them (their services,
    /// labels): rows that changed without a change to the document draw it again.
    #[test]
    fn a_cached_diagram_is_drawn_again_when_its_rows_change() {
        let dir = std::env::temp_dir().join(format!("portolan-svg-cache-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
        let files = crate::content::read_content_dir(&content).expect("content");
        let extracted = crate::content::extract(&files);
        let platform = &extracted.catalog.platforms[0];
        let body = extracted.documents.iter().find(|d| d.path == platform.file).expect("body");
        let documents = BTreeMap::new();
        let cx = RenderContext {
            body,
            platform,
            requirements: platform.requirements.iter().collect(),
            root: "../",
            page: "platforms/x.html",
            port_page_exists: &|_| true,
            documents: &documents,
            source_url: None,
        };
        let cache = MarkdownCache::new(&dir, &documents);
        let key = Source::Platform(crate::kept_texts::platform_key(platform));
        cache.render(&cx, key, &["https"], || Some("<svg>https</svg>".to_owned()));
        let (_, svg) =
            whole(cache.render(&cx, key, &["ssh"], || Some("<svg>ssh</svg>".to_owned())));
        assert_eq!(svg.as_deref(), Some("<svg>ssh</svg>"));
        // The platform is keyed by its digest: a platform changed in what the body does not
        // hold (its title) is rendered and drawn again.
        let mut renamed = platform.clone();
        renamed.title.push_str(" (renamed)");
        let renamed_cx = RenderContext {
            platform: &renamed,
            requirements: renamed.requirements.iter().collect(),
            ..cx
        };
        let renamed_key = Source::Platform(crate::kept_texts::platform_key(&renamed));
        let (_, svg) =
            whole(cache.render(&renamed_cx, renamed_key, &["ssh"], || {
                Some("<svg>renamed</svg>".to_owned())
            }));
        assert_eq!(svg.as_deref(), Some("<svg>renamed</svg>"));
        let _ = fs::remove_dir_all(dir);
    }
}
