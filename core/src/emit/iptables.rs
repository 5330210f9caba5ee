//! iptables-restore: two files per host, `<host>.rules.v4` (iptables-restore) and
//! `<host>.rules.v6` (ip6tables-restore), loaded with `--noflush`: the file fills its own
//! chains (PORTOLAN-INPUT, PORTOLAN-OUTPUT, PORTOLAN-FORWARD), each ending in a drop (but
//! PORTOLAN-FORWARD on a host with guests, left empty), and appends a jump to them at the end
//! of INPUT, OUTPUT and FORWARD.
//! Every other chain and rule stays: replacing the filter table, as these files once did,
//! removed the chains of a container runtime and fail2ban's bans (tests/netns/runtime.py). The
//! rules already in the built-in chains run first, so a runtime's accepts and fail2ban's drops
//! keep deciding their traffic. Loopback, conntrack replies and (IPv6) neighbour discovery are
//! allowed. Address lists use iptables' comma syntax (`-s a,b -d c`), expanded by
//! iptables-restore.

use std::fmt::Write as _;

use super::hostfw::{self, Family, HostRule, Way};
use super::{EmitError, Emitted, Input, Scope, Spec, guests, quote, safety};
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
pub const GUESTS: &str = "portolan: guests of the runtime";
pub const DEFAULT_DROP: &str = "portolan: default drop";
pub const JUMP: &str = "portolan";

/// The chains the file owns, and the built-in chain each is jumped to from.
pub const CHAINS: [(&str, &str); 3] =
    [("PORTOLAN-INPUT", "INPUT"), ("PORTOLAN-OUTPUT", "OUTPUT"), ("PORTOLAN-FORWARD", "FORWARD")];

/// ICMPv6 types neighbour discovery needs (router solicitation/advertisement, neighbour
/// solicitation/advertisement).
pub const NEIGHBOUR_TYPES: [u8; 4] = [133, 134, 135, 136];

/// How the file meets what is already there (said, since the outage a replaced table caused
/// came unannounced), how to load it again without a second jump in each built-in chain
/// (iptables-restore cannot append a rule only when it is missing, so the jump of the earlier
/// load is deleted after the new one is appended: the first match of `-D` is the older one),
/// then how to apply it with a timed way back that outlives the SSH session (a saved copy
/// restored by a systemd timer: `iptables-apply` restores without `--noflush`). The copy is of
/// the filter table named (`-t filter`): on a host with no rules yet (iptables-nft), a bare
/// `iptables-save` writes nothing, and restoring that left the loaded drops in place
/// (tests/netns/reapply.py, IPv6: the way back of the first load did not remove it).
fn apply_lines(tool: &str, ext: &str, forward: bool) -> Vec<String> {
    let save = if ext == "v4" { "iptables-save" } else { "ip6tables-save" };
    let cmd = tool.trim_end_matches("-restore");
    let jump =
        |builtin: &str| format!("{builtin} -m comment --comment {JUMP} -j PORTOLAN-{builtin}");
    let other = if ext == "v4" {
        "Load the .v6 file too (ip6tables-restore --noflush): without it IPv6 to and from this host stays open."
    } else {
        "Load the .v4 file too (iptables-restore --noflush): without it IPv4 to and from this host stays open."
    };
    let mut lines = vec![
        "It fills its own chains (PORTOLAN-INPUT, PORTOLAN-OUTPUT and PORTOLAN-FORWARD) and appends a jump"
            .to_owned(),
        "to each at the end of INPUT, OUTPUT and FORWARD; every other chain and rule stays (of a container"
            .to_owned(),
        format!("runtime, of fail2ban). Rules already in those built-in chains run first: an ACCEPT there wins over this file ({cmd} -S INPUT shows them)."),
    ];
    if !forward {
        lines.push(
            "PORTOLAN-FORWARD stays empty here (its jump returns): forwarding is left to the runtime."
                .to_owned(),
        );
    }
    lines.extend([
        format!("Apply safely: {tool} --test <this file> checks it without applying; then, with a"),
        "way back that outlives your SSH session,".to_owned(),
        format!(
            "  {save} -t filter > /root/portolan-before.{ext} && systemd-run --unit=portolan-undo --on-active=120 {tool} /root/portolan-before.{ext} && {tool} --noflush <this file>"
        ),
        "and open a new SSH session: if it works, cancel the way back (systemctl stop".to_owned(),
        "portolan-undo.timer); if not, wait two minutes (the filter table, the only one this file touches, comes".to_owned(),
        "back as it was; -t filter saves it even where it is empty, which a bare save would skip, restoring nothing).".to_owned(),
        "To load a changed file again, where an earlier one is loaded, run in place of its last part (the check".to_owned(),
        "loads nothing where no jump is there yet; each -D removes the older of the two jumps):".to_owned(),
        format!(
            "  {cmd} -C {} && {tool} --noflush <this file> && {cmd} -D {} && {cmd} -D {} && {cmd} -D {}",
            jump("INPUT"),
            jump("INPUT"),
            jump("OUTPUT"),
            jump("FORWARD")
        ),
        format!("Loaded again with {tool} --noflush alone (a boot script, a configuration tool), each of the three"),
        "chains gets one more jump: never reached (the chain of the first jump ends in a drop, or, PORTOLAN-FORWARD".to_owned(),
        "left empty, returns to where the second jump repeats it), and removed by the three -D above, once per".to_owned(),
        format!("extra load ({cmd} -S INPUT lists them). The file cannot prevent it: iptables-restore cannot add a rule"),
        "only where it is missing, nor delete one that may be absent without failing whole.".to_owned(),
        other.to_owned(),
        "ICMP errors about allowed connections (path MTU discovery) pass as related; ping does not."
            .to_owned(),
    ]);
    lines
}

/// Said on a host without guests: FORWARD's drop comes after the rules already there.
const FORWARD: [&str; 3] = [
    "Forwarded packets that no earlier rule of FORWARD accepts are dropped (the own accepts of a runtime",
    "there still pass), and the traffic of the host itself to and from containers or VMs is cut: on such a",
    "host name their interfaces in the topology (guest_interfaces: [docker0]) and generate this again.",
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
            let guests = guests::of(input.topology, &host);
            let forward = guests.is_empty();
            let _ = writeln!(
                text,
                "# Generated from the flow plan: default deny in, out{}; loopback and replies",
                if forward { " and forward" } else { "" }
            );
            let _ = writeln!(text, "# allowed; each rule names the requirement ids it implements.");
            let _ = writeln!(
                text,
                "# Load with: {tool} --noflush < <this file> (keeps every other chain and rule)."
            );
            let mut steps = apply_lines(tool, ext, forward);
            if forward {
                steps.extend(FORWARD.iter().map(|l| (*l).to_owned()));
            } else {
                steps.extend(guests::header(&guests, SPEC.name));
            }
            steps.extend(super::tunnels::header(input.topology, &host, &rules, SPEC.name, out));
            let steps: Vec<&str> = steps.iter().map(String::as_str).collect();
            for line in safety::family_header(SPEC.name, &host, &rules, Some(family), &steps, out) {
                let _ = writeln!(text, "{}", quote::hash_comment(&line));
            }
            let _ = writeln!(text, "*filter");
            // All three chains and jumps on every host, PORTOLAN-FORWARD empty on one with
            // guests: every load has the same jumps, so loading a changed file again (a host
            // that gained or lost guests too) replaces them one for one.
            for (chain, _) in CHAINS {
                // Declared with --noflush: created, or emptied when it exists (a reload).
                let _ = writeln!(text, ":{chain} - [0:0]");
            }
            for (chain, way) in [("PORTOLAN-INPUT", Way::In), ("PORTOLAN-OUTPUT", Way::Out)] {
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
                for name in &guests {
                    let _ = writeln!(
                        text,
                        "-A {chain} {iface} {} -m comment --comment \"{GUESTS}\" -j ACCEPT",
                        guests::plus_wildcard(name)
                    );
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
            for (chain, builtin) in CHAINS {
                if forward || builtin != "FORWARD" {
                    let _ = writeln!(
                        text,
                        "-A {chain} -m comment --comment \"{DEFAULT_DROP}\" -j DROP"
                    );
                }
                let _ = writeln!(text, "-A {builtin} -m comment --comment \"{JUMP}\" -j {chain}");
            }
            if super::published::held(SPEC.name, &guests) {
                for line in super::published::iptables(&rules, family, &guests, COMMENT_MAX) {
                    let _ = writeln!(text, "{line}");
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
