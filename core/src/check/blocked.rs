//! Planned flows the audited policy does not allow, one finding per missing rule.
//!
//! Blocked flows with the same source, port range and transport whose destinations lie in one
//! zone need one rule (`from: source, to: those hosts, ports: [range]`), so they make one
//! finding: it names the rule to add, counts and lists the destinations, is located at the
//! first (in file order) role entry that brought one of the flows in, points at a few of the
//! others, and carries every requirement behind the flows. A topology of thousands of hosts
//! missing one rule gets one finding, not thousands.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::fmt::Write as _;

use super::RequirementRef;
use super::grid::{Blocked, Grid};
use super::{Check, Context, Finding};
use crate::diagnostic::SourceLocation;
use crate::model::{Necessity, PortRange, Transport};
use crate::plan::{Endpoint, Flow, FlowPlan, HostRef};
use crate::text::printable;
use crate::topology::Topology;
use rustc_hash::FxHashMap;

pub(crate) const CHECK: Check = Check { code: "P050-flow-blocked", run };

/// Destinations listed by name in a message before "and N more".
const NAMED_DESTINATIONS: usize = 4;
/// Other affected role entries shown as related locations.
const RELATED_LOCATIONS: usize = 5;
/// Hosts written out in a suggested rule before "… N hosts in all".
const RULE_HOSTS: usize = 6;

/// Where the destinations of one missing rule lie.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Destinations<'p> {
    /// Hosts of this zone.
    Zone(&'p str),
    /// Any other endpoint (a zone, a group, any) on its own.
    Endpoint(&'p Endpoint),
}

type RuleKey<'p> = (&'p Endpoint, PortRange, Transport, Destinations<'p>);

/// The rule one P050 asks for, as a [`RulesetFix`] needs it.
#[derive(Clone, Copy)]
pub struct BlockedFix<'a> {
    /// The destinations' hosts; empty when a destination is a zone or any address.
    pub destinations: &'a [&'a HostRef],
    pub source: &'a Endpoint,
    pub ports: PortRange,
    pub transport: Transport,
    /// The flows' justifications, for the help's closing parenthesis.
    pub why: &'a str,
}

/// Writes a P050's fix in the syntax of the destinations' imported ruleset; `None` leaves the
/// topology `policy` rule. The audit's writer ([`crate::check::check_with`]) is handed in, not
/// called, so that the checks of a topology alone (the checker page's base module) do not link it.
pub type RulesetFix = fn(&Context<'_>, &BlockedFix<'_>) -> Option<String>;

/// The blocked flows one rule would let through.
struct MissingRule<'p> {
    flows: Vec<(&'p Flow, Blocked)>,
}

/// How a set of hosts is written in a policy rule: their zone when they are all of its hosts,
/// else their names (cut after a few, with the count).
fn rule_hosts(topology: &Topology, hosts: &[&HostRef]) -> String {
    if let Some(first) = hosts.first()
        && hosts.len() > 1
        && hosts.iter().all(|h| h.zone == first.zone)
    {
        let in_zone = topology.hosts.iter().filter(|h| h.zone.value == first.zone).count();
        if hosts.len() >= in_zone {
            let mut names: Vec<&str> = hosts.iter().map(|h| h.name.as_str()).collect();
            crate::order::sort_dedup(&mut names);
            if names.len() == in_zone {
                return printable(&first.zone);
            }
        }
    }
    let names: Vec<String> = hosts.iter().take(RULE_HOSTS).map(|h| printable(&h.name)).collect();
    match hosts {
        [one] => printable(&one.name),
        _ if hosts.len() > names.len() => {
            format!("[{}, … {} hosts in all]", names.join(", "), hosts.len())
        }
        _ => format!("[{}]", names.join(", ")),
    }
}

/// How a flow endpoint is written in a policy rule.
pub(crate) fn rule_endpoint(plan: &FlowPlan, topology: &Topology, endpoint: &Endpoint) -> String {
    match endpoint {
        Endpoint::Any => "any".to_owned(),
        Endpoint::Zone { name, .. } => printable(name),
        Endpoint::Host(host) => printable(&host.name),
        Endpoint::Group { .. } => rule_hosts(topology, &plan.hosts(endpoint)),
    }
}

/// Where a flow's role entry is (the plan's locations are all in the topology file).
fn place(flow: &Flow) -> Option<(u32, u32)> {
    flow.location.as_deref().map(|l| (l.line, l.column))
}

fn destinations_key(endpoint: &Endpoint) -> Destinations<'_> {
    match endpoint {
        Endpoint::Host(host) => Destinations::Zone(&host.zone),
        other => Destinations::Endpoint(other),
    }
}

fn run(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(grid) = &cx.grid else { return };
    let mut grid = grid.borrow_mut();
    let mut rules: Vec<MissingRule<'_>> = Vec::new();
    let mut by_key: FxHashMap<RuleKey<'_>, usize> = FxHashMap::default();
    for flow in &cx.plan.flows {
        let Some(blocked) = grid.blocked(&cx.plan, flow) else { continue };
        let key = (&flow.source, flow.ports, flow.transport, destinations_key(&flow.destination));
        let at = *by_key.entry(key).or_insert_with(|| {
            rules.push(MissingRule { flows: Vec::new() });
            rules.len() - 1
        });
        rules[at].flows.push((flow, blocked));
    }
    // Many flows share requirements: build each reference once.
    let mut references: HashMap<&str, RequirementRef> = HashMap::default();
    for rule in &rules {
        out.push(finding(cx, &grid, rule, &mut references));
    }
}

fn finding<'a>(
    cx: &'a Context<'_>,
    grid: &Grid,
    rule: &MissingRule<'a>,
    references: &mut HashMap<&'a str, RequirementRef>,
) -> Finding {
    let (first, first_blocked) = rule.flows[0];
    let necessity = rule.flows.iter().map(|(f, _)| f.necessity).min().unwrap_or(first.necessity);
    // Destinations in file order (of the role entries that brought their flows in).
    let mut in_order: Vec<&Flow> = rule.flows.iter().map(|(f, _)| *f).collect();
    crate::order::sort_by(&mut in_order, &|a, b| place(a).cmp(&place(b)));
    let destinations: Vec<&Endpoint> = in_order.iter().map(|f| &f.destination).collect();
    // The representative: the first role entry (in file order) behind one of the flows.
    let (representative, blocked) = rule
        .flows
        .iter()
        .min_by_key(|(f, _)| place(f))
        .map_or((first, first_blocked), |(f, b)| (*f, *b));
    let wholly = rule.flows.iter().any(|(_, b)| !b.partly);
    let message = if let [(flow, blocked)] = rule.flows.as_slice() {
        format!(
            "the policy {} {} → {} on {}/{} ({}){}",
            if blocked.partly { "does not fully allow" } else { "does not allow" },
            flow.source.label(),
            flow.destination.label(),
            flow.ports,
            flow.transport,
            flow.necessity.as_str(),
            if blocked.partly {
                format!(": e.g. {} is denied", grid.witness(blocked).describe())
            } else {
                String::new()
            }
        )
    } else {
        let mut names: Vec<String> =
            destinations.iter().take(NAMED_DESTINATIONS).map(|d| d.name().to_owned()).collect();
        if destinations.len() > names.len() {
            names.push(format!("{} more", destinations.len() - names.len()));
        }
        let place = match destinations_key(destinations[0]) {
            Destinations::Zone(zone) => format!("{} hosts in zone {zone}", destinations.len()),
            Destinations::Endpoint(_) => format!("{} destinations", destinations.len()),
        };
        let mut text = format!(
            "the policy {} {} → {place} ({}) on {}/{} ({})",
            if wholly { "does not allow" } else { "does not fully allow" },
            first.source.label(),
            names.join(", "),
            first.ports,
            first.transport,
            necessity.as_str(),
        );
        if blocked.partly || !wholly {
            let _ = write!(text, ": e.g. {} is denied", grid.witness(&blocked).describe());
        }
        text
    };
    let to = match destinations.as_slice() {
        [one] => rule_endpoint(&cx.plan, cx.topology, one),
        many if many.iter().all(|d| matches!(d, Endpoint::Host(_))) => {
            let hosts: Vec<&HostRef> = many
                .iter()
                .filter_map(|d| if let Endpoint::Host(h) = d { Some(&**h) } else { None })
                .collect();
            rule_hosts(cx.topology, &hosts)
        }
        many => format!(
            "[{}]",
            many.iter()
                .map(|d| rule_endpoint(&cx.plan, cx.topology, d))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let mut justifications: Vec<&str> = Vec::new();
    for (flow, _) in &rule.flows {
        if justifications.len() < 3 && !justifications.contains(&&*flow.justification) {
            justifications.push(&flow.justification);
        }
    }
    let mut destination_hosts: Vec<&HostRef> = Vec::new();
    for d in &destinations {
        let hosts = cx.plan.hosts(d);
        if hosts.is_empty() {
            // A zone or any: no one host's file holds the fix.
            destination_hosts.clear();
            break;
        }
        destination_hosts.extend(hosts);
    }
    let why = justifications.join("; ");
    let fix = BlockedFix {
        destinations: &destination_hosts,
        source: &first.source,
        ports: first.ports,
        transport: first.transport,
        why: &why,
    };
    let help = cx.ruleset_fix.and_then(|write| write(cx, &fix)).unwrap_or_else(|| {
        format!(
            "add the rule `- {{ from: {}, to: {to}, ports: [{}/{}] }}` ({why})",
            rule_endpoint(&cx.plan, cx.topology, &first.source),
            first.ports,
            first.transport,
        )
    });
    let mut finding = if necessity == Necessity::Required {
        Finding::error(CHECK.code, message)
    } else {
        Finding::warning(CHECK.code, message)
    }
    .at_opt(representative.location.as_deref().cloned())
    .help(help);
    // A few other affected role entries, in file order.
    let mut others: Vec<(&SourceLocation, &Endpoint)> = rule
        .flows
        .iter()
        .filter_map(|(f, _)| f.location.as_deref().map(|l| (l, &f.destination)))
        .filter(|(l, _)| Some(*l) != representative.location.as_deref())
        .collect();
    crate::order::sort_by(&mut others, &|a, b| (a.0.line, a.0.column).cmp(&(b.0.line, b.0.column)));
    others.dedup_by(|a, b| a.0 == b.0);
    for (location, destination) in others.into_iter().take(RELATED_LOCATIONS) {
        finding =
            finding.related(location.clone(), format!("also blocked: {}", destination.label()));
    }
    let mut seen: HashSet<&str> = HashSet::default();
    for (flow, _) in &rule.flows {
        for id in flow.requirements.iter() {
            if !seen.insert(id) {
                continue;
            }
            if let Some(r) = cx.requirement(id) {
                let reference =
                    references.entry(r.id.as_str()).or_insert_with(|| RequirementRef::new(r));
                finding.requirements.push(reference.clone());
            }
        }
    }
    finding
}
