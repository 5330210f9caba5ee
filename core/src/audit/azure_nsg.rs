//! Azure network security groups as the Azure CLI prints them: `az network nsg rule list -o
//! json` (a list of rules, one NSG), `az network nsg show -o json` (one NSG with
//! `securityRules` and `defaultSecurityRules`) or `az network nsg list -o json` (several). The
//! ARM/REST shape, each rule's fields under `properties`, is read alike.
//!
//! An NSG is a first-match list by priority, Allow or Deny; only `Inbound` rules are audited.
//! When the file leaves out the default rules (`rule list` without `--include-default`) they
//! are added as Azure always has them: AllowVnetInBound (65000), AllowAzureLoadBalancerInBound
//! (65001), DenyAllInBound (65500). A subnet's NSG and a NIC's NSG both have to allow: several
//! NSGs that apply to one host are chained, an Allow of one going on to the next.
//!
//! Which NSGs apply: those the host names in `security_groups:` (NSG names); the same key names
//! the application security groups its NIC joins, which decides rules whose source or
//! destination is an ASG.

use std::collections::HashMap;

use ipnet::IpNet;

use super::model::{Chain, Hook, Match, Note, Rule, Ruleset, Verdict};
use super::words::{json_or_note, nets, port_range, protocol};
use crate::data::{Node, NodeValue, Position};
use crate::model::PortRange;

/// The address Azure's load balancer probes come from (what the `AzureLoadBalancer` tag is).
const LOAD_BALANCER_PROBE: &str = "168.63.129.16/32";

/// One side of a rule, one item of it.
#[derive(Clone)]
enum Side {
    /// These addresses; `None`: any.
    Nets(Option<Vec<IpNet>>),
    /// A tag or group Portolan cannot resolve, as it is to be said: read conservatively.
    Assumed(String),
    /// A destination that is not this host: the item never concerns it.
    Elsewhere,
}

/// Who the host is, as NSGs can name it.
pub struct HostView<'a> {
    /// The host's `security_groups:` (NSG names and application security group names).
    pub names: &'a [String],
    /// Application security group → the addresses of the hosts that name it.
    pub members: &'a HashMap<String, Vec<IpNet>>,
}

struct Nsg<'n> {
    name: String,
    at: Position,
    rules: Vec<&'n Node>,
    /// `defaultSecurityRules` were in the file (else Azure's are added).
    defaults: bool,
}

pub fn read(text: &str, host: &HostView<'_>) -> Ruleset {
    let mut ruleset = Ruleset::default();
    let Some(node) = json_or_note(text, &mut ruleset) else {
        return ruleset;
    };
    let nsgs = match nsgs_of(&node) {
        Some(nsgs) => nsgs,
        None => {
            ruleset.notes.push(Note::error(
                node.position,
                format!("expected a list of NSG rules (az network nsg rule list), an NSG with `securityRules` (az network nsg show) or a list of NSGs (az network nsg list), found {}", node.kind()),
            ));
            return ruleset;
        }
    };
    let named: Vec<&Nsg<'_>> = nsgs.iter().filter(|n| host.names.contains(&n.name)).collect();
    let applied: Vec<&Nsg<'_>> = if named.is_empty() {
        if nsgs.len() > 1 {
            ruleset.notes.push(Note::assumption(
                node.position,
                "the host names none of this file's NSGs in `security_groups:`: every NSG of the file is read as applying to it (each must allow, as a subnet's and a NIC's NSG)",
            ));
        }
        nsgs.iter().collect()
    } else {
        named
    };
    let count = applied.len();
    for (i, nsg) in applied.into_iter().enumerate() {
        // An Allow goes on to the next NSG that applies; the last one's Allow accepts.
        let allow = if i + 1 < count { Verdict::Goto(chain_name(i + 1)) } else { Verdict::Accept };
        let rules = nsg_rules(nsg, host, &allow, &mut ruleset.notes);
        ruleset.chains.push(Chain {
            name: chain_name(i),
            hook: (i == 0).then_some(Hook::Input),
            family: None,
            // DenyAllInBound, which every NSG ends with.
            policy: (i == 0).then_some((Verdict::Drop, nsg.at)),
            rules,
        });
    }
    if count == 0 {
        ruleset.notes.push(Note::error(node.position, "no NSG in this file"));
    }
    ruleset
}

fn chain_name(i: usize) -> String {
    if i == 0 { "ingress".to_owned() } else { format!("nsg-{i}") }
}

/// A rule's field, in the CLI's flat shape or under ARM's `properties`.
fn field<'n>(rule: &'n Node, key: &str) -> Option<&'n Node> {
    rule.get(key).or_else(|| rule.get("properties").and_then(|p| p.get(key)))
}

fn is_nsg(node: &Node) -> bool {
    field(node, "securityRules").is_some() || field(node, "defaultSecurityRules").is_some()
}

fn nsg_of(node: &Node) -> Nsg<'_> {
    let list = |key| field(node, key).and_then(Node::as_sequence).unwrap_or_default();
    Nsg {
        name: node.get("name").and_then(Node::as_str).unwrap_or_default().to_owned(),
        at: node.position,
        rules: list("securityRules").iter().chain(list("defaultSecurityRules")).collect(),
        defaults: field(node, "defaultSecurityRules").is_some(),
    }
}

fn nsgs_of(node: &Node) -> Option<Vec<Nsg<'_>>> {
    if is_nsg(node) {
        return Some(vec![nsg_of(node)]);
    }
    let list = node.as_sequence()?;
    if list.iter().any(is_nsg) {
        return Some(list.iter().filter(|n| is_nsg(n)).map(nsg_of).collect());
    }
    // `rule list`: one NSG, named in each rule's id (`…/networkSecurityGroups/NAME/…`).
    let name = list
        .iter()
        .find_map(|r| r.get("id").and_then(Node::as_str))
        .and_then(|id| id.split("/networkSecurityGroups/").nth(1))
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_default();
    let defaults = list.iter().any(|r| {
        field(r, "priority").and_then(number).is_some_and(|p| p >= 65000)
            && r.get("name").and_then(Node::as_str).is_some_and(|n| n == "DenyAllInBound")
    });
    Some(vec![Nsg {
        name: name.to_owned(),
        at: node.position,
        rules: list.iter().collect(),
        defaults,
    }])
}

fn number(node: &Node) -> Option<i64> {
    match &node.value {
        NodeValue::Integer(n) => Some(*n),
        NodeValue::String(s) => s.parse().ok(),
        _ => None,
    }
}

fn text<'n>(rule: &'n Node, key: &str) -> Option<&'n str> {
    field(rule, key).and_then(Node::as_str)
}

/// The strings of `single` and of the list `plural`, each with where it is written.
fn items<'n>(rule: &'n Node, single: &str, plural: &str) -> Vec<(&'n str, Position)> {
    let mut out = Vec::new();
    if let Some(node) = field(rule, single)
        && let Some(s) = node.as_str()
        && !s.is_empty()
    {
        out.push((s, node.position));
    }
    for node in field(rule, plural).and_then(Node::as_sequence).unwrap_or_default() {
        if let Some(s) = node.as_str() {
            out.push((s, node.position));
        }
    }
    out
}

/// An application security group's name, from its id (`…/applicationSecurityGroups/NAME`).
fn asg_names(rule: &Node, key: &str) -> Vec<(String, Position)> {
    field(rule, key)
        .and_then(Node::as_sequence)
        .unwrap_or_default()
        .iter()
        .map(|g| {
            let id = g.get("id").and_then(Node::as_str).or_else(|| g.as_str()).unwrap_or_default();
            let name = id.rsplit('/').next().unwrap_or_default();
            (name.to_owned(), g.position)
        })
        .collect()
}

fn is_any(prefix: &str) -> bool {
    matches!(prefix.to_ascii_lowercase().as_str(), "*" | "any" | "internet" | "0.0.0.0/0" | "::/0")
}

fn source_sides(rule: &Node, host: &HostView<'_>, notes: &mut Vec<Note>) -> Vec<(Side, Position)> {
    let mut sides = Vec::new();
    for (prefix, at) in items(rule, "sourceAddressPrefix", "sourceAddressPrefixes") {
        let side = if is_any(prefix) {
            Side::Nets(None)
        } else if prefix.eq_ignore_ascii_case("AzureLoadBalancer") {
            Side::Nets(nets(LOAD_BALANCER_PROBE))
        } else if let Some(n) = nets(prefix) {
            Side::Nets(Some(n))
        } else if prefix.chars().all(|c| c.is_ascii_alphanumeric() || c == '.') {
            Side::Assumed(format!(
                "source service tag `{prefix}` (its addresses are Azure's, not in this file)"
            ))
        } else {
            notes.push(Note::error(
                at,
                format!("source `{prefix}`; expected an address, a CIDR, `*` or a service tag"),
            ));
            Side::Assumed(format!("unreadable source `{prefix}`"))
        };
        sides.push((side, at));
    }
    for (group, at) in asg_names(rule, "sourceApplicationSecurityGroups") {
        let side = match host.members.get(&group) {
            Some(addresses) => Side::Nets(Some(addresses.clone())),
            None => Side::Assumed(format!(
                "source application security group `{group}` (no host of the topology names it in `security_groups:`)"
            )),
        };
        sides.push((side, at));
    }
    sides
}

fn destination_sides(rule: &Node, host: &HostView<'_>) -> Vec<Side> {
    let mut sides = Vec::new();
    for (prefix, _) in items(rule, "destinationAddressPrefix", "destinationAddressPrefixes") {
        sides.push(if is_any(prefix) || prefix.eq_ignore_ascii_case("VirtualNetwork") {
            // The host is in its virtual network.
            Side::Nets(None)
        } else if let Some(n) = nets(prefix) {
            Side::Nets(Some(n))
        } else {
            Side::Assumed(format!("destination `{prefix}`"))
        });
    }
    for (group, _) in asg_names(rule, "destinationApplicationSecurityGroups") {
        sides.push(if host.names.contains(&group) {
            Side::Nets(None)
        } else if host.members.contains_key(&group) {
            Side::Elsewhere
        } else {
            Side::Assumed(format!(
                "destination application security group `{group}` (no host of the topology names it in `security_groups:`)"
            ))
        });
    }
    sides
}

/// `*`, `80`, `8000-8100`; `None` for every port, `Err` for what is none of these.
fn ports(rule: &Node) -> Result<Option<Vec<PortRange>>, (String, Position)> {
    let mut ranges = Vec::new();
    for (written, at) in items(rule, "destinationPortRange", "destinationPortRanges") {
        if written == "*" || written == "0-65535" {
            return Ok(None);
        }
        let from_one = written.strip_prefix("0-").map(|rest| format!("1-{rest}"));
        match port_range(from_one.as_deref().unwrap_or(written)) {
            Some(range) => ranges.push(range),
            None => return Err((written.to_owned(), at)),
        }
    }
    Ok((!ranges.is_empty()).then_some(ranges))
}

/// A rule's priority and what it does, or why it is left out.
fn header(rule: &Node, notes: &mut Vec<Note>) -> Option<(i64, bool)> {
    let direction = text(rule, "direction").unwrap_or_default();
    if !direction.eq_ignore_ascii_case("Inbound") {
        if !direction.eq_ignore_ascii_case("Outbound") {
            notes.push(Note::error(
                rule.position,
                format!(
                    "direction `{direction}`; expected Inbound or Outbound: the rule is left out"
                ),
            ));
        }
        return None;
    }
    let Some(priority) = field(rule, "priority").and_then(number) else {
        notes.push(Note::error(
            rule.position,
            "a rule without a `priority` number: left out (its place in the order is unknown)",
        ));
        return None;
    };
    match text(rule, "access").map(str::to_ascii_lowercase).as_deref() {
        Some("allow") => Some((priority, true)),
        Some("deny") => Some((priority, false)),
        other => {
            notes.push(Note::error(
                rule.position,
                format!(
                    "access `{}`; expected Allow or Deny: the rule is left out",
                    other.unwrap_or_default()
                ),
            ));
            None
        }
    }
}

fn nsg_rules(
    nsg: &Nsg<'_>,
    host: &HostView<'_>,
    allow: &Verdict,
    notes: &mut Vec<Note>,
) -> Vec<Rule> {
    let mut ordered: Vec<(i64, bool, &Node)> = Vec::new();
    for rule in &nsg.rules {
        if let Some((priority, allows)) = header(rule, notes) {
            ordered.push((priority, allows, rule));
        }
    }
    ordered.sort_by_key(|(priority, _, _)| *priority);
    let mut out = Vec::new();
    for (_, allows, rule) in ordered {
        let verdict = if allows { allow.clone() } else { Verdict::Drop };
        if let Some(catch_all) = transcribe(rule, host, &verdict, &mut out, notes)
            && catch_all
        {
            // Everything after a deny of everything is never reached.
            return out;
        }
    }
    if !nsg.defaults {
        // Azure's default inbound rules, always there; the file did not list them.
        out.push(Rule {
            at: nsg.at,
            matcher: Match {
                assumed: vec!["source service tag `VirtualNetwork` of Azure's default rule AllowVnetInBound (priority 65000, not listed in this file)".to_owned()],
                ..Match::default()
            },
            verdict: allow.clone(),
        });
        out.push(Rule {
            at: nsg.at,
            matcher: Match { sources: nets(LOAD_BALANCER_PROBE), ..Match::default() },
            verdict: allow.clone(),
        });
    }
    out
}

/// Pushes one rule per source item and destination item; `Some(true)` when it drops everything.
fn transcribe(
    rule: &Node,
    host: &HostView<'_>,
    verdict: &Verdict,
    out: &mut Vec<Rule>,
    notes: &mut Vec<Note>,
) -> Option<bool> {
    let allows = !matches!(verdict, Verdict::Drop);
    let mut base = Match::default();
    let proto = text(rule, "protocol").unwrap_or("*");
    if !matches!(proto, "*" | "Any" | "any") {
        match protocol(proto) {
            Some(Some(t)) => base.transports = Some(vec![t]),
            Some(None) => base.transports = Some(Vec::new()),
            None => {
                notes.push(Note::error(rule.position, format!("protocol `{proto}`; expected Tcp, Udp, Icmp, Esp, Ah or *: the rule is left out")));
                return None;
            }
        }
    }
    match ports(rule) {
        Ok(p) => base.ports = p,
        Err((written, at)) if allows => {
            notes.push(Note::error(
                at,
                format!("port `{written}` is not a port or range: the rule is read as every port"),
            ));
        }
        Err((written, at)) => {
            notes.push(Note::error(
                at,
                format!("port `{written}` is not a port or range: the deny is left out"),
            ));
            return None;
        }
    }
    for (written, _) in items(rule, "sourcePortRange", "sourcePortRanges") {
        if written != "*" {
            base.assumed.push(format!("source port {written}"));
        }
    }
    let sources = source_sides(rule, host, notes);
    let destinations = destination_sides(rule, host);
    if sources.is_empty() || destinations.is_empty() {
        notes
            .push(Note::error(rule.position, "a rule without a source or a destination: left out"));
        return None;
    }
    let everything = base.transports.is_none() && base.ports.is_none() && base.assumed.is_empty();
    let mut catch_all = false;
    for (source, at) in &sources {
        for destination in &destinations {
            let mut matcher = base.clone();
            for side in [source, destination] {
                if let Side::Assumed(what) = side {
                    matcher.assumed.push(what.clone());
                }
            }
            match (source, destination) {
                (_, Side::Elsewhere) => continue,
                (Side::Nets(s), _) => matcher.sources = s.clone(),
                _ => {}
            }
            if let Side::Nets(d) = destination {
                matcher.destinations = d.clone();
            }
            catch_all |= !allows
                && everything
                && matcher.sources.is_none()
                && matcher.destinations.is_none()
                && matcher.assumed.is_empty();
            out.push(Rule { at: *at, matcher, verdict: verdict.clone() });
        }
    }
    Some(catch_all)
}
