//! Azure network security groups as Terraform (azurerm): one NSG per zone (attach it to the
//! zone's subnet). Inbound rules allow the flows to the zone's hosts, outbound rules the flows
//! from them (and from the zone itself or any address); each rule is one IP family (Azure does
//! not mix them). A plan group on either side is an application security group (one rule,
//! whatever the group's size; the `portolan_nic_application_security_groups` output lists the
//! groups each host's NIC joins), so the file grows with the flows, not hosts × flows. Priorities count up from 100; a final deny-all at 4096 each way overrides
//! Azure's default allow rules (VNet, load balancer, Internet egress). NSGs are stateful.
//!
//! Limits: priorities 100–4095 leave 3996 allow rules per direction: the rest is reported and
//! not emitted. SCTP is not an NSG protocol: reported.

use rustc_hash::FxHashMap as HashMap;
use std::fmt::Write as _;

use ipnet::IpNet;

use super::hostfw::{Family, nets_of};
use super::index::PlanIndex;
use super::{EmitError, EmitNoteKind, Emitted, Input, Scope, Spec, quote};
use crate::model::Transport;
use crate::plan::{Endpoint, Flow};

pub const SPEC: Spec = Spec {
    name: "azure-nsg",
    description: "Azure network security groups (Terraform azurerm), one per zone",
    scope: Scope::Network,
    emit,
};

pub const FIRST_PRIORITY: u32 = 100;
pub const DENY_PRIORITY: u32 = 4096;

/// One side of a rule.
#[derive(Clone, PartialEq, Eq, Hash)]
enum Side {
    /// `*`
    Any,
    Prefixes(Vec<IpNet>),
    /// An application security group, by plan group name.
    Asg(String),
}

struct NsgRule<'p> {
    /// The flows behind the rule, in plan order; never empty.
    flows: Vec<&'p Flow>,
    family: Family,
    source: Side,
    destination: Side,
}

impl NsgRule<'_> {
    fn flow(&self) -> &Flow {
        self.flows[0]
    }

    /// Every requirement id of its flows, sorted, once each.
    fn requirements(&self) -> Vec<String> {
        let mut ids: Vec<String> =
            self.flows.iter().flat_map(|f| f.requirements.iter().cloned()).collect();
        crate::order::sort_dedup(&mut ids);
        ids
    }

    /// `source -> destination: why` of its flow, or of its first flows and how many there are.
    fn summary(&self) -> String {
        let line = |f: &Flow| {
            format!("{} -> {}: {}", f.source.label(), f.destination.label(), f.justification)
        };
        match self.flows.as_slice() {
            [flow] => line(flow),
            flows => format!("{}; and {} more flows", line(flows[0]), flows.len() - 1),
        }
    }
}

/// Merges rules with the same source, ports, transport and family whose destinations are
/// address prefixes (one flow per destination host, typically): one rule, the prefixes united
/// and aggregated, in order of first appearance. Keeps a zone's rules within Azure's
/// priorities where one rule per host would not fit.
fn merge(rules: Vec<NsgRule<'_>>) -> Vec<NsgRule<'_>> {
    let mut merged: Vec<NsgRule<'_>> = Vec::new();
    let mut position: HashMap<(Side, Family, crate::model::PortRange, Transport), usize> =
        HashMap::default();
    for rule in rules {
        let Side::Prefixes(prefixes) = &rule.destination else {
            merged.push(rule);
            continue;
        };
        let flow = rule.flow();
        let key = (rule.source.clone(), rule.family, flow.ports, flow.transport);
        match position.get(&key) {
            Some(&i) => {
                if let Side::Prefixes(list) = &mut merged[i].destination {
                    list.extend(prefixes.iter().copied());
                }
                merged[i].flows.extend(rule.flows);
            }
            None => {
                position.insert(key, merged.len());
                merged.push(rule);
            }
        }
    }
    for rule in &mut merged {
        if let (Side::Prefixes(list), true) = (&mut rule.destination, rule.flows.len() > 1) {
            *list = nets_of(list, rule.family);
        }
    }
    merged
}

fn side(text: &mut String, field: &str, side: &Side, asg_keys: &HashMap<String, String>) {
    match side {
        Side::Any => {
            let _ = writeln!(text, "    {field}_address_prefix = \"*\"");
        }
        Side::Prefixes(list) => {
            let items: Vec<String> =
                list.iter().map(|n| quote::hcl_string(&n.to_string())).collect();
            let _ = writeln!(text, "    {field}_address_prefixes = [{}]", items.join(", "));
        }
        Side::Asg(group) => {
            let key = asg_keys.get(group).map(String::as_str).unwrap_or_default();
            let _ = writeln!(
                text,
                "    {field}_application_security_group_ids = [azurerm_application_security_group.{key}.id]"
            );
        }
    }
}

/// A zone's NSG: its networks (declared CIDRs and its hosts' addresses) and its rules.
struct ZoneNsg<'p> {
    name: String,
    nets: Vec<IpNet>,
    inbound: Vec<NsgRule<'p>>,
    outbound: Vec<NsgRule<'p>>,
}

/// The other side of a rule in one family: `None` when the endpoint has no address of it.
fn peer(index: &PlanIndex<'_>, endpoint: &Endpoint, family: Family) -> Option<Side> {
    match endpoint {
        Endpoint::Any => Some(Side::Any),
        Endpoint::Group { name } => {
            index.has_family(endpoint, family).then(|| Side::Asg(name.to_string()))
        }
        _ => {
            let nets = nets_of(&index.networks(endpoint).unwrap_or_default(), family);
            (!nets.is_empty()).then_some(Side::Prefixes(nets))
        }
    }
}

fn emit(input: &Input<'_>, out: &mut Emitted) -> Result<(), EmitError> {
    let plan = input.plan;
    let topology = input.topology;
    let index = PlanIndex::new(plan);
    let name = super::topology_name(topology);
    let mut text = String::new();
    let _ = writeln!(
        text,
        "{}",
        quote::hash_comment(&format!(
            "Portolan: Azure NSGs for topology {name}, one per zone (attach to the zone's subnet)"
        ))
    );
    for line in super::safety::network_header(SPEC.name, plan, out) {
        let _ = writeln!(text, "{}", quote::hash_comment(&line));
    }
    let _ = writeln!(
        text,
        "# Plan groups are application security groups: associate each host's NIC with the groups the"
    );
    let _ = writeln!(
        text,
        "# portolan_nic_application_security_groups output lists. Each rule's description names its"
    );
    let _ = writeln!(text, "# requirement ids; deny-all at priority 4096 both ways.\n");
    let _ = writeln!(text, "variable \"resource_group_name\" {{\n  type = string\n}}\n");
    let _ = writeln!(text, "variable \"location\" {{\n  type = string\n}}\n");
    // Zones of the topology, then zones hosts name without defining them (their NSG still
    // carries the hosts' rules).
    let mut zones: Vec<ZoneNsg<'_>> = topology
        .zones
        .iter()
        .map(|z| ZoneNsg {
            name: z.name.clone(),
            nets: z.nets().collect(),
            inbound: Vec::new(),
            outbound: Vec::new(),
        })
        .collect();
    let mut zone_position: HashMap<String, usize> =
        zones.iter().enumerate().map(|(i, z)| (z.name.clone(), i)).collect();
    let mut host_zone: HashMap<&str, usize> = HashMap::default();
    for host in &topology.hosts {
        let i = match zone_position.get(&host.zone.value) {
            Some(&i) => i,
            None => {
                zones.push(ZoneNsg {
                    name: host.zone.value.clone(),
                    nets: Vec::new(),
                    inbound: Vec::new(),
                    outbound: Vec::new(),
                });
                zone_position.insert(host.zone.value.clone(), zones.len() - 1);
                zones.len() - 1
            }
        };
        zones[i].nets.extend(host.ips().map(IpNet::from));
        host_zone.insert(&host.name, i);
    }
    let zone_families: Vec<[bool; 2]> =
        zones.iter().map(|z| Family::BOTH.map(|f| !nets_of(&z.nets, f).is_empty())).collect();

    for flow in &plan.flows {
        // The zones the flow enters (its destination hosts, by zone) and leaves.
        let mut entering: Vec<(usize, Vec<IpNet>)> = Vec::new();
        for host in index.hosts(&flow.destination) {
            let Some(&zone) = host_zone.get(&*host.name) else { continue };
            let nets = host.addresses.iter().map(|a| IpNet::from(*a));
            match entering.iter_mut().find(|(z, _)| *z == zone) {
                Some((_, list)) => list.extend(nets),
                None => entering.push((zone, nets.collect())),
            }
        }
        let leaving: Vec<usize> = match &flow.source {
            Endpoint::Any => (0..zones.len()).collect(),
            Endpoint::Zone { name, .. } => {
                zone_position.get(&**name).copied().into_iter().collect()
            }
            Endpoint::Host(host) => host_zone.get(&*host.name).copied().into_iter().collect(),
            Endpoint::Group { name } => index
                .group_zones(name)
                .iter()
                .filter_map(|z| zone_position.get(*z).copied())
                .collect(),
        };
        if entering.is_empty() && leaving.is_empty() {
            continue;
        }
        if flow.transport == Transport::Sctp {
            let touched: Vec<&str> = entering
                .iter()
                .map(|(z, _)| *z)
                .chain(leaving.iter().copied())
                .map(|z| zones[z].name.as_str())
                .collect();
            out.note(
                EmitNoteKind::NotExpressible,
                SPEC.name,
                format!(
                    "Azure NSGs have no SCTP: {} -> {} {}/sctp not emitted (zones {})",
                    flow.source.label(),
                    flow.destination.label(),
                    flow.ports,
                    touched.join(", ")
                ),
                &flow.requirements,
            );
            continue;
        }
        for family in Family::BOTH {
            for (zone, nets) in &entering {
                let destination = nets_of(nets, family);
                if let (false, Some(source)) =
                    (destination.is_empty(), peer(&index, &flow.source, family))
                {
                    zones[*zone].inbound.push(NsgRule {
                        flows: vec![flow],
                        family,
                        source,
                        destination: Side::Prefixes(destination),
                    });
                }
            }
            for &zone in &leaving {
                // Traffic leaving a zone in a family it has no address of cannot exist.
                if !zone_families[zone][usize::from(family == Family::V6)] {
                    continue;
                }
                let source = match &flow.source {
                    Endpoint::Any => Side::Any,
                    Endpoint::Zone { cidrs, .. } => {
                        let nets = nets_of(cidrs, family);
                        if nets.is_empty() {
                            continue;
                        }
                        Side::Prefixes(nets)
                    }
                    other => match peer(&index, other, family) {
                        Some(side) => side,
                        None => continue,
                    },
                };
                if let Some(destination) = peer(&index, &flow.destination, family) {
                    zones[zone].outbound.push(NsgRule {
                        flows: vec![flow],
                        family,
                        source,
                        destination,
                    });
                }
            }
        }
    }

    // Application security groups: the plan groups rules name.
    let mut asg_keys: HashMap<String, String> = HashMap::default();
    for zone in &zones {
        for rule in zone.inbound.iter().chain(&zone.outbound) {
            for side in [&rule.source, &rule.destination] {
                if let Side::Asg(group) = side
                    && !asg_keys.contains_key(group)
                {
                    asg_keys.insert(
                        group.clone(),
                        format!(
                            "group_{}",
                            quote::ident(group, |c| c.is_ascii_alphanumeric(), '_', 48, true)
                        ),
                    );
                }
            }
        }
    }
    for group in plan.groups.iter().filter(|g| asg_keys.contains_key(&*g.name)) {
        let key = &asg_keys[&*group.name];
        let _ = writeln!(text, "resource \"azurerm_application_security_group\" \"{key}\" {{");
        let _ = writeln!(
            text,
            "  name                = {}",
            quote::hcl_string(&format!("portolan-{}", quote::file_slug(&group.name)))
        );
        let _ = writeln!(text, "  location            = var.location");
        let _ = writeln!(text, "  resource_group_name = var.resource_group_name");
        let _ = writeln!(
            text,
            "  tags = {{\n    \"managed-by\" = \"portolan\"\n    \"portolan-group\" = {}\n  }}",
            quote::hcl_string(&quote::safe_comment(&group.name, 256))
        );
        let _ = writeln!(text, "}}\n");
    }

    for zone in &mut zones {
        zone.inbound = merge(std::mem::take(&mut zone.inbound));
        zone.outbound = merge(std::mem::take(&mut zone.outbound));
    }
    for zone in &zones {
        let (inbound, outbound) = (&zone.inbound, &zone.outbound);
        let key = quote::ident(&zone.name, |c| c.is_ascii_alphanumeric(), '_', 48, true);
        let _ = writeln!(text, "resource \"azurerm_network_security_group\" \"zone_{key}\" {{");
        let _ = writeln!(
            text,
            "  name                = {}",
            quote::hcl_string(&format!("portolan-{}", quote::file_slug(&zone.name)))
        );
        let _ = writeln!(text, "  location            = var.location");
        let _ = writeln!(text, "  resource_group_name = var.resource_group_name");
        for (direction, rules) in [("Inbound", &inbound), ("Outbound", &outbound)] {
            let capacity = (DENY_PRIORITY - FIRST_PRIORITY) as usize;
            if rules.len() > capacity {
                let mut dropped: Vec<String> =
                    rules[capacity..].iter().flat_map(NsgRule::requirements).collect();
                crate::order::sort_dedup(&mut dropped);
                out.note(
                    EmitNoteKind::Limit,
                    SPEC.name,
                    format!("zone {}: {} {} rules do not fit priorities {FIRST_PRIORITY}-{}: the last {} are not emitted", zone.name, rules.len(), direction.to_ascii_lowercase(), DENY_PRIORITY - 1, rules.len() - capacity),
                    &dropped,
                );
            }
            for (i, rule) in rules.iter().take(capacity).enumerate() {
                let priority = FIRST_PRIORITY + i as u32;
                let flow = rule.flow();
                let _ = writeln!(text, "\n  {}", quote::hash_comment(&rule.summary()));
                let _ = writeln!(text, "  security_rule {{");
                let _ = writeln!(
                    text,
                    "    name                       = \"{}-{priority}-{}\"",
                    direction.to_ascii_lowercase(),
                    if rule.family == Family::V4 { "v4" } else { "v6" }
                );
                let _ = writeln!(
                    text,
                    "    description                = {}",
                    quote::hcl_string(&quote::safe_comment(&rule.requirements().join(" "), 140))
                );
                let _ = writeln!(text, "    priority                   = {priority}");
                let _ = writeln!(text, "    direction                  = \"{direction}\"");
                let _ = writeln!(text, "    access                     = \"Allow\"");
                let _ = writeln!(
                    text,
                    "    protocol                   = \"{}\"",
                    if flow.transport == Transport::Tcp { "Tcp" } else { "Udp" }
                );
                let _ = writeln!(text, "    source_port_range          = \"*\"");
                let _ = writeln!(text, "    destination_port_range     = \"{}\"", flow.ports);
                side(&mut text, "source", &rule.source, &asg_keys);
                side(&mut text, "destination", &rule.destination, &asg_keys);
                let _ = writeln!(text, "  }}");
            }
            let _ = writeln!(text, "\n  security_rule {{");
            let _ = writeln!(
                text,
                "    name                       = \"portolan-deny-all-{}\"",
                direction.to_ascii_lowercase()
            );
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
        let _ = writeln!(
            text,
            "\n  tags = {{\n    \"managed-by\" = \"portolan\"\n    \"portolan-zone\" = {}\n  }}",
            quote::hcl_string(&quote::safe_comment(&zone.name, 256))
        );
        let _ = writeln!(text, "}}\n");
    }
    if !asg_keys.is_empty() {
        let _ = writeln!(text, "output \"portolan_nic_application_security_groups\" {{");
        let _ = writeln!(
            text,
            "  description = \"Per host: the application security groups to associate with its NIC\""
        );
        let _ = writeln!(text, "  value = {{");
        for host in &topology.hosts {
            let ids: Vec<String> = index
                .groups_of(&host.name)
                .iter()
                .filter_map(|g| asg_keys.get(*g))
                .map(|key| format!("azurerm_application_security_group.{key}.id"))
                .collect();
            let _ = writeln!(text, "    {} = [{}]", quote::hcl_string(&host.name), ids.join(", "));
        }
        let _ = writeln!(text, "  }}\n}}\n");
    }
    out.file(format!("azure-nsg/{}.tf", quote::file_slug(&name)), text);
    Ok(())
}
