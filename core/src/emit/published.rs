//! Ports a container runtime publishes, held to the plan where the target can.
//!
//! Docker publishes a port by DNAT in nat PREROUTING and accepts it in its own FORWARD chains:
//! the packet never meets the host's input chain, so a port planned from one zone answered
//! every address (tests/netns/runtime.py, docker). Docker's documented place for rules of its
//! user is the `DOCKER-USER` chain, which FORWARD jumps to before Docker's own; conntrack still
//! knows the address and port the connection was first sent to (`--ctorigdst`,
//! `--ctorigdstport`; nft `ct original`), which are what the plan names. So on a host whose
//! `guest_interfaces` name Docker's bridge:
//!
//! * iptables and ufw fill `DOCKER-USER` (ufw through its after rules): a new connection DNATed
//!   from the network passes on to Docker's chains only when it matches one of the host's
//!   planned inbound rules by its original address and port; the rest is dropped;
//! * nftables adds a forward base chain to its own table doing the same with `ct original`
//!   (a drop in any base chain is final, so it only narrows: Docker's iptables rules, or its
//!   nftables backend, which has no `DOCKER-USER`, still decide the rest).
//!
//! The guests' own traffic (in on their interfaces), replies and anything not DNATed are left
//! to the runtime. firewalld cannot match a connection's original port, and other runtimes
//! (Podman, kube-proxy's node ports, libvirt) have no such chain: their header says the
//! published ports are not held to the plan.

use super::hostfw::{self, Family, HostRule, Way};
use crate::model::Transport;

/// Docker's chain for its users' rules.
pub const CHAIN: &str = "DOCKER-USER";
/// The nftables chain of the same job (in `table inet portolan`).
pub const NFT_CHAIN: &str = "published";
/// Comments of the fixed rules.
pub const GUESTS: &str = "portolan: the guests own traffic";
pub const UNPLANNED: &str = "portolan: published port not in the plan";

/// Is Docker among the runtimes behind `guests`? Its default bridge (`docker0`) or swarm's
/// `docker_gwbridge` is named: its user networks (`br-…`) alone do not tell Docker from any
/// other bridge.
pub fn docker(guests: &[&str]) -> bool {
    guests.iter().any(|g| g.starts_with("docker"))
}

/// Does `target` hold Docker's published ports to the plan?
pub fn held(target: &str, guests: &[&str]) -> bool {
    docker(guests) && matches!(target, "nftables" | "iptables" | "ufw")
}

/// The header lines on published ports for a host with `guests`, written by `target`.
pub fn header(target: &str, guests: &[&str]) -> Vec<String> {
    if !held(target, guests) {
        // tests/netns (the newcomer's walk): a dashboard planned from the VPN zone only, run
        // in a container published by Docker, answered every address.
        let why = if docker(guests) {
            "firewalld cannot match the port a connection was first sent to"
        } else {
            "only Docker's DOCKER-USER is filled, when docker0 is among guest_interfaces"
        };
        return vec![
            "A port a guest publishes is reached from wherever its runtime lets in (Docker: every address),".to_owned(),
            format!("not only from the sources the rules below name ({why}): bind it to an address"),
            "(-p 10.0.0.5:8443:8443) or filter it in the runtime (Docker: the DOCKER-USER chain).".to_owned(),
        ];
    }
    let mut lines = vec![
        "Ports Docker publishes are held to the plan: a new connection DNATed from the network passes".to_owned(),
        "on to the chains of Docker only when the address and port it was first sent to, and its source,".to_owned(),
        "are those of a planned rule of input below; other ports DNATed here (by Docker or any other".to_owned(),
        "runtime on this host) are dropped; the guests own traffic, replies and what is not DNATed stay".to_owned(),
        "with Docker.".to_owned(),
    ];
    if target == "nftables" {
        lines.extend([
            format!("That is chain {NFT_CHAIN} (hook forward, ct original): it drops only, so Docker on iptables or on"),
            "its nftables backend (Docker 29, which has no DOCKER-USER) still decides everything else.".to_owned(),
        ]);
    } else {
        let how = if target == "ufw" {
            "filled through /etc/ufw/after.rules and after6.rules (ufw has no command for it):"
        } else {
            "loaded with the iptables Docker uses (iptables -V: nf_tables or legacy; not the other):"
        };
        lines.extend([
            format!("That is chain {CHAIN}, documented by Docker for its users, {how}"),
            "what it held before is replaced (put your own rules in the topology). After Docker starts,".to_owned(),
            format!("iptables -C FORWARD -j {CHAIN} must succeed (an old Docker skipped that jump when the chain"),
            "existed before it started); Docker on its nftables backend has no DOCKER-USER: use the nftables target.".to_owned(),
        ]);
    }
    lines
}

/// The planned inbound rules of one family, which the published ports are held to.
fn planned<'r, 'p>(
    rules: &'r [HostRule<'p>],
    family: Family,
) -> impl Iterator<Item = &'r HostRule<'p>> {
    rules.iter().filter(move |r| r.way == Way::In && r.family == family)
}

fn proto(transport: Transport) -> &'static str {
    match transport {
        Transport::Tcp => "tcp",
        Transport::Udp => "udp",
        Transport::Sctp => "sctp",
    }
}

/// A cut comment's whole list of requirement ids, as the input rules write it: without it the
/// read-back took the list of the last input rule cut before (parse_back::requirements).
fn whole_list(rule: &HostRule<'_>, cut: bool, indent: &str) -> Option<String> {
    hostfw::explain(rule, cut).into_iter().nth(1).map(|line| format!("{indent}{line}"))
}

/// `DOCKER-USER` for iptables-restore `--noflush` (declared: created, or emptied when Docker
/// made it), for `family`; `max` bounds each comment.
pub fn iptables(
    rules: &[HostRule<'_>],
    family: Family,
    guests: &[&str],
    max: usize,
) -> Vec<String> {
    let mut lines = vec![format!(":{CHAIN} - [0:0]")];
    for name in guests {
        lines.push(format!(
            "-A {CHAIN} -i {} -m comment --comment \"{GUESTS}\" -j RETURN",
            super::guests::plus_wildcard(name)
        ));
    }
    for rule in planned(rules, family) {
        let (comment, cut) = hostfw::rule_comment(&rule.flow.requirements, max);
        lines.extend(whole_list(rule, cut, ""));
        let source = rule.peer.as_ref().map(|p| {
            format!("-s {} ", p.iter().map(ToString::to_string).collect::<Vec<_>>().join(","))
        });
        let ports = if rule.ports.is_single() {
            rule.ports.start().to_string()
        } else {
            format!("{}:{}", rule.ports.start(), rule.ports.end())
        };
        // --ctorigdst takes one address: a rule per local net.
        for local in &rule.local {
            lines.push(format!(
                "-A {CHAIN} {}-p {} -m conntrack --ctorigdst {local} --ctorigdstport {ports} -m comment --comment \"{comment}\" -j RETURN",
                source.as_deref().unwrap_or(""),
                proto(rule.transport),
            ));
        }
    }
    // Only new connections DNATed: replies (ESTABLISHED, DNAT too) and forwarding not
    // published go on to Docker's chains.
    lines.push(format!(
        "-A {CHAIN} -m conntrack --ctstate NEW -m conntrack --ctstate DNAT -m comment --comment \"{UNPLANNED}\" -j DROP"
    ));
    lines.push(format!("-A {CHAIN} -j RETURN"));
    lines
}

/// The nftables chain (tab-indented lines inside `table inet portolan`).
pub fn nftables(rules: &[HostRule<'_>], guests: &[&str], max: usize) -> Vec<String> {
    let mut lines = vec![
        format!("\tchain {NFT_CHAIN} {{"),
        // An accept here ends this chain only: Docker's own chains still decide.
        "\t\ttype filter hook forward priority filter; policy accept;".to_owned(),
    ];
    for name in guests {
        lines.push(format!("\t\tiifname \"{name}\" accept comment \"{GUESTS}\""));
    }
    for family in Family::BOTH {
        let ip = if family == Family::V4 { "ip" } else { "ip6" };
        for rule in planned(rules, family) {
            let (comment, cut) = hostfw::rule_comment(&rule.flow.requirements, max);
            lines.extend(whole_list(rule, cut, "\t\t"));
            let set = |nets: &[ipnet::IpNet]| {
                nets.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
            };
            let source = rule.peer.as_ref().map(|p| format!("{ip} saddr {{ {} }} ", set(p)));
            lines.push(format!(
                "\t\t{}ct original {ip} daddr {{ {} }} meta l4proto {} ct original proto-dst {} accept comment \"{comment}\"",
                source.as_deref().unwrap_or(""),
                set(&rule.local),
                proto(rule.transport),
                rule.ports,
            ));
        }
    }
    lines.push(format!("\t\tct state new ct status dnat drop comment \"{UNPLANNED}\""));
    lines.push("\t}".to_owned());
    lines
}

#[cfg(test)]
mod tests {
    use crate::topology::testkit::emit_topology;

    /// Every file `target` writes for a host h (10.0.0.5) behind `guests`, with 8443/tcp
    /// planned to it from the vpn zone, joined.
    fn text(target: &str, guests: &str) -> String {
        let yaml = format!(
            "zones:\n  vpn: {{ cidrs: [10.9.0.0/24] }}\n  srv: {{ cidrs: [10.0.0.0/24] }}\nhosts:\n  h: {{ zone: srv, address: 10.0.0.5, guest_interfaces: [{guests}] }}\nmanagement: [{{ from: vpn }}]\nservices:\n  - {{ host: h, name: dash, ports: [8443/tcp], from: [vpn] }}\n"
        );
        let out = emit_topology(target, &yaml, None).expect("emits");
        out.files.iter().map(|f| f.contents.as_str()).collect::<Vec<_>>().join("\n")
    }

    /// Regression (session 13, tests/netns/runtime.py docker): a dashboard published by Docker
    /// and planned from the vpn zone only answered every address; the files only said so.
    #[test]
    fn ports_docker_publishes_are_held_to_the_planned_sources() {
        let planned =
            "-s 10.9.0.0/24 -p tcp -m conntrack --ctorigdst 10.0.0.5/32 --ctorigdstport 8443 ";
        let drop = "-A DOCKER-USER -m conntrack --ctstate NEW -m conntrack --ctstate DNAT ";
        for target in ["iptables", "ufw"] {
            let text = text(target, "docker0, br-*");
            assert!(text.contains(":DOCKER-USER - [0:0]"), "{target}: {text}");
            assert!(text.contains(&format!("-A DOCKER-USER {planned}")), "{target}: {text}");
            assert!(text.contains("-A DOCKER-USER -i br-+ "), "{target}: {text}");
            // The drop after every planned rule, then Docker's chains for the rest.
            let (before, after) = text.split_once(drop).expect("the drop");
            assert!(before.contains(planned) && after.contains("-A DOCKER-USER -j RETURN"));
            assert!(text.contains("# Ports Docker publishes are held to the plan"), "{text}");
        }
        let nft = text("nftables", "docker0");
        assert!(
            nft.contains("ip saddr { 10.9.0.0/24 } ct original ip daddr { 10.0.0.5/32 } meta l4proto tcp ct original proto-dst 8443 accept")
                && nft.contains("type filter hook forward priority filter; policy accept;")
                && nft.contains("ct state new ct status dnat drop"),
            "{nft}"
        );
        assert!(nft.contains("# Ports Docker publishes are held to the plan"), "{nft}");
    }

    /// firewalld cannot match the original port, and only Docker has DOCKER-USER: said, and
    /// nothing is written for them.
    #[test]
    fn published_ports_not_held_are_said_to_answer_every_address() {
        let said = "A port a guest publishes is reached from wherever its runtime lets in";
        let zone = text("firewalld", "docker0");
        assert!(zone.contains(said) && zone.contains("firewalld cannot match"), "{zone}");
        for target in ["nftables", "iptables", "ufw"] {
            let text = text(target, "podman0");
            assert!(text.contains(said) && !text.contains("DOCKER-USER -"), "{target}: {text}");
            assert!(!text.contains("ct original"), "{target}: {text}");
        }
    }
}
