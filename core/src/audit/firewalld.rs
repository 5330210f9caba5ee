//! `firewall-cmd --list-all-zones` (or `firewall-offline-cmd --list-all-zones`) output: which
//! zone applies to which sources, and what each zone accepts (target, services, ports, rich
//! rules). A zone with `sources:` decides for those sources; the default zone (marked
//! `(default…)` by the daemon; `public` when nothing is marked) for everyone else. Forward-ports
//! are accepted in their zone (firewalld accepts what it DNATs before the zones); policies
//! (`--list-all-policies` after the zones) to `HOST` are jumped to from every zone, by their
//! ingress zones' sources and interfaces. The ipsets zones and rich rules name (`ipset:admins`,
//! `source ipset="blocked"`) are resolved when `firewall-cmd --info-ipset=NAME` blocks follow.

use super::model::{Chain, Hook, Match, Note, Rule, Ruleset, Verdict, line_start};
use super::words::{complement_nets, nets, port_range, protocol};
use crate::data::Position;
use crate::model::{IpFamily, PortRange, Transport};

/// One zone block as listed.
#[derive(Debug, Default)]
struct Zone {
    name: String,
    at: Position,
    default: bool,
    target: String,
    /// Where `target:` is written: what reaches the zone's end is decided there.
    target_at: Option<Position>,
    sources: Vec<(String, Position)>,
    interfaces: Vec<String>,
    /// Accepts in order: services, ports, then rich rules (already ordered deny-first).
    rules: Vec<Rule>,
    /// Forward-ports (plain and rich): DNAT'd in nat, then accepted by the filter chains'
    /// `ct status dnat accept`, ahead of the zone's deny rich rules.
    forwards: Vec<Rule>,
    /// How many of `rules` are forward-ports (they stay ahead of the policies).
    leading: usize,
    /// A policy (`firewall-cmd --list-all-policies`, firewalld 0.9+), not a zone: its
    /// `ingress-zones:`, `egress-zones:` and `priority:`.
    ingress: Option<Vec<String>>,
    egress: Vec<String>,
    priority: i64,
}

/// Ports of the firewalld services people open most (the service files of the firewalld
/// package); an unknown service is a note.
fn service(name: &str) -> Option<Vec<(u16, u16, Transport)>> {
    use Transport::{Tcp, Udp};
    Some(match name {
        "ssh" => vec![(22, 22, Tcp)],
        "http" => vec![(80, 80, Tcp)],
        "https" => vec![(443, 443, Tcp)],
        "http3" => vec![(443, 443, Udp)],
        "dhcpv6-client" => vec![(546, 546, Udp)],
        "dhcp" => vec![(67, 67, Udp)],
        "dns" => vec![(53, 53, Tcp), (53, 53, Udp)],
        "ntp" => vec![(123, 123, Udp)],
        "mdns" => vec![(5353, 5353, Udp)],
        "cockpit" => vec![(9090, 9090, Tcp)],
        "postgresql" => vec![(5432, 5432, Tcp)],
        "mysql" => vec![(3306, 3306, Tcp)],
        "ldap" => vec![(389, 389, Tcp)],
        "ldaps" => vec![(636, 636, Tcp)],
        "kube-apiserver" => vec![(6443, 6443, Tcp)],
        "kubelet" => vec![(10250, 10250, Tcp)],
        "etcd-client" => vec![(2379, 2379, Tcp)],
        "etcd-server" => vec![(2380, 2380, Tcp)],
        "prometheus-node-exporter" => vec![(9100, 9100, Tcp)],
        "samba-client" => vec![(137, 138, Udp)],
        "ftp" => vec![(21, 21, Tcp)],
        "smtp" => vec![(25, 25, Tcp)],
        "smtps" => vec![(465, 465, Tcp)],
        "smtp-submission" => vec![(587, 587, Tcp)],
        "imaps" => vec![(993, 993, Tcp)],
        "pop3s" => vec![(995, 995, Tcp)],
        "redis" => vec![(6379, 6379, Tcp)],
        "wireguard" => vec![(51820, 51820, Udp)],
        _ => return None,
    })
}

fn accept(at: Position, ranges: Vec<(PortRange, Transport)>) -> Vec<Rule> {
    ranges
        .into_iter()
        .map(|(range, transport)| Rule {
            at,
            matcher: Match {
                transports: Some(vec![transport]),
                ports: Some(vec![range]),
                ..Match::default()
            },
            verdict: Verdict::Accept,
        })
        .collect()
}

/// Reads the text of a `--list-all-zones` run.
pub fn read(text: &str) -> Ruleset {
    let mut ruleset = Ruleset::default();
    let ipsets = ipsets(text);
    let mut zones: Vec<Zone> = Vec::new();
    let mut denies: Vec<Rule> = Vec::new();
    let mut in_rich = false;
    let mut in_forwards = false;
    let mut in_ipset = false;
    let lines: Vec<&str> = text.lines().collect();
    for (index, raw) in lines.iter().copied().enumerate() {
        let at = line_start(index + 1);
        if raw.trim().is_empty() {
            continue;
        }
        let top = !raw.starts_with(' ') && !raw.starts_with('\t');
        if top {
            in_ipset = ipset_block(&lines[index..]).is_some();
        }
        if in_ipset {
            continue;
        }
        if top {
            // `public (default, active)` / `portolan`
            flush(&mut zones, &mut denies);
            let name = raw.split_whitespace().next().unwrap_or_default().to_owned();
            let default = raw.contains("(default") || raw.contains(" default,");
            zones.push(Zone { name, at, default, ..Zone::default() });
            in_rich = false;
            in_forwards = false;
            continue;
        }
        let Some(zone) = zones.last_mut() else {
            ruleset.notes.push(Note::error(at, "a zone field before any zone name"));
            continue;
        };
        let line = raw.trim();
        if in_forwards && raw.starts_with('\t') {
            let at_value = Position { line: at.line, column: column_of(raw) };
            forward_port(line, at_value, zone, &mut ruleset.notes);
            continue;
        }
        if in_rich && (raw.starts_with('\t') || line.starts_with("rule ")) {
            rich_rule(
                line,
                Position { line: at.line, column: column_of(raw) },
                (zone, &ipsets),
                &mut denies,
                &mut ruleset.notes,
            );
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            ruleset
                .notes
                .push(Note::error(at, format!("`{line}` is not a `key: value` zone field")));
            continue;
        };
        let values: Vec<&str> = value.split_whitespace().collect();
        let at_value = Position { line: at.line, column: column_of(raw) };
        in_rich = key == "rich rules";
        in_forwards = key == "forward-ports";
        if in_forwards {
            // Older firewall-cmd prints them on the same line, space-separated.
            for entry in &values {
                forward_port(entry, at_value, zone, &mut ruleset.notes);
            }
        }
        match key {
            "target" => {
                zone.target = values.first().copied().unwrap_or("default").to_owned();
                zone.target_at = Some(at_value);
            }
            "ingress-zones" => {
                zone.ingress = Some(values.iter().map(|v| (*v).to_owned()).collect())
            }
            "egress-zones" => zone.egress = values.iter().map(|v| (*v).to_owned()).collect(),
            "priority" => zone.priority = values.first().and_then(|p| p.parse().ok()).unwrap_or(0),
            "sources" => {
                zone.sources = values.iter().map(|v| ((*v).to_owned(), at_value)).collect()
            }
            "interfaces" => zone.interfaces = values.iter().map(|v| (*v).to_owned()).collect(),
            "services" => {
                for name in values {
                    match service(name) {
                        Some(list) => zone.rules.extend(accept(
                            at_value,
                            list.into_iter().filter_map(|(a, b, t)| PortRange::new(a, b).ok().map(|r| (r, t))).collect(),
                        )),
                        None => ruleset.notes.push(Note::error(
                            at_value,
                            format!("service `{name}`: its ports are not known to Portolan (its file is not in this output); it is left out of the audit, so open its ports under `ports:` to have them audited"),
                        )),
                    }
                }
            }
            "ports" => {
                for port in values {
                    match port
                        .split_once('/')
                        .and_then(|(p, t)| Some((port_range(p)?, protocol(t)??)))
                    {
                        Some((range, transport)) => {
                            zone.rules.extend(accept(at_value, vec![(range, transport)]))
                        }
                        None => ruleset.notes.push(Note::error(
                            at_value,
                            format!("`{port}` is not a port such as 443/tcp or 8000-8080/udp"),
                        )),
                    }
                }
            }
            "protocols" if !values.is_empty() => ruleset.notes.push(Note::assumption(
                at_value,
                format!(
                    "`{key}: {}` is not audited (Portolan plans ports, not protocols)",
                    values.join(" ")
                ),
            )),
            // `source-ports: 5000/udp` accepts that transport on every port from that source
            // port: read generously as every port (the walk says so).
            "source-ports" => {
                for port in values {
                    match port.split_once('/').and_then(|(_, t)| protocol(t)?) {
                        Some(transport) => zone.rules.push(Rule {
                            at: at_value,
                            matcher: Match {
                                transports: Some(vec![transport]),
                                assumed: vec![format!("source port `{port}`")],
                                ..Match::default()
                            },
                            verdict: Verdict::Accept,
                        }),
                        None => ruleset.notes.push(Note::error(
                            at_value,
                            format!("`{port}` is not a port such as 5000/udp"),
                        )),
                    }
                }
            }
            _ => {}
        }
    }
    flush(&mut zones, &mut denies);
    build(zones, &ipsets, &mut ruleset);
    ruleset
}

/// The ipsets of `firewall-cmd --info-ipset=NAME` blocks (a name, then `type:`, `options:`,
/// `entries:`) whose entries are all addresses or networks (`hash:ip`, `hash:net`).
type Ipsets = std::collections::HashMap<String, Vec<ipnet::IpNet>>;

fn ipsets(text: &str) -> Ipsets {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Ipsets::new();
    for (index, raw) in lines.iter().enumerate() {
        if raw.starts_with([' ', '\t']) {
            continue;
        }
        let Some(entries) = ipset_block(&lines[index..]) else { continue };
        let found: Option<Vec<Vec<ipnet::IpNet>>> = entries.split_whitespace().map(nets).collect();
        if let (Some(name), Some(found)) = (raw.split_whitespace().next(), found) {
            out.insert(name.to_owned(), found.concat());
        }
    }
    out
}

/// The `entries:` of the ipset block starting at `lines[0]`; `None` when it is no ipset's
/// (a zone's or policy's first field is never `type:`).
fn ipset_block<'a>(lines: &[&'a str]) -> Option<&'a str> {
    let mut fields = lines.iter().skip(1).take_while(|l| l.starts_with([' ', '\t']));
    fields.next()?.trim().starts_with("type:").then_some(())?;
    fields.find_map(|l| l.trim().strip_prefix("entries:")).or(Some(""))
}

/// A zone's source (`10.0.0.0/8`, `ipset:admins` when that ipset was listed) as networks.
fn source_nets(source: &str, ipsets: &Ipsets) -> Option<Vec<ipnet::IpNet>> {
    nets(source).or_else(|| ipsets.get(source.strip_prefix("ipset:")?).cloned())
}

fn column_of(raw: &str) -> u32 {
    let indent = raw.chars().take_while(|c| c.is_whitespace()).count();
    u32::try_from(indent + 1).unwrap_or(1)
}

/// firewalld applies a zone's deny rich rules before its allows: move them first (after the
/// forward-ports, which its filter chains accept before any zone rule).
fn flush(zones: &mut [Zone], denies: &mut Vec<Rule>) {
    if let Some(zone) = zones.last_mut() {
        let mut rules = std::mem::take(&mut zone.forwards);
        zone.leading = rules.len();
        rules.append(denies);
        rules.append(&mut zone.rules);
        zone.rules = rules;
    }
}

/// `port=8443:proto=tcp:toport=443:toaddr=10.30.0.5` (`toaddr=` empty: a local port). The
/// zone's traffic to that port is DNAT'd, and firewalld's filter chains accept what a DNAT
/// rewrote (`ct status dnat accept`, before the zones): read as accepted in the zone.
fn forward_port(entry: &str, at: Position, zone: &mut Zone, notes: &mut Vec<Note>) {
    let field = |key: &str| {
        entry.split(':').find_map(|f| f.strip_prefix(key).and_then(|v| v.strip_prefix('=')))
    };
    match (field("port").and_then(port_range), field("proto").and_then(protocol)) {
        (Some(range), Some(Some(transport))) => zone.forwards.extend(accept(at, vec![(range, transport)])),
        (Some(_), Some(None)) => {}
        _ => notes.push(Note::error(
            at,
            format!("`{entry}` is not a forward-port such as port=8443:proto=tcp:toport=443:toaddr=10.0.0.5"),
        )),
    }
}

/// `rule family="ipv4" source address="10.0.0.0/22" port port="22" protocol="tcp" accept`
fn rich_rule(
    line: &str,
    at: Position,
    (zone, ipsets): (&mut Zone, &Ipsets),
    denies: &mut Vec<Rule>,
    notes: &mut Vec<Note>,
) {
    let mut m = Match::default();
    let words: Vec<&str> = line.split_whitespace().collect();
    let value = |w: &str| w.split_once('=').map(|(_, v)| v.trim_matches('"').to_owned());
    let mut verdict = None;
    let mut i = 0;
    let mut last_object = "";
    let mut port: Option<String> = None;
    let mut proto: Option<String> = None;
    let mut negated = false;
    let mut forward = false;
    while i < words.len() {
        let w = words[i];
        match w {
            "rule" => {}
            "source" | "destination" | "port" | "service" | "log" | "audit" | "limit"
            | "forward-port" | "source-port" | "icmp-block" | "icmp-type" | "masquerade"
            | "protocol" => last_object = w,
            // `source NOT address="10.0.0.0/8"`: every other address (below).
            "NOT" if matches!(last_object, "source" | "destination") => negated = true,
            "NOT" => m.assumed.push(format!("`{last_object} NOT`")),
            "accept" => verdict = Some(Verdict::Accept),
            "reject" | "drop" => verdict = Some(Verdict::Drop),
            _ if w.starts_with("family=") => {
                m.family = match value(w).as_deref() {
                    Some("ipv4") => Some(IpFamily::V4),
                    Some("ipv6") => Some(IpFamily::V6),
                    _ => None,
                }
            }
            _ if w.starts_with("address=")
                || (w.starts_with("ipset=")
                    && value(w).is_some_and(|v| ipsets.contains_key(&v))) =>
            {
                let nets = match value(w) {
                    Some(name) if w.starts_with("ipset=") => ipsets.get(&name).cloned(),
                    written => written.as_deref().and_then(nets),
                };
                let nets = nets.map(|n| if negated { complement_nets(&n, m.family) } else { n });
                negated = false;
                match (last_object, nets) {
                    ("source", Some(n)) => m.sources = Some(n),
                    ("destination", Some(n)) => m.destinations = Some(n),
                    _ => notes.push(Note::error(
                        at,
                        format!("`{w}` is not an address or CIDR Portolan reads"),
                    )),
                }
            }
            // `source ipset="blocked"`, `source mac="…"`: members not in this listing.
            // (Skipping it read `rule source ipset="blocked" drop` as a drop of everyone.)
            _ if matches!(last_object, "source" | "destination") && w.contains('=') => {
                m.assumed.push(format!(
                    "`{last_object}{} {w}` (an ipset's members or a MAC address are not in this listing)",
                    if negated { " NOT" } else { "" }
                ));
                negated = false;
            }
            _ if w.starts_with("port=") && matches!(last_object, "port" | "forward-port") => {
                port = value(w)
            }
            _ if w.starts_with("protocol=") && matches!(last_object, "port" | "forward-port") => {
                proto = value(w)
            }
            // `forward-port port="9000" protocol="tcp" to-port="9001" [to-addr=…]`: DNAT'd,
            // then accepted by the filter chains' `ct status dnat accept` (see forward_port).
            _ if last_object == "forward-port"
                && (w.starts_with("to-port=") || w.starts_with("to-addr=")) =>
            {
                verdict = Some(Verdict::Accept);
                forward = true;
            }
            _ if w.starts_with("name=") && last_object == "service" => {
                let name = value(w).unwrap_or_default();
                match service(&name) {
                    Some(list) => {
                        m.transports = Some(list.iter().map(|(_, _, t)| *t).collect());
                        m.ports = Some(
                            list.iter()
                                .filter_map(|(a, b, _)| PortRange::new(*a, *b).ok())
                                .collect(),
                        );
                    }
                    None => m.assumed.push(format!("service `{name}` (ports unknown)")),
                }
            }
            _ if matches!(last_object, "log" | "audit" | "limit") => {}
            _ if matches!(
                last_object,
                "source-port" | "icmp-block" | "icmp-type" | "masquerade" | "protocol"
            ) =>
            {
                m.assumed.push(format!("`{last_object} {w}`"));
            }
            _ => {}
        }
        i += 1;
    }
    if let (Some(p), Some(t)) = (&port, &proto) {
        match (port_range(p), protocol(t)) {
            (Some(range), Some(Some(transport))) => {
                m.ports = Some(vec![range]);
                m.transports = Some(vec![transport]);
            }
            _ => {
                notes.push(Note::error(at, format!("port `{p}/{t}` is not a port Portolan reads")))
            }
        }
    }
    let Some(verdict) = verdict else {
        notes.push(Note::assumption(
            at,
            "a rich rule without accept, reject or drop (log or audit only): it changes nothing",
        ));
        return;
    };
    let rule = Rule { at, matcher: m, verdict };
    if forward {
        zone.forwards.push(rule)
    } else if rule.verdict == Verdict::Drop {
        denies.push(rule)
    } else {
        zone.rules.push(rule)
    }
}

/// One input chain: source zones first (each for its sources), then the default zone.
fn build(zones: Vec<Zone>, ipsets: &Ipsets, ruleset: &mut Ruleset) {
    let start = Position { line: 1, column: 1 };
    let mut input = Chain {
        name: "input".to_owned(),
        hook: Some(Hook::Input),
        family: None,
        policy: Some((Verdict::Drop, start)),
        rules: Vec::new(),
    };
    // Regression: `firewall-cmd --list-all` (the default zone alone, unmarked: `internal` or
    // `internal (active)`) of a host whose default zone is not `public` was "no zone found".
    let lone = {
        let listed: Vec<usize> = (0..zones.len())
            .filter(|i| zones.get(*i).is_some_and(|z| z.ingress.is_none()))
            .collect();
        if listed.len() == 1 { listed.first().copied() } else { None }
    };
    let default_index = zones.iter().position(|z| z.default).or_else(|| {
        let public = zones.iter().position(|z| z.name == "public");
        let (chosen, why) = match (lone, public) {
            (Some(one), _) => (Some(one), "one zone is listed, unmarked (`firewall-cmd --list-all` lists the default zone alone): it is read as the default zone, for every source no other zone takes"),
            (None, Some(p)) => (Some(p), "no zone is marked `(default)` (firewall-offline-cmd does not mark it): zone `public`, firewalld's stock default, is read as the default zone"),
            (None, None) => (None, ""),
        };
        if let Some(index) = chosen {
            let at = zones.get(index).map_or(start, |z| z.at);
            ruleset.notes.push(Note::assumption(at, why));
        }
        chosen
    });
    let mut interface_zones: Vec<(Position, String, Vec<String>)> = Vec::new();
    // Policies to the host (`egress-zones: HOST`) are jumped to from every zone chain, by
    // their ingress zones' sources and interfaces (or for anyone: `ANY`): negative priorities
    // before the zone's own rules, the others after them (firewalld's
    // `filter_INPUT_POLICIES_pre` / `_post`). Other policies concern forwarded traffic.
    let mut to_host: Vec<&Zone> = zones
        .iter()
        .filter(|z| z.ingress.is_some() && z.egress.iter().any(|e| e == "HOST"))
        .collect();
    to_host.sort_by_key(|p| p.priority);
    let (mut pre, mut post): (Vec<Rule>, Vec<Rule>) = (Vec::new(), Vec::new());
    for policy in &to_host {
        let name = format!("policy {}", policy.name);
        let mut rules = policy.rules.clone();
        match policy.target.as_str() {
            "ACCEPT" => rules.push(Rule {
                at: policy.at,
                matcher: Match::default(),
                verdict: Verdict::Accept,
            }),
            "DROP" | "REJECT" | "%%REJECT%%" => rules.push(Rule {
                at: policy.at,
                matcher: Match::default(),
                verdict: Verdict::Drop,
            }),
            _ => {}
        }
        ruleset.chains.push(Chain {
            name: name.clone(),
            hook: None,
            family: None,
            policy: None,
            rules,
        });
        let list = if policy.priority < 0 { &mut pre } else { &mut post };
        for ingress in policy.ingress.as_deref().unwrap_or_default() {
            if ingress == "ANY" {
                list.push(Rule {
                    at: policy.at,
                    matcher: Match::default(),
                    verdict: Verdict::Jump(name.clone()),
                });
                continue;
            }
            let Some(zone) = zones.iter().find(|z| &z.name == ingress && z.ingress.is_none())
            else {
                continue;
            };
            for (source, at) in &zone.sources {
                let matcher = match source_nets(source, ipsets) {
                    Some(n) => Match { sources: Some(n), ..Match::default() },
                    None => Match {
                        assumed: vec![format!(
                            "source `{source}` of zone {ingress} (an ipset's members or a MAC address are not in this listing)"
                        )],
                        ..Match::default()
                    },
                };
                list.push(Rule { at: *at, matcher, verdict: Verdict::Jump(name.clone()) });
            }
            if !zone.interfaces.is_empty() {
                let text = format!(
                    "`interfaces: {}` of zone {ingress} (interfaces)",
                    zone.interfaces.join(", ")
                );
                let matcher = bound_to(&zone.interfaces, text);
                list.push(Rule { at: policy.at, matcher, verdict: Verdict::Jump(name.clone()) });
            }
        }
    }
    for (index, zone) in zones.iter().enumerate() {
        let is_default = Some(index) == default_index;
        if zone.ingress.is_some()
            || (zone.sources.is_empty() && zone.interfaces.is_empty() && !is_default)
        {
            continue;
        }
        let mut rules = zone.rules.clone();
        let after = rules.split_off(zone.leading.min(rules.len()));
        rules.extend(pre.iter().cloned());
        rules.extend(after);
        rules.extend(post.iter().cloned());
        // What the zone's rules do not accept meets its target.
        let verdict = if zone.target == "ACCEPT" { Verdict::Accept } else { Verdict::Drop };
        // Regression (mutation suite): a zone flipped to `target: ACCEPT` was located at its
        // name, not at the line that now accepts everything.
        rules.push(Rule {
            at: zone.target_at.unwrap_or(zone.at),
            matcher: Match::default(),
            verdict,
        });
        let name = format!("zone {}", zone.name);
        ruleset.chains.push(Chain {
            name: name.clone(),
            hook: None,
            family: None,
            policy: None,
            rules,
        });
        if is_default {
            continue;
        }
        for (source, at) in &zone.sources {
            match source_nets(source, ipsets) {
                Some(n) => input.rules.push(Rule { at: *at, matcher: Match { sources: Some(n), ..Match::default() }, verdict: Verdict::Goto(name.clone()) }),
                // An ipset (its members are not in this listing) or a MAC address: the zone
                // is read as applying to anyone for what it accepts (the generous reading).
                None => input.rules.push(Rule { at: *at, matcher: Match { assumed: vec![format!("source `{source}` (an ipset's members or a MAC address are not in this listing)")], ..Match::default() }, verdict: Verdict::Jump(name.clone()) }),
            }
        }
        if !zone.interfaces.is_empty() {
            interface_zones.push((zone.at, name, zone.interfaces.clone()));
        }
    }
    // Zones by interface come after the source zones (firewalld dispatches on sources first):
    // read as applying to anyone for what they accept, as Portolan does not model interfaces.
    // (Decided by the host's network interfaces when the topology names them.)
    for (at, name, interfaces) in interface_zones {
        let text = format!("`interfaces: {}` (interfaces)", interfaces.join(", "));
        input.rules.push(Rule {
            at,
            matcher: bound_to(&interfaces, text),
            verdict: Verdict::Jump(name),
        });
    }
    if let Some(index) = default_index {
        input.rules.push(Rule {
            at: zones[index].at,
            matcher: Match::default(),
            verdict: Verdict::Goto(format!("zone {}", zones[index].name)),
        });
    } else {
        ruleset.notes.push(Note::error(
            start,
            "no zone found; expected `firewall-cmd --list-all-zones` output",
        ));
    }
    ruleset.chains.push(input);
}

/// A match on the interfaces a zone holds, `text` its assumption when they are not known.
fn bound_to(interfaces: &[String], text: String) -> Match {
    Match {
        in_interface: Some(super::model::InInterface {
            names: interfaces.to_vec(),
            negated: false,
            assumed: text.clone(),
        }),
        assumed: vec![text],
        ..Match::default()
    }
}
