//! One connection explained: can A reach B on a port, by which rule (topology line or
//! imported file:line), which requirements need it (document row and site link), and which
//! planned flow carries it. A and B are a host, a zone or an address (or CIDR).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::net::IpAddr;

use ipnet::IpNet;
use serde::Serialize;

use super::merge::UNAUDITED;
use crate::check::space::AddressSet;
use crate::check::{Context, RequirementRef};
use crate::diagnostic::SourceLocation;
use crate::model::{Catalog, PortRange, Transport};
use crate::plan::{Endpoint, FlowPlan};
use crate::topology::Topology;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExplainError {
    #[error(
        "`{0}` is neither a host, a zone nor an address of the topology; expected a host name, a zone name, an address such as 10.0.0.5 or a CIDR"
    )]
    UnknownSide(String),
    #[error("`{0}` is not a port; expected a port and transport such as 443/tcp or 53/udp")]
    BadPort(String),
}

/// Whether the policy lets the connection through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// One rule allows every address of A to every address of B.
    Allowed,
    /// Rules allow some of A's addresses to some of B's, not all.
    PartlyAllowed,
    Denied,
    /// The topology has no policy and no imported ruleset: nothing decides.
    NotAudited,
}

/// A rule that lets (part of) the connection through.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleRef {
    /// Topology line, or imported file and line.
    pub location: SourceLocation,
    pub description: String,
    /// Allows every address of A to every address of B (else only some).
    pub whole: bool,
}

/// A planned flow that carries the connection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FlowRef {
    pub source: String,
    pub destination: String,
    pub ports: String,
    pub justification: String,
    pub location: Option<SourceLocation>,
    pub requirements: Vec<RequirementRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Answer {
    pub from: String,
    pub to: String,
    pub port: u16,
    pub transport: Transport,
    pub verdict: Verdict,
    /// Rules that allow it, in policy order; the first decides.
    pub rules: Vec<RuleRef>,
    /// Hosts whose traffic is allowed without an imported ruleset (not audited).
    pub unaudited: bool,
    pub flows: Vec<FlowRef>,
}

/// `443/tcp`, `53/udp`, `8472/udp` (a single port: one connection).
pub fn parse_port(text: &str) -> Result<(u16, Transport), ExplainError> {
    let bad = || ExplainError::BadPort(text.to_owned());
    let (port, transport) = text.split_once('/').ok_or_else(bad)?;
    let port: u16 = port.trim().parse().ok().filter(|p| *p > 0).ok_or_else(bad)?;
    let transport = Transport::parse(transport.trim()).ok_or_else(bad)?;
    Ok((port, transport))
}

/// The addresses a side stands for: a host, a zone (hosts first, as the policy reads names),
/// an address or a CIDR.
fn side(topology: &Topology, name: &str) -> Result<(String, AddressSet), ExplainError> {
    if let Some(host) = topology.host(name) {
        return Ok((format!("host {name}"), AddressSet::of_host(topology, host)));
    }
    if let Some(zone) = topology.zone(name) {
        return Ok((format!("zone {name}"), AddressSet::from_nets(zone.nets())));
    }
    if let Ok(address) = name.parse::<IpAddr>() {
        return Ok((format!("address {address}"), AddressSet::from_nets([IpNet::from(address)])));
    }
    if let Ok(net) = name.parse::<IpNet>() {
        return Ok((format!("network {}", net.trunc()), AddressSet::from_nets([net.trunc()])));
    }
    Err(ExplainError::UnknownSide(name.to_owned()))
}

/// The addresses of the hosts whose entry does not place them in `zone` (every host for
/// any), computed once per zone.
///
/// Why: a zone's range, or any, contains hosts that have their own entry elsewhere (`wan:
/// ::/0` holds every host). Matching flows by raw ranges read `wan` as naming `h1`, and listed
/// the outbound flow `h1 → wan` as carrying `wan → h1`. A range stands for the hosts placed
/// in it and for the addresses no host owns, never for another zone's host.
struct OtherHosts<'t> {
    topology: &'t Topology,
    by_zone: BTreeMap<Option<String>, AddressSet>,
}

impl<'t> OtherHosts<'t> {
    fn new(topology: &'t Topology) -> Self {
        Self { topology, by_zone: BTreeMap::new() }
    }

    /// `set` (the range of `zone`, or of any when `None`) without the other zones' hosts.
    fn named_by(&mut self, zone: Option<&str>, set: &AddressSet) -> AddressSet {
        let topology = self.topology;
        let others = self.by_zone.entry(zone.map(str::to_owned)).or_insert_with(|| {
            topology
                .hosts
                .iter()
                .filter(|h| zone != Some(h.zone.value.as_str()))
                .fold(AddressSet::default(), |acc, h| acc.union(&AddressSet::of_host(topology, h)))
        });
        set.minus(others)
    }
}

fn endpoint_set(
    plan: &FlowPlan,
    topology: &Topology,
    others: &mut OtherHosts<'_>,
    endpoint: &Endpoint,
) -> AddressSet {
    match endpoint {
        Endpoint::Any => others.named_by(None, &AddressSet::everything()),
        Endpoint::Zone { name, cidrs } => {
            others.named_by(Some(name), &AddressSet::from_nets(cidrs.iter().copied()))
        }
        Endpoint::Host(h) => AddressSet::from_nets(h.addresses.iter().map(|a| IpNet::from(*a))),
        Endpoint::Group { .. } => plan
            .hosts(endpoint)
            .iter()
            .filter_map(|h| topology.host(&h.name))
            .fold(AddressSet::default(), |acc, h| acc.union(&AddressSet::of_host(topology, h))),
    }
}

/// A side of the question as flows are matched against it: a zone (not also a host's name)
/// without the other zones' hosts; a host, an address or a CIDR as written.
fn side_as_named(
    topology: &Topology,
    others: &mut OtherHosts<'_>,
    name: &str,
    set: &AddressSet,
) -> AddressSet {
    if topology.host(name).is_none() && topology.zone(name).is_some() {
        others.named_by(Some(name), set)
    } else {
        set.clone()
    }
}

/// Explains one connection against `topology` (whose policy may hold imported rules: pass the
/// topology [`super::import`] built).
pub fn explain(
    catalog: &Catalog,
    topology: &Topology,
    from: &str,
    to: &str,
    port: &str,
) -> Result<Answer, ExplainError> {
    let (port, transport) = parse_port(port)?;
    let (from_label, sources) = side(topology, from)?;
    let (to_label, destinations) = side(topology, to)?;
    let cx = Context::new(catalog, topology);
    let mut rules = Vec::new();
    let mut unaudited = false;
    for rule in topology.policy.iter().flatten() {
        let carries = rule
            .ports
            .iter()
            .any(|p| p.value.includes(transport) && p.value.ports.contains_port(port));
        if !carries {
            continue;
        }
        let resolve = |side: &[crate::topology::Located<crate::topology::PolicyEndpoint>]| {
            side.iter()
                .filter_map(|e| cx.resolve(&e.value))
                .fold(AddressSet::default(), |acc, s| acc.union(&s))
        };
        let (rule_from, rule_to) = (resolve(&rule.from), resolve(&rule.to));
        let from_part = rule_from.intersection(&sources);
        let to_part = rule_to.intersection(&destinations);
        if from_part.is_empty() || to_part.is_empty() {
            continue;
        }
        let location = topology.rule_location(rule);
        if location.file == UNAUDITED {
            unaudited = true;
            continue;
        }
        rules.push(RuleRef {
            location,
            description: rule.describe(),
            whole: from_part == sources && to_part == destinations,
        });
    }
    let verdict = if topology.policy.is_none() {
        Verdict::NotAudited
    } else if rules.iter().any(|r| r.whole) {
        Verdict::Allowed
    } else if unaudited && rules.is_empty() {
        Verdict::NotAudited
    } else if rules.is_empty() {
        Verdict::Denied
    } else {
        Verdict::PartlyAllowed
    };
    let single = PortRange::single(port).ok();
    // The question's sides as flows are matched: a zone asked about names its own hosts only.
    let mut others = OtherHosts::new(topology);
    let (flow_sources, flow_destinations) = (
        side_as_named(topology, &mut others, from, &sources),
        side_as_named(topology, &mut others, to, &destinations),
    );
    let flows = cx
        .plan
        .flows
        .iter()
        .filter(|f| {
            f.transport == transport
                && single.is_some_and(|p| f.ports.contains(p))
                && !endpoint_set(&cx.plan, topology, &mut others, &f.source)
                    .intersection(&flow_sources)
                    .is_empty()
                && !endpoint_set(&cx.plan, topology, &mut others, &f.destination)
                    .intersection(&flow_destinations)
                    .is_empty()
        })
        .map(|f| FlowRef {
            source: f.source.label(),
            destination: f.destination.label(),
            ports: format!("{}/{}", f.ports, f.transport),
            justification: f.justification.to_string(),
            location: f.location.as_deref().cloned(),
            requirements: cx.requirements_of(f).into_iter().map(RequirementRef::new).collect(),
        })
        .collect();
    Ok(Answer { from: from_label, to: to_label, port, transport, verdict, rules, unaudited, flows })
}

impl Answer {
    /// The answer in a few lines of text (links relative to the site, or under `site`).
    pub fn to_text(&self, site: Option<&str>) -> String {
        let mut out = String::new();
        let verdict = match self.verdict {
            Verdict::Allowed => "allowed",
            Verdict::PartlyAllowed => "partly allowed (only some of the addresses)",
            Verdict::Denied => "denied",
            Verdict::NotAudited => "not audited (no policy or ruleset decides it)",
        };
        let _ = writeln!(
            out,
            "{} → {} on {}/{}: {verdict}",
            self.from, self.to, self.port, self.transport
        );
        for (i, rule) in self.rules.iter().enumerate() {
            let what = if i == 0 { "by" } else { "also" };
            let part = if rule.whole { "" } else { " (in part)" };
            let _ = writeln!(out, "  {what} rule {}{part} at {}", rule.description, rule.location);
        }
        if self.verdict == Verdict::Denied {
            let _ = writeln!(out, "  no rule of the audited policy allows it");
        }
        if self.flows.is_empty() {
            let _ = writeln!(
                out,
                "  no planned flow needs it: no requirement of the documents asks for this connection"
            );
        }
        for flow in &self.flows {
            let _ = writeln!(
                out,
                "  carried by the planned flow {} → {} {} ({})",
                flow.source, flow.destination, flow.ports, flow.justification
            );
            for r in &flow.requirements {
                let link = match site {
                    Some(base) => format!("{}/{}", base.trim_end_matches('/'), r.link),
                    None => r.link.clone(),
                };
                let _ = writeln!(
                    out,
                    "    needed by {} {} ({}:{}) {link}",
                    r.id, r.summary, r.source.file, r.source.line
                );
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Direction;
    use crate::topology::testkit::{catalog, platform, req, with_peer};

    /// Regression (`wan → h1` carried by `h1 → wan`): with zone `wan` as `::/0`, the range
    /// contained h1 itself, so h1's egress to wan was listed as carrying wan → h1.
    #[test]
    fn regression_zone_range_holding_a_host_does_not_name_it() {
        let cat = catalog(vec![platform(
            "lm",
            vec![
                with_peer(req("lm/agent", "r-1", "443", "tcp", Direction::Outbound), "lm/cloud"),
                req("lm/agent", "r-2", "8443", "tcp", Direction::Inbound),
            ],
            &["lm/cloud"],
        )]);
        let text = "zones:\n  wan: { cidrs: ['::/0'], trust: untrusted }\n  lan: { cidrs: ['fd00::/64'] }\nhosts:\n  h1: { zone: lan, address: 'fd00::1', roles: [lm/agent] }\nclients: { lm/agent: [wan] }\npeers: { lm/r-1: [wan], lm/r-2: [wan] }\n";
        let topology =
            crate::topology::parse(text, "t.yaml", crate::topology::Format::Yaml).expect("parses");
        let flows = |from: &str, to: &str, port: &str| -> Vec<String> {
            let answer = explain(&cat, &topology, from, to, port).expect("answers");
            answer.flows.iter().map(|f| format!("{} → {}", f.source, f.destination)).collect()
        };
        // The egress is h1 → wan, and only that way round.
        assert_eq!(flows("h1", "wan", "443/tcp"), ["host h1 → zone wan"]);
        assert!(flows("wan", "h1", "443/tcp").is_empty());
        // The inbound port is carried from wan to h1, not from h1 to wan.
        assert_eq!(flows("wan", "h1", "8443/tcp"), ["zone wan → host h1"]);
        assert!(flows("h1", "wan", "8443/tcp").is_empty());
        // An address typed as it is still matches what contains it.
        assert_eq!(flows("fd00::9", "h1", "8443/tcp"), ["zone wan → host h1"]);
    }
}
