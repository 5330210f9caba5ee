//! AWS security groups as Terraform: one security group per host (its inbound and outbound
//! flows) and one empty *membership* group per plan group, referenced by rules whose peer is
//! that group (attach it to every member instance: the `portolan_instance_security_groups`
//! output lists, per host, the groups to attach). Security groups are stateful and deny by
//! default; Terraform removes AWS's default allow-all egress rule, so egress is exactly the
//! planned flows.
//!
//! Limits: AWS allows 60 inbound and 60 outbound rules per group by default (each CIDR or
//! referenced group is one rule, IPv4 and IPv6 counted separately); a host whose rules do not
//! fit gets several groups (`…-1`, `…-2`), and more than [`MAX_GROUPS_PER_INSTANCE`] groups on
//! one instance is reported. SCTP cannot be limited to ports in a security group: reported.

use std::fmt::Write as _;

use ipnet::IpNet;

use super::hostfw::{Family, nets_of};
use super::{EmitError, EmitNoteKind, Emitted, Input, Scope, Spec, quote};
use crate::model::{PortRange, Transport};
use crate::plan::{Endpoint, Flow, FlowPlan, HostRef};

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
}

#[derive(Debug, Clone)]
pub struct Rule<'p> {
    pub flow: &'p Flow,
    pub transport: Transport,
    pub ports: PortRange,
    pub peers: Vec<Peer>,
}

impl Rule<'_> {
    /// AWS rule description: its charset, at most 255.
    pub fn description(&self) -> String {
        aws_text(&format!("{} {}", self.flow.requirements.join(" "), self.flow.justification), 255)
    }

    fn count(&self, family: Family) -> usize {
        self.peers
            .iter()
            .filter(|p| match p {
                Peer::Cidr(net) => Family::of(net) == family,
                Peer::Group(_) => family == Family::V4,
            })
            .count()
    }
}

/// One security group to create.
#[derive(Debug, Clone)]
pub struct Group<'p> {
    /// Host name or plan group name.
    pub owner: String,
    pub is_membership: bool,
    /// 1-based part when a host's rules are split.
    pub part: usize,
    pub ingress: Vec<Rule<'p>>,
    pub egress: Vec<Rule<'p>>,
}

impl Group<'_> {
    /// Terraform resource name / CloudFormation logical id stem.
    pub fn key(&self) -> String {
        let kind = if self.is_membership { "group" } else { "host" };
        let stem = quote::ident(&self.owner, |c| c.is_ascii_alphanumeric(), '_', 48, true);
        if self.part > 1 { format!("{kind}_{stem}_{}", self.part) } else { format!("{kind}_{stem}") }
    }

    /// The GroupName (unique in the VPC).
    pub fn name(&self, topology: &str) -> String {
        let kind = if self.is_membership { "group" } else { "host" };
        let part = if self.part > 1 { format!("-{}", self.part) } else { String::new() };
        format!("portolan-{}-{kind}-{}{part}", quote::ident(topology, |c| c.is_ascii_alphanumeric(), '-', 24, true), quote::file_slug(&self.owner))
    }

    pub fn description(&self, topology: &str) -> String {
        let text = if self.is_membership {
            format!("Portolan membership group {} (attach to every member), topology {topology}", self.owner)
        } else {
            format!("Portolan rules for host {}, topology {topology}", self.owner)
        };
        aws_text(&text, 255)
    }
}

/// Text in the charset AWS accepts for descriptions (`a-zA-Z0-9. _-:/()#,@[]+=&;{}!$*`), other
/// characters as `_`, at most `max`.
pub fn aws_text(text: &str, max: usize) -> String {
    let mapped: String = quote::one_line(text)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || ". _-:/()#,@[]+=&;{}!$*".contains(c) { c } else { '_' })
        .collect();
    quote::truncate(&mapped, max).to_owned()
}

fn contains(plan: &FlowPlan, endpoint: &Endpoint, host: &HostRef) -> bool {
    match endpoint {
        Endpoint::Any => true,
        Endpoint::Host(h) => h.name == host.name,
        Endpoint::Group { .. } => plan.hosts(endpoint).iter().any(|m| m.name == host.name),
        Endpoint::Zone { cidrs, .. } => host.addresses.iter().any(|a| cidrs.iter().any(|c| c.contains(a))),
    }
}

/// The peers of `endpoint` for a host with addresses of `families`.
fn peers(plan: &FlowPlan, endpoint: &Endpoint, families: &[Family]) -> Vec<Peer> {
    match endpoint {
        Endpoint::Group { name } => vec![Peer::Group(name.to_string())],
        Endpoint::Any => families
            .iter()
            .map(|f| Peer::Cidr(match f {
                Family::V4 => "0.0.0.0/0".parse().unwrap_or_default(),
                Family::V6 => "::/0".parse().unwrap_or_default(),
            }))
            .collect(),
        _ => {
            let nets = plan.networks(endpoint).unwrap_or_default();
            families.iter().flat_map(|f| nets_of(&nets, *f)).map(Peer::Cidr).collect()
        }
    }
}

/// The security groups of the topology, split to the rule limit; notes for what cannot be
/// expressed or does not fit.
pub fn model<'p>(input: &Input<'p>, out: &mut Emitted, target: &str) -> Vec<Group<'p>> {
    let plan = input.plan;
    let mut groups = Vec::new();
    for host in &input.topology.hosts {
        let href = HostRef::from_host(host);
        let families: Vec<Family> = Family::BOTH.into_iter().filter(|f| !nets_of(&href.addresses.iter().map(|a| IpNet::from(*a)).collect::<Vec<_>>(), *f).is_empty()).collect();
        let mut ingress = Vec::new();
        let mut egress = Vec::new();
        for flow in &plan.flows {
            let inbound = matches!(flow.destination, Endpoint::Host(_) | Endpoint::Group { .. }) && contains(plan, &flow.destination, &href);
            let outbound = contains(plan, &flow.source, &href) && !matches!(&flow.destination, Endpoint::Host(h) if h.name == host.name);
            if !(inbound || outbound) {
                continue;
            }
            if flow.transport == Transport::Sctp {
                out.note(
                    EmitNoteKind::NotExpressible,
                    target,
                    format!(
                        "security groups cannot limit SCTP to ports: {} -> {} {}/sctp not emitted for host {}",
                        flow.source.label(),
                        flow.destination.label(),
                        flow.ports,
                        host.name
                    ),
                    &flow.requirements,
                );
                continue;
            }
            if inbound {
                let peers = peers(plan, &flow.source, &families);
                if !peers.is_empty() {
                    ingress.push(Rule { flow, transport: flow.transport, ports: flow.ports, peers });
                }
            }
            if outbound {
                let peers = peers(plan, &flow.destination, &families);
                if !peers.is_empty() {
                    egress.push(Rule { flow, transport: flow.transport, ports: flow.ports, peers });
                }
            }
        }
        let ingress = split(ingress);
        let egress = split(egress);
        let parts = ingress.len().max(egress.len()).max(1);
        let memberships = plan.groups.iter().filter(|g| g.members.iter().any(|m| m.name == host.name)).count();
        if parts + memberships > MAX_GROUPS_PER_INSTANCE {
            out.note(
                EmitNoteKind::Limit,
                target,
                format!(
                    "host {} needs {} security groups ({parts} for its rules, {memberships} memberships), more than the {MAX_GROUPS_PER_INSTANCE} an instance takes by default: raise the quota",
                    host.name,
                    parts + memberships
                ),
                &[],
            );
        }
        let mut ingress = ingress.into_iter();
        let mut egress = egress.into_iter();
        for part in 1..=parts {
            groups.push(Group {
                owner: host.name.clone(),
                is_membership: false,
                part,
                ingress: ingress.next().unwrap_or_default(),
                egress: egress.next().unwrap_or_default(),
            });
        }
    }
    for group in &plan.groups {
        groups.push(Group { owner: group.name.clone(), is_membership: true, part: 1, ingress: Vec::new(), egress: Vec::new() });
    }
    groups
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
    let key_of = |name: &str| groups.iter().find(|g| g.is_membership && g.owner == name).map(Group::key).unwrap_or_default();
    let mut text = String::new();
    let _ = writeln!(text, "{}", quote::hash_comment(&format!("Portolan: AWS security groups for topology {topology}")));
    let _ = writeln!(text, "# One group per host (attach it to the host's instance) and one membership group per plan");
    let _ = writeln!(text, "# group (attach it to every member). Each rule's description names its requirement ids.\n");
    let _ = writeln!(text, "variable \"vpc_id\" {{\n  type        = string\n  description = \"VPC of the instances\"\n}}\n");
    for group in &groups {
        let _ = writeln!(text, "resource \"aws_security_group\" \"{}\" {{", group.key());
        let _ = writeln!(text, "  name        = {}", quote::hcl_string(&group.name(&topology)));
        let _ = writeln!(text, "  description = {}", quote::hcl_string(&group.description(&topology)));
        let _ = writeln!(text, "  vpc_id      = var.vpc_id");
        for (block, rules) in [("ingress", &group.ingress), ("egress", &group.egress)] {
            for rule in rules {
                let _ = writeln!(text, "\n  {}", quote::hash_comment(&format!("{} -> {}", rule.flow.source.label(), rule.flow.destination.label())));
                let _ = writeln!(text, "  {block} {{");
                let _ = writeln!(text, "    description      = {}", quote::hcl_string(&rule.description()));
                let _ = writeln!(text, "    protocol         = \"{}\"", rule.transport.as_str());
                let _ = writeln!(text, "    from_port        = {}", rule.ports.start());
                let _ = writeln!(text, "    to_port          = {}", rule.ports.end());
                let list = |family: Family| {
                    rule.peers
                        .iter()
                        .filter_map(|p| match p {
                            Peer::Cidr(n) if Family::of(n) == family => Some(quote::hcl_string(&n.to_string())),
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
                        Peer::Cidr(_) => None,
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
                let _ = writeln!(text, "  }}");
            }
        }
        let _ = writeln!(text, "\n  tags = {{\n    \"managed-by\" = \"portolan\"\n    \"portolan-owner\" = {}\n  }}", quote::hcl_string(&aws_text(&group.owner, 255)));
        let _ = writeln!(text, "}}\n");
    }
    let _ = writeln!(text, "output \"portolan_instance_security_groups\" {{");
    let _ = writeln!(text, "  description = \"Per host: the security groups to attach to its instance\"");
    let _ = writeln!(text, "  value = {{");
    for host in &input.topology.hosts {
        let mut keys: Vec<String> = groups.iter().filter(|g| !g.is_membership && g.owner == host.name).map(Group::key).collect();
        keys.extend(input.plan.groups.iter().filter(|g| g.members.iter().any(|m| m.name == host.name)).map(|g| key_of(&g.name)));
        let ids: Vec<String> = keys.iter().map(|k| format!("aws_security_group.{k}.id")).collect();
        let _ = writeln!(text, "    {} = [{}]", quote::hcl_string(&host.name), ids.join(", "));
    }
    let _ = writeln!(text, "  }}\n}}");
    out.file(format!("aws-terraform/{}.tf", quote::file_slug(&topology)), text);
    Ok(())
}
