//! Kubernetes NetworkPolicy: a namespace-wide default deny (ingress and egress), one file per
//! zone with a policy per host of the zone, and `groups.yaml` with a policy per plan group and
//! one for every pod. NetworkPolicy is stateful (replies are allowed) and does not filter a
//! pod's loopback. Every flow is written once: its ingress in the policy of each destination
//! host, its egress in the policy that selects its source — the host's own, its zone's (in the
//! zone's file), its plan group's, or the all-pods policy for flows from any address.
//!
//! # Hosts → pods
//!
//! A topology host is a workload; its pods carry these labels (the header of every file lists
//! them per host):
//! - `portolan.io/host: <host>` — the host name as a label value (characters outside
//!   `[A-Za-z0-9-]` become `-`, cut to 63, plus a hash of the name when changed);
//! - `group.portolan.io/<role>: "true"` for every role (`openlm/control-plane` →
//!   `group.portolan.io/openlm.control-plane`) and `group.portolan.io/<platform>: "true"` for
//!   its platform, and for every other plan group holding the host (`openlm@cluster`: the
//!   platform's hosts in one zone), so plan groups are selectors;
//! - `zone.portolan.io/<zone>: "true"` for the zones its addresses belong to (the most specific
//!   zone holding each; its declared zone when none does).
//!
//! Peers: a host or group is a `podSelector` (same namespace), a zone is one `ipBlock` per
//! CIDR, any is an omitted `from`/`to` (all sources or destinations).

use std::collections::BTreeSet;

use rustc_hash::FxHashMap as HashMap;
use std::fmt::Write as _;

use super::index::{self, PlanIndex, ZoneOwners};
use super::{EmitError, EmitNoteKind, Emitted, Input, Scope, Spec, quote};
use crate::model::Transport;
use crate::plan::{Endpoint, Flow, HostRef};
use crate::topology::{Host, Topology};

pub const SPEC: Spec = Spec {
    name: "kubernetes",
    description: "Kubernetes NetworkPolicy YAML per zone (hosts are pods selected by labels)",
    scope: Scope::Network,
    emit,
};

pub const HOST_LABEL: &str = "portolan.io/host";
pub const GROUP_PREFIX: &str = "group.portolan.io/";
pub const ZONE_PREFIX: &str = "zone.portolan.io/";

/// A label value for a host name: `[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?`, at most 63.
pub fn host_label(name: &str) -> String {
    quote::ident(name, |c| c.is_ascii_alphanumeric(), '-', 63, false)
}

/// A label key `<prefix><name>`: the name part in `[A-Za-z0-9.-]`, `/` read as `.`.
fn label_key(prefix: &str, name: &str) -> String {
    let name = name.replace('/', ".");
    let part = quote::ident(&name, |c| c.is_ascii_alphanumeric() || c == '.', '-', 63, false);
    // `.` may not start or end the name part.
    let part = part.trim_matches('.').to_owned();
    format!("{prefix}{part}")
}

/// The label key selecting a group (a component id or a platform id).
pub fn group_key(group: &str) -> String {
    label_key(GROUP_PREFIX, group)
}

/// The label key selecting the pods of a zone.
pub fn zone_key(zone: &str) -> String {
    label_key(ZONE_PREFIX, zone)
}

/// Labels a host's pods carry: its roles, their platforms, every plan group holding it
/// (`openlm@cluster`) and its zones.
pub fn host_labels(
    topology: &Topology,
    index: &PlanIndex<'_>,
    host: &Host,
) -> Vec<(String, String)> {
    // The sets are filled by `insert`, not `collect`: `collect` sorts its input with a sort
    // monomorphised per iterator type (wasm size), `insert` is already there.
    let mut groups = BTreeSet::new();
    for group in index.groups_of(&host.name) {
        groups.insert(group_key(group));
    }
    for role in &host.roles {
        groups.insert(group_key(&role.value));
        if let Some((platform, _)) = role.value.split_once('/') {
            groups.insert(group_key(platform));
        }
    }
    let mut labels = vec![(HOST_LABEL.to_owned(), host_label(&host.name))];
    labels.extend(groups.into_iter().map(|k| (k, "true".to_owned())));
    let mut zones = BTreeSet::new();
    for zone in ZoneOwners::new(topology).zones_of(&HostRef::from_host(host)) {
        zones.insert(zone_key(zone));
    }
    labels.extend(zones.into_iter().map(|k| (k, "true".to_owned())));
    labels
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
            let _ = writeln!(
                text,
                "{indent}- podSelector:\n{indent}    matchLabels:\n{indent}      {HOST_LABEL}: {}",
                quote::yaml_string(&host_label(&h.name))
            );
        }
        Endpoint::Group { name } => {
            let _ = writeln!(
                text,
                "{indent}- podSelector:\n{indent}    matchLabels:\n{indent}      {}: \"true\"",
                group_key(name)
            );
        }
    }
    Some(text)
}

fn rule(flow: &Flow, peer: &Endpoint, field: &str) -> String {
    let mut text = String::new();
    let _ = writeln!(
        text,
        "    {}",
        quote::hash_comment(&format!(
            "{} -> {}: {}",
            flow.source.label(),
            flow.destination.label(),
            flow.justification
        ))
    );
    let _ = writeln!(
        text,
        "    # requirements: {}",
        quote::safe_comment(&flow.requirements.join(" "), usize::MAX)
    );
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

/// The rules of one policy, in plan order.
#[derive(Default)]
struct Rules {
    ingress: Vec<String>,
    egress: Vec<String>,
}

/// One NetworkPolicy document (after a `---`).
struct Policy<'a> {
    name: String,
    /// Why the policy exists (a `#` line above it).
    about: String,
    /// `name: value` of the `matchLabels`; `None` selects every pod.
    selector: Option<(String, String)>,
    annotation: Option<(&'a str, &'a str)>,
    ingress: bool,
}

fn write_policy(text: &mut String, policy: &Policy<'_>, rules: &Rules) {
    let _ = writeln!(text, "---");
    let _ = writeln!(text, "{}", quote::hash_comment(&policy.about));
    let _ = writeln!(text, "apiVersion: networking.k8s.io/v1");
    let _ = writeln!(text, "kind: NetworkPolicy");
    let _ = writeln!(text, "metadata:");
    let _ = writeln!(text, "  name: {}", policy.name);
    let _ = writeln!(text, "  labels:\n    app.kubernetes.io/managed-by: portolan");
    if let Some((key, value)) = policy.annotation {
        let _ = writeln!(text, "  annotations:\n    {key}: {}", quote::yaml_string(value));
    }
    let _ = writeln!(text, "spec:");
    match &policy.selector {
        Some((key, value)) => {
            let _ = writeln!(
                text,
                "  podSelector:\n    matchLabels:\n      {key}: {}",
                quote::yaml_string(value)
            );
        }
        None => {
            let _ = writeln!(text, "  podSelector: {{}}");
        }
    }
    if policy.ingress {
        let _ = writeln!(text, "  policyTypes:\n    - Ingress\n    - Egress");
        if rules.ingress.is_empty() {
            let _ = writeln!(text, "  ingress: []");
        } else {
            let _ = writeln!(text, "  ingress:");
            text.extend(rules.ingress.iter().map(String::as_str));
        }
    } else {
        let _ = writeln!(text, "  policyTypes:\n    - Egress");
    }
    if rules.egress.is_empty() {
        let _ = writeln!(text, "  egress: []");
    } else {
        let _ = writeln!(text, "  egress:");
        text.extend(rules.egress.iter().map(String::as_str));
    }
}

/// `portolan-<slug>`, with the kind in between for shared policies.
fn policy_name(kind: &str, name: &str) -> String {
    if kind.is_empty() {
        format!("portolan-{}", quote::file_slug(name))
    } else {
        format!("portolan-{kind}-{}", quote::file_slug(name))
    }
}

fn emit(input: &Input<'_>, out: &mut Emitted) -> Result<(), EmitError> {
    let plan = input.plan;
    let topology = input.topology;
    let index = PlanIndex::new(plan);
    out.note(
        EmitNoteKind::Info,
        SPEC.name,
        "the default deny also blocks DNS to the cluster resolver unless a flow allows it; pods need the labels listed in each file's header".to_owned(),
        &[],
    );
    let mut deny = String::new();
    let _ = writeln!(
        deny,
        "# Portolan: default deny for every pod of the namespace (ingress and egress)."
    );
    for line in super::safety::network_header(SPEC.name, plan, out) {
        let _ = writeln!(deny, "{}", quote::hash_comment(&line));
    }
    let _ = writeln!(deny, "apiVersion: networking.k8s.io/v1");
    let _ = writeln!(deny, "kind: NetworkPolicy");
    let _ = writeln!(
        deny,
        "metadata:\n  name: portolan-default-deny\n  labels:\n    app.kubernetes.io/managed-by: portolan"
    );
    let _ =
        writeln!(deny, "spec:\n  podSelector: {{}}\n  policyTypes:\n    - Ingress\n    - Egress");
    out.file("kubernetes/00-default-deny.yaml".to_owned(), deny);

    // Each flow once: ingress per destination host, egress on the policy of its source.
    let host_position: HashMap<&str, usize> =
        topology.hosts.iter().enumerate().map(|(i, h)| (h.name.as_str(), i)).collect();
    let zones = index::zone_names(topology);
    let zone_position: HashMap<&str, usize> =
        zones.iter().enumerate().map(|(i, z)| (*z, i)).collect();
    let group_position: HashMap<&str, usize> =
        plan.groups.iter().enumerate().map(|(i, g)| (&*g.name, i)).collect();
    let mut host_rules: Vec<Rules> = topology.hosts.iter().map(|_| Rules::default()).collect();
    let mut zone_rules: Vec<Rules> = zones.iter().map(|_| Rules::default()).collect();
    let mut group_rules: Vec<Rules> = plan.groups.iter().map(|_| Rules::default()).collect();
    let mut any_rules = Rules::default();
    for flow in &plan.flows {
        for host in index.hosts(&flow.destination) {
            if let Some(&i) = host_position.get(&*host.name) {
                host_rules[i].ingress.push(rule(flow, &flow.source, "from"));
            }
        }
        let egress = match &flow.source {
            Endpoint::Host(h) if matches!(&flow.destination, Endpoint::Host(d) if d.name == h.name) => {
                None
            }
            Endpoint::Host(h) => host_position.get(&*h.name).map(|&i| &mut host_rules[i]),
            Endpoint::Zone { name, .. } => zone_position.get(&**name).map(|&i| &mut zone_rules[i]),
            Endpoint::Group { name } => group_position.get(&**name).map(|&i| &mut group_rules[i]),
            Endpoint::Any => Some(&mut any_rules),
        };
        match egress {
            Some(rules) => rules.egress.push(rule(flow, &flow.destination, "to")),
            None if matches!(flow.source, Endpoint::Host(_)) => {}
            None => out.note(
                EmitNoteKind::NotExpressible,
                SPEC.name,
                format!("{} is not a zone or group of the topology, so no policy selects it: egress of {} -> {} {}/{} not emitted", flow.source.label(), flow.source.label(), flow.destination.label(), flow.ports, flow.transport),
                &flow.requirements,
            ),
        }
    }

    let topology_name = super::topology_name(topology);
    for (zone_index, zone) in zones.iter().enumerate() {
        let hosts: Vec<(usize, &Host)> =
            topology.hosts.iter().enumerate().filter(|(_, h)| h.zone.value == *zone).collect();
        let zone_egress = &zone_rules[zone_index];
        if hosts.is_empty() && zone_egress.egress.is_empty() {
            continue;
        }
        let mut text = String::new();
        let _ = writeln!(
            text,
            "{}",
            quote::hash_comment(&format!(
                "Portolan NetworkPolicies for zone {zone}, topology {topology_name}"
            ))
        );
        let _ = writeln!(text, "# Pods of each host must carry these labels:");
        for (_, host) in &hosts {
            let labels: Vec<String> = host_labels(topology, &index, host)
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            let _ = writeln!(
                text,
                "{}",
                quote::hash_comment(&format!("  {}: {}", host.name, labels.join(", ")))
            );
        }
        for (i, host) in &hosts {
            let policy = Policy {
                name: policy_name("", &host.name),
                about: format!("host {}: the flows to it and its own egress", host.name),
                selector: Some((HOST_LABEL.to_owned(), host_label(&host.name))),
                annotation: Some(("portolan.io/host-name", &host.name)),
                ingress: true,
            };
            write_policy(&mut text, &policy, &host_rules[*i]);
        }
        if !zone_egress.egress.is_empty() {
            let policy = Policy {
                name: policy_name("zone", zone),
                about: format!(
                    "zone {zone}: egress of the flows from the zone (pods labelled {}=true)",
                    zone_key(zone)
                ),
                selector: Some((zone_key(zone), "true".to_owned())),
                annotation: Some(("portolan.io/zone-name", zone)),
                ingress: false,
            };
            write_policy(&mut text, &policy, zone_egress);
        }
        out.file(format!("kubernetes/{}.yaml", quote::file_slug(zone)), text);
    }

    let mut text = String::new();
    let _ = writeln!(
        text,
        "{}",
        quote::hash_comment(&format!(
            "Portolan NetworkPolicies for plan groups and every pod, topology {topology_name}"
        ))
    );
    let _ = writeln!(
        text,
        "# Egress of flows whose source is a group (pods with its group label) or any address (every pod)."
    );
    let mut any = false;
    for (group, rules) in plan.groups.iter().zip(&group_rules).filter(|(_, r)| !r.egress.is_empty())
    {
        let policy = Policy {
            name: policy_name("group", &group.name),
            about: format!("group {}: {}", group.name, group.description),
            selector: Some((group_key(&group.name), "true".to_owned())),
            annotation: Some(("portolan.io/group-name", &group.name)),
            ingress: false,
        };
        write_policy(&mut text, &policy, rules);
        any = true;
    }
    if !any_rules.egress.is_empty() {
        let policy = Policy {
            name: "portolan-any".to_owned(),
            about: "every pod: egress of the flows from any address".to_owned(),
            selector: None,
            annotation: None,
            ingress: false,
        };
        write_policy(&mut text, &policy, &any_rules);
        any = true;
    }
    if any {
        out.file("kubernetes/groups.yaml".to_owned(), text);
    }
    Ok(())
}
