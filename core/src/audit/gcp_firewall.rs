//! GCP VPC firewall rules as `gcloud compute firewall-rules list --format=json` prints them: a
//! list of rules, each with `direction`, `priority`, `allowed` or `denied` (`IPProtocol`,
//! `ports`), sources (`sourceRanges`, `sourceTags`, `sourceServiceAccounts`) and targets
//! (`targetTags`, `targetServiceAccounts`; none: every instance), and `disabled`.
//!
//! Only `INGRESS` rules that are not disabled are audited. Lower priorities first; at one
//! priority a deny wins over an allow. Below them all, GCP's implied deny of every ingress
//! (priority 65535) is the chain's policy. A rule applies to the host when it has no target or
//! one of its target tags is among the host's `network_tags:`; a source tag stands for the
//! addresses of the hosts that carry it. Service accounts are not in the topology: a located
//! P061, read as applying for what it allows and not for what it denies.

use std::collections::HashMap;

use ipnet::IpNet;

use super::model::{Chain, Hook, Match, Note, Rule, Ruleset, Verdict};
use super::words::{json_or_note, nets, port_range, protocol};
use crate::data::{Node, NodeValue, Position};
use crate::model::PortRange;

/// Who the host is, as GCP rules can name it.
pub struct HostView<'a> {
    /// The host's `network_tags:`.
    pub tags: &'a [String],
    /// Network tag → the addresses of the hosts that carry it.
    pub members: &'a HashMap<String, Vec<IpNet>>,
}

pub fn read(text: &str, host: &HostView<'_>) -> Ruleset {
    let mut ruleset = Ruleset::default();
    let Some(node) = json_or_note(text, &mut ruleset) else {
        return ruleset;
    };
    // `gcloud … list` prints a list; `gcloud … describe` one rule.
    let list = match &node.value {
        NodeValue::Sequence(list) => list.as_slice(),
        NodeValue::Mapping(_) if node.get("direction").is_some() => std::slice::from_ref(&node),
        _ => {
            ruleset.notes.push(Note::error(
                node.position,
                format!("expected a list of firewall rules (gcloud compute firewall-rules list --format=json), found {}", node.kind()),
            ));
            return ruleset;
        }
    };
    let start = Position { line: 1, column: 1 };
    if host.tags.is_empty() && list.iter().any(|r| r.get("targetTags").is_some()) {
        ruleset.notes.push(Note::assumption(
            start,
            "the host names no `network_tags:` in the topology: every rule with target tags is read as targeting it",
        ));
    }
    let mut networks: Vec<&str> =
        list.iter().filter_map(|r| r.get("network").and_then(Node::as_str)).collect();
    crate::order::sort_dedup(&mut networks);
    if networks.len() > 1 {
        let names: Vec<&str> = networks.iter().map(|n| n.rsplit('/').next().unwrap_or(n)).collect();
        ruleset.notes.push(Note::assumption(
            start,
            format!("rules of several networks ({}): all read as applying to the host, which is in one of them", names.join(", ")),
        ));
    }
    // (priority, deny first, rule)
    let mut ordered: Vec<(i64, bool, &Node)> = Vec::new();
    for rule in list {
        if let Some((priority, allows)) = header(rule, &mut ruleset.notes) {
            ordered.push((priority, allows, rule));
        }
    }
    ordered.sort_by_key(|(priority, allows, _)| (*priority, *allows));
    let mut rules = Vec::new();
    for (_, allows, rule) in ordered {
        transcribe(rule, allows, host, &mut rules, &mut ruleset.notes);
    }
    ruleset.chains.push(Chain {
        name: "ingress".to_owned(),
        hook: Some(Hook::Input),
        family: None,
        // GCP's implied deny of every ingress, priority 65535.
        policy: Some((Verdict::Drop, start)),
        rules,
    });
    ruleset
}

fn number(node: &Node) -> Option<i64> {
    match &node.value {
        NodeValue::Integer(n) => Some(*n),
        NodeValue::String(s) => s.parse().ok(),
        _ => None,
    }
}

fn strings(rule: &Node, key: &str) -> Vec<(String, Position)> {
    rule.get(key)
        .and_then(Node::as_sequence)
        .unwrap_or_default()
        .iter()
        .filter_map(|n| n.as_str().map(|s| (s.to_owned(), n.position)))
        .collect()
}

/// Priority and whether the rule allows; `None` for a rule that is not audited.
fn header(rule: &Node, notes: &mut Vec<Note>) -> Option<(i64, bool)> {
    // gcloud leaves `direction` out of no rule; the API's default is INGRESS.
    let direction = rule.get("direction").and_then(Node::as_str).unwrap_or("INGRESS");
    if !direction.eq_ignore_ascii_case("INGRESS") {
        if !direction.eq_ignore_ascii_case("EGRESS") {
            notes.push(Note::error(
                rule.position,
                format!(
                    "direction `{direction}`; expected INGRESS or EGRESS: the rule is left out"
                ),
            ));
        }
        return None;
    }
    if rule.get("disabled").is_some_and(|d| matches!(d.value, NodeValue::Bool(true))) {
        return None;
    }
    // The API's default priority.
    let priority = match rule.get("priority") {
        None => 1000,
        Some(p) => match number(p) {
            Some(n) => n,
            None => {
                notes.push(Note::error(
                    p.position,
                    "`priority` is not a number: the rule is left out (its place in the order is unknown)",
                ));
                return None;
            }
        },
    };
    match (rule.get("allowed"), rule.get("denied")) {
        (Some(_), None) => Some((priority, true)),
        (None, Some(_)) => Some((priority, false)),
        _ => {
            notes.push(Note::error(
                rule.position,
                "a rule needs exactly one of `allowed` and `denied`: left out",
            ));
            None
        }
    }
}

/// The `allowed`/`denied` entries as matches (protocol and ports), or none when unreadable.
fn protocols(list: &Node, allows: bool, notes: &mut Vec<Note>) -> Vec<Match> {
    let mut out = Vec::new();
    for entry in list.as_sequence().unwrap_or_default() {
        let mut base = Match::default();
        let proto = entry.get("IPProtocol").and_then(|p| {
            p.as_str().map(str::to_owned).or_else(|| number(p).map(|n| n.to_string()))
        });
        match proto.as_deref() {
            Some("all") => {}
            Some(p) => match protocol(p) {
                Some(Some(t)) => base.transports = Some(vec![t]),
                Some(None) => base.transports = Some(Vec::new()),
                None => {
                    notes.push(Note::error(
                        entry.position,
                        format!("IPProtocol `{p}`; expected tcp, udp, icmp, all or a number"),
                    ));
                    continue;
                }
            },
            None => {
                notes.push(Note::error(entry.position, "an entry without `IPProtocol`: left out"));
                continue;
            }
        }
        let mut ranges: Vec<PortRange> = Vec::new();
        let mut readable = true;
        for (written, at) in strings(entry, "ports") {
            match port_range(&written) {
                Some(range) => ranges.push(range),
                None => {
                    readable = false;
                    let read_as = if allows {
                        "the entry is read as every port"
                    } else {
                        "the deny is left out"
                    };
                    notes.push(Note::error(
                        at,
                        format!("port `{written}` is not a port or range: {read_as}"),
                    ));
                }
            }
        }
        if !readable && !allows {
            continue;
        }
        if readable && !ranges.is_empty() {
            base.ports = Some(ranges);
        }
        out.push(base);
    }
    out
}

/// Whether the rule concerns the host: `Some(extra assumed)` when it does (or may).
fn targets(rule: &Node, host: &HostView<'_>) -> Option<Vec<String>> {
    let tags = strings(rule, "targetTags");
    let accounts = strings(rule, "targetServiceAccounts");
    if tags.is_empty() && accounts.is_empty() {
        return Some(Vec::new());
    }
    if !tags.is_empty() && (host.tags.is_empty() || tags.iter().any(|(t, _)| host.tags.contains(t)))
    {
        return Some(Vec::new());
    }
    (!accounts.is_empty()).then(|| {
        let names: Vec<&str> = accounts.iter().map(|(a, _)| a.as_str()).collect();
        vec![format!("target service accounts {} (not in the topology)", names.join(", "))]
    })
}

fn transcribe(
    rule: &Node,
    allows: bool,
    host: &HostView<'_>,
    out: &mut Vec<Rule>,
    notes: &mut Vec<Note>,
) {
    let Some(targeted) = targets(rule, host) else { return };
    let key = if allows { "allowed" } else { "denied" };
    let matches = rule.get(key).map(|l| protocols(l, allows, notes)).unwrap_or_default();
    let verdict = if allows { Verdict::Accept } else { Verdict::Drop };
    // Each source: its addresses (`None`: any) or what is assumed of it.
    let mut sources: Vec<(Position, Option<Vec<IpNet>>, Option<String>)> = Vec::new();
    for (range, at) in strings(rule, "sourceRanges") {
        match nets(&range) {
            Some(n) => sources.push((at, Some(n), None)),
            None => notes.push(Note::error(at, format!("source range `{range}` is not a CIDR"))),
        }
    }
    for (tag, at) in strings(rule, "sourceTags") {
        match host.members.get(&tag) {
            Some(addresses) => sources.push((at, Some(addresses.clone()), None)),
            None => sources.push((
                at,
                None,
                Some(format!(
                    "source tag `{tag}` (no host of the topology carries it in `network_tags:`)"
                )),
            )),
        }
    }
    for (account, at) in strings(rule, "sourceServiceAccounts") {
        sources.push((
            at,
            None,
            Some(format!("source service account `{account}` (not in the topology)")),
        ));
    }
    if sources.is_empty()
        && rule.get("sourceRanges").is_none()
        && rule.get("sourceTags").is_none()
        && rule.get("sourceServiceAccounts").is_none()
    {
        // With no source at all, GCP reads an ingress rule as from 0.0.0.0/0.
        sources.push((rule.position, nets("0.0.0.0/0"), None));
    }
    let destinations = strings(rule, "destinationRanges")
        .into_iter()
        .filter_map(|(d, _)| nets(&d))
        .flatten()
        .collect::<Vec<IpNet>>();
    for base in &matches {
        for (at, addresses, assumed) in &sources {
            let mut matcher = base.clone();
            matcher.sources = addresses.clone();
            matcher.assumed.extend(targeted.iter().cloned());
            matcher.assumed.extend(assumed.iter().cloned());
            if !destinations.is_empty() {
                matcher.destinations = Some(destinations.clone());
            }
            out.push(Rule { at: *at, matcher, verdict: verdict.clone() });
        }
    }
}
