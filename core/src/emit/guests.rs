//! A host that routes for containers or VMs (Docker, Podman, libvirt, a Kubernetes node): the
//! topology names the interfaces its guests sit behind (`guest_interfaces: [docker0, br-*]`).
//!
//! Such a host's forward path belongs to the runtime: it publishes ports by DNAT to its guests
//! and masquerades their traffic out, and it rewrites its own rules whenever a guest starts. A
//! host firewall that drops forwarded packets, or the host's traffic to and from the guests'
//! bridges, cuts every guest (tests/netns/runtime.py shows it). So for these hosts each
//! host-firewall target writes no forward rules and accepts the host's traffic on those
//! interfaces both ways, and its header says so; for every other host the header says that
//! forwarding is dropped and names the key.

use crate::plan::HostRef;
use crate::topology::Topology;

/// The guest interfaces the topology names for `host` (checked by the parser: a Linux
/// interface name, or a prefix ending in `*`).
pub fn of<'t>(topology: &'t Topology, host: &HostRef) -> Vec<&'t str> {
    topology
        .hosts
        .iter()
        .find(|h| h.name == host.name)
        .map(|h| h.files.guest_interfaces.iter().map(|i| i.value.as_str()).collect())
        .unwrap_or_default()
}

/// `br-*` as iptables and ufw write a prefix (`br-+`); nft and firewalld keep `*`.
pub fn plus_wildcard(name: &str) -> String {
    match name.strip_suffix('*') {
        Some(stem) => format!("{stem}+"),
        None => name.to_owned(),
    }
}

/// The header lines of a host with guests, written by `target`: what is left to the runtime,
/// what is opened, and whether the ports it publishes are held to the plan
/// ([`super::published`]; whether the tunnels among them keep their port: [`super::tunnels`]).
pub fn header(interfaces: &[&str], target: &str) -> Vec<String> {
    let mut lines = vec![
        format!(
            "This host routes for containers or VMs behind {} (guest_interfaces in the topology):",
            interfaces.join(", ")
        ),
        "their forwarded traffic (published ports, their connections out) is left to their runtime,"
            .to_owned(),
        if super::published::held(target, interfaces) {
            "so this file holds only the ports Docker publishes (below), and traffic between the host and"
        } else {
            "so this file has no forward rules, and traffic between the host and those interfaces is"
        }
        .to_owned(),
        if super::published::held(target, interfaces) {
            "those interfaces is accepted both ways (the guests reach services of the host, and back)."
        } else {
            "accepted both ways (the guests reach services of the host, the host reaches its guests)."
        }
        .to_owned(),
    ];
    lines.extend(super::published::header(target, interfaces));
    lines
}

/// The header lines of a host without guests on a target whose forward drop is final (nft's
/// separate table, ufw's routed default): what it cuts on a container host, and the key.
pub fn forward_dropped() -> Vec<String> {
    vec![
        "Forwarded packets are dropped: on a host that routes for containers or VMs (Docker,"
            .to_owned(),
        "libvirt, a Kubernetes node) that cuts all their traffic and the host traffic to them; name their"
            .to_owned(),
        "interfaces in the topology there (guest_interfaces: [docker0]) and generate this again."
            .to_owned(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::Emitted;
    use crate::topology::testkit::emit_topology;

    fn files(target: &str, guests: &str) -> Emitted {
        let yaml = format!(
            "zones:\n  admin: {{ cidrs: [10.9.0.0/24] }}\n  srv: {{ cidrs: [10.0.0.0/24] }}\nhosts:\n  h: {{ zone: srv, address: 10.0.0.5{guests} }}\nmanagement: [{{ from: admin }}]\n"
        );
        emit_topology(target, &yaml, None).expect("emits")
    }

    fn text(emitted: &Emitted, ends_with: &str) -> String {
        let file = emitted.files.iter().find(|f| f.path.ends_with(ends_with));
        file.map(|f| f.contents.clone()).unwrap_or_default()
    }

    /// Regression (tests/netns/runtime.py, before): on a Docker host the nft forward drop cut
    /// the published port and the containers' traffic out, the replaced iptables filter table
    /// cut them and fail2ban's bans, and every target cut the host's traffic to its containers.
    #[test]
    fn a_host_with_guests_leaves_forwarding_to_the_runtime_and_accepts_their_interfaces() {
        let with = ", guest_interfaces: [docker0, br-*]";
        let nft = text(&files("nftables", with), "h.nft");
        // (Docker's published ports get a forward chain that only drops: `published`.)
        assert!(!nft.contains("hook forward priority filter; policy drop"), "{nft}");
        assert!(
            !text(&files("nftables", ", guest_interfaces: [virbr0]"), "h.nft")
                .contains("hook forward")
        );
        assert!(
            nft.contains("iifname \"docker0\" accept") && nft.contains("oifname \"br-*\" accept"),
            "{nft}"
        );
        assert!(
            nft.contains("# This host routes for containers or VMs behind docker0, br-*"),
            "{nft}"
        );
        // Regression (the newcomer's walk): a published port answered every address while
        // the file named only the planned sources (now held to them: `published`).
        assert!(nft.contains("# Ports Docker publishes are held to the plan"), "{nft}");
        let v4 = text(&files("iptables", with), "h.rules.v4");
        assert!(
            v4.contains("-A FORWARD -m comment --comment \"portolan\" -j PORTOLAN-FORWARD")
                && !v4.contains("-A PORTOLAN-FORWARD"),
            "the forward chain is not empty: {v4}"
        );
        assert!(
            v4.contains("-A PORTOLAN-INPUT -i br-+ ")
                && v4.contains("-A PORTOLAN-OUTPUT -o docker0 "),
            "{v4}"
        );
        let ufw = text(&files("ufw", with), "h.sh");
        assert!(!ufw.contains("default deny routed"), "{ufw}");
        assert!(
            ufw.contains("$UFW allow in on docker0 ") && ufw.contains("$UFW allow out on br-+ "),
            "{ufw}"
        );
        // Regression (tests/netns/runtime.py, podman and lxd): ufw's routed default dropped
        // in FORWARD what a runtime accepting in its own nftables table forwards.
        // Regression (tests/netns/runtime.py, docker `unpublished`): no `route allow out`,
        // which let a routing client reach the containers' unpublished ports.
        assert!(
            ufw.contains("$UFW route allow in on docker0 ")
                && ufw.contains("$UFW route allow in on br-+ ")
                && !ufw.contains("route allow out")
                && ufw.contains("-o br-+ -m conntrack --ctstate DNAT")
                && ufw.contains("# Routed traffic out of those interfaces is allowed")
                && ufw.contains(
                    "# The way back above puts the FORWARD policy back as it was; ufw --force disable alone"
                ),
            "{ufw}"
        );
        let policy = text(&files("firewalld", with), "portolan-egress.xml");
        assert!(policy.contains("<egress-zone name=\"portolan\"/>"), "{policy}");
    }

    #[test]
    fn a_host_without_guests_drops_forwarding_and_names_the_key() {
        let nft = text(&files("nftables", ""), "h.nft");
        assert!(nft.contains("hook forward priority filter; policy drop;"), "{nft}");
        assert!(nft.contains("(guest_interfaces: [docker0])"), "{nft}");
        assert!(!nft.contains("iifname"), "{nft}");
        let v4 = text(&files("iptables", ""), "h.rules.v4");
        assert!(
            v4.contains("-A FORWARD -m comment --comment \"portolan\" -j PORTOLAN-FORWARD"),
            "{v4}"
        );
        assert!(
            !v4.contains(":INPUT") && !v4.contains(":FORWARD"),
            "a built-in policy is set: {v4}"
        );
        let ufw = text(&files("ufw", ""), "h.sh");
        assert!(
            ufw.contains("$UFW default deny routed") && ufw.contains("guest_interfaces"),
            "{ufw}"
        );
        let policy = text(&files("firewalld", ""), "portolan-egress.xml");
        assert!(policy.contains("<egress-zone name=\"ANY\"/>"), "{policy}");
    }

    /// Regression (tests/netns/runtime.py): firewalld's start and reload emptied the iptables
    /// rules of Docker, kube-proxy, libvirt and fail2ban, and the zone's header did not say so.
    #[test]
    fn the_firewalld_zone_says_a_reload_empties_the_iptables_rules_of_others() {
        for guests in ["", ", guest_interfaces: [docker0]"] {
            let zone = text(&files("firewalld", guests), "zones/portolan.xml");
            let said = crate::emit::firewalld::RELOAD_EMPTIES
                .iter()
                .all(|line| zone.contains(&format!("<!-- {line} -->")));
            assert!(said, "{zone}");
        }
    }

    /// Regression (tests/netns/reapply.py, before): loading a changed iptables file again
    /// appended a second jump to each built-in chain, and a host that gained guests kept the
    /// forward drop of its earlier file (its FORWARD jump was not in the new file). Every file
    /// now has the same three jumps (PORTOLAN-FORWARD empty with guests), and the header's
    /// command to load again deletes exactly those, each after its new one is appended.
    #[test]
    fn loading_an_iptables_file_again_replaces_its_jumps_one_for_one() {
        let jumps = |text: &str| -> Vec<String> {
            text.lines()
                .filter(|l| l.starts_with("-A") && l.contains("-j PORTOLAN-"))
                .map(|l| l.split_whitespace().nth(1).unwrap_or_default().to_owned())
                .collect()
        };
        let plain = text(&files("iptables", ""), "h.rules.v4");
        let with = text(&files("iptables", ", guest_interfaces: [virbr0]"), "h.rules.v4");
        assert_eq!(jumps(&plain), ["INPUT", "OUTPUT", "FORWARD"]);
        assert_eq!(jumps(&plain), jumps(&with));
        for contents in [&plain, &with] {
            let again = contents
                .lines()
                .find(|l| l.contains("iptables -C INPUT"))
                .unwrap_or_else(|| panic!("no command to load again: {contents}"));
            let deleted: Vec<&str> = again
                .split("iptables -D ")
                .skip(1)
                .filter_map(|part| part.split_whitespace().next())
                .collect();
            assert_eq!(deleted, ["INPUT", "OUTPUT", "FORWARD"], "{again}");
            assert!(again.contains("-C INPUT -m comment --comment portolan -j PORTOLAN-INPUT && iptables-restore --noflush"), "{again}");
        }
    }

    /// tests/netns/reapply.py (plain --noflush twice): a second load without the header's
    /// line leaves a second jump per chain, which no packet reaches; the header says so and
    /// how to remove it, per family.
    #[test]
    fn a_second_plain_load_is_said_to_add_an_unreached_jump() {
        for (ext, tool, cmd) in
            [("v4", "iptables-restore", "iptables"), ("v6", "ip6tables-restore", "ip6tables")]
        {
            let text = text(&files("iptables", ""), &format!("h.rules.{ext}"));
            assert!(
                text.contains(&format!("# Loaded again with {tool} --noflush alone"))
                    && text.contains("gets one more jump: never reached")
                    && text.contains(&format!("({cmd} -S INPUT lists them)")),
                "{text}"
            );
        }
    }

    #[test]
    fn a_prefix_is_written_with_a_plus_for_iptables_and_ufw() {
        assert_eq!(plus_wildcard("br-*"), "br-+");
        assert_eq!(plus_wildcard("docker0"), "docker0");
    }
}
