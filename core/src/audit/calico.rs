//! Calico's own policies (`projectcalico.org/v3` `NetworkPolicy` and `GlobalNetworkPolicy`),
//! which share Kubernetes' kind name but not its meaning: a `selector:` expression instead of
//! `podSelector`, ordered rules with an `action` (Allow, Deny, Log, Pass), ports under
//! `destination`. Policies apply in `order` (lowest first; no order: last); a pod selected by one
//! with ingress rules drops what none of them allowed (the end of Calico's tier). Tiers and the
//! profiles after them are not in a policy file: `Pass` is read as accepted, and said.

use ipnet::IpNet;

use super::calico_selector::selects;
use super::model::{Chain, Hook, Match, Note, Rule, Verdict};
use super::netpol::{Pod, shift};
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

/// A policy of the file, with the line its document starts on.
pub struct Policy<'a> {
    pub item: &'a Node,
    pub offset: u32,
}

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

/// The chain Calico's policies make for `pod` (none of them: `None`).
pub fn chain(
    mut policies: Vec<Policy<'_>>,
    pod: &Pod,
    pods: &[Pod],
    notes: &mut Vec<Note>,
) -> Option<Chain> {
    if policies.is_empty() {
        return None;
    }
    let name = |p: &Policy<'_>| {
        p.item
            .get("metadata")
            .and_then(|m| m.get("name"))
            .and_then(Node::as_str)
            .unwrap_or("")
            .to_owned()
    };
    policies.sort_by_key(|p| (order(p.item), name(p)));
    let mut chain = Chain {
        name: "calico".to_owned(),
        hook: Some(Hook::Input),
        family: None,
        policy: None,
        rules: Vec::new(),
    };
    for p in &policies {
        policy(p, pod, pods, &mut chain, notes);
    }
    if chain.policy.is_none() {
        // No Calico policy selects the pod for ingress: the profiles decide (Kubernetes' allow).
        chain.policy = Some((Verdict::Accept, Position { line: 1, column: 1 }));
    }
    Some(chain)
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

fn policy(p: &Policy<'_>, pod: &Pod, pods: &[Pod], chain: &mut Chain, notes: &mut Vec<Note>) {
    let at = |node: &Node| shift(node.position, p.offset);
    let Some(spec) = p.item.get("spec") else {
        notes.push(Note::error(at(p.item), "a Calico policy without `spec`"));
        return;
    };
    let selector = spec.get("selector");
    let text = selector.and_then(Node::as_str).unwrap_or("all()");
    match selects(text, &pod.labels) {
        Some(true) => {}
        Some(false) => return,
        None => {
            notes.push(Note::assumption(
                selector.map_or(at(spec), at),
                format!("Calico selector `{text}` is not one Portolan reads (==, !=, in, not in, has(), all(), &&, ||, !): read as selecting this host"),
            ));
        }
    }
    let ingress = spec.get("ingress").and_then(Node::as_sequence).unwrap_or_default();
    let types = strings(spec.get("types"));
    // Calico: without `types`, a policy is an ingress policy (and egress when it has egress rules).
    if !types.is_empty() && !types.iter().any(|t| t == "Ingress") {
        return;
    }
    if chain.policy.is_none() {
        chain.policy = Some((Verdict::Drop, selector.map_or(at(spec), at)));
    }
    for rule in ingress {
        let verdict = match rule.get("action").and_then(Node::as_str) {
            Some("Allow") => Verdict::Accept,
            Some("Deny") => Verdict::Drop,
            Some("Log") => Verdict::Continue,
            Some("Pass") => {
                notes.push(Note::assumption(
                    at(rule),
                    "`action: Pass` hands the packet to the next tier or the profiles, which are not in this file: read as accepted",
                ));
                Verdict::Accept
            }
            other => {
                notes.push(Note::error(
                    at(rule),
                    format!(
                        "action `{}`; expected Allow, Deny, Log or Pass: the rule is left out",
                        other.unwrap_or("")
                    ),
                ));
                continue;
            }
        };
        if let Some(matcher) = matcher(rule, p.offset, pod, pods, notes) {
            chain.rules.push(Rule { at: at(rule), matcher, verdict });
        }
    }
}

/// What one rule matches; `None` when it cannot concern this pod (its `destination.selector`
/// selects other pods).
fn matcher(
    rule: &Node,
    offset: u32,
    pod: &Pod,
    pods: &[Pod],
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
    if let Some(source) = rule.get("source") {
        if let Some(nets) = endpoint_nets(source, offset, pods, notes) {
            m.sources = Some(nets);
        }
        let ports = ports(source.get("ports"), offset, notes);
        if ports.is_some() {
            source_ports(&mut m, ports, "`source: ports`".to_owned());
        }
    }
    if let Some(destination) = rule.get("destination") {
        if let Some(text) = destination.get("selector").and_then(Node::as_str)
            && selects(text, &pod.labels) == Some(false)
        {
            return None;
        }
        if let Some(nets) = nets(destination.get("nets"), offset, notes) {
            m.destinations = Some(nets);
        }
        if let Some(not) = nets(destination.get("notNets"), offset, notes) {
            let rest = nets_of(&AddressSet::everything().minus(&AddressSet::from_nets(not)));
            m.destinations = Some(narrowed(m.destinations.take(), rest));
        }
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
