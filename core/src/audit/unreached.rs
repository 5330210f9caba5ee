//! Chains nothing reaches. A user chain (iptables `-N`, an nft chain without a hook) runs only
//! when a rule jumps to it; one that no base chain leads to is dead code: its accepts let
//! nothing in. The walk already ignores them, so the flows they were meant for come out
//! blocked (P050); this says why, at each of those accepts (an operator who moved a rule there,
//! or renamed the chain a jump names, sees the rule and thinks it runs).

use super::model::{Note, Ruleset, Verdict};

/// A note at every accept of a user chain no base chain reaches through jumps and gotos.
pub fn notes(ruleset: &Ruleset) -> Vec<Note> {
    let mut reached: Vec<&str> =
        ruleset.chains.iter().filter(|c| c.hook.is_some()).map(|c| c.name.as_str()).collect();
    if reached.is_empty() {
        // A fragment (`iptables -S CHAIN`): what reaches its chains is not in the text, which
        // its reader already says.
        return Vec::new();
    }
    let mut next = 0;
    while let Some(name) = reached.get(next).copied() {
        next += 1;
        let Some(chain) = ruleset.chain(name) else { continue };
        for rule in &chain.rules {
            if let Verdict::Jump(target) | Verdict::Goto(target) = &rule.verdict
                && !reached.contains(&target.as_str())
            {
                reached.push(target);
            }
        }
    }
    let mut out = Vec::new();
    for chain in ruleset.chains.iter().filter(|c| !reached.contains(&c.name.as_str())) {
        for rule in chain.rules.iter().filter(|r| r.verdict == Verdict::Accept) {
            out.push(Note::assumption(
                rule.at,
                format!(
                    "this accept is never reached: no rule jumps to chain `{}`, so nothing it accepts is let in (add a jump to it from the input chain, or move the rule there)",
                    chain_label(&chain.name)
                ),
            ));
        }
    }
    out
}

/// A chain as its file names it: the readers prefix a table (`nat/DOCKER`, `filter/x`).
fn chain_label(name: &str) -> &str {
    name.rsplit('/').next().unwrap_or(name)
}
