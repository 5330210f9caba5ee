//! Kubernetes NetworkPolicy YAML (several documents, or a `kind: List`): the ingress a host's
//! pods are allowed. A host's pods carry labels (the ones Portolan's own Kubernetes rules use,
//! plus the host's `pod_labels:`); a pod selected by a policy with `Ingress` in its types is
//! isolated and accepts only what the union of those policies' rules allows; a pod no policy
//! selects accepts everything. Namespaces are not modelled: a `namespaceSelector` is read as
//! any address, with a note.
//!
//! Egress (Kubernetes' `Egress` policies, Calico's and Cilium's `egress` rules) is read by
//! [`read_egress`] into the same shape with the peer in `sources` (see `audit::egress`).

use std::collections::BTreeMap;

use ipnet::IpNet;

use super::model::{Chain, Hook, Match, Note, Rule, Ruleset, Verdict};
use super::region::nets_of;
use crate::check::space::AddressSet;
use crate::data::{Node, NodeValue, Position};
use crate::model::{PortRange, Transport};

/// A pod (host) as the selectors see it.
#[derive(Debug, Clone, Default)]
pub struct Pod {
    pub labels: BTreeMap<String, String>,
    pub addresses: Vec<IpNet>,
}

/// The documents of a multi-document YAML text, each with the line it starts on (0-based
/// offset to add to its positions).
fn documents(text: &str) -> Vec<(u32, String)> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut start = 0u32;
    for (index, line) in text.lines().enumerate() {
        if line == "---" || line.starts_with("--- ") {
            out.push((start, std::mem::take(&mut current)));
            start = u32::try_from(index + 1).unwrap_or(u32::MAX);
            continue;
        }
        current.push_str(line);
        current.push('\n');
    }
    out.push((start, current));
    out
}

pub(super) fn shift(position: Position, offset: u32) -> Position {
    Position { line: position.line.saturating_add(offset), column: position.column }
}

/// Which traffic of the pod a policy is read for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Way {
    /// What the pod accepts: peers in `sources`.
    In,
    /// What the pod may send: the peers it may reach are in `sources` too, its own side in
    /// `destinations` (so the walk of input chains reads it unchanged).
    Out,
}

impl Way {
    /// The policy type's name (`Ingress`, `Egress`), as all three APIs write it.
    pub(super) fn kind(self) -> &'static str {
        match self {
            Way::In => "Ingress",
            Way::Out => "Egress",
        }
    }

    /// The key of a policy's rules this way (`ingress`, `egress`), in Kubernetes and Calico.
    pub(super) fn rules_key(self) -> &'static str {
        match self {
            Way::In => "ingress",
            Way::Out => "egress",
        }
    }

    /// Whether a policy of these `types` (Kubernetes' `policyTypes`, Calico's `types`) and
    /// this `spec` concerns this way: without types, Ingress, and Egress when the policy has
    /// egress rules (both APIs say so).
    pub(super) fn applies(self, types: &[String], spec: &Node) -> bool {
        match self {
            Way::In => types.is_empty() || types.iter().any(|t| t == "Ingress"),
            Way::Out => {
                types.iter().any(|t| t == "Egress")
                    || (types.is_empty() && spec.get("egress").is_some())
            }
        }
    }
}

/// Reads the policies that apply to `pod`; `pods` are every host, for `podSelector` peers.
pub fn read(text: &str, pod: &Pod, pods: &[Pod]) -> Ruleset {
    read_way(text, pod, pods, Way::In)
}

/// Reads what the policies that apply to `pod` let it send (see [`Way::Out`]); no chain when
/// none of them concerns its egress.
pub fn read_egress(text: &str, pod: &Pod, pods: &[Pod]) -> Ruleset {
    read_way(text, pod, pods, Way::Out)
}

fn read_way(text: &str, pod: &Pod, pods: &[Pod], way: Way) -> Ruleset {
    let mut ruleset = Ruleset::default();
    let mut chain = Chain {
        name: way.kind().to_ascii_lowercase(),
        hook: Some(Hook::Input),
        family: None,
        policy: None,
        rules: Vec::new(),
    };
    let mut policies = 0;
    let documents = documents(text);
    let mut parsed: Vec<(u32, Node)> = Vec::new();
    for (offset, document) in &documents {
        let offset = *offset;
        if document.trim().is_empty()
            || document.lines().all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
        {
            continue;
        }
        match crate::data::yaml::parse(document) {
            Ok(node) => parsed.push((offset, node)),
            Err(error) => {
                ruleset.notes.push(Note::error(
                    shift(error.position, offset),
                    format!("not YAML Portolan can read: {}", error.message),
                ));
            }
        }
    }
    // Calico's policies apply in their `order`, across documents: gathered, then read.
    let mut calico = super::calico::Documents::default();
    let mut cilium: Vec<(&Node, u32)> = Vec::new();
    for (offset, node) in &parsed {
        let offset = *offset;
        let items: Vec<&Node> = match node.get("kind").and_then(Node::as_str) {
            Some("List") => {
                node.get("items").and_then(Node::as_sequence).unwrap_or_default().iter().collect()
            }
            _ => vec![node],
        };
        for item in items {
            match item.get("kind").and_then(Node::as_str) {
                // Regression: Calico's `kind: NetworkPolicy` (projectcalico.org/v3) was read as
                // Kubernetes': no `podSelector` selected every pod, its rules' ports (under
                // `destination`) were unseen and `action: Deny` allowed: all open, unsaid.
                Some("NetworkPolicy" | "GlobalNetworkPolicy") if super::calico::is_calico(item) => {
                    policies += 1;
                    calico.policies.push(super::calico::Policy { item, offset });
                }
                // The tiers' order and default action, and the profiles after them.
                Some("Tier") if super::calico::is_calico(item) => {
                    calico.tiers.push(super::calico::Policy { item, offset });
                }
                Some("Profile") if super::calico::is_calico(item) => {
                    policies += 1;
                    calico.profiles.push(super::calico::Policy { item, offset });
                }
                // Regression: Cilium's policies were passed over (only "no NetworkPolicy").
                Some("CiliumNetworkPolicy" | "CiliumClusterwideNetworkPolicy")
                    if super::cilium::is_cilium(item) =>
                {
                    policies += 1;
                    cilium.push((item, offset));
                }
                Some("NetworkPolicy") => {
                    policies += 1;
                    policy(item, offset, pod, pods, way, &mut chain, &mut ruleset.notes);
                }
                Some(_) => {}
                None => ruleset.notes.push(Note::error(
                    shift(item.position, offset),
                    "a document without `kind`; expected a NetworkPolicy",
                )),
            }
        }
    }
    ruleset.chains.extend(super::calico::chains(calico, pod, pods, way, &mut ruleset.notes));
    if let Some(chain) = super::cilium::chain(&cilium, pod, pods, way, &mut ruleset.notes) {
        ruleset.chains.push(chain);
    }
    if way == Way::Out {
        // Egress is walked only where a policy restricts it: a pod no policy isolates may
        // send anything (and its reading's notes were said by the ingress reading).
        let restricting: Vec<Chain> = std::mem::take(&mut ruleset.chains)
            .into_iter()
            .chain(chain.policy.is_some().then_some(chain))
            .collect();
        let isolates = restricting.iter().any(|c| {
            c.rules.iter().any(|r| r.verdict == Verdict::Drop)
                || c.policy.as_ref().is_some_and(|(v, _)| *v == Verdict::Drop)
        });
        if isolates {
            ruleset.chains = restricting;
        }
        return ruleset;
    }
    if policies == 0 {
        ruleset
            .notes
            .push(Note::error(Position { line: 1, column: 1 }, "no NetworkPolicy in this file"));
    }
    if chain.policy.is_none() {
        // No policy isolates the pod's ingress: Kubernetes lets everything in.
        chain.policy = Some((Verdict::Accept, Position { line: 1, column: 1 }));
    }
    ruleset.chains.push(chain);
    ruleset
}

/// `matchLabels` and `matchExpressions` against a pod's labels (an empty selector matches all).
pub(super) fn selects(
    selector: &Node,
    labels: &BTreeMap<String, String>,
    offset: u32,
    notes: &mut Vec<Note>,
) -> bool {
    if let Some(map) = selector.get("matchLabels").and_then(Node::as_mapping) {
        for (key, value) in map {
            if labels.get(&key.name).map(String::as_str) != scalar(value).as_deref() {
                return false;
            }
        }
    }
    for expression in
        selector.get("matchExpressions").and_then(Node::as_sequence).unwrap_or_default()
    {
        let key = expression.get("key").and_then(Node::as_str).unwrap_or_default();
        let values: Vec<String> = expression
            .get("values")
            .and_then(Node::as_sequence)
            .unwrap_or_default()
            .iter()
            .filter_map(scalar)
            .collect();
        let has = labels.get(key);
        let ok = match expression.get("operator").and_then(Node::as_str) {
            Some("In") => has.is_some_and(|v| values.contains(v)),
            Some("NotIn") => has.is_none_or(|v| !values.contains(v)),
            Some("Exists") => has.is_some(),
            Some("DoesNotExist") => has.is_none(),
            other => {
                notes.push(Note::error(
                    shift(expression.position, offset),
                    format!(
                        "operator `{}`; expected In, NotIn, Exists or DoesNotExist",
                        other.unwrap_or("")
                    ),
                ));
                true
            }
        };
        if !ok {
            return false;
        }
    }
    true
}

fn scalar(node: &Node) -> Option<String> {
    match &node.value {
        NodeValue::String(s) => Some(s.clone()),
        NodeValue::Integer(n) => Some(n.to_string()),
        NodeValue::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn policy(
    item: &Node,
    offset: u32,
    pod: &Pod,
    pods: &[Pod],
    way: Way,
    chain: &mut Chain,
    notes: &mut Vec<Note>,
) {
    let Some(spec) = item.get("spec") else {
        notes.push(Note::error(shift(item.position, offset), "a NetworkPolicy without `spec`"));
        return;
    };
    let empty = Node { value: NodeValue::Mapping(Vec::new()), position: spec.position };
    let selector = spec.get("podSelector").unwrap_or(&empty);
    if !selects(selector, &pod.labels, offset, notes) {
        return;
    }
    let types: Vec<String> = spec
        .get("policyTypes")
        .and_then(Node::as_sequence)
        .unwrap_or_default()
        .iter()
        .filter_map(scalar)
        .collect();
    if !way.applies(&types, spec) {
        return;
    }
    if chain.policy.is_none() {
        chain.policy = Some((Verdict::Drop, shift(selector.position, offset)));
    }
    let peers_key = if way == Way::In { "from" } else { "to" };
    for rule in spec.get(way.rules_key()).and_then(Node::as_sequence).unwrap_or_default() {
        let (transports, ports) = rule_ports(rule, offset, notes);
        let base = Match { transports, ports, ..Match::default() };
        let peers = rule.get(peers_key).and_then(Node::as_sequence).unwrap_or_default();
        if peers.is_empty() {
            chain.rules.push(Rule {
                at: shift(rule.position, offset),
                matcher: base.clone(),
                verdict: Verdict::Accept,
            });
        }
        for peer in peers {
            let sources = peer_sources(peer, offset, pods, notes);
            chain.rules.push(Rule {
                at: shift(peer.position, offset),
                matcher: Match { sources, ..base.clone() },
                verdict: Verdict::Accept,
            });
        }
    }
}

/// `{cidr, except}` (an `ipBlock`, a Cilium `fromCIDRSet` entry): the CIDR less its
/// exceptions; `None` when `cidr` is not one.
pub(super) fn cidr_block(block: &Node) -> Option<Vec<IpNet>> {
    let cidr = block.get("cidr").and_then(Node::as_str).and_then(|c| c.parse::<IpNet>().ok())?;
    let except: Vec<IpNet> = block
        .get("except")
        .and_then(Node::as_sequence)
        .unwrap_or_default()
        .iter()
        .filter_map(|e| e.as_str()?.parse().ok())
        .collect();
    Some(nets_of(&AddressSet::from_nets([cidr.trunc()]).minus(&AddressSet::from_nets(except))))
}

/// The addresses a `from` item stands for (`None`: any).
fn peer_sources(
    peer: &Node,
    offset: u32,
    pods: &[Pod],
    notes: &mut Vec<Note>,
) -> Option<Vec<IpNet>> {
    if let Some(block) = peer.get("ipBlock") {
        let nets = cidr_block(block);
        if nets.is_none() {
            notes.push(Note::error(
                shift(block.position, offset),
                "`ipBlock` without a valid `cidr`: read as any address",
            ));
        }
        return nets;
    }
    if peer.get("namespaceSelector").is_some() {
        notes.push(Note::assumption(
            shift(peer.position, offset),
            "`namespaceSelector`: namespaces are not modelled, read as any address",
        ));
        return None;
    }
    if let Some(selector) = peer.get("podSelector") {
        let nets: Vec<IpNet> = pods
            .iter()
            .filter(|p| selects(selector, &p.labels, offset, notes))
            .flat_map(|p| p.addresses.iter().copied())
            .collect();
        return Some(nets);
    }
    notes.push(Note::error(
        shift(peer.position, offset),
        "a `from` or `to` item without ipBlock, podSelector or namespaceSelector: read as any address",
    ));
    None
}

fn rule_ports(
    rule: &Node,
    offset: u32,
    notes: &mut Vec<Note>,
) -> (Option<Vec<Transport>>, Option<Vec<PortRange>>) {
    let Some(list) = rule.get("ports").and_then(Node::as_sequence).filter(|l| !l.is_empty()) else {
        return (None, None);
    };
    // One rule with several ports entries: a union per transport is not one box, so the
    // entries are merged when they share a transport and widened (with a note) otherwise.
    let mut transports = Vec::new();
    let mut ranges = Vec::new();
    for entry in list {
        let transport = match entry.get("protocol").and_then(Node::as_str).unwrap_or("TCP") {
            "TCP" => Transport::Tcp,
            "UDP" => Transport::Udp,
            "SCTP" => Transport::Sctp,
            other => {
                notes.push(Note::error(
                    shift(entry.position, offset),
                    format!("protocol `{other}`; expected TCP, UDP or SCTP"),
                ));
                continue;
            }
        };
        if !transports.contains(&transport) {
            transports.push(transport);
        }
        let port = entry.get("port");
        let start = port.and_then(|p| match p.value {
            NodeValue::Integer(n) => u16::try_from(n).ok(),
            _ => None,
        });
        match (port, start) {
            (None, _) => ranges.push(super::region::every_port()),
            (Some(_), Some(start)) => {
                let end = entry
                    .get("endPort")
                    .and_then(|p| match p.value {
                        NodeValue::Integer(n) => u16::try_from(n).ok(),
                        _ => None,
                    })
                    .unwrap_or(start);
                match PortRange::new(start, end) {
                    Ok(range) => ranges.push(range),
                    Err(_) => notes.push(Note::error(
                        shift(entry.position, offset),
                        format!("ports {start}-{end} are not a port range"),
                    )),
                }
            }
            (Some(p), None) => {
                notes.push(Note::assumption(
                    shift(p.position, offset),
                    "a named port: container ports are not modelled, read as every port",
                ));
                ranges.push(super::region::every_port());
            }
        }
    }
    if transports.len() > 1 && ranges.len() > 1 {
        notes.push(Note::assumption(
            shift(rule.position, offset),
            "ports of several protocols in one rule: read as each port on each of those protocols",
        ));
    }
    (Some(transports), Some(ranges))
}
