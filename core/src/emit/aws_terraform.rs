//! AWS security groups as Terraform. Every flow is written once: its ingress on the security
//! group of each destination host, its egress on the group of its source: the host's own
//! group, the *membership* group of a plan group (attached to every member; host groups
//! reference it as a peer), or the group of a zone (attached to every instance in the zone;
//! it also carries the egress of flows from any address). Only host groups reference other
//! groups, so references never form a cycle. The `portolan_instance_security_groups` output
//! lists, per host, the groups to attach. Security groups are stateful and deny by
//! default; Terraform removes AWS's default allow-all egress rule, so egress is exactly the
//! planned flows.
//!
//! Limits: AWS allows 60 inbound and 60 outbound rules per group by default (each CIDR or
//! referenced group is one rule, IPv4 and IPv6 counted separately); a host whose rules do not
//! fit gets several groups (`…-1`, `…-2`), and more than [`MAX_GROUPS_PER_INSTANCE`] groups on
//! one instance is reported. SCTP cannot be limited to ports in a security group: reported.

use std::fmt::Write as _;

use ipnet::IpNet;

use rustc_hash::FxHashMap as HashMap;

use super::hostfw::{Family, nets_of};
use super::index::{self, PlanIndex, ZoneOwners};
use super::{EmitError, EmitNoteKind, Emitted, Input, Scope, Spec, quote};
use crate::model::{PortRange, Transport};
use crate::plan::{Endpoint, Flow, HostRef};

pub const SPEC: Spec = Spec {
    name: "aws-terraform",
    description: "AWS security groups (Terraform), per host plus membership groups",
    scope: Scope::Network,
    emit,
};

pub const RULES_PER_GROUP: usize = 60;
pub const MAX_GROUPS_PER_INSTANCE: usize = 5;

/// The other side of an AWS rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Peer {
    Cidr(IpNet),
    /// A membership security group, by plan group name.
    Group(String),
    /// The instances of the rule's own (membership) group: `self = true`.
    Members,
}

/// One allow rule: a port range and transport to or from some peers. Flows with the same
/// ports and transport on one group are merged into one rule (their peers united and
/// aggregated), so a group holds as few rules as the flows allow.
#[derive(Debug, Clone)]
pub struct Rule<'p> {
    /// The flows behind the rule, in plan order; never empty.
    pub flows: Vec<&'p Flow>,
    pub transport: Transport,
    pub ports: PortRange,
    pub peers: Vec<Peer>,
}

impl Rule<'_> {
    /// AWS rule description: its charset, at most 255. A merged rule names every requirement
    /// id (the `#` line above it names its flows).
    pub fn description(&self) -> String {
        match self.flows.as_slice() {
            [flow] => {
                aws_text(&format!("{} {}", flow.requirements.join(" "), flow.justification), 255)
            }
            flows => {
                let mut ids: Vec<&str> =
                    flows.iter().flat_map(|f| f.requirements.iter().map(String::as_str)).collect();
                crate::order::sort_dedup(&mut ids);
                aws_text(&format!("{} ({} flows)", ids.join(" "), flows.len()), 255)
            }
        }
    }

    /// `source -> destination` of its flow, or of its first flows and how many there are.
    pub fn summary(&self) -> String {
        let pair = |f: &Flow| format!("{} -> {}", f.source.label(), f.destination.label());
        match self.flows.as_slice() {
            [flow] => pair(flow),
            flows => {
                let shown: Vec<String> = flows.iter().take(3).map(|f| pair(f)).collect();
                let more = flows.len().saturating_sub(3);
                if more > 0 {
                    format!("{}; and {more} more flows", shown.join("; "))
                } else {
                    shown.join("; ")
                }
            }
        }
    }

    fn count(&self, family: Family) -> usize {
        self.peers
            .iter()
            .filter(|p| match p {
                Peer::Cidr(net) => Family::of(net) == family,
                Peer::Group(_) | Peer::Members => family == Family::V4,
            })
            .count()
    }
}

/// What a security group stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GroupKind {
    /// One host: the flows to it, and its own egress.
    Host,
    /// A plan group (attach to every member): the egress of flows from the group; ingress
    /// rules of host groups reference it as a peer.
    Membership,
    /// A zone (attach to every instance in it): the egress of flows from the zone or from any.
    Zone,
}

impl GroupKind {
    /// In words, for descriptions.
    pub fn label(self) -> &'static str {
        match self {
            GroupKind::Host => "host",
            GroupKind::Membership => "membership group",
            GroupKind::Zone => "zone",
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            GroupKind::Host => "host",
            GroupKind::Membership => "group",
            GroupKind::Zone => "zone",
        }
    }
}

/// One security group to create.
#[derive(Debug, Clone)]
pub struct Group<'p> {
    /// Host name, plan group name or zone name.
    pub owner: String,
    pub kind: GroupKind,
    /// 1-based part when the rules are split.
    pub part: usize,
    pub ingress: Vec<Rule<'p>>,
    pub egress: Vec<Rule<'p>>,
}

impl Group<'_> {
    pub fn is_membership(&self) -> bool {
        self.kind == GroupKind::Membership
    }

    /// Terraform resource name / CloudFormation logical id stem.
    pub fn key(&self) -> String {
        let kind = self.kind.as_str();
        let stem = quote::ident(&self.owner, |c| c.is_ascii_alphanumeric(), '_', 48, true);
        if self.part > 1 {
            format!("{kind}_{stem}_{}", self.part)
        } else {
            format!("{kind}_{stem}")
        }
    }

    /// The GroupName (unique in the VPC).
    pub fn name(&self, topology: &str) -> String {
        let kind = self.kind.as_str();
        let part = if self.part > 1 { format!("-{}", self.part) } else { String::new() };
        format!(
            "portolan-{}-{kind}-{}{part}",
            quote::ident(topology, |c| c.is_ascii_alphanumeric(), '-', 24, true),
            quote::file_slug(&self.owner)
        )
    }

    pub fn description(&self, topology: &str) -> String {
        let text = match self.kind {
            GroupKind::Membership => format!(
                "Portolan membership group {} (attach to every member; egress of the group), topology {topology}",
                self.owner
            ),
            GroupKind::Zone => format!(
                "Portolan zone {} (attach to every instance in it; egress of the zone), topology {topology}",
                self.owner
            ),
            GroupKind::Host => {
                format!("Portolan rules for host {}, topology {topology}", self.owner)
            }
        };
        aws_text(&text, 255)
    }
}

/// Text in the charset AWS accepts for descriptions (`a-zA-Z0-9. _-:/()#,@[]+=&;{}!$*`), other
/// characters as `_`, at most `max`.
pub fn aws_text(text: &str, max: usize) -> String {
    let mapped: String = crate::text::one_line(text)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ". _-:/()#,@[]+=&;{}!$*".contains(c) { c } else { '_' }
        })
        .collect();
    crate::text::truncate(&mapped, max).to_owned()
}

/// The peers of `endpoint` for groups whose instances have addresses of `families`. A plan
/// group is a reference to its membership group only where `by_reference` (references are
/// made from host groups alone, so no two groups ever reference each other: no cycles).
fn peers(
    index: &PlanIndex<'_>,
    endpoint: &Endpoint,
    families: &[Family],
    by_reference: bool,
) -> Vec<Peer> {
    match endpoint {
        Endpoint::Group { name } if by_reference => vec![Peer::Group(name.to_string())],
        Endpoint::Any => families
            .iter()
            .map(|f| {
                Peer::Cidr(match f {
                    Family::V4 => IpNet::V4(Default::default()),
                    Family::V6 => IpNet::V6(Default::default()),
                })
            })
            .collect(),
        _ => {
            let nets = index.networks(endpoint).unwrap_or_default();
            families.iter().flat_map(|f| nets_of(&nets, *f)).map(Peer::Cidr).collect()
        }
    }
}

/// The address families of some hosts.
fn families_of<'a>(hosts: impl IntoIterator<Item = &'a HostRef>) -> Vec<Family> {
    let mut found = [false, false];
    for host in hosts {
        for address in &host.addresses {
            found[usize::from(address.is_ipv6())] = true;
        }
    }
    Family::BOTH.into_iter().filter(|f| found[usize::from(*f == Family::V6)]).collect()
}

/// The rules of one group before splitting.
struct Draft<'p> {
    owner: String,
    kind: GroupKind,
    /// A membership group's members, by name.
    members: Vec<&'p str>,
    families: Vec<Family>,
    ingress: Vec<Rule<'p>>,
    egress: Vec<Rule<'p>>,
}

impl<'p> Draft<'p> {
    fn new(owner: &str, kind: GroupKind, families: Vec<Family>) -> Self {
        Self {
            owner: owner.to_owned(),
            kind,
            members: Vec::new(),
            families,
            ingress: Vec::new(),
            egress: Vec::new(),
        }
    }

    fn add(&mut self, index: &PlanIndex<'_>, flow: &'p Flow, egress: bool) {
        let (peer, list) = if egress {
            (&flow.destination, &mut self.egress)
        } else {
            (&flow.source, &mut self.ingress)
        };
        let peers = peers(index, peer, &self.families, self.kind == GroupKind::Host);
        if !peers.is_empty() {
            list.push(Rule {
                flows: vec![flow],
                transport: flow.transport,
                ports: flow.ports,
                peers,
            });
        }
    }
}

/// The zone groups an instance gets: the zones its addresses belong to (most specific zone), or
/// its declared zone when none holds them.
fn zones_of<'t>(owners: &ZoneOwners<'_>, zones: &[&'t str], host: &HostRef) -> Vec<&'t str> {
    let own = owners.zones_of(host);
    zones.iter().copied().filter(|zone| own.contains(zone)).collect()
}

/// The security groups of the topology, split to the rule limit; notes for what cannot be
/// expressed or does not fit. Ingress lives on the destination host's group; egress on the
/// group of the flow's source (host, membership or zone), so every flow is written once.
pub fn model<'p>(input: &Input<'p>, out: &mut Emitted, target: &str) -> Vec<Group<'p>> {
    let plan = input.plan;
    let topology = input.topology;
    let index = PlanIndex::new(plan);
    let hosts: Vec<HostRef> = topology.hosts.iter().map(HostRef::from_host).collect();
    let host_position: HashMap<&str, usize> =
        hosts.iter().enumerate().map(|(i, h)| (h.name.as_str(), i)).collect();
    let zones = index::zone_names(topology);
    let owners = ZoneOwners::new(topology);
    let zone_position: HashMap<&str, usize> =
        zones.iter().enumerate().map(|(i, z)| (*z, i)).collect();
    let zone_members: Vec<Vec<&HostRef>> = {
        let mut members = vec![Vec::new(); zones.len()];
        for host in &hosts {
            for zone in zones_of(&owners, &zones, host) {
                if let Some(&i) = zone_position.get(zone) {
                    members[i].push(host);
                }
            }
        }
        members
    };
    let mut host_drafts: Vec<Draft<'p>> =
        hosts.iter().map(|h| Draft::new(&h.name, GroupKind::Host, families_of([h]))).collect();
    let mut group_drafts: Vec<Draft<'p>> = plan
        .groups
        .iter()
        .map(|g| {
            Draft::new(&g.name, GroupKind::Membership, families_of(g.members.iter().map(|m| &**m)))
        })
        .collect();
    let group_position: HashMap<&str, usize> =
        plan.groups.iter().enumerate().map(|(i, g)| (g.name.as_str(), i)).collect();
    let mut zone_drafts: Vec<Draft<'p>> = zones
        .iter()
        .zip(&zone_members)
        .map(|(z, m)| Draft::new(z, GroupKind::Zone, families_of(m.iter().copied())))
        .collect();

    for flow in &plan.flows {
        if flow.transport == Transport::Sctp {
            out.note(
                EmitNoteKind::NotExpressible,
                target,
                format!(
                    "security groups cannot limit SCTP to ports: {} -> {} {}/sctp not emitted",
                    flow.source.label(),
                    flow.destination.label(),
                    flow.ports
                ),
                &flow.requirements,
            );
            continue;
        }
        // Ingress: on each destination host.
        for host in index.hosts(&flow.destination) {
            if let Some(&i) = host_position.get(host.name.as_str()) {
                host_drafts[i].add(&index, flow, false);
            }
        }
        // Egress: on the source's own group.
        match &flow.source {
            Endpoint::Host(host) => {
                let to_itself =
                    matches!(&flow.destination, Endpoint::Host(h) if h.name == host.name);
                if let (false, Some(&i)) = (to_itself, host_position.get(host.name.as_str())) {
                    host_drafts[i].add(&index, flow, true);
                }
            }
            Endpoint::Group { name } => {
                if let Some(&i) = group_position.get(&**name) {
                    group_drafts[i].add(&index, flow, true);
                }
            }
            Endpoint::Zone { name, .. } => {
                if let Some(&i) = zone_position.get(&**name) {
                    zone_drafts[i].add(&index, flow, true);
                } else {
                    out.note(
                        EmitNoteKind::NotExpressible,
                        target,
                        format!("zone {name} is not a zone of the topology: egress of {} -> {} {}/{} not emitted", flow.source.label(), flow.destination.label(), flow.ports, flow.transport),
                        &flow.requirements,
                    );
                }
            }
            Endpoint::Any => {
                for draft in &mut zone_drafts {
                    draft.add(&index, flow, true);
                }
            }
        }
    }

    let mut groups = Vec::new();
    let mut parts_of = |draft: Draft<'p>, keep_empty: bool| -> usize {
        let ingress = split(merge(draft.ingress, &[]));
        let egress = split(merge(draft.egress, &draft.members));
        if ingress.is_empty() && egress.is_empty() && !keep_empty {
            return 0;
        }
        let parts = ingress.len().max(egress.len()).max(1);
        let mut ingress = ingress.into_iter();
        let mut egress = egress.into_iter();
        for part in 1..=parts {
            groups.push(Group {
                owner: draft.owner.clone(),
                kind: draft.kind,
                part,
                ingress: ingress.next().unwrap_or_default(),
                egress: egress.next().unwrap_or_default(),
            });
        }
        parts
    };
    let host_parts: Vec<usize> = host_drafts.into_iter().map(|d| parts_of(d, true)).collect();
    let group_parts: Vec<usize> = group_drafts.into_iter().map(|d| parts_of(d, true)).collect();
    let zone_parts: Vec<usize> = zone_drafts.into_iter().map(|d| parts_of(d, false)).collect();

    for (host, parts) in hosts.iter().zip(&host_parts) {
        let memberships: usize = index
            .groups_of(&host.name)
            .iter()
            .filter_map(|g| group_position.get(g))
            .map(|&i| group_parts[i])
            .sum();
        let zone_count: usize = zones_of(&owners, &zones, host)
            .iter()
            .filter_map(|z| zone_position.get(z))
            .map(|&i| zone_parts[i])
            .sum();
        let total = parts + memberships + zone_count;
        if total > MAX_GROUPS_PER_INSTANCE {
            out.note(
                EmitNoteKind::Limit,
                target,
                format!(
                    "host {} needs {total} security groups ({parts} for its rules, {memberships} memberships, {zone_count} for its zone), more than the {MAX_GROUPS_PER_INSTANCE} an instance takes by default: raise the quota",
                    host.name
                ),
                &[],
            );
        }
    }
    groups
}

/// Per host, in topology order: the groups its instance needs, as (kind, owner) — every part
/// of each owner's group is attached.
pub fn instance_groups<'t>(
    input: &Input<'t>,
    groups: &[Group<'_>],
) -> Vec<(&'t str, Vec<(GroupKind, String)>)> {
    let index = PlanIndex::new(input.plan);
    let present: rustc_hash::FxHashSet<(GroupKind, &str)> =
        groups.iter().map(|g| (g.kind, g.owner.as_str())).collect();
    let zones = index::zone_names(input.topology);
    let zone_owners = ZoneOwners::new(input.topology);
    let mut list = Vec::new();
    for host in &input.topology.hosts {
        let href = HostRef::from_host(host);
        let mut owners = vec![(GroupKind::Host, host.name.clone())];
        owners.extend(
            index.groups_of(&host.name).iter().map(|g| (GroupKind::Membership, (*g).to_owned())),
        );
        owners.extend(
            zones_of(&zone_owners, &zones, &href)
                .into_iter()
                .map(|z| (GroupKind::Zone, z.to_owned())),
        );
        owners.retain(|(kind, owner)| present.contains(&(*kind, owner.as_str())));
        list.push((host.name.as_str(), owners));
    }
    list
}

/// Merges rules of the same transport and ports (in order of first appearance): their flows
/// listed, their peers united, CIDRs aggregated per family (exact: no address is added). On a
/// membership group, a rule whose flows go exactly to the group's own members (a cluster's
/// internal traffic) becomes one self reference instead of a CIDR per member.
fn merge<'p>(rules: Vec<Rule<'p>>, members: &[&str]) -> Vec<Rule<'p>> {
    let mut merged: Vec<Rule<'_>> = Vec::new();
    let mut position: HashMap<(Transport, PortRange), usize> = HashMap::default();
    for rule in rules {
        match position.get(&(rule.transport, rule.ports)) {
            Some(&i) => {
                merged[i].flows.extend(rule.flows);
                merged[i].peers.extend(rule.peers);
            }
            None => {
                position.insert((rule.transport, rule.ports), merged.len());
                merged.push(rule);
            }
        }
    }
    for rule in &mut merged {
        if to_members_only(rule, members) {
            let v6 = rule.peers.iter().filter(|p| matches!(p, Peer::Cidr(IpNet::V6(_)))).cloned();
            rule.peers = std::iter::once(Peer::Members).chain(v6).collect();
            continue;
        }
        if rule.flows.len() == 1 {
            continue;
        }
        let nets: Vec<IpNet> = rule
            .peers
            .iter()
            .filter_map(|p| if let Peer::Cidr(n) = p { Some(*n) } else { None })
            .collect();
        let mut groups: Vec<Peer> = Vec::new();
        for peer in &rule.peers {
            if matches!(peer, Peer::Group(_)) && !groups.contains(peer) {
                groups.push(peer.clone());
            }
        }
        let mut peers: Vec<Peer> =
            Family::BOTH.into_iter().flat_map(|f| nets_of(&nets, f)).map(Peer::Cidr).collect();
        peers.extend(groups);
        rule.peers = peers;
    }
    merged
}

/// True when the rule's flows go to hosts of `members` and reach every one of them.
fn to_members_only(rule: &Rule<'_>, members: &[&str]) -> bool {
    if members.len() < 2 {
        return false;
    }
    let members: rustc_hash::FxHashSet<&str> = members.iter().copied().collect();
    let mut reached: Vec<&str> = Vec::with_capacity(rule.flows.len());
    for flow in &rule.flows {
        match &flow.destination {
            Endpoint::Host(h) if members.contains(&*h.name) => reached.push(&h.name),
            _ => return false,
        }
    }
    crate::order::sort_dedup(&mut reached);
    reached.len() == members.len()
}

/// Splits rules into chunks of at most [`RULES_PER_GROUP`] entries per family (a rule with
/// more peers than that is itself split).
fn split(rules: Vec<Rule<'_>>) -> Vec<Vec<Rule<'_>>> {
    let mut pieces = Vec::new();
    for rule in rules {
        if rule.count(Family::V4) <= RULES_PER_GROUP && rule.count(Family::V6) <= RULES_PER_GROUP {
            pieces.push(rule);
            continue;
        }
        for chunk in rule.peers.chunks(RULES_PER_GROUP) {
            pieces.push(Rule { peers: chunk.to_vec(), ..rule.clone() });
        }
    }
    let mut chunks: Vec<Vec<Rule<'_>>> = Vec::new();
    let mut current: Vec<Rule<'_>> = Vec::new();
    let (mut v4, mut v6) = (0, 0);
    for rule in pieces {
        let (a, b) = (rule.count(Family::V4), rule.count(Family::V6));
        if v4 + a > RULES_PER_GROUP || v6 + b > RULES_PER_GROUP {
            chunks.push(std::mem::take(&mut current));
            (v4, v6) = (0, 0);
        }
        v4 += a;
        v6 += b;
        current.push(rule);
    }
    if !current.is_empty() {
        chunks.push(current);
    }
    chunks
}

fn emit(input: &Input<'_>, out: &mut Emitted) -> Result<(), EmitError> {
    let topology = super::topology_name(input.topology);
    let groups = model(input, out, SPEC.name);
    let membership_keys: HashMap<&str, String> = groups
        .iter()
        .filter(|g| g.is_membership() && g.part == 1)
        .map(|g| (g.owner.as_str(), g.key()))
        .collect();
    let key_of = |name: &str| membership_keys.get(name).cloned().unwrap_or_default();
    let mut text = String::new();
    let _ = writeln!(
        text,
        "{}",
        quote::hash_comment(&format!("Portolan: AWS security groups for topology {topology}"))
    );
    for line in super::safety::network_header(SPEC.name, input.plan, out) {
        let _ = writeln!(text, "{}", quote::hash_comment(&line));
    }
    let _ = writeln!(
        text,
        "# One group per host (attach it to the host's instance: the flows to it, its own egress), one"
    );
    let _ = writeln!(
        text,
        "# membership group per plan group (attach it to every member: the group's egress) and one"
    );
    let _ = writeln!(
        text,
        "# group per zone with egress (attach it to the zone's instances: egress of the zone and of any)."
    );
    let _ = writeln!(
        text,
        "# The output portolan_instance_security_groups lists them per host. Each rule's description"
    );
    let _ = writeln!(text, "# names its requirement ids.\n");
    let _ = writeln!(
        text,
        "variable \"vpc_id\" {{\n  type        = string\n  description = \"VPC of the instances\"\n}}\n"
    );
    for group in &groups {
        let _ = writeln!(text, "resource \"aws_security_group\" \"{}\" {{", group.key());
        let _ = writeln!(text, "  name        = {}", quote::hcl_string(&group.name(&topology)));
        let _ =
            writeln!(text, "  description = {}", quote::hcl_string(&group.description(&topology)));
        let _ = writeln!(text, "  vpc_id      = var.vpc_id");
        for (block, rules) in [("ingress", &group.ingress), ("egress", &group.egress)] {
            for rule in rules {
                let _ = writeln!(text, "\n  {}", quote::hash_comment(&rule.summary()));
                let _ = writeln!(text, "  {block} {{");
                let _ = writeln!(
                    text,
                    "    description      = {}",
                    quote::hcl_string(&rule.description())
                );
                let _ = writeln!(text, "    protocol         = \"{}\"", rule.transport.as_str());
                let _ = writeln!(text, "    from_port        = {}", rule.ports.start());
                let _ = writeln!(text, "    to_port          = {}", rule.ports.end());
                let list = |family: Family| {
                    rule.peers
                        .iter()
                        .filter_map(|p| match p {
                            Peer::Cidr(n) if Family::of(n) == family => {
                                Some(quote::hcl_string(&n.to_string()))
                            }
                            _ => None,
                        })
                        .collect::<Vec<_>>()
                };
                let (v4, v6) = (list(Family::V4), list(Family::V6));
                let sgs: Vec<String> = rule
                    .peers
                    .iter()
                    .filter_map(|p| match p {
                        Peer::Group(g) => Some(format!("aws_security_group.{}.id", key_of(g))),
                        Peer::Cidr(_) | Peer::Members => None,
                    })
                    .collect();
                if !v4.is_empty() {
                    let _ = writeln!(text, "    cidr_blocks      = [{}]", v4.join(", "));
                }
                if !v6.is_empty() {
                    let _ = writeln!(text, "    ipv6_cidr_blocks = [{}]", v6.join(", "));
                }
                if !sgs.is_empty() {
                    let _ = writeln!(text, "    security_groups  = [{}]", sgs.join(", "));
                }
                if rule.peers.contains(&Peer::Members) {
                    let _ = writeln!(text, "    self             = true");
                }
                let _ = writeln!(text, "  }}");
            }
        }
        let _ = writeln!(
            text,
            "\n  tags = {{\n    \"managed-by\" = \"portolan\"\n    \"portolan-owner\" = {}\n  }}",
            quote::hcl_string(&aws_text(&group.owner, 255))
        );
        let _ = writeln!(text, "}}\n");
    }
    // Each owner's groups (one, or its parts when its rules were split) once, as a list; the
    // per-host output names these lists, so it stays one short line per host.
    let mut owner_ids: HashMap<(GroupKind, &str), String> = HashMap::default();
    let mut parts: Vec<(String, Vec<String>)> = Vec::new();
    for group in &groups {
        let id = format!("aws_security_group.{}.id", group.key());
        if group.part == 1 {
            owner_ids.insert((group.kind, group.owner.as_str()), format!("[{id}]"));
            parts.push((group.key(), vec![id]));
        } else if let Some(last) = parts.last_mut() {
            last.1.push(id);
            owner_ids.insert((group.kind, group.owner.as_str()), format!("local.{}_all", last.0));
        }
    }
    let split: Vec<&(String, Vec<String>)> =
        parts.iter().filter(|(_, ids)| ids.len() > 1).collect();
    if !split.is_empty() {
        let _ = writeln!(text, "locals {{");
        for (key, ids) in split {
            let _ = writeln!(text, "  {key}_all = [{}]", ids.join(", "));
        }
        let _ = writeln!(text, "}}\n");
    }
    let _ = writeln!(text, "output \"portolan_instance_security_groups\" {{");
    let _ = writeln!(
        text,
        "  description = \"Per host: the security groups to attach to its instance\""
    );
    let _ = writeln!(text, "  value = {{");
    for (host, owners) in instance_groups(input, &groups) {
        let ids: Vec<String> = owners
            .iter()
            .map(|owner| owner_ids.get(&(owner.0, owner.1.as_str())).cloned().unwrap_or_default())
            .collect();
        let _ = writeln!(text, "    {} = concat({})", quote::hcl_string(host), ids.join(", "));
    }
    let _ = writeln!(text, "  }}\n}}");
    out.file(format!("aws-terraform/{}.tf", quote::file_slug(&topology)), text);
    Ok(())
}
