//! Every page of the site: what each template is given. Pages are listed first, then
//! rendered in parallel (rayon); the list order fixes the output, so builds are repeatable.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::Result;
use minijinja::{Environment, Value, context};
use portolan_core::model::{Catalog, Platform};
use serde::Serialize;

use super::{Theme, template_error};
use crate::markdown::Rendered;
use crate::site::{PortEntry, ReqView, SiteData, platform_url};
use crate::util::root_of;

/// One page to render.
#[derive(Debug, Clone)]
pub enum Page {
    Home,
    Platform(usize),
    Port(usize),
    PortIndex,
    Service(usize),
    ServiceIndex,
    Conflicts,
    Checker,
    Search,
    NotFound,
}

pub struct Renderer<'a> {
    pub env: Environment<'static>,
    pub theme: &'a Theme,
    pub catalog: &'a Catalog,
    pub site: &'a SiteData,
    pub documents: &'a [Rendered],
    pub svgs: &'a [Option<String>],
    pub has_checker: bool,
    pub has_bundle: bool,
    /// The site's public URL, when known: the 404 page is served at any depth (GitHub Pages),
    /// so it needs a `<base>` to keep its relative links working.
    pub site_url: Option<&'a str>,
    /// The navigation list of platforms, computed on first use (`Default::default()`).
    pub nav: std::sync::OnceLock<Value>,
}

#[derive(Serialize)]
struct NavPlatform<'a> {
    id: &'a str,
    title: &'a str,
    url: String,
}

/// Platforms named after a link to another port entry; the rest are counted ("12 more").
const LINK_PLATFORMS: usize = 12;

/// Rows of another platform shown under one range on the conflicts page; the rest are counted
/// and are on the port pages.
const OVERLAP_ROWS: usize = 50;

#[derive(Serialize)]
struct PortLink {
    label: String,
    url: String,
    platforms: Vec<String>,
    purposes: Vec<String>,
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
    pub fn path(&self, r: &Renderer<'_>) -> String {
        match self {
            Page::Home => "index.html".into(),
            Page::Platform(i) => platform_url(&r.catalog.platforms[*i].id),
            Page::Port(i) => r.site.ports[*i].url.clone(),
            Page::PortIndex => "ports/index.html".into(),
            Page::Service(i) => r.site.services[*i].url.clone(),
            Page::ServiceIndex => "services/index.html".into(),
            Page::Conflicts => "conflicts.html".into(),
            Page::Checker => "checker.html".into(),
            Page::Search => "search.html".into(),
            Page::NotFound => "404.html".into(),
        }
    }
}

fn reqs<'s>(site: &'s SiteData, indices: &[usize]) -> Vec<&'s ReqView> {
    indices.iter().map(|&i| &site.reqs[i]).collect()
}

fn distinct_ports(reqs: &[&ReqView]) -> usize {
    reqs.iter().map(|r| (r.range, r.transport)).collect::<BTreeSet<_>>().len()
}

impl<'a> Renderer<'a> {
    /// Every page, in a fixed order.
    pub fn pages(&self) -> Vec<Page> {
        let mut pages = vec![Page::Home];
        pages.extend((0..self.catalog.platforms.len()).map(Page::Platform));
        pages.push(Page::PortIndex);
        pages.extend((0..self.site.ports.len()).map(Page::Port));
        pages.push(Page::ServiceIndex);
        pages.extend((0..self.site.services.len()).map(Page::Service));
        pages.extend([Page::Conflicts, Page::Checker, Page::Search, Page::NotFound]);
        pages
    }

    fn port_link(&self, entry: &PortEntry) -> PortLink {
        // Borrowed sets (no clone per use): a range can have thousands of uses, and it is
        // linked from every port inside it.
        let titles: BTreeSet<&str> = entry.uses.iter().map(|&i| self.site.reqs[i].platform_title.as_str()).collect();
        let mut platforms: Vec<String> = titles.iter().take(LINK_PLATFORMS).map(|t| (*t).to_owned()).collect();
        if titles.len() > LINK_PLATFORMS {
            platforms.push(format!("{} more", titles.len() - LINK_PLATFORMS));
        }
        let purposes: Vec<String> = entry
            .uses
            .iter()
            .filter_map(|&i| {
                let r = &self.site.reqs[i];
                r.service_name.as_deref().or(r.purpose.as_deref())
            })
            .collect::<BTreeSet<_>>()
            .into_iter()
            .take(4)
            .map(str::to_owned)
            .collect();
        PortLink { label: entry.label.clone(), url: entry.url.clone(), platforms, purposes }
    }

    fn common(&self, path: &str, title: &str) -> Value {
        // Built once and shared (a minijinja Value clones by reference): rebuilding the list of
        // every platform for every page made the build quadratic in the number of platforms.
        let nav = self
            .nav
            .get_or_init(|| {
                let nav: Vec<NavPlatform<'_>> = self
                    .catalog
                    .platforms
                    .iter()
                    .map(|p| NavPlatform { id: &p.id, title: &p.title, url: platform_url(&p.id) })
                    .collect();
                Value::from_serialize(&nav)
            })
            .clone();
        context! {
            root => root_of(path),
            path => path,
            title => title,
            nav_platforms => nav,
            has_checker => self.has_checker,
            has_bundle => self.has_bundle,
            bundle => crate::build::BUNDLE_NAME,
        }
    }

    fn platform_cards(&self) -> Vec<PlatformCard<'_>> {
        self.catalog
            .platforms
            .iter()
            .map(|p| {
                let rs: Vec<&ReqView> = self.site.reqs_of(&p.id).collect();
                PlatformCard {
                    id: &p.id,
                    title: &p.title,
                    vendor: p.vendor.as_deref(),
                    summary: p.summary.as_deref(),
                    verified: p.verified.as_deref(),
                    url: platform_url(&p.id),
                    requirements: rs.len(),
                    components: p.components.len(),
                    ports: distinct_ports(&rs),
                    external: rs.iter().filter(|r| r.exposure == Some("external")).count(),
                }
            })
            .collect()
    }

    fn platform_context(&self, index: usize, platform: &Platform) -> Value {
        let rs: Vec<&ReqView> = self.site.reqs_of(&platform.id).collect();
        let external = glance_rows(rs.iter().copied().filter(|r| r.exposure == Some("external")));
        let internal = glance_rows(rs.iter().copied().filter(|r| r.exposure == Some("internal")));
        let unstated = glance_rows(rs.iter().copied().filter(|r| r.exposure.is_none()));
        let components: Vec<Value> = platform
            .components
            .iter()
            .map(|c| {
                let count = rs.iter().filter(|r| r.component == c.id).count();
                context! { id => &c.id, name => &c.name, description => &c.description, external => c.external, count => count }
            })
            .collect();
        let document = &self.documents[index];
        context! {
            platform => platform,
            document => document.html,
            toc => document.headings.iter().filter(|(level, _, _)| *level <= 2).map(|(_, id, text)| context! { id => id, text => text }).collect::<Vec<_>>(),
            svg => self.svgs[index],
            reqs => rs,
            external => external,
            internal => internal,
            unstated => unstated,
            components => components,
            ports => distinct_ports(&rs),
            json_url => format!("platforms/{}.json", platform.id),
            csv_url => format!("platforms/{}.csv", platform.id),
        }
    }

    fn port_context(&self, entry: &PortEntry) -> Value {
        let uses = reqs(self.site, &entry.uses);
        let links = |list: &[usize]| list.iter().map(|&i| self.port_link(&self.site.ports[i])).collect::<Vec<_>>();
        let mut services: Vec<(String, String)> =
            uses.iter().filter_map(|r| Some((r.service_name.clone()?, r.service_url.clone()?))).collect();
        services.sort();
        services.dedup();
        let platforms: BTreeSet<&str> = uses.iter().map(|r| r.platform.as_str()).collect();
        context! {
            entry => context! { key => &entry.key, label => &entry.label, single => entry.range.is_single(), len => entry.range.len() },
            uses => uses,
            platform_count => platforms.len(),
            registrations => &entry.registrations,
            inside => links(&entry.inside),
            contains => links(&entry.contains),
            overlaps => links(&entry.overlaps),
            conflicts => entry.conflicts.iter().map(|(anchor, label)| context! { anchor => anchor, label => label }).collect::<Vec<_>>(),
            services => services.into_iter().map(|(name, url)| context! { name => name, url => url }).collect::<Vec<_>>(),
        }
    }

    fn service_context(&self, index: usize) -> Value {
        let service = &self.site.services[index];
        let uses = reqs(self.site, &service.uses);
        type PortsOf = BTreeSet<(u16, u16, String, String)>;
        let mut by_platform: BTreeMap<&str, (String, String, PortsOf)> = BTreeMap::new();
        for r in &uses {
            let item = by_platform.entry(&r.platform).or_insert_with(|| (r.platform_title.clone(), r.platform_url.clone(), BTreeSet::new()));
            item.2.insert((r.range.start(), r.range.end(), r.ports_label.clone(), r.port_url.clone()));
        }
        let platforms: Vec<Value> = by_platform
            .into_values()
            .map(|(title, url, ports)| {
                context! { title => title, url => url, ports => ports.into_iter().map(|(_, _, label, url)| context! { label => label, url => url }).collect::<Vec<_>>() }
            })
            .collect();
        context! { service => context! { name => &service.name, slug => &service.slug }, uses => uses, platforms => platforms }
    }

    fn services_context(&self) -> Value {
        let services: Vec<Value> = self
            .site
            .services
            .iter()
            .map(|s| {
                let uses = reqs(self.site, &s.uses);
                let platforms: BTreeSet<&str> = uses.iter().map(|r| r.platform_title.as_str()).collect();
                let ports: BTreeMap<(u16, u16), (String, String)> =
                    uses.iter().map(|r| ((r.range.start(), r.range.end()), (r.ports_label.clone(), r.port_url.clone()))).collect();
                context! {
                    name => &s.name, url => &s.url, count => uses.len(),
                    platforms => platforms.into_iter().collect::<Vec<_>>(),
                    ports => ports.into_values().map(|(label, url)| context! { label => label, url => url }).collect::<Vec<_>>(),
                }
            })
            .collect();
        let unclassified = self.site.reqs.iter().filter(|r| r.service.is_none()).count();
        context! { services => services, unclassified => unclassified }
    }

    fn conflicts_context(&self) -> Value {
        let item = |c: &crate::site::Conflict| {
            let entry = self.site.port_entry(c.range);
            context! {
                anchor => &c.anchor,
                label => entry.map(|e| e.label.clone()),
                url => entry.map(|e| e.url.clone()),
                platforms => &c.platforms,
                uses => reqs(self.site, &c.uses),
            }
        };
        let conflicts: Vec<Value> = self.site.conflicts.iter().map(item).collect();
        let shared: Vec<Value> = self.site.shared.iter().map(item).collect();
        let overlaps: Vec<Value> = self
            .site
            .range_overlaps
            .iter()
            .map(|o| {
                let shown = &o.others[..o.others.len().min(OVERLAP_ROWS)];
                context! { anchor => &o.anchor, range => &self.site.reqs[o.range_use], others => reqs(self.site, shown), more => o.others.len() - shown.len() }
            })
            .collect();
        context! { conflicts => conflicts, shared => shared, overlaps => overlaps }
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
        let path = page.path(self);
        let (template, title, extra) = match page {
            Page::Home => ("index.html", "Portolan: network ports of self-hosted platforms".to_owned(), context! { platforms => self.platform_cards(), totals => self.totals() }),
            Page::Platform(i) => {
                let p = &self.catalog.platforms[*i];
                ("platform.html", format!("{} ports", p.title), self.platform_context(*i, p))
            }
            Page::Port(i) => {
                let e = &self.site.ports[*i];
                let title = if e.range.is_single() { format!("Port {}", e.label) } else { format!("Ports {}", e.label) };
                ("port.html", title, self.port_context(e))
            }
            Page::PortIndex => ("ports.html", "All ports".to_owned(), context! { reqs => &self.site.reqs, totals => self.totals() }),
            Page::Service(i) => ("service.html", self.site.services[*i].name.clone(), self.service_context(*i)),
            Page::ServiceIndex => ("services.html", "Services".to_owned(), self.services_context()),
            Page::Conflicts => ("conflicts.html", "Conflicts between platforms".to_owned(), self.conflicts_context()),
            Page::Checker => ("checker.html", "Topology checker".to_owned(), context! {}),
            Page::Search => ("search.html", "Search".to_owned(), context! {}),
            Page::NotFound => {
                let base = self.site_url.map(|u| if u.ends_with('/') { u.to_owned() } else { format!("{u}/") });
                ("404.html", "Page not found".to_owned(), context! { base => base })
            }
        };
        let ctx = context! { ..self.common(&path, &title), ..extra };
        let template = self.env.get_template(template).map_err(|e| template_error(self.theme, &e))?;
        let html = template.render(ctx).map_err(|e| template_error(self.theme, &e))?;
        Ok((path, html))
    }
}

/// One "at a glance" line per port, transport and component: documents repeat a port in their
/// summary tables, and the glance should list it once, linking every row that states it.
fn glance_rows<'a>(reqs: impl Iterator<Item = &'a ReqView>) -> Vec<Value> {
    let mut groups: Vec<(&ReqView, Vec<&str>)> = Vec::new();
    for r in reqs {
        match groups.iter_mut().find(|(first, _)| first.ports == r.ports && first.transport == r.transport && first.component == r.component) {
            Some((_, anchors)) => {
                if !anchors.contains(&r.anchor.as_str()) {
                    anchors.push(&r.anchor);
                }
            }
            None => groups.push((r, vec![&r.anchor])),
        }
    }
    groups.into_iter().map(|(r, anchors)| context! { r => r, anchors => anchors }).collect()
}
