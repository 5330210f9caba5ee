//! Every page of the site: what each template is given. Pages are listed first, then
//! rendered in parallel (rayon); the list order fixes the output, so builds are repeatable.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, OnceLock};

use anyhow::Result;
use minijinja::{Environment, Value, context};
use portolan_core::check::codes::{self, CodeDoc};
use portolan_core::model::{Catalog, Component, Platform, PortRange, Source};
use serde::Serialize;

use super::{Theme, template_error};
use crate::markdown::Rendered;
use crate::reach::reach;
use portolan_core::site_path::platform_page;

use crate::site::{PortEntry, ReqView, SiteData};
use crate::util::root_of;

/// One page to render.
#[derive(Debug, Clone)]
pub enum Page {
    Home,
    /// One part of the home page's platform list, when it is split (see `super::home`).
    PlatformsPart(usize),
    Platform(usize),
    /// A port entry's page `n` (0: the port's own URL; more when it has many uses).
    Port(usize, usize),
    /// The port index: every port when it is small, else a landing page listing the parts.
    PortIndex,
    /// One part of a split port index (see `site::SPLIT_AT`).
    PortIndexPart(usize),
    /// A service's page `n`, like ports.
    Service(usize, usize),
    ServiceIndex,
    /// The conflicts: all of them when they are few, else the totals and the parts.
    Conflicts,
    /// One part of split conflicts.
    ConflictsPart(usize),
    Checker,
    Search,
    NotFound,
    /// The page about one finding code (`portolan_core::check::codes::ALL[i]`).
    Finding(usize),
    /// The list of finding codes.
    FindingIndex,
}

pub struct Renderer<'a> {
    pub env: Environment<'static>,
    pub theme: &'a Theme,
    pub catalog: &'a Catalog,
    /// Shared (`Arc`): the rows of port and service pages are template objects over it
    /// (`super::rows`).
    pub site: &'a Arc<SiteData>,
    /// The documents rendered, each platform's but its HTML and diagram, which are in `texts`
    /// (read when its page is rendered again).
    pub documents: &'a [Rendered],
    pub texts: &'a [crate::markdown_cache::DocumentText],
    pub has_checker: bool,
    pub has_bundle: bool,
    /// The site's public URL, when known: the 404 page is served at any depth (GitHub Pages),
    /// so it needs a `<base>` to keep its relative links working.
    pub site_url: Option<&'a str>,
    /// What many pages share, computed once on first use (`Default::default()`).
    pub lazy: Shared,
}

/// Values many pages read, each made once per build when a page first needs it (an edit
/// rebuild renders a few pages and needs few of them).
#[derive(Default)]
pub struct Shared {
    /// Every port entry's link summary: a range is linked from every port inside it.
    port_links: OnceLock<Vec<Value>>,
    /// Every port entry's services and platform count: each page of a port shows them, and
    /// port 443 of the 10,000-document corpus has over a hundred pages, each of which went
    /// through every use.
    port_facts: OnceLock<Vec<OnceLock<PortFacts>>>,
    /// Every row's digests, for the page keys (`super::keys`).
    row_keys: OnceLock<super::keys::RowKeys>,
    /// The parts of the port index (`Renderer::port_parts`): each part's page and key read
    /// them, and counting them went through every port each time.
    port_parts: OnceLock<Vec<(usize, usize)>>,
}

impl Shared {
    /// With the rows' digests made already (an edit rebuild's, `RowKeys::kept`).
    pub fn with_row_keys(row_keys: super::keys::RowKeys) -> Shared {
        Shared { row_keys: OnceLock::from(row_keys), ..Shared::default() }
    }
}

/// What every page of a port says about all of its uses.
pub struct PortFacts {
    services: Vec<Value>,
    platforms: usize,
}

impl PortFacts {
    fn of(site: &SiteData, entry: &PortEntry) -> PortFacts {
        let all = entry.uses.iter().map(|&i| &site.reqs[i]);
        let services: BTreeSet<(&str, &str)> = all
            .clone()
            .filter_map(|r| Some((r.service_name.as_deref()?, r.service_url.as_deref()?)))
            .collect();
        let platforms: BTreeSet<&str> = all.map(|r| r.platform.as_str()).collect();
        PortFacts {
            services: services
                .into_iter()
                .map(|(name, url)| context! { name => name, url => url })
                .collect(),
            platforms: platforms.len(),
        }
    }
}

/// Port entries listed per overlap list of a port page (a wide range such as 30000–32767
/// contains hundreds); the rest are counted, and the port index lists them all.
pub(crate) const PORT_RELATIONS: usize = 20;

/// Ranges listed as holding a port ("Inside these ranges"): a port of the 10,000-document
/// corpus lies inside dozens of ranges, and 40 of those lines on every port page were a
/// quarter of the port pages' bytes.
pub(crate) const PORT_INSIDE: usize = 12;

/// Conflict entries linked from a port page's call-out; the rest are counted, and the conflicts
/// pages list them all (a wide range overlaps hundreds of other platforms' ranges).
pub(crate) const PORT_CALLOUTS: usize = 6;

/// Distinct purposes shown under one conflict, and platforms named per purpose; the rest are
/// counted and are on the port page. Without a cap one conflict on port 443 of a large corpus
/// listed thousands of rows.
const CONFLICT_PURPOSES: usize = 8;
const CONFLICT_PLATFORMS: usize = 6;

/// Platforms named per row of the services index.
const INDEX_PLATFORMS: usize = 3;

/// Purposes named per row of the port index; its platforms are counted. A part of the index
/// that named 4 purposes and 3 platforms per port was 59 KB gzipped at 10,000 documents.
const INDEX_PURPOSES: usize = 2;

/// Ports named per row of the services index; the rest are counted.
const INDEX_PORTS: usize = 12;

/// One row of the port index: a port or range, not a requirement (the port page has those).
#[derive(Serialize)]
struct IndexRow<'a> {
    label: &'a str,
    /// The port page's file name: the index and its parts are in `ports/` too.
    href: &'a str,
    transports: String,
    purposes: Vec<&'a str>,
    /// How many platforms use it (the port page names them).
    platforms: usize,
    uses: usize,
}

/// One part of a split page: its link and what it holds.
#[derive(Serialize)]
struct PartLink {
    url: String,
    label: String,
    count: usize,
    /// What the label's numbers stand for, when they are not ports (the first and last
    /// platform of a part of the platform list).
    span: Option<String>,
}

/// A conflict as the conflicts page shows it: uses grouped by what they are (the service,
/// else the purpose), one line per platform and component.
#[derive(Serialize)]
struct PurposeGroup<'a> {
    purpose: &'a str,
    uses: Vec<UseLine<'a>>,
    more: usize,
}

/// Rows of one platform that say the same port for the same thing, shown once: a document
/// that repeats 8443 in three tables, or lists 44135 for three components, is one line.
#[derive(Serialize)]
struct UseLine<'a> {
    row_url: &'a str,
    platform_title: &'a str,
    port_url: &'a str,
    ports_label: &'a str,
    purpose: &'a str,
    /// The components, joined.
    components: String,
    transport_label: &'a str,
}

/// Folds rows into lines: same platform, port and purpose (or service) make one line that
/// names every component; the first row is the one linked.
fn use_lines<'a>(
    rows: impl IntoIterator<Item = &'a ReqView>,
    purpose: &'a str,
    shown: usize,
) -> (Vec<UseLine<'a>>, usize) {
    // Indexed by key: a conflict on port 22 of a large corpus has thousands of rows. The
    // purpose is the caller's, one for all rows, and a row's port link is made from its range,
    // so (platform, range) is the line's key. Only the first `shown` lines are made; later
    // lines are only counted (the page says "N more").
    let mut index: rustc_hash::FxHashMap<(&'a str, PortRange), usize> =
        rustc_hash::FxHashMap::default();
    let mut lines: Vec<(UseLine<'a>, Vec<&'a str>)> = Vec::new();
    for r in rows {
        let next = index.len();
        let at = *index.entry((r.platform.as_str(), r.range)).or_insert(next);
        if at == next && at < shown {
            lines.push((
                UseLine {
                    row_url: &r.row_url,
                    platform_title: &r.platform_title,
                    port_url: &r.port_url,
                    ports_label: &r.ports_label,
                    purpose,
                    components: String::new(),
                    transport_label: r.transport_label,
                },
                vec![&r.component_name],
            ));
        } else if let Some((_, components)) = lines.get_mut(at)
            && !components.contains(&r.component_name.as_str())
        {
            components.push(&r.component_name);
        }
    }
    let total = index.len();
    let lines = lines
        .into_iter()
        .map(|(mut line, components)| {
            line.components = components.join(", ");
            line
        })
        .collect();
    (lines, total)
}

/// What a row is for, as the conflicts page names it: its service, else its purpose without
/// a leading diagram key such as "(10) ", else its section.
fn meaning(r: &ReqView) -> &str {
    r.service_name
        .as_deref()
        .or_else(|| r.purpose.as_deref().map(without_key_number))
        .unwrap_or(&r.section)
}

/// "(10) Developer Portal: …" → "Developer Portal: …": the number points into a diagram the
/// site does not show.
fn without_key_number(text: &str) -> &str {
    let Some(rest) = text.strip_prefix('(') else { return text };
    match rest.split_once(')') {
        Some((n, after)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
            after.trim_start()
        }
        _ => text,
    }
}

/// A port page's URL as written on another page of `ports/`: its file name alone (a row of the
/// port index or an overlap line on a port page; `../ports/` in each was a tenth of the link).
fn sibling(port_url: &str) -> &str {
    port_url.strip_prefix("ports/").unwrap_or(port_url)
}

#[derive(Serialize)]
struct PortLink {
    label: String,
    /// The linked page's file name (port pages are all in `ports/`).
    href: String,
}

/// The platform as its page uses it: everything but the requirements. Serialising the whole
/// platform (and every row view, for a count) into template values for each page cost more
/// than rendering the rows.
#[derive(Serialize)]
struct PlatformHead<'a> {
    id: &'a str,
    title: &'a str,
    vendor: Option<&'a str>,
    summary: Option<&'a str>,
    sources: &'a [Source],
    verified: Option<&'a str>,
    file: &'a str,
    components: &'a [Component],
}

#[derive(Serialize)]
struct PlatformCard<'a> {
    id: &'a str,
    title: &'a str,
    vendor: Option<&'a str>,
    summary: Option<&'a str>,
    verified: Option<&'a str>,
    url: String,
    requirements: usize,
    components: usize,
    ports: usize,
    external: usize,
}

impl Page {
    /// The template that renders the page.
    pub fn template(&self) -> &'static str {
        match self {
            Page::Home => "index.html",
            Page::PlatformsPart(_) => "platforms.html",
            Page::Platform(_) => "platform.html",
            Page::Port(..) => "port.html",
            Page::PortIndex | Page::PortIndexPart(_) => "ports.html",
            Page::Service(..) => "service.html",
            Page::ServiceIndex => "services.html",
            Page::Conflicts | Page::ConflictsPart(_) => "conflicts.html",
            Page::Checker => "checker.html",
            Page::Search => "search.html",
            Page::NotFound => "404.html",
            Page::Finding(_) | Page::FindingIndex => "finding.html",
        }
    }

    pub fn path(&self, r: &Renderer<'_>) -> String {
        match self {
            Page::Home => "index.html".into(),
            Page::PlatformsPart(part) => super::home::part_url(*part),
            Page::Platform(i) => platform_page(&r.catalog.platforms[*i].id),
            Page::Port(i, n) => page_url(&r.site.ports[*i].url, *n),
            Page::PortIndex => "ports/index.html".into(),
            Page::PortIndexPart(part) => crate::site::port_index_part_url(*part),
            Page::Service(i, n) => page_url(&r.site.services[*i].url, *n),
            Page::ServiceIndex => "services/index.html".into(),
            Page::Conflicts => "conflicts.html".into(),
            Page::ConflictsPart(part) => r.site.conflicts_part_url(*part),
            Page::Checker => "checker.html".into(),
            Page::Search => "search.html".into(),
            Page::NotFound => "404.html".into(),
            Page::Finding(i) => codes::ALL[*i].page(),
            Page::FindingIndex => "findings/index.html".into(),
        }
    }
}

/// Requirements per page of a port or service: port 22 of a 10,000-document corpus has about
/// 10,000 uses, a 12 MB page; past this many, the uses continue on `…-p2.html` and so on.
pub const USES_PER_PAGE: usize = 250;

/// Pages linked on each side of the current one in a pager (besides the first and the last).
const PAGER_NEAR: usize = 2;

fn page_count(uses: usize) -> usize {
    uses.div_ceil(USES_PER_PAGE).max(1)
}

/// Page `n` of a paginated page whose first page is `url` (`ports/22.html` → `ports/22-p2.html`).
pub fn page_url(url: &str, n: usize) -> String {
    match (n, url.strip_suffix(".html")) {
        (0, _) | (_, None) => url.to_owned(),
        (n, Some(stem)) => format!("{stem}-p{}.html", n + 1),
    }
}

/// The slice of `uses` on page `n`, and the pager (empty when one page holds them all).
fn paged<'u>(uses: &'u [usize], n: usize, url: &str) -> (&'u [usize], Vec<Value>) {
    let count = page_count(uses.len());
    let from = (n * USES_PER_PAGE).min(uses.len());
    let to = (from + USES_PER_PAGE).min(uses.len());
    let pager = if count > 1 {
        // The first, the last and the pages near this one, with a gap where pages are left
        // out: port 22 of 10,000 documents has 40 pages, and each listing all the others made
        // the pagers grow as the square of the pages.
        let shown = |k: usize| k == 0 || k + 1 == count || k.abs_diff(n) <= PAGER_NEAR;
        let mut pager = Vec::new();
        for k in (0..count).filter(|&k| shown(k)) {
            if k > 0 && !shown(k - 1) {
                pager.push(context! { gap => true, n => 0, href => "", current => false });
            }
            // The pages of one port or service are in one folder: linked by file name.
            let page = page_url(url, k);
            let file = page.rsplit('/').next().unwrap_or_default().to_owned();
            pager.push(context! { gap => false, n => k + 1, href => file, current => k == n });
        }
        pager
    } else {
        Vec::new()
    };
    (&uses[from..to], pager)
}

fn reqs<'s>(site: &'s SiteData, indices: &[usize]) -> Vec<&'s ReqView> {
    indices.iter().map(|&i| &site.reqs[i]).collect()
}

fn distinct_ports(reqs: &[&ReqView]) -> usize {
    reqs.iter().map(|r| (r.range, r.transport)).collect::<BTreeSet<_>>().len()
}

impl<'a> Renderer<'a> {
    /// The rows at `indices` as compact references: a template sequence over the site data,
    /// whose rows' fields are read as the template shows them (`super::rows`).
    fn compact_rows(&self, indices: &[usize]) -> Value {
        super::rows::compact_rows(self.site, indices)
    }

    /// Every row's digests (`super::keys`), computed once per build.
    pub(crate) fn row_keys(&self) -> &super::keys::RowKeys {
        self.lazy.row_keys.get_or_init(|| super::keys::RowKeys::of(&self.site.reqs))
    }

    /// Every page, in a fixed order.
    pub fn pages(&self) -> Vec<Page> {
        let mut pages = vec![Page::Home];
        if super::home::is_split(self.catalog.platforms.len()) {
            pages.extend((0..self.platform_parts().len()).map(Page::PlatformsPart));
        }
        pages.extend((0..self.catalog.platforms.len()).map(Page::Platform));
        pages.push(Page::PortIndex);
        if self.site.ports_split {
            pages.extend(self.port_parts().iter().map(|&(part, _)| Page::PortIndexPart(part)));
        }
        for (i, entry) in self.site.ports.iter().enumerate() {
            pages.extend((0..page_count(entry.uses.len())).map(|n| Page::Port(i, n)));
        }
        pages.push(Page::ServiceIndex);
        for (i, service) in self.site.services.iter().enumerate() {
            pages.extend((0..page_count(service.uses.len())).map(|n| Page::Service(i, n)));
        }
        pages.push(Page::Conflicts);
        if self.site.conflicts_split {
            pages.extend(
                self.conflict_parts().into_iter().map(|(part, _)| Page::ConflictsPart(part)),
            );
        }
        pages.extend([Page::Checker, Page::Search, Page::NotFound]);
        pages.push(Page::FindingIndex);
        pages.extend((0..codes::ALL.len()).map(Page::Finding));
        pages
    }

    /// The parts of the port index that hold ports, with how many.
    pub(crate) fn port_parts(&self) -> &[(usize, usize)] {
        self.lazy.port_parts.get_or_init(|| {
            let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
            for e in &self.site.ports {
                *counts.entry(crate::site::part_of(e.range.start())).or_default() += 1;
            }
            counts.into_iter().collect()
        })
    }

    /// The parts of the conflicts that hold entries, with how many.
    /// The parts of the conflicts a conflicts page links (none when they are not split), with
    /// their counts. A part links its neighbours only; the landing page (the breadcrumb's
    /// "Conflicts") lists them all: every part listing every other grew as the square of the
    /// parts (hundreds at 10,000 documents).
    pub(crate) fn conflict_parts_linked(&self, part: Option<usize>) -> Vec<(usize, usize)> {
        if !self.site.conflicts_split {
            return Vec::new();
        }
        let mut all = self.conflict_parts();
        if let Some(p) = part {
            let at = all.iter().position(|(q, _)| *q == p).unwrap_or(0);
            all = all.drain(at.saturating_sub(1)..(at + 2).min(all.len())).collect();
        }
        all
    }

    fn conflict_parts(&self) -> Vec<(usize, usize)> {
        let members = self.site.conflict_members.iter().enumerate();
        members.filter(|(_, m)| !m.is_empty()).map(|(part, m)| (part, m.len())).collect()
    }

    fn part_links(
        parts: Vec<(usize, usize)>,
        bounds: impl Fn(usize) -> (u32, u32),
        url: impl Fn(usize) -> String,
    ) -> Vec<PartLink> {
        parts
            .into_iter()
            .map(|(part, count)| {
                let (low, high) = bounds(part);
                PartLink { url: url(part), label: format!("{low}–{high}"), count, span: None }
            })
            .collect()
    }

    fn index_row<'s>(&'s self, entry: &'s PortEntry) -> IndexRow<'s> {
        let uses = || entry.uses.iter().map(|&i| &self.site.reqs[i]);
        // Sorted and deduplicated vectors, as sets would give them (a set per entry and column
        // was most of the port index's context: every part is made again when the totals move).
        let distinct = |mut words: Vec<&'s str>| {
            words.sort_unstable();
            words.dedup();
            words
        };
        let transports = distinct(uses().map(|r| r.transport_label).collect());
        let purposes = distinct(
            uses().filter_map(|r| r.service_name.as_deref().or(r.purpose.as_deref())).collect(),
        );
        let platforms = distinct(uses().map(|r| r.platform.as_str()).collect());
        IndexRow {
            label: &entry.label,
            href: sibling(&entry.url),
            transports: transports.join(", "),
            purposes: purposes.into_iter().take(INDEX_PURPOSES).collect(),
            platforms: platforms.len(),
            uses: entry.uses.len(),
        }
    }

    /// The port index, or one part of it (`None`: everything, or the landing page when split).
    fn ports_context(&self, part: Option<usize>) -> Value {
        let landing = part.is_none() && self.site.ports_split;
        let rows: Vec<IndexRow<'_>> = if landing {
            Vec::new()
        } else {
            self.site
                .ports
                .iter()
                .filter(|e| part.is_none_or(|p| crate::site::part_of(e.range.start()) == p))
                .map(|e| self.index_row(e))
                .collect()
        };
        let parts = if self.site.ports_split {
            Self::part_links(
                self.port_parts().to_vec(),
                crate::site::part_bounds,
                crate::site::port_index_part_url,
            )
        } else {
            Vec::new()
        };
        let part_label = part.map(|p| {
            let (low, high) = crate::site::part_bounds(p);
            format!("{low}–{high}")
        });
        context! { rows => rows, landing => landing, parts => parts, part => part_label, totals => self.totals() }
    }

    /// An overlap line on a port page: the port alone (its purposes and platforms are on the
    /// linked page; naming them on every port inside a range cost tens of MB at scale).
    fn port_link(entry: &PortEntry) -> PortLink {
        PortLink { label: entry.label.clone(), href: sibling(&entry.url).to_owned() }
    }

    /// What every page's context holds. Nothing here may depend on the catalog: the page cache
    /// keys each page by its context, so a catalog-wide value (the list of every platform was
    /// one, unused by any template) renders every page again after any edit.
    fn common(&self, path: &str, title: &str) -> super::context::Common {
        // In `super::context::COMMON`'s order.
        [
            Value::from(root_of(path)),
            Value::from(path),
            Value::from(title),
            Value::from(self.has_checker),
            Value::from(self.has_bundle),
            Value::from(crate::bundle::BUNDLE_NAME),
        ]
    }

    /// The cards of the platforms at `positions` (catalog order).
    fn platform_cards(&self, positions: std::ops::Range<usize>) -> Vec<PlatformCard<'_>> {
        self.catalog.platforms[positions]
            .iter()
            .map(|p| {
                let rs: Vec<&ReqView> = self.site.reqs_of(&p.id).collect();
                PlatformCard {
                    id: &p.id,
                    title: &p.title,
                    vendor: p.vendor.as_deref(),
                    summary: p.summary.as_deref(),
                    verified: p.verified.as_deref(),
                    url: platform_page(&p.id),
                    requirements: rs.len(),
                    components: p.components.len(),
                    ports: distinct_ports(&rs),
                    external: rs
                        .iter()
                        .filter(|r| reach(r, &p.components) == Some("external"))
                        .count(),
                }
            })
            .collect()
    }

    /// The parts of the split platform list (see `home::parts`). Worked out again where needed:
    /// one pass over the platforms, cheap next to rendering a part.
    fn platform_parts(&self) -> Vec<std::ops::Range<usize>> {
        let text = |p: &Platform| {
            let optional = [&p.vendor, &p.summary, &p.verified];
            p.title.len()
                + optional.iter().filter_map(|t| t.as_deref()).map(str::len).sum::<usize>()
        };
        super::home::parts(self.catalog.platforms.iter().map(text))
    }

    /// Links to the parts of the split platform list. On the home page each also names its
    /// first and last platform; the parts themselves list only the numbers, which keeps them
    /// small when there are a hundred parts.
    fn platform_part_links(&self, named: bool) -> Vec<PartLink> {
        let all = &self.catalog.platforms;
        let title = |i: usize| all.get(i).map_or("", |p| p.title.as_str());
        self.platform_parts()
            .iter()
            .enumerate()
            .map(|(part, range)| PartLink {
                url: super::home::part_url(part),
                label: super::home::part_label(range),
                count: range.len(),
                span: named.then(|| {
                    format!("{} to {}", title(range.start), title(range.end.saturating_sub(1)))
                }),
            })
            .collect()
    }

    /// The home page: every platform's card, or (past `home::HOME_PLATFORMS`) the parts.
    fn home_context(&self) -> Value {
        let count = self.catalog.platforms.len();
        let (platforms, parts) = if super::home::is_split(count) {
            (Vec::new(), self.platform_part_links(true))
        } else {
            (self.platform_cards(0..count), Vec::new())
        };
        context! { platforms => platforms, parts => parts, part => (), totals => self.totals() }
    }

    /// One part of the split platform list, and its label.
    fn platforms_part_context(&self, part: usize) -> (String, Value) {
        let range = self.platform_parts().get(part).cloned().unwrap_or_default();
        let label = super::home::part_label(&range);
        let context = context! {
            platforms => self.platform_cards(range),
            parts => self.platform_part_links(false),
            part => label,
            totals => self.totals(),
        };
        (label, context)
    }

    fn platform_context(&self, index: usize, platform: &Platform) -> Result<Value> {
        let rs: Vec<&ReqView> = self.site.reqs_of(&platform.id).collect();
        let own = self.site.by_platform.get(platform.id.as_str()).map(Vec::as_slice);
        let reached = |want: Option<&str>| {
            let site = self.site;
            let reaches = move |&i: &usize| {
                site.reqs.get(i).is_some_and(|r| reach(r, &platform.components) == want)
            };
            super::glance::glance_groups(
                site,
                own.unwrap_or_default().iter().copied().filter(reaches),
            )
        };
        let (external, internal) = (reached(Some("external")), reached(Some("internal")));
        let unstated = reached(None);
        let components: Vec<Value> = platform
            .components
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let count = rs.iter().filter(|r| r.component == c.id).count();
                let host = crate::snippet::host_line(&c.id, c.external, i);
                context! { id => &c.id, name => &c.name, description => &c.description, external => c.external, count => count, host => host }
            })
            .collect();
        let document = &self.documents[index];
        let (html, svg) = self.texts[index].read()?;
        let head = PlatformHead {
            id: &platform.id,
            title: &platform.title,
            vendor: platform.vendor.as_deref(),
            summary: platform.summary.as_deref(),
            sources: &platform.sources,
            verified: platform.verified.as_deref(),
            file: &platform.file,
            components: &platform.components,
        };
        Ok(context! {
            platform => head,
            document => html,
            toc => document.headings.iter().filter(|(level, _, _)| *level <= 2).map(|(_, id, text)| context! { id => id, text => text }).collect::<Vec<_>>(),
            svg => svg,
            req_count => rs.len(),
            external => external,
            internal => internal,
            unstated => unstated,
            components => components,
            snippet => crate::snippet::topology(platform),
            ports => distinct_ports(&rs),
            variants => &platform.variants,
            coverage => &document.coverage,
            unplaced_peers => &document.unplaced_peers,
            coverage_skipped => document.coverage.iter().filter(|c| c.status == "skipped").count(),
        })
    }

    fn port_context(&self, index: usize, n: usize) -> Value {
        let entry = &self.site.ports[index];
        let (shown, pager) = paged(&entry.uses, n, &entry.url);
        // Each entry's facts when one of its pages is first rendered: an edit rebuild renders
        // a few port pages, and gathering every entry's took most of its port pages' time.
        let all = self.lazy.port_facts.get_or_init(|| {
            std::iter::repeat_with(OnceLock::new).take(self.site.ports.len()).collect()
        });
        let facts = all[index].get_or_init(|| PortFacts::of(self.site, entry));
        let uses = self.compact_rows(shown);
        // Relations are shown on the first page only.
        let all_links = if n == 0 {
            Some(self.lazy.port_links.get_or_init(|| {
                self.site.ports.iter().map(|e| Value::from_serialize(Self::port_link(e))).collect()
            }))
        } else {
            None
        };
        let links = |list: &[usize], cap: usize| {
            let shown = all_links
                .map(|l| list.iter().take(cap).map(|&i| l[i].clone()).collect::<Vec<_>>())
                .unwrap_or_default();
            context! { shown => shown, more => list.len().saturating_sub(cap) }
        };
        context! {
            entry => context! { key => &entry.key, label => &entry.label, single => entry.range.is_single(), len => entry.range.len() },
            uses => uses,
            total_uses => entry.uses.len(),
            pager => pager,
            first => n == 0,
            from => n * USES_PER_PAGE + 1,
            platform_count => facts.platforms,
            registrations => &entry.registrations,
            inside => links(&entry.inside, PORT_INSIDE),
            contains => links(&entry.contains, PORT_RELATIONS),
            overlaps => links(&entry.overlaps, PORT_RELATIONS),
            conflicts => entry.conflicts.iter().take(PORT_CALLOUTS).map(|(anchor, label, port)| context! { url => self.site.conflict_url(*port, anchor), label => label }).collect::<Vec<_>>(),
            more_conflicts => entry.conflicts.len().saturating_sub(PORT_CALLOUTS),
            services => facts.services.clone(),
        }
    }

    fn service_context(&self, index: usize, n: usize) -> Value {
        let service = &self.site.services[index];
        let (shown, pager) = paged(&service.uses, n, &service.url);
        // The by-platform list is on the first page only (built there only: a service with
        // 100,000 uses has 400 pages), and names at most USES_PER_PAGE platforms; every use is
        // in the paged table.
        let platform_count = service.platforms;
        let platforms: Vec<Value> = if n == 0 {
            // Borrowed: a service's first page went through every use copying four strings.
            type PortsOf<'s> = BTreeSet<(u16, u16, &'s str, &'s str)>;
            let mut by_platform: BTreeMap<&str, (&str, &str, PortsOf<'_>)> = BTreeMap::new();
            for r in reqs(self.site, &service.uses) {
                let item = by_platform
                    .entry(&r.platform)
                    .or_insert_with(|| (&r.platform_title, &r.platform_url, BTreeSet::new()));
                item.2.insert((r.range.start(), r.range.end(), &r.ports_label, &r.port_url));
            }
            by_platform
                .into_values()
                .take(USES_PER_PAGE)
                .map(|(title, url, ports)| {
                    context! { title => title, url => url, ports => ports.into_iter().map(|(_, _, label, url)| context! { label => label, url => url }).collect::<Vec<_>>() }
                })
                .collect()
        } else {
            Vec::new()
        };
        context! {
            service => context! { name => &service.name, slug => &service.slug },
            uses => self.compact_rows(shown),
            total_uses => service.uses.len(),
            platforms => platforms,
            platform_count => platform_count,
            more_platforms => platform_count.saturating_sub(USES_PER_PAGE),
            pager => pager,
            first => n == 0,
            from => n * USES_PER_PAGE + 1,
        }
    }

    fn services_context(&self) -> Value {
        let services: Vec<Value> = self
            .site
            .services
            .iter()
            .map(|s| {
                let uses = reqs(self.site, &s.uses);
                let titles: BTreeSet<&str> = uses.iter().map(|r| r.platform_title.as_str()).collect();
                let mut platforms: Vec<String> = titles.iter().take(INDEX_PLATFORMS * 4).map(|t| (*t).to_owned()).collect();
                if titles.len() > INDEX_PLATFORMS * 4 {
                    platforms.push(format!("{} more", titles.len() - INDEX_PLATFORMS * 4));
                }
                let ports: BTreeMap<(u16, u16), (&str, &str)> =
                    uses.iter().map(|r| ((r.range.start(), r.range.end()), (r.ports_label.as_str(), r.port_url.as_str()))).collect();
                // The service's page lists every port; the index names the first few (a service
                // seen on hundreds of ports made this page 50 KB gzipped at 1,000 documents).
                let more_ports = ports.len().saturating_sub(INDEX_PORTS);
                context! {
                    name => &s.name, url => &s.url, count => uses.len(),
                    platforms => platforms,
                    ports => ports.into_values().take(INDEX_PORTS).map(|(label, url)| context! { label => label, url => url }).collect::<Vec<_>>(),
                    more_ports => more_ports,
                }
            })
            .collect();
        let unclassified = self.site.reqs.iter().filter(|r| r.service.is_none()).count();
        context! { services => services, unclassified => unclassified }
    }

    /// Uses of one conflict grouped by meaning (the service, else the row's purpose), a few
    /// platforms named per group; the port page lists every use.
    fn purpose_groups<'s>(
        &'s self,
        c: &'s crate::site::Conflict,
    ) -> (Vec<PurposeGroup<'s>>, usize) {
        let mut groups: BTreeMap<&str, Vec<&ReqView>> = BTreeMap::new();
        for (n, &i) in c.uses.iter().enumerate() {
            let r = &self.site.reqs[i];
            // A row that names no service is grouped with the service it was judged by.
            let by_port = c.inferred.get(n).and_then(Option::as_deref);
            groups.entry(by_port.unwrap_or_else(|| meaning(r))).or_default().push(r);
        }
        let total = groups.len();
        let shown = groups
            .into_iter()
            .take(CONFLICT_PURPOSES)
            .map(|(purpose, rows)| {
                let (uses, lines) = use_lines(rows, purpose, CONFLICT_PLATFORMS);
                let more = lines.saturating_sub(CONFLICT_PLATFORMS);
                PurposeGroup { purpose, uses, more }
            })
            .collect();
        (shown, total.saturating_sub(CONFLICT_PURPOSES))
    }

    /// The conflicts page: everything, or (when split) the totals and the parts; or one part.
    /// The entries a conflicts page lists: (conflicts, shared ports, range overlaps), indices
    /// into those lists of `SiteData`. One part: its members (found once, see
    /// `SiteData::conflict_members`); unsplit: all; the landing page of split conflicts: none.
    pub(crate) fn conflicts_listed(&self, part: Option<usize>) -> [Vec<usize>; 3] {
        let landing = part.is_none() && self.site.conflicts_split;
        let empty = crate::site::PartMembers::default();
        let members = part.map(|p| self.site.conflict_members.get(p).unwrap_or(&empty));
        let pick = |all: usize, of: fn(&crate::site::PartMembers) -> &Vec<usize>| -> Vec<usize> {
            match (landing, members) {
                (true, _) => Vec::new(),
                (false, Some(m)) => of(m).clone(),
                (false, None) => (0..all).collect(),
            }
        };
        [
            pick(self.site.conflicts.len(), |m| &m.conflicts),
            pick(self.site.shared.len(), |m| &m.shared),
            pick(self.site.range_overlaps.len(), |m| &m.overlaps),
        ]
    }

    fn conflicts_context(&self, part: Option<usize>) -> Value {
        let landing = part.is_none() && self.site.conflicts_split;
        let [listed_conflicts, listed_shared, listed_overlaps] = self.conflicts_listed(part);
        let item = |c: &crate::site::Conflict| {
            let entry = self.site.port_entry(c.range);
            let (groups, more) = self.purpose_groups(c);
            context! {
                anchor => &c.anchor,
                label => entry.map(|e| e.label.clone()),
                url => entry.map(|e| e.url.clone()),
                platforms => c.platforms.len(),
                groups => groups,
                more => more,
            }
        };
        let conflicts: Vec<Value> =
            listed_conflicts.into_iter().map(|i| item(&self.site.conflicts[i])).collect();
        let shared: Vec<Value> =
            listed_shared.into_iter().map(|i| item(&self.site.shared[i])).collect();
        let overlaps: Vec<Value> = listed_overlaps
            .into_iter()
            .map(|i| {
                let o = &self.site.range_overlaps[i];
                // Compact references, one line per platform and port naming all its components.
                let (others, _) = use_lines(reqs(self.site, &o.others), "", usize::MAX);
                context! { anchor => &o.anchor, range => &self.site.reqs[o.range_use], others => others, more => o.total - o.others.len() }
            })
            .collect();
        let parts = Self::part_links(
            self.conflict_parts_linked(part),
            |p| self.site.conflict_part_bounds(p),
            |p| self.site.conflicts_part_url(p),
        );
        let part_label = part.map(|p| {
            let (low, high) = self.site.conflict_part_bounds(p);
            format!("{low}–{high}")
        });
        let counts = context! {
            conflicts => self.site.conflicts.len(),
            overlaps => self.site.range_overlaps.len(),
            shared => self.site.shared.len(),
        };
        context! { conflicts => conflicts, shared => shared, overlaps => overlaps, landing => landing, parts => parts, part => part_label, counts => counts }
    }

    fn totals(&self) -> Value {
        context! {
            platforms => self.catalog.platforms.len(),
            requirements => self.site.reqs.len(),
            ports => self.site.ports.len(),
            services => self.site.services.len(),
            conflicts => self.site.conflicts.len() + self.site.range_overlaps.len(),
        }
    }

    /// Renders one page to HTML.
    pub fn render(&self, page: &Page) -> Result<(String, String)> {
        let job = self.job(page)?;
        Ok((job.path.clone(), self.render_job(&job)?))
    }

    /// Renders what `job` says.
    pub fn render_job(&self, job: &PageJob) -> Result<String> {
        let template =
            self.env.get_template(job.template).map_err(|e| template_error(self.theme, &e))?;
        template.render(&job.context).map_err(|e| template_error(self.theme, &e))
    }

    /// What one page is made of: its path, template and context (all a template can read),
    /// so a page cache can key the rendered bytes by them (see `crate::page_cache`).
    pub fn job(&self, page: &Page) -> Result<PageJob> {
        let path = page.path(self);
        let template = page.template();
        let (title, extra) = match page {
            Page::Home => {
                ("Portolan: network ports of self-hosted platforms".to_owned(), self.home_context())
            }
            Page::PlatformsPart(part) => {
                let (label, context) = self.platforms_part_context(*part);
                (format!("Platforms {label}"), context)
            }
            Page::Platform(i) => {
                let p = &self.catalog.platforms[*i];
                (format!("{} ports", p.title), self.platform_context(*i, p)?)
            }
            Page::Port(i, n) => {
                let e = &self.site.ports[*i];
                let mut title = if e.range.is_single() {
                    format!("Port {}", e.label)
                } else {
                    format!("Ports {}", e.label)
                };
                if *n > 0 {
                    title.push_str(&format!(" (page {})", n + 1));
                }
                (title, self.port_context(*i, *n))
            }
            Page::PortIndex => ("All ports".to_owned(), self.ports_context(None)),
            Page::PortIndexPart(part) => {
                let (low, high) = crate::site::part_bounds(*part);
                (format!("Ports {low}–{high}"), self.ports_context(Some(*part)))
            }
            Page::Service(i, n) => {
                let name = &self.site.services[*i].name;
                let title = if *n > 0 { format!("{name} (page {})", n + 1) } else { name.clone() };
                (title, self.service_context(*i, *n))
            }
            Page::ServiceIndex => ("Services".to_owned(), self.services_context()),
            Page::Conflicts => {
                ("Conflicts between platforms".to_owned(), self.conflicts_context(None))
            }
            Page::ConflictsPart(part) => {
                let (low, high) = self.site.conflict_part_bounds(*part);
                (format!("Conflicts on ports {low}–{high}"), self.conflicts_context(Some(*part)))
            }
            // The rules target picker is static markup: the targets are fixed at build time.
            Page::Checker => {
                let targets: Vec<Value> = portolan_core::emit::Target::all()
                    .map(|t| context! { name => t.name(), description => t.description() })
                    .collect();
                ("Topology checker".to_owned(), context! { targets => targets })
            }
            Page::Search => ("Search".to_owned(), context! {}),
            Page::NotFound => {
                let base = self
                    .site_url
                    .map(|u| if u.ends_with('/') { u.to_owned() } else { format!("{u}/") });
                ("Page not found".to_owned(), context! { base => base })
            }
            Page::Finding(i) => {
                let d = &codes::ALL[*i];
                let title = format!("{}: {}", d.short(), d.title);
                (title, context! { finding => finding_view(d), findings => Vec::<Value>::new() })
            }
            Page::FindingIndex => {
                let all: Vec<Value> = codes::ALL.iter().map(finding_view).collect();
                ("Finding codes".to_owned(), context! { finding => (), findings => all })
            }
        };
        let context = super::context::PageContext::value(self.common(&path, &title), extra);
        Ok(PageJob { path, template, context })
    }
}

/// One page before rendering: `Renderer::job`.
pub struct PageJob {
    pub path: String,
    pub template: &'static str,
    pub context: Value,
}

/// A finding code as its page shows it.
fn finding_view(d: &CodeDoc) -> Value {
    context! {
        code => d.code, short => d.short(), title => d.title, what => d.what, why => d.why,
        fix => d.fix, url => d.page(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hrefs(pager: &[Value]) -> Vec<String> {
        pager
            .iter()
            .map(|p| match p.get_attr("gap").is_ok_and(|g| g.is_true()) {
                true => "…".to_owned(),
                false => p.get_attr("href").map(|h| h.to_string()).unwrap_or_default(),
            })
            .collect()
    }

    /// Every page of port 22 (40 pages at 10,000 documents) listed every other page, twice.
    #[test]
    fn regression_pager_links_the_first_last_and_nearby_pages_only() {
        let uses: Vec<usize> = (0..USES_PER_PAGE * 40).collect();
        let (shown, pager) = paged(&uses, 20, "ports/22.html");
        assert_eq!(shown.first(), Some(&(USES_PER_PAGE * 20)));
        assert_eq!(
            hrefs(&pager),
            [
                "22.html",
                "…",
                "22-p19.html",
                "22-p20.html",
                "22-p21.html",
                "22-p22.html",
                "22-p23.html",
                "…",
                "22-p40.html"
            ]
        );
        let (_, first) = paged(&uses, 0, "ports/22.html");
        assert_eq!(hrefs(&first), ["22.html", "22-p2.html", "22-p3.html", "…", "22-p40.html"]);
        let (_, few) = paged(&uses[..USES_PER_PAGE * 3], 1, "services/ssh.html");
        assert_eq!(hrefs(&few), ["ssh.html", "ssh-p2.html", "ssh-p3.html"]);
    }
}
