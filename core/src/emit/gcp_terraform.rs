//! GCP VPC firewall rules as Terraform (`google_compute_firewall`), one file per topology (GCP
//! firewall rules belong to the VPC network). Instances are selected by network tags: every
//! instance of host H carries `h-<host>`, plus `g-<group>` for each plan group it belongs to
//! and `z-<zone>` for its zone (the `portolan_instance_tags` output lists them). Ingress rules
//! target the destination's tag with the source's ranges (IPv4 from a host or group: the
//! source's tag, so a group is one tag however large; GCP source tags are IPv4 only); egress rules target the source's tag
//! (none for any) with the destination's ranges. One rule per flow and IP family (GCP does not
//! mix them). Allows at priority 1000; explicit deny-all at 65000 both ways overrides the
//! implied allow-egress and any default-network allow rules. Rules are stateful.

use rustc_hash::FxHashSet as HashSet;
use std::fmt::Write as _;

use ipnet::IpNet;

use super::hostfw::{Family, nets_of};
use super::index::PlanIndex;
use super::{EmitError, Emitted, Input, Scope, Spec, quote};
use crate::plan::{Endpoint, Flow, FlowPlan};

pub const SPEC: Spec = Spec {
    name: "gcp-terraform",
    description: "GCP VPC firewall rules (Terraform), instances selected by network tags",
    scope: Scope::Network,
    emit,
};

pub const ALLOW_PRIORITY: u32 = 1000;
pub const DENY_PRIORITY: u32 = 65000;

/// A network tag: `[a-z]([-a-z0-9]*[a-z0-9])?`, at most 63.
pub fn tag(kind: char, name: &str) -> String {
    format!(
        "{kind}-{}",
        quote::ident(name, |c| c.is_ascii_lowercase() || c.is_ascii_digit(), '-', 61, true)
    )
}

/// Tags of the instances an endpoint stands for; `None` for any (all instances). Zones select
/// by zone tag.
fn targets(endpoint: &Endpoint) -> Option<Vec<String>> {
    match endpoint {
        Endpoint::Any => None,
        Endpoint::Host(h) => Some(vec![tag('h', &h.name)]),
        Endpoint::Group { name } => Some(vec![tag('g', name)]),
        Endpoint::Zone { name, .. } => Some(vec![tag('z', name)]),
    }
}

fn ranges(plan: &FlowPlan, endpoint: &Endpoint, family: Family) -> Vec<IpNet> {
    match plan.networks(endpoint) {
        None => vec![match family {
            Family::V4 => "0.0.0.0/0".parse().unwrap_or_default(),
            Family::V6 => "::/0".parse().unwrap_or_default(),
        }],
        Some(nets) => nets_of(&nets, family),
    }
}

fn list(nets: &[IpNet]) -> String {
    nets.iter().map(|n| quote::hcl_string(&n.to_string())).collect::<Vec<_>>().join(", ")
}

/// The peer of a rule: address ranges, or (IPv4 ingress from hosts or groups) the source
/// instances' network tags, so a group is one tag however many members it has.
enum Peers {
    Ranges(Vec<IpNet>),
    Tags(Vec<String>),
}

#[allow(clippy::too_many_arguments)]
fn rule(
    text: &mut String,
    prefix: &str,
    index: usize,
    flow: &Flow,
    family: Family,
    direction: &str,
    targets: &Option<Vec<String>>,
    peers: &Peers,
) {
    let fam = if family == Family::V4 { "4" } else { "6" };
    let dir = if direction == "INGRESS" { "in" } else { "out" };
    let name = format!("{prefix}-f{:04}-{dir}{fam}", index + 1);
    let _ = writeln!(
        text,
        "{}",
        quote::hash_comment(&format!(
            "{} -> {}: {}",
            flow.source.label(),
            flow.destination.label(),
            flow.justification
        ))
    );
    let _ =
        writeln!(text, "resource \"google_compute_firewall\" \"{}\" {{", name.replace('-', "_"));
    let _ = writeln!(text, "  name        = \"{name}\"");
    let _ = writeln!(text, "  network     = var.network");
    let _ = writeln!(
        text,
        "  description = {}",
        quote::hcl_string(&quote::safe_comment(
            &format!("{} {}", flow.requirements.join(" "), flow.justification),
            2048
        ))
    );
    let _ = writeln!(text, "  direction   = \"{direction}\"");
    let _ = writeln!(text, "  priority    = {ALLOW_PRIORITY}");
    let _ = writeln!(
        text,
        "  allow {{\n    protocol = \"{}\"\n    ports    = [\"{}\"]\n  }}",
        flow.transport.as_str(),
        flow.ports
    );
    match peers {
        Peers::Ranges(ranges) => {
            let field = if direction == "INGRESS" { "source_ranges" } else { "destination_ranges" };
            let _ = writeln!(text, "  {field} = [{}]", list(ranges));
        }
        Peers::Tags(tags) => {
            let _ = writeln!(
                text,
                "  source_tags = [{}]",
                tags.iter().map(|t| quote::hcl_string(t)).collect::<Vec<_>>().join(", ")
            );
        }
    }
    if let Some(tags) = targets {
        let _ = writeln!(
            text,
            "  target_tags = [{}]",
            tags.iter().map(|t| quote::hcl_string(t)).collect::<Vec<_>>().join(", ")
        );
    }
    let _ = writeln!(text, "}}\n");
}

fn emit(input: &Input<'_>, out: &mut Emitted) -> Result<(), EmitError> {
    let plan = input.plan;
    let name = super::topology_name(input.topology);
    let prefix = format!(
        "ptl-{}",
        quote::ident(&name, |c| c.is_ascii_lowercase() || c.is_ascii_digit(), '-', 30, true)
    );
    let mut text = String::new();
    let _ = writeln!(
        text,
        "{}",
        quote::hash_comment(&format!("Portolan: GCP firewall rules for topology {name}"))
    );
    for line in super::safety::network_header(SPEC.name, input.plan, out) {
        let _ = writeln!(text, "{}", quote::hash_comment(&line));
    }
    let _ = writeln!(text, "# Tag each instance as listed in the portolan_instance_tags output.\n");
    let _ = writeln!(
        text,
        "variable \"network\" {{\n  type        = string\n  description = \"VPC network (name or self link)\"\n}}\n"
    );
    let plan_index = PlanIndex::new(plan);
    let host_zones: HashSet<&str> =
        input.topology.hosts.iter().map(|h| h.zone.value.as_str()).collect();
    for (index, flow) in plan.flows.iter().enumerate() {
        for family in Family::BOTH {
            // Group sizes are known per family up front: the ranges are only built where a
            // rule lists them.
            if !plan_index.has_family(&flow.source, family)
                || !plan_index.has_family(&flow.destination, family)
            {
                continue;
            }
            if matches!(flow.destination, Endpoint::Host(_) | Endpoint::Group { .. }) {
                let peers = match (&flow.source, family) {
                    (Endpoint::Host(_) | Endpoint::Group { .. }, Family::V4) => {
                        Peers::Tags(targets(&flow.source).unwrap_or_default())
                    }
                    _ => Peers::Ranges(ranges(plan, &flow.source, family)),
                };
                rule(
                    &mut text,
                    &prefix,
                    index,
                    flow,
                    family,
                    "INGRESS",
                    &targets(&flow.destination),
                    &peers,
                );
            }
            if !matches!(flow.source, Endpoint::Zone { .. })
                || host_zones.contains(flow.source.name())
            {
                rule(
                    &mut text,
                    &prefix,
                    index,
                    flow,
                    family,
                    "EGRESS",
                    &targets(&flow.source),
                    &Peers::Ranges(ranges(plan, &flow.destination, family)),
                );
            }
        }
    }
    for (direction, field) in [("INGRESS", "source_ranges"), ("EGRESS", "destination_ranges")] {
        let dir = if direction == "INGRESS" { "in" } else { "out" };
        let _ = writeln!(
            text,
            "resource \"google_compute_firewall\" \"{}\" {{",
            format!("{prefix}-deny-{dir}").replace('-', "_")
        );
        let _ = writeln!(text, "  name        = \"{prefix}-deny-{dir}\"");
        let _ = writeln!(text, "  network     = var.network");
        let _ = writeln!(text, "  description = \"portolan: default deny\"");
        let _ = writeln!(text, "  direction   = \"{direction}\"");
        let _ = writeln!(text, "  priority    = {DENY_PRIORITY}");
        let _ = writeln!(text, "  deny {{\n    protocol = \"all\"\n  }}");
        let _ = writeln!(text, "  {field} = [\"0.0.0.0/0\", \"::/0\"]");
        let _ = writeln!(text, "}}\n");
    }
    let _ = writeln!(text, "output \"portolan_instance_tags\" {{");
    let _ = writeln!(text, "  description = \"Per host: the network tags its instance needs\"");
    let _ = writeln!(text, "  value = {{");
    for host in &input.topology.hosts {
        let mut tags = vec![tag('h', &host.name), tag('z', &host.zone.value)];
        tags.extend(plan_index.groups_of(&host.name).iter().map(|g| tag('g', g)));
        let _ = writeln!(
            text,
            "    {} = [{}]",
            quote::hcl_string(&host.name),
            tags.iter().map(|t| quote::hcl_string(t)).collect::<Vec<_>>().join(", ")
        );
    }
    let _ = writeln!(text, "  }}\n}}");
    out.file(format!("gcp-terraform/{}.tf", quote::file_slug(&name)), text);
    Ok(())
}
