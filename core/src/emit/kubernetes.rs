//! Kubernetes NetworkPolicy: one file per zone with a policy per host of the zone, plus a
//! namespace-wide default deny (ingress and egress). NetworkPolicy is stateful (replies are
//! allowed) and does not filter a pod's loopback.
//!
//! # Hosts → pods
//!
//! A topology host is a workload; its pods carry these labels (the header of every file lists
//! them per host):
//! - `portolan.io/host: <host>` — the host name as a label value (characters outside
//!   `[A-Za-z0-9-]` become `-`, cut to 63, plus a hash of the name when changed);
//! - `group.portolan.io/<role>: "true"` for every role (`openlm/control-plane` →
//!   `group.portolan.io/openlm.control-plane`) and `group.portolan.io/<platform>: "true"` for
//!   its platform, so plan groups (hosts holding a component, a platform's hosts) are selectors.
//!
//! Peers: a host or group is a `podSelector` (same namespace), a zone is one `ipBlock` per
//! CIDR, any is an omitted `from`/`to` (all sources or destinations).

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::{EmitError, EmitNoteKind, Emitted, Input, Scope, Spec, quote};
use crate::model::Transport;
use crate::plan::{Endpoint, Flow, FlowPlan, HostRef};
use crate::topology::Host;

pub const SPEC: Spec = Spec {
    name: "kubernetes",
    description: "Kubernetes NetworkPolicy YAML per zone (hosts are pods selected by labels)",
    scope: Scope::Network,
    emit,
};

pub const HOST_LABEL: &str = "portolan.io/host";
pub const GROUP_PREFIX: &str = "group.portolan.io/";

/// A label value for a host name: `[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?`, at most 63.
pub fn host_label(name: &str) -> String {
    quote::ident(name, |c| c.is_ascii_alphanumeric(), '-', 63, false)
}

/// The label key selecting a group (a component id or a platform id).
pub fn group_key(group: &str) -> String {
    let name = group.replace('/', ".");
    let part = quote::ident(&name, |c| c.is_ascii_alphanumeric() || c == '.', '-', 63, false);
    // `.` may not start or end the name part.
    let part = part.trim_matches('.').to_owned();
    format!("{GROUP_PREFIX}{part}")
}

/// Labels a host's pods carry.
pub fn host_labels(host: &Host) -> Vec<(String, String)> {
    let mut groups = BTreeSet::new();
    for role in &host.roles {
        groups.insert(group_key(&role.value));
        if let Some((platform, _)) = role.value.split_once('/') {
            groups.insert(group_key(platform));
        }
    }
    let mut labels = vec![(HOST_LABEL.to_owned(), host_label(&host.name))];
    labels.extend(groups.into_iter().map(|k| (k, "true".to_owned())));
    labels
}

fn contains(plan: &FlowPlan, endpoint: &Endpoint, host: &HostRef) -> bool {
    match endpoint {
        Endpoint::Any => true,
        Endpoint::Host(h) => h.name == host.name,
        Endpoint::Group { .. } => plan.hosts(endpoint).iter().any(|m| m.name == host.name),
        Endpoint::Zone { cidrs, .. } => host.addresses.iter().any(|a| cidrs.iter().any(|c| c.contains(a))),
    }
}

/// The peer list (`from:`/`to:` items) of an endpoint; `None` for any (field omitted).
fn peers(endpoint: &Endpoint, indent: &str) -> Option<String> {
    let mut text = String::new();
    match endpoint {
        Endpoint::Any => return None,
        Endpoint::Zone { cidrs, .. } => {
            for cidr in cidrs.iter() {
                let _ = writeln!(text, "{indent}- ipBlock:\n{indent}    cidr: {}", cidr.trunc());
            }
        }
        Endpoint::Host(h) => {
            let _ = writeln!(text, "{indent}- podSelector:\n{indent}    matchLabels:\n{indent}      {HOST_LABEL}: {}", quote::yaml_string(&host_label(&h.name)));
        }
        Endpoint::Group { name } => {
            let _ = writeln!(text, "{indent}- podSelector:\n{indent}    matchLabels:\n{indent}      {}: \"true\"", group_key(name));
        }
    }
    Some(text)
}

fn rule(flow: &Flow, peer: &Endpoint, field: &str) -> String {
    let mut text = String::new();
    let _ = writeln!(text, "    {}", quote::hash_comment(&format!("{} -> {}: {}", flow.source.label(), flow.destination.label(), flow.justification)));
    let _ = writeln!(text, "    # requirements: {}", quote::safe_comment(&flow.requirements.join(" "), usize::MAX));
    let protocol = match flow.transport {
        Transport::Tcp => "TCP",
        Transport::Udp => "UDP",
        Transport::Sctp => "SCTP",
    };
    let _ = writeln!(text, "    - ports:");
    let _ = writeln!(text, "        - protocol: {protocol}");
    let _ = writeln!(text, "          port: {}", flow.ports.start());
    if !flow.ports.is_single() {
        let _ = writeln!(text, "          endPort: {}", flow.ports.end());
    }
    if let Some(list) = peers(peer, "        ") {
        let _ = writeln!(text, "      {field}:");
        text.push_str(&list);
    }
    text
}

fn emit(input: &Input<'_>, out: &mut Emitted) -> Result<(), EmitError> {
    let plan = input.plan;
    let topology = input.topology;
    out.note(
        EmitNoteKind::Info,
        SPEC.name,
        "the default deny also blocks DNS to the cluster resolver unless a flow allows it; pods need the labels listed in each file's header".to_owned(),
        &[],
    );
    let mut deny = String::new();
    let _ = writeln!(deny, "# Portolan: default deny for every pod of the namespace (ingress and egress).");
    let _ = writeln!(deny, "apiVersion: networking.k8s.io/v1");
    let _ = writeln!(deny, "kind: NetworkPolicy");
    let _ = writeln!(deny, "metadata:\n  name: portolan-default-deny\n  labels:\n    app.kubernetes.io/managed-by: portolan");
    let _ = writeln!(deny, "spec:\n  podSelector: {{}}\n  policyTypes:\n    - Ingress\n    - Egress");
    out.file("kubernetes/00-default-deny.yaml".to_owned(), deny);

    let mut zones: Vec<&str> = topology.zones.iter().map(|z| z.name.as_str()).collect();
    for host in &topology.hosts {
        if !zones.contains(&host.zone.value.as_str()) {
            zones.push(&host.zone.value);
        }
    }
    for zone in zones {
        let hosts: Vec<&Host> = topology.hosts.iter().filter(|h| h.zone.value == zone).collect();
        if hosts.is_empty() {
            continue;
        }
        let mut text = String::new();
        let _ = writeln!(text, "{}", quote::hash_comment(&format!("Portolan NetworkPolicies for zone {zone}, topology {}", super::topology_name(topology))));
        let _ = writeln!(text, "# Pods of each host must carry these labels:");
        for host in &hosts {
            let labels: Vec<String> = host_labels(host).iter().map(|(k, v)| format!("{k}={v}")).collect();
            let _ = writeln!(text, "{}", quote::hash_comment(&format!("  {}: {}", host.name, labels.join(", "))));
        }
        for host in &hosts {
            let href = HostRef::from_host(host);
            let ingress: Vec<String> = plan
                .flows
                .iter()
                .filter(|f| matches!(f.destination, Endpoint::Host(_) | Endpoint::Group { .. }) && contains(plan, &f.destination, &href))
                .map(|f| rule(f, &f.source, "from"))
                .collect();
            let egress: Vec<String> = plan
                .flows
                .iter()
                .filter(|f| contains(plan, &f.source, &href) && !matches!(&f.destination, Endpoint::Host(h) if h.name == host.name))
                .map(|f| rule(f, &f.destination, "to"))
                .collect();
            let _ = writeln!(text, "---");
            let _ = writeln!(text, "apiVersion: networking.k8s.io/v1");
            let _ = writeln!(text, "kind: NetworkPolicy");
            let _ = writeln!(text, "metadata:");
            let _ = writeln!(text, "  name: portolan-{}", quote::file_slug(&host.name));
            let _ = writeln!(text, "  labels:\n    app.kubernetes.io/managed-by: portolan");
            let _ = writeln!(text, "  annotations:\n    portolan.io/host-name: {}", quote::yaml_string(&host.name));
            let _ = writeln!(text, "spec:");
            let _ = writeln!(text, "  podSelector:\n    matchLabels:\n      {HOST_LABEL}: {}", quote::yaml_string(&host_label(&host.name)));
            let _ = writeln!(text, "  policyTypes:\n    - Ingress\n    - Egress");
            if ingress.is_empty() {
                let _ = writeln!(text, "  ingress: []");
            } else {
                let _ = writeln!(text, "  ingress:");
                text.extend(ingress);
            }
            if egress.is_empty() {
                let _ = writeln!(text, "  egress: []");
            } else {
                let _ = writeln!(text, "  egress:");
                text.extend(egress);
            }
        }
        out.file(format!("kubernetes/{}.yaml", quote::file_slug(zone)), text);
    }
    Ok(())
}
