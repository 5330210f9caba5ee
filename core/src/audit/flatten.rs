//! What a ruleset lets in: its input chains walked in order, jumps followed into user chains,
//! and every accept minus the drops (and returns) before it. The result is a list of allowed
//! boxes, each with the line of the rule (or default policy) that allows it.
//!
//! Conservative reading, always said in a note: a match Portolan does not model (a mark,
//! `recent`, a rate limit, an interface other than loopback) is read as matching on an accept,
//! as not matching on a drop, and on a return as sparing its traffic from the drops after it
//! (not from the accepts), so nothing the firewall might let in is missed.

use super::marks::{History, Mark};
use super::model::{Chain, Hook, Match, NatTarget, Note, Ruleset, Translation, Verdict};
use super::region::Region;
use crate::check::space::AddressSet;
use crate::data::Position;

/// Jumps followed before the walk gives up (a loop, or a chain graph too deep to be real).
const MAX_DEPTH: usize = 32;
/// Pieces an accept may be cut into by earlier drops before the walk stops cutting it.
const MAX_PIECES: usize = 512;
/// Rules visited in all (a chain jumping to itself twice would otherwise double the work at
/// every level): past it, jumps are no longer followed.
const MAX_STEPS: usize = 200_000;

const DEAD_ACCEPT: &str = "this accept never matches a new connection: earlier rules already drop or return all of its traffic";

/// Traffic the ruleset accepts, and the rule that accepts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Allowed {
    pub at: Position,
    pub region: Region,
}

struct Walk<'r> {
    ruleset: &'r Ruleset,
    out: Vec<Allowed>,
    notes: Vec<Note>,
    /// Traffic already dropped, by any chain walked so far.
    dropped: Vec<Region>,
    /// Rules visited so far (see [`MAX_STEPS`]).
    steps: usize,
    /// The step limit was reached (noted once).
    exhausted: bool,
    /// The host's own addresses (loopback too): a DNAT to them meets the input chains.
    local: AddressSet,
    /// Walking what a nat rule rewrote (`ct status dnat` matches it).
    dnatted: bool,
    /// Walking nat prerouting: an `accept` there only ends translation.
    in_nat: bool,
    /// The assumption that the host forwards was said (once, at the first DNAT).
    told_forwarding: bool,
    /// While walking what a DNAT rewrote: the traffic as first addressed.
    original: Option<Region>,
    /// Drops in tentatively entered chains (see [`Walk::chain`]), for the tentatively entered
    /// chains that jumped to them.
    tentative_dropped: Vec<Region>,
    /// The interfaces traffic from the network comes in on (the topology's `interfaces:`),
    /// when known: an interface-bound rule is decided by them instead of read generously.
    uplinks: &'r [String],
    /// The marks set so far on the path walked (see [`super::marks`]).
    history: History,
    /// The mark the path began with (0 from the network; a DNAT's sub-walk starts with the
    /// mark the rewritten traffic carried).
    mark_start: Mark,
    /// Whether the base chain walked may decide its mark tests: every base chain that sets
    /// marks is this one or was walked before it on the path, at an earlier hook.
    marks_decided: bool,
    /// The base chains that set marks (in them or in the chains they reach), with their hook.
    writers: Vec<(&'r str, Hook)>,
    /// The base chains walked on the current path, in order.
    path: Vec<(&'r str, Hook)>,
    /// The ban lists already said (see [`super::bans`]).
    told_bans: Vec<String>,
    /// What the base chain walked has accepted for sure (no unmodelled match, not in a chain
    /// entered on one): its policy never sees it, so the policy is not credited with it.
    accepted: Vec<Region>,
}

/// Walks every input base chain of `ruleset`, and the DNAT chains (see [`allowed_at`]),
/// knowing none of the host's addresses but loopback.
pub fn allowed(ruleset: &Ruleset) -> (Vec<Allowed>, Vec<Note>) {
    allowed_at(ruleset, &AddressSet::default())
}

/// Walks every input base chain of `ruleset`, then the DNAT chains: what a DNAT rewrites
/// meets the forward chains (the input chains when its new address is in `local`, the host's
/// own, or for a REDIRECT), which decide what of it is accepted; that is credited to the
/// DNAT rule, at its original destination and port.
pub fn allowed_at(ruleset: &Ruleset, local: &AddressSet) -> (Vec<Allowed>, Vec<Note>) {
    allowed_on(ruleset, local, &[])
}

/// [`allowed_at`], knowing that traffic from the network comes in on `uplinks` (none: not
/// known): a rule bound to an interface (`-i eth0`, `iifname "eth1"`, ufw's `on eth1`)
/// matches it when every one of them is named, none of it when none is, and is read
/// generously (said) only when it depends on which of them a packet comes in on.
pub fn allowed_on(
    ruleset: &Ruleset,
    local: &AddressSet,
    uplinks: &[String],
) -> (Vec<Allowed>, Vec<Note>) {
    let loopback = AddressSet::from_nets(
        ["127.0.0.0/8", "::1/128"].iter().filter_map(|n| n.parse::<ipnet::IpNet>().ok()),
    );
    let mut walk = Walk {
        ruleset,
        out: Vec::new(),
        notes: Vec::new(),
        dropped: Vec::new(),
        steps: 0,
        exhausted: false,
        local: local.union(&loopback),
        dnatted: false,
        in_nat: false,
        told_forwarding: false,
        original: None,
        tentative_dropped: Vec::new(),
        uplinks,
        history: History::default(),
        mark_start: arriving(ruleset),
        marks_decided: true,
        writers: mark_writers(ruleset),
        path: Vec::new(),
        accepted: Vec::new(),
        told_bans: Vec::new(),
    };
    let prerouting = walk.hooked(Hook::Prerouting);
    let inputs = walk.hooked(Hook::Input);
    if inputs.is_empty() {
        walk.notes.push(Note::assumption(
            Position { line: 1, column: 1 },
            "the ruleset has no input chain (iptables `INPUT`, nft `hook input`): it filters nothing the host receives, so everything is read as allowed",
        ));
    }
    let mut chains = prerouting.clone();
    chains.extend(&inputs);
    walk.out = if chains.is_empty() {
        vec![Allowed { at: Position { line: 1, column: 1 }, region: Region::everything() }]
    } else {
        walk.through(&chains, &Region::everything(), false)
    };
    let direct = walk.out.len();
    for chain in walk.hooked(Hook::Dnat) {
        walk.dropped.clear();
        walk.in_nat = true;
        walk.history = History::default();
        walk.mark_start = arriving(ruleset);
        walk.path.clear();
        walk.enter(chain);
        let mut returned = Vec::new();
        let context = Region::of(&Match { family: chain.family, ..Match::default() });
        walk.chain(chain, &context, &mut returned, 0, false);
        walk.in_nat = false;
        walk.path.clear();
    }
    // What nat rewrote met the prerouting filters first, as it arrived.
    if !prerouting.is_empty() && walk.out.len() > direct {
        let passed = walk.through(&prerouting, &Region::everything(), false);
        let rewritten = walk.out.split_off(direct);
        walk.out.extend(within(rewritten, &passed, &mut walk.notes));
    }
    // A rule walked once per published port would say the same thing each time.
    let mut notes: Vec<Note> = Vec::new();
    for note in walk.notes {
        if !notes.contains(&note) {
            notes.push(note);
        }
    }
    (walk.out, notes)
}

/// The parts of `boxes` that `passed` holds, each still credited to its own rule.
fn within(boxes: Vec<Allowed>, passed: &[Allowed], notes: &mut Vec<Note>) -> Vec<Allowed> {
    let mut out = Vec::new();
    for a in boxes {
        for p in passed {
            let region = a.region.intersection(&p.region);
            if !region.is_empty() {
                out.push(Allowed { at: a.at, region });
            }
            if out.len() > MAX_INTERSECTED {
                notes.push(Note::assumption(
                    a.at,
                    format!("the prerouting chains cut the rewritten traffic into more than {MAX_INTERSECTED} pieces: the rest is not cut, so the audit may read the host as accepting more than it does"),
                ));
                return out;
            }
        }
    }
    out
}

/// Line 0 marks the traffic a base chain of one family lets by untouched (the other family):
/// it never survives the intersection (a chain that sees that family decides it).
const PASSED: Position = Position { line: 0, column: 0 };

/// Boxes past this many are not intersected further (said in a note).
const MAX_INTERSECTED: usize = 50_000;

/// Several base chains on the input hook (nft tables side by side, iptables-nft next to
/// firewalld): a packet is accepted only when every one of them lets it through (an accept
/// ends one chain, a drop ends them all), so what the host accepts is their intersection.
fn every_chain_lets_through(
    chains: &[&Chain],
    per_chain: Vec<Vec<Allowed>>,
    notes: &mut Vec<Note>,
) -> Vec<Allowed> {
    use crate::check::space::{AddressSet, Family, all};
    use crate::model::IpFamily;
    let family_set = |f: Option<IpFamily>| match f {
        None => AddressSet::everything(),
        Some(IpFamily::V4) => AddressSet::from_spans(Family::V4, all(Family::V4)),
        Some(IpFamily::V6) => AddressSet::from_spans(Family::V6, all(Family::V6)),
    };
    let seen = chains.iter().fold(AddressSet::default(), |acc, c| acc.union(&family_set(c.family)));
    let mut result: Option<Vec<Allowed>> = None;
    for (chain, mut boxes) in chains.iter().zip(per_chain) {
        // The family this chain does not see passes it untouched.
        let other = seen.minus(&family_set(chain.family));
        if !other.is_empty() {
            let region =
                Region { sources: other.clone(), destinations: other, ..Region::everything() };
            boxes.push(Allowed { at: PASSED, region });
        }
        result = Some(match result {
            None => boxes,
            Some(before) => {
                let mut out = Vec::new();
                'pairs: for a in &before {
                    for b in &boxes {
                        let region = a.region.intersection(&b.region);
                        if region.is_empty() {
                            continue;
                        }
                        // Credit the rule that narrows the traffic (the other one is wider).
                        let at = if a.at == PASSED
                            || (b.at != PASSED && b.region.minus(&a.region).is_empty())
                        {
                            b.at
                        } else {
                            a.at
                        };
                        out.push(Allowed { at, region });
                        if out.len() > MAX_INTERSECTED {
                            notes.push(Note::assumption(
                                Position { line: 1, column: 1 },
                                format!("the input base chains together cut the traffic into more than {MAX_INTERSECTED} pieces: the rest are not intersected, so the audit may read the host as accepting more than it does"),
                            ));
                            out.extend(boxes.iter().cloned());
                            break 'pairs;
                        }
                    }
                }
                out
            }
        });
    }
    result.unwrap_or_default().into_iter().filter(|a| a.at != PASSED).collect()
}

/// Where a hook comes on an arriving packet's way: raw and mangle prerouting, nat prerouting,
/// then input or forward.
fn order(hook: Hook) -> u8 {
    match hook {
        Hook::Prerouting => 0,
        Hook::Dnat => 1,
        Hook::Input | Hook::Forward => 2,
        Hook::Output | Hook::Other => 3,
    }
}

/// The mark of a packet as it arrives: the bits the ruleset sets somewhere are 0 until it sets
/// them (they are its own); the others may carry what something outside it set (tc, eBPF as
/// Cilium's, another table), so a test of them is not decided.
fn arriving(ruleset: &Ruleset) -> Mark {
    let owned = ruleset
        .chains
        .iter()
        .flat_map(|c| &c.rules)
        .filter_map(|r| r.matcher.sets_mark)
        .fold(0, |bits, w| bits | !w.keep | w.flip);
    Mark { known: owned, value: 0 }
}

/// The base chains (on a hook the audit walks) from which a rule that sets a mark is reached.
fn mark_writers(ruleset: &Ruleset) -> Vec<(&str, Hook)> {
    let mut writers = Vec::new();
    for base in &ruleset.chains {
        let Some(hook) = base.hook.filter(|h| !matches!(h, Hook::Output | Hook::Other)) else {
            continue;
        };
        let mut seen: Vec<&str> = vec![base.name.as_str()];
        let mut next = 0;
        while let Some(name) = seen.get(next).copied() {
            next += 1;
            let Some(chain) = ruleset.chain(name) else { continue };
            if chain.rules.iter().any(|r| r.matcher.sets_mark.is_some()) {
                writers.push((base.name.as_str(), hook));
                break;
            }
            for rule in &chain.rules {
                if let Verdict::Jump(t) | Verdict::Goto(t) = &rule.verdict
                    && !seen.contains(&t.as_str())
                    && seen.len() < 10_000
                {
                    seen.push(t);
                }
            }
        }
    }
    writers
}

impl<'r> Walk<'r> {
    /// Puts the base chain `chain` on the path and says whether its mark tests are decided.
    fn enter(&mut self, chain: &'r Chain) {
        let hook = chain.hook.unwrap_or(Hook::Other);
        let path = &self.path;
        // A writer at a later hook (or on the other path, input beside forward) sets nothing
        // this chain sees; one at an earlier hook must have been walked on this path; another
        // on the same hook runs before or after this one (priorities are not compared).
        self.marks_decided = self.writers.iter().all(|(name, at)| {
            *name == chain.name
                || order(*at) > order(hook)
                || (order(*at) == order(hook) && *at != hook)
                || (order(*at) < order(hook) && path.contains(&(*name, *at)))
        });
        self.path.push((chain.name.as_str(), hook));
    }

    /// The base chains on `hook`.
    fn hooked(&self, hook: Hook) -> Vec<&'r Chain> {
        self.ruleset.chains.iter().filter(|c| c.hook == Some(hook)).collect()
    }

    /// What the base chains `chains` (all of them, when several) let through of `context`,
    /// each walked afresh; the walk's own results are left as they were.
    fn through(&mut self, chains: &[&'r Chain], context: &Region, dnatted: bool) -> Vec<Allowed> {
        let out = std::mem::take(&mut self.out);
        let dropped = std::mem::take(&mut self.dropped);
        let accepted = std::mem::take(&mut self.accepted);
        let was_dnatted = std::mem::replace(&mut self.dnatted, dnatted);
        let was_in_nat = std::mem::replace(&mut self.in_nat, false);
        // The marks the chains set stay on the path (prerouting's are seen in input); once
        // through, the path is as it was.
        let (path, writes, decided) =
            (self.path.len(), self.history.writes.len(), self.marks_decided);
        let mut per_chain: Vec<Vec<Allowed>> = Vec::new();
        for chain in chains {
            self.enter(chain);
            self.dropped.clear();
            self.accepted.clear();
            let mut returned = Vec::new();
            let family = Region::of(&Match { family: chain.family, ..Match::default() });
            let context = context.intersection(&family);
            if !context.is_empty() {
                self.chain(chain, &context, &mut returned, 0, false);
                // A base chain without a written policy accepts (the kernel's default).
                // Traffic a `return` sent back in a base chain meets the policy too.
                let (accepts, at) = match &chain.policy {
                    None => (true, Position { line: 1, column: 1 }),
                    Some((verdict, at)) => (*verdict == Verdict::Accept, *at),
                };
                if accepts {
                    // A chain that ends in a catch-all reject (firewalld) leaves its policy
                    // nothing: that is by design, not worth a note.
                    // Regression: Calico's INPUT policy was credited (P053 at `:INPUT ACCEPT`)
                    // with the marked traffic cali-INPUT had accepted after its endpoint
                    // chain returned it past the drop.
                    let accepted = std::mem::take(&mut self.accepted);
                    self.accept(at, context, &accepted, false);
                }
            }
            per_chain.push(std::mem::take(&mut self.out));
        }
        self.path.truncate(path);
        self.history.writes.truncate(writes);
        self.marks_decided = decided;
        let result = if per_chain.len() == 1 {
            per_chain.concat()
        } else {
            every_chain_lets_through(chains, per_chain, &mut self.notes)
        };
        self.out = out;
        self.dropped = dropped;
        self.accepted = accepted;
        self.dnatted = was_dnatted;
        self.in_nat = was_in_nat;
        result.into_iter().filter(|a| !a.region.is_empty()).collect()
    }

    /// A nat rule rewrote `region` (what is left of it after the drops and returns before):
    /// its new destination meets the forward chains, or the input chains when it is the host
    /// itself; what they let through is accepted at `at`, as the traffic was first addressed.
    fn translate(&mut self, at: Position, region: Region, returned: &[Region], t: &Translation) {
        let pieces = self.minus_earlier(at, region, returned, "what this DNAT rewrites");
        // The rewritten traffic goes on with the marks set so far (kube-proxy marks what it
        // masquerades in nat, and its forward chain accepts that mark): one sub-walk per mark.
        let start = if self.marks_decided { self.mark_start } else { Mark::UNKNOWN };
        let mut marked = Vec::new();
        for piece in pieces {
            match self.history.marks_of(&piece, start) {
                Some(found) if !self.writers.is_empty() => marked.extend(found),
                _ => marked
                    .push((piece, if self.writers.is_empty() { start } else { Mark::UNKNOWN })),
            }
        }
        for (piece, mark) in marked {
            let destinations = match &t.to {
                NatTarget::Unknown => {
                    self.notes.push(Note::assumption(
                        at,
                        format!("this DNAT's new address is {}: what it matches is read as accepted (the forward chains are not walked for it)", t.written),
                    ));
                    self.out.push(Allowed { at, region: piece });
                    continue;
                }
                NatTarget::Local => piece.destinations.clone(),
                NatTarget::Addresses(nets) => AddressSet::from_nets(nets.iter().copied()),
            };
            let local =
                matches!(t.to, NatTarget::Local) || destinations.minus(&self.local).is_empty();
            let translated = Region {
                destinations,
                ports: t.port.map_or_else(|| piece.ports.clone(), |p| vec![p]),
                ..piece.clone()
            }
            .intersection(&Region::everything());
            let chains = self.hooked(if local { Hook::Input } else { Hook::Forward });
            if !local && !self.told_forwarding {
                self.told_forwarding = true;
                self.notes.push(Note::assumption(
                    at,
                    format!("this DNAT sends what it matches to {}, through the forward chains (which are walked for it): the host is read as forwarding (`net.ipv4.ip_forward` on, as Docker and kube-proxy set it)", t.written),
                ));
            }
            let passed = if chains.is_empty() {
                // No chain on that hook: the kernel lets it through.
                vec![Allowed { at, region: translated }]
            } else {
                let outer = self.original.replace(piece.clone());
                let history = std::mem::take(&mut self.history);
                let was = std::mem::replace(&mut self.mark_start, mark);
                let passed = self.through(&chains, &translated, true);
                self.history = history;
                self.mark_start = was;
                self.original = outer;
                passed
            };
            for b in passed {
                let back = Region {
                    sources: b.region.sources,
                    destinations: piece.destinations.clone(),
                    ports: if t.port.is_some() { piece.ports.clone() } else { b.region.ports },
                    transports: b.region.transports,
                }
                .intersection(&piece);
                if !back.is_empty() {
                    self.out.push(Allowed { at, region: back });
                }
            }
        }
    }

    /// Walks `chain` for the traffic in `context`; `returned` collects what its `return` rules
    /// send back (they shield the rest of this chain from it).
    ///
    /// `tentative`: the chain was entered by a jump on a match Portolan does not model, so the
    /// packet may as well not be here: its drops only shield the rest of this chain, not the
    /// caller (the generous reading).
    fn chain(
        &mut self,
        chain: &Chain,
        context: &Region,
        returned: &mut Vec<Region>,
        depth: usize,
        tentative: bool,
    ) {
        // What a `return` on an unmodelled match may send back: spared by the drops after it
        // (the generous reading), though the accepts after it still see it.
        let mut spared: Vec<Region> = Vec::new();
        let banning = super::bans::tool(&chain.name);
        for rule in &chain.rules {
            self.steps += 1;
            let m = &rule.matcher;
            if m.loopback
                || m.no_new_connections
                || (m.dnat_only && !self.dnatted)
                || (m.not_dnatted && self.dnatted)
            {
                continue;
            }
            // An interface the host's network interfaces decide is no assumption.
            let interface = m
                .in_interface
                .as_ref()
                .and_then(|i| i.on(self.uplinks).map(|matches| (matches, i.assumed.as_str())));
            if interface.is_some_and(|(matches, _)| !matches) {
                continue;
            }
            let mut region = Region::of(m).intersection(context);
            let mut assumed = m
                .assumed
                .iter()
                .filter(|a| interface.is_none_or(|(_, text)| a.as_str() != text))
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join(", ");
            if let Some(original) = &m.original_ports {
                match &self.original {
                    // What a DNAT rewrote: its port as first addressed is the DNAT's match.
                    Some(first) if self.dnatted => {
                        let common = super::region::intersect_ports(&first.ports, original);
                        if common.is_empty() {
                            continue;
                        }
                        if common != first.ports {
                            if !assumed.is_empty() {
                                assumed.push_str(", ");
                            }
                            assumed
                                .push_str("`--ctorigdstport` (some of the ports the DNAT rewrote)");
                        }
                    }
                    // Not rewritten: the port first addressed is the port.
                    _ => {
                        let only = Region { ports: original.clone(), ..Region::everything() };
                        region = region.intersection(&only);
                    }
                }
            }
            if region.is_empty() {
                continue;
            }
            let cases = self.mark_cases(m, region, assumed, returned, &spared, tentative);
            // Cut by mark tests, a rule is dead only when every piece of it is.
            let pieced = !m.marks.is_empty();
            let (out_before, pieces) = (self.out.len(), cases.len());
            for (region, assumed) in cases {
                let unmodelled = !assumed.is_empty();
                // A load balancer's branch is read like an unmodelled match, but is no assumption.
                let partial = unmodelled || m.balanced;
                match &rule.verdict {
                    // In nat prerouting an accept ends translation; the filter chains decide.
                    Verdict::Accept if self.in_nat => {
                        if !partial {
                            returned.push(region);
                        }
                    }
                    Verdict::Nat(t) if !self.dnatted => {
                        if unmodelled {
                            self.notes.push(Note::assumption(
                            rule.at,
                            format!("this rewrite also matches on {assumed}, which Portolan does not model: read as rewriting whenever the rest of the rule matches"),
                        ));
                        }
                        let t = t.clone();
                        self.translate(rule.at, region, returned, &t);
                    }
                    Verdict::Accept | Verdict::Nat(_) => {
                        if unmodelled {
                            self.notes.push(Note::assumption(
                            rule.at,
                            format!("this accept also matches on {assumed}, which Portolan does not model: read as accepting whenever the rest of the rule matches"),
                        ));
                        }
                        let mark = self.out.len();
                        self.accept(rule.at, region, returned, !pieced);
                        if !partial && !tentative && !self.in_nat && rule.verdict == Verdict::Accept
                        {
                            let sure = self.out.get(mark..).unwrap_or_default();
                            if self.accepted.len() + sure.len() <= MAX_PIECES {
                                self.accepted.extend(sure.iter().map(|a| a.region.clone()));
                            }
                        }
                    }
                    // A ban tool's drops are its bans of the moment, not the policy.
                    Verdict::Drop if banning.or(m.ban).is_some() => {
                        // (Said of the chain when it is the ban tool's own.)
                        self.tell_ban(chain, rule.at, if banning.is_some() { None } else { m.ban });
                    }
                    Verdict::Return if partial => {
                        if unmodelled {
                            self.notes.push(Note::assumption(
                            rule.at,
                            format!("this return also matches on {assumed}, which Portolan does not model: read as returning for the drops after it (they block none of its traffic) and as not returning for the accepts after it"),
                        ));
                        }
                        spared.push(region);
                    }
                    Verdict::Drop | Verdict::Return => {
                        if partial {
                            if unmodelled {
                                self.notes.push(Note::assumption(
                                rule.at,
                                format!("this drop matches only on {assumed}, which Portolan does not model: read as never matching, so it blocks nothing in the audit"),
                            ));
                            }
                            continue;
                        }
                        if rule.verdict == Verdict::Return || tentative {
                            // (In a tentatively entered chain a drop only shields the rest of it,
                            // and of the tentatively entered chains that jumped here.)
                            if rule.verdict == Verdict::Drop {
                                let mut pieces = vec![region.clone()];
                                for r in returned.iter().chain(&spared) {
                                    pieces = pieces.iter().flat_map(|p| p.minus(r)).collect();
                                    if pieces.len() > MAX_PIECES {
                                        break;
                                    }
                                }
                                if pieces.len() <= MAX_PIECES {
                                    self.tentative_dropped.extend(pieces);
                                }
                            }
                            returned.push(region);
                            continue;
                        }
                        // What this chain already returned never reaches this drop.
                        let mut pieces = vec![region];
                        for r in returned.iter().chain(&spared) {
                            pieces = pieces.iter().flat_map(|p| p.minus(r)).collect();
                            if pieces.len() > MAX_PIECES {
                                break;
                            }
                        }
                        if pieces.len() > MAX_PIECES {
                            self.notes.push(Note::assumption(
                            rule.at,
                            format!("earlier returns cut this drop into more than {MAX_PIECES} pieces: it is read as dropping nothing, so the audit may read the host as accepting more than it does"),
                        ));
                            continue;
                        }
                        self.dropped.extend(pieces);
                    }
                    Verdict::Jump(target) | Verdict::Goto(target) => {
                        if unmodelled {
                            self.notes.push(Note::assumption(
                            rule.at,
                            format!("this jump also matches on {assumed}, which Portolan does not model: read as taken for what the chain it reaches accepts, and as not taken for what that chain drops"),
                        ));
                        }
                        let Some(callee) = self.ruleset.chain(target) else {
                            self.notes.push(Note::error(
                            rule.at,
                            format!("jumps to chain `{target}`, which the ruleset does not define: the jump is read as doing nothing"),
                        ));
                            continue;
                        };
                        if self.steps > MAX_STEPS {
                            if !self.exhausted {
                                self.exhausted = true;
                                self.notes.push(Note::error(
                                rule.at,
                                format!("the chains jump into each other too often (more than {MAX_STEPS} rule visits): from here on, jumps are not followed"),
                            ));
                            }
                            continue;
                        }
                        if depth >= MAX_DEPTH {
                            self.notes.push(Note::error(
                            rule.at,
                            format!("jumps nest more than {MAX_DEPTH} deep (a loop?): chain `{target}` is not followed further"),
                        ));
                            continue;
                        }
                        // Traffic this chain already returned never reaches the callee from here.
                        let mut pieces = vec![region];
                        for r in returned.iter() {
                            pieces = pieces.iter().flat_map(|p| p.minus(r)).collect();
                        }
                        for piece in pieces {
                            let mut callee_returned = Vec::new();
                            let mark = self.tentative_dropped.len();
                            self.chain(
                                callee,
                                &piece,
                                &mut callee_returned,
                                depth + 1,
                                tentative || partial,
                            );
                            if tentative && !partial {
                                // What the callee dropped never comes back to the rest of this
                                // (tentatively entered) chain either. Not so when this jump's
                                // own match is not modelled: the packet may not have taken it.
                                // Regression: Shorewall's smurfs chain, reached from net-fw on
                                // `-i eth0`, jumps to its dropping smurflog on `--src-type
                                // BROADCAST`: every accept of net-fw read as dead.
                                let dropped =
                                    self.tentative_dropped.get(mark..).unwrap_or_default();
                                returned.extend(dropped.iter().cloned());
                            } else {
                                self.tentative_dropped.truncate(mark);
                            }
                            if matches!(rule.verdict, Verdict::Goto(_)) && !partial {
                                // A goto does not come back to this chain.
                                returned.push(piece);
                            }
                        }
                    }
                    Verdict::Continue => {}
                }
            }
            if pieced
                && pieces > 0
                && rule.verdict == Verdict::Accept
                && self.out.len() == out_before
            {
                self.notes.push(Note::assumption(rule.at, DEAD_ACCEPT));
            }
        }
    }

    /// Says once per ban list (the chain, or the set of `set_tool`) that its drops are read
    /// as dropping nothing. Regression: fail2ban's bans were read as the policy: a banned
    /// client of a planned flow was a P050 error whose fix was an accept, and a long ban list
    /// cut every accept after it into pieces.
    fn tell_ban(&mut self, chain: &Chain, at: Position, set_tool: Option<&'static str>) {
        let (tool, list) = match set_tool {
            Some(tool) => (tool, format!("the set this rule matches, line {}", at.line)),
            None => (
                super::bans::tool(&chain.name).unwrap_or_default(),
                format!("chain `{}`", chain.name),
            ),
        };
        if self.told_bans.contains(&list) {
            return;
        }
        self.notes.push(Note::assumption(
            at,
            format!("{tool}'s ban list ({list}): addresses it bans and unbans by itself, not the policy: its drops are read as dropping nothing"),
        ));
        self.told_bans.push(list);
    }

    /// The rule's region cut by its mark tests (what they match, and what they may match,
    /// with the tests not decided there added to `assumed`), after recording its mark write
    /// for the traffic that reaches it. Without mark tests: the region as it is.
    fn mark_cases(
        &mut self,
        m: &Match,
        region: Region,
        assumed: String,
        returned: &[Region],
        spared: &[Region],
        tentative: bool,
    ) -> Vec<(Region, String)> {
        let start = if self.marks_decided { self.mark_start } else { Mark::UNKNOWN };
        let cases = if m.marks.is_empty() {
            vec![(region, assumed)]
        } else {
            let split = self.history.split(&region, &m.marks, start);
            let mut cases: Vec<(Region, String)> =
                split.matched.into_iter().map(|r| (r, assumed.clone())).collect();
            for (r, unsure) in split.unsure {
                let text = if assumed.is_empty() { unsure } else { format!("{assumed}, {unsure}") };
                cases.push((r, text));
            }
            cases
        };
        if let Some(write) = m.sets_mark {
            for (region, assumed) in &cases {
                // A write on a match Portolan does not model, or in a chain the packet may not
                // be in, may not have happened: the bits it changes are then unknown.
                let sure = assumed.is_empty()
                    && !m.balanced
                    && !tentative
                    && spared.iter().all(|s| s.intersection(region).is_empty());
                let write = if sure { write } else { super::marks::maybe(write) };
                let mut pieces = vec![region.clone()];
                for r in returned {
                    pieces = pieces.iter().flat_map(|p| p.minus(r)).collect();
                }
                self.history.writes.extend(pieces.into_iter().map(|p| (p, write)));
            }
        }
        cases
    }

    /// `region` minus what was dropped (and, for this rule, `returned`) before it. Past
    /// `MAX_PIECES` the rest is not subtracted (read wider, never narrower), said at `at` of
    /// `what`.
    fn minus_earlier(
        &mut self,
        at: Position,
        region: Region,
        returned: &[Region],
        what: &str,
    ) -> Vec<Region> {
        let mut pieces = vec![region];
        for shadow in self.dropped.iter().chain(returned) {
            pieces = pieces.iter().flat_map(|p| p.minus(shadow)).collect();
            if pieces.len() > MAX_PIECES {
                self.notes.push(Note::assumption(
                    at,
                    format!("earlier drops cut {what} into more than {MAX_PIECES} pieces: the rest of them are not subtracted, so the audit may read it as wider than it is"),
                ));
                break;
            }
        }
        pieces
    }

    /// Records `region` as accepted at `at`, minus what was dropped or returned before.
    /// `say_if_dead`: note an accept that nothing reaches (not said of a chain's policy).
    fn accept(&mut self, at: Position, region: Region, returned: &[Region], say_if_dead: bool) {
        let pieces = self.minus_earlier(at, region, returned, "this accept");
        if pieces.is_empty() && say_if_dead {
            self.notes.push(Note::assumption(at, DEAD_ACCEPT));
        }
        self.out.extend(pieces.into_iter().map(|region| Allowed { at, region }));
    }
}
