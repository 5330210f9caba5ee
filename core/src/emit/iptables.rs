//! iptables-restore: two files per host, `<host>.rules.v4` (iptables-restore) and
//! `<host>.rules.v6` (ip6tables-restore). The filter table is replaced: INPUT, OUTPUT and
//! FORWARD drop by default; loopback, conntrack replies and (IPv6) neighbour discovery allowed.
//! Address lists use iptables' comma syntax (`-s a,b -d c`), expanded by iptables-restore.

use std::fmt::Write as _;

use super::hostfw::{self, Family, HostRule, Way};
use super::{EmitError, Emitted, Input, Scope, Spec, quote, safety};
use crate::model::Transport;

pub const SPEC: Spec = Spec {
    name: "iptables",
    description: "iptables-restore and ip6tables-restore files per host",
    scope: Scope::Host,
    emit,
};

/// The comment match takes at most 256 bytes.
pub const COMMENT_MAX: usize = 256;

pub const LOOPBACK: &str = "portolan: loopback";
pub const ESTABLISHED: &str = "portolan: established, related";
pub const INVALID: &str = "portolan: invalid";
pub const NEIGHBOUR: &str = "portolan: ipv6 neighbour discovery";

/// ICMPv6 types neighbour discovery needs (router solicitation/advertisement, neighbour
/// solicitation/advertisement).
pub const NEIGHBOUR_TYPES: [u8; 4] = [133, 134, 135, 136];

/// What replacing the filter table does to a host that routes for containers (said, since the
/// plan has no flow for it and the outage would otherwise come unannounced).
const FORWARD: [&str; 3] = [
    "It replaces the whole filter table and drops forwarded packets: on a Docker or Kubernetes",
    "node the chains of the runtime go and the traffic of containers and pods is cut (restart",
    "the runtime after loading it, or keep such nodes on their own rules).",
];

fn emit(input: &Input<'_>, out: &mut Emitted) -> Result<(), EmitError> {
    for (host, rules) in hostfw::per_host(input) {
        for family in Family::BOTH {
            let (tool, ext) = match family {
                Family::V4 => ("iptables-restore", "v4"),
                Family::V6 => ("ip6tables-restore", "v6"),
            };
            let mut text = String::new();
            let _ = writeln!(
                text,
                "{}",
                quote::hash_comment(&format!(
                    "Portolan firewall for host {} (zone {}), topology {}, {}",
                    host.name,
                    host.zone,
                    super::topology_name(input.topology),
                    family.as_str()
                ))
            );
            let _ = writeln!(
                text,
                "# Generated from the flow plan: default deny in, out and forward; loopback and replies"
            );
            let _ = writeln!(text, "# allowed; each rule names the requirement ids it implements.");
            let _ =
                writeln!(text, "# Load with: {tool} < <this file> (replaces the filter table).");
            let check =
                format!("Apply safely: {tool} --test < <this file> checks it without applying;");
            let apply = match family {
                Family::V4 => {
                    "then iptables-apply -t 120 <this file> rolls back unless you confirm it"
                }
                Family::V6 => {
                    "then ip6tables-apply -t 120 <this file> rolls back unless you confirm it"
                }
            };
            let [f1, f2, f3] = FORWARD;
            let steps = [
                check.as_str(),
                apply,
                "(answer its question only once a new SSH session connects).",
                f1,
                f2,
                f3,
            ];
            for line in safety::family_header(SPEC.name, &host, &rules, Some(family), &steps, out) {
                let _ = writeln!(text, "{}", quote::hash_comment(&line));
            }
            let _ = writeln!(text, "*filter");
            let _ = writeln!(text, ":INPUT DROP [0:0]");
            let _ = writeln!(text, ":FORWARD DROP [0:0]");
            let _ = writeln!(text, ":OUTPUT DROP [0:0]");
            for (chain, way) in [("INPUT", Way::In), ("OUTPUT", Way::Out)] {
                let iface = if way == Way::In { "-i" } else { "-o" };
                let _ = writeln!(
                    text,
                    "-A {chain} {iface} lo -m comment --comment \"{LOOPBACK}\" -j ACCEPT"
                );
                let _ = writeln!(
                    text,
                    "-A {chain} -m conntrack --ctstate RELATED,ESTABLISHED -m comment --comment \"{ESTABLISHED}\" -j ACCEPT"
                );
                let _ = writeln!(
                    text,
                    "-A {chain} -m conntrack --ctstate INVALID -m comment --comment \"{INVALID}\" -j DROP"
                );
                if family == Family::V6 {
                    for t in NEIGHBOUR_TYPES {
                        let _ = writeln!(
                            text,
                            "-A {chain} -p ipv6-icmp -m icmp6 --icmpv6-type {t} -m comment --comment \"{NEIGHBOUR}\" -j ACCEPT"
                        );
                    }
                }
                let mut last: *const crate::plan::Flow = std::ptr::null();
                for rule in rules.iter().filter(|r| r.way == way && r.family == family) {
                    let (comment, cut) = hostfw::rule_comment(&rule.flow.requirements, COMMENT_MAX);
                    for line in hostfw::explain(rule, cut)
                        .into_iter()
                        .filter(|_| !std::ptr::eq(last, rule.flow))
                    {
                        let _ = writeln!(text, "{line}");
                    }
                    last = rule.flow;
                    let _ = writeln!(
                        text,
                        "-A {chain} {} -m comment --comment \"{comment}\" -j ACCEPT",
                        matches(rule)
                    );
                }
            }
            let _ = writeln!(text, "COMMIT");
            out.file(format!("iptables/{}.rules.{ext}", quote::file_slug(&host.name)), text);
        }
    }
    Ok(())
}

fn list(nets: &[ipnet::IpNet]) -> String {
    nets.iter().map(ToString::to_string).collect::<Vec<_>>().join(",")
}

/// `-s a,b -d c -p tcp -m tcp --dport 80:81`.
fn matches(rule: &HostRule<'_>) -> String {
    let (local_flag, peer_flag) = match rule.way {
        Way::In => ("-d", "-s"),
        Way::Out => ("-s", "-d"),
    };
    let mut parts = Vec::new();
    if let Some(peer) = &rule.peer {
        parts.push(format!("{peer_flag} {}", list(peer)));
    }
    parts.push(format!("{local_flag} {}", list(&rule.local)));
    let proto = match rule.transport {
        Transport::Tcp => "tcp",
        Transport::Udp => "udp",
        Transport::Sctp => "sctp",
    };
    let ports = if rule.ports.is_single() {
        rule.ports.start().to_string()
    } else {
        format!("{}:{}", rule.ports.start(), rule.ports.end())
    };
    parts.push(format!("-p {proto} -m {proto} --dport {ports}"));
    parts.join(" ")
}
