//! Cilium's policies (`cilium.io/v2` `CiliumNetworkPolicy` and
//! `CiliumClusterwideNetworkPolicy`): an `endpointSelector` (or a host policy's
//! `nodeSelector`) with Kubernetes' selector shape, `ingress` allow rules and `ingressDeny`
//! rules, which win whatever their order. Peers are `fromEndpoints` (selectors over the
//! topology's pods), `fromCIDR` / `fromCIDRSet`, and `fromEntities`, which name parts of a
//! cluster Portolan cannot place (`world`, `cluster`, `host`…): read as any address, said.
//! Ports are `toPorts[].ports[]` (`port` a string, `protocol` TCP, UDP, SCTP or ANY); L7 `rules`
//! filter inside an allowed port (the port is read as allowed, said).
//!
//! Egress reads the same way (`egress`, `egressDeny`, `enableDefaultDeny.egress`; peers
//! `toEndpoints`, `toCIDR`, `toCIDRSet`, `toEntities`), for [`super::egress`]: the peer in
//! `sources`. `toFQDNs` names hosts by DNS, which the topology does not resolve: read as any
//! address (said), so a flow to a name is never reported blocked on a guess.

use std::collections::BTreeMap;

use ipnet::IpNet;

use super::model::{Chain, Hook, Match, Note, Rule, Verdict};
use super::netpol::{Pod, Way, selects, shift};
use super::region::every_port;
use crate::data::{Node, NodeValue, Position};
use crate::model::{PortRange, Transport};

/// The chain of `cilium.io` documents `items` (each with its line offset) for `pod`.
pub fn chain(
    items: &[(&Node, u32)],
    pod: &Pod,
    pods: &[Pod],
    way: Way,
    notes: &mut Vec<Note>,
) -> Option<Chain> {
    if items.is_empty() {
        return None;
    }
    let (allow_key, deny_key, default_key) = match way {
        Way::In => ("ingress", "ingressDeny", "ingress"),
        Way::Out => ("egress", "egressDeny", "egress"),
    };
    let mut denies = Vec::new();
    let mut allows = Vec::new();
    let mut isolated: Option<Position> = None;
    for (item, offset) in items {
        let specs: Vec<&Node> =
            match (item.get("spec"), item.get("specs").and_then(Node::as_sequence)) {
                (Some(spec), _) => vec![spec],
                (None, Some(list)) => list.iter().collect(),
                (None, None) => {
                    notes.push(Note::error(
                        shift(item.position, *offset),
                        "a Cilium policy without `spec` or `specs`",
                    ));
                    continue;
                }
            };
        for spec in specs {
            let at = |n: &Node| shift(n.position, *offset);
            let Some(selector) = spec.get("endpointSelector").or_else(|| spec.get("nodeSelector"))
            else {
                notes.push(Note::error(
                    at(spec),
                    "a Cilium rule without `endpointSelector` or `nodeSelector`",
                ));
                continue;
            };
            if !selects(selector, &labels_for(selector, pod, *offset, notes), *offset, notes) {
                continue;
            }
            let ingress = spec.get(allow_key).and_then(Node::as_sequence).unwrap_or_default();
            let deny = spec.get(deny_key).and_then(Node::as_sequence).unwrap_or_default();
            let default_deny = !matches!(
                spec.get("enableDefaultDeny").and_then(|d| d.get(default_key)).map(|v| &v.value),
                Some(NodeValue::Bool(false))
            );
            if (spec.get(allow_key).is_some() || spec.get(deny_key).is_some()) && default_deny {
                isolated.get_or_insert(at(selector));
            }
            for (rules, out, verdict) in
                [(ingress, &mut allows, Verdict::Accept), (deny, &mut denies, Verdict::Drop)]
            {
                for rule in rules {
                    for matcher in matchers(rule, *offset, pods, way, notes) {
                        out.push(Rule { at: at(rule), matcher, verdict: verdict.clone() });
                    }
                }
            }
        }
    }
    let mut rules = denies;
    rules.append(&mut allows);
    let policy = match isolated {
        Some(at) => (Verdict::Drop, at),
        None => (Verdict::Accept, Position { line: 1, column: 1 }),
    };
    Some(Chain {
        name: if way == Way::In { "cilium" } else { "cilium-egress" }.to_owned(),
        hook: Some(Hook::Input),
        family: None,
        policy: Some(policy),
        rules,
    })
}

/// Whether a document is Cilium's.
pub fn is_cilium(item: &Node) -> bool {
    item.get("apiVersion").and_then(Node::as_str).is_some_and(|v| v.starts_with("cilium.io/"))
}

/// The pod's labels as Cilium's selectors name them (`k8s:app`, `any:app` too); a namespace
/// label a selector asks for is granted (namespaces are not modelled), said.
fn labels_for(
    selector: &Node,
    pod: &Pod,
    offset: u32,
    notes: &mut Vec<Note>,
) -> BTreeMap<String, String> {
    let mut labels = pod.labels.clone();
    for (key, value) in &pod.labels {
        labels.insert(format!("k8s:{key}"), value.clone());
        labels.insert(format!("any:{key}"), value.clone());
    }
    for (key, value) in selector.get("matchLabels").and_then(Node::as_mapping).unwrap_or_default() {
        if key.name.contains("io.kubernetes.pod.namespace")
            || key.name.contains("io.cilium.k8s.namespace")
        {
            notes.push(Note::assumption(
                shift(value.position, offset),
                format!("`{}`: namespaces are not modelled, read as any namespace", key.name),
            ));
            if let Some(v) = value.as_str() {
                labels.insert(key.name.clone(), v.to_owned());
            }
        }
    }
    labels
}

/// One rule's matches: per peer kind, per port entry.
fn matchers(rule: &Node, offset: u32, pods: &[Pod], way: Way, notes: &mut Vec<Note>) -> Vec<Match> {
    let at = |n: &Node| shift(n.position, offset);
    // `fromEndpoints` for ingress, `toEndpoints` for egress, and so on.
    let side = if way == Way::In { "from" } else { "to" };
    let key = |name: &str| format!("{side}{name}");
    let list = |name: &str| rule.get(&key(name)).and_then(Node::as_sequence).unwrap_or_default();
    // Sources: `None` any; several peer fields add up.
    let mut sources: Option<Vec<IpNet>> = Some(Vec::new());
    let mut any_peer = false;
    for selector in list("Endpoints") {
        any_peer = true;
        // Said once per selector, not once per pod.
        labels_for(selector, &Pod::default(), offset, notes);
        let nets = pods.iter().filter(|p| {
            selects(selector, &labels_for(selector, p, offset, &mut Vec::new()), offset, notes)
        });
        if let Some(s) = &mut sources {
            s.extend(nets.flat_map(|p| p.addresses.iter().copied()));
        }
    }
    for cidr in list("CIDR") {
        any_peer = true;
        match cidr.as_str().and_then(super::words::net) {
            Some(net) => sources.iter_mut().for_each(|s| s.push(net)),
            None => notes.push(Note::error(
                at(cidr),
                format!("a `{}` entry that is not a CIDR: left out", key("CIDR")),
            )),
        }
    }
    for set in list("CIDRSet") {
        any_peer = true;
        let Some(nets) = super::netpol::cidr_block(set) else {
            notes.push(Note::error(
                at(set),
                format!("a `{}` entry without a valid `cidr`: left out", key("CIDRSet")),
            ));
            continue;
        };
        sources.iter_mut().for_each(|s| s.extend(nets.iter().copied()));
    }
    for entity in list("Entities") {
        any_peer = true;
        let name = entity.as_str().unwrap_or("");
        if name != "all" {
            notes.push(Note::assumption(
                at(entity),
                format!("entity `{name}`: Portolan cannot tell which addresses Cilium means by it, read as any address"),
            ));
        }
        sources = None;
    }
    for name in ["Requires", "Groups", "Nodes", "FQDNs", "Services"] {
        let field = key(name);
        if let Some(node) = rule.get(&field) {
            let why = match name {
                "FQDNs" => "DNS names are not resolved by Portolan",
                _ => "not modelled",
            };
            notes
                .push(Note::assumption(at(node), format!("`{field}`: {why}, read as any address")));
            any_peer = true;
            sources = None;
        }
    }
    if !any_peer {
        sources = None;
    }
    let mut out = Vec::new();
    let entries = rule.get("toPorts").and_then(Node::as_sequence).unwrap_or_default();
    if entries.is_empty() {
        // `icmps` alone: ICMP, no planned flow.
        let transports = rule.get("icmps").map(|_| Vec::new());
        out.push(Match { sources: sources.clone(), transports, ..Match::default() });
    }
    for entry in entries {
        if let Some(l7) = entry.get("rules") {
            notes.push(Note::assumption(
                at(l7),
                "L7 `rules` filter inside the port: the port is read as allowed",
            ));
        }
        let ports = entry.get("ports").and_then(Node::as_sequence).unwrap_or_default();
        if ports.is_empty() {
            out.push(Match { sources: sources.clone(), ..Match::default() });
        }
        for port in ports {
            if let Some((transports, range)) = port_entry(port, offset, notes) {
                out.push(Match {
                    sources: sources.clone(),
                    transports: Some(transports),
                    ports: Some(vec![range]),
                    ..Match::default()
                });
            }
        }
    }
    out
}

/// `{port: "5432", endPort: 5433, protocol: TCP}`.
fn port_entry(
    entry: &Node,
    offset: u32,
    notes: &mut Vec<Note>,
) -> Option<(Vec<Transport>, PortRange)> {
    let at = shift(entry.position, offset);
    let transports = match entry.get("protocol").and_then(Node::as_str).unwrap_or("ANY") {
        "TCP" => vec![Transport::Tcp],
        "UDP" => vec![Transport::Udp],
        "SCTP" => vec![Transport::Sctp],
        "ANY" => vec![Transport::Tcp, Transport::Udp, Transport::Sctp],
        other => {
            notes.push(Note::error(
                at,
                format!("protocol `{other}`; expected TCP, UDP, SCTP or ANY: left out"),
            ));
            return None;
        }
    };
    let number = |node: Option<&Node>| match node.map(|n| &n.value) {
        Some(NodeValue::Integer(n)) => u16::try_from(*n).ok(),
        Some(NodeValue::String(s)) => s.parse().ok(),
        _ => None,
    };
    let start = match (entry.get("port"), number(entry.get("port"))) {
        // No port, or port 0: every port of the protocol.
        (None, _) | (_, Some(0)) => return Some((transports, every_port())),
        (_, Some(start)) => start,
        (Some(p), None) => {
            notes.push(Note::assumption(
                shift(p.position, offset),
                "a named port: container ports are not modelled, read as every port",
            ));
            return Some((transports, every_port()));
        }
    };
    let end = number(entry.get("endPort")).unwrap_or(start);
    match PortRange::new(start, end) {
        Ok(range) => Some((transports, range)),
        Err(_) => {
            notes.push(Note::error(
                at,
                format!("ports {start}-{end} are not a port range: left out"),
            ));
            None
        }
    }
}
