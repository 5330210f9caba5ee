//! Requirement ids made from a row's own facts, never from where the row sits.
//!
//! Why: ids used to be lines (`rabbitmq/r-25`). An edit above a row gave it a new id, and an
//! id that then named another row opened that row instead: in a default-deny plan, a silent
//! exposure (another port opened) and a silent outage (the meant row no longer enabled).
//!
//! Shape: `platform/component-ports-transport` (`rabbitmq/broker-25672-tcp`), then, only when
//! other rows of the same component, ports and transport need telling apart, the first fact
//! that tells them apart, in a fixed order: direction (`in`, `out`, `both`, `int`), peer,
//! variant, the purpose's first words, and last a short digest of the remaining facts
//! (`h1f2e`); and so on within each part until every row stands alone. An id therefore says
//! the row's component, ports and transport, and the facts it was told apart by: a row whose
//! component, ports or transport change gets another id, and an id that names no row any more
//! is an error where a topology uses it, never a guess. Rows equal in every fact get `-2`,
//! `-3` in page order. What an edit elsewhere can change: a row gaining or losing a twin of the
//! same component, ports and transport gains or loses words (its old id then names nothing).

use std::collections::{BTreeMap, HashSet};

use super::{Catalog, Direction, Requirement, Transports};

/// The facts, in the order they are tried to tell rows apart.
const LEVELS: usize = 5;

/// Gives every requirement of one platform its id and its row anchor (`r-` + the id's local
/// part, so a heading slug on the page cannot take it). `requirements` are in page order.
pub fn assign(platform: &str, requirements: &mut [Requirement]) {
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut locals: Vec<String> = Vec::with_capacity(requirements.len());
    for (i, r) in requirements.iter().enumerate() {
        let base = base_of(r);
        groups.entry(base.clone()).or_default().push(i);
        locals.push(base);
    }
    for members in groups.values() {
        refine(requirements, members, 0, &mut locals);
    }
    // Guard: a peer or variant slug that spells another group's facts (`a` + peer `80-tcp`…)
    // could repeat an id; never two rows under one id, so the later row is numbered.
    let mut taken: HashSet<String> = HashSet::with_capacity(locals.len());
    for (r, mut local) in requirements.iter_mut().zip(locals) {
        let mut n = 1;
        let stem = local.clone();
        while !taken.insert(local.clone()) {
            n += 1;
            local = format!("{stem}-x{n}");
        }
        r.id = format!("{platform}/{local}");
        r.anchor = format!("r-{local}");
    }
}

/// `component-ports-transport`: the facts every id carries.
fn base_of(r: &Requirement) -> String {
    let component = r.component.split_once('/').map_or(r.component.as_str(), |(_, c)| c);
    let transport = match r.transport {
        // A transport the document leaves open is still a word: an id always ends its base
        // with one, so no id looks like an old line id (`r-25`).
        None => "any",
        Some(Transports::TcpAndUdp) => "tcp-udp",
        Some(t) => t.as_str(),
    };
    format!("{component}-{}-{transport}", r.ports)
}

/// Appends facts to the ids of `members` (rows whose ids agree so far) until each is told
/// apart: the first fact from `level` on that differs among them, then within each part.
fn refine(all: &[Requirement], members: &[usize], level: usize, locals: &mut [String]) {
    if members.len() < 2 {
        return;
    }
    let rows: Vec<(usize, &Requirement)> =
        members.iter().filter_map(|&i| all.get(i).map(|r| (i, r))).collect();
    let splitting = (level..LEVELS).find(|&l| {
        let first = rows.first().map(|(_, r)| token(r, l));
        rows.iter().any(|(_, r)| Some(token(r, l)) != first)
    });
    let Some(level) = splitting else {
        // Equal in every fact an id could carry: the same fact written twice, so whichever of
        // them an id names, it opens the same flow for the same reason. Numbered in page order.
        let mut ordered = rows;
        ordered.sort_by_key(|(i, r)| (r.source.line, r.source.column, *i));
        for (n, (i, _)) in ordered.iter().enumerate().skip(1) {
            if let Some(local) = locals.get_mut(*i) {
                local.push_str(&format!("-{}", n + 1));
            }
        }
        return;
    };
    let mut parts: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, r) in rows {
        let t = token(r, level);
        if let Some(local) = locals.get_mut(i) {
            local.push('-');
            local.push_str(&t);
        }
        parts.entry(t).or_default().push(i);
    }
    for part in parts.values() {
        refine(all, part, level + 1, locals);
    }
}

/// The word for one fact of the row. Never only digits, so a `-2` numbering stays apart; a
/// peer or purpose spelled like another fact's word is marked, so a word means one fact.
fn token(r: &Requirement, level: usize) -> String {
    const RESERVED: [&str; 7] = ["in", "out", "both", "int", "nodir", "nopeer", "all"];
    let marked = |w: String| if RESERVED.contains(&w.as_str()) { format!("{w}-x") } else { w };
    match level {
        0 => match r.direction {
            Some(Direction::Inbound) => "in",
            Some(Direction::Outbound) => "out",
            Some(Direction::Bidirectional) => "both",
            Some(Direction::Internal) => "int",
            None => "nodir",
        }
        .to_owned(),
        1 => match (&r.peer_component, &r.peer) {
            (Some(component), _) => {
                marked(word(component.split_once('/').map_or(component.as_str(), |(_, c)| c)))
            }
            (None, Some(peer)) => marked(word(peer)),
            (None, None) => "nopeer".to_owned(),
        },
        2 => r.variant.as_deref().map_or_else(|| "all".to_owned(), |v| marked(word(v))),
        3 => r.purpose.as_deref().map_or_else(|| "nopurpose".to_owned(), |p| marked(word(p))),
        _ => {
            let facts = [
                r.necessity.map(|n| n.as_str()),
                r.condition.as_deref(),
                r.exposure.map(|e| e.as_str()),
                r.purpose.as_deref(),
                r.app_protocol.as_deref(),
            ];
            format!("h{:04x}", digest(&facts))
        }
    }
}

/// A short slug of free text (a peer as written, a variant, a purpose): its first three
/// words, at most 24 bytes, cut at a `-`.
fn word(text: &str) -> String {
    let full = crate::extract::slugify(text);
    let mut slug: String = full.split('-').take(3).collect::<Vec<_>>().join("-");
    if slug.len() > 24 {
        let cut = slug.get(..24).and_then(|s| s.rfind('-')).unwrap_or(24);
        slug.truncate(cut);
    }
    if slug.is_empty() {
        // Text with no ASCII letter or digit (a peer in another script): its digest.
        return format!("p{:04x}", digest(&[Some(text)]));
    }
    if slug.bytes().all(|b| b.is_ascii_digit()) {
        slug.insert(0, 'p');
    }
    slug
}

/// FNV-1a over the facts, folded to 16 bits: deterministic on every target (wasm included).
fn digest(facts: &[Option<&str>]) -> u16 {
    let mut hash: u32 = 0x811c_9dc5;
    for fact in facts {
        for byte in fact.unwrap_or("\u{0}").bytes().chain([0xff]) {
            hash ^= u32::from(byte);
            hash = hash.wrapping_mul(0x0100_0193);
        }
    }
    ((hash >> 16) ^ (hash & 0xffff)) as u16
}

/// Whether `id` has the shape of a requirement id (`platform/…-<port>[-<port>]-<transport>…`):
/// an unknown one is an id that named a row whose port, transport or component changed.
pub fn is_requirement_id_shaped(id: &str) -> bool {
    let Some((_, local)) = id.split_once('/') else { return false };
    let words: Vec<&str> = local.split('-').collect();
    let number = |w: &&str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit());
    words.iter().enumerate().skip(1).any(|(i, w)| {
        let after = if words.get(i + 1).is_some_and(number) { i + 2 } else { i + 1 };
        number(w) && words.get(after).is_some_and(|t| ["tcp", "udp", "sctp", "any"].contains(t))
    })
}

/// `r-25` or `r-25.2`: the local part of an id from when ids were lines.
pub fn is_line_id(local: &str) -> bool {
    let Some(rest) = local.strip_prefix("r-") else { return false };
    let (line, rank) = rest.split_once('.').unwrap_or((rest, "1"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(line) && digits(rank)
}

/// The requirements an old line id (`rabbitmq/r-25.2`) names in `catalog` as it reads now: the
/// row that id was given by this content; else the rows written on that line. Empty when the
/// id is no line id or names nothing.
pub fn rows_of_line_id<'c>(catalog: &'c Catalog, id: &str) -> Vec<&'c Requirement> {
    let Some((platform, local)) = id.split_once('/') else { return Vec::new() };
    let Some(platform) = catalog.platform(platform).filter(|_| is_line_id(local)) else {
        return Vec::new();
    };
    let exact: Vec<&Requirement> =
        platform.requirements.iter().filter(|r| r.line_id == local).collect();
    if !exact.is_empty() {
        return exact;
    }
    let line = local.get(2..).and_then(|l| l.split('.').next()).and_then(|l| l.parse().ok());
    platform.requirements.iter().filter(|r| Some(r.source.line) == line).collect()
}

/// What a topology naming an old line id is told (the message and the help), or `None` when
/// `id` is no line id of a platform of the catalog.
pub fn line_id_error(catalog: &Catalog, id: &str) -> Option<(String, String)> {
    let (platform, local) = id.split_once('/')?;
    if !is_line_id(local) || catalog.platform(platform).is_none() {
        return None;
    }
    let message = format!(
        "`{}` is a line id: requirement ids now name the row's content (component, port, transport), not the line it starts on",
        crate::text::printable(id)
    );
    let rows = rows_of_line_id(catalog, id);
    let help = if rows.is_empty() {
        format!(
            "no row of {platform} is at that line now: find the row on the platform page and use its id (`{platform}/component-port-transport`)"
        )
    } else {
        let named: Vec<String> = rows
            .iter()
            .map(|r| {
                format!(
                    "`{}` ({}{} {}, line {})",
                    r.id,
                    r.ports,
                    r.transport.map(|t| format!("/{}", t.as_str())).unwrap_or_default(),
                    crate::text::printable(r.purpose.as_deref().unwrap_or(&r.section)),
                    r.source.line
                )
            })
            .collect();
        format!(
            "in the current catalog that line id is {}: check it is the row you meant, and write its id",
            named.join(", or ")
        )
    };
    Some((message, help))
}

#[cfg(test)]
#[path = "requirement_id_tests.rs"]
mod tests;
