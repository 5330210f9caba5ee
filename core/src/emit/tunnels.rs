//! A guest interface that is a tunnel (WireGuard's `wg0`, Tailscale's `tailscale0`, flannel's
//! `flannel.1`): accepting the interface lets the tunnel's inner traffic through, but its
//! packets travel as UDP to the tunnel's port on the host's other interfaces, new in both
//! directions (each end starts handshakes; a VXLAN end picks a new source port per flow), and
//! the default drop in and out cuts them. tests/netns/runtime.py showed it: with
//! `guest_interfaces: [wg0]` alone nothing crossed the tunnel; with the port planned between
//! the nodes everything did. The file says, per tunnel interface it can recognise by name,
//! whether its port is open both ways and, when not, how to plan it.

use super::hostfw::{HostRule, Way};
use crate::model::Transport;

/// A tunnel's interface name prefix, what it is (no apostrophes: comments make them inert),
/// and the UDP port its packets use by default. The first match wins (flannel's WireGuard
/// backend, `flannel-wg`, before its VXLAN one, `flannel.1`).
const KNOWN: [(&str, &str, u16); 8] = [
    ("flannel-wg", "flannel WireGuard", 51820),
    ("flannel", "flannel VXLAN", 8472),
    ("cilium_vxlan", "Cilium VXLAN", 8472),
    ("vxlan.calico", "Calico VXLAN", 4789),
    ("wireguard.cali", "Calico WireGuard", 51820),
    ("tailscale", "Tailscale", 41641),
    ("wg", "WireGuard", 51820),
    ("vxlan", "VXLAN", 4789),
];

/// What the guest interface `name` (a name, or a prefix ending in `*`) tunnels by its name.
pub fn known(name: &str) -> Option<(&'static str, u16)> {
    let stem = name.trim_end_matches('*');
    KNOWN
        .iter()
        .find(|(prefix, _, _)| stem.starts_with(prefix))
        .map(|(_, what, port)| (*what, *port))
}

/// Does a rule of `way` accept UDP to `port`?
fn opened(rules: &[HostRule<'_>], way: Way, port: u16) -> bool {
    rules
        .iter()
        .any(|r| r.way == way && r.transport == Transport::Udp && r.ports.contains_port(port))
}

/// The header lines for the tunnels among `interfaces`, judged on all the host's `rules`.
pub fn lines(interfaces: &[&str], rules: &[HostRule<'_>]) -> Vec<String> {
    let mut lines = Vec::new();
    for name in interfaces {
        let Some((what, port)) = known(name) else { continue };
        let (r#in, out) = (opened(rules, Way::In, port), opened(rules, Way::Out, port));
        if r#in && out {
            lines.push(format!(
                "{name} looks like a {what} tunnel: its packets, {port}/udp on the other interfaces, pass both ways (rules below)."
            ));
            continue;
        }
        let opens = match (r#in, out) {
            (false, false) => "opens neither in nor out",
            (true, false) => "opens in but not out",
            _ => "opens out but not in",
        };
        lines.push(format!(
            "WARNING: {name} looks like a {what} tunnel: its packets travel as {port}/udp on the other interfaces,"
        ));
        lines.push(format!(
            "which this file {opens}: the tunnel is cut. Plan the port between its ends (if it"
        ));
        lines.push(format!(
            "listens on another, that one): services: [{{ host: [<this host>, <its peers>], name: tunnel, ports: [{port}/udp], from: [<their zone>] }}]"
        ));
        if what == "Tailscale" {
            lines.push(
                "Tailscale also reaches its coordination server and DERP relays on 443/tcp out and STUN on 3478/udp out: egress entries."
                    .to_owned(),
            );
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::{Emitted, Target, emit};
    use crate::plan::access::with_access;
    use crate::topology::testkit::{catalog, platform};
    use crate::topology::{Format, parse};

    fn file(target: &str, ends_with: &str, extra: &str) -> String {
        let yaml = format!(
            "zones:\n  admin: {{ cidrs: [10.9.0.0/24] }}\n  srv: {{ cidrs: [10.0.0.0/24] }}\nhosts:\n  h: {{ zone: srv, address: 10.0.0.5, guest_interfaces: [wg0, cni0, flannel*] }}\n  n2: {{ zone: srv, address: 10.0.0.6 }}\nmanagement: [{{ from: admin }}]\n{extra}"
        );
        let topology = parse(&yaml, "t.yaml", Format::Yaml).expect("parses");
        let plan = with_access(
            crate::plan::plan(&catalog(vec![platform("lm", vec![], &[])]), &topology),
            &topology,
        );
        let emitted: Emitted =
            emit(Target::parse(target).expect("target"), &plan, &topology, None).expect("emits");
        let found = emitted.files.iter().find(|f| f.path.ends_with(ends_with));
        found.map(|f| f.contents.clone()).unwrap_or_default()
    }

    #[test]
    fn tunnels_are_known_by_their_interface_names() {
        assert_eq!(known("wg0"), Some(("WireGuard", 51820)));
        assert_eq!(known("flannel*"), Some(("flannel VXLAN", 8472)));
        assert_eq!(known("flannel-wg"), Some(("flannel WireGuard", 51820)));
        assert_eq!(known("tailscale0"), Some(("Tailscale", 41641)));
        assert_eq!(known("cni0"), None);
        assert_eq!(known("docker0"), None);
    }

    /// Regression (tests/netns/runtime.py, `iface` round): `guest_interfaces: [wg0]` (and
    /// `tailscale0`, `flannel*`) accepted the tunnel's interface, but the default drop cut its
    /// UDP on eth0, in and out, in silence: nothing crossed the tunnel. Every host-firewall
    /// file now names the port and how to plan it.
    #[test]
    fn a_tunnel_whose_port_no_rule_opens_is_said_to_be_cut() {
        for (target, name) in [
            ("nftables", "h.nft"),
            ("iptables", "h.rules.v4"),
            ("ufw", "h.sh"),
            ("firewalld", "portolan.xml"),
        ] {
            let text = file(target, name, "");
            assert!(
                text.contains(
                    "WARNING: wg0 looks like a WireGuard tunnel: its packets travel as 51820/udp"
                ),
                "{target}: {text}"
            );
            assert!(
                text.contains("WARNING: flannel* looks like a flannel VXLAN tunnel"),
                "{target}"
            );
            assert!(text.contains("ports: [8472/udp]"), "{target}: {text}");
            assert!(!text.contains("cni0 looks"), "{target}: {text}");
        }
    }

    #[test]
    fn a_tunnel_whose_port_is_planned_both_ways_is_said_to_pass() {
        let plan = "services:\n  - { host: [h, n2], name: wg, ports: [51820/udp], from: [srv] }\n";
        let text = file("nftables", "h.nft", plan);
        assert!(
            text.contains("# wg0 looks like a WireGuard tunnel: its packets, 51820/udp on the other interfaces, pass both ways"),
            "{text}"
        );
        assert!(!text.contains("WARNING: wg0"), "{text}");
        assert!(text.contains("WARNING: flannel*"), "{text}");
        // Only inbound planned: said which way is missing.
        let inbound = "services:\n  - { host: h, name: wg, ports: [51820/udp], from: [srv] }\n";
        let text = file("nftables", "h.nft", inbound);
        assert!(text.contains("which this file opens in but not out"), "{text}");
    }
}
