//! Tunnels on a host (WireGuard, Tailscale, flannel's VXLAN, ...): accepting a tunnel's
//! interface lets its inner traffic through, but its own packets travel on the host's other
//! interfaces, as UDP to the tunnel's port (new in both directions: each end starts
//! handshakes; a VXLAN end picks a new source port per flow) or as an IP protocol of their own
//! (GRE, ESP, IP-in-IP), and the default drop in and out cuts them. tests/netns/runtime.py
//! showed it: with `guest_interfaces: [wg0]` alone nothing crossed the tunnel; with the port
//! planned between the nodes everything did.
//!
//! An interface's name is only a hint (wg-quick names the interface after its configuration
//! file: `wg-office`, `tun-site-b`), so the file says, for every interface the topology names
//! (`guest_interfaces`, `interfaces`), what its name suggests and what the plan opens: its
//! port both ways or not, the UDP ports the plan opens both ways when Portolan cannot tell the
//! tunnel's own, and a tunnel's port planned on a host that names no interface for it. What
//! would cut a tunnel, or what Portolan cannot know, is a WARNING in the file and a note on
//! standard error naming the topology's file:line:column.

use super::hostfw::{HostRule, Way};
use super::{EmitNoteKind, Emitted};
use crate::data::Position;
use crate::model::{PortRange, Transport};
use crate::plan::HostRef;
use crate::topology::Topology;

/// What an interface's name says it carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A bridge, veth or tap of a container or VM runtime: nothing of it travels elsewhere.
    Guests,
    /// A tunnel whose packets travel as UDP to `port` by default.
    Udp { what: &'static str, port: u16 },
    /// A tunnel carried by an IP protocol of its own, which no rule of a host firewall here
    /// writes (they open TCP, UDP and SCTP ports).
    Protocol { what: &'static str, protocol: &'static str },
    /// A tunnel device whose port its configuration picks (`tun0`, `tap1`: OpenVPN, or
    /// anything), or a name Portolan does not know.
    Unknown,
}

/// Interface name prefixes, what they are (no apostrophes: comments make them inert) and
/// how they travel. The first match wins (flannel's WireGuard backend, `flannel-wg`, before
/// its VXLAN one, `flannel.1`; Calico's `tunl0` before a `tun` device).
const KNOWN: &[(&str, Kind)] = &[
    ("flannel-wg", Kind::Udp { what: "flannel WireGuard", port: 51820 }),
    ("flannel", Kind::Udp { what: "flannel VXLAN", port: 8472 }),
    ("cilium_vxlan", Kind::Udp { what: "Cilium VXLAN", port: 8472 }),
    ("cilium_geneve", Kind::Udp { what: "Cilium Geneve", port: 6081 }),
    ("cilium_wg", Kind::Udp { what: "Cilium WireGuard", port: 51871 }),
    ("genev_sys", Kind::Udp { what: "Open vSwitch Geneve", port: 6081 }),
    ("vxlan_sys", Kind::Udp { what: "Open vSwitch VXLAN", port: 4789 }),
    ("vxlan.calico", Kind::Udp { what: "Calico VXLAN", port: 4789 }),
    ("wireguard.cali", Kind::Udp { what: "Calico WireGuard", port: 51820 }),
    ("tunl", Kind::Protocol { what: "Calico IP-in-IP", protocol: "IP protocol 4 (IP-in-IP)" }),
    ("tailscale", Kind::Udp { what: "Tailscale", port: 41641 }),
    ("wg", Kind::Udp { what: "WireGuard", port: 51820 }),
    ("wt", Kind::Udp { what: "NetBird WireGuard", port: 51820 }),
    ("nebula", Kind::Udp { what: "Nebula", port: 4242 }),
    ("zt", Kind::Udp { what: "ZeroTier", port: 9993 }),
    ("vxlan", Kind::Udp { what: "VXLAN", port: 4789 }),
    ("geneve", Kind::Udp { what: "Geneve", port: 6081 }),
    ("gre", Kind::Protocol { what: "GRE", protocol: "IP protocol 47 (GRE)" }),
    ("ip6gre", Kind::Protocol { what: "GRE", protocol: "IP protocol 47 (GRE)" }),
    ("erspan", Kind::Protocol { what: "GRE", protocol: "IP protocol 47 (GRE)" }),
    (
        "ipsec",
        Kind::Protocol {
            what: "IPsec",
            protocol: "ESP, IP protocol 50 (and IKE, 500/udp and 4500/udp)",
        },
    ),
    (
        "vti",
        Kind::Protocol {
            what: "IPsec",
            protocol: "ESP, IP protocol 50 (and IKE, 500/udp and 4500/udp)",
        },
    ),
    (
        "xfrm",
        Kind::Protocol {
            what: "IPsec",
            protocol: "ESP, IP protocol 50 (and IKE, 500/udp and 4500/udp)",
        },
    ),
    ("tun", Kind::Unknown),
    ("docker", Kind::Guests),
    ("br-", Kind::Guests),
    ("virbr", Kind::Guests),
    ("vnet", Kind::Guests),
    ("cni", Kind::Guests),
    ("cali", Kind::Guests),
    ("podman", Kind::Guests),
    ("lxdbr", Kind::Guests),
    ("incusbr", Kind::Guests),
    ("veth", Kind::Guests),
    ("vmbr", Kind::Guests),
    ("cbr", Kind::Guests),
    ("kube-bridge", Kind::Guests),
    ("cilium_host", Kind::Guests),
    ("cilium_net", Kind::Guests),
    ("weave", Kind::Guests),
    ("lxc", Kind::Guests),
];

/// What the interface `name` (a name, or a prefix ending in `*`) is by its name.
pub fn kind(name: &str) -> Kind {
    let stem = name.trim_end_matches('*');
    KNOWN.iter().find(|(prefix, _)| stem.starts_with(prefix)).map_or(Kind::Unknown, |(_, k)| *k)
}

/// What the guest interface `name` tunnels by its name, and its default UDP port.
pub fn known(name: &str) -> Option<(&'static str, u16)> {
    match kind(name) {
        Kind::Udp { what, port } => Some((what, port)),
        _ => None,
    }
}

/// Does a rule of `way` accept UDP to `port`?
fn opened(rules: &[HostRule<'_>], way: Way, port: u16) -> bool {
    rules
        .iter()
        .any(|r| r.way == way && r.transport == Transport::Udp && r.ports.contains_port(port))
}

/// The UDP ports the rules open both in and out (where a tunnel between this host and its
/// peers can pass), in order, each once.
fn udp_both_ways(rules: &[HostRule<'_>]) -> Vec<PortRange> {
    let udp = |way: Way| {
        rules.iter().filter(move |r| r.way == way && r.transport == Transport::Udp).map(|r| r.ports)
    };
    let mut both: Vec<PortRange> = Vec::new();
    for inbound in udp(Way::In) {
        for range in udp(Way::Out).filter_map(|out| inbound.intersection(out)) {
            if !both.contains(&range) {
                both.push(range);
            }
        }
    }
    both.sort();
    both
}

/// `51820/udp, 4789/udp`, or `none`.
fn ports_text(ports: &[PortRange]) -> String {
    if ports.is_empty() {
        return "none".to_owned();
    }
    ports.iter().map(|p| format!("{p}/udp")).collect::<Vec<_>>().join(", ")
}

/// The interfaces the topology names on `host`: guest interfaces, then network interfaces,
/// with where each is written and whether it is a guest interface.
fn named<'t>(topology: &'t Topology, host: &HostRef) -> Vec<(&'t str, Position, bool)> {
    let Some(h) = topology.host(&host.name) else { return Vec::new() };
    let guests = h.files.guest_interfaces.iter().map(|i| (i.value.as_str(), i.position, true));
    let nics = h.files.interfaces.iter().map(|i| (i.value.as_str(), i.position, false));
    guests.chain(nics).collect()
}

/// How to plan a tunnel's UDP port between its ends (a topology line; a service named as the
/// interface also says which port the tunnel uses).
fn plan_line(name: &str, port: &str) -> String {
    format!(
        "services: [{{ host: [<this host>, <its peers>], name: {}, ports: [{port}], from: [<their zone>] }}]",
        name.trim_end_matches('*')
    )
}

/// The header lines for the tunnels of `host`, judged on all its `rules`; what would cut one,
/// or what Portolan cannot know, is also a note of `target` in `out`.
pub fn header(
    topology: &Topology,
    host: &HostRef,
    rules: &[HostRule<'_>],
    target: &str,
    out: &mut Emitted,
) -> Vec<String> {
    let mut lines = Vec::new();
    let both = udp_both_ways(rules);
    let mut note = |position: Position, message: String| {
        out.note(
            EmitNoteKind::Info,
            target,
            format!("{}: host {}: {message}", topology.location(position), host.name),
            &[],
        );
    };
    let named = named(topology, host);
    for &(name, position, guest) in &named {
        let declared = declared_port(topology, host, name);
        let (what, port) = match (kind(name), declared) {
            (Kind::Guests, _) => continue,
            // A network interface of no tunnel kind (eth0) is no question.
            (Kind::Unknown, None) if !guest => continue,
            (Kind::Udp { what, .. }, Some(port)) => (what, port),
            (Kind::Unknown, Some(port)) => ("", port),
            (Kind::Udp { what, port }, None) => (what, port),
            (Kind::Protocol { what, protocol }, _) => {
                lines.push(format!(
                    "WARNING: {name} looks like a {what} tunnel: its packets travel as {protocol} on the other"
                ));
                lines.push(
                    "interfaces, which this file does not open (its rules are TCP, UDP and SCTP ports): the tunnel is cut."
                        .to_owned(),
                );
                lines.push(format!(
                    "Add a rule for {protocol} between its ends by hand (an nft or iptables rule on the protocol)."
                ));
                note(
                    position,
                    format!(
                        "{name} looks like a {what} tunnel, carried by {protocol}, which no generated rule opens: the tunnel is cut; add a rule for it by hand"
                    ),
                );
                continue;
            }
            (Kind::Unknown, None) => {
                let said = ports_text(&both);
                lines.push(format!(
                    "WARNING: {name}: Portolan cannot tell from its name whether it is a tunnel (WireGuard, OpenVPN and"
                ));
                lines.push(format!(
                    "others take any name) nor its port. If it is one, its packets pass only as UDP opened both ways here: {said};"
                ));
                lines.push(format!(
                    "on any other port or protocol the tunnel is cut. Say its port with a service named {name}: {}",
                    plan_line(name, "<its port>/udp")
                ));
                note(
                    position,
                    format!(
                        "guest interface {name}: Portolan cannot tell whether it is a tunnel nor its port; if it is one, it passes only on UDP opened both ways ({said}), else it is cut: say its port with a service named {name} between its ends"
                    ),
                );
                continue;
            }
        };
        if !guest {
            lines.extend(by_address(name, host));
        }
        let a = if what.is_empty() { "a tunnel".to_owned() } else { format!("a {what} tunnel") };
        let given = if declared.is_some() {
            format!(" (its port from service {})", name.trim_end_matches('*'))
        } else {
            String::new()
        };
        let (inbound, outbound) = (opened(rules, Way::In, port), opened(rules, Way::Out, port));
        if inbound && outbound {
            lines.push(format!(
                "{name} looks like {a}{given}: its packets, {port}/udp on the other interfaces, pass both ways (rules below)."
            ));
            continue;
        }
        // One way open is enough for a hub whose peers all start the tunnel (its replies are
        // established traffic), not for a tunnel this host starts, or the other way round.
        let (opens, cut) = match (inbound, outbound) {
            (false, false) => ("opens neither in nor out", "the tunnel is cut"),
            (true, false) => (
                "opens in but not out",
                "its peers can start it, this host cannot (a tunnel it starts is cut)",
            ),
            _ => (
                "opens out but not in",
                "this host can start it, its peers cannot (a tunnel they start is cut)",
            ),
        };
        lines.push(format!(
            "WARNING: {name} looks like {a}{given}: its packets travel as {port}/udp on the other interfaces,"
        ));
        lines
            .push(format!("which this file {opens}: {cut}. Plan the port between its ends (if it"));
        lines.push(format!(
            "listens on another, that one): {}",
            plan_line(name, &format!("{port}/udp"))
        ));
        // A tunnel set to another port (a second WireGuard interface on 51821) passes if the
        // plan opens that one both ways: Portolan cannot tell which it uses.
        let others: Vec<PortRange> =
            both.iter().copied().filter(|p| !p.contains_port(port)).collect();
        if !others.is_empty() {
            lines.push(format!(
                "UDP opened both ways by the rules below: {}: if {name} uses one of those, it passes.",
                ports_text(&others)
            ));
        }
        if what == "Tailscale" {
            lines.push(
                "Tailscale also reaches its coordination server and DERP relays on 443/tcp out and STUN on 3478/udp out: egress entries."
                    .to_owned(),
            );
        }
        note(
            position,
            format!(
                "{name} looks like {a}, whose packets ({port}/udp) this file {opens}: {cut}, unless it uses another port opened both ways ({}); plan its port between its ends",
                ports_text(&others)
            ),
        );
    }
    // A tunnel's port the topology itself plans (a service, an egress entry: a catalog row's
    // port is a platform's overlay between its nodes, whose inner traffic is forwarded) where
    // it names no interface of that tunnel: its inner traffic passes by address only.
    let mut seen: Vec<u16> = Vec::new();
    for rule in rules.iter().filter(|r| {
        r.transport == Transport::Udp
            && r.ports.is_single()
            && r.flow.requirements.iter().any(|id| id.starts_with(crate::plan::access::ID_PREFIX))
    }) {
        let port = rule.ports.start();
        let Some(what) = port_owners(port) else { continue };
        let tunnel_named = named.iter().any(|(n, _, _)| {
            matches!(kind(n), Kind::Udp { port: p, .. } if p == port)
                || declared_port(topology, host, n) == Some(port)
        });
        if seen.contains(&port) || tunnel_named {
            continue;
        }
        seen.push(port);
        lines.push(format!(
            "{port}/udp is planned here, the port of {what}: if this host ends such a tunnel, the topology names no interface of it."
        ));
        lines.extend(by_address("the tunnel", host));
        let at = rule.flow.location.as_ref().map_or_else(String::new, |l| format!("{l}: "));
        out.note(
            EmitNoteKind::Info,
            target,
            format!(
                "{at}host {}: {port}/udp, the port of {what}, is planned but the topology names no interface of such a tunnel: traffic inside it passes only to the host's addresses in the topology (a new SSH session to its tunnel address is dropped); name the interface in guest_interfaces, or give the host its tunnel address",
                host.name
            ),
            &[],
        );
    }
    lines
}

/// The tunnels that use `port` by default, as one phrase: the plainest name when the others
/// are kinds of it (`WireGuard` for flannel, Calico and NetBird WireGuard), else all of them.
fn port_owners(port: u16) -> Option<String> {
    let mut whats: Vec<&str> = Vec::new();
    for (_, kind) in KNOWN {
        if let Kind::Udp { what, port: p } = kind
            && *p == port
            && !whats.contains(what)
        {
            whats.push(what);
        }
    }
    let plainest = whats.iter().min_by_key(|w| w.len())?;
    if whats.iter().all(|w| w.ends_with(plainest)) {
        return Some((*plainest).to_owned());
    }
    Some(whats.join(" or "))
}

/// Said of a tunnel whose interface is not accepted whole (not a guest interface): the
/// rules match the host's addresses in the topology, and its own address on the tunnel is
/// rarely one of them, so a new SSH session over the tunnel to that address is cut (a session
/// open when the rules load lives on as established traffic, until it ends).
fn by_address(name: &str, host: &HostRef) -> Vec<String> {
    let addresses: Vec<String> = host.addresses.iter().map(ToString::to_string).collect();
    vec![
        format!(
            "Traffic inside {name} passes only as the rules below allow by address, and they admit this host on"
        ),
        format!(
            "{} only: a new connection to its own address on {name} (SSH over the tunnel) is dropped unless the",
            addresses.join(", ")
        ),
        "topology gives the host that address too (address: [<these>, <its tunnel address>], in a zone of the tunnel),"
            .to_owned(),
        format!("or names {name} in guest_interfaces (accepted whole, both ways)."),
    ]
}

/// The UDP port a service named as the interface (`wg-office`, without a trailing `*`) gives
/// it on `host`: how a topology says which port a tunnel of any name uses.
fn declared_port(topology: &Topology, host: &HostRef, name: &str) -> Option<u16> {
    let stem = name.trim_end_matches('*');
    topology
        .services
        .iter()
        .filter(|s| s.host.value == host.name && s.name == stem)
        .flat_map(|s| s.ports.iter())
        .find(|p| p.value.includes(Transport::Udp))
        .map(|p| p.value.ports.start())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::topology::testkit::emit_topology;

    fn file(target: &str, extra: &str) -> String {
        emitted(target, ", guest_interfaces: [wg0, cni0, flannel*]", extra).0
    }

    /// The file of host `h` (its line ending in `host_keys`) and the notes, for `target`.
    fn emitted(target: &str, host_keys: &str, extra: &str) -> (String, Vec<String>) {
        let yaml = format!(
            "zones:\n  admin: {{ cidrs: [10.9.0.0/24] }}\n  srv: {{ cidrs: [10.0.0.0/24] }}\nhosts:\n  h: {{ zone: srv, address: 10.0.0.5{host_keys} }}\n  n2: {{ zone: srv, address: 10.0.0.6 }}\nmanagement: [{{ from: admin }}]\n{extra}"
        );
        let emitted = emit_topology(target, &yaml, Some("h")).expect("emits");
        let found =
            emitted.files.iter().find(|f| f.path.contains("/h") && !f.path.ends_with("egress.xml"));
        let text = found.map(|f| f.contents.clone()).unwrap_or_default();
        (text, emitted.notes.iter().map(|n| n.message.clone()).collect())
    }

    const HOST_FILES: [(&str, &str); 4] = [
        ("nftables", "h.nft"),
        ("iptables", "h.rules.v4"),
        ("ufw", "h.sh"),
        ("firewalld", "portolan.xml"),
    ];

    /// Regression (tunnels known by name only): wg-quick names the interface after its file,
    /// and `tun-site-b` (a WireGuard or OpenVPN tunnel of any name) was passed over in
    /// silence, its port cut by the default drop. Portolan now says it cannot tell, in the
    /// file and in a note naming where the interface is written, and a service named as the
    /// interface gives its port, judged both ways like a known tunnel's.
    #[test]
    fn a_tunnel_of_any_name_is_said_and_a_service_named_as_it_gives_its_port() {
        let keys = ", guest_interfaces: [tun-site-b]";
        for (target, _) in HOST_FILES {
            let (text, notes) = emitted(target, keys, "");
            assert!(
                text.contains(
                    "WARNING: tun-site-b: Portolan cannot tell from its name whether it is a tunnel"
                ),
                "{target}: {text}"
            );
            assert!(text.contains("UDP opened both ways here: none;"), "{target}: {text}");
            assert!(
                notes.iter().any(|n| n.starts_with("t.yaml:5:")
                    && n.contains("tun-site-b: Portolan cannot tell")),
                "{target}: {notes:?}"
            );
        }
        let plan =
            "services:\n  - { host: [h, n2], name: tun-site-b, ports: [1194/udp], from: [srv] }\n";
        let (text, notes) = emitted("nftables", keys, plan);
        assert!(
            text.contains("# tun-site-b looks like a tunnel (its port from service tun-site-b): its packets, 1194/udp on the other interfaces, pass both ways"),
            "{text}"
        );
        assert!(!text.contains("WARNING"), "{text}");
        assert!(!notes.iter().any(|n| n.contains("tun-site-b")), "{notes:?}");
        // A WireGuard interface set to 51821 by its service: judged on 51821, not 51820.
        let keys = ", guest_interfaces: [wg-office]";
        let plan =
            "services:\n  - { host: [h, n2], name: wg-office, ports: [51821/udp], from: [srv] }\n";
        let (text, _) = emitted("ufw", keys, plan);
        assert!(text.contains("# wg-office looks like a WireGuard tunnel (its port from service wg-office): its packets, 51821/udp on the other interfaces, pass both ways"), "{text}");
        // Its port planned under another name: not judged on it, but said as a way it passes.
        let plan = "services:\n  - { host: [h, n2], name: vpn, ports: [51821/udp], from: [srv] }\n";
        let (text, notes) = emitted("ufw", keys, plan);
        assert!(text.contains("# WARNING: wg-office looks like a WireGuard tunnel: its packets travel as 51820/udp"), "{text}");
        assert!(text.contains("UDP opened both ways by the rules below: 51821/udp: if wg-office uses one of those, it passes."), "{text}");
        assert!(
            notes.iter().any(|n| n.contains("wg-office looks like a WireGuard tunnel")),
            "{notes:?}"
        );
    }

    /// A tunnel the topology names among the host's network interfaces (`interfaces:`, for
    /// audits), not as a guest interface, has its port cut just the same: judged too. A plain
    /// network interface (eth0) is no question.
    #[test]
    fn a_tunnel_among_the_network_interfaces_is_judged_too() {
        let (text, notes) = emitted("nftables", ", interfaces: [eth0, wg-office]", "");
        assert!(text.contains("# WARNING: wg-office looks like a WireGuard tunnel"), "{text}");
        assert!(!text.contains("eth0"), "{text}");
        // Regression (the newcomer's walk: mon1 administered over WireGuard): its rules admit
        // the host's topology address only, so a new SSH session to its tunnel address was
        // dropped in silence while the header said SSH stays open.
        assert!(
            text.contains("# Traffic inside wg-office passes only as the rules below allow by address, and they admit this host on")
                && text.contains("# 10.0.0.5 only: a new connection to its own address on wg-office (SSH over the tunnel) is dropped"),
            "{text}"
        );
        assert!(
            notes.iter().any(|n| n.starts_with("t.yaml:5:") && n.contains("wg-office")),
            "{notes:?}"
        );
    }

    /// Regression: Calico's IP-in-IP `tunl0` and a GRE tunnel travel as IP protocols no
    /// generated rule opens; they were cut in silence.
    #[test]
    fn a_tunnel_carried_by_an_ip_protocol_is_said_to_be_cut() {
        for (target, _) in HOST_FILES {
            let (text, notes) = emitted(target, ", guest_interfaces: [tunl0, gre-site]", "");
            assert!(text.contains("WARNING: tunl0 looks like a Calico IP-in-IP tunnel: its packets travel as IP protocol 4"), "{target}: {text}");
            assert!(text.contains("WARNING: gre-site looks like a GRE tunnel"), "{target}: {text}");
            assert_eq!(
                notes.iter().filter(|n| n.contains("which no generated rule opens")).count(),
                2,
                "{target}: {notes:?}"
            );
        }
    }

    /// A tunnel's port planned on a host whose topology names no interface for it (a
    /// WireGuard server declared as a service only): its inner traffic passes by address only.
    #[test]
    fn a_tunnel_port_planned_without_its_interface_is_said() {
        let plan = "services:\n  - { host: h, name: vpn, ports: [51820/udp], from: [srv] }\n";
        let (text, notes) = emitted("iptables", "", plan);
        assert!(text.contains("# 51820/udp is planned here, the port of WireGuard: if this host ends such a tunnel"), "{text}");
        assert!(
            notes.iter().any(|n| n.contains("51820/udp, the port of WireGuard, is planned")
                && n.starts_with("t.yaml:")),
            "{notes:?}"
        );
        assert!(
            text.contains(
                "a new connection to its own address on the tunnel (SSH over the tunnel) is dropped"
            ),
            "{text}"
        );
        let (text, _) = emitted("iptables", ", guest_interfaces: [wg0]", plan);
        assert!(!text.contains("is planned here"), "{text}");
        assert!(!text.contains("Traffic inside"), "accepted whole: {text}");
    }

    #[test]
    fn tunnels_are_known_by_their_interface_names() {
        assert_eq!(known("wg0"), Some(("WireGuard", 51820)));
        assert_eq!(known("flannel*"), Some(("flannel VXLAN", 8472)));
        assert_eq!(known("flannel-wg"), Some(("flannel WireGuard", 51820)));
        assert_eq!(known("tailscale0"), Some(("Tailscale", 41641)));
        assert_eq!(known("cni0"), None);
        assert_eq!(known("docker0"), None);
        assert_eq!(known("wg-office"), Some(("WireGuard", 51820)));
        assert_eq!(kind("tunl0"), kind("tunl*"));
        assert!(matches!(kind("tunl0"), Kind::Protocol { .. }));
        assert_eq!(kind("tun-site-b"), Kind::Unknown);
        assert_eq!(kind("eth0"), Kind::Unknown);
        assert_eq!(kind("br-5e1f0a"), Kind::Guests);
        assert_eq!(port_owners(51820).as_deref(), Some("WireGuard"));
        assert_eq!(port_owners(8472).as_deref(), Some("flannel VXLAN or Cilium VXLAN"));
        assert_eq!(port_owners(443), None);
    }

    /// Regression (tests/netns/runtime.py, `iface` round): `guest_interfaces: [wg0]` (and
    /// `tailscale0`, `flannel*`) accepted the tunnel's interface, but the default drop cut its
    /// UDP on eth0, in and out, in silence: nothing crossed the tunnel. Every host-firewall
    /// file now names the port and how to plan it.
    #[test]
    fn a_tunnel_whose_port_no_rule_opens_is_said_to_be_cut() {
        for (target, _) in HOST_FILES {
            let text = file(target, "");
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
        let text = file("nftables", plan);
        assert!(
            text.contains("# wg0 looks like a WireGuard tunnel: its packets, 51820/udp on the other interfaces, pass both ways"),
            "{text}"
        );
        assert!(!text.contains("WARNING: wg0"), "{text}");
        assert!(text.contains("WARNING: flannel*"), "{text}");
        // Only inbound planned: said which way is missing.
        let inbound = "services:\n  - { host: h, name: wg, ports: [51820/udp], from: [srv] }\n";
        let text = file("nftables", inbound);
        assert!(text.contains("which this file opens in but not out"), "{text}");
    }
}
