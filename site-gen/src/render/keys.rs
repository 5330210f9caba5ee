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

use portolan_core::model::Platform;
use rayon::prelude::*;
use serde::Serialize;

use super::pages::{PORT_CALLOUTS, PORT_INSIDE, PORT_RELATIONS, Page, Renderer};
use super::rows::compact_fields;
use crate::cache::Digest;
use crate::site::ReqView;

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

    fn num(&mut self, n: u64) -> &mut Self {
        self.0.extend_from_slice(&n.to_le_bytes());
        self
    }

    fn nums(&mut self, ns: impl ExactSizeIterator<Item = u64>) -> &mut Self {
        self.num(ns.len() as u64);
        ns.for_each(|n| {
            self.num(n);
        });
        self
    }

    /// `value` as JSON (its length first).
    fn json(&mut self, value: &impl Serialize) -> &mut Self {
        let at = self.0.len();
        self.num(0);
        // Serialising into a Vec fails only for maps with non-string keys: none is keyed here.
        let _ = serde_json::to_writer(&mut self.0, value);
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
    b.json(&entry.registrations);
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
/// rows), its rows, its rendered document and its diagram.
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
    b.text("platform").json(&(id, title, vendor, summary, sources, verified, file));
    b.json(components).json(variants);
    let rows = &r.row_keys().full;
    let own = r.site.by_platform.get(id.as_str()).map(Vec::as_slice).unwrap_or_default();
    b.nums(own.iter().map(|&u| rows[u]));
    let document = &r.documents[index];
    b.text(&document.html).json(&document.headings).json(&document.coverage);
    b.json(&document.unplaced_peers);
    match &r.svgs[index] {
        Some(svg) => b.num(1).text(svg),
        None => b.num(0),
    };
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
            b.json(&c.platforms).json(&c.inferred);
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
        for (p, count) in r.port_parts() {
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
