//! `site-gen build`: content → catalog → every page, export, asset and the bundle. Files are
//! written as they are made (pages too: each is scanned for links first), into a folder that replaces the
//! output when the build succeeds.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock, PoisonError};
use std::time::Instant;

use anyhow::{Context, Result};
use portolan_core::diagnostic::Diagnostic;
use rayon::prelude::*;
use rustc_hash::FxHashSet;

use crate::bundle::{BUNDLE_FOLDER, BUNDLE_NAME};
use crate::cache::Manifest;
use crate::config::Config;
use crate::content::read_content_dir;
use crate::iana::Registry;
use crate::kept_texts::{self, Kept};
use crate::links::{PageIds, PageScan};
use crate::markdown::{RenderContext, Rendered, render};
use crate::markdown_cache::{DocumentText, Source};
use crate::memory::Memory;
use crate::output::Output;
use crate::page_cache::{Made, PageCache};
use crate::platform_keys::PlatformKeys;
use crate::render::Theme;
use crate::render::keys::RowKeys;
use crate::render::pages::{Renderer, Shared};
use crate::services::Vocabulary;
use crate::site::ServiceReadings;
use crate::tree::read_tree;
use portolan_core::site_path::platform_page;

use crate::site::SiteData;
use portolan_core::model::Catalog;

/// What a build did.
#[derive(Debug, Default)]
pub struct BuildReport {
    /// Extraction diagnostics (paths shown as on disk) and broken links, in order.
    pub diagnostics: Vec<String>,
    pub errors: usize,
    pub warnings: usize,
    pub broken_links: usize,
    pub failed: bool,
    pub strict: bool,
    /// Wall time of each phase, in order (shown by `--verbose`).
    pub phases: Vec<(&'static str, u128)>,
    /// Path → size of everything written.
    pub files: BTreeMap<String, u64>,
    /// The bundle's gzip members copied from the previous build's, and all of them (`--verbose`).
    pub bundle_members: (usize, usize),
    /// The pages rendered, and all of them (the others were kept from the last build).
    pub pages_rendered: (usize, usize),
    pub millis: u128,
}

impl BuildReport {
    pub fn failure_reason(&self) -> String {
        let mut parts = Vec::new();
        if self.errors > 0 {
            parts.push(format!("{} extraction error(s)", self.errors));
        }
        if self.strict && self.warnings > 0 {
            parts.push(format!("{} warning(s) under --strict", self.warnings));
        }
        if self.broken_links > 0 {
            parts.push(format!("{} broken link(s)", self.broken_links));
        }
        parts.join(", ")
    }

    /// Sizes worth watching: pages, search index, bundle, everything. Raw sizes: gzipping
    /// every page to report this took longer than the build it reports on.
    pub fn summary(&self) -> String {
        let pages: Vec<(&String, u64)> =
            self.files.iter().filter(|(p, _)| p.ends_with(".html")).map(|(p, b)| (p, *b)).collect();
        let total: u64 = self.files.values().sum();
        let largest = pages.iter().max_by_key(|(_, s)| *s);
        let size = |name: &str| self.files.get(name).copied().unwrap_or(0);
        let phases: Vec<String> =
            self.phases.iter().map(|(name, ms)| format!("{name} {ms}")).collect();
        format!(
            "phases (ms): {}\nbuilt {} files ({} pages, {} rendered, {} bytes) in {} ms; largest page {} ({} bytes); search index {} bytes; bundle {} bytes ({} of {} gzip members copied from the last build)",
            phases.join(", "),
            self.files.len(),
            pages.len(),
            self.pages_rendered.0,
            total,
            self.millis,
            largest.map_or("-", |(p, _)| p.as_str()),
            largest.map_or(0, |(_, s)| *s),
            size("assets/search-index.js"),
            size(BUNDLE_NAME),
            self.bundle_members.0,
            self.bundle_members.1,
        )
    }
}

fn shown(diagnostic: &Diagnostic, content: &Path) -> String {
    let mut d = diagnostic.clone();
    d.location.file = content.join(&d.location.file).display().to_string();
    d.to_string()
}

/// Where the site publishes the topology JSON Schema.
pub const TOPOLOGY_SCHEMA_PATH: &str = "schemas/topology.schema.json";

pub fn build(config: &Config) -> Result<BuildReport> {
    build_keeping_caches(config, false)
}

/// `build`; with `from_the_first`, the extraction and page caches are written by the first
/// build into a folder too (`site-gen serve`: a writer's first save is then an incremental
/// build, not a clean one).
pub fn build_keeping_caches(config: &Config, from_the_first: bool) -> Result<BuildReport> {
    build_with(config, from_the_first, None, Free::Yes)
}

/// `build`, for a process that exits once it is done (`site-gen build`): the catalog and the
/// site data are left to the system to take back with the process instead of freed one string
/// at a time (about a million allocations at 1,000 documents: 6% of an edit rebuild's
/// instructions, bench/HISTORY.md "Edit rebuild, session 11").
pub fn build_then_exit(config: &Config) -> Result<BuildReport> {
    build_with(config, false, None, Free::No)
}

/// Whether a build frees what it made before returning (see `build_then_exit`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Free {
    Yes,
    No,
}

/// `build_keeping_caches(config, true)` for a process that builds again and again (`site-gen
/// serve`): the extractions and page entries of its last build are taken from `memory`, not
/// read back from the cache files, and the page entries are left there instead of written.
pub fn build_remembering(config: &Config, memory: &mut Memory) -> Result<BuildReport> {
    build_with(config, true, Some(memory), Free::Yes)
}

fn build_with(
    config: &Config,
    from_the_first: bool,
    mut memory: Option<&mut Memory>,
    free: Free,
) -> Result<BuildReport> {
    // Without it every page's favicon link breaks (132 of them): say so before building.
    if !config.public.is_dir() {
        if config.public == Path::new("public") {
            anyhow::bail!("no public/ here: run from the repository's root or pass --public DIR");
        }
        anyhow::bail!(
            "--public {}: no such folder: run from the repository's root or pass --public DIR",
            config.public.display()
        );
    }
    let started = Instant::now();
    let mut report = BuildReport { strict: config.strict, ..BuildReport::default() };
    let mut phase_start = Instant::now();
    let mut phase = |report: &mut BuildReport, name: &'static str| {
        report.phases.push((name, phase_start.elapsed().as_millis()));
        phase_start = Instant::now();
    };
    let sources = read_content_dir(&config.content)?;
    // Nothing the build reads changed since the last build into this folder, whose files are
    // still as it wrote them: the output is already what this build would write.
    let inputs = crate::cache::inputs_of(config, &sources)?;
    if Manifest::last_inputs(&config.out) == Some(inputs)
        && let Some(last) = Manifest::load(&config.out).filter(|m| m.inputs == inputs)
        && crate::output::up_to_date(&config.out, &last)
    {
        report.warnings = last.warnings;
        report.diagnostics = last.diagnostics;
        // Nothing rebuilt: every member of the bundle is the last build's.
        report.bundle_members = (last.members.len(), last.members.len());
        report.files = last.files.into_iter().map(|(path, r)| (path, r.digest.len)).collect();
        phase(&mut report, "up to date");
        report.millis = started.elapsed().as_millis();
        return Ok(report);
    }
    // The extraction and page caches are kept from the second build into a folder on: writing
    // them costs a clean build (and every benchmark run) about a tenth of its time, for nothing.
    let incremental = from_the_first || Manifest::exists(&config.out);
    // An edit rebuild knows each document's extraction key, which its platform's keys are
    // derived from (`platform_keys`).
    let (extracted, document_keys) = if incremental {
        let dir = crate::cache::dir_of(&config.out).join("extract");
        let remembered = memory.as_deref_mut().map(|m| &mut m.extractions);
        let (extracted, keys) = crate::extract_cache::extract_keeping(&sources, &dir, remembered);
        (extracted, Some(keys))
    } else {
        (crate::content::extract(&sources), None)
    };
    for d in &extracted.diagnostics {
        if d.is_error() {
            report.errors += 1;
        } else {
            report.warnings += 1;
        }
        report.diagnostics.push(shown(d, &config.content));
    }
    if report.errors > 0 || (config.strict && report.warnings > 0) {
        report.failed = true;
        return Ok(report);
    }
    phase(&mut report, "read and extract");
    let catalog = &extracted.catalog;
    let theme = Theme::new(config.theme.as_deref())?;
    // Each platform's keys, for the caches of an edit rebuild (the services of the rows, the
    // catalog script's packed platforms, the search rows, the rendered documents and
    // diagrams), derived from the documents' extraction keys.
    let derived = document_keys.as_ref().and_then(|documents| PlatformKeys::of(catalog, documents));
    let (site, keys) = site_data(config, catalog, derived);
    // Shared: the pages' rows are template objects over it (`render::rows`).
    let site = std::sync::Arc::new(site);
    let keys = match keys {
        Some(keys) => keys,
        None if incremental => PlatformKeys::fingerprinted(catalog, &site),
        None => PlatformKeys::default(),
    };
    let (platform_keys, row_keys) = (&keys.platforms, &keys.rows);
    phase(&mut report, "site data");
    let checker = match &config.checker {
        Some(path) if path.is_file() => Some(
            fs::read(path)
                .with_context(|| format!("cannot read the checker script {}", path.display()))?,
        ),
        _ => None,
    };
    // The host-file readers the checker loads on demand, built beside it (`cargo xtask site`).
    let checker_audit = match config.checker_audit() {
        Some(path) => Some(fs::read(&path).with_context(|| {
            format!("cannot read the checker's host-file readers {}", path.display())
        })?),
        None => None,
    };
    // From here on every file is written as it is made (see `output`).
    let output = Output::open(&config.out, config.bundle)?;
    let mut page_cache = match incremental {
        true => {
            let remembered = memory.as_deref_mut().and_then(|m| m.pages.take());
            Some(PageCache::load_or(&config.out, crate::page_cache::salt_of(config)?, remembered))
        }
        false => None,
    };
    let has_checker = checker.is_some();
    let checked = (|| -> Result<Option<MadePages>> {
        // The exports need nothing of the documents and the pages, nor they of the exports: they
        // are made side by side (each leaves a core idle at times on its own). A page made
        // before the exports are written has its links to them settled at the link check.
        let exports_written: OnceLock<FxHashSet<String>> = OnceLock::new();
        let bundle_gate = BundleGate::default();
        let stop = AtomicBool::new(false);
        let (exports, documents_and_pages) = rayon::join(
            || -> Result<u128> {
                let started = Instant::now();
                let kept = incremental.then(|| crate::cache::dir_of(&config.out));
                let kept_dir = kept.as_deref();
                let kept = kept_dir.map(|dir| (dir, platform_keys.as_slice()));
                let kept_rows = kept_dir.map(|dir| (dir, row_keys.as_slice()));
                let sources = Sources { checker, checker_audit, kept, kept_rows };
                let written = write_files(config, &output, &theme, catalog, &site, sources);
                if written.is_err() {
                    stop.store(true, Ordering::Relaxed);
                }
                written?;
                let _ = exports_written.set(output.sizes().into_keys().collect());
                bundle_gate.exports_written(&output);
                Ok(started.elapsed().as_millis())
            },
            || -> Result<_> {
                let started = Instant::now();
                let (docs_html, doc_files, texts) =
                    documents_and_diagrams(config, &extracted, &site, &keys);
                let documents_ms = started.elapsed().as_millis();
                // An edit rebuild keys every page by its rows' digests: each platform's are
                // kept under its rows key.
                let lazy = match page_cache.is_some() && row_keys.len() == catalog.platforms.len() {
                    true => {
                        let dir = crate::cache::dir_of(&config.out);
                        Shared::with_row_keys(RowKeys::kept(catalog, &site, row_keys, &dir))
                    }
                    false => Shared::default(),
                };
                let renderer = Renderer {
                    site_url: config.site_url.as_deref(),
                    env: theme.environment(),
                    theme: &theme,
                    catalog,
                    site: &site,
                    documents: &docs_html,
                    texts: &texts,
                    has_checker,
                    has_bundle: config.bundle,
                    lazy,
                };
                let pages = renderer.pages();
                let side = Beside { exports: &exports_written, bundle: &bundle_gate, stop: &stop };
                let made = make_and_write_pages(
                    config,
                    &renderer,
                    &pages,
                    page_cache.as_ref(),
                    &output,
                    &side,
                )?;
                let pages_ms = started.elapsed().as_millis() - documents_ms;
                Ok((docs_html, doc_files, made, documents_ms, pages_ms))
            },
        );
        let exports_ms = exports?;
        let (docs_html, doc_files, made, documents_ms, pages_ms) = documents_and_pages?;
        report.phases.push(("documents and diagrams", documents_ms));
        report.phases.push(("exports and search index", exports_ms));
        report.phases.push(("pages", pages_ms));
        let fresh = made.pages.iter().filter(|page| matches!(page, Made::Fresh { .. })).count();
        report.pages_rendered = (fresh, made.pages.len());
        let sitemap_pages: Vec<String> = made
            .pages
            .iter()
            .map(Made::path)
            .filter(|p| *p != "404.html" && *p != "search.html")
            .map(str::to_owned)
            .collect();
        output.put(
            SITEMAP.into(),
            crate::exports::sitemap(&sitemap_pages, config.site_url.as_deref()).into_bytes(),
        )?;
        phase(&mut report, "documents, exports and pages: wall time, side by side");
        let ok = check_links(
            config,
            &output,
            &docs_html,
            &doc_files,
            &made,
            page_cache.as_ref(),
            &mut report,
        )?;
        Ok(ok.then_some(made))
    })();
    let made = match checked {
        Ok(Some(made)) => made,
        Ok(None) => {
            output.discard()?;
            return Ok(report);
        }
        Err(e) => {
            // The error is what matters; a staging folder left behind is removed by the next build.
            let _ = output.discard();
            return Err(e);
        }
    };
    phase(&mut report, "link check");
    let mut entries = HashMap::new();
    for page in made.pages {
        match page {
            Made::Fresh { path, entry: Some(entry), .. } | Made::Kept { path, entry } => {
                entries.insert(path, entry);
            }
            Made::Fresh { entry: None, .. } => {}
        }
    }
    // The page cache is saved beside the bundle: an entry only says which bytes a key renders
    // to, true whether or not this build gets committed (the next build checks each against
    // the manifest).
    let (bundle, ()) = rayon::join(
        || match config.bundle {
            true => output.write_bundle(BUNDLE_NAME, BUNDLE_FOLDER),
            false => Ok((0, 0)),
        },
        || match (page_cache.take(), memory) {
            (Some(_), Some(memory)) => memory.pages = Some(entries),
            (Some(cache), None) => cache.save(entries),
            (None, _) => {}
        },
    );
    report.bundle_members = bundle?;
    phase(&mut report, "bundle");
    let manifest = Manifest {
        diagnostics: report.diagnostics.clone(),
        warnings: report.warnings,
        ..Manifest::new(inputs)
    };
    report.files = output.commit(manifest)?;
    phase(&mut report, "replace the output");
    report.millis = started.elapsed().as_millis();
    if free == Free::No {
        std::mem::forget(site);
        std::mem::forget(extracted);
    }
    Ok(report)
}

const SITEMAP: &str = "sitemap.xml";

/// The site data of `catalog`; with `keys` (an edit rebuild's), each platform's rows read as
/// the services the last build read them as when their rows key is unchanged, and this
/// build's readings kept for the next (`kept_texts::SERVICES`).
fn site_data(
    config: &Config,
    catalog: &Catalog,
    keys: Option<PlatformKeys>,
) -> (SiteData, Option<PlatformKeys>) {
    let (vocabulary, registry) = (Vocabulary::builtin(), Registry::builtin());
    let Some(keys) = keys else {
        return (SiteData::new(catalog, &vocabulary, &registry), None);
    };
    let dir = crate::cache::dir_of(&config.out);
    let last = Kept::<ServiceReadings>::load(&dir, kept_texts::SERVICES);
    let texts = last.texts();
    let given: Vec<Option<&ServiceReadings>> =
        keys.rows.iter().map(|key| texts.get(key).copied()).collect();
    let (site, readings) = SiteData::with_readings(catalog, &vocabulary, &registry, &given);
    if given.iter().any(Option::is_none) || texts.len() != given.len() {
        let kept = keys.rows.iter().copied().zip(readings.iter());
        Kept::<ServiceReadings>::save_changes(last.base_keys(), &dir, kept_texts::SERVICES, kept);
    }
    (site, Some(keys))
}

/// The documents rendered, one per platform in catalog order (with the file each came from),
/// and each one's HTML with its platform's flow diagram (`Rendered::html` is left empty).
/// `keys` (each platform's, `platform_keys`) are given for an edit rebuild, which keeps
/// rendered documents in its cache; none for a clean build.
fn documents_and_diagrams(
    config: &Config,
    extracted: &portolan_core::extract::CatalogBuild,
    site: &SiteData,
    keys: &PlatformKeys,
) -> (Vec<Rendered>, Vec<String>, Vec<DocumentText>) {
    let (platform_keys, row_keys) = (&keys.platforms, &keys.rows);
    let catalog = &extracted.catalog;
    let documents: BTreeMap<String, String> =
        catalog.platforms.iter().map(|p| (p.file.clone(), platform_page(&p.id))).collect();
    let port_exists = |range| site.port_entry(range).is_some();
    let count = catalog.platforms.len();
    let incremental = count > 0 && platform_keys.len() == count && row_keys.len() == count;
    let markdown_cache = incremental.then(|| {
        let dir = crate::cache::dir_of(&config.out).join("markdown");
        crate::markdown_cache::MarkdownCache::new(&dir, &documents)
    });
    // The first document of each platform id and of each path (a map, not a scan per platform).
    let mut by_platform: HashMap<&str, usize> = HashMap::new();
    let mut by_path: HashMap<&str, usize> = HashMap::new();
    for (i, d) in extracted.documents.iter().enumerate() {
        by_platform.entry(d.platform.as_str()).or_insert(i);
        by_path.entry(d.path.as_str()).or_insert(i);
    }
    let made = |mut rendered: Rendered, svg: Option<String>| {
        let html = std::mem::take(&mut rendered.html);
        (rendered, DocumentText::made(html, svg))
    };
    let rendered: Vec<(Rendered, String, DocumentText)> = catalog
        .platforms
        .par_iter()
        .enumerate()
        .map(|(index, platform)| {
            let first = match (
                by_platform.get(platform.id.as_str()),
                by_path.get(platform.file.as_str()),
            ) {
                (Some(&a), Some(&b)) => Some(a.min(b)),
                (a, b) => a.or(b).copied(),
            };
            let body = first.and_then(|i| extracted.documents.get(i));
            let page = platform_page(&platform.id);
            // The flow diagram, kept with the document in the cache (its key holds the rows).
            let reqs: Vec<&crate::site::ReqView> = site.reqs_of(&platform.id).collect();
            let draw = || crate::diagram::flow_svg(platform, &reqs);
            match body {
                Some(body) => {
                    let cx = RenderContext {
                        body,
                        platform,
                        requirements: platform.requirements.iter().collect(),
                        root: "../",
                        page: &page,
                        port_page_exists: &port_exists,
                        documents: &documents,
                        source_url: platform.sources.first().map(|s| s.url.as_str()),
                    };
                    let source = platform_keys.get(index).map(|k| match keys.with_body {
                        true => Source::Document(*k),
                        false => Source::Platform(*k),
                    });
                    let keys = source.zip(row_keys.get(index));
                    // The rows by their digest: `draw` reads `reqs`, whose key it is.
                    let (rendered, text) = match (&markdown_cache, keys) {
                        (Some(cache), Some((key, rows))) => cache.render(&cx, key, rows, draw),
                        _ => made(render(&cx), draw()),
                    };
                    (rendered, body.path.clone(), text)
                }
                None => {
                    let (rendered, text) = made(Rendered::default(), draw());
                    (rendered, platform.file.clone(), text)
                }
            }
        })
        .collect();
    if let Some(cache) = &markdown_cache {
        cache.prune();
    }
    let mut docs_html = Vec::with_capacity(rendered.len());
    let mut doc_files = Vec::with_capacity(rendered.len());
    let mut texts = Vec::with_capacity(rendered.len());
    for (html, file, text) in rendered {
        docs_html.push(html);
        doc_files.push(file);
        texts.push(text);
    }
    (docs_html, doc_files, texts)
}

/// The pages of a build, in the renderer's order: each page as made (a fresh one's HTML is
/// written, so it is empty here), and what its links were found to be as it was made.
struct MadePages {
    pages: Vec<Made>,
    scans: Vec<Option<PageScan>>,
}

/// What the pages are made beside: the exports (their files, once written), the bundle
/// waiting for the list of files, and the stop asked when the exports failed.
struct Beside<'a> {
    exports: &'a OnceLock<FxHashSet<String>>,
    bundle: &'a BundleGate,
    stop: &'a AtomicBool,
}

/// The bundle is streamed (`Output::stream_bundle`) once every file it will hold is known:
/// when both the exports are written and the pages are listed, whichever comes last.
#[derive(Default)]
struct BundleGate(Mutex<(bool, Option<Vec<String>>)>);

impl BundleGate {
    fn exports_written(&self, output: &Output) {
        let mut gate = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        gate.0 = true;
        if let Some(pages) = gate.1.take() {
            output.stream_bundle(BUNDLE_FOLDER, pages.into_iter().chain([SITEMAP.to_owned()]));
        }
    }

    fn pages_listed(&self, output: &Output, pages: &[String]) {
        let mut gate = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        match gate.0 {
            true => output
                .stream_bundle(BUNDLE_FOLDER, pages.iter().cloned().chain([SITEMAP.to_owned()])),
            false => gate.1 = Some(pages.to_vec()),
        }
    }
}

/// Makes every page and writes it at once: its links are read (`PageScan`) and its bytes go to
/// the output (and the bundle being made there) while the page is in memory, so no page is
/// held until the end. Pages are made in path order, the bundle's: the cores take them in
/// turn (first in, first out), so the bundle's tar fills in order as they come.
fn make_and_write_pages(
    config: &Config,
    renderer: &Renderer<'_>,
    pages: &[crate::render::pages::Page],
    cache: Option<&PageCache>,
    output: &Output,
    beside: &Beside<'_>,
) -> Result<MadePages> {
    let paths: Vec<String> = pages.iter().map(|page| page.path(renderer)).collect();
    beside.bundle.pages_listed(output, &paths);
    // The files every page may link to, known before any page is made: the pages, the
    // sitemap, the bundle, and the exports once they are written.
    let page_set: FxHashSet<&str> = paths.iter().map(String::as_str).collect();
    let known: FxHashSet<&str> = page_set
        .iter()
        .copied()
        .chain([SITEMAP])
        .chain(config.bundle.then_some(BUNDLE_NAME))
        .collect();
    let has_file = |file: &str| match known.contains(file) {
        true => Some(true),
        false => beside.exports.get().map(|exports| exports.contains(file)),
    };
    let one = |i: usize| -> Result<Option<(Made, Option<PageScan>)>> {
        let Some(page) = pages.get(i) else { return Ok(None) };
        let mut made = crate::page_cache::make_page(renderer, page, cache, output)?;
        let scan = match &mut made {
            Made::Fresh { path, html, .. } => {
                let html = std::mem::take(html);
                let scan = PageScan::new(path, &html, has_file, |page| page_set.contains(page));
                output.put(path.clone(), html.into_bytes())?;
                Some(scan)
            }
            Made::Kept { .. } => None,
        };
        Ok(Some((made, scan)))
    };
    let mut order: Vec<usize> = (0..pages.len()).collect();
    order.sort_by(|&a, &b| paths[a].cmp(&paths[b]));
    let slots: Vec<OnceLock<(Made, Option<PageScan>)>> =
        pages.iter().map(|_| OnceLock::new()).collect();
    let failure: Mutex<Option<anyhow::Error>> = Mutex::new(None);
    // One job per page, in path order (`spawn_fifo`: taken oldest first by every core), so a
    // core busy with the exports takes pages between its own jobs.
    rayon::scope_fifo(|scope| {
        for &i in &order {
            let (one, slots, failure, stop) = (&one, &slots, &failure, beside.stop);
            scope.spawn_fifo(move |_| {
                if stop.load(Ordering::Relaxed) {
                    return;
                }
                match one(i) {
                    Ok(Some(made)) => {
                        if let Some(slot) = slots.get(i) {
                            let _ = slot.set(made);
                        }
                    }
                    Ok(None) => {}
                    Err(e) => {
                        stop.store(true, Ordering::Relaxed);
                        failure.lock().unwrap_or_else(PoisonError::into_inner).get_or_insert(e);
                    }
                }
            });
        }
    });
    if let Some(e) = failure.into_inner().unwrap_or_else(PoisonError::into_inner) {
        return Err(e);
    }
    if beside.stop.load(Ordering::Relaxed) {
        // The exports failed: their error is the one reported.
        return Ok(MadePages { pages: Vec::new(), scans: Vec::new() });
    }
    let (pages, scans) = slots.into_iter().filter_map(OnceLock::into_inner).unzip();
    Ok(MadePages { pages, scans })
}

/// What the exports are made from beside the catalog: the checker's scripts, and the cache
/// folder of an edit rebuild (the packed platforms kept there, `kept_texts`).
struct Sources<'a> {
    checker: Option<Vec<u8>>,
    checker_audit: Option<Vec<u8>>,
    kept: Option<(&'a Path, &'a [crate::cache::Digest])>,
    /// The same folder, with each platform's `search::rows_key`.
    kept_rows: Option<(&'a Path, &'a [crate::cache::Digest])>,
}

/// Every file but the pages and the sitemap: public files, theme assets, exports, search index.
fn write_files(
    config: &Config,
    output: &Output,
    theme: &Theme,
    catalog: &Catalog,
    site: &SiteData,
    sources: Sources<'_>,
) -> Result<()> {
    let Sources { checker, checker_audit, kept, kept_rows } = sources;
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    if config.public.is_dir() {
        files.extend(read_tree(&config.public)?);
    }
    files
        .extend(theme.assets()?.into_iter().map(|(name, bytes)| (format!("assets/{name}"), bytes)));
    if let Some(checker) = checker {
        files.push(("assets/checker.js".into(), checker));
    }
    if let Some(readers) = checker_audit {
        files.push(("assets/checker-audit.js".into(), readers));
    }
    files.push((
        "robots.txt".into(),
        crate::exports::robots(config.site_url.as_deref()).into_bytes(),
    ));
    // The topology schema editors complete against (`# yaml-language-server: $schema=…`),
    // generated from the same function as the committed `schemas/topology.schema.json`.
    files.push((
        TOPOLOGY_SCHEMA_PATH.into(),
        portolan_core::topology::schema::schema_text().into_bytes(),
    ));
    output.put_all(files)?;
    // The exports are independent of each other: the catalog JSON family, the search index
    // and the services of the rows are made side by side, each written (and dropped) as soon as it is made.
    // Each written (and dropped) as soon as it is made, side by side. One copy of each export:
    // per-platform JSON and CSV are made in the page (see `exports`).
    let (exports, (search, services)) = rayon::join(
        || -> Result<()> {
            output.put(
                crate::exports::CATALOG_SCRIPT.to_owned(),
                crate::exports::catalog_js(catalog, kept)?.into_bytes(),
            )
        },
        || {
            rayon::join(
                || -> Result<()> {
                    output.put_all(
                        crate::search::index_files(catalog, site, kept_rows)?
                            .into_iter()
                            .map(|(path, text)| (path, text.into_bytes()))
                            .collect(),
                    )
                },
                || -> Result<()> {
                    output.put(
                        crate::exports::SERVICES_SCRIPT.to_owned(),
                        crate::exports::services_js(catalog, &site.reqs)?.into_bytes(),
                    )
                },
            )
        },
    );
    exports.and(search).and(services)
}

/// Links written in the documents (reported at their markdown line) and every link of every
/// page. False when a link is broken (the report says which).
fn check_links(
    config: &Config,
    output: &Output,
    documents: &[Rendered],
    files: &[String],
    made: &MadePages,
    cache: Option<&PageCache>,
    report: &mut BuildReport,
) -> Result<bool> {
    let others = output.sizes();
    // The ids of every page: a page this build made as its scan read them, a page it kept by
    // the ids its cache entry holds (its links were checked when it was made), read when a
    // link asks (no link asks about most of them).
    let ids = made.pages.iter().zip(&made.scans).map(|(page, scan)| {
        let ids = match (page, scan) {
            (_, Some(scan)) => {
                PageIds::Found(scan.ids.iter().map(|id| Cow::Borrowed(&**id)).collect())
            }
            (Made::Kept { entry, .. }, None) => PageIds::in_text(&entry.ids),
            (Made::Fresh { .. }, None) => PageIds::Found(Default::default()),
        };
        (page.path(), ids)
    });
    // The bundle is written last, but the pages link to it.
    let bundle = config.bundle.then_some(BUNDLE_NAME);
    let targets =
        crate::links::Targets::from_ids(others.keys().map(String::as_str).chain(bundle), ids);
    let mut broken: Vec<String> = Vec::new();
    // Links into the vendor's own site: warnings, not errors (the page still works).
    for (rendered, file) in documents.iter().zip(files) {
        for link in &rendered.outside {
            let at = format!("{}:{}", config.content.join(file).display(), link.line);
            let now = match &link.replaced_by {
                Some(url) => format!("linked to {url} (the document's source) instead"),
                None => "shown as plain text (the document names no source URL)".to_owned(),
            };
            report.warnings += 1;
            report.diagnostics.push(format!(
                "{at}: warning[link-outside-content]: `{}` leaves the content folder; {now}",
                link.raw
            ));
        }
    }
    if config.strict && report.warnings > 0 {
        report.failed = true;
    }
    for (rendered, file) in documents.iter().zip(files) {
        for link in &rendered.links {
            let at = format!("{}:{}", config.content.join(file).display(), link.line);
            let problem = match &link.page {
                None => Some("links to a document that is not in the content folder".to_owned()),
                Some(page) if !targets.has_file(page) => {
                    Some(format!("the page {page} does not exist"))
                }
                Some(page) => link
                    .fragment
                    .as_ref()
                    .filter(|f| !f.is_empty() && !targets.has_id(page, f))
                    .map(|f| format!("{page} has no section `#{f}`")),
            };
            if let Some(problem) = problem {
                broken.push(format!("{at}: error[broken-link]: `{}`: {problem}", link.raw));
            }
        }
    }
    for b in check_pages(config, output, made, cache, &targets)? {
        broken.push(format!("{}/{}", config.out.display(), b));
    }
    report.broken_links = broken.len();
    report.diagnostics.extend(broken);
    if report.broken_links > 0 {
        report.failed = true;
    }
    Ok(!report.failed)
}

/// The broken links of the pages, as a check of every page finds them: the pages this build
/// made (from what their scans found), and the kept pages that link to a file it may have
/// broken a link into (see `PageCache::lost_targets`); when one is broken, or that is
/// unknown, every page.
fn check_pages(
    config: &Config,
    output: &Output,
    made: &MadePages,
    cache: Option<&PageCache>,
    targets: &crate::links::Targets<'_>,
) -> Result<Vec<crate::links::BrokenLink>> {
    let fresh: Vec<Vec<crate::links::BrokenLink>> = made
        .pages
        .par_iter()
        .zip(&made.scans)
        .map(|(page, scan)| {
            scan.as_ref().map(|s| s.broken(page.path(), targets)).unwrap_or_default()
        })
        .collect();
    let broken: Vec<crate::links::BrokenLink> = fresh.iter().flatten().cloned().collect();
    let all_fresh = made.pages.iter().all(|page| matches!(page, Made::Fresh { .. }));
    let Some(cache) = cache.filter(|_| !all_fresh) else { return Ok(broken) };
    // The kept pages to read again: those linking to a lost target (all when that is unknown
    // or a link is broken: then every page is checked, so the report is a full check's).
    let lost = match broken.is_empty() {
        true => cache.lost_targets(output.previous(), &made.pages, |path| targets.has_file(path)),
        false => None,
    };
    if lost.as_ref().is_some_and(|lost| lost.is_empty()) {
        return Ok(broken);
    }
    let reread = |page: &Made| match (page, &lost) {
        (Made::Fresh { .. }, _) => false,
        (Made::Kept { entry, .. }, Some(lost)) => match &entry.links {
            Some(links) => links.iter().any(|file| lost.contains(&**file)),
            None => true,
        },
        (Made::Kept { .. }, None) => true,
    };
    // Every page in order: a fresh one's broken links as found, a kept one read again if `read`.
    let check = |read: &(dyn Fn(&Made) -> bool + Sync)| -> Result<Vec<crate::links::BrokenLink>> {
        let per_page: Vec<Vec<crate::links::BrokenLink>> = made
            .pages
            .par_iter()
            .zip(&fresh)
            .map(|(page, fresh)| match page {
                Made::Fresh { .. } => Ok(fresh.clone()),
                Made::Kept { path, .. } if read(page) => {
                    let file = config.out.join(path);
                    let html = fs::read_to_string(&file)
                        .with_context(|| format!("cannot read {}", file.display()))?;
                    Ok(targets.check(&[(path.as_str(), html.as_str())]))
                }
                Made::Kept { .. } => Ok(Vec::new()),
            })
            .collect::<Result<_>>()?;
        Ok(per_page.into_iter().flatten().collect())
    };
    let broken = check(&reread)?;
    if broken.is_empty() || lost.is_none() {
        return Ok(broken);
    }
    // Broken links among the pages read again: report them as a check of every page does.
    check(&|_| true)
}
