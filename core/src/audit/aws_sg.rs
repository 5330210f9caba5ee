//! `aws ec2 describe-security-groups` JSON: the ingress permissions of the security groups a
//! host names in the topology (`security_groups:`, by id or name). Security groups only allow,
//! so each permission source is one accept in one input chain whose policy drops. Egress is
//! the sources' business and not audited. `aws ec2 describe-security-group-rules` (one rule
//! per entry) is read alike.

use std::collections::HashMap;

use ipnet::IpNet;

use super::model::{Chain, Hook, Match, Note, Rule, Ruleset, Verdict};
use super::words::{json_or_note, nets, protocol};
use crate::data::{Node, NodeValue, Position};
use crate::model::PortRange;

/// Reads the security groups of one host. `groups`: the ids or names the host names (all the
/// file's groups, with a note, when it names none); `members`: the addresses of the hosts that
/// name each group, for rules whose source is another group.
pub fn read(text: &str, groups: &[String], members: &HashMap<String, Vec<IpNet>>) -> Ruleset {
    let mut ruleset = Ruleset::default();
    let Some(node) = json_or_note(text, &mut ruleset) else {
        return ruleset;
    };
    if let Some(list) = node.get("SecurityGroupRules").and_then(Node::as_sequence) {
        return group_rules(list, groups, members, ruleset);
    }
    let Some(list) = node.get("SecurityGroups").and_then(Node::as_sequence) else {
        ruleset.notes.push(Note::error(
            node.position,
            format!("expected an object with a `SecurityGroups` list (aws ec2 describe-security-groups) or a `SecurityGroupRules` list (aws ec2 describe-security-group-rules), found {}", node.kind()),
        ));
        return ruleset;
    };
    let (start, mut chain) = ingress_chain(groups, "group", &mut ruleset);
    let mut found = Vec::new();
    for group in list {
        let id = group.get("GroupId").and_then(Node::as_str).unwrap_or_default();
        let name = group.get("GroupName").and_then(Node::as_str).unwrap_or_default();
        if !groups.is_empty() && !groups.iter().any(|g| g == id || g == name) {
            continue;
        }
        found.push(id.to_owned());
        found.push(name.to_owned());
        let permissions =
            group.get("IpPermissions").and_then(Node::as_sequence).unwrap_or_default();
        for permission in permissions {
            permission_rules(permission, members, &mut chain.rules, &mut ruleset.notes);
        }
    }
    for g in groups {
        if !found.contains(g) {
            ruleset.notes.push(Note::error(
                start,
                format!("security group `{g}`, which the host names, is not in this file: its rules are missing from the audit"),
            ));
        }
    }
    ruleset.chains.push(chain);
    ruleset
}

/// `aws ec2 describe-security-group-rules`: one rule per entry, its group by `GroupId` (this
/// output has no group names), `IsEgress` rules left out (egress is not audited).
fn group_rules(
    list: &[Node],
    groups: &[String],
    members: &HashMap<String, Vec<IpNet>>,
    mut ruleset: Ruleset,
) -> Ruleset {
    let (start, mut chain) = ingress_chain(groups, "rule", &mut ruleset);
    let mut found: Vec<&str> = Vec::new();
    for entry in list {
        let id = entry.get("GroupId").and_then(Node::as_str).unwrap_or_default();
        if !groups.is_empty() && !groups.iter().any(|g| g == id) {
            continue;
        }
        found.push(id);
        if entry.get("IsEgress").is_some_and(|e| matches!(e.value, NodeValue::Bool(true))) {
            continue;
        }
        permission_rules(entry, members, &mut chain.rules, &mut ruleset.notes);
    }
    for g in groups {
        if !found.contains(&g.as_str()) {
            ruleset.notes.push(Note::error(
                start,
                format!("security group `{g}`, which the host names, has no rule in this file (describe-security-group-rules names groups by id only): its rules are missing from the audit"),
            ));
        }
    }
    ruleset.chains.push(chain);
    ruleset
}

fn number(node: Option<&Node>) -> Option<i64> {
    match node?.value {
        NodeValue::Integer(n) => Some(n),
        _ => None,
    }
}

fn permission_rules(
    permission: &Node,
    members: &HashMap<String, Vec<IpNet>>,
    rules: &mut Vec<Rule>,
    notes: &mut Vec<Note>,
) {
    let at = permission.position;
    let mut base = Match::default();
    let proto = permission.get("IpProtocol").and_then(|p| {
        p.as_str().map(str::to_owned).or_else(|| number(Some(p)).map(|n| n.to_string()))
    });
    match proto.as_deref() {
        Some("-1") | None => {}
        Some(p) => match protocol(p) {
            Some(Some(t)) => base.transports = Some(vec![t]),
            Some(None) => base.transports = Some(Vec::new()),
            None => {
                notes.push(Note::error(
                    at,
                    format!("IpProtocol `{p}`; expected tcp, udp, icmp, -1 or a number"),
                ));
                return;
            }
        },
    }
    let (from, to) = (number(permission.get("FromPort")), number(permission.get("ToPort")));
    if base.transports.as_ref().is_some_and(|t| !t.is_empty()) {
        match (from, to) {
            (Some(-1) | None, _) => {}
            (Some(f), Some(t)) => match (u16::try_from(f).ok().zip(u16::try_from(t).ok()))
                .and_then(|(f, t)| PortRange::new(f.max(1), t).ok())
            {
                Some(range) => base.ports = Some(vec![range]),
                None => notes.push(Note::error(
                    at,
                    format!(
                        "ports {f}-{t} are not a port range; the permission is read as every port"
                    ),
                )),
            },
            (Some(f), None) => {
                if let Some(range) = u16::try_from(f).ok().and_then(|f| PortRange::single(f).ok()) {
                    base.ports = Some(vec![range]);
                }
            }
        }
    }
    let mut push = |position: Position, sources: Option<Vec<IpNet>>, assumed: Vec<String>| {
        rules.push(Rule {
            at: position,
            matcher: Match { sources, assumed, ..base.clone() },
            verdict: Verdict::Accept,
        });
    };
    for (list, key) in [("IpRanges", "CidrIp"), ("Ipv6Ranges", "CidrIpv6")] {
        for range in permission.get(list).and_then(Node::as_sequence).unwrap_or_default() {
            let cidr = range.get(key);
            match cidr.and_then(Node::as_str).and_then(nets) {
                Some(n) => push(cidr.map_or(range.position, |c| c.position), Some(n), Vec::new()),
                None => notes
                    .push(Note::error(range.position, format!("`{key}` is missing or not a CIDR"))),
            }
        }
    }
    for pair in permission.get("UserIdGroupPairs").and_then(Node::as_sequence).unwrap_or_default() {
        let group = pair.get("GroupId").and_then(Node::as_str).unwrap_or_default();
        match members.get(group) {
            Some(nets) => push(pair.position, Some(nets.clone()), Vec::new()),
            None => {
                notes.push(Note::assumption(
                    pair.position,
                    format!("source group `{group}` is named by no host of the topology: read as any address"),
                ));
                push(pair.position, None, Vec::new());
            }
        }
    }
    // describe-security-group-rules: one source per rule, at the rule's top level.
    for key in ["CidrIpv4", "CidrIpv6"] {
        if let Some(cidr) = permission.get(key) {
            match cidr.as_str().and_then(nets) {
                Some(n) => push(cidr.position, Some(n), Vec::new()),
                None => notes.push(Note::error(cidr.position, format!("`{key}` is not a CIDR"))),
            }
        }
    }
    if let Some(referenced) = permission.get("ReferencedGroupInfo") {
        let group = referenced.get("GroupId").and_then(Node::as_str).unwrap_or_default();
        match members.get(group) {
            Some(nets) => push(referenced.position, Some(nets.clone()), Vec::new()),
            None => {
                notes.push(Note::assumption(
                    referenced.position,
                    format!("source group `{group}` is named by no host of the topology: read as any address"),
                ));
                push(referenced.position, None, Vec::new());
            }
        }
    }
    let single_list = permission.get("PrefixListId").map(std::slice::from_ref);
    for list in permission
        .get("PrefixListIds")
        .and_then(Node::as_sequence)
        .or(single_list)
        .unwrap_or_default()
    {
        let id = list.get("PrefixListId").or(Some(list)).and_then(Node::as_str).unwrap_or_default();
        notes.push(Note::assumption(
            list.position,
            format!("prefix list `{id}` is not in this file: read as any address"),
        ));
        push(list.position, None, Vec::new());
    }
}

/// The host's ingress as a chain whose policy (line 1) drops: security groups only allow. With
/// no `security_groups:` named, every `what` (group or rule) of the file is read as the host's,
/// which is said.
fn ingress_chain(groups: &[String], what: &str, ruleset: &mut Ruleset) -> (Position, Chain) {
    let start = Position { line: 1, column: 1 };
    if groups.is_empty() {
        ruleset.notes.push(Note::assumption(
            start,
            format!("the host names no `security_groups:` in the topology: every {what} of this file is read as attached to it"),
        ));
    }
    let chain = Chain {
        name: "ingress".to_owned(),
        hook: Some(Hook::Input),
        family: None,
        policy: Some((Verdict::Drop, start)),
        rules: Vec::new(),
    };
    (start, chain)
}
