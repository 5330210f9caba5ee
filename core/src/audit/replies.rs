//! Replies. A stateful host firewall lets the answers of a connection through by accepting
//! established traffic (`ct state established,related accept`, `--ctstate
//! RELATED,ESTABLISHED -j ACCEPT`): the accepts for new connections match only their first
//! direction. Without that accept before the chain's drops, the input chains drop the replies
//! to every connection the host opens, and the output chains the replies to every connection
//! it accepts: the flows fail although each rule for them is there. A P050 at the line that
//! drops them, carrying the flows' requirements.

use super::model::{Chain, Hook, Match, Ruleset, Verdict};
use std::net::IpAddr;

use crate::check::Finding;
use crate::data::Position;
use crate::diagnostic::SourceLocation;
use crate::model::{Catalog, IpFamily, Necessity};
use crate::plan::{Endpoint, Flow, FlowPlan};

const FLOW_BLOCKED: &str = "P050-flow-blocked";
/// Flows named in the message before "… N flows in all".
const NAMED: usize = 3;
/// Chains followed from a base chain (a jump loop or a deep graph stops the search there).
const MAX_CHAINS: usize = 256;

/// Where the base chains on `hook` drop the replies of established connections: the first
/// drop of everything (or the dropping policy) reached without an accept of established
/// traffic before it; `None` when they accept them or drop nothing by default.
pub(super) fn dropped_at(ruleset: &Ruleset, hook: Hook) -> Option<(Position, Option<IpFamily>)> {
    ruleset.chains.iter().filter(|c| c.hook == Some(hook)).find_map(|base| {
        let mut seen: Vec<&str> = Vec::new();
        match first_verdict(ruleset, base, &mut seen) {
            Some(Some(at)) => Some((at, base.family)),
            Some(None) => None,
            None => match &base.policy {
                Some((Verdict::Drop, at)) => Some((*at, base.family)),
                _ => None,
            },
        }
    })
}

/// Walks `chain` (and the chains it jumps to) in order: `Some(None)` at an accept of
/// established traffic (or of everything), `Some(Some(at))` at a drop of everything, `None`
/// when neither is met.
fn first_verdict<'r>(
    ruleset: &'r Ruleset,
    chain: &'r Chain,
    seen: &mut Vec<&'r str>,
) -> Option<Option<Position>> {
    if seen.contains(&chain.name.as_str()) || seen.len() >= MAX_CHAINS {
        return None;
    }
    seen.push(&chain.name);
    // (iptables-save gives every match its file's family.)
    let everything = |m: &Match| *m == Match { family: m.family, ..Match::default() };
    for rule in &chain.rules {
        match &rule.verdict {
            Verdict::Accept if rule.matcher.replies || everything(&rule.matcher) => {
                return Some(None);
            }
            Verdict::Drop if everything(&rule.matcher) => return Some(Some(rule.at)),
            Verdict::Return if everything(&rule.matcher) => return None,
            Verdict::Jump(target) | Verdict::Goto(target) => {
                let Some(callee) = ruleset.chain(target) else { continue };
                match first_verdict(ruleset, callee, seen) {
                    // A drop behind a jump of some traffic only (a blacklist chain) is not
                    // where everything else ends.
                    Some(Some(_)) if !everything(&rule.matcher) => {}
                    Some(found) => return Some(found),
                    None => {}
                }
            }
            _ => {}
        }
    }
    None
}

/// The P050s of the replies `ruleset` (of host `host`, read from `file`) drops: one for its
/// input chains (the replies to the flows the host starts), one for its output chains (to
/// the flows it accepts).
pub fn blocked(
    catalog: &Catalog,
    plan: &FlowPlan,
    host: &str,
    addresses: &[IpAddr],
    ruleset: &Ruleset,
    file: &str,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for (hook, starts) in [(Hook::Input, true), (Hook::Output, false)] {
        let Some((at, family)) = dropped_at(ruleset, hook) else { continue };
        let flows: Vec<&Flow> = plan
            .flows
            .iter()
            .filter(|f| {
                let (own, peer) =
                    if starts { (&f.source, &f.destination) } else { (&f.destination, &f.source) };
                plan.hosts(own).iter().any(|h| h.name == host)
                    && family.is_none_or(|family| shares(plan, addresses, peer, family))
            })
            .collect();
        if flows.is_empty() {
            continue;
        }
        out.push(finding(
            catalog,
            host,
            starts,
            &flows,
            SourceLocation::new(file, at.line, at.column),
        ));
    }
    out
}

/// Whether the host (at `addresses`) and `peer` both have an address of `family` (the
/// chain sees only that family).
fn shares(plan: &FlowPlan, addresses: &[IpAddr], peer: &Endpoint, family: IpFamily) -> bool {
    let of = |a: &IpAddr| IpFamily::of_address(*a) == family;
    let peer = match peer {
        Endpoint::Any => true,
        Endpoint::Zone { cidrs, .. } => cidrs.iter().any(|c| of(&c.addr())),
        other => plan.hosts(other).iter().any(|h| h.addresses.iter().any(of)),
    };
    addresses.iter().any(of) && peer
}

fn finding(
    catalog: &Catalog,
    host: &str,
    starts: bool,
    flows: &[&Flow],
    at: SourceLocation,
) -> Finding {
    let mut named: Vec<String> = Vec::new();
    for flow in flows {
        let text = format!(
            "{} → {} on {}/{}",
            flow.source.label(),
            flow.destination.label(),
            flow.ports,
            flow.transport
        );
        if named.len() < NAMED && !named.contains(&text) {
            named.push(text);
        }
    }
    let more = if flows.len() > named.len() {
        format!(", … {} flows in all", flows.len())
    } else {
        String::new()
    };
    let (chains, whose) = if starts {
        ("input", format!("the connections {host} opens"))
    } else {
        ("output", format!("the connections {host} accepts"))
    };
    let message = format!(
        "the {chains} chains of host {host} accept no established connection before this drop: the replies to {whose} are dropped, so those flows fail ({}{more})",
        named.join(", ")
    );
    let required = flows.iter().any(|f| f.necessity == Necessity::Required);
    let finding = if required {
        Finding::error(FLOW_BLOCKED, message)
    } else {
        Finding::warning(FLOW_BLOCKED, message)
    };
    let mut ids: Vec<&str> =
        flows.iter().flat_map(|f| f.requirements.iter().map(String::as_str)).collect();
    crate::order::sort_dedup(&mut ids);
    finding.at(at).requirements(ids.into_iter().filter_map(|id| catalog.requirement(id))).help(format!(
        "accept established traffic first in the {chains} chain: nft `ct state established,related accept`, iptables `-m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`"
    ))
}
