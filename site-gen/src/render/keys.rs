//! A page's cache key from what it is made of, computed without building its context: the
//! digests of the rows, the port entry, the service or the platform it shows. An edit rebuild
//! keyed every page by its finished context, so it built (and hashed) all 7,000 contexts of a
//! 1,000-document site to find the few dozen that changed; these keys cost a lookup.
//!
//! Each key must cover everything the page's context builder reads (see `pages.rs`): a field
//! left out here is a page kept stale after an edit of that field (`tests/incremental.rs`
//! steps through such edits). Pages not listed here keep the context key
//! (`PageCache::key`), which is right by construction and costs the context.

use std::hash::{Hash, Hasher};

use std::path::Path;

use portolan_core::model::{Catalog, Platform};
use rayon::prelude::*;
use serde::Serialize;

use super::pages::{PORT_CALLOUTS, PORT_INSIDE, PORT_RELATIONS, Page, Renderer};
use super::rows::compact_fields;
use crate::cache::Digest;
use crate::fingerprint::erased::Part;
use crate::kept_texts;
use crate::site::{ReqView, SiteData};

/// Every row's digests, computed once per build (in parallel, on first use).
#[derive(Debug, Default)]
pub struct RowKeys {
    /// All of a row: what a platform page shows of its own rows.
    pub full: Vec<u64>,
    /// What a compact reference shows (`compact_fields`): port, service and conflict pages.
    pub compact: Vec<u64>,
}

impl RowKeys {
    pub fn of(reqs: &[ReqView]) -> RowKeys {
        let (full, compact) = reqs.par_iter().map(|r| (full_key(r), compact_key(r))).unzip();
        RowKeys { full, compact }
    }

    /// `of`, each platform's digests kept between builds in `dir` under the key of its rows
    /// (`keys`, `platform_keys::PlatformKeys::rows`, of which a platform's row views are a
    /// function): an edit hashes the rows of the platforms it changed, not all 60,000 (a
    /// third of the page keys' instructions at 1,000 documents).
    pub fn kept(catalog: &Catalog, site: &SiteData, keys: &[Digest], dir: &Path) -> RowKeys {
        let Some(runs) = kept_texts::row_runs(catalog, site, keys) else {
            return RowKeys::of(&site.reqs);
        };
        let per_platform = kept_texts::per_row(&runs, dir, kept_texts::ROW_KEYS, |r| {
            (full_key(r), compact_key(r))
        });
        let (full, compact) = per_platform.into_iter().flatten().unzip();
        RowKeys { full, compact }
    }
}

/// A digest of every field of a row. The destructuring is exhaustive, so a field added to
/// `ReqView` does not compile until it is keyed here too.
pub fn full_key(r: &ReqView) -> u64 {
    let ReqView {
        id,
        platform,
        platform_title,
        platform_url,
        component,
        component_name,
        section,
        ports,
        ports_label,
        port_start,
        port_url,
        transport,
        transport_label,
        app_protocol,
        direction,
        peer,
        peer_component,
        necessity,
        condition,
        exposure,
        purpose,
        row_url,
        anchor,
        service,
        service_name,
        service_url,
        file,
        line,
        range,
        transports,
        listening,
    } = r;
    let mut h = rustc_hash::FxHasher::default();
    (id, platform, platform_title, platform_url, component, component_name, section, ports)
        .hash(&mut h);
    (ports_label, port_start, port_url, transport, transport_label, app_protocol, direction)
        .hash(&mut h);
    (peer, peer_component, necessity, condition, exposure, purpose, row_url, anchor).hash(&mut h);
    (service, service_name, service_url, file, line, range, transports, listening).hash(&mut h);
    h.finish()
}

/// A digest of what port and service pages read of a row: its compact reference (the fields
/// its template value has) and what they gather from all their uses (the services and
/// platforms of a port, a service's list by platform with each one's ports).
pub fn compact_key(r: &ReqView) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    for (name, value) in compact_fields(r) {
        (name, value).hash(&mut h);
    }
    (&r.platform, &r.platform_url, &r.service_name, &r.service_url, r.range).hash(&mut h);
    h.finish()
}

/// The bytes a key is the digest of: every piece with its length, so no two different inputs
/// write the same bytes.
#[derive(Default)]
struct KeyBytes(Vec<u8>);

impl KeyBytes {
    fn text(&mut self, text: &str) -> &mut Self {
        self.num(text.len() as u64);
        self.0.extend_from_slice(text.as_bytes());
        self
    }

    #[inline]
    fn num(&mut self, n: u64) -> &mut Self {
        self.0.extend_from_slice(&n.to_le_bytes());
        self
    }

    /// The numbers of `ns` (the rows' digests of a page), room made for all of them at once:
    /// growing the buffer number by number was a sixth of the page keys' instructions.
    fn nums(&mut self, ns: impl ExactSizeIterator<Item = u64>) -> &mut Self {
        self.0.reserve(8 * (ns.len() + 1));
        self.num(ns.len() as u64);
        for n in ns {
            self.0.extend_from_slice(&n.to_le_bytes());
        }
        self
    }

    /// `value` as serde walks it (`fingerprint`'s byte stream, its length first). JSON text
    /// was a third of the page keys' instructions (formatting and escaping every string).
    fn value(&mut self, value: &impl Serialize) -> &mut Self {
        let at = self.0.len();
        self.num(0);
        value.feed(&mut self.0);
        let len = (self.0.len() - at - 8) as u64;
        self.0[at..at + 8].copy_from_slice(&len.to_le_bytes());
        self
    }
}

/// The key of `page` from its inputs, over `salt`; `None` for a page keyed by its context.
pub fn input_key(renderer: &Renderer<'_>, page: &Page, path: &str, salt: u64) -> Option<Digest> {
    let mut b = KeyBytes::default();
    b.num(salt).text("inputs").text(page.template()).text(path);
    match page {
        Page::Port(i, n) => port_inputs(renderer, *i, *n, &mut b),
        Page::Service(i, n) => service_inputs(renderer, *i, *n, &mut b),
        Page::Platform(i) => platform_inputs(renderer, *i, &mut b),
        Page::Conflicts => conflicts_inputs(renderer, None, &mut b),
        Page::PortIndex => ports_inputs(renderer, None, &mut b),
        Page::PortIndexPart(part) => ports_inputs(renderer, Some(*part), &mut b),
        Page::ConflictsPart(part) => conflicts_inputs(renderer, Some(*part), &mut b),
        _ => return None,
    }
    Some(Digest::of(&b.0))
}

/// `Renderer::port_context`: the entry, all its uses (the shown ones, the count, the services
/// and platforms of all), the entries it links to and the conflicts it calls out.
fn port_inputs(r: &Renderer<'_>, index: usize, n: usize, b: &mut KeyBytes) {
    let site = r.site;
    let entry = &site.ports[index];
    let rows = &r.row_keys().compact;
    b.text("port").num(n as u64).text(&entry.key).text(&entry.label).text(&entry.url);
    let mut h = rustc_hash::FxHasher::default();
    entry.range.hash(&mut h);
    b.num(h.finish());
    b.value(&entry.registrations);
    b.nums(entry.uses.iter().map(|&u| rows[u]));
    for (list, cap) in [
        (&entry.inside, PORT_INSIDE),
        (&entry.contains, PORT_RELATIONS),
        (&entry.overlaps, PORT_RELATIONS),
    ] {
        b.num(list.len() as u64);
        for &other in list.iter().take(cap) {
            let other = &site.ports[other];
            b.text(&other.label).text(&other.url);
        }
    }
    b.num(entry.conflicts.len() as u64);
    for (anchor, label, port) in entry.conflicts.iter().take(PORT_CALLOUTS) {
        b.text(label).text(&site.conflict_url(*port, anchor));
    }
}

/// `Renderer::service_context`: the service and all its uses (the shown ones, the count and
/// the by-platform list of all).
fn service_inputs(r: &Renderer<'_>, index: usize, n: usize, b: &mut KeyBytes) {
    let service = &r.site.services[index];
    let rows = &r.row_keys().compact;
    b.text("service").num(n as u64).text(&service.slug).text(&service.name).text(&service.url);
    b.num(service.platforms as u64);
    b.nums(service.uses.iter().map(|&u| rows[u]));
}

/// `Renderer::platform_context`: the platform but its requirements (the page shows them as
/// rows), its rows, its rendered document and its diagram (`DocumentText::key`).
fn platform_inputs(r: &Renderer<'_>, index: usize, b: &mut KeyBytes) {
    let platform: &Platform = &r.catalog.platforms[index];
    let Platform {
        id,
        title,
        vendor,
        summary,
        sources,
        verified,
        file,
        components,
        variants,
        requirements: _,
    } = platform;
    b.text("platform").value(&(id, title, vendor, summary, sources, verified, file));
    b.value(components).value(variants);
    let rows = &r.row_keys().full;
    let own = r.site.by_platform.get(id.as_str()).map(Vec::as_slice).unwrap_or_default();
    b.nums(own.iter().map(|&u| rows[u]));
    let document = &r.documents[index];
    // The HTML and the diagram by the cache entry they are in, not hashed (`DocumentText`).
    let text = r.texts[index].key();
    b.num(text.len).num(u64::from(text.crc)).num(text.fx);
    b.value(&document.headings).value(&document.coverage);
    b.value(&document.unplaced_peers);
}

/// `Renderer::conflicts_context`: the entries listed (each with its port entry, platforms, the
/// rows of its uses and the services they were judged by), the parts it links, the totals.
fn conflicts_inputs(r: &Renderer<'_>, part: Option<usize>, b: &mut KeyBytes) {
    let site = r.site;
    let rows = &r.row_keys().full;
    b.text("conflicts").num(part.map_or(0, |p| p as u64 + 1)).num(u64::from(site.conflicts_split));
    b.nums(
        [site.conflicts.len(), site.shared.len(), site.range_overlaps.len()]
            .map(|n| n as u64)
            .into_iter(),
    );
    let [conflicts, shared, overlaps] = r.conflicts_listed(part);
    for (list, indices) in [(&site.conflicts, conflicts), (&site.shared, shared)] {
        b.num(indices.len() as u64);
        for c in indices.into_iter().map(|i| &list[i]) {
            b.text(&c.anchor);
            match site.port_entry(c.range) {
                Some(entry) => b.num(1).text(&entry.label).text(&entry.url),
                None => b.num(0),
            };
            b.value(&c.platforms).value(&c.inferred);
            b.nums(c.uses.iter().map(|&u| rows[u]));
        }
    }
    b.num(overlaps.len() as u64);
    for o in overlaps.into_iter().map(|i| &site.range_overlaps[i]) {
        b.text(&o.anchor).num(rows[o.range_use]).num(o.total as u64);
        b.nums(o.others.iter().map(|&u| rows[u]));
    }
    let parts = r.conflict_parts_linked(part);
    b.num(parts.len() as u64);
    for (p, count) in parts {
        let (low, high) = site.conflict_part_bounds(p);
        b.num(p as u64).num(count as u64).num(u64::from(low)).num(u64::from(high));
        b.text(&site.conflicts_part_url(p));
    }
    if let Some(p) = part {
        let (low, high) = site.conflict_part_bounds(p);
        b.num(u64::from(low)).num(u64::from(high));
    }
}

/// `Renderer::ports_context`: the entries listed (label, URL, the full digests of their uses:
/// transports, services or purposes, platforms), the parts and the site's totals.
fn ports_inputs(r: &Renderer<'_>, part: Option<usize>, b: &mut KeyBytes) {
    let site = r.site;
    let rows = &r.row_keys().full;
    b.text("ports").num(part.map_or(0, |p| p as u64 + 1)).num(u64::from(site.ports_split));
    totals(r, b);
    let landing = part.is_none() && site.ports_split;
    let listed: Vec<_> = site
        .ports
        .iter()
        .filter(|e| !landing && part.is_none_or(|p| crate::site::part_of(e.range.start()) == p))
        .collect();
    b.num(listed.len() as u64);
    for entry in listed {
        b.text(&entry.label).text(&entry.url);
        b.nums(entry.uses.iter().map(|&u| rows[u]));
    }
    if site.ports_split {
        // The parts' bounds and pages follow from their numbers.
        for &(p, count) in r.port_parts() {
            b.num(p as u64).num(count as u64);
        }
    }
}

/// `Renderer::totals`.
fn totals(r: &Renderer<'_>, b: &mut KeyBytes) {
    let site = r.site;
    let counts = [
        r.catalog.platforms.len(),
        site.reqs.len(),
        site.ports.len(),
        site.services.len(),
        site.conflicts.len() + site.range_overlaps.len(),
    ];
    b.nums(counts.map(|n| n as u64).into_iter());
}

#[cfg(test)]
mod tests {
    use portolan_core::extract::{Document, build_catalog};

    use super::*;
    use crate::iana::Registry;
    use crate::services::Vocabulary;

    const DOC: &str = "+++\ntitle = \"Alpha\"\nplatform = \"alpha\"\n+++\n\n## Web\n\n| Port | Protocol | Purpose |\n| --- | --- | --- |\n| 443 | TCP | Web UI |\n| 40000 | UDP | Media |\n";

    /// The rows' digests an edit rebuild keeps per platform are those of the rows it shows:
    /// equal to `RowKeys::of` after a row moves and a platform comes, and a kept entry is used
    /// only under its platform's rows key (a stale one would key a page as unchanged).
    #[test]
    fn kept_row_keys_are_made_again_when_their_rows_change() {
        let dir = std::env::temp_dir().join(format!("portolan-row-keys-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let beta = DOC.replace("alpha", "beta").replace("Alpha", "Beta");
        let keys = |docs: &[(&str, &str)]| {
            let documents: Vec<Document<'_>> =
                docs.iter().map(|(path, text)| Document { path, bytes: text.as_bytes() }).collect();
            let catalog = build_catalog(&documents).catalog;
            let site = SiteData::new(&catalog, &Vocabulary::builtin(), &Registry::builtin());
            let rows: Vec<Digest> =
                catalog.platforms.iter().map(|p| crate::search::rows_key(&site, &p.id)).collect();
            let kept = RowKeys::kept(&catalog, &site, &rows, &dir);
            let made = RowKeys::of(&site.reqs);
            (kept, made, rows)
        };
        let first = [("alpha.md", DOC), ("beta.md", beta.as_str())];
        let (kept, made, _) = keys(&first);
        assert_eq!((kept.full, kept.compact), (made.full, made.compact));
        let moved = DOC.replace("| 443 |", "| 8443 |");
        let gamma = DOC.replace("alpha", "gamma").replace("Alpha", "Gamma");
        let edited = [("alpha.md", moved.as_str()), ("beta.md", &beta), ("gamma.md", &gamma)];
        let (kept, made, rows) = keys(&edited);
        assert_eq!((&kept.full, &kept.compact), (&made.full, &made.compact), "after an edit");
        // Planted digests under beta's key are what the next build reads for beta's rows.
        let planted: Vec<(Digest, Vec<(u64, u64)>)> = rows
            .iter()
            .enumerate()
            .map(|(i, key)| {
                let n = if i == 1 { 2 } else { kept.full.len() };
                (*key, (0..n as u64).map(|j| (j + 7, j + 9)).collect())
            })
            .collect();
        kept_texts::Kept::<Vec<(u64, u64)>>::save(
            &dir,
            kept_texts::ROW_KEYS,
            planted.iter().map(|(k, v)| (*k, v)),
        );
        let (kept, made, _) = keys(&edited);
        assert_eq!(kept.full, [made.full[0], made.full[1], 7, 8, made.full[4], made.full[5]]);
        let _ = std::fs::remove_dir_all(dir);
    }
}
