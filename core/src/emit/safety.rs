//! What applying a host's firewall (or a network target) will cut and what stays open, said
//! at the top of every host-firewall file and network target: the default policies, the management access and egress the plan keeps
//! (see [`crate::plan::access`]), and, when no management access reaches the host, a loud
//! warning (in the file and as a note) that applying it over SSH locks the operator out.

use super::hostfw::{Family, HostRule, Way};
use super::{EmitNoteKind, Emitted};
use crate::plan::access::{MANAGEMENT_ID, is_egress, is_management};
use crate::plan::{Flow, FlowPlan, HostRef, NoteKind};

/// The warning's first words, for tests and readers grepping for it.
pub const NO_MANAGEMENT: &str = "WARNING: no management access reaches this host";

/// `22/tcp from zone admin` for each distinct management rule into the host.
fn management(rules: &[HostRule<'_>]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for rule in rules.iter().filter(|r| r.way == Way::In && is_management(r.flow)) {
        let text = format!("{}/{} from {}", rule.ports, rule.transport, rule.flow.source.label());
        if !out.contains(&text) {
            out.push(text);
        }
    }
    out
}

/// `53/udp to any` for each distinct egress rule out of the host.
fn egress(rules: &[HostRule<'_>]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for rule in rules.iter().filter(|r| r.way == Way::Out && is_egress(r.flow)) {
        let text =
            format!("{}/{} to {}", rule.ports, rule.transport, rule.flow.destination.label());
        if !out.contains(&text) {
            out.push(text);
        }
    }
    out
}

/// Does management access reach the host?
pub fn has_management(rules: &[HostRule<'_>]) -> bool {
    rules.iter().any(|r| r.way == Way::In && is_management(r.flow))
}

/// The lines (without comment markers) that open a host's file: what applying it cuts, what
/// stays open, and `apply`: how to apply it safely on this target. Adds the lockout note to
/// `out` when no management access reaches the host.
pub fn header(
    target: &str,
    host: &HostRef,
    rules: &[HostRule<'_>],
    apply: &[&str],
    out: &mut Emitted,
) -> Vec<String> {
    family_header(target, host, rules, None, apply, out)
}

/// [`header`] for a file that holds one family's rules only (iptables' `.v4` and `.v6`): what
/// stays open is what this file keeps, so the IPv6 file of a host managed over IPv4 says that
/// SSH over IPv6 is cut instead of naming the IPv4 access it does not hold.
pub fn family_header(
    target: &str,
    host: &HostRef,
    rules: &[HostRule<'_>],
    family: Option<Family>,
    apply: &[&str],
    out: &mut Emitted,
) -> Vec<String> {
    let mut lines = vec![
        "Applying this drops every packet in and out of this host that no rule below allows"
            .to_owned(),
        "(loopback and replies to allowed traffic excepted).".to_owned(),
    ];
    let mine: Vec<HostRule<'_>> =
        rules.iter().filter(|r| family.is_none_or(|f| r.family == f)).cloned().collect();
    let management_here = management(&mine);
    let management_anywhere = management(rules);
    let (this, other) = match family {
        Some(Family::V4) => ("IPv4", "IPv6"),
        _ => ("IPv6", "IPv4"),
    };
    if management_anywhere.is_empty() {
        lines.push(format!(
            "{NO_MANAGEMENT}: applying this over SSH cuts your session and locks you out."
        ));
        lines.push(
            "Name it in the topology first: management: [{ from: <admin zone or host>, ports: [22/tcp] }]"
                .to_owned(),
        );
        out.note(
            EmitNoteKind::Info,
            target,
            format!(
                "no management access reaches host {}: applying its rules over SSH locks you out (name `management` in the topology)",
                host.name
            ),
            &[MANAGEMENT_ID.to_owned()],
        );
    } else if management_here.is_empty() {
        lines.push(format!(
            "No management access over {this} in this file: SSH to this host over {this} is cut;"
        ));
        lines.push(format!(
            "it stays open over {other} only (the {other} file), so apply both from an {other} session."
        ));
    } else {
        lines.push(format!("Stays open for management: {}.", management_here.join(", ")));
        // A file with both families: a dual-stack host managed over one family only loses
        // new SSH sessions over the other, which "stays open" alone would hide.
        if family.is_none() {
            let managed = |f: Family| {
                rules.iter().any(|r| r.way == Way::In && r.family == f && is_management(r.flow))
            };
            let has = |f: Family| host.addresses.iter().any(|a| Family::of_address(*a) == f);
            for (f, this, other) in [(Family::V4, "IPv4", "IPv6"), (Family::V6, "IPv6", "IPv4")] {
                if has(f) && !managed(f) {
                    lines.push(format!(
                        "Over {this} no management access is kept: SSH to this host over {this} is cut, connect over {other}."
                    ));
                }
            }
        }
    }
    let egress_here = egress(&mine);
    if egress_here.is_empty() && (family.is_none() || egress(rules).is_empty()) {
        lines.push(
            "No egress for DNS or NTP: this host cannot resolve names or set its clock.".to_owned(),
        );
    } else if egress_here.is_empty() {
        lines.push(format!(
            "No {this} egress in this file: DNS, NTP and the egress of the topology stay open over {other} only."
        ));
    } else {
        lines.push(format!(
            "Stays open outbound (DNS, NTP, topology egress): {}.",
            egress_here.join(", ")
        ));
    }
    // Renewals of a DHCP lease are new UDP packets out to 67: with none allowed, a host that
    // takes its address by DHCP (most cloud VMs) loses it when the lease runs out.
    let dhcp = mine.iter().any(|r| {
        r.way == Way::Out
            && r.transport == crate::model::Transport::Udp
            && r.ports.contains_port(67)
    });
    let ipv4 = family.is_none_or(|f| f == Family::V4)
        && host.addresses.iter().any(|a| Family::of_address(*a) == Family::V4);
    if ipv4 && !dhcp {
        lines.push(
            "No DHCP out (67/udp): a host that takes its address by DHCP cannot renew its lease;"
                .to_owned(),
        );
        lines
            .push("if this one does, add an egress entry to its DHCP server on 67/udp.".to_owned());
    }
    lines.extend(apply.iter().map(|l| (*l).to_owned()));
    lines
}

/// The same for a whole-network target (cloud groups, NSGs, VPC rules, NetworkPolicies): what
/// applying it denies, the management and egress flows it keeps, or the lockout warning (in the
/// lines and as a note).
pub fn network_header(target: &str, plan: &FlowPlan, out: &mut Emitted) -> Vec<String> {
    let mut lines =
        vec!["Applying this denies every flow, in and out, that no rule below allows.".to_owned()];
    let describe = |keep: fn(&Flow) -> bool, to_side: bool| {
        let mut seen: Vec<String> = Vec::new();
        for flow in plan.flows.iter().filter(|f| keep(f)) {
            let text = if to_side {
                format!("{}/{} to {}", flow.ports, flow.transport, flow.destination.label())
            } else {
                format!(
                    "{}/{} from {} to {}",
                    flow.ports,
                    flow.transport,
                    flow.source.label(),
                    flow.destination.label()
                )
            };
            if !seen.contains(&text) {
                seen.push(text);
            }
        }
        seen
    };
    let management = describe(is_management, false);
    if management.is_empty() {
        lines.push(format!(
            "{NO_MANAGEMENT_NAMED}: applying this cuts SSH to every host. Name it in the topology:"
        ));
        lines.push("management: [{ from: <admin zone or host>, ports: [22/tcp] }]".to_owned());
        out.note(
            EmitNoteKind::Info,
            target,
            "the topology names no management access: applying these rules cuts SSH to every host (name `management` in the topology)".to_owned(),
            &[MANAGEMENT_ID.to_owned()],
        );
    } else {
        lines.push(format!("Stays open for management: {}.", management.join(", ")));
    }
    let egress = describe(is_egress, true);
    if !egress.is_empty() {
        lines.push(format!(
            "Stays open outbound (DNS, NTP, topology egress): {}.",
            egress.join(", ")
        ));
    }
    lines.extend(legs_lines(target, plan, out));
    lines
}

/// A host with a DMZ leg and an internal leg is reached from untrusted sources on its DMZ
/// addresses only; a whole-machine target (a group, an NSG, a tag, a pod selector) opens
/// every leg. Said in the file, where the rules are read, and as a note: on standard error
/// alone it was lost once the files were written. Wrapped, since comment lines are cut.
fn legs_lines(target: &str, plan: &FlowPlan, out: &mut Emitted) -> Vec<String> {
    let mut lines = Vec::new();
    for warning in legs_warnings(plan) {
        out.note(EmitNoteKind::NotExpressible, target, warning.clone(), &[]);
        lines.extend(wrap(&format!("{LEGS_NOT_EXPRESSIBLE}: {warning}"), WRAP_AT));
    }
    lines
}

/// The plan's notes about hosts whose untrusted legs only host firewalls can single out.
pub fn legs_warnings(plan: &FlowPlan) -> Vec<String> {
    plan.notes
        .iter()
        .filter(|n| n.kind == NoteKind::LegsChosen)
        .map(|n| n.message.clone())
        .collect()
}

/// Comment lines are cut at 400 characters ([`super::quote::hash_comment`]).
const WRAP_AT: usize = 100;

/// `text` in lines of at most about `width` characters, split between words.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Starts the line of a whole-machine target about a host's untrusted leg.
pub const LEGS_NOT_EXPRESSIBLE: &str =
    "WARNING: this target opens every leg of a host it lets in (it selects whole machines)";

/// The network targets' warning.
pub const NO_MANAGEMENT_NAMED: &str = "WARNING: the topology names no management access";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::{Target, emit};
    use crate::model::Direction;
    use crate::plan::access::with_access;
    use crate::topology::testkit::{catalog, platform, req};
    use crate::topology::{Format, parse};

    // The web port's clients are declared: a row with no stated peer is planned from them.
    const BASE: &str = "zones:
  admin: { cidrs: [10.9.0.0/24] }
  office: { cidrs: [10.8.0.0/24] }
  cluster: { cidrs: [10.0.0.0/22] }
hosts:
  cp1: { zone: cluster, address: 10.0.0.10, roles: [lm/web] }
clients:
  lm/web: [office]
";

    fn files(target: &str, extra: &str) -> Emitted {
        let catalog = catalog(vec![platform(
            "lm",
            vec![req("lm/web", "r-1", "8080", "tcp", Direction::Inbound)],
            &[],
        )]);
        let topology = parse(&format!("{BASE}{extra}"), "t.yaml", Format::Yaml).expect("parses");
        let plan = with_access(crate::plan::plan(&catalog, &topology), &topology);
        emit(Target::parse(target).expect("target"), &plan, &topology, None).expect("emits")
    }

    fn text(emitted: &Emitted, ends_with: &str) -> String {
        emitted
            .files
            .iter()
            .find(|f| f.path.ends_with(ends_with) && !f.path.contains("-groups"))
            .map(|f| f.contents.clone())
            .unwrap_or_default()
    }

    #[test]
    fn every_host_firewall_warns_when_no_management_reaches_the_host() {
        for (target, file) in [
            ("nftables", "cp1.nft"),
            ("iptables", "cp1.rules.v4"),
            ("ufw", "cp1.sh"),
            ("firewalld", "portolan.xml"),
        ] {
            let emitted = files(target, "");
            let contents = text(&emitted, file);
            assert!(contents.contains(NO_MANAGEMENT), "{target}: {contents}");
            assert!(contents.contains("53/udp to any"), "{target}: {contents}");
            assert!(
                emitted.notes.iter().any(|n| n.message.contains("locks you out")),
                "{target}: {:?}",
                emitted.notes
            );
        }
    }

    #[test]
    fn management_is_said_in_the_header_and_written_first() {
        let emitted = files("nftables", "management: [{ from: admin }]\n");
        let nft = text(&emitted, "cp1.nft");
        assert!(!nft.contains(NO_MANAGEMENT), "{nft}");
        assert!(nft.contains("# Stays open for management: 22/tcp from zone admin."), "{nft}");
        assert!(nft.contains("nft -c -f"), "{nft}");
        let ssh = nft.find("tcp dport 22 accept").expect("ssh rule");
        let web = nft.find("tcp dport 8080 accept").expect("web rule");
        assert!(ssh < web, "{nft}");
        assert!(!emitted.notes.iter().any(|n| n.message.contains("locks you out")));
    }

    #[test]
    fn ufw_says_it_resets_an_active_ufw_and_adds_management_before_enable() {
        let ufw = text(&files("ufw", "management: [{ from: admin }]\n"), "cp1.sh");
        let said = ufw.find("ufw is active: resetting it").expect("said");
        let reset = ufw.find("$UFW --force reset").expect("reset");
        let ssh = ufw.find("port 22 comment").expect("ssh");
        let web = ufw.find("port 8080 comment").expect("web");
        let enable = ufw.find("$UFW --force enable").expect("enable");
        assert!(said < reset && reset < ssh && ssh < web && web < enable, "{ufw}");
    }

    /// Regression (the IPv6 file claimed the IPv4 SSH access): iptables writes one file per
    /// family, and the `.v6` file of a host managed over IPv4 said "Stays open for management:
    /// 22/tcp from zone admin" while it holds no such rule; it now says SSH over IPv6 is cut.
    #[test]
    fn ipv6_file_of_a_host_managed_over_ipv4_says_ssh_over_ipv6_is_cut() {
        let extra = "management: [{ from: admin }]\n";
        let emitted = files("iptables", extra);
        let v4 = text(&emitted, "cp1.rules.v4");
        let v6 = text(&emitted, "cp1.rules.v6");
        assert!(v4.contains("# Stays open for management: 22/tcp from zone admin."), "{v4}");
        assert!(!v6.contains("Stays open for management"), "{v6}");
        assert!(v6.contains("No management access over IPv6 in this file"), "{v6}");
        assert!(!v6.contains(NO_MANAGEMENT), "{v6}");
        assert!(v6.contains("No IPv6 egress in this file"), "{v6}");
        // Not a lockout: no lockout note for a host reached over IPv4.
        assert!(!emitted.notes.iter().any(|n| n.message.contains("locks you out")));
    }

    /// Regression (a way back that died with the session): the nftables advice was
    /// `(sleep 120; nft delete table …) & nft -f`, a job of the SSH session's shell, which the
    /// session's hang-up kills exactly when the new rules cut it. The way back is now a
    /// systemd timer set before (`&&`) the rules load; ufw gets the same; firewalld's steps
    /// are no longer mangled (`-_reload`) by the XML comment quoting.
    #[test]
    fn the_way_back_outlives_the_ssh_session_and_commands_stay_pasteable() {
        let extra = "management: [{ from: admin }]\n";
        for (target, file, undo) in [
            ("nftables", "cp1.nft", "nft -f /root/portolan-before.nft && nft -f <this file>"),
            ("ufw", "cp1.sh", "sh /root/portolan-before/undo.sh && sh <this file>"),
            (
                "iptables",
                "cp1.rules.v4",
                "iptables-restore /root/portolan-before.v4 && iptables-restore --noflush <this file>",
            ),
        ] {
            let contents = text(&files(target, extra), file);
            let line = contents.lines().find(|l| l.contains("systemd-run")).expect("timer");
            assert!(line.contains("--on-active=120") && line.ends_with(undo), "{target}: {line}");
            // Regression (reapply.py, IPv6): a bare iptables-save of a host with no rules
            // yet is empty, and restoring it removed nothing.
            if target == "iptables" {
                assert!(
                    line.contains("iptables-save -t filter > /root/portolan-before.v4"),
                    "{line}"
                );
            }
            assert!(!contents.contains("(sleep"), "{target}: {contents}");
            assert!(contents.contains("systemctl stop"), "{target}: {contents}");
        }
        let zone = text(&files("firewalld", extra), "zones/portolan.xml");
        assert!(!zone.contains("-_"), "{zone}");
        let description = zone.lines().find(|l| l.contains("<description>")).expect("description");
        for command in [
            "firewall-cmd --check-config",
            "firewall-cmd --reload",
            "firewall-cmd --set-default-zone=portolan",
            "firewall-cmd --get-default-zone",
            // Regression (tests/netns/reapply.py): the default zone set back left the egress
            // policy dropping the host's outbound traffic beyond the plan.
            "firewall-cmd --permanent --delete-policy=portolan-egress",
        ] {
            assert!(description.contains(command), "{command}: {description}");
        }
        let v4 = text(&files("iptables", extra), "cp1.rules.v4");
        assert!(v4.contains("# Forwarded packets that no earlier rule of FORWARD accepts"), "{v4}");
        assert!(v4.contains("Load the .v6 file too"), "{v4}");
    }

    /// A dual-stack host managed from an IPv4-only admin zone: the one-file targets said
    /// "Stays open for management" and nothing of IPv6, where new SSH sessions are cut.
    #[test]
    fn a_dual_stack_host_managed_over_ipv4_is_told_ssh_over_ipv6_is_cut() {
        let catalog = catalog(vec![platform("lm", vec![], &[])]);
        let yaml = "zones:\n  admin: { cidrs: [10.9.0.0/24] }\n  srv: { cidrs: [10.0.0.0/24, 'fd00::/64'] }\nhosts:\n  h: { zone: srv, address: [10.0.0.5, 'fd00::5'] }\nmanagement: [{ from: admin }]\n";
        let topology = parse(yaml, "t.yaml", Format::Yaml).expect("parses");
        let plan = with_access(crate::plan::plan(&catalog, &topology), &topology);
        for (target, file) in
            [("nftables", "h.nft"), ("ufw", "h.sh"), ("firewalld", "portolan.xml")]
        {
            let emitted = emit(Target::parse(target).expect("target"), &plan, &topology, None)
                .expect("emits");
            let contents = text(&emitted, file);
            assert!(
                contents.contains("Over IPv6 no management access is kept"),
                "{target}: {contents}"
            );
            assert!(!contents.contains("Over IPv4 no management"), "{target}: {contents}");
        }
    }

    /// A cloud VM takes its address by DHCP, and the default drop out cut its lease renewals
    /// (67/udp) in silence; the header now says so unless an egress entry allows them.
    #[test]
    fn dhcp_renewals_are_said_unless_egress_allows_them() {
        let contents = text(&files("nftables", "management: [{ from: admin }]\n"), "cp1.nft");
        assert!(contents.contains("No DHCP out (67/udp)"), "{contents}");
        let extra = "management: [{ from: admin }]\negress: [{ to: 10.0.0.1, ports: [67/udp] }]\n";
        let contents = text(&files("nftables", extra), "cp1.nft");
        assert!(!contents.contains("No DHCP out"), "{contents}");
        assert!(contents.contains("udp dport 67 accept"), "{contents}");
        let v6 = text(&files("iptables", "management: [{ from: admin }]\n"), "cp1.rules.v6");
        assert!(!v6.contains("DHCP"), "{v6}");
    }

    #[test]
    fn network_targets_say_what_stays_open_or_warn() {
        for (target, file) in [
            ("aws-terraform", ".tf"),
            ("azure-nsg", ".tf"),
            ("gcp-terraform", ".tf"),
            ("kubernetes", "00-default-deny.yaml"),
        ] {
            let emitted = files(target, "");
            let contents = text(&emitted, file);
            assert!(contents.contains(NO_MANAGEMENT_NAMED), "{target}: {contents}");
            assert!(emitted.notes.iter().any(|n| n.message.contains("cuts SSH")), "{target}");
            let contents = text(&files(target, "management: [{ from: admin }]\n"), file);
            assert!(
                contents.contains("Stays open for management: 22/tcp from zone admin to host cp1."),
                "{target}: {contents}"
            );
        }
    }

    #[test]
    fn the_change_request_warns_or_names_the_management_rows() {
        let md = text(&files("change-request", ""), ".md");
        assert!(md.contains("**Warning: no management access.**"), "{md}");
        let md = text(&files("change-request", "management: [{ from: admin }]\n"), ".md");
        assert!(
            md.contains("Management access (kept open on every host it names): rows #"),
            "{md}"
        );
        assert!(md.contains("| t.yaml:9 |"), "{md}");
    }
}
