//! `site-gen build`: content → catalog → every page, export, asset and the bundle, held in
//! memory, link-checked, then written to the output folder.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use portolan_core::diagnostic::Diagnostic;
use rayon::prelude::*;

use crate::cli::BuildArgs;
use crate::content::{extract, read_content_dir};
use crate::iana::Registry;
use crate::links::BrokenLink;
use crate::markdown::{RenderContext, Rendered, render};
use crate::render::Theme;
use crate::render::pages::Renderer;
use crate::services::Vocabulary;
use crate::site::{SiteData, platform_url};

pub const BUNDLE_NAME: &str = "portolan-site.zip";

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
    /// Path → bytes of everything written.
    pub files: BTreeMap<String, Vec<u8>>,
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
        let pages: Vec<(&String, usize)> =
            self.files.iter().filter(|(p, _)| p.ends_with(".html")).map(|(p, b)| (p, b.len())).collect();
        let total: usize = self.files.values().map(Vec::len).sum();
        let largest = pages.iter().max_by_key(|(_, s)| *s);
        let size = |name: &str| self.files.get(name).map_or(0, Vec::len);
        let phases: Vec<String> = self.phases.iter().map(|(name, ms)| format!("{name} {ms}")).collect();
        format!(
            "phases (ms): {}\nbuilt {} files ({} pages, {} bytes) in {} ms; largest page {} ({} bytes); search index {} bytes; bundle {} bytes",
            phases.join(", "),
            self.files.len(),
            pages.len(),
            total,
            self.millis,
            largest.map_or("-", |(p, _)| p.as_str()),
            largest.map_or(0, |(_, s)| *s),
            size("assets/search-index.js"),
            size(BUNDLE_NAME),
        )
    }
}

/// Every file under `dir`, as (relative path with `/`, bytes), sorted.
pub fn read_tree(dir: &Path) -> Result<Vec<(String, Vec<u8>)>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        let entries = fs::read_dir(&folder).with_context(|| format!("cannot read folder {}", folder.display()))?;
        for entry in entries {
            let entry = entry.with_context(|| format!("cannot read folder {}", folder.display()))?;
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
                let relative = path.strip_prefix(dir).unwrap_or(&path).to_string_lossy().replace('\\', "/");
                out.push((relative, bytes));
            }
        }
    }
    out.sort();
    Ok(out)
}

fn shown(diagnostic: &Diagnostic, content: &Path) -> String {
    let mut d = diagnostic.clone();
    d.location.file = content.join(&d.location.file).display().to_string();
    d.to_string()
}

/// Where the site publishes the topology JSON Schema.
pub const TOPOLOGY_SCHEMA_PATH: &str = "schemas/topology.schema.json";

pub fn build(args: &BuildArgs) -> Result<BuildReport> {
    let started = Instant::now();
    let mut report = BuildReport { strict: args.strict, ..BuildReport::default() };
    let mut phase_start = Instant::now();
    let mut phase = |report: &mut BuildReport, name: &'static str| {
        report.phases.push((name, phase_start.elapsed().as_millis()));
        phase_start = Instant::now();
    };
    let sources = read_content_dir(&args.content)?;
    let extracted = extract(&sources);
    for d in &extracted.diagnostics {
        if d.is_error() {
            report.errors += 1;
        } else {
            report.warnings += 1;
        }
        report.diagnostics.push(shown(d, &args.content));
    }
    if report.errors > 0 || (args.strict && report.warnings > 0) {
        report.failed = true;
        return Ok(report);
    }
    phase(&mut report, "read and extract");
    let catalog = &extracted.catalog;
    let theme = Theme::new(args.theme.as_deref())?;
    let site = SiteData::new(catalog, &Vocabulary::builtin(), &Registry::builtin());

    phase(&mut report, "site data");
    // Documents → HTML, one per platform (in catalog order).
    let documents: BTreeMap<String, String> =
        catalog.platforms.iter().map(|p| (p.file.clone(), platform_url(&p.id))).collect();
    let port_exists = |range| site.port_entry(range).is_some();
    // The first document of each platform id and of each path (a map, not a scan per platform).
    let mut by_platform: HashMap<&str, usize> = HashMap::new();
    let mut by_path: HashMap<&str, usize> = HashMap::new();
    for (i, d) in extracted.documents.iter().enumerate() {
        by_platform.entry(d.platform.as_str()).or_insert(i);
        by_path.entry(d.path.as_str()).or_insert(i);
    }
    let rendered: Vec<(Rendered, String)> = catalog
        .platforms
        .par_iter()
        .map(|platform| {
            let first = match (by_platform.get(platform.id.as_str()), by_path.get(platform.file.as_str())) {
                (Some(&a), Some(&b)) => Some(a.min(b)),
                (a, b) => a.or(b).copied(),
            };
            let body = first.map(|i| &extracted.documents[i]);
            let page = platform_url(&platform.id);
            match body {
                Some(body) => {
                    let cx = RenderContext {
                        body,
                        requirements: platform.requirements.iter().collect(),
                        root: "../",
                        page: &page,
                        port_page_exists: &port_exists,
                        documents: &documents,
                    };
                    (render(&cx), body.path.clone())
                }
                None => (Rendered::default(), platform.file.clone()),
            }
        })
        .collect();
    let svgs: Vec<Option<String>> = catalog
        .platforms
        .par_iter()
        .map(|p| {
            let reqs: Vec<&crate::site::ReqView> = site.reqs_of(&p.id).collect();
            crate::diagram::flow_svg(p, &reqs)
        })
        .collect();
    let docs_html: Vec<Rendered> = rendered.iter().map(|(r, _)| r.clone()).collect();

    let checker = match &args.checker {
        Some(path) if path.is_file() => {
            Some(fs::read(path).with_context(|| format!("cannot read the checker script {}", path.display()))?)
        }
        _ => None,
    };
    phase(&mut report, "documents and diagrams");
    let renderer = Renderer {
        site_url: args.site_url.as_deref(),
        env: theme.environment(),
        theme: &theme,
        catalog,
        site: &site,
        documents: &docs_html,
        svgs: &svgs,
        has_checker: checker.is_some(),
        has_bundle: !args.no_bundle,
        nav: Default::default(),
        port_links: Default::default(),
    };
    let pages = renderer.pages();
    let html: Vec<(String, String)> = pages.par_iter().map(|page| renderer.render(page)).collect::<Result<_>>()?;

    phase(&mut report, "pages");
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    if args.public.is_dir() {
        for (path, bytes) in read_tree(&args.public)? {
            files.insert(path, bytes);
        }
    }
    for (name, bytes) in theme.assets()? {
        files.insert(format!("assets/{name}"), bytes);
    }
    let mut sitemap_pages = Vec::new();
    for (path, text) in html {
        if path != "404.html" && path != "search.html" {
            sitemap_pages.push(path.clone());
        }
        files.insert(path, text.into_bytes());
    }
    // The exports are independent of each other: the catalog JSON family, the search index
    // and the CSVs are made side by side, each of them on every core inside.
    let ((exports, search), (csv, platform_csv)) = rayon::join(
        || rayon::join(|| crate::exports::catalog_exports(catalog), || crate::search::index_files(catalog, &site)),
        || {
            rayon::join(
                || crate::exports::requirements_csv(&site.reqs),
                || catalog.platforms.par_iter().map(|p| crate::exports::requirements_csv(site.reqs_of(&p.id))).collect::<Vec<_>>(),
            )
        },
    );
    let exports = exports?;
    files.insert("catalog.json".into(), exports.catalog_json.into_bytes());
    files.insert("assets/catalog.js".into(), exports.catalog_js.into_bytes());
    for (path, text) in search? {
        files.insert(path, text.into_bytes());
    }
    files.insert("ports.csv".into(), csv.into_bytes());
    for ((p, json), csv) in catalog.platforms.iter().zip(exports.platform_json).zip(platform_csv) {
        files.insert(format!("platforms/{}.json", p.id), json.into_bytes());
        files.insert(format!("platforms/{}.csv", p.id), csv.into_bytes());
    }
    if let Some(checker) = checker {
        files.insert("assets/checker.js".into(), checker);
    }
    files.insert("sitemap.xml".into(), crate::exports::sitemap(&sitemap_pages, args.site_url.as_deref()).into_bytes());
    files.insert("robots.txt".into(), crate::exports::robots(args.site_url.as_deref()).into_bytes());
    // The topology schema editors complete against (`# yaml-language-server: $schema=…`),
    // generated from the same function as the committed `schemas/topology.schema.json`.
    files.insert(TOPOLOGY_SCHEMA_PATH.into(), portolan_core::topology::schema::schema_text().into_bytes());

    phase(&mut report, "exports and search index");
    // Links written in the documents, reported at their markdown line.
    let mut broken: Vec<String> = Vec::new();
    for (rendered, file) in &rendered {
        for link in &rendered.links {
            let at = format!("{}:{}", args.content.join(file).display(), link.line);
            let problem = match &link.page {
                None => Some("links to a document that is not in the content folder".to_owned()),
                Some(page) if !files.contains_key(page) => Some(format!("the page {page} does not exist")),
                Some(page) => link.fragment.as_ref().filter(|f| !f.is_empty()).and_then(|f| {
                    let text = std::str::from_utf8(&files[page]).unwrap_or("");
                    let found = crate::links::attributes(text, "id").iter().any(|(_, id)| id == f);
                    (!found).then(|| format!("{page} has no section `#{f}`"))
                }),
            };
            if let Some(problem) = problem {
                broken.push(format!("{at}: error[broken-link]: `{}`: {problem}", link.raw));
            }
        }
    }

    phase(&mut report, "document links");
    if !args.no_bundle {
        let zip = crate::bundle::zip(&files, "portolan-site")?;
        files.insert(BUNDLE_NAME.into(), zip);
    }
    phase(&mut report, "bundle");
    let site_links: Vec<BrokenLink> = crate::links::check(&files);
    for b in &site_links {
        broken.push(format!("{}/{}", args.out.display(), b));
    }
    phase(&mut report, "link check");
    report.broken_links = broken.len();
    report.diagnostics.extend(broken);
    if report.broken_links > 0 {
        report.failed = true;
        report.files = files;
        return Ok(report);
    }

    write_site(&args.out, &files)?;
    phase(&mut report, "write");
    report.files = files;
    report.millis = started.elapsed().as_millis();
    Ok(report)
}

/// Replaces the output folder's contents, refusing to wipe a folder that is not a site build.
fn write_site(out: &Path, files: &BTreeMap<String, Vec<u8>>) -> Result<()> {
    if out.exists() {
        let non_empty = fs::read_dir(out).with_context(|| format!("cannot read {}", out.display()))?.next().is_some();
        if non_empty && !out.join("catalog.json").is_file() {
            bail!("refusing to replace {}: it is not empty and holds no previous site build (no catalog.json)", out.display());
        }
        fs::remove_dir_all(out).with_context(|| format!("cannot remove the previous build {}", out.display()))?;
    }
    files.par_iter().try_for_each(|(path, bytes)| crate::util::write_file(&out.join(path), bytes))
}
