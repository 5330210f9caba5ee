//! Azure network security groups as Terraform (azurerm): one NSG per zone (attach it to the
//! zone's subnet). Inbound rules allow the flows to the zone's hosts, outbound rules the flows
//! from them (and from the zone itself or any address); each rule is one IP family (Azure does
//! not mix them). Priorities count up from 100; a final deny-all at 4096 each way overrides
//! Azure's default allow rules (VNet, load balancer, Internet egress). NSGs are stateful.
//!
//! Limits: priorities 100–4095 leave 3996 allow rules per direction: the rest is reported and
//! not emitted. SCTP is not an NSG protocol: reported.

use std::fmt::Write as _;

use ipnet::IpNet;

use super::hostfw::{Family, nets_of};
use super::{EmitError, EmitNoteKind, Emitted, Input, Scope, Spec, quote};
use crate::model::Transport;
use crate::plan::{Endpoint, Flow, FlowPlan};
use crate::topology::Topology;

pub const SPEC: Spec = Spec {
    name: "azure-nsg",
    description: "Azure network security groups (Terraform azurerm), one per zone",
    scope: Scope::Network,
    emit,
};

pub const FIRST_PRIORITY: u32 = 100;
pub const DENY_PRIORITY: u32 = 4096;

/// The members of `endpoint` that are hosts of `zone`, as nets.
fn zone_hosts(plan: &FlowPlan, topology: &Topology, endpoint: &Endpoint, zone: &str) -> Vec<IpNet> {
    plan.hosts(endpoint)
        .into_iter()
        .filter(|h| topology.host(&h.name).is_some_and(|t| t.zone.value == zone))
        .flat_map(|h| h.addresses.iter().map(|a| IpNet::from(*a)))
        .collect()
}

struct NsgRule<'p> {
    flow: &'p Flow,
    family: Family,
    source: Option<Vec<IpNet>>,
    destination: Option<Vec<IpNet>>,
}

fn prefixes(text: &mut String, field: &str, nets: &Option<Vec<IpNet>>) {
    match nets {
        None => {
            let _ = writeln!(text, "    {field}_address_prefix = \"*\"");
        }
        Some(list) => {
            let items: Vec<String> = list.iter().map(|n| quote::hcl_string(&n.to_string())).collect();
            let _ = writeln!(text, "    {field}_address_prefixes = [{}]", items.join(", "));
        }
    }
}

fn emit(input: &Input<'_>, out: &mut Emitted) -> Result<(), EmitError> {
    let plan = input.plan;
    let topology = input.topology;
    let name = super::topology_name(topology);
    let mut text = String::new();
    let _ = writeln!(text, "{}", quote::hash_comment(&format!("Portolan: Azure NSGs for topology {name}, one per zone (attach to the zone's subnet)")));
    let _ = writeln!(text, "# Each rule's description names its requirement ids; deny-all at priority 4096 both ways.\n");
    let _ = writeln!(text, "variable \"resource_group_name\" {{\n  type = string\n}}\n");
    let _ = writeln!(text, "variable \"location\" {{\n  type = string\n}}\n");
    // Zones of the topology, then zones hosts name without defining them (their NSG still
    // carries the hosts' rules).
    struct ZoneRef {
        name: String,
        nets: Vec<IpNet>,
    }
    let mut zones: Vec<ZoneRef> = topology.zones.iter().map(|z| ZoneRef { name: z.name.clone(), nets: z.nets().collect() }).collect();
    for host in &topology.hosts {
        let nets = host.ips().map(IpNet::from);
        match zones.iter_mut().find(|z| z.name == host.zone.value) {
            Some(zone) => zone.nets.extend(nets),
            None => zones.push(ZoneRef { name: host.zone.value.clone(), nets: nets.collect() }),
        }
    }
    for zone in &zones {
        let mut inbound: Vec<NsgRule<'_>> = Vec::new();
        let mut outbound: Vec<NsgRule<'_>> = Vec::new();
        for flow in &plan.flows {
            let to_zone = zone_hosts(plan, topology, &flow.destination, &zone.name);
            let from_zone: Option<Option<Vec<IpNet>>> = match &flow.source {
                Endpoint::Any => Some(None),
                Endpoint::Zone { name, cidrs } if **name == *zone.name => Some(Some(cidrs.to_vec())),
                Endpoint::Zone { .. } => None,
                other => {
                    let nets = zone_hosts(plan, topology, other, &zone.name);
                    (!nets.is_empty()).then_some(Some(nets))
                }
            };
            if to_zone.is_empty() && from_zone.is_none() {
                continue;
            }
            if flow.transport == Transport::Sctp {
                out.note(
                    EmitNoteKind::NotExpressible,
                    SPEC.name,
                    format!("Azure NSGs have no SCTP: {} -> {} {}/sctp not emitted (zone {})", flow.source.label(), flow.destination.label(), flow.ports, zone.name),
                    &flow.requirements,
                );
                continue;
            }
            for family in Family::BOTH {
                let peer = |endpoint: &Endpoint| -> Option<Option<Vec<IpNet>>> {
                    match plan.networks(endpoint) {
                        None => Some(None),
                        Some(nets) => {
                            let nets = nets_of(&nets, family);
                            (!nets.is_empty()).then_some(Some(nets))
                        }
                    }
                };
                if !to_zone.is_empty() {
                    let destination = nets_of(&to_zone, family);
                    if let (false, Some(source)) = (destination.is_empty(), peer(&flow.source)) {
                        inbound.push(NsgRule { flow, family, source, destination: Some(destination) });
                    }
                }
                if let Some(local) = &from_zone {
                    let source = local.as_ref().map(|nets| nets_of(nets, family));
                    if source.as_ref().is_some_and(Vec::is_empty) {
                        continue;
                    }
                    // Any source: only the zone's own family matters; skip a family the zone lacks.
                    if source.is_none() && nets_of(&zone.nets, family).is_empty() {
                        continue;
                    }
                    if let Some(destination) = peer(&flow.destination) {
                        outbound.push(NsgRule { flow, family, source, destination });
                    }
                }
            }
        }
        let key = quote::ident(&zone.name, |c| c.is_ascii_alphanumeric(), '_', 48, true);
        let _ = writeln!(text, "resource \"azurerm_network_security_group\" \"zone_{key}\" {{");
        let _ = writeln!(text, "  name                = {}", quote::hcl_string(&format!("portolan-{}", quote::file_slug(&zone.name))));
        let _ = writeln!(text, "  location            = var.location");
        let _ = writeln!(text, "  resource_group_name = var.resource_group_name");
        for (direction, rules) in [("Inbound", &inbound), ("Outbound", &outbound)] {
            let capacity = (DENY_PRIORITY - FIRST_PRIORITY) as usize;
            if rules.len() > capacity {
                let dropped: Vec<String> = rules[capacity..].iter().flat_map(|r| r.flow.requirements.iter().cloned()).collect();
                out.note(
                    EmitNoteKind::Limit,
                    SPEC.name,
                    format!("zone {}: {} {} rules do not fit priorities {FIRST_PRIORITY}-{}: the last {} are not emitted", zone.name, rules.len(), direction.to_lowercase(), DENY_PRIORITY - 1, rules.len() - capacity),
                    &dropped,
                );
            }
            for (i, rule) in rules.iter().take(capacity).enumerate() {
                let priority = FIRST_PRIORITY + i as u32;
                let flow = rule.flow;
                let _ = writeln!(text, "\n  {}", quote::hash_comment(&format!("{} -> {}: {}", flow.source.label(), flow.destination.label(), flow.justification)));
                let _ = writeln!(text, "  security_rule {{");
                let _ = writeln!(text, "    name                       = \"{}-{priority}-{}\"", direction.to_lowercase(), if rule.family == Family::V4 { "v4" } else { "v6" });
                let _ = writeln!(text, "    description                = {}", quote::hcl_string(&quote::safe_comment(&flow.requirements.join(" "), 140)));
                let _ = writeln!(text, "    priority                   = {priority}");
                let _ = writeln!(text, "    direction                  = \"{direction}\"");
                let _ = writeln!(text, "    access                     = \"Allow\"");
                let _ = writeln!(text, "    protocol                   = \"{}\"", if flow.transport == Transport::Tcp { "Tcp" } else { "Udp" });
                let _ = writeln!(text, "    source_port_range          = \"*\"");
                let _ = writeln!(text, "    destination_port_range     = \"{}\"", flow.ports);
                prefixes(&mut text, "source", &rule.source);
                prefixes(&mut text, "destination", &rule.destination);
                let _ = writeln!(text, "  }}");
            }
            let _ = writeln!(text, "\n  security_rule {{");
            let _ = writeln!(text, "    name                       = \"portolan-deny-all-{}\"", direction.to_lowercase());
            let _ = writeln!(text, "    description                = \"portolan: default deny\"");
            let _ = writeln!(text, "    priority                   = {DENY_PRIORITY}");
            let _ = writeln!(text, "    direction                  = \"{direction}\"");
            let _ = writeln!(text, "    access                     = \"Deny\"");
            let _ = writeln!(text, "    protocol                   = \"*\"");
            let _ = writeln!(text, "    source_port_range          = \"*\"");
            let _ = writeln!(text, "    destination_port_range     = \"*\"");
            let _ = writeln!(text, "    source_address_prefix      = \"*\"");
            let _ = writeln!(text, "    destination_address_prefix = \"*\"");
            let _ = writeln!(text, "  }}");
        }
        let _ = writeln!(text, "\n  tags = {{\n    \"managed-by\" = \"portolan\"\n    \"portolan-zone\" = {}\n  }}", quote::hcl_string(&quote::safe_comment(&zone.name, 256)));
        let _ = writeln!(text, "}}\n");
    }
    out.file(format!("azure-nsg/{}.tf", quote::file_slug(&name)), text);
    Ok(())
}
