//! Reading a requirement's peer text ("Self, Control plane", "kube-apiserver, etcd", "All",
//! "workers and masters") into what it names: the host itself, components of the platform,
//! classes of networks, or text nobody understood.
//!
//! Why here and not in the planner alone: the same reading is what the platform page, the
//! coverage report and the planner must agree on, and it depends only on the catalog.

use serde::{Deserialize, Serialize};

use super::{Platform, Requirement};
use crate::diagnostic::Diagnostic;

/// A class of peers a word names without naming a component or a zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PeerClass {
    /// `nodes`, `cluster`, `hosts`, `peers`: the platform's own hosts.
    PlatformHosts,
    /// `external`, `internet`, `public`: the untrusted zones.
    Public,
    /// `internal`, `private`, `corporate`: the trusted zones.
    Private,
    /// `clients`, `users`, `browsers`: whoever the topology declares as clients.
    Clients,
    /// `all`, `any`, `everyone`: the platform's hosts plus the declared clients (the internet
    /// only when the port is external).
    Everyone,
}

/// What a peer text names, part by part.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeerReading {
    /// A part said `self`, `localhost`, `loopback`, `same host` or `local`: no network flow.
    pub host_local: bool,
    /// Component ids (`platform/slug`) of the same platform, in the order written.
    pub components: Vec<String>,
    pub classes: Vec<PeerClass>,
    /// Parts that name nothing known to the catalog (a zone of the topology, maybe), as written.
    pub unresolved: Vec<String>,
}

impl PeerReading {
    /// True when the text names only the host itself: nothing crosses the network.
    pub fn only_host_local(&self) -> bool {
        self.host_local
            && self.components.is_empty()
            && self.classes.is_empty()
            && self.unresolved.is_empty()
    }
}

/// Rows whose peer text names something the reading cannot place, with the reading: the build
/// warns about them ([`peer_diagnostics`]) and the coverage report lists them.
pub fn unplaced_peers(platform: &Platform) -> Vec<(&Requirement, PeerReading)> {
    platform
        .requirements
        .iter()
        .filter(|r| r.peer_component.is_none() && r.peer.is_some())
        .filter_map(|r| read_requirement_peer(r, platform).map(|reading| (r, reading)))
        .filter(|(_, reading)| !reading.unresolved.is_empty())
        .collect()
}

/// A row of [`unplaced_peers`], owned, so a build can keep it with the platform's extraction:
/// the row's index in `platform.requirements` and the parts of its peer nothing placed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnplacedRow {
    pub requirement: usize,
    pub unresolved: Vec<String>,
}

/// [`unplaced_peers`] as [`UnplacedRow`]s. Reading the peers is a function of the platform
/// alone (and the longest step of putting a catalog together), so an edit rebuild reads them
/// once per extraction, not once per build.
pub fn unplaced_rows(platform: &Platform) -> Vec<UnplacedRow> {
    platform
        .requirements
        .iter()
        .enumerate()
        .filter(|(_, r)| r.peer_component.is_none() && r.peer.is_some())
        .filter_map(|(requirement, r)| {
            let unresolved = read_requirement_peer(r, platform)?.unresolved;
            (!unresolved.is_empty()).then_some(UnplacedRow { requirement, unresolved })
        })
        .collect()
}

/// Build warnings for rows whose peer text names something the reading cannot place (a
/// component the platform does not declare, a team's own word): the plan takes the narrowest
/// reading for them, and the document (a pin) or the topology (`peers:`) should settle it.
/// Rows that state no peer at all are questioned per deployment by the checker
/// (`P042-peer-assumed`), where the topology's `clients` usually answers them.
pub fn peer_diagnostics(platform: &Platform) -> Vec<Diagnostic> {
    peer_diagnostics_of(platform, &unplaced_rows(platform))
}

/// [`peer_diagnostics`] from the platform's [`unplaced_rows`], read before.
pub fn peer_diagnostics_of(platform: &Platform, unplaced: &[UnplacedRow]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for row in unplaced {
        let Some(requirement) = platform.requirements.get(row.requirement) else { continue };
        let text = requirement.peer.as_deref().unwrap_or_default();
        let parts: Vec<String> = row.unresolved.iter().map(|p| format!("`{p}`")).collect();
        let slugs: Vec<&str> = platform
            .components
            .iter()
            .map(|c| c.id.split_once('/').map_or(c.id.as_str(), |(_, s)| s))
            .collect();
        out.push(
            Diagnostic::warning(
                "peer-unresolved",
                requirement.source.clone(),
                format!(
                    "peer `{text}` of {} {}: {} names no component of {} nor a kind of peer; it is planned from the platform's own hosts only",
                    requirement.component,
                    requirement.ports,
                    parts.join(", "),
                    platform.id
                ),
            )
            .expected(format!(
                "a pin before the table, `<!-- portolan: peer=<component> -->` (components: {}), or a topology entry `peers: {{ \"{}\": [zones, hosts or roles] }}`",
                slugs.join(", "),
                requirement.id
            )),
        );
    }
    out
}

/// Reads the peer of `requirement` (of `platform`). On an outbound row, a part that names the
/// requirement's own component by the last word of its slug ("Outbound (from agent)" on the
/// compute-cluster agent's row) says where the traffic starts, not where it goes: it is
/// dropped, and a text of nothing else states no peer (`None`).
pub fn read_requirement_peer(
    requirement: &Requirement,
    platform: &Platform,
) -> Option<PeerReading> {
    let text = requirement.peer.as_deref()?;
    let mut reading = read_peer(text, platform);
    if requirement.direction == Some(super::Direction::Outbound) {
        let own = requirement.component.rsplit(['/', '-']).next().unwrap_or("");
        reading.unresolved.retain(|part| !part.trim().eq_ignore_ascii_case(own));
        if reading == PeerReading::default() {
            return None;
        }
    }
    Some(reading)
}

const HOST_LOCAL: &[&str] = &[
    "self",
    "localhost",
    "loopback",
    "same host",
    "the same host",
    "local",
    "local host",
    "itself",
];

/// Reads `text`, the peer of a requirement of `platform`.
pub fn read_peer(text: &str, platform: &Platform) -> PeerReading {
    let mut reading = PeerReading::default();
    for part in split_list(text) {
        let lower = part.to_ascii_lowercase();
        let bare = strip_article(&lower);
        if HOST_LOCAL.contains(&bare) || bare == "127.0.0.1" || bare == "::1" {
            reading.host_local = true;
        } else if let Some(component) = component_named(bare, platform) {
            if !reading.components.contains(&component) {
                reading.components.push(component);
            }
        } else if let Some(class) = class_of(bare) {
            if !reading.classes.contains(&class) {
                reading.classes.push(class);
            }
        } else if !part.is_empty() {
            reading.unresolved.push(part.to_owned());
        }
    }
    reading
}

/// Splits a peer list on `,`, `;`, `/`, `&`, `+` and the words `and`, `or`.
fn split_list(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    // A slash separates names ("Self/Worker"), but not in an address or a URL
    // ("public.ecr.aws/team", "10.0.0.0/8").
    let url_like = text.contains('.') || text.contains(':');
    let separators: &[char] =
        if url_like { &[',', ';', '&', '+', '\n'] } else { &[',', ';', '/', '&', '+', '\n'] };
    for piece in text.split(separators) {
        let mut rest = piece;
        loop {
            let lower = rest.to_ascii_lowercase();
            let cut =
                [" and ", " or "].iter().filter_map(|w| lower.find(w).map(|i| (i, w.len()))).min();
            match cut {
                // The byte offsets come from the ASCII-lowercased copy: same lengths as `rest`.
                Some((at, len)) => {
                    let (head, tail) = (rest.get(..at), rest.get(at + len..));
                    parts.push(head.unwrap_or("").trim());
                    rest = tail.unwrap_or("");
                }
                None => {
                    parts.push(rest.trim());
                    break;
                }
            }
        }
    }
    parts.into_iter().filter(|p| !p.is_empty()).collect()
}

fn strip_article(text: &str) -> &str {
    let text = text.trim();
    ["the ", "other ", "all other ", "each "]
        .iter()
        .find_map(|a| text.strip_prefix(a))
        .unwrap_or(text)
        .trim()
}

/// Lowercase words of ASCII letters and digits; a plural written `site(s)` is `sites` (it
/// was a word `s` of its own, and `REMOTE site(s)` named no `remote-site`).
fn words(text: &str) -> Vec<String> {
    text.replace("(s)", "s")
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect()
}

/// Whether `text`'s [`words`], each [`singular`], joined by `-`, are `joined`: compared word by
/// word, as every peer part is held against every component's slug and name (building the
/// joined strings was about 2% of a clean build's instructions, issue 15).
fn singular_words_join_to(text: &str, joined: &str) -> bool {
    // `site(s)` as `words` reads it (copied only when written so).
    let text: std::borrow::Cow<'_, str> =
        if text.contains("(s)") { text.replace("(s)", "s").into() } else { text.into() };
    let mut rest = joined;
    let mut lower = String::new();
    for (i, word) in
        text.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).enumerate()
    {
        if i > 0 {
            let Some(after) = rest.strip_prefix('-') else { return false };
            rest = after;
        }
        lower.clear();
        lower.push_str(word);
        lower.make_ascii_lowercase();
        let Some(after) = rest.strip_prefix(singular(&lower)) else { return false };
        rest = after;
    }
    rest.is_empty()
}

/// Words that only say what kind of thing a component is ("control-plane *nodes*").
const ROLE_SUFFIXES: &[&str] = &[
    "server",
    "servers",
    "node",
    "nodes",
    "host",
    "hosts",
    "machine",
    "machines",
    "instance",
    "instances",
    "component",
    "components",
];

fn singular(word: &str) -> &str {
    word.strip_suffix("es")
        .filter(|w| w.ends_with("ss") || w.ends_with('x') || w.ends_with("ch") || w.ends_with("sh"))
        .or_else(|| word.strip_suffix('s').filter(|w| !w.ends_with('s')))
        .unwrap_or(word)
}

/// The component of `platform` that `text` names: by slug, by name, in the plural, with a
/// `server/node/host` suffix, or by a common synonym (`masters` for a control plane).
fn component_named(text: &str, platform: &Platform) -> Option<String> {
    let mut key: Vec<String> = words(text);
    if key.is_empty() {
        return None;
    }
    let candidates = |key: &[String]| -> Option<String> {
        let joined: Vec<&str> = key.iter().map(|w| singular(w)).collect();
        let joined = joined.join("-");
        platform
            .components
            .iter()
            .find(|c| {
                let slug = c.id.split_once('/').map_or(c.id.as_str(), |(_, s)| s);
                singular_words_join_to(slug, &joined) || singular_words_join_to(&c.name, &joined)
            })
            .map(|c| c.id.clone())
    };
    if let Some(found) = candidates(&key) {
        return Some(found);
    }
    while key.len() > 1 && key.last().is_some_and(|w| ROLE_SUFFIXES.contains(&w.as_str())) {
        key.pop();
        if let Some(found) = candidates(&key) {
            return Some(found);
        }
    }
    // Common forms of the same roles under other names.
    let synonyms: &[(&[&str], &[&str])] = &[
        (&["master", "masters", "control"], &["control-plane", "master", "server"]),
        (&["worker", "workers"], &["worker", "node"]),
    ];
    let first = key.first().map(String::as_str).unwrap_or("");
    let whole = key.len() == 1
        || (key.len() == 2 && first == "control" && key.get(1).is_some_and(|w| w == "plane"));
    if whole {
        for (names, slugs) in synonyms {
            if names.contains(&first) {
                for slug in *slugs {
                    let id = format!("{}/{slug}", platform.id);
                    if platform.components.iter().any(|c| c.id == id) {
                        return Some(id);
                    }
                }
            }
        }
    }
    None
}

pub(crate) fn class_of(text: &str) -> Option<PeerClass> {
    // Security-group style sources: "0.0.0.0/0" is anyone on the internet, a private range
    // ("10.0.0.0/8") the trusted networks. Any other address names a place only the topology
    // knows.
    if let Some(class) = cidr_class(text.trim()) {
        return Some(class);
    }
    let words = words(text);
    let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
    // A part that only says "all"/"any" is everyone; "all nodes" is the platform's hosts.
    if has(&[
        "node", "nodes", "host", "hosts", "cluster", "peers", "peer", "members", "servers",
        "between",
    ]) {
        Some(PeerClass::PlatformHosts)
    } else if has(&["external", "internet", "public", "outside", "untrusted", "wan"]) {
        Some(PeerClass::Public)
    } else if has(&[
        "clients",
        "client",
        "users",
        "user",
        "browser",
        "browsers",
        "consumers",
        // "Operators" of a dashboard: the people using it, as users are (not "Operator",
        // often a Kubernetes operator).
        "operators",
    ]) {
        Some(PeerClass::Clients)
    } else if has(&["local"]) && has(&["network", "networks", "subnet", "subnets", "segment"]) {
        // "Local network", "local subnet": the site's own trusted networks.
        Some(PeerClass::Private)
    } else if has(&[
        "internal",
        "private",
        "intranet",
        "corporate",
        "corp",
        "trusted",
        "lan",
        "admin",
        "administrators",
        "management",
    ]) {
        Some(PeerClass::Private)
    } else if has(&["any", "anywhere", "all", "everyone", "everywhere", "anyone"]) {
        Some(PeerClass::Everyone)
    } else {
        None
    }
}

/// The class of a CIDR written as a peer: the whole address space is public, the private
/// ranges (RFC 1918, IPv6 unique-local) are private.
fn cidr_class(text: &str) -> Option<PeerClass> {
    if matches!(text, "0.0.0.0/0" | "::/0") {
        return Some(PeerClass::Public);
    }
    let (address, prefix) = text.split_once('/')?;
    let prefix: u8 = prefix.parse().ok()?;
    if let Ok(v4) = address.parse::<std::net::Ipv4Addr>() {
        return (v4.is_private() && prefix >= private_v4_prefix(v4)).then_some(PeerClass::Private);
    }
    let v6 = address.parse::<std::net::Ipv6Addr>().ok()?;
    ((v6.segments()[0] & 0xfe00) == 0xfc00 && prefix >= 7).then_some(PeerClass::Private)
}

/// The shortest prefix that stays inside the private range the address is in.
fn private_v4_prefix(address: std::net::Ipv4Addr) -> u8 {
    match address.octets() {
        [10, ..] => 8,
        [172, ..] => 12,
        _ => 16,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn singular_words_join_to_is_the_joined_singular_words() {
        // The comparison `component_named` made before it compared word by word.
        let joined_words = |text: &str| {
            words(text).iter().map(|w| singular(w).to_owned()).collect::<Vec<_>>().join("-")
        };
        let texts = [
            "Control Plane",
            "control-plane",
            "Worker Nodes",
            "workers",
            "Boxes",
            "s",
            "",
            "--",
            "Log  Shipper",
            "API-Server(s)",
            "Éclair node",
        ];
        for text in texts {
            for other in texts {
                let key = joined_words(other);
                assert_eq!(
                    singular_words_join_to(text, &key),
                    joined_words(text) == key,
                    "{text:?} against {key:?}"
                );
            }
            assert!(singular_words_join_to(text, &joined_words(text)), "{text:?}");
        }
        assert!(!singular_words_join_to("control plane", "control-plane-x"));
        assert!(!singular_words_join_to("control plane x", "control-plane"));
    }

    #[test]
    fn security_group_cidr_sources_named_no_peer() {
        assert_eq!(class_of("0.0.0.0/0"), Some(PeerClass::Public));
        assert_eq!(class_of("::/0"), Some(PeerClass::Public));
        assert_eq!(class_of("10.0.0.0/8"), Some(PeerClass::Private));
        assert_eq!(class_of("192.168.10.0/24"), Some(PeerClass::Private));
        assert_eq!(class_of("fd00::/8"), Some(PeerClass::Private));
        // Wider than the private range, or a public block: only the topology can place it.
        assert_eq!(class_of("10.0.0.0/7"), None);
        assert_eq!(class_of("203.0.113.0/24"), None);
    }
    use crate::model::Component;

    fn platform(slugs: &[(&str, &str)]) -> Platform {
        Platform {
            id: "k8s".to_owned(),
            title: "k8s".to_owned(),
            vendor: None,
            summary: None,
            sources: Vec::new(),
            verified: None,
            file: "k8s.md".to_owned(),
            components: slugs
                .iter()
                .map(|(slug, name)| Component {
                    id: format!("k8s/{slug}"),
                    name: (*name).to_owned(),
                    description: None,
                    external: false,
                })
                .collect(),
            variants: Vec::new(),
            requirements: Vec::new(),
        }
    }

    fn k8s() -> Platform {
        platform(&[("control-plane", "Control plane"), ("worker", "Worker node"), ("etcd", "etcd")])
    }

    #[test]
    fn self_and_a_component_are_split() {
        let r = read_peer("Self, Control plane", &k8s());
        assert!(r.host_local);
        assert_eq!(r.components, vec!["k8s/control-plane"]);
        assert!(!r.only_host_local());
    }

    #[test]
    fn host_local_words_mean_no_flow() {
        for text in ["Self", "localhost", "loopback", "the same host", "local"] {
            assert!(read_peer(text, &k8s()).only_host_local(), "{text}");
        }
    }

    #[test]
    fn names_plurals_suffixes_and_synonyms_resolve() {
        let p = k8s();
        assert_eq!(read_peer("control-plane nodes", &p).components, vec!["k8s/control-plane"]);
        assert_eq!(
            read_peer("workers and masters", &p).components,
            vec!["k8s/worker", "k8s/control-plane"]
        );
        assert_eq!(read_peer("Worker nodes", &p).components, vec!["k8s/worker"]);
        assert_eq!(read_peer("etcd servers", &p).components, vec!["k8s/etcd"]);
    }

    #[test]
    fn unknown_names_stay_unresolved_text() {
        let r = read_peer("kube-apiserver, etcd", &k8s());
        assert_eq!(r.components, vec!["k8s/etcd"]);
        assert_eq!(r.unresolved, vec!["kube-apiserver"]);
    }

    #[test]
    fn all_is_everyone_and_all_nodes_is_the_platform() {
        assert_eq!(read_peer("All", &k8s()).classes, vec![PeerClass::Everyone]);
        assert_eq!(read_peer("all nodes", &k8s()).classes, vec![PeerClass::PlatformHosts]);
        assert_eq!(read_peer("Public internet", &k8s()).classes, vec![PeerClass::Public]);
        assert_eq!(read_peer("Local network", &k8s()).classes, vec![PeerClass::Private]);
        assert_eq!(read_peer("end users", &k8s()).classes, vec![PeerClass::Clients]);
        assert_eq!(read_peer("internal networks", &k8s()).classes, vec![PeerClass::Private]);
    }

    #[test]
    fn operators_peer_of_a_dashboard_was_no_kind_of_peer() {
        assert_eq!(read_peer("Operators", &k8s()).classes, vec![PeerClass::Clients]);
        assert_eq!(read_peer("operators' browsers", &k8s()).classes, vec![PeerClass::Clients]);
        assert!(read_peer("Operator", &k8s()).classes.is_empty());
    }

    #[test]
    fn unresolved_peers_are_located_warnings_naming_the_pin() {
        let mut p = k8s();
        let mut r = crate::topology::testkit::req(
            "k8s/etcd",
            "r-7",
            "2379",
            "tcp",
            crate::model::Direction::Inbound,
        );
        r.peer = Some("kube-apiserver, etcd".to_owned());
        p.requirements.push(r.clone());
        r.peer = Some("Self".to_owned());
        r.id = "k8s/r-8".to_owned();
        p.requirements.push(r);
        let warnings = peer_diagnostics(&p);
        assert_eq!(warnings.len(), 1);
        let text = warnings[0].to_string();
        assert!(text.starts_with("k8s.md:10:1: warning[peer-unresolved]"), "{text}");
        assert!(text.contains("`kube-apiserver`") && text.contains("portolan: peer="), "{text}");
        assert!(text.contains("\"k8s/r-7\""), "{text}");
    }

    /// Regression: "Outbound (from agent)" on the agent's own row named the agent as its peer.
    #[test]
    fn an_outbound_row_naming_itself_states_no_peer() {
        let mut p = k8s();
        p.components.push(Component {
            id: "k8s/cluster-agent".to_owned(),
            name: "Cluster agent".to_owned(),
            description: None,
            external: false,
        });
        let mut r = crate::topology::testkit::req(
            "k8s/cluster-agent",
            "r-3",
            "443",
            "tcp",
            crate::model::Direction::Outbound,
        );
        r.peer = Some("agent".to_owned());
        assert_eq!(read_requirement_peer(&r, &p), None);
        r.direction = Some(crate::model::Direction::Inbound);
        assert_eq!(
            read_requirement_peer(&r, &p).map(|x| x.unresolved),
            Some(vec!["agent".to_owned()])
        );
    }

    #[test]
    fn a_url_is_one_part() {
        let r = read_peer("public.ecr.aws/team", &k8s());
        assert_eq!(r.classes, vec![PeerClass::Public]);
        assert!(r.unresolved.is_empty());
    }

    #[test]
    fn slashes_and_empty_parts_are_separators() {
        let r = read_peer(" / ", &k8s());
        assert_eq!(r, PeerReading::default());
        let r = read_peer("Self/Worker", &k8s());
        assert!(r.host_local);
        assert_eq!(r.components, vec!["k8s/worker"]);
    }
}
