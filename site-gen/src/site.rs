//! What the site shows beyond the catalog itself, computed once per build: every requirement
//! as a row view with its links, the port and range pages, the services and the conflicts.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::{FxHashMap, FxHashSet};

use portolan_core::model::{Catalog, Direction, PortRange, Transports};
use portolan_core::site_path::{platform_page, requirement_row};
use rayon::prelude::*;
use serde::Serialize;

use crate::iana::{Registration, Registry};
use crate::services::Vocabulary;
use crate::util::port_label;

/// A requirement as the pages show it: display strings and root-relative links precomputed.
#[derive(Debug, Clone, Serialize)]
pub struct ReqView {
    pub id: String,
    pub platform: String,
    pub platform_title: String,
    pub platform_url: String,
    pub component: String,
    pub component_name: String,
    pub section: String,
    pub ports: String,
    pub ports_label: String,
    pub port_start: u16,
    pub port_url: String,
    pub transport: Option<&'static str>,
    pub transport_label: &'static str,
    pub app_protocol: Option<String>,
    pub direction: Option<&'static str>,
    pub peer: Option<String>,
    /// The peer as a component id of the same platform, when the row names one.
    pub peer_component: Option<String>,
    pub necessity: Option<&'static str>,
    pub condition: Option<String>,
    pub exposure: Option<&'static str>,
    pub purpose: Option<String>,
    pub row_url: String,
    pub anchor: String,
    pub service: Option<String>,
    pub service_name: Option<String>,
    pub service_url: Option<String>,
    pub file: String,
    pub line: u32,
    #[serde(skip)]
    pub range: PortRange,
    #[serde(skip)]
    pub transports: Option<Transports>,
    #[serde(skip)]
    pub listening: bool,
}

#[derive(Debug, Clone)]
pub struct PortEntry {
    pub range: PortRange,
    /// File stem: `443` or `30000-32767`.
    pub key: String,
    pub label: String,
    pub url: String,
    /// Indices into `SiteData::reqs`.
    pub uses: Vec<usize>,
    pub registrations: Vec<Registration>,
    /// Other port entries (indices) that are ranges containing this one.
    pub inside: Vec<usize>,
    /// Port entries lying inside this range.
    pub contains: Vec<usize>,
    /// Port entries that overlap this one partially.
    pub overlaps: Vec<usize>,
    /// Entries of the conflicts pages that concern this port: (anchor, what it is, the first
    /// port of the entry, which says the page it is on).
    pub conflicts: Vec<(String, String, u16)>,
}

#[derive(Debug, Clone)]
pub struct ServiceEntry {
    pub slug: String,
    pub name: String,
    pub url: String,
    pub uses: Vec<usize>,
    /// Distinct platforms among the uses (every page of the service shows it).
    pub platforms: usize,
}

/// One port (and transport) that platforms use for different things.
#[derive(Debug, Clone)]
pub struct Conflict {
    pub anchor: String,
    pub range: PortRange,
    pub uses: Vec<usize>,
    pub platforms: Vec<String>,
    /// Per use: the service it was judged by when the row names none, the one its port is
    /// registered for (IANA); `None` when the row names its own or none is known.
    pub inferred: Vec<Option<String>>,
}

/// Rows of other platforms kept per range overlap (the conflicts page shows them; the rest
/// are counted and are on the port pages).
pub const OVERLAP_SHOWN: usize = 12;

/// A range of one platform that other platforms' ports fall into.
#[derive(Debug, Clone)]
pub struct RangeOverlap {
    pub anchor: String,
    pub range_use: usize,
    /// The first `OVERLAP_SHOWN` listeners of other platforms in the range.
    pub others: Vec<usize>,
    /// How many there are.
    pub total: usize,
}

#[derive(Debug, Clone)]
pub struct SiteData {
    pub reqs: Vec<ReqView>,
    pub ports: Vec<PortEntry>,
    pub services: Vec<ServiceEntry>,
    pub conflicts: Vec<Conflict>,
    pub shared: Vec<Conflict>,
    pub range_overlaps: Vec<RangeOverlap>,
    /// Platform id → indices into `reqs`, so a platform's rows are found without a scan.
    pub by_platform: FxHashMap<String, Vec<usize>>,
    /// The conflicts are on several pages, one per part of the port space.
    pub conflicts_split: bool,
    /// When split: where each part of the conflicts starts (see `conflict_cuts`).
    pub conflict_cuts: Vec<ConflictCut>,
    /// When split: per part, the indices of its conflicts, shared ports and range overlaps, in
    /// the order of those lists (found once: a filter per part was parts × entries, hundreds of
    /// parts and tens of thousands of entries at 10,000 documents).
    pub conflict_members: Vec<PartMembers>,
    /// The port index is on several pages, one per part of the port space.
    pub ports_split: bool,
}

pub fn port_url(range: PortRange) -> String {
    format!("ports/{range}.html")
}

/// `site_path::requirement_row(platform, anchor)`, given the platform's page: an anchor of
/// plain characters (every generated one, `r-42-1`) is appended as it is, without formatting
/// the page again (two `format!`s per row were 2% of an edit rebuild); any other goes through
/// `requirement_row`, which encodes it.
fn row_url(page: &str, platform: &str, anchor: &str) -> String {
    if !anchor.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
        return requirement_row(platform, anchor);
    }
    let mut url = String::with_capacity(page.len() + 1 + anchor.len());
    url.push_str(page);
    url.push('#');
    url.push_str(anchor);
    url
}

pub fn service_url(slug: &str) -> String {
    format!("services/{slug}.html")
}

/// Pages that list the whole corpus (the port index, the conflicts) are split into parts by
/// port number once they hold more than this many entries: one page of 60,000 ports or
/// conflicts is tens of megabytes, which no browser shows comfortably.
pub const SPLIT_AT: usize = 1_000;

/// Ports per part: 32 parts cover the port space, about 2,000 port entries each when every
/// port is used (the 10,000-document corpus). A part of 4,096 ports was 34 KB gzipped there,
/// over the 30 KB page budget, even with one short line per entry.
pub const PART_SPAN: u32 = 2_048;

/// The part (0..32) a port (or a range, by its first port) falls in.
pub fn part_of(port: u16) -> usize {
    (u32::from(port) / PART_SPAN) as usize
}

/// The first and last port of a part.
pub fn part_bounds(part: usize) -> (u32, u32) {
    let low = part as u32 * PART_SPAN;
    (low, (low + PART_SPAN - 1).min(65_535))
}

/// The page of one part of the port index.
pub fn port_index_part_url(part: usize) -> String {
    let (low, high) = part_bounds(part);
    format!("ports/index-{low}-{high}.html")
}

/// Entries (conflicts, shared ports, range overlaps) per part of the split conflicts. Parts of a
/// fixed span of ports held up to a thousand entries on the 1,000-document bench corpus, 1.8 MB
/// (77 KB gzipped) for one page. At 10,000 documents an entry is larger (more platforms per
/// conflict): 150 entries made parts of up to 32 KB gzipped, 120 keep them under the 30 KB budget.
pub const CONFLICTS_PER_PART: usize = 120;

/// Where a part of the split conflicts starts: the first entry it holds, by first port and
/// anchor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictCut {
    pub port: u16,
    pub anchor: String,
    /// The part starts among the entries of a port (one port can have hundreds: every platform
    /// whose range covers 30000–32767), so the part before it ends on that port too.
    pub mid_port: bool,
}

/// The entries one part of the split conflicts shows, as indices into `SiteData`'s lists.
#[derive(Debug, Clone, Default)]
pub struct PartMembers {
    pub conflicts: Vec<usize>,
    pub shared: Vec<usize>,
    pub overlaps: Vec<usize>,
}

impl PartMembers {
    pub fn len(&self) -> usize {
        self.conflicts.len() + self.shared.len() + self.overlaps.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Where each part of the split conflicts starts, from every entry's first port and anchor:
/// entries in that order fill a part up to `CONFLICTS_PER_PART`; the first part starts at 0.
pub fn conflict_cuts(mut entries: Vec<(u16, &str)>) -> Vec<ConflictCut> {
    entries.sort_unstable();
    let mut cuts = vec![ConflictCut { port: 0, anchor: String::new(), mid_port: false }];
    for (i, &(port, anchor)) in entries.iter().enumerate() {
        if i > 0 && i % CONFLICTS_PER_PART == 0 {
            let mid_port = entries[i - 1].0 == port;
            cuts.push(ConflictCut { port, anchor: anchor.to_owned(), mid_port });
        }
    }
    cuts
}

/// A row's facts as words: "TCP, inbound, required, internal only", which `site.js` turns into
/// badges. The one speller of them: compact rows (port and service pages) take them plain, the
/// platform page (`markdown::fact_words`) with the necessity wrapped in its condition's title.
pub fn fact_words(
    transport_label: &str,
    direction: Option<&str>,
    necessity: Option<&str>,
    exposure: Option<&str>,
) -> String {
    // Room for the longest ("TCP/UDP, outbound, recommended, internal only"): grown from the
    // label's size it was copied twice or three times, for each row on each page that shows it.
    let mut out = String::with_capacity(transport_label.len() + 48);
    out.push_str(transport_label);
    for word in [direction, necessity].into_iter().flatten().filter(|w| !w.is_empty()) {
        out.push_str(", ");
        out.push_str(word);
    }
    match exposure {
        Some("external") => out.push_str(", external"),
        Some("internal") => out.push_str(", internal only"),
        _ => {}
    }
    out
}

pub fn transport_label(t: Option<Transports>) -> &'static str {
    match t.map(|t| t.as_str()) {
        Some("tcp") => "TCP",
        Some("udp") => "UDP",
        Some("sctp") => "SCTP",
        Some("tcp+udp") => "TCP/UDP",
        _ => crate::iana::NOT_STATED,
    }
}

use crate::collide::transports_meet;

/// A purpose as the conflicts compare it: lowercased words, one space apart.
fn normalized(text: Option<&str>) -> String {
    let text = text.unwrap_or("");
    // Nearly every purpose is ASCII: one pass over its bytes into one string (lowercasing
    // the whole text, then splitting and joining its words was a twentieth of an edit
    // rebuild's instructions), the same words as the general way, which other text takes
    // (its lowercasing depends on context: a final sigma).
    if text.is_ascii() {
        let mut out = String::with_capacity(text.len());
        let mut gap = false;
        for b in text.bytes() {
            if b.is_ascii_alphanumeric() {
                if gap && !out.is_empty() {
                    out.push(' ');
                }
                gap = false;
                out.push(char::from(b.to_ascii_lowercase()));
            } else {
                gap = true;
            }
        }
        return out;
    }
    lowered_words(text)
}

/// `normalized` of any text.
fn lowered_words(text: &str) -> String {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Each row of one platform read as a service: its index in the vocabulary's services, or
/// [`NO_SERVICE`]. What classifying a platform's rows (phrase matching, the costly part of the
/// row views) gave; an edit rebuild keeps it under the platform's rows key (`platform_keys`)
/// and gives it back to [`SiteData::with_readings`].
pub type ServiceReadings = Vec<u32>;

/// A row no service of the vocabulary was read for.
pub const NO_SERVICE: u32 = u32::MAX;

impl SiteData {
    pub fn new(catalog: &Catalog, vocabulary: &Vocabulary, registry: &Registry) -> Self {
        Self::with_readings(catalog, vocabulary, registry, &[]).0
    }

    /// `new`, taking each platform's rows' services from `kept` (by catalog index) where given
    /// for as many rows as it has; with every platform's readings, for the next build to keep.
    pub fn with_readings(
        catalog: &Catalog,
        vocabulary: &Vocabulary,
        registry: &Registry,
        kept: &[Option<&ServiceReadings>],
    ) -> (Self, Vec<ServiceReadings>) {
        // Component id → name through a map: `Catalog::component` scans the platforms, which made
        // this loop quadratic in the number of documents.
        let component_names: FxHashMap<&str, &str> =
            catalog.components().map(|c| (c.id.as_str(), c.name.as_str())).collect();
        let name_of = |r: &portolan_core::model::Requirement| {
            component_names
                .get(r.component.as_str())
                .map_or_else(|| r.component.clone(), |n| (*n).to_owned())
        };
        // Classifying a requirement (phrase matching) is the expensive part: every core, one
        // platform per task, in catalog order; or kept from the last build.
        let readings: Vec<ServiceReadings> = catalog
            .platforms
            .par_iter()
            .enumerate()
            .map(|(index, platform)| {
                let kept = kept.get(index).copied().flatten();
                match kept.filter(|k| k.len() == platform.requirements.len()) {
                    Some(kept) => kept.clone(),
                    None => platform
                        .requirements
                        .iter()
                        .map(|r| {
                            let found = vocabulary.classify(r, &name_of(r));
                            found
                                .and_then(|s| {
                                    vocabulary.services.iter().position(|v| std::ptr::eq(v, s))
                                })
                                .and_then(|i| u32::try_from(i).ok())
                                .unwrap_or(NO_SERVICE)
                        })
                        .collect(),
                }
            })
            .collect();
        let reqs: Vec<ReqView> = catalog
            .platforms
            .par_iter()
            .zip(&readings)
            .flat_map_iter(|(platform, readings)| {
                let platform_url = platform_page(&platform.id);
                let name_of = &name_of;
                platform.requirements.iter().zip(readings).map(move |(r, &reading)| {
                    let component_name = name_of(r);
                    let service =
                        usize::try_from(reading).ok().and_then(|i| vocabulary.services.get(i));
                    ReqView {
                        id: r.id.clone(),
                        platform: platform.id.clone(),
                        platform_title: platform.title.clone(),
                        platform_url: platform_url.clone(),
                        component: r.component.clone(),
                        component_name,
                        section: r.section.clone(),
                        ports: r.ports.to_string(),
                        ports_label: port_label(r.ports),
                        port_start: r.ports.start(),
                        port_url: port_url(r.ports),
                        transport: r.transport.map(|t| t.as_str()),
                        transport_label: match r.transport {
                            Some(_) => transport_label(r.transport),
                            None => registry.unstated_transport_label(r.ports),
                        },
                        app_protocol: r.app_protocol.clone(),
                        direction: r.direction.map(|d| d.as_str()),
                        peer: r.peer.clone(),
                        peer_component: r.peer_component.clone(),
                        necessity: r.necessity.map(|n| n.as_str()),
                        condition: r.condition.clone(),
                        exposure: r.exposure.map(|e| e.as_str()),
                        purpose: r.purpose.clone(),
                        row_url: row_url(&platform_url, &platform.id, &r.anchor),
                        anchor: r.anchor.clone(),
                        service: service.map(|s| s.slug.clone()),
                        service_name: service.map(|s| s.name.clone()),
                        service_url: service.map(|s| service_url(&s.slug)),
                        file: r.source.file.clone(),
                        line: r.source.line,
                        range: r.ports,
                        transports: r.transport,
                        listening: r.direction != Some(Direction::Outbound),
                    }
                })
            })
            .collect();

        // Port and range pages.
        let mut by_range: BTreeMap<PortRange, Vec<usize>> = BTreeMap::new();
        for (i, r) in reqs.iter().enumerate() {
            by_range.entry(r.range).or_default().push(i);
        }
        let mut ports: Vec<PortEntry> = by_range
            .into_iter()
            .map(|(range, uses)| {
                let transport = uses.iter().find_map(|&i| reqs[i].transports);
                let registrations = if range.is_single() {
                    registry.lookup(range.start(), transport).into_iter().cloned().collect()
                } else {
                    registry.lookup_range(range, 8).into_iter().cloned().collect()
                };
                PortEntry {
                    range,
                    key: range.to_string(),
                    label: port_label(range),
                    url: port_url(range),
                    uses,
                    registrations,
                    inside: Vec::new(),
                    contains: Vec::new(),
                    overlaps: Vec::new(),
                    conflicts: Vec::new(),
                }
            })
            .collect();
        // `ports` is sorted by (start, end). The entries overlapping `a` start at or before
        // its end; walking back from there, a running maximum of the ends says when no earlier
        // entry can reach `a` any more. Cost: the overlaps found plus a short walk, not n².
        let count = ports.len();
        // The transports each entry's rows may use: entries relate only when they meet.
        let bits: Vec<u8> = ports
            .iter()
            .map(|p| {
                p.uses
                    .iter()
                    .fold(0, |b, &i| b | crate::collide::transport_bits(reqs[i].transports))
            })
            .collect();
        let mut max_end: Vec<u16> = Vec::with_capacity(count);
        for p in &ports {
            max_end.push(max_end.last().map_or(p.range.end(), |&m: &u16| m.max(p.range.end())));
        }
        for a in 0..count {
            let ra = ports[a].range;
            let upto = ports.partition_point(|p| p.range.start() <= ra.end());
            let mut found: Vec<usize> = Vec::new();
            for b in (0..upto).rev() {
                if max_end[b] < ra.start() {
                    break;
                }
                if b != a && ports[b].range.overlaps(ra) && bits[a] & bits[b] != 0 {
                    found.push(b);
                }
            }
            found.reverse();
            for b in found {
                let rb = ports[b].range;
                if rb.contains(ra) {
                    ports[a].inside.push(b);
                } else if ra.contains(rb) {
                    ports[a].contains.push(b);
                } else {
                    ports[a].overlaps.push(b);
                }
            }
        }

        // Services.
        let mut by_service: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, r) in reqs.iter().enumerate() {
            if let Some(slug) = &r.service {
                by_service.entry(slug.clone()).or_default().push(i);
            }
        }
        let mut services: Vec<ServiceEntry> = by_service
            .into_iter()
            .map(|(slug, uses)| ServiceEntry {
                name: vocabulary.get(&slug).map_or_else(|| slug.clone(), |s| s.name.clone()),
                url: service_url(&slug),
                platforms: uses
                    .iter()
                    .map(|&i| reqs[i].platform.as_str())
                    .collect::<FxHashSet<_>>()
                    .len(),
                slug,
                uses,
            })
            .collect();
        // Each name lowered once, not once per comparison.
        services.sort_by_cached_key(|s| (s.name.to_lowercase(), s.slug.clone()));

        // Conflicts: listeners on the same port (and a shared transport) across platforms.
        let mut conflicts = Vec::new();
        let mut shared = Vec::new();
        // Every port on its own, on every core; the order of `ports` is kept.
        let judged: Vec<(bool, Conflict)> = ports
            .par_iter()
            .filter_map(|entry| {
                let listeners: Vec<usize> =
                    entry.uses.iter().copied().filter(|&i| reqs[i].listening).collect();
                let platforms: BTreeSet<&str> =
                    listeners.iter().map(|&i| reqs[i].platform.as_str()).collect();
                if platforms.len() < 2 {
                    return None;
                }
                let purposes: Vec<String> =
                    listeners.iter().map(|&i| normalized(reqs[i].purpose.as_deref())).collect();
                // A row that names no service is read as the service its port is registered
                // for (IANA): "EKS API server" on 443 is HTTPS.
                let inferred = |i: usize| {
                    if !entry.range.is_single() {
                        return None;
                    }
                    registry
                        .lookup(entry.range.start(), reqs[i].transports)
                        .into_iter()
                        .find_map(|reg| vocabulary.classify_name(&reg.name))
                        .map(|s| s.slug.as_str())
                };
                let views: Vec<crate::collide::Listener<'_>> = listeners
                    .iter()
                    .zip(&purposes)
                    .map(|(&i, purpose)| {
                        let r = &reqs[i];
                        let own = r.service.as_deref();
                        crate::collide::Listener {
                            platform: &r.platform,
                            transports: r.transports,
                            service: own.or_else(|| inferred(i)),
                            purpose,
                        }
                    })
                    .collect();
                let (meets, differs) = crate::collide::judge(&views);
                if !meets {
                    return None;
                }
                let inferred_names: Vec<Option<String>> = listeners
                    .iter()
                    .map(|&i| {
                        let slug = reqs[i].service.is_none().then(|| inferred(i)).flatten()?;
                        vocabulary.get(slug).map(|s| s.name.clone())
                    })
                    .collect();
                let item = Conflict {
                    inferred: inferred_names,
                    anchor: format!("{}{}", if differs { "c-" } else { "s-" }, entry.key),
                    range: entry.range,
                    uses: listeners,
                    platforms: platforms.into_iter().map(str::to_owned).collect(),
                };
                Some((differs, item))
            })
            .collect();
        for (differs, item) in judged {
            if differs { conflicts.push(item) } else { shared.push(item) }
        }

        // Range overlaps: another platform's listener inside (or across) a platform's range, one
        // entry per platform and range. The candidates (listeners of the entries a range
        // overlaps) are the same for every platform claiming the range, so they are gathered
        // and counted once per range: a NodePort range claimed by thousands of platforms used
        // to cost its candidates once per platform.
        let mut claims: BTreeMap<PortRange, Vec<usize>> = BTreeMap::new();
        let mut seen_ranges: BTreeSet<(&str, PortRange)> = BTreeSet::new();
        for (i, r) in reqs.iter().enumerate() {
            // One entry per platform and range, however many rows repeat the range.
            if !r.range.is_single()
                && r.listening
                && seen_ranges.insert((r.platform.as_str(), r.range))
            {
                claims.entry(r.range).or_default().push(i);
            }
        }
        let per_range: Vec<(Vec<RangeOverlap>, Vec<usize>)> = claims
            .par_iter()
            .filter_map(|(range, owners)| {
                let at = ports.binary_search_by(|p| p.range.cmp(range)).ok()?;
                let entry = &ports[at];
                let related: Vec<usize> = entry
                    .inside
                    .iter()
                    .chain(&entry.contains)
                    .chain(&entry.overlaps)
                    .copied()
                    .collect();
                let mut candidates: Vec<usize> = related
                    .iter()
                    .flat_map(|&e| ports[e].uses.iter().copied())
                    .filter(|&j| reqs[j].listening)
                    .collect();
                candidates.sort_unstable();
                let mut by_transports: FxHashMap<Option<Transports>, usize> = FxHashMap::default();
                let mut by_platform: FxHashMap<(&str, Option<Transports>), usize> =
                    FxHashMap::default();
                for &j in &candidates {
                    *by_transports.entry(reqs[j].transports).or_default() += 1;
                    *by_platform
                        .entry((reqs[j].platform.as_str(), reqs[j].transports))
                        .or_default() += 1;
                }
                let overlaps: Vec<RangeOverlap> = owners
                    .iter()
                    .filter_map(|&i| {
                        let r = &reqs[i];
                        let total: usize = by_transports
                            .iter()
                            .filter(|(t, _)| transports_meet(**t, r.transports))
                            .map(|(t, n)| {
                                n - by_platform
                                    .get(&(r.platform.as_str(), *t))
                                    .copied()
                                    .unwrap_or(0)
                            })
                            .sum();
                        if total == 0 {
                            return None;
                        }
                        let others: Vec<usize> = candidates
                            .iter()
                            .copied()
                            .filter(|&j| {
                                reqs[j].platform != r.platform
                                    && transports_meet(reqs[j].transports, r.transports)
                            })
                            .take(OVERLAP_SHOWN)
                            .collect();
                        Some(RangeOverlap {
                            anchor: format!("o-{}", r.id.replace('/', "-")),
                            range_use: i,
                            others,
                            total,
                        })
                    })
                    .collect();
                if overlaps.is_empty() {
                    return None;
                }
                // The port entries to warn: the range's own, and those with a listener that
                // collides with one of the claiming platforms.
                let mut touched = vec![at];
                touched.extend(related.iter().copied().filter(|&e| {
                    ports[e].uses.iter().any(|&j| {
                        let u = &reqs[j];
                        u.listening
                            && overlaps.iter().any(|o| {
                                let owner = &reqs[o.range_use];
                                owner.platform != u.platform
                                    && transports_meet(owner.transports, u.transports)
                            })
                    })
                }));
                touched.sort_unstable();
                Some((overlaps, touched))
            })
            .collect();

        for c in conflicts.iter().chain(&shared) {
            if let Some(entry) =
                ports.binary_search_by(|p| p.range.cmp(&c.range)).ok().map(|i| &mut ports[i])
            {
                let what = if c.anchor.starts_with("c-") {
                    "different purposes"
                } else {
                    "the same service"
                };
                entry.conflicts.push((
                    c.anchor.clone(),
                    format!("{} used by {} platforms for {what}", entry.label, c.platforms.len()),
                    c.range.start(),
                ));
            }
        }
        let mut pushed: FxHashSet<(usize, String)> = FxHashSet::default();
        for (entry, port) in ports.iter().enumerate() {
            for (anchor, _, _) in &port.conflicts {
                pushed.insert((entry, anchor.clone()));
            }
        }
        // One warning per range on each port it touches, in the order of the rows claiming it.
        let mut per_range = per_range;
        per_range.sort_by_key(|(overlaps, _)| overlaps[0].range_use);
        let mut range_overlaps: Vec<RangeOverlap> = Vec::new();
        for (overlaps, touched) in per_range {
            let first = &reqs[overlaps[0].range_use];
            let label = if overlaps.len() == 1 {
                format!("{}'s range {}", first.platform_title, first.ports_label)
            } else {
                format!("the range {}, claimed by {} platforms", first.ports_label, overlaps.len())
            };
            for entry in touched {
                if pushed.insert((entry, overlaps[0].anchor.clone())) {
                    ports[entry].conflicts.push((
                        overlaps[0].anchor.clone(),
                        label.clone(),
                        first.range.start(),
                    ));
                }
            }
            range_overlaps.extend(overlaps);
        }
        range_overlaps.sort_by_key(|o| o.range_use);

        let mut by_platform: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (i, r) in reqs.iter().enumerate() {
            // The id is copied once per platform, not once per row.
            match by_platform.get_mut(r.platform.as_str()) {
                Some(rows) => rows.push(i),
                None => {
                    by_platform.insert(r.platform.clone(), vec![i]);
                }
            }
        }
        let conflicts_split = conflicts.len() + shared.len() + range_overlaps.len() > SPLIT_AT;
        let conflict_cuts = if conflicts_split {
            conflict_cuts(
                conflicts
                    .iter()
                    .chain(&shared)
                    .map(|c| (c.range.start(), c.anchor.as_str()))
                    .chain(
                        range_overlaps
                            .iter()
                            .map(|o| (reqs[o.range_use].range.start(), o.anchor.as_str())),
                    )
                    .collect(),
            )
        } else {
            Vec::new()
        };
        let mut conflict_members = vec![PartMembers::default(); conflict_cuts.len()];
        let part_of = |port: u16, anchor: &str| {
            conflict_cuts
                .partition_point(|c| (c.port, c.anchor.as_str()) <= (port, anchor))
                .saturating_sub(1)
        };
        if conflicts_split {
            for (i, c) in conflicts.iter().enumerate() {
                conflict_members[part_of(c.range.start(), &c.anchor)].conflicts.push(i);
            }
            for (i, c) in shared.iter().enumerate() {
                conflict_members[part_of(c.range.start(), &c.anchor)].shared.push(i);
            }
            for (i, o) in range_overlaps.iter().enumerate() {
                let start = reqs[o.range_use].range.start();
                conflict_members[part_of(start, &o.anchor)].overlaps.push(i);
            }
        }
        let ports_split = ports.len() > SPLIT_AT;
        let site = Self {
            reqs,
            ports,
            services,
            conflicts,
            shared,
            range_overlaps,
            by_platform,
            conflicts_split,
            conflict_cuts,
            conflict_members,
            ports_split,
        };
        (site, readings)
    }

    /// The page that shows the conflict entry `anchor` about ports starting at `port`.
    pub fn conflicts_page(&self, port: u16, anchor: &str) -> String {
        if self.conflicts_split {
            self.conflicts_part_url(self.conflict_part_of(port, anchor))
        } else {
            "conflicts.html".to_owned()
        }
    }

    /// The part of the split conflicts that shows the entry `anchor` about ports from `port`.
    pub fn conflict_part_of(&self, port: u16, anchor: &str) -> usize {
        self.conflict_cuts
            .partition_point(|c| (c.port, c.anchor.as_str()) <= (port, anchor))
            .saturating_sub(1)
    }

    /// The first and last port of a part of the split conflicts.
    pub fn conflict_part_bounds(&self, part: usize) -> (u32, u32) {
        let low = self.conflict_cuts.get(part).map_or(0, |c| u32::from(c.port));
        let high = self.conflict_cuts.get(part + 1).map_or(65_535, |c| {
            if c.mid_port { u32::from(c.port) } else { u32::from(c.port).saturating_sub(1) }
        });
        (low, high.max(low))
    }

    /// The page of a part: named by its ports, and by its number too where several parts share
    /// those ports (the entries of one port on several pages).
    pub fn conflicts_part_url(&self, part: usize) -> String {
        let (low, high) = self.conflict_part_bounds(part);
        let shared = |other: Option<usize>| {
            other.is_some_and(|o| {
                o < self.conflict_cuts.len() && self.conflict_part_bounds(o) == (low, high)
            })
        };
        if shared(part.checked_sub(1)) || shared(Some(part + 1)) {
            format!("conflicts-{low}-{high}-{}.html", part + 1)
        } else {
            format!("conflicts-{low}-{high}.html")
        }
    }

    /// Where the entry with `anchor` (a conflict `c-…`/`s-…` or a range overlap `o-…`) is shown.
    pub fn conflict_url(&self, port: u16, anchor: &str) -> String {
        format!("{}#{anchor}", self.conflicts_page(port, anchor))
    }

    pub fn port_entry(&self, range: PortRange) -> Option<&PortEntry> {
        self.ports.binary_search_by(|p| p.range.cmp(&range)).ok().map(|i| &self.ports[i])
    }

    pub fn reqs_of<'a>(&'a self, platform: &'a str) -> impl Iterator<Item = &'a ReqView> + 'a {
        self.by_platform.get(platform).into_iter().flatten().map(move |&i| &self.reqs[i])
    }
}

/// The platform page's word on a peer the planner does not turn into a plain flow.
pub(crate) fn peer_note(
    requirement: &portolan_core::model::Requirement,
    platform: &portolan_core::model::Platform,
) -> Option<&'static str> {
    if requirement.peer_component.is_some() {
        return None;
    }
    let reading = portolan_core::model::read_requirement_peer(requirement, platform)?;
    if reading.only_host_local() {
        Some("the host itself: no network flow")
    } else if !reading.unresolved.is_empty() {
        Some("not placed: planned from the platform's own hosts only")
    } else {
        None
    }
}

#[cfg(test)]
mod peer_note_tests {
    use portolan_core::diagnostic::SourceLocation;
    use portolan_core::model::{Component, Direction, Platform, Requirement};

    use super::peer_note;

    fn row(peer: &str) -> Requirement {
        Requirement {
            id: "k/r-1".to_owned(),
            anchor: "r-1".to_owned(),
            line_id: String::new(),
            component: "k/control-plane".to_owned(),
            section: "Ports".to_owned(),
            ports: "10257".parse().expect("port"),
            transport: None,
            app_protocol: None,
            direction: Some(Direction::Inbound),
            peer: Some(peer.to_owned()),
            peer_component: None,
            necessity: None,
            condition: None,
            exposure: None,
            purpose: None,
            variant: None,
            source: SourceLocation::new("k.md", 3, 1),
        }
    }

    #[test]
    fn host_local_and_unplaced_peers_say_so_on_the_row() {
        let platform = Platform {
            id: "k".to_owned(),
            title: "K".to_owned(),
            vendor: None,
            summary: None,
            sources: Vec::new(),
            verified: None,
            file: "k.md".to_owned(),
            components: vec![Component {
                id: "k/control-plane".to_owned(),
                name: "Control plane".to_owned(),
                description: None,
                external: false,
            }],
            variants: Vec::new(),
            requirements: Vec::new(),
        };
        assert_eq!(peer_note(&row("Self"), &platform), Some("the host itself: no network flow"));
        assert!(
            peer_note(&row("kube-apiserver"), &platform).is_some_and(|n| n.contains("not placed"))
        );
        assert_eq!(peer_note(&row("Control plane"), &platform), None);
    }
}

#[cfg(test)]
mod normalized_tests {
    use super::{lowered_words as general, normalized};

    /// The one-pass reading of ASCII purposes gives the words the general reading gives.
    #[test]
    fn ascii_purposes_normalize_as_any_text_does() {
        for text in
            ["", "  ", "Web UI (HTTPS)", "etcd peer-to-peer, TLS 1.3;", "a__b--C", "ΣΑΣ Web"]
        {
            assert_eq!(normalized(Some(text)), general(text), "{text:?}");
        }
        assert_eq!(normalized(None), "");
        assert_eq!(normalized(Some("Agent  -> API, v2")), "agent api v2");
    }
}

#[cfg(test)]
mod row_url_tests {
    use portolan_core::site_path::{platform_page, requirement_row};

    #[test]
    fn a_row_url_is_the_one_site_path_spells() {
        for (platform, anchor) in [
            ("openlm", "r-42-1"),
            ("a_b", "R_9-x"),
            ("k", "r 1"),
            ("k", "r/../x"),
            ("k", "é"),
            ("k", ""),
        ] {
            let page = platform_page(platform);
            assert_eq!(super::row_url(&page, platform, anchor), requirement_row(platform, anchor));
        }
    }
}

#[cfg(test)]
mod conflict_part_tests {
    use super::{CONFLICTS_PER_PART, conflict_cuts};

    /// Regression: parts of a fixed span of ports held a thousand conflicts on the bench corpus
    /// (1.8 MB, 77 KB gzipped, for one page), and one port can have hundreds of entries.
    #[test]
    fn conflict_parts_hold_a_bounded_number_of_entries() {
        let anchors: Vec<String> = (0..1_400).map(|i| format!("o-{i:04}")).collect();
        let mut entries: Vec<(u16, &str)> =
            (0..1_000).map(|i| (28_672 + (i % 400) as u16, anchors[i].as_str())).collect();
        entries.extend((1_000..1_400).map(|i| (80u16, anchors[i].as_str())));
        let cuts = conflict_cuts(entries.clone());
        assert_eq!((cuts[0].port, cuts[0].anchor.as_str()), (0, ""));
        let part =
            |e: &(u16, &str)| cuts.partition_point(|c| (c.port, c.anchor.as_str()) <= *e) - 1;
        let mut sizes = vec![0usize; cuts.len()];
        for e in &entries {
            sizes[part(e)] += 1;
        }
        assert!(sizes.iter().all(|&n| n <= CONFLICTS_PER_PART), "{sizes:?}");
        assert_eq!(sizes.iter().sum::<usize>(), entries.len());
        // Port 80's 400 entries span three parts: the later ones start mid-port.
        assert!(cuts.iter().any(|c| c.port == 80 && c.mid_port), "{cuts:?}");
    }
}

#[cfg(test)]
mod readings_tests {
    use super::{NO_SERVICE, SiteData};
    use crate::iana::Registry;
    use crate::services::Vocabulary;

    /// The services kept from the last build are what the rows show (so a stale reading would
    /// show: `build` keys them by the platform's rows key), and readings of another length
    /// than the platform's rows are not used.
    #[test]
    fn kept_service_readings_are_used_only_for_as_many_rows() {
        let (catalog, _) = crate::render::shipped_site();
        let (vocabulary, registry) = (Vocabulary::builtin(), Registry::builtin());
        let (site, readings) = SiteData::with_readings(&catalog, &vocabulary, &registry, &[]);
        let clean = SiteData::new(&catalog, &vocabulary, &registry);
        let services = |site: &SiteData| -> Vec<Option<String>> {
            site.reqs.iter().map(|r| r.service.clone()).collect()
        };
        assert_eq!(services(&site), services(&clean));
        let index = readings.iter().position(|r| r.iter().any(|&s| s != NO_SERVICE));
        let index = index.expect("a platform with a row read as a service");
        let blank = vec![NO_SERVICE; readings[index].len()];
        let short = vec![NO_SERVICE; readings[index].len() - 1];
        let mut given: Vec<Option<&Vec<u32>>> = readings.iter().map(Some).collect();
        given[index] = Some(&blank);
        let (kept, _) = SiteData::with_readings(&catalog, &vocabulary, &registry, &given);
        let id = &catalog.platforms[index].id;
        assert!(kept.reqs_of(id).all(|r| r.service.is_none()), "the kept readings are used");
        given[index] = Some(&short);
        let (again, made) = SiteData::with_readings(&catalog, &vocabulary, &registry, &given);
        assert_eq!(services(&again), services(&clean));
        assert_eq!(made, readings);
    }
}
