//! Is a policy rule covered by the union of earlier rules? Decided exactly, for
//! `P053-rule-redundant`.
//!
//! A rule is `sources × destinations × ports` per transport and IP family. Cut the rule's
//! destinations where an overlapping earlier rule's destinations start or end: on each piece
//! the same earlier rules apply. Cut its ports the same way among those rules: on each
//! (destination piece, port piece) the question is one-dimensional, "are the rule's sources
//! inside the union of those rules' sources?". Pieces with the same set of applying rules ask
//! the same question, so answers are memoised per set. The work is polynomial (there is no
//! splitting into ever smaller boxes), but a hostile policy of thousands of mutually
//! overlapping staircase rules can still ask billions of questions: past [`WORK_LIMIT`] steps
//! for the whole policy the rules left are reported as undecided, never silently passed over.

use rustc_hash::FxHashMap as HashMap;

use super::space::{AddressSet, Family, Span};
use crate::model::{PortRange, Transport};

/// Steps (piece × rule membership tests and union spans) allowed for one policy: about a
/// tenth of a second of work.
pub const WORK_LIMIT: usize = 20_000_000;

/// What a policy rule allows: its resolved sides and its ports.
#[derive(Debug, Clone, Default)]
pub struct RuleSpace {
    pub from: AddressSet,
    pub to: AddressSet,
    pub ports: Vec<(PortRange, Transport)>,
    /// Sorted indices of the hosts whose own firewall holds the rule (an imported ruleset);
    /// empty for a network rule ([`crate::topology::PolicyRule::held_by`]).
    pub held_by: Vec<usize>,
}

impl RuleSpace {
    /// Can this rule stand in for `other`? A network rule can for any; a host's rule only for
    /// rules of its own hosts: one box's accept on a shared VIP is not the other box's.
    fn decides_for(&self, other: &RuleSpace) -> bool {
        self.held_by.is_empty()
            || (!other.held_by.is_empty()
                && other.held_by.iter().all(|h| self.held_by.binary_search(h).is_ok()))
    }
}

impl RuleSpace {
    /// The rule's port spans for one transport, sorted and merged.
    fn port_spans(&self, transport: Transport) -> Vec<Span> {
        let mut spans: AddressSet = AddressSet::default();
        for (range, t) in &self.ports {
            if *t == transport {
                spans.push(
                    Family::V4,
                    Span::new(u128::from(range.start()), u128::from(range.end())),
                );
            }
        }
        spans.normalize();
        spans.v4
    }

    fn transports(&self) -> Vec<Transport> {
        let mut out: Vec<Transport> = self.ports.iter().map(|(_, t)| *t).collect();
        crate::order::sort_dedup(&mut out);
        out
    }

    /// True when the rule allows nothing (a side without addresses of the other's family).
    pub fn is_empty(&self) -> bool {
        Family::BOTH
            .iter()
            .all(|f| self.from.family(*f).is_empty() || self.to.family(*f).is_empty())
            || self.ports.is_empty()
    }
}

/// The answer for one rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cover {
    /// Earlier rules together allow everything it allows; the indices of those that overlap it.
    Covered(Vec<usize>),
    NotCovered,
    /// The work limit was reached before an answer.
    Undecided,
}

fn meets(a: &[Span], b: &[Span]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i].start <= b[j].end && b[j].start <= a[i].end {
            return true;
        }
        if a[i].end < b[j].end { i += 1 } else { j += 1 }
    }
    false
}

fn contains_span(spans: &[Span], piece: Span) -> bool {
    let at = spans.partition_point(|s| s.end < piece.start);
    spans.get(at).is_some_and(|s| s.start <= piece.start && piece.end <= s.end)
}

/// Elementary pieces of `within` cut at every start and end of `cuts`.
fn pieces(within: &[Span], cuts: impl Iterator<Item = Span>) -> Vec<Span> {
    let mut points: Vec<u128> = Vec::new();
    for s in cuts {
        points.push(s.start);
        if let Some(after) = s.end.checked_add(1) {
            points.push(after);
        }
    }
    points.sort_unstable();
    points.dedup();
    let mut out = Vec::new();
    for span in within {
        let mut start = span.start;
        let from = points.partition_point(|p| *p <= span.start);
        for &p in &points[from..] {
            if p > span.end {
                break;
            }
            out.push(Span::new(start, p - 1));
            start = p;
        }
        out.push(Span::new(start, span.end));
    }
    out
}

/// Work left for the coverage questions of one policy.
#[derive(Debug, Clone)]
pub struct Budget {
    left: usize,
}

impl Budget {
    pub fn new(limit: usize) -> Self {
        Self { left: limit }
    }

    fn spend(&mut self, steps: usize) -> bool {
        self.left = self.left.saturating_sub(steps);
        self.left > 0
    }
}

/// Is rule `index` covered by the union of `rules[..index]`? Spends from `budget`.
pub fn covered_by_earlier(rules: &[RuleSpace], index: usize, budget: &mut Budget) -> Cover {
    let Some(rule) = rules.get(index) else { return Cover::NotCovered };
    if rule.is_empty() {
        return Cover::NotCovered;
    }
    let mut overlapping: Vec<usize> = Vec::new();
    for family in Family::BOTH {
        let (from, to) = (rule.from.family(family), rule.to.family(family));
        if from.is_empty() || to.is_empty() {
            continue;
        }
        for transport in rule.transports() {
            let ports = rule.port_spans(transport);
            // Earlier rules meeting this part of the rule in all three dimensions.
            let candidates: Vec<(usize, Vec<Span>)> = rules[..index]
                .iter()
                .enumerate()
                .filter(|(_, r)| {
                    r.decides_for(rule)
                        && meets(r.from.family(family), from)
                        && meets(r.to.family(family), to)
                })
                .filter_map(|(j, r)| {
                    let theirs = r.port_spans(transport);
                    meets(&theirs, &ports).then_some((j, theirs))
                })
                .collect();
            overlapping.extend(candidates.iter().map(|(j, _)| *j));
            let destination_pieces = pieces(
                to,
                candidates.iter().flat_map(|(j, _)| rules[*j].to.family(family).iter().copied()),
            );
            let mut memo: HashMap<Vec<usize>, bool> = HashMap::default();
            for piece in destination_pieces {
                if !budget.spend(candidates.len()) {
                    return Cover::Undecided;
                }
                // Positions into `candidates` of the rules reaching the whole piece.
                let applying: Vec<usize> = (0..candidates.len())
                    .filter(|&c| contains_span(rules[candidates[c].0].to.family(family), piece))
                    .collect();
                let covered = match memo.get(&applying) {
                    Some(&answer) => answer,
                    None => {
                        let Some(answer) = ports_covered(
                            rules,
                            &candidates,
                            &applying,
                            from,
                            family,
                            &ports,
                            budget,
                        ) else {
                            return Cover::Undecided;
                        };
                        memo.insert(applying, answer);
                        answer
                    }
                };
                if !covered {
                    return Cover::NotCovered;
                }
            }
        }
    }
    overlapping.sort_unstable();
    overlapping.dedup();
    Cover::Covered(overlapping)
}

/// On one destination piece: for every port of `ports`, are `from`'s addresses inside the
/// union of the sources of the applying rules that allow that port? `None`: out of budget.
fn ports_covered(
    rules: &[RuleSpace],
    candidates: &[(usize, Vec<Span>)],
    applying: &[usize],
    from: &[Span],
    family: Family,
    ports: &[Span],
    budget: &mut Budget,
) -> Option<bool> {
    let port_pieces = pieces(ports, applying.iter().flat_map(|&c| candidates[c].1.iter().copied()));
    let target = AddressSet::from_spans_list(family, from);
    let mut memo: HashMap<Vec<usize>, bool> = HashMap::default();
    for piece in port_pieces {
        if !budget.spend(applying.len()) {
            return None;
        }
        let open: Vec<usize> =
            applying.iter().copied().filter(|&c| contains_span(&candidates[c].1, piece)).collect();
        if let Some(&answer) = memo.get(&open) {
            if !answer {
                return Some(false);
            }
            continue;
        }
        let mut union = AddressSet::default();
        let mut spans = 0;
        for &c in &open {
            let theirs = rules[candidates[c].0].from.family(family);
            spans += theirs.len();
            for span in theirs {
                union.push(family, *span);
            }
        }
        if !budget.spend(spans) {
            return None;
        }
        union.normalize();
        let answer = target.minus(&union).is_empty();
        memo.insert(open, answer);
        if !answer {
            return Some(false);
        }
    }
    Some(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ipnet::IpNet;

    fn set(nets: &[&str]) -> AddressSet {
        AddressSet::from_nets(nets.iter().map(|n| n.parse::<IpNet>().expect("net")))
    }

    fn covered(rules: &[RuleSpace], index: usize) -> Cover {
        covered_by_earlier(rules, index, &mut Budget::new(WORK_LIMIT))
    }

    fn rule(from: &[&str], to: &[&str], ports: &[(u16, u16)]) -> RuleSpace {
        RuleSpace {
            from: set(from),
            to: set(to),
            ports: ports
                .iter()
                .map(|(a, b)| (PortRange::new(*a, *b).expect("ports"), Transport::Tcp))
                .collect(),
            held_by: Vec::new(),
        }
    }

    /// Regression (VIP rule called redundant): two balancers' files each accept on the VIP
    /// they share; the second box's accept was "covered" by the first box's and its removal
    /// advised, which cuts the clients off whenever the second box holds the address.
    #[test]
    fn regression_one_boxs_accept_on_a_shared_vip_was_said_to_cover_the_other_boxs() {
        let mut first = rule(&["0.0.0.0/0"], &["192.0.2.10/32"], &[(443, 443)]);
        first.held_by = vec![0];
        let mut second = first.clone();
        second.held_by = vec![1];
        assert!(matches!(covered(&[first.clone(), second], 1), Cover::NotCovered));
        // The same box's rule twice is redundant; a network rule covers any box's.
        let again = first.clone();
        assert!(matches!(covered(&[first, again.clone()], 1), Cover::Covered(_)));
        let network = rule(&["0.0.0.0/0"], &["192.0.2.0/24"], &[(1, 65535)]);
        assert!(matches!(covered(&[network, again], 1), Cover::Covered(_)));
    }

    #[test]
    fn union_of_two_rules_covers_what_neither_covers_alone() {
        let a = rule(&["10.0.0.0/25"], &["10.1.0.0/24"], &[(1, 65535)]);
        let b = rule(&["10.0.0.128/25"], &["10.1.0.0/24"], &[(1, 1000)]);
        let target = rule(&["10.0.0.0/24"], &["10.1.0.5/32"], &[(80, 443)]);
        assert_eq!(covered(&[a.clone(), target.clone()], 1), Cover::NotCovered);
        assert_eq!(covered(&[b.clone(), target.clone()], 1), Cover::NotCovered);
        assert_eq!(covered(&[a, b, target], 2), Cover::Covered(vec![0, 1]));
    }

    #[test]
    fn a_gap_in_ports_or_destinations_is_found() {
        let low = rule(&["10.0.0.0/24"], &["10.1.0.0/24"], &[(1, 442)]);
        let high = rule(&["10.0.0.0/24"], &["10.1.0.0/24"], &[(444, 65535)]);
        let all = rule(&["10.0.0.0/24"], &["10.1.0.0/24"], &[(1, 65535)]);
        assert_eq!(covered(&[low.clone(), high.clone(), all.clone()], 2), Cover::NotCovered);
        let left = rule(&["10.0.0.0/24"], &["10.1.0.0/25"], &[(1, 65535)]);
        let right = rule(&["10.0.0.0/24"], &["10.1.0.128/26"], &[(1, 65535)]);
        assert_eq!(covered(&[left, right, all], 2), Cover::NotCovered);
    }

    /// Thousands of one-address, one-port rules that together cover a /24 on 100 ports: the
    /// old box-splitting gave up after 20,000 steps and said nothing; this is decided exactly.
    #[test]
    fn a_union_of_ten_thousand_small_rules_is_decided() {
        let mut rules = Vec::new();
        for port in 0..100u16 {
            for host in 0..100u32 {
                let source = format!("10.0.{}.{}/32", host / 256, host % 256);
                rules.push(rule(&[&source], &["10.1.0.0/24"], &[(1000 + port, 1000 + port)]));
            }
        }
        rules.push(rule(
            &["10.0.0.0/26", "10.0.0.64/27", "10.0.0.96/30"],
            &["10.1.0.7/32"],
            &[(1000, 1099)],
        ));
        let last = rules.len() - 1;
        assert!(matches!(covered(&rules, last), Cover::Covered(_)));
        // One port fewer in the earlier rules: not covered, still decided.
        rules.retain(|r| r.ports[0].0.start() != 1050 || r.from != set(&["10.0.0.3/32"]));
        let last = rules.len() - 1;
        assert_eq!(covered(&rules, last), Cover::NotCovered);
    }

    /// A hostile staircase (every earlier rule a different destination and port window) runs
    /// into the work limit: the answer is "undecided", which the check reports.
    #[test]
    fn hostile_staircase_is_undecided_not_silent() {
        let mut rules = Vec::new();
        for k in 0..300u32 {
            let to = format!("10.1.{}.{}/32", k / 256, k % 256);
            let ports = (1000 + u16::try_from(k).expect("k"), 2000 + u16::try_from(k).expect("k"));
            rules.push(rule(&[&format!("10.0.{}.0/24", k % 7)], &[&to, "10.1.128.0/17"], &[ports]));
        }
        // A wide rule, then the same again: redundant, but only after every piece is judged.
        rules.push(rule(&["10.0.0.0/21"], &["10.1.0.0/16"], &[(1000, 2300)]));
        rules.push(rule(&["10.0.0.0/21"], &["10.1.0.0/16"], &[(1000, 2300)]));
        let last = rules.len() - 1;
        assert_eq!(covered_by_earlier(&rules, last, &mut Budget::new(10_000)), Cover::Undecided);
        // With room to work, the same question is answered.
        assert!(matches!(
            covered_by_earlier(&rules, last, &mut Budget::new(usize::MAX)),
            Cover::Covered(_)
        ));
    }
}
