//! What every ruleset reader produces: chains of rules, each a match and a verdict, with the
//! place it was written. The readers only transcribe; [`super::flatten`] decides what the
//! chains allow.

use ipnet::IpNet;

use crate::data::Position;
use crate::model::{IpFamily, PortRange, Transport};

/// What happens to a packet a rule matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Accept,
    /// `DROP` and `REJECT` alike: the connection does not happen.
    Drop,
    /// Back to the calling chain (or the policy, in a base chain).
    Return,
    Jump(String),
    Goto(String),
    /// `LOG`, `counter`, a mark set…: the packet goes on to the next rule.
    Continue,
    /// nat `DNAT` / `REDIRECT` (nft `dnat to`, `redirect to`): the packet is rewritten, and
    /// the forward chains (or, to the host itself, the input chains) then judge it.
    Nat(Translation),
}

/// Where a nat rule sends what it matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NatTarget {
    /// `REDIRECT` / `redirect`: the host itself.
    Local,
    /// `DNAT --to-destination`, `dnat to`: these addresses (a range as its CIDRs).
    Addresses(Vec<IpNet>),
    /// Not printed (iptables-nft's `xt target DNAT`) or computed (a map): read as accepted.
    Unknown,
}

/// A nat rewrite: the new destination and, when written, the new port.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translation {
    pub to: NatTarget,
    pub port: Option<PortRange>,
    /// As written (`172.17.0.2:80`), for messages.
    pub written: String,
}

/// The part of a rule Portolan models. `None` means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Match {
    /// `ip`/`ip6` tables or `ip saddr` in an `inet` table restrict the family.
    pub family: Option<IpFamily>,
    pub sources: Option<Vec<IpNet>>,
    pub destinations: Option<Vec<IpNet>>,
    /// `Some(vec![])`: a protocol Portolan does not plan (ICMP): the rule concerns no flow.
    pub transports: Option<Vec<Transport>>,
    pub ports: Option<Vec<PortRange>>,
    /// Never a planned connection from the network: `-i lo` / `iif "lo"`, `-i docker0` (a
    /// local container bridge, see `words::from_network`), a failed reverse-path check.
    pub loopback: bool,
    /// Matches no new connection (`ct state established,related` or `invalid`).
    pub no_new_connections: bool,
    /// Matches the established connections (`ct state established`, `--ctstate ESTABLISHED`):
    /// an accept of it lets in the replies to what the host itself opened (see `replies.rs`).
    pub replies: bool,
    /// Matches a new connection only when a nat rule rewrote its destination (`ct status
    /// dnat`, `--ctstate DNAT`): the published ports' traffic in forward, not traffic sent to
    /// the host's own address.
    pub dnat_only: bool,
    /// `--ctorigdstport`: the port the connection was first addressed to (before a DNAT).
    pub original_ports: Option<Vec<PortRange>>,
    /// Matches only connections no nat rule rewrote (`! --ctstate RELATED,ESTABLISHED,DNAT`,
    /// `ct status != dnat`): traffic to the host's own address, not the published ports'.
    pub not_dnatted: bool,
    /// `-i eth0` (`! -i eth0`: negated; several names: any of them) of an interface that may
    /// carry traffic from the network, and the text of it in `assumed`: when the host's
    /// network interfaces are known (the topology's `interfaces:`), the walk decides it.
    pub in_interface: Option<InInterface>,
    /// `-o docker0` (`! -o docker0`: negated), kept so a reader that learns the interface's
    /// network can turn it into a destination match (it is in `assumed` until then).
    pub out_interface: Option<(String, bool)>,
    /// One branch of a load balancer (`numgen random mod 2 vmap { 0 : …, 1 : … }`, `jhash`):
    /// some of the connections take it, which ones is not known: read like an unmodelled
    /// match (taken for what it accepts, not for what it drops), without a note, as every
    /// branch is a possible way for each connection.
    pub balanced: bool,
    /// Packet-mark tests (`-m mark --mark 0x10000/0x10000`, `meta mark & 0x10000 != 0`), all
    /// of which must hold: the walk decides them from the marks set earlier on the packet's
    /// path (see [`MarkWrite`]), and reads them generously (said) where it cannot.
    pub marks: Vec<MarkTest>,
    /// The rule sets the packet's mark (`-j MARK --set-xmark`, `meta mark set …`) for what it
    /// matches; the packet goes on (or meets the rule's verdict) with the new mark.
    pub sets_mark: Option<MarkWrite>,
    /// The rule matches a set a ban tool fills by itself (`--match-set f2b-sshd src`): that
    /// tool (see `audit/bans.rs`); its drop is no policy.
    pub ban: Option<&'static str>,
    /// Matches Portolan does not model, as written; the rule is read as if they matched.
    pub assumed: Vec<String>,
}

/// `(mark & mask) == value` (`negated`: `!=`), as written for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkTest {
    pub value: u32,
    pub mask: u32,
    pub negated: bool,
    pub written: String,
}

/// A mark rewrite: `mark = (mark & keep) ^ flip`, the bits in `unknown` then unknown (`meta
/// mark set ct mark`, `CONNMARK --restore-mark`: a value the ruleset does not say).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MarkWrite {
    pub keep: u32,
    pub flip: u32,
    pub unknown: u32,
}

impl MarkWrite {
    /// iptables' `--set-xmark value/mask`: the bits of `mask` cleared, then `value` xored.
    pub fn xmark(value: u32, mask: u32) -> Self {
        Self { keep: !mask, flip: value, unknown: 0 }
    }

    /// `meta mark set 0x1`: every bit written.
    pub fn constant(value: u32) -> Self {
        Self { keep: 0, flip: value, unknown: 0 }
    }

    /// These bits take a value the ruleset does not say.
    pub fn unknown(mask: u32) -> Self {
        Self { keep: u32::MAX, flip: 0, unknown: mask }
    }

    /// Then `& and` (nft `meta mark set meta mark & 0xffff0000 | 0x100`, read left to right).
    pub fn and(self, and: u32) -> Self {
        Self { keep: self.keep & and, flip: self.flip & and, unknown: self.unknown & and }
    }

    /// Then `| or`.
    pub fn or(self, or: u32) -> Self {
        Self { keep: self.keep & !or, flip: self.flip | or, unknown: self.unknown & !or }
    }

    /// Then `^ xor`.
    pub fn xor(self, xor: u32) -> Self {
        Self { flip: self.flip ^ xor, ..self }
    }
}

/// `0x10000`, `65536`: a mark value as iptables and nft print it.
pub(crate) fn mark_number(text: &str) -> Option<u32> {
    match text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
        Some(hex) => u32::from_str_radix(hex, 16).ok(),
        None => text.parse().ok(),
    }
}

/// An incoming-interface match (see [`Match::in_interface`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InInterface {
    /// As written; `eth+` (iptables) and `eth*` (nft) match every name with that prefix.
    pub names: Vec<String>,
    pub negated: bool,
    /// Its entry in [`Match::assumed`].
    pub assumed: String,
}

impl InInterface {
    /// Whether a packet from the network matches, when it comes in on one of `uplinks` (the
    /// host's network interfaces): `Some(true)` on every one of them, `Some(false)` on none,
    /// `None` when it depends on which.
    /// The host's interfaces may be wildcards too (`interfaces: [eth+]`, every `eth…`): a rule
    /// on `eth0` then concerns some of that traffic, which is said, not decided.
    pub fn on(&self, uplinks: &[String]) -> Option<bool> {
        let mut hits = 0;
        for uplink in uplinks {
            let covers = self.names.iter().map(|n| covers(n, uplink));
            match covers.max()? {
                Cover::All => hits += 1,
                Cover::Some => return None,
                Cover::None => {}
            }
        }
        let matched = if uplinks.is_empty() || (hits > 0 && hits < uplinks.len()) {
            return None;
        } else {
            hits > 0
        };
        Some(matched != self.negated)
    }
}

/// How much of the traffic on the host's interface `uplink` a rule's interface `name` matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Cover {
    None,
    Some,
    All,
}

/// `eth+` (iptables) and `eth*` (nft, and the topology's `interfaces:`) name every interface
/// starting with `eth`.
fn covers(name: &str, uplink: &str) -> Cover {
    let prefix = |s: &str| s.strip_suffix(['+', '*']).map(str::to_owned);
    match (prefix(name), prefix(uplink)) {
        (None, None) if name == uplink => Cover::All,
        (Some(p), None) if uplink.starts_with(&p) => Cover::All,
        (Some(p), Some(q)) if q.starts_with(&p) => Cover::All,
        (Some(p), Some(q)) if p.starts_with(&q) => Cover::Some,
        (None, Some(q)) if name.starts_with(&q) => Cover::Some,
        _ => Cover::None,
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub at: Position,
    pub matcher: Match,
    pub verdict: Verdict,
}

/// Whether a base chain filters traffic to the host itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hook {
    /// `INPUT` / `hook input`: what the host accepts; the part audited.
    Input,
    /// nat `PREROUTING` / `type nat hook prerouting`: what its DNAT rules rewrite goes on to
    /// another address through the forward chains (to the host itself, through the input
    /// chains), which decide what is accepted; its policy accepts nothing.
    Dnat,
    /// mangle or raw `PREROUTING` / `type filter hook prerouting`: every packet that arrives
    /// meets it before nat rewrites it (iptables' mangle and raw come before DNAT): its drops
    /// block traffic to the host and to the published ports alike.
    Prerouting,
    /// filter `FORWARD` / `type filter hook forward`: walked for what the DNAT chains rewrite
    /// to another address (Docker's published ports, kube-proxy's node ports).
    Forward,
    /// filter `OUTPUT` / `type filter hook output`: what the host sends. Not walked (egress is
    /// the destination's business in Portolan's model); read only for the replies it lets out
    /// (see `replies.rs`).
    Output,
    /// Postrouting, nat output…: not audited (egress and routing are another host's or
    /// the network's business in Portolan's model).
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chain {
    pub name: String,
    /// `None` for a user chain (reached by jumps only).
    pub hook: Option<Hook>,
    /// `iptables-save` vs `ip6tables-save`, an `ip` vs `ip6` table: the chain (its policy
    /// included) sees only this family. `None`: both (`inet`).
    pub family: Option<IpFamily>,
    /// The default policy of a base chain and where it was written.
    pub policy: Option<(Verdict, Position)>,
    pub rules: Vec<Rule>,
}

/// A located remark about an imported file: something that could not be read (`error`) or an
/// assumption made while reading it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub at: Position,
    pub error: bool,
    pub message: String,
}

impl Note {
    pub fn error(at: Position, message: impl Into<String>) -> Self {
        Self { at, error: true, message: message.into() }
    }

    pub fn assumption(at: Position, message: impl Into<String>) -> Self {
        Self { at, error: false, message: message.into() }
    }
}

/// A ruleset as read: its chains (of the tables that filter) and what the reader noticed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ruleset {
    pub chains: Vec<Chain>,
    pub notes: Vec<Note>,
}

impl Ruleset {
    pub fn chain(&self, name: &str) -> Option<&Chain> {
        self.chains.iter().find(|c| c.name == name)
    }
}

/// Position of line `line` (1-based), column 1.
pub(crate) fn line_start(line: usize) -> Position {
    Position { line: u32::try_from(line).unwrap_or(u32::MAX), column: 1 }
}

#[cfg(test)]
mod tests {
    use super::InInterface;

    fn rule_on(names: &[&str]) -> InInterface {
        InInterface {
            names: names.iter().map(|n| (*n).to_owned()).collect(),
            negated: false,
            assumed: String::new(),
        }
    }

    fn uplinks(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| (*n).to_owned()).collect()
    }

    /// Regression: the topology's `interfaces:` took names only: `interfaces: [eth+]` made a
    /// rule on `eth0` concern none of the host's traffic (`eth+` is no `eth0`), where it
    /// concerns some of it.
    #[test]
    fn a_wildcard_host_interface_is_covered_by_wider_rules_and_partly_by_narrower() {
        let host = uplinks(&["eth+"]);
        assert_eq!(rule_on(&["eth0"]).on(&host), None);
        assert_eq!(rule_on(&["eth*"]).on(&host), Some(true));
        assert_eq!(rule_on(&["e+"]).on(&host), Some(true));
        assert_eq!(rule_on(&["eth1+"]).on(&host), None);
        assert_eq!(rule_on(&["wg0"]).on(&host), Some(false));
        assert_eq!(rule_on(&["wg*", "eth0"]).on(&host), None);
        // Names as before.
        assert_eq!(rule_on(&["eth0"]).on(&uplinks(&["eth0"])), Some(true));
        assert_eq!(rule_on(&["eth+"]).on(&uplinks(&["eth0", "eth1"])), Some(true));
        assert_eq!(rule_on(&["eth0"]).on(&uplinks(&["eth0", "eth1"])), None);
        assert_eq!(rule_on(&["eth0"]).on(&[]), None);
        let negated = InInterface { negated: true, ..rule_on(&["wg*"]) };
        assert_eq!(negated.on(&host), Some(true));
    }
}
