//! Calico's own policies (`projectcalico.org/v3` `NetworkPolicy` and `GlobalNetworkPolicy`),
//! which share Kubernetes' kind name but not its meaning: a `selector:` expression instead of
//! `podSelector`, ordered rules with an `action` (Allow, Deny, Log, Pass), ports under
//! `destination`.
//!
//! Policies sit in tiers (`tier:`, or the `tier.` prefix of the name; else `default`), walked
//! in the tiers' `order` (a `kind: Tier` of the file; the default tier's 1000000 otherwise),
//! each tier's policies in their `order` (lowest first; no order: last). A tier with a policy
//! selecting the pod ends in a deny (or, with the tier's `defaultAction: Pass`, hands on);
//! `Pass` goes to the next tier; after the last come the profiles (`kind: Profile` of the file,
//! which end in a deny; none in the file: Kubernetes' namespace profile, which allows, said
//! when a `Pass` reaches it). Each tier is a user chain the base chain jumps to, `Pass` its
//! return. Egress (`egress` rules, `types: [Egress]`) is read the same way for
//! [`super::egress`], the peer (`destination`) in `sources`.

use ipnet::IpNet;

use super::calico_selector::selects;
use super::model::{Chain, Hook, Match, Note, Rule, Verdict};
use super::netpol::{Pod, Way, shift};
use super::region::{every_port, nets_of};
use super::words::{complement_ports, narrowed, port_range, source_ports};
use crate::check::space::AddressSet;
use crate::data::{Node, NodeValue, Position};
use crate::model::{IpFamily, PortRange, Transport};

/// Whether a document is one of Calico's (its API group, not Kubernetes' `networking.k8s.io`).
pub fn is_calico(item: &Node) -> bool {
    item.get("apiVersion").and_then(Node::as_str).is_some_and(|v| {
        v.starts_with("projectcalico.org/") || v.starts_with("crd.projectcalico.org/")
    })
}

/// A document of the file, with the line it starts on.
pub struct Policy<'a> {
    pub item: &'a Node,
    pub offset: u32,
}

/// Calico's documents of a file: policies, tiers and profiles.
#[derive(Default)]
pub struct Documents<'a> {
    pub policies: Vec<Policy<'a>>,
    pub tiers: Vec<Policy<'a>>,
    pub profiles: Vec<Policy<'a>>,
}

/// Calico's default tier's order (its `Tier` is seldom exported with the policies).
const DEFAULT_TIER_ORDER: i64 = 1_000_000;

/// `order: 100` / `order: 100.5`: as (whole part, fraction digits), no order last.
fn order(item: &Node) -> (bool, i64, String) {
    match item.get("spec").and_then(|s| s.get("order")).map(|o| &o.value) {
        Some(NodeValue::Integer(n)) => (false, *n, String::new()),
        Some(NodeValue::Float(text)) => {
            let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
            (false, whole.parse().unwrap_or(i64::MAX), fraction.to_owned())
        }
        _ => (true, 0, String::new()),
    }
}

fn name_of(item: &Node) -> String {
    item.get("metadata").and_then(|m| m.get("name")).and_then(Node::as_str).unwrap_or("").to_owned()
}

/// A policy's tier: `spec.tier`, else the prefix of a `tier.policy` name when a `Tier` of
/// the file has that name (a dot alone does not make a tier), else `default`.
fn tier_of(item: &Node, tiers: &[Policy<'_>]) -> String {
    if let Some(tier) = item.get("spec").and_then(|s| s.get("tier")).and_then(Node::as_str) {
        return tier.to_owned();
    }
    match name_of(item).split_once('.') {
        Some((tier, _)) if tiers.iter().any(|t| name_of(t.item) == tier) => tier.to_owned(),
        _ => "default".to_owned(),
    }
}

/// The chains Calico's documents make for `pod`'s traffic `way`: the base chain first, then
/// one per tier that has a policy selecting the pod. None when no policy is in the file.
pub fn chains(
    documents: Documents<'_>,
    pod: &Pod,
    pods: &[Pod],
    way: Way,
    notes: &mut Vec<Note>,
) -> Vec<Chain> {
    let Documents { policies, tiers, profiles } = documents;
    if policies.is_empty() && profiles.is_empty() {
        return Vec::new();
    }
    let prefix = match way {
        Way::In => "calico",
        Way::Out => "calico-egress",
    };
    // Tiers in their order, each with its policies in theirs.
    let tier_key = |name: &str| {
        let written = tiers.iter().find(|t| name_of(t.item) == name);
        let (missing, rank, fraction) = match written {
            Some(t) => order(t.item),
            None if name == "default" => (false, DEFAULT_TIER_ORDER, String::new()),
            None => (true, 0, String::new()),
        };
        (missing, rank, fraction, name.to_owned())
    };
    let mut names: Vec<String> = policies.iter().map(|p| tier_of(p.item, &tiers)).collect();
    names.sort_by_key(|n| tier_key(n));
    names.dedup();
    let mut base = Chain {
        name: prefix.to_owned(),
        hook: Some(Hook::Input),
        family: None,
        policy: None,
        rules: Vec::new(),
    };
    let mut out = Vec::new();
    let mut passes: Option<Position> = None;
    for tier in &names {
        let mut in_tier: Vec<&Policy<'_>> =
            policies.iter().filter(|p| tier_of(p.item, &tiers) == *tier).collect();
        in_tier.sort_by_key(|p| (order(p.item), name_of(p.item)));
        let written = tiers.iter().find(|t| name_of(t.item) == *tier);
        if written.is_none() && tier != "default" {
            let at = in_tier
                .first()
                .map_or(Position { line: 1, column: 1 }, |p| shift(p.item.position, p.offset));
            notes.push(Note::assumption(at, format!("tier `{tier}` has no `kind: Tier` in this file: its order is not known, read as after the tiers whose order is written")));
        }
        let mut chain = Chain {
            name: format!("{prefix}-tier-{tier}"),
            hook: None,
            family: None,
            policy: None,
            rules: Vec::new(),
        };
        let mut selected: Option<Position> = None;
        for p in in_tier {
            if let Some(at) = policy(p, pod, pods, way, &mut chain, notes) {
                selected.get_or_insert(at);
            }
        }
        let Some(at) = selected else { continue };
        passes = passes
            .or_else(|| chain.rules.iter().find(|r| r.verdict == Verdict::Return).map(|r| r.at));
        let default_pass = written
            .and_then(|t| t.item.get("spec"))
            .and_then(|s| s.get("defaultAction"))
            .and_then(Node::as_str)
            == Some("Pass");
        if default_pass {
            passes = passes.or(Some(at));
        } else {
            // The end of the tier: what no rule of its policies decided is denied.
            chain.rules.push(Rule { at, matcher: Match::default(), verdict: Verdict::Drop });
        }
        base.rules.push(Rule {
            at,
            matcher: Match::default(),
            verdict: Verdict::Jump(chain.name.clone()),
        });
        out.push(chain);
    }
    // After the tiers: the profiles.
    let mut profiled: Option<Position> = None;
    for p in &profiles {
        let at = shift(p.item.position, p.offset);
        notes.push(Note::assumption(at, format!("profile `{}`: which profiles a host carries is not in the topology, so every profile of the file is read as applying to it", name_of(p.item))));
        profile(p, pod, pods, way, &mut base, notes);
        profiled.get_or_insert(at);
    }
    base.policy = Some(match profiled {
        Some(at) => (Verdict::Drop, at),
        None => {
            if let Some(at) = passes {
                notes.push(Note::assumption(
                    at,
                    "`Pass` past the last tier reaches the profiles, which are not in this file: read as Kubernetes' namespace profile, which allows",
                ));
            }
            (Verdict::Accept, Position { line: 1, column: 1 })
        }
    });
    out.insert(0, base);
    out
}

/// A profile's rules for `way`, appended to the base chain (after the tiers' jumps).
fn profile(
    p: &Policy<'_>,
    pod: &Pod,
    pods: &[Pod],
    way: Way,
    chain: &mut Chain,
    notes: &mut Vec<Note>,
) {
    let Some(spec) = p.item.get("spec") else { return };
    for rule in spec.get(way.rules_key()).and_then(Node::as_sequence).unwrap_or_default() {
        rule_into(rule, p.offset, pod, pods, way, chain, notes);
    }
}

fn strings(node: Option<&Node>) -> Vec<String> {
    node.and_then(Node::as_sequence)
        .unwrap_or_default()
        .iter()
        .filter_map(|n| match &n.value {
            NodeValue::String(s) => Some(s.clone()),
            NodeValue::Integer(i) => Some(i.to_string()),
            _ => None,
        })
        .collect()
}

/// Adds the rules of `p` for `way` to `chain`; the position of its selector when it selects
/// the pod for that traffic (`None`: it does not concern it).
fn policy(
    p: &Policy<'_>,
    pod: &Pod,
    pods: &[Pod],
    way: Way,
    chain: &mut Chain,
    notes: &mut Vec<Note>,
) -> Option<Position> {
    let at = |node: &Node| shift(node.position, p.offset);
    let Some(spec) = p.item.get("spec") else {
        notes.push(Note::error(at(p.item), "a Calico policy without `spec`"));
        return None;
    };
    let selector = spec.get("selector");
    let text = selector.and_then(Node::as_str).unwrap_or("all()");
    match selects(text, &pod.labels) {
        Some(true) => {}
        Some(false) => return None,
        None if way == Way::In => {
            notes.push(Note::assumption(
                selector.map_or(at(spec), at),
                format!("Calico selector `{text}` is not one Portolan reads (==, !=, in, not in, has(), all(), &&, ||, !): read as selecting this host"),
            ));
        }
        // Egress: a selector not read is read as not selecting (no flow reported blocked on
        // a guess), said.
        None => {
            notes.push(Note::assumption(
                selector.map_or(at(spec), at),
                format!("Calico selector `{text}` is not one Portolan reads: the policy's egress is not read (no outbound flow is reported blocked by it)"),
            ));
            return None;
        }
    }
    let types = strings(spec.get("types"));
    if !way.applies(&types, spec) {
        return None;
    }
    for rule in spec.get(way.rules_key()).and_then(Node::as_sequence).unwrap_or_default() {
        rule_into(rule, p.offset, pod, pods, way, chain, notes);
    }
    Some(selector.map_or(at(spec), at))
}

/// One rule with its action, appended to `chain` (`Pass`: back to the base chain, on to the
/// next tier).
fn rule_into(
    rule: &Node,
    offset: u32,
    pod: &Pod,
    pods: &[Pod],
    way: Way,
    chain: &mut Chain,
    notes: &mut Vec<Note>,
) {
    let at = shift(rule.position, offset);
    let verdict = match rule.get("action").and_then(Node::as_str) {
        Some("Allow") => Verdict::Accept,
        Some("Deny") => Verdict::Drop,
        Some("Log") => Verdict::Continue,
        Some("Pass") => Verdict::Return,
        other => {
            notes.push(Note::error(
                at,
                format!(
                    "action `{}`; expected Allow, Deny, Log or Pass: the rule is left out",
                    other.unwrap_or("")
                ),
            ));
            return;
        }
    };
    if let Some(matcher) = matcher(rule, offset, pod, pods, way, notes) {
        chain.rules.push(Rule { at, matcher, verdict });
    }
}

/// What one rule matches, the peer in `sources` either way (`source` for ingress,
/// `destination` for egress); `None` when it cannot concern this pod (its own side's
/// `selector` selects other pods).
fn matcher(
    rule: &Node,
    offset: u32,
    pod: &Pod,
    pods: &[Pod],
    way: Way,
    notes: &mut Vec<Note>,
) -> Option<Match> {
    let at = |node: &Node| shift(node.position, offset);
    let mut m = Match::default();
    match rule.get("ipVersion").map(|v| &v.value) {
        Some(NodeValue::Integer(4)) => m.family = Some(IpFamily::V4),
        Some(NodeValue::Integer(6)) => m.family = Some(IpFamily::V6),
        _ => {}
    }
    m.transports = match rule.get("protocol").map(|p| &p.value) {
        None => None,
        Some(NodeValue::String(s)) => match s.to_ascii_uppercase().as_str() {
            "TCP" => Some(vec![Transport::Tcp]),
            "UDP" => Some(vec![Transport::Udp]),
            "SCTP" => Some(vec![Transport::Sctp]),
            // ICMP and the like: no planned flow.
            _ => Some(Vec::new()),
        },
        Some(NodeValue::Integer(6)) => Some(vec![Transport::Tcp]),
        Some(NodeValue::Integer(17)) => Some(vec![Transport::Udp]),
        Some(NodeValue::Integer(132)) => Some(vec![Transport::Sctp]),
        Some(_) => Some(Vec::new()),
    };
    for key in ["notProtocol", "http"] {
        if let Some(node) = rule.get(key) {
            notes.push(Note::assumption(
                at(node),
                format!("`{key}` is not modelled: read as matching"),
            ));
            m.assumed.push(format!("`{key}`"));
        }
    }
    let (own_key, peer_key) = match way {
        Way::In => ("destination", "source"),
        Way::Out => ("source", "destination"),
    };
    if let Some(peer) = rule.get(peer_key)
        && let Some(nets) = endpoint_nets(peer, offset, pods, notes)
    {
        m.sources = Some(nets);
    }
    if let Some(own) = rule.get(own_key) {
        if let Some(text) = own.get("selector").and_then(Node::as_str)
            && selects(text, &pod.labels) == Some(false)
        {
            return None;
        }
        if let Some(nets) = nets(own.get("nets"), offset, notes) {
            m.destinations = Some(nets);
        }
        if let Some(not) = nets(own.get("notNets"), offset, notes) {
            let rest = nets_of(&AddressSet::everything().minus(&AddressSet::from_nets(not)));
            m.destinations = Some(narrowed(m.destinations.take(), rest));
        }
    }
    // The flow's port is the destination's either way; the source's is its source port.
    if let Some(source) = rule.get("source") {
        let ports = ports(source.get("ports"), offset, notes);
        if ports.is_some() {
            source_ports(&mut m, ports, "`source: ports`".to_owned());
        }
    }
    if let Some(destination) = rule.get("destination") {
        m.ports = ports(destination.get("ports"), offset, notes);
        if let Some(not) = ports(destination.get("notPorts"), offset, notes) {
            m.ports = Some(complement_ports(&not));
        }
    }
    if m.ports.is_some() && m.transports.is_none() {
        notes.push(Note::error(at(rule), "ports without `protocol` (Calico requires TCP, UDP or SCTP with ports): read as TCP and UDP"));
        m.transports = Some(vec![Transport::Tcp, Transport::Udp]);
    }
    Some(m)
}

/// `source:`'s addresses: `nets`, less `notNets`, within what `selector` (or not
/// `notSelector`) selects. `None`: any address.
fn endpoint_nets(
    end: &Node,
    offset: u32,
    pods: &[Pod],
    notes: &mut Vec<Note>,
) -> Option<Vec<IpNet>> {
    let at = |node: &Node| shift(node.position, offset);
    let mut out = nets(end.get("nets"), offset, notes);
    if let Some(not) = nets(end.get("notNets"), offset, notes) {
        let rest = nets_of(&AddressSet::everything().minus(&AddressSet::from_nets(not)));
        out = Some(narrowed(out, rest));
    }
    for (key, wanted) in [("selector", true), ("notSelector", false)] {
        let Some(node) = end.get(key) else { continue };
        let text = node.as_str().unwrap_or("");
        let mut chosen = Vec::new();
        let mut read = true;
        for p in pods {
            match selects(text, &p.labels) {
                Some(hit) if hit == wanted => chosen.extend(p.addresses.iter().copied()),
                Some(_) => {}
                None => read = false,
            }
        }
        if !read {
            notes.push(Note::assumption(
                at(node),
                format!("Calico selector `{text}` is not one Portolan reads: read as any address"),
            ));
            continue;
        }
        let chosen = if wanted {
            chosen
        } else {
            // Every address but those of the pods it names (traffic from outside included).
            nets_of(
                &AddressSet::everything().minus(&AddressSet::from_nets(
                    pods.iter()
                        .filter(|p| selects(text, &p.labels) == Some(true))
                        .flat_map(|p| p.addresses.iter().copied()),
                )),
            )
        };
        out = Some(narrowed(out, chosen));
    }
    for key in ["namespaceSelector", "serviceAccounts", "services"] {
        if let Some(node) = end.get(key) {
            notes.push(Note::assumption(
                at(node),
                format!("`{key}`: namespaces, service accounts and services are not modelled, read as any address"),
            ));
        }
    }
    out
}

fn nets(node: Option<&Node>, offset: u32, notes: &mut Vec<Note>) -> Option<Vec<IpNet>> {
    let node = node?;
    let mut out = Vec::new();
    for entry in node.as_sequence().unwrap_or_default() {
        match entry.as_str().and_then(super::words::net) {
            Some(net) => out.push(net),
            None => notes.push(Note::error(
                shift(entry.position, offset),
                "a `nets` entry that is not a CIDR: left out",
            )),
        }
    }
    Some(out)
}

/// `ports: [80, "8000:8080", "http"]`; a named port is every port, said.
fn ports(node: Option<&Node>, offset: u32, notes: &mut Vec<Note>) -> Option<Vec<PortRange>> {
    let list = node?.as_sequence()?;
    let mut out = Vec::new();
    for entry in list {
        let range = match &entry.value {
            NodeValue::Integer(n) => u16::try_from(*n).ok().and_then(|p| PortRange::single(p).ok()),
            NodeValue::String(s) if s.chars().all(|c| c.is_ascii_digit() || c == ':') => {
                port_range(s)
            }
            NodeValue::String(_) => {
                notes.push(Note::assumption(
                    shift(entry.position, offset),
                    "a named port: container ports are not modelled, read as every port",
                ));
                Some(every_port())
            }
            _ => None,
        };
        match range {
            Some(range) => out.push(range),
            None => notes.push(Note::error(
                shift(entry.position, offset),
                "a port that is not 1-65535, `A:B` or a name: left out",
            )),
        }
    }
    Some(out)
}
