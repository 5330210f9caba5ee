//! firewalld: per host, a zone `portolan` (target DROP, rich rules for the inbound flows) and a
//! policy `portolan-egress` (HOST → ANY, target DROP, rich rules for the outbound flows), as
//! the XML files firewalld reads from `/etc/firewalld/{zones,policies}/`. Make the zone the
//! default (`firewall-cmd --set-default-zone=portolan`) or bind the host's interfaces to it.
//! firewalld itself accepts loopback and established/related traffic before zones and
//! policies. A rich rule holds one source and one destination address, so address lists
//! become one rule per pair; every rule is preceded by an XML comment naming its requirements.

use std::fmt::Write as _;

use super::hostfw::{self, HostRule, Way};
use super::{EmitError, Emitted, Input, Scope, Spec, guests, quote, safety};

pub const SPEC: Spec = Spec {
    name: "firewalld",
    description: "firewalld zone and egress policy XML per host",
    scope: Scope::Host,
    emit,
};

pub const ZONE: &str = "portolan";
pub const POLICY: &str = "portolan-egress";

/// The zone only applies once it is the default (or bound to an interface): test first. An
/// XML comment cannot hold `--` (the quoting would turn `--reload` into `-_reload`, which a
/// newcomer would paste), so the comment points to the zone's description, which can.
const APPLY: [&str; 3] = [
    "Apply safely: the steps, with the exact firewall-cmd options, are in the description below",
    "(an XML comment cannot hold their double hyphens); keep a second SSH session open until a",
    "new one connects.",
];

/// Said on every host: firewalld's start and each reload (the last step below) empty the
/// iptables rules other programs added (tests/netns/runtime.py saw Docker's chains, its NAT and
/// fail2ban's ban go, firewalld 1.3 on its nftables backend, FlushAllOnReload either way).
pub const RELOAD_EMPTIES: [&str; 4] = [
    "A reload of firewalld, and its start, empty the iptables rules other programs added: Docker and",
    "libvirt add theirs again when they see the reload, kube-proxy at its next sync, but the iptables",
    "bans of fail2ban stay gone until it restarts (on a firewalld host give it its firewallcmd actions).",
    "Check with iptables -S after the reload.",
];

/// The steps in the zone's description: `firewall-cmd --info-zone=portolan` shows them too.
const STEPS: &str = "Apply safely: copy the files to /etc/firewalld/, run firewall-cmd --check-config, then firewall-cmd --reload; note the default zone (firewall-cmd --get-default-zone) to go back to it; keep a second SSH session open, run firewall-cmd --set-default-zone=portolan and connect a new SSH session before you close the second one. The way back, from the second session: firewall-cmd --set-default-zone=<the old zone> && firewall-cmd --permanent --delete-policy=portolan-egress && firewall-cmd --reload (the egress policy drops the outbound traffic of the host that the plan does not name from the first reload on, whatever the default zone). An interface or source bound to another zone keeps that zone's rules: bind it with firewall-cmd --zone=portolan --change-interface=<interface>.";

/// Said on a host without guests: the egress policy covers every zone.
const EGRESS_EVERYWHERE: [&str; 3] = [
    "The egress policy (HOST to ANY) drops new connections of the host into every zone, those of",
    "its containers or VMs too: on a host that runs them, name their interfaces in the topology",
    "(guest_interfaces: [docker0]) and generate this again.",
];

/// Said on a host with guests: their interfaces stay in the runtime's zone, outside the policy.
const EGRESS_GUESTS: [&str; 3] = [
    "Keep those interfaces in the zone their runtime gives them (the docker zone of Docker, the",
    "libvirt zone of libvirt); never bind them to portolan. The egress policy covers the portolan zone only",
    "(HOST to portolan), so the host traffic to its guests is left to their zone.",
];

fn emit(input: &Input<'_>, out: &mut Emitted) -> Result<(), EmitError> {
    for (host, rules) in hostfw::per_host(input) {
        let slug = quote::file_slug(&host.name);
        let about = format!(
            "Portolan firewall for host {} (zone {}), topology {}",
            host.name,
            host.zone,
            super::topology_name(input.topology)
        );

        let mut zone = String::new();
        let _ = writeln!(zone, "<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        let guests = guests::of(input.topology, &host);
        let mut apply: Vec<String> = APPLY.iter().map(|l| (*l).to_owned()).collect();
        apply.extend(RELOAD_EMPTIES.iter().map(|l| (*l).to_owned()));
        if guests.is_empty() {
            apply.extend(EGRESS_EVERYWHERE.iter().map(|l| (*l).to_owned()));
        } else {
            apply.extend(guests::header(&guests, SPEC.name));
            apply.extend(EGRESS_GUESTS.iter().map(|l| (*l).to_owned()));
        }
        apply.extend(super::tunnels::header(input.topology, &host, &rules, SPEC.name, out));
        let apply: Vec<&str> = apply.iter().map(String::as_str).collect();
        for line in safety::header(SPEC.name, &host, &rules, &apply, out) {
            let _ = writeln!(zone, "<!-- {} -->", quote::xml_comment(&line));
        }
        let _ = writeln!(zone, "<zone target=\"DROP\">");
        let _ = writeln!(zone, "  <short>{ZONE}</short>");
        let _ = writeln!(
            zone,
            "  <description>{}: inbound flows of the plan, everything else dropped. Make it the default zone. {}</description>",
            quote::xml_text(&about),
            quote::xml_text(STEPS)
        );
        write_rules(&mut zone, rules.iter().filter(|r| r.way == Way::In));
        let _ = writeln!(zone, "</zone>");
        out.file(format!("firewalld/{slug}/zones/{ZONE}.xml"), zone);

        let mut policy = String::new();
        let _ = writeln!(policy, "<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        let _ = writeln!(policy, "<policy target=\"DROP\" priority=\"-1\">");
        let _ = writeln!(policy, "  <short>{POLICY}</short>");
        let _ = writeln!(
            policy,
            "  <description>{}: outbound flows of the plan, everything else dropped.</description>",
            quote::xml_text(&about)
        );
        let _ = writeln!(policy, "  <ingress-zone name=\"HOST\"/>");
        // With guests, the zones of their interfaces are the runtime's (see `EGRESS_GUESTS`).
        let egress = if guests.is_empty() { "ANY" } else { ZONE };
        let _ = writeln!(policy, "  <egress-zone name=\"{egress}\"/>");
        write_rules(&mut policy, rules.iter().filter(|r| r.way == Way::Out));
        let _ = writeln!(policy, "</policy>");
        out.file(format!("firewalld/{slug}/policies/{POLICY}.xml"), policy);
    }
    Ok(())
}

/// Writes rich rules; a rule identical to an earlier one (two flows meeting on the same
/// addresses and port) is written once, as firewalld refuses duplicates, and the comment of
/// the later flow says so.
fn write_rules<'a, 'p: 'a>(text: &mut String, rules: impl Iterator<Item = &'a HostRule<'p>>) {
    let mut seen: rustc_hash::FxHashSet<String> = rustc_hash::FxHashSet::default();
    for rule in rules {
        let flow = rule.flow;
        let _ = writeln!(
            text,
            "  <!-- {} -->",
            quote::xml_comment(&format!(
                "{} | {} to {} {}/{}: {}",
                flow.requirements.join(" "),
                flow.source.label(),
                flow.destination.label(),
                flow.ports,
                flow.transport,
                flow.justification
            ))
        );
        let peers: Vec<Option<String>> = match &rule.peer {
            None => vec![None],
            Some(nets) => nets.iter().map(|n| Some(n.to_string())).collect(),
        };
        let port = if rule.ports.is_single() {
            rule.ports.start().to_string()
        } else {
            format!("{}-{}", rule.ports.start(), rule.ports.end())
        };
        for peer in &peers {
            for local in &rule.local {
                let (source, destination) = match rule.way {
                    Way::In => (peer.clone(), Some(local.to_string())),
                    Way::Out => (Some(local.to_string()), peer.clone()),
                };
                let mut element = format!("  <rule family=\"{}\">\n", rule.family.as_str());
                if let Some(s) = source {
                    element.push_str(&format!("    <source address=\"{s}\"/>\n"));
                }
                if let Some(d) = destination {
                    element.push_str(&format!("    <destination address=\"{d}\"/>\n"));
                }
                element.push_str(&format!(
                    "    <port port=\"{port}\" protocol=\"{}\"/>\n",
                    rule.transport.as_str()
                ));
                element.push_str("    <accept/>\n  </rule>\n");
                if seen.insert(element.clone()) {
                    text.push_str(&element);
                } else {
                    let _ = writeln!(text, "  <!-- (same rule as above, not repeated) -->");
                }
            }
        }
    }
}
