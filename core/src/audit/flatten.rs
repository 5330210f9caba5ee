//! What a ruleset lets in: its input chains walked in order, jumps followed into user chains,
//! and every accept minus the drops (and returns) before it. The result is a list of allowed
//! boxes, each with the line of the rule (or default policy) that allows it.
//!
//! Conservative reading, always said in a note: a match Portolan does not model (a mark,
//! `recent`, a rate limit, an interface other than loopback) is read as matching on an accept
//! and as not matching on a drop or return, so nothing the firewall might let in is missed.

use super::model::{Chain, Hook, Match, Note, Ruleset, Verdict};
use super::region::Region;
use crate::data::Position;

/// Jumps followed before the walk gives up (a loop, or a chain graph too deep to be real).
const MAX_DEPTH: usize = 32;
/// Pieces an accept may be cut into by earlier drops before the walk stops cutting it.
const MAX_PIECES: usize = 512;
/// Rules visited in all (a chain jumping to itself twice would otherwise double the work at
/// every level): past it, jumps are no longer followed.
const MAX_STEPS: usize = 200_000;

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
}

/// Walks every input base chain of `ruleset`.
pub fn allowed(ruleset: &Ruleset) -> (Vec<Allowed>, Vec<Note>) {
    let mut walk = Walk {
        ruleset,
        out: Vec::new(),
        notes: Vec::new(),
        dropped: Vec::new(),
        steps: 0,
        exhausted: false,
    };
    let inputs: Vec<&Chain> =
        ruleset.chains.iter().filter(|c| c.hook == Some(Hook::Input)).collect();
    if inputs.is_empty() {
        walk.notes.push(Note::assumption(
            Position { line: 1, column: 1 },
            "the ruleset has no input chain (iptables `INPUT`, nft `hook input`): it filters nothing the host receives, so everything is read as allowed",
        ));
        walk.out
            .push(Allowed { at: Position { line: 1, column: 1 }, region: Region::everything() });
    }
    for chain in &inputs {
        // Base chains of one hook all see the packet; reading them as one union is the
        // generous reading (a drop in one of them is honoured only within it).
        walk.dropped.clear();
        let mut returned = Vec::new();
        let context = Region::of(&Match { family: chain.family, ..Match::default() });
        walk.chain(chain, &context, &mut returned, 0);
        // A base chain without a written policy accepts (the kernel's default). Traffic a
        // `return` sent back in a base chain meets the policy too.
        let (accepts, at) = match &chain.policy {
            None => (true, Position { line: 1, column: 1 }),
            Some((verdict, at)) => (*verdict == Verdict::Accept, *at),
        };
        if accepts {
            walk.accept(at, context, &[]);
        }
    }
    (walk.out, walk.notes)
}

impl Walk<'_> {
    /// Walks `chain` for the traffic in `context`; `returned` collects what its `return` rules
    /// send back (they shield the rest of this chain from it).
    fn chain(&mut self, chain: &Chain, context: &Region, returned: &mut Vec<Region>, depth: usize) {
        for rule in &chain.rules {
            self.steps += 1;
            let m = &rule.matcher;
            if m.loopback || m.no_new_connections {
                continue;
            }
            let region = Region::of(m).intersection(context);
            if region.is_empty() {
                continue;
            }
            let unmodelled = !m.assumed.is_empty();
            let assumed = m.assumed.join(", ");
            match &rule.verdict {
                Verdict::Accept => {
                    if unmodelled {
                        self.notes.push(Note::assumption(
                            rule.at,
                            format!("this accept also matches on {assumed}, which Portolan does not model: read as accepting whenever the rest of the rule matches"),
                        ));
                    }
                    self.accept(rule.at, region, returned);
                }
                Verdict::Drop | Verdict::Return => {
                    if unmodelled {
                        self.notes.push(Note::assumption(
                            rule.at,
                            format!("this rule drops or returns only on {assumed}, which Portolan does not model: read as never matching, so it blocks nothing in the audit"),
                        ));
                        continue;
                    }
                    if rule.verdict == Verdict::Drop {
                        self.dropped.push(region);
                    } else {
                        returned.push(region);
                    }
                }
                Verdict::Jump(target) | Verdict::Goto(target) => {
                    if unmodelled {
                        self.notes.push(Note::assumption(
                            rule.at,
                            format!("this jump also matches on {assumed}, which Portolan does not model: read as always taken"),
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
                        self.chain(callee, &piece, &mut callee_returned, depth + 1);
                        if matches!(rule.verdict, Verdict::Goto(_)) {
                            // A goto does not come back to this chain.
                            returned.push(piece);
                        }
                    }
                }
                Verdict::Continue => {}
            }
        }
    }

    /// Records `region` as accepted at `at`, minus what was dropped or returned before.
    fn accept(&mut self, at: Position, region: Region, returned: &[Region]) {
        let mut pieces = vec![region];
        for shadow in self.dropped.iter().chain(returned) {
            pieces = pieces.iter().flat_map(|p| p.minus(shadow)).collect();
            if pieces.len() > MAX_PIECES {
                self.notes.push(Note::assumption(
                    at,
                    format!("earlier drops cut this accept into more than {MAX_PIECES} pieces: the rest of them are not subtracted, so the audit may read it as wider than it is"),
                ));
                break;
            }
        }
        if pieces.is_empty() {
            self.notes.push(Note::assumption(
                at,
                "this accept never matches a new connection: earlier rules already drop or return all of its traffic",
            ));
        }
        self.out.extend(pieces.into_iter().map(|region| Allowed { at, region }));
    }
}
