//! nftables: one `nft -f` file per host, table `inet portolan`, input and output default drop.
//!
//! The file replaces only its own table (`table` + `delete table` + definition), so other
//! tables (a container runtime's) stay; a drop in any base chain is final, so default deny
//! holds whatever they accept. Names never become identifiers: chains are fixed, addresses
//! are inline sets, names appear only in `#` lines and comments made of inert ASCII.

use std::fmt::Write as _;

use super::hostfw::{self, Family, HostRule, Way};
use super::{EmitError, Emitted, Input, Scope, Spec, guests, quote, safety};
use crate::model::Transport;

pub const SPEC: Spec = Spec {
    name: "nftables",
    description: "nftables ruleset per host (nft -f)",
    scope: Scope::Host,
    emit,
};

/// nft limits comments to 128 bytes.
pub const COMMENT_MAX: usize = 128;

/// Comments of the fixed rules every file has (the parse-back recognises them).
pub const LOOPBACK: &str = "portolan: loopback";
pub const ESTABLISHED: &str = "portolan: established, related";
pub const INVALID: &str = "portolan: invalid";
pub const NEIGHBOUR: &str = "portolan: ipv6 neighbour discovery";

/// How to apply a file without losing the host: a dry run, then a timed way back. The way
/// back is a saved copy of this table (or, on a first load, its bare delete), so that undoing
/// a second load (a changed topology) brings the first one back rather than no table at all;
/// the file touches nothing else. The timer is a systemd unit: a `( sleep …; … ) &` job dies
/// with the SSH session that started it (its hang-up), the very moment the way back is
/// needed; `&&` applies nothing when no timer is set.
/// (No quotes: header lines are made inert, which would mangle them.)
const APPLY: [&str; 8] = [
    "Apply safely: nft -c -f <this file> checks it without applying; then, with a way back that",
    "outlives your SSH session (a copy of this table as it is now: none, or an earlier load),",
    "  { echo table inet portolan; echo delete table inet portolan; nft list table inet portolan 2>/dev/null; true; } > /root/portolan-before.nft && systemd-run --unit=portolan-undo --on-active=120 nft -f /root/portolan-before.nft && nft -f <this file>",
    "and open a new SSH session: if it works, cancel the way back (systemctl stop",
    "portolan-undo.timer); if not, wait two minutes. Loading it again replaces the table whole.",
    "Other tables (of a runtime, of fail2ban) stay, and a drop in any of them stays final: this",
    "table can only narrow what they accept.",
    "ICMP errors about allowed connections (path MTU discovery) pass as related; ping does not.",
];

/// Comment of the rules that accept a host's traffic on its guests' interfaces.
pub const GUESTS: &str = "portolan: guests of the runtime";

fn emit(input: &Input<'_>, out: &mut Emitted) -> Result<(), EmitError> {
    for (host, rules) in hostfw::per_host(input) {
        let mut text = String::new();
        let _ = writeln!(text, "#!/usr/sbin/nft -f");
        let _ = writeln!(
            text,
            "{}",
            quote::hash_comment(&format!(
                "Portolan firewall for host {} (zone {}), topology {}",
                host.name,
                host.zone,
                super::topology_name(input.topology)
            ))
        );
        let _ = writeln!(
            text,
            "# Generated from the flow plan: default deny in and out; loopback, replies and IPv6"
        );
        let _ = writeln!(
            text,
            "# neighbour discovery allowed; each rule names the requirement ids it implements."
        );
        let _ =
            writeln!(text, "# Load with: nft -f <this file> (replaces table inet portolan only).");
        let guests = guests::of(input.topology, &host);
        let mut apply: Vec<String> = APPLY.iter().map(|l| (*l).to_owned()).collect();
        apply.extend(if guests.is_empty() {
            guests::forward_dropped()
        } else {
            guests::header(&guests, SPEC.name)
        });
        apply.extend(super::tunnels::header(input.topology, &host, &rules, SPEC.name, out));
        let apply: Vec<&str> = apply.iter().map(String::as_str).collect();
        for line in safety::header(SPEC.name, &host, &rules, &apply, out) {
            let _ = writeln!(text, "{}", quote::hash_comment(&line));
        }
        let _ = writeln!(text, "table inet portolan");
        let _ = writeln!(text, "delete table inet portolan");
        let _ = writeln!(text, "table inet portolan {{");
        for (chain, hook, way) in [("input", "input", Way::In), ("output", "output", Way::Out)] {
            let iface = if way == Way::In { "iif" } else { "oif" };
            let _ = writeln!(text, "\tchain {chain} {{");
            let _ = writeln!(text, "\t\ttype filter hook {hook} priority filter; policy drop;");
            let _ = writeln!(text, "\t\t{iface} \"lo\" accept comment \"{LOOPBACK}\"");
            let _ =
                writeln!(text, "\t\tct state established,related accept comment \"{ESTABLISHED}\"");
            let _ = writeln!(text, "\t\tct state invalid drop comment \"{INVALID}\"");
            let _ = writeln!(
                text,
                "\t\ticmpv6 type {{ nd-router-solicit, nd-router-advert, nd-neighbor-solicit, nd-neighbor-advert }} accept comment \"{NEIGHBOUR}\""
            );
            for name in &guests {
                let _ = writeln!(text, "\t\t{iface}name \"{name}\" accept comment \"{GUESTS}\"");
            }
            let mut last: *const crate::plan::Flow = std::ptr::null();
            for rule in rules.iter().filter(|r| r.way == way) {
                let (comment, cut) = hostfw::rule_comment(&rule.flow.requirements, COMMENT_MAX);
                for line in hostfw::explain(rule, cut)
                    .into_iter()
                    .filter(|_| !std::ptr::eq(last, rule.flow))
                {
                    let _ = writeln!(text, "\t\t{line}");
                }
                last = rule.flow;
                let _ = writeln!(text, "\t\t{} accept comment \"{comment}\"", matches(rule));
            }
            let _ = writeln!(text, "\t}}");
        }
        // A host with guests has no forward chain: a drop here would be final over the
        // runtime's own accepts (see `guests`).
        if guests.is_empty() {
            let _ = writeln!(text, "\tchain forward {{");
            let _ = writeln!(text, "\t\ttype filter hook forward priority filter; policy drop;");
            let _ = writeln!(text, "\t}}");
        }
        if super::published::held(SPEC.name, &guests) {
            for line in super::published::nftables(&rules, &guests, COMMENT_MAX) {
                let _ = writeln!(text, "{line}");
            }
        }
        let _ = writeln!(text, "}}");
        out.file(format!("nftables/{}.nft", quote::file_slug(&host.name)), text);
    }
    Ok(())
}

/// `ip saddr { … } ip daddr { … } tcp dport 80-81`.
fn matches(rule: &HostRule<'_>) -> String {
    let ip = match rule.family {
        Family::V4 => "ip",
        Family::V6 => "ip6",
    };
    let set = |nets: &[ipnet::IpNet]| {
        format!("{{ {} }}", nets.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "))
    };
    let (local_dir, peer_dir) = match rule.way {
        Way::In => ("daddr", "saddr"),
        Way::Out => ("saddr", "daddr"),
    };
    let mut parts = Vec::new();
    if let Some(peer) = &rule.peer {
        parts.push(format!("{ip} {peer_dir} {}", set(peer)));
    }
    parts.push(format!("{ip} {local_dir} {}", set(&rule.local)));
    let proto = match rule.transport {
        Transport::Tcp => "tcp",
        Transport::Udp => "udp",
        Transport::Sctp => "sctp",
    };
    parts.push(format!("{proto} dport {}", rule.ports));
    parts.join(" ")
}
